//! Statements: the figures a report states in its prose.
//!
//! Before 2019 reports had no tables: "主动公开信息8052条。其中，乡镇…1383条，市政府有关部门…6669条"
//! is the data. Later reports repeat their table figures in sentences ("全年办理各类依申请公开案件
//! 5件", "未收到政府信息公开申请"). A [`Statement`] is one such figure as data: how much (as bounds,
//! because prose says "200余条" and "近百件"), of what unit, counting what (the words, and where
//! recognised a [`Meaning`]), its parts ("其中 A…、B…"), and the sentence and place it came from.
//!
//! Statements are kept flat on the report (`Report::statements`, in document order); parts and
//! wholes refer to each other by index into that list, always within it.

use serde::{Serialize, Serializer};
use std::fmt;

use crate::report::Source;

/// How much a statement states: the bounds `lo..=hi` of the value it allows, in its [`Unit`]
/// (money in that unit as printed, e.g. 元 or 万元; use [`Statement::wanyuan`] to convert).
/// `exact` is true for a plain figure (`lo == hi`); approximations (200余条, 近百件, 约50件, 超过
/// 10件) are inexact bounds. An unbounded side is `f64::INFINITY` (serialised as `null`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Quantity {
    pub lo: f64,
    #[serde(serialize_with = "ser_bound")]
    pub hi: f64,
    pub exact: bool,
}

fn ser_bound<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.is_finite() {
        s.serialize_f64(*v)
    } else {
        s.serialize_none()
    }
}

impl Quantity {
    /// A figure as printed.
    pub fn exact(v: f64) -> Quantity {
        Quantity {
            lo: v,
            hi: v,
            exact: true,
        }
    }

    /// An approximation with these bounds (inclusive; `hi` may be infinite).
    pub fn between(lo: f64, hi: f64) -> Quantity {
        Quantity {
            lo: lo.min(hi),
            hi: hi.max(lo),
            exact: false,
        }
    }

    /// The value, when the statement is exact.
    pub fn value(&self) -> Option<f64> {
        self.exact.then_some(self.lo)
    }

    /// Whether `v` is within the bounds (with a tolerance for decimal amounts printed rounded).
    pub fn admits(&self, v: f64) -> bool {
        let eps = 1e-9 * v.abs().max(1.0);
        v >= self.lo - eps && v <= self.hi + eps
    }

    /// The bounds multiplied by `k` (unit conversion); exactness is kept.
    pub fn scaled(&self, k: f64) -> Quantity {
        Quantity {
            lo: self.lo * k,
            hi: self.hi * k,
            exact: self.exact,
        }
    }
}

impl fmt::Display for Quantity {
    /// `8052`, `200..=299`, `≥10`, `≤99`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = crate::report::format_value;
        if self.exact {
            write!(f, "{}", v(self.lo))
        } else if !self.hi.is_finite() {
            write!(f, "≥{}", v(self.lo))
        } else if self.lo <= 0.0 {
            write!(f, "≤{}", v(self.hi))
        } else {
            write!(f, "{}..={}", v(self.lo), v(self.hi))
        }
    }
}

/// The unit a figure is printed with. Serialised as printed (`"条"`, `"人次"`, `"%"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    /// 条 (items of information)
    Tiao,
    /// 件 (requests, cases, documents)
    Jian,
    /// 项 (items, matters)
    Xiang,
    /// 个 (classifier; what is counted follows it)
    Ge,
    /// 起 (incidents, cases)
    Qi,
    /// 次 (times)
    Ci,
    /// 件次
    JianCi,
    /// 人次
    RenCi,
    /// 户次
    HuCi,
    /// 人(户)次 / 人（户）次: persons or households, counted per time
    RenHuCi,
    /// 人
    Ren,
    /// 户
    Hu,
    /// 家 (organisations)
    Jia,
    /// 名 / 位 (persons)
    Ming,
    /// 期 (issues of a publication)
    Issue,
    /// 篇 (articles)
    Pian,
    /// 份 (copies, documents)
    Fen,
    /// 场 / 场次 (sessions, events)
    Chang,
    /// 批 (batches)
    Pi,
    /// 宗 / 例 (cases)
    Zong,
    /// 封 (letters)
    Feng,
    /// 元
    Yuan,
    /// 万元
    Wanyuan,
    /// 亿元
    Yiyuan,
    /// % / ％ / 百分之…
    Percent,
}

