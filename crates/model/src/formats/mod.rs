//! The official formats, as data: 2019 (60号), 2021 (30号) and the pre-2019 legacy reports.

mod common;
pub mod f2019;
pub mod f2021;
pub mod legacy;
pub mod relations;

pub use common::{ALL_REQUEST_COLUMNS, APPLICANT_COLUMNS, WITHHELD_ROWS};

use std::sync::OnceLock;

use crate::format::{CellKey, FormatDef, FormatId};
use crate::relation::{relations_of, Relation};

/// The definition of a format.
pub fn get(id: FormatId) -> &'static FormatDef {
    match id {
        FormatId::F2019 => &f2019::FORMAT,
        FormatId::F2021 => &f2021::FORMAT,
        FormatId::Legacy => &legacy::FORMAT,
    }
}

/// All formats, newest first.
pub fn all() -> [&'static FormatDef; 3] {
    [&f2021::FORMAT, &f2019::FORMAT, &legacy::FORMAT]
}

/// The concrete relations of a format (expanded once, then shared).
pub fn relations(id: FormatId) -> &'static [Relation] {
    static CACHE: [OnceLock<Vec<Relation>>; FormatId::COUNT] =
        [const { OnceLock::new() }; FormatId::COUNT];
    CACHE[id.index()].get_or_init(|| relations_of(get(id)))
}

/// The static keys of a cell of some format, from strings (e.g. when loading JSON).
pub fn intern(table: &str, row: &str, column: &str) -> Option<CellKey> {
    all().into_iter().find_map(|f| {
        let t = f.table(table)?;
        if let Some(extra) = (f.id == FormatId::Legacy)
            .then(|| legacy::extra_row_key(row))
            .flatten()
        {
            // A provincial indicator of a 附表 (KEYS.md `extra.<n>`): the legacy columns.
            let r = t.rows.first()?;
            let c = r.columns.iter().find(|c| **c == column)?;
            return Some(CellKey {
                table: t.key,
                row: extra,
                column: c,
            });
        }
        let r = t.row(row)?;
        let c = r.columns.iter().find(|c| **c == column)?;
        Some(CellKey {
            table: t.key,
            row: r.key,
            column: c,
        })
    })
}
