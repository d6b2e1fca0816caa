//! Table rows and columns rebuilt from the words' boxes on a PDF page.
//!
//! `pdftotext -layout` prints a page as it looks, line by line. A table whose labels wrap in a
//! narrow column then comes out with a row's values on one line and the pieces of its label on
//! the lines above and below (`一、本年新收政府信息` / `0 0 0 …` / `公开申请数量`), and merged
//! row-group labels (`三、本年度办理结果`) cut into pieces between other rows' lines. Here:
//!
//! 1. Words are grouped into visual lines by their vertical centres.
//! 2. A line that ends in values set apart from the rest (`规章  0  0  0`, or values alone)
//!    is a table row's value line: its values are the row's value cells.
//! 3. The other words are cut into segments — at wide gaps, before a numbered label after any
//!    gap (`（三 1.属于国家`), and where a segment runs across the columns of two cells just
//!    above it — and chained, down the page, into cells: a segment continues the cell above it
//!    in the same column (overlapping x-range, gap below 0.9 of a line's height) unless it
//!    starts with a numbering (`2.`, `（三）`, `四、`) or would join a cell that already sits
//!    beside another row's values.
//! 4. A cell belongs to the first value line it spans: the row is printed as one line, its
//!    cells (labels joined from their wrapped lines, then values) separated by tabs in the
//!    order of their x-positions, with an empty cell where a value column of a fuller row of
//!    the same table has nothing. Other lines are printed as they are, the wrapped lines of a
//!    paragraph joined.
//! 5. A row cut by a page break gets the rest of its label back from the next page (or its
//!    start from the page before), when only the joined label names a row.
//!
//! A page with a sidebar beside the article (see `flows`) is laid out flow by flow: the page
//! without the sidebar, then the sidebar, its lines numbered on from the article's. A joined
//! paragraph keeps where each of its printed lines starts, so a place in it is located on the
//! line that printed it.
//!
//! The result goes through the same text pipeline as every other format (`LayoutBuilder`),
//! with rows located as page / table / row / cell.

use gongkai_model::FormatId;

use crate::layout::{Layout, LayoutBuilder};
use crate::recognize::labels::{LabelIndex, Target};
use crate::value::parse_token;

use super::bbox::{Page, Word};
use super::flows::{self, Band, Flow};

/// A page with more words than this is printed line by line without rebuilding cells (the
/// cell chaining compares segments with the cells above them).
const MAX_WORDS_PER_PAGE: usize = 5_000;
/// The widest vertical gap, in line heights, between two lines of one cell: wrapped lines
/// are set closer than the rows of a table, which have the cells' padding between them.
const MAX_CHAIN_GAP: f64 = 0.9;
/// The widest gap, in line heights, between two words of one segment (neighbouring cells are
/// at least their padding apart; words of a cell a space).
const SEGMENT_GAP: f64 = 0.4;
/// How close, in line heights, a line of prose must come to the right edge of its paragraph
/// for the next line to continue it.
const FULL_LINE_SLACK: f64 = 2.0;
/// Lines looked at, beyond a page break, for the rest of a row's label.
const MAX_SPLIT_LINES: usize = 4;
/// Value lines looked at, above and below, for the columns of a row with empty cells.
const COLUMN_NEIGHBOURS: usize = 4;

/// A visual line: words whose vertical centres align, left to right.
pub(super) struct Line {
    pub(super) words: Vec<Word>,
    pub(super) y0: f64,
    pub(super) y1: f64,
    /// How many words at the end are the row's values (0: not a value line).
    values: usize,
}

impl Line {
    fn x0(&self) -> f64 {
        self.words.first().map_or(0.0, |w| w.x0)
    }

    fn value_words(&self) -> &[Word] {
        &self.words[self.words.len() - self.values..]
    }
}

/// Words of one visual line printed together (no wide gap between them).
struct Segment {
    line: usize,
    /// Its words, for moving some of them into a label cut by a page break.
    words: Vec<OutCell>,
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
    text: String,
    /// Where the text of its column ends when a sidebar narrows it (see [`Band`]), else
    /// infinity: a line reaching it is full even if the paragraph's other lines are wider.
    right: f64,
}

/// A cell rebuilt from segments chained down the page.
struct Cell {
    segments: Vec<usize>,
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
    /// The value line one of this cell's segments sits beside, if any; after chaining, the
    /// row the cell belongs to.
    row: Option<usize>,
}

/// A line of a page as laid out, before it goes into the layout.
#[derive(Debug, Clone, PartialEq)]
enum Out {
    /// A table row: its cells left to right.
    Row {
        table: u32,
        row: u32,
        cells: Vec<OutCell>,
    },
    /// Any other line, with its line number on the page and its words (none for a paragraph
    /// joined from several lines, which has instead the byte offsets where its printed lines
    /// after the first start, with their line numbers on the page).
    Line {
        line: u32,
        text: String,
        words: Vec<OutCell>,
        joins: Vec<(usize, u32)>,
    },
}

#[derive(Debug, Clone, PartialEq)]
struct OutCell {
    x0: f64,
    x1: f64,
    text: String,
    value: bool,
}

