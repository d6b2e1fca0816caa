//! Putting a row's printed values into the format's cells — and never silently shifting them.
//!
//! A row printed with as many values as the format has is placed in order. A row printed with
//! fewer (a cell left out when the page was made) or more values cannot be placed by position
//! alone: every way of placing them is tried against the table's own relations. If all readings
//! that agree with the arithmetic give every cell the same value, that value is used and a
//! finding says what was assumed; cells on which the readings disagree stay `missing`, and the
//! finding lists the candidate readings.

use gongkai_model::arith::{evaluate, infer_missing, Eval, EPSILON};
use gongkai_model::report::{format_value, FormatCells};
use gongkai_model::{
    formats, Cell, CellKey, CellState, CellText, Finding, FormatId, Message, Outcome, Relation,
    Report, Severity, Source, ValueKind,
};

use crate::tokens::{Token, TokenKind};
use crate::value::{cell_value, CellValue, Printed};

/// One printed cell of a row.
#[derive(Debug, Clone)]
pub enum Slot<'a> {
    Value {
        printed: Printed,
        text: &'a str,
        source: Source,
    },
    /// An empty cell between values of a multi-cell line.
    Empty { source: Source },
    /// Something in a value's place that is not a number (`1O`).
    Unreadable { text: &'a str, source: Source },
}

impl<'a> Slot<'a> {
    /// The printed cell a value or empty token is (`Empty` for text, which is never one).
    #[inline(always)]
    pub fn of(tok: &Token<'a>) -> Slot<'a> {
        match &tok.kind {
            TokenKind::Value(p) => Slot::Value {
                printed: p.clone(),
                text: tok.text,
                source: super::source_of(tok, true),
            },
            TokenKind::Empty | TokenKind::Text => Slot::Empty {
                source: super::source_of(tok, true),
            },
        }
    }

    fn is_empty(&self) -> bool {
        matches!(self, Slot::Empty { .. })
    }

    fn source(&self) -> Source {
        match self {
            Slot::Value { source, .. }
            | Slot::Empty { source }
            | Slot::Unreadable { source, .. } => *source,
        }
    }

    fn text(&self) -> &'a str {
        match *self {
            Slot::Value { text, .. } | Slot::Unreadable { text, .. } => text,
            Slot::Empty { .. } => "",
        }
    }
}

/// A printed cell as the pass over the tokens keeps it: the value or empty token itself (nearly
/// every cell; its [`Slot`] is made from it only when it is placed, rather than made, stored and
/// read back), or a cell made otherwise (text where a value should be, the digits of a label
/// printed with its values glued on), by its place among the pass's made cells. Nothing to
/// drop: a row's kept cells are let go without a look at each.
#[derive(Debug, Clone, Copy)]
pub enum Kept<'a> {
    Token(&'a Token<'a>),
    Made(usize),
}

