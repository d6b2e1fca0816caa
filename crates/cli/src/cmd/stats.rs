//! `gongkai stats [--by year|unit] [--db]`: totals and rates over the stored reports.
//!
//! Legacy (pre-2019) reports contribute the figures whose meaning matches (the store's
//! `LEGACY_FIGURES`); the column 旧式报告 says how many of a group's reports are legacy ones, and
//! the text output ends with a note saying which figures those are.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{anyhow, Result};
use clap::{Args, ValueEnum};
use gongkai_model::Lang;
use gongkai_store::{GroupBy, StatsRow};
use unicode_width::UnicodeWidthStr;

use crate::args::LangArg;
use crate::cmd::ingest::DbArg;

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// 分组 / group by
    #[arg(long, value_enum, default_value = "all")]
    pub by: ByArg,
    /// 输出格式 / output format
    #[arg(long, value_enum, default_value = "text")]
    pub format: StatsFormat,
    #[command(flatten)]
    pub db: DbArg,
    #[arg(long, value_enum, default_value = "zh")]
    pub lang: LangArg,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ByArg {
    All,
    Year,
    Unit,
    /// 按地区：单位上级链条的最顶层 / by region: the top of each unit's parent chain
    Region,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum StatsFormat {
    Text,
    Csv,
    Json,
}

/// Column headings, Chinese and English, in output order.
const HEADS: [(&str, &str); 16] = [
    ("分组", "group"),
    ("报告数", "reports"),
    ("有错误的报告", "reports_with_errors"),
    ("本年新收", "received"),
    ("办理总计", "answered"),
    ("予以公开", "granted"),
    ("部分公开", "partially_granted"),
    ("予以公开率", "granted_rate"),
    ("不予公开", "withheld"),
    ("复议（已审结）", "reviews_decided"),
    ("复议纠错率", "review_correction_rate"),
    ("诉讼（已审结）", "lawsuits_decided"),
    ("诉讼纠错率", "litigation_correction_rate"),
    ("复议总数", "reviews_total"),
    ("诉讼总数", "lawsuits_total"),
    ("其中旧式报告", "legacy_reports"),
];

/// The column of 不予公开 without a reason (legacy reports), after [`REASONS`].
const UNSPECIFIED: (&str, &str) = ("未分理由（旧式报告）", "unspecified (legacy reports)");

/// Said under the text output when legacy reports are counted.
const LEGACY_NOTE: (&str, &str) = (
    "注：“其中旧式报告”为2019年以前的报告（无统一表格），其数字取自附表或正文中含义相同的指标：受理申请总数计入本年新收，答复总数计入办理总计，同意公开、同意部分公开、不予公开答复数分别计入予以公开、部分公开、不予公开（不分理由），行政复议数、行政诉讼数计入复议总数、诉讼总数（已审结数和纠错率只来自2019年以后的表四）。",
    "Note: legacy reports are reports before 2019 (no unified tables); their figures come from their appendix or prose where the meaning is the same: requests received into received, replies into answered, granted / partly granted / refused replies into granted, partially granted and withheld (without reasons), reviews and lawsuits into their totals (cases decided and correction rates come from the 2019+ Table 4 only).",
);

/// 不予公开 reasons, Chinese and English, in `WITHHELD_ROWS` order.
const REASONS: [(&str, &str); 8] = [
    ("国家秘密", "state secret"),
    ("法律行政法规禁止", "prohibited by law"),
    ("三安全一稳定", "security and stability"),
    ("第三方合法权益", "third-party rights"),
    ("内部事务信息", "internal affairs"),
    ("过程性信息", "process information"),
    ("行政执法案卷", "enforcement files"),
    ("行政查询事项", "administrative queries"),
];

fn num(v: f64) -> String {
    gongkai_model::report::format_value(v)
}

fn pct(v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_string(), |x| format!("{:.1}%", x * 100.0))
}

