//! Prints a generated legacy report: `cargo run -p gongkai-synth --example legacy -- SEED`.
fn main() {
    let seed = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let r = gongkai_synth::legacy_report(seed);
    print!("{}", r.text);
    for (row, v, line) in &r.cells {
        eprintln!("{row} = {v} (L{line})");
    }
}
