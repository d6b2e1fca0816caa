//! Pieces shared by the 2019 and 2021 formats: the six parts, 表三's grid (but for （六）) and 表四.

use crate::format::{ColumnDef, GroupDef, RowDef, SectionDef, ValueKind};

pub const SECTIONS: [SectionDef; 6] = [
    SectionDef {
        key: "overview",
        number: "一",
        label: "总体情况",
        aliases: &["概述", "总体工作情况", "基本情况"],
        table: None,
        keep_text: false,
    },
    SectionDef {
        key: "proactive",
        number: "二",
        label: "主动公开政府信息情况",
        aliases: &["主动公开政府信息的情况", "政府信息主动公开情况"],
        table: Some("proactive"),
        keep_text: false,
    },
    SectionDef {
        key: "requests",
        number: "三",
        label: "收到和处理政府信息公开申请情况",
        aliases: &[
            "收到和处理政府信息公开申请的情况",
            "依申请公开政府信息情况",
            "政府信息公开申请情况",
        ],
        table: Some("requests"),
        keep_text: false,
    },
    SectionDef {
        key: "review_litigation",
        number: "四",
        label: "政府信息公开行政复议、行政诉讼情况",
        aliases: &[
            "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
            "因政府信息公开工作被申请行政复议、提起行政诉讼的情况",
            "政府信息公开行政复议及行政诉讼情况",
            "政府信息公开行政复议、诉讼情况",
            "因政府信息公开申请行政复议、提起行政诉讼的情况",
        ],
        table: Some("review_litigation"),
        keep_text: false,
    },
    SectionDef {
        key: "problems",
        number: "五",
        label: "存在的主要问题及改进情况",
        aliases: &[
            "政府信息公开工作存在的主要问题及改进情况",
            "存在的主要问题和改进情况",
            "存在的主要问题及改进措施",
            "政府信息公开工作存在的主要问题及改进措施",
        ],
        table: None,
        keep_text: true,
    },
    SectionDef {
        key: "other_matters",
        number: "六",
        label: "其他需要报告的事项",
        aliases: &["其他需要报告事项", "其它需要报告的事项"],
        table: None,
        keep_text: false,
    },
];

// ---- 表三 收到和处理政府信息公开申请情况 ----------------------------------------------------

/// The seven applicant columns of 表三, the same in both formats.
pub const REQUEST_COLUMNS: [ColumnDef; 7] = [
    ColumnDef {
        key: "natural_person",
        label: "自然人",
        aliases: &[],
        kind: ValueKind::Count,
        group: None,
    },
    ColumnDef {
        key: "business",
        label: "商业企业",
        aliases: &[],
        kind: ValueKind::Count,
        group: Some("法人或其他组织"),
    },
    ColumnDef {
        key: "research",
        label: "科研机构",
        aliases: &[],
        kind: ValueKind::Count,
        group: Some("法人或其他组织"),
    },
    ColumnDef {
        key: "social_org",
        label: "社会公益组织",
        aliases: &[],
        kind: ValueKind::Count,
        group: Some("法人或其他组织"),
    },
    ColumnDef {
        key: "legal_service",
        label: "法律服务机构",
        aliases: &[],
        kind: ValueKind::Count,
        group: Some("法人或其他组织"),
    },
    ColumnDef {
        key: "other_org",
        label: "其他",
        aliases: &["其它"],
        kind: ValueKind::Count,
        group: Some("法人或其他组织"),
    },
    ColumnDef {
        key: "total",
        label: "总计",
        aliases: &["合计"],
        kind: ValueKind::Count,
        group: None,
    },
];

/// The six applicant columns whose sum is the 总计 column.
pub const APPLICANT_COLUMNS: &[&str] = &[
    "natural_person",
    "business",
    "research",
    "social_org",
    "legal_service",
    "other_org",
];

pub const ALL_REQUEST_COLUMNS: &[&str] = &[
    "natural_person",
    "business",
    "research",
    "social_org",
    "legal_service",
    "other_org",
    "total",
];

const fn request_row(
    key: &'static str,
    label: &'static str,
    aliases: &'static [&'static str],
    group: Option<&'static str>,
) -> RowDef {
    RowDef {
        key,
        label,
        aliases,
        columns: ALL_REQUEST_COLUMNS,
        group,
        block: None,
    }
}

pub const RECEIVED: RowDef = request_row(
    "received",
    "一、本年新收政府信息公开申请数量",
    &[
        "本年新收政府信息公开申请数",
        "本年新收申请数量",
        "本年新收政府信息公开申请",
    ],
    None,
);
pub const CARRIED_IN: RowDef = request_row(
    "carried_in",
    "二、上年结转政府信息公开申请数量",
    &[
        "上年结转政府信息公开申请数",
        "上年结转申请数量",
        "上年结转政府信息公开申请",
    ],
    None,
);
pub const GRANTED: RowDef = request_row("granted", "（一）予以公开", &[], Some("results"));
pub const PARTIALLY_GRANTED: RowDef = request_row(
    "partially_granted",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    &["部分公开"],
    Some("results"),
);
pub const WITHHELD: [RowDef; 8] = [
    request_row(
        "withheld_state_secret",
        "1.属于国家秘密",
        &[],
        Some("withheld"),
    ),
    request_row(
        "withheld_prohibited",
        "2.其他法律行政法规禁止公开",
        &["其他法律、行政法规禁止公开"],
        Some("withheld"),
    ),
    request_row(
        "withheld_security",
        "3.危及“三安全一稳定”",
        &["危及三安全一稳定"],
        Some("withheld"),
    ),
    request_row(
        "withheld_third_party",
        "4.保护第三方合法权益",
        &[],
        Some("withheld"),
    ),
    request_row(
        "withheld_internal",
        "5.属于三类内部事务信息",
        &[],
        Some("withheld"),
    ),
    request_row(
        "withheld_process",
        "6.属于四类过程性信息",
        &[],
        Some("withheld"),
    ),
    request_row(
        "withheld_enforcement",
        "7.属于行政执法案卷",
        &[],
        Some("withheld"),
    ),
    request_row(
        "withheld_query",
        "8.属于行政查询事项",
        &[],
        Some("withheld"),
    ),
];
/// The keys of the 不予公开 rows, in the format's order (from the row definitions above).
pub const WITHHELD_ROWS: [&str; 8] = {
    let mut out = [""; 8];
    let mut i = 0;
    while i < 8 {
        out[i] = WITHHELD[i].key;
        i += 1;
    }
    out
};

