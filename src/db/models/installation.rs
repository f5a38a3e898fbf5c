//! Facts about the installation itself, by name.

use diesel::prelude::*;

use crate::db::schema::installation;
use crate::db::DbConnection;

pub fn get(conn: &mut DbConnection, name: &str) -> QueryResult<Option<String>> {
    installation::table
        .find(name)
        .select(installation::value)
        .first(conn)
        .optional()
}

/// Stores `value` unless the name has one; returns the value that stands.
pub fn set_if_absent(conn: &mut DbConnection, name: &str, value: &str) -> QueryResult<String> {
    crate::on_each_backend!(conn, |c| diesel::insert_into(installation::table)
        .values((installation::name.eq(name), installation::value.eq(value)))
        .on_conflict_do_nothing()
        .execute(c))?;
    get(conn, name).map(|v| v.unwrap_or_default())
}

/// Stores `value` under `name`, replacing what was there.
pub fn put(conn: &mut DbConnection, name: &str, value: &str) -> QueryResult<()> {
    crate::on_each_backend!(conn, |c| diesel::insert_into(installation::table)
        .values((installation::name.eq(name), installation::value.eq(value)))
        .on_conflict(installation::name)
        .do_update()
        .set(installation::value.eq(value))
        .execute(c))
    .map(|_| ())
}

pub fn set(conn: &mut DbConnection, name: &str, value: &str) -> QueryResult<()> {
    diesel::update(installation::table.find(name))
        .set(installation::value.eq(value))
        .execute(conn)
        .map(|_| ())
}
