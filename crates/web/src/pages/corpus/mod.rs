//! The corpus dashboard (reviewers): which unit published which year's report and with how
//! many errors, as a units × years matrix with filters; one unit's history with its key
//! figures and charts; downloads of both as CSV and XLSX.
//!
//! | path | what |
//! |---|---|
//! | `/corpus` | the matrix (filters `from`, `to`, `q`, `errors`, `parent`) |
//! | `/corpus/export.csv`, `/corpus/export.xlsx` | the matrix as shown, one row per unit, year and report |
//! | `/corpus/units/{id}` | one unit's reports, figures and charts |
//! | `/corpus/units/{id}/export.csv` | that unit's reports and figures |

pub mod export;
pub mod matrix;
mod unit;

use std::collections::HashMap;

use askama::Template;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use gongkai_store::dashboard::ReportLine;
use gongkai_store::{Role, StatsRow, Unit};

use super::{page, Chrome};
use crate::auth::Signed;
use crate::problem::Problem;
use crate::state::AppState;
use crate::view::chart::{bar_chart, Bar, Scale};
use export::{figure_cells, Table, XCell};
use matrix::{build, received_by_year, tree_order, Filter, Matrix, RawFilter};

pub fn router(_state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/corpus", get(matrix_page))
        .route("/corpus/export.csv", get(matrix_csv))
        .route("/corpus/export.xlsx", get(matrix_xlsx))
        .route("/corpus/units/{id}", get(unit::page))
        .route("/corpus/units/{id}/export.csv", get(unit::csv))
}

/// What the dashboard reads from the store.
struct Loaded {
    units: Vec<Unit>,
    lines: Vec<ReportLine>,
    figures: HashMap<i64, StatsRow>,
}

/// Units, report lines and figures (only 本年新收 when `only_received`).
async fn load(state: &AppState, only_received: bool) -> Result<Loaded, Problem> {
    state
        .db(move |s| {
            Ok(Loaded {
                units: s.units()?,
                lines: s.report_lines()?,
                figures: s.report_figures(None, only_received)?,
            })
        })
        .await
}

fn filter_of(q: Result<Query<RawFilter>, QueryRejection>) -> Result<Filter, Problem> {
    let Query(raw) = q.map_err(|e| {
        Problem::bad_request(
            format!("筛选条件无法识别：{}", e.body_text()),
            format!("the filters cannot be read: {}", e.body_text()),
        )
    })?;
    Filter::parse(&raw)
}

/// The class of a report by its open errors: none, a few, many.
pub fn error_class(errors: i64) -> &'static str {
    match errors {
        ..=0 => "e0",
        1..=2 => "e1",
        _ => "e3",
    }
}

#[derive(Debug, Clone)]
struct EntryView {
    id: i64,
    errors: i64,
    class: &'static str,
    text: String,
    title: String,
}

#[derive(Debug, Clone)]
struct CellView {
    title: String,
    entries: Vec<EntryView>,
}

#[derive(Debug, Clone)]
struct RowView {
    id: i64,
    name: String,
    depth: usize,
    cells: Vec<CellView>,
}

#[derive(Debug, Clone)]
struct UnplacedView {
    id: i64,
    agency: String,
    year: String,
    errors: i64,
    class: &'static str,
}

#[derive(Template)]
#[template(path = "corpus_matrix.html")]
struct MatrixPage {
    chrome: Chrome,
    f_from: String,
    f_to: String,
    f_q: String,
    f_errors: bool,
    /// (id, indented name, selected) of the units that have units under them.
    parents: Vec<(i64, String, bool)>,
    /// `?…` of the filters, for the export links.
    query: String,
    reports: usize,
    units: usize,
    with_errors: usize,
    years: Vec<i32>,
    rows: Vec<RowView>,
    unplaced: Vec<UnplacedView>,
    chart: String,
}

fn entry_view(unit: &str, year: i32, e: &matrix::Entry) -> EntryView {
    let (text, what) = if e.errors > 0 {
        (e.errors.to_string(), format!("{} 处错误", e.errors))
    } else {
        ("✓".to_string(), "未发现错误".to_string())
    };
    EntryView {
        id: e.id,
        errors: e.errors,
        class: error_class(e.errors),
        text,
        title: format!("{unit} {year} 年度报告（编号 {}）：{what}", e.id),
    }
}