/// Lays out a document's pages: rows of tables as tab-separated cells (located by page, table,
/// row and cell), other lines as printed (located by page and line).
pub fn lay_out(pages: &[Page]) -> Layout {
    let (mut outs, sidebars): (Vec<Vec<Out>>, Vec<Vec<Out>>) =
        pages.iter().map(lay_out_page).unzip();
    // Rows cut by a page break go on in the article, not in a sidebar printed beside it.
    for p in 1..outs.len() {
        let (before, after) = outs.split_at_mut(p);
        if let (Some(prev), Some(next), Some(page)) =
            (before.last_mut(), after.first_mut(), pages.get(p))
        {
            join_split_row(prev, next, median_height(&page.words));
        }
    }
    let mut b = LayoutBuilder::new();
    for (p, (page, sidebar)) in outs.into_iter().zip(sidebars).enumerate() {
        let page_no = p as u32 + 1;
        b.page(page_no);
        for out in page.into_iter().chain(sidebar) {
            match out {
                Out::Row { table, row, cells } => {
                    let texts: Vec<String> = cells.into_iter().map(|c| c.text).collect();
                    b.row(table, row, &texts);
                }
                Out::Line {
                    line, text, joins, ..
                } => b.paragraph_lines(page_no, line, &text, joins),
            }
        }
    }
    b.finish()
}

/// A row cut by a page break: the label's last lines printed at the top of the next page,
/// under the repeated header (`3.危及“三安全  0 0 …` | page break | header | `一稳定”`), or its
/// first lines at the bottom of the page before (`3.危及“三` | page break | header | `安全一稳定”
/// 0 0 …`). The words of those lines that lie in the label's column are moved into the row's
/// label cell — only when the label alone names no row of either format and the joined label
/// does (the fewest lines that make it one, at most [`MAX_SPLIT_LINES`]).
fn join_split_row(prev: &mut Vec<Out>, next: &mut Vec<Out>, h: f64) {
    // The page's last row or line, page numbers and other short footers aside.
    let short = |o: &Out| matches!(o, Out::Line { text, .. } if text.chars().count() <= 8 && !starts_numbered(text));
    let Some(last) = prev.iter().rposition(|o| !short(o)) else {
        return;
    };
    let Some(first_row) = next.iter().position(|o| matches!(o, Out::Row { .. })) else {
        return;
    };
    if let Some(Out::Row { cells, .. }) = prev.get_mut(last) {
        // The label goes on at the top of the next page, just above its first row.
        let Some(label) = label_cell(cells) else {
            return;
        };
        let lines: Vec<usize> = (first_row.saturating_sub(MAX_SPLIT_LINES)..first_row)
            .rev()
            .collect();
        if let Some((text, taken)) = continuation(next, &lines, label, h, false) {
            label.text = text;
            take_words(next, &taken, h);
        }
    } else if let Some(Out::Row { cells, .. }) = next.get_mut(first_row) {
        // The label starts at the bottom of the page before, its row on the next page.
        let Some(label) = label_cell(cells) else {
            return;
        };
        let lines: Vec<usize> = (last.saturating_sub(MAX_SPLIT_LINES - 1)..=last)
            .rev()
            .collect();
        if let Some((text, taken)) = continuation(prev, &lines, label, h, true) {
            label.text = text;
            take_words(prev, &taken, h);
        }
    }
}

/// The row's label: its last cell of text.
fn label_cell(cells: &mut [OutCell]) -> Option<&mut OutCell> {
    cells
        .iter_mut()
        .rev()
        .find(|c| !c.value && !c.text.is_empty())
}

/// The label joined with the words in its column of the fewest of `lines` (indices into `outs`,
/// nearest first) that make it name a row, and the words taken: `(line, word)` pairs.
fn continuation(
    outs: &[Out],
    lines: &[usize],
    label: &OutCell,
    h: f64,
    before_label: bool,
) -> Option<(String, Vec<(usize, usize)>)> {
    if names_a_row(&label.text) || (before_label && starts_numbered(&label.text)) {
        return None;
    }
    let (left, right) = (label.x0 - 0.5 * h, label.x1 + 0.5 * h);
    let mut taken: Vec<(usize, usize)> = Vec::new();
    // The lines' words in the label's column, in page order.
    let mut run: Vec<(usize, String)> = Vec::new();
    for &i in lines {
        let Some(Out::Line { words, .. }) = outs.get(i) else {
            return None;
        };
        let centre = |w: &OutCell| (w.x0 + w.x1) / 2.0;
        // A line reaching into the columns right of the label is a header or prose.
        if words.is_empty() || words.iter().any(|w| centre(w) > right) {
            return None;
        }
        let mut text = String::new();
        for (k, w) in words.iter().enumerate() {
            if centre(w) >= left {
                join_into(&mut text, &w.text);
                taken.push((i, k));
            }
        }
        // A numbered line starts a label: it cannot continue one, only begin the run that
        // the label (on the next page) continues.
        let numbered = starts_numbered(&text);
        if text.is_empty() || (numbered && !before_label) {
            return None;
        }
        run.insert(0, (i, text));
        let mut all = String::new();
        for (_, t) in &run {
            join_into(&mut all, t);
        }
        let mut joined = if before_label {
            all.clone()
        } else {
            label.text.clone()
        };
        join_into(&mut joined, if before_label { &label.text } else { &all });
        if names_a_row(&joined) {
            return Some((joined, taken));
        }
        if numbered {
            return None;
        }
    }
    None
}

