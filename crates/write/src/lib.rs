//! Outputs of a read and checked report: the JSON and tidy CSV of the data contract
//! (`shared/spec/KEYS.md`), compiler-style diagnostics over the source text, one-line
//! summaries, the report in the official layout ([`render`]: HTML, Markdown, text), and the
//! editable draft a clerk fills in ([`draft`]).
//!
//! Renderers only present what they are given: they never compute totals or re-run rules
//! (DESIGN.md, "one direction").

mod diagnostics;
pub mod draft;
mod json;
pub mod narrative;
pub mod render;
mod summary;
mod tidy;

pub use diagnostics::{render_diagnostics, render_diagnostics_with_report};
pub use json::{
    finding_json, findings_json, report_from_json, report_json, statement_json, JsonError,
};
pub use narrative::Narrative;
pub use summary::Summary;
pub use tidy::cells_csv;
