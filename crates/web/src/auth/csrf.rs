//! CSRF protection.
//!
//! Signed-in users: each session has its own token (stored with the session); every form
//! carries it as the field `csrf`, every unsafe API call as the header `X-CSRF-Token`.
//! Anonymous forms (the public application form, the lookup, the login form): a double-submit
//! cookie — a random `gk_csrf` cookie (SameSite=Strict, HttpOnly) whose value the form must
//! repeat. A site on another origin can make a browser send the cookie but cannot read it.

use axum::http::HeaderMap;

use crate::auth::session::cookie;
use crate::problem::Problem;

/// The anonymous forms' cookie.
pub const ANON_COOKIE: &str = "gk_csrf";

/// The API's header.
pub const HEADER: &str = "x-csrf-token";

/// Compares in time that depends only on the lengths.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The anonymous token to put in a form: the cookie's, or a new one (with the `Set-Cookie`
/// header value to send).
pub fn anon_token(headers: &HeaderMap, secure: bool) -> Result<(String, Option<String>), Problem> {
    if let Some(t) = cookie(headers, ANON_COOKIE).filter(|t| t.len() == 32) {
        return Ok((t.to_string(), None));
    }
    let t = crate::auth::random_hex(16)?;
    let set = format!(
        "{ANON_COOKIE}={t}; Path=/; HttpOnly; SameSite=Strict{}",
        if secure { "; Secure" } else { "" }
    );
    Ok((t, Some(set)))
}

/// Checks an anonymous form's token against its cookie.
pub fn check_anon(headers: &HeaderMap, field: &str) -> Result<(), Problem> {
    match cookie(headers, ANON_COOKIE) {
        Some(c) if !c.is_empty() && same(c, field) => Ok(()),
        _ => Err(Problem::csrf()),
    }
}
