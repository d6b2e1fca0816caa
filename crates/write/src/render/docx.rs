//! A Word document (DOCX) in the official layout: the title in 小标宋, part headings in 黑体,
//! the body in 仿宋_GB2312 (三号, 16 pt) as GB/T 9704 sets for government documents, A4 with the
//! 公文 margins; the tables as real Word tables whose merged header and label cells are real
//! merges (`gridSpan` across, `vMerge` down), drawn from the same grid as the HTML.
//!
//! Word, WPS and LibreOffice substitute a font they lack (仿宋_GB2312 → 仿宋 → a serif CJK face),
//! so the East Asian font names are the ones those programs map; the Latin font is Times New
//! Roman. Everything is text the reader can read back: `gongkai_read::read_bytes` on the output
//! gives the report's cells again.

use docx_rs::{
    AlignmentType, BreakType, Docx, PageMargin, Paragraph, Run, RunFonts, SpecialIndentType, Table,
    TableCell, TableLayoutType, TableRow, VAlignType, VMergeType, WidthType,
};

use super::layout::{Content, Grid, GridCell, Slot};
use super::{appendix_title, finding_line, heading, shown, title, Render};

/// A4 in twentieths of a point.
const A4: (u32, u32) = (11906, 16838);
/// 公文 margins: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm.
const MARGINS: (i32, i32, i32, i32) = (2098, 1984, 1588, 1474);
/// Font sizes in half-points: 二号 22 pt (title), 三号 16 pt (body), 五号 10.5 pt (tables).
const TITLE_SIZE: usize = 44;
const BODY_SIZE: usize = 32;
const TABLE_SIZE: usize = 21;

fn body_fonts() -> RunFonts {
    RunFonts::new()
        .east_asia("仿宋_GB2312")
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
}

fn heading_fonts() -> RunFonts {
    RunFonts::new()
        .east_asia("黑体")
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
}

fn title_fonts() -> RunFonts {
    RunFonts::new()
        .east_asia("方正小标宋简体")
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
}

/// Renders the report as the bytes of a DOCX file.
pub fn render(r: &Render<'_>) -> Result<Vec<u8>, String> {
    let report = r.report;
    let def = report.format_def();
    let mut doc = Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(
            PageMargin::new()
                .top(MARGINS.0)
                .bottom(MARGINS.1)
                .left(MARGINS.2)
                .right(MARGINS.3),
        )
        .default_fonts(body_fonts())
        .default_size(BODY_SIZE);
    doc = doc.add_paragraph(
        Paragraph::new().align(AlignmentType::Center).add_run(
            Run::new()
                .add_text(title(report))
                .size(TITLE_SIZE)
                .fonts(title_fonts()),
        ),
    );
    if let Some(d) = report.published_on.value {
        doc = doc.add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Center)
                .add_run(Run::new().add_text(format!("（{}年{}月{}日）", d.year, d.month, d.day))),
        );
    }
    let width = (A4.0 as i32 - MARGINS.2 - MARGINS.3).max(1) as usize;
    for s in def.sections {
        doc = doc.add_paragraph(
            Paragraph::new().add_run(
                Run::new()
                    .add_text(heading(s.number, s.label))
                    .fonts(heading_fonts()),
            ),
        );
        for p in r.narrative.paragraphs(s.key) {
            doc = doc.add_paragraph(
                Paragraph::new()
                    .indent(None, Some(SpecialIndentType::FirstLine(640)), None, None)
                    .add_run(Run::new().add_text(one_line(p))),
            );
        }
        if let Some(table) = s.table.and_then(|t| def.table(t)) {
            doc = doc.add_table(table_docx(&Grid::of(table), r, width));
            // An empty paragraph after a table keeps the next heading off its last row.
            doc = doc.add_paragraph(Paragraph::new());
        }
    }
    if let Some(findings) = r.appendix {
        doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)));
        doc = doc.add_paragraph(
            Paragraph::new().add_run(
                Run::new()
                    .add_text(appendix_title(r.lang))
                    .fonts(heading_fonts()),
            ),
        );
        for f in findings {
            doc = doc.add_paragraph(
                Paragraph::new().add_run(Run::new().add_text(one_line(&finding_line(f, r.lang)))),
            );
        }
    }
    let mut out = Vec::new();
    doc.build()
        .pack(std::io::Cursor::new(&mut out))
        .map_err(|e| format!("writing the DOCX failed: {e}"))?;
    Ok(out)
}

