//! 信息处理费 (《政府信息公开信息处理费管理办法》, 国办函〔2020〕109号, arts. 3–5).
//!
//! Two schedules, both progressive on the excess (超额累进), one per application, never both:
//!
//! - **按件** (art. 4), per applicant per calendar month, counted cumulatively: the 1st–10th
//!   applications are free, the 11th–30th cost 100元 each, and from the 31st on every band of
//!   10 costs 100元 more per application than the band before (31–40 at 200元, 41–50 at 300元
//!   …; REPORT-FORMAT.md §8 marks this reading of "以10件为一档" [U]).
//! - **按量** (art. 5), per application by pages: 1–30 free, 31–100 at 10元, 101–200 at 20元,
//!   201 and up at 40元 per page.
//!
//! Results show the tiers used, so a fee notice can state its 依据、标准、数额. Amounts are whole
//! 元 in `u128`: no rounding, and no overflow whatever the count.

use std::collections::BTreeMap;

use gongkai_model::Message;

use crate::day::Day;

/// One tier of a computed fee: `count` units from `from` to `to` at `unit_yuan` each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TierLine {
    pub from: u64,
    pub to: u64,
    pub unit_yuan: u64,
    pub count: u64,
    pub subtotal_yuan: u128,
}

/// A fee with the tiers it was computed from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fee {
    /// Only tiers with at least one unit.
    pub tiers: Vec<TierLine>,
    pub total_yuan: u128,
}

impl Fee {
    fn from_tiers(tiers: Vec<TierLine>) -> Fee {
        let total_yuan = tiers.iter().map(|t| t.subtotal_yuan).sum();
        Fee { tiers, total_yuan }
    }

    /// The tiers in words: "第1—10件 免费；第11—12件 2件×100元=200元；合计200元".
    pub fn describe(&self, unit_zh: &str, unit_en: &str) -> Message {
        let mut zh = Vec::new();
        let mut en = Vec::new();
        for t in &self.tiers {
            let range_zh = if t.from == t.to {
                format!("第{}{unit_zh}", t.from)
            } else {
                format!("第{}—{}{unit_zh}", t.from, t.to)
            };
            let range_en = if t.from == t.to {
                format!("{unit_en} {}", t.from)
            } else {
                format!("{unit_en}s {}–{}", t.from, t.to)
            };
            if t.unit_yuan == 0 {
                zh.push(format!("{range_zh} 免费"));
                en.push(format!("{range_en} free"));
            } else {
                zh.push(format!(
                    "{range_zh} {}{unit_zh}×{}元={}元",
                    t.count, t.unit_yuan, t.subtotal_yuan
                ));
                en.push(format!(
                    "{range_en}: {} × {} yuan = {} yuan",
                    t.count, t.unit_yuan, t.subtotal_yuan
                ));
            }
        }
        zh.push(format!("合计{}元", self.total_yuan));
        en.push(format!("total {} yuan", self.total_yuan));
        Message::new(zh.join("；"), en.join("; "))
    }
}

/// A tier boundary: units up to and including `upto` cost `unit_yuan` (`None`: no upper end).
struct Band {
    upto: Option<u64>,
    unit_yuan: u64,
}

/// The 按件 price of the `n`-th application of an applicant in a month (1-based).
pub fn per_item_price(n: u64) -> u64 {
    match n {
        0..=10 => 0,
        11..=30 => 100,
        // 31–40 → 200, 41–50 → 300 …
        _ => 100u64.saturating_mul((n - 31) / 10 + 2),
    }
}

/// The largest monthly count [`per_item`] lists band by band (10,000 bands of 10). Far above
/// any real applicant; the limit keeps a mistyped count from building millions of lines.
pub const MAX_ITEMS_PER_MONTH: u64 = 100_000;