pub const UNAVAILABLE: [RowDef; 3] = [
    request_row(
        "unavailable_not_held",
        "1.本机关不掌握相关政府信息",
        &[],
        Some("unavailable"),
    ),
    request_row(
        "unavailable_needs_creation",
        "2.没有现成信息需要另行制作",
        &[],
        Some("unavailable"),
    ),
    request_row(
        "unavailable_unclear",
        "3.补正后申请内容仍不明确",
        &[],
        Some("unavailable"),
    ),
];
pub const DECLINED: [RowDef; 5] = [
    request_row(
        "declined_petition",
        "1.信访举报投诉类申请",
        &[],
        Some("declined"),
    ),
    request_row("declined_repeat", "2.重复申请", &[], Some("declined")),
    request_row(
        "declined_publication",
        "3.要求提供公开出版物",
        &[],
        Some("declined"),
    ),
    request_row(
        "declined_excessive",
        "4.无正当理由大量反复申请",
        &[],
        Some("declined"),
    ),
    request_row(
        "declined_confirmation",
        "5.要求行政机关确认或重新出具已获取信息",
        &[],
        Some("declined"),
    ),
];
pub const TOTAL: RowDef = request_row("total", "（七）总计", &["总计"], Some("results"));
pub const CARRIED_OUT: RowDef = request_row(
    "carried_out",
    "四、结转下年度继续办理",
    &["结转下年度继续办理数量"],
    None,
);

pub const REQUEST_GROUPS_COMMON: [GroupDef; 4] = [
    GroupDef {
        key: "results",
        label: "三、本年度办理结果",
        aliases: &["本年度办理结果"],
        parent: None,
    },
    GroupDef {
        key: "withheld",
        label: "（三）不予公开",
        aliases: &[],
        parent: Some("results"),
    },
    GroupDef {
        key: "unavailable",
        label: "（四）无法提供",
        aliases: &[],
        parent: Some("results"),
    },
    GroupDef {
        key: "declined",
        label: "（五）不予处理",
        aliases: &[],
        parent: Some("results"),
    },
];

/// Header texts of 表三 that are neither rows nor columns.
pub const REQUEST_HEADERS: &[&str] = &[
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    "本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和",
    "申请人情况",
    "法人或其他组织",
];

// ---- 表四 政府信息公开行政复议、行政诉讼情况 --------------------------------------------------

pub const REVIEW_COLUMNS: [ColumnDef; 5] = [
    ColumnDef {
        key: "upheld",
        label: "结果维持",
        aliases: &["维持"],
        kind: ValueKind::Count,
        group: None,
    },
    ColumnDef {
        key: "corrected",
        label: "结果纠正",
        aliases: &["纠正"],
        kind: ValueKind::Count,
        group: None,
    },
    ColumnDef {
        key: "other",
        label: "其他结果",
        aliases: &["其它结果"],
        kind: ValueKind::Count,
        group: None,
    },
    ColumnDef {
        key: "pending",
        label: "尚未审结",
        aliases: &[],
        kind: ValueKind::Count,
        group: None,
    },
    ColumnDef {
        key: "total",
        label: "总计",
        aliases: &["合计"],
        kind: ValueKind::Count,
        group: None,
    },
];

const REVIEW_COLS: &[&str] = &["upheld", "corrected", "other", "pending", "total"];

pub const REVIEW_ROWS: [RowDef; 3] = [
    RowDef {
        key: "review",
        label: "行政复议",
        aliases: &[],
        columns: REVIEW_COLS,
        group: None,
        block: None,
    },
    RowDef {
        key: "litigation_direct",
        label: "未经复议直接起诉",
        aliases: &[],
        columns: REVIEW_COLS,
        group: Some("litigation"),
        block: None,
    },
    RowDef {
        key: "litigation_after_review",
        label: "复议后起诉",
        aliases: &[],
        columns: REVIEW_COLS,
        group: Some("litigation"),
        block: None,
    },
];

pub const REVIEW_GROUPS: [GroupDef; 1] = [GroupDef {
    key: "litigation",
    label: "行政诉讼",
    aliases: &[],
    parent: None,
}];

/// 表三's rows in printed order, with a format's own （六） rows in the middle: the rows both
/// formats share are listed here once.
macro_rules! request_rows {
    ($($other:expr),+ $(,)?) => {
        [
            RECEIVED,
            CARRIED_IN,
            GRANTED,
            PARTIALLY_GRANTED,
            WITHHELD[0],
            WITHHELD[1],
            WITHHELD[2],
            WITHHELD[3],
            WITHHELD[4],
            WITHHELD[5],
            WITHHELD[6],
            WITHHELD[7],
            UNAVAILABLE[0],
            UNAVAILABLE[1],
            UNAVAILABLE[2],
            DECLINED[0],
            DECLINED[1],
            DECLINED[2],
            DECLINED[3],
            DECLINED[4],
            $($other,)+
            TOTAL,
            CARRIED_OUT,
        ]
    };
}
pub(crate) use request_rows;
