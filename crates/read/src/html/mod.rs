//! HTML: report pages as government sites publish them — often GBK, often Word exported to
//! HTML, tables with rowspan/colspan, everything wrapped in site chrome and layout tables.
//!
//! The page is parsed with html5ever (through scraper) and laid out for the text pipeline
//! ([`crate::layout`]): block elements become paragraphs, data tables become rows of
//! tab-separated cells with merged cells expanded into the grid, and layout tables (those
//! holding other tables) are read as containers. Scripts, styles and navigation are dropped;
//! what chrome remains is dropped line by line like in any text.

mod charset;
mod grid;

use ego_tree::NodeRef;
use scraper::{Html, Node};

use crate::error::ReadError;
use crate::layout::{Layout, LayoutBuilder};

/// Element nesting followed at most; deeper content is read as plain text.
const MAX_DEPTH: usize = 200;

/// Container elements nested deeper than this make a page hostile, not a report: the HTML
/// tree builder's scope checks are linear in the depth, so depth must be bounded before
/// parsing to keep the time linear in the input.
const MAX_NESTING: usize = 1_000;

/// Reads an HTML page into a layout.
pub fn read(bytes: &[u8]) -> Result<Layout, ReadError> {
    let text = charset::decode(bytes)?;
    if nesting(&text) > MAX_NESTING {
        return Err(ReadError::Corrupt {
            kind: "HTML",
            detail: format!("elements nested more than {MAX_NESTING} deep"),
        });
    }
    let html = Html::parse_document(&text);
    let mut walker = Walker {
        out: LayoutBuilder::new(),
        paragraph: String::new(),
        tables: 0,
    };
    walker.walk(html.tree.root(), 0);
    walker.flush();
    Ok(walker.out.finish())
}

/// The deepest nesting of container elements that pages close (div, table, span …), counted
/// from the tags alone: one pass, no parsing.
fn nesting(text: &str) -> usize {
    const CONTAINERS: &[&str] = &[
        "div",
        "table",
        "span",
        "section",
        "article",
        "ul",
        "ol",
        "blockquote",
        "font",
        "center",
        "form",
        "a",
        "b",
        "i",
        "em",
        "strong",
    ];
    let bytes = text.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut i = 0;
    while let Some(off) = bytes
        .get(i..)
        .and_then(|b| b.iter().position(|&c| c == b'<'))
    {
        i += off + 1;
        let closing = bytes.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let end = bytes.get(start..).map_or(0, |b| {
            b.iter().take_while(|c| c.is_ascii_alphanumeric()).count()
        });
        let Some(name) = text.get(start..start + end) else {
            continue;
        };
        if CONTAINERS.iter().any(|c| c.eq_ignore_ascii_case(name)) {
            if closing {
                depth = depth.saturating_sub(1);
            } else {
                depth += 1;
                deepest = deepest.max(depth);
            }
        }
    }
    deepest
}

struct Walker {
    out: LayoutBuilder,
    paragraph: String,
    tables: u32,
}

/// Elements whose content is not part of the report.
fn skipped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "head"
            | "nav"
            | "iframe"
            | "select"
            | "option"
            | "button"
            | "input"
            | "textarea"
            | "svg"
            | "canvas"
            | "object"
            | "embed"
    )
}

/// Elements that start and end a paragraph.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "section"
            | "article"
            | "blockquote"
            | "pre"
            | "center"
            | "dd"
            | "dt"
            | "dl"
            | "form"
            | "header"
            | "footer"
            | "main"
            | "aside"
            | "address"
            | "figure"
            | "figcaption"
            | "hr"
            | "caption"
            | "body"
            | "html"
            | "tr"
            | "td"
            | "th"
            | "tbody"
            | "thead"
            | "tfoot"
    )
}

impl Walker {
    fn flush(&mut self) {
        if !self.paragraph.trim().is_empty() {
            self.out.paragraph(&self.paragraph);
        }
        self.paragraph.clear();
    }

    fn walk(&mut self, node: NodeRef<'_, Node>, depth: usize) {
        match node.value() {
            Node::Text(t) => self.paragraph.push_str(t),
            Node::Element(e) => {
                let name = e.name();
                if skipped(name) {
                    return;
                }
                if depth >= MAX_DEPTH {
                    self.paragraph.push_str(&grid::text_of(node, 0));
                    return;
                }
                match name {
                    "br" => self.paragraph.push('\n'),
                    "table" if !grid::has_nested_table(node) => {
                        self.flush();
                        self.tables += 1;
                        for (r, row) in grid::expand(node).iter().enumerate() {
                            self.out.row(self.tables, r as u32 + 1, row);
                        }
                    }
                    _ if is_block(name) || name == "table" => {
                        self.flush();
                        for child in node.children() {
                            self.walk(child, depth + 1);
                        }
                        self.flush();
                    }
                    _ => {
                        for child in node.children() {
                            self.walk(child, depth + 1);
                        }
                    }
                }
            }
            Node::Document | Node::Fragment => {
                for child in node.children() {
                    self.walk(child, depth + 1);
                }
            }
            _ => {}
        }
    }
}
