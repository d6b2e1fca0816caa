//! The catalogue: complete, unique, documented in both languages.

mod common;

use std::collections::BTreeSet;

use common::*;
use gongkai_check::{catalogue, check, rule, rule_page};
use gongkai_model::arith::infer_missing;
use gongkai_model::{formats, FormatId, Lang, Located, Meaning, Report, Severity, Source, Unit};

/// Reports that between them break every rule `check` runs.
fn broken_reports() -> Vec<Report> {
    let mut out = Vec::new();
    for format in [FormatId::F2021, FormatId::F2019] {
        let mut r = consistent(format);
        set(&mut r, key("review_litigation", "review", "total"), 9.0);
        set(
            &mut r,
            key("requests", "carried_out", "natural_person"),
            3.0,
        );
        set(&mut r, key("requests", "granted", "business"), 4.0);
        set(
            &mut r,
            key("requests", "partially_granted", "natural_person"),
            7.0,
        );
        if format == FormatId::F2019 {
            set(
                &mut r,
                key("proactive", "regulations", "newly_published"),
                99.0,
            );
        }
        set(&mut r, key("proactive", "licensing", "decisions"), -1.0);
        blank(&mut r, key("requests", "declined_repeat", "research"));
        remove(&mut r, key("requests", "declined_petition", "research"));
        r.sections.pop();
        r.year = Located::new(2024, Source::line(1));
        r.agency = Located::none();
        out.push(r);

        let mut r = consistent(format);
        remove(&mut r, key("requests", "received", "other_org"));
        infer_missing(&mut r, formats::relations(format));
        r.tables.retain(|t| t.key != "proactive");
        for k in formats::get(format)
            .table("proactive")
            .map(|t| t.cell_keys().collect::<Vec<_>>())
            .unwrap_or_default()
        {
            remove(&mut r, k);
        }
        r.year = Located::none();
        out.push(r);

        // Prose that contradicts itself and the tables.
        let mut r = consistent(format);
        let mut st = vec![
            stated(10.0, Unit::Jian, Some(Meaning::RepliesTotal), 5),
            stated(6.0, Unit::Jian, Some(Meaning::RepliesGranted), 5),
            stated(5.0, Unit::Jian, Some(Meaning::RepliesPartial), 5),
            stated(3.0, Unit::Jian, None, 6),
        ];
        list_parts(&mut st, 0, &[1, 2]);
        st.push(share(50.0, 0, 3, "答复总数", 6));
        r.statements = st;
        out.push(r);
    }
    // A legacy report whose prose contradicts its 附表 (the cell is the table's, at line 40).
    let mut r = Report::with_cells(
        FormatId::Legacy,
        vec![gongkai_model::Cell {
            table: "legacy",
            row: "replies_total",
            column: "year",
            value: Some(10.0),
            state: gongkai_model::CellState::Number,
            text: "10件".into(),
            source: Source::line(40),
            inferred_by: None,
        }],
    );
    r.tables.push(gongkai_model::Found {
        key: "legacy",
        source: Source::line(38),
    });
    r.statements = vec![stated(12.0, Unit::Jian, Some(Meaning::RepliesTotal), 5)];
    out.push(r);
    out
}

#[test]
fn every_rule_check_emits_is_in_the_catalogue() {
    let ids: BTreeSet<&str> = catalogue().iter().map(|r| r.id).collect();
    let mut emitted = BTreeSet::new();
    for r in broken_reports() {
        for f in check(&r) {
            assert!(ids.contains(f.rule), "{} is not in the catalogue", f.rule);
            emitted.insert(f.rule);
        }
    }
    // Every catalogued rule is exercised, except those only the reader reports.
    let reader_only = [
        "ROW-VALUE-COUNT",
        "CELL-UNREADABLE",
        "ROW-DUPLICATE",
        "ROW-GLUED",
        "ROW-UNLABELLED",
        "FORMAT-MIXED",
        "LABEL-FUZZY",
        "ROW-GLUED",
    ];
    for id in &ids {
        // The rules across reports run over several reports (check_years, check_consolidated),
        // never in `check`; tests/across.rs exercises them.
        if id.starts_with("X-") {
            continue;
        }
        assert!(
            emitted.contains(id) || reader_only.contains(id),
            "{id} is never emitted by the scenarios"
        );
    }
}

