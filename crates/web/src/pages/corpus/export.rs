//! Downloads of what the dashboard shows: CSV (UTF-8 with a BOM, so Excel on zh-CN reads it)
//! and XLSX (Chinese headers, columns as wide as their CJK text). The figure columns are those
//! of `gongkai stats`, with the same headings.

use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use gongkai_model::report::format_value;
use gongkai_store::StatsRow;
use unicode_width::UnicodeWidthStr;

use crate::problem::Problem;

/// The figures of a report, headed as `gongkai stats` heads them.
pub const FIGURE_HEADS: [&str; 10] = [
    "本年新收",
    "办理总计",
    "予以公开",
    "部分公开",
    "予以公开率",
    "不予公开",
    "复议（已审结）",
    "复议纠错率",
    "诉讼（已审结）",
    "诉讼纠错率",
];

/// One cell of an export.
#[derive(Debug, Clone, PartialEq)]
pub enum XCell {
    Text(String),
    Int(i64),
    /// A figure; `None` when the report does not state it.
    Num(Option<f64>),
    /// A rate in 0..=1; `None` when undefined (nothing decided).
    Pct(Option<f64>),
}

impl XCell {
    /// The CSV form (rates as `45.0%`, an undefined rate as `—`, like `gongkai stats`).
    pub fn text(&self) -> String {
        match self {
            XCell::Text(s) => s.clone(),
            XCell::Int(i) => i.to_string(),
            XCell::Num(v) => v.map(format_value).unwrap_or_default(),
            XCell::Pct(v) => v.map_or_else(|| "—".to_string(), |x| format!("{:.1}%", x * 100.0)),
        }
    }
}

/// The ten figure cells of a report (all empty when it has no figures: a legacy report, or
/// tables not found).
pub fn figure_cells(r: Option<&StatsRow>) -> Vec<XCell> {
    let Some(r) = r else {
        return (0..FIGURE_HEADS.len())
            .map(|_| XCell::Text(String::new()))
            .collect();
    };
    vec![
        XCell::Num(Some(r.received)),
        XCell::Num(Some(r.answered)),
        XCell::Num(Some(r.granted)),
        XCell::Num(Some(r.partially_granted)),
        XCell::Pct(r.granted_rate()),
        XCell::Num(Some(r.withheld_total())),
        XCell::Num(Some(r.review_decided)),
        XCell::Pct(r.review_correction_rate()),
        XCell::Num(Some(r.litigation_decided)),
        XCell::Pct(r.litigation_correction_rate()),
    ]
}

/// A sheet: a name, headings and rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub name: &'static str,
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<XCell>>,
}

fn write_failed(e: impl std::fmt::Display) -> Problem {
    Problem::internal(
        format!("导出文件生成失败：{e}"),
        format!("writing the export failed: {e}"),
    )
}

/// The table as CSV, starting with a UTF-8 BOM.
pub fn csv_bytes(t: &Table) -> Result<Vec<u8>, Problem> {
    let mut out = "\u{FEFF}".as_bytes().to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        w.write_record(&t.headers).map_err(write_failed)?;
        for r in &t.rows {
            w.write_record(r.iter().map(XCell::text))
                .map_err(write_failed)?;
        }
        w.flush().map_err(write_failed)?;
    }
    Ok(out)
}

/// The table as an XLSX workbook of one sheet: bold headings, the heading row frozen, numbers
/// as numbers (rates formatted as percentages), each column as wide as its widest text
/// (counting a CJK character as two, as Excel's width unit needs).
pub fn xlsx_bytes(t: &Table) -> Result<Vec<u8>, Problem> {
    use rust_xlsxwriter::{Format, FormatAlign, Workbook};
    let build = || -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
        let mut wb = Workbook::new();
        let bold = Format::new()
            .set_bold()
            .set_align(FormatAlign::Center)
            .set_text_wrap();
        let pct = Format::new().set_num_format("0.0%");
        let ws = wb.add_worksheet();
        ws.set_name(t.name)?;
        let mut widths: Vec<usize> = t.headers.iter().map(|h| h.width()).collect();
        for (c, h) in t.headers.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &bold)?;
        }
        for (r, row) in t.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                let col = c as u16;
                match cell {
                    XCell::Text(s) if s.is_empty() => {}
                    XCell::Text(s) => {
                        ws.write_string(r, col, s)?;
                    }
                    XCell::Int(i) => {
                        ws.write_number(r, col, *i as f64)?;
                    }
                    XCell::Num(Some(v)) => {
                        ws.write_number(r, col, *v)?;
                    }
                    XCell::Num(None) => {}
                    XCell::Pct(Some(v)) => {
                        ws.write_number_with_format(r, col, *v, &pct)?;
                    }
                    XCell::Pct(None) => {
                        ws.write_string(r, col, "—")?;
                    }
                }
                if let Some(w) = widths.get_mut(c) {
                    *w = (*w).max(cell.text().width());
                }
            }
        }
        for (c, w) in widths.iter().enumerate() {
            ws.set_column_width(c as u16, (*w as f64 + 2.0).min(60.0))?;
        }
        ws.set_freeze_panes(1, 0)?;
        wb.save_to_buffer()
    };
    build().map_err(write_failed)
}

/// A download: the bytes with their type and an attachment name (ASCII, so every browser
/// keeps it).
pub fn download(bytes: Vec<u8>, content_type: &'static str, filename: &str) -> Response {
    let mut r = bytes.into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

pub const CSV: &str = "text/csv; charset=utf-8";
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn csv_has_a_bom_and_quotes_what_needs_it() {
        let t = Table {
            name: "测试",
            headers: vec!["单位", "本年新收", "予以公开率"],
            rows: vec![vec![
                XCell::Text("甲,乙".into()),
                XCell::Num(Some(12.0)),
                XCell::Pct(None),
            ]],
        };
        let b = csv_bytes(&t).unwrap();
        let s = String::from_utf8(b).unwrap();
        assert_eq!(s, "\u{FEFF}单位,本年新收,予以公开率\r\n\"甲,乙\",12,—\r\n");
    }

    #[test]
    fn figures_print_like_the_cli() {
        let r = StatsRow {
            received: 10.0,
            answered: 8.0,
            granted: 6.0,
            ..StatsRow::default()
        };
        let cells: Vec<String> = figure_cells(Some(&r)).iter().map(XCell::text).collect();
        assert_eq!(cells[0], "10");
        assert_eq!(cells[4], "75.0%");
        assert_eq!(cells[7], "—");
        assert!(figure_cells(None).iter().all(|c| c.text().is_empty()));
    }
}
