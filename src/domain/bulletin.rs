//! The public bulletin board: an append-only, hash-chained list of ballots per round. Each
//! entry commits to the previous one, so altering, removing or inserting any ballot changes
//! every later hash and the chain head printed with the result.

use crate::domain::RoundId;
use rand::Rng;
use sha2::{Digest, Sha256};

use super::sealing;
use crate::db::models::ballot::{self, BallotRow, NewBallot};
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
use crate::i18n::Message;
use serde::{Deserialize, Serialize};

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
    pub tracking_hash: &'a str,
    pub supersedes: Option<i64>,
    pub committed: Committed<'a>,
}

/// How an entry names its ballot: the salted commitment (every entry since ballots are sealed
/// until the count), or the content itself (entries written before that).
#[derive(Clone, Copy)]
pub enum Committed<'a> {
    Commitment(&'a str),
    LegacyContent(&'a str),
}

pub fn entry_hash(e: &EntryFields<'_>) -> String {
    let district = e.district_id.map(|d| d.to_string()).unwrap_or_default();
    let supersedes = e.supersedes.map(|s| s.to_string()).unwrap_or_default();
    let (version, ballot) = match e.committed {
        Committed::Commitment(c) => ("v2", c),
        Committed::LegacyContent(c) => ("v1", c),
    };
    let text = format!(
        "budgetbox/ballot/{version}\n{}\n{}\n{}\n{district}\n{}\n{supersedes}\n{ballot}",
        e.prev_hash, e.round_id, e.seq, e.tracking_hash
    );
    hex::encode(Sha256::digest(text.as_bytes()))
}

/// The end of a round's chain: the last sequence number (0 when empty) and its hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tail {
    pub seq: i64,
    pub head: String,
}

pub fn tail(conn: &mut DbConnection, round_id: RoundId) -> AppResult<Tail> {
    Ok(tail_from(ballot::chain_tail(conn, round_id.0)?))
}

/// The tail of a chain whose newest entry is this (sequence number, entry hash), if any.
pub fn tail_from(newest: Option<(i64, String)>) -> Tail {
    match newest {
        Some((seq, head)) => Tail { seq, head },
        None => Tail {
            seq: 0,
            head: GENESIS.to_string(),
        },
    }
}

/// One ballot to put on a board.
pub struct NewEntry<'a> {
    pub district_id: Option<i64>,
    pub ballot: NewBallotBody<'a>,
    pub cast_day: &'a str,
    /// Set on rounds where the last ballot counts, with the entry this one replaces.
    pub voter_tag: Option<&'a str>,
    pub supersedes: Option<i64>,
}

/// A ballot as it goes on the board: sealed while voting is open, or already published
/// (imported past votes).
pub enum NewBallotBody<'a> {
    Sealed {
        commitment: &'a str,
        sealed: &'a [u8],
    },
    Published {
        salt: &'a str,
        content: &'a str,
    },
}

/// The entry after `tail`, hashed and ready to be written; `tail` has moved on to it.
pub struct Pending {
    /// The tracking code the voter gets (only its hash is stored).
    pub code: String,
    row: PendingRow,
}

struct PendingRow {
    round_id: i64,
    seq: i64,
    district_id: Option<i64>,
    content: String,
    salt: Option<String>,
    commitment: String,
    sealed: Option<Vec<u8>>,
    cast_day: String,
    tracking_hash: String,
    prev_hash: String,
    entry_hash: String,
    voter_tag: Option<String>,
    supersedes: Option<i64>,
}

impl Pending {
    pub fn seq(&self) -> i64 {
        self.row.seq
    }

    pub fn row(&self) -> NewBallot<'_> {
        let r = &self.row;
        NewBallot {
            round_id: r.round_id,
            district_id: r.district_id,
            seq: r.seq,
            content: &r.content,
            cast_day: &r.cast_day,
            tracking_hash: &r.tracking_hash,
            prev_hash: &r.prev_hash,
            entry_hash: &r.entry_hash,
            voter_tag: r.voter_tag.as_deref(),
            supersedes: r.supersedes,
            salt: r.salt.as_deref(),
            commitment: Some(&r.commitment),
            sealed: r.sealed.as_deref(),
        }
    }
}