impl<'a> Kept<'a> {
    /// The printed cell: [`Slot::of`] the token, or the cell made (`made` are the pass's made
    /// cells; a place outside them, which the pass never gives, is an empty cell).
    #[inline(always)]
    pub fn slot(&self, made: &[Slot<'a>]) -> Slot<'a> {
        match *self {
            Kept::Token(tok) => Slot::of(tok),
            Kept::Made(at) => made.get(at).cloned().unwrap_or(Slot::Empty {
                source: Source::None,
            }),
        }
    }

    /// Whether [`slot`](Self::slot) is an empty cell, told without making it.
    #[inline]
    fn is_empty(&self, made: &[Slot<'a>]) -> bool {
        match *self {
            Kept::Token(tok) => !matches!(tok.kind, TokenKind::Value(_)),
            Kept::Made(at) => made.get(at).is_none_or(Slot::is_empty),
        }
    }
}

/// A row (or a single-run table) to place: its cells in printed order (as the pass keeps them,
/// `Kept`, or made: `Slot`), and what was printed.
pub struct RowRead<'a, S = Slot<'a>> {
    /// A short description for messages: the row's official label, or the table's name.
    pub label: &'static str,
    pub targets: &'static [(CellKey, ValueKind)],
    /// The place of the first target in the format's cell order; the others follow it (a
    /// row's cells, and a table's, are consecutive there).
    pub first: usize,
    /// Where the row's label is (the table's place for a single run).
    pub label_at: LabelPlace<'a>,
    pub slots: &'a [S],
}

/// Where a row's label is: its token, whose place is made only when a cell or a note needs it
/// (counting the label's characters costs more than placing most rows' values), or a place.
#[derive(Debug, Clone, Copy)]
pub enum LabelPlace<'a> {
    Token(&'a Token<'a>),
    Made(Source),
}

impl LabelPlace<'_> {
    /// The label's place: the token's [`Token::source`].
    pub fn source(&self) -> Source {
        match self {
            LabelPlace::Token(tok) => tok.source(),
            LabelPlace::Made(source) => *source,
        }
    }
}

/// Most placements tried for one row; beyond this the row is left `missing` and reported.
const MAX_CANDIDATES: usize = 600;

/// The printed cells with leading and trailing empty cells (layout filler) removed.
#[inline]
fn interior<S>(slots: &[S], is_empty: impl Fn(&S) -> bool) -> &[S] {
    let first = slots.iter().position(|s| !is_empty(s));
    let last = slots.iter().rposition(|s| !is_empty(s));
    match (first, last) {
        (Some(f), Some(l)) => slots.get(f..=l).unwrap_or_default(),
        _ => &[],
    }
}

impl<'a> RowRead<'a, Kept<'a>> {
    /// Places the row in the cells being made if its printed cells fit the format one to one
    /// (`made`: the pass's made cells). Returns `false` when the count differs and [`resolve`]
    /// must decide.
    pub fn place_direct(
        &self,
        made: &[Slot<'a>],
        cells: &mut FormatCells,
        notes: &mut Vec<Finding>,
    ) -> bool {
        let interior = interior(self.slots, |k| k.is_empty(made));
        let n = self.targets.len();
        if interior.len() == n {
            self.set_each(interior.iter(), made, cells, notes);
            return true;
        }
        let is_value = |s: &&Kept| !s.is_empty(made);
        if interior.iter().filter(is_value).count() != n {
            return false;
        }
        self.set_each(interior.iter().filter(is_value), made, cells, notes);
        true
    }

    /// Sets the row's cells, in order, from the printed cells chosen for them (as many as
    /// targets).
    fn set_each<'s>(
        &self,
        chosen: impl Iterator<Item = &'s Kept<'a>>,
        made: &[Slot<'a>],
        cells: &mut FormatCells,
        notes: &mut Vec<Finding>,
    ) where
        'a: 's,
    {
        // The targets are the format's own cells at their places (`first` on): set by place.
        for (i, ((key, kind), kept)) in self.targets.iter().zip(chosen).enumerate() {
            match *kept {
                // Nearly every cell: set from its token, without making its slot first (its
                // place made where the cell is).
                Kept::Token(tok) => {
                    let (state, value, text) = state_from_token(key, *kind, tok, notes);
                    let source = super::source_of(tok, true);
                    cells.set(self.first + i, value, state, text, source);
                }
                Kept::Made(_) => {
                    let slot = kept.slot(made);
                    let (state, value) = state_from_slot(key, *kind, &slot, notes);
                    cells.set(self.first + i, value, state, slot.text(), slot.source());
                }
            }
        }
    }

    /// The row with its printed cells made ([`Kept::slot`]) into `slots`, for [`resolve`].
    pub fn with_slots<'s>(&self, slots: &'s [Slot<'a>]) -> RowRead<'s, Slot<'a>>
    where
        'a: 's,
    {
        RowRead {
            label: self.label,
            targets: self.targets,
            first: self.first,
            label_at: self.label_at,
            slots,
        }
    }
}

impl<'a> RowRead<'a> {
    /// The printed values (no empty cells), for rows whose count does not fit.
    fn values(&self) -> Vec<&Slot<'a>> {
        interior(self.slots, Slot::is_empty)
            .iter()
            .filter(|s| !s.is_empty())
            .collect()
    }
}

/// The state and value of the cell of `key` from what was printed for it (with a note when
/// that is not a value of the cell's kind).
#[inline(always)]
fn state_from_slot(
    key: &CellKey,
    kind: ValueKind,
    slot: &Slot,
    notes: &mut Vec<Finding>,
) -> (CellState, Option<f64>) {
    match slot {
        Slot::Value { printed, .. } => state_of_printed(printed, kind, notes, || {
            unreadable(*key, slot.text(), slot.source())
        }),
        Slot::Empty { .. } => (CellState::Blank, None),
        Slot::Unreadable { text, source } => {
            notes.push(unreadable(*key, text, *source));
            (CellState::Missing, None)
        }
    }
}

/// The state and value of a cell of `kind` printed as `printed` (with the note `unreadable`
/// makes when that is not a value of the cell's kind).
#[inline(always)]
fn state_of_printed(
    printed: &Printed,
    kind: ValueKind,
    notes: &mut Vec<Finding>,
    unreadable: impl FnOnce() -> Finding,
) -> (CellState, Option<f64>) {
    match cell_value(printed, kind) {
        CellValue::Number(v) => (CellState::Number, Some(v)),
        CellValue::NotApplicable => (CellState::NotApplicable, None),
        CellValue::Missing => (CellState::Missing, None),
        CellValue::Invalid => {
            notes.push(unreadable());
            (CellState::Missing, None)
        }
    }
}

/// [`state_from_slot`] of the slot of a value or empty token ([`Slot::of`]), with the slot's
/// text: what placing a cell kept as its token needs, told from the token itself (its place is
/// the slot's, [`super::source_of`] the token).
#[inline(always)]
fn state_from_token<'a>(
    key: &CellKey,
    kind: ValueKind,
    tok: &Token<'a>,
    notes: &mut Vec<Finding>,
) -> (CellState, Option<f64>, &'a str) {
    match &tok.kind {
        TokenKind::Value(printed) => {
            let (state, value) = state_of_printed(printed, kind, notes, || {
                unreadable(*key, tok.text, tok.source())
            });
            (state, value, tok.text)
        }
        TokenKind::Empty | TokenKind::Text => (CellState::Blank, None, ""),
    }
}

