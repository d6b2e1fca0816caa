//! The review desk: drop or paste a report, see its tables in the official layout with each
//! faulty cell marked and the findings beside them; click a finding to see its cells and source
//! line; save the report into the corpus; on saved reports, confirm or dismiss each finding with
//! a comment (kept with who and when).
//!
//! An upload is read and checked at once and kept as a *draft* in memory (bounded, an hour,
//! visible only to the user who uploaded it) until it is saved or forgotten, so a reviewer can
//! look before anything is written to the corpus.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Form, Router};
use gongkai_model::Finding;
use gongkai_store::{content_hash, NewReport, ReportInfo, Role, Stored, Verdict};
use serde::Deserialize;

use super::{page, see_other, Chrome};
use crate::auth::Signed;
use crate::problem::Problem;
use crate::state::AppState;
use crate::view::report::{build, ReportView};

pub fn router(_state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/review", get(start).post(upload))
        .route("/review/drafts/{token}", get(draft))
        .route("/review/drafts/{token}/save", post(save))
        .route("/reports/{id}", get(stored))
        .route("/reports/{id}/reviews", post(review))
}

/// Drafts kept at most (the oldest go first).
const MAX_DRAFTS: usize = 64;
/// How long a draft is kept.
const DRAFT_TTL: Duration = Duration::from_secs(3600);

/// A report read and checked but not saved.
pub struct Draft {
    pub token: String,
    pub owner: String,
    pub name: String,
    pub hash: String,
    pub read: gongkai_read::Read,
    pub findings: Vec<Finding>,
    created: Instant,
}

/// The drafts in memory.
#[derive(Default)]
pub struct Drafts(Mutex<VecDeque<std::sync::Arc<Draft>>>);

impl Drafts {
    fn put(&self, d: Draft) -> Result<(), Problem> {
        let mut q = self.0.lock().map_err(|_| poisoned())?;
        q.retain(|x| x.created.elapsed() < DRAFT_TTL);
        while q.len() >= MAX_DRAFTS {
            q.pop_front();
        }
        q.push_back(std::sync::Arc::new(d));
        Ok(())
    }

    /// The draft `token` if `owner` uploaded it.
    fn get(&self, token: &str, owner: &str) -> Result<std::sync::Arc<Draft>, Problem> {
        let q = self.0.lock().map_err(|_| poisoned())?;
        q.iter()
            .find(|d| {
                crate::auth::csrf::same(&d.token, token)
                    && d.owner == owner
                    && d.created.elapsed() < DRAFT_TTL
            })
            .cloned()
            .ok_or_else(|| {
                Problem::not_found(
                    "没有这份待审报告：它可能已超过一小时被清除，或不是您上传的。请重新上传",
                    "no such draft: it may have expired after an hour, or was uploaded by someone else; upload it again",
                )
            })
    }

    fn remove(&self, token: &str) {
        if let Ok(mut q) = self.0.lock() {
            q.retain(|d| d.token != token);
        }
    }
}

fn poisoned() -> Problem {
    Problem::internal("待审报告缓存异常", "the draft cache is poisoned")
}

#[derive(Template)]
#[template(path = "review_start.html")]
struct Start {
    chrome: Chrome,
    max_mb: usize,
    recent: Vec<ReportInfo>,
}

async fn start(State(state): State<AppState>, signed: Signed) -> Result<Response, Problem> {
    signed.require(&[Role::Reviewer])?;
    let mut recent = state.db(|s| Ok(s.recent_reports(20)?)).await?;
    for r in &mut recent {
        r.ingested_at = crate::view::time::beijing_time(&r.ingested_at);
    }
    page(&Start {
        chrome: Chrome::new("报告审核", Some(&signed.0), "/review"),
        max_mb: state.config.max_upload / (1024 * 1024),
        recent,
    })
}

