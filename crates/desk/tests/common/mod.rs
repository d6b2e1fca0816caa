//! Helpers shared by the integration tests.
#![allow(dead_code, clippy::unwrap_used)]

use gongkai_desk::*;

pub fn d(s: &str) -> Day {
    Day::parse(s).unwrap()
}

pub fn cal() -> &'static Calendar {
    Calendar::official().unwrap()
}

pub fn received(date: &str, channel: Channel) -> Event {
    received_by(date, channel, "张三", ApplicantType::NaturalPerson)
}

pub fn received_by(date: &str, channel: Channel, name: &str, kind: ApplicantType) -> Event {
    Event {
        date: d(date),
        kind: EventKind::Received {
            channel,
            applicant: Applicant {
                name: name.into(),
                kind,
            },
            request: "某项目环境影响评价批复".into(),
        },
    }
}

pub fn in_person(date: &str) -> Case {
    Case::open(received(date, Channel::InPerson)).unwrap()
}

pub fn ev(date: &str, kind: EventKind) -> Event {
    Event {
        date: d(date),
        kind,
    }
}

pub fn reply(date: &str, reply: ReplyType) -> Event {
    ev(date, EventKind::Replied { reply })
}

pub fn consult(date: &str, kind: ConsultationKind) -> Event {
    ev(date, EventKind::ConsultationStarted { kind })
}

pub fn answered(date: &str, kind: ConsultationKind) -> Event {
    ev(date, EventKind::ConsultationAnswered { kind })
}

pub fn extension(date: &str, days: u32, told: &str) -> Event {
    ev(
        date,
        EventKind::ExtensionApproved {
            approved_by: "办公室主任李四".into(),
            days,
            applicant_told: d(told),
        },
    )
}

pub fn correction_requested(date: &str, deadline: &str) -> Event {
    ev(
        date,
        EventKind::CorrectionRequested {
            deadline: d(deadline),
        },
    )
}

pub fn fee_notice(date: &str, amount: u64, received: &str) -> Event {
    ev(
        date,
        EventKind::FeeNoticeIssued {
            amount_yuan: amount,
            applicant_received: d(received),
        },
    )
}

/// The reply due date of a case as seen on `today`.
pub fn due(case: &Case, today: &str) -> Day {
    case.reply_deadline(d(today), cal()).unwrap().unwrap().due
}
