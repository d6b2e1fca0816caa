//! An index from normalised label text to what it names in a format: a row, a row group, a
//! column, or another header of a table. Built once per format from the format data.

use rustc_hash::FxHashMap as HashMap;
use std::cell::{OnceCell, RefCell};
use std::sync::OnceLock;

use gongkai_model::format::{ColumnDef, GroupDef, RowDef, SectionDef, TableDef};
use gongkai_model::{formats, FormatDef, FormatId};

use crate::normalize::{norm, norm_both};

/// What a printed label names.
#[derive(Debug, Clone, Copy)]
pub enum Target {
    Row(&'static TableDef, &'static RowDef),
    Group(&'static TableDef, &'static GroupDef),
    Column(&'static TableDef, &'static ColumnDef),
    Header(&'static TableDef),
}

impl Target {
    pub fn table(&self) -> &'static TableDef {
        match *self {
            Target::Row(t, _) | Target::Group(t, _) | Target::Column(t, _) | Target::Header(t) => t,
        }
    }
}

/// What the targets of a text in one table say: whether there are any, the row it names,
/// whether it is a header too, the group it names.
#[derive(Debug, Default, Clone, Copy)]
pub struct Here {
    pub any: bool,
    pub row: Option<&'static RowDef>,
    pub header_too: bool,
    pub group: Option<&'static GroupDef>,
}

impl Here {
    pub fn of(targets: impl Iterator<Item = Target>) -> Here {
        let mut here = Here::default();
        for t in targets {
            here.any = true;
            match t {
                Target::Row(_, r) => {
                    here.row.get_or_insert(r);
                }
                Target::Group(_, g) => {
                    here.header_too = true;
                    here.group.get_or_insert(g);
                }
                _ => here.header_too = true,
            }
        }
        here
    }

    pub fn one(target: Target) -> Here {
        Here::of(std::iter::once(target))
    }

    /// [`Here::of`] the targets in the table of key `table`.
    fn in_table(targets: &[Target], table: &str) -> Here {
        Here::of(
            targets
                .iter()
                .copied()
                .filter(|t| super::same_key(t.table().key, table)),
        )
    }
}

/// Labels longer than this are prose, not labels; they are not looked up.
pub const MAX_LABEL_CHARS: usize = 80;

pub struct LabelIndex {
    /// Which format's index this is: the slot of [`Forms`]' cache it fills.
    slot: usize,
    /// The format's tables, in order (the places [`Self::here`] is asked by).
    tables: &'static [TableDef],
    map: HashMap<String, Vec<Target>>,
    /// The place in `markers` of each marker form (the first place, when a form is there
    /// twice): a label's marker found by looking its forms up, as its targets are, rather than
    /// by comparing them with every marker.
    marker_places: HashMap<String, usize>,
    /// Every row's matching forms, for labels wrapped over two lines (a prefix is printed).
    rows: Vec<(String, Target)>,
    /// The characters of each of `rows`' forms, in the same order (for [`Self::row_fuzzy`],
    /// which compares characters: split once, not at every call).
    row_chars: Vec<Box<[char]>>,
    /// Normalised markers of this format (labels only it has).
    markers: Vec<String>,
}

