//! The seam between the store's logic and the two drivers.
//!
//! The store writes its SQL once, with `$1, $2 …` placeholders (SQLite reads `$1` as a named
//! parameter whose index is its first appearance, so numbered in order they bind the same way as
//! in PostgreSQL). A backend only runs statements and moves [`Value`]s in and out; the one thing
//! it does its own way is a bulk insert, which is where the two engines differ most in speed.

use std::borrow::Cow;

use crate::error::Result;

/// Which engine a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// A value going into or coming out of a statement. Nulls are typed because PostgreSQL checks
/// every parameter's type, nulls included.
///
/// Text borrows where it can: a report's cells go into the database without a copy of their
/// keys, states and printed text (the ingest's writer spends its time on exactly that).
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Int(Option<i64>),
    Real(Option<f64>),
    Text(Option<Cow<'a, str>>),
}

/// A row read back from the database.
pub type Row = Vec<Value<'static>>;

impl<'a> Value<'a> {
    pub fn int(v: i64) -> Value<'a> {
        Value::Int(Some(v))
    }

    pub fn text(v: impl Into<Cow<'a, str>>) -> Value<'a> {
        Value::Text(Some(v.into()))
    }

    pub fn opt_text(v: Option<impl Into<Cow<'a, str>>>) -> Value<'a> {
        Value::Text(v.map(Into::into))
    }

    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Int(v) => *v,
            Value::Real(v) => v.map(|x| x as i64),
            Value::Text(v) => v.as_deref().and_then(|s| s.parse().ok()),
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Int(v) => v.map(|x| x as f64),
            Value::Real(v) => *v,
            Value::Text(v) => v.as_deref().and_then(|s| s.parse().ok()),
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Text(v) => v.as_deref(),
            _ => None,
        }
    }

    pub fn into_string(self) -> Option<String> {
        match self {
            Value::Text(v) => v.map(Cow::into_owned),
            Value::Int(v) => v.map(|x| x.to_string()),
            Value::Real(v) => v.map(|x| x.to_string()),
        }
    }
}

/// A column of a bulk insert: its name and the type of its values (for PostgreSQL's arrays).
#[derive(Debug, Clone, Copy)]
pub struct Col {
    pub name: &'static str,
    pub ty: ColType,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColType {
    Int,
    Real,
    Text,
}

/// A table's columns for bulk inserts.
pub struct BulkTable {
    pub table: &'static str,
    pub columns: &'static [Col],
}

/// Runs `work` with SQLite's temporary storage (statement journals, the sorter of a big
/// `GROUP BY`) in a file rather than in memory, then puts it back in memory (the store's
/// setting, which keeps small sorts fast). Work that writes or sorts the whole store needs it:
/// in memory, migration 0005's statement journal took 1.5 GB, and `stats`'s grouping of every
/// cell grew with the number of reports (335 MB at 100,000). PostgreSQL spills big sorts to
/// disk on its own (`work_mem`): there, `work` just runs.
pub(crate) fn with_temp_in_file<T>(
    db: &mut dyn Backend,
    work: impl FnOnce(&mut dyn Backend) -> Result<T>,
) -> Result<T> {
    let sqlite = db.dialect() == Dialect::Sqlite;
    if sqlite {
        db.batch("PRAGMA temp_store = FILE")?;
    }
    let result = work(db);
    if sqlite {
        db.batch("PRAGMA temp_store = MEMORY")?;
    }
    result
}

/// What a driver must do for the store.
pub trait Backend: Send {
    fn dialect(&self) -> Dialect;
    /// Runs statements without parameters (migrations, BEGIN/COMMIT).
    fn batch(&mut self, sql: &str) -> Result<()>;
    /// Runs one statement; returns the number of rows changed.
    fn execute(&mut self, sql: &str, params: &[Value<'_>]) -> Result<u64>;
    /// Runs one query and returns every row.
    fn query(&mut self, sql: &str, params: &[Value<'_>]) -> Result<Vec<Row>>;
    /// Runs one query and hands each row to `f` as it arrives (exports of large stores).
    fn for_each(
        &mut self,
        sql: &str,
        params: &[Value<'_>],
        f: &mut dyn FnMut(Row) -> Result<()>,
    ) -> Result<()>;
    /// Inserts rows into a table (`rows` are column-major: one vector per column, all of the
    /// same length). Called only inside a transaction, which the caller rolls back whole when
    /// this fails (SQLite's rows of a failed statement are not undone one by one).
    fn insert_many(&mut self, table: &BulkTable, columns: Vec<Vec<Value<'_>>>) -> Result<()>;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SQLite's temporary storage: what `PRAGMA temp_store` says (1 file, 2 memory).
    fn temp_store(db: &mut dyn Backend) -> Option<i64> {
        let rows = db.query("PRAGMA temp_store", &[]).ok()?;
        rows.first()?.first()?.as_i64()
    }

    /// The work runs with temporary storage in a file, and the store's setting (memory) is
    /// back afterwards, when the work fails too.
    #[test]
    fn temp_in_file_for_the_work_then_in_memory_again() -> Result<()> {
        let dir = tempfile::tempdir().expect("temporary directory");
        let mut db = crate::sqlite::Sqlite::open(&dir.path().join("t.db"))?;
        assert_eq!(temp_store(&mut db), Some(2));
        let during = with_temp_in_file(&mut db, |db| Ok(temp_store(db)))?;
        assert_eq!(during, Some(1));
        assert_eq!(temp_store(&mut db), Some(2));
        let failed: Result<()> = with_temp_in_file(&mut db, |db| db.batch("NOT SQL"));
        assert!(failed.is_err());
        assert_eq!(temp_store(&mut db), Some(2));
        Ok(())
    }
}
