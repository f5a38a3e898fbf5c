//! The public bulletin board: an append-only, hash-chained list of ballots per round. Each
//! entry commits to the previous one, so altering, removing or inserting any ballot changes
//! every later hash and the chain head printed with the result.

use rand::Rng;
use sha2::{Digest, Sha256};

use crate::db::models::ballot::{self, BallotRow, NewBallot};
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use serde::Serialize;

/// The `prev_hash` of a round's first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Tracking codes avoid look-alike characters (0/O, 1/I/L) so they can be read over the phone.
const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const CODE_LEN: usize = 16;

pub fn new_tracking_code() -> String {
    let mut rng = rand::rng();
    (0..CODE_LEN)
        .map(|_| CODE_ALPHABET[rng.random_range(0..CODE_ALPHABET.len())] as char)
        .collect()
}

/// Only the hash of a tracking code is stored, so the table alone cannot be used to forge a
/// receipt lookup.
pub fn tracking_hash(code: &str) -> String {
    hex::encode(Sha256::digest(
        format!("budgetbox/tracking/v1\n{code}").as_bytes(),
    ))
}

/// What one board entry commits to. The voter tag is not part of it: it is never published.
pub struct EntryFields<'a> {
    pub prev_hash: &'a str,
    pub round_id: i64,
    pub seq: i64,
    pub district_id: Option<i64>,
    pub content: &'a str,
    pub tracking_hash: &'a str,
    pub supersedes: Option<i64>,
}

pub fn entry_hash(e: &EntryFields<'_>) -> String {
    let district = e.district_id.map(|d| d.to_string()).unwrap_or_default();
    let supersedes = e.supersedes.map(|s| s.to_string()).unwrap_or_default();
    let text = format!(
        "budgetbox/ballot/v1\n{}\n{}\n{}\n{district}\n{}\n{supersedes}\n{}",
        e.prev_hash, e.round_id, e.seq, e.tracking_hash, e.content
    );
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// Appends a ballot to the round's chain and returns its tracking code. Must run inside a
/// write transaction: the (round, seq) unique key refuses a racing append.
/// `voter_tag` and `supersedes` are set on rounds where the last ballot counts.
pub fn append(
    conn: &mut DbConnection,
    round_id: i64,
    district_id: Option<i64>,
    content: &str,
    cast_day: &str,
    voter_tag: Option<&str>,
    supersedes: Option<i64>,
) -> AppResult<String> {
    let (seq, prev) = match ballot::chain_tail(conn, round_id)? {
        Some((seq, hash)) => (seq + 1, hash),
        None => (1, GENESIS.to_string()),
    };
    let code = new_tracking_code();
    let tracking = tracking_hash(&code);
    let entry = entry_hash(&EntryFields {
        prev_hash: &prev,
        round_id,
        seq,
        district_id,
        content,
        tracking_hash: &tracking,
        supersedes,
    });
    ballot::insert(
        conn,
        &NewBallot {
            round_id,
            district_id,
            seq,
            content,
            cast_day,
            tracking_hash: &tracking,
            prev_hash: &prev,
            entry_hash: &entry,
            voter_tag,
            supersedes,
        },
    )?;
    Ok(code)
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum ChainError {
    #[error("entry {seq}: expected sequence number {expected}")]
    Gap { seq: i64, expected: i64 },
    #[error("entry {seq}: does not point at the entry before it")]
    BrokenLink { seq: i64 },
    #[error("entry {seq}: its content does not match its hash (altered)")]
    Altered { seq: i64 },
}

/// Recomputes every hash; returns the chain head (GENESIS for an empty board).
pub fn verify_chain(round_id: i64, rows: &[BallotRow]) -> Result<String, ChainError> {
    let mut prev = GENESIS.to_string();
    for (i, row) in rows.iter().enumerate() {
        let expected = i as i64 + 1;
        if row.seq != expected {
            return Err(ChainError::Gap {
                seq: row.seq,
                expected,
            });
        }
        if row.prev_hash != prev {
            return Err(ChainError::BrokenLink { seq: row.seq });
        }
        let recomputed = entry_hash(&EntryFields {
            prev_hash: &prev,
            round_id,
            seq: row.seq,
            district_id: row.district_id,
            content: &row.content,
            tracking_hash: &row.tracking_hash,
            supersedes: row.supersedes,
        });
        if recomputed != row.entry_hash {
            return Err(ChainError::Altered { seq: row.seq });
        }
        prev = recomputed;
    }
    Ok(prev)
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct BoardEntry {
    pub seq: i64,
    pub district_id: Option<i64>,
    /// The ballot as counted (canonical JSON).
    pub content: String,
    /// The day it was cast (no time of day, so it cannot be matched to a voter).
    pub cast_day: String,
    pub tracking_hash: String,
    pub prev_hash: String,
    pub entry_hash: String,
    /// The earlier entry of the same voter that this one replaces (revoting rounds).
    pub supersedes: Option<i64>,
}

pub fn entry(b: BallotRow) -> BoardEntry {
    BoardEntry {
        seq: b.seq,
        district_id: b.district_id,
        content: b.content,
        cast_day: b.cast_day,
        tracking_hash: b.tracking_hash,
        prev_hash: b.prev_hash,
        entry_hash: b.entry_hash,
        supersedes: b.supersedes,
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct InclusionProof {
    pub round_id: i64,
    /// The voter's entry on the board.
    pub entry: BoardEntry,
    /// The board's current head; the entry is included if the chain from it leads here.
    pub chain_head: String,
    pub chain_valid: bool,
    /// The later entry that replaced this ballot, if the voter voted again.
    pub superseded_by: Option<i64>,
}

/// Finds a ballot by its tracking code, with the chain head it leads to.
pub fn inclusion(conn: &mut DbConnection, code: &str) -> AppResult<InclusionProof> {
    let normalized: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let found =
        ballot::find_by_tracking_hash(conn, &tracking_hash(&normalized))?.ok_or_else(|| {
            AppError::NotFound("no ballot has this tracking code; check it letter by letter".into())
        })?;
    let round_id = found.round_id;
    let board = ballot::of_round(conn, round_id)?;
    let verified = verify_chain(round_id, &board);
    let chain_head = board
        .last()
        .map_or(GENESIS.to_string(), |b| b.entry_hash.clone());
    let superseded_by = board
        .iter()
        .find(|b| b.supersedes == Some(found.seq))
        .map(|b| b.seq);
    Ok(InclusionProof {
        round_id,
        chain_valid: verified.is_ok(),
        chain_head,
        superseded_by,
        entry: entry(found),
    })
}
