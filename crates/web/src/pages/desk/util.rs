//! Small helpers the request desk and the public side share: today's date in China, dates and
//! numbers typed into forms, errors shown next to a form's fields, form bodies read with a
//! Chinese error, and the Chinese words for a case's state and events.

use axum::extract::rejection::FormRejection;
use axum::Form;
use gongkai_desk::{Case, Day, Event, EventKind, Status};

use crate::problem::Problem;

/// The day to count from on the clerk's pages: `?today=YYYY-MM-DD` when given (looking ahead,
/// checking a date by hand), otherwise today in China.
pub fn today_or(state: &crate::state::AppState, given: Option<&str>) -> Result<Day, Problem> {
    match given.map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => Day::parse(s).map_err(|e| {
            Problem::bad_request(
                format!("网址中的 today 参数：{}", e.message().zh),
                format!("the today parameter: {}", e.message().en),
            )
        }),
        None => state.today(),
    }
}

/// A date typed into the field `label`: "“签收日期”：日期「…」格式不对……".
pub fn parse_day(value: &str, label: &str) -> Result<Day, String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(format!("请填写“{label}”（格式 YYYY-MM-DD，如 2026-02-11）"));
    }
    Day::parse(v).map_err(|e| format!("“{label}”：{}", e.message().zh))
}

/// A whole number typed into the field `label`.
pub fn parse_number<T: std::str::FromStr>(value: &str, label: &str) -> Result<T, String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(format!("请填写“{label}”"));
    }
    v.parse().map_err(|_| {
        format!(
            "“{label}”应为不带小数点的正整数，而不是「{}」",
            shorten(v, 20)
        )
    })
}

/// A form's body, or a Chinese error saying why it could not be read.
pub fn form_body<T>(form: Result<Form<T>, FormRejection>) -> Result<T, Problem> {
    match form {
        Ok(Form(f)) => Ok(f),
        Err(e) => Err(Problem::new(
            e.status(),
            "提交的表单无法读取（内容过长或格式不对）。请返回上一页检查后重新提交",
            format!("the submitted form cannot be read: {}", e.body_text()),
        )),
    }
}

/// Errors shown next to a form's fields (`field` → message), in the order found.
#[derive(Debug, Clone, Default)]
pub struct FieldErrors(Vec<(&'static str, String)>);

impl FieldErrors {
    pub fn add(&mut self, field: &'static str, message: impl Into<String>) {
        self.0.push((field, message.into()));
    }

    /// The first error of `field` (templates show it beside the field).
    pub fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Every message, for the summary at the top of the form.
    pub fn messages(&self) -> Vec<&str> {
        self.0.iter().map(|(_, m)| m.as_str()).collect()
    }

    /// Keeps the result's value, or records its error under `field`.
    pub fn take<T>(&mut self, field: &'static str, r: Result<T, String>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(m) => {
                self.add(field, m);
                None
            }
        }
    }
}

/// Whether `s` holds control characters other than line breaks and tabs.
pub fn has_control(s: &str) -> bool {
    s.chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

/// A required one-line text of at most `max` characters.
pub fn required_text(value: &str, label: &str, max: usize) -> Result<String, String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(format!("请填写“{label}”"));
    }
    bounded_text(v, label, max)
}

/// An optional text of at most `max` characters (trimmed; may be empty).
pub fn bounded_text(value: &str, label: &str, max: usize) -> Result<String, String> {
    let v = value.trim();
    let n = v.chars().count();
    if n > max {
        return Err(format!(
            "“{label}”最多 {max} 个字，现有 {n} 个字，请精简后再提交"
        ));
    }
    if has_control(v) {
        return Err(format!("“{label}”含有无法显示的控制字符，请删除后再提交"));
    }
    Ok(v.to_string())
}

/// The first `max` characters of `s`, with "…" when cut.
pub fn shorten(s: &str, max: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max).collect();
        out.push('…');
        out
    }
}

/// What is asked, as recorded on receipt.
pub fn request_of(case: &Case) -> &str {
    match case.events().first().map(|e| &e.kind) {
        Some(EventKind::Received { request, .. }) => request,
        _ => "",
    }
}

/// A case's state in a few Chinese words, for clerks.
pub fn status_zh(status: &Status) -> String {
    match status {
        Status::AwaitingCorrection { lapsed: false, .. } => "等待申请人补正".to_string(),
        Status::AwaitingCorrection { lapsed: true, .. } => {
            "补正期限已过（可记录视为放弃申请）".to_string()
        }
        Status::AwaitingPayment { lapsed: false, .. } => "等待缴纳信息处理费".to_string(),
        Status::AwaitingPayment { lapsed: true, .. } => {
            "缴费期限已过（可记录视为放弃申请）".to_string()
        }
        Status::Consulting {
            kind, answer_due, ..
        } => format!("{}中（应于{answer_due}前答复）", kind.zh()),
        Status::InProgress { overdue: false, .. } => "办理中".to_string(),
        Status::InProgress { overdue: true, .. } => "已逾期".to_string(),
        Status::Closed { closure, late } => {
            let late = match late {
                Some(true) => "，超过答复期限",
                _ => "",
            };
            format!("已办结：{}{late}", closure.disposition.zh())
        }
    }
}

pub use crate::view::time::beijing_time;

/// Why an event cannot be recorded on `today`: it says something happened later (a typo in a
/// date, usually). `None` when its dates are fine.
pub fn after_today(e: &Event, today: Day) -> Option<String> {
    let latest = e.happened_by();
    (latest > today)
        .then(|| format!("日期 {latest} 晚于今天（{today}）：不能登记尚未发生的事。请检查日期"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_shortened_by_characters() {
        assert_eq!(shorten("政府信息公开", 4), "政府信息…");
        assert_eq!(shorten(" 短 ", 4), "短");
    }

    #[test]
    fn times_are_shown_in_beijing_time() {
        assert_eq!(beijing_time("2026-02-11T03:04:05Z"), "2026-02-11 11:04");
        assert_eq!(beijing_time("2026-02-11T20:30:00Z"), "2026-02-12 04:30");
        assert_eq!(beijing_time("not a time"), "not a time");
    }

    #[test]
    fn form_values_give_chinese_errors() {
        assert!(parse_day("2026-02-30", "签收日期")
            .expect_err("no such day")
            .contains("签收日期"));
        assert!(parse_day("", "签收日期")
            .expect_err("empty")
            .contains("请填写"));
        assert!(parse_number::<u32>("1.5", "天数")
            .expect_err("not whole")
            .contains("正整数"));
        assert!(bounded_text("a\u{7}", "姓名", 10).is_err());
        assert!(required_text("   ", "姓名", 10).is_err());
        assert!(bounded_text("一二三", "姓名", 2).is_err());
    }
}
