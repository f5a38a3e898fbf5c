//! Identity: passwords, session tokens, CSRF tokens, roles and the extractors that guard routes.

pub mod csrf;
pub mod oidc;
pub mod password;
pub mod token;

use serde::{Deserialize, Serialize};

/// What an account may do. Staff roles are granted by council; everyone starts as a citizen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Citizen,
    /// Checks proposals for feasibility and cost; enters paper ballots.
    Reviewer,
    /// Configures rounds and assigns roles.
    Council,
    /// Reads exports and logs; changes nothing.
    Auditor,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Citizen, Role::Reviewer, Role::Council, Role::Auditor];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Citizen => "citizen",
            Role::Reviewer => "reviewer",
            Role::Council => "council",
            Role::Auditor => "auditor",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Citizen => "Citizen",
            Role::Reviewer => "Reviewer",
            Role::Council => "Council",
            Role::Auditor => "Auditor",
        }
    }
}

/// HMAC-SHA256 of `message` under a key derived from the installation secret for `purpose`,
/// so one secret serves sessions, CSRF and receipts without reusing a key.
pub fn derived_mac(secret: &[u8], purpose: &str, message: &[u8]) -> [u8; 32] {
    use hmac::{Hmac, Mac};
    let mut key = Hmac::<sha2::Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
    key.update(purpose.as_bytes());
    let derived = key.finalize().into_bytes();
    let mut mac =
        Hmac::<sha2::Sha256>::new_from_slice(&derived).expect("HMAC takes any key length");
    mac.update(message);
    mac.finalize().into_bytes().into()
}

/// The installation's Ed25519 key for what it signs (audit packages, the board's tree heads),
/// derived from the installation secret, so every app instance sharing that secret signs
/// with the same key and there is no second secret to keep.
pub fn audit_signing_key(secret: &[u8]) -> ed25519_dalek::SigningKey {
    ed25519_dalek::SigningKey::from_bytes(&derived_mac(secret, "budgetbox/audit-signing/v1", b""))
}
