//! Page chrome: the lines a government website wraps around a report (login links, share and
//! print buttons, view counters, breadcrumbs, chatbot greetings, copyright and ICP footers,
//! publication stamps). Table and section readers skip them; the metadata reader does not (a
//! chrome line such as `发布日期:2021-01-04    点击数:` still carries the publication date).
//!
//! The test is deliberately conservative, because a report line wrongly dropped is lost data while
//! a chrome line wrongly kept is only noise the recognizer already tolerates:
//! - only short lines can be chrome, and never a line that reads as prose (has `。`, `；` …);
//! - markers are phrases that only website furniture uses (`扫一扫在手机打开`, `浏览次数:`),
//!   not single words a report may use (`网站`, `机器人`, `无障碍` are content in a sentence or a
//!   heading such as `（三）推进网站无障碍改造`);
//! - bare words (`登录`, `首页`, `打印`) count only when the whole line is made of such buttons.
//!
//! Chrome lines can contain `|` (`登录 |  注册`, `网站地图 | 联系我们`): a reader that takes `|` as a
//! cell separator must ask [`is_chrome`] first.

use std::borrow::Cow;
use std::sync::{LazyLock, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use crate::scan::{add_chars, in_set};

/// Lines longer than this (in bytes, before any other work) are never chrome. It bounds the
/// cost of the test on huge single-line inputs; footers are at most a few hundred bytes.
const MAX_CHROME_BYTES: usize = 1200;
/// Chrome lines, without white space, are at most this many characters.
const MAX_CHROME_CHARS: usize = 200;
/// Text allowed after a `2021-01-28 13:53` stamp (usually the posting office's name).
const MAX_STAMP_TAIL_CHARS: usize = 40;

/// Whether `line` is website chrome rather than report content. See the module documentation.
pub fn is_chrome(line: &str) -> bool {
    let t = crate::scan::trim(line);
    // Most lines are table values or sentences: decide those without allocating. A sentence is
    // never chrome — but for a chatbot's greeting (`您好！我是智能客服`).
    !t.is_empty()
        && t.len() <= MAX_CHROME_BYTES
        && crate::value::parse_trimmed(t).is_none()
        && is_chrome_text(t)
}

/// [`is_chrome`] of a line already trimmed, not empty and not a value
/// ([`crate::value::parse_trimmed`] says `None`): for a caller that has parsed the line anyway.
pub(crate) fn is_chrome_text(t: &str) -> bool {
    line_facts(t).chrome
}

/// What the reader asks of a trimmed line on its own: remembered together for short lines, as
/// labels and headings come back in every report.
#[derive(Clone)]
pub(crate) struct LineFacts {
    /// [`crate::value::parse_trimmed`] of the line.
    pub value: Option<crate::value::Printed>,
    /// Whether the line is chrome ([`is_chrome_text`]; never a value).
    pub chrome: bool,
    /// Whether the line is one text token ([`crate::tokens::is_one_text`]; never a value).
    pub one_text: bool,
    /// Whether the line is one cell ([`crate::tokens::is_single_cell_text`]).
    pub single_cell: bool,
    /// Whether the line reads as prose on its own
    /// ([`crate::prose::statements::is_trimmed_prose`]).
    pub prose: bool,
    /// Whether the line holds a cell separator ([`crate::tokens::has_cell_separator`]).
    pub separator: bool,
}

/// [`LineFacts`] of a trimmed line, not empty.
pub(crate) fn line_facts(t: &str) -> LineFacts {
    debug_assert!(!t.is_empty() && t == crate::scan::trim(t));
    with_line_facts(|facts| match facts.known(t) {
        Some(known) => known.facts.clone(),
        None => {
            let made = facts_of(t);
            facts.remember(t, &made);
            made
        }
    })
}

/// What the memo of [`line_facts`] holds of a line: its facts, and the tokens of a table row
/// as the tokenizer made them, once it has ([`crate::tokens::RowTokens`]; set once, into an
/// entry the memo holds).
pub(crate) struct Remembered {
    pub facts: LineFacts,
    pub row: std::cell::OnceCell<crate::tokens::RowTokens>,
}

thread_local! {
    /// The memo of [`line_facts`] on this thread. When full, it keeps the lines asked for again
    /// since it last was ([`crate::memo::keep_used`]): the labels and rows printed in every
    /// report, which would otherwise all be made again each time it fills with the lines only
    /// one report prints (its title, its dates, its rows of figures).
    static MEMO: crate::memo::UsedStore<Remembered> = std::cell::RefCell::default();
}

/// `walk(facts)`, where `facts` looks lines up in the memo of [`line_facts`] ([`LineFactsOf`]):
/// for a walk over the lines of a document, which then takes the thread's memo once rather than
/// once a line. (Should the memo be taken already, nothing is found in it nor put in it: the
/// facts are made, the same facts.)
pub(crate) fn with_line_facts<R>(walk: impl FnOnce(&mut LineFactsOf<'_>) -> R) -> R {
    MEMO.with(|memo| {
        let mut held = memo.try_borrow_mut().ok();
        walk(&mut LineFactsOf {
            memo: held.as_deref_mut(),
        })
    })
}

/// The memo of [`line_facts`], held for a walk over lines ([`with_line_facts`]).
pub(crate) struct LineFactsOf<'m> {
    memo: Option<&'m mut crate::memo::Table<crate::memo::Used<Remembered>>>,
}

impl LineFactsOf<'_> {
    /// What the memo holds of the trimmed line `t`, if anything (the entry marked as used).
    #[inline]
    pub(crate) fn known(&mut self, t: &str) -> Option<&Remembered> {
        debug_assert!(!t.is_empty() && t == crate::scan::trim(t));
        match self.memo.as_deref_mut() {
            Some(memo) if t.len() <= MEMO_MAX_ROW_BYTES => crate::memo::get_used(memo, t),
            _ => None,
        }
    }

    /// [`LineFactsOf::known`] of the trimmed line `t`; and of a line longer than the memo's cells
    /// ([`MEMO_MAX_BYTES`]), whether it is one cell ([`crate::tokens::is_single_cell_text`]),
    /// told first: a long line is looked up only as a table row ([`LineFactsOf::may_hold_long`]),
    /// and the answer is kept for its facts ([`facts_of_cells`]) when it is one cell (a
    /// sentence, mostly).
    #[inline]
    pub(crate) fn known_or_cells(&mut self, t: &str) -> (Option<&Remembered>, Option<bool>) {
        let long_cells = (t.len() > MEMO_MAX_BYTES).then(|| crate::tokens::is_single_cell_text(t));
        let held = long_cells.is_none_or(|single| LineFactsOf::may_hold_long(t, single));
        (if held { self.known(t) } else { None }, long_cells)
    }

    /// Whether the memo may hold the trimmed line `t`, told that it is one cell or not
    /// (`single_cell`): a line longer than [`MEMO_MAX_BYTES`] is held only as a table row
    /// ([`LineFactsOf::remember`]), and one that is not is not looked up (sentences, mostly).
    #[inline]
    pub(crate) fn may_hold_long(t: &str, single_cell: bool) -> bool {
        t.len() <= MEMO_MAX_BYTES || !single_cell
    }

    /// Puts `facts` ([`facts_of`] `t`, which [`LineFactsOf::known`] does not hold) in the memo,
    /// if `t` is to be remembered: a short line, or a longer table row (header rows come back in
    /// every report); longer lines are mostly sentences, unique.
    pub(crate) fn remember(&mut self, t: &str, facts: &LineFacts) {
        if let Some(memo) = self.memo.as_deref_mut() {
            if t.len() <= MEMO_MAX_ROW_BYTES && LineFactsOf::may_hold_long(t, facts.single_cell) {
                let entry = Remembered {
                    facts: facts.clone(),
                    row: std::cell::OnceCell::new(),
                };
                crate::memo::keep_used(memo, MEMO_ENTRIES, t, entry);
            }
        }
    }

    /// Keeps `row`, the tokens of a line whose trimmed text is `t`, with what the memo holds of
    /// `t` (if it holds it).
    pub(crate) fn remember_row(&mut self, t: &str, row: crate::tokens::RowTokens) {
        if let Some(entry) = self.known(t) {
            // (Set once: a row's tokens are kept the second time it is met, and found after.)
            let _ = entry.row.set(row);
        }
    }
}

