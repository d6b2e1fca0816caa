//! `gongkai desk` end to end: add → event → due → show → stats, on an SQLite file and, when
//! `GONGKAI_TEST_PG` names a reachable server, on PostgreSQL in a fresh schema.
//!
//! The dates are the worked example, counted by hand in gongkai-desk's
//! tests/deadlines.rs: posted 2026-02-10, signed for 02-11 → due 2026-03-17; a third party
//! consulted 03-02 and answering 03-09 moves it to 2026-03-25.

#![allow(clippy::unwrap_used)]

use std::process::{Command, Output};

fn desk(db: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongkai"))
        .arg("desk")
        .args(args)
        .arg("--db")
        .arg(db)
        .env_remove("GONGKAI_DB")
        .output()
        .unwrap()
}

fn ok(o: Output) -> String {
    assert!(
        o.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        o.status,
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn add_event_due_show_stats_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    scenario(dir.path().join("desk.db").to_str().unwrap());
}

#[test]
fn add_event_due_show_stats_postgres() {
    let Ok(url) = std::env::var("GONGKAI_TEST_PG") else {
        eprintln!("skipping PostgreSQL: GONGKAI_TEST_PG is not set");
        return;
    };
    let Ok(mut client) = postgres::Client::connect(&url, postgres::NoTls) else {
        eprintln!("skipping PostgreSQL: cannot connect to GONGKAI_TEST_PG={url}");
        return;
    };
    let schema = format!("t_cli_desk_{}", std::process::id());
    client
        .batch_execute(&format!("CREATE SCHEMA {schema}"))
        .unwrap();
    // The connection's search_path picks the schema (libpq's `options`, percent-encoded).
    let sep = if url.contains('?') { '&' } else { '?' };
    let db = format!("{url}{sep}options=-c%20search_path%3D{schema}");
    let result = std::panic::catch_unwind(|| scenario(&db));
    let _ = client.batch_execute(&format!("DROP SCHEMA {schema} CASCADE"));
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}

fn scenario(db: &str) {
    let out = ok(desk(
        db,
        &[
            "add",
            "--received",
            "2026-02-10",
            "--channel",
            "post",
            "--signed-for",
            "2026-02-11",
            "--applicant",
            "natural_person",
            "--name",
            "张三",
            "--asks",
            "2025年某项目环评批复",
            "--by",
            "王五",
        ],
    ));
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("YSQ2026-0001"));
    assert_eq!(lines.next(), Some("答复期限：2026-03-17"));
    assert!(out.contains("2026-02-15至02-23春节放假"), "{out}");

    for (kind, date) in [
        ("consultation_started", "2026-03-02"),
        ("consultation_answered", "2026-03-09"),
    ] {
        ok(desk(
            db,
            &[
                "event",
                "YSQ2026-0001",
                kind,
                "--date",
                date,
                "--with",
                "third_party",
                "--by",
                "赵六",
            ],
        ));
    }

    // A refused event: exit 2, the rule and the reason on stderr, nothing stored.
    let refused = desk(
        db,
        &["event", "YSQ2026-0001", "withdrawn", "--date", "2026-03-01"],
    );
    assert_eq!(refused.status.code(), Some(2));
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(
        err.contains("DESK-DATE-ORDER") && err.contains("事件未记录"),
        "{err}"
    );

    // A second case, in English, handed in on Mon 2026-11-02 → 20 working days → Mon 11-30.
    let out = ok(desk(
        db,
        &[
            "add",
            "--received",
            "2026-11-02",
            "--channel",
            "in_person",
            "--applicant",
            "business",
            "--name",
            "某公司",
            "--asks",
            "某文件",
            "--lang",
            "en",
        ],
    ));
    assert!(
        out.starts_with("YSQ2026-0002\nreply due: 2026-11-30\n"),
        "{out}"
    );

    // On 03-30 the first case is 3 working days overdue (03-26, 03-27, 03-30) and listed first.
    let out = ok(desk(db, &["due", "--today", "2026-03-30"]));
    let rows: Vec<&str> = out.lines().skip(1).collect();
    assert_eq!(
        rows,
        [
            "YSQ2026-0001\t2026-03-25\t-3\t已逾期",
            "YSQ2026-0002\t2026-11-30\t167\t办理中"
        ],
        "{out}"
    );

    let out = ok(desk(db, &["show", "YSQ2026-0001", "--today", "2026-03-10"]));
    assert!(
        out.contains("#1 2026-03-02 征求意见：征求第三方意见（记录人 赵六"),
        "{out}"
    );
    assert!(
        out.contains("收到申请") && out.contains("记录人 王五"),
        "{out}"
    );
    assert!(
        !out.contains("撤回"),
        "the refused withdrawal was stored: {out}"
    );
    assert!(
        out.contains("2026-03-02至03-09征求第三方意见，不计入期限 → 2026-03-25 届满"),
        "{out}"
    );

    ok(desk(
        db,
        &[
            "event",
            "YSQ2026-0001",
            "replied",
            "--reply",
            "granted",
            "--date",
            "2026-03-20",
        ],
    ));
    let out = ok(desk(db, &["stats", "--year", "2026"]));
    assert!(
        out.contains("一、本年新收政府信息公开申请数量\t1\t1\t0\t0\t0\t0\t2"),
        "{out}"
    );
    assert!(out.contains("（一）予以公开\t1\t0\t0\t0\t0\t0\t1"), "{out}");
    assert!(
        out.contains("四、结转下年度继续办理\t0\t1\t0\t0\t0\t0\t1"),
        "{out}"
    );
    assert!(out.contains("表三检查：无错误"), "{out}");

    let out = ok(desk(db, &["stats", "--year", "2026", "--lang", "en"]));
    assert!(out.contains("Table 3 check: no errors"), "{out}");
}

