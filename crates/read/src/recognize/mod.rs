//! Tokens → [`Report`]: find the parts and tables, read each row by its label, place the values.
//!
//! One pass over the token stream with a little state: the table we are in (set by the part
//! headings, or by a row label when a heading is missing), the row being read (set by its
//! label), and for each table the rows read so far. Values go to the row being read. Nothing
//! is read by position across rows, so a missing cell never shifts the values of other rows.

mod detect;
pub mod labels;
mod placement;
pub mod sections;
mod wrapped;

use gongkai_model::arith::infer_missing;
use gongkai_model::format::{RowDef, TableDef, TableLayout};
use gongkai_model::report::FormatCells;
use gongkai_model::{
    formats, Cell, CellKey, Finding, FormatDef, FormatId, Found, Message, Outcome, Report,
    Severity, Source, ValueKind,
};

use std::sync::OnceLock;

use crate::normalize::norm;
use crate::tokens::{Token, TokenKind};
use detect::Detection;
use labels::{label_forms, Forms, Here, LabelIndex, Target};
use placement::{resolve, Kept, LabelPlace, RowRead, Slot};

/// Reads the parts and tables of a report from its tokens. `year` (from the metadata) only
/// breaks ties when the labels do not tell the format.
pub fn recognize(tokens: &[Token<'_>], year: Option<i32>) -> Report {
    recognize_by(tokens, year, Pass::read_runs)
}

/// [`recognize`] with the pass's reading of the tokens given (`read(pass, tokens, texts, forms,
/// completed)`): the tests compare the reader's with a reading token by token.
#[inline(always)]
fn recognize_by<'a>(
    tokens: &'a [Token<'a>],
    year: Option<i32>,
    read: impl FnOnce(&mut Pass<'a>, &'a [Token<'a>], &[usize], &[Forms], &[usize]),
) -> Report {
    // The places of the text tokens, the only ones that may be labels (values are most tokens,
    // and the steps below that look at labels need not pass over them), and the matching forms
    // of each, computed once and used by every step below.
    let (texts, mut forms) = labels::text_forms(tokens);
    let detection = Detection::scan(tokens, &texts, &forms);
    let format = detection.decide(year);
    let def = formats::get(format);
    // The text tokens (by their places in `texts`) whose forms are now those of a whole wrapped
    // label, not of their own text.
    let completed = wrapped::complete_short_labels(
        tokens,
        &texts,
        &mut forms,
        // (Every text is looked at for a legacy report: it asks names of its own format.)
        (format != FormatId::Legacy).then_some(&detection.short[..]),
        format,
    );
    let mut state = Pass::new(def, tokens.len());
    read(&mut state, tokens, &texts, &forms, &completed);
    let mut report = state.finish();
    if detection.mixed() {
        report.notes.push(mixed_note(&detection, tokens));
    }
    report
}

/// The state of the one pass.
struct Pass<'a> {
    def: &'static FormatDef,
    index: &'static LabelIndex,
    sections: Vec<Found>,
    tables: Vec<TableRead<'a>>,
    current: Option<usize>,
    /// The row being read: (table index, row key), or `Discard` after a duplicate label.
    pending: Pending,
    notes: Vec<Finding>,
    /// The last text that matched nothing, for messages about values that follow it.
    after: After<'a>,
    /// The printed cells of every labelled row, row after row: a row's cells are read while
    /// it is the pending row, which it is once, for one unbroken stretch of the pass, and only
    /// the pending row is given cells, so each row's cells are one range here ([`RowSlots`]).
    /// One vector for all rows, not one per row.
    slots: Vec<Kept<'a>>,
    /// The printed cells made rather than kept as tokens ([`Kept::Made`]): rare.
    made: Vec<Slot<'a>>,
}

#[derive(Clone, Copy, PartialEq)]
enum Pending {
    None,
    /// (table index, the row's place in the table's rows).
    Row(usize, usize),
    Discard,
}

/// What the last text in a table was, for messages about values that follow no row label.
#[derive(Debug, Clone, Copy, PartialEq)]
enum After<'a> {
    Nothing,
    /// Text that names nothing of the format.
    Unknown(&'a str, At),
    /// A row group's merged label (no numbers of its own in the format).
    Group(&'static str, At),
}

/// Where a token is, as far as telling two texts apart needs: with the text, it says as much
/// as the token's [`Source`], without counting the characters of a (long) text as that does.
#[derive(Debug, Clone, Copy, PartialEq)]
struct At {
    line: u32,
    col: u32,
    alone: bool,
}

impl At {
    fn of(tok: &Token<'_>) -> At {
        At {
            line: tok.line,
            col: tok.col,
            alone: tok.whole_line,
        }
    }
}

/// What was read of one labelled row: where its label is, where its printed cells are in the
/// pass's [`Pass::slots`] (`len` of them from `start`), and how many of them are values (kept as
/// a count so that checking completeness stays O(1)).
struct RowSlots<'a> {
    /// The label's token: its place is made from it only when a cell or a note needs it.
    label: Token<'a>,
    start: usize,
    len: usize,
    values: usize,
}

