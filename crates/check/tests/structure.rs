//! STRUCT-SECTIONS, STRUCT-TABLES, FORMAT-YEAR, META-YEAR, META-AGENCY.

mod common;

use common::*;
use gongkai_check::check;
use gongkai_model::{FormatId, Located, Outcome, Severity, Source};

#[test]
fn a_missing_part_six_is_reported_by_name() {
    let mut r = consistent(FormatId::F2021);
    r.sections.retain(|s| s.key != "other_matters");
    let findings = check(&r);
    assert_eq!(findings.len(), 1, "{:#?}", ids(&findings));
    let f = &findings[0];
    assert_eq!(f.rule, "STRUCT-SECTIONS");
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.outcome, Outcome::Fail);
    assert_eq!(f.message.zh, "缺少「六、其他需要报告的事项」");
    assert!(f.message.en.contains("other_matters"));
    // It would have followed part 五.
    let five = r
        .sections
        .iter()
        .find(|s| s.key == "problems")
        .map(|s| s.source);
    assert_eq!(Some(f.location), five);
}

#[test]
fn each_missing_part_is_one_finding() {
    let mut r = consistent(FormatId::F2019);
    r.sections.retain(|s| s.key == "overview");
    let findings = check(&r);
    let parts = of(&findings, "STRUCT-SECTIONS");
    assert_eq!(parts.len(), 5, "{:#?}", ids(&findings));
    assert_eq!(parts[0].message.zh, "缺少「二、主动公开政府信息情况」");
}

#[test]
fn legacy_reports_have_no_prescribed_parts_or_tables() {
    let mut r = consistent(FormatId::Legacy);
    r.sections.clear();
    r.tables.clear();
    let findings = check(&r);
    assert!(findings.is_empty(), "{:#?}", ids(&findings));
}

#[test]
fn a_2022_report_in_the_2019_format_is_an_error() {
    let mut r = consistent(FormatId::F2019);
    r.year = Located::new(2022, Source::line(2));
    let findings = check(&r);
    assert_eq!(findings.len(), 1, "{:#?}", ids(&findings));
    let f = &findings[0];
    assert_eq!(f.rule, "FORMAT-YEAR");
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.location, Source::line(2));
    assert_eq!(
        f.message.zh,
        "2022年度报告使用了2019年版格式（国办公开办函〔2019〕60号），该年度应使用2021年版格式（国办公开办函〔2021〕30号）"
    );
    assert_eq!(
        f.evidence.as_deref(),
        Some("year 2022: format 2019 ≠ expected 2021")
    );
}

#[test]
fn a_2020_report_in_the_2021_format_is_an_error() {
    let mut r = consistent(FormatId::F2021);
    r.year = Located::new(2020, Source::line(2));
    let findings = check(&r);
    let f = of(&findings, "FORMAT-YEAR");
    assert_eq!(f.len(), 1, "{:#?}", ids(&findings));
    assert_eq!(f[0].severity, Severity::Error);
    assert!(f[0]
        .message
        .zh
        .starts_with("2020年度报告使用了2021年版格式"));
}

#[test]
fn an_old_style_2019_report_is_only_a_warning() {
    let mut r = consistent(FormatId::Legacy);
    r.year = Located::new(2019, Source::line(1));
    let findings = check(&r);
    let f = of(&findings, "FORMAT-YEAR");
    assert_eq!(f.len(), 1, "{:#?}", ids(&findings));
    assert_eq!(f[0].severity, Severity::Warning);
    assert!(f[0].message.zh.contains("鼓励"), "{}", f[0].message.zh);

    r.year = Located::new(2020, Source::line(1));
    let findings = check(&r);
    let f = of(&findings, "FORMAT-YEAR");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Error);
}

#[test]
fn a_recent_report_without_any_table_looks_legacy() {
    let mut r = gongkai_model::Report::empty(FormatId::F2021);
    r.year = Located::new(2023, Source::line(1));
    r.agency = Located::new("某局".to_string(), Source::line(1));
    let findings = check(&r);
    let f = of(&findings, "FORMAT-YEAR");
    assert_eq!(f.len(), 1, "{:#?}", ids(&findings));
    assert_eq!(f[0].severity, Severity::Error);
    assert!(f[0].message.zh.contains("没有统一格式的统计表"));
}

#[test]
fn a_pre_2019_report_in_the_legacy_format_is_fine() {
    let findings = check(&consistent(FormatId::Legacy));
    assert!(findings.is_empty(), "{:#?}", ids(&findings));
}

#[test]
fn no_year_means_no_format_check_but_a_metadata_warning() {
    let mut r = consistent(FormatId::F2019);
    r.year = Located::none();
    let findings = check(&r);
    assert_eq!(findings.len(), 1, "{:#?}", ids(&findings));
    assert_eq!(findings[0].rule, "META-YEAR");
    assert_eq!(findings[0].severity, Severity::Warning);
}

#[test]
fn a_missing_or_empty_agency_is_a_warning() {
    let mut r = consistent(FormatId::F2021);
    r.agency = Located::new("  ".to_string(), Source::None);
    let findings = check(&r);
    assert_eq!(findings.len(), 1, "{:#?}", ids(&findings));
    assert_eq!(findings[0].rule, "META-AGENCY");
    assert_eq!(findings[0].severity, Severity::Warning);
}

#[test]
fn reader_notes_pass_through_unchanged() {
    let mut r = consistent(FormatId::F2021);
    let note = gongkai_model::Finding::new(
        "ROW-VALUE-COUNT",
        Severity::Warning,
        Outcome::Uncertain,
        gongkai_model::Message::new("表三某行印出6个数值", "6 values"),
    )
    .with_cells(vec![key("requests", "granted", "total")])
    .at(Source::line(120));
    r.notes.push(note.clone());
    let findings = check(&r);
    assert_eq!(findings, vec![note]);
}

#[test]
fn missing_tables_of_a_2019_report_are_warnings() {
    let mut r = gongkai_model::Report::empty(FormatId::F2019);
    r.year = Located::new(2019, Source::line(1));
    r.agency = Located::new("某局".to_string(), Source::line(1));
    let findings = check(&r);
    let tables = of(&findings, "STRUCT-TABLES");
    assert_eq!(tables.len(), 3, "{:#?}", ids(&findings));
    assert!(tables.iter().all(|f| f.severity == Severity::Warning));
    let year = of(&findings, "FORMAT-YEAR");
    assert_eq!(year.len(), 1);
    assert_eq!(year[0].severity, Severity::Warning);

    r.year = Located::new(2020, Source::line(1));
    let findings = check(&r);
    assert!(of(&findings, "STRUCT-TABLES")
        .iter()
        .all(|f| f.severity == Severity::Error));
}
