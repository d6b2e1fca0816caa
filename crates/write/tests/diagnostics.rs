mod common;

use common::*;
use gongkai_model::{CellState, Finding, Lang, Message, Outcome, Severity, Source};
use gongkai_write::{render_diagnostics, render_diagnostics_with_report};

/// The fixture text with one more line holding full-width separators.
fn text() -> String {
    format!("{TEXT}（一）予以公开｜3｜4\n")
}

fn finding(rule: &'static str, severity: Severity, at: Source) -> Finding {
    Finding::new(
        rule,
        severity,
        Outcome::Fail,
        Message::new("中文说明", "English text"),
    )
    .at(at)
}

fn plain(findings: &[Finding], lang: Lang) -> String {
    render_diagnostics("fixture.txt", &text(), findings, lang, false)
}

#[test]
fn caret_under_a_cjk_cell_zh() {
    // `规范性文件` is 5 characters but 10 columns wide: `12` is character 13, column 17.
    let want = "\
错误[T3-BALANCE]: 表三 一+二 与 三(七)+四 不相等
 --> fixture.txt:2:13
  |
2 | 规范性文件 | 0 | 12
  |                  ^^
  |
  = 依据: 5 + 0 ≠ 12
";
    assert_eq!(plain(&[balance()], Lang::Zh), want);
}

#[test]
fn caret_after_full_width_bars_en() {
    // （一）予以公开 (7 wide characters), ｜, 3, ｜, then `4`: character 11, column 19.
    let want = "\
error[T3-BALANCE]: English text
 --> fixture.txt:5:11
  |
5 | （一）予以公开｜3｜4
  |                    ^
";
    let f = finding("T3-BALANCE", Severity::Error, text_at(5, 11, 1));
    assert_eq!(plain(&[f], Lang::En), want);
}

#[test]
fn caret_on_a_tab_separated_line() {
    // Tabs are shown as four spaces; `7` is character 7, and 6 + 4 + 1 + 4 = 15 columns in.
    let want = "\
warning[T3-ROW-TOTAL]: English text
 --> fixture.txt:3:7
  |
3 | 自然人    5    7
  |                ^
  |
  = undecided
";
    let mut f = finding("T3-ROW-TOTAL", Severity::Warning, text_at(3, 7, 1));
    f.outcome = Outcome::Uncertain;
    assert_eq!(plain(&[f], Lang::En), want);
}

#[test]
fn a_whole_line_source_marks_the_line() {
    let want = "\
提示[P-NOTE]: 中文说明
 --> fixture.txt:4:1
  |
4 | 本年收费金额 14.4万元
  | ^^^^^^^^^^^^^^^^^^^^^
";
    let f = finding("P-NOTE", Severity::Notice, Source::line(4));
    assert_eq!(plain(&[f], Lang::Zh), want);
}

#[test]
fn finding_without_source_zh_and_en() {
    let want_zh = "\
警告[T3-ROW-TOTAL]: 总计无法核对
--> fixture.txt
 = 依据: _ + 7 =? 7
 = 无法判定
";
    assert_eq!(plain(&[uncertain_nowhere()], Lang::Zh), want_zh);
    let want_en = "\
warning[T3-ROW-TOTAL]: the total cannot be checked
--> fixture.txt
 = evidence: _ + 7 =? 7
 = undecided
";
    assert_eq!(plain(&[uncertain_nowhere()], Lang::En), want_en);
}

#[test]
fn grid_source_is_named_not_shown() {
    let f = finding(
        "T4-TOTAL",
        Severity::Error,
        Source::Grid {
            page: 2,
            table: 1,
            row: 5,
            cell: 3,
        },
    );
    assert_eq!(
        plain(&[f], Lang::En),
        "error[T4-TOTAL]: English text\n--> fixture.txt:p2.t1.r5.c3\n"
    );
}

#[test]
fn line_past_the_end_gives_the_header_and_place_only() {
    let past = finding("X-PAST", Severity::Error, Source::line(99)).with_evidence("1 ≠ 2");
    assert_eq!(
        plain(&[past], Lang::Zh),
        "错误[X-PAST]: 中文说明\n--> fixture.txt:99:1\n = 依据: 1 ≠ 2\n"
    );
    let zero = finding("X-ZERO", Severity::Error, text_at(0, 0, 3));
    assert_eq!(
        plain(&[zero], Lang::En),
        "error[X-ZERO]: English text\n--> fixture.txt:0:1\n"
    );
    // No text at all.
    let out = render_diagnostics("empty.txt", "", &[balance()], Lang::En, false);
    assert!(out.starts_with("error[T3-BALANCE]: "), "{out}");
    assert!(out.contains("--> empty.txt:2:13\n"), "{out}");
}

#[test]
fn column_past_the_end_of_its_line_points_at_the_end() {
    let f = finding("X-COL", Severity::Warning, text_at(2, 50, 3));
    let want = "\
warning[X-COL]: English text
 --> fixture.txt:2:15
  |
2 | 规范性文件 | 0 | 12
  |                    ^
";
    assert_eq!(plain(&[f], Lang::En), want);
}

