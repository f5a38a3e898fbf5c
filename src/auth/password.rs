//! Passwords: argon2id with OWASP's parameters (m = 19 MiB, t = 2, p = 1) in PHC strings,
//! rehashed on login when the parameters change, and a policy for new passwords.

use std::collections::HashSet;
use std::sync::OnceLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::RngCore;

use crate::i18n::Message;

pub const MIN_LENGTH: usize = 10;
/// Long passphrases are welcome; the cap only bounds hashing work per request.
pub const MAX_LENGTH: usize = 1024;

const M_COST_KIB: u32 = 19 * 1024;
const T_COST: u32 = 2;
const P_COST: u32 = 1;

fn hasher() -> Argon2<'static> {
    let params =
        Params::new(M_COST_KIB, T_COST, P_COST, None).expect("OWASP argon2 parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub fn hash(password: &str) -> String {
    let mut salt_bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut salt_bytes);
    let salt = SaltString::encode_b64(&salt_bytes).expect("16 bytes is a valid salt length");
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .expect("hashing with valid parameters cannot fail")
        .to_string()
}

/// False for a wrong password and for a stored value that is not a PHC string.
pub fn verify(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|parsed| {
            hasher()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash made with other parameters than today's, to be replaced after a successful login.
pub fn needs_rehash(stored: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return true;
    };
    let current = Params::new(M_COST_KIB, T_COST, P_COST, None).expect("valid");
    parsed.algorithm.as_str() != "argon2id"
        || Params::try_from(&parsed).map_or(true, |p| {
            p.m_cost() != current.m_cost()
                || p.t_cost() != current.t_cost()
                || p.p_cost() != current.p_cost()
        })
}

/// Verifying against this when the account does not exist costs the same time as a real check,
/// so response times do not reveal which emails have accounts.
pub fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash("budgetbox-dummy-password-for-timing"))
}

fn common_passwords() -> &'static HashSet<&'static str> {
    static LIST: OnceLock<HashSet<&'static str>> = OnceLock::new();
    LIST.get_or_init(|| {
        include_str!("../../assets/common-passwords.txt")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .collect()
    })
}

/// Why a new password is refused, in words for the person choosing it.
pub fn check_policy(password: &str, email: &str) -> Result<(), Message> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        return Err(Message::new("messages-password-too-short").with("min", MIN_LENGTH));
    }
    if length > MAX_LENGTH {
        return Err(Message::new("messages-password-too-long").with("max", MAX_LENGTH));
    }
    if common_passwords().contains(password.to_lowercase().as_str()) {
        return Err(Message::new("messages-password-common"));
    }
    if !email.is_empty() && password.eq_ignore_ascii_case(email) {
        return Err(Message::new("messages-password-is-email"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_with_owasp_parameters() {
        let stored = hash("correct horse battery");
        assert!(
            stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{stored}"
        );
        assert!(verify("correct horse battery", &stored));
        assert!(!verify("wrong horse battery", &stored));
        assert!(!verify("anything", "not a hash"));
        assert!(!needs_rehash(&stored));
    }

    #[test]
    fn weaker_parameters_are_rehashed() {
        let weak = Argon2::new(
            Algorithm::Argon2id,
            Version::V0x13,
            Params::new(4096, 1, 1, None).unwrap(),
        );
        let salt = SaltString::encode_b64(&[7u8; 16]).unwrap();
        let old = weak
            .hash_password(b"correct horse battery", &salt)
            .unwrap()
            .to_string();
        assert!(
            verify("correct horse battery", &old),
            "old hashes still verify"
        );
        assert!(needs_rehash(&old));
    }

    #[test]
    fn policy_refuses_short_common_and_email_passwords() {
        assert!(check_policy("short", "").is_err());
        assert!(check_policy("password123", "").is_err());
        assert!(
            check_policy("QWERTYUIOP", "").is_err(),
            "case does not help"
        );
        assert!(check_policy("me@example.org", "me@example.org").is_err());
        assert!(check_policy(&"x".repeat(1025), "").is_err());
        assert!(
            check_policy(&"long passphrase ".repeat(8), "").is_ok(),
            "128 chars is fine"
        );
        assert!(check_policy("violet tram umbrella", "").is_ok());
    }
}
