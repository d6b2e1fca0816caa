//! Row labels that wrap after very few characters (`3.危及“三安全` / `一稳定”`, five characters
//! after the numbering): the row is read when the next line completes the label, in the tab
//! layout (values beside the first line) and with one cell per line (values after the label).
#![allow(clippy::unwrap_used)]

use gongkai_model::{CellState, Report};
use gongkai_read::read_str;

fn file(path: &str) -> String {
    std::fs::read_to_string(format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn same_cells(a: &Report, b: &Report) {
    assert_eq!(a.cells.len(), b.cells.len());
    for (x, y) in a.cells.iter().zip(&b.cells) {
        assert_eq!((x.key(), x.state, x.value), (y.key(), y.state, y.value));
    }
}

fn security_row(r: &Report) -> Vec<CellState> {
    r.cells
        .iter()
        .filter(|c| c.table == "requests" && c.row == "withheld_security")
        .map(|c| c.state)
        .collect()
}

#[test]
fn a_label_wrapped_beside_its_values_is_completed_by_the_next_line() {
    let text = file("examples/2021-quiet-tab.txt");
    let line = "\t\t3. 危及“三安全一稳定”\t0\t0\t0\t0\t0\t0\t0\n";
    assert!(text.contains(line));
    let wrapped = text.replacen(
        line,
        "\t\t3. 危及“三安全\t0\t0\t0\t0\t0\t0\t0\n\t\t一稳定”\n",
        1,
    );
    let whole = read_str(text).report;
    let read = read_str(wrapped).report;
    assert!(security_row(&read).iter().all(|s| *s == CellState::Number));
    same_cells(&read, &whole);
}

#[test]
fn a_label_wrapped_before_its_values_is_completed_by_the_next_line() {
    let text = file("tests/fixtures/seeds/003_d22f653d47743c2c.txt");
    let wrapped = text.replacen("3.危及“三安全一稳定”\n", "3.危及“三安全\n一稳定”\n", 1);
    assert_ne!(wrapped, text);
    let whole = read_str(text).report;
    let read = read_str(wrapped).report;
    same_cells(&read, &whole);
}

#[test]
fn a_short_line_the_next_does_not_complete_names_no_row() {
    let text = file("tests/fixtures/seeds/003_d22f653d47743c2c.txt");
    let wrapped = text.replacen("3.危及“三安全一稳定”\n", "3.危及“三安全\n另有说明\n", 1);
    assert_ne!(wrapped, text);
    let read = read_str(wrapped).report;
    assert!(security_row(&read).iter().all(|s| *s != CellState::Number));
}
