//! Rules about single cells: missing, inferred, incomplete (blank or "/") and out-of-range values.

use gongkai_model::{
    CellKey, CellState, Finding, FormatDef, Message, Outcome, Report, Severity, ValueKind,
};

use crate::labels::{cell_en, cell_zh, column_zh, quoted_list_zh, row_ref_en, row_ref_zh, row_zh};
use crate::locate::{first_printed, row_source};
use crate::presence::{is_printed, table_shown};
use crate::rule::{t, Rule, RuleDoc, Run, ALL_FORMATS, UNIFIED_FORMATS};

/// The tables whose every cell must hold a number (REPORT-FORMAT.md §9 F-3). 表二 is left out on
/// purpose: its "/" and blanks are the accepted way to say "not reported" (§2.3).
const COMPLETE_TABLES: &[&str] = &["requests", "review_litigation"];

pub(crate) static CELL_MISSING: Rule = Rule {
    doc: RuleDoc {
        id: "CELL-MISSING",
        severity: Severity::Warning,
        name: t("缺少数值", "Missing values"),
        summary: t(
            "统计表中某行印出的数值少于格式规定的个数，或整行没有找到：格式规定的单元格在原文中不存在。每行给出一条，列出缺少数值的列。",
            "A row of a table has fewer values than the format prescribes, or is not there at all: cells the format has are absent from the source. One finding per row, listing the columns without a value.",
        ),
        why: t(
            "格式规定的每个单元格都应填写，没有发生的填0。缺少的单元格无法参与勾稽核对；它也常常说明表格在排版或网页、PDF 转换时丢失了列或整行。",
            "Every cell of the format must be filled in, with 0 where nothing happened. A missing cell cannot take part in any check, and often means a column or row was lost in layout or in conversion to HTML or PDF.",
        ),
        example: t(
            "表三「（一）予以公开」行只印出6个数值，缺少「总计」列。",
            "Table 3, row granted prints 6 values; the total column is missing.",
        ),
        fix: t(
            "补齐缺少的单元格，没有数据的填0。原表完整而网页或 PDF 转换丢失了单元格的，应更正发布的版本。",
            "Add the missing cells, with 0 where there is nothing to report. If the original table is complete and the published HTML or PDF lost cells, correct the published version.",
        ),
        formula: None,
        // Legacy 附表 print whatever indicators the province chose; an absent row is normal there.
        formats: UNIFIED_FORMATS,
    },
    run: Some(Run::Cells(missing)),
};

pub(crate) static CELL_INFERRED: Rule = Rule {
    doc: RuleDoc {
        id: "CELL-INFERRED",
        severity: Severity::Notice,
        name: t("推算的数值", "Inferred value"),
        summary: t(
            "原文没有印出某个单元格，但表格自身的勾稽关系能唯一确定它的值；gongkai 据此推算，并注明依据的规则和算式。",
            "A cell is not printed, but the table's own arithmetic fixes its value; gongkai fills it in and names the rule and the arithmetic it used.",
        ),
        why: t(
            "推算值让其余关系可以继续核对，但它不是报告印出的数字。审核人需要知道哪些数字是推算的、依据哪条关系，才能判断结论的可靠程度。",
            "Inferred values let the remaining relations be checked, but they are not figures the report printed. A reviewer needs to know which figures were inferred, and from which relation, to judge how far the conclusions go.",
        ),
        example: t(
            "表三「（七）总计」行「自然人」列未印出；由 T3-BALANCE（一+二=（七）总计+四）推算为 5。",
            "Table 3 cell requests.total.natural_person is not printed; T3-BALANCE (received + carried_in = total + carried_out) gives 5.",
        ),
        fix: t(
            "在报告中补印该单元格的数值。若推算值与台账不符，说明表中还有其他数字有误，应一并核对。",
            "Print the cell's value in the report. If the inferred value disagrees with the register, another figure in the table is wrong too; check them together.",
        ),
        formula: None,
        formats: UNIFIED_FORMATS,
    },
    run: Some(Run::Cells(inferred)),
};

