//! Deadlines around Spring Festival, National Day and 调休 weekends, 2019–2026.
//!
//! Every expected date was counted by hand on the official schedule (data/holidays.toml) and a
//! weekday calendar: the comment lists the working days as numbered, "(n)" being the n-th
//! working day. Counting starts the day after receipt (see `deadline` module docs). The counts
//! were also re-done with an independent script (Python `datetime` over the same TOML) before
//! being written down.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns

mod common;
use common::*;
use gongkai_desk::*;

#[test]
fn issue_example_2026_spring_festival_with_third_party() {
    // Posted Tue 2026-02-10, signed for Wed 02-11. 2026 春节 02-15…02-23; 02-14 (Sat) and
    // 02-28 (Sat) are worked.
    // Thu 02-12 (1), Fri 02-13 (2), Sat 02-14 (3), [02-15…02-23 off], Tue 02-24 (4) … Fri 02-27
    // (7), Sat 02-28 (8), Mon 03-02 (9) … Fri 03-06 (13), Mon 03-09 (14), 03-10 … 03-13 (15–18),
    // Mon 03-16 (19), Tue 03-17 (20).
    let mut case = Case::open(received(
        "2026-02-10",
        Channel::Post {
            signed_for: d("2026-02-11"),
        },
    ))
    .unwrap();
    assert_eq!(due(&case, "2026-02-11"), d("2026-03-17"));

    // Third party consulted 03-02, answered 03-09: 03-02…03-09 excluded (6 working days).
    // Counted (8) by 02-28; then Tue 03-10 (9), 03-11 (10), 03-12 (11), 03-13 (12), 03-16 … 03-20
    // (13–17), Mon 03-23 (18), Tue 03-24 (19), Wed 03-25 (20).
    case.apply(consult("2026-03-02", ConsultationKind::ThirdParty), cal())
        .unwrap();
    case.apply(answered("2026-03-09", ConsultationKind::ThirdParty), cal())
        .unwrap();
    let deadline = case
        .reply_deadline(d("2026-03-09"), cal())
        .unwrap()
        .unwrap();
    assert_eq!(deadline.due, d("2026-03-25"));
    assert!(!deadline.provisional);
    assert_eq!(
        deadline.explain(Lang::Zh),
        "2026-02-10 邮寄，2026-02-11 签收；自次日起算20个工作日；2026-02-15至02-23春节放假；\
         2026-02-14、02-28为调休上班日；2026-03-02至03-09征求第三方意见，不计入期限 → 2026-03-25 届满"
    );
    assert_eq!(
        deadline.explain(Lang::En),
        "received 2026-02-10 by post, signed for 2026-02-11; 20 working days counted from the \
         next day; 2026-02-15…02-23 Spring Festival holiday; 2026-02-14 and 02-28 are working \
         weekend days (调休); third party consulted 2026-03-02, answered 2026-03-09, those days \
         excluded → due 2026-03-25"
    );
}

#[test]
fn national_day_2019() {
    // In person Fri 2019-09-27. 2019 国庆 10-01…10-07; Sun 09-29 and Sat 10-12 worked.
    // Sun 09-29 (1), Mon 09-30 (2), [10-01…10-07], Tue 10-08 (3) … Fri 10-11 (6), Sat 10-12 (7),
    // 10-14…10-18 (8–12), 10-21…10-25 (13–17), Mon 10-28 (18), Tue 10-29 (19), Wed 10-30 (20).
    let case = in_person("2019-09-27");
    assert_eq!(due(&case, "2019-09-27"), d("2019-10-30"));
    let text = case
        .reply_deadline(d("2019-09-27"), cal())
        .unwrap()
        .unwrap()
        .explain(Lang::Zh);
    assert!(text.contains("2019-10-01至10-07国庆节放假"), "{text}");
    assert!(text.contains("2019-09-29、10-12为调休上班日"), "{text}");
}

