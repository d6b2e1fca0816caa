//! `gongkai desk …`: the request desk — add a case, record an event, list what is due, show a
//! case with its deadline explanation, and the year's 表三 from the records.
//!
//! Everything here is parsing and printing: the rules live in `gongkai-desk`, the storage in
//! `gongkai-store`. Dates are `YYYY-MM-DD`; "today" is the date in China (UTC+8), since that is
//! the calendar the deadlines run on, and can be fixed with `--today` (tests, looking ahead).

use std::io::Write;
use std::process::ExitCode;

use anyhow::{anyhow, bail, Context, Result};
use clap::{Args, Subcommand};
use gongkai_desk::{
    stats, Abandonment, Applicant, ApplicantType, Calendar, Channel, ConsultationKind, Day, Event,
    EventKind, Lang, ReplyType, Status,
};
use gongkai_model::{formats, Severity};
use gongkai_store::{DeskError, Store, StoredCase};

use crate::args::LangArg;
use crate::cmd::ingest::DbArg;

#[derive(Debug, Args)]
pub struct DeskArgs {
    #[command(subcommand)]
    pub command: DeskCommand,
    #[command(flatten)]
    pub db: DbArg,
    /// 输出语言 / output language
    #[arg(long, value_enum, default_value = "zh", global = true)]
    pub lang: LangArg,
}

#[derive(Debug, Subcommand)]
pub enum DeskCommand {
    /// 登记新申请，输出案件编号和答复期限 / register an application: prints its code and due date
    Add(AddArgs),
    /// 为案件记录一个事件 / record an event of a case
    Event(EventArgs),
    /// 列出未办结案件，逾期的在前 / list open cases, overdue first
    Due(DueArgs),
    /// 显示案件的全部事件和期限说明 / show a case's history and deadline explanation
    Show(ShowArgs),
    /// 输出某年度的表三（依申请公开情况）并检查 / print and check a year's Table 3
    Stats(DeskStatsArgs),
    /// 导出全部案件（每个事件一行，CSV 或 XLSX）/ export every case (one row per event)
    Export(crate::cmd::desk_io::ExportArgs),
    /// 从 CSV 导入案件（gongkai desk export 的格式）/ import cases from a CSV written by export
    Import(crate::cmd::desk_io::ImportArgs),
}

/// Output of `due` and `show`.
#[derive(Debug, Clone, Copy, clap::ValueEnum, PartialEq, Eq, Default)]
pub enum DeskFormat {
    #[default]
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// 提交日期（当面提交、寄出、发送之日）/ the day it was submitted (handed in, posted, sent)
    #[arg(long, value_name = "DATE")]
    pub received: String,
    /// 渠道 / channel: in_person | post | letter | online | fax
    #[arg(long)]
    pub channel: String,
    /// 邮寄：签收日期 / post: the day it was signed for
    #[arg(long, value_name = "DATE")]
    pub signed_for: Option<String>,
    /// 平常信函、网上、传真：确认日期 / letter, online, fax: the day receipt was confirmed
    #[arg(long, value_name = "DATE")]
    pub confirmed: Option<String>,
    /// 申请人类型 / applicant type: natural_person | business | research | social_org |
    /// legal_service | other_org
    #[arg(long)]
    pub applicant: String,
    /// 申请人姓名或名称 / the applicant's name
    #[arg(long)]
    pub name: String,
    /// 申请公开的内容 / what is asked for
    #[arg(long)]
    pub asks: String,
    /// 记录人；默认取环境变量 USER / who records it (default: $USER)
    #[arg(long)]
    pub by: Option<String>,
}

