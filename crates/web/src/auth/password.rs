//! Password hashes: argon2id with the crate's default parameters (19 MiB, 2 passes), a 16-byte
//! salt from the OS, stored as a PHC string.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

use crate::problem::Problem;

/// The shortest password accepted.
pub const MIN_LENGTH: usize = 10;

/// Hashes a password for storage. Refuses one shorter than [`MIN_LENGTH`] characters.
pub fn hash(password: &str) -> Result<String, Problem> {
    if password.chars().count() < MIN_LENGTH {
        return Err(Problem::bad_request(
            format!("密码至少需要 {MIN_LENGTH} 个字符"),
            format!("a password needs at least {MIN_LENGTH} characters"),
        ));
    }
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| {
        Problem::internal(
            format!("系统随机数不可用：{e}"),
            format!("the system's random numbers are unavailable: {e}"),
        )
    })?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| {
        Problem::internal(
            format!("盐值编码失败：{e}"),
            format!("salt encoding failed: {e}"),
        )
    })?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| {
            Problem::internal(
                format!("密码哈希失败：{e}"),
                format!("password hashing failed: {e}"),
            )
        })
}

/// Whether `password` matches the stored hash. A malformed stored hash never matches.
pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash of a random password, verified against when a username does not exist, so that a
/// failed login takes as long for an unknown user as for a wrong password.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash("gongkai-no-such-user-0000").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() -> Result<(), Problem> {
        let h = hash("correct horse battery")?;
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("correct horse battery", &h));
        assert!(!verify("correct horse batterz", &h));
        assert!(!verify("correct horse battery", "not a hash"));
        // Two hashes of one password differ (fresh salt each time).
        assert_ne!(h, hash("correct horse battery")?);
        Ok(())
    }

    #[test]
    fn short_passwords_are_refused() {
        assert!(hash("short").is_err());
    }
}