/// Removes the words taken into a label from their lines (a line left empty goes).
fn take_words(outs: &mut Vec<Out>, taken: &[(usize, usize)], h: f64) {
    for (i, out) in outs.iter_mut().enumerate() {
        if let Out::Line { text, words, .. } = out {
            let before = words.len();
            let mut k = 0;
            words.retain(|_| {
                k += 1;
                !taken.contains(&(i, k - 1))
            });
            if words.len() != before {
                *text = words_text(words, h);
            }
        }
    }
    outs.retain(|o| !matches!(o, Out::Line { text, .. } if text.is_empty()));
}

/// Words printed as a line: wide gaps as runs of spaces.
fn words_text(words: &[OutCell], h: f64) -> String {
    let mut s = String::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 && w.x0 - words[i - 1].x1 > h {
            s.push_str("    ");
            s.push_str(w.text.trim());
        } else {
            join_into(&mut s, &w.text);
        }
    }
    s
}

/// Whether a label names a row of the 2019 or the 2021 format.
fn names_a_row(label: &str) -> bool {
    [FormatId::F2019, FormatId::F2021].into_iter().any(|f| {
        LabelIndex::of(f)
            .lookup(label)
            .iter()
            .any(|t| matches!(t, Target::Row(..)))
    })
}

/// Lays out one page: the article (the page without its sidebars, see [`flows`]) and its
/// sidebars after it, each a flow of its own, its lines numbered on from the article's.
fn lay_out_page(page: &Page) -> (Vec<Out>, Vec<Out>) {
    let h = median_height(&page.words);
    if page.words.len() > MAX_WORDS_PER_PAGE {
        let lines = visual_lines(&page.words, h);
        let plain = lines
            .iter()
            .enumerate()
            .map(|(i, l)| Out::Line {
                line: i as u32 + 1,
                text: plain_line(&l.words, 0, l.words.len(), h),
                words: Vec::new(),
                joins: Vec::new(),
            })
            .collect();
        return (plain, Vec::new());
    }
    let mut numbers = Numbers { line: 1, table: 0 };
    let mut flows = flows::split(&page.words, h).into_iter();
    // Each flow in its own type: a sidebar's small print would make the article's word spaces
    // look like gaps between cells.
    let mut lay_out = |f: Flow| {
        let h = median_height(&f.words);
        lay_out_flow(&f, h, &mut numbers)
    };
    let article = flows.next().map(&mut lay_out).unwrap_or_default();
    let sidebars = flows.flat_map(lay_out).collect();
    (article, sidebars)
}

/// The next line and the last table number on a page, counted on over its flows.
struct Numbers {
    line: u32,
    table: u32,
}