impl LabelIndex {
    /// The index of a format, built on first use.
    pub fn of(id: FormatId) -> &'static LabelIndex {
        static CACHE: [OnceLock<LabelIndex>; FORMATS] =
            [OnceLock::new(), OnceLock::new(), OnceLock::new()];
        let slot = id.index();
        CACHE[slot].get_or_init(|| LabelIndex::build(formats::get(id), slot))
    }

    fn build(format: &'static FormatDef, slot: usize) -> LabelIndex {
        let mut map: HashMap<String, Vec<Target>> = HashMap::default();
        let mut rows = Vec::new();
        let mut add = |text: &str, target: Target| {
            for form in forms(text).iter() {
                if matches!(target, Target::Row(..)) {
                    rows.push((form.clone(), target));
                }
                map.entry(form.clone()).or_default().push(target);
            }
        };
        for t in format.tables {
            for r in t.rows {
                add(r.label, Target::Row(t, r));
                for a in r.aliases {
                    add(a, Target::Row(t, r));
                }
            }
            for g in t.groups {
                add(g.label, Target::Group(t, g));
                for a in g.aliases {
                    add(a, Target::Group(t, g));
                }
            }
            for c in t.columns {
                add(c.label, Target::Column(t, c));
                for a in c.aliases {
                    add(a, Target::Column(t, c));
                }
                if let Some(g) = c.group {
                    add(g, Target::Header(t));
                }
            }
            for h in t.headers {
                add(h, Target::Header(t));
            }
        }
        for list in map.values_mut() {
            dedupe(list);
        }
        let markers: Vec<String> = format.markers.iter().map(|m| norm(m)).collect();
        let mut marker_places: HashMap<String, usize> = HashMap::default();
        for (i, m) in markers.iter().enumerate() {
            marker_places.entry(m.clone()).or_insert(i);
        }
        let row_chars = rows
            .iter()
            .map(|(label, _)| label.chars().collect())
            .collect();
        LabelIndex {
            slot,
            tables: format.tables,
            map,
            marker_places,
            rows,
            row_chars,
            markers,
        }
    }

    /// The one row of `table` whose label is nearest to this printed text, when the text is long
    /// enough and differs by a few characters only (a typo or a dropped word in the published
    /// report: `其他法律行政止公开` for `其他法律行政法规禁止公开`). `None` when two rows are
    /// equally near. Returns the row and the distance.
    pub fn row_fuzzy(&self, forms: &[String], table: &str) -> Option<(Target, usize)> {
        const MIN_CHARS: usize = 6;
        // Counted first: most texts asked about are too short, and the characters of the others
        // are then split into a vector of the right size at once.
        let first = forms.first()?;
        let chars = first.chars().count();
        if chars < MIN_CHARS {
            return None;
        }
        let mut form: Vec<char> = Vec::with_capacity(chars);
        form.extend(first.chars());
        let mut best: Option<(Target, usize)> = None;
        let mut tie = false;
        for ((_, target), label) in self.rows.iter().zip(&self.row_chars) {
            if target.table().key != table {
                continue;
            }
            // At most one character in four may differ, counted on the longer of the two.
            let limit = form.len().max(label.len()) / 4;
            if form.len().abs_diff(label.len()) > limit {
                continue;
            }
            let d = edit_distance(&form, label, limit);
            if d > limit {
                continue;
            }
            match best {
                Some((Target::Row(_, b), bd)) if d == bd => {
                    if let Target::Row(_, r) = target {
                        tie |= r.key != b.key;
                    }
                }
                Some((_, bd)) if d >= bd => {}
                _ => {
                    best = Some((*target, d));
                    tie = false;
                }
            }
        }
        if tie {
            None
        } else {
            best
        }
    }

    /// The one row of `table` whose label starts with this (long enough) printed text: the first
    /// line of a label that wraps (`一、本年新收政府信息公开` / `申请数量`).
    pub fn row_by_prefix(&self, forms: &[String], table: &str) -> Option<Target> {
        const MIN_PREFIX_CHARS: usize = 6;
        let form = forms.first()?;
        if form.chars().count() < MIN_PREFIX_CHARS {
            return None;
        }
        let mut found: Option<Target> = None;
        for (label, target) in &self.rows {
            if target.table().key != table || !label.starts_with(form.as_str()) {
                continue;
            }
            match (found, target) {
                (None, _) => found = Some(*target),
                (Some(Target::Row(_, a)), Target::Row(_, b)) if a.key == b.key => {}
                _ => return None,
            }
        }
        found
    }

    /// Whether a label with these forms names anything in this format.
    pub fn names_any(&self, forms: &[String]) -> bool {
        forms.iter().any(|form| self.map.contains_key(form))
    }

    /// Everything a printed label may name (empty for prose and unknown text).
    pub fn lookup(&self, text: &str) -> Vec<Target> {
        self.lookup_forms(&label_forms(text))
    }

    /// [`lookup`](Self::lookup) for forms already computed with [`label_forms`].
    pub fn lookup_forms(&self, forms: &[String]) -> Vec<Target> {
        let mut out = Vec::new();
        for form in forms {
            if let Some(v) = self.map.get(form) {
                out.extend(v.iter().copied());
            }
        }
        if out.len() > 1 {
            dedupe(&mut out);
        }
        out
    }

    /// Which of this format's markers a label is, given its [`label_forms`].
    pub fn marker(&self, forms: &[String]) -> Option<usize> {
        self.markers.iter().position(|m| forms.contains(m))
    }

    /// [`marker`](Self::marker), by looking the forms up: the first marker any form is.
    fn marker_by_places(&self, forms: &[String]) -> Option<usize> {
        forms
            .iter()
            .filter_map(|f| self.marker_places.get(f).copied())
            .min()
    }

    /// [`lookup_forms`](Self::lookup_forms) and [`marker`](Self::marker) of shared forms,
    /// worked out once per label and format and kept with the forms: every report prints the
    /// same labels, and each is asked about several times while it is read.
    fn named<'f>(&self, forms: &'f Forms) -> Option<&'f Named> {
        let shared = forms.shared.as_ref()?;
        Some(shared.named[self.slot].get_or_init(|| {
            let targets: Box<[Target]> = self.lookup_forms(&shared.forms).into();
            // (Nothing to keep for a text that names nothing: most texts asked about.)
            let here = if targets.is_empty() {
                Box::default()
            } else {
                self.tables
                    .iter()
                    .map(|t| Here::in_table(&targets, t.key))
                    .collect()
            };
            Named {
                targets,
                marker: self.marker_by_places(&shared.forms),
                here,
            }
        }))
    }

    /// What a label with these forms names in the table at place `table` of the format's
    /// tables: [`Here::of`] its targets in that table, remembered with the forms.
    pub fn here(&self, forms: &Forms, table: usize) -> Here {
        self.targets_here(forms, Some(table)).1
    }

    /// [`Self::targets`] and [`Self::here`] (nothing in no table), told from what is
    /// remembered with the forms, looked up once.
    #[inline]
    pub fn targets_here<'f>(&self, forms: &'f Forms, table: Option<usize>) -> (&'f [Target], Here) {
        match self.named(forms) {
            Some(n) => (
                &n.targets,
                table
                    .and_then(|t| n.here.get(t))
                    .copied()
                    .unwrap_or_default(),
            ),
            None => (&[], Here::default()),
        }
    }

    /// Everything a label with these forms may name: [`lookup_forms`](Self::lookup_forms),
    /// remembered with the forms.
    pub fn targets<'f>(&self, forms: &'f Forms) -> &'f [Target] {
        self.named(forms).map_or(&[], |n| &n.targets)
    }

    /// Whether a label with these forms names anything: [`names_any`](Self::names_any),
    /// remembered with the forms (no list in the index is empty, so naming anything is having
    /// a target).
    pub fn names(&self, forms: &Forms) -> bool {
        !self.targets(forms).is_empty()
    }

    /// The part a line opens, `heading()` (a pure function of the printed text the forms were
    /// made from, in this index's format), remembered with the forms: most lines of a report
    /// are labels, printed alike in every report.
    pub fn heading_of(
        &self,
        forms: &Forms,
        heading: impl FnOnce() -> Option<&'static SectionDef>,
    ) -> Option<&'static SectionDef> {
        match &forms.shared {
            Some(shared) => *shared.heading[self.slot].get_or_init(heading),
            None => heading(),
        }
    }

    /// [`marker`](Self::marker), remembered with the forms.
    pub fn marker_of(&self, forms: &Forms) -> Option<usize> {
        self.named(forms).and_then(|n| n.marker)
    }
}