pub(crate) static CELL_INCOMPLETE: Rule = Rule {
    doc: RuleDoc {
        id: "CELL-INCOMPLETE",
        severity: Severity::Warning,
        name: t("未填写数字", "Incomplete cells"),
        summary: t(
            "表三、表四的单元格留空，或填写“/”“—”“无”等非数字内容。每行给出一条，列出这些列。这是填报不完整，不是计算错误；涉及这些单元格的勾稽关系会标为“无法核对”。",
            "Cells of Table 3 or Table 4 are left blank or hold \"/\", \"—\", \"无\" or similar instead of a number. One finding per row, listing the columns. This is incompleteness, not an arithmetic error; relations involving these cells are reported as uncertain.",
        ),
        why: t(
            "表三、表四是统计表，每个单元格都应填写数字，没有发生的填0。留空或填“/”无法区分“没有发生”和“没有统计”，勾稽关系也无法核对。",
            "Tables 3 and 4 are statistics: every cell takes a number, 0 where nothing happened. A blank or \"/\" cannot tell \"none\" from \"not counted\", and the table's relations cannot be checked.",
        ),
        example: t(
            "表四「行政复议」行：「结果纠正」「其他结果」两列填写“/”。",
            "Table 4, row review: the corrected and other columns hold \"/\".",
        ),
        fix: t(
            "把留空或“/”的单元格改为实际数字；没有发生的填0。",
            "Replace each blank or \"/\" with the actual number, 0 where nothing happened.",
        ),
        formula: None,
        formats: UNIFIED_FORMATS,
    },
    run: Some(Run::Cells(incomplete)),
};

pub(crate) static CELL_NONNEG: Rule = Rule {
    doc: RuleDoc {
        id: "CELL-NONNEG",
        severity: Severity::Error,
        name: t("数值范围", "Value range"),
        summary: t(
            "件数、项目数等计数应为不小于0的整数，金额不应为负数；只有2019年版表二的「本年增/减」可以为负数。",
            "Counts must be whole numbers not below 0 and amounts must not be negative; only the 2019 format's Table 2 column 本年增/减 (change) may be negative.",
        ),
        why: t(
            "负的件数或带小数的件数不可能是真实的统计结果，通常是录入错误、把“本年增/减”填进了别的列，或把金额填进了计数列。",
            "A negative or fractional count cannot be a real tally: it is usually a typing error, a change figure entered in the wrong column, or an amount entered in a count column.",
        ),
        example: t(
            "表三「（一）予以公开」行「自然人」列填写 -3；或表二「行政许可」行「本年处理决定数量」列填写 2.5。",
            "Table 3 requests.granted.natural_person is -3; or Table 2 proactive.licensing.decisions is 2.5.",
        ),
        fix: t(
            "核对原始台账，改正该单元格。减少的数量只能填在「本年增/减」列（如 -8）；金额以万元为单位，填在金额列。",
            "Check the register and correct the cell. A decrease belongs only in the change column (e.g. -8); amounts are in 万元 and belong in the amount column.",
        ),
        formula: None,
        formats: ALL_FORMATS,
    },
    run: Some(Run::Cells(nonneg)),
};

/// What the rules about single cells ask of every cell of a report, gathered in one pass for
/// all of them: CELL-MISSING, CELL-INFERRED and CELL-INCOMPLETE then return at once for a
/// report that gives them nothing to say (most do), rather than each pass over every cell.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CellSummary {
    /// A bit per [`CellState`] some cell is in (`1 << state as u8`).
    states: u8,
}

// A bit a state: there must be no more states than bits.
const _: () = assert!(CellState::ALL.len() <= u8::BITS as usize);

impl CellSummary {
    pub(crate) fn of(report: &Report) -> CellSummary {
        let states = report
            .cells
            .iter()
            .fold(0u8, |states, cell| states | 1 << cell.state as u8);
        CellSummary { states }
    }

    /// Whether some cell is in one of `states`.
    fn any_in(self, states: &[CellState]) -> bool {
        states.iter().any(|&s| self.states & (1 << s as u8) != 0)
    }
}

/// The kind of value a cell holds.
///
/// The model declares kinds per column; the legacy table's `fees` row is the one row whose kind
/// differs from its columns' (KEYS.md: "fees (in 万元, converted from 元 as printed)"), so it is
/// treated as an amount here rather than flagged for its decimals.
fn value_kind(format: &FormatDef, key: &CellKey) -> ValueKind {
    if key.table == "legacy" && key.row == "fees" {
        return ValueKind::Amount;
    }
    format
        .table(key.table)
        .and_then(|t| t.column(key.column))
        .map_or(ValueKind::Count, |c| c.kind)
}

/// The cells of one row of the report, in the format's column order.
fn row_cells<'r>(
    report: &'r Report,
    table: &'static str,
    row: &'static gongkai_model::RowDef,
) -> impl Iterator<Item = &'r gongkai_model::Cell> + 'r {
    row.columns.iter().filter_map(move |c| {
        report.cell(&CellKey {
            table,
            row: row.key,
            column: c,
        })
    })
}

