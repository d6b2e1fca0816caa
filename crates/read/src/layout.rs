//! Structured and paged documents laid out as text, with where each line came from.
//!
//! HTML and DOCX hold paragraphs and tables (with merged cells); a PDF's text comes page by page.
//! Rather than a second recognizer, each is laid out as the text the tokenizer already reads —
//! a paragraph per line, a table row per line with its cells separated by tabs (merged cells
//! printed once, in their first row and column, as seed 004 shows them) — and the origin of
//! every line is kept, so that source locations can be given back in the original's terms:
//! page, table, row and cell, or paragraph.

use gongkai_model::{ReadingOrder, Source};

/// Where one line of the laid-out text came from.
#[derive(Debug, Clone, PartialEq)]
pub enum Origin {
    /// A paragraph or other block (1-based, reading order).
    Block { page: u32, index: u32 },
    /// A row of a table; `cells[i]` is the byte offset in the line where cell `i + 1` starts.
    Row {
        page: u32,
        table: u32,
        row: u32,
        cells: Vec<usize>,
    },
    /// A line of a page of extracted text (PDF), numbered on its page. A paragraph's wrapped
    /// lines are laid out as one line (a sentence and its figures read whole): `joins` says
    /// where each printed line after the first starts — its byte offset in the laid-out line,
    /// and its own line number on the page — so a place in the paragraph is located on the
    /// printed line that holds it.
    PageLine {
        page: u32,
        line: u32,
        joins: Vec<(usize, u32)>,
    },
}

/// A laid-out document: its text and one origin per line.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub text: String,
    pub origins: Vec<Origin>,
    /// Byte offset where each line starts (locating stays O(1) per source).
    starts: Vec<usize>,
}

impl Layout {
    /// Translates a location in the laid-out text into the original's terms.
    pub fn locate(&self, source: Source) -> Source {
        let Source::Text {
            line, column, len, ..
        } = source
        else {
            return source;
        };
        let Some(origin) = (line as usize)
            .checked_sub(1)
            .and_then(|i| self.origins.get(i))
        else {
            return source;
        };
        match origin {
            Origin::Block { page, index } => Source::Block {
                page: *page,
                index: *index,
            },
            Origin::PageLine {
                page,
                line: pl,
                joins,
            } => {
                let (page_line, page_column) = printed_place(self.line(line), column, *pl, joins);
                Source::Paged {
                    page: *page,
                    page_line,
                    page_column,
                    line,
                    column,
                    len,
                }
            }
            Origin::Row {
                page,
                table,
                row,
                cells,
            } => {
                // The column is in characters; the cell starts are bytes of the same line.
                let line_text = self.line(line);
                let byte = line_text
                    .char_indices()
                    .nth(column.saturating_sub(1) as usize)
                    .map_or(line_text.len(), |(b, _)| b);
                let cell = cells.iter().rposition(|&start| start <= byte).unwrap_or(0) as u32 + 1;
                Source::Grid {
                    page: *page,
                    table: *table,
                    row: *row,
                    cell,
                }
            }
        }
    }

    /// Where each table row and paragraph is in the laid-out text: the document's reading
    /// order, which orders places of different kinds (a cell, a paragraph, a page line).
    pub fn reading_order(&self) -> ReadingOrder {
        let mut order = ReadingOrder::default();
        for (i, origin) in self.origins.iter().enumerate() {
            let line = i as u32 + 1;
            match *origin {
                Origin::Row {
                    page, table, row, ..
                } => order.row(page, table, row, line),
                Origin::Block { page, index } => order.block(page, index, line),
                Origin::PageLine { .. } => {}
            }
        }
        order
    }

    fn line(&self, no: u32) -> &str {
        let i = (no as usize).saturating_sub(1);
        let (Some(&start), end) = (self.starts.get(i), self.starts.get(i + 1)) else {
            return "";
        };
        let end = end.map_or(self.text.len(), |e| e.saturating_sub(1));
        self.text.get(start..end).unwrap_or("")
    }
}

/// The printed line and column of the character at `column` (1-based, in characters) of a
/// laid-out page line that starts on printed line `first` and goes on to the lines of `joins`.
fn printed_place(text: &str, column: u32, first: u32, joins: &[(usize, u32)]) -> (u32, u32) {
    let before = column.saturating_sub(1) as usize;
    let byte = text
        .char_indices()
        .nth(before)
        .map_or(text.len(), |(b, _)| b);
    match joins.iter().rev().find(|(start, _)| *start <= byte) {
        Some(&(start, line)) => {
            let into = text.get(start..byte).map_or(0, |t| t.chars().count());
            (line, into as u32 + 1)
        }
        None => (first, column),
    }
}

/// Builds a [`Layout`] block by block.
#[derive(Debug, Default)]
pub struct LayoutBuilder {
    layout: Layout,
    page: u32,
    blocks: u32,
}

