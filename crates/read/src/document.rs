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

    /// Every line but the empty ones, with its 1-based number: [`Document::lines`] less its
    /// empty lines, which are passed over without being cut out of the text (a third of a
    /// report's lines are empty, and the walkers that skip blank lines need not see them).
    pub fn non_empty_lines(&self) -> NonEmptyLines<'_> {
        NonEmptyLines {
            text: &self.text,
            ranges: self.lines.iter(),
            line_count: self.lines.len(),
        }
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
            column: chars_in(before.as_bytes()) as u32 + 1,
            len: chars_in(piece.as_bytes()) as u32,
            alone: only_spaces_around(before, line.get(end..).unwrap_or("")),
        }
    }
}

/// The iterator of [`Document::non_empty_lines`].
pub struct NonEmptyLines<'a> {
    text: &'a str,
    /// The ranges of the lines not yet looked at.
    ranges: std::slice::Iter<'a, (usize, usize)>,
    /// The number of lines: a line's number is told by the lines left after it.
    line_count: usize,
}

impl<'a> Iterator for NonEmptyLines<'a> {
    type Item = (u32, &'a str);

    #[inline]
    fn next(&mut self) -> Option<(u32, &'a str)> {
        let (start, end) = loop {
            let &(start, end) = self.ranges.next()?;
            // (`<` rather than `!=`: the compiler then knows the start inside the text
            // before the end, and tests it for a character boundary without its bounds.)
            if start < end {
                break (start, end);
            }
        };
        let no = (self.line_count - self.ranges.len()) as u32;
        // A line ends at a line break or at the end of the text: on an ASCII byte, which the
        // compiler sees to be a character boundary, as it does not see the end of a range.
        // (Ranges that are not this text's would end the lines rather than panic.)
        let before_end = match self.text.as_bytes().get(end) {
            Some(b) if b.is_ascii() => self.text.get(..end)?,
            None => self.text.get(..end)?,
            Some(_) => return None,
        };
        Some((no, before_end.get(start..)?))
    }
}

/// Whether a piece of a line is all the line holds but white space (its trimmed text is the
/// line's): whether the text `before` and `after` it is white space. The line's characters
/// other than white space all lie in its trimmed text, so the piece's trimmed text, the same
/// text, is the same stretch of the line, and has nothing but white space around it; this
/// looks at the characters next to the piece rather than trimming both and comparing.
fn only_spaces_around(before: &str, after: &str) -> bool {
    before.trim_end().is_empty() && after.trim_start().is_empty()
}

/// The characters of the UTF-8 text `bytes`: its bytes less those inside a character
/// (`10xxxxxx`), counted eight at a time.
///
/// Each word of eight bytes adds its 0/1 flags to eight byte-wide tallies in one addition, and
/// the tallies are summed once per [`WORDS_PER_TALLY`] words, rather than every word summed
/// on its own (a multiplication and a shift more a word).
pub(crate) fn chars_in(bytes: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Bit 0 of each byte inside a character: its bit 7 set, bit 6 clear (bit 6 shifted into
    // bit 7; a byte's bit 7 goes to the next one's bit 0, masked off).
    let inside_flags = |x: u64| (x & !(x << 1) & HIGH) >> 7;
    let (words, rest) = bytes.as_chunks::<8>();
    let mut inside = 0;
    for block in words.chunks(WORDS_PER_TALLY) {
        let tallies = block.iter().fold(0, |tallies, word| {
            tallies + inside_flags(u64::from_le_bytes(*word))
        });
        inside += sum_of_bytes(tallies);
    }
    if !rest.is_empty() {
        inside += match bytes.last_chunk::<8>() {
            // The last eight bytes, less (as zeros, inside no character) the first `seen`,
            // counted already.
            Some(word) => {
                let seen = 8 - rest.len();
                let flags = inside_flags(u64::from_le_bytes(*word) & (u64::MAX << (8 * seen)));
                sum_of_bytes(flags)
            }
            None => rest.iter().filter(|&&b| b & 0xC0 == 0x80).count(),
        };
    }
    bytes.len() - inside
}

/// The most words whose 0/1 flags [`chars_in`] tallies in one byte each: a byte holds 255.
const WORDS_PER_TALLY: usize = 255;

/// The eight bytes of `word` added up: paired into four sums of 16 bits (at most 510 each),
/// which the multiplication adds into the top 16 bits (at most 2,040: no carry out).
fn sum_of_bytes(word: u64) -> usize {
    const LOW_BYTES: u64 = 0x00FF_00FF_00FF_00FF;
    let pairs = (word & LOW_BYTES) + ((word >> 8) & LOW_BYTES);
    (pairs.wrapping_mul(0x0001_0001_0001_0001) >> 48) as usize
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

    proptest::proptest! {
        /// [`Document::non_empty_lines`] gives the lines [`Document::lines`] gives but the
        /// empty ones: breaks of every kind, empty lines, CJK, a final line with and without a
        /// break, no text.
        #[test]
        fn non_empty_lines_are_the_lines_not_empty(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "\n", "\r\n", "\r", "\n\n", "\r\r\n", "规章", "x", " ", "é", "𠀀", "",
            ]), 0..16),
            noise in "\\PC{0,4}",
        ) {
            let doc = Document::new(format!("{}{noise}", pieces.concat()));
            let non_empty: Vec<(u32, &str)> =
                doc.lines().filter(|(_, line)| !line.is_empty()).collect();
            proptest::prop_assert_eq!(doc.non_empty_lines().collect::<Vec<_>>(), non_empty);
        }
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

