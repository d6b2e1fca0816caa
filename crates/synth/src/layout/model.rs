//! A layout-neutral model of a printed table, built from the format data and a report.
//!
//! Three table shapes cover the official formats, chosen from the data, not the table key:
//! - rows printed under 表二-style block headings (`RowDef::block`): a block heading, a header row
//!   (信息内容 + the block's column labels), the block's rows;
//! - labelled rows under a multi-row header (表三): column groups become a second header row,
//!   row groups become merged label cells that open on their first row;
//! - a single run of values under a header that names the rows (表四, `TableLayout::SingleRun`).

use gongkai_model::format::{ColumnDef, GroupDef, TableDef, TableLayout};
use gongkai_model::report::format_value;
use gongkai_model::{CellKey, CellState, Report};
use rand::rngs::SmallRng;
use rand::Rng;

use crate::rng::chance;
use crate::variants::Variants;

/// A header cell: its text, where a layout may break it, its grid column and, for headers that
/// name a row (表四), that row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Head {
    pub text: String,
    /// A character index where the cell breaks (a line break or a space, as the layout prints).
    pub split: Option<usize>,
    pub col: usize,
    pub row: Option<&'static str>,
}

impl Head {
    /// The text with `sep` at the break, if there is one.
    pub fn joined(&self, sep: &str) -> String {
        match self.split {
            Some(at) => {
                let mut s = String::new();
                for (i, c) in self.text.chars().enumerate() {
                    if i == at {
                        s.push_str(sep);
                    }
                    s.push(c);
                }
                s
            }
            None => self.text.clone(),
        }
    }
}

/// A stray space around a printed value (seeds 000 and 003: ` 0`, `0 `).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pad {
    None,
    Before,
    After,
}

/// A value cell: its key and its printed text — `None` when the source has no cell there at all
/// (the row is printed one value short), `Some("")` for an empty cell.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Val {
    pub key: CellKey,
    pub text: Option<String>,
    pub pad: Pad,
}

impl Val {
    /// The text as printed with its stray space.
    pub fn padded(&self) -> Option<String> {
        let t = self.text.as_deref()?;
        Some(match self.pad {
            _ if t.is_empty() => String::new(),
            Pad::None => t.to_string(),
            Pad::Before => format!(" {t}"),
            Pad::After => format!("{t} "),
        })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    /// A block heading spanning the table (第二十条第（一）项).
    Block(String),
    /// A header row, cells in grid order.
    Header(Vec<Head>),
    /// A labelled row. `opens` are the labels of the merged group cells that start on this row
    /// (outermost first); `depth` is how many group cells the row sits under in all.
    Row {
        row: &'static str,
        opens: Vec<String>,
        depth: usize,
        label: String,
        values: Vec<Val>,
    },
    /// All the table's values in one unlabelled row (表四).
    Run(Vec<Val>),
    /// A page break inside the table.
    PageBreak,
}

/// Which of the three table shapes a model has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    Blocks,
    Grid,
    SingleRun,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TableModel {
    pub key: &'static str,
    pub shape: Shape,
    /// The table's grid width in cells (label cells + value cells + any spare column).
    pub width: usize,
    pub items: Vec<Item>,
}

/// What a cell prints as. Inferred cells were not printed in their source, so they are not
/// printed here either; not-applicable cells print their text or `/`.
fn printed(report: &Report, key: &CellKey) -> Option<String> {
    let c = report.cell(key)?;
    match c.state {
        CellState::Number => {
            let t = c.text.trim();
            Some(if t.is_empty() {
                format_value(c.value.unwrap_or(0.0))
            } else {
                t.to_string()
            })
        }
        CellState::NotApplicable => Some(if c.text.trim().is_empty() {
            "/".to_string()
        } else {
            c.text.trim().to_string()
        }),
        CellState::Blank => Some(String::new()),
        CellState::Missing | CellState::Inferred => None,
    }
}

/// Random choices made while building a model. The draws never depend on the report's values,
/// so a report with one value changed gets the very same choices.
pub(crate) struct Draws<'a> {
    pub variants: &'a Variants,
    pub rng: &'a mut SmallRng,
    /// Page breaks drawn from their own stream, only when asked for.
    pub breaks: Option<&'a mut SmallRng>,
}

