//! A report as data: metadata and one honest cell per (table, row, column) of its format.

use rustc_hash::FxHashMap;
use serde::{Serialize, Serializer};
use std::fmt;
use std::sync::OnceLock;

use crate::finding::Finding;
use crate::format::{CellKey, FormatDef, FormatId};
use crate::formats;
use crate::order::ReadingOrder;
use crate::statement::Statement;

/// Where something came from in the source document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Source {
    /// Nowhere (e.g. a cell the source does not have at all and no row to point at).
    #[default]
    None,
    /// A place in a text: 1-based line, 1-based column in characters, length in characters.
    /// `alone` is true when the piece is the only content of its line, so the line says it all.
    Text {
        line: u32,
        column: u32,
        len: u32,
        alone: bool,
    },
    /// A cell of a table in a paged or structured document (HTML, DOCX, PDF): all 1-based,
    /// page 0 when the document has no pages.
    Grid {
        page: u32,
        table: u32,
        row: u32,
        cell: u32,
    },
    /// A place in the text extracted from a paged document (PDF). `line` and `column` are in
    /// the extracted text over the whole document (what a snippet shows, where a paragraph's
    /// wrapped lines are one line); `page`, `page_line` and `page_column` say where it is on
    /// paper (the printed line the place's first character is on). Columns and lengths are in
    /// characters.
    Paged {
        page: u32,
        page_line: u32,
        page_column: u32,
        line: u32,
        column: u32,
        len: u32,
    },
    /// A paragraph (or heading, or other block) of a structured document, numbered in reading
    /// order from 1; page 0 when the document has no pages.
    Block { page: u32, index: u32 },
}

impl Source {
    pub fn line(line: u32) -> Source {
        Source::Text {
            line,
            column: 1,
            len: 0,
            alone: true,
        }
    }

    /// The line of the (extracted) text, for text sources.
    pub fn line_no(&self) -> Option<u32> {
        match self {
            Source::Text { line, .. } | Source::Paged { line, .. } => Some(*line),
            _ => None,
        }
    }

    pub fn is_none(&self) -> bool {
        matches!(self, Source::None)
    }

    /// A sort key that keeps places of one kind in document order. Places of different kinds
    /// in one document (a PDF's cells and page lines) need the document's reading order:
    /// [`Report::order_key`].
    pub fn order_key(&self) -> (u32, u32, u32, u32) {
        match *self {
            Source::None => (u32::MAX, 0, 0, 0),
            Source::Text { line, column, .. } | Source::Paged { line, column, .. } => {
                (line, column, 0, 0)
            }
            Source::Block { page, index } => (page, index, 0, 0),
            Source::Grid {
                page,
                table,
                row,
                cell,
            } => (page, table, row, cell),
        }
    }
}

/// `L148` for a piece alone on its line, `L36:5` otherwise; `p2.t1.r5.c3` for grids;
/// `p2:L17:5` for a place on a page of a PDF; `b12` (or `p2.b12`) for a paragraph.
impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_display(f)
    }
}

impl Source {
    /// Writes the display form (`L148`, `L36:5`, `p2.t1.r5.c3`, `p4:L29:1`, `b12`) to `w`:
    /// what [`fmt::Display`] prints, for writers that format many sources into one buffer
    /// (digits pushed directly; `write!` per number costs several times more).
    pub fn write_display<W: fmt::Write + ?Sized>(&self, w: &mut W) -> fmt::Result {
        match *self {
            Source::None => Ok(()),
            Source::Text {
                line,
                column,
                alone,
                ..
            } => {
                w.write_char('L')?;
                write_u32(w, line)?;
                if !alone {
                    w.write_char(':')?;
                    write_u32(w, column)?;
                }
                Ok(())
            }
            Source::Grid {
                page,
                table,
                row,
                cell,
            } => {
                if page > 0 {
                    w.write_char('p')?;
                    write_u32(w, page)?;
                    w.write_char('.')?;
                }
                w.write_char('t')?;
                write_u32(w, table)?;
                w.write_str(".r")?;
                write_u32(w, row)?;
                w.write_str(".c")?;
                write_u32(w, cell)
            }
            Source::Paged {
                page,
                page_line,
                page_column,
                ..
            } => {
                w.write_char('p')?;
                write_u32(w, page)?;
                w.write_str(":L")?;
                write_u32(w, page_line)?;
                w.write_char(':')?;
                write_u32(w, page_column)
            }
            Source::Block { page, index } => {
                if page > 0 {
                    w.write_char('p')?;
                    write_u32(w, page)?;
                    w.write_char('.')?;
                }
                w.write_char('b')?;
                write_u32(w, index)
            }
        }
    }
}

