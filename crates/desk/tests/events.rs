//! Receipt dates per channel (art. 31) and every rule that refuses an event.

#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns

mod common;
use common::*;
use gongkai_desk::*;

#[test]
fn receipt_date_per_channel() {
    let submitted = d("2026-03-02");
    let later = d("2026-03-04");
    let cases = [
        (Channel::InPerson, submitted, "2026-03-02 当面提交"),
        (
            Channel::Post { signed_for: later },
            later,
            "2026-03-02 邮寄，2026-03-04 签收",
        ),
        (
            Channel::OrdinaryLetter {
                confirmed: submitted,
            },
            submitted,
            "2026-03-02 收到平常信函，2026-03-02 与申请人确认",
        ),
        (
            Channel::OrdinaryLetter { confirmed: later },
            later,
            "2026-03-02 收到平常信函，2026-03-04 与申请人确认（条例第三十一条要求收到当日确认）",
        ),
        (
            Channel::Online { confirmed: later },
            later,
            "2026-03-02 网上提交，2026-03-04 双方确认",
        ),
        (
            Channel::Fax { confirmed: later },
            later,
            "2026-03-02 传真，2026-03-04 双方确认",
        ),
    ];
    for (channel, receipt, text) in cases {
        assert_eq!(channel.receipt_date(submitted), Ok(receipt), "{channel:?}");
        assert_eq!(channel.describe(submitted).zh, text);
        let case = Case::open(received("2026-03-02", channel)).unwrap();
        assert_eq!(case.receipt_date(), receipt);
        // The period counts from the receipt date: 20 working days after 03-02 is Mon 03-30
        // (03-03…03-06, 03-09…03-13, 03-16…03-20, 03-23…03-27, Mon 03-30 = 4+5+5+5+1); after
        // 03-04 it is Wed 04-01 (03-05, 03-06, then 15 to 03-27, 03-30, 03-31, 04-01).
        let expected = if receipt == submitted {
            "2026-03-30"
        } else {
            "2026-04-01"
        };
        assert_eq!(due(&case, "2026-03-04"), d(expected), "{channel:?}");
    }
    // A channel date before the submission is refused.
    for channel in [
        Channel::Post {
            signed_for: d("2026-03-01"),
        },
        Channel::OrdinaryLetter {
            confirmed: d("2026-03-01"),
        },
        Channel::Online {
            confirmed: d("2026-03-01"),
        },
        Channel::Fax {
            confirmed: d("2026-03-01"),
        },
    ] {
        let r = Case::open(received("2026-03-02", channel)).unwrap_err();
        assert_eq!(r.rule, "DESK-RECEIPT-DATE", "{channel:?}");
    }
}

/// Applies `events` to a fresh in-person case received on 2026-03-02 and returns the refusal
/// of the last one (all earlier ones must be accepted).
fn refusal_of(events: Vec<Event>) -> Refusal {
    let mut case = in_person("2026-03-02");
    let n = events.len();
    for (i, e) in events.into_iter().enumerate() {
        match case.apply(e, cal()) {
            Ok(()) if i + 1 < n => {}
            Ok(()) => panic!("the last event was accepted"),
            Err(r) if i + 1 == n => {
                // Refused: the case is unchanged.
                assert_eq!(case.events().len(), n);
                return r;
            }
            Err(r) => panic!("event {i} refused: {r}"),
        }
    }
    unreachable!()
}

const TP: ConsultationKind = ConsultationKind::ThirdParty;