impl Unit {
    /// Every unit.
    pub const ALL: [Unit; 25] = [
        Unit::Tiao,
        Unit::Jian,
        Unit::Xiang,
        Unit::Ge,
        Unit::Qi,
        Unit::Ci,
        Unit::JianCi,
        Unit::RenCi,
        Unit::HuCi,
        Unit::RenHuCi,
        Unit::Ren,
        Unit::Hu,
        Unit::Jia,
        Unit::Ming,
        Unit::Issue,
        Unit::Pian,
        Unit::Fen,
        Unit::Chang,
        Unit::Pi,
        Unit::Zong,
        Unit::Feng,
        Unit::Yuan,
        Unit::Wanyuan,
        Unit::Yiyuan,
        Unit::Percent,
    ];

    /// The unit whose canonical spelling ([`Unit::zh`]) is `s` (e.g. read back from a store).
    pub fn from_zh(s: &str) -> Option<Unit> {
        Unit::ALL.into_iter().find(|u| u.zh() == s)
    }

    /// The unit as printed (its canonical spelling).
    pub fn zh(self) -> &'static str {
        match self {
            Unit::Tiao => "条",
            Unit::Jian => "件",
            Unit::Xiang => "项",
            Unit::Ge => "个",
            Unit::Qi => "起",
            Unit::Ci => "次",
            Unit::JianCi => "件次",
            Unit::RenCi => "人次",
            Unit::HuCi => "户次",
            Unit::RenHuCi => "人(户)次",
            Unit::Ren => "人",
            Unit::Hu => "户",
            Unit::Jia => "家",
            Unit::Ming => "名",
            Unit::Issue => "期",
            Unit::Pian => "篇",
            Unit::Fen => "份",
            Unit::Chang => "场",
            Unit::Pi => "批",
            Unit::Zong => "宗",
            Unit::Feng => "封",
            Unit::Yuan => "元",
            Unit::Wanyuan => "万元",
            Unit::Yiyuan => "亿元",
            Unit::Percent => "%",
        }
    }

    /// Money units, with their factor to 万元 (KEYS.md: amounts are kept in 万元).
    pub fn to_wanyuan(self) -> Option<f64> {
        match self {
            Unit::Yuan => Some(1e-4),
            Unit::Wanyuan => Some(1.0),
            Unit::Yiyuan => Some(1e4),
            _ => None,
        }
    }

    pub fn is_money(self) -> bool {
        self.to_wanyuan().is_some()
    }

    /// A classifier whose counted noun follows it (15个乡镇, 74家单位, 3名工作人员).
    pub fn is_classifier(self) -> bool {
        matches!(self, Unit::Ge | Unit::Jia | Unit::Ming)
    }

    /// Whether a figure in `part` can be a part of a whole in `self`: the same unit, or one the
    /// whole's unit covers (人(户)次 covers 人次 and 户次), or money in any money unit.
    pub fn covers(self, part: Unit) -> bool {
        self == part
            || (self == Unit::RenHuCi && matches!(part, Unit::RenCi | Unit::HuCi))
            || (self.is_money() && part.is_money())
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.zh())
    }
}

impl Serialize for Unit {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.zh())
    }
}