/// Writes `n` in decimal, without the formatting machinery.
pub fn write_u32<W: fmt::Write + ?Sized>(w: &mut W, mut n: u32) -> fmt::Result {
    let mut buf = [0u8; 10];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // Only ASCII digits were written.
    w.write_str(std::str::from_utf8(&buf[i..]).unwrap_or_default())
}

impl Serialize for Source {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The state of a cell (KEYS.md). A cell is never silently zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CellState {
    /// A value printed in the source.
    Number,
    /// Printed as `/`, `—`, `-`, `无` or similar.
    NotApplicable,
    /// The cell exists in the source and is empty.
    Blank,
    /// The source has no cell where the format has one.
    Missing,
    /// Not printed, but fixed by the table's own arithmetic.
    Inferred,
}

impl CellState {
    /// Every state, in declaration order.
    pub const ALL: [CellState; 5] = [
        CellState::Number,
        CellState::NotApplicable,
        CellState::Blank,
        CellState::Missing,
        CellState::Inferred,
    ];

    pub fn key(self) -> &'static str {
        match self {
            CellState::Number => "number",
            CellState::NotApplicable => "not_applicable",
            CellState::Blank => "blank",
            CellState::Missing => "missing",
            CellState::Inferred => "inferred",
        }
    }

    /// Whether the cell has a value usable in arithmetic.
    pub fn has_value(self) -> bool {
        matches!(self, CellState::Number | CellState::Inferred)
    }
}

impl fmt::Display for CellState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// Why an inferred cell has its value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Inference {
    /// The rule id of the relation that fixed the value.
    pub rule: &'static str,
    /// The row or column the relation ran along.
    pub along: &'static str,
    /// The arithmetic, e.g. `5 − (0 + 0) = 5`.
    pub evidence: String,
}

/// A cell's printed text: a string that keeps short texts (a figure, a mark: nearly every cell's)
/// inline rather than in an allocation of its own. Reads as a `&str`; serialises as a string.
pub type CellText = compact_str::CompactString;

/// One cell of a report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    pub table: &'static str,
    pub row: &'static str,
    pub column: &'static str,
    /// The value, in the cell's unit (counts; 万元 for amounts). Present for `number` and
    /// `inferred` cells only.
    #[serde(serialize_with = "ser_value")]
    pub value: Option<f64>,
    pub state: CellState,
    /// The text as printed (empty when nothing was printed). Serialised as a string.
    pub text: CellText,
    pub source: Source,
    /// For inferred cells: the relation that fixed the value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inferred_by: Option<Box<Inference>>,
}

fn ser_value<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        None => s.serialize_none(),
        Some(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => s.serialize_i64(*x as i64),
        Some(x) => s.serialize_f64(*x),
    }
}

/// Formats a value the way a report prints it: whole numbers without a decimal point.
pub fn format_value(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{v:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

impl Cell {
    pub fn key(&self) -> CellKey {
        CellKey {
            table: self.table,
            row: self.row,
            column: self.column,
        }
    }

    /// Whether this is the cell of `key`: `cell.key() == *key`, telling the keys taken from the
    /// format data (nearly all of them, the very strings the cell holds) by their addresses
    /// before comparing any text.
    #[inline]
    fn has_key(&self, key: &CellKey) -> bool {
        same_text(self.table, key.table)
            && same_text(self.row, key.row)
            && same_text(self.column, key.column)
    }

    /// A copy of a `missing` cell (no text, no inference): `clone` without its calls to clone
    /// an empty text and an absent inference.
    #[inline]
    fn copy_missing(&self) -> Cell {
        Cell {
            text: CellText::const_new(""),
            inferred_by: None,
            ..*self
        }
    }

    /// A cell the source does not have.
    pub fn missing(key: CellKey, source: Source) -> Cell {
        Cell {
            table: key.table,
            row: key.row,
            column: key.column,
            value: None,
            state: CellState::Missing,
            text: CellText::const_new(""),
            source,
            inferred_by: None,
        }
    }
}

impl Cell {
    /// Whether this is the cell of `key` by the addresses of the key strings alone: `true`
    /// means it is (`has_key`); `false` says nothing (the same texts may be held elsewhere).
    #[inline]
    pub(crate) fn has_key_by_address(&self, key: &CellKey) -> bool {
        std::ptr::eq(self.table, key.table)
            && std::ptr::eq(self.row, key.row)
            && std::ptr::eq(self.column, key.column)
    }
}

impl Cell {
    /// Whether the two cells' keys are held in the same strings: [`Cell::has_key_by_address`]
    /// of the other's key, without making the key. Every string is compared, without a branch
    /// between them: it is asked for every cell of a report, nearly all of which pass.
    #[inline]
    pub(crate) fn same_key_by_address(&self, other: &Cell) -> bool {
        std::ptr::eq(self.row, other.row)
            & std::ptr::eq(self.column, other.column)
            & std::ptr::eq(self.table, other.table)
    }
}

/// `a == b`, answered without reading the texts when they are the same string.
#[inline]
fn same_text(a: &str, b: &str) -> bool {
    std::ptr::eq(a, b) || a == b
}

/// A calendar date (publication dates).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// A valid Gregorian date, or `None`.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (day >= 1 && day <= days).then_some(Date { year, month, day })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A report-level field with the place it was read from.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Located<T> {
    pub value: Option<T>,
    pub source: Source,
}

impl<T> Located<T> {
    pub fn new(value: T, source: Source) -> Self {
        Located {
            value: Some(value),
            source,
        }
    }

    pub fn none() -> Self {
        Located {
            value: None,
            source: Source::None,
        }
    }
}

/// A part (section) or table that was found in the source.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub key: &'static str,
    pub source: Source,
}

