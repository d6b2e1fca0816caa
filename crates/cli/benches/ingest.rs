//! Ingest throughput: `gongkai ingest` over a generated corpus, into SQLite and (when
//! `GONGKAI_TEST_PG` names a reachable server) PostgreSQL.
//!
//! `cargo bench -p gongkai --bench ingest [-- N]` (N reports, default 10,000). The corpus is
//! written to a temporary directory; the release `gongkai` binary ingests it into a fresh
//! database (SQLite file; PostgreSQL schema), then ingests it again (everything skipped). Prints
//! reports/s and the binary's peak resident memory for N/10 and N reports (it should not grow
//! with N beyond the list of paths and hashes).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(10_000);
    let dir = std::env::temp_dir().join(format!("gongkai-ingest-bench-{}", std::process::id()));
    let big = dir.join("big");
    let small = dir.join("small");
    std::fs::create_dir_all(&big).expect("temporary directory");
    std::fs::create_dir_all(&small).expect("temporary directory");
    let t = Instant::now();
    let mut bytes = 0usize;
    for (i, (name, text)) in gongkai_synth::corpus(2026, n).enumerate() {
        bytes += text.len();
        if i < n / 10 {
            std::fs::write(small.join(&name), &text).expect("write corpus file");
        }
        std::fs::write(big.join(name), text).expect("write corpus file");
    }
    println!(
        "corpus: {n} reports, {:.1} MB, generated in {:.1}s",
        bytes as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );

    // The reference: reading and checking alone, on the same binary and files.
    let t = Instant::now();
    let o = Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .args(["check", "-q", &big.display().to_string()])
        .stdout(Stdio::null())
        .status()
        .expect("start gongkai");
    let _ = o;
    println!(
        "read+check only (gongkai check -q), {n} reports: {:.0} reports/s",
        n as f64 / t.elapsed().as_secs_f64()
    );

    let sqlite = |name: &str| dir.join(name).display().to_string();
    run("SQLite", &small, &sqlite("small.db"), n / 10);
    run("SQLite", &big, &sqlite("big.db"), n);
    if let Some(db) = pg_target("small") {
        run("PostgreSQL", &small, &db.0, n / 10);
    }
    if let Some(db) = pg_target("big") {
        run("PostgreSQL", &big, &db.0, n);
    }
    if std::env::var_os("GONGKAI_BENCH_KEEP").is_some() {
        println!("corpus kept in {}", dir.display());
    } else {
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// A PostgreSQL URL whose connections use a fresh schema, dropped when this is dropped.
struct PgTarget(String, String, String);

impl Drop for PgTarget {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.1, postgres::NoTls) {
            let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.2));
        }
    }
}

fn pg_target(tag: &str) -> Option<PgTarget> {
    let Ok(url) = std::env::var("GONGKAI_TEST_PG") else {
        println!("PostgreSQL: skipped (GONGKAI_TEST_PG is not set)");
        return None;
    };
    let mut c = match postgres::Client::connect(&url, postgres::NoTls) {
        Ok(c) => c,
        Err(e) => {
            println!("PostgreSQL: skipped (cannot connect to {url}: {e})");
            return None;
        }
    };
    let schema = format!("bench_{tag}_{}", std::process::id());
    c.batch_execute(&format!(
        "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"
    ))
    .ok()?;
    let sep = if url.contains('?') { '&' } else { '?' };
    Some(PgTarget(
        format!("{url}{sep}options=-c%20search_path%3D{schema}"),
        url,
        schema,
    ))
}

fn run(engine: &str, corpus: &Path, db: &str, n: usize) {
    let (secs, peak, cpu) = ingest(corpus, db);
    // CPU seconds say what the machine could do unloaded: on a shared machine the wall time
    // also counts the time other processes had the cores.
    println!(
        "{engine}, {n} reports: {:.0} reports/s ({secs:.1}s wall, {cpu:.1}s CPU = {:.2} ms CPU per report), peak memory {:.1} MB",
        n as f64 / secs,
        cpu * 1e3 / n as f64,
        peak as f64 / 1e6
    );
    let (secs, _, _) = ingest(corpus, db);
    println!("{engine}, {n} reports again (all skipped): {secs:.1}s");
    // Grouping every cell of the store: memory should not grow with the number of reports.
    let (secs, peak, _) = gongkai(&["stats", "--by", "unit", "--format", "csv", "--db", db]);
    println!(
        "{engine}, {n} reports: stats --by unit in {secs:.1}s, peak memory {:.1} MB",
        peak as f64 / 1e6
    );
}

/// Runs `gongkai ingest` and returns its wall time, peak resident memory and CPU time
/// ([`gongkai`]).
fn ingest(corpus: &Path, db: &str) -> (f64, u64, f64) {
    let corpus = corpus.display().to_string();
    gongkai(&["ingest", &corpus, "--db", db, "--progress", "never"])
}

/// Runs the release `gongkai` with `args` and returns its wall time, peak resident memory
/// (VmHWM) and CPU time (user + system), both polled from /proc while it runs (0 where /proc
/// is not available; the CPU time misses at most the last poll interval).
fn gongkai(args: &[&str]) -> (f64, u64, f64) {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_gongkai"));
    let t = Instant::now();
    let mut child = Command::new(bin)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start gongkai");
    let status = format!("/proc/{}/status", child.id());
    let stat = format!("/proc/{}/stat", child.id());
    let mut peak = 0;
    let mut cpu = 0.0;
    loop {
        if let Some(ticks) = std::fs::read_to_string(&stat).ok().and_then(|s| {
            // Fields after the command name (which may hold spaces): utime and stime are the
            // 14th and 15th fields of the line, in clock ticks (100 per second on Linux).
            let rest = &s[s.rfind(')')? + 2..];
            let f: Vec<&str> = rest.split_whitespace().collect();
            Some(f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?)
        }) {
            cpu = ticks / 100.0;
        }
        if let Some(hwm) = std::fs::read_to_string(&status).ok().and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        }) {
            peak = peak.max(hwm * 1024);
        }
        if child.try_wait().ok().flatten().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    (t.elapsed().as_secs_f64(), peak, cpu)
}
