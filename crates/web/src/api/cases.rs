//! The request desk's cases (clerks): the list with status and due dates (open cases first,
//! the most urgent on top), one case's history with the explanation of its deadline,
//! registering an application, recording an event. Events are `gongkai_desk::Event` in its
//! stored JSON form (`{"date": "2026-02-10", "kind": {"event": "replied", …}}`); an event the
//! rules refuse is answered 409 with the rule and its reason, and nothing is written.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use gongkai_desk::{Calendar, Day, DeadlineKind, Disposition, Event, EventKind, Status};
use gongkai_store::{Role, StoredCase};
use serde_json::{json, Value};

use super::body::{ApiUser, Body};
use crate::problem::{ApiProblem, Problem};
use crate::state::AppState;

/// A case's state on `today` as JSON: `state` (a stable key), `label` (Chinese), `due` (the
/// date that matters now, `null` when closed or unknown), `overdue`, and what the state adds.
pub fn status_json(s: &StoredCase, today: Day, cal: &Calendar) -> Value {
    match s.case.status(today, cal) {
        Err(e) => json!({
            "state": "unknown",
            "label": "期限无法计算",
            "due": null,
            "overdue": false,
            "message": e.message().zh,
        }),
        Ok(Status::AwaitingCorrection { deadline, lapsed }) => json!({
            "state": "awaiting_correction",
            "label": if lapsed { "等待补正（已过补正期限）" } else { "等待补正" },
            "due": deadline.iso(),
            "overdue": lapsed,
        }),
        Ok(Status::AwaitingPayment { pay_by, lapsed }) => json!({
            "state": "awaiting_payment",
            "label": if lapsed { "等待缴费（已过缴费期限）" } else { "等待缴费" },
            "due": pay_by.iso(),
            "overdue": lapsed,
        }),
        Ok(Status::Consulting {
            kind,
            answer_due,
            reply_due_latest,
        }) => json!({
            "state": "consulting",
            "label": kind.zh(),
            "due": reply_due_latest.iso(),
            "overdue": false,
            "answer_due": answer_due.iso(),
        }),
        Ok(Status::InProgress {
            due,
            overdue,
            working_days_left,
        }) => json!({
            "state": "in_progress",
            "label": if overdue { "已逾期" } else { "办理中" },
            "due": due.iso(),
            "overdue": overdue,
            "working_days_left": working_days_left,
        }),
        Ok(Status::Closed { closure, late }) => json!({
            "state": "closed",
            "label": "已办结",
            "due": null,
            "overdue": false,
            "closed_on": closure.on.iso(),
            "disposition": disposition_key(closure.disposition),
            "disposition_label": closure.disposition.zh(),
            "late": late,
        }),
    }
}

fn disposition_key(d: Disposition) -> &'static str {
    match d {
        Disposition::Replied(r) => r.key(),
        Disposition::Withdrawn => "withdrawn",
        Disposition::Abandoned(_) => "abandoned",
    }
}

fn request_of(s: &StoredCase) -> &str {
    match s.case.events().first().map(|e| &e.kind) {
        Some(EventKind::Received { request, .. }) => request,
        _ => "",
    }
}

fn summary_json(s: &StoredCase, today: Day, cal: &Calendar) -> Value {
    json!({
        "code": s.code,
        "received_on": s.case.receipt_date().iso(),
        "applicant_type": s.case.applicant_type().key(),
        "request": request_of(s),
        "status": status_json(s, today, cal),
    })
}

fn detail_json(s: &StoredCase, today: Day, cal: &Calendar, contact: Option<Value>) -> Value {
    let mut v = summary_json(s, today, cal);
    let deadline = match s.case.current_deadline(today, cal) {
        Ok(Some(d)) => json!({
            "kind": match d.kind {
                DeadlineKind::Reply => "reply",
                DeadlineKind::Correction => "correction",
                DeadlineKind::Payment => "payment",
            },
            "due": d.due.iso(),
            "provisional": d.provisional,
            "explanation": d.explain(gongkai_desk::Lang::Zh),
            "explanation_en": d.explain(gongkai_desk::Lang::En),
            "steps": d.steps.iter().map(|m| m.zh.clone()).collect::<Vec<_>>(),
        }),
        Ok(None) | Err(_) => Value::Null,
    };
    let events: Vec<Value> = s
        .case
        .events()
        .iter()
        .zip(&s.records)
        .map(|(e, r)| {
            json!({
                "seq": r.seq,
                "event": serde_json::to_value(e).unwrap_or(Value::Null),
                "recorded_by": r.recorded_by,
                "recorded_at": r.recorded_at,
            })
        })
        .collect();
    if let Some(obj) = v.as_object_mut() {
        obj.insert(
            "applicant".into(),
            s.case.applicant().map_or(
                Value::Null,
                |a| json!({ "name": a.name, "type": a.kind.key() }),
            ),
        );
        obj.insert("created_at".into(), json!(s.created_at));
        obj.insert("deadline".into(), deadline);
        obj.insert("events".into(), Value::Array(events));
        obj.insert("contact".into(), contact.unwrap_or(Value::Null));
    }
    v
}

