//! Rules generated from the format data: every [`RelationDef`] of a format is a rule.
//!
//! The relations (一+二 = （七）总计+四, 总计 = Σ 申请人 …) live in `gongkai_model::formats`
//! as data. This module turns each definition into a catalogue entry (name, formula and severity
//! come from the definition; the prose of its page from [`DOCS`]) and each concrete relation into
//! findings. A new relation added to a format becomes a rule here without code changes; it gets a
//! generic page until someone writes its prose.
//!
//! Outcomes:
//! - `Fails` → `fail` at the rule's severity, with the arithmetic as evidence;
//! - `Undecided` → `uncertain`, never pass or fail, at most a warning;
//! - `Holds` → nothing.
//!
//! Noise policy: relations of a table the source did not show are skipped (STRUCT-TABLES reports
//! the table). An undecided relation whose every unknown operand sits in a row the source does
//! not print at all is also skipped: CELL-MISSING already reports that row once, and repeating it
//! for every column the row takes part in (seven times for one missing 表三 row under
//! T3-RESULTS-TOTAL alone) would bury the findings that matter. Likewise a relation none of whose
//! operands has a value (a row left wholly blank, checked along itself) says nothing that
//! CELL-INCOMPLETE / CELL-MISSING have not said. Otherwise, as soon as any unknown is a blank, a
//! "/" or a gap in an otherwise printed row, the relation is reported as uncertain.

use gongkai_model::arith::{self, Eval};
use gongkai_model::relation::{Compare, Relation, RelationDef, Shape};
use gongkai_model::report::format_value;
use gongkai_model::{
    formats, CellKey, CellState, Finding, FormatDef, FormatId, Message, Outcome, Report, Severity,
};

use crate::catalogue::RuleInfo;
use crate::labels::{column_zh, row_term_zh, row_zh, table_en, table_zh};
use crate::locate::first_printed;
use crate::presence::Shown;
use crate::rule::{t, Text};

/// Sides with more terms than this are named as a whole ("…各项之和") instead of term by term.
const MAX_LISTED_TERMS: usize = 7;

/// Unknown operands named one by one in an uncertain message, per kind of unknown.
const MAX_LISTED_UNKNOWNS: usize = 5;

/// The prose of a relation rule's page; name, formula and severity come from the definition.
struct RelationDoc {
    rule: &'static str,
    summary: Text,
    why: Text,
    example: Text,
    fix: Text,
}