/// Lays out one flow of a page: rows of tables as cells, other lines as printed.
fn lay_out_flow(flow: &Flow, h: f64, numbers: &mut Numbers) -> Vec<Out> {
    let mut b: Vec<Out> = Vec::new();
    let words = &flow.words;
    let mut lines = visual_lines(words, h);
    for l in &mut lines {
        l.values = trailing_values(&l.words, h);
    }
    let value_lines: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].values > 0).collect();

    // Segments of the words that are not values, in reading order, chained into cells.
    let mut segments: Vec<Segment> = Vec::new();
    let mut cells: Vec<Cell> = Vec::new();
    let mut cell_of: Vec<usize> = Vec::new();
    // Cells still within reach of the line being read (lines come down the page): the others
    // can take no more segments, and are not looked at again.
    let tallest = words.iter().map(Word::height).fold(h, f64::max);
    let reach = (MAX_CHAIN_GAP + 1.0) * tallest;
    let mut active: Vec<usize> = Vec::new();
    for (li, l) in lines.iter().enumerate() {
        active.retain(|&ci| cells[ci].y1 >= l.y0 - reach);
        let text_words = &l.words[..l.words.len() - l.values];
        let mut start = 0;
        for i in 1..=text_words.len() {
            // A numbered label after a gap starts a cell even close to the text before it
            // (`（三 1.属于国家`: a merged group label's column, then the row's label).
            let cut = i == text_words.len()
                || text_words[i].x0 - text_words[i - 1].x1 > SEGMENT_GAP * h
                || (text_words[i].x0 - text_words[i - 1].x1 > 0.1 * h
                    && starts_numbered(&text_words[i].text));
            if !cut {
                continue;
            }
            let words = &text_words[start..i];
            start = i;
            for (from, to) in split_by_cells(words, &cells, &active, h) {
                let mut s = segment(li, &words[from..to]);
                s.right = Band::right_at(&flow.bands, s.y0, s.y1);
                let beside = value_line_beside(&lines, &value_lines, s.y0, s.y1, h);
                let si = segments.len();
                match chain_to(&s, beside, &cells, &active, &segments, h) {
                    Some(ci) => {
                        let c = &mut cells[ci];
                        c.segments.push(si);
                        c.x0 = c.x0.min(s.x0);
                        c.x1 = c.x1.max(s.x1);
                        c.y0 = c.y0.min(s.y0);
                        c.y1 = c.y1.max(s.y1);
                        c.row = c.row.or(beside);
                        cell_of.push(ci);
                    }
                    None => {
                        cell_of.push(cells.len());
                        active.push(cells.len());
                        cells.push(Cell {
                            segments: vec![si],
                            x0: s.x0,
                            x1: s.x1,
                            y0: s.y0,
                            y1: s.y1,
                            row: beside,
                        });
                    }
                }
                segments.push(s);
            }
        }
    }
    // A cell belongs to the first value line it spans: the one its lines sit beside, the one
    // between its lines (a two-line label with the values centred), or, for a merged group
    // label beside several rows, the first of them (as merged cells are printed elsewhere).
    for c in &mut cells {
        let first = value_lines.iter().copied().find(|&v| {
            let l = &lines[v];
            c.y1.min(l.y1) - c.y0.max(l.y0) > 0.25 * h
        });
        c.row = first.or(c.row);
    }

    // What is printed, in order of the top of each item: rows (value line and the cells beside
    // it) and the rest of each visual line.
    enum Item {
        Row(usize),
        Rest(usize),
    }
    let mut items: Vec<(f64, f64, Item)> = Vec::new();
    let mut row_top: Vec<f64> = lines.iter().map(|l| l.y0).collect();
    for c in &cells {
        if let Some(r) = c.row {
            for &si in &c.segments {
                row_top[r] = row_top[r].min(segments[si].y0);
            }
        }
    }
    for &r in &value_lines {
        items.push((row_top[r], lines[r].x0(), Item::Row(r)));
    }
    let mut rest_of_line: Vec<Vec<usize>> = vec![Vec::new(); lines.len()];
    for (si, s) in segments.iter().enumerate() {
        if cells[cell_of[si]].row.is_none() {
            rest_of_line[s.line].push(si);
        }
    }
    for (li, segs) in rest_of_line.iter().enumerate() {
        if let Some(&first) = segs.first() {
            items.push((lines[li].y0, segments[first].x0, Item::Rest(li)));
        }
    }
    items.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));

    let (page_x0, page_x1) = words
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, z), w| (a.min(w.x0), z.max(w.x1)));
    let wide = 0.5 * (page_x1 - page_x0);
    // Value lines between two wide lines of text (headings, paragraphs) form one table: its
    // rows are numbered together and lend each other their value columns.
    let mut run_of = vec![0u32; lines.len()];
    let mut run = 0u32;
    for (_, _, item) in &items {
        match *item {
            Item::Row(r) => run_of[r] = run,
            Item::Rest(li) => {
                let segs = &rest_of_line[li];
                if let (Some(&first), Some(&last)) = (segs.first(), segs.last()) {
                    if segments[last].x1 - segments[first].x0 >= wide {
                        run += 1;
                    }
                }
            }
        }
    }
    let (mut row, mut last_run) = (0u32, None);
    let mut pending: Option<Pending> = None;
    let flush = |b: &mut Vec<Out>, pending: &mut Option<Pending>| {
        if let Some(p) = pending.take() {
            b.push(Out::Line {
                line: p.line,
                text: p.text,
                words: p.words,
                joins: p.joins,
            });
        }
    };
    let first_line = numbers.line;
    numbers.line += items.len() as u32;
    for (n, (_, _, item)) in items.iter().enumerate() {
        let n = first_line + n as u32;
        match *item {
            Item::Row(r) => {
                flush(&mut b, &mut pending);
                if last_run != Some(run_of[r]) {
                    numbers.table += 1;
                    row = 0;
                    last_run = Some(run_of[r]);
                }
                row += 1;
                let same_run: Vec<usize> = value_lines
                    .iter()
                    .copied()
                    .filter(|&v| run_of[v] == run_of[r])
                    .collect();
                let cells = row_cells(&lines, &same_run, &segments, &cells, r, h);
                b.push(Out::Row {
                    table: numbers.table,
                    row,
                    cells,
                });
            }
            Item::Rest(li) => {
                let segs = &rest_of_line[li];
                let mut text = String::new();
                for (k, &si) in segs.iter().enumerate() {
                    if k > 0 && segments[si].x0 - segments[segs[k - 1]].x1 > h {
                        text.push_str("    ");
                        text.push_str(&segments[si].text);
                    } else {
                        join_into(&mut text, &segments[si].text);
                    }
                }
                let single = match segs.as_slice() {
                    [only] => Some(*only),
                    _ => None,
                };
                let words: Vec<OutCell> = segs
                    .iter()
                    .flat_map(|&si| segments[si].words.iter().cloned())
                    .collect();
                // The line continues the paragraph of the line before it.
                if let (Some(p), Some(si)) = (pending.as_mut(), single) {
                    if cell_of[si] == p.cell {
                        join_into(&mut p.text, &text);
                        // Where this printed line starts in the joined text (after the space
                        // `join_into` may put between two Latin words).
                        let start = p.text.len() - text.trim().len();
                        p.joins.push((start, n));
                        p.words.clear();
                        if !is_full_line(&segments[si], &cells[p.cell], h) {
                            flush(&mut b, &mut pending);
                        }
                        continue;
                    }
                }
                flush(&mut b, &mut pending);
                match single {
                    Some(si) if is_full_line(&segments[si], &cells[cell_of[si]], h) => {
                        pending = Some(Pending {
                            text,
                            cell: cell_of[si],
                            line: n,
                            words,
                            joins: Vec::new(),
                        });
                    }
                    _ => b.push(Out::Line {
                        line: n,
                        text,
                        words,
                        joins: Vec::new(),
                    }),
                }
            }
        }
    }
    flush(&mut b, &mut pending);
    b
}