/// CELL-MISSING: one finding per row of a shown table with `missing` cells.
fn missing(report: &Report, cells: &CellSummary) -> Vec<Finding> {
    // Most reports have every cell: told by the summary, before any lookup.
    if !cells.any_in(&[CellState::Missing]) {
        return Vec::new();
    }
    let format = report.format_def();
    let mut out = Vec::new();
    for table in format.tables {
        if !table_shown(report, table.key) {
            continue;
        }
        for row in table.rows {
            let absent: Vec<CellKey> = row_cells(report, table.key, row)
                .filter(|c| c.state == CellState::Missing)
                .map(|c| c.key())
                .collect();
            if absent.is_empty() {
                continue;
            }
            let (row_zh_ref, row_en_ref) = (
                row_ref_zh(format, table.key, row.key),
                row_ref_en(format, table.key, row.key),
            );
            let cols_zh =
                quoted_list_zh(absent.iter().map(|k| column_zh(format, k.table, k.column)));
            let cols_en: Vec<&str> = absent.iter().map(|k| k.column).collect();
            let whole_row = absent.len() == row.columns.len();
            let message = if whole_row && row.columns.len() > 1 {
                Message::new(
                    format!(
                        "{row_zh_ref}未找到，该行应有的{}个数值全部缺少，涉及该行的核对无法进行",
                        row.columns.len()
                    ),
                    format!(
                        "{row_en_ref} not found: all {} values of the row are missing, so checks involving it cannot be made",
                        row.columns.len()
                    ),
                )
            } else if whole_row {
                Message::new(
                    format!("{row_zh_ref}未找到，缺少{cols_zh}列的数值"),
                    format!(
                        "{row_en_ref} not found: no value for {}",
                        cols_en.join(", ")
                    ),
                )
            } else {
                Message::new(
                    format!(
                        "{row_zh_ref}缺少{cols_zh}列的数值（格式规定该行有{}个数值）",
                        row.columns.len()
                    ),
                    format!(
                        "{row_en_ref}: no value for {} (the format has {} values in this row)",
                        cols_en.join(", "),
                        row.columns.len()
                    ),
                )
            };
            out.push(
                CELL_MISSING
                    .doc
                    .finding(Outcome::Fail, message)
                    .with_cells(absent)
                    .at(row_source(report, table.key, row.key)),
            );
        }
    }
    out
}

/// CELL-INFERRED: one finding per inferred cell, naming the relation that fixed it.
fn inferred(report: &Report, cells: &CellSummary) -> Vec<Finding> {
    // Most reports have no inferred cell: told by the summary, without the filtered pass that
    // gathers the findings.
    if !cells.any_in(&[CellState::Inferred]) {
        return Vec::new();
    }
    let format = report.format_def();
    report
        .cells
        .iter()
        .filter(|c| c.state == CellState::Inferred)
        .map(|cell| {
            let key = cell.key();
            let value = gongkai_model::report::format_value(cell.value.unwrap_or(0.0));
            let where_zh = cell_zh(format, &key);
            let where_en = cell_en(&key);
            let (message, evidence) = match &cell.inferred_by {
                Some(inf) => {
                    let name = format
                        .relations
                        .iter()
                        .find(|d| d.rule == inf.rule)
                        .map(|d| (d.name_zh, d.name_en));
                    let (name_zh, name_en) = name.unwrap_or((inf.rule, inf.rule));
                    let (along_zh, along_en) = if inf.along == key.column {
                        (
                            format!("「{}」列", column_zh(format, key.table, inf.along)),
                            format!("column {}", inf.along),
                        )
                    } else {
                        (
                            format!("「{}」行", row_zh(format, key.table, inf.along)),
                            format!("row {}", inf.along),
                        )
                    };
                    (
                        Message::new(
                            format!(
                                "{where_zh}原文未印出，依据 {}（{name_zh}）在{along_zh}推算为 {value}",
                                inf.rule
                            ),
                            format!(
                                "{where_en} is not printed; inferred as {value} from {} ({name_en}) along {along_en}",
                                inf.rule
                            ),
                        ),
                        Some(inf.evidence.clone()),
                    )
                }
                None => (
                    Message::new(
                        format!("{where_zh}原文未印出，推算为 {value}，但未注明依据的关系"),
                        format!("{where_en} is not printed; inferred as {value}, but the relation is not recorded"),
                    ),
                    None,
                ),
            };
            let location = if cell.source.is_none() {
                row_source(report, key.table, key.row)
            } else {
                cell.source
            };
            let f = CELL_INFERRED
                .doc
                .finding(Outcome::Fail, message)
                .with_cells(vec![key])
                .at(location);
            match evidence {
                Some(e) => f.with_evidence(e),
                None => f,
            }
        })
        .collect()
}

