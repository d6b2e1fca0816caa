//! Figures in running text: a number (Arabic, full-width or Chinese numerals), an optional
//! approximation (约, 近, 超过, 余, 多, 左右, 以上 …) and a unit (条, 件, 人次, 万元, % …).
//!
//! A number counts as a figure only with a unit: prose is full of numerals that count nothing
//! (`一是`, `两微一端`, `三公经费`, `第五十条`, `2017年`, `16号`, phone numbers). The unit is what makes
//! `2020 条` a count and `2020 年` a year. Bare `一` (`一批`, `一次性`, `一条龙`) and lone multipliers
//! (`百姓`, `万元` as a column header, `千家万户`) are not figures either, except where an
//! approximation word makes them one (`百余条`, `近百件`, `上万条`).
//!
//! Every function here looks at a bounded window around its position, so scanning a text is
//! linear in its length.

use gongkai_model::{Quantity, Unit};

/// Longest number run considered, in characters; a longer run of digits is not a figure
/// (identifiers, garbage) and stops the look-ahead from growing with the input.
const MAX_NUMBER_CHARS: usize = 24;

/// A figure found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Byte range of the whole figure, approximation words included (`近百件`, `200余条`).
    pub start: usize,
    pub end: usize,
    pub quantity: Quantity,
    /// Digits printed after the decimal point.
    pub decimals: u8,
    pub unit: Unit,
}

/// A number as printed: its value, and what an approximation needs to know.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    pub value: f64,
    pub decimals: u8,
    /// Byte offset just past the number.
    pub end: usize,
    /// Place value of the last printed digit that is not zero (200 → 100, 1.5万 → 1000, 十一 → 1):
    /// `200余` is 200 to 299.
    pub place: f64,
    /// Only multipliers were printed (`百`, `万`, `十`).
    pub multiplier_only: bool,
    /// The number is a bare `一`/`壹`.
    pub bare_one: bool,
    /// A Chinese `零`/`〇` alone.
    pub bare_zero: bool,
}

/// Whether a spelling of a unit ([`units_starting`]) starts with `c`.
const fn may_start_unit(c: char) -> bool {
    !units_starting(c).is_empty()
}

/// Approximation words printed before a number, longest first (read through
/// [`befores_ending`], which the tests tie to [`BEFORE`]).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Before {
    About,
    Nearly,
    Over,
    AtLeast,
    Under,
    AtMost,
    /// 上百, 上千, 上万 (with a lone multiplier only)
    Reaching,
    /// 数十, 几百 (with a lone multiplier only)
    Several,
}

#[cfg(test)]
const BEFORE: &[(&str, Before)] = &[
    ("不少于", Before::AtLeast),
    ("不低于", Before::AtLeast),
    ("不超过", Before::AtMost),
    ("大约", Before::About),
    ("大概", Before::About),
    ("将近", Before::Nearly),
    ("接近", Before::Nearly),
    ("超过", Before::Over),
    ("多于", Before::Over),
    ("高于", Before::Over),
    ("不足", Before::Under),
    ("不到", Before::Under),
    ("少于", Before::Under),
    ("低于", Before::Under),
    ("至少", Before::AtLeast),
    ("至多", Before::AtMost),
    ("最多", Before::AtMost),
    ("约", Before::About),
    ("近", Before::Nearly),
    ("逾", Before::Over),
    ("上", Before::Reaching),
    ("数", Before::Several),
    ("几", Before::Several),
];

#[inline]
const fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

#[inline]
const fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

#[inline]
const fn cn_multiplier(c: char) -> Option<f64> {
    Some(match c {
        '十' | '拾' => 10.0,
        '百' | '佰' => 100.0,
        '千' | '仟' => 1000.0,
        '万' => 1e4,
        '亿' => 1e8,
        _ => return None,
    })
}

/// Whether `c` can start a number.
#[inline]
pub const fn starts_number(c: char) -> bool {
    digit_value(c).is_some() || cn_digit(c).is_some() || cn_multiplier(c).is_some()
}

/// The value of a run of Chinese numerals (`十一` 11, `两` 2, `一百二十` 120, `一百零五` 105,
/// `三万` 30000, `二〇一七` 2017), with the place value of its last non-zero digit. `None` when
/// the run is not a well-formed number.
pub fn chinese(run: &str) -> Option<(f64, f64)> {
    // The run is walked twice (is it digits only? then its value), never collected.
    if run.is_empty() || run.chars().count() > MAX_NUMBER_CHARS {
        return None;
    }
    if run.chars().all(|c| cn_digit(c).is_some()) {
        // A digit sequence (二〇一七), or a single digit.
        let mut v = 0.0;
        let mut place = 1.0;
        let mut trailing_zeros = 0;
        for c in run.chars() {
            let d = cn_digit(c)?;
            v = v * 10.0 + f64::from(d);
            trailing_zeros = if d == 0 { trailing_zeros + 1 } else { 0 };
        }
        for _ in 0..trailing_zeros {
            place *= 10.0;
        }
        return Some((v, place));
    }
    let mut total = 0.0f64;
    let mut section = 0.0f64;
    let mut digit: Option<f64> = None;
    let mut place = 1.0;
    let mut prev_was_digit = false;
    for (i, c) in run.chars().enumerate() {
        if let Some(d) = cn_digit(c) {
            // Two digits in a row are only allowed after 零 (一百零五).
            if prev_was_digit && digit != Some(0.0) {
                return None;
            }
            digit = Some(f64::from(d));
            prev_was_digit = true;
            if d != 0 {
                place = 1.0;
            }
            continue;
        }
        let m = cn_multiplier(c)?;
        prev_was_digit = false;
        match m {
            m if m < 1e4 => {
                let d = match digit.take() {
                    Some(d) => d,
                    // A leading 十 (十一 = 11); elsewhere a multiplier needs its digit.
                    None if m == 10.0 && i == 0 => 1.0,
                    None if m == 10.0 && section == 0.0 && total > 0.0 => 1.0,
                    None if i == 0 => 1.0,
                    None => return None,
                };
                section += d * m;
                if d != 0.0 {
                    place = m;
                }
            }
            m if m == 1e4 => {
                section += digit.take().unwrap_or(0.0);
                if section == 0.0 {
                    section = 1.0;
                }
                total += section * m;
                place *= m;
                section = 0.0;
            }
            m => {
                section += digit.take().unwrap_or(0.0);
                if section == 0.0 && total == 0.0 {
                    section = 1.0;
                }
                total = (total + section) * m;
                place *= m;
                section = 0.0;
            }
        }
    }
    if let Some(d) = digit {
        section += d;
        if d != 0.0 {
            place = 1.0;
        }
    }
    Some((total + section, place))
}

