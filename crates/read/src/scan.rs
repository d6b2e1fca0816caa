//! Byte-level scans shared by the line and cell classifiers: they answer the common case from
//! the bytes alone, without decoding characters.
//!
//! - [`trim`]: [`str::trim`] with a fast path: most lines and cells begin and end with a
//!   character that cannot be white space (an ideograph, a digit, a letter), and that is told
//!   from the first and last bytes alone;
//! - [`has_sentence_mark`]: whether a text has `。`, `；`, `！` or `？`;
//! - [`offset_in`]: where a piece of a text (trimmed, split) starts in it;
//! - [`bytes_equal`]: which of eight bytes equal a given one, in a few word operations.

/// `s` without leading and trailing white space, exactly as [`str::trim`] gives it.
#[inline]
pub fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(&first), Some(&last)) if !may_start_space(first) && !may_end_space(b, last) => s,
        // Blank lines, the commonest texts with nothing to trim.
        (None, _) => s,
        _ => trim_spaced(s),
    }
}

/// [`trim`] of a text that may start or end with white space. ASCII white space in front
/// (indentation) and after (a cell between bars: ` 0 `; the empty cells of a tab row:
/// `第二十条第（一）项\t\t\t`) is dropped and what is left told by its first and last bytes
/// again; any other text is trimmed by [`str::trim`]. (Out of line: [`trim`] is asked of every
/// line and cell, and most need nothing of this.)
#[inline(never)]
fn trim_spaced(s: &str) -> &str {
    let b = s.as_bytes();
    let is_ascii_space = |x: &u8| matches!(*x, 0x09..=0x0D | b' ');
    let from = b.iter().take_while(|x| is_ascii_space(x)).count();
    let mut to = b.len();
    while to > from && b.get(to - 1).is_some_and(is_ascii_space) {
        to -= 1;
    }
    match s.get(from..to) {
        Some(inner) if is_trimmed_nonempty(inner) => inner,
        _ => s.trim(),
    }
}

/// Whether `s` is not empty and starts and ends with characters that cannot be white space.
#[inline]
pub fn is_trimmed_nonempty(s: &str) -> bool {
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(&first), Some(&last)) => !may_start_space(first) && !may_end_space(b, last),
        _ => false,
    }
}

/// `s` without leading white space, exactly as [`str::trim_start`] gives it, told from the
/// first byte when that cannot start white space.
#[inline]
pub fn trim_start(s: &str) -> &str {
    match s.as_bytes().first() {
        Some(&first) if !may_start_space(first) => s,
        _ => s.trim_start(),
    }
}

/// Whether a character starting with this byte can be white space: ASCII white space, or the
/// lead byte of U+0085/U+00A0 (C2), U+1680 (E1), U+2000–U+205F (E2) or U+3000 (E3).
#[inline]
pub fn may_start_space(first: u8) -> bool {
    MAY_START_SPACE[first as usize]
}

/// [`may_start_space`] of each byte, looked up rather than compared (it is asked of the first
/// byte of every line and cell).
static MAY_START_SPACE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = matches!(b, 0x09..=0x0D | 0x20 | 0xC2 | 0xE1 | 0xE2 | 0xE3);
        b += 1;
    }
    table
};

/// Whether the character ending with `last` (the last byte of `b`) is white space: told
/// exactly, so that a line ending in `。` (E3 80 82, like the ideographic space E3 80 80 but
/// for its last byte) needs no trimming.
#[inline]
fn may_end_space(b: &[u8], last: u8) -> bool {
    if last < 0x80 {
        return matches!(last, 0x09..=0x0D | b' ');
    }
    // A multi-byte character: white space is C2 85, C2 A0, E1 9A 80, E2 80 80–8A, E2 80 A8,
    // E2 80 A9, E2 80 AF, E2 81 9F or E3 80 80 (lead bytes never occur inside a character).
    let at = |back: usize| b.len().checked_sub(back).and_then(|i| b.get(i)).copied();
    matches!(
        (at(3), at(2), last),
        (_, Some(0xC2), 0x85 | 0xA0)
            | (Some(0xE1), Some(0x9A), 0x80)
            | (Some(0xE2), Some(0x80), 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF)
            | (Some(0xE2), Some(0x81), 0x9F)
            | (Some(0xE3), Some(0x80), 0x80)
    )
}

