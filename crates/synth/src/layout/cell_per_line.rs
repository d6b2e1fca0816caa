//! Seeds 000 and 003: an HTML table copied as text. Every cell is its own line and every line is
//! followed by a blank one; a header cell may break over two lines (`本年新\n制作数量`); a merged
//! cell is printed once, on the row where it opens; values may carry a stray space (` 0`).

use super::model::{Item, TableModel, Val};
use super::Doc;

pub(super) fn render(t: &TableModel, doc: &mut Doc) {
    for item in &t.items {
        match item {
            Item::Block(s) => {
                doc.push(s);
                doc.blank();
            }
            Item::Header(heads) => {
                for h in heads {
                    let line = doc.push(&h.joined("\n"));
                    if let Some(row) = h.row {
                        doc.row_lines.insert((t.key, row), line);
                    }
                    doc.blank();
                }
            }
            Item::Row {
                row,
                opens,
                label,
                values,
                ..
            } => {
                for g in opens {
                    doc.push(g);
                    doc.blank();
                }
                let line = doc.push(label);
                doc.row_lines.insert((t.key, row), line);
                doc.blank();
                write_values(doc, values);
            }
            Item::Run(values) => write_values(doc, values),
            // A page break in a copied page shows as a wider gap.
            Item::PageBreak => {
                doc.blank();
                doc.blank();
            }
        }
    }
}

fn write_values(doc: &mut Doc, values: &[Val]) {
    for v in values {
        // An empty cell is indistinguishable from the blank separator lines: nothing is printed.
        match v.padded() {
            Some(text) if !text.trim().is_empty() => {
                let line = doc.push(&text);
                doc.cell_lines.insert(v.key, line);
                doc.blank();
            }
            _ => {}
        }
    }
}
