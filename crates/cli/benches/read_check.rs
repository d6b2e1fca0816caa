//! Read + check throughput over a generated corpus of mixed layouts, formats and scales.
//!
//! `cargo bench -p gongkai --bench read_check [-- N]` (N reports, default 10,000). The corpus is
//! written to a temporary directory first (and written back to disk, so that the timed phase does
//! not share the disk with that); then every file is read from disk, decoded, read into
//! a report and checked, one file at a time, on one core and then on all cores. Prints
//! reports/s and MB/s per core, and the peak resident memory of the read+check phase for N/10
//! and N files (it should not grow with N: nothing is kept between files).

use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

/// The allocator of the `gongkai` binary (src/main.rs), so that the bench measures what it runs.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(10_000);
    let dir = std::env::temp_dir().join(format!("gongkai-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temporary directory");
    let t = Instant::now();
    let mut files = Vec::with_capacity(n);
    let mut bytes = 0usize;
    for (name, text) in gongkai_synth::corpus(2026, n) {
        let path = dir.join(name);
        bytes += text.len();
        std::fs::write(&path, text).expect("write corpus file");
        files.push(path);
    }
    println!(
        "corpus: {n} reports, {:.1} MB, generated in {:.1}s",
        bytes as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );
    flush_written();

    let small = &files[..n / 10];
    let (_, _, mem_small) = run(small, false);
    let (secs, findings, mem_big) = run(&files, false);
    println!(
        "read+check, 1 core: {:.0} reports/s, {:.1} MB/s ({findings} findings)",
        n as f64 / secs,
        bytes as f64 / 1e6 / secs
    );
    let threads = rayon::current_num_threads();
    let (psecs, _, _) = run(&files, true);
    println!(
        "read+check, {threads} threads: {:.0} reports/s, {:.1} MB/s ({:.1} MB/s per core)",
        n as f64 / psecs,
        bytes as f64 / 1e6 / psecs,
        bytes as f64 / 1e6 / psecs / threads as f64
    );
    println!(
        "peak resident memory while reading: {} files {:.1} MB, {} files {:.1} MB",
        small.len(),
        mem_small as f64 / 1e6,
        files.len(),
        mem_big as f64 / 1e6
    );
    let _ = std::fs::remove_dir_all(&dir);

    html(n / 5);
    pdf();
    docx();
}

/// DOCX: the official 2021 format as a Word file (tests/fixtures/docx), read and checked 500
/// times; then the LibreOffice-written reports of tests/fixtures/cms (smaller files with more
/// XML per byte), 100 times each.
fn docx() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");
    let Ok(template) = std::fs::read(format!("{root}/docx/format-2021-blank-template.docx")) else {
        return;
    };
    let cms: Vec<Vec<u8>> = std::fs::read_dir(format!("{root}/cms"))
        .map(|d| {
            let mut paths: Vec<PathBuf> = d
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "docx"))
                .collect();
            paths.sort();
            paths.iter().filter_map(|p| std::fs::read(p).ok()).collect()
        })
        .unwrap_or_default();
    for (what, files, rounds) in [
        ("the 2021 template (Word)", vec![template], 500),
        ("the CMS fixtures (LibreOffice)", cms, 100),
    ] {
        if files.is_empty() {
            continue;
        }
        let t = Instant::now();
        for _ in 0..rounds {
            for f in &files {
                if let Ok(read) = gongkai_read::read_bytes(f) {
                    let _ = gongkai_check::check(&read.report);
                }
            }
        }
        let secs = t.elapsed().as_secs_f64();
        let n = files.len() * rounds;
        let bytes: usize = files.iter().map(Vec::len).sum::<usize>() * rounds;
        println!(
            "DOCX read+check, 1 core: {what}, {n} reads, {:.1} MB: {:.0} reports/s, {:.1} MB/s",
            bytes as f64 / 1e6,
            n as f64 / secs,
            bytes as f64 / 1e6 / secs
        );
    }
}

/// HTML pages: generated reports in the official layout (merged header and row-label cells),
/// read and checked on one core.
fn html(n: usize) {
    let pages: Vec<String> = gongkai_synth::samples(2027, n)
        .map(|s| {
            let narrative = gongkai_write::Narrative::new();
            gongkai_write::render::render(
                gongkai_write::render::Target::Html,
                &gongkai_write::render::Render {
                    report: &s.report,
                    narrative: &narrative,
                    appendix: None,
                    lang: gongkai_model::Lang::Zh,
                },
            )
        })
        .collect();
    let bytes: usize = pages.iter().map(String::len).sum();
    let t = Instant::now();
    let mut findings = 0;
    for p in &pages {
        if let Ok(read) = gongkai_read::read_bytes(p.as_bytes()) {
            findings += gongkai_check::check(&read.report).len();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "HTML read+check, 1 core: {n} pages, {:.1} MB: {:.0} reports/s, {:.1} MB/s ({findings} findings)",
        bytes as f64 / 1e6,
        n as f64 / secs,
        bytes as f64 / 1e6 / secs
    );
}

/// The real PDFs of the corpus (tests/fixtures/corpus), each read 20 times through pdftotext.
fn pdf() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/corpus");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let files: Vec<Vec<u8>> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        .filter_map(|e| std::fs::read(e.path()).ok())
        .collect();
    let rounds = 20;
    let bytes: usize = files.iter().map(Vec::len).sum::<usize>() * rounds;
    let t = Instant::now();
    for _ in 0..rounds {
        for f in &files {
            match gongkai_read::read_bytes(f) {
                Ok(read) => {
                    let _ = gongkai_check::check(&read.report);
                }
                Err(e) => {
                    println!("PDF: skipped ({e})");
                    return;
                }
            }
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let n = files.len() * rounds;
    println!(
        "PDF read+check (pdftotext), 1 core: {n} reads, {:.1} MB: {:.0} reports/s, {:.1} MB/s",
        bytes as f64 / 1e6,
        n as f64 / secs,
        bytes as f64 / 1e6 / secs
    );
}

/// Reads and checks every file; returns seconds, the number of findings, and the peak
/// resident set size of the phase (bytes; 0 where /proc is not available).
fn run(files: &[PathBuf], parallel: bool) -> (f64, usize, u64) {
    reset_peak_rss();
    let t = Instant::now();
    let findings: usize = if parallel {
        files.par_iter().map(|p| one(p)).sum()
    } else {
        files.iter().map(|p| one(p)).sum()
    };
    (t.elapsed().as_secs_f64(), findings, peak_rss())
}

fn one(path: &Path) -> usize {
    let bytes = std::fs::read(path).expect("read corpus file");
    match gongkai_read::read_text(&bytes) {
        Ok(read) => gongkai_check::check(&read.report).len(),
        Err(_) => 0,
    }
}

/// Has the system write back the files just written (`sync`; nothing where there is none):
/// on a slow disk their writeback otherwise runs on into the timed reads (seen: 40% I/O wait,
/// a third off the 1-core figure), which then measure the disk, not the reader.
fn flush_written() {
    let _ = std::process::Command::new("sync").status();
}

/// Resets the kernel's peak-RSS counter for this process (Linux: `5` to clear_refs).
fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn peak_rss() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb * 1024)
}
