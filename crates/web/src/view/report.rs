//! A report as the review desk shows it: its tables in the official layout with each cell that
//! a finding names marked by the finding's severity, the findings (with reviewers' verdicts on
//! stored reports), and the source text with line anchors so a finding can point at its line.

use std::collections::HashMap;

use gongkai_model::{CellKey, Finding, Lang, Outcome, Report, Severity};
use gongkai_store::{finding_key, Review};
use gongkai_write::render::{cell_anchor, table_fragment, title, CellMark};

/// Lines of source shown at most (a 50 MB paste should not become a 50 MB page).
const MAX_SOURCE_LINES: usize = 5000;

/// One finding as listed.
#[derive(Debug, Clone)]
pub struct FindingView {
    /// Position in the list (1-based), the anchor `f-N`.
    pub n: usize,
    /// The store's stable name of the finding (what verdicts refer to).
    pub key: String,
    pub severity: &'static str,
    pub severity_zh: &'static str,
    pub uncertain: bool,
    pub rule: &'static str,
    pub message: String,
    pub evidence: String,
    /// The place as printed (`L148`, `p2.t1.r5.c3`).
    pub place: String,
    /// The source line, when the place is in the text.
    pub line: Option<u32>,
    /// `id`s of the table cells the finding names, space-separated.
    pub cells: String,
    /// The verdict in force, if any: (verdict key, 已确认/已排除, comment, reviewer, at).
    pub verdict: Option<(&'static str, &'static str, String, String, String)>,
    /// Earlier verdicts, oldest first.
    pub history: Vec<(&'static str, String, String, String)>,
}

/// One table, rendered.
#[derive(Debug, Clone)]
pub struct TableView {
    pub label: &'static str,
    pub html: String,
}

/// Everything the review page shows of a report.
#[derive(Debug, Clone)]
pub struct ReportView {
    pub title: String,
    pub agency: String,
    pub year: String,
    pub format: &'static str,
    pub errors: usize,
    pub warnings: usize,
    pub notices: usize,
    pub tables: Vec<TableView>,
    pub findings: Vec<FindingView>,
    /// (line number, text) — empty when the source text is not kept.
    pub source: Vec<(u32, String)>,
    pub source_truncated: bool,
}

/// The format as people name it.
pub fn format_label(report: &Report) -> &'static str {
    match report.format.key() {
        "2019" => "2019 年格式（国办公开办函〔2019〕60号）",
        "2021" => "2021 年格式（国办公开办函〔2021〕30号）",
        _ => "2019 年以前（无统一表格）",
    }
}

/// Builds the view; `reviews` are the verdicts on a stored report (oldest first), `source` the
/// text the locations point into.
pub fn build(
    report: &Report,
    findings: &[Finding],
    reviews: &[Review],
    source: Option<&str>,
) -> ReportView {
    // The worst severity among the open findings that name each cell.
    let mut by_key: HashMap<String, Vec<&Review>> = HashMap::new();
    for r in reviews {
        by_key.entry(r.finding_key.clone()).or_default().push(r);
    }
    let mut worst: HashMap<CellKey, (Severity, Vec<String>)> = HashMap::new();
    let mut views = Vec::with_capacity(findings.len());
    let (mut errors, mut warnings, mut notices) = (0, 0, 0);
    for (i, f) in findings.iter().enumerate() {
        let key = finding_key(f);
        let verdicts = by_key.get(&key).cloned().unwrap_or_default();
        let current = verdicts.last().copied();
        let dismissed = current.is_some_and(|r| r.verdict == gongkai_store::Verdict::Dismissed);
        if !dismissed {
            match f.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
                Severity::Notice => notices += 1,
            }
            for c in &f.cells {
                let e = worst.entry(*c).or_insert((f.severity, Vec::new()));
                if f.severity > e.0 {
                    e.0 = f.severity;
                }
                e.1.push(format!("{} {}：{}", f.severity.zh(), f.rule, f.message.zh));
            }
        }
        let history = verdicts
            .iter()
            .take(verdicts.len().saturating_sub(1))
            .map(|r| {
                (
                    r.verdict.zh(),
                    r.comment.clone(),
                    r.reviewer.clone(),
                    r.at.clone(),
                )
            })
            .collect();
        views.push(FindingView {
            n: i + 1,
            key,
            severity: f.severity.key(),
            severity_zh: f.severity.zh(),
            uncertain: f.outcome == Outcome::Uncertain,
            rule: f.rule,
            message: f.message.zh.clone(),
            evidence: f.evidence.clone().unwrap_or_default(),
            place: f.location.to_string(),
            line: f.location.line_no(),
            cells: f
                .cells
                .iter()
                .map(cell_anchor)
                .collect::<Vec<_>>()
                .join(" "),
            verdict: current.map(|r| {
                (
                    r.verdict.key(),
                    r.verdict.zh(),
                    r.comment.clone(),
                    r.reviewer.clone(),
                    r.at.clone(),
                )
            }),
            history,
        });
    }
    let def = report.format_def();
    let mark = |k: &CellKey| {
        worst.get(k).map(|(sev, msgs)| CellMark {
            class: sev.key().to_string(),
            title: msgs.join("\n"),
        })
    };
    let tables = def
        .tables
        .iter()
        .map(|t| TableView {
            label: t.label,
            html: table_fragment(t, report, Lang::Zh, &mark),
        })
        .collect();
    let (source, source_truncated) = match source {
        Some(text) => {
            let mut lines: Vec<(u32, String)> = Vec::new();
            let mut truncated = false;
            for (i, l) in text.lines().enumerate() {
                if i >= MAX_SOURCE_LINES {
                    truncated = true;
                    break;
                }
                lines.push((i as u32 + 1, l.to_string()));
            }
            (lines, truncated)
        }
        None => (Vec::new(), false),
    };
    ReportView {
        title: title(report),
        agency: report
            .agency
            .value
            .clone()
            .unwrap_or_else(|| "（未识别）".to_string()),
        year: report
            .year
            .value
            .map_or_else(|| "（未识别）".to_string(), |y| format!("{y} 年度")),
        format: format_label(report),
        errors,
        warnings,
        notices,
        tables,
        findings: views,
        source,
        source_truncated,
    }
}
