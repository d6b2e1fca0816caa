//! What the source actually showed: tables, rows and printed cells.
//!
//! Several rules must tell "the report got this wrong" from "the report does not have this at
//! all"; these predicates are that distinction, kept in one place so the rules agree on it.

use gongkai_model::{Cell, CellKey, CellState, Report};

/// Whether a cell is present in the source: a number, a blank or a not-applicable mark.
/// `missing` cells are absent, and `inferred` ones were absent before inference.
pub(crate) fn is_printed(cell: &Cell) -> bool {
    matches!(
        cell.state,
        CellState::Number | CellState::Blank | CellState::NotApplicable
    )
}

/// Whether the source showed this table. A table counts as shown when the reader found it
/// (`report.tables`) or when any of its cells is present: a report assembled from records, or
/// a reader that placed cells without registering the table, must not be told the table is
/// missing while its numbers are being checked.
pub(crate) fn table_shown(report: &Report, table: &str) -> bool {
    report.has_table(table)
        || report
            .cells
            .iter()
            .any(|c| c.table == table && is_printed(c))
}

/// Whether no cell of the row is present in the source.
pub(crate) fn row_unprinted(report: &Report, table: &str, row: &str) -> bool {
    !report
        .cells
        .iter()
        .any(|c| c.table == table && c.row == row && is_printed(c))
}

/// Whether the cell's whole row is absent from the source.
pub(crate) fn in_unprinted_row(report: &Report, key: &CellKey) -> bool {
    row_unprinted(report, key.table, key.row)
}
