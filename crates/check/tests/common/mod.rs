//! Hand-built reports for the rule tests.
//!
//! `consistent(format)` is a complete report whose every relation holds: every part and table
//! found, year and agency known, every cell printed with a distinct source. Each test then breaks
//! exactly one thing and looks for exactly the expected finding.

#![allow(dead_code)]

use gongkai_model::formats;
use gongkai_model::{
    CellKey, CellState, Finding, FormatId, Found, Located, Meaning, Outcome, Quantity, Report,
    Severity, Source, Statement, StatementKind, Unit,
};

pub fn key(table: &'static str, row: &'static str, column: &'static str) -> CellKey {
    CellKey { table, row, column }
}

/// Line of a table row in the imaginary source: each table starts at its own line block.
fn line_of(format: FormatId, k: &CellKey) -> (u32, u32) {
    let def = formats::get(format);
    let (ti, table) = def
        .tables
        .iter()
        .enumerate()
        .find(|(_, t)| t.key == k.table)
        .expect("table of the format");
    let ri = table.rows.iter().position(|r| r.key == k.row).expect("row");
    let ci = table.rows[ri]
        .columns
        .iter()
        .position(|c| *c == k.column)
        .expect("column");
    (100 * (ti as u32 + 1) + ri as u32, 10 + 4 * ci as u32)
}

/// The source a cell of the imaginary document has.
pub fn source_of(format: FormatId, k: &CellKey) -> Source {
    let (line, column) = line_of(format, k);
    Source::Text {
        line,
        column,
        len: 1,
        alone: false,
    }
}

/// Prints a number into a cell.
pub fn set(report: &mut Report, k: CellKey, value: f64) {
    let source = source_of(report.format, &k);
    let cell = report.cell_mut(&k).expect("cell of the format");
    cell.state = CellState::Number;
    cell.value = Some(value);
    cell.text = gongkai_model::report::format_value(value).into();
    cell.source = source;
}

/// Makes a cell blank (present in the source, empty).
pub fn blank(report: &mut Report, k: CellKey) {
    let source = source_of(report.format, &k);
    let cell = report.cell_mut(&k).expect("cell of the format");
    cell.state = CellState::Blank;
    cell.value = None;
    cell.text = Default::default();
    cell.source = source;
}

/// Makes a cell printed as a not-applicable mark.
pub fn not_applicable(report: &mut Report, k: CellKey, mark: &str) {
    let source = source_of(report.format, &k);
    let cell = report.cell_mut(&k).expect("cell of the format");
    cell.state = CellState::NotApplicable;
    cell.value = None;
    cell.text = mark.into();
    cell.source = source;
}

/// Makes a cell missing (the source has no cell there), keeping its row's place as its source.
pub fn remove(report: &mut Report, k: CellKey) {
    let cell = report.cell_mut(&k).expect("cell of the format");
    cell.state = CellState::Missing;
    cell.value = None;
    cell.text = Default::default();
    cell.source = Source::None;
}

/// Applicant values of each 表三 result row that is not zero: (row, natural, business).
const RESULTS: &[(&str, f64, f64)] = &[
    ("granted", 3.0, 1.0),
    ("partially_granted", 1.0, 0.0),
    ("unavailable_not_held", 1.0, 0.0),
];

