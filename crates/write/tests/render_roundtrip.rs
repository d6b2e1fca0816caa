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
