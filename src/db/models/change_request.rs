use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::proposal_change_requests;
use crate::db::DbConnection;

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = proposal_change_requests)]
pub struct ChangeRequestRow {
    pub id: i64,
    pub proposal_id: i64,
    pub at: NaiveDateTime,
    pub reviewer_id: Option<i64>,
    pub reason: String,
    pub answered_at: Option<NaiveDateTime>,
}

pub fn insert(
    conn: &mut DbConnection,
    proposal_id: i64,
    at: NaiveDateTime,
    reviewer_id: i64,
    reason: &str,
) -> QueryResult<()> {
    diesel::insert_into(proposal_change_requests::table)
        .values((
            proposal_change_requests::proposal_id.eq(proposal_id),
            proposal_change_requests::at.eq(at),
            proposal_change_requests::reviewer_id.eq(Some(reviewer_id)),
            proposal_change_requests::reason.eq(reason),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn of_proposal(
    conn: &mut DbConnection,
    proposal_id: i64,
) -> QueryResult<Vec<ChangeRequestRow>> {
    proposal_change_requests::table
        .filter(proposal_change_requests::proposal_id.eq(proposal_id))
        .order(proposal_change_requests::id)
        .select(ChangeRequestRow::as_select())
        .load(conn)
}

/// Marks the open requests of a proposal answered (the author has edited it).
pub fn answer_open(
    conn: &mut DbConnection,
    proposal_id: i64,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        proposal_change_requests::table
            .filter(proposal_change_requests::proposal_id.eq(proposal_id))
            .filter(proposal_change_requests::answered_at.is_null()),
    )
    .set(proposal_change_requests::answered_at.eq(Some(at)))
    .execute(conn)
}
