//! How a case lands in 表三: its applicant type picks the column, its outcome picks the row.
//!
//! Both mappings are tables of data (REPORT-FORMAT.md §3.1, §3.5), checked against the format
//! definitions of `gongkai-model` rather than repeated as labels here: an applicant type names a
//! `requests` column key, an outcome names a `requests` row key of the 2021 format. For the 2019
//! format, whose （六）其他处理 is one row, a 2021 row that the format lacks is counted in the
//! row named by its group (`other_no_fee` sits in group `other`, and 2019 has a row `other`).
//! So each outcome lands in exactly one row of either format, and a future format is handled by
//! its data.
//!
//! The article-to-row mapping is interpretive (§3.5 marks it [U]); where two articles share a
//! row (art. 36(1) and 36(2) are both （一）予以公开), both are listed so the register keeps the
//! finer distinction the report does not.

use gongkai_model::format::{ColumnDef, RowDef};
use gongkai_model::{formats, FormatId};

/// Who applied (表三's columns, KEYS.md `requests` column keys).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ApplicantType {
    NaturalPerson,
    Business,
    Research,
    SocialOrg,
    LegalService,
    OtherOrg,
}

struct ApplicantDef {
    ty: ApplicantType,
    column: &'static str,
    en: &'static str,
}

/// The applicant types and their 表三 column keys, in the table's column order.
const APPLICANTS: [ApplicantDef; 6] = [
    ApplicantDef {
        ty: ApplicantType::NaturalPerson,
        column: "natural_person",
        en: "natural person",
    },
    ApplicantDef {
        ty: ApplicantType::Business,
        column: "business",
        en: "business",
    },
    ApplicantDef {
        ty: ApplicantType::Research,
        column: "research",
        en: "research institution",
    },
    ApplicantDef {
        ty: ApplicantType::SocialOrg,
        column: "social_org",
        en: "public-interest organisation",
    },
    ApplicantDef {
        ty: ApplicantType::LegalService,
        column: "legal_service",
        en: "legal service provider",
    },
    ApplicantDef {
        ty: ApplicantType::OtherOrg,
        column: "other_org",
        en: "other organisation",
    },
];

impl ApplicantType {
    pub const ALL: [ApplicantType; 6] = [
        ApplicantType::NaturalPerson,
        ApplicantType::Business,
        ApplicantType::Research,
        ApplicantType::SocialOrg,
        ApplicantType::LegalService,
        ApplicantType::OtherOrg,
    ];

    fn def(self) -> &'static ApplicantDef {
        // APPLICANTS is in the same order as the enum.
        &APPLICANTS[self.index()]
    }

    /// Position among the six applicant columns (0 = 自然人).
    pub fn index(self) -> usize {
        self as usize
    }

    /// The `requests` column key, which is also the stable key of the type.
    pub fn key(self) -> &'static str {
        self.def().column
    }

    pub fn from_key(key: &str) -> Option<ApplicantType> {
        APPLICANTS.iter().find(|a| a.column == key).map(|a| a.ty)
    }

    /// The column in a format's `requests` table.
    pub fn column(self, format: FormatId) -> Option<&'static ColumnDef> {
        formats::get(format)
            .table("requests")
            .and_then(|t| t.column(self.key()))
    }

    /// The format's label: 自然人, 商业企业 … (其他 for other organisations, under 法人或其他组织).
    pub fn zh(self) -> &'static str {
        self.column(FormatId::F2021).map_or(self.key(), |c| c.label)
    }

    pub fn en(self) -> &'static str {
        self.def().en
    }
}

