//! The units × years matrix: which unit published a report for which statistical year, and
//! with how many errors; the filters that narrow it. Pure functions over what the store gives
//! (units, report lines, figures), shared by the page, its exports and their tests.

use std::collections::{BTreeSet, HashMap, HashSet};

use gongkai_store::dashboard::ReportLine;
use gongkai_store::{normalize_name, StatsRow, Unit};
use serde::Deserialize;

use crate::problem::Problem;

/// Earliest and latest statistical years a filter accepts.
pub const YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;
/// Years filled in between the first and the last one with data at most (a misread year such
/// as 1900 should not make a matrix of a hundred empty columns).
const MAX_FILLED_SPAN: i32 = 40;
/// Longest name filter kept.
const MAX_QUERY: usize = 100;

/// The filters as they come in the query string (every field optional, empty = not set).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RawFilter {
    pub from: Option<String>,
    pub to: Option<String>,
    pub q: Option<String>,
    pub errors: Option<String>,
    pub parent: Option<String>,
}

/// The matrix's filters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub from: Option<i32>,
    pub to: Option<i32>,
    /// A substring of the unit's name or of one of its aliases.
    pub q: String,
    /// Only units with at least one report with errors in the years shown.
    pub errors_only: bool,
    /// Only this unit and the units under it.
    pub parent: Option<i64>,
}

fn year(v: Option<&str>, what: &str) -> Result<Option<i32>, Problem> {
    let Some(v) = v.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    match v.parse::<i32>() {
        Ok(y) if YEARS.contains(&y) => Ok(Some(y)),
        _ => Err(Problem::bad_request(
            format!(
                "{what}“{v}”不是有效的年度（{}–{}）",
                YEARS.start(),
                YEARS.end()
            ),
            format!("{v:?} is not a valid year"),
        )),
    }
}

impl Filter {
    pub fn parse(raw: &RawFilter) -> Result<Filter, Problem> {
        let from = year(raw.from.as_deref(), "起始年度")?;
        let to = year(raw.to.as_deref(), "截止年度")?;
        if let (Some(a), Some(b)) = (from, to) {
            if a > b {
                return Err(Problem::bad_request(
                    format!("起始年度 {a} 晚于截止年度 {b}"),
                    format!("the first year {a} is after the last year {b}"),
                ));
            }
        }
        let q: String = raw
            .q
            .as_deref()
            .unwrap_or("")
            .trim()
            .chars()
            .take(MAX_QUERY)
            .collect();
        let parent = match raw
            .parent
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            None => None,
            Some(p) => Some(p.parse::<i64>().map_err(|_| {
                Problem::bad_request(
                    format!("上级单位“{p}”不是有效的编号"),
                    format!("parent {p:?} is not a unit id"),
                )
            })?),
        };
        let errors_only = matches!(
            raw.errors.as_deref().map(str::trim),
            Some("1" | "true" | "on" | "yes")
        );
        Ok(Filter {
            from,
            to,
            q,
            errors_only,
            parent,
        })
    }

    /// The filter as a query string (for export links), empty when nothing is set.
    pub fn query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(y) = self.from {
            parts.push(format!("from={y}"));
        }
        if let Some(y) = self.to {
            parts.push(format!("to={y}"));
        }
        if !self.q.is_empty() {
            parts.push(format!("q={}", crate::pages::url_encode(&self.q)));
        }
        if self.errors_only {
            parts.push("errors=1".to_string());
        }
        if let Some(p) = self.parent {
            parts.push(format!("parent={p}"));
        }
        parts.join("&")
    }

    fn year_ok(&self, y: i32) -> bool {
        self.from.is_none_or(|f| y >= f) && self.to.is_none_or(|t| y <= t)
    }

    fn year_filtered(&self) -> bool {
        self.from.is_some() || self.to.is_some()
    }
}

/// Name matching for the filter: spaces and widths folded, ASCII case ignored.
fn fold(s: &str) -> String {
    normalize_name(s).to_lowercase()
}

/// One report in a cell of the matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub id: i64,
    pub errors: i64,
}

