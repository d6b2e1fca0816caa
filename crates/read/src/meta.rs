//! Report-level metadata: the publishing agency (发布机关), the statistical year (报告年度) and
//! the publication date, each with the place in the source it was read from.
//!
//! Evidence is taken in order of reliability, the first that yields a value wins:
//! - **year**: the title → the statistical period (`统计期限自2020年1月1日起至…12月31日`) → the
//!   year the body opens with (`2020年,区应急管理局…`). Only `YYYY年` counts as a year: a count
//!   (`共发布信息 2020 条`) or a document number (`〔2019〕60号`) never does.
//! - **agency**: the title (or the line just above or below a title that names no agency) → the
//!   subject of the body's first sentence, qualified by the place the body names → the signature
//!   block → `信息来源:`.
//! - **published_on**: a labelled date (`发布日期:`, `发表时间:`; `成文日期:` last) → a
//!   date/time stamp near the top. The signature date is *not* used; see [`Meta::signed_on`].
//!
//! Cost is bounded whatever the input size: only the first [`HEAD_LINES`] and last [`TAIL_LINES`]
//! non-blank content lines are read (looking at no more than [`MAX_SCANNED_LINES`] from each
//! end), each cut to [`MAX_LINE_BYTES`], and every scan over a line is a single pass.

use crate::chrome::is_chrome;
use crate::document::Document;
use crate::tokens::{LineInfo, LineKind};
use gongkai_model::{Date, Located};
use std::cell::OnceCell;
use std::ops::RangeInclusive;
use std::sync::OnceLock;

/// Report-level fields read from a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    /// 发布机关, as the official name (`安陆市` in a title becomes `安陆市人民政府`).
    pub agency: Located<String>,
    /// 报告年度: the statistical year, not the publication year.
    pub year: Located<i32>,
    /// The publication date, when the page prints one.
    pub published_on: Located<Date>,
    /// The date under the signature at the end (`2021年1月27日`): when the report was written
    /// or signed. Kept apart from `published_on` on purpose: reports are often signed days
    /// before they are posted, and a deadline check (reports are due by 31 January) must not
    /// mistake one for the other. A consumer that wants "any date" may fall back to it openly.
    pub signed_on: Located<Date>,
}

/// Non-blank content lines read from the start (chrome lines come on top): titles, stamps, the
/// statistical period and the first paragraphs all sit there.
pub const HEAD_LINES: usize = 80;
/// Non-blank lines read from the end, for the signature block (chrome lines not counted).
pub const TAIL_LINES: usize = 8;
/// Non-blank lines, chrome included, read from the start at most.
pub const MAX_HEAD_LINES: usize = 400;
/// Bytes of one line that are looked at. A report line is at most a few KB; a longer one is
/// either one huge paragraph (its start is enough) or not a report.
pub const MAX_LINE_BYTES: usize = 16 * 1024;
/// Lines (blank ones included) looked at from each end to find the head and tail lines: a
/// page with more blank or chrome lines than this before its title is not a report, and the
/// bound keeps the cost independent of the number of lines.
pub const MAX_SCANNED_LINES: usize = 10_000;
/// Content lines from the top within which a date/time stamp is looked for.
const STAMP_LINES: usize = 15;
/// Years outside this range are not report years (nor publication years).
const YEARS: RangeInclusive<i32> = 2000..=2100;

/// Reads agency, year and dates from a document. Never fails: a field not found is `none`.
pub fn read_meta(doc: &Document) -> Meta {
    read_meta_with(doc, &|_, text| is_chrome(text))
}

/// [`read_meta`] with the chrome test given as `chrome(line number, text)`, for a caller that
/// has already classified every line (the reader does, once, for the tables too).
pub fn read_meta_with<F>(doc: &Document, chrome: &F) -> Meta
where
    F: Fn(u32, &str) -> bool + ?Sized,
{
    let head = HeadLines::built(doc, head_lines(doc, chrome));
    meta_of(doc, &head, tail_lines(doc, chrome))
}

/// [`read_meta`] for a caller holding the records of the document's lines
/// ([`crate::tokens::Content::lines`]: the reader does), which say which lines are blank and
/// which are chrome. (The same as [`read_meta_with`] given their chrome test.)
pub fn read_meta_of(doc: &Document, records: &[LineInfo]) -> Meta {
    let head = HeadLines::of_records(doc, records);
    meta_of(doc, &head, tail_of_records(doc, records))
}

/// [`tail_of`] the lines of `records` (blank ones passed over). Chrome lines, which the tail
/// leaves out, are passed over by their records, not made into lines first (a page's footer
/// is chrome).
fn tail_of_records<'d>(doc: &'d Document, records: &[LineInfo]) -> Vec<Line<'d>> {
    let line = |(i, r): (usize, &LineInfo)| {
        let no = i as u32 + 1;
        (!matches!(r.kind, LineKind::Blank | LineKind::Chrome))
            .then(|| Line::of_record(no, doc.line(no), false))
            .flatten()
    };
    tail_of(
        records
            .iter()
            .enumerate()
            .rev()
            .take(MAX_SCANNED_LINES)
            .filter_map(line),
    )
}

/// [`head_of`] the lines of `records` (blank ones passed over), in one loop: the head is most of
/// a report, and the loop holds its counts in registers where the chain of adapters did not.
fn head_of_records<'d>(doc: &'d Document, records: &[LineInfo]) -> Vec<Line<'d>> {
    let mut head = Head::new();
    for (i, record) in records.iter().take(MAX_SCANNED_LINES).enumerate() {
        if record.kind == LineKind::Blank {
            continue;
        }
        let no = i as u32 + 1;
        let chrome = record.kind == LineKind::Chrome;
        let Some(line) = Line::of_record(no, doc.line(no), chrome) else {
            continue;
        };
        if head.push(line) {
            break;
        }
    }
    head.lines
}

/// The metadata of a document from its head and tail lines ([`head_lines`], [`tail_lines`]).
fn meta_of(doc: &Document, head: &HeadLines<'_, '_>, tail: Vec<Line<'_>>) -> Meta {
    let title = find_title(head);
    let (signature, signed) = signature_and_date(&tail);
    let year = title
        .as_ref()
        .and_then(|t| t.year.clone())
        .or_else(|| period_year(head.all()))
        .or_else(|| body_year(head.all()));
    let agency = find_agency(head, title.as_ref(), signature.as_ref());
    Meta {
        agency: located(doc, agency),
        year: located(doc, year),
        published_on: located(
            doc,
            labelled_date(doc.text(), head).or_else(|| stamp_date(head)),
        ),
        signed_on: located(doc, signed),
    }
}

// ---------------------------------------------------------------------------------------------
// Lines and hits

/// One line of the document as looked at here: its number and its (possibly cut) text. Byte
/// offsets into `text` are offsets into the document's line, since `text` is a prefix of it.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    no: u32,
    text: &'a str,
    /// [`is_chrome`], computed once.
    chrome: bool,
}

impl<'a> Line<'a> {
    /// Line `no` of the document, `text`, not blank by its record (its trimmed text is not
    /// empty), and `chrome` or not: cut to [`MAX_LINE_BYTES`], and none if what is left of a
    /// longer line is blank (as [`Line::non_blank`] says).
    fn of_record(no: u32, text: &'a str, chrome: bool) -> Option<Line<'a>> {
        if text.len() <= MAX_LINE_BYTES {
            // Nothing to cut (most lines).
            return Some(Line { no, chrome, text });
        }
        let cut_text = cut(text, MAX_LINE_BYTES);
        if crate::scan::trim_start(cut_text).is_empty() {
            return None;
        }
        Some(Line {
            no,
            chrome,
            text: cut_text,
        })
    }

    /// Line `no` of the document, `text`, if it is not blank: cut to [`MAX_LINE_BYTES`] and
    /// classified. Blank means nothing but white space in the cut text (what `trim` would
    /// leave empty), mostly told from the first byte; an empty line, the commonest blank one, is
    /// told first.
    fn non_blank<F>(no: u32, text: &'a str, chrome: &F) -> Option<Line<'a>>
    where
        F: Fn(u32, &str) -> bool + ?Sized,
    {
        if text.is_empty() {
            return None;
        }
        let cut_text = cut(text, MAX_LINE_BYTES);
        if crate::scan::trim_start(cut_text).is_empty() {
            return None;
        }
        Some(Line {
            no,
            chrome: chrome(no, text),
            text: cut_text,
        })
    }
}

/// A value found at `len` bytes from byte `start` of line `no`.
#[derive(Debug, Clone, PartialEq)]
struct Hit<T> {
    value: T,
    no: u32,
    start: usize,
    len: usize,
}

impl<T> Hit<T> {
    fn new(value: T, line: Line<'_>, start: usize, len: usize) -> Hit<T> {
        Hit {
            value,
            no: line.no,
            start,
            len,
        }
    }
}

fn located<T>(doc: &Document, hit: Option<Hit<T>>) -> Located<T> {
    match hit {
        Some(h) => Located::new(h.value, doc.source(h.no, h.start, h.len)),
        None => Located::none(),
    }
}

/// The longest prefix of `s` of at most `max` bytes that ends on a character boundary.
fn cut(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or("")
}

/// The first non-blank lines, chrome included (it carries dates), until [`HEAD_LINES`] of them
/// are content (a page may open with a long navigation menu) or there are [`MAX_HEAD_LINES`].
fn head_lines<'d, F>(doc: &'d Document, chrome: &F) -> Vec<Line<'d>>
where
    F: Fn(u32, &str) -> bool + ?Sized,
{
    head_of(
        doc.lines()
            .take(MAX_SCANNED_LINES)
            .filter_map(|(no, text)| Line::non_blank(no, text, chrome)),
    )
}

/// [`head_lines`] of the non-blank lines among the first [`MAX_SCANNED_LINES`], in order.
fn head_of<'d>(lines: impl Iterator<Item = Line<'d>>) -> Vec<Line<'d>> {
    let mut head = Head::new();
    for line in lines {
        if head.push(line) {
            break;
        }
    }
    head.lines
}

/// The head being gathered ([`head_lines`]): its lines so far, and how many are content.
struct Head<'d> {
    lines: Vec<Line<'d>>,
    content: usize,
}

impl<'d> Head<'d> {
    fn new() -> Self {
        Head {
            // Room for the content lines and a few chrome ones, reserved once rather than grown.
            lines: Vec::with_capacity(HEAD_LINES + 16),
            content: 0,
        }
    }

    /// Adds the next line; whether the head is then complete ([`HEAD_LINES`] content lines,
    /// or [`MAX_HEAD_LINES`] in all).
    #[inline(always)]
    fn push(&mut self, line: Line<'d>) -> bool {
        self.lines.push(line);
        if !line.chrome {
            self.content += 1;
            if self.content == HEAD_LINES {
                return true;
            }
        }
        self.lines.len() == MAX_HEAD_LINES
    }
}

/// The head lines ([`head_lines`]) as the consumers ask for them: read from the lines' records
/// only as far as a consumer looks ([`HeadLines::iter`]: the title, the opening sentence and a
/// stamp sit in the first few lines), the whole head built once for a consumer that looks at
/// every line ([`HeadLines::all`]), and its last line told by counting records
/// ([`HeadLines::ends`]: the labelled-date search needs only the stretch of text). Most reports
/// name their agency and year in the title, and then the head is never built.
/// `head_and_tail_of_records_as_of_lines` ties the lazy forms to [`head_of_records`], and
/// [`read_meta_of`] to [`read_meta`], which builds the head at once.
struct HeadLines<'d, 'r> {
    doc: &'d Document,
    /// The records of the first [`MAX_SCANNED_LINES`] lines (none when built at once).
    records: &'r [LineInfo],
    built: OnceCell<Vec<Line<'d>>>,
}