/// The prose of one part of a report, kept for the parts whose [`crate::format::SectionDef`]
/// says `keep_text`: the part's non-empty lines after its heading, trimmed and joined with `\n`,
/// up to the next part's heading.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectionText {
    /// The part's key (`problems`).
    pub key: &'static str,
    pub text: String,
    /// Where the part's heading is.
    pub source: Source,
}

/// A report read from a source (or built from records).
#[derive(Debug, Clone)]
pub struct Report {
    /// 发布机关.
    pub agency: Located<String>,
    /// The statistical year (报告年度), not the publication year.
    pub year: Located<i32>,
    pub format: FormatId,
    pub published_on: Located<Date>,
    /// One cell per (table, row, column) of the format, in the format's order.
    pub cells: Vec<Cell>,
    /// The numbered parts found, in source order.
    pub sections: Vec<Found>,
    /// The tables found, in source order.
    pub tables: Vec<Found>,
    /// What the reader noticed while reading (missing values, unreadable cells …).
    pub notes: Vec<Finding>,
    /// The figures stated in the prose, in document order (see [`crate::statement`]).
    pub statements: Vec<Statement>,
    /// The prose of the parts whose text is kept (see [`SectionText`]), in source order.
    pub texts: Vec<SectionText>,
    /// Where the rows and paragraphs of a structured or paged document fall in its reading
    /// order (empty for text and for reports not read from a document).
    pub order: ReadingOrder,
    index: Index,
}

/// Where each cell is in `cells`. Reports built by [`Report::empty`] have their format's cells in
/// the format's order, so they share one index per format, built once; others own theirs.
#[derive(Debug, Clone)]
enum Index {
    Shared(&'static FormatIndex),
    Owned(FxHashMap<CellKey, usize>),
}

/// A format's cells in format order, found by the addresses of the format data's own key
/// strings (a cheap hash, and what nearly every lookup uses) or, failing that, by content.
#[derive(Debug)]
struct FormatIndex {
    by_address: FxHashMap<[usize; 3], usize>,
    by_content: FxHashMap<CellKey, usize>,
    /// The format's cells, every one `missing`: what [`Report::empty`] starts from (copied
    /// whole, cheaper than making each cell again).
    empty_cells: Vec<Cell>,
}

fn address(key: &CellKey) -> [usize; 3] {
    [
        key.table.as_ptr() as usize ^ (key.table.len() << 48),
        key.row.as_ptr() as usize ^ (key.row.len() << 48),
        key.column.as_ptr() as usize ^ (key.column.len() << 48),
    ]
}

impl Index {
    fn get(&self, key: &CellKey) -> Option<usize> {
        match self {
            Index::Shared(m) => m
                .by_address
                .get(&address(key))
                .or_else(|| m.by_content.get(key))
                .copied(),
            Index::Owned(m) => m.get(key).copied(),
        }
    }
}

/// The index of a format's cells in format order.
fn format_index(format: FormatId) -> &'static FormatIndex {
    static CACHE: [OnceLock<FormatIndex>; FormatId::COUNT] =
        [const { OnceLock::new() }; FormatId::COUNT];
    CACHE[format.index()].get_or_init(|| {
        let keys: Vec<CellKey> = formats::get(format).cell_keys().collect();
        FormatIndex {
            by_address: keys
                .iter()
                .enumerate()
                .map(|(i, k)| (address(k), i))
                .collect(),
            by_content: keys.iter().enumerate().map(|(i, k)| (*k, i)).collect(),
            empty_cells: keys
                .iter()
                .map(|k| Cell::missing(*k, Source::None))
                .collect(),
        }
    })
}

