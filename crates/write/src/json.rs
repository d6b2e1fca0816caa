//! The JSON form of a report and of its findings (KEYS.md).
//!
//! Objects are built field by field rather than through the model's `Serialize` impls, so the
//! public shape (key order, which fields exist, `null` versus absent) is fixed here, in one
//! place, and a change in the model cannot silently change the contract.

use gongkai_model::{Cell, Finding, Lang, Report, Severity, Source};
use serde_json::{json, Map, Number, Value};

/// JSON of one report:
/// `{"source"?, "agency", "year", "format", "published_on", "cells": [..], "findings": [..]}`.
///
/// `source` (the file name) is present only when `source_name` is `Some`; it comes first so a
/// stream of reports reads file by file. Each cell is
/// `{"table","row","column","value","state","text","source"}`, plus `"inferred_by"`
/// (`{"rule","along","evidence"}`) on inferred cells, because an inferred value must always name
/// the relation that fixed it. Each finding is shaped as by [`finding_json`], with its message
/// in `lang`.
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
        "findings".into(),
        Value::Array(findings.iter().map(|f| finding_json(f, lang)).collect()),
    );
    Value::Object(obj)
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