/// One unit's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub unit_id: i64,
    pub name: String,
    pub parent: Option<(i64, String)>,
    /// Depth under the top of the units shown (for indentation).
    pub depth: usize,
    /// One cell per year of [`Matrix::years`]: the unit's reports for that year (usually one).
    pub cells: Vec<Vec<Entry>>,
}

/// The matrix after the filters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matrix {
    pub years: Vec<i32>,
    pub rows: Vec<Row>,
    /// Reports without a unit or a year (their agency or year was not recognised), which have
    /// no place in the matrix but count.
    pub unplaced: Vec<ReportLine>,
    pub reports: usize,
    pub reports_with_errors: usize,
}

/// Units in tree order (each parent before its children, siblings by name), with their depth.
/// A unit whose parent is unknown counts as a top unit; a loop cannot hang the walk.
pub fn tree_order(units: &[Unit]) -> Vec<(&Unit, usize)> {
    let ids: HashSet<i64> = units.iter().map(|u| u.id).collect();
    let mut children: HashMap<i64, Vec<&Unit>> = HashMap::new();
    let mut roots: Vec<&Unit> = Vec::new();
    for u in units {
        match u.parent.filter(|p| ids.contains(p) && *p != u.id) {
            Some(p) => children.entry(p).or_default().push(u),
            None => roots.push(u),
        }
    }
    let by_name = |a: &&Unit, b: &&Unit| a.name.cmp(&b.name).then(a.id.cmp(&b.id));
    roots.sort_by(by_name);
    for v in children.values_mut() {
        v.sort_by(by_name);
    }
    let mut out = Vec::with_capacity(units.len());
    let mut seen = HashSet::new();
    let mut stack: Vec<(&Unit, usize)> = roots.into_iter().rev().map(|u| (u, 0)).collect();
    while let Some((u, d)) = stack.pop() {
        if !seen.insert(u.id) {
            continue;
        }
        out.push((u, d));
        if let Some(kids) = children.get(&u.id) {
            stack.extend(kids.iter().rev().map(|k| (*k, d + 1)));
        }
    }
    // Units caught in a parent loop are reachable from no top unit: list them last.
    for u in units {
        if !seen.contains(&u.id) {
            seen.insert(u.id);
            out.push((u, 0));
        }
    }
    out
}

/// `parent` and every unit under it.
pub fn subtree(units: &[Unit], parent: i64) -> HashSet<i64> {
    let mut out = HashSet::from([parent]);
    let mut frontier = vec![parent];
    while let Some(p) = frontier.pop() {
        for u in units.iter().filter(|u| u.parent == Some(p)) {
            if out.insert(u.id) {
                frontier.push(u.id);
            }
        }
    }
    out
}

