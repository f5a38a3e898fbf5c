//! The board's Merkle tree (RFC 9162) in the database. A checkpoint extends the tree with the
//! entries written since the last signed head and signs a new head with the installation's
//! audit key; a receipt carries the path from its entry to the latest head, and any two heads
//! a proof that the later one only added entries. Each reads O(log n) stored nodes (and the
//! hashes of at most 32 entries, for the subtrees too small to be stored), so a receipt costs
//! the same with a thousand ballots on the board or a million.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};

use crate::db::models::board_tree::{self as store, HeadRow};
use crate::db::models::round;
use crate::db::{write_transaction, DbConnection};
use crate::domain::ids::RoundId;
use crate::error::{AppError, AppResult};
use crate::merkle::{self, Hash, NodeId};

/// A signed tree head: the board of `round_id` had `tree_size` entries with this root.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct TreeHead {
    pub round_id: i64,
    pub tree_size: i64,
    /// SHA-256 (hex) of the RFC 9162 tree over the entries' hashes, in board order.
    pub root_hash: String,
    /// The day it was signed (UTC): the day only, as for ballots, so that heads do not tell
    /// when each entry arrived.
    pub signed_on: String,
    /// Ed25519 (hex) by the installation's audit key over
    /// `budgetbox/tree-head/v1\n{round_id}\n{tree_size}\n{root_hash}\n{signed_on}`.
    pub signature: String,
}

impl TreeHead {
    fn message(&self) -> String {
        format!(
            "budgetbox/tree-head/v1\n{}\n{}\n{}\n{}",
            self.round_id, self.tree_size, self.root_hash, self.signed_on
        )
    }

    /// True when the installation with this key signed this head.
    pub fn signed_by(&self, key: &VerifyingKey) -> bool {
        let Ok(bytes) = hex::decode(&self.signature) else {
            return false;
        };
        let Ok(signature) = Signature::from_slice(&bytes) else {
            return false;
        };
        key.verify(self.message().as_bytes(), &signature).is_ok()
    }

    fn root(&self) -> Option<Hash> {
        decode(&self.root_hash)
    }
}

impl From<HeadRow> for TreeHead {
    fn from(h: HeadRow) -> Self {
        TreeHead {
            round_id: h.round_id,
            tree_size: h.tree_size,
            root_hash: h.root_hash,
            signed_on: h.signed_at.format("%Y-%m-%d").to_string(),
            signature: h.signature,
        }
    }
}

fn decode(hex_hash: &str) -> Option<Hash> {
    hex::decode(hex_hash).ok()?.try_into().ok()
}

/// The leaf an entry is in the tree: its entry hash.
pub fn leaf_of(entry_hash: &str) -> Option<Hash> {
    Some(merkle::leaf_hash(&decode(entry_hash)?))
}

/// Entries one checkpoint adds at most; a longer backlog takes several.
const CHECKPOINT_BATCH: i64 = 50_000;

/// Extends the round's tree with the entries written since its last head and signs a new
/// head. None when there was nothing new. Safe to run from several instances at once, and
/// beside ballots being written: entries, once committed, never change and always form an
/// unbroken prefix of the board (ballots commit one batch after another under the round's
/// lock), and nodes and heads are the same whoever computes them (a second copy is ignored).
/// So this takes no lock: it reads and hashes outside any transaction and writes the new
/// nodes and head in one short one, and voters never wait for it.
pub fn checkpoint(
    conn: &mut DbConnection,
    key: &SigningKey,
    round_id: RoundId,
    now: NaiveDateTime,
) -> AppResult<Option<TreeHead>> {
    let round_id = round_id.0;
    let size = store::latest_head(conn, round_id)?.map_or(0, |h| h.tree_size);
    let new = store::entry_hashes_after(conn, round_id, size, CHECKPOINT_BATCH)?;
    if new.is_empty() {
        return Ok(None);
    }
    let mut leaves = Vec::with_capacity(new.len());
    for (i, (seq, entry_hash)) in new.iter().enumerate() {
        if *seq != size + i as i64 + 1 {
            return Err(AppError::internal(format!(
                "round {round_id}: the board has no entry {} before entry {seq}",
                size + i as i64 + 1
            )));
        }
        leaves.push(leaf_of(entry_hash).ok_or_else(|| {
            AppError::internal(format!("round {round_id}: entry {seq} has no hash"))
        })?);
    }
    let frontier = read_nodes(conn, round_id, &merkle::cover(0, size as u64))?;
    let frontier: Vec<(NodeId, Hash)> = merkle::cover(0, size as u64)
        .into_iter()
        .map(|id| {
            frontier.get(&id).map(|h| (id, *h)).ok_or_else(|| {
                AppError::internal(format!("round {round_id}: node {id:?} is missing"))
            })
        })
        .collect::<AppResult<_>>()?;
    let (made, frontier) = merkle::append(&frontier, size as u64, &leaves);
    let rows: Vec<(i32, i64, String)> = made
        .iter()
        .filter(|(id, _)| id.level >= LOWEST_STORED_LEVEL)
        .map(|(id, h)| (id.level as i32, id.index as i64, hex::encode(h)))
        .collect();
    let root = merkle::root_of(&frontier).ok_or_else(|| AppError::internal("an empty tree"))?;
    let mut head = TreeHead {
        round_id,
        tree_size: size + new.len() as i64,
        root_hash: hex::encode(root),
        signed_on: now.format("%Y-%m-%d").to_string(),
        signature: String::new(),
    };
    head.signature = hex::encode(key.sign(head.message().as_bytes()).to_bytes());
    let row = HeadRow {
        round_id,
        tree_size: head.tree_size,
        root_hash: head.root_hash.clone(),
        signed_at: super::utc::start_of_day(now),
        signature: head.signature.clone(),
    };
    write_transaction(conn, |conn| {
        store::insert_nodes(conn, round_id, &rows)?;
        store::insert_head(conn, &row)
    })?;
    Ok(Some(head))
}

