//! Helpers shared by the integration tests.
#![allow(dead_code)]

use gongkai_model::{formats, FormatId, Report, RowDef};
use gongkai_synth::{generate, GenOptions, Scale};

/// The CJK characters of a label: drops numbering digits, brackets, punctuation, quotes and
/// spaces, so every printed variant of a label normalizes to the same string.
pub fn cjk(s: &str) -> String {
    s.chars()
        .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
        .collect()
}

/// Whether a printed label is one of the row's official forms.
pub fn is_row_label(printed: &str, row: &RowDef) -> bool {
    let p = cjk(printed);
    std::iter::once(row.label)
        .chain(row.aliases.iter().copied())
        .any(|l| cjk(l) == p)
}

/// Whether a piece of text is a printed value (`12`, `减7`, `+3`, `14.4万元`, `144000元`).
pub fn is_value(s: &str) -> bool {
    let t = s.trim();
    let t = t
        .strip_prefix('增')
        .or_else(|| t.strip_prefix('减'))
        .or_else(|| t.strip_prefix('+'))
        .or_else(|| t.strip_prefix('-'))
        .unwrap_or(t);
    let t = t
        .strip_suffix("万元")
        .or_else(|| t.strip_suffix('元'))
        .unwrap_or(t);
    !t.is_empty() && t.parse::<f64>().is_ok()
}

pub const FORMATS: [FormatId; 2] = [FormatId::F2019, FormatId::F2021];

/// A spread of generated reports: both formats, all scales.
pub fn reports(seeds: std::ops::Range<u64>) -> Vec<(u64, Report)> {
    let mut out = Vec::new();
    for seed in seeds {
        for format in FORMATS {
            for scale in Scale::ALL {
                out.push((seed, generate(seed, &GenOptions::new(format, scale))));
            }
        }
    }
    out
}

pub fn lines(text: &str) -> Vec<&str> {
    text.lines().collect()
}

pub fn format_tables(format: FormatId) -> &'static [gongkai_model::TableDef] {
    formats::get(format).tables
}
