//! The store's writer alone: reports already read and checked, written into a fresh database.
//!
//! `cargo bench -p gongkai-store --bench write [-- N]` (N reports, default 5,000). Reading and
//! checking happen first, outside the timing; then the same reports are stored one transaction
//! per report and in transactions of 100, into SQLite and (when `GONGKAI_TEST_PG` is set)
//! PostgreSQL. Prints reports/s and cells/s for each: what `gongkai ingest`'s single writer
//! thread can take at most, whatever the readers do. `GONGKAI_WRITE_BATCHES=100` runs only the
//! batches listed (comma-separated), e.g. under `valgrind --tool=callgrind
//! --toggle-collect='gongkai_store::Store::store_reports'`, whose instruction count per report
//! is the measure that does not depend on the machine's load.

use std::time::Instant;

use gongkai_model::{Finding, Report};
use gongkai_store::{content_hash, NewReport, Store};

struct Prepared {
    name: String,
    hash: String,
    report: Report,
    findings: Vec<Finding>,
}

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(5_000);
    let t = Instant::now();
    let prepared: Vec<Prepared> = gongkai_synth::corpus(7, n)
        .filter_map(|(name, text)| {
            let read = gongkai_read::read_text(text.as_bytes()).ok()?;
            let findings = gongkai_check::check(&read.report);
            Some(Prepared {
                hash: content_hash(text.as_bytes()),
                name,
                report: read.report,
                findings,
            })
        })
        .collect();
    let cells: usize = prepared.iter().map(|p| p.report.cells.len()).sum();
    let findings: usize = prepared.iter().map(|p| p.findings.len()).sum();
    println!(
        "prepared {} reports ({cells} cells, {findings} findings) in {:.1}s",
        prepared.len(),
        t.elapsed().as_secs_f64()
    );
    let batches: Vec<usize> = std::env::var("GONGKAI_WRITE_BATCHES")
        .ok()
        .map(|s| s.split(',').filter_map(|b| b.trim().parse().ok()).collect())
        .filter(|b: &Vec<usize>| !b.is_empty())
        .unwrap_or_else(|| vec![1, 100]);
    let dir = tempfile::tempdir().expect("temporary directory");
    for &batch in &batches {
        let path = dir.path().join(format!("b{batch}.db"));
        let store = Store::open_sqlite(&path).expect("open SQLite");
        write("SQLite", store, &prepared, batch, cells);
    }
    match std::env::var("GONGKAI_TEST_PG") {
        Ok(url) => {
            for &batch in &batches {
                let schema = format!("bench_write_{batch}_{}", std::process::id());
                match Store::open_postgres_in_schema(&url, &schema) {
                    Ok(store) => write("PostgreSQL", store, &prepared, batch, cells),
                    Err(e) => println!(
                        "PostgreSQL: skipped ({})",
                        e.message(gongkai_model::Lang::En)
                    ),
                }
                drop_schema(&url, &schema);
            }
        }
        Err(_) => println!("PostgreSQL: skipped (GONGKAI_TEST_PG is not set)"),
    }
}

fn write(engine: &str, mut store: Store, prepared: &[Prepared], batch: usize, cells: usize) {
    let t = Instant::now();
    for chunk in prepared.chunks(batch) {
        let news: Vec<NewReport<'_>> = chunk
            .iter()
            .map(|p| NewReport {
                content_hash: &p.hash,
                source_name: &p.name,
                report: &p.report,
                findings: &p.findings,
            })
            .collect();
        store.store_reports(&news).expect("store");
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "{engine}, {batch} per transaction: {:.0} reports/s, {:.0} cells/s ({secs:.2}s)",
        prepared.len() as f64 / secs,
        cells as f64 / secs
    );
}

fn drop_schema(url: &str, schema: &str) {
    if let Ok(mut c) = postgres::Client::connect(url, postgres::NoTls) {
        let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
    }
}
