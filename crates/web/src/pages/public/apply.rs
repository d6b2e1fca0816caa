//! The application form (条例 art. 29) and its confirmation.

use askama::Template;
use axum::extract::rejection::FormRejection;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use axum::Form;
use gongkai_desk::{Applicant, ApplicantType, Channel, Event, EventKind};
use gongkai_store::{sha256_hex, DeskError};
use serde::Deserialize;

use super::{DELIVERIES, ID_TYPES, PROVISION_FORMS};
use crate::auth::{csrf, Viewer};
use crate::pages::desk::applicant_options;
use crate::pages::desk::util::{bounded_text, form_body, required_text, FieldErrors};
use crate::pages::{page, with_cookie, Chrome};
use crate::problem::Problem;
use crate::state::AppState;

const MAX_NAME: usize = 100;
const MAX_ID_NUMBER: usize = 50;
const MAX_PHONE: usize = 30;
const MAX_EMAIL: usize = 100;
const MAX_ADDRESS: usize = 200;
/// Longest description of the information asked for.
pub const MAX_REQUEST: usize = 2000;

/// The form as typed (kept when it is shown again with errors).
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct ApplyForm {
    csrf: String,
    name: String,
    applicant_type: String,
    id_type: String,
    id_number: String,
    phone: String,
    email: String,
    address: String,
    request: String,
    form: String,
    delivery: String,
}

