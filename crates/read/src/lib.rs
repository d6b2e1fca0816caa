//! Reading published reports: bytes → decoded text → [`Document`] → tokens → [`Report`].
//!
//! Readers never check: they say what the source holds, cell by cell, with its place in the
//! source and its state (KEYS.md), and note what they could not read. The rules live in
//! `gongkai-check`.

pub mod chrome;
pub mod decode;
pub mod doc;
pub mod document;
pub mod docx;
pub mod error;
pub mod html;
pub mod layout;
pub mod memo;
pub mod meta;
pub mod normalize;
pub mod pdf;
pub mod prose;
pub mod recognize;
pub mod scan;
pub mod sniff;
pub mod texts;
pub mod tokens;
pub mod value;
mod xml_ref;

pub use document::Document;
pub use error::ReadError;

use gongkai_model::Report;

/// Inputs larger than this are refused: no annual report comes near it, and the readers must
/// stay linear and bounded on hostile input.
pub const MAX_INPUT_BYTES: usize = 256 * 1024 * 1024;

/// A report read from a text, with the text it was read from.
#[derive(Debug, Clone)]
pub struct Read {
    pub document: Document,
    pub report: Report,
}

/// Reads a report from a file's bytes, whatever the kind (sniffed from the content): text,
/// PDF (through poppler's pdftotext), HTML and DOCX.
pub fn read_bytes(bytes: &[u8]) -> Result<Read, ReadError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(ReadError::TooLarge {
            size: bytes.len(),
            limit: MAX_INPUT_BYTES,
        });
    }
    match sniff::sniff(bytes) {
        sniff::Kind::Pdf => Ok(read_layout(pdf::read(bytes)?)),
        sniff::Kind::Html => Ok(read_layout(html::read(bytes)?)),
        sniff::Kind::Docx => Ok(read_layout(docx::read(bytes)?)),
        // A password-protected DOCX is an OLE container around the encrypted package.
        sniff::Kind::Ole if docx::is_encrypted(bytes) => Err(docx::encrypted()),
        sniff::Kind::Ole => Ok(read_layout(doc::read(bytes)?)),
        _ => read_text(bytes),
    }
}

/// Reads a report from a laid-out structured or paged document; source locations are given
/// in the original's terms (page, table, row, cell; paragraph; line on a page), and the report
/// keeps the document's reading order to sort them by.
pub fn read_layout(layout: layout::Layout) -> Read {
    let mut read = read_str(layout.text.clone());
    read.report.map_sources(|s| layout.locate(s));
    read.report.order = layout.reading_order();
    read
}

/// Reads a report from the bytes of a text file (UTF-8, UTF-16 with BOM, GB18030/GBK).
pub fn read_text(bytes: &[u8]) -> Result<Read, ReadError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(ReadError::TooLarge {
            size: bytes.len(),
            limit: MAX_INPUT_BYTES,
        });
    }
    let text = decode_text(bytes)?;
    if text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(read_str(text))
}

/// Reads a report from text that is already decoded.
pub fn read_str(text: String) -> Read {
    let document = Document::new(text);
    // Each line is trimmed and classified once, in the pass that tokenizes it: the metadata,
    // prose and kept-text readers walk its records of the lines.
    let content = tokens::tokenize_content(&document);
    let meta = meta::read_meta_of(&document, &content.lines);
    let mut report = recognize::recognize(&content.tokens, meta.year.value);
    prose::apply(&document, &content.lines, &mut report);
    report.texts = texts::section_texts(&document, &content.lines, &report);
    report.agency = meta.agency;
    report.year = meta.year;
    report.published_on = meta.published_on;
    Read { document, report }
}

fn decode_text(bytes: &[u8]) -> Result<String, ReadError> {
    decode::decode(bytes).map(|d| d.text)
}
