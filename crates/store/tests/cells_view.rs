//! Migration 0005 (`cell_data` + `cell_keys`, the view `cells`): cells stored by version 4 come
//! through the migration unchanged, and the view shows new cells with the same texts as the
//! model spells them (display and exact sources, state names).
#![allow(clippy::unwrap_used)]

mod common;

use gongkai_model::{Cell, CellState, FormatId, Inference, Report, Source};
use gongkai_store::codec::encode_source;
use gongkai_store::{NewReport, Store, Stored, Value};

/// Cells as version 4 stored them: report 1's, with every kind of source and state.
/// (ord, table, row, column, value, state, text, source, at, inferred rule, along, evidence)
type OldCell = (
    i64,
    &'static str,
    &'static str,
    &'static str,
    Option<f64>,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
);

const OLD_CELLS: &[OldCell] = &[
    (
        0,
        "requests",
        "received",
        "total",
        Some(42.0),
        "number",
        "42",
        "L36:45",
        Some("T36,45,2,0"),
        None,
        None,
        None,
    ),
    (
        1,
        "requests",
        "carried_in",
        "total",
        None,
        "blank",
        "",
        "L148",
        Some("T148,1,0,1"),
        None,
        None,
        None,
    ),
    (
        2,
        "proactive",
        "fees",
        "amount",
        Some(14.4),
        "number",
        "14.4万元",
        "p2.t1.r5.c3",
        Some("G2,1,5,3"),
        None,
        None,
        None,
    ),
    (
        3, "legacy", "extra.1", "year", None, "missing", "", "", None, None, None, None,
    ),
    (
        4,
        "requests",
        "granted",
        "total",
        Some(5.0),
        "inferred",
        "",
        "p4:L29:1",
        Some("P4,29,140,1,2"),
        Some("T3-RESULTS-TOTAL"),
        Some("natural_person"),
        Some("5 = 7 - 2"),
    ),
    (
        5,
        "requests",
        "other",
        "total",
        None,
        "not_applicable",
        "/",
        "b12",
        Some("B0,12"),
        None,
        None,
        None,
    ),
    (
        6,
        "requests",
        "granted",
        "natural_person",
        Some(3.0),
        "number",
        "3",
        "t1.r11.c3",
        Some("G0,1,11,3"),
        None,
        None,
        None,
    ),
    (
        7,
        "requests",
        "received",
        "natural_person",
        Some(1.0),
        "number",
        "1",
        "p3.b7",
        Some("B3,7"),
        None,
        None,
        None,
    ),
];

const REPORT_V4: &str =
    "INSERT INTO reports (id, content_hash, source_name, format, ingested_at, parts)
     VALUES (1, 'h', 'old.txt', '2021', '2024-01-01T00:00:00Z', '{}')";

fn migrations(dialect: &str) -> Vec<(i64, String)> {
    let dir = format!("{}/migrations/{dialect}", env!("CARGO_MANIFEST_DIR"));
    ["0001_init", "0002_desk", "0003_web", "0004_statements"]
        .iter()
        .enumerate()
        .map(|(i, name)| {
            (
                i as i64 + 1,
                std::fs::read_to_string(format!("{dir}/{name}.sql")).unwrap(),
            )
        })
        .collect()
}

/// What the view must show for [`OLD_CELLS`], in order, as text.
fn expected() -> Vec<String> {
    OLD_CELLS
        .iter()
        .map(|c| {
            format!(
                "{}|{}|{}|{}|{:?}|{}|{}|{}|{:?}|{:?}|{:?}|{:?}",
                c.0, c.1, c.2, c.3, c.4, c.5, c.6, c.7, c.8, c.9, c.10, c.11
            )
        })
        .collect()
}

const VIEW_QUERY: &str = "SELECT ord, \"table\", \"row\", \"column\", value, state, text, source, at,
        inferred_rule, inferred_along, inferred_evidence FROM cells WHERE report_id = 1 ORDER BY ord";

