//! How a text is split into lines: the convention every `Source::Text` line number follows.
//! Readers and renderers of diagnostics must agree on it, so it lives here, once.

/// The byte range of each line's content (without its line break). A line ends at `\n`,
/// `\r\n` or a lone `\r`; a final line break does not start another (empty) line.
pub fn line_ranges(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    // Reports average a few dozen bytes a line: room for that many, grown only past it.
    let mut lines = Vec::with_capacity(bytes.len() / 24 + 1);
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
    if start < bytes.len() {
        lines.push((start, bytes.len()));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_line_break_styles() {
        let t = "a\r\nb\rc\n\nd\n";
        let lines: Vec<&str> = line_ranges(t).iter().map(|&(s, e)| &t[s..e]).collect();
        assert_eq!(lines, ["a", "b", "c", "", "d"]);
        assert!(line_ranges("").is_empty());
    }
}
