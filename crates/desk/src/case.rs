//! A case is its history: the events, appended in order, and everything else derived from them.
//!
//! [`Case::apply`] checks an event against the rules *in the state the history has reached* and
//! refuses it with a [`Refusal`] (Chinese first, English available, a stable rule id) when the
//! rules do not allow it. Accepted events are only ever appended. The state the rules need
//! (receipt date, the correction, open consultations, extensions, the fee notice, the closure)
//! is recomputed from the events as they are appended and is private: there is no way to set a
//! state, a due date or an overdue flag except by recording what happened.
//!
//! The rules enforced (条例 2019, 信息处理费管理办法), each with its refusal id:
//!
//! | rule | id |
//! |---|---|
//! | the history starts with the application, received once | DESK-RECEIVED-FIRST, DESK-RECEIVED-ONCE |
//! | applicant name and request are given (art. 29) | DESK-APPLICANT, DESK-REQUEST |
//! | received on or after 2019-05-15 (2019 条例; earlier periods differ) | DESK-REGULATION |
//! | receipt date by channel not before submission (art. 31) | DESK-RECEIPT-DATE |
//! | events in date order, none before receipt | DESK-DATE-ORDER |
//! | nothing after the case is closed | DESK-CLOSED |
//! | 补正 once, first, within 7 working days, with a later deadline (art. 30) | DESK-CORRECTION-ONCE, DESK-CORRECTION-FIRST, DESK-CORRECTION-LATE, DESK-CORRECTION-DEADLINE |
//! | a correction received only when requested, once | DESK-CORRECTION-NONE |
//! | no processing step while waiting for the applicant's 补正 | DESK-AWAITING-CORRECTION |
//! | consultations: one open per kind, answered only when open | DESK-CONSULTATION-OPEN, DESK-CONSULTATION-NONE |
//! | consultations, extensions and fee notices within the reply period | DESK-PERIOD-EXPIRED |
//! | extensions approved by a named person, 1–20 working days in all, applicant told within the period (art. 33) | DESK-EXTENSION-APPROVER, DESK-EXTENSION-LIMIT, DESK-EXTENSION-TOLD |
//! | one fee notice, a positive amount, received on or after it was sent | DESK-FEE-ONCE, DESK-FEE-AMOUNT, DESK-FEE-DATE |
//! | payment only against an open notice and within 20 working days | DESK-FEE-NONE, DESK-FEE-LATE |
//! | no reply while a fee is unpaid | DESK-FEE-PENDING |
//! | 补正后申请内容仍不明确 only after a correction was received | DESK-REPLY-UNCLEAR |
//! | abandonment only when the correction or payment deadline has passed | DESK-ABANDON-NOTHING-PENDING, DESK-ABANDON-EARLY |
//! | a period that needs a year whose holidays are not loaded | DESK-CALENDAR |
//!
//! **Late 补正.** A correction arriving after the deadline the agency set is still accepted:
//! art. 30 abandons only an application not corrected "无正当理由", and whether the reason was
//! good is the clerk's call, made by recording either the correction or the abandonment.
//!
//! **Consultations.** The consulted party has 15 working days (arts. 32, 34), counted here from
//! the day after the consultation was sent (the day it reaches the party is not recorded). The
//! excluded days run from the day it was sent to the day it was answered; if no answer came
//! within the 15 days, the exclusion stops at the end of them — after that the agency decides
//! on its own (art. 32: silence → the agency decides; art. 34: silence = consent), so the
//! reply period runs again without any event being recorded.
//!
//! **Fees.** From the day a fee notice is sent until it is paid, the reply period stands still,
//! like a consultation. The 办法's text on this point was not read (REPORT-FORMAT.md §8 marks
//! the payment rules [S]/[U]); without it a notice sent late in the period could never be
//! followed by a timely reply, since the applicant has 20 working days to pay.

use gongkai_model::Message;

use crate::calendar::{Calendar, CalendarError};
use crate::day::Day;
use crate::deadline::{calendar_steps, due_date, range_text, Deadline, DeadlineKind, Exclusion};
use crate::event::{Applicant, ConsultationKind, Event, EventKind};
use crate::outcome::{Abandonment, ApplicantType, Disposition, ReplyType};
use crate::receipt::Channel;
use crate::refusal::Refusal;

