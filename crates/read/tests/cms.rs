//! The CMS fixtures (tests/fixtures/cms, made by tests/fixtures/cms/make.sh): the seeds and two
//! generated reports as pages of government websites (a GBK TRS/WCM page with Word's HTML, a
//! UTF-8 div-based page) and as the PDF, DOCX and .doc LibreOffice makes of those pages. Every
//! file reads to the cells of the text it was made from, cell by cell, and every cell's source
//! is a place in the document that holds the cell's value.
//!
//! Three more PDFs are of the official layout alone (the hard case for PDF tables, see
//! [`OFFICIAL_PDFS`]).
//!
//! PDF needs pdftotext and .doc needs LibreOffice: without them those files are skipped (and
//! say so); HTML and DOCX need nothing.
#![allow(clippy::unwrap_used)]

use gongkai_model::report::format_value;
use gongkai_model::{CellState, Report, Source};
use gongkai_read::layout::{Layout, Origin};
use gongkai_read::{read_bytes, read_layout, ReadError};

/// Fixture name and the text it was made from.
const FIXTURES: [(&str, &str); 7] = [
    (
        "seed-000-trs",
        "tests/fixtures/seeds/000_33abec3ff02c02bd.txt",
    ),
    (
        "seed-001-modern",
        "tests/fixtures/seeds/001_a1fd908adc18705e.txt",
    ),
    (
        "seed-002-trs",
        "tests/fixtures/seeds/002_a636d83d73b501d7.txt",
    ),
    (
        "seed-003-modern",
        "tests/fixtures/seeds/003_d22f653d47743c2c.txt",
    ),
    (
        "seed-004-trs",
        "tests/fixtures/seeds/004_b6b282f6157a8fb9.txt",
    ),
    ("synth-2020-typical-modern", "examples/2020-typical-tab.txt"),
    ("synth-2021-quiet-trs", "examples/2021-quiet-tab.txt"),
];

fn file(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// The layout of a fixture, or `None` when the tool its format needs is missing.
fn layout(ext: &str, bytes: &[u8]) -> Option<Layout> {
    let laid_out = match ext {
        "html" => gongkai_read::html::read(bytes),
        "docx" => gongkai_read::docx::read(bytes),
        "pdf" => gongkai_read::pdf::read(bytes),
        "doc" => gongkai_read::doc::read(bytes),
        _ => unreachable!(),
    };
    match laid_out {
        Ok(l) => Some(l),
        Err(ReadError::ToolMissing { tool, .. }) => {
            eprintln!("SKIPPED {ext}: {tool} is not installed");
            None
        }
        Err(e) => panic!("{ext}: {e}"),
    }
}

/// The text of the place a source names in the layout: a table cell, a paragraph, a page line.
fn located_text<'a>(l: &'a Layout, source: &Source) -> Option<String> {
    let lines: Vec<&'a str> = l.text.split('\n').collect();
    for (i, origin) in l.origins.iter().enumerate() {
        let line = lines.get(i)?;
        match (origin, source) {
            (
                Origin::Row {
                    page,
                    table,
                    row,
                    cells,
                },
                Source::Grid {
                    page: p,
                    table: t,
                    row: r,
                    cell: c,
                },
            ) if (page, table, row) == (p, t, r) => {
                let at = *cells.get((*c as usize).checked_sub(1)?)?;
                let end = cells.get(*c as usize).map_or(line.len(), |e| e - 1);
                return line.get(at..end).map(str::to_string);
            }
            (Origin::Block { page, index }, Source::Block { page: p, index: b })
                if (page, index) == (p, b) =>
            {
                // A paragraph may be laid out over several lines: all of them.
                let all: Vec<&str> = l
                    .origins
                    .iter()
                    .zip(&lines)
                    .filter(|(o, _)| *o == origin)
                    .map(|(_, t)| *t)
                    .collect();
                return Some(all.join("\n"));
            }
            // A paragraph's printed lines are joined into one laid-out line: the text of the
            // printed line the source names.
            (
                Origin::PageLine {
                    page,
                    line: pl,
                    joins,
                },
                Source::Paged {
                    page: p,
                    page_line: q,
                    ..
                },
            ) if page == p => {
                let mut starts = vec![(0, *pl)];
                starts.extend(joins.iter().copied());
                if let Some(k) = starts.iter().position(|&(_, l)| l == *q) {
                    let end = starts.get(k + 1).map_or(line.len(), |&(e, _)| e);
                    return line.get(starts[k].0..end).map(str::to_string);
                }
            }
            _ => {}
        }
    }
    None
}

