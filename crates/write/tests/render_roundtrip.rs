//! The writer and the reader agree: a generated report rendered as text or Markdown reads back
//! (with `gongkai_read::read_str`) to the very same cells, agency and year; drafts read back to
//! the report they were written from; the HTML holds every value in the right cell of a grid
//! whose rows add up to the table's width.

use gongkai_model::{CellState, FormatId, Lang, Report};
use gongkai_synth::{generate, GenOptions, Scale};
use gongkai_write::render::{render, Render, Target};
use gongkai_write::{draft, Narrative};
use proptest::prelude::*;

fn gen(seed: u64, format: FormatId, scale: Scale) -> Report {
    generate(
        seed,
        &GenOptions {
            format,
            year: None,
            scale,
        },
    )
}

fn narrative() -> Narrative {
    let mut n = Narrative::new();
    n.set(
        "overview",
        vec![
            "本年度，本机关认真贯彻落实《中华人民共和国政府信息公开条例》。".into(),
            "全年主动公开政府信息 120 条。".into(),
        ],
    );
    n.set("problems", vec!["一是公开内容还不够全面。".into()]);
    n.set("other_matters", vec!["本年度未收取信息处理费。".into()]);
    n
}

fn rendered(report: &Report, target: Target) -> String {
    let n = narrative();
    render(
        target,
        &Render {
            report,
            narrative: &n,
            appendix: None,
            lang: Lang::Zh,
        },
    )
}

/// The cells as (key, state, value): what must survive a round trip.
fn cells(r: &Report) -> Vec<(String, CellState, Option<f64>)> {
    r.cells
        .iter()
        .map(|c| (c.key().to_string(), c.state, c.value))
        .collect()
}

fn assert_reads_back(report: &Report, target: Target) {
    let text = rendered(report, target);
    let read = gongkai_read::read_str(text.clone()).report;
    assert_eq!(read.format, report.format, "format of\n{text}");
    assert_eq!(cells(&read), cells(report), "cells of\n{text}");
    assert_eq!(read.agency.value, report.agency.value, "agency of\n{text}");
    assert_eq!(read.year.value, report.year.value, "year of\n{text}");
    let findings = gongkai_check::check(&read);
    assert!(
        findings
            .iter()
            .all(|f| f.severity != gongkai_model::Severity::Error),
        "errors in\n{text}\n{findings:#?}"
    );
}

