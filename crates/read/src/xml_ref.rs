//! Character and entity references in the XML the readers parse (DOCX parts, poppler's
//! `-bbox-layout` output): quick-xml reports `&amp;` and `&#20013;` as events of their own.

use quick_xml::events::BytesRef;

/// The character a reference stands for: a numeric reference, or one of the five entities XML
/// predefines (neither Word nor poppler writes others); `None` for anything else.
pub(crate) fn resolve(r: &BytesRef<'_>) -> Option<char> {
    match r.resolve_char_ref() {
        Ok(Some(c)) => Some(c),
        Ok(None) => predefined(r),
        Err(_) => None,
    }
}

fn predefined(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => return None,
    })
}