/// What a statement counts, where the reader recognised it. The keys of the meanings that the
/// `legacy` table has are its row keys (KEYS.md); the others exist for comparing prose with the
/// 2019/2021 tables (carried over, 予以公开及部分公开).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Meaning {
    /// 主动公开政府信息数
    ProactiveTotal,
    /// 全文电子化的主动公开信息数
    ProactiveFulltext,
    /// 通过政府网站公开数
    ProactiveWebsite,
    /// 政府公报公开数
    ProactiveGazette,
    /// 新增/公开规范性文件数
    ProactiveNormative,
    /// 收到/受理申请数 (表三 一、本年新收)
    RequestsReceived,
    /// 上年结转 (表三 二)
    RequestsCarriedIn,
    /// Received this year and carried in from last year together (表三 一+二): `共收到申请12件
    /// （含上年结转2件）`.
    RequestsOnHand,
    /// 结转下年度继续办理 (表三 四)
    RequestsCarriedOut,
    /// 当面申请
    RequestsInPerson,
    /// 网上申请
    RequestsOnline,
    /// 信函、传真申请
    RequestsLetterFax,
    /// 电子邮件申请
    RequestsEmail,
    /// 答复/办结总数 (表三 （七）总计)
    RepliesTotal,
    /// 同意公开 / 予以公开
    RepliesGranted,
    /// 同意部分公开 / 部分公开
    RepliesPartial,
    /// 予以公开及部分公开 (表三 （一）+（二）)
    RepliesDisclosed,
    /// 不予公开
    RepliesRefused,
    /// 信息不存在
    RepliesNotHeld,
    /// 非本机关掌握 / 不属于本行政机关公开
    RepliesNotThisAgency,
    /// 属于已主动公开范围
    RepliesAlreadyPublic,
    /// 收费 (fees; legacy 收费及减免, 2021 信息处理费)
    Fees,
    /// 行政复议
    Reviews,
    /// 行政诉讼
    Lawsuits,
    /// 申诉 / 举报投诉
    Complaints,
}

impl Meaning {
    /// Every meaning.
    pub const ALL: [Meaning; 25] = [
        Meaning::ProactiveTotal,
        Meaning::ProactiveFulltext,
        Meaning::ProactiveWebsite,
        Meaning::ProactiveGazette,
        Meaning::ProactiveNormative,
        Meaning::RequestsReceived,
        Meaning::RequestsCarriedIn,
        Meaning::RequestsOnHand,
        Meaning::RequestsCarriedOut,
        Meaning::RequestsInPerson,
        Meaning::RequestsOnline,
        Meaning::RequestsLetterFax,
        Meaning::RequestsEmail,
        Meaning::RepliesTotal,
        Meaning::RepliesGranted,
        Meaning::RepliesPartial,
        Meaning::RepliesDisclosed,
        Meaning::RepliesRefused,
        Meaning::RepliesNotHeld,
        Meaning::RepliesNotThisAgency,
        Meaning::RepliesAlreadyPublic,
        Meaning::Fees,
        Meaning::Reviews,
        Meaning::Lawsuits,
        Meaning::Complaints,
    ];

    /// The meaning whose stable key ([`Meaning::key`]) is `s`.
    pub fn from_key(s: &str) -> Option<Meaning> {
        Meaning::ALL.into_iter().find(|m| m.key() == s)
    }