/// Brings every round's tree up to its board (the checkpointer runs this every second).
pub fn checkpoint_all(
    conn: &mut DbConnection,
    key: &SigningKey,
    now: NaiveDateTime,
) -> AppResult<usize> {
    let mut heads = 0;
    for round in round::all(conn)? {
        let written = crate::db::models::ballot::chain_tail(conn, round.id)?.map_or(0, |t| t.0);
        let signed = store::latest_head(conn, round.id)?.map_or(0, |h| h.tree_size);
        if written > signed {
            while checkpoint(conn, key, RoundId(round.id), now)?.is_some() {
                heads += 1;
            }
        }
    }
    Ok(heads)
}

/// Nodes below this level are not stored but computed from the entries' own hashes when a
/// proof needs them: a stored node for every 8 entries instead of 2 for each entry. Writing
/// those rows was the largest part of PostgreSQL's work per ballot (docs/benchmarks.md), and
/// a proof now reads at most 16 entries' hashes for each of the few blocks it touches.
const LOWEST_STORED_LEVEL: u32 = 4;

/// The nodes `ids` of a round's tree: those from the lowest stored level up as stored, those
/// below computed from the leaves under them. A node missing from the answer was not found.
fn read_nodes(
    conn: &mut DbConnection,
    round_id: i64,
    ids: &[NodeId],
) -> AppResult<BTreeMap<NodeId, Hash>> {
    let (stored, computed): (Vec<NodeId>, Vec<NodeId>) =
        ids.iter().partition(|id| id.level >= LOWEST_STORED_LEVEL);
    let keys: Vec<(i32, i64)> = stored
        .iter()
        .map(|id| (id.level as i32, id.index as i64))
        .collect();
    let mut nodes: BTreeMap<NodeId, Hash> = store::nodes(conn, round_id, &keys)?
        .into_iter()
        .filter_map(|(level, index, hash)| {
            Some((
                NodeId {
                    level: level as u32,
                    index: index as u64,
                },
                decode(&hash)?,
            ))
        })
        .collect();
    let leaves = leaves_under(conn, round_id, &computed)?;
    for id in computed {
        let under: Option<Vec<Hash>> = merkle::leaves_of(id)
            .map(|leaf| leaves.get(&leaf).copied())
            .collect();
        if let Some(root) = under.and_then(|under| merkle::subtree_root(&under)) {
            nodes.insert(id, root);
        }
    }
    Ok(nodes)
}

/// The leaf hashes under `ids`, by leaf index, read from the board in one statement.
fn leaves_under(
    conn: &mut DbConnection,
    round_id: i64,
    ids: &[NodeId],
) -> AppResult<BTreeMap<u64, Hash>> {
    let mut seqs: Vec<i64> = ids
        .iter()
        .flat_map(|id| merkle::leaves_of(*id))
        .map(|leaf| leaf as i64 + 1)
        .collect();
    seqs.sort_unstable();
    seqs.dedup();
    Ok(store::entry_hashes_at(conn, round_id, &seqs)?
        .into_iter()
        .filter_map(|(seq, entry_hash)| Some(((seq - 1) as u64, leaf_of(&entry_hash)?)))
        .collect())
}

/// Runs a proof twice: once to learn which nodes it reads, then on those nodes read in one
/// statement.
fn with_nodes<T>(
    conn: &mut DbConnection,
    round_id: i64,
    proof: impl Fn(&dyn merkle::Nodes) -> Option<T>,
) -> AppResult<Option<T>> {
    let wanted = merkle::Wanted::default();
    proof(&wanted);
    let nodes = read_nodes(conn, round_id, &wanted.into_ids())?;
    Ok(proof(&nodes))
}

/// Where an entry is in a signed head, and the path that proves it.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct Inclusion {
    /// The entry's place among the leaves (its sequence number − 1).
    pub leaf_index: i64,
    /// The hashes from the entry's leaf up to the root (hex), RFC 9162 order.
    pub path: Vec<String>,
    pub head: TreeHead,
}