#[derive(Template)]
#[template(path = "public_apply.html")]
struct ApplyPage {
    chrome: Chrome,
    csrf: String,
    f: ApplyForm,
    errors: FieldErrors,
    /// A problem with the whole form (expired token, refused by the rules).
    problem: Option<String>,
    applicant_types: Vec<(&'static str, String)>,
    id_types: Vec<(&'static str, &'static str)>,
    forms: Vec<(&'static str, &'static str)>,
    deliveries: Vec<(&'static str, &'static str)>,
    max_request: usize,
}

fn apply_page(
    viewer: &Viewer,
    token: String,
    f: ApplyForm,
    errors: FieldErrors,
    problem: Option<String>,
) -> Result<Response, Problem> {
    let mut r = page(&ApplyPage {
        chrome: Chrome::new("申请政府信息公开", viewer.0.as_ref(), "/apply"),
        csrf: token,
        f,
        errors,
        problem,
        applicant_types: applicant_options(),
        id_types: ID_TYPES.to_vec(),
        forms: PROVISION_FORMS.to_vec(),
        deliveries: DELIVERIES.to_vec(),
        max_request: MAX_REQUEST,
    })?;
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}

pub(super) async fn form(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let (token, set) = csrf::anon_token(&headers, state.config.secure_cookies)?;
    let f = ApplyForm {
        applicant_type: ApplicantType::NaturalPerson.key().to_string(),
        id_type: "id_card".to_string(),
        ..ApplyForm::default()
    };
    let r = apply_page(&viewer, token, f, FieldErrors::default(), None)?;
    Ok(with_cookie(r, set))
}

/// What the form says, checked: the applicant, the request, and the contact JSON.
struct Checked {
    applicant: Applicant,
    request: String,
    contact: serde_json::Value,
}

fn is_key(list: &[(&str, &str)], v: &str) -> bool {
    list.iter().any(|(k, _)| *k == v)
}

fn check(f: &ApplyForm) -> Result<Checked, FieldErrors> {
    let mut e = FieldErrors::default();
    let name = e.take("name", required_text(&f.name, "姓名或者名称", MAX_NAME));
    let kind = ApplicantType::from_key(f.applicant_type.trim());
    if kind.is_none() {
        e.add(
            "applicant_type",
            "请选择申请人类型：自然人，或法人或者其他组织的一类",
        );
    }
    if !is_key(&ID_TYPES, f.id_type.trim()) {
        e.add("id_type", "请选择身份证明的种类");
    }
    let id_number = e.take(
        "id_number",
        required_text(&f.id_number, "证件号码", MAX_ID_NUMBER),
    );
    let phone = e.take("phone", bounded_text(&f.phone, "联系电话", MAX_PHONE));
    if let Some(p) = &phone {
        let digits = p.chars().filter(char::is_ascii_digit).count();
        let ok = p.chars().all(|c| {
            c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')' | '（' | '）' | '转')
        });
        if !p.is_empty() && (!ok || digits < 5) {
            e.add(
                "phone",
                "联系电话只能含数字、空格、+、- 和括号（分机可写“转”），如 010-12345678 或 13800000000",
            );
        }
    }
    let email = e.take("email", bounded_text(&f.email, "电子邮箱", MAX_EMAIL));
    if let Some(m) = &email {
        let ok = match m.split_once('@') {
            Some((user, domain)) => {
                !user.is_empty()
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !domain.contains('@')
                    && !m.chars().any(char::is_whitespace)
            }
            None => false,
        };
        if !m.is_empty() && !ok {
            e.add("email", "电子邮箱格式不对，应如 name@example.cn");
        }
    }
    let address = e.take("address", bounded_text(&f.address, "通信地址", MAX_ADDRESS));
    let empty = |v: &Option<String>| v.as_deref().is_none_or(str::is_empty);
    if f.phone.trim().is_empty() && f.email.trim().is_empty() && f.address.trim().is_empty() {
        e.add(
            "contact",
            "请至少填写一种联系方式（联系电话、电子邮箱或通信地址），以便告知办理结果",
        );
    }
    let request = e.take(
        "request",
        required_text(
            &f.request,
            "所需政府信息的名称、文号或者便于查询的其他特征性描述",
            MAX_REQUEST,
        ),
    );
    let form_ok = is_key(&PROVISION_FORMS, f.form.trim());
    if !form_ok {
        e.add("form", "请选择信息的提供形式");
    }
    let delivery_ok = is_key(&DELIVERIES, f.delivery.trim());
    if !delivery_ok {
        e.add("delivery", "请选择获取信息的方式");
    }
    if (f.form.trim() == "email" || f.delivery.trim() == "email")
        && e.get("email").is_none()
        && empty(&email)
    {
        e.add("email", "选择以电子邮件提供或获取信息时，请填写电子邮箱");
    }
    if f.delivery.trim() == "post" && e.get("address").is_none() && empty(&address) {
        e.add("address", "选择邮寄时，请填写通信地址");
    }
    match (name, kind, id_number, request) {
        (Some(name), Some(kind), Some(id_number), Some(request)) if e.is_empty() => Ok(Checked {
            applicant: Applicant { name, kind },
            request,
            contact: serde_json::json!({
                "id_type": f.id_type.trim(),
                "id_number": id_number,
                "phone": phone.unwrap_or_default(),
                "email": email.unwrap_or_default(),
                "address": address.unwrap_or_default(),
                "form": f.form.trim(),
                "delivery": f.delivery.trim(),
            }),
        }),
        _ => Err(e),
    }
}

#[derive(Template)]
#[template(path = "public_applied.html")]
struct AppliedPage {
    chrome: Chrome,
    code: String,
    check: String,
    receipt: String,
    due: Option<String>,
}