/// Every case: open ones first by the date that matters now (overdue ones are the earliest),
/// then closed ones, latest closed first.
pub async fn list(State(state): State<AppState>, user: ApiUser) -> Result<Json<Value>, ApiProblem> {
    user.require(&[Role::Clerk])?;
    let cal = state.calendar;
    let cases = state.db(move |s| Ok(s.list_cases(cal)?)).await?;
    let today = state.today()?;
    let mut rows: Vec<Value> = cases.iter().map(|c| summary_json(c, today, cal)).collect();
    // Open cases by due date (a date the calendar cannot give yet last), then closed ones,
    // latest closed first. ISO dates compare as text.
    let key = |v: &Value| {
        let st = &v["status"];
        (
            st["state"] == "closed",
            st["due"].as_str().map(str::to_string),
            st["closed_on"].as_str().map(str::to_string),
        )
    };
    rows.sort_by(|a, b| {
        let ((ca, da, oa), (cb, db, ob)) = (key(a), key(b));
        ca.cmp(&cb)
            .then_with(|| match (da, db) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            })
            .then_with(|| ob.cmp(&oa))
    });
    Ok(Json(
        json!({ "count": rows.len(), "today": today.iso(), "cases": rows }),
    ))
}

fn code_of(p: Result<Path<String>, PathRejection>) -> Result<String, ApiProblem> {
    p.map(|Path(c)| c.trim().to_string())
        .map_err(|_| ApiProblem(Problem::not_found("没有这个案件", "no such case")))
}

/// One case: its history, who recorded each event, its status and the deadline that matters
/// now with how it was counted; the contact details of an application filed online.
pub async fn one(
    State(state): State<AppState>,
    user: ApiUser,
    code: Result<Path<String>, PathRejection>,
) -> Result<Json<Value>, ApiProblem> {
    user.require(&[Role::Clerk])?;
    let code = code_of(code)?;
    let cal = state.calendar;
    let (case, contact) = state
        .db(move |s| {
            let c = s.load_case(&code, cal)?;
            let contact = s.application_contact(c.id)?;
            Ok((c, contact))
        })
        .await?;
    let today = state.today()?;
    Ok(Json(detail_json(&case, today, cal, contact)))
}

/// An event may not say something happened after today (422).
fn not_after(event: &Event, today: Day) -> Result<(), Problem> {
    match crate::pages::desk::util::after_today(event, today) {
        Some(zh) => Err(Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            zh,
            format!(
                "the event says something happened on {}, after today ({today})",
                event.happened_by()
            ),
        )),
        None => Ok(()),
    }
}

/// Registers an application: the body is its first event, `received`.
pub async fn register(
    State(state): State<AppState>,
    user: ApiUser,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiProblem> {
    user.require_unsafe(&[Role::Clerk], &headers)?;
    let event: Event = body.json()?;
    let today = state.today()?;
    not_after(&event, today)?;
    let by = user.username().to_string();
    let cal = state.calendar;
    let case = state.db(move |s| Ok(s.add_case(event, &by)?)).await?;
    Ok((
        StatusCode::CREATED,
        Json(detail_json(&case, today, cal, None)),
    )
        .into_response())
}

/// Records an event of case `code`, if the rules allow it after the history.
pub async fn event(
    State(state): State<AppState>,
    user: ApiUser,
    headers: HeaderMap,
    code: Result<Path<String>, PathRejection>,
    body: Body,
) -> Result<Response, ApiProblem> {
    user.require_unsafe(&[Role::Clerk], &headers)?;
    let code = code_of(code)?;
    let event: Event = body.json()?;
    let today = state.today()?;
    not_after(&event, today)?;
    let by = user.username().to_string();
    let cal = state.calendar;
    let (case, contact) = state
        .db(move |s| {
            let c = s.append_event(&code, event, &by, cal)?;
            let contact = s.application_contact(c.id)?;
            Ok((c, contact))
        })
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(detail_json(&case, today, cal, contact)),
    )
        .into_response())
}
