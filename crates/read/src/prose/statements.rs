//! Prose → [`Statement`]s: every figure a report states in its sentences, with what it counts,
//! its parts and its place.
//!
//! The text is read paragraph by paragraph (a paragraph is a line, or several lines when a PDF
//! extraction broke a sentence across them), sentence by sentence. In each sentence:
//! - figures are found by [`numbers::figure_at`] (a number with a unit), zeros said in words by
//!   a negation (未/无/没有 …) followed by a verb of receiving or happening and a recognised noun
//!   (`未收到…申请`, `无行政诉讼情况`), or by `…为零`;
//! - a figure's subject is the text before it back to the previous figure or clause mark
//!   (`，；：`), or, when that says too little (`全市共发生1起因…举报投诉行为`) or the unit is a
//!   classifier (`15个乡镇`), the text after it;
//! - `其中`, `包括`, `（含…）` open a list of parts: each later figure of the sentence whose unit
//!   the whole's unit covers is a part of the nearest such whole, until the sentence ends or a
//!   figure names another headline (`…办结10件，其中予以公开8件，结转下年度2件`: the carried-over
//!   figure ends the list). `其中` at a sentence's start refers to the previous sentence;
//! - a percentage after `占` is a share of the figure just before it; other percentages keep
//!   their words as subject (`答复率`).
//!
//! Lines that are tables (cells separated by tabs or `|`), site chrome and page numbers are not
//! prose and are skipped. Work per figure is bounded (subjects, phrases and stored sentences
//! are windows of a few dozen characters), so reading stays linear in the input.

use gongkai_model::{Meaning, Quantity, Source, Statement, StatementKind, Unit};

use super::meaning::{self, Reading};
use super::numbers::{self, Figure};
use crate::document::{chars_in, Document};
use crate::tokens::{is_page_number, LineInfo, LineKind};

/// Characters of text before a figure looked at for its subject.
const MAX_SUBJECT_CHARS: usize = 40;
/// Characters after a figure looked at when its subject follows it.
const MAX_AFTER_CHARS: usize = 24;
/// Characters of a zero phrase (`未收到…申请`) kept and matched.
const MAX_ZERO_PHRASE_CHARS: usize = 60;
/// Sentences longer than this are stored as a window around the figure.
const MAX_SENTENCE_CHARS: usize = 300;
const SENTENCE_WINDOW_CHARS: usize = 120;
/// A line this long (in characters) that does not end a sentence continues on the next line.
const MIN_WRAPPED_LINE_CHARS: usize = 20;

/// Clause marks: a subject never reaches back across one. `、` is not one (it separates the
/// parts of a list, which the previous figure already bounds, and joins nouns inside a subject:
/// `乡镇人民政府(开发区)、办事处主动公开政府信息1383条`).
const fn is_clause_mark(c: char) -> bool {
    matches!(
        c,
        '，' | ',' | '；' | ';' | '：' | ':' | '。' | '！' | '？' | '!' | '?'
    )
}

/// An ideograph at which nothing in [`Builder::sentence`] can start: not a numeral (a number's
/// first character), nor the first character of 百分之, 其中 or 包括. Most characters of a
/// sentence are such, and are stepped over without the other tests ([`skip_inert`], which the
/// tests tie to this definition).
#[cfg(test)]
fn is_plain_ideograph(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) && !starts_a_word(c)
}

/// Whether `c` starts what [`Builder::sentence`] looks for among ideographs: a number, 百分之,
/// 其中 or 包括.
const fn starts_a_word(c: char) -> bool {
    numbers::starts_number(c) || matches!(c, '百' | '其' | '包')
}

/// Whether [`Builder::sentence`] does nothing at `c` but step over it: `c` starts no word or
/// number, is no clause mark or bracket, nor one of the [`ZERO_WORDS`] (whose places it notes).
const fn is_inert(c: char) -> bool {
    !starts_a_word(c)
        && !is_zero_word(c)
        && !is_clause_mark(c)
        && !matches!(c, '（' | '(' | '）' | ')')
}

/// One bit per ASCII character: set where it is [`is_inert`] (letters, spaces, most signs; not
/// digits, `,;:!?` or brackets).
const ASCII_INERT: u128 = crate::scan::ascii_bits!(is_inert);

/// The range of the characters told inert on their bytes: U+2000 is the first character whose
/// UTF-8 lead byte is 0xE2, U+9FFF the last with lead byte 0xE9. The range holds the CJK
/// ideographs and the punctuation most met between them (`、“”《》`).
const INERT_FIRST: u32 = 0x2000;
const INERT_LAST: u32 = 0x9FFF;

/// One bit per character of the Basic Multilingual Plane (as [`STOPS`], [`three_byte_bit`]):
/// set where the character is in U+2000..=U+9FFF and [`is_inert`].
static INERT: [u64; 1024] = inert_table();

const fn inert_table() -> [u64; 1024] {
    let mut table = [0u64; 1024];
    let mut c = INERT_FIRST;
    while c <= INERT_LAST {
        if let Some(ch) = char::from_u32(c) {
            if is_inert(ch) {
                table[(c / 64) as usize] |= 1 << (c % 64);
            }
        }
        c += 1;
    }
    table
}

/// The first byte at or after `i` of `bytes` (UTF-8 text, `i` at a character) that does not
/// start an [`is_inert`] character told on its bytes: ASCII ([`ASCII_INERT`]), or three bytes
/// with lead byte 0xE2..=0xE9 ([`INERT`]). The byte-level form of the step over plain text;
/// runs of inert ideographs are stepped over two at a time.
#[inline]
fn skip_inert(bytes: &[u8], mut i: usize) -> usize {
    loop {
        let mut rest = bytes.get(i..).unwrap_or_default();
        while let [a0, a1, a2, c0, c1, c2, ref tail @ ..] = *rest {
            // Both lead bytes in 0xE0..=0xEF; the table is empty outside 0xE2..=0xE9.
            if (u16::from(a0) << 8 | u16::from(c0)) & 0xF0F0 != 0xE0E0
                || !three_byte_bit(&INERT, a0, a1, a2)
                || !three_byte_bit(&INERT, c0, c1, c2)
            {
                break;
            }
            rest = tail;
        }
        i = bytes.len() - rest.len();
        match *rest {
            [b0 @ 0x00..=0x7F, ..] if ASCII_INERT >> b0 & 1 == 1 => i += 1,
            [b0 @ 0xE0..=0xEF, b1, b2, ..] if three_byte_bit(&INERT, b0, b1, b2) => i += 3,
            _ => return i,
        }
    }
}

/// Whether `c` is where [`sentences`] stops to look whether a statement may start: it starts
/// a number or is one of the [`ZERO_WORDS`].
const fn may_start_statement(c: char) -> bool {
    numbers::starts_number(c) || is_zero_word(c)
}

/// One bit per character of the Basic Multilingual Plane (bit `c % 64` of word `c / 64`): set
/// where [`may_start_statement`], and at the sentence ends `。！？`. A three-byte character's
/// word is told by its first two bytes and its bit by the third ([`three_byte_bit`]). Only
/// U+2000..=U+9FFF and U+FF10..=U+FFFF are looked at: no other three-byte character may start
/// a statement or end a sentence (a test checks them all).
static STOPS: [u64; 1024] = stop_table();

const fn stop_table() -> [u64; 1024] {
    let mut table = [0u64; 1024];
    let mut c = INERT_FIRST;
    while c <= 0xFFFF {
        if c == INERT_LAST + 1 {
            // ！ and ？ come before the full-width digits.
            c = '！' as u32;
        }
        if let Some(ch) = char::from_u32(c) {
            if may_start_statement(ch) || matches!(ch, '。' | '！' | '？') {
                table[(c / 64) as usize] |= 1 << (c % 64);
            }
        }
        c += 1;
    }
    table
}

/// The bit of `table` (one bit per BMP character, as [`STOPS`]) for the three-byte
/// character `b0 b1 b2`: its code point is `(b0 & 0x0F) << 12 | (b1 & 0x3F) << 6 | b2 & 0x3F`,
/// so its word is the first two bytes' bits and its bit the third's.
#[inline]
fn three_byte_bit(table: &[u64; 1024], b0: u8, b1: u8, b2: u8) -> bool {
    let word = (usize::from(b0 & 0x0F) << 6) | usize::from(b1 & 0x3F);
    table[word & 0x3FF] >> (b2 & 0x3F) & 1 == 1
}

/// What [`scan_sentence`] found of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scan {
    /// The sentence holds nothing [`Builder::sentence`] can make a statement of; it ends just
    /// before this byte (past its end mark, [`is_sentence_end`], or at the end of the text).
    Plain(usize),
    /// It may hold something: read in full by [`Builder::sentence`], which finds its end as it
    /// reads (its end marks are clause marks, which it stops at anyway).
    May,
}

/// The sentence of the paragraph `text` starting at byte `from` (at a character): whether it
/// may hold anything [`Builder::sentence`] can make a statement of, and if not, where it ends.
/// A figure needs a number followed by what may start a unit ([`numbers::unit_may_follow`] at
/// the number's end, which is just past its last character, itself a character that starts a
/// number) or `百分之`; a zero said in words needs one of the [`ZERO_WORDS`]. Most sentences
/// (labels, prose about the work) hold none, and are only counted. The scan stops at the first
/// character that shows a sentence may hold something: the rest of it is read once, by the
/// reader of the sentence, not by this scan first ([`sentences`], the test's list of a
/// paragraph's sentences from this scan, is tied to [`sentences_by_definition`]).
///
/// One pass over the bytes: characters are stepped over on their lead byte, and only the
/// three-byte characters of [`STOPS`] (those that may start a statement, and `。！？`) and ASCII
/// digits, `!` and `?` are looked at further; of a run of ASCII digits only the last can be
/// followed by a unit. What may follow a number is looked for in the whole paragraph, not only
/// in its sentence: it is the same, as what [`numbers::unit_may_follow`] steps over (spaces,
/// 余, 多) never ends a sentence, nor does `百分之` hold an end.
fn scan_sentence(text: &str, from: usize) -> Scan {
    let bytes = text.as_bytes();
    // The bytes not yet looked at: a character is matched on its first bytes, and the byte
    // offset of the rest told from its length only where a character is looked at further.
    let mut rest = bytes.get(from..).unwrap_or_default();
    loop {
        // The bulk of the text: three-byte characters that are no stop, stepped over two at a
        // time (one test of both lead bytes, and one of the loop's bound).
        while let [a0, a1, a2, c0, c1, c2, ref tail @ ..] = *rest {
            if (u16::from(a0) << 8 | u16::from(c0)) & 0xF0F0 != 0xE0E0
                || three_byte_bit(&STOPS, a0, a1, a2)
                || three_byte_bit(&STOPS, c0, c1, c2)
            {
                break;
            }
            rest = tail;
        }
        match *rest {
            [b0 @ 0xE0..=0xEF, b1, b2, ref tail @ ..] => {
                if three_byte_bit(&STOPS, b0, b1, b2) {
                    let i = bytes.len() - rest.len();
                    // 。 E3 80 82, ！ EF BC 81, ？ EF BC 9F.
                    if matches!([b0, b1, b2], [0xE3, 0x80, 0x82] | [0xEF, 0xBC, 0x81 | 0x9F]) {
                        return Scan::Plain(i + 3);
                    }
                    if starts_statement_at_stop(text, i, [b0, b1, b2]) {
                        return Scan::May;
                    }
                }
                rest = tail;
            }
            [b0 @ 0x00..=0x7F, ref tail @ ..] => {
                if b0 == b'!' || b0 == b'?' {
                    return Scan::Plain(bytes.len() - tail.len());
                }
                rest = tail;
                if b0.is_ascii_digit() {
                    // The run of digits stepped over at once: only its last may be followed
                    // by a unit.
                    while let [b'0'..=b'9', ref more @ ..] = *rest {
                        rest = more;
                    }
                    if numbers::unit_may_follow(text, bytes.len() - rest.len()) {
                        return Scan::May;
                    }
                }
            }
            // A two- or four-byte character (no other byte starts a character here).
            [b0, ..] => {
                rest = rest
                    .get(if b0 >= 0xF0 { 4 } else { 2 }..)
                    .unwrap_or_default()
            }
            [] => return Scan::Plain(text.len()),
        }
    }
}

/// The sentences of the paragraph `text`, as [`Builder::read_paragraph`] meets them: for each,
/// the byte just past it, and whether [`scan_sentence`] says it may hold a statement (the end
/// of such a sentence is the one [`Builder::sentence`] finds, [`sentence_end`]).
#[cfg(test)]
fn sentences(text: &str) -> Vec<(usize, bool)> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let (end, may) = match scan_sentence(text, start) {
            Scan::Plain(end) => (end, false),
            Scan::May => (
                sentence_end(text.as_bytes(), start).unwrap_or(text.len()),
                true,
            ),
        };
        out.push((end, may));
        start = end;
    }
    out
}

