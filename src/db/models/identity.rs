//! Accounts' links to people at identity providers, and sign-ins on their way through one.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{account_identities, oidc_logins};
use crate::db::DbConnection;

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = account_identities)]
pub struct IdentityRow {
    pub id: i64,
    pub user_id: i64,
    pub provider: String,
    pub issuer: String,
    pub subject: String,
    pub linked_at: NaiveDateTime,
    pub birth_year: Option<i32>,
    pub district_id: Option<i64>,
    pub assured: i32,
    pub verified_at: NaiveDateTime,
}

/// What a sign-in proved, written on each sign-in.
pub struct Evidence {
    pub birth_year: Option<i32>,
    pub district_id: Option<i64>,
    pub assured: bool,
    pub at: NaiveDateTime,
}

pub fn of_person(
    conn: &mut DbConnection,
    issuer: &str,
    subject: &str,
) -> QueryResult<Option<IdentityRow>> {
    account_identities::table
        .filter(account_identities::issuer.eq(issuer))
        .filter(account_identities::subject.eq(subject))
        .select(IdentityRow::as_select())
        .first(conn)
        .optional()
}

pub fn of_account(conn: &mut DbConnection, user_id: i64) -> QueryResult<Vec<IdentityRow>> {
    account_identities::table
        .filter(account_identities::user_id.eq(user_id))
        .order(account_identities::provider)
        .select(IdentityRow::as_select())
        .load(conn)
}

pub fn link(
    conn: &mut DbConnection,
    user_id: i64,
    provider: &str,
    issuer: &str,
    subject: &str,
    evidence: &Evidence,
) -> QueryResult<()> {
    diesel::insert_into(account_identities::table)
        .values((
            account_identities::user_id.eq(user_id),
            account_identities::provider.eq(provider),
            account_identities::issuer.eq(issuer),
            account_identities::subject.eq(subject),
            account_identities::linked_at.eq(evidence.at),
            account_identities::birth_year.eq(evidence.birth_year),
            account_identities::district_id.eq(evidence.district_id),
            account_identities::assured.eq(i32::from(evidence.assured)),
            account_identities::verified_at.eq(evidence.at),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn record_evidence(conn: &mut DbConnection, id: i64, evidence: &Evidence) -> QueryResult<()> {
    diesel::update(account_identities::table.find(id))
        .set((
            account_identities::birth_year.eq(evidence.birth_year),
            account_identities::district_id.eq(evidence.district_id),
            account_identities::assured.eq(i32::from(evidence.assured)),
            account_identities::verified_at.eq(evidence.at),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Removes an account's link to one provider; true when there was one.
pub fn unlink(conn: &mut DbConnection, user_id: i64, provider: &str) -> QueryResult<bool> {
    diesel::delete(
        account_identities::table
            .filter(account_identities::user_id.eq(user_id))
            .filter(account_identities::provider.eq(provider)),
    )
    .execute(conn)
    .map(|n| n > 0)
}

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = oidc_logins)]
pub struct PendingLoginRow {
    pub state_hash: String,
    pub provider: String,
    pub browser_hash: String,
    pub nonce: String,
    pub pkce_verifier: String,
    pub link_user_id: Option<i64>,
    pub next_path: String,
    pub created_at: NaiveDateTime,
}

/// Keeps a sign-in that left for the provider, forgetting those older than `forget_before`.
pub fn start_login(
    conn: &mut DbConnection,
    row: &PendingLoginRow,
    forget_before: NaiveDateTime,
) -> QueryResult<()> {
    diesel::delete(oidc_logins::table.filter(oidc_logins::created_at.lt(forget_before)))
        .execute(conn)?;
    diesel::insert_into(oidc_logins::table)
        .values((
            oidc_logins::state_hash.eq(&row.state_hash),
            oidc_logins::provider.eq(&row.provider),
            oidc_logins::browser_hash.eq(&row.browser_hash),
            oidc_logins::nonce.eq(&row.nonce),
            oidc_logins::pkce_verifier.eq(&row.pkce_verifier),
            oidc_logins::link_user_id.eq(row.link_user_id),
            oidc_logins::next_path.eq(&row.next_path),
            oidc_logins::created_at.eq(row.created_at),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Takes the sign-in with this state out of the table: a second callback with the same state
/// finds nothing, whichever instance it reaches.
pub fn take_login(
    conn: &mut DbConnection,
    state_hash: &str,
) -> QueryResult<Option<PendingLoginRow>> {
    let row = oidc_logins::table
        .find(state_hash)
        .select(PendingLoginRow::as_select())
        .first(conn)
        .optional()?;
    let deleted = diesel::delete(oidc_logins::table.find(state_hash)).execute(conn)?;
    // Two callbacks racing: only the one whose delete removed the row goes on.
    Ok(row.filter(|_| deleted == 1))
}
