//! Bytes → text. Decides the encoding, refuses what is not a text report, and never guesses
//! silently: a byte sequence that is not valid in the chosen encoding is an error, not a `�`.
//!
//! Order of decisions, and why:
//! 1. empty input → [`ReadError::Empty`];
//! 2. a byte-order mark decides the encoding outright (UTF-8, UTF-16 LE/BE, GB18030): a BOM is
//!    the writer saying what it wrote, so no other evidence may override it;
//! 3. magic bytes of other file kinds (PDF, ZIP/Office, OLE2 .doc, images) → [`ReadError::Unsupported`],
//!    so the user is told "this is a PDF" rather than "byte 10 is not UTF-8";
//! 4. a NUL byte → [`ReadError::Undecodable`]: no text report has one, and without a BOM it means
//!    UTF-16/32 or a binary file, which we will not guess at;
//! 5. valid UTF-8 → UTF-8 (Chinese text in GB18030 is practically never valid UTF-8);
//! 6. otherwise GB18030 (a superset of GBK and GB2312, the usual encodings of Chinese government
//!    sites), decoded *without replacement*; if that fails too, the offset reported is where UTF-8
//!    validation failed, the first place the file stopped being what we expected most.
//!
//! The decoded text keeps every character as printed (no NFKC, no newline changes): source
//! locations point into it. Only a leading BOM is removed.

use crate::error::ReadError;
use encoding_rs::{DecoderResult, GB18030};

/// Text decoded from bytes, with the name of the encoding it was in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without a byte-order mark.
    pub text: String,
    /// `"UTF-8"`, `"UTF-16LE"`, `"UTF-16BE"` or `"GB18030"` (which covers GBK and GB2312).
    pub encoding: &'static str,
}

const BOM_UTF8: &[u8] = b"\xEF\xBB\xBF";
const BOM_UTF16LE: &[u8] = b"\xFF\xFE";
const BOM_UTF16BE: &[u8] = b"\xFE\xFF";
const BOM_GB18030: &[u8] = b"\x84\x31\x95\x33";

/// Decodes a report file's bytes to text. See the module documentation for the rules.
pub fn decode(bytes: &[u8]) -> Result<Decoded, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    let decoded = match by_bom(bytes) {
        Some(result) => result?,
        None => without_bom(bytes)?,
    };
    if decoded.text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(decoded)
}

/// Decodes according to a leading byte-order mark, if there is one.
fn by_bom(bytes: &[u8]) -> Option<Result<Decoded, ReadError>> {
    if let Some(rest) = bytes.strip_prefix(BOM_UTF8) {
        return Some(strict_utf8(rest, BOM_UTF8.len()));
    }
    // GB18030's BOM is checked before UTF-16's: they do not overlap, but keeping the longest
    // marks first makes that obvious.
    if let Some(rest) = bytes.strip_prefix(BOM_GB18030) {
        return Some(gb18030(rest).map_err(|bad| ReadError::Undecodable {
            offset: BOM_GB18030.len() + bad,
        }));
    }
    if let Some(rest) = bytes.strip_prefix(BOM_UTF16LE) {
        return Some(utf16(rest, u16::from_le_bytes, "UTF-16LE"));
    }
    if let Some(rest) = bytes.strip_prefix(BOM_UTF16BE) {
        return Some(utf16(rest, u16::from_be_bytes, "UTF-16BE"));
    }
    None
}

/// Decodes bytes that carry no byte-order mark.
fn without_bom(bytes: &[u8]) -> Result<Decoded, ReadError> {
    if let Some(kind) = sniff_kind(bytes) {
        return Err(ReadError::Unsupported { kind });
    }
    if let Some(offset) = memchr::memchr(0, bytes) {
        return Err(ReadError::Undecodable { offset });
    }
    match utf8(bytes) {
        Some(text) => Ok(Decoded {
            text: text.to_owned(),
            encoding: "UTF-8",
        }),
        // The offset reported is where UTF-8 broke: GB18030 was only the fallback.
        None => gb18030(bytes).map_err(|_| ReadError::Undecodable {
            offset: utf8_valid_up_to(bytes),
        }),
    }
}

/// The bytes as text if they are valid UTF-8. encoding_rs validates multi-byte text (Chinese)
/// in fewer instructions than `std::str::from_utf8`, which is fastest on ASCII; both accept
/// exactly the same byte sequences (the Unicode standard's UTF-8).
fn utf8(bytes: &[u8]) -> Option<&str> {
    match encoding_rs::UTF_8.decode_without_bom_handling_and_without_replacement(bytes)? {
        std::borrow::Cow::Borrowed(text) => Some(text),
        // UTF-8 decoded without replacement is always borrowed; should it ever not be, the
        // standard library decides.
        std::borrow::Cow::Owned(_) => std::str::from_utf8(bytes).ok(),
    }
}

