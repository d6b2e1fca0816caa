//! Places in the original's terms, over the committed PDF and HTML fixtures (tests/fixtures/cms,
//! tests/fixtures/corpus): a figure of a paragraph that wraps is located on the printed line
//! that holds it, and a report's findings come in the document's order whatever kind of place
//! they name (a PDF's cells and page lines, an HTML page's cells and paragraphs).
//!
//! The PDFs need pdftotext: without it they are skipped (and say so).
#![allow(clippy::unwrap_used)]

use gongkai_model::{Finding, Source};
use gongkai_read::layout::{Layout, Origin};
use gongkai_read::{read_layout, ReadError};

fn fixtures(dir: &str, ext: &str) -> Vec<(String, Vec<u8>)> {
    let dir = format!("{}/../../tests/fixtures/{dir}", env!("CARGO_MANIFEST_DIR"));
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    out.sort();
    out
}

fn pdfs() -> Option<Vec<(String, Layout)>> {
    let mut out = Vec::new();
    for (name, bytes) in fixtures("cms", "pdf")
        .into_iter()
        .chain(fixtures("corpus", "pdf"))
    {
        match gongkai_read::pdf::read(&bytes) {
            Ok(l) => out.push((name, l)),
            Err(ReadError::ToolMissing { tool, .. }) => {
                eprintln!("SKIPPED: {tool} is not installed");
                return None;
            }
            Err(e) => panic!("{name}: {e}"),
        }
    }
    Some(out)
}

/// The text printed on line `page_line` of `page`, as laid out: a whole laid-out line, or the
/// piece of a joined paragraph that was printed on that line.
fn printed_line(layout: &Layout, page: u32, page_line: u32) -> Option<&str> {
    for (text, origin) in layout.text.split('\n').zip(&layout.origins) {
        let Origin::PageLine {
            page: p,
            line,
            joins,
        } = origin
        else {
            continue;
        };
        if *p != page {
            continue;
        }
        let mut starts = vec![(0, *line)];
        starts.extend(joins.iter().copied());
        if let Some(k) = starts.iter().position(|&(_, l)| l == page_line) {
            let end = starts.get(k + 1).map_or(text.len(), |&(e, _)| e);
            return text.get(starts[k].0..end);
        }
    }
    None
}

/// Every figure the prose of a PDF states is on the printed line its source names, at the
/// column it names; some of them are on a paragraph's second or later printed line.
#[test]
fn a_figure_in_a_wrapped_paragraph_is_located_on_its_printed_line() {
    let Some(pdfs) = pdfs() else {
        return;
    };
    let mut on_later_lines = 0;
    for (name, layout) in pdfs {
        let read = read_layout(layout.clone()).report;
        for st in &read.statements {
            let Source::Paged {
                page,
                page_line,
                page_column,
                line,
                ..
            } = st.source
            else {
                continue;
            };
            let printed = printed_line(&layout, page, page_line)
                .unwrap_or_else(|| panic!("{name}: {} is on no printed line", st.source));
            let from: String = printed
                .chars()
                .skip(page_column.saturating_sub(1) as usize)
                .collect();
            // A figure may run on to the next printed line (`4` | `0件`): its start is here.
            let first: String = st.text.chars().take(1).collect();
            assert!(
                from.starts_with(&st.text) || (st.text.starts_with(&from) && !from.is_empty()),
                "{name} {}: {:?} is not at {from:?} (printed line {printed:?})",
                st.source,
                st.text
            );
            assert!(from.starts_with(&first));
            let laid_out_first = match layout.origins.get(line as usize - 1) {
                Some(Origin::PageLine { line, .. }) => *line,
                other => panic!("{name}: {other:?}"),
            };
            if page_line != laid_out_first {
                on_later_lines += 1;
            }
        }
    }
    assert!(on_later_lines > 0, "no figure on a paragraph's later line");
}

