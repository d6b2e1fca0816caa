//! gongkai's web application: the review desk, the corpus dashboard, the request desk, the
//! public application form and progress lookup, and the REST API — server-rendered pages in
//! Chinese over the same store as the CLI (SQLite by default, PostgreSQL with a URL).
//!
//! Where things live:
//! - [`state`]: the shared state — a small pool of store connections (the store is synchronous;
//!   every database call runs on tokio's blocking threads), the calendar, the configuration;
//! - [`problem`]: errors as users see them (a Chinese page, or JSON for the API), with status;
//! - [`auth`]: accounts and roles, argon2 password hashes, sessions in the database, CSRF;
//! - [`limit`]: per-client rate limits for the public endpoints and the login form;
//! - [`pages`]: one module per area of the site (review, corpus, desk, public, account);
//! - [`api`]: the JSON API and its OpenAPI description;
//! - [`view`]: HTML pieces shared by pages (the official table layout with marks, charts).
//!
//! Security model: every page but the public ones and the login form needs a session; each area
//! needs a role ([`auth::Role`]; admin may do everything); every unsafe request carries the
//! session's CSRF token (a form field, or the `X-CSRF-Token` header for the API); anonymous
//! forms use a double-submit cookie; every change is written with its audit row in one
//! transaction; request bodies are bounded ([`Config::max_upload`]); responses carry a strict
//! Content-Security-Policy (no inline script, no third-party origin).

pub mod api;
pub mod auth;
pub mod limit;
pub mod pages;
pub mod problem;
pub mod state;
pub mod view;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue};
use axum::Router;
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;

pub use state::{AppState, Config};

/// The whole application as a router (the server and the tests use the same).
pub fn app(state: AppState) -> Router {
    let max = state.config.max_upload;
    Router::new()
        .merge(pages::router(&state))
        .merge(api::router(&state))
        .fallback(not_found)
        .layer(axum::middleware::from_fn(plain_rejections))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            signed_in_errors,
        ))
        .layer(DefaultBodyLimit::max(max))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
                 form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
            ),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        // Slow office networks: pages and JSON are text and compress well.
        .layer(CompressionLayer::new())
        .with_state(state)
}

/// Any other path: the Chinese 404 page.
async fn not_found() -> problem::Problem {
    problem::Problem::not_found(
        "没有这个页面。请检查网址，或从导航栏进入",
        "no such page; check the address or use the navigation",
    )
}

/// axum answers a request it cannot parse (a malformed path parameter, form or JSON body) with
/// an English plain-text 4xx. Users get the Chinese error page instead (JSON under `/api`), with
/// axum's words kept as the English detail.
async fn plain_rejections(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let api = req.uri().path().starts_with("/api/");
    let resp = next.run(req).await;
    let status = resp.status();
    let plain = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/plain"));
    if !status.is_client_error() || !plain {
        return resp;
    }
    let detail = axum::body::to_bytes(resp.into_body(), 4096)
        .await
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    let zh = match status.as_u16() {
        404 => "没有这个页面或记录。请检查网址".to_string(),
        413 => "提交的内容过大".to_string(),
        415 => "提交的内容类型不对".to_string(),
        _ => "请求无法处理：网址或表单的内容格式不对。请返回重新填写".to_string(),
    };
    let p = problem::Problem::new(status, zh, detail);
    if api {
        problem::ApiProblem(p).into_response()
    } else {
        p.into_response()
    }
}

/// An error page drawn for a signed-in user keeps their navigation and logout button (the page
/// is drawn again with their session; only error pages cost this lookup).
async fn signed_in_errors(
    axum::extract::State(state): axum::extract::State<AppState>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let token = auth::session::cookie(req.headers(), auth::session::COOKIE)
        .filter(|t| t.len() == 64)
        .map(str::to_string);
    let mut resp = next.run(req).await;
    let (Some(token), Some(shown)) = (
        token,
        resp.extensions().get::<problem::ErrorShown>().cloned(),
    ) else {
        return resp;
    };
    let hash = gongkai_store::sha256_hex(&token);
    if let Ok(Some(session)) = state.db(move |s| Ok(s.session(&hash)?)).await {
        let page = pages::error_page_for(&shown.0, Some(&session));
        *resp.body_mut() = axum::body::Body::from(page);
        resp.headers_mut().remove(header::CONTENT_LENGTH);
    }
    resp
}

/// Serves the application on `addr` until Ctrl-C (or SIGTERM).
pub async fn serve(state: AppState, addr: SocketAddr) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    serve_on(state, listener).await
}

/// Serves on a listener already bound (tests bind port 0 and read the address back).
pub async fn serve_on(state: AppState, listener: tokio::net::TcpListener) -> std::io::Result<()> {
    let app = app(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown())
        .await
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

/// Shared handle type for the state inside handlers.
pub type Shared = Arc<state::Inner>;
