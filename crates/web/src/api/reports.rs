//! Reports (reviewers): check a report sent as it is, list and load the corpus's reports with
//! their findings and verdicts, record a verdict, list units, totals and rates. Reports and
//! findings have the KEYS.md JSON form of `gongkai parse` / `gongkai check`.

use std::collections::HashMap;

use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use gongkai_model::{Finding, Lang, Severity};
use gongkai_store::{finding_key, GroupBy, Review, Role, Scope, StatsRow, Verdict};
use gongkai_write::report_json;
use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::body::{bad_query, lang, ApiUser, Body};
use crate::problem::{ApiProblem, Problem};
use crate::state::AppState;

#[derive(Deserialize, Default)]
pub struct LangQuery {
    lang: Option<String>,
}

fn lang_of(q: Result<Query<LangQuery>, QueryRejection>) -> Result<Lang, ApiProblem> {
    let Query(q) = q.map_err(bad_query)?;
    lang(q.lang.as_deref())
}

fn summary(findings: &[&Finding]) -> Value {
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    json!({
        "error": count(Severity::Error),
        "warning": count(Severity::Warning),
        "notice": count(Severity::Notice),
    })
}

/// Reads and checks the report in the body (text, HTML, Word, PDF: sniffed from the bytes);
/// nothing is stored.
pub async fn check(
    State(state): State<AppState>,
    user: ApiUser,
    headers: HeaderMap,
    q: Result<Query<LangQuery>, QueryRejection>,
    body: Body,
) -> Result<Json<Value>, ApiProblem> {
    user.require_unsafe(&[Role::Reviewer], &headers)?;
    let lang = lang_of(q)?;
    let bytes = body.bytes()?;
    if bytes.is_empty() {
        return Err(ApiProblem(Problem::bad_request(
            "请求体为空：请把报告文件的内容作为请求体发送",
            "the body is empty: send the report file's bytes as the body",
        )));
    }
    let v = state
        .compute(move || -> Result<Value, Problem> {
            let read = gongkai_read::read_bytes(&bytes).map_err(|e| {
                Problem::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    format!("无法读取报告：{}", e.message(Lang::Zh)),
                    format!("cannot read the report: {}", e.message(Lang::En)),
                )
            })?;
            let findings = gongkai_check::check(&read.report);
            let mut v = report_json(&read.report, &findings, lang, None);
            v["summary"] = summary(&findings.iter().collect::<Vec<_>>());
            Ok(v)
        })
        .await??;
    Ok(Json(v))
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    year: Option<String>,
    unit: Option<String>,
    q: Option<String>,
    with_errors: Option<String>,
}

fn bad_param(name: &str, v: &str) -> ApiProblem {
    ApiProblem(Problem::bad_request(
        format!("参数 {name} 的值“{v}”无法识别"),
        format!("parameter {name}: {v:?} cannot be read"),
    ))
}

fn opt_param<T: std::str::FromStr>(name: &str, v: Option<&str>) -> Result<Option<T>, ApiProblem> {
    match v.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(s) => s.parse().map(Some).map_err(|_| bad_param(name, s)),
    }
}

fn flag(name: &str, v: Option<&str>) -> Result<bool, ApiProblem> {
    match v.map(str::trim) {
        None | Some("" | "false" | "0") => Ok(false),
        Some("true" | "1") => Ok(true),
        Some(s) => Err(bad_param(name, s)),
    }
}