impl RowSlots<'_> {
    /// This row's printed cells, out of the pass's.
    fn slots<'s, 'a>(&self, all: &'s [Kept<'a>]) -> &'s [Kept<'a>] {
        all.get(self.start..self.start + self.len)
            .unwrap_or_default()
    }
}

/// What was read of one table.
struct TableRead<'a> {
    def: &'static TableDef,
    /// The cells the table's rows go to (`targets.def` is `def`).
    targets: &'static TableTargets,
    found: Option<Source>,
    /// What was read of each row of the table, by the row's place in `def.rows`.
    rows: Vec<Option<RowSlots<'a>>>,
    /// Values of a single-run table (表四).
    run: Vec<Kept<'a>>,
    seen_row: bool,
    /// Values that came with no row label: (text, source), and the unknown label before them.
    orphans: Vec<(Source, After<'a>)>,
}

impl<'a> Pass<'a> {
    /// A pass over `tokens` tokens (each gives at most one printed cell).
    fn new(def: &'static FormatDef, tokens: usize) -> Self {
        Pass {
            def,
            index: LabelIndex::of(def.id),
            sections: Vec::new(),
            tables: table_targets(def.id)
                .iter()
                .map(|targets| TableRead {
                    def: targets.def,
                    targets,
                    found: None,
                    rows: targets.def.rows.iter().map(|_| None).collect(),
                    run: Vec::new(),
                    seen_row: false,
                    orphans: Vec::new(),
                })
                .collect(),
            current: None,
            pending: Pending::None,
            notes: Vec::new(),
            after: After::Nothing,
            slots: Vec::with_capacity(tokens),
            made: Vec::new(),
        }
    }

