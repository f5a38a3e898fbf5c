use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::round_results;
use crate::db::DbConnection;

#[derive(Queryable, Selectable, Insertable, Clone, Debug)]
#[diesel(table_name = round_results)]
pub struct RoundResultRow {
    pub round_id: i64,
    pub rule: String,
    pub tie_break: String,
    /// JSON: the tally outcome per district (see `domain::counting`).
    pub outcome: String,
    pub chain_head: String,
    pub ballot_count: i64,
    pub computed_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, row: &RoundResultRow) -> QueryResult<()> {
    diesel::insert_into(round_results::table)
        .values(row)
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut DbConnection, round_id: i64) -> QueryResult<Option<RoundResultRow>> {
    round_results::table
        .find(round_id)
        .select(RoundResultRow::as_select())
        .first(conn)
        .optional()
}

/// The positional scheme a round declares instead of the default, as JSON.
pub fn scoring(conn: &mut DbConnection, round_id: i64) -> QueryResult<Option<String>> {
    use crate::db::schema::round_scoring;
    round_scoring::table
        .find(round_id)
        .select(round_scoring::positional)
        .first(conn)
        .optional()
}

pub fn set_scoring(conn: &mut DbConnection, round_id: i64, positional: &str) -> QueryResult<()> {
    use crate::db::schema::round_scoring;
    diesel::insert_into(round_scoring::table)
        .values((
            round_scoring::round_id.eq(round_id),
            round_scoring::positional.eq(positional),
        ))
        .execute(conn)
        .map(|_| ())
}

/// The statistics frozen when the round was counted, as JSON.
pub fn frozen_statistics(conn: &mut DbConnection, round_id: i64) -> QueryResult<Option<String>> {
    use crate::db::schema::round_statistics;
    round_statistics::table
        .find(round_id)
        .select(round_statistics::breakdowns)
        .first(conn)
        .optional()
}

pub fn freeze_statistics(conn: &mut DbConnection, round_id: i64, json: &str) -> QueryResult<()> {
    use crate::db::schema::round_statistics;
    diesel::insert_into(round_statistics::table)
        .values((
            round_statistics::round_id.eq(round_id),
            round_statistics::breakdowns.eq(json),
        ))
        .execute(conn)
        .map(|_| ())
}
