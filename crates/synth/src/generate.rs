//! Random, internally consistent reports.
//!
//! Every cell of the format gets a printed number, and every relation of the format holds by
//! construction: 表三 is built per applicant column from what was received, carried in and
//! carried out, the handled requests are split over the result rows, and the 总计 column is
//! summed last; 表四's totals are the sums of their outcomes; 2019 表二 never publishes more than
//! it made or holds. Magnitudes follow the scale, skewed the way real reports are (most agencies
//! print mostly zeros; natural persons dominate; 予以公开 is the largest result).

use std::collections::HashMap;

use gongkai_model::formats;
use gongkai_model::report::{Date, Found, Located, Report, Source};
use gongkai_model::{CellKey, CellState, FormatId, RowDef, TableDef, ValueKind};
use rand::rngs::SmallRng;

use crate::names;
use crate::rng::{between, binomial, chance, log_uniform, pick, split, stream, uniform};
use crate::values::{AmountStyle, ChangeStyle, ValueStyles};

/// How much an agency has to report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Scale {
    /// Mostly zeros, like most small agencies (towns, small district offices).
    Quiet,
    /// A district department or county office: tens of requests.
    #[default]
    Typical,
    /// A city government or a big city department: thousands of requests and decisions.
    Busy,
}

impl Scale {
    pub const ALL: [Scale; 3] = [Scale::Quiet, Scale::Typical, Scale::Busy];

    /// A short ASCII name, for file names.
    pub fn name(self) -> &'static str {
        match self {
            Scale::Quiet => "quiet",
            Scale::Typical => "typical",
            Scale::Busy => "busy",
        }
    }
}

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GenOptions {
    /// `F2019` or `F2021`. `Legacy` has no fixed tables to generate: it is replaced by the format
    /// the year expects, or by `F2021` when there is no year or the year is before 2019.
    pub format: FormatId,
    /// The statistical year. `None` picks one the format was used for (2019 → 2019/2020,
    /// 2021 → 2021..=2025). A given year is used as is, even when it does not fit the format —
    /// that is how a format/year mismatch is planted.
    pub year: Option<i32>,
    pub scale: Scale,
}

impl Default for GenOptions {
    fn default() -> Self {
        GenOptions {
            format: FormatId::F2021,
            year: None,
            scale: Scale::Typical,
        }
    }
}

impl GenOptions {
    pub fn new(format: FormatId, scale: Scale) -> GenOptions {
        GenOptions {
            format,
            year: None,
            scale,
        }
    }

    /// The format actually generated (see [`GenOptions::format`]).
    pub fn effective_format(&self) -> FormatId {
        match self.format {
            FormatId::Legacy => match self.year.map(FormatId::expected_for_year) {
                Some(FormatId::F2019) => FormatId::F2019,
                _ => FormatId::F2021,
            },
            f => f,
        }
    }
}

// Stream numbers: one independent random stream per concern (see `rng`).
const S_META: u64 = 1;
const S_PROACTIVE: u64 = 2;
const S_REQUESTS: u64 = 3;
const S_REVIEW: u64 = 4;

