//! Lines → tokens: the cells of a text, whatever its layout.
//!
//! Published text comes with one cell per line (seeds 000, 003), `|`-separated rows with empty
//! filler cells (001), tab-separated rows with merged label cells flattened (004), or columns
//! aligned with runs of spaces. All become one stream of tokens in reading order: text (labels,
//! prose), values, and — for lines that hold several cells — empty cells. The recognizer reads
//! tables by label from this stream, so it does not depend on the layout.

use crate::document::Document;
use crate::value::{may_end_value, parse_token, parse_trimmed, Printed};

/// What a token is.
#[derive(Debug, Clone, PartialEq)]
pub enum TokenKind {
    /// Words: a label, a heading, prose.
    Text,
    /// A number or a not-applicable mark.
    Value(Printed),
    /// An empty cell of a line that holds several cells.
    Empty,
}

/// One cell of the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Token<'a> {
    pub kind: TokenKind,
    /// The printed text, trimmed.
    pub text: &'a str,
    /// 1-based line.
    pub line: u32,
    /// Byte offset of `text` in its line.
    pub start: usize,
    /// 1-based column of `text` in its line, in characters.
    pub col: u32,
    /// Whether this token is the first of its line.
    pub first_in_line: bool,
    /// Whether the token is the only thing on its line.
    pub whole_line: bool,
}

/// Splits a document into tokens, skipping the lines `skip(line number, text)` says are not
/// content (site chrome), and page numbers.
pub fn tokenize<'a>(doc: &'a Document, skip: impl Fn(u32, &str) -> bool) -> Vec<Token<'a>> {
    let mut out = Vec::with_capacity(token_estimate(doc));
    // The cells of one line, reused from line to line.
    let mut cells = Vec::new();
    for (no, line) in doc.lines() {
        // Trimmed once, and the trimmed text passed on: indented lines are common.
        let trimmed = crate::scan::trim(line);
        if trimmed.is_empty() || skip(no, line) || is_page_number(line) {
            continue;
        }
        let value = parse_trimmed(trimmed);
        let whole = Line::new(line, trimmed);
        tokenize_line(
            no,
            whole,
            is_single_cell(whole),
            value,
            &mut cells,
            &mut out,
        );
    }
    out
}

/// Every line's record ([`LineInfo`], its chrome test among the rest) and the document's tokens,
/// in one pass over the lines: each line is trimmed and parsed once, for both. (The same as
/// [`LineInfo::of_line`] of every line, and [`tokenize`] skipping the chrome lines.)
pub struct Content<'a> {
    /// `lines[i]`: what the pass knows of line `i + 1`, for the readers that walk the lines
    /// after it (prose, metadata, kept texts), so that they do not trim and classify them again.
    pub lines: Vec<LineInfo>,
    pub tokens: Vec<Token<'a>>,
}

impl Content<'_> {
    /// Whether line `no` (1-based) is site chrome; `false` past the end.
    pub fn is_chrome(&self, no: u32) -> bool {
        LineInfo::of(&self.lines, no).is_some_and(|l| l.kind == LineKind::Chrome)
    }
}

/// What the tokenizing pass knows of one line, for the readers that walk the lines after it:
/// where its trimmed text is, and what kind of line it is. Small (12 bytes): one is kept for
/// every line of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineInfo {
    /// Byte offset of the line's trimmed text ([`crate::scan::trim`]) in the document's text
    /// (0 for a blank line). (Offsets are `u32`, as line numbers and columns are: texts are far
    /// shorter than 4 GiB.)
    pub start: u32,
    /// Length in bytes of the trimmed text.
    pub len: u32,
    pub kind: LineKind,
    /// Whether the trimmed text reads as prose on its own
    /// ([`crate::prose::statements::is_trimmed_prose`]; `false` for a blank line): told here,
    /// remembered with the line's facts, so the prose reader's walk over the lines need not.
    pub prose: bool,
    /// Whether the line holds a cell separator anywhere ([`has_cell_separator`] of the whole
    /// line; `false` for a blank line): a table row, to the prose reader.
    pub table_row: bool,
}

/// The kinds of line [`LineInfo`] tells apart, in the order they are told: the first that
/// applies is the line's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Nothing but white space.
    Blank,
    /// Site chrome ([`crate::chrome::is_chrome`]).
    Chrome,
    /// Page furniture ([`is_page_number`]).
    PageNumber,
    /// ASCII digits alone, at most fifteen, with no tab around them: a plain number, one cell.
    Digits,
    /// One cell ([`is_single_cell`]): no cell separator anywhere in the line (nor a wide gap
    /// inside its text).
    Cell,
    /// Not one cell: a separator (a table row), or a wide gap.
    Cells,
}

impl LineInfo {
    /// The record of a blank line: it has no text to point at.
    pub const BLANK: LineInfo = LineInfo {
        start: 0,
        len: 0,
        kind: LineKind::Blank,
        prose: false,
        table_row: false,
    };

    /// The record of line `no` (1-based) of `lines`, if there is one.
    #[inline]
    pub fn of(lines: &[LineInfo], no: u32) -> Option<&LineInfo> {
        (no as usize).checked_sub(1).and_then(|i| lines.get(i))
    }

    /// The line's trimmed text, in `text` (the document's text it was made from).
    #[inline]
    pub fn trimmed<'t>(&self, text: &'t str) -> &'t str {
        let start = self.start as usize;
        text.get(start..start + self.len as usize).unwrap_or("")
    }

    /// The record of `line` (at byte `at` of its document's text) by the definitions each kind
    /// names, one test after the other: what [`tokenize_content`] fills in its pass, and what a
    /// reader given no such pass makes of its lines ([`LineInfo::of_document`]).
    pub fn of_line(line: &str, at: usize) -> LineInfo {
        let trimmed = crate::scan::trim(line);
        let lead = leading_space(line, trimmed);
        if trimmed.is_empty() {
            return LineInfo::BLANK;
        }
        let kind = if crate::chrome::is_chrome(line) {
            LineKind::Chrome
        } else if is_page_number(line) {
            LineKind::PageNumber
        } else if !is_single_cell(Line::new(line, trimmed)) {
            LineKind::Cells
        } else if trimmed.len() <= 15 && trimmed.bytes().all(|b| b.is_ascii_digit()) {
            LineKind::Digits
        } else {
            LineKind::Cell
        };
        let prose = crate::prose::statements::is_trimmed_prose(trimmed.as_bytes());
        LineInfo::new(at + lead, trimmed, kind, prose, has_cell_separator(line))
    }

    /// Every line's record by [`LineInfo::of_line`].
    pub fn of_document(doc: &Document) -> Vec<LineInfo> {
        let text = doc.text();
        doc.lines()
            .map(|(_, line)| {
                LineInfo::of_line(line, crate::scan::offset_in(text, line).unwrap_or(0))
            })
            .collect()
    }

    /// The record of a line whose trimmed text `trimmed` starts at byte `start`.
    #[inline]
    fn new(start: usize, trimmed: &str, kind: LineKind, prose: bool, table_row: bool) -> LineInfo {
        LineInfo {
            start: start as u32,
            len: trimmed.len() as u32,
            kind,
            prose,
            table_row,
        }
    }
}

