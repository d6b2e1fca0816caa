//! The prose of a report as data: the figures its sentences state ([`statements()`]), and for
//! pre-2019 reports, which have no tables, the `legacy` table filled from them ([`legacy`]).
//!
//! - `numbers`: Chinese and Arabic numerals, approximations (200余条, 近百件) and units;
//! - `meaning`: what a figure counts, from keyword patterns over its subject;
//! - `statements`: sentences → statements with subjects, parts and shares;
//! - `legacy`: statements → cells of the `legacy` table.

pub mod legacy;
pub mod meaning;
pub mod numbers;
pub mod statements;

use gongkai_model::{FormatId, Report};

use crate::document::Document;

pub use statements::statements;

/// Reads the statements of `document` into `report`, and for a legacy report fills the `legacy`
/// table from them. `chrome[i]` says whether line `i + 1` is site chrome.
pub fn apply(document: &Document, chrome: &[bool], report: &mut Report) {
    let skip = |no: u32| {
        (no as usize)
            .checked_sub(1)
            .and_then(|i| chrome.get(i).copied())
            .unwrap_or(false)
    };
    report.statements = statements(document, &skip);
    if report.format == FormatId::Legacy {
        legacy::fill(report);
    }
}
