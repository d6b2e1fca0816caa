//! The date of receipt by channel (条例 art. 31), which starts every period.
//!
//! | channel | receipt date |
//! |---|---|
//! | 当面提交 (in person, or an oral application written down by the office) | the day it is handed in |
//! | 邮寄, signed for | the day the agency signs for it (签收) |
//! | 平常信函 and other post needing no signature | the day the office confirms it with the applicant — which art. 31 says is the day it arrives |
//! | 互联网渠道 (web form, e-mail) or the office's fax | the day both parties confirm it (双方确认之日) |
//!
//! A [`Channel`] carries the date its rule needs; the event that records the application carries
//! the day it was submitted (posted, sent, handed in). The receipt date is never before that day.

use gongkai_model::Message;
use serde::{Deserialize, Serialize};

use crate::day::Day;
use crate::refusal::Refusal;

/// How an application came in, with the date art. 31 counts from. Stored tagged with
/// [`Channel::key`] (`{"type": "post", "signed_for": "2026-02-11"}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Channel {
    /// Handed in at the office (or made orally and written down there).
    InPerson,
    /// Post that the agency signs for.
    Post { signed_for: Day },
    /// Ordinary letter needing no signature; confirmed with the applicant.
    OrdinaryLetter { confirmed: Day },
    /// Internet channel (the online form, e-mail); both parties confirmed.
    Online { confirmed: Day },
    /// The office's fax; both parties confirmed.
    Fax { confirmed: Day },
}

impl Channel {
    /// The stable key (storage, CSV).
    pub fn key(self) -> &'static str {
        match self {
            Channel::InPerson => "in_person",
            Channel::Post { .. } => "post",
            Channel::OrdinaryLetter { .. } => "ordinary_letter",
            Channel::Online { .. } => "online",
            Channel::Fax { .. } => "fax",
        }
    }

    /// The day art. 31 names for this channel, given the day the application was submitted.
    pub fn receipt_date(self, submitted: Day) -> Result<Day, Refusal> {
        let (day, what_zh, what_en) = match self {
            Channel::InPerson => return Ok(submitted),
            Channel::Post { signed_for } => (signed_for, "签收日期", "the signed-for date"),
            Channel::OrdinaryLetter { confirmed } => {
                (confirmed, "确认日期", "the confirmation date")
            }
            Channel::Online { confirmed } | Channel::Fax { confirmed } => {
                (confirmed, "双方确认日期", "the date both parties confirmed")
            }
        };
        if day < submitted {
            return Err(Refusal::new(
                "DESK-RECEIPT-DATE",
                Message::new(
                    format!("{what_zh}{day}早于提交日期{submitted}（条例第三十一条）"),
                    format!(
                        "{what_en} {day} is before the day it was submitted, {submitted} (art. 31)"
                    ),
                ),
            ));
        }
        Ok(day)
    }

    /// The receipt clause of a deadline explanation, e.g. "2026-02-10 邮寄，2026-02-11 签收".
    pub fn describe(self, submitted: Day) -> Message {
        match self {
            Channel::InPerson => Message::new(
                format!("{submitted} 当面提交"),
                format!("handed in on {submitted}"),
            ),
            Channel::Post { signed_for } => Message::new(
                format!("{submitted} 邮寄，{signed_for} 签收"),
                format!("received {submitted} by post, signed for {signed_for}"),
            ),
            Channel::OrdinaryLetter { confirmed } => {
                let note = if confirmed != submitted {
                    Message::new(
                        "（条例第三十一条要求收到当日确认）",
                        " (art. 31 asks for confirmation on the day it arrives)",
                    )
                } else {
                    Message::new("", "")
                };
                Message::new(
                    format!("{submitted} 收到平常信函，{confirmed} 与申请人确认{}", note.zh),
                    format!(
                        "ordinary letter arrived {submitted}, confirmed with the applicant {confirmed}{}",
                        note.en
                    ),
                )
            }
            Channel::Online { confirmed } => Message::new(
                format!("{submitted} 网上提交，{confirmed} 双方确认"),
                format!("submitted online {submitted}, confirmed by both parties {confirmed}"),
            ),
            Channel::Fax { confirmed } => Message::new(
                format!("{submitted} 传真，{confirmed} 双方确认"),
                format!("faxed {submitted}, confirmed by both parties {confirmed}"),
            ),
        }
    }
}