/// The inclusion of entry `seq` in the round's latest signed head; None while the entry is
/// newer than that head (the next checkpoint, within seconds, includes it).
pub fn inclusion(
    conn: &mut DbConnection,
    round_id: RoundId,
    seq: i64,
) -> AppResult<Option<Inclusion>> {
    let round_id = round_id.0;
    let Some(head) = store::latest_head(conn, round_id)? else {
        return Ok(None);
    };
    if seq < 1 || seq > head.tree_size {
        return Ok(None);
    }
    let (m, n) = ((seq - 1) as u64, head.tree_size as u64);
    let path = with_nodes(conn, round_id, |nodes| merkle::inclusion_path(m, n, nodes))?
        .ok_or_else(|| AppError::internal(format!("round {round_id}: tree nodes are missing")))?;
    Ok(Some(Inclusion {
        leaf_index: seq - 1,
        path: path.iter().map(hex::encode).collect(),
        head: head.into(),
    }))
}

/// The proof that the round's board of `first_size` entries is the beginning of its board
/// now (the latest signed head). Only the latest head is kept: an auditor keeps the earlier
/// heads they were shown, and checks this proof against their copy (`check_consistency`).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct Consistency {
    pub first_size: i64,
    /// The root of the first `first_size` entries' tree as the board has it now (hex): equal
    /// to the root of the head the auditor kept, unless history was rewritten.
    pub first_root: String,
    pub second: TreeHead,
    /// RFC 9162 consistency proof (hex).
    pub path: Vec<String>,
}

/// The latest signed head of a round, if it has one.
pub fn latest(conn: &mut DbConnection, round_id: RoundId) -> AppResult<Option<TreeHead>> {
    Ok(store::latest_head(conn, round_id.0)?.map(TreeHead::from))
}

/// The consistency proof from the round's board of `first_size` entries to its latest head.
pub fn consistency(
    conn: &mut DbConnection,
    round_id: RoundId,
    first_size: i64,
) -> AppResult<Consistency> {
    let round_id = round_id.0;
    let second = store::latest_head(conn, round_id)?.ok_or_else(|| {
        AppError::NotFound(format!("round {round_id} has no signed tree head yet").into())
    })?;
    if first_size < 1 || first_size > second.tree_size {
        return Err(AppError::BadRequest(
            format!(
                "first must be between 1 and the latest head's size, {}",
                second.tree_size
            )
            .into(),
        ));
    }
    let (m, n) = (first_size as u64, second.tree_size as u64);
    let computed = with_nodes(conn, round_id, |nodes| {
        Some((
            merkle::range_root(0, m, nodes)?,
            merkle::consistency_path(m, n, nodes)?,
        ))
    })?
    .ok_or_else(|| AppError::internal(format!("round {round_id}: tree nodes are missing")))?;
    Ok(Consistency {
        first_size,
        first_root: hex::encode(computed.0),
        second: second.into(),
        path: computed.1.iter().map(hex::encode).collect(),
    })
}

/// True when the path leads from `leaf` to the head's root (the signature aside).
pub fn path_leads_to_root(leaf: &Hash, inclusion: &Inclusion) -> bool {
    let path: Option<Vec<Hash>> = inclusion.path.iter().map(|h| decode(h)).collect();
    match (path, inclusion.head.root()) {
        (Some(path), Some(root)) => merkle::verify_inclusion(
            inclusion.leaf_index as u64,
            inclusion.head.tree_size as u64,
            leaf,
            &path,
            &root,
        ),
        _ => false,
    }
}

/// What an auditor who kept an earlier head checks offline: their head and the new one are
/// signed by the installation, and the new board only added entries to theirs.
pub fn check_consistency(
    kept: &TreeHead,
    proof: &Consistency,
    key: &VerifyingKey,
) -> Result<(), String> {
    if !kept.signed_by(key) || !proof.second.signed_by(key) {
        return Err("a tree head is not signed by this key".into());
    }
    if kept.round_id != proof.second.round_id || kept.tree_size != proof.first_size {
        return Err("the proof starts from another head than the one kept".into());
    }
    let path: Option<Vec<Hash>> = proof.path.iter().map(|h| decode(h)).collect();
    let path = path.ok_or("a proof hash is malformed")?;
    let (first, second) = (
        kept.root().ok_or("a root is malformed")?,
        proof.second.root().ok_or("a root is malformed")?,
    );
    if !merkle::verify_consistency(
        kept.tree_size as u64,
        proof.second.tree_size as u64,
        &first,
        &second,
        &path,
    ) {
        return Err(format!(
            "the board of {} entries does not begin with the board of {} entries that was kept: its history was rewritten",
            proof.second.tree_size, kept.tree_size
        ));
    }
    Ok(())
}

/// Writes a round's nodes again in one transaction (at the count, with its board), so that
/// on PostgreSQL they no longer carry the transaction of the checkpoint that made them, which
/// would group entries by the second they were cast.
pub fn rewrite_nodes(conn: &mut DbConnection, round_id: RoundId) -> AppResult<()> {
    store::rewrite_nodes(conn, round_id.0)?;
    Ok(())
}
