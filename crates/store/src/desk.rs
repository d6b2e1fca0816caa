//! The request desk's cases, in the same database as the corpus.
//!
//! A case is its history ([`gongkai_desk::Case`]): the store keeps the events, one row each,
//! and nothing derived from them. The API is append-only on purpose — [`Store::add_case`],
//! [`Store::append_event`], [`Store::load_case`], [`Store::list_cases`] and no update or delete —
//! and the schema's triggers refuse UPDATE and DELETE (and TRUNCATE in PostgreSQL) on both
//! tables, so the audit trail cannot be edited through this API or around it.
//!
//! Every write checks the event against the rules first: the stored history is replayed with
//! [`Case::replay`] and the new event applied with [`Case::apply`]; a refusal is returned as
//! [`DeskError::Refused`] with the domain's bilingual reason, and nothing is written. A write
//! is one transaction, and `(case_id, seq)` is the primary key: two clerks appending to the same
//! case at once cannot both write event N — the second gets a conflict and can retry, and its
//! event is then checked against the history that includes the first.

use std::fmt;

use gongkai_desk::{Calendar, Case, Event, Refusal};

use crate::backend::{Dialect, Value};
use crate::codec::now_utc;
use crate::error::StoreError;
use crate::Store;

/// Why a desk operation did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeskError {
    /// The rules do not allow the event in the case's current state; nothing was written.
    Refused(Refusal),
    /// No case has this tracking code.
    NotFound(String),
    /// The database failed, or holds data this version cannot read.
    Store(StoreError),
}

impl From<StoreError> for DeskError {
    fn from(e: StoreError) -> DeskError {
        DeskError::Store(e)
    }
}

/// Chinese first, then English, like every error of the store.
impl fmt::Display for DeskError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeskError::Refused(r) => write!(
                f,
                "事件未记录：{}；[{}] / event not recorded: {}",
                r.message.zh, r.rule, r.message.en
            ),
            DeskError::NotFound(code) => write!(
                f,
                "没有编号为“{code}”的案件，请用 gongkai desk due 查看现有案件 / no case has the tracking code {code:?}; `gongkai desk due` lists the cases"
            ),
            DeskError::Store(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for DeskError {}

/// Who recorded an event, and when (UTC, ISO 8601).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRecord {
    pub seq: usize,
    pub recorded_by: String,
    pub recorded_at: String,
}

/// A case as stored: its tracking code, the case rebuilt from its events, and for each event
/// who recorded it and when (`records[i]` belongs to `case.events()[i]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCase {
    pub id: i64,
    pub code: String,
    pub created_at: String,
    pub case: Case,
    pub records: Vec<EventRecord>,
}

/// The tracking code's prefix: 依申请 + the year of receipt, e.g. `YSQ2026-0001`.
fn code_prefix(case: &Case) -> String {
    let iso = case.receipt_date().iso();
    format!("YSQ{}-", iso.get(..4).unwrap_or("0000"))
}

/// A stored event row that cannot be read back (edited by hand or written by another version).
fn unreadable(code: &str, seq: i64, detail: impl fmt::Display) -> StoreError {
    StoreError::data(
        format!("案件{code}的第{seq}个事件无法读取（{detail}）"),
        format!("event {seq} of case {code} cannot be read ({detail})"),
    )
}

impl Store {
    /// Opens a new case with its first event (the application received), recorded by
    /// `recorded_by`; returns it with its new tracking code. Refused, and nothing written, when
    /// the event cannot open a case ([`Case::open`]).
    pub fn add_case(&mut self, first: Event, recorded_by: &str) -> Result<StoredCase, DeskError> {
        self.add_case_with(first, recorded_by, |_, _| Ok(()))
    }

