//! gongkai's data model: the official report formats as data, the stable keys of KEYS.md, and
//! the report, cell and finding types that every other crate works with. Pure: no I/O.

pub mod arith;
pub mod finding;
pub mod format;
pub mod formats;
pub mod lines;
pub mod order;
pub mod relation;
pub mod report;
pub mod statement;

pub use finding::{Finding, Lang, Message, Outcome, Severity};
pub use format::{CellKey, FormatDef, FormatId, RowDef, TableDef, ValueKind};
pub use order::ReadingOrder;
pub use relation::Relation;
pub use report::{
    Cell, CellState, CellText, Date, Found, Inference, Located, Report, SectionText, Source,
};
pub use statement::{Meaning, Quantity, Statement, StatementKind, Unit};