/// The number printed at byte `start` of `text`, if one starts there.
pub fn number_at(text: &str, start: usize) -> Option<Number> {
    let rest = text.get(start..)?;
    let first = rest.chars().next()?;
    if digit_value(first).is_some() {
        arabic(text, start)
    } else if cn_digit(first).is_some() || cn_multiplier(first).is_some() {
        let end = chinese_run_end(rest, start);
        let run = text.get(start..end)?;
        let (value, place) = chinese(run)?;
        let multiplier_only = run.chars().all(|c| cn_multiplier(c).is_some());
        Some(Number {
            value,
            decimals: 0,
            end,
            place,
            multiplier_only,
            bare_one: run == "一" || run == "壹",
            bare_zero: run == "零" || run == "〇",
        })
    } else {
        None
    }
}

/// Where the number printed at byte `start` of `text` ends, if one starts there: the `end` of
/// [`number_at`], without the value. Most numbers of prose count nothing (`2022年`, `1月`), and
/// the scan for figures needs only where they end, until a unit may follow
/// ([`unit_may_follow`]).
pub fn number_end(text: &str, start: usize) -> Option<usize> {
    let rest = text.get(start..)?;
    let first = rest.chars().next()?;
    if digit_value(first).is_some() {
        arabic_end(text.as_bytes(), start)
    } else if cn_digit(first).is_some() || cn_multiplier(first).is_some() {
        let end = chinese_run_end(rest, start);
        // Where the run is no well-formed number, none starts here.
        chinese(text.get(start..end)?)?;
        Some(end)
    } else {
        None
    }
}

/// Whether a unit may follow a number ending at byte `end` of `text`: after up to two spaces and
/// `余`/`多`, a character that starts a unit ([`may_start_unit`]). Where none may,
/// [`figure_of`] finds no figure.
///
/// Inlined where it is asked (at every number the sentence pre-scan meets): most numbers are
/// followed at once by a three-byte character that is no space (U+3000 is E3 80 80) nor 余 or
/// 多, told by its bit alone; the rest go the whole way ([`unit_may_follow_after_spaces`]).
#[inline]
pub fn unit_may_follow(text: &str, end: usize) -> bool {
    let bytes = text.as_bytes();
    match bytes.get(end..) {
        // 余 E4 BD 99, 多 E5 A4 9A.
        Some(&[b0 @ 0xE4..=0xEF, b1, b2, ..])
            if !matches!([b0, b1, b2], [0xE4, 0xBD, 0x99] | [0xE5, 0xA4, 0x9A]) =>
        {
            let word = (usize::from(b0 & 0x0F) << 6) | usize::from(b1 & 0x3F);
            UNIT_STARTS[word & 0x3FF] >> (b2 & 0x3F) & 1 == 1
        }
        _ => unit_may_follow_after_spaces(bytes, end),
    }
}

/// [`unit_may_follow`] the whole way: spaces, 余 or 多, then the unit's first character.
#[inline(never)]
fn unit_may_follow_after_spaces(bytes: &[u8], end: usize) -> bool {
    let mut at = skip_space_bytes(bytes, end);
    // 余 E4 BD 99, 多 E5 A4 9A.
    if matches!(
        bytes.get(at..at + 3),
        Some(&[0xE4, 0xBD, 0x99] | &[0xE5, 0xA4, 0x9A])
    ) {
        at = skip_space_bytes(bytes, at + 3);
    }
    unit_starts_at(bytes, at)
}

/// Whether the character at byte `at` of the UTF-8 text `bytes` (at a character) may start a
/// unit ([`may_start_unit`]), told on its bytes: `%`, or a three-byte character of
/// [`UNIT_STARTS`] (every other unit starts with one; a test checks them all).
#[inline]
fn unit_starts_at(bytes: &[u8], at: usize) -> bool {
    match bytes.get(at..) {
        Some(&[b'%', ..]) => true,
        Some(&[b0 @ 0xE0..=0xEF, b1, b2, ..]) => {
            let word = (usize::from(b0 & 0x0F) << 6) | usize::from(b1 & 0x3F);
            UNIT_STARTS[word & 0x3FF] >> (b2 & 0x3F) & 1 == 1
        }
        _ => false,
    }
}

