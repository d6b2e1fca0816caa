//! The rule catalogue: every rule gongkai can report, with its documentation.
//!
//! Two kinds of rules make it up: the hand-written ones listed in [`RULES`] (each a `static` with
//! its documentation next to its predicate) and the ones generated from the formats' relations
//! ([`crate::relations`]). `check` runs exactly these, so the catalogue is complete by
//! construction; a test checks it too.

use gongkai_model::{FormatId, Message, Severity};

use crate::rule::{Rule, RuleDoc};
use crate::{across, cells, format_year, meta, prose, reader, relations, structure};

/// One rule's catalogue entry: what `gongkai rules` lists and `gongkai rules ID` explains.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleInfo {
    /// Stable id, e.g. `T3-BALANCE`.
    pub id: &'static str,
    /// The severity of a failing finding (uncertain findings are at most warnings).
    pub severity: Severity,
    pub name: Message,
    /// What it checks, in a sentence or two.
    pub summary: Message,
    /// Why it matters to the report's readers and reviewers.
    pub why: Message,
    /// An example that fails.
    pub example: Message,
    /// How to fix the report.
    pub fix: Message,
    /// The relation, for rules that are one.
    pub formula: Option<Message>,
    /// The formats the rule applies to.
    pub formats: &'static [FormatId],
}

/// The hand-written rules, in the order `check` runs them (which decides the order of findings
/// at the same source location).
pub(crate) static RULES: [&Rule; 20] = [
    &meta::META_YEAR,
    &meta::META_AGENCY,
    &format_year::FORMAT_YEAR,
    &structure::STRUCT_SECTIONS,
    &structure::STRUCT_TABLES,
    &reader::FORMAT_MIXED,
    &reader::ROW_VALUE_COUNT,
    &reader::ROW_UNLABELLED,
    &reader::LABEL_FUZZY,
    &reader::ROW_GLUED,
    &reader::ROW_DUPLICATE,
    &reader::CELL_UNREADABLE,
    &cells::CELL_MISSING,
    &cells::CELL_INCOMPLETE,
    &cells::CELL_NONNEG,
    &cells::CELL_INFERRED,
    &prose::PROSE_PARTS_SUM,
    &prose::PROSE_PERCENT,
    &prose::PROSE_VS_APPENDIX,
    &prose::PROSE_VS_TABLE,
];

impl From<&RuleDoc> for RuleInfo {
    fn from(d: &RuleDoc) -> RuleInfo {
        RuleInfo {
            id: d.id,
            severity: d.severity,
            name: d.name.message(),
            summary: d.summary.message(),
            why: d.why.message(),
            example: d.example.message(),
            fix: d.fix.message(),
            formula: d.formula.map(|f| f.message()),
            formats: d.formats,
        }
    }
}

/// Every rule, sorted by id.
pub fn catalogue() -> Vec<RuleInfo> {
    let mut all: Vec<RuleInfo> = RULES.iter().map(|r| RuleInfo::from(&r.doc)).collect();
    all.extend(relations::infos());
    all.extend(across::RULES.iter().map(|r| RuleInfo::from(&r.doc)));
    all.sort_by(|a, b| a.id.cmp(b.id));
    all
}

/// The rule with this id, ignoring case and surrounding spaces (`t3-balance` finds `T3-BALANCE`).
pub fn rule(id: &str) -> Option<RuleInfo> {
    let id = id.trim();
    catalogue()
        .into_iter()
        .find(|r| r.id.eq_ignore_ascii_case(id))
}
