//! DOCX: the official 2021 blank template (a real Word file with merged cells), generated
//! reports written as Word documents with the official tables, and hostile files.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::{Duration, Instant};

use gongkai_model::{CellState, FormatId, Report, Source};
use gongkai_read::{docx, read_bytes, ReadError};
use gongkai_synth::{generate, GenOptions, Scale};
use proptest::prelude::*;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/../../tests/fixtures/docx/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(path).unwrap()
}

fn template() -> Vec<u8> {
    fixture("format-2021-blank-template.docx")
}

fn lines(layout: &gongkai_read::layout::Layout) -> Vec<&str> {
    layout.text.lines().collect()
}

// ---- the official template ------------------------------------------------------------------

#[test]
fn the_blank_template_reads_as_the_2021_format_with_every_table_and_row() {
    let read = read_bytes(&template()).unwrap();
    let r = &read.report;
    assert_eq!(r.format, FormatId::F2021);
    let tables: Vec<(&str, Source)> = r.tables.iter().map(|t| (t.key, t.source)).collect();
    let grid = |table| Source::Grid {
        page: 0,
        table,
        row: 1,
        cell: 1,
    };
    assert_eq!(
        tables,
        [
            ("proactive", grid(1)),
            ("requests", grid(2)),
            ("review_litigation", grid(3)),
        ]
    );
    let sections: Vec<&str> = r.sections.iter().map(|s| s.key).collect();
    assert_eq!(
        sections,
        [
            "overview",
            "proactive",
            "requests",
            "review_litigation",
            "problems",
            "other_matters"
        ]
    );
    // Every row label is recognised: nothing is left unlabelled, nothing read by a near miss.
    let rules: Vec<&str> = r.notes.iter().map(|n| n.rule).collect();
    assert!(
        !rules.contains(&"ROW-UNLABELLED") && !rules.contains(&"LABEL-FUZZY"),
        "{rules:?}"
    );
    // It is blank: no cell holds a value.
    assert_eq!(r.cells.len(), r.format_def().cell_keys().count());
    for c in &r.cells {
        assert!(
            matches!(c.state, CellState::Missing | CellState::Blank),
            "{}: {:?} {:?}",
            c.key(),
            c.state,
            c.text
        );
        assert_eq!(c.value, None);
    }
    // Sections are paragraphs, located as blocks.
    assert!(r
        .sections
        .iter()
        .all(|s| matches!(s.source, Source::Block { page: 0, .. })));
}

#[test]
fn the_template_tables_are_laid_out_on_their_grids() {
    let layout = docx::read(&template()).unwrap();
    let l = lines(&layout);
    let at = |prefix: &str| {
        l.iter()
            .position(|x| x.starts_with(prefix))
            .unwrap_or_else(|| panic!("no line starts with {prefix}"))
    };
    // 表二: the block headings span the four grid columns; a one-column block's header and
    // value cells span three.
    let t2 = at("第二十条第（一）项");
    assert_eq!(l[t2], "第二十条第（一）项\t\t\t");
    assert_eq!(
        l[t2 + 1],
        "信息内容\t本年制发件数\t本年废止件数\t现行有效件数"
    );
    assert_eq!(l[t2 + 5], "信息内容\t本年处理决定数量\t\t");
    // 表三: the note covers three label columns and three header rows; 自然人 and 总计 are two
    // rows tall; 法人或其他组织 spans five columns; 商业\n企业 is two paragraphs of one cell.
    let t3 = at("（本列数据的勾稽关系为");
    assert_eq!(
        l[t3],
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t\t\t申请人情况\t\t\t\t\t\t"
    );
    assert_eq!(l[t3 + 1], "\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计");
    assert_eq!(
        l[t3 + 2],
        "\t\t\t\t商业 企业\t科研 机构\t社会公益组织\t法律服务机构\t其他\t"
    );
    assert_eq!(
        l[t3 + 3],
        format!("一、本年新收政府信息公开申请数量{}", "\t".repeat(9))
    );
    // 三、本年度办理结果 is merged down 22 rows, （三）不予公开 down 8.
    assert_eq!(
        l[t3 + 5],
        format!("三、本年度办理结果\t（一）予以公开{}", "\t".repeat(8))
    );
    assert_eq!(
        l[t3 + 7],
        format!("\t（三）不予公开\t1.属于国家秘密{}", "\t".repeat(7))
    );
    assert_eq!(
        l[t3 + 8],
        format!("\t\t2.其他法律行政法规禁止公开{}", "\t".repeat(7))
    );
    assert_eq!(l[t3 + 26], format!("\t（七）总计{}", "\t".repeat(8)));
    // 表四: the first five columns are two rows tall.
    let t4 = at("行政复议");
    assert_eq!(
        l[t4],
        format!("行政复议\t\t\t\t\t行政诉讼{}", "\t".repeat(9))
    );
    assert!(l[t4 + 1].starts_with(
        "结果维持\t结果 纠正\t其他 结果\t尚未 审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉"
    ));
    assert!(l[t4 + 2].starts_with("\t\t\t\t\t结果 维持"));
    assert_eq!(l[t4 + 3], "\t".repeat(14));
}

