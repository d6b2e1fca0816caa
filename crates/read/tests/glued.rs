//! Text dumped by naive converters, where a row's cells run together with no separator
//! (`（一）予以公开5000005`): split by the table's own arithmetic, never a wrong value.
#![allow(clippy::unwrap_used)]

use gongkai_model::{CellState, FormatId};
use gongkai_read::read_str;
use gongkai_synth::{generate, write_text, GenOptions, Layout, Scale, WriteOptions};
use proptest::prelude::*;

/// The pipe layout with every 表三 row's values glued to their label.
fn glue_table_3(text: &str) -> String {
    let mut in_table_3 = false;
    text.lines()
        .map(|line| {
            if line.starts_with("三、收到和处理") {
                in_table_3 = true;
            } else if line.starts_with("四、") && line.contains("行政复议") {
                in_table_3 = false;
            }
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let values = cells
                .iter()
                .filter(|c| c.bytes().all(|b| b.is_ascii_digit()) && !c.is_empty())
                .count();
            if !in_table_3 || values != 7 {
                return line.to_string();
            }
            let label: Vec<&str> = cells
                .iter()
                .copied()
                .filter(|c| !c.is_empty() && !c.bytes().all(|b| b.is_ascii_digit()))
                .collect();
            let digits: String = cells
                .iter()
                .copied()
                .filter(|c| !c.is_empty() && c.bytes().all(|b| b.is_ascii_digit()))
                .collect();
            format!("{}{digits}", label.join(" | "))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_zero_row_glued_to_its_label_is_split() {
    let path = format!(
        "{}/../../tests/fixtures/seeds/001_a1fd908adc18705e.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).unwrap();
    let glued = text.replace(
        "(一)予以公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
        "(一)予以公开0000000",
    );
    assert_ne!(glued, text);
    let r = read_str(glued).report;
    let row: Vec<Option<f64>> = r
        .cells
        .iter()
        .filter(|c| c.row == "granted")
        .map(|c| c.value)
        .collect();
    assert_eq!(row, vec![Some(0.0); 7]);
    let note = r.notes.iter().find(|n| n.rule == "ROW-GLUED").unwrap();
    assert_eq!(note.location.to_string(), "L38:20");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(60))]

    #[test]
    fn glued_rows_are_split_by_arithmetic_never_wrongly(seed in any::<u64>(), f2019 in any::<bool>()) {
        let format = if f2019 { FormatId::F2019 } else { FormatId::F2021 };
        let generated = generate(seed, &GenOptions { format, year: None, scale: Scale::Typical });
        let text = write_text(&generated, &WriteOptions::new(Layout::Pipe)).text;
        let glued = glue_table_3(&text);
        prop_assume!(glued != text);
        let read = read_str(glued.clone()).report;
        let mut split = 0;
        for c in read.cells.iter().filter(|c| c.table == "requests") {
            let g = generated.cell(&c.key()).unwrap();
            match c.state {
                CellState::Number | CellState::Inferred => {
                    prop_assert_eq!(c.value, g.value, "{} in\n{}", c.key(), glued);
                    split += 1;
                }
                CellState::Missing => {}
                other => prop_assert!(false, "{}: {:?}", c.key(), other),
            }
        }
        // Most rows of a typical report split one way only (row totals and column sums agree).
        prop_assert!(split > 100, "only {} cells split in\n{}", split, glued);
    }
}

/// A short row whose lost cell the arithmetic cannot place (`0 | 0 | 6 | 17` for 直接起诉's five
/// cells, total last: any of the four before the total may be the lost one) is not "explained"
/// by cutting `17` into `1 | 7` (which fits too): the disputed cells are left missing and the
/// row is reported uncertain, every reading named — never a wrong value.
#[test]
fn a_split_does_not_settle_a_row_the_arithmetic_cannot() {
    use gongkai_model::{CellKey, Outcome};
    use gongkai_synth::{mutate, Mutation};
    // Found by `roundtrip::a_deleted_value_is_never_shifted`.
    let generated = generate(
        7_710_791_312_831_836_544,
        &GenOptions {
            format: FormatId::F2021,
            year: None,
            scale: Scale::Busy,
        },
    );
    let direct = |column| CellKey {
        table: "review_litigation",
        row: "litigation_direct",
        column,
    };
    let columns = ["upheld", "corrected", "other", "pending", "total"];
    let printed: Vec<f64> = columns
        .iter()
        .map(|c| generated.value(&direct(c)).unwrap())
        .collect();
    assert_eq!(
        printed,
        [11.0, 0.0, 0.0, 6.0, 17.0],
        "the generator changed"
    );
    let mutated = mutate(
        &generated,
        &Mutation::DeleteValue(direct("upheld")),
        &WriteOptions::new(Layout::Pipe),
    );
    assert!(mutated.written.text.contains("| 0 | 0 | 6 | 17 |"));
    let read = read_str(mutated.written.text.clone()).report;
    for c in &read.cells {
        if let Some(v) = c.value {
            assert_eq!(Some(v), generated.value(&c.key()), "{}", c.key());
        }
    }
    for c in columns {
        assert_eq!(
            read.cell(&direct(c)).unwrap().state,
            CellState::Missing,
            "{c}"
        );
    }
    let note = read
        .notes
        .iter()
        .find(|n| n.rule == "ROW-VALUE-COUNT")
        .expect("the short row is reported");
    assert_eq!(note.outcome, Outcome::Uncertain);
    assert!(note.message.zh.contains("1 7"), "{}", note.message.zh);
    assert!(!read.notes.iter().any(|n| n.rule == "ROW-GLUED"));
}
