//! Read + check over a generated corpus held in memory, for instruction-count profiling:
//! `valgrind --tool=callgrind --toggle-collect='*read_and_check*' \
//!     target/release/examples/read_check_profile 300`
//! (only the reading and checking are counted, not the generation of the corpus nor a first
//! warm-up read, which builds the tables made once per process). Prints the
//! corpus size and the number of findings, so that two builds can be compared on the same work.
//! With a file after the count (`… read_check_profile 50 report.docx`), that file is read N
//! times instead, whatever its kind (HTML, DOCX, PDF, text).
use std::time::Instant;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(300);
    let corpus: Vec<Vec<u8>> = match std::env::args().nth(2) {
        Some(path) => match std::fs::read(&path) {
            Ok(file) => vec![file; n],
            Err(e) => {
                eprintln!("{path}: {e}");
                std::process::exit(2);
            }
        },
        None => gongkai_synth::corpus(2026, n)
            .map(|(_, t)| t.into_bytes())
            .collect(),
    };
    let bytes: usize = corpus.iter().map(Vec::len).sum();
    // One report read first, outside the profiled function: the one-time work (the automata and
    // tables built on first use, ~12M instructions) is then not counted, as it is amortised
    // away over the 10,000 reports of the bench.
    if let Some(first) = corpus.first() {
        warm_up(first);
    }
    let t = Instant::now();
    let findings: usize = corpus.iter().map(|t| read_and_check(t)).sum();
    let secs = t.elapsed().as_secs_f64();
    println!(
        "{n} reports, {:.2} MB, {findings} findings: {:.1} MB/s",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs
    );
}

/// [`read_and_check`] under another name, so that a profiler counting that one does not count
/// this (and another signature, so that the two are not folded into one function).
#[inline(never)]
fn warm_up(bytes: &[u8]) {
    std::hint::black_box(work(bytes));
}

/// One report read and checked; kept out of line so a profiler can count it alone.
#[inline(never)]
fn read_and_check(bytes: &[u8]) -> usize {
    work(bytes)
}

#[inline(always)]
fn work(bytes: &[u8]) -> usize {
    match gongkai_read::read_bytes(bytes) {
        Ok(read) => gongkai_check::check(&read.report).len(),
        Err(_) => 0,
    }
}
