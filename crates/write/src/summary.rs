//! One line that sums up the findings of one file or many.

use gongkai_model::{Finding, Lang, Severity};

/// Counts over the files checked so far. Start from `Summary::default()` and [`add`] each
/// file's findings.
///
/// [`add`]: Summary::add
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub files_with_errors: usize,
    pub errors: usize,
    pub warnings: usize,
    pub notices: usize,
    /// Inputs that could not be read at all (not counted in `files`).
    pub unreadable: usize,
}

impl Summary {
    /// Adds one file and its findings (uncertain findings count under their severity too).
    pub fn add(&mut self, findings: &[Finding]) {
        let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
        let errors = count(Severity::Error);
        self.files += 1;
        if errors > 0 {
            self.files_with_errors += 1;
        }
        self.errors += errors;
        self.warnings += count(Severity::Warning);
        self.notices += count(Severity::Notice);
    }

    /// e.g. `3 个文件：2 个错误、5 个警告、1 个提示（1 个文件有错误）` or
    /// `3 files: 2 errors, 5 warnings, 1 notice (1 file with errors)`.
    ///
    /// The part in brackets appears only when it adds something: with more than one file and
    /// at least one of them with errors.
    pub fn line(&self, lang: Lang) -> String {
        let mut s = self.counts(lang);
        if self.unreadable > 0 {
            match lang {
                Lang::Zh => s.push_str(&format!("；另有 {} 个文件无法读取", self.unreadable)),
                Lang::En => s.push_str(&format!(
                    "; {} cannot be read",
                    plural(self.unreadable, "file", "files")
                )),
            }
        }
        s
    }

    fn counts(&self, lang: Lang) -> String {
        let detail = self.files > 1 && self.files_with_errors > 0;
        match lang {
            Lang::Zh => {
                let mut s = format!(
                    "{} 个文件：{} 个错误、{} 个警告、{} 个提示",
                    self.files, self.errors, self.warnings, self.notices
                );
                if detail {
                    s.push_str(&format!("（{} 个文件有错误）", self.files_with_errors));
                }
                s
            }
            Lang::En => {
                let mut s = format!(
                    "{}: {}, {}, {}",
                    plural(self.files, "file", "files"),
                    plural(self.errors, "error", "errors"),
                    plural(self.warnings, "warning", "warnings"),
                    plural(self.notices, "notice", "notices"),
                );
                if detail {
                    s.push_str(&format!(
                        " ({} with errors)",
                        plural(self.files_with_errors, "file", "files")
                    ));
                }
                s
            }
        }
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