/// Working days to reply (art. 33 ¶1).
pub const REPLY_WORKING_DAYS: u32 = 20;
/// The most working days all extensions together may add (art. 33 ¶2).
pub const MAX_EXTENSION_DAYS: u32 = 20;
/// Working days after receipt within which 补正 must be asked for (art. 30).
pub const CORRECTION_WINDOW: u32 = 7;
/// Working days a consulted party has to answer (arts. 32, 34).
pub const CONSULTATION_WORKING_DAYS: u32 = 15;
/// Working days to pay a fee, from the day after the notice is received.
pub const PAYMENT_WORKING_DAYS: u32 = 20;
/// The 2019 条例 (国务院令第711号) came into force on this day; earlier applications ran under
/// the 2007 条例, whose periods (15 + 15 working days) this module does not implement.
pub const REGULATION_IN_FORCE: Day = match Day::from_ymd(2019, 5, 15) {
    Some(d) => d,
    None => Day::MIN,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Correction {
    requested: Day,
    deadline: Day,
    received: Option<Day>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Consultation {
    kind: ConsultationKind,
    started: Day,
    answer_due: Day,
    answered: Option<Day>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Extension {
    approved: Day,
    by: String,
    days: u32,
    told: Day,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fee {
    issued: Day,
    amount: u64,
    notice_received: Day,
    pay_by: Day,
    paid: Option<Day>,
}

/// How and when a case ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Closure {
    pub on: Day,
    pub disposition: Disposition,
}

/// What the statistics need of a case: when it came in, who applied, how and when it ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseFacts {
    pub receipt: Day,
    pub applicant: ApplicantType,
    pub closure: Option<Closure>,
}

impl CaseFacts {
    /// Whether the case was received and not yet closed at the end of `day`.
    pub fn open_at_end_of(&self, day: Day) -> bool {
        self.receipt <= day && self.closure.is_none_or(|c| c.on > day)
    }
}

/// The state the rules need, derived from the events.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Derived {
    submitted: Day,
    receipt: Day,
    channel: Channel,
    applicant: ApplicantType,
    /// The latest event date (never before receipt).
    last: Day,
    correction: Option<Correction>,
    consultations: Vec<Consultation>,
    extensions: Vec<Extension>,
    fee: Option<Fee>,
    closure: Option<Closure>,
}

/// Where a case stands on a given day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Waiting for the applicant's 补正; `lapsed` once the deadline has passed (the case may
    /// then be recorded as abandoned).
    AwaitingCorrection { deadline: Day, lapsed: bool },
    /// Waiting for the fee; `lapsed` once the 20 working days have passed.
    AwaitingPayment { pay_by: Day, lapsed: bool },
    /// A consultation is open: the reply period stands still until it is answered or the
    /// consulted party's time runs out.
    Consulting {
        kind: ConsultationKind,
        answer_due: Day,
        /// The reply due date if the consultation runs to its limit.
        reply_due_latest: Day,
    },
    /// The agency must reply by `due`.
    InProgress {
        due: Day,
        overdue: bool,
        /// Working days after `today` up to `due` (negative: working days since `due`).
        working_days_left: i64,
    },
    /// Closed. `late` says whether a reply came after its due date (`None` for withdrawals
    /// and abandonments, or when the calendar cannot tell).
    Closed {
        closure: Closure,
        late: Option<bool>,
    },
}

/// A case: its events and what follows from them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    events: Vec<Event>,
    st: Derived,
}

fn refuse(rule: &'static str, zh: impl Into<String>, en: impl Into<String>) -> Refusal {
    Refusal::new(rule, Message::new(zh, en))
}

impl Case {
    /// Opens a case with its first event, which must be [`EventKind::Received`].
    pub fn open(event: Event) -> Result<Case, Refusal> {
        let EventKind::Received {
            channel,
            applicant,
            request,
        } = &event.kind
        else {
            return Err(refuse(
                "DESK-RECEIVED-FIRST",
                format!(
                    "案件的第一个事件应为收到申请，而不是{}",
                    event.kind.name_zh()
                ),
                format!(
                    "a case starts with the application received, not with a {}",
                    event.kind.name_en()
                ),
            ));
        };
        if applicant.name.trim().is_empty() {
            return Err(refuse(
                "DESK-APPLICANT",
                "缺少申请人姓名或名称（条例第二十九条）",
                "the applicant's name is missing (art. 29)",
            ));
        }
        if request.trim().is_empty() {
            return Err(refuse(
                "DESK-REQUEST",
                "缺少申请公开的政府信息的名称、文号或特征性描述（条例第二十九条）",
                "the request does not say what information is asked for (art. 29)",
            ));
        }
        let receipt = channel.receipt_date(event.date)?;
        if receipt < REGULATION_IN_FORCE {
            return Err(refuse(
                "DESK-REGULATION",
                format!("收到日期{receipt}早于2019年5月15日：该申请适用2007年条例（答复期限15个工作日），本系统不支持"),
                format!("received on {receipt}, before 15 May 2019: the 2007 Regulations apply (15 working days), which this desk does not implement"),
            ));
        }
        let st = Derived {
            submitted: event.date,
            receipt,
            channel: *channel,
            applicant: applicant.kind,
            last: receipt,
            correction: None,
            consultations: Vec::new(),
            extensions: Vec::new(),
            fee: None,
            closure: None,
        };
        Ok(Case {
            events: vec![event],
            st,
        })
    }

