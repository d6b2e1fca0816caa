//! 《中华人民共和国政府信息公开工作年度报告格式》, 国办公开办函〔2021〕30号 (report years 2021–).

use super::common::*;
use super::relations::{T3_BALANCE, T3_RESULTS_TOTAL_2021, T3_ROW_TOTAL, T4_GROUP_TOTAL};
use crate::format::{
    ColumnDef, FormatDef, FormatId, GroupDef, RowDef, TableDef, TableLayout, ValueKind,
};
use crate::relation::RelationDef;

const BLOCK_1: &str = "第二十条第（一）项";
const BLOCK_5: &str = "第二十条第（五）项";
const BLOCK_6: &str = "第二十条第（六）项";
const BLOCK_8: &str = "第二十条第（八）项";

const DOCS: &[&str] = &["issued", "repealed", "in_force"];
const DECISIONS: &[&str] = &["decisions"];

static PROACTIVE_COLUMNS: [ColumnDef; 5] = [
    ColumnDef {
        key: "issued",
        label: "本年制发件数",
        aliases: &["本年制发数量"],
        kind: ValueKind::Count,
        group: None,
    },
    ColumnDef {
        key: "repealed",
        label: "本年废止件数",
        aliases: &["本年废止数量"],
        kind: ValueKind::Count,
        group: None,
    },
    ColumnDef {
        key: "in_force",
        label: "现行有效件数",
        aliases: &["现行有效数量"],
        kind: ValueKind::Count,
        group: None,
    },
    ColumnDef {
        key: "decisions",
        label: "本年处理决定数量",
        aliases: &[],
        kind: ValueKind::Count,
        group: None,
    },
    ColumnDef {
        key: "amount",
        label: "本年收费金额（单位：万元）",
        aliases: &["本年收费金额", "本年收费金额（万元）"],
        kind: ValueKind::Amount,
        group: None,
    },
];

static PROACTIVE_ROWS: [RowDef; 6] = [
    RowDef {
        key: "regulations",
        label: "规章",
        aliases: &[],
        columns: DOCS,
        group: None,
        block: Some(BLOCK_1),
    },
    RowDef {
        key: "normative_documents",
        label: "行政规范性文件",
        aliases: &["规范性文件", "规范性档案"],
        columns: DOCS,
        group: None,
        block: Some(BLOCK_1),
    },
    RowDef {
        key: "licensing",
        label: "行政许可",
        aliases: &[],
        columns: DECISIONS,
        group: None,
        block: Some(BLOCK_5),
    },
    RowDef {
        key: "penalty",
        label: "行政处罚",
        aliases: &[],
        columns: DECISIONS,
        group: None,
        block: Some(BLOCK_6),
    },
    RowDef {
        key: "coercion",
        label: "行政强制",
        aliases: &[],
        columns: DECISIONS,
        group: None,
        block: Some(BLOCK_6),
    },
    RowDef {
        key: "fees",
        label: "行政事业性收费",
        aliases: &[],
        columns: &["amount"],
        group: None,
        block: Some(BLOCK_8),
    },
];

static REQUEST_ROWS: [RowDef; 25] = request_rows!(
    RowDef {
        key: "other_no_correction",
        label: "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        aliases: &["申请人无正当理由逾期不补正"],
        columns: ALL_REQUEST_COLUMNS,
        group: Some("other"),
        block: None,
    },
    RowDef {
        key: "other_no_fee",
        label: "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        aliases: &["申请人逾期未按收费通知要求缴纳费用"],
        columns: ALL_REQUEST_COLUMNS,
        group: Some("other"),
        block: None,
    },
    RowDef {
        key: "other_misc",
        label: "3.其他",
        aliases: &["其它"],
        columns: ALL_REQUEST_COLUMNS,
        group: Some("other"),
        block: None,
    },
);

static REQUEST_GROUPS: [GroupDef; 5] = [
    REQUEST_GROUPS_COMMON[0],
    REQUEST_GROUPS_COMMON[1],
    REQUEST_GROUPS_COMMON[2],
    REQUEST_GROUPS_COMMON[3],
    GroupDef {
        key: "other",
        label: "（六）其他处理",
        aliases: &[],
        parent: Some("results"),
    },
];

static REQUEST_COLUMNS_2021: [ColumnDef; 7] = REQUEST_COLUMNS;
static REVIEW_COLUMNS_2021: [ColumnDef; 5] = REVIEW_COLUMNS;
static REVIEW_ROWS_2021: [RowDef; 3] = REVIEW_ROWS;
static REVIEW_GROUPS_2021: [GroupDef; 1] = REVIEW_GROUPS;

static TABLES: [TableDef; 3] = [
    TableDef {
        key: "proactive",
        short: "表二",
        label: "主动公开政府信息情况",
        layout: TableLayout::LabelledRows,
        columns: &PROACTIVE_COLUMNS,
        rows: &PROACTIVE_ROWS,
        groups: &[],
        headers: &["信息内容", BLOCK_1, BLOCK_5, BLOCK_6, BLOCK_8],
    },
    TableDef {
        key: "requests",
        short: "表三",
        label: "收到和处理政府信息公开申请情况",
        layout: TableLayout::LabelledRows,
        columns: &REQUEST_COLUMNS_2021,
        rows: &REQUEST_ROWS,
        groups: &REQUEST_GROUPS,
        headers: REQUEST_HEADERS,
    },
    TableDef {
        key: "review_litigation",
        short: "表四",
        label: "政府信息公开行政复议、行政诉讼情况",
        layout: TableLayout::SingleRun,
        columns: &REVIEW_COLUMNS_2021,
        rows: &REVIEW_ROWS_2021,
        groups: &REVIEW_GROUPS_2021,
        headers: &[],
    },
];

static RELATIONS: [&RelationDef; 4] = [
    &T3_BALANCE,
    &T3_RESULTS_TOTAL_2021,
    &T3_ROW_TOTAL,
    &T4_GROUP_TOTAL,
];

pub static FORMAT: FormatDef = FormatDef {
    id: FormatId::F2021,
    name: "《中华人民共和国政府信息公开工作年度报告格式》",
    issued_by: "国办公开办函〔2021〕30号",
    sections: &SECTIONS,
    tables: &TABLES,
    relations: &RELATIONS,
    markers: &[
        "本年制发件数",
        "本年废止件数",
        "现行有效件数",
        "本年处理决定数量",
        "本年收费金额（单位：万元）",
        "本年收费金额",
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    ],
};