async fn matrix_page(
    State(state): State<AppState>,
    signed: Signed,
    q: Result<Query<RawFilter>, QueryRejection>,
) -> Result<Response, Problem> {
    signed.require(&[Role::Reviewer])?;
    let filter = filter_of(q)?;
    let data = load(&state, true).await?;
    let m = build(&data.units, &data.lines, &filter);
    let chart_bars: Vec<Bar> = received_by_year(&m, &data.figures)
        .into_iter()
        .map(|(y, v)| Bar {
            label: y.to_string(),
            value: v,
        })
        .collect();
    let chart = if chart_bars.is_empty() {
        String::new()
    } else {
        bar_chart(
            "received",
            "本年新收政府信息公开申请数量（按年度）",
            &chart_bars,
            Scale::Count,
        )
    };
    let has_children: std::collections::HashSet<i64> =
        data.units.iter().filter_map(|u| u.parent).collect();
    let parents = tree_order(&data.units)
        .into_iter()
        .filter(|(u, _)| has_children.contains(&u.id) || filter.parent == Some(u.id))
        .map(|(u, d)| {
            (
                u.id,
                format!("{}{}", "　".repeat(d.min(6)), u.name),
                filter.parent == Some(u.id),
            )
        })
        .collect();
    let rows = m
        .rows
        .iter()
        .map(|r| RowView {
            id: r.unit_id,
            name: r.name.clone(),
            depth: r.depth.min(5),
            cells: m
                .years
                .iter()
                .zip(&r.cells)
                .map(|(y, c)| CellView {
                    title: format!("{} {y} 年度：未发布（资料库中没有）", r.name),
                    entries: c.iter().map(|e| entry_view(&r.name, *y, e)).collect(),
                })
                .collect(),
        })
        .collect();
    let unplaced = m
        .unplaced
        .iter()
        .map(|l| UnplacedView {
            id: l.id,
            agency: l.agency.clone().unwrap_or_else(|| "（未识别）".to_string()),
            year: l
                .year
                .map_or_else(|| "（未识别）".to_string(), |y| y.to_string()),
            errors: l.errors,
            class: error_class(l.errors),
        })
        .collect();
    let query = filter.query();
    page(&MatrixPage {
        chrome: Chrome::new("资料库", Some(&signed.0), "/corpus"),
        f_from: filter.from.map(|y| y.to_string()).unwrap_or_default(),
        f_to: filter.to.map(|y| y.to_string()).unwrap_or_default(),
        f_q: filter.q.clone(),
        f_errors: filter.errors_only,
        parents,
        query: if query.is_empty() {
            String::new()
        } else {
            format!("?{query}")
        },
        reports: m.reports,
        units: m.rows.len(),
        with_errors: m.reports_with_errors,
        years: m.years.clone(),
        rows,
        unplaced,
        chart,
    })
}

/// Headings of the matrix export, before the figures.
const MATRIX_HEADS: [&str; 7] = [
    "单位编号",
    "单位",
    "上级单位",
    "年度",
    "已发布",
    "报告编号",
    "错误数",
];

/// The matrix as a table: one row per unit and year (a unit with two reports for a year has
/// two rows), then the reports without a unit or a year.
pub fn matrix_table(m: &Matrix, figures: &HashMap<i64, StatsRow>) -> Table {
    let mut rows = Vec::new();
    for r in &m.rows {
        let parent = r.parent.as_ref().map_or("", |(_, n)| n.as_str());
        for (y, cell) in m.years.iter().zip(&r.cells) {
            let head = |published: bool| {
                vec![
                    XCell::Int(r.unit_id),
                    XCell::Text(r.name.clone()),
                    XCell::Text(parent.to_string()),
                    XCell::Int(i64::from(*y)),
                    XCell::Text(if published { "是" } else { "否" }.to_string()),
                ]
            };
            if cell.is_empty() {
                let mut row = head(false);
                row.push(XCell::Text(String::new()));
                row.push(XCell::Text(String::new()));
                row.extend(figure_cells(None));
                rows.push(row);
            }
            for e in cell {
                let mut row = head(true);
                row.push(XCell::Int(e.id));
                row.push(XCell::Int(e.errors));
                row.extend(figure_cells(figures.get(&e.id)));
                rows.push(row);
            }
        }
    }
    for l in &m.unplaced {
        let mut row = vec![
            l.unit_id.map_or(XCell::Text(String::new()), XCell::Int),
            XCell::Text(l.agency.clone().unwrap_or_default()),
            XCell::Text(String::new()),
            l.year
                .map_or(XCell::Text(String::new()), |y| XCell::Int(i64::from(y))),
            XCell::Text("是".to_string()),
            XCell::Int(l.id),
            XCell::Int(l.errors),
        ];
        row.extend(figure_cells(figures.get(&l.id)));
        rows.push(row);
    }
    Table {
        name: "资料库",
        headers: MATRIX_HEADS
            .iter()
            .chain(&export::FIGURE_HEADS)
            .copied()
            .collect(),
        rows,
    }
}

async fn matrix_export(
    state: &AppState,
    signed: &Signed,
    q: Result<Query<RawFilter>, QueryRejection>,
) -> Result<Table, Problem> {
    signed.require(&[Role::Reviewer])?;
    let filter = filter_of(q)?;
    let data = load(state, false).await?;
    let m = build(&data.units, &data.lines, &filter);
    Ok(matrix_table(&m, &data.figures))
}

async fn matrix_csv(
    State(state): State<AppState>,
    signed: Signed,
    q: Result<Query<RawFilter>, QueryRejection>,
) -> Result<Response, Problem> {
    let t = matrix_export(&state, &signed, q).await?;
    let bytes = state.compute(move || export::csv_bytes(&t)).await??;
    Ok(export::download(bytes, export::CSV, "gongkai-corpus.csv"))
}

async fn matrix_xlsx(
    State(state): State<AppState>,
    signed: Signed,
    q: Result<Query<RawFilter>, QueryRejection>,
) -> Result<Response, Problem> {
    let t = matrix_export(&state, &signed, q).await?;
    let bytes = state.compute(move || export::xlsx_bytes(&t)).await??;
    Ok(export::download(bytes, export::XLSX, "gongkai-corpus.xlsx"))
}