/// [`sentences`] on characters: the sentences of [`sentence_ends`] (and the text after the
/// last end), each with whether some character of it is a zero word, starts `百分之`, or starts
/// a number and is followed (within the sentence) by what may start a unit.
#[cfg(test)]
fn sentences_by_definition(text: &str) -> Vec<(usize, bool)> {
    let mut ends: Vec<usize> = sentence_ends(text).collect();
    if ends.last().map_or(0, |e| *e) < text.len() {
        ends.push(text.len());
    }
    let mut start = 0;
    ends.into_iter()
        .map(|e| {
            let within = &text[..e];
            let may = within[start..].char_indices().any(|(i, c)| {
                let i = start + i;
                is_zero_word(c)
                    || within[i..].starts_with("百分之")
                    || (numbers::starts_number(c)
                        && numbers::unit_may_follow(within, i + c.len_utf8()))
            });
            start = e;
            (e, may)
        })
        .collect()
}

/// At a character of `within` at byte `i` that [`may_start_statement`]: whether a statement
/// may start or end there (the test of [`sentences_by_definition`] for one character, which
/// [`starts_statement_at_stop`] makes on the bytes).
#[cfg(test)]
fn starts_statement_at(within: &str, i: usize) -> bool {
    let Some(c) = within.get(i..).and_then(|r| r.chars().next()) else {
        return false;
    };
    is_zero_word(c)
        || (c == '百' && within.get(i..).is_some_and(|r| r.starts_with("百分之")))
        || (numbers::starts_number(c) && numbers::unit_may_follow(within, i + c.len_utf8()))
}

/// [`starts_statement_at`] of the three-byte character `b` at byte `i` of `within`, one of
/// [`STOPS`] that ends no sentence: a zero word, or else the start of a number (a test checks
/// them all), which needs what may start a unit after it, or to be the `百` of `百分之`. Told
/// on the bytes, without decoding the character.
#[inline]
fn starts_statement_at_stop(within: &str, i: usize, b: [u8; 3]) -> bool {
    is_zero_word_bytes(b)
        || numbers::unit_may_follow(within, i + 3)
        // 百 E7 99 BE.
        || (b == [0xE7, 0x99, 0xBE]
            && within
                .as_bytes()
                .get(i..)
                .is_some_and(|r| r.starts_with("百分之".as_bytes())))
}

/// Characters every zero said in words holds (`为零`; each negation of [`NEG_VERBAL`] and
/// [`NEG_BARE`] holds 未, 无 or 没): a clause without one holds no zero, and is not read for one.
const ZERO_WORDS: [char; 4] = ['为', '未', '无', '没'];

const fn is_zero_word(c: char) -> bool {
    let mut i = 0;
    while i < ZERO_WORDS.len() {
        if ZERO_WORDS[i] as u32 == c as u32 {
            return true;
        }
        i += 1;
    }
    false
}

/// Whether the three bytes are one of the [`ZERO_WORDS`] (为 E4 B8 BA, 未 E6 9C AA, 无 E6 97 A0,
/// 没 E6 B2 A1): the commonest stops of [`sentences`] after the numerals, told so without a
/// call.
#[inline]
fn is_zero_word_bytes(b: [u8; 3]) -> bool {
    matches!(
        b,
        [0xE4, 0xB8, 0xBA] | [0xE6, 0x9C, 0xAA] | [0xE6, 0x97, 0xA0] | [0xE6, 0xB2, 0xA1]
    )
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?')
}

/// The ends of the sentences of `text` ([`sentence_end`] one after the other). Most paragraphs
/// end their sentences with `。` only: found then by a searcher for it, not byte by byte.
#[cfg(test)]
fn sentence_ends(text: &str) -> impl Iterator<Item = usize> + '_ {
    use memchr::memmem::Finder;
    use std::sync::LazyLock;
    static FINDERS: LazyLock<[Finder<'static>; 3]> =
        LazyLock::new(|| ["。", "！", "？"].map(Finder::new));
    let bytes = text.as_bytes();
    let [period, bang, question] = &*FINDERS;
    let only_periods = memchr::memchr2(b'!', b'?', bytes).is_none()
        && bang.find(bytes).is_none()
        && question.find(bytes).is_none();
    let mut from = 0;
    std::iter::from_fn(move || {
        let end = if only_periods {
            from + period.find(bytes.get(from..)?)? + "。".len()
        } else {
            sentence_end(bytes, from)?
        };
        from = end;
        Some(end)
    })
}

/// The byte just past the first sentence end ([`is_sentence_end`]) at or after byte `from` of
/// `bytes` (UTF-8 text, `from` at a character): found on the bytes, as `。` is E3 80 82, `！`
/// EF BC 81 and `？` EF BC 9F, and lead bytes and ASCII never occur inside another character.
/// (The end [`Builder::sentence`] finds as it reads is this one: asserted there.)
fn sentence_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'!' | b'?' => return Some(i + 1),
            0xE3 if bytes.get(i + 1..i + 3) == Some(&[0x80, 0x82]) => return Some(i + 3),
            0xEF if matches!(bytes.get(i + 1..i + 3), Some(&[0xBC, 0x81 | 0x9F])) => {
                return Some(i + 3);
            }
            _ => i += 1,
        }
    }
    None
}

/// Words a subject may start with that say nothing about what is counted, by their first
/// character `c`: most subjects start with none of these characters, and the others are matched
/// against a few words. A word never comes after a shorter one it starts with, so the first a
/// subject starts with is the longest (tested).
fn lead_fillers(c: char) -> &'static [&'static str] {
    match c {
        '其' => &["其中", "其余"],
        '包' => &["包括"],
        '另' => &["另有", "另外", "另"],
        '此' => &["此外"],
        '同' => &["同时"],
        '共' => &["共计", "共"],
        '合' => &["合计"],
        '累' => &["累计"],
        '总' => &["总计"],
        '全' => &["全年度", "全年", "全市", "全区", "全县", "全镇", "全省"],
        '我' => &[
            "我市", "我区", "我县", "我镇", "我局", "我办", "我委", "我厅", "我院",
        ],
        '本' => &["本机关", "本单位", "本部门", "本级", "本年度"],
        '年' => &["年度"],
        '今' => &["今年"],
        '当' => &["当年"],
        '截' => &["截至目前", "截止目前", "截至年底"],
        '目' => &["目前"],
        '含' => &["含"],
        '均' => &["均"],
        '并' => &["并"],
        '还' => &["还"],
        '又' => &["又"],
        '实' => &["实现"],
        '达' => &["达到"],
        _ => &[],
    }
}

/// Whether a word of [`TRAIL_FILLERS`] ends with `c`.
fn ends_trail_filler(c: char) -> bool {
    matches!(
        c,
        '为' | '了' | '共' | '别' | '到' | '各' | '均' | '有' | '约' | '计' | '达'
    )
}

/// Words a subject may end with before its number.
const TRAIL_FILLERS: &[&str] = &[
    "共计",
    "合计",
    "累计",
    "总计",
    "共有",
    "分别为",
    "分别",
    "达到",
    "达",
    "共",
    "计",
    "为",
    "约",
    "有",
    "了",
    "各",
    "均",
];

/// A subject made only of one of these is too thin: the counted noun follows the figure.
const THIN_SUBJECTS: &[&str] = &[
    "发生",
    "收到",
    "受理",
    "接到",
    "办理",
    "处理",
    "涉及",
    "出现",
    "产生",
    "公开",
    "发布",
    "确定",
    "确定了",
    "设立",
    "建立",
    "开展",
    "举办",
    "组织",
    "印发",
    "制定",
    "有",
    "新增",
    "完成",
    "下达",
];

/// Words that end a list of parts when a figure's clause starts with them (a new total), by
/// their first character `c`: most clauses start with none of these characters, and the others
/// are compared with one word.
fn list_stoppers(c: char) -> &'static [&'static str] {
    match c {
        '另' => &["另"],
        '此' => &["此外"],
        '同' => &["同时"],
        '共' => &["共"],
        '累' => &["累计"],
        '合' => &["合计"],
        '总' => &["总计"],
        '全' => &["全年"],
        _ => &[],
    }
}

/// Negations that need a verb of receiving or happening after them (`未收到`, `未发生`).
const NEG_VERBAL: &[&str] = &["尚未", "并未", "均未", "从未", "暂未", "未曾", "未"];
/// Negations that may take a noun directly (`无行政诉讼情况`, `没有政府信息公开行政复议`).
const NEG_BARE: &[&str] = &["暂无", "尚无", "均无", "并无", "没有", "无"];
/// Words starting with a negation that are not one.
const NOT_NEG: &[&str] = &[
    "无法",
    "无需",
    "无须",
    "无论",
    "无关",
    "无正当",
    "无障碍",
    "无缝",
    "无纸",
    "无偿",
    "无误",
    "无效",
    "无条件",
    "无私",
    "无形",
    "无数",
    "无一",
    "无限",
    "无线",
    "无疑",
    "无意",
    "无力",
    "无碍",
    "无人",
    "未来",
    "未经",
    "未成年",
    "没有现成",
];
/// Verbs after 未 that make the negation a count of zero, and whether each is one of receiving
/// (which lets `申请` mean received requests).
const ZERO_VERBS: &[(&str, bool)] = &[
    ("收到", true),
    ("接到", true),
    ("受理", true),
    ("接收", true),
    ("发生", false),
    ("出现", false),
    ("产生", false),
    ("收取", false),
    ("涉及", false),
    ("提起", false),
    ("办理", false),
    ("被", false),
    ("因", false),
    ("有", true),
];

/// A line of the document inside a paragraph.
struct Seg {
    /// Byte offset of the line in the paragraph text.
    at: usize,
    line: u32,
    len: usize,
}

/// One or more lines read as one paragraph.
struct Para<'a> {
    text: &'a str,
    segs: &'a [Seg],
}

/// Reads the statements of a document, whose lines' records ([`LineInfo`], one a line: what
/// the tokenizing pass found of them, [`crate::tokens::Content::lines`]) say which lines are
/// blank, chrome, page numbers or may be table rows.
pub fn statements(doc: &Document, records: &[LineInfo]) -> Vec<Statement> {
    read_statements(doc, records, false)
}

/// [`statements`], reading every line and every sentence in full when `read_all` (else the
/// lines that are no prose alone are passed over, as are the sentences that hold nothing a
/// statement is made of, [`sentences`]).
fn read_statements(doc: &Document, records: &[LineInfo], read_all: bool) -> Vec<Statement> {
    let mut b = Builder::new(read_all);
    let text = doc.text();
    let mut lines: Vec<(u32, &str)> = Vec::with_capacity(16);
    let mut blanks = 0;
    // (What the blank lines counted says nothing while no paragraph is open: it is read only
    // when a line ends one, and set again when a line opens one. So a line that leaves no
    // paragraph open either, with none open, may set it or not.)
    for (no, record) in (1..).zip(records) {
        match record.kind {
            LineKind::Blank => {
                blanks += 1;
                if blanks > 1 {
                    b.paragraph(&lines);
                    lines.clear();
                }
                continue;
            }
            // Page furniture inside a paragraph (`-1-` between two lines of a PDF): not there.
            LineKind::PageNumber => continue,
            // Chrome (whose page-number test the tokenizer did not make: it may be both, and
            // is then page furniture) and table rows end a paragraph.
            LineKind::Chrome | LineKind::Cells => {
                let line = doc.line(no);
                let chrome = record.kind == LineKind::Chrome;
                if chrome && is_page_number(line) {
                    continue;
                }
                debug_assert_eq!(record.table_row, is_table_row(line));
                if chrome || record.table_row {
                    b.paragraph(&lines);
                    lines.clear();
                    blanks = 0;
                    continue;
                }
            }
            LineKind::Digits | LineKind::Cell => {}
        }
        // Whether the line is known to be prose ([`is_prose`], asked once).
        let mut prose = false;
        if !read_all && lines.is_empty() {
            if !is_prose_line(record, text) {
                // With no paragraph open, a line that is no prose on its own (a label, a value)
                // leaves none open either: a paragraph it began would be too short for the next
                // line to continue ([`continues`] needs twenty characters), and is read as
                // nothing ([`Builder::paragraph`]).
                continue;
            }
            prose = true;
        }
        let line = doc.line(no);
        let joins = lines.last().is_some_and(|(_, prev)| continues(prev, line));
        if !joins {
            b.paragraph(&lines);
            lines.clear();
            if !read_all && !prose && !is_prose_line(record, text) {
                // A paragraph of this line alone would be nothing (as above): none is open.
                continue;
            }
        }
        lines.push((no, line));
        blanks = 0;
    }
    b.paragraph(&lines);
    b.out
}

/// [`is_prose`] of a line that is no blank, chrome, page number or table row: told by the
/// tokenizer, which remembers it with the facts of a line met before ([`LineInfo::prose`]).
#[inline]
fn is_prose_line(record: &LineInfo, text: &str) -> bool {
    debug_assert_eq!(record.prose, is_prose_line_by_text(record, text));
    record.prose
}