    /// The stable key (the `legacy` row key where the legacy table has the meaning).
    pub fn key(self) -> &'static str {
        match self {
            Meaning::ProactiveTotal => "proactive_total",
            Meaning::ProactiveFulltext => "proactive_fulltext",
            Meaning::ProactiveWebsite => "proactive_website",
            Meaning::ProactiveGazette => "proactive_gazette",
            Meaning::ProactiveNormative => "proactive_normative",
            Meaning::RequestsReceived => "requests_received",
            Meaning::RequestsCarriedIn => "requests_carried_in",
            Meaning::RequestsOnHand => "requests_on_hand",
            Meaning::RequestsCarriedOut => "requests_carried_out",
            Meaning::RequestsInPerson => "requests_in_person",
            Meaning::RequestsOnline => "requests_online",
            Meaning::RequestsLetterFax => "requests_letter_fax",
            Meaning::RequestsEmail => "requests_email",
            Meaning::RepliesTotal => "replies_total",
            Meaning::RepliesGranted => "replies_granted",
            Meaning::RepliesPartial => "replies_partial",
            Meaning::RepliesDisclosed => "replies_disclosed",
            Meaning::RepliesRefused => "replies_refused",
            Meaning::RepliesNotHeld => "replies_not_held",
            Meaning::RepliesNotThisAgency => "replies_not_this_agency",
            Meaning::RepliesAlreadyPublic => "replies_already_public",
            Meaning::Fees => "fees",
            Meaning::Reviews => "reviews",
            Meaning::Lawsuits => "lawsuits",
            Meaning::Complaints => "complaints",
        }
    }

    /// The `legacy` table row this meaning fills, if the table has one.
    pub fn legacy_row(self) -> Option<&'static str> {
        match self {
            Meaning::RequestsCarriedIn
            | Meaning::RequestsCarriedOut
            | Meaning::RequestsOnHand
            | Meaning::RepliesDisclosed => None,
            m => Some(m.key()),
        }
    }

    /// A short Chinese name, for messages.
    pub fn zh(self) -> &'static str {
        match self {
            Meaning::ProactiveTotal => "主动公开政府信息数",
            Meaning::ProactiveFulltext => "全文电子化的主动公开信息数",
            Meaning::ProactiveWebsite => "通过政府网站公开数",
            Meaning::ProactiveGazette => "政府公报公开数",
            Meaning::ProactiveNormative => "规范性文件数",
            Meaning::RequestsReceived => "收到申请数",
            Meaning::RequestsCarriedIn => "上年结转申请数",
            Meaning::RequestsOnHand => "收到及上年结转申请数",
            Meaning::RequestsCarriedOut => "结转下年度申请数",
            Meaning::RequestsInPerson => "当面申请数",
            Meaning::RequestsOnline => "网上申请数",
            Meaning::RequestsLetterFax => "信函、传真申请数",
            Meaning::RequestsEmail => "电子邮件申请数",
            Meaning::RepliesTotal => "答复（办结）总数",
            Meaning::RepliesGranted => "同意公开数",
            Meaning::RepliesPartial => "部分公开数",
            Meaning::RepliesDisclosed => "予以公开及部分公开数",
            Meaning::RepliesRefused => "不予公开数",
            Meaning::RepliesNotHeld => "信息不存在数",
            Meaning::RepliesNotThisAgency => "非本机关掌握数",
            Meaning::RepliesAlreadyPublic => "属于已主动公开范围数",
            Meaning::Fees => "收费金额",
            Meaning::Reviews => "行政复议数",
            Meaning::Lawsuits => "行政诉讼数",
            Meaning::Complaints => "申诉（举报投诉）数",
        }
    }

    /// Whether the meaning is a headline figure of a report, rather than one kind or channel of
    /// another (a reply type, a way requests arrive, a proactive channel).
    pub fn is_headline(self) -> bool {
        matches!(
            self,
            Meaning::ProactiveTotal
                | Meaning::RequestsReceived
                | Meaning::RequestsCarriedIn
                | Meaning::RequestsCarriedOut
                | Meaning::RequestsOnHand
                | Meaning::RepliesTotal
                | Meaning::Fees
                | Meaning::Reviews
                | Meaning::Lawsuits
                | Meaning::Complaints
        )
    }

    /// Whether the meaning is one kind of reply to a request (the reply types partition the
    /// replies: each reply is of exactly one type).
    pub fn is_reply_type(self) -> bool {
        matches!(
            self,
            Meaning::RepliesGranted
                | Meaning::RepliesPartial
                | Meaning::RepliesDisclosed
                | Meaning::RepliesRefused
                | Meaning::RepliesNotHeld
                | Meaning::RepliesNotThisAgency
                | Meaning::RepliesAlreadyPublic
        )
    }

    /// Whether the meaning is one channel by which requests arrive.
    pub fn is_request_channel(self) -> bool {
        matches!(
            self,
            Meaning::RequestsInPerson
                | Meaning::RequestsOnline
                | Meaning::RequestsLetterFax
                | Meaning::RequestsEmail
        )
    }

    /// Whether a figure meaning `part` can be listed as a part ("其中 …") of one meaning `self`.
    pub fn admits_part(self, part: Meaning) -> bool {
        match self {
            Meaning::RequestsReceived => part.is_request_channel() || part.is_reply_type(),
            Meaning::RequestsOnHand => {
                part == Meaning::RequestsCarriedIn
                    || part.is_request_channel()
                    || part.is_reply_type()
            }
            Meaning::RepliesTotal => part.is_reply_type(),
            Meaning::RepliesDisclosed => {
                matches!(part, Meaning::RepliesGranted | Meaning::RepliesPartial)
            }
            Meaning::ProactiveTotal => matches!(
                part,
                Meaning::ProactiveFulltext
                    | Meaning::ProactiveWebsite
                    | Meaning::ProactiveGazette
                    | Meaning::ProactiveNormative
            ),
            _ => false,
        }
    }
}

