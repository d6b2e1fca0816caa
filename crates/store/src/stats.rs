//! Totals and rates over the stored reports (`gongkai stats`).
//!
//! Sums run in the database (one GROUP BY per table, the same SQL on both engines); rates are
//! computed here from the sums. Only cells with a value (`number` or `inferred`) count: a blank
//! is never a zero. The figures come from the unified formats' 表三 and 表四 (2019 and 2021 share
//! those rows and columns) and, where the meaning is the same, from the `legacy` table of
//! pre-2019 reports (their 附表 or, failing that, their prose: see [`LEGACY_FIGURES`]), so that
//! 2015 and 2023 stand side by side. Each group says how many of its reports are legacy ones
//! ([`StatsRow::legacy_reports`]): their figures are read from free-form reports, and 不予公开
//! comes without its reasons ([`StatsRow::withheld_unspecified`]).

use std::collections::BTreeMap;

use crate::backend::{Backend, Value};
use crate::error::Result;

/// How to group the figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    /// One row for the whole store.
    All,
    /// By statistical year.
    Year,
    /// By unit (the unit's name; the agency as printed when the report has no unit).
    Unit,
    /// By region: the top of the unit's parent chain (a city and every department and county
    /// under it, as declared with `gongkai units import`); a unit without parents is its own
    /// region, a report without a unit is grouped by its agency as printed.
    Region,
}

impl GroupBy {
    fn key_sql(self) -> &'static str {
        match self {
            GroupBy::All => "''",
            GroupBy::Year => "COALESCE(CAST(r.year AS TEXT), '')",
            GroupBy::Unit => "COALESCE(u.name, r.agency, '')",
            GroupBy::Region => "COALESCE(up.root_name, u.name, r.agency, '')",
        }
    }

    /// What the queries start with: for regions, each unit with the name of the top of its
    /// parent chain (followed down from the units without a parent, so a cycle in the declared
    /// parents cannot loop: its units are simply not reached and count as their own).
    fn with_sql(self) -> &'static str {
        match self {
            GroupBy::Region => {
                "WITH RECURSIVE up(id, root_name) AS (
                     SELECT id, name FROM units WHERE parent_id IS NULL
                     UNION ALL
                     SELECT c.id, up.root_name FROM units c JOIN up ON c.parent_id = up.id
                 ) "
            }
            _ => "",
        }
    }

    /// The joins that give a report its unit (and region).
    fn units_sql(self) -> &'static str {
        match self {
            GroupBy::Region => {
                "LEFT JOIN units u ON u.id = r.unit_id LEFT JOIN up ON up.id = r.unit_id"
            }
            _ => "LEFT JOIN units u ON u.id = r.unit_id",
        }
    }
}

/// The 表三 rows of 不予公开, in the format's order.
pub use gongkai_model::formats::WITHHELD_ROWS;

/// A figure of [`StatsRow`] that a cell can feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Figure {
    Received,
    Answered,
    Granted,
    PartiallyGranted,
    /// 不予公开 without its reason (legacy reports).
    WithheldUnspecified,
    ReviewsTotal,
    LawsuitsTotal,
}

/// The `legacy` rows (column `year`) that mean what a 2019/2021 figure means, as data:
/// 受理申请总数 ↔ 一、本年新收; 对申请的答复总数 ↔ （七）总计; 同意公开 ↔ 予以公开; 同意部分公开 ↔
/// 部分公开; 不予公开 ↔ （三）不予公开 (all reasons); 行政复议数 ↔ 表四 行政复议 总计; 行政诉讼数 ↔
/// 表四 行政诉讼 总计 (both kinds). Other legacy rows (channels, 信息不存在, fees …) have no
/// 2019/2021 counterpart with the same meaning and are not summed.
pub const LEGACY_FIGURES: [(&str, Figure); 7] = [
    ("requests_received", Figure::Received),
    ("replies_total", Figure::Answered),
    ("replies_granted", Figure::Granted),
    ("replies_partial", Figure::PartiallyGranted),
    ("replies_refused", Figure::WithheldUnspecified),
    ("reviews", Figure::ReviewsTotal),
    ("lawsuits", Figure::LawsuitsTotal),
];

