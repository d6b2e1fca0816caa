//! Printed cell values: what a value token is, and what it is worth.
//!
//! A value token is a number (full- or half-width digits, thousands separators, a decimal
//! point), optionally signed (`+3`, `-3`, `增271`, `减7`) and with a unit (`14.4万元`,
//! `251000元`, `5件`), or a not-applicable mark (`/`, `—`, `-`, `无`). The value depends on the
//! column's kind: amounts are converted to 万元, changes keep their sign.

use gongkai_model::ValueKind;

/// A value token, parsed without knowing its column yet.
#[derive(Debug, Clone, PartialEq)]
pub enum Printed {
    /// A number: its magnitude with sign, and the unit it was printed with.
    Number {
        value: f64,
        unit: Unit,
        signed: bool,
    },
    /// A not-applicable mark.
    NotApplicable,
    /// A mark saying the value is missing (`缺`, as gongkai's own renderers print a missing
    /// cell): the cell is there, its value is not.
    Missing,
}

/// The unit a number was printed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    None,
    /// 元 (converted to 万元 for amounts).
    Yuan,
    /// 万元.
    WanYuan,
    /// A count unit: 件, 条, 项, 个, 人次, 次, 家.
    Count,
}

/// What a cell of a given kind holds, from its printed text.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    Number(f64),
    NotApplicable,
    /// Marked as missing.
    Missing,
    /// Not a value of this kind (e.g. an amount unit in a count column).
    Invalid,
}

/// Parses a token as a value token; `None` if it is text (a label, prose).
pub fn parse_token(text: &str) -> Option<Printed> {
    parse_trimmed(crate::scan::trim(text))
}

/// [`parse_token`] of a text already trimmed (a cell, a word, a line the caller has trimmed):
/// not trimmed again. Inlined: asked of every line and cell, it answers the commonest values
/// (plain digits) at once, and calls out of line for the rest.
#[inline]
pub fn parse_trimmed(t: &str) -> Option<Printed> {
    debug_assert_eq!(
        t,
        crate::scan::trim(t),
        "parse_trimmed of an untrimmed text"
    );
    if t.is_empty() {
        return None;
    }
    // Plain digits, the commonest value: no folding needed (and no mark has a digit). Read in
    // the one pass that tells them so.
    if t.len() <= 15 {
        if let Some(value) = plain_digits_value(t) {
            return plain_number(t, value);
        }
    }
    parse_other(t)
}

/// The integer a text of ASCII digits alone spells (`None` of any other text), leading zeros
/// included: told and read in one pass. (For at most 15 digits: no overflow.)
#[inline]
fn plain_digits_value(t: &str) -> Option<u64> {
    debug_assert!(t.len() <= 15);
    let mut value = 0u64;
    for &b in t.as_bytes() {
        let digit = b.wrapping_sub(b'0');
        if digit > 9 {
            return None;
        }
        value = value * 10 + u64::from(digit);
    }
    Some(value)
}

/// The value of plain digits `t` (1 to 15 ASCII digits) that spell `value`: `None` for a
/// leading zero (`05` is not a count).
#[inline]
fn plain_number(t: &str, value: u64) -> Option<Printed> {
    if t.len() > 1 && t.starts_with('0') {
        return None;
    }
    // Below 10^15 < 2^53: converted exactly, as parsing the text as a float would (only
    // faster); through `i64`, which converts in one instruction where `u64` needs several.
    Some(Printed::Number {
        value: value as i64 as f64,
        unit: Unit::None,
        signed: false,
    })
}

/// Of a text of 1 to 15 ASCII digits, [`parse_trimmed`] of it (`None` for a leading zero);
/// `None` of any other text: told and read in one pass (a line of digits is the commonest line
/// of a table printed one cell per line).
#[inline]
pub fn plain_digits(t: &str) -> Option<Option<Printed>> {
    if t.is_empty() || t.len() > 15 {
        return None;
    }
    plain_digits_value(t).map(|value| plain_number(t, value))
}

/// [`parse_trimmed`] of a text not empty and not plain digits: marks, signed and unit-bearing
/// numbers, and the words that are none.
#[inline(never)]
fn parse_other(t: &str) -> Option<Printed> {
    // Labels and sentences are longer than any mark: not compared with each.
    if t.len() <= MAX_MARK_BYTES {
        if is_not_applicable(t) {
            return Some(Printed::NotApplicable);
        }
        if MISSING_MARKS.contains(&t) {
            return Some(Printed::Missing);
        }
    }
    // Most tokens are words: reject them without allocating. A value starts with a digit or a
    // sign and ends with a digit or a unit.
    let first = t.chars().next()?;
    if !(first.is_ascii_digit()
        || ('０'..='９').contains(&first)
        || matches!(first, '+' | '-' | '＋' | '－' | '−' | '–' | '增' | '减'))
    {
        return None;
    }
    let last = t.chars().next_back()?;
    if !(last.is_ascii_digit() || ('０'..='９').contains(&last) || UNIT_ENDS.contains(&last)) {
        return None;
    }
    // A sentence that opens with a year and ends with a unit (`2021年…共公开12条`) has a
    // character no number has: told before the whole of it is folded.
    if !t.chars().all(may_be_in_number) {
        return None;
    }
    parse_number_token(t)
}