    /// Rebuilds a case from a stored history, checking every event as if it were new. On a
    /// refusal, says which event (0-based) was refused.
    pub fn replay(
        events: impl IntoIterator<Item = Event>,
        cal: &Calendar,
    ) -> Result<Case, (usize, Refusal)> {
        let mut it = events.into_iter();
        let first = it.next().ok_or_else(|| {
            (
                0,
                refuse(
                    "DESK-RECEIVED-FIRST",
                    "案件没有任何事件",
                    "the case has no events",
                ),
            )
        })?;
        let mut case = Case::open(first).map_err(|r| (0, r))?;
        for (i, e) in it.enumerate() {
            case.apply(e, cal).map_err(|r| (i + 1, r))?;
        }
        Ok(case)
    }

    /// The events, in order.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// The applicant, as recorded on receipt.
    pub fn applicant(&self) -> Option<&Applicant> {
        match self.events.first().map(|e| &e.kind) {
            Some(EventKind::Received { applicant, .. }) => Some(applicant),
            _ => None,
        }
    }

    pub fn applicant_type(&self) -> ApplicantType {
        self.st.applicant
    }

    /// The receipt date of art. 31.
    pub fn receipt_date(&self) -> Day {
        self.st.receipt
    }

    pub fn channel(&self) -> Channel {
        self.st.channel
    }

    pub fn closure(&self) -> Option<Closure> {
        self.st.closure
    }

    pub fn facts(&self) -> CaseFacts {
        CaseFacts {
            receipt: self.st.receipt,
            applicant: self.st.applicant,
            closure: self.st.closure,
        }
    }

    fn awaiting_correction(&self) -> Option<Correction> {
        self.st.correction.filter(|c| c.received.is_none())
    }

    fn unpaid_fee(&self) -> Option<Fee> {
        self.st.fee.filter(|f| f.paid.is_none())
    }

    fn refuse_while_awaiting_correction(&self, e: &Event) -> Result<(), Refusal> {
        if let Some(c) = self.awaiting_correction() {
            return Err(refuse(
                "DESK-AWAITING-CORRECTION",
                format!(
                    "{}已告知补正，申请人尚未补正（补正期限{}）：收到补正前不能{}",
                    c.requested,
                    c.deadline,
                    e.kind.name_zh()
                ),
                format!(
                    "a correction was requested on {} and has not arrived (deadline {}): no {} before it does",
                    c.requested,
                    c.deadline,
                    e.kind.name_en()
                ),
            ));
        }
        Ok(())
    }

    fn refuse_after_period(&self, e: &Event, cal: &Calendar) -> Result<Day, Refusal> {
        let due = self.reply_due(e.date, cal, false)?.0;
        if e.date > due {
            return Err(refuse(
                "DESK-PERIOD-EXPIRED",
                format!(
                    "答复期限已于{due}届满，{}不能再{}",
                    e.date,
                    e.kind.name_zh()
                ),
                format!(
                    "the reply period ended on {due}; a {} on {} comes too late",
                    e.kind.name_en(),
                    e.date
                ),
            ));
        }
        Ok(due)
    }

