mod common;

use common::{reports, FORMATS};
use gongkai_model::arith::{evaluate, Eval};
use gongkai_model::{formats, CellKey, CellState, FormatId, ValueKind};
use gongkai_synth::{generate, GenOptions, Scale};

#[test]
fn every_relation_holds_for_many_seeds() {
    for (seed, report) in reports(0..150) {
        for rel in formats::relations(report.format) {
            match evaluate(rel, &report) {
                Eval::Holds { .. } => {}
                other => panic!(
                    "seed {seed} {} {}: {} along {}: {other:?}",
                    report.format,
                    report.agency.value.clone().unwrap_or_default(),
                    rel.def.rule,
                    rel.along
                ),
            }
        }
    }
}

#[test]
fn every_cell_is_a_printed_number_of_its_kind() {
    for (seed, report) in reports(0..60) {
        let def = report.format_def();
        assert_eq!(report.cells.len(), def.cell_keys().count());
        for cell in &report.cells {
            assert_eq!(cell.state, CellState::Number, "seed {seed} {}", cell.key());
            assert!(cell.source.is_none());
            assert!(!cell.text.is_empty());
            let v = cell.value.unwrap_or(f64::NAN);
            let kind = def
                .table(cell.table)
                .and_then(|t| t.column(cell.column))
                .map(|c| c.kind);
            match kind {
                Some(ValueKind::Count) => {
                    assert!(v >= 0.0 && v.fract() == 0.0, "{} = {v}", cell.key());
                    assert_eq!(cell.text, format!("{}", v as i64));
                }
                Some(ValueKind::Change) => assert!(v.fract() == 0.0),
                Some(ValueKind::Amount) => {
                    assert!(v >= 0.0);
                    let cents = v * 100.0;
                    assert!((cents - cents.round()).abs() < 1e-6, "{v} has >2 decimals");
                }
                None => panic!("no column for {}", cell.key()),
            }
        }
        assert_eq!(report.sections.len(), 6);
        assert_eq!(report.tables.len(), def.tables.len());
    }
}

#[test]
fn years_and_dates_fit_the_format() {
    for (_, report) in reports(0..40) {
        let year = report.year.value.unwrap_or(0);
        match report.format {
            FormatId::F2019 => assert!((2019..=2020).contains(&year)),
            _ => assert!((2021..=2025).contains(&year)),
        }
        let d = report.published_on.value.expect("publication date");
        assert_eq!((d.year, d.month), (year + 1, 1));
        let agency = report.agency.value.clone().unwrap_or_default();
        assert!(agency.chars().count() >= 6, "{agency}");
    }
    // A given year is kept, even against the format: that is how a mismatch is planted.
    let r = generate(
        3,
        &GenOptions {
            format: FormatId::F2019,
            year: Some(2022),
            scale: Scale::Typical,
        },
    );
    assert_eq!((r.format, r.year.value), (FormatId::F2019, Some(2022)));
}

#[test]
fn legacy_is_replaced_by_a_tabled_format() {
    let r = generate(1, &GenOptions::new(FormatId::Legacy, Scale::Quiet));
    assert_eq!(r.format, FormatId::F2021);
    let r = generate(
        1,
        &GenOptions {
            format: FormatId::Legacy,
            year: Some(2020),
            scale: Scale::Quiet,
        },
    );
    assert_eq!(r.format, FormatId::F2019);
}

#[test]
fn deterministic() {
    for format in FORMATS {
        for scale in Scale::ALL {
            let a = generate(42, &GenOptions::new(format, scale));
            let b = generate(42, &GenOptions::new(format, scale));
            assert_eq!(a.cells, b.cells);
            assert_eq!(a.agency, b.agency);
            assert_eq!(a.year, b.year);
        }
    }
    let a = generate(1, &GenOptions::default());
    let b = generate(2, &GenOptions::default());
    assert_ne!(a.cells, b.cells);
}

fn req(report: &gongkai_model::Report, row: &'static str, column: &'static str) -> f64 {
    report
        .value(&CellKey {
            table: "requests",
            row,
            column,
        })
        .unwrap_or(0.0)
}

#[test]
fn magnitudes_are_realistic() {
    let mut quiet_zero_rows = 0usize;
    let mut quiet_rows = 0usize;
    let mut negative_changes = 0;
    let mut positive_changes = 0;
    for seed in 0..200 {
        let quiet = generate(seed, &GenOptions::new(FormatId::F2021, Scale::Quiet));
        for c in quiet.cells.iter().filter(|c| c.table == "requests") {
            quiet_rows += 1;
            quiet_zero_rows += usize::from(c.value == Some(0.0));
        }
        let busy = generate(seed, &GenOptions::new(FormatId::F2021, Scale::Busy));
        let received = req(&busy, "received", "total");
        assert!(received >= 400.0, "busy agencies get hundreds of requests");
        // Natural persons dominate; 予以公开 is the largest result.
        assert!(req(&busy, "received", "natural_person") > received / 2.0);
        let granted = req(&busy, "granted", "total");
        for row in formats::get(FormatId::F2021)
            .table("requests")
            .map(|t| t.rows)
            .unwrap_or_default()
        {
            if row.group.is_some() && row.key != "total" {
                assert!(
                    req(&busy, row.key, "total") <= granted,
                    "seed {seed} {}",
                    row.key
                );
            }
        }
        let typical19 = generate(seed, &GenOptions::new(FormatId::F2019, Scale::Typical));
        for c in typical19.cells.iter().filter(|c| c.column == "change") {
            let v = c.value.unwrap_or(0.0);
            negative_changes += usize::from(v < 0.0);
            positive_changes += usize::from(v > 0.0);
        }
    }
    assert!(
        quiet_zero_rows * 10 > quiet_rows * 8,
        "quiet reports are mostly zeros ({quiet_zero_rows}/{quiet_rows})"
    );
    assert!(negative_changes > 20 && positive_changes > 20);
}