/// A random report whose every cell is a printed number and whose every relation holds.
pub fn generate(seed: u64, opts: &GenOptions) -> Report {
    let format = opts.effective_format();
    let def = formats::get(format);
    let mut meta = stream(seed, S_META);

    let year = opts.year.unwrap_or_else(|| match format {
        FormatId::F2019 => between(&mut meta, 2019, 2020) as i32,
        _ => between(&mut meta, 2021, 2025) as i32,
    });
    let styles = ValueStyles {
        change: pick(
            &mut meta,
            &[
                ChangeStyle::Chinese,
                ChangeStyle::Chinese,
                ChangeStyle::Signed,
                ChangeStyle::MinusOnly,
            ],
        ),
        amount: match format {
            // 2021 prints the unit in the header, so the cell is usually bare.
            FormatId::F2021 => pick(
                &mut meta,
                &[AmountStyle::Plain, AmountStyle::Plain, AmountStyle::Wan],
            ),
            _ => pick(
                &mut meta,
                &[AmountStyle::Plain, AmountStyle::Wan, AmountStyle::Yuan],
            ),
        },
    };
    let agency = names::agency(&mut meta, opts.scale);
    // Departments publish by 1月31日 (条例 art. 49); most do it in the second half of January.
    let day = between(&mut meta, 6, 31) as u32;
    let published_on = Date::new(year + 1, 1, day);

    let mut values: HashMap<CellKey, f64> = HashMap::new();
    for table in def.tables {
        match table.key {
            "proactive" => proactive(
                table,
                opts.scale,
                &mut stream(seed, S_PROACTIVE),
                &mut values,
            ),
            "requests" => requests(
                table,
                format,
                opts.scale,
                &mut stream(seed, S_REQUESTS),
                &mut values,
            ),
            "review_litigation" => {
                review(table, opts.scale, &mut stream(seed, S_REVIEW), &mut values)
            }
            _ => {}
        }
    }

    let mut report = Report::empty(format);
    for cell in report.cells.iter_mut() {
        let key = cell.key();
        let value = values.get(&key).copied().unwrap_or(0.0);
        let kind = def
            .table(key.table)
            .and_then(|t| t.column(key.column))
            .map(|c| c.kind)
            .unwrap_or(ValueKind::Count);
        cell.value = Some(value);
        cell.state = CellState::Number;
        cell.text = styles.print(kind, value).into();
        cell.source = Source::None;
    }
    report.agency = Located::new(agency, Source::None);
    report.year = Located::new(year, Source::None);
    report.published_on = match published_on {
        Some(d) => Located::new(d, Source::None),
        None => Located::none(),
    };
    report.sections = def
        .sections
        .iter()
        .map(|s| Found {
            key: s.key,
            source: Source::None,
        })
        .collect();
    report.tables = def
        .tables
        .iter()
        .map(|t| Found {
            key: t.key,
            source: Source::None,
        })
        .collect();
    report
}

fn key(table: &'static TableDef, row: &'static RowDef, column: &'static str) -> CellKey {
    CellKey {
        table: table.key,
        row: row.key,
        column,
    }
}

/// An amount in 万元 with at most two decimals (often one, sometimes none).
fn amount(rng: &mut SmallRng, lo_wan: f64, hi_wan: f64) -> f64 {
    let cents = log_uniform(rng, (lo_wan * 100.0) as u64, (hi_wan * 100.0) as u64);
    let cents = match pick(rng, &[0u8, 1, 1, 2]) {
        0 => cents - cents % 100,
        1 => cents - cents % 10,
        _ => cents,
    };
    cents as f64 / 100.0
}

/// A count that is zero with probability `p_zero`, else log-uniform in `lo..=hi`.
fn sparse(rng: &mut SmallRng, p_zero: f64, lo: u64, hi: u64) -> u64 {
    if chance(rng, p_zero) {
        0
    } else {
        log_uniform(rng, lo, hi)
    }
}

// ---- 表二 ------------------------------------------------------------------------------------