#[test]
fn new_year_2020_ends_on_a_working_sunday() {
    // In person Fri 2019-12-20. 2020 元旦 01-01; Sun 2020-01-19 worked (before 春节).
    // 12-23…12-27 (1–5), Mon 12-30 (6), Tue 12-31 (7), [01-01], Thu 01-02 (8), Fri 01-03 (9),
    // 01-06…01-10 (10–14), 01-13…01-17 (15–19), Sun 01-19 (20).
    let case = in_person("2019-12-20");
    assert_eq!(due(&case, "2019-12-20"), d("2020-01-19"));
    assert_eq!(d("2020-01-19").weekday(), Weekday::Sunday);
}

#[test]
fn spring_festival_2020_as_extended() {
    // Submitted online Fri 2020-01-17, both parties confirmed Mon 01-20. 春节 as extended by
    // 国办发明电〔2020〕1号: 01-24…02-02, so Sat 02-01 (originally worked) is off.
    // Tue 01-21 (1), Wed 01-22 (2), Thu 01-23 (3), [01-24…02-02], 02-03…02-07 (4–8),
    // 02-10…02-14 (9–13), 02-17…02-21 (14–18), Mon 02-24 (19), Tue 02-25 (20).
    let case = Case::open(received(
        "2020-01-17",
        Channel::Online {
            confirmed: d("2020-01-20"),
        },
    ))
    .unwrap();
    assert_eq!(case.receipt_date(), d("2020-01-20"));
    assert_eq!(due(&case, "2020-01-20"), d("2020-02-25"));
    assert!(!cal().is_working_day(d("2020-02-01")).unwrap());
}

#[test]
fn correction_window_2020_counts_a_working_sunday_and_the_period_restarts() {
    // In person Fri 2020-01-10. 7 working days: Mon 01-13 (1) … Fri 01-17 (5), Sun 01-19 (6,
    // 调休), Mon 01-20 (7). So a correction request on 01-20 is in time, on 01-21 too late.
    let mut late = in_person("2020-01-10");
    let r = late
        .apply(correction_requested("2020-01-21", "2020-02-14"), cal())
        .unwrap_err();
    assert_eq!(r.rule, "DESK-CORRECTION-LATE");
    assert!(r.message.zh.contains("至2020-01-20"), "{}", r.message.zh);

    let mut case = in_person("2020-01-10");
    case.apply(correction_requested("2020-01-20", "2020-02-14"), cal())
        .unwrap();
    // While the 补正 is awaited the reply period has not started again.
    assert_eq!(case.reply_deadline(d("2020-01-25"), cal()).unwrap(), None);
    assert_eq!(
        case.status(d("2020-01-25"), cal()).unwrap(),
        Status::AwaitingCorrection {
            deadline: d("2020-02-14"),
            lapsed: false
        }
    );
    // Correction received Wed 2020-02-05: Thu 02-06 (1), Fri 02-07 (2), 02-10…02-14 (3–7),
    // 02-17…02-21 (8–12), 02-24…02-28 (13–17), Mon 03-02 (18), Tue 03-03 (19), Wed 03-04 (20).
    case.apply(ev("2020-02-05", EventKind::CorrectionReceived), cal())
        .unwrap();
    let deadline = case
        .reply_deadline(d("2020-02-05"), cal())
        .unwrap()
        .unwrap();
    assert_eq!(deadline.due, d("2020-03-04"));
    let zh = deadline.explain(Lang::Zh);
    assert!(
        zh.contains("2020-01-20 告知补正（补正期限2020-02-14），2020-02-05 收到补正，答复期限自收到补正次日起重新计算"),
        "{zh}"
    );
    // The counting span starts after 02-05, so the Spring Festival is not part of the chain.
    assert!(!zh.contains("春节"), "{zh}");
}