/// The cells of a format in its order, every one `missing` (what [`Report::empty`] starts from):
/// each place's own key, held in the format data's strings.
pub(crate) fn format_cells(format: FormatId) -> &'static [Cell] {
    &format_index(format).empty_cells
}

/// The cells of a report of one format, set one by one by their places in the format's cell
/// order ([`FormatCells::set`]) and made into the report by [`Report::from_format_cells`]: the
/// same cells as setting each in turn in [`Report::empty`]'s, but each made once where it lies
/// rather than copied as `missing` and then written over (a reader sets nearly every cell of a
/// report, in format order).
pub struct FormatCells {
    format: FormatId,
    index: &'static FormatIndex,
    /// The cells at places `0..cells.len()`: each set or `missing`.
    cells: Vec<Cell>,
    /// Whether a cell was set `missing` or left so among `cells` (`false`: none is).
    missing: bool,
}

impl FormatCells {
    pub fn new(format: FormatId) -> FormatCells {
        let index = format_index(format);
        FormatCells {
            format,
            index,
            cells: Vec::with_capacity(index.empty_cells.len()),
            missing: false,
        }
    }

    /// Whether the report made of these cells may have a `missing` cell (`false`: it has none):
    /// a cell was set `missing`, or a place was left unset.
    pub fn may_have_missing(&self) -> bool {
        self.missing || self.cells.len() < self.index.empty_cells.len()
    }

    /// Sets the cell at `position` of the format's cell order (the cell of the format's key
    /// there; nothing when the format has no such place) to these contents.
    /// Inlined, so that the cell is made where it lies: nearly always the next cell, made
    /// in order (the other cases out of line).
    #[inline(always)]
    pub fn set(
        &mut self,
        position: usize,
        value: Option<f64>,
        state: CellState,
        text: &str,
        source: Source,
    ) {
        let text = cell_text(text);
        self.missing |= state == CellState::Missing;
        let next = self.cells.len();
        match self.index.empty_cells.get(position) {
            Some(own) if position == next && next < self.cells.capacity() => {
                self.cells.push(Cell {
                    table: own.table,
                    row: own.row,
                    column: own.column,
                    value,
                    state,
                    text,
                    source,
                    inferred_by: None,
                });
            }
            _ => self.set_in_full(position, value, state, text, source),
        }
    }

    /// [`set`](Self::set) without its inline shortcut.
    #[inline(never)]
    fn set_in_full(
        &mut self,
        position: usize,
        value: Option<f64>,
        state: CellState,
        text: CellText,
        source: Source,
    ) {
        let Some(own) = self.index.empty_cells.get(position) else {
            return;
        };
        let cell = Cell {
            value,
            state,
            text,
            source,
            ..own.copy_missing()
        };
        self.missing |= position > self.cells.len();
        pad_missing(&mut self.cells, self.index, position);
        match self.cells.get_mut(position) {
            Some(set) => *set = cell,
            None => self.cells.push(cell),
        }
    }
}

/// The texts of one ASCII digit, made once: [`cell_text`] copies them.
static DIGIT_TEXTS: [CellText; 10] = [
    CellText::const_new("0"),
    CellText::const_new("1"),
    CellText::const_new("2"),
    CellText::const_new("3"),
    CellText::const_new("4"),
    CellText::const_new("5"),
    CellText::const_new("6"),
    CellText::const_new("7"),
    CellText::const_new("8"),
    CellText::const_new("9"),
];

/// `CellText::new(text)`: a text of one digit (most values printed: `0`, `3`) copied from
/// [`DIGIT_TEXTS`], cheaper than telling its length among the lengths a text may have.
#[inline(always)]
fn cell_text(text: &str) -> CellText {
    match *text.as_bytes() {
        [digit @ b'0'..=b'9'] => DIGIT_TEXTS[usize::from(digit - b'0')].clone(),
        _ => CellText::new(text),
    }
}

/// Fills `cells` with the format's `missing` cells up to place `end`.
#[inline]
fn pad_missing(cells: &mut Vec<Cell>, index: &FormatIndex, end: usize) {
    if let Some(gap) = index.empty_cells.get(cells.len()..end) {
        cells.extend(gap.iter().map(Cell::copy_missing));
    }
}