/// [`is_prose_line`] by its definition: a plain number is prose by its length alone (ten
/// digits are ten characters, and hold no clause mark); any other line by its trimmed text
/// ([`is_trimmed_prose`]).
fn is_prose_line_by_text(record: &LineInfo, text: &str) -> bool {
    match record.kind {
        LineKind::Digits => record.len >= 10,
        // The record's trimmed text ([`LineInfo::trimmed`]) taken as bytes: what is asked of it
        // is told on its bytes, and a byte slice needs no test of character boundaries.
        _ => {
            let start = record.start as usize;
            let trimmed = text.as_bytes().get(start..start + record.len as usize);
            let trimmed = trimmed.unwrap_or_default();
            debug_assert_eq!(trimmed, record.trimmed(text).as_bytes());
            is_trimmed_prose(trimmed)
        }
    }
}

/// [`is_prose`] of a trimmed text: forty bytes hold ten characters at least, and clause marks
/// are no white space (a trim keeps them all).
pub(crate) fn is_trimmed_prose(trimmed: &[u8]) -> bool {
    trimmed.len() >= 40
        || (trimmed.len() >= 10 && chars_in(trimmed) >= 10)
        || has_mark_byte(trimmed)
}

/// Whether `text` is empty or white space only (`text.trim().is_empty()`): ASCII white space
/// (lines are indented with spaces) stepped over on the bytes, and the rest looked at only
/// where it may start with other white space.
#[inline(always)]
fn is_blank(text: &str) -> bool {
    // Most lines start with a character that is no white space and starts none (an ideograph,
    // a digit): told on their first byte, without a call.
    match text.as_bytes().first() {
        None => true,
        Some(&b) if b > b' ' && !may_start_wide_space(b) => false,
        _ => starts_blank(text),
    }
}

/// [`is_blank`] for a text that may start with white space.
#[inline(never)]
fn starts_blank(text: &str) -> bool {
    let t = text.trim_ascii_start();
    match t.as_bytes().first() {
        None => true,
        // (U+000B is white space, but not ASCII white space to `trim_ascii_start`.)
        Some(&first) => (first == 0x0B || may_start_wide_space(first)) && t.trim_start().is_empty(),
    }
}

/// Whether a character starting with this byte can be white space that is not ASCII: U+0085,
/// U+00A0 (C2), U+1680 (E1), U+2000..=U+205F (E2) or U+3000 (E3).
fn may_start_wide_space(first: u8) -> bool {
    matches!(first, 0xC2 | 0xE1 | 0xE2 | 0xE3)
}

/// Whether the UTF-8 text `b` may start or end with white space ([`char::is_whitespace`]): a
/// superset, told on the first byte and the last bytes (`。`, the end of most lines, shares its
/// lead byte with U+3000, but not its other bytes).
fn may_have_edge_space(b: &[u8]) -> bool {
    let start = b
        .first()
        .is_some_and(|&f| f.is_ascii_whitespace() || f == 0x0B || may_start_wide_space(f));
    let end = match *b {
        [.., last] if last < 0x80 => last.is_ascii_whitespace() || last == 0x0B,
        [.., 0xC2, _] | [.., 0xE1 | 0xE2, _, _] | [.., 0xE3, 0x80, 0x80] => true,
        _ => false,
    };
    start || end
}

/// Whether the UTF-8 text `b` may hold white space ([`char::is_whitespace`]): a byte at or
/// below 0x20 (ASCII white space is) or one that may start other white space
/// ([`may_start_wide_space`]: C2, E1, E2, E3; E0 is let in too). Told eight bytes at a time
/// (the last few as the last eight again), as every subject is asked: a text under eight
/// bytes byte by byte.
fn may_hold_space(b: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Some byte of `x` below `n` (at most 0x80): the test is exact for the word as a whole.
    let below = |x: u64, n: u64| x.wrapping_sub(n * ONES) & !x & HIGH;
    let word = |w: &[u8; 8]| {
        let x = u64::from_le_bytes(*w);
        below(x, 0x21) | below(x ^ (0xC2 * ONES), 1) | below(x ^ (0xE0 * ONES), 4) != 0
    };
    match b.last_chunk::<8>() {
        Some(last) => {
            let (words, _) = b.as_chunks::<8>();
            words.iter().any(word) || word(last)
        }
        None => b
            .iter()
            .any(|&x| x <= 0x20 || x == 0xC2 || (0xE0..=0xE3).contains(&x)),
    }
}

/// Cells separated by tabs or bars: a table row, never prose
/// ([`crate::tokens::has_cell_separator`]). Most lines asked are prose, long and without one:
/// searched for the bytes of the separators, `\t` and `|` together, and `｜` (EF BD 9C) by its
/// first and last bytes ([`FULL_BAR`]), so that the `，` (EF BC 8C) of every clause is passed
/// over, not stopped at.
fn is_table_row(line: &str) -> bool {
    let bytes = line.as_bytes();
    memchr::memchr2(b'\t', b'|', bytes).is_some() || FULL_BAR.find(bytes).is_some()
}

/// A searcher for `｜` (EF BD 9C) that looks first for EF and 9C two bytes apart: EF starts the
/// full-width punctuation of every clause, and 9C ends many ideographs (作 is E4 BD 9C), but
/// the two so placed are rare (`＜`, `｜`).
static FULL_BAR: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| {
        memchr::memmem::FinderBuilder::new().build_forward_with_ranker(BarRank, "｜".as_bytes())
    });

/// The byte ranks [`FULL_BAR`] searches by: EF and 9C the rarest.
struct BarRank;

impl memchr::arch::all::packedpair::HeuristicFrequencyRank for BarRank {
    fn rank(&self, byte: u8) -> u8 {
        match byte {
            0xEF => 0,
            0x9C => 1,
            _ => 255,
        }
    }
}

/// Whether a line starts with part or item numbering (`一、`, `（一）`, `(二)`, `1、`, `2.`).
fn is_heading_start(line: &str) -> bool {
    let t = line.trim_start();
    let mut chars = t.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    // (One match, not a search of a string of the numerals; the character after them looked
    // at in place, not collected.)
    let numeral = |c: char| {
        matches!(
            c,
            '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
        ) || c.is_ascii_digit()
    };
    if first == '（' || first == '(' {
        return chars.next().is_some_and(numeral);
    }
    if numeral(first) {
        return t.trim_start_matches(numeral).starts_with(['、', '.', '．']);
    }
    t.starts_with('第') && t.chars().take(6).any(|c| matches!(c, '部' | '章' | '节'))
}

/// Whether line `next` continues the sentence `prev` left open (a PDF line break). Neither
/// need be trimmed. (The characters of `prev` are counted, and its clause marks looked for, on
/// its bytes: [`chars_in`], [`has_mark_byte`].)
fn continues(prev: &str, next: &str) -> bool {
    let p = crate::scan::trim(prev);
    let Some(last) = p.chars().next_back() else {
        return false;
    };
    !is_sentence_end(last)
        && !matches!(last, '；' | ';' | '：' | ':' | '”' | '）' | ')')
        // (Four bytes per character at most.)
        && (p.len() >= 4 * MIN_WRAPPED_LINE_CHARS
            || chars_in(p.as_bytes()) >= MIN_WRAPPED_LINE_CHARS)
        // A heading line ends a paragraph, unless a sentence runs in after it on the same line
        // (`（一）主动公开情况。2024 年，市政府网站主动公开各类政`, a PDF line).
        && (!is_heading_start(p) || p.contains('。'))
        && !is_heading_start(next)
        && has_mark_byte(p.as_bytes())
}

#[cfg(test)]
fn has_clause_mark(text: &str) -> bool {
    text.chars().any(is_clause_mark)
}

/// Whether a paragraph reads as prose (sentences), not a label or a lone value: ten characters
/// at least once trimmed ([`has_ten_chars`]), or a clause mark ([`has_clause_mark`]).
#[cfg(test)]
fn is_prose_by_definition(text: &str) -> bool {
    has_ten_chars(crate::scan::trim(text)) || has_clause_mark(text)
}

/// [`is_prose_by_definition`] in one pass over the bytes of the trimmed text (clause marks are
/// not white space, so the trim keeps them all), which is under forty bytes when it decides
/// anything: most lines are short labels and values. The marks are told on their bytes: ASCII,
/// `。` E3 80 82, and `，；：！？` EF BC 8C/9B/9A/81/9F.
fn is_prose(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() < 10 {
        // Fewer than ten characters, however trimmed (most such lines are values).
        return has_mark_byte(bytes);
    }
    if bytes.len() < 40 {
        // Under forty bytes trimmed or not: the trim only takes characters away and keeps the
        // marks, so fewer than ten characters untrimmed (most labels) leave the marks to
        // decide; ten or more decide alone where no end may be white space.
        if chars_in(bytes) < 10 {
            return has_mark_byte(bytes);
        }
        if !may_have_edge_space(bytes) {
            return true;
        }
    }
    // Trimmed only where an end may be white space; a clause mark is none, so the trim keeps
    // them all.
    let trimmed = if may_have_edge_space(bytes) {
        // ASCII white space (indentation) first, on the bytes.
        let t = text.trim_ascii();
        if may_have_edge_space(t.as_bytes()) {
            t.trim().as_bytes()
        } else {
            t.as_bytes()
        }
    } else {
        bytes
    };
    trimmed.len() >= 40 || chars_in(trimmed) >= 10 || has_mark_byte(trimmed)
}

/// Whether the UTF-8 text `bytes` holds a clause mark ([`is_clause_mark`]), told on its bytes:
/// ASCII `,;:!?`, `。` E3 80 82, and `，；：！？` EF BC 8C/9B/9A/81/9F (no byte inside a character
/// is ASCII, E3 or EF, so every byte may be looked at). Eight bytes are taken at once, and
/// only those that may start a mark, ASCII below 0x40 (bits 7 and 6 clear), E3 or EF
/// ([`mark_leads`]), are looked at further: most bytes of a label are none, and a label's `、`
/// (E3 80 81) costs one look, not eight. The last few bytes are the last eight, less those
/// already looked at; a text shorter than eight bytes (a value) is looked at byte by byte.
fn has_mark_byte(bytes: &[u8]) -> bool {
    mark_lead_words(bytes, |at, mut may| {
        while may != 0 {
            if mark_at(bytes, at + (may.trailing_zeros() / 8) as usize) {
                return true;
            }
            may &= may - 1;
        }
        false
    })
}

/// Hands `look(at, may)` the bytes of `bytes` that may start a clause mark, eight at a time:
/// `may` has bit 7 set on each byte of the word at byte `at` that does ([`mark_leads`]). The
/// last few bytes come as the last eight, less those already handed; a text shorter than eight
/// bytes comes byte by byte, each marked only when it starts a mark ([`mark_at`]). Stops, and
/// returns `true`, when `look` does.
#[inline(always)]
fn mark_lead_words(bytes: &[u8], mut look: impl FnMut(usize, u64) -> bool) -> bool {
    let mut i = 0;
    while let Some(word) = bytes.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        if look(i, mark_leads(u64::from_le_bytes(*word))) {
            return true;
        }
        i += 8;
    }
    if i == bytes.len() {
        return false;
    }
    match bytes.last_chunk::<8>() {
        Some(word) => {
            // Bytes `bytes.len() - 8 ..`, of which the first `seen` were handed.
            let seen = i + 8 - bytes.len();
            let unseen = u64::MAX << (8 * seen);
            look(
                bytes.len() - 8,
                mark_leads(u64::from_le_bytes(*word)) & unseen,
            )
        }
        None => (0..bytes.len()).any(|j| look(j, u64::from(mark_at(bytes, j)) << 7)),
    }
}

/// The byte just past the last clause mark ([`is_clause_mark`]) of the UTF-8 text `bytes`, 0
/// when it holds none: where `rsplit(is_clause_mark).next()` starts. Found as
/// [`has_mark_byte`] finds one, looking at every byte that may start a mark (a mark is one
/// byte when ASCII, else three).
fn after_last_mark(bytes: &[u8]) -> usize {
    let mut after = 0;
    mark_lead_words(bytes, |at, mut may| {
        while may != 0 {
            let i = at + (may.trailing_zeros() / 8) as usize;
            if mark_at(bytes, i) {
                after = i + if bytes.get(i).is_some_and(u8::is_ascii) {
                    1
                } else {
                    3
                };
            }
            may &= may - 1;
        }
        false
    });
    after
}

/// Bit 7 of each byte of the little-endian word `x` that may start a clause mark
/// ([`has_mark_byte`]): ASCII below 0x40, E3 or EF.
#[inline]
fn mark_leads(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    // Bit 7 of each zero byte of `v`, exactly (no carry crosses a byte: 0x7F + 0x7F < 0x100).
    let zeros = |v: u64| !(((v & LOW7) + LOW7) | v | LOW7);
    (!x & !(x << 1) & HIGH) | zeros(x ^ (0xE3 * ONES)) | zeros(x ^ (0xEF * ONES))
}