pub(super) async fn submit(
    State(state): State<AppState>,
    viewer: Viewer,
    headers: HeaderMap,
    form: Result<Form<ApplyForm>, FormRejection>,
) -> Result<Response, Problem> {
    let f = form_body(form)?;
    if csrf::check_anon(&headers, &f.csrf).is_err() {
        // Nothing is written; the form comes back with what was typed and a fresh token, so a
        // citizen whose form expired loses nothing.
        let (token, set) = csrf::anon_token(&HeaderMap::new(), state.config.secure_cookies)?;
        let mut r = apply_page(
            &viewer,
            token,
            f,
            FieldErrors::default(),
            Some("表单已过期或来源不明，申请尚未提交。请核对下面的内容后再次提交".to_string()),
        )?;
        *r.status_mut() = StatusCode::FORBIDDEN;
        return Ok(with_cookie(r, set));
    }
    let checked = match check(&f) {
        Ok(c) => c,
        Err(errors) => {
            let token = f.csrf.clone();
            let mut r = apply_page(&viewer, token, f, errors, None)?;
            *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            return Ok(r);
        }
    };
    let today = state.today()?;
    let first = Event {
        date: today,
        kind: EventKind::Received {
            channel: Channel::Online { confirmed: today },
            applicant: checked.applicant,
            request: checked.request,
        },
    };
    let check = crate::auth::check_code()?;
    let hash = sha256_hex(&check);
    let contact = checked.contact;
    let filed = state
        .db(move |s| Ok(s.file_application(first, &hash, &contact)))
        .await?;
    let stored = match filed {
        Ok(s) => s,
        Err(DeskError::Refused(r)) => {
            let token = f.csrf.clone();
            let mut resp = apply_page(
                &viewer,
                token,
                f,
                FieldErrors::default(),
                Some(format!("申请未能提交：{}", r.message.zh)),
            )?;
            *resp.status_mut() = StatusCode::CONFLICT;
            return Ok(resp);
        }
        Err(e) => return Err(e.into()),
    };
    let receipt = stored.case.receipt_date();
    let due = stored
        .case
        .reply_deadline(receipt, state.calendar)
        .ok()
        .flatten()
        .map(|d| d.due.iso());
    let mut r = page(&AppliedPage {
        chrome: Chrome::new("申请已提交", viewer.0.as_ref(), "/apply"),
        code: stored.code,
        check,
        receipt: receipt.iso(),
        due,
    })?;
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    // A new form token: sending the same form again (reload, back button) is refused instead
    // of filing the application twice.
    let (_, set) = csrf::anon_token(&HeaderMap::new(), state.config.secure_cookies)?;
    Ok(with_cookie(r, set))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_codes_use_the_unambiguous_alphabet() {
        for _ in 0..50 {
            let c = crate::auth::check_code().expect("random numbers");
            assert_eq!(c.len(), crate::auth::CHECK_LEN);
            assert!(
                c.bytes().all(|b| crate::auth::CHECK_ALPHABET.contains(&b)),
                "{c}"
            );
            assert!(!c.contains(['0', 'O', '1', 'I', 'L']), "{c}");
        }
        assert_ne!(
            crate::auth::check_code().expect("random"),
            crate::auth::check_code().expect("random")
        );
    }

    fn valid() -> ApplyForm {
        ApplyForm {
            name: "张三".into(),
            applicant_type: "natural_person".into(),
            id_type: "id_card".into(),
            id_number: "110101199001011234".into(),
            phone: "13800000000".into(),
            request: "2025年某项目环评批复".into(),
            form: "paper".into(),
            delivery: "pickup".into(),
            ..ApplyForm::default()
        }
    }

    #[test]
    fn a_complete_form_is_accepted() {
        let c = check(&valid()).expect("valid form");
        assert_eq!(c.applicant.name, "张三");
        assert_eq!(c.contact["phone"], "13800000000");
    }

    #[test]
    fn each_problem_is_named_beside_its_field() {
        let f = ApplyForm {
            phone: String::new(),
            delivery: "email".into(),
            ..valid()
        };
        let e = check(&f).err().expect("no contact");
        assert!(e.get("contact").is_some());
        assert!(e.get("email").is_some_and(|m| m.contains("电子邮箱")));
        let f = ApplyForm {
            phone: "call me".into(),
            email: "a@b".into(),
            ..valid()
        };
        let e = check(&f).err().expect("bad phone and e-mail");
        assert!(e.get("phone").is_some());
        assert!(e.get("email").is_some());
        let f = ApplyForm {
            request: "长".repeat(MAX_REQUEST + 1),
            ..valid()
        };
        let e = check(&f).err().expect("too long");
        assert!(e.get("request").is_some_and(|m| m.contains("2000")));
    }
}