/// Where UTF-8 validation of `bytes` fails (their length if it does not).
fn utf8_valid_up_to(bytes: &[u8]) -> usize {
    encoding_rs::Encoding::utf8_valid_up_to(bytes)
}

/// UTF-8 after a BOM: the BOM promised UTF-8, so there is no fallback to GB18030.
fn strict_utf8(rest: &[u8], bom_len: usize) -> Result<Decoded, ReadError> {
    let text = utf8(rest).ok_or_else(|| ReadError::Undecodable {
        offset: bom_len + utf8_valid_up_to(rest),
    })?;
    if let Some(i) = memchr::memchr(0, rest) {
        return Err(ReadError::Undecodable {
            offset: bom_len + i,
        });
    }
    Ok(Decoded {
        text: text.to_owned(),
        encoding: "UTF-8",
    })
}

/// GB18030 without replacement characters; at the first malformed sequence, `Err` with the
/// byte offset where that sequence starts. This is the streaming form of encoding_rs's
/// `decode_without_bom_handling_and_without_replacement`, used because it says where it failed. A BOM decoded from the GB18030 bytes themselves
/// (`84 31 95 33`) is dropped.
fn gb18030(bytes: &[u8]) -> Result<Decoded, usize> {
    if let Some(nul) = memchr::memchr(0, bytes) {
        return Err(nul);
    }
    let mut decoder = GB18030.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(2));
    let mut text = String::with_capacity(capacity);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut text, true);
    match result {
        DecoderResult::InputEmpty => {}
        DecoderResult::Malformed(bad, extra) => {
            return Err(read.saturating_sub(usize::from(bad) + usize::from(extra)));
        }
        // Cannot happen with the capacity asked above; still an error, never a panic.
        DecoderResult::OutputFull => return Err(read),
    }
    if text.starts_with('\u{FEFF}') {
        text.drain(..'\u{FEFF}'.len_utf8());
    }
    Ok(Decoded {
        text,
        encoding: "GB18030",
    })
}

/// UTF-16 after its BOM. Our own loop rather than encoding_rs so that an error can say at which
/// byte it happened (an odd trailing byte, an unpaired surrogate, or a NUL character).
fn utf16(
    rest: &[u8],
    unit: fn([u8; 2]) -> u16,
    encoding: &'static str,
) -> Result<Decoded, ReadError> {
    const BOM_LEN: usize = 2;
    let units = rest.chunks_exact(2).map(|c| match *c {
        [a, b] => unit([a, b]),
        _ => 0, // chunks_exact(2) yields only pairs
    });
    let mut text = String::with_capacity(rest.len());
    let mut offset = BOM_LEN;
    for ch in char::decode_utf16(units) {
        match ch {
            Ok('\0') | Err(_) => return Err(ReadError::Undecodable { offset }),
            Ok(c) => {
                offset += c.len_utf16() * 2;
                text.push(c);
            }
        }
    }
    if rest.len() % 2 == 1 {
        return Err(ReadError::Undecodable {
            offset: BOM_LEN + rest.len() - 1,
        });
    }
    Ok(Decoded { text, encoding })
}

/// The kind of a non-text file recognised by its first bytes, for a helpful error.
fn sniff_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF-", "PDF"),
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "DOC/XLS (OLE2)"),
        (b"\x89PNG\r\n\x1a\n", "PNG"),
        (b"\xFF\xD8\xFF", "JPEG"),
        (b"GIF87a", "GIF"),
        (b"GIF89a", "GIF"),
    ];
    if let Some(&(_, kind)) = MAGIC.iter().find(|(m, _)| bytes.starts_with(m)) {
        return Some(kind);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Some(zip_kind(bytes));
    }
    None
}

/// Office files are ZIP archives; the names of their first entries say which application made
/// them. Only the start of the archive is looked at (entry names sit in the local headers).
fn zip_kind(bytes: &[u8]) -> &'static str {
    let head = bytes.get(..bytes.len().min(64 * 1024)).unwrap_or(bytes);
    let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    if has(b"word/") {
        "DOCX"
    } else if has(b"xl/") {
        "XLSX"
    } else if has(b"ppt/") {
        "PPTX"
    } else {
        "ZIP"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_reports_the_byte_of_an_unpaired_surrogate() {
        // BOM, 'a', lone high surrogate D800, 'b'.
        let bytes = [0xFF, 0xFE, b'a', 0, 0x00, 0xD8, b'b', 0];
        assert_eq!(decode(&bytes), Err(ReadError::Undecodable { offset: 4 }));
    }

    #[test]
    fn zip_kinds_are_told_apart() {
        assert_eq!(zip_kind(b"PK\x03\x04....word/document.xml"), "DOCX");
        assert_eq!(zip_kind(b"PK\x03\x04....xl/workbook.xml"), "XLSX");
        assert_eq!(zip_kind(b"PK\x03\x04....mimetype"), "ZIP");
    }
}
