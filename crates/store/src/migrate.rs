//! Versioned migrations, one set per dialect, applied in one transaction at open.
//!
//! Each migration is a file `migrations/<dialect>/NNNN_name.sql`, embedded in the binary. The
//! table `schema_migrations` records what has been applied. A database whose version is newer
//! than this binary knows is refused rather than written to.

use crate::backend::{Backend, Dialect, Value};
use crate::codec::now_utc;
use crate::error::{Result, StoreError};

struct Migration {
    version: i64,
    name: &'static str,
    sqlite: &'static str,
    postgres: &'static str,
}

const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "init",
        sqlite: include_str!("../migrations/sqlite/0001_init.sql"),
        postgres: include_str!("../migrations/postgres/0001_init.sql"),
    },
    Migration {
        version: 2,
        name: "desk",
        sqlite: include_str!("../migrations/sqlite/0002_desk.sql"),
        postgres: include_str!("../migrations/postgres/0002_desk.sql"),
    },
    Migration {
        version: 3,
        name: "web",
        sqlite: include_str!("../migrations/sqlite/0003_web.sql"),
        postgres: include_str!("../migrations/postgres/0003_web.sql"),
    },
    Migration {
        version: 4,
        name: "statements",
        sqlite: include_str!("../migrations/sqlite/0004_statements.sql"),
        postgres: include_str!("../migrations/postgres/0004_statements.sql"),
    },
    Migration {
        version: 5,
        name: "cell_data",
        sqlite: include_str!("../migrations/sqlite/0005_cell_data.sql"),
        postgres: include_str!("../migrations/postgres/0005_cell_data.sql"),
    },
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = 5;

/// Brings the schema up to [`SCHEMA_VERSION`].
pub(crate) fn migrate(db: &mut dyn Backend) -> Result<()> {
    let dialect = db.dialect();
    // A migration that rewrites a table in one INSERT … SELECT (0005 moves every cell) makes
    // SQLite keep a statement journal of every page it writes (any function call in the SELECT
    // obliges it): 1.5 GB for the 20 million cells of 100,000 reports, held in memory. In a
    // temporary file it costs disk, briefly.
    crate::backend::with_temp_in_file(db, |db| migrate_locked(db, dialect))
}

fn migrate_locked(db: &mut dyn Backend, dialect: Dialect) -> Result<()> {
    // Two processes opening a new database at once must not both create the tables: SQLite's
    // IMMEDIATE transaction and PostgreSQL's transaction-scoped advisory lock serialise them.
    match dialect {
        Dialect::Sqlite => db.batch("BEGIN IMMEDIATE")?,
        Dialect::Postgres => {
            db.batch("BEGIN")?;
            db.execute("SELECT pg_advisory_xact_lock(7061726)", &[])?;
        }
    }
    let result = apply(db, dialect);
    match result {
        Ok(()) => db.batch("COMMIT"),
        Err(e) => {
            let _ = db.batch("ROLLBACK");
            Err(e)
        }
    }
}

fn apply(db: &mut dyn Backend, dialect: Dialect) -> Result<()> {
    db.batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
             version    BIGINT PRIMARY KEY,
             name       TEXT NOT NULL,
             applied_at TEXT NOT NULL
         )",
    )?;
    let current = db
        .query("SELECT MAX(version) FROM schema_migrations", &[])?
        .first()
        .and_then(|r| r.first())
        .and_then(|v| v.as_i64())
        .unwrap_or(0);
    if current > SCHEMA_VERSION {
        return Err(StoreError::new(
            format!(
                "数据库结构版本为 {current}，高于本程序支持的 {SCHEMA_VERSION}：它由更新版本的 gongkai 写入。请升级 gongkai"
            ),
            format!(
                "the database schema is version {current}, newer than the {SCHEMA_VERSION} this gongkai knows: upgrade gongkai"
            ),
        ));
    }
    for m in MIGRATIONS.iter().filter(|m| m.version > current) {
        let sql = match dialect {
            Dialect::Sqlite => m.sqlite,
            Dialect::Postgres => m.postgres,
        };
        db.batch(sql).map_err(|e| {
            StoreError::new(
                format!("数据库迁移 {:04}_{} 失败：{}", m.version, m.name, e.zh),
                format!("migration {:04}_{} failed: {}", m.version, m.name, e.en),
            )
        })?;
        db.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
            &[
                Value::int(m.version),
                Value::text(m.name),
                Value::text(now_utc()),
            ],
        )?;
    }
    Ok(())
}
