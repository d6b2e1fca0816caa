//! Row labels wrapped after very few characters: a narrow label column prints
//! `3.危及“三安全` on one line and `一稳定”` on the next. The first line names no row, and is too
//! short for [`LabelIndex::row_by_prefix`] (which wants six characters, so that a short piece of
//! unrelated text is never taken for a row). Here a shorter first line is completed by the text
//! that follows it — only when the two together name exactly one row of the format, the
//! continuation names nothing on its own, and no other row of that table starts the same way.
//! The first line's matching forms are then those of the whole label; the continuation stays
//! unknown text, as for labels wrapped after six characters or more.

use gongkai_model::{formats, FormatId};

use super::labels::{label_forms, Forms, LabelIndex, Target};
use crate::tokens::Token;

/// Prefixes at least this long are left to [`LabelIndex::row_by_prefix`].
const LONG_PREFIX_CHARS: usize = 6;
/// Shorter than this, a piece of text is too little to call a prefix.
const MIN_PREFIX_CHARS: usize = 2;
/// Tokens looked at after the first line for its continuation (the row's values may come
/// between them, as when the values sit beside the label's first line).
const LOOKAHEAD_TOKENS: usize = 12;

/// Replaces the forms of short first lines of wrapped row labels with those of the whole label.
/// `texts` are the places of the text tokens in `tokens`, `forms` their forms (one each).
/// Returns the places in `texts` of the tokens whose forms were replaced, in order.
pub fn complete_short_labels(
    tokens: &[Token<'_>],
    texts: &[usize],
    forms: &mut [Forms],
    format: FormatId,
) -> Vec<usize> {
    let mut completed = Vec::new();
    let index = LabelIndex::of(format);
    for k in 0..texts.len().min(forms.len()) {
        // Most forms name something or are long (a text of more bytes than a short one's
        // characters can take, four each at most): told by the facts remembered with them.
        let Some(facts) = forms[k].facts() else {
            continue;
        };
        let names = facts
            .names_in(format)
            .unwrap_or_else(|| index.names(&forms[k]));
        if names
            || facts.first_bytes >= LONG_PREFIX_CHARS * 4
            || !(MIN_PREFIX_CHARS..LONG_PREFIX_CHARS).contains(&facts.first_chars)
        {
            continue;
        }
        let Some(first) = forms[k].first() else {
            continue;
        };
        // The continuation: the next text (the next of `texts`), on a later line.
        let (Some(&i), Some(&j)) = (texts.get(k), texts.get(k + 1)) else {
            continue;
        };
        if j >= i + 1 + LOOKAHEAD_TOKENS {
            continue;
        }
        let (Some(first_tok), Some(next_tok)) = (tokens.get(i), tokens.get(j)) else {
            continue;
        };
        if next_tok.line <= first_tok.line
            || forms
                .get(k + 1)
                .is_none_or(|f| !index.targets(f).is_empty())
        {
            continue;
        }
        // Joined by `concat` (one allocation of the sum of the lengths, two copies) rather than
        // `format!`, whose machinery costs several times as much for two plain strings.
        let joined = label_forms(&[first_tok.text, next_tok.text].concat());
        let Some((table, row)) = one_row(index.targets(&joined)) else {
            continue;
        };
        if !only_row_starting_with(format, table, row, first) {
            continue;
        }
        forms[k] = joined;
        completed.push(k);
    }
    completed
}

/// The one row a lookup names, as (table key, row key).
fn one_row(targets: &[Target]) -> Option<(&'static str, &'static str)> {
    let mut rows = targets.iter().filter_map(|t| match t {
        Target::Row(table, row) => Some((table.key, row.key)),
        _ => None,
    });
    let first = rows.next()?;
    rows.all(|r| r == first).then_some(first)
}

/// Whether `row` is the only row of `table` whose label (or an alias) starts with `prefix`.
fn only_row_starting_with(format: FormatId, table: &str, row: &str, prefix: &str) -> bool {
    let Some(t) = formats::get(format).table(table) else {
        return false;
    };
    t.rows.iter().all(|r| {
        r.key == row
            || std::iter::once(r.label)
                .chain(r.aliases.iter().copied())
                .all(|label| label_forms(label).iter().all(|f| !f.starts_with(prefix)))
    })
}
