//! One installation, one secret key. Ballots are sealed, revote tags computed, census lists
//! hashed and voters' tokens derived under keys that come from the secret key, so every
//! instance on one database must hold the same one. The database records a fingerprint of
//! the key it was set up with; an instance holding another key refuses to serve (and its
//! `/readyz` says why) rather than sealing ballots nobody else can open or counting a voter
//! twice.

use crate::auth::derived_mac;
use crate::db::models::{installation, round};
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};

const FINGERPRINT: &str = "secret_key_fingerprint";

/// A value that identifies the key without revealing it.
pub fn fingerprint(secret: &[u8]) -> String {
    hex::encode(&derived_mac(secret, "budgetbox/installation-fingerprint/v1", b"")[..16])
}

/// Why this instance must not serve, if it must not.
pub fn key_mismatch(conn: &mut DbConnection, secret: &[u8]) -> AppResult<Option<String>> {
    let mine = fingerprint(secret);
    let recorded = installation::set_if_absent(conn, FINGERPRINT, &mine)?;
    Ok((recorded != mine).then(|| {
        format!(
            "this instance's secret key is not the one this database was set up with \
             (fingerprint {mine}, the database expects {recorded}): every instance of an \
             installation must use the same BUDGETBOX_SECRET_KEY; after a deliberate \
             rotation run `budgetbox adopt-secret-key`"
        )
    }))
}

/// Records this instance's key as the installation's, after a deliberate rotation. Refused
/// while a round that is not yet counted holds anything made with the old key: sealed
/// ballots, a hashed census list, or voting codes bound to it.
pub fn adopt(conn: &mut DbConnection, secret: &[u8]) -> AppResult<String> {
    let mut blocking = Vec::new();
    for r in round::all(conn)? {
        if crate::db::models::round_result::find(conn, r.id)?.is_some() {
            continue;
        }
        let ballots = crate::db::models::ballot::participation_count(conn, r.id)?;
        let census = crate::db::models::eligibility::census_size(conn, r.id)?;
        if ballots > 0 || census > 0 {
            blocking.push(format!("round {} ({})", r.id, r.title));
        }
    }
    if !blocking.is_empty() {
        return Err(AppError::Conflict(
            format!(
                "not while these rounds hold ballots or a census list made with the old key: {}; \
                 count them (or restore the old key) first",
                blocking.join(", ")
            )
            .into(),
        ));
    }
    let mine = fingerprint(secret);
    installation::set_if_absent(conn, FINGERPRINT, &mine)?;
    installation::set(conn, FINGERPRINT, &mine)?;
    Ok(mine)
}
