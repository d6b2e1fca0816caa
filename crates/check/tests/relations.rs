//! The rules generated from the formats' relations.

mod common;

use common::*;
use gongkai_check::check;
use gongkai_model::arith::infer_missing;
use gongkai_model::{formats, FormatId, Outcome, Severity};

#[test]
fn a_consistent_report_has_no_findings() {
    for format in [FormatId::F2021, FormatId::F2019] {
        let findings = check(&consistent(format));
        assert!(findings.is_empty(), "{format}: {:#?}", ids(&findings));
    }
}

#[test]
fn a_changed_group_total_fails_only_t4() {
    let mut r = consistent(FormatId::F2021);
    set(&mut r, key("review_litigation", "review", "total"), 5.0);
    let findings = check(&r);
    assert_eq!(findings.len(), 1, "{:#?}", ids(&findings));
    let f = &findings[0];
    assert_eq!(f.rule, "T4-GROUP-TOTAL");
    assert_eq!(f.outcome, Outcome::Fail);
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(
        f.message.zh,
        "表四「行政复议」行：总计（5）不等于结果维持+结果纠正+其他结果+尚未审结（2+1+0+1=4）"
    );
    assert!(f.message.en.contains("row review"), "{}", f.message.en);
    assert_eq!(f.evidence.as_deref(), Some("5 ≠ 2 + 1 + 0 + 1 (5 ≠ 4)"));
    assert_eq!(
        f.cells,
        vec![
            key("review_litigation", "review", "total"),
            key("review_litigation", "review", "upheld"),
            key("review_litigation", "review", "corrected"),
            key("review_litigation", "review", "other"),
            key("review_litigation", "review", "pending"),
        ]
    );
    // The first printed cell of the relation in document order: 结果维持.
    assert_eq!(
        f.location,
        source_of(
            FormatId::F2021,
            &key("review_litigation", "review", "upheld")
        )
    );
}

#[test]
fn an_unbalanced_column_fails_t3_balance() {
    let mut r = consistent(FormatId::F2021);
    // Carried out 1 → 2 in 自然人 and 总计: the row still adds up, the columns do not balance.
    set(
        &mut r,
        key("requests", "carried_out", "natural_person"),
        2.0,
    );
    set(&mut r, key("requests", "carried_out", "total"), 2.0);
    let findings = check(&r);
    assert_eq!(findings.len(), 2, "{:#?}", ids(&findings));
    assert!(findings
        .iter()
        .all(|f| f.rule == "T3-BALANCE" && is_fail(f)));
    let nat = findings
        .iter()
        .find(|f| {
            f.cells
                .contains(&key("requests", "received", "natural_person"))
        })
        .expect("the 自然人 column");
    assert_eq!(
        nat.message.zh,
        "表三「自然人」列：一+二（5+1=6）不等于（七）总计+四（5+2=7）"
    );
    assert_eq!(
        nat.message.en,
        "Table 3 (requests), column natural_person: received + carried_in (5 + 1 = 6) ≠ total + carried_out (5 + 2 = 7)"
    );
    assert_eq!(nat.evidence.as_deref(), Some("5 + 1 ≠ 5 + 2 (6 ≠ 7)"));
    assert_eq!(
        nat.cells,
        vec![
            key("requests", "received", "natural_person"),
            key("requests", "carried_in", "natural_person"),
            key("requests", "total", "natural_person"),
            key("requests", "carried_out", "natural_person"),
        ]
    );
}

#[test]
fn a_wrong_results_total_fails_t3_results_total() {
    let mut r = consistent(FormatId::F2021);
    // One more 予以公开 for natural persons, row total kept in step, results total not.
    set(&mut r, key("requests", "granted", "natural_person"), 4.0);
    set(&mut r, key("requests", "granted", "total"), 5.0);
    let findings = check(&r);
    assert_eq!(findings.len(), 2, "{:#?}", ids(&findings));
    assert!(findings
        .iter()
        .all(|f| f.rule == "T3-RESULTS-TOTAL" && is_fail(f) && f.severity == Severity::Error));
    let nat = findings
        .iter()
        .find(|f| {
            f.cells
                .contains(&key("requests", "total", "natural_person"))
        })
        .expect("the 自然人 column");
    assert_eq!(
        nat.message.zh,
        "表三「自然人」列：（七）总计（5）不等于「三、本年度办理结果」21项之和（6）"
    );
    assert_eq!(nat.cells.len(), 22);
}