fn cells(r: &StatsRow, lang: Lang) -> Vec<String> {
    let group = if r.group.is_empty() {
        match lang {
            Lang::Zh => "（全部）".to_string(),
            Lang::En => "(all)".to_string(),
        }
    } else {
        r.group.clone()
    };
    vec![
        group,
        r.reports.to_string(),
        r.reports_with_errors.to_string(),
        num(r.received),
        num(r.answered),
        num(r.granted),
        num(r.partially_granted),
        pct(r.granted_rate()),
        num(r.withheld_total()),
        num(r.review_decided),
        pct(r.review_correction_rate()),
        num(r.litigation_decided),
        pct(r.litigation_correction_rate()),
        num(r.reviews_total),
        num(r.lawsuits_total),
        r.legacy_reports.to_string(),
    ]
}

pub fn run(args: StatsArgs) -> Result<ExitCode> {
    let lang: Lang = args.lang.into();
    let mut store = args.db.open(lang)?;
    let by = match args.by {
        ByArg::All => GroupBy::All,
        ByArg::Year => GroupBy::Year,
        ByArg::Unit => GroupBy::Unit,
        ByArg::Region => GroupBy::Region,
    };
    let rows = store
        .stats(by)
        .map_err(|e| anyhow!("{}", e.message(lang)))?;
    let out = std::io::stdout();
    let mut out = out.lock();
    let head = |h: &(&'static str, &'static str)| match lang {
        Lang::Zh => h.0,
        Lang::En => h.1,
    };
    match args.format {
        StatsFormat::Json => {
            let v: Vec<_> = rows.iter().map(gongkai_store::StatsRow::to_json).collect();
            writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
        }
        StatsFormat::Csv => {
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::Any(b'\n'))
                .from_writer(&mut out);
            let mut header: Vec<&str> = HEADS.iter().map(head).collect();
            header.extend(REASONS.iter().map(head));
            header.push(head(&UNSPECIFIED));
            w.write_record(&header)?;
            for r in &rows {
                let mut rec = cells(r, lang);
                rec.extend(r.withheld.iter().map(|v| num(*v)));
                rec.push(num(r.withheld_unspecified));
                w.write_record(&rec)?;
            }
            w.flush()?;
        }
        StatsFormat::Text => {
            let mut table: Vec<Vec<String>> =
                vec![HEADS.iter().map(|h| head(h).to_string()).collect()];
            table.extend(rows.iter().map(|r| cells(r, lang)));
            write_table(&mut out, &table)?;
            // 不予公开 by reason: a second, narrower table.
            let mut reasons: Vec<Vec<String>> = vec![std::iter::once(head(&HEADS[0]).to_string())
                .chain(REASONS.iter().map(|h| head(h).to_string()))
                .chain(std::iter::once(head(&UNSPECIFIED).to_string()))
                .collect()];
            for r in &rows {
                let mut line = vec![cells(r, lang).remove(0)];
                line.extend(r.withheld.iter().map(|v| num(*v)));
                line.push(num(r.withheld_unspecified));
                reasons.push(line);
            }
            writeln!(out)?;
            writeln!(
                out,
                "{}",
                match lang {
                    Lang::Zh => "不予公开（按理由）",
                    Lang::En => "withheld, by reason",
                }
            )?;
            write_table(&mut out, &reasons)?;
            if rows.iter().any(|r| r.legacy_reports > 0) {
                writeln!(out)?;
                writeln!(out, "{}", head(&LEGACY_NOTE))?;
            }
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Columns padded to the widest cell, counting a CJK character as two columns; the first column
/// left-aligned, numbers right-aligned.
fn write_table(out: &mut impl Write, rows: &[Vec<String>]) -> Result<()> {
    let n = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..n)
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|s| s.width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for r in rows {
        let mut line = String::new();
        for (i, cell) in r.iter().enumerate() {
            let pad = widths
                .get(i)
                .copied()
                .unwrap_or(0)
                .saturating_sub(cell.width());
            if i == 0 {
                line.push_str(cell);
                line.push_str(&" ".repeat(pad));
            } else {
                line.push_str("  ");
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}
