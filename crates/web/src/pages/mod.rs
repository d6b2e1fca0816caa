//! The site's pages, one module per area; the page frame ([`Chrome`]) and helpers they share.
//!
//! | path | module | who |
//! |---|---|---|
//! | `/`, `/login`, `/logout`, `/admin/users` | [`account`] | everyone / admin |
//! | `/review…`, `/reports/{id}…` | [`review`] | reviewer |
//! | `/corpus…` | [`corpus`] | reviewer |
//! | `/desk…` | [`desk`] | clerk |
//! | `/apply`, `/track` | [`public`] | anyone (rate-limited) |
//! | `/assets/…` | here | anyone |

pub mod account;
pub mod corpus;
pub mod desk;
pub mod public;
pub mod review;

use askama::Template;
use axum::http::{header, HeaderValue};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use gongkai_store::{Role, Session};

use crate::problem::Problem;
use crate::state::AppState;

/// Every page of the site.
pub fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/assets/app.css", get(css))
        .route("/assets/app.js", get(js))
        .merge(account::router(state))
        .merge(review::router(state))
        .merge(corpus::router(state))
        .merge(desk::router(state))
        .merge(public::router(state))
}

const CSS: &str = include_str!("../../assets/app.css");
const JS: &str = include_str!("../../assets/app.js");

async fn css() -> Response {
    asset(CSS, "text/css; charset=utf-8")
}

async fn js() -> Response {
    asset(JS, "text/javascript; charset=utf-8")
}

fn asset(body: &'static str, kind: &'static str) -> Response {
    let mut r = body.into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    r
}

/// A link of the navigation bar.
#[derive(Debug, Clone)]
pub struct NavItem {
    pub href: &'static str,
    pub label: &'static str,
    pub active: bool,
}

/// The frame around every page: title, navigation for the viewer's role, the signed-in user and
/// the CSRF token of the session (for the logout button and the page's forms).
#[derive(Debug, Clone)]
pub struct Chrome {
    pub title: String,
    /// Display name and role of the signed-in user.
    pub user: Option<(String, &'static str)>,
    pub csrf: String,
    pub nav: Vec<NavItem>,
}

impl Chrome {
    /// The frame for `session` (or an anonymous visitor), with the nav item under `area`
    /// (`/review`, `/desk`, …) marked as the current one.
    pub fn new(title: impl Into<String>, session: Option<&Session>, area: &str) -> Chrome {
        let role = session.map(|s| s.user.role);
        let may = |r: Role| role == Some(Role::Admin) || role == Some(r);
        let mut nav = Vec::new();
        let mut add = |href: &'static str, label: &'static str| {
            nav.push(NavItem {
                href,
                label,
                active: area == href,
            })
        };
        if may(Role::Reviewer) {
            add("/review", "报告审核");
            add("/corpus", "资料库");
        }
        if may(Role::Clerk) {
            add("/desk", "依申请办理");
        }
        if role == Some(Role::Admin) {
            add("/admin/users", "账号管理");
        }
        add("/apply", "申请公开");
        add("/track", "进度查询");
        Chrome {
            title: title.into(),
            user: session.map(|s| (s.user.display_name.clone(), s.user.role.zh())),
            csrf: session.map(|s| s.csrf.clone()).unwrap_or_default(),
            nav,
        }
    }
}

/// Renders a template into a page response (`text/html; charset=utf-8`).
pub fn page<T: Template>(t: &T) -> Result<Response, Problem> {
    let body = t.render().map_err(|e| {
        Problem::internal(
            format!("页面生成失败：{e}"),
            format!("rendering the page failed: {e}"),
        )
    })?;
    Ok(Html(body).into_response())
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    chrome: Chrome,
    status: u16,
    zh: &'a str,
}

/// The page shown for a [`Problem`].
pub fn error_page(p: &Problem) -> String {
    error_page_for(p, None)
}

/// The page shown for a [`Problem`] to a signed-in user: with their navigation and logout.
pub fn error_page_for(p: &Problem, session: Option<&Session>) -> String {
    let t = ErrorPage {
        chrome: Chrome::new("出错了", session, ""),
        status: p.status.as_u16(),
        zh: &p.zh,
    };
    t.render().unwrap_or_else(|_| {
        format!(
            "<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>{}</title><p>{}</p></html>",
            p.status.as_u16(),
            p.status.as_u16()
        )
    })
}

/// Percent-encodes a query value (UTF-8; unreserved characters kept).
pub fn url_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A local path to go to after a login: only paths on this site (`/…`, not `//host`).
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_string(),
        _ => "/".to_string(),
    }
}

/// A `303 See Other` to `to` (after a form post), optionally setting a cookie.
pub fn see_other(to: &str, set_cookie: Option<String>) -> Response {
    let mut r = axum::response::Redirect::to(to).into_response();
    if let Some(c) = set_cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
        r.headers_mut().append(header::SET_COOKIE, c);
    }
    r
}

/// Adds a `Set-Cookie` to a response.
pub fn with_cookie(mut r: Response, set_cookie: Option<String>) -> Response {
    if let Some(c) = set_cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
        r.headers_mut().append(header::SET_COOKIE, c);
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed_after_login() {
        assert_eq!(safe_next(Some("/desk?x=1")), "/desk?x=1");
        assert_eq!(safe_next(Some("//evil.example/")), "/");
        assert_eq!(safe_next(Some("https://evil.example/")), "/");
        assert_eq!(safe_next(Some("/\\evil")), "/");
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn query_values_are_encoded() {
        assert_eq!(url_encode("/desk?a=b&c"), "/desk%3Fa%3Db%26c");
        assert_eq!(url_encode("审核"), "%E5%AE%A1%E6%A0%B8");
    }
}
