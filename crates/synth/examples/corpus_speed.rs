//! Generates and writes a corpus and prints its size and the time taken.
//!
//! `cargo run --release -p gongkai-synth --example corpus_speed -- [N]` (default 1000).

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000);
    let start = std::time::Instant::now();
    let bytes: usize = gongkai_synth::corpus(1, n).map(|(_, t)| t.len()).sum();
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{n} reports, {:.1} MB, {secs:.2} s ({:.0} reports/s)",
        bytes as f64 / 1e6,
        n as f64 / secs
    );
}
