//! Pre-2019 reports (2007 条例, report years 2008–2018): no national table format.
//!
//! Their parts follow art. 32 of the 2007 条例; their figures are stated in sentences and, often,
//! in a 附表 (指标名称 / 计量单位 / 本年度 / 历年累计). Both map to the one `legacy` table of KEYS.md.

use crate::format::{
    ColumnDef, FormatDef, FormatId, RowDef, SectionDef, TableDef, TableLayout, ValueKind,
};

static SECTIONS: [SectionDef; 7] = [
    SectionDef {
        key: "overview",
        number: "一",
        label: "概述",
        aliases: &["总体情况", "基本情况"],
        table: None,
        keep_text: false,
    },
    SectionDef {
        key: "proactive",
        number: "二",
        label: "主动公开政府信息情况",
        aliases: &["主动公开政府信息的情况"],
        table: None,
        keep_text: false,
    },
    SectionDef {
        key: "requests",
        number: "三",
        label: "依申请公开政府信息情况",
        aliases: &[
            "依申请公开政府信息和不予公开政府信息的情况",
            "政府信息依申请公开办理情况",
            "依申请公开政府信息办理情况",
        ],
        table: None,
        keep_text: false,
    },
    SectionDef {
        key: "fees",
        number: "四",
        label: "政府信息公开的收费及减免情况",
        aliases: &["政府信息公开收费及减免情况"],
        table: None,
        keep_text: false,
    },
    SectionDef {
        key: "review_litigation",
        number: "五",
        label: "因政府信息公开申请行政复议、提起行政诉讼的情况",
        aliases: &[
            "因政府信息公开发生行政复议、诉讼和申诉的情况",
            "因政府信息公开申请行政复议、提起行政诉讼情况",
        ],
        table: None,
        keep_text: false,
    },
    SectionDef {
        key: "problems",
        number: "六",
        label: "政府信息公开工作存在的主要问题及改进情况",
        aliases: &[
            "政府信息公开工作存在的主要问题及改进措施",
            "存在的主要问题及改进情况",
            "存在的主要问题和改进措施",
        ],
        table: None,
        keep_text: true,
    },
    SectionDef {
        key: "other_matters",
        number: "七",
        label: "其他需要报告的事项",
        aliases: &[],
        table: None,
        keep_text: false,
    },
];

static COLUMNS: [ColumnDef; 2] = [
    ColumnDef {
        key: "year",
        label: "本年度",
        aliases: &["本年"],
        kind: ValueKind::Count,
        group: None,
    },
    ColumnDef {
        key: "cumulative",
        label: "历年累计",
        aliases: &["累计"],
        kind: ValueKind::Count,
        group: None,
    },
];

const BOTH: &[&str] = &["year", "cumulative"];

const fn row(key: &'static str, label: &'static str, aliases: &'static [&'static str]) -> RowDef {
    RowDef {
        key,
        label,
        aliases,
        columns: BOTH,
        group: None,
        block: None,
    }
}

static ROWS: [RowDef; 23] = [
    row("proactive_total", "主动公开政府信息数", &["主动公开信息数"]),
    row("proactive_fulltext", "全文电子化的主动公开信息数", &[]),
    row("proactive_website", "通过政府网站公开数", &[]),
    row("proactive_gazette", "政府公报公开数", &[]),
    row(
        "proactive_normative",
        "新增规范性文件数",
        &["新增的行政规范性文件数"],
    ),
    row(
        "requests_received",
        "申请总数",
        &["受理申请总数", "依申请公开申请总数"],
    ),
    row("requests_in_person", "当面申请数", &[]),
    row("requests_online", "网上申请数", &[]),
    row(
        "requests_letter_fax",
        "信函、传真申请数",
        &["信函申请数", "传真申请数"],
    ),
    row("requests_email", "电子邮件申请数", &[]),
    row("requests_other", "其他形式申请数", &[]),
    row("replies_total", "对申请的答复总数", &["答复总数"]),
    row("replies_granted", "同意公开答复数", &[]),
    row("replies_partial", "同意部分公开答复数", &[]),
    row("replies_refused", "不予公开答复数", &["否决公开答复总数"]),
    row("replies_not_held", "信息不存在", &[]),
    row(
        "replies_not_this_agency",
        "非本机关掌握",
        &["不属于本行政机关公开"],
    ),
    row("replies_already_public", "属于已主动公开范围", &[]),
    row("replies_other", "其他类型答复数", &[]),
    RowDef {
        key: "fees",
        label: "收费及减免金额",
        aliases: &["收费金额"],
        columns: BOTH,
        group: None,
        block: None,
    },
    row("reviews", "行政复议数", &[]),
    row("lawsuits", "行政诉讼数", &[]),
    row("complaints", "申诉数", &["举报投诉数", "行政申诉数"]),
];

static TABLES: [TableDef; 1] = [TableDef {
    key: "legacy",
    short: "附表",
    label: "政府信息公开情况统计表",
    layout: TableLayout::LabelledRows,
    columns: &COLUMNS,
    rows: &ROWS,
    groups: &[],
    headers: &["指标名称", "计量单位"],
}];

pub static FORMAT: FormatDef = FormatDef {
    id: FormatId::Legacy,
    name: "2019年以前的年度报告（无统一表格格式）",
    issued_by: "《中华人民共和国政府信息公开条例》（国务院令第492号）第三十二条",
    sections: &SECTIONS,
    tables: &TABLES,
    relations: &[],
    markers: &["政府信息公开的收费及减免情况", "收费及减免"],
};