impl<'d, 'r> HeadLines<'d, 'r> {
    /// The head of `lines`, built.
    fn built(doc: &'d Document, lines: Vec<Line<'d>>) -> Self {
        HeadLines {
            doc,
            records: &[],
            built: OnceCell::from(lines),
        }
    }

    /// The head of the lines of `records`, read as asked.
    fn of_records(doc: &'d Document, records: &'r [LineInfo]) -> Self {
        HeadLines {
            doc,
            records: records.get(..MAX_SCANNED_LINES).unwrap_or(records),
            built: OnceCell::new(),
        }
    }

    /// Every head line, built on the first call.
    fn all(&self) -> &[Line<'d>] {
        self.built
            .get_or_init(|| head_of_records(self.doc, self.records))
    }

    /// The head lines in order, read from the records as they are asked for (unless built).
    fn iter(&self) -> HeadIter<'_, 'd> {
        match self.built.get() {
            Some(lines) => HeadIter::Built(lines.iter()),
            None => HeadIter::Lazy(LazyHead {
                doc: self.doc,
                records: self.records.iter(),
                no: 0,
                lines: 0,
                content: 0,
                done: false,
            }),
        }
    }

    /// The first and the last head line.
    fn ends(&self) -> Option<(Line<'d>, Line<'d>)> {
        if let Some(lines) = self.built.get() {
            return Some((*lines.first()?, *lines.last()?));
        }
        let first = self.iter().next()?;
        Some((first, self.last_by_count()?))
    }

    /// The last head line, told by counting the records as [`Head::push`] counts lines, without
    /// making the lines: a line is one unless it is longer than [`MAX_LINE_BYTES`] and its cut
    /// is blank ([`Line::of_record`]), and its cut is not blank when its text starts well within
    /// the cut. The line starts after the text of the last non-blank line before it
    /// (`floor`), so its text starts at most `start - floor` bytes into it; the cut keeps at
    /// least `MAX_LINE_BYTES - 3` bytes (it backs off to a character boundary).
    fn last_by_count(&self) -> Option<Line<'d>> {
        let (mut lines, mut content, mut floor) = (0usize, 0usize, 0usize);
        let mut last = None;
        for (i, record) in self.records.iter().enumerate() {
            if record.kind == LineKind::Blank {
                continue;
            }
            let start = record.start as usize;
            let chrome = record.kind == LineKind::Chrome;
            let is_line = start.saturating_sub(floor) <= MAX_LINE_BYTES - 3 || {
                let no = i as u32 + 1;
                Line::of_record(no, self.doc.line(no), chrome).is_some()
            };
            floor = start + record.len as usize;
            if !is_line {
                continue;
            }
            last = Some((i, chrome));
            lines += 1;
            if !chrome {
                content += 1;
                if content == HEAD_LINES {
                    break;
                }
            }
            if lines == MAX_HEAD_LINES {
                break;
            }
        }
        let (i, chrome) = last?;
        let no = i as u32 + 1;
        Line::of_record(no, self.doc.line(no), chrome)
    }
}

/// The iterator of [`HeadLines::iter`].
enum HeadIter<'h, 'd> {
    Built(std::slice::Iter<'h, Line<'d>>),
    Lazy(LazyHead<'h, 'd>),
}

impl<'d> Iterator for HeadIter<'_, 'd> {
    type Item = Line<'d>;

    #[inline]
    fn next(&mut self) -> Option<Line<'d>> {
        match self {
            HeadIter::Built(lines) => lines.next().copied(),
            HeadIter::Lazy(lazy) => lazy.next(),
        }
    }
}

/// The head lines read from the records one by one, stopping where [`Head::push`] does.
struct LazyHead<'h, 'd> {
    doc: &'d Document,
    records: std::slice::Iter<'h, LineInfo>,
    /// The number of the last line looked at.
    no: u32,
    /// Head lines so far, and content lines among them.
    lines: usize,
    content: usize,
    done: bool,
}

impl<'d> LazyHead<'_, 'd> {
    fn next(&mut self) -> Option<Line<'d>> {
        if self.done {
            return None;
        }
        loop {
            let record = self.records.next()?;
            self.no += 1;
            if record.kind == LineKind::Blank {
                continue;
            }
            let chrome = record.kind == LineKind::Chrome;
            let Some(line) = Line::of_record(self.no, self.doc.line(self.no), chrome) else {
                continue;
            };
            self.lines += 1;
            if !chrome {
                self.content += 1;
            }
            self.done = self.content == HEAD_LINES || self.lines == MAX_HEAD_LINES;
            return Some(line);
        }
    }
}

/// The last non-blank, non-chrome lines, in document order.
fn tail_lines<'d, F>(doc: &'d Document, chrome: &F) -> Vec<Line<'d>>
where
    F: Fn(u32, &str) -> bool + ?Sized,
{
    let last = doc.line_count();
    tail_of(
        (1..=last)
            .rev()
            .take(MAX_SCANNED_LINES)
            .filter_map(|no| Line::non_blank(no, doc.line(no), chrome)),
    )
}

/// [`tail_lines`] of the non-blank lines among the last [`MAX_SCANNED_LINES`], from the last.
fn tail_of<'d>(lines: impl Iterator<Item = Line<'d>>) -> Vec<Line<'d>> {
    let mut tail = Vec::with_capacity(TAIL_LINES);
    for line in lines.filter(|l| !l.chrome) {
        tail.push(line);
        if tail.len() == TAIL_LINES {
            break;
        }
    }
    tail.reverse();
    tail
}

// ---------------------------------------------------------------------------------------------
// Words

/// Where `word` first occurs in `text`: [`str::find`] without its searcher's setup, which
/// costs more than the search on the short lines and titles asked here (a title is asked for
/// some thirty words). memchr finds the word's last byte — a UTF-8 continuation byte for the
/// Chinese words looked for, rare enough — and the bytes before it are compared.
fn find_word(text: &str, word: &str) -> Option<usize> {
    let (hay, w) = (text.as_bytes(), word.as_bytes());
    let Some((&last, _)) = w.split_last() else {
        return Some(0);
    };
    memchr::memchr_iter(last, hay).find_map(|end| {
        let start = (end + 1).checked_sub(w.len())?;
        (hay.get(start..=end) == Some(w)).then_some(start)
    })
}

/// Whether `text` holds `word` ([`find_word`]).
fn has_word(text: &str, word: &str) -> bool {
    find_word(text, word).is_some()
}

/// Where `word` last occurs in `text`: [`str::rfind`] the way [`find_word`] is [`str::find`].
fn rfind_word(text: &str, word: &str) -> Option<usize> {
    let (hay, w) = (text.as_bytes(), word.as_bytes());
    let Some((&last, _)) = w.split_last() else {
        return Some(text.len());
    };
    memchr::memrchr_iter(last, hay).find_map(|end| {
        let start = (end + 1).checked_sub(w.len())?;
        (hay.get(start..=end) == Some(w)).then_some(start)
    })
}

// ---------------------------------------------------------------------------------------------
// Characters, numbers, years and dates

/// Han ideographs (CJK unified, extension A and B+, compatibility) and `〇`.
fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FFFF}' | '〇')
}

/// The value of an ASCII or full-width digit.
fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// The value of a Chinese numeral digit as used in years (`二〇二一年`, `二○二一`, `二零二一`).
fn cn_digit(c: char) -> Option<u32> {
    // A match, not a search through the numerals: it is asked of every character of a line.
    match c {
        '〇' | '○' | '零' => Some(0),
        '一' => Some(1),
        '二' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    }
}

/// Skips at most `max` white-space characters.
fn skip_spaces(s: &str, max: usize) -> &str {
    let n: usize = s
        .chars()
        .take(max)
        .take_while(|c| c.is_whitespace())
        .map(char::len_utf8)
        .sum();
    s.get(n..).unwrap_or("")
}

/// `min..=max` digits of one kind (Arabic, ASCII or full-width; or Chinese numerals) at the
/// start of `s`, not followed by another digit of that kind: their value and the rest.
/// (Generic in the digit test, so that each caller's test is inlined, not called through a
/// pointer for every character.)
fn number(
    s: &str,
    min: usize,
    max: usize,
    value_of: impl Fn(char) -> Option<u32>,
) -> Option<(u32, &str)> {
    let mut value = 0u32;
    let mut count = 0usize;
    let mut bytes = 0usize;
    for c in s.chars() {
        let Some(d) = value_of(c) else { break };
        count += 1;
        if count > max {
            return None;
        }
        value = value * 10 + d;
        bytes += c.len_utf8();
    }
    (count >= min).then(|| s.get(bytes..).map(|rest| (value, rest)))?
}

/// A month or day written in Chinese numerals (`一`, `十二`, `二十七`, `三十一`): value and rest.
fn cn_small(s: &str) -> Option<(u32, &str)> {
    let mut chars = s.char_indices().peekable();
    let mut value = 0u32;
    let mut end = 0usize;
    let mut seen_ten = false;
    let mut pending = None;
    while let Some(&(i, c)) = chars.peek() {
        if c == '十' && !seen_ten {
            value = pending.take().unwrap_or(1) * 10;
            seen_ten = true;
        } else if let Some(d) = cn_digit(c).filter(|&d| d > 0 && pending.is_none()) {
            pending = Some(d);
        } else {
            break;
        }
        end = i + c.len_utf8();
        chars.next();
    }
    let value = value + pending.unwrap_or(0);
    (value > 0).then(|| s.get(end..).map(|rest| (value, rest)))?
}

/// A year written `YYYY年` (optionally `年度`, white space allowed before `年`) in `s`:
/// byte range of the digits, and of the whole expression.
#[derive(Debug, Clone, Copy)]
struct YearExpr {
    value: i32,
    start: usize,
    digits_end: usize,
    end: usize,
}

/// Every `YYYY年` in `s`, in Arabic (ASCII or full-width) or Chinese numerals, that is not part of a
/// longer number: four digits of one kind, no more, then at most two white-space characters,
/// `年` and optionally `度`.
///
/// Read backwards from each `年` (found by memchr on its last byte, B4, the two before compared):
/// the white space before it, then the run of digits. Most text has few `年` and many
/// characters, each of which a forward scan would have to ask whether it starts a run.
/// `year_exprs_is_its_definition` ties it to that forward scan.
/// (An iterator, not a vector: most callers want the first.)
fn year_exprs(s: &str) -> impl Iterator<Item = YearExpr> + '_ {
    const NIAN: &[u8] = "年".as_bytes();
    let bytes = s.as_bytes();
    memchr::memchr_iter(NIAN[2], bytes).filter_map(move |last| {
        let at = (last + 1).checked_sub(NIAN.len())?;
        if bytes.get(at..=last) != Some(NIAN) {
            return None;
        }
        year_before(s, at)
    })
}