/// Builds the matrix of `units` and `lines` under `filter`.
pub fn build(units: &[Unit], lines: &[ReportLine], filter: &Filter) -> Matrix {
    let q = fold(&filter.q);
    let allowed = filter.parent.map(|p| subtree(units, p));
    let names: HashMap<i64, &str> = units.iter().map(|u| (u.id, u.name.as_str())).collect();
    let mut by_unit: HashMap<i64, Vec<&ReportLine>> = HashMap::new();
    let mut unplaced = Vec::new();
    for l in lines {
        if l.year.is_some_and(|y| !filter.year_ok(y)) {
            continue;
        }
        match (l.unit_id.filter(|u| names.contains_key(u)), l.year) {
            (Some(u), Some(_)) => by_unit.entry(u).or_default().push(l),
            (unit, year) => {
                let name = unit
                    .and_then(|u| names.get(&u).copied())
                    .or(l.agency.as_deref())
                    .unwrap_or("");
                let keep = (year.is_some() || !filter.year_filtered())
                    && (q.is_empty() || fold(name).contains(&q))
                    && allowed
                        .as_ref()
                        .is_none_or(|a| unit.is_some_and(|u| a.contains(&u)))
                    && (!filter.errors_only || l.errors > 0);
                if keep {
                    unplaced.push(l.clone());
                }
            }
        }
    }
    let mut kept: Vec<(&Unit, usize)> = Vec::new();
    for (u, depth) in tree_order(units) {
        if allowed.as_ref().is_some_and(|a| !a.contains(&u.id)) {
            continue;
        }
        if !q.is_empty()
            && !fold(&u.name).contains(&q)
            && !u.aliases.iter().any(|a| fold(a).contains(&q))
        {
            continue;
        }
        let reports = by_unit.get(&u.id).map_or(&[][..], Vec::as_slice);
        if filter.errors_only && !reports.iter().any(|l| l.errors > 0) {
            continue;
        }
        kept.push((u, depth));
    }
    // Depths relative to the shallowest unit kept, so a filtered list does not start indented.
    let min_depth = kept.iter().map(|(_, d)| *d).min().unwrap_or(0);
    let data_years: BTreeSet<i32> = kept
        .iter()
        .filter_map(|(u, _)| by_unit.get(&u.id))
        .flatten()
        .filter_map(|l| l.year)
        .collect();
    let years: Vec<i32> = match (filter.from, filter.to) {
        (Some(a), Some(b)) if b - a <= MAX_FILLED_SPAN => (a..=b).collect(),
        _ => {
            let lo = filter.from.or(data_years.first().copied());
            let hi = filter.to.or(data_years.last().copied());
            match (lo, hi) {
                (Some(a), Some(b)) if a <= b && b - a <= MAX_FILLED_SPAN => (a..=b).collect(),
                _ => data_years.iter().copied().collect(),
            }
        }
    };
    let col: HashMap<i32, usize> = years.iter().enumerate().map(|(i, y)| (*y, i)).collect();
    let mut rows = Vec::with_capacity(kept.len());
    let (mut reports, mut with_errors) = (0, 0);
    for (u, depth) in kept {
        let mut cells = vec![Vec::new(); years.len()];
        for l in by_unit.get(&u.id).map_or(&[][..], Vec::as_slice) {
            let Some(i) = l.year.and_then(|y| col.get(&y)) else {
                continue;
            };
            if let Some(c) = cells.get_mut(*i) {
                c.push(Entry {
                    id: l.id,
                    errors: l.errors,
                });
                reports += 1;
                if l.errors > 0 {
                    with_errors += 1;
                }
            }
        }
        rows.push(Row {
            unit_id: u.id,
            name: u.name.clone(),
            parent: u
                .parent
                .and_then(|p| names.get(&p).map(|n| (p, n.to_string()))),
            depth: depth - min_depth,
            cells,
        });
    }
    reports += unplaced.len();
    with_errors += unplaced.iter().filter(|l| l.errors > 0).count();
    Matrix {
        years,
        rows,
        unplaced,
        reports,
        reports_with_errors: with_errors,
    }
}

