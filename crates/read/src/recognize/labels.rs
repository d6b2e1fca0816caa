//! An index from normalised label text to what it names in a format: a row, a row group, a
//! column, or another header of a table. Built once per format from the format data.

use rustc_hash::FxHashMap as HashMap;
use std::cell::{OnceCell, RefCell};
use std::sync::OnceLock;

use gongkai_model::format::{ColumnDef, GroupDef, RowDef, TableDef};
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

/// Labels longer than this are prose, not labels; they are not looked up.
pub const MAX_LABEL_CHARS: usize = 80;

pub struct LabelIndex {
    /// Which format's index this is: the slot of [`Forms`]' cache it fills.
    slot: usize,
    map: HashMap<String, Vec<Target>>,
    /// Every row's matching forms, for labels wrapped over two lines (a prefix is printed).
    rows: Vec<(String, Target)>,
    /// Normalised markers of this format (labels only it has).
    markers: Vec<String>,
}

impl LabelIndex {
    /// The index of a format, built on first use.
    pub fn of(id: FormatId) -> &'static LabelIndex {
        static CACHE: [OnceLock<LabelIndex>; FORMATS] =
            [OnceLock::new(), OnceLock::new(), OnceLock::new()];
        let slot = format_slot(id);
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
        let markers = format.markers.iter().map(|m| norm(m)).collect();
        LabelIndex {
            slot,
            map,
            rows,
            markers,
        }
    }

    /// The one row of `table` whose label is nearest to this printed text, when the text is long
    /// enough and differs by a few characters only (a typo or a dropped word in the published
    /// report: `其他法律行政止公开` for `其他法律行政法规禁止公开`). `None` when two rows are
    /// equally near. Returns the row and the distance.
    pub fn row_fuzzy(&self, forms: &[String], table: &str) -> Option<(Target, usize)> {
        const MIN_CHARS: usize = 6;
        let form: Vec<char> = forms.first()?.chars().collect();
        if form.len() < MIN_CHARS {
            return None;
        }
        let mut best: Option<(Target, usize)> = None;
        let mut tie = false;
        for (label, target) in &self.rows {
            if target.table().key != table {
                continue;
            }
            let label: Vec<char> = label.chars().collect();
            // At most one character in four may differ, counted on the longer of the two.
            let limit = form.len().max(label.len()) / 4;
            if form.len().abs_diff(label.len()) > limit {
                continue;
            }
            let d = edit_distance(&form, &label, limit);
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

    /// [`lookup_forms`](Self::lookup_forms) and [`marker`](Self::marker) of shared forms,
    /// worked out once per label and format and kept with the forms: every report prints the
    /// same labels, and each is asked about several times while it is read.
    fn named<'f>(&self, forms: &'f Forms) -> Option<&'f Named> {
        let shared = forms.shared.as_ref()?;
        Some(shared.named[self.slot].get_or_init(|| Named {
            targets: self.lookup_forms(&shared.forms).into(),
            marker: self.marker(&shared.forms),
        }))
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

    /// [`marker`](Self::marker), remembered with the forms.
    pub fn marker_of(&self, forms: &Forms) -> Option<usize> {
        self.named(forms).and_then(|n| n.marker)
    }
}

/// How many formats there are: the slots of the per-format caches.
const FORMATS: usize = 3;

fn format_slot(id: FormatId) -> usize {
    match id {
        FormatId::F2019 => 0,
        FormatId::F2021 => 1,
        FormatId::Legacy => 2,
    }
}

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
/// explanations). Shared: the forms of a label are made once per thread ([`cached_forms`]) and
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
}

/// What a label names in one format.
#[derive(Debug)]
struct Named {
    targets: Box<[Target]>,
    marker: Option<usize>,
}

impl Forms {
    fn new(forms: Vec<String>) -> Forms {
        Forms {
            shared: (!forms.is_empty()).then(|| {
                std::rc::Rc::new(SharedForms {
                    forms: forms.into(),
                    named: Default::default(),
                })
            }),
        }
    }
}

impl std::ops::Deref for Forms {
    type Target = [String];

    fn deref(&self) -> &[String] {
        self.shared.as_deref().map_or(&[], |s| &s.forms)
    }
}

/// The matching forms of a printed label (with and without parenthesised explanations);
/// none for text too long to be a label.
pub fn label_forms(text: &str) -> Forms {
    // No label is a sentence: prose needs no matching copy.
    // A text of no more bytes than that has no more characters either: counted only past it.
    if text.len() > MAX_LABEL_CHARS * 4
        || (text.len() > MAX_LABEL_CHARS && text.chars().count() > MAX_LABEL_CHARS)
        || crate::scan::has_sentence_mark(text)
    {
        return Forms::default();
    }
    cached_forms(text)
}

/// Entries kept by [`cached_forms`] on each thread; past this the cache starts over, so its
/// memory is bounded whatever the number of reports read.
const FORMS_CACHE_ENTRIES: usize = 1024;

/// [`forms`], remembered per thread by printed text: reports print the same official labels
/// (and the same few variants of them) over and over, and normalising one costs far more than
/// looking it up.
fn cached_forms(text: &str) -> Forms {
    thread_local! {
        static MEMO: crate::memo::Store<Forms> = RefCell::default();
    }
    crate::memo::remembered(&MEMO, FORMS_CACHE_ENTRIES, text, || forms(text))
}

/// The matching forms of a label: with and without parenthesised explanations.
fn forms(text: &str) -> Forms {
    let (a, b) = norm_both(text);
    let mut v = Vec::with_capacity(2);
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

    proptest! {
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
                }
            }
        }
    }
}