/// The reply given (条例 arts. 35–39), each landing in one 表三 row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReplyType {
    /// Art. 36(1): already proactively disclosed; told where to find it.
    AlreadyPublished,
    /// Art. 36(2): disclosed.
    Granted,
    /// Art. 37: 区分处理, the disclosable part provided.
    PartiallyGranted,
    /// Art. 14: state secret.
    StateSecret,
    /// Art. 14: other laws or administrative regulations forbid disclosure.
    ProhibitedByLaw,
    /// Art. 14: would endanger 国家安全、公共安全、经济安全、社会稳定.
    Security,
    /// Art. 15: third-party rights (商业秘密、个人隐私).
    ThirdPartyRights,
    /// Art. 16 ¶1: internal affairs (人事管理、后勤管理、内部工作流程).
    InternalAffairs,
    /// Art. 16 ¶2: process information (讨论记录、过程稿、磋商信函、请示报告).
    ProcessInformation,
    /// Art. 16 ¶2: administrative enforcement files.
    EnforcementFile,
    /// Art. 36(7): 工商、不动产登记资料 and other records with their own access rules.
    AdministrativeQuery,
    /// Art. 36(4): searched, does not exist.
    NotHeld,
    /// Art. 36(5): not this agency's to disclose.
    NotThisAgency,
    /// Art. 38: would have to be created, or 加工、分析.
    NeedsCreation,
    /// Art. 30: still unclear after 补正.
    UnclearAfterCorrection,
    /// Art. 39 ¶1: 信访、投诉、举报 sent as an application.
    Petition,
    /// Art. 36(6): a repeat of an answered application.
    Repeat,
    /// Art. 39 ¶2: asks for 公开出版物.
    Publication,
    /// Art. 35: unreasonable number or frequency, reason not accepted.
    Excessive,
    /// Asks the agency to confirm or re-issue information already obtained (no article).
    Confirmation,
    /// Any other handling (（六）3 其他).
    OtherHandling,
}

struct ReplyDef {
    ty: ReplyType,
    key: &'static str,
    /// The `requests` row key in the 2021 format.
    row: &'static str,
    article: &'static str,
    zh: &'static str,
    en: &'static str,
}

const REPLIES: [ReplyDef; 21] = [
    ReplyDef {
        ty: ReplyType::AlreadyPublished,
        key: "already_published",
        row: "granted",
        article: "第三十六条第（一）项",
        zh: "已主动公开，告知获取方式和途径",
        en: "already published; told where to obtain it",
    },
    ReplyDef {
        ty: ReplyType::Granted,
        key: "granted",
        row: "granted",
        article: "第三十六条第（二）项",
        zh: "予以公开",
        en: "disclosed",
    },
    ReplyDef {
        ty: ReplyType::PartiallyGranted,
        key: "partially_granted",
        row: "partially_granted",
        article: "第三十七条",
        zh: "部分公开（区分处理）",
        en: "partly disclosed (separable content)",
    },
    ReplyDef {
        ty: ReplyType::StateSecret,
        key: "state_secret",
        row: "withheld_state_secret",
        article: "第十四条",
        zh: "不予公开：属于国家秘密",
        en: "withheld: state secret",
    },
    ReplyDef {
        ty: ReplyType::ProhibitedByLaw,
        key: "prohibited",
        row: "withheld_prohibited",
        article: "第十四条",
        zh: "不予公开：其他法律行政法规禁止公开",
        en: "withheld: forbidden by other laws or administrative regulations",
    },
    ReplyDef {
        ty: ReplyType::Security,
        key: "security",
        row: "withheld_security",
        article: "第十四条",
        zh: "不予公开：危及“三安全一稳定”",
        en: "withheld: would endanger security or social stability",
    },
    ReplyDef {
        ty: ReplyType::ThirdPartyRights,
        key: "third_party",
        row: "withheld_third_party",
        article: "第十五条",
        zh: "不予公开：保护第三方合法权益",
        en: "withheld: third-party rights",
    },
    ReplyDef {
        ty: ReplyType::InternalAffairs,
        key: "internal",
        row: "withheld_internal",
        article: "第十六条第一款",
        zh: "不予公开：属于三类内部事务信息",
        en: "withheld: internal affairs",
    },
    ReplyDef {
        ty: ReplyType::ProcessInformation,
        key: "process",
        row: "withheld_process",
        article: "第十六条第二款",
        zh: "不予公开：属于四类过程性信息",
        en: "withheld: process information",
    },
    ReplyDef {
        ty: ReplyType::EnforcementFile,
        key: "enforcement",
        row: "withheld_enforcement",
        article: "第十六条第二款",
        zh: "不予公开：属于行政执法案卷",
        en: "withheld: administrative enforcement file",
    },
    ReplyDef {
        ty: ReplyType::AdministrativeQuery,
        key: "query",
        row: "withheld_query",
        article: "第三十六条第（七）项",
        zh: "不予公开：属于行政查询事项",
        en: "withheld: records with their own access procedure",
    },
    ReplyDef {
        ty: ReplyType::NotHeld,
        key: "not_held",
        row: "unavailable_not_held",
        article: "第三十六条第（四）项",
        zh: "无法提供：经检索没有所申请公开信息",
        en: "cannot provide: not held after search",
    },
    ReplyDef {
        ty: ReplyType::NotThisAgency,
        key: "not_this_agency",
        row: "unavailable_not_held",
        article: "第三十六条第（五）项",
        zh: "无法提供：不属于本机关负责公开",
        en: "cannot provide: not this agency's to disclose",
    },
    ReplyDef {
        ty: ReplyType::NeedsCreation,
        key: "needs_creation",
        row: "unavailable_needs_creation",
        article: "第三十八条",
        zh: "无法提供：没有现成信息需要另行制作",
        en: "cannot provide: would have to be created",
    },
    ReplyDef {
        ty: ReplyType::UnclearAfterCorrection,
        key: "unclear",
        row: "unavailable_unclear",
        article: "第三十条",
        zh: "无法提供：补正后申请内容仍不明确",
        en: "cannot provide: still unclear after correction",
    },
    ReplyDef {
        ty: ReplyType::Petition,
        key: "petition",
        row: "declined_petition",
        article: "第三十九条第一款",
        zh: "不予处理：信访举报投诉类申请",
        en: "not processed: petition or complaint",
    },
    ReplyDef {
        ty: ReplyType::Repeat,
        key: "repeat",
        row: "declined_repeat",
        article: "第三十六条第（六）项",
        zh: "不予处理：重复申请",
        en: "not processed: repeat application",
    },
    ReplyDef {
        ty: ReplyType::Publication,
        key: "publication",
        row: "declined_publication",
        article: "第三十九条第二款",
        zh: "不予处理：要求提供公开出版物",
        en: "not processed: asks for a publication",
    },
    ReplyDef {
        ty: ReplyType::Excessive,
        key: "excessive",
        row: "declined_excessive",
        article: "第三十五条",
        zh: "不予处理：无正当理由大量反复申请",
        en: "not processed: excessive applications without good reason",
    },
    ReplyDef {
        ty: ReplyType::Confirmation,
        key: "confirmation",
        row: "declined_confirmation",
        article: "",
        zh: "不予处理：要求行政机关确认或重新出具已获取信息",
        en: "not processed: asks to confirm or re-issue information already obtained",
    },
    ReplyDef {
        ty: ReplyType::OtherHandling,
        key: "other",
        row: "other_misc",
        article: "",
        zh: "其他处理",
        en: "other handling",
    },
];

