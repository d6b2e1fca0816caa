//! One case: who applied and what for, where it stands, the deadline that matters now with the
//! chain of reasons behind it, its history (what happened, recorded by whom and when), the
//! contact details of an application filed on the public side, and a form for each event the
//! clerk can record next.

use askama::Template;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use gongkai_desk::{
    Abandonment, ConsultationKind, DeadlineKind, Disposition, Event, EventKind, Lang, ReplyType,
    Status,
};
use gongkai_model::{formats, FormatId};
use gongkai_store::DeskError;
use serde::Deserialize;
use serde_json::Value as Json;

use super::util::{
    beijing_time, bounded_text, form_body, parse_day, parse_number, request_of, status_zh, today_or,
};
use super::DESK;
use crate::auth::Signed;
use crate::pages::{page, see_other, url_encode, Chrome};
use crate::problem::Problem;
use crate::state::AppState;

/// Longest name of the person who approved an extension.
const MAX_APPROVER: usize = 100;

/// The events a clerk records after receipt: (key, label).
const EVENT_KINDS: [(&str, &str); 10] = [
    ("correction_requested", "告知补正"),
    ("correction_received", "收到补正"),
    ("consultation_started", "征求意见"),
    ("consultation_answered", "收到意见"),
    ("extension_approved", "延长答复期限"),
    ("fee_notice_issued", "发出收费通知"),
    ("fee_paid", "缴纳费用"),
    ("replied", "答复"),
    ("withdrawn", "申请人撤回申请"),
    ("abandoned", "视为放弃申请"),
];

/// An event form as typed (kept when the page is shown again with an error).
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct EventForm {
    csrf: String,
    kind: String,
    date: String,
    deadline: String,
    with: String,
    approved_by: String,
    days: String,
    told: String,
    amount: String,
    notice_received: String,
    reply: String,
    reason: String,
}

#[derive(Deserialize, Default)]
pub struct CaseQuery {
    today: Option<String>,
}

struct HistoryRow {
    seq: usize,
    date: String,
    what: String,
    by: String,
    at: String,
}

struct DeadlineView {
    /// 答复期限, 补正期限, 缴费期限.
    what: &'static str,
    due: String,
    left: String,
    badge: &'static str,
    /// `Deadline::explain(Lang::Zh)`: the chain of reasons.
    explain: String,
}

/// A reply type as the form offers it: what it is, under which article, and the one 表三 row
/// it is counted in.
struct ReplyOption {
    key: &'static str,
    label: String,
    row: String,
}

#[derive(Template)]
#[template(path = "desk_case.html")]
struct CasePage {
    chrome: Chrome,
    code: String,
    applicant: String,
    applicant_type: &'static str,
    channel: String,
    receipt: String,
    request: String,
    state: String,
    state_badge: &'static str,
    deadline: Option<DeadlineView>,
    deadline_error: Option<String>,
    closed: bool,
    /// Filed on the public side: the contact details the applicant gave.
    contact: Option<Vec<(String, String)>>,
    history: Vec<HistoryRow>,
    today: String,
    f: EventForm,
    /// A form value that could not be read (shown in the open form).
    error: Option<String>,
    /// The rules' refusal of the posted event (nothing was written).
    refused: Option<String>,
    kinds: Vec<(&'static str, &'static str)>,
    replies: Vec<ReplyOption>,
}

impl CasePage {
    /// Whether the form of event `kind` is shown open (the one just posted).
    fn open(&self, kind: &str) -> bool {
        self.f.kind == kind
    }

    /// The date the form of `kind` shows: what was typed there, or today.
    fn date_for(&self, kind: &str) -> &str {
        if self.f.kind == kind && !self.f.date.trim().is_empty() {
            &self.f.date
        } else {
            &self.today
        }
    }

    fn label_of(&self, kind: &str) -> &'static str {
        self.kinds
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or("", |(_, l)| l)
    }
}

/// The reply types with their 表三 rows (2021 format, the one in force).
fn reply_options() -> Vec<ReplyOption> {
    let table = formats::get(FormatId::F2021).table("requests");
    ReplyType::ALL
        .iter()
        .map(|r| {
            let label = if r.article().is_empty() {
                r.zh().to_string()
            } else {
                format!("{}（条例{}）", r.zh(), r.article())
            };
            let row = Disposition::Replied(*r)
                .row(FormatId::F2021)
                .map(|row| {
                    let group = row
                        .group
                        .filter(|g| *g != "results")
                        .and_then(|g| table.and_then(|t| t.groups.iter().find(|x| x.key == g)))
                        .map_or(String::new(), |g| g.label.to_string());
                    format!("三、{group}{}", row.label)
                })
                .unwrap_or_default();
            ReplyOption {
                key: r.key(),
                label,
                row,
            }
        })
        .collect()
}