/// The year expression whose `年` starts at byte `at` of `s`, if what comes before it is a year:
/// at most two white-space characters, and before them a run of exactly four digits of one
/// kind (Arabic, ASCII or full-width; or Chinese numerals) not preceded by another of its kind.
fn year_before(s: &str, at: usize) -> Option<YearExpr> {
    let before = s.get(..at)?;
    let mut chars = before.char_indices().rev().peekable();
    let mut spaces = 0;
    while chars.next_if(|&(_, c)| c.is_whitespace()).is_some() {
        spaces += 1;
    }
    if spaces > 2 {
        return None;
    }
    let &(last_digit, c) = chars.peek()?;
    let kind: fn(char) -> Option<u32> = if digit(c).is_some() {
        digit
    } else if cn_digit(c).is_some() {
        cn_digit
    } else {
        return None;
    };
    let digits_end = last_digit + c.len_utf8();
    let mut start = last_digit;
    let mut count = 0;
    let mut value = 0u32;
    let mut scale = 1u32;
    while let Some((i, d)) = chars.next_if(|&(_, c)| kind(c).is_some()) {
        count += 1;
        if count > 4 {
            return None;
        }
        value += kind(d).unwrap_or(0) * scale;
        scale *= 10;
        start = i;
    }
    if count != 4 {
        return None;
    }
    let after = s.get(at + NIAN_LEN..)?;
    let after = after.strip_prefix('度').unwrap_or(after);
    Some(YearExpr {
        value: value as i32,
        start,
        digits_end,
        end: s.len() - after.len(),
    })
}

/// Bytes of `年` in UTF-8.
const NIAN_LEN: usize = "年".len();

/// A date starting exactly at the start of `s`: `2021-01-28`, `2021/1/28`, `2021.01.28`,
/// `2021年1月28日` (spaces allowed around the parts, full-width digits too) or
/// `二〇二一年一月二十八日`. Returns the date and the rest of `s`. Invalid dates are not dates.
fn date_at(s: &str) -> Option<(Date, &str)> {
    numeric_date(s)
        .or_else(|| cn_date(s))
        .filter(|(d, _)| YEARS.contains(&d.year))
}

fn numeric_date(s: &str) -> Option<(Date, &str)> {
    let (year, rest) = number(s, 4, 4, digit)?;
    let rest = skip_spaces(rest, 2);
    let sep = rest.chars().next()?;
    let rest = rest.get(sep.len_utf8()..)?;
    let (month, day, rest) = match sep {
        '-' | '/' | '.' | '－' | '／' | '．' => {
            let (month, rest) = number(rest, 1, 2, digit)?;
            let rest = rest.strip_prefix(sep)?;
            let (day, rest) = number(rest, 1, 2, digit)?;
            (month, day, rest)
        }
        '年' => {
            let (month, rest) = number(skip_spaces(rest, 2), 1, 2, digit)?;
            let rest = skip_spaces(rest, 2).strip_prefix('月')?;
            let (day, rest) = number(skip_spaces(rest, 2), 1, 2, digit)?;
            let rest = skip_spaces(rest, 2);
            let rest = rest
                .strip_prefix('日')
                .or_else(|| rest.strip_prefix('号'))?;
            (month, day, rest)
        }
        _ => return None,
    };
    Some((Date::new(year as i32, month, day)?, rest))
}

fn cn_date(s: &str) -> Option<(Date, &str)> {
    let (year, rest) = number(s, 4, 4, cn_digit)?;
    let (month, rest) = cn_small(rest.strip_prefix('年')?)?;
    let (day, rest) = cn_small(rest.strip_prefix('月')?)?;
    let rest = rest.strip_prefix('日')?;
    Some((Date::new(year as i32, month, day)?, rest))
}

/// Every date in `s` with its byte range; tried only where a digit run starts.
fn dates_in(s: &str) -> Vec<(Date, usize, usize)> {
    let mut out = Vec::new();
    // A date has digits, or (written in Chinese numerals) a 年: most lines have neither.
    if !s
        .chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c) || c == '年')
    {
        return out;
    }
    // Every date has 年 or a separator after its year ([`numeric_date`], [`cn_date`]); one in
    // Chinese numerals always has 年. Lines with neither hold no date, and without 年 the many
    // runs of Chinese numerals in words (统一, 一、) need not be tried.
    let nian = s.contains('年');
    if !nian && !s.contains(['-', '/', '.', '－', '／', '．']) {
        return out;
    }
    let mut prev: Option<char> = None;
    for (i, c) in s.char_indices() {
        let run_start = (digit(c).is_some() && prev.and_then(digit).is_none())
            || (nian && cn_digit(c).is_some() && prev.and_then(cn_digit).is_none());
        prev = Some(c);
        if !run_start {
            continue;
        }
        if let Some((date, rest)) = s.get(i..).and_then(date_at) {
            out.push((date, i, s.len() - rest.len() - i));
        }
    }
    out
}

/// The whole line is one date (enclosing brackets and white space allowed): the signature
/// date style `2021年1月27日`.
fn lone_date(text: &str) -> Option<(Date, usize, usize)> {
    // (Trimmed as by `str::trim`, told on the first and last bytes where nothing is to trim.)
    let t = crate::scan::trim(
        crate::scan::trim(text).trim_matches(['(', ')', '（', '）', '[', ']', '【', '】']),
    );
    let (date, rest) = date_at(t)?;
    // `t` is a piece of `text`: its offset, not a search (which would find the same place,
    // for `t` starts with neither white space nor a bracket).
    let start = crate::scan::offset_in(text, t)?;
    crate::scan::trim(rest)
        .is_empty()
        .then(|| (date, start, t.len() - rest.len()))
}

// ---------------------------------------------------------------------------------------------
// Section headings and titles

/// `一、总体情况`, `二、主动公开…`: the numbered parts of the body. The title and the page
/// header come before the first of them.
fn is_section_heading(text: &str) -> bool {
    let t = crate::scan::trim_start(text);
    let mut chars = t.chars();
    let numeral = chars.next().is_some_and(is_part_numeral);
    numeral && t.chars().skip(1).take(2).any(|c| c == '、')
}

/// The numerals of [`is_section_heading`] (`一二三四五六七八九十`), one match rather than a search
/// of a string of them: it is asked of every head line.
fn is_part_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// Words that make a line a report title, and those that say it is a sentence about one.
/// (Each has 报 or 報, and each disclosure word 公: `title_span` relies on it.)
const REPORT_WORDS: &[&str] = &["报告", "報告", "年报", "年報"];
const DISCLOSURE_WORDS: &[&str] = &["公开", "公開"];
#[rustfmt::skip]
const NOT_TITLE_WORDS: &[&str] = &[
    "如下", "现将", "現將", "根据", "根據", "依据", "依據", "按照", "印发", "印發", "通知",
    "以下简称",
];
/// Where chrome that shares the title's line starts (`…年度报告 发布时间：…`).
#[rustfmt::skip]
const TITLE_CHROME: &[&str] = &[
    "发布日期", "发布时间", "发表时间", "發佈日期", "發布日期", "發佈時間", "發表時間", "信息来源",
    "来源:", "来源：", "浏览次数", "点击数", "字号", "【", "|", "｜", "_",
];

/// The byte range of the title in a line, if the line is a report title.
fn title_span(text: &str) -> Option<(usize, usize)> {
    // Every title word has 报 or 報 and 公 (below): a line without them is no title, told
    // before the chrome markers are sought in it.
    if !(has_word(text, "公") && (has_word(text, "报") || has_word(text, "報"))) {
        return None;
    }
    title_before(text, title_part_end(text)?)
}

/// [`title_span`] as first written: the part before the chrome's start ([`title_chrome_start`])
/// read, whatever it holds.
#[cfg(test)]
fn title_span_by_definition(text: &str) -> Option<(usize, usize)> {
    if !(has_word(text, "公") && (has_word(text, "报") || has_word(text, "報"))) {
        return None;
    }
    title_before(text, title_chrome_start(text).unwrap_or(text.len()))
}

/// The byte range of the title in `text[..end]` (the text before its chrome), if that is a
/// report title.
fn title_before(text: &str, end: usize) -> Option<(usize, usize)> {
    let part = text.get(..end)?;
    let trimmed = part
        .trim()
        .trim_start_matches('《')
        .trim_end_matches('》')
        .trim();
    // `trimmed` is a piece of `part`: its offset, not a search (which finds the same place:
    // what was cut from its front is white space and `《`, and a copy of `trimmed` starting
    // there would need a character other than those inside that front).
    let start = crate::scan::offset_in(part, trimmed)?;
    let is_title = title_chars(trimmed).is_some_and(|chars| (6..=80).contains(&chars))
        && !is_chrome(trimmed)
        && REPORT_WORDS.iter().any(|w| has_word(trimmed, w))
        && DISCLOSURE_WORDS.iter().any(|w| has_word(trimmed, w))
        && !is_section_heading(trimmed);
    is_title.then_some((start, start + trimmed.len()))
}

/// Where the would-be title of `text` ends: where the first of [`TITLE_CHROME`] starts
/// ([`title_chrome_start`]), else at the end of the text; `None` when, before that, the text
/// holds a character that no title has and no trim takes away (a sentence's punctuation, a
/// breadcrumb's arrow: [`title_chars`] says no to any part that holds one). Most lines asked are
/// the opening paragraph (it names the report and 公开), ruled out at its first comma by one
/// walk, rather than walked to its end for the chrome and then for the characters.
/// `title_span_is_its_definition` ties [`title_span`] to the two walks.
fn title_part_end(text: &str) -> Option<usize> {
    for (i, c) in text.char_indices() {
        match c {
            '发' | '發' | '信' | '来' | '浏' | '点' | '字' | '【' | '|' | '｜' | '_' => {
                let rest = text.get(i..)?;
                if TITLE_CHROME.iter().any(|m| rest.starts_with(m)) {
                    return Some(i);
                }
            }
            '>' | '＞' | '»' | '›' | '。' | '，' | ',' | '；' | ';' | '：' | ':' | '“' => {
                return None;
            }
            _ => {}
        }
    }
    Some(text.len())
}

/// The characters of a would-be title other than white space, counted; `None` when it has one
/// that no title has: a breadcrumb's arrow (`首页 > 政务公开 > 政府信息公开年报`; menus name
/// reports too), a sentence's punctuation, or one of [`NOT_TITLE_WORDS`]. One walk over the
/// characters rather than a search for each mark and word (a title is asked some thirty);
/// `title_chars_is_its_definition` ties it to those searches.
fn title_chars(t: &str) -> Option<usize> {
    let mut count = 0;
    for (i, c) in t.char_indices() {
        if c.is_whitespace() {
            continue;
        }
        count += 1;
        let not_title = match c {
            '>' | '＞' | '»' | '›' | '。' | '，' | ',' | '；' | ';' | '：' | ':' | '《' | '》'
            | '“' => true,
            // The first characters of the NOT_TITLE_WORDS.
            '如' | '现' | '現' | '根' | '依' | '按' | '印' | '通' | '以' => t
                .get(i..)
                .is_some_and(|rest| NOT_TITLE_WORDS.iter().any(|w| rest.starts_with(w))),
            _ => false,
        };
        if not_title {
            return None;
        }
    }
    Some(count)
}

/// Where the first of [`TITLE_CHROME`] starts in `text`: one walk over the characters, trying
/// the markers only where a character starts one (a title is a few dozen characters; an
/// automaton over its bytes cost more). `title_chrome_start_is_its_definition` ties it to the
/// least of the markers' first positions. ([`title_part_end`] walks the same way.)
#[cfg(test)]
fn title_chrome_start(text: &str) -> Option<usize> {
    text.char_indices().find_map(|(i, c)| {
        let may_start = matches!(
            c,
            '发' | '發' | '信' | '来' | '浏' | '点' | '字' | '【' | '|' | '｜' | '_'
        );
        let rest = text.get(i..)?;
        (may_start && TITLE_CHROME.iter().any(|m| rest.starts_with(m))).then_some(i)
    })
}