/// Whether `c` may be part of a number token: white space, or a character that folds
/// ([`fold`]) to a digit, a separator, or a character of a sign ([`SIGNS`]) or unit ([`UNITS`]).
/// [`parse_number_token`] reads nothing else. A match rather than a walk of the lists (it is
/// asked of every character of a candidate token); a test checks every character against the
/// lists.
fn may_be_in_number(c: char) -> bool {
    c.is_ascii_digit()
        || ('０'..='９').contains(&c)
        || c.is_whitespace()
        || matches!(
            c,
            '.' | '．'
                | ','
                | '，'
                | '+'
                | '＋'
                | '-'
                | '－'
                | '−'
                | '–'
                | '增'
                | '加'
                | '减'
                | '少'
                | '万'
                | '元'
                | '人'
                | '次'
                | '件'
                | '条'
                | '项'
                | '个'
                | '家'
                | '起'
        )
}

/// A character of a number token as [`parse_number_token`] reads it: full-width digits, point,
/// plus and comma and the dashes folded to ASCII.
fn fold(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '．' => '.',
        '＋' => '+',
        '－' | '−' | '–' => '-',
        '，' => ',',
        _ => c,
    }
}

/// The signs a change may be printed with (`增271`, `减7`, `+3`), longest first, and their sign.
const SIGNS: &[(&str, f64)] = &[
    ("增加", 1.0),
    ("减少", -1.0),
    ("增", 1.0),
    ("减", -1.0),
    ("+", 1.0),
    ("-", -1.0),
];

/// A trimmed token that starts and ends like a number, read as one: digits folded to ASCII,
/// white space dropped, a sign word or sign, the number and a unit.
fn parse_number_token(t: &str) -> Option<Printed> {
    let folded: String = t.chars().map(fold).filter(|c| !c.is_whitespace()).collect();
    let mut s = folded.as_str();
    let mut sign = 1.0;
    let mut signed = false;
    for &(prefix, sg) in SIGNS {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest;
            sign = sg;
            signed = true;
            break;
        }
    }
    let (num, unit) = split_unit(s)?;
    let value = parse_number(num)?;
    Some(Printed::Number {
        value: sign * value,
        unit,
        signed,
    })
}

/// The marks of a cell not applicable.
const NOT_APPLICABLE: &[&str] = &[
    "/",
    "／",
    "\\",
    "—",
    "——",
    "-",
    "--",
    "－",
    "–",
    "―",
    "─",
    "无",
    "空",
    "×",
    "不适用",
    "N/A",
    "n/a",
];

/// The marks of a cell left out on purpose (`缺`): read as missing.
const MISSING_MARKS: &[&str] = &["缺", "缺失", "（缺）", "(缺)"];

/// The longest not-applicable or missing mark, in bytes: a longer text is neither.
const MAX_MARK_BYTES: usize = longest(NOT_APPLICABLE, longest(MISSING_MARKS, 0));

/// The length in bytes of the longest of `marks`, or `at_least` if that is more.
const fn longest(marks: &[&str], at_least: usize) -> usize {
    let mut max = at_least;
    let mut i = 0;
    while i < marks.len() {
        if marks[i].len() > max {
            max = marks[i].len();
        }
        i += 1;
    }
    max
}

/// The last characters of the units a number may be printed with (`12件`, `14.4万元`).
const UNIT_ENDS: &[char] = &['元', '次', '件', '条', '项', '个', '家', '起'];

/// Whether a token marks a cell as not applicable.
pub fn is_not_applicable(t: &str) -> bool {
    NOT_APPLICABLE.contains(&t)
}

/// Whether a value ([`parse_token`]) can end with this character: any ASCII character or
/// full-width digit, a unit's last character, or the last character of a not-applicable or
/// missing mark. A text ending otherwise is no value, and holds none at its end.
#[inline]
pub fn may_end_value(c: char) -> bool {
    // Looked up (a test ties the set to the lists): asked of the last character of every cell.
    c.is_ascii() || crate::scan::in_set(&NON_ASCII_VALUE_ENDS, c)
}

/// The characters but ASCII ones a value may end with ([`may_end_value`]), a bit each: the
/// full-width digits, the units' last characters ([`UNIT_ENDS`]), then those of
/// [`NOT_APPLICABLE`] and [`MISSING_MARKS`] beyond ASCII.
static NON_ASCII_VALUE_ENDS: [u64; 1024] = {
    let mut bits = [0u64; 1024];
    crate::scan::add_chars(
        &mut bits,
        "０１２３４５６７８９元次件条项个家起／—－–―─无空×用缺失）",
    );
    bits
};

