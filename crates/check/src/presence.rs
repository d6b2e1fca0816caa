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

/// The tables and rows a report shows, gathered in one pass over its cells the first time they
/// are asked for: for the rules that ask for every relation and operand, where a scan of all
/// cells per question would make the check quadratic in the number of cells. A report whose
/// tables were all found and whose relations all decide never pays for the pass.
pub(crate) struct Shown<'r> {
    report: &'r Report,
    /// (table, row) of every printed cell.
    rows: std::cell::OnceCell<std::collections::HashSet<(&'r str, &'r str)>>,
}

impl<'r> Shown<'r> {
    pub(crate) fn of(report: &'r Report) -> Shown<'r> {
        Shown {
            report,
            rows: std::cell::OnceCell::new(),
        }
    }

    fn rows(&self) -> &std::collections::HashSet<(&'r str, &'r str)> {
        self.rows.get_or_init(|| {
            self.report
                .cells
                .iter()
                .filter(|c| is_printed(c))
                .map(|c| (c.table, c.row))
                .collect()
        })
    }

    /// [`table_shown`], answered from the gathered rows.
    pub(crate) fn table(&self, table: &str) -> bool {
        self.report.has_table(table) || self.rows().iter().any(|(t, _)| *t == table)
    }

    /// Whether the cell's whole row is absent from the source (no cell of it printed).
    pub(crate) fn in_unprinted_row(&self, key: &CellKey) -> bool {
        !self.rows().contains(&(key.table, key.row))
    }
}