    /// Appends an event if the rules allow it in the current state; otherwise says why not
    /// and leaves the case unchanged.
    pub fn apply(&mut self, e: Event, cal: &Calendar) -> Result<(), Refusal> {
        if let Some(c) = self.st.closure {
            return Err(refuse(
                "DESK-CLOSED",
                format!(
                    "案件已于{}办结（{}），不能再记录{}",
                    c.on,
                    c.disposition.zh(),
                    e.kind.name_zh()
                ),
                format!(
                    "the case was closed on {} ({}); no {} can follow",
                    c.on,
                    c.disposition.en(),
                    e.kind.name_en()
                ),
            ));
        }
        if matches!(e.kind, EventKind::Received { .. }) {
            return Err(refuse(
                "DESK-RECEIVED-ONCE",
                format!("本案已于{}收到申请；新的申请应另立案件", self.st.receipt),
                format!(
                    "this case was received on {}; a new application is a new case",
                    self.st.receipt
                ),
            ));
        }
        if e.date < self.st.last {
            let zh_what = if self.events.len() == 1 {
                "收到日期"
            } else {
                "上一事件日期"
            };
            let en_what = if self.events.len() == 1 {
                "the receipt date"
            } else {
                "the previous event"
            };
            return Err(refuse(
                "DESK-DATE-ORDER",
                format!(
                    "{}日期{}早于{zh_what}{}；事件须按时间顺序记录",
                    e.kind.name_zh(),
                    e.date,
                    self.st.last
                ),
                format!(
                    "the {} is dated {}, before {en_what} ({}); events are recorded in date order",
                    e.kind.name_en(),
                    e.date,
                    self.st.last
                ),
            ));
        }

        match &e.kind {
            EventKind::Received { .. } => {} // refused above
            EventKind::CorrectionRequested { deadline } => {
                if let Some(c) = self.st.correction {
                    return Err(refuse(
                        "DESK-CORRECTION-ONCE",
                        format!("补正只能一次性告知（条例第三十条），已于{}告知", c.requested),
                        format!(
                            "a correction may be requested only once (art. 30); it was requested on {}",
                            c.requested
                        ),
                    ));
                }
                if !self.st.consultations.is_empty()
                    || !self.st.extensions.is_empty()
                    || self.st.fee.is_some()
                {
                    return Err(refuse(
                        "DESK-CORRECTION-FIRST",
                        "补正应在其他办理步骤之前告知：本案已征求意见、延期或发出收费通知",
                        "a correction must be requested before any other step; this case already has a consultation, extension or fee notice",
                    ));
                }
                let limit = cal.nth_working_day_after(self.st.receipt, CORRECTION_WINDOW)?;
                if e.date > limit {
                    return Err(refuse(
                        "DESK-CORRECTION-LATE",
                        format!(
                            "补正应在收到申请之日起{CORRECTION_WINDOW}个工作日内告知（收到{}，至{limit}），{}已超过（条例第三十条）",
                            self.st.receipt, e.date
                        ),
                        format!(
                            "a correction must be requested within {CORRECTION_WINDOW} working days of receipt ({}, so by {limit}); {} is too late (art. 30)",
                            self.st.receipt, e.date
                        ),
                    ));
                }
                if *deadline <= e.date {
                    return Err(refuse(
                        "DESK-CORRECTION-DEADLINE",
                        format!("补正期限{deadline}应晚于告知日期{}", e.date),
                        format!(
                            "the correction deadline {deadline} must be after the day of the request, {}",
                            e.date
                        ),
                    ));
                }
                self.st.correction = Some(Correction {
                    requested: e.date,
                    deadline: *deadline,
                    received: None,
                });
            }
            EventKind::CorrectionReceived => {
                let Some(c) = self.awaiting_correction() else {
                    let (zh, en) = match self.st.correction {
                        Some(c) => (
                            format!("已于{}收到补正", c.received.unwrap_or(c.requested)),
                            format!(
                                "the correction already arrived on {}",
                                c.received.unwrap_or(c.requested)
                            ),
                        ),
                        None => (
                            "未告知补正，不能记录收到补正".to_string(),
                            "no correction was requested".to_string(),
                        ),
                    };
                    return Err(refuse("DESK-CORRECTION-NONE", zh, en));
                };
                self.st.correction = Some(Correction {
                    received: Some(e.date),
                    ..c
                });
            }
            EventKind::ConsultationStarted { kind } => {
                self.refuse_while_awaiting_correction(&e)?;
                if let Some(c) = self
                    .st
                    .consultations
                    .iter()
                    .find(|c| c.kind == *kind && c.answered.is_none())
                {
                    return Err(refuse(
                        "DESK-CONSULTATION-OPEN",
                        format!("{}已于{}开始，尚未答复", kind.zh(), c.started),
                        format!("{} on {} and not yet answered", kind.en(), c.started),
                    ));
                }
                self.refuse_after_period(&e, cal)?;
                let answer_due = cal.nth_working_day_after(e.date, CONSULTATION_WORKING_DAYS)?;
                self.st.consultations.push(Consultation {
                    kind: *kind,
                    started: e.date,
                    answer_due,
                    answered: None,
                });
            }
            EventKind::ConsultationAnswered { kind } => {
                let Some(c) = self
                    .st
                    .consultations
                    .iter_mut()
                    .find(|c| c.kind == *kind && c.answered.is_none())
                else {
                    return Err(refuse(
                        "DESK-CONSULTATION-NONE",
                        format!("没有尚未答复的{}", kind.zh()),
                        format!("there is no open consultation ({})", kind.en()),
                    ));
                };
                c.answered = Some(e.date);
            }
            EventKind::ExtensionApproved {
                approved_by,
                days,
                applicant_told,
            } => {
                self.refuse_while_awaiting_correction(&e)?;
                if approved_by.trim().is_empty() {
                    return Err(refuse(
                        "DESK-EXTENSION-APPROVER",
                        "延长答复期限须经政府信息公开工作机构负责人同意：请填写批准人（条例第三十三条）",
                        "an extension needs the consent of the head of the disclosure office: name who approved it (art. 33)",
                    ));
                }
                let used: u32 = self.st.extensions.iter().map(|x| x.days).sum();
                if *days == 0 || used.saturating_add(*days) > MAX_EXTENSION_DAYS {
                    let (zh, en) = if *days == 0 {
                        (
                            "延长的工作日数应至少为1".to_string(),
                            "an extension adds at least one working day".to_string(),
                        )
                    } else if used == 0 {
                        (
                            format!("延长{days}个工作日超过条例第三十三条规定的最长{MAX_EXTENSION_DAYS}个工作日"),
                            format!("an extension of {days} working days exceeds the {MAX_EXTENSION_DAYS} allowed by art. 33"),
                        )
                    } else {
                        (
                            format!("已延长{used}个工作日，再延长{days}个工作日将超过最长{MAX_EXTENSION_DAYS}个工作日（条例第三十三条）"),
                            format!("{used} working days were already added; {days} more would exceed the {MAX_EXTENSION_DAYS} allowed by art. 33"),
                        )
                    };
                    return Err(refuse("DESK-EXTENSION-LIMIT", zh, en));
                }
                let due = self.refuse_after_period(&e, cal)?;
                if *applicant_told < e.date || *applicant_told > due {
                    return Err(refuse(
                        "DESK-EXTENSION-TOLD",
                        format!(
                            "告知申请人的日期{applicant_told}应在批准日{}至原答复期限{due}之间",
                            e.date
                        ),
                        format!(
                            "the applicant must be told between the approval ({}) and the current due date ({due}), not on {applicant_told}",
                            e.date
                        ),
                    ));
                }
                self.st.extensions.push(Extension {
                    approved: e.date,
                    by: approved_by.trim().to_string(),
                    days: *days,
                    told: *applicant_told,
                });
            }
            EventKind::FeeNoticeIssued {
                amount_yuan,
                applicant_received,
            } => {
                self.refuse_while_awaiting_correction(&e)?;
                if let Some(f) = self.st.fee {
                    return Err(refuse(
                        "DESK-FEE-ONCE",
                        format!("已于{}发出收费通知", f.issued),
                        format!("a fee notice was already sent on {}", f.issued),
                    ));
                }
                if *amount_yuan == 0 {
                    return Err(refuse(
                        "DESK-FEE-AMOUNT",
                        "收费通知的金额应大于0元；不收费的无需发出收费通知",
                        "a fee notice must be for more than 0 yuan; no notice is needed when nothing is charged",
                    ));
                }
                if *applicant_received < e.date {
                    return Err(refuse(
                        "DESK-FEE-DATE",
                        format!("申请人收到收费通知的日期{applicant_received}早于发出日期{}", e.date),
                        format!(
                            "the applicant cannot receive the notice ({applicant_received}) before it was sent ({})",
                            e.date
                        ),
                    ));
                }
                self.refuse_after_period(&e, cal)?;
                let pay_by =
                    cal.nth_working_day_after(*applicant_received, PAYMENT_WORKING_DAYS)?;
                self.st.fee = Some(Fee {
                    issued: e.date,
                    amount: *amount_yuan,
                    notice_received: *applicant_received,
                    pay_by,
                    paid: None,
                });
            }
            EventKind::FeePaid => {
                let Some(f) = self.unpaid_fee() else {
                    return Err(refuse(
                        "DESK-FEE-NONE",
                        "没有待缴费的收费通知",
                        "there is no unpaid fee notice",
                    ));
                };
                if e.date > f.pay_by {
                    return Err(refuse(
                        "DESK-FEE-LATE",
                        format!(
                            "缴费期限已于{}届满，{}缴费已逾期；应记录为逾期未缴费、视为放弃申请",
                            f.pay_by, e.date
                        ),
                        format!(
                            "the time to pay ended on {}; payment on {} is late, and the case should be recorded as abandoned",
                            f.pay_by, e.date
                        ),
                    ));
                }
                self.st.fee = Some(Fee {
                    paid: Some(e.date),
                    ..f
                });
            }
            EventKind::Replied { reply } => {
                self.refuse_while_awaiting_correction(&e)?;
                if let Some(f) = self.unpaid_fee() {
                    return Err(refuse(
                        "DESK-FEE-PENDING",
                        format!(
                            "收费通知（{}元）尚未缴费：缴费后答复，或{}后记录为逾期未缴费",
                            f.amount, f.pay_by
                        ),
                        format!(
                            "the fee ({} yuan) is unpaid: reply once it is paid, or record it unpaid after {}",
                            f.amount, f.pay_by
                        ),
                    ));
                }
                if *reply == ReplyType::UnclearAfterCorrection
                    && self.st.correction.and_then(|c| c.received).is_none()
                {
                    return Err(refuse(
                        "DESK-REPLY-UNCLEAR",
                        "「补正后申请内容仍不明确」须先告知补正并收到补正（条例第三十条）",
                        "\"still unclear after correction\" needs a correction requested and received first (art. 30)",
                    ));
                }
                self.st.closure = Some(Closure {
                    on: e.date,
                    disposition: Disposition::Replied(*reply),
                });
            }
            EventKind::Withdrawn => {
                self.st.closure = Some(Closure {
                    on: e.date,
                    disposition: Disposition::Withdrawn,
                });
            }
            EventKind::Abandoned { reason } => {
                let limit = match reason {
                    Abandonment::NoCorrection => self.awaiting_correction().map(|c| c.deadline),
                    Abandonment::FeeNotPaid => self.unpaid_fee().map(|f| f.pay_by),
                };
                let Some(limit) = limit else {
                    let (zh, en) = match reason {
                        Abandonment::NoCorrection => (
                            "没有待补正的事项，不能以逾期不补正视为放弃申请",
                            "no correction is outstanding, so the case cannot be abandoned for want of one",
                        ),
                        Abandonment::FeeNotPaid => (
                            "没有待缴费的收费通知，不能以逾期未缴费视为放弃申请",
                            "no fee is outstanding, so the case cannot be abandoned for non-payment",
                        ),
                    };
                    return Err(refuse("DESK-ABANDON-NOTHING-PENDING", zh, en));
                };
                if e.date <= limit {
                    return Err(refuse(
                        "DESK-ABANDON-EARLY",
                        format!("期限{limit}尚未届满，{}不能视为放弃申请", e.date),
                        format!(
                            "the deadline {limit} has not passed on {}; the case cannot be treated as abandoned yet",
                            e.date
                        ),
                    ));
                }
                self.st.closure = Some(Closure {
                    on: e.date,
                    disposition: Disposition::Abandoned(*reason),
                });
            }
        }
        self.st.last = e.date;
        self.events.push(e);
        Ok(())
    }