#[test]
fn template_cells_are_located_on_their_rows() {
    let r = read_bytes(&template()).unwrap().report;
    // Every cell of a row sits on that row's grid row (a missing value points at its row).
    let row_of = |table: &str, row: &str| -> Vec<Source> {
        r.cells
            .iter()
            .filter(|c| c.table == table && c.row == row)
            .map(|c| c.source)
            .collect()
    };
    for (table, row, want_table, want_row) in [
        ("requests", "received", 2, 4),
        ("requests", "granted", 2, 6),
        ("requests", "withheld_prohibited", 2, 9),
        ("requests", "other_misc", 2, 26),
        ("requests", "carried_out", 2, 28),
        ("proactive", "regulations", 1, 3),
        ("proactive", "fees", 1, 14),
    ] {
        for s in row_of(table, row) {
            match s {
                Source::Grid {
                    table: t, row: r, ..
                } => assert_eq!((t, r), (want_table, want_row), "{table}.{row}"),
                other => panic!("{table}.{row}: {other:?}"),
            }
        }
    }
}

// ---- generated reports ----------------------------------------------------------------------

fn assert_same(generated: &Report, d: &common::Docx, read: &Report) -> Result<(), TestCaseError> {
    prop_assert_eq!(read.format, generated.format);
    prop_assert_eq!(read.cells.len(), generated.cells.len());
    for g in &generated.cells {
        let r = read.cell(&g.key()).unwrap();
        prop_assert_eq!(r.state, CellState::Number, "{} {:?}", g.key(), r.text);
        let (a, b) = (r.value.unwrap(), g.value.unwrap());
        prop_assert!(
            (a - b).abs() < 1e-9,
            "{}: read {} generated {}",
            g.key(),
            a,
            b
        );
        prop_assert_eq!(&r.text, &g.text, "{} text", g.key());
        // The source is the grid cell the value was written in.
        let (table, row, cell) = d.cells[&g.key()];
        prop_assert_eq!(
            r.source,
            Source::Grid {
                page: 0,
                table,
                row,
                cell
            },
            "{} source",
            g.key()
        );
    }
    prop_assert!(read.notes.is_empty(), "{:?}", read.notes);
    prop_assert_eq!(read.tables.len(), 3);
    prop_assert_eq!(read.sections.len(), 6);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn generate_docx_read_is_identical(
        seed in any::<u64>(),
        format in prop_oneof![Just(FormatId::F2019), Just(FormatId::F2021)],
        scale in prop_oneof![Just(Scale::Quiet), Just(Scale::Typical), Just(Scale::Busy)],
        dress in any::<u64>(),
        numbered in any::<bool>(),
    ) {
        let generated = generate(seed, &GenOptions { format, year: None, scale });
        let d = common::report_docx(&generated, dress, numbered);
        let read = read_bytes(&d.bytes).unwrap().report;
        assert_same(&generated, &d, &read)?;
        // Section headings read as printed, whether typed or numbered by Word.
        let layout = docx::read(&d.bytes).unwrap();
        for s in generated.format_def().sections {
            let heading = format!("{}、{}", s.number, s.label);
            prop_assert!(layout.text.lines().any(|l| l == heading), "{}", heading);
        }
        prop_assert_eq!(read.year.value, generated.year.value);
        prop_assert_eq!(&read.agency.value, &generated.agency.value);
        let errors: Vec<_> = gongkai_check::check(&read)
            .into_iter()
            .filter(|f| f.severity == gongkai_model::Severity::Error)
            .collect();
        prop_assert!(errors.is_empty(), "{:?}", errors);
    }
}

// ---- hostile and damaged files --------------------------------------------------------------

/// Reads, within a time bound, and says whether it gave a report or which error.
fn read_bounded(bytes: &[u8]) -> Result<Report, ReadError> {
    let start = Instant::now();
    let out = read_bytes(bytes).map(|r| r.report);
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "took {:?}",
        start.elapsed()
    );
    out
}

fn is_docx_error(e: &ReadError) -> bool {
    matches!(e, ReadError::Corrupt { kind: "DOCX", .. })
}