/// One bit per character of the Basic Multilingual Plane (bit `c % 64` of word `c / 64`): set
/// where [`may_start_unit`]. A three-byte character's word is its first two bytes' low bits
/// and its bit the third's.
static UNIT_STARTS: [u64; 1024] = unit_start_table();

const fn unit_start_table() -> [u64; 1024] {
    let mut table = [0u64; 1024];
    let mut c = 0x800;
    while c <= 0xFFFF {
        if let Some(ch) = char::from_u32(c) {
            if may_start_unit(ch) {
                table[(c / 64) as usize] |= 1 << (c % 64);
            }
        }
        c += 1;
    }
    table
}

/// [`skip_spaces`] on the bytes: ` ` 20, no-break space C2 A0, ideographic space E3 80 80.
fn skip_space_bytes(bytes: &[u8], mut at: usize) -> usize {
    for _ in 0..2 {
        match bytes.get(at..) {
            Some(&[b' ', ..]) => at += 1,
            Some(&[0xC2, 0xA0, ..]) => at += 2,
            Some(&[0xE3, 0x80, 0x80, ..]) => at += 3,
            _ => break,
        }
    }
    at
}

/// The byte just past the run of Chinese numerals (at most [`MAX_NUMBER_CHARS`]) that starts
/// `rest`, which starts at byte `start` of its text.
fn chinese_run_end(rest: &str, start: usize) -> usize {
    let mut end = start;
    for (n, (i, c)) in rest.char_indices().enumerate() {
        if n >= MAX_NUMBER_CHARS || !(cn_digit(c).is_some() || cn_multiplier(c).is_some()) {
            break;
        }
        end = start + i + c.len_utf8();
    }
    end
}

/// The length of the digit (ASCII, or full-width EF BC 90..=99) at byte `i` of `bytes`, 0 where
/// none is.
fn digit_len(bytes: &[u8], i: usize) -> usize {
    match bytes.get(i) {
        Some(b'0'..=b'9') => 1,
        Some(0xEF) if matches!(bytes.get(i + 1..i + 3), Some(&[0xBC, 0x90..=0x99])) => 3,
        _ => 0,
    }
}

/// The extent of the Arabic number at byte `start` of `bytes` (UTF-8 text): digits (ASCII or
/// full-width, EF BC 90..=99), thousands separators `1,234`, then a decimal part; each digit
/// handed to `digit` as ASCII with its place among the number's digits (integer part, then
/// fraction). Its counts of integer and fraction digits and the end of its last digit (before
/// any 万/亿), or `None` where no digit is. What [`arabic`] and [`arabic_end`] read alike; inlined,
/// so that `arabic_end`'s digit that does nothing costs nothing.
#[inline(always)]
fn arabic_digits(
    bytes: &[u8],
    start: usize,
    mut digit: impl FnMut(usize, u8) -> Option<()>,
) -> Option<(usize, usize, usize)> {
    // The digit at byte `i` as ASCII, with its length.
    let digit_at = |i: usize| match digit_len(bytes, i) {
        1 => bytes.get(i).map(|d| (*d, 1)),
        3 => bytes.get(i + 2).map(|d| (d - 0x90 + b'0', 3)),
        _ => None,
    };
    let mut n_int = 0;
    let mut i = start;
    let mut end = start;
    while let Some(&b) = bytes.get(i) {
        if n_int >= MAX_NUMBER_CHARS {
            return None;
        }
        if let Some((d, len)) = digit_at(i) {
            digit(n_int, d)?;
            n_int += 1;
            i += len;
            end = i;
        } else if b == b',' && n_int > 0 {
            // A thousands separator only when exactly three digits follow.
            let following = bytes
                .get(i + 1..)
                .unwrap_or_default()
                .iter()
                .take_while(|d| d.is_ascii_digit())
                .count();
            if following != 3 {
                break;
            }
            i += 1;
        } else {
            break;
        }
    }
    if n_int == 0 {
        return None;
    }
    // `.` or `．` (EF BC 8E), then up to MAX_FRACTION_DIGITS digits.
    let dot = match bytes.get(end) {
        Some(b'.') => 1,
        Some(0xEF) if bytes.get(end + 1..end + 3) == Some(&[0xBC, 0x8E]) => 3,
        _ => 0,
    };
    let mut n_frac = 0;
    if dot > 0 {
        let mut j = end + dot;
        while n_frac < MAX_FRACTION_DIGITS {
            let Some((d, len)) = digit_at(j) else {
                break;
            };
            digit(n_int + n_frac, d)?;
            n_frac += 1;
            j += len;
        }
        if n_frac > 0 {
            end = j;
        }
    }
    Some((n_int, n_frac, end))
}

/// The `end` of [`arabic`] at byte `start` of `bytes` (UTF-8 text), read on the bytes alone:
/// the same digits, separators, fraction and multiplier, no value.
fn arabic_end(bytes: &[u8], start: usize) -> Option<usize> {
    let (_, _, mut end) = arabic_digits(bytes, start, |_, _| Some(()))?;
    // 万 (E4 B8 87) or 亿 (E4 BA BF) as a multiplier: not before 元 (E5 85 83).
    let multiplier = matches!(
        bytes.get(end..end + 3),
        Some(&[0xE4, 0xB8, 0x87] | &[0xE4, 0xBA, 0xBF])
    );
    if multiplier && bytes.get(end + 3..end + 6) != Some("元".as_bytes()) {
        end += 3;
    }
    Some(end)
}