#[derive(Debug, Args)]
pub struct EventArgs {
    /// 案件编号 / the case's tracking code
    pub code: String,
    /// 事件 / the event: correction_requested | correction_received | consultation_started |
    /// consultation_answered | extension_approved | fee_notice_issued | fee_paid | replied |
    /// withdrawn | abandoned
    pub kind: String,
    /// 事件日期；默认今天 / the event's date (default: today in China)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// 告知补正：补正期限 / correction_requested: the deadline given to the applicant
    #[arg(long, value_name = "DATE")]
    pub deadline: Option<String>,
    /// 征求意见：third_party | other_agency / consultation: whom
    #[arg(long)]
    pub with: Option<String>,
    /// 延期：批准人 / extension: who approved it
    #[arg(long)]
    pub approved_by: Option<String>,
    /// 延期：工作日数 / extension: working days
    #[arg(long)]
    pub days: Option<u32>,
    /// 延期：告知申请人日期；默认事件日期 / extension: the day the applicant was told
    #[arg(long, value_name = "DATE")]
    pub told: Option<String>,
    /// 收费通知：金额（元）/ fee notice: amount in yuan
    #[arg(long)]
    pub amount: Option<u64>,
    /// 收费通知：申请人收到日期；默认事件日期 / fee notice: the day the applicant received it
    #[arg(long, value_name = "DATE")]
    pub notice_received: Option<String>,
    /// 答复类型（见 ReplyType 的键，如 granted）/ replied: the reply type's key, e.g. granted
    #[arg(long)]
    pub reply: Option<String>,
    /// 视为放弃：no_correction | fee_not_paid / abandoned: why
    #[arg(long)]
    pub reason: Option<String>,
    /// 记录人；默认取环境变量 USER / who records it (default: $USER)
    #[arg(long)]
    pub by: Option<String>,
}

#[derive(Debug, Args)]
pub struct DueArgs {
    /// 以哪一天为今天 / the day to count from (default: today in China)
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
    /// 输出格式 / output format
    #[arg(long, value_enum, default_value = "text")]
    pub format: DeskFormat,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// 案件编号 / the case's tracking code
    pub code: String,
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
    /// 输出格式 / output format
    #[arg(long, value_enum, default_value = "text")]
    pub format: DeskFormat,
}

#[derive(Debug, Args)]
pub struct DeskStatsArgs {
    /// 统计年度 / the statistical year
    #[arg(long)]
    pub year: i32,
    /// 同时写出年度报告填报文件（TOML，表三已按案件填好）/ also write a draft report file
    /// (TOML, with Table 3 filled in from the cases) for `gongkai render`
    #[arg(long, value_name = "FILE")]
    pub draft: Option<std::path::PathBuf>,
    /// 填报文件中的发布机关 / the agency named in the draft
    #[arg(long)]
    pub agency: Option<String>,
}

pub fn run(a: DeskArgs) -> Result<ExitCode> {
    let lang = Lang::from(a.lang);
    let cal = Calendar::official().map_err(|e| anyhow!("{}", e.message().get(lang)))?;
    let mut store = a.db.open(lang)?;
    let mut out = std::io::stdout().lock();
    match a.command {
        DeskCommand::Add(x) => add(x, &mut store, cal, lang, &mut out),
        DeskCommand::Event(x) => event(x, &mut store, cal, lang, &mut out),
        DeskCommand::Due(x) => due(x, &mut store, cal, lang, &mut out),
        DeskCommand::Show(x) => show(x, &mut store, cal, lang, &mut out),
        DeskCommand::Stats(x) => year_stats(x, &mut store, cal, lang, &mut out),
        DeskCommand::Export(x) => crate::cmd::desk_io::export(x, &mut store, cal, lang, &mut out),
        DeskCommand::Import(x) => crate::cmd::desk_io::import(x, &mut store, cal, lang, &mut out),
    }
}

/// Picks the message of the user's language (Chinese by default).
pub(crate) fn t(lang: Lang, zh: impl Into<String>, en: impl Into<String>) -> String {
    match lang {
        Lang::Zh => zh.into(),
        Lang::En => en.into(),
    }
}

pub(crate) fn desk_error(e: DeskError, lang: Lang) -> anyhow::Error {
    match e {
        DeskError::Refused(r) => anyhow!(
            "{}: {} [{}]",
            t(lang, "事件未记录", "event not recorded"),
            r.get(lang),
            r.rule
        ),
        DeskError::NotFound(code) => anyhow!(
            "{}",
            t(
                lang,
                format!("没有编号为“{code}”的案件；用 gongkai desk due 查看未办结案件"),
                format!("no case has the code {code:?}; `gongkai desk due` lists the open cases"),
            )
        ),
        DeskError::Store(e) => anyhow!("{}", e.message(lang)),
    }
}

/// Parses a date given as option `what`.
fn date(s: &str, what: &str, lang: Lang) -> Result<Day> {
    Day::parse(s.trim()).map_err(|e| anyhow!("--{what}: {}", e.message().get(lang)))
}

fn need<'a, T>(v: &'a Option<T>, what: &str, kind: &str, lang: Lang) -> Result<&'a T> {
    v.as_ref().ok_or_else(|| {
        anyhow!(
            "{}",
            t(
                lang,
                format!("事件 {kind} 需要 --{what}"),
                format!("event {kind} needs --{what}"),
            )
        )
    })
}

