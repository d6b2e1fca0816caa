//! A format's table definition → a grid of cells with rowspan and colspan: the one place that
//! knows how the official formats draw their tables. The renderers only print grids.
//!
//! Three table shapes cover the official formats. Which one a table has is read from the data,
//! not from its key:
//! - rows under 表二-style block headings (`RowDef::block` set): for each block a heading row
//!   spanning the table (第二十条第（一）项), a header row (信息内容 + the block's column labels) and
//!   the block's rows. A block with fewer columns than the widest one lets its last column span
//!   the rest, so every row of the table is as wide as the table;
//! - labelled rows under a multi-row header (表三): the top-left corner cell holds the table's
//!   note (the 勾稽 relation) over all label columns and header rows; a caption (申请人情况) spans
//!   the value columns; column groups (法人或其他组织) span their columns, ungrouped columns
//!   (自然人, 总计) span the group rows. Row groups (三、本年度办理结果, （三）不予公开) are label
//!   cells spanning their rows, one label column per nesting level; a row's own label spans the
//!   label columns its groups leave free;
//! - a single row of values under a header that names the rows (表四, `TableLayout::SingleRun`):
//!   row groups (行政诉讼) over row labels (未经复议直接起诉) over column labels; a row without a
//!   group (行政复议) has its label on the first header row and its column labels span down.

use gongkai_model::format::{GroupDef, RowDef, TableDef, TableLayout};
use gongkai_model::CellKey;

/// What a header cell heads, as HTML's `scope` says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Col,
    ColGroup,
    Row,
    RowGroup,
    /// A cell that heads nothing in particular (the 勾稽 note in the corner).
    None,
}

/// What a grid cell shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    /// A header or label text from the format: a block heading, the corner note, a caption, a
    /// column (group) label, a row (group) label.
    Head {
        text: &'static str,
        scope: Scope,
        /// The row this label names (表三's row labels; 表四's header cells that name a row).
        row: Option<&'static str>,
    },
    /// The value of one cell of the report.
    Value(CellKey),
}

/// One cell of the grid, placed at its top-left grid column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GridCell {
    pub col: usize,
    pub rowspan: usize,
    pub colspan: usize,
    pub content: Content,
}

/// What a grid row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A 表二 block heading spanning the table.
    Block,
    /// A header row: column labels (and the cells above them).
    Header,
    /// A row of values (with its labels).
    Body,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridRow {
    pub kind: RowKind,
    /// The cells that start on this row, in column order. Columns covered by a cell from an
    /// earlier row (rowspan) have no entry.
    pub cells: Vec<GridCell>,
}

/// A table as the format draws it.
#[derive(Debug, Clone)]
pub struct Grid {
    pub table: &'static TableDef,
    /// Width in grid columns.
    pub width: usize,
    pub rows: Vec<GridRow>,
}

/// One position of the expanded grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot<'g> {
    /// The top-left position of a cell.
    Origin(&'g GridCell),
    /// Covered by a cell that starts to the left or above.
    Covered,
    /// Not covered by any cell (never in grids built here; kept so expansion cannot panic).
    Hole,
}

impl Grid {
    /// The grid of a table of a format.
    pub fn of(table: &'static TableDef) -> Grid {
        if table.layout == TableLayout::SingleRun {
            single_run(table)
        } else if table.rows.iter().any(|r| r.block.is_some()) {
            blocks(table)
        } else {
            labelled(table)
        }
    }

