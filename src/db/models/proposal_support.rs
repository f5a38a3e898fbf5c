use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{proposal_supports, proposals};
use crate::db::DbConnection;

/// Adds a support; false when this person already supports the proposal.
pub fn add(
    conn: &mut DbConnection,
    proposal_id: i64,
    user_id: i64,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    let row = (
        proposal_supports::proposal_id.eq(proposal_id),
        proposal_supports::user_id.eq(user_id),
        proposal_supports::at.eq(at),
    );
    crate::on_each_backend!(conn, |c| diesel::insert_into(proposal_supports::table)
        .values(row)
        .on_conflict((proposal_supports::proposal_id, proposal_supports::user_id))
        .do_nothing()
        .execute(c))
    .map(|n| n == 1)
}

/// Removes a support; false when there was none.
pub fn remove(conn: &mut DbConnection, proposal_id: i64, user_id: i64) -> QueryResult<bool> {
    diesel::delete(proposal_supports::table.find((proposal_id, user_id)))
        .execute(conn)
        .map(|n| n == 1)
}

pub fn count(conn: &mut DbConnection, proposal_id: i64) -> QueryResult<i64> {
    proposal_supports::table
        .filter(proposal_supports::proposal_id.eq(proposal_id))
        .count()
        .get_result(conn)
}

pub fn has(conn: &mut DbConnection, proposal_id: i64, user_id: i64) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        proposal_supports::table.find((proposal_id, user_id)),
    ))
    .get_result(conn)
}

/// Supports per proposal of a round (proposals without any are absent).
pub fn counts_of_round(conn: &mut DbConnection, round_id: i64) -> QueryResult<HashMap<i64, i64>> {
    proposal_supports::table
        .inner_join(proposals::table)
        .filter(proposals::round_id.eq(round_id))
        .group_by(proposal_supports::proposal_id)
        .select((proposal_supports::proposal_id, diesel::dsl::count_star()))
        .load::<(i64, i64)>(conn)
        .map(|rows| rows.into_iter().collect())
}
