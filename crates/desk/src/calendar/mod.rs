//! The working-day calendar (工作日): weekends, the State Council's holidays and 调休.
//!
//! The schedule is data, not code: the national notices ship with the crate
//! (`data/holidays.toml`, loaded with `include_str!`), a newer year's notice is added with
//! [`Calendar::with_notices`], and a region's own days off or working weekends with
//! [`Calendar::with_region`]. There is no fallback: a day of a year whose notice is not loaded is
//! an error that names the year ("2027年的节假日安排尚未载入"), because counting such a year as
//! "weekends only" silently gives wrong statutory deadlines.
//!
//! **Late December.** A New Year period can start in December and belongs to the *next* year's
//! notice (2018-12-29 was worked and 2018-12-31 was off by the 2019 notice). So the days from
//! 25 December of a year are settled only once the next year's notice is loaded; until then
//! they are an error too, naming the missing year and the reason.
//!
//! **Speed.** Building the calendar precomputes, for every day of the loaded range, whether it is
//! a working day, a running count of working days and of unsettled days, and the list of working
//! days in order. "The n-th working day after d" is then one array lookup and "how many working
//! days between a and b" a subtraction: no day-by-day scan, whatever n is.

mod data;
mod names;

use std::fmt;
use std::sync::OnceLock;

use gongkai_model::Message;

pub use data::{AdjustedWorkday, Holiday, Notice, Region, LATE_DECEMBER_FROM};

use crate::day::Day;

/// The national schedule shipped with the crate (a copy of `shared/spec/holidays.toml`).
pub const OFFICIAL_SCHEDULE: &str = include_str!("../../data/holidays.toml");

/// Why the calendar cannot answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CalendarError {
    /// No notice is loaded for the year of this day.
    NotLoaded { year: i32 },
    /// The day is in late December and the next year's notice, which may change it, is not
    /// loaded.
    Unsettled { day: Day, next_year: i32 },
    /// The schedule data is malformed or inconsistent.
    Data(Message),
}

impl CalendarError {
    pub fn message(&self) -> Message {
        match self {
            CalendarError::NotLoaded { year } => Message::new(
                format!("{year}年的节假日安排尚未载入，无法计算工作日；请载入国务院办公厅{year}年部分节假日安排的通知"),
                format!("the {year} holiday schedule is not loaded, so working days cannot be counted; load the State Council's notice on the {year} holidays"),
            ),
            CalendarError::Unsettled { day, next_year } => Message::new(
                format!("{next_year}年的节假日安排尚未载入：{day}可能因{next_year}年元旦放假调休而变化，无法确定是否为工作日"),
                format!("the {next_year} holiday schedule is not loaded: {day} may be changed by the {next_year} New Year arrangement, so whether it is a working day is not yet known"),
            ),
            CalendarError::Data(m) => m.clone(),
        }
    }
}

impl fmt::Display for CalendarError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let m = self.message();
        write!(f, "{} ({})", m.zh, m.en)
    }
}

impl std::error::Error for CalendarError {}

/// What kind of day a day is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayKind {
    /// Monday to Friday, no holiday.
    Workday,
    /// Saturday or Sunday, no notice about it.
    Weekend,
    /// A day of a holiday period (the period is in [`Calendar::holiday_on`]).
    Holiday,
    /// A Saturday or Sunday made a working day (调休上班).
    AdjustedWorkday,
}

impl DayKind {
    pub fn is_working(self) -> bool {
        matches!(self, DayKind::Workday | DayKind::AdjustedWorkday)
    }
}

const KNOWN: u8 = 1;
const WORKING: u8 = 2;
const HOLIDAY: u8 = 4;
const ADJUSTED: u8 = 8;

/// The working-day calendar: the loaded notices, regional overrides, and the per-day index.
#[derive(Debug, Clone)]
pub struct Calendar {
    notices: Vec<Notice>,
    regions: Vec<Region>,
    /// Every holiday period (national, then regional), sorted by first day.
    holidays: Vec<Holiday>,
    /// Every adjusted working day that is in force, sorted.
    adjusted: Vec<AdjustedWorkday>,
    /// The first day of the index: 1 January of the first loaded year.
    base: Day,
    /// Flags per day from `base` (KNOWN, WORKING, HOLIDAY, ADJUSTED).
    flags: Vec<u8>,
    /// `work_before[i]`: working days in `[base, base + i)`; one longer than `flags`.
    work_before: Vec<u32>,
    /// `unknown_before[i]`: unsettled days in `[base, base + i)`; one longer than `flags`.
    unknown_before: Vec<u32>,
    /// Offsets from `base` of the working days, in order.
    working: Vec<u32>,
}