    /// [`Document::source`] as first written: characters counted by `chars`, and the piece
    /// alone when its trimmed text is the line's.
    fn source_by_definition(doc: &Document, no: u32, start: usize, len: usize) -> Source {
        let line = doc.line(no);
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

    /// Characters counted on the bytes are those `chars` counts: every length up to and past
    /// the words of one tally ([`WORDS_PER_TALLY`]), of one-, two-, three- and four-byte
    /// characters and a mix of them.
    #[test]
    fn chars_in_counts_characters_at_every_length() {
        let long = 8 * WORDS_PER_TALLY + 64;
        for unit in ["a", "é", "规", "𠀀", "a规é𠀀\u{3000}", "\r\n"] {
            let text = unit.repeat(long.div_ceil(unit.len()) + 1);
            for (end, _) in text.char_indices() {
                if end > long {
                    break;
                }
                let piece = &text[..end];
                assert_eq!(
                    chars_in(piece.as_bytes()),
                    piece.chars().count(),
                    "{unit} {end}"
                );
                let tail = &text[end..];
                assert_eq!(
                    chars_in(tail.as_bytes()),
                    tail.chars().count(),
                    "{unit} {end}"
                );
            }
        }
    }

    proptest::proptest! {
        /// [`chars_in`] counts what `chars` counts, in texts long and short of any characters.
        #[test]
        fn chars_in_is_chars_count(text in "\\PC{0,3000}") {
            proptest::prop_assert_eq!(chars_in(text.as_bytes()), text.chars().count());
        }

        /// Every piece of every line (any start and length, in and past the line, on and off
        /// character boundaries) is located as the plain form locates it: lines of words,
        /// white space of every kind around and inside them, and lines of only white space.
        #[test]
        fn source_is_that_of_the_definition(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                " ", "\u{3000}", "\t", "\u{a0}", "\u{85}", "\u{2003}", "\r", "\n", "\r\n", "规章",
                "12", "x", "é", "𠀀", "：", "|", "",
            ]), 0..12),
            noise in "\\PC{0,4}",
            no in 0u32..6,
            start in 0usize..48,
            len in 0usize..48,
        ) {
            let doc = Document::new(format!("{}{noise}", pieces.concat()));
            proptest::prop_assert_eq!(
                doc.source(no, start, len),
                source_by_definition(&doc, no, start, len)
            );
        }

        /// The same for every start and length of one line.
        #[test]
        fn source_of_every_piece_of_a_line(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                " ", "\u{3000}", "\t", "\u{a0}", "规章", "12", "x", "é", "𠀀", "：",
            ]), 0..10),
        ) {
            let doc = Document::new(pieces.concat());
            let len = doc.line(1).len();
            for start in 0..=len + 1 {
                for piece in 0..=len + 1 - start {
                    proptest::prop_assert_eq!(
                        doc.source(1, start, piece),
                        source_by_definition(&doc, 1, start, piece)
                    );
                }
            }
        }
    }
}