impl Report {
    /// A report of the given format whose every cell is `missing`.
    pub fn empty(format: FormatId) -> Report {
        let index = format_index(format);
        Report {
            cells: index.empty_cells.iter().map(Cell::copy_missing).collect(),
            ..Report::with_index_only(format, index)
        }
    }

    /// A report of the given format whose cells are those [`FormatCells`] made (every other
    /// cell `missing`): [`Report::empty`] with those cells set in turn.
    pub fn from_format_cells(cells: FormatCells) -> Report {
        let FormatCells {
            format,
            index,
            mut cells,
            ..
        } = cells;
        pad_missing(&mut cells, index, index.empty_cells.len());
        Report {
            cells,
            ..Report::with_index_only(format, index)
        }
    }

    /// A report of the given format with no cells, sharing the format's index.
    fn with_index_only(format: FormatId, index: &'static FormatIndex) -> Report {
        Report {
            agency: Located::none(),
            year: Located::none(),
            format,
            published_on: Located::none(),
            cells: Vec::new(),
            sections: Vec::new(),
            tables: Vec::new(),
            notes: Vec::new(),
            statements: Vec::new(),
            texts: Vec::new(),
            order: ReadingOrder::default(),
            index: Index::Shared(index),
        }
    }

    /// A report of the given format with exactly these cells (e.g. a legacy report, whose
    /// rows exist only where the source states them).
    pub fn with_cells(format: FormatId, cells: Vec<Cell>) -> Report {
        let mut r = Report::empty(format);
        r.cells = cells;
        r.reindex();
        r
    }

    /// Replaces the cells (a legacy report's rows, filled from its prose once read).
    pub fn replace_cells(&mut self, cells: Vec<Cell>) {
        self.cells = cells;
        self.reindex();
    }

    /// The format definition this report follows.
    pub fn format_def(&self) -> &'static FormatDef {
        formats::get(self.format)
    }

    fn reindex(&mut self) {
        self.index = Index::Owned(
            self.cells
                .iter()
                .enumerate()
                .map(|(i, c)| (c.key(), i))
                .collect(),
        );
    }

    pub fn cell(&self, key: &CellKey) -> Option<&Cell> {
        self.index
            .get(key)
            .and_then(|i| self.cells.get(i))
            .filter(|c| c.has_key(key))
    }

    /// [`cell`](Self::cell) for a key whose place in the format's cell order is known (as
    /// [`crate::relation::Relation::positions`] keep it): taken from there when this report
    /// keeps its cells in that order, looked up otherwise.
    #[inline]
    pub fn cell_at(&self, position: usize, key: &CellKey) -> Option<&Cell> {
        // Nearly always the cell at the place, held in the key's very strings: told inline,
        // the rest out of line.
        if let (Index::Shared(_), Some(c)) = (&self.index, self.cells.get(position)) {
            if c.has_key_by_address(key) {
                return Some(c);
            }
        }
        self.cell_at_in_full(position, key)
    }

    /// [`cell_at`](Self::cell_at) without its inline shortcut.
    #[inline(never)]
    fn cell_at_in_full(&self, position: usize, key: &CellKey) -> Option<&Cell> {
        if let Index::Shared(_) = self.index {
            if let Some(c) = self.cells.get(position).filter(|c| c.has_key(key)) {
                return Some(c);
            }
        }
        self.cell(key)
    }

    /// The cells in the format's order when this report keeps them so (made by
    /// [`Report::empty`]): the cell of a key is then at the key's position, if anywhere, so a
    /// caller may look there first (it must still make sure the cell there is the key's).
    #[inline]
    pub(crate) fn cells_in_format_order(&self) -> Option<&[Cell]> {
        match self.index {
            Index::Shared(_) => Some(&self.cells),
            Index::Owned(_) => None,
        }
    }

    /// [`cell_mut`](Self::cell_mut) for a key whose place in the format's cell order is known,
    /// as [`cell_at`](Self::cell_at).
    #[inline]
    pub fn cell_at_mut(&mut self, position: usize, key: &CellKey) -> Option<&mut Cell> {
        // As `cell_at`: the common case inline, the rest out of line.
        if let Index::Shared(_) = self.index {
            if self
                .cells
                .get(position)
                .is_some_and(|c| c.has_key_by_address(key))
            {
                return self.cells.get_mut(position);
            }
        }
        self.cell_at_mut_in_full(position, key)
    }

    /// [`cell_at_mut`](Self::cell_at_mut) without its inline shortcut.
    #[inline(never)]
    fn cell_at_mut_in_full(&mut self, position: usize, key: &CellKey) -> Option<&mut Cell> {
        if let Index::Shared(_) = self.index {
            if self.cells.get(position).is_some_and(|c| c.has_key(key)) {
                return self.cells.get_mut(position);
            }
        }
        self.cell_mut(key)
    }

    pub fn cell_mut(&mut self, key: &CellKey) -> Option<&mut Cell> {
        match self.index.get(key) {
            Some(i) => self.cells.get_mut(i).filter(|c| c.has_key(key)),
            None => None,
        }
    }

    /// Looks a cell up by its string keys.
    pub fn get(&self, table: &str, row: &str, column: &str) -> Option<&Cell> {
        self.cells
            .iter()
            .find(|c| c.table == table && c.row == row && c.column == column)
    }

    /// The value of a cell that has one.
    pub fn value(&self, key: &CellKey) -> Option<f64> {
        self.cell(key).and_then(|c| c.value)
    }

    /// Rewrites every source location in the report (cells, findings, parts, tables, metadata),
    /// e.g. from the lines of an extracted text to the pages and table cells of the original.
    pub fn map_sources(&mut self, f: impl Fn(Source) -> Source) {
        for c in &mut self.cells {
            c.source = f(c.source);
        }
        for n in &mut self.notes {
            n.location = f(n.location);
        }
        for s in self.sections.iter_mut().chain(self.tables.iter_mut()) {
            s.source = f(s.source);
        }
        for s in &mut self.statements {
            s.source = f(s.source);
        }
        for t in &mut self.texts {
            t.source = f(t.source);
        }
        self.agency.source = f(self.agency.source);
        self.year.source = f(self.year.source);
        self.published_on.source = f(self.published_on.source);
    }

    /// A sort key that keeps this report's places in document order, whatever their kind
    /// (a PDF's cells and page lines, an HTML page's cells and paragraphs): see
    /// [`ReadingOrder::key`].
    pub fn order_key(&self, source: &Source) -> (u32, u32, u32, u32, u32) {
        self.order.key(source)
    }

    /// Whether the source showed this table at all.
    pub fn has_table(&self, key: &str) -> bool {
        self.tables.iter().any(|t| t.key == key)
    }

    pub fn has_section(&self, key: &str) -> bool {
        self.sections.iter().any(|s| s.key == key)
    }
}

