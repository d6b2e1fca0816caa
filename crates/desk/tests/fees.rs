//! 信息处理费: the worked examples of REPORT-FORMAT.md §8, tier edges, month boundaries and
//! per-applicant accumulation.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns

mod common;
use common::d;
use gongkai_desk::fees::*;

#[test]
fn worked_examples_of_the_spec() {
    // 按件: the 12th application in a month costs 100元.
    assert_eq!(per_item_price(12), 100);
    assert_eq!(per_item_range(12, 12).unwrap().total_yuan, 100);
    // 按量: a 150-page delivery costs 70×10 + 50×20 = 1,700元.
    let f = per_volume(150);
    assert_eq!(f.total_yuan, 1700);
    assert_eq!(
        f.tiers
            .iter()
            .map(|t| (t.from, t.to, t.count, t.unit_yuan, t.subtotal_yuan))
            .collect::<Vec<_>>(),
        vec![
            (1, 30, 30, 0, 0),
            (31, 100, 70, 10, 700),
            (101, 150, 50, 20, 1000)
        ]
    );
    assert_eq!(
        f.describe("页", "page").zh,
        "第1—30页 免费；第31—100页 70页×10元=700元；第101—150页 50页×20元=1000元；合计1700元"
    );
    // 按件, the 31+ band read as 31–40 at 200元: the 35th costs 200元.
    assert_eq!(per_item_price(35), 200);
}

#[test]
fn per_item_tiers() {
    // (count, total): 10 free; 11–30 at 100; 31–40 at 200; 41–50 at 300.
    for (n, total) in [
        (0, 0),
        (1, 0),
        (10, 0),
        (11, 100),
        (30, 2000),
        (31, 2200),
        (40, 4000),
        (41, 4300),
        (50, 7000),
        (51, 7400),
    ] {
        assert_eq!(per_item(n).unwrap().total_yuan, total, "{n}");
    }
    for (n, price) in [
        (10, 0),
        (11, 100),
        (30, 100),
        (31, 200),
        (40, 200),
        (41, 300),
        (51, 400),
    ] {
        assert_eq!(per_item_price(n), price, "{n}");
    }
    let f = per_item(45).unwrap();
    assert_eq!(
        f.tiers
            .iter()
            .map(|t| (t.from, t.to, t.unit_yuan))
            .collect::<Vec<_>>(),
        vec![(1, 10, 0), (11, 30, 100), (31, 40, 200), (41, 45, 300)]
    );
    // The sum of marginal prices is the total, at every count.
    let mut sum = 0u128;
    for n in 1..=500u64 {
        sum += u128::from(per_item_price(n));
        assert_eq!(per_item(n).unwrap().total_yuan, sum, "{n}");
        assert_eq!(
            per_item_range(n, n).unwrap().total_yuan,
            u128::from(per_item_price(n))
        );
    }
    assert!(per_item(MAX_ITEMS_PER_MONTH).is_ok());
    assert!(per_item(MAX_ITEMS_PER_MONTH + 1).is_err());
    assert!(per_item(u64::MAX).is_err());
    // Prices never overflow.
    assert!(per_item_price(u64::MAX) > 0);
}

#[test]
fn per_volume_tiers() {
    for (pages, total) in [
        (0, 0),
        (30, 0),
        (31, 10),
        (100, 700),
        (101, 720),
        (200, 2700),
        (201, 2740),
        (300, 6700),
    ] {
        assert_eq!(per_volume(pages).total_yuan, total, "{pages}");
    }
    // Huge counts stay exact.
    assert_eq!(
        per_volume(u64::MAX).total_yuan,
        700 + 2000 + 40 * u128::from(u64::MAX - 200)
    );
}

#[test]
fn monthly_accumulation_per_applicant_and_month() {
    let mut apps: Vec<(&str, gongkai_desk::Day)> = Vec::new();
    // 甲: 12 in January (the last on the 31st), 3 on 1 February.
    for day in 20..=31 {
        apps.push(("甲", d(&format!("2026-01-{day:02}"))));
    }
    for _ in 0..3 {
        apps.push(("甲", d("2026-02-01")));
    }
    // 乙 and 丙: 8 each in January; counted separately, so free.
    for _ in 0..8 {
        apps.push(("乙", d("2026-01-15")));
        apps.push(("丙 ", d("2026-01-15")));
    }
    let m = monthly_per_item(apps);
    let summary: Vec<_> = m
        .iter()
        .map(|f| {
            (
                f.applicant.as_str(),
                f.month,
                f.count,
                f.fee.as_ref().unwrap().total_yuan,
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            ("丙", 1, 8, 0),
            ("乙", 1, 8, 0),
            ("甲", 1, 12, 200),
            ("甲", 2, 3, 0)
        ]
    );
    // The same month of another year is another month.
    let m = monthly_per_item([("甲", d("2025-01-05")), ("甲", d("2026-01-05"))]);
    assert_eq!(m.len(), 2);
}
