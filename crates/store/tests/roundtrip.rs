//! Store → load gives back every cell (value, state, text, source, inference), the metadata with
//! its sources, the parts and tables found, the reader's notes and the findings, in order; storing
//! the same bytes again stores nothing.
#![allow(clippy::unwrap_used)]

mod common;

use gongkai_model::{CellState, FormatId, Report};
use gongkai_store::{content_hash, NewReport, Scope, Stored};

fn assert_same_report(a: &Report, b: &Report, name: &str) {
    assert_eq!(a.format, b.format, "{name}");
    assert_eq!(a.agency, b.agency, "{name}: agency");
    assert_eq!(a.year, b.year, "{name}: year");
    assert_eq!(a.published_on, b.published_on, "{name}: published_on");
    assert_eq!(a.cells.len(), b.cells.len(), "{name}: cell count");
    for (x, y) in a.cells.iter().zip(&b.cells) {
        assert_eq!(x, y, "{name}: cell {}", x.key());
    }
    assert_eq!(a.sections, b.sections, "{name}: sections");
    assert_eq!(a.tables, b.tables, "{name}: tables");
    assert_eq!(a.notes, b.notes, "{name}: notes");
    assert_eq!(a.texts, b.texts, "{name}: kept texts");
    assert_eq!(a.statements, b.statements, "{name}: statements");
    // Lookups work on the loaded report (keys are the format's own strings again).
    for c in &a.cells {
        assert_eq!(b.cell(&c.key()).map(|c| c.value), Some(c.value));
    }
}

#[test]
fn seeds_round_trip_on_every_backend() {
    for mut t in common::stores() {
        let mut seen_states = std::collections::HashSet::new();
        for (name, bytes) in common::seeds() {
            let read = gongkai_read::read_text(&bytes).unwrap();
            let findings = gongkai_check::check(&read.report);
            let hash = content_hash(&bytes);
            let new = NewReport {
                content_hash: &hash,
                source_name: &name,
                report: &read.report,
                findings: &findings,
            };
            let Stored::Inserted(id) = t.store.store_report(&new).unwrap() else {
                panic!("{}: {name} not inserted", t.name);
            };
            let loaded = t.store.load_report(id).unwrap().unwrap();
            assert_same_report(&read.report, &loaded.report, &format!("{} {name}", t.name));
            assert_eq!(loaded.info.content_hash, hash);
            assert_eq!(loaded.info.source_name, name);
            assert_eq!(loaded.info.year, read.report.year.value);
            let got: Vec<_> = loaded.findings.iter().map(|f| f.finding.clone()).collect();
            assert_eq!(got, findings, "{} {name}: findings", t.name);
            assert!(loaded.findings.iter().all(|f| f.scope == Scope::Report));
            for c in &read.report.cells {
                seen_states.insert(c.state);
            }
            // Idempotent: the same bytes again store nothing.
            assert_eq!(t.store.store_report(&new).unwrap(), Stored::Existing);
        }
        // Seeds 000, 001, 003 and 004 print section 五; its text is stored and loaded.
        assert!(
            t.store
                .report_ids()
                .unwrap()
                .into_iter()
                .filter_map(|id| t.store.load_report(id).unwrap())
                .filter(|r| r
                    .report
                    .texts
                    .iter()
                    .any(|x| x.key == "problems" && x.text.len() > 30))
                .count()
                >= 4,
            "{}: section 五 texts",
            t.name
        );
        // The seeds exercise more than plain numbers (else this test proves little).
        assert!(seen_states.contains(&CellState::Number));
        assert!(
            seen_states.contains(&CellState::Inferred),
            "{}: {seen_states:?}",
            t.name
        );
        let counts = t.store.counts().unwrap();
        assert_eq!(counts.reports, common::seeds().len() as i64, "{}", t.name);
    }
}

#[test]
fn generated_reports_of_every_format_round_trip() {
    for mut t in common::stores() {
        for (i, (name, text)) in gongkai_synth::corpus(7, 12).enumerate() {
            let read = gongkai_read::read_text(text.as_bytes()).unwrap();
            let findings = gongkai_check::check(&read.report);
            let hash = content_hash(text.as_bytes());
            let id = match t
                .store
                .store_report(&NewReport {
                    content_hash: &hash,
                    source_name: &name,
                    report: &read.report,
                    findings: &findings,
                })
                .unwrap()
            {
                Stored::Inserted(id) => id,
                Stored::Existing => panic!("{i}"),
            };
            let loaded = t.store.load_report(id).unwrap().unwrap();
            assert_same_report(&read.report, &loaded.report, &name);
        }
        let formats: Vec<FormatId> = t
            .store
            .reports()
            .unwrap()
            .iter()
            .map(|r| r.format)
            .collect();
        assert!(formats.contains(&FormatId::F2019) && formats.contains(&FormatId::F2021));
    }
}

