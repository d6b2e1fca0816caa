//! The holiday schedule as data: the TOML files, parsed and checked.
//!
//! Two shapes are read. The national schedule (`data/holidays.toml`, one table per State Council
//! notice, keyed by the year the notice is for) and a regional override (one file per region:
//! extra days off such as a minority festival, or extra working weekend days). Both are checked
//! here, before any index is built, so that a typing error in a date surfaces as a message naming
//! the notice and the date instead of as a wrong deadline months later.

use std::collections::BTreeMap;

use gongkai_model::Message;
use serde::Deserialize;
use toml::value::Datetime;

use super::CalendarError;
use crate::day::Day;

/// Days of a New Year period that start in December belong to the next year's notice; the
/// earliest such day seen in any notice since 2007 is 29 December. Days from 25 December on are
/// therefore treated as settled only once the next year's notice is loaded (see [`super`]).
pub const LATE_DECEMBER_FROM: u32 = 25;

/// The longest holiday period accepted (the 2020 Spring Festival, as extended, was 10 days).
const MAX_PERIOD_DAYS: i32 = 31;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NoticeToml {
    notice: String,
    #[serde(default)]
    amended_by: Vec<String>,
    #[serde(default)]
    holidays: Vec<PeriodToml>,
    #[serde(default)]
    workdays: Vec<Datetime>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PeriodToml {
    name: String,
    #[serde(default)]
    name_en: Option<String>,
    from: Datetime,
    to: Datetime,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RegionToml {
    region: String,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    holidays: Vec<PeriodToml>,
    #[serde(default)]
    workdays: Vec<Datetime>,
}

/// A holiday period as its notice states it (both days included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    /// The notice's own wording: 春节, 国庆节、中秋节 …
    pub name: String,
    /// An English name given in the data, if any (national names have built-in ones).
    pub name_en: Option<String>,
    pub from: Day,
    pub to: Day,
    /// The region whose override this comes from; `None` for the national schedule.
    pub region: Option<String>,
}

/// A weekend day made a working day (调休上班日).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdjustedWorkday {
    pub day: Day,
    /// The region whose override this comes from; `None` for the national schedule.
    pub region: Option<String>,
}

/// One year's national notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub year: i32,
    /// 发文字号, e.g. 国办发明电〔2025〕7号.
    pub number: String,
    pub amended_by: Vec<String>,
    pub holidays: Vec<Holiday>,
    pub workdays: Vec<Day>,
}

/// One regional override.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    pub name: String,
    pub source: Option<String>,
    pub holidays: Vec<Holiday>,
    pub workdays: Vec<Day>,
}

fn data_error(zh: impl Into<String>, en: impl Into<String>) -> CalendarError {
    CalendarError::Data(Message::new(zh, en))
}

fn to_day(dt: &Datetime, place_zh: &str, place_en: &str) -> Result<Day, CalendarError> {
    let date = match (dt.date, dt.time, dt.offset) {
        (Some(d), None, None) => d,
        _ => {
            return Err(data_error(
                format!("{place_zh}：「{dt}」应为日期（YYYY-MM-DD），不带时间"),
                format!("{place_en}: \"{dt}\" must be a date (YYYY-MM-DD) without a time"),
            ))
        }
    };
    Day::from_ymd(
        i32::from(date.year),
        u32::from(date.month),
        u32::from(date.day),
    )
    .ok_or_else(|| {
        data_error(
            format!("{place_zh}：日期「{dt}」不存在"),
            format!("{place_en}: there is no such day as {dt}"),
        )
    })
}

fn parse_period(
    p: &PeriodToml,
    region: Option<&str>,
    place_zh: &str,
    place_en: &str,
) -> Result<Holiday, CalendarError> {
    let name = p.name.trim();
    if name.is_empty() {
        return Err(data_error(
            format!("{place_zh}：假期名称为空"),
            format!("{place_en}: a holiday has no name"),
        ));
    }
    let from = to_day(&p.from, place_zh, place_en)?;
    let to = to_day(&p.to, place_zh, place_en)?;
    let span = to.days_since(from);
    if !(0..MAX_PERIOD_DAYS).contains(&span) {
        return Err(data_error(
            format!("{place_zh}：「{name}」{from}至{to}不是合理的假期（结束日不得早于开始日，且不超过{MAX_PERIOD_DAYS}天）"),
            format!("{place_en}: {name} {from} to {to} is not a plausible holiday period (it must not end before it starts, nor last more than {MAX_PERIOD_DAYS} days)"),
        ));
    }
    Ok(Holiday {
        name: name.to_string(),
        name_en: p.name_en.as_ref().map(|s| s.trim().to_string()),
        from,
        to,
        region: region.map(str::to_string),
    })
}

/// The days a holiday period covers.
pub fn period_days(h: &Holiday) -> impl Iterator<Item = Day> + '_ {
    let n = h.to.days_since(h.from).max(0);
    (0..=n).filter_map(move |i| h.from.add_days(i))
}

/// Whether a notice for `year` may state this day: its own year, or the last days of December
/// before it (a New Year period starting early).
fn belongs_to_notice(day: Day, year: i32) -> bool {
    let (y, m, d) = day.ymd();
    y == year || (y == year - 1 && m == 12 && d >= LATE_DECEMBER_FROM)
}

