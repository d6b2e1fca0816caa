//! How a text is split into lines: the convention every `Source::Text` line number follows.
//! Readers and renderers of diagnostics must agree on it, so it lives here, once.

/// The byte range of each line's content (without its line break). A line ends at `\n`,
/// `\r\n` or a lone `\r`; a final line break does not start another (empty) line.
pub fn line_ranges(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    // Reports average under twenty bytes a line, blank ones included: room for a line every 16
    // bytes, grown only past it.
    let mut lines = Vec::with_capacity(bytes.len() / 16 + 1);
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
/// start of the last line returned. Eight bytes are looked at together ([`newline_candidates`]):
/// lines are a few dozen bytes, too short for a search call per line to pay its setup.
/// Thirty-two are taken a step, their four words' marks tested together: runs of long lines
/// (prose) pass on at one test a step, and a step with a break costs a few tests more than one
/// of sixteen bytes did (0.9M instructions fewer over the 300 reports of the profile).
fn newline_ranges(bytes: &[u8], lines: &mut Vec<(usize, usize)>) -> usize {
    let mut start = 0;
    let (quads, rest) = bytes.as_chunks::<32>();
    let mut base = 0;
    for quad in quads {
        let (words, _) = quad.as_chunks::<8>();
        let mut found = [0; 4];
        for (f, word) in found.iter_mut().zip(words) {
            *f = newline_candidates(u64::from_le_bytes(*word));
        }
        if found.iter().fold(0, |any, f| any | f) != 0 {
            for (i, f) in found.into_iter().enumerate() {
                push_newlines(bytes, f, base + 8 * i, &mut start, lines);
            }
        }
        base += 32;
    }
    // (At most three words are left, and fewer than eight bytes after them.)
    let (words, tail) = rest.as_chunks::<8>();
    for &word in words {
        push_newlines(
            bytes,
            newline_candidates(u64::from_le_bytes(word)),
            base,
            &mut start,
            lines,
        );
        base += 8;
    }
    for (j, &b) in tail.iter().enumerate() {
        if b == b'\n' {
            lines.push((start, base + j));
            start = base + j + 1;
        }
    }
    start
}

/// The lines ended by the newlines among `found`, the [`newline_candidates`] of the word at
/// byte `base`: pushed to `lines`, `start` moved past each.
#[inline(always)]
fn push_newlines(
    bytes: &[u8],
    mut found: u64,
    base: usize,
    start: &mut usize,
    lines: &mut Vec<(usize, usize)>,
) {
    while found != 0 {
        let i = base + (found.trailing_zeros() / 8) as usize;
        // (A candidate that is no newline, a vertical tab after one, is passed over.)
        if bytes.get(i) == Some(&b'\n') {
            lines.push((*start, i));
            *start = i + 1;
        }
        // (The lowest mark cleared: the next candidate of the word, if any.)
        found &= found - 1;
    }
}

/// Eight bytes at once: the high bit of each byte of `word` that is a newline, and of a
/// vertical tab (0B) right after a marked byte — the shorter borrow trick, a few operations
/// fewer than [`bytes_equal`], its rare false marks checked by the caller.
#[inline]
fn newline_candidates(word: u64) -> u64 {
    let x = word ^ 0x0A0A_0A0A_0A0A_0A0A;
    x.wrapping_sub(0x0101_0101_0101_0101) & !x & 0x8080_8080_8080_8080
}

/// Eight bytes at once: the high bit of each byte of `word` equal to `byte`, no other bit.
/// Exact (no false marks next to a true one, as the shorter borrow trick gives): no sum
/// carries across bytes. (The readers' byte scans use it too.)
#[inline]
pub fn bytes_equal(word: u64, byte: u8) -> u64 {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    let x = word ^ (u64::from(byte) * 0x0101_0101_0101_0101);
    // A byte of `x` with any of its low seven bits set sums to its high bit; so does one with
    // its high bit set: what is left without the high bit is a zero byte, one equal to `byte`.
    !(((x & LOW7) + LOW7) | x | LOW7)
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

    /// Every newline is a candidate, and every candidate that is not a newline is a vertical
    /// tab, for words of every byte next to newlines and vertical tabs.
    #[test]
    fn newline_candidates_hold_every_newline() {
        for b in 0..=255u8 {
            for word in [
                [b; 8],
                [b'\n', b, 0x0B, b'\n', 0x0B, 0x0B, b, b'\n'],
                [b, b'\n', 0x0B, 0x0B, b, b'\n', b'\n', 0x0B],
            ] {
                let marks = newline_candidates(u64::from_le_bytes(word));
                for (i, &x) in word.iter().enumerate() {
                    let mark = (marks >> (i * 8)) & 0xFF;
                    assert!(mark == 0 || mark == 0x80, "{word:?}");
                    if x == b'\n' {
                        assert_eq!(mark, 0x80, "{word:?}");
                    } else if mark != 0 {
                        assert_eq!(x, 0x0B, "{word:?}");
                    }
                }
            }
        }
    }

    /// The marks of equal bytes are exactly the equal bytes, for every byte sought, in words
    /// made of every byte next to it and others.
    #[test]
    fn equal_byte_marks_are_exact() {
        for sought in 0..=255u8 {
            for b in 0..=255u8 {
                for word in [
                    [b; 8],
                    [b, sought, b, sought, 0, 0x8A, b, 0xFF],
                    [sought, b, sought ^ 1, b, sought, sought, b, sought ^ 0x80],
                ] {
                    let marks = bytes_equal(u64::from_le_bytes(word), sought);
                    for (i, &x) in word.iter().enumerate() {
                        let mark = (marks >> (i * 8)) & 0xFF;
                        assert_eq!(mark, if x == sought { 0x80 } else { 0 }, "{word:?}");
                    }
                }
            }
        }
    }

    proptest! {
        /// The eight-byte search finds every newline a byte search finds.
        #[test]
        fn newline_ranges_like_a_byte_search(t in "[a\n\u{b}规 ]{0,80}|\\PC{0,30}") {
            let mut found = Vec::new();
            let last = newline_ranges(t.as_bytes(), &mut found);
            let (mut expected, mut start) = (Vec::new(), 0);
            for (i, &b) in t.as_bytes().iter().enumerate() {
                if b == b'\n' {
                    expected.push((start, i));
                    start = i + 1;
                }
            }
            prop_assert_eq!((found, last), (expected, start));
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
