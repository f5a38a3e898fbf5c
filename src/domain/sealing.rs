//! Ballot secrecy while voting is open. A ballot's content is sealed (ChaCha20-Poly1305)
//! under a key derived from the installation secret and the round, so a copy of the database
//! holds no readable ballot until the count opens them. The public board commits to a salted
//! hash of each content instead of the content itself: ballot spaces are small, and a plain
//! hash could be reversed by hashing every possible ballot. The salts are published with the
//! contents at the count, so anyone can then check each commitment.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::auth::derived_mac;
use crate::error::{AppError, AppResult};

const NONCE_LEN: usize = 12;

/// The keys of one round: one seals contents, one tags a voter's ballots for revoting.
#[derive(Clone)]
pub struct RoundKeys {
    seal: [u8; 32],
    tag: [u8; 32],
}

impl RoundKeys {
    pub fn new(secret: &[u8], round_id: i64) -> Self {
        let round = round_id.to_string();
        RoundKeys {
            seal: derived_mac(secret, "budgetbox/ballot-seal/v1", round.as_bytes()),
            tag: derived_mac(secret, "budgetbox/revote-tag/v2", round.as_bytes()),
        }
    }

    /// The tag that finds a person's earlier ballot in a round where the last ballot counts.
    /// It is erased at the count, so afterwards not even the secret key links ballots.
    pub fn revote_tag(&self, token: &str) -> String {
        hex::encode(derived_mac(&self.tag, "tag", token.as_bytes()))
    }

    /// Seals `salt` and `content`, bound to their commitment: a sealed content moved to
    /// another entry does not open.
    pub fn seal(&self, commitment: &str, salt: &str, content: &str) -> AppResult<Vec<u8>> {
        self.seal_bytes(commitment, &format!("{salt}\n{content}"))
    }

    /// Opens a sealed content and checks it against the commitment on the board:
    /// (salt, content).
    pub fn open(&self, commitment: &str, sealed: &[u8]) -> Result<(String, String), String> {
        let plain = self.open_bytes(commitment, sealed)?;
        let (salt, content) = plain
            .split_once('\n')
            .ok_or("the sealed ballot has no salt")?;
        if commit(salt, content) != commitment {
            return Err("the sealed ballot does not match its commitment on the board".into());
        }
        Ok((salt.to_string(), content.to_string()))
    }

    /// Seals the first entry of a paper ballot while it waits for the second officer.
    pub fn seal_paper_entry(&self, voter_id: i64, content: &str) -> AppResult<Vec<u8>> {
        self.seal_bytes(&format!("paper-entry:{voter_id}"), content)
    }

    pub fn open_paper_entry(&self, voter_id: i64, sealed: &[u8]) -> Result<String, String> {
        self.open_bytes(&format!("paper-entry:{voter_id}"), sealed)
    }

    fn seal_bytes(&self, bound_to: &str, plain: &str) -> AppResult<Vec<u8>> {
        let mut nonce = [0u8; NONCE_LEN];
        rand::rng().fill_bytes(&mut nonce);
        let sealed = self
            .cipher()
            .encrypt(
                Nonce::from_slice(&nonce),
                Payload {
                    msg: plain.as_bytes(),
                    aad: bound_to.as_bytes(),
                },
            )
            .map_err(|_| AppError::internal("a ballot could not be sealed"))?;
        Ok([nonce.as_slice(), &sealed].concat())
    }

    fn open_bytes(&self, bound_to: &str, sealed: &[u8]) -> Result<String, String> {
        if sealed.len() < NONCE_LEN {
            return Err("the sealed ballot is truncated".into());
        }
        let (nonce, body) = sealed.split_at(NONCE_LEN);
        let plain = self
            .cipher()
            .decrypt(
                Nonce::from_slice(nonce),
                Payload {
                    msg: body,
                    aad: bound_to.as_bytes(),
                },
            )
            .map_err(|_| {
                "the sealed ballot does not open with this installation's key, or was altered"
                    .to_string()
            })?;
        String::from_utf8(plain).map_err(|_| "the sealed ballot is not text".to_string())
    }

    fn cipher(&self) -> ChaCha20Poly1305 {
        ChaCha20Poly1305::new(Key::from_slice(&self.seal))
    }
}

/// A fresh random salt (128 bits, hex).
pub fn new_salt() -> String {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// What the board shows of a ballot until the count: a salted hash of its content.
pub fn commit(salt: &str, content: &str) -> String {
    hex::encode(Sha256::digest(
        format!("budgetbox/ballot-commitment/v1\n{salt}\n{content}").as_bytes(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_ballot_opens_only_with_its_round_key_and_commitment() {
        let keys = RoundKeys::new(&[1u8; 32], 7);
        let salt = new_salt();
        let content = r#"{"projects":[3,5]}"#;
        let commitment = commit(&salt, content);
        let sealed = keys.seal(&commitment, &salt, content).unwrap();
        assert!(!String::from_utf8_lossy(&sealed).contains("projects"));
        assert_eq!(
            keys.open(&commitment, &sealed).unwrap(),
            (salt.clone(), content.to_string())
        );
        // Another round, another installation, another entry's commitment: nothing opens.
        assert!(RoundKeys::new(&[1u8; 32], 8)
            .open(&commitment, &sealed)
            .is_err());
        assert!(RoundKeys::new(&[2u8; 32], 7)
            .open(&commitment, &sealed)
            .is_err());
        let other = commit(&new_salt(), content);
        assert!(keys.open(&other, &sealed).is_err());
        let mut flipped = sealed.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        assert!(keys.open(&commitment, &flipped).is_err());
    }

    #[test]
    fn commitments_hide_small_ballot_spaces() {
        // The same content twice gives two unrelated commitments.
        let content = r#"{"projects":[1]}"#;
        assert_ne!(commit(&new_salt(), content), commit(&new_salt(), content));
        assert_eq!(commit("ab", content), commit("ab", content));
        assert_ne!(commit("ab", content), commit("ab", r#"{"projects":[2]}"#));
    }

    #[test]
    fn revote_tags_depend_on_round_and_person() {
        let a = RoundKeys::new(&[1u8; 32], 7);
        let b = RoundKeys::new(&[1u8; 32], 8);
        assert_eq!(a.revote_tag("census:x"), a.revote_tag("census:x"));
        assert_ne!(a.revote_tag("census:x"), a.revote_tag("census:y"));
        assert_ne!(a.revote_tag("census:x"), b.revote_tag("census:x"));
    }
}