#[test]
fn several_findings_on_one_line_keep_input_order() {
    let later = finding("B-SECOND-COLUMN", Severity::Error, text_at(2, 13, 2));
    let earlier = finding("A-FIRST-COLUMN", Severity::Notice, text_at(2, 9, 1));
    let want = "\
error[B-SECOND-COLUMN]: English text
 --> fixture.txt:2:13
  |
2 | 规范性文件 | 0 | 12
  |                  ^^

notice[A-FIRST-COLUMN]: English text
 --> fixture.txt:2:9
  |
2 | 规范性文件 | 0 | 12
  |              ^
";
    assert_eq!(plain(&[later, earlier], Lang::En), want);
}

#[test]
fn no_findings_no_output() {
    assert_eq!(plain(&[], Lang::Zh), "");
}

#[test]
fn line_breaks_counted_like_the_reader() {
    // `\r\n` and a lone `\r` each end one line.
    let text = "甲\r\n乙\r丙 | 9\n";
    let f = finding("X", Severity::Error, text_at(3, 5, 1));
    let want = "\
error[X]: English text
 --> t.txt:3:5
  |
3 | 丙 | 9
  |      ^
";
    assert_eq!(
        render_diagnostics("t.txt", text, &[f], Lang::En, false),
        want
    );
}

#[test]
fn color_adds_only_styles() {
    let findings = [balance(), uncertain_nowhere()];
    let colored = render_diagnostics("fixture.txt", &text(), &findings, Lang::Zh, true);
    assert!(colored.contains('\u{1b}'), "styled output has escapes");
    assert_eq!(strip_ansi(&colored), plain(&findings, Lang::Zh));
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            // CSI: ESC [ parameters final-byte
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn other_cells_marked_with_the_report() {
    let r = report();
    let f = Finding::new(
        "T-MIXED",
        Severity::Error,
        Outcome::Fail,
        Message::new("中文说明", "English text"),
    )
    .with_cells(vec![
        key("requests", "received", "natural_person"),
        key("proactive", "normative_documents", "in_force"),
        key("proactive", "fees", "amount"),
        // Alone on line 5, which the fixture text does not have: skipped, not a panic.
        key("requests", "carried_in", "natural_person"),
        // No source at all.
        key("requests", "received", "total"),
    ])
    .at(text_at(2, 13, 2));
    let want = "\
error[T-MIXED]: English text
 --> fixture.txt:2:13
  |
2 | 规范性文件 | 0 | 12
  |                  ^^ proactive.normative_documents.in_force
3 | 自然人    5    7
  |                - requests.received.natural_person
4 | 本年收费金额 14.4万元
  |              -------- proactive.fees.amount
";
    assert_eq!(
        render_diagnostics_with_report("fixture.txt", TEXT, &r, &[f], Lang::En, false),
        want
    );
}

#[test]
fn only_a_few_nearby_cells_are_marked() {
    let mut r = report();
    // Line 2 holds the seven values of 一、本年新收; the total is printed far below.
    let mut text = String::from("三、收到和处理政府信息公开申请情况\n1 2 3 4 5 6 28\n");
    for i in 3..=20 {
        text.push_str(&format!("第{i}行\n"));
    }
    text.push_str("总计 28\n");
    let columns = [
        "natural_person",
        "business",
        "research",
        "social_org",
        "legal_service",
        "other_org",
    ];
    let mut keys = Vec::new();
    for (i, col) in columns.iter().enumerate() {
        let k = key("requests", "received", col);
        let c = r.cell_mut(&k).expect("cell");
        c.state = CellState::Number;
        c.source = text_at(2, 2 * i as u32 + 1, 1);
        keys.push(k);
    }
    let total = key("requests", "received", "total");
    if let Some(c) = r.cell_mut(&total) {
        c.source = text_at(21, 4, 2);
    }
    keys.push(total);
    let f = Finding::new(
        "T3-ROW-TOTAL",
        Severity::Error,
        Outcome::Fail,
        Message::new("中文说明", "English text"),
    )
    .with_cells(keys)
    .at(text_at(2, 1, 1));
    let zh = render_diagnostics_with_report(
        "t.txt",
        &text,
        &r,
        std::slice::from_ref(&f),
        Lang::Zh,
        false,
    );
    // In Chinese, cells of one row are named by their official column labels.
    assert!(zh.contains("商业企业") && zh.contains("自然人"), "{zh}");
    let out = render_diagnostics_with_report("t.txt", &text, &r, &[f], Lang::En, false);
    // One table: labels drop the table key.
    assert!(out.contains("received.natural_person"), "{out}");
    for shown in ["business", "research", "social_org", "legal_service"] {
        assert!(out.contains(&format!("received.{shown}")), "{shown}: {out}");
    }
    // The fifth other cell is over the limit; the total is 19 lines away.
    assert!(!out.contains("other_org"), "{out}");
    assert!(!out.contains("received.total"), "{out}");
    assert!(!out.contains("21 |"), "{out}");
}