fn proactive(
    table: &'static TableDef,
    scale: Scale,
    rng: &mut SmallRng,
    out: &mut HashMap<CellKey, f64>,
) {
    for row in table.rows {
        let has = |c: &str| row.columns.contains(&c);
        let mut set = |col: &'static str, v: f64| {
            out.insert(key(table, row, col), v);
        };
        // 规章 are made only by provincial and big-city governments: nearly always zero.
        let documents = |rng: &mut SmallRng| -> u64 {
            match (row.key, scale) {
                ("regulations", Scale::Busy) => sparse(rng, 0.5, 1, 6),
                ("regulations", _) => sparse(rng, 0.97, 1, 2),
                (_, Scale::Quiet) => sparse(rng, 0.6, 1, 3),
                (_, Scale::Typical) => sparse(rng, 0.3, 1, 15),
                (_, Scale::Busy) => log_uniform(rng, 3, 80),
            }
        };
        if has("made") {
            // 2019: 本年新公开数量 ≤ 本年新制作数量, and ≤ 对外公开总数量 (T2 relations).
            let made = documents(rng);
            let published = made - binomial(rng, made, 0.1);
            let stock = if made == 0 && chance(rng, 0.5) {
                0
            } else {
                sparse(rng, 0.2, 1, 40 * (made + 1))
            };
            for col in row.columns {
                match *col {
                    "made" => set(col, made as f64),
                    "newly_published" => set(col, published as f64),
                    "published_total" => set(col, (published + stock) as f64),
                    _ => set(col, 0.0),
                }
            }
        } else if has("issued") {
            // 2021: 现行有效 = last year's stock + issued − repealed (the cross-year relation).
            let issued = documents(rng);
            let stock = if issued == 0 && chance(rng, 0.5) {
                0
            } else {
                sparse(rng, 0.2, 1, 30 * (issued + 1))
            };
            let repealed = binomial(rng, stock, 0.05);
            for col in row.columns {
                match *col {
                    "issued" => set(col, issued as f64),
                    "repealed" => set(col, repealed as f64),
                    "in_force" => set(col, (stock + issued - repealed) as f64),
                    _ => set(col, 0.0),
                }
            }
        } else if has("items") {
            // 政府集中采购: items and their total amount in 万元.
            let items = match scale {
                Scale::Quiet => sparse(rng, 0.7, 1, 5),
                Scale::Typical => sparse(rng, 0.3, 1, 40),
                Scale::Busy => log_uniform(rng, 10, 400),
            };
            let total = if items == 0 {
                0.0
            } else {
                amount(rng, 0.5 * items as f64, 60.0 * items as f64)
            };
            for col in row.columns {
                match *col {
                    "items" => set(col, items as f64),
                    "amount" => set(col, total),
                    _ => set(col, 0.0),
                }
            }
        } else {
            for col in row.columns {
                let v = match *col {
                    "prior_items" => prior_items(rng, row.key, scale) as f64,
                    "decisions" => decisions(rng, row.key, scale) as f64,
                    "amount" => fees(rng, scale),
                    _ => 0.0,
                };
                set(col, v);
            }
            // 本年增/减 is signed, but never takes the catalogue below zero.
            if has("change") {
                let prior = out
                    .get(&key(table, row, "prior_items"))
                    .copied()
                    .unwrap_or(0.0) as u64;
                let change = match pick(rng, &[0u8, 0, 0, 1, 2]) {
                    1 if prior > 0 => -(between(rng, 1, prior.min(12)) as f64),
                    2 => log_uniform(rng, 1, 300) as f64,
                    _ => 0.0,
                };
                out.insert(key(table, row, "change"), change);
            }
        }
    }
}

/// 上一年项目数量: the number of matters in the agency's catalogue.
fn prior_items(rng: &mut SmallRng, row: &str, scale: Scale) -> u64 {
    match (row, scale) {
        ("fees", Scale::Busy) => sparse(rng, 0.3, 1, 40),
        ("fees", _) => sparse(rng, 0.8, 1, 8),
        (_, Scale::Quiet) => sparse(rng, 0.7, 1, 10),
        (_, Scale::Typical) => sparse(rng, 0.3, 1, 120),
        (_, Scale::Busy) => log_uniform(rng, 20, 900),
    }
}

