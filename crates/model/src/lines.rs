//! How a text is split into lines: the convention every `Source::Text` line number follows.
//! Readers and renderers of diagnostics must agree on it, so it lives here, once.

/// The byte range of each line's content (without its line break). A line ends at `\n`,
/// `\r\n` or a lone `\r`; a final line break does not start another (empty) line.
pub fn line_ranges(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                lines.push((start, i));
                start = i + 1;
            }
            b'\r' => {
                lines.push((start, i));
                if bytes.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
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