impl fmt::Display for Meaning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl Serialize for Meaning {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

/// How the statement was phrased.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StatementKind {
    /// A number with its unit: `8052条`, `200余条`, `十一件`, `14.4万元`.
    Figure,
    /// Zero said in words: `未收到…申请`, `无行政诉讼情况`, `没有发生…`, `…均为零`.
    Words,
    /// A percentage: a share of another figure (`占…的88.6%`) or a rate (`答复率100%`).
    Percent,
}

impl StatementKind {
    /// The stable key: `figure`, `words`, `percent`.
    pub fn key(self) -> &'static str {
        match self {
            StatementKind::Figure => "figure",
            StatementKind::Words => "words",
            StatementKind::Percent => "percent",
        }
    }

    pub fn from_key(s: &str) -> Option<StatementKind> {
        [
            StatementKind::Figure,
            StatementKind::Words,
            StatementKind::Percent,
        ]
        .into_iter()
        .find(|k| k.key() == s)
    }
}

/// One figure stated in the prose.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statement {
    pub kind: StatementKind,
    pub quantity: Quantity,
    /// Digits printed after the decimal point (the precision a percentage is checked to).
    pub decimals: u8,
    /// The unit: as printed for figures; for zero in words, the unit the meaning is counted in
    /// (件 for requests and cases, 万元 for fees, 条 for information).
    pub unit: Unit,
    /// What it counts, as the text says it, normalised (no white space, leading fillers such
    /// as 其中/共/全年/我市 and dates dropped). For a share (`占…的88.6%`), the whole it is a
    /// share of (`主动公开政府信息总数`); for a rate, the rate's name (`答复率`).
    pub subject: String,
    /// The recognised meaning, if any.
    pub meaning: Option<Meaning>,
    /// Other readings of an ambiguous statement (`办理…申请5件`: received, or answered). Empty
    /// for a clear one. A consumer that needs one meaning treats a non-empty list as uncertain.
    pub alternatives: Vec<Meaning>,
    /// Indices (into the report's statements) of its parts, listed after `其中`, `含`, `包括`.
    /// Parts listed in different sentences are different breakdowns of the whole (by place,
    /// then by channel …); each sentence's parts add up to the whole on their own.
    pub parts: Vec<usize>,
    /// The index of the whole this statement is a part of.
    pub part_of: Option<usize>,
    /// For a share: the index of the figure it is the share of (the numerator).
    pub share_of: Option<usize>,
    /// The printed figure (`8052条`, `200余条`, `88.6%`) or zero phrase (`未收到政府信息公开申请`).
    pub text: String,
    /// The sentence it is in (long sentences are cut to a window around the figure, marked `…`).
    pub sentence: String,
    /// Ordinal of the sentence in the document (statements of one sentence share it).
    pub sentence_no: u32,
    /// Ordinal of the paragraph in the document.
    pub paragraph_no: u32,
    /// Where `text` is in the source.
    pub source: Source,
}

impl Statement {
    /// The quantity in 万元, for money statements.
    pub fn wanyuan(&self) -> Option<Quantity> {
        self.unit.to_wanyuan().map(|k| self.quantity.scaled(k))
    }

    /// Whether the statement's meaning is ambiguous.
    pub fn is_ambiguous(&self) -> bool {
        !self.alternatives.is_empty()
    }

