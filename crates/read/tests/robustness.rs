//! Hostile and broken input: random bytes, every truncation of the seeds, huge inputs, files of
//! repeated labels. The reader must never panic, must give a clear error or a report, and must
//! stay linear in the size of its input.
#![allow(clippy::unwrap_used)]

use std::time::Instant;

use gongkai_read::{read_str, read_text, ReadError};
use proptest::prelude::*;

fn seed(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/../../tests/fixtures/seeds/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(path).unwrap()
}

const SEEDS: [&str; 5] = [
    "000_33abec3ff02c02bd.txt",
    "001_a1fd908adc18705e.txt",
    "002_a636d83d73b501d7.txt",
    "003_d22f653d47743c2c.txt",
    "004_b6b282f6157a8fb9.txt",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4000)) {
        let _ = read_text(&bytes);
    }

    #[test]
    fn random_text_never_panics(text in "\\PC{0,600}") {
        let _ = read_str(text);
    }

    #[test]
    fn table_like_noise_never_panics(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("一、本年新收政府信息公开申请数量".to_string()),
                Just("（七）总计".to_string()),
                Just("总计".to_string()),
                Just("其他".to_string()),
                Just("三、收到和处理政府信息公开申请情况".to_string()),
                Just("四、政府信息公开行政复议、行政诉讼情况".to_string()),
                Just("本年制发件数".to_string()),
                Just("本年新制作数量".to_string()),
                Just("行政许可".to_string()),
                Just("|".to_string()),
                Just("\t".to_string()),
                Just("\n".to_string()),
                Just("减7".to_string()),
                Just("/".to_string()),
                Just("1O".to_string()),
                "[0-9]{1,4}",
            ],
            0..300,
        )
    ) {
        let text = parts.join(" ");
        let read = read_str(text);
        // Whatever was read, every cell of the format is there exactly once.
        let def = read.report.format_def();
        if read.report.format != gongkai_model::FormatId::Legacy {
            prop_assert_eq!(read.report.cells.len(), def.cell_keys().count());
        }
    }
}

#[test]
fn every_truncation_of_every_seed_reads_or_errors_cleanly() {
    for name in SEEDS {
        let bytes = seed(name);
        // Every byte boundary would be 40k reads per seed; every 7th byte plus every char
        // boundary near the tables keeps the test quick and still cuts through every token.
        for cut in (0..bytes.len())
            .step_by(7)
            .chain(bytes.len() - 50..bytes.len())
        {
            match read_text(&bytes[..cut]) {
                Ok(r) => {
                    assert!(r.report.cells.iter().all(|c| !c.table.is_empty()));
                }
                Err(ReadError::Empty) => assert!(bytes[..cut].iter().all(u8::is_ascii_whitespace)),
                Err(ReadError::Undecodable { offset }) => {
                    // Only a cut through a multi-byte character may be undecodable.
                    assert!(offset + 4 > cut, "{name} cut at {cut}: offset {offset}");
                }
                Err(e) => panic!("{name} cut at {cut}: {e}"),
            }
        }
    }
}

#[test]
fn every_line_truncation_of_seed_000_keeps_earlier_rows() {
    let text = String::from_utf8(seed("000_33abec3ff02c02bd.txt")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let full = read_str(text.clone()).report;
    for cut in 0..lines.len() {
        let partial = read_str(lines[..cut].join("\n")).report;
        if partial.format != full.format {
            continue;
        }
        // A cell read from a line before the cut is read the same; nothing shifts.
        for c in &partial.cells {
            if c.state == gongkai_model::CellState::Number {
                let line = c.source.line_no().unwrap() as usize;
                assert!(line <= cut, "cell from beyond the cut");
                let f = full.cell(&c.key()).unwrap();
                if f.state == gongkai_model::CellState::Number {
                    assert_eq!(f.value, c.value, "{} at cut {cut}", c.key());
                }
            }
        }
    }
}

#[test]
fn garbled_encodings_give_clear_errors() {
    // Neither UTF-8 nor GB18030 (0xFF is never a GB18030 byte).
    assert!(matches!(
        read_text(b"\xe6\x8a\xa5\xe5 report \xff\xff"),
        Err(ReadError::Undecodable { .. })
    ));
    // A PDF is named as such.
    assert!(matches!(
        read_text(b"%PDF-1.7\n..."),
        Err(ReadError::Unsupported { .. })
    ));
    assert!(matches!(read_text(b"   \n\t  "), Err(ReadError::Empty)));
    assert!(matches!(read_text(b""), Err(ReadError::Empty)));
}

/// Reads `n` copies of a seed glued together, returning the seconds it took.
fn time_copies(unit: &str, n: usize) -> f64 {
    let text = unit.repeat(n);
    let start = Instant::now();
    let read = read_str(text);
    assert!(!read.report.cells.is_empty());
    start.elapsed().as_secs_f64()
}

#[test]
fn a_50_mb_input_is_read_in_linear_time() {
    let unit = String::from_utf8(seed("001_a1fd908adc18705e.txt")).unwrap();
    let copies = 50 * 1024 * 1024 / unit.len();
    let small = time_copies(&unit, copies / 8);
    let big = time_copies(&unit, copies);
    // 8× the input: linear is ~8× the time, quadratic would be ~64×. The bound is loose so
    // that a busy machine does not fail it; it still catches anything quadratic.
    assert!(
        big < small * 24.0 + 1.0,
        "8x input took {big:.2}s vs {small:.2}s"
    );
}

#[test]
fn repeated_labels_are_read_once_and_linearly() {
    let unit = "一、本年新收政府信息公开申请数量\n5\n0\n0\n0\n0\n0\n5\n";
    let small = time_copies(unit, 20_000);
    let big = time_copies(unit, 160_000);
    assert!(
        big < small * 24.0 + 1.0,
        "8x input took {big:.2}s vs {small:.2}s"
    );
    let read = read_str(unit.repeat(100)).report;
    let dups = read
        .notes
        .iter()
        .filter(|n| n.rule == "ROW-DUPLICATE")
        .count();
    assert_eq!(dups, 99);
    assert_eq!(
        read.get("requests", "received", "total").unwrap().value,
        Some(5.0)
    );
}

#[test]
fn one_huge_line_is_linear() {
    let small = "规章 | ".to_string() + &"0 | ".repeat(100_000);
    let big = "规章 | ".to_string() + &"0 | ".repeat(800_000);
    let t0 = Instant::now();
    let _ = read_str(small);
    let a = t0.elapsed().as_secs_f64();
    let t1 = Instant::now();
    let _ = read_str(big);
    let b = t1.elapsed().as_secs_f64();
    assert!(b < a * 24.0 + 1.0, "8x line took {b:.2}s vs {a:.2}s");
}