    /// [`Store::add_case`], running `also(store, case_id)` in the same transaction (the public
    /// side's application record): both are written, or neither.
    pub(crate) fn add_case_with(
        &mut self,
        first: Event,
        recorded_by: &str,
        also: impl FnOnce(&mut Store, i64) -> Result<(), StoreError>,
    ) -> Result<StoredCase, DeskError> {
        let key = first.kind.key();
        let json = event_json(&first)?;
        let case = Case::open(first).map_err(DeskError::Refused)?;
        let prefix = code_prefix(&case);
        let now = now_utc();
        let (id, code) = self.in_transaction::<_, DeskError>(|s| {
            // Numbered per year of receipt. Writers must take turns between counting and
            // inserting: SQLite's IMMEDIATE transaction already does that; in PostgreSQL a
            // transaction-scoped advisory lock does (READ COMMITTED alone would let two writers
            // count the same n, and the UNIQUE constraint on `code` would fail the second).
            if s.db.dialect() == Dialect::Postgres {
                s.db.execute("SELECT pg_advisory_xact_lock(7061727)", &[])?;
            }
            let n =
                s.db.query(
                    "SELECT COUNT(*) FROM cases WHERE code LIKE $1",
                    &[Value::text(format!("{prefix}%"))],
                )?
                .first()
                .and_then(|r| r.first())
                .and_then(Value::as_i64)
                .unwrap_or(0);
            let code = format!("{prefix}{:04}", n + 1);
            let rows = s.db.query(
                "INSERT INTO cases (code, created_at) VALUES ($1, $2) RETURNING id",
                &[Value::text(code.as_str()), Value::text(now.as_str())],
            )?;
            let id = rows
                .first()
                .and_then(|r| r.first())
                .and_then(Value::as_i64)
                .ok_or_else(|| {
                    StoreError::data(
                        format!("新案件{code}没有返回编号"),
                        format!("the new case {code} got no id"),
                    )
                })?;
            s.insert_event(id, 0, key, &json, recorded_by, &now)?;
            s.audit_row(
                recorded_by,
                "case.open",
                &format!("case:{code}"),
                &serde_json::json!({ "event": key }),
            )?;
            also(s, id)?;
            Ok((id, code))
        })?;
        Ok(StoredCase {
            id,
            code,
            created_at: now.clone(),
            case,
            records: vec![EventRecord {
                seq: 0,
                recorded_by: recorded_by.to_string(),
                recorded_at: now,
            }],
        })
    }

    /// Appends an event to the case `code` if the rules allow it after the stored history;
    /// returns the case with the event. On a refusal nothing is written.
    pub fn append_event(
        &mut self,
        code: &str,
        event: Event,
        recorded_by: &str,
        cal: &Calendar,
    ) -> Result<StoredCase, DeskError> {
        let now = now_utc();
        self.in_transaction(|s| {
            // PostgreSQL: lock the case's row so that concurrent appends to one case queue up
            // instead of failing on the primary key (SQLite's writer lock does the same).
            let lock = match s.db.dialect() {
                Dialect::Postgres => " FOR UPDATE",
                Dialect::Sqlite => "",
            };
            let mut stored = s.load_in_tx(code, cal, lock)?;
            let json = event_json(&event)?;
            let key = event.kind.key();
            stored.case.apply(event, cal).map_err(DeskError::Refused)?;
            let seq = stored.records.len();
            s.insert_event(stored.id, seq as i64, key, &json, recorded_by, &now)?;
            s.audit_row(
                recorded_by,
                "case.event",
                &format!("case:{}", stored.code),
                &serde_json::json!({ "event": key, "seq": seq }),
            )?;
            stored.records.push(EventRecord {
                seq,
                recorded_by: recorded_by.to_string(),
                recorded_at: now.clone(),
            });
            Ok(stored)
        })
    }

    /// The case `code`, rebuilt from its stored events.
    pub fn load_case(&mut self, code: &str, cal: &Calendar) -> Result<StoredCase, DeskError> {
        self.load_in_tx(code, cal, "")
    }

    /// Every case, in the order they were added, each rebuilt from its events (one query for
    /// all the events, not one per case).
    pub fn list_cases(&mut self, cal: &Calendar) -> Result<Vec<StoredCase>, DeskError> {
        let cases = self
            .db
            .query("SELECT id, code, created_at FROM cases ORDER BY id", &[])?;
        let events = self.db.query(
            "SELECT case_id, seq, event, recorded_by, recorded_at FROM case_events
             ORDER BY case_id, seq",
            &[],
        )?;
        let mut events = events.into_iter().peekable();
        let mut out = Vec::with_capacity(cases.len());
        for row in cases {
            let (id, code, created_at) = case_row(row)?;
            let mut rows = Vec::new();
            while let Some(r) = events.next_if(|r| r.first().and_then(Value::as_i64) == Some(id)) {
                rows.push(r.into_iter().skip(1).collect());
            }
            out.push(rebuild(id, code, created_at, rows, cal)?);
        }
        Ok(out)
    }