impl Draws<'_> {
    fn pad(&mut self) -> Pad {
        if !chance(self.rng, self.variants.value_pad_p) {
            Pad::None
        } else if chance(self.rng, 0.5) {
            Pad::Before
        } else {
            Pad::After
        }
    }

    fn head(&mut self, text: String, col: usize, row: Option<&'static str>) -> Head {
        // Drawn for every cell so the stream stays aligned; a header that names a row (表四) is
        // kept whole so its row line holds its whole label, and long notes are not broken.
        let split = self
            .variants
            .header_split(self.rng, &text)
            .filter(|_| row.is_none() && text.chars().count() <= 12);
        Head {
            text,
            split,
            col,
            row,
        }
    }

    fn values(&mut self, report: &Report, keys: impl Iterator<Item = CellKey>) -> Vec<Val> {
        keys.map(|key| Val {
            key,
            text: printed(report, &key),
            pad: self.pad(),
        })
        .collect()
    }

    /// Whether a page break falls here (`forced` for the one break a long table always gets).
    fn page_break(&mut self, forced: bool) -> bool {
        match self.breaks.as_deref_mut() {
            Some(r) => chance(r, 0.06) || forced,
            None => false,
        }
    }
}

fn column<'t>(table: &'t TableDef, key: &str) -> Option<&'t ColumnDef> {
    table.column(key)
}

fn row_values(
    table: &'static TableDef,
    row: &'static gongkai_model::RowDef,
) -> impl Iterator<Item = CellKey> {
    row.columns.iter().map(move |c| CellKey {
        table: table.key,
        row: row.key,
        column: c,
    })
}

/// Builds the model of a table of the report.
pub(crate) fn build(table: &'static TableDef, report: &Report, d: &mut Draws) -> TableModel {
    if table.layout == TableLayout::SingleRun {
        single_run(table, report, d)
    } else if table.rows.iter().any(|r| r.block.is_some()) {
        blocks(table, report, d)
    } else {
        grid(table, report, d)
    }
}

/// 表二: block heading, header, rows — for each block in turn.
fn blocks(table: &'static TableDef, report: &Report, d: &mut Draws) -> TableModel {
    let width = 1 + table
        .rows
        .iter()
        .map(|r| r.columns.len())
        .max()
        .unwrap_or(0);
    let is_block = |h: &str| table.rows.iter().any(|r| r.block == Some(h));
    // The corner cell over the row labels (信息内容): the header that is not a block heading.
    let corner = table
        .headers
        .iter()
        .find(|h| !is_block(h))
        .copied()
        .unwrap_or("");
    let mut items = Vec::new();
    let mut current: Option<&str> = None;
    for (i, row) in table.rows.iter().enumerate() {
        if row.block != current {
            current = row.block;
            if i > 0 && d.page_break(false) {
                items.push(Item::PageBreak);
            }
            if let Some(b) = row.block {
                items.push(Item::Block(d.variants.punct(b)));
            }
            let mut heads = vec![d.head(d.variants.punct(corner), 0, None)];
            for (j, c) in row.columns.iter().enumerate() {
                let label = column(table, c)
                    .map(|c| d.variants.column_label(c))
                    .unwrap_or_default();
                heads.push(d.head(label, j + 1, None));
            }
            items.push(Item::Header(heads));
        }
        let label = d.variants.row_label(row);
        let values = d.values(report, row_values(table, row));
        items.push(Item::Row {
            row: row.key,
            opens: Vec::new(),
            depth: 0,
            label,
            values,
        });
    }
    TableModel {
        key: table.key,
        shape: Shape::Blocks,
        width,
        items,
    }
}

/// The group chain of a row, outermost first.
fn chain(table: &TableDef, group: Option<&str>) -> Vec<&'static GroupDef> {
    let mut out = Vec::new();
    let mut g = group;
    while let Some(key) = g {
        match table.groups.iter().find(|x| x.key == key) {
            // A cycle in the data would loop forever; the chain is never deeper than the groups.
            Some(def) if out.len() <= table.groups.len() => {
                out.push(def);
                g = def.parent;
            }
            _ => break,
        }
    }
    out.reverse();
    out
}

