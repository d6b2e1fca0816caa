//! The SQLite backend (rusqlite, SQLite bundled and compiled in: no system library to install).

use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{params_from_iter, Connection, ToSql};

use std::borrow::Cow;

use crate::backend::{Backend, BulkTable, Dialect, Row, Value};
use crate::error::{Result, StoreError};

pub struct Sqlite {
    conn: Connection,
    /// The text of each multi-row INSERT already built, by (table, rows).
    inserts: HashMap<(&'static str, usize), String>,
}

impl ToSql for Value<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Value::Int(Some(v)) => ToSqlOutput::Borrowed(ValueRef::Integer(*v)),
            Value::Real(Some(v)) => ToSqlOutput::Borrowed(ValueRef::Real(*v)),
            Value::Text(Some(v)) => ToSqlOutput::Borrowed(ValueRef::Text(v.as_bytes())),
            Value::Int(None) | Value::Real(None) | Value::Text(None) => {
                ToSqlOutput::Borrowed(ValueRef::Null)
            }
        })
    }
}

fn err(what: (&'static str, &'static str)) -> impl FnOnce(rusqlite::Error) -> StoreError {
    move |e| StoreError::db(what, e)
}

impl Sqlite {
    pub fn open(path: &Path) -> Result<Sqlite> {
        let conn = Connection::open(path).map_err(|e| {
            StoreError::new(
                format!(
                    "无法打开 SQLite 数据库 {}：{e}。请检查路径所在目录是否存在、是否有写权限",
                    path.display()
                ),
                format!(
                    "cannot open the SQLite database {}: {e}. Check that its directory exists and is writable",
                    path.display()
                ),
            )
        })?;
        // WAL: readers (stats, export) do not block an ingest, and a commit is an append, which
        // keeps one transaction per report cheap. synchronous=NORMAL in WAL mode never corrupts
        // the database and never leaves a half transaction; a power cut (not a killed process)
        // may lose the last commits, which a rerun of the ingest restores.
        conn.busy_timeout(Duration::from_secs(30)).map_err(err((
            "设置 SQLite 等待时间",
            "setting the SQLite busy timeout",
        )))?;
        // page_size only takes effect on a new database (before its first table). 4 KiB (SQLite's
        // default) rather than the 16 KiB chosen for the old, wide cells table: a commit writes
        // every page it changed, and the pages the reports' content-hash index changes are
        // scattered (the hashes are random), so the page size multiplies that index's share of
        // the writes. Measured over 100,000 reports: 3.5 GB written with 4 KiB pages, 4.2 GB
        // with 8 KiB, 5.2 GB with 16 KiB, for the same CPU (1.98M, 1.96M and 2.01M
        // instructions per report in the writer). A larger automatic checkpoint interval
        // (16,000 pages, 64 MB) copies the WAL into the database less often.
        conn.execute_batch(
            "PRAGMA page_size = 4096;
             PRAGMA journal_mode = WAL;
             PRAGMA wal_autocheckpoint = 16000;
             PRAGMA synchronous = NORMAL;
             PRAGMA foreign_keys = ON;
             PRAGMA temp_store = MEMORY;
             PRAGMA cache_size = -32000;",
        )
        .map_err(|e| {
            StoreError::new(
                format!(
                    "无法使用 SQLite 数据库 {}：{e}。该文件可能不是 SQLite 数据库",
                    path.display()
                ),
                format!(
                    "cannot use the SQLite database {}: {e}. The file may not be an SQLite database",
                    path.display()
                ),
            )
        })?;
        conn.set_prepared_statement_cache_capacity(64);
        Ok(Sqlite {
            conn,
            inserts: HashMap::new(),
        })
    }
}

/// Rows per multi-row INSERT. Measured with callgrind on the store's write bench (400
/// reports): one row per statement 3.15M instructions per report, 32 rows 2.6M (fewer statement
/// starts, cursors and halts), 128 rows 3.0M (freeing a big statement's copied bindings costs
/// more than it saves). 32 rows of the widest bulk table (statements, 20 columns) bind 640
/// parameters, far below SQLite's limit (32,766).
const ROWS_PER_INSERT: usize = 32;

