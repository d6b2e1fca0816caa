//! The shape of a hand-written rule: static documentation plus the predicate that runs it.
//!
//! Keeping the documentation next to the predicate (in the same `static`) means a rule cannot
//! be added to `check` without a catalogue page, and the page cannot drift from the rule's id or
//! severity.

use crate::cells::CellSummary;
use gongkai_model::{Finding, FormatId, Message, Outcome, Report, Severity};

/// A piece of documentation in both user languages, as static text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Text {
    pub(crate) zh: &'static str,
    pub(crate) en: &'static str,
}

impl Text {
    pub(crate) fn message(self) -> Message {
        Message::new(self.zh, self.en)
    }
}

/// Shorthand for a [`Text`]; keeps the rule tables readable.
pub(crate) const fn t(zh: &'static str, en: &'static str) -> Text {
    Text { zh, en }
}

/// Every format; for rules that look at any report.
pub(crate) const ALL_FORMATS: &[FormatId] = &[FormatId::F2019, FormatId::F2021, FormatId::Legacy];

/// The two unified formats (2019 and 2021), which prescribe parts and tables.
pub(crate) const UNIFIED_FORMATS: &[FormatId] = &[FormatId::F2019, FormatId::F2021];

/// The documentation page of one rule (see [`crate::RuleInfo`] for the meaning of each field).
#[derive(Debug, Clone, Copy)]
pub(crate) struct RuleDoc {
    pub(crate) id: &'static str,
    pub(crate) severity: Severity,
    pub(crate) name: Text,
    pub(crate) summary: Text,
    pub(crate) why: Text,
    pub(crate) example: Text,
    pub(crate) fix: Text,
    pub(crate) formula: Option<Text>,
    pub(crate) formats: &'static [FormatId],
}

impl RuleDoc {
    /// A finding of this rule at the rule's own severity.
    pub(crate) fn finding(&self, outcome: Outcome, message: Message) -> Finding {
        Finding::new(self.id, self.severity, outcome, message)
    }
}

/// A rule as `check` runs it.
#[derive(Debug)]
pub(crate) struct Rule {
    pub(crate) doc: RuleDoc,
    /// The predicate; `None` for rules whose findings the reader produces (`report.notes`).
    pub(crate) run: Option<Run>,
}

/// How a rule is run.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Run {
    /// On the report alone.
    Report(fn(&Report) -> Vec<Finding>),
    /// On the report and what its cells hold ([`CellSummary`]), gathered once for all the
    /// rules about single cells instead of a pass over every cell by each.
    Cells(fn(&Report, &CellSummary) -> Vec<Finding>),
}

impl Rule {
    /// Whether the rule looks at reports of this format at all.
    pub(crate) fn applies_to(&self, format: FormatId) -> bool {
        self.doc.formats.contains(&format)
    }
}