#[test]
fn a_row_that_does_not_add_up_fails_t3_row_total() {
    let mut r = consistent(FormatId::F2021);
    // Move one request between rows in the 自然人 column: columns still add up, rows do not.
    set(&mut r, key("requests", "granted", "natural_person"), 2.0);
    set(
        &mut r,
        key("requests", "partially_granted", "natural_person"),
        2.0,
    );
    let findings = check(&r);
    assert_eq!(findings.len(), 2, "{:#?}", ids(&findings));
    assert!(findings
        .iter()
        .all(|f| f.rule == "T3-ROW-TOTAL" && is_fail(f)));
    assert_eq!(
        findings[0].message.zh,
        "表三「（一）予以公开」行：总计（4）不等于自然人+商业企业+科研机构+社会公益组织+法律服务机构+其他（2+1+0+0+0+0=3）"
    );
    assert_eq!(
        findings[1].message.zh,
        "表三「（二）部分公开」行：总计（1）不等于自然人+商业企业+科研机构+社会公益组织+法律服务机构+其他（2+0+0+0+0+0=2）"
    );
}

#[test]
fn table_two_relations_of_the_2019_format_keep_their_severity() {
    let mut r = consistent(FormatId::F2019);
    set(
        &mut r,
        key("proactive", "regulations", "newly_published"),
        10.0,
    );
    let findings = check(&r);
    assert_eq!(findings.len(), 2, "{:#?}", ids(&findings));
    let total = of(&findings, "T2-PUBLISHED-WITHIN-TOTAL");
    assert_eq!(total.len(), 1);
    assert_eq!(total[0].severity, Severity::Warning);
    assert_eq!(
        total[0].message.zh,
        "表二「规章」行：本年新公开数量（10）大于对外公开总数量（9）"
    );
    assert_eq!(total[0].evidence.as_deref(), Some("10 > 9"));
    let made = of(&findings, "T2-PUBLISHED-WITHIN-MADE");
    assert_eq!(made.len(), 1);
    assert_eq!(made[0].severity, Severity::Notice);
    // The 2021 format has no such relation.
    assert!(formats::relations(FormatId::F2021)
        .iter()
        .all(|rel| !rel.def.rule.starts_with("T2-")));
}

#[test]
fn a_missing_operand_is_uncertain_not_fail() {
    let mut r = consistent(FormatId::F2021);
    // The rest of the row is printed; only the 自然人 cell is absent.
    remove(&mut r, key("requests", "carried_out", "natural_person"));
    let findings = check(&r);
    let relation: Vec<_> = findings
        .iter()
        .filter(|f| f.rule.starts_with("T3-"))
        .collect();
    assert_eq!(relation.len(), 2, "{:#?}", ids(&findings));
    for f in &relation {
        assert_eq!(f.outcome, Outcome::Uncertain, "{}", f.message.zh);
        assert_eq!(f.severity, Severity::Warning);
        assert!(f.message.zh.contains("缺少数值"), "{}", f.message.zh);
        assert!(f.evidence.as_deref().unwrap_or("").contains('?'));
    }
    let balance = of(&findings, "T3-BALANCE");
    assert_eq!(balance.len(), 1);
    assert_eq!(
        balance[0].message.zh,
        "表三「自然人」列：无法核对“一+二=（七）总计+四”，因为「四、结转下年度继续办理」缺少数值。"
    );
    assert_eq!(balance[0].evidence.as_deref(), Some("5 + 1 =? 5 + ?"));
    assert_eq!(of(&findings, "T3-ROW-TOTAL").len(), 1);
    assert_eq!(of(&findings, "CELL-MISSING").len(), 1);
    assert!(!findings
        .iter()
        .any(|f| f.rule.starts_with("T3-") && is_fail(f)));
}