    /// Reads the tokens: `texts` are the places of the text tokens, `forms` the forms of each,
    /// `completed` the places in `texts` of those whose forms are not their own text's. The
    /// tokens between two texts are values and empty cells, read as one run ([`Self::values`]):
    /// only a text changes the table or the row they go to.
    fn read_runs(
        &mut self,
        tokens: &'a [Token<'a>],
        texts: &[usize],
        forms: &[Forms],
        completed: &[usize],
    ) {
        let mut completed = completed.iter().peekable();
        let mut next = 0;
        for (k, (&i, f)) in texts.iter().zip(forms).enumerate() {
            self.values(tokens.get(next..i).unwrap_or_default());
            let own = completed.next_if_eq(&&k).is_none();
            if let Some(tok) = tokens.get(i) {
                self.text(tok, f, own);
            }
            next = i + 1;
        }
        self.values(tokens.get(next..).unwrap_or_default());
    }

    /// [`Self::read_runs`] token by token, each value read by [`Self::value`]: what the tests
    /// compare it with.
    #[cfg(test)]
    fn read_each(
        &mut self,
        tokens: &'a [Token<'a>],
        _texts: &[usize],
        forms: &[Forms],
        completed: &[usize],
    ) {
        let mut completed = completed.iter().peekable();
        let no_forms = Forms::default();
        let mut text_forms = forms.iter().enumerate();
        for tok in tokens {
            match &tok.kind {
                TokenKind::Text => {
                    let (k, f) = text_forms.next().unwrap_or((usize::MAX, &no_forms));
                    let own = completed.next_if_eq(&&k).is_none();
                    self.text(tok, f, own);
                }
                TokenKind::Value(_) | TokenKind::Empty => self.value(tok, Some(tok)),
            }
        }
    }

    fn table_index(&self, key: &str) -> Option<usize> {
        self.tables.iter().position(|t| same_key(t.def.key, key))
    }

    /// Reads one token made here (not one of the tokens read, which the pass keeps by reference);
    /// `own_forms` says whether `forms` were made from its own text.
    fn token(&mut self, tok: &Token<'a>, forms: &Forms, own_forms: bool) {
        match &tok.kind {
            TokenKind::Text => self.text(tok, forms, own_forms),
            TokenKind::Value(_) | TokenKind::Empty => self.value(tok, None),
        }
    }

    /// Inlined into the pass's loop, the one place that reads the text tokens read (the others
    /// are the pieces of a label with its values glued on): a call per text token cost about
    /// thirty instructions more.
    #[inline(always)]
    fn text(&mut self, tok: &Token<'a>, forms: &Forms, own_forms: bool) {
        // The place is worked out only where it is kept: most text is prose, and counting the
        // characters of a paragraph for a place no one keeps is the costliest step here.
        if tok.first_in_line {
            let heading = || sections::heading(tok.text, self.def);
            let heading = if own_forms {
                self.index.heading_of(forms, heading)
            } else {
                heading()
            };
            if let Some(sec) = heading {
                if !self.sections.iter().any(|s| same_key(s.key, sec.key)) {
                    self.sections.push(Found {
                        key: sec.key,
                        source: tok.source(),
                    });
                }
                self.current = sec.table.and_then(|k| self.table_index(k));
                self.pending = Pending::None;
                return;
            }
        }
        let (targets, mut here) = self.index.targets_here(forms, self.current);
        // (Only a text ending in a digit may be a label with its values glued on: told here,
        // without the call, for the others.)
        if targets.is_empty()
            && tok.text.as_bytes().last().is_some_and(u8::is_ascii_digit)
            && self.split_glued_label(tok)
        {
            return;
        }
        if !here.any {
            // The first line of a wrapped row label of this table.
            if let Some(t) = self
                .current
                .and_then(|c| self.index.row_by_prefix(forms, self.tables[c].def.key))
            {
                here = Here::one(t);
            }
        }
        if !here.any {
            // A row label of this table printed with a typo or a dropped word.
            if let Some(c) = self.current {
                let table = self.tables[c].def;
                if let Some((t @ Target::Row(_, r), _)) = self.index.row_fuzzy(forms, table.key) {
                    if !self.tables[c].has_row(r) {
                        self.notes
                            .push(fuzzy_note(table, r.label, tok.text, tok.source()));
                        here = Here::one(t);
                    }
                }
            }
        }
        if !here.any {
            // A laid-out page (PDF) puts the label columns of a row side by side, so one piece
            // of text can hold a wrapped group label's last line and the row's own label
            // (`理结果     （二）部分公开（区分处理的，`): the row label is the rightmost column.
            if let Some(t) = self
                .current
                .filter(|c| self.tables[*c].def.layout != TableLayout::SingleRun)
                .and_then(|c| self.row_in_last_column(tok.text, self.tables[c].def.key))
            {
                here = Here::one(t);
            }
        }
        if !here.any {
            // A row label of another table, specific enough to trust, means that table has
            // started even though its heading is missing or was not recognised.
            let elsewhere = targets.iter().find(|t| {
                matches!(t, Target::Row(..))
                    && forms.first().is_some_and(|f| f.chars().count() >= 4)
            });
            match elsewhere {
                Some(t) if self.current.is_none() || self.pending_complete() => {
                    self.current = self.table_index(t.table().key);
                    here = Here::one(*t);
                }
                _ => {
                    self.unknown_text(tok);
                    return;
                }
            }
        }
        let Some(ti) = self.current else {
            return;
        };
        let table = &mut self.tables[ti];
        if table.found.is_none() {
            table.found = Some(tok.source());
        }
        if table.def.layout == TableLayout::SingleRun {
            // 表四: its labels are all header cells; the values follow as one run.
            return;
        }
        match here.row {
            // While no row has been read, a word that is both a column header and a row
            // label (总计, 其他) is the header.
            Some(r) if !here.header_too || table.seen_row => {
                table.seen_row = true;
                let place = row_place(table.def, r);
                match place.and_then(|p| Some((p, table.rows.get_mut(p)?))) {
                    Some((_, Some(_))) => {
                        self.notes
                            .push(duplicate_note(table.def, r.label, r.key, tok.source()));
                        self.pending = Pending::Discard;
                    }
                    Some((p, slot @ None)) => {
                        *slot = Some(RowSlots {
                            label: tok.clone(),
                            start: self.slots.len(),
                            len: 0,
                            values: 0,
                        });
                        self.pending = Pending::Row(ti, p);
                    }
                    // A row of no place in this table (the label index names rows of their own
                    // table only): nothing of it could be placed, so its values are let go.
                    None => self.pending = Pending::Discard,
                }
            }
            _ => {
                self.pending = Pending::None;
                if let Some(g) = here.group {
                    self.after = After::Group(g.label, At::of(tok));
                    return;
                }
            }
        }
        self.after = After::Nothing;
    }

    /// The row of `table` named by the last of the columns a laid-out line holds (pieces apart by
    /// two or more spaces), exactly or as the first line of a wrapped label.
    fn row_in_last_column(&self, text: &str, table: &str) -> Option<Target> {
        let piece = last_of_columns(text)?;
        let forms = labels::label_forms(piece);
        let named = self.index.targets(&forms);
        // A header row puts column labels side by side (`自然人    总计`): a piece that is also a
        // column label is not taken for a row.
        if named.iter().any(|t| !matches!(t, Target::Row(..))) {
            return None;
        }
        let exact: Vec<Target> = named
            .iter()
            .copied()
            .filter(|t| matches!(t, Target::Row(..)) && same_key(t.table().key, table))
            .collect();
        match exact.as_slice() {
            [one] => Some(*one),
            [] => self.index.row_by_prefix(&forms, table),
            _ => None,
        }
    }

    /// A row label with its values glued on (`（一）予以公开5000005`, from converters that drop
    /// cell separators): read as the label followed by one run of digits, which the placement
    /// splits by the table's arithmetic. Only when what precedes the digits is a row label.
    /// Kept out of line: it reads its two pieces with [`Self::text`], inlined into the pass.
    #[inline(never)]
    fn split_glued_label(&mut self, tok: &Token<'a>) -> bool {
        let digits = glued_digits(tok.text);
        if digits == 0 || digits == tok.text.len() {
            return false;
        }
        let cut = tok.text.len() - digits;
        let (label, run) = tok.text.split_at(cut);
        if label.ends_with(['.', ',', '-', '+']) {
            return false;
        }
        let forms = label_forms(label);
        let is_row = self
            .index
            .targets(&forms)
            .iter()
            .any(|t| matches!(t, Target::Row(..)));
        if !is_row {
            return false;
        }
        // The run may start with 0 (`0000000`): it is several numbers, which the placement
        // splits; as one number it is only a fallback.
        let printed = crate::value::Printed::Number {
            value: run.parse::<f64>().unwrap_or(0.0),
            unit: crate::value::Unit::None,
            signed: false,
        };
        let label_tok = Token {
            text: label,
            whole_line: false,
            ..tok.clone()
        };
        let run_tok = Token {
            kind: TokenKind::Value(printed),
            text: run,
            start: tok.start + cut,
            col: tok.col + label.chars().count() as u32,
            first_in_line: false,
            whole_line: false,
            ..tok.clone()
        };
        self.text(&label_tok, &forms, true);
        self.token(&run_tok, &Forms::default(), true);
        true
    }

    /// Text that names nothing in the current table: prose, a wrapped label's second line, a
    /// provincial extra row, or something printed where a value should be.
    fn unknown_text(&mut self, tok: &Token<'a>) {
        if let Pending::Row(ti, place) = self.pending {
            let n = self.tables[ti].columns_of(place);
            let have = self.tables[ti].read_row(place).map_or(0, |r| r.values);
            if have < n && looks_like_bad_value(tok.text) {
                if let Some(row) = self.tables[ti].read_row_mut(place) {
                    debug_assert_eq!(row.start + row.len, self.slots.len());
                    self.made.push(Slot::Unreadable {
                        text: tok.text,
                        source: tok.source(),
                    });
                    self.slots.push(Kept::Made(self.made.len() - 1));
                    row.len += 1;
                    row.values += 1;
                }
                return;
            }
            if have >= n {
                // The row is complete: what follows belongs to something else.
                self.pending = Pending::None;
            }
        }
        self.after = After::Unknown(tok.text, At::of(tok));
    }

    fn pending_complete(&self) -> bool {
        match self.pending {
            Pending::Row(ti, place) => {
                let n = self.tables[ti].columns_of(place);
                self.tables[ti]
                    .read_row(place)
                    .is_some_and(|r| r.values >= n)
            }
            _ => true,
        }
    }

    /// Reads a run of value and empty tokens among the tokens read (no text among them), each
    /// kept by reference. The table and the row they go to are told once for the run: nothing
    /// but a text changes them, and most tokens are values (a dispatch per token cost as much
    /// as keeping it). The same as [`Self::value`] of each token in turn (tested).
    #[inline]
    fn values(&mut self, run: &'a [Token<'a>]) {
        if run.is_empty() {
            return;
        }
        let Some(ti) = self.current else {
            return;
        };
        let Some(table) = self.tables.get_mut(ti) else {
            return;
        };
        if table.def.layout == TableLayout::SingleRun {
            if table.found.is_none() {
                if let Some(tok) = run.iter().find(|t| matches!(t.kind, TokenKind::Value(_))) {
                    table.found = Some(tok.source());
                }
            }
            if table.run.is_empty() {
                // Room for the table's cells, so that the run does not grow value by value.
                table.run.reserve(table.def.cell_count());
            }
            table.run.extend(run.iter().map(Kept::Token));
            return;
        }
        match self.pending {
            Pending::Row(pi, place) if pi == ti => {
                if let Some(row) = table.read_row_mut(place) {
                    debug_assert_eq!(row.start + row.len, self.slots.len());
                    self.slots.extend(run.iter().map(Kept::Token));
                    row.len += run.len();
                    row.values += run
                        .iter()
                        .filter(|t| matches!(t.kind, TokenKind::Value(_)))
                        .count();
                }
            }
            Pending::Discard => {}
            _ => {
                for tok in run {
                    if matches!(tok.kind, TokenKind::Value(_)) {
                        table.orphans.push((tok.source(), self.after));
                    }
                }
            }
        }
    }

    /// Reads a value or empty token: `read`, the same token among the tokens read, is kept by
    /// reference; without it (a token the pass made) the token's cell is kept made.
    fn value(&mut self, tok: &Token<'a>, read: Option<&'a Token<'a>>) {
        let Some(ti) = self.current else {
            return;
        };
        // A token made by the pass is kept made (before the table is taken to change).
        let kept = match read {
            Some(tok) => Kept::Token(tok),
            None => {
                self.made.push(Slot::of(tok));
                Kept::Made(self.made.len() - 1)
            }
        };
        let is_value = matches!(tok.kind, TokenKind::Value(_));
        let table = &mut self.tables[ti];
        if table.def.layout == TableLayout::SingleRun {
            if is_value && table.found.is_none() {
                table.found = Some(tok.source());
            }
            if table.run.is_empty() {
                // Room for the table's cells, so that the run does not grow value by value.
                table.run.reserve(table.def.cell_count());
            }
            table.run.push(kept);
            return;
        }
        match self.pending {
            Pending::Row(pi, place) if pi == ti => {
                if let Some(row) = table.read_row_mut(place) {
                    if is_value {
                        row.values += 1;
                    }
                    debug_assert_eq!(row.start + row.len, self.slots.len());
                    self.slots.push(kept);
                    row.len += 1;
                }
            }
            Pending::Discard => {}
            _ if is_value => {
                table.orphans.push((tok.source(), self.after));
            }
            _ => {}
        }
    }

    fn finish(mut self) -> Report {
        let format = self.def.id;
        let relations = formats::relations(format);
        let mut unresolved: Vec<RowRead<'_, Kept<'_>>> = Vec::new();
        // Whether a cell may be `missing` once the rows that fit are placed: only such a cell can
        // be inferred (none in most reports, whose every cell is printed).
        let mut may_have_missing = true;
        let mut report = if format == FormatId::Legacy {
            Report::with_cells(format, Vec::new())
        } else {
            // The rows that fit are placed as the cells are made, in format order; the others
            // once they are all made, in a report whose other cells are known.
            let mut cells = FormatCells::new(format);
            // The place of each table's first cell in the format's cell order (the report's).
            let mut first = 0;
            for table in &self.tables {
                for read in rows_of(table, &self.slots, first) {
                    if !read.place_direct(&self.made, &mut cells, &mut self.notes) {
                        unresolved.push(read);
                    } else if read.slots.is_empty() {
                        // A row label with no values at all.
                        let label_source = read.label_at.source();
                        for i in 0..read.targets.len() {
                            let missing = gongkai_model::CellState::Missing;
                            cells.set(read.first + i, None, missing, "", label_source);
                        }
                    }
                }
                first += table.targets.all.len();
                self.notes.extend(orphan_notes(table));
            }
            may_have_missing = cells.may_have_missing();
            Report::from_format_cells(cells)
        };
        for read in &unresolved {
            let slots: Vec<Slot<'_>> = read.slots.iter().map(|k| k.slot(&self.made)).collect();
            let read = &read.with_slots(&slots);
            if read.slots.iter().all(|s| matches!(s, Slot::Empty { .. })) {
                // A row of empty cells: when there are exactly as many as the row has (a table
                // of a structured document, or a row printed with its empty cells), they are
                // the row's cells, blank; otherwise nothing says where the cells are.
                let exact = read.slots.len() == read.targets.len();
                for ((key, _), slot) in read
                    .targets
                    .iter()
                    .zip(read.slots.iter().map(Some).chain(std::iter::repeat(None)))
                {
                    if let Some(c) = report.cell_mut(key) {
                        *c = match slot {
                            Some(Slot::Empty { source }) if exact => Cell {
                                state: gongkai_model::CellState::Blank,
                                source: *source,
                                ..Cell::missing(*key, *source)
                            },
                            _ => Cell::missing(*key, read.label_at.source()),
                        };
                    }
                }
                continue;
            }
            resolve(&mut report, relations, read, &mut self.notes);
        }
        if may_have_missing || !unresolved.is_empty() {
            infer_missing(&mut report, relations);
        }
        report.sections = self.sections;
        report.tables = self
            .tables
            .iter()
            .filter_map(|t| {
                t.found.map(|s| Found {
                    key: t.def.key,
                    source: s,
                })
            })
            .collect();
        report.tables.sort_by_key(|f| f.source.order_key());
        report.notes = self.notes;
        report
    }
}