/// How many formats there are: the slots of the per-format caches.
const FORMATS: usize = FormatId::COUNT;

/// Levenshtein distance between two character strings, giving up (returning `limit + 1`) as
/// soon as it must exceed `limit`.
fn edit_distance(a: &[char], b: &[char], limit: usize) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        if row_min > limit {
            return limit + 1;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The matching forms of one printed label: none, one, or two (with and without parenthesised
/// explanations). Shared: the forms of a label are made once per thread ([`label_forms`]) and
/// every token printing that label holds the same ones, so handing them out allocates nothing.
#[derive(Debug, Clone, Default)]
pub struct Forms {
    shared: Option<std::rc::Rc<SharedForms>>,
}

/// The forms of a label, and what they name in each format once asked ([`LabelIndex::targets`]).
#[derive(Debug)]
struct SharedForms {
    forms: Box<[String]>,
    named: [OnceCell<Named>; FORMATS],
    /// The part the label opens in each format, once asked ([`LabelIndex::heading_of`]).
    heading: [OnceCell<Option<&'static SectionDef>>; FORMATS],
    /// What the steps before the pass ask of every label, once asked ([`Forms::facts`]).
    facts: OnceCell<Facts>,
}

/// What the steps that run over every label before the pass (telling the format, completing
/// wrapped labels) ask of a label's forms, worked out at once for every format: each is a pure
/// function of the forms, so remembered with them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Facts {
    /// [`LabelIndex::marker_of`] in the 2019 and the 2021 format.
    pub marker_2019: Option<usize>,
    pub marker_2021: Option<usize>,
    /// [`LabelIndex::names`] in the 2019 and the 2021 format (the formats told from the labels;
    /// a legacy report's labels are looked up when asked, not for every label).
    names: [bool; 2],
    /// The characters of the first form (`usize::MAX` when it is long: more bytes than
    /// [`LONG_FORM_BYTES`], so more characters than a short label has).
    pub first_chars: usize,
    /// The bytes of the first form.
    pub first_bytes: usize,
    /// Whether the label is short ([`super::wrapped::is_short`]) and names nothing in the 2019
    /// or in the 2021 format: one that may be completed in either.
    pub completable: bool,
}

/// First forms of more bytes than this are not counted in characters by [`Facts`].
pub const LONG_FORM_BYTES: usize = 24;

impl Facts {
    /// [`LabelIndex::names`] in the 2019 or the 2021 format; `None` for the legacy format.
    pub fn names_in(&self, id: FormatId) -> Option<bool> {
        match id {
            FormatId::F2019 => Some(self.names[0]),
            FormatId::F2021 => Some(self.names[1]),
            FormatId::Legacy => None,
        }
    }

    fn of(forms: &Forms) -> Facts {
        let first = forms.first().map_or("", String::as_str);
        let mut facts = Facts {
            marker_2019: LabelIndex::of(FormatId::F2019).marker_of(forms),
            marker_2021: LabelIndex::of(FormatId::F2021).marker_of(forms),
            names: [FormatId::F2019, FormatId::F2021].map(|id| LabelIndex::of(id).names(forms)),
            first_chars: if first.len() > LONG_FORM_BYTES {
                usize::MAX
            } else {
                first.chars().count()
            },
            first_bytes: first.len(),
            completable: false,
        };
        facts.completable = super::wrapped::is_short(&facts) && !(facts.names[0] && facts.names[1]);
        facts
    }
}

/// What a label names in one format.
#[derive(Debug)]
struct Named {
    targets: Box<[Target]>,
    marker: Option<usize>,
    /// By the places of the format's tables: [`Here::in_table`] of `targets` (none when there
    /// are no targets: [`Here::default`] in every table).
    here: Box<[Here]>,
}

impl Forms {
    fn new(forms: Vec<String>) -> Forms {
        Forms {
            shared: (!forms.is_empty()).then(|| {
                std::rc::Rc::new(SharedForms {
                    forms: forms.into(),
                    named: Default::default(),
                    heading: Default::default(),
                    facts: OnceCell::new(),
                })
            }),
        }
    }
}

impl Forms {
    /// The [`Facts`] of these forms, remembered with them; `None` for no forms.
    pub fn facts(&self) -> Option<&Facts> {
        let shared = self.shared.as_ref()?;
        Some(shared.facts.get_or_init(|| Facts::of(self)))
    }
}

impl std::ops::Deref for Forms {
    type Target = [String];

    fn deref(&self) -> &[String] {
        self.shared.as_deref().map_or(&[], |s| &s.forms)
    }
}

/// The matching forms of a printed label (with and without parenthesised explanations);
/// none for text too long to be a label. Remembered per thread by printed text: reports print
/// the same official labels (and the same few variants of them) over and over, and normalising
/// one costs far more than looking it up.
pub fn label_forms(text: &str) -> Forms {
    MEMO.with(|memo| match memo.try_borrow_mut() {
        Ok(mut memo) => remembered_forms(&mut memo, text),
        Err(_) => unremembered_forms(text),
    })
}

/// [`label_forms`] of each text, the memo taken once for all of them (`None` for no text:
/// no forms).
pub fn label_forms_each<'t>(texts: impl Iterator<Item = Option<&'t str>>) -> Vec<Forms> {
    MEMO.with(|memo| {
        let (least, most) = texts.size_hint();
        let mut out = Vec::with_capacity(most.unwrap_or(least));
        let mut memo = memo.try_borrow_mut().ok();
        out.extend(texts.map(|text| match (text, memo.as_deref_mut()) {
            (None, _) => Forms::default(),
            (Some(text), Some(memo)) => remembered_forms(memo, text),
            (Some(text), None) => unremembered_forms(text),
        }));
        out
    })
}

/// The places of the text tokens among `tokens` (the only tokens that may be labels) and the
/// [`label_forms`] of each, in order: [`label_forms_each`] of the texts, the places noted on the
/// way, in one pass over the tokens.
pub fn text_forms(tokens: &[crate::tokens::Token<'_>]) -> (Vec<usize>, Vec<Forms>) {
    MEMO.with(|memo| {
        let mut memo = memo.try_borrow_mut().ok();
        let mut places = Vec::with_capacity(tokens.len());
        let mut forms = Vec::with_capacity(tokens.len());
        for (i, tok) in tokens.iter().enumerate() {
            if !matches!(tok.kind, crate::tokens::TokenKind::Text) {
                continue;
            }
            places.push(i);
            forms.push(match memo.as_deref_mut() {
                Some(memo) => remembered_forms(memo, tok.text),
                None => unremembered_forms(tok.text),
            });
        }
        (places, forms)
    })
}

/// Entries kept by the memo of [`label_forms`] on each thread; past this it lets go of the texts
/// not asked for again ([`crate::memo::keep_used`]), so its memory is bounded whatever the number
/// of reports read. Room for the official labels and their printed variants (several hundred,
/// used by every report) beside the texts one report alone prints (a handful each).
const FORMS_CACHE_ENTRIES: usize = 4096;

thread_local! {
    /// Printed label → its forms; only texts that may be labels are kept.
    static MEMO: crate::memo::UsedStore<Forms> = RefCell::default();
}

/// [`unremembered_forms`], remembered in `memo`. The memo is asked first: a text in it passed
/// the tests for a label when it was put there, so they need not be run again (scanning for a
/// sentence mark costs more than the lookup).
fn remembered_forms(memo: &mut crate::memo::Table<crate::memo::Used<Forms>>, text: &str) -> Forms {
    if text.len() > MAX_LABEL_CHARS * 4 {
        return Forms::default();
    }
    if let Some(known) = crate::memo::get_used(memo, text) {
        return known.clone();
    }
    if !may_be_label(text) {
        return Forms::default();
    }
    let made = forms(text);
    crate::memo::keep_used(memo, FORMS_CACHE_ENTRIES, text, made.clone());
    made
}

/// What [`label_forms`] is, without the memo.
fn unremembered_forms(text: &str) -> Forms {
    if may_be_label(text) {
        forms(text)
    } else {
        Forms::default()
    }
}

/// Whether a text may be a label: no label is a sentence, so prose needs no matching copy.
fn may_be_label(text: &str) -> bool {
    // A text of no more bytes than that has no more characters either: counted only past it,
    // and only once the scan for a sentence mark (which turns most long texts, prose, away
    // sooner) has found none.
    !(text.len() > MAX_LABEL_CHARS * 4
        || crate::scan::has_sentence_mark(text)
        || (text.len() > MAX_LABEL_CHARS && text.chars().count() > MAX_LABEL_CHARS))
}

/// The matching forms of a label: with and without parenthesised explanations.
fn forms(text: &str) -> Forms {
    let (a, b) = norm_both(text);
    // Room for the forms there may be, no more: the list is boxed as it is, and a box of fewer
    // than its capacity is a copy.
    let mut v = Vec::with_capacity(1 + usize::from(b.is_some()));
    if !a.is_empty() {
        v.push(a);
    }
    if let Some(b) = b {
        if !b.is_empty() && !v.contains(&b) {
            v.push(b);
        }
    }
    Forms::new(v)
}

fn same(a: &Target, b: &Target) -> bool {
    match (a, b) {
        (Target::Row(t1, r1), Target::Row(t2, r2)) => t1.key == t2.key && r1.key == r2.key,
        (Target::Group(t1, g1), Target::Group(t2, g2)) => t1.key == t2.key && g1.key == g2.key,
        (Target::Column(t1, c1), Target::Column(t2, c2)) => t1.key == t2.key && c1.key == c2.key,
        (Target::Header(t1), Target::Header(t2)) => t1.key == t2.key,
        _ => false,
    }
}

fn dedupe(list: &mut Vec<Target>) {
    let mut out: Vec<Target> = Vec::with_capacity(list.len());
    for t in list.drain(..) {
        if !out.iter().any(|o| same(o, &t)) {
            out.push(t);
        }
    }
    *list = out;
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every label, alias and header text of every format, and the markers.
    fn printed_labels() -> Vec<&'static str> {
        let mut out = Vec::new();
        for format in formats::all() {
            out.extend(format.markers.iter().copied());
            for t in format.tables {
                for r in t.rows {
                    out.push(r.label);
                    out.extend(r.aliases.iter().copied());
                }
                for g in t.groups {
                    out.push(g.label);
                    out.extend(g.aliases.iter().copied());
                }
                for c in t.columns {
                    out.push(c.label);
                    out.extend(c.aliases.iter().copied());
                }
                out.extend(t.headers.iter().copied());
            }
        }
        out
    }

    /// Every part's heading as printed (`一、总体情况`), with its variants.
    fn printed_headings() -> Vec<String> {
        let mut out = Vec::new();
        for format in formats::all() {
            for s in format.sections {
                for label in std::iter::once(s.label).chain(s.aliases.iter().copied()) {
                    out.push(format!("{}、{label}", s.number));
                }
            }
        }
        out
    }

    /// A label's marker found by looking its forms up is the first marker among its forms, for
    /// every marker and label of every format taken one or two at a time as a label's forms.
    #[test]
    fn markers_looked_up_are_the_first_markers_among_the_forms() {
        let texts: Vec<String> = printed_labels().into_iter().map(norm).collect();
        for id in [FormatId::F2019, FormatId::F2021, FormatId::Legacy] {
            let index = LabelIndex::of(id);
            for a in &texts {
                let one = [a.clone()];
                assert_eq!(index.marker_by_places(&one), index.marker(&one), "{a}");
                for b in index.markers.iter().chain(texts.iter().take(40)) {
                    let two = [a.clone(), b.clone()];
                    assert_eq!(index.marker_by_places(&two), index.marker(&two), "{a} {b}");
                }
            }
        }
    }

    proptest! {
        /// The remembered forms of a text are its forms, whether it is a label, a heading or
        /// prose, one at a time or all at once; and the heading remembered with them is the
        /// heading of that very text, whichever texts were asked about before.
        #[test]
        fn remembered_forms_and_headings_agree_with_their_definitions(
            picks in proptest::collection::vec(0usize..10_000, 1..6),
            before in "[（）()一二三0-9、. 第部分]{0,3}",
            after in "[（）()0-9件。；？ ]{0,3}",
            prose in "[一二三、。；，（）()0-9年度部分总体情况 a-z]{0,120}",
        ) {
            let labels = printed_labels();
            let headings = printed_headings();
            let mut texts = vec![prose];
            for pick in picks {
                let label = labels[pick % labels.len()];
                let heading = &headings[pick % headings.len()];
                texts.push(label.to_string());
                texts.push(format!("{before}{label}{after}"));
                texts.push(heading.clone());
                texts.push(format!("{heading}{after}"));
                texts.push(format!("{before}{heading}"));
            }
            let formats = [FormatId::F2019, FormatId::F2021, FormatId::Legacy];
            let heading_of = |text: &str, id: FormatId| {
                crate::recognize::sections::heading(text, formats::get(id)).map(|s| s.key)
            };
            for round in 0..2 {
                let asked: Vec<Option<&str>> =
                    texts.iter().map(|t| Some(t.as_str())).chain([None]).collect();
                let each = label_forms_each(asked.into_iter());
                prop_assert_eq!(each.len(), texts.len() + 1);
                prop_assert!(each[texts.len()].is_empty());
                // From tokens: the texts, with empty cells between them.
                let tokens: Vec<crate::tokens::Token<'_>> = texts
                    .iter()
                    .enumerate()
                    .flat_map(|(i, t)| {
                        let token = |kind, text| crate::tokens::Token {
                            kind,
                            text,
                            line: i as u32 + 1,
                            start: 0,
                            col: 1,
                            first_in_line: true,
                            whole_line: false,
                        };
                        let empty = (i % 3 == 1).then(|| token(crate::tokens::TokenKind::Empty, ""));
                        empty.into_iter().chain([token(crate::tokens::TokenKind::Text, t.as_str())])
                    })
                    .collect();
                let (places, from_tokens) = text_forms(&tokens);
                prop_assert_eq!(from_tokens.len(), texts.len());
                prop_assert!(places.iter().all(|&p| tokens[p].kind == crate::tokens::TokenKind::Text));
                for (a, b) in from_tokens.iter().zip(&each) {
                    prop_assert_eq!(&**a, &**b);
                }
                for (text, at_once) in texts.iter().zip(&each) {
                    let forms = label_forms(text);
                    let made = unremembered_forms(text);
                    prop_assert_eq!(&*forms, &*made);
                    prop_assert_eq!(&**at_once, &*made);
                    for id in formats {
                        let index = LabelIndex::of(id);
                        let remembered = index
                            .heading_of(&forms, || {
                                crate::recognize::sections::heading(text, formats::get(id))
                            })
                            .map(|s| s.key);
                        prop_assert_eq!(remembered, heading_of(text, id), "round {}", round);
                    }
                }
            }
        }

        /// What the forms remember of each format is what the index answers for them.
        #[test]
        fn remembered_lookups_agree_with_the_index(
            pick in 0usize..10_000,
            before in "[（）()一二三0-9、. 其他总计]{0,3}",
            after in "[（）()0-9件 ]{0,3}",
        ) {
            let labels = printed_labels();
            let label = labels[pick % labels.len()];
            for text in [label.to_string(), format!("{before}{label}{after}")] {
                let forms = label_forms(&text);
                for id in [FormatId::F2019, FormatId::F2021, FormatId::Legacy] {
                    let index = LabelIndex::of(id);
                    let looked_up = index.lookup_forms(&forms);
                    let remembered = index.targets(&forms);
                    prop_assert_eq!(remembered.len(), looked_up.len());
                    prop_assert!(remembered.iter().zip(&looked_up).all(|(a, b)| same(a, b)));
                    prop_assert_eq!(index.names(&forms), index.names_any(&forms));
                    prop_assert_eq!(index.marker_of(&forms), index.marker(&forms));
                    prop_assert_eq!(index.marker_by_places(&forms), index.marker(&forms));
                    for (place, table) in formats::get(id).tables.iter().enumerate() {
                        let expected = Here::of(
                            looked_up.iter().copied().filter(|t| t.table().key == table.key),
                        );
                        let remembered = index.here(&forms, place);
                        prop_assert_eq!(remembered.any, expected.any);
                        prop_assert_eq!(remembered.header_too, expected.header_too);
                        prop_assert_eq!(remembered.row.map(|r| r.key), expected.row.map(|r| r.key));
                        prop_assert_eq!(
                            remembered.group.map(|g| g.key),
                            expected.group.map(|g| g.key)
                        );
                    }
                    prop_assert!(!index.here(&forms, usize::MAX).any);
                    if let Some(facts) = forms.facts() {
                        let expected = (id != FormatId::Legacy).then(|| index.names_any(&forms));
                        prop_assert_eq!(facts.names_in(id), expected);
                    }
                }
                match forms.facts() {
                    None => prop_assert!(forms.is_empty()),
                    Some(facts) => {
                        let i19 = LabelIndex::of(FormatId::F2019);
                        let i21 = LabelIndex::of(FormatId::F2021);
                        prop_assert_eq!(facts.marker_2019, i19.marker(&forms));
                        prop_assert_eq!(facts.marker_2021, i21.marker(&forms));
                        let first = &forms[0];
                        prop_assert_eq!(facts.first_bytes, first.len());
                        let unnamed = [FormatId::F2019, FormatId::F2021]
                            .iter()
                            .any(|&id| !LabelIndex::of(id).names_any(&forms));
                        prop_assert_eq!(
                            facts.completable,
                            crate::recognize::wrapped::is_short(facts) && unnamed
                        );
                        if first.len() <= LONG_FORM_BYTES {
                            prop_assert_eq!(facts.first_chars, first.chars().count());
                        } else {
                            prop_assert_eq!(facts.first_chars, usize::MAX);
                        }
                    }
                }
            }
        }
    }
}