#[test]
fn national_day_2021_with_mid_autumn_and_an_extension() {
    // In person Fri 2021-09-17. 中秋 09-19…09-21 and 国庆 10-01…10-07; Sat 09-18, Sun 09-26 and
    // Sat 10-09 worked.
    // Sat 09-18 (1), [09-19…09-21], Wed 09-22 (2), Thu 09-23 (3), Fri 09-24 (4), Sun 09-26 (5),
    // Mon 09-27 … Thu 09-30 (6–9), [10-01…10-07], Fri 10-08 (10), Sat 10-09 (11),
    // 10-11…10-15 (12–16), Mon 10-18 … Thu 10-21 (17–20).
    let mut case = in_person("2021-09-17");
    assert_eq!(due(&case, "2021-09-17"), d("2021-10-21"));

    // Extension of 10 working days approved and told on 10-20 (before the due date):
    // Fri 10-22 (21), 10-25…10-29 (22–26), Mon 11-01 … Thu 11-04 (27–30).
    case.apply(extension("2021-10-20", 10, "2021-10-20"), cal())
        .unwrap();
    let deadline = case
        .reply_deadline(d("2021-10-20"), cal())
        .unwrap()
        .unwrap();
    assert_eq!(deadline.due, d("2021-11-04"));
    let zh = deadline.explain(Lang::Zh);
    assert!(zh.contains("2021-09-19至09-21中秋节放假"), "{zh}");
    assert!(zh.contains("2021-10-01至10-07国庆节放假"), "{zh}");
    assert!(zh.contains("2021-09-18、09-26、10-09为调休上班日"), "{zh}");
    assert!(
        zh.contains("2021-10-20 经办公室主任李四批准延长10个工作日（2021-10-20 告知申请人）"),
        "{zh}"
    );
    // A second extension may bring the total to 20, not beyond.
    let mut over = case.clone();
    let r = over
        .apply(extension("2021-10-25", 11, "2021-10-25"), cal())
        .unwrap_err();
    assert_eq!(r.rule, "DESK-EXTENSION-LIMIT");
    // Ten more: 11-05 (31), 11-08…11-12 (32–36), 11-15…11-18 (37–40).
    case.apply(extension("2021-10-25", 10, "2021-10-25"), cal())
        .unwrap();
    assert_eq!(due(&case, "2021-10-25"), d("2021-11-18"));
}

#[test]
fn mid_autumn_national_day_2023_with_other_agency() {
    // Posted Mon 2023-09-25, signed for Tue 09-26. 中秋节、国庆节 09-29…10-06; Sat 10-07 and Sun
    // 10-08 worked.
    // Wed 09-27 (1), Thu 09-28 (2), [09-29…10-06], Sat 10-07 (3), Sun 10-08 (4), 10-09…10-13
    // (5–9), 10-16…10-20 (10–14), 10-23…10-27 (15–19), Mon 10-30 (20).
    let mut case = Case::open(received(
        "2023-09-25",
        Channel::Post {
            signed_for: d("2023-09-26"),
        },
    ))
    .unwrap();
    assert_eq!(due(&case, "2023-09-26"), d("2023-10-30"));

    // Another agency consulted Mon 10-09, answered Mon 10-16: 10-09…10-16 excluded.
    // (4) by 10-08; Tue 10-17 (5) … Fri 10-20 (8), 10-23…10-27 (9–13), 10-30…11-03 (14–18),
    // Mon 11-06 (19), Tue 11-07 (20).
    case.apply(consult("2023-10-09", ConsultationKind::OtherAgency), cal())
        .unwrap();
    // While open: the reply period stands still; the agency has 15 working days to answer:
    // 10-10…10-13 (1–4), 10-16…10-20 (5–9), 10-23…10-27 (10–14), Mon 10-30 (15).
    match case.status(d("2023-10-10"), cal()).unwrap() {
        Status::Consulting {
            kind, answer_due, ..
        } => {
            assert_eq!(kind, ConsultationKind::OtherAgency);
            assert_eq!(answer_due, d("2023-10-30"));
        }
        s => panic!("{s:?}"),
    }
    case.apply(answered("2023-10-16", ConsultationKind::OtherAgency), cal())
        .unwrap();
    assert_eq!(due(&case, "2023-10-16"), d("2023-11-07"));
}

