//! The prose of real published PDFs (tests/fixtures/corpus) against their own tables.
//!
//! 淮安市人民政府 2024 (p2): "全市共受理政府信息公开申请 3119 件，答复 3050 件（含上年度结转申请
//! 34 件，另有 103 件顺延到下年度答复）…政府信息公开行政复议 351 件，其中结果维持 72 件，结果纠正
//! 64 件，其他结果 178 件，尚未审结 37 件；政府信息公开行政诉讼 46 件，其中结果维持 25 件，结果纠正
//! 5 件，其他结果 9 件，尚未审结 7 件。" Its 表三 prints 3119, 34, （七）总计 3050 and 103 carried
//! over; 表四 prints 351 reviews and 26 + 20 lawsuits. 洪泽区 2024 says "区政府办代表区政府受理政府
//! 信息公开申请 17 件" while its 表三 says 95: a real disagreement (the office's share, or a
//! wrong figure), which a reviewer should see.
//!
//! These tests need `pdftotext`; without it they say so and pass.
#![allow(clippy::unwrap_used)]

use gongkai_check::prose::{evaluate, Verdict};
use gongkai_model::Report;

fn read(name: &str) -> Option<Report> {
    let path = format!(
        "{}/../../tests/fixtures/corpus/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(path).unwrap();
    match gongkai_read::read_bytes(&bytes) {
        Ok(r) => Some(r.report),
        Err(gongkai_read::ReadError::ToolMissing { tool, .. }) => {
            eprintln!("SKIPPED: {tool} is not installed");
            None
        }
        Err(e) => panic!("{name}: {e}"),
    }
}

fn checks(r: &Report) -> Vec<(&'static str, Verdict, String, String)> {
    evaluate(r)
        .into_iter()
        .map(|c| (c.rule, c.verdict, c.location.to_string(), c.evidence))
        .collect()
}

#[test]
fn huaian_2024_prose_agrees_with_its_tables() {
    let Some(r) = read("huaian-shi-2024.pdf") else {
        return;
    };
    let v = |rule, at: &str, ev: &str| (rule, Verdict::Holds, at.to_string(), ev.to_string());
    // The paragraph is one line of the layout (its lines on the page joined, as they wrap):
    // places are the printed lines of page 2 that hold the figures (`和针对性。2024年，全市共受
    // 理政府信息公开申请3119件，答` is its 4th, line 7), and the column on that line.
    let t = "PROSE-VS-TABLE";
    let s = "PROSE-PARTS-SUM";
    assert_eq!(
        checks(&r),
        vec![
            v(t, "p2:L7:25", "requests_received: 3119 = 3119"),
            v(t, "p2:L8:2", "replies_total: 3050 = 3050"),
            v(t, "p2:L8:16", "requests_carried_in: 34 = 34"),
            v(t, "p2:L8:22", "requests_carried_out: 103 = 103"),
            // 72 + 64 + 178 + 37 = 351
            v(s, "p2:L9:27", "72 + 64 + 178 + 37 = 351"),
            v(t, "p2:L9:27", "reviews: 351 = 351"),
            // 25 + 5 + 9 + 7 = 46; 表四 26 direct + 20 after review
            v(s, "p2:L11:18", "25 + 5 + 9 + 7 = 46"),
            v(t, "p2:L11:18", "lawsuits: 46 = 26 + 20"),
        ]
    );
    // 市政府网站主动公开各类政府信息 5500 余条, read across the PDF's line break.
    // (The PDF's words are joined as a Chinese typesetter means them: no space after 5500.)
    let p = r
        .statements
        .iter()
        .find(|s| s.text.replace(' ', "") == "5500余条")
        .unwrap();
    assert_eq!((p.quantity.lo, p.quantity.hi), (5500.0, 5599.0));
    assert_eq!(p.subject, "市政府网站主动公开各类政府信息");
}

#[test]
fn hongze_prose_against_tables() {
    let Some(r) = read("hongze-qu-2023.pdf") else {
        return;
    };
    assert_eq!(
        checks(&r),
        vec![(
            "PROSE-VS-TABLE",
            Verdict::Holds,
            "p1:L20:27".to_string(),
            "requests_received: 21 = 21".to_string()
        )]
    );
    let Some(r) = read("hongze-qu-2024.pdf") else {
        return;
    };
    assert_eq!(
        checks(&r),
        vec![(
            "PROSE-VS-TABLE",
            Verdict::Fails,
            "p1:L24:7".to_string(),
            "requests_received: 17 ≠ 95".to_string()
        )]
    );
}