/// The 按件 fee for an applicant's first `count` applications of a month, by tier; refused
/// above [`MAX_ITEMS_PER_MONTH`].
pub fn per_item(count: u64) -> Result<Fee, Message> {
    if count > MAX_ITEMS_PER_MONTH {
        return Err(Message::new(
            format!("同一申请人一个自然月内{count}件，超过可计算的上限{MAX_ITEMS_PER_MONTH}件"),
            format!("{count} applications by one applicant in a month is more than the {MAX_ITEMS_PER_MONTH} this computes"),
        ));
    }
    let mut tiers = Vec::new();
    let mut push = |from: u64, to: u64, unit: u64| {
        if from <= to {
            let n = to - from + 1;
            tiers.push(TierLine {
                from,
                to,
                unit_yuan: unit,
                count: n,
                subtotal_yuan: u128::from(n) * u128::from(unit),
            });
        }
    };
    push(1, count.min(10), 0);
    push(11, count.min(30), 100);
    let mut from = 31;
    while from <= count {
        let to = from.saturating_add(9).min(count);
        push(from, to, per_item_price(from));
        from = to + 1;
    }
    Ok(Fee::from_tiers(tiers))
}

/// The 按件 fee of the applications numbered `first..=last` in a month: what these cost on
/// top of the ones before (e.g. the 12th alone: `per_item_range(12, 12)` = 100元).
pub fn per_item_range(first: u64, last: u64) -> Result<Fee, Message> {
    let all = per_item(last)?;
    let tiers = all
        .tiers
        .into_iter()
        .filter(|t| t.to >= first)
        .map(|t| {
            let from = t.from.max(first);
            let count = t.to - from + 1;
            TierLine {
                from,
                count,
                subtotal_yuan: u128::from(count) * u128::from(t.unit_yuan),
                ..t
            }
        })
        .collect();
    Ok(Fee::from_tiers(tiers))
}

const VOLUME_BANDS: [Band; 4] = [
    Band {
        upto: Some(30),
        unit_yuan: 0,
    },
    Band {
        upto: Some(100),
        unit_yuan: 10,
    },
    Band {
        upto: Some(200),
        unit_yuan: 20,
    },
    Band {
        upto: None,
        unit_yuan: 40,
    },
];

/// The 按量 fee for one application of `pages` pages, by tier.
pub fn per_volume(pages: u64) -> Fee {
    let mut tiers = Vec::new();
    let mut from = 1u64;
    for b in &VOLUME_BANDS {
        if from > pages {
            break;
        }
        let to = b.upto.map_or(pages, |u| u.min(pages));
        let count = to - from + 1;
        tiers.push(TierLine {
            from,
            to,
            unit_yuan: b.unit_yuan,
            count,
            subtotal_yuan: u128::from(count) * u128::from(b.unit_yuan),
        });
        match to.checked_add(1) {
            Some(n) => from = n,
            None => break,
        }
    }
    Fee::from_tiers(tiers)
}

/// One applicant's applications in one calendar month and their 按件 fee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthlyFee {
    pub applicant: String,
    pub year: i32,
    pub month: u32,
    pub count: u64,
    /// The fee, or why it cannot be computed (a count above [`MAX_ITEMS_PER_MONTH`]).
    pub fee: Result<Fee, Message>,
}

/// The 按件 fee per applicant per calendar month, from (applicant, receipt date) pairs.
///
/// Applicants are told apart by the name as given (trimmed); the count starts afresh on the
/// first of each month, as art. 4 says "一个自然月内累计".
pub fn monthly_per_item<'a>(
    applications: impl IntoIterator<Item = (&'a str, Day)>,
) -> Vec<MonthlyFee> {
    let mut counts: BTreeMap<(String, i32, u32), u64> = BTreeMap::new();
    for (who, day) in applications {
        let (y, m, _) = day.ymd();
        *counts.entry((who.trim().to_string(), y, m)).or_default() += 1;
    }
    counts
        .into_iter()
        .map(|((applicant, year, month), count)| MonthlyFee {
            applicant,
            year,
            month,
            count,
            fee: per_item(count),
        })
        .collect()
}