static DOCS: [RelationDoc; 6] = [
    RelationDoc {
        rule: "T3-BALANCE",
        summary: t(
            "表三每一列（自然人、五类法人或其他组织、总计）都应满足表格左上角注明的勾稽关系：“第一项加第二项之和，等于第三项加第四项之和”，即本年新收申请数与上年结转数之和，等于本年度办理结果总计与结转下年度继续办理数之和。",
            "In every column of Table 3 (natural persons, the five kinds of organisations, total), the balance printed in the table's corner must hold: requests received this year plus requests carried in from last year equal the total of this year's results plus requests carried over to next year.",
        ),
        why: t(
            "这是格式在表三中明文印出的勾稽关系：收到的每一件申请，要么已办结并计入办理结果，要么结转下年度。不平衡说明有申请漏计、重复计入，或数字抄录有误，是审核中最常被指出的数据错误。",
            "This is the one relation the format itself prints in Table 3: every request received is either answered (and counted in a result row) or carried over. An imbalance means requests were left out, counted twice or copied wrongly — the data error reviewers point out most often.",
        ),
        example: t(
            "「自然人」列：一、本年新收 5，二、上年结转 0，（七）总计 4，四、结转下年度继续办理 0。5+0=5，而 4+0=4，两者不等。",
            "Column natural_person: received 5, carried_in 0, total 4, carried_out 0. 5 + 0 = 5 but 4 + 0 = 4.",
        ),
        fix: t(
            "逐列核对：先确认（七）总计等于各项办理结果之和（规则 T3-RESULTS-TOTAL），再核对本年新收、上年结转和结转下年度的台账数字。上年结转数应与上一年度报告的“结转下年度继续办理”一致。",
            "Check column by column: first make sure the results total equals the sum of the result rows (rule T3-RESULTS-TOTAL), then check received, carried in and carried out against the register. Carried in should equal last year's report's carried out.",
        ),
    },
    RelationDoc {
        rule: "T3-RESULTS-TOTAL",
        summary: t(
            "表三每一列的（七）总计，应等于（一）予以公开至（六）其他处理各项办理结果之和。2021年版格式的（六）其他处理分为三项，2019年版为一项。",
            "In every column of Table 3, the results total (（七）总计) must equal the sum of all result rows, from (一) granted to (六) other handling. The 2021 format splits (六) into three rows; the 2019 format has one.",
        ),
        why: t(
            "（七）总计是办理结果的合计，又参与表三的勾稽关系。合计与明细不符，说明明细漏填、重复统计，或合计另有来源、未与明细核对。",
            "The results total sums the result rows and also enters the Table 3 balance. A total that differs from its rows means a row was left out, a request was counted twice, or the total was taken from elsewhere without checking.",
        ),
        example: t(
            "「总计」列：（一）予以公开 3，（二）部分公开 1，其余各项均为 0，（七）总计却填写 5。",
            "Column total: granted 3, partially_granted 1, every other result row 0, but the results total says 5.",
        ),
        fix: t(
            "按办理台账重新汇总各项办理结果，使合计等于明细之和。一件申请只计入一种办理结果；区分处理的，只计“部分公开”。",
            "Recount the result rows from the register and make the total their sum. Each request counts in exactly one result row; a partly disclosed request counts only as partially granted.",
        ),
    },
    RelationDoc {
        rule: "T3-ROW-TOTAL",
        summary: t(
            "表三每一行的「总计」列，应等于自然人与五类法人或其他组织（商业企业、科研机构、社会公益组织、法律服务机构、其他）六列之和。",
            "In every row of Table 3, the total column must equal the sum of the six applicant columns: natural persons and the five kinds of organisations (businesses, research institutions, social organisations, legal services, other).",
        ),
        why: t(
            "「总计」列是按申请人类别的横向合计。横向不等，说明某类申请人漏填或总计算错；这类错误往往连带破坏表三的纵向勾稽关系。",
            "The total column is the sum across applicant types. When a row does not add up, an applicant type was left out or the total was miscalculated; such errors usually break the column balances too.",
        ),
        example: t(
            "「（一）予以公开」行：自然人 3，商业企业 2，其余各列为 0，总计却填写 6。",
            "Row granted: natural_person 3, business 2, the other applicant columns 0, but total 6.",
        ),
        fix: t(
            "按申请人类别重新统计该行，使总计等于六类申请人之和。“法人或其他组织”下没有小计列，五个子列直接计入总计。",
            "Recount the row by applicant type and make the total the sum of the six columns. There is no subtotal column for organisations; the five sub-columns add straight into the total.",
        ),
    },
    RelationDoc {
        rule: "T4-GROUP-TOTAL",
        summary: t(
            "表四的行政复议、行政诉讼（未经复议直接起诉）、行政诉讼（复议后起诉）三组，每组的「总计」应等于结果维持、结果纠正、其他结果、尚未审结四项之和。",
            "In each of Table 4's three groups (administrative review; litigation without prior review; litigation after review), the total must equal upheld + corrected + other results + pending.",
        ),
        why: t(
            "每一件复议或诉讼案件在年底只处于一种状态：已审结（维持、纠正或其他结果）或尚未审结。总计不等于四项之和，说明案件漏计或重复计入。",
            "At the end of the year every review or lawsuit is in exactly one state: decided (upheld, corrected, other) or pending. A total that differs from the four means a case was missed or counted twice.",
        ),
        example: t(
            "行政复议：结果维持 5，结果纠正 0，其他结果 0，尚未审结 1，总计却填写 7。",
            "Review: upheld 5, corrected 0, other 0, pending 1, but total 7.",
        ),
        fix: t(
            "按案件台账逐组核对四种结果，使总计等于四项之和。按国办公开办函〔2016〕201号，复议机关作为共同被告的诉讼案件，只由作出原行政行为的机关统计。",
            "Check each group's four outcomes against the case register and make the total their sum. Under 国办公开办函〔2016〕201号, a lawsuit in which the review body is a co-defendant is counted only by the agency that took the original decision.",
        ),
    },
    RelationDoc {
        rule: "T2-PUBLISHED-WITHIN-TOTAL",
        summary: t(
            "2019年版表二第二十条第（一）项中，规章、规范性文件的「本年新公开数量」不应大于「对外公开总数量」。",
            "In the 2019 format's Table 2, item 20(1): for regulations and normative documents, the number newly published this year must not exceed the total published.",
        ),
        why: t(
            "对外公开总数量是截至年底累计对外公开的数量，本年新公开的文件应已包含在内。新公开数大于总数，通常是两列填反或总数漏计。",
            "The total published is the running total at the end of the year and includes this year's newly published documents. A larger \"newly published\" usually means the two columns were swapped or the total is incomplete.",
        ),
        example: t(
            "「规章」行：本年新公开数量 12，对外公开总数量 8。",
            "Row regulations: newly_published 12, published_total 8.",
        ),
        fix: t(
            "核对两列的统计口径：对外公开总数量应为累计对外公开的件数（含本年新公开）。两列填反的，予以对调。",
            "Check what each column counts: the total is the cumulative number published, this year's included. Swap the columns if they were entered the wrong way round.",
        ),
    },
    RelationDoc {
        rule: "T2-PUBLISHED-WITHIN-MADE",
        summary: t(
            "2019年版表二第二十条第（一）项中，规章、规范性文件的「本年新公开数量」通常不大于「本年新制作数量」。",
            "In the 2019 format's Table 2, item 20(1): for regulations and normative documents, the number newly published this year is normally not larger than the number newly made.",
        ),
        why: t(
            "本年新公开的文件一般是本年新制作的。新公开数多于新制作数不一定是错误（例如公开了以前年度制作的文件），但值得复核。",
            "Documents published this year are usually made this year. More published than made is not necessarily wrong (older documents may have been published this year), but it is worth a second look.",
        ),
        example: t(
            "「规范性文件」行：本年新制作数量 3，本年新公开数量 5。",
            "Row normative_documents: made 3, newly_published 5.",
        ),
        fix: t(
            "确认多出的部分是否为以前年度制作、本年才公开的文件；是的，可在正文中说明；属于填写错误的，予以更正。",
            "Confirm whether the extra documents were made in earlier years and published this year; if so, say so in the text. Otherwise correct the figures.",
        ),
    },
];