#[test]
fn each_rule_refuses() {
    use EventKind::*;
    let table: Vec<(&str, Vec<Event>)> = vec![
        (
            "DESK-RECEIVED-ONCE",
            vec![received("2026-03-03", Channel::InPerson)],
        ),
        (
            "DESK-DATE-ORDER",
            vec![reply("2026-03-01", ReplyType::Granted)],
        ),
        (
            "DESK-DATE-ORDER",
            vec![consult("2026-03-05", TP), answered("2026-03-04", TP)],
        ),
        (
            "DESK-CLOSED",
            vec![
                reply("2026-03-05", ReplyType::Granted),
                ev("2026-03-06", Withdrawn),
            ],
        ),
        (
            "DESK-CORRECTION-ONCE",
            vec![
                correction_requested("2026-03-03", "2026-03-20"),
                ev("2026-03-05", CorrectionReceived),
                correction_requested("2026-03-06", "2026-03-20"),
            ],
        ),
        (
            "DESK-CORRECTION-FIRST",
            vec![
                consult("2026-03-03", TP),
                correction_requested("2026-03-04", "2026-03-20"),
            ],
        ),
        // 7 working days after Mon 03-02: 03-03…03-06 (1–4), 03-09…03-11 (5–7).
        (
            "DESK-CORRECTION-LATE",
            vec![correction_requested("2026-03-12", "2026-03-30")],
        ),
        (
            "DESK-CORRECTION-DEADLINE",
            vec![correction_requested("2026-03-03", "2026-03-03")],
        ),
        (
            "DESK-CORRECTION-NONE",
            vec![ev("2026-03-03", CorrectionReceived)],
        ),
        (
            "DESK-CORRECTION-NONE",
            vec![
                correction_requested("2026-03-03", "2026-03-20"),
                ev("2026-03-05", CorrectionReceived),
                ev("2026-03-06", CorrectionReceived),
            ],
        ),
        (
            "DESK-AWAITING-CORRECTION",
            vec![
                correction_requested("2026-03-03", "2026-03-20"),
                reply("2026-03-05", ReplyType::Granted),
            ],
        ),
        (
            "DESK-AWAITING-CORRECTION",
            vec![
                correction_requested("2026-03-03", "2026-03-20"),
                consult("2026-03-05", TP),
            ],
        ),
        (
            "DESK-AWAITING-CORRECTION",
            vec![
                correction_requested("2026-03-03", "2026-03-20"),
                extension("2026-03-05", 5, "2026-03-05"),
            ],
        ),
        (
            "DESK-AWAITING-CORRECTION",
            vec![
                correction_requested("2026-03-03", "2026-03-20"),
                fee_notice("2026-03-05", 100, "2026-03-05"),
            ],
        ),
        (
            "DESK-CONSULTATION-OPEN",
            vec![consult("2026-03-03", TP), consult("2026-03-04", TP)],
        ),
        ("DESK-CONSULTATION-NONE", vec![answered("2026-03-03", TP)]),
        (
            "DESK-CONSULTATION-NONE",
            vec![
                consult("2026-03-03", TP),
                answered("2026-03-04", ConsultationKind::OtherAgency),
            ],
        ),
        // 20 working days after Mon 03-02 is Mon 03-30 (see receipt_date_per_channel).
        ("DESK-PERIOD-EXPIRED", vec![consult("2026-03-31", TP)]),
        (
            "DESK-PERIOD-EXPIRED",
            vec![extension("2026-03-31", 5, "2026-03-31")],
        ),
        (
            "DESK-PERIOD-EXPIRED",
            vec![fee_notice("2026-03-31", 100, "2026-03-31")],
        ),
        (
            "DESK-EXTENSION-APPROVER",
            vec![ev(
                "2026-03-20",
                ExtensionApproved {
                    approved_by: "  ".into(),
                    days: 5,
                    applicant_told: d("2026-03-20"),
                },
            )],
        ),
        (
            "DESK-EXTENSION-LIMIT",
            vec![extension("2026-03-20", 21, "2026-03-20")],
        ),
        (
            "DESK-EXTENSION-LIMIT",
            vec![extension("2026-03-20", 0, "2026-03-20")],
        ),
        (
            "DESK-EXTENSION-LIMIT",
            vec![
                extension("2026-03-20", 15, "2026-03-20"),
                extension("2026-03-23", 6, "2026-03-23"),
            ],
        ),
        (
            "DESK-EXTENSION-TOLD",
            vec![extension("2026-03-20", 5, "2026-03-19")],
        ),
        (
            "DESK-EXTENSION-TOLD",
            vec![extension("2026-03-20", 5, "2026-03-31")],
        ),
        (
            "DESK-FEE-ONCE",
            vec![
                fee_notice("2026-03-03", 100, "2026-03-03"),
                ev("2026-03-04", FeePaid),
                fee_notice("2026-03-05", 100, "2026-03-05"),
            ],
        ),
        (
            "DESK-FEE-AMOUNT",
            vec![fee_notice("2026-03-03", 0, "2026-03-03")],
        ),
        (
            "DESK-FEE-DATE",
            vec![fee_notice("2026-03-03", 100, "2026-03-02")],
        ),
        ("DESK-FEE-NONE", vec![ev("2026-03-03", FeePaid)]),
        // Notice received Tue 03-03; 20 working days from 03-04: 03-04…03-06 (1–3), 03-09…03-13
        // (4–8), 03-16…03-20 (9–13), 03-23…03-27 (14–18), 03-30 (19), Tue 03-31 (20).
        (
            "DESK-FEE-LATE",
            vec![
                fee_notice("2026-03-03", 100, "2026-03-03"),
                ev("2026-04-01", FeePaid),
            ],
        ),
        (
            "DESK-FEE-PENDING",
            vec![
                fee_notice("2026-03-03", 100, "2026-03-03"),
                reply("2026-03-05", ReplyType::Granted),
            ],
        ),
        (
            "DESK-REPLY-UNCLEAR",
            vec![reply("2026-03-05", ReplyType::UnclearAfterCorrection)],
        ),
        (
            "DESK-ABANDON-NOTHING-PENDING",
            vec![ev(
                "2026-03-05",
                Abandoned {
                    reason: Abandonment::NoCorrection,
                },
            )],
        ),
        (
            "DESK-ABANDON-NOTHING-PENDING",
            vec![ev(
                "2026-03-05",
                Abandoned {
                    reason: Abandonment::FeeNotPaid,
                },
            )],
        ),
        (
            "DESK-ABANDON-EARLY",
            vec![
                correction_requested("2026-03-03", "2026-03-20"),
                ev(
                    "2026-03-20",
                    Abandoned {
                        reason: Abandonment::NoCorrection,
                    },
                ),
            ],
        ),
        (
            "DESK-ABANDON-EARLY",
            vec![
                fee_notice("2026-03-03", 100, "2026-03-03"),
                ev(
                    "2026-03-31",
                    Abandoned {
                        reason: Abandonment::FeeNotPaid,
                    },
                ),
            ],
        ),
    ];
    for (rule, events) in table {
        let r = refusal_of(events.clone());
        assert_eq!(r.rule, rule, "{events:?}: {r}");
        assert!(!r.message.zh.is_empty() && !r.message.en.is_empty());
        // Chinese first in the display form.
        assert!(r.to_string().starts_with(&format!("[{rule}] ")));
    }
}