impl Calendar {
    /// Working days after `today` up to `due` (0 when due today); negative: working days since
    /// `due` (how late). For "剩余 N 个工作日" / "逾期 N 个工作日".
    pub fn working_days_left(&self, today: Day, due: Day) -> Result<i64, CalendarError> {
        if today <= due {
            match today.succ() {
                Some(next) => Ok(i64::from(self.working_days_in(next, due)?)),
                None => Ok(0),
            }
        } else {
            match due.succ() {
                Some(next) => Ok(-i64::from(self.working_days_in(next, today)?)),
                None => Ok(0),
            }
        }
    }

    /// The calendar of the national schedule shipped with the crate (built once).
    pub fn official() -> Result<&'static Calendar, CalendarError> {
        static OFFICIAL: OnceLock<Result<Calendar, CalendarError>> = OnceLock::new();
        OFFICIAL
            .get_or_init(|| Calendar::from_toml(OFFICIAL_SCHEDULE))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// A calendar from a national schedule in the format of `data/holidays.toml`.
    pub fn from_toml(src: &str) -> Result<Calendar, CalendarError> {
        Calendar::build(data::parse_national(src)?, Vec::new())
    }

    /// This calendar plus more national notices (e.g. a `[2027]` table once it is published).
    /// A year already loaded is refused: a notice is replaced by editing the data, not by
    /// layering.
    pub fn with_notices(&self, src: &str) -> Result<Calendar, CalendarError> {
        let mut notices = self.notices.clone();
        notices.extend(data::parse_national(src)?);
        Calendar::build(notices, self.regions.clone())
    }

    /// This calendar with a region's override applied on top of the national schedule: its
    /// holiday days become days off and its working days become working days. The override's
    /// dates must be in loaded years.
    pub fn with_region(&self, src: &str) -> Result<Calendar, CalendarError> {
        let region = data::parse_region(src)?;
        let mut regions = self.regions.clone();
        regions.push(region);
        Calendar::build(self.notices.clone(), regions)
    }

    fn build(mut notices: Vec<Notice>, regions: Vec<Region>) -> Result<Calendar, CalendarError> {
        notices.sort_by_key(|n| n.year);
        data::check_consistency(&notices, &regions)?;
        let (first, last) = match (notices.first(), notices.last()) {
            (Some(f), Some(l)) => (f.year, l.year),
            _ => {
                return Err(CalendarError::Data(Message::new(
                    "节假日安排数据中没有任何年份",
                    "the holiday schedule has no year in it",
                )))
            }
        };
        let loaded = |y: i32| notices.binary_search_by_key(&y, |n| n.year).is_ok();
        let (base, end) = match (Day::first_of_year(first), Day::last_of_year(last)) {
            (Some(b), Some(e)) => (b, e),
            _ => {
                return Err(CalendarError::Data(Message::new(
                    "节假日安排的年份超出范围",
                    "a year of the holiday schedule is out of range",
                )))
            }
        };
        let len = end.days_since(base) + 1;
        let offset = |d: Day| -> Option<usize> {
            let i = d.days_since(base);
            (0..len).contains(&i).then_some(i as usize)
        };

        let mut flags = Vec::with_capacity(len as usize);
        for i in 0..len {
            let Some(d) = base.add_days(i) else { break };
            let (y, m, dd) = d.ymd();
            let settled =
                loaded(y) && (m < 12 || dd < LATE_DECEMBER_FROM || loaded(y.saturating_add(1)));
            let mut f = if settled { KNOWN } else { 0 };
            if !d.weekday().is_weekend() {
                f |= WORKING;
            }
            flags.push(f);
        }
        let mut set = |d: Day, off: bool| {
            if let Some(f) = offset(d).and_then(|i| flags.get_mut(i)) {
                if off {
                    *f = (*f & !(WORKING | ADJUSTED)) | HOLIDAY;
                } else {
                    *f = (*f & !HOLIDAY) | WORKING | ADJUSTED;
                }
            }
        };
        // National first, then regions in the order given, so a region overrides the nation.
        for n in &notices {
            for h in &n.holidays {
                data::period_days(h).for_each(|d| set(d, true));
            }
            n.workdays.iter().for_each(|&d| set(d, false));
        }
        for r in &regions {
            for h in &r.holidays {
                for d in data::period_days(h) {
                    if !loaded(d.year()) {
                        return Err(CalendarError::Data(Message::new(
                            format!("{}节假日安排：{d}所在的{}年全国节假日安排尚未载入", r.name, d.year()),
                            format!("holiday schedule of {}: the national schedule for {} (the year of {d}) is not loaded", r.name, d.year()),
                        )));
                    }
                    set(d, true);
                }
            }
            for &d in &r.workdays {
                if !loaded(d.year()) {
                    return Err(CalendarError::Data(Message::new(
                        format!("{}节假日安排：{d}所在的{}年全国节假日安排尚未载入", r.name, d.year()),
                        format!("holiday schedule of {}: the national schedule for {} (the year of {d}) is not loaded", r.name, d.year()),
                    )));
                }
                set(d, false);
            }
        }

        let mut work_before = Vec::with_capacity(flags.len() + 1);
        let mut unknown_before = Vec::with_capacity(flags.len() + 1);
        let mut working = Vec::new();
        let (mut w, mut u) = (0u32, 0u32);
        for (i, &f) in flags.iter().enumerate() {
            work_before.push(w);
            unknown_before.push(u);
            if f & KNOWN == 0 {
                u += 1;
            } else if f & WORKING != 0 {
                w += 1;
                working.push(i as u32);
            }
        }
        work_before.push(w);
        unknown_before.push(u);

        let mut holidays: Vec<Holiday> = notices
            .iter()
            .flat_map(|n| n.holidays.iter().cloned())
            .chain(regions.iter().flat_map(|r| r.holidays.iter().cloned()))
            .collect();
        holidays.sort_by_key(|h| (h.from, h.region.is_some()));
        // The adjusted working days in force: those the index still marks as such (a region
        // may have turned a national one into a day off).
        let mut adjusted: Vec<AdjustedWorkday> = notices
            .iter()
            .flat_map(|n| {
                n.workdays
                    .iter()
                    .map(|&day| AdjustedWorkday { day, region: None })
            })
            .chain(regions.iter().flat_map(|r| {
                r.workdays.iter().map(|&day| AdjustedWorkday {
                    day,
                    region: Some(r.name.clone()),
                })
            }))
            .filter(|a| {
                offset(a.day)
                    .and_then(|i| flags.get(i))
                    .is_some_and(|f| f & ADJUSTED != 0)
            })
            .collect();
        adjusted.sort_by_key(|a| a.day);
        adjusted.dedup_by_key(|a| a.day);

        Ok(Calendar {
            notices,
            regions,
            holidays,
            adjusted,
            base,
            flags,
            work_before,
            unknown_before,
            working,
        })
    }

