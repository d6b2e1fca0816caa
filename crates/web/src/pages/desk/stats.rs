//! The year's 表三 from the desk's records, in the official layout, checked with the same rules
//! as a published report; and a draft annual report with it filled in (the other tables and the
//! prose are left for the office to complete — they come from other registers).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use gongkai_desk::{stats, Lang, YearTable};
use gongkai_model::{formats, Severity};
use gongkai_write::render::{render, table_fragment, Render, Target};
use gongkai_write::Narrative;
use serde::Deserialize;

use super::util::bounded_text;
use super::DESK;
use crate::auth::Signed;
use crate::pages::{page, url_encode, Chrome};
use crate::problem::Problem;
use crate::state::AppState;

/// Longest agency name put in a draft's title.
const MAX_AGENCY: usize = 100;

#[derive(Deserialize, Default)]
pub struct StatsQuery {
    year: Option<String>,
    agency: Option<String>,
}

#[derive(Template)]
#[template(path = "desk_stats.html")]
struct StatsPage {
    chrome: Chrome,
    year: i32,
    agency: String,
    /// The table in the official layout (HTML from the writer).
    table: String,
    format: String,
    /// Errors the rules find in 表三 (none expected: it is consistent by construction).
    errors: Vec<String>,
    draft_href: String,
    cases: usize,
}

fn parse_year(s: &str) -> Result<i32, Problem> {
    let t = s.trim();
    match t.parse::<i32>() {
        Ok(y) if (2019..=9999).contains(&y) => Ok(y),
        _ => Err(Problem::bad_request(
            format!(
                "统计年度「{}」无效：请填写 2019 年以后的四位年份，如 2026",
                super::util::shorten(t, 20)
            ),
            format!("invalid statistical year {t:?}: give a four-digit year from 2019 on"),
        )),
    }
}

fn agency_of(q: Option<&str>) -> Result<String, Problem> {
    bounded_text(q.unwrap_or(""), "发布机关", MAX_AGENCY).map_err(|m| {
        Problem::bad_request(m, "the agency name is too long or holds control characters")
    })
}

/// The year's table from every case in the store, and how many cases there are.
async fn table_of(state: &AppState, year: i32) -> Result<(YearTable, usize), Problem> {
    let cal = state.calendar;
    let cases = state
        .db(move |s| s.list_cases(cal).map_err(Problem::from))
        .await?;
    let table = stats::year_table(cases.iter().map(|s| &s.case), year)
        .map_err(|e| Problem::bad_request(e.0.zh, e.0.en))?;
    Ok((table, cases.len()))
}

pub(super) async fn year(
    State(state): State<AppState>,
    signed: Signed,
    Query(q): Query<StatsQuery>,
) -> Result<Response, Problem> {
    signed.require(DESK)?;
    let year = match q.year.as_deref().map(str::trim).filter(|y| !y.is_empty()) {
        Some(y) => parse_year(y)?,
        None => state.today()?.year(),
    };
    let agency = agency_of(q.agency.as_deref())?;
    let (table, cases) = table_of(&state, year).await?;
    let report = table.to_report((!agency.is_empty()).then_some(agency.as_str()));
    let def = formats::get(table.format)
        .table("requests")
        .ok_or_else(|| {
            Problem::internal(
                format!("{}年版格式没有表三", table.format),
                format!("the {} format has no Table 3", table.format),
            )
        })?;
    let html = table_fragment(def, &report, Lang::Zh, &|_| None);
    // Consistent by construction; checking it with the rules of a published report shows that
    // to whoever reads the page (and would catch a regression).
    let errors = gongkai_check::check(&report)
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .filter(|f| f.rule.starts_with("T3-") || f.cells.iter().any(|c| c.table == "requests"))
        .map(|f| format!("{} {}", f.rule, f.message.zh))
        .collect();
    let draft_href = if agency.is_empty() {
        format!("/desk/stats/{year}/draft.html")
    } else {
        format!(
            "/desk/stats/{year}/draft.html?agency={}",
            url_encode(&agency)
        )
    };
    page(&StatsPage {
        chrome: Chrome::new(format!("{year}年度 表三"), Some(&signed.0), "/desk"),
        year,
        agency,
        table: html,
        format: format!("{}年版格式", table.format),
        errors,
        draft_href,
        cases,
    })
}

#[derive(Deserialize, Default)]
pub struct DraftQuery {
    agency: Option<String>,
}

/// A self-contained HTML draft of the year's report (download).
pub(super) async fn draft(
    State(state): State<AppState>,
    signed: Signed,
    Path(year): Path<String>,
    Query(q): Query<DraftQuery>,
) -> Result<Response, Problem> {
    signed.require(DESK)?;
    let year = parse_year(&year)?;
    let agency = agency_of(q.agency.as_deref())?;
    let (table, _) = table_of(&state, year).await?;
    let report = table.to_report((!agency.is_empty()).then_some(agency.as_str()));
    let narrative = Narrative::default();
    let html = render(
        Target::Html,
        &Render {
            report: &report,
            narrative: &narrative,
            appendix: None,
            lang: Lang::Zh,
        },
    );
    let mut r = html.into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    let disposition = format!(
        "attachment; filename=\"gongkai-draft-{year}.html\"; filename*=UTF-8''{}",
        url_encode(&format!(
            "{agency}{year}年政府信息公开工作年度报告（草稿）.html"
        ))
        .replace('/', "%2F")
    );
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    // The draft is a document with its own inline stylesheet and no script: it gets its own
    // policy (the site's forbids inline styles).
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'",
        ),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}
