//! Rules across reports: one unit's reports year after year, and a consolidated government
//! against its units. Pure functions over [`Entry`]s (a report with its unit and year, as a
//! store or a caller knows them); nothing here reads a database.
//!
//! The rules are documented in the same catalogue as the single-report rules (`gongkai rules
//! X-CARRY`) and have `run: None` there: [`crate::check`] looks at one report and cannot run
//! them. [`check_years`] and [`check_consolidated`] do.
//!
//! 内容雷同 (section 五 copied from the previous year) is X-COPIED, in `copied.rs`: it compares
//! the parts' texts the reader keeps (`Report::texts`).

use std::collections::BTreeMap;

use gongkai_model::report::format_value;
use gongkai_model::{
    formats, CellKey, Finding, FormatDef, FormatId, Message, Outcome, Report, Severity, Source,
};

use crate::labels::{cell_zh, column_zh, row_ref_zh};
use crate::locate::first_printed;
use crate::rule::{t, Rule, RuleDoc, ALL_FORMATS, UNIFIED_FORMATS};

/// One report as these rules see it.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    /// The caller's id for the report (the store's report id); findings name it.
    pub id: i64,
    /// The unit (发布机关) the report belongs to.
    pub unit: i64,
    /// The statistical year.
    pub year: i32,
    pub report: &'a Report,
    /// Where the report came from (its file name), for messages.
    pub name: &'a str,
}

/// A unit, as the consolidation rule needs it.
#[derive(Debug, Clone, Copy)]
pub struct UnitRef<'a> {
    pub id: i64,
    pub name: &'a str,
}

/// A finding about the report with id `report`.
#[derive(Debug, Clone, PartialEq)]
pub struct AcrossFinding {
    pub report: i64,
    pub finding: Finding,
}

/// How many differing cells a message lists before it says "…等 N 处".
const MAX_LISTED: usize = 5;

/// Jumps below this absolute change are never reported: small agencies go from 0 to 3 requests
/// and back all the time.
const JUMP_MIN_CHANGE: f64 = 50.0;
/// A jump is a change by at least this factor (either way).
const JUMP_FACTOR: f64 = 5.0;

pub(crate) static X_CARRY: Rule = Rule {
    doc: RuleDoc {
        id: "X-CARRY",
        severity: Severity::Warning,
        name: t("上年结转与上年报告不一致", "Carried in differs from last year's carried out"),
        summary: t(
            "同一机关相邻两年的报告：本年表三「二、上年结转政府信息公开申请数量」每一列，应等于上一年度报告表三「四、结转下年度继续办理」的同一列。",
            "For one agency's reports of consecutive years: each column of this year's Table 3 row carried_in must equal the same column of last year's row carried_out.",
        ),
        why: t(
            "上一年结转到下一年的申请，就是下一年从上一年接过来的申请。两者不等，说明至少一年的台账或报告有误，或者上年结转数是估填的。",
            "The requests one year carries over are exactly the requests the next year takes over. A difference means the register or the report of one of the two years is wrong, or the figure was guessed.",
        ),
        example: t(
            "2022年报告「四、结转下年度继续办理」自然人列为 3，2023年报告「二、上年结转」自然人列为 5。",
            "The 2022 report's carried_out for natural persons is 3; the 2023 report's carried_in for natural persons is 5.",
        ),
        fix: t(
            "核对两个年度的申请台账，以实际结转的申请为准，更正有误的一份报告。",
            "Check the request registers of both years and correct whichever report differs from the requests actually carried over.",
        ),
        formula: Some(t(
            "二、上年结转（第Y年）= 四、结转下年度继续办理（第Y−1年），逐列",
            "carried_in (year Y) = carried_out (year Y−1), per column",
        )),
        formats: UNIFIED_FORMATS,
    },
    run: None,
};

