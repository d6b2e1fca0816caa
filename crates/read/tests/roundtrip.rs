//! Property tests: generate a consistent report → write it in every layout (with chrome, page
//! breaks and label variants) → read it back → every cell identical. And mutation tests: delete
//! or change one printed value → the expected finding, at the expected line, and no other cell
//! read wrong (never a silent shift).
#![allow(clippy::unwrap_used)]

use gongkai_model::{CellKey, CellState, FormatId, Outcome, Report};
use gongkai_read::read_str;
use gongkai_synth::{
    generate, mutate, write_text, GenOptions, Layout, Mutation, Scale, WriteOptions,
};
use proptest::prelude::*;

fn options() -> impl Strategy<Value = (u64, FormatId, Scale, Layout, bool, bool, u64)> {
    (
        any::<u64>(),
        prop_oneof![Just(FormatId::F2019), Just(FormatId::F2021)],
        prop_oneof![Just(Scale::Quiet), Just(Scale::Typical), Just(Scale::Busy)],
        prop_oneof![
            Just(Layout::CellPerLine),
            Just(Layout::Pipe),
            Just(Layout::Tab)
        ],
        any::<bool>(),
        any::<bool>(),
        any::<u64>(),
    )
}

fn write(
    report: &Report,
    layout: Layout,
    chrome: bool,
    page_breaks: bool,
    variant: u64,
) -> gongkai_synth::Written {
    let mut o = WriteOptions::new(layout);
    o.chrome = chrome;
    o.page_breaks = page_breaks;
    o.variant_seed = variant;
    write_text(report, &o)
}

