//! Golden tests on real published PDFs (tests/fixtures/corpus, copied from the shared corpus),
//! read through poppler's pdftotext (table rows rebuilt from the words' boxes; the last test
//! reads them through `pdftotext -layout` as well, and the two readings must agree). Every cell of 表三 and 表四 of 淮安市人民政府 2024 was
//! checked by hand against the pages rendered as images (pdftoppm); so were the defects of
//! 洪泽区 2023 (表四 printed with 总计 0 beside non-zero outcomes; （六）其他处理 printed as one
//! row in a 2021-format report; 2.其他法律行政止公开, a dropped 法规禁).
//!
//! These tests need `pdftotext` (Debian's poppler-utils, which .ci/run installs); without it
//! they say so and pass, since there is nothing to read the PDFs with.
#![allow(clippy::unwrap_used)]

use gongkai_model::report::format_value;
use gongkai_model::{CellState, FormatId, Report, Source};

fn read(name: &str) -> Option<Report> {
    let path = format!(
        "{}/../../tests/fixtures/corpus/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(path).unwrap();
    match gongkai_read::read_bytes(&bytes) {
        Ok(r) => Some(r.report),
        Err(gongkai_read::ReadError::ToolMissing { tool, .. }) => {
            eprintln!(
                "SKIPPED: {tool} is not installed (apt-get install poppler-utils poppler-data)"
            );
            None
        }
        Err(e) => panic!("{name}: {e}"),
    }
}

fn row(r: &Report, table: &str, row: &str) -> String {
    r.cells
        .iter()
        .filter(|c| c.table == table && c.row == row)
        .map(|c| match c.state {
            CellState::Number => format_value(c.value.unwrap()),
            CellState::Inferred => format!("({})", format_value(c.value.unwrap())),
            CellState::Missing => "?".into(),
            CellState::Blank => "_".into(),
            CellState::NotApplicable => "/".into(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn huaian_2024_every_cell_of_tables_3_and_4() {
    let Some(r) = read("huaian-shi-2024.pdf") else {
        return;
    };
    assert_eq!(r.format, FormatId::F2021);
    assert_eq!(r.year.value, Some(2024));
    assert_eq!(r.agency.value.as_deref(), Some("淮安市人民政府"));
    let expected = [
        ("proactive", "regulations", "1 0 11"),
        ("proactive", "normative_documents", "8 26 66"),
        ("proactive", "licensing", "447228"),
        ("proactive", "penalty", "3985758"),
        ("proactive", "coercion", "88283"),
        ("proactive", "fees", "96171.6"),
        ("requests", "received", "3001 53 0 0 61 4 3119"),
        ("requests", "carried_in", "34 0 0 0 0 0 34"),
        ("requests", "granted", "1288 21 0 0 50 3 1362"),
        ("requests", "partially_granted", "447 7 0 0 0 0 454"),
        ("requests", "withheld_state_secret", "2 0 0 0 0 0 2"),
        ("requests", "withheld_prohibited", "30 1 0 0 0 0 31"),
        ("requests", "withheld_security", "5 0 0 0 0 0 5"),
        ("requests", "withheld_third_party", "6 0 0 0 0 0 6"),
        ("requests", "withheld_internal", "7 1 0 0 0 0 8"),
        ("requests", "withheld_process", "12 0 0 0 0 0 12"),
        ("requests", "withheld_enforcement", "9 0 0 0 0 0 9"),
        ("requests", "withheld_query", "105 0 0 0 0 0 105"),
        ("requests", "unavailable_not_held", "746 12 0 0 10 1 769"),
        ("requests", "unavailable_needs_creation", "11 0 0 0 0 0 11"),
        ("requests", "unavailable_unclear", "1 0 0 0 0 0 1"),
        ("requests", "declined_petition", "56 6 0 0 0 0 62"),
        ("requests", "declined_repeat", "25 0 0 0 0 0 25"),
        ("requests", "declined_publication", "0 0 0 0 0 0 0"),
        ("requests", "declined_excessive", "0 0 0 0 0 0 0"),
        ("requests", "declined_confirmation", "1 0 0 0 0 0 1"),
        ("requests", "other_no_correction", "67 3 0 0 1 0 71"),
        ("requests", "other_no_fee", "6 0 0 0 0 0 6"),
        ("requests", "other_misc", "108 2 0 0 0 0 110"),
        ("requests", "total", "2932 53 0 0 61 4 3050"),
        ("requests", "carried_out", "103 0 0 0 0 0 103"),
        ("review_litigation", "review", "72 64 178 37 351"),
        ("review_litigation", "litigation_direct", "13 4 8 1 26"),
        (
            "review_litigation",
            "litigation_after_review",
            "12 1 1 6 20",
        ),
    ];
    for (t, k, want) in expected {
        assert_eq!(row(&r, t, k), want, "{t}.{k}");
    }
    // A consistent report: nothing to say.
    assert!(gongkai_check::check(&r).is_empty());
    // Sources name the page and the cell of the row rebuilt from the words' boxes: 本年新收
    // 总计 is on page 4, the 8th cell of its row (the label, then seven values).
    match r.get("requests", "received", "total").unwrap().source {
        Source::Grid { page, cell, .. } => assert_eq!((page, cell), (4, 8)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn hongze_2023_defects_are_found_on_their_pages() {
    let Some(r) = read("hongze-qu-2023.pdf") else {
        return;
    };
    assert_eq!(r.format, FormatId::F2021);
    assert_eq!(r.year.value, Some(2023));
    assert_eq!(row(&r, "requests", "received"), "21 0 0 0 0 0 21");
    assert_eq!(row(&r, "requests", "withheld_prohibited"), "0 0 0 0 0 0 0");
    assert_eq!(row(&r, "review_litigation", "review"), "10 1 0 0 0");
    assert_eq!(
        row(&r, "review_litigation", "litigation_after_review"),
        "5 0 0 0 0"
    );
    // The three （六） rows of the 2021 format are not printed: missing, never zero.
    assert_eq!(row(&r, "requests", "other_misc"), "? ? ? ? ? ? ?");
    let findings = gongkai_check::check(&r);
    let at = |rule: &str| -> Vec<String> {
        findings
            .iter()
            .filter(|f| f.rule == rule)
            .map(|f| f.location.to_string())
            .collect()
    };
    // Page, table on the page, row, cell: the misprinted label is the 2nd cell of its row
    // (after the group label （三）不予公开); 表四's two bad group totals are pointed at by the
    // first value of their group (行政复议 from cell 1, 复议后起诉 from cell 11).
    assert_eq!(at("LABEL-FUZZY"), ["p3.t3.r6.c2"]);
    assert_eq!(at("ROW-UNLABELLED"), ["p4.t1.r7.c2"]);
    assert_eq!(at("T4-GROUP-TOTAL"), ["p4.t2.r1.c1", "p4.t2.r1.c11"]);
}

#[test]
fn hongze_2024_reads_with_the_same_layout_quirks() {
    let Some(r) = read("hongze-qu-2024.pdf") else {
        return;
    };
    assert_eq!(r.format, FormatId::F2021);
    assert_eq!(r.year.value, Some(2024));
    assert_eq!(r.agency.value.as_deref(), Some("淮安市洪泽区人民政府"));
    let rules: Vec<&str> = r.notes.iter().map(|n| n.rule).collect();
    assert_eq!(rules, ["LABEL-FUZZY", "ROW-UNLABELLED"]);
}

#[test]
fn a_pdf_without_text_and_a_broken_pdf_give_clear_errors() {
    if read("huaian-shi-2024.pdf").is_none() {
        return;
    }
    // A truncated PDF: poppler cannot open it.
    let path = format!(
        "{}/../../tests/fixtures/corpus/huaian-shi-2024.pdf",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(path).unwrap();
    let err = gongkai_read::read_bytes(&bytes[..2000]).err();
    assert!(
        matches!(
            err,
            Some(gongkai_read::ReadError::Corrupt { .. })
                | Some(gongkai_read::ReadError::PdfWithoutText)
        ),
        "{err:?}"
    );
    // A minimal valid PDF with one empty page: no text layer.
    let empty = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";
    let err = gongkai_read::read_bytes(empty).err();
    assert_eq!(err, Some(gongkai_read::ReadError::PdfWithoutText));
}

/// The rows rebuilt from the words' boxes and the lines of `pdftotext -layout` give the same
/// cells on every corpus PDF (the layout reading is the fallback, and was the only reading).
#[test]
fn rebuilt_rows_read_the_same_cells_as_the_layout_text() {
    for name in [
        "huaian-shi-2024.pdf",
        "hongze-qu-2023.pdf",
        "hongze-qu-2024.pdf",
    ] {
        let Some(rebuilt) = read(name) else {
            return;
        };
        let path = format!(
            "{}/../../tests/fixtures/corpus/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        let bytes = std::fs::read(path).unwrap();
        let plain =
            gongkai_read::read_layout(gongkai_read::pdf::read_plain(&bytes).unwrap()).report;
        assert_eq!(rebuilt.cells.len(), plain.cells.len(), "{name}");
        for (a, b) in rebuilt.cells.iter().zip(&plain.cells) {
            assert_eq!(
                (a.key(), a.state, a.value),
                (b.key(), b.state, b.value),
                "{name}"
            );
        }
        let rules = |r: &Report| {
            let mut v: Vec<&str> = gongkai_check::check(r).iter().map(|f| f.rule).collect();
            v.sort_unstable();
            v
        };
        assert_eq!(rules(&rebuilt), rules(&plain), "{name}");
    }
}
