//! No input makes a writer panic: arbitrary text, places, values and file names.

mod common;

use common::*;
use gongkai_model::{CellKey, Finding, Lang, Message, Outcome, Severity, Source};
use gongkai_write::{
    cells_csv, findings_json, render_diagnostics, render_diagnostics_with_report, report_json,
    Summary,
};
use proptest::prelude::*;

/// Text built from the characters that make layout hard, mixed with anything at all.
fn text() -> impl Strategy<Value = String> {
    let tricky = prop_oneof![
        Just('\n'),
        Just('\r'),
        Just('\t'),
        Just('|'),
        Just('｜'),
        Just(' '),
        Just('　'),
        Just('规'),
        Just('①'),
        Just('“'),
        Just('\u{301}'),
        Just('\u{200b}'),
        Just('\u{feff}'),
        Just('\u{202e}'),
        Just('\u{0}'),
        Just('😀'),
        Just('7'),
        any::<char>(),
    ];
    prop_oneof![
        proptest::collection::vec(tricky, 0..120).prop_map(|v| v.into_iter().collect()),
        any::<String>(),
    ]
}

fn source() -> impl Strategy<Value = Source> {
    prop_oneof![
        Just(Source::None),
        (0u32..12, 0u32..40, 0u32..40, any::<bool>()).prop_map(|(line, column, len, alone)| {
            Source::Text {
                line,
                column,
                len,
                alone,
            }
        }),
        (any::<u32>(), any::<u32>(), any::<u32>(), any::<bool>()).prop_map(
            |(line, column, len, alone)| Source::Text {
                line,
                column,
                len,
                alone,
            }
        ),
        (any::<u32>(), any::<u32>(), any::<u32>(), any::<u32>()).prop_map(
            |(page, table, row, cell)| Source::Grid {
                page,
                table,
                row,
                cell,
            }
        ),
    ]
}

fn keys() -> Vec<CellKey> {
    report().cells.iter().map(|c| c.key()).take(40).collect()
}

fn severity() -> impl Strategy<Value = Severity> {
    prop_oneof![
        Just(Severity::Error),
        Just(Severity::Warning),
        Just(Severity::Notice)
    ]
}

fn finding() -> impl Strategy<Value = Finding> {
    (
        severity(),
        any::<bool>(),
        ".{0,20}",
        proptest::option::of(".{0,20}"),
        proptest::collection::vec(0usize..40, 0..8),
        source(),
    )
        .prop_map(|(severity, uncertain, msg, evidence, cells, at)| {
            let keys = keys();
            let mut f = Finding::new(
                "P-RULE",
                severity,
                if uncertain {
                    Outcome::Uncertain
                } else {
                    Outcome::Fail
                },
                Message::new(msg.clone(), msg),
            )
            .with_cells(cells.iter().filter_map(|i| keys.get(*i).copied()).collect())
            .at(at);
            f.evidence = evidence;
            f
        })
}

proptest! {
    #[test]
    fn diagnostics_never_panic(
        file in ".{0,12}",
        text in text(),
        findings in proptest::collection::vec(finding(), 0..6),
        cell_sources in proptest::collection::vec(source(), 40),
        color in any::<bool>(),
    ) {
        let mut r = report();
        for (c, s) in r.cells.iter_mut().zip(cell_sources) {
            c.source = s;
        }
        for lang in [Lang::Zh, Lang::En] {
            let out = render_diagnostics(&file, &text, &findings, lang, color);
            prop_assert_eq!(out.is_empty(), findings.is_empty());
            render_diagnostics_with_report(&file, &text, &r, &findings, lang, color);
        }
        // Even a report whose cell list was cut short by a caller.
        r.cells.truncate(3);
        render_diagnostics_with_report(&file, &text, &r, &findings, Lang::Zh, false);
    }

    #[test]
    fn data_outputs_never_panic(
        values in proptest::collection::vec(proptest::option::of(any::<f64>()), 40),
        texts in proptest::collection::vec(proptest::collection::vec(any::<char>(), 0..10), 40),
        findings in proptest::collection::vec(finding(), 0..6),
        name in proptest::option::of(".{0,12}"),
        bom in any::<bool>(),
    ) {
        let mut r = report();
        for ((c, v), t) in r.cells.iter_mut().zip(values).zip(texts) {
            c.value = v;
            c.text = t.into_iter().collect();
        }
        report_json(&r, &findings, Lang::En, name.as_deref());
        findings_json(name.as_deref().unwrap_or(""), &findings, Lang::Zh);
        let mut out = Vec::new();
        prop_assert!(cells_csv(&r, &mut out, bom).is_ok());
        let mut s = Summary::default();
        s.add(&findings);
        s.line(Lang::En);
    }
}
