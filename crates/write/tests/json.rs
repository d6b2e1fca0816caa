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
  "statements": [],
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
            "statements",
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

#[test]
fn statements_json_golden() {
    // 主动公开信息200余条，其中通过政府网站公开180条: an approximate whole and an exact part.
    use gongkai_model::{Meaning, Quantity, Source, Statement, StatementKind, Unit};
    let whole = Statement {
        kind: StatementKind::Figure,
        quantity: Quantity::between(200.0, 299.0),
        decimals: 0,
        unit: Unit::Tiao,
        subject: "主动公开信息".into(),
        meaning: Some(Meaning::ProactiveTotal),
        alternatives: Vec::new(),
        parts: vec![1],
        part_of: None,
        share_of: None,
        text: "200余条".into(),
        sentence: "主动公开信息200余条，其中通过政府网站公开180条。".into(),
        sentence_no: 4,
        paragraph_no: 3,
        source: Source::Text {
            line: 12,
            column: 7,
            len: 5,
            alone: false,
        },
    };
    let part = Statement {
        quantity: Quantity::exact(180.0),
        subject: "通过政府网站公开".into(),
        meaning: Some(Meaning::ProactiveWebsite),
        alternatives: vec![Meaning::ProactiveTotal],
        parts: Vec::new(),
        part_of: Some(0),
        text: "180条".into(),
        source: Source::Text {
            line: 12,
            column: 23,
            len: 4,
            alone: false,
        },
        ..whole.clone()
    };
    let fee = Statement {
        kind: StatementKind::Words,
        quantity: Quantity::exact(0.0),
        unit: Unit::Wanyuan,
        subject: "收费".into(),
        meaning: Some(Meaning::Fees),
        parts: Vec::new(),
        text: "未收取任何费用".into(),
        source: Source::None,
        ..whole.clone()
    };
    let open = Statement {
        quantity: Quantity::between(10.0, f64::INFINITY),
        meaning: None,
        parts: Vec::new(),
        text: "超过10条".into(),
        ..whole.clone()
    };
    let mut r = Report::empty(FormatId::Legacy);
    r.statements = vec![whole, part, fee, open];
    let v = report_json(&r, &[], Lang::Zh, None);
    let got: Vec<String> = v["statements"]
        .as_array()
        .expect("statements")
        .iter()
        .map(|s| serde_json::to_string(s).expect("prints"))
        .collect();
    assert_eq!(
        got[0],
        concat!(
            r#"{"kind":"figure","quantity":{"lo":200,"hi":299,"exact":false},"decimals":0,"#,
            r#""unit":"条","subject":"主动公开信息","meaning":"proactive_total","alternatives":[],"#,
            r#""parts":[1],"part_of":null,"share_of":null,"text":"200余条","#,
            r#""sentence":"主动公开信息200余条，其中通过政府网站公开180条。","#,
            r#""sentence_no":4,"paragraph_no":3,"source":"L12:7"}"#
        )
    );
    assert_eq!(v["statements"][1]["quantity"]["exact"], true);
    assert_eq!(v["statements"][1]["part_of"], 0);
    assert_eq!(
        v["statements"][1]["alternatives"],
        serde_json::json!(["proactive_total"])
    );
    assert_eq!(v["statements"][2]["kind"], "words");
    assert_eq!(v["statements"][2]["unit"], "万元");
    assert_eq!(v["statements"][2]["source"], serde_json::Value::Null);
    assert_eq!(
        v["statements"][3]["quantity"]["hi"],
        serde_json::Value::Null
    );
    assert_eq!(v["statements"][3]["meaning"], serde_json::Value::Null);
}

#[test]
fn legacy_extra_rows_read_back_from_json() {
    // A 附表's indicator the legacy table does not have is `extra.<n>`, with its label in the
    // text: the JSON of `parse` reads back with it (and an unknown row still does not).
    let text = "某县2013年政府信息公开工作年度报告\n\n附表：政府信息公开情况统计表\n指标名称|计量单位|本年度|历年累计\n申请总数|件|15|62\n网站专栏页面访问量|人次|35620|128400\n";
    let r = gongkai_read::read_str(text.to_string()).report;
    let json = serde_json::to_string(&report_json(&r, &[], Lang::Zh, None)).expect("prints");
    let back = gongkai_write::report_from_json(&json).expect("reads back");
    let rows: Vec<(&str, &str)> = back.cells.iter().map(|c| (c.row, c.column)).collect();
    assert_eq!(
        rows,
        [
            ("requests_received", "year"),
            ("requests_received", "cumulative"),
            ("extra.1", "year"),
            ("extra.1", "cumulative"),
        ]
    );
    let extra = back
        .get("legacy", "extra.1", "cumulative")
        .expect("extra cell");
    assert_eq!(extra.value, Some(128_400.0));
    assert!(extra.text.starts_with("网站专栏页面访问量"));
    let bad = json.replace("extra.1", "extra.x");
    assert!(gongkai_write::report_from_json(&bad).is_err());
}

#[test]
fn statements_read_back_from_json_and_the_prose_rules_run_again() {
    // Every seed (the 2017 prose report included): the statements of `parse --format json`
    // read back equal, so a report rebuilt from the JSON keeps its prose checks.
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/seeds");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).expect("seeds") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("seed");
        let r = gongkai_read::read_text(&bytes).expect("reads").report;
        let json = serde_json::to_string(&report_json(&r, &[], Lang::Zh, None)).expect("prints");
        let back = gongkai_write::report_from_json(&json).expect("reads back");
        assert_eq!(
            back.statements.len(),
            r.statements.len(),
            "{}",
            path.display()
        );
        for (a, b) in r.statements.iter().zip(&back.statements) {
            assert_eq!(
                gongkai_write::statement_json(a),
                gongkai_write::statement_json(b),
                "{}",
                path.display()
            );
        }
        let prose = |rep: &Report| -> Vec<(String, String)> {
            gongkai_check::check(rep)
                .into_iter()
                .filter(|f| f.rule.starts_with("PROSE-"))
                .map(|f| (f.rule.to_string(), f.message.zh.clone()))
                .collect()
        };
        assert_eq!(prose(&back), prose(&r), "{}", path.display());
        seen += r.statements.len();
    }
    assert!(seen > 20, "the seeds state figures in their prose ({seen})");
}

#[test]
fn malformed_statements_are_refused_with_their_place() {
    let text = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/seeds/000_33abec3ff02c02bd.txt"
    ))
    .expect("seed");
    let r = gongkai_read::read_text(&text).expect("reads").report;
    assert!(!r.statements.is_empty());
    let mut v = report_json(&r, &[], Lang::Zh, None);
    v["statements"][0]["parts"] = serde_json::json!([9999]);
    let e = gongkai_write::report_from_json(&v.to_string()).expect_err("index out of range");
    assert!(e.to_string().contains("statements[0].parts"), "{e}");
    let mut v = report_json(&r, &[], Lang::Zh, None);
    v["statements"][0]["unit"] = serde_json::json!("furlong");
    let e = gongkai_write::report_from_json(&v.to_string()).expect_err("unknown unit");
    assert!(e.to_string().contains("statements[0].unit"), "{e}");
}
