use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{proposal_flags, proposal_moderation, proposals};
use crate::db::DbConnection;

/// Records a report; false when this person already reported the proposal.
pub fn flag(
    conn: &mut DbConnection,
    proposal_id: i64,
    user_id: i64,
    reason: &str,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    let row = (
        proposal_flags::proposal_id.eq(proposal_id),
        proposal_flags::user_id.eq(Some(user_id)),
        proposal_flags::reason.eq(reason),
        proposal_flags::at.eq(at),
    );
    crate::on_each_backend!(conn, |c| diesel::insert_into(proposal_flags::table)
        .values(row)
        .on_conflict((proposal_flags::proposal_id, proposal_flags::user_id))
        .do_nothing()
        .execute(c))
    .map(|n| n == 1)
}

/// A round's reported proposals: (proposal id, title, reports, latest reasons first).
pub fn flagged_in_round(
    conn: &mut DbConnection,
    round_id: i64,
) -> QueryResult<Vec<(i64, String, Vec<String>)>> {
    let rows: Vec<(i64, String, String)> = proposal_flags::table
        .inner_join(proposals::table)
        .filter(proposals::round_id.eq(round_id))
        .order((proposal_flags::proposal_id, proposal_flags::id.desc()))
        .select((
            proposal_flags::proposal_id,
            proposals::title,
            proposal_flags::reason,
        ))
        .load(conn)?;
    let mut out: Vec<(i64, String, Vec<String>)> = Vec::new();
    for (id, title, reason) in rows {
        match out.last_mut() {
            Some(last) if last.0 == id => last.2.push(reason),
            _ => out.push((id, title, vec![reason])),
        }
    }
    Ok(out)
}

/// (hidden, public reason) for a proposal moderators decided on.
pub fn state(conn: &mut DbConnection, proposal_id: i64) -> QueryResult<Option<(bool, String)>> {
    proposal_moderation::table
        .find(proposal_id)
        .select((proposal_moderation::hidden, proposal_moderation::reason))
        .first::<(i32, String)>(conn)
        .optional()
        .map(|r| r.map(|(h, reason)| (h == 1, reason)))
}

pub fn set(
    conn: &mut DbConnection,
    proposal_id: i64,
    hidden: bool,
    reason: &str,
    at: NaiveDateTime,
    moderator_id: i64,
) -> QueryResult<()> {
    diesel::delete(proposal_moderation::table.find(proposal_id)).execute(conn)?;
    diesel::insert_into(proposal_moderation::table)
        .values((
            proposal_moderation::proposal_id.eq(proposal_id),
            proposal_moderation::hidden.eq(i32::from(hidden)),
            proposal_moderation::reason.eq(reason),
            proposal_moderation::at.eq(at),
            proposal_moderation::moderator_id.eq(Some(moderator_id)),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Ids of a round's hidden proposals.
pub fn hidden_in_round(conn: &mut DbConnection, round_id: i64) -> QueryResult<Vec<i64>> {
    proposal_moderation::table
        .inner_join(proposals::table)
        .filter(proposals::round_id.eq(round_id))
        .filter(proposal_moderation::hidden.eq(1))
        .select(proposal_moderation::proposal_id)
        .load(conn)
}