pub(crate) static X_IN_FORCE: Rule = Rule {
    doc: RuleDoc {
        id: "X-IN-FORCE",
        severity: Severity::Warning,
        name: t("现行有效件数不连续", "Documents in force do not carry over"),
        summary: t(
            "2021年版格式，同一机关相邻两年：本年表二规章、行政规范性文件的「现行有效件数」，应等于上年的现行有效件数加本年制发件数、减本年废止件数。",
            "2021 format, one agency, consecutive years: this year's regulations and normative documents in force (Table 2) must equal last year's in force plus those issued this year minus those repealed this year.",
        ),
        why: t(
            "现行有效件数是存量，制发和废止是增减。不连续说明某一年的存量或增减统计有误，或者统计口径前后不一。",
            "Documents in force are a stock; issued and repealed are its flows. A break means a stock or a flow was miscounted in one of the years, or the counting changed.",
        ),
        example: t(
            "2022年规章现行有效 40 件；2023年制发 3 件、废止 1 件，现行有效却填 45 件（应为 42 件）。",
            "2022: 40 regulations in force; 2023: 3 issued, 1 repealed, but 45 in force (42 expected).",
        ),
        fix: t(
            "按文件清理结果核对两年的现行有效件数与本年制发、废止件数；口径调整的，在报告正文中说明。",
            "Check both years' figures against the document inventory; if the counting changed, say so in the report's text.",
        ),
        formula: Some(t(
            "现行有效件数（Y）= 现行有效件数（Y−1）+ 本年制发件数（Y）− 本年废止件数（Y）",
            "in_force (Y) = in_force (Y−1) + issued (Y) − repealed (Y)",
        )),
        formats: &[FormatId::F2021],
    },
    run: None,
};

pub(crate) static X_PRIOR_ITEMS: Rule = Rule {
    doc: RuleDoc {
        id: "X-PRIOR-ITEMS",
        severity: Severity::Warning,
        name: t("上一年项目数量不连续", "Prior-year item counts do not carry over"),
        summary: t(
            "2019年版格式，同一机关相邻两年：本年表二行政许可、其他对外管理服务事项、行政处罚、行政强制、行政事业性收费的「上一年项目数量」，应等于上年报告的上一年项目数量加上年的「本年增/减」。",
            "2019 format, one agency, consecutive years: this year's prior_items (licensing, other services, penalty, coercion, fees in Table 2) must equal last year's prior_items plus last year's change.",
        ),
        why: t(
            "上一年项目数量是上一年末的事项数，等于上一年初的数量加上一年的增减。不连续说明事项清单的统计前后不一。",
            "The prior-year count is the number of items at the end of last year: last year's starting count plus last year's change. A break means the item lists were counted differently.",
        ),
        example: t(
            "2019年行政许可上一年项目数量 120、本年增/减 +5；2020年上一年项目数量却填 118（应为 125）。",
            "2019: licensing prior_items 120, change +5; 2020: prior_items 118 (125 expected).",
        ),
        fix: t(
            "按权责清单核对两年的事项数量，更正有误的一份报告。",
            "Check both years against the list of powers and duties and correct the report that is wrong.",
        ),
        formula: Some(t(
            "上一年项目数量（Y）= 上一年项目数量（Y−1）+ 本年增/减（Y−1）",
            "prior_items (Y) = prior_items (Y−1) + change (Y−1)",
        )),
        formats: &[FormatId::F2019],
    },
    run: None,
};

pub(crate) static X_CONSOLIDATED: Rule = Rule {
    doc: RuleDoc {
        id: "X-CONSOLIDATED",
        severity: Severity::Warning,
        name: t("汇总报告与所属单位之和不符", "Consolidated report differs from its units' sum"),
        summary: t(
            "单位表中类型为“汇总”的机关，其报告表三、表四的每个单元格，应等于同一年度其下属单位报告同一单元格之和。有下属单位缺少该年度报告时，结论为“无法核对”。",
            "For a unit declared consolidated (kind 汇总 in the units CSV), every cell of its report's Tables 3 and 4 must equal the sum of the same cell over its units' reports of the same year. When a unit's report for that year is missing, the outcome is uncertain.",
        ),
        why: t(
            "汇总报告的数字来自所属单位的报告。对不上，说明汇总时漏计、重复计入，或所属单位的报告事后被修改。",
            "A consolidated report's figures come from its units' reports. A difference means a unit was left out or counted twice, or a unit's report changed after consolidation.",
        ),
        example: t(
            "某县汇总报告本年新收申请总计 120 件；其下三个部门的报告分别为 50、40、20 件，合计 110 件。",
            "A county's consolidated report says 120 requests received; its three departments' reports say 50, 40 and 20, 110 in all.",
        ),
        fix: t(
            "重新汇总所属单位的报告；所属单位报告有更正的，汇总报告随之更正。单位表中的上下级关系有误的，更正单位表。",
            "Consolidate the units' reports again, including any corrections. If the units CSV lists the wrong units, correct it.",
        ),
        formula: Some(t(
            "汇总报告的单元格 = Σ 所属单位报告的同一单元格（表三、表四）",
            "consolidated cell = Σ the same cell of the units' reports (Tables 3 and 4)",
        )),
        formats: UNIFIED_FORMATS,
    },
    run: None,
};