/// The value of the number whose digits (ASCII, integer part then fraction) are the first
/// `n_int` + `n_frac` of `digits`, with its count of decimals and the place of its last
/// significant digit (1 for 0; 10 for 120; 0.01 for 1.25): what [`arabic`] and its definition
/// on characters make of the digits they read.
#[inline]
fn decimal_number(digits: &[u8], n_int: usize, n_frac: usize) -> Option<(f64, u8, f64)> {
    let int = digits.get(..n_int)?;
    let frac = digits.get(n_int..n_int + n_frac)?;
    let value = decimal_value(int, frac)?;
    let decimals = n_frac as u8;
    let place = if decimals > 0 {
        10f64.powi(-i32::from(decimals))
    } else {
        let zeros = int.iter().rev().take_while(|d| **d == b'0').count();
        if zeros == int.len() {
            1.0
        } else {
            10f64.powi(zeros as i32)
        }
    };
    Some((value, decimals, place))
}

/// Arabic digits (ASCII or full-width), thousands separators `1,234`, a decimal part, and a
/// following 万/亿 multiplier when a count unit follows it (`1.5万条`; but `14.4万元` is 14.4 in 万元).
/// Read on the bytes ([`arabic_digits`], as [`arabic_end`] reads the extent);
/// [`arabic_by_chars`] is the same on characters (a proptest ties them).
fn arabic(text: &str, start: usize) -> Option<Number> {
    let bytes = text.as_bytes();
    if start >= bytes.len() || !text.is_char_boundary(start) {
        return None;
    }
    // The digits as ASCII, integer part then fraction: at most MAX_NUMBER_CHARS + 8 of them,
    // held on the stack (numbers are read by the thousand; most count nothing).
    let mut digits = [0u8; MAX_NUMBER_CHARS + MAX_FRACTION_DIGITS];
    let (n_int, n_frac, mut end) = arabic_digits(bytes, start, |at, d| {
        *digits.get_mut(at)? = d;
        Some(())
    })?;
    let (mut value, decimals, mut place) = decimal_number(&digits, n_int, n_frac)?;
    // 万 (E4 B8 87) or 亿 (E4 BA BF) as a multiplier: only when what follows is not 元
    // (万元 is a unit).
    let k = match bytes.get(end..end + 3) {
        Some(&[0xE4, 0xB8, 0x87]) => 1e4,
        Some(&[0xE4, 0xBA, 0xBF]) => 1e8,
        _ => 0.0,
    };
    if k > 0.0 && bytes.get(end + 3..end + 6) != Some("元".as_bytes()) {
        value *= k;
        place *= k;
        end += 3;
    }
    Some(Number {
        value,
        decimals,
        end,
        place,
        multiplier_only: false,
        bare_one: false,
        bare_zero: false,
    })
}

/// [`arabic`] on characters, as first written: the definition the byte walk is tied to.
#[cfg(test)]
fn arabic_by_chars(text: &str, start: usize) -> Option<Number> {
    let rest = text.get(start..)?;
    // The digits as ASCII, integer part then fraction: at most MAX_NUMBER_CHARS + 8 of them,
    // held on the stack (numbers are read by the thousand; most count nothing).
    let mut digits = [0u8; MAX_NUMBER_CHARS + MAX_FRACTION_DIGITS];
    let mut n_int = 0;
    let mut end = start;
    let mut chars = rest.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        if n_int >= MAX_NUMBER_CHARS {
            return None;
        }
        if let Some(d) = digit_value(c) {
            *digits.get_mut(n_int)? = b'0' + d as u8;
            n_int += 1;
            end = start + i + c.len_utf8();
            chars.next();
        } else if c == ',' && n_int > 0 {
            // A thousands separator only when exactly three digits follow.
            let after = &rest[i + 1..];
            let following = after.bytes().take_while(u8::is_ascii_digit).count();
            if following == 3 {
                chars.next();
            } else {
                break;
            }
        } else {
            break;
        }
    }
    if n_int == 0 {
        return None;
    }
    let mut n_frac = 0;
    if let Some(after) = text.get(end..) {
        let mut it = after.char_indices();
        if let Some((_, dot)) = it.next() {
            if dot == '.' || dot == '．' {
                let mut frac_end = end;
                for (i, c) in it {
                    match digit_value(c) {
                        Some(d) if n_frac < MAX_FRACTION_DIGITS => {
                            *digits.get_mut(n_int + n_frac)? = b'0' + d as u8;
                            n_frac += 1;
                            frac_end = end + i + c.len_utf8();
                        }
                        _ => break,
                    }
                }
                if n_frac > 0 {
                    end = frac_end;
                }
            }
        }
    }
    let (mut value, decimals, mut place) = decimal_number(&digits, n_int, n_frac)?;
    // 万/亿 as a multiplier: only when what follows is not 元 (万元 is a unit).
    if let Some(after) = text.get(end..) {
        let mut it = after.chars();
        if let Some(m @ ('万' | '亿')) = it.next() {
            if it.next() != Some('元') {
                let k = if m == '万' { 1e4 } else { 1e8 };
                value *= k;
                place *= k;
                end += m.len_utf8();
            }
        }
    }
    Some(Number {
        value,
        decimals,
        end,
        place,
        multiplier_only: false,
        bare_one: false,
        bare_zero: false,
    })
}

