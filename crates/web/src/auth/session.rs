//! Sessions: a random token in the `gk_session` cookie (HttpOnly, SameSite=Lax, Secure when
//! configured); the database keeps only its SHA-256, with the user and the CSRF token. A login
//! always starts a new session (no fixation), a logout deletes it, disabling an account or
//! changing its password deletes its sessions.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::HeaderMap;
use gongkai_store::{sha256_hex, Role, Session, User};

use crate::auth::csrf;
use crate::problem::Problem;
use crate::state::AppState;

/// The session cookie.
pub const COOKIE: &str = "gk_session";

/// The value of cookie `name` in the request's `Cookie` headers.
pub fn cookie<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim())
}

/// Who is asking: a session, or nobody (public pages show a login link).
#[derive(Debug, Clone)]
pub struct Viewer(pub Option<Session>);

impl Viewer {
    pub fn user(&self) -> Option<&User> {
        self.0.as_ref().map(|s| &s.user)
    }
}

impl FromRequestParts<AppState> for Viewer {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Viewer, Problem> {
        let Some(token) = cookie(&parts.headers, COOKIE).filter(|t| t.len() == 64) else {
            return Ok(Viewer(None));
        };
        let hash = sha256_hex(token);
        let session = state.db(move |s| Ok(s.session(&hash)?)).await?;
        Ok(Viewer(session))
    }
}

/// A signed-in user (the extractor refuses with "sign in first" otherwise).
#[derive(Debug, Clone)]
pub struct Signed(pub Session);

impl FromRequestParts<AppState> for Signed {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Signed, Problem> {
        let Viewer(session) = Viewer::from_request_parts(parts, state).await?;
        match session {
            Some(s) => Ok(Signed(s)),
            None => {
                let next = parts
                    .uri
                    .path_and_query()
                    .map_or("/", |p| p.as_str())
                    .to_string();
                Err(Problem::login_required(next))
            }
        }
    }
}

impl Signed {
    pub fn user(&self) -> &User {
        &self.0.user
    }

    pub fn username(&self) -> &str {
        &self.0.user.username
    }

    pub fn csrf(&self) -> &str {
        &self.0.csrf
    }

    /// Allows the request if the user has one of `roles` (an admin always may).
    pub fn require(&self, roles: &[Role]) -> Result<(), Problem> {
        let role = self.0.user.role;
        if role == Role::Admin || roles.contains(&role) {
            Ok(())
        } else {
            let names: Vec<&str> = roles.iter().map(|r| r.zh()).collect();
            Err(Problem::forbidden(&names.join("或")))
        }
    }

    /// Checks a form's `csrf` field against the session's token.
    pub fn check_csrf(&self, field: &str) -> Result<(), Problem> {
        if csrf::same(&self.0.csrf, field) {
            Ok(())
        } else {
            Err(Problem::csrf())
        }
    }

    /// Checks the API's `X-CSRF-Token` header against the session's token.
    pub fn check_csrf_header(&self, headers: &HeaderMap) -> Result<(), Problem> {
        let sent = headers
            .get(csrf::HEADER)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        self.check_csrf(sent)
    }
}

/// Starts a session for `user`: returns the `Set-Cookie` value and the session's CSRF token.
pub async fn start(state: &AppState, user: User) -> Result<(String, String), Problem> {
    let token = crate::auth::random_hex(32)?;
    let csrf = crate::auth::random_hex(16)?;
    let hash = sha256_hex(&token);
    let expires = expiry(state.config.session_seconds);
    let csrf2 = csrf.clone();
    state
        .db(move |s| Ok(s.create_session(&hash, &user, &csrf2, &expires)?))
        .await?;
    let set = format!(
        "{COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}",
        state.config.session_seconds,
        if state.config.secure_cookies {
            "; Secure"
        } else {
            ""
        }
    );
    Ok((set, csrf))
}

/// Ends the session whose cookie the request carries; returns the `Set-Cookie` that clears it.
pub async fn end(state: &AppState, headers: &HeaderMap, actor: &str) -> Result<String, Problem> {
    if let Some(token) = cookie(headers, COOKIE) {
        let hash = sha256_hex(token);
        let actor = actor.to_string();
        state
            .db(move |s| Ok(s.delete_session(&hash, &actor)?))
            .await?;
    }
    Ok(format!(
        "{COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"
    ))
}

/// ISO UTC time `seconds` from now (the store compares these as text).
fn expiry(seconds: u64) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    iso_utc(now + seconds)
}

/// Seconds since 1970 as `YYYY-MM-DDTHH:MM:SSZ`.
pub fn iso_utc(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Civil from days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = if m <= 2 { y + 1 } else { y };
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_utc_formats_known_instants() {
        assert_eq!(iso_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso_utc(1_771_000_000), "2026-02-13T16:26:40Z");
        assert_eq!(iso_utc(951_782_400), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn cookies_are_found_by_name() {
        let mut h = HeaderMap::new();
        h.insert(
            axum::http::header::COOKIE,
            axum::http::HeaderValue::from_static("a=1; gk_session=xyz; b=2"),
        );
        assert_eq!(cookie(&h, COOKIE), Some("xyz"));
        assert_eq!(cookie(&h, "b"), Some("2"));
        assert_eq!(cookie(&h, "c"), None);
    }
}
