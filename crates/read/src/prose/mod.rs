//! The prose of a report as data: the figures its sentences state ([`statements()`]), and for
//! pre-2019 reports, which have no tables, the `legacy` table filled from them ([`legacy`]).
//!
//! - `numbers`: Chinese and Arabic numerals, approximations (200余条, 近百件) and units;
//! - `meaning`: what a figure counts, from keyword patterns over its subject;
//! - `statements`: sentences → statements with subjects, parts and shares;
//! - `legacy`: statements → cells of the `legacy` table;
//! - `appendix`: a legacy report's 附表 (政府信息公开情况统计表) → cells of the `legacy` table.

pub mod appendix;
pub mod legacy;
pub mod meaning;
pub mod numbers;
pub mod statements;

use gongkai_model::{FormatId, Report};

use crate::document::Document;
use crate::tokens::{LineInfo, LineKind};

pub use statements::statements;

/// Reads the statements of `document` into `report`, and for a legacy report fills the `legacy`
/// table: from its 附表 where it prints one, then from the statements for the rows the 附表 does
/// not have (the table wins; where the prose says otherwise, the rule PROSE-VS-APPENDIX says
/// so). A 附表's rows are cells, not statements. `lines` are the records of the document's lines
/// ([`crate::tokens::Content::lines`]), which say among the rest which are site chrome.
pub fn apply(document: &Document, lines: &[LineInfo], report: &mut Report) {
    report.statements = statements(document, lines);
    if report.format == FormatId::Legacy {
        let skip = |no: u32| LineInfo::of(lines, no).is_some_and(|l| l.kind == LineKind::Chrome);
        let appendices = appendix::read(document, &skip);
        if !appendices.is_empty() {
            let inside = |s: &gongkai_model::Statement| {
                s.source.line_no().is_some_and(|l| {
                    appendices
                        .iter()
                        .any(|a| (a.first_line..=a.last_line).contains(&l))
                })
            };
            drop_statements(&mut report.statements, inside);
            appendix::fill(report, &appendices, document);
        }
        legacy::fill(report);
    }
}

/// Removes the statements `gone` says, keeping the indices between the others (parts, wholes,
/// shares) pointing at the same statements.
fn drop_statements(
    all: &mut Vec<gongkai_model::Statement>,
    gone: impl Fn(&gongkai_model::Statement) -> bool,
) {
    let keep: Vec<bool> = all.iter().map(|s| !gone(s)).collect();
    if keep.iter().all(|k| *k) {
        return;
    }
    let mut new_index = Vec::with_capacity(keep.len());
    let mut n = 0usize;
    for k in &keep {
        new_index.push(k.then_some(n));
        if *k {
            n += 1;
        }
    }
    let map = |i: usize| new_index.get(i).copied().flatten();
    let old = std::mem::take(all);
    for (s, k) in old.into_iter().zip(&keep) {
        if !k {
            continue;
        }
        let mut s = s;
        s.parts = s.parts.iter().filter_map(|p| map(*p)).collect();
        s.part_of = s.part_of.and_then(map);
        s.share_of = s.share_of.and_then(map);
        all.push(s);
    }
}
