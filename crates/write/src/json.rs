//! The JSON form of a report and of its findings (KEYS.md).
//!
//! Objects are built field by field rather than through the model's `Serialize` impls, so the
//! public shape (key order, which fields exist, `null` versus absent) is fixed here, in one
//! place, and a change in the model cannot silently change the contract.

use gongkai_model::{
    Cell, CellState, Finding, Lang, Meaning, Quantity, Report, Severity, Source, Statement,
    StatementKind, Unit,
};
use serde_json::{json, Map, Number, Value};

/// JSON of one report:
/// `{"source"?, "agency", "year", "format", "published_on", "cells": [..], "statements": [..],
/// "findings": [..]}`.
///
/// `source` (the file name) is present only when `source_name` is `Some`; it comes first so a
/// stream of reports reads file by file. Each cell is
/// `{"table","row","column","value","state","text","source"}`, plus `"inferred_by"`
/// (`{"rule","along","evidence"}`) on inferred cells, because an inferred value must always name
/// the relation that fixed it. Each statement (a figure the prose states) is shaped as by
/// [`statement_json`]. Each finding is shaped as by [`finding_json`], with its message in `lang`.
///
/// `findings` is taken as given: pass the reader's `report.notes` along with the rule findings
/// if they should appear.
pub fn report_json(
    report: &Report,
    findings: &[Finding],
    lang: Lang,
    source_name: Option<&str>,
) -> Value {
    let mut obj = Map::new();
    if let Some(name) = source_name {
        obj.insert("source".into(), Value::from(name));
    }
    obj.insert(
        "agency".into(),
        report
            .agency
            .value
            .as_deref()
            .map_or(Value::Null, Value::from),
    );
    obj.insert(
        "year".into(),
        report.year.value.map_or(Value::Null, Value::from),
    );
    obj.insert("format".into(), Value::from(report.format.key()));
    obj.insert(
        "published_on".into(),
        report
            .published_on
            .value
            .map_or(Value::Null, |d| Value::from(d.to_string())),
    );
    obj.insert(
        "cells".into(),
        Value::Array(report.cells.iter().map(cell_json).collect()),
    );
    obj.insert(
        "statements".into(),
        Value::Array(report.statements.iter().map(statement_json).collect()),
    );
    obj.insert(
        "findings".into(),
        Value::Array(findings.iter().map(|f| finding_json(f, lang)).collect()),
    );
    Value::Object(obj)
}

/// One statement of the prose:
/// `{"kind","quantity":{"lo","hi","exact"},"decimals","unit","subject","meaning","alternatives",
/// "parts","part_of","share_of","text","sentence","sentence_no","paragraph_no","source"}`.
///
/// `kind` is `figure`, `words` (zero said in words) or `percent`. `quantity` gives the bounds
/// the text allows, in `unit` as printed (`200余条` is `{"lo":200,"hi":299,"exact":false}`; an
/// open bound is `null`). `meaning` is the `legacy` row key (or another stable meaning key, e.g.
/// `requests_carried_in`) when recognised, else `null`; `alternatives` the other readings of an
/// ambiguous statement. `parts`, `part_of` and `share_of` are indices into this same array.
pub fn statement_json(s: &Statement) -> Value {
    let bound = |v: f64| {
        if !v.is_finite() {
            Value::Null
        } else if v.fract() == 0.0 && v.abs() < 9.0e15 {
            Value::from(v as i64)
        } else {
            Number::from_f64(v).map_or(Value::Null, Value::Number)
        }
    };
    json!({
        "kind": s.kind.key(),
        "quantity": {
            "lo": bound(s.quantity.lo),
            "hi": bound(s.quantity.hi),
            "exact": s.quantity.exact,
        },
        "decimals": s.decimals,
        "unit": s.unit.zh(),
        "subject": s.subject,
        "meaning": s.meaning.map_or(Value::Null, |m| Value::from(m.key())),
        "alternatives": s.alternatives.iter().map(|m| m.key()).collect::<Vec<_>>(),
        "parts": s.parts,
        "part_of": s.part_of,
        "share_of": s.share_of,
        "text": s.text,
        "sentence": s.sentence,
        "sentence_no": s.sentence_no,
        "paragraph_no": s.paragraph_no,
        "source": source_json(&s.source),
    })
}