#[test]
fn every_truncation_of_the_template_is_a_clear_error() {
    let bytes = template();
    for len in 0..bytes.len() {
        let cut = &bytes[..len];
        let result = read_bounded(cut);
        // Too short to name its document part, it is not recognisably a DOCX: read as text.
        if gongkai_read::sniff::sniff(cut) != gongkai_read::sniff::Kind::Docx {
            continue;
        }
        match result {
            Err(e) => assert!(is_docx_error(&e), "{len}: {e:?}"),
            Ok(r) => panic!("{len}: a truncated DOCX gave a report ({:?})", r.format),
        }
    }
}

#[test]
fn every_truncation_of_document_xml_is_a_clear_error() {
    let generated = generate(
        7,
        &GenOptions {
            format: FormatId::F2021,
            year: None,
            scale: Scale::Typical,
        },
    );
    let d = common::report_docx(&generated, 7, true);
    let xml = d.document_xml.as_bytes();
    let end = xml.len() - "</w:document>".len();
    for len in (0..end).step_by(197) {
        let bytes = common::package(&[("word/document.xml", &xml[..len])]);
        match read_bounded(&bytes) {
            Err(e) => assert!(is_docx_error(&e), "{len}: {e:?}"),
            Ok(_) => panic!("{len}: a truncated document.xml gave a report"),
        }
    }
}