#[test]
fn a_date_for_another_channel_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.db");
    let o = desk(
        db.to_str().unwrap(),
        &[
            "add",
            "--received",
            "2026-02-10",
            "--channel",
            "in_person",
            "--signed-for",
            "2026-02-11",
            "--applicant",
            "business",
            "--name",
            "某公司",
            "--asks",
            "某文件",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("--signed-for 不适用于渠道 in_person"), "{err}");
}

/// Two cases (one closed), exported as CSV and XLSX, imported into another database: the same
/// histories, the same 表三; `due` and `show` as JSON; a draft report from the year's cases.
#[test]
fn export_import_json_and_draft() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.db");
    let b = dir.path().join("b.db");
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    ok(desk(
        a,
        &[
            "add",
            "--received",
            "2026-02-10",
            "--channel",
            "post",
            "--signed-for",
            "2026-02-11",
            "--applicant",
            "natural_person",
            "--name",
            "张三",
            "--asks",
            "环评批复, \"2025\"",
            "--by",
            "李四",
        ],
    ));
    ok(desk(
        a,
        &[
            "add",
            "--received",
            "2026-03-02",
            "--channel",
            "in_person",
            "--applicant",
            "business",
            "--name",
            "某公司",
            "--asks",
            "规划许可",
        ],
    ));
    ok(desk(
        a,
        &[
            "event",
            "YSQ2026-0001",
            "replied",
            "--date",
            "2026-03-10",
            "--reply",
            "granted",
            "--by",
            "王五",
        ],
    ));

    // due as JSON: only the open case, with its due date and working days left (2026-03-20 is
    // a Friday; 03-23…03-27 and 03-30 are six working days).
    let due: serde_json::Value = serde_json::from_str(&ok(desk(
        a,
        &["due", "--today", "2026-03-20", "--format", "json"],
    )))
    .unwrap();
    let cases = due["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0]["code"], "YSQ2026-0002");
    assert_eq!(cases[0]["due"], "2026-03-30");
    assert_eq!(cases[0]["working_days_left"], 6);
    assert_eq!(cases[0]["status"], "in_progress");
    // show as JSON: the events with who recorded them; closed cases have no deadline.
    let show: serde_json::Value = serde_json::from_str(&ok(desk(
        a,
        &[
            "show",
            "YSQ2026-0001",
            "--today",
            "2026-03-20",
            "--format",
            "json",
        ],
    )))
    .unwrap();
    assert_eq!(show["events"][0]["recorded_by"], "李四");
    assert_eq!(show["events"][1]["event"]["kind"]["reply"], "granted");
    assert_eq!(show["closed"]["on"], "2026-03-10");
    assert!(show["deadline"].is_null());

    // CSV export → import elsewhere → the same histories.
    let csv_path = dir.path().join("cases.csv");
    ok(desk(a, &["export", "-o", csv_path.to_str().unwrap()]));
    let csv = std::fs::read_to_string(&csv_path).unwrap();
    assert!(csv.starts_with('\u{feff}'), "BOM for Excel");
    assert_eq!(csv.lines().count(), 4, "a header and one row per event");
    let out = ok(desk(b, &["import", csv_path.to_str().unwrap()]));
    assert!(out.contains("导入 2 个案件，未导入 0 个"), "{out}");
    let show_b: serde_json::Value = serde_json::from_str(&ok(desk(
        b,
        &[
            "show",
            "YSQ2026-0001",
            "--today",
            "2026-03-20",
            "--format",
            "json",
        ],
    )))
    .unwrap();
    // The same events, recorded by the same people; recorded_at is when the import wrote them.
    let without_time = |v: &serde_json::Value| {
        let mut events = v["events"].as_array().unwrap().clone();
        for e in &mut events {
            e.as_object_mut().unwrap().remove("recorded_at");
        }
        events
    };
    assert_eq!(without_time(&show_b), without_time(&show));
    let stats = |db: &str| ok(desk(db, &["stats", "--year", "2026"]));
    assert_eq!(stats(a), stats(b));

    // A history the rules refuse is not imported at all (a reply before the application).
    let bad = csv.replace(
        "\"\"date\"\":\"\"2026-03-10\"\"",
        "\"\"date\"\":\"\"2026-01-10\"\"",
    );
    assert_ne!(bad, csv);
    let bad_path = dir.path().join("bad.csv");
    std::fs::write(&bad_path, bad).unwrap();
    let c = dir.path().join("c.db");
    let o = desk(c.to_str().unwrap(), &["import", bad_path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("未导入案件 YSQ2026-0001"), "{text}");
    assert!(
        text.contains("bad.csv:3"),
        "the refused event's line: {text}"
    );
    assert!(text.contains("导入 1 个案件，未导入 1 个"), "{text}");

    // XLSX export: a workbook with the events sheet.
    let xlsx = dir.path().join("cases.xlsx");
    ok(desk(
        a,
        &["export", "--format", "xlsx", "-o", xlsx.to_str().unwrap()],
    ));
    let bytes = std::fs::read(&xlsx).unwrap();
    assert!(bytes.starts_with(b"PK"), "a zip container");
    // … which imports like the CSV: the same histories and 表三.
    let d = dir.path().join("d.db");
    let d = d.to_str().unwrap();
    let out = ok(desk(d, &["import", xlsx.to_str().unwrap()]));
    assert!(out.contains("导入 2 个案件，未导入 0 个"), "{out}");
    let show_d: serde_json::Value = serde_json::from_str(&ok(desk(
        d,
        &[
            "show",
            "YSQ2026-0001",
            "--today",
            "2026-03-20",
            "--format",
            "json",
        ],
    )))
    .unwrap();
    assert_eq!(without_time(&show_d), without_time(&show));
    assert_eq!(stats(a), stats(d));

    // The year's draft: 表三 filled from the cases, the rest blank, and it reads back.
    let draft = dir.path().join("draft.toml");
    ok(desk(
        a,
        &[
            "stats",
            "--year",
            "2026",
            "--draft",
            draft.to_str().unwrap(),
            "--agency",
            "某区政府",
        ],
    ));
    let text = std::fs::read_to_string(&draft).unwrap();
    let d = gongkai_write::draft::read(&text).unwrap();
    let r = &d.report;
    let v = |row: &str, col: &str| {
        r.cells
            .iter()
            .find(|c| c.table == "requests" && c.row == row && c.column == col)
            .and_then(|c| c.value)
    };
    assert_eq!(v("received", "natural_person"), Some(1.0));
    assert_eq!(v("received", "business"), Some(1.0));
    assert_eq!(v("granted", "natural_person"), Some(1.0));
    assert_eq!(v("carried_out", "total"), Some(1.0));
    assert_eq!(r.agency.value.as_deref(), Some("某区政府"));
    assert!(r
        .cells
        .iter()
        .filter(|c| c.table == "review_litigation")
        .all(|c| c.state == gongkai_model::CellState::Blank));
}
