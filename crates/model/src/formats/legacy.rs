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
        aliases: &["本年", "本年数", "本期实际", "统计数", "数量"],
        kind: ValueKind::Count,
        group: None,
    },
    ColumnDef {
        key: "cumulative",
        label: "历年累计",
        aliases: &["累计", "累计数", "历年累计数"],
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

// The labels and aliases are the wordings 附表 print (KEYS.md `legacy`; REPORT-FORMAT.md §6.3:
// the 定西 and 莆田 templates, and the 2014–2018 national 统计表 wording such as 收到申请数 and
// 不同意公开答复数). They are matched after numbering, quotes, parenthesised explanations and a
// trailing 数/数量 are set aside, so `（2）“信息不存在”数` is 信息不存在.
static ROWS: [RowDef; 23] = [
    row(
        "proactive_total",
        "主动公开政府信息数",
        &["主动公开信息数", "主动公开政府信息总数", "主动公开信息总数"],
    ),
    row(
        "proactive_fulltext",
        "全文电子化的主动公开信息数",
        &["全文电子化的主动公开政府信息数", "全文电子化信息数"],
    ),
    row(
        "proactive_website",
        "通过政府网站公开数",
        &[
            "政府网站公开政府信息数",
            "通过政府网站公开政府信息数",
            "网站公开信息数",
        ],
    ),
    row(
        "proactive_gazette",
        "政府公报公开数",
        &["政府公报公开政府信息数", "通过政府公报公开政府信息数"],
    ),
    row(
        "proactive_normative",
        "新增规范性文件数",
        &[
            "新增的行政规范性文件数",
            "新增的规范性文件数",
            "主动公开规范性文件数",
        ],
    ),
    row(
        "requests_received",
        "申请总数",
        &[
            "受理申请总数",
            "依申请公开申请总数",
            "收到申请数",
            "收到申请总数",
            "受理申请数",
        ],
    ),
    row("requests_in_person", "当面申请数", &[]),
    row("requests_online", "网上申请数", &["网络申请数"]),
    row(
        "requests_letter_fax",
        "信函、传真申请数",
        &["信函申请数", "传真申请数"],
    ),
    row("requests_email", "电子邮件申请数", &[]),
    row("requests_other", "其他形式申请数", &[]),
    row(
        "replies_total",
        "对申请的答复总数",
        &["答复总数", "申请答复数", "对申请的答复数"],
    ),
    row("replies_granted", "同意公开答复数", &[]),
    row("replies_partial", "同意部分公开答复数", &[]),
    row(
        "replies_refused",
        "不予公开答复数",
        &["否决公开答复总数", "否决公开答复数", "不同意公开答复数"],
    ),
    row(
        "replies_not_held",
        "信息不存在",
        &["申请信息不存在数", "信息不存在数"],
    ),
    row(
        "replies_not_this_agency",
        "非本机关掌握",
        &[
            "不属于本行政机关公开",
            "不属于本行政机关公开数",
            "非本部门掌握",
            "非本机关掌握数",
        ],
    ),
    row(
        "replies_already_public",
        "属于已主动公开范围",
        &["属于已主动公开范围数"],
    ),
    row("replies_other", "其他类型答复数", &[]),
    RowDef {
        key: "fees",
        label: "收费及减免金额",
        aliases: &["收费金额", "依申请公开信息收取的费用", "收取费用"],
        columns: BOTH,
        group: None,
        block: None,
    },
    row("reviews", "行政复议数", &["行政复议数量", "行政复议案件数"]),
    row(
        "lawsuits",
        "行政诉讼数",
        &["行政诉讼数量", "行政诉讼案件数"],
    ),
    row(
        "complaints",
        "申诉数",
        &["举报投诉数", "行政申诉数", "举报投诉数量"],
    ),
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

/// What a column header of a 附表 names. The value columns' own words are the `legacy` table's
/// column labels and aliases ([`TABLES`]); these are the other header cells, and the value
/// headers that must not be taken for `year` or `cumulative`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppendixHeader {
    /// 指标名称: the row labels.
    Name,
    /// 计量单位: 条, 件, 人次, 元 …
    Unit,
    /// 代码 / 序号: a row code (`01`), not a value.
    Code,
    /// A value column the `legacy` table does not keep (定西's 本年累计 beside 本期实际: a
    /// year-to-date figure in a template also used monthly).
    Ignored,
}

/// Header cells of a 附表 other than its value columns, compared after white space is removed
/// (`指 标 名 称`).
pub static APPENDIX_HEADERS: &[(&str, AppendixHeader)] = &[
    ("指标名称", AppendixHeader::Name),
    ("统计指标", AppendixHeader::Name),
    ("指标", AppendixHeader::Name),
    ("项目", AppendixHeader::Name),
    ("项目名称", AppendixHeader::Name),
    ("计量单位", AppendixHeader::Unit),
    ("单位", AppendixHeader::Unit),
    ("代码", AppendixHeader::Code),
    ("序号", AppendixHeader::Code),
    ("本年累计", AppendixHeader::Ignored),
];

/// Titles a 附表 is printed under (besides the table's own label).
pub static APPENDIX_TITLES: &[&str] = &[
    "政府信息公开情况统计表",
    "政府信息公开工作情况统计表",
    "政府信息公开统计表",
    "政府信息公开情况统计报表",
];

/// Row keys of the indicators a 附表 prints beyond the `legacy` rows (KEYS.md `extra.<n>`):
/// at most this many per report.
pub const MAX_EXTRA_ROWS: usize = 99;

/// The row key `extra.<n>` (1-based), as a static string: one per `n`, made once.
pub fn extra_row(n: usize) -> Option<&'static str> {
    static KEYS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        (1..=MAX_EXTRA_ROWS)
            .map(|i| &*Box::leak(format!("extra.{i}").into_boxed_str()))
            .collect()
    });
    n.checked_sub(1).and_then(|i| keys.get(i)).copied()
}

/// The static key of an `extra.<n>` row key, if `key` is one.
pub fn extra_row_key(key: &str) -> Option<&'static str> {
    let n: usize = key.strip_prefix("extra.")?.parse().ok()?;
    extra_row(n).filter(|k| *k == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extra_rows_are_static_and_bounded() {
        assert_eq!(extra_row(1), Some("extra.1"));
        assert_eq!(extra_row(MAX_EXTRA_ROWS), Some("extra.99"));
        assert_eq!(extra_row(0), None);
        assert_eq!(extra_row(MAX_EXTRA_ROWS + 1), None);
        assert!(std::ptr::eq(
            extra_row(7).unwrap_or_default(),
            extra_row(7).unwrap_or_default()
        ));
        assert_eq!(extra_row_key("extra.12"), Some("extra.12"));
        assert_eq!(extra_row_key("extra.012"), None);
        assert_eq!(extra_row_key("extra.x"), None);
        assert_eq!(extra_row_key("fees"), None);
    }
}
