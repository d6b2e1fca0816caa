//! Markdown: the title and part headings as setext headings (`===` and `---` underlines), the
//! paragraphs, and the tables as pipe tables.
//!
//! Pipe tables cannot merge cells. A merged cell prints once, where it starts, and the positions
//! it covers stay empty, which is also how our reader expects merged cells in pipe rows. 表二's
//! blocks print as one small table each, under their block heading, because every row of a
//! block has the same cells (its colspans need no padding then). The first row of a table is the
//! Markdown header row; further header rows of the format follow as ordinary rows.
//!
//! Setext headings rather than `#` ones: our reader recognises a part heading by its Chinese
//! ordinal at the start of the line, so the Markdown reads back like the text layout.

use super::layout::{Content, Grid, GridRow, RowKind, Slot};
use super::{appendix_title, finding_line, heading, shown, title, Render};

pub(super) fn render(r: &Render<'_>) -> String {
    let report = r.report;
    let def = report.format_def();
    let mut out: Vec<String> = Vec::new();
    let t = escape_line(&title(report));
    out.push(t.clone());
    out.push(underline('=', &t));
    if let Some(d) = report.published_on.value {
        out.push(String::new());
        out.push(format!("（{}年{}月{}日）", d.year, d.month, d.day));
    }
    for s in def.sections {
        let h = heading(s.number, s.label);
        out.push(String::new());
        out.push(h.clone());
        out.push(underline('-', &h));
        for p in r.narrative.paragraphs(s.key) {
            out.push(String::new());
            out.push(escape_line(p));
        }
        if let Some(table) = s.table.and_then(|t| def.table(t)) {
            table_md(&Grid::of(table), r, &mut out);
        }
    }
    if let Some(findings) = r.appendix {
        out.push(String::new());
        let h = appendix_title(r.lang).to_string();
        out.push(h.clone());
        out.push(underline('-', &h));
        out.push(String::new());
        for f in findings {
            out.push(format!("- {}", escape_line(&finding_line(f, r.lang))));
        }
    }
    let mut s = out.join("\n");
    s.push('\n');
    s
}

/// A setext underline as wide as the heading (a CJK character counts twice), at least three.
fn underline(c: char, text: &str) -> String {
    let width = unicode_width::UnicodeWidthStr::width(text).max(3);
    std::iter::repeat_n(c, width).collect()
}

fn table_md(grid: &Grid, r: &Render<'_>, out: &mut Vec<String>) {
    // Segments: runs of rows between block headings.
    let mut segments: Vec<(Option<&GridRow>, Vec<usize>)> = Vec::new();
    for (i, row) in grid.rows.iter().enumerate() {
        if row.kind == RowKind::Block {
            segments.push((Some(row), Vec::new()));
        } else {
            match segments.last_mut() {
                Some((_, rows)) => rows.push(i),
                None => segments.push((None, vec![i])),
            }
        }
    }
    let expanded = grid.expand();
    for (block, rows) in segments {
        if let Some(b) = block.and_then(|b| b.cells.first()) {
            out.push(String::new());
            out.push(cell_text(&b.content, r));
        }
        if rows.is_empty() {
            continue;
        }
        out.push(String::new());
        let compact = is_uniform(grid, &rows);
        for (n, &i) in rows.iter().enumerate() {
            let cells: Vec<String> = if compact {
                grid.rows[i]
                    .cells
                    .iter()
                    .map(|c| cell_text(&c.content, r))
                    .collect()
            } else {
                expanded.get(i).map_or(Vec::new(), |line| {
                    line.iter()
                        .map(|slot| match slot {
                            Slot::Origin(c) => cell_text(&c.content, r),
                            Slot::Covered | Slot::Hole => String::new(),
                        })
                        .collect()
                })
            };
            let width = cells.len();
            out.push(pipe_row(&cells));
            if n == 0 {
                out.push(pipe_row(&vec!["---".to_string(); width]));
            }
        }
    }
}

/// Whether every row of a segment has cells of the same spans and no cell spans rows, so the
/// segment prints with one Markdown cell per grid cell.
fn is_uniform(grid: &Grid, rows: &[usize]) -> bool {
    let shape = |i: usize| -> Vec<(usize, usize, usize)> {
        grid.rows[i]
            .cells
            .iter()
            .map(|c| (c.col, c.colspan, c.rowspan))
            .collect()
    };
    let Some(&first) = rows.first() else {
        return true;
    };
    let s0 = shape(first);
    s0.iter().all(|&(_, _, rs)| rs == 1) && rows.iter().all(|&i| shape(i) == s0)
}

fn cell_text(content: &Content, r: &Render<'_>) -> String {
    match content {
        Content::Head { text, .. } => escape(text),
        Content::Value(k) => escape(&shown(r.report, k).text),
    }
}

/// `| a | b |`; an empty cell is `|  |`.
fn pipe_row(cells: &[String]) -> String {
    let mut s = String::from("|");
    for c in cells {
        s.push(' ');
        s.push_str(c);
        s.push_str(" |");
    }
    s
}

/// Text from the report as Markdown that shows it literally: ASCII punctuation that Markdown
/// gives a meaning is backslash-escaped, and line breaks become spaces (a paragraph, a title and
/// a cell are each one line).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.trim().chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '&' | '!' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// [`escape`] for a whole line (a title, a paragraph): a line that starts like a list item or a
/// heading underline must not become one.
fn escape_line(s: &str) -> String {
    let mut out = escape(s);
    if out.starts_with(['-', '+', '=']) {
        out.insert(0, '\\');
    }
    // `1. ` or `1) ` starts an ordered list.
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        let rest = &out[digits..];
        if rest.starts_with(". ") || rest.starts_with(") ") {
            out.insert(digits, '\\');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_keeps_chinese() {
        assert_eq!(
            escape("<script>a|b</script>"),
            "\\<script\\>a\\|b\\</script\\>"
        );
        assert_eq!(escape_line("- 列表"), "\\- 列表");
        assert_eq!(escape("-7"), "-7");
        assert_eq!(escape_line("1. 一项"), "1\\. 一项");
        assert_eq!(escape_line("1.属于国家秘密"), "1.属于国家秘密");
        assert_eq!(escape("第一行\n第二行"), "第一行 第二行");
        assert_eq!(escape("（一）予以公开"), "（一）予以公开");
    }

    #[test]
    fn underline_counts_display_width() {
        assert_eq!(underline('-', "一、总体情况"), "------------");
        assert_eq!(underline('=', ""), "===");
    }
}