/// Whether the text has `。`, `；`, `！` or `？` (E3 80 82, EF BC 9B, EF BC 81, EF BC 9F): their
/// lead bytes are rare enough in Chinese text that memchr finds the few places worth comparing.
/// (A sentence mostly ends with one: told from its last three bytes at once, before a search
/// that stops at every other mark led by the same bytes, `，` and `、` among them.)
pub fn has_sentence_mark(text: &str) -> bool {
    let bytes = text.as_bytes();
    let is_mark = |b: Option<&[u8]>| {
        matches!(
            b,
            Some([0xE3, 0x80, 0x82] | [0xEF, 0xBC, 0x9B | 0x81 | 0x9F])
        )
    };
    is_mark(bytes.last_chunk::<3>().map(|end| end.as_slice()))
        || memchr::memchr2_iter(0xE3, 0xEF, bytes).any(|i| is_mark(bytes.get(i..i + 3)))
}

/// The byte offset of `piece` in `text`, when `piece` is a part of `text` (a trimmed or split
/// piece of it): told from the addresses of the two rather than by searching.
#[inline]
pub fn offset_in(text: &str, piece: &str) -> Option<usize> {
    let at = (piece.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    (at + piece.len() <= text.len()).then_some(at)
}

/// Sets the bit of each character of `s` (all of them below U+10000) in `bits`: a set of
/// characters whose test ([`in_set`]) is one lookup.
pub(crate) const fn add_chars(bits: &mut [u64; 1024], s: &str) {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // UTF-8 decoded by hand: `chars()` is not available in a constant.
        let (cp, len) = if b[i] < 0x80 {
            (b[i] as usize, 1)
        } else if b[i] < 0xE0 {
            (
                ((b[i] as usize & 0x1F) << 6) | (b[i + 1] as usize & 0x3F),
                2,
            )
        } else {
            assert!(b[i] < 0xF0, "characters below U+10000 only");
            let cp = ((b[i] as usize & 0x0F) << 12)
                | ((b[i + 1] as usize & 0x3F) << 6)
                | (b[i + 2] as usize & 0x3F);
            (cp, 3)
        };
        bits[cp >> 6] |= 1 << (cp & 63);
        i += len;
    }
}

/// Whether `c` is in the set of characters `bits` (as made by [`add_chars`]).
#[inline]
pub(crate) fn in_set(bits: &[u64; 1024], c: char) -> bool {
    let cp = c as usize;
    bits.get(cp >> 6)
        .is_some_and(|word| (word >> (cp & 63)) & 1 == 1)
}

/// Which of eight bytes equal a given one (defined, and tested, beside the line splitter).
pub use gongkai_model::lines::bytes_equal;

/// The ASCII characters a `const fn(char) -> bool` holds true of, one bit each (bit `b` for the
/// character `b`), made at compile time: a character's answer is then one shift. (A macro, as a
/// `const fn` cannot call a function given to it.)
macro_rules! ascii_bits {
    ($holds:expr) => {{
        let mut bits = 0u128;
        let mut b = 0u8;
        while b < 0x80 {
            if $holds(b as char) {
                bits |= 1 << b;
            }
            b += 1;
        }
        bits
    }};
}
pub(crate) use ascii_bits;

#[cfg(test)]
mod tests {
    use super::{has_sentence_mark, offset_in, trim, trim_start};
    use proptest::prelude::*;