#[test]
fn a_period_in_an_unloaded_year_cannot_be_checked() {
    // Received Thu 2026-12-17: the 7-day correction window reaches 12-25…, which the 2027
    // notice (not loaded) may change; so do the reply period and a consultation's 15 days.
    let mut case = in_person("2026-12-17");
    for e in [
        correction_requested("2026-12-18", "2026-12-30"),
        consult("2026-12-18", TP),
        extension("2026-12-18", 5, "2026-12-18"),
    ] {
        let r = case.apply(e, cal()).unwrap_err();
        assert_eq!(r.rule, "DESK-CALENDAR");
        assert!(
            r.message.zh.starts_with("2027年的节假日安排尚未载入"),
            "{r}"
        );
    }
    // Events that need no period are still accepted.
    case.apply(reply("2026-12-18", ReplyType::Granted), cal())
        .unwrap();
    assert!(case.status(d("2026-12-18"), cal()).is_ok());
}

#[test]
fn the_first_event_must_be_the_application() {
    let r = Case::open(reply("2026-03-05", ReplyType::Granted)).unwrap_err();
    assert_eq!(r.rule, "DESK-RECEIVED-FIRST");
    assert_eq!(r.message.zh, "案件的第一个事件应为收到申请，而不是答复");
    let r = Case::open(received_by(
        "2026-03-02",
        Channel::InPerson,
        " ",
        ApplicantType::Business,
    ))
    .unwrap_err();
    assert_eq!(r.rule, "DESK-APPLICANT");
    let mut e = received("2026-03-02", Channel::InPerson);
    if let EventKind::Received { request, .. } = &mut e.kind {
        request.clear();
    }
    assert_eq!(Case::open(e).unwrap_err().rule, "DESK-REQUEST");
    // Before the 2019 条例 came into force.
    assert_eq!(
        Case::open(received("2019-05-14", Channel::InPerson))
            .unwrap_err()
            .rule,
        "DESK-REGULATION"
    );
    assert!(Case::open(received("2019-05-15", Channel::InPerson)).is_ok());
    assert_eq!(
        Case::replay(Vec::new(), cal()).unwrap_err().1.rule,
        "DESK-RECEIVED-FIRST"
    );
}

#[test]
fn messages_read_well() {
    let mut case = in_person("2026-03-02");
    case.apply(reply("2026-03-05", ReplyType::Granted), cal())
        .unwrap();
    let r = case
        .apply(ev("2026-03-06", EventKind::Withdrawn), cal())
        .unwrap_err();
    assert_eq!(
        r.message.zh,
        "案件已于2026-03-05办结（予以公开），不能再记录撤回申请"
    );
    assert_eq!(
        r.message.en,
        "the case was closed on 2026-03-05 (disclosed); no withdrawal can follow"
    );
    let r = refusal_of(vec![extension("2026-03-20", 21, "2026-03-20")]);
    assert_eq!(
        r.message.zh,
        "延长21个工作日超过条例第三十三条规定的最长20个工作日"
    );
    let r = refusal_of(vec![
        correction_requested("2026-03-03", "2026-03-20"),
        ev("2026-03-05", EventKind::CorrectionReceived),
        correction_requested("2026-03-06", "2026-03-20"),
    ]);
    assert_eq!(
        r.message.zh,
        "补正只能一次性告知（条例第三十条），已于2026-03-03告知"
    );
}