#[test]
fn spring_festival_2024_with_a_fee_notice() {
    // Faxed Fri 2024-02-02, confirmed Mon 02-05. 春节 02-10…02-17 (除夕 02-09 is a working Friday);
    // Sun 02-04 and Sun 02-18 worked.
    // Tue 02-06 (1) … Fri 02-09 (4), [02-10…02-17], Sun 02-18 (5), 02-19…02-23 (6–10),
    // 02-26…03-01 (11–15), 03-04…03-08 (16–20).
    let mut case = Case::open(received(
        "2024-02-02",
        Channel::Fax {
            confirmed: d("2024-02-05"),
        },
    ))
    .unwrap();
    assert_eq!(due(&case, "2024-02-05"), d("2024-03-08"));
    assert!(cal().is_working_day(d("2024-02-09")).unwrap());

    // Fee notice sent Tue 02-20, received Wed 02-21. Pay within 20 working days from Thu 02-22:
    // 02-22, 02-23 (1–2), 02-26…03-01 (3–7), 03-04…03-08 (8–12), 03-11…03-15 (13–17), Mon 03-18
    // (18), Tue 03-19 (19), Wed 03-20 (20).
    case.apply(fee_notice("2024-02-20", 200, "2024-02-21"), cal())
        .unwrap();
    let pay = case
        .current_deadline(d("2024-02-21"), cal())
        .unwrap()
        .unwrap();
    assert_eq!(pay.kind, DeadlineKind::Payment);
    assert_eq!(pay.due, d("2024-03-20"));
    // Paid Tue 02-27: 02-20…02-27 excluded from the reply period.
    // (6) by 02-19; Wed 02-28 (7), Thu 02-29 (8), Fri 03-01 (9), 03-04…03-08 (10–14),
    // 03-11…03-15 (15–19), Mon 03-18 (20).
    case.apply(ev("2024-02-27", EventKind::FeePaid), cal())
        .unwrap();
    let deadline = case
        .reply_deadline(d("2024-02-27"), cal())
        .unwrap()
        .unwrap();
    assert_eq!(deadline.due, d("2024-03-18"));
    assert!(deadline
        .explain(Lang::Zh)
        .contains("2024-02-20发出收费通知（200元），2024-02-27缴费，2024-02-20至02-27不计入期限"));
}

#[test]
fn spring_festival_2025_third_party_silent() {
    // Ordinary letter arrived and confirmed Fri 2025-01-24. 春节 01-28…02-04; Sun 01-26 and Sat
    // 02-08 worked.
    // Sun 01-26 (1), Mon 01-27 (2), [01-28…02-04], Wed 02-05 (3), Thu (4), Fri 02-07 (5),
    // Sat 02-08 (6), 02-10…02-14 (7–11), 02-17…02-21 (12–16), Mon 02-24 … Thu 02-27 (17–20).
    let mut case = Case::open(received(
        "2025-01-24",
        Channel::OrdinaryLetter {
            confirmed: d("2025-01-24"),
        },
    ))
    .unwrap();
    assert_eq!(due(&case, "2025-01-24"), d("2025-02-27"));

    // Third party consulted Mon 01-27; it has 15 working days: 02-05, 02-06, 02-07 (1–3),
    // Sat 02-08 (4), 02-10…02-14 (5–9), 02-17…02-21 (10–14), Mon 02-24 (15).
    case.apply(consult("2025-01-27", ConsultationKind::ThirdParty), cal())
        .unwrap();
    // It never answers. With 01-27…02-24 excluded: Sun 01-26 (1), then Tue 02-25 (2) … Fri 02-28
    // (5), 03-03…03-07 (6–10), 03-10…03-14 (11–15), 03-17…03-21 (16–20).
    let on_0210 = case
        .reply_deadline(d("2025-02-10"), cal())
        .unwrap()
        .unwrap();
    assert_eq!(on_0210.due, d("2025-03-21"));
    assert!(on_0210.provisional, "the consultation is still open");
    assert_eq!(
        case.status(d("2025-02-10"), cal()).unwrap(),
        Status::Consulting {
            kind: ConsultationKind::ThirdParty,
            answer_due: d("2025-02-24"),
            reply_due_latest: d("2025-03-21"),
        }
    );
    // After 02-24 the period runs again without any event: on 03-20 one working day is left.
    let on_0320 = case
        .reply_deadline(d("2025-03-20"), cal())
        .unwrap()
        .unwrap();
    assert_eq!(on_0320.due, d("2025-03-21"));
    assert!(!on_0320.provisional);
    assert!(
        on_0320
            .explain(Lang::Zh)
            .contains("2025-01-27征求第三方意见，至2025-02-24（15个工作日）未答复，2025-01-27至02-24不计入期限"),
        "{}",
        on_0320.explain(Lang::Zh)
    );
    assert_eq!(
        case.status(d("2025-03-20"), cal()).unwrap(),
        Status::InProgress {
            due: d("2025-03-21"),
            overdue: false,
            working_days_left: 1
        }
    );
    // Overdue from Sat 03-22; on Tue 03-25 two working days have passed (03-24, 03-25).
    assert_eq!(
        case.status(d("2025-03-25"), cal()).unwrap(),
        Status::InProgress {
            due: d("2025-03-21"),
            overdue: true,
            working_days_left: -2
        }
    );
    // A late answer (03-03) only excludes up to the third party's deadline.
    case.apply(answered("2025-03-03", ConsultationKind::ThirdParty), cal())
        .unwrap();
    assert_eq!(due(&case, "2025-03-03"), d("2025-03-21"));
    // A reply on 03-24 is late.
    case.apply(reply("2025-03-24", ReplyType::Granted), cal())
        .unwrap();
    assert!(matches!(
        case.status(d("2025-03-24"), cal()).unwrap(),
        Status::Closed {
            late: Some(true),
            ..
        }
    ));
}

