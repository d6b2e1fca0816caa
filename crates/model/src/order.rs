//! Document order across kinds of source places.
//!
//! A structured or paged document is read as a laid-out text (one line per paragraph or table
//! row), and its places are then named in the original's terms: table cells (`p3.t3.r6.c2`),
//! paragraphs (`b12`), lines on a page (`p4:L29:1`). Those names alone do not say which of a
//! cell and a paragraph comes first — table and paragraph numbers count apart, and a page's
//! rows carry no line number — so the reader keeps, per row and per paragraph, the laid-out
//! line it was read from: the line order is the document's reading order for every format.

use rustc_hash::FxHashMap;

use crate::report::Source;

/// The laid-out line of every table row and paragraph of a document (see the module docs).
/// Empty for a report read from plain text (its places are lines already) or built otherwise
/// (records, a store): sources then order by [`Source::order_key`] alone.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReadingOrder {
    /// `(page, table, row)` → line.
    rows: FxHashMap<(u32, u32, u32), u32>,
    /// `(page, index)` → the paragraph's first line.
    blocks: FxHashMap<(u32, u32), u32>,
}

impl ReadingOrder {
    /// Records that row `row` of table `table` on `page` was read from laid-out line `line`.
    pub fn row(&mut self, page: u32, table: u32, row: u32, line: u32) {
        self.rows.entry((page, table, row)).or_insert(line);
    }

    /// Records that paragraph `index` on `page` was read from laid-out line `line` (the first
    /// recorded line is kept: a paragraph laid out over several lines starts at its first).
    pub fn block(&mut self, page: u32, index: u32, line: u32) {
        self.blocks.entry((page, index)).or_insert(line);
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty() && self.blocks.is_empty()
    }

    /// A sort key that keeps places in document order whatever their kind: by laid-out line,
    /// then by column (text places) or cell (a row's cells). Places the order does not know
    /// (none, when the order is empty) keep [`Source::order_key`]'s order among themselves,
    /// after the known ones; [`Source::None`] comes last.
    pub fn key(&self, source: &Source) -> (u32, u32, u32, u32, u32) {
        let known = match *source {
            Source::None => None,
            Source::Text { line, column, .. } | Source::Paged { line, column, .. } => {
                Some((line, column))
            }
            Source::Grid {
                page,
                table,
                row,
                cell,
            } => self.rows.get(&(page, table, row)).map(|&line| (line, cell)),
            Source::Block { page, index } => self.blocks.get(&(page, index)).map(|&l| (l, 0)),
        };
        match known {
            Some((line, at)) if !self.is_empty() => (0, line, at, 0, 0),
            _ => {
                let (a, b, c, d) = source.order_key();
                (1, a, b, c, d)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(page: u32, table: u32, row: u32, cell: u32) -> Source {
        Source::Grid {
            page,
            table,
            row,
            cell,
        }
    }

    fn paged(page: u32, line: u32, column: u32) -> Source {
        Source::Paged {
            page,
            page_line: 1,
            page_column: column,
            line,
            column,
            len: 1,
        }
    }

    #[test]
    fn cells_lines_and_paragraphs_interleave_by_reading_order() {
        let mut o = ReadingOrder::default();
        o.row(3, 1, 6, 120);
        o.row(4, 2, 1, 150);
        o.block(0, 12, 90);
        o.block(0, 12, 91);
        let mut places = vec![
            Source::None,
            grid(4, 2, 1, 3),
            paged(4, 160, 2),
            grid(3, 1, 6, 2),
            paged(3, 100, 5),
            Source::Block { page: 0, index: 12 },
            grid(3, 1, 6, 1),
        ];
        places.sort_by_key(|s| o.key(s));
        assert_eq!(
            places,
            vec![
                Source::Block { page: 0, index: 12 },
                paged(3, 100, 5),
                grid(3, 1, 6, 1),
                grid(3, 1, 6, 2),
                grid(4, 2, 1, 3),
                paged(4, 160, 2),
                Source::None,
            ]
        );
    }

    #[test]
    fn without_an_order_sources_keep_their_own() {
        let o = ReadingOrder::default();
        let (a, b) = (Source::line(3), Source::line(10));
        assert!(o.key(&a) < o.key(&b));
        assert!(o.key(&b) < o.key(&Source::None));
    }
}