/// A complete, consistent report of the format.
pub fn consistent(format: FormatId) -> Report {
    let mut r = Report::empty(format);
    let def = formats::get(format);
    r.year = Located::new(
        match format {
            FormatId::F2019 => 2020,
            FormatId::F2021 => 2023,
            FormatId::Legacy => 2015,
        },
        Source::line(1),
    );
    r.agency = Located::new("某市生态环境局".to_string(), Source::line(1));
    for (i, s) in def.sections.iter().enumerate() {
        r.sections.push(Found {
            key: s.key,
            source: Source::line(10 + 100 * i as u32),
        });
    }
    for (i, t) in def.tables.iter().enumerate() {
        r.tables.push(Found {
            key: t.key,
            source: Source::line(99 + 100 * i as u32),
        });
    }
    // Every cell printed as 0 first, then the non-zero figures.
    let keys: Vec<CellKey> = def.cell_keys().collect();
    for k in keys {
        set(&mut r, k, 0.0);
    }
    if format == FormatId::Legacy {
        return r;
    }
    // 表三: natural persons 5 results + 1 carried out = 5 received + 1 carried in;
    // businesses 1 result = 1 received.
    let mut nat_total = 0.0;
    let mut bus_total = 0.0;
    for (row, nat, bus) in RESULTS {
        let row = def
            .table("requests")
            .and_then(|t| t.row(row))
            .expect("request row")
            .key;
        set(&mut r, key("requests", row, "natural_person"), *nat);
        set(&mut r, key("requests", row, "business"), *bus);
        set(&mut r, key("requests", row, "total"), nat + bus);
        nat_total += nat;
        bus_total += bus;
    }
    set(
        &mut r,
        key("requests", "total", "natural_person"),
        nat_total,
    );
    set(&mut r, key("requests", "total", "business"), bus_total);
    set(
        &mut r,
        key("requests", "total", "total"),
        nat_total + bus_total,
    );
    set(&mut r, key("requests", "received", "natural_person"), 5.0);
    set(&mut r, key("requests", "received", "business"), 1.0);
    set(&mut r, key("requests", "received", "total"), 6.0);
    set(&mut r, key("requests", "carried_in", "natural_person"), 1.0);
    set(&mut r, key("requests", "carried_in", "total"), 1.0);
    set(
        &mut r,
        key("requests", "carried_out", "natural_person"),
        1.0,
    );
    set(&mut r, key("requests", "carried_out", "total"), 1.0);
    // 表四.
    set(&mut r, key("review_litigation", "review", "upheld"), 2.0);
    set(&mut r, key("review_litigation", "review", "corrected"), 1.0);
    set(&mut r, key("review_litigation", "review", "pending"), 1.0);
    set(&mut r, key("review_litigation", "review", "total"), 4.0);
    set(
        &mut r,
        key("review_litigation", "litigation_direct", "upheld"),
        1.0,
    );
    set(
        &mut r,
        key("review_litigation", "litigation_direct", "total"),
        1.0,
    );
    // 表二.
    match format {
        FormatId::F2021 => {
            set(&mut r, key("proactive", "regulations", "issued"), 1.0);
            set(&mut r, key("proactive", "regulations", "in_force"), 5.0);
            set(
                &mut r,
                key("proactive", "normative_documents", "issued"),
                3.0,
            );
            set(
                &mut r,
                key("proactive", "normative_documents", "repealed"),
                1.0,
            );
            set(
                &mut r,
                key("proactive", "normative_documents", "in_force"),
                20.0,
            );
            set(&mut r, key("proactive", "licensing", "decisions"), 100.0);
            set(&mut r, key("proactive", "penalty", "decisions"), 20.0);
            set(&mut r, key("proactive", "fees", "amount"), 1.5);
        }
        FormatId::F2019 => {
            set(&mut r, key("proactive", "regulations", "made"), 2.0);
            set(
                &mut r,
                key("proactive", "regulations", "newly_published"),
                2.0,
            );
            set(
                &mut r,
                key("proactive", "regulations", "published_total"),
                9.0,
            );
            set(&mut r, key("proactive", "licensing", "prior_items"), 40.0);
            set(&mut r, key("proactive", "licensing", "change"), -3.0);
            set(&mut r, key("proactive", "procurement", "amount"), 25.1);
        }
        FormatId::Legacy => {}
    }
    r
}

/// The findings of one rule.
pub fn of<'a>(findings: &'a [Finding], rule: &str) -> Vec<&'a Finding> {
    findings.iter().filter(|f| f.rule == rule).collect()
}

/// Findings that are errors.
pub fn errors(findings: &[Finding]) -> Vec<&Finding> {
    findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .collect()
}

/// Rule ids of all findings, for readable assertion messages.
pub fn ids(findings: &[Finding]) -> Vec<String> {
    findings
        .iter()
        .map(|f| format!("{} {:?} {}", f.rule, f.outcome, f.message.zh))
        .collect()
}

pub fn is_fail(f: &Finding) -> bool {
    f.outcome == Outcome::Fail
}

/// A figure stated in the prose, as the reader makes them: at line `line`, column 10, in
/// sentence and paragraph `line` (the prose rule tests put one sentence on each line).
pub fn stated(value: f64, unit: Unit, meaning: Option<Meaning>, line: u32) -> Statement {
    Statement {
        kind: StatementKind::Figure,
        quantity: Quantity::exact(value),
        decimals: 0,
        unit,
        subject: meaning.map_or_else(String::new, |m| m.zh().to_string()),
        meaning,
        alternatives: Vec::new(),
        parts: Vec::new(),
        part_of: None,
        share_of: None,
        text: format!("{}{}", gongkai_model::report::format_value(value), unit),
        sentence: String::new(),
        sentence_no: line,
        paragraph_no: line,
        source: Source::Text {
            line,
            column: 10,
            len: 3,
            alone: false,
        },
    }
}

/// A percentage `value` (printed with `decimals` digits) stated as the share of statement
/// `of` in "占`subject`的…".
pub fn share(value: f64, decimals: u8, of: usize, subject: &str, line: u32) -> Statement {
    Statement {
        kind: StatementKind::Percent,
        decimals,
        subject: subject.to_string(),
        share_of: Some(of),
        text: format!("{value:.*}%", decimals as usize),
        ..stated(value, Unit::Percent, None, line)
    }
}

/// Makes statements `parts` the parts of statement `whole`.
pub fn list_parts(all: &mut [Statement], whole: usize, parts: &[usize]) {
    for &p in parts {
        all[p].part_of = Some(whole);
    }
    all[whole].parts = parts.to_vec();
}
