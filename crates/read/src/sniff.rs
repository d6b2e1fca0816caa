//! What kind of file a report is, from its bytes (never from its name: government sites serve
//! PDFs as `.html` and Word files as `.jsp`).

/// The kinds of input the readers know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Html,
    Pdf,
    /// Office Open XML word processing (a ZIP with `word/document.xml`).
    Docx,
    /// Another ZIP (XLSX, PPTX, an archive).
    Zip,
    /// Word 97–2003 and other OLE2 compound files.
    Ole,
    Image,
}

/// Sniffs the kind of a file from its first bytes (and, for ZIPs, its directory names).
pub fn sniff(bytes: &[u8]) -> Kind {
    let head = &bytes[..bytes.len().min(4096)];
    if head.starts_with(b"%PDF-") || find(&head[..head.len().min(1024)], b"%PDF-").is_some() {
        return Kind::Pdf;
    }
    if head.starts_with(b"PK\x03\x04") {
        // The part names are stored uncompressed in the local headers and central directory.
        return if find(bytes, b"word/document.xml").is_some() {
            Kind::Docx
        } else {
            Kind::Zip
        };
    }
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Kind::Ole;
    }
    if head.starts_with(b"\x89PNG")
        || head.starts_with(&[0xFF, 0xD8, 0xFF])
        || head.starts_with(b"GIF8")
    {
        return Kind::Image;
    }
    if looks_like_html(head) {
        return Kind::Html;
    }
    Kind::Text
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

/// An HTML document starts (after a BOM, white space and comments) with a doctype or a known
/// element; a text that merely mentions `<table>` somewhere is not HTML.
fn looks_like_html(head: &[u8]) -> bool {
    let start = head
        .iter()
        .position(|b| !(b.is_ascii_whitespace() || *b == 0xEF || *b == 0xBB || *b == 0xBF))
        .unwrap_or(head.len());
    let rest = head.get(start..).unwrap_or(&[]);
    // Every start below opens a tag: a text (the common case) is told by its first byte.
    if rest.first() != Some(&b'<') {
        return false;
    }
    // The longest start is 14 bytes: only those are lowered.
    let lower: Vec<u8> = rest.iter().take(16).map(u8::to_ascii_lowercase).collect();
    [
        &b"<!doctype html"[..],
        b"<html",
        b"<head",
        b"<body",
        b"<meta",
        b"<table",
        b"<div",
        b"<p>",
        b"<p ",
        b"<!--",
        b"<?xml",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_content() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Kind::Pdf);
        assert_eq!(sniff(b"PK\x03\x04....word/document.xml"), Kind::Docx);
        assert_eq!(sniff(b"PK\x03\x04....xl/workbook.xml"), Kind::Zip);
        assert_eq!(sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1]), Kind::Ole);
        assert_eq!(sniff(b"  <!DOCTYPE html><html>"), Kind::Html);
        assert_eq!(sniff(b"\xEF\xBB\xBF<html lang=zh>"), Kind::Html);
        assert_eq!(
            sniff("一、总体情况\n<table> in prose".as_bytes()),
            Kind::Text
        );
        assert_eq!(sniff(b""), Kind::Text);
    }
}
