//! The events of a case's history.
//!
//! A case is nothing but its events, in the order they happened; every state, due date and
//! overdue flag is derived from them ([`crate::case`]). Each event has the day it happened; some
//! carry a second day the rules need (the day the post was signed for, the day the applicant
//! was told of an extension, the day the applicant received a fee notice).

use serde::{Deserialize, Serialize};

use crate::day::Day;
use crate::outcome::{Abandonment, ApplicantType, ReplyType};
use crate::receipt::Channel;
use gongkai_model::Lang;

/// Who applied.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Applicant {
    /// The applicant's name as registered (art. 29 requires it). It identifies the applicant
    /// for the 按件 fee, which is counted per applicant per month.
    pub name: String,
    pub kind: ApplicantType,
}

/// Which kind of consultation (arts. 32, 34).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsultationKind {
    /// A third party whose rights disclosure may harm (art. 32): answers within 15 working days.
    ThirdParty,
    /// Another agency that produced the information jointly (art. 34): answers within 15
    /// working days, silence counting as consent.
    OtherAgency,
}

impl ConsultationKind {
    pub fn key(self) -> &'static str {
        match self {
            ConsultationKind::ThirdParty => "third_party",
            ConsultationKind::OtherAgency => "other_agency",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            ConsultationKind::ThirdParty => "征求第三方意见",
            ConsultationKind::OtherAgency => "征求其他机关意见",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            ConsultationKind::ThirdParty => "third party consulted",
            ConsultationKind::OtherAgency => "other agency consulted",
        }
    }
}

/// One dated event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub date: Day,
    pub kind: EventKind,
}

/// What happened. Stored as JSON tagged with [`EventKind::key`] (`{"event": "replied", …}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case", deny_unknown_fields)]
pub enum EventKind {
    /// The application came in: `date` is the day it was submitted (handed in, posted, sent);
    /// the channel gives the receipt date of art. 31.
    Received {
        channel: Channel,
        applicant: Applicant,
        /// What is asked (art. 29 item 2).
        request: String,
    },
    /// The agency told the applicant, once, what to supplement (art. 30), with a deadline.
    CorrectionRequested { deadline: Day },
    /// The supplemented application arrived: the answer period restarts from this day.
    CorrectionReceived,
    /// A consultation was sent out.
    ConsultationStarted { kind: ConsultationKind },
    /// The consulted party answered (or the agency closed the consultation).
    ConsultationAnswered { kind: ConsultationKind },
    /// The head of the disclosure office approved an extension (art. 33 ¶2).
    ExtensionApproved {
        approved_by: String,
        /// Working days added; all extensions together at most 20.
        days: u32,
        /// The day the applicant was told.
        applicant_told: Day,
    },
    /// A 收费通知 was sent.
    FeeNoticeIssued {
        amount_yuan: u64,
        /// The day the applicant received it; the 20 working days to pay start the day after.
        applicant_received: Day,
    },
    /// The fee was paid.
    FeePaid,
    /// The reply was given.
    Replied { reply: ReplyType },
    /// The applicant withdrew the application.
    Withdrawn,
    /// The application is treated as abandoned (视为放弃申请).
    Abandoned { reason: Abandonment },
}

impl Event {
    /// The latest day this event says something already happened: its own date, or a later
    /// day it names (post signed for, receipt confirmed, applicant told of an extension, fee
    /// notice received). A deadline it sets (补正期限) is not a happening and does not count.
    /// An event recorded on day D may not say anything happened after D.
    pub fn happened_by(&self) -> Day {
        let named = match &self.kind {
            EventKind::Received { channel, .. } => match channel {
                Channel::InPerson => None,
                Channel::Post { signed_for } => Some(*signed_for),
                Channel::OrdinaryLetter { confirmed }
                | Channel::Online { confirmed }
                | Channel::Fax { confirmed } => Some(*confirmed),
            },
            EventKind::ExtensionApproved { applicant_told, .. } => Some(*applicant_told),
            EventKind::FeeNoticeIssued {
                applicant_received, ..
            } => Some(*applicant_received),
            _ => None,
        };
        named.map_or(self.date, |d| d.max(self.date))
    }
}

/// Requests longer than this are shortened in an event's description (the whole text stays in
/// the event).
const DESCRIBED_REQUEST_CHARS: usize = 60;