#[test]
fn blanks_are_incomplete_and_make_relations_uncertain() {
    let mut r = consistent(FormatId::F2021);
    // 结果纠正 was 1: with the blank read as 0 the group would not add up.
    blank(&mut r, key("review_litigation", "review", "corrected"));
    // 其他结果 was 0: printed as "/".
    not_applicable(&mut r, key("review_litigation", "review", "other"), "—");
    let findings = check(&r);
    assert_eq!(findings.len(), 2, "{:#?}", ids(&findings));

    let incomplete = of(&findings, "CELL-INCOMPLETE");
    assert_eq!(incomplete.len(), 1);
    assert_eq!(incomplete[0].severity, Severity::Warning);
    assert_eq!(incomplete[0].outcome, Outcome::Fail);
    assert_eq!(
        incomplete[0].cells,
        vec![
            key("review_litigation", "review", "corrected"),
            key("review_litigation", "review", "other"),
        ]
    );
    assert_eq!(
        incomplete[0].message.zh,
        "表四「行政复议」行未填写数字：「结果纠正」列空白，「其他结果」列为“—”。统计表应填写数字，没有发生的填0"
    );

    let t4 = of(&findings, "T4-GROUP-TOTAL");
    assert_eq!(t4.len(), 1);
    assert_eq!(t4[0].outcome, Outcome::Uncertain);
    assert_eq!(t4[0].severity, Severity::Warning);
    assert_eq!(
        t4[0].message.zh,
        "表四「行政复议」行：无法核对“总计=结果维持+结果纠正+其他结果+尚未审结”，因为「结果纠正」空白，「其他结果」为“—”。若空白和“/”按0计，该关系不成立（4≠3）。"
    );
    assert_eq!(
        t4[0].evidence.as_deref(),
        Some("4 =? 2 + _ + / + 1 (_, / = 0: 4 ≠ 3)")
    );
    // The finding points at the first blank cell.
    assert_eq!(
        t4[0].location,
        source_of(
            FormatId::F2021,
            &key("review_litigation", "review", "corrected")
        )
    );
}

#[test]
fn a_blank_zero_says_the_relation_would_hold() {
    let mut r = consistent(FormatId::F2021);
    blank(&mut r, key("requests", "granted", "research"));
    let findings = check(&r);
    let rows = of(&findings, "T3-ROW-TOTAL");
    assert_eq!(rows.len(), 1, "{:#?}", ids(&findings));
    assert!(rows[0]
        .message
        .zh
        .ends_with("若空白和“/”按0计，该关系成立（4=4）。"));
    assert!(rows[0].message.en.contains("it holds"));
    assert_eq!(of(&findings, "T3-RESULTS-TOTAL").len(), 1);
    assert_eq!(of(&findings, "CELL-INCOMPLETE").len(), 1);
    assert!(!findings.iter().any(|f| f.severity == Severity::Error));
}

#[test]
fn a_row_absent_from_the_source_is_reported_once() {
    let mut r = consistent(FormatId::F2021);
    for column in formats::ALL_REQUEST_COLUMNS {
        remove(&mut r, key("requests", "other_no_fee", column));
    }
    let findings = check(&r);
    assert_eq!(findings.len(), 1, "{:#?}", ids(&findings));
    let f = &findings[0];
    assert_eq!(f.rule, "CELL-MISSING");
    assert_eq!(f.cells.len(), 7);
    assert_eq!(
        f.message.zh,
        "表三「（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请」行未找到，该行应有的7个数值全部缺少，涉及该行的核对无法进行"
    );
}

#[test]
fn relations_of_a_table_not_shown_are_skipped() {
    let mut r = consistent(FormatId::F2021);
    r.tables.retain(|t| t.key != "review_litigation");
    for row in ["review", "litigation_direct", "litigation_after_review"] {
        for column in ["upheld", "corrected", "other", "pending", "total"] {
            remove(&mut r, key("review_litigation", row, column));
        }
    }
    let findings = check(&r);
    assert_eq!(findings.len(), 1, "{:#?}", ids(&findings));
    assert_eq!(findings[0].rule, "STRUCT-TABLES");
    assert_eq!(
        findings[0].message.zh,
        "缺少表四「政府信息公开行政复议、行政诉讼情况」"
    );
}

