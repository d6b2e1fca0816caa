//! The arithmetic relations of the formats (REPORT-FORMAT.md §2.3, §3.4, §4).
//!
//! Each is one rule of the catalogue; its rule id is stable. The same relation definition drives
//! checking, the inference of missing cells and the placement of short rows.

use super::common::APPLICANT_COLUMNS;
use crate::finding::Severity;
use crate::relation::{Compare, RelationDef, Shape};

/// 表三's printed 勾稽关系: 一 + 二 = 三（七）总计 + 四, in every column.
pub static T3_BALANCE: RelationDef = RelationDef {
    rule: "T3-BALANCE",
    table: "requests",
    shape: Shape::PerColumn {
        lhs: &["received", "carried_in"],
        rhs: &["total", "carried_out"],
        columns: None,
    },
    compare: Compare::Equal,
    severity: Severity::Error,
    name_zh: "表三勾稽关系",
    name_en: "Table 3 balance",
    formula_zh: "一、本年新收 + 二、上年结转 = 三（七）总计 + 四、结转下年度继续办理",
    formula_en: "received + carried in = results total + carried out",
    infers: true,
};

/// 表三's leaf result rows (（一） to （五）), then a format's own （六） rows.
macro_rules! result_rows {
    ($($other:literal),+ $(,)?) => {
        [
            "granted",
            "partially_granted",
            "withheld_state_secret",
            "withheld_prohibited",
            "withheld_security",
            "withheld_third_party",
            "withheld_internal",
            "withheld_process",
            "withheld_enforcement",
            "withheld_query",
            "unavailable_not_held",
            "unavailable_needs_creation",
            "unavailable_unclear",
            "declined_petition",
            "declined_repeat",
            "declined_publication",
            "declined_excessive",
            "declined_confirmation",
            $($other,)+
        ]
    };
}

/// The leaf result rows of 表三 in the 2019 format (one （六）其他处理 row).
pub static RESULT_ROWS_2019: [&str; 19] = result_rows!["other"];
/// The leaf result rows of 表三 in the 2021 format (three （六） rows).
pub static RESULT_ROWS_2021: [&str; 21] =
    result_rows!["other_no_correction", "other_no_fee", "other_misc"];

const T3_RESULTS_TOTAL: RelationDef = RelationDef {
    rule: "T3-RESULTS-TOTAL",
    table: "requests",
    shape: Shape::PerColumn {
        lhs: &["total"],
        rhs: &RESULT_ROWS_2019,
        columns: None,
    },
    compare: Compare::Equal,
    severity: Severity::Error,
    name_zh: "办理结果合计",
    name_en: "Results total",
    formula_zh: "（七）总计 = （一）至（六）各项办理结果之和",
    formula_en: "results total = sum of all result rows (一) to (六)",
    infers: true,
};

pub static T3_RESULTS_TOTAL_2019: RelationDef = RelationDef {
    shape: Shape::PerColumn {
        lhs: &["total"],
        rhs: &RESULT_ROWS_2019,
        columns: None,
    },
    ..T3_RESULTS_TOTAL
};

pub static T3_RESULTS_TOTAL_2021: RelationDef = RelationDef {
    shape: Shape::PerColumn {
        lhs: &["total"],
        rhs: &RESULT_ROWS_2021,
        columns: None,
    },
    ..T3_RESULTS_TOTAL
};

/// 表三 总计 column = the six applicant columns, in every row.
pub static T3_ROW_TOTAL: RelationDef = RelationDef {
    rule: "T3-ROW-TOTAL",
    table: "requests",
    shape: Shape::PerRow {
        lhs: &["total"],
        rhs: APPLICANT_COLUMNS,
        rows: None,
    },
    compare: Compare::Equal,
    severity: Severity::Error,
    name_zh: "申请人合计",
    name_en: "Applicant total",
    formula_zh: "总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他",
    formula_en:
        "total = natural persons + businesses + research + social orgs + legal services + other",
    infers: true,
};

/// 表四: in each group, 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
pub static T4_GROUP_TOTAL: RelationDef = RelationDef {
    rule: "T4-GROUP-TOTAL",
    table: "review_litigation",
    shape: Shape::PerRow {
        lhs: &["total"],
        rhs: &["upheld", "corrected", "other", "pending"],
        rows: None,
    },
    compare: Compare::Equal,
    severity: Severity::Error,
    name_zh: "复议诉讼合计",
    name_en: "Review/litigation total",
    formula_zh: "总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
    formula_en: "total = upheld + corrected + other + pending",
    infers: true,
};

/// 2019 表二 (一): 本年新公开数量 ≤ 对外公开总数量.
pub static T2_PUBLISHED_WITHIN_TOTAL: RelationDef = RelationDef {
    rule: "T2-PUBLISHED-WITHIN-TOTAL",
    table: "proactive",
    shape: Shape::PerRow {
        lhs: &["newly_published"],
        rhs: &["published_total"],
        rows: None,
    },
    compare: Compare::AtMost,
    severity: Severity::Warning,
    name_zh: "新公开数不超过公开总数",
    name_en: "Newly published within total",
    formula_zh: "本年新公开数量 ≤ 对外公开总数量",
    formula_en: "newly published ≤ total published",
    infers: false,
};

/// 2019 表二 (一): 本年新公开数量 is normally ≤ 本年新制作数量.
pub static T2_PUBLISHED_WITHIN_MADE: RelationDef = RelationDef {
    rule: "T2-PUBLISHED-WITHIN-MADE",
    table: "proactive",
    shape: Shape::PerRow {
        lhs: &["newly_published"],
        rhs: &["made"],
        rows: None,
    },
    compare: Compare::AtMost,
    severity: Severity::Notice,
    name_zh: "新公开数通常不超过新制作数",
    name_en: "Newly published within newly made",
    formula_zh: "本年新公开数量 ≤ 本年新制作数量（通常）",
    formula_en: "newly published ≤ newly made (normally)",
    infers: false,
};