    /// Every reading: the meaning, then the alternatives.
    pub fn readings(&self) -> impl Iterator<Item = Meaning> + '_ {
        self.meaning
            .into_iter()
            .chain(self.alternatives.iter().copied())
    }
}

/// The parts of statement `i` of `all`, in order (indices that do not point into `all` are
/// skipped, so a hand-built list cannot make this panic).
pub fn parts_of(all: &[Statement], i: usize) -> impl Iterator<Item = (usize, &Statement)> + '_ {
    all.get(i)
        .map(|s| s.parts.as_slice())
        .unwrap_or(&[])
        .iter()
        .filter_map(move |&p| all.get(p).map(|s| (p, s)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantity_bounds_and_display() {
        assert_eq!(Quantity::exact(8052.0).to_string(), "8052");
        assert_eq!(Quantity::between(200.0, 299.0).to_string(), "200..=299");
        assert_eq!(Quantity::between(10.0, f64::INFINITY).to_string(), "≥10");
        assert_eq!(Quantity::between(0.0, 99.0).to_string(), "≤99");
        assert!(Quantity::between(200.0, 299.0).admits(250.0));
        assert!(!Quantity::between(200.0, 299.0).admits(300.0));
        assert_eq!(Quantity::exact(3.0).value(), Some(3.0));
        assert_eq!(Quantity::between(1.0, 2.0).value(), None);
    }

    #[test]
    fn units_cover_their_parts() {
        assert!(Unit::RenHuCi.covers(Unit::RenCi));
        assert!(Unit::RenHuCi.covers(Unit::HuCi));
        assert!(!Unit::RenCi.covers(Unit::HuCi));
        assert!(Unit::Wanyuan.covers(Unit::Yuan));
        assert!(!Unit::Tiao.covers(Unit::Jian));
        assert_eq!(Unit::Yuan.to_wanyuan(), Some(1e-4));
    }

    #[test]
    fn keys_read_back() {
        for u in Unit::ALL {
            assert_eq!(Unit::from_zh(u.zh()), Some(u));
        }
        // Every unit is in ALL: distinct spellings, as many as variants listed.
        let mut spellings: Vec<&str> = Unit::ALL.iter().map(|u| u.zh()).collect();
        spellings.sort();
        spellings.dedup();
        assert_eq!(spellings.len(), Unit::ALL.len());
        for m in Meaning::ALL {
            assert_eq!(Meaning::from_key(m.key()), Some(m));
        }
        let mut keys: Vec<&str> = Meaning::ALL.iter().map(|m| m.key()).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), Meaning::ALL.len());
        assert_eq!(Meaning::from_key("nothing"), None);
        assert_eq!(StatementKind::from_key("words"), Some(StatementKind::Words));
        assert_eq!(StatementKind::from_key("x"), None);
    }

    #[test]
    fn legacy_rows_are_keys_of_the_legacy_table() {
        let table = crate::formats::get(crate::FormatId::Legacy)
            .table("legacy")
            .expect("legacy table");
        for m in [
            Meaning::ProactiveTotal,
            Meaning::ProactiveFulltext,
            Meaning::ProactiveWebsite,
            Meaning::ProactiveGazette,
            Meaning::ProactiveNormative,
            Meaning::RequestsReceived,
            Meaning::RequestsInPerson,
            Meaning::RequestsOnline,
            Meaning::RequestsLetterFax,
            Meaning::RequestsEmail,
            Meaning::RepliesTotal,
            Meaning::RepliesGranted,
            Meaning::RepliesPartial,
            Meaning::RepliesRefused,
            Meaning::RepliesNotHeld,
            Meaning::RepliesNotThisAgency,
            Meaning::RepliesAlreadyPublic,
            Meaning::Fees,
            Meaning::Reviews,
            Meaning::Lawsuits,
            Meaning::Complaints,
        ] {
            let row = m.legacy_row().expect("legacy row");
            assert!(table.row(row).is_some(), "{row}");
        }
        assert_eq!(Meaning::RequestsCarriedOut.legacy_row(), None);
    }
}