/// A table on the format's grid: each cell where it starts, with its spans; a position covered
/// from above continues that cell's vertical merge (Word needs a cell there).
fn table_docx(grid: &Grid, r: &Render<'_>, width: usize) -> Table {
    let expanded = grid.expand();
    let n = grid.width.max(1);
    // Label columns take what the value columns leave: values get 2 characters' room.
    let labels = grid
        .rows
        .iter()
        .flat_map(|row| row.cells.iter())
        .filter(|c| matches!(c.content, Content::Value(_)))
        .map(|c| c.col)
        .min()
        .unwrap_or(0);
    let value_w = 560usize;
    let values = n - labels;
    let label_w = width
        .saturating_sub(value_w * values)
        .checked_div(labels)
        .unwrap_or(0)
        .max(600);
    let widths: Vec<usize> = (0..n)
        .map(|c| if c < labels { label_w } else { value_w })
        .collect();
    let mut rows = Vec::with_capacity(expanded.len());
    for (ri, line) in expanded.iter().enumerate() {
        let mut cells = Vec::new();
        let mut c = 0;
        while c < line.len() {
            match line[c] {
                Slot::Origin(cell) => {
                    let mut tc =
                        cell_docx(cell, r, widths[c..c + cell.colspan.max(1)].iter().sum());
                    if cell.rowspan > 1 {
                        tc = tc.vertical_merge(VMergeType::Restart);
                    }
                    cells.push(tc);
                    c += cell.colspan.max(1);
                }
                Slot::Covered => match covering_from_above(&expanded, ri, c) {
                    Some(cell) => {
                        let span = cell.colspan.max(1);
                        let w: usize = widths[c..(c + span).min(n)].iter().sum();
                        let mut tc = TableCell::new()
                            .add_paragraph(Paragraph::new())
                            .vertical_merge(VMergeType::Continue)
                            .width(w, WidthType::Dxa);
                        if span > 1 {
                            tc = tc.grid_span(span);
                        }
                        cells.push(tc);
                        c += span;
                    }
                    None => c += 1,
                },
                Slot::Hole => {
                    cells.push(TableCell::new().add_paragraph(Paragraph::new()));
                    c += 1;
                }
            }
        }
        rows.push(TableRow::new(cells));
    }
    Table::new(rows)
        .set_grid(widths)
        .layout(TableLayoutType::Fixed)
        .width(width, WidthType::Dxa)
}

/// The cell that starts at column `c` in a row above `r` and spans down over row `r`.
fn covering_from_above<'g>(expanded: &[Vec<Slot<'g>>], r: usize, c: usize) -> Option<&'g GridCell> {
    (0..r)
        .rev()
        .find_map(|above| match expanded.get(above)?.get(c)? {
            Slot::Origin(cell) if cell.col == c && above + cell.rowspan > r => Some(*cell),
            _ => None,
        })
}

fn cell_docx(cell: &GridCell, r: &Render<'_>, width: usize) -> TableCell {
    let (text, center) = match cell.content {
        Content::Head { text, .. } => (text.to_string(), false),
        Content::Value(k) => (shown(r.report, &k).text, true),
    };
    let mut p = Paragraph::new().add_run(Run::new().add_text(one_line(&text)).size(TABLE_SIZE));
    if center {
        p = p.align(AlignmentType::Center);
    }
    let mut tc = TableCell::new()
        .add_paragraph(p)
        .vertical_align(VAlignType::Center)
        .width(width, WidthType::Dxa);
    if cell.colspan > 1 {
        tc = tc.grid_span(cell.colspan);
    }
    tc
}

/// Line breaks inside a label or paragraph become nothing (labels) — the reader joins wrapped
/// labels, and a paragraph is one paragraph.
fn one_line(s: &str) -> String {
    s.split(['\n', '\r'])
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("")
}
