//! Row labels wrapped after very few characters: a narrow label column prints
//! `3.危及“三安全` on one line and `一稳定”` on the next. The first line names no row, and is too
//! short for [`LabelIndex::row_by_prefix`] (which wants six characters, so that a short piece of
//! unrelated text is never taken for a row). Here a shorter first line is completed by the text
//! that follows it — only when the two together name exactly one row of the format, the
//! continuation names nothing on its own, and no other row of that table starts the same way.
//! The first line's matching forms are then those of the whole label; the continuation stays
//! unknown text, as for labels wrapped after six characters or more.

use gongkai_model::{formats, FormatId};

use super::labels::{label_forms, Facts, Forms, LabelIndex, Target};
use crate::tokens::Token;

/// Prefixes at least this long are left to [`LabelIndex::row_by_prefix`].
const LONG_PREFIX_CHARS: usize = 6;
/// Shorter than this, a piece of text is too little to call a prefix.
const MIN_PREFIX_CHARS: usize = 2;
/// Tokens looked at after the first line for its continuation (the row's values may come
/// between them, as when the values sit beside the label's first line).
const LOOKAHEAD_TOKENS: usize = 12;

/// Whether a label with these facts is short enough to be completed here, whatever the format
/// (the part of [`complete_short_labels`]' test that does not ask the format): its first form
/// has few characters (and so few bytes: a text of more bytes than a short one's characters can
/// take, four each at most, is not).
pub fn is_short(facts: &Facts) -> bool {
    facts.first_bytes < LONG_PREFIX_CHARS * 4
        && (MIN_PREFIX_CHARS..LONG_PREFIX_CHARS).contains(&facts.first_chars)
}

/// Replaces the forms of short first lines of wrapped row labels with those of the whole label.
/// `texts` are the places of the text tokens in `tokens`, `forms` their forms (one each);
/// `short`, when given, in order, the places in `texts` of (at least) those whose forms are
/// [`is_short`] and name nothing in `format`: only they are looked at (the others are most
/// texts); otherwise every text is. Returns the places in `texts` of the tokens whose forms were
/// replaced, in order.
pub fn complete_short_labels(
    tokens: &[Token<'_>],
    texts: &[usize],
    forms: &mut [Forms],
    short: Option<&[usize]>,
    format: FormatId,
) -> Vec<usize> {
    let mut completed = Vec::new();
    let index = LabelIndex::of(format);
    let every: Vec<usize>;
    let ks = match short {
        Some(short) => short,
        None => {
            every = (0..texts.len().min(forms.len())).collect();
            &every
        }
    };
    for &k in ks {
        let Some(facts) = forms.get(k).and_then(Forms::facts) else {
            continue;
        };
        if !is_short(facts)
            || facts
                .names_in(format)
                .unwrap_or_else(|| index.names(&forms[k]))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::TokenKind;
    use proptest::prelude::*;

    proptest! {
        /// Completing only the labels the detection pass noted as short is completing every
        /// label: on row labels of every format wrapped after a few characters (and left whole),
        /// with values between the lines, in every format.
        #[test]
        fn the_short_labels_noted_are_all_that_completing_needs(
            picks in proptest::collection::vec((0usize..10_000, 1usize..8, 0usize..3), 1..24),
        ) {
            let labels: Vec<&str> = formats::all()
                .into_iter()
                .flat_map(|f| f.tables.iter())
                .flat_map(|t| t.rows.iter())
                .flat_map(|r| std::iter::once(r.label).chain(r.aliases.iter().copied()))
                .collect();
            let mut texts: Vec<(String, u32)> = Vec::new();
            let mut line = 1;
            for &(pick, cut, values) in &picks {
                let label = labels[pick % labels.len()];
                let at = label.char_indices().nth(cut).map_or(label.len(), |(i, _)| i);
                let (a, b) = label.split_at(at);
                texts.push((a.to_string(), line));
                for _ in 0..values {
                    texts.push((String::new(), line));
                }
                line += 1;
                if !b.is_empty() {
                    texts.push((b.to_string(), line));
                    line += 1;
                }
            }
            let tokens: Vec<Token<'_>> = texts
                .iter()
                .map(|(text, line)| Token {
                    kind: if text.is_empty() {
                        TokenKind::Value(crate::value::Printed::Number {
                            value: 1.0,
                            unit: crate::value::Unit::None,
                            signed: false,
                        })
                    } else {
                        TokenKind::Text
                    },
                    text: if text.is_empty() { "1" } else { text.as_str() },
                    line: *line,
                    start: 0,
                    col: 1,
                    first_in_line: true,
                    whole_line: false,
                })
                .collect();
            let (places, forms) = super::super::labels::text_forms(&tokens);
            let detection = super::super::detect::Detection::scan(&tokens, &places, &forms);
            let every: Vec<usize> = (0..places.len()).collect();
            for format in [FormatId::F2019, FormatId::F2021, FormatId::Legacy] {
                let mut noted = forms.clone();
                let mut all = forms.clone();
                let short = (format != FormatId::Legacy).then_some(&detection.short[..]);
                let a = complete_short_labels(&tokens, &places, &mut noted, short, format);
                let b = complete_short_labels(&tokens, &places, &mut all, Some(&every), format);
                prop_assert_eq!(&a, &b);
                for (x, y) in noted.iter().zip(&all) {
                    prop_assert_eq!(&**x, &**y);
                }
            }
        }
    }
}