/// One relation rule as gathered from every format that defines it.
struct Gathered {
    def: &'static RelationDef,
    severity: Severity,
    in_2019: bool,
    in_2021: bool,
    in_legacy: bool,
}

/// Every relation rule id with its definitions merged across formats, in first-seen order.
fn gathered() -> Vec<Gathered> {
    let mut out: Vec<Gathered> = Vec::new();
    for format in formats::all() {
        for def in format.relations {
            let i = match out.iter().position(|g| g.def.rule == def.rule) {
                Some(i) => i,
                None => {
                    out.push(Gathered {
                        def,
                        severity: def.severity,
                        in_2019: false,
                        in_2021: false,
                        in_legacy: false,
                    });
                    out.len() - 1
                }
            };
            if let Some(g) = out.get_mut(i) {
                g.severity = g.severity.max(def.severity);
                match format.id {
                    FormatId::F2019 => g.in_2019 = true,
                    FormatId::F2021 => g.in_2021 = true,
                    FormatId::Legacy => g.in_legacy = true,
                }
            }
        }
    }
    out
}

/// The formats a rule applies to, as a static slice (the catalogue's `formats` field).
fn formats_slice(in_2019: bool, in_2021: bool, in_legacy: bool) -> &'static [FormatId] {
    use FormatId::{Legacy, F2019, F2021};
    match (in_2019, in_2021, in_legacy) {
        (true, true, true) => &[F2019, F2021, Legacy],
        (true, true, false) => &[F2019, F2021],
        (true, false, true) => &[F2019, Legacy],
        (true, false, false) => &[F2019],
        (false, true, true) => &[F2021, Legacy],
        (false, true, false) => &[F2021],
        (false, false, true) => &[Legacy],
        (false, false, false) => &[],
    }
}

