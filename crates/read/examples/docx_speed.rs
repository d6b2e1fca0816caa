//! DOCX reading throughput on generated reports written as Word documents (the test writer in
//! `tests/common`): the DOCX layer alone (unzip, XML, grid) and the whole read, on one core.
//! `cargo run --release -p gongkai-read --example docx_speed [-- N]` (N reports, default 500).
#![allow(clippy::unwrap_used)]

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::Instant;

use gongkai_model::FormatId;
use gongkai_synth::{generate, GenOptions, Scale};

fn main() {
    let n: u64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(500);
    let files: Vec<Vec<u8>> = (0..n)
        .map(|seed| {
            let format = if seed % 2 == 0 {
                FormatId::F2021
            } else {
                FormatId::F2019
            };
            let scale = [Scale::Quiet, Scale::Typical, Scale::Busy][(seed % 3) as usize];
            let report = generate(
                seed,
                &GenOptions {
                    format,
                    year: None,
                    scale,
                },
            );
            common::report_docx(&report, seed, seed % 4 == 0).bytes
        })
        .collect();
    let bytes: usize = files.iter().map(Vec::len).sum();
    let xml: usize = files
        .iter()
        .map(|f| {
            let mut z = zip::ZipArchive::new(std::io::Cursor::new(f)).unwrap();
            let size = z.by_name("word/document.xml").unwrap().size();
            size as usize
        })
        .sum();
    println!(
        "{n} DOCX files, {:.1} MB ({:.1} MB of document.xml)",
        bytes as f64 / 1e6,
        xml as f64 / 1e6
    );
    let t = Instant::now();
    for f in &files {
        std::hint::black_box(gongkai_read::docx::read(f).unwrap());
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "docx layer: {:.0} files/s, {:.1} MB/s of DOCX, {:.1} MB/s of XML",
        n as f64 / s,
        bytes as f64 / 1e6 / s,
        xml as f64 / 1e6 / s
    );
    let t = Instant::now();
    for f in &files {
        std::hint::black_box(gongkai_read::read_bytes(f).unwrap());
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "whole read: {:.0} reports/s, {:.1} MB/s of DOCX, {:.1} MB/s of XML",
        n as f64 / s,
        bytes as f64 / 1e6 / s,
        xml as f64 / 1e6 / s
    );
    // A real Word file: the official template (styles, theme and fonts make up most of its
    // bytes, and are not read).
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/docx/format-2021-blank-template.docx"
    );
    let template = std::fs::read(path).unwrap();
    let reps = 2_000;
    let t = Instant::now();
    for _ in 0..reps {
        std::hint::black_box(gongkai_read::docx::read(&template).unwrap());
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "official template ({} bytes), docx layer: {:.0} reads/s, {:.1} MB/s",
        template.len(),
        reps as f64 / s,
        (template.len() * reps) as f64 / 1e6 / s
    );
    let t = Instant::now();
    for _ in 0..reps {
        std::hint::black_box(gongkai_read::read_bytes(&template).unwrap());
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "official template ({} bytes), whole read: {:.0} reads/s, {:.1} MB/s",
        template.len(),
        reps as f64 / s,
        (template.len() * reps) as f64 / 1e6 / s
    );
}
