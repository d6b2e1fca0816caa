//! Properties over random histories.
//!
//! - Random valid histories for many cases across 2024–2026: each year's 表三 passes every
//!   rule of the checker that concerns it, carried out of Y equals carried into Y + 1 in every
//!   column, and the years add up (everything received is closed or still open).
//! - Random events of any kind and date on random cases: never a panic; a refused event leaves
//!   the case unchanged; an accepted one keeps the case equal to the replay of its history.
//! - Invalid by construction (dated before the previous event, after closure, a second
//!   application): always refused with the matching rule.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns

mod common;
use common::*;
use gongkai_desk::*;
use gongkai_model::Severity;
use proptest::prelude::*;

const CHANNELS: usize = 5;

/// A case's opening: day offset from 2024-01-01, channel, confirmation delay, applicant.
type Opening = (i32, usize, i32, usize);
/// A step: which action, days after the previous event, a parameter.
type Step = (usize, i32, u32);

fn opening() -> impl Strategy<Value = Opening> {
    (0..1090i32, 0..CHANNELS, 0..4i32, 0..6usize)
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    prop::collection::vec((0..12usize, 0..30i32, 0..40u32), 0..8)
}

fn open_case((offset, ch, delay, who): Opening) -> Case {
    let base = d("2024-01-01");
    let submitted = base.add_days(offset).unwrap();
    let later = submitted.add_days(delay).unwrap();
    let channel = match ch {
        0 => Channel::InPerson,
        1 => Channel::Post { signed_for: later },
        2 => Channel::OrdinaryLetter { confirmed: later },
        3 => Channel::Online { confirmed: later },
        _ => Channel::Fax { confirmed: later },
    };
    Case::open(Event {
        date: submitted,
        kind: EventKind::Received {
            channel,
            applicant: Applicant {
                name: format!("申请人{who}"),
                kind: ApplicantType::ALL[who],
            },
            request: "某信息".into(),
        },
    })
    .unwrap()
}

fn last_date(case: &Case) -> Day {
    case.events()
        .iter()
        .map(|e| e.date)
        .max()
        .unwrap()
        .max(case.receipt_date())
}

/// The event a step stands for, dated `gap` days after the case's last event.
fn step_event(case: &Case, (action, gap, p): Step) -> Event {
    let date = last_date(case).add_days(gap).unwrap();
    let kind_of = |p: u32| {
        if p.is_multiple_of(2) {
            ConsultationKind::ThirdParty
        } else {
            ConsultationKind::OtherAgency
        }
    };
    let kind = match action {
        0 => EventKind::CorrectionRequested {
            deadline: date.add_days(1 + p as i32).unwrap(),
        },
        1 => EventKind::CorrectionReceived,
        2 => EventKind::ConsultationStarted { kind: kind_of(p) },
        3 => EventKind::ConsultationAnswered { kind: kind_of(p) },
        4 => EventKind::ExtensionApproved {
            approved_by: "主任".into(),
            days: p % 25,
            applicant_told: date.add_days((p % 3) as i32).unwrap(),
        },
        5 => EventKind::FeeNoticeIssued {
            amount_yuan: u64::from(p) * 100,
            applicant_received: date.add_days((p % 4) as i32).unwrap(),
        },
        6 => EventKind::FeePaid,
        7 | 8 => EventKind::Replied {
            reply: ReplyType::ALL[p as usize % ReplyType::ALL.len()],
        },
        9 => EventKind::Withdrawn,
        10 => EventKind::Abandoned {
            reason: Abandonment::NoCorrection,
        },
        _ => EventKind::Abandoned {
            reason: Abandonment::FeeNotPaid,
        },
    };
    Event { date, kind }
}

/// Builds a case by trying each step; refused steps are skipped (and must leave it unchanged).
fn build(open: Opening, steps: &[Step]) -> Case {
    let mut case = open_case(open);
    for &s in steps {
        let e = step_event(&case, s);
        let before = case.clone();
        if let Err(r) = case.apply(e, cal()) {
            assert_eq!(case, before, "refused ({r}) but changed");
            assert!(r.rule.starts_with("DESK-"));
        }
    }
    case
}