impl Event {
    /// The event in a line, for a case's history: "答复：予以公开（条例第三十六条第（二）项）",
    /// "收到申请：2026-02-10 邮寄，2026-02-11 签收；张三（自然人）；…". The CLI and the web desk
    /// both print this.
    pub fn describe(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let t = |a: String, b: String| if zh { a } else { b };
        let name = if zh {
            self.kind.name_zh()
        } else {
            self.kind.name_en()
        };
        let detail = match &self.kind {
            EventKind::Received {
                channel,
                applicant,
                request,
            } => {
                let ty = if zh {
                    applicant.kind.zh()
                } else {
                    applicant.kind.en()
                };
                let mut asked: String = request.trim().chars().take(DESCRIBED_REQUEST_CHARS).collect();
                if request.trim().chars().count() > DESCRIBED_REQUEST_CHARS {
                    asked.push('…');
                }
                format!(
                    "{}；{}（{ty}）；{asked}",
                    channel.describe(self.date).get(lang),
                    applicant.name
                )
            }
            EventKind::CorrectionRequested { deadline } => t(
                format!("补正期限 {deadline}"),
                format!("deadline {deadline}"),
            ),
            EventKind::ConsultationStarted { kind } | EventKind::ConsultationAnswered { kind } => {
                if zh { kind.zh() } else { kind.en() }.to_string()
            }
            EventKind::ExtensionApproved {
                approved_by,
                days,
                applicant_told,
            } => t(
                format!("{approved_by}批准，延长{days}个工作日，{applicant_told} 告知申请人"),
                format!(
                    "approved by {approved_by}, {days} working days more, applicant told {applicant_told}"
                ),
            ),
            EventKind::FeeNoticeIssued {
                amount_yuan,
                applicant_received,
            } => t(
                format!("{amount_yuan}元，申请人{applicant_received}收到"),
                format!("{amount_yuan} yuan, received {applicant_received}"),
            ),
            EventKind::Replied { reply } => {
                let what = if zh { reply.zh() } else { reply.en() };
                match (reply.article(), zh) {
                    ("", _) => what.to_string(),
                    (article, true) => format!("{what}（条例{article}）"),
                    (article, false) => format!("{what} (Regulations, {article})"),
                }
            }
            EventKind::Abandoned { reason } => {
                let d = crate::outcome::Disposition::Abandoned(*reason);
                if zh { d.zh() } else { d.en() }.to_string()
            }
            EventKind::CorrectionReceived | EventKind::FeePaid | EventKind::Withdrawn => {
                String::new()
            }
        };
        if detail.is_empty() {
            name.to_string()
        } else if zh {
            format!("{name}：{detail}")
        } else {
            format!("{name}: {detail}")
        }
    }
}

impl EventKind {
    /// The stable key (storage, CSV).
    pub fn key(&self) -> &'static str {
        match self {
            EventKind::Received { .. } => "received",
            EventKind::CorrectionRequested { .. } => "correction_requested",
            EventKind::CorrectionReceived => "correction_received",
            EventKind::ConsultationStarted { .. } => "consultation_started",
            EventKind::ConsultationAnswered { .. } => "consultation_answered",
            EventKind::ExtensionApproved { .. } => "extension_approved",
            EventKind::FeeNoticeIssued { .. } => "fee_notice_issued",
            EventKind::FeePaid => "fee_paid",
            EventKind::Replied { .. } => "replied",
            EventKind::Withdrawn => "withdrawn",
            EventKind::Abandoned { .. } => "abandoned",
        }
    }

    /// What the event is, for refusals: "补正告知" / "correction request".
    pub fn name_zh(&self) -> &'static str {
        match self {
            EventKind::Received { .. } => "收到申请",
            EventKind::CorrectionRequested { .. } => "告知补正",
            EventKind::CorrectionReceived => "收到补正",
            EventKind::ConsultationStarted { .. } => "征求意见",
            EventKind::ConsultationAnswered { .. } => "收到意见",
            EventKind::ExtensionApproved { .. } => "延长答复期限",
            EventKind::FeeNoticeIssued { .. } => "发出收费通知",
            EventKind::FeePaid => "缴纳费用",
            EventKind::Replied { .. } => "答复",
            EventKind::Withdrawn => "撤回申请",
            EventKind::Abandoned { .. } => "视为放弃申请",
        }
    }

    pub fn name_en(&self) -> &'static str {
        match self {
            EventKind::Received { .. } => "receipt",
            EventKind::CorrectionRequested { .. } => "correction request",
            EventKind::CorrectionReceived => "correction received",
            EventKind::ConsultationStarted { .. } => "consultation",
            EventKind::ConsultationAnswered { .. } => "consultation answer",
            EventKind::ExtensionApproved { .. } => "extension",
            EventKind::FeeNoticeIssued { .. } => "fee notice",
            EventKind::FeePaid => "fee payment",
            EventKind::Replied { .. } => "reply",
            EventKind::Withdrawn => "withdrawal",
            EventKind::Abandoned { .. } => "abandonment",
        }
    }
}