/// Digits kept after a decimal point.
const MAX_FRACTION_DIGITS: usize = 8;

/// 10^0 ..= 10^8, each exact in an `f64`.
const POWERS_OF_TEN: [f64; MAX_FRACTION_DIGITS + 1] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8];

/// The value of the decimal `int.frac` (ASCII digits), exactly as `"int.frac".parse::<f64>()`
/// gives it. Up to 15 digits the integer they spell and the power of ten are exact in an `f64`,
/// so one division is correctly rounded, as the parse is (the parser's own fast path); longer
/// numbers are parsed from the spelled-out literal.
fn decimal_value(int: &[u8], frac: &[u8]) -> Option<f64> {
    if int.len() + frac.len() <= 15 {
        let n = int
            .iter()
            .chain(frac)
            .fold(0u64, |n, d| n * 10 + u64::from(d - b'0'));
        let scale = POWERS_OF_TEN.get(frac.len())?;
        return Some(n as f64 / scale);
    }
    let mut literal = [0u8; MAX_NUMBER_CHARS + 1 + MAX_FRACTION_DIGITS];
    let mut len = 0;
    for (slot, d) in literal.iter_mut().zip(int) {
        *slot = *d;
        len += 1;
    }
    if !frac.is_empty() {
        *literal.get_mut(len)? = b'.';
        len += 1;
        for d in frac {
            *literal.get_mut(len)? = *d;
            len += 1;
        }
    }
    std::str::from_utf8(literal.get(..len)?).ok()?.parse().ok()
}

/// Skips up to two spaces (ASCII, no-break or ideographic): extracted PDFs print `2020 条`.
fn skip_spaces(text: &str, mut at: usize) -> usize {
    for _ in 0..2 {
        match text.get(at..).and_then(|r| r.chars().next()) {
            Some(c @ (' ' | '\u{a0}' | '\u{3000}')) => at += c.len_utf8(),
            _ => break,
        }
    }
    at
}

/// The unit printed at `at`, with the byte offset after it.
pub fn unit_at(text: &str, at: usize) -> Option<(Unit, usize)> {
    let rest = text.get(at..)?;
    // Most numbers in prose are followed by something else (年, 月, 、): decided on the first
    // character before the list of spellings is tried.
    // The spellings are those that start with that character ([`units_starting`]), each with
    // what may not follow it.
    let first = rest.chars().next()?;
    let (spelling, unit, blocks) = units_starting(first)
        .iter()
        .find(|(s, _, _)| rest.starts_with(s))?;
    let end = at + spelling.len();
    let after = text.get(end..).unwrap_or("");
    if blocks.iter().any(|b| after.starts_with(b)) {
        return None;
    }
    Some((*unit, end))
}

/// The units: their spellings that start with `c`, longest first so that `人次` wins over `人`
/// and `万元` over `元` (`units_starting_is_well_formed`), each with the words that may not follow
/// it, where the unit's character starts another word (`条例`, `次日`, `名单`, `个工作日`,
/// `个百分点`, `人民`, `场所`, `批准`). Grouped by first character, so that looking a unit up is
/// one match rather than a walk of a list.
const fn units_starting(c: char) -> &'static [(&'static str, Unit, &'static [&'static str])] {
    match c {
        '人' => &[
            ("人（户）次", Unit::RenHuCi, &[]),
            ("人(户)次", Unit::RenHuCi, &[]),
            ("人/户次", Unit::RenHuCi, &[]),
            ("人次", Unit::RenCi, &[]),
            ("人", Unit::Ren, &["民"]),
        ],
        '亿' => &[("亿元", Unit::Yiyuan, &[])],
        '万' => &[("万元", Unit::Wanyuan, &[])],
        '件' => &[("件次", Unit::JianCi, &[]), ("件", Unit::Jian, &[])],
        '户' => &[
            ("户次", Unit::HuCi, &[]),
            ("户", Unit::Hu, &["籍", "口", "外"]),
        ],
        '场' => &[
            ("场次", Unit::Chang, &[]),
            ("场", Unit::Chang, &["所", "景", "地"]),
        ],
        '条' => &[("条", Unit::Tiao, &["例", "款"])],
        '项' => &[("项", Unit::Xiang, &[])],
        '个' => &[(
            "个",
            Unit::Ge,
            &[
                "工作日",
                "自然日",
                "月",
                "小时",
                "百分点",
                "季度",
                "星期",
                "年",
                "周",
            ],
        )],
        '起' => &[("起", Unit::Qi, &["草", "点", "步", "止", "始"])],
        '次' => &[("次", Unit::Ci, &["日", "数", "序", "要"])],
        '家' => &[("家", Unit::Jia, &[])],
        '名' => &[("名", Unit::Ming, &["单", "称", "义", "录"])],
        '位' => &[("位", Unit::Ming, &["置", "于"])],
        '期' => &[("期", Unit::Issue, &["间", "限"])],
        '篇' => &[("篇", Unit::Pian, &["章", "幅"])],
        '份' => &[("份", Unit::Fen, &[])],
        '批' => &[("批", Unit::Pi, &["准", "示", "复", "评"])],
        '宗' => &[("宗", Unit::Zong, &["教", "旨"])],
        '例' => &[("例", Unit::Zong, &["如"])],
        '封' => &[("封", Unit::Feng, &["闭", "面", "锁"])],
        '元' => &[("元", Unit::Yuan, &["旦", "素"])],
        '%' => &[("%", Unit::Percent, &[])],
        '％' => &[("％", Unit::Percent, &[])],
        _ => &[],
    }
}