fn assert_same_cells(generated: &Report, read: &Report, text: &str) -> Result<(), TestCaseError> {
    prop_assert_eq!(read.format, generated.format, "format\n{}", text);
    prop_assert_eq!(read.cells.len(), generated.cells.len());
    for g in &generated.cells {
        let r = read.cell(&g.key()).unwrap();
        prop_assert_eq!(r.state, CellState::Number, "{} state\n{}", g.key(), text);
        let (a, b) = (r.value.unwrap(), g.value.unwrap());
        prop_assert!(
            (a - b).abs() < 1e-9,
            "{}: read {} generated {}\n{}",
            g.key(),
            a,
            b,
            text
        );
        prop_assert_eq!(&r.text, &g.text, "{} text", g.key());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn generate_write_read_is_identical((seed, format, scale, layout, chrome, breaks, variant) in options()) {
        let generated = generate(seed, &GenOptions { format, year: None, scale });
        let written = write(&generated, layout, chrome, breaks, variant);
        let read = read_str(written.text.clone());
        assert_same_cells(&generated, &read.report, &written.text)?;
        prop_assert_eq!(read.report.year.value, generated.year.value);
        prop_assert_eq!(&read.report.agency.value, &generated.agency.value, "agency\n{}", written.text);
        prop_assert!(read.report.notes.is_empty(), "{:?}\n{}", read.report.notes, written.text);
        // Every cell's source points at the line the writer put it on.
        for c in &read.report.cells {
            let want = written.cell_lines.get(&c.key()).copied();
            prop_assert_eq!(c.source.line_no(), want, "{} line", c.key());
        }
        // A consistent report has no error findings.
        let errors: Vec<_> = gongkai_check::check(&read.report)
            .into_iter()
            .filter(|f| f.severity == gongkai_model::Severity::Error)
            .collect();
        prop_assert!(errors.is_empty(), "{:?}", errors);
    }

    #[test]
    fn a_deleted_value_is_never_shifted((seed, format, scale, layout, chrome, breaks, variant) in options(), pick in any::<prop::sample::Index>()) {
        let generated = generate(seed, &GenOptions { format, year: None, scale });
        // Delete one value of 表三 or 表四, where the arithmetic can speak.
        let keys: Vec<CellKey> = generated.cells.iter().map(|c| c.key()).filter(|k| k.table != "proactive").collect();
        let key = *pick.get(&keys);
        let mut o = WriteOptions::new(layout);
        o.chrome = chrome;
        o.page_breaks = breaks;
        o.variant_seed = variant;
        let mutated = mutate(&generated, &Mutation::DeleteValue(key), &o);
        let read = read_str(mutated.written.text.clone()).report;
        // No cell has a value other than the generated one.
        for c in &read.cells {
            if let Some(v) = c.value {
                let g = generated.cell(&c.key()).unwrap().value.unwrap();
                prop_assert!((v - g).abs() < 1e-9, "{} read {} but generated {} (deleted {})\n{}", c.key(), v, g, key, mutated.written.text);
            }
        }
        // The short row is reported, at a line of that row.
        let note = read.notes.iter().find(|n| n.rule == "ROW-VALUE-COUNT" && n.cells.contains(&key));
        prop_assert!(note.is_some(), "no ROW-VALUE-COUNT for {}: {:?}", key, read.notes);
        let line = note.unwrap().location.line_no().unwrap();
        let row_lines: Vec<u32> = mutated.written.cell_lines.iter().filter(|(k, _)| k.row == key.row && k.table == key.table).map(|(_, l)| *l).collect();
        let label_line = mutated.written.row_lines.get(&(key.table, key.row)).copied();
        prop_assert!(row_lines.contains(&line) || label_line == Some(line) || key.table == "review_litigation", "note at L{} not on row {:?}", line, row_lines);
        // One cell of the row is not printed: it is inferred (with the right value, checked
        // above) or left missing. When every reading gives the same values (a row of zeros),
        // the source cannot show which one was left out, so it need not be the deleted one.
        let unprinted = read.cells.iter().filter(|c| {
            (c.table, c.row) == (key.table, key.row) || (key.table == "review_litigation" && c.table == key.table)
        }).filter(|c| matches!(c.state, CellState::Inferred | CellState::Missing)).count();
        prop_assert!(unprinted >= 1);
        let cell = read.cell(&key).unwrap();
        if cell.state == CellState::Number {
            let row_values: Vec<f64> = read.cells.iter().filter(|c| (c.table, c.row) == (key.table, key.row)).filter_map(|c| c.value).collect();
            prop_assert!(row_values.iter().any(|v| (v - cell.value.unwrap()).abs() < 1e-9));
        }
    }

    #[test]
    fn a_changed_value_is_caught_at_its_line((seed, format, layout, variant) in (any::<u64>(), prop_oneof![Just(FormatId::F2019), Just(FormatId::F2021)], prop_oneof![Just(Layout::CellPerLine), Just(Layout::Pipe), Just(Layout::Tab)], any::<u64>()), pick in any::<prop::sample::Index>(), delta in 1u32..50) {
        let generated = generate(seed, &GenOptions { format, year: None, scale: Scale::Typical });
        let keys: Vec<CellKey> = generated.cells.iter().map(|c| c.key()).filter(|k| k.table != "proactive").collect();
        let key = *pick.get(&keys);
        let old = generated.cell(&key).unwrap().value.unwrap();
        let mut o = WriteOptions::new(layout);
        o.variant_seed = variant;
        let mutated = mutate(&generated, &Mutation::ChangeValue(key, old + f64::from(delta)), &o);
        let read = read_str(mutated.written.text.clone()).report;
        prop_assert_eq!(read.cell(&key).unwrap().value, Some(old + f64::from(delta)));
        let findings = gongkai_check::check(&read);
        // Some exact relation through the changed cell fails, and its finding says which cells.
        let hit = findings.iter().find(|f| f.outcome == Outcome::Fail && f.cells.contains(&key) && f.rule.starts_with('T'));
        prop_assert!(hit.is_some(), "no failing relation for {}: {:?}", key, findings);
        let f = hit.unwrap();
        let line = f.location.line_no().unwrap();
        let lines: Vec<u32> = f.cells.iter().filter_map(|k| mutated.written.cell_lines.get(k).copied()).collect();
        prop_assert!(lines.contains(&line), "{} located at L{} but its cells are on {:?}", f.rule, line, lines);
    }
}
