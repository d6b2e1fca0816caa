//! The request desk (依申请公开) for clerks: the cases due, overdue first; registering an
//! application received by any channel; a case with its history, its current deadline and the
//! chain of reasons behind it, and a form for each event that can be recorded next; the year's
//! 表三 from the records, with a draft report to download.
//!
//! The rules live in `gongkai-desk` and the storage in `gongkai-store`: this module parses forms
//! and prints pages. An event the rules refuse is shown with the rule's reason (HTTP 409) and
//! nothing is written; every recorded event is audited by the store in the same transaction.
//!
//! | path | what |
//! |---|---|
//! | `GET /desk?today=&closed=` | open cases (overdue first, then by due date), closed ones below |
//! | `GET, POST /desk/new` | register an application |
//! | `GET /desk/cases/{code}?today=` | a case: history, deadline, contact, event forms |
//! | `POST /desk/cases/{code}/events` | record an event |
//! | `GET /desk/stats?year=&agency=` | the year's 表三 in the official layout |
//! | `GET /desk/stats/{year}/draft.html?agency=` | a draft annual report (download) |

mod case;
mod stats;
pub mod util;

use askama::Template;
use axum::extract::rejection::FormRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Form, Router};
use gongkai_desk::{Applicant, ApplicantType, Channel, Day, Event, EventKind, Status};
use gongkai_store::{DeskError, Role};
use serde::Deserialize;

use super::{page, see_other, Chrome};
use crate::auth::Signed;
use crate::problem::Problem;
use crate::state::AppState;
use util::{
    form_body, parse_day, request_of, required_text, shorten, status_zh, today_or, FieldErrors,
};

pub fn router(_state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/desk", get(list))
        .route("/desk/new", get(new_form).post(new_submit))
        .route("/desk/cases/{code}", get(case::show))
        .route("/desk/cases/{code}/events", post(case::record))
        .route("/desk/stats", get(stats::year))
        .route("/desk/stats/{year}/draft.html", get(stats::draft))
}

/// Who may use the desk (an admin always may).
const DESK: &[Role] = &[Role::Clerk];

/// Longest applicant name and request a clerk may register.
const MAX_NAME: usize = 200;
const MAX_REQUEST: usize = 5000;

/// The channels of art. 31, with their labels on the form.
const CHANNELS: [(&str, &str); 5] = [
    ("in_person", "当面提交（含口头申请代为填写）"),
    ("post", "邮寄（需签收）"),
    ("ordinary_letter", "平常信函（无需签收）"),
    ("online", "互联网渠道（网上申请、电子邮件）"),
    ("fax", "传真"),
];

