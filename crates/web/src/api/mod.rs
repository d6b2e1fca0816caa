//! The JSON API, described by the OpenAPI 3.1 document served at `/api/openapi.json`
//! (`crates/web/openapi.json`).
//!
//! Every route is listed once, in [`ROUTES`]: the router is built from that table and the tests
//! compare it with the description, so a route cannot be served without being documented or
//! documented without being served.
//!
//! Security: staff endpoints need the session cookie (`POST /api/login` sets it) and a role;
//! every unsafe staff call also carries the session's CSRF token in the `X-CSRF-Token` header.
//! The public endpoints take no cookie and accept only `application/json` bodies (which a page
//! on another origin cannot send without a CORS preflight this server never grants), so CSRF
//! does not apply to them; they are rate-limited per client, as is the login. Errors are always
//! `{"error": {"status", "message", "message_en"}}`.
//!
//! | module | routes |
//! |---|---|
//! | [`account`] | login, logout |
//! | [`reports`] | check a report, the corpus's reports, verdicts, units, statistics |
//! | [`cases`] | the request desk's cases (clerks) |
//! | [`public`] | progress lookup and filing an application (anyone) |

pub mod account;
pub mod body;
pub mod cases;
pub mod public;
pub mod reports;

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post, MethodRouter};
use axum::{middleware, Router};

use crate::problem::{ApiProblem, Problem};
use crate::state::AppState;

/// What a route does (the router maps each to its handler).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    OpenApi,
    Login,
    Logout,
    Check,
    Reports,
    Report,
    Review,
    Units,
    Stats,
    Cases,
    Case,
    Register,
    Event,
    Lookup,
    Apply,
}

/// One route of the API.
#[derive(Debug, Clone, Copy)]
pub struct Route {
    /// The HTTP method, upper case.
    pub method: &'static str,
    /// The path as OpenAPI and axum both write it (`/api/reports/{id}`).
    pub path: &'static str,
    /// Rate-limited per client (login and the public endpoints).
    pub limited: bool,
    op: Op,
}

const fn route(method: &'static str, path: &'static str, limited: bool, op: Op) -> Route {
    Route {
        method,
        path,
        limited,
        op,
    }
}

/// Every route of the API.
pub const ROUTES: &[Route] = &[
    route("GET", "/api/openapi.json", false, Op::OpenApi),
    route("POST", "/api/login", true, Op::Login),
    route("POST", "/api/logout", false, Op::Logout),
    route("POST", "/api/check", false, Op::Check),
    route("GET", "/api/reports", false, Op::Reports),
    route("GET", "/api/reports/{id}", false, Op::Report),
    route("POST", "/api/reports/{id}/reviews", false, Op::Review),
    route("GET", "/api/units", false, Op::Units),
    route("GET", "/api/stats", false, Op::Stats),
    route("GET", "/api/cases", false, Op::Cases),
    route("POST", "/api/cases", false, Op::Register),
    route("GET", "/api/cases/{code}", false, Op::Case),
    route("POST", "/api/cases/{code}/events", false, Op::Event),
    route("POST", "/api/public/lookup", true, Op::Lookup),
    route("POST", "/api/public/applications", true, Op::Apply),
];

fn handler(op: Op) -> MethodRouter<AppState> {
    match op {
        Op::OpenApi => get(openapi),
        Op::Login => post(account::login),
        Op::Logout => post(account::logout),
        Op::Check => post(reports::check),
        Op::Reports => get(reports::list),
        Op::Report => get(reports::one),
        Op::Review => post(reports::review),
        Op::Units => get(reports::units),
        Op::Stats => get(reports::stats),
        Op::Cases => get(cases::list),
        Op::Case => get(cases::one),
        Op::Register => post(cases::register),
        Op::Event => post(cases::event),
        Op::Lookup => post(public::lookup),
        Op::Apply => post(public::apply),
    }
}

/// The API's routes, from [`ROUTES`]; any other path under `/api` answers a JSON 404, and a
/// known path with another method a JSON 405.
pub fn router(state: &AppState) -> Router<AppState> {
    let mut by_path: Vec<(&'static str, MethodRouter<AppState>)> = Vec::new();
    for r in ROUTES {
        let mut m = handler(r.op);
        if r.limited {
            m = m.route_layer(middleware::from_fn_with_state(
                state.clone(),
                crate::limit::limited,
            ));
        }
        match by_path.iter_mut().find(|(p, _)| *p == r.path) {
            Some((_, existing)) => {
                let prev = std::mem::replace(existing, MethodRouter::new());
                *existing = prev.merge(m);
            }
            None => by_path.push((r.path, m)),
        }
    }
    let mut router = Router::new();
    for (path, m) in by_path {
        router = router.route(path, m.fallback(method_not_allowed));
    }
    router
        .route("/api", any(unknown))
        .route("/api/{*rest}", any(unknown))
}

/// The OpenAPI description.
pub const OPENAPI: &str = include_str!("../../openapi.json");

async fn openapi() -> Response {
    let mut r = OPENAPI.into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    r
}

async fn unknown() -> ApiProblem {
    ApiProblem(Problem::not_found(
        "没有这个接口，接口说明见 /api/openapi.json",
        "no such endpoint; see /api/openapi.json",
    ))
}

async fn method_not_allowed() -> ApiProblem {
    ApiProblem(Problem::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "该接口不支持这种请求方法，接口说明见 /api/openapi.json",
        "this endpoint does not take this method; see /api/openapi.json",
    ))
}
