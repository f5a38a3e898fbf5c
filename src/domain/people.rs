//! A person's account as the rest of the program sees it: everything but the password hash,
//! which only `accounts` reads.

use chrono::NaiveDateTime;

use super::addresses::normalize_email;
use crate::db::models::user::{self, UserRow};
use crate::db::DbConnection;
use crate::error::AppResult;

/// An account, without its password hash.
#[derive(Clone, Debug)]
pub struct Account {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: String,
    /// Bumped to end every session at once.
    pub token_version: i32,
    pub gender: Option<String>,
    pub birth_year: Option<i32>,
    pub district_id: Option<i64>,
    /// The day of registration (its time is not kept).
    pub created_at: NaiveDateTime,
    /// The owner followed the link sent to the address.
    pub email_verified: bool,
    /// The language messages to this person are written in.
    pub language: String,
}

impl From<UserRow> for Account {
    fn from(row: UserRow) -> Self {
        Self {
            id: row.id,
            email: row.email,
            display_name: row.display_name,
            role: row.role,
            token_version: row.token_version,
            gender: row.gender,
            birth_year: row.birth_year,
            district_id: row.district_id,
            created_at: row.created_at,
            email_verified: row.email_verified == 1,
            language: row.language,
        }
    }
}

/// The account with this id, if it still exists.
pub fn find(conn: &mut DbConnection, id: i64) -> AppResult<Option<Account>> {
    Ok(user::find(conn, id)?.map(Account::from))
}

/// The account with this address (normalised here), if any.
pub fn with_email(conn: &mut DbConnection, email: &str) -> AppResult<Option<Account>> {
    Ok(user::find_by_email(conn, &normalize_email(email))?.map(Account::from))
}

/// Every account, ordered by address, for the council's list.
pub fn all(conn: &mut DbConnection) -> AppResult<Vec<Account>> {
    Ok(user::all(conn)?.into_iter().map(Account::from).collect())
}

/// Accounts on the council's roles page, 50 to a page.
pub const PEOPLE_PAGE: i64 = 50;

/// One page of the accounts whose address or name contains `words`, and how many pages.
pub fn search(conn: &mut DbConnection, words: &str, page: i64) -> AppResult<(Vec<Account>, i64)> {
    let page = page.max(1);
    let (rows, total) = user::search(conn, words.trim(), PEOPLE_PAGE, (page - 1) * PEOPLE_PAGE)?;
    let pages = ((total + PEOPLE_PAGE - 1) / PEOPLE_PAGE).max(1);
    Ok((rows.into_iter().map(Account::from).collect(), pages))
}

/// The language messages to this person are written in from now on.
pub fn set_language(conn: &mut DbConnection, id: i64, lang: crate::i18n::Lang) -> AppResult<()> {
    user::set_language(conn, id, lang.code())?;
    Ok(())
}
