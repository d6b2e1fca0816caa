//! Times the HTML reader's phases on the pages given (profiling aid):
//! `cargo run --release -p gongkai-read --example html_speed -- PAGE.html...`
use std::time::Instant;

fn main() {
    let pages: Vec<Vec<u8>> = std::env::args()
        .skip(1)
        .filter_map(|p| std::fs::read(p).ok())
        .collect();
    let rounds = 300;
    let bytes: usize = pages.iter().map(Vec::len).sum::<usize>() * rounds;
    let (mut layout, mut whole) = (0.0, 0.0);
    for _ in 0..rounds {
        for p in &pages {
            let t = Instant::now();
            let l = gongkai_read::html::read(p);
            layout += t.elapsed().as_secs_f64();
            let t = Instant::now();
            let _ = gongkai_read::read_bytes(p);
            whole += t.elapsed().as_secs_f64();
            std::hint::black_box(l.is_ok());
        }
    }
    println!(
        "{:.1} MB: HTML → layout {:.1} MB/s, whole read {:.1} MB/s",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / layout,
        bytes as f64 / 1e6 / whole
    );
}