    /// The excluded ranges as seen on `today`, with their explanation when `explain` is set
    /// (otherwise the reasons are empty: status checks on a million cases need no strings);
    /// the flag says whether any of them is still open.
    fn exclusions(&self, today: Day, explain: bool) -> (Vec<Exclusion>, bool) {
        let closed_on = self.st.closure.map(|c| c.on);
        let mut open = false;
        let mut out = Vec::new();
        for c in &self.st.consultations {
            let mut end = c.answered.unwrap_or(c.answer_due).min(c.answer_due);
            if let Some(on) = closed_on {
                end = end.min(on);
            }
            let still_open = c.answered.is_none() && closed_on.is_none() && today <= c.answer_due;
            open |= still_open;
            let reason = if explain {
                consultation_reason(c, end, closed_on, still_open)
            } else {
                Message::new("", "")
            };
            out.push(Exclusion {
                from: c.started,
                to: end,
                reason,
            });
        }
        if let Some(f) = self.st.fee {
            let mut end = f.paid.unwrap_or(f.pay_by);
            if let Some(on) = closed_on {
                end = end.min(on);
            }
            open |= f.paid.is_none() && closed_on.is_none() && today <= f.pay_by;
            let reason = if explain {
                fee_reason(&f, end)
            } else {
                Message::new("", "")
            };
            out.push(Exclusion {
                from: f.issued,
                to: end,
                reason,
            });
        }
        (out, open)
    }