/// [`Content`] of a document.
pub fn tokenize_content(doc: &Document) -> Content<'_> {
    let text = doc.text();
    // Every line blank unless set: half the lines of a text are, and are passed without a
    // store.
    let mut lines = vec![LineInfo::BLANK; doc.line_count() as usize];
    let mut out = Vec::with_capacity(token_estimate(doc));
    let mut cells = Vec::new();
    crate::chrome::with_line_facts(|line_facts| {
        // (Empty lines are blank, and passed over.)
        for (no, line) in doc.non_empty_lines() {
            let trimmed = crate::scan::trim(line);
            // (Both slices of `text`: their offsets are told by their addresses.)
            let at = (trimmed.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
            if trimmed.is_empty() {
                continue;
            }
            let whole = Line::new(line, trimmed);
            let tab_around = has_tab_around(whole);
            // (`separator`: one in the trimmed text; a tab can also be in the white space
            // around it.)
            let mut record = |kind, prose, separator: bool| {
                if let Some(r) = (no as usize).checked_sub(1).and_then(|i| lines.get_mut(i)) {
                    *r = LineInfo::new(at, trimmed, kind, prose, separator || tab_around);
                }
            };
            // A value is never chrome; on a line of its own it is the line's token. Plain numbers,
            // the commonest values, are read at once; any other line is looked up with its chrome
            // test ([`crate::chrome::line_facts`]).
            let plain_read = crate::value::plain_digits(trimmed);
            let plain = plain_read.is_some();
            // (Whether the line is met again and its tokens are not kept: kept once made.)
            let mut keep_row = false;
            // (Digits hold no separator and no gap: a line of them is one cell, but for a tab
            // around them.)
            // (Digits are prose by their number alone, ten at least: [`is_trimmed_prose`].)
            let (value, is_chrome, one_text, single_cell, prose, separator) =
                match plain_read.flatten() {
                    Some(p) => (Some(p), false, false, true, trimmed.len() >= 10, false),
                    None => match line_facts.known_or_cells(trimmed) {
                        (Some(remembered), _) => {
                            // A row met before, as it is now (the same white space around it): its
                            // tokens as they were made then.
                            match remembered.row.get() {
                                Some(row) if row.fits(line, trimmed) => {
                                    let facts = &remembered.facts;
                                    record(LineKind::Cells, facts.prose, facts.separator);
                                    row.push_tokens(no, line, &mut out);
                                    continue;
                                }
                                Some(_) => {}
                                None => keep_row = true,
                            }
                            let facts = &remembered.facts;
                            (
                                facts.value.clone(),
                                facts.chrome,
                                facts.one_text,
                                facts.single_cell,
                                facts.prose,
                                facts.separator,
                            )
                        }
                        (None, long_cells) => {
                            let facts = match long_cells {
                                Some(single) => crate::chrome::facts_of_cells(trimmed, single),
                                None => crate::chrome::facts_of(trimmed),
                            };
                            line_facts.remember(trimmed, &facts);
                            (
                                facts.value,
                                facts.chrome,
                                facts.one_text,
                                facts.single_cell,
                                facts.prose,
                                facts.separator,
                            )
                        }
                    },
                };
            if is_chrome {
                record(LineKind::Chrome, prose, separator);
                continue;
            }
            if may_be_page_number(line, trimmed) && is_page_number(line) {
                record(LineKind::PageNumber, prose, separator);
                continue;
            }
            // A label or heading seen before, known to be one text token: the line's token at once
            // (what [`tokenize_line`] makes of it, unless a tab around it makes it a row).
            let one_cell = if plain {
                LineKind::Digits
            } else {
                LineKind::Cell
            };
            if one_text && !tab_around {
                // (Digits with a leading zero, `00`, are no value: text.)
                record(one_cell, prose, separator);
                out.push(Token {
                    kind: TokenKind::Text,
                    text: trimmed,
                    line: no,
                    start: whole.lead,
                    col: 1 + line.get(..whole.lead).map_or(0, chars_in),
                    first_in_line: true,
                    whole_line: true,
                });
                continue;
            }
            // (Whether the line is one cell, told by its trimmed text, remembered, and the tabs
            // around it.)
            let single = single_cell && !tab_around;
            record(
                if single { one_cell } else { LineKind::Cells },
                prose,
                separator,
            );
            // (A value alone, the commonest line of a table printed one cell per line: its
            // token here, as [`tokenize_line`] makes it, without the call.)
            if single {
                if let Some(p) = value {
                    out.push(lone_value(no, whole, p));
                    continue;
                }
            }
            let first = out.len();
            tokenize_line(no, whole, single, value, &mut cells, &mut out);
            // A row's tokens are kept with its facts when the row is met a second time: the rows
            // of a table printed in every report come back, most others (their figures) do not.
            if !single && keep_row {
                if let Some(row) = out
                    .get(first..)
                    .and_then(|tokens| RowTokens::of(whole, tokens))
                {
                    line_facts.remember_row(trimmed, row);
                }
            }
        }
    });
    Content { lines, tokens: out }
}

/// The tokens of a table row as [`tokenize_line`] made them, kept with the row's facts
/// ([`crate::chrome::Remembered`]): a row met again as it was (a header row, a row of zeros,
/// printed alike in every report) gets them again rather than being split and read again.
/// Each token is kept by where it is in the line; the line's white space around its trimmed
/// text is kept too, as the tokens depend on it (a tab there makes a cell).
pub(crate) struct RowTokens {
    /// The white space before the trimmed text, then the white space after it.
    around: Box<str>,
    /// Bytes of `around` before the trimmed text.
    lead: usize,
    tokens: Box<[RowToken]>,
}

/// A token of a [`RowTokens`]: its text by its place in the line (`at`, `len`).
struct RowToken {
    kind: TokenKind,
    at: u32,
    len: u32,
    start: u32,
    col: u32,
    first_in_line: bool,
    whole_line: bool,
}

impl RowTokens {
    /// The tokens of `line`, as made of it (all in `line.text`); `None` if one is not.
    fn of(line: Line<'_>, tokens: &[Token<'_>]) -> Option<RowTokens> {
        let text = line.text;
        let before = text.get(..line.lead)?;
        let after = text.get(line.lead + line.trimmed.len()..)?;
        // (Reserved at once: a row's tokens are a dozen or so, and a collect through `Option`
        // would grow its vector token by token.)
        let mut kept = Vec::with_capacity(tokens.len());
        for t in tokens {
            kept.push(RowToken {
                kind: t.kind.clone(),
                at: u32::try_from(crate::scan::offset_in(text, t.text)?).ok()?,
                len: u32::try_from(t.text.len()).ok()?,
                start: u32::try_from(t.start).ok()?,
                col: t.col,
                first_in_line: t.first_in_line,
                whole_line: t.whole_line,
            });
        }
        Some(RowTokens {
            // (Most rows have none: nothing to copy.)
            around: if before.is_empty() && after.is_empty() {
                Box::default()
            } else {
                [before, after].concat().into_boxed_str()
            },
            lead: before.len(),
            tokens: kept.into_boxed_slice(),
        })
    }

    /// Whether `line` (trimmed: `trimmed`) is the line these tokens were made of, told that its
    /// trimmed text is: whether the white space around that is the same.
    #[inline]
    fn fits(&self, line: &str, trimmed: &str) -> bool {
        let around = self.around.as_bytes();
        let lead = leading_space(line, trimmed);
        lead == self.lead
            && line.len() - trimmed.len() == around.len()
            && line.as_bytes().get(..lead) == around.get(..lead)
            && line.as_bytes().get(lead + trimmed.len()..) == around.get(lead..)
    }

    /// The tokens, of line `no` (`line`, the line they were made of), into `out`.
    fn push_tokens<'a>(&self, no: u32, line: &'a str, out: &mut Vec<Token<'a>>) {
        out.extend(self.tokens.iter().map(|t| {
            let at = t.at as usize;
            Token {
                kind: t.kind.clone(),
                text: line.get(at..at + t.len as usize).unwrap_or(""),
                line: no,
                start: t.start as usize,
                col: t.col,
                first_in_line: t.first_in_line,
                whole_line: t.whole_line,
            }
        }));
    }
}