/// The corpus's reports, filtered by year, unit (id), unit name (substring) and errors.
pub async fn list(
    State(state): State<AppState>,
    user: ApiUser,
    q: Result<Query<ListQuery>, QueryRejection>,
) -> Result<Json<Value>, ApiProblem> {
    user.require(&[Role::Reviewer])?;
    let Query(q) = q.map_err(bad_query)?;
    let year: Option<i32> = opt_param("year", q.year.as_deref())?;
    let unit: Option<i64> = opt_param("unit", q.unit.as_deref())?;
    let with_errors = flag("with_errors", q.with_errors.as_deref())?;
    let name =
        q.q.as_deref()
            .map(|s| gongkai_store::normalize_name(s).to_lowercase())
            .unwrap_or_default();
    let (lines, units) = state.db(|s| Ok((s.report_lines()?, s.units()?))).await?;
    let names: HashMap<i64, &str> = units.iter().map(|u| (u.id, u.name.as_str())).collect();
    let reports: Vec<Value> = lines
        .iter()
        .filter(|l| year.is_none_or(|y| l.year == Some(y)))
        .filter(|l| unit.is_none_or(|u| l.unit_id == Some(u)))
        .filter(|l| !with_errors || l.errors > 0)
        .filter(|l| {
            if name.is_empty() {
                return true;
            }
            let unit_name = l.unit_id.and_then(|u| names.get(&u).copied());
            [unit_name, l.agency.as_deref()]
                .into_iter()
                .flatten()
                .any(|n| {
                    gongkai_store::normalize_name(n)
                        .to_lowercase()
                        .contains(&name)
                })
        })
        .map(|l| {
            json!({
                "id": l.id,
                "source": l.source_name,
                "agency": l.agency,
                "unit_id": l.unit_id,
                "unit": l.unit_id.and_then(|u| names.get(&u).copied()),
                "year": l.year,
                "format": l.format.key(),
                "errors": l.errors,
            })
        })
        .collect();
    Ok(Json(json!({ "count": reports.len(), "reports": reports })))
}

fn review_json(r: &Review) -> Value {
    json!({
        "id": r.id,
        "report_id": r.report_id,
        "finding": r.finding_key,
        "verdict": r.verdict.key(),
        "comment": r.comment,
        "reviewer": r.reviewer,
        "at": r.at,
    })
}

fn not_found(id: i64) -> ApiProblem {
    ApiProblem(Problem::not_found(
        format!("资料库中没有编号为 {id} 的报告"),
        format!("the corpus has no report {id}"),
    ))
}

fn report_id(p: Result<Path<i64>, PathRejection>) -> Result<i64, ApiProblem> {
    p.map(|Path(id)| id).map_err(|_| {
        ApiProblem(Problem::not_found(
            "报告编号应为整数",
            "a report id is an integer",
        ))
    })
}

/// One stored report: its cells, its findings (each with its `key` and the verdict in force),
/// and every verdict recorded on it.
pub async fn one(
    State(state): State<AppState>,
    user: ApiUser,
    id: Result<Path<i64>, PathRejection>,
    q: Result<Query<LangQuery>, QueryRejection>,
) -> Result<Json<Value>, ApiProblem> {
    user.require(&[Role::Reviewer])?;
    let id = report_id(id)?;
    let lang = lang_of(q)?;
    let (loaded, reviews, units) = state
        .db(move |s| Ok((s.load_report(id)?, s.reviews_of(id)?, s.units()?)))
        .await?;
    let Some(loaded) = loaded else {
        return Err(not_found(id));
    };
    let findings: Vec<Finding> = loaded.findings.iter().map(|f| f.finding.clone()).collect();
    let mut v = report_json(
        &loaded.report,
        &findings,
        lang,
        Some(&loaded.info.source_name),
    );
    let mut latest: HashMap<&str, &Review> = HashMap::new();
    for r in &reviews {
        latest.insert(r.finding_key.as_str(), r);
    }
    let mut open: Vec<&Finding> = Vec::new();
    if let Some(items) = v.get_mut("findings").and_then(Value::as_array_mut) {
        for (item, sf) in items.iter_mut().zip(&loaded.findings) {
            let key = finding_key(&sf.finding);
            let verdict = latest.get(key.as_str()).copied();
            if verdict.is_none_or(|r| r.verdict != Verdict::Dismissed) {
                open.push(&sf.finding);
            }
            if let Some(obj) = item.as_object_mut() {
                obj.insert(
                    "scope".into(),
                    json!(match sf.scope {
                        Scope::Report => "report",
                        Scope::Across => "across",
                    }),
                );
                obj.insert("verdict".into(), verdict.map_or(Value::Null, review_json));
                obj.insert("key".into(), json!(key));
            }
        }
    }
    let unit = loaded
        .info
        .unit_id
        .and_then(|u| units.iter().find(|x| x.id == u))
        .map(|u| u.name.clone());
    if let Some(obj) = v.as_object_mut() {
        let mut head = Map::new();
        head.insert("id".into(), json!(id));
        head.insert("unit_id".into(), json!(loaded.info.unit_id));
        head.insert("unit".into(), json!(unit));
        head.insert("content_hash".into(), json!(loaded.info.content_hash));
        head.insert("ingested_at".into(), json!(loaded.info.ingested_at));
        head.extend(std::mem::take(obj));
        head.insert("summary".into(), summary(&open));
        head.insert(
            "reviews".into(),
            Value::Array(reviews.iter().map(review_json).collect()),
        );
        *obj = head;
    }
    Ok(Json(v))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewBody {
    finding: String,
    verdict: String,
    #[serde(default)]
    comment: String,
}

/// Longest comment kept (the review desk's limit).
const MAX_COMMENT: usize = 2000;

/// Records a verdict on a finding of a stored report.
pub async fn review(
    State(state): State<AppState>,
    user: ApiUser,
    headers: HeaderMap,
    id: Result<Path<i64>, PathRejection>,
    body: Body,
) -> Result<Response, ApiProblem> {
    user.require_unsafe(&[Role::Reviewer], &headers)?;
    let id = report_id(id)?;
    let b: ReviewBody = body.json()?;
    let verdict = Verdict::parse(b.verdict.trim()).ok_or_else(|| {
        ApiProblem(Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "verdict 应为 confirmed（确认）或 dismissed（排除）",
            "verdict is confirmed or dismissed",
        ))
    })?;
    let comment = b.comment.trim().to_string();
    if comment.chars().count() > MAX_COMMENT {
        return Err(ApiProblem(Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("意见不能超过 {MAX_COMMENT} 字"),
            format!("a comment may hold at most {MAX_COMMENT} characters"),
        )));
    }
    if verdict == Verdict::Dismissed && comment.is_empty() {
        return Err(ApiProblem(Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "排除一条检查结果时请写明理由（comment）",
            "say why when dismissing a finding (comment)",
        )));
    }
    let reviewer = user.username().to_string();
    let key = b.finding;
    let stored = state
        .db(move |s| {
            let known = s
                .findings_of(id)?
                .iter()
                .any(|sf| finding_key(&sf.finding) == key);
            if !known {
                let exists = s.report_lines()?.iter().any(|l| l.id == id);
                return Ok(Err(exists));
            }
            Ok(Ok(s.add_review(id, &key, verdict, &comment, &reviewer)?))
        })
        .await?;
    match stored {
        Ok(r) => Ok((StatusCode::CREATED, Json(review_json(&r))).into_response()),
        Err(false) => Err(not_found(id)),
        Err(true) => Err(ApiProblem(Problem::not_found(
            "该报告没有这条检查结果（finding 应为报告详情中检查结果的 key）",
            "the report has no such finding (finding is a finding's key from the report)",
        ))),
    }
}

