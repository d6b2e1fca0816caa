//! HTML tables into grids: rowspan and colspan expanded, a merged cell's text in its first
//! row and column, the positions it covers left empty — as a flattened table prints it.

use ego_tree::NodeRef;
use scraper::Node;

/// Spans larger than these are clamped: a hostile page cannot make a grid of billions.
const MAX_COLSPAN: usize = 64;
const MAX_ROWSPAN: usize = 256;
const MAX_CELLS: usize = 200_000;

fn element_name<'a>(node: &NodeRef<'a, Node>) -> Option<&'a str> {
    node.value().as_element().map(|e| e.name())
}

/// Whether a table holds another table (then it is a layout table, read as a container).
pub fn has_nested_table(table: NodeRef<'_, Node>) -> bool {
    table
        .descendants()
        .skip(1)
        .any(|n| element_name(&n) == Some("table"))
}

/// The rows of a table (those whose nearest table is this one; html5ever adds `tbody`).
fn rows<'a>(table: NodeRef<'a, Node>) -> Vec<NodeRef<'a, Node>> {
    let mut out = Vec::new();
    let mut stack: Vec<NodeRef<'a, Node>> = table.children().collect();
    stack.reverse();
    while let Some(n) = stack.pop() {
        match element_name(&n) {
            Some("tr") => out.push(n),
            Some("table") => {}
            Some("thead" | "tbody" | "tfoot") => {
                let mut kids: Vec<_> = n.children().collect();
                kids.reverse();
                stack.extend(kids);
            }
            _ => {}
        }
    }
    out
}

fn span(node: &NodeRef<'_, Node>, attr: &str, max: usize) -> usize {
    node.value()
        .as_element()
        .and_then(|e| e.attr(attr))
        .and_then(|v| v.trim().trim_end_matches(';').parse::<usize>().ok())
        .map_or(1, |n| n.clamp(1, max))
}

/// The table's grid: one `Vec<String>` per row, all rows as wide as the widest.
pub fn expand(table: NodeRef<'_, Node>) -> Vec<Vec<String>> {
    let mut grid: Vec<Vec<Option<String>>> = Vec::new();
    let mut cells = 0usize;
    for (r, tr) in rows(table).into_iter().enumerate() {
        if grid.len() <= r {
            grid.push(Vec::new());
        }
        let mut c = 0usize;
        for td in tr.children() {
            if !matches!(element_name(&td), Some("td" | "th")) {
                continue;
            }
            cells += 1;
            if cells > MAX_CELLS {
                break;
            }
            // Skip positions already taken by a rowspan from above.
            while grid[r].get(c).is_some_and(Option::is_some) {
                c += 1;
            }
            let (rs, cs) = (
                span(&td, "rowspan", MAX_ROWSPAN),
                span(&td, "colspan", MAX_COLSPAN),
            );
            let text = text_of(td, 0);
            for dr in 0..rs {
                let row = r + dr;
                while grid.len() <= row {
                    grid.push(Vec::new());
                }
                for dc in 0..cs {
                    let col = c + dc;
                    if grid[row].len() <= col {
                        grid[row].resize(col + 1, None);
                    }
                    grid[row][col] = Some(if dr == 0 && dc == 0 {
                        text.clone()
                    } else {
                        String::new()
                    });
                }
            }
            c += cs;
        }
    }
    let width = grid.iter().map(Vec::len).max().unwrap_or(0);
    grid.into_iter()
        .filter(|row| !row.is_empty())
        .map(|row| {
            let mut row: Vec<String> = row.into_iter().map(Option::unwrap_or_default).collect();
            row.resize(width, String::new());
            row
        })
        .collect()
}

/// The text of an element: text nodes in order, a line break for `<br>` and between blocks,
/// scripts and styles left out.
pub fn text_of(node: NodeRef<'_, Node>, depth: usize) -> String {
    let mut out = String::new();
    collect(node, depth, &mut out);
    out
}

fn collect(node: NodeRef<'_, Node>, depth: usize, out: &mut String) {
    if depth > super::MAX_DEPTH {
        return;
    }
    match node.value() {
        Node::Text(t) => out.push_str(t),
        Node::Element(e) => {
            let name = e.name();
            if super::skipped(name) {
                return;
            }
            if name == "br" {
                out.push('\n');
                return;
            }
            let block = super::is_block(name);
            if block && !out.is_empty() {
                out.push('\n');
            }
            for child in node.children() {
                collect(child, depth + 1, out);
            }
            if block {
                out.push('\n');
            }
        }
        _ => {}
    }
}