/// [`LineFacts`] of a trimmed line, not empty, made (not looked up).
pub(crate) fn facts_of(t: &str) -> LineFacts {
    facts_of_cells(t, crate::tokens::is_single_cell_text(t))
}

/// [`facts_of`] a trimmed line whose [`crate::tokens::is_single_cell_text`] is `single_cell`
/// (told already).
pub(crate) fn facts_of_cells(t: &str, single_cell: bool) -> LineFacts {
    debug_assert_eq!(single_cell, crate::tokens::is_single_cell_text(t));
    // (Sentences, most of the lines met here for the first time, end in a character no
    // value ends in.)
    let value = crate::value::may_end_as_value(t)
        .then(|| crate::value::parse_trimmed(t))
        .flatten();
    LineFacts {
        chrome: value.is_none() && t.len() <= MAX_CHROME_BYTES && decide(t),
        one_text: value.is_none() && crate::tokens::is_one_text(t, single_cell),
        value,
        single_cell,
        prose: crate::prose::statements::is_trimmed_prose(t.as_bytes()),
        // (One cell has no separator: [`crate::tokens::is_single_cell_text`] looks for them.)
        separator: !single_cell && crate::tokens::has_cell_separator(t),
    }
}

/// Entries kept by the memo of [`line_facts`] on each thread: room for the labels and rows
/// printed in every report besides the lines of a few hundred reports of their own, between
/// two sortings out ([`crate::memo::keep_used`]).
const MEMO_ENTRIES: usize = 8192;
/// Longer lines are not remembered: labels, headings and page furniture are short (96 bytes
/// are 32 Chinese characters).
const MEMO_MAX_BYTES: usize = 96;
/// Longer lines are looked up, and remembered when they are table rows
/// ([`LineFactsOf::remember`]), up to this many bytes (a row of a dozen cells); longer ones are
/// neither.
const MEMO_MAX_ROW_BYTES: usize = 400;

/// [`is_chrome`] for a trimmed line that is not a value.
fn decide(t: &str) -> bool {
    decide_with(t, true)
}