    /// Every row expanded to `width` positions: what starts there, or what covers it.
    pub fn expand(&self) -> Vec<Vec<Slot<'_>>> {
        let mut out: Vec<Vec<Slot<'_>>> = vec![vec![Slot::Hole; self.width]; self.rows.len()];
        for (r, row) in self.rows.iter().enumerate() {
            for cell in &row.cells {
                for dr in 0..cell.rowspan.max(1) {
                    for dc in 0..cell.colspan.max(1) {
                        if let Some(slot) = out
                            .get_mut(r + dr)
                            .and_then(|line| line.get_mut(cell.col + dc))
                        {
                            *slot = if dr == 0 && dc == 0 {
                                Slot::Origin(cell)
                            } else {
                                Slot::Covered
                            };
                        }
                    }
                }
            }
        }
        out
    }

    /// The value cells in reading order (row by row, left to right).
    pub fn values(&self) -> impl Iterator<Item = CellKey> + '_ {
        self.rows.iter().flat_map(|r| {
            r.cells.iter().filter_map(|c| match c.content {
                Content::Value(k) => Some(k),
                Content::Head { .. } => None,
            })
        })
    }
}

fn head(text: &'static str, scope: Scope, row: Option<&'static str>) -> Content {
    Content::Head { text, scope, row }
}

fn cell(col: usize, rowspan: usize, colspan: usize, content: Content) -> GridCell {
    GridCell {
        col,
        rowspan,
        colspan,
        content,
    }
}

fn key(table: &'static TableDef, row: &'static RowDef, column: &'static str) -> CellKey {
    CellKey {
        table: table.key,
        row: row.key,
        column,
    }
}

/// Whether a header text is a column group's label.
fn is_col_group(table: &TableDef, h: &str) -> bool {
    table.columns.iter().any(|c| c.group == Some(h))
}

/// Whether a header text is a 表二 block heading.
fn is_block(table: &TableDef, h: &str) -> bool {
    table.rows.iter().any(|r| r.block == Some(h))
}

/// The header texts that are neither block headings nor column groups, without the variants of
/// an earlier one (the format lists the 勾稽 note with and without its brackets: the first is
/// the printed form, the other one only helps the reader). For 表二 that leaves the corner
/// (信息内容); for 表三 the corner note and the caption over the value columns (申请人情况).
fn free_headers(table: &TableDef) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for h in table.headers {
        if is_block(table, h) || is_col_group(table, h) {
            continue;
        }
        if out.iter().any(|seen| seen.contains(h) || h.contains(seen)) {
            continue;
        }
        out.push(h);
    }
    out
}

/// 表二: for each block, a heading row, a header row and the block's rows.
fn blocks(table: &'static TableDef) -> Grid {
    let values = table
        .rows
        .iter()
        .map(|r| r.columns.len())
        .max()
        .unwrap_or(0);
    let width = 1 + values;
    let corner = free_headers(table).first().copied().unwrap_or("");
    // A row's value columns: each one grid column, the last one spanning what is left.
    let spans = |n: usize| -> Vec<(usize, usize)> {
        (0..n)
            .map(|i| {
                let span = if i + 1 == n { values - i } else { 1 };
                (1 + i, span.max(1))
            })
            .collect()
    };
    let mut rows = Vec::new();
    let mut current: Option<Option<&str>> = None;
    for row in table.rows {
        if current != Some(row.block) {
            current = Some(row.block);
            if let Some(b) = row.block {
                rows.push(GridRow {
                    kind: RowKind::Block,
                    cells: vec![cell(0, 1, width, head(b, Scope::ColGroup, None))],
                });
            }
            let mut cells = vec![cell(0, 1, 1, head(corner, Scope::Col, None))];
            for ((col, span), c) in spans(row.columns.len()).into_iter().zip(row.columns) {
                let label = table.column(c).map_or("", |c| c.label);
                cells.push(cell(col, 1, span, head(label, Scope::Col, None)));
            }
            rows.push(GridRow {
                kind: RowKind::Header,
                cells,
            });
        }
        let mut cells = vec![cell(0, 1, 1, head(row.label, Scope::Row, Some(row.key)))];
        for ((col, span), c) in spans(row.columns.len()).into_iter().zip(row.columns) {
            cells.push(cell(col, 1, span, Content::Value(key(table, row, c))));
        }
        rows.push(GridRow {
            kind: RowKind::Body,
            cells,
        });
    }
    Grid { table, width, rows }
}

