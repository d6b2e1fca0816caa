mod common;

use common::*;
use gongkai_model::{FormatId, Lang, Report};
use gongkai_write::{findings_json, report_json};

fn pretty(v: &serde_json::Value) -> String {
    serde_json::to_string_pretty(v).expect("a JSON value prints")
}

#[test]
fn report_json_golden() {
    let findings = [balance(), uncertain_nowhere()];
    let got = pretty(&report_json(
        &small_report(),
        &findings,
        Lang::Zh,
        Some("sz-2023.txt"),
    ));
    let want = r#"{
  "source": "sz-2023.txt",
  "agency": "某市人民政府办公室",
  "year": 2023,
  "format": "2021",
  "published_on": "2024-01-20",
  "cells": [
    {
      "table": "proactive",
      "row": "regulations",
      "column": "issued",
      "value": null,
      "state": "missing",
      "text": "",
      "source": null
    },
    {
      "table": "proactive",
      "row": "normative_documents",
      "column": "in_force",
      "value": 12,
      "state": "number",
      "text": "12",
      "source": "L2:13"
    },
    {
      "table": "proactive",
      "row": "fees",
      "column": "amount",
      "value": 14.4,
      "state": "number",
      "text": "14.4万元",
      "source": "L4:8"
    },
    {
      "table": "requests",
      "row": "received",
      "column": "natural_person",
      "value": 7,
      "state": "number",
      "text": "7",
      "source": "L3:7"
    },
    {
      "table": "requests",
      "row": "received",
      "column": "business",
      "value": null,
      "state": "blank",
      "text": "",
      "source": "L3:8"
    },
    {
      "table": "requests",
      "row": "received",
      "column": "total",
      "value": 7,
      "state": "inferred",
      "text": "",
      "source": null,
      "inferred_by": {
        "rule": "T3-ROW-TOTAL",
        "along": "received",
        "evidence": "total = 7 + 0 = 7"
      }
    },
    {
      "table": "requests",
      "row": "carried_in",
      "column": "natural_person",
      "value": null,
      "state": "not_applicable",
      "text": "/",
      "source": "L5"
    },
    {
      "table": "requests",
      "row": "carried_in",
      "column": "business",
      "value": null,
      "state": "blank",
      "text": "",
      "source": null
    }
  ],
  "findings": [
    {
      "rule": "T3-BALANCE",
      "severity": "error",
      "outcome": "fail",
      "message": "表三 一+二 与 三(七)+四 不相等",
      "evidence": "5 + 0 ≠ 12",
      "cells": [
        {
          "table": "requests",
          "row": "received",
          "column": "natural_person"
        },
        {
          "table": "requests",
          "row": "total",
          "column": "natural_person"
        }
      ],
      "source": "L2:13"
    },
    {
      "rule": "T3-ROW-TOTAL",
      "severity": "warning",
      "outcome": "uncertain",
      "message": "总计无法核对",
      "evidence": "_ + 7 =? 7",
      "cells": [],
      "source": null
    }
  ]
}"#;
    assert_eq!(got, want);
}

#[test]
fn report_json_without_source_or_metadata() {
    let r = Report::empty(FormatId::Legacy);
    let v = report_json(&r, &[], Lang::En, None);
    let obj = v.as_object().expect("an object");
    let keys: Vec<&str> = obj.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "agency",
            "year",
            "format",
            "published_on",
            "cells",
            "findings"
        ]
    );
    assert_eq!(v["agency"], serde_json::Value::Null);
    assert_eq!(v["year"], serde_json::Value::Null);
    assert_eq!(v["published_on"], serde_json::Value::Null);
    assert_eq!(v["format"], "legacy");
    assert_eq!(
        v["cells"].as_array().map(Vec::len),
        Some(r.cells.len()),
        "one object per cell of the format"
    );
}

#[test]
fn findings_json_golden_in_english() {
    let got = serde_json::to_string(&findings_json(
        "a.txt",
        &[uncertain_nowhere(), balance()],
        Lang::En,
    ))
    .expect("prints");
    let want = concat!(
        r#"{"file":"a.txt","findings":["#,
        r#"{"rule":"T3-ROW-TOTAL","severity":"warning","outcome":"uncertain","#,
        r#""message":"the total cannot be checked","evidence":"_ + 7 =? 7","cells":[],"source":null},"#,
        r#"{"rule":"T3-BALANCE","severity":"error","outcome":"fail","#,
        r#""message":"table 3: 1+2 differs from 3(7)+4","evidence":"5 + 0 ≠ 12","#,
        r#""cells":[{"table":"requests","row":"received","column":"natural_person"},"#,
        r#"{"table":"requests","row":"total","column":"natural_person"}],"source":"L2:13"}],"#,
        r#""summary":{"error":1,"warning":1,"notice":0}}"#
    );
    assert_eq!(got, want);
}

#[test]
fn findings_json_empty() {
    let got = serde_json::to_string(&findings_json("b.txt", &[], Lang::Zh)).expect("prints");
    assert_eq!(
        got,
        r#"{"file":"b.txt","findings":[],"summary":{"error":0,"warning":0,"notice":0}}"#
    );
}

#[test]
fn non_finite_value_is_null_not_a_panic() {
    let mut r = small_report();
    for c in r.cells.iter_mut() {
        if c.value.is_some() {
            c.value = Some(f64::NAN);
        }
    }
    let v = report_json(&r, &[], Lang::Zh, None);
    assert!(v["cells"]
        .as_array()
        .expect("cells")
        .iter()
        .all(|c| c["value"].is_null()));
}
