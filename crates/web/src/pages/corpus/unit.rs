//! One unit across the years: its reports with their key figures, and charts of requests
//! received, of how requests ended, and of the 纠错率 of reviews and lawsuits.

use std::collections::{BTreeMap, HashMap};

use askama::Template;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::response::Response;
use gongkai_store::dashboard::ReportLine;
use gongkai_store::{Role, StatsRow, Unit};

use super::export::{self, figure_cells, Table, XCell, FIGURE_HEADS};
use super::{error_class, page as render, Chrome};
use crate::auth::Signed;
use crate::problem::Problem;
use crate::state::AppState;
use crate::view::chart::{bar_chart, share_chart, Bar, Scale, Series};

/// Years filled in between a unit's first and last report at most.
const MAX_SPAN: i32 = 40;

struct UnitData {
    unit: Unit,
    parent: Option<(i64, String)>,
    children: Vec<(i64, String)>,
    /// The unit's reports by year (no year last), then id.
    lines: Vec<ReportLine>,
    figures: HashMap<i64, StatsRow>,
}

fn no_unit(id: impl std::fmt::Display) -> Problem {
    Problem::not_found(
        format!("资料库中没有编号为 {id} 的单位"),
        format!("the corpus has no unit {id}"),
    )
}

async fn load(state: &AppState, id: Result<Path<i64>, PathRejection>) -> Result<UnitData, Problem> {
    let Path(id) = id.map_err(|_| no_unit("?"))?;
    let (units, mut lines, figures) = state
        .db(move |s| {
            let lines: Vec<ReportLine> = s
                .report_lines()?
                .into_iter()
                .filter(|l| l.unit_id == Some(id))
                .collect();
            Ok((s.units()?, lines, s.report_figures(Some(id), false)?))
        })
        .await?;
    let unit = units
        .iter()
        .find(|u| u.id == id)
        .cloned()
        .ok_or_else(|| no_unit(id))?;
    let parent = unit
        .parent
        .and_then(|p| units.iter().find(|u| u.id == p))
        .map(|p| (p.id, p.name.clone()));
    let mut children: Vec<(i64, String)> = units
        .iter()
        .filter(|u| u.parent == Some(id) && u.id != id)
        .map(|u| (u.id, u.name.clone()))
        .collect();
    children.sort_by(|a, b| a.1.cmp(&b.1));
    lines.sort_by_key(|l| (l.year.is_none(), l.year, l.id));
    Ok(UnitData {
        unit,
        parent,
        children,
        lines,
        figures,
    })
}

/// The years to chart and, for each, the figures of its latest report (highest id).
fn by_year(d: &UnitData) -> Vec<(i32, Option<&StatsRow>)> {
    let mut latest: BTreeMap<i32, i64> = BTreeMap::new();
    for l in &d.lines {
        if let Some(y) = l.year {
            let e = latest.entry(y).or_insert(l.id);
            *e = (*e).max(l.id);
        }
    }
    let years: Vec<i32> = match (latest.keys().next(), latest.keys().next_back()) {
        (Some(a), Some(b)) if b - a <= MAX_SPAN => (*a..=*b).collect(),
        _ => latest.keys().copied().collect(),
    };
    years
        .into_iter()
        .map(|y| (y, latest.get(&y).and_then(|id| d.figures.get(id))))
        .collect()
}

const SHARES: [Series; 4] = [
    Series {
        name: "予以公开",
        class: "s-granted",
        fill: "#1e6b34",
    },
    Series {
        name: "部分公开",
        class: "s-partial",
        fill: "#7fb069",
    },
    Series {
        name: "不予公开",
        class: "s-withheld",
        fill: "#b00000",
    },
    Series {
        name: "其他处理",
        class: "s-other",
        fill: "#9a9a9a",
    },
];

