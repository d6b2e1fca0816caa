//! `gongkai export --format csv|json|xlsx [--what cells|reports|findings] [-o FILE] [--db]`.
//!
//! - CSV: the KEYS.md tidy form (`table,row,column,value,state,source`) preceded by the report's
//!   columns, one row per cell; or one row per report, or per finding (`--what`).
//! - JSON: an array of reports, each shaped as `gongkai parse --format json` prints one, plus the
//!   store's `id`, `unit` and `content_hash`; findings include those across reports.
//! - XLSX: for Excel/WPS users: Chinese headers, one sheet per table (a row per report and table
//!   row, the table's columns across), one sheet of findings, one of reports.
//!
//! CSV and JSON stream from the database (memory flat in the store's size); XLSX holds the
//! workbook in memory and refuses more rows than a sheet can take (1,048,576).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{anyhow, bail, Context, Result};
use clap::{Args, ValueEnum};
use gongkai_model::report::format_value;
use gongkai_model::{formats, CellState, FormatId, Lang};
use gongkai_store::{Store, StoreError, Value};
use serde_json::Value as Json;
use unicode_width::UnicodeWidthStr;

use crate::args::LangArg;
use crate::cmd::ingest::DbArg;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// 导出格式 / output format
    #[arg(long, value_enum, default_value = "csv")]
    pub format: ExportFormat,
    /// CSV 导出的内容 / what a CSV export holds
    #[arg(long, value_enum, default_value = "cells")]
    pub what: What,
    /// 写入的文件（XLSX 必须指定；CSV、JSON 默认标准输出）/ output file (required for XLSX)
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// CSV 开头写入 UTF-8 BOM（便于 Excel 打开）/ start the CSV with a UTF-8 BOM (for Excel)
    #[arg(long)]
    pub bom: bool,
    #[command(flatten)]
    pub db: DbArg,
    /// 问题说明的语言（JSON）/ language of the findings' messages (JSON)
    #[arg(long, value_enum, default_value = "zh")]
    pub lang: LangArg,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Json,
    Xlsx,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum What {
    Cells,
    Reports,
    Findings,
}