/// [`decide`]; with `skip_absent` off, every test is made whatever characters the line has
/// (the tests compare the two).
#[inline(always)]
fn decide_with(t: &str, skip_absent: bool) -> bool {
    // A sentence is never chrome (see [`Shape::prose`]): most long lines are told so from their
    // bytes, before a pass over their characters. (Short ones are mostly labels and table rows,
    // with no sentence mark: the pass over their characters, made anyway, tells them.)
    if t.len() > MEMO_MAX_BYTES && crate::scan::has_sentence_mark(t) && !has_wo_shi(t) {
        return false;
    }
    let shape = Shape::of(t);
    if (shape.prose && !(shape.wo && has_wo_shi(t))) || shape.solid_chars > MAX_CHROME_CHARS {
        return false;
    }
    // Table rows and labels, the commonest lines here, have none of the characters a chatbot,
    // a breadcrumb, a label or a furniture phrase needs: only a button row or a stamp is left
    // to test, without folding the line or searching it for phrases.
    if skip_absent && !(shape.wo || shape.angle || shape.colon || shape.marker_key) {
        return !shape.prose
            && ((shape.button_chars && is_button_row(t)) || (shape.digit_start && is_stamp(t)));
    }
    // Table labels, the commonest lines, have nothing to fold: borrow instead of copying.
    let compact: Cow<'_, str> = if shape.needs_folding {
        Cow::Owned(compact(t))
    } else {
        Cow::Borrowed(t)
    };
    if shape.wo && is_chatbot(&compact) {
        return true;
    }
    !shape.prose
        && (((shape.button_chars || !skip_absent) && is_button_row(t))
            || (shape.angle && is_breadcrumb(&compact))
            || (shape.digit_start && is_stamp(t))
            || has_marker(&compact)
            || (shape.colon && has_label(&compact)))
}

/// Whether a line has `我是` (a chatbot's greeting: see [`is_chatbot`]), by a searcher built
/// once (the lines asked are sentences, most of them long).
fn has_wo_shi(t: &str) -> bool {
    static FINDER: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("我是"));
    FINDER.find(t.as_bytes()).is_some()
}

/// What one pass over a trimmed line tells about it, so that the tests that cannot apply are
/// skipped (each of them needs a character the line may not have).
#[cfg_attr(test, derive(Debug, PartialEq))]
struct Shape {
    /// Sentence punctuation ([`is_prose`]).
    prose: bool,
    /// Characters other than white space.
    solid_chars: usize,
    /// White space or a full-width form that [`compact`] folds.
    needs_folding: bool,
    /// `我`, which every chatbot greeting has.
    wo: bool,
    /// A colon (either width), which every [`START_LABELS`] label needs.
    colon: bool,
    /// A `>` (or a form folded to it), which every breadcrumb needs.
    angle: bool,
    /// Whether the line can start with a date after an opening bracket ([`is_stamp`]).
    digit_start: bool,
    /// One of the [`MARKER_KEYS`], which every furniture phrase without a colon has.
    marker_key: bool,
    /// Whether every character but white space is one of the [`BUTTON_ROW_CHARS`].
    button_chars: bool,
}

impl Shape {
    fn of(t: &str) -> Shape {
        Shape::scan(t, true)
    }

    /// The shape of `t`; with `count_plain`, a character none of the tests below looks at is
    /// told by one lookup and only counted (the tests compare with `count_plain` off, every
    /// character taken through them all).
    #[inline(always)]
    fn scan(t: &str, count_plain: bool) -> Shape {
        let mut s = Shape {
            prose: false,
            solid_chars: 0,
            needs_folding: false,
            wo: false,
            colon: false,
            angle: false,
            digit_start: t
                .trim_start_matches(['[', '【', '(', '（'])
                .starts_with(|c: char| c.is_ascii_digit()),
            marker_key: false,
            button_chars: true,
        };
        for c in t.chars() {
            // Most characters (ideographs, digits) are none of those looked for below: told so
            // by one lookup, they are only counted — and looked up among the button rows' only
            // until one is not (most lines are told so by their first character).
            if count_plain && !in_set(&SPECIAL_CHARS, c) {
                s.solid_chars += 1;
                if s.button_chars {
                    s.button_chars = in_set(&BUTTON_ROW_CHARS, c);
                }
                continue;
            }
            if c.is_whitespace() {
                s.needs_folding = true;
                continue;
            }
            s.solid_chars += 1;
            s.button_chars &= in_set(&BUTTON_ROW_CHARS, c);
            if c.is_ascii() {
                s.colon |= c == ':';
                s.angle |= c == '>';
                s.marker_key |= matches!(c, 'P' | 'p');
                continue;
            }
            match c {
                '。' | '；' | '？' | '！' => s.prose = true,
                '我' => s.wo = true,
                '：' => {
                    s.colon = true;
                    s.needs_folding = true;
                }
                '｜' => s.needs_folding = true,
                '＞' | '»' | '›' => {
                    s.angle = true;
                    s.needs_folding = true;
                }
                _ => s.marker_key |= is_marker_key(c),
            }
        }
        s
    }
}

/// The characters that [`Shape::of`] looks at: white space, the ones it names, and the
/// [`MARKER_KEYS`]. (A test checks every character.)
static SPECIAL_CHARS: [u64; 1024] = {
    let mut bits = [0u64; 1024];
    add_chars(
        &mut bits,
        "\t\n\u{b}\u{c}\r :>\u{85}\u{a0}\u{1680}\u{2000}\u{2001}\u{2002}\u{2003}\u{2004}\u{2005}\u{2006}\u{2007}\
         \u{2008}\u{2009}\u{200a}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}。；？！我：｜＞»›",
    );
    let mut i = 0;
    while i < MARKER_KEYS.len() {
        let cp = MARKER_KEYS[i] as usize;
        bits[cp >> 6] |= 1 << (cp & 63);
        i += 1;
    }
    bits
};

