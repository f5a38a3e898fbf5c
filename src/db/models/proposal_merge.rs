use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{proposal_merges, proposals};
use crate::db::DbConnection;

pub fn insert(
    conn: &mut DbConnection,
    from_id: i64,
    into_id: i64,
    at: NaiveDateTime,
    reviewer_id: i64,
    reason: &str,
) -> QueryResult<()> {
    diesel::insert_into(proposal_merges::table)
        .values((
            proposal_merges::from_id.eq(from_id),
            proposal_merges::into_id.eq(into_id),
            proposal_merges::at.eq(at),
            proposal_merges::reviewer_id.eq(Some(reviewer_id)),
            proposal_merges::reason.eq(reason),
        ))
        .execute(conn)
        .map(|_| ())
}

/// The proposal `id` was merged into, with the reason.
pub fn merged_into(conn: &mut DbConnection, id: i64) -> QueryResult<Option<(i64, String)>> {
    proposal_merges::table
        .find(id)
        .select((proposal_merges::into_id, proposal_merges::reason))
        .first(conn)
        .optional()
}

/// The proposals merged into `id`: (their id, their author's id).
pub fn merged_from(conn: &mut DbConnection, id: i64) -> QueryResult<Vec<(i64, Option<i64>)>> {
    proposal_merges::table
        .inner_join(proposals::table.on(proposals::id.eq(proposal_merges::from_id)))
        .filter(proposal_merges::into_id.eq(id))
        .order(proposal_merges::from_id)
        .select((proposal_merges::from_id, proposals::author_id))
        .load(conn)
}
