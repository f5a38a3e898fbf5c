//! Sessions ended by logging out. A session's tokens are signed and carry their own expiry,
//! so ending one before then needs a record the server checks: kept until the session's last
//! token would have expired anyway. The record holds a random session id and a time, never
//! the account.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::revoked_sessions;
use crate::db::DbConnection;

pub fn revoke(
    conn: &mut DbConnection,
    sid: &str,
    until: NaiveDateTime,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::delete(revoked_sessions::table.filter(revoked_sessions::expires_at.lt(now)))
        .execute(conn)?;
    crate::on_each_backend!(conn, |c| diesel::insert_into(revoked_sessions::table)
        .values((
            revoked_sessions::sid.eq(sid),
            revoked_sessions::expires_at.eq(until),
        ))
        .on_conflict_do_nothing()
        .execute(c))
    .map(|_| ())
}

pub fn is_revoked(conn: &mut DbConnection, sid: &str) -> QueryResult<bool> {
    use diesel::dsl::exists;
    diesel::select(exists(revoked_sessions::table.find(sid))).get_result(conn)
}