/// Whether a clause mark starts at byte `i` of `bytes` ([`has_mark_byte`]).
#[inline]
fn mark_at(bytes: &[u8], i: usize) -> bool {
    match bytes.get(i) {
        Some(b',' | b';' | b':' | b'!' | b'?') => true,
        Some(0xE3) => bytes.get(i + 1..i + 3) == Some(&[0x80, 0x82]),
        Some(0xEF) => matches!(
            bytes.get(i + 1..i + 3),
            Some(&[0xBC, 0x8C | 0x9B | 0x9A | 0x81 | 0x9F])
        ),
        _ => false,
    }
}

/// Whether `text` holds at least ten characters: counted on the bytes that start one (forty
/// bytes hold ten characters at least, as none is longer than four).
#[cfg(test)]
fn has_ten_chars(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() >= 40 || bytes.iter().filter(|b| (**b & 0xC0) != 0x80).count() >= 10
}

/// A figure, zero phrase or list mark found in a sentence, at a byte range of the paragraph.
enum Item {
    Figure(Figure),
    Zero {
        start: usize,
        end: usize,
        meanings: Vec<Meaning>,
        subject: String,
    },
    /// `其中`, `包括`, `，含`.
    Open {
        start: usize,
    },
    /// `（含`, `（其中`, `（包括`.
    OpenParen {
        start: usize,
    },
    Close {
        start: usize,
    },
    /// A bracket that opens no list (`各乡镇（街道）`): its closing bracket closes no list either.
    Paren {
        start: usize,
    },
}

impl Item {
    fn start(&self) -> usize {
        match self {
            Item::Figure(f) => f.start,
            Item::Zero { start, .. }
            | Item::Open { start }
            | Item::OpenParen { start }
            | Item::Close { start }
            | Item::Paren { start } => *start,
        }
    }
}

/// An open list of parts.
struct List {
    wholes: Vec<usize>,
    paren: bool,
}

/// Turns the paragraph's text positions into sources, walking forward once.
struct Cursor {
    seg: usize,
    byte: usize,
    col: u32,
}

#[derive(Default)]
struct Builder {
    out: Vec<Statement>,
    sentence_no: u32,
    paragraph_no: u32,
    /// Buffers [`Builder::sentence`] fills and empties for every sentence, kept to reuse their
    /// memory.
    scratch: Scratch,
    /// The current sentence as its statements store it, once known: every statement of a short
    /// sentence stores the same text, counted and copied once.
    stored: Stored,
    /// Reads every sentence in full, not only those [`sentences`] says may hold a statement,
    /// and every line (for the tests, which compare both).
    read_all: bool,
    /// The text of a paragraph of several lines, joined.
    joined: String,
    /// The lines of the current paragraph, when it has several.
    segs: Vec<Seg>,
}

impl Builder {
    /// A builder whose working lists have room for the sentences and paragraphs of a report
    /// from the start, rather than growing through their first ones.
    fn new(read_all: bool) -> Builder {
        let room = 16;
        Builder {
            read_all,
            out: Vec::with_capacity(room),
            scratch: Scratch {
                marks: Vec::with_capacity(2 * room),
                items: Vec::with_capacity(room),
                figures: Vec::with_capacity(room),
                zero_words: Vec::with_capacity(room),
                cur_figs: Vec::with_capacity(room),
                prev_figs: Vec::with_capacity(room),
            },
            segs: Vec::with_capacity(room),
            ..Builder::default()
        }
    }
}

/// What the statements of the current sentence store as their sentence.
#[derive(Default)]
enum Stored {
    /// Not looked at yet (no statement so far).
    #[default]
    Unknown,
    /// The whole sentence, trimmed.
    Whole(String),
    /// A window around each statement's piece: the sentence is long.
    Windows,
}

/// A sentence's working lists: its clause marks, what was found in it, and its figures' spans.
#[derive(Default)]
struct Scratch {
    marks: Vec<usize>,
    items: Vec<Item>,
    figures: Vec<(usize, usize)>,
    /// Where the sentence holds one of the [`ZERO_WORDS`].
    zero_words: Vec<usize>,
    /// The statements of the sentence's figures (which become the next sentence's previous
    /// figures, whose list is kept here in turn).
    cur_figs: Vec<usize>,
    /// The statements of the previous sentence's figures, for a `其中` at the start of this
    /// one: emptied at each paragraph, and at each sentence that has none.
    prev_figs: Vec<usize>,
}

impl Builder {
    /// Reads the paragraph of `lines`, if any (most calls have none: a line ends no paragraph).
    /// Always inlined, and [`Builder::read_lines`] never: the test of `lines` costs a compare
    /// at each call site, not a call to the large function that reads a paragraph.
    #[inline(always)]
    fn paragraph(&mut self, lines: &[(u32, &str)]) {
        if !lines.is_empty() {
            self.read_lines(lines);
        }
    }

    /// Reads the paragraph of `lines` (one at least).
    #[inline(never)]
    fn read_lines(&mut self, lines: &[(u32, &str)]) {
        match lines {
            // Most paragraphs are one line, and most of those (labels, values) are not prose:
            // decided before anything is built (by the line loop already, unless it reads all
            // lines).
            [(_, line)] if self.read_all && !is_prose(line) => {}
            [(no, line)] => {
                debug_assert!(is_prose(line));
                // (Its one line's place held on the stack: no buffer taken and put back.)
                let seg = Seg {
                    at: 0,
                    line: *no,
                    len: line.len(),
                };
                self.read_paragraph(line, std::slice::from_ref(&seg));
            }
            _ => {
                // The joined text and the lines' places, in buffers kept from paragraph to
                // paragraph.
                let mut joined = std::mem::take(&mut self.joined);
                let mut segs = std::mem::take(&mut self.segs);
                segs.clear();
                joined.clear();
                for (no, line) in lines {
                    segs.push(Seg {
                        at: joined.len(),
                        line: *no,
                        len: line.len(),
                    });
                    joined.push_str(line);
                }
                // Lines join only after a line of twenty characters at least ([`continues`]):
                // the joined text is prose.
                debug_assert!(is_prose(&joined));
                self.read_paragraph(&joined, &segs);
                self.joined = joined;
                self.segs = segs;
            }
        }
    }

    /// Reads the sentences of the prose paragraph `text`, whose lines are `segs`.
    fn read_paragraph(&mut self, text: &str, segs: &[Seg]) {
        self.paragraph_no += 1;
        let para = Para { text, segs };
        let mut cursor = Cursor {
            seg: 0,
            byte: 0,
            col: 1,
        };
        self.scratch.prev_figs.clear();
        let mut start = 0;
        while start < text.len() {
            let scan = if self.read_all {
                Scan::May
            } else {
                scan_sentence(text, start)
            };
            start = match scan {
                Scan::May => self.sentence(&para, start, &mut cursor),
                Scan::Plain(end) => {
                    if text.get(start..end).is_some_and(|t| !is_blank(t)) {
                        // Counted, and nothing here becomes a statement: as the full reading
                        // would leave it, the sentence has no figures for a `其中` of the next
                        // one to refer to (the sentence's own reading is not called).
                        self.sentence_no += 1;
                        self.scratch.prev_figs.clear();
                    }
                    end
                }
            };
        }
    }

    /// Reads the sentence of the paragraph that starts at byte `s`, one that may hold a
    /// statement ([`scan_sentence`]; the others are only counted, by
    /// [`Builder::read_paragraph`]), and returns the byte just past it: its end is found as it
    /// is read, at the first end mark ([`is_sentence_end`], a clause mark), or the end of the
    /// text. Nothing read from a place before the end reaches past it (no number, unit or word
    /// holds an end mark): the reading of a paragraph cut after a sentence is that of the whole
    /// paragraph up to there (tested).
    fn sentence(&mut self, para: &Para<'_>, s: usize, cursor: &mut Cursor) -> usize {
        let text: &str = para.text;
        // Clause marks (positions just after them), for subjects and zero phrases.
        let Scratch {
            mut marks,
            mut items,
            mut figures,
            mut zero_words,
            mut cur_figs,
            mut prev_figs,
        } = std::mem::take(&mut self.scratch);
        marks.clear();
        items.clear();
        figures.clear();
        zero_words.clear();
        marks.push(s);
        let mut last_fig_end = s;
        let bytes = text.as_bytes();
        let mut i = s;
        let e = loop {
            // Nothing starts at an inert ideograph: stepped over on its bytes alone.
            i = skip_inert(bytes, i);
            let Some(rest) = text.get(i..) else {
                break text.len();
            };
            let Some(c) = rest.chars().next() else {
                break text.len();
            };
            let after = &rest[c.len_utf8()..];
            // One look at the character decides which of the (few) words can start here.
            // (Clause marks, brackets and zero words start no number: stepped over at once.)
            match c {
                c if is_clause_mark(c) => {
                    i += c.len_utf8();
                    marks.push(i);
                    if is_sentence_end(c) {
                        break i;
                    }
                    if (c == '，' || c == ',') && after.starts_with('含') {
                        items.push(Item::Open {
                            start: i - c.len_utf8(),
                        });
                    }
                    continue;
                }
                '百' if rest.starts_with("百分之") => {
                    if let Some(f) = numbers::percent_words_at(text, i) {
                        i = f.end;
                        last_fig_end = f.end;
                        items.push(Item::Figure(f));
                        continue;
                    }
                }
                '（' | '(' => {
                    let word = ["含", "其中", "包括"]
                        .into_iter()
                        .find(|w| after.starts_with(w));
                    if let Some(word) = word {
                        // The word is skipped so that 其中 is not seen again as a plain opener.
                        items.push(Item::OpenParen { start: i });
                        i += c.len_utf8() + word.len();
                        continue;
                    }
                    items.push(Item::Paren { start: i });
                    i += c.len_utf8();
                    continue;
                }
                '）' | ')' => {
                    items.push(Item::Close { start: i });
                    i += c.len_utf8();
                    continue;
                }
                c if is_zero_word(c) => {
                    zero_words.push(i);
                    i += c.len_utf8();
                    continue;
                }
                '其' | '包' if rest.starts_with("其中") || rest.starts_with("包括") => {
                    items.push(Item::Open { start: i });
                    i += "其中".len();
                    continue;
                }
                _ => {}
            }
            if numbers::starts_number(c) {
                if let Some(end) = numbers::number_end(text, i) {
                    // Most numbers count nothing (`2022年`, `1月`): read as a figure, value and
                    // all, only where a unit may follow.
                    let figure = if numbers::unit_may_follow(text, end) {
                        numbers::figure_at(text, i)
                    } else {
                        None
                    };
                    if let Some(mut f) = figure {
                        // An approximation word never reaches into the previous figure.
                        f.start = f.start.max(last_fig_end);
                        last_fig_end = f.end;
                        i = f.end.max(i + c.len_utf8());
                        items.push(Item::Figure(f));
                        continue;
                    }
                    i = end.max(i + c.len_utf8());
                    continue;
                }
            }
            i += c.len_utf8();
        };
        debug_assert_eq!(Some(e), sentence_end(bytes, s).or(Some(text.len())));
        if text.get(s..e).is_none_or(is_blank) {
            // (Read in full only: a sentence that may hold something holds a character that is
            // no white space.)
            self.scratch = Scratch {
                marks,
                items,
                figures,
                zero_words,
                cur_figs,
                prev_figs,
            };
            return e;
        }
        self.sentence_no += 1;
        self.stored = Stored::Unknown;
        // The sentence's statements are those pushed from here on.
        let first = self.out.len();
        marks.push(e);
        // Figures are found in order: their spans, for the zeros (clauses without one) and for
        // where each figure's after-text stops (the next figure).
        figures.extend(items.iter().filter_map(|it| match it {
            Item::Figure(f) => Some((f.start, f.end)),
            _ => None,
        }));
        self.zeros(text, &marks, &figures, &zero_words, &mut items);
        items.sort_by_key(Item::start);

        cur_figs.clear();
        let mut stack: Vec<List> = Vec::new();
        let mut plain_parens = 0usize;
        let mut prev_end = s;
        let mut fig_no = 0;
        for item in items.drain(..) {
            match item {
                Item::Open { .. } => {
                    let mut wholes: Vec<usize> = cur_figs
                        .iter()
                        .copied()
                        .filter(|&w| self.out.get(w).is_some_and(|x| x.part_of.is_none()))
                        .collect();
                    if wholes.is_empty() && cur_figs.is_empty() {
                        wholes = prev_figs
                            .iter()
                            .copied()
                            .filter(|&w| self.out.get(w).is_some_and(|x| x.part_of.is_none()))
                            .collect();
                    }
                    stack.clear();
                    if !wholes.is_empty() {
                        stack.push(List {
                            wholes,
                            paren: false,
                        });
                    }
                }
                Item::OpenParen { .. } => {
                    if let Some(&w) = cur_figs.last() {
                        stack.push(List {
                            wholes: vec![w],
                            paren: true,
                        });
                    }
                }
                Item::Paren { .. } => plain_parens += 1,
                Item::Close { .. } => {
                    if plain_parens > 0 {
                        plain_parens -= 1;
                    } else if stack.last().is_some_and(|l| l.paren) {
                        stack.pop();
                    }
                }
                Item::Zero {
                    start,
                    end,
                    meanings,
                    subject,
                } => {
                    for m in meanings {
                        let unit = if m == Meaning::Fees {
                            Unit::Wanyuan
                        } else {
                            Unit::Jian
                        };
                        let st = self.make(
                            para,
                            cursor,
                            (s, e),
                            (start, end),
                            StatementKind::Words,
                            Quantity::exact(0.0),
                            0,
                            unit,
                            subject.clone(),
                        );
                        self.push(Statement {
                            meaning: Some(m),
                            ..st
                        });
                    }
                }
                Item::Figure(f) => {
                    let next_start = figures.get(fig_no + 1).map_or(e, |(st, _)| *st);
                    fig_no += 1;
                    let mark = last_mark(&marks, f.start);
                    let region_start = mark.max(prev_end).max(s);
                    let region = text.get(region_start..f.start).unwrap_or("");
                    let region = tail_chars(region, MAX_SUBJECT_CHARS);
                    // `11条217284人(户)次`: nothing but spaces since the previous figure.
                    let adjacent = prev_end > s && mark <= prev_end && region.trim().is_empty();
                    prev_end = f.end;
                    if f.unit == Unit::Percent {
                        let st = self.percent(para, cursor, (s, e), &f, region, &cur_figs);
                        self.push(st);
                        continue;
                    }
                    let after_end = next_mark(&marks, f.end).min(next_start);
                    let after = text.get(f.end..after_end.max(f.end)).unwrap_or("");
                    let after = head_chars(after, MAX_AFTER_CHARS);
                    let before = clean(region);
                    let classified = f
                        .unit
                        .is_classifier()
                        .then(|| clean(after))
                        .filter(|a| !a.is_empty());
                    let mut subject = if let Some(classified) = classified {
                        classified
                    } else if before.is_empty() && adjacent {
                        // `11条217284人(户)次`: the second figure counts the same thing.
                        cur_figs
                            .last()
                            .and_then(|&p| self.out.get(p))
                            .map(|p| p.subject.clone())
                            .unwrap_or_default()
                    } else if before.is_empty()
                        || before.ends_with('的')
                        || THIN_SUBJECTS.contains(&before.as_str())
                    {
                        clean(&format!("{before}{after}"))
                    } else {
                        before
                    };
                    let reading = meaning::of_figure(&subject, f.unit);
                    let each = region.trim_end().ends_with(['各', '均']);
                    // One reading or two, held without a heap allocation.
                    let readings: [Option<Reading>; 2] = if reading.reviews_and_lawsuits && each {
                        [Meaning::Reviews, Meaning::Lawsuits].map(|m| {
                            Some(Reading {
                                meaning: Some(m),
                                ..Reading::default()
                            })
                        })
                    } else {
                        [Some(reading), None]
                    };
                    let count = readings.iter().flatten().count();
                    let stops = starts_with_stopper(region);
                    for (k, reading) in readings.into_iter().flatten().enumerate() {
                        // The last statement takes the subject, the others a copy.
                        let subject = if k + 1 == count {
                            std::mem::take(&mut subject)
                        } else {
                            subject.clone()
                        };
                        let st = self.make(
                            para,
                            cursor,
                            (s, e),
                            (f.start, f.end),
                            StatementKind::Figure,
                            f.quantity,
                            f.decimals,
                            f.unit,
                            subject,
                        );
                        let mut st = Statement {
                            meaning: reading.meaning,
                            alternatives: reading.alternatives,
                            ..st
                        };
                        let idx = self.out.len();
                        self.attach(&mut st, idx, &mut stack, stops);
                        self.push(st);
                        cur_figs.push(idx);
                    }
                }
            }
        }
        // A short sentence is stored whole by each of its statements: moved into the last,
        // copied into the others (which [`Builder::sentence_text`] left empty).
        if let Stored::Whole(whole) = std::mem::take(&mut self.stored) {
            if let Some((last, others)) = self.out.get_mut(first..).and_then(<[_]>::split_last_mut)
            {
                for st in others {
                    st.sentence.clone_from(&whole);
                }
                last.sentence = whole;
            }
        }
        // The previous figures are these now; their old list is kept for the next sentence's.
        std::mem::swap(&mut prev_figs, &mut cur_figs);
        self.scratch = Scratch {
            marks,
            items,
            figures,
            zero_words,
            cur_figs,
            prev_figs,
        };
        e
    }