/// 表三: a three-row header over label columns and value columns, then labelled rows whose
/// merged group cells open on their first row.
fn grid(table: &'static TableDef, report: &Report, d: &mut Draws) -> TableModel {
    const LABEL_COLS: usize = 2;
    let ncols = table.columns.len();
    let width = LABEL_COLS + ncols + usize::from(d.variants.extra_column);
    let is_col_group = |h: &str| table.columns.iter().any(|c| c.group == Some(h));
    let note = table.headers.iter().find(|h| h.contains("勾稽")).copied();
    let caption = table
        .headers
        .iter()
        .find(|h| !h.contains("勾稽") && !is_col_group(h))
        .copied();

    let mut row1 = Vec::new();
    let mut row2 = Vec::new();
    let mut row3 = Vec::new();
    if let Some(n) = note {
        row1.push(d.head(d.variants.punct(n), 0, None));
    }
    if let Some(c) = caption {
        row1.push(d.head(d.variants.punct(c), LABEL_COLS, None));
    }
    let mut seen_group = false;
    let mut last_group: Option<&str> = None;
    for (i, c) in table.columns.iter().enumerate() {
        let col = LABEL_COLS + i;
        match c.group {
            None => {
                let h = d.head(d.variants.column_label(c), col, None);
                // A column after a column group is a tall cell; some extractions put it in the
                // first header row (seed 004's 总计).
                if seen_group && d.variants.ungrouped_in_first_header_row {
                    row1.push(h);
                } else {
                    row2.push(h);
                }
            }
            Some(g) => {
                seen_group = true;
                if last_group != Some(g) {
                    row2.push(d.head(d.variants.punct(g), col, None));
                }
                row3.push(d.head(d.variants.column_label(c), col, None));
            }
        }
        last_group = c.group;
    }
    let mut items = vec![Item::Header(row1), Item::Header(row2)];
    if !row3.is_empty() {
        items.push(Item::Header(row3));
    }

    // The one page break a long table always gets, somewhere in its middle (seed 004).
    let forced = match d.breaks.as_deref_mut() {
        Some(r) if table.rows.len() > 6 => Some(r.random_range(3..table.rows.len() - 2)),
        _ => None,
    };
    for (i, row) in table.rows.iter().enumerate() {
        if i > 0 && d.page_break(forced == Some(i)) {
            items.push(Item::PageBreak);
        }
        let groups = chain(table, row.group);
        let opens = groups
            .iter()
            .filter(|g| first_row_of(table, g.key) == Some(row.key))
            .map(|g| {
                // Tall merged cells come out of PDF extraction with spaces inside.
                if rows_under(table, g.key) > 10 {
                    d.variants.tall_cell(d.rng, g.label)
                } else {
                    d.variants.group_label(g)
                }
            })
            .collect();
        let label = d.variants.row_label(row);
        let values = d.values(report, row_values(table, row));
        items.push(Item::Row {
            row: row.key,
            opens,
            depth: groups.len(),
            label,
            values,
        });
    }
    TableModel {
        key: table.key,
        shape: Shape::Grid,
        width,
        items,
    }
}

fn in_group(table: &TableDef, row_group: Option<&str>, group: &str) -> bool {
    chain(table, row_group).iter().any(|g| g.key == group)
}

fn first_row_of(table: &TableDef, group: &str) -> Option<&'static str> {
    table
        .rows
        .iter()
        .find(|r| in_group(table, r.group, group))
        .map(|r| r.key)
}

fn rows_under(table: &TableDef, group: &str) -> usize {
    table
        .rows
        .iter()
        .filter(|r| in_group(table, r.group, group))
        .count()
}

/// 表四: a header naming the rows (and their groups) over their columns, then every value of
/// every row in one run.
fn single_run(table: &'static TableDef, report: &Report, d: &mut Draws) -> TableModel {
    let mut starts = Vec::new();
    let mut col = 0;
    for row in table.rows {
        starts.push(col);
        col += row.columns.len();
    }
    let width = col;
    let mut row1 = Vec::new();
    let mut row2 = Vec::new();
    let mut row3 = Vec::new();
    let mut opened: Vec<&str> = Vec::new();
    for (row, &start) in table.rows.iter().zip(&starts) {
        let columns = |d: &mut Draws, out: &mut Vec<Head>| {
            for (j, c) in row.columns.iter().enumerate() {
                let label = column(table, c)
                    .map(|c| d.variants.column_label(c))
                    .unwrap_or_default();
                out.push(d.head(label, start + j, None));
            }
        };
        match row
            .group
            .and_then(|g| table.groups.iter().find(|x| x.key == g))
        {
            None => {
                row1.push(d.head(d.variants.label(row.label), start, Some(row.key)));
                columns(d, &mut row2);
            }
            Some(g) => {
                if !opened.contains(&g.key) {
                    opened.push(g.key);
                    row1.push(d.head(d.variants.group_label(g), start, None));
                }
                row2.push(d.head(d.variants.label(row.label), start, Some(row.key)));
                columns(d, &mut row3);
            }
        }
    }
    let values = d.values(
        report,
        table.rows.iter().flat_map(move |r| row_values(table, r)),
    );
    let mut items = vec![Item::Header(row1), Item::Header(row2)];
    if !row3.is_empty() {
        items.push(Item::Header(row3));
    }
    items.push(Item::Run(values));
    TableModel {
        key: table.key,
        shape: Shape::SingleRun,
        width,
        items,
    }
}