    fn load_in_tx(
        &mut self,
        code: &str,
        cal: &Calendar,
        lock: &str,
    ) -> Result<StoredCase, DeskError> {
        let rows = self.db.query(
            &format!("SELECT id, code, created_at FROM cases WHERE code = $1{lock}"),
            &[Value::text(code)],
        )?;
        let Some(row) = rows.into_iter().next() else {
            return Err(DeskError::NotFound(code.to_string()));
        };
        let (id, code, created_at) = case_row(row)?;
        let events = self.db.query(
            "SELECT seq, event, recorded_by, recorded_at FROM case_events
             WHERE case_id = $1 ORDER BY seq",
            &[Value::int(id)],
        )?;
        Ok(rebuild(id, code, created_at, events, cal)?)
    }

    fn insert_event(
        &mut self,
        case_id: i64,
        seq: i64,
        kind: &str,
        json: &str,
        recorded_by: &str,
        now: &str,
    ) -> Result<(), StoreError> {
        self.db.execute(
            "INSERT INTO case_events (case_id, seq, kind, event, recorded_by, recorded_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
            &[
                Value::int(case_id),
                Value::int(seq),
                Value::text(kind),
                Value::text(json),
                Value::text(recorded_by),
                Value::text(now),
            ],
        )?;
        Ok(())
    }
}

fn event_json(e: &Event) -> Result<String, StoreError> {
    serde_json::to_string(e).map_err(|err| {
        StoreError::new(
            format!("事件无法写成 JSON：{err}"),
            format!("the event cannot be written as JSON: {err}"),
        )
    })
}

fn case_row(row: Vec<Value<'static>>) -> Result<(i64, String, String), StoreError> {
    let mut it = row.into_iter();
    match (it.next(), it.next(), it.next()) {
        (Some(id), Some(code), Some(at)) => {
            match (id.as_i64(), code.into_string(), at.into_string()) {
                (Some(id), Some(code), Some(at)) => Ok((id, code, at)),
                _ => Err(StoreError::data(
                    "cases 表的行不完整",
                    "a row of `cases` is incomplete",
                )),
            }
        }
        _ => Err(StoreError::data(
            "cases 表的行不完整",
            "a row of `cases` is incomplete",
        )),
    }
}

/// Rebuilds a case from its event rows (seq, event JSON, recorded_by, recorded_at), replaying
/// every event through the rules: a stored history the rules refuse is reported, not trusted.
fn rebuild(
    id: i64,
    code: String,
    created_at: String,
    rows: Vec<Vec<Value<'static>>>,
    cal: &Calendar,
) -> Result<StoredCase, StoreError> {
    let mut events = Vec::with_capacity(rows.len());
    let mut records = Vec::with_capacity(rows.len());
    for (i, row) in rows.into_iter().enumerate() {
        let mut it = row.into_iter();
        let (seq, json, by, at) = (it.next(), it.next(), it.next(), it.next());
        let seq = seq.and_then(|v| v.as_i64()).unwrap_or(-1);
        if seq != i as i64 {
            return Err(unreadable(&code, seq, format!("expected seq {i}")));
        }
        let json = json.and_then(Value::into_string).unwrap_or_default();
        let event: Event = serde_json::from_str(&json).map_err(|e| unreadable(&code, seq, e))?;
        events.push(event);
        records.push(EventRecord {
            seq: i,
            recorded_by: by.and_then(Value::into_string).unwrap_or_default(),
            recorded_at: at.and_then(Value::into_string).unwrap_or_default(),
        });
    }
    let case = Case::replay(events, cal).map_err(|(i, r)| {
        StoreError::data(
            format!("案件{code}的第{i}个事件不符合规则：{}", r.message.zh),
            format!(
                "event {i} of case {code} breaks the rules: {}",
                r.message.en
            ),
        )
    })?;
    Ok(StoredCase {
        id,
        code,
        created_at,
        case,
        records,
    })
}