/// The digits of a printed value (`减7` → `7`, `14.4万元` → `14.4`).
fn digits(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect()
}

/// Reads a fixture and compares it with the text it was made from; `None` when skipped.
fn check_fixture(name: &str, ext: &str, text: &Report) -> Option<()> {
    let bytes = file(&format!("tests/fixtures/cms/{name}.{ext}"));
    let layout = layout(ext, &bytes)?;
    let read = read_layout(layout.clone()).report;
    // Through the sniffing entry point too: the same report.
    assert_eq!(
        read_bytes(&bytes).unwrap().report.cells.len(),
        read.cells.len()
    );
    let what = format!("{name}.{ext}");
    assert_eq!(read.format, text.format, "{what}");
    assert_eq!(read.year.value, text.year.value, "{what}");
    assert_eq!(read.agency.value, text.agency.value, "{what}");
    assert_eq!(read.cells.len(), text.cells.len(), "{what}");
    for (r, t) in read.cells.iter().zip(&text.cells) {
        // `gongkai render` prints the values the text left out and the reader inferred (the
        // page shows them in italics): those are printed numbers in the fixture.
        let state = match (t.state, r.state) {
            (CellState::Inferred, CellState::Number) => CellState::Inferred,
            _ => r.state,
        };
        assert_eq!(
            (r.key(), state, r.value),
            (t.key(), t.state, t.value),
            "{what}"
        );
        if r.state != CellState::Number {
            continue;
        }
        // The source is a place in the document, and that place holds the value.
        assert!(
            matches!(
                r.source,
                Source::Grid { .. } | Source::Block { .. } | Source::Paged { .. }
            ),
            "{what} {}: {:?}",
            r.key(),
            r.source
        );
        if ext == "pdf" {
            assert!(
                !matches!(r.source, Source::Grid { page: 0, .. }),
                "{what}: a PDF's cells are on pages"
            );
        }
        let at = located_text(&layout, &r.source)
            .unwrap_or_else(|| panic!("{what} {}: {:?} is not in the layout", r.key(), r.source));
        let value = format_value(r.value.unwrap().abs());
        // A table cell holds the value alone; a paragraph (or a layout table's cell holding
        // the whole article) holds it in a sentence; a PDF's printed line holds it at the
        // source's column, as a figure or as a phrase stating zero (`未发生…行政复议`).
        let placed = match r.source {
            Source::Paged {
                page_column, len, ..
            } => Some(
                at.chars()
                    .skip(page_column.saturating_sub(1) as usize)
                    .take(len.max(1) as usize)
                    .collect::<String>(),
            ),
            _ => None,
        };
        assert!(
            match placed {
                Some(p) if value == "0" && p.starts_with(['未', '无', '没']) => true,
                Some(p) => digits(&p).starts_with(&value),
                None if at.chars().count() <= 12 => digits(&at) == value,
                None => at.contains(&value),
            },
            "{what} {}: {:?} holds {at:?}, not {value}",
            r.key(),
            r.source
        );
    }
    Some(())
}

fn check_all(ext: &str) {
    for (name, source) in FIXTURES {
        let text = read_bytes(&file(source)).unwrap().report;
        assert!(!text.cells.is_empty(), "{source}");
        if check_fixture(name, ext, &text).is_none() {
            return;
        }
    }
}

#[test]
fn cms_pages_read_like_their_text() {
    check_all("html");
}

