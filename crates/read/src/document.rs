//! A decoded text with its line index: what source locations point into.

use gongkai_model::Source;

/// A decoded text document, split into lines (`\n`, `\r\n` or a lone `\r`).
#[derive(Debug, Clone)]
pub struct Document {
    text: String,
    /// Byte range of each line's content (without its line break).
    lines: Vec<(usize, usize)>,
}

impl Document {
    pub fn new(text: String) -> Document {
        let lines = gongkai_model::lines::line_ranges(&text);
        Document { text, lines }
    }

    /// The whole text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Number of lines.
    pub fn line_count(&self) -> u32 {
        self.lines.len() as u32
    }

    /// Line `no` (1-based) without its line break; empty past the end.
    pub fn line(&self, no: u32) -> &str {
        match (no as usize).checked_sub(1).and_then(|i| self.lines.get(i)) {
            Some(&(s, e)) => &self.text[s..e],
            None => "",
        }
    }

    /// Every line with its 1-based number.
    pub fn lines(&self) -> impl Iterator<Item = (u32, &str)> + '_ {
        self.lines
            .iter()
            .enumerate()
            .map(|(i, &(s, e))| (i as u32 + 1, &self.text[s..e]))
    }

    /// The source location of `len` bytes starting at byte `start` of line `no`.
    /// Columns and lengths are counted in characters; `alone` says whether the piece is all
    /// the line holds (ignoring surrounding white space).
    pub fn source(&self, no: u32, start: usize, len: usize) -> Source {
        let line = self.line(no);
        let start = start.min(line.len());
        let end = (start + len).min(line.len());
        let (Some(before), Some(piece)) = (line.get(..start), line.get(start..end)) else {
            return Source::line(no);
        };
        Source::Text {
            line: no,
            column: before.chars().count() as u32 + 1,
            len: piece.chars().count() as u32,
            alone: piece.trim() == line.trim(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_all_line_break_styles() {
        let d = Document::new("a\r\nb\rc\n\nd".to_string());
        let lines: Vec<_> = d.lines().map(|(_, l)| l).collect();
        assert_eq!(lines, ["a", "b", "c", "", "d"]);
        assert_eq!(d.line(4), "");
        assert_eq!(d.line(99), "");
    }

    #[test]
    fn source_counts_characters() {
        let d = Document::new("规章 | 0 | 12".to_string());
        let start = d.line(1).find("12").unwrap();
        match d.source(1, start, 2) {
            Source::Text {
                line,
                column,
                len,
                alone,
            } => {
                assert_eq!((line, column, len, alone), (1, 10, 2, false));
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}
