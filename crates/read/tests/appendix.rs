//! Legacy 附表 (政府信息公开情况统计表): a pre-2019 report whose statistics appendix is printed
//! in each layout the reader knows (one cell per line, `|` rows, tab rows, space-aligned, HTML,
//! DOCX), read into `legacy` cells with their `cumulative` column; the table wins over the prose
//! and a disagreement is PROSE-VS-APPENDIX.
//!
//! The fixture is written after the wording of the 定西 and 莆田 templates (REPORT-FORMAT.md §6.3)
//! and the 2014–2018 统计表; the values expected are worked out by hand below, not by the reader.
#![allow(clippy::unwrap_used)]

mod common;

use gongkai_check::prose::{evaluate, Verdict};
use gongkai_model::report::format_value;
use gongkai_model::{CellState, FormatId, Outcome, Report};
use gongkai_read::{read_bytes, read_str};

/// The prose of the report: its figures agree with the 附表 below.
const PROSE: &str = "某县人民政府2013年政府信息公开工作年度报告

根据《中华人民共和国政府信息公开条例》规定，现公布某县人民政府2013年政府信息公开工作年度报告。本报告统计数据的期限为2013年1月1日至2013年12月31日。

一、概述

2013年，我县认真贯彻落实《条例》，健全政府信息公开工作机制，组织开展业务培训6次。

二、主动公开政府信息情况

2013年，我县共主动公开政府信息1286条，其中通过政府网站公开1120条。

三、依申请公开政府信息情况

全年共受理政府信息公开申请15件，其中同意公开11件，同意部分公开2件，不予公开2件。

四、政府信息公开的收费及减免情况

全年共收取检索、复制、邮寄等费用120元。

五、因政府信息公开申请行政复议、提起行政诉讼的情况

全年发生政府信息公开行政复议1件，未发生行政诉讼。

六、政府信息公开工作存在的主要问题及改进情况

一是公开内容不够全面；二是依申请公开办理不够规范。下一步将加强培训，规范流程。

七、其他需要报告的事项

附表：某县人民政府2013年度政府信息公开情况统计表
";

/// The 附表: label, unit, 本年度, 历年累计 (empty strings print as empty cells; a group heading
/// has no unit and no values).
const ROWS: &[(&str, &str, &str, &str)] = &[
    ("一、主动公开情况", "", "", ""),
    ("主动公开政府信息数", "条", "1286", "6835"),
    ("其中：全文电子化的主动公开信息数", "条", "1286", "6835"),
    ("通过政府网站公开数", "条", "1120", "5904"),
    ("政府公报公开数", "条", "48", "301"),
    ("新增的行政规范性文件数", "件", "23", "140"),
    ("二、依申请公开情况", "", "", ""),
    ("申请总数", "件", "15", "62"),
    ("其中：1.当面申请数", "件", "6", "21"),
    ("2.网上申请数", "件", "5", "30"),
    ("3.信函申请数", "件", "3", "8"),
    ("4.传真申请数", "件", "1", "3"),
    ("5.电子邮件申请数", "件", "0", "0"),
    ("对申请的答复总数", "件", "15", "62"),
    ("其中：1.同意公开答复数", "件", "11", "45"),
    ("2.同意部分公开答复数", "件", "2", "6"),
    ("3.否决公开答复总数", "件", "2", "11"),
    ("三、收费情况", "", "", ""),
    ("依申请公开信息收取的费用", "元", "120", "860"),
    ("四、行政复议、诉讼和申诉情况", "", "", ""),
    ("行政复议数", "件", "1", "3"),
    ("行政诉讼数", "件", "0", "1"),
    ("行政申诉数", "件", "0", "/"),
    ("五、咨询情况", "", "", ""),
    ("网站专栏页面访问量", "人次", "35620", "128400"),
    ("现场接待人数", "人次", "210", "—"),
];

const HEADER: [&str; 4] = ["指标名称", "计量单位", "本年度", "历年累计"];

const SIGNATURE: &str = "\n某县人民政府办公室\n2014年3月20日\n";

