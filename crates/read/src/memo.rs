//! Per-thread memos of pure functions of a short text: every report prints the same official
//! labels and headings, so deciding one again (folding, normalising, scanning for markers)
//! costs far more than looking it up by its printed text.
//!
//! Each memo is bounded: past its number of entries it starts over, so memory stays the same
//! whatever the number of reports a thread reads.

use std::cell::RefCell;
use std::thread::LocalKey;

/// A memo's storage: printed text → what was made of it.
pub type Store<V> = RefCell<Table<V>>;

/// A map from text to value made for the memos, which are asked tens of thousands of times per
/// few hundred reports and nearly always hold the text: open addressing with linear probing,
/// kept at most half full, each slot holding its entry's full hash, so that a lookup costs a
/// hash, a load or two and one comparison of the text (a general hash map's probing cost about
/// as much again). Nothing is ever removed one at a time: the memos only put in, start over
/// ([`Table::clear`]) or keep some ([`Table::retain`]), which rebuild the slots.
pub struct Table<V> {
    /// A power of two in length (or empty); at most half of them taken.
    slots: Box<[Slot]>,
    entries: Vec<Entry<V>>,
    /// Whether texts are hashed whole ([`full_hash_of`]) rather than by their ends
    /// ([`hash_of`]): set for good once an entry lands far from its hash's slot, which texts as
    /// met in reports never cause and texts made alike at their ends do.
    full: bool,
}

/// One slot of a [`Table`]: the high half of the hash of its entry's text (which turns most
/// other texts away without a look at the entry) and the entry's index plus one (0: empty
/// slot). Eight bytes, so that starting over clears little memory.
#[derive(Clone, Copy, Default)]
struct Slot {
    tag: u32,
    at: u32,
}

/// The tag of a hash in its slot.
#[inline]
fn tag_of(hash: u64) -> u32 {
    (hash >> 32) as u32
}

struct Entry<V> {
    hash: u64,
    key: Box<str>,
    value: V,
}

impl<V> Default for Table<V> {
    fn default() -> Self {
        Table {
            slots: Box::new([]),
            entries: Vec::new(),
            full: false,
        }
    }
}

impl<V: std::fmt::Debug> std::fmt::Debug for Table<V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map()
            .entries(self.entries.iter().map(|e| (&e.key, &e.value)))
            .finish()
    }
}

/// The hash of a text, made of its length and its first and last eight bytes only: a few
/// instructions whatever its length. Texts alike in all three but different between them (rare
/// among labels, headings and lines) only share a hash, which costs a comparison more, never a
/// wrong answer: a text is found by comparing it whole.
#[inline]
fn hash_of(text: &str) -> u64 {
    const K1: u64 = 0x9e37_79b9_7f4a_7c15;
    const K2: u64 = 0xf135_7aea_2e62_a9c5;
    let bytes = text.as_bytes();
    let n = bytes.len();
    let (head, tail) = match (bytes.first_chunk::<8>(), bytes.last_chunk::<8>()) {
        (Some(head), Some(tail)) => (u64::from_le_bytes(*head), u64::from_le_bytes(*tail)),
        _ => (bytes.iter().fold(0u64, |x, &b| (x << 8) | u64::from(b)), 0),
    };
    let mixed = (head.wrapping_mul(K1) ^ tail ^ n as u64).wrapping_mul(K2);
    // The slot is taken from the low bits: fold the high ones (which the products fill) in.
    mixed ^ (mixed >> 29)
}

/// The hash of a text with every byte in it: each eight bytes mixed in turn, as FxHash does
/// (the memos' hash before [`Table`], through `FxHashMap`). For a table whose texts are alike at
/// their ends ([`Table::full`]).
fn full_hash_of(text: &str) -> u64 {
    const K: u64 = 0xf135_7aea_2e62_a9c5;
    let (words, rest) = text.as_bytes().as_chunks::<8>();
    let mut h = text.len() as u64;
    for word in words {
        h = (h.rotate_left(26) ^ u64::from_le_bytes(*word)).wrapping_mul(K);
    }
    // The bytes after the last whole word: read as the text's last eight bytes (some of them
    // mixed in twice) rather than one by one, when the text has eight.
    let last = match text.as_bytes().last_chunk::<8>() {
        Some(end) if !rest.is_empty() => u64::from_le_bytes(*end),
        _ => rest.iter().fold(0u64, |x, &b| (x << 8) | u64::from(b)),
    };
    h = (h.rotate_left(26) ^ last).wrapping_mul(K);
    h ^ (h >> 29)
}

