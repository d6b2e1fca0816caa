//! Golden tests: every cell of the four tabular seeds, hand-checked against the published text.
//!
//! Each expected row lists the row's cells in the format's column order: a number as printed
//! (converted: 减7 → -7, 14.4万元 → 14.4), `(v)` for a cell inferred from the table's
//! arithmetic, `_` blank, `/` not applicable, `?` missing.
#![allow(clippy::unwrap_used)]

use gongkai_model::report::format_value;
use gongkai_model::{CellState, FormatId, Report};

fn read(name: &str) -> gongkai_read::Read {
    let path = format!(
        "{}/../../tests/fixtures/seeds/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).unwrap();
    gongkai_read::read_text(&bytes).unwrap()
}

fn meta(report: &Report) -> (Option<&str>, Option<i32>, Option<String>) {
    (
        report.agency.value.as_deref(),
        report.year.value,
        report.published_on.value.map(|d| d.to_string()),
    )
}

fn row(report: &Report, table: &str, row: &str) -> String {
    report
        .cells
        .iter()
        .filter(|c| c.table == table && c.row == row)
        .map(|c| match c.state {
            CellState::Number => format_value(c.value.unwrap()),
            CellState::Inferred => format!("({})", format_value(c.value.unwrap())),
            CellState::Blank => "_".into(),
            CellState::NotApplicable => "/".into(),
            CellState::Missing => "?".into(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn assert_table(report: &Report, table: &str, expected: &[(&str, &str)]) {
    let def = report.format_def().table(table).unwrap();
    assert_eq!(
        def.rows.len(),
        expected.len(),
        "{table}: expected rows must cover the whole table"
    );
    for (r, (key, want)) in def.rows.iter().zip(expected) {
        assert_eq!(r.key, *key, "{table}: row order");
        assert_eq!(row(report, table, key), *want, "{table}.{key}");
    }
}

const ZERO7: &str = "0 0 0 0 0 0 0";
const ZERO5: &str = "0 0 0 0 0";
/// 表四 with nothing to report: all four seeds print it so.
const ZERO_REVIEW: [(&str, &str); 3] = [
    ("review", ZERO5),
    ("litigation_direct", ZERO5),
    ("litigation_after_review", ZERO5),
];

fn zero_requests_2019() -> Vec<(&'static str, &'static str)> {
    gongkai_model::formats::get(FormatId::F2019)
        .table("requests")
        .unwrap()
        .rows
        .iter()
        .map(|r| (r.key, ZERO7))
        .collect()
}

#[test]
fn seed_000_heigang_2020_cell_per_line_with_short_rows() {
    let r = read("000_33abec3ff02c02bd.txt").report;
    assert_eq!(r.format, FormatId::F2019);
    assert_eq!(
        meta(&r),
        (
            Some("鹤岗市人民政府办公室"),
            Some(2020),
            Some("2021-01-28".into())
        )
    );
    assert_table(
        &r,
        "proactive",
        &[
            ("regulations", "0 0 0"),
            ("normative_documents", "19 57 76"),
            ("licensing", "0 0 0"),
            ("other_services", "0 0 0"),
            ("penalty", "0 0 0"),
            ("coercion", "0 0 0"),
            ("fees", "0 0"),
            ("procurement", "0 0"),
        ],
    );
    let mut requests = zero_requests_2019();
    for (k, v) in requests.iter_mut() {
        *v = match *k {
            "received" | "granted" | "total" => "5 0 0 0 0 0 5",
            // Printed with six values of seven; every reading consistent with the table's
            // arithmetic gives all zeros, read with the 总计 cell left out.
            "withheld_state_secret" | "withheld_prohibited" | "other" => "0 0 0 0 0 0 (0)",
            _ => ZERO7,
        };
    }
    assert_table(&r, "requests", &requests);
    assert_table(&r, "review_litigation", &ZERO_REVIEW);
    // The three short rows are each reported, at the line of their first value.
    let short: Vec<_> = r
        .notes
        .iter()
        .filter(|n| n.rule == "ROW-VALUE-COUNT")
        .map(|n| n.location.to_string())
        .collect();
    assert_eq!(short, ["L225", "L239", "L481"]);
    let inferred = r.get("requests", "withheld_state_secret", "total").unwrap();
    assert_eq!(inferred.inferred_by.as_ref().unwrap().rule, "T3-ROW-TOTAL");
    // Sources: one cell per line.
    assert_eq!(
        r.get("requests", "received", "natural_person")
            .unwrap()
            .source
            .to_string(),
        "L157"
    );
    assert_eq!(
        r.get("proactive", "normative_documents", "made")
            .unwrap()
            .text,
        "19"
    );
    // Section 六 is not in this report.
    let parts: Vec<_> = r.sections.iter().map(|s| s.key).collect();
    assert_eq!(
        parts,
        [
            "overview",
            "proactive",
            "requests",
            "review_litigation",
            "problems"
        ]
    );
}

#[test]
fn seed_001_binjiang_2020_pipe_rows() {
    let r = read("001_a1fd908adc18705e.txt").report;
    assert_eq!(r.format, FormatId::F2019);
    // No title: the agency is the body's subject, qualified by the place it names.
    assert_eq!(meta(&r), (Some("杭州市滨江区应急管理局"), Some(2020), None));
    assert_table(
        &r,
        "proactive",
        &[
            ("regulations", "0 0 0"),
            ("normative_documents", "0 0 0"),
            ("licensing", "12 -7 29"),
            ("other_services", "13 -3 72"),
            ("penalty", "73 271 90"),
            ("coercion", "0 0 0"),
            ("fees", "0 0"),
            ("procurement", "11 14.4"),
        ],
    );
    assert_table(&r, "requests", &zero_requests_2019());
    assert_table(&r, "review_litigation", &ZERO_REVIEW);
    let amount = r.get("proactive", "procurement", "amount").unwrap();
    assert_eq!(amount.text, "14.4万元");
    assert_eq!(amount.source.to_string(), "L31:15");
    assert_eq!(
        r.get("proactive", "licensing", "change").unwrap().text,
        "减7"
    );
    assert!(r.notes.is_empty(), "{:?}", r.notes);
    assert_eq!(r.sections.len(), 6);
}

#[test]
fn seed_003_changbai_2020_cell_per_line_with_padding() {
    let r = read("003_d22f653d47743c2c.txt").report;
    assert_eq!(r.format, FormatId::F2019);
    assert_eq!(
        meta(&r),
        (
            Some("长白朝鲜族自治县长白镇人民政府"),
            Some(2020),
            Some("2021-01-04".into())
        )
    );
    assert_table(
        &r,
        "proactive",
        &[
            ("regulations", "0 0 0"),
            ("normative_documents", "0 0 0"),
            ("licensing", "0 0 0"),
            ("other_services", "0 0 0"),
            ("penalty", "0 0 0"),
            ("coercion", "0 0 0"),
            ("fees", "0 0"),
            ("procurement", "0 0"),
        ],
    );
    assert_table(&r, "requests", &zero_requests_2019());
    assert_table(&r, "review_litigation", &ZERO_REVIEW);
    assert_eq!(
        r.get("requests", "carried_out", "total")
            .unwrap()
            .source
            .to_string(),
        "L519"
    );
    assert!(r.notes.is_empty(), "{:?}", r.notes);
    assert_eq!(r.sections.len(), 6);
}

#[test]
fn seed_004_sifangtai_2021_tab_rows_with_page_break() {
    let r = read("004_b6b282f6157a8fb9.txt").report;
    assert_eq!(r.format, FormatId::F2021);
    // `共发布信息 2020 条` in the body is a count, not the year.
    assert_eq!(meta(&r), (Some("四方台区人民政府办公室"), Some(2021), None));
    assert_table(
        &r,
        "proactive",
        &[
            ("regulations", "0 0 0"),
            ("normative_documents", "4 0 4"),
            ("licensing", "0"),
            ("penalty", "0"),
            ("coercion", "0"),
            ("fees", "0"),
        ],
    );
    let requests: Vec<_> = gongkai_model::formats::get(FormatId::F2021)
        .table("requests")
        .unwrap()
        .rows
        .iter()
        .map(|r| (r.key, ZERO7))
        .collect();
    assert_table(&r, "requests", &requests);
    assert_table(&r, "review_litigation", &ZERO_REVIEW);
    // The row after the page break (blank line 70) is read from line 71.
    assert_eq!(
        r.get("requests", "withheld_process", "natural_person")
            .unwrap()
            .source
            .to_string(),
        "L71:15"
    );
    assert!(r.notes.is_empty(), "{:?}", r.notes);
    assert_eq!(r.sections.len(), 6);
}

#[test]
fn seed_002_anlu_2017_is_a_legacy_report() {
    let r = read("002_a636d83d73b501d7.txt").report;
    assert_eq!(r.format, FormatId::Legacy);
    assert_eq!(
        meta(&r),
        (
            Some("安陆市人民政府"),
            Some(2017),
            Some("2018-01-17".into())
        )
    );
    // No tables: its cells are the figures its prose states, in the `legacy` table's row order,
    // each at the figure in its sentence (tests/prose.rs checks each against the text).
    let cells: Vec<(&str, &str, String, String)> = r
        .cells
        .iter()
        .map(|c| {
            (
                c.row,
                c.column,
                format_value(c.value.unwrap()),
                c.source.to_string(),
            )
        })
        .collect();
    let want = [
        ("proactive_total", "8052", "L23:30"),
        ("proactive_website", "7136", "L23:124"),
        ("requests_received", "11", "L43:23"),
        ("replies_total", "11", "L43:29"),
        ("replies_granted", "6", "L43:64"),
        ("replies_not_this_agency", "3", "L43:77"),
        ("replies_already_public", "2", "L43:55"),
        ("fees", "0", "L47:12"),
        ("reviews", "0", "L51:67"),
        ("lawsuits", "0", "L51:87"),
        ("complaints", "1", "L51:13"),
    ];
    let want: Vec<(&str, &str, String, String)> = want
        .iter()
        .map(|(row, v, src)| (*row, "year", v.to_string(), src.to_string()))
        .collect();
    assert_eq!(cells, want);
    assert!(r.cells.iter().all(|c| c.state == CellState::Number));
    assert!(r.tables.is_empty());
}

#[test]
fn wrapped_row_labels_are_read_by_their_first_line() {
    // Seed 001 with two 表三 labels wrapped over two lines, as narrow PDF columns print them.
    let path = format!(
        "{}/../../tests/fixtures/seeds/001_a1fd908adc18705e.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).unwrap();
    let wrapped = text
        .replace(
            "一、本年新收政府信息公开申请数量 | 0",
            "一、本年新收政府信息公开\n申请数量 | 0",
        )
        .replace(
            "(二)部分公开(区分处理的,只计这一情形,不计其他情形) | 0",
            "(二)部分公开(区分处理的,只计这一\n情形,不计其他情形) | 0",
        );
    assert_ne!(wrapped, text);
    let r = gongkai_read::read_str(wrapped).report;
    assert_eq!(row(&r, "requests", "received"), ZERO7);
    assert_eq!(row(&r, "requests", "partially_granted"), ZERO7);
    assert!(r.notes.is_empty(), "{:?}", r.notes);
}
