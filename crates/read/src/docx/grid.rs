//! A Word table's rows as a grid: merged cells (`w:gridSpan` across, `w:vMerge` down) placed at
//! their grid positions, the positions they cover marked as covered, and `w:gridBefore` /
//! `w:gridAfter` positions as empty.
//!
//! WordprocessingML does not store a table as a grid: a row lists only the cells that start in
//! it (a cell spanning three grid columns is one `w:tc` with `w:gridSpan w:val="3"`), and a
//! vertically merged cell is a `w:tc` with `w:vMerge w:val="restart"` followed, in the rows
//! below, by cells with a bare `<w:vMerge/>` (continue) at the same grid column. The layout wants
//! every grid position, a merged cell printed once where it starts and empty strings where it
//! only covers; this module does that placement, and nothing else.

/// How a cell takes part in a vertical merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VMerge {
    /// Not merged vertically.
    #[default]
    None,
    /// Starts a vertically merged cell (`w:vMerge w:val="restart"`).
    Restart,
    /// Continues the merged cell above (`<w:vMerge/>` or `w:val="continue"`).
    Continue,
}

/// One `w:tc` as the table's XML gives it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CellSpec {
    pub text: String,
    /// Grid columns the cell covers (`w:gridSpan`, at least 1).
    pub span: u32,
    pub vmerge: VMerge,
}

/// One `w:tr` as the table's XML gives it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RowSpec {
    /// Grid columns skipped before the first cell (`w:gridBefore`).
    pub before: u32,
    /// Grid columns left after the last cell (`w:gridAfter`).
    pub after: u32,
    pub cells: Vec<CellSpec>,
}

/// One grid position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    /// Where a cell starts: its text and how many grid rows and columns it covers.
    Cell { text: String, rows: u32, cols: u32 },
    /// A position covered by the merged cell that starts at (`row`, `col`), 0-based.
    Covered { row: usize, col: usize },
    /// A position no cell occupies (`w:gridBefore`, `w:gridAfter`).
    Empty,
}

/// A table laid on its grid, row by row. Rows may differ in width: Word allows ragged tables.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Grid {
    pub rows: Vec<Vec<Slot>>,
}

impl Grid {
    /// Places the rows' cells on the grid. The caller bounds the widths (spans are trusted
    /// here: `read` refuses rows wider than its limit before building a grid).
    pub fn build(rows: &[RowSpec]) -> Grid {
        let mut grid = Grid {
            rows: Vec::with_capacity(rows.len()),
        };
        for (r, spec) in rows.iter().enumerate() {
            let mut line = vec![Slot::Empty; spec.before as usize];
            for cell in &spec.cells {
                let col = line.len();
                let span = cell.span.max(1) as usize;
                let origin = match cell.vmerge {
                    VMerge::Continue => grid.origin_above(r, col),
                    _ => None,
                };
                match origin {
                    Some((or, oc)) => {
                        if let Some(Slot::Cell { rows, .. }) =
                            grid.rows.get_mut(or).and_then(|row| row.get_mut(oc))
                        {
                            *rows = (r - or + 1) as u32;
                        }
                        line.extend((0..span).map(|_| Slot::Covered { row: or, col: oc }));
                    }
                    // A continuing cell with nothing above it to continue (Word shows it as a
                    // cell of its own): keep it, text and all.
                    None => {
                        line.push(Slot::Cell {
                            text: cell.text.clone(),
                            rows: 1,
                            cols: span as u32,
                        });
                        line.extend((1..span).map(|_| Slot::Covered { row: r, col }));
                    }
                }
            }
            line.extend((0..spec.after).map(|_| Slot::Empty));
            grid.rows.push(line);
        }
        grid
    }

    /// The start of the merged cell a continuing cell at (`row`, `col`) extends: the cell
    /// directly above, if it starts at the same grid column.
    fn origin_above(&self, row: usize, col: usize) -> Option<(usize, usize)> {
        let above = self.rows.get(row.checked_sub(1)?)?.get(col)?;
        let (or, oc) = match above {
            Slot::Cell { .. } => (row - 1, col),
            Slot::Covered { row, col } => (*row, *col),
            Slot::Empty => return None,
        };
        (oc == col).then_some((or, oc))
    }