    /// Makes `st` (about to be pushed at `idx`) a part of the open list's whole, if it is one.
    fn attach(&mut self, st: &mut Statement, idx: usize, stack: &mut Vec<List>, stops: bool) {
        let Some(top) = stack.last() else {
            return;
        };
        let paren = top.paren;
        if stops && !paren {
            stack.clear();
            return;
        }
        let whole = top
            .wholes
            .iter()
            .rev()
            .copied()
            .find(|&w| self.out.get(w).is_some_and(|x| x.unit.covers(st.unit)));
        let Some(w) = whole else {
            return;
        };
        let mut whole_meaning = self.out.get(w).and_then(|x| x.meaning);
        if st.meaning == Some(Meaning::RequestsCarriedIn)
            && whole_meaning == Some(Meaning::RequestsReceived)
        {
            // `共收到申请12件（含上年结转2件）`: the whole counts last year's requests too.
            if let Some(x) = self.out.get_mut(w) {
                x.meaning = Some(Meaning::RequestsOnHand);
            }
            whole_meaning = Some(Meaning::RequestsOnHand);
        }
        if let Some(m) = st.meaning {
            let admitted = whole_meaning.is_some_and(|wm| wm == m || wm.admits_part(m));
            if m.is_headline() && !admitted {
                // Another headline figure: the list is over.
                if !paren {
                    stack.clear();
                }
                return;
            }
        }
        if st.meaning.is_some() && st.meaning == whole_meaning {
            // A sub-count of the same thing (乡镇…主动公开政府信息1383条 of 主动公开信息8052条).
            st.meaning = None;
            st.alternatives.clear();
        }
        st.part_of = Some(w);
        if let Some(x) = self.out.get_mut(w) {
            x.parts.push(idx);
        }
    }

    fn push(&mut self, st: Statement) {
        self.out.push(st);
    }

    /// A percentage: a share (`占…的88.6%`) of the figure before it, a rate (`答复率100%`), or a
    /// change (`同比增长12%`).
    fn percent(
        &mut self,
        para: &Para<'_>,
        cursor: &mut Cursor,
        sentence: (usize, usize),
        f: &Figure,
        region: &str,
        cur_figs: &[usize],
    ) -> Statement {
        let words: String = region
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .trim_start_matches(|c: char| is_clause_mark(c) || c == '、')
            .to_string();
        let change = [
            "增长", "下降", "提高", "增加", "减少", "上升", "降低", "同比", "环比",
        ]
        .iter()
        .any(|w| words.contains(w));
        let share = ["约占", "占到", "占"]
            .iter()
            .find_map(|p| words.strip_prefix(p))
            .filter(|_| !change);
        let (subject, share_of) = match share {
            Some(of) => {
                let mut of = of.to_string();
                for t in ["的比例", "的比重", "比例", "比重", "的"] {
                    if let Some(x) = of.strip_suffix(t) {
                        of = x.to_string();
                        break;
                    }
                }
                (of, cur_figs.last().copied())
            }
            None => (clean(&words), None),
        };
        let st = self.make(
            para,
            cursor,
            sentence,
            (f.start, f.end),
            StatementKind::Percent,
            f.quantity,
            f.decimals,
            Unit::Percent,
            subject,
        );
        Statement { share_of, ..st }
    }

    /// Zeros said in words, one per clause at most, in clauses without a figure.
    fn zeros(
        &self,
        text: &str,
        marks: &[usize],
        figures: &[(usize, usize)],
        zero_words: &[usize],
        items: &mut Vec<Item>,
    ) {
        let mut fi = 0;
        let mut zi = 0;
        for w in marks.windows(2) {
            let (a, b) = (w[0], w[1]);
            while figures.get(fi).is_some_and(|(_, fe)| *fe <= a) {
                fi += 1;
            }
            if figures.get(fi).is_some_and(|(fs, _)| *fs < b) {
                continue;
            }
            while zero_words.get(zi).is_some_and(|&z| z < a) {
                zi += 1;
            }
            if zero_words.get(zi).is_none_or(|&z| z >= b) {
                // None of the ZERO_WORDS in the clause: no zero in it.
                continue;
            }
            let Some(clause) = text.get(a..b) else {
                continue;
            };
            let from = zi;
            let mut to = zi;
            while zero_words.get(to).is_some_and(|&z| z < b) {
                to += 1;
            }
            let in_clause = zero_words.get(from..to).unwrap_or_default();
            // The scan notes every zero word of the sentence (none is inside what it steps
            // over: numbers, figures, 百分之…, （含, 其中, 包括).
            debug_assert_eq!(
                in_clause.len(),
                clause.chars().filter(|&c| is_zero_word(c)).count()
            );
            if let Some(z) = zero_in(clause, a, in_clause, self.read_all) {
                items.push(z);
            }
        }
    }

    /// The current sentence `s..e` of `text` as stored for the piece `start..end`: whole when
    /// short ([`whole_sentence`], decided and copied at its first statement, and given to the
    /// sentence's statements when it is read: left empty here), else a window around the piece
    /// ([`sentence_window`]).
    fn sentence_text(
        &mut self,
        text: &str,
        s: usize,
        e: usize,
        start: usize,
        end: usize,
    ) -> String {
        if matches!(self.stored, Stored::Unknown) {
            self.stored = whole_sentence(text, s, e).map_or(Stored::Windows, Stored::Whole);
        }
        match &self.stored {
            Stored::Whole(_) => String::new(),
            _ => sentence_window(text, s, e, start, end),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn make(
        &mut self,
        para: &Para<'_>,
        cursor: &mut Cursor,
        (s, e): (usize, usize),
        (start, end): (usize, usize),
        kind: StatementKind,
        quantity: Quantity,
        decimals: u8,
        unit: Unit,
        subject: String,
    ) -> Statement {
        let text = crate::scan::trim(para.text.get(start..end).unwrap_or("")).to_string();
        Statement {
            kind,
            quantity,
            decimals,
            unit,
            subject,
            meaning: None,
            alternatives: Vec::new(),
            parts: Vec::new(),
            part_of: None,
            share_of: None,
            text,
            sentence: self.sentence_text(para.text, s, e, start, end),
            sentence_no: self.sentence_no,
            paragraph_no: self.paragraph_no,
            source: source(para, cursor, start, end),
        }
    }
}

/// The position just after the last clause mark at or before `at`.
fn last_mark(marks: &[usize], at: usize) -> usize {
    let i = marks.partition_point(|&m| m <= at);
    i.checked_sub(1)
        .and_then(|i| marks.get(i))
        .copied()
        .unwrap_or(0)
}

/// The position of the first clause mark after `at` (marks hold positions just after a mark;
/// the mark itself is one character before, and `、` is not a mark, so the after-text of a
/// classifier stops at the next clause mark or figure).
fn next_mark(marks: &[usize], at: usize) -> usize {
    let i = marks.partition_point(|&m| m <= at);
    marks.get(i).copied().unwrap_or(at)
}

/// The last `n` characters of `s`. A text of `n` characters or fewer is all of them: told on its
/// bytes ([`fits_in_chars`]), as most subjects and phrases asked are, without a walk back over
/// its characters.
fn tail_chars(s: &str, n: usize) -> &str {
    if fits_in_chars(s, n) {
        return s;
    }
    match s.char_indices().rev().nth(n.saturating_sub(1)) {
        Some((i, _)) if n > 0 => &s[i..],
        _ => s,
    }
}

/// The first `n` characters of `s` (all of a text that [`fits_in_chars`], as [`tail_chars`]).
fn head_chars(s: &str, n: usize) -> &str {
    if fits_in_chars(s, n) {
        return s;
    }
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// Whether `s` has `n` characters or fewer, where its bytes tell (`n` bytes or fewer, or at
/// most four times `n` bytes counted in characters by [`chars_in`]); `false` for a longer
/// text, which the callers walk.
#[inline]
fn fits_in_chars(s: &str, n: usize) -> bool {
    s.len() <= n || (s.len() <= 4 * n && chars_in(s.as_bytes()) <= n)
}

fn starts_with_stopper(region: &str) -> bool {
    let t =
        region.trim_start_matches(|c: char| c.is_whitespace() || is_clause_mark(c) || c == '、');
    t.chars()
        .next()
        .is_some_and(|c| list_stoppers(c).iter().any(|w| t.starts_with(w)))
}

/// A subject as data: no white space or clause marks, without the leading words that say
/// nothing about what is counted (其中, 共, 全年, 我市, dates) and the trailing ones before a
/// number (共计, 达, 为).
pub(crate) fn clean(s: &str) -> String {
    // Only the last clause counts; white space goes (one allocation, then slices).
    let trimmed = s.trim_end_matches(|c: char| c.is_whitespace() || is_clause_mark(c));
    // (`trimmed.rsplit(is_clause_mark).next()`, on the bytes.)
    let last = trimmed
        .get(after_last_mark(trimmed.as_bytes())..)
        .unwrap_or("");
    // Copied without its white space only when it has some (rarely).
    let unspaced: String;
    let mut rest: &str = if may_hold_space(last.as_bytes()) && last.contains(char::is_whitespace) {
        unspaced = last.chars().filter(|c| !c.is_whitespace()).collect();
        &unspaced
    } else {
        last
    };
    loop {
        let before = rest.len();
        rest = trim_lead_punct(rest);
        let fillers = rest.chars().next().map_or(&[][..], lead_fillers);
        if let Some(f) = first_starting(rest, fillers) {
            rest = &rest[f.len()..];
        }
        rest = strip_leading_date(rest);
        if rest.len() == before {
            break;
        }
    }
    loop {
        let before = rest.len();
        rest = rest.trim_end_matches(['、', '（', '(', '）', ')', '“', '"']);
        let trail = rest.chars().next_back().is_some_and(ends_trail_filler);
        if let Some(f) = trail.then(|| first_ending(rest, TRAIL_FILLERS)).flatten() {
            // 为 ends 行为, 作为, 认为 …: those are words, not a copula before the number.
            let word = f == "为"
                && ["行为", "作为", "认为", "成为", "视为"]
                    .iter()
                    .any(|w| rest.ends_with(w));
            if rest.len() > f.len() && !word {
                rest = &rest[..rest.len() - f.len()];
            }
        }
        if rest.len() == before {
            break;
        }
    }
    rest.to_string()
}

/// Punctuation [`clean`] takes from the front of a subject.
const LEAD_PUNCT: [char; 10] = ['、', '（', '(', '）', ')', '“', '”', '"', '《', '》'];

/// `s` without the [`LEAD_PUNCT`] it starts with: `s` itself where its first byte is the lead
/// byte of a CJK ideograph (E4..=E9), which starts none of them (tested), as most subjects do.
#[inline]
fn trim_lead_punct(s: &str) -> &str {
    match s.as_bytes().first() {
        Some(0xE4..=0xE9) | None => s,
        Some(_) => s.trim_start_matches(LEAD_PUNCT),
    }
}

/// The first of `words` that `s` starts with. Every word starts with a three-byte character
/// (CJK): compared on its bytes before the whole word, as most words of a list start with
/// another.
fn first_starting<'w>(s: &str, words: &[&'w str]) -> Option<&'w str> {
    let head = s.as_bytes().first_chunk::<3>()?;
    words
        .iter()
        .copied()
        .find(|w| w.as_bytes().first_chunk::<3>() == Some(head) && s.starts_with(w))
}