/// The unit's charts: (id, heading, SVG).
pub fn charts(years: &[(i32, Option<&StatsRow>)]) -> Vec<(&'static str, String)> {
    let bars = |f: &dyn Fn(&StatsRow) -> Option<f64>| -> Vec<Bar> {
        years
            .iter()
            .map(|(y, r)| Bar {
                label: y.to_string(),
                value: r.and_then(f),
            })
            .collect()
    };
    let received = bar_chart(
        "u-received",
        "本年新收政府信息公开申请数量（按年度）",
        &bars(&|r| Some(r.received)),
        Scale::Count,
    );
    let columns: Vec<(String, Vec<f64>)> = years
        .iter()
        .map(|(y, r)| {
            let v = r.map_or_else(Vec::new, |r| {
                let other =
                    (r.answered - r.granted - r.partially_granted - r.withheld_total()).max(0.0);
                vec![r.granted, r.partially_granted, r.withheld_total(), other]
            });
            (y.to_string(), v)
        })
        .collect();
    let shares = share_chart(
        "u-shares",
        "办理结果构成（按年度，占办理总计的比例）",
        &SHARES,
        &columns,
    );
    let review = bar_chart(
        "u-review",
        "行政复议纠错率（按年度）",
        &bars(&|r| r.review_correction_rate()),
        Scale::Percent,
    );
    let litigation = bar_chart(
        "u-litigation",
        "行政诉讼纠错率（按年度）",
        &bars(&|r| r.litigation_correction_rate()),
        Scale::Percent,
    );
    vec![
        ("本年新收申请", received),
        ("办理结果构成", shares),
        ("行政复议纠错率", review),
        ("行政诉讼纠错率", litigation),
    ]
}

#[derive(Debug, Clone)]
struct ReportRow {
    id: i64,
    year: String,
    format: &'static str,
    errors: i64,
    class: &'static str,
    figures: Vec<String>,
}

#[derive(Template)]
#[template(path = "corpus_unit.html")]
struct UnitPage {
    chrome: Chrome,
    id: i64,
    name: String,
    aliases: String,
    kind: String,
    parent: Option<(i64, String)>,
    children: Vec<(i64, String)>,
    heads: [&'static str; 10],
    rows: Vec<ReportRow>,
    charts: Vec<(&'static str, String)>,
    /// Some year has more than one report (the charts take the latest).
    duplicates: bool,
}

pub(super) async fn page(
    State(state): State<AppState>,
    signed: Signed,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Response, Problem> {
    signed.require(&[Role::Reviewer])?;
    let d = load(&state, id).await?;
    let years = by_year(&d);
    let charts = if years.is_empty() {
        Vec::new()
    } else {
        charts(&years)
    };
    let mut seen = std::collections::HashSet::new();
    let duplicates = d
        .lines
        .iter()
        .filter_map(|l| l.year)
        .any(|y| !seen.insert(y));
    let rows = d
        .lines
        .iter()
        .map(|l| ReportRow {
            id: l.id,
            year: l
                .year
                .map_or_else(|| "（未识别）".to_string(), |y| y.to_string()),
            format: l.format.key(),
            errors: l.errors,
            class: error_class(l.errors),
            figures: figure_cells(d.figures.get(&l.id))
                .iter()
                .map(XCell::text)
                .collect(),
        })
        .collect();
    render(&UnitPage {
        chrome: Chrome::new(d.unit.name.clone(), Some(&signed.0), "/corpus"),
        id: d.unit.id,
        name: d.unit.name.clone(),
        aliases: d.unit.aliases.join("、"),
        kind: d.unit.kind.clone().unwrap_or_default(),
        parent: d.parent.clone(),
        children: d.children.clone(),
        heads: FIGURE_HEADS,
        rows,
        charts,
        duplicates,
    })
}

/// Headings of a unit's export, before the figures.
const UNIT_HEADS: [&str; 5] = ["报告编号", "年度", "格式", "来源文件", "错误数"];

pub(super) async fn csv(
    State(state): State<AppState>,
    signed: Signed,
    id: Result<Path<i64>, PathRejection>,
) -> Result<Response, Problem> {
    signed.require(&[Role::Reviewer])?;
    let d = load(&state, id).await?;
    let rows = d
        .lines
        .iter()
        .map(|l| {
            let mut row = vec![
                XCell::Int(l.id),
                l.year
                    .map_or(XCell::Text(String::new()), |y| XCell::Int(i64::from(y))),
                XCell::Text(l.format.key().to_string()),
                XCell::Text(l.source_name.clone()),
                XCell::Int(l.errors),
            ];
            row.extend(figure_cells(d.figures.get(&l.id)));
            row
        })
        .collect();
    let t = Table {
        name: "单位历年报告",
        headers: UNIT_HEADS.iter().chain(&FIGURE_HEADS).copied().collect(),
        rows,
    };
    let bytes = export::csv_bytes(&t)?;
    Ok(export::download(
        bytes,
        export::CSV,
        &format!("gongkai-unit-{}.csv", d.unit.id),
    ))
}