#[test]
fn spring_festival_2022_working_weekend_before() {
    // In person Fri 2022-01-28. 春节 01-31…02-06; Sat 01-29 and Sun 01-30 worked.
    // Sat 01-29 (1), Sun 01-30 (2), [01-31…02-06], 02-07…02-11 (3–7), 02-14…02-18 (8–12),
    // 02-21…02-25 (13–17), Mon 02-28 (18), Tue 03-01 (19), Wed 03-02 (20).
    let case = in_person("2022-01-28");
    assert_eq!(due(&case, "2022-01-28"), d("2022-03-02"));
}

#[test]
fn late_december_needs_next_years_notice() {
    // In person Tue 2026-12-01: Wed 12-02 (1) … Fri 12-04 (3), 12-07…12-11 (4–8), 12-14…12-18
    // (9–13), Mon 12-21 … Thu 12-24 (14–17), Fri 12-25 (18) — and 12-25 may be changed by the
    // 2027 New Year arrangement, which is not loaded.
    let case = in_person("2026-12-01");
    let err = case.reply_deadline(d("2026-12-01"), cal()).unwrap_err();
    assert_eq!(
        err,
        CalendarError::Unsettled {
            day: d("2026-12-25"),
            next_year: 2027
        }
    );
    assert!(err.message().zh.starts_with("2027年的节假日安排尚未载入"));
    assert!(case.status(d("2026-12-01"), cal()).is_err());

    // Received 2026-11-20 (Fri) ends before: 11-23…11-27 (1–5), 11-30…12-04 (6–10),
    // 12-07…12-11 (11–15), 12-14…12-18 (16–20).
    assert_eq!(due(&in_person("2026-11-20"), "2026-11-20"), d("2026-12-18"));

    // Once a 2027 notice is loaded (a made-up one for the test: 元旦 01-01…01-03, nothing in
    // December), 12-25 is settled: Fri 12-25 (18), Mon 12-28 (19), Tue 12-29 (20).
    let with_2027 = cal()
        .with_notices(
            r#"[2027]
notice = "测试用通知"
holidays = [{ name = "元旦", from = 2027-01-01, to = 2027-01-03 }]
workdays = []
"#,
        )
        .unwrap();
    assert_eq!(
        case.reply_deadline(d("2026-12-01"), &with_2027)
            .unwrap()
            .unwrap()
            .due,
        d("2026-12-29")
    );
}

#[test]
fn years_not_loaded_are_errors_naming_the_year() {
    assert_eq!(
        cal().is_working_day(d("2027-03-01")),
        Err(CalendarError::NotLoaded { year: 2027 })
    );
    assert_eq!(
        cal().is_working_day(d("2017-06-01")),
        Err(CalendarError::NotLoaded { year: 2017 })
    );
    assert_eq!(
        CalendarError::NotLoaded { year: 2027 }.message().zh,
        "2027年的节假日安排尚未载入，无法计算工作日；请载入国务院办公厅2027年部分节假日安排的通知"
    );
    // Counting that runs off the end names the first missing year.
    assert!(matches!(
        cal().nth_working_day_after(d("2026-12-01"), 400),
        Err(CalendarError::Unsettled {
            next_year: 2027,
            ..
        })
    ));
    assert_eq!(
        cal().working_days_in(d("2026-01-05"), d("2027-02-01")),
        Err(CalendarError::Unsettled {
            day: d("2026-12-25"),
            next_year: 2027
        })
    );
}