/// Sets one cell (at place `at` of the format's cell order) from what was printed for it.
fn set_from_slot(
    report: &mut Report,
    at: usize,
    key: CellKey,
    kind: ValueKind,
    slot: &Slot,
    notes: &mut Vec<Finding>,
) {
    let (state, value) = state_from_slot(&key, kind, slot, notes);
    // Every field assigned in place: the same cell as building it anew, without moving a
    // whole cell in and dropping the old one.
    if let Some(cell) = report.cell_at_mut(at, &key) {
        cell.table = key.table;
        cell.row = key.row;
        cell.column = key.column;
        cell.value = value;
        cell.state = state;
        cell.text = CellText::new(slot.text());
        cell.source = slot.source();
        cell.inferred_by = None;
    }
}

#[cold]
#[inline(never)]
fn unreadable(key: CellKey, text: &str, source: Source) -> Finding {
    Finding::new(
        "CELL-UNREADABLE",
        Severity::Error,
        Outcome::Fail,
        Message::new(
            format!("「{text}」不是有效的数值，该格按缺失处理"),
            format!("“{text}” is not a valid value for {key}; the cell is treated as missing"),
        ),
    )
    .with_cells(vec![key])
    .at(source)
}

/// One way of reading a row: for each target cell, the index of the printed value it takes.
type Reading = Vec<Option<usize>>;