/// Whether a trimmed line (trimmed, not empty and not a value) is one text token on a line of
/// its own: one cell (`single_cell`, its [`is_single_cell_text`]) that [`split_parsed_cell`]
/// leaves whole as text. (Of a line with white space around it, a tab there may still make it
/// a row: see [`has_tab_around`].)
pub(crate) fn is_one_text(t: &str, single_cell: bool) -> bool {
    debug_assert!(parse_trimmed(t).is_none(), "is_one_text of a value: {t:?}");
    if !single_cell {
        return false;
    }
    // (Most texts are left whole at once: told so without making their token.)
    if is_whole_text(t) {
        return true;
    }
    let mut tokens = Vec::new();
    split_parsed_cell(0, t, 0, None, &mut tokens);
    matches!(tokens.as_slice(), [only] if only.kind == TokenKind::Text && only.text.len() == t.len())
}

/// Whether a trimmed line, on a line of its own, is one cell ([`is_single_cell`]). Of a line
/// with white space around its trimmed text, the same but for a tab there
/// ([`has_tab_around`]): the white space holds no other separator, and gaps count only inside
/// the trimmed text.
pub(crate) fn is_single_cell_text(t: &str) -> bool {
    is_single_cell(Line {
        text: t,
        trimmed: t,
        lead: 0,
    })
}

/// Whether the white space around a line's trimmed text has a tab: the one separator white
/// space can hold, which [`is_single_cell`] looks for in the whole line.
#[inline]
fn has_tab_around(line: Line<'_>) -> bool {
    // (Most lines have no white space around their text: told so at once.)
    if line.text.len() == line.trimmed.len() {
        return false;
    }
    let bytes = line.text.as_bytes();
    let around = |r: Option<&[u8]>| r.is_some_and(|r| r.contains(&b'\t'));
    (line.lead > 0 && around(bytes.get(..line.lead)))
        || around(bytes.get(line.lead + line.trimmed.len()..))
}

/// Room for the tokens of a document, reserved once, not grown token by token: reports print a
/// token every 11 to 18 bytes (tab and bar rows the densest, up to 7 a line), so a tenth of the
/// bytes, bounded by 8 a line, is enough in every layout without reserving much more than is
/// used.
fn token_estimate(doc: &Document) -> usize {
    (doc.text().len() / 10).min(doc.line_count() as usize * 8) + 16
}

/// A line with its text trimmed ([`crate::scan::trim`]), and where that starts in it.
#[derive(Clone, Copy)]
struct Line<'a> {
    text: &'a str,
    trimmed: &'a str,
    /// Bytes of white space before `trimmed`.
    lead: usize,
}

impl<'a> Line<'a> {
    /// `trimmed` must be `crate::scan::trim(text)`.
    fn new(text: &'a str, trimmed: &'a str) -> Line<'a> {
        debug_assert_eq!(trimmed, crate::scan::trim(text));
        Line {
            text,
            trimmed,
            lead: leading_space(text, trimmed),
        }
    }
}

/// Where the cells of a line go, one by one, as a splitter finds them: `(byte offset, text)`,
/// `text` untrimmed, and `col`, the 1-based column (in characters) of the byte offset. (A
/// vector collects them; a row's tokens are made from them at once.)
trait CellSink<'a> {
    fn cell(&mut self, offset: usize, raw: &'a str, col: u32);
}

impl<'a> CellSink<'a> for Vec<(usize, &'a str)> {
    fn cell(&mut self, offset: usize, raw: &'a str, _col: u32) {
        self.push((offset, raw));
    }
}

/// The tokens of a row's cells, made as the splitter finds them: `multi` says whether the line
/// has several cells (then an empty one is a token).
struct RowCells<'o, 'a> {
    no: u32,
    multi: bool,
    out: &'o mut Vec<Token<'a>>,
}

impl<'a> CellSink<'a> for RowCells<'_, 'a> {
    #[inline]
    fn cell(&mut self, offset: usize, raw: &'a str, col: u32) {
        cell_tokens(self.no, offset, raw, col, self.multi, self.out);
    }
}

/// The tokens of one cell (`raw`, at byte `offset` of its line, untrimmed, and at column `col`)
/// into `out`, their columns set.
#[inline]
fn cell_tokens<'a>(
    no: u32,
    offset: usize,
    raw: &'a str,
    col: u32,
    multi: bool,
    out: &mut Vec<Token<'a>>,
) {
    let text = trim_cell(raw);
    let lead = leading_space(raw, text);
    let start = offset + lead;
    // (Cells seldom have white space in front: most tokens are at the cell's column.)
    let col = col.wrapping_add(chars_in_bytes(raw.as_bytes().get(..lead).unwrap_or(&[])));
    let at = |kind| Token {
        col,
        ..token(no, text, start, kind)
    };
    if text.is_empty() {
        if multi {
            out.push(at(TokenKind::Empty));
        }
        return;
    }
    // Most labels end in a character no value ends in ([`may_end_value`]; every ASCII
    // character may): their token at once, as [`split_parsed_cell`] would make it, without
    // reading them as a value, which they cannot be either.
    if !crate::value::may_end_as_value(text) {
        out.push(at(TokenKind::Text));
        return;
    }
    // (A value, the commonest cell of a row, is pushed here without the call.)
    match parse_trimmed(text) {
        Some(p) => out.push(at(TokenKind::Value(p))),
        None => {
            let first = out.len();
            split_parsed_cell(no, text, start, None, out);
            set_columns(text.as_bytes(), start, col, &mut out[first..]);
        }
    }
}

/// Sets the columns of `tokens`, all of them in `text` (at byte `start` of its line, column
/// `col`), in order: counted along the text once, from one token to the next.
fn set_columns(text: &[u8], start: usize, mut col: u32, tokens: &mut [Token<'_>]) {
    let mut byte = start;
    for t in tokens {
        if let Some(skipped) = text.get(byte - start..t.start.wrapping_sub(start)) {
            col = col.wrapping_add(chars_in_bytes(skipped));
            byte = t.start;
        }
        t.col = col;
    }
}

/// [`crate::scan::trim`] of a cell. The spaces around a cell between bars (` 0 `) are dropped
/// first, and the trim then finds the commonest cells with nothing left to trim: the same text
/// as the trim of the whole cell, at the same place (ASCII white space is white space), unless
/// nothing is left: then the trim of the cell is taken as it is, its place included.
/// (A cell of ASCII white space alone, the empty cells of a bar row, trims to the empty text at
/// its start, as [`str::trim`] gives it.)
/// (A cell with nothing to trim, most cells of a tab row, is told so from its first and last
/// bytes at once.)
#[inline]
fn trim_cell(raw: &str) -> &str {
    if crate::scan::is_trimmed_nonempty(raw) {
        return raw;
    }
    let inner = raw.trim_ascii();
    if inner.is_empty() {
        return raw.get(..0).unwrap_or("");
    }
    match crate::scan::trim(inner) {
        "" => crate::scan::trim(raw),
        text => text,
    }
}

/// The tokens of a line of several cells into `out`: rows split at tabs or bars (several cells
/// whenever there is a separator) go cell by cell to their tokens; space-aligned columns are
/// collected first (`v`, a buffer reused from line to line), as whether the line is split at
/// all depends on them.
fn cells_to_tokens<'a>(
    no: u32,
    line: Line<'a>,
    v: &mut Vec<(usize, &'a str)>,
    out: &mut Vec<Token<'a>>,
) {
    let Line {
        text: line,
        trimmed,
        ..
    } = line;
    let bytes = line.as_bytes();
    let mut row = RowCells {
        no,
        multi: true,
        out,
    };
    if memchr::memchr(b'\t', bytes).is_some() {
        split_at_tabs(line, &mut row);
    } else if has_bar(bytes) {
        split_at_bars(line, &mut row);
    } else {
        v.clear();
        split_on_wide_gaps(line, has_wide_gap(trimmed), v);
        let multi = v.len() > 1;
        let (mut byte, mut col) = (0, 1u32);
        for &(offset, raw) in v.iter() {
            // (Pieces in order: the column counted along the line once.)
            if let Some(skipped) = bytes.get(byte..offset) {
                col = col.wrapping_add(chars_in_bytes(skipped));
                byte = offset;
            }
            cell_tokens(no, offset, raw, col, multi, row.out);
        }
    }
}

/// The pieces of `line` between tabs, with their offsets, to `v`. The tabs are found eight
/// bytes at a time ([`crate::scan::bytes_equal`]): rows are long, their cells a few bytes each.
/// (Each cell's column is counted in the same pass: see [`Columns`].)
fn split_at_tabs<'a>(line: &'a str, v: &mut impl CellSink<'a>) {
    split_at(
        line,
        v,
        |word| crate::scan::bytes_equal(word, b'\t'),
        |b| b == b'\t',
        |_, _| Some(1),
    );
}