#[test]
fn text_and_markdown_read_back_for_both_formats() {
    for format in [FormatId::F2019, FormatId::F2021] {
        for scale in Scale::ALL {
            let r = gen(7, format, scale);
            assert_reads_back(&r, Target::Text);
            assert_reads_back(&r, Target::Markdown);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn generated_reports_read_back(seed in any::<u64>(), f2019 in any::<bool>(), scale in 0usize..3) {
        let format = if f2019 { FormatId::F2019 } else { FormatId::F2021 };
        let r = gen(seed, format, Scale::ALL[scale]);
        assert_reads_back(&r, Target::Text);
        assert_reads_back(&r, Target::Markdown);
    }

    #[test]
    fn drafts_read_back(seed in any::<u64>(), f2019 in any::<bool>(), scale in 0usize..3) {
        let format = if f2019 { FormatId::F2019 } else { FormatId::F2021 };
        let r = gen(seed, format, Scale::ALL[scale]);
        let n = narrative();
        let text = draft::write(&r, &n);
        let d = draft::read(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        prop_assert_eq!(cells(&d.report), cells(&r));
        prop_assert_eq!(&d.narrative, &n);
        prop_assert_eq!(&d.report.agency.value, &r.agency.value);
        prop_assert_eq!(d.report.year.value, r.year.value);
        prop_assert_eq!(d.report.published_on.value, r.published_on.value);
    }
}

#[test]
fn prose_reads_back_from_text_and_markdown() {
    for format in [FormatId::F2019, FormatId::F2021] {
        let r = gen(3, format, Scale::Typical);
        let text = rendered(&r, Target::Text);
        let read = gongkai_read::read_str(text.clone());
        let back = Narrative::from_source(
            read.document.text(),
            &read.report,
            gongkai_read::chrome::is_chrome,
        );
        assert_eq!(back, narrative(), "prose of\n{text}");
    }
}

/// Sets the state of some cells of 表三 (no value for blank and not-applicable cells).
fn with_states(mut r: Report, cells: &[(&str, &str, CellState)]) -> Report {
    for &(row, column, state) in cells {
        let key = gongkai_model::formats::intern("requests", row, column).expect("key");
        if let Some(c) = r.cell_mut(&key) {
            c.state = state;
            c.value = None;
            c.text = Default::default();
        }
    }
    r
}

#[test]
fn blank_and_not_applicable_cells_read_back() {
    let r = with_states(
        gen(9, FormatId::F2021, Scale::Typical),
        &[
            ("received", "research", CellState::Blank),
            ("granted", "natural_person", CellState::NotApplicable),
            ("withheld_state_secret", "total", CellState::NotApplicable),
            ("declined_repeat", "legal_service", CellState::Blank),
        ],
    );
    for target in [Target::Text, Target::Markdown] {
        let text = rendered(&r, target);
        let read = gongkai_read::read_str(text.clone()).report;
        assert_eq!(cells(&read), cells(&r), "cells of\n{text}");
    }
}

/// Known reader limitation: a blank cell in the first or last value column of a pipe or tab row
/// cannot be told from layout filler (the reader trims empty cells at both ends of a row), so
/// it does not read back as blank. The renderers print it correctly (an empty cell at its grid
/// position); the reader is to learn grid positions.
#[test]
#[ignore = "reader: empty cells at the ends of a pipe/tab row are taken for layout filler"]
fn blank_cells_at_the_ends_of_a_row_read_back() {
    let r = with_states(
        gen(9, FormatId::F2021, Scale::Typical),
        &[
            ("received", "natural_person", CellState::Blank),
            ("carried_in", "total", CellState::Blank),
        ],
    );
    for target in [Target::Text, Target::Markdown] {
        let text = rendered(&r, target);
        let read = gongkai_read::read_str(text.clone()).report;
        assert_eq!(cells(&read), cells(&r), "cells of\n{text}");
    }
}

/// A missing cell prints as 缺, which the reader reads back as a missing cell in its place —
/// the row keeps its other values where they were.
#[test]
fn a_missing_cell_reads_back_as_missing() {
    let r = with_states(
        gen(9, FormatId::F2021, Scale::Typical),
        &[("granted", "business", CellState::Missing)],
    );
    for target in [Target::Text, Target::Markdown, Target::Html] {
        let text = rendered(&r, target);
        let read = gongkai_read::read_bytes(text.as_bytes()).unwrap().report;
        // Missing in the source; the table's arithmetic may fix it (then it is inferred).
        let cell = read.get("requests", "granted", "business").unwrap();
        assert!(
            matches!(cell.state, CellState::Missing | CellState::Inferred),
            "{target:?}: {:?}",
            cell.state
        );
        for col in ["natural_person", "research", "total"] {
            assert_eq!(
                read.get("requests", "granted", col).unwrap().value,
                r.get("requests", "granted", col).unwrap().value,
                "{target:?} {col}"
            );
        }
        assert!(
            !read.notes.iter().any(|n| n.rule == "ROW-VALUE-COUNT"),
            "{:#?}",
            read.notes
        );
    }
}

/// The HTML output (merged header and row-label cells, rowspan and colspan) reads back through
/// the HTML reader to the same cells.
#[test]
fn html_reads_back_for_both_formats() {
    for (seed, format) in [(3, FormatId::F2019), (4, FormatId::F2021)] {
        for scale in [Scale::Quiet, Scale::Typical, Scale::Busy] {
            let r = gen(seed, format, scale);
            let html = rendered(&r, Target::Html);
            let read = gongkai_read::read_bytes(html.as_bytes()).unwrap().report;
            assert_eq!(read.format, r.format);
            assert_eq!(cells(&read), cells(&r), "cells of\n{html}");
            assert_eq!(read.agency.value, r.agency.value);
            assert_eq!(read.year.value, r.year.value);
            assert!(read.notes.is_empty(), "{:#?}", read.notes);
        }
    }
}

#[test]
fn drafts_render_and_read_back() {
    let r = gen(21, FormatId::F2021, Scale::Busy);
    let text = draft::write(&r, &narrative());
    let d = draft::read(&text).expect("draft reads");
    let txt = rendered(&d.report, Target::Text);
    let read = gongkai_read::read_str(txt).report;
    assert_eq!(cells(&read), cells(&r));
}

#[test]
fn new_drafts_are_blank_or_zero_and_check_clean() {
    for format in [FormatId::F2019, FormatId::F2021] {
        let blank = draft::read(&draft::template(format, 2025, "某某局", draft::Fill::Blank))
            .expect("blank template reads");
        assert!(blank
            .report
            .cells
            .iter()
            .all(|c| c.state == CellState::Blank));
        assert!(blank.narrative.is_empty());
        assert_eq!(blank.report.sections.len(), 6);
        assert_eq!(blank.report.tables.len(), 3);
        let zero = draft::read(&draft::template(format, 2025, "某某局", draft::Fill::Zero))
            .expect("zero template reads");
        assert!(zero
            .report
            .cells
            .iter()
            .all(|c| c.state == CellState::Number && c.value == Some(0.0)));
        // A report of zeros is consistent: nothing in it is an error (the year may not fit
        // the 2019 format, which is a finding about the year, not the figures).
        let errors: Vec<_> = gongkai_check::check(&zero.report)
            .into_iter()
            .filter(|f| f.severity == gongkai_model::Severity::Error && f.rule != "FORMAT-YEAR")
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }
}

#[test]
fn draft_problems_name_the_line_and_what_to_do() {
    let text = "[report]\nformat = \"2021\"\nyear = 2025\nagency = \"某某局\"\n\n[requests.received]\nnatural_person = \"abc\"\nbusines = 1\nresearch = 1.5\n\n[proactive.fees]\namount = \"1.5\"\n";
    let e = draft::read(text).expect_err("bad draft");
    let lines: Vec<u32> = e.problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [7, 8, 9]);
    let zh = e.message(gongkai_model::Lang::Zh);
    assert!(zh.starts_with("第 7 行第 18 列："), "{zh}");
    assert!(zh.contains("「abc」无法识别"), "{zh}");
    assert!(zh.contains("没有「busines」"), "{zh}");
    assert!(zh.contains("应为不小于 0 的整数"), "{zh}");
    assert!(e.message(gongkai_model::Lang::En).contains("line 8"));
    // A quoted decimal in an amount column is a number.
    let ok = draft::read(&text.replace(
        "natural_person = \"abc\"\nbusines = 1\nresearch = 1.5\n",
        "",
    ))
    .expect("good draft");
    let fee = gongkai_model::formats::intern("proactive", "fees", "amount").expect("key");
    assert_eq!(ok.report.value(&fee), Some(1.5));
    // Deleted lines are missing cells, not zeros.
    let received = gongkai_model::formats::intern("requests", "received", "total").expect("key");
    assert_eq!(
        ok.report.cell(&received).map(|c| c.state),
        Some(CellState::Missing)
    );

    let syntax = draft::read("[report]\nformat = \"2021\nyear = 2025\n").expect_err("syntax");
    assert_eq!(syntax.problems[0].line, 2);
    assert!(syntax
        .message(gongkai_model::Lang::Zh)
        .contains("TOML 语法错误"));
    let legacy = draft::read("[report]\nformat = \"legacy\"\n").expect_err("legacy");
    assert!(legacy.message(gongkai_model::Lang::Zh).contains("无法识别"));
}

#[test]
fn json_reads_back() {
    for format in [FormatId::F2019, FormatId::F2021] {
        let r = gen(4, format, Scale::Busy);
        let v = gongkai_write::report_json(&r, &[], gongkai_model::Lang::Zh, Some("x.txt"));
        let back = gongkai_write::report_from_json(&v.to_string()).expect("json reads");
        assert_eq!(cells(&back), cells(&r));
        assert_eq!(back.agency.value, r.agency.value);
        assert_eq!(back.year.value, r.year.value);
        assert_eq!(back.published_on.value, r.published_on.value);
    }
}

#[test]
fn forced_findings_are_listed_at_the_end() {
    let mut r = gen(2, FormatId::F2021, Scale::Typical);
    let key = gongkai_model::formats::intern("requests", "received", "total").expect("key");
    if let Some(c) = r.cell_mut(&key) {
        c.value = c.value.map(|v| v + 1.0);
    }
    let findings = gongkai_check::check(&r);
    assert!(findings
        .iter()
        .any(|f| f.severity == gongkai_model::Severity::Error));
    let n = narrative();
    for target in [Target::Html, Target::Markdown, Target::Text] {
        let out = render(
            target,
            &Render {
                report: &r,
                narrative: &n,
                appendix: Some(&findings),
                lang: Lang::Zh,
            },
        );
        let at = out.find("附：检查结果").expect("appendix");
        assert!(out[at..].contains("T3-ROW-TOTAL"), "{out}");
        assert!(out
            .find("六、其他需要报告的事项")
            .is_some_and(|six| six < at));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A draft reader never panics: arbitrary text, and a template with one value replaced by
    /// arbitrary TOML-ish text.
    #[test]
    fn draft_reader_never_panics(text in any::<String>(), value in "[-+0-9.\"/a-z{}\\[\\]= 一-龥]{0,12}", at in 0usize..200) {
        let _ = draft::read(&text);
        let t = draft::template(FormatId::F2021, 2025, "某某局", draft::Fill::Zero);
        let mut n = 0;
        let edited: String = t
            .lines()
            .map(|l| {
                if l.contains(" = 0 ") {
                    n += 1;
                    if n == at {
                        return l.replacen("0", &value, 1);
                    }
                }
                l.to_string()
            })
            .collect::<Vec<_>>()
            .join("\n");
        if let Err(e) = draft::read(&edited) {
            // Every problem has a place in the file.
            prop_assert!(e.problems.iter().all(|p| p.line > 0), "{e}");
        }
    }
}

fn docx_of(report: &Report) -> Vec<u8> {
    let n = narrative();
    gongkai_write::render::docx::render(&Render {
        report,
        narrative: &n,
        appendix: None,
        lang: Lang::Zh,
    })
    .expect("docx")
}

/// A Word document gongkai writes reads back (through the DOCX reader: real tables, merged
/// cells) to the same cells, agency and year, with no error.
fn assert_docx_reads_back(report: &Report) {
    let bytes = docx_of(report);
    let read = gongkai_read::read_bytes(&bytes)
        .expect("the DOCX reads")
        .report;
    assert_eq!(read.format, report.format);
    assert_eq!(cells(&read), cells(report));
    assert_eq!(read.agency.value, report.agency.value);
    assert_eq!(read.year.value, report.year.value);
    let errors: Vec<_> = gongkai_check::check(&read)
        .into_iter()
        .filter(|f| f.severity == gongkai_model::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn docx_reads_back_for_both_formats() {
    for format in [FormatId::F2019, FormatId::F2021] {
        for scale in Scale::ALL {
            assert_docx_reads_back(&gen(11, format, scale));
        }
    }
}

#[test]
fn docx_has_real_merges_fonts_and_a4() {
    let bytes = docx_of(&gen(5, FormatId::F2021, Scale::Typical));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("word/document.xml").expect("document.xml"),
        &mut xml,
    )
    .expect("utf-8");
    // A4 portrait in twentieths of a point, and the 公文 left margin (28 mm).
    assert!(
        xml.contains("w:w=\"11906\"") && xml.contains("w:h=\"16838\""),
        "A4"
    );
    assert!(xml.contains("w:left=\"1588\""));
    // Merged header and label cells as Word merges them.
    assert!(xml.contains("<w:gridSpan w:val=\""), "horizontal merges");
    assert!(
        xml.contains("<w:vMerge w:val=\"restart\""),
        "vertical merges"
    );
    assert!(
        xml.contains("<w:vMerge w:val=\"continue\"")
            || xml.contains("<w:vMerge />")
            || xml.contains("<w:vMerge/>")
    );
    // The title in 小标宋 and the body font for East Asian text.
    assert!(xml.contains("方正小标宋简体"));
    assert!(xml.contains("黑体"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn generated_reports_read_back_from_docx(seed in any::<u64>(), f2019 in any::<bool>(), scale in 0usize..3) {
        let format = if f2019 { FormatId::F2019 } else { FormatId::F2021 };
        assert_docx_reads_back(&gen(seed, format, Scale::ALL[scale]));
    }
}

/// The workbook: one sheet per table, every value cell a number at its place on the format's
/// grid (below the title and the table's name), merged header and label cells as merged ranges.
#[test]
fn xlsx_holds_every_value_at_its_place_with_merges() {
    use calamine::Reader;
    use gongkai_write::render::layout::{Content, Grid};
    for format in [FormatId::F2019, FormatId::F2021] {
        let r = gen(9, format, Scale::Busy);
        let n = narrative();
        let bytes = gongkai_write::render::xlsx::render(&Render {
            report: &r,
            narrative: &n,
            appendix: None,
            lang: Lang::Zh,
        })
        .expect("xlsx");
        let mut book =
            calamine::Xlsx::new(std::io::Cursor::new(bytes.clone())).expect("a workbook");
        let names = book.sheet_names();
        let def = r.format_def();
        let tables: Vec<_> = def
            .sections
            .iter()
            .filter_map(|s| s.table.and_then(|t| def.table(t)))
            .collect();
        assert_eq!(names.len(), tables.len(), "{names:?}");
        for (i, table) in tables.iter().enumerate() {
            let range = book
                .worksheet_range_at(i)
                .expect("sheet")
                .expect("readable");
            let grid = Grid::of(table);
            let mut checked = 0;
            for (ri, row) in grid.rows.iter().enumerate() {
                for cell in &row.cells {
                    if let Content::Value(k) = cell.content {
                        let want = r.cell(&k).and_then(|c| c.value).expect("generated value");
                        let got = range
                            .get_value(((2 + ri) as u32, cell.col as u32))
                            .and_then(calamine::DataType::as_f64);
                        assert_eq!(got, Some(want), "{k} in sheet {}", names[i]);
                        checked += 1;
                    }
                }
            }
            assert_eq!(
                checked,
                r.cells.iter().filter(|c| c.table == table.key).count()
            );
        }
        // Merged ranges are real merges in the sheet XML.
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
        let mut xml = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name("xl/worksheets/sheet2.xml").expect("表三"),
            &mut xml,
        )
        .expect("utf-8");
        assert!(xml.matches("<mergeCell ").count() >= 5, "merges in 表三");
    }
}

/// The HTML page reads back through the HTML reader (tables as grids, rowspan and colspan) to
/// the same cells, agency and year.
fn assert_html_reads_back(report: &Report) {
    let html = rendered(report, Target::Html);
    let read = gongkai_read::read_bytes(html.as_bytes())
        .expect("the page reads")
        .report;
    assert_eq!(read.format, report.format);
    assert_eq!(cells(&read), cells(report), "cells of\n{html}");
    assert_eq!(read.agency.value, report.agency.value);
    assert_eq!(read.year.value, report.year.value);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn generated_reports_read_back_from_html(seed in any::<u64>(), f2019 in any::<bool>(), scale in 0usize..3) {
        let format = if f2019 { FormatId::F2019 } else { FormatId::F2021 };
        assert_html_reads_back(&gen(seed, format, Scale::ALL[scale]));
    }
}

/// `render --force` on a report with errors: the workbook lists the findings on a last sheet.
#[test]
fn xlsx_lists_the_findings_when_forced() {
    use calamine::Reader;
    let mut r = gen(9, FormatId::F2021, Scale::Typical);
    let key = gongkai_model::formats::intern("requests", "received", "total").expect("key");
    if let Some(c) = r.cell_mut(&key) {
        c.value = c.value.map(|v| v + 1.0);
    }
    let findings = gongkai_check::check(&r);
    assert!(findings
        .iter()
        .any(|f| f.severity == gongkai_model::Severity::Error));
    let n = narrative();
    let bytes = gongkai_write::render::xlsx::render(&Render {
        report: &r,
        narrative: &n,
        appendix: Some(&findings),
        lang: Lang::Zh,
    })
    .expect("xlsx");
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).expect("a workbook");
    let names = book.sheet_names();
    assert_eq!(names.len(), 4, "three tables and the findings: {names:?}");
    let range = book
        .worksheet_range_at(3)
        .expect("sheet")
        .expect("readable");
    assert_eq!(range.height(), findings.len() + 1);
    let rules: Vec<String> = range.rows().skip(1).map(|row| row[1].to_string()).collect();
    assert!(rules.iter().any(|r| r.starts_with("T3-")), "{rules:?}");
}
