//! `gongkai desk export` and `gongkai desk import`: cases as a table, one row per event.
//!
//! Columns: 案件编号 (code), 序号 (seq, 0 = the application), 日期, 事件 (the event's stable key),
//! 说明 (a readable description), 事件数据 (the event as JSON — the authoritative column, the
//! same form the database keeps), 记录人, 记录时间. CSV carries a UTF-8 BOM for Excel; XLSX has
//! Chinese headers. Import reads either (a CSV or XLSX as export wrote it, perhaps edited in a
//! spreadsheet): each case's events are checked with the desk's
//! rules as a whole before anything is written, so a case is imported completely or not at all;
//! the database gives it a new tracking code (printed next to the old one), and who recorded
//! each event is kept.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{anyhow, bail, Context, Result};
use clap::{Args, ValueEnum};
use gongkai_desk::{Calendar, Case, Event, Lang};
use gongkai_store::Store;

use crate::cmd::desk::{desk_error, t};

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// 格式 / format
    #[arg(long, value_enum, default_value = "csv")]
    pub format: CaseFormat,
    /// 输出文件（CSV 默认写到标准输出；XLSX 必须指定）/ output file (CSV defaults to stdout)
    #[arg(long, short = 'o', value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum CaseFormat {
    Csv,
    Xlsx,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// gongkai desk export 写出的 CSV 或 XLSX 文件 / a CSV or XLSX written by `gongkai desk export`
    pub file: PathBuf,
}

const HEADS: [(&str, &str); 8] = [
    ("案件编号", "code"),
    ("序号", "seq"),
    ("日期", "date"),
    ("事件", "event"),
    ("说明", "description"),
    ("事件数据", "data"),
    ("记录人", "recorded_by"),
    ("记录时间", "recorded_at"),
];

/// One exported row.
fn rows(store: &mut Store, cal: &Calendar, lang: Lang) -> Result<Vec<[String; 8]>> {
    let cases = store.list_cases(cal).map_err(|e| desk_error(e, lang))?;
    let mut out = Vec::new();
    for s in &cases {
        for (e, r) in s.case.events().iter().zip(&s.records) {
            out.push([
                s.code.clone(),
                r.seq.to_string(),
                e.date.to_string(),
                e.kind.key().to_string(),
                e.describe(lang),
                serde_json::to_string(e)?,
                r.recorded_by.clone(),
                r.recorded_at.clone(),
            ]);
        }
    }
    Ok(out)
}

