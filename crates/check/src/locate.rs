//! Choosing where in the source a finding points.
//!
//! A reviewer jumps from a finding to the source, so the location should be a place that is
//! really there: a printed cell when the finding involves one, otherwise whatever source the
//! involved cells carry (a missing cell may still know the row it belongs to).

use gongkai_model::{CellKey, Report, Source};

use crate::presence::is_printed;

/// The earliest (in document order) source among the printed cells of `keys`; failing that,
/// the earliest source any of them carries; failing that, [`Source::None`].
pub(crate) fn first_printed(report: &Report, keys: &[CellKey]) -> Source {
    let sources = |printed_only: bool| {
        keys.iter()
            .filter_map(|k| report.cell(k))
            .filter(move |c| !printed_only || is_printed(c))
            .map(|c| c.source)
            .filter(|s| !s.is_none())
            .min_by_key(|s| report.order_key(s))
    };
    sources(true).or_else(|| sources(false)).unwrap_or_default()
}

/// The source of the earliest printed cell of a row, else of its first cell that has one.
pub(crate) fn row_source(report: &Report, table: &str, row: &str) -> Source {
    let keys: Vec<CellKey> = report
        .cells
        .iter()
        .filter(|c| c.table == table && c.row == row)
        .map(|c| c.key())
        .collect();
    let printed = keys
        .iter()
        .filter_map(|k| report.cell(k))
        .filter(|c| is_printed(c) && !c.source.is_none())
        .map(|c| c.source)
        .min_by_key(|s| report.order_key(s));
    printed
        .or_else(|| {
            keys.iter()
                .filter_map(|k| report.cell(k))
                .map(|c| c.source)
                .find(|s| !s.is_none())
        })
        .unwrap_or_default()
}