/// 处理决定数量: licensing and penalties are the big ones, coercion is rare.
fn decisions(rng: &mut SmallRng, row: &str, scale: Scale) -> u64 {
    match (row, scale) {
        ("coercion", Scale::Busy) => sparse(rng, 0.4, 1, 2000),
        ("coercion", _) => sparse(rng, 0.9, 1, 10),
        ("penalty", Scale::Quiet) => sparse(rng, 0.8, 1, 20),
        ("penalty", Scale::Typical) => sparse(rng, 0.3, 1, 600),
        ("penalty", Scale::Busy) => log_uniform(rng, 100, 20000),
        (_, Scale::Quiet) => sparse(rng, 0.7, 1, 60),
        (_, Scale::Typical) => sparse(rng, 0.25, 1, 3000),
        (_, Scale::Busy) => log_uniform(rng, 500, 80000),
    }
}

/// 本年收费金额 in 万元: most agencies collect no fees.
fn fees(rng: &mut SmallRng, scale: Scale) -> f64 {
    let (p_zero, lo, hi) = match scale {
        Scale::Quiet => (0.9, 0.05, 5.0),
        Scale::Typical => (0.7, 0.1, 500.0),
        Scale::Busy => (0.3, 10.0, 50000.0),
    };
    if chance(rng, p_zero) {
        0.0
    } else {
        amount(rng, lo, hi)
    }
}

// ---- 表三 ------------------------------------------------------------------------------------

/// The leaf result rows whose sum is （七）总计, from the format's own relation.
fn result_rows(format: FormatId) -> Vec<&'static str> {
    formats::relations(format)
        .iter()
        .find(|r| r.def.rule == "T3-RESULTS-TOTAL")
        .map(|r| r.rhs.iter().map(|k| k.row).collect())
        .unwrap_or_default()
}

/// The share of requests an applicant column gets: natural persons dominate.
fn applicant_weight(rng: &mut SmallRng, column: &str) -> f64 {
    match column {
        "natural_person" => uniform(rng, 0.75, 0.97),
        "business" => uniform(rng, 0.01, 0.15),
        "legal_service" => uniform(rng, 0.0, 0.05),
        "other_org" => uniform(rng, 0.0, 0.04),
        _ => uniform(rng, 0.0, 0.01),
    }
}

/// The share of handled requests a result row gets. Most rows are off (zero) in a report;
/// 予以公开 is made the largest afterwards.
fn result_weight(rng: &mut SmallRng, row: &str, scale: Scale) -> f64 {
    let (p_on, lo, hi) = match row {
        "granted" => (1.0, 0.35, 0.65),
        "partially_granted" => (0.5, 0.02, 0.15),
        "withheld_third_party" | "withheld_process" => (0.35, 0.005, 0.05),
        r if r.starts_with("withheld_") => (0.2, 0.005, 0.04),
        "unavailable_not_held" => (0.8, 0.08, 0.3),
        r if r.starts_with("unavailable_") => (0.35, 0.01, 0.08),
        "declined_petition" | "declined_repeat" => (0.35, 0.01, 0.1),
        "declined_excessive" if scale == Scale::Busy => (0.3, 0.005, 0.05),
        r if r.starts_with("declined_") => (0.12, 0.005, 0.04),
        "other_no_fee" => (0.05, 0.002, 0.01),
        _ => (0.3, 0.01, 0.08),
    };
    // Small agencies see few kinds of outcome.
    let p_on = if scale == Scale::Quiet && row != "granted" {
        p_on * 0.5
    } else {
        p_on
    };
    if chance(rng, p_on) {
        uniform(rng, lo, hi)
    } else {
        0.0
    }
}

