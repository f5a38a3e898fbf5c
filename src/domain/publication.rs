//! What the count makes public, and what it forgets. Until the count a round's ballots are
//! sealed and its records of who took part carry the order and moment of voting (on
//! PostgreSQL each row's transaction id and physical place; revote tags that find a person's
//! ballot). The count opens every ballot onto the public board, then rewrites what could tie
//! a ballot to a person: revote tags are dropped, and participations and eligibility checks
//! of the round are written again in random order with fresh random ids and only the day.
//! After the transaction commits, the caller scrubs freed space and the write-ahead log
//! (`db::compact`), so no physical trace of the old rows is left either.

use rand::seq::SliceRandom;

use super::sealing::RoundKeys;
use crate::db::models::ballot::{self, BallotRow};
use crate::db::models::eligibility as evidence;
use crate::db::DbConnection;
use crate::domain::ids::RoundId;
use crate::error::{AppError, AppResult};

/// Opens every sealed ballot of the round and writes the board again with contents and salts
/// in place of the sealed forms and without revote tags. Refuses (and changes nothing) if any
/// ballot does not open with this installation's key or does not match its commitment.
pub fn open_board(conn: &mut DbConnection, secret: &[u8], round_id: RoundId) -> AppResult<usize> {
    let round_id = round_id.0;
    let keys = RoundKeys::new(secret, round_id);
    let rows = ballot::of_round(conn, round_id)?;
    let mut opened = Vec::with_capacity(rows.len());
    for row in rows {
        let BallotRow {
            sealed, commitment, ..
        } = &row;
        let (salt, content) = match (sealed, commitment) {
            (Some(sealed), Some(commitment)) => {
                let (salt, content) = keys.open(commitment, sealed).map_err(|e| {
                    AppError::internal(format!(
                        "ballot {} of round {round_id} cannot be opened: {e}",
                        row.seq
                    ))
                })?;
                (Some(salt), content)
            }
            _ => (row.salt.clone(), row.content.clone()),
        };
        opened.push(BallotRow {
            content,
            salt,
            sealed: None,
            voter_tag: None,
            ..row
        });
    }
    ballot::rewrite_board(conn, round_id, &opened)?;
    // The entries' hashes are unchanged, and so is the tree; its nodes are written again for
    // the same reason as the board.
    super::board_tree::rewrite_nodes(conn, RoundId(round_id))?;
    Ok(opened.len())
}

/// Rewrites who took part in the round, and the checks that let them, in random order with
/// fresh random ids; drops paper ballots still waiting for a second entry. The accounts of
/// those who took part, and their own entries in the audit log, are written again too, so
/// that on PostgreSQL they all carry this transaction's id rather than the one of the moment
/// each person registered or changed their account (`db::compact` then reorders them).
/// Failed login attempts too old to matter are forgotten.
pub fn forget_order_of_voting(
    conn: &mut DbConnection,
    round_id: RoundId,
    now: chrono::NaiveDateTime,
) -> AppResult<()> {
    let round_id = round_id.0;
    let mut rng = rand::rng();
    let mut participations = ballot::participations_of(conn, round_id)?;
    let voters: Vec<i64> = participations.iter().filter_map(|p| p.user_id).collect();
    crate::db::models::user::rewrite(conn, &voters)?;
    crate::db::models::audit::rewrite_of_actors(conn, &voters)?;
    super::accounts::forget_old_failures(conn, now)?;
    participations.shuffle(&mut rng);
    ballot::rewrite_participations(conn, round_id, &participations)?;
    let mut checks = evidence::all_checks_of_round(conn, round_id)?;
    checks.shuffle(&mut rng);
    for check in &mut checks {
        check.at = super::utc::start_of_day(check.at);
    }
    evidence::rewrite_checks(conn, round_id, &checks)?;
    ballot::clear_round_paper(conn, round_id)?;
    Ok(())
}