#[test]
fn allowed_paths_close_in_the_right_row() {
    // Correction not made → abandoned (other_no_correction) after the deadline.
    let mut a = in_person("2026-03-02");
    a.apply(correction_requested("2026-03-03", "2026-03-17"), cal())
        .unwrap();
    assert_eq!(
        a.status(d("2026-03-18"), cal()).unwrap(),
        Status::AwaitingCorrection {
            deadline: d("2026-03-17"),
            lapsed: true
        }
    );
    a.apply(
        ev(
            "2026-03-18",
            EventKind::Abandoned {
                reason: Abandonment::NoCorrection,
            },
        ),
        cal(),
    )
    .unwrap();
    let c = a.closure().unwrap();
    assert_eq!(c.disposition.row_key(), "other_no_correction");

    // Fee not paid by Tue 03-31 → abandoned on 04-01 (other_no_fee).
    let mut b = in_person("2026-03-02");
    b.apply(fee_notice("2026-03-03", 300, "2026-03-03"), cal())
        .unwrap();
    b.apply(
        ev(
            "2026-04-01",
            EventKind::Abandoned {
                reason: Abandonment::FeeNotPaid,
            },
        ),
        cal(),
    )
    .unwrap();
    assert_eq!(b.closure().unwrap().disposition.row_key(), "other_no_fee");

    // Unclear after correction → unavailable_unclear.
    let mut c = in_person("2026-03-02");
    for e in [
        correction_requested("2026-03-03", "2026-03-17"),
        ev("2026-03-10", EventKind::CorrectionReceived),
        reply("2026-03-20", ReplyType::UnclearAfterCorrection),
    ] {
        c.apply(e, cal()).unwrap();
    }
    assert_eq!(
        c.closure().unwrap().disposition.row_key(),
        "unavailable_unclear"
    );
    assert!(matches!(
        c.status(d("2026-03-20"), cal()).unwrap(),
        Status::Closed {
            late: Some(false),
            ..
        }
    ));

    // Replay gives the same case, and says which event is refused.
    let replayed = Case::replay(c.events().to_vec(), cal()).unwrap();
    assert_eq!(replayed, c);
    let mut events = c.events().to_vec();
    events.push(ev("2026-03-21", EventKind::Withdrawn));
    let (i, r) = Case::replay(events, cal()).unwrap_err();
    assert_eq!((i, r.rule), (4, "DESK-CLOSED"));
}

/// A case's history reads the same on the CLI and the web desk: one description per event.
#[test]
fn events_describe_themselves_in_both_languages() {
    let received = Event {
        date: d("2026-02-10"),
        kind: EventKind::Received {
            channel: Channel::Post {
                signed_for: d("2026-02-11"),
            },
            applicant: Applicant {
                name: "张三".into(),
                kind: ApplicantType::NaturalPerson,
            },
            request: "某".repeat(80),
        },
    };
    let zh = received.describe(Lang::Zh);
    assert!(
        zh.starts_with("收到申请：2026-02-10 邮寄，2026-02-11 签收；张三（自然人）；"),
        "{zh}"
    );
    assert!(
        zh.ends_with(&format!("{}…", "某".repeat(60))),
        "a long request is shortened: {zh}"
    );
    let en = received.describe(Lang::En);
    assert!(en.contains("张三") && en.contains(": "), "{en}");
    let extension = Event {
        date: d("2026-03-09"),
        kind: EventKind::ExtensionApproved {
            approved_by: "李主任".into(),
            days: 5,
            applicant_told: d("2026-03-10"),
        },
    };
    assert_eq!(
        extension.describe(Lang::Zh),
        "延长答复期限：李主任批准，延长5个工作日，2026-03-10 告知申请人"
    );
    let reply = Event {
        date: d("2026-03-18"),
        kind: EventKind::Replied {
            reply: ReplyType::from_key("granted").expect("a reply type"),
        },
    };
    assert!(reply.describe(Lang::Zh).starts_with("答复：予以公开"));
    // A letter signed for after its event date says the later day happened.
    assert_eq!(received.happened_by(), d("2026-02-11"));
    assert_eq!(extension.happened_by(), d("2026-03-10"));
}
