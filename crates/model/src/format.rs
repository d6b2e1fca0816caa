//! The shape of an official report format, as data.
//!
//! A [`FormatDef`] is a plain static value: its sections, tables, rows, columns, labels (with the
//! variants seen in real reports) and the arithmetic relations that hold between cells. The
//! readers, the rule catalogue, the renderers and the request desk all work from this one
//! definition; adding a provincial label variant or a future national format is a data change.

use serde::Serialize;
use std::fmt;

use crate::relation::RelationDef;

/// Which report format a report follows (`format` in KEYS.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum FormatId {
    /// 国办公开办函〔2019〕60号 (report years 2019–2020).
    #[serde(rename = "2019")]
    F2019,
    /// 国办公开办函〔2021〕30号 (report years 2021 onward).
    #[serde(rename = "2021")]
    F2021,
    /// Pre-2019 free-form report (2007 条例).
    #[serde(rename = "legacy")]
    Legacy,
}

impl FormatId {
    /// How many formats there are: the slots of the caches kept per format.
    pub const COUNT: usize = 3;

    /// This format's slot among [`FormatId::COUNT`] (for the caches made once per format).
    pub const fn index(self) -> usize {
        match self {
            FormatId::F2019 => 0,
            FormatId::F2021 => 1,
            FormatId::Legacy => 2,
        }
    }

    /// The stable key used in JSON, CSV and the database.
    pub fn key(self) -> &'static str {
        match self {
            FormatId::F2019 => "2019",
            FormatId::F2021 => "2021",
            FormatId::Legacy => "legacy",
        }
    }

    /// Parses the stable key.
    pub fn from_key(key: &str) -> Option<FormatId> {
        match key {
            "2019" => Some(FormatId::F2019),
            "2021" => Some(FormatId::F2021),
            "legacy" => Some(FormatId::Legacy),
            _ => None,
        }
    }

    /// The format a report of this statistical year should follow.
    pub fn expected_for_year(year: i32) -> FormatId {
        match year {
            ..=2018 => FormatId::Legacy,
            2019 | 2020 => FormatId::F2019,
            _ => FormatId::F2021,
        }
    }
}

impl fmt::Display for FormatId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// What kind of number a cell holds, which decides parsing and the value rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueKind {
    /// A count of items: a non-negative whole number.
    Count,
    /// A signed change (本年增/减): `减7` is -7, `增271` and `+271` are 271.
    Change,
    /// An amount of money in 万元, a non-negative decimal; `251000元` is converted.
    Amount,
}

/// A complete report format.
#[derive(Debug)]
pub struct FormatDef {
    pub id: FormatId,
    /// The format's official name, e.g. 《中华人民共和国政府信息公开工作年度报告格式》.
    pub name: &'static str,
    /// The document that issued it, e.g. 国办公开办函〔2021〕30号.
    pub issued_by: &'static str,
    /// The numbered parts of the report, in order.
    pub sections: &'static [SectionDef],
    /// The tables, in order.
    pub tables: &'static [TableDef],
    /// The arithmetic relations between cells; each is a rule of the catalogue.
    pub relations: &'static [&'static RelationDef],
    /// Printed labels that only this format has; used to tell formats apart.
    pub markers: &'static [&'static str],
}

impl FormatDef {
    /// The table with this key.
    pub fn table(&self, key: &str) -> Option<&'static TableDef> {
        self.tables.iter().find(|t| t.key == key)
    }

    /// Every (table, row, column) of the format, in reading order.
    pub fn cell_keys(&self) -> impl Iterator<Item = CellKey> + '_ {
        self.tables.iter().flat_map(|t| t.cell_keys())
    }

    /// The section with this key.
    pub fn section(&self, key: &str) -> Option<&'static SectionDef> {
        self.sections.iter().find(|s| s.key == key)
    }
}

/// One of the numbered parts of a report (一、总体情况 …).
#[derive(Debug, Clone, Copy)]
pub struct SectionDef {
    pub key: &'static str,
    /// Chinese ordinal as printed: 一, 二 …
    pub number: &'static str,
    pub label: &'static str,
    /// Other headings seen in real reports for the same part.
    pub aliases: &'static [&'static str],
    /// The table this part holds, if any.
    pub table: Option<&'static str>,
    /// Whether the reader keeps this part's prose ([`crate::SectionText`]): only for parts a
    /// rule compares across reports (五 存在的主要问题及改进情况, copied from last year =
    /// 内容雷同), so a corpus does not store every report's whole text twice.
    pub keep_text: bool,
}