#[test]
fn docx_made_from_cms_pages_reads_like_the_text() {
    check_all("docx");
}

#[test]
fn pdf_made_from_cms_pages_reads_like_the_text() {
    check_all("pdf");
}

#[test]
fn doc_made_from_cms_pages_reads_like_the_text() {
    check_all("doc");
}

/// The pages are what the styles say: the TRS pages GBK with an `http-equiv` charset and Word's
/// markup, the modern ones UTF-8 with `<meta charset>`; both with site chrome around the report.
#[test]
fn the_pages_are_dressed_as_cms_pages() {
    for (name, _) in FIXTURES {
        let bytes = file(&format!("tests/fixtures/cms/{name}.html"));
        if name.ends_with("-trs") {
            assert!(std::str::from_utf8(&bytes).is_err(), "{name} is GBK");
            let (page, _, bad) = encoding_rs::GBK.decode(&bytes);
            assert!(!bad);
            for mark in [
                "http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"",
                "TRS_Editor",
                "class=MsoNormal",
                "<o:p></o:p>",
                "主办单位",
                "ICP备",
                "分享到",
                "当前位置",
            ] {
                assert!(page.contains(mark), "{name}: {mark}");
            }
        } else {
            let page = std::str::from_utf8(&bytes).unwrap();
            for mark in [
                "<meta charset=\"utf-8\">",
                "class=\"breadcrumb\"",
                "class=\"article-content\"",
                "class=\"share-bar\"",
                "主办单位",
                "ICP备",
            ] {
                assert!(page.contains(mark), "{name}: {mark}");
            }
        }
    }
}

/// PDFs of the official layout alone, as LibreOffice prints gongkai's rendering at 12–14 pt:
/// narrow label columns with labels wrapped over two to four lines, merged group labels a few
/// characters a line, header rows repeated on every page, rows cut by page breaks.
const OFFICIAL_PDFS: [(&str, &str); 3] = [
    (
        "seed-004-official-12pt",
        "tests/fixtures/seeds/004_b6b282f6157a8fb9.txt",
    ),
    (
        "seed-004-official-14pt",
        "tests/fixtures/seeds/004_b6b282f6157a8fb9.txt",
    ),
    (
        "synth-2020-typical-official-13pt",
        "examples/2020-typical-tab.txt",
    ),
];

#[test]
fn pdf_of_the_official_layout_reads_like_the_text() {
    for (name, source) in OFFICIAL_PDFS {
        let text = read_bytes(&file(source)).unwrap().report;
        if check_fixture(name, "pdf", &text).is_none() {
            return;
        }
    }
}

/// PDFs of pages with a sidebar (`cms_page` styles `*-sidebar`): a column of links printed
/// beside the title and the first paragraphs — related links and topics on the right of a
/// modern page, the column's catalogue on the left of a TRS page, other years' reports among
/// them.
const SIDEBAR_PDFS: [(&str, &str, &[&str]); 2] = [
    (
        "seed-001-modern-sidebar",
        "tests/fixtures/seeds/001_a1fd908adc18705e.txt",
        &[
            "相关链接",
            "政府信息公开指南",
            "热点专题",
            "优化营商环境",
            "12345热线",
        ],
    ),
    (
        "synth-2021-quiet-trs-sidebar",
        "examples/2021-quiet-tab.txt",
        &[
            "机构概况",
            "财政预决算",
            "信息公开意见箱",
            "2022年度报告",
            "2023年度报告",
        ],
    ),
];

#[test]
fn pdf_of_a_page_with_a_sidebar_reads_like_the_text() {
    for (name, source, _) in SIDEBAR_PDFS {
        let text = read_bytes(&file(source)).unwrap().report;
        if check_fixture(name, "pdf", &text).is_none() {
            return;
        }
    }
}