/// Parses a national schedule: one table per notice, keyed by year.
pub fn parse_national(src: &str) -> Result<Vec<Notice>, CalendarError> {
    let tables: BTreeMap<String, NoticeToml> = toml::from_str(src).map_err(|e| {
        let msg = e.message().to_string();
        data_error(
            format!("节假日安排数据无法读取：{msg}"),
            format!("the holiday schedule cannot be read: {msg}"),
        )
    })?;
    let mut notices = Vec::with_capacity(tables.len());
    for (key, t) in tables {
        let year: i32 = match key.parse() {
            Ok(y) if (2..=9998).contains(&y) => y,
            _ => {
                return Err(data_error(
                    format!("节假日安排数据：表名「{key}」应为年份，如 [2027]"),
                    format!("holiday schedule: table [{key}] must be a year, e.g. [2027]"),
                ))
            }
        };
        let place_zh = format!("{year}年节假日安排（{}）", t.notice);
        let place_en = format!("{year} holiday schedule ({})", t.notice);
        if t.notice.trim().is_empty() {
            return Err(data_error(
                format!("{year}年节假日安排：缺少通知文号（notice）"),
                format!("{year} holiday schedule: the notice number (notice) is missing"),
            ));
        }
        let holidays = t
            .holidays
            .iter()
            .map(|p| parse_period(p, None, &place_zh, &place_en))
            .collect::<Result<Vec<_>, _>>()?;
        let workdays = t
            .workdays
            .iter()
            .map(|d| to_day(d, &place_zh, &place_en))
            .collect::<Result<Vec<_>, _>>()?;
        for day in holidays
            .iter()
            .flat_map(period_days)
            .chain(workdays.iter().copied())
        {
            if !belongs_to_notice(day, year) {
                return Err(data_error(
                    format!("{place_zh}：{day}不属于{year}年（只有元旦假期可从上年12月{LATE_DECEMBER_FROM}日起）"),
                    format!("{place_en}: {day} is not in {year} (only a New Year period may start from {LATE_DECEMBER_FROM} December of the year before)"),
                ));
            }
        }
        notices.push(Notice {
            year,
            number: t.notice.trim().to_string(),
            amended_by: t.amended_by,
            holidays,
            workdays,
        });
    }
    Ok(notices)
}

/// Parses a regional override.
pub fn parse_region(src: &str) -> Result<Region, CalendarError> {
    let r: RegionToml = toml::from_str(src).map_err(|e| {
        let msg = e.message().to_string();
        data_error(
            format!("地方节假日数据无法读取：{msg}"),
            format!("the regional holiday data cannot be read: {msg}"),
        )
    })?;
    let name = r.region.trim().to_string();
    if name.is_empty() {
        return Err(data_error(
            "地方节假日数据：缺少地区名称（region）",
            "regional holiday data: the region name (region) is missing",
        ));
    }
    let place_zh = format!("{name}节假日安排");
    let place_en = format!("holiday schedule of {name}");
    let holidays = r
        .holidays
        .iter()
        .map(|p| parse_period(p, Some(&name), &place_zh, &place_en))
        .collect::<Result<Vec<_>, _>>()?;
    let workdays = r
        .workdays
        .iter()
        .map(|d| to_day(d, &place_zh, &place_en))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Region {
        name,
        source: r.source,
        holidays,
        workdays,
    })
}

/// Checks a set of notices and regions together: no year twice, no day stated twice, working
/// days only on weekends, no day both off and working.
pub fn check_consistency(notices: &[Notice], regions: &[Region]) -> Result<(), CalendarError> {
    let mut seen: BTreeMap<Day, String> = BTreeMap::new();
    let mut years = std::collections::BTreeSet::new();
    for n in notices {
        if !years.insert(n.year) {
            return Err(data_error(
                format!("{}年的节假日安排已载入，不能重复载入", n.year),
                format!("the {} holiday schedule is already loaded", n.year),
            ));
        }
        for day in n.holidays.iter().flat_map(period_days) {
            claim(&mut seen, day, &n.number)?;
        }
        for &day in &n.workdays {
            claim(&mut seen, day, &n.number)?;
            weekend_only(day, &n.number)?;
        }
    }
    for r in regions {
        let mut own = BTreeMap::new();
        for day in r.holidays.iter().flat_map(period_days) {
            claim(&mut own, day, &r.name)?;
        }
        for &day in &r.workdays {
            claim(&mut own, day, &r.name)?;
            weekend_only(day, &r.name)?;
        }
    }
    Ok(())
}

fn claim(seen: &mut BTreeMap<Day, String>, day: Day, by: &str) -> Result<(), CalendarError> {
    if let Some(prev) = seen.insert(day, by.to_string()) {
        return Err(data_error(
            format!("{day}在节假日数据中出现两次（{prev}、{by}）"),
            format!("{day} appears twice in the holiday data ({prev}, {by})"),
        ));
    }
    Ok(())
}

fn weekend_only(day: Day, by: &str) -> Result<(), CalendarError> {
    if !day.weekday().is_weekend() {
        return Err(data_error(
            format!(
                "{by}：调休上班日{day}是{}，应为星期六或星期日",
                day.weekday().zh()
            ),
            format!(
                "{by}: the adjusted working day {day} is a {}; it must be a Saturday or Sunday",
                day.weekday().en()
            ),
        ));
    }
    Ok(())
}