/// The short name of the table a definition runs over, from any format that has the table.
fn def_table_zh(def: &RelationDef) -> String {
    formats::all()
        .into_iter()
        .find(|f| f.table(def.table).is_some())
        .map_or_else(|| def.table.to_string(), |f| table_zh(f, def.table))
}

/// The catalogue entries of the relation rules: one per rule id.
pub(crate) fn infos() -> Vec<RuleInfo> {
    gathered()
        .into_iter()
        .map(|g| {
            let def = g.def;
            let doc = DOCS.iter().find(|d| d.rule == def.rule);
            let generic = |zh: String, en: String| Message::new(zh, en);
            let table = def_table_zh(def);
            RuleInfo {
                id: def.rule,
                severity: g.severity,
                name: Message::new(def.name_zh, def.name_en),
                summary: doc.map_or_else(
                    || {
                        generic(
                            format!("{table}中的数字应满足：{}。", def.formula_zh),
                            format!(
                                "The figures of table {} must satisfy: {}.",
                                def.table, def.formula_en
                            ),
                        )
                    },
                    |d| d.summary.message(),
                ),
                why: doc.map_or_else(
                    || {
                        generic(
                            "该关系由格式本身决定；不满足说明表中至少有一个数字有误。".into(),
                            "The format itself implies this relation; when it fails, at least one figure is wrong.".into(),
                        )
                    },
                    |d| d.why.message(),
                ),
                example: doc.map_or_else(
                    || {
                        generic(
                            format!("{table}中按“{}”计算，两边不相等。", def.formula_zh),
                            format!("In table {}, {} does not hold.", def.table, def.formula_en),
                        )
                    },
                    |d| d.example.message(),
                ),
                fix: doc.map_or_else(
                    || {
                        generic(
                            "按台账核对公式两边涉及的每个数字，改正有误的数字。".into(),
                            "Check every figure on both sides against the register and correct the wrong one.".into(),
                        )
                    },
                    |d| d.fix.message(),
                ),
                formula: Some(Message::new(def.formula_zh, def.formula_en)),
                formats: formats_slice(g.in_2019, g.in_2021, g.in_legacy),
            }
        })
        .collect()
}

/// Evaluates every relation of the report's format.
pub(crate) fn check(report: &Report) -> Vec<Finding> {
    let format = report.format_def();
    let mut out = Vec::new();
    let shown = Shown::of(report);
    // A table's relations come one after another: whether it is shown is asked once for them.
    let mut last_table: Option<(&str, bool)> = None;
    let evaluator = arith::Evaluator::new(report);
    for (i, rel) in formats::relations(report.format).iter().enumerate() {
        let table_shown = match last_table {
            Some((table, answer)) if std::ptr::eq(table, rel.def.table) => answer,
            _ => {
                let answer = shown.table(rel.def.table);
                last_table = Some((rel.def.table, answer));
                answer
            }
        };
        if !table_shown || evaluator.holds_by_values(i, rel) {
            continue;
        }
        match evaluator.evaluate(i, rel) {
            Eval::Holds { .. } => {}
            Eval::Fails { lhs, rhs } => out.push(failed(format, report, rel, lhs, rhs)),
            Eval::Undecided {
                missing,
                empty,
                if_empty_zero,
            } => {
                let only_unprinted_rows =
                    empty.is_empty() && missing.iter().all(|k| shown.in_unprinted_row(k));
                let nothing_known = missing.len() + empty.len() == rel.cells().count();
                if !only_unprinted_rows && !nothing_known {
                    out.push(undecided(
                        format,
                        report,
                        rel,
                        &missing,
                        &empty,
                        if_empty_zero,
                    ));
                }
            }
        }
    }
    out
}

/// Whether the relation runs down a column (its terms are rows) rather than along a row.
fn runs_down_column(rel: &Relation) -> bool {
    matches!(rel.def.shape, Shape::PerColumn { .. })
}

