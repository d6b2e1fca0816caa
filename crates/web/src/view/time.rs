//! Times as people in China read them.

use gongkai_desk::Day;

/// `2026-02-11T03:04:05Z` as `2026-02-11 11:04`, Beijing time (how clerks read it).
pub fn beijing_time(iso_utc: &str) -> String {
    let parse = || -> Option<String> {
        let (date, time) = iso_utc.trim_end_matches('Z').split_once('T')?;
        let day = Day::parse(date).ok()?;
        let mut parts = time.split(':');
        let h: i32 = parts.next()?.parse().ok()?;
        let m: u32 = parts.next()?.parse().ok()?;
        let h8 = h + 8;
        let (day, h) = if h8 >= 24 {
            (day.succ()?, h8 - 24)
        } else {
            (day, h8)
        };
        Some(format!("{day} {h:02}:{m:02}"))
    };
    parse().unwrap_or_else(|| iso_utc.to_string())
}