    /// The years whose national notice is loaded, in order.
    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.notices.iter().map(|n| n.year)
    }

    /// The loaded national notices.
    pub fn notices(&self) -> &[Notice] {
        &self.notices
    }

    /// The regional overrides applied.
    pub fn regions(&self) -> &[Region] {
        &self.regions
    }

    fn index(&self, d: Day) -> Option<usize> {
        let i = d.days_since(self.base);
        (i >= 0 && (i as usize) < self.flags.len()).then_some(i as usize)
    }

    fn day_at(&self, i: usize) -> Option<Day> {
        i32::try_from(i).ok().and_then(|i| self.base.add_days(i))
    }

    /// The error for a day the calendar cannot settle.
    fn unsettled(&self, d: Day) -> CalendarError {
        let (y, m, dd) = d.ymd();
        let loaded = self.notices.iter().any(|n| n.year == y);
        if loaded && m == 12 && dd >= LATE_DECEMBER_FROM {
            CalendarError::Unsettled {
                day: d,
                next_year: y.saturating_add(1),
            }
        } else {
            CalendarError::NotLoaded { year: y }
        }
    }

    /// The first unsettled day in `[from, to]` (both inside the index), if any.
    fn first_unsettled(&self, from: usize, to: usize) -> Option<usize> {
        let before = *self.unknown_before.get(from)?;
        if *self.unknown_before.get(to + 1)? == before {
            return None;
        }
        // The smallest t in [from, to] with unknown_before[t + 1] > before.
        let slice = self.unknown_before.get(from + 1..=to + 1)?;
        Some(from + slice.partition_point(|&u| u == before))
    }

    fn flags_of(&self, d: Day) -> Result<u8, CalendarError> {
        match self.index(d).and_then(|i| self.flags.get(i)) {
            Some(&f) if f & KNOWN != 0 => Ok(f),
            _ => Err(self.unsettled(d)),
        }
    }

    /// What kind of day `d` is.
    pub fn day_kind(&self, d: Day) -> Result<DayKind, CalendarError> {
        let f = self.flags_of(d)?;
        Ok(if f & HOLIDAY != 0 {
            DayKind::Holiday
        } else if f & ADJUSTED != 0 {
            DayKind::AdjustedWorkday
        } else if f & WORKING != 0 {
            DayKind::Workday
        } else {
            DayKind::Weekend
        })
    }

    /// Whether `d` is a working day.
    pub fn is_working_day(&self, d: Day) -> Result<bool, CalendarError> {
        Ok(self.flags_of(d)? & WORKING != 0)
    }

    /// The number of working days in `[from, to]`, both included; 0 when `from > to`.
    pub fn working_days_in(&self, from: Day, to: Day) -> Result<u32, CalendarError> {
        if from > to {
            return Ok(0);
        }
        let a = self.index(from).ok_or_else(|| self.unsettled(from))?;
        let b = match self.index(to) {
            Some(b) => b,
            None => {
                // Name the first day past the index that is needed.
                let first_missing = self
                    .first_unsettled(a, self.flags.len().saturating_sub(1))
                    .and_then(|i| self.day_at(i))
                    .or_else(|| self.day_at(self.flags.len()))
                    .unwrap_or(to);
                return Err(self.unsettled(first_missing));
            }
        };
        if let Some(i) = self.first_unsettled(a, b) {
            return Err(self.unsettled(self.day_at(i).unwrap_or(from)));
        }
        match (self.work_before.get(b + 1), self.work_before.get(a)) {
            (Some(x), Some(y)) => Ok(x - y),
            _ => Err(self.unsettled(from)),
        }
    }

    /// The `n`-th working day after `d` (counting starts the day after `d`); `d` itself for
    /// `n = 0`. Every day from `d + 1` to the answer must be settled.
    pub fn nth_working_day_after(&self, d: Day, n: u32) -> Result<Day, CalendarError> {
        if n == 0 {
            return Ok(d);
        }
        let start = d.succ().ok_or(CalendarError::NotLoaded {
            year: d.year().saturating_add(1),
        })?;
        let a = self.index(start).ok_or_else(|| self.unsettled(start))?;
        let before = *self
            .work_before
            .get(a)
            .ok_or_else(|| self.unsettled(start))?;
        let target = (before as usize).checked_add(n as usize - 1);
        let found = target
            .and_then(|j| self.working.get(j))
            .map(|&o| o as usize);
        let past_end = || {
            let i = self
                .first_unsettled(a, self.flags.len().saturating_sub(1))
                .unwrap_or(self.flags.len());
            let day = self.day_at(i).unwrap_or(Day::MAX);
            self.unsettled(day)
        };
        let Some(j) = found else {
            return Err(past_end());
        };
        if let Some(i) = self.first_unsettled(a, j) {
            return Err(self.unsettled(self.day_at(i).unwrap_or(start)));
        }
        self.day_at(j).ok_or_else(past_end)
    }

    /// The holiday periods that overlap `[from, to]`.
    pub fn holidays_overlapping(&self, from: Day, to: Day) -> impl Iterator<Item = &Holiday> {
        self.holidays
            .iter()
            .filter(move |h| h.from <= to && h.to >= from)
    }

    /// The holiday period `d` falls in, if any (a region's period before the nation's).
    pub fn holiday_on(&self, d: Day) -> Option<&Holiday> {
        self.holidays_overlapping(d, d)
            .max_by_key(|h| h.region.is_some())
    }

    /// The adjusted working days (调休上班日) in `[from, to]`.
    pub fn adjusted_workdays_in(&self, from: Day, to: Day) -> &[AdjustedWorkday] {
        let a = self.adjusted.partition_point(|x| x.day < from);
        let b = self.adjusted.partition_point(|x| x.day <= to);
        self.adjusted.get(a..b.max(a)).unwrap_or(&[])
    }

    /// The English name of a holiday: the data's own, else the built-in translation of the
    /// national names, else the Chinese name.
    pub fn holiday_name_en(h: &Holiday) -> String {
        match &h.name_en {
            Some(n) if !n.is_empty() => n.clone(),
            _ => names::english(&h.name),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Day {
        Day::parse(s).unwrap()
    }

    #[test]
    fn official_schedule_loads_2018_to_2026() {
        let cal = Calendar::official().unwrap();
        assert_eq!(
            cal.years().collect::<Vec<_>>(),
            (2018..=2026).collect::<Vec<_>>()
        );
    }

    #[test]
    fn every_day_kind_agrees_with_the_flags_and_counts() {
        let cal = Calendar::official().unwrap();
        // Walk the settled range and compare the O(1) answers with a plain day-by-day count.
        let start = d("2018-01-01");
        let mut count = 0u32;
        let mut day = start;
        while day < d("2026-12-25") {
            if cal.is_working_day(day).unwrap() {
                count += 1;
                assert_eq!(cal.nth_working_day_after(d("2017-12-31"), count), Ok(day));
            }
            assert_eq!(cal.working_days_in(start, day), Ok(count));
            day = day.succ().unwrap();
        }
    }
}
