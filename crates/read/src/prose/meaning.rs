//! What a stated figure counts: keyword patterns over its (normalised) subject, as data.
//!
//! The patterns are tried in order and the first that matches decides, so specific wordings
//! come before general ones: `同意公开答复6件` is a granted reply before it is a reply,
//! `属于已主动公开范围2件` a reply type before anything proactive, `结转下年度继续办理` carried over
//! before it is "handled". A figure whose subject matches nothing has no meaning; that is the
//! common case (`公开临时救助对象1103人次`) and is not an error.

use std::sync::OnceLock;

use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind, StartKind};
use gongkai_model::{Meaning, Unit};

/// One pattern: every group must match (a group matches when the subject contains any of its
/// words), and none of `not` may occur.
struct Pattern {
    meaning: Meaning,
    /// Other readings (the statement is then ambiguous).
    alternatives: &'static [Meaning],
    all: &'static [&'static [&'static str]],
    not: &'static [&'static str],
    /// Which units the meaning is counted in.
    units: Units,
}

#[derive(Clone, Copy, PartialEq)]
enum Units {
    /// Items, documents, requests, cases.
    Counts,
    Money,
}

const REQUEST: &[&str] = &["申请"];

const PATTERNS: &[Pattern] = &[
    Pattern {
        meaning: Meaning::Fees,
        alternatives: &[],
        all: &[&["收费", "收取", "费用", "处理费", "减免"]],
        not: &[],
        units: Units::Money,
    },
    Pattern {
        meaning: Meaning::Lawsuits,
        alternatives: &[],
        all: &[&["复议后起诉", "行政诉讼", "诉讼", "起诉", "应诉"]],
        not: &[],
        units: Units::Counts,
    },
    Pattern {
        meaning: Meaning::Reviews,
        alternatives: &[],
        all: &[&["复议"]],
        not: &[],
        units: Units::Counts,
    },
    Pattern {
        meaning: Meaning::Complaints,
        alternatives: &[],
        all: &[&["申诉", "举报", "投诉"]],
        // 表三's 信访举报投诉类申请 is a kind of request, not a complaint about disclosure.
        not: &["投诉类申请", "举报投诉类"],
        units: Units::Counts,
    },
    Pattern {
        meaning: Meaning::RepliesDisclosed,
        alternatives: &[],
        all: &[&[
            "予以公开及部分公开",
            "予以公开和部分公开",
            "同意公开及部分公开",
            "同意公开和部分公开",
            "全部或部分公开",
            "全部公开和部分公开",
            "全部公开及部分公开",
            "公开及部分公开",
        ]],
        not: &[],
        units: Units::Counts,
    },
    Pattern {
        meaning: Meaning::RepliesPartial,
        alternatives: &[],
        all: &[&["部分公开"]],
        not: &[],
        units: Units::Counts,
    },
    Pattern {
        meaning: Meaning::RepliesRefused,
        alternatives: &[],
        all: &[&["不予公开", "否决公开", "不公开"]],
        not: &[],
        units: Units::Counts,
    },
    Pattern {
        meaning: Meaning::RepliesGranted,
        alternatives: &[],
        all: &[&["同意公开", "予以公开", "全部公开", "准予公开"]],
        not: &[],
        units: Units::Counts,
    },
    Pattern {
        meaning: Meaning::RepliesNotThisAgency,
        alternatives: &[],
        all: &[&[
            "非本机关",
            "不属于本机关",
            "不属于本行政机关",
            "不属于本单位",
            "非本单位",
            "不属于本部门",
            "非本部门",
            "非本级",
            "不属于本级",
        ]],
        not: &[],
        units: Units::Counts,
    },
    Pattern {
        meaning: Meaning::RepliesNotHeld,
        alternatives: &[],
        all: &[&["信息不存在", "不存在"]],
        not: &[],
        units: Units::Counts,
    },
    Pattern {
        meaning: Meaning::RepliesAlreadyPublic,
        alternatives: &[],
        all: &[&["已主动公开", "属于主动公开范围", "已公开范围", "已公开的"]],
        not: &[],
        units: Units::Counts,
    },
    Pattern {
        meaning: Meaning::RequestsCarriedOut,
        alternatives: &[],
        all: &[&[
            "结转下年",
            "结转至下",
            "转入下年",
            "结转到下",
            "转下年度",
            "顺延到下",
            "顺延至下",
        ]],
        not: &[],
        units: Units::Counts,
    },
    Pattern {
        meaning: Meaning::RequestsCarriedIn,
        alternatives: &[],
        all: &[&[
            "上年结转",
            "上年度结转",
            "结转上年",
            "上一年度结转",
            "上年度转入",
        ]],
        not: &[],
        units: Units::Counts,
    },
    Pattern {
        meaning: Meaning::RequestsInPerson,
        alternatives: &[],
        all: &[&["当面", "现场"], REQUEST],
        not: &[],
        units: Units::Counts,
    },
    Pattern {
        meaning: Meaning::RequestsOnline,
        alternatives: &[],
        all: &[&["网上", "网络", "在线", "网站"], REQUEST],
        not: &[],
        units: Units::Counts,
    },
    Pattern {
        meaning: Meaning::RequestsLetterFax,
        alternatives: &[],
        all: &[&["信函", "传真", "邮寄"], REQUEST],
        not: &[],
        units: Units::Counts,
    },
    Pattern {
        meaning: Meaning::RequestsEmail,
        alternatives: &[],
        all: &[&["电子邮件", "邮箱"], REQUEST],
        not: &[],
        units: Units::Counts,
    },
    Pattern {
        meaning: Meaning::RepliesTotal,
        alternatives: &[],
        all: &[&["答复", "办结", "办理完毕", "办理完成", "处理完毕", "回复"]],
        not: &["率"],
        units: Units::Counts,
    },
    Pattern {
        meaning: Meaning::RequestsReceived,
        alternatives: &[],
        all: &[
            &[
                "收到",
                "受理",
                "接到",
                "接收",
                "共有",
                "登记",
                "提出",
                "申请总数",
                "申请数",
                "申请件数",
            ],
            REQUEST,
        ],
        not: &["率"],
        units: Units::Counts,
    },
    Pattern {
        // 办理 N 件: received this year, or answered? The report rarely says which.
        meaning: Meaning::RequestsReceived,
        alternatives: &[Meaning::RepliesTotal],
        all: &[&["办理", "处理"], REQUEST],
        not: &["率"],
        units: Units::Counts,
    },
    Pattern {
        meaning: Meaning::ProactiveFulltext,
        alternatives: &[],
        all: &[&["全文电子化"]],
        not: &[],
        units: Units::Counts,
    },
    Pattern {
        meaning: Meaning::ProactiveGazette,
        alternatives: &[],
        all: &[&["公报"], &["公开", "刊登", "刊发", "发布", "刊载"]],
        not: &[],
        units: Units::Counts,
    },
    Pattern {
        meaning: Meaning::ProactiveNormative,
        alternatives: &[],
        all: &[&["规范性文件"]],
        not: &[],
        units: Units::Counts,
    },
    Pattern {
        meaning: Meaning::ProactiveWebsite,
        alternatives: &[],
        all: &[&["网站"], &["公开", "发布"]],
        not: &["微信", "微博", "两微", "新媒体", "申请"],
        units: Units::Counts,
    },
    Pattern {
        meaning: Meaning::ProactiveTotal,
        alternatives: &[],
        all: &[&["主动公开"], &["信息", "文件"]],
        not: &["申请"],
        units: Units::Counts,
    },
];