/// How far from its hash's slot an entry may land before the table hashes texts whole. Half
/// full, a table's entries land a slot or two away; a run this long means texts alike at their
/// ends (a made-up document: `AAAAAAAA0001ZZZZZZZZ`, `AAAAAAAA0002ZZZZZZZZ`, …), which
/// would otherwise make every lookup walk it.
const MAX_PROBE: usize = 32;

impl<V> Table<V> {
    /// The hash of `text` in this table.
    #[inline]
    fn hash(&self, text: &str) -> u64 {
        if self.full {
            full_hash_of(text)
        } else {
            hash_of(text)
        }
    }

    /// Number of texts held.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no text is held.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The index in `entries` of `text`'s entry.
    #[inline(always)]
    fn find(&self, hash: u64, text: &str) -> Option<usize> {
        let mask = self.slots.len().checked_sub(1)?;
        let tag = tag_of(hash);
        let mut i = hash as usize & mask;
        // Ends: at most half of the slots are taken, so probing meets an empty one.
        loop {
            let slot = self.slots.get(i)?;
            if slot.at == 0 {
                return None;
            }
            if slot.tag == tag {
                let at = slot.at as usize - 1;
                if self.entries.get(at).is_some_and(|e| *e.key == *text) {
                    return Some(at);
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// The value held for `text`.
    #[inline]
    pub fn get(&self, text: &str) -> Option<&V> {
        let at = self.find(self.hash(text), text)?;
        self.entries.get(at).map(|e| &e.value)
    }

    /// The value held for `text`, to change.
    #[inline(always)]
    pub fn get_mut(&mut self, text: &str) -> Option<&mut V> {
        let at = self.find(self.hash(text), text)?;
        self.entries.get_mut(at).map(|e| &mut e.value)
    }

    /// Puts `value` under `text`, in place of the value held for it if any.
    pub fn insert(&mut self, text: &str, value: V) {
        let hash = self.hash(text);
        if let Some(entry) = self
            .find(hash, text)
            .and_then(|at| self.entries.get_mut(at))
        {
            entry.value = value;
            return;
        }
        // Entries are numbered by `u32` in the slots: a table that would hold more (no memo
        // comes near it) starts over.
        if self.entries.len() >= u32::MAX as usize - 1 {
            self.clear();
        }
        self.entries.push(Entry {
            hash,
            key: text.into(),
            value,
        });
        if self.entries.len() * 2 > self.slots.len() {
            let mut size = self.slots.len().max(16);
            while self.entries.len() * 2 > size {
                size *= 2;
            }
            self.slots = vec![Slot::default(); size].into_boxed_slice();
            let steps = self.rebuild();
            self.watch_runs(steps);
        } else {
            let at = self.entries.len();
            let steps = self.place(hash, at);
            self.watch_runs(steps);
        }
    }

    /// Lets every text go (the slots stay, for the texts to come).
    pub fn clear(&mut self) {
        self.entries.clear();
        self.slots.fill(Slot::default());
    }

    /// Keeps the texts whose value `keep` says to keep (it may change the values).
    pub fn retain(&mut self, mut keep: impl FnMut(&mut V) -> bool) {
        self.entries.retain_mut(|e| keep(&mut e.value));
        let steps = self.rebuild();
        self.watch_runs(steps);
    }

    /// Puts entry `at - 1` (of `hash`) in the first empty slot from its hash on; how many
    /// slots it stepped over to get there.
    fn place(&mut self, hash: u64, at: usize) -> usize {
        let Some(mask) = self.slots.len().checked_sub(1) else {
            return 0;
        };
        let Ok(at) = u32::try_from(at) else {
            return 0;
        };
        let tag = tag_of(hash);
        let mut i = hash as usize & mask;
        let mut steps = 0;
        while let Some(slot) = self.slots.get_mut(i) {
            if slot.at == 0 {
                *slot = Slot { tag, at };
                return steps;
            }
            i = (i + 1) & mask;
            steps += 1;
        }
        steps
    }

    /// The slots made anew from the entries; the most slots an entry stepped over.
    fn rebuild(&mut self) -> usize {
        self.slots.fill(Slot::default());
        let mut most = 0;
        for at in 0..self.entries.len() {
            let hash = self.entries[at].hash;
            most = most.max(self.place(hash, at + 1));
        }
        most
    }

    /// After an entry stepped over `steps` slots: hashes texts whole from now on if that is too
    /// many ([`MAX_PROBE`]).
    fn watch_runs(&mut self, steps: usize) {
        if steps > MAX_PROBE && !self.full {
            self.full = true;
            for entry in &mut self.entries {
                entry.hash = full_hash_of(&entry.key);
            }
            // (Whole texts that still run long are not looked at again: nothing more to do.)
            self.rebuild();
        }
    }
}

/// `make()`, remembered in `memo` by `text` (at most `entries` texts kept). Should `make`
/// itself use the same memo, its result is simply not remembered.
pub fn remembered<V: Clone + 'static>(
    memo: &'static LocalKey<Store<V>>,
    entries: usize,
    text: &str,
    make: impl FnOnce() -> V,
) -> V {
    memo.with(|memo| {
        let Ok(mut memo) = memo.try_borrow_mut() else {
            return make();
        };
        if let Some(known) = memo.get(text) {
            return known.clone();
        }
        let made = make();
        keep(&mut memo, entries, text, made.clone());
        made
    })
}

/// Puts `value` in `memo` under `text`, starting the memo over first when it holds `entries`:
/// the bound every memo keeps (for callers that hold the memo across many lookups).
pub fn keep<V>(memo: &mut Table<V>, entries: usize, text: &str, value: V) {
    if memo.len() >= entries {
        memo.clear();
    }
    memo.insert(text, value);
}

/// A memo entry that says whether it was asked for again since it was put in (or since the memo
/// was last full): see [`keep_used`].
#[derive(Debug)]
pub struct Used<V> {
    value: V,
    used: bool,
}

/// A memo whose entries remember being used ([`get_used`], [`keep_used`]).
pub type UsedStore<V> = RefCell<Table<Used<V>>>;

/// What `memo` holds for `text`, the entry marked as used.
#[inline]
pub fn get_used<'m, V>(memo: &'m mut Table<Used<V>>, text: &str) -> Option<&'m V> {
    let entry = memo.get_mut(text)?;
    entry.used = true;
    Some(&entry.value)
}

/// [`keep`] for a memo whose entries remember being used: when it holds `entries`, the entries
/// not asked for again since they were put in (or since it was last full) are let go and the
/// others kept, unmarked; should half of it or more be kept, it starts over all the same, so its
/// size stays bounded. Texts printed in every report (labels) then stay through the texts only
/// one report prints (its agency, its dates), which are what fills the memo, instead of being
/// worked out again each time it fills.
pub fn keep_used<V>(memo: &mut Table<Used<V>>, entries: usize, text: &str, value: V) {
    if memo.len() >= entries {
        memo.retain(|entry| std::mem::take(&mut entry.used));
        if memo.len() >= entries / 2 {
            memo.clear();
        }
    }
    memo.insert(text, Used { value, used: false });
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rustc_hash::FxHashMap;
    use std::cell::Cell;

    proptest! {
        /// A [`Table`] answers as a hash map given the same texts, values, clearings and
        /// keepings, through its growth and rebuilds: its keys are few (so texts come again
        /// and collide in the slots) or many.
        #[test]
        fn table_agrees_with_a_hash_map(
            ops in proptest::collection::vec((0u8..8, "[a-c规章]{0,3}|[a-z0-9]{0,12}", any::<u8>()), 0..400),
        ) {
            let mut table: Table<u8> = Table::default();
            let mut map: FxHashMap<Box<str>, u8> = FxHashMap::default();
            for (op, text, value) in ops {
                match op {
                    0..=3 => {
                        table.insert(&text, value);
                        map.insert(text.as_str().into(), value);
                    }
                    4 => {
                        if let (Some(a), Some(b)) = (table.get_mut(&text), map.get_mut(text.as_str())) {
                            *a = a.wrapping_add(value);
                            *b = b.wrapping_add(value);
                        }
                    }
                    5 => {
                        table.retain(|v| *v % 3 != value % 3);
                        map.retain(|_, v| *v % 3 != value % 3);
                    }
                    6 if value < 16 => {
                        table.clear();
                        map.clear();
                    }
                    _ => {}
                }
                prop_assert_eq!(table.len(), map.len());
                prop_assert_eq!(table.is_empty(), map.is_empty());
                prop_assert_eq!(table.get(&text), map.get(text.as_str()));
                prop_assert_eq!(table.get_mut(&text).copied(), map.get(text.as_str()).copied());
            }
            for (key, value) in &map {
                prop_assert_eq!(table.get(key), Some(value));
            }
        }
    }

    /// Texts alike at their ends (a made-up document) make the table hash them whole, after
    /// which they spread over the slots: lookups then cost what any others do. And every
    /// text is still found.
    #[test]
    fn texts_alike_at_the_ends_are_hashed_whole() {
        let texts: Vec<String> = (0..4096)
            .map(|i| format!("AAAAAAAA{i:08}ZZZZZZZZ"))
            .chain((0..2048).map(|i| format!("规章规章{i:04}规章规章")))
            .collect();
        let mut table: Table<usize> = Table::default();
        for (i, t) in texts.iter().enumerate() {
            table.insert(t, i);
        }
        assert!(table.full);
        for (i, t) in texts.iter().enumerate() {
            assert_eq!(table.get(t), Some(&i), "{t}");
        }
        let most = table.rebuild();
        assert!(most <= MAX_PROBE, "an entry {most} slots from its own");
        // Texts as reports print them (labels, headings) do not.
        let mut labels: Table<usize> = Table::default();
        for (i, t) in gongkai_model::formats::all()
            .into_iter()
            .flat_map(|f| f.tables.iter())
            .flat_map(|t| t.rows.iter())
            .map(|r| r.label)
            .enumerate()
        {
            labels.insert(t, i);
        }
        assert!(!labels.is_empty() && !labels.full);
    }

    thread_local! {
        static LENGTHS: Store<usize> = RefCell::default();
    }

    #[test]
    fn made_once_per_text_and_bounded() {
        let calls = Cell::new(0);
        let len = |s: &str| {
            remembered(&LENGTHS, 3, s, || {
                calls.set(calls.get() + 1);
                s.len()
            })
        };
        assert_eq!(len("规章"), 6);
        assert_eq!(len("规章"), 6);
        assert_eq!(calls.get(), 1);
        for s in ["a", "bb", "ccc", "dddd"] {
            len(s);
        }
        assert!(LENGTHS.with(|m| m.borrow().len()) <= 3);
        assert_eq!(len("dddd"), 4);
    }

    /// A full memo keeps what was used again, lets the rest go, and stays within its bound
    /// whatever is asked of it.
    #[test]
    fn used_entries_outlive_the_others_and_the_bound_holds() {
        let mut memo: Table<Used<usize>> = Table::default();
        let entries = 8;
        keep_used(&mut memo, entries, "label", 1);
        for i in 0..100usize {
            // The label is asked for in every round; each round brings a text of its own.
            assert_eq!(get_used(&mut memo, "label").copied(), Some(1), "round {i}");
            let own = format!("text {i}");
            if get_used(&mut memo, &own).is_none() {
                keep_used(&mut memo, entries, &own, i);
            }
            assert!(memo.len() <= entries);
            // Looked at without marking it used: it is asked for once only.
            assert_eq!(memo.get(own.as_str()).map(|e| e.value), Some(i));
        }
        // Everything used again: the memo starts over rather than keep more than half of it.
        let mut full: Table<Used<usize>> = Table::default();
        for round in 0..3 {
            for i in 0..40usize {
                let text = i.to_string();
                if get_used(&mut full, &text).is_none() {
                    keep_used(&mut full, entries, &text, i);
                }
                assert!(full.len() <= entries, "round {round}");
            }
        }
    }
}