/// `表三「自然人」列` / `Table 3 (requests), column natural_person`.
fn along(format: &FormatDef, rel: &Relation) -> (String, String) {
    let table = rel.def.table;
    if runs_down_column(rel) {
        (
            format!(
                "{}「{}」列",
                table_zh(format, table),
                column_zh(format, table, rel.along)
            ),
            format!("{}, column {}", table_en(format, table), rel.along),
        )
    } else {
        (
            format!(
                "{}「{}」行",
                table_zh(format, table),
                row_zh(format, table, rel.along)
            ),
            format!("{}, row {}", table_en(format, table), rel.along),
        )
    }
}

/// How one operand is named inside the relation: its row (down a column) or its column.
fn term(format: &FormatDef, rel: &Relation, key: &CellKey) -> (String, &'static str) {
    if runs_down_column(rel) {
        (row_term_zh(format, key.table, key.row), key.row)
    } else {
        (column_zh(format, key.table, key.column), key.column)
    }
}

/// How one operand is named when listed on its own (full row name rather than its ordinal).
fn operand(format: &FormatDef, rel: &Relation, key: &CellKey) -> (String, &'static str) {
    if runs_down_column(rel) {
        (row_zh(format, key.table, key.row), key.row)
    } else {
        (column_zh(format, key.table, key.column), key.column)
    }
}

/// The innermost row group (or column group) shared by every operand of a long side.
fn common_group(format: &FormatDef, rel: &Relation, keys: &[CellKey]) -> Option<(String, String)> {
    let table = format.table(rel.def.table)?;
    if runs_down_column(rel) {
        let chain = |row: &str| -> Vec<&'static str> {
            let mut chain = Vec::new();
            let mut group = table.row(row).and_then(|r| r.group);
            while let Some(g) = group {
                if chain.contains(&g) {
                    break; // a malformed cycle in the data; stop rather than loop
                }
                chain.push(g);
                group = table
                    .groups
                    .iter()
                    .find(|x| x.key == g)
                    .and_then(|x| x.parent);
            }
            chain
        };
        let first = chain(keys.first()?.row);
        let shared = first
            .into_iter()
            .find(|g| keys.iter().all(|k| chain(k.row).contains(g)))?;
        let label = table.groups.iter().find(|x| x.key == shared)?.label;
        Some((label.to_string(), shared.to_string()))
    } else {
        let group = table.column(keys.first()?.column)?.group?;
        keys.iter()
            .all(|k| table.column(k.column).and_then(|c| c.group) == Some(group))
            .then(|| (group.to_string(), group.to_string()))
    }
}

/// The name of one side of a relation: its terms, or a summary for long sides.
fn side_name(format: &FormatDef, rel: &Relation, keys: &[CellKey]) -> (String, String) {
    if keys.len() <= MAX_LISTED_TERMS {
        let (zh, en): (Vec<String>, Vec<&str>) = keys.iter().map(|k| term(format, rel, k)).unzip();
        return (zh.join("+"), en.join(" + "));
    }
    let n = keys.len();
    let unit = if runs_down_column(rel) {
        "rows"
    } else {
        "columns"
    };
    match common_group(format, rel, keys) {
        Some((label, key)) => (
            format!("「{label}」{n}项之和"),
            format!("the sum of the {n} {unit} under {key}"),
        ),
        None => {
            let (first_zh, first_en) = keys.first().map(|k| term(format, rel, k)).unzip();
            let (last_zh, last_en) = keys.last().map(|k| term(format, rel, k)).unzip();
            (
                format!(
                    "「{}」至「{}」{n}项之和",
                    first_zh.unwrap_or_default(),
                    last_zh.unwrap_or_default()
                ),
                format!(
                    "the sum of the {n} {unit} {} … {}",
                    first_en.unwrap_or_default(),
                    last_en.unwrap_or_default()
                ),
            )
        }
    }
}

/// The values of a fully known side: `（5+0=5）` / ` (5 + 0 = 5)`, or just the sum when long.
fn side_values(report: &Report, keys: &[CellKey], sum: f64) -> (String, String) {
    let sum = format_value(sum);
    if keys.len() > MAX_LISTED_TERMS {
        return (format!("（{sum}）"), format!(" ({sum})"));
    }
    let values: Vec<String> = keys
        .iter()
        .map(|k| format_value(report.value(k).unwrap_or(0.0)))
        .collect();
    if values.len() > 1 {
        (
            format!("（{}={sum}）", values.join("+")),
            format!(" ({} = {sum})", values.join(" + ")),
        )
    } else {
        (format!("（{sum}）"), format!(" ({sum})"))
    }
}

