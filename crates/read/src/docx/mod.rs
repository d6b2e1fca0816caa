//! DOCX (Office Open XML word processing): the body's paragraphs and tables, laid out as text
//! with every table row's cells at their grid positions (see [`crate::layout`]).
//!
//! A DOCX is a ZIP; the body is `word/document.xml`, and `word/numbering.xml` holds the
//! automatic numbering its paragraphs may refer to. Nothing else is read: headers, footers,
//! footnotes and comments are not the report.
//!
//! Laying out:
//! - a paragraph is a block (its line breaks make lines of the same block);
//! - a table row is a line, its cells at their grid positions: a merged cell printed once, in
//!   its first row and column, empty cells where it only covers (`grid`); a cell's paragraphs
//!   are joined with line breaks (which the layout makes spaces: `商业\n企业` is one label);
//! - a table nested in a cell is laid out after the row that holds it, as a table of its own
//!   (its rows are rows; flattening it into the cell would run its cells into one label);
//! - a table whose every row is a single cell is a frame around content, as some sites wrap a
//!   whole report: its cells' paragraphs and tables are laid out in place, as if unwrapped.
//!
//! Tables are numbered in the order they start in the document (nested and frame tables
//! included, so a number always names the same `w:tbl`), rows from 1 within their table
//! (rows deleted as tracked changes are not counted).
//!
//! Hostile files are bounded: the ZIP entries are read through a limit (never trusting the
//! sizes the archive declares), the compression ratio is watched, and tables, cells, grid
//! widths and XML nesting are capped. Anything beyond is a `Corrupt` error, never a panic.

pub mod grid;
pub mod numbering;
pub mod xml;

use std::io::{Cursor, Read as _};

use crate::error::ReadError;
use crate::layout::{Layout, LayoutBuilder};
use grid::{CellSpec, Grid, RowSpec};
use numbering::Numbering;
use xml::{Block, Limits, Table};

/// Largest decompressed size of one part: a report's `document.xml` is well under 1 MiB.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;
/// A part decompressing to more than this many times its compressed size (past the first MiB)
/// is a zip bomb: XML compresses 5–30 times, and deflate cannot go much beyond 1000.
pub const MAX_RATIO: u64 = 200;
/// Tables inside tables, counting the outermost.
pub const MAX_TABLE_DEPTH: usize = 32;
/// Table cells in the whole document.
pub const MAX_CELLS: usize = 200_000;
/// Grid columns of one row (Word allows 63).
pub const MAX_GRID_COLUMNS: u32 = 1_000;
/// Grid positions laid out in the whole document (the layout prints one per position).
pub const MAX_GRID_POSITIONS: usize = 2_000_000;
/// XML elements open at once.
pub const MAX_XML_DEPTH: usize = 1_000;

const KIND: &str = "DOCX";

fn corrupt(detail: impl Into<String>) -> ReadError {
    ReadError::Corrupt {
        kind: KIND,
        detail: detail.into(),
    }
}

/// Whether the bytes are an encrypted (password-protected) Office document: not a ZIP but an
/// OLE compound file holding an `EncryptedPackage` stream (its directory names are UTF-16).
pub fn is_encrypted(bytes: &[u8]) -> bool {
    const OLE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    bytes.starts_with(&OLE) && bytes.windows(name.len()).any(|w| w == name.as_slice())
}

/// The error for an encrypted document.
pub fn encrypted() -> ReadError {
    corrupt(
        "文件已加密（设有打开密码），无法读取；请在 Word 中取消密码后另存为 .docx 再试 / \
         the file is encrypted (password-protected): remove the password in Word, save it as \
         .docx and retry",
    )
}

/// Reads a DOCX into a layout.
pub fn read(bytes: &[u8]) -> Result<Layout, ReadError> {
    if is_encrypted(bytes) {
        return Err(encrypted());
    }
    if !bytes.starts_with(b"PK") {
        return Err(corrupt(
            "不是 ZIP 文件（DOCX 是 ZIP 压缩包） / not a ZIP archive (a DOCX is one)",
        ));
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        corrupt(format!(
            "ZIP 压缩包已损坏或不完整 / the ZIP archive is damaged or incomplete: {e}"
        ))
    })?;
    let document = part(&mut zip, "word/document.xml")?.ok_or_else(|| {
        corrupt("压缩包中没有 word/document.xml，不是 Word 文档 / the archive has no word/document.xml: it is not a Word document")
    })?;
    // Numbering is an aid: a damaged or oversized numbering part leaves labels out.
    let mut numbering = part(&mut zip, "word/numbering.xml")
        .ok()
        .flatten()
        .map(|x| Numbering::parse(&x));
    let blocks = xml::parse(
        &document,
        Limits {
            table_depth: MAX_TABLE_DEPTH,
            cells: MAX_CELLS,
            xml_depth: MAX_XML_DEPTH,
        },
        numbering.as_mut(),
    )
    .map_err(corrupt)?;
    let mut out = Out {
        b: LayoutBuilder::new(),
        positions: 0,
    };
    out.blocks(&blocks)?;
    let layout = out.b.finish();
    // As for a text file: a document with nothing to read says so, rather than giving a
    // report with every cell missing.
    if layout.text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(layout)
}