/// A paragraph's line waiting for its continuation: its text (the lines joined so far), its
/// cell, its line number on the page, its words while it is one line, and where each printed
/// line after the first starts in the text (see [`Out::Line`]).
struct Pending {
    text: String,
    cell: usize,
    line: u32,
    words: Vec<OutCell>,
    joins: Vec<(usize, u32)>,
}

/// Whether a cell is close enough above a segment to continue into it.
fn within_reach(s_y0: f64, c: &Cell, h: f64) -> bool {
    let gap = s_y0 - c.y1;
    (-0.5 * h..=MAX_CHAIN_GAP * h).contains(&gap)
}

/// The cell a segment continues: the one just above it in the same column (the most overlap),
/// unless the segment starts with a numbering, shares a line with the cell, or sits beside
/// another row's values than the cell.
fn chain_to(
    s: &Segment,
    beside: Option<usize>,
    cells: &[Cell],
    active: &[usize],
    segments: &[Segment],
    h: f64,
) -> Option<usize> {
    if starts_numbered(&s.text) {
        return None;
    }
    let mut best: Option<(usize, f64)> = None;
    for &ci in active {
        let c = &cells[ci];
        let overlap = s.x1.min(c.x1) - s.x0.max(c.x0);
        // Gaps scale with the type: a title's wrapped lines are further apart than the body's.
        if !within_reach(s.y0, c, h.max(s.y1 - s.y0))
            || overlap <= 0.0
            || c.segments
                .last()
                .is_some_and(|&o| segments[o].line == s.line)
            || (c.row.is_some() && beside.is_some() && c.row != beside)
        {
            continue;
        }
        if best.is_none_or(|(_, o)| overlap > o) {
            best = Some((ci, overlap));
        }
    }
    best.map(|(ci, _)| ci)
}

/// A segment cut where it runs across the columns of two or more cells just above it: the
/// wrapped lines of neighbouring cells set so close that their words touch (`）无掌握相关政`
/// under `（四` and `1.本机关不`). Ranges of word indices.
fn split_by_cells(words: &[Word], cells: &[Cell], active: &[usize], h: f64) -> Vec<(usize, usize)> {
    let whole = vec![(0, words.len())];
    let (Some(first), Some(last)) = (words.first(), words.last()) else {
        return whole;
    };
    if words.len() < 2 {
        return whole;
    }
    let y0 = words.iter().map(|w| w.y0).fold(f64::MAX, f64::min);
    let y1 = words.iter().map(|w| w.y1).fold(f64::MIN, f64::max);
    let above: Vec<&Cell> = active
        .iter()
        .map(|&ci| &cells[ci])
        .filter(|c| within_reach(y0, c, h.max(y1 - y0)) && c.x1 > first.x0 && c.x0 < last.x1)
        .collect();
    if above.len() < 2 {
        return whole;
    }
    let column = |w: &Word| {
        above
            .iter()
            .enumerate()
            .map(|(i, c)| (i, w.x1.min(c.x1) - w.x0.max(c.x0)))
            .filter(|(_, o)| *o > 0.0)
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| i)
    };
    let mut out = Vec::new();
    let (mut start, mut current) = (0, column(first));
    for (i, w) in words.iter().enumerate().skip(1) {
        let c = column(w);
        if c.is_some() && current.is_some() && c != current {
            out.push((start, i));
            start = i;
        }
        if c.is_some() {
            current = c;
        }
    }
    out.push((start, words.len()));
    out
}

/// Whether a line of prose runs to the right edge of its paragraph (it wraps, the next line
/// continues its sentence) and its cell has more lines.
fn is_full_line(s: &Segment, c: &Cell, h: f64) -> bool {
    c.segments.len() > 1
        && s.x1 >= c.x1.min(s.right) - FULL_LINE_SLACK * h
        && !s.text.ends_with(['。', '：', ':', '；', '！', '？'])
}

/// The cells of the row of value line `r`: the cells beside it, its values, and empty cells
/// where a fuller value line nearby has a value column this one leaves empty.
fn row_cells(
    lines: &[Line],
    value_lines: &[usize],
    segments: &[Segment],
    cells: &[Cell],
    r: usize,
    h: f64,
) -> Vec<OutCell> {
    let mut out: Vec<OutCell> = Vec::new();
    for c in cells.iter().filter(|c| c.row == Some(r)) {
        let mut segs: Vec<&Segment> = c.segments.iter().map(|&si| &segments[si]).collect();
        segs.sort_by(|a, b| a.y0.total_cmp(&b.y0).then(a.x0.total_cmp(&b.x0)));
        let mut text = String::new();
        for s in segs {
            join_into(&mut text, &s.text);
        }
        out.push(OutCell {
            x0: c.x0,
            x1: c.x1,
            text,
            value: false,
        });
    }
    let values = lines[r].value_words();
    for w in values {
        out.push(OutCell {
            x0: w.x0,
            x1: w.x1,
            text: w.text.clone(),
            value: true,
        });
    }
    if let Some(columns) = fuller_columns(lines, value_lines, r, h) {
        for col in columns {
            if !values.iter().any(|w| overlaps_column(w, col, h)) {
                out.push(OutCell {
                    x0: col.0,
                    x1: col.1,
                    text: String::new(),
                    value: true,
                });
            }
        }
    }
    out.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    out
}