/// The line without white space (ASCII, full-width and no-break spaces), with full-width `：`,
/// `｜` and `＞` folded to ASCII so the marker tables need one spelling.
///
/// Done on bytes: the runs of characters kept as they are (nearly all of a line) are copied
/// whole, and only the bytes that can start white space or a folded form are looked at
/// (continuation bytes never can, so every cut falls on a character boundary).
fn compact(t: &str) -> String {
    // Never longer than the line: reserved at once rather than grown.
    let mut out = String::with_capacity(t.len());
    let bytes = t.as_bytes();
    let mut kept_from = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if !MAY_START_DROPPED_OR_FOLDED[b as usize] {
            i += 1;
            continue;
        }
        let Some((len, folded)) = dropped_or_folded(b, bytes.get(i + 1..).unwrap_or(&[])) else {
            i += 1;
            continue;
        };
        // (Runs of white space leave nothing to copy between them.)
        if kept_from < i {
            out.push_str(t.get(kept_from..i).unwrap_or(""));
        }
        if let Some(c) = folded {
            out.push(c);
        }
        i += len;
        kept_from = i;
    }
    out.push_str(t.get(kept_from..).unwrap_or(""));
    out
}

/// The first bytes [`dropped_or_folded`] looks further at: ASCII white space and the lead
/// bytes C2, E1, E2, E3 and EF.
static MAY_START_DROPPED_OR_FOLDED: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0x09;
    while b <= 0x0D {
        table[b] = true;
        b += 1;
    }
    table[b' ' as usize] = true;
    table[0xC2] = true;
    table[0xE1] = true;
    table[0xE2] = true;
    table[0xE3] = true;
    table[0xEF] = true;
    table
};

/// For a character starting with byte `b` (followed by `rest`) that [`compact`] does not keep
/// as it is: its length in bytes, and the ASCII character it is folded to (`None`: dropped,
/// the white space of [`char::is_whitespace`]).
#[inline]
fn dropped_or_folded(b: u8, rest: &[u8]) -> Option<(usize, Option<char>)> {
    match b {
        0x09..=0x0D | b' ' => Some((1, None)),
        // U+0085, U+00A0; `»`.
        0xC2 => match rest.first() {
            Some(0x85 | 0xA0) => Some((2, None)),
            Some(0xBB) => Some((2, Some('>'))),
            _ => None,
        },
        // U+1680.
        0xE1 => (rest.get(..2) == Some(&[0x9A, 0x80])).then_some((3, None)),
        // U+2000–U+200A, U+2028, U+2029, U+202F, U+205F; `›` (U+203A).
        0xE2 => match rest.get(..2) {
            Some([0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF] | [0x81, 0x9F]) => Some((3, None)),
            Some([0x80, 0xBA]) => Some((3, Some('>'))),
            _ => None,
        },
        // U+3000.
        0xE3 => (rest.get(..2) == Some(&[0x80, 0x80])).then_some((3, None)),
        // `：`, `＞`, `｜`.
        0xEF => match rest.get(..2) {
            Some([0xBC, 0x9A]) => Some((3, Some(':'))),
            Some([0xBC, 0x9E]) => Some((3, Some('>'))),
            Some([0xBD, 0x9C]) => Some((3, Some('|'))),
            _ => None,
        },
        _ => None,
    }
}

/// Sentence punctuation: a line with it is prose, whatever words it mentions.
fn is_prose(compact: &str) -> bool {
    compact.contains(['。', '；', '？', '！'])
}

/// Phrases that only page furniture uses, matched anywhere in a non-prose line.
#[rustfmt::skip]
const MARKERS: &[&str] = &[
    // footers
    "ICP备", "ICP证", "icp备", "公网安备", "公網安備", "网站标识码", "網站標識碼", "网站识别码",
    "版权所有", "版權所有", "Copyright", "COPYRIGHT", "copyright", "©", "主办单位", "主辦單位",
    "承办单位", "承辦單位", "协办单位", "協辦單位", "运维单位", "運維單位", "技术支持:",
    "技術支持:", "技术支持单位", "网站地图", "網站地圖",
    // share / scan
    "扫一扫在手机", "掃一掃在手機", "在手机打开", "在手機打開", "手机扫一扫", "手機掃一掃",
    "微信扫一扫", "分享到", "分享至",
    // reading widgets
    "视力保护色", "視力保護色", "护眼模式", "護眼模式", "字体:大中小", "字号:大中小", "【大中小】",
    "[大中小]",
    // print / close / paging
    "打印本页", "打印本頁", "打印此页", "关闭窗口", "關閉窗口", "关闭本页", "關閉本頁", "【打印】",
    "【关闭】", "[打印]", "[关闭]", "上一篇", "下一篇",
    // site navigation
    "设为首页", "設為首頁", "加入收藏", "收藏本站", "返回顶部", "返回頂部", "您的位置",
    "您现在的位置", "您現在的位置", "当前位置:", "當前位置:", "所在位置:",
    // chatbot
    "很高兴为您服务", "很高興為您服務",
];

