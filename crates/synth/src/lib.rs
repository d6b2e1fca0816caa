//! Synthetic 政府信息公开工作年度报告 for tests, examples and benchmarks.
//!
//! - [`generate`]: a random report of the 2019 or 2021 format whose every cell is a printed
//!   number and whose every relation of the format holds, with realistic magnitudes per
//!   [`Scale`].
//! - [`write_text`]: the report as a whole text in one of the seed layouts ([`Layout`]), with
//!   label variants, optional site chrome and page breaks, and the line of every printed value
//!   and row label ([`Written`]).
//! - [`mutate`]: the same text with one value deleted or changed, for mutation tests.
//! - [`legacy_report`]: a pre-2019 report in prose (figures in sentences, no tables), with the
//!   `legacy` cells it states and where each figure is printed; [`legacy_report_with`] adds a
//!   附表 (政府信息公开情况统计表) in one of the table layouts ([`AppendixLayout`]).
//! - [`corpus`], [`samples`] and [`examples`]: many reports for benchmarks; a few named files,
//!   some with planted defects.
//!
//! Everything is deterministic: the same seed and options give the same report and text (for a
//! given version of `rand`, whose `SmallRng` this crate uses).

mod chrome;
mod corpus;
mod document;
mod generate;
mod layout;
mod legacy;
mod mutate;
mod names;
mod prose;
mod rng;
mod values;
mod variants;

pub use corpus::{corpus, example_reports, examples, sample, samples, Example, Sample};
pub use generate::{generate, GenOptions, Scale};
pub use layout::{write_all_layouts, write_text, Layout, WriteOptions, Written};
pub use legacy::{
    legacy_report, legacy_report_with, Appendix, AppendixCell, AppendixLayout, LegacyOptions,
    LegacyReport, PrintedFigure, Role,
};
pub use mutate::{apply, mutate, mutate_many, Mutated, Mutation};
pub use values::{AmountStyle, ChangeStyle, ValueStyles};