pub fn export(
    a: ExportArgs,
    store: &mut Store,
    cal: &Calendar,
    lang: Lang,
    out: &mut impl Write,
) -> Result<ExitCode> {
    let rows = rows(store, cal, lang)?;
    let heads: Vec<&str> = HEADS
        .iter()
        .map(|(zh, en)| if lang == Lang::Zh { *zh } else { *en })
        .collect();
    match a.format {
        CaseFormat::Csv => {
            let mut buf = Vec::new();
            // Excel on zh-CN opens a CSV as UTF-8 only with a BOM.
            buf.extend_from_slice("\u{feff}".as_bytes());
            {
                let mut w = csv::Writer::from_writer(&mut buf);
                w.write_record(&heads)?;
                for r in &rows {
                    w.write_record(r)?;
                }
                w.flush()?;
            }
            match &a.out {
                Some(p) => {
                    std::fs::write(p, &buf).with_context(|| format!("writing {}", p.display()))?
                }
                None => out.write_all(&buf)?,
            }
        }
        CaseFormat::Xlsx => {
            let Some(path) = &a.out else {
                bail!(
                    "{}",
                    t(
                        lang,
                        "XLSX 需要用 --out 指定输出文件",
                        "XLSX needs an output file: --out FILE"
                    )
                );
            };
            let mut book = rust_xlsxwriter::Workbook::new();
            let sheet = book.add_worksheet();
            sheet
                .set_name(t(lang, "案件事件", "case events"))
                .map_err(|e| anyhow!("{e}"))?;
            let bold = rust_xlsxwriter::Format::new().set_bold();
            let mut widths: Vec<usize> = heads.iter().map(|h| display_width(h)).collect();
            for (c, h) in heads.iter().enumerate() {
                sheet
                    .write_string_with_format(0, c as u16, *h, &bold)
                    .map_err(|e| anyhow!("{e}"))?;
            }
            for (i, r) in rows.iter().enumerate() {
                for (c, v) in r.iter().enumerate() {
                    let row = (i + 1) as u32;
                    if c == 1 {
                        sheet
                            .write_number(row, c as u16, v.parse::<f64>().unwrap_or(0.0))
                            .map_err(|e| anyhow!("{e}"))?;
                    } else {
                        sheet
                            .write_string(row, c as u16, v)
                            .map_err(|e| anyhow!("{e}"))?;
                    }
                    if let Some(w) = widths.get_mut(c) {
                        *w = (*w).max(display_width(v).min(60));
                    }
                }
            }
            for (c, w) in widths.iter().enumerate() {
                sheet
                    .set_column_width(c as u16, (*w + 2) as f64)
                    .map_err(|e| anyhow!("{e}"))?;
            }
            sheet.set_freeze_panes(1, 0).map_err(|e| anyhow!("{e}"))?;
            book.save(path)
                .map_err(|e| anyhow!("writing {}: {e}", path.display()))?;
        }
    }
    if let Some(p) = &a.out {
        writeln!(
            out,
            "{}",
            t(
                lang,
                format!("已导出 {} 个事件到 {}", rows.len(), p.display()),
                format!("exported {} events to {}", rows.len(), p.display()),
            )
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Columns as Excel counts them: a CJK character is two.
fn display_width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// The rows of a CSV (UTF-8, BOM or not) or of the first sheet of an XLSX workbook (told apart by
/// content: an XLSX is a zip), as text, the header row first.
fn read_table(path: &std::path::Path, bytes: Vec<u8>, lang: Lang) -> Result<Vec<Vec<String>>> {
    if bytes.starts_with(b"PK") {
        use calamine::Reader;
        let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| {
            anyhow!(
                "{}",
                t(
                    lang,
                    format!("{} 不是可读的 XLSX 工作簿：{e}", path.display()),
                    format!("{} is not a readable XLSX workbook: {e}", path.display()),
                )
            )
        })?;
        let range = book
            .worksheet_range_at(0)
            .ok_or_else(|| {
                anyhow!(
                    "{}: {}",
                    path.display(),
                    t(lang, "工作簿中没有工作表", "the workbook has no sheet")
                )
            })?
            .map_err(|e| anyhow!("{}: {e}", path.display()))?;
        return Ok(range
            .rows()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect());
    }
    let text = String::from_utf8(bytes).map_err(|_| {
        anyhow!(
            "{}",
            t(
                lang,
                format!("{} 不是 UTF-8 编码的 CSV", path.display()),
                format!("{} is not a UTF-8 CSV", path.display()),
            )
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        let rec = rec.with_context(|| format!("{}:{}", path.display(), i + 1))?;
        rows.push(rec.iter().map(str::to_string).collect());
    }
    Ok(rows)
}

/// One case read from the file: its events in order, who recorded each, and the file's
/// line of each.
struct Imported {
    events: Vec<(usize, Event, String)>,
}

pub fn import(
    a: ImportArgs,
    store: &mut Store,
    cal: &Calendar,
    lang: Lang,
    out: &mut impl Write,
) -> Result<ExitCode> {
    let bytes = std::fs::read(&a.file).with_context(|| format!("reading {}", a.file.display()))?;
    let table = read_table(&a.file, bytes, lang)?;
    let mut rows_iter = table.into_iter();
    let headers = rows_iter.next().unwrap_or_default();
    let col = |zh: &str, en: &str| {
        headers
            .iter()
            .position(|h| h.trim() == zh || h.trim() == en)
    };
    let (Some(code_i), Some(seq_i), Some(data_i)) = (
        col("案件编号", "code"),
        col("序号", "seq"),
        col("事件数据", "data"),
    ) else {
        bail!(
            "{}",
            t(
                lang,
                "表格缺少“案件编号”“序号”“事件数据”列：请用 gongkai desk export 导出的文件",
                "the table lacks the columns code, seq and data: use a file written by `gongkai desk export`",
            )
        );
    };
    let by_i = col("记录人", "recorded_by");
    let mut cases: BTreeMap<String, Imported> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for (i, rec) in rows_iter.enumerate() {
        let line = i + 2;
        let field = |j: usize| rec.get(j).map_or("", |s| s.as_str()).trim().to_string();
        let code = field(code_i);
        if code.is_empty() {
            continue;
        }
        let seq: usize = field(seq_i).parse().map_err(|_| {
            anyhow!(
                "{}:{line}: {}",
                a.file.display(),
                t(lang, "“序号”不是数字", "seq is not a number")
            )
        })?;
        let event: Event = serde_json::from_str(&field(data_i)).map_err(|e| {
            anyhow!(
                "{}:{line}: {} ({e})",
                a.file.display(),
                t(lang, "“事件数据”无法读取", "the event data cannot be read")
            )
        })?;
        let by = by_i
            .map(field)
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "import".into());
        let entry = cases.entry(code.clone()).or_insert_with(|| {
            order.push(code.clone());
            Imported { events: Vec::new() }
        });
        if seq != entry.events.len() {
            bail!(
                "{}:{line}: {}",
                a.file.display(),
                t(
                    lang,
                    format!(
                        "案件 {code} 的序号应为 {}，实为 {seq}（事件须按序号连续排列）",
                        entry.events.len()
                    ),
                    format!(
                        "case {code}: expected seq {}, found {seq} (events must be in order)",
                        entry.events.len()
                    ),
                )
            );
        }
        entry.events.push((line, event, by));
    }
    let (mut imported, mut refused) = (0usize, 0usize);
    for code in &order {
        let Some(c) = cases.remove(code) else {
            continue;
        };
        // Check the whole history first: nothing of a case is written if any event is refused.
        let events: Vec<Event> = c.events.iter().map(|(_, e, _)| e.clone()).collect();
        if let Err((i, r)) = Case::replay(events, cal) {
            refused += 1;
            let line = c.events.get(i).map_or(0, |(l, _, _)| *l);
            writeln!(
                out,
                "{}:{line}: {} {code}: {} [{}]",
                a.file.display(),
                t(lang, "未导入案件", "not imported: case"),
                r.message.get(lang),
                r.rule
            )?;
            continue;
        }
        let mut it = c.events.into_iter();
        let Some((_, first, by)) = it.next() else {
            continue;
        };
        let stored = store
            .add_case(first, &by)
            .map_err(|e| desk_error(e, lang))?;
        for (_, e, by) in it {
            store
                .append_event(&stored.code, e, &by, cal)
                .map_err(|e| desk_error(e, lang))?;
        }
        imported += 1;
        writeln!(out, "{code} → {}", stored.code)?;
    }
    writeln!(
        out,
        "{}",
        t(
            lang,
            format!("导入 {imported} 个案件，未导入 {refused} 个"),
            format!("imported {imported} cases, refused {refused}"),
        )
    )?;
    Ok(if refused > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