/// The upload: a file (`file`) or pasted text (`text`), with the form's `csrf`.
async fn upload(
    State(state): State<AppState>,
    signed: Signed,
    mut form: Multipart,
) -> Result<Response, Problem> {
    signed.require(&[Role::Reviewer])?;
    let (mut csrf, mut file, mut text) = (String::new(), None, String::new());
    while let Some(field) = form.next_field().await.map_err(multipart_problem(&state))? {
        match field.name().unwrap_or("") {
            "csrf" => csrf = field.text().await.map_err(multipart_problem(&state))?,
            "text" => text = field.text().await.map_err(multipart_problem(&state))?,
            "file" => {
                let name = field.file_name().unwrap_or("").to_string();
                let bytes = field.bytes().await.map_err(multipart_problem(&state))?;
                if !bytes.is_empty() {
                    file = Some((name, bytes.to_vec()));
                }
            }
            _ => {}
        }
    }
    signed.check_csrf(&csrf)?;
    let (name, bytes) = match (file, text.trim().is_empty()) {
        (Some(f), _) => f,
        (None, false) => ("粘贴的文本".to_string(), text.into_bytes()),
        (None, true) => {
            return Err(Problem::bad_request(
                "请选择一个报告文件，或把报告全文粘贴到文本框中",
                "choose a report file, or paste the report's text",
            ))
        }
    };
    let name = if name.is_empty() {
        "上传的文件".to_string()
    } else {
        name
    };
    let token = crate::auth::random_hex(16)?;
    let owner = signed.username().to_string();
    let draft = state
        .compute(move || -> Result<Draft, Problem> {
            let hash = content_hash(&bytes);
            let read = gongkai_read::read_bytes(&bytes).map_err(|e| {
                Problem::new(
                    axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                    format!("无法读取“{name}”：{}", e.message(gongkai_model::Lang::Zh)),
                    format!(
                        "cannot read {name:?}: {}",
                        e.message(gongkai_model::Lang::En)
                    ),
                )
            })?;
            let findings = gongkai_check::check(&read.report);
            Ok(Draft {
                token,
                owner,
                name,
                hash,
                read,
                findings,
                created: Instant::now(),
            })
        })
        .await??;
    let to = format!("/review/drafts/{}", draft.token);
    state.drafts.put(draft)?;
    Ok(see_other(&to, None))
}

fn multipart_problem(
    state: &AppState,
) -> impl Fn(axum::extract::multipart::MultipartError) -> Problem {
    let limit = state.config.max_upload;
    move |e| {
        if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
            Problem::too_large(limit)
        } else {
            Problem::bad_request(
                format!("上传的表单无法读取：{}", e.body_text()),
                format!("the uploaded form cannot be read: {}", e.body_text()),
            )
        }
    }
}

#[derive(Template)]
#[template(path = "review_report.html")]
struct ReportPage {
    chrome: Chrome,
    view: ReportView,
    source_name: String,
    /// `Some(token)` for a draft (offer to save), `None` for a stored report.
    draft: Option<String>,
    /// The stored report's id (verdict forms post there).
    report_id: Option<i64>,
    /// Already in the corpus under this id (a draft of a file stored before).
    existing: Option<i64>,
}

async fn draft(
    State(state): State<AppState>,
    signed: Signed,
    Path(token): Path<String>,
) -> Result<Response, Problem> {
    signed.require(&[Role::Reviewer])?;
    let d = state.drafts.get(&token, signed.username())?;
    let hash = d.hash.clone();
    let existing = state.db(move |s| Ok(s.report_id_by_hash(&hash)?)).await?;
    let view = build(
        &d.read.report,
        &d.findings,
        &[],
        Some(d.read.document.text()),
    );
    page(&ReportPage {
        chrome: Chrome::new(format!("审核：{}", d.name), Some(&signed.0), "/review"),
        view,
        source_name: d.name.clone(),
        draft: Some(d.token.clone()),
        report_id: None,
        existing,
    })
}

#[derive(Deserialize)]
struct CsrfForm {
    csrf: String,
}

