//! The PostgreSQL backend (the synchronous `postgres` crate, no TLS: the server is expected on
//! a trusted network or through a local socket tunnel).

use std::collections::HashMap;

use postgres::fallible_iterator::FallibleIterator;
use postgres::types::{ToSql, Type};
use postgres::{Client, NoTls, Statement};

use std::borrow::Cow;

use crate::backend::{Backend, BulkTable, ColType, Dialect, Row, Value};
use crate::error::{Result, StoreError};

pub struct Postgres {
    client: Client,
    /// Prepared statements by SQL text: every statement the store runs is one of a few dozen
    /// fixed texts, and preparing once saves a round trip per call.
    prepared: HashMap<String, Statement>,
}

/// A URL without its password, for messages.
pub(crate) fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.find(':') {
                Some(c) => format!("{}{}:***{}", &url[..s + 3], &creds[..c], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

fn err(what: (&'static str, &'static str)) -> impl FnOnce(postgres::Error) -> StoreError {
    move |e| StoreError::db(what, pg_detail(&e))
}

/// The server's own message when there is one (`relation "x" does not exist`), which says more
/// than the driver's `db error`.
fn pg_detail(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => format!("{} ({})", db.message(), db.code().code()),
        None => e.to_string(),
    }
}

impl Postgres {
    pub fn connect(url: &str) -> Result<Postgres> {
        let client = Client::connect(url, NoTls).map_err(|e| {
            let url = redact(url);
            let detail = pg_detail(&e);
            StoreError::new(
                format!(
                    "无法连接 PostgreSQL 数据库 {url}：{detail}。请确认服务器已启动、地址和数据库名正确（例如 postgres://用户@127.0.0.1:5432/数据库）"
                ),
                format!(
                    "cannot connect to the PostgreSQL database {url}: {detail}. Check that the server is running and the address and database name are right (e.g. postgres://user@127.0.0.1:5432/db)"
                ),
            )
        })?;
        Ok(Postgres {
            client,
            prepared: HashMap::new(),
        })
    }

    fn statement(&mut self, sql: &str) -> Result<Statement> {
        if let Some(s) = self.prepared.get(sql) {
            return Ok(s.clone());
        }
        let s = self
            .client
            .prepare(sql)
            .map_err(err(("准备 SQL 语句", "preparing an SQL statement")))?;
        self.prepared.insert(sql.to_string(), s.clone());
        Ok(s)
    }
}

fn params(values: &[Value<'_>]) -> Vec<Box<dyn ToSql + Sync>> {
    values
        .iter()
        .map(|v| -> Box<dyn ToSql + Sync> {
            match v {
                Value::Int(x) => Box::new(*x),
                Value::Real(x) => Box::new(*x),
                Value::Text(x) => Box::new(x.as_deref().map(str::to_string)),
            }
        })
        .collect()
}

fn read_row(row: &postgres::Row) -> Result<Row> {
    let mut out = Vec::with_capacity(row.len());
    for (i, col) in row.columns().iter().enumerate() {
        let ty = col.type_();
        let read =
            |e: postgres::Error| StoreError::db(("读取查询结果", "reading a query result"), e);
        let v = if *ty == Type::INT8 {
            Value::Int(row.try_get::<_, Option<i64>>(i).map_err(read)?)
        } else if *ty == Type::INT4 {
            Value::Int(
                row.try_get::<_, Option<i32>>(i)
                    .map_err(read)?
                    .map(i64::from),
            )
        } else if *ty == Type::INT2 {
            Value::Int(
                row.try_get::<_, Option<i16>>(i)
                    .map_err(read)?
                    .map(i64::from),
            )
        } else if *ty == Type::BOOL {
            Value::Int(
                row.try_get::<_, Option<bool>>(i)
                    .map_err(read)?
                    .map(i64::from),
            )
        } else if *ty == Type::FLOAT8 {
            Value::Real(row.try_get::<_, Option<f64>>(i).map_err(read)?)
        } else if *ty == Type::FLOAT4 {
            Value::Real(
                row.try_get::<_, Option<f32>>(i)
                    .map_err(read)?
                    .map(f64::from),
            )
        } else if [Type::TEXT, Type::VARCHAR, Type::BPCHAR, Type::NAME].contains(ty) {
            Value::Text(
                row.try_get::<_, Option<String>>(i)
                    .map_err(read)?
                    .map(Cow::Owned),
            )
        } else {
            return Err(StoreError::data(
                format!("查询结果的第 {} 列类型为 {ty}，gongkai 不支持", i + 1),
                format!(
                    "column {} of a query result has type {ty}, which gongkai does not read",
                    i + 1
                ),
            ));
        };
        out.push(v);
    }
    Ok(out)
}

impl Backend for Postgres {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }

    fn batch(&mut self, sql: &str) -> Result<()> {
        self.client
            .batch_execute(sql)
            .map_err(err(("执行 SQL", "running SQL")))
    }

    fn execute(&mut self, sql: &str, values: &[Value<'_>]) -> Result<u64> {
        let stmt = self.statement(sql)?;
        let p = params(values);
        let refs: Vec<&(dyn ToSql + Sync)> = p.iter().map(|b| b.as_ref()).collect();
        self.client
            .execute(&stmt, &refs)
            .map_err(err(("执行 SQL 语句", "running an SQL statement")))
    }

    fn query(&mut self, sql: &str, values: &[Value<'_>]) -> Result<Vec<Row>> {
        let stmt = self.statement(sql)?;
        let p = params(values);
        let refs: Vec<&(dyn ToSql + Sync)> = p.iter().map(|b| b.as_ref()).collect();
        let rows = self
            .client
            .query(&stmt, &refs)
            .map_err(err(("执行 SQL 查询", "running an SQL query")))?;
        rows.iter().map(read_row).collect()
    }

    fn for_each(
        &mut self,
        sql: &str,
        values: &[Value<'_>],
        f: &mut dyn FnMut(Row) -> Result<()>,
    ) -> Result<()> {
        let stmt = self.statement(sql)?;
        let p = params(values);
        let refs: Vec<&(dyn ToSql + Sync)> = p.iter().map(|b| b.as_ref()).collect();
        let mut rows = self
            .client
            .query_raw(&stmt, refs)
            .map_err(err(("执行 SQL 查询", "running an SQL query")))?;
        while let Some(row) = rows
            .next()
            .map_err(err(("读取查询结果", "reading a query result")))?
        {
            f(read_row(&row)?)?;
        }
        Ok(())
    }

    /// One statement per call, whatever the number of rows: the columns travel as arrays and
    /// `unnest` turns them back into rows, so a report's two hundred cells cost one round trip.
    fn insert_many(&mut self, table: &BulkTable, columns: Vec<Vec<Value<'_>>>) -> Result<()> {
        let names: Vec<&str> = table.columns.iter().map(|c| c.name).collect();
        let arrays: Vec<String> = table
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let ty = match c.ty {
                    ColType::Int => "int8",
                    ColType::Real => "float8",
                    ColType::Text => "text",
                };
                format!("${}::{ty}[]", i + 1)
            })
            .collect();
        let sql = format!(
            "INSERT INTO {} ({}) SELECT * FROM unnest({})",
            table.table,
            names.join(", "),
            arrays.join(", ")
        );
        let stmt = self.statement(&sql)?;
        let mut p: Vec<Box<dyn ToSql + Sync>> = Vec::with_capacity(columns.len());
        for (col, values) in table.columns.iter().zip(columns) {
            p.push(match col.ty {
                ColType::Int => Box::new(values.iter().map(Value::as_i64).collect::<Vec<_>>()),
                ColType::Real => Box::new(values.iter().map(Value::as_f64).collect::<Vec<_>>()),
                ColType::Text => Box::new(
                    values
                        .into_iter()
                        .map(Value::into_string)
                        .collect::<Vec<_>>(),
                ),
            });
        }
        let refs: Vec<&(dyn ToSql + Sync)> = p.iter().map(|b| b.as_ref()).collect();
        self.client
            .execute(&stmt, &refs)
            .map_err(err(("批量写入", "a bulk insert")))?;
        Ok(())
    }
}
