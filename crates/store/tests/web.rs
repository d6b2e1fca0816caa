//! The web application's tables (migration 0003) on SQLite and, when `GONGKAI_TEST_PG` is
//! reachable, on PostgreSQL: accounts, sessions, the append-only audit trail, verdicts on
//! findings, public applications and their check codes, report source texts.

#![allow(clippy::unwrap_used)]

mod common;

use gongkai_desk::{Applicant, ApplicantType, Calendar, Channel, Day, Event, EventKind};
use gongkai_store::{sha256_hex, NewReport, Role, Stored, Verdict};

fn d(s: &str) -> Day {
    Day::parse(s).unwrap()
}

fn online(name: &str) -> Event {
    Event {
        date: d("2026-02-10"),
        kind: EventKind::Received {
            channel: Channel::Online {
                confirmed: d("2026-02-10"),
            },
            applicant: Applicant {
                name: name.into(),
                kind: ApplicantType::NaturalPerson,
            },
            request: "某文件".into(),
        },
    }
}

#[test]
fn web_tables_on_every_engine() {
    let cal = Calendar::official().unwrap();
    for mut t in common::stores() {
        let s = &mut t.store;
        let name = t.name;
        // Accounts: created, found, a taken name refused, disabled.
        let u = s
            .create_user("rev", "审核员", Role::Reviewer, "$argon2id$x", "admin")
            .unwrap();
        assert!(
            s.create_user("rev", "又一个", Role::Clerk, "h", "admin")
                .is_err(),
            "{name}"
        );
        assert_eq!(s.user_by_name("rev").unwrap().unwrap().role, Role::Reviewer);
        // Sessions: live until expired or the account is disabled.
        s.create_session(&sha256_hex("tok"), &u, "csrf1", "2999-01-01T00:00:00Z")
            .unwrap();
        s.create_session(&sha256_hex("old"), &u, "csrf2", "2000-01-01T00:00:00Z")
            .unwrap();
        assert_eq!(
            s.session(&sha256_hex("tok")).unwrap().unwrap().csrf,
            "csrf1",
            "{name}"
        );
        assert!(
            s.session(&sha256_hex("old")).unwrap().is_none(),
            "{name}: expired"
        );
        s.set_user_disabled("rev", true, "admin").unwrap();
        assert!(
            s.session(&sha256_hex("tok")).unwrap().is_none(),
            "{name}: disabled"
        );
        s.set_user_disabled("rev", false, "admin").unwrap();

        // A report with a finding, its source text and a verdict.
        let (_, bytes) = common::seeds().into_iter().next().unwrap();
        let read = gongkai_read::read_bytes(&bytes).unwrap();
        let findings = gongkai_check::check(&read.report);
        let hash = gongkai_store::content_hash(&bytes);
        let Stored::Inserted(id) = s
            .store_report(&NewReport {
                content_hash: &hash,
                source_name: "seed",
                report: &read.report,
                findings: &findings,
            })
            .unwrap()
        else {
            panic!("{name}: stored")
        };
        s.save_report_source(id, read.document.text(), "rev")
            .unwrap();
        assert_eq!(
            s.report_source(id).unwrap().as_deref(),
            Some(read.document.text())
        );
        let key = gongkai_store::finding_key(&findings[0]);
        s.add_review(id, &key, Verdict::Dismissed, "原文如此", "rev")
            .unwrap();
        s.add_review(id, &key, Verdict::Confirmed, "已核实", "rev")
            .unwrap();
        let reviews = s.reviews_of(id).unwrap();
        assert_eq!(reviews.len(), 2, "{name}");
        assert_eq!(reviews[1].verdict, Verdict::Confirmed);

        // Applications: the check code's hash opens the lookup, nothing else does.
        let a = s
            .file_application(
                online("张三"),
                &sha256_hex("CODE1234"),
                &serde_json::json!({"phone": "138"}),
            )
            .unwrap();
        let b = s
            .file_application(
                online("李四"),
                &sha256_hex("CODE5678"),
                &serde_json::json!({}),
            )
            .unwrap();
        assert_ne!(a.code, b.code);
        let found = s
            .lookup_application(&a.code, &sha256_hex("CODE1234"), cal)
            .unwrap();
        assert_eq!(found.unwrap().code, a.code, "{name}");
        assert!(s
            .lookup_application(&a.code, &sha256_hex("CODE5678"), cal)
            .unwrap()
            .is_none());
        assert!(s
            .lookup_application("YSQ2026-9999", &sha256_hex("CODE1234"), cal)
            .unwrap()
            .is_none());
        assert_eq!(
            s.application_contact(a.id).unwrap().unwrap()["phone"],
            "138"
        );

        // The audit trail has every change, newest first, and cannot be edited.
        let all = s.audit_log(None, 100).unwrap();
        let actions: Vec<&str> = all.iter().map(|e| e.action.as_str()).collect();
        for want in [
            "user.create",
            "login",
            "user.disable",
            "user.enable",
            "report.save",
            "finding.review",
            "case.open",
        ] {
            assert!(actions.contains(&want), "{name}: {want} in {actions:?}");
        }
        assert_eq!(
            s.audit_log(Some(&format!("case:{}", a.code)), 10)
                .unwrap()
                .len(),
            1
        );
        // LIKE's wildcards in a target prefix are taken literally.
        assert!(s.audit_log(Some("%"), 10).unwrap().is_empty(), "{name}");
    }
}

#[test]
fn the_audit_trail_refuses_update_and_delete_in_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.db");
    let mut s = gongkai_store::Store::open_sqlite(&path).unwrap();
    s.create_user("a", "a", Role::Admin, "h", "cli").unwrap();
    drop(s);
    let conn = rusqlite::Connection::open(&path).unwrap();
    for sql in ["UPDATE audit SET actor = 'x'", "DELETE FROM audit"] {
        let err = conn.execute(sql, []).unwrap_err().to_string();
        assert!(err.contains("append-only"), "{sql}: {err}");
    }
}

#[test]
fn the_audit_trail_refuses_update_and_delete_in_postgres() {
    let Some(url) = common::pg_url() else {
        return;
    };
    let schema = common::fresh_schema();
    let mut s = gongkai_store::Store::open_postgres_in_schema(&url, &schema).unwrap();
    s.create_user("a", "a", Role::Admin, "h", "cli").unwrap();
    drop(s);
    let mut c = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    c.batch_execute(&format!("SET search_path TO {schema}"))
        .unwrap();
    for sql in [
        "UPDATE audit SET actor = 'x'",
        "DELETE FROM audit",
        "TRUNCATE audit",
    ] {
        let err = c.batch_execute(sql).unwrap_err();
        let text = format!("{err:?}");
        assert!(text.contains("append-only"), "{sql}: {text}");
    }
    let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
}