/// For every furniture phrase without a colon ([`MARKERS`], and `分辨率` of [`has_marker`]), one
/// of its characters, chosen rare in report content: a line with none of them and no colon
/// holds no phrase, and is not searched for one. (A test checks every phrase has one.)
#[rustfmt::skip]
const MARKER_KEYS: &[char] = &[
    'P', 'p', '©', '备', '備', '码', '碼', '版', '单', '單', '图', '圖', '扫', '掃', '打', '享',
    '色', '眼', '小', '闭', '閉', '篇', '首', '藏', '返', '您', '辨',
];

/// The non-ASCII [`MARKER_KEYS`] as a set of code points: one bit each (all of them are below
/// U+10000), so that the test of a character is a lookup.
static MARKER_KEY_BITS: [u64; 1024] = {
    let mut bits = [0u64; 1024];
    let mut i = 0;
    while i < MARKER_KEYS.len() {
        let cp = MARKER_KEYS[i] as usize;
        assert!(cp < 0x10000, "marker keys are in the basic plane");
        bits[cp >> 6] |= 1 << (cp & 63);
        i += 1;
    }
    bits
};

/// Whether `c` is one of the [`MARKER_KEYS`] (for a non-ASCII `c`; ASCII ones are compared).
#[inline]
fn is_marker_key(c: char) -> bool {
    in_set(&MARKER_KEY_BITS, c)
}

/// One automaton over all [`MARKERS`] and all [`LABELS`] followed by `:`, built once: each
/// line is scanned once instead of once per phrase.
fn furniture() -> &'static AhoCorasick {
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    AC.get_or_init(|| {
        let patterns = MARKERS
            .iter()
            .map(|m| m.to_string())
            .chain(LABELS.iter().map(|l| format!("{l}:")));
        // The patterns are fixed, valid literals: building cannot fail for them; should it
        // ever, an automaton that matches nothing keeps every line as content.
        // A DFA: more memory than the default NFA (a few hundred KiB, once), but each line is
        // scanned at about one table lookup per byte.
        AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .build(patterns)
            .or_else(|_| AhoCorasick::new(Vec::<String>::new()))
            .unwrap_or_else(|_| unreachable!("an empty automaton always builds"))
    })
}

/// A furniture phrase, or a page-metadata label, anywhere in the line.
fn has_marker(compact: &str) -> bool {
    // (A char test first: a substring search costs more to set up than a short line.)
    furniture().is_match(compact)
        || (compact.contains('辨') && compact.contains("分辨率") && compact.contains("浏览器"))
}

/// Field labels of page metadata and counters. They count only as labels, that is followed by
/// a colon (`点击数:`, `字数:3031`): `确保信息来源准确` is prose, and a bare `网站点击数` may be a
/// table label of a legacy 附表 printed one cell per line.
#[rustfmt::skip]
const LABELS: &[&str] = &[
    "发布日期", "發佈日期", "發布日期", "发布时间", "發佈時間", "發布時間", "发表时间", "發表時間",
    "发表日期", "发稿时间", "更新时间", "更新日期", "信息来源", "信息來源", "資訊來源", "文章来源",
    "文章來源", "稿件来源", "浏览次数", "瀏覽次數", "点击数", "點擊數", "点击量", "點擊量",
    "阅读次数", "閱讀次數", "访问次数", "字数", "字數", "字体", "字體", "字号", "字號", "责任编辑",
    "責任編輯", "索引号", "索引號",
];

/// Labels that are chrome only at the start of a line (`来源:…`, `成文日期:…`): elsewhere the
/// same words occur in ordinary text.
#[rustfmt::skip]
const START_LABELS: &[&str] = &[
    "来源", "來源", "作者", "编辑", "編輯", "发文机关", "發文機關", "发文字号", "發文字號",
    "成文日期", "主题分类", "主題分類", "主题词", "主題詞", "有效性", "主办", "主辦", "承办",
    "承辦",
];

/// A label that is chrome only at the start of a line (the others are in [`has_marker`]).
fn has_label(compact: &str) -> bool {
    compact.contains(':')
        && START_LABELS.iter().any(|label| {
            compact
                .strip_prefix(label)
                .is_some_and(|rest| rest.starts_with(':'))
        })
}

/// Words that are chrome when a line consists of nothing else (buttons and menu items). Not
/// `微信`/`微博`: a table printed one cell per line may list platforms by those names (share rows
/// are caught by `分享到`).
#[rustfmt::skip]
const BUTTONS: &[&str] = &[
    "登录", "登錄", "注册", "註冊", "退出", "打印", "关闭", "關閉", "返回", "分享", "收藏", "首页",
    "首頁", "网站首页", "網站首頁", "无障碍", "無障礙", "无障碍浏览", "无障碍阅读", "简体", "簡體",
    "繁体", "繁體", "简体版", "繁体版", "简体中文", "繁体中文", "繁體中文", "English", "ENGLISH",
    "搜索", "检索", "高级检索", "网站导航", "網站導航", "智能问答", "长者模式", "关怀版",
    "关怀模式", "手机版", "移动版", "纠错", "我要纠错", "网站地图",
    "联系我们", "关于我们", "字号", "字体", "打印本页", "关闭窗口", "加入收藏", "设为首页", "RSS",
    "个人中心", "用户登录", "分享到", "大", "中", "小",
];

/// [`BUTTONS`], sorted once for binary search (every line's first piece is looked up).
fn buttons() -> &'static [&'static str] {
    static SORTED: OnceLock<Vec<&'static str>> = OnceLock::new();
    SORTED.get_or_init(|| {
        let mut v = BUTTONS.to_vec();
        v.sort_unstable();
        v.dedup();
        v
    })
}