/// What the 附表 says, worked out by hand: (row, year, cumulative) with `None` for a
/// not-applicable mark; money in 万元 (120元 = 0.012万元). 传真申请数 is a second row of
/// `requests_letter_fax` (信函申请数 came first): kept as an extra, like the indicators the
/// format does not have.
const WANT: &[(&str, Option<f64>, Option<f64>)] = &[
    ("proactive_total", Some(1286.0), Some(6835.0)),
    ("proactive_fulltext", Some(1286.0), Some(6835.0)),
    ("proactive_website", Some(1120.0), Some(5904.0)),
    ("proactive_gazette", Some(48.0), Some(301.0)),
    ("proactive_normative", Some(23.0), Some(140.0)),
    ("requests_received", Some(15.0), Some(62.0)),
    ("requests_in_person", Some(6.0), Some(21.0)),
    ("requests_online", Some(5.0), Some(30.0)),
    ("requests_letter_fax", Some(3.0), Some(8.0)),
    ("requests_email", Some(0.0), Some(0.0)),
    ("replies_total", Some(15.0), Some(62.0)),
    ("replies_granted", Some(11.0), Some(45.0)),
    ("replies_partial", Some(2.0), Some(6.0)),
    ("replies_refused", Some(2.0), Some(11.0)),
    ("fees", Some(0.012), Some(0.086)),
    ("reviews", Some(1.0), Some(3.0)),
    ("lawsuits", Some(0.0), Some(1.0)),
    ("complaints", Some(0.0), None),
    ("extra.1", Some(1.0), Some(3.0)),
    ("extra.2", Some(35620.0), Some(128400.0)),
    ("extra.3", Some(210.0), None),
];

fn with_table(rows: &[String]) -> String {
    format!("{PROSE}{}\n{SIGNATURE}", rows.join("\n"))
}

fn pipe_rows() -> Vec<String> {
    std::iter::once(HEADER.join("|"))
        .chain(ROWS.iter().map(|(l, u, y, c)| format!("{l}|{u}|{y}|{c}")))
        .collect()
}

fn tab_rows() -> Vec<String> {
    std::iter::once(HEADER.join("\t"))
        .chain(
            ROWS.iter()
                .map(|(l, u, y, c)| format!("{l}\t{u}\t{y}\t{c}")),
        )
        .collect()
}

/// One cell per line, empty cells not printed at all.
fn cell_per_line() -> Vec<String> {
    HEADER
        .iter()
        .map(|s| s.to_string())
        .chain(ROWS.iter().flat_map(|(l, u, y, c)| {
            [*l, *u, *y, *c]
                .into_iter()
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        }))
        .collect()
}

/// Columns aligned with runs of spaces (as pdftotext -layout prints them).
fn space_aligned() -> Vec<String> {
    let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(s.chars().count())));
    std::iter::once(format!(
        "{}{}{}{}",
        pad(HEADER[0], 30),
        pad(HEADER[1], 10),
        pad(HEADER[2], 10),
        HEADER[3]
    ))
    .chain(ROWS.iter().map(|(l, u, y, c)| {
        if u.is_empty() {
            l.to_string()
        } else {
            format!("{}{}{}{c}", pad(l, 30), pad(u, 10), pad(y, 10))
        }
    }))
    .collect()
}

/// (row, year, cumulative) of the `legacy` cells, `None` for a cell without a value.
fn got(r: &Report) -> Vec<(String, Option<String>, Option<String>)> {
    let mut rows: Vec<&str> = Vec::new();
    for c in &r.cells {
        if !rows.contains(&c.row) {
            rows.push(c.row);
        }
    }
    let v = |row: &str, col: &str| {
        r.cells
            .iter()
            .find(|c| c.row == row && c.column == col)
            .and_then(|c| c.value)
            .map(format_value)
    };
    rows.iter()
        .map(|row| (row.to_string(), v(row, "year"), v(row, "cumulative")))
        .collect()
}

fn want() -> Vec<(String, Option<String>, Option<String>)> {
    WANT.iter()
        .map(|(r, y, c)| (r.to_string(), y.map(format_value), c.map(format_value)))
        .collect()
}

