//! `POST /api/login` and `POST /api/logout`: the same sessions as the site's login form.

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;

use super::body::{ApiUser, Body};
use crate::auth::session;
use crate::pages::account::authenticate;
use crate::problem::{ApiProblem, Problem};
use crate::state::AppState;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Login {
    username: String,
    password: String,
}

/// Longest username or password looked at (argon2 over megabytes would be a cheap attack).
const MAX_CREDENTIAL: usize = 1024;

fn with_cookie(mut r: Response, cookie: &str) -> Response {
    if let Ok(v) = HeaderValue::from_str(cookie) {
        r.headers_mut().append(header::SET_COOKIE, v);
    }
    r
}

/// Signs in: sets the session cookie, returns the session's CSRF token and the user.
pub async fn login(State(state): State<AppState>, body: Body) -> Result<Response, ApiProblem> {
    let b: Login = body.json()?;
    let refused = || {
        ApiProblem(Problem::new(
            StatusCode::UNAUTHORIZED,
            "用户名或密码不正确，或账号已停用",
            "wrong username or password, or the account is disabled",
        ))
    };
    if b.username.len() > MAX_CREDENTIAL || b.password.len() > MAX_CREDENTIAL {
        return Err(refused());
    }
    let user = authenticate(&state, &b.username, &b.password)
        .await?
        .ok_or_else(refused)?;
    let body = json!({
        "csrf": "",
        "user": {
            "username": user.username,
            "display_name": user.display_name,
            "role": user.role.key(),
        }
    });
    let (cookie, csrf) = session::start(&state, user).await?;
    let mut body = body;
    body["csrf"] = json!(csrf);
    let mut r = with_cookie(Json(body).into_response(), &cookie);
    r.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}

/// Signs out: ends the session and clears the cookie.
pub async fn logout(
    State(state): State<AppState>,
    user: ApiUser,
    headers: HeaderMap,
) -> Result<Response, ApiProblem> {
    user.0.check_csrf_header(&headers)?;
    let clear = session::end(&state, &headers, user.username()).await?;
    Ok(with_cookie(
        Json(json!({ "ok": true })).into_response(),
        &clear,
    ))
}
