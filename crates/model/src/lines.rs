//! How a text is split into lines: the convention every `Source::Text` line number follows.
//! Readers and renderers of diagnostics must agree on it, so it lives here, once.

/// The byte range of each line's content (without its line break). A line ends at `\n`,
/// `\r\n` or a lone `\r`; a final line break does not start another (empty) line.
pub fn line_ranges(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    // Reports average a few dozen bytes a line: room for that many, grown only past it.
    let mut lines = Vec::with_capacity(bytes.len() / 24 + 1);
    // Most texts break lines with `\n` alone: one search for a `\r` tells so, and the breaks
    // are then found without the two-byte search and its care for `\r\n`.
    let start = if memchr::memchr(b'\r', bytes).is_none() {
        newline_ranges(bytes, &mut lines)
    } else {
        any_break_ranges(bytes, &mut lines)
    };
    if start < bytes.len() {
        lines.push((start, bytes.len()));
    }
    lines
}

/// [`line_ranges`] of a text without `\r`, but for its last line: pushed to `lines`, and the
/// start of the last line returned. The one-byte search costs less per break than the
/// two-byte one of [`any_break_ranges`].
fn newline_ranges(bytes: &[u8], lines: &mut Vec<(usize, usize)>) -> usize {
    let mut start = 0;
    for i in memchr::memchr_iter(b'\n', bytes) {
        lines.push((start, i));
        start = i + 1;
    }
    start
}

/// [`line_ranges`] of any text, but for its last line: pushed to `lines`, and the start of
/// the last line returned.
fn any_break_ranges(bytes: &[u8], lines: &mut Vec<(usize, usize)>) -> usize {
    let mut start = 0;
    // memchr jumps from break to break instead of looking at every byte.
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        if i < start {
            // The `\n` of a `\r\n`, taken with its `\r`.
            continue;
        }
        lines.push((start, i));
        start = i + 1;
        if bytes.get(i) == Some(&b'\r') && bytes.get(i + 1) == Some(&b'\n') {
            start += 1;
        }
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Without a `\r`, the one-byte search finds the lines the general one does.
        #[test]
        fn newline_only_like_any_break(t in "[a\n\u{b}\u{8a}规 ]{0,40}|\\PC{0,30}") {
            let (mut fast, mut general) = (Vec::new(), Vec::new());
            let fast_start = newline_ranges(t.as_bytes(), &mut fast);
            let general_start = any_break_ranges(t.as_bytes(), &mut general);
            prop_assert_eq!((fast, fast_start), (general, general_start));
        }
    }

    #[test]
    fn all_line_break_styles() {
        let t = "a\r\nb\rc\n\nd\n";
        let lines: Vec<&str> = line_ranges(t).iter().map(|&(s, e)| &t[s..e]).collect();
        assert_eq!(lines, ["a", "b", "c", "", "d"]);
        assert!(line_ranges("").is_empty());
    }
}
