//! Extractors of the API: the signed-in user (401 as JSON, not a redirect to the login form),
//! and the request body read without deciding anything yet, so that a handler checks the
//! session, the role and the CSRF header before it looks at the body (an anonymous or
//! forbidden caller learns nothing about what its body would have done).

use std::convert::Infallible;

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use serde::de::DeserializeOwned;

use crate::auth::{Role, Signed};
use crate::problem::{ApiProblem, Problem};
use crate::state::AppState;

/// A signed-in caller; without a session the request is refused with 401.
pub struct ApiUser(pub Signed);

impl FromRequestParts<AppState> for ApiUser {
    type Rejection = ApiProblem;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<ApiUser, ApiProblem> {
        Signed::from_request_parts(parts, state)
            .await
            .map(ApiUser)
            .map_err(|p| {
                ApiProblem(Problem {
                    login_next: None,
                    ..p
                })
            })
    }
}

impl ApiUser {
    /// A safe call: the role must be one of `roles` (an admin always may).
    pub fn require(&self, roles: &[Role]) -> Result<(), ApiProblem> {
        Ok(self.0.require(roles)?)
    }

    /// An unsafe call: the role, then the `X-CSRF-Token` header.
    pub fn require_unsafe(&self, roles: &[Role], headers: &HeaderMap) -> Result<(), ApiProblem> {
        self.0.require(roles)?;
        Ok(self.0.check_csrf_header(headers)?)
    }

    pub fn username(&self) -> &str {
        self.0.username()
    }
}

/// The request body, read up to the configured limit; what went wrong (too large, cut off) is
/// kept for the handler to report when it gets to the body.
pub struct Body {
    bytes: Result<Bytes, Problem>,
    json: bool,
}

impl FromRequest<AppState> for Body {
    type Rejection = Infallible;

    async fn from_request(req: Request, state: &AppState) -> Result<Body, Infallible> {
        let json = is_json(req.headers());
        let limit = state.config.max_upload;
        let bytes = Bytes::from_request(req, state).await.map_err(|e| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                Problem::too_large(limit)
            } else {
                Problem::bad_request(
                    format!("请求体无法读取：{}", e.body_text()),
                    format!("the request body cannot be read: {}", e.body_text()),
                )
            }
        });
        Ok(Body { bytes, json })
    }
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|m| m.trim().to_ascii_lowercase())
        .is_some_and(|m| {
            m == "application/json" || (m.starts_with("application/") && m.ends_with("+json"))
        })
}

impl Body {
    /// The bytes as sent.
    pub fn bytes(self) -> Result<Bytes, ApiProblem> {
        Ok(self.bytes?)
    }

    /// The body as JSON of type `T`: `Content-Type: application/json` is required (415
    /// otherwise); malformed JSON is 400, JSON of the wrong shape 422.
    pub fn json<T: DeserializeOwned>(self) -> Result<T, ApiProblem> {
        let bytes = self.bytes?;
        if !self.json {
            return Err(ApiProblem(Problem::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "请求体须为 JSON，并带有 Content-Type: application/json",
                "the body must be JSON, sent with Content-Type: application/json",
            )));
        }
        serde_json::from_slice(&bytes).map_err(|e| {
            let status = match e.classify() {
                serde_json::error::Category::Data => StatusCode::UNPROCESSABLE_ENTITY,
                _ => StatusCode::BAD_REQUEST,
            };
            ApiProblem(Problem::new(
                status,
                format!("请求内容不符合接口要求：{e}"),
                format!("the request body does not fit this endpoint: {e}"),
            ))
        })
    }
}

/// The language of messages in a response: `zh` (the default) or `en`.
pub fn lang(v: Option<&str>) -> Result<gongkai_model::Lang, ApiProblem> {
    match v.map(str::trim) {
        None | Some("" | "zh") => Ok(gongkai_model::Lang::Zh),
        Some("en") => Ok(gongkai_model::Lang::En),
        Some(other) => Err(ApiProblem(Problem::bad_request(
            format!("lang 只能是 zh 或 en，而不是“{other}”"),
            format!("lang is zh or en, not {other:?}"),
        ))),
    }
}

/// A query string that cannot be read as the endpoint's parameters.
pub fn bad_query(e: axum::extract::rejection::QueryRejection) -> ApiProblem {
    ApiProblem(Problem::bad_request(
        format!("查询参数无法识别：{}", e.body_text()),
        format!("the query parameters cannot be read: {}", e.body_text()),
    ))
}
