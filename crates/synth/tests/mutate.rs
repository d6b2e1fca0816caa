mod common;

use common::{is_value, reports};
use gongkai_model::CellState;
use gongkai_synth::{apply, mutate, write_text, Layout, Mutation, WriteOptions};

/// The lines where two texts differ: (old lines, new lines) between the common prefix and suffix.
fn diff<'a>(old: &'a str, new: &'a str) -> (Vec<&'a str>, Vec<&'a str>, usize) {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    (
        a[prefix..a.len() - suffix].to_vec(),
        b[prefix..b.len() - suffix].to_vec(),
        prefix,
    )
}

fn opts(layout: Layout, seed: u64) -> WriteOptions {
    WriteOptions {
        layout,
        // Every combination over consecutive seeds.
        chrome: [true, false][(seed % 2) as usize],
        page_breaks: [true, false, false][(seed % 3) as usize],
        variant_seed: seed,
    }
}

#[test]
fn a_changed_value_changes_exactly_one_printed_value() {
    for (seed, report) in reports(0..4) {
        for layout in Layout::ALL {
            let o = opts(layout, seed);
            let before = write_text(&report, &o);
            // Every 7th cell, to keep the test quick but cover every table.
            for cell in report.cells.iter().step_by(7) {
                let new = cell.value.unwrap_or(0.0) + 3.0;
                let m = Mutation::ChangeValue(cell.key(), new);
                let after = mutate(&report, &m, &o);
                let (old_lines, new_lines, at) = diff(&before.text, &after.written.text);
                assert_eq!(old_lines.len(), 1, "{o:?} {}: {old_lines:?}", cell.key());
                assert_eq!(new_lines.len(), 1);
                assert_eq!(at as u32 + 1, before.cell_lines[&cell.key()]);
                assert_eq!(after.written.cell_lines, before.cell_lines);
                let printed = &after.report.cell(&cell.key()).expect("cell").text;
                assert!(new_lines[0].contains(printed.as_str()));
                // The line's other values are untouched.
                let split = |l: &str| -> Vec<String> {
                    l.split(['|', '\t'])
                        .map(|c| c.trim().to_string())
                        .filter(|c| !c.is_empty())
                        .collect()
                };
                let (o_cells, n_cells) = (split(old_lines[0]), split(new_lines[0]));
                assert_eq!(o_cells.len(), n_cells.len());
                let changed = o_cells.iter().zip(&n_cells).filter(|(a, b)| a != b).count();
                assert_eq!(changed, 1, "{old_lines:?} → {new_lines:?}");
                // Only that cell differs in the report.
                let differing = report
                    .cells
                    .iter()
                    .zip(&after.report.cells)
                    .filter(|(a, b)| a != b)
                    .count();
                assert_eq!(differing, 1);
            }
        }
    }
}

#[test]
fn a_deleted_value_leaves_the_row_one_value_short() {
    for (seed, report) in reports(0..4) {
        for layout in Layout::ALL {
            let o = opts(layout, seed + 1);
            let before = write_text(&report, &o);
            for cell in report.cells.iter().step_by(5) {
                let key = cell.key();
                let m = Mutation::DeleteValue(key);
                let after = mutate(&report, &m, &o);
                assert_eq!(
                    after.report.cell(&key).map(|c| c.state),
                    Some(CellState::Missing)
                );
                assert!(!after.written.cell_lines.contains_key(&key));
                assert_eq!(after.written.cell_lines.len(), before.cell_lines.len() - 1);
                let (old_lines, new_lines, _) = diff(&before.text, &after.written.text);
                match layout {
                    Layout::CellPerLine => {
                        // The value's line goes, with a blank separator.
                        assert!(new_lines.is_empty(), "{new_lines:?}");
                        let values: Vec<_> =
                            old_lines.iter().filter(|l| !l.trim().is_empty()).collect();
                        assert_eq!(values.len(), 1, "{old_lines:?}");
                        assert!(is_value(values[0]));
                        assert_eq!(old_lines.len(), 2);
                    }
                    Layout::Pipe | Layout::Tab => {
                        assert_eq!((old_lines.len(), new_lines.len()), (1, 1));
                        let sep = if layout == Layout::Pipe { '|' } else { '\t' };
                        let count = |l: &str| l.split(sep).filter(|c| is_value(c)).count();
                        assert_eq!(count(new_lines[0]) + 1, count(old_lines[0]));
                        assert!(!new_lines[0].contains("||||||||||||||||"));
                    }
                }
            }
        }
    }
}

#[test]
fn changed_values_keep_their_printing_style() {
    for (_, report) in reports(0..20) {
        for cell in report
            .cells
            .iter()
            .filter(|c| c.column == "change" || c.column == "amount")
        {
            let m =
                Mutation::ChangeValue(cell.key(), -5.0_f64.max(cell.value.unwrap_or(0.0) - 5.0));
            let after = apply(&report, &m);
            let text = &after.cell(&cell.key()).expect("cell").text;
            if cell.text.starts_with('增') || cell.text.starts_with('减') {
                assert!(
                    text.starts_with('增') || text.starts_with('减') || text == "0",
                    "{text}"
                );
            }
            if cell.text.ends_with("万元") {
                assert!(text.ends_with("万元") || text == "0");
            }
        }
    }
}

#[test]
fn prose_keeps_the_original_figures() {
    let (_, report) = reports(0..1).into_iter().nth(4).expect("a report");
    let key = gongkai_model::CellKey {
        table: "requests",
        row: "received",
        column: "total",
    };
    let o = WriteOptions::new(Layout::Pipe);
    let before = write_text(&report, &o);
    let after = mutate(&report, &Mutation::ChangeValue(key, 99_999.0), &o);
    let (old_lines, _, at) = diff(&before.text, &after.written.text);
    assert_eq!(old_lines.len(), 1);
    assert_eq!(at as u32 + 1, before.row_lines[&("requests", "received")]);
}
