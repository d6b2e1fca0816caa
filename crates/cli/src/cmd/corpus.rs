//! `gongkai corpus check [--db]`: the rules across reports over everything stored.
//!
//! Works one unit (or one consolidated unit with its children) at a time, so memory holds a
//! family's reports, never the store. The findings replace those of the previous run.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::process::ExitCode;

use anyhow::{anyhow, Result};
use clap::{Args, Subcommand};
use gongkai_check::{check_consolidated, check_years, AcrossFinding, Entry, UnitRef};
use gongkai_model::{Finding, Lang, Outcome, Report, Severity};
use gongkai_store::{Store, StoreError, Unit};

use crate::args::LangArg;
use crate::cmd::ingest::DbArg;

#[derive(Debug, Args)]
pub struct CorpusArgs {
    #[command(subcommand)]
    pub command: CorpusCommand,
}

#[derive(Debug, Subcommand)]
pub enum CorpusCommand {
    /// 跨报告检查（上年结转、现行有效件数、汇总、同比、重复）/ run the rules across reports
    Check(CorpusCheckArgs),
}

#[derive(Debug, Args)]
pub struct CorpusCheckArgs {
    #[command(flatten)]
    pub db: DbArg,
    #[arg(long, value_enum, default_value = "zh")]
    pub lang: LangArg,
    /// 只输出汇总行 / print only the summary line
    #[arg(long, short)]
    pub quiet: bool,
}

pub fn run(args: CorpusArgs) -> Result<ExitCode> {
    match args.command {
        CorpusCommand::Check(a) => check(a),
    }
}

/// A loaded report with what the rules need to know about it.
struct Loaded {
    id: i64,
    unit: i64,
    year: i32,
    name: String,
    report: Report,
}

fn load_unit(store: &mut Store, unit: i64) -> Result<Vec<Loaded>, StoreError> {
    let mut out = Vec::new();
    for info in store.reports_of_unit(unit)? {
        let Some(year) = info.year else { continue };
        if let Some(r) = store.load_report(info.id)? {
            out.push(Loaded {
                id: info.id,
                unit,
                year,
                name: info.source_name,
                report: r.report,
            });
        }
    }
    Ok(out)
}

fn entries(loaded: &[Loaded]) -> Vec<Entry<'_>> {
    loaded
        .iter()
        .map(|l| Entry {
            id: l.id,
            unit: l.unit,
            year: l.year,
            report: &l.report,
            name: &l.name,
        })
        .collect()
}

fn check(args: CorpusCheckArgs) -> Result<ExitCode> {
    let lang: Lang = args.lang.into();
    let msg = |e: StoreError| anyhow!("{}", e.message(lang));
    let mut store = args.db.open(lang)?;
    let units = store.units().map_err(msg)?;
    let mut children: HashMap<i64, Vec<&Unit>> = HashMap::new();
    for u in &units {
        if let Some(p) = u.parent {
            children.entry(p).or_default().push(u);
        }
    }
    let mut found: Vec<AcrossFinding> = Vec::new();
    for u in &units {
        let loaded = load_unit(&mut store, u.id).map_err(msg)?;
        found.extend(check_years(&entries(&loaded)));
        if !u.is_consolidated() {
            continue;
        }
        let Some(kids) = children.get(&u.id) else {
            continue;
        };
        let mut kid_loaded = Vec::new();
        for k in kids {
            kid_loaded.extend(load_unit(&mut store, k.id).map_err(msg)?);
        }
        let kid_refs: Vec<UnitRef<'_>> = kids
            .iter()
            .map(|k| UnitRef {
                id: k.id,
                name: &k.name,
            })
            .collect();
        found.extend(check_consolidated(
            UnitRef {
                id: u.id,
                name: &u.name,
            },
            &entries(&loaded),
            &kid_refs,
            &entries(&kid_loaded),
        ));
    }
    let pairs: Vec<(i64, Finding)> = found
        .iter()
        .map(|a| (a.report, a.finding.clone()))
        .collect();
    store.replace_across_findings(&pairs).map_err(msg)?;

    // Names for the printout, by report id.
    let names: HashMap<i64, String> = store
        .reports()
        .map_err(msg)?
        .into_iter()
        .map(|r| (r.id, r.source_name))
        .collect();
    let mut by_report: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for a in &found {
        let name = names.get(&a.report).map_or("?", String::as_str);
        by_report.entry(name).or_default().push(&a.finding);
    }
    let out = std::io::stdout();
    let mut out = out.lock();
    if !args.quiet {
        for (name, fs) in &by_report {
            for f in fs {
                let outcome = match (f.outcome, lang) {
                    (Outcome::Uncertain, Lang::Zh) => "（无法核对）",
                    (Outcome::Uncertain, Lang::En) => " (uncertain)",
                    _ => "",
                };
                writeln!(
                    out,
                    "{name}: {}[{}]{outcome}: {}",
                    f.severity.name(lang),
                    f.rule,
                    f.message.get(lang)
                )?;
            }
        }
    }
    let count = |s: Severity| found.iter().filter(|a| a.finding.severity == s).count();
    match lang {
        Lang::Zh => writeln!(
            out,
            "跨报告检查：{} 个单位，{} 个问题（{} 个警告、{} 个提示），涉及 {} 份报告",
            units.len(),
            found.len(),
            count(Severity::Warning) + count(Severity::Error),
            count(Severity::Notice),
            by_report.len()
        )?,
        Lang::En => writeln!(
            out,
            "checks across reports: {} units, {} findings ({} warnings, {} notices) in {} reports",
            units.len(),
            found.len(),
            count(Severity::Warning) + count(Severity::Error),
            count(Severity::Notice),
            by_report.len()
        )?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