fn check_read(r: &Report, layout: &str) {
    assert_eq!(r.format, FormatId::Legacy, "{layout}");
    assert_eq!(got(r), want(), "{layout}");
    assert!(r.has_table("legacy"), "{layout}");
    // Not-applicable marks are cells, not gaps.
    let na = r.get("legacy", "complaints", "cumulative").unwrap();
    assert_eq!(na.state, CellState::NotApplicable, "{layout}");
    // Extras keep their printed label; money keeps its printed text and unit.
    let e = r.get("legacy", "extra.2", "year").unwrap();
    assert!(
        e.text.starts_with("网站专栏页面访问量"),
        "{layout}: {}",
        e.text
    );
    let fax = r.get("legacy", "extra.1", "year").unwrap();
    assert!(fax.text.contains("传真申请数"), "{layout}: {}", fax.text);
    let fee = r.get("legacy", "fees", "year").unwrap();
    assert_eq!(fee.text, "120元", "{layout}");
    // Prose and table agree: every comparison holds, and the 附表's figures were compared.
    let checks = evaluate(r);
    assert!(
        checks.iter().all(|c| c.verdict == Verdict::Holds),
        "{layout}: {checks:#?}"
    );
    let vs: Vec<_> = checks
        .iter()
        .filter(|c| c.rule == "PROSE-VS-APPENDIX")
        .collect();
    // 1286, 1120, 15, 11, 2, 2, 120元, 1, 0 (未发生行政诉讼).
    assert!(vs.len() >= 8, "{layout}: {vs:#?}");
}

#[test]
fn pipe_rows_are_read() {
    let r = read_str(with_table(&pipe_rows())).report;
    check_read(&r, "pipe");
    // Sources point at the printed cell: line and column.
    let text = with_table(&pipe_rows());
    let c = r.get("legacy", "replies_refused", "cumulative").unwrap();
    let line = text
        .lines()
        .nth(c.source.line_no().unwrap() as usize - 1)
        .unwrap();
    assert!(line.starts_with("3.否决公开答复总数|件|2|11"), "{line}");
}

#[test]
fn tab_rows_are_read() {
    check_read(&read_str(with_table(&tab_rows())).report, "tab");
}

#[test]
fn one_cell_per_line_is_read() {
    check_read(
        &read_str(with_table(&cell_per_line())).report,
        "cell per line",
    );
}

#[test]
fn space_aligned_columns_are_read() {
    check_read(
        &read_str(with_table(&space_aligned())).report,
        "space aligned",
    );
}

#[test]
fn html_tables_are_read() {
    let esc = common::esc;
    let mut html = String::from("<html><head><meta charset=\"utf-8\"></head><body>");
    for para in PROSE.split("\n\n") {
        html.push_str(&format!("<p>{}</p>", esc(para.trim())));
    }
    html.push_str("<table border=\"1\"><tr>");
    for h in HEADER {
        html.push_str(&format!("<th>{h}</th>"));
    }
    html.push_str("</tr>");
    for (l, u, y, c) in ROWS {
        if u.is_empty() {
            html.push_str(&format!("<tr><td colspan=\"4\">{l}</td></tr>"));
        } else {
            html.push_str(&format!(
                "<tr><td>{l}</td><td>{u}</td><td>{y}</td><td>{}</td></tr>",
                esc(c)
            ));
        }
    }
    html.push_str("</table><p>某县人民政府办公室</p></body></html>");
    let r = read_bytes(html.as_bytes()).unwrap().report;
    check_read(&r, "html");
    // Cells of an HTML table say where they are: table 1, the row and the cell.
    let c = r.get("legacy", "requests_received", "cumulative").unwrap();
    assert_eq!(c.source.to_string(), "t1.r9.c4");
}

#[test]
fn docx_tables_are_read() {
    let mut body = String::new();
    for para in PROSE.split("\n\n") {
        body.push_str(&common::p(para.trim()));
    }
    let cell = |t: &str| format!("<w:tc>{}</w:tc>", common::p(t));
    body.push_str("<w:tbl>");
    body.push_str(&format!(
        "<w:tr>{}</w:tr>",
        HEADER.iter().map(|h| cell(h)).collect::<String>()
    ));
    for (l, u, y, c) in ROWS {
        body.push_str(&format!(
            "<w:tr>{}{}{}{}</w:tr>",
            cell(l),
            cell(u),
            cell(y),
            cell(c)
        ));
    }
    body.push_str("</w:tbl>");
    body.push_str(&common::p("某县人民政府办公室"));
    let bytes = common::docx(&common::document(&body), None);
    let r = read_bytes(&bytes).unwrap().report;
    check_read(&r, "docx");
}

