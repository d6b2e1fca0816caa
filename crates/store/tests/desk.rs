//! The desk's cases in the store: add, append, refuse, load, list — on SQLite always and on
//! PostgreSQL when `GONGKAI_TEST_PG` is reachable (each in a fresh schema).

#![allow(clippy::unwrap_used)]

mod common;

use gongkai_desk::{
    Applicant, ApplicantType, Calendar, Case, Channel, ConsultationKind, Day, Event, EventKind,
    ReplyType,
};
use gongkai_store::{DeskError, Store};

fn d(s: &str) -> Day {
    Day::parse(s).unwrap()
}

fn cal() -> &'static Calendar {
    Calendar::official().unwrap()
}

fn ev(date: &str, kind: EventKind) -> Event {
    Event {
        date: d(date),
        kind,
    }
}

/// The worked example (hand-checked in gongkai-desk's tests/deadlines.rs): posted
/// 2026-02-10, signed for 02-11 → due 2026-03-17; third party 03-02…03-09 → due 2026-03-25.
fn received() -> Event {
    ev(
        "2026-02-10",
        EventKind::Received {
            channel: Channel::Post {
                signed_for: d("2026-02-11"),
            },
            applicant: Applicant {
                name: "张三".into(),
                kind: ApplicantType::NaturalPerson,
            },
            request: "2025年某项目环评批复".into(),
        },
    )
}

fn exercise(store: &mut Store, name: &str) {
    let added = store.add_case(received(), "王五").unwrap();
    assert_eq!(added.code, "YSQ2026-0001", "{name}");
    let due = |c: &Case, today: &str| c.reply_deadline(d(today), cal()).unwrap().unwrap().due;
    assert_eq!(due(&added.case, "2026-02-11"), d("2026-03-17"), "{name}");

    let started = ev(
        "2026-03-02",
        EventKind::ConsultationStarted {
            kind: ConsultationKind::ThirdParty,
        },
    );
    let answered = ev(
        "2026-03-09",
        EventKind::ConsultationAnswered {
            kind: ConsultationKind::ThirdParty,
        },
    );
    store
        .append_event(&added.code, started.clone(), "赵六", cal())
        .unwrap();
    let after = store
        .append_event(&added.code, answered.clone(), "赵六", cal())
        .unwrap();
    assert_eq!(due(&after.case, "2026-03-09"), d("2026-03-25"), "{name}");

    // A refused event: out of date order. The stored history is unchanged.
    let before = store.load_case(&added.code, cal()).unwrap();
    let err = store
        .append_event(
            &added.code,
            ev("2026-03-01", EventKind::Withdrawn),
            "赵六",
            cal(),
        )
        .unwrap_err();
    match &err {
        DeskError::Refused(r) => assert_eq!(r.rule, "DESK-DATE-ORDER", "{name}"),
        other => panic!("{name}: expected a refusal, got {other}"),
    }
    assert!(err.to_string().starts_with("事件未记录"), "{err}");
    assert_eq!(
        store.load_case(&added.code, cal()).unwrap(),
        before,
        "{name}"
    );

    // Unknown code.
    assert!(matches!(
        store.load_case("YSQ2026-9999", cal()),
        Err(DeskError::NotFound(_))
    ));

    // Close it, open a second; the round trip equals the replayed domain case.
    let reply = ev(
        "2026-03-20",
        EventKind::Replied {
            reply: ReplyType::Granted,
        },
    );
    store
        .append_event(&added.code, reply.clone(), "王五", cal())
        .unwrap();
    let second = store.add_case(received(), "王五").unwrap();
    assert_eq!(second.code, "YSQ2026-0002", "{name}");

    let loaded = store.load_case(&added.code, cal()).unwrap();
    let expected = Case::replay([received(), started, answered, reply], cal()).unwrap();
    assert_eq!(loaded.case, expected, "{name}");
    let who: Vec<&str> = loaded
        .records
        .iter()
        .map(|r| r.recorded_by.as_str())
        .collect();
    assert_eq!(who, ["王五", "赵六", "赵六", "王五"], "{name}");
    assert!(loaded.records.iter().all(|r| r.recorded_at.len() >= 19));

    let all = store.list_cases(cal()).unwrap();
    assert_eq!(all.len(), 2, "{name}");
    assert_eq!(all[0], loaded, "{name}");
    assert_eq!(all[1].case.events().len(), 1, "{name}");

    // A case must start with the application.
    assert!(matches!(
        store.add_case(ev("2026-03-01", EventKind::Withdrawn), "王五"),
        Err(DeskError::Refused(_))
    ));
    assert_eq!(store.list_cases(cal()).unwrap().len(), 2, "{name}");
}

#[test]
fn cases_round_trip_and_refusals_leave_no_trace() {
    for mut t in common::stores() {
        let name = t.name;
        exercise(&mut t.store, name);
    }
}

/// The audit trail cannot be edited even around the API: the schema's triggers refuse it.
#[test]
fn case_events_refuse_update_and_delete_in_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.db");
    let mut store = Store::open_sqlite(&path).unwrap();
    store.add_case(received(), "王五").unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    for sql in [
        "UPDATE case_events SET recorded_by = 'x'",
        "DELETE FROM case_events",
        "UPDATE cases SET code = 'x'",
        "DELETE FROM cases",
    ] {
        let err = conn.execute(sql, []).unwrap_err().to_string();
        assert!(err.contains("append-only"), "{sql}: {err}");
    }
}

