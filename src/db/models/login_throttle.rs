use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::upsert::excluded;

use crate::db::schema::login_throttle;
use crate::db::DbConnection;
use crate::on_each_backend;

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = login_throttle)]
pub struct ThrottleRow {
    pub key: String,
    pub failures: i32,
    pub last_failure_at: NaiveDateTime,
}

pub fn find(conn: &mut DbConnection, key: &str) -> QueryResult<Option<ThrottleRow>> {
    login_throttle::table
        .find(key)
        .select(ThrottleRow::as_select())
        .first(conn)
        .optional()
}

/// Sets the failure count of `key` (insert or update in one statement, safe under races).
pub fn set_failures(
    conn: &mut DbConnection,
    key: &str,
    failures: i32,
    at: NaiveDateTime,
) -> QueryResult<()> {
    let row = (
        login_throttle::key.eq(key),
        login_throttle::failures.eq(failures),
        login_throttle::last_failure_at.eq(at),
    );
    on_each_backend!(conn, |c| diesel::insert_into(login_throttle::table)
        .values(row)
        .on_conflict(login_throttle::key)
        .do_update()
        .set((
            login_throttle::failures.eq(excluded(login_throttle::failures)),
            login_throttle::last_failure_at.eq(excluded(login_throttle::last_failure_at)),
        ))
        .execute(c))
    .map(|_| ())
}

pub fn clear(conn: &mut DbConnection, key: &str) -> QueryResult<()> {
    diesel::delete(login_throttle::table.find(key))
        .execute(conn)
        .map(|_| ())
}

/// Forgets failures older than `before` (they no longer slow anyone down).
pub fn forget_before(conn: &mut DbConnection, before: NaiveDateTime) -> QueryResult<()> {
    diesel::delete(login_throttle::table.filter(login_throttle::last_failure_at.lt(before)))
        .execute(conn)
        .map(|_| ())
}