#[test]
fn new_year_2019_crosses_the_year() {
    // 2019 notice: Sat 2018-12-29 worked, 2018-12-30…2019-01-01 off.
    // Fri 12-28 (1), Sat 12-29 (2), [12-30…01-01], Wed 2019-01-02 (3).
    assert_eq!(
        cal().nth_working_day_after(d("2018-12-27"), 3),
        Ok(d("2019-01-02"))
    );
    assert_eq!(cal().day_kind(d("2018-12-31")), Ok(DayKind::Holiday));
    assert_eq!(cal().holiday_on(d("2018-12-31")).unwrap().name, "元旦");
}

#[test]
fn regional_override_adds_days_off() {
    // Made-up regional data for the test (not a real arrangement): three days off 2026-03-10…12.
    let regional = cal()
        .with_region(
            r#"region = "测试自治州"
holidays = [{ name = "测试节", name_en = "Test Festival", from = 2026-03-10, to = 2026-03-12 }]
workdays = [2026-03-14]
"#,
        )
        .unwrap();
    // 2026-02-11 +20 nationally is 03-17 (see the issue example). With 03-10…03-12 off and Sat
    // 03-14 worked: … Mon 03-09 (14), [03-10…03-12], Fri 03-13 (15), Sat 03-14 (16),
    // Mon 03-16 (17), Tue (18), Wed (19), Thu 03-19 (20).
    let case = Case::open(received(
        "2026-02-10",
        Channel::Post {
            signed_for: d("2026-02-11"),
        },
    ))
    .unwrap();
    let deadline = case
        .reply_deadline(d("2026-02-11"), &regional)
        .unwrap()
        .unwrap();
    assert_eq!(deadline.due, d("2026-03-19"));
    assert!(deadline
        .explain(Lang::Zh)
        .contains("2026-03-10至03-12测试节放假（测试自治州）"));
    assert!(deadline
        .explain(Lang::En)
        .contains("2026-03-10…03-12 Test Festival holiday (测试自治州)"));
    assert!(deadline
        .explain(Lang::Zh)
        .contains("2026-02-14、02-28、03-14为调休上班日"));

    // A region's dates must be in loaded years.
    let err = cal()
        .with_region(
            r#"region = "测试自治州"
holidays = [{ name = "测试节", from = 2027-03-10, to = 2027-03-12 }]
"#,
        )
        .unwrap_err();
    assert!(err.message().zh.contains("2027年全国节假日安排尚未载入"));
}

#[test]
fn bad_schedule_data_is_refused_with_a_reason() {
    for (src, needle) in [
        ("[2027]\nnotice = \"x\"\nworkdays = [2027-03-03]\n", "应为星期六或星期日"),
        ("[2027]\nnotice = \"x\"\nworkdays = [2028-01-08]\n", "不属于2027年"),
        (
            "[2027]\nnotice = \"x\"\nholidays = [{ name = \"春节\", from = 2027-02-10, to = 2027-02-01 }]\n",
            "不是合理的假期",
        ),
        ("[2026]\nnotice = \"x\"\n", "已载入"),
        ("[abc]\nnotice = \"x\"\n", "应为年份"),
        ("[2027]\nnotice = \"x\"\nworkdays = [2027-02-30]\n", "无法读取"),
        ("[2027]\nnotice = \"x\"\nextra = 1\n", "无法读取"),
        (
            "[2027]\nnotice = \"x\"\nworkdays = [2027-02-06T08:00:00]\n",
            "不带时间",
        ),
    ] {
        let err = cal().with_notices(src).unwrap_err();
        assert!(err.message().zh.contains(needle), "{src}: {}", err.message().zh);
    }
    assert!(Calendar::from_toml("").is_err());
}