fn assert_year_passes(cases: &[Case], year: i32) -> YearTable {
    let t = year_table(cases, year).unwrap();
    let report = t.to_report(None);
    let bad: Vec<_> = gongkai_check::check(&report)
        .into_iter()
        .filter(|f| f.rule.starts_with("T3-") || f.cells.iter().any(|c| c.table == "requests"))
        .filter(|f| f.severity >= Severity::Warning)
        .collect();
    assert!(bad.is_empty(), "{year}: {bad:#?}");
    t
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn random_histories_give_tables_that_pass_and_chain(
        skeletons in prop::collection::vec((opening(), steps()), 1..150)
    ) {
        let cases: Vec<Case> = skeletons.iter().map(|(o, s)| build(*o, s)).collect();
        let years = [2024, 2025, 2026, 2027];
        let tables: Vec<YearTable> = years.iter().map(|&y| assert_year_passes(&cases, y)).collect();
        for w in tables.windows(2) {
            prop_assert_eq!(w[0].row("carried_out"), w[1].row("carried_in"));
        }
        prop_assert_eq!(tables[0].row("carried_in"), Some([0; 6]));
        // Over the years: all received = all closed + still open at the end.
        for col in ApplicantType::ALL.map(|a| a.key()).into_iter().chain(["total"]) {
            let received: u64 = tables.iter().filter_map(|t| t.get("received", col)).sum();
            let closed: u64 = tables.iter().filter_map(|t| t.get("total", col)).sum();
            let open = tables.last().and_then(|t| t.get("carried_out", col)).unwrap_or(0);
            prop_assert_eq!(received, closed + open, "{}", col);
        }
        // Against a direct count: open at the end of 2025.
        let end = d("2025-12-31");
        let direct = cases.iter().filter(|c| c.facts().open_at_end_of(end)).count() as u64;
        prop_assert_eq!(tables[1].get("carried_out", "total"), Some(direct));
    }

    #[test]
    fn derived_views_never_panic(open in opening(), s in steps(), today in 0..1500i32) {
        let case = build(open, &s);
        let today = d("2024-01-01").add_days(today).unwrap();
        // Errors are fine (years not loaded); panics are not.
        let _ = case.status(today, cal());
        if let Ok(Some(dl)) = case.current_deadline(today, cal()) {
            prop_assert!(!dl.explain(Lang::Zh).is_empty());
            prop_assert!(!dl.explain(Lang::En).is_empty());
        }
        let _ = case.reply_deadline(today, cal());
    }

    #[test]
    fn arbitrary_events_never_panic_and_refusals_change_nothing(
        open in opening(),
        s in steps(),
        action in 0..12usize,
        day in any::<i32>(),
        p in any::<u32>(),
        amount in any::<u64>(),
        other in any::<i32>(),
    ) {
        let mut case = build(open, &s);
        let date = Day::from_days_since_epoch(day % 3_000_000).unwrap_or(Day::MAX);
        let other = Day::from_days_since_epoch(other % 3_000_000).unwrap_or(Day::MIN);
        let kind = match action {
            0 => EventKind::CorrectionRequested { deadline: other },
            1 => EventKind::CorrectionReceived,
            2 => EventKind::ConsultationStarted { kind: ConsultationKind::ThirdParty },
            3 => EventKind::ConsultationAnswered { kind: ConsultationKind::OtherAgency },
            4 => EventKind::ExtensionApproved { approved_by: p.to_string(), days: p, applicant_told: other },
            5 => EventKind::FeeNoticeIssued { amount_yuan: amount, applicant_received: other },
            6 => EventKind::FeePaid,
            7 => EventKind::Replied { reply: ReplyType::ALL[p as usize % ReplyType::ALL.len()] },
            8 => EventKind::Withdrawn,
            9 => EventKind::Abandoned { reason: Abandonment::FeeNotPaid },
            10 => EventKind::Received {
                channel: Channel::Fax { confirmed: other },
                applicant: Applicant { name: p.to_string(), kind: ApplicantType::Research },
                request: amount.to_string(),
            },
            _ => EventKind::Abandoned { reason: Abandonment::NoCorrection },
        };
        let before = case.clone();
        match case.apply(Event { date, kind }, cal()) {
            Err(_) => prop_assert_eq!(&case, &before),
            Ok(()) => {
                let replayed = Case::replay(case.events().to_vec(), cal());
                prop_assert_eq!(replayed.as_ref(), Ok(&case));
            }
        }
        let _ = case.status(date, cal());
        let _ = case.current_deadline(date, cal());
        // Opening a case with arbitrary data never panics either.
        let _ = Case::open(Event {
            date,
            kind: EventKind::Received {
                channel: Channel::Post { signed_for: other },
                applicant: Applicant { name: p.to_string(), kind: ApplicantType::OtherOrg },
                request: amount.to_string(),
            },
        });
    }

    #[test]
    fn invalid_by_construction_is_refused(open in opening(), s in steps(), back in 1..400i32, action in 0..12usize) {
        let case = build(open, &s);
        // Dated before the last event.
        let mut e = step_event(&case, (action, 0, 3));
        e.date = last_date(&case).add_days(-back).unwrap();
        let r = case.clone().apply(e, cal()).unwrap_err();
        let expected = if case.closure().is_some() {
            "DESK-CLOSED"
        } else {
            "DESK-DATE-ORDER"
        };
        prop_assert_eq!(r.rule, expected);
        // A second application.
        let r = case
            .clone()
            .apply(received(&last_date(&case).iso(), Channel::InPerson), cal())
            .unwrap_err();
        let expected = if case.closure().is_some() {
            "DESK-CLOSED"
        } else {
            "DESK-RECEIVED-ONCE"
        };
        prop_assert_eq!(r.rule, expected);
        // Anything after closure.
        if case.closure().is_some() {
            let e = step_event(&case, (action, back, 3));
            prop_assert_eq!(case.clone().apply(e, cal()).unwrap_err().rule, "DESK-CLOSED");
        }
    }
}

/// The generator is not vacuous: over many random histories every kind of event is accepted
/// somewhere, and every row of 表三 gets a case.
#[test]
fn the_generator_reaches_every_event_and_outcome() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    use std::collections::BTreeSet;

    let mut runner = TestRunner::deterministic();
    let strategy = (opening(), steps());
    let mut kinds = BTreeSet::new();
    let mut rows = BTreeSet::new();
    let mut cases = Vec::new();
    for _ in 0..20_000 {
        let (o, s) = strategy.new_tree(&mut runner).unwrap().current();
        let case = build(o, &s);
        kinds.extend(case.events().iter().map(|e| e.kind.key()));
        if let Some(c) = case.closure() {
            rows.insert(c.disposition.row_key());
        }
        cases.push(case);
    }
    assert_eq!(kinds.len(), 11, "{kinds:?}");
    // Every 2021 result row (21) is reached.
    assert_eq!(rows.len(), 21, "{rows:?}");
    for y in [2024, 2025, 2026] {
        let t = assert_year_passes(&cases, y);
        assert!(t.get("carried_out", "total").unwrap() > 0);
        assert!(t.get("total", "total").unwrap() > 1000);
    }
}
