//! Errors as users see them: what went wrong and what to do, in Chinese (English alongside in
//! the API), with the HTTP status. Pages render a [`Problem`] as an HTML page; API handlers wrap
//! it in [`ApiProblem`], which renders JSON. Nothing internal (paths, SQL) is shown beyond what
//! the store's own messages say.

use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use gongkai_store::{DeskError, StoreError};

/// An error response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub status: StatusCode,
    pub zh: String,
    pub en: String,
    /// For pages that need a signed-in user: where to come back to after logging in.
    pub login_next: Option<String>,
}

impl Problem {
    pub fn new(status: StatusCode, zh: impl Into<String>, en: impl Into<String>) -> Problem {
        Problem {
            status,
            zh: zh.into(),
            en: en.into(),
            login_next: None,
        }
    }

    pub fn bad_request(zh: impl Into<String>, en: impl Into<String>) -> Problem {
        Problem::new(StatusCode::BAD_REQUEST, zh, en)
    }

    pub fn not_found(zh: impl Into<String>, en: impl Into<String>) -> Problem {
        Problem::new(StatusCode::NOT_FOUND, zh, en)
    }

    pub fn internal(zh: impl Into<String>, en: impl Into<String>) -> Problem {
        Problem::new(StatusCode::INTERNAL_SERVER_ERROR, zh, en)
    }

    /// Not signed in: pages redirect to the login form (coming back to `next`), the API says 401.
    pub fn login_required(next: impl Into<String>) -> Problem {
        Problem {
            login_next: Some(next.into()),
            ..Problem::new(StatusCode::UNAUTHORIZED, "请先登录", "sign in first")
        }
    }

    /// Signed in, but the role does not allow this.
    pub fn forbidden(needed: &str) -> Problem {
        Problem::new(
            StatusCode::FORBIDDEN,
            format!("您的账号没有此项权限（需要：{needed}）。如需使用，请联系管理员"),
            format!("your account may not do this (needs: {needed}); ask an administrator"),
        )
    }

    /// A form or API call without the right CSRF token.
    pub fn csrf() -> Problem {
        Problem::new(
            StatusCode::FORBIDDEN,
            "表单已过期或来源不明（CSRF 校验未通过）。请刷新页面后重新提交",
            "the form has expired or did not come from this site (CSRF check failed); reload the page and submit again",
        )
    }

    pub fn too_large(limit: usize) -> Problem {
        // Whole megabytes for the usual limits, kilobytes for the small public ones.
        let (n, unit) = if limit >= 1024 * 1024 {
            (limit / (1024 * 1024), "MB")
        } else {
            (limit.div_ceil(1024), "KB")
        };
        Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("上传内容过大（上限 {n} {unit}）。年度报告通常远小于此，请检查文件是否正确"),
            format!("the upload is too large (limit {n} {unit}); annual reports are far smaller, check the file"),
        )
    }

    pub fn rate_limited(retry_after_secs: u64) -> Problem {
        Problem::new(
            StatusCode::TOO_MANY_REQUESTS,
            format!("请求过于频繁，请在 {retry_after_secs} 秒后再试"),
            format!("too many requests; try again in {retry_after_secs} seconds"),
        )
    }
}

impl From<StoreError> for Problem {
    fn from(e: StoreError) -> Problem {
        Problem::internal(e.zh, e.en)
    }
}

impl From<DeskError> for Problem {
    fn from(e: DeskError) -> Problem {
        match e {
            DeskError::Refused(r) => Problem::new(
                StatusCode::CONFLICT,
                format!("{}（规则 {}）", r.message.zh, r.rule),
                format!("{} (rule {})", r.message.en, r.rule),
            ),
            DeskError::NotFound(code) => Problem::not_found(
                format!("没有编号为“{code}”的案件"),
                format!("no case has the tracking code {code:?}"),
            ),
            DeskError::Store(e) => e.into(),
        }
    }
}

/// The error page: plain, self-contained, in Chinese.
impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        if let Some(next) = &self.login_next {
            let to = format!("/login?next={}", crate::pages::url_encode(next));
            return Redirect::to(&to).into_response();
        }
        let page = crate::pages::error_page(&self);
        let mut r = (self.status, Html(page)).into_response();
        r.headers_mut().insert(
            header::CACHE_CONTROL,
            header::HeaderValue::from_static("no-store"),
        );
        // Kept so that the page can be drawn again with the signed-in user's navigation
        // (`crate::signed_in_errors`): a Problem does not know who asked.
        r.extensions_mut().insert(ErrorShown(self));
        r
    }
}

/// The problem an HTML error page shows (a response extension).
#[derive(Debug, Clone)]
pub struct ErrorShown(pub Problem);

/// A [`Problem`] rendered as JSON: `{"error": {"status", "message", "message_en"}}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiProblem(pub Problem);

impl<E: Into<Problem>> From<E> for ApiProblem {
    fn from(e: E) -> ApiProblem {
        ApiProblem(e.into())
    }
}

impl IntoResponse for ApiProblem {
    fn into_response(self) -> Response {
        let p = self.0;
        let body = serde_json::json!({
            "error": {
                "status": p.status.as_u16(),
                "message": p.zh,
                "message_en": p.en,
            }
        });
        (p.status, axum::Json(body)).into_response()
    }
}
