//! Closing a round: the count, with what is published and forgotten at it, and the statistics
//! frozen with the result. The steps are sequenced here, in one transaction, so that counting
//! itself (`counting`) knows nothing of what happens around it.

use chrono::NaiveDateTime;

use super::{counting, publication, statistics};
use crate::db::models::round;
use crate::db::models::round_result::{self, RoundResultRow};
use crate::db::DbConnection;
use crate::domain::ids::RoundId;
use crate::error::{AppError, AppResult};

/// Counts a round whose voting has closed and stores the result: the ballots are opened onto
/// the public board and what could tie them to voters is forgotten (see `publication`), the
/// tally is stored and the round's statistics frozen, all in one transaction; then the
/// database files are scrubbed of the old rows.
pub fn count_round(
    conn: &mut DbConnection,
    secret: &[u8],
    round_id: RoundId,
    now: NaiveDateTime,
) -> AppResult<RoundResultRow> {
    let round_id = round_id.0;
    let counted = crate::db::write_transaction(conn, |conn| {
        let round = counting::lock_for_count(conn, RoundId(round_id), now)?;
        // The last entries go into a signed tree head before the board is opened.
        let key = crate::auth::audit_signing_key(secret);
        while super::board_tree::checkpoint(conn, &key, RoundId(round_id), now)?.is_some() {}
        publication::open_board(conn, secret, RoundId(round_id))?;
        publication::forget_order_of_voting(conn, RoundId(round_id), now)?;
        let result = counting::tally_and_store(conn, &round, now)?;
        statistics::freeze(conn, RoundId(round_id))?;
        Ok::<_, AppError>(result)
    })?;
    // The count stands even if this fails; the next count scrubs again.
    if let Err(e) = crate::db::compact::scrub_after_count(conn) {
        tracing::error!(round = round_id, error = %e, "old rows could not be scrubbed from the database files after the count");
    }
    Ok(counted)
}

/// Counts every round whose voting has closed and that has no result yet; returns each one's
/// outcome and how long its count took. Safe from several app instances at once: a round
/// another instance counted first is skipped (the result's primary key refuses the second
/// insert). One round that cannot be counted does not keep the others from being counted.
pub fn count_closed_rounds(
    conn: &mut DbConnection,
    secret: &[u8],
    now: NaiveDateTime,
    skip: &std::collections::HashSet<i64>,
) -> AppResult<Vec<(i64, AppResult<std::time::Duration>)>> {
    let due: Vec<i64> = round::all(conn)?
        .into_iter()
        .filter(|r| r.voting_close_at <= now && !skip.contains(&r.id))
        .map(|r| r.id)
        .collect();
    let mut outcomes = Vec::new();
    for id in due {
        if round_result::find(conn, id)?.is_some() {
            continue;
        }
        let started = std::time::Instant::now();
        match count_round(conn, secret, RoundId(id), now) {
            Ok(_) => outcomes.push((id, Ok(started.elapsed()))),
            // Another instance, or the council, counted it first.
            Err(AppError::Conflict(_)) => {}
            Err(e) => outcomes.push((id, Err(e))),
        }
    }
    Ok(outcomes)
}
