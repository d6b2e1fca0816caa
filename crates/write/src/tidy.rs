//! The tidy CSV of KEYS.md: one row per cell.

use std::io::{self, Write};

use gongkai_model::report::format_value;
use gongkai_model::Report;

/// Writes the report's cells, one row each in the format's order, under the header
/// `table,row,column,value,state,source`.
///
/// `value` is empty unless the state is `number` or `inferred`; whole numbers print without a
/// decimal point and amounts as decimals (`14.4`). `source` is the place in the input (`L148`,
/// `L36:5`), empty when unknown. Records end with `\n`.
///
/// With `bom`, a UTF-8 byte-order mark is written first: Excel on a zh-CN system otherwise reads
/// the file as GBK and shows mojibake. Pipes and other tools do better without it.
pub fn cells_csv<W: Write>(report: &Report, mut out: W, bom: bool) -> io::Result<()> {
    if bom {
        out.write_all("\u{FEFF}".as_bytes())?;
    }
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    w.write_record(["table", "row", "column", "value", "state", "source"])
        .map_err(io_error)?;
    for cell in &report.cells {
        let value = match cell.value {
            Some(v) if cell.state.has_value() => format_value(v),
            _ => String::new(),
        };
        let source = cell.source.to_string();
        w.write_record([
            cell.table,
            cell.row,
            cell.column,
            value.as_str(),
            cell.state.key(),
            source.as_str(),
        ])
        .map_err(io_error)?;
    }
    w.flush()
}

/// The I/O error inside a CSV error, kept as it is (a closed pipe stays `BrokenPipe`, which the
/// CLI treats as the reader having had enough).
fn io_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}