#[cfg(test)]
mod tests {
    use super::{address, format_index, Cell, Report, Source};
    use crate::format::{CellKey, FormatId};

    #[test]
    fn every_cell_is_found_by_its_keys_whatever_strings_hold_them() {
        for format in [FormatId::F2019, FormatId::F2021, FormatId::Legacy] {
            let report = Report::empty(format);
            for (i, cell) in report.cells.iter().enumerate() {
                let key = cell.key();
                assert_eq!(
                    report.cell(&key).map(|c| c.key()),
                    Some(key),
                    "{format:?} {i}"
                );
                // The same keys in strings of their own (as parsed from JSON or a database).
                let own = |s: &str| -> &'static str { Box::leak(s.to_string().into_boxed_str()) };
                let copy = CellKey {
                    table: own(key.table),
                    row: own(key.row),
                    column: own(key.column),
                };
                assert_eq!(report.cell(&copy).map(|c| c.key()), Some(key));
            }
            let unknown = CellKey {
                table: "requests",
                row: "no_such_row",
                column: "total",
            };
            assert!(report.cell(&unknown).is_none());
        }
    }

    /// Every operand of every relation is found by its strings' addresses, without hashing
    /// the strings, and their positions in format order are right: the relations are evaluated
    /// hundreds of times per report.
    #[test]
    #[allow(clippy::unwrap_used)]
    fn relation_operands_are_found_by_address() {
        for format in [FormatId::F2019, FormatId::F2021, FormatId::Legacy] {
            let index = format_index(format);
            let report = Report::empty(format);
            for rel in crate::formats::relations(format) {
                assert_eq!(rel.positions.len(), rel.cells().count(), "{format:?}");
                for (key, &at) in rel.cells().zip(&rel.positions) {
                    assert!(
                        index.by_address.contains_key(&address(key)),
                        "{format:?}: {key:?} not found by address"
                    );
                    assert_eq!(
                        report.cells[at].key(),
                        *key,
                        "{format:?}: position of {key:?}"
                    );
                    assert!(std::ptr::eq(
                        report.cell_at(at, key).unwrap(),
                        &report.cells[at]
                    ));
                }
            }
        }
    }

