//! Due dates in working days, and the chain of reasons behind each.
//!
//! **When counting starts.** The 条例 says "自收到申请之日起20个工作日内" without saying
//! whether the day of receipt counts (REPORT-FORMAT.md §7.6 marks this [U]). We follow the
//! usual administrative practice and the rule of 行政诉讼法/民事诉讼法 for periods: the day of
//! receipt is not counted, counting starts the next day, and the period ends at the end of its
//! last working day. So a request received on a Wednesday has its 1st working day on Thursday.
//! The same rule is used for every period here (补正 within 7 working days, the third party's
//! 15, payment within 20 "from the day after receipt of the notice").
//!
//! **Excluded days.** Days spent consulting a third party or another agency (art. 33 ¶3) and,
//! by our reading, days waiting for a fee to be paid are excluded: the excluded range is
//! inclusive of its first and last day (the worked example excludes 03-02 to 03-09,
//! both days, and so reaches 2026-03-25). Overlapping ranges are merged.
//!
//! A [`Deadline`] carries the due date and the steps that explain it, in Chinese and English, so
//! a clerk can check the date against a paper calendar step by step.

use gongkai_model::{Lang, Message};

use crate::calendar::{Calendar, CalendarError};
use crate::day::Day;

/// Days taken out of a period (inclusive on both ends).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exclusion {
    pub from: Day,
    pub to: Day,
    /// The explanation step for it, e.g. "2026-03-02至03-09征求第三方意见，不计入期限".
    pub reason: Message,
}

/// Merges overlapping or adjacent ranges, sorted by first day.
fn merged(exclusions: &[Exclusion]) -> Vec<(Day, Day)> {
    let mut v: Vec<(Day, Day)> = exclusions
        .iter()
        .filter(|e| e.from <= e.to)
        .map(|e| (e.from, e.to))
        .collect();
    v.sort();
    let mut out: Vec<(Day, Day)> = Vec::with_capacity(v.len());
    for (a, b) in v {
        match out.last_mut() {
            Some(last) if a.days_since(last.1) <= 1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

/// The `n`-th working day after `after`, not counting the days of `exclusions`.
///
/// Each exclusion costs one calendar lookup, whatever its length or `n`.
pub fn due_date(
    cal: &Calendar,
    after: Day,
    n: u32,
    exclusions: &[Exclusion],
) -> Result<Day, CalendarError> {
    let mut cursor = after; // days after `cursor` are still to be counted
    let mut remaining = n;
    for (a, b) in merged(exclusions) {
        if b <= cursor {
            continue;
        }
        if let Some(before_gap) = a.pred() {
            if before_gap > cursor {
                let cursor_next = cursor.succ().unwrap_or(before_gap);
                let w = cal.working_days_in(cursor_next, before_gap)?;
                if w >= remaining {
                    return cal.nth_working_day_after(cursor, remaining);
                }
                remaining -= w;
            }
        }
        cursor = cursor.max(b);
    }
    cal.nth_working_day_after(cursor, remaining)
}

/// What a deadline is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineKind {
    /// The agency's reply (art. 33).
    Reply,
    /// The applicant's 补正 (art. 30), set by the agency.
    Correction,
    /// The applicant's payment of the 信息处理费.
    Payment,
}

/// A due date and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline {
    pub kind: DeadlineKind,
    pub due: Day,
    /// True while a consultation or a fee notice is still open: the date assumes it runs to
    /// its limit, so it is the latest the due date can be; it moves earlier when the
    /// consultation is answered or the fee paid earlier.
    pub provisional: bool,
    /// The reasons, in order: receipt, counting, holidays, 调休, excluded days …
    pub steps: Vec<Message>,
}

impl Deadline {
    /// The whole chain in one language: steps joined by "；", then "→ 2026-03-25 届满".
    pub fn explain(&self, lang: Lang) -> String {
        let sep = match lang {
            Lang::Zh => "；",
            Lang::En => "; ",
        };
        let steps: Vec<&str> = self
            .steps
            .iter()
            .map(|m| m.get(lang))
            .filter(|s| !s.is_empty())
            .collect();
        let end = match (lang, self.provisional) {
            (Lang::Zh, false) => format!("{} 届满", self.due),
            (Lang::Zh, true) => format!("最迟 {} 届满（尚在征求意见或等待缴费，结束后重新计算）", self.due),
            (Lang::En, false) => format!("due {}", self.due),
            (Lang::En, true) => format!(
                "due {} at the latest (a consultation or fee notice is still open; recomputed when it closes)",
                self.due
            ),
        };
        format!("{} → {end}", steps.join(sep))
    }

    /// Both languages.
    pub fn message(&self) -> Message {
        Message::new(self.explain(Lang::Zh), self.explain(Lang::En))
    }
}

/// `2026-02-15至02-23` / `2026-02-15…02-23`: the second date short when in the same year.
pub fn range_text(from: Day, to: Day) -> (String, String) {
    if from == to {
        return (from.iso(), from.iso());
    }
    let second = if from.year() == to.year() {
        to.month_day()
    } else {
        to.iso()
    };
    (format!("{from}至{second}"), format!("{from}…{second}"))
}

/// A list of days, the first in full and later ones short when in the same year.
fn day_list(days: &[Day]) -> (String, String) {
    let first_year = days.first().map(|d| d.year());
    let texts: Vec<String> = days
        .iter()
        .enumerate()
        .map(|(i, d)| {
            if i > 0 && Some(d.year()) == first_year {
                d.month_day()
            } else {
                d.iso()
            }
        })
        .collect();
    let en = match texts.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    };
    (texts.join("、"), en)
}