/// Whether a text may be a value as its last character says ([`may_end_value`]): a text that
/// may not is no value, and is told so without being read as one. (Any ASCII character may end
/// a value: told from the last byte at once.)
#[inline]
pub fn may_end_as_value(t: &str) -> bool {
    t.as_bytes().last().is_some_and(u8::is_ascii)
        || t.chars().next_back().is_some_and(may_end_value)
}

/// [`may_end_value`] as defined from the lists.
#[cfg(test)]
fn may_end_value_by_lists(c: char) -> bool {
    c.is_ascii()
        || ('０'..='９').contains(&c)
        || UNIT_ENDS.contains(&c)
        || NOT_APPLICABLE
            .iter()
            .chain(MISSING_MARKS)
            .filter_map(|m| m.chars().next_back())
            .any(|end| end == c)
}

fn split_unit(s: &str) -> Option<(&str, Unit)> {
    for (suffix, unit) in UNITS {
        if let Some(num) = s.strip_suffix(suffix) {
            return Some((num, *unit));
        }
    }
    Some((s, Unit::None))
}

/// The units a number may be printed with, tried as suffixes in this order (万元 before 元).
const UNITS: &[(&str, Unit)] = &[
    ("万元", Unit::WanYuan),
    ("元", Unit::Yuan),
    ("人次", Unit::Count),
    ("件", Unit::Count),
    ("条", Unit::Count),
    ("项", Unit::Count),
    ("个", Unit::Count),
    ("次", Unit::Count),
    ("家", Unit::Count),
    ("起", Unit::Count),
];

