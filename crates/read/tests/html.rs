//! HTML pages: charset declarations, site chrome and layout tables around the report, data
//! tables with merged cells; the cells read from the page equal those read from the text.
#![allow(clippy::unwrap_used)]

use gongkai_model::{CellState, Source};
use gongkai_read::{read_bytes, read_str};

fn seed(name: &str) -> String {
    let path = format!(
        "{}/../../tests/fixtures/seeds/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).unwrap()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Seed 001 as a CMS page: GB2312, navigation, a layout table around the content, the pipe rows
/// as a real table, Word's `<o:p>` leftovers, a footer.
fn seed_001_page() -> Vec<u8> {
    let mut out = vec![
        r#"<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">"#.to_string(),
        r#"<title>报告</title><script>var x = "<td>1</td>";</script><style>td { color: red }</style></head><body>"#.to_string(),
        r#"<div class="nav"><a href="/">首页</a> &gt; <a>政务公开</a></div><table width="100%"><tr><td><div class="content">"#.to_string(),
    ];
    let mut in_table = false;
    for line in seed("001_a1fd908adc18705e.txt").lines() {
        if line.contains('|') {
            if !in_table {
                out.push(r#"<table border="1">"#.into());
                in_table = true;
            }
            let mut cells: Vec<&str> = line.split('|').map(str::trim).collect();
            while cells.last() == Some(&"") {
                cells.pop();
            }
            let tds: String = cells
                .iter()
                .map(|c| format!("<td>{}</td>", escape(c)))
                .collect();
            out.push(format!("<tr>{tds}</tr>"));
        } else {
            if in_table {
                out.push("</table>".into());
                in_table = false;
            }
            out.push(format!(
                r#"<p style="text-indent:2em"><span>{}</span><o:p></o:p></p>"#,
                escape(line)
            ));
        }
    }
    if in_table {
        out.push("</table>".into());
    }
    out.push(r#"</div></td></tr></table><div class="footer">版权所有：杭州市滨江区人民政府 网站标识码：3301080001</div></body></html>"#.into());
    encoding_rs::GBK.encode(&out.join("\n")).0.into_owned()
}

#[test]
fn a_gb2312_cms_page_reads_like_its_text() {
    let page = read_bytes(&seed_001_page()).unwrap().report;
    let text = read_str(seed("001_a1fd908adc18705e.txt")).report;
    assert_eq!(page.format, text.format);
    assert_eq!(page.agency.value, text.agency.value);
    assert_eq!(page.year.value, text.year.value);
    assert_eq!(page.cells.len(), text.cells.len());
    for (p, t) in page.cells.iter().zip(&text.cells) {
        assert_eq!(
            (p.key(), p.state, p.value, &p.text),
            (t.key(), t.state, t.value, &t.text)
        );
        assert!(
            matches!(p.source, Source::Grid { .. }),
            "{}: {:?}",
            p.key(),
            p.source
        );
    }
    assert!(page.notes.is_empty(), "{:?}", page.notes);
    // 行政处罚's 本年增/减 is the third cell of the table's 11th row.
    assert_eq!(
        page.get("proactive", "penalty", "change").unwrap().source,
        Source::Grid {
            page: 0,
            table: 1,
            row: 11,
            cell: 3
        }
    );
}

/// 表三 the way the official format draws it: merged header, merged row-label cells.
const MERGED_TABLE_3: &str = r#"<html><body><h2>2022年政府信息公开工作年度报告</h2>
<p>三、收到和处理政府信息公开申请情况</p>
<table>
<tr><td colspan="3" rowspan="2">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>
<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
<tr><td colspan="3"></td><td>商业<br>企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
<tr><td colspan="3">一、本年新收政府信息公开申请数量</td><td>7</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>8</td></tr>
<tr><td colspan="3">二、上年结转政府信息公开申请数量</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>
<tr><td rowspan="22">三、本年度办理结果</td><td colspan="2">（一）予以公开</td><td>5</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>6</td></tr>
<tr><td colspan="2">（二）部分公开（区分处理的，只计这一情形，不计其他情形）</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>
<tr><td rowspan="8">（三）不予公开</td><td>1.属于国家秘密</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>2.其他法律行政法规禁止公开</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>3.危及“三安全一稳定”</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>4.保护第三方合法权益</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>5.属于三类内部事务信息</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>6.属于四类过程性信息</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>7.属于行政执法案卷</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>8.属于行政查询事项</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td rowspan="3">（四）无法提供</td><td>1.本机关不掌握相关政府信息</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>
<tr><td>2.没有现成信息需要另行制作</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>3.补正后申请内容仍不明确</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td rowspan="5">（五）不予处理</td><td>1.信访举报投诉类申请</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>2.重复申请</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>3.要求提供公开出版物</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>4.无正当理由大量反复申请</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>5.要求行政机关确认或重新出具已获取信息</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td rowspan="3">（六）其他处理</td><td>1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>3.其他</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td colspan="2">（七）总计</td><td>7</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>8</td></tr>
<tr><td colspan="3">四、结转下年度继续办理</td><td>1</td><td>0</td><td>0</td><td>0</td><td></td><td>0</td><td>1</td></tr>
</table></body></html>"#;

#[test]
fn merged_cells_are_expanded_and_a_blank_cell_stays_blank() {
    let r = read_bytes(MERGED_TABLE_3.as_bytes()).unwrap().report;
    assert_eq!(r.format, gongkai_model::FormatId::F2021);
    let v = |row: &str, col: &str| r.get("requests", row, col).unwrap().value;
    assert_eq!(v("received", "natural_person"), Some(7.0));
    assert_eq!(v("received", "business"), Some(1.0));
    assert_eq!(v("granted", "total"), Some(6.0));
    assert_eq!(v("unavailable_not_held", "natural_person"), Some(1.0));
    assert_eq!(v("other_misc", "total"), Some(0.0));
    assert_eq!(v("total", "total"), Some(8.0));
    // The empty <td> between values is a blank cell, not a zero and not a shift.
    let blank = r.get("requests", "carried_out", "legal_service").unwrap();
    assert_eq!(blank.state, CellState::Blank);
    assert_eq!(v("carried_out", "other_org"), Some(0.0));
    assert_eq!(v("carried_out", "total"), Some(1.0));
    // The table balances (the page has only 表三, so the structure rules have their say).
    let rules: Vec<&str> = gongkai_check::check(&r)
        .iter()
        .filter(|f| f.severity == gongkai_model::Severity::Error && f.rule.starts_with('T'))
        .map(|f| f.rule)
        .collect();
    assert!(rules.is_empty(), "{rules:?}");
}

#[test]
fn hostile_pages_never_panic() {
    // Nesting deep enough to make the HTML tree builder quadratic is refused up front.
    let deep = "<div>".repeat(100_000) + "规章 0 0 0" + &"</div>".repeat(100_000);
    assert!(matches!(
        read_bytes(deep.as_bytes()),
        Err(gongkai_read::ReadError::Corrupt { kind: "HTML", .. })
    ));
    let fine = "<div>".repeat(300) + "<p>规章</p>" + &"</div>".repeat(300);
    assert!(read_bytes(fine.as_bytes()).is_ok());
    let wide =
        r#"<html><table><tr><td colspan="99999999" rowspan="99999999">x</td></tr></table></html>"#;
    let _ = read_bytes(wide.as_bytes()).unwrap();
    let nested = "<html>".to_string() + &"<table><tr><td>".repeat(5_000) + "0";
    assert!(read_bytes(nested.as_bytes()).is_err());
    let nested = "<html>".to_string() + &"<table><tr><td>".repeat(50) + "行政许可 | 0";
    let _ = read_bytes(nested.as_bytes()).unwrap();
    let page = seed_001_page();
    for cut in (0..page.len()).step_by(97) {
        let _ = read_bytes(&page[..cut]);
    }
}