fn requests(
    table: &'static TableDef,
    format: FormatId,
    scale: Scale,
    rng: &mut SmallRng,
    out: &mut HashMap<CellKey, f64>,
) {
    let applicants: Vec<&'static str> = formats::APPLICANT_COLUMNS.to_vec();
    let results = result_rows(format);

    let received_total = match scale {
        Scale::Quiet => sparse(rng, 0.55, 1, 4),
        Scale::Typical => log_uniform(rng, 3, 120),
        Scale::Busy => log_uniform(rng, 400, 8000),
    };
    let (rate_in, rate_out) = match scale {
        Scale::Quiet => (if chance(rng, 0.8) { 0.0 } else { 0.2 }, 0.05),
        Scale::Typical => (uniform(rng, 0.0, 0.08), uniform(rng, 0.0, 0.08)),
        Scale::Busy => (uniform(rng, 0.01, 0.06), uniform(rng, 0.01, 0.06)),
    };
    let col_weights: Vec<f64> = applicants
        .iter()
        .map(|c| applicant_weight(rng, c))
        .collect();
    let mut row_weights: Vec<f64> = results
        .iter()
        .map(|r| result_weight(rng, r, scale))
        .collect();
    let largest_other = results
        .iter()
        .zip(&row_weights)
        .filter(|(r, _)| **r != "granted")
        .map(|(_, w)| *w)
        .fold(0.0, f64::max);
    if let Some(i) = results.iter().position(|r| *r == "granted") {
        row_weights[i] = row_weights[i].max(largest_other * 1.3);
    }

    let received = split(rng, received_total, &col_weights);
    let mut set = |row: &str, col: &'static str, v: u64| {
        if let Some(r) = table.row(row) {
            out.insert(key(table, r, col), v as f64);
        }
    };
    let mut sums: HashMap<&'static str, u64> = HashMap::new();
    for (i, col) in applicants.iter().enumerate() {
        let rec = received.get(i).copied().unwrap_or(0);
        let carried_in = binomial(rng, rec, rate_in);
        let carried_out = binomial(rng, rec + carried_in, rate_out);
        let handled = rec + carried_in - carried_out;
        let parts = split(rng, handled, &row_weights);
        let mut put = |row: &'static str, v: u64| {
            set(row, col, v);
            *sums.entry(row).or_insert(0) += v;
        };
        put("received", rec);
        put("carried_in", carried_in);
        put("carried_out", carried_out);
        put("total", handled);
        for (row, v) in results.iter().zip(parts) {
            put(row, v);
        }
    }
    // 总计 column: the sum of the six applicant columns, row by row.
    for row in table.rows {
        let v = sums.get(row.key).copied().unwrap_or(0);
        set(row.key, "total", v);
    }
}

// ---- 表四 ------------------------------------------------------------------------------------

fn review(
    table: &'static TableDef,
    scale: Scale,
    rng: &mut SmallRng,
    out: &mut HashMap<CellKey, f64>,
) {
    for row in table.rows {
        let n = match (row.key, scale) {
            (_, Scale::Quiet) => sparse(rng, 0.92, 1, 2),
            ("review", Scale::Typical) => sparse(rng, 0.6, 1, 6),
            (_, Scale::Typical) => sparse(rng, 0.75, 1, 4),
            ("review", Scale::Busy) => log_uniform(rng, 5, 150),
            ("litigation_direct", Scale::Busy) => log_uniform(rng, 3, 120),
            (_, Scale::Busy) => sparse(rng, 0.2, 1, 60),
        };
        // Every column but 总计 is an outcome; 总计 is their sum (T4-GROUP-TOTAL).
        let parts: Vec<&'static str> = row
            .columns
            .iter()
            .copied()
            .filter(|c| *c != "total")
            .collect();
        let weights: Vec<f64> = parts
            .iter()
            .map(|c| match *c {
                "upheld" => uniform(rng, 0.4, 0.7),
                "corrected" => uniform(rng, 0.0, 0.15),
                "pending" => uniform(rng, 0.05, 0.3),
                _ => uniform(rng, 0.05, 0.25),
            })
            .collect();
        let split_n = split(rng, n, &weights);
        for (col, v) in parts.iter().zip(split_n) {
            out.insert(key(table, row, col), v as f64);
        }
        if row.columns.contains(&"total") {
            out.insert(key(table, row, "total"), n as f64);
        }
    }
}
