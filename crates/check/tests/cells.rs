//! CELL-MISSING, CELL-INCOMPLETE, CELL-NONNEG (CELL-INFERRED is with the relations).

mod common;

use common::*;
use gongkai_check::check;
use gongkai_model::{CellState, FormatId, Outcome, Report, Severity, Source};

#[test]
fn a_short_row_gives_one_missing_finding_listing_its_columns() {
    let mut r = consistent(FormatId::F2021);
    // Two cells absent from an otherwise printed row (nothing inferred).
    remove(&mut r, key("requests", "declined_repeat", "legal_service"));
    remove(&mut r, key("requests", "declined_repeat", "other_org"));
    let findings = check(&r);
    let missing = of(&findings, "CELL-MISSING");
    assert_eq!(missing.len(), 1, "{:#?}", ids(&findings));
    let f = missing[0];
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.outcome, Outcome::Fail);
    assert_eq!(
        f.cells,
        vec![
            key("requests", "declined_repeat", "legal_service"),
            key("requests", "declined_repeat", "other_org"),
        ]
    );
    assert_eq!(
        f.message.zh,
        "表三「（五）不予处理 2.重复申请」行缺少「法律服务机构」「其他」列的数值（格式规定该行有7个数值）"
    );
    assert_eq!(
        f.message.en,
        "Table 3 (requests), row declined_repeat: no value for legal_service, other_org (the format has 7 values in this row)"
    );
    // Located at the row's first printed cell.
    assert_eq!(
        f.location,
        source_of(
            FormatId::F2021,
            &key("requests", "declined_repeat", "natural_person")
        )
    );
    // The relations through those cells are uncertain, never failed.
    assert!(findings
        .iter()
        .filter(|f| f.rule.starts_with("T3-"))
        .all(|f| f.outcome == Outcome::Uncertain));
    assert!(errors(&findings).is_empty(), "{:#?}", ids(&findings));
}

#[test]
fn a_single_value_row_not_found_names_its_column() {
    let mut r = consistent(FormatId::F2021);
    remove(&mut r, key("proactive", "coercion", "decisions"));
    let findings = check(&r);
    assert_eq!(findings.len(), 1, "{:#?}", ids(&findings));
    assert_eq!(
        findings[0].message.zh,
        "表二「行政强制」行未找到，缺少「本年处理决定数量」列的数值"
    );
    assert_eq!(findings[0].location, Source::None);
}

#[test]
fn missing_cells_of_a_table_not_shown_are_not_listed_row_by_row() {
    let mut r = Report::empty(FormatId::F2021);
    r.year = gongkai_model::Located::new(2023, Source::line(1));
    r.agency = gongkai_model::Located::new("某局".to_string(), Source::line(1));
    let findings = check(&r);
    assert!(
        of(&findings, "CELL-MISSING").is_empty(),
        "{:#?}",
        ids(&findings)
    );
    assert_eq!(of(&findings, "STRUCT-TABLES").len(), 3);
}

#[test]
fn proactive_table_blanks_are_not_incomplete() {
    let mut r = consistent(FormatId::F2021);
    blank(&mut r, key("proactive", "coercion", "decisions"));
    not_applicable(&mut r, key("proactive", "fees", "amount"), "/");
    let findings = check(&r);
    assert!(findings.is_empty(), "{:#?}", ids(&findings));
}

#[test]
fn a_negative_count_is_an_error() {
    let mut r = consistent(FormatId::F2021);
    set(&mut r, key("proactive", "penalty", "decisions"), -3.0);
    let findings = check(&r);
    assert_eq!(findings.len(), 1, "{:#?}", ids(&findings));
    let f = &findings[0];
    assert_eq!(f.rule, "CELL-NONNEG");
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.cells, vec![key("proactive", "penalty", "decisions")]);
    assert_eq!(
        f.message.zh,
        "表二「行政处罚」行「本年处理决定数量」列为 -3：件数不能为负数"
    );
    assert_eq!(
        f.location,
        source_of(FormatId::F2021, &key("proactive", "penalty", "decisions"))
    );
}

#[test]
fn a_fractional_count_is_an_error() {
    let mut r = consistent(FormatId::F2021);
    set(&mut r, key("proactive", "licensing", "decisions"), 2.5);
    if let Some(c) = r.cell_mut(&key("proactive", "licensing", "decisions")) {
        c.text = "2.5件".into();
    }
    let findings = check(&r);
    assert_eq!(findings.len(), 1, "{:#?}", ids(&findings));
    assert_eq!(findings[0].rule, "CELL-NONNEG");
    assert_eq!(
        findings[0].message.zh,
        "表二「行政许可」行「本年处理决定数量」列为 2.5（原文“2.5件”）：件数应为整数"
    );
}

#[test]
fn amounts_may_be_fractional_but_not_negative_and_changes_may_be_negative() {
    let mut r = consistent(FormatId::F2019);
    // The consistent 2019 report already has a change of -3 and an amount of 25.1.
    assert!(check(&r).is_empty());
    set(&mut r, key("proactive", "procurement", "amount"), -0.5);
    let findings = check(&r);
    assert_eq!(findings.len(), 1, "{:#?}", ids(&findings));
    assert_eq!(findings[0].rule, "CELL-NONNEG");
    assert!(findings[0].message.zh.contains("金额不能为负数"));
}

#[test]
fn legacy_fees_are_amounts() {
    let mut r = consistent(FormatId::Legacy);
    set(&mut r, key("legacy", "fees", "year"), 0.038);
    set(&mut r, key("legacy", "requests_received", "year"), 1.5);
    let findings = check(&r);
    let nonneg = of(&findings, "CELL-NONNEG");
    assert_eq!(nonneg.len(), 1, "{:#?}", ids(&findings));
    assert_eq!(
        nonneg[0].cells,
        vec![key("legacy", "requests_received", "year")]
    );
}

#[test]
fn an_inferred_cell_is_not_missing() {
    let mut r = consistent(FormatId::F2021);
    let k = key("requests", "granted", "total");
    remove(&mut r, k);
    if let Some(c) = r.cell_mut(&k) {
        c.state = CellState::Inferred;
        c.value = Some(4.0);
    }
    let findings = check(&r);
    assert_eq!(findings.len(), 1, "{:#?}", ids(&findings));
    assert_eq!(findings[0].rule, "CELL-INFERRED");
    // Without a recorded inference the finding says so rather than inventing a relation.
    assert!(findings[0].message.zh.contains("未注明依据的关系"));
}