/// The findings of one file (for `gongkai check --format json`):
/// `{"file", "findings": [..], "summary": {"error", "warning", "notice"}}`.
pub fn findings_json(file: &str, findings: &[Finding], lang: Lang) -> Value {
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    json!({
        "file": file,
        "findings": findings.iter().map(|f| finding_json(f, lang)).collect::<Vec<_>>(),
        "summary": {
            "error": count(Severity::Error),
            "warning": count(Severity::Warning),
            "notice": count(Severity::Notice),
        },
    })
}

/// One finding:
/// `{"rule","severity","outcome","message","evidence","cells":[{"table","row","column"}],"source"}`.
/// `message` is in `lang`; `evidence` and `source` are `null` when absent.
pub fn finding_json(finding: &Finding, lang: Lang) -> Value {
    json!({
        "rule": finding.rule,
        "severity": finding.severity.key(),
        "outcome": finding.outcome.key(),
        "message": finding.message.get(lang),
        "evidence": finding.evidence,
        "cells": finding
            .cells
            .iter()
            .map(|k| json!({"table": k.table, "row": k.row, "column": k.column}))
            .collect::<Vec<_>>(),
        "source": source_json(&finding.location),
    })
}

fn cell_json(cell: &Cell) -> Value {
    let mut obj = json!({
        "table": cell.table,
        "row": cell.row,
        "column": cell.column,
        "value": value_json(cell),
        "state": cell.state.key(),
        "text": cell.text,
        "source": source_json(&cell.source),
    });
    if let (Some(inf), Value::Object(map)) = (&cell.inferred_by, &mut obj) {
        map.insert(
            "inferred_by".into(),
            json!({"rule": inf.rule, "along": inf.along, "evidence": inf.evidence}),
        );
    }
    obj
}

/// The value as KEYS.md has it: only `number` and `inferred` cells carry one (a stray value on a
/// blank cell would read as data); whole numbers as JSON integers, decimals as floats, and a
/// non-finite value (which JSON cannot hold) as `null`.
fn value_json(cell: &Cell) -> Value {
    let Some(v) = cell.value.filter(|_| cell.state.has_value()) else {
        return Value::Null;
    };
    // The same bound as the model's `format_value`: beyond it an f64 no longer holds every
    // integer, so the float form is the honest one.
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        Value::from(v as i64)
    } else {
        Number::from_f64(v).map_or(Value::Null, Value::Number)
    }
}

/// A place as its display string (`L148`, `L36:5`, `p2.t1.r5.c3`), or `null` for nowhere
/// (rather than the empty string the model's `Serialize` gives).
fn source_json(source: &Source) -> Value {
    if source.is_none() {
        Value::Null
    } else {
        Value::from(source.to_string())
    }
}

// ---- reading the JSON back -------------------------------------------------------------------

/// Why a JSON file is not a report as `gongkai parse` writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonError {
    /// Not JSON at all: where the parser stopped (1-based line and column).
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// JSON, but not a report: the path of the offending field (`cells[3].state`) and what is
    /// wrong with it.
    Shape {
        path: String,
        zh: String,
        en: String,
    },
}

impl JsonError {
    fn shape(path: impl Into<String>, zh: impl Into<String>, en: impl Into<String>) -> JsonError {
        JsonError::Shape {
            path: path.into(),
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (
                JsonError::Syntax {
                    line,
                    column,
                    message,
                },
                Lang::Zh,
            ) => format!(
                "第 {line} 行第 {column} 列：不是有效的 JSON（{message}）。请使用 gongkai parse 输出的 JSON 文件。"
            ),
            (
                JsonError::Syntax {
                    line,
                    column,
                    message,
                },
                Lang::En,
            ) => format!(
                "line {line}, column {column}: not valid JSON ({message}); use the JSON that gongkai parse writes"
            ),
            (JsonError::Shape { path, zh, .. }, Lang::Zh) => {
                format!("字段 {path}：{zh}。请使用 gongkai parse 输出的 JSON 文件。")
            }
            (JsonError::Shape { path, en, .. }, Lang::En) => {
                format!("field {path}: {en}; use the JSON that gongkai parse writes")
            }
        }
    }
}

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for JsonError {}