#[test]
fn case_events_refuse_update_and_delete_in_postgres() {
    let Some(url) = common::pg_url() else {
        return;
    };
    let schema = common::fresh_schema();
    let mut store = Store::open_postgres_in_schema(&url, &schema).unwrap();
    store.add_case(received(), "王五").unwrap();
    drop(store);
    let mut c = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    c.batch_execute(&format!("SET search_path TO {schema}"))
        .unwrap();
    for sql in [
        "UPDATE case_events SET recorded_by = 'x'",
        "DELETE FROM case_events",
        "TRUNCATE case_events",
        "UPDATE cases SET code = 'x'",
    ] {
        let err = c.batch_execute(sql).unwrap_err();
        let text = format!("{err:?}");
        assert!(text.contains("append-only"), "{sql}: {text}");
    }
    let _ = c.batch_execute(&format!("DROP SCHEMA {schema} CASCADE"));
}

/// A stored history is replayed through the rules on load: a row edited or inserted around the
/// API is reported with the case and event, not trusted.
#[test]
fn a_history_inserted_around_the_api_is_reported_on_load() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.db");
    let mut store = Store::open_sqlite(&path).unwrap();
    let added = store.add_case(received(), "王五").unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute(
        "INSERT INTO case_events VALUES (?1, 1, 'withdrawn', \
         '{\"date\":\"2026-01-01\",\"kind\":{\"event\":\"withdrawn\"}}', 'x', 'now')",
        [added.id],
    )
    .unwrap();
    drop(conn);
    let mut store = Store::open_sqlite(&path).unwrap();
    let err = store.load_case(&added.code, cal()).unwrap_err().to_string();
    assert!(
        err.contains("YSQ2026-0001") && err.contains("第1个事件"),
        "{err}"
    );
    assert!(store.list_cases(cal()).is_err());
}

/// Clerks adding cases at the same time get distinct codes and none fails.
#[test]
fn concurrent_adds_get_distinct_codes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.db");
    let pg = common::pg_url().map(|url| (url, common::fresh_schema()));
    let open = |pg: &Option<(String, String)>| match pg {
        Some((url, schema)) => Store::open_postgres_in_schema(url, schema).unwrap(),
        None => Store::open_sqlite(&path).unwrap(),
    };
    // SQLite always; PostgreSQL only when reachable (not SQLite twice).
    for target in std::iter::once(None).chain(pg.clone().map(Some)) {
        drop(open(&target)); // migrate once, before the writers start
        let mut codes: Vec<String> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..4)
                .map(|_| {
                    let target = target.clone();
                    let open = &open;
                    scope.spawn(move || {
                        let mut store = open(&target);
                        (0..5)
                            .map(|_| store.add_case(received(), "王五").unwrap().code)
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap())
                .collect()
        });
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), 20, "{codes:?}");
        assert_eq!(open(&target).list_cases(cal()).unwrap().len(), 20);
    }
    if let Some((url, schema)) = pg {
        if let Ok(mut c) = postgres::Client::connect(&url, postgres::NoTls) {
            let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
        }
    }
}

/// Clerks appending to one case at the same time take turns: every event is stored, in one
/// gap-free sequence, and the rules see each earlier one (the extensions add up).
#[test]
fn concurrent_appends_to_one_case_queue_up() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.db");
    let pg = common::pg_url().map(|url| (url, common::fresh_schema()));
    let open = |pg: &Option<(String, String)>| match pg {
        Some((url, schema)) => Store::open_postgres_in_schema(url, schema).unwrap(),
        None => Store::open_sqlite(&path).unwrap(),
    };
    let extension = ev(
        "2026-03-02",
        EventKind::ExtensionApproved {
            approved_by: "处长".into(),
            days: 1,
            applicant_told: d("2026-03-02"),
        },
    );
    // SQLite always; PostgreSQL only when reachable (not SQLite twice).
    for target in std::iter::once(None).chain(pg.clone().map(Some)) {
        let code = open(&target).add_case(received(), "王五").unwrap().code;
        std::thread::scope(|scope| {
            for _ in 0..4 {
                let (target, code, extension, open) = (target.clone(), &code, &extension, &open);
                scope.spawn(move || {
                    let mut store = open(&target);
                    for _ in 0..2 {
                        store
                            .append_event(code, extension.clone(), "赵六", cal())
                            .unwrap();
                    }
                });
            }
        });
        let loaded = open(&target).load_case(&code, cal()).unwrap();
        assert_eq!(loaded.records.len(), 9);
        // 20 + 8 working days from 2026-02-11: 03-17 plus 8 working days → 03-27.
        let due = loaded
            .case
            .reply_deadline(d("2026-03-02"), cal())
            .unwrap()
            .unwrap()
            .due;
        assert_eq!(due, d("2026-03-27"));
    }
    if let Some((url, schema)) = pg {
        if let Ok(mut c) = postgres::Client::connect(&url, postgres::NoTls) {
            let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
        }
    }
}