/// 定西's form: a code column, 本期实际 / 本年累计 (a year-to-date column the table does not
/// keep), the column-number line 甲 乙 丙 1 2, and an indicator the format does not have.
#[test]
fn a_statistical_form_with_codes_and_column_numbers() {
    let table = [
        "指标名称|计量单位|代码|本期实际|本年累计",
        "甲|乙|丙|1|2",
        "主动公开信息数|条|01|734|734",
        "其中：全文电子化的主动公开信息数|条|02|700|700",
        "网站专栏页面访问量|人次|05|12000|12000",
        "申请总数|条|10|4|4",
        "（2）“信息不存在”数|条|22|1|1",
        "行政复议数|件|32|0|0",
    ];
    let text = format!(
        "某县2010年政府信息公开工作年度报告\n\n一、概述\n\n2010年，我县主动公开信息734条。\n\n附件：政府信息公开情况统计报表\n{}\n",
        table.join("\n")
    );
    let r = read_str(text).report;
    let got: Vec<(&str, &str, String)> = r
        .cells
        .iter()
        .map(|c| {
            (
                c.row,
                c.column,
                c.value.map(format_value).unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("proactive_total", "year", "734".to_string()),
            ("proactive_fulltext", "year", "700".to_string()),
            ("requests_received", "year", "4".to_string()),
            ("replies_not_held", "year", "1".to_string()),
            ("reviews", "year", "0".to_string()),
            ("extra.1", "year", "12000".to_string()),
        ]
    );
}

#[test]
fn a_report_without_a_table_is_unchanged() {
    let r = read_str(PROSE.to_string()).report;
    assert!(!r.has_table("legacy"));
    assert!(r.cells.iter().all(|c| c.column == "year"));
    assert!(r.cells.iter().all(|c| !c.row.starts_with("extra.")));
}

// ---- prose against the table ------------------------------------------------------------------

fn appendix_failures(r: &Report) -> Vec<gongkai_model::Finding> {
    gongkai_check::check(r)
        .into_iter()
        .filter(|f| f.rule == "PROSE-VS-APPENDIX" && f.outcome == Outcome::Fail)
        .collect()
}

#[test]
fn the_table_wins_and_a_disagreeing_sentence_is_a_finding() {
    let text = with_table(&pipe_rows()).replace("网站公开1120条", "网站公开1102条");
    let r = read_str(text.clone()).report;
    // The cell is the table's.
    let c = r.get("legacy", "proactive_website", "year").unwrap();
    assert_eq!(c.value, Some(1120.0));
    let f = appendix_failures(&r);
    assert_eq!(f.len(), 1, "{f:#?}");
    let line = text
        .lines()
        .position(|l| l.contains("1102条"))
        .map(|i| i as u32 + 1);
    assert_eq!(f[0].location.line_no(), line);
    assert!(f[0].message.zh.contains("附表"), "{}", f[0].message.zh);
    assert!(f[0].evidence.as_deref().unwrap_or("").contains("1120"));
    // Not also reported as prose against prose.
    assert!(gongkai_check::check(&r)
        .iter()
        .all(|f| f.rule != "PROSE-VS-TABLE" || f.outcome != Outcome::Fail));
}

#[test]
fn fees_in_yuan_against_the_table_in_yuan() {
    // The prose says 120元; the 附表 now says 150 (元): 0.012万元 ≠ 0.015万元.
    let rows: Vec<String> = pipe_rows()
        .into_iter()
        .map(|l| {
            l.replace(
                "依申请公开信息收取的费用|元|120|",
                "依申请公开信息收取的费用|元|150|",
            )
        })
        .collect();
    let r = read_str(with_table(&rows)).report;
    assert_eq!(r.get("legacy", "fees", "year").unwrap().value, Some(0.015));
    let f = appendix_failures(&r);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert!(f[0].message.zh.contains("120元"), "{}", f[0].message.zh);
}

// ---- generated reports with a 附表 ----------------------------------------------------------------

use gongkai_synth::{legacy_report_with, AppendixLayout, LegacyOptions, LegacyReport};
use proptest::prelude::*;

fn generated(seed: u64, layout: usize) -> LegacyReport {
    let layout = AppendixLayout::ALL[layout % AppendixLayout::ALL.len()];
    legacy_report_with(
        seed,
        &LegacyOptions {
            appendix: Some(layout),
        },
    )
}

/// Every cell as `(row, column, value, line)`, sorted like `LegacyReport::expected_cells`.
fn read_cells(r: &Report) -> Vec<(String, &'static str, Option<String>, u32)> {
    let mut got: Vec<(String, &'static str, Option<String>, u32)> = r
        .cells
        .iter()
        .map(|c| {
            (
                c.row.to_string(),
                c.column,
                c.value.map(format_value),
                c.source.line_no().unwrap_or(0),
            )
        })
        .collect();
    got.sort();
    got
}

/// The same line with its printed 本年度 value replaced by `new`.
fn with_year_value(line: &str, layout: AppendixLayout, new: &str) -> String {
    match layout {
        AppendixLayout::CellPerLine => new.to_string(),
        AppendixLayout::Pipe | AppendixLayout::Tab => {
            let sep = if layout == AppendixLayout::Pipe {
                '|'
            } else {
                '\t'
            };
            let mut parts: Vec<String> = line.split(sep).map(str::to_string).collect();
            parts[2] = new.to_string();
            parts.join(&sep.to_string())
        }
        AppendixLayout::SpaceAligned => {
            let parts: Vec<&str> = line.split_whitespace().collect();
            let mut parts: Vec<String> = parts.iter().map(|s| s.to_string()).collect();
            parts[2] = new.to_string();
            parts.join("    ")
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// generate → write → read: the 附表's cells (both columns, extras, not-applicable marks,
    /// fees from 元), the prose's for the rows the 附表 leaves out, each at its line; the prose
    /// agrees with the table, so every check holds.
    #[test]
    fn generated_appendices_are_read_into_their_cells(seed in any::<u64>(), layout in 0usize..4) {
        let g = generated(seed, layout);
        let r = read_str(g.text.clone()).report;
        prop_assert_eq!(r.format, FormatId::Legacy, "{}", g.text);
        let want: Vec<(String, &'static str, Option<String>, u32)> = g
            .expected_cells()
            .into_iter()
            .map(|(row, col, v, line)| (row, col, v.map(format_value), line))
            .collect();
        let mut want = want;
        want.sort();
        prop_assert_eq!(read_cells(&r), want, "{}", g.text);
        let checks = evaluate(&r);
        prop_assert!(checks.iter().all(|c| c.verdict == Verdict::Holds), "{:#?}\n{}", checks, g.text);
        prop_assert!(appendix_failures(&r).is_empty());
    }

    /// A 本年度 figure of the 附表 changed: the table's value is the cell, and the sentence that
    /// states the old figure fails PROSE-VS-APPENDIX at its line.
    #[test]
    fn a_changed_table_figure_contradicts_the_prose(seed in any::<u64>(), layout in 0usize..4, pick in any::<prop::sample::Index>()) {
        let g = generated(seed, layout);
        let a = g.appendix.as_ref().unwrap();
        let targets: Vec<_> = a
            .cells
            .iter()
            .filter(|c| c.column == "year" && c.value.is_some())
            .filter_map(|c| {
                let (_, _, line) = g.cells.iter().find(|(row, _, _)| {
                    *row == c.row
                        && matches!(*row, "proactive_total" | "proactive_website" | "requests_received" | "reviews" | "lawsuits")
                })?;
                Some((c, *line))
            })
            .collect();
        prop_assume!(!targets.is_empty());
        let (cell, prose_line) = targets[pick.index(targets.len())];
        let new_value = cell.value.unwrap() + 1.0;
        let new = format_value(new_value);
        let mut lines: Vec<String> = g.text.lines().map(str::to_string).collect();
        let i = cell.line as usize - 1;
        lines[i] = with_year_value(&lines[i], a.layout, &new);
        let text = lines.join("\n");
        let r = read_str(text.clone()).report;
        let got = r.get("legacy", &cell.row, "year").and_then(|c| c.value);
        prop_assert_eq!(got, Some(new_value), "{}", text);
        let hits = appendix_failures(&r);
        prop_assert!(
            hits.iter().any(|f| f.location.line_no() == Some(prose_line)),
            "{} → {}: {:#?}\n{}", cell.row, new, hits, text
        );
    }
}