    /// The reply due date as seen on `today` (None while awaiting 补正), with whether it is
    /// provisional, and the data the explanation needs.
    fn reply_due(
        &self,
        today: Day,
        cal: &Calendar,
        explain: bool,
    ) -> Result<(Day, bool, Vec<Exclusion>), CalendarError> {
        let start_after = self
            .st
            .correction
            .and_then(|c| c.received)
            .unwrap_or(self.st.receipt);
        let n = REPLY_WORKING_DAYS + self.st.extensions.iter().map(|x| x.days).sum::<u32>();
        let (exclusions, open) = self.exclusions(today, explain);
        let due = due_date(cal, start_after, n, &exclusions)?;
        Ok((due, open, exclusions))
    }

    /// The reply deadline with its explanation, as seen on `today`; `None` while the
    /// applicant's 补正 is awaited (the period has not started again).
    pub fn reply_deadline(
        &self,
        today: Day,
        cal: &Calendar,
    ) -> Result<Option<Deadline>, CalendarError> {
        if self.awaiting_correction().is_some() {
            return Ok(None);
        }
        let (due, provisional, exclusions) = self.reply_due(today, cal, true)?;
        let mut steps = vec![self.st.channel.describe(self.st.submitted)];
        let mut start_after = self.st.receipt;
        if let Some(c) = self.st.correction {
            if let Some(r) = c.received {
                start_after = r;
                steps.push(Message::new(
                    format!(
                        "{} 告知补正（补正期限{}），{r} 收到补正，答复期限自收到补正次日起重新计算",
                        c.requested, c.deadline
                    ),
                    format!(
                        "correction requested {} (deadline {}), received {r}: the period starts again the next day",
                        c.requested, c.deadline
                    ),
                ));
            }
        }
        steps.push(Message::new(
            format!("自次日起算{REPLY_WORKING_DAYS}个工作日"),
            format!("{REPLY_WORKING_DAYS} working days counted from the next day"),
        ));
        for x in &self.st.extensions {
            steps.push(Message::new(
                format!(
                    "{} 经{}批准延长{}个工作日（{} 告知申请人）",
                    x.approved, x.by, x.days, x.told
                ),
                format!(
                    "extended by {} working days, approved by {} on {} (applicant told {})",
                    x.days, x.by, x.approved, x.told
                ),
            ));
        }
        if let Some(first) = start_after.succ() {
            steps.extend(calendar_steps(cal, first, due));
        }
        steps.extend(exclusions.into_iter().map(|x| x.reason));
        Ok(Some(Deadline {
            kind: DeadlineKind::Reply,
            due,
            provisional,
            steps,
        }))
    }