/// Chains a new entry after `tail` (which must be the round's current end, read under the
/// round's lock in this transaction, or an entry pending in it) without writing it, so that a
/// group of entries can be written in one statement. The (round, seq) unique key refuses an
/// append that raced past the lock.
pub fn chain_after(round_id: i64, tail: &mut Tail, new: &NewEntry<'_>) -> Pending {
    let seq = tail.seq + 1;
    let code = new_tracking_code();
    let tracking = tracking_hash(&code);
    let (commitment, content, salt, sealed) = match new.ballot {
        NewBallotBody::Sealed { commitment, sealed } => (
            commitment.to_string(),
            String::new(),
            None,
            Some(sealed.to_vec()),
        ),
        NewBallotBody::Published { salt, content } => (
            sealing::commit(salt, content),
            content.to_string(),
            Some(salt.to_string()),
            None,
        ),
    };
    let entry = entry_hash(&EntryFields {
        prev_hash: &tail.head,
        round_id,
        seq,
        district_id: new.district_id,
        tracking_hash: &tracking,
        supersedes: new.supersedes,
        committed: Committed::Commitment(&commitment),
    });
    let prev_hash = std::mem::replace(&mut tail.head, entry.clone());
    tail.seq = seq;
    Pending {
        code,
        row: PendingRow {
            round_id,
            seq,
            district_id: new.district_id,
            content,
            salt,
            commitment,
            sealed,
            cast_day: new.cast_day.to_string(),
            tracking_hash: tracking,
            prev_hash,
            entry_hash: entry,
            voter_tag: new.voter_tag.map(str::to_string),
            supersedes: new.supersedes,
        },
    }
}

/// Appends after `tail` (see `chain_after`) and returns the tracking code.
pub fn append_at(
    conn: &mut DbConnection,
    round_id: RoundId,
    tail: &mut Tail,
    new: &NewEntry<'_>,
) -> AppResult<String> {
    let round_id = round_id.0;
    let pending = chain_after(round_id, tail, new);
    ballot::insert(conn, &pending.row())?;
    Ok(pending.code)
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum ChainError {
    #[error(
        "ballot {seq}: expected sequence number {expected} here (a ballot was removed or inserted)"
    )]
    Gap { seq: i64, expected: i64 },
    #[error("ballot {seq}: does not point at the ballot before it")]
    BrokenLink { seq: i64 },
    #[error("ballot {seq}: its content does not match its hash (altered)")]
    Altered { seq: i64 },
}

/// One stored board entry, borrowed from a database row or from an exported package.
pub struct StoredEntry<'a> {
    pub seq: i64,
    pub district_id: Option<i64>,
    /// None while the ballot is sealed.
    pub content: Option<&'a str>,
    pub salt: Option<&'a str>,
    /// None on entries written before ballots were sealed; those commit to the content.
    pub commitment: Option<&'a str>,
    pub tracking_hash: &'a str,
    pub prev_hash: &'a str,
    pub entry_hash: &'a str,
    pub supersedes: Option<i64>,
}

impl<'a> From<&'a BallotRow> for StoredEntry<'a> {
    fn from(b: &'a BallotRow) -> Self {
        StoredEntry {
            seq: b.seq,
            district_id: b.district_id,
            content: (b.sealed.is_none()).then_some(b.content.as_str()),
            salt: b.salt.as_deref(),
            commitment: b.commitment.as_deref(),
            tracking_hash: &b.tracking_hash,
            prev_hash: &b.prev_hash,
            entry_hash: &b.entry_hash,
            supersedes: b.supersedes,
        }
    }
}

impl<'a> From<&'a BoardEntry> for StoredEntry<'a> {
    fn from(b: &'a BoardEntry) -> Self {
        StoredEntry {
            seq: b.seq,
            district_id: b.district_id,
            content: b.content.as_deref(),
            salt: b.salt.as_deref(),
            commitment: b.commitment.as_deref(),
            tracking_hash: &b.tracking_hash,
            prev_hash: &b.prev_hash,
            entry_hash: &b.entry_hash,
            supersedes: b.supersedes,
        }
    }
}

/// True when the entry's stored hash is the hash of its fields (and an opened ballot matches
/// its commitment): the entry is as it was written, whatever its neighbours.
pub fn recomputes(round_id: RoundId, e: &StoredEntry<'_>) -> bool {
    let round_id = round_id.0;
    let committed = match (e.commitment, e.content) {
        (Some(commitment), _) => Some(Committed::Commitment(commitment)),
        (None, Some(content)) => Some(Committed::LegacyContent(content)),
        (None, None) => None,
    };
    let opened_matches = match (e.commitment, e.salt, e.content) {
        (Some(commitment), Some(salt), Some(content)) => {
            sealing::commit(salt, content) == commitment
        }
        // Sealed (no content yet), or a legacy entry hashed over its content.
        (Some(_), None, None) | (None, _, Some(_)) => true,
        _ => false,
    };
    let recomputed = committed.map(|committed| {
        entry_hash(&EntryFields {
            prev_hash: e.prev_hash,
            round_id,
            seq: e.seq,
            district_id: e.district_id,
            tracking_hash: e.tracking_hash,
            supersedes: e.supersedes,
            committed,
        })
    });
    recomputed.as_deref() == Some(e.entry_hash) && opened_matches
}

