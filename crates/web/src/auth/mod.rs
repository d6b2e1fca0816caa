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

/// The check code an applicant gets with a tracking code (the public form and the API alike).
/// The check code's alphabet: no 0/O, 1/I/L, so it can be read out and typed without doubt.
pub const CHECK_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/// Characters in a check code (31^8 ≈ 8.5 × 10^11 codes).
pub const CHECK_LEN: usize = 8;

/// A new random check code from [`CHECK_ALPHABET`] (rejection sampling: no letter is likelier).
pub fn check_code() -> Result<String, crate::problem::Problem> {
    let n = CHECK_ALPHABET.len();
    // The largest multiple of the alphabet's size below 256: bytes from it up are redrawn.
    let limit = 256 - 256 % n;
    let mut out = String::with_capacity(CHECK_LEN);
    while out.len() < CHECK_LEN {
        let mut buf = [0u8; 32];
        getrandom::fill(&mut buf).map_err(|e| {
            crate::problem::Problem::internal(
                format!("系统随机数不可用：{e}"),
                format!("the system's random numbers are unavailable: {e}"),
            )
        })?;
        for b in buf {
            let b = usize::from(b);
            if b < limit && out.len() < CHECK_LEN {
                if let Some(c) = CHECK_ALPHABET.get(b % n) {
                    out.push(char::from(*c));
                }
            }
        }
    }
    Ok(out)
}
