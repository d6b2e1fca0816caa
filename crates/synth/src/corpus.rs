//! Corpora for benchmarks and examples: many reports of mixed formats, scales and layouts, and a
//! handful of named example files, some with planted defects.

use gongkai_model::arith::{evaluate, Eval};
use gongkai_model::{formats, CellKey, FormatId, Report};

use crate::generate::{generate, GenOptions, Scale};
use crate::layout::{write_text, Layout, WriteOptions, Written};
use crate::mutate::{mutate_many, Mutation};
use crate::rng::{chance, mix, pick, stream};

/// One generated report with how it was written.
#[derive(Debug, Clone)]
pub struct Sample {
    /// A descriptive file name: `00042-2021-busy-tab.txt`.
    pub name: String,
    pub report: Report,
    pub options: WriteOptions,
    pub written: Written,
}

/// The `i`-th sample of the corpus of `seed`.
pub fn sample(seed: u64, i: usize) -> Sample {
    let s = mix(seed, i as u64);
    let mut rng = stream(s, 1);
    let format = if chance(&mut rng, 0.6) {
        FormatId::F2021
    } else {
        FormatId::F2019
    };
    let scale = pick(
        &mut rng,
        &[
            Scale::Quiet,
            Scale::Quiet,
            Scale::Typical,
            Scale::Typical,
            Scale::Busy,
        ],
    );
    let layout = pick(&mut rng, &Layout::ALL);
    let options = WriteOptions {
        layout,
        chrome: chance(&mut rng, 0.4),
        page_breaks: chance(&mut rng, 0.3),
        variant_seed: mix(s, 2),
    };
    let report = generate(s, &GenOptions::new(format, scale));
    let written = write_text(&report, &options);
    Sample {
        name: format!(
            "{i:05}-{}-{}-{}.txt",
            format.key(),
            scale.name(),
            layout.name()
        ),
        report,
        options,
        written,
    }
}

/// `n` samples of the corpus of `seed`, with their reports and positions.
pub fn samples(seed: u64, n: usize) -> impl Iterator<Item = Sample> {
    (0..n).map(move |i| sample(seed, i))
}

/// `n` (file name, text) pairs: mixed formats, layouts, scales, chrome and page breaks.
pub fn corpus(seed: u64, n: usize) -> impl Iterator<Item = (String, String)> {
    samples(seed, n).map(|s| (s.name, s.written.text))
}

fn k(table: &'static str, row: &'static str, column: &'static str) -> CellKey {
    CellKey { table, row, column }
}

fn value(report: &Report, key: CellKey) -> f64 {
    report.value(&key).unwrap_or(0.0)
}

/// A named example report: what the text prints and which rules it is built to fail.
#[derive(Debug, Clone)]
pub struct Example {
    pub name: String,
    /// The report as the text prints it (a perfect reader's result, before inference).
    pub report: Report,
    pub text: String,
    /// Rule ids of the relations that fail on `report` (empty for a clean report). A format/year
    /// mismatch is not a relation; it is noted in `planted` only.
    pub failing_rules: Vec<&'static str>,
    /// What was planted, in words.
    pub planted: &'static str,
}

