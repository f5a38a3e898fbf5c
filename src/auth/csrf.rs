//! CSRF tokens for forms (signed double submit): a random nonce lives in an HttpOnly,
//! SameSite=Strict cookie; each form carries HMAC(secret, nonce, session subject). A forged
//! cross-site post has neither the cookie's value nor the key to sign it, and a token minted
//! for one session does not verify in another.

use super::derived_mac;

pub const COOKIE: &str = "bb_csrf";
pub const FIELD: &str = "csrf_token";
pub const HEADER: &str = "x-csrf-token";

pub fn new_nonce() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// `subject` is the user id of the session, or "" before login.
pub fn token(secret: &[u8], nonce: &str, subject: &str) -> String {
    hex::encode(derived_mac(
        secret,
        "budgetbox/csrf/v1",
        format!("{nonce}\n{subject}").as_bytes(),
    ))
}

pub fn verify(secret: &[u8], nonce: &str, subject: &str, presented: &str) -> bool {
    use subtle_eq::constant_time_eq;
    nonce.len() == 64
        && constant_time_eq(
            token(secret, nonce, subject).as_bytes(),
            presented.as_bytes(),
        )
}

/// Compares a MAC the server computed with one presented to it, in constant time.
pub fn verify_mac(expected: &str, presented: &str) -> bool {
    subtle_eq::constant_time_eq(expected.as_bytes(), presented.as_bytes())
}

mod subtle_eq {
    /// Compares without an early exit, so timing does not reveal the matching prefix.
    pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_bind_nonce_subject_and_key() {
        let key = [1u8; 32];
        let nonce = new_nonce();
        let t = token(&key, &nonce, "7");
        assert!(verify(&key, &nonce, "7", &t));
        assert!(!verify(&key, &nonce, "8", &t), "another session");
        assert!(!verify(&key, &new_nonce(), "7", &t), "another browser");
        assert!(!verify(&[2u8; 32], &nonce, "7", &t), "another installation");
        assert!(
            !verify(&key, "short", "7", &token(&key, "short", "7")),
            "nonce must be ours"
        );
    }
}
