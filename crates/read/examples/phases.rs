//! Where the reader spends its time: each phase timed over a generated corpus (release build:
//! `cargo run --release -p gongkai-read --example phases -- [N]`). A profiling aid; the
//! throughput numbers of record come from `cargo bench -p gongkai --bench read_check`.
use std::time::{Duration, Instant};

use gongkai_read::{decode, document::Document, meta, prose, recognize, tokens};

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(2000);
    // With a directory argument, the corpus is written there once and read from there after,
    // so that a profiler run sees only the reading (`phases 300 /tmp/corpus`).
    let corpus: Vec<String> = match std::env::args().nth(2) {
        Some(dir) => {
            let dir = std::path::Path::new(&dir);
            if !dir.exists() {
                std::fs::create_dir_all(dir).expect("corpus directory");
                for (name, text) in gongkai_synth::corpus(7, n) {
                    std::fs::write(dir.join(name), text).expect("write corpus");
                }
            }
            let mut files: Vec<_> = std::fs::read_dir(dir)
                .expect("corpus directory")
                .filter_map(|e| e.ok().map(|e| e.path()))
                .collect();
            files.sort();
            files
                .iter()
                .take(n)
                .map(|p| std::fs::read_to_string(p).expect("corpus file"))
                .collect()
        }
        None => gongkai_synth::corpus(7, n).map(|(_, t)| t).collect(),
    };
    let n = corpus.len();
    let bytes: usize = corpus.iter().map(String::len).sum();
    // The phases of `gongkai_read::read_str`, in its order, and the check.
    let mut t = [Duration::ZERO; 8];
    let (mut lines, mut nonblank, mut ntoks, mut texts) = (0usize, 0usize, 0usize, 0usize);
    for text in &corpus {
        let s = Instant::now();
        let decoded = decode::decode(text.as_bytes())
            .map(|d| d.text)
            .unwrap_or_default();
        t[0] += s.elapsed();
        let s = Instant::now();
        let doc = Document::new(decoded);
        t[1] += s.elapsed();
        let s = Instant::now();
        let content = tokens::tokenize_content(&doc);
        t[2] += s.elapsed();
        let toks = &content.tokens;
        let s = Instant::now();
        let m = meta::read_meta_of(&doc, &content.lines);
        t[3] += s.elapsed();
        lines += doc.line_count() as usize;
        nonblank += doc.lines().filter(|(_, l)| !l.trim().is_empty()).count();
        ntoks += toks.len();
        texts += toks
            .iter()
            .filter(|t| t.kind == tokens::TokenKind::Text)
            .count();
        let s = Instant::now();
        let mut report = recognize::recognize(toks, m.year.value);
        t[4] += s.elapsed();
        let s = Instant::now();
        prose::apply(&doc, &content.lines, &mut report);
        t[5] += s.elapsed();
        let s = Instant::now();
        report.texts = gongkai_read::texts::section_texts(&doc, &content.lines, &report);
        t[6] += s.elapsed();
        let s = Instant::now();
        let f = gongkai_check::check(&report);
        t[7] += s.elapsed();
        std::hint::black_box(f);
    }
    let total: Duration = t.iter().sum();
    println!(
        "per report: {} lines ({} non-blank), {} tokens ({} text)",
        lines / n,
        nonblank / n,
        ntoks / n,
        texts / n
    );
    println!(
        "{n} reports, {:.1} MB: {:.1} MB/s overall",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / total.as_secs_f64()
    );
    for (name, d) in [
        "decode",
        "lines",
        "tokens+chrome",
        "meta",
        "recognize",
        "prose",
        "texts",
        "check",
    ]
    .iter()
    .zip(t)
    {
        println!(
            "{name:>14}: {:>7.1} µs/report  {:>5.1}%",
            d.as_secs_f64() * 1e6 / n as f64,
            100.0 * d.as_secs_f64() / total.as_secs_f64()
        );
    }
}
