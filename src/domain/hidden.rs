//! Texts moderators hid: which proposals of a round, and what every view shows instead. A leaf
//! of `domain` (it reads only the database), so any view model can apply it without a cycle.

use std::collections::HashSet;

use crate::db::DbConnection;
use crate::domain::RoundId;
use crate::error::AppResult;

/// The title every view shows, in English, for a proposal whose text moderators hid (pages
/// show it in the reader's language through `translations`).
pub const HIDDEN_TITLE: &str = "Hidden by the moderators";

/// The proposals of a round whose text moderators hid.
pub fn hidden_in_round(conn: &mut DbConnection, round_id: RoundId) -> AppResult<HashSet<i64>> {
    Ok(
        crate::db::models::moderation::hidden_in_round(conn, round_id.0)?
            .into_iter()
            .collect(),
    )
}

/// A proposal's title and description as the public may read them.
pub fn public_text(
    hidden: &HashSet<i64>,
    id: i64,
    title: String,
    description: String,
) -> (String, String) {
    match hidden.contains(&id) {
        true => (HIDDEN_TITLE.to_string(), String::new()),
        false => (title, description),
    }
}
