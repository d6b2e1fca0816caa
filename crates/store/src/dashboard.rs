//! Queries of the web application's corpus dashboard: one line per report with its open error
//! count, and the key figures of each report, so that the dashboard can filter and group by
//! unit and year in memory (a corpus is thousands of reports, not millions).
//!
//! An *open* error is a failed error-level finding whose latest verdict is not "dismissed":
//! the same count the review desk shows on the report's page. Verdicts name findings by
//! [`finding_key`], which is computed here rather than in SQL, so only the reports that have a
//! dismissal are loaded again to subtract them.

use std::collections::{HashMap, HashSet};

use gongkai_model::{FormatId, Severity};

use crate::backend::Value;
use crate::error::{Result, StoreError};
use crate::stats::StatsRow;
use crate::web::{finding_key, Verdict};
use crate::Store;

/// A report as the dashboard lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportLine {
    pub id: i64,
    pub unit_id: Option<i64>,
    pub agency: Option<String>,
    pub year: Option<i32>,
    pub format: FormatId,
    pub source_name: String,
    /// Failed error-level findings not dismissed by a reviewer.
    pub errors: i64,
}

/// Adds the figures of `r` to `into` (reports, sums; the group is kept).
pub fn add_figures(into: &mut StatsRow, r: &StatsRow) {
    into.reports += r.reports;
    into.reports_with_errors += r.reports_with_errors;
    into.received += r.received;
    into.answered += r.answered;
    into.granted += r.granted;
    into.partially_granted += r.partially_granted;
    for (a, b) in into.withheld.iter_mut().zip(r.withheld) {
        *a += b;
    }
    into.review_decided += r.review_decided;
    into.review_corrected += r.review_corrected;
    into.litigation_decided += r.litigation_decided;
    into.litigation_corrected += r.litigation_corrected;
    into.legacy_reports += r.legacy_reports;
    into.withheld_unspecified += r.withheld_unspecified;
    into.reviews_total += r.reviews_total;
    into.lawsuits_total += r.lawsuits_total;
}

