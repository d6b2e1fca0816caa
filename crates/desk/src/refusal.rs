//! Why an event was not accepted.

use std::fmt;

use gongkai_model::{Lang, Message};

use crate::calendar::CalendarError;

/// An event the rules do not allow, with a stable rule id and the reason in both languages.
///
/// The rule ids (DESK-…) are stable so that a CLI, a web form or an import log can refer to
/// them and tests can tell one refusal from another without matching on message text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub rule: &'static str,
    pub message: Message,
}

impl Refusal {
    pub fn new(rule: &'static str, message: Message) -> Refusal {
        Refusal { rule, message }
    }

    pub fn get(&self, lang: Lang) -> &str {
        self.message.get(lang)
    }
}

impl From<CalendarError> for Refusal {
    fn from(e: CalendarError) -> Refusal {
        Refusal::new("DESK-CALENDAR", e.message())
    }
}

/// Chinese first, English in brackets.
impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "[{}] {} ({})",
            self.rule, self.message.zh, self.message.en
        )
    }
}

impl std::error::Error for Refusal {}