    /// The deadline that matters on `today`: the applicant's 补正 or payment while those are
    /// awaited, else the reply; `None` once the case is closed.
    pub fn current_deadline(
        &self,
        today: Day,
        cal: &Calendar,
    ) -> Result<Option<Deadline>, CalendarError> {
        if self.st.closure.is_some() {
            return Ok(None);
        }
        if let Some(c) = self.awaiting_correction() {
            return Ok(Some(Deadline {
                kind: DeadlineKind::Correction,
                due: c.deadline,
                provisional: false,
                steps: vec![
                    self.st.channel.describe(self.st.submitted),
                    Message::new(
                        format!("{} 一次性告知补正，补正期限由本机关确定", c.requested),
                        format!(
                            "correction requested on {}; the agency set the deadline",
                            c.requested
                        ),
                    ),
                ],
            }));
        }
        if let Some(f) = self.unpaid_fee() {
            let mut steps = vec![Message::new(
                format!(
                    "{} 发出收费通知（{}元），申请人{} 收到；自次日起算{PAYMENT_WORKING_DAYS}个工作日",
                    f.issued, f.amount, f.notice_received
                ),
                format!(
                    "fee notice ({} yuan) sent {}, received by the applicant {}; {PAYMENT_WORKING_DAYS} working days counted from the next day",
                    f.amount, f.issued, f.notice_received
                ),
            )];
            if let Some(first) = f.notice_received.succ() {
                steps.extend(calendar_steps(cal, first, f.pay_by));
            }
            return Ok(Some(Deadline {
                kind: DeadlineKind::Payment,
                due: f.pay_by,
                provisional: false,
                steps,
            }));
        }
        self.reply_deadline(today, cal)
    }

