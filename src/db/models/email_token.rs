//! Single-use links sent by mail (address verification, password reset): only the SHA-256
//! of each token is stored.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::email_tokens;
use crate::db::DbConnection;

pub fn insert(
    conn: &mut DbConnection,
    token_hash: &str,
    user_id: i64,
    purpose: &str,
    expires_at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(email_tokens::table)
        .values((
            email_tokens::token_hash.eq(token_hash),
            email_tokens::user_id.eq(user_id),
            email_tokens::purpose.eq(purpose),
            email_tokens::expires_at.eq(expires_at),
            email_tokens::used.eq(0),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Spends a token in one conditional UPDATE (of two uses at once, one wins); returns its
/// account when it was unused, of this purpose and not expired.
pub fn spend(
    conn: &mut DbConnection,
    token_hash: &str,
    purpose: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<i64>> {
    diesel::update(
        email_tokens::table
            .filter(email_tokens::token_hash.eq(token_hash))
            .filter(email_tokens::purpose.eq(purpose))
            .filter(email_tokens::used.eq(0))
            .filter(email_tokens::expires_at.gt(now)),
    )
    .set(email_tokens::used.eq(1))
    .returning(email_tokens::user_id)
    .get_result(conn)
    .optional()
}

/// Spends every unused token of this purpose of an account: links sent before are refused
/// from now on.
pub fn spend_all(conn: &mut DbConnection, user_id: i64, purpose: &str) -> QueryResult<()> {
    diesel::update(
        email_tokens::table
            .filter(email_tokens::user_id.eq(user_id))
            .filter(email_tokens::purpose.eq(purpose))
            .filter(email_tokens::used.eq(0)),
    )
    .set(email_tokens::used.eq(1))
    .execute(conn)
    .map(|_| ())
}

/// Whether a token would be accepted now (for showing the form it leads to).
pub fn is_usable(
    conn: &mut DbConnection,
    token_hash: &str,
    purpose: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    use diesel::dsl::exists;
    diesel::select(exists(
        email_tokens::table
            .filter(email_tokens::token_hash.eq(token_hash))
            .filter(email_tokens::purpose.eq(purpose))
            .filter(email_tokens::used.eq(0))
            .filter(email_tokens::expires_at.gt(now)),
    ))
    .get_result(conn)
}

/// Tokens of this purpose issued to an account since `since` (expiry minus lifetime).
pub fn issued_since(
    conn: &mut DbConnection,
    user_id: i64,
    purpose: &str,
    expires_after: NaiveDateTime,
) -> QueryResult<i64> {
    email_tokens::table
        .filter(email_tokens::user_id.eq(user_id))
        .filter(email_tokens::purpose.eq(purpose))
        .filter(email_tokens::expires_at.gt(expires_after))
        .count()
        .get_result(conn)
}

/// Forgets tokens that expired before `before`.
pub fn forget_expired(conn: &mut DbConnection, before: NaiveDateTime) -> QueryResult<()> {
    diesel::delete(email_tokens::table.filter(email_tokens::expires_at.lt(before)))
        .execute(conn)
        .map(|_| ())
}