    /// A row's cells in grid order, as the layout takes them: a cell's text where it starts,
    /// empty strings where a merged cell only covers and where no cell is.
    pub fn texts(&self, row: usize) -> Vec<String> {
        self.rows.get(row).map_or_else(Vec::new, |slots| {
            slots
                .iter()
                .map(|s| match s {
                    Slot::Cell { text, .. } => text.clone(),
                    _ => String::new(),
                })
                .collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str, span: u32, vmerge: VMerge) -> CellSpec {
        CellSpec {
            text: text.into(),
            span,
            vmerge,
        }
    }

    fn row(cells: Vec<CellSpec>) -> RowSpec {
        RowSpec {
            before: 0,
            after: 0,
            cells,
        }
    }

    /// The head of the official 2021 表三 as its Word template draws it.
    #[test]
    fn the_requests_header_of_the_2021_template() {
        use VMerge::*;
        let rows = [
            row(vec![
                cell("（本列…）", 3, Restart),
                cell("申请人情况", 7, None),
            ]),
            row(vec![
                cell("", 3, Continue),
                cell("自然人", 1, Restart),
                cell("法人或其他组织", 5, None),
                cell("总计", 1, Restart),
            ]),
            row(vec![
                cell("", 3, Continue),
                cell("", 1, Continue),
                cell("商业\n企业", 1, None),
                cell("科研\n机构", 1, None),
                cell("社会公益组织", 1, None),
                cell("法律服务机构", 1, None),
                cell("其他", 1, None),
                cell("", 1, Continue),
            ]),
        ];
        let g = Grid::build(&rows);
        assert_eq!(
            g.texts(0),
            ["（本列…）", "", "", "申请人情况", "", "", "", "", "", ""]
        );
        assert_eq!(
            g.texts(1),
            [
                "",
                "",
                "",
                "自然人",
                "法人或其他组织",
                "",
                "",
                "",
                "",
                "总计"
            ]
        );
        assert_eq!(
            g.texts(2),
            [
                "",
                "",
                "",
                "",
                "商业\n企业",
                "科研\n机构",
                "社会公益组织",
                "法律服务机构",
                "其他",
                ""
            ]
        );
        // The corner cell covers three rows and three columns; 自然人 and 总计 two rows.
        assert_eq!(
            g.rows[0][0],
            Slot::Cell {
                text: "（本列…）".into(),
                rows: 3,
                cols: 3
            }
        );
        assert_eq!(g.rows[2][2], Slot::Covered { row: 0, col: 0 });
        assert!(matches!(
            g.rows[1][3],
            Slot::Cell {
                rows: 2,
                cols: 1,
                ..
            }
        ));
        assert!(matches!(
            g.rows[1][9],
            Slot::Cell {
                rows: 2,
                cols: 1,
                ..
            }
        ));
        assert_eq!(g.rows[2][9], Slot::Covered { row: 1, col: 9 });
        assert_eq!(g.rows[0][4], Slot::Covered { row: 0, col: 3 });
    }

    #[test]
    fn grid_before_and_after_are_empty_positions() {
        let rows = [RowSpec {
            before: 2,
            after: 1,
            cells: vec![cell("a", 2, VMerge::None)],
        }];
        let g = Grid::build(&rows);
        assert_eq!(g.texts(0), ["", "", "a", "", ""]);
        assert_eq!(g.rows[0][0], Slot::Empty);
        assert_eq!(g.rows[0][3], Slot::Covered { row: 0, col: 2 });
        assert_eq!(g.rows[0][4], Slot::Empty);
    }

    #[test]
    fn a_continue_without_a_cell_above_stands_alone() {
        use VMerge::*;
        // The first row has nothing to continue; the second row's continuation is at a column
        // where the row above has a different cell start, so it is not merged either.
        let rows = [
            row(vec![cell("x", 1, Continue), cell("y", 2, None)]),
            row(vec![cell("a", 2, None), cell("b", 1, Continue)]),
        ];
        let g = Grid::build(&rows);
        assert_eq!(g.texts(0), ["x", "y", ""]);
        assert_eq!(g.texts(1), ["a", "", "b"]);
        assert!(matches!(g.rows[1][2], Slot::Cell { rows: 1, .. }));
    }

    #[test]
    fn a_merge_continues_over_many_rows() {
        use VMerge::*;
        let rows: Vec<RowSpec> = std::iter::once(row(vec![
            cell("三、本年度办理结果", 1, Restart),
            cell("（一）予以公开", 2, None),
        ]))
        .chain((0..21).map(|i| row(vec![cell("", 1, Continue), cell(&i.to_string(), 2, None)])))
        .collect();
        let g = Grid::build(&rows);
        assert!(matches!(
            g.rows[0][0],
            Slot::Cell {
                rows: 22,
                cols: 1,
                ..
            }
        ));
        assert_eq!(g.rows[21][0], Slot::Covered { row: 0, col: 0 });
        assert_eq!(g.texts(21), ["", "20", ""]);
    }
}
