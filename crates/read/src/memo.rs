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
}