#[test]
fn inferred_cells_are_reported_with_their_relation() {
    let mut r = consistent(FormatId::F2021);
    remove(&mut r, key("requests", "total", "natural_person"));
    let inferred = infer_missing(&mut r, formats::relations(FormatId::F2021));
    assert_eq!(inferred, vec![key("requests", "total", "natural_person")]);
    let findings = check(&r);
    assert_eq!(findings.len(), 1, "{:#?}", ids(&findings));
    let f = &findings[0];
    assert_eq!(f.rule, "CELL-INFERRED");
    assert_eq!(f.severity, Severity::Notice);
    assert_eq!(f.outcome, Outcome::Fail);
    assert_eq!(f.cells, vec![key("requests", "total", "natural_person")]);
    assert_eq!(
        f.message.zh,
        "表三「（七）总计」行「自然人」列原文未印出，依据 T3-BALANCE（表三勾稽关系）在「自然人」列推算为 5"
    );
    assert!(f.message.en.contains("T3-BALANCE"), "{}", f.message.en);
    let cell = r
        .cell(&key("requests", "total", "natural_person"))
        .expect("cell");
    let by = cell.inferred_by.as_ref().expect("inference");
    assert_eq!(f.evidence.as_deref(), Some(by.evidence.as_str()));
    // With no source of its own it points at its row.
    assert_eq!(
        f.location,
        source_of(FormatId::F2021, &key("requests", "total", "business"))
    );
}

#[test]
fn findings_are_in_document_order() {
    let mut r = consistent(FormatId::F2021);
    set(&mut r, key("review_litigation", "review", "total"), 5.0);
    set(&mut r, key("requests", "received", "natural_person"), -1.0);
    r.sections.retain(|s| s.key != "other_matters");
    r.agency = gongkai_model::Located::none();
    let findings = check(&r);
    let keys: Vec<_> = findings.iter().map(|f| r.order_key(&f.location)).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "{:#?}", ids(&findings));
    // A finding with no place comes last.
    assert_eq!(
        findings.last().map(|f| f.rule),
        Some("META-AGENCY"),
        "{:#?}",
        ids(&findings)
    );
}

#[test]
fn a_wholly_blank_row_is_not_checked_along_itself() {
    let mut r = consistent(FormatId::F2021);
    for column in formats::ALL_REQUEST_COLUMNS {
        blank(&mut r, key("requests", "declined_publication", column));
    }
    let findings = check(&r);
    let incomplete = of(&findings, "CELL-INCOMPLETE");
    assert_eq!(incomplete.len(), 1, "{:#?}", ids(&findings));
    assert!(incomplete[0].message.zh.contains("整行空白（7列）"));
    // Its own row total has nothing to check; each column's results total is uncertain.
    assert!(
        of(&findings, "T3-ROW-TOTAL").is_empty(),
        "{:#?}",
        ids(&findings)
    );
    let columns = of(&findings, "T3-RESULTS-TOTAL");
    assert_eq!(columns.len(), 7);
    assert!(columns.iter().all(|f| f.outcome == Outcome::Uncertain));
    assert_eq!(findings.len(), 8);
}

#[test]
fn a_failure_resting_on_an_inferred_value_says_so() {
    let mut r = consistent(FormatId::F2021);
    remove(&mut r, key("requests", "carried_out", "natural_person"));
    infer_missing(&mut r, formats::relations(FormatId::F2021));
    // Inferred from the balance as 1; now break the row total through another printed cell.
    set(&mut r, key("requests", "carried_out", "total"), 4.0);
    let findings = check(&r);
    let row = of(&findings, "T3-ROW-TOTAL");
    assert_eq!(row.len(), 1, "{:#?}", ids(&findings));
    assert!(
        row[0]
            .message
            .zh
            .ends_with("（其中「自然人」为推算值，见 CELL-INFERRED）"),
        "{}",
        row[0].message.zh
    );
}