/// Whether the character before byte `start` forbids a figure there: an ordinal (`第五十条`), or
/// the number being part of an identifier, e-mail address, phone number or version.
fn blocked_before(text: &str, start: usize) -> bool {
    let before = text.get(..start).unwrap_or("");
    let mut rev = before.chars().rev();
    let prev = rev.next();
    let prev = match prev {
        // `第 3 页`: look past one space.
        Some(' ') => rev.next(),
        p => p,
    };
    match prev {
        Some('第') => true,
        Some(c) => {
            c.is_ascii_alphanumeric()
                || matches!(c, '@' | '.' | '-' | '_' | '#' | '/' | '\\' | '．' | '＃')
                || digit_value(c).is_some()
        }
        None => false,
    }
}

/// The words of [`BEFORE`] that end with `c`, in the list's order: the character before a
/// number picks the few words to compare (most pick none), not the whole list.
const fn befores_ending(c: char) -> &'static [(&'static str, Before)] {
    match c {
        '于' => &[
            ("不少于", Before::AtLeast),
            ("不低于", Before::AtLeast),
            ("多于", Before::Over),
            ("高于", Before::Over),
            ("少于", Before::Under),
            ("低于", Before::Under),
        ],
        '过' => &[("不超过", Before::AtMost), ("超过", Before::Over)],
        '约' => &[("大约", Before::About), ("约", Before::About)],
        '概' => &[("大概", Before::About)],
        '近' => &[
            ("将近", Before::Nearly),
            ("接近", Before::Nearly),
            ("近", Before::Nearly),
        ],
        '足' => &[("不足", Before::Under)],
        '到' => &[("不到", Before::Under)],
        '少' => &[("至少", Before::AtLeast)],
        '多' => &[("至多", Before::AtMost), ("最多", Before::AtMost)],
        '逾' => &[("逾", Before::Over)],
        '上' => &[("上", Before::Reaching)],
        '数' => &[("数", Before::Several)],
        '几' => &[("几", Before::Several)],
        _ => &[],
    }
}

/// The approximation word that ends at `start`, with its start.
fn before_word(text: &str, start: usize) -> Option<(Before, usize)> {
    let before = text.get(..start)?;
    befores_ending(before.chars().next_back()?)
        .iter()
        .find(|(w, _)| before.ends_with(w))
        .map(|(w, b)| (*b, start - w.len()))
}

/// Whether `unit` counts whole things (so "less than 100" is at most 99).
fn whole(unit: Unit) -> bool {
    !unit.is_money() && unit != Unit::Percent
}

/// The figure whose number starts at byte `start` of `text`, if there is one.
pub fn figure_at(text: &str, start: usize) -> Option<Figure> {
    figure_of(text, start, number_at(text, start)?)
}

/// [`figure_at`] for the number already read at `start` ([`number_at`]).
pub fn figure_of(text: &str, start: usize, num: Number) -> Option<Figure> {
    if blocked_before(text, start) {
        return None;
    }
    if num.bare_zero {
        return None;
    }
    let mut at = skip_spaces(text, num.end);
    // 余 / 多 between the number and its unit.
    let mut more = false;
    if let Some(r) = text.get(at..) {
        if r.starts_with('余') || r.starts_with('多') {
            more = true;
            at = skip_spaces(text, at + '余'.len_utf8());
        }
    }
    let (unit, mut end) = unit_at(text, at)?;
    let before = before_word(text, start);
    // A lone multiplier is a figure only with an approximation (百余条, 近百件, 上万条), except 十.
    let lone_ok = |b: Option<Before>| {
        more || matches!(
            b,
            Some(Before::Nearly | Before::Reaching | Before::Several | Before::Over)
        )
    };
    let multiplier_run = text.get(start..num.end).unwrap_or("");
    if num.multiplier_only && multiplier_run != "十" && !lone_ok(before.map(|(b, _)| b)) {
        return None;
    }
    if num.bare_one && !more {
        return None;
    }
    // 数/几/上 only qualify a lone multiplier (数十, 上万); elsewhere they are other words
    // (件数5件: 数 ends a noun).
    let before = before
        .filter(|(b, _)| !matches!(b, Before::Several | Before::Reaching) || num.multiplier_only);
    let v = num.value;
    let step = if whole(unit) { 1.0 } else { 0.0 };
    let mut quantity = if more {
        Quantity::between(v, v + (num.place - step).max(0.0))
    } else {
        match before.map(|(b, _)| b) {
            None => Quantity::exact(v),
            Some(Before::About) => {
                let (lo, hi) = (v * 0.9, v * 1.1);
                if whole(unit) {
                    Quantity::between(lo.ceil(), hi.floor())
                } else {
                    Quantity::between(lo, hi)
                }
            }
            Some(Before::Nearly) => {
                let lo = if whole(unit) {
                    (v * 0.8).ceil()
                } else {
                    v * 0.8
                };
                Quantity::between(lo, (v - step).max(lo))
            }
            Some(Before::Over) => Quantity::between(v + step, f64::INFINITY),
            Some(Before::AtLeast | Before::Reaching) => Quantity::between(v, f64::INFINITY),
            Some(Before::Under) => Quantity::between(0.0, (v - step).max(0.0)),
            Some(Before::AtMost) => Quantity::between(0.0, v),
            Some(Before::Several) => Quantity::between(2.0 * v, 10.0 * v - step),
        }
    };
    // Qualifiers printed after the unit.
    if let Some(after) = text.get(end..) {
        if after.starts_with("左右") && quantity.exact {
            quantity = if whole(unit) {
                Quantity::between((v * 0.9).ceil(), (v * 1.1).floor())
            } else {
                Quantity::between(v * 0.9, v * 1.1)
            };
            end += "左右".len();
        } else if after.starts_with("以上") && quantity.exact {
            quantity = Quantity::between(v, f64::INFINITY);
            end += "以上".len();
        } else if (after.starts_with("以下") || after.starts_with("以内")) && quantity.exact {
            quantity = Quantity::between(0.0, v);
            end += "以下".len();
        }
    }
    let start = before.map_or(start, |(_, s)| s);
    Some(Figure {
        start,
        end,
        quantity,
        decimals: num.decimals,
        unit,
    })
}