/// CELL-INCOMPLETE: one finding per row of 表三/表四 with blank or "/" cells.
fn incomplete(report: &Report, cells: &CellSummary) -> Vec<Finding> {
    // Most reports print a number in every cell: told by the summary.
    if !cells.any_in(&[CellState::Blank, CellState::NotApplicable]) {
        return Vec::new();
    }
    let format = report.format_def();
    let mut out = Vec::new();
    for table in format
        .tables
        .iter()
        .filter(|t| COMPLETE_TABLES.contains(&t.key))
    {
        for row in table.rows {
            let empty: Vec<&gongkai_model::Cell> = row_cells(report, table.key, row)
                .filter(|c| matches!(c.state, CellState::Blank | CellState::NotApplicable))
                .collect();
            if empty.is_empty() {
                continue;
            }
            let blanks: Vec<&str> = empty
                .iter()
                .filter(|c| c.state == CellState::Blank)
                .map(|c| c.column)
                .collect();
            let marked: Vec<(&str, &str)> = empty
                .iter()
                .filter(|c| c.state == CellState::NotApplicable)
                .map(|c| {
                    let mark = c.text.trim();
                    (c.column, if mark.is_empty() { "/" } else { mark })
                })
                .collect();
            let mut parts_zh = Vec::new();
            let mut parts_en = Vec::new();
            if blanks.len() == row.columns.len() && row.columns.len() > 1 {
                parts_zh.push(format!("整行空白（{}列）", blanks.len()));
                parts_en.push(format!("the whole row is blank ({} columns)", blanks.len()));
            } else if !blanks.is_empty() {
                parts_zh.push(format!(
                    "{}列空白",
                    quoted_list_zh(blanks.iter().map(|c| column_zh(format, table.key, c)))
                ));
                parts_en.push(format!("{} blank", blanks.join(", ")));
            }
            for (col, mark) in &marked {
                parts_zh.push(format!(
                    "「{}」列为“{mark}”",
                    column_zh(format, table.key, col)
                ));
                parts_en.push(format!("{col} is \"{mark}\""));
            }
            let message = Message::new(
                format!(
                    "{}未填写数字：{}。统计表应填写数字，没有发生的填0",
                    row_ref_zh(format, table.key, row.key),
                    parts_zh.join("，")
                ),
                format!(
                    "{}: no number filled in: {}. Statistics cells take a number, 0 where nothing happened",
                    row_ref_en(format, table.key, row.key),
                    parts_en.join("; ")
                ),
            );
            let keys: Vec<CellKey> = empty.iter().map(|c| c.key()).collect();
            let location = first_printed(report, &keys);
            out.push(
                CELL_INCOMPLETE
                    .doc
                    .finding(Outcome::Fail, message)
                    .with_cells(keys)
                    .at(location),
            );
        }
    }
    out
}

/// Whether `v` is exactly a whole number from 0 below 2^52: a few instructions that answer for
/// nearly every printed value (rounding and the tolerance need not be looked at). Below 2^52,
/// adding 2^52 rounds `v` to a whole number (the doubles from 2^52 to 2^53 are the whole numbers
/// there), so taking it off again gives `v` back exactly when `v` was whole: two additions, where
/// a conversion to an integer and back takes checks for the integer's range as well.
#[inline]
fn plainly_whole(v: f64) -> bool {
    const TWO_52: f64 = 4_503_599_627_370_496.0;
    (0.0..TWO_52).contains(&v) && (v + TWO_52) - TWO_52 == v
}

