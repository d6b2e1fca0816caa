mod common;

use common::*;
use gongkai_model::{Finding, Lang, Message, Outcome, Severity};
use gongkai_write::Summary;

fn f(severity: Severity) -> Finding {
    Finding::new("X", severity, Outcome::Fail, Message::new("x", "x"))
}

fn three_files() -> Summary {
    use Severity::*;
    let mut s = Summary::default();
    s.add(&[f(Error), f(Error), f(Warning), f(Warning), f(Notice)]);
    s.add(&[f(Warning), f(Warning), f(Warning)]);
    s.add(&[]);
    s
}

#[test]
fn counts() {
    assert_eq!(
        three_files(),
        Summary {
            files: 3,
            files_with_errors: 1,
            errors: 2,
            warnings: 5,
            notices: 1,
            unreadable: 0,
        }
    );
}

#[test]
fn unreadable_inputs_are_named_in_the_line() {
    let mut s = three_files();
    s.unreadable = 1;
    assert_eq!(
        s.line(Lang::Zh),
        "3 个文件：2 个错误、5 个警告、1 个提示（1 个文件有错误）；另有 1 个文件无法读取"
    );
    assert_eq!(
        s.line(Lang::En),
        "3 files: 2 errors, 5 warnings, 1 notice (1 file with errors); 1 file cannot be read"
    );
}

#[test]
fn zh_line() {
    assert_eq!(
        three_files().line(Lang::Zh),
        "3 个文件：2 个错误、5 个警告、1 个提示（1 个文件有错误）"
    );
}

#[test]
fn en_line() {
    assert_eq!(
        three_files().line(Lang::En),
        "3 files: 2 errors, 5 warnings, 1 notice (1 file with errors)"
    );
}

#[test]
fn en_singular_and_plural() {
    let mut s = Summary::default();
    s.add(&[f(Severity::Error), f(Severity::Warning)]);
    // One file: the bracket would only repeat the counts.
    assert_eq!(s.line(Lang::En), "1 file: 1 error, 1 warning, 0 notices");
    assert_eq!(s.line(Lang::Zh), "1 个文件：1 个错误、1 个警告、0 个提示");
    s.add(&[f(Severity::Error), f(Severity::Notice), f(Severity::Notice)]);
    assert_eq!(
        s.line(Lang::En),
        "2 files: 2 errors, 1 warning, 2 notices (2 files with errors)"
    );
}

#[test]
fn nothing_checked_and_no_errors() {
    assert_eq!(
        Summary::default().line(Lang::En),
        "0 files: 0 errors, 0 warnings, 0 notices"
    );
    let mut s = Summary::default();
    s.add(&[uncertain_nowhere()]);
    s.add(&[]);
    assert_eq!(s.line(Lang::Zh), "2 个文件：0 个错误、1 个警告、0 个提示");
}