/// The calendar steps of a span: each holiday period that overlaps it, then the adjusted
/// working days inside it.
pub fn calendar_steps(cal: &Calendar, from: Day, to: Day) -> Vec<Message> {
    let mut steps = Vec::new();
    for h in cal.holidays_overlapping(from, to) {
        let (zh, en) = range_text(h.from, h.to);
        let (rz, re) = match &h.region {
            Some(r) => (format!("（{r}）"), format!(" ({r})")),
            None => (String::new(), String::new()),
        };
        steps.push(Message::new(
            format!("{zh}{}放假{rz}", h.name),
            format!("{en} {} holiday{re}", Calendar::holiday_name_en(h)),
        ));
    }
    let adjusted: Vec<Day> = cal
        .adjusted_workdays_in(from, to)
        .iter()
        .map(|a| a.day)
        .collect();
    if !adjusted.is_empty() {
        let (zh, en) = day_list(&adjusted);
        let verb = if adjusted.len() == 1 {
            "is a working weekend day"
        } else {
            "are working weekend days"
        };
        steps.push(Message::new(
            format!("{zh}为调休上班日"),
            format!("{en} {verb} (调休)"),
        ));
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Day {
        Day::parse(s).unwrap()
    }

    fn ex(a: &str, b: &str) -> Exclusion {
        Exclusion {
            from: d(a),
            to: d(b),
            reason: Message::new("", ""),
        }
    }

    #[test]
    fn merging() {
        let m = merged(&[
            ex("2026-03-05", "2026-03-09"),
            ex("2026-03-02", "2026-03-04"),
            ex("2026-03-20", "2026-03-21"),
        ]);
        assert_eq!(
            m,
            vec![
                (d("2026-03-02"), d("2026-03-09")),
                (d("2026-03-20"), d("2026-03-21"))
            ]
        );
    }

    #[test]
    fn exclusions_against_a_day_by_day_count() {
        let cal = Calendar::official().unwrap();
        // A slow reference: walk day by day.
        let slow = |after: Day, n: u32, exs: &[Exclusion]| {
            let mut day = after;
            let mut left = n;
            while left > 0 {
                day = day.succ().unwrap();
                let excluded = exs.iter().any(|e| e.from <= day && day <= e.to);
                if !excluded && cal.is_working_day(day).unwrap() {
                    left -= 1;
                }
            }
            day
        };
        let cases = [
            vec![],
            vec![ex("2026-03-02", "2026-03-09")],
            vec![ex("2026-02-01", "2026-02-12")],
            vec![
                ex("2026-02-13", "2026-02-13"),
                ex("2026-02-24", "2026-03-03"),
            ],
            vec![ex("2026-01-20", "2026-04-01")],
        ];
        for exs in &cases {
            for n in [1, 7, 15, 20, 40] {
                for start in ["2026-02-10", "2026-02-11", "2026-02-13", "2026-02-14"] {
                    assert_eq!(
                        due_date(cal, d(start), n, exs),
                        Ok(slow(d(start), n, exs)),
                        "{start} + {n} with {exs:?}"
                    );
                }
            }
        }
    }
}