/// Labels of the contact details filed on the public side, in the order they are shown.
fn contact_rows(contact: &Json) -> Vec<(String, String)> {
    let Some(obj) = contact.as_object() else {
        return Vec::new();
    };
    obj.iter()
        .filter_map(|(k, v)| {
            let value = match v {
                Json::String(s) => s.clone(),
                Json::Null => return None,
                other => other.to_string(),
            };
            if value.trim().is_empty() {
                return None;
            }
            let (label, value) = crate::pages::public::contact_label(k, &value);
            Some((label, value))
        })
        .collect()
}

/// Builds the page for case `code` as it stands.
async fn case_page(
    state: &AppState,
    signed: &Signed,
    code: &str,
    today: gongkai_desk::Day,
    f: EventForm,
    error: Option<String>,
    refused: Option<String>,
) -> Result<Response, Problem> {
    let cal = state.calendar;
    let code_owned = code.trim().to_string();
    let (stored, contact) = state
        .db(move |s| {
            let stored = s.load_case(&code_owned, cal)?;
            let contact = s.application_contact(stored.id)?;
            Ok((stored, contact))
        })
        .await?;
    let case = &stored.case;
    let applicant = case.applicant();
    let status = case.status(today, cal);
    let (state_text, state_badge) = match &status {
        Ok(st @ Status::InProgress { overdue: true, .. }) => (status_zh(st), "overdue"),
        Ok(st @ Status::Closed { .. }) => (status_zh(st), "ok"),
        Ok(
            st @ (Status::AwaitingCorrection { lapsed: true, .. }
            | Status::AwaitingPayment { lapsed: true, .. }),
        ) => (status_zh(st), "warning"),
        Ok(st) => (status_zh(st), "notice"),
        Err(e) => (format!("期限无法计算：{}", e.message().zh), "warning"),
    };
    let closed = case.closure().is_some();
    let (deadline, deadline_error) = match case.current_deadline(today, cal) {
        Ok(Some(d)) => {
            let overdue = d.kind == DeadlineKind::Reply && today > d.due;
            let (left, badge) = match cal.working_days_left(today, d.due) {
                Ok(n) if n < 0 && overdue => (format!("逾期 {} 个工作日", -n), "overdue"),
                Ok(_) if overdue => ("已逾期".to_string(), "overdue"),
                Ok(n) if n < 0 => (format!("已过 {} 个工作日", -n), "warning"),
                Ok(n) => (format!("剩余 {n} 个工作日"), ""),
                Err(e) => (e.message().zh, "warning"),
            };
            let what = match d.kind {
                DeadlineKind::Reply => "答复期限",
                DeadlineKind::Correction => "补正期限",
                DeadlineKind::Payment => "缴费期限",
            };
            (
                Some(DeadlineView {
                    what,
                    due: d.due.iso(),
                    left,
                    badge,
                    explain: d.explain(Lang::Zh),
                }),
                None,
            )
        }
        Ok(None) => (None, None),
        Err(e) => (None, Some(e.message().zh)),
    };
    let history = case
        .events()
        .iter()
        .zip(&stored.records)
        .map(|(e, r)| HistoryRow {
            seq: r.seq + 1,
            date: e.date.iso(),
            what: e.describe(gongkai_desk::Lang::Zh),
            by: r.recorded_by.clone(),
            at: beijing_time(&r.recorded_at),
        })
        .collect();
    let receipt = case.receipt_date();
    let submitted = case.events().first().map_or(receipt, |e| e.date);
    let status_code = if refused.is_some() {
        StatusCode::CONFLICT
    } else if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let mut r = page(&CasePage {
        chrome: Chrome::new(format!("案件 {}", stored.code), Some(&signed.0), "/desk"),
        code: stored.code.clone(),
        applicant: applicant.map(|a| a.name.clone()).unwrap_or_default(),
        applicant_type: applicant.map_or("", |a| a.kind.zh()),
        channel: case.channel().describe(submitted).zh,
        receipt: receipt.iso(),
        request: request_of(case).to_string(),
        state: state_text,
        state_badge,
        deadline,
        deadline_error,
        closed,
        contact: contact.as_ref().map(contact_rows),
        history,
        today: today.iso(),
        f,
        error,
        refused,
        kinds: EVENT_KINDS.to_vec(),
        replies: reply_options(),
    })?;
    *r.status_mut() = status_code;
    Ok(r)
}

