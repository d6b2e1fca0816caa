//! Accounts, sessions and CSRF.
//!
//! - [`password`]: argon2id hashes (PHC strings with their salt and parameters);
//! - [`session`]: the session cookie, the [`session::Viewer`] extractor (who is asking) and
//!   role checks;
//! - [`csrf`]: tokens for forms and API calls, and the double-submit cookie of anonymous forms.

pub mod csrf;
pub mod password;
pub mod session;

pub use gongkai_store::Role;
pub use session::{Signed, Viewer};

/// `n` random bytes from the operating system as lower-case hex.
pub fn random_hex(n: usize) -> Result<String, crate::problem::Problem> {
    let mut buf = vec![0u8; n];
    getrandom::fill(&mut buf).map_err(|e| {
        crate::problem::Problem::internal(
            format!("系统随机数不可用：{e}"),
            format!("the system's random numbers are unavailable: {e}"),
        )
    })?;
    Ok(buf.iter().map(|b| format!("{b:02x}")).collect())
}