/// Units figures of a meaning can be counted in: items, documents, requests, cases — not
/// persons or households (`救助对象1103人次` counts people, not information).
fn countable(unit: Unit) -> bool {
    matches!(
        unit,
        Unit::Tiao
            | Unit::Jian
            | Unit::Xiang
            | Unit::Ge
            | Unit::Qi
            | Unit::Ci
            | Unit::JianCi
            | Unit::Zong
            | Unit::Fen
            | Unit::Pian
            | Unit::Feng
    )
}

/// What a subject reads as.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Reading {
    pub meaning: Option<Meaning>,
    pub alternatives: Vec<Meaning>,
    /// The subject names both 行政复议 and 行政诉讼 (`行政复议、行政诉讼案件`): a figure of both
    /// together, or (with 各/均, or as a zero) one of each.
    pub reviews_and_lawsuits: bool,
}

/// The words of every pattern, found in a subject in one pass: a subject is read once by an
/// automaton instead of once per word and pattern (the patterns hold well over a hundred).
struct Lexicon {
    /// The automaton of the words, walked byte by byte ([`words_in`]).
    words: DFA,
    /// Per pattern (in [`PATTERNS`] order): its `all` groups and its `not` words, as word ids
    /// (kept for the tests, which check them word by word).
    #[cfg(test)]
    patterns: Vec<(Vec<Vec<usize>>, Vec<usize>)>,
    /// The same as sets of words: per pattern, each `all` group's and the `not` words' bits, so
    /// that a pattern is tried with a few word-wide ANDs.
    masks: Vec<(Vec<Present>, Present)>,
    /// The ids of 复议, 诉讼, 应诉 and 复议后起诉, for [`both_cases`].
    cases: [usize; 4],
}