/// The pieces of `line` between separators, with their offsets, to `v`: `marks(word)` marks
/// (the high bit of each byte) the bytes of eight that may start one, `may_start(byte)` the same
/// of one byte, and `separator_at(bytes, i)` says whether one starts at byte `i` and its length
/// (a separator is one character). Candidates are found eight bytes at a time, and each cell's
/// column counted in the same pass ([`Columns`]).
#[inline(always)]
fn split_at<'a>(
    line: &'a str,
    v: &mut impl CellSink<'a>,
    marks: impl Fn(u64) -> u64,
    may_start: impl Fn(u8) -> bool,
    separator_at: impl Fn(&[u8], usize) -> Option<usize>,
) {
    let bytes = line.as_bytes();
    let (words, rest) = bytes.as_chunks::<8>();
    let mut start = 0;
    let mut start_col = 1;
    let mut cols = Columns::default();
    // A candidate at byte `i`, `before` continuation bytes before it: if a separator, the cell
    // before it, and the next starting after it (the separator is one character).
    let mut cut = |i: usize, before: u32, start: &mut usize, start_col: &mut u32| {
        if let Some(len) = separator_at(bytes, i) {
            v.cell(*start, line.get(*start..i).unwrap_or(""), *start_col);
            *start = i + len;
            *start_col = Columns::col(i, before).wrapping_add(1);
        }
    };
    for (w, &word) in words.iter().enumerate() {
        let word = u64::from_le_bytes(word);
        let mut found = marks(word);
        cols.word(word);
        while found != 0 {
            let k = found.trailing_zeros() / 8;
            cut(
                w * 8 + k as usize,
                cols.before(k),
                &mut start,
                &mut start_col,
            );
            found &= found - 1;
        }
        cols.next_word();
    }
    for (j, &b) in rest.iter().enumerate() {
        if may_start(b) {
            cut(
                words.len() * 8 + j,
                cols.before_word,
                &mut start,
                &mut start_col,
            );
        }
        cols.before_word += u32::from(is_continuation(b));
    }
    v.cell(start, line.get(start..).unwrap_or(""), start_col);
}

/// Whether a byte continues a character in UTF-8 (`10xxxxxx`).
#[inline]
fn is_continuation(b: u8) -> bool {
    (b as i8) < -0x40
}

/// The count of continuation bytes (`10xxxxxx`) a splitter keeps as it goes through a line eight
/// bytes at a time: the column of a byte is its offset less the continuation bytes before it.
#[derive(Default)]
struct Columns {
    /// Continuation bytes before the current word.
    before_word: u32,
    /// The continuation bytes of the current word: the high bit of each.
    marks: u64,
}

impl Columns {
    /// The 1-based column of byte `i`, with `before` continuation bytes before it.
    #[inline]
    fn col(i: usize, before: u32) -> u32 {
        (i as u32).wrapping_sub(before).wrapping_add(1)
    }

    /// Takes the next word (little-endian) of the line.
    #[inline]
    fn word(&mut self, w: u64) {
        // A byte's bit 6 shifted to its bit 7 (a byte's bit 7 goes to the next one's bit 0,
        // masked off): the high bit is left on the bytes with bit 7 set and bit 6 clear.
        self.marks = w & !(w << 1) & 0x8080_8080_8080_8080;
    }

    /// Continuation bytes before byte `k` (0 to 7) of the current word.
    #[inline]
    fn before(&self, k: u32) -> u32 {
        let below = (1u64 << (8 * k)).wrapping_sub(1);
        self.before_word + Columns::count(self.marks & below)
    }

    /// Done with the current word.
    #[inline]
    fn next_word(&mut self) {
        self.before_word += Columns::count(self.marks);
    }

    /// The number of high bits set in `marks` (only high bits of bytes set): the eight 0/1
    /// bytes summed into the top byte (at most 8: no carry) — a multiplication, where
    /// `count_ones` is a dozen operations on processors without a population count.
    #[inline]
    fn count(marks: u64) -> u32 {
        ((marks >> 7).wrapping_mul(0x0101_0101_0101_0101) >> 56) as u32
    }
}

/// The pieces of `line` between bars (`|` or `｜`), with their offsets, to `v`. Bytes, not
/// characters: `|` and the lead byte EF of `｜` (EF BD 9C) never occur inside another
/// character's encoding, nor do the bytes after EF start a bar. Candidates are found eight
/// bytes at a time ([`crate::scan::bytes_equal`]).
/// (Each cell's column is counted in the same pass: see [`Columns`].)
fn split_at_bars<'a>(line: &'a str, v: &mut impl CellSink<'a>) {
    split_at(
        line,
        v,
        |word| crate::scan::bytes_equal(word, b'|') | crate::scan::bytes_equal(word, 0xEF),
        |b| b == b'|' || b == 0xEF,
        |bytes, i| match bytes.get(i) {
            Some(b'|') => Some(1),
            Some(0xEF) => (bytes.get(i + 1..i + 3) == Some(&[0xBD, 0x9C])).then_some(3),
            _ => None,
        },
    );
}

/// Space-aligned columns (`label      5     0`): split on runs of two or more spaces (an
/// ideographic space counts as two) — but only when at least two of the pieces are values,
/// so that prose with a double space stays whole.
/// Whether a trimmed line has a run of two or more spaces (or an ideographic space).
fn has_wide_gap(trimmed: &str) -> bool {
    // Two spaces, an ideographic space (E3 80 80), or a space and a no-break space (20 C2 A0):
    // each starts with a space or E3, which memchr finds; the bytes after are then compared.
    // Spaces are few in Chinese text, but E3 leads many of its marks (`、`, `。`): the spaces are
    // found one by one, the ideographic space by a searcher for all of its bytes.
    let t = trimmed.as_bytes();
    memchr::memchr_iter(b' ', t).any(|i| {
        let after = t.get(i + 1..).unwrap_or(&[]);
        after.starts_with(b" ") || after.starts_with(&[0xC2, 0xA0])
    }) || ideographic_space().find(t).is_some()
}

/// A searcher for the ideographic space U+3000 (built once).
fn ideographic_space() -> &'static memchr::memmem::Finder<'static> {
    static FINDER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("\u{3000}"));
    &FINDER
}

/// (`wide_gap`: whether the line [`has_wide_gap`].)
fn split_on_wide_gaps<'a>(line: &'a str, wide_gap: bool, pieces: &mut Vec<(usize, &'a str)>) {
    if !wide_gap {
        pieces.push((0, line));
        return;
    }
    let mut start = 0;
    let mut gap_start = None;
    let mut gap_width = 0;
    for (i, c) in line.char_indices() {
        if c.is_whitespace() {
            if gap_start.is_none() {
                gap_start = Some(i);
                gap_width = 0;
            }
            gap_width += if c == '\u{3000}' || c == '\t' { 2 } else { 1 };
        } else if let Some(gs) = gap_start.take() {
            if gap_width >= 2 && gs > start {
                pieces.push((start, &line[start..gs]));
                start = i;
            } else if gap_width >= 2 {
                start = i;
            }
        }
    }
    pieces.push((start, &line[start..]));
    let values = pieces
        .iter()
        .filter(|(_, p)| parse_token(p).is_some())
        .count();
    if pieces.len() <= 1 || values < 2 {
        pieces.clear();
        pieces.push((0, line));
    }
}

