//! Every kind of note the reader writes, produced from a small text, and documented in the rule
//! catalogue (the reader and the catalogue must agree on the ids).
#![allow(clippy::unwrap_used)]

use gongkai_read::read_str;

fn seed_001() -> String {
    let path = format!(
        "{}/../../tests/fixtures/seeds/001_a1fd908adc18705e.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).unwrap()
}

/// The notes of a variant of seed 001, by rule id, with their lines.
fn notes(text: String) -> Vec<(&'static str, Option<u32>)> {
    read_str(text)
        .report
        .notes
        .iter()
        .map(|n| (n.rule, n.location.line_no()))
        .collect()
}

#[test]
fn each_reader_note_is_produced_where_it_belongs_and_is_catalogued() {
    let base = seed_001();
    let cases: Vec<(&str, String, u32)> = vec![
        (
            "ROW-VALUE-COUNT",
            base.replace("二、上年结转政府信息公开申请数量 | 0 | 0 |", "二、上年结转政府信息公开申请数量 | 0 |"),
            37,
        ),
        (
            "CELL-UNREADABLE",
            base.replace("行政处罚 | 73 | 增271 | 90 |", "行政处罚 | 73 | 增271 | 9O |"),
            24,
        ),
        (
            "ROW-DUPLICATE",
            base.replace(
                "2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||",
                "2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||\n2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||",
            ),
            53,
        ),
        (
            "ROW-UNLABELLED",
            base.replace(
                "行政强制 | 0 | 0 | 0 |",
                "行政强制 | 0 | 0 | 0 |\n其他主动公开文件 | 3 | 4 | 5 |",
            ),
            26,
        ),
        (
            "LABEL-FUZZY",
            base.replace("2.其他法律行政法规禁止公开 |", "2.其他法律行政止公开 |"),
            41,
        ),
        (
            "FORMAT-MIXED",
            base.replace("信息内容 | 本年新制作数量 |", "信息内容 | 本年制发件数 |"),
            0,
        ),
    ];
    let catalogue: Vec<&str> = gongkai_check::catalogue().iter().map(|r| r.id).collect();
    for (rule, text, line) in cases {
        let found = notes(text);
        let hit = found.iter().find(|(r, _)| *r == rule);
        assert!(hit.is_some(), "{rule} not produced: {found:?}");
        if line > 0 {
            assert_eq!(hit.unwrap().1, Some(line), "{rule} at the wrong line");
        }
        for (r, _) in &found {
            assert!(catalogue.contains(r), "{r} is not in the rule catalogue");
        }
    }
}