/// `百分之八十五`, `百分之百`, `百分之85`: a percentage written in words, at byte `start`.
pub fn percent_words_at(text: &str, start: usize) -> Option<Figure> {
    if !text.get(start..)?.starts_with("百分之") {
        return None;
    }
    let at = start + "百分之".len();
    let num = number_at(text, at)?;
    Some(Figure {
        start,
        end: num.end,
        quantity: Quantity::exact(num.value),
        decimals: num.decimals,
        unit: Unit::Percent,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fig(text: &str) -> Option<(String, Unit, String)> {
        let start = text.char_indices().find(|(_, c)| starts_number(*c))?.0;
        let f = figure_at(text, start).or_else(|| percent_words_at(text, 0))?;
        Some((
            f.quantity.to_string(),
            f.unit,
            text[f.start..f.end].to_string(),
        ))
    }

    #[test]
    fn chinese_numerals() {
        let v = |s: &str| chinese(s).map(|(v, _)| v);
        assert_eq!(v("十一"), Some(11.0));
        assert_eq!(v("两"), Some(2.0));
        assert_eq!(v("一百二十"), Some(120.0));
        assert_eq!(v("一百零五"), Some(105.0));
        assert_eq!(v("二十"), Some(20.0));
        assert_eq!(v("三万"), Some(30000.0));
        assert_eq!(v("一万二千"), Some(12000.0));
        assert_eq!(v("二〇一七"), Some(2017.0));
        assert_eq!(v("〇"), Some(0.0));
        assert_eq!(v("百"), Some(100.0));
        assert_eq!(v("十"), Some(10.0));
        assert_eq!(v("两亿"), Some(2e8));
        assert_eq!(v("三三"), Some(33.0));
        assert_eq!(v("三百三三"), None);
        assert_eq!(chinese("两百").map(|(_, p)| p), Some(100.0));
        assert_eq!(chinese("十一").map(|(_, p)| p), Some(1.0));
    }

    #[test]
    fn figures_with_units() {
        assert_eq!(fig("主动公开信息8052条").unwrap().0, "8052");
        assert_eq!(fig("答复十一件").unwrap().0, "11");
        assert_eq!(fig("收到两件").unwrap().0, "2");
        assert_eq!(fig("一百二十条").unwrap().0, "120");
        assert_eq!(fig("共发布信息 2020 条").unwrap().0, "2020");
        let (q, u, t) = fig("公开信息11条217284人(户)次").unwrap();
        assert_eq!((q.as_str(), u, t.as_str()), ("11", Unit::Tiao, "11条"));
        assert_eq!(fig("对象1103人次").unwrap().1, Unit::RenCi);
        assert_eq!(fig("14.4万元").unwrap().1, Unit::Wanyuan);
        assert_eq!(fig("14.4万元").unwrap().0, "14.4");
        assert_eq!(fig("1.5万条").unwrap().0, "15000");
        assert_eq!(fig("88.6%").unwrap().0, "88.6");
        assert_eq!(fig("1,234件").unwrap().0, "1234");
        assert_eq!(fig("３件").unwrap().0, "3");
    }

    #[test]
    fn approximations_are_bounds() {
        assert_eq!(fig("信息200余条").unwrap().0, "200..=299");
        assert_eq!(fig("信息60余条").unwrap().0, "60..=69");
        assert_eq!(fig("近百件").unwrap().0, "80..=99");
        assert_eq!(fig("近百件").unwrap().2, "近百件");
        assert_eq!(fig("百余条").unwrap().0, "100..=199");
        assert_eq!(fig("十余件").unwrap().0, "10..=19");
        assert_eq!(fig("两百多条").unwrap().0, "200..=299");
        assert_eq!(fig("3万余条").unwrap().0, "30000..=39999");
        assert_eq!(fig("超过10件").unwrap().0, "≥11");
        assert_eq!(fig("不足10件").unwrap().0, "≤9");
        assert_eq!(fig("约50件").unwrap().0, "45..=55");
        assert_eq!(fig("50件左右").unwrap().0, "45..=55");
        assert_eq!(fig("100条以上").unwrap().0, "≥100");
        assert_eq!(fig("上万条").unwrap().0, "≥10000");
        assert_eq!(fig("数十条").unwrap().0, "20..=99");
    }

    #[test]
    fn numerals_that_count_nothing_are_not_figures() {
        for text in [
            "2017年",
            "2017 年度",
            "第五十条",
            "16号",
            "一是",
            "两微一端",
            "三公经费",
            "一批",
            "一次性",
            "一条龙",
            "百姓",
            "单位：万元",
            "千家万户",
            "20个工作日",
            "3个百分点",
            "《条例》",
            "hgszwgkb@163.com",
            "电话:3216082,",
            "第 3 页",
            "三条例",
            "次日",
            "名单",
            "零件",
            "6月30日",
            "互联网协议第6版",
            "人民",
        ] {
            assert_eq!(fig(text), None, "{text}");
        }
    }

    #[test]
    fn unit_starts_are_the_first_characters_of_the_units() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            assert_eq!(unit_starts_at(bytes, 0), may_start_unit(c), "{c}");
        }
    }

    /// Every spelling is listed under its first character, and none after a shorter one it
    /// starts with (which `unit_at`, taking the first that fits, would then never reach).
    #[test]
    fn units_starting_is_well_formed() {
        let mut spellings = 0;
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let units = units_starting(c);
            for (i, (spelling, _, blocks)) in units.iter().enumerate() {
                assert!(spelling.starts_with(c), "{spelling} under {c}");
                assert!(blocks.iter().all(|b| !b.is_empty()), "{spelling}");
                for (earlier, _, _) in &units[..i] {
                    assert!(
                        !spelling.starts_with(earlier),
                        "{earlier} before {spelling}"
                    );
                }
                spellings += 1;
            }
        }
        assert_eq!(spellings, 31);
    }

    proptest::proptest! {
        /// Arabic numbers read on the bytes are those read on the characters.
        #[test]
        fn arabic_on_bytes_is_on_chars(text in "[0-9０-９,.．万亿元件 a\u{3000}]{0,34}") {
            for start in 0..=text.len() + 1 {
                let by_bytes = arabic(&text, start);
                let by_chars = arabic_by_chars(&text, start);
                proptest::prop_assert_eq!(by_bytes, by_chars, "{:?} at {}", text, start);
            }
        }
    }

    proptest::proptest! {
        /// The extent alone is the extent of the number read, and a figure is found only where
        /// a unit may follow its number.
        #[test]
        fn number_end_and_unit_prefilter_agree(text in "[0-9０-９,.．万亿元余多 \u{a0}\u{3000}条件人第一二三四五六七八九十百千零〇两年%]{0,30}") {
            for (start, _) in text.char_indices() {
                let num = number_at(&text, start);
                proptest::prop_assert_eq!(number_end(&text, start), num.map(|n| n.end));
                if let (Some(n), Some(_)) = (num, figure_at(&text, start)) {
                    proptest::prop_assert!(unit_may_follow(&text, n.end));
                }
                proptest::prop_assert_eq!(skip_space_bytes(text.as_bytes(), start), skip_spaces(&text, start));
            }
        }

        /// The shortcut for a three-byte character right after the number says what the whole
        /// way says.
        #[test]
        fn unit_may_follow_is_the_whole_way(text in "[0-9 \u{a0}\u{3000}余多条件人个%％、。年a-c\u{4e00}-\u{4e10}\u{ff01}-\u{ff20}]{0,8}") {
            for end in (0..=text.len()).filter(|&e| text.is_char_boundary(e)) {
                proptest::prop_assert_eq!(
                    unit_may_follow(&text, end),
                    unit_may_follow_after_spaces(text.as_bytes(), end)
                );
            }
        }

        /// Digits turned into a value without a string agree with parsing the literal.
        #[test]
        fn decimal_value_is_the_parsed_literal(int in "[0-9]{1,24}", frac in "[0-9]{0,8}") {
            let literal = if frac.is_empty() { int.clone() } else { format!("{int}.{frac}") };
            let parsed: f64 = literal.parse().unwrap();
            let value = decimal_value(int.as_bytes(), frac.as_bytes());
            proptest::prop_assert_eq!(value.map(f64::to_bits), Some(parsed.to_bits()));
        }
    }

    #[test]
    fn befores_ending_are_the_list_by_last_character() {
        let mut seen = 0;
        for c in BEFORE.iter().filter_map(|(w, _)| w.chars().next_back()) {
            let expected: Vec<_> = BEFORE.iter().filter(|(w, _)| w.ends_with(c)).collect();
            let found: Vec<_> = befores_ending(c).iter().collect();
            assert_eq!(found, expected, "{c}");
            seen += 1;
        }
        assert_eq!(seen, BEFORE.len());
        // No other character ends a word.
        for c in ('\u{0}'..='\u{FFFF}').filter(|c| !BEFORE.iter().any(|(w, _)| w.ends_with(*c))) {
            assert!(befores_ending(c).is_empty(), "{c}");
        }
    }

    #[test]
    fn percent_in_words() {
        let f = percent_words_at("百分之百", 0).unwrap();
        assert_eq!(f.quantity.value(), Some(100.0));
        let f = percent_words_at("百分之八十五", 0).unwrap();
        assert_eq!(f.quantity.value(), Some(85.0));
    }
}