/// The value columns (x-ranges) of the nearest value line with more values than line `r`,
/// every value of `r` falling in a column of its own.
fn fuller_columns(
    lines: &[Line],
    value_lines: &[usize],
    r: usize,
    h: f64,
) -> Option<Vec<(f64, f64)>> {
    let at = value_lines.iter().position(|&v| v == r)?;
    let mine = lines[r].value_words();
    let near = (1..=COLUMN_NEIGHBOURS).flat_map(|d| {
        [at.checked_sub(d), Some(at + d)]
            .into_iter()
            .flatten()
            .filter_map(|i| value_lines.get(i))
    });
    for &o in near {
        let theirs = lines[o].value_words();
        if theirs.len() <= mine.len() {
            continue;
        }
        let columns: Vec<(f64, f64)> = theirs.iter().map(|w| (w.x0, w.x1)).collect();
        let mut used = vec![false; columns.len()];
        let fits = mine.iter().all(|w| {
            let hit = columns
                .iter()
                .enumerate()
                .find(|(i, c)| !used[*i] && overlaps_column(w, **c, h));
            match hit {
                Some((i, _)) => {
                    used[i] = true;
                    true
                }
                None => false,
            }
        });
        if fits {
            return Some(columns);
        }
    }
    None
}

/// Whether a value lies in a column: the boxes overlap, or nearly (a narrow number beside a
/// wide one of the same column).
fn overlaps_column(w: &Word, (x0, x1): (f64, f64), h: f64) -> bool {
    let overlap = w.x1.min(x1) - w.x0.max(x0);
    overlap > -0.25 * h
}

/// The value line a segment sits beside: the one whose vertical range overlaps the segment's
/// most (by at least a quarter of a line's height).
fn value_line_beside(
    lines: &[Line],
    value_lines: &[usize],
    y0: f64,
    y1: f64,
    h: f64,
) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for &v in value_lines {
        let l = &lines[v];
        if l.y0 > y1 {
            break;
        }
        let overlap = y1.min(l.y1) - y0.max(l.y0);
        if overlap > 0.25 * h && best.is_none_or(|(_, o)| overlap > o) {
            best = Some((v, overlap));
        }
    }
    best.map(|(v, _)| v)
}

fn segment(line: usize, words: &[Word]) -> Segment {
    let mut text = String::new();
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    let mut pieces = Vec::with_capacity(words.len());
    for w in words {
        pieces.push(OutCell {
            x0: w.x0,
            x1: w.x1,
            text: w.text.trim().to_string(),
            value: false,
        });
        join_into(&mut text, &w.text);
        x0 = x0.min(w.x0);
        x1 = x1.max(w.x1);
        y0 = y0.min(w.y0);
        y1 = y1.max(w.y1);
    }
    Segment {
        line,
        words: pieces,
        x0,
        x1,
        y0,
        y1,
        text,
        right: f64::INFINITY,
    }
}

/// Appends a word or a wrapped line: with a space between two Latin letters or digits (`2021
/// 年` stays `2021年` as a Chinese typesetter means it), with nothing otherwise.
fn join_into(text: &mut String, next: &str) {
    let next = next.trim();
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if latin(text.chars().last()) && latin(next.chars().next()) {
        text.push(' ');
    }
    text.push_str(next);
}

/// A line printed as poppler would: words in order, wide gaps as runs of spaces.
fn plain_line(words: &[Word], from: usize, to: usize, h: f64) -> String {
    let mut s = String::new();
    for (i, w) in words[from..to].iter().enumerate() {
        if i > 0 && w.x0 - words[from + i - 1].x1 > h {
            s.push_str("    ");
            s.push_str(w.text.trim());
        } else {
            join_into(&mut s, &w.text);
        }
    }
    s
}

/// How many words at the end of a line are a row's values: a run of value tokens that is the
/// whole line, or has at least two values, or stands a wide gap apart from the text before it.
fn trailing_values(words: &[Word], h: f64) -> usize {
    let n = words
        .iter()
        .rev()
        .take_while(|w| parse_token(&w.text).is_some())
        .count();
    if n == 0 || n == words.len() || n >= 2 {
        return n;
    }
    let first = words.len() - n;
    if words[first].x0 - words[first - 1].x1 > 2.0 * h {
        n
    } else {
        0
    }
}

/// Whether a label starts with a numbering that opens a new row: `一、`, `（三）`, `(3)`, `2.`,
/// `2、`, `2．`.
fn starts_numbered(text: &str) -> bool {
    let t = text.trim_start();
    let numeral = |c: char| "一二三四五六七八九十".contains(c);
    let mut chars = t.chars();
    match chars.next() {
        Some('（' | '(') => {
            let inner: String = chars
                .by_ref()
                .take_while(|&c| c != '）' && c != ')')
                .collect();
            !inner.is_empty()
                && inner.chars().count() <= 3
                && inner.chars().all(|c| numeral(c) || c.is_ascii_digit())
                && t.contains(['）', ')'])
        }
        Some(c) if numeral(c) || c.is_ascii_digit() => {
            let rest = t.trim_start_matches(|c: char| numeral(c) || c.is_ascii_digit());
            rest.starts_with(['、', '．', '.'])
                && !rest[rest.chars().next().map_or(0, char::len_utf8)..]
                    .starts_with(|c: char| c.is_ascii_digit())
        }
        _ => false,
    }
}

