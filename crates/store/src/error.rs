//! Errors of the store, in both user languages: what failed, where, and what to do.

use std::fmt;

use gongkai_model::Lang;

/// What went wrong in the store. `Display` gives the Chinese message followed by the English one
/// (a log read by either audience stays useful); [`StoreError::message`] gives one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreError {
    pub zh: String,
    pub en: String,
}

impl StoreError {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> StoreError {
        StoreError {
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }

    /// A database call failed: `what` says what was being done (zh, en), `detail` is the
    /// driver's own words, kept because they name the table, column or constraint.
    pub(crate) fn db(what: (&str, &str), detail: impl fmt::Display) -> StoreError {
        StoreError::new(
            format!("{}失败：{detail}", what.0),
            format!("{} failed: {detail}", what.1),
        )
    }

    /// Stored data the store cannot make sense of (written by another version, or edited by hand).
    pub(crate) fn data(zh: impl Into<String>, en: impl Into<String>) -> StoreError {
        let (zh, en) = (zh.into(), en.into());
        StoreError::new(
            format!("数据库中的数据无法识别：{zh}。请用与写入时相同版本的 gongkai 读取，或重新导入"),
            format!(
                "unreadable data in the database: {en}. Read it with the gongkai version that wrote it, or ingest again"
            ),
        )
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} / {}", self.zh, self.en)
    }
}

impl std::error::Error for StoreError {}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
