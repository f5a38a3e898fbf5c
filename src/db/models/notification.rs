//! What each resident wants to be told by mail, the proposals they follow, and the round news
//! already announced.

use diesel::prelude::*;

use crate::db::schema::{notification_settings, proposal_follows, round_announcements};
use crate::db::DbConnection;
use crate::on_each_backend;

#[derive(Queryable, Selectable, Insertable, AsChangeset, Clone, Copy, Debug, PartialEq, Eq)]
#[diesel(table_name = notification_settings)]
pub struct SettingsRow {
    pub user_id: i64,
    pub own_proposals: i32,
    pub followed: i32,
    pub round_news: i32,
    pub receipt_copy: i32,
}

impl SettingsRow {
    /// What an account gets before it chooses: news about its own proposals and those it
    /// follows; nothing it did not ask for.
    pub fn defaults(user_id: i64) -> Self {
        SettingsRow {
            user_id,
            own_proposals: 1,
            followed: 1,
            round_news: 0,
            receipt_copy: 0,
        }
    }
}

pub fn settings_of(conn: &mut DbConnection, user_id: i64) -> QueryResult<SettingsRow> {
    Ok(notification_settings::table
        .find(user_id)
        .select(SettingsRow::as_select())
        .first(conn)
        .optional()?
        .unwrap_or_else(|| SettingsRow::defaults(user_id)))
}

pub fn save(conn: &mut DbConnection, row: &SettingsRow) -> QueryResult<()> {
    on_each_backend!(conn, |c| diesel::insert_into(notification_settings::table)
        .values(row)
        .on_conflict(notification_settings::user_id)
        .do_update()
        .set(row)
        .execute(c))
    .map(|_| ())
}

/// Accounts that asked for round news (proposals open, voting opens, results published).
pub fn round_news_subscribers(conn: &mut DbConnection) -> QueryResult<Vec<i64>> {
    notification_settings::table
        .filter(notification_settings::round_news.eq(1))
        .select(notification_settings::user_id)
        .load(conn)
}

pub fn follow(conn: &mut DbConnection, proposal_id: i64, user_id: i64) -> QueryResult<()> {
    on_each_backend!(conn, |c| diesel::insert_into(proposal_follows::table)
        .values((
            proposal_follows::proposal_id.eq(proposal_id),
            proposal_follows::user_id.eq(user_id),
        ))
        .on_conflict_do_nothing()
        .execute(c))
    .map(|_| ())
}

pub fn unfollow(conn: &mut DbConnection, proposal_id: i64, user_id: i64) -> QueryResult<()> {
    diesel::delete(
        proposal_follows::table
            .filter(proposal_follows::proposal_id.eq(proposal_id))
            .filter(proposal_follows::user_id.eq(user_id)),
    )
    .execute(conn)
    .map(|_| ())
}

pub fn is_following(conn: &mut DbConnection, proposal_id: i64, user_id: i64) -> QueryResult<bool> {
    use diesel::dsl::exists;
    diesel::select(exists(
        proposal_follows::table
            .filter(proposal_follows::proposal_id.eq(proposal_id))
            .filter(proposal_follows::user_id.eq(user_id)),
    ))
    .get_result(conn)
}

pub fn followers(conn: &mut DbConnection, proposal_id: i64) -> QueryResult<Vec<i64>> {
    proposal_follows::table
        .filter(proposal_follows::proposal_id.eq(proposal_id))
        .select(proposal_follows::user_id)
        .load(conn)
}

/// The proposals an account follows.
pub fn followed_by(conn: &mut DbConnection, user_id: i64) -> QueryResult<Vec<i64>> {
    proposal_follows::table
        .filter(proposal_follows::user_id.eq(user_id))
        .select(proposal_follows::proposal_id)
        .load(conn)
}

/// Records that a round's news was announced; true for the one caller that recorded it.
pub fn announce_once(conn: &mut DbConnection, round_id: i64, event: &str) -> QueryResult<bool> {
    on_each_backend!(conn, |c| diesel::insert_into(round_announcements::table)
        .values((
            round_announcements::round_id.eq(round_id),
            round_announcements::event.eq(event),
        ))
        .on_conflict_do_nothing()
        .execute(c))
    .map(|n| n == 1)
}