/// The first of `words` that `s` ends with; every word ends with a three-byte character
/// ([`first_starting`] at the other end).
fn first_ending<'w>(s: &str, words: &[&'w str]) -> Option<&'w str> {
    let tail = s.as_bytes().last_chunk::<3>()?;
    words
        .iter()
        .copied()
        .find(|w| w.as_bytes().last_chunk::<3>() == Some(tail) && s.ends_with(w))
}

/// `2017年度`, `2020年`, `二〇一七年` at the start of a subject.
fn strip_leading_date(s: &str) -> &str {
    let digits = s
        .char_indices()
        .take_while(|(_, c)| {
            c.is_ascii_digit()
                || ('０'..='９').contains(c)
                || matches!(
                    c,
                    '〇' | '零' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九'
                )
        })
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    if digits == 0 {
        return s;
    }
    let rest = &s[digits..];
    for y in ["年度", "年"] {
        if let Some(r) = rest.strip_prefix(y) {
            return r;
        }
    }
    s
}

/// A zero said in words in `clause` (which starts at paragraph byte `at`, and holds the
/// [`ZERO_WORDS`] at paragraph bytes `zero_words`, all of them).
fn zero_in(clause: &str, at: usize, zero_words: &[usize], read_all: bool) -> Option<Item> {
    // `…为零`, `…均为0`: the clause before it names what is zero.
    for word in ["为零", "为0", "为０"] {
        // `clause.find(word)`: every word starts with 为, one of the zero words.
        let first = zero_words
            .iter()
            .map(|z| z.saturating_sub(at))
            .find(|&i| clause.get(i..).is_some_and(|r| r.starts_with(word)));
        if let Some(i) = first {
            let after = &clause[i + word.len()..];
            let ends = after
                .chars()
                .next()
                .is_none_or(|c| is_clause_mark(c) || c.is_whitespace());
            if ends {
                let phrase = tail_chars(&clause[..i], MAX_ZERO_PHRASE_CHARS);
                let subject = clean(phrase);
                let meanings = meaning::of_zero(&subject, true);
                if !meanings.is_empty() {
                    let lead = clause.len()
                        - clause
                            .trim_start_matches(|c: char| c.is_whitespace() || is_clause_mark(c))
                            .len();
                    let start = at + lead.max(i - phrase.len());
                    return Some(Item::Zero {
                        start,
                        end: at + i + word.len(),
                        meanings,
                        subject,
                    });
                }
            }
        }
    }
    if read_all {
        // Every character looked at.
        return clause
            .char_indices()
            .find_map(|(i, c)| negation_at(clause, at, i, c));
    }
    // A negation starts at one of the zero words (未, 无, 没) or at 尚, 并, 均, 从 or 暂 just
    // before one (尚未, 暂无 …): only those places are looked at, in order (the character
    // before a zero word comes after the zero word before it).
    zero_words.iter().find_map(|&z| {
        let i = z.checked_sub(at)?;
        let before = i.checked_sub("尚".len()).and_then(|p| {
            let c = clause.get(p..i)?.chars().next()?;
            negation_at(clause, at, p, c)
        });
        before.or_else(|| negation_at(clause, at, i, clause.get(i..)?.chars().next()?))
    })
}

/// A zero said by a negation starting at byte `i` of `clause` (which starts at paragraph byte
/// `at`), at its character `c` ([`zero_in`]).
fn negation_at(clause: &str, at: usize, i: usize, c: char) -> Option<Item> {
    if !matches!(c, '未' | '无' | '没' | '尚' | '并' | '均' | '从' | '暂') {
        return None;
    }
    let rest = clause.get(i..)?;
    // The negation first, then the words that start like one and are none (no negation, no
    // zero, either way): most characters asked start no negation, and are not compared with
    // the many words that are none.
    let (neg, bare) = if let Some(w) = NEG_BARE.iter().find(|w| rest.starts_with(*w)) {
        (*w, true)
    } else {
        (*NEG_VERBAL.iter().find(|w| rest.starts_with(*w))?, false)
    };
    if NOT_NEG.iter().any(|w| rest.starts_with(w)) {
        return None;
    }
    let after = &rest[neg.len()..];
    let after = after.strip_prefix(['再', '曾']).unwrap_or(after);
    let head = after.as_bytes().first_chunk::<3>();
    let verb = ZERO_VERBS
        .iter()
        .find(|(v, _)| v.as_bytes().first_chunk::<3>() == head && after.starts_with(v));
    let received = match (verb, bare) {
        (Some((_, r)), _) => *r,
        (None, true) => true,
        (None, false) => return None,
    };
    let phrase = head_chars(after, MAX_ZERO_PHRASE_CHARS)
        .trim_end_matches(|c: char| is_clause_mark(c) || c.is_whitespace());
    // What is zero is the noun phrase after the verb (收到 政府信息公开申请).
    let noun = verb.map_or(phrase, |(v, _)| phrase.strip_prefix(v).unwrap_or(phrase));
    let subject = clean(noun);
    let meanings = meaning::of_zero(&subject, received);
    if meanings.is_empty() {
        return None;
    }
    let end = i + (rest.len() - after.len()) + phrase.len();
    Some(Item::Zero {
        start: at + i,
        end: at + end,
        meanings,
        subject,
    })
}

/// The sentence `s..e` of `text` as stored when it is short (whole, trimmed; empty when the
/// bounds are not in the text), `None` when it is long: its statements store a window around
/// their pieces.
fn whole_sentence(text: &str, s: usize, e: usize) -> Option<String> {
    let Some(sentence) = text.get(s..e) else {
        return Some(String::new());
    };
    // Counted on the bytes ([`chars_in`]), and not at all where the bytes decide (a character
    // is one to four bytes).
    let short = sentence.len() <= MAX_SENTENCE_CHARS
        || (sentence.len() <= 4 * MAX_SENTENCE_CHARS
            && chars_in(sentence.as_bytes()) <= MAX_SENTENCE_CHARS);
    short.then(|| crate::scan::trim(sentence).to_string())
}

/// A long sentence `s..e` of `text` as stored for the piece `start..end`: a window around it.
fn sentence_window(text: &str, s: usize, e: usize, start: usize, end: usize) -> String {
    let before = text.get(s..start.max(s)).unwrap_or("");
    let before = tail_chars(before, SENTENCE_WINDOW_CHARS);
    let piece = text.get(start..end.min(e)).unwrap_or("");
    let after = text.get(end.min(e)..e).unwrap_or("");
    let after = head_chars(after, SENTENCE_WINDOW_CHARS);
    let mut out = String::new();
    if before.len() < start.saturating_sub(s) {
        out.push('…');
    }
    out.push_str(before);
    out.push_str(piece);
    out.push_str(after);
    if after.len() < e.saturating_sub(end) {
        out.push('…');
    }
    crate::scan::trim(&out).to_string()
}

