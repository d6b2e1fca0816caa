//! The HTML has no reader yet, so it is checked structurally: parsed the way a browser parses
//! it (html5ever, through scraper), every table's rows must tile the format's grid (rowspan and
//! colspan add up to the table's width on every row), every value of the report must sit in the
//! grid column of its own cell, in reading order, and everything taken from the report must be
//! escaped.

use gongkai_model::{CellState, FormatId, Lang, Report};
use gongkai_synth::{generate, GenOptions, Scale};
use gongkai_write::render::layout::Grid;
use gongkai_write::render::{render, shown, Render, Target};
use gongkai_write::Narrative;
use proptest::prelude::*;
use scraper::{ElementRef, Html, Selector};

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("selector")
}

fn html_of(report: &Report, narrative: &Narrative) -> String {
    render(
        Target::Html,
        &Render {
            report,
            narrative,
            appendix: None,
            lang: Lang::Zh,
        },
    )
}

fn span(e: &ElementRef<'_>, attr: &str) -> usize {
    e.value()
        .attr(attr)
        .map_or(1, |v| v.parse().expect("span is a number"))
}

/// A table's cells placed on its grid: (row, column, element) of each cell's top-left corner;
/// panics if two cells overlap or a row does not fill the width.
fn place<'a>(table: ElementRef<'a>, width: usize) -> Vec<(usize, usize, ElementRef<'a>)> {
    let rows: Vec<ElementRef<'a>> = table.select(&sel("tr")).collect();
    let mut taken = vec![vec![false; width]; rows.len()];
    let mut out = Vec::new();
    for (r, tr) in rows.iter().enumerate() {
        let mut col = 0;
        for cell in tr.select(&sel("th, td")) {
            while col < width && taken[r][col] {
                col += 1;
            }
            let (rs, cs) = (span(&cell, "rowspan"), span(&cell, "colspan"));
            for dr in 0..rs {
                for dc in 0..cs {
                    let slot = taken
                        .get_mut(r + dr)
                        .and_then(|line| line.get_mut(col + dc))
                        .unwrap_or_else(|| {
                            panic!("cell outside the grid at row {r}: {}", cell.html())
                        });
                    assert!(!*slot, "overlapping cells at row {r}");
                    *slot = true;
                }
            }
            out.push((r, col, cell));
            col += cs;
        }
    }
    for (r, line) in taken.iter().enumerate() {
        assert!(
            line.iter().all(|t| *t),
            "row {r} does not fill the width {width}"
        );
    }
    out
}

fn check_report(report: &Report) {
    let html = html_of(report, &Narrative::new());
    let doc = Html::parse_document(&html);
    let def = report.format_def();
    let tables: Vec<ElementRef<'_>> = doc.select(&sel("table")).collect();
    assert_eq!(tables.len(), def.tables.len());
    for (t, table) in def.tables.iter().zip(tables) {
        let grid = Grid::of(t);
        assert_eq!(
            table
                .select(&sel("caption"))
                .next()
                .map(|c| c.text().collect::<String>()),
            Some(t.label.to_string())
        );
        let placed = place(table, grid.width);
        // The value cells, in document order, with their grid position.
        let tds: Vec<(usize, usize, String)> = placed
            .iter()
            .filter(|(_, _, e)| {
                e.value().name() == "td" && !e.value().classes().any(|c| c == "note")
            })
            .map(|(r, c, e)| (*r, *c, e.text().collect::<String>()))
            .collect();
        let expected: Vec<(usize, usize, String)> = grid
            .rows
            .iter()
            .enumerate()
            .flat_map(|(r, row)| {
                row.cells.iter().filter_map(move |c| match c.content {
                    gongkai_write::render::layout::Content::Value(k) => {
                        Some((r, c.col, shown(report, &k).text))
                    }
                    _ => None,
                })
            })
            .collect();
        assert_eq!(tds, expected, "values of {}", t.key);
        // Every header cell says what it heads.
        for th in table.select(&sel("th")) {
            let scope = th.value().attr("scope").unwrap_or("");
            assert!(
                ["col", "colgroup", "row", "rowgroup"].contains(&scope),
                "th without scope: {}",
                th.html()
            );
        }
    }
}

