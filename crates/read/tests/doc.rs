//! Word 97–2003 (.doc) through LibreOffice: the committed fixtures (example reports rendered in
//! the official layout and saved as .doc by LibreOffice, see tests/fixtures/doc/make.sh) read
//! back to the same cells as the text they were made from. Without LibreOffice the tests say so
//! and pass: there is nothing to read a .doc with.
#![allow(clippy::unwrap_used)]

use gongkai_model::Source;
use gongkai_read::{read_bytes, ReadError};

fn file(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

#[test]
fn doc_fixtures_read_like_the_text_they_were_made_from() {
    for name in ["2021-typical-pipe", "2019-busy-cell-per-line"] {
        let doc = match read_bytes(&file(&format!("tests/fixtures/doc/{name}.doc"))) {
            Ok(r) => r.report,
            Err(ReadError::ToolMissing { tool, .. }) => {
                eprintln!(
                    "SKIPPED: {tool} is not installed (apt-get install libreoffice-writer-nogui)"
                );
                return;
            }
            Err(e) => panic!("{name}: {e}"),
        };
        let text = read_bytes(&file(&format!("examples/{name}.txt")))
            .unwrap()
            .report;
        assert_eq!(doc.format, text.format, "{name}");
        assert_eq!(doc.year.value, text.year.value, "{name}");
        assert_eq!(doc.agency.value, text.agency.value, "{name}");
        assert_eq!(doc.cells.len(), text.cells.len());
        for (d, t) in doc.cells.iter().zip(&text.cells) {
            assert_eq!(
                (d.key(), d.state, d.value),
                (t.key(), t.state, t.value),
                "{name}"
            );
            assert!(
                matches!(d.source, Source::Grid { .. }),
                "{name} {}: {:?}",
                d.key(),
                d.source
            );
        }
        assert!(gongkai_check::check(&doc)
            .iter()
            .all(|f| f.severity != gongkai_model::Severity::Error));
    }
}

#[test]
fn docx_saved_by_libreoffice_reads_like_the_text() {
    for name in ["2021-typical-pipe", "2019-busy-cell-per-line"] {
        let docx = read_bytes(&file(&format!("tests/fixtures/doc/{name}.docx")))
            .unwrap()
            .report;
        let text = read_bytes(&file(&format!("examples/{name}.txt")))
            .unwrap()
            .report;
        assert_eq!(
            (docx.format, docx.year.value),
            (text.format, text.year.value)
        );
        assert_eq!(docx.agency.value, text.agency.value, "{name}");
        for (d, t) in docx.cells.iter().zip(&text.cells) {
            assert_eq!(
                (d.key(), d.state, d.value),
                (t.key(), t.state, t.value),
                "{name}"
            );
        }
        assert_eq!(docx.cells.len(), text.cells.len());
    }
}

#[test]
fn a_damaged_doc_is_a_clear_error() {
    // An OLE2 header and nothing a word processor can use.
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.extend(std::iter::repeat_n(0x41u8, 4096));
    match read_bytes(&bytes) {
        Err(ReadError::Corrupt { kind: "DOC", .. }) | Err(ReadError::ToolMissing { .. }) => {}
        other => panic!("{:?}", other.map(|r| r.report.format)),
    }
}
