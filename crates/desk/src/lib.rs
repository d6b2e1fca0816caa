//! The request desk's domain: 依申请公开 cases under the statutory deadlines of the 2019
//! 《政府信息公开条例》, counted on the real working-day calendar, with the 信息处理费 and the
//! annual 表三 built from the records.
//!
//! No storage and no I/O here: the calendar's national schedule is compiled in
//! (`data/holidays.toml`), everything else comes in as values.
//!
//! Modules, one job each:
//! - [`day`]: dates as day numbers (proleptic Gregorian), parsing and formatting ISO dates;
//! - [`calendar`]: the working-day calendar from the shipped holiday data, newer notices and
//!   regional overrides; O(1) working-day arithmetic; a year not loaded is an error;
//! - [`receipt`]: the date of receipt by channel (art. 31);
//! - [`deadline`]: due dates in working days with excluded days, and their explanation;
//! - [`event`]: the events of a case's history;
//! - [`case`]: a case as its history: the rules that refuse events, the derived state, status
//!   and deadlines;
//! - [`outcome`]: applicant type → 表三 column and outcome → 表三 row, as data checked against
//!   the format definitions;
//! - [`fees`]: the 按件 and 按量 schedules with their tiers;
//! - [`stats`]: a year's `requests` table and a draft report.
//!
//! ```
//! use gongkai_desk::{Calendar, Case, Channel, Day, Event, EventKind, Applicant, ApplicantType, Lang};
//!
//! let cal = Calendar::official().unwrap();
//! let d = |s: &str| Day::parse(s).unwrap();
//! let case = Case::open(Event {
//!     date: d("2026-02-10"),
//!     kind: EventKind::Received {
//!         channel: Channel::Post { signed_for: d("2026-02-11") },
//!         applicant: Applicant { name: "张三".into(), kind: ApplicantType::NaturalPerson },
//!         request: "2025年某项目环评批复".into(),
//!     },
//! }).unwrap();
//! let deadline = case.reply_deadline(d("2026-02-11"), cal).unwrap().unwrap();
//! assert_eq!(deadline.due, d("2026-03-17"));
//! assert!(deadline.explain(Lang::Zh).contains("2026-02-15至02-23春节放假"));
//! ```

pub mod calendar;
pub mod case;
pub mod day;
pub mod deadline;
pub mod event;
pub mod fees;
pub mod outcome;
pub mod receipt;
pub mod refusal;
mod serial;
pub mod stats;

pub use calendar::{Calendar, CalendarError, DayKind};
pub use case::{Case, CaseFacts, Closure, Status};
pub use day::{Day, DayError, Weekday};
pub use deadline::{Deadline, DeadlineKind};
pub use event::{Applicant, ConsultationKind, Event, EventKind};
pub use gongkai_model::{Lang, Message};
pub use outcome::{Abandonment, ApplicantType, Disposition, ReplyType};
pub use receipt::Channel;
pub use refusal::Refusal;
pub use stats::{year_table, year_table_from_facts, StatsError, YearTable};