impl ReplyType {
    pub const ALL: [ReplyType; 21] = [
        ReplyType::AlreadyPublished,
        ReplyType::Granted,
        ReplyType::PartiallyGranted,
        ReplyType::StateSecret,
        ReplyType::ProhibitedByLaw,
        ReplyType::Security,
        ReplyType::ThirdPartyRights,
        ReplyType::InternalAffairs,
        ReplyType::ProcessInformation,
        ReplyType::EnforcementFile,
        ReplyType::AdministrativeQuery,
        ReplyType::NotHeld,
        ReplyType::NotThisAgency,
        ReplyType::NeedsCreation,
        ReplyType::UnclearAfterCorrection,
        ReplyType::Petition,
        ReplyType::Repeat,
        ReplyType::Publication,
        ReplyType::Excessive,
        ReplyType::Confirmation,
        ReplyType::OtherHandling,
    ];

    fn def(self) -> &'static ReplyDef {
        // REPLIES is in the same order as the enum.
        &REPLIES[self as usize]
    }

    /// The stable key (storage, CSV).
    pub fn key(self) -> &'static str {
        self.def().key
    }

    pub fn from_key(key: &str) -> Option<ReplyType> {
        REPLIES.iter().find(|r| r.key == key).map(|r| r.ty)
    }

    /// The 条例 article it rests on, e.g. 第三十六条第（四）项 (empty where there is none).
    pub fn article(self) -> &'static str {
        self.def().article
    }

    pub fn zh(self) -> &'static str {
        self.def().zh
    }

    pub fn en(self) -> &'static str {
        self.def().en
    }
}

/// Why a case was treated as abandoned (视为放弃申请).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Abandonment {
    /// No 补正 by the deadline without good reason (art. 30).
    NoCorrection,
    /// The fee not paid within 20 working days of the notice (信息处理费管理办法).
    FeeNotPaid,
}

/// How a case ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Disposition {
    Replied(ReplyType),
    Withdrawn,
    Abandoned(Abandonment),
}