/// Reads a report back from the JSON of [`report_json`] (`gongkai parse`): metadata, cells
/// with their states, values, printed texts, sources and inferences, and the statements of the
/// prose (so the prose rules run again on the report read back). Findings in the file are
/// ignored: they are recomputed.
///
/// The JSON does not record which parts the source had, and a report rendered from it prints
/// all six: the parts are taken as present (`Source::None`), and a table as present when any of
/// its cells is printed. Cells the file does not list stay `missing`.
pub fn report_from_json(text: &str) -> Result<Report, JsonError> {
    let v: Value = serde_json::from_str(text).map_err(|e| JsonError::Syntax {
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    let Value::Object(obj) = &v else {
        return Err(JsonError::shape(
            "(顶层)",
            "应为一个报告对象 {…}",
            "expected one report object {…}",
        ));
    };
    let format = obj
        .get("format")
        .and_then(Value::as_str)
        .and_then(gongkai_model::FormatId::from_key)
        .ok_or_else(|| {
            JsonError::shape(
                "format",
                "缺少或无法识别（应为 \"2019\"、\"2021\" 或 \"legacy\"）",
                "missing or unknown (expected \"2019\", \"2021\" or \"legacy\")",
            )
        })?;
    let def = gongkai_model::formats::get(format);
    let mut report = if format == gongkai_model::FormatId::Legacy {
        Report::with_cells(format, Vec::new())
    } else {
        Report::empty(format)
    };
    report.agency.value = match obj.get("agency") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => {
            return Err(JsonError::shape(
                "agency",
                "应为字符串",
                "expected a string",
            ))
        }
    };
    report.year.value = match obj.get("year") {
        None | Some(Value::Null) => None,
        Some(y) => Some(
            y.as_i64()
                .and_then(|y| i32::try_from(y).ok())
                .ok_or_else(|| JsonError::shape("year", "应为整数年份", "expected a year"))?,
        ),
    };
    report.published_on.value = match obj.get("published_on") {
        None | Some(Value::Null) => None,
        Some(d) => Some(d.as_str().and_then(parse_date).ok_or_else(|| {
            JsonError::shape(
                "published_on",
                "应为 YYYY-MM-DD 格式的日期",
                "expected a date YYYY-MM-DD",
            )
        })?),
    };
    let cells = match obj.get("cells") {
        Some(Value::Array(a)) => a.as_slice(),
        None | Some(Value::Null) => &[],
        Some(_) => return Err(JsonError::shape("cells", "应为数组", "expected an array")),
    };
    let mut legacy_cells = Vec::new();
    for (i, c) in cells.iter().enumerate() {
        let path = |f: &str| format!("cells[{i}].{f}");
        let field = |f: &str| c.get(f).and_then(Value::as_str);
        let (Some(t), Some(r), Some(col)) = (field("table"), field("row"), field("column")) else {
            return Err(JsonError::shape(
                format!("cells[{i}]"),
                "缺少 table、row 或 column",
                "needs table, row and column",
            ));
        };
        let key = def
            .table(t)
            .and_then(|td| {
                // A legacy 附表's provincial indicators are `extra.<n>` rows (KEYS.md), with the
                // legacy table's columns.
                let (row, columns) = match td.row(r) {
                    Some(rd) => (rd.key, rd.columns),
                    None if format == gongkai_model::FormatId::Legacy => (
                        gongkai_model::formats::legacy::extra_row_key(r)?,
                        td.rows.first()?.columns,
                    ),
                    None => return None,
                };
                let cd = columns.iter().find(|x| **x == col)?;
                Some(gongkai_model::CellKey {
                    table: td.key,
                    row,
                    column: cd,
                })
            })
            .ok_or_else(|| {
                JsonError::shape(
                    format!("cells[{i}]"),
                    format!("{t}.{r}.{col} 不是 {} 格式的单元格", format.key()),
                    format!("{t}.{r}.{col} is not a cell of the {} format", format.key()),
                )
            })?;
        let state = match field("state") {
            Some("number") => CellState::Number,
            Some("not_applicable") => CellState::NotApplicable,
            Some("blank") => CellState::Blank,
            Some("missing") => CellState::Missing,
            Some("inferred") => CellState::Inferred,
            _ => {
                return Err(JsonError::shape(
                    path("state"),
                    "应为 number、not_applicable、blank、missing 或 inferred",
                    "expected number, not_applicable, blank, missing or inferred",
                ))
            }
        };
        let value = match c.get("value") {
            None | Some(Value::Null) => None,
            Some(v) => Some(v.as_f64().filter(|x| x.is_finite()).ok_or_else(|| {
                JsonError::shape(
                    path("value"),
                    "应为数字或 null",
                    "expected a number or null",
                )
            })?),
        };
        if state.has_value() && value.is_none() {
            return Err(JsonError::shape(
                path("value"),
                format!("状态为 {} 的单元格必须有数值", state.key()),
                format!("a cell in state {} needs a value", state.key()),
            ));
        }
        let inferred_by = c.get("inferred_by").and_then(|inf| {
            let rule = inf.get("rule").and_then(Value::as_str)?;
            let along = inf.get("along").and_then(Value::as_str)?;
            let evidence = inf.get("evidence").and_then(Value::as_str)?;
            // The inference names static rule and key strings: take them from the format.
            let rule = def.relations.iter().find(|r| r.rule == rule)?.rule;
            let table = def.table(key.table)?;
            let along = table
                .rows
                .iter()
                .map(|r| r.key)
                .chain(table.columns.iter().map(|c| c.key))
                .find(|k| *k == along)?;
            Some(Box::new(gongkai_model::Inference {
                rule,
                along,
                evidence: evidence.to_string(),
            }))
        });
        let cell = Cell {
            table: key.table,
            row: key.row,
            column: key.column,
            value: value.filter(|_| state.has_value()),
            state,
            text: field("text").unwrap_or("").into(),
            source: field("source").map_or(Source::None, parse_source),
            inferred_by,
        };
        if format == gongkai_model::FormatId::Legacy {
            legacy_cells.push(cell);
        } else if let Some(slot) = report.cell_mut(&key) {
            *slot = cell;
        }
    }
    if format == gongkai_model::FormatId::Legacy {
        let mut r = Report::with_cells(format, legacy_cells);
        r.agency = report.agency;
        r.year = report.year;
        r.published_on = report.published_on;
        report = r;
    }
    report.sections = def
        .sections
        .iter()
        .map(|s| gongkai_model::Found {
            key: s.key,
            source: Source::None,
        })
        .collect();
    report.tables = def
        .tables
        .iter()
        .filter(|t| {
            report.cells.iter().any(|c| {
                c.table == t.key
                    && matches!(
                        c.state,
                        CellState::Number | CellState::Blank | CellState::NotApplicable
                    )
            })
        })
        .map(|t| gongkai_model::Found {
            key: t.key,
            source: Source::None,
        })
        .collect();
    report.statements = match obj.get("statements") {
        Some(Value::Array(a)) => a
            .iter()
            .enumerate()
            .map(|(i, v)| statement_from_json(i, v, a.len()))
            .collect::<Result<_, _>>()?,
        None | Some(Value::Null) => Vec::new(),
        Some(_) => {
            return Err(JsonError::shape(
                "statements",
                "应为数组",
                "expected an array",
            ))
        }
    };
    Ok(report)
}

/// One statement of [`statement_json`]'s form, the `i`-th of `count` (its `parts`, `part_of`
/// and `share_of` must name statements of the same list).
fn statement_from_json(i: usize, v: &Value, count: usize) -> Result<Statement, JsonError> {
    let path = |f: &str| format!("statements[{i}].{f}");
    let bad = |f: &str, zh: &str, en: &str| JsonError::shape(path(f), zh, en);
    let text = |f: &str| v.get(f).and_then(Value::as_str);
    let kind = text("kind")
        .and_then(StatementKind::from_key)
        .ok_or_else(|| bad("kind", "缺少或无法识别", "missing or unknown"))?;
    let q = v.get("quantity");
    let bound = |f: &str| q.and_then(|q| q.get(f));
    let lo = bound("lo")
        .and_then(Value::as_f64)
        .ok_or_else(|| bad("quantity.lo", "应为数字", "expected a number"))?;
    let hi = match bound("hi") {
        None | Some(Value::Null) => f64::INFINITY,
        Some(h) => h.as_f64().ok_or_else(|| {
            bad(
                "quantity.hi",
                "应为数字或 null",
                "expected a number or null",
            )
        })?,
    };
    let exact = bound("exact").and_then(Value::as_bool).unwrap_or(lo == hi);
    let unit = text("unit")
        .and_then(Unit::from_zh)
        .ok_or_else(|| bad("unit", "缺少或无法识别的单位", "missing or unknown unit"))?;
    let meaning = |m: &Value| {
        m.as_str()
            .and_then(Meaning::from_key)
            .ok_or_else(|| bad("meaning", "无法识别的含义", "unknown meaning"))
    };
    let index = |x: &Value, f: &str| {
        x.as_u64()
            .and_then(|n| usize::try_from(n).ok())
            .filter(|n| *n < count)
            .ok_or_else(|| {
                bad(
                    f,
                    "应为本列表中一条记录的序号",
                    "expected the index of a statement of this list",
                )
            })
    };
    let optional_index = |f: &str| match v.get(f) {
        None | Some(Value::Null) => Ok(None),
        Some(x) => index(x, f).map(Some),
    };
    let list = |f: &str| match v.get(f) {
        None | Some(Value::Null) => Ok(&[][..]),
        Some(Value::Array(a)) => Ok(a.as_slice()),
        Some(_) => Err(bad(f, "应为数组", "expected an array")),
    };
    let small = |f: &str| v.get(f).and_then(Value::as_u64).unwrap_or(0);
    Ok(Statement {
        kind,
        quantity: Quantity { lo, hi, exact },
        decimals: u8::try_from(small("decimals")).unwrap_or(u8::MAX),
        unit,
        subject: text("subject").unwrap_or("").to_string(),
        meaning: match v.get("meaning") {
            None | Some(Value::Null) => None,
            Some(m) => Some(meaning(m)?),
        },
        alternatives: list("alternatives")?
            .iter()
            .map(meaning)
            .collect::<Result<_, _>>()?,
        parts: list("parts")?
            .iter()
            .map(|x| index(x, "parts"))
            .collect::<Result<_, _>>()?,
        part_of: optional_index("part_of")?,
        share_of: optional_index("share_of")?,
        text: text("text").unwrap_or("").to_string(),
        sentence: text("sentence").unwrap_or("").to_string(),
        sentence_no: u32::try_from(small("sentence_no")).unwrap_or(u32::MAX),
        paragraph_no: u32::try_from(small("paragraph_no")).unwrap_or(u32::MAX),
        source: text("source").map_or(Source::None, parse_source),
    })
}

fn parse_date(s: &str) -> Option<gongkai_model::Date> {
    let mut it = s.splitn(3, '-');
    let y = it.next()?.parse().ok()?;
    let m = it.next()?.parse().ok()?;
    let d = it.next()?.parse().ok()?;
    gongkai_model::Date::new(y, m, d)
}

/// The inverse of `Source`'s display form: `L148`, `L36:5`, `p2.t1.r5.c3`, `t1.r5.c3`. Lengths
/// are not in the display form; a source that does not parse is `None`.
fn parse_source(s: &str) -> Source {
    if let Some(rest) = s.strip_prefix('L') {
        let (line, column) = match rest.split_once(':') {
            Some((l, c)) => (l.parse().ok(), c.parse().ok()),
            None => (rest.parse().ok(), Some(1)),
        };
        return match (line, column) {
            (Some(line), Some(column)) => Source::Text {
                line,
                column,
                len: 0,
                alone: !rest.contains(':'),
            },
            _ => Source::None,
        };
    }
    let mut parts: Vec<&str> = s.split('.').collect();
    let page = match parts.first().and_then(|p| p.strip_prefix('p')) {
        Some(p) => {
            let page = p.parse().ok();
            parts.remove(0);
            page
        }
        None => Some(0),
    };
    let num = |i: usize, prefix: char| -> Option<u32> {
        parts
            .get(i)
            .and_then(|p| p.strip_prefix(prefix))?
            .parse()
            .ok()
    };
    match (page, num(0, 't'), num(1, 'r'), num(2, 'c'), parts.len()) {
        (Some(page), Some(table), Some(row), Some(cell), 3) => Source::Grid {
            page,
            table,
            row,
            cell,
        },
        _ => Source::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_parse_back() {
        for s in ["L148", "L36:5", "p2.t1.r5.c3", "t1.r5.c3"] {
            assert_eq!(parse_source(s).to_string(), s);
        }
        assert!(parse_source("x").is_none());
        assert!(parse_source("L").is_none());
    }

    #[test]
    fn bad_json_says_where() {
        let e = report_from_json("{\n  \"format\": 20").unwrap_err();
        assert!(matches!(e, JsonError::Syntax { line: 2, .. }), "{e:?}");
        let e = report_from_json("{\"format\": \"2021\", \"cells\": [{\"table\": \"x\", \"row\": \"y\", \"column\": \"z\"}]}")
            .unwrap_err();
        assert!(e.message(Lang::Zh).contains("cells[0]"));
    }
}