impl Store {
    /// Every report with its open error count, by id.
    pub fn report_lines(&mut self) -> Result<Vec<ReportLine>> {
        let rows = self.db.query(
            "SELECT r.id, r.unit_id, r.agency, r.year, r.format, r.source_name,
                    (SELECT COUNT(*) FROM findings f WHERE f.report_id = r.id
                       AND f.severity = 'error' AND f.outcome = 'fail')
             FROM reports r ORDER BY r.id",
            &[],
        )?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let mut it = row.into_iter();
            let mut next = || it.next().unwrap_or(Value::Text(None));
            let id = next()
                .as_i64()
                .ok_or_else(|| StoreError::data("报告缺少编号", "a report without an id"))?;
            let unit_id = next().as_i64();
            let agency = next().into_string();
            let year = next().as_i64().and_then(|y| i32::try_from(y).ok());
            let key = next().into_string().unwrap_or_default();
            let format = FormatId::from_key(&key).ok_or_else(|| {
                StoreError::data(
                    format!("报告 {id} 的格式“{key}”未知"),
                    format!("report {id} has unknown format {key:?}"),
                )
            })?;
            let source_name = next().into_string().unwrap_or_default();
            let errors = next().as_i64().unwrap_or(0);
            out.push(ReportLine {
                id,
                unit_id,
                agency,
                year,
                format,
                source_name,
                errors,
            });
        }
        // Subtract the dismissed ones, loading only the reports that have a dismissal.
        let dismissed: HashSet<i64> = self
            .db
            .query(
                "SELECT DISTINCT report_id FROM finding_reviews WHERE verdict = 'dismissed'",
                &[],
            )?
            .iter()
            .filter_map(|r| r.first().and_then(Value::as_i64))
            .collect();
        for line in out.iter_mut().filter(|l| dismissed.contains(&l.id)) {
            line.errors = self.open_errors(line.id)?;
        }
        Ok(out)
    }

    /// The failed error-level findings of a report whose latest verdict is not a dismissal.
    pub fn open_errors(&mut self, report_id: i64) -> Result<i64> {
        let mut latest: HashMap<String, Verdict> = HashMap::new();
        for r in self.reviews_of(report_id)? {
            latest.insert(r.finding_key, r.verdict);
        }
        let n = self
            .findings_of(report_id)?
            .iter()
            .filter(|f| {
                f.finding.severity == Severity::Error
                    && f.finding.outcome == gongkai_model::Outcome::Fail
                    && latest.get(&finding_key(&f.finding)) != Some(&Verdict::Dismissed)
            })
            .count();
        Ok(n as i64)
    }

    /// The key figures of each report (as [`StatsRow`]s whose group is empty and `reports` 1),
    /// by report id: of every report, or of one unit's. With `only_received`, only 一、本年新收
    /// is read (the dashboard's overview chart needs nothing else). Legacy reports give the
    /// figures their `legacy` rows mean ([`crate::stats::LEGACY_FIGURES`]); reports without
    /// figures (empty tables, legacy reports that state none) are absent.
    pub fn report_figures(
        &mut self,
        unit: Option<i64>,
        only_received: bool,
    ) -> Result<HashMap<i64, StatsRow>> {
        let mut params = Vec::new();
        let unit_cond = match unit {
            Some(u) => {
                params.push(Value::int(u));
                " AND c.report_id IN (SELECT id FROM reports WHERE unit_id = $1)"
            }
            None => "",
        };
        let what = if only_received {
            "((c.\"table\" = 'requests' AND c.\"column\" = 'total' AND c.\"row\" = 'received')
              OR (c.\"table\" = 'legacy' AND c.\"column\" = 'year'
                  AND c.\"row\" = 'requests_received'))"
                .to_string()
        } else {
            crate::stats::figure_cells_sql()
        };
        let q = format!(
            "SELECT c.report_id, c.\"table\", c.\"row\", c.\"column\", c.value FROM cells c
             WHERE {what} AND c.state IN ('number', 'inferred') AND c.value IS NOT NULL{unit_cond}"
        );
        let mut out: HashMap<i64, StatsRow> = HashMap::new();
        for row in self.db.query(&q, &params)? {
            let Some(id) = row.first().and_then(Value::as_i64) else {
                continue;
            };
            let s = |i: usize| row.get(i).and_then(Value::as_str).unwrap_or("");
            let v = row.get(4).and_then(Value::as_f64).unwrap_or(0.0);
            let legacy = s(1) == "legacy";
            let e = out.entry(id).or_insert_with(|| StatsRow {
                reports: 1,
                legacy_reports: i64::from(legacy),
                ..StatsRow::default()
            });
            e.add(s(1), s(2), s(3), v);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::{GroupBy, NewReport};
    use gongkai_model::FormatId;
    use gongkai_synth::{generate, GenOptions, Scale};

    #[test]
    fn lines_and_figures_agree_with_the_stats_and_dismissals_count() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path().join("d.db").to_str().unwrap()).unwrap();
        let mut ids = Vec::new();
        for seed in 1..=3u64 {
            let mut report = generate(seed, &GenOptions::new(FormatId::F2021, Scale::Typical));
            report.agency.value = Some(format!("测试单位{seed}"));
            report.year.value = Some(2020 + seed as i32);
            let mut findings = gongkai_check::check(&report);
            if seed == 2 {
                // One planted error finding, so the counts have something to count.
                findings.push(gongkai_model::Finding::new(
                    "T3-BALANCE",
                    Severity::Error,
                    gongkai_model::Outcome::Fail,
                    gongkai_model::Message::new("测试", "test"),
                ));
            }
            let hash = format!("h{seed}");
            match store
                .store_report(&NewReport {
                    content_hash: &hash,
                    source_name: "synth",
                    report: &report,
                    findings: &findings,
                })
                .unwrap()
            {
                crate::Stored::Inserted(id) => ids.push((id, findings)),
                crate::Stored::Existing => panic!("stored twice"),
            }
        }
        let lines = store.report_lines().unwrap();
        assert_eq!(lines.len(), 3);
        for (line, (id, findings)) in lines.iter().zip(&ids) {
            assert_eq!(line.id, *id);
            let want = findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .count() as i64;
            assert_eq!(line.errors, want, "report {id}");
        }
        // The per-report figures add up to the store's own totals.
        let figures = store.report_figures(None, false).unwrap();
        let mut sum = StatsRow::default();
        for f in figures.values() {
            add_figures(&mut sum, f);
        }
        let all = store.stats(GroupBy::All).unwrap();
        let all = all.first().unwrap();
        assert_eq!(sum.received, all.received);
        assert_eq!(sum.answered, all.answered);
        assert_eq!(sum.withheld, all.withheld);
        assert_eq!(sum.review_decided, all.review_decided);
        assert_eq!(sum.litigation_corrected, all.litigation_corrected);
        let received = store.report_figures(None, true).unwrap();
        assert_eq!(
            received.values().map(|r| r.received).sum::<f64>(),
            all.received
        );
        assert!(received.values().all(|r| r.answered == 0.0));
        // One unit's figures only.
        let unit = lines[0].unit_id.unwrap();
        let one = store.report_figures(Some(unit), false).unwrap();
        assert_eq!(one.keys().copied().collect::<Vec<_>>(), vec![lines[0].id]);

        // Dismissing the planted error takes it off the open count.
        let (id2, f2) = &ids[1];
        let planted = f2.last().unwrap();
        let key = finding_key(planted);
        store
            .add_review(*id2, &key, Verdict::Dismissed, "误报", "tester")
            .unwrap();
        let before = lines[1].errors;
        let after = store.report_lines().unwrap()[1].errors;
        assert_eq!(after, before - 1);
        store
            .add_review(*id2, &key, Verdict::Confirmed, "确有错误", "tester")
            .unwrap();
        assert_eq!(store.report_lines().unwrap()[1].errors, before);
    }
}