/// A relation that does not hold.
fn failed(format: &FormatDef, report: &Report, rel: &Relation, lhs: f64, rhs: f64) -> Finding {
    let (along_zh, along_en) = along(format, rel);
    let (lname_zh, lname_en) = side_name(format, rel, &rel.lhs);
    let (rname_zh, rname_en) = side_name(format, rel, &rel.rhs);
    let (lval_zh, lval_en) = side_values(report, &rel.lhs, lhs);
    let (rval_zh, rval_en) = side_values(report, &rel.rhs, rhs);
    let (verb_zh, op_en) = match rel.def.compare {
        Compare::Equal => ("不等于", "≠"),
        Compare::AtMost => ("大于", ">"),
    };
    // Say so when the arithmetic rests on a value gongkai inferred rather than one printed.
    let (inferred_zh, inferred_en): (Vec<String>, Vec<String>) = rel
        .cells()
        .filter(|k| {
            report
                .cell(k)
                .is_some_and(|c| c.state == CellState::Inferred)
        })
        .map(|k| {
            let (zh, en) = operand(format, rel, k);
            (zh, en.to_string())
        })
        .unzip();
    let (note_zh, note_en) = if inferred_zh.is_empty() {
        (String::new(), String::new())
    } else {
        (
            format!(
                "（其中{}为推算值，见 CELL-INFERRED）",
                capped(&inferred_zh, true)
            ),
            format!(
                " ({} inferred, see CELL-INFERRED)",
                capped(&inferred_en, false)
            ),
        )
    };
    let message = Message::new(
        format!("{along_zh}：{lname_zh}{lval_zh}{verb_zh}{rname_zh}{rval_zh}{note_zh}"),
        format!("{along_en}: {lname_en}{lval_en} {op_en} {rname_en}{rval_en}{note_en}"),
    );
    let cells: Vec<CellKey> = rel.cells().copied().collect();
    let location = first_printed(report, &cells);
    Finding::new(rel.def.rule, rel.def.severity, Outcome::Fail, message)
        .with_evidence(arith::evidence(rel, report))
        .with_cells(cells)
        .at(location)
}

/// Names up to [`MAX_LISTED_UNKNOWNS`] labels, then says how many more there are.
fn capped(names: &[String], zh: bool) -> String {
    let shown: Vec<String> = names.iter().take(MAX_LISTED_UNKNOWNS).cloned().collect();
    let rest = names.len().saturating_sub(MAX_LISTED_UNKNOWNS);
    if zh {
        let list: String = shown.iter().map(|n| format!("「{n}」")).collect();
        if rest > 0 {
            format!("{list}等{}项", names.len())
        } else {
            list
        }
    } else {
        let list = shown.join(", ");
        if rest > 0 {
            format!("{list} and {rest} more")
        } else {
            list
        }
    }
}

/// Sums a side counting blank and not-applicable operands as 0 (for the "if blanks were 0" note).
fn sum_with_empty_as_zero(report: &Report, keys: &[CellKey]) -> f64 {
    keys.iter().filter_map(|k| report.value(k)).sum()
}

