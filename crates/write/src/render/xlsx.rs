//! A workbook (XLSX) in the official layout: one sheet per table, each drawn on the format's grid
//! with its merged header and label cells as merged ranges, the report's title above; numbers
//! as numbers (so a spreadsheet can sum them), `/` for not applicable, `缺` for a missing cell and
//! nothing for a blank one — exactly as the other renderers print them ([`super::shown`]).

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use unicode_width::UnicodeWidthStr;

use gongkai_model::CellState;

use super::layout::{Content, Grid, GridCell};
use super::{heading, shown, title, Render};

/// Renders the report's tables as the bytes of an XLSX file.
pub fn render(r: &Render<'_>) -> Result<Vec<u8>, String> {
    build(r).map_err(|e| format!("writing the XLSX failed: {e}"))
}

fn build(r: &Render<'_>) -> Result<Vec<u8>, XlsxError> {
    let report = r.report;
    let def = report.format_def();
    let mut book = Workbook::new();
    let border = Format::new()
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter);
    let head = border.clone().set_align(FormatAlign::Center);
    let label = border.clone().set_align(FormatAlign::Left);
    let value = border.clone().set_align(FormatAlign::Center);
    let missing = value
        .clone()
        .set_font_color(rust_xlsxwriter::Color::RGB(0xB0_0000));
    let title_format = Format::new()
        .set_bold()
        .set_font_size(14)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let caption = Format::new().set_bold();
    for s in def.sections {
        let Some(table) = s.table.and_then(|t| def.table(t)) else {
            continue;
        };
        let grid = Grid::of(table);
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(&heading(s.number, s.label)))?;
        let width = grid.width.max(1) as u16;
        sheet.merge_range(0, 0, 0, width - 1, &title(report), &title_format)?;
        sheet.set_row_height(0, 30)?;
        sheet.write_string_with_format(1, 0, table.label, &caption)?;
        let top = 2u32;
        let mut widths = vec![6usize; grid.width];
        for (ri, row) in grid.rows.iter().enumerate() {
            for cell in &row.cells {
                let (r0, c0) = (top + ri as u32, cell.col as u16);
                let (r1, c1) = (
                    r0 + cell.rowspan.max(1) as u32 - 1,
                    c0 + cell.colspan.max(1) as u16 - 1,
                );
                write_cell(
                    sheet,
                    cell,
                    r,
                    (r0, c0, r1, c1),
                    &[&head, &label, &value, &missing],
                )?;
                if cell.colspan <= 1 {
                    if let (Content::Head { text, .. }, Some(w)) =
                        (cell.content, widths.get_mut(cell.col))
                    {
                        // Long labels wrap; a column grows to at most 24 characters.
                        *w = (*w).max(text.width().min(24) + 2);
                    }
                }
            }
        }
        for (c, w) in widths.iter().enumerate() {
            sheet.set_column_width(c as u16, *w as f64)?;
        }
    }
    if let Some(findings) = r.appendix {
        // `render --force`: the findings on a sheet of their own, as the other outputs list
        // them at the end.
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(super::appendix_title(r.lang)))?;
        let bold = Format::new().set_bold();
        let heads = match r.lang {
            gongkai_model::Lang::Zh => ["级别", "规则", "说明", "依据", "位置"],
            gongkai_model::Lang::En => ["severity", "rule", "message", "evidence", "place"],
        };
        for (c, h) in heads.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, *h, &bold)?;
        }
        for (i, f) in findings.iter().enumerate() {
            let row = i as u32 + 1;
            let severity = match r.lang {
                gongkai_model::Lang::Zh => f.severity.zh(),
                gongkai_model::Lang::En => f.severity.key(),
            };
            sheet.write_string(row, 0, severity)?;
            sheet.write_string(row, 1, f.rule)?;
            sheet.write_string(row, 2, f.message.get(r.lang))?;
            sheet.write_string(row, 3, f.evidence.as_deref().unwrap_or(""))?;
            sheet.write_string(row, 4, f.location.to_string())?;
        }
        for (c, w) in [8.0, 22.0, 80.0, 30.0, 12.0].iter().enumerate() {
            sheet.set_column_width(c as u16, *w)?;
        }
    }
    book.save_to_buffer()
}

/// Writes one grid cell (merged when it spans), with the format for its kind:
/// `formats` = [header, row label, value, missing value].
fn write_cell(
    sheet: &mut Worksheet,
    cell: &GridCell,
    r: &Render<'_>,
    (r0, c0, r1, c1): (u32, u16, u32, u16),
    formats: &[&Format; 4],
) -> Result<(), XlsxError> {
    let [head, label, value, missing] = *formats;
    let merged = r1 > r0 || c1 > c0;
    match cell.content {
        Content::Head { text, row, .. } => {
            let f = if row.is_some() { label } else { head };
            if merged {
                sheet.merge_range(r0, c0, r1, c1, text, f)?;
            } else {
                sheet.write_string_with_format(r0, c0, text, f)?;
            }
        }
        Content::Value(k) => {
            let s = shown(r.report, &k);
            let number = match (s.state, r.report.cell(&k).and_then(|c| c.value)) {
                (Some(CellState::Number | CellState::Inferred), Some(v)) if v.is_finite() => {
                    Some(v)
                }
                _ => None,
            };
            let f = if matches!(s.state, Some(CellState::Missing) | None) {
                missing
            } else {
                value
            };
            if merged {
                sheet.merge_range(r0, c0, r1, c1, "", f)?;
            }
            match number {
                Some(v) => sheet.write_number_with_format(r0, c0, v, f)?,
                None => sheet.write_string_with_format(r0, c0, &s.text, f)?,
            };
        }
    }
    Ok(())
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(31)
        .collect()
}