/// `INSERT OR FAIL INTO t (a, b) VALUES ($1, $2), ($3, $4), …` for `rows` rows.
///
/// OR FAIL rather than the default ABORT: ABORT undoes a failed statement's earlier rows, for
/// which SQLite keeps a statement journal (a copy of every page a multi-row INSERT touches,
/// measured at a tenth of the writer's work on the cells). Bulk inserts run inside a
/// transaction that the store rolls back whole on any error, so nothing of a failed statement
/// survives either way. (A table whose immediate foreign key may fail still needs the journal:
/// hence `cell_data`'s deferred reference, migration 0005.)
fn multi_row_insert(table: &BulkTable, rows: usize) -> String {
    let names: Vec<&str> = table.columns.iter().map(|c| c.name).collect();
    let width = names.len();
    let tuples: Vec<String> = (0..rows)
        .map(|r| {
            let marks: Vec<String> = (1..=width).map(|c| format!("${}", r * width + c)).collect();
            format!("({})", marks.join(", "))
        })
        .collect();
    format!(
        "INSERT OR FAIL INTO {} ({}) VALUES {}",
        table.table,
        names.join(", "),
        tuples.join(", ")
    )
}

fn read_row(row: &rusqlite::Row<'_>, n: usize) -> Result<Row> {
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let v = row
            .get_ref(i)
            .map_err(err(("读取查询结果", "reading a query result")))?;
        out.push(match v {
            ValueRef::Null => Value::Text(None),
            ValueRef::Integer(x) => Value::Int(Some(x)),
            ValueRef::Real(x) => Value::Real(Some(x)),
            ValueRef::Text(t) => {
                Value::Text(Some(Cow::Owned(String::from_utf8_lossy(t).into_owned())))
            }
            ValueRef::Blob(_) => {
                return Err(StoreError::data(
                    "查询结果中出现二进制数据",
                    "a query returned binary data",
                ))
            }
        });
    }
    Ok(out)
}

impl Backend for Sqlite {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }

    fn batch(&mut self, sql: &str) -> Result<()> {
        self.conn
            .execute_batch(sql)
            .map_err(err(("执行 SQL", "running SQL")))
    }

    fn execute(&mut self, sql: &str, params: &[Value<'_>]) -> Result<u64> {
        let mut stmt = self
            .conn
            .prepare_cached(sql)
            .map_err(err(("准备 SQL 语句", "preparing an SQL statement")))?;
        let n = stmt
            .execute(params_from_iter(params.iter()))
            .map_err(err(("执行 SQL 语句", "running an SQL statement")))?;
        Ok(n as u64)
    }

    fn query(&mut self, sql: &str, params: &[Value<'_>]) -> Result<Vec<Row>> {
        let mut out = Vec::new();
        self.for_each(sql, params, &mut |row| {
            out.push(row);
            Ok(())
        })?;
        Ok(out)
    }

    fn for_each(
        &mut self,
        sql: &str,
        params: &[Value<'_>],
        f: &mut dyn FnMut(Row) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self
            .conn
            .prepare_cached(sql)
            .map_err(err(("准备 SQL 查询", "preparing an SQL query")))?;
        let n = stmt.column_count();
        let mut rows = stmt
            .query(params_from_iter(params.iter()))
            .map_err(err(("执行 SQL 查询", "running an SQL query")))?;
        while let Some(row) = rows
            .next()
            .map_err(err(("读取查询结果", "reading a query result")))?
        {
            f(read_row(row, n)?)?;
        }
        Ok(())
    }

    fn insert_many(&mut self, table: &BulkTable, columns: Vec<Vec<Value<'_>>>) -> Result<()> {
        let rows = columns.first().map_or(0, Vec::len);
        let mut done = 0;
        // Rows go in statements of ROWS_PER_INSERT rows, then halving sizes for the rest (at
        // most six statement shapes per table, all kept prepared): one statement start, cursor
        // and halt per many rows instead of per row, which is most of what a row costs SQLite
        // beyond the B-tree insert itself.
        let mut size = ROWS_PER_INSERT;
        while done < rows {
            while size > rows - done {
                size /= 2;
            }
            let sql = self
                .inserts
                .entry((table.table, size))
                .or_insert_with(|| multi_row_insert(table, size));
            let mut stmt = self
                .conn
                .prepare_cached(sql)
                .map_err(err(("准备批量写入", "preparing a bulk insert")))?;
            while rows - done >= size {
                let values =
                    (done..done + size).flat_map(|i| columns.iter().filter_map(move |c| c.get(i)));
                stmt.execute(params_from_iter(values))
                    .map_err(err(("批量写入", "a bulk insert")))?;
                done += size;
            }
        }
        Ok(())
    }
}
