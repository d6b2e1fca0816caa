//! The progress lookup: tracking code + check code → the case's state and dates, nothing else.

use askama::Template;
use axum::extract::rejection::FormRejection;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use axum::Form;
use gongkai_desk::{Calendar, Day, EventKind, Status};
use gongkai_store::{sha256_hex, StoredCase};
use serde::Deserialize;

use crate::auth::{csrf, Viewer};
use crate::pages::desk::util::{form_body, FieldErrors};
use crate::pages::{page, with_cookie, Chrome};
use crate::problem::Problem;
use crate::state::AppState;

/// The one answer for an unknown tracking code and a wrong check code alike.
pub const NOT_FOUND: &str =
    "编号或查询码不正确。请核对申请时取得的查询编号和查询码（查询码不区分大小写）后重试";

/// Longest code looked up (longer input cannot be a code; it is answered like a wrong one).
const MAX_CODE: usize = 40;

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct TrackForm {
    csrf: String,
    code: String,
    check: String,
}

/// What the applicant may see of their case.
struct Progress {
    code: String,
    state: String,
    receipt: String,
    due: Option<String>,
    due_note: String,
    extended_days: u32,
    closed: Option<(String, String)>,
}

#[derive(Template)]
#[template(path = "public_track.html")]
struct TrackPage {
    chrome: Chrome,
    csrf: String,
    f: TrackForm,
    errors: FieldErrors,
    problem: Option<String>,
    progress: Option<Progress>,
}

fn track_page(
    viewer: &Viewer,
    token: String,
    f: TrackForm,
    errors: FieldErrors,
    problem: Option<String>,
    progress: Option<Progress>,
    status: StatusCode,
) -> Result<Response, Problem> {
    let mut r = page(&TrackPage {
        chrome: Chrome::new("办理进度查询", viewer.0.as_ref(), "/track"),
        csrf: token,
        f,
        errors,
        problem,
        progress,
    })?;
    *r.status_mut() = status;
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}

pub(super) async fn form(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let (token, set) = csrf::anon_token(&headers, state.config.secure_cookies)?;
    let r = track_page(
        &viewer,
        token,
        TrackForm::default(),
        FieldErrors::default(),
        None,
        None,
        StatusCode::OK,
    )?;
    Ok(with_cookie(r, set))
}

/// A code as people type it: spaces and (for the check code) hyphens dropped, upper case.
fn normalize(s: &str, drop_hyphens: bool) -> String {
    s.chars()
        .filter(|c| !(c.is_whitespace() || (drop_hyphens && *c == '-')))
        .flat_map(char::to_uppercase)
        .collect()
}

/// The case as the applicant may see it: state, receipt, due date, extension, closure.
fn progress(s: &StoredCase, today: Day, cal: &Calendar) -> Progress {
    let case = &s.case;
    let extended_days: u32 = case
        .events()
        .iter()
        .map(|e| match &e.kind {
            EventKind::ExtensionApproved { days, .. } => *days,
            _ => 0,
        })
        .sum();
    let state = match case.status(today, cal) {
        Ok(Status::Closed { .. }) => "已办结".to_string(),
        Ok(Status::AwaitingCorrection {
            deadline,
            lapsed: false,
        }) => format!("等待申请人补正（补正期限 {deadline}）"),
        Ok(Status::AwaitingCorrection { deadline, .. }) => {
            format!("补正期限 {deadline} 已过，尚未收到补正")
        }
        Ok(Status::AwaitingPayment {
            pay_by,
            lapsed: false,
        }) => format!("等待缴纳信息处理费（缴费期限 {pay_by}）"),
        Ok(Status::AwaitingPayment { pay_by, .. }) => {
            format!("缴费期限 {pay_by} 已过，尚未缴费")
        }
        Ok(Status::Consulting { .. }) => {
            "办理中（正在征求意见，所需时间不计入答复期限）".to_string()
        }
        Ok(Status::InProgress { overdue: false, .. }) => "办理中".to_string(),
        Ok(Status::InProgress { overdue: true, .. }) => "办理中（已超过答复期限）".to_string(),
        Err(_) => "办理中".to_string(),
    };
    let (due, due_note) = match case.reply_deadline(today, cal) {
        Ok(Some(d)) if d.provisional => (
            Some(d.due.iso()),
            "最迟日期；征求意见或缴费结束后重新计算".to_string(),
        ),
        Ok(Some(d)) => (Some(d.due.iso()), String::new()),
        Ok(None) => (None, "收到补正后重新计算".to_string()),
        Err(_) => (None, "节假日安排公布后确定".to_string()),
    };
    Progress {
        code: s.code.clone(),
        state,
        receipt: case.receipt_date().iso(),
        due,
        due_note,
        extended_days,
        closed: case
            .closure()
            .map(|c| (c.on.iso(), c.disposition.zh().to_string())),
    }
}

pub(super) async fn submit(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    form: Result<Form<TrackForm>, FormRejection>,
) -> Result<Response, Problem> {
    let f = form_body(form)?;
    if csrf::check_anon(&headers, &f.csrf).is_err() {
        let (token, set) = csrf::anon_token(&HeaderMap::new(), state.config.secure_cookies)?;
        let r = track_page(
            &viewer,
            token,
            f,
            FieldErrors::default(),
            Some("表单已过期或来源不明，请再次点击“查询”".to_string()),
            None,
            StatusCode::FORBIDDEN,
        )?;
        return Ok(with_cookie(r, set));
    }
    let code = normalize(&f.code, false);
    let check = normalize(&f.check, true);
    let mut errors = FieldErrors::default();
    if code.is_empty() {
        errors.add("code", "请填写查询编号，如 YSQ2026-0001");
    }
    if check.is_empty() {
        errors.add("check", "请填写申请时取得的查询码");
    }
    if !errors.is_empty() {
        let token = f.csrf.clone();
        return track_page(
            &viewer,
            token,
            f,
            errors,
            None,
            None,
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    }
    // The hash is computed, and the store asked, whatever the input looks like: an answer
    // must not come sooner for a code that cannot exist.
    let hash = sha256_hex(&check);
    let code = code.chars().take(MAX_CODE).collect::<String>();
    let cal = state.calendar;
    let found = state
        .db(move |s| {
            s.lookup_application(&code, &hash, cal)
                .map_err(Problem::from)
        })
        .await?;
    let token = f.csrf.clone();
    match found {
        Some(stored) => {
            let today = state.today()?;
            let p = progress(&stored, today, cal);
            // The check code is not echoed back once the lookup has succeeded.
            let shown = TrackForm {
                check: String::new(),
                ..f
            };
            track_page(
                &viewer,
                token,
                shown,
                FieldErrors::default(),
                None,
                Some(p),
                StatusCode::OK,
            )
        }
        None => track_page(
            &viewer,
            token,
            f,
            FieldErrors::default(),
            Some(NOT_FOUND.to_string()),
            None,
            StatusCode::NOT_FOUND,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_normalized_as_typed() {
        assert_eq!(normalize(" ysq2026-0001 ", false), "YSQ2026-0001");
        assert_eq!(normalize("abcd-efgh", true), "ABCDEFGH");
        assert_eq!(normalize("ab cd ef gh", true), "ABCDEFGH");
    }
}
