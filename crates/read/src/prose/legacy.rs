//! Statements → the `legacy` table (KEYS.md): a pre-2019 report's headline figures as cells.
//!
//! Each row the prose states gets one cell in the `year` column, state `number`, whose text is
//! the sentence and whose source is the figure in it (`未发生…收费行为` for a zero said in words).
//! Rows the report does not state get no cell: the report's cells are only what it says.
//!
//! Which statement fills a row: the first one, in document order, that is exact and clear (one
//! meaning). Approximations (`200余条`) stay statements with their bounds, not cells, because a
//! cell's value is a figure the report printed. A later statement of the same row that
//! disagrees is left to the rule PROSE-VS-TABLE; a row a 附表 already filled is kept as read.

use gongkai_model::{Cell, CellState, FormatId, Report, StatementKind};

/// The column prose fills: 本年度.
const COLUMN: &str = "year";

/// Fills the `legacy` table of `report` from its statements.
pub fn fill(report: &mut Report) {
    let Some(table) = gongkai_model::formats::get(FormatId::Legacy).table("legacy") else {
        return;
    };
    let mut cells = report.cells.clone();
    for st in &report.statements {
        if st.kind == StatementKind::Percent || !st.quantity.exact || st.is_ambiguous() {
            continue;
        }
        let Some(meaning) = st.meaning else {
            continue;
        };
        let Some(row) = meaning.legacy_row().and_then(|r| table.row(r)) else {
            continue;
        };
        let Some(column) = row.columns.iter().find(|c| **c == COLUMN) else {
            continue;
        };
        if cells
            .iter()
            .any(|c| c.row == row.key && c.column == *column)
        {
            continue;
        }
        let value = if meaning == gongkai_model::Meaning::Fees {
            // KEYS.md: fees in 万元, converted from 元 as printed; a zero in words is 0.
            match st.wanyuan() {
                Some(q) => q.lo,
                None if st.kind == StatementKind::Words => 0.0,
                None => continue,
            }
        } else {
            st.quantity.lo
        };
        cells.push(Cell {
            table: table.key,
            row: row.key,
            column,
            value: Some(value),
            state: CellState::Number,
            text: st.sentence.as_str().into(),
            source: st.source,
            inferred_by: None,
        });
    }
    // Cells in the table's row order, like every other report's.
    let order = |c: &Cell| {
        table
            .rows
            .iter()
            .position(|r| r.key == c.row)
            .unwrap_or(usize::MAX)
    };
    cells.sort_by_key(|c| (order(c), c.column != COLUMN));
    report.replace_cells(cells);
}