async fn save(
    State(state): State<AppState>,
    signed: Signed,
    Path(token): Path<String>,
    Form(f): Form<CsrfForm>,
) -> Result<Response, Problem> {
    signed.require(&[Role::Reviewer])?;
    signed.check_csrf(&f.csrf)?;
    let d = state.drafts.get(&token, signed.username())?;
    let actor = signed.username().to_string();
    let d2 = d.clone();
    let id = state
        .db(move |s| {
            let stored = s.store_report(&NewReport {
                content_hash: &d2.hash,
                source_name: &d2.name,
                report: &d2.read.report,
                findings: &d2.findings,
            })?;
            let id = match stored {
                Stored::Inserted(id) => id,
                Stored::Existing => s.report_id_by_hash(&d2.hash)?.ok_or_else(|| {
                    Problem::internal(
                        "报告已存在但找不到",
                        "the report exists but cannot be found",
                    )
                })?,
            };
            s.save_report_source(id, d2.read.document.text(), &actor)?;
            Ok(id)
        })
        .await?;
    state.drafts.remove(&d.token);
    Ok(see_other(&format!("/reports/{id}"), None))
}

async fn stored(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<i64>,
) -> Result<Response, Problem> {
    signed.require(&[Role::Reviewer])?;
    let (loaded, mut reviews, source, users) = state
        .db(move |s| {
            Ok((
                s.load_report(id)?,
                s.reviews_of(id)?,
                s.report_source(id)?,
                s.users()?,
            ))
        })
        .await?;
    // Reviewers by name (username in brackets), times in Beijing time.
    for r in &mut reviews {
        if let Some(u) = users.iter().find(|u| u.username == r.reviewer) {
            r.reviewer = format!("{}（{}）", u.display_name, u.username);
        }
        r.at = crate::view::time::beijing_time(&r.at);
    }
    let Some(loaded) = loaded else {
        return Err(Problem::not_found(
            format!("资料库中没有编号为 {id} 的报告"),
            format!("the corpus has no report {id}"),
        ));
    };
    let findings: Vec<Finding> = loaded.findings.iter().map(|f| f.finding.clone()).collect();
    let view = build(&loaded.report, &findings, &reviews, source.as_deref());
    page(&ReportPage {
        chrome: Chrome::new(view.title.clone(), Some(&signed.0), "/review"),
        view,
        source_name: loaded.info.source_name.clone(),
        draft: None,
        report_id: Some(id),
        existing: None,
    })
}

#[derive(Deserialize)]
struct ReviewForm {
    csrf: String,
    finding: String,
    verdict: String,
    #[serde(default)]
    comment: String,
    #[serde(default)]
    n: usize,
}

/// Longest comment kept.
const MAX_COMMENT: usize = 2000;

async fn review(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<i64>,
    Form(f): Form<ReviewForm>,
) -> Result<Response, Problem> {
    signed.require(&[Role::Reviewer])?;
    signed.check_csrf(&f.csrf)?;
    let verdict = Verdict::parse(&f.verdict)
        .ok_or_else(|| Problem::bad_request("请选择“确认”或“排除”", "choose confirm or dismiss"))?;
    let comment = f.comment.trim().to_string();
    if comment.chars().count() > MAX_COMMENT {
        return Err(Problem::bad_request(
            format!("意见不能超过 {MAX_COMMENT} 字"),
            format!("a comment may hold at most {MAX_COMMENT} characters"),
        ));
    }
    if verdict == Verdict::Dismissed && comment.is_empty() {
        return Err(Problem::bad_request(
            "排除一条检查结果时请写明理由",
            "say why when dismissing a finding",
        ));
    }
    let reviewer = signed.username().to_string();
    let key = f.finding.clone();
    state
        .db(move |s| {
            // The finding must be one of this report's (no verdicts on made-up keys).
            let known = s
                .findings_of(id)?
                .iter()
                .any(|sf| gongkai_store::finding_key(&sf.finding) == key);
            if !known {
                return Err(Problem::not_found(
                    "该报告没有这条检查结果",
                    "the report has no such finding",
                ));
            }
            s.add_review(id, &key, verdict, &comment, &reviewer)?;
            Ok(())
        })
        .await?;
    Ok(see_other(&format!("/reports/{id}#f-{}", f.n), None))
}