/// The tokens of a line; `single_cell` is [`is_single_cell`] of it, `value` is
/// [`parse_trimmed`] of the trimmed line.
fn tokenize_line<'a>(
    no: u32,
    whole: Line<'a>,
    single_cell: bool,
    value: Option<Printed>,
    cells_buf: &mut Vec<(usize, &'a str)>,
    out: &mut Vec<Token<'a>>,
) {
    let line = whole.text;
    // One cell on its own line (seeds 000, 003 and all prose): no splitting, no allocation.
    if single_cell {
        // A value alone (most lines of a table printed one cell per line): its token at once.
        if let Some(p) = value {
            out.push(lone_value(no, whole, p));
            return;
        }
        let text = whole.trimmed;
        let start = whole.lead;
        let first = out.len();
        split_parsed_cell(no, text, start, value, out);
        let count = out.len() - first;
        let mut col = 1 + line.get(..start).map_or(0, chars_in);
        let mut byte = start;
        for t in out[first..].iter_mut() {
            if let Some(skipped) = line.get(byte..t.start) {
                col += chars_in(skipped);
                byte = t.start;
            }
            t.col = col;
        }
        if let Some(t) = out.get_mut(first) {
            t.first_in_line = true;
            t.whole_line = count == 1;
        }
        return;
    }
    let first_index = out.len();
    // (Character columns are counted by the splitters, once along the line: a huge one-line
    // input stays linear.)
    cells_to_tokens(no, whole, cells_buf, out);
    let row = &mut out[first_index..];
    // (The only token of a line, when it is not empty, is its only non-empty one.)
    let count = row.len();
    if let Some(first) = row.iter_mut().find(|t| !matches!(t.kind, TokenKind::Empty)) {
        first.first_in_line = true;
        first.whole_line = count == 1;
    }
}

/// The token of a value alone on line `no` (one cell: `whole`, its trimmed text `p`).
#[inline(always)]
fn lone_value(no: u32, whole: Line<'_>, p: Printed) -> Token<'_> {
    let start = whole.lead;
    Token {
        kind: TokenKind::Value(p),
        text: whole.trimmed,
        line: no,
        start,
        col: 1 + whole.text.get(..start).map_or(0, chars_in),
        first_in_line: true,
        whole_line: true,
    }
}

/// The number of characters in `s`: most pieces skipped between tokens are empty (a line's
/// first token, one-cell lines), told so without the call into the general count.
#[inline]
fn chars_in(s: &str) -> u32 {
    chars_in_bytes(s.as_bytes())
}

/// [`chars_in`] of the bytes of UTF-8 text (a part cut at character boundaries). (One byte so
/// cut is one ASCII character: the space before a cell between bars, counted at once.)
#[inline]
fn chars_in_bytes(b: &[u8]) -> u32 {
    match b.len() {
        0 => 0,
        1 => 1,
        _ => count_chars(b),
    }
}

/// The characters of UTF-8 text: its bytes but for the continuation bytes (`10xxxxxx`), these
/// counted eight at a time (the pieces between tokens are a few to a few dozen bytes: too
/// short for the general count to pay its setup). ([`crate::document::chars_in`] counts the
/// same with fewer instructions a word on long texts; here, on short pieces, it measured
/// 0.25M instructions more over 300 reports: both are kept, each tested.)
#[inline]
fn count_chars(b: &[u8]) -> u32 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let (words, rest) = b.as_chunks::<8>();
    let mut continuation = 0u64;
    for &word in words {
        let w = u64::from_le_bytes(word);
        // A byte's bit 6 shifted to its bit 7 (a byte's bit 7 goes to the next one's bit 0,
        // masked off): the high bit is left on the bytes with bit 7 set and bit 6 clear.
        let marks = (w & !(w << 1) & HIGH) >> 7;
        // The eight 0/1 bytes summed into the top byte (at most 8: no carry).
        continuation += marks.wrapping_mul(0x0101_0101_0101_0101) >> 56;
    }
    let tail = rest.iter().filter(|&&x| (x as i8) < -0x40).count() as u64;
    (b.len() as u64 - continuation - tail) as u32
}

/// Lines up to this many bytes are classified by [`is_single_cell`] in one plain pass over
/// their bytes: shorter than the setup of the two memchr searches it replaces.
const SHORT_LINE_BYTES: usize = 64;

/// Whether a line is one cell: neither a separator ([`has_cell_separator`]) nor a wide gap
/// ([`has_wide_gap`]). Short lines (values, labels, most headings) are looked at in one pass
/// over their bytes; longer ones by the two searches.
fn is_single_cell(line: Line<'_>) -> bool {
    let Line {
        text: line,
        trimmed,
        lead,
    } = line;
    if line.len() > SHORT_LINE_BYTES {
        return !has_cell_separator(line) && !has_wide_gap(trimmed);
    }
    let bytes = line.as_bytes();
    // Wide gaps count only inside the trimmed line.
    let inside = |i: usize| i >= lead && i < lead + trimmed.len();
    for (i, &b) in bytes.iter().enumerate() {
        // Separators and gaps start with one of these bytes; the rest are passed at once.
        if !STARTS_SEPARATOR_OR_GAP[b as usize] {
            continue;
        }
        let after = bytes.get(i + 1..).unwrap_or(&[]);
        let found = match b {
            b'\t' | b'|' => true,
            0xEF => after.starts_with(&[0xBD, 0x9C]),
            // (The gap's second part is then inside the trimmed line too: that ends with no
            // white space.)
            b' ' => (after.starts_with(b" ") || after.starts_with(&[0xC2, 0xA0])) && inside(i),
            _ => after.starts_with(&[0x80, 0x80]) && inside(i),
        };
        if found {
            return false;
        }
    }
    true
}

/// The bytes that can start a separator or a wide gap: tab, `|`, space, and the lead bytes of
/// `｜` (EF) and of the ideographic space (E3).
static STARTS_SEPARATOR_OR_GAP: [bool; 256] = {
    let mut table = [false; 256];
    table[b'\t' as usize] = true;
    table[b'|' as usize] = true;
    table[b' ' as usize] = true;
    table[0xE3] = true;
    table[0xEF] = true;
    table
};

/// Bytes of white space before `trimmed` (`crate::scan::trim(s)`) in `s`: where the trimmed
/// text starts in `s`, told from the addresses of the two (`trimmed` is a part of `s`) rather
/// than by trimming again. (A text of white space alone trims to an empty text at its start,
/// but all of it is leading space.)
fn leading_space(s: &str, trimmed: &str) -> usize {
    if trimmed.is_empty() {
        return s.len();
    }
    // (`crate::scan::offset_in` without its checks: every line passes here, and `trimmed` is
    // a part of `s` by construction.)
    let lead = (trimmed.as_ptr() as usize).wrapping_sub(s.as_ptr() as usize);
    debug_assert_eq!(lead, s.len() - s.trim_start().len());
    lead
}

/// Whether a line holds a tab or a bar (either width) between cells: a scan of the bytes, not
/// of decoded characters.
pub fn has_cell_separator(line: &str) -> bool {
    // `｜` is EF BD 9C, found by a searcher for all three bytes: EF alone leads most of the
    // full-width marks of Chinese text (`，`, `（`, `：`), and a search stopping at each of them
    // costs more than a second pass.
    let bytes = line.as_bytes();
    memchr::memchr2(b'\t', b'|', bytes).is_some() || has_wide_bar(bytes)
}