/// Most words a [`Lexicon`] may hold: one bit each in a [`Present`] (a test checks that the
/// patterns' words fit).
const MAX_WORDS: usize = 256;

/// Which words of the [`Lexicon`] occur in a subject, one bit per word id.
#[derive(Clone, Copy)]
struct Present([u64; MAX_WORDS / 64]);

impl Present {
    fn has(&self, id: usize) -> bool {
        self.0.get(id / 64).is_some_and(|w| w >> (id % 64) & 1 == 1)
    }

    /// The set of the words `ids`.
    fn of(ids: &[usize]) -> Present {
        let mut set = Present([0; MAX_WORDS / 64]);
        for &id in ids {
            if let Some(word) = set.0.get_mut(id / 64) {
                *word |= 1 << (id % 64);
            }
        }
        set
    }

    /// Whether a word of `other` is one of these.
    fn meets(&self, other: &Present) -> bool {
        self.0.iter().zip(&other.0).any(|(a, b)| a & b != 0)
    }
}

/// Whether a pattern's word sets ([`Lexicon::masks`]) match the words `present`: a word of
/// each `all` group, none of `not`.
fn matches_masks((all, not): &(Vec<Present>, Present), present: &Present) -> bool {
    all.iter().all(|g| g.meets(present)) && !not.meets(present)
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut words: Vec<&'static str> = Vec::new();
        let mut id = |w: &'static str| match words.iter().position(|x| *x == w) {
            Some(i) => i,
            None => {
                words.push(w);
                words.len() - 1
            }
        };
        let patterns: Vec<(Vec<Vec<usize>>, Vec<usize>)> = PATTERNS
            .iter()
            .map(|p| {
                let all = p
                    .all
                    .iter()
                    .map(|g| g.iter().map(|w| id(w)).collect())
                    .collect();
                let not = p.not.iter().map(|w| id(w)).collect();
                (all, not)
            })
            .collect();
        let masks = patterns
            .iter()
            .map(|(all, not)| {
                (
                    all.iter().map(|g| Present::of(g)).collect(),
                    Present::of(not),
                )
            })
            .collect();
        let cases = ["复议", "诉讼", "应诉", "复议后起诉"].map(&mut id);
        // Fixed, valid literals: building cannot fail; should it, an automaton that finds
        // nothing leaves every figure without a meaning rather than a wrong one.
        // A DFA: every subject of every figure is searched (with overlaps), and a DFA steps a
        // byte with one table lookup where the default (a contiguous NFA for this many words)
        // follows failure links; the same matches either way. Without a prefilter: subjects
        // are a few dozen bytes, walked by [`words_in`] itself.
        let automaton = DFA::builder()
            .match_kind(MatchKind::Standard)
            .start_kind(StartKind::Unanchored)
            .prefilter(false)
            .build(&words)
            .or_else(|_| DFA::new(Vec::<String>::new()))
            .unwrap_or_else(|_| unreachable!("an empty automaton always builds"));
        Lexicon {
            words: automaton,
            #[cfg(test)]
            patterns,
            masks,
            cases,
        }
    })
}