/// A handful of example reports with descriptive names:
///
/// | file | what it is |
/// |---|---|
/// | `2021-typical-pipe.txt` | clean, 2021 format, seed 001's layout |
/// | `2021-quiet-tab.txt` | clean, mostly zeros, seed 004's layout, chrome and page breaks |
/// | `2019-busy-cell-per-line.txt` | clean, city-level figures, seed 000's layout, chrome |
/// | `2020-typical-tab.txt` | clean, 2019 format for 2020 |
/// | `defect-t3-balance.txt` | 一、本年新收 raised by 2 in 自然人 and 总计: T3-BALANCE fails in those two columns, every row total still holds |
/// | `defect-t3-deleted-value.txt` | 表三 （一）予以公开's 自然人 value deleted: the row is printed with 6 values, as in seed 000, and the value is inferred |
/// | `defect-t4-total.txt` | 表四's 行政复议 总计 one more than its outcomes: T4-GROUP-TOTAL fails |
/// | `defect-format-2019-for-2022.txt` | a 2019-format report for the year 2022 |
pub fn example_reports() -> Vec<Example> {
    let mut out = Vec::new();
    let setup = |seed: u64, format, scale, year: i32, layout, chrome, page_breaks| {
        let report = generate(
            seed,
            &GenOptions {
                format,
                year: Some(year),
                scale,
            },
        );
        let opts = WriteOptions {
            layout,
            chrome,
            page_breaks,
            variant_seed: seed,
        };
        (report, opts)
    };
    let mut push = |name: &str, report: &Report, ms: &[Mutation], opts, planted| {
        let m = mutate_many(report, ms, opts);
        let mut failing: Vec<&'static str> = formats::relations(m.report.format)
            .iter()
            .filter(|r| matches!(evaluate(r, &m.report), Eval::Fails { .. }))
            .map(|r| r.def.rule)
            .collect();
        failing.dedup();
        out.push(Example {
            name: name.to_string(),
            report: m.report,
            text: m.written.text,
            failing_rules: failing,
            planted,
        });
    };
    use FormatId::{F2019, F2021};
    use Layout::{CellPerLine, Pipe, Tab};
    use Scale::{Busy, Quiet, Typical};

    let (r, o) = setup(11, F2021, Typical, 2023, Pipe, false, false);
    push("2021-typical-pipe.txt", &r, &[], &o, "nothing");
    let (r, o) = setup(12, F2021, Quiet, 2021, Tab, true, true);
    push("2021-quiet-tab.txt", &r, &[], &o, "nothing");
    let (r, o) = setup(13, F2019, Busy, 2019, CellPerLine, true, false);
    push("2019-busy-cell-per-line.txt", &r, &[], &o, "nothing");
    let (r, o) = setup(14, F2019, Typical, 2020, Tab, false, false);
    push("2020-typical-tab.txt", &r, &[], &o, "nothing");

    // 勾稽 broken but row totals intact: two more applications "received" from natural persons.
    let (r, o) = setup(15, F2021, Typical, 2022, Pipe, false, false);
    let np = k("requests", "received", "natural_person");
    let tot = k("requests", "received", "total");
    let ms = [
        Mutation::ChangeValue(np, value(&r, np) + 2.0),
        Mutation::ChangeValue(tot, value(&r, tot) + 2.0),
    ];
    push(
        "defect-t3-balance.txt",
        &r,
        &ms,
        &o,
        "一、本年新收 +2 in 自然人 and 总计",
    );

    let (r, o) = setup(16, F2021, Typical, 2024, CellPerLine, false, false);
    // A non-zero value, so that the reader has to place the row's other values and infer
    // this one from the table's arithmetic (seed 000's short rows are all zeros).
    let ms = [Mutation::DeleteValue(k(
        "requests",
        "granted",
        "natural_person",
    ))];
    push(
        "defect-t3-deleted-value.txt",
        &r,
        &ms,
        &o,
        "表三 （一）予以公开 自然人 not printed",
    );

    let (r, o) = setup(17, F2021, Busy, 2023, Tab, false, true);
    let t = k("review_litigation", "review", "total");
    let ms = [Mutation::ChangeValue(t, value(&r, t) + 1.0)];
    push("defect-t4-total.txt", &r, &ms, &o, "表四 行政复议 总计 +1");

    let (r, o) = setup(18, F2019, Typical, 2022, Pipe, true, false);
    push(
        "defect-format-2019-for-2022.txt",
        &r,
        &[],
        &o,
        "the 2019 format used for the year 2022",
    );
    out
}

/// The example reports as (file name, text); see [`example_reports`].
pub fn examples() -> Vec<(String, String)> {
    example_reports()
        .into_iter()
        .map(|e| (e.name, e.text))
        .collect()
}