impl<'a> TableRead<'a> {
    /// What was read of the row at this place of `def.rows`, once its label was seen.
    fn read_row(&self, place: usize) -> Option<&RowSlots<'a>> {
        self.rows.get(place)?.as_ref()
    }

    fn read_row_mut(&mut self, place: usize) -> Option<&mut RowSlots<'a>> {
        self.rows.get_mut(place)?.as_mut()
    }

    /// How many cells the row at this place has in the format.
    fn columns_of(&self, place: usize) -> usize {
        self.def.rows.get(place).map_or(0, |r| r.columns.len())
    }

    /// Whether this row's label has been read already.
    fn has_row(&self, row: &RowDef) -> bool {
        row_place(self.def, row).is_some_and(|p| self.read_row(p).is_some())
    }
}

/// How many ASCII digits end `text` (the values of a label printed with its values glued on).
fn glued_digits(text: &str) -> usize {
    text.chars().rev().take_while(char::is_ascii_digit).count()
}

/// `a == b` for keys, answered without reading the texts when they are the same string (keys
/// handed out from the format data nearly always are).
#[inline]
fn same_key(a: &str, b: &str) -> bool {
    std::ptr::eq(a, b) || a == b
}

/// The place of a row in its table's rows: found by address (the label index hands out the
/// format's own row definitions), or by key for a definition held elsewhere.
fn row_place(table: &TableDef, row: &RowDef) -> Option<usize> {
    // A row of the table's own list is at the place its address says: told by one comparison
    // rather than a scan. (Computed on addresses as numbers, checked by the comparison.)
    let size = std::mem::size_of::<RowDef>().max(1);
    let offset = (row as *const RowDef as usize).wrapping_sub(table.rows.as_ptr() as usize);
    if offset.is_multiple_of(size)
        && table
            .rows
            .get(offset / size)
            .is_some_and(|r| std::ptr::eq(r, row))
    {
        return Some(offset / size);
    }
    table
        .rows
        .iter()
        .position(|r| std::ptr::eq(r, row))
        .or_else(|| table.rows.iter().position(|r| r.key == row.key))
}

