//! Stores to test against: SQLite always, PostgreSQL when `GONGKAI_TEST_PG` names a reachable
//! server (each test in a fresh schema, dropped afterwards).
#![allow(dead_code, clippy::unwrap_used)]

use std::sync::atomic::{AtomicU64, Ordering};

use gongkai_store::Store;

/// A store and what keeps it alive (the SQLite file's directory, the PostgreSQL schema).
pub struct TestStore {
    pub name: &'static str,
    pub store: Store,
    _dir: Option<tempfile::TempDir>,
    schema: Option<(String, String)>,
}

impl Drop for TestStore {
    fn drop(&mut self) {
        if let Some((url, schema)) = &self.schema {
            if let Ok(mut c) = postgres::Client::connect(url, postgres::NoTls) {
                let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
            }
        }
    }
}

pub fn sqlite() -> TestStore {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_sqlite(&dir.path().join("test.db")).unwrap();
    TestStore {
        name: "sqlite",
        store,
        _dir: Some(dir),
        schema: None,
    }
}

/// A fresh schema name: unique per process and call.
pub fn fresh_schema() -> String {
    static N: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!(
        "t_{}_{}_{}",
        std::process::id(),
        nanos,
        N.fetch_add(1, Ordering::Relaxed)
    )
}

/// The PostgreSQL URL for tests, or `None` (with a message saying why) when there is none.
pub fn pg_url() -> Option<String> {
    let Ok(url) = std::env::var("GONGKAI_TEST_PG") else {
        eprintln!("skipping PostgreSQL: GONGKAI_TEST_PG is not set (e.g. postgres://postgres@127.0.0.1:5432/test)");
        return None;
    };
    match postgres::Client::connect(&url, postgres::NoTls) {
        Ok(_) => Some(url),
        Err(e) => {
            eprintln!("skipping PostgreSQL: cannot connect to GONGKAI_TEST_PG={url}: {e}");
            None
        }
    }
}

pub fn postgres() -> Option<TestStore> {
    let url = pg_url()?;
    let schema = fresh_schema();
    let store = Store::open_postgres_in_schema(&url, &schema).unwrap();
    Some(TestStore {
        name: "postgres",
        store,
        _dir: None,
        schema: Some((url, schema)),
    })
}

/// SQLite, then PostgreSQL when reachable.
pub fn stores() -> Vec<TestStore> {
    let mut v = vec![sqlite()];
    v.extend(postgres());
    v
}

pub fn seeds() -> Vec<(String, Vec<u8>)> {
    let dir = format!("{}/../../tests/fixtures/seeds", env!("CARGO_MANIFEST_DIR"));
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (p.display().to_string(), std::fs::read(&p).unwrap())
        })
        .collect();
    out.sort();
    assert!(out.len() >= 5, "seeds found in {dir}");
    out
}