/// A report title with what it says.
#[derive(Debug, Clone)]
struct Title {
    /// Index in the head lines.
    index: usize,
    agency: Option<Hit<String>>,
    year: Option<Hit<i32>>,
}

/// The report title: among the title lines before the first section heading, the first that
/// names a year, else the first (a menu item such as `政府信息公开年报` is title-like too). A
/// title that names no agency takes it from the line above (or below) when that line is only a
/// name: `四方台区人民政府办公室` / `2021 年政府信息公开工作年度报告`.
fn find_title(head: &HeadLines<'_, '_>) -> Option<Title> {
    let mut first = None;
    let mut lines = head.iter().peekable();
    let mut above = None;
    let mut index = 0;
    while let Some(line) = lines.next() {
        if is_section_heading(line.text) {
            break;
        }
        if let Some(title) = read_title(index, line, above, || lines.peek().copied()) {
            if title.year.is_some() {
                return Some(title);
            }
            first.get_or_insert(title);
        }
        above = Some(line);
        index += 1;
    }
    first
}

/// The title on head line `index`, `line`, if it is one; `above` is the head line before it,
/// and `below` tells the one after it.
fn read_title<'d>(
    index: usize,
    line: Line<'d>,
    above: Option<Line<'d>>,
    below: impl FnOnce() -> Option<Line<'d>>,
) -> Option<Title> {
    let (start, end) = title_span(line.text)?;
    let title = line.text.get(start..end)?;
    let year = year_exprs(title)
        .find(|y| YEARS.contains(&y.value))
        .map(|y| Hit::new(y.value, line, start + y.start, y.digits_end - y.start));
    let agency = title_agency(title)
        .map(|(name, s, l)| Hit::new(name, line, start + s, l))
        .or_else(|| neighbour_agency(above, below));
    Some(Title {
        index,
        agency,
        year,
    })
}

/// The agency named in a title: what precedes the year (`鹤岗市人民政府办公室2020年度…`), or lies
/// between the year and the report words (`2020年鹤岗市人民政府办公室政府信息公开…`).
fn title_agency(title: &str) -> Option<(String, usize, usize)> {
    let k = disclosure_start(title)?;
    let prefix = title.get(..k)?;
    let Some(first) = year_exprs(prefix).next() else {
        return agency_in(prefix, 0);
    };
    let before_end = open_paren_start(prefix, first.start);
    let after_start = close_paren_end(prefix, first.end);
    agency_in(prefix.get(..before_end)?, 0)
        .or_else(|| agency_in(prefix.get(after_start..)?, after_start))
}

/// Where the disclosure words begin in a title (`政府信息公开…`, `政务公开…`, `信息公开…`).
/// `XX市人民政府信息公开…` is cut inside `人民政府`; [`agency_name`] puts `政府` back.
///
/// The earliest start of any of [`DISCLOSURE_STARTS`]: each ends in `公开` or `公開` and has no
/// other `公`, so the earliest is one that ends at the first `公开`/`公開` (one ending at a later
/// one starts after it), the longest of those. Two searches rather than one per word;
/// `disclosure_start_is_its_definition` ties it to the searches for every word.
fn disclosure_start(title: &str) -> Option<usize> {
    let at = [find_word(title, "公开"), find_word(title, "公開")]
        .into_iter()
        .flatten()
        .min()?;
    let (before, from) = (title.get(..at)?, title.get(at..)?);
    DISCLOSURE_STARTS
        .iter()
        .filter_map(|w| {
            let lead = w.strip_suffix("公开").or_else(|| w.strip_suffix("公開"))?;
            let ending = w.get(lead.len()..)?;
            (from.starts_with(ending) && before.ends_with(lead)).then(|| at - lead.len())
        })
        .min()
}

/// The words a title's disclosure part begins with ([`disclosure_start`]).
#[rustfmt::skip]
const DISCLOSURE_STARTS: &[&str] = &[
    "政府信息公开", "政府信息公開", "政府資訊公開", "政务信息公开", "政務信息公開", "政务公开",
    "政務公開", "信息公开", "信息公開", "資訊公開", "公开", "公開",
];

/// `（2022年度）`: a year in brackets is cut out with its brackets.
fn open_paren_start(s: &str, at: usize) -> usize {
    let before = s.get(..at).unwrap_or("");
    match before.trim_end().chars().last() {
        Some(c @ ('(' | '（')) => before.trim_end().len() - c.len_utf8(),
        _ => at,
    }
}

fn close_paren_end(s: &str, at: usize) -> usize {
    let after = s.get(at..).unwrap_or("");
    let trimmed = after.trim_start();
    match trimmed.chars().next() {
        Some(c @ (')' | '）')) => s.len() - trimmed.len() + c.len_utf8(),
        _ => at,
    }
}

/// The agency name in `raw` (a piece of a line starting at byte `offset` of it): the name and
/// the byte range of the printed text it came from.
fn agency_in(raw: &str, offset: usize) -> Option<(String, usize, usize)> {
    let trimmed = raw.trim_matches(|c: char| c.is_whitespace() || is_name_punct(c));
    let name = agency_name(trimmed)?;
    // A piece of `raw`: its offset (a search would find the same place, for `trimmed` starts
    // with neither white space nor punctuation).
    let start = crate::scan::offset_in(raw, trimmed)?;
    Some((name, offset + start, trimmed.len()))
}

/// Punctuation around a printed name (listed in `NAME_PUNCT` for the tests), matched at once rather
/// than by a walk of the string for each character of a name.
fn is_name_punct(c: char) -> bool {
    matches!(
        c,
        '《' | '》'
            | '“'
            | '”'
            | '"'
            | '\''
            | '【'
            | '】'
            | '['
            | ']'
            | '〔'
            | '〕'
            | ':'
            | '：'
            | ','
            | '，'
            | '、'
            | '.'
            | '。'
            | '·'
            | '-'
            | '—'
            | '_'
            | '|'
            | '｜'
    )
}

/// The punctuation [`is_name_punct`] matches (its tests compare the two).
#[cfg(test)]
const NAME_PUNCT: &str = "《》“”\"'【】[]〔〕:：,，、.。·-—_|｜";

/// Administrative levels: a name ending in one is a place, whose government is `…人民政府`.
const PLACE_LEVELS: &[char] = &[
    '省', '市', '县', '縣', '区', '區', '旗', '州', '盟', '镇', '鎮', '乡', '鄉',
];
/// Place-like names that have no 人民政府 (development zones, communities …): kept as printed.
#[rustfmt::skip]
const NOT_GOVERNED: &[&str] = &[
    "开发区", "開發區", "高新区", "高新區", "园区", "園區", "示范区", "示範區", "试验区", "試驗區",
    "实验区", "保税区", "合作区", "社区", "社區", "景区", "小区",
];
/// Endings of agency names.
#[rustfmt::skip]
const AGENCY_SUFFIXES: &[&str] = &[
    "政府", "办公室", "辦公室", "办公厅", "辦公廳", "办事处", "辦事處", "委员会", "委員會",
    "管委会", "局", "委", "办", "辦", "厅", "廳", "部", "署", "院", "中心", "所", "站", "队", "隊",
    "馆", "館", "社", "处", "處", "会", "會", "公署", "行署", "法院", "检察院",
];

/// Cleans a printed name into an agency name, or `None` if it is not one: white space removed
/// (`长白镇 人民政府`), `关于` dropped, a place completed to its government (`安陆市` →
/// `安陆市人民政府`, `XX街道` → `XX街道办事处`), and `…人民` (a title cut at `政府信息公开`)
/// given back its `政府`.
///
/// Worked on the printed text itself (a copy without white space only when it has some), and
/// one string made for a name that is one: this is asked of every would-be name of a title,
/// signature and opening sentence. `agency_name_is_its_definition` ties it to the plain form.
fn agency_name(printed: &str) -> Option<String> {
    let unspaced: String;
    let mut name = printed;
    // White space looked for only where a byte may start some: ASCII white space, or the lead
    // byte of U+0085, U+00A0 (C2), U+1680 (E1), U+2000..=U+205F (E2) or U+3000 (E3); a name is
    // Han characters, none of which starts with these.
    let may_hold_space = printed
        .bytes()
        .any(|b| b.is_ascii_whitespace() || matches!(b, 0x0B | 0xC2 | 0xE1 | 0xE2 | 0xE3));
    if may_hold_space && printed.chars().any(char::is_whitespace) {
        unspaced = printed.chars().filter(|c| !c.is_whitespace()).collect();
        name = &unspaced;
    }
    for affix in ["关于", "關於"] {
        name = name.strip_prefix(affix).unwrap_or(name);
        name = name.strip_suffix(affix).unwrap_or(name);
    }
    // Two to forty characters, each Han or a bracket or middle dot, at least one Han.
    let (mut chars, mut han) = (0usize, false);
    for c in name.chars() {
        chars += 1;
        if is_han(c) {
            han = true;
        } else if !matches!(c, '（' | '）' | '(' | ')' | '·') {
            return None;
        }
    }
    if !((2..=40).contains(&chars) && han) {
        return None;
    }
    let completion = if name.ends_with("人民") {
        "政府"
    } else if name.ends_with("街道") {
        "办事处"
    } else if is_place(name) {
        "人民政府"
    } else {
        ""
    };
    let mut out = String::with_capacity(name.len() + completion.len());
    out.push_str(name);
    out.push_str(completion);
    Some(out)
}

fn is_place(name: &str) -> bool {
    name.chars().count() >= 2
        && name.ends_with(PLACE_LEVELS)
        && !NOT_GOVERNED.iter().any(|s| name.ends_with(s))
}

fn has_agency_suffix(name: &str) -> bool {
    AGENCY_SUFFIXES.iter().any(|s| name.ends_with(s))
}

/// A line that is nothing but an agency name (a split title's first line, a signature).
fn agency_line(line: Line<'_>) -> Option<Hit<String>> {
    if line.chrome || crate::scan::trim(line.text).chars().nth(30).is_some() {
        return None;
    }
    let (name, start, len) = agency_in(line.text, 0)?;
    has_agency_suffix(&name).then(|| Hit::new(name, line, start, len))
}

fn neighbour_agency<'d>(
    above: Option<Line<'d>>,
    below: impl FnOnce() -> Option<Line<'d>>,
) -> Option<Hit<String>> {
    above
        .and_then(agency_line)
        .or_else(|| below().and_then(agency_line))
}

// ---------------------------------------------------------------------------------------------
// Year without a title