/// Which words of the [`Lexicon`] occur in `subject` (overlapping occurrences included, so
/// the answer is `subject.contains(word)` for each).
fn words_in(subject: &str) -> Present {
    let dfa = &lexicon().words;
    let mut present = Present([0; MAX_WORDS / 64]);
    // Every state after a byte, and the words it ends (all of them: the overlapping search's
    // matches, without its per-match bookkeeping). No word is empty, so the start state ends
    // none.
    let Ok(mut sid) = dfa.start_state(Anchored::No) else {
        return present;
    };
    for &byte in subject.as_bytes() {
        sid = dfa.next_state(Anchored::No, sid, byte);
        if dfa.is_special(sid) && dfa.is_match(sid) {
            for i in 0..dfa.match_len(sid) {
                let id = dfa.match_pattern(sid, i).as_usize();
                if let Some(word) = present.0.get_mut(id / 64) {
                    *word |= 1 << (id % 64);
                }
            }
        }
    }
    present
}

/// The reading of a figure's subject, given the unit it is counted in.
pub fn of_figure(subject: &str, unit: Unit) -> Reading {
    if unit == Unit::Percent {
        return Reading::default();
    }
    let present = words_in(subject);
    if both_cases(&present) {
        return Reading {
            reviews_and_lawsuits: true,
            ..Reading::default()
        };
    }
    let fits = |u: Units| match u {
        Units::Counts => countable(unit),
        Units::Money => unit.is_money(),
    };
    PATTERNS
        .iter()
        .zip(&lexicon().masks)
        .find(|(p, masks)| fits(p.units) && matches_masks(masks, &present))
        .map(|(p, _)| Reading {
            meaning: Some(p.meaning),
            alternatives: p.alternatives.to_vec(),
            reviews_and_lawsuits: false,
        })
        .unwrap_or_default()
}

/// Whether a subject names both reviews and lawsuits: 复议, and 诉讼 or 应诉, but not
/// 复议后起诉 (`present` is [`words_in`] of the subject).
fn both_cases(present: &Present) -> bool {
    let [review, lawsuit, defence, after_review] = lexicon().cases;
    present.has(review)
        && (present.has(lawsuit) || present.has(defence))
        && !present.has(after_review)
}

/// The meanings a zero phrased in words is about (`未收到政府信息公开申请` → received;
/// `未发生…行政复议、行政诉讼案件` → reviews and lawsuits). `received_verb` says whether the
/// phrase's verb is one of receiving (收到, 受理 …) or the phrase is a bare 无…, which is what
/// lets `申请` mean received requests (`未发生因…申请引起的行政复议` is about reviews only).
pub fn of_zero(phrase: &str, received_verb: bool) -> Vec<Meaning> {
    let has = zero_words_in(phrase);
    let mut out = Vec::new();
    if has(Z_REVIEW) {
        out.push(Meaning::Reviews);
    }
    if has(Z_LAWSUIT) || has(Z_SUE) || has(Z_DEFEND) {
        out.push(Meaning::Lawsuits);
    }
    if !out.is_empty() {
        return out;
    }
    if [
        Z_FEE,
        Z_HANDLING_FEE,
        Z_COST,
        Z_SEARCH_FEE,
        Z_COPY_FEE,
        Z_POST_FEE,
    ]
    .into_iter()
    .any(&has)
    {
        return vec![Meaning::Fees];
    }
    if [Z_APPEAL, Z_REPORT, Z_COMPLAINT].into_iter().any(&has) && !has(Z_COMPLAINT_REQUEST) {
        return vec![Meaning::Complaints];
    }
    if received_verb && has(Z_REQUEST) && !has(Z_RATE) {
        return vec![Meaning::RequestsReceived];
    }
    out
}

/// The words [`of_zero`] looks for, by their index in [`zero_words_in`]'s set.
const ZERO_PHRASE_WORDS: [&str; 16] = [
    "复议",
    "诉讼",
    "起诉",
    "应诉",
    "收费",
    "处理费",
    "费用",
    "检索费",
    "复制费",
    "邮寄费",
    "申诉",
    "举报",
    "投诉",
    "投诉类申请",
    "申请",
    "率",
];
const Z_REVIEW: usize = 0;
const Z_LAWSUIT: usize = 1;
const Z_SUE: usize = 2;
const Z_DEFEND: usize = 3;
const Z_FEE: usize = 4;
const Z_HANDLING_FEE: usize = 5;
const Z_COST: usize = 6;
const Z_SEARCH_FEE: usize = 7;
const Z_COPY_FEE: usize = 8;
const Z_POST_FEE: usize = 9;
const Z_APPEAL: usize = 10;
const Z_REPORT: usize = 11;
const Z_COMPLAINT: usize = 12;
const Z_COMPLAINT_REQUEST: usize = 13;
const Z_REQUEST: usize = 14;
const Z_RATE: usize = 15;

