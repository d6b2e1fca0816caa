//! Mutations: one printed value deleted or changed, for mutation tests of readers and checkers.
//!
//! Design: a mutation is applied to the report's cells and the text is written again with the
//! same options. Writing is a pure function of (report, options) and every random choice of the
//! writer (labels, spacing, page breaks, prose) is drawn independently of the values, so the new
//! text differs from the old one only where the value was printed — and the positions in
//! [`Written`] stay exact, which patching the old text in place could not promise (a deleted
//! value removes a line in the cell-per-line layout). The prose is still written from the
//! original report: it keeps telling the original figures, like a report whose table has a typo.

use gongkai_model::{CellKey, CellState, Report, ValueKind};

use crate::document;
use crate::layout::{WriteOptions, Written};
use crate::values::ValueStyles;

/// One change to one printed value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mutation {
    /// Remove the value entirely: the row is printed one value short (the cell becomes
    /// `missing`, as a reader should find it).
    DeleteValue(CellKey),
    /// Print another value, in the style of the text it replaces (`减7` → `减3`, `14.4万元` →
    /// `15万元`).
    ChangeValue(CellKey, f64),
}

impl Mutation {
    pub fn key(&self) -> CellKey {
        match *self {
            Mutation::DeleteValue(k) | Mutation::ChangeValue(k, _) => k,
        }
    }
}

/// A mutated report and its text.
#[derive(Debug, Clone)]
pub struct Mutated {
    /// The report as the mutated text prints it: what a perfect reader reads back (before any
    /// inference of missing cells).
    pub report: Report,
    pub written: Written,
}

/// The report with the mutation applied to its cells. A key the report does not have leaves it
/// unchanged.
pub fn apply(report: &Report, m: &Mutation) -> Report {
    let mut out = report.clone();
    let kind = report
        .format_def()
        .table(m.key().table)
        .and_then(|t| t.column(m.key().column))
        .map(|c| c.kind)
        .unwrap_or(ValueKind::Count);
    if let Some(cell) = out.cell_mut(&m.key()) {
        match *m {
            Mutation::DeleteValue(_) => {
                cell.state = CellState::Missing;
                cell.value = None;
                cell.text = Default::default();
            }
            Mutation::ChangeValue(_, v) => {
                cell.text = ValueStyles::detect(kind, &cell.text).print(kind, v).into();
                cell.state = CellState::Number;
                cell.value = Some(v);
            }
        }
    }
    out
}

/// Applies the mutation and writes the result with `opts` (prose from the original report).
pub fn mutate(report: &Report, m: &Mutation, opts: &WriteOptions) -> Mutated {
    mutate_many(report, std::slice::from_ref(m), opts)
}

/// Several mutations at once (a planted defect can take two cells, e.g. a balance that fails
/// while the row totals still hold).
pub fn mutate_many(report: &Report, ms: &[Mutation], opts: &WriteOptions) -> Mutated {
    let mutated = ms.iter().fold(report.clone(), |r, m| apply(&r, m));
    let written = document::write(&mutated, report, opts);
    Mutated {
        report: mutated,
        written,
    }
}