#[test]
fn page_is_self_contained_and_accessible() {
    let r = generate(3, &GenOptions::new(FormatId::F2021, Scale::Typical));
    let html = html_of(&r, &Narrative::new());
    let doc = Html::parse_document(&html);
    let root = doc.root_element();
    assert_eq!(root.value().attr("lang"), Some("zh-CN"));
    assert!(doc.select(&sel("meta[charset=utf-8]")).next().is_some());
    assert!(doc.select(&sel("script")).next().is_none());
    assert!(doc.select(&sel("link")).next().is_none());
    assert!(!html.contains("http://") && !html.contains("https://") && !html.contains("url("));
    assert!(html.contains("@media print") && html.contains("size: A4"));
    assert!(
        html.contains("\"FangSong\", \"STFangsong\"") && html.contains("\"Noto Serif CJK SC\", ")
    );
    assert!(html.contains("\"SimHei\", \"黑体\""));
    let h2: Vec<String> = doc.select(&sel("h2")).map(|h| h.text().collect()).collect();
    assert_eq!(
        h2,
        [
            "一、总体情况",
            "二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况",
            "五、存在的主要问题及改进情况",
            "六、其他需要报告的事项"
        ]
    );
}

#[test]
fn tables_tile_their_grids_and_hold_every_value() {
    for f in [FormatId::F2019, FormatId::F2021] {
        for scale in Scale::ALL {
            check_report(&generate(11, &GenOptions::new(f, scale)));
        }
    }
}

#[test]
fn cell_states_print_as_documented() {
    let mut r = generate(5, &GenOptions::new(FormatId::F2021, Scale::Quiet));
    let keys: Vec<_> = r.cells.iter().map(|c| c.key()).take(3).collect();
    for (k, state) in keys.iter().zip([
        CellState::Blank,
        CellState::NotApplicable,
        CellState::Missing,
    ]) {
        if let Some(c) = r.cell_mut(k) {
            c.state = state;
            c.value = None;
        }
    }
    check_report(&r);
    let html = html_of(&r, &Narrative::new());
    assert!(html.contains("<td class=\"blank\"></td>"));
    assert!(html.contains("<td class=\"na\">/</td>"));
    assert!(html.contains("<td class=\"missing\" title=\"原文缺少此格\">缺</td>"));
}

#[test]
fn everything_from_the_report_is_escaped() {
    let mut r = generate(1, &GenOptions::new(FormatId::F2021, Scale::Quiet));
    r.agency.value = Some("某某局<script>alert(\"x\")</script>&'".into());
    let mut n = Narrative::new();
    n.set(
        "overview",
        vec!["<img src=x onerror=alert(1)> & 正文".into()],
    );
    let html = html_of(&r, &n);
    assert!(!html.contains("<script>") && !html.contains("<img"));
    let doc = Html::parse_document(&html);
    let h1: String = doc.select(&sel("h1")).next().expect("h1").text().collect();
    assert!(
        h1.starts_with("某某局<script>alert(\"x\")</script>&'"),
        "{h1}"
    );
    let p: String = doc
        .select(&sel("section p"))
        .next()
        .expect("p")
        .text()
        .collect();
    assert_eq!(p, "<img src=x onerror=alert(1)> & 正文");
    assert!(doc.select(&sel("script, img")).next().is_none());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn generated_reports_fill_their_grids(seed in any::<u64>(), f2019 in any::<bool>(), scale in 0usize..3) {
        let format = if f2019 { FormatId::F2019 } else { FormatId::F2021 };
        check_report(&generate(seed, &GenOptions::new(format, Scale::ALL[scale])));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever the agency and the prose hold, the page gains no element and shows the text
    /// as it was (control characters as spaces).
    #[test]
    fn any_text_is_shown_literally(agency in any::<String>(), para in any::<String>()) {
        let mut r = generate(1, &GenOptions::new(FormatId::F2021, Scale::Quiet));
        r.agency.value = Some(agency);
        let mut n = Narrative::new();
        n.set("problems", vec![para]);
        let html = html_of(&r, &n);
        let doc = Html::parse_document(&html);
        let count = |s: &str| doc.select(&sel(s)).count();
        prop_assert_eq!(count("script, img, iframe, object, a, link"), 0);
        prop_assert_eq!(count("style"), 1);
        prop_assert_eq!(count("h1"), 1);
        prop_assert_eq!(count("p"), 1 + n.paragraphs("problems").len());
        let literal = |s: &str| -> String {
            s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
        };
        let h1: String = doc.select(&sel("h1")).next().map(|e| e.text().collect()).unwrap_or_default();
        prop_assert_eq!(h1, literal(&gongkai_write::render::title(&r)));
        if let Some(p) = n.paragraphs("problems").first() {
            let shown: String = doc.select(&sel("#part-problems ~ p, section p")).next().map(|e| e.text().collect()).unwrap_or_default();
            prop_assert_eq!(shown, literal(p));
        }
    }
}