pub(crate) static X_JUMP: Rule = Rule {
    doc: RuleDoc {
        id: "X-JUMP",
        severity: Severity::Notice,
        name: t("数量同比大幅变动", "Large year-on-year change"),
        summary: t(
            "同一机关相邻两年，本年新收申请总数、行政复议总数或行政诉讼总数变动到上一年的5倍以上或五分之一以下，且变动至少50件。",
            "For one agency's consecutive years: requests received, reviews or lawsuits (totals) change by a factor of 5 or more, either way, and by at least 50.",
        ),
        why: t(
            "这样的变动可能真实（重大项目、集中申请），也常常是错填（多写或少写一位数、填成累计数）。值得复核，不一定是错误。",
            "Such a change may be real (a big project, a wave of requests), but is often a typing error (a digit too many or too few, a cumulative figure). Worth a look; not necessarily wrong.",
        ),
        example: t(
            "2022年本年新收申请总计 35 件，2023年 3500 件。",
            "35 requests received in 2022, 3500 in 2023.",
        ),
        fix: t(
            "核对数字；变动属实的，可在报告正文中说明原因。",
            "Check the figure; if the change is real, the report's text can explain it.",
        ),
        formula: None,
        formats: UNIFIED_FORMATS,
    },
    run: None,
};

pub(crate) static X_DUPLICATE: Rule = Rule {
    doc: RuleDoc {
        id: "X-DUPLICATE",
        severity: Severity::Warning,
        name: t("同一机关同一年度有两份报告", "Two reports for one agency and year"),
        summary: t(
            "库中同一机关（按名称或别名归并）同一统计年度有不止一份内容不同的报告。",
            "The store holds more than one report (with different content) for the same agency (names and aliases merged) and statistical year.",
        ),
        why: t(
            "常见原因：报告更正后重新发布、网页与附件版本不同、年度识别错误，或两个机关被误归为同一单位。汇总和跨年核对只能采用其中一份。",
            "Usual causes: a corrected report republished, web page and attachment versions that differ, a misread year, or two agencies wrongly merged into one unit. Totals and year-to-year checks can use only one of them.",
        ),
        example: t(
            "“某区教育局2023年政府信息公开工作年度报告”的网页版和 PDF 附件版，表三数字不同。",
            "The web page and the PDF attachment of one bureau's 2023 report print different Table 3 figures.",
        ),
        fix: t(
            "确认哪一份是有效版本，删除或更正另一份；机关被误归并的，修改单位表。",
            "Decide which version is valid and remove or correct the other; if two agencies were merged by mistake, fix the units CSV.",
        ),
        formula: None,
        formats: ALL_FORMATS,
    },
    run: None,
};

/// The rules of this module, for the catalogue.
pub(crate) static RULES: [&Rule; 7] = [
    &X_CARRY,
    &X_CONSOLIDATED,
    &crate::copied::X_COPIED,
    &X_DUPLICATE,
    &X_IN_FORCE,
    &X_JUMP,
    &X_PRIOR_ITEMS,
];

fn key(table: &'static str, row: &'static str, column: &'static str) -> CellKey {
    formats::intern(table, row, column).unwrap_or(CellKey { table, row, column })
}