/// The applicant types as the form lists them: (key, label).
pub fn applicant_options() -> Vec<(&'static str, String)> {
    ApplicantType::ALL
        .iter()
        .map(|a| {
            let label = match a {
                ApplicantType::NaturalPerson => a.zh().to_string(),
                _ => format!("法人或其他组织：{}", a.zh()),
            };
            (a.key(), label)
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The list of cases

#[derive(Deserialize, Default)]
struct ListQuery {
    today: Option<String>,
    /// `all`: every closed case instead of the latest ones.
    closed: Option<String>,
}

/// Closed cases shown below the open ones unless all are asked for.
const CLOSED_SHOWN: usize = 50;

struct OpenRow {
    code: String,
    applicant: String,
    applicant_type: &'static str,
    request: String,
    state: String,
    due: String,
    /// What the due date is for when it is not the agency's reply (补正, 缴费, at the latest).
    due_note: &'static str,
    /// "19", "逾期 8 个工作日", or why the count is unknown.
    left: String,
    /// `overdue` (the agency is late), `warning` (the applicant's time has run out), or empty.
    badge: &'static str,
    sort: (bool, bool, Option<Day>),
}

struct ClosedRow {
    code: String,
    applicant: String,
    request: String,
    closed_on: String,
    how: String,
    late: bool,
}

#[derive(Template)]
#[template(path = "desk_list.html")]
struct ListPage {
    chrome: Chrome,
    today: String,
    /// The `?today=` given (kept in the case links), or empty.
    today_param: String,
    open: Vec<OpenRow>,
    overdue: usize,
    closed: Vec<ClosedRow>,
    closed_total: usize,
    all_closed: bool,
}

async fn list(
    State(state): State<AppState>,
    signed: Signed,
    Query(q): Query<ListQuery>,
) -> Result<Response, Problem> {
    signed.require(DESK)?;
    let today = today_or(&state, q.today.as_deref())?;
    let cal = state.calendar;
    let cases = state
        .db(move |s| s.list_cases(cal).map_err(Problem::from))
        .await?;
    let mut open = Vec::new();
    let mut closed = Vec::new();
    for s in &cases {
        let applicant = s.case.applicant();
        let name = applicant.map(|a| a.name.clone()).unwrap_or_default();
        let kind = applicant.map_or("", |a| a.kind.zh());
        let request = shorten(request_of(&s.case), 40);
        let status = match s.case.status(today, cal) {
            Ok(st) => st,
            Err(e) => {
                open.push(OpenRow {
                    code: s.code.clone(),
                    applicant: name,
                    applicant_type: kind,
                    request,
                    state: "期限无法计算".to_string(),
                    due: "?".to_string(),
                    due_note: "",
                    left: e.message().zh,
                    badge: "warning",
                    sort: (true, true, None),
                });
                continue;
            }
        };
        if let Status::Closed { closure, late } = &status {
            closed.push((
                closure.on,
                ClosedRow {
                    code: s.code.clone(),
                    applicant: name,
                    request,
                    closed_on: closure.on.iso(),
                    how: closure.disposition.zh().to_string(),
                    late: *late == Some(true),
                },
            ));
            continue;
        }
        let (due, due_note, overdue) = match &status {
            Status::AwaitingCorrection { deadline, .. } => (*deadline, "补正期限", false),
            Status::AwaitingPayment { pay_by, .. } => (*pay_by, "缴费期限", false),
            Status::Consulting {
                reply_due_latest, ..
            } => (*reply_due_latest, "最迟", false),
            Status::InProgress { due, overdue, .. } => (*due, "", *overdue),
            Status::Closed { .. } => continue,
        };
        let left = match &status {
            Status::InProgress {
                working_days_left, ..
            } => Ok(*working_days_left),
            _ => cal.working_days_left(today, due),
        };
        let (left, badge) = match left {
            Ok(n) if n < 0 && overdue => (format!("逾期 {} 个工作日", -n), "overdue"),
            Ok(_) if overdue => ("已逾期".to_string(), "overdue"),
            Ok(n) if n < 0 => (format!("已过 {} 个工作日", -n), "warning"),
            Ok(n) => (n.to_string(), ""),
            Err(e) => (e.message().zh, "warning"),
        };
        open.push(OpenRow {
            code: s.code.clone(),
            applicant: name,
            applicant_type: kind,
            request,
            state: status_zh(&status),
            due: due.iso(),
            due_note,
            left,
            badge,
            sort: (false, !overdue, Some(due)),
        });
    }
    // Overdue first, then by due date (soonest first); unknown due dates last.
    open.sort_by(|a, b| (a.sort, &a.code).cmp(&(b.sort, &b.code)));
    closed.sort_by(|a, b| (b.0, &b.1.code).cmp(&(a.0, &a.1.code)));
    let closed_total = closed.len();
    let all_closed = q.closed.as_deref() == Some("all");
    if !all_closed {
        closed.truncate(CLOSED_SHOWN);
    }
    let overdue = open.iter().filter(|r| r.badge == "overdue").count();
    page(&ListPage {
        chrome: Chrome::new("依申请办理", Some(&signed.0), "/desk"),
        today: today.iso(),
        today_param: q
            .today
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(|_| today.iso())
            .unwrap_or_default(),
        open,
        overdue,
        closed: closed.into_iter().map(|(_, r)| r).collect(),
        closed_total,
        all_closed,
    })
}

// ---------------------------------------------------------------------------------------------
// Registering an application

/// The registration form as typed (kept when it is shown again with errors).
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
struct NewCase {
    csrf: String,
    submitted: String,
    channel: String,
    signed_for: String,
    confirmed: String,
    applicant_type: String,
    name: String,
    request: String,
}

#[derive(Template)]
#[template(path = "desk_new.html")]
struct NewPage {
    chrome: Chrome,
    f: NewCase,
    errors: FieldErrors,
    /// The rules' refusal (nothing was written).
    refused: Option<String>,
    channels: Vec<(&'static str, &'static str)>,
    applicant_types: Vec<(&'static str, String)>,
}

fn new_page(
    signed: &Signed,
    f: NewCase,
    errors: FieldErrors,
    refused: Option<String>,
) -> Result<Response, Problem> {
    page(&NewPage {
        chrome: Chrome::new("登记申请", Some(&signed.0), "/desk"),
        f,
        errors,
        refused,
        channels: CHANNELS.to_vec(),
        applicant_types: applicant_options(),
    })
}

async fn new_form(State(state): State<AppState>, signed: Signed) -> Result<Response, Problem> {
    signed.require(DESK)?;
    let today = state.today()?.iso();
    let f = NewCase {
        submitted: today,
        channel: "in_person".to_string(),
        applicant_type: ApplicantType::NaturalPerson.key().to_string(),
        ..NewCase::default()
    };
    new_page(&signed, f, FieldErrors::default(), None)
}

/// The first event of a case from the form, or the errors to show beside its fields.
fn received_event(f: &NewCase) -> Result<Event, FieldErrors> {
    let mut errors = FieldErrors::default();
    let submitted = errors.take("submitted", parse_day(&f.submitted, "提交日期"));
    let date = |field: &'static str, value: &str, label: &str, errors: &mut FieldErrors| {
        errors.take(field, parse_day(value, label))
    };
    let has = |v: &str| !v.trim().is_empty();
    let channel = match f.channel.trim() {
        "in_person" => Some(Channel::InPerson),
        "post" => date("signed_for", &f.signed_for, "签收日期", &mut errors)
            .map(|d| Channel::Post { signed_for: d }),
        "ordinary_letter" => date("confirmed", &f.confirmed, "确认日期", &mut errors)
            .map(|d| Channel::OrdinaryLetter { confirmed: d }),
        "online" => date("confirmed", &f.confirmed, "确认日期", &mut errors)
            .map(|d| Channel::Online { confirmed: d }),
        "fax" => date("confirmed", &f.confirmed, "确认日期", &mut errors)
            .map(|d| Channel::Fax { confirmed: d }),
        _ => {
            errors.add("channel", "请选择收到申请的渠道");
            None
        }
    };
    // A date given for another channel is a mistake, not something to ignore: the receipt
    // date (and so every deadline) depends on which date is meant.
    match f.channel.trim() {
        "in_person" => {
            if has(&f.signed_for) {
                errors.add("signed_for", "当面提交不填签收日期：收到之日即提交日期");
            }
            if has(&f.confirmed) {
                errors.add("confirmed", "当面提交不填确认日期：收到之日即提交日期");
            }
        }
        "post" if has(&f.confirmed) => {
            errors.add(
                "confirmed",
                "邮寄（需签收）以签收日期为收到日期，不填确认日期；无需签收的请选“平常信函”",
            );
        }
        "ordinary_letter" | "online" | "fax" if has(&f.signed_for) => {
            errors.add(
                "signed_for",
                "只有邮寄（需签收）填签收日期；此渠道以确认日期为收到日期",
            );
        }
        _ => {}
    }
    let kind = ApplicantType::from_key(f.applicant_type.trim());
    if kind.is_none() {
        errors.add("applicant_type", "请选择申请人类型");
    }
    let name = errors.take("name", required_text(&f.name, "申请人姓名或名称", MAX_NAME));
    let request = errors.take(
        "request",
        required_text(&f.request, "申请公开的内容", MAX_REQUEST),
    );
    match (submitted, channel, kind, name, request) {
        (Some(date), Some(channel), Some(kind), Some(name), Some(request)) if errors.is_empty() => {
            Ok(Event {
                date,
                kind: EventKind::Received {
                    channel,
                    applicant: Applicant { name, kind },
                    request,
                },
            })
        }
        _ => Err(errors),
    }
}

async fn new_submit(
    State(state): State<AppState>,
    signed: Signed,
    form: Result<Form<NewCase>, FormRejection>,
) -> Result<Response, Problem> {
    signed.require(DESK)?;
    let f = form_body(form)?;
    signed.check_csrf(&f.csrf)?;
    let today = state.today()?;
    let first = match received_event(&f).and_then(|e| match util::after_today(&e, today) {
        Some(msg) => {
            let mut errors = FieldErrors::default();
            errors.add("submitted", msg);
            Err(errors)
        }
        None => Ok(e),
    }) {
        Ok(e) => e,
        Err(errors) => {
            let mut r = new_page(&signed, f, errors, None)?;
            *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(r);
        }
    };
    let by = signed.username().to_string();
    let added = state.db(move |s| Ok(s.add_case(first, &by))).await?;
    match added {
        Ok(stored) => Ok(see_other(
            &format!("/desk/cases/{}", super::url_encode(&stored.code)),
            None,
        )),
        Err(DeskError::Refused(r)) => {
            let msg = format!("申请未登记：{}（规则 {}）", r.message.zh, r.rule);
            let mut resp = new_page(&signed, f, FieldErrors::default(), Some(msg))?;
            *resp.status_mut() = StatusCode::CONFLICT;
            Ok(resp)
        }
        Err(e) => Err(e.into()),
    }
}