impl Disposition {
    /// The `requests` row key in the 2021 format (the finest-grained one).
    pub fn row_key(self) -> &'static str {
        match self {
            Disposition::Replied(r) => r.def().row,
            Disposition::Withdrawn => "other_misc",
            Disposition::Abandoned(Abandonment::NoCorrection) => "other_no_correction",
            Disposition::Abandoned(Abandonment::FeeNotPaid) => "other_no_fee",
        }
    }

    /// The row of a format's `requests` table this outcome is counted in: the row with the
    /// 2021 key, or else the row named by that row's group (2019's single （六） row).
    pub fn row(self, format: FormatId) -> Option<&'static RowDef> {
        let table = formats::get(format).table("requests")?;
        let key = self.row_key();
        table.row(key).or_else(|| {
            let group = formats::get(FormatId::F2021)
                .table("requests")?
                .row(key)?
                .group?;
            table.row(group)
        })
    }

    pub fn zh(self) -> &'static str {
        match self {
            Disposition::Replied(r) => r.zh(),
            Disposition::Withdrawn => "申请人撤回申请",
            Disposition::Abandoned(Abandonment::NoCorrection) => "逾期不补正，视为放弃申请",
            Disposition::Abandoned(Abandonment::FeeNotPaid) => "逾期未缴纳信息处理费，视为放弃申请",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Disposition::Replied(r) => r.en(),
            Disposition::Withdrawn => "withdrawn by the applicant",
            Disposition::Abandoned(Abandonment::NoCorrection) => {
                "abandoned: no correction by the deadline"
            }
            Disposition::Abandoned(Abandonment::FeeNotPaid) => "abandoned: fee not paid in time",
        }
    }

    /// Number of distinct dispositions (see [`Disposition::index`]).
    pub const COUNT: usize = ReplyType::ALL.len() + 3;

    /// A dense index `0..COUNT`, for tables keyed by disposition.
    pub fn index(self) -> usize {
        match self {
            Disposition::Replied(r) => r as usize,
            Disposition::Withdrawn => ReplyType::ALL.len(),
            Disposition::Abandoned(Abandonment::NoCorrection) => ReplyType::ALL.len() + 1,
            Disposition::Abandoned(Abandonment::FeeNotPaid) => ReplyType::ALL.len() + 2,
        }
    }

    /// Every disposition, for tests and pick lists.
    pub fn all() -> impl Iterator<Item = Disposition> {
        ReplyType::ALL.into_iter().map(Disposition::Replied).chain([
            Disposition::Withdrawn,
            Disposition::Abandoned(Abandonment::NoCorrection),
            Disposition::Abandoned(Abandonment::FeeNotPaid),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongkai_model::formats::relations::{RESULT_ROWS_2019, RESULT_ROWS_2021};

    #[test]
    fn disposition_index_is_dense() {
        let idx: Vec<usize> = Disposition::all().map(Disposition::index).collect();
        assert_eq!(idx, (0..Disposition::COUNT).collect::<Vec<_>>());
    }

    #[test]
    fn tables_are_in_enum_order() {
        for (i, a) in APPLICANTS.iter().enumerate() {
            assert_eq!(a.ty.index(), i);
        }
        for (i, r) in REPLIES.iter().enumerate() {
            assert_eq!(r.ty as usize, i);
            assert_eq!(ReplyType::ALL[i], r.ty);
            assert_eq!(ReplyType::from_key(r.key), Some(r.ty));
        }
    }

    #[test]
    fn applicant_columns_are_the_formats_applicant_columns() {
        let keys: Vec<_> = ApplicantType::ALL.iter().map(|a| a.key()).collect();
        assert_eq!(keys, formats::APPLICANT_COLUMNS);
        for f in [FormatId::F2019, FormatId::F2021] {
            for a in ApplicantType::ALL {
                assert!(a.column(f).is_some(), "{a:?} in {f}");
            }
        }
        assert_eq!(ApplicantType::NaturalPerson.zh(), "自然人");
    }

    #[test]
    fn every_outcome_lands_in_exactly_one_result_row_of_each_format() {
        for (f, rows) in [
            (FormatId::F2021, &RESULT_ROWS_2021[..]),
            (FormatId::F2019, &RESULT_ROWS_2019[..]),
        ] {
            let mut reached = std::collections::BTreeSet::new();
            for d in Disposition::all() {
                let row = d
                    .row(f)
                    .unwrap_or_else(|| panic!("{d:?} has no row in {f}"));
                assert!(
                    rows.contains(&row.key),
                    "{d:?} → {} is not a result row",
                    row.key
                );
                reached.insert(row.key);
            }
            // And every result row can be reached by some outcome.
            assert_eq!(reached.len(), rows.len(), "{f}: {reached:?}");
        }
        assert_eq!(
            Disposition::Abandoned(Abandonment::FeeNotPaid)
                .row(FormatId::F2019)
                .map(|r| r.key),
            Some("other")
        );
    }
}