/// 本年新收 per year column over the rows shown, taking the latest report (highest id) where
/// a unit has more than one for a year; `None` for a year without any figure.
pub fn received_by_year(m: &Matrix, figures: &HashMap<i64, StatsRow>) -> Vec<(i32, Option<f64>)> {
    m.years
        .iter()
        .enumerate()
        .map(|(i, y)| {
            let mut sum = None;
            for r in &m.rows {
                let latest = r.cells.get(i).and_then(|c| c.iter().max_by_key(|e| e.id));
                if let Some(f) = latest.and_then(|e| figures.get(&e.id)) {
                    *sum.get_or_insert(0.0) += f.received;
                }
            }
            (*y, sum)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use gongkai_model::FormatId;

    fn unit(id: i64, name: &str, parent: Option<i64>) -> Unit {
        Unit {
            id,
            name: name.into(),
            aliases: vec![],
            parent,
            kind: None,
        }
    }

    fn line(id: i64, unit: Option<i64>, year: Option<i32>, errors: i64) -> ReportLine {
        ReportLine {
            id,
            unit_id: unit,
            agency: Some(format!("机关{id}")),
            year,
            format: FormatId::F2021,
            source_name: String::new(),
            errors,
        }
    }

    fn units() -> Vec<Unit> {
        vec![
            unit(1, "甲市人民政府", None),
            unit(2, "甲市教育局", Some(1)),
            unit(3, "乙县人民政府", None),
            unit(4, "甲市教育局直属学校", Some(2)),
        ]
    }

    #[test]
    fn tree_order_puts_parents_first_and_survives_loops() {
        let mut u = units();
        let order: Vec<(i64, usize)> = tree_order(&u).iter().map(|(u, d)| (u.id, *d)).collect();
        assert_eq!(order, vec![(3, 0), (1, 0), (2, 1), (4, 2)]);
        // A loop (which the store refuses, but data can be edited by hand).
        u[0].parent = Some(4);
        let order = tree_order(&u);
        assert_eq!(order.len(), 4);
        assert_eq!(subtree(&u, 2), HashSet::from([2, 4, 1]));
    }

    #[test]
    fn filters_narrow_rows_years_and_counts() {
        let u = units();
        let lines = vec![
            line(10, Some(1), Some(2019), 0),
            line(11, Some(1), Some(2021), 2),
            line(12, Some(2), Some(2020), 0),
            line(13, Some(3), Some(2021), 0),
            line(14, None, Some(2021), 1),
            line(15, Some(3), None, 0),
        ];
        let m = build(&u, &lines, &Filter::default());
        assert_eq!(m.years, vec![2019, 2020, 2021]);
        assert_eq!(m.rows.len(), 4);
        assert_eq!(m.reports, 6);
        assert_eq!(m.reports_with_errors, 2);
        assert_eq!(
            m.unplaced.iter().map(|l| l.id).collect::<Vec<_>>(),
            vec![14, 15]
        );
        let jia = m.rows.iter().find(|r| r.unit_id == 1).unwrap();
        assert_eq!(jia.cells[0], vec![Entry { id: 10, errors: 0 }]);
        assert!(jia.cells[1].is_empty());

        let f = Filter {
            errors_only: true,
            ..Filter::default()
        };
        let m = build(&u, &lines, &f);
        assert_eq!(
            m.rows.iter().map(|r| r.unit_id).collect::<Vec<_>>(),
            vec![1]
        );
        assert_eq!(m.unplaced.len(), 1);

        let f = Filter {
            from: Some(2020),
            to: Some(2021),
            ..Filter::default()
        };
        let m = build(&u, &lines, &f);
        assert_eq!(m.years, vec![2020, 2021]);
        // 10 (2019) and 15 (no year) drop out.
        assert_eq!(m.reports, 4);

        let f = Filter {
            q: "教育".into(),
            ..Filter::default()
        };
        let m = build(&u, &lines, &f);
        assert_eq!(
            m.rows.iter().map(|r| r.unit_id).collect::<Vec<_>>(),
            vec![2, 4]
        );
        assert_eq!(m.rows[0].depth, 0);
        assert_eq!(m.years, vec![2020]);

        let f = Filter {
            parent: Some(1),
            ..Filter::default()
        };
        let m = build(&u, &lines, &f);
        assert_eq!(
            m.rows.iter().map(|r| r.unit_id).collect::<Vec<_>>(),
            vec![1, 2, 4]
        );
        assert!(m.unplaced.is_empty());
    }

    #[test]
    fn filters_parse_leniently_and_refuse_nonsense() {
        let raw = RawFilter {
            from: Some(" 2019 ".into()),
            to: Some("".into()),
            q: Some(" 教育 ".into()),
            errors: Some("1".into()),
            parent: None,
        };
        let f = Filter::parse(&raw).unwrap();
        assert_eq!(f.from, Some(2019));
        assert_eq!(f.to, None);
        assert_eq!(f.q, "教育");
        assert!(f.errors_only);
        assert_eq!(f.query(), "from=2019&q=%E6%95%99%E8%82%B2&errors=1");
        for bad in [
            RawFilter {
                from: Some("abc".into()),
                ..RawFilter::default()
            },
            RawFilter {
                from: Some("2022".into()),
                to: Some("2020".into()),
                ..RawFilter::default()
            },
            RawFilter {
                to: Some("99999999999".into()),
                ..RawFilter::default()
            },
            RawFilter {
                parent: Some("x".into()),
                ..RawFilter::default()
            },
        ] {
            assert_eq!(
                Filter::parse(&bad).unwrap_err().status,
                axum::http::StatusCode::BAD_REQUEST
            );
        }
    }
}