/// Which of the [`ZERO_PHRASE_WORDS`] `phrase` holds (`has(i)`: `phrase.contains(word i)`),
/// in one walk of its characters: at each, only the words that start with it are compared.
fn zero_words_in(phrase: &str) -> impl Fn(usize) -> bool + Copy {
    let mut found = 0u32;
    for (i, c) in phrase.char_indices() {
        let words: &[usize] = match c {
            '复' => &[Z_REVIEW, Z_COPY_FEE],
            '诉' => &[Z_LAWSUIT],
            '起' => &[Z_SUE],
            '应' => &[Z_DEFEND],
            '收' => &[Z_FEE],
            '处' => &[Z_HANDLING_FEE],
            '费' => &[Z_COST],
            '检' => &[Z_SEARCH_FEE],
            '邮' => &[Z_POST_FEE],
            '申' => &[Z_APPEAL, Z_REQUEST],
            '举' => &[Z_REPORT],
            '投' => &[Z_COMPLAINT, Z_COMPLAINT_REQUEST],
            '率' => &[Z_RATE],
            _ => &[],
        };
        let rest = &phrase[i..];
        for &w in words {
            if ZERO_PHRASE_WORDS
                .get(w)
                .is_some_and(|word| rest.starts_with(word))
            {
                found |= 1 << w;
            }
        }
    }
    move |w| found >> w & 1 == 1
}