/// The rows of a table as read, ready to place: labelled rows in format order (so that
/// placement of later rows can lean on earlier ones), or the single run of 表四. `first` is the
/// place of the table's first cell in the format's cell order; `slots` are the pass's printed
/// cells of labelled rows.
fn rows_of<'s>(
    table: &'s TableRead<'_>,
    slots: &'s [Kept<'_>],
    first: usize,
) -> impl Iterator<Item = RowRead<'s, Kept<'s>>> {
    let def = table.def;
    let targets = table.targets;
    let run = table
        .found
        .filter(|_| def.layout == TableLayout::SingleRun)
        .map(|found| RowRead {
            label: def.label,
            targets: &targets.all,
            first,
            label_at: LabelPlace::Made(found),
            slots: &table.run,
        });
    // (A single run's table has no labelled rows to place.)
    let read = match def.layout {
        TableLayout::LabelledRows => &table.rows[..],
        TableLayout::SingleRun => &[],
    };
    let rows = read.iter().enumerate().filter_map(move |(place, read)| {
        let read = read.as_ref()?;
        Some(RowRead {
            label: def.rows.get(place)?.label,
            targets: targets.rows.get(place)?,
            first: first + targets.offsets.get(place)?,
            label_at: LabelPlace::Token(&read.label),
            slots: read.slots(slots),
        })
    });
    run.into_iter().chain(rows)
}

