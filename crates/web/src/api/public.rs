//! The public side of the API (no account, rate-limited per client): file an application, and
//! look up its progress with the tracking code and the check code given when it was filed.
//!
//! The lookup says only the state and the due date — never the applicant's name, the request
//! or the contact details — and answers an unknown code and a wrong check code with the same
//! 404, so a guesser cannot tell which codes exist. These endpoints take no cookie and accept
//! only JSON bodies, so cross-site request forgery has nothing to ride on.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use gongkai_desk::{Applicant, ApplicantType, Channel, Event, EventKind};
use gongkai_store::sha256_hex;
use serde::Deserialize;
use serde_json::{json, Value};

use super::body::Body;
use super::cases::status_json;
use crate::problem::{ApiProblem, Problem};
use crate::state::AppState;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Lookup {
    code: String,
    check: String,
}

/// The one answer for an unknown code and for a wrong check code.
fn not_found() -> ApiProblem {
    ApiProblem(Problem::not_found(
        "没有找到这件申请：请核对申请编号和查询码",
        "no application matches this tracking code and check code",
    ))
}

/// Progress of an application: its state and due date, nothing else.
pub async fn lookup(State(state): State<AppState>, body: Body) -> Result<Json<Value>, ApiProblem> {
    let b: Lookup = body.json()?;
    let code = b.code.trim().to_ascii_uppercase();
    let check = b.check.trim().to_string();
    if code.is_empty() || code.len() > 64 || check.is_empty() || check.len() > 128 {
        return Err(not_found());
    }
    let hash = sha256_hex(&check);
    let cal = state.calendar;
    let found = state
        .db(move |s| Ok(s.lookup_application(&code, &hash, cal)?))
        .await?;
    let Some(case) = found else {
        return Err(not_found());
    };
    let today = state.today()?;
    let st = status_json(&case, today, cal);
    Ok(Json(json!({
        "code": case.code,
        "state": st["state"],
        "label": st["label"],
        "due": st["due"],
    })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Apply {
    /// The applicant's name (a person's, or an organisation's).
    name: String,
    /// A `requests` column key; a natural person when absent.
    #[serde(default)]
    applicant_type: Option<String>,
    /// What information is asked for.
    request: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    address: String,
}

fn invalid(zh: impl Into<String>, en: impl Into<String>) -> ApiProblem {
    ApiProblem(Problem::new(StatusCode::UNPROCESSABLE_ENTITY, zh, en))
}

/// Longest name, request and contact field accepted.
const MAX_NAME: usize = 100;
const MAX_REQUEST: usize = 5000;
const MAX_CONTACT: usize = 200;

/// Files an application as the public form does (received online today); answers the
/// tracking code and the check code, which is shown this once and kept only as its hash.
pub async fn apply(State(state): State<AppState>, body: Body) -> Result<Response, ApiProblem> {
    let b: Apply = body.json()?;
    let name = b.name.trim().to_string();
    let request = b.request.trim().to_string();
    let (phone, email, address) = (
        b.phone.trim().to_string(),
        b.email.trim().to_string(),
        b.address.trim().to_string(),
    );
    if name.is_empty() || name.chars().count() > MAX_NAME {
        return Err(invalid(
            format!("请填写申请人姓名或名称（不超过 {MAX_NAME} 字）"),
            format!("give the applicant's name (at most {MAX_NAME} characters)"),
        ));
    }
    if request.is_empty() || request.chars().count() > MAX_REQUEST {
        return Err(invalid(
            format!(
                "请写明所需政府信息的名称、文号或便于查询的特征性描述（不超过 {MAX_REQUEST} 字）"
            ),
            format!("describe the information requested (at most {MAX_REQUEST} characters)"),
        ));
    }
    if phone.is_empty() && email.is_empty() && address.is_empty() {
        return Err(invalid(
            "请至少留下一种联系方式（电话、电子邮箱或通信地址）",
            "give at least one way to reach you (phone, email or address)",
        ));
    }
    if [&phone, &email, &address]
        .iter()
        .any(|s| s.chars().count() > MAX_CONTACT)
    {
        return Err(invalid(
            format!("联系方式每项不超过 {MAX_CONTACT} 字"),
            format!("each contact field holds at most {MAX_CONTACT} characters"),
        ));
    }
    let kind = match b.applicant_type.as_deref().map(str::trim) {
        None | Some("") => ApplicantType::NaturalPerson,
        Some(k) => ApplicantType::from_key(k).ok_or_else(|| {
            invalid(
                format!("申请人类型“{k}”无法识别"),
                format!("unknown applicant type {k:?}"),
            )
        })?,
    };
    let today = state.today()?;
    let event = Event {
        date: today,
        kind: EventKind::Received {
            channel: Channel::Online { confirmed: today },
            applicant: Applicant { name, kind },
            request,
        },
    };
    let check = crate::auth::check_code()?;
    let hash = sha256_hex(&check);
    let contact = json!({ "phone": phone, "email": email, "address": address });
    let cal = state.calendar;
    let case = state
        .db(move |s| Ok(s.file_application(event, &hash, &contact)?))
        .await?;
    let st = status_json(&case, today, cal);
    let body = json!({
        "code": case.code,
        "check": check,
        "received_on": case.case.receipt_date().iso(),
        "due": st["due"],
    });
    let mut r = (StatusCode::CREATED, Json(body)).into_response();
    r.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    Ok(r)
}