/// The group chain of a row or group, outermost first. Bounded by the number of groups, so a
/// cycle in the data cannot loop.
fn chain(table: &'static TableDef, group: Option<&str>) -> Vec<&'static GroupDef> {
    let mut out = Vec::new();
    let mut g = group;
    while let Some(k) = g {
        match table.groups.iter().find(|x| x.key == k) {
            Some(def) if out.len() < table.groups.len() => {
                out.push(def);
                g = def.parent;
            }
            _ => break,
        }
    }
    out.reverse();
    out
}

/// 表三: a header of up to three rows over label columns and value columns, then one row per
/// row of the format with its group cells opening on their first row.
fn labelled(table: &'static TableDef) -> Grid {
    let chains: Vec<Vec<&'static GroupDef>> =
        table.rows.iter().map(|r| chain(table, r.group)).collect();
    let label_cols = 1 + chains.iter().map(Vec::len).max().unwrap_or(0);
    let ncols = table.columns.len();
    let width = label_cols + ncols;
    let free = free_headers(table);
    let (corner, caption) = match free.as_slice() {
        [] => (None, None),
        [c] => (Some(*c), None),
        [c, cap, ..] => (Some(*c), Some(*cap)),
    };
    let grouped = table.columns.iter().any(|c| c.group.is_some());
    let caption_rows = usize::from(caption.is_some());
    let header_rows = caption_rows + if grouped { 2 } else { 1 };

    let mut head_rows: Vec<Vec<GridCell>> = vec![Vec::new(); header_rows];
    head_rows[0].push(cell(
        0,
        header_rows,
        label_cols,
        head(corner.unwrap_or(""), Scope::None, None),
    ));
    if let Some(c) = caption {
        head_rows[0].push(cell(label_cols, 1, ncols, head(c, Scope::ColGroup, None)));
    }
    let first = caption_rows;
    let mut i = 0;
    while i < ncols {
        let c = &table.columns[i];
        let col = label_cols + i;
        match c.group {
            None => {
                head_rows[first].push(cell(
                    col,
                    header_rows - first,
                    1,
                    head(c.label, Scope::Col, None),
                ));
                i += 1;
            }
            Some(g) => {
                let n = table.columns[i..]
                    .iter()
                    .take_while(|x| x.group == Some(g))
                    .count();
                head_rows[first].push(cell(col, 1, n, head(g, Scope::ColGroup, None)));
                for (j, child) in table.columns[i..i + n].iter().enumerate() {
                    head_rows[first + 1].push(cell(
                        col + j,
                        1,
                        1,
                        head(child.label, Scope::Col, None),
                    ));
                }
                i += n;
            }
        }
    }
    let mut rows: Vec<GridRow> = head_rows
        .into_iter()
        .map(|cells| GridRow {
            kind: RowKind::Header,
            cells,
        })
        .collect();

    let mut opened: Vec<&str> = Vec::new();
    for (row, groups) in table.rows.iter().zip(&chains) {
        let mut cells = Vec::new();
        for (depth, g) in groups.iter().enumerate() {
            if opened.contains(&g.key) {
                continue;
            }
            opened.push(g.key);
            let span = chains
                .iter()
                .filter(|c| c.iter().any(|x| x.key == g.key))
                .count();
            cells.push(cell(depth, span, 1, head(g.label, Scope::RowGroup, None)));
        }
        let depth = groups.len();
        cells.push(cell(
            depth,
            1,
            label_cols - depth,
            head(row.label, Scope::Row, Some(row.key)),
        ));
        for c in row.columns {
            if let Some(i) = table.columns.iter().position(|x| x.key == *c) {
                cells.push(cell(
                    label_cols + i,
                    1,
                    1,
                    Content::Value(key(table, row, c)),
                ));
            }
        }
        rows.push(GridRow {
            kind: RowKind::Body,
            cells,
        });
    }
    Grid { table, width, rows }
}

/// 表四: group cells over row labels over column labels, then all values in one row.
fn single_run(table: &'static TableDef) -> Grid {
    let chains: Vec<Vec<&'static GroupDef>> =
        table.rows.iter().map(|r| chain(table, r.group)).collect();
    // Group levels, the row label level, the column label level.
    let header_rows = chains.iter().map(Vec::len).max().unwrap_or(0) + 2;
    let width: usize = table.rows.iter().map(|r| r.columns.len()).sum();
    let mut head_rows: Vec<Vec<GridCell>> = vec![Vec::new(); header_rows];
    let mut values = Vec::new();
    let mut opened: Vec<&str> = Vec::new();
    let mut start = 0;
    for (row, groups) in table.rows.iter().zip(&chains) {
        for (depth, g) in groups.iter().enumerate() {
            if opened.contains(&g.key) {
                continue;
            }
            opened.push(g.key);
            let span: usize = table
                .rows
                .iter()
                .zip(&chains)
                .filter(|(_, c)| c.iter().any(|x| x.key == g.key))
                .map(|(r, _)| r.columns.len())
                .sum();
            head_rows[depth].push(cell(start, 1, span, head(g.label, Scope::ColGroup, None)));
        }
        let depth = groups.len();
        let n = row.columns.len();
        head_rows[depth].push(cell(
            start,
            1,
            n,
            head(row.label, Scope::ColGroup, Some(row.key)),
        ));
        for (j, c) in row.columns.iter().enumerate() {
            let label = table.column(c).map_or("", |c| c.label);
            head_rows[depth + 1].push(cell(
                start + j,
                header_rows - depth - 1,
                1,
                head(label, Scope::Col, None),
            ));
            values.push(cell(start + j, 1, 1, Content::Value(key(table, row, c))));
        }
        start += n;
    }
    let mut rows: Vec<GridRow> = head_rows
        .into_iter()
        .map(|mut cells| {
            cells.sort_by_key(|c| c.col);
            GridRow {
                kind: RowKind::Header,
                cells,
            }
        })
        .collect();
    rows.push(GridRow {
        kind: RowKind::Body,
        cells: values,
    });
    Grid { table, width, rows }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongkai_model::formats;
    use gongkai_model::FormatId;

    fn grid(format: FormatId, table: &str) -> Grid {
        let t = formats::get(format).table(table).expect("table");
        Grid::of(t)
    }

    fn text(c: &GridCell) -> &'static str {
        match c.content {
            Content::Head { text, .. } => text,
            Content::Value(_) => "",
        }
    }

    /// Every position of every row is covered exactly once.
    fn assert_tiles(g: &Grid) {
        let mut seen = vec![vec![0u32; g.width]; g.rows.len()];
        for (r, row) in g.rows.iter().enumerate() {
            for c in &row.cells {
                for dr in 0..c.rowspan {
                    for dc in 0..c.colspan {
                        seen[r + dr][c.col + dc] += 1;
                    }
                }
            }
        }
        for (r, line) in seen.iter().enumerate() {
            assert!(line.iter().all(|&n| n == 1), "row {r}: {line:?}");
        }
    }

    #[test]
    fn every_table_tiles_its_grid() {
        for f in [FormatId::F2019, FormatId::F2021] {
            for t in formats::get(f).tables {
                assert_tiles(&Grid::of(t));
            }
        }
    }

    #[test]
    fn every_cell_of_the_format_appears_once_in_order() {
        for f in [FormatId::F2019, FormatId::F2021] {
            let def = formats::get(f);
            let from_grids: Vec<CellKey> = def
                .tables
                .iter()
                .flat_map(|t| Grid::of(t).values().collect::<Vec<_>>())
                .collect();
            let keys: Vec<CellKey> = def.cell_keys().collect();
            assert_eq!(from_grids, keys);
        }
    }

    #[test]
    fn requests_header_is_the_official_one() {
        let g = grid(FormatId::F2021, "requests");
        assert_eq!(g.width, 10);
        let h0 = &g.rows[0].cells;
        assert!(text(&h0[0]).starts_with("（本列数据的勾稽关系为"));
        assert_eq!((h0[0].rowspan, h0[0].colspan), (3, 3));
        assert_eq!(text(&h0[1]), "申请人情况");
        assert_eq!((h0[1].col, h0[1].colspan), (3, 7));
        let h1: Vec<_> = g.rows[1]
            .cells
            .iter()
            .map(|c| (text(c), c.rowspan, c.colspan))
            .collect();
        assert_eq!(
            h1,
            [("自然人", 2, 1), ("法人或其他组织", 1, 5), ("总计", 2, 1)]
        );
        let h2: Vec<_> = g.rows[2].cells.iter().map(text).collect();
        assert_eq!(
            h2,
            [
                "商业企业",
                "科研机构",
                "社会公益组织",
                "法律服务机构",
                "其他"
            ]
        );
        // 三、本年度办理结果 spans every result row; （三）不予公开 its eight rows.
        let granted = &g.rows[5].cells;
        assert_eq!(text(&granted[0]), "三、本年度办理结果");
        assert_eq!(granted[0].rowspan, 22);
        assert_eq!(text(&granted[1]), "（一）予以公开");
        assert_eq!((granted[1].col, granted[1].colspan), (1, 2));
        let secret = &g.rows[7].cells;
        assert_eq!(text(&secret[0]), "（三）不予公开");
        assert_eq!((secret[0].col, secret[0].rowspan), (1, 8));
        assert_eq!(text(&secret[1]), "1.属于国家秘密");
        let received = &g.rows[3].cells;
        assert_eq!((received[0].col, received[0].colspan), (0, 3));
    }

    #[test]
    fn requests_2019_has_one_other_row() {
        let g = grid(FormatId::F2019, "requests");
        // 3 header rows + 23 data rows; 三、本年度办理结果 spans 20 of them.
        assert_eq!(g.rows.len(), 26);
        assert_eq!(g.rows[5].cells[0].rowspan, 20);
    }

    #[test]
    fn review_header_has_two_levels_over_the_columns() {
        let g = grid(FormatId::F2021, "review_litigation");
        assert_eq!(g.width, 15);
        let h0: Vec<_> = g.rows[0]
            .cells
            .iter()
            .map(|c| (text(c), c.colspan))
            .collect();
        assert_eq!(h0, [("行政复议", 5), ("行政诉讼", 10)]);
        let h1: Vec<_> = g.rows[1]
            .cells
            .iter()
            .map(|c| (text(c), c.rowspan, c.colspan))
            .collect();
        assert_eq!(h1[0], ("结果维持", 2, 1));
        assert_eq!(h1[5], ("未经复议直接起诉", 1, 5));
        assert_eq!(h1[6], ("复议后起诉", 1, 5));
        assert_eq!(g.rows[2].cells.len(), 10);
        assert_eq!(g.rows[3].kind, RowKind::Body);
        assert_eq!(g.rows[3].cells.len(), 15);
    }

    #[test]
    fn proactive_blocks_span_the_table() {
        let g = grid(FormatId::F2021, "proactive");
        assert_eq!(g.width, 4);
        assert_eq!(g.rows[0].kind, RowKind::Block);
        assert_eq!(text(&g.rows[0].cells[0]), "第二十条第（一）项");
        assert_eq!(text(&g.rows[1].cells[0]), "信息内容");
        // 第二十条第（五）项: 本年处理决定数量 spans three columns.
        let licensing_head = &g.rows[5].cells;
        assert_eq!(text(&licensing_head[1]), "本年处理决定数量");
        assert_eq!(licensing_head[1].colspan, 3);
        let g19 = grid(FormatId::F2019, "proactive");
        let blocks: Vec<_> = g19
            .rows
            .iter()
            .filter(|r| r.kind == RowKind::Block)
            .map(|r| text(&r.cells[0]))
            .collect();
        assert_eq!(blocks.len(), 5);
        assert_eq!(blocks[4], "第二十条第（九）项");
    }
}