#[test]
fn truncations_of_a_generated_docx_never_panic() {
    let generated = generate(
        3,
        &GenOptions {
            format: FormatId::F2019,
            year: None,
            scale: Scale::Busy,
        },
    );
    let d = common::report_docx(&generated, 3, false);
    for len in (0..d.bytes.len()).step_by(13) {
        let _ = read_bounded(&d.bytes[..len]);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Random bytes written over `document.xml`: a report or a clear error, never a panic.
    #[test]
    fn random_bytes_in_document_xml(
        seed in any::<u64>(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..20),
    ) {
        let generated = generate(seed, &GenOptions { format: FormatId::F2021, year: None, scale: Scale::Typical });
        let d = common::report_docx(&generated, seed, seed % 2 == 0);
        let mut xml = d.document_xml.into_bytes();
        for (at, b) in edits {
            let i = at.index(xml.len());
            xml[i] = b;
        }
        let bytes = common::package(&[("word/document.xml", &xml)]);
        if let Err(e) = read_bounded(&bytes) {
            prop_assert!(is_docx_error(&e), "{:?}", e);
        }
    }

    /// Random bytes written over the archive itself (headers, compressed data, directory).
    #[test]
    fn random_bytes_in_the_archive(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
    ) {
        let mut bytes = template();
        for (at, b) in edits {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        let _ = read_bounded(&bytes);
    }
}

#[test]
fn a_zip_bomb_is_refused() {
    // 100 MiB of white space inside the body compresses to about 100 KiB.
    let mut xml = common::document("").into_bytes();
    let at = xml.len() - "</w:body></w:document>".len();
    let filler = vec![b' '; 100 << 20];
    xml.splice(at..at, filler);
    let bytes = common::package(&[("word/document.xml", &xml)]);
    assert!(bytes.len() < 1 << 20, "{}", bytes.len());
    let start = Instant::now();
    let e = docx::read(&bytes).unwrap_err();
    assert!(start.elapsed() < Duration::from_secs(5));
    assert!(e.to_string().contains("zip bomb"), "{e}");
    assert!(e.message(gongkai_model::Lang::Zh).contains("压缩炸弹"));
}

#[test]
fn a_large_part_that_is_not_a_bomb_is_bounded_too() {
    // Stored, not compressed: no ratio to speak of, but larger than any report.
    let mut xml = common::document("").into_bytes();
    let at = xml.len() - "</w:body></w:document>".len();
    xml.splice(at..at, vec![b' '; (docx::MAX_PART_BYTES + 10) as usize]);
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .large_file(true);
    z.start_file("word/document.xml", opts).unwrap();
    std::io::Write::write_all(&mut z, &xml).unwrap();
    let bytes = z.finish().unwrap().into_inner();
    let e = docx::read(&bytes).unwrap_err();
    assert!(e.to_string().contains("more than 64 MiB"), "{e}");
}

fn table_in_table(levels: usize) -> String {
    let open = "<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>x</w:t></w:r></w:p>";
    let close = "</w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>";
    // A cell must end in a paragraph: the nested table is followed by one.
    format!(
        "{}{}",
        open.repeat(levels),
        close
            .replace("</w:tc><w:tc>", "<w:p/></w:tc><w:tc>")
            .repeat(levels)
    )
}

#[test]
fn deeply_nested_tables_are_refused() {
    let bytes = common::docx(&common::document(&table_in_table(40)), None);
    let e = read_bounded(&bytes).unwrap_err();
    assert!(
        is_docx_error(&e) && e.to_string().contains("nested deeper than 32"),
        "{e}"
    );
    // So is XML nested far deeper than any document.
    let deep = format!(
        "{}{}",
        "<w:sdt><w:sdtContent>".repeat(20_000),
        "</w:sdtContent></w:sdt>".repeat(20_000)
    );
    let bytes = common::docx(&common::document(&deep), None);
    let e = read_bounded(&bytes).unwrap_err();
    assert!(
        is_docx_error(&e) && e.to_string().contains("nested deeper"),
        "{e}"
    );
}

#[test]
fn nested_tables_follow_their_row() {
    let layout = docx::read(&common::docx(&common::document(&table_in_table(3)), None)).unwrap();
    // Each table's one row, then the table nested in it: numbered in the order they start.
    assert_eq!(layout.text, "x\t\t\nx\t\t\nx\t\t\n");
    let tables: Vec<u32> = layout
        .origins
        .iter()
        .map(|o| match o {
            gongkai_read::layout::Origin::Row { table, row: 1, .. } => *table,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(tables, [1, 2, 3]);
}

#[test]
fn a_report_framed_in_a_one_cell_table_reads_the_same() {
    for seed in 0..4 {
        let generated = generate(
            seed,
            &GenOptions {
                format: FormatId::F2021,
                year: None,
                scale: Scale::Typical,
            },
        );
        let d = common::report_docx(&generated, seed, false);
        let body_start = d.document_xml.find("<w:body>").unwrap() + "<w:body>".len();
        let body_end = d.document_xml.find("<w:sectPr>").unwrap();
        let framed = format!(
            "{}<w:tbl><w:tblGrid><w:gridCol w:w=\"9000\"/></w:tblGrid><w:tr><w:tc>{}<w:p/></w:tc></w:tr></w:tbl>{}",
            &d.document_xml[..body_start],
            &d.document_xml[body_start..body_end],
            &d.document_xml[body_end..]
        );
        let read = read_bounded(&common::docx(&framed, None)).unwrap();
        // The frame is table 1: the report's tables are 2, 3 and 4.
        let mut shifted = common::Docx {
            bytes: Vec::new(),
            document_xml: String::new(),
            cells: d.cells.clone(),
        };
        for v in shifted.cells.values_mut() {
            v.0 += 1;
        }
        assert_same(&generated, &shifted, &read).unwrap();
    }
}

#[test]
fn a_docx_without_its_document_part_is_a_clear_error() {
    // A body with no text is empty, as an empty text file is.
    let bytes = common::docx(
        &common::document("<w:p/><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>"),
        None,
    );
    assert_eq!(read_bounded(&bytes).unwrap_err(), ReadError::Empty);
    let bytes = common::package(&[("word/styles.xml", b"<w:styles/>")]);
    let e = docx::read(&bytes).unwrap_err();
    assert!(
        is_docx_error(&e) && e.to_string().contains("no word/document.xml"),
        "{e}"
    );
    // Not sniffed as a DOCX, it is not read as one; whatever the text reader says, no panic.
    let _ = read_bounded(&bytes);
}

#[test]
fn an_encrypted_docx_says_it_is_encrypted() {
    // The head of an OLE compound file, and the directory entry of the encrypted package.
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.resize(1024, 0);
    bytes.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    bytes.resize(4096, 0);
    let e = read_bounded(&bytes).unwrap_err();
    assert!(is_docx_error(&e), "{e:?}");
    assert!(
        e.to_string().contains("encrypted (password-protected)"),
        "{e}"
    );
    assert!(e.message(gongkai_model::Lang::Zh).contains("已加密"));
    // A file that is not a ZIP at all, handed to the DOCX reader.
    assert!(is_docx_error(&docx::read(b"%PDF-1.7").unwrap_err()));
}

#[test]
fn absurd_grid_widths_are_refused() {
    for tc in [
        r#"<w:tc><w:tcPr><w:gridSpan w:val="4000000000"/></w:tcPr><w:p/></w:tc><w:tc><w:p/></w:tc>"#,
        r#"<w:trPr><w:gridBefore w:val="4294967295"/><w:gridAfter w:val="4294967295"/></w:trPr><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc>"#,
    ] {
        let xml = common::document(&format!("<w:tbl><w:tr>{tc}</w:tr></w:tbl>"));
        let e = read_bounded(&common::docx(&xml, None)).unwrap_err();
        assert!(e.to_string().contains("wider than"), "{e}");
    }
    // Many narrow rows add up too: a million empty rows of 1,000 columns is refused, quickly.
    let row = r#"<w:tr><w:trPr><w:gridAfter w:val="998"/></w:trPr><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr>"#;
    let xml = common::document(&format!("<w:tbl>{}</w:tbl>", row.repeat(3_000)));
    let e = read_bounded(&common::docx(&xml, None)).unwrap_err();
    assert!(e.to_string().contains("cells in all"), "{e}");
}
