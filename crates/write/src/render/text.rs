//! Plain text: the title, the parts with their paragraphs, and each table as tab-separated rows
//! laid out on the format's grid (a merged cell prints once, where it starts; the positions it
//! covers are empty). Tab-separated rows paste straight into a spreadsheet or a word processor's
//! "text to table", and they are a layout our reader reads (the seed texts' tab layout).

use super::layout::{Content, Grid, Slot};
use super::{appendix_title, finding_line, heading, shown, title, Render};

/// The indent of a paragraph: two ideographic spaces, as Chinese documents indent.
const INDENT: &str = "\u{3000}\u{3000}";

pub(super) fn render(r: &Render<'_>) -> String {
    let report = r.report;
    let def = report.format_def();
    let mut out = Vec::new();
    out.push(one_line(&title(report)));
    if let Some(d) = report.published_on.value {
        out.push(format!("（{}年{}月{}日）", d.year, d.month, d.day));
    }
    for s in def.sections {
        out.push(String::new());
        out.push(heading(s.number, s.label));
        for p in r.narrative.paragraphs(s.key) {
            out.push(String::new());
            out.push(format!("{INDENT}{}", one_line(p)));
        }
        if let Some(table) = s.table.and_then(|t| def.table(t)) {
            out.push(String::new());
            table_rows(&Grid::of(table), r, &mut out);
        }
    }
    if let Some(findings) = r.appendix {
        out.push(String::new());
        out.push(appendix_title(r.lang).to_string());
        for f in findings {
            out.push(String::new());
            out.push(one_line(&finding_line(f, r.lang)));
        }
    }
    let mut s = out.join("\n");
    s.push('\n');
    s
}

fn table_rows(grid: &Grid, r: &Render<'_>, out: &mut Vec<String>) {
    for line in grid.expand() {
        let cells: Vec<String> = line
            .iter()
            .map(|slot| match slot {
                Slot::Origin(c) => match c.content {
                    Content::Head { text, .. } => text.to_string(),
                    Content::Value(k) => shown(r.report, &k).text,
                },
                Slot::Covered | Slot::Hole => String::new(),
            })
            .map(|t| one_line(&t))
            .collect();
        out.push(cells.join("\t").trim_end().to_string());
    }
}

/// Text from the report on one line with no tabs: a line break or tab inside an agency name or
/// a paragraph would start a new line or cell of the layout.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}
