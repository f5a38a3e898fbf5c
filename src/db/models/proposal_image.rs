use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::proposal_images;
use crate::db::DbConnection;

/// Stores (or replaces) a proposal's picture.
pub fn replace(
    conn: &mut DbConnection,
    proposal_id: i64,
    content_type: &str,
    bytes: &[u8],
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::delete(proposal_images::table.find(proposal_id)).execute(conn)?;
    diesel::insert_into(proposal_images::table)
        .values((
            proposal_images::proposal_id.eq(proposal_id),
            proposal_images::content_type.eq(content_type),
            proposal_images::bytes.eq(bytes),
            proposal_images::at.eq(at),
        ))
        .execute(conn)
        .map(|_| ())
}

/// (content type, bytes) of a proposal's picture.
pub fn find(conn: &mut DbConnection, proposal_id: i64) -> QueryResult<Option<(String, Vec<u8>)>> {
    proposal_images::table
        .find(proposal_id)
        .select((proposal_images::content_type, proposal_images::bytes))
        .first(conn)
        .optional()
}

pub fn exists(conn: &mut DbConnection, proposal_id: i64) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        proposal_images::table.find(proposal_id),
    ))
    .get_result(conn)
}

/// Which of these proposals have a picture (one query for a whole list).
pub fn with_picture(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<Vec<i64>> {
    proposal_images::table
        .filter(proposal_images::proposal_id.eq_any(ids))
        .select(proposal_images::proposal_id)
        .load(conn)
}