/// The year of a statistical period `YYYY年1月1日 … 12月31日` (also `2020-01-01至2020-12-31`).
fn period_year(head: &[Line<'_>]) -> Option<Hit<i32>> {
    head.iter().find_map(|&line| {
        // A period names a month: `1月1日`, `01-01`, `1/1`, `1.1` — or there is none to find.
        if !line.text.contains(['月', '-', '/', '.', '－', '／', '．']) {
            return None;
        }
        dates_in(line.text)
            .into_iter()
            .find_map(|(date, start, len)| {
                let opens_year = date.month == 1 && date.day == 1;
                let window: String = line
                    .text
                    .get(start + len..)?
                    .chars()
                    .take(60)
                    .filter(|c| !c.is_whitespace())
                    .map(|c| match digit(c) {
                        Some(d) => char::from_digit(d, 10).unwrap_or(c),
                        None => c,
                    })
                    .collect();
                let closes_year = ["12月31日", "-12-31", "/12/31", ".12.31", "十二月三十一日"]
                    .iter()
                    .any(|end| window.contains(end));
                let digits = year_len(line.text.get(start..)?);
                (opens_year && closes_year).then(|| Hit::new(date.year, line, start, digits))
            })
    })
}

/// Bytes of the four year digits at the start of `s` (ASCII, full-width or Chinese numerals).
fn year_len(s: &str) -> usize {
    s.chars().take(4).map(char::len_utf8).sum()
}

/// The year the body opens its paragraphs or sentences with (`2020年,区应急管理局…`,
/// `2021 年度，四方台区…`): the most frequent, the earliest on a tie. A year followed by
/// anything but a comma (`2020年本行政区域…`) does not count: it qualifies a noun.
fn body_year(head: &[Line<'_>]) -> Option<Hit<i32>> {
    let mut votes: Vec<(Hit<i32>, usize)> = Vec::new();
    for &line in head.iter().filter(|l| !l.chrome) {
        // Computed once per line: trimming every prefix would be quadratic in the line length.
        let indent = line.text.len() - line.text.trim_start().len();
        for y in year_exprs(line.text) {
            let opens = y.start == indent
                || line
                    .text
                    .get(..y.start)
                    .is_some_and(|before| before.trim_end().ends_with('。'));
            let rest = line.text.get(y.end..).unwrap_or("");
            let comma = rest.starts_with([',', '，']) || rest.starts_with("以来");
            if !(opens && comma && YEARS.contains(&y.value)) {
                continue;
            }
            match votes.iter_mut().find(|(h, _)| h.value == y.value) {
                Some((_, n)) => *n += 1,
                None => votes.push((Hit::new(y.value, line, y.start, y.digits_end - y.start), 1)),
            }
        }
    }
    // max_by_key returns the last maximum; reverse so that ties go to the earliest.
    votes
        .into_iter()
        .rev()
        .max_by_key(|(_, n)| *n)
        .map(|(h, _)| h)
}

// ---------------------------------------------------------------------------------------------
// Agency without a title

fn find_agency(
    head: &HeadLines<'_, '_>,
    title: Option<&Title>,
    signature: Option<&Hit<String>>,
) -> Option<Hit<String>> {
    if let Some(hit) = title.and_then(|t| t.agency.clone()) {
        return Some(hit);
    }
    let body_from = title.map_or(0, |t| t.index + 1);
    let source = source_agency(head.all());
    let fuller = [signature, source.as_ref()];
    let head = head.all();
    body_subject(head.iter().copied().skip(body_from))
        .map(|subject| qualify(subject, head, &fuller))
        .or_else(|| signature.cloned())
        .or_else(|| source.map(|s| qualify(s, head, &[])))
}

/// Words that end the subject of an opening sentence (`区应急管理局严格按照…`).
#[rustfmt::skip]
const SUBJECT_STOPS: &[&str] = &[
    "严格", "認真", "认真", "坚持", "堅持", "按照", "根据", "根據", "依据", "紧紧", "紧密", "高度",
    "围绕", "圍繞", "全面", "深入", "积极", "積極", "进一步", "始终", "不断", "持续", "切实",
    "扎实", "大力", "主动", "累计", "共", "继续", "聚焦", "立足", "着力", "牢固", "贯彻", "結合",
    "结合", "以", "在", "把", "将", "對", "对", "依法", "认真", "进", "全年", "未", "没有", "收到",
];

/// The subject of the first body sentence that opens with a year: `2020年,区应急管理局严格按照…`
/// → `区应急管理局`. `我局`/`本局` name nobody and are skipped.
fn body_subject<'d>(body: impl Iterator<Item = Line<'d>>) -> Option<Hit<String>> {
    body.filter(|l| !l.chrome)
        .take_while(|l| !is_section_heading(l.text))
        .take(5)
        .find_map(|line| {
            let y = year_exprs(line.text).next()?;
            if !line.text.get(..y.start)?.trim().is_empty() {
                return None;
            }
            let rest = line.text.get(y.end..)?;
            let sep = rest
                .chars()
                .next()
                .filter(|c| matches!(c, ',' | '，' | '、'))?;
            let from = y.end + sep.len_utf8();
            let subject = subject_at(line.text.get(from..)?)?;
            let name = agency_name(subject)?;
            Some(Hit::new(name, line, from, subject.len()))
        })
}

/// The agency name at the start of a sentence: Han characters up to a stop word, ending at
/// the last agency suffix before it.
fn subject_at(s: &str) -> Option<&str> {
    let run_end = s
        .char_indices()
        .take(25)
        .find(|&(_, c)| !is_han(c))
        .map_or_else(
            || s.char_indices().nth(25).map_or(s.len(), |(i, _)| i),
            |(i, _)| i,
        );
    let run = s.get(..run_end)?;
    let stop = SUBJECT_STOPS
        .iter()
        .filter_map(|w| find_word(run, w))
        .filter(|&i| i > 0)
        .min()
        .unwrap_or(run.len());
    let span = run.get(..stop)?;
    let end = AGENCY_SUFFIXES
        .iter()
        .filter_map(|suf| rfind_word(span, suf).map(|i| i + suf.len()))
        .max()?;
    let subject = span.get(..end)?;
    let pronoun = subject.starts_with(['我', '本']);
    (!pronoun && subject.chars().count() >= 2).then_some(subject)
}

/// A subject such as `区应急管理局` names its place only by level (`区`). The full name comes
/// from a fuller name of the same department elsewhere (signature, `信息来源`), else from the
/// place the head text names for that level (`杭州市滨江区人民政府…` → `杭州市滨江区`).
fn qualify(
    subject: Hit<String>,
    head: &[Line<'_>],
    fuller: &[Option<&Hit<String>>],
) -> Hit<String> {
    // `市场监管局` starts with 市 but names no level: 市场, like 区域 or 乡村, is one word.
    const WORDS: &[&str] = &[
        "市场", "市場", "区域", "區域", "县域", "縣域", "乡村", "鄉村", "乡镇", "鄉鎮",
    ];
    if WORDS.iter().any(|w| subject.value.starts_with(w)) {
        return subject;
    }
    let mut chars = subject.value.chars();
    let Some(level) = chars.next().filter(|c| PLACE_LEVELS.contains(c)) else {
        return subject;
    };
    let department = chars.as_str();
    if department.is_empty() {
        return subject;
    }
    let from_fuller = fuller.iter().flatten().find(|f| {
        f.value.ends_with(department) && f.value.chars().count() > subject.value.chars().count()
    });
    let value = match from_fuller {
        Some(f) => f.value.clone(),
        None => match named_place(head, level) {
            Some(place) => format!("{place}{department}"),
            None => return subject,
        },
    };
    Hit { value, ..subject }
}

/// Prefixes that run into a place name before `人民政府` (`按照杭州市滨江区人民政府…`).
const PLACE_LEADS: &[&str] = &[
    "按照", "根据", "依据", "关于", "印发", "经", "由", "向", "对", "在", "和", "与", "及", "将",
    "为",
];

/// The place of the given level that the head text names before `人民政府`, preferring one
/// that starts after punctuation (so it is whole), then the longest.
fn named_place(head: &[Line<'_>], level: char) -> Option<String> {
    let mut best: Option<(bool, usize, String)> = None;
    for line in head {
        for (at, _) in line.text.match_indices("人民政府") {
            let before = line.text.get(..at).unwrap_or("");
            let run: Vec<char> = before
                .chars()
                .rev()
                .take_while(|&c| is_han(c))
                .take(21)
                .collect();
            let whole = run.len() <= 20;
            let mut place: String = run.iter().rev().take(20).collect();
            while let Some(lead) = PLACE_LEADS.iter().find(|l| place.starts_with(*l)) {
                place = place.get(lead.len()..).unwrap_or("").to_owned();
            }
            let n = place.chars().count();
            if n < 2 || !place.ends_with(level) {
                continue;
            }
            if best
                .as_ref()
                .is_none_or(|(w, len, _)| (whole, n) > (*w, *len))
            {
                best = Some((whole, n, place));
            }
        }
    }
    best.map(|(_, _, place)| place)
}

/// `信息来源:市政府办公室`, `来源：…`, `发布机构：…`: the posting office, weak evidence.
fn source_agency(head: &[Line<'_>]) -> Option<Hit<String>> {
    #[rustfmt::skip]
    const LABELS: &[&str] = &[
        "信息来源", "信息來源", "來源", "来源", "发布机构", "發佈機構", "发布机关",
    ];
    head.iter().find_map(|&line| {
        LABELS.iter().find_map(|label| {
            let at = find_word(line.text, label)? + label.len();
            let rest = line.text.get(at..)?;
            let value = skip_spaces(rest, 2);
            let value = value.strip_prefix([':', '：'])?;
            let value = skip_spaces(value, 2);
            let from = line.text.len() - value.len();
            let end = value
                .find(|c: char| c.is_whitespace() || !is_han(c))
                .unwrap_or(value.len());
            let (name, s, l) = agency_in(value.get(..end)?, from)?;
            has_agency_suffix(&name).then(|| Hit::new(name, line, s, l))
        })
    })
}

/// The signature block: an agency name alone on a line, followed by a date-like line
/// (`鹤岗市人民政府办公室` / `2021年1月27日`; also a mangled date such as `202114`).
#[cfg(test)]
fn find_signature(tail: &[Line<'_>]) -> Option<Hit<String>> {
    tail.windows(2).rev().find_map(|pair| match *pair {
        [name, date] if is_date_like(date.text) => agency_line(name),
        _ => None,
    })
}

/// [`find_signature`] and [`signed_date`] in one walk back over the tail: both read each
/// line's [`lone_date`] from the end, and the walk reads it once (mostly the last line's, where
/// both stop). `signature_and_date_is_its_definition` ties it to the two.
fn signature_and_date(tail: &[Line<'_>]) -> (Option<Hit<String>>, Option<Hit<Date>>) {
    let mut signature = None;
    let mut signed = None;
    for (i, &line) in tail.iter().enumerate().rev() {
        let lone = lone_date(line.text);
        let lone_found = lone.is_some();
        if signed.is_none() {
            if let Some((date, start, len)) = lone {
                signed = Some(Hit::new(date, line, start, len));
            }
        }
        if signature.is_none() && date_like_given(line.text, lone_found) {
            // (The line above the date, if any, names the signer.)
            if let Some(&name) = i.checked_sub(1).and_then(|above| tail.get(above)) {
                signature = agency_line(name);
            }
        }
        if signature.is_some() && signed.is_some() {
            break;
        }
    }
    (signature, signed)
}

#[cfg(test)]
fn is_date_like(text: &str) -> bool {
    date_like_given(text, lone_date(text).is_some())
}

/// [`is_date_like`] told whether `text` is a [`lone_date`] (as it is of the trimmed text, which
/// `lone_date` trims anyway).
fn date_like_given(text: &str, lone: bool) -> bool {
    let t = crate::scan::trim(text);
    // (Whether every character may be part of a date first: a sentence fails at its first
    // character, before its digits are counted.)
    lone || (t
        .chars()
        .all(|c| digit(c).is_some() || "年月日号.-/ ".contains(c))
        && t.chars().filter(|&c| digit(c).is_some()).count() >= 4)
}

// ---------------------------------------------------------------------------------------------
// Dates

/// Labels of a publication date ([`date_label_rank`] 0).
#[rustfmt::skip]
const PUBLISHED_LABELS: &[&str] = &[
    "发布日期", "发布时间", "發佈日期", "發布日期", "發佈時間", "發布時間", "发表时间",
    "發表時間", "发表日期", "發表日期", "发稿时间", "公开日期", "公開日期", "公开时间",
    "上网时间", PUBLISHED_AT,
];
/// Labels that say only "date" or "time" (rank 1).
const BARE_LABELS: &[&str] = &["日期", "时间", "時間"];
/// Labels of the date a document was written (rank 2, the weakest).
const WRITTEN_LABELS: &[&str] = &["成文日期", "成文时间", "成文時間", "印发日期"];

/// Labels before a publication date, best first; `成文` (written) is the weakest.
fn date_label_rank(label: &str) -> Option<u8> {
    if PUBLISHED_LABELS.contains(&label) {
        Some(0)
    } else if BARE_LABELS.contains(&label) {
        Some(1)
    } else if WRITTEN_LABELS.contains(&label) {
        Some(2)
    } else {
        None
    }
}

/// A date right after a label (`发布日期:2021-01-04`, `发表时间：2018-01-17 11:21:45`,
/// `发布时间 2021年1月28日`), from any head line, chrome included: the best-ranked label, the
/// first such date on a tie (the earliest line, and in it the earliest date).
///
/// The head lines lie in one stretch of `text` with only blank lines between them, so their label
/// ends are found in one search over that stretch ([`label_ends`]) rather than one per line: a
/// search's setup costs more than the few dozen bytes of most lines. A label end belongs to the
/// head line whose (possibly cut) text holds it; one past a line's cut or in a blank line is
/// no line's. The same as [`labelled_dates_in`] of each head line (tested).
fn labelled_date(text: &str, head: &HeadLines<'_, '_>) -> Option<Hit<Date>> {
    let start_of = |line: &Line<'_>| crate::scan::offset_in(text, line.text);
    let (first, last) = head.ends()?;
    let (from, to) = (start_of(&first)?, start_of(&last)? + last.text.len());
    let stretch = text.as_bytes().get(from..to)?;
    // The best so far: (rank, head index, start) and the hit.
    let mut best: Option<((u8, usize, usize), Hit<Date>)> = None;
    // The head lines are read only as far as the last label end (the search reports them in
    // order; one before the line reached starts the walk again).
    let mut lines = head.iter().enumerate().peekable();
    let mut current: Option<(usize, Line<'_>)> = None;
    label_ends(stretch, |end| {
        let at = from + end;
        if current.is_some_and(|(_, l)| start_of(&l).is_none_or(|s| s >= at)) {
            lines = head.iter().enumerate().peekable();
            current = None;
        }
        // The last head line starting before the label's end; its text must hold it.
        while let Some(next) = lines.next_if(|(_, l)| start_of(l).is_some_and(|s| s < at)) {
            current = Some(next);
        }
        let Some((index, line)) = current else {
            return;
        };
        let Some(line_start) = start_of(&line) else {
            return;
        };
        if at > line_start + line.text.len() || line.text.len() < MIN_LABELLED_DATE_BYTES {
            return;
        }
        date_after_label(line.text, at - line_start, |date, start, len| {
            let Some(rank) = label_before(line.text.get(..start).unwrap_or("")) else {
                return;
            };
            let key = (rank, index, start);
            if best.as_ref().is_none_or(|(k, _)| key < *k) {
                best = Some((key, Hit::new(date, line, start, len)));
            }
        });
    });
    best.map(|(_, hit)| hit)
}

/// The shortest labelled date: a label of two characters (`日期`, six bytes; no label is
/// shorter) and the shortest date [`date_at`] reads (`2021-1-1`, eight bytes).
const MIN_LABELLED_DATE_BYTES: usize = 14;

/// The one label of [`date_label_rank`] that ends in neither `日期`, `时间` nor `時間`.
const PUBLISHED_AT: &str = "发布于";

/// Calls `found(date, start, len)`, in no particular order, for the dates of `s` that may
/// follow a label: those of [`dates_in`] that start right after one of [`LABEL_ENDINGS`] (every
/// label of [`date_label_rank`] ends in one), with only white space and one colon between (what
/// [`label_before`] looks through). `labelled_dates_are_those_after_a_label_end` ties it to
/// [`dates_in`] and [`label_before`]. (The reader searches the whole head at once,
/// [`labelled_date`]; this per-line form is what the tests compare that with.)
#[cfg(test)]
fn labelled_dates_in(s: &str, mut found: impl FnMut(Date, usize, usize)) {
    // Most head lines of a table are shorter than the shortest labelled date (`日期2021-1-1`).
    if s.len() < MIN_LABELLED_DATE_BYTES {
        return;
    }
    label_ends(s.as_bytes(), |end| date_after_label(s, end, &mut found));
}

/// How every label of [`date_label_rank`] ends (tested): a label end is the end of one of these.
const LABEL_ENDINGS: [&str; 4] = ["日期", "时间", "時間", PUBLISHED_AT];

/// Calls `at(end)`, in no particular order, for each end of one of [`LABEL_ENDINGS`] in `bytes`
/// (the index just past it). The label before a date ends where the date's run of Han
/// characters ends ([`label_before`]), so a date after no such ending has no label.
///
/// Asked of the whole head, in one pass for the four endings together: aho-corasick's packed
/// searcher (Teddy, which matches the first bytes of every ending at once with vector
/// instructions), rather than one memchr memmem pass per ending (or per group of endings
/// sharing their first bytes): the head is most of a report, and three passes over it cost
/// more than one. No ending overlaps another or itself (none ends with what one starts with:
/// `期间于布于` against `日时時发`), so the leftmost matches that do not overlap, which the
/// searcher reports, are every occurrence. Where the packed searcher is not available (no
/// vector instructions), each ending is searched for in turn.
fn label_ends(bytes: &[u8], mut at: impl FnMut(usize)) {
    static SEARCHER: OnceLock<Option<aho_corasick::packed::Searcher>> = OnceLock::new();
    match SEARCHER.get_or_init(|| aho_corasick::packed::Searcher::new(LABEL_ENDINGS)) {
        Some(searcher) => {
            for m in searcher.find_iter(bytes) {
                at(m.end());
            }
        }
        None => label_ends_one_by_one(bytes, at),
    }
}

/// [`label_ends`] with one memchr memmem search per ending.
fn label_ends_one_by_one(bytes: &[u8], mut at: impl FnMut(usize)) {
    for ending in LABEL_ENDINGS {
        for i in memchr::memmem::find_iter(bytes, ending) {
            at(i + ending.len());
        }
    }
}

/// The date that starts in `s` after byte `end` (a label's end), past white space and one
/// colon: `found(date, start, len)`.
fn date_after_label(s: &str, end: usize, mut found: impl FnMut(Date, usize, usize)) {
    let Some(after) = s.get(end..) else { return };
    let after = after.trim_start();
    let after = after
        .strip_prefix([':', '：'])
        .unwrap_or(after)
        .trim_start();
    if let Some((date, rest)) = date_at(after) {
        found(date, s.len() - after.len(), after.len() - rest.len());
    }
}

/// The rank of the label that ends `before` (a colon and spaces allowed after it).
///
/// The label and its tails are slices of `before`, not strings built from its characters:
/// [`label_before_by_definition`] (tested) builds them.
fn label_before(before: &str) -> Option<u8> {
    let b = before.trim_end();
    let b = b.strip_suffix([':', '：']).unwrap_or(b).trim_end();
    // The byte offsets in `b` where the last (at most 6) Han characters start, last first.
    let mut starts = [0usize; 6];
    let mut count = 0;
    for (i, c) in b.char_indices().rev() {
        if count == 6 || !is_han(c) {
            break;
        }
        starts[count] = i;
        count += 1;
    }
    // The label is the longest known label at the end of the run (`信息来源市政府发布日期`).
    (2..=count).rev().find_map(|n| {
        let tail = &b[starts[n - 1]..];
        // A bare `日期`/`时间` must be the whole label, not the end of `更新日期`.
        if matches!(tail, "日期" | "时间" | "時間") && n < count {
            return None;
        }
        date_label_rank(tail)
    })
}

/// [`label_before`] as first written, with the label and its tails built as strings.
#[cfg(test)]
fn label_before_by_definition(before: &str) -> Option<u8> {
    let b = before.trim_end();
    let b = b.strip_suffix([':', '：']).unwrap_or(b).trim_end();
    let label: String = {
        let run: Vec<char> = b.chars().rev().take_while(|&c| is_han(c)).take(6).collect();
        run.into_iter().rev().collect()
    };
    // The label is the longest known label at the end of the run (`信息来源市政府发布日期`).
    (2..=label.chars().count()).rev().find_map(|n| {
        let skip = label.chars().count() - n;
        let tail: String = label.chars().skip(skip).collect();
        // A bare `日期`/`时间` must be the whole label, not the end of `更新日期`.
        if matches!(tail.as_str(), "日期" | "时间" | "時間") && skip > 0 {
            return None;
        }
        date_label_rank(&tail)
    })
}

/// A date/time stamp near the top: a line opening with a numeric date before the first section
/// heading (`2021-01-28 13:53 鹤岗市人民政府办公室`, `[2021/1/28]`). A `年月日` date there counts
/// only with a clock time: alone under a title it is the date the report was written.
fn stamp_date(head: &HeadLines<'_, '_>) -> Option<Hit<Date>> {
    let mut content = 0;
    let mut top = head.iter().take_while(|l| {
        if !l.chrome {
            content += 1;
        }
        content <= STAMP_LINES && !is_section_heading(l.text)
    });
    top.find_map(|line| {
        let t = line.text.trim_start();
        let t = t.trim_start_matches(['[', '【', '(', '（']);
        let start = line.text.len() - t.len();
        let (date, rest) = date_at(t)?;
        let len = t.len() - rest.len();
        let printed = t.get(..len)?;
        let short = rest.chars().filter(|c| !c.is_whitespace()).take(41).count() <= 40
            && !rest.contains('。');
        let numeric = !printed.contains('年');
        (short && (numeric || has_clock(rest))).then(|| Hit::new(date, line, start, len))
    })
}

/// Whether `s` starts (after spaces) with a clock time `HH:MM`.
fn has_clock(s: &str) -> bool {
    let s = skip_spaces(s, 3);
    number(s, 1, 2, digit)
        .and_then(|(_, rest)| rest.strip_prefix([':', '：']))
        .and_then(|rest| number(rest, 2, 2, digit))
        .is_some()
}

/// The signature date: the last line of the tail that is a date alone.
#[cfg(test)]
fn signed_date(tail: &[Line<'_>]) -> Option<Hit<Date>> {
    tail.iter().rev().find_map(|&line| {
        let (date, start, len) = lone_date(line.text)?;
        Some(Hit::new(date, line, start, len))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_need_nian_and_four_digits() {
        let v: Vec<i32> = year_exprs(
            "共发布信息 2020 条，2021 年度，〔2019〕60号，二〇二二年，２０２３年，12020年",
        )
        .map(|y| y.value)
        .collect();
        assert_eq!(v, [2021, 2022, 2023]);
    }

    #[test]
    fn dates_in_all_printed_forms() {
        let d = |s: &str| date_at(s).map(|(d, _)| d.to_string());
        assert_eq!(d("2021-01-28 13:53").as_deref(), Some("2021-01-28"));
        assert_eq!(d("2021/1/28").as_deref(), Some("2021-01-28"));
        assert_eq!(d("2021.01.28").as_deref(), Some("2021-01-28"));
        assert_eq!(d("2021年1月28日").as_deref(), Some("2021-01-28"));
        assert_eq!(d("2021 年 1 月 28 日").as_deref(), Some("2021-01-28"));
        assert_eq!(d("２０２１年１月２８日").as_deref(), Some("2021-01-28"));
        assert_eq!(d("二〇二一年一月二十八日").as_deref(), Some("2021-01-28"));
        assert_eq!(d("二○二一年十二月三十一日").as_deref(), Some("2021-12-31"));
        assert_eq!(d("2021-02-30"), None);
        assert_eq!(d("2021-1/28"), None);
        assert_eq!(d("2021-01-280"), None);
        assert_eq!(d("1999-01-01"), None);
    }

    #[test]
    fn chinese_small_numbers() {
        let v = |s: &str| cn_small(s).map(|(v, _)| v);
        assert_eq!(v("一"), Some(1));
        assert_eq!(v("十"), Some(10));
        assert_eq!(v("十二"), Some(12));
        assert_eq!(v("二十"), Some(20));
        assert_eq!(v("三十一日"), Some(31));
        assert_eq!(v("日"), None);
    }

    #[test]
    fn labels_are_ranked() {
        assert_eq!(label_before("发布日期:"), Some(0));
        assert_eq!(label_before("信息来源:市政府办公室 发表时间:"), Some(0));
        assert_eq!(label_before("日期："), Some(1));
        assert_eq!(label_before("成文日期："), Some(2));
        assert_eq!(label_before("更新日期："), None);
        assert_eq!(label_before("统计期限自"), None);
    }

    #[test]
    fn subjects_end_before_the_verb() {
        assert_eq!(
            subject_at("区应急管理局严格按照《杭州市"),
            Some("区应急管理局")
        );
        assert_eq!(
            subject_at("市政府办公室高度重视政府信息公开"),
            Some("市政府办公室")
        );
        assert_eq!(subject_at("我局认真贯彻"), None);
    }

    #[test]
    fn titles_name_agencies() {
        let a = |t: &str| title_agency(t).map(|(n, _, _)| n);
        assert_eq!(
            a("鹤岗市人民政府办公室2020年度政府信息公开工作报告").as_deref(),
            Some("鹤岗市人民政府办公室")
        );
        assert_eq!(
            a("安陆市2017年政府信息公开工作年度报告").as_deref(),
            Some("安陆市人民政府")
        );
        assert_eq!(
            a("2020年鹤岗市人民政府办公室政府信息公开工作年度报告").as_deref(),
            Some("鹤岗市人民政府办公室")
        );
        assert_eq!(
            a("某某市人民政府信息公开工作年度报告").as_deref(),
            Some("某某市人民政府")
        );
        assert_eq!(
            a("某某县人民政府政府信息公开工作年度报告（2022年度）").as_deref(),
            Some("某某县人民政府")
        );
        assert_eq!(a("2021 年政府信息公开工作年度报告"), None);
    }

    /// What `labelled_date` keeps of a line, the long way: every date of [`dates_in`] whose
    /// text before it ends with a label.
    fn labelled_the_long_way(s: &str) -> Vec<(Date, usize, usize, u8)> {
        dates_in(s)
            .into_iter()
            .filter_map(|(d, start, len)| {
                label_before(s.get(..start)?).map(|rank| (d, start, len, rank))
            })
            .collect()
    }

    fn labelled_the_short_way(s: &str) -> Vec<(Date, usize, usize, u8)> {
        let mut out = Vec::new();
        labelled_dates_in(s, |d, start, len| {
            if let Some(rank) = s.get(..start).and_then(label_before) {
                out.push((d, start, len, rank));
            }
        });
        out.sort_by_key(|&(_, start, ..)| start);
        out
    }

    #[test]
    fn name_punct_is_the_list() {
        let matched: String = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| is_name_punct(c))
            .collect();
        let mut listed: Vec<char> = NAME_PUNCT.chars().collect();
        listed.sort();
        assert_eq!(matched, listed.into_iter().collect::<String>());
    }

    #[test]
    fn title_words_have_the_characters_title_span_looks_for() {
        for w in REPORT_WORDS {
            assert!(w.contains(['报', '報']), "{w}");
        }
        for w in DISCLOSURE_WORDS {
            assert!(w.contains('公'), "{w}");
        }
    }

    #[test]
    fn every_label_ends_with_a_label_ending() {
        for label in PUBLISHED_LABELS
            .iter()
            .chain(BARE_LABELS)
            .chain(WRITTEN_LABELS)
        {
            assert!(date_label_rank(label).is_some(), "{label}");
            assert!(LABEL_ENDINGS.iter().any(|e| label.ends_with(e)), "{label}");
        }
    }

    /// [`label_ends`] as first written: each ending searched for on its own (the ends sorted).
    fn label_ends_by_definition(s: &str) -> Vec<usize> {
        let mut ends: Vec<usize> = LABEL_ENDINGS
            .iter()
            .flat_map(|e| s.match_indices(e).map(|(i, _)| i + e.len()))
            .collect();
        ends.sort();
        ends
    }

    #[test]
    fn labelled_dates_in_printed_forms() {
        let line = "发布日期：2021-01-04  更新时间 2021年2月3日 成文日期:: 2021-03-04 发布于 二〇二一年一月五日 上网时间２０２１／１／６";
        let got = labelled_the_short_way(line);
        assert_eq!(got, labelled_the_long_way(line));
        let dates: Vec<String> = got.iter().map(|(d, ..)| d.to_string()).collect();
        // `更新时间` is no label (a bare 时间 must be the whole label); `成文日期::` has two colons.
        assert_eq!(dates, ["2021-01-04", "2021-01-05", "2021-01-06"]);
        // The shortest labelled date is read, and is as short as one can be.
        let shortest = "日期2021-1-1";
        assert_eq!(shortest.len(), MIN_LABELLED_DATE_BYTES);
        assert_eq!(labelled_the_short_way(shortest).len(), 1);
    }

    /// [`labelled_date`] the way it was first written: each head line searched on its own.
    fn labelled_date_line_by_line(head: &[Line<'_>]) -> Option<Hit<Date>> {
        let mut best: Option<(u8, Hit<Date>)> = None;
        for &line in head {
            let mut in_line: Option<(u8, Hit<Date>)> = None;
            labelled_dates_in(line.text, |date, start, len| {
                let Some(rank) = label_before(line.text.get(..start).unwrap_or("")) else {
                    return;
                };
                if in_line
                    .as_ref()
                    .is_none_or(|(r, h)| (rank, start) < (*r, h.start))
                {
                    in_line = Some((rank, Hit::new(date, line, start, len)));
                }
            });
            if let Some((rank, hit)) = in_line {
                if best.as_ref().is_none_or(|(r, _)| rank < *r) {
                    best = Some((rank, hit));
                }
            }
        }
        best.map(|(_, hit)| hit)
    }

    /// [`agency_name`] as first written: a new string for each step.
    fn agency_name_by_definition(printed: &str) -> Option<String> {
        let mut name: String = printed.chars().filter(|c| !c.is_whitespace()).collect();
        for affix in ["关于", "關於"] {
            if let Some(rest) = name.strip_prefix(affix) {
                name = rest.to_owned();
            }
            if let Some(rest) = name.strip_suffix(affix) {
                name = rest.to_owned();
            }
        }
        let chars = name.chars().count();
        let valid = (2..=40).contains(&chars)
            && name.chars().all(|c| is_han(c) || "（）()·".contains(c))
            && name.chars().any(is_han);
        if !valid {
            return None;
        }
        if name.ends_with("人民") {
            name.push_str("政府");
        } else if name.ends_with("街道") {
            name.push_str("办事处");
        } else if is_place(&name) {
            name.push_str("人民政府");
        }
        Some(name)
    }

    /// [`year_exprs`] as first written: a forward scan asking of every character whether it
    /// starts a run of digits.
    fn year_exprs_by_definition(s: &str) -> Vec<YearExpr> {
        let mut out = Vec::new();
        let mut prev: Option<char> = None;
        for (i, c) in s.char_indices() {
            let starts_run =
                |f: fn(char) -> Option<u32>| f(c).is_some() && prev.and_then(f).is_none();
            let kind: Option<fn(char) -> Option<u32>> = if starts_run(digit) {
                Some(digit)
            } else if starts_run(cn_digit) {
                Some(cn_digit)
            } else {
                None
            };
            prev = Some(c);
            let Some(kind) = kind else { continue };
            let Some(rest) = s.get(i..) else { continue };
            let Some((value, after)) = number(rest, 4, 4, kind) else {
                continue;
            };
            let digits_end = s.len() - after.len();
            let Some(after) = skip_spaces(after, 2).strip_prefix('年') else {
                continue;
            };
            let after = after.strip_prefix('度').unwrap_or(after);
            out.push(YearExpr {
                value: value as i32,
                start: i,
                digits_end,
                end: s.len() - after.len(),
            });
        }
        out
    }

    #[test]
    fn part_numerals_are_those_of_the_list() {
        for c in ('\0'..='\u{FFFF}').chain(['\u{10000}', '\u{20000}']) {
            assert_eq!(
                is_part_numeral(c),
                "一二三四五六七八九十".contains(c),
                "{c}"
            );
        }
    }

    #[test]
    fn a_label_past_a_cut_line_is_not_read() {
        // The line is cut at MAX_LINE_BYTES inside the label: its date is not the line's.
        let filler = "字".repeat((MAX_LINE_BYTES - 6) / 3);
        let text = format!("标题\n{filler}发布日期2021-01-04\n\n日期 2022-02-03\n");
        let doc = Document::new(text);
        let head = head_lines(&doc, &|_, _| false);
        let got = labelled_date(doc.text(), &HeadLines::built(&doc, head.clone()));
        assert_eq!(got, labelled_date_line_by_line(&head));
        assert_eq!(
            got.map(|h| (h.value.to_string(), h.no)),
            Some(("2022-02-03".into(), 4))
        );
    }

    #[test]
    fn disclosure_starts_end_in_one_disclosure_word() {
        for w in DISCLOSURE_STARTS {
            let lead = w.strip_suffix("公开").or_else(|| w.strip_suffix("公開"));
            assert!(lead.is_some_and(|l| !l.contains('公')), "{w}");
        }
    }

    #[test]
    fn white_space_starts_with_a_byte_agency_name_looks_for() {
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
        {
            let mut buf = [0u8; 4];
            let first = c.encode_utf8(&mut buf).as_bytes()[0];
            assert!(
                first.is_ascii_whitespace() || matches!(first, 0x0B | 0xC2 | 0xE1 | 0xE2 | 0xE3),
                "{c:?}"
            );
        }
    }

    #[test]
    fn title_chrome_starts_with_a_first_character_looked_for() {
        // Each marker is found at its own start: its first character is one looked for.
        for m in TITLE_CHROME {
            assert_eq!(title_chrome_start(m), Some(0), "{m}");
        }
    }

    #[test]
    fn no_title_has_a_not_title_word() {
        for w in NOT_TITLE_WORDS {
            assert_eq!(title_chars(w), None, "{w}");
            assert_eq!(title_chars(&format!("某某局{w}年度报告")), None, "{w}");
        }
    }

    proptest::proptest! {
        /// The signature and the signed date found in one walk are those of the two walks:
        /// agency lines (chrome or not, long or short), dates alone, in brackets, with text
        /// after them, mangled dates and other lines, in every order.
        #[test]
        fn signature_and_date_is_its_definition(
            lines in proptest::collection::vec((proptest::sample::select(vec![
                "某某县人民政府办公室", " 某某市应急管理局 ", "某某县人民政府办公室某某县人民政府办公室某某县人民政府办公室",
                "2021年1月27日", "（2021年1月27日）", " 2021-01-27 ", "2021年1月27日 起", "202114",
                "2021年1月", "二〇二一年一月二十七日", "附件", "一、总体情况", "12", "",
            ]), proptest::bool::weighted(0.2)), 0..8),
        ) {
            let tail: Vec<Line<'_>> = lines
                .iter()
                .enumerate()
                .map(|(i, &(text, chrome))| Line { no: i as u32 + 1, text, chrome })
                .collect();
            proptest::prop_assert_eq!(
                signature_and_date(&tail),
                (find_signature(&tail), signed_date(&tail))
            );
        }

        /// The label before a date read from slices is the one read from built strings: Han
        /// runs shorter and longer than 6, labels whole and at a run's end, colons and spaces.
        #[test]
        fn label_before_is_its_definition(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "发布日期", "日期", "时间", "時間", "更新", "成文", "发表时间", "信息来源", "市政府",
                "发", "期", "𠀀", "〇", "a", " ", "\u{3000}", ":", "：", "，",
            ]), 0..8),
        ) {
            let s = pieces.concat();
            proptest::prop_assert_eq!(label_before(&s), label_before_by_definition(&s));
        }

        /// The word searches agree with the standard library's.
        #[test]
        fn word_search_like_std(
            text in "[报告公开年度政府信息人民a:：]{0,16}|\\PC{0,12}",
            word in "[报告公开年度政府信息人民a:：]{0,3}",
        ) {
            proptest::prop_assert_eq!(find_word(&text, &word), text.find(word.as_str()));
            proptest::prop_assert_eq!(rfind_word(&text, &word), text.rfind(word.as_str()));
        }

        /// One walk over a title's characters tells what the searches for each mark and word
        /// do.
        #[test]
        fn title_chars_is_its_definition(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "某某市人民政府", "2021年", "政府信息公开", "工作", "年度报告", " ", "\u{3000}", "\t",
                ">", "＞", "»", "›", "。", "，", ",", "；", ";", "：", ":", "《", "》", "“", "”",
                "如下", "如", "下", "现将", "現將", "根据", "根據", "依据", "依據", "依", "按照",
                "印发", "印發", "印", "通知", "通", "以下简称", "以下", "以", "一、", "报", "公",
            ]), 0..12),
        ) {
            let t = pieces.concat();
            let by_definition = (!t.contains(['>', '＞', '»', '›'])
                && !t.contains(['。', '，', ',', '；', ';', '：', ':', '《', '》', '“'])
                && !NOT_TITLE_WORDS.iter().any(|w| t.contains(w)))
            .then(|| t.chars().filter(|c| !c.is_whitespace()).count());
            proptest::prop_assert_eq!(title_chars(&t), by_definition);
        }

        /// Agency names are cleaned as the plain definition does: white space dropped, `关于`
        /// cut, the character test, the completion of places.
        #[test]
        fn agency_name_is_its_definition(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "关于", "關於", " ", "\u{3000}", "\t", "某某", "市", "区", "县", "人民", "政府",
                "街道", "开发区", "社区", "局", "（", "）", "(", ")", "·", "a", "1", "、", "镇",
            ]), 0..10),
        ) {
            let printed = pieces.concat();
            proptest::prop_assert_eq!(agency_name(&printed), agency_name_by_definition(&printed));
        }

        /// Years read backwards from each `年` are those of the forward scan: digits of every
        /// kind, runs of every length, white space, `年`, `度` and other text.
        #[test]
        fn year_exprs_is_its_definition(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "2021", "202", "1", "０", "２０２３", "二〇二二", "二", "〇", "○", "零", "十", "年",
                "度", " ", "  ", "\u{3000}", "\t", "共", "条", "〔", "〕", "a", "，", "。",
            ]), 0..14),
        ) {
            let s = pieces.concat();
            let got: Vec<_> = year_exprs(&s).map(|y| (y.value, y.start, y.digits_end, y.end)).collect();
            let expected: Vec<_> = year_exprs_by_definition(&s)
                .iter()
                .map(|y| (y.value, y.start, y.digits_end, y.end))
                .collect();
            proptest::prop_assert_eq!(got, expected);
        }

        /// The disclosure part starts where the earliest of its words does.
        #[test]
        fn disclosure_start_is_its_definition(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "政府", "信息", "資訊", "政务", "政務", "公开", "公開", "公", "开", "某某市", "人民",
                "2021年", "工作", "年度报告", "政府信息公开", "信息公開",
            ]), 0..10),
        ) {
            let t = pieces.concat();
            let by_definition = DISCLOSURE_STARTS.iter().filter_map(|w| t.find(w)).min();
            proptest::prop_assert_eq!(disclosure_start(&t), by_definition);
        }

        /// The title's chrome starts where the first of its markers does.
        #[test]
        fn title_chrome_start_is_its_definition(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "发布日期", "发布", "發佈時間", "发表时间", "信息来源", "信息", "来源:", "来源",
                "浏览次数", "点击数", "字号", "字", "【", "|", "｜", "_", "某某局", "2021年", "报告",
                " ", "：",
            ]), 0..10),
        ) {
            let t = pieces.concat();
            let by_definition = TITLE_CHROME.iter().filter_map(|m| t.find(m)).min();
            proptest::prop_assert_eq!(title_chrome_start(&t), by_definition);
        }

        /// The title found in one walk that stops at a character no title has is the title
        /// found after a walk to the chrome and one over the part before it.
        #[test]
        fn title_span_is_its_definition(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "某某市人民政府", "2021年", "政府信息公开", "工作", "年度报告", "报告", "公开", " ",
                "\u{3000}", ">", "＞", "»", "›", "。", "，", ",", "；", ";", "：", ":", "《", "》",
                "“", "”", "如下", "根据", "发布日期", "发布", "发", "信息来源", "来源:", "来源",
                "浏览次数", "点击数", "字号", "【", "|", "｜", "_", "一、",
            ]), 0..12),
        ) {
            let t = pieces.concat();
            proptest::prop_assert_eq!(title_span(&t), title_span_by_definition(&t));
        }

        /// The head and tail lines told by the lines' records are those told by the lines:
        /// blank lines of every white space, chrome, and lines longer than the cut whose
        /// first [`MAX_LINE_BYTES`] are blank or not; the head read lazily is the head built, and
        /// so are its ends and the labelled date found in it.
        #[test]
        fn head_and_tail_of_records_as_of_lines(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "发布日期:2021-01-04", "某某局2021年政府信息公开工作年度报告", "登录 | 注册", "\n",
                "\n\n", "\r\n", " ", "\u{3000}", "\t", "\u{b}", "\u{85}", "12", "一、总体情况",
                "LONG_BLANK", "LONG_TEXT", "某某局\n2021年1月5日", "MANY_LINES", "MANY_CHROME",
                "2021年政府信息公开工作年度报告", "某某县人民政府办公室", "信息来源:某某县应急管理局",
                "2021年，县应急管理局严格按照", "2021-01-28 13:53", "日期：2021-01-06",
                "统计期限自2020年1月1日起至2020年12月31日", "LONG_LABEL",
            ]), 0..40),
        ) {
            let text: String = pieces
                .iter()
                .map(|p| match *p {
                    "LONG_BLANK" => " ".repeat(MAX_LINE_BYTES + 3) + "x",
                    "LONG_TEXT" => "字".repeat(MAX_LINE_BYTES / 3 + 2),
                    "LONG_LABEL" => " ".repeat(MAX_LINE_BYTES - 8) + "发布日期:2021-01-04",
                    "MANY_LINES" => "行\n".repeat(50),
                    "MANY_CHROME" => "登录 | 注册\n".repeat(200),
                    p => p.to_string(),
                })
                .collect();
            let doc = Document::new(text);
            let records = crate::tokens::tokenize_content(&doc).lines;
            let chrome = |_: u32, t: &str| is_chrome(t);
            let by_line = |lines: Vec<Line<'_>>| -> Vec<(u32, usize, bool)> {
                lines.iter().map(|l| (l.no, l.text.len(), l.chrome)).collect()
            };
            let head = head_of_records(&doc, &records);
            let tail = tail_of_records(&doc, &records);
            let lazy = HeadLines::of_records(&doc, &records);
            proptest::prop_assert_eq!(by_line(lazy.iter().collect()), by_line(head.clone()));
            let ends = |l: Option<(Line<'_>, Line<'_>)>| l.map(|(a, b)| by_line(vec![a, b]));
            let built = HeadLines::built(&doc, head.clone());
            proptest::prop_assert_eq!(ends(lazy.ends()), ends(built.ends()));
            proptest::prop_assert_eq!(
                labelled_date(doc.text(), &lazy),
                labelled_date(doc.text(), &built)
            );
            proptest::prop_assert_eq!(by_line(head), by_line(head_lines(&doc, &chrome)));
            proptest::prop_assert_eq!(by_line(tail), by_line(tail_lines(&doc, &chrome)));
            proptest::prop_assert_eq!(read_meta_of(&doc, &records), read_meta(&doc));
        }

        /// The one search over the head finds what searching each head line does: lines made
        /// of labels, dates, separators, blank lines and line breaks of every kind.
        #[test]
        fn labelled_date_of_the_head_is_that_of_its_lines(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "发布日期", "发布时间", "发布于", "成文日期", "日期", "时间", "期间", ":", " ",
                "2021-01-04", "2021年1月5日", "2021-1-1", "二〇二一年一月五日", "12", "\n", "\n\n",
                "\r\n", "\r", "\n  \n", "标题", "于", "期",
            ]), 0..24),
            chrome_every in 0usize..4,
        ) {
            let doc = Document::new(pieces.concat());
            let chrome = |no: u32, _: &str| chrome_every > 0 && (no as usize).is_multiple_of(chrome_every);
            let head = head_lines(&doc, &chrome);
            proptest::prop_assert_eq!(
                labelled_date(doc.text(), &HeadLines::built(&doc, head.clone())),
                labelled_date_line_by_line(&head)
            );
        }

        /// The search finds every label ending, and only those: texts of the endings,
        /// the characters sharing their first bytes (`日时旧早无`, `時`, `发`) and others.
        #[test]
        fn label_ends_are_those_of_each_ending(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "日期", "时间", "時間", "发布于", "日", "时", "期", "间", "間", "旧", "早", "无",
                "時", "发布", "发", "于", "日时间", "时日期", " ", "2021", "\n", "a", "é",
            ]), 0..16),
            noise in "\\PC{0,6}",
        ) {
            let s = format!("{}{noise}", pieces.concat());
            let mut ends = Vec::new();
            label_ends(s.as_bytes(), |end| ends.push(end));
            ends.sort();
            proptest::prop_assert_eq!(&ends, &label_ends_by_definition(&s));
            let mut one_by_one = Vec::new();
            label_ends_one_by_one(s.as_bytes(), |end| one_by_one.push(end));
            one_by_one.sort();
            proptest::prop_assert_eq!(one_by_one, ends);
        }

        /// The search from label ends finds exactly the labelled dates of the full scan: lines
        /// made of labels, separators, dates in every printed form and other text.
        #[test]
        fn labelled_dates_are_those_after_a_label_end(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "发布日期", "发布时间", "发布于", "發佈時間", "更新时间", "日期", "时间", "成文日期",
                "上网时间", "期间", "于", ":", "：", " ", "\u{3000}", "::", "2021-01-04",
                "2021年1月5日", "2021-1-1", "二〇二一年一月五日", "２０２１／１／６", "2021.1.7", "12",
                "20210", "年", "信息来源", "。", "abc", "(", "【",
            ]), 0..10),
            noise in "\\PC{0,6}",
        ) {
            let s = format!("{}{noise}", pieces.concat());
            proptest::prop_assert_eq!(labelled_the_short_way(&s), labelled_the_long_way(&s));
        }
    }
}