#[test]
fn version_4_cells_come_through_the_migration_unchanged_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v4.db");
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(
            "CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL,
                                             applied_at TEXT NOT NULL)",
        )
        .unwrap();
        for (v, sql) in migrations("sqlite") {
            c.execute_batch(&sql).unwrap();
            c.execute(
                "INSERT INTO schema_migrations VALUES (?1, 'old', '2024-01-01T00:00:00Z')",
                [v],
            )
            .unwrap();
        }
        c.execute_batch(REPORT_V4).unwrap();
        for x in OLD_CELLS {
            c.execute(
                "INSERT INTO cells VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                rusqlite::params![x.0, x.1, x.2, x.3, x.4, x.5, x.6, x.7, x.8, x.9, x.10, x.11],
            )
            .unwrap();
        }
    }
    let mut store = Store::open_sqlite(&path).unwrap();
    assert_eq!(store.counts().unwrap().cells, OLD_CELLS.len() as i64);
    let loaded = store.load_report(1).unwrap().unwrap();
    assert_eq!(loaded.report.cells.len(), OLD_CELLS.len());
    drop(store);

    let c = rusqlite::Connection::open(&path).unwrap();
    let mut stmt = c.prepare(VIEW_QUERY).unwrap();
    let got: Vec<String> = stmt
        .query_map([], |r| {
            Ok(format!(
                "{}|{}|{}|{}|{:?}|{}|{}|{}|{:?}|{:?}|{:?}|{:?}",
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<f64>>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, Option<String>>(8)?.as_deref(),
                r.get::<_, Option<String>>(9)?.as_deref(),
                r.get::<_, Option<String>>(10)?.as_deref(),
                r.get::<_, Option<String>>(11)?.as_deref(),
            ))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(got, expected());
}

#[test]
fn version_4_cells_come_through_the_migration_unchanged_postgres() {
    let Some(url) = common::pg_url() else { return };
    let schema = common::fresh_schema();
    let mut c = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    c.batch_execute(&format!(
        "CREATE SCHEMA {schema}; SET search_path TO {schema};
         CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL,
                                         applied_at TEXT NOT NULL)"
    ))
    .unwrap();
    for (v, sql) in migrations("postgres") {
        c.batch_execute(&sql).unwrap();
        c.execute(
            "INSERT INTO schema_migrations VALUES ($1, 'old', '2024-01-01T00:00:00Z')",
            &[&v],
        )
        .unwrap();
    }
    c.batch_execute(REPORT_V4).unwrap();
    for x in OLD_CELLS {
        c.execute(
            "INSERT INTO cells VALUES (1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
            &[
                &x.0, &x.1, &x.2, &x.3, &x.4, &x.5, &x.6, &x.7, &x.8, &x.9, &x.10, &x.11,
            ],
        )
        .unwrap();
    }
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut store = Store::open_postgres_in_schema(&url, &schema).unwrap();
        assert_eq!(store.counts().unwrap().cells, OLD_CELLS.len() as i64);
        let loaded = store.load_report(1).unwrap().unwrap();
        assert_eq!(loaded.report.cells.len(), OLD_CELLS.len());
        let got: Vec<String> = c
            .query(VIEW_QUERY, &[])
            .unwrap()
            .iter()
            .map(|r| {
                format!(
                    "{}|{}|{}|{}|{:?}|{}|{}|{}|{:?}|{:?}|{:?}|{:?}",
                    r.get::<_, i64>(0),
                    r.get::<_, String>(1),
                    r.get::<_, String>(2),
                    r.get::<_, String>(3),
                    r.get::<_, Option<f64>>(4),
                    r.get::<_, String>(5),
                    r.get::<_, String>(6),
                    r.get::<_, String>(7),
                    r.get::<_, Option<String>>(8).as_deref(),
                    r.get::<_, Option<String>>(9).as_deref(),
                    r.get::<_, Option<String>>(10).as_deref(),
                    r.get::<_, Option<String>>(11).as_deref(),
                )
            })
            .collect();
        assert_eq!(got, expected());
    }));
    let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}

/// The view spells new cells' sources and states exactly as the model does (what exports and
/// any SQL over `cells` read).
#[test]
fn the_view_spells_sources_and_states_as_the_model_does() {
    let mut r = Report::empty(FormatId::F2021);
    let sources = [
        Source::None,
        Source::line(148),
        Source::Text {
            line: 36,
            column: 45,
            len: 2,
            alone: false,
        },
        Source::Grid {
            page: 0,
            table: 1,
            row: 11,
            cell: 3,
        },
        Source::Grid {
            page: 2,
            table: 1,
            row: 5,
            cell: 3,
        },
        Source::Paged {
            page: 4,
            page_line: 29,
            page_column: 7,
            line: 140,
            column: 1,
            len: 2,
        },
        Source::Block { page: 0, index: 12 },
        Source::Block { page: 3, index: 7 },
    ];
    let states = CellState::ALL;
    for (i, c) in r.cells.iter_mut().enumerate() {
        c.source = sources[i % sources.len()];
        c.state = states[i % states.len()];
        if c.state == CellState::Inferred {
            c.inferred_by = Some(Box::new(Inference {
                rule: "T3-BALANCE",
                along: "total",
                evidence: "1 + 1 = 2".into(),
            }));
        }
    }
    r.cells.push(Cell {
        table: "legacy",
        row: "extra.9",
        column: "year",
        value: Some(1.0),
        state: CellState::Number,
        text: "1".into(),
        source: Source::line(3),
        inferred_by: None,
    });
    let r = Report::with_cells(FormatId::F2021, r.cells);
    for mut t in common::stores() {
        let Stored::Inserted(_) = t
            .store
            .store_report(&NewReport {
                content_hash: "v",
                source_name: "view.txt",
                report: &r,
                findings: &[],
            })
            .unwrap()
        else {
            panic!()
        };
        let mut got = Vec::new();
        t.store
            .for_each_cell(&mut |row| {
                let s = |i: usize| row.get(i).and_then(Value::as_str).unwrap_or("").to_string();
                got.push(format!("{}.{}.{} {} {}", s(6), s(7), s(8), s(10), s(12)));
                Ok(())
            })
            .unwrap();
        let want: Vec<String> = r
            .cells
            .iter()
            .map(|c| format!("{} {} {}", c.key(), c.state, c.source))
            .collect();
        assert_eq!(got, want, "{}", t.name);
        // And the exact form, through a full load.
        let id = t.store.report_ids().unwrap()[0];
        let back = t.store.load_report(id).unwrap().unwrap().report;
        let exact: Vec<Option<String>> = back
            .cells
            .iter()
            .map(|c| encode_source(&c.source))
            .collect();
        let want: Vec<Option<String>> = r.cells.iter().map(|c| encode_source(&c.source)).collect();
        assert_eq!(exact, want, "{}", t.name);
    }
}