/// [`of_zero`] as first written, each word looked for by `str::contains`.
#[cfg(test)]
fn of_zero_by_definition(phrase: &str, received_verb: bool) -> Vec<Meaning> {
    let mut out = Vec::new();
    if phrase.contains("复议") {
        out.push(Meaning::Reviews);
    }
    if phrase.contains("诉讼") || phrase.contains("起诉") || phrase.contains("应诉") {
        out.push(Meaning::Lawsuits);
    }
    if !out.is_empty() {
        return out;
    }
    if ["收费", "处理费", "费用", "检索费", "复制费", "邮寄费"]
        .iter()
        .any(|w| phrase.contains(w))
    {
        return vec![Meaning::Fees];
    }
    if ["申诉", "举报", "投诉"].iter().any(|w| phrase.contains(w)) && !phrase.contains("投诉类申请")
    {
        return vec![Meaning::Complaints];
    }
    if received_verb && phrase.contains("申请") && !phrase.contains("率") {
        return vec![Meaning::RequestsReceived];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn zero_phrase_words_are_found_by_their_first_character() {
        // A word can only start where its first character is: found there, it is found
        // wherever it is.
        for (w, word) in ZERO_PHRASE_WORDS.iter().enumerate() {
            assert!(zero_words_in(word)(w), "{word}");
        }
    }

    proptest! {
        /// [`of_zero`] says what its definition says.
        #[test]
        fn zeros_read_as_defined(
            picks in proptest::collection::vec((0usize..100, "[的了和及等年件无未收到]{0,2}"), 0..6),
            received in any::<bool>(),
        ) {
            let phrase: String = picks
                .iter()
                .map(|(i, filler)| format!("{}{filler}", ZERO_PHRASE_WORDS[i % ZERO_PHRASE_WORDS.len()]))
                .collect();
            prop_assert_eq!(of_zero(&phrase, received), of_zero_by_definition(&phrase, received));
            // Words cut in two are not found.
            let cut: String = phrase.chars().skip(1).collect();
            prop_assert_eq!(of_zero(&cut, received), of_zero_by_definition(&cut, received));
        }
    }

    /// Every word any pattern uses.
    fn all_words() -> Vec<&'static str> {
        let mut v: Vec<&'static str> = PATTERNS
            .iter()
            .flat_map(|p| p.all.iter().flat_map(|g| g.iter()).chain(p.not.iter()))
            .copied()
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    proptest! {
        /// The one-pass lexicon says of each word exactly what `str::contains` says.
        #[test]
        fn lexicon_finds_what_contains_finds(
            picks in proptest::collection::vec((0usize..1000, "[的了和及等年件]{0,2}"), 0..6)
        ) {
            let words = all_words();
            let subject: String = picks
                .iter()
                .map(|(i, filler)| format!("{}{filler}", words[i % words.len()]))
                .collect();
            let present = words_in(&subject);
            let lex = lexicon();
            prop_assert!(all_words().len() <= MAX_WORDS);
            let both = subject.contains("复议")
                && (subject.contains("诉讼") || subject.contains("应诉"))
                && !subject.contains("复议后起诉");
            prop_assert_eq!(both_cases(&present), both);
            for ((p, (all, not)), masks) in PATTERNS.iter().zip(&lex.patterns).zip(&lex.masks) {
                let has = |w: &usize| present.has(*w);
                let by_ids = all.iter().all(|g| g.iter().any(has)) && !not.iter().any(has);
                prop_assert_eq!(matches_masks(masks, &present), by_ids);
                for (group, ids) in p.all.iter().zip(all) {
                    for (w, id) in group.iter().zip(ids) {
                        prop_assert_eq!(present.has(*id), subject.contains(w), "{} in {}", w, subject);
                    }
                }
                for (w, id) in p.not.iter().zip(not) {
                    prop_assert_eq!(present.has(*id), subject.contains(w), "{} in {}", w, subject);
                }
            }
        }
    }

    fn m(subject: &str, unit: Unit) -> Option<Meaning> {
        of_figure(subject, unit).meaning
    }

    #[test]
    fn seed_002_wordings() {
        use Meaning::*;
        assert_eq!(m("主动公开信息", Unit::Tiao), Some(ProactiveTotal));
        assert_eq!(
            m("通过政府网站公开信息", Unit::Tiao),
            Some(ProactiveWebsite)
        );
        assert_eq!(m("通过“两微一端”公开信息", Unit::Tiao), None);
        assert_eq!(
            m("收到依申请公开信息申请", Unit::Jian),
            Some(RequestsReceived)
        );
        assert_eq!(m("答复", Unit::Jian), Some(RepliesTotal));
        assert_eq!(
            m("属于已主动公开范围", Unit::Jian),
            Some(RepliesAlreadyPublic)
        );
        assert_eq!(m("同意公开答复", Unit::Jian), Some(RepliesGranted));
        assert_eq!(
            m("不属于本行政机关公开", Unit::Jian),
            Some(RepliesNotThisAgency)
        );
        assert_eq!(
            m("发生因信息公开引起的举报投诉行为", Unit::Qi),
            Some(Complaints)
        );
        assert_eq!(m("公开临时救助对象", Unit::RenCi), None);
        assert_eq!(m("下达金额", Unit::Wanyuan), None);
    }

    #[test]
    fn later_reports_wordings() {
        use Meaning::*;
        let r = of_figure("办理各类依申请公开案件", Unit::Jian);
        assert_eq!(r.meaning, Some(RequestsReceived));
        assert_eq!(r.alternatives, vec![RepliesTotal]);
        assert_eq!(m("上年结转", Unit::Jian), Some(RequestsCarriedIn));
        assert_eq!(
            m("结转下年度继续办理", Unit::Jian),
            Some(RequestsCarriedOut)
        );
        assert_eq!(m("予以公开及部分公开", Unit::Jian), Some(RepliesDisclosed));
        assert_eq!(m("因政府信息公开被申请行政复议", Unit::Jian), Some(Reviews));
        assert_eq!(m("被提起行政诉讼", Unit::Jian), Some(Lawsuits));
        assert_eq!(m("收取信息处理费", Unit::Yuan), Some(Fees));
        assert!(of_figure("行政复议、行政诉讼", Unit::Jian).reviews_and_lawsuits);
    }

    #[test]
    fn zero_phrases() {
        use Meaning::*;
        assert_eq!(of_zero("政府信息公开申请", true), vec![RequestsReceived]);
        assert_eq!(
            of_zero("政府信息公开的行政复议、行政诉讼案件", false),
            vec![Reviews, Lawsuits]
        );
        assert_eq!(of_zero("涉及信息公开收费行为", false), vec![Fees]);
        assert_eq!(
            of_zero("因政府信息公开申请引起的行政复议", false),
            vec![Reviews]
        );
        assert_eq!(of_zero("因政府信息公开申请引起的问题", false), vec![]);
        assert_eq!(of_zero("其他需要报告的事项", true), vec![]);
    }
}