/// The median height of the page's words: the unit of gaps and tolerances.
fn median_height(words: &[Word]) -> f64 {
    let mut hs: Vec<f64> = words
        .iter()
        .map(Word::height)
        .filter(|h| *h > 0.0)
        .collect();
    if hs.is_empty() {
        return 1.0;
    }
    let mid = hs.len() / 2;
    let (_, m, _) = hs.select_nth_unstable_by(mid, f64::total_cmp);
    *m
}

/// Words grouped into lines by their vertical centres, each line left to right.
pub(super) fn visual_lines(words: &[Word], h: f64) -> Vec<Line> {
    let mut order: Vec<&Word> = words.iter().collect();
    order.sort_by(|a, b| a.cy().total_cmp(&b.cy()).then(a.x0.total_cmp(&b.x0)));
    let tolerance = 0.35 * h;
    let mut lines: Vec<Line> = Vec::new();
    let mut first_cy = f64::MIN;
    for w in order {
        match lines.last_mut() {
            Some(l) if w.cy() - first_cy <= tolerance => {
                l.y0 = l.y0.min(w.y0);
                l.y1 = l.y1.max(w.y1);
                l.words.push(w.clone());
            }
            _ => {
                first_cy = w.cy();
                lines.push(Line {
                    words: vec![w.clone()],
                    y0: w.y0,
                    y1: w.y1,
                    values: 0,
                });
            }
        }
    }
    for l in &mut lines {
        l.words.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Origin;

    fn w(x0: f64, y0: f64, text: &str) -> Word {
        Word::test(x0, y0, text)
    }

    fn lay_out(words: Vec<Word>) -> String {
        super::lay_out(&[Page { words }]).text
    }

    #[test]
    fn a_wrapped_label_joins_its_row_wherever_the_values_sit() {
        let text = lay_out(vec![
            // Values between the label's two lines.
            w(10.0, 100.0, "一、本年新收政府信息"),
            w(200.0, 108.0, "5"),
            w(250.0, 108.0, "0"),
            w(30.0, 116.0, "公开申请数量"),
            // Values beside the first line; the label has three.
            w(10.0, 140.0, "（二）部分公开"),
            w(200.0, 140.0, "1"),
            w(250.0, 140.0, "2"),
            w(10.0, 155.0, "（区分处理的，"),
            w(10.0, 170.0, "只计这一情形）"),
            // Values beside the last line.
            w(10.0, 190.0, "3.危及“三安全"),
            w(10.0, 205.0, "一稳定”"),
            w(200.0, 205.0, "0"),
            w(250.0, 205.0, "0"),
        ]);
        assert_eq!(
            text,
            "一、本年新收政府信息公开申请数量\t5\t0\n\
             （二）部分公开（区分处理的，只计这一情形）\t1\t2\n\
             3.危及“三安全一稳定”\t0\t0\n"
        );
    }

    #[test]
    fn headings_stay_lines_paragraphs_join_and_blank_cells_are_kept() {
        let text = lay_out(vec![
            w(10.0, 10.0, "二、主动公开政府信息情况"),
            w(10.0, 30.0, "信息内容"),
            w(200.0, 30.0, "本年制发件数"),
            w(10.0, 50.0, "规章"),
            w(200.0, 50.0, "0"),
            w(260.0, 50.0, "1"),
            w(320.0, 50.0, "2"),
            w(10.0, 70.0, "行政规范性文件"),
            w(200.0, 70.0, "4"),
            w(320.0, 70.0, "4"),
            w(10.0, 90.0, "2021年共发布信息条，其中"),
            w(10.0, 103.0, "公开目录信息976条。"),
        ]);
        assert_eq!(
            text,
            "二、主动公开政府信息情况\n信息内容    本年制发件数\n规章\t0\t1\t2\n\
             行政规范性文件\t4\t\t4\n2021年共发布信息条，其中公开目录信息976条。\n"
        );
    }

    #[test]
    fn numbered_labels_start_rows() {
        assert!(starts_numbered("一、本年新收"));
        assert!(starts_numbered("（三）不予公开"));
        assert!(starts_numbered("2.其他法律"));
        assert!(starts_numbered("(六)其他处理"));
        assert!(!starts_numbered("（三"));
        assert!(!starts_numbered("）不"));
        assert!(!starts_numbered("2021年"));
        assert!(!starts_numbered("1.5万元"));
        assert!(!starts_numbered("公开申请数量"));
    }

    #[test]
    fn a_row_cut_by_a_page_break_gets_its_label_back() {
        let page = |words: Vec<Word>| Page { words };
        let header = || w(10.0, 10.0, "（本列数据的勾稽关系为：第一项加第二项之和）");
        let layout = super::lay_out(&[
            page(vec![
                w(10.0, 700.0, "3.危及“三安全"),
                w(200.0, 700.0, "0"),
                w(250.0, 700.0, "1"),
                w(100.0, 800.0, "- 7 -"),
            ]),
            page(vec![
                header(),
                w(10.0, 40.0, "一稳定”"),
                w(10.0, 60.0, "4.保护第三方合法权益"),
                w(200.0, 60.0, "2"),
                w(250.0, 60.0, "3"),
            ]),
            page(vec![
                header(),
                w(10.0, 40.0, "8.属于行政查询事项"),
                w(200.0, 40.0, "0"),
                w(250.0, 40.0, "0"),
                w(10.0, 700.0, "1.本机关不掌握"),
            ]),
            page(vec![
                header(),
                w(10.0, 40.0, "相关政府信息"),
                w(200.0, 40.0, "4"),
                w(250.0, 40.0, "5"),
            ]),
        ]);
        assert_eq!(
            layout.text,
            "3.危及“三安全一稳定”\t0\t1\n- 7 -\n\
             （本列数据的勾稽关系为：第一项加第二项之和）\n4.保护第三方合法权益\t2\t3\n\
             （本列数据的勾稽关系为：第一项加第二项之和）\n8.属于行政查询事项\t0\t0\n\
             （本列数据的勾稽关系为：第一项加第二项之和）\n1.本机关不掌握相关政府信息\t4\t5\n"
        );
    }

    #[test]
    fn a_complete_label_is_not_continued_by_the_next_page_header() {
        let layout = super::lay_out(&[
            Page {
                words: vec![w(10.0, 700.0, "8.属于行政查询事项"), w(200.0, 700.0, "0")],
            },
            Page {
                words: vec![
                    w(10.0, 40.0, "项之和）"),
                    w(10.0, 60.0, "（四）无法提供"),
                    w(200.0, 60.0, "2"),
                ],
            },
        ]);
        assert_eq!(
            layout.text,
            "8.属于行政查询事项\t0\n项之和）\n（四）无法提供\t2\n"
        );
    }

    #[test]
    fn a_sidebar_is_laid_out_after_the_article_beside_it() {
        let mut words = vec![
            w(10.0, 10.0, "某某区应急管理局2020年"),
            w(330.0, 10.0, "相关链接"),
            w(10.0, 25.0, "政府信息公开工作年度报告"),
        ];
        for (i, link) in ["依申请公开", "政民互动", "机构职能", "政府信息公开指南"]
            .into_iter()
            .enumerate()
        {
            words.push(w(330.0, 25.0 + 15.0 * i as f64, link));
        }
        // A paragraph: three lines beside the sidebar, ending at its gutter, then across the
        // page; the figure on its second line.
        let lines = [
            "一、总体情况。进一步做好政府信息依申请公开相关管理工作，全年共",
            "收到政府信息公开申请40件，办结40件，其中予以公开30件，部分公开",
            "5件，不予公开5件，依申请公开工作有序开展，答复及时规范",
        ];
        for (i, l) in lines.iter().enumerate() {
            let mut word = w(10.0, 55.0 + 15.0 * i as f64, l);
            word.x1 = 310.0;
            words.push(word);
        }
        words.push(w(
            10.0,
            100.0,
            "均在法定期限内办结，未发生行政复议和行政诉讼案件。",
        ));
        for i in 0..6 {
            words.push(w(10.0, 120.0 + 15.0 * i as f64, &"字".repeat(39)));
        }
        let layout = super::lay_out(&[Page { words }]);
        let text: Vec<&str> = layout.text.lines().collect();
        assert_eq!(text.len(), 3 + 5, "{text:#?}");
        assert_eq!(text[0], "某某区应急管理局2020年政府信息公开工作年度报告");
        assert_eq!(
            text[1],
            lines.concat() + "均在法定期限内办结，未发生行政复议和行政诉讼案件。"
        );
        assert_eq!(
            &text[text.len() - 5..],
            [
                "相关链接",
                "依申请公开",
                "政民互动",
                "机构职能",
                "政府信息公开指南"
            ]
        );
        // The paragraph is printed on the page's lines 3 to 6 (the title's two lines first,
        // joined into line 1); the sidebar's lines are numbered on after the article's.
        assert_eq!(
            layout.origins[1],
            Origin::PageLine {
                page: 1,
                line: 3,
                joins: vec![
                    (lines[0].len(), 4),
                    (lines[0].len() + lines[1].len(), 5),
                    (lines.concat().len(), 6),
                ],
            }
        );
        // `40件`: the 11th character of the page's line 4.
        let figure = lines[0].chars().count() as u32 + 11;
        assert_eq!(
            layout
                .locate(gongkai_model::Source::Text {
                    line: 2,
                    column: figure,
                    len: 3,
                    alone: false
                })
                .to_string(),
            "p1:L4:11"
        );
        assert!(matches!(
            layout.origins.last(),
            Some(Origin::PageLine { line, .. }) if *line > 14
        ));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

        /// Any words anywhere, overlapping or not, on one or two pages: a layout, no panic, and
        /// every word's text in it.
        #[test]
        fn any_words_lay_out(
            boxes in proptest::collection::vec(
                (0f64..600.0, 0f64..800.0, 0f64..60.0, 0f64..30.0, "[0-9一二三（）.、“”a-z]{1,5}", proptest::bool::ANY),
                0..150,
            )
        ) {
            let mut pages = vec![Page::default(), Page::default()];
            for (x, y, wd, ht, text, second) in boxes {
                pages[usize::from(second)].words.push(Word { x0: x, y0: y, x1: x + wd, y1: y + ht, text });
            }
            let layout = super::lay_out(&pages);
            let letters = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count();
            let words: usize = pages.iter().flat_map(|p| &p.words).map(|w| letters(&w.text)).sum();
            proptest::prop_assert_eq!(letters(&layout.text), words);
        }
    }
}