/// What separates the buttons of a row ([`is_button_row`]), but for white space.
const BUTTON_SEPARATORS: &str = "|｜丨/／·•【】[]〔〕()（）<>《》:：";

/// The characters a button row may have but for white space: those of the [`BUTTONS`] and the
/// [`BUTTON_SEPARATORS`]. A line with any other has a piece that is no button.
static BUTTON_ROW_CHARS: [u64; 1024] = {
    let mut bits = [0u64; 1024];
    let mut i = 0;
    while i < BUTTONS.len() {
        add_chars(&mut bits, BUTTONS[i]);
        i += 1;
    }
    add_chars(&mut bits, BUTTON_SEPARATORS);
    bits
};

/// Whether every piece of the line, split at separators and brackets, is a button word
/// (`登录 |  注册`, `【打印本页】【关闭窗口】`, `大 中 小`). A lone one-character piece is not
/// enough (`中` alone may be a wrapped table label).
fn is_button_row(t: &str) -> bool {
    let is_sep = |c: char| c.is_whitespace() || BUTTON_SEPARATORS.contains(c);
    let mut pieces = 0usize;
    let mut longest = 0usize;
    for piece in t.split(is_sep).filter(|p| !p.is_empty()) {
        if buttons().binary_search(&piece).is_err() {
            return false;
        }
        pieces += 1;
        longest = longest.max(piece.chars().count());
    }
    pieces > 1 || longest > 1
}

/// Breadcrumbs: `首页 > 政务公开 > 年报`, `当前位置：首页 » 信息公开`.
fn is_breadcrumb(compact: &str) -> bool {
    #[rustfmt::skip]
    const STARTS: &[&str] = &[
        "首页", "首頁", "网站首页", "網站首頁", "当前位置", "當前位置", "您的位置", "您现在的位置",
        "所在位置", "位置:",
    ];
    compact.contains('>') && STARTS.iter().any(|s| compact.starts_with(s))
}

/// A publication stamp: a numeric date and a clock time at the start of a short line,
/// e.g. `2021-01-28 13:53 鹤岗市人民政府办公室` or `[2021/1/28 13:53:02]`.
fn is_stamp(t: &str) -> bool {
    let t = t.trim_start_matches(['[', '【', '(', '（']);
    let Some(rest) = numeric_date_prefix(t) else {
        return false;
    };
    let rest = rest.trim_start();
    let Some(rest) = clock_prefix(rest) else {
        return false;
    };
    let tail = compact(rest);
    !is_prose(&tail) && tail.chars().count() <= MAX_STAMP_TAIL_CHARS
}

/// After `YYYY-M-D` (separators `-`, `/` or `.`, the same twice), the rest of the string.
fn numeric_date_prefix(s: &str) -> Option<&str> {
    let rest = digits(s, 4, 4)?;
    let sep = rest
        .chars()
        .next()
        .filter(|c| matches!(c, '-' | '/' | '.'))?;
    let rest = digits(rest.get(1..)?, 1, 2)?;
    let rest = rest.strip_prefix(sep)?;
    digits(rest, 1, 2)
}

/// After `HH:MM` (optionally `:SS`), the rest of the string.
fn clock_prefix(s: &str) -> Option<&str> {
    let rest = digits(s, 1, 2)?;
    let rest = digits(rest.strip_prefix(':')?, 2, 2)?;
    match rest.strip_prefix(':') {
        Some(secs) => digits(secs, 2, 2),
        None => Some(rest),
    }
}

/// After `min..=max` ASCII digits at the start of `s` and no further digit, the rest.
fn digits(s: &str, min: usize, max: usize) -> Option<&str> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    (min..=max).contains(&n).then(|| s.get(n..)).flatten()
}