/// Text of a cell or paragraph made fit for one line: tabs and line breaks become spaces
/// (`本年新<br>制作数量` is one label), runs of white space one space.
fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() && c != '\u{3000}' {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

impl LayoutBuilder {
    pub fn new() -> Self {
        LayoutBuilder::default()
    }

    /// Starts counting pages (a paged document); before this, page numbers are 0.
    pub fn page(&mut self, page: u32) {
        self.page = page;
    }

    /// A paragraph; empty ones are skipped. A paragraph with line breaks becomes several
    /// lines of the same block.
    pub fn paragraph(&mut self, text: &str) {
        let lines: Vec<String> = text
            .split(['\n', '\r'])
            .map(one_line)
            .filter(|l| !l.is_empty())
            .collect();
        if lines.is_empty() {
            return;
        }
        self.blocks += 1;
        for l in lines {
            self.push(
                &l,
                Origin::Block {
                    page: self.page,
                    index: self.blocks,
                },
            );
        }
    }

    /// A table row: its cells in grid order (empty strings for cells covered by a merged
    /// cell). `table` and `row` are 1-based.
    pub fn row(&mut self, table: u32, row: u32, cells: &[String]) {
        let mut line = String::new();
        let mut starts = Vec::with_capacity(cells.len());
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                line.push('\t');
            }
            starts.push(line.len());
            line.push_str(&one_line(c));
        }
        self.push(
            &line,
            Origin::Row {
                page: self.page,
                table,
                row,
                cells: starts,
            },
        );
    }

    /// A line of extracted page text, as it is.
    pub fn page_line(&mut self, page: u32, line: u32, text: &str) {
        self.paragraph_lines(page, line, text, Vec::new());
    }

    /// The printed lines of a paragraph of extracted page text joined into `text`, the first
    /// printed on line `line` of the page, the others from the byte offsets `joins` names (see
    /// [`Origin::PageLine`]).
    pub fn paragraph_lines(&mut self, page: u32, line: u32, text: &str, joins: Vec<(usize, u32)>) {
        // Dropping line breaks moves the bytes after them: the offsets move with them.
        let dropped = |upto: usize| {
            text.get(..upto).map_or(0, |t| {
                t.bytes().filter(|b| matches!(b, b'\n' | b'\r')).count()
            })
        };
        let joins = joins
            .into_iter()
            .map(|(at, l)| (at - dropped(at), l))
            .collect();
        let text: String = text.chars().filter(|c| *c != '\n' && *c != '\r').collect();
        self.push(&text, Origin::PageLine { page, line, joins });
    }

    fn push(&mut self, line: &str, origin: Origin) {
        self.layout.starts.push(self.layout.text.len());
        self.layout.text.push_str(line);
        self.layout.text.push('\n');
        self.layout.origins.push(origin);
    }

    pub fn finish(self) -> Layout {
        self.layout
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_and_paragraphs_locate_back() {
        let mut b = LayoutBuilder::new();
        b.paragraph("三、收到和处理\n政府信息公开申请情况");
        b.row(
            1,
            2,
            &["（一）予以公开".into(), "5".into(), "".into(), "7".into()],
        );
        let l = b.finish();
        assert_eq!(
            l.text,
            "三、收到和处理\n政府信息公开申请情况\n（一）予以公开\t5\t\t7\n"
        );
        let at = |line, column| Source::Text {
            line,
            column,
            len: 1,
            alone: false,
        };
        assert_eq!(l.locate(at(2, 1)), Source::Block { page: 0, index: 1 });
        // `7` is the 4th cell of row 2 of table 1.
        let col = "（一）予以公开\t5\t\t".chars().count() as u32 + 1;
        assert_eq!(
            l.locate(at(3, col)),
            Source::Grid {
                page: 0,
                table: 1,
                row: 2,
                cell: 4
            }
        );
    }

    #[test]
    fn page_lines_keep_the_page() {
        let mut b = LayoutBuilder::new();
        b.page_line(2, 17, "规章   0   0   0");
        let l = b.finish();
        match l.locate(Source::Text {
            line: 1,
            column: 8,
            len: 1,
            alone: false,
        }) {
            Source::Paged {
                page, page_line, ..
            } => assert_eq!((page, page_line), (2, 17)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_place_in_a_joined_paragraph_is_on_its_printed_line() {
        let mut b = LayoutBuilder::new();
        b.page_line(4, 28, "（二）依申请公开");
        let first = "进一步做好依申请公开工作，";
        let second = "全年共收到申请";
        let text = format!("{first}{second}40件。");
        b.paragraph_lines(
            4,
            29,
            &text,
            vec![(first.len(), 30), (first.len() + second.len(), 31)],
        );
        let l = b.finish();
        let at = |column| {
            l.locate(Source::Text {
                line: 2,
                column,
                len: 2,
                alone: false,
            })
        };
        let place = |s: Source| match s {
            Source::Paged {
                page,
                page_line,
                page_column,
                line,
                column,
                ..
            } => (page, page_line, page_column, line, column),
            other => panic!("{other:?}"),
        };
        let n = |s: &str| s.chars().count() as u32;
        // On the first printed line: as laid out.
        assert_eq!(place(at(3)), (4, 29, 3, 2, 3));
        // `收到` on the second, `40` at the start of the third; the snippet keeps the
        // laid-out line and column.
        let c = n(first) + 4;
        assert_eq!(place(at(c)), (4, 30, 4, 2, c));
        let c = n(first) + n(second) + 1;
        assert_eq!(place(at(c)), (4, 31, 1, 2, c));
        assert_eq!(at(c).to_string(), "p4:L31:1");
    }

    #[test]
    fn the_reading_order_knows_rows_and_paragraphs() {
        let mut b = LayoutBuilder::new();
        b.page(1);
        b.paragraph("一、总体情况");
        b.row(2, 3, &["规章".into(), "1".into()]);
        b.paragraph("二、主动公开");
        let o = b.finish().reading_order();
        let grid = Source::Grid {
            page: 1,
            table: 2,
            row: 3,
            cell: 2,
        };
        let before = Source::Block { page: 1, index: 1 };
        let after = Source::Block { page: 1, index: 2 };
        assert!(o.key(&before) < o.key(&grid));
        assert!(o.key(&grid) < o.key(&after));
    }
}