/// Places a row whose printed count does not match the format, using the relations.
pub fn resolve(
    report: &mut Report,
    relations: &[Relation],
    row: &RowRead<'_>,
    notes: &mut Vec<Finding>,
) {
    let values = row.values();
    let n = row.targets.len();
    let k = values.len();
    let keys: Vec<CellKey> = row.targets.iter().map(|(k, _)| *k).collect();
    let location = values
        .first()
        .map_or_else(|| row.label_at.source(), |s| s.source());
    // Only the format's exact relations (the ones that can fix a value) decide a placement;
    // a "normally ≤" relation must not move a printed value into another cell.
    let relevant: Vec<&Relation> = relations
        .iter()
        .filter(|r| r.def.infers && keys.iter().any(|k| r.involves(k)))
        .collect();
    // Digits run together (`5000005`) are one explanation of a short row; a lost cell is the
    // other. When the ordinary readings (a cell lost) fix every cell consistently — to the same
    // values or, when the arithmetic cannot tell which cell was lost, to different ones — a
    // split is only a rival reading: if one fits too and gives other values, the row is
    // ambiguous and said so, rather than cut into values that may never have been printed
    // (`0 0 6 17` for five cells whose total is the last: `17` cut into `1 7` fits, and so does
    // any of the four cells lost before the total).
    let glued = if k < n {
        glued_splits(&values, n)
    } else {
        None
    };
    // Splits that fit while the ordinary readings dispute the row: more rival readings, whose
    // cells are taken back below like those the ordinary readings disagree on.
    let mut rival_splits: Vec<(Vec<Slot<'_>>, Report)> = Vec::new();
    if let Some(splits) = glued {
        match &ordinary_reading(report, relations, &relevant, row, &values, &keys, n, k) {
            Ordinary::Open => {
                if resolve_glued(report, relations, &relevant, row, splits, location, notes) {
                    return;
                }
            }
            Ordinary::Disputed => {
                rival_splits = consistent_splits(report, relations, &relevant, row, splits);
            }
            Ordinary::Determined(values_read) => {
                let rivals = consistent_splits(report, relations, &relevant, row, splits);
                let differs = |t: &Report| {
                    keys.iter()
                        .zip(values_read)
                        .any(|(key, v)| cell_value_of(t, key) != Some(*v))
                };
                let differing: Vec<String> = rivals
                    .iter()
                    .filter(|(_, t)| differs(t))
                    .take(4)
                    .map(|(slots, _)| slots.iter().map(|x| x.text()).collect::<Vec<_>>().join(" "))
                    .collect();
                if !differing.is_empty() {
                    // Place the ordinary reading, then take back every cell a rival disputes.
                    let unsure: Vec<CellKey> = keys
                        .iter()
                        .zip(values_read)
                        .filter(|(key, v)| {
                            rivals
                                .iter()
                                .any(|(_, t)| cell_value_of(t, key) != Some(**v))
                        })
                        .map(|(key, _)| *key)
                        .collect();
                    if let Some(reading) = candidate_readings(n, k).and_then(|r| {
                        r.into_iter().find(|reading| {
                            let mut trial = report.clone();
                            apply(&mut trial, row, &values, reading, &mut Vec::new());
                            infer_missing(&mut trial, relations);
                            !relevant.iter().any(|r| conflicts(r, &trial))
                        })
                    }) {
                        apply(report, row, &values, &reading, &mut Vec::new());
                    }
                    for key in &unsure {
                        set_missing(report, *key, row.label_at.source());
                    }
                    let mut candidates = vec![values_read
                        .iter()
                        .map(|v| format_value(*v))
                        .collect::<Vec<_>>()
                        .join(" ")];
                    candidates.extend(differing);
                    notes.push(count_note(
                        row,
                        k,
                        n,
                        location,
                        Outcome::Uncertain,
                        &values,
                        Some(&vec![None; n]),
                        &candidates,
                        false,
                    ));
                    return;
                }
                // Every split that fits agrees with the ordinary reading: the split explains
                // every printed digit, so the cells get printed values, not inferred ones.
                if !rivals.is_empty() {
                    let splits = rivals.into_iter().map(|(slots, _)| slots).collect();
                    if resolve_glued(report, relations, &relevant, row, splits, location, notes) {
                        return;
                    }
                }
            }
        }
    }
    let readings = candidate_readings(n, k);
    let Some(readings) = readings else {
        // Too many ways to read it: keep nothing, say so.
        for key in &keys {
            set_missing(report, *key, row.label_at.source());
        }
        notes.push(count_note(
            row,
            k,
            n,
            location,
            Outcome::Uncertain,
            &values,
            None,
            &[],
            false,
        ));
        return;
    };
    // Try every reading against the table's arithmetic.
    let mut scored: Vec<(usize, Reading, Report)> = readings
        .into_iter()
        .map(|reading| {
            let mut trial = report.clone();
            apply(&mut trial, row, &values, &reading, &mut Vec::new());
            infer_missing(&mut trial, relations);
            let conflicts = relevant.iter().filter(|r| conflicts(r, &trial)).count();
            (conflicts, reading, trial)
        })
        .collect();
    let best = scored.iter().map(|s| s.0).min().unwrap_or(0);
    scored.retain(|s| s.0 == best);
    let consistent = best == 0;

    // The values each cell takes under the remaining readings (and the rival splits, which fit
    // as well as they do).
    let agrees = |trial: &Report, key: &CellKey, first: f64| {
        cell_value_of(trial, key).is_some_and(|v| (v - first).abs() <= EPSILON)
    };
    let agreed: Vec<Option<f64>> = keys
        .iter()
        .map(|key| {
            let first = scored.first().and_then(|s| cell_value_of(&s.2, key))?;
            (scored.iter().all(|s| agrees(&s.2, key, first))
                && rival_splits.iter().all(|(_, t)| agrees(t, key, first)))
            .then_some(first)
        })
        .collect();

    let unique = scored.len() == 1 && rival_splits.is_empty();
    let Some((_, reading, _)) = scored.first() else {
        return;
    };
    let reading = reading.clone();
    apply(report, row, &values, &reading, notes);
    let ambiguous: Vec<CellKey> = keys
        .iter()
        .zip(&agreed)
        .filter(|(_, a)| a.is_none())
        .map(|(k, _)| *k)
        .collect();
    for key in &ambiguous {
        set_missing(report, *key, row.label_at.source());
    }
    let outcome = if consistent && ambiguous.is_empty() {
        Outcome::Fail
    } else {
        Outcome::Uncertain
    };
    let candidates: Vec<String> = if ambiguous.is_empty() {
        Vec::new()
    } else {
        // Five readings at most, the rival splits among them when there are any.
        let splits = rival_splits.len().min(2);
        scored
            .iter()
            .map(|(_, _, trial)| trial)
            .take(5 - splits)
            .chain(rival_splits.iter().map(|(_, trial)| trial).take(splits))
            .map(|trial| {
                keys.iter()
                    .map(|k| cell_value_of(trial, k).map_or("?".to_string(), format_value))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    };
    notes.push(count_note(
        row,
        k,
        n,
        location,
        outcome,
        &values,
        Some(&reading),
        &candidates,
        unique,
    ));
}

/// Most ways of splitting glued digits that are tried.
const MAX_SPLITS: usize = 3000;

/// When a row's values are runs of plain digits that together hold at least `n` digits
/// (`5000005` for seven cells), every way of cutting them into exactly `n` numbers without
/// leading zeros, in order; `None` when the values are not such runs or there are too many ways.
fn glued_splits<'a>(values: &[&Slot<'a>], n: usize) -> Option<Vec<Vec<Slot<'a>>>> {
    let runs: Vec<(&'a str, Source)> = values
        .iter()
        .map(|s| match s {
            Slot::Value {
                printed: Printed::Number { signed: false, .. },
                text,
                source,
            } if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) => {
                Some((*text, *source))
            }
            _ => None,
        })
        .collect::<Option<_>>()?;
    let digits: usize = runs.iter().map(|(t, _)| t.len()).sum();
    if digits < n || runs.iter().all(|(t, _)| t.len() == 1) {
        return None;
    }
    // Values printed one per line (a cell-per-line layout) were cells of their own: a short
    // row there has lost a cell, and cutting `13` into `1 3` would fill the gap with a value
    // that was never printed (and can fit the arithmetic by chance). Only runs that share a
    // line with something else, or a row's single run, can be glued.
    let mut lines = runs.iter().map(|(_, s)| match s {
        Source::Text {
            line, alone: true, ..
        } => Some(*line),
        _ => None,
    });
    if let Some(Some(first)) = lines.next() {
        let rest: Option<Vec<u32>> = lines.collect();
        if rest.is_some_and(|r| !r.is_empty() && r.iter().all(|l| *l != first)) {
            return None;
        }
    }
    let mut out = Vec::new();
    let mut current = Vec::with_capacity(n);
    if !split_runs(&runs, n, &mut current, &mut out) {
        return None;
    }
    Some(out)
}