/// A plain decimal number: digits, optional thousands separators in groups of three, an
/// optional fraction. Leading zeros are allowed only for 0 itself (`05` is not a count).
fn parse_number(s: &str) -> Option<f64> {
    if s.is_empty() || s.len() > 40 {
        return None;
    }
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    if int.is_empty() {
        return None;
    }
    let digits: String = if int.contains(',') {
        let groups: Vec<&str> = int.split(',').collect();
        let first_ok = groups
            .first()
            .is_some_and(|g| (1..=3).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit()));
        let rest_ok = groups[1..]
            .iter()
            .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
        if !(first_ok && rest_ok) {
            return None;
        }
        groups.concat()
    } else {
        if !int.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        int.to_string()
    };
    if digits.len() > 1 && digits.starts_with('0') {
        return None;
    }
    if let Some(f) = frac {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    let text = match frac {
        Some(f) => format!("{digits}.{f}"),
        None => digits,
    };
    text.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// The value a printed token gives a cell of `kind`.
pub fn cell_value(printed: &Printed, kind: ValueKind) -> CellValue {
    match printed {
        Printed::NotApplicable => CellValue::NotApplicable,
        Printed::Missing => CellValue::Missing,
        Printed::Number { value, unit, .. } => match (kind, unit) {
            (ValueKind::Amount, Unit::Yuan) => CellValue::Number(*value / 10_000.0),
            (ValueKind::Amount, Unit::WanYuan | Unit::None) => CellValue::Number(*value),
            (ValueKind::Amount, Unit::Count) => CellValue::Invalid,
            (_, Unit::Yuan | Unit::WanYuan) => CellValue::Invalid,
            (_, Unit::None | Unit::Count) => CellValue::Number(*value),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The shortcut in `parse_token` never hides a number: whatever `parse_number_token`
        /// reads is made only of characters `may_be_in_number` admits.
        #[test]
        fn every_number_is_made_of_number_characters(
            v in "[增减+\\-－＋−–]?[加少]?[0-9０-９ ]{1,5}([.,．，][0-9０-９]{1,3})?(万元|元|件|条|项|个|家|起|次|人次)?[年月日a]?",
            w in "[0-9０-９.,．，+\\-－＋−–增加减少万元人次件条项个家起 \u{3000}\u{a0}年月日号我局共a%]{1,10}"
        ) {
            for s in [&v, &w] {
                if parse_number_token(s).is_some() {
                    prop_assert!(s.chars().all(may_be_in_number), "{}", s);
                }
            }
        }
    }

    proptest! {
        /// Plain digits, told and read in one pass, are read as the general reader of values
        /// reads them (leading zeros, 15 digits), and other texts told from them (digits
        /// beside other characters, 16 digits).
        #[test]
        fn plain_digits_as_the_general_reader_reads_them(
            t in "[0-9]{1,16}|0[0-9]{0,3}|[0-9]{0,3}[^0-9 ][0-9]{0,3}|\\PC{1,6}"
        ) {
            let t = crate::scan::trim(&t);
            if !t.is_empty() {
                prop_assert_eq!(parse_trimmed(t), parse_other(t), "{:?}", t);
                let digits = t.len() <= 15 && t.bytes().all(|b| b.is_ascii_digit());
                prop_assert_eq!(plain_digits(t), digits.then(|| parse_other(t)), "{:?}", t);
            }
        }
    }

    fn num(t: &str, kind: ValueKind) -> Option<f64> {
        match cell_value(&parse_token(t)?, kind) {
            CellValue::Number(v) => Some(v),
            _ => None,
        }
    }

    /// The match of `may_be_in_number` is what the lists of `parse_number_token` admit.
    #[test]
    fn number_characters_are_those_of_the_lists() {
        let listed = |c: char| {
            let f = fold(c);
            c.is_whitespace()
                || f.is_ascii_digit()
                || matches!(f, '.' | ',')
                || SIGNS.iter().any(|(word, _)| word.contains(f))
                || UNITS.iter().any(|(word, _)| word.contains(f))
        };
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(may_be_in_number(c), listed(c), "{c:?}");
        }
    }

    proptest! {
        /// A text may end as a value as its last character says, told from its last byte when
        /// that is ASCII.
        #[test]
        fn may_end_as_value_as_the_last_character_says(t in "\\PC{0,6}|[a0规件）—]{0,4}") {
            prop_assert_eq!(
                may_end_as_value(&t),
                t.chars().next_back().is_some_and(may_end_value)
            );
        }
    }

    /// The written-out ends of values are those the lists give, for every character.
    #[test]
    fn value_ends_are_those_of_the_lists() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(may_end_value(c), may_end_value_by_lists(c), "{c:?}");
        }
    }

    /// No text the value reader takes ends in a character [`may_end_value`] rules out: every
    /// character after the beginnings of values of every kind (counts, signed changes,
    /// amounts, full-width digits, marks), and every character alone.
    #[test]
    fn every_value_ends_as_may_end_value_allows() {
        let starts = [
            "", "5", "12", "1,234", "0.5", "14.4", "减7", "增271", "+3", "-2", "１２", "（5",
            "5万", "251000", "—", "无",
        ];
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            for start in starts {
                let t = format!("{start}{c}");
                if parse_token(&t).is_some() {
                    assert!(may_end_as_value(crate::scan::trim(&t)), "{t:?}");
                }
            }
        }
    }

    /// The tokenizer's shortcut ends (`may_end_value`) are the units' last characters.
    #[test]
    fn unit_ends_are_the_last_characters_of_the_units() {
        let mut ends: Vec<char> = UNITS
            .iter()
            .filter_map(|(unit, _)| unit.chars().next_back())
            .collect();
        ends.sort_unstable();
        ends.dedup();
        let mut listed = UNIT_ENDS.to_vec();
        listed.sort_unstable();
        assert_eq!(ends, listed);
    }

    #[test]
    fn counts() {
        assert_eq!(num("0", ValueKind::Count), Some(0.0));
        assert_eq!(num(" 19", ValueKind::Count), Some(19.0));
        assert_eq!(num("0\u{2002}", ValueKind::Count), Some(0.0));
        assert_eq!(num("１２３", ValueKind::Count), Some(123.0));
        assert_eq!(num("3,119", ValueKind::Count), Some(3119.0));
        assert_eq!(num("5件", ValueKind::Count), Some(5.0));
        assert_eq!(parse_token("05"), None);
        assert_eq!(parse_token("3,11"), None);
        assert_eq!(parse_token("予以公开"), None);
        assert_eq!(parse_token("1."), None);
        assert_eq!(parse_token("2021年"), None);
    }

    #[test]
    fn signed_changes() {
        assert_eq!(num("减7", ValueKind::Change), Some(-7.0));
        assert_eq!(num("增271", ValueKind::Change), Some(271.0));
        assert_eq!(num("+3", ValueKind::Change), Some(3.0));
        assert_eq!(num("-8", ValueKind::Change), Some(-8.0));
        assert_eq!(num("－8", ValueKind::Change), Some(-8.0));
    }

    #[test]
    fn amounts_convert_to_wan_yuan() {
        assert_eq!(num("14.4万元", ValueKind::Amount), Some(14.4));
        assert_eq!(num("251000元", ValueKind::Amount), Some(25.1));
        assert_eq!(num("0.38", ValueKind::Amount), Some(0.38));
        assert_eq!(
            cell_value(&parse_token("14.4万元").unwrap(), ValueKind::Count),
            CellValue::Invalid
        );
    }

    #[test]
    fn not_applicable_marks() {
        for t in ["/", "／", "—", "-", "无", "——"] {
            assert_eq!(parse_token(t), Some(Printed::NotApplicable), "{t}");
        }
    }
}