/// Today in China (UTC+8): deadlines run on the Chinese calendar, whatever the machine's zone.
fn today_in_china() -> Result<Day> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .context("system clock before 1970")?
        .as_secs()
        + 8 * 3600;
    i32::try_from(secs / 86_400)
        .ok()
        .and_then(Day::from_days_since_epoch)
        .ok_or_else(|| anyhow!("system clock out of range"))
}

fn today(arg: Option<&str>, lang: Lang) -> Result<Day> {
    match arg {
        Some(s) => date(s, "today", lang),
        None => today_in_china(),
    }
}

fn clerk(by: Option<String>) -> String {
    by.filter(|s| !s.trim().is_empty())
        .or_else(|| std::env::var("USER").ok().filter(|s| !s.is_empty()))
        .unwrap_or_else(|| "未署名".to_string())
}

fn add(
    a: AddArgs,
    store: &mut Store,
    cal: &Calendar,
    lang: Lang,
    out: &mut impl Write,
) -> Result<ExitCode> {
    let submitted = date(&a.received, "received", lang)?;
    let confirmed = |name: &str| -> Result<Day> {
        let v = need(&a.confirmed, "confirmed", name, lang)?;
        date(v, "confirmed", lang)
    };
    let channel = match a.channel.trim() {
        "in_person" => Channel::InPerson,
        "post" => Channel::Post {
            signed_for: date(
                need(&a.signed_for, "signed-for", "post", lang)?,
                "signed-for",
                lang,
            )?,
        },
        "letter" | "ordinary_letter" => Channel::OrdinaryLetter {
            confirmed: confirmed("letter")?,
        },
        "online" => Channel::Online {
            confirmed: confirmed("online")?,
        },
        "fax" => Channel::Fax {
            confirmed: confirmed("fax")?,
        },
        other => bail!(
            "{}",
            t(
                lang,
                format!("--channel「{other}」无法识别；可用 in_person、post、letter、online、fax"),
                format!(
                    "--channel {other:?} is unknown; use in_person, post, letter, online or fax"
                ),
            )
        ),
    };
    // A date given for another channel is a mistake in the command, not something to ignore:
    // the receipt date (and so every deadline) depends on which date is meant.
    let stray = match channel {
        Channel::InPerson => a
            .signed_for
            .as_ref()
            .map(|_| "signed-for")
            .or(a.confirmed.as_ref().map(|_| "confirmed")),
        Channel::Post { .. } => a.confirmed.as_ref().map(|_| "confirmed"),
        _ => a.signed_for.as_ref().map(|_| "signed-for"),
    };
    if let Some(opt) = stray {
        bail!(
            "{}",
            t(
                lang,
                format!("--{opt} 不适用于渠道 {}：邮寄用 --signed-for，平常信函、网上、传真用 --confirmed，当面提交两者都不用", channel.key()),
                format!("--{opt} does not apply to channel {}: post takes --signed-for; letter, online and fax take --confirmed; in person takes neither", channel.key()),
            )
        );
    }
    let kind = ApplicantType::from_key(a.applicant.trim()).ok_or_else(|| {
        let keys: Vec<&str> = ApplicantType::ALL.iter().map(|a| a.key()).collect();
        anyhow!(
            "{}",
            t(
                lang,
                format!(
                    "--applicant「{}」无法识别；可用 {}",
                    a.applicant,
                    keys.join("、")
                ),
                format!(
                    "--applicant {:?} is unknown; use one of {}",
                    a.applicant,
                    keys.join(", ")
                ),
            )
        )
    })?;
    let first = Event {
        date: submitted,
        kind: EventKind::Received {
            channel,
            applicant: Applicant { name: a.name, kind },
            request: a.asks,
        },
    };
    let stored = store
        .add_case(first, &clerk(a.by))
        .map_err(|e| desk_error(e, lang))?;
    writeln!(out, "{}", stored.code)?;
    let receipt = stored.case.receipt_date();
    match stored.case.reply_deadline(receipt, cal) {
        Ok(Some(d)) => {
            writeln!(out, "{}{}", t(lang, "答复期限：", "reply due: "), d.due)?;
            writeln!(out, "{}", d.explain(lang))?;
        }
        Ok(None) => {}
        // The case is stored; only the date cannot be computed yet (a year not loaded).
        Err(e) => writeln!(out, "{}", e.message().get(lang))?,
    }
    Ok(ExitCode::SUCCESS)
}