/// The laid-out line a place was read from, found in the layout's origins.
fn laid_out_line(layout: &Layout, source: &Source) -> Option<usize> {
    let found = |f: &dyn Fn(&Origin) -> bool| layout.origins.iter().position(f).map(|i| i + 1);
    match *source {
        Source::None => None,
        Source::Text { line, .. } | Source::Paged { line, .. } => Some(line as usize),
        Source::Grid {
            page, table, row, ..
        } => found(
            &|o| matches!(o, Origin::Row { page: p, table: t, row: r, .. } if (*p, *t, *r) == (page, table, row)),
        ),
        Source::Block { page, index } => found(
            &|o| matches!(o, Origin::Block { page: p, index: i } if (*p, *i) == (page, index)),
        ),
    }
}

/// Checks that `findings` follow the document, by laid-out line (then by column or cell);
/// returns the kinds of places they name: (cells, other places).
fn assert_in_document_order(name: &str, layout: &Layout, findings: &[Finding]) -> (bool, bool) {
    let mut last: Option<(usize, u32)> = None;
    let (mut cells, mut others) = (false, false);
    for f in findings {
        let Some(line) = laid_out_line(layout, &f.location) else {
            continue;
        };
        let within = match f.location {
            Source::Grid { cell, .. } => {
                cells = true;
                cell
            }
            Source::Text { column, .. } | Source::Paged { column, .. } => {
                others = true;
                column
            }
            _ => {
                others = true;
                0
            }
        };
        if let Some(before) = last {
            assert!(
                before <= (line, within),
                "{name}: {} ({}) after a finding at line {}",
                f.location,
                f.rule,
                before.0
            );
        }
        last = Some((line, within));
    }
    (cells, others)
}

/// A text report written as a plain HTML page: its `|`-separated rows as table rows (a run of
/// them one table), its other lines as paragraphs.
fn as_html(text: &str) -> String {
    let mut html = String::from("<html><body>\n");
    let mut in_table = false;
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let row = line.contains(" | ");
        if row != in_table {
            html.push_str(if row { "<table>\n" } else { "</table>\n" });
            in_table = row;
        }
        if row {
            html.push_str("<tr>");
            for cell in line.split('|') {
                html.push_str(&format!("<td>{}</td>", cell.trim()));
            }
            html.push_str("</tr>\n");
        } else {
            html.push_str(&format!("<p>{}</p>\n", line.trim()));
        }
    }
    if in_table {
        html.push_str("</table>\n");
    }
    html.push_str("</body></html>\n");
    html
}

/// A PDF's findings on table cells (`p3.t1.r6.c2`) and on page lines (`p4:L29:1`), an HTML
/// page's on cells and paragraphs (`b12`): one order, the document's.
#[test]
fn findings_follow_the_document_across_kinds_of_places() {
    let mut both = Vec::new();
    let mut documents: Vec<(String, Layout)> = fixtures("cms", "html")
        .into_iter()
        .map(|(name, bytes)| {
            let l = gongkai_read::html::read(&bytes).unwrap();
            (name, l)
        })
        .collect();
    // The example whose prose states 40 requests where 表三 has 42 (PROSE-VS-TABLE at a
    // paragraph, before the table's findings at its cells).
    let text = std::fs::read_to_string(format!(
        "{}/../../examples/defect-t3-balance.txt",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let page = gongkai_read::html::read(as_html(&text).as_bytes()).unwrap();
    let findings = gongkai_check::check(&read_layout(page.clone()).report);
    let rules: Vec<(&str, String)> = findings
        .iter()
        .map(|f| (f.rule, f.location.to_string()))
        .collect();
    let prose = rules.iter().position(|(r, _)| *r == "PROSE-VS-TABLE");
    let table = rules.iter().position(|(r, _)| *r == "T3-BALANCE");
    assert!(
        matches!((prose, table), (Some(p), Some(t)) if p < t),
        "{rules:?}"
    );
    documents.push(("defect-t3-balance.html".to_string(), page));
    if let Some(pdfs) = pdfs() {
        documents.extend(pdfs);
    }
    for (name, layout) in documents {
        let read = read_layout(layout.clone()).report;
        let findings = gongkai_check::check(&read);
        if assert_in_document_order(&name, &layout, &findings) == (true, true) {
            both.push(name);
        }
    }
    // The order is tested where it matters: documents with findings of both kinds.
    assert!(both.iter().any(|n| n.ends_with(".html")), "{both:?}");
    if pdfs().is_some() {
        assert!(both.iter().any(|n| n.ends_with(".pdf")), "{both:?}");
    }
}
