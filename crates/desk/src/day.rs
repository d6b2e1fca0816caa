//! Calendar dates as a day number.
//!
//! The desk counts days, compares them and looks them up in per-day tables, so a date is one
//! integer: the number of days since 1970-01-01 in the proleptic Gregorian calendar. That makes
//! "the next day", "is this before that" and "index into this year's bitmap" single instructions,
//! and needs no date crate. Only years 1 to 9999 can be represented: every constructor checks
//! this, so arithmetic on a [`Day`] returns `None` instead of leaving the range, and formatting
//! always gives a four-digit year.

use std::fmt;
use std::str::FromStr;

use gongkai_model::Message;

/// A day of the proleptic Gregorian calendar, years 1 to 9999.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(i32);

/// Monday = 0 … Sunday = 6.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    pub fn is_weekend(self) -> bool {
        matches!(self, Weekday::Saturday | Weekday::Sunday)
    }

    /// 星期一 … 星期日.
    pub fn zh(self) -> &'static str {
        match self {
            Weekday::Monday => "星期一",
            Weekday::Tuesday => "星期二",
            Weekday::Wednesday => "星期三",
            Weekday::Thursday => "星期四",
            Weekday::Friday => "星期五",
            Weekday::Saturday => "星期六",
            Weekday::Sunday => "星期日",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Weekday::Monday => "Monday",
            Weekday::Tuesday => "Tuesday",
            Weekday::Wednesday => "Wednesday",
            Weekday::Thursday => "Thursday",
            Weekday::Friday => "Friday",
            Weekday::Saturday => "Saturday",
            Weekday::Sunday => "Sunday",
        }
    }
}

/// Days from 1970-01-01 to the given civil date (H. Hinnant's `days_from_civil`).
const fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400; // [0, 399]
    let mp = (m + 9) % 12; // March = 0
    let doy = (153 * mp + 2) / 5 + d - 1; // [0, 365]
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy as i32; // [0, 146096]
    era * 146097 + doe - 719468
}

/// The civil date of a day number (H. Hinnant's `civil_from_days`).
const fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097; // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; // [0, 399]
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11]
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32; // [1, 31]
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32; // [1, 12]
    (if m <= 2 { y + 1 } else { y }, m, d)
}

const fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in a month of a year; 0 for a month outside 1–12.
pub const fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Day {
    /// 0001-01-01.
    pub const MIN: Day = Day(days_from_civil(1, 1, 1));
    /// 9999-12-31.
    pub const MAX: Day = Day(days_from_civil(9999, 12, 31));

    /// A valid date, or `None` (month 13, 30 February, year 0 …).
    pub const fn from_ymd(year: i32, month: u32, day: u32) -> Option<Day> {
        if year < 1 || year > 9999 || day < 1 || day > days_in_month(year, month) {
            return None;
        }
        Some(Day(days_from_civil(year, month, day)))
    }

    /// The day with this number (days since 1970-01-01), if it is within years 1–9999.
    pub const fn from_days_since_epoch(n: i32) -> Option<Day> {
        if n < Day::MIN.0 || n > Day::MAX.0 {
            None
        } else {
            Some(Day(n))
        }
    }

    /// Days since 1970-01-01 (negative before it).
    pub const fn days_since_epoch(self) -> i32 {
        self.0
    }

    /// (year, month, day).
    pub const fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.0)
    }

    pub const fn year(self) -> i32 {
        self.ymd().0
    }

    pub const fn month(self) -> u32 {
        self.ymd().1
    }

    pub const fn day_of_month(self) -> u32 {
        self.ymd().2
    }

    pub const fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday (index 3 with Monday = 0).
        match (self.0 + 3).rem_euclid(7) {
            0 => Weekday::Monday,
            1 => Weekday::Tuesday,
            2 => Weekday::Wednesday,
            3 => Weekday::Thursday,
            4 => Weekday::Friday,
            5 => Weekday::Saturday,
            _ => Weekday::Sunday,
        }
    }

    /// This day plus `n` calendar days (negative to go back), if still within years 1–9999.
    pub fn add_days(self, n: i32) -> Option<Day> {
        self.0.checked_add(n).and_then(Day::from_days_since_epoch)
    }

    /// The next calendar day.
    pub fn succ(self) -> Option<Day> {
        self.add_days(1)
    }

    /// The previous calendar day.
    pub fn pred(self) -> Option<Day> {
        self.add_days(-1)
    }

    /// Calendar days from `earlier` to `self` (negative when `self` is earlier).
    pub fn days_since(self, earlier: Day) -> i32 {
        // Both are within years 1–9999, so the difference fits easily.
        self.0 - earlier.0
    }

    /// Parses `YYYY-MM-DD` (exactly that shape, ASCII digits).
    pub fn parse(s: &str) -> Result<Day, DayError> {
        let b = s.as_bytes();
        let shape_ok = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !shape_ok {
            return Err(DayError::Shape(s.chars().take(40).collect()));
        }
        let num = |r: std::ops::Range<usize>| -> u32 {
            b[r].iter().fold(0, |acc, c| acc * 10 + u32::from(c - b'0'))
        };
        let (y, m, d) = (num(0..4), num(5..7), num(8..10));
        // y < 10000, so it fits an i32.
        Day::from_ymd(y as i32, m, d).ok_or(DayError::Invalid(s.to_string()))
    }

    /// `2026-02-15`.
    pub fn iso(self) -> String {
        self.to_string()
    }

    /// `02-15`: the short form explanations use when the year is clear from context.
    pub fn month_day(self) -> String {
        let (_, m, d) = self.ymd();
        format!("{m:02}-{d:02}")
    }

    /// The first day of the day's year.
    pub fn first_of_year(year: i32) -> Option<Day> {
        Day::from_ymd(year, 1, 1)
    }

    /// The last day of a year.
    pub fn last_of_year(year: i32) -> Option<Day> {
        Day::from_ymd(year, 12, 31)
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl FromStr for Day {
    type Err = DayError;
    fn from_str(s: &str) -> Result<Day, DayError> {
        Day::parse(s)
    }
}

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DayError {
    /// Not of the shape `YYYY-MM-DD`.
    Shape(String),
    /// The shape is right but there is no such day (2026-02-30, 0000-01-01 …).
    Invalid(String),
}

impl DayError {
    pub fn message(&self) -> Message {
        match self {
            DayError::Shape(s) => Message::new(
                format!("日期「{s}」格式不对，应为 YYYY-MM-DD，如 2026-02-11"),
                format!("\"{s}\" is not a date of the form YYYY-MM-DD, e.g. 2026-02-11"),
            ),
            DayError::Invalid(s) => Message::new(
                format!("日期「{s}」不存在"),
                format!("there is no such day as {s}"),
            ),
        }
    }
}

impl fmt::Display for DayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let m = self.message();
        write!(f, "{} ({})", m.zh, m.en)
    }
}

impl std::error::Error for DayError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_and_known_weekdays() {
        let d = Day::from_ymd(1970, 1, 1).unwrap();
        assert_eq!(d.days_since_epoch(), 0);
        assert_eq!(d.weekday(), Weekday::Thursday);
        // 2026-02-14 is the Saturday worked before the 2026 Spring Festival.
        assert_eq!(
            Day::from_ymd(2026, 2, 14).unwrap().weekday(),
            Weekday::Saturday
        );
        // 2000-02-29 exists (divisible by 400), 1900-02-29 does not.
        assert!(Day::from_ymd(2000, 2, 29).is_some());
        assert!(Day::from_ymd(1900, 2, 29).is_none());
        assert_eq!(
            Day::from_ymd(2000, 3, 1)
                .unwrap()
                .days_since(Day::from_ymd(2000, 2, 28).unwrap()),
            2
        );
    }

    #[test]
    fn round_trip_every_day_of_the_range() {
        let mut d = Day::MIN;
        let mut n = 0;
        loop {
            let (y, m, dd) = d.ymd();
            assert_eq!(Day::from_ymd(y, m, dd), Some(d));
            assert_eq!(Day::parse(&d.iso()), Ok(d));
            match d.succ() {
                Some(next) => d = next,
                None => break,
            }
            n += 1;
        }
        assert_eq!(d, Day::MAX);
        assert_eq!(n, 3_652_058);
    }

    #[test]
    fn parse_refuses_bad_text() {
        for s in [
            "",
            "2026-2-11",
            "2026/02/11",
            "２０２６-02-11",
            "2026-02-30",
            "0000-01-01",
            "2026-13-01",
            "2026-02-1a",
            "+026-02-11",
        ] {
            assert!(Day::parse(s).is_err(), "{s}");
        }
        assert!(Day::MAX.succ().is_none());
        assert!(Day::MIN.pred().is_none());
        assert!(Day::MIN.add_days(i32::MAX).is_none());
        assert!(Day::MAX.add_days(i32::MIN).is_none());
    }
}