/// Chatbot greetings: `hi!我是智能问答机器人小鹤`, `您好，我是智能客服`.
fn is_chatbot(compact: &str) -> bool {
    const BOT: &[&str] = &["机器人", "機器人", "智能", "客服", "助手", "小助理"];
    compact.contains('我')
        && compact.chars().count() <= 40
        && compact.contains("我是")
        && BOT.iter().any(|b| compact.contains(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// [`compact`] as defined on characters; the byte version must give the same.
    fn compact_by_chars(t: &str) -> String {
        t.chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| match c {
                '：' => ':',
                '｜' => '|',
                '＞' | '»' | '›' => '>',
                other => other,
            })
            .collect()
    }

    /// Every character, between others and at either end, is dropped, folded or kept as the
    /// character definition says.
    #[test]
    fn compact_of_every_character() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            for t in [
                format!("规{c}章"),
                format!("{c}a"),
                format!("a{c}"),
                c.to_string(),
            ] {
                assert_eq!(compact(&t), compact_by_chars(&t), "{:?}", t);
            }
        }
    }

    /// Every furniture phrase that a line may hold without a colon has one of the
    /// [`MARKER_KEYS`], so a line without one (and without a colon) holds none: the shortcut in
    /// [`decide`] keeps every chrome line.
    #[test]
    fn every_phrase_has_a_key_or_a_colon() {
        let patterns = MARKERS
            .iter()
            .map(|m| m.to_string())
            .chain(LABELS.iter().map(|l| format!("{l}:")))
            .chain(["分辨率".to_string()]);
        for p in patterns {
            assert!(
                p.contains(':') || p.contains(MARKER_KEYS),
                "{p} has no key character"
            );
        }
        for c in MARKER_KEYS {
            assert!(c.is_ascii() || is_marker_key(*c), "{c}");
        }
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if !c.is_ascii() {
                assert_eq!(is_marker_key(c), MARKER_KEYS.contains(&c), "{c:?}");
            }
        }
    }

    /// Every character that [`Shape::of`] does more than count is in the set it looks up
    /// first: white space, the characters it names, the marker keys.
    #[test]
    fn special_chars_hold_all_shape_looks_at() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let named = ":>。；？！我：｜＞»›".contains(c);
            if c.is_whitespace() || named || is_marker_key(c) {
                assert!(in_set(&SPECIAL_CHARS, c), "{c:?}");
            }
            // And a character counted alone has the shape of one counted in full.
            let one = c.to_string();
            assert_eq!(Shape::of(&one), shape_in_full(&one), "{c:?}");
        }
    }

    /// [`Shape::of`] as defined, every character looked at in full.
    fn shape_in_full(t: &str) -> Shape {
        Shape::scan(t, false)
    }

    proptest! {
        /// A line's shape is prose exactly when it has a sentence mark: what lets [`decide`]
        /// tell a sentence from its bytes first, or from its shape alone.
        #[test]
        fn prose_shape_as_sentence_marks(t in "[。；？！我，、：a规0 ]{0,10}|\\PC{0,24}") {
            prop_assert_eq!(Shape::of(&t).prose, crate::scan::has_sentence_mark(&t));
        }

        /// The shape of a line is the shape in full.
        #[test]
        fn shape_like_in_full(t in "[ \t\u{3000}\u{a0}\u{2003}。；我：｜＞»›:>Pp规章登录版©0-9]{0,16}|\\PC{0,24}") {
            prop_assert_eq!(Shape::of(&t), shape_in_full(&t));
        }
    }

    /// The set of button-row characters is exactly the characters of the buttons and of their
    /// separators, so a line with another character (but white space) is no button row.
    #[test]
    fn button_row_chars_are_those_of_buttons_and_separators() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let expected = BUTTONS.iter().any(|b| b.contains(c)) || BUTTON_SEPARATORS.contains(c);
            assert_eq!(in_set(&BUTTON_ROW_CHARS, c), expected, "{c:?}");
        }
    }

    /// [`decide`] as it was before the shortcut for lines without the characters chrome
    /// needs: the full test on every line.
    fn decide_in_full(t: &str) -> bool {
        decide_with(t, false)
    }

    /// Pieces of chrome and of content, to build lines of both from.
    #[rustfmt::skip]
    const PIECES: &[&str] = &[
        "登录", "注册", "首页", "打印本页", "关闭窗口", "大", "中", "小", "分享到", "版权所有",
        "ICP备", "Copyright", "©", "主办单位", "网站地图", "扫一扫", "在手机打开", "视力保护色",
        "上一篇", "您的位置", "很高兴为您服务", "分辨率", "浏览器", "发布日期", "来源", "点击数",
        "我是", "智能客服", "机器人", "规章", "行政许可", "总计", "第二十条第（一）项",
        "（七）总计", "0", "12", "2021-01-28", "13:53", "[", "【", "】", "：", ":", ">", "＞",
        "»", "|", "｜", " ", "\t", "\u{3000}", "\u{a0}", "。", "；", "！", "？", "，", "、",
    ];

    proptest! {
        /// The shortcut in [`decide`] decides every line as the full test does.
        #[test]
        fn decide_like_in_full(
            parts in proptest::collection::vec(proptest::sample::select(PIECES), 0..8),
            noise in "\\PC{0,6}",
        ) {
            let line = parts.concat() + &noise;
            let t = crate::scan::trim(&line);
            if !t.is_empty() && crate::value::parse_trimmed(t).is_none() {
                prop_assert_eq!(decide(t), decide_in_full(t), "{:?}", t);
            }
        }

        #[test]
        fn compact_like_chars(t in "[ \t\u{3000}\u{a0}\u{85}\u{2003}\u{202f}：｜＞»›:a规章]{0,16}|\\PC{0,24}") {
            prop_assert_eq!(compact(&t), compact_by_chars(&t));
        }
    }

    /// The chrome lines of each seed, checked by hand against the pages. Every other line is
    /// content (headings, table labels and values, prose, the signature block) or blank.
    const SEED_CHROME: &[(&str, &[u32])] = &[
        // 3: `2021-01-28 13:53 鹤岗市人民政府办公室` (the posting stamp); 611 扫一扫; 615 网站导航;
        // 617-618 the chatbot. The signature (607, 609) is content.
        ("000_33abec3ff02c02bd.txt", &[3, 611, 615, 617, 618]),
        ("001_a1fd908adc18705e.txt", &[]),
        // 3 信息来源/发表时间; 4 浏览次数/分享到; 5 字数/字体/视力保护色.
        ("002_a636d83d73b501d7.txt", &[3, 4, 5]),
        // 1 `登录 |  注册` (with no-break spaces); 5 发布日期/点击数.
        ("003_d22f653d47743c2c.txt", &[1, 5]),
        ("004_b6b282f6157a8fb9.txt", &[]),
    ];

    fn seed(name: &str) -> String {
        let path = format!(
            "{}/../../tests/fixtures/seeds/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read_to_string(path).expect("seed")
    }

    #[test]
    fn seeds_have_exactly_the_hand_checked_chrome_lines() {
        for &(name, expected) in SEED_CHROME {
            let text = seed(name);
            let found: Vec<u32> = text
                .lines()
                .zip(1u32..)
                .filter(|(line, _)| is_chrome(line))
                .map(|(_, no)| no)
                .collect();
            assert_eq!(found, expected, "{name}");
        }
    }

    #[test]
    fn website_furniture_is_chrome() {
        for line in [
            "登录 |  注册 ",
            "登录\u{A0}|\u{A0} 注册\u{A0}",
            "扫一扫在手机打开当前页",
            "分享到：",
            "浏览次数:559 次 分享到:",
            "点击数：",
            "字数:3031字体:[ ]视力保护色:",
            "【字体：大 中 小】",
            "大 中 小",
            "网站导航",
            "首页 > 政务公开 > 政府信息公开年报",
            "当前位置：首页 » 信息公开 » 年度报告",
            "您现在的位置：首页",
            "hi!我是智能问答机器人小鹤",
            "很高兴为您服务~",
            "您好！我是智能客服小安",
            "【打印本页】【关闭窗口】",
            "[打印] [关闭]",
            "上一篇：关于印发2021年政务公开工作要点的通知",
            "下一篇：无",
            "版权所有：鹤岗市人民政府办公室  主办单位：鹤岗市人民政府办公室",
            "承办单位：鹤岗市政务服务中心 网站标识码：2304000001",
            "黑ICP备05001234号-1",
            "黑公网安备 23040202000123号",
            "Copyright © 2021 www.hegang.gov.cn All Rights Reserved",
            "技术支持：某某网络科技有限公司",
            "网站地图 | 联系我们 | 关于我们",
            "简体 | 繁體 | 无障碍",
            "设为首页 加入收藏",
            "发布日期:2021-01-04    点击数:",
            "信息来源:市政府办公室 发表时间:2018-01-17 11:21:45",
            "发布时间：2022-01-20 09:30:00",
            "来源：县政府办公室",
            "索引号：11230423MB1234567X/2021-00012",
            "成文日期：2021-01-27",
            "责任编辑：张三",
            "2021-01-28 13:53 鹤岗市人民政府办公室",
            "[2021/1/28 13:53:02]",
            "建议使用IE9以上浏览器，1024×768分辨率浏览本站",
            "瀏覽次數：12 分享到：",
            "打印本頁 關閉窗口",
        ] {
            assert!(is_chrome(line), "should be chrome: {line:?}");
        }
    }

    #[test]
    fn report_content_is_not_chrome() {
        for line in [
            "",
            "\u{A0}",
            "鹤岗市人民政府办公室2020年度政府信息公开工作报告",
            "2021 年政府信息公开工作年度报告",
            "一、总体情况",
            "（三）围绕工作要点，全面做好政务信息管理工作",
            "（三）推进网站适老化与无障碍改造",
            "（四）上线智能问答机器人",
            "第二十条第(一)项",
            "信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |",
            "第二十条第(一)项 | |||",
            "行政许可 | 12 | 减7 | 29 |",
            "0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
            "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)",
            "2020年本行政区域(或本部门)政府信息公开发布总数量(非新闻类、消息类):0",
            "本年收费金额（单位：万元）",
            "中",
            "0",
            "总计",
            "其他",
            "鹤岗市人民政府办公室",
            "2021年1月27日",
            "202114",
            "2021-01-28",
            "除滨江区政务网站外,积极利用微信、微博等新媒体工具,拓宽信息公开的载体与形式。",
            "积极做好政府网站信息发布，确保信息来源准确、发布及时。",
            "本次培训由市政务公开办主办，技术支持单位配合完成。",
            "全年网站点击数达到120万次。",
            "网站点击数",
            "微信",
            "微信 | 微博",
            "网站点击数\t120",
            "无。",
        ] {
            assert!(!is_chrome(line), "should be content: {line:?}");
        }
    }

    #[test]
    fn stamps_need_a_clock_time() {
        assert!(is_stamp("2021-01-28 13:53 鹤岗市人民政府办公室"));
        assert!(is_stamp("[2021/1/28 13:53:02]"));
        assert!(!is_stamp("2021-01-28"));
        assert!(!is_stamp("2021年1月27日"));
        assert!(!is_stamp("2021-01-280 13:53"));
    }

    proptest! {
        /// The tokenizer does not look up a long line that is one cell ([`LineFactsOf::may_hold_long`]
        /// false): the memo never holds one, so it would not be found.
        #[test]
        fn long_cells_are_never_held(
            parts in proptest::collection::vec(proptest::sample::select(PIECES), 0..40),
            noise in "\\PC{0,40}",
        ) {
            let line = parts.concat() + &noise;
            let t = crate::scan::trim(&line);
            if !t.is_empty() {
                let single = crate::tokens::is_single_cell_text(t);
                let facts = facts_of(t);
                prop_assert_eq!(facts.single_cell, single);
                with_line_facts(|memo| {
                    if memo.known(t).is_none() {
                        memo.remember(t, &facts);
                    }
                    if !LineFactsOf::may_hold_long(t, single) {
                        prop_assert!(memo.known(t).is_none(), "{:?}", t);
                    }
                    Ok(())
                })?;
            }
        }
    }

    #[test]
    fn huge_lines_are_not_chrome_and_cost_little() {
        let line = "点击数".repeat(1_000_000);
        assert!(!is_chrome(&line));
    }
}