    #[test]
    fn trims_like_std() {
        for s in [
            "",
            " ",
            "\u{3000}规章\u{3000}",
            "规章",
            " 12 ",
            "12",
            "\u{a0}x\u{a0}",
            "x\u{2003}",
            "\t表三\r",
            "𠀀",
            "é",
            "、",
            "\u{85}",
        ] {
            assert_eq!(trim(s), s.trim(), "{s:?}");
        }
    }

    /// Every byte that starts a white-space character is one [`super::may_start_space`] admits.
    #[test]
    fn spaces_start_as_may_start_space_says() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let first = c.encode_utf8(&mut buf).as_bytes()[0];
            if c.is_whitespace() {
                assert!(super::may_start_space(first), "{c:?}");
            }
        }
        assert!(!super::may_start_space(b'a') && !super::may_start_space(0xE4));
    }

    /// The last character of a text is white space exactly when [`super::may_end_space`]
    /// says so, for every character after nothing, ASCII or an ideograph.
    #[test]
    fn may_end_space_of_every_character() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            for prefix in ["", "a", "规", "\u{3000}"] {
                let s = format!("{prefix}{c}");
                let b = s.as_bytes();
                let last = b[b.len() - 1];
                assert_eq!(super::may_end_space(b, last), c.is_whitespace(), "{s:?}");
            }
        }
    }

    #[test]
    fn trims_start_like_std() {
        for s in [
            "",
            " ",
            "\u{3000}规章\u{3000}",
            "规章 ",
            "\u{a0}x",
            "\t表三",
            "、",
            "\u{85}",
        ] {
            assert_eq!(trim_start(s), s.trim_start(), "{s:?}");
        }
    }

    #[test]
    fn sentence_marks() {
        assert!(has_sentence_mark("共收到12件。"));
        assert!(has_sentence_mark("是否？"));
        assert!(!has_sentence_mark("（一）予以公开、部分公开"));
    }

    proptest! {
        /// The search for sentence marks, from the end first, finds what a search for the
        /// characters finds (marks at the end, inside, beside their look-alikes `，`, `、`, `：`,
        /// `｜` and `　`, cut texts).
        #[test]
        fn sentence_marks_as_the_characters_say(
            s in "[。；！？，、：｜\u{3000}a规0 ]{0,8}|\\PC{0,16}"
        ) {
            prop_assert_eq!(has_sentence_mark(&s), s.contains(['。', '；', '！', '？']), "{:?}", s);
        }

        /// A piece's offset is where it stands in the text; a text that is not a piece of it
        /// has none.
        #[test]
        fn offset_of_pieces(s in "[ a规0\u{3000}]{0,12}") {
            for (at, word) in s.match_indices(|c: char| !c.is_whitespace()) {
                prop_assert_eq!(offset_in(&s, word), Some(at));
            }
            let t = trim(&s);
            if !t.is_empty() {
                prop_assert_eq!(offset_in(&s, t), Some(s.len() - s.trim_start().len()));
            }
            let copy = format!("{s}x");
            prop_assert_eq!(offset_in(&s, &copy), None);
        }

        /// Texts with white space around others, at either end or both: the same text, and
        /// the same place in the text (callers take offsets from it).
        #[test]
        fn spaced_like_std(s in "[ \t\n]{0,3}[\u{3000}\u{a0}\u{85}\u{2003}]{0,2}[a规 0\u{3000}]{0,4}[\u{3000}\u{a0}]{0,2}[ \t\r]{0,3}") {
            prop_assert_eq!(trim(&s), s.trim());
            prop_assert_eq!(trim(&s).as_ptr(), s.trim().as_ptr());
        }

        #[test]
        fn always_like_std(s in "\\PC{0,12}|[ \u{3000}\u{a0}\u{2003}\t]{0,3}[a-z一-龥0-9]{0,5}[ \u{3000}\u{a0}\u{85}\t]{0,3}") {
            prop_assert_eq!(trim(&s), s.trim());
            prop_assert_eq!(trim(&s).as_ptr(), s.trim().as_ptr());
            prop_assert_eq!(trim_start(&s), s.trim_start());
        }
    }
}
