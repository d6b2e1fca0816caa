//! A year's 表三 (`requests` table) from the cases, consistent by construction.
//!
//! Each case is counted from three facts — receipt date, applicant type, closure — so that
//! every relation of 表三 holds by construction, in every applicant column:
//!
//! - 一、本年新收: received (art. 31 date) in the year;
//! - 二、上年结转: received before 1 January and still open at the end of 31 December before;
//! - 三、办理结果: closed in the year, each case in exactly one result row
//!   ([`crate::outcome::Disposition::row`]), and （七）总计 their sum;
//! - 四、结转下年度继续办理: received by 31 December and still open at its end.
//!
//! A case counted in 一 or 二 is open at some point in the year, so it is either closed in the
//! year (三) or open at its end (四): 一 + 二 = 三（七） + 四 holds case by case. 总计 is the sum of
//! the six applicant columns. And 四 of year Y is the same set of cases as 二 of year Y + 1.
//!
//! **A draft report.** [`YearTable::to_report`] gives a [`Report`] of the year's format (2019
//! for 2019–2020, 2021 from 2021) whose `requests` cells are all numbers and whose other cells
//! are `missing`: the desk knows nothing of proactive disclosure (表二), review and litigation
//! (表四) or the prose parts. `gongkai_check::check` on it therefore finds nothing wrong in
//! 表三 and reports the other parts and tables as missing, which is what they are. A draft is
//! completed by filling those cells (from the proactive-disclosure register, the legal office's
//! review and litigation log) and writing the six parts, then rendering it with the writer.

use gongkai_model::report::Found;
use gongkai_model::{formats, CellState, FormatId, Located, Message, Report, Source};

use crate::case::{Case, CaseFacts};
use crate::day::Day;
use crate::outcome::{ApplicantType, Disposition};

/// Why a year's table cannot be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatsError(pub Message);

/// The counts of one year's `requests` table: one row per row of the format, one count per
/// applicant column (总计 is computed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearTable {
    pub year: i32,
    pub format: FormatId,
    rows: Vec<(&'static str, [u64; 6])>,
}

impl YearTable {
    /// The count in a row and column (`total` for the 总计 column), if both exist.
    pub fn get(&self, row: &str, column: &str) -> Option<u64> {
        let counts = &self.rows.iter().find(|(k, _)| *k == row)?.1;
        if column == "total" {
            return Some(counts.iter().sum());
        }
        ApplicantType::from_key(column).and_then(|a| counts.get(a.index()).copied())
    }

    /// The six applicant counts of a row.
    pub fn row(&self, row: &str) -> Option<[u64; 6]> {
        self.rows.iter().find(|(k, _)| *k == row).map(|(_, c)| *c)
    }

    /// A draft report of the year's format with this table filled in (see the module
    /// documentation for what the rest of the draft needs).
    pub fn to_report(&self, agency: Option<&str>) -> Report {
        let mut report = Report::empty(self.format);
        report.year = Located::new(self.year, Source::None);
        if let Some(a) = agency {
            report.agency = Located::new(a.to_string(), Source::None);
        }
        report.tables.push(Found {
            key: "requests",
            source: Source::None,
        });
        for cell in report.cells.iter_mut().filter(|c| c.table == "requests") {
            if let Some(v) = self.get(cell.row, cell.column) {
                cell.value = Some(v as f64);
                cell.state = CellState::Number;
                cell.text = v.to_string().into();
            }
        }
        report
    }
}

/// The format of a statistical year's report, or why there is none.
pub fn format_for_year(year: i32) -> Result<FormatId, StatsError> {
    match FormatId::expected_for_year(year) {
        FormatId::Legacy => Err(StatsError(Message::new(
            format!("{year}年度没有统一的表三格式（2019年度起适用国办公开办函〔2019〕60号格式）"),
            format!("there is no unified Table 3 for {year} (the 2019 format applies from the 2019 report on)"),
        ))),
        f => Ok(f),
    }
}

/// The year's table from the cases.
pub fn year_table<'a>(
    cases: impl IntoIterator<Item = &'a Case>,
    year: i32,
) -> Result<YearTable, StatsError> {
    year_table_from_facts(cases.into_iter().map(Case::facts), year)
}

/// The year's table from the facts of each case (what a store can give without replaying).
pub fn year_table_from_facts(
    facts: impl IntoIterator<Item = CaseFacts>,
    year: i32,
) -> Result<YearTable, StatsError> {
    let format = format_for_year(year)?;
    let (Some(first), Some(last)) = (Day::first_of_year(year), Day::last_of_year(year)) else {
        return Err(StatsError(Message::new(
            format!("年度{year}超出范围"),
            format!("year {year} is out of range"),
        )));
    };
    let table = formats::get(format).table("requests").ok_or_else(|| {
        StatsError(Message::new(
            format!("{format}年版格式没有表三"),
            format!("the {format} format has no Table 3"),
        ))
    })?;
    let mut rows: Vec<(&'static str, [u64; 6])> =
        table.rows.iter().map(|r| (r.key, [0u64; 6])).collect();
    let index_of = |key: &str| rows.iter().position(|(k, _)| *k == key);
    let (Some(received), Some(carried_in), Some(total), Some(carried_out)) = (
        index_of("received"),
        index_of("carried_in"),
        index_of("total"),
        index_of("carried_out"),
    ) else {
        return Err(StatsError(Message::new(
            "表三缺少一、二、三（七）或四行",
            "Table 3 lacks one of rows 一, 二, 三(七), 四",
        )));
    };
    // The result row of each disposition, resolved once from the format's data (e.g. 2019's
    // single （六） row); every disposition has one in every format (tested in `outcome`).
    let mut result_row = [None; Disposition::COUNT];
    for d in Disposition::all() {
        if let Some(slot) = result_row.get_mut(d.index()) {
            *slot = d.row(format).and_then(|r| index_of(r.key));
        }
    }

    // Compare days, not years: cheaper than converting each date to a calendar year.
    let in_year = |d: Day| first <= d && d <= last;
    let end_of_previous = first.pred();
    for f in facts {
        let col = f.applicant.index();
        let mut bump = |row: usize| {
            if let Some(c) = rows.get_mut(row).and_then(|(_, c)| c.get_mut(col)) {
                *c += 1;
            }
        };
        if in_year(f.receipt) {
            bump(received);
        }
        if end_of_previous.is_some_and(|d| f.open_at_end_of(d)) {
            bump(carried_in);
        }
        if let Some(c) = f.closure.filter(|c| in_year(c.on)) {
            if let Some(i) = result_row.get(c.disposition.index()).copied().flatten() {
                bump(i);
                bump(total);
            }
        }
        if f.open_at_end_of(last) {
            bump(carried_out);
        }
    }
    Ok(YearTable { year, format, rows })
}
