//! Findings: what the rules (and the reader) have to say about a report.

use serde::Serialize;
use std::fmt;

use crate::format::CellKey;
use crate::report::Source;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing; nothing is wrong in itself.
    Notice,
    /// Probably wrong, or incomplete; a reviewer should look.
    Warning,
    /// Wrong: the report contradicts the format or its own arithmetic.
    Error,
}

impl Severity {
    pub fn key(self) -> &'static str {
        match self {
            Severity::Notice => "notice",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// The severity's name in a user language.
    pub fn name(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh(),
            Lang::En => self.key(),
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Severity::Notice => "提示",
            Severity::Warning => "警告",
            Severity::Error => "错误",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// Whether the rule failed or could not be decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The rule does not hold.
    Fail,
    /// The rule cannot be decided: an operand is missing, blank or ambiguous.
    Uncertain,
}

impl Outcome {
    pub fn key(self) -> &'static str {
        match self {
            Outcome::Fail => "fail",
            Outcome::Uncertain => "uncertain",
        }
    }
}

/// A message in both user languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Message {
    pub zh: String,
    pub en: String,
}

impl Message {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Message {
        Message {
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// The language of user-facing text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "zh" | "zh-CN" | "zh_CN" | "cn" => Some(Lang::Zh),
            "en" | "en-US" | "en_US" | "en-GB" => Some(Lang::En),
            _ => None,
        }
    }
}

/// One finding about a report.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The rule's stable id (see `gongkai rules`).
    pub rule: &'static str,
    pub severity: Severity,
    pub outcome: Outcome,
    pub message: Message,
    /// The arithmetic or other evidence, language-neutral where possible (`5 + 0 ≠ 4`).
    pub evidence: Option<String>,
    /// The cells the finding is about.
    pub cells: Vec<CellKey>,
    /// Where in the source to show it (usually the first involved cell's place).
    pub location: Source,
}

impl Finding {
    pub fn new(rule: &'static str, severity: Severity, outcome: Outcome, message: Message) -> Self {
        Finding {
            rule,
            severity,
            outcome,
            message,
            evidence: None,
            cells: Vec::new(),
            location: Source::None,
        }
    }

    pub fn with_cells(mut self, cells: Vec<CellKey>) -> Self {
        self.cells = cells;
        self
    }

    pub fn with_evidence(mut self, evidence: impl Into<String>) -> Self {
        self.evidence = Some(evidence.into());
        self
    }

    pub fn at(mut self, location: Source) -> Self {
        self.location = location;
        self
    }
}