/// Whether a line has a bar, `|` or `｜`.
fn has_bar(bytes: &[u8]) -> bool {
    memchr::memchr(b'|', bytes).is_some() || has_wide_bar(bytes)
}

/// Whether a line has a full-width bar `｜` (by a searcher built once).
fn has_wide_bar(bytes: &[u8]) -> bool {
    static FINDER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new("｜"));
    FINDER.find(bytes).is_some()
}

/// [`has_cell_separator`] as first written: one search for the first bytes of the separators.
#[cfg(test)]
fn has_cell_separator_by_first_bytes(line: &str) -> bool {
    let bytes = line.as_bytes();
    memchr::memchr3_iter(b'\t', b'|', 0xEF, bytes)
        .any(|i| bytes.get(i) != Some(&0xEF) || bytes.get(i + 1..i + 3) == Some(&[0xBD, 0x9C]))
}

/// One cell's text (trimmed): a value, a run of values (`0 0 0 0`), a label followed by values
/// (`（七）总计 5 0 0`), or text; `value` is [`parse_trimmed`] of the cell. (Its words are
/// trimmed too: they are split at white space.)
fn split_parsed_cell<'a>(
    no: u32,
    text: &'a str,
    start: usize,
    value: Option<Printed>,
    out: &mut Vec<Token<'a>>,
) {
    if let Some(p) = value {
        out.push(token(no, text, start, TokenKind::Value(p)));
        return;
    }
    if is_whole_text(text) {
        out.push(token(no, text, start, TokenKind::Text));
        return;
    }
    // Words separated by white space, with their offsets.
    let words: Vec<(usize, &str)> = text
        .split(char::is_whitespace)
        .scan(0usize, |pos, w| {
            let at = *pos;
            *pos += w.len()
                + text[at + w.len()..]
                    .chars()
                    .next()
                    .map_or(0, char::len_utf8);
            Some((at, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    let trailing = words
        .iter()
        .rev()
        .take_while(|(_, w)| parse_trimmed(w).is_some())
        .count();
    if trailing == 0 || (trailing == 1 && words.len() > 1 && !looks_like_row_end(&words)) {
        out.push(token(no, text, start, TokenKind::Text));
        return;
    }
    let split = words.len() - trailing;
    if split > 0 {
        let label_end = words[split - 1].0 + words[split - 1].1.len();
        out.push(token(no, &text[..label_end], start, TokenKind::Text));
    }
    for &(at, w) in &words[split..] {
        if let Some(p) = parse_trimmed(w) {
            out.push(token(no, w, start + at, TokenKind::Value(p)));
        }
    }
}

/// Whether a cell's text (trimmed, not a value) is one text token as it stands, told without
/// looking at its words: only trailing words that are values split a cell, and its last word
/// is not one (most labels and sentences). (The cells it does not tell may still be whole.)
fn is_whole_text(text: &str) -> bool {
    // (Most labels end in a character no value ends in: told from it alone, without the
    // reverse search through their characters.)
    if !text.chars().next_back().is_some_and(may_end_value) {
        return true;
    }
    let last_word = last_word(text);
    last_word.len() == text.len() || parse_trimmed(last_word).is_none()
}

/// What follows the last white space character of `text` ([`char::is_whitespace`]), or all of
/// it: the last piece of its split at white space. Found from the end by the bytes that can
/// start white space ([`crate::scan::may_start_space`]; they are never inside a character),
/// rather than by decoding every character back to it.
fn last_word(text: &str) -> &str {
    let bytes = text.as_bytes();
    let mut i = bytes.len();
    while i > 0 {
        i -= 1;
        if bytes
            .get(i)
            .is_some_and(|&b| crate::scan::may_start_space(b))
        {
            if let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) {
                if c.is_whitespace() {
                    return text.get(i + c.len_utf8()..).unwrap_or("");
                }
            }
        }
    }
    text
}

/// A single trailing number after words is a value only when the words end a label, not a
/// sentence (`行政许可 12` yes; `共收到 12` would be prose, but prose rarely ends in a bare
/// number after a space): accept unless the words end with sentence punctuation.
fn looks_like_row_end(words: &[(usize, &str)]) -> bool {
    let n = words.len();
    n >= 2
        && !words[n - 2]
            .1
            .ends_with(['。', '，', ',', '：', ':', '；', ';', '年', '月', '日'])
}

fn token(no: u32, text: &str, start: usize, kind: TokenKind) -> Token<'_> {
    Token {
        kind,
        text,
        line: no,
        start,
        col: 0,
        first_in_line: false,
        whole_line: false,
    }
}

impl Token<'_> {
    /// Where the token is in the source.
    pub fn source(&self) -> gongkai_model::Source {
        gongkai_model::Source::Text {
            line: self.line,
            column: self.col,
            len: self.text.chars().count() as u32,
            alone: self.whole_line,
        }
    }
}

/// Lines longer than this are never page furniture ([`is_page_number`]).
const MAX_PAGE_NUMBER_BYTES: usize = 48;

/// Whether [`is_page_number`] may say yes to `line` (trimmed: `trimmed`): page furniture is
/// short and starts with a dash or `第`, told from the first byte (`-`, or the lead byte E2 of
/// `—` and `–`, EF of `－`, E7 of `第`) without the call.
#[inline]
fn may_be_page_number(line: &str, trimmed: &str) -> bool {
    line.len() <= MAX_PAGE_NUMBER_BYTES
        && matches!(trimmed.as_bytes().first(), Some(b'-' | 0xE2 | 0xE7 | 0xEF))
        // (Those lead bytes start many other characters too, `（` and most of the ideographs
        // from U+7000 among them: the first character is then compared whole.)
        && trimmed.starts_with(['-', '—', '–', '－', '第'])
}

/// Page furniture from paged documents: `-1-`, `- 2 -`, `— 3 —`, `第 3 页`, `第3页 共5页`.
pub fn is_page_number(line: &str) -> bool {
    if line.len() > MAX_PAGE_NUMBER_BYTES {
        return false;
    }
    // Page furniture starts with a dash or 第 (after white space): decide the rest at once,
    // most lines by the first byte alone (see [`may_be_page_number`]).
    let start = crate::scan::trim_start(line);
    if !matches!(start.as_bytes().first(), Some(b'-' | 0xE2 | 0xE7 | 0xEF))
        || !start.starts_with(['-', '—', '–', '－', '第'])
    {
        return false;
    }
    // `第` does not start a dashed number, and a page one always has 页: table labels such as
    // `第二十条第（一）项` are told so without a copy of the line.
    if start.starts_with('第') && !line.contains('页') {
        return false;
    }
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() || t.chars().count() > 12 {
        return false;
    }
    let inner = t
        .trim_start_matches(['-', '—', '–', '－'])
        .trim_end_matches(['-', '—', '–', '－']);
    let dashed = inner.len() < t.len()
        && t.starts_with(['-', '—', '–', '－'])
        && t.ends_with(['-', '—', '–', '－'])
        && !inner.is_empty()
        && inner.chars().all(|c| c.is_ascii_digit());
    let page = t.starts_with('第')
        && (t.ends_with('页') || t.contains("页共"))
        && t.chars().any(|c| c.is_ascii_digit());
    dashed || page
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The one pass over a short line says what the two searches say.
        #[test]
        fn single_cell_as_the_searches_say(
            line in "[ \t|｜\u{3000}\u{a0}a0规章、】]{0,12}|\\PC{0,20}"
        ) {
            let trimmed = crate::scan::trim(&line);
            prop_assert_eq!(
                is_single_cell(Line::new(&line, trimmed)),
                !has_cell_separator(&line) && !has_wide_gap(trimmed),
                "{:?}", line
            );
        }

        /// A cell's trim, its spaces dropped first, is the trim of the cell, at the same place.
        #[test]
        fn cell_trim_like_the_trim(s in "[ \t\u{3000}\u{a0}\u{b}\u{85}]{0,3}[a规0 \u{3000}]{0,3}[ \t\r\u{3000}\u{a0}\u{b}]{0,3}|[ \t\r\n\u{c}]{0,4}|\\PC{0,8}") {
            prop_assert_eq!(trim_cell(&s), crate::scan::trim(&s));
            prop_assert_eq!(trim_cell(&s).as_ptr(), crate::scan::trim(&s).as_ptr());
        }

        /// Every token's column is its place in its line in characters, counted from the
        /// line's start (rows of tabs, bars and wide gaps, cells split into words, long lines).
        #[test]
        fn columns_are_counted_characters(
            parts in proptest::collection::vec(
                "[ \t|｜\u{3000}\u{a0}]{1,3}|规章|（七）总计|行政许可 12|[0-9]{1,3}|—|无|\\PC{0,4}",
                0..24,
            ),
        ) {
            let text = parts.concat();
            let doc = Document::new(text.clone());
            for t in tokenize(&doc, |_, _| false) {
                let before = doc
                    .lines()
                    .find(|&(no, _)| no == t.line)
                    .and_then(|(_, l)| l.get(..t.start))
                    .map(|b| b.chars().count() + 1);
                prop_assert_eq!(Some(t.col as usize), before, "{:?} {:?}", text, t);
            }
        }

        /// A line is one cell as its trimmed text is, but for a tab around that.
        #[test]
        fn single_cell_as_its_trimmed_text(
            line in "[ \t\u{3000}\u{a0}]{0,3}([ \t|｜\u{3000}\u{a0}a0规章、】]{0,12}|\\PC{0,30}|[规a ]{60,70})[ \t\u{3000}\u{a0}]{0,3}"
        ) {
            let trimmed = crate::scan::trim(&line);
            if !trimmed.is_empty() {
                let whole = Line::new(&line, trimmed);
                prop_assert_eq!(
                    is_single_cell(whole),
                    is_single_cell_text(trimmed) && !has_tab_around(whole),
                    "{:?}", line
                );
            }
        }

        /// The count of characters eight bytes at a time is the count.
        #[test]
        fn chars_in_counts_characters(s in "\\PC{0,40}|[ |\t规\u{80}-\u{7ff}𠀀a]{0,40}") {
            prop_assert_eq!(chars_in(&s) as usize, s.chars().count());
        }

        /// The searches for whole separators and gaps find what the searches for their first
        /// bytes found.
        #[test]
        fn separators_and_gaps_as_searched_by_first_bytes(
            line in "[ \t|｜\u{3000}\u{a0}\u{ff5d}\u{ff1c}，、a0规]{0,40}|\\PC{0,60}"
        ) {
            prop_assert_eq!(has_cell_separator(&line), has_cell_separator_by_first_bytes(&line));
            prop_assert_eq!(has_bar(line.as_bytes()), line.contains('|') || line.contains('｜'));
            let trimmed = crate::scan::trim(&line);
            prop_assert_eq!(has_wide_gap(trimmed), has_wide_gap_by_first_bytes(trimmed));
        }

        /// The split at tabs and bars finds the cells the byte-by-byte search for separators
        /// does.
        #[test]
        fn splits_like_the_separator_search(
            line in "[ \t|｜\u{ff5d}\u{ff1c}a0规]{0,24}|\\PC{0,30}"
        ) {
            let (mut tabs, mut expected) = (Vec::new(), Vec::new());
            split_at_tabs(&line, &mut tabs);
            split_at_separators(&line, |b| (b.first() == Some(&b'\t')).then_some(1), &mut expected);
            prop_assert_eq!(&tabs, &expected);
            let (mut bars, mut expected) = (Vec::new(), Vec::new());
            split_at_bars(&line, &mut bars);
            split_at_separators(
                &line,
                |b| match b {
                    [b'|', ..] => Some(1),
                    [0xEF, 0xBD, 0x9C, ..] => Some('｜'.len_utf8()),
                    _ => None,
                },
                &mut expected,
            );
            prop_assert_eq!(&bars, &expected);
        }

        /// A line the first-byte test passes by is no page number.
        #[test]
        fn page_numbers_pass_the_first_byte_test(
            line in "[ \u{3000}]{0,2}[-—–－第0-9 页共]{0,8}|\\PC{0,12}"
        ) {
            if is_page_number(&line) {
                prop_assert!(may_be_page_number(&line, crate::scan::trim(&line)), "{:?}", line);
            }
        }

        /// The one pass gives every line's chrome test and the tokens of the lines that are
        /// not chrome, as the two separate passes do.
        #[test]
        fn content_in_one_pass_as_in_two(
            lines in proptest::collection::vec(
                "[ \t|0-9规章登录注册首页第页—\\-]{0,10}|登录 \\| 注册|-[0-9]-|\\PC{0,12}",
                0..12,
            ),
        ) {
            let doc = Document::new(lines.join("\n"));
            let content = tokenize_content(&doc);
            let chrome: Vec<bool> = doc
                .lines()
                .map(|(_, l)| crate::chrome::is_chrome(l))
                .collect();
            let tokens = tokenize(&doc, |no, _| chrome[no as usize - 1]);
            let content_chrome: Vec<bool> = (1..=doc.line_count()).map(|no| content.is_chrome(no)).collect();
            prop_assert_eq!(&content_chrome, &chrome);
            prop_assert_eq!(&content.lines, &LineInfo::of_document(&doc));
            prop_assert_eq!(content.tokens, tokens);
        }

        /// Each line's record from the one pass is what the definitions of its fields say:
        /// its trimmed text ([`crate::scan::trim`]), and its kind the first of blank,
        /// [`crate::chrome::is_chrome`], [`is_page_number`], not [`is_single_cell`], plain
        /// digits, one cell. (Lines of every white space, bars, tabs, full-width forms, long.)
        #[test]
        fn line_records_as_defined(
            lines in proptest::collection::vec(
                "[ \t\r|｜\u{3000}\u{a0}\u{b}\u{85}\u{c}]{0,3}([0-9a规章，。：、（）｜|\t \u{3000}\u{ff10}-\u{ff19}\\-—第页共登录注册首页]{0,14}|\\PC{0,20}|[规a 0。]{100,140}|[0-9]{1,17}|登录 \\| 注册|- 3 -|第3页)[ \t\u{3000}\u{a0}\u{b}\u{85}]{0,3}",
                0..12,
            ),
        ) {
            let doc = Document::new(lines.join("\n"));
            let content = tokenize_content(&doc);
            prop_assert_eq!(content.lines.len(), doc.line_count() as usize);
            for ((no, line), record) in doc.lines().zip(&content.lines) {
                let trimmed = crate::scan::trim(line);
                let expected = if trimmed.is_empty() {
                    LineKind::Blank
                } else if crate::chrome::is_chrome(line) {
                    LineKind::Chrome
                } else if is_page_number(line) {
                    LineKind::PageNumber
                } else if !(!has_cell_separator(line) && !has_wide_gap(trimmed)) {
                    LineKind::Cells
                } else if trimmed.len() <= 15 && trimmed.chars().all(|c| c.is_ascii_digit()) {
                    LineKind::Digits
                } else {
                    LineKind::Cell
                };
                prop_assert_eq!(record.kind, expected, "{:?}", line);
                prop_assert_eq!(record.trimmed(doc.text()), trimmed, "{:?}", line);
                if !trimmed.is_empty() {
                    prop_assert_eq!(
                        Some(record.start as usize),
                        crate::scan::offset_in(doc.text(), trimmed),
                    );
                }
                prop_assert_eq!(content.is_chrome(no), expected == LineKind::Chrome);
            }
        }

        /// Lines met again and again (a label of every report, a long header row), with and
        /// without white space and tabs around them, are tokenized from what is remembered of
        /// them as they were before: as the plain pass does.
        #[test]
        fn remembered_lines_as_in_two_passes(
            lines in proptest::collection::vec(
                ("[ \t\u{3000}]{0,2}", "规章|行政许可 12|（一）予以公开|共收到 12|a  5  6|登录 \\| 注册|第3页|0|05|12件|—|-3|\\PC{0,8}|规章规章规章(\t[0-9]{0,2}){28,40}|(信息内容 \\| [0-9]{0,2}){8,12}|首页 \\| 注册 \\| 登录(\t大 中 小){12}|版权所有：[规章 ]{90,130}", "[ \t\u{3000}]{0,2}")
                    .prop_map(|(a, b, c)| format!("{a}{b}{c}")),
                0..12,
            ),
        ) {
            let doc = Document::new(lines.join("\n"));
            let chrome: Vec<bool> = doc
                .lines()
                .map(|(_, l)| crate::chrome::is_chrome(l))
                .collect();
            let tokens = tokenize(&doc, |no, _| chrome[no as usize - 1]);
            for _ in 0..3 {
                let content = tokenize_content(&doc);
                prop_assert!((1..=doc.line_count()).all(|no| content.is_chrome(no) == chrome[no as usize - 1]));
                prop_assert_eq!(&content.lines, &LineInfo::of_document(&doc));
                prop_assert_eq!(&content.tokens, &tokens);
                // (The same texts, at the same places: readers take offsets from them.)
                prop_assert!(content.tokens.iter().zip(&tokens).all(|(a, b)| a.text.as_ptr() == b.text.as_ptr()));
            }
        }

        /// The last word found from the end is the last piece of the split at white space.
        #[test]
        fn last_word_as_the_split_gives_it(
            t in "[a规0 \t\u{3000}\u{a0}\u{85}\u{2003}\u{1680}、。．]{0,12}|\\PC{0,12}"
        ) {
            prop_assert_eq!(last_word(&t), t.rsplit(char::is_whitespace).next().unwrap_or(&t));
        }

        /// Whether a line is one text token, told at once of most, is what its tokens say.
        #[test]
        fn one_text_as_its_tokens_say(
            t in "规章|行政许可 12|共收到 12|a  5  6|12件|（一）予以公开|第3页|0|—|[规a0-9件 \u{3000}.]{1,10}|\\PC{1,10}"
        ) {
            let t = crate::scan::trim(&t);
            if !t.is_empty() && parse_trimmed(t).is_none() {
                let mut tokens = Vec::new();
                split_parsed_cell(0, t, 0, None, &mut tokens);
                let by_tokens = matches!(
                    tokens.as_slice(),
                    [only] if only.kind == TokenKind::Text && only.text.len() == t.len()
                );
                prop_assert_eq!(is_one_text(t, true), by_tokens, "{:?}", t);
                prop_assert!(!is_one_text(t, false));
            }
        }

        /// The shortcut in `split_parsed_cell` never hides a value: whatever `parse_token` reads ends
        /// in a character `may_end_value` admits.
        #[test]
        fn every_value_ends_as_may_end_value_says(
            v in "[增减+\\-－＋]?[0-9０-９]{1,7}([.,．，][0-9]{1,3})?(万元|元|件|条|项|个|家|起|次|人次)?|[/／\\\\—―─－–×]|——|--|无|空|不适用|N/A|n/a|缺|缺失|（缺）|\\(缺\\)"
        ) {
            if parse_token(&v).is_some() {
                prop_assert!(v.chars().next_back().is_some_and(may_end_value), "{}", v);
            }
        }
    }

    /// [`has_wide_gap`] as first written: one search for the first bytes of the gaps.
    fn has_wide_gap_by_first_bytes(trimmed: &str) -> bool {
        let t = trimmed.as_bytes();
        memchr::memchr2_iter(b' ', 0xE3, t).any(|i| {
            let after = t.get(i + 1..).unwrap_or(&[]);
            match t.get(i) {
                Some(b' ') => after.starts_with(b" ") || after.starts_with(&[0xC2, 0xA0]),
                _ => after.starts_with(&[0x80, 0x80]),
            }
        })
    }

    /// The pieces of `line` between separators (the definition [`split_at_tabs`] and
    /// [`split_at_bars`] are tested against); `sep(bytes)` says whether a separator starts the
    /// bytes given, and its length. Bytes, not characters: the separators' first bytes (ASCII, or
    /// a lead byte) never occur inside another character's encoding.
    fn split_at_separators<'a>(
        line: &'a str,
        sep: impl Fn(&[u8]) -> Option<usize>,
        v: &mut Vec<(usize, &'a str)>,
    ) {
        let bytes = line.as_bytes();
        let mut start = 0;
        let mut i = 0;
        while let Some(rest) = bytes.get(i..).filter(|r| !r.is_empty()) {
            match sep(rest) {
                Some(len) => {
                    v.push((start, line.get(start..i).unwrap_or("")));
                    i += len;
                    start = i;
                }
                None => i += 1,
            }
        }
        v.push((start, line.get(start..).unwrap_or("")));
    }

    fn kinds(text: &str) -> Vec<(String, &'static str)> {
        let doc = Document::new(text.to_string());
        tokenize(&doc, |_, _| false)
            .into_iter()
            .map(|t| {
                let k = match t.kind {
                    TokenKind::Text => "T",
                    TokenKind::Value(_) => "V",
                    TokenKind::Empty => "E",
                };
                (t.text.to_string(), k)
            })
            .collect()
    }

    #[test]
    fn pipe_rows_keep_empty_cells() {
        let k = kinds("行政事业性收费 | 0 | 0 | |");
        assert_eq!(
            k,
            vec![
                ("行政事业性收费".into(), "T"),
                ("0".into(), "V"),
                ("0".into(), "V"),
                ("".into(), "E"),
                ("".into(), "E"),
            ]
        );
    }

    #[test]
    fn tab_rows_with_flattened_labels() {
        let k = kinds("\t(三) 不予公开\t1. 属于国家秘密\t0\t0");
        assert_eq!(k[0].1, "E");
        assert_eq!(k[1], ("(三) 不予公开".into(), "T"));
        assert_eq!(k[2], ("1. 属于国家秘密".into(), "T"));
        assert_eq!(k[3], ("0".into(), "V"));
    }

    #[test]
    fn label_with_trailing_values_is_split() {
        let k = kinds("（七）总计 5 0 0 0 0 0 5");
        assert_eq!(k[0], ("（七）总计".into(), "T"));
        assert_eq!(k.len(), 8);
        assert!(k[1..].iter().all(|(_, t)| *t == "V"));
        let k = kinds("2. 重复申请 0");
        assert_eq!(k, vec![("2. 重复申请".into(), "T"), ("0".into(), "V")]);
    }

    #[test]
    fn prose_stays_whole() {
        assert_eq!(kinds("共发布信息 2020 条").len(), 1);
        assert_eq!(kinds("2021 年政府信息公开工作年度报告").len(), 1);
        assert_eq!(kinds("1. 属于国家秘密").len(), 1);
    }

    #[test]
    fn space_aligned_columns() {
        let k = kinds("一、本年新收政府信息公开申请数量    21    0    0    0    0    0    21");
        assert_eq!(k.len(), 8);
        assert_eq!(k[0].1, "T");
    }

    #[test]
    fn page_numbers() {
        assert!(is_page_number("-1-"));
        assert!(is_page_number(" — 12 — "));
        assert!(is_page_number("第 3 页"));
        assert!(is_page_number("第3页共5页"));
        assert!(!is_page_number("3"));
        assert!(!is_page_number("-"));
    }
}