#[test]
fn a_report_with_inferred_and_odd_cells_round_trips() {
    // Build by hand what the readers rarely give: an inferred cell, a grid source, an unknown
    // key, a decimal amount.
    use gongkai_model::{Cell, Inference, Source};
    let mut r = Report::empty(FormatId::F2021);
    if let Some(c) = r.cells.first_mut() {
        c.state = CellState::Inferred;
        c.value = Some(14.4);
        c.inferred_by = Some(Box::new(Inference {
            rule: "T3-BALANCE",
            along: "natural_person",
            evidence: "5 − (0 + 0) = 5".into(),
        }));
        c.source = Source::Grid {
            page: 2,
            table: 1,
            row: 5,
            cell: 3,
        };
    }
    if let Some(c) = r.cells.get_mut(1) {
        c.state = CellState::NotApplicable;
        c.text = "/".into();
        c.source = Source::line(12);
    }
    if let Some(c) = r.cells.get_mut(2) {
        c.state = CellState::Blank;
        c.source = Source::line(13);
    }
    r.cells.push(Cell {
        table: "legacy",
        row: "extra.1",
        column: "year",
        value: Some(3.0),
        state: CellState::Number,
        text: "３件".into(),
        source: Source::Text {
            line: 9,
            column: 4,
            len: 2,
            alone: false,
        },
        inferred_by: None,
    });
    let r = Report::with_cells(FormatId::F2021, r.cells);
    for mut t in common::stores() {
        let Stored::Inserted(id) = t
            .store
            .store_report(&NewReport {
                content_hash: "x",
                source_name: "hand.txt",
                report: &r,
                findings: &[],
            })
            .unwrap()
        else {
            panic!()
        };
        let loaded = t.store.load_report(id).unwrap().unwrap();
        assert_same_report(&r, &loaded.report, t.name);
    }
}

#[test]
fn pdf_and_docx_reports_round_trip_with_their_page_and_grid_sources() {
    let root = format!("{}/../../tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["corpus", "docx"] {
        if let Ok(entries) = std::fs::read_dir(format!("{root}/{dir}")) {
            files.extend(entries.flatten().map(|e| e.path()));
        }
    }
    files.sort();
    let mut read_any = false;
    for mut t in common::stores() {
        for path in &files {
            let bytes = std::fs::read(path).unwrap();
            // PDFs need poppler's pdftotext; where it is missing the reader says so: skip.
            let Ok(read) = gongkai_read::read_bytes(&bytes) else {
                eprintln!("skipping {}: not readable here", path.display());
                continue;
            };
            read_any = true;
            let findings = gongkai_check::check(&read.report);
            let hash = content_hash(&bytes);
            let name = path.display().to_string();
            let Stored::Inserted(id) = t
                .store
                .store_report(&NewReport {
                    content_hash: &hash,
                    source_name: &name,
                    report: &read.report,
                    findings: &findings,
                })
                .unwrap()
            else {
                panic!("{name}");
            };
            let loaded = t.store.load_report(id).unwrap().unwrap();
            assert_same_report(&read.report, &loaded.report, &format!("{} {name}", t.name));
            let got: Vec<_> = loaded.findings.iter().map(|f| f.finding.clone()).collect();
            assert_eq!(got, findings, "{name}");
        }
    }
    if !read_any {
        eprintln!("no PDF or DOCX fixture could be read here (pdftotext missing?)");
    }
}

#[test]
fn statements_round_trip_with_their_bounds_readings_and_links() {
    // Seed 002 (a 2017 report in prose) states its figures in sentences: parts, shares,
    // approximations; a hand-made statement adds an open bound and a second reading.
    let (name, bytes) = common::seeds()
        .into_iter()
        .find(|(n, _)| n.contains("/002"))
        .unwrap();
    let mut report = gongkai_read::read_text(&bytes).unwrap().report;
    assert!(report.statements.len() > 10, "{name}");
    assert!(report.statements.iter().any(|s| !s.parts.is_empty()));
    assert!(report.statements.iter().any(|s| s.share_of.is_some()));
    let mut open = report.statements[0].clone();
    open.quantity = gongkai_model::Quantity::between(10.0, f64::INFINITY);
    open.alternatives = vec![gongkai_model::Meaning::RepliesTotal];
    open.meaning = Some(gongkai_model::Meaning::RequestsReceived);
    open.unit = gongkai_model::Unit::RenHuCi;
    open.source = gongkai_model::Source::Grid {
        page: 1,
        table: 2,
        row: 3,
        cell: 4,
    };
    report.statements.push(open);
    for mut t in common::stores() {
        let Stored::Inserted(id) = t
            .store
            .store_report(&NewReport {
                content_hash: "statements",
                source_name: &name,
                report: &report,
                findings: &[],
            })
            .unwrap()
        else {
            panic!()
        };
        let loaded = t.store.load_report(id).unwrap().unwrap().report;
        assert_eq!(loaded.statements, report.statements, "{}", t.name);
        assert_eq!(
            loaded.statements.last().map(|s| s.quantity.hi),
            Some(f64::INFINITY),
            "{}",
            t.name
        );
    }
}