    /// `CellState::ALL` lists every state once, in declaration order (a state added to the enum
    /// fails to compile in the match until it is listed).
    #[test]
    fn all_cell_states_are_listed() {
        use crate::report::CellState;
        for (i, s) in CellState::ALL.iter().enumerate() {
            let at = match s {
                CellState::Number => 0,
                CellState::NotApplicable => 1,
                CellState::Blank => 2,
                CellState::Missing => 3,
                CellState::Inferred => 4,
            };
            assert_eq!(at, i, "{s:?}");
        }
        assert_eq!(CellState::ALL.len(), 5);
    }

    /// The inline shortcut of `cell_at` and `cell_at_mut` (the cell at the place, held in the
    /// key's very strings) finds the cell the full lookup finds: for every place and key of
    /// every format, in a report made by `empty`, one whose cells were moved about or keyed by
    /// strings of their own, and one that keeps its own index.
    #[test]
    fn cells_found_at_their_places_are_the_ones_looked_up_in_full() {
        let own = |s: &str| -> &'static str { Box::leak(s.to_string().into_boxed_str()) };
        for format in [FormatId::F2019, FormatId::F2021, FormatId::Legacy] {
            let keys: Vec<CellKey> = crate::formats::get(format).cell_keys().collect();
            let plain = Report::empty(format);
            let mut moved = Report::empty(format);
            let n = moved.cells.len();
            for i in (0..n).step_by(7) {
                moved.cells.swap(i, (i * 5 + 3) % n.max(1));
            }
            for cell in moved.cells.iter_mut().step_by(5) {
                cell.row = own(cell.row);
            }
            let own_index = Report::with_cells(format, moved.cells.clone());
            for mut report in [plain, moved, own_index] {
                for (at, key) in keys.iter().enumerate() {
                    for key in [
                        *key,
                        CellKey {
                            row: own(key.row),
                            ..*key
                        },
                    ] {
                        for place in [at, (at + 1) % n.max(1), n + 3] {
                            let quick = report.cell_at(place, &key).map(|c| c as *const Cell);
                            let full = report
                                .cell_at_in_full(place, &key)
                                .map(|c| c as *const Cell);
                            assert_eq!(quick, full, "{format:?} {key:?} at {place}");
                            let quick = report
                                .cell_at_mut(place, &key)
                                .map(|c| c as *mut Cell as *const Cell);
                            let full = report
                                .cell_at_mut_in_full(place, &key)
                                .map(|c| c as *mut Cell as *const Cell);
                            assert_eq!(quick, full, "{format:?} {key:?} at {place} (mut)");
                        }
                    }
                }
            }
        }
    }

    proptest::proptest! {
        /// The cells made one by one by their places are the cells of an empty report set in
        /// turn: for cells set in order (what a reader does), with gaps, out of order, twice,
        /// and at places beyond the format's cells.
        #[test]
        fn cells_made_by_their_places_are_an_empty_report_set_in_turn(
            format in proptest::sample::select(vec![FormatId::F2019, FormatId::F2021, FormatId::Legacy]),
            sets in proptest::collection::vec((0usize..400, proptest::bool::ANY, 0u8..4), 0..60),
            step in 1usize..8,
        ) {
            let n = crate::formats::get(format).cell_keys().count();
            // A reader's sets first: every few places in order, then the random ones.
            let mut all: Vec<(usize, bool, u8)> = (0..n).step_by(step).map(|p| (p, false, 0)).collect();
            all.extend(sets);
            let mut built = super::FormatCells::new(format);
            let mut reference = Report::empty(format);
            for (i, (place, beyond, how)) in all.into_iter().enumerate() {
                let position = if beyond { place + n } else { place % n.max(1) };
                let (value, state) = match how {
                    0 => (Some(i as f64), super::CellState::Number),
                    1 => (None, super::CellState::NotApplicable),
                    2 => (None, super::CellState::Blank),
                    _ => (None, super::CellState::Missing),
                };
                let text = "（一）予以公开".repeat(i % 3) + &i.to_string();
                let source = Source::line(i as u32 + 1);
                if let Some(c) = reference.cells.get_mut(position) {
                    c.value = value;
                    c.state = state;
                    c.text = text.as_str().into();
                    c.source = source;
                }
                built.set(position, value, state, &text, source);
            }
            let may_have_missing = built.may_have_missing();
            let built = Report::from_format_cells(built);
            if !may_have_missing {
                proptest::prop_assert!(built.cells.iter().all(|c| c.state != super::CellState::Missing));
            }
            proptest::prop_assert_eq!(&built.cells, &reference.cells);
            for (at, cell) in reference.cells.iter().enumerate() {
                let key = cell.key();
                proptest::prop_assert_eq!(built.cell(&key), Some(cell));
                proptest::prop_assert!(built.cells[at].has_key_by_address(&key));
            }
        }
    }

