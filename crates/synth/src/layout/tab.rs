//! Seed 004: a Word or PDF table extracted as tab-separated rows. Header cells sit at their grid
//! columns with empty cells around them; merged row-label cells are flattened into leading empty
//! cells, unevenly: usually one per enclosing group, sometimes one fewer, sometimes none with an
//! empty cell after the label instead (`4. 保护第三方合法权益\t\t0…`); a trailing empty cell comes
//! and goes; page breaks leave blank lines inside the table.

use rand::rngs::SmallRng;
use rand::Rng;

use super::model::{Item, Shape, TableModel, Val};
use super::Doc;

fn placed(width: usize, cells: impl Iterator<Item = (usize, String)>) -> String {
    let mut row = vec![String::new(); width];
    for (col, text) in cells {
        match row.get_mut(col) {
            Some(slot) => *slot = text,
            None => row.push(text),
        }
    }
    row.join("\t")
}

fn record(doc: &mut Doc, values: &[Val], line: u32) {
    for v in values {
        if v.text.as_deref().is_some_and(|s| !s.is_empty()) {
            doc.cell_lines.insert(v.key, line);
        }
    }
}

pub(super) fn render(t: &TableModel, doc: &mut Doc, rng: &mut SmallRng) {
    for item in &t.items {
        match item {
            Item::Block(s) => {
                doc.push(&placed(t.width, std::iter::once((0, s.clone()))));
            }
            Item::Header(heads) => {
                let line = doc.push(&placed(
                    t.width,
                    heads.iter().map(|h| (h.col, h.joined(" "))),
                ));
                for h in heads {
                    if let Some(row) = h.row {
                        doc.row_lines.insert((t.key, row), line);
                    }
                }
            }
            Item::Row {
                row,
                opens,
                depth,
                label,
                values,
            } => {
                let texts = values.iter().filter_map(|v| v.text.clone());
                let text = if t.shape == Shape::Grid {
                    grid_row(rng, opens, *depth, label, texts)
                } else {
                    // 表二: label, values, empty cells to the grid width.
                    let mut cells = vec![label.clone()];
                    cells.extend(texts);
                    while cells.len() < t.width {
                        cells.push(String::new());
                    }
                    cells.join("\t")
                };
                let line = doc.push(&text);
                doc.row_lines.insert((t.key, row), line);
                record(doc, values, line);
            }
            Item::Run(values) => {
                let cells: Vec<String> = values.iter().filter_map(|v| v.text.clone()).collect();
                let line = doc.push(&cells.join("\t"));
                record(doc, values, line);
            }
            Item::PageBreak => doc.blank(),
        }
    }
}

/// A 表三 row as seed 004 flattens it. The draws do not depend on the values.
fn grid_row(
    rng: &mut SmallRng,
    opens: &[String],
    depth: usize,
    label: &str,
    values: impl Iterator<Item = String>,
) -> String {
    let continuing = depth.saturating_sub(opens.len());
    let roll = rng.random_range(0..100u32);
    let trailing = rng.random_bool(0.5);
    let (lead, filler_after_label) = match roll {
        _ if continuing == 0 => (0, false),
        // The label-first quirk is seen only on rows that open no group cell.
        85.. if !opens.is_empty() => (continuing, false),
        0..70 => (continuing, false),
        70..85 => (continuing - 1, false),
        _ => (0, true),
    };
    let mut cells = vec![String::new(); lead];
    cells.extend(opens.iter().cloned());
    cells.push(label.to_string());
    // A top-level row's label spans both label columns: its second cell comes out empty.
    if depth == 0 || filler_after_label {
        cells.push(String::new());
    }
    cells.extend(values);
    if trailing {
        cells.push(String::new());
    }
    cells.join("\t")
}