/// Every fault of a chain, not only the first: an auditor wants to know each ballot that
/// does not match. Also returns the head recomputed from the stored hashes.
pub fn chain_faults<'a>(
    round_id: RoundId,
    entries: impl IntoIterator<Item = StoredEntry<'a>>,
) -> (Vec<ChainError>, String) {
    let round_id = round_id.0;
    let mut faults = Vec::new();
    let mut prev = GENESIS.to_string();
    let mut expected = 1;
    for e in entries {
        if e.seq != expected {
            faults.push(ChainError::Gap {
                seq: e.seq,
                expected,
            });
        }
        if e.prev_hash != prev {
            faults.push(ChainError::BrokenLink { seq: e.seq });
        }
        if !recomputes(RoundId(round_id), &e) {
            faults.push(ChainError::Altered { seq: e.seq });
        }
        // Continue from the stored hash so one altered entry is reported once, not again as a
        // broken link at every later entry.
        prev = e.entry_hash.to_string();
        expected = e.seq + 1;
    }
    (faults, prev)
}

/// Recomputes every hash; returns the chain head (GENESIS for an empty board) or the first fault.
pub fn verify_chain(round_id: i64, rows: &[BallotRow]) -> Result<String, ChainError> {
    let (faults, head) = chain_faults(RoundId(round_id), rows.iter().map(StoredEntry::from));
    match faults.into_iter().next() {
        Some(fault) => Err(fault),
        None => Ok(head),
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct BoardEntry {
    pub seq: i64,
    pub district_id: Option<i64>,
    /// The ballot as counted (canonical JSON); null while voting is open: contents are
    /// sealed until the count.
    pub content: Option<String>,
    /// The random salt of the commitment, published with the content at the count.
    #[serde(default)]
    pub salt: Option<String>,
    /// SHA-256 of `budgetbox/ballot-commitment/v1\n{salt}\n{content}`; the entry hash covers
    /// this, not the content. Null on entries made before ballots were sealed, whose hash
    /// covers the content itself.
    #[serde(default)]
    pub commitment: Option<String>,
    /// The day it was cast (no time of day, so it cannot be matched to a voter).
    pub cast_day: String,
    pub tracking_hash: String,
    pub prev_hash: String,
    pub entry_hash: String,
    /// The earlier entry of the same voter that this one replaces (revoting rounds).
    pub supersedes: Option<i64>,
}

pub fn entry(b: BallotRow) -> BoardEntry {
    let sealed = b.sealed.is_some();
    BoardEntry {
        seq: b.seq,
        district_id: b.district_id,
        content: (!sealed).then_some(b.content),
        salt: if sealed { None } else { b.salt },
        commitment: b.commitment,
        cast_day: b.cast_day,
        tracking_hash: b.tracking_hash,
        prev_hash: b.prev_hash,
        entry_hash: b.entry_hash,
        supersedes: b.supersedes,
    }
}

/// One page of a round's board: the entries after `after`, at most `limit`.
pub fn page(
    conn: &mut DbConnection,
    round_id: RoundId,
    after: i64,
    limit: i64,
) -> AppResult<Vec<BoardEntry>> {
    crate::domain::rounds::find(conn, round_id)?;
    Ok(
        crate::db::models::board_tree::page(conn, round_id.0, after, limit)?
            .into_iter()
            .map(entry)
            .collect(),
    )
}

/// A round's public board: the head of its verified chain and every entry, in order.
pub struct PublicBoard {
    pub chain_head: String,
    pub entries: Vec<BoardEntry>,
}

pub fn board(conn: &mut DbConnection, round_id: RoundId) -> AppResult<PublicBoard> {
    let round_id = round_id.0;
    crate::domain::rounds::find(conn, RoundId(round_id))?;
    let rows = ballot::of_round(conn, round_id)?;
    let chain_head = verify_chain(round_id, &rows)
        .map_err(|e| AppError::internal(format!("bulletin board of round {round_id}: {e}")))?;
    Ok(PublicBoard {
        chain_head,
        entries: rows.into_iter().map(entry).collect(),
    })
}

#[derive(Serialize, Deserialize, utoipa::ToSchema)]
pub struct InclusionProof {
    pub round_id: i64,
    /// The voter's entry on the board.
    pub entry: BoardEntry,
    /// The newest entry's hash: the head of the hash chain.
    pub chain_head: String,
    /// The entry hashes to its stored hash, and, once in a signed tree head, its path leads
    /// to that head's root. (The whole chain is the auditor's to check: `budgetbox verify`.)
    pub chain_valid: bool,
    /// The later entry that replaced this ballot, if the voter voted again.
    pub superseded_by: Option<i64>,
    /// The entry's inclusion in the board's latest signed tree head; null for a few seconds
    /// after voting, until the next checkpoint signs a head that includes it.
    pub tree: Option<super::board_tree::Inclusion>,
}

/// Finds a ballot by its tracking code, with its inclusion in the latest signed tree head.
/// Reads O(log n) rows: the entry, the chain's newest entry, and the tree's nodes on its path
/// (with at most 32 entries' hashes for the subtrees too small to be stored).
pub fn inclusion(conn: &mut DbConnection, code: &str) -> AppResult<InclusionProof> {
    let normalized: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let found =
        ballot::find_by_tracking_hash(conn, &tracking_hash(&normalized))?.ok_or_else(|| {
            AppError::NotFound(Message::new("messages-bulletin-ballot-tracking-code-check"))
        })?;
    let round_id = found.round_id;
    let chain_head =
        ballot::chain_tail(conn, round_id)?.map_or(GENESIS.to_string(), |(_, hash)| hash);
    let superseded_by = crate::db::models::board_tree::superseded_by(conn, round_id, found.seq)?;
    let tree = super::board_tree::inclusion(conn, RoundId(round_id), found.seq)?;
    let intact = recomputes(RoundId(round_id), &StoredEntry::from(&found));
    let on_path = tree.as_ref().is_none_or(|t| {
        super::board_tree::leaf_of(&found.entry_hash)
            .is_some_and(|leaf| super::board_tree::path_leads_to_root(&leaf, t))
    });
    Ok(InclusionProof {
        round_id,
        chain_valid: intact && on_path,
        chain_head,
        superseded_by,
        tree,
        entry: entry(found),
    })
}

/// What a person (or `budgetbox verify --receipt`) checks offline about a receipt: the entry
/// hashes to its entry hash, the tree head is signed with the installation's key, and the
/// path leads from the entry to that head's root.
pub fn check_receipt(
    proof: &InclusionProof,
    key: &ed25519_dalek::VerifyingKey,
) -> Result<super::board_tree::TreeHead, String> {
    let entry = &proof.entry;
    if !recomputes(RoundId(proof.round_id), &StoredEntry::from(entry)) {
        return Err(format!(
            "entry {} does not hash to its entry hash: it was altered",
            entry.seq
        ));
    }
    let inclusion = proof.tree.as_ref().ok_or(
        "the receipt has no tree proof yet: fetch it again in a few seconds, once a signed head includes the ballot",
    )?;
    if inclusion.head.round_id != proof.round_id || inclusion.leaf_index != entry.seq - 1 {
        return Err("the proof is for another entry".into());
    }
    if !inclusion.head.signed_by(key) {
        return Err("the tree head is not signed by this key".into());
    }
    let leaf = super::board_tree::leaf_of(&entry.entry_hash)
        .ok_or("the entry hash is not a SHA-256 hash")?;
    if !super::board_tree::path_leads_to_root(&leaf, inclusion) {
        return Err(format!(
            "entry {} is not in the signed board of {} entries",
            entry.seq, inclusion.head.tree_size
        ));
    }
    Ok(inclusion.head.clone())
}

/// Verifies every round's chain (after a restore, say); a broken one is an error naming it.
pub fn verify_all(conn: &mut DbConnection) -> AppResult<String> {
    let rounds = crate::db::models::round::all(conn)?;
    let mut ballots = 0;
    for round in &rounds {
        let board = ballot::of_round(conn, round.id)?;
        verify_chain(round.id, &board).map_err(|e| {
            AppError::Unprocessable(
                format!("round {}: bulletin board broken: {e}", round.id).into(),
            )
        })?;
        ballots += board.len();
    }
    Ok(format!(
        "{} rounds, {ballots} ballots, every bulletin chain verifies",
        rounds.len()
    ))
}
