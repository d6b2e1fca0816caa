//! Everything the reader and checker make of a fixed set of inputs, printed in full, so that two
//! builds can be compared: `cargo run --release -p gongkai-read --example fingerprint > a.txt`
//! before a change, again after it, then `cmp a.txt b.txt`. A performance change must leave the
//! output identical.
//!
//! The inputs: two generated corpora (300 reports each, mixed layouts, chrome and page breaks),
//! the same reports with one value deleted and one changed (so the findings path is exercised),
//! the named examples, and every text, HTML and DOCX fixture under `tests/fixtures` and
//! `examples/` (PDF and DOC are left out: they need external tools).
use std::path::{Path, PathBuf};

use gongkai_model::{CellKey, Report};

fn main() {
    let mut inputs: Vec<(String, Vec<u8>)> = Vec::new();
    for seed in [2026, 7] {
        for s in gongkai_synth::samples(seed, 300) {
            inputs.push((s.name.clone(), s.written.text.clone().into_bytes()));
            if let Some(key) = some_key(&s.report, s.name.len()) {
                for (what, m) in [
                    ("deleted", gongkai_synth::Mutation::DeleteValue(key)),
                    (
                        "changed",
                        gongkai_synth::Mutation::ChangeValue(
                            key,
                            s.report.value(&key).unwrap_or(0.0) + 3.0,
                        ),
                    ),
                ] {
                    let mutated = gongkai_synth::mutate(&s.report, &m, &s.options);
                    inputs.push((
                        format!("{} ({what} {key:?})", s.name),
                        mutated.written.text.into_bytes(),
                    ));
                }
            }
        }
    }
    for (name, text) in gongkai_synth::examples() {
        inputs.push((name, text.into_bytes()));
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    collect(&root.join("tests/fixtures"), &mut files);
    collect(&root.join("examples"), &mut files);
    files.sort();
    for path in files {
        if let Ok(bytes) = std::fs::read(&path) {
            let name = path
                .strip_prefix(&root)
                .unwrap_or(&path)
                .display()
                .to_string();
            inputs.push((name, bytes));
        }
    }
    for (name, bytes) in &inputs {
        println!("=== {name}");
        match gongkai_read::read_bytes(bytes) {
            Ok(read) => {
                println!("{}", without_index(&format!("{:#?}", read.report)));
                println!("{:#?}", gongkai_check::check(&read.report));
            }
            Err(e) => println!("error: {e}"),
        }
    }
    eprintln!("{} inputs", inputs.len());
}

/// The debug print without the report's cell index: a lookup structure (keyed by addresses,
/// which differ from run to run), derived from the cells printed above it.
fn without_index(debug: &str) -> &str {
    match debug.find("\n    index: ") {
        Some(at) => &debug[..at],
        None => debug,
    }
}

/// A value cell of the report, chosen by `pick` among those that hold a number.
fn some_key(report: &Report, pick: usize) -> Option<CellKey> {
    let keys: Vec<CellKey> = report
        .cells
        .iter()
        .filter(|c| c.value.is_some())
        .map(|c| c.key())
        .collect();
    keys.get(pick % keys.len().max(1)).copied()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p
            .extension()
            .and_then(|x| x.to_str())
            .is_some_and(|x| matches!(x, "txt" | "html" | "htm" | "docx"))
        {
            out.push(p);
        }
    }
}