fn event(
    a: EventArgs,
    store: &mut Store,
    cal: &Calendar,
    lang: Lang,
    out: &mut impl Write,
) -> Result<ExitCode> {
    let on = match &a.date {
        Some(s) => date(s, "date", lang)?,
        None => today_in_china()?,
    };
    let k = a.kind.trim();
    let consult = |lang| -> Result<ConsultationKind> {
        match need(&a.with, "with", k, lang)?.trim() {
            "third_party" => Ok(ConsultationKind::ThirdParty),
            "other_agency" => Ok(ConsultationKind::OtherAgency),
            other => bail!("--with {other:?}: third_party | other_agency"),
        }
    };
    let kind = match k {
        "correction_requested" => EventKind::CorrectionRequested {
            deadline: date(need(&a.deadline, "deadline", k, lang)?, "deadline", lang)?,
        },
        "correction_received" => EventKind::CorrectionReceived,
        "consultation_started" => EventKind::ConsultationStarted {
            kind: consult(lang)?,
        },
        "consultation_answered" => EventKind::ConsultationAnswered {
            kind: consult(lang)?,
        },
        "extension_approved" => EventKind::ExtensionApproved {
            approved_by: need(&a.approved_by, "approved-by", k, lang)?.clone(),
            days: *need(&a.days, "days", k, lang)?,
            applicant_told: match &a.told {
                Some(s) => date(s, "told", lang)?,
                None => on,
            },
        },
        "fee_notice_issued" => EventKind::FeeNoticeIssued {
            amount_yuan: *need(&a.amount, "amount", k, lang)?,
            applicant_received: match &a.notice_received {
                Some(s) => date(s, "notice-received", lang)?,
                None => on,
            },
        },
        "fee_paid" => EventKind::FeePaid,
        "replied" => {
            let key = need(&a.reply, "reply", k, lang)?.trim();
            EventKind::Replied {
                reply: ReplyType::from_key(key).ok_or_else(|| {
                    let keys: Vec<&str> = ReplyType::ALL.iter().map(|r| r.key()).collect();
                    anyhow!(
                        "{}",
                        t(
                            lang,
                            format!("--reply「{key}」无法识别；可用 {}", keys.join("、")),
                            format!("--reply {key:?} is unknown; use one of {}", keys.join(", ")),
                        )
                    )
                })?,
            }
        }
        "withdrawn" => EventKind::Withdrawn,
        "abandoned" => EventKind::Abandoned {
            reason: match need(&a.reason, "reason", k, lang)?.trim() {
                "no_correction" => Abandonment::NoCorrection,
                "fee_not_paid" => Abandonment::FeeNotPaid,
                other => bail!("--reason {other:?}: no_correction | fee_not_paid"),
            },
        },
        other => bail!(
            "{}",
            t(
                lang,
                format!("事件「{other}」无法识别；见 gongkai desk event --help"),
                format!("unknown event {other:?}; see gongkai desk event --help"),
            )
        ),
    };
    let stored = store
        .append_event(&a.code, Event { date: on, kind }, &clerk(a.by), cal)
        .map_err(|e| desk_error(e, lang))?;
    let seq = stored.records.len().saturating_sub(1);
    writeln!(
        out,
        "{} #{seq}",
        t(
            lang,
            format!("已记录 {}", stored.code),
            format!("recorded {}", stored.code)
        )
    )?;
    print_current(&stored, on, cal, lang, out)?;
    Ok(ExitCode::SUCCESS)
}

/// The deadline that matters now, or how the case was closed.
fn print_current(
    s: &StoredCase,
    today: Day,
    cal: &Calendar,
    lang: Lang,
    out: &mut impl Write,
) -> Result<()> {
    if let Some(c) = s.case.closure() {
        let how = match lang {
            Lang::Zh => c.disposition.zh(),
            Lang::En => c.disposition.en(),
        };
        writeln!(out, "{}{} {how}", t(lang, "已办结：", "closed: "), c.on)?;
        return Ok(());
    }
    match s.case.current_deadline(today, cal) {
        Ok(Some(d)) => writeln!(out, "{}", d.explain(lang))?,
        Ok(None) => {}
        Err(e) => writeln!(out, "{}", e.message().get(lang))?,
    }
    Ok(())
}