/// The sidebar is read as a flow of its own, after its page's article: none of its words on a
/// line of the article (the title's, a paragraph's), none in what the report keeps of the
/// prose; the article's paragraphs beside it join as they wrap.
#[test]
fn a_sidebar_is_read_apart_from_the_article() {
    for (name, _, marks) in SIDEBAR_PDFS {
        let bytes = file(&format!("tests/fixtures/cms/{name}.pdf"));
        let Some(layout) = layout("pdf", &bytes) else {
            return;
        };
        let lines: Vec<&str> = layout.text.lines().collect();
        // The sidebar's lines: the first with a mark and the lines after it on its page (the
        // sidebar is read after the article beside it).
        let mut side = vec![false; lines.len()];
        let mut in_sidebar: Option<u32> = None;
        for (i, (line, origin)) in lines.iter().zip(&layout.origins).enumerate() {
            let page = match origin {
                Origin::PageLine { page, .. } | Origin::Row { page, .. } => *page,
                Origin::Block { page, .. } => *page,
            };
            if in_sidebar.is_some_and(|p| p != page) {
                in_sidebar = None;
            }
            if marks.iter().any(|m| line.contains(m)) && in_sidebar.is_none() {
                in_sidebar = Some(page);
            }
            side[i] = in_sidebar.is_some();
        }
        let sidebar: Vec<&str> = (0..lines.len())
            .filter(|&i| side[i])
            .map(|i| lines[i])
            .collect();
        assert!(sidebar.len() >= 8, "{name}: {sidebar:#?}");
        // Short lines of links: nothing of the article came with them.
        for l in &sidebar {
            assert!(
                l.chars().count() <= 20 && !l.contains("。"),
                "{name}: {l:?} in the sidebar"
            );
        }
        for (i, l) in lines.iter().enumerate() {
            if !side[i] {
                for m in marks.iter() {
                    assert!(!l.contains(m), "{name}: {m} on the article's line {l:?}");
                }
            }
        }
        let read = read_layout(layout.clone()).report;
        for t in &read.texts {
            for m in marks.iter() {
                assert!(!t.text.contains(m), "{name}: {m} in {}", t.key);
            }
        }
        for st in &read.statements {
            for m in marks.iter() {
                assert!(!st.sentence.contains(m), "{name}: {m} in {:?}", st.sentence);
            }
        }
    }
}

/// What the rows rebuilt from the words' boxes are for: the same PDFs read through the lines of
/// `pdftotext -layout` (the fallback) lose cells — a wrapped label's lines fall on both sides of
/// its values, a label cut by a page break names no row.
#[test]
fn the_layout_text_of_the_official_pdfs_misreads_them() {
    let mut wrong = 0;
    for (name, source) in OFFICIAL_PDFS {
        let bytes = file(&format!("tests/fixtures/cms/{name}.pdf"));
        let plain = match gongkai_read::pdf::read_plain(&bytes) {
            Ok(l) => read_layout(l).report,
            Err(ReadError::ToolMissing { .. }) => return,
            Err(e) => panic!("{name}: {e}"),
        };
        let text = read_bytes(&file(source)).unwrap().report;
        wrong += plain
            .cells
            .iter()
            .zip(&text.cells)
            .filter(|(p, t)| (p.state, p.value) != (t.state, t.value))
            .count();
    }
    assert!(wrong > 0);
}

/// A LibreOffice PDF cut short or with bytes flipped all through: an error or a report, never a
/// panic (the word boxes of a damaged file, whatever poppler still finds, go through the same
/// row rebuilding).
#[test]
fn truncated_and_damaged_pdfs_give_an_error_or_a_report() {
    let bytes = file("tests/fixtures/cms/seed-004-official-12pt.pdf");
    if let Err(ReadError::ToolMissing { .. }) = gongkai_read::pdf::read(&bytes) {
        return;
    }
    let n = bytes.len();
    for cut in [0, 10, 100, n / 4, n / 2, n - 1000, n - 10] {
        let _ = read_bytes(&bytes[..cut]);
    }
    for step in [997, 4099] {
        let mut damaged = bytes.clone();
        for i in (2000..n).step_by(step) {
            damaged[i] ^= 0x55;
        }
        let _ = read_bytes(&damaged);
    }
}