    /// Where the case stands on `today`. Events recorded with later dates count as recorded.
    pub fn status(&self, today: Day, cal: &Calendar) -> Result<Status, CalendarError> {
        if let Some(closure) = self.st.closure {
            let late = match closure.disposition {
                Disposition::Replied(_) => self
                    .reply_due(closure.on, cal, false)
                    .ok()
                    .map(|(due, _, _)| closure.on > due),
                _ => None,
            };
            return Ok(Status::Closed { closure, late });
        }
        if let Some(c) = self.awaiting_correction() {
            return Ok(Status::AwaitingCorrection {
                deadline: c.deadline,
                lapsed: today > c.deadline,
            });
        }
        if let Some(f) = self.unpaid_fee() {
            return Ok(Status::AwaitingPayment {
                pay_by: f.pay_by,
                lapsed: today > f.pay_by,
            });
        }
        let (due, _, _) = self.reply_due(today, cal, false)?;
        if let Some(c) = self
            .st
            .consultations
            .iter()
            .filter(|c| c.answered.is_none() && today <= c.answer_due)
            .min_by_key(|c| c.answer_due)
        {
            return Ok(Status::Consulting {
                kind: c.kind,
                answer_due: c.answer_due,
                reply_due_latest: due,
            });
        }
        let working_days_left = if today <= due {
            match today.succ() {
                Some(next) => i64::from(cal.working_days_in(next, due)?),
                None => 0,
            }
        } else {
            match due.succ() {
                Some(next) => -i64::from(cal.working_days_in(next, today)?),
                None => 0,
            }
        };
        Ok(Status::InProgress {
            due,
            overdue: today > due,
            working_days_left,
        })
    }
}

/// The explanation step of a consultation's excluded days.
fn consultation_reason(
    c: &Consultation,
    end: Day,
    closed_on: Option<Day>,
    still_open: bool,
) -> Message {
    let (range_zh, range_en) = range_text(c.started, end);
    let (kz, ke, s) = (c.kind.zh(), c.kind.en(), c.started);
    match c.answered {
        Some(a) if a <= c.answer_due => Message::new(
            format!("{range_zh}{kz}，不计入期限"),
            format!("{ke} {s}, answered {a}, those days excluded"),
        ),
        Some(a) => Message::new(
            format!("{s}{kz}，{a}答复，超过{CONSULTATION_WORKING_DAYS}个工作日，只有{range_zh}不计入期限"),
            format!("{ke} {s}, answered {a}, after its {CONSULTATION_WORKING_DAYS} working days: only {range_en} excluded"),
        ),
        None if still_open => Message::new(
            format!("{s}{kz}，应于{}前答复，其间不计入期限", c.answer_due),
            format!("{ke} {s}, to answer by {}; that time is excluded", c.answer_due),
        ),
        None if closed_on.is_some_and(|on| on < c.answer_due) => Message::new(
            format!("{range_zh}{kz}，办结时尚未答复，不计入期限"),
            format!("{ke} {s}, not answered when the case closed; {range_en} excluded"),
        ),
        None => Message::new(
            format!("{s}{kz}，至{}（{CONSULTATION_WORKING_DAYS}个工作日）未答复，{range_zh}不计入期限", c.answer_due),
            format!("{ke} {s}, no answer within {CONSULTATION_WORKING_DAYS} working days (by {}): {range_en} excluded", c.answer_due),
        ),
    }
}

/// The explanation step of a fee notice's excluded days.
fn fee_reason(f: &Fee, end: Day) -> Message {
    let (range_zh, range_en) = range_text(f.issued, end);
    match f.paid {
        Some(p) => Message::new(
            format!("{}发出收费通知（{}元），{p}缴费，{range_zh}不计入期限", f.issued, f.amount),
            format!("fee notice ({} yuan) sent {}, paid {p}: {range_en} excluded", f.amount, f.issued),
        ),
        None => Message::new(
            format!(
                "{}发出收费通知（{}元），申请人{}收到，应于{}前缴费，其间不计入期限",
                f.issued, f.amount, f.notice_received, f.pay_by
            ),
            format!(
                "fee notice ({} yuan) sent {}, received {}, to be paid by {}; that time is excluded",
                f.amount, f.issued, f.notice_received, f.pay_by
            ),
        ),
    }
}
