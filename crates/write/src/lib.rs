//! Outputs of a read and checked report: the JSON and tidy CSV of the data contract
//! (`shared/spec/KEYS.md`), compiler-style diagnostics over the source text, and one-line
//! summaries.
//!
//! Renderers only present what they are given: they never compute totals or re-run rules
//! (DESIGN.md, "one direction").

mod diagnostics;
mod json;
mod summary;
mod tidy;

pub use diagnostics::{render_diagnostics, render_diagnostics_with_report};
pub use json::{finding_json, findings_json, report_json};
pub use summary::Summary;
pub use tidy::cells_csv;