/// A part of the package, decompressed through the limits and decoded; `None` if absent.
fn part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<String>, ReadError> {
    let mut entry = match zip.by_name(name) {
        Ok(e) => e,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => {
            return Err(corrupt(format!(
                "无法打开 {name} / cannot open {name}: {e}"
            )))
        }
    };
    let compressed = entry.compressed_size();
    let mut out = Vec::new();
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        let n = entry.read(&mut chunk).map_err(|e| {
            corrupt(format!(
                "{name} 解压失败（文件损坏） / {name} cannot be decompressed (damaged): {e}"
            ))
        })?;
        if n == 0 {
            break;
        }
        out.extend_from_slice(chunk.get(..n).unwrap_or_default());
        let size = out.len() as u64;
        if size > MAX_PART_BYTES {
            return Err(corrupt(format!(
                "{name} 解压后超过 {} MiB，疑为压缩炸弹 / {name} decompresses to more than {} MiB: a zip bomb?",
                MAX_PART_BYTES >> 20,
                MAX_PART_BYTES >> 20
            )));
        }
        if size > 1 << 20 && size > compressed.saturating_mul(MAX_RATIO) {
            return Err(corrupt(format!(
                "{name} 压缩比超过 {MAX_RATIO}:1，疑为压缩炸弹 / {name} expands more than {MAX_RATIO} times: a zip bomb?"
            )));
        }
    }
    Ok(Some(decode(out)))
}

/// XML parts are UTF-8 (UTF-16 with a BOM is allowed and seen from old converters). Invalid
/// bytes become U+FFFD rather than failing the whole document: the damage then shows where it
/// is, in the text read.
fn decode(bytes: Vec<u8>) -> String {
    match encoding_rs::Encoding::for_bom(&bytes) {
        Some((enc, _)) if enc != encoding_rs::UTF_8 => enc.decode(&bytes).0.into_owned(),
        _ => match String::from_utf8(bytes) {
            Ok(s) if s.starts_with('\u{feff}') => s.trim_start_matches('\u{feff}').to_string(),
            // Valid UTF-8 without a BOM, the usual case: no copy.
            Ok(s) => s,
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        },
    }
}

/// The layout being written.
struct Out {
    b: LayoutBuilder,
    positions: usize,
}

impl Out {
    fn blocks(&mut self, blocks: &[Block]) -> Result<(), ReadError> {
        for block in blocks {
            match block {
                Block::Para(text) => self.b.paragraph(text),
                Block::Table(t) => self.table(t)?,
            }
        }
        Ok(())
    }

    fn table(&mut self, t: &Table) -> Result<(), ReadError> {
        if is_frame(t) {
            for cell in t.rows.iter().flat_map(|r| &r.cells) {
                self.blocks(&cell.blocks)?;
            }
            return Ok(());
        }
        let specs = t
            .rows
            .iter()
            .map(|r| {
                let width = r.cells.iter().fold(r.before.saturating_add(r.after), |w, c| {
                    w.saturating_add(c.span.max(1))
                });
                if width > MAX_GRID_COLUMNS {
                    return Err(corrupt(format!(
                        "表格 {n} 的一行宽于 {MAX_GRID_COLUMNS} 列 / a row of table {n} is wider than {MAX_GRID_COLUMNS} columns",
                        n = t.number
                    )));
                }
                self.positions += width as usize;
                if self.positions > MAX_GRID_POSITIONS {
                    return Err(corrupt(format!(
                        "表格单元格总数超过 {MAX_GRID_POSITIONS} / the tables have more than {MAX_GRID_POSITIONS} cells in all"
                    )));
                }
                Ok(RowSpec {
                    before: r.before,
                    after: r.after,
                    cells: r
                        .cells
                        .iter()
                        .map(|c| CellSpec {
                            text: cell_text(&c.blocks),
                            span: c.span,
                            vmerge: c.vmerge,
                        })
                        .collect(),
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let grid = Grid::build(&specs);
        for (i, row) in t.rows.iter().enumerate() {
            self.b.row(t.number, i as u32 + 1, &grid.texts(i));
            // Tables nested in this row's cells follow the row.
            for cell in &row.cells {
                for block in &cell.blocks {
                    if let Block::Table(nested) = block {
                        self.table(nested)?;
                    }
                }
            }
        }
        Ok(())
    }
}

/// A table used as a frame: every row one cell.
fn is_frame(t: &Table) -> bool {
    !t.rows.is_empty() && t.rows.iter().all(|r| r.cells.len() == 1)
}

/// A cell's paragraphs, one per line (nested tables are laid out after the row).
fn cell_text(blocks: &[Block]) -> String {
    let mut s = String::new();
    for b in blocks {
        if let Block::Para(p) = b {
            if !s.is_empty() {
                s.push('\n');
            }
            s.push_str(p);
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_decode_from_utf8_with_or_without_bom_and_utf16() {
        assert_eq!(decode("<a>表</a>".as_bytes().to_vec()), "<a>表</a>");
        assert_eq!(decode(b"\xEF\xBB\xBF<a/>".to_vec()), "<a/>");
        let utf16: Vec<u8> = [0xFEFF_u16]
            .into_iter()
            .chain("<a>表</a>".encode_utf16())
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(decode(utf16), "<a>表</a>");
        // A broken byte is shown where it is, not a failure of the whole part.
        assert_eq!(decode(b"<a>\xFF</a>".to_vec()), "<a>\u{FFFD}</a>");
    }

    #[test]
    fn frames_are_tables_of_single_cells() {
        let cell = |n| xml::Cell {
            span: 1,
            vmerge: grid::VMerge::None,
            blocks: vec![Block::Para(format!("p{n}"))],
        };
        let row = |cells| xml::Row {
            before: 0,
            after: 0,
            cells,
        };
        let frame = Table {
            number: 1,
            rows: vec![row(vec![cell(1)]), row(vec![cell(2)])],
        };
        assert!(is_frame(&frame));
        let table = Table {
            number: 1,
            rows: vec![row(vec![cell(1)]), row(vec![cell(2), cell(3)])],
        };
        assert!(!is_frame(&table));
        assert!(!is_frame(&Table::default()));
    }
}