/// CELL-NONNEG: counts are whole and ≥ 0, amounts ≥ 0; changes may be anything.
fn nonneg(report: &Report, _: &CellSummary) -> Vec<Finding> {
    // Its own pass over the cells with a value: the test of a value costs more made for every
    // cell of the summary (most have one) than made here for those that have one.
    let format = report.format_def();
    let mut out = Vec::new();
    for cell in report.cells.iter().filter(|c| c.state.has_value()) {
        let Some(v) = cell.value else { continue };
        // A whole, non-negative, finite number is right for every kind of cell: most are, and
        // need no look at the format.
        if plainly_whole(v)
            || (v >= 0.0 && v.is_finite() && (v - v.round()).abs() <= gongkai_model::arith::EPSILON)
        {
            continue;
        }
        let key = cell.key();
        let kind = value_kind(format, &key);
        let problem = match kind {
            ValueKind::Count if v < 0.0 => Some(("件数不能为负数", "a count cannot be negative")),
            ValueKind::Count
                if !v.is_finite() || (v - v.round()).abs() > gongkai_model::arith::EPSILON =>
            {
                Some(("件数应为整数", "a count must be a whole number"))
            }
            ValueKind::Amount if v < 0.0 || !v.is_finite() => {
                Some(("金额不能为负数", "an amount cannot be negative"))
            }
            _ => None,
        };
        let Some((why_zh, why_en)) = problem else {
            continue;
        };
        let shown = gongkai_model::report::format_value(v);
        let printed = cell.text.trim();
        let as_printed_zh = if printed.is_empty() || printed == shown {
            String::new()
        } else {
            format!("（原文“{printed}”）")
        };
        let as_printed_en = if printed.is_empty() || printed == shown {
            String::new()
        } else {
            format!(" (printed \"{printed}\")")
        };
        let message = Message::new(
            format!(
                "{}为 {shown}{as_printed_zh}：{why_zh}",
                cell_zh(format, &key)
            ),
            format!("{} is {shown}{as_printed_en}: {why_en}", cell_en(&key)),
        );
        let location = if is_printed(cell) && !cell.source.is_none() {
            cell.source
        } else {
            first_printed(report, &[key])
        };
        out.push(
            CELL_NONNEG
                .doc
                .finding(Outcome::Fail, message)
                .with_evidence(shown)
                .with_cells(vec![key])
                .at(location),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{plainly_whole, CellSummary};
    use gongkai_model::arith::EPSILON;
    use gongkai_model::{CellState, FormatId, Report};

    /// The summary says of each state whether a cell is in it, as a scan of the cells for it
    /// would: for reports with cells in every state.
    #[test]
    fn the_cell_summary_says_what_scans_of_the_cells_say() {
        let states = CellState::ALL;
        let values = [
            None,
            Some(3.0),
            Some(-1.0),
            Some(2.5),
            Some(f64::NAN),
            Some(0.0),
        ];
        for format in [FormatId::F2019, FormatId::F2021] {
            for (i, state) in states.iter().enumerate() {
                for (j, value) in values.iter().enumerate() {
                    let mut report = Report::empty(format);
                    // Every cell in one state, or one cell changed among the missing ones.
                    for (k, cell) in report.cells.iter_mut().enumerate() {
                        if (i + j) % 2 == 0 || k == 7 {
                            cell.state = *state;
                            cell.value = *value;
                        }
                    }
                    let summary = CellSummary::of(&report);
                    for s in states {
                        assert_eq!(
                            summary.any_in(&[s]),
                            report.cells.iter().any(|c| c.state == s),
                            "{s:?}"
                        );
                    }
                }
            }
        }
    }

    /// The shortcut of CELL-NONNEG's test says "whole and ≥ 0" only where the full test does.
    #[test]
    fn plainly_whole_only_where_whole_and_not_negative() {
        let full = |v: f64| v >= 0.0 && v.is_finite() && (v - v.round()).abs() <= EPSILON;
        let mut values = vec![
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            1e-9,
            -1e-9,
            3.000_000_1,
            8.99e15,
            9.0e15,
            1e300,
            f64::MAX,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            f64::MIN_POSITIVE,
        ];
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..10_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            values.push(f64::from_bits(x));
            values.push((x % 100_000) as f64 / [1.0, 10.0, 100.0][(x % 3) as usize]);
        }
        for v in values {
            if plainly_whole(v) {
                assert!(full(v), "{v}");
            }
        }
        assert!(plainly_whole(0.0) && plainly_whole(42.0) && plainly_whole(-0.0));
        // Whole numbers of the range, at its ends and between, are all told so.
        let two_52 = 4_503_599_627_370_496.0_f64;
        for v in [1.0, 1e6, 9e14, two_52 - 1.0, two_52 - 2.0, 12_345_678_901.0] {
            assert!(plainly_whole(v), "{v}");
        }
        assert!(!plainly_whole(two_52) && !plainly_whole(0.5) && !plainly_whole(two_52 - 0.5));
    }
}
