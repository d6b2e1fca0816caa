//! Structured and paged documents laid out as text, with where each line came from.
//!
//! HTML and DOCX hold paragraphs and tables (with merged cells); a PDF's text comes page by page.
//! Rather than a second recognizer, each is laid out as the text the tokenizer already reads —
//! a paragraph per line, a table row per line with its cells separated by tabs (merged cells
//! printed once, in their first row and column, as seed 004 shows them) — and the origin of
//! every line is kept, so that source locations can be given back in the original's terms:
//! page, table, row and cell, or paragraph.

use gongkai_model::Source;

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
    /// A line of a page of extracted text (PDF).
    PageLine { page: u32, line: u32 },
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
            Origin::PageLine { page, line: pl } => Source::Paged {
                page: *page,
                page_line: *pl,
                line,
                column,
                len,
            },
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

    fn line(&self, no: u32) -> &str {
        let i = (no as usize).saturating_sub(1);
        let (Some(&start), end) = (self.starts.get(i), self.starts.get(i + 1)) else {
            return "";
        };
        let end = end.map_or(self.text.len(), |e| e.saturating_sub(1));
        self.text.get(start..end).unwrap_or("")
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
        let text: String = text.chars().filter(|c| *c != '\n' && *c != '\r').collect();
        self.push(&text, Origin::PageLine { page, line });
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
}
