//! The public side: the application form of 条例 art. 29 and the progress lookup. No login;
//! rate-limited per client ([`crate::limit::limited`]); anonymous forms carry the double-submit
//! CSRF token ([`crate::auth::csrf`]); request bodies are small.
//!
//! An application opens a case on the internet channel (submitted and confirmed today, art. 31)
//! and gets a random check code (查询码), shown once with the tracking code; the store keeps only
//! the code's SHA-256. The lookup needs both codes and shows the case's state and dates only —
//! never a name, a contact detail, the request's text or a clerk's name — and says the same
//! thing, with the same status, whichever of the two codes is wrong.
//!
//! | path | what |
//! |---|---|
//! | `GET, POST /apply` | the application form; the confirmation with both codes |
//! | `GET, POST /track` | the lookup form; the case's state and dates |

mod apply;
mod track;

use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use axum::{middleware, Router};

use crate::state::AppState;

/// Largest body the public forms accept (the request text is bounded far below this).
const MAX_BODY: usize = 64 * 1024;

pub fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/apply", get(apply::form).post(apply::submit))
        .route("/track", get(track::form).post(track::submit))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            crate::limit::limited,
        ))
        .route_layer(DefaultBodyLimit::max(MAX_BODY))
}

/// Identity documents (身份证明): (key, label).
pub const ID_TYPES: [(&str, &str); 7] = [
    ("id_card", "居民身份证"),
    ("passport", "护照"),
    ("hk_macao_permit", "港澳居民来往内地通行证"),
    ("taiwan_permit", "台湾居民来往大陆通行证"),
    ("foreign_permanent", "外国人永久居留身份证"),
    (
        "credit_code",
        "统一社会信用代码证明（营业执照、登记证书等）",
    ),
    ("other", "其他有效身份证明"),
];

/// The form in which the information is wanted (art. 29 item 3): (key, label).
pub const PROVISION_FORMS: [(&str, &str); 4] = [
    ("paper", "纸质"),
    ("email", "电子邮件"),
    ("disc", "光盘"),
    ("other", "其他"),
];

/// How it is to be received: (key, label).
pub const DELIVERIES: [(&str, &str); 3] = [
    ("post", "邮寄"),
    ("pickup", "自行领取"),
    ("email", "电子邮件"),
];

fn label_in(list: &[(&str, &'static str)], key: &str) -> Option<&'static str> {
    list.iter().find(|(k, _)| *k == key).map(|(_, l)| *l)
}

/// A contact detail filed with an application as clerks read it: (label, value).
pub fn contact_label(key: &str, value: &str) -> (String, String) {
    let (label, list): (&str, Option<&[(&str, &'static str)]>) = match key {
        "id_type" => ("身份证明", Some(&ID_TYPES)),
        "id_number" => ("证件号码", None),
        "phone" => ("联系电话", None),
        "email" => ("电子邮箱", None),
        "address" => ("通信地址", None),
        "form" => ("信息提供形式", Some(&PROVISION_FORMS)),
        "delivery" => ("获取信息方式", Some(&DELIVERIES)),
        other => (other, None),
    };
    let value = list
        .and_then(|l| label_in(l, value))
        .map_or_else(|| value.to_string(), str::to_string);
    (label.to_string(), value)
}