#[test]
fn the_catalogue_has_the_expected_rules_sorted_and_unique() {
    let ids: Vec<&str> = catalogue().iter().map(|r| r.id).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(ids, sorted, "ids are sorted and unique");
    let expected = [
        "CELL-INCOMPLETE",
        "CELL-INFERRED",
        "CELL-MISSING",
        "CELL-NONNEG",
        "CELL-UNREADABLE",
        "FORMAT-MIXED",
        "FORMAT-YEAR",
        "LABEL-FUZZY",
        "META-AGENCY",
        "META-YEAR",
        "PROSE-PARTS-SUM",
        "PROSE-PERCENT",
        "PROSE-VS-APPENDIX",
        "PROSE-VS-TABLE",
        "ROW-DUPLICATE",
        "ROW-GLUED",
        "ROW-UNLABELLED",
        "ROW-VALUE-COUNT",
        "STRUCT-SECTIONS",
        "STRUCT-TABLES",
        "T2-PUBLISHED-WITHIN-MADE",
        "T2-PUBLISHED-WITHIN-TOTAL",
        "T3-BALANCE",
        "T3-RESULTS-TOTAL",
        "T3-ROW-TOTAL",
        "T4-GROUP-TOTAL",
        "X-CARRY",
        "X-CONSOLIDATED",
        "X-COPIED",
        "X-DUPLICATE",
        "X-IN-FORCE",
        "X-JUMP",
        "X-PRIOR-ITEMS",
    ];
    assert_eq!(ids, expected);
}

#[test]
fn every_relation_of_every_format_is_a_rule_built_from_its_definition() {
    for f in formats::all() {
        for def in f.relations {
            let info = rule(def.rule).expect("relation rule in the catalogue");
            assert_eq!(info.name.zh, def.name_zh);
            assert_eq!(info.name.en, def.name_en);
            let formula = info.formula.expect("relation rules have a formula");
            assert_eq!(formula.zh, def.formula_zh);
            assert!(info.severity >= def.severity);
            assert!(info.formats.contains(&f.id), "{} in {}", def.rule, f.id);
        }
    }
    let results = rule("T3-RESULTS-TOTAL").expect("rule");
    assert_eq!(results.formats, &[FormatId::F2019, FormatId::F2021]);
    let t2 = rule("T2-PUBLISHED-WITHIN-TOTAL").expect("rule");
    assert_eq!(t2.formats, &[FormatId::F2019]);
    assert_eq!(t2.severity, Severity::Warning);
}

#[test]
fn lookup_ignores_case() {
    assert_eq!(rule("t3-balance").map(|r| r.id), Some("T3-BALANCE"));
    assert_eq!(rule(" Cell-Missing ").map(|r| r.id), Some("CELL-MISSING"));
    assert!(rule("NO-SUCH-RULE").is_none());
}

#[test]
fn every_page_renders_in_both_languages() {
    for info in catalogue() {
        for text in [
            &info.name,
            &info.summary,
            &info.why,
            &info.example,
            &info.fix,
        ] {
            assert!(!text.zh.trim().is_empty(), "{}: empty zh", info.id);
            assert!(!text.en.trim().is_empty(), "{}: empty en", info.id);
        }
        assert!(!info.formats.is_empty(), "{}", info.id);
        let zh = rule_page(&info, Lang::Zh);
        let en = rule_page(&info, Lang::En);
        for page in [&zh, &en] {
            assert!(page.contains(info.id), "{}", info.id);
            assert!(page.lines().count() > 10, "{page}");
        }
        for heading in [
            "严重程度",
            "适用格式",
            "检查内容",
            "为什么重要",
            "不通过的例子",
            "如何修改",
        ] {
            assert!(zh.contains(heading), "{}: {heading}", info.id);
        }
        for heading in [
            "Severity",
            "Formats",
            "What it checks",
            "Why it matters",
            "Example that fails",
            "How to fix",
        ] {
            assert!(en.contains(heading), "{}: {heading}", info.id);
        }
        assert!(zh.contains(info.severity.zh()));
        assert!(zh.contains(info.summary.zh.as_str()));
        assert!(en.contains(info.fix.en.as_str()));
    }
}

#[test]
fn a_relation_page_shows_its_formula() {
    let info = rule("T3-BALANCE").expect("rule");
    let zh = rule_page(&info, Lang::Zh);
    assert!(zh.starts_with("T3-BALANCE — 表三勾稽关系\n"), "{zh}");
    assert!(
        zh.contains("公式：一、本年新收 + 二、上年结转 = 三（七）总计 + 四、结转下年度继续办理")
    );
    assert!(zh.contains("严重程度：错误"));
    assert!(zh.contains("国办公开办函〔2021〕30号"));
    let en = rule_page(&info, Lang::En);
    assert!(en.contains("Severity: error"));
    assert!(en.contains("Formula: received + carried in = results total + carried out"));
}