fn due(
    a: DueArgs,
    store: &mut Store,
    cal: &Calendar,
    lang: Lang,
    out: &mut impl Write,
) -> Result<ExitCode> {
    let today = today(a.today.as_deref(), lang)?;
    let cases = store.list_cases(cal).map_err(|e| desk_error(e, lang))?;
    // (due, code, status text, working days left); a due date the calendar cannot give yet (a
    // year whose holidays are not published) sorts last, with the reason in place of the count.
    // (due, code, status text, working days left, status key, days left as a number); a due
    // date the calendar cannot give yet (a year whose holidays are not published) sorts last,
    // with the reason in place of the count.
    let mut rows: Vec<DueRow> = Vec::new();
    for s in &cases {
        let status = match s.case.status(today, cal) {
            Ok(st) => st,
            Err(e) => {
                let what = t(lang, "期限无法计算", "due date unknown");
                rows.push((
                    None,
                    s.code.clone(),
                    what,
                    e.message().get(lang).to_string(),
                    "unknown",
                    None,
                ));
                continue;
            }
        };
        let (due, what, key) = match status {
            Status::Closed { .. } => continue,
            Status::AwaitingCorrection { deadline, .. } => (
                deadline,
                t(lang, "等待补正", "awaiting correction"),
                "awaiting_correction",
            ),
            Status::AwaitingPayment { pay_by, .. } => (
                pay_by,
                t(lang, "等待缴费", "awaiting payment"),
                "awaiting_payment",
            ),
            Status::Consulting {
                reply_due_latest, ..
            } => (
                reply_due_latest,
                t(lang, "征求意见中", "consulting"),
                "consulting",
            ),
            Status::InProgress { due, overdue, .. } => {
                if overdue {
                    (due, t(lang, "已逾期", "OVERDUE"), "overdue")
                } else {
                    (due, t(lang, "办理中", "in progress"), "in_progress")
                }
            }
        };
        let days = cal.working_days_left(today, due);
        let left = days
            .as_ref()
            .map_or_else(|e| e.message().get(lang).to_string(), |n| n.to_string());
        rows.push((Some(due), s.code.clone(), what, left, key, days.ok()));
    }
    // Overdue cases have the earliest due dates, so sorting by due date puts them first.
    rows.sort_by(|a, b| (a.0.is_none(), a.0, &a.1).cmp(&(b.0.is_none(), b.0, &b.1)));
    if a.format == DeskFormat::Json {
        let cases: Vec<serde_json::Value> = rows
            .iter()
            .map(|(due, code, what, left, key, days)| {
                serde_json::json!({
                    "code": code,
                    "due": due.map(|d| d.to_string()),
                    "working_days_left": days,
                    "status": key,
                    "status_text": what,
                    "note": if days.is_none() { Some(left) } else { None },
                })
            })
            .collect();
        let doc = serde_json::json!({ "today": today.to_string(), "cases": cases });
        writeln!(out, "{}", serde_json::to_string_pretty(&doc)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(
        out,
        "{}",
        t(
            lang,
            "编号\t期限\t剩余工作日\t状态",
            "code\tdue\tworking days left\tstatus"
        )
    )?;
    for (due, code, what, left, _, _) in &rows {
        let due = due.map_or_else(|| "?".to_string(), |d| d.to_string());
        writeln!(out, "{code}\t{due}\t{left}\t{what}")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// A line of `due`: due date, code, status text, working days left (or why unknown), status
/// key, working days left as a number.
type DueRow = (
    Option<Day>,
    String,
    String,
    String,
    &'static str,
    Option<i64>,
);

fn show(
    a: ShowArgs,
    store: &mut Store,
    cal: &Calendar,
    lang: Lang,
    out: &mut impl Write,
) -> Result<ExitCode> {
    let today = today(a.today.as_deref(), lang)?;
    let s = store
        .load_case(&a.code, cal)
        .map_err(|e| desk_error(e, lang))?;
    if a.format == DeskFormat::Json {
        let events: Vec<serde_json::Value> = s
            .case
            .events()
            .iter()
            .zip(&s.records)
            .map(|(e, r)| {
                serde_json::json!({
                    "seq": r.seq,
                    "event": e,
                    "description": e.describe(lang),
                    "recorded_by": r.recorded_by,
                    "recorded_at": r.recorded_at,
                })
            })
            .collect();
        let closed = s.case.closure().map(|c| {
            serde_json::json!({
                "on": c.on.to_string(),
                "disposition": match lang {
                    Lang::Zh => c.disposition.zh(),
                    Lang::En => c.disposition.en(),
                },
            })
        });
        let deadline = match (closed.is_some(), s.case.current_deadline(today, cal)) {
            (false, Ok(Some(d))) => Some(serde_json::json!({
                "due": d.due.to_string(),
                "explanation": d.explain(lang),
            })),
            _ => None,
        };
        let doc = serde_json::json!({
            "code": s.code,
            "created_at": s.created_at,
            "today": today.to_string(),
            "events": events,
            "closed": closed,
            "deadline": deadline,
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&doc)?)?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "{}", s.code)?;
    for (e, r) in s.case.events().iter().zip(&s.records) {
        writeln!(
            out,
            "#{} {} {}（{}{}，{}）",
            r.seq,
            e.date,
            e.describe(lang),
            t(lang, "记录人 ", "recorded by "),
            r.recorded_by,
            r.recorded_at
        )?;
    }
    print_current(&s, today, cal, lang, out)?;
    Ok(ExitCode::SUCCESS)
}

fn year_stats(
    a: DeskStatsArgs,
    store: &mut Store,
    cal: &Calendar,
    lang: Lang,
    out: &mut impl Write,
) -> Result<ExitCode> {
    let cases = store.list_cases(cal).map_err(|e| desk_error(e, lang))?;
    let table = stats::year_table(cases.iter().map(|s| &s.case), a.year)
        .map_err(|e| anyhow!("{}", e.0.get(lang)))?;
    let def = formats::get(table.format)
        .table("requests")
        .ok_or_else(|| anyhow!("no requests table in format {}", table.format))?;
    let heads: Vec<String> = ApplicantType::ALL
        .iter()
        .map(|a| t(lang, a.zh(), a.key()))
        .chain([t(lang, "总计", "total")])
        .collect();
    writeln!(
        out,
        "{}",
        t(
            lang,
            format!("{}年度 表三 收到和处理政府信息公开申请情况", a.year),
            format!("{} Table 3: applications received and handled", a.year),
        )
    )?;
    writeln!(out, "\t{}", heads.join("\t"))?;
    // Rows numbered 1., 2. … repeat under several groups (（三）不予公开, （四）无法提供 …):
    // the group's label goes in front so each line reads on its own.
    let group_label = |key: Option<&str>| {
        key.and_then(|k| def.groups.iter().find(|g| g.key == k))
            .map(|g| g.label)
    };
    for row in def.rows {
        // English uses the stable row keys (KEYS.md), which are unique on their own.
        let label = match (lang, group_label(row.group)) {
            (Lang::Zh, Some(g)) if row.label.starts_with(|c: char| c.is_ascii_digit()) => {
                format!("{g}{}", row.label)
            }
            _ => t(lang, row.label, row.key),
        };
        let cells: Vec<String> = ApplicantType::ALL
            .iter()
            .map(|c| c.key())
            .chain(["total"])
            .map(|c| {
                table
                    .get(row.key, c)
                    .map_or(String::new(), |v| v.to_string())
            })
            .collect();
        writeln!(out, "{label}\t{}", cells.join("\t"))?;
    }
    // The table is consistent by construction; checking it with the same rules as a published
    // report proves that to whoever reads the output (and would catch a regression).
    let report = table.to_report(a.agency.as_deref());
    if let Some(path) = &a.draft {
        // The other tables are for the clerk to fill in: blank, not "missing from the source".
        let mut draft = report.clone();
        for c in draft.cells.iter_mut().filter(|c| c.table != "requests") {
            if c.state == gongkai_model::CellState::Missing {
                c.state = gongkai_model::CellState::Blank;
            }
        }
        let text = gongkai_write::draft::write(&draft, &gongkai_write::Narrative::new());
        std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))?;
        writeln!(
            out,
            "{}",
            t(
                lang,
                format!(
                    "已写出填报文件 {}（表三已按案件填好）；填好其余各表和正文后：gongkai render {} --to html",
                    path.display(),
                    path.display()
                ),
                format!(
                    "wrote the draft {} (Table 3 filled in from the cases); fill in the rest, then: gongkai render {} --to html",
                    path.display(),
                    path.display()
                ),
            )
        )?;
    }
    let errors: Vec<_> = gongkai_check::check(&report)
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .filter(|f| f.rule.starts_with("T3-") || f.cells.iter().any(|c| c.table == "requests"))
        .collect();
    if errors.is_empty() {
        writeln!(
            out,
            "{}",
            t(lang, "表三检查：无错误", "Table 3 check: no errors")
        )?;
        Ok(ExitCode::SUCCESS)
    } else {
        for f in &errors {
            writeln!(out, "{} {}", f.rule, f.message.get(lang))?;
        }
        Ok(ExitCode::from(1))
    }
}
