//! Arithmetic relations between cells, declared as data in the formats.
//!
//! A [`RelationDef`] is a pattern ("for every column, rows A + B = rows C + D"); expanding it over
//! a format gives concrete [`Relation`]s between [`CellKey`]s. The rule catalogue turns each
//! relation definition into a rule; the inference of missing cells uses the same relations.

use crate::finding::Severity;
use crate::format::{CellKey, FormatDef, TableDef};

/// How the two sides of a relation compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compare {
    /// Σ lhs = Σ rhs.
    Equal,
    /// Σ lhs ≤ Σ rhs.
    AtMost,
}

/// The axis a relation runs along.
#[derive(Debug, Clone, Copy)]
pub enum Shape {
    /// For each column of the table (or each of `columns`): Σ rows `lhs` ⋈ Σ rows `rhs`.
    PerColumn {
        lhs: &'static [&'static str],
        rhs: &'static [&'static str],
        columns: Option<&'static [&'static str]>,
    },
    /// For each row that has all the named columns (or each of `rows`):
    /// Σ columns `lhs` ⋈ Σ columns `rhs`.
    PerRow {
        lhs: &'static [&'static str],
        rhs: &'static [&'static str],
        rows: Option<&'static [&'static str]>,
    },
}

/// A documented relation of a format; one rule of the catalogue.
#[derive(Debug)]
pub struct RelationDef {
    /// Stable rule id, e.g. `T3-BALANCE`.
    pub rule: &'static str,
    pub table: &'static str,
    pub shape: Shape,
    pub compare: Compare,
    pub severity: Severity,
    /// Short names, Chinese and English.
    pub name_zh: &'static str,
    pub name_en: &'static str,
    /// The relation as a formula in the report's own words.
    pub formula_zh: &'static str,
    pub formula_en: &'static str,
    /// Whether a cell may be inferred from this relation when it is the only unknown.
    pub infers: bool,
}

/// One concrete relation between cells.
#[derive(Debug, Clone)]
pub struct Relation {
    pub def: &'static RelationDef,
    /// The row (for per-row relations) or column (for per-column relations) it runs along.
    pub along: &'static str,
    pub lhs: Vec<CellKey>,
    pub rhs: Vec<CellKey>,
    /// Where each operand (left side first) is in its format's cell order
    /// ([`crate::Report::cell_at`]): relations are evaluated hundreds of times per report, and
    /// a position is found without a lookup. Empty when unknown (then every operand is looked
    /// up by key).
    pub positions: Vec<usize>,
}

impl Relation {
    /// All cells of the relation, left side first.
    pub fn cells(&self) -> impl Iterator<Item = &CellKey> {
        self.lhs.iter().chain(self.rhs.iter())
    }

    /// The positions of the left and right operands in format order ([`Self::positions`]);
    /// empty slices when they are not known. Inline: the checks ask for them for every relation
    /// of every report, and the call would cost more than the answer.
    #[inline]
    pub fn side_positions(&self) -> (&[usize], &[usize]) {
        if self.positions.len() == self.lhs.len() + self.rhs.len() {
            self.positions.split_at(self.lhs.len())
        } else {
            (&[], &[])
        }
    }

    pub fn involves(&self, key: &CellKey) -> bool {
        self.cells().any(|k| k == key)
    }
}

impl RelationDef {
    /// The concrete relations of this definition over a format's table.
    pub fn expand(&'static self, format: &'static FormatDef) -> Vec<Relation> {
        let Some(table) = format.table(self.table) else {
            return Vec::new();
        };
        match self.shape {
            Shape::PerColumn { lhs, rhs, columns } => {
                let cols: Vec<&'static str> = match columns {
                    Some(c) => c.to_vec(),
                    None => table.columns.iter().map(|c| c.key).collect(),
                };
                cols.into_iter()
                    .filter_map(|col| {
                        let l = keys_in_column(table, lhs, col)?;
                        let r = keys_in_column(table, rhs, col)?;
                        Some(Relation {
                            def: self,
                            along: col,
                            lhs: l,
                            rhs: r,
                            positions: Vec::new(),
                        })
                    })
                    .collect()
            }
            Shape::PerRow { lhs, rhs, rows } => table
                .rows
                .iter()
                .filter(|r| rows.is_none_or(|sel| sel.contains(&r.key)))
                .filter(|r| lhs.iter().chain(rhs.iter()).all(|c| r.columns.contains(c)))
                .map(|r| {
                    // The row's own column strings (equal to the relation's): a report's cells
                    // are found by the addresses of these.
                    let key = |c: &&'static str| CellKey {
                        table: table.key,
                        row: r.key,
                        column: r.columns.iter().find(|x| *x == c).copied().unwrap_or(c),
                    };
                    Relation {
                        def: self,
                        along: r.key,
                        lhs: lhs.iter().map(key).collect(),
                        rhs: rhs.iter().map(key).collect(),
                        positions: Vec::new(),
                    }
                })
                .collect(),
        }
    }
}

/// The cells of `rows` in column `col`, or `None` when a row lacks the column or the table
/// lacks the row (a relation that does not apply to this format).
fn keys_in_column(
    table: &'static TableDef,
    rows: &'static [&'static str],
    col: &'static str,
) -> Option<Vec<CellKey>> {
    rows.iter()
        .map(|r| {
            let row = table.row(r)?;
            let column = row.columns.iter().find(|c| **c == col)?;
            Some(CellKey {
                table: table.key,
                row: row.key,
                column,
            })
        })
        .collect()
}

/// Every concrete relation of a format, in declaration order.
pub fn relations_of(format: &'static FormatDef) -> Vec<Relation> {
    let order: std::collections::HashMap<CellKey, usize> = format
        .cell_keys()
        .enumerate()
        .map(|(i, k)| (k, i))
        .collect();
    let mut all: Vec<Relation> = format
        .relations
        .iter()
        .flat_map(|d| d.expand(format))
        .collect();
    for rel in &mut all {
        let positions: Option<Vec<usize>> = rel.cells().map(|k| order.get(k).copied()).collect();
        rel.positions = positions.unwrap_or_default();
    }
    all
}
