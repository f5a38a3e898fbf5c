//! Session tokens: JWTs signed with HS256 only (any other `alg`, including `none`, is refused),
//! carrying the user id, role and token version, with issuer and audience bound to this
//! installation and a short expiry renewed while the person is active.

use chrono::{DateTime, Utc};
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use super::{derived_mac, Role};

pub const ISSUER: &str = "budgetbox";
/// A session lasts this long without activity.
pub const SESSION_SECONDS: i64 = 30 * 60;
/// Tokens older than this are replaced on the next request.
pub const RENEW_AFTER_SECONDS: i64 = 5 * 60;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    pub sub: String,
    pub role: Role,
    /// Must equal the user's `token_version`; bumping it revokes every older token.
    pub tv: i32,
    /// The session (random): renewed tokens keep it, and logging out revokes it.
    pub sid: String,
    pub iat: i64,
    pub exp: i64,
    pub iss: String,
    pub aud: String,
}

/// A new session id: 128 random bits.
pub fn new_session_id() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// The identity provider a session began at, if it began at one.
pub fn provider_of(claims: &Claims) -> Option<&str> {
    claims.sid.split_once(':').map(|(provider, _)| provider)
}

/// How long after logging out a session's record must be kept: its last token may have been
/// renewed just before.
pub fn revoked_until(claims: &Claims) -> i64 {
    claims.exp.max(claims.iat + SESSION_SECONDS) + 60
}

#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    audience: String,
}

impl TokenKeys {
    pub fn new(secret: &[u8]) -> Self {
        let key = derived_mac(secret, "budgetbox/jwt/v1", b"");
        // The audience names this installation, so a token from another budgetbox is refused.
        let audience = hex::encode(&derived_mac(secret, "budgetbox/jwt-audience/v1", b"")[..8]);
        TokenKeys {
            encoding: EncodingKey::from_secret(&key),
            decoding: DecodingKey::from_secret(&key),
            audience: format!("budgetbox:{audience}"),
        }
    }

    pub fn issue(
        &self,
        user_id: i64,
        role: Role,
        token_version: i32,
        sid: &str,
        now: DateTime<Utc>,
    ) -> Result<(String, Claims), crate::error::AppError> {
        let claims = Claims {
            sub: user_id.to_string(),
            role,
            tv: token_version,
            sid: sid.to_string(),
            iat: now.timestamp(),
            exp: now.timestamp() + SESSION_SECONDS,
            iss: ISSUER.into(),
            aud: self.audience.clone(),
        };
        let token = encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(crate::error::AppError::internal)?;
        Ok((token, claims))
    }

    /// The first token of a new session (at login).
    pub fn start_session(
        &self,
        user_id: i64,
        role: Role,
        token_version: i32,
        now: DateTime<Utc>,
    ) -> Result<(String, Claims), crate::error::AppError> {
        self.issue(user_id, role, token_version, &new_session_id(), now)
    }

    /// The first token of a session begun at an identity provider: the session id names the
    /// provider (and keeps naming it through renewals), so logging out can end the session
    /// there too.
    pub fn start_session_via(
        &self,
        provider: &str,
        user_id: i64,
        role: Role,
        token_version: i32,
        now: DateTime<Utc>,
    ) -> Result<(String, Claims), crate::error::AppError> {
        let sid = format!("{provider}:{}", new_session_id());
        self.issue(user_id, role, token_version, &sid, now)
    }

    /// Checks signature, algorithm, expiry, issuer and audience. Expiry is checked against
    /// `now` with no leeway.
    pub fn verify(&self, token: &str, now: DateTime<Utc>) -> Option<Claims> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[&self.audience]);
        validation.set_required_spec_claims(&["exp", "iat", "sub", "iss", "aud"]);
        validation.validate_exp = false;
        validation.leeway = 0;
        let claims = decode::<Claims>(token, &self.decoding, &validation)
            .ok()?
            .claims;
        (claims.exp > now.timestamp() && claims.iat <= now.timestamp() + 60).then_some(claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> TokenKeys {
        TokenKeys::new(&[7u8; 32])
    }

    #[test]
    fn round_trip_and_expiry() {
        let now = Utc::now();
        let (token, claims) = keys().issue(42, Role::Council, 3, "s1", now).unwrap();
        assert_eq!(keys().verify(&token, now), Some(claims));
        assert_eq!(
            keys().verify(&token, now + chrono::Duration::seconds(SESSION_SECONDS)),
            None
        );
    }

    #[test]
    fn other_installations_and_keys_are_refused() {
        let now = Utc::now();
        let (token, _) = TokenKeys::new(&[8u8; 32])
            .issue(42, Role::Council, 0, "s1", now)
            .unwrap();
        assert_eq!(keys().verify(&token, now), None);
    }
}