/// The cells that feed some figure, as SQL over `cells c` (what [`StatsRow::add`] uses).
pub(crate) fn figure_cells_sql() -> String {
    let legacy: Vec<String> = LEGACY_FIGURES
        .iter()
        .map(|(row, _)| format!("'{row}'"))
        .collect();
    format!(
        "((c.\"table\" = 'requests' AND c.\"column\" = 'total')
          OR (c.\"table\" = 'review_litigation'
              AND c.\"column\" IN ('upheld', 'corrected', 'other', 'total'))
          OR (c.\"table\" = 'legacy' AND c.\"column\" = 'year'
              AND c.\"row\" IN ({})))",
        legacy.join(", ")
    )
}

/// Figures of one group. Sums are of the 总计 column of 表三 and of 表四's groups, and of the
/// legacy rows of the same meaning ([`LEGACY_FIGURES`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StatsRow {
    /// The year or unit name; empty for [`GroupBy::All`] and for reports without one.
    pub group: String,
    pub reports: i64,
    /// Reports with at least one failed error-level finding.
    pub reports_with_errors: i64,
    /// 一、本年新收.
    pub received: f64,
    /// 三（七）总计: requests answered.
    pub answered: f64,
    /// 三（一）予以公开.
    pub granted: f64,
    /// 三（二）部分公开.
    pub partially_granted: f64,
    /// 三（三）不予公开, per reason, in [`WITHHELD_ROWS`] order.
    pub withheld: [f64; 8],
    /// 行政复议: decided (维持 + 纠正 + 其他) and corrected.
    pub review_decided: f64,
    pub review_corrected: f64,
    /// 行政诉讼 (both kinds): decided and corrected.
    pub litigation_decided: f64,
    pub litigation_corrected: f64,
    /// How many of the reports are legacy (pre-2019) ones, whose figures come from their 附表 or
    /// prose.
    pub legacy_reports: i64,
    /// 不予公开 of legacy reports, which do not give the reasons.
    pub withheld_unspecified: f64,
    /// 行政复议 in all (表四 总计, pending cases included; legacy 行政复议数).
    pub reviews_total: f64,
    /// 行政诉讼 in all, both kinds (表四 总计; legacy 行政诉讼数).
    pub lawsuits_total: f64,
}

impl StatsRow {
    /// Adds one cell's value to the figure it feeds: 表三's 总计 column (received, answered,
    /// granted, partially granted, 不予公开 by reason) and 表四's decided and corrected cases.
    /// The one place that knows which cells make which figure (the stats queries and the
    /// dashboard both call it).
    pub fn add(&mut self, table: &str, row: &str, column: &str, v: f64) {
        match (table, row) {
            ("legacy", r) if column == "year" => {
                if let Some((_, f)) = LEGACY_FIGURES.iter().find(|(k, _)| *k == r) {
                    self.bump(*f, v);
                }
            }
            ("review_litigation", "review") if column == "total" => {
                self.bump(Figure::ReviewsTotal, v)
            }
            ("review_litigation", "litigation_direct" | "litigation_after_review")
                if column == "total" =>
            {
                self.bump(Figure::LawsuitsTotal, v)
            }
            ("requests", _) if column != "total" => {}
            ("requests", "received") => self.received += v,
            ("requests", "total") => self.answered += v,
            ("requests", "granted") => self.granted += v,
            ("requests", "partially_granted") => self.partially_granted += v,
            ("requests", r) => {
                if let Some(x) = WITHHELD_ROWS
                    .iter()
                    .position(|w| *w == r)
                    .and_then(|i| self.withheld.get_mut(i))
                {
                    *x += v;
                }
            }
            ("review_litigation", r) if matches!(column, "upheld" | "corrected" | "other") => {
                let corrected = column == "corrected";
                match r {
                    "review" => {
                        self.review_decided += v;
                        if corrected {
                            self.review_corrected += v;
                        }
                    }
                    "litigation_direct" | "litigation_after_review" => {
                        self.litigation_decided += v;
                        if corrected {
                            self.litigation_corrected += v;
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }

    fn bump(&mut self, f: Figure, v: f64) {
        let x = match f {
            Figure::Received => &mut self.received,
            Figure::Answered => &mut self.answered,
            Figure::Granted => &mut self.granted,
            Figure::PartiallyGranted => &mut self.partially_granted,
            Figure::WithheldUnspecified => &mut self.withheld_unspecified,
            Figure::ReviewsTotal => &mut self.reviews_total,
            Figure::LawsuitsTotal => &mut self.lawsuits_total,
        };
        *x += v;
    }

    /// The figures as JSON, as `gongkai stats --format json` and `/api/stats` give them.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "group": self.group,
            "reports": self.reports,
            "reports_with_errors": self.reports_with_errors,
            "received": self.received,
            "answered": self.answered,
            "granted": self.granted,
            "partially_granted": self.partially_granted,
            "granted_rate": self.granted_rate(),
            "withheld": WITHHELD_ROWS
                .iter()
                .zip(self.withheld)
                .map(|(k, v)| (k.to_string(), serde_json::json!(v)))
                .collect::<serde_json::Map<_, _>>(),
            "reviews_decided": self.review_decided,
            "reviews_corrected": self.review_corrected,
            "review_correction_rate": self.review_correction_rate(),
            "lawsuits_decided": self.litigation_decided,
            "lawsuits_corrected": self.litigation_corrected,
            "litigation_correction_rate": self.litigation_correction_rate(),
            "withheld_unspecified": self.withheld_unspecified,
            "withheld_total": self.withheld_total(),
            "reviews_total": self.reviews_total,
            "lawsuits_total": self.lawsuits_total,
            "legacy_reports": self.legacy_reports,
        })
    }

    /// 予以公开率: granted / answered, `None` when nothing was answered.
    pub fn granted_rate(&self) -> Option<f64> {
        ratio(self.granted, self.answered)
    }

    /// 复议纠错率: corrected / decided reviews.
    pub fn review_correction_rate(&self) -> Option<f64> {
        ratio(self.review_corrected, self.review_decided)
    }

    /// 诉讼纠错率: corrected / decided lawsuits.
    pub fn litigation_correction_rate(&self) -> Option<f64> {
        ratio(self.litigation_corrected, self.litigation_decided)
    }

    /// 不予公开 in all: every reason, and legacy reports' unspecified ones.
    pub fn withheld_total(&self) -> f64 {
        self.withheld.iter().sum::<f64>() + self.withheld_unspecified
    }
}

fn ratio(a: f64, b: f64) -> Option<f64> {
    (b > 0.0).then(|| a / b)
}

/// The figures of every group. Both queries group the whole store, so SQLite sorts in a
/// temporary file ([`crate::backend::with_temp_in_file`]), and the cells' sums are taken as
/// they arrive: memory holds the groups, not the store.
pub(crate) fn stats(db: &mut dyn Backend, by: GroupBy) -> Result<Vec<StatsRow>> {
    crate::backend::with_temp_in_file(db, |db| grouped(db, by))
}

fn grouped(db: &mut dyn Backend, by: GroupBy) -> Result<Vec<StatsRow>> {
    let (key, with, units) = (by.key_sql(), by.with_sql(), by.units_sql());
    let mut groups: BTreeMap<String, StatsRow> = BTreeMap::new();
    let text = |v: Option<&Value>| v.and_then(Value::as_str).unwrap_or("").to_string();
    let num = |v: Option<&Value>| v.and_then(Value::as_f64).unwrap_or(0.0);

    let q = format!(
        "{with}SELECT {key} AS g, COUNT(*),
                SUM(CASE WHEN EXISTS (SELECT 1 FROM findings f WHERE f.report_id = r.id
                     AND f.severity = 'error' AND f.outcome = 'fail') THEN 1 ELSE 0 END),
                SUM(CASE WHEN r.format = 'legacy' THEN 1 ELSE 0 END)
         FROM reports r {units}
         GROUP BY g"
    );
    for row in db.query(&q, &[])? {
        let g = text(row.first());
        let e = groups.entry(g.clone()).or_default();
        e.group = g;
        e.reports = row.get(1).and_then(Value::as_i64).unwrap_or(0);
        e.reports_with_errors = row.get(2).and_then(Value::as_i64).unwrap_or(0);
        e.legacy_reports = row.get(3).and_then(Value::as_i64).unwrap_or(0);
    }

    let cells = figure_cells_sql();
    let q = format!(
        "{with}SELECT {key} AS g, c.\"table\", c.\"row\", c.\"column\", SUM(c.value)
         FROM cells c JOIN reports r ON r.id = c.report_id {units}
         WHERE {cells}
           AND c.state IN ('number', 'inferred') AND c.value IS NOT NULL
         GROUP BY g, c.\"table\", c.\"row\", c.\"column\""
    );
    db.for_each(&q, &[], &mut |row| {
        if let Some(e) = groups.get_mut(&text(row.first())) {
            let cell = |i: usize| row.get(i).and_then(Value::as_str).unwrap_or("");
            e.add(cell(1), cell(2), cell(3), num(row.get(4)));
        }
        Ok(())
    })?;
    Ok(groups.into_values().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_rows_feed_the_figures_of_the_same_meaning() {
        let mut r = StatsRow::default();
        r.add("legacy", "requests_received", "year", 15.0);
        // 历年累计 is not this year's figure.
        r.add("legacy", "requests_received", "cumulative", 62.0);
        r.add("legacy", "replies_total", "year", 15.0);
        r.add("legacy", "replies_granted", "year", 11.0);
        r.add("legacy", "replies_partial", "year", 2.0);
        r.add("legacy", "replies_refused", "year", 2.0);
        // No 2019/2021 counterpart: not summed.
        r.add("legacy", "requests_in_person", "year", 6.0);
        r.add("legacy", "extra.1", "year", 35620.0);
        r.add("legacy", "reviews", "year", 1.0);
        r.add("legacy", "lawsuits", "year", 3.0);
        // A 2021 report of the same group: 表三 and 表四 totals.
        r.add("requests", "received", "total", 40.0);
        r.add("requests", "received", "natural_person", 40.0);
        r.add("requests", "withheld_state_secret", "total", 1.0);
        r.add("review_litigation", "review", "total", 4.0);
        r.add("review_litigation", "review", "upheld", 2.0);
        r.add("review_litigation", "litigation_direct", "total", 2.0);
        r.add("review_litigation", "litigation_after_review", "total", 1.0);
        assert_eq!(r.received, 55.0);
        assert_eq!(r.answered, 15.0);
        assert_eq!(r.granted, 11.0);
        assert_eq!(r.partially_granted, 2.0);
        assert_eq!(r.withheld_unspecified, 2.0);
        assert_eq!(r.withheld_total(), 3.0);
        assert_eq!(r.reviews_total, 5.0);
        assert_eq!(r.lawsuits_total, 6.0);
        assert_eq!(r.review_decided, 2.0);
        assert_eq!(r.granted_rate(), Some(11.0 / 15.0));
        let j = r.to_json();
        assert_eq!(j["withheld_unspecified"], 2.0);
        assert_eq!(j["withheld_total"], 3.0);
    }

    #[test]
    fn the_figure_cells_name_every_legacy_row_of_the_mapping() {
        let sql = figure_cells_sql();
        for (row, _) in LEGACY_FIGURES {
            assert!(sql.contains(&format!("'{row}'")), "{row}");
            let legacy = gongkai_model::formats::get(gongkai_model::FormatId::Legacy);
            assert!(
                legacy.table("legacy").and_then(|t| t.row(row)).is_some(),
                "{row}"
            );
        }
    }
}