    proptest::proptest! {
        /// A cell's text made by `cell_text` (a digit copied) is the text made anew, and holds
        /// the same string: for every text of one byte, digits among them, and others.
        #[test]
        fn a_cell_text_is_its_text_made_anew(text in "[0-9]|.{0,3}|[0-9]{1,30}|\\PC{0,30}") {
            let made = super::cell_text(&text);
            proptest::prop_assert_eq!(made.as_str(), text.as_str());
            proptest::prop_assert_eq!(&made, &super::CellText::new(&text));
            proptest::prop_assert_eq!(made.is_heap_allocated(), super::CellText::new(&text).is_heap_allocated());
            proptest::prop_assert_eq!(format!("{made:?}"), format!("{:?}", super::CellText::new(&text)));
        }
    }

    #[test]
    fn every_digit_text_is_its_digit() {
        for b in 0u8..=255 {
            let Ok(text) = std::str::from_utf8(std::slice::from_ref(&b)) else {
                continue;
            };
            assert_eq!(super::cell_text(text), super::CellText::new(text), "{b}");
        }
    }

    /// The copies [`Report::empty`] makes are the format's cells, each `missing`, as
    /// `Cell::missing` builds them.
    #[test]
    fn an_empty_report_has_every_cell_of_its_format_missing() {
        for format in [FormatId::F2019, FormatId::F2021, FormatId::Legacy] {
            let built: Vec<Cell> = crate::formats::get(format)
                .cell_keys()
                .map(|k| Cell::missing(k, Source::None))
                .collect();
            assert_eq!(Report::empty(format).cells, built, "{format:?}");
            assert_eq!(format_index(format).empty_cells, built, "{format:?}");
        }
    }

    /// A cell's text serialises as the string it holds, short (kept inline) or long, exactly
    /// as a `String` does (KEYS.md: `text` is a string).
    #[test]
    #[allow(clippy::unwrap_used)]
    fn a_cell_text_serialises_as_a_string() {
        let key = CellKey {
            table: "requests",
            row: "granted",
            column: "total",
        };
        for text in [
            "",
            "5",
            "1,234件",
            "/",
            "（一）予以公开：超过二十四个字节的一段印出的文字",
        ] {
            let cell = Cell {
                text: text.into(),
                ..Cell::missing(key, Source::line(3))
            };
            let json = serde_json::to_value(&cell).unwrap();
            assert_eq!(json["text"], serde_json::Value::String(text.to_string()));
            assert_eq!(
                serde_json::to_string(&cell.text).unwrap(),
                serde_json::to_string(text).unwrap()
            );
        }
    }

    #[test]
    fn sources_display_in_their_short_forms() {
        let shown = |s: Source| s.to_string();
        assert_eq!(shown(Source::None), "");
        assert_eq!(shown(Source::line(148)), "L148");
        let piece = Source::Text {
            line: 36,
            column: 5,
            len: 2,
            alone: false,
        };
        assert_eq!(shown(piece), "L36:5");
        let cell = |page| Source::Grid {
            page,
            table: 1,
            row: 5,
            cell: 3,
        };
        assert_eq!(shown(cell(2)), "p2.t1.r5.c3");
        assert_eq!(shown(cell(0)), "t1.r5.c3");
        let paged = Source::Paged {
            page: 4,
            page_line: 29,
            page_column: 1,
            line: 310,
            column: 1,
            len: 3,
        };
        assert_eq!(shown(paged), "p4:L29:1");
        // A place on the 2nd printed line of a paragraph the extracted text has as one line.
        let wrapped = Source::Paged {
            page: 4,
            page_line: 30,
            page_column: 7,
            line: 310,
            column: 41,
            len: 2,
        };
        assert_eq!(shown(wrapped), "p4:L30:7");
        assert_eq!(shown(Source::Block { page: 0, index: 12 }), "b12");
        assert_eq!(shown(Source::Block { page: 3, index: 0 }), "p3.b0");
        assert_eq!(shown(Source::line(u32::MAX)), "L4294967295");
    }
}
