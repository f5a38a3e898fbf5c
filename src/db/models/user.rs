use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::users;
use crate::db::DbConnection;

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub role: String,
    pub token_version: i32,
    pub gender: Option<String>,
    pub birth_year: Option<i32>,
    pub district_id: Option<i64>,
    pub created_at: NaiveDateTime,
    /// 1 once the owner followed the link sent to the address.
    pub email_verified: i32,
    /// The language messages to this person are written in.
    pub language: String,
}

#[derive(Insertable, Clone, Debug)]
#[diesel(table_name = users)]
pub struct NewUser<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub role: &'a str,
    pub gender: Option<&'a str>,
    pub birth_year: Option<i32>,
    pub district_id: Option<i64>,
    pub created_at: NaiveDateTime,
}

/// A new account, with a random id: ids in registration order would let anyone with the
/// database place a person who registered just before voting on the bulletin board.
pub fn insert(conn: &mut DbConnection, new: &NewUser<'_>) -> QueryResult<i64> {
    diesel::insert_into(users::table)
        .values((users::id.eq(super::ballot::random_id()), new))
        .returning(users::id)
        .get_result(conn)
}

pub fn ids_by_role(conn: &mut DbConnection, role: &str) -> QueryResult<Vec<(i64, Option<i64>)>> {
    users::table
        .filter(users::role.eq(role))
        .order(users::email)
        .select((users::id, users::district_id))
        .load(conn)
}

/// Takes the account's row lock for the rest of the transaction, so that changes made on
/// the person's behalf (a paper ballot's two entries) happen one at a time. PostgreSQL's
/// `FOR NO KEY UPDATE`: rows referring to the account check their foreign key with a
/// key-share lock, which this one lets through. SQLite's BEGIN IMMEDIATE already serialises
/// writers.
pub fn lock(conn: &mut DbConnection, id: i64) -> QueryResult<()> {
    match conn {
        DbConnection::Postgres(pg) => users::table
            .find(id)
            .select(users::id)
            .for_no_key_update()
            .first::<i64>(pg)
            .map(|_| ()),
        DbConnection::Sqlite(_) => Ok(()),
    }
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<UserRow>> {
    users::table
        .find(id)
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

pub fn find_by_email(conn: &mut DbConnection, email: &str) -> QueryResult<Option<UserRow>> {
    users::table
        .filter(users::email.eq(email))
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

pub fn all(conn: &mut DbConnection) -> QueryResult<Vec<UserRow>> {
    users::table
        .order(users::email)
        .select(UserRow::as_select())
        .load(conn)
}

/// A page of accounts whose address or name contains `words` (any case), ordered by address,
/// with how many match in all.
pub fn search(
    conn: &mut DbConnection,
    words: &str,
    limit: i64,
    offset: i64,
) -> QueryResult<(Vec<UserRow>, i64)> {
    let pattern = format!(
        "%{}%",
        words
            .to_lowercase()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    let matching = || {
        users::table
            .filter(
                diesel::dsl::sql::<diesel::sql_types::Bool>("(LOWER(email) LIKE ")
                    .bind::<diesel::sql_types::Text, _>(pattern.clone())
                    .sql(" ESCAPE '\\' OR LOWER(display_name) LIKE ")
                    .bind::<diesel::sql_types::Text, _>(pattern.clone())
                    .sql(" ESCAPE '\\')"),
            )
            .into_boxed()
    };
    let total = matching().count().get_result(conn)?;
    let rows = matching()
        .order(users::email)
        .limit(limit)
        .offset(offset)
        .select(UserRow::as_select())
        .load(conn)?;
    Ok((rows, total))
}

pub fn set_password_hash(conn: &mut DbConnection, id: i64, hash: &str) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set(users::password_hash.eq(hash))
        .execute(conn)
        .map(|_| ())
}

/// Invalidates every token issued so far for this user.
pub fn bump_token_version(conn: &mut DbConnection, id: i64) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set(users::token_version.eq(users::token_version + 1))
        .execute(conn)
        .map(|_| ())
}

pub fn set_role(conn: &mut DbConnection, id: i64, role: &str) -> QueryResult<usize> {
    diesel::update(users::table.find(id))
        .set((
            users::role.eq(role),
            users::token_version.eq(users::token_version + 1),
        ))
        .execute(conn)
}

pub fn delete(conn: &mut DbConnection, id: i64) -> QueryResult<usize> {
    diesel::delete(users::table.find(id)).execute(conn)
}

pub fn set_profile(
    conn: &mut DbConnection,
    id: i64,
    gender: Option<&str>,
    birth_year: Option<i32>,
    district_id: Option<i64>,
) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set((
            users::gender.eq(gender),
            users::birth_year.eq(birth_year),
            users::district_id.eq(district_id),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Writes these accounts again, unchanged (see `domain::publication`).
pub fn rewrite(conn: &mut DbConnection, ids: &[i64]) -> QueryResult<()> {
    for chunk in ids.chunks(1000) {
        diesel::update(users::table.filter(users::id.eq_any(chunk)))
            .set(users::token_version.eq(users::token_version))
            .execute(conn)?;
    }
    Ok(())
}

pub fn set_language(conn: &mut DbConnection, id: i64, language: &str) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set(users::language.eq(language))
        .execute(conn)
        .map(|_| ())
}

pub fn mark_email_verified(conn: &mut DbConnection, id: i64) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set(users::email_verified.eq(1))
        .execute(conn)
        .map(|_| ())
}