/// One unit's reports, any order: X-DUPLICATE, then the year-pair rules (X-CARRY, X-IN-FORCE,
/// X-PRIOR-ITEMS, X-JUMP, X-COPIED) between each year and the year before. Where a year has several
/// reports, the pairs use the one with the lowest id (the first stored).
pub fn check_years(entries: &[Entry<'_>]) -> Vec<AcrossFinding> {
    let mut out = Vec::new();
    let mut by_unit: BTreeMap<i64, BTreeMap<i32, Vec<&Entry<'_>>>> = BTreeMap::new();
    for e in entries {
        by_unit
            .entry(e.unit)
            .or_default()
            .entry(e.year)
            .or_default()
            .push(e);
    }
    for years in by_unit.values_mut() {
        for list in years.values_mut() {
            list.sort_by_key(|e| e.id);
            if let Some((first, rest)) = list.split_first() {
                for e in rest {
                    out.push(duplicate(first, e));
                }
            }
        }
        for (year, list) in years.iter() {
            let (Some(cur), Some(prev)) =
                (list.first(), years.get(&(year - 1)).and_then(|l| l.first()))
            else {
                continue;
            };
            out.extend(carry(prev, cur));
            out.extend(in_force(prev, cur));
            out.extend(prior_items(prev, cur));
            out.extend(jumps(prev, cur));
            out.extend(crate::copied::copied(prev, cur));
        }
    }
    out
}

fn duplicate(first: &Entry<'_>, e: &Entry<'_>) -> AcrossFinding {
    AcrossFinding {
        report: e.id,
        finding: X_DUPLICATE
            .doc
            .finding(
                Outcome::Fail,
                Message::new(
                    format!(
                        "同一机关 {} 年度已有另一份报告（{}），两份内容不同",
                        e.year, first.name
                    ),
                    format!(
                        "the same agency already has another report for {} ({}), with different content",
                        e.year, first.name
                    ),
                ),
            )
            .with_evidence(format!("{} ≠ {}", first.name, e.name))
            .at(e.report.agency.source),
    }
}

/// The value of a cell, or why not.
fn val(r: &Report, k: &CellKey) -> Option<f64> {
    r.cell(k)
        .filter(|c| c.state.has_value())
        .and_then(|c| c.value)
}

/// A cell's place in a report, for the finding's location.
fn place(r: &Report, keys: &[CellKey]) -> Source {
    first_printed(r, keys)
}

/// A comparison of one quantity across reports: `label` names it, `lhs` is this year's value,
/// `rhs` the value it should equal (computed from the other operands).
struct Diff {
    key: CellKey,
    label_zh: String,
    lhs: f64,
    rhs: f64,
    /// The right side spelt out (`5 + 3 − 1`), language-neutral.
    rhs_expr: String,
}

/// Turns the differences and unknowns of one rule over one pair into at most one finding.
#[allow(clippy::too_many_arguments)]
fn conclude(
    rule: &'static Rule,
    report: &Entry<'_>,
    diffs: Vec<Diff>,
    unknown: Vec<CellKey>,
    head_zh: &str,
    head_en: &str,
) -> Option<AcrossFinding> {
    let format = report.report.format_def();
    if diffs.is_empty() && unknown.is_empty() {
        return None;
    }
    let mut cells: Vec<CellKey> = diffs.iter().map(|d| d.key).collect();
    if diffs.is_empty() {
        cells.extend(unknown.iter().copied());
        let listed_zh: Vec<String> = unknown
            .iter()
            .take(MAX_LISTED)
            .map(|k| cell_zh(format, k))
            .collect();
        let listed_en: Vec<String> = unknown
            .iter()
            .take(MAX_LISTED)
            .map(|k| k.to_string())
            .collect();
        let more = unknown.len().saturating_sub(MAX_LISTED);
        let finding = Finding::new(
            rule.doc.id,
            rule.doc.severity.min(Severity::Warning),
            Outcome::Uncertain,
            Message::new(
                format!(
                    "{head_zh}无法核对：{}{}没有数值",
                    listed_zh.join("、"),
                    if more > 0 {
                        format!("等 {} 处", unknown.len())
                    } else {
                        String::new()
                    }
                ),
                format!(
                    "{head_en} cannot be checked: no value in {}{}",
                    listed_en.join(", "),
                    if more > 0 {
                        format!(" and {more} more")
                    } else {
                        String::new()
                    }
                ),
            ),
        )
        .with_cells(cells.clone())
        .at(place(report.report, &cells));
        return Some(AcrossFinding {
            report: report.id,
            finding,
        });
    }
    let listed_zh: Vec<String> = diffs
        .iter()
        .take(MAX_LISTED)
        .map(|d| {
            format!(
                "{} {} ≠ {}",
                d.label_zh,
                format_value(d.lhs),
                format_value(d.rhs)
            )
        })
        .collect();
    let listed_en: Vec<String> = diffs
        .iter()
        .take(MAX_LISTED)
        .map(|d| {
            format!(
                "{} {} ≠ {}",
                d.key,
                format_value(d.lhs),
                format_value(d.rhs)
            )
        })
        .collect();
    let evidence: Vec<String> = diffs
        .iter()
        .take(MAX_LISTED)
        .map(|d| format!("{}: {} ≠ {}", d.key, format_value(d.lhs), d.rhs_expr))
        .collect();
    let more = diffs.len().saturating_sub(MAX_LISTED);
    let finding = rule
        .doc
        .finding(
            Outcome::Fail,
            Message::new(
                format!(
                    "{head_zh}不一致：{}{}",
                    listed_zh.join("；"),
                    if more > 0 {
                        format!("；等 {} 处", diffs.len())
                    } else {
                        String::new()
                    }
                ),
                format!(
                    "{head_en} differ: {}{}",
                    listed_en.join("; "),
                    if more > 0 {
                        format!("; and {more} more")
                    } else {
                        String::new()
                    }
                ),
            ),
        )
        .with_evidence(evidence.join("; "))
        .with_cells(cells.clone())
        .at(place(report.report, &cells));
    Some(AcrossFinding {
        report: report.id,
        finding,
    })
}

fn unified(e: &Entry<'_>) -> bool {
    matches!(e.report.format, FormatId::F2019 | FormatId::F2021)
}

fn carry(prev: &Entry<'_>, cur: &Entry<'_>) -> Option<AcrossFinding> {
    if !unified(prev) || !unified(cur) {
        return None;
    }
    let format = cur.report.format_def();
    let mut diffs = Vec::new();
    let mut unknown = Vec::new();
    let mut any_value = false;
    for col in formats::ALL_REQUEST_COLUMNS {
        let (cin, cout) = (
            key("requests", "carried_in", col),
            key("requests", "carried_out", col),
        );
        match (val(cur.report, &cin), val(prev.report, &cout)) {
            (Some(a), Some(b)) => {
                any_value = true;
                if a != b {
                    diffs.push(Diff {
                        key: cin,
                        label_zh: format!("「{}」列", column_zh(format, "requests", col)),
                        lhs: a,
                        rhs: b,
                        rhs_expr: format!("{} ({})", format_value(b), prev.year),
                    });
                }
            }
            (a, b) => {
                any_value |= a.is_some() || b.is_some();
                unknown.push(cin);
            }
        }
    }
    if !any_value {
        return None;
    }
    conclude(
        &X_CARRY,
        cur,
        diffs,
        unknown,
        &format!(
            "{}与 {} 年报告「四、结转下年度继续办理」",
            row_ref_zh(format, "requests", "carried_in"),
            prev.year
        ),
        &format!("carried_in and the {} report's carried_out", prev.year),
    )
}

fn in_force(prev: &Entry<'_>, cur: &Entry<'_>) -> Option<AcrossFinding> {
    if prev.report.format != FormatId::F2021 || cur.report.format != FormatId::F2021 {
        return None;
    }
    let format = cur.report.format_def();
    let mut diffs = Vec::new();
    let mut unknown = Vec::new();
    for row in ["regulations", "normative_documents"] {
        let now = key("proactive", row, "in_force");
        let ops = [
            val(cur.report, &now),
            val(prev.report, &key("proactive", row, "in_force")),
            val(cur.report, &key("proactive", row, "issued")),
            val(cur.report, &key("proactive", row, "repealed")),
        ];
        match ops {
            [Some(a), Some(before), Some(issued), Some(repealed)] => {
                let expected = before + issued - repealed;
                if (a - expected).abs() > 1e-9 {
                    diffs.push(Diff {
                        key: now,
                        label_zh: format!("「{}」现行有效件数", row_label(format, row)),
                        lhs: a,
                        rhs: expected,
                        rhs_expr: format!(
                            "{} + {} − {}",
                            format_value(before),
                            format_value(issued),
                            format_value(repealed)
                        ),
                    });
                }
            }
            ops if ops.iter().any(Option::is_some) => unknown.push(now),
            _ => {}
        }
    }
    conclude(
        &X_IN_FORCE,
        cur,
        diffs,
        unknown,
        &format!("现行有效件数与 {} 年报告", prev.year),
        &format!("documents in force and the {} report", prev.year),
    )
}

fn prior_items(prev: &Entry<'_>, cur: &Entry<'_>) -> Option<AcrossFinding> {
    if prev.report.format != FormatId::F2019 || cur.report.format != FormatId::F2019 {
        return None;
    }
    let format = cur.report.format_def();
    let mut diffs = Vec::new();
    let mut unknown = Vec::new();
    for row in ["licensing", "other_services", "penalty", "coercion", "fees"] {
        let now = key("proactive", row, "prior_items");
        let ops = [
            val(cur.report, &now),
            val(prev.report, &key("proactive", row, "prior_items")),
            val(prev.report, &key("proactive", row, "change")),
        ];
        match ops {
            [Some(a), Some(before), Some(change)] => {
                let expected = before + change;
                if (a - expected).abs() > 1e-9 {
                    diffs.push(Diff {
                        key: now,
                        label_zh: format!("「{}」上一年项目数量", row_label(format, row)),
                        lhs: a,
                        rhs: expected,
                        rhs_expr: format!("{} + ({})", format_value(before), format_value(change)),
                    });
                }
            }
            ops if ops.iter().any(Option::is_some) => unknown.push(now),
            _ => {}
        }
    }
    conclude(
        &X_PRIOR_ITEMS,
        cur,
        diffs,
        unknown,
        &format!("上一年项目数量与 {} 年报告", prev.year),
        &format!("prior-year item counts and the {} report", prev.year),
    )
}

fn row_label(format: &FormatDef, row: &str) -> String {
    format
        .table("proactive")
        .and_then(|t| t.row(row))
        .map_or_else(|| row.to_string(), |r| r.label.to_string())
}

/// The quantities X-JUMP watches: (Chinese name, English name, cells summed).
fn jump_measures() -> [(&'static str, &'static str, Vec<CellKey>); 3] {
    [
        (
            "本年新收申请总数",
            "requests received",
            vec![key("requests", "received", "total")],
        ),
        (
            "行政复议总数",
            "administrative reviews",
            vec![key("review_litigation", "review", "total")],
        ),
        (
            "行政诉讼总数",
            "lawsuits",
            vec![
                key("review_litigation", "litigation_direct", "total"),
                key("review_litigation", "litigation_after_review", "total"),
            ],
        ),
    ]
}

fn jumps(prev: &Entry<'_>, cur: &Entry<'_>) -> Vec<AcrossFinding> {
    if !unified(prev) || !unified(cur) {
        return Vec::new();
    }
    let sum = |r: &Report, keys: &[CellKey]| -> Option<f64> {
        keys.iter().map(|k| val(r, k)).sum::<Option<f64>>()
    };
    let mut out = Vec::new();
    for (zh, en, keys) in jump_measures() {
        let (Some(before), Some(now)) = (sum(prev.report, &keys), sum(cur.report, &keys)) else {
            continue;
        };
        let (lo, hi) = (before.min(now), before.max(now));
        if hi - lo < JUMP_MIN_CHANGE || hi < JUMP_FACTOR * lo {
            continue;
        }
        let finding = X_JUMP
            .doc
            .finding(
                Outcome::Fail,
                Message::new(
                    format!(
                        "{zh}由 {} 年的 {} 变为 {}，请核对",
                        prev.year,
                        format_value(before),
                        format_value(now)
                    ),
                    format!(
                        "{en} went from {} in {} to {}: please check",
                        format_value(before),
                        prev.year,
                        format_value(now)
                    ),
                ),
            )
            .with_evidence(format!(
                "{} ({}) → {} ({})",
                format_value(before),
                prev.year,
                format_value(now),
                cur.year
            ))
            .with_cells(keys.clone())
            .at(place(cur.report, &keys));
        out.push(AcrossFinding {
            report: cur.id,
            finding,
        });
    }
    out
}

/// The cells X-CONSOLIDATED compares: every cell of 表三 and 表四 of the parent's format.
fn consolidated_keys(format: &'static FormatDef) -> Vec<CellKey> {
    format
        .tables
        .iter()
        .filter(|t| matches!(t.key, "requests" | "review_litigation"))
        .flat_map(|t| t.cell_keys())
        .collect()
}

/// A consolidated unit's reports against its children's: for each year of a parent report,
/// every 表三/表四 cell equals the sum over the children's reports of that year. A child without
/// a report that year makes the year uncertain (named in the finding). `children` lists every
/// child unit, with or without reports; `child_entries` holds their reports.
pub fn check_consolidated(
    parent: UnitRef<'_>,
    parent_entries: &[Entry<'_>],
    children: &[UnitRef<'_>],
    child_entries: &[Entry<'_>],
) -> Vec<AcrossFinding> {
    let mut out = Vec::new();
    if children.is_empty() {
        return out;
    }
    let mut parents: Vec<&Entry<'_>> = parent_entries
        .iter()
        .filter(|e| e.unit == parent.id)
        .collect();
    parents.sort_by_key(|e| (e.year, e.id));
    parents.dedup_by_key(|e| e.year);
    for p in parents {
        if !unified(p) {
            continue;
        }
        let format = p.report.format_def();
        // The first-stored report of each child for this year.
        let mut reports: Vec<&Entry<'_>> = Vec::new();
        let mut absent: Vec<&str> = Vec::new();
        for c in children {
            let found = child_entries
                .iter()
                .filter(|e| e.unit == c.id && e.year == p.year)
                .min_by_key(|e| e.id);
            match found {
                Some(e) => reports.push(e),
                None => absent.push(c.name),
            }
        }
        let keys = consolidated_keys(format);
        if !absent.is_empty() {
            let finding = Finding::new(
                X_CONSOLIDATED.doc.id,
                X_CONSOLIDATED.doc.severity.min(Severity::Warning),
                Outcome::Uncertain,
                Message::new(
                    format!(
                        "{}（汇总）{} 年报告无法与所属单位核对：{} 没有 {} 年的报告",
                        parent.name,
                        p.year,
                        absent.iter().map(|n| format!("「{n}」")).collect::<String>(),
                        p.year
                    ),
                    format!(
                        "the consolidated {} report of {} cannot be checked against its units: no {} report from {}",
                        p.year,
                        parent.name,
                        p.year,
                        absent.join(", ")
                    ),
                ),
            )
            .at(p.report.agency.source);
            out.push(AcrossFinding {
                report: p.id,
                finding,
            });
            continue;
        }
        let mut diffs = Vec::new();
        let mut unknown = Vec::new();
        for k in &keys {
            let Some(total) = val(p.report, k) else {
                continue;
            };
            let parts: Option<Vec<f64>> = reports.iter().map(|e| val(e.report, k)).collect();
            match parts {
                Some(parts) => {
                    let sum: f64 = parts.iter().sum();
                    if (sum - total).abs() > 1e-9 {
                        diffs.push(Diff {
                            key: *k,
                            label_zh: cell_zh(format, k),
                            lhs: total,
                            rhs: sum,
                            rhs_expr: parts
                                .iter()
                                .map(|v| format_value(*v))
                                .collect::<Vec<_>>()
                                .join(" + "),
                        });
                    }
                }
                None => unknown.push(*k),
            }
        }
        out.extend(conclude(
            &X_CONSOLIDATED,
            p,
            diffs,
            unknown,
            &format!("汇总报告与 {} 个所属单位报告之和", reports.len()),
            &format!(
                "the consolidated report and the sum of its {} units' reports",
                reports.len()
            ),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_documented_and_runs_nowhere_else() {
        for r in RULES {
            assert!(r.run.is_none(), "{}", r.doc.id);
            assert!(r.doc.id.starts_with("X-"));
        }
    }
}