/// How a table's values are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableLayout {
    /// Each row starts with its label, followed by its values (表二, 表三).
    LabelledRows,
    /// All rows' values printed as one unlabelled run, row after row (表四: 15 numbers).
    SingleRun,
}

/// One table of a format.
#[derive(Debug)]
pub struct TableDef {
    pub key: &'static str,
    /// The name reports and tools use for it: 表二, 表三, 表四.
    pub short: &'static str,
    pub label: &'static str,
    pub layout: TableLayout,
    pub columns: &'static [ColumnDef],
    pub rows: &'static [RowDef],
    /// Row groups printed as merged label cells with no numbers of their own.
    pub groups: &'static [GroupDef],
    /// Other printed header texts of the table (not rows, not columns), skipped when reading.
    pub headers: &'static [&'static str],
}

impl TableDef {
    pub fn row(&self, key: &str) -> Option<&'static RowDef> {
        self.rows.iter().find(|r| r.key == key)
    }

    pub fn column(&self, key: &str) -> Option<&'static ColumnDef> {
        self.columns.iter().find(|c| c.key == key)
    }

    /// Every (table, row, column) of this table, row by row.
    pub fn cell_keys(&'static self) -> impl Iterator<Item = CellKey> {
        self.rows.iter().flat_map(move |r| {
            r.columns.iter().map(move |c| CellKey {
                table: self.key,
                row: r.key,
                column: c,
            })
        })
    }

    /// Number of values the format prints in this table.
    pub fn cell_count(&self) -> usize {
        self.rows.iter().map(|r| r.columns.len()).sum()
    }
}

/// A column of a table.
#[derive(Debug, Clone, Copy)]
pub struct ColumnDef {
    pub key: &'static str,
    pub label: &'static str,
    pub aliases: &'static [&'static str],
    pub kind: ValueKind,
    /// The merged header above this column, if any (法人或其他组织, 行政诉讼 …).
    pub group: Option<&'static str>,
}

/// A row of a table.
#[derive(Debug, Clone, Copy)]
pub struct RowDef {
    pub key: &'static str,
    /// The official label, with its printed numbering (e.g. `（一）予以公开`).
    pub label: &'static str,
    /// Other printed forms seen in real reports (numbering is stripped before matching).
    pub aliases: &'static [&'static str],
    /// The columns this row has, in printed order.
    pub columns: &'static [&'static str],
    /// The merged label cell this row sits under (key of a [`GroupDef`]).
    pub group: Option<&'static str>,
    /// The 表二 block heading this row is printed under (第二十条第（一）项 …).
    pub block: Option<&'static str>,
}

/// A merged row-label cell that groups rows and has no numbers of its own.
#[derive(Debug, Clone, Copy)]
pub struct GroupDef {
    pub key: &'static str,
    pub label: &'static str,
    pub aliases: &'static [&'static str],
    /// The group this group sits under, if nested.
    pub parent: Option<&'static str>,
}

/// The address of one cell: the three stable keys of KEYS.md.
///
/// Keys compare by content; keys taken from the format data (nearly all) share their strings,
/// so equality first compares addresses, which spares the hot lookups a byte comparison.
#[derive(Debug, Clone, Copy, Eq, PartialOrd, Ord, Serialize)]
pub struct CellKey {
    pub table: &'static str,
    pub row: &'static str,
    pub column: &'static str,
}

impl PartialEq for CellKey {
    fn eq(&self, other: &Self) -> bool {
        fn same(a: &str, b: &str) -> bool {
            std::ptr::eq(a, b) || a == b
        }
        same(self.table, other.table)
            && same(self.row, other.row)
            && same(self.column, other.column)
    }
}

/// By content, as equality is (the address shortcut in `eq` never changes its answer).
impl std::hash::Hash for CellKey {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.table.hash(state);
        self.row.hash(state);
        self.column.hash(state);
    }
}

impl fmt::Display for CellKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.table, self.row, self.column)
    }
}

#[cfg(test)]
mod tests {
    use super::FormatId;

    /// Each format has a slot of its own among `COUNT`: the per-format caches never share one.
    #[test]
    fn every_format_has_its_own_slot() {
        let all = [FormatId::F2019, FormatId::F2021, FormatId::Legacy];
        let mut slots: Vec<usize> = all.iter().map(|f| f.index()).collect();
        slots.sort_unstable();
        assert_eq!(slots, (0..FormatId::COUNT).collect::<Vec<_>>());
        // (Every format is listed: a new one fails to compile in this match.)
        for f in all {
            match f {
                FormatId::F2019 | FormatId::F2021 | FormatId::Legacy => {}
            }
        }
    }
}