/// The source of paragraph bytes `start..end`: its line, and columns counted in characters from
/// the cursor, which only moves forward (pieces come in order), so a long line is walked once.
fn source(para: &Para<'_>, cursor: &mut Cursor, start: usize, end: usize) -> Source {
    while para
        .segs
        .get(cursor.seg + 1)
        .is_some_and(|next| next.at <= start)
    {
        cursor.seg += 1;
        cursor.byte = para.segs.get(cursor.seg).map_or(0, |s| s.at);
        cursor.col = 1;
    }
    let Some(seg) = para.segs.get(cursor.seg) else {
        return Source::None;
    };
    if start < cursor.byte {
        // Pieces of one position (a figure read twice) or a piece starting before the last:
        // count from the line's start.
        cursor.byte = seg.at;
        cursor.col = 1;
    }
    let text: &str = para.text;
    cursor.col += text
        .get(cursor.byte..start)
        .map_or(0, |t| chars_in(t.as_bytes())) as u32;
    cursor.byte = start;
    let line_end = seg.at + seg.len;
    let piece = text.get(start..end.min(line_end)).unwrap_or("");
    let line = text.get(seg.at..line_end).unwrap_or("");
    let trimmed = crate::scan::trim(piece);
    // The piece is alone on its line when the trimmed line is the trimmed piece: when what is
    // around the piece on the line is white space (told on its first byte, as most such text
    // starts with a character that is none), without trimming the whole line.
    let alone = !trimmed.is_empty() && {
        let from = (trimmed.as_ptr() as usize).wrapping_sub(line.as_ptr() as usize);
        let to = from + trimmed.len();
        line.get(..from).is_some_and(is_blank) && line.get(to..).is_some_and(is_blank)
    };
    debug_assert_eq!(
        alone,
        !trimmed.is_empty() && trimmed == crate::scan::trim(line)
    );
    Source::Text {
        line: seg.line,
        column: cursor.col,
        len: chars_in(piece.as_bytes()) as u32,
        alone,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lead_punct_starts_with_no_ideograph_lead_byte() {
        for c in LEAD_PUNCT {
            let mut buf = [0u8; 4];
            let first = c.encode_utf8(&mut buf).as_bytes()[0];
            assert!(!(0xE4..=0xE9).contains(&first), "{c}");
        }
    }

    #[test]
    fn head_and_tail_chars_are_the_walks() {
        for unit in ["a", "é", "规", "𠀀", "a规é𠀀\u{3000}"] {
            for count in 0..50 {
                let s = unit.repeat(count);
                for n in [0usize, 1, 2, 3, 24, 40, 60] {
                    let by_walk_tail = match s.char_indices().rev().nth(n.saturating_sub(1)) {
                        Some((i, _)) if n > 0 => &s[i..],
                        _ => &s[..],
                    };
                    let by_walk_head = match s.char_indices().nth(n) {
                        Some((i, _)) => &s[..i],
                        None => &s[..],
                    };
                    assert_eq!(tail_chars(&s, n), by_walk_tail, "{s} {n}");
                    assert_eq!(head_chars(&s, n), by_walk_head, "{s} {n}");
                }
            }
        }
    }

    fn read(text: &str) -> Vec<Statement> {
        let doc = Document::new(text.to_string());
        statements(&doc, &records_with_chrome(&doc, |_| false))
    }

    /// The line loop of [`read_statements`] as first written, on the lines themselves (which
    /// `skip` says are chrome), not their records: the definition the loop over the records is
    /// tied to.
    fn read_statements_by_lines(
        doc: &Document,
        skip: &dyn Fn(u32) -> bool,
        read_all: bool,
    ) -> Vec<Statement> {
        let mut b = Builder::new(read_all);
        let mut lines: Vec<(u32, &str)> = Vec::new();
        let mut blanks = 0;
        for (no, line) in doc.lines() {
            if is_blank(line) {
                blanks += 1;
                if blanks > 1 {
                    b.paragraph(&lines);
                    lines.clear();
                }
                continue;
            }
            let mut prose = false;
            if !read_all && lines.is_empty() {
                if !is_prose(line) {
                    continue;
                }
                prose = true;
            }
            if is_page_number(line) {
                continue;
            }
            if skip(no) || is_table_row(line) {
                b.paragraph(&lines);
                lines.clear();
                blanks = 0;
                continue;
            }
            let joins = lines.last().is_some_and(|(_, prev)| continues(prev, line));
            if !joins {
                b.paragraph(&lines);
                lines.clear();
                if !read_all && !prose && !is_prose(line) {
                    continue;
                }
            }
            lines.push((no, line));
            blanks = 0;
        }
        b.paragraph(&lines);
        b.out
    }

    /// The records of `doc`'s lines, with the lines `chrome` says chrome and no others (a line
    /// chrome by its definition and said not to be is then what the other tests make of it:
    /// page furniture, or maybe a table row).
    fn records_with_chrome(doc: &Document, chrome: impl Fn(u32) -> bool) -> Vec<LineInfo> {
        let mut records = LineInfo::of_document(doc);
        for (no, (r, (_, line))) in (1..).zip(records.iter_mut().zip(doc.lines())) {
            if chrome(no) && r.kind != LineKind::Blank {
                r.kind = LineKind::Chrome;
            } else if r.kind == LineKind::Chrome {
                r.kind = if is_page_number(line) {
                    LineKind::PageNumber
                } else {
                    LineKind::Cells
                };
            }
        }
        records
    }

    fn brief(all: &[Statement]) -> Vec<String> {
        all.iter()
            .map(|s| {
                format!(
                    "{} {}{} [{}] {}{}",
                    s.text,
                    s.quantity,
                    s.unit,
                    s.subject,
                    s.meaning.map_or("-", |m| m.key()),
                    s.part_of.map_or(String::new(), |p| format!(" ⊂{p}"))
                )
            })
            .collect()
    }

    proptest::proptest! {
        /// The byte scans agree with their definitions on characters.
        #[test]
        fn byte_scans_agree_with_chars(text in "[a-z0-9 !?,;:。！？，、一十百其中（）\\u{3000}\\u{FF01}-\\u{FF5E}\\u{3001}-\\u{3010}]{0,30}") {
            let ends: Vec<usize> = text
                .char_indices()
                .filter(|(_, c)| is_sentence_end(*c))
                .map(|(i, c)| i + c.len_utf8())
                .collect();
            let mut found = Vec::new();
            let mut from = 0;
            while let Some(end) = sentence_end(text.as_bytes(), from) {
                found.push(end);
                from = end;
            }
            proptest::prop_assert_eq!(&found, &ends);
            let all: Vec<usize> = sentence_ends(&text).collect();
            proptest::prop_assert_eq!(all, ends);
            proptest::prop_assert_eq!(has_ten_chars(&text), text.chars().take(10).count() >= 10);
            proptest::prop_assert_eq!(is_prose(&text), is_prose_by_definition(&text));
            proptest::prop_assert_eq!(chars_in(text.as_bytes()), text.chars().count());
            proptest::prop_assert_eq!(has_mark_byte(text.as_bytes()), has_clause_mark(&text));
            let last = text.rsplit(is_clause_mark).next().unwrap_or("");
            proptest::prop_assert_eq!(after_last_mark(text.as_bytes()), text.len() - last.len());
        }
    }

    /// Pieces of prose the generated texts are made of: numbers with and without units,
    /// approximations, zeros said in words, list openers, brackets, clause and sentence marks,
    /// spaces and line breaks.
    const PIECES: &[&str] = &[
        "2023",
        "年",
        "12",
        "件",
        "条",
        "一",
        "十一",
        "百",
        "百分之",
        "五十",
        "%",
        "％",
        "８",
        "余",
        "多",
        "近",
        "约",
        " ",
        "\u{3000}",
        "万",
        "万元",
        "元",
        "人次",
        "个",
        "次日",
        "未收到",
        "政府信息公开申请",
        "无",
        "没有",
        "未发生",
        "行政复议",
        "行政诉讼",
        "为零",
        "为",
        "均",
        "其中",
        "包括",
        "（含",
        "（",
        "）",
        "(",
        ")",
        "，",
        "、",
        "；",
        "：",
        "。",
        "！",
        "?",
        "\n",
        "\n\n",
        "共",
        "收到",
        "主动公开",
        "信息",
        "办结",
        "占",
        "的",
        "第",
        "上年结转",
        "予以公开",
        "答复率",
        "1.5",
        "1,234",
        "-3-",
        "\t",
        "各",
        "\n- 3 -\n",
        "\n第 2 页\n",
        "|",
        "一、",
        "（一）",
        "2.",
        "\n\n\n",
        "本年新收政府信息公开申请数量",
        "｜",
        "＜",
        "  ",
        "\u{85}",
        "\u{b}",
        "0123456789",
        "\n登录 | 注册\n",
        "工作",
        "尚",
        "暂无",
        "无法",
        "我局认真贯彻落实条例和上级关于政务公开工作的部署要求",
        "？",
        "!",
        "丂",
        "丟",
        "＂",
        "も",
        "ａ",
    ];

    proptest::proptest! {
        /// [`sentences`] says what its definition says, and a sentence or line passed over
        /// holds nothing the full reading would make a statement of: the statements of a text
        /// are the same either way.
        #[test]
        fn sentences_passed_over_state_nothing(picks in proptest::collection::vec(0usize..1000, 0..40)) {
            let text: String = picks.iter().map(|i| PIECES[i % PIECES.len()]).collect();
            proptest::prop_assert_eq!(sentences(&text), sentences_by_definition(&text), "{:?}", text);
            let doc = Document::new(text.clone());
            // No line chrome, then some: the loop over the records reads what the loop over
            // the lines reads, in full or not.
            for chrome in [|_: u32| false, |no: u32| no % 5 == 2] {
                let records = records_with_chrome(&doc, chrome);
                let quick = read_statements(&doc, &records, false);
                let full = read_statements(&doc, &records, true);
                proptest::prop_assert_eq!(format!("{quick:?}"), format!("{full:?}"), "{:?}", text);
                let by_lines = read_statements_by_lines(&doc, &chrome, false);
                proptest::prop_assert_eq!(format!("{quick:?}"), format!("{by_lines:?}"), "{:?}", text);
            }
        }
    }

    /// The statements of the paragraph `text` (one line), in full or not, and how many
    /// sentences it counted.
    fn read_paragraph_alone(text: &str, read_all: bool) -> (Vec<Statement>, u32) {
        let mut b = Builder::new(read_all);
        let segs = [Seg {
            at: 0,
            line: 1,
            len: text.len(),
        }];
        b.read_paragraph(text, &segs);
        (b.out, b.sentence_no)
    }

    proptest::proptest! {
        /// A sentence's reading finds its end as it reads, in the whole paragraph: what it
        /// reads stays within the sentence, as when the paragraph ended there. The statements
        /// of a paragraph cut after any of its sentences are those of the whole paragraph's
        /// sentences up to there (less the parts a `其中` of the next sentence adds).
        #[test]
        fn a_sentence_reads_nothing_past_its_end(picks in proptest::collection::vec(0usize..1000, 0..40)) {
            let text: String = picks
                .iter()
                .map(|i| PIECES[i % PIECES.len()])
                .filter(|p| !p.contains('\n'))
                .collect();
            for read_all in [false, true] {
                let (whole, _) = read_paragraph_alone(&text, read_all);
                for end in sentence_ends(&text) {
                    let (mut cut, counted) = read_paragraph_alone(&text[..end], read_all);
                    let n = cut.len();
                    let mut head: Vec<Statement> = whole.iter().take(n).cloned().collect();
                    for st in head.iter_mut().chain(cut.iter_mut()) {
                        st.parts.retain(|&p| p < n);
                    }
                    proptest::prop_assert_eq!(format!("{head:?}"), format!("{cut:?}"), "{:?} cut at {}", text, end);
                    proptest::prop_assert!(whole.get(n).is_none_or(|st| st.sentence_no > counted), "{:?}", text);
                }
            }
        }
    }

    proptest::proptest! {
        /// [`skip_inert`] (two characters at a time, then one) stops at the first character
        /// that is not told inert: ASCII or U+2000..=U+9FFF, and [`is_inert`].
        #[test]
        fn skip_inert_stops_at_the_first_live_character(text in "[a-z0-9 ,（）一二为其百包的工作公开申请政府、“”\u{4E00}-\u{4E20}\u{FF01}-\u{FF20}]{0,40}") {
            let live = |c: char| !((c.is_ascii() || ('\u{2000}'..='\u{9FFF}').contains(&c)) && is_inert(c));
            let first = text.char_indices().find(|&(_, c)| live(c)).map_or(text.len(), |(i, _)| i);
            proptest::prop_assert_eq!(skip_inert(text.as_bytes(), 0), first, "{:?}", text);
        }
    }

    /// [`is_heading_start`] as first written (numerals searched in a string, the character
    /// after them collected).
    fn is_heading_start_by_definition(line: &str) -> bool {
        let t = line.trim_start();
        let mut chars = t.chars();
        let Some(first) = chars.next() else {
            return false;
        };
        let numeral = |c: char| "一二三四五六七八九十".contains(c) || c.is_ascii_digit();
        if first == '（' || first == '(' {
            return chars.next().is_some_and(numeral);
        }
        if numeral(first) {
            let rest: String = t.chars().skip_while(|c| numeral(*c)).take(1).collect();
            return matches!(rest.as_str(), "、" | "." | "．");
        }
        t.starts_with('第') && t.chars().take(6).any(|c| matches!(c, '部' | '章' | '节'))
    }

    proptest::proptest! {
        #[test]
        fn heading_starts_as_first_written(text in "[ 一二三十百0-9a、.．,（()）第部章节总体情况]{0,12}") {
            proptest::prop_assert_eq!(is_heading_start(&text), is_heading_start_by_definition(&text), "{:?}", text);
        }
    }

    /// [`continues`] as it reads on characters.
    fn continues_by_definition(prev: &str, next: &str) -> bool {
        let p = crate::scan::trim(prev);
        let Some(last) = p.chars().last() else {
            return false;
        };
        !is_sentence_end(last)
            && !matches!(last, '；' | ';' | '：' | ':' | '”' | '）' | ')')
            && p.chars().take(MIN_WRAPPED_LINE_CHARS).count() >= MIN_WRAPPED_LINE_CHARS
            && (!is_heading_start(p) || p.contains('。'))
            && !is_heading_start(next)
            && has_clause_mark(p)
    }

    proptest::proptest! {
        /// Lines are joined, and table rows told, on their bytes as on their characters.
        #[test]
        fn lines_on_bytes(picks in proptest::collection::vec(0usize..1000, 0..60)) {
            let text: String = picks.iter().map(|i| PIECES[i % PIECES.len()]).collect();
            let lines: Vec<&str> = text.lines().collect();
            for pair in lines.windows(2) {
                proptest::prop_assert_eq!(
                    continues(pair[0], pair[1]),
                    continues_by_definition(pair[0], pair[1]),
                    "{:?}", pair
                );
            }
            for line in lines {
                proptest::prop_assert_eq!(
                    is_table_row(line),
                    crate::tokens::has_cell_separator(line),
                    "{:?}", line
                );
            }
        }

        /// The search for bars finds them among what looks like them.
        #[test]
        fn table_rows_on_bytes(text in "[a|\t ，作＜｜\u{FF5B}\u{FF5D}\u{4F5C}\u{7D5C}]{0,40}") {
            proptest::prop_assert_eq!(is_table_row(&text), crate::tokens::has_cell_separator(&text));
        }
    }

    proptest::proptest! {
        /// The byte-level tests of white space and prose say what their definitions say.
        #[test]
        fn blanks_and_prose_on_bytes(text in "[ \t\n\r\u{b}\u{c}\u{85}\u{a0}\u{1680}\u{2000}\u{200b}\u{201c}\u{3000}\u{3001}\u{2f00}a0一，。：\\-—–－第页3]{0,16}") {
            proptest::prop_assert_eq!(is_blank(&text), text.trim().is_empty());
            proptest::prop_assert_eq!(is_prose(&text), is_prose_by_definition(&text));
            let edge = text.starts_with(char::is_whitespace) || text.ends_with(char::is_whitespace);
            proptest::prop_assert!(!text.contains(char::is_whitespace) || may_hold_space(text.as_bytes()));
            let spaced = |x: &u8| *x <= 0x20 || *x == 0xC2 || (0xE0..=0xE3).contains(x);
            for from in 0..text.len() {
                let bytes = text.as_bytes().get(from..).unwrap_or_default();
                proptest::prop_assert_eq!(may_hold_space(bytes), bytes.iter().any(spaced));
            }
            proptest::prop_assert!(!edge || may_have_edge_space(text.as_bytes()));
        }
    }

    /// The word-at-a-time search for clause marks finds one at every place of texts of every
    /// length up to past four words, among characters that look like marks and are none.
    #[test]
    fn clause_marks_found_at_every_place() {
        let marks = [",", ";", ":", "!", "?", "。", "，", "；", "：", "！", "？"];
        for filler in ["a", "1", "一", "、", "＜", "\u{FF0B}", "é"] {
            for n in 0..40 {
                let plain = filler.repeat(n);
                assert!(!has_mark_byte(plain.as_bytes()), "{plain:?}");
                for k in 0..=n {
                    for mark in marks {
                        let text = format!("{}{mark}{}", filler.repeat(k), filler.repeat(n - k));
                        assert!(has_mark_byte(text.as_bytes()), "{text:?}");
                        let last = text.rsplit(is_clause_mark).next().unwrap_or("");
                        assert_eq!(after_last_mark(text.as_bytes()), text.len() - last.len());
                        assert_eq!(has_mark_byte(text.as_bytes()), has_clause_mark(&text));
                    }
                }
            }
        }
    }

    #[test]
    fn white_space_is_told_on_its_bytes() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if c.is_whitespace() {
                let mut buf = [0u8; 4];
                let b = c.encode_utf8(&mut buf).as_bytes();
                assert!(c.is_ascii() || may_start_wide_space(b[0]), "{c:?}");
                for text in [format!("{c}"), format!("{c}一"), format!("一{c}")] {
                    assert!(may_have_edge_space(text.as_bytes()), "{c:?}");
                }
            }
        }
    }

    #[test]
    fn statement_starts_are_read_on_their_bytes() {
        // [`sentences`] looks further at ASCII digits, `!`, `?` and the three-byte characters
        // of its table only: every character that may start a statement or ends a sentence is
        // one of those.
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let in_table = match *c.encode_utf8(&mut buf).as_bytes() {
                [b0, b1, b2] => three_byte_bit(&STOPS, b0, b1, b2),
                _ => false,
            };
            let stop = may_start_statement(c) || is_sentence_end(c);
            assert_eq!(
                stop,
                in_table || c.is_ascii_digit() || c == '!' || c == '?',
                "{c}"
            );
        }
    }

    /// The zero words told on their bytes are the zero words, among all three-byte characters;
    /// every other stop that ends no sentence starts a number, and whether a statement may
    /// start there is told on its bytes as on the character, whatever follows it.
    #[test]
    fn zero_words_and_stops_on_their_bytes() {
        for c in ('\u{800}'..='\u{FFFF}').filter(|c| c.len_utf8() == 3) {
            let mut b = [0u8; 3];
            c.encode_utf8(&mut b);
            assert_eq!(is_zero_word_bytes(b), is_zero_word(c), "{c}");
            let [b0, b1, b2] = b;
            if !three_byte_bit(&STOPS, b0, b1, b2) || matches!(c, '。' | '！' | '？') {
                continue;
            }
            assert!(is_zero_word(c) || numbers::starts_number(c), "{c}");
            for after in [
                "",
                "件",
                "分之",
                "分之五",
                " 余件",
                "余",
                "年",
                "%",
                "是",
                "百分之",
            ] {
                let text = format!("a{c}{after}");
                assert_eq!(
                    starts_statement_at_stop(&text, 1, b),
                    starts_statement_at(&text, 1),
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn marks_brackets_and_zero_words_start_no_number() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if is_clause_mark(c) || matches!(c, '（' | '(' | '）' | ')') || is_zero_word(c) {
                assert!(!numbers::starts_number(c), "{c}");
            }
        }
    }

    #[test]
    fn every_zero_in_words_holds_a_zero_word() {
        for w in NEG_VERBAL
            .iter()
            .chain(NEG_BARE)
            .chain(&["为零", "为0", "为０"])
        {
            assert!(w.contains(ZERO_WORDS), "{w}");
        }
    }

    #[test]
    fn inert_characters_start_nothing() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let skipped = skip_inert(c.encode_utf8(&mut buf).as_bytes(), 0);
            let inert = skipped > 0;
            // Stepped over: the inert characters of ASCII and of U+2000..=U+9FFF, no other.
            let told = c.is_ascii() || ('\u{2000}'..='\u{9FFF}').contains(&c);
            assert_eq!(inert, told && is_inert(c), "{c}");
            if is_plain_ideograph(c) && !ZERO_WORDS.contains(&c) {
                assert!(inert, "{c} is plain");
            }
            if inert {
                assert_eq!(skipped, c.len_utf8(), "{c}");
                assert!(
                    !is_clause_mark(c)
                        && !starts_a_word(c)
                        && !matches!(c, '（' | '(' | '）' | ')')
                        && !ZERO_WORDS.contains(&c),
                    "{c} starts something"
                );
            }
        }
    }

    /// [`negation_at`] compares the verbs after a negation on their first three bytes before
    /// the whole word: every verb starts with a three-byte character.
    #[test]
    fn zero_verbs_start_with_three_bytes() {
        for (w, _) in ZERO_VERBS {
            assert_eq!(w.chars().next().map(char::len_utf8), Some(3), "{w}");
        }
    }

    #[test]
    fn filler_shortcuts_are_the_lists_first_and_last_characters() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            // [`first_starting`] and [`first_ending`] compare a word's first and last three bytes.
            if !lead_fillers(c).is_empty() || TRAIL_FILLERS.iter().any(|f| f.starts_with(c)) {
                assert_eq!(c.len_utf8(), 3, "{c}");
            }
            if TRAIL_FILLERS.iter().any(|f| f.ends_with(c)) {
                assert_eq!(c.len_utf8(), 3, "{c}");
            }
            let trail = TRAIL_FILLERS.iter().any(|f| f.ends_with(c));
            assert_eq!(ends_trail_filler(c), trail, "{c}");
        }
    }

    /// The words [`lead_fillers`] and [`list_stoppers`] keep under a character start with it,
    /// and none comes after a shorter word it starts with: the first a text starts with is the
    /// longest.
    #[test]
    fn words_by_first_character_are_well_formed() {
        let mut seen = 0;
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            for words in [lead_fillers(c), list_stoppers(c)] {
                for (i, w) in words.iter().enumerate() {
                    seen += 1;
                    assert!(w.starts_with(c), "{w} under {c}");
                    let shorter_before = words.iter().take(i).find(|v| w.starts_with(**v));
                    assert_eq!(shorter_before, None, "{w} after a word it starts with");
                }
            }
        }
        // (Every word was looked at, under its first character: 48 fillers, 8 stoppers.)
        assert_eq!(seen, 48 + 8);
    }

    #[test]
    fn clean_subjects() {
        assert_eq!(clean("2017年度,我市主动公开信息"), "主动公开信息");
        assert_eq!(
            clean("我市共收到依申请公开信息申请"),
            "收到依申请公开信息申请"
        );
        assert_eq!(
            clean("其中,乡镇人民政府(开发区)、办事处主动公开政府信息"),
            "乡镇人民政府(开发区)、办事处主动公开政府信息"
        );
        assert_eq!(clean("、陈店乡"), "陈店乡");
        assert_eq!(
            clean("乡镇政府(办事处)权责清单事项总计"),
            "乡镇政府(办事处)权责清单事项"
        );
        assert_eq!(clean("全年共公开信息"), "公开信息");
    }

    #[test]
    fn parts_and_shares_in_one_paragraph() {
        let s = read("2017年度,我市主动公开信息8052条。其中,乡镇人民政府(开发区)、办事处主动公开政府信息1383条,市政府有关部门主动公开政府信息6669条。全市通过政府网站公开信息7136条,占主动公开政府信息总数的88.6%。");
        let b = brief(&s);
        assert_eq!(b[0], "8052条 8052条 [主动公开信息] proactive_total");
        assert_eq!(s[0].parts, vec![1, 2]);
        assert_eq!(s[1].part_of, Some(0));
        assert_eq!(s[1].meaning, None);
        assert_eq!(s[3].meaning, Some(Meaning::ProactiveWebsite));
        assert_eq!(s[4].kind, StatementKind::Percent);
        assert_eq!(s[4].share_of, Some(3));
        assert_eq!(s[4].subject, "主动公开政府信息总数");
        assert_eq!(s[4].decimals, 1);
    }

    #[test]
    fn zero_in_words() {
        let s = read("2020年,未收到政府信息公开申请,未发生政府信息公开的行政复议、行政诉讼案件。");
        let m: Vec<_> = s
            .iter()
            .map(|s| (s.meaning, s.kind, s.quantity.value()))
            .collect();
        assert_eq!(
            m,
            vec![
                (
                    Some(Meaning::RequestsReceived),
                    StatementKind::Words,
                    Some(0.0)
                ),
                (Some(Meaning::Reviews), StatementKind::Words, Some(0.0)),
                (Some(Meaning::Lawsuits), StatementKind::Words, Some(0.0)),
            ]
        );
        assert_eq!(s[0].text, "未收到政府信息公开申请");
    }

    #[test]
    fn a_list_ends_at_another_headline() {
        let s = read("2022年，我局共收到政府信息公开申请40件，上年结转1件，办结41件，其中予以公开及部分公开30件，结转下年度继续办理2件。");
        let b = brief(&s);
        assert_eq!(b.len(), 5, "{b:?}");
        assert_eq!(s[3].part_of, Some(2), "{b:?}");
        assert_eq!(s[3].meaning, Some(Meaning::RepliesDisclosed));
        assert_eq!(s[4].part_of, None, "{b:?}");
        assert_eq!(s[4].meaning, Some(Meaning::RequestsCarriedOut));
    }

    #[test]
    fn lists_of_channels_and_carried_in_requests() {
        let s = read("共受理政府信息公开申请12件，其中网上申请10件，信函申请2件，办结12件。");
        let b = brief(&s);
        assert_eq!(s[0].parts, vec![1, 2], "{b:?}");
        assert_eq!(s[1].meaning, Some(Meaning::RequestsOnline));
        assert_eq!(s[2].meaning, Some(Meaning::RequestsLetterFax));
        assert_eq!(s[3].part_of, None, "{b:?}");
        let s = read("本年度共收到政府信息公开申请12件（含上年结转2件），已全部办结。");
        assert_eq!(s[0].meaning, Some(Meaning::RequestsOnHand));
        assert_eq!(s[1].meaning, Some(Meaning::RequestsCarriedIn));
        assert_eq!(s[1].part_of, Some(0));
    }

    #[test]
    fn reviews_and_lawsuits_each_or_together() {
        let s = read("因政府信息公开被申请行政复议、提起行政诉讼各1件。");
        let m: Vec<_> = s.iter().map(|s| s.meaning).collect();
        assert_eq!(m, vec![Some(Meaning::Reviews), Some(Meaning::Lawsuits)]);
        let s = read("行政复议和行政诉讼共3件。");
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].meaning, None);
        let s = read("全年行政复议、行政诉讼数量均为零。");
        let m: Vec<_> = s.iter().map(|s| (s.meaning, s.kind)).collect();
        assert_eq!(
            m,
            vec![
                (Some(Meaning::Reviews), StatementKind::Words),
                (Some(Meaning::Lawsuits), StatementKind::Words)
            ]
        );
    }

    #[test]
    fn words_that_are_not_zeros() {
        for text in [
            "无法提供3件。",
            "对应公开而未公开的进行督办。",
            "没有系统、全面地认识到政府信息公开积极作用。",
            "无其他需要报告的事项。",
            "无。",
            "其中所列数据的统计期限自2020年1月1日起至12月31日止。",
            "对无正当理由大量反复申请的不予处理。",
        ] {
            let s = read(text);
            assert!(
                s.iter().all(|s| s.kind != StatementKind::Words),
                "{text}: {:?}",
                brief(&s)
            );
        }
    }

    #[test]
    fn nested_lists_in_brackets() {
        let s = read("共发布信息 2020 条，其中概况类信息 546 条、政务动态信息 498 条、信息公开目录信息 976 条（含财政公开发布 89 条、其它发布 711 条）。");
        assert_eq!(s[0].parts, vec![1, 2, 3]);
        assert_eq!(s[3].parts, vec![4, 5]);
    }

    #[test]
    fn sources_point_at_the_figure() {
        let s = read("标题\n\n收到申请11件,答复十一件。");
        assert_eq!(s[1].source.to_string(), "L3:11");
        assert_eq!(s[1].text, "十一件");
        assert_eq!(s[1].quantity.value(), Some(11.0));
    }

    #[test]
    fn a_sentence_broken_across_lines_is_one() {
        let s = read(
            "2021 年度，我区政府办公室依申请公开工作规范有序，全年共收到\n\n依申请公开申请3件。",
        );
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].meaning, Some(Meaning::RequestsReceived));
        assert_eq!(s[0].source.line_no(), Some(3));
    }
}
