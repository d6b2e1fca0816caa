//! Which format a report follows, decided on its columns and rows, not on its title or year.
//!
//! REPORT-FORMAT.md §5: 本年制发件数, a three-row （六） or a 万元 fee column mean 2021;
//! 本年新制作数量, 上一年项目数量 or a 第二十条第（九）项 block mean 2019. Some 2023 reports still
//! write 规范性文件 under the 2021 columns, so the row label alone decides nothing.

use gongkai_model::FormatId;

use super::labels::{Facts, Forms};
use crate::tokens::{Token, TokenKind};

/// The evidence for each format.
#[derive(Debug, Default, Clone)]
pub struct Detection {
    /// Distinct 2019 markers seen, with the first token of each.
    pub f2019: Vec<usize>,
    /// Distinct 2021 markers seen.
    pub f2021: Vec<usize>,
    /// Whether any table label of either format was seen at all.
    pub tabular: bool,
    /// The places in `texts` of the labels short enough to be the first line of a wrapped
    /// label ([`super::wrapped::is_short`]) that name nothing in the 2019 or the 2021 format,
    /// in order: the only ones [`super::wrapped::complete_short_labels`] need look at in those
    /// formats, noted in this pass over the labels' facts rather than in one of its own.
    pub short: Vec<usize>,
}

impl Detection {
    /// `forms[k]` are the label forms of `tokens[texts[k]]` (empty for prose); `texts` are the
    /// places of the text tokens (values name nothing).
    pub fn scan(tokens: &[Token<'_>], texts: &[usize], forms: &[Forms]) -> Detection {
        // Each list holds at most one entry per marker of its format: made with room for all of
        // them, so that none grows (a growth costs more than the pushes it makes room for).
        let markers = |id| gongkai_model::formats::get(id).markers.len();
        let (n19, n21) = (markers(FormatId::F2019), markers(FormatId::F2021));
        let mut d = Detection {
            f2019: Vec::with_capacity(n19),
            f2021: Vec::with_capacity(n21),
            tabular: false,
            short: Vec::new(),
        };
        let mut seen19 = Seen::default();
        let mut seen21 = Seen::default();
        for (k, (&i, f)) in texts.iter().zip(forms).enumerate() {
            // The markers and names of a label, worked out once with its forms ([`Facts`]).
            let Some(facts) = f.facts() else {
                continue;
            };
            if facts.completable {
                d.short.push(k);
            }
            if tokens.get(i).is_none_or(|t| t.kind != TokenKind::Text) {
                continue;
            }
            if let Some(m) = facts.marker_2019 {
                if seen19.first_time(m) {
                    d.f2019.push(i);
                }
            }
            if let Some(m) = facts.marker_2021 {
                if seen21.first_time(m) {
                    d.f2021.push(i);
                }
            }
            if !d.tabular
                && (facts.names_in(FormatId::F2021) == Some(true)
                    || facts.names_in(FormatId::F2019) == Some(true))
            {
                d.tabular = is_table_label(facts);
            }
        }
        d
    }

    /// The format, given the statistical year when known.
    pub fn decide(&self, year: Option<i32>) -> FormatId {
        let (a, b) = (self.f2019.len(), self.f2021.len());
        if a > b {
            FormatId::F2019
        } else if b > a {
            FormatId::F2021
        } else if a > 0 || self.tabular {
            // A tie, or tables with no distinguishing label (e.g. only 表三 and a one-row （六）
            // whose sub-rows are absent): go by the year, newest format otherwise.
            match year {
                Some(y) if y <= 2020 => FormatId::F2019,
                _ => FormatId::F2021,
            }
        } else {
            FormatId::Legacy
        }
    }

    /// Both formats' markers are present.
    pub fn mixed(&self) -> bool {
        !self.f2019.is_empty() && !self.f2021.is_empty()
    }
}

/// The markers of a format seen so far, by their places in its list: a bit each for the first
/// 128 (a format has a handful), a list past them; nothing to allocate for a report.
#[derive(Default)]
struct Seen {
    bits: u128,
    more: Vec<usize>,
}

impl Seen {
    /// Notes marker `m` as seen; whether it was not seen before.
    fn first_time(&mut self, m: usize) -> bool {
        match u32::try_from(m).ok().and_then(|m| 1u128.checked_shl(m)) {
            Some(bit) => {
                let new = self.bits & bit == 0;
                self.bits |= bit;
                new
            }
            None if self.more.contains(&m) => false,
            None => {
                self.more.push(m);
                true
            }
        }
    }
}

/// Whether a label is specific enough to show that a report has tables: a table row or
/// column label, not a word like 总计 or 其他 that prose also uses (its first form has four
/// characters or more).
fn is_table_label(facts: &Facts) -> bool {
    facts.first_chars >= 4
}

#[cfg(test)]
mod tests {
    use super::Seen;

    /// A marker is seen for the first time exactly when a list of those seen does not hold it:
    /// for places under 128 (bits) and past them (the list), in any order and repeated.
    #[test]
    fn markers_are_seen_once_as_a_list_says() {
        let mut seen = Seen::default();
        let mut list: Vec<usize> = Vec::new();
        let places = (0..400).map(|i: usize| (i * 37 + i / 3) % 140 + (i % 7) * 1000);
        for m in places.chain([0, 127, 128, 129, usize::MAX, usize::MAX, 127]) {
            let first = !list.contains(&m);
            if first {
                list.push(m);
            }
            assert_eq!(seen.first_time(m), first, "{m}");
        }
    }
}