pub fn run(args: ExportArgs) -> Result<ExitCode> {
    let lang: Lang = args.lang.into();
    let mut store = args.db.open(lang)?;
    match args.format {
        ExportFormat::Xlsx => {
            let Some(path) = &args.output else {
                bail!(
                    "{}",
                    match lang {
                        Lang::Zh => "导出 XLSX 需要用 -o 指定文件，例如 -o 报告.xlsx",
                        Lang::En => "an XLSX export needs a file: -o reports.xlsx",
                    }
                );
            };
            xlsx(&mut store, path, lang)?;
        }
        _ => {
            let mut out: Box<dyn Write> = match &args.output {
                Some(p) => Box::new(std::io::BufWriter::new(
                    std::fs::File::create(p).with_context(|| match lang {
                        Lang::Zh => format!("无法创建 {}", p.display()),
                        Lang::En => format!("cannot create {}", p.display()),
                    })?,
                )),
                None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
            };
            match args.format {
                ExportFormat::Json => json(&mut store, &mut out, lang)?,
                _ => csv_export(&mut store, &mut out, args.what, args.bom, lang)?,
            }
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn store_err(lang: Lang) -> impl Fn(StoreError) -> anyhow::Error {
    move |e| anyhow!("{}", e.message(lang))
}

fn text(v: Option<&Value<'_>>) -> String {
    match v {
        Some(Value::Text(Some(s))) => s.to_string(),
        Some(Value::Int(Some(i))) => i.to_string(),
        Some(Value::Real(Some(x))) => format_value(*x),
        _ => String::new(),
    }
}

fn csv_export(
    store: &mut Store,
    out: &mut dyn Write,
    what: What,
    bom: bool,
    lang: Lang,
) -> Result<()> {
    csv_rows(store, out, what, bom, lang).map_err(|e| match e.downcast::<csv::Error>() {
        Ok(c) => csv_error(c),
        Err(e) => e,
    })
}

fn csv_rows(
    store: &mut Store,
    out: &mut dyn Write,
    what: What,
    bom: bool,
    lang: Lang,
) -> Result<()> {
    if bom {
        out.write_all("\u{FEFF}".as_bytes())?;
    }
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    let err = store_err(lang);
    match what {
        What::Cells => {
            w.write_record([
                "report_id",
                "source_name",
                "agency",
                "unit",
                "year",
                "format",
                "table",
                "row",
                "column",
                "value",
                "state",
                "source",
            ])?;
            let mut failed: Option<csv::Error> = None;
            store
                .for_each_cell(&mut |row| {
                    // [id, source_name, agency, unit, year, format, table, row, column, value,
                    //  state, text, source]: the printed text stays out of the tidy form.
                    let state = text(row.get(10));
                    let value = if matches!(state.as_str(), "number" | "inferred") {
                        text(row.get(9))
                    } else {
                        String::new()
                    };
                    let rec = [
                        text(row.first()),
                        text(row.get(1)),
                        text(row.get(2)),
                        text(row.get(3)),
                        text(row.get(4)),
                        text(row.get(5)),
                        text(row.get(6)),
                        text(row.get(7)),
                        text(row.get(8)),
                        value,
                        state,
                        text(row.get(12)),
                    ];
                    match w.write_record(&rec) {
                        Ok(()) => Ok(()),
                        Err(e) => Err(stop(&mut failed, e)),
                    }
                })
                .map_err(|e| failed.take().map_or_else(|| err(e), csv_error_ref))?;
            if let Some(e) = failed {
                return Err(csv_error(e));
            }
        }
        What::Reports => {
            w.write_record([
                "report_id",
                "source_name",
                "agency",
                "unit_id",
                "year",
                "format",
                "published_on",
                "ingested_at",
                "content_hash",
            ])?;
            for r in store.reports().map_err(&err)? {
                w.write_record([
                    r.id.to_string(),
                    r.source_name,
                    r.agency.unwrap_or_default(),
                    r.unit_id.map(|u| u.to_string()).unwrap_or_default(),
                    r.year.map(|y| y.to_string()).unwrap_or_default(),
                    r.format.key().to_string(),
                    r.published_on.unwrap_or_default(),
                    r.ingested_at,
                    r.content_hash,
                ])?;
            }
        }
        What::Findings => {
            w.write_record([
                "report_id",
                "scope",
                "rule",
                "severity",
                "outcome",
                "message_zh",
                "message_en",
                "evidence",
                "cells",
                "source",
            ])?;
            let mut failed: Option<csv::Error> = None;
            store
                .for_each_finding(|id, f| {
                    let cells: Vec<String> =
                        f.finding.cells.iter().map(|k| k.to_string()).collect();
                    let rec = [
                        id.to_string(),
                        match f.scope {
                            gongkai_store::Scope::Report => "report".to_string(),
                            gongkai_store::Scope::Across => "across".to_string(),
                        },
                        f.finding.rule.to_string(),
                        f.finding.severity.key().to_string(),
                        f.finding.outcome.key().to_string(),
                        f.finding.message.zh.clone(),
                        f.finding.message.en.clone(),
                        f.finding.evidence.clone().unwrap_or_default(),
                        cells.join(" "),
                        f.finding.location.to_string(),
                    ];
                    match w.write_record(&rec) {
                        Ok(()) => Ok(()),
                        Err(e) => Err(stop(&mut failed, e)),
                    }
                })
                .map_err(|e| failed.take().map_or_else(|| err(e), csv_error_ref))?;
            if let Some(e) = failed {
                return Err(csv_error(e));
            }
        }
    }
    w.flush()?;
    Ok(())
}

/// Keeps the first write error and stops the database scan (the scan's error is then ignored).
fn stop(failed: &mut Option<csv::Error>, e: csv::Error) -> StoreError {
    failed.get_or_insert(e);
    StoreError::new("写出中断", "writing stopped")
}

/// A CSV error as an error whose chain holds the I/O error itself, so that a closed pipe
/// (`gongkai export | head`) is recognised and not reported.
fn csv_error(e: csv::Error) -> anyhow::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io.into(),
        other => anyhow!("{other:?}"),
    }
}

fn csv_error_ref(e: csv::Error) -> anyhow::Error {
    csv_error(e)
}

fn json(store: &mut Store, out: &mut dyn Write, lang: Lang) -> Result<()> {
    let err = store_err(lang);
    out.write_all(b"[")?;
    let mut first = true;
    for id in store.report_ids().map_err(&err)? {
        let Some(r) = store.load_report(id).map_err(&err)? else {
            continue;
        };
        let findings: Vec<_> = r.findings.iter().map(|f| f.finding.clone()).collect();
        let mut v =
            gongkai_write::report_json(&r.report, &findings, lang, Some(&r.info.source_name));
        if let Json::Object(map) = &mut v {
            // Store fields first, then the report as `gongkai parse` gives it.
            let mut m = serde_json::Map::new();
            m.insert("id".into(), Json::from(r.info.id));
            m.insert("unit".into(), r.info.unit_id.map_or(Json::Null, Json::from));
            m.insert(
                "content_hash".into(),
                Json::from(r.info.content_hash.clone()),
            );
            m.extend(std::mem::take(map));
            *map = m;
        }
        out.write_all(if first { b"\n" } else { b",\n" })?;
        first = false;
        serde_json::to_writer(&mut *out, &v).map_err(std::io::Error::from)?;
    }
    out.write_all(b"\n]\n")?;
    Ok(())
}

/// The most rows one sheet holds (Excel's limit, less the header).
const MAX_ROWS: u32 = 1_048_575;

/// A sheet being filled: its rows so far and the widest text of each column.
struct Sheet {
    name: &'static str,
    headers: Vec<String>,
    rows: Vec<Vec<XCell>>,
}

enum XCell {
    Text(String),
    Number(f64),
}

impl XCell {
    fn width(&self) -> usize {
        match self {
            XCell::Text(s) => s.width(),
            XCell::Number(v) => format_value(*v).len(),
        }
    }
}

/// A table's key, its sheet's name, and its columns as (key, Chinese label).
type TableSheet = (
    &'static str,
    &'static str,
    Vec<(&'static str, &'static str)>,
);

/// The sheet of each table: Chinese name, and the union of the columns of every format (in
/// format order, newest format first), as (key, Chinese label).
fn table_sheets() -> Vec<TableSheet> {
    let mut out: Vec<TableSheet> = Vec::new();
    for f in formats::all() {
        for t in f.tables {
            let i = match out.iter().position(|(k, _, _)| *k == t.key) {
                Some(i) => i,
                None => {
                    let name = match t.key {
                        "proactive" => "表二 主动公开",
                        "requests" => "表三 依申请公开",
                        "review_litigation" => "表四 复议诉讼",
                        _ => "历年报告指标",
                    };
                    out.push((t.key, name, Vec::new()));
                    out.len() - 1
                }
            };
            if let Some((_, _, cols)) = out.get_mut(i) {
                for c in t.columns {
                    if !cols.iter().any(|(k, _)| *k == c.key) {
                        cols.push((c.key, c.label));
                    }
                }
            }
        }
    }
    out
}

fn row_label(format: FormatId, table: &str, row: &str) -> String {
    formats::get(format)
        .table(table)
        .and_then(|t| t.row(row))
        .map_or_else(|| row.to_string(), |r| r.label.to_string())
}

fn state_zh(state: CellState, printed: &str) -> String {
    match state {
        CellState::NotApplicable if !printed.is_empty() => printed.to_string(),
        CellState::NotApplicable => "/".to_string(),
        CellState::Blank => String::new(),
        CellState::Missing => "（缺）".to_string(),
        CellState::Number | CellState::Inferred => printed.to_string(),
    }
}

fn xlsx(store: &mut Store, path: &Path, lang: Lang) -> Result<()> {
    let err = store_err(lang);
    let tables = table_sheets();
    let report_head = [
        "报告编号",
        "来源文件",
        "发布机关",
        "单位编号",
        "年度",
        "格式",
    ];
    let mut sheets: Vec<Sheet> = tables
        .iter()
        .map(|(_, name, cols)| Sheet {
            name,
            headers: report_head
                .iter()
                .map(|s| s.to_string())
                .chain(["行".to_string()])
                .chain(cols.iter().map(|(_, l)| l.to_string()))
                .collect(),
            rows: Vec::new(),
        })
        .collect();
    let mut findings = Sheet {
        name: "问题",
        headers: [
            "报告编号",
            "来源文件",
            "规则",
            "严重程度",
            "结论",
            "说明",
            "依据",
            "单元格",
            "位置",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
        rows: Vec::new(),
    };
    let mut reports = Sheet {
        name: "报告",
        headers: [
            "报告编号",
            "来源文件",
            "发布机关",
            "单位编号",
            "年度",
            "格式",
            "发布日期",
            "入库时间",
            "内容哈希",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
        rows: Vec::new(),
    };
    let too_many = |sheet: &str| {
        anyhow!(
            "{}",
            match lang {
                Lang::Zh => format!(
                    "工作表“{sheet}”超过 Excel 的 1048576 行上限；请改用 --format csv 导出"
                ),
                Lang::En => format!(
                    "sheet {sheet:?} would exceed Excel's 1,048,576 rows; export with --format csv instead"
                ),
            }
        )
    };
    for id in store.report_ids().map_err(&err)? {
        let Some(r) = store.load_report(id).map_err(&err)? else {
            continue;
        };
        let info = &r.info;
        let head = || {
            vec![
                XCell::Number(info.id as f64),
                XCell::Text(info.source_name.clone()),
                XCell::Text(info.agency.clone().unwrap_or_default()),
                info.unit_id
                    .map_or(XCell::Text(String::new()), |u| XCell::Number(u as f64)),
                info.year
                    .map_or(XCell::Text(String::new()), |y| XCell::Number(f64::from(y))),
                XCell::Text(info.format.key().to_string()),
            ]
        };
        let mut row = head();
        row.extend([
            XCell::Text(info.published_on.clone().unwrap_or_default()),
            XCell::Text(info.ingested_at.clone()),
            XCell::Text(info.content_hash.clone()),
        ]);
        reports.rows.push(row);
        // Cells grouped by (table, row) in report order.
        let mut grouped: BTreeMap<(usize, usize), (usize, &str, Vec<&gongkai_model::Cell>)> =
            BTreeMap::new();
        let mut seen_rows: Vec<(&str, &str)> = Vec::new();
        for c in &r.report.cells {
            let Some(ti) = tables.iter().position(|(k, _, _)| *k == c.table) else {
                continue;
            };
            let ri = match seen_rows.iter().position(|x| *x == (c.table, c.row)) {
                Some(i) => i,
                None => {
                    seen_rows.push((c.table, c.row));
                    seen_rows.len() - 1
                }
            };
            grouped
                .entry((ti, ri))
                .or_insert((ti, c.row, Vec::new()))
                .2
                .push(c);
        }
        for (ti, row_key, cells) in grouped.into_values() {
            let Some((tkey, _, cols)) = tables.get(ti) else {
                continue;
            };
            let mut line = head();
            line.push(XCell::Text(row_label(info.format, tkey, row_key)));
            for (ck, _) in cols {
                line.push(match cells.iter().find(|c| c.column == *ck) {
                    Some(c) if c.state.has_value() => {
                        c.value.map_or(XCell::Text(String::new()), XCell::Number)
                    }
                    Some(c) => XCell::Text(state_zh(c.state, &c.text)),
                    None => XCell::Text(String::new()),
                });
            }
            if let Some(s) = sheets.get_mut(ti) {
                s.rows.push(line);
                if s.rows.len() as u32 > MAX_ROWS {
                    return Err(too_many(s.name));
                }
            }
        }
        for f in &r.findings {
            let f = &f.finding;
            findings.rows.push(vec![
                XCell::Number(info.id as f64),
                XCell::Text(info.source_name.clone()),
                XCell::Text(f.rule.to_string()),
                XCell::Text(f.severity.zh().to_string()),
                XCell::Text(
                    match f.outcome {
                        gongkai_model::Outcome::Fail => "不通过",
                        gongkai_model::Outcome::Uncertain => "无法核对",
                    }
                    .to_string(),
                ),
                XCell::Text(f.message.zh.clone()),
                XCell::Text(f.evidence.clone().unwrap_or_default()),
                XCell::Text(
                    f.cells
                        .iter()
                        .map(|k| k.to_string())
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
                XCell::Text(f.location.to_string()),
            ]);
            if findings.rows.len() as u32 > MAX_ROWS {
                return Err(too_many(findings.name));
            }
        }
    }
    sheets.push(findings);
    sheets.push(reports);
    write_workbook(&sheets, path).map_err(|e| {
        anyhow!(
            "{}",
            match lang {
                Lang::Zh => format!("无法写出 {}：{e}", path.display()),
                Lang::En => format!("cannot write {}: {e}", path.display()),
            }
        )
    })
}

fn write_workbook(sheets: &[Sheet], path: &Path) -> Result<(), rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, FormatAlign, Workbook};
    let mut wb = Workbook::new();
    let bold = Format::new()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_text_wrap();
    for s in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(s.name)?;
        let mut widths: Vec<usize> = s.headers.iter().map(|h| h.width()).collect();
        for (c, h) in s.headers.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, h, &bold)?;
        }
        for (r, row) in s.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                match cell {
                    XCell::Text(t) if t.is_empty() => {}
                    XCell::Text(t) => {
                        ws.write_string(r, c as u16, t)?;
                    }
                    XCell::Number(v) => {
                        ws.write_number(r, c as u16, *v)?;
                    }
                }
                if let Some(w) = widths.get_mut(c) {
                    *w = (*w).max(cell.width());
                }
            }
        }
        // unicode-width counts a CJK character as two columns, which is what Excel's column
        // width unit (the width of "0") needs; its own autofit undercounts CJK text.
        for (c, w) in widths.iter().enumerate() {
            ws.set_column_width(c as u16, (*w as f64 + 2.0).min(60.0))?;
        }
        ws.set_freeze_panes(1, 0)?;
    }
    wb.save(path)
}