/// Every unit with its aliases, parent, kind and number of reports.
pub async fn units(
    State(state): State<AppState>,
    user: ApiUser,
) -> Result<Json<Value>, ApiProblem> {
    user.require(&[Role::Reviewer])?;
    let (units, lines) = state.db(|s| Ok((s.units()?, s.report_lines()?))).await?;
    let mut count: HashMap<i64, usize> = HashMap::new();
    for l in &lines {
        if let Some(u) = l.unit_id {
            *count.entry(u).or_default() += 1;
        }
    }
    let units: Vec<Value> = units
        .iter()
        .map(|u| {
            json!({
                "id": u.id,
                "name": u.name,
                "aliases": u.aliases,
                "parent": u.parent,
                "kind": u.kind,
                "reports": count.get(&u.id).copied().unwrap_or(0),
            })
        })
        .collect();
    Ok(Json(json!({ "count": units.len(), "units": units })))
}

#[derive(Deserialize, Default)]
pub struct StatsQuery {
    by: Option<String>,
}

/// Totals and rates over the corpus: all together, by year or by unit.
pub async fn stats(
    State(state): State<AppState>,
    user: ApiUser,
    q: Result<Query<StatsQuery>, QueryRejection>,
) -> Result<Json<Value>, ApiProblem> {
    user.require(&[Role::Reviewer])?;
    let Query(q) = q.map_err(bad_query)?;
    let (key, by) = match q.by.as_deref().map(str::trim) {
        None | Some("" | "all") => ("all", GroupBy::All),
        Some("year") => ("year", GroupBy::Year),
        Some("unit") => ("unit", GroupBy::Unit),
        Some("region") => ("region", GroupBy::Region),
        Some(other) => return Err(bad_param("by", other)),
    };
    let rows = state.db(move |s| Ok(s.stats(by)?)).await?;
    Ok(Json(json!({
        "by": key,
        "groups": rows.iter().map(StatsRow::to_json).collect::<Vec<_>>(),
    })))
}
