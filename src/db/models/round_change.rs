use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::round_changes;
use crate::db::DbConnection;

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = round_changes)]
pub struct RoundChangeRow {
    pub id: i64,
    pub round_id: i64,
    pub at: NaiveDateTime,
    pub actor_id: Option<i64>,
    pub what: String,
    pub reason: String,
}

pub fn append(
    conn: &mut DbConnection,
    round_id: i64,
    at: NaiveDateTime,
    actor_id: Option<i64>,
    what: &str,
    reason: &str,
) -> QueryResult<()> {
    diesel::insert_into(round_changes::table)
        .values((
            round_changes::round_id.eq(round_id),
            round_changes::at.eq(at),
            round_changes::actor_id.eq(actor_id),
            round_changes::what.eq(what),
            round_changes::reason.eq(reason),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn of_round(conn: &mut DbConnection, round_id: i64) -> QueryResult<Vec<RoundChangeRow>> {
    round_changes::table
        .filter(round_changes::round_id.eq(round_id))
        .order(round_changes::id)
        .select(RoundChangeRow::as_select())
        .load(conn)
}