/// The cells of one table's rows, each with the kind of value its column holds, and all the
/// table's cells in order (where a single run's values go): the same for every report of a
/// format, so made once per format ([`table_targets`]) rather than for each row read.
struct TableTargets {
    def: &'static TableDef,
    /// By the rows' places in `def.rows`: [`row_targets`] of each.
    rows: Vec<Box<[(CellKey, ValueKind)]>>,
    /// Every cell of the table, row after row.
    all: Box<[(CellKey, ValueKind)]>,
    /// By the rows' places: the place of the row's first cell among the table's cells (where
    /// the rows before it end).
    offsets: Box<[usize]>,
}

impl TableTargets {
    fn of(def: &'static TableDef) -> TableTargets {
        let rows: Vec<Box<[(CellKey, ValueKind)]>> = def
            .rows
            .iter()
            .map(|r| row_targets(def, r).into())
            .collect();
        let all = rows.iter().flat_map(|r| r.iter().copied()).collect();
        let offsets = rows
            .iter()
            .scan(0, |next, r| {
                let at = *next;
                *next += r.len();
                Some(at)
            })
            .collect();
        TableTargets {
            def,
            rows,
            all,
            offsets,
        }
    }
}

/// The cells of a row of `def`, each with the kind of value its column holds (a count for a
/// column the table does not declare). The keys hold the format's own strings (the row's
/// column strings), by which a report finds its cells without comparing texts.
fn row_targets(def: &'static TableDef, r: &'static RowDef) -> Vec<(CellKey, ValueKind)> {
    r.columns
        .iter()
        .map(|c| {
            let key = CellKey {
                table: def.key,
                row: r.key,
                column: c,
            };
            (key, def.column(c).map_or(ValueKind::Count, |c| c.kind))
        })
        .collect()
}

/// The [`TableTargets`] of each of a format's tables, in the format's order; made once.
fn table_targets(format: FormatId) -> &'static [TableTargets] {
    static CACHE: [OnceLock<Vec<TableTargets>>; FormatId::COUNT] =
        [const { OnceLock::new() }; FormatId::COUNT];
    CACHE[format.index()].get_or_init(|| {
        formats::get(format)
            .tables
            .iter()
            .map(TableTargets::of)
            .collect()
    })
}

/// The last of the columns a laid-out line holds (its pieces apart by two or more spaces,
/// trimmed), when it holds two or more. Most text has no two spaces in a row: that is told by a
/// scan for a space, before any piece is cut.
fn last_of_columns(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    if !memchr::memchr_iter(b' ', bytes).any(|i| bytes.get(i + 1) == Some(&b' ')) {
        return None;
    }
    let mut pieces = text.split("  ").map(str::trim).filter(|p| !p.is_empty());
    pieces.next()?;
    pieces.last()
}

/// Something short with a digit in it, printed where a value should be (`1O`, `3件。`).
fn looks_like_bad_value(text: &str) -> bool {
    let n = text.chars().count();
    n <= 8
        && text
            .chars()
            .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        && !norm(text).is_empty()
}

fn fuzzy_note(table: &TableDef, label: &str, printed: &str, source: Source) -> Finding {
    Finding::new(
        "LABEL-FUZZY",
        Severity::Notice,
        Outcome::Fail,
        Message::new(
            format!(
                "{}中「{printed}」与格式的行名不完全一致，按最接近的「{label}」读取",
                table.short
            ),
            format!(
                "{}: “{printed}” is not quite a row label of the format; read as the nearest, “{label}”",
                table.short
            ),
        ),
    )
    .at(source)
}