/// A relation that cannot be decided because some operand has no value.
fn undecided(
    format: &FormatDef,
    report: &Report,
    rel: &Relation,
    missing: &[CellKey],
    empty: &[CellKey],
    if_empty_zero: Option<bool>,
) -> Finding {
    let (along_zh, along_en) = along(format, rel);
    let (lname_zh, lname_en) = side_name(format, rel, &rel.lhs);
    let (rname_zh, rname_en) = side_name(format, rel, &rel.rhs);
    let op = match rel.def.compare {
        Compare::Equal => "=",
        Compare::AtMost => "≤",
    };

    // Name the unknowns by kind: blank, printed as "/" (with the mark actually printed), missing.
    let mut blank = (Vec::new(), Vec::new());
    let mut marked_zh = Vec::new();
    let mut marked_en = Vec::new();
    for k in empty {
        let (zh, en) = operand(format, rel, k);
        match report.cell(k) {
            Some(c) if c.state == CellState::NotApplicable => {
                let mark = if c.text.trim().is_empty() {
                    "/"
                } else {
                    c.text.trim()
                };
                marked_zh.push(format!("「{zh}」为“{mark}”"));
                marked_en.push(format!("{en} is \"{mark}\""));
            }
            _ => {
                blank.0.push(zh);
                blank.1.push(en.to_string());
            }
        }
    }
    let (absent_zh, absent_en): (Vec<String>, Vec<String>) = missing
        .iter()
        .map(|k| {
            let (zh, en) = operand(format, rel, k);
            (zh, en.to_string())
        })
        .unzip();

    let mut reasons_zh = Vec::new();
    let mut reasons_en = Vec::new();
    if !blank.0.is_empty() {
        reasons_zh.push(format!("{}空白", capped(&blank.0, true)));
        reasons_en.push(format!("{} blank", capped(&blank.1, false)));
    }
    if !marked_zh.is_empty() {
        let n = marked_zh.len();
        let mut zh: Vec<String> = marked_zh.into_iter().take(MAX_LISTED_UNKNOWNS).collect();
        let mut en: Vec<String> = marked_en.into_iter().take(MAX_LISTED_UNKNOWNS).collect();
        if n > MAX_LISTED_UNKNOWNS {
            zh.push(format!("等{n}项"));
            en.push(format!("and {} more", n - MAX_LISTED_UNKNOWNS));
        }
        reasons_zh.push(zh.join("、"));
        reasons_en.push(en.join(", "));
    }
    if !absent_zh.is_empty() {
        reasons_zh.push(format!("{}缺少数值", capped(&absent_zh, true)));
        reasons_en.push(format!("{} missing", capped(&absent_en, false)));
    }

    let mut evidence = arith::evidence(rel, report);
    let (mut zh_tail, mut en_tail) = (String::new(), String::new());
    if let Some(holds) = if_empty_zero {
        let l = format_value(sum_with_empty_as_zero(report, &rel.lhs));
        let r = format_value(sum_with_empty_as_zero(report, &rel.rhs));
        let shown_op = match (rel.def.compare, holds) {
            (Compare::Equal, true) => "=",
            (Compare::Equal, false) => "≠",
            (Compare::AtMost, true) => "≤",
            (Compare::AtMost, false) => ">",
        };
        let (verdict_zh, verdict_en) = if holds {
            ("成立", "it holds")
        } else {
            ("不成立", "it fails")
        };
        zh_tail = format!("若空白和“/”按0计，该关系{verdict_zh}（{l}{shown_op}{r}）。");
        en_tail = format!(" With blanks and \"/\" as 0, {verdict_en} ({l} {shown_op} {r}).");
        evidence.push_str(&format!(" (_, / = 0: {l} {shown_op} {r})"));
    }

    let message = Message::new(
        format!(
            "{along_zh}：无法核对“{lname_zh}{op}{rname_zh}”，因为{}。{zh_tail}",
            reasons_zh.join("，")
        ),
        format!(
            "{along_en}: cannot check {lname_en} {op} {rname_en}: {}.{en_tail}",
            reasons_en.join("; ")
        ),
    );
    let cells: Vec<CellKey> = rel.cells().copied().collect();
    let unknowns: Vec<CellKey> = empty.iter().chain(missing.iter()).copied().collect();
    let mut location = first_printed(report, &unknowns);
    if location.is_none() {
        location = first_printed(report, &cells);
    }
    Finding::new(
        rel.def.rule,
        rel.def.severity.min(Severity::Warning),
        Outcome::Uncertain,
        message,
    )
    .with_evidence(evidence)
    .with_cells(cells)
    .at(location)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_relation_rule_is_documented() {
        for g in gathered() {
            assert!(
                DOCS.iter().any(|d| d.rule == g.def.rule),
                "{} has no prose",
                g.def.rule
            );
        }
    }
}