pub(super) async fn show(
    State(state): State<AppState>,
    signed: Signed,
    Path(code): Path<String>,
    Query(q): Query<CaseQuery>,
) -> Result<Response, Problem> {
    signed.require(DESK)?;
    let today = today_or(&state, q.today.as_deref())?;
    case_page(
        &state,
        &signed,
        &code,
        today,
        EventForm::default(),
        None,
        None,
    )
    .await
}

fn consultation(value: &str) -> Result<ConsultationKind, String> {
    match value.trim() {
        "third_party" => Ok(ConsultationKind::ThirdParty),
        "other_agency" => Ok(ConsultationKind::OtherAgency),
        _ => Err("请选择征求谁的意见：第三方（条例第三十二条）或其他机关（条例第三十四条）".into()),
    }
}

/// The event from its form, or what is wrong with the form (in Chinese, naming the field).
fn parse_event(f: &EventForm) -> Result<Event, String> {
    let date = parse_day(&f.date, "日期")?;
    let optional_day = |v: &str, label: &str| -> Result<gongkai_desk::Day, String> {
        if v.trim().is_empty() {
            Ok(date)
        } else {
            parse_day(v, label)
        }
    };
    let kind = match f.kind.trim() {
        "correction_requested" => EventKind::CorrectionRequested {
            deadline: parse_day(&f.deadline, "补正期限")?,
        },
        "correction_received" => EventKind::CorrectionReceived,
        "consultation_started" => EventKind::ConsultationStarted {
            kind: consultation(&f.with)?,
        },
        "consultation_answered" => EventKind::ConsultationAnswered {
            kind: consultation(&f.with)?,
        },
        "extension_approved" => {
            let approved_by = bounded_text(&f.approved_by, "批准人", MAX_APPROVER)?;
            if approved_by.is_empty() {
                return Err(
                    "请填写“批准人”：延长答复期限须经政府信息公开工作机构负责人同意（条例第三十三条）"
                        .into(),
                );
            }
            EventKind::ExtensionApproved {
                approved_by,
                days: parse_number(&f.days, "延长工作日数")?,
                applicant_told: optional_day(&f.told, "告知申请人日期")?,
            }
        }
        "fee_notice_issued" => EventKind::FeeNoticeIssued {
            amount_yuan: parse_number(&f.amount, "金额（元）")?,
            applicant_received: optional_day(&f.notice_received, "申请人收到通知日期")?,
        },
        "fee_paid" => EventKind::FeePaid,
        "replied" => EventKind::Replied {
            reply: ReplyType::from_key(f.reply.trim())
                .ok_or("请选择答复类型（每种答复类型对应表三的一行）")?,
        },
        "withdrawn" => EventKind::Withdrawn,
        "abandoned" => EventKind::Abandoned {
            reason: match f.reason.trim() {
                "no_correction" => Abandonment::NoCorrection,
                "fee_not_paid" => Abandonment::FeeNotPaid,
                _ => return Err("请选择视为放弃申请的原因：逾期不补正，或逾期未缴费".into()),
            },
        },
        _ => return Err("请选择要记录的事件".into()),
    };
    Ok(Event { date, kind })
}

pub(super) async fn record(
    State(state): State<AppState>,
    signed: Signed,
    Path(code): Path<String>,
    form: Result<Form<EventForm>, FormRejection>,
) -> Result<Response, Problem> {
    signed.require(DESK)?;
    let f = form_body(form)?;
    signed.check_csrf(&f.csrf)?;
    let today = today_or(&state, None)?;
    let event = match parse_event(&f).and_then(|e| match super::util::after_today(&e, today) {
        Some(msg) => Err(msg),
        None => Ok(e),
    }) {
        Ok(e) => e,
        Err(msg) => return case_page(&state, &signed, &code, today, f, Some(msg), None).await,
    };
    let by = signed.username().to_string();
    let cal = state.calendar;
    let code_owned = code.trim().to_string();
    let appended = state
        .db(move |s| Ok(s.append_event(&code_owned, event, &by, cal)))
        .await?;
    match appended {
        Ok(stored) => Ok(see_other(
            &format!("/desk/cases/{}#history", url_encode(&stored.code)),
            None,
        )),
        Err(DeskError::Refused(r)) => {
            let label = EVENT_KINDS
                .iter()
                .find(|(k, _)| *k == f.kind.trim())
                .map_or("事件", |(_, l)| l);
            let msg = format!(
                "“{label}”未记录：{}（规则 {}）。案件记录没有改动",
                r.message.zh, r.rule
            );
            case_page(&state, &signed, &code, today, f, None, Some(msg)).await
        }
        Err(e) => Err(e.into()),
    }
}