fn duplicate_note(table: &TableDef, label: &str, row: &'static str, source: Source) -> Finding {
    Finding::new(
        "ROW-DUPLICATE",
        Severity::Warning,
        Outcome::Fail,
        Message::new(
            format!(
                "{}「{label}」一行出现了两次，只采用第一次的数值",
                table.short
            ),
            format!(
                "{} row “{label}” is printed twice; the first is used",
                table.short
            ),
        ),
    )
    .with_cells(
        table
            .row(row)
            .map(|r| {
                r.columns
                    .iter()
                    .map(|c| CellKey {
                        table: table.key,
                        row: r.key,
                        column: c,
                    })
                    .collect()
            })
            .unwrap_or_default(),
    )
    .at(source)
}

/// Values inside a table that follow no row label of the format.
fn orphan_notes(table: &TableRead<'_>) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::new();
    let mut last: Option<After<'_>> = None;
    let short = table.def.short;
    for (src, after) in &table.orphans {
        // One note per run of values after the same text.
        if out.last().is_some() && last == Some(*after) {
            continue;
        }
        last = Some(*after);
        let (zh, en) = match after {
            After::Unknown(text, _) => (
                format!("{short}中「{text}」后的数值不属于格式中的任何一行，未读入"),
                format!(
                    "values after “{text}” in {short} belong to no row of the format and were not read"
                ),
            ),
            After::Group(label, _) => (
                format!(
                    "{short}中「{label}」在本格式中是分组标题，其下各行分别填报、本身没有数值；原文在其后直接印了数值（可能沿用了旧格式的单行），未读入"
                ),
                format!(
                    "{short}: “{label}” is a group heading in this format, with rows of its own below it and no values; the source prints values right after it (perhaps the older format's single row) — they were not read"
                ),
            ),
            After::Nothing => (
                format!("{short}中有不属于任何一行的数值，未读入"),
                format!("{short} holds values that belong to no row of the format; they were not read"),
            ),
        };
        out.push(
            Finding::new(
                "ROW-UNLABELLED",
                Severity::Warning,
                Outcome::Uncertain,
                Message::new(zh, en),
            )
            .at(*src),
        );
    }
    out
}