/// Depth-first: the first run cut into some parts, then the rest. `false` when the number of
/// candidates exceeds [`MAX_SPLITS`].
fn split_runs<'a>(
    runs: &[(&'a str, Source)],
    n: usize,
    current: &mut Vec<Slot<'a>>,
    out: &mut Vec<Vec<Slot<'a>>>,
) -> bool {
    let Some(((text, source), rest)) = runs.split_first() else {
        if current.len() == n {
            out.push(current.clone());
        }
        return out.len() <= MAX_SPLITS;
    };
    let need_rest = rest.len();
    let remaining = n.saturating_sub(current.len());
    if remaining < 1 + need_rest {
        return true;
    }
    let max_parts = (remaining - need_rest).min(text.len());
    for parts in 1..=max_parts {
        let mut cuts = Vec::with_capacity(parts);
        if !cut_into(text, parts, 0, &mut cuts, &mut |pieces: &[(
            usize,
            usize,
        )]| {
            let mark = current.len();
            for &(a, b) in pieces {
                let piece = &text[a..b];
                let value = piece.parse::<f64>().unwrap_or(0.0);
                let src = match *source {
                    Source::Text { line, column, .. } => Source::Text {
                        line,
                        column: column + a as u32,
                        len: (b - a) as u32,
                        alone: false,
                    },
                    other => other,
                };
                current.push(Slot::Value {
                    printed: Printed::Number {
                        value,
                        unit: crate::value::Unit::None,
                        signed: false,
                    },
                    text: piece,
                    source: src,
                });
            }
            let ok = split_runs(rest, n, current, out);
            current.truncate(mark);
            ok
        }) {
            return false;
        }
    }
    true
}

/// A callback given the byte ranges of one way of cutting; it says whether to go on.
type EachCut<'f> = &'f mut dyn FnMut(&[(usize, usize)]) -> bool;

/// Calls `each` with every way of cutting `text[from..]` into `parts` pieces with no leading
/// zeros (a lone `0` is fine); stops early when `each` says so.
fn cut_into(
    text: &str,
    parts: usize,
    from: usize,
    cuts: &mut Vec<(usize, usize)>,
    each: EachCut<'_>,
) -> bool {
    let len = text.len();
    if parts == 1 {
        let piece = &text[from..];
        if piece.is_empty() || (piece.len() > 1 && piece.starts_with('0')) {
            return true;
        }
        cuts.push((from, len));
        let ok = each(cuts);
        cuts.pop();
        return ok;
    }
    for end in from + 1..=len.saturating_sub(parts - 1) {
        let piece = &text[from..end];
        if piece.len() > 1 && piece.starts_with('0') {
            break;
        }
        cuts.push((from, end));
        let ok = cut_into(text, parts - 1, end, cuts, each);
        cuts.pop();
        if !ok {
            return false;
        }
    }
    true
}

/// What the ordinary readings of a short row (values in order, some cells lost) that agree
/// with the table's arithmetic say about its cells.
enum Ordinary {
    /// They all give every cell the same value.
    Determined(Vec<f64>),
    /// They all fix every cell, but not to the same values: the arithmetic cannot tell which
    /// cell was lost.
    Disputed,
    /// No reading agrees with the arithmetic, or one leaves some cell unknown.
    Open,
}

#[allow(clippy::too_many_arguments)]
fn ordinary_reading(
    report: &Report,
    relations: &[Relation],
    relevant: &[&Relation],
    row: &RowRead<'_>,
    values: &[&Slot<'_>],
    keys: &[CellKey],
    n: usize,
    k: usize,
) -> Ordinary {
    let Some(readings) = candidate_readings(n, k) else {
        return Ordinary::Open;
    };
    let mut agreed: Option<Vec<f64>> = None;
    let mut disputed = false;
    for reading in readings {
        let mut trial = report.clone();
        apply(&mut trial, row, values, &reading, &mut Vec::new());
        infer_missing(&mut trial, relations);
        if relevant.iter().any(|r| conflicts(r, &trial)) {
            continue;
        }
        let vals: Option<Vec<f64>> = keys.iter().map(|key| cell_value_of(&trial, key)).collect();
        let Some(vals) = vals else {
            return Ordinary::Open;
        };
        match &agreed {
            None => agreed = Some(vals),
            Some(a) => disputed |= a.iter().zip(&vals).any(|(x, y)| (x - y).abs() > EPSILON),
        }
    }
    match agreed {
        Some(_) if disputed => Ordinary::Disputed,
        Some(vals) => Ordinary::Determined(vals),
        None => Ordinary::Open,
    }
}

/// The splits of glued digits that agree with the table's arithmetic, each with the report it
/// gives.
fn consistent_splits<'s>(
    report: &Report,
    relations: &[Relation],
    relevant: &[&Relation],
    row: &RowRead<'_>,
    splits: Vec<Vec<Slot<'s>>>,
) -> Vec<(Vec<Slot<'s>>, Report)> {
    splits
        .into_iter()
        .filter_map(|slots| {
            let mut trial = report.clone();
            for (i, ((key, kind), slot)) in row.targets.iter().zip(&slots).enumerate() {
                set_from_slot(
                    &mut trial,
                    row.first + i,
                    *key,
                    *kind,
                    slot,
                    &mut Vec::new(),
                );
            }
            infer_missing(&mut trial, relations);
            (!relevant.iter().any(|r| conflicts(r, &trial))).then_some((slots, trial))
        })
        .collect()
}

/// Places a row whose values were glued, if the table's arithmetic leaves one reading (or
/// several that give the same values). Returns `false` to fall back to the ordinary placement.
fn resolve_glued(
    report: &mut Report,
    relations: &[Relation],
    relevant: &[&Relation],
    row: &RowRead<'_>,
    splits: Vec<Vec<Slot<'_>>>,
    location: Source,
    notes: &mut Vec<Finding>,
) -> bool {
    let keys: Vec<CellKey> = row.targets.iter().map(|(k, _)| *k).collect();
    let consistent = consistent_splits(report, relations, relevant, row, splits);
    let Some((first, first_trial)) = consistent.first() else {
        return false;
    };
    let printed: String = row
        .slots
        .iter()
        .map(|s| s.text())
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let same = consistent.iter().all(|(_, t)| {
        keys.iter()
            .all(|k| cell_value_of(t, k) == cell_value_of(first_trial, k))
    });
    let label = row.label;
    if same {
        for (i, ((key, kind), slot)) in row.targets.iter().zip(first).enumerate() {
            set_from_slot(report, row.first + i, *key, *kind, slot, notes);
        }
        let parts: Vec<&str> = first.iter().map(|s| s.text()).collect();
        let (zh_how, en_how) = if consistent.len() == 1 {
            (
                "按本表勾稽关系只能拆为",
                "the table's arithmetic allows only one split",
            )
        } else {
            (
                "各种符合本表勾稽关系的拆法结果相同，拆为",
                "every split consistent with the table's arithmetic gives",
            )
        };
        notes.push(
            Finding::new(
                "ROW-GLUED",
                Severity::Warning,
                Outcome::Fail,
                Message::new(
                    format!(
                        "「{label}」的数值连在一起印成「{printed}」，{zh_how} {}",
                        parts.join("、")
                    ),
                    format!(
                        "the values of “{label}” run together as “{printed}”; {en_how}: {}",
                        parts.join(", ")
                    ),
                ),
            )
            .with_cells(keys)
            .with_evidence(parts.join(" "))
            .at(location),
        );
    } else {
        for key in &keys {
            set_missing(report, *key, row.label_at.source());
        }
        let candidates: Vec<String> = consistent
            .iter()
            .take(5)
            .map(|(s, _)| s.iter().map(|x| x.text()).collect::<Vec<_>>().join(" "))
            .collect();
        notes.push(
            Finding::new(
                "ROW-GLUED",
                Severity::Warning,
                Outcome::Uncertain,
                Message::new(
                    format!(
                        "「{label}」的数值连在一起印成「{printed}」，符合本表勾稽关系的拆法不止一种（{}），该行按缺失处理",
                        candidates.join(" | ")
                    ),
                    format!(
                        "the values of “{label}” run together as “{printed}”; more than one split agrees with the table's arithmetic ({}), so the row is treated as missing",
                        candidates.join(" | ")
                    ),
                ),
            )
            .with_cells(keys)
            .at(location),
        );
    }
    true
}

fn cell_value_of(report: &Report, key: &CellKey) -> Option<f64> {
    report
        .cell(key)
        .filter(|c| c.state.has_value())
        .and_then(|c| c.value)
}

fn set_missing(report: &mut Report, key: CellKey, source: Source) {
    if let Some(cell) = report.cell_mut(&key) {
        *cell = Cell::missing(key, source);
    }
}

/// Applies a reading: printed values into their cells, the others `missing`.
fn apply(
    report: &mut Report,
    row: &RowRead<'_>,
    values: &[&Slot<'_>],
    reading: &Reading,
    notes: &mut Vec<Finding>,
) {
    for (at, ((key, kind), pick)) in row.targets.iter().zip(reading).enumerate() {
        match pick.and_then(|i| values.get(i)) {
            Some(slot) => set_from_slot(report, row.first + at, *key, *kind, slot, notes),
            None => set_missing(report, *key, row.label_at.source()),
        }
    }
}

/// Whether a relation is contradicted: it fails, or its one unknown would have to be a
/// negative or fractional count.
fn conflicts(rel: &Relation, report: &Report) -> bool {
    match evaluate(rel, report) {
        Eval::Fails { .. } => true,
        Eval::Holds { .. } => false,
        Eval::Undecided { missing, empty, .. } => {
            if missing.len() != 1 || !empty.is_empty() {
                return false;
            }
            let sum = |keys: &[CellKey]| -> f64 {
                keys.iter()
                    .filter_map(|k| cell_value_of(report, k))
                    .sum::<f64>()
            };
            let unknown = missing[0];
            let need = if rel.lhs.contains(&unknown) {
                sum(&rel.rhs) - sum(&rel.lhs)
            } else {
                sum(&rel.lhs) - sum(&rel.rhs)
            };
            need < -EPSILON || (need - need.round()).abs() > EPSILON
        }
    }
}

/// Every reading of `k` printed values into `n` cells, most likely first: with fewer values,
/// the cells left out are taken from the right first (a missing 总计 is the commonest case);
/// with more, the surplus values are dropped from the right first. `None` when there are too
/// many readings to try.
fn candidate_readings(n: usize, k: usize) -> Option<Vec<Reading>> {
    if k == 0 || n == 0 {
        return Some(Vec::new());
    }
    let (pool, choose) = if k < n { (n, n - k) } else { (k, k - n) };
    if binomial(pool, choose) > MAX_CANDIDATES {
        return None;
    }
    let mut out = Vec::new();
    for gap in combinations_rightmost_first(pool, choose) {
        if k < n {
            // `gap` = target cells with no printed value.
            let mut next = 0;
            let reading = (0..n)
                .map(|i| {
                    if gap.contains(&i) {
                        None
                    } else {
                        next += 1;
                        Some(next - 1)
                    }
                })
                .collect();
            out.push(reading);
        } else {
            // `gap` = printed values to drop.
            let kept: Vec<usize> = (0..k).filter(|i| !gap.contains(i)).collect();
            out.push(kept.into_iter().map(Some).collect());
        }
    }
    Some(out)
}

fn binomial(n: usize, k: usize) -> usize {
    let k = k.min(n - k.min(n));
    let mut r: usize = 1;
    for i in 0..k {
        r = r.saturating_mul(n - i) / (i + 1);
    }
    r
}

/// All `k`-subsets of `0..n` (each listed high to low), those using the highest indices first.
fn combinations_rightmost_first(n: usize, k: usize) -> Vec<Vec<usize>> {
    fn rec(below: usize, k: usize, cur: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
        if cur.len() == k {
            out.push(cur.clone());
            return;
        }
        let mut i = below;
        while i > 0 {
            i -= 1;
            cur.push(i);
            rec(i, k, cur, out);
            cur.pop();
        }
    }
    let mut out = Vec::new();
    rec(n, k, &mut Vec::with_capacity(k), &mut out);
    out
}

/// The official label of a cell's column, for messages.
fn column_label(key: &CellKey) -> &'static str {
    [FormatId::F2021, FormatId::F2019]
        .into_iter()
        .find_map(|f| formats::get(f).table(key.table)?.column(key.column))
        .map_or(key.column, |c| c.label)
}

#[allow(clippy::too_many_arguments)]
fn count_note(
    row: &RowRead<'_>,
    k: usize,
    n: usize,
    location: Source,
    outcome: Outcome,
    values: &[&Slot<'_>],
    reading: Option<&Reading>,
    candidates: &[String],
    unique: bool,
) -> Finding {
    let printed: Vec<&str> = values.iter().map(|s| s.text()).collect();
    let label = row.label;
    let mut zh = format!(
        "「{label}」应有 {n} 个数值，原文只印了 {k} 个（{}）",
        printed.join("、")
    );
    let mut en = format!(
        "row “{label}” should have {n} values but {k} are printed ({})",
        printed.join(", ")
    );
    if k > n {
        zh = format!(
            "「{label}」应有 {n} 个数值，原文印了 {k} 个（{}）",
            printed.join("、")
        );
        en = format!(
            "row “{label}” should have {n} values but {k} are printed ({})",
            printed.join(", ")
        );
    }
    let unplaced: Vec<&str> = match reading {
        Some(r) if k < n => row
            .targets
            .iter()
            .zip(r)
            .filter(|(_, p)| p.is_none())
            .map(|((key, _), _)| column_label(key))
            .collect(),
        _ => Vec::new(),
    };
    match (outcome, candidates.is_empty(), reading) {
        (_, _, None) => {
            zh.push_str("；可能的读法过多，无法确定各数值所属的格，整行按缺失处理");
            en.push_str(
                "; there are too many possible readings, so the whole row is treated as missing",
            );
        }
        (Outcome::Fail, true, Some(_)) => {
            if k < n && unique {
                zh.push_str(&format!(
                    "；与本表勾稽关系相符的读法只有一种：缺「{}」",
                    unplaced.join("、")
                ));
                en.push_str(&format!(
                    "; only one reading agrees with the table's arithmetic: {} missing",
                    unplaced.join(", ")
                ));
            } else if k < n {
                zh.push_str(&format!(
                    "；原文看不出缺的是哪一格，但凡与本表勾稽关系相符的读法，各格数值都相同，据此读作缺「{}」",
                    unplaced.join("、")
                ));
                en.push_str(&format!(
                    "; the source does not show which cell was left out, but every reading consistent with the table's arithmetic gives the same values, so it is read with {} missing",
                    unplaced.join(", ")
                ));
            } else {
                zh.push_str("；与本表勾稽关系相符的读法只有一种，多出的数值已舍去");
                en.push_str("; only one reading agrees with the table's arithmetic; the surplus values were dropped");
            }
        }
        (_, true, Some(_)) => {
            zh.push_str("；没有与本表勾稽关系相符的读法，按最可能的读法放置，请核对原文");
            en.push_str("; no reading agrees with the table's arithmetic; the most likely reading was used — check the source");
        }
        (_, false, Some(_)) => {
            zh.push_str(&format!(
                "；无法确定数值所属的格，不一致的格按缺失处理。可能的读法：{}",
                candidates.join(" | ")
            ));
            en.push_str(&format!(
                "; the values cannot be placed with certainty, the cells the readings disagree on are treated as missing. Candidate readings: {}",
                candidates.join(" | ")
            ));
        }
    }
    let severity = Severity::Warning;
    Finding::new("ROW-VALUE-COUNT", severity, outcome, Message::new(zh, en))
        .with_cells(row.targets.iter().map(|(k, _)| *k).collect())
        .with_evidence(format!("{k}/{n}: {}", printed.join(" ")))
        .at(location)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A kept token is empty exactly when the printed cell made from it is, and a kept cell
        /// made otherwise is that cell: for value, empty and text tokens of any text.
        #[test]
        fn kept_cells_are_the_cells_made_from_them(
            kind in 0u8..4,
            value in -1e6f64..1e6,
            text in "[0-9０-９.,/—缺无 a-z\u{80}-\u{7FF}]{0,20}",
            line in 1u32..5000,
            col in 1u32..300,
            whole_line in proptest::bool::ANY,
        ) {
            let kind = match kind {
                0 => TokenKind::Value(Printed::Number { value, unit: crate::value::Unit::None, signed: value < 0.0 }),
                1 => TokenKind::Value(Printed::NotApplicable),
                2 => TokenKind::Empty,
                _ => TokenKind::Text,
            };
            let tok = Token { kind, text: text.as_str(), line, start: 0, col, first_in_line: false, whole_line };
            let kept = Kept::Token(&tok);
            let of_token = Slot::of(&tok);
            proptest::prop_assert_eq!(format!("{:?}", kept.slot(&[])), format!("{of_token:?}"));
            proptest::prop_assert_eq!(kept.is_empty(&[]), of_token.is_empty());
            let unreadable = Slot::Unreadable { text: tok.text, source: tok.source() };
            let made = [of_token, unreadable];
            for (at, slot) in made.iter().enumerate() {
                let kept = Kept::Made(at);
                proptest::prop_assert_eq!(format!("{:?}", kept.slot(&made)), format!("{slot:?}"));
                proptest::prop_assert_eq!(kept.is_empty(&made), slot.is_empty());
            }
            // A place outside the made cells (never given) is an empty cell.
            let outside = Kept::Made(made.len());
            proptest::prop_assert!(outside.slot(&made).is_empty() && outside.is_empty(&made));
        }

        /// A cell set from its token has the state, value, text and place, and adds the notes,
        /// that it has when set from the token's slot: for every kind of token and of cell, units
        /// that do not fit the cell's kind among them.
        #[test]
        fn cells_set_from_tokens_are_cells_set_from_their_slots(
            kind in 0u8..5,
            unit in 0u8..4,
            cell_kind in 0u8..3,
            value in -1e6f64..1e6,
            text in "[0-9０-９.,/—缺无 a-z\u{80}-\u{7FF}\u{10000}-\u{10010}]{0,20}",
            line in 1u32..5000,
            col in 1u32..300,
            whole_line in proptest::bool::ANY,
        ) {
            use crate::value::Unit;
            let unit = [Unit::None, Unit::Yuan, Unit::WanYuan, Unit::Count][usize::from(unit)];
            let kind = match kind {
                0 => TokenKind::Value(Printed::Number { value, unit, signed: value < 0.0 }),
                1 => TokenKind::Value(Printed::NotApplicable),
                2 => TokenKind::Value(Printed::Missing),
                3 => TokenKind::Empty,
                _ => TokenKind::Text,
            };
            let cell_kind = [ValueKind::Count, ValueKind::Change, ValueKind::Amount][usize::from(cell_kind)];
            let tok = Token { kind, text: text.as_str(), line, start: 0, col, first_in_line: false, whole_line };
            let key = CellKey { table: "t", row: "r", column: "c" };
            let (mut from_token, mut from_slot) = (Vec::new(), Vec::new());
            let (state, value, set_text) = state_from_token(&key, cell_kind, &tok, &mut from_token);
            let slot = Slot::of(&tok);
            let expected = state_from_slot(&key, cell_kind, &slot, &mut from_slot);
            proptest::prop_assert_eq!((state, value), expected);
            proptest::prop_assert_eq!(set_text, slot.text());
            proptest::prop_assert_eq!(super::super::source_of(&tok, true), slot.source());
            proptest::prop_assert_eq!(format!("{from_token:?}"), format!("{from_slot:?}"));
        }
    }

    #[test]
    fn rightmost_gaps_come_first() {
        let c = combinations_rightmost_first(4, 1);
        assert_eq!(c, vec![vec![3], vec![2], vec![1], vec![0]]);
        let c = combinations_rightmost_first(4, 2);
        assert_eq!(c.len(), 6);
        assert_eq!(c[0], vec![3, 2]);
        assert_eq!(binomial(7, 1), 7);
        assert_eq!(binomial(15, 3), 455);
    }

    #[test]
    fn readings_leave_cells_out() {
        let r = candidate_readings(3, 2).unwrap();
        assert_eq!(r[0], vec![Some(0), Some(1), None]);
        assert_eq!(r.len(), 3);
        let r = candidate_readings(2, 3).unwrap();
        assert_eq!(r[0], vec![Some(0), Some(1)]);
    }
}
