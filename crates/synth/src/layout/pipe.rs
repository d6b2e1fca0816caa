//! Seed 001: rows of `cell | cell |`. A filled cell prints as `text | `, an empty one as a bare
//! `|`, and every row is padded with empty cells to the table's grid width
//! (`第二十条第(一)项 | |||`) — except, often, the last row of a table. Header cells broken by
//! extraction show a space (`结果 维持`). Merged cells appear once, where they open. No blank lines.

use super::model::{Item, TableModel};
use super::Doc;
use crate::variants::Variants;

/// One pipe row from its cells.
pub(super) fn pipe_row(cells: &[String], width: usize, pad: bool) -> String {
    let mut s = String::new();
    for c in cells {
        if c.trim().is_empty() {
            s.push('|');
        } else {
            s.push_str(c.trim());
            s.push_str(" | ");
        }
    }
    if pad {
        for _ in cells.len()..width {
            s.push('|');
        }
    }
    s.trim_end().to_string()
}

pub(super) fn render(t: &TableModel, doc: &mut Doc, v: &Variants) {
    let last = t
        .items
        .iter()
        .rposition(|i| matches!(i, Item::Row { .. } | Item::Run(_)));
    for (i, item) in t.items.iter().enumerate() {
        let pad = Some(i) != last || v.pad_last_row;
        match item {
            Item::Block(s) => {
                doc.push(&pipe_row(std::slice::from_ref(s), t.width, true));
            }
            Item::Header(heads) => {
                let cells: Vec<String> = heads.iter().map(|h| h.joined(" ")).collect();
                let line = doc.push(&pipe_row(&cells, t.width, true));
                for h in heads {
                    if let Some(row) = h.row {
                        doc.row_lines.insert((t.key, row), line);
                    }
                }
            }
            Item::Row {
                row,
                opens,
                label,
                values,
                ..
            } => {
                let mut cells = opens.clone();
                cells.push(label.clone());
                cells.extend(values.iter().filter_map(|v| v.text.clone()));
                let line = doc.push(&pipe_row(&cells, t.width, pad));
                doc.row_lines.insert((t.key, row), line);
                for v in values {
                    if v.text.as_deref().is_some_and(|s| !s.is_empty()) {
                        doc.cell_lines.insert(v.key, line);
                    }
                }
            }
            Item::Run(values) => {
                let cells: Vec<String> = values.iter().filter_map(|v| v.text.clone()).collect();
                let line = doc.push(&pipe_row(&cells, t.width, pad));
                for v in values {
                    if v.text.as_deref().is_some_and(|s| !s.is_empty()) {
                        doc.cell_lines.insert(v.key, line);
                    }
                }
            }
            Item::PageBreak => doc.blank(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::pipe_row;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn matches_seed_001() {
        assert_eq!(
            pipe_row(&s(&["第二十条第(一)项"]), 4, true),
            "第二十条第(一)项 | |||"
        );
        assert_eq!(
            pipe_row(
                &s(&[
                    "信息内容",
                    "本年新制作数量",
                    "本年新公开数量",
                    "对外公开总数量"
                ]),
                4,
                true
            ),
            "信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |"
        );
        assert_eq!(
            pipe_row(&s(&["行政事业性收费", "0", "0"]), 4, true),
            "行政事业性收费 | 0 | 0 | |"
        );
        assert_eq!(
            pipe_row(&s(&["政府集中采购", "11", "14.4万元"]), 4, false),
            "政府集中采购 | 11 | 14.4万元 |"
        );
    }
}
