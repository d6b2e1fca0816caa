//! Writes a generated corpus of text reports (mixed layouts, formats and scales; the one the
//! benches read) to a directory, for measuring the CLI on many files:
//! `cargo run --release -p gongkai-synth --example write_corpus -- DIR N [SEED]`.
use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(n)) = (args.next(), args.next().and_then(|n| n.parse().ok())) else {
        eprintln!("usage: write_corpus DIR N [SEED]");
        std::process::exit(2);
    };
    let seed = args.next().and_then(|s| s.parse().ok()).unwrap_or(2026);
    let dir = PathBuf::from(dir);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("{}: {e}", dir.display());
        std::process::exit(2);
    }
    let mut bytes = 0usize;
    for (name, text) in gongkai_synth::corpus(seed, n) {
        bytes += text.len();
        if let Err(e) = std::fs::write(dir.join(&name), text) {
            eprintln!("{}: {e}", dir.join(&name).display());
            std::process::exit(2);
        }
    }
    println!(
        "{n} reports, {:.1} MB, in {}",
        bytes as f64 / 1e6,
        dir.display()
    );
}
