//! Per-thread memos of pure functions of a short text: every report prints the same official
//! labels and headings, so deciding one again (folding, normalising, scanning for markers)
//! costs far more than looking it up by its printed text.
//!
//! Each memo is bounded: past its number of entries it starts over, so memory stays the same
//! whatever the number of reports a thread reads.

use std::cell::RefCell;
use std::thread::LocalKey;

use rustc_hash::FxHashMap;

/// A memo's storage: printed text → what was made of it.
pub type Store<V> = RefCell<FxHashMap<Box<str>, V>>;

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
pub fn keep<V>(memo: &mut FxHashMap<Box<str>, V>, entries: usize, text: &str, value: V) {
    if memo.len() >= entries {
        memo.clear();
    }
    memo.insert(text.into(), value);
}

/// A memo entry that says whether it was asked for again since it was put in (or since the memo
/// was last full): see [`keep_used`].
#[derive(Debug)]
pub struct Used<V> {
    value: V,
    used: bool,
}

/// A memo whose entries remember being used ([`get_used`], [`keep_used`]).
pub type UsedStore<V> = RefCell<FxHashMap<Box<str>, Used<V>>>;

/// What `memo` holds for `text`, the entry marked as used.
#[inline]
pub fn get_used<'m, V>(memo: &'m mut FxHashMap<Box<str>, Used<V>>, text: &str) -> Option<&'m V> {
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
pub fn keep_used<V>(memo: &mut FxHashMap<Box<str>, Used<V>>, entries: usize, text: &str, value: V) {
    if memo.len() >= entries {
        memo.retain(|_, entry| std::mem::take(&mut entry.used));
        if memo.len() >= entries / 2 {
            memo.clear();
        }
    }
    memo.insert(text.into(), Used { value, used: false });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    thread_local! {
        static LENGTHS: Store<usize> = RefCell::new(FxHashMap::default());
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
        let mut memo: FxHashMap<Box<str>, Used<usize>> = FxHashMap::default();
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
        let mut full: FxHashMap<Box<str>, Used<usize>> = FxHashMap::default();
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
