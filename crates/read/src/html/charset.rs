//! The character set of a page: BOM, then `<meta charset>` or `http-equiv` (GBK and GB2312
//! pages are common on government sites), then UTF-8 if the bytes are UTF-8, else GB18030.

use encoding_rs::Encoding;

use crate::error::ReadError;

pub fn decode(bytes: &[u8]) -> Result<String, ReadError> {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        return decode_with(enc, bytes.get(bom..).unwrap_or_default());
    }
    if let Some(enc) = declared(bytes) {
        // A page declared GBK that is really UTF-8 (a CMS re-encoded it) is read as UTF-8.
        if enc != encoding_rs::UTF_8 && std::str::from_utf8(bytes).is_ok() && !bytes.is_ascii() {
            return decode_with(encoding_rs::UTF_8, bytes);
        }
        return decode_with(enc, bytes);
    }
    crate::decode::decode(bytes).map(|d| d.text)
}

fn decode_with(enc: &'static Encoding, bytes: &[u8]) -> Result<String, ReadError> {
    // GBK and GB2312 labels: decode as GB18030, their superset.
    let enc = if enc == encoding_rs::GBK {
        encoding_rs::GB18030
    } else {
        enc
    };
    match enc.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(s) => Ok(s.into_owned()),
        None => crate::decode::decode(bytes).map(|d| d.text),
    }
}

/// The charset a page declares in its first bytes: `<meta charset="gbk">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`.
fn declared(bytes: &[u8]) -> Option<&'static Encoding> {
    let head: Vec<u8> = bytes
        .iter()
        .take(4096)
        .map(u8::to_ascii_lowercase)
        .collect();
    let mut from = 0;
    while let Some(i) = find(&head[from..], b"charset") {
        let at = from + i + b"charset".len();
        let rest = &head[at..];
        let rest = rest
            .iter()
            .position(|b| !matches!(b, b' ' | b'=' | b'"' | b'\''))
            .map_or(&[][..], |p| &rest[p..]);
        let end = rest
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_')))
            .unwrap_or(rest.len());
        if let Some(enc) = Encoding::for_label(&rest[..end]) {
            return Some(enc);
        }
        from = at;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_and_http_equiv() {
        let gbk = encoding_rs::GBK
            .encode("<html><meta charset=\"gbk\"><p>规章</p>")
            .0;
        assert!(decode(&gbk).unwrap().contains("规章"));
        let page = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"><p>行政许可</p>";
        let gb = encoding_rs::GBK.encode(page).0;
        assert!(decode(&gb).unwrap().contains("行政许可"));
        // Declared GBK, really UTF-8.
        assert!(decode("<meta charset=gbk><p>总计</p>".as_bytes())
            .unwrap()
            .contains("总计"));
    }
}
