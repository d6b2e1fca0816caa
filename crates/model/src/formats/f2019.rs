//! 《中华人民共和国政府信息公开工作年度报告格式（试行）》, 国办公开办函〔2019〕60号
//! (report years 2019 and 2020).

use super::common::*;
use super::relations::{
    T2_PUBLISHED_WITHIN_MADE, T2_PUBLISHED_WITHIN_TOTAL, T3_BALANCE, T3_RESULTS_TOTAL_2019,
    T3_ROW_TOTAL, T4_GROUP_TOTAL,
};
use crate::format::{
    ColumnDef, FormatDef, FormatId, GroupDef, RowDef, TableDef, TableLayout, ValueKind,
};
use crate::relation::RelationDef;

const BLOCK_1: &str = "第二十条第（一）项";
const BLOCK_5: &str = "第二十条第（五）项";
const BLOCK_6: &str = "第二十条第（六）项";
const BLOCK_8: &str = "第二十条第（八）项";
const BLOCK_9: &str = "第二十条第（九）项";

const DOCS: &[&str] = &["made", "newly_published", "published_total"];
const ITEMS: &[&str] = &["prior_items", "change", "decisions"];

static PROACTIVE_COLUMNS: [ColumnDef; 8] = [
    ColumnDef {
        key: "made",
        label: "本年新制作数量",
        aliases: &["本年新制作"],
        kind: ValueKind::Count,
        group: None,
    },
    ColumnDef {
        key: "newly_published",
        label: "本年新公开数量",
        aliases: &["本年新公开"],
        kind: ValueKind::Count,
        group: None,
    },
    ColumnDef {
        key: "published_total",
        label: "对外公开总数量",
        aliases: &["对外公开总数"],
        kind: ValueKind::Count,
        group: None,
    },
    ColumnDef {
        key: "prior_items",
        label: "上一年项目数量",
        aliases: &["上年项目数量"],
        kind: ValueKind::Count,
        group: None,
    },
    ColumnDef {
        key: "change",
        label: "本年增/减",
        aliases: &["本年增减", "本年增（减）"],
        kind: ValueKind::Change,
        group: None,
    },
    ColumnDef {
        key: "decisions",
        label: "处理决定数量",
        aliases: &["本年处理决定数量"],
        kind: ValueKind::Count,
        group: None,
    },
    ColumnDef {
        key: "items",
        label: "采购项目数量",
        aliases: &[],
        kind: ValueKind::Count,
        group: None,
    },
    ColumnDef {
        key: "amount",
        label: "采购总金额",
        aliases: &["采购总金额（万元）", "采购总金额（单位：万元）"],
        kind: ValueKind::Amount,
        group: None,
    },
];

static PROACTIVE_ROWS: [RowDef; 8] = [
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
        label: "规范性文件",
        aliases: &["行政规范性文件", "规范性档案"],
        columns: DOCS,
        group: None,
        block: Some(BLOCK_1),
    },
    RowDef {
        key: "licensing",
        label: "行政许可",
        aliases: &[],
        columns: ITEMS,
        group: None,
        block: Some(BLOCK_5),
    },
    RowDef {
        key: "other_services",
        label: "其他对外管理服务事项",
        aliases: &["其它对外管理服务事项"],
        columns: ITEMS,
        group: None,
        block: Some(BLOCK_5),
    },
    RowDef {
        key: "penalty",
        label: "行政处罚",
        aliases: &[],
        columns: ITEMS,
        group: None,
        block: Some(BLOCK_6),
    },
    RowDef {
        key: "coercion",
        label: "行政强制",
        aliases: &[],
        columns: ITEMS,
        group: None,
        block: Some(BLOCK_6),
    },
    RowDef {
        key: "fees",
        label: "行政事业性收费",
        aliases: &[],
        columns: &["prior_items", "change"],
        group: None,
        block: Some(BLOCK_8),
    },
    RowDef {
        key: "procurement",
        label: "政府集中采购",
        aliases: &[],
        columns: &["items", "amount"],
        group: None,
        block: Some(BLOCK_9),
    },
];

static REQUEST_ROWS: [RowDef; 23] = request_rows!(RowDef {
    key: "other",
    label: "（六）其他处理",
    aliases: &[],
    columns: ALL_REQUEST_COLUMNS,
    group: Some("results"),
    block: None,
},);

static REQUEST_GROUPS: [GroupDef; 4] = REQUEST_GROUPS_COMMON;
static REQUEST_COLUMNS_2019: [ColumnDef; 7] = REQUEST_COLUMNS;
static REVIEW_COLUMNS_2019: [ColumnDef; 5] = REVIEW_COLUMNS;
static REVIEW_ROWS_2019: [RowDef; 3] = REVIEW_ROWS;
static REVIEW_GROUPS_2019: [GroupDef; 1] = REVIEW_GROUPS;

static TABLES: [TableDef; 3] = [
    TableDef {
        key: "proactive",
        short: "表二",
        label: "主动公开政府信息情况",
        layout: TableLayout::LabelledRows,
        columns: &PROACTIVE_COLUMNS,
        rows: &PROACTIVE_ROWS,
        groups: &[],
        headers: &["信息内容", BLOCK_1, BLOCK_5, BLOCK_6, BLOCK_8, BLOCK_9],
    },
    TableDef {
        key: "requests",
        short: "表三",
        label: "收到和处理政府信息公开申请情况",
        layout: TableLayout::LabelledRows,
        columns: &REQUEST_COLUMNS_2019,
        rows: &REQUEST_ROWS,
        groups: &REQUEST_GROUPS,
        headers: REQUEST_HEADERS,
    },
    TableDef {
        key: "review_litigation",
        short: "表四",
        label: "政府信息公开行政复议、行政诉讼情况",
        layout: TableLayout::SingleRun,
        columns: &REVIEW_COLUMNS_2019,
        rows: &REVIEW_ROWS_2019,
        groups: &REVIEW_GROUPS_2019,
        headers: &[],
    },
];

static RELATIONS: [&RelationDef; 6] = [
    &T3_BALANCE,
    &T3_RESULTS_TOTAL_2019,
    &T3_ROW_TOTAL,
    &T4_GROUP_TOTAL,
    &T2_PUBLISHED_WITHIN_TOTAL,
    &T2_PUBLISHED_WITHIN_MADE,
];

pub static FORMAT: FormatDef = FormatDef {
    id: FormatId::F2019,
    name: "《中华人民共和国政府信息公开工作年度报告格式（试行）》",
    issued_by: "国办公开办函〔2019〕60号",
    sections: &SECTIONS,
    tables: &TABLES,
    relations: &RELATIONS,
    markers: &[
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
        "上一年项目数量",
        "本年增/减",
        "第二十条第（九）项",
        "政府集中采购",
        "采购项目数量",
        "采购总金额",
        "其他对外管理服务事项",
    ],
};
