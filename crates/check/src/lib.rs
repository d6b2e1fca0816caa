//! gongkai's rule catalogue: the checks run over one report, each a named, documented rule.
//!
//! [`check`] runs every rule that applies to a report's format and returns the findings in
//! document order; [`catalogue`], [`rule`] and [`rule_page`] describe the rules the way a linter
//! documents its lints (`gongkai rules`, `gongkai rules T3-BALANCE`).
//!
//! Modules, one job each:
//! - `relations`: rules generated from the formats' arithmetic relations (T3-…, T4-…, T2-…);
//! - `cells`: CELL-MISSING, CELL-INFERRED, CELL-INCOMPLETE, CELL-NONNEG;
//! - `structure`: STRUCT-SECTIONS, STRUCT-TABLES;
//! - `format_year`: FORMAT-YEAR; `meta`: META-YEAR, META-AGENCY;
//! - `prose`: PROSE-PARTS-SUM, PROSE-PERCENT, PROSE-VS-TABLE, PROSE-VS-APPENDIX over the
//!   statements of the prose ([`prose::evaluate`] lists every check with its arithmetic,
//!   passing ones included);
//! - `reader`: documentation of the rules the reader reports in `report.notes` (ROW-VALUE-COUNT,
//!   CELL-UNREADABLE, ROW-DUPLICATE, ROW-UNLABELLED, FORMAT-MIXED);
//! - `across`: the rules over several reports (X-CARRY, X-IN-FORCE, X-PRIOR-ITEMS,
//!   X-CONSOLIDATED, X-JUMP, X-DUPLICATE; X-COPIED in `copied`), run by [`check_years`] and [`check_consolidated`]
//!   over reports a store (or any caller) groups by unit and year;
//! - `catalogue` and `docs`: the catalogue and its pages; `labels`, `presence`, `locate`: how
//!   findings name and locate what they are about.

mod across;
mod catalogue;
mod cells;
mod copied;
mod docs;
mod format_year;
mod labels;
mod locate;
mod meta;
mod presence;
pub mod prose;
mod reader;
mod relations;
mod rule;
mod structure;

pub use across::{check_consolidated, check_years, AcrossFinding, Entry, UnitRef};
pub use catalogue::{catalogue, rule, RuleInfo};
pub use docs::rule_page;

use gongkai_model::{Finding, Report};

/// Checks one report: the reader's notes plus the findings of every rule that applies to the
/// report's format, sorted in document order ([`Report::order_key`]: a PDF's cells and page
/// lines, an HTML page's cells and paragraphs, interleaved as the document has them; findings
/// without a place come last). The sort is stable, so findings at one place keep rule order.
pub fn check(report: &Report) -> Vec<Finding> {
    let mut findings = report.notes.clone();
    // Gathered for the first rule about single cells, then used by the others.
    let cells = std::cell::OnceCell::new();
    for rule in catalogue::RULES.iter() {
        if let Some(run) = rule.run {
            if rule.applies_to(report.format) {
                findings.extend(match run {
                    rule::Run::Report(run) => run(report),
                    rule::Run::Cells(run) => {
                        run(report, cells.get_or_init(|| cells::CellSummary::of(report)))
                    }
                });
            }
        }
    }
    findings.extend(relations::check(report));
    findings.sort_by_key(|f| report.order_key(&f.location));
    findings
}
