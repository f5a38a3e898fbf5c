use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{audit_log, security_counters};
use crate::db::DbConnection;
use crate::on_each_backend;

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = audit_log)]
pub struct AuditRow {
    pub id: i64,
    pub at: NaiveDateTime,
    pub actor_id: Option<i64>,
    pub action: String,
    pub detail: String,
}

/// Appends an entry, with a random id: ids in insertion order would rank a resident's own
/// entries in time even where only their day is kept.
pub fn insert(
    conn: &mut DbConnection,
    at: NaiveDateTime,
    actor_id: Option<i64>,
    action: &str,
    detail: &str,
) -> QueryResult<()> {
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::id.eq(super::ballot::random_id()),
            audit_log::at.eq(at),
            audit_log::actor_id.eq(actor_id),
            audit_log::action.eq(action),
            audit_log::detail.eq(detail),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Writes the entries of these actors again, unchanged (see `domain::publication`).
pub fn rewrite_of_actors(conn: &mut DbConnection, actors: &[i64]) -> QueryResult<()> {
    for chunk in actors.chunks(1000) {
        diesel::update(audit_log::table.filter(audit_log::actor_id.eq_any(chunk)))
            .set(audit_log::actor_id.eq(audit_log::actor_id))
            .execute(conn)?;
    }
    Ok(())
}

pub fn latest(conn: &mut DbConnection, limit: i64) -> QueryResult<Vec<AuditRow>> {
    audit_log::table
        .order((audit_log::at.desc(), audit_log::id.desc()))
        .limit(limit)
        .select(AuditRow::as_select())
        .load(conn)
}

pub fn of_actor(conn: &mut DbConnection, actor_id: i64) -> QueryResult<Vec<AuditRow>> {
    audit_log::table
        .filter(audit_log::actor_id.eq(actor_id))
        .order((audit_log::at, audit_log::id))
        .select(AuditRow::as_select())
        .load(conn)
}

pub fn increment_counter(conn: &mut DbConnection, day: &str, name: &str) -> QueryResult<()> {
    let row = (
        security_counters::day.eq(day),
        security_counters::name.eq(name),
        security_counters::count.eq(1i64),
    );
    on_each_backend!(conn, |c| diesel::insert_into(security_counters::table)
        .values(row)
        .on_conflict((security_counters::day, security_counters::name))
        .do_update()
        .set(security_counters::count.eq(security_counters::count + 1i64))
        .execute(c))
    .map(|_| ())
}

/// (day, name, count), newest day first.
pub fn counters(conn: &mut DbConnection, days: i64) -> QueryResult<Vec<(String, String, i64)>> {
    security_counters::table
        .order((security_counters::day.desc(), security_counters::name))
        .limit(days * 4)
        .select((
            security_counters::day,
            security_counters::name,
            security_counters::count,
        ))
        .load(conn)
}