fn mixed_note(d: &Detection, tokens: &[Token<'_>]) -> Finding {
    let names = |idx: &[usize]| {
        idx.iter()
            .filter_map(|&i| tokens.get(i).map(|t| t.text))
            .collect::<Vec<_>>()
            .join("、")
    };
    Finding::new(
        "FORMAT-MIXED",
        Severity::Warning,
        Outcome::Fail,
        Message::new(
            format!(
                "表格同时含有2019年格式（{}）和2021年格式（{}）的栏目，按出现较多的一种读取",
                names(&d.f2019),
                names(&d.f2021)
            ),
            format!(
                "the tables mix labels of the 2019 format ({}) and the 2021 format ({}); read as the more frequent one",
                names(&d.f2019),
                names(&d.f2021)
            ),
        ),
    )
}

/// Texts of at most this many bytes have their characters counted inline by [`source_of`].
const SHORT_TEXT_BYTES: usize = 16;

/// [`Token::source`]; with `inline_count`, the characters of a short text (a value's: nearly
/// every slot's) counted here, as the bytes that do not continue a character (what a count of a
/// valid UTF-8 string's characters is), rather than by the library's count, a call that costs
/// more than such a text's few bytes.
#[inline]
fn source_of(tok: &Token<'_>, inline_count: bool) -> Source {
    if !inline_count || tok.text.len() > SHORT_TEXT_BYTES {
        return tok.source();
    }
    // A text of one byte (most values: `0`, `3`) is one character, told without the count.
    let chars = match tok.text.len() {
        len @ 0..=1 => len,
        _ => tok.text.bytes().filter(|&b| (b as i8) >= -0x40).count(),
    };
    Source::Text {
        line: tok.line,
        column: tok.col,
        len: chars as u32,
        alone: tok.whole_line,
    }
}

#[cfg(test)]
mod tests {
    use super::{last_of_columns, same_key};
    use proptest::prelude::*;

    proptest! {
        /// A token's place with its characters counted inline is its place.
        #[test]
        fn source_with_the_count_inline_is_the_tokens_source(
            text in "[0-9０-９.,，、/／—\\-缺无 a-z\u{80}-\u{7FF}\u{10000}-\u{10010}]{0,20}",
            line in 1u32..5000,
            col in 1u32..300,
            whole_line: bool,
        ) {
            let tok = crate::tokens::Token {
                kind: crate::tokens::TokenKind::Empty,
                text: text.as_str(),
                line,
                start: 0,
                col,
                first_in_line: false,
                whole_line,
            };
            prop_assert_eq!(super::source_of(&tok, true), tok.source());
            prop_assert_eq!(super::source_of(&tok, false), tok.source());
        }
    }

    /// The targets made once per format are each table's rows' cells in the format's order,
    /// keyed by the format's own strings, with their columns' kinds; and all of a table's cells
    /// are its rows' in turn, as many as it counts.
    #[test]
    fn table_targets_are_the_formats_cells_with_their_kinds() {
        use gongkai_model::{formats, FormatId, ValueKind};
        for format in [FormatId::F2019, FormatId::F2021, FormatId::Legacy] {
            let def = formats::get(format);
            let targets = super::table_targets(format);
            assert_eq!(targets.len(), def.tables.len());
            let mut keys = def.cell_keys();
            for (t, table) in targets.iter().zip(def.tables) {
                assert!(std::ptr::eq(t.def, table));
                assert_eq!(t.all.len(), table.cell_count());
                let rows: Vec<_> = t.rows.iter().flat_map(|r| r.iter().copied()).collect();
                assert_eq!(&rows[..], &t.all[..]);
                assert_eq!(t.offsets.len(), table.rows.len());
                let mut offset = 0;
                for (at, row) in t.offsets.iter().zip(table.rows) {
                    assert_eq!(*at, offset);
                    offset += row.columns.len();
                }
                for ((r, row), cells) in table.rows.iter().enumerate().zip(&t.rows) {
                    assert_eq!(cells.len(), row.columns.len(), "{format:?} row {r}");
                    for ((key, kind), column) in cells.iter().zip(row.columns) {
                        assert_eq!(Some(*key), keys.next());
                        assert!(std::ptr::eq(key.table, table.key));
                        assert!(std::ptr::eq(key.row, row.key));
                        assert!(std::ptr::eq(key.column, *column));
                        let declared = table.column(column).map_or(ValueKind::Count, |c| c.kind);
                        assert_eq!(*kind, declared);
                    }
                }
            }
            assert_eq!(keys.next(), None);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]

        /// Reading the values between two texts as one run is reading them token by token, on
        /// generated reports with tokens dropped and repeated (rows with values missing or too
        /// many, values after no row, runs in single-run tables, discarded duplicate rows).
        #[test]
        fn reading_runs_is_reading_each_token(
            seed in 0u64..100_000,
            edits in proptest::collection::vec(any::<u16>(), 0..60),
            year in proptest::option::of(2017i32..2025),
        ) {
            let (_, text) = gongkai_synth::corpus(seed, 1).next().unwrap_or_default();
            let doc = crate::document::Document::new(text);
            let mut tokens = crate::tokens::tokenize_content(&doc).tokens;
            for (j, edit) in edits.iter().enumerate() {
                if tokens.is_empty() {
                    break;
                }
                let at = usize::from(*edit) % tokens.len();
                if j % 2 == 0 {
                    tokens.remove(at);
                } else {
                    let copy = tokens[at].clone();
                    tokens.insert(at, copy);
                }
            }
            let runs = super::recognize_by(&tokens, year, super::Pass::read_runs);
            let each = super::recognize_by(&tokens, year, super::Pass::read_each);
            prop_assert_eq!(format!("{runs:?}"), format!("{each:?}"));
        }
    }

    proptest! {
        /// The last column of a laid-out line is the last of its pieces when there are two or
        /// more, as cutting the whole line into pieces says.
        #[test]
        fn last_of_columns_is_the_last_of_two_or_more_pieces(text in "[ a一（）\u{3000}]{0,12}") {
            let pieces: Vec<&str> = text
                .split("  ")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect();
            let expected = if pieces.len() < 2 { None } else { pieces.last().copied() };
            prop_assert_eq!(last_of_columns(&text), expected);
        }

        /// A row's place found from its address is the place a scan finds, for the format's own
        /// rows and for copies of them held elsewhere.
        #[test]
        fn row_place_by_address_is_the_scans(pick in 0usize..1000) {
            use gongkai_model::{formats, FormatId};
            let scan = |t: &gongkai_model::TableDef, row: &gongkai_model::RowDef| {
                t.rows
                    .iter()
                    .position(|r| std::ptr::eq(r, row))
                    .or_else(|| t.rows.iter().position(|r| r.key == row.key))
            };
            for format in [FormatId::F2019, FormatId::F2021, FormatId::Legacy] {
                let tables = formats::get(format).tables;
                for (i, t) in tables.iter().enumerate() {
                    let other = &tables[(i + pick) % tables.len()];
                    for row in t.rows.iter().chain(other.rows) {
                        prop_assert_eq!(super::row_place(t, row), scan(t, row));
                        let copy = *row;
                        prop_assert_eq!(super::row_place(t, &copy), scan(t, &copy));
                    }
                }
            }
        }

        /// A text whose last byte is not an ASCII digit ends in no digits: the pass need not
        /// ask whether it is a label with its values glued on.
        #[test]
        fn only_a_text_ending_in_a_digit_ends_in_digits(text in "[0-9a（）一\u{80}-\u{7FF}\u{FF10}-\u{FF19} ]{0,8}") {
            let last_is_digit = text.as_bytes().last().is_some_and(u8::is_ascii_digit);
            prop_assert_eq!(super::glued_digits(&text) > 0, last_is_digit);
        }

        /// The shortcut by address answers as comparing the texts does.
        #[test]
        fn same_key_is_text_equality(a in "[ab表一]{0,3}", b in "[ab表一]{0,3}") {
            prop_assert_eq!(same_key(&a, &b), a == b);
            prop_assert!(same_key(&a, &a));
            prop_assert!(same_key(&a, &a.clone()));
        }
    }
}
