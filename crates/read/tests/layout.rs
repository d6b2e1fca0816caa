//! Text laid out as a PDF page lays it out (poppler's `pdftotext -layout` of LibreOffice's PDF of
//! the Word document `gongkai render --to docx` writes for `examples/2021-typical-pipe.txt`):
//! long row labels wrap over two or three lines in narrow columns, so the last line of a group's
//! label (`理结果`, `开`) sits on the same line as a row's own label, columns apart. Every value of
//! 表三 reads as in the source the document was made from.

use gongkai_model::CellState;

fn file(rel: &str) -> String {
    let p = format!("{}/../../{rel}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{p}: {e}"))
}

#[test]
fn labels_beside_a_wrapped_group_label_are_read() {
    let laid_out =
        gongkai_read::read_str(file("tests/fixtures/layout/libreoffice-docx-2021.txt")).report;
    let source = gongkai_read::read_str(file("examples/2021-typical-pipe.txt")).report;
    let mut printed = 0;
    for c in source.cells.iter().filter(|c| c.table == "requests") {
        let got = laid_out.cell(&c.key()).expect("the cell");
        assert_eq!(got.value, c.value, "{}", c.key());
        if got.state == CellState::Number {
            printed += 1;
        }
    }
    // All 25 rows × 7 columns are read as printed — 「3.危及“三安全」 too, which wraps after five
    // characters once its numbering is set aside (too short to name its row alone) and is
    // completed by its next line 「一稳定”」 (recognize/wrapped.rs).
    assert_eq!(printed, 25 * 7);
    // The rows whose labels share a line with a group label's last line: 「理结果  （二）部分公开…」,
    // 「开  2.其他法律行政」.
    for row in ["partially_granted", "withheld_prohibited"] {
        let c = laid_out
            .cells
            .iter()
            .find(|c| c.table == "requests" && c.row == row && c.column == "total")
            .expect("cell");
        assert_eq!(c.state, CellState::Number, "{row}");
    }
    // No values are left without a row (the values after 「3.危及“三安全」 were, before its label
    // was completed).
    let unlabelled = laid_out
        .notes
        .iter()
        .filter(|n| n.rule == "ROW-UNLABELLED")
        .count();
    assert_eq!(unlabelled, 0, "{:#?}", laid_out.notes);
}
