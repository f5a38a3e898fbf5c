use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{open_boards, rounds};
use crate::db::DbConnection;

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = rounds)]
pub struct RoundRow {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub description: String,
    pub currency: String,
    pub total_budget: i64,
    pub citywide_budget: Option<i64>,
    pub ballot_type: String,
    pub min_choices: i32,
    pub max_choices: Option<i32>,
    pub points_total: Option<i32>,
    pub points_per_project: Option<i32>,
    pub rule: String,
    pub tie_break: String,
    pub time_zone: String,
    pub proposals_open_at: NaiveDateTime,
    pub review_at: NaiveDateTime,
    pub voting_open_at: NaiveDateTime,
    pub voting_close_at: NaiveDateTime,
    pub results_published_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    /// JSON array of category names.
    pub categories: String,
    pub min_age: Option<i32>,
    /// `YYYY-MM-DD`; the voting opening day when unset.
    pub age_reference_date: Option<String>,
    pub residence: String,
    pub requires_census: i32,
    pub requires_manual_check: i32,
    pub voting_codes: i32,
    pub census_salt: String,
    /// `final`, or `last-counts` (a voter may replace their ballot until voting closes).
    pub revote_policy: String,
    /// 0 when the round is voted with voting codes only.
    pub account_voting: i32,
    /// 1 when an account must have a verified address to vote.
    pub requires_verified_email: i32,
}

#[derive(Insertable, Clone, Debug)]
#[diesel(table_name = rounds)]
pub struct NewRound<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub currency: &'a str,
    pub total_budget: i64,
    pub citywide_budget: Option<i64>,
    pub ballot_type: &'a str,
    pub min_choices: i32,
    pub max_choices: Option<i32>,
    pub points_total: Option<i32>,
    pub points_per_project: Option<i32>,
    pub rule: &'a str,
    pub tie_break: &'a str,
    pub time_zone: &'a str,
    pub proposals_open_at: NaiveDateTime,
    pub review_at: NaiveDateTime,
    pub voting_open_at: NaiveDateTime,
    pub voting_close_at: NaiveDateTime,
    pub results_published_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
}

/// Inserts the round with its board open (see `close_board`); call it in a transaction.
pub fn insert(conn: &mut DbConnection, new: &NewRound<'_>) -> QueryResult<i64> {
    let id = diesel::insert_into(rounds::table)
        .values(new)
        .returning(rounds::id)
        .get_result(conn)?;
    diesel::insert_into(open_boards::table)
        .values(open_boards::round_id.eq(id))
        .execute(conn)?;
    Ok(id)
}

/// Newest voting first: what a visitor most likely came for.
pub fn all(conn: &mut DbConnection) -> QueryResult<Vec<RoundRow>> {
    rounds::table
        .order((rounds::voting_close_at.desc(), rounds::id.desc()))
        .select(RoundRow::as_select())
        .load(conn)
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<RoundRow> {
    rounds::table
        .find(id)
        .select(RoundRow::as_select())
        .first(conn)
}

pub fn count(conn: &mut DbConnection) -> QueryResult<i64> {
    rounds::table.count().get_result(conn)
}

/// The settings a council edits, written in one statement.
#[derive(AsChangeset, Clone, Debug)]
#[diesel(table_name = rounds, treat_none_as_null = true)]
pub struct RoundSettings {
    pub title: String,
    pub description: String,
    pub currency: String,
    pub total_budget: i64,
    pub citywide_budget: Option<i64>,
    pub ballot_type: String,
    pub min_choices: i32,
    pub max_choices: Option<i32>,
    pub points_total: Option<i32>,
    pub points_per_project: Option<i32>,
    pub rule: String,
    pub tie_break: String,
    pub time_zone: String,
    pub proposals_open_at: NaiveDateTime,
    pub review_at: NaiveDateTime,
    pub voting_open_at: NaiveDateTime,
    pub voting_close_at: NaiveDateTime,
    pub categories: String,
    pub min_age: Option<i32>,
    pub age_reference_date: Option<String>,
    pub residence: String,
    pub requires_census: i32,
    pub requires_manual_check: i32,
    pub voting_codes: i32,
    pub revote_policy: String,
    pub account_voting: i32,
    pub requires_verified_email: i32,
}

pub fn update_settings(
    conn: &mut DbConnection,
    id: i64,
    settings: &RoundSettings,
) -> QueryResult<()> {
    diesel::update(rounds::table.find(id))
        .set(settings)
        .execute(conn)
        .map(|_| ())
}

pub fn set_times(
    conn: &mut DbConnection,
    id: i64,
    column: TimeColumn,
    at: Option<NaiveDateTime>,
) -> QueryResult<()> {
    let target = rounds::table.find(id);
    match (column, at) {
        (TimeColumn::ProposalsOpen, Some(at)) => diesel::update(target)
            .set(rounds::proposals_open_at.eq(at))
            .execute(conn),
        (TimeColumn::Review, Some(at)) => diesel::update(target)
            .set(rounds::review_at.eq(at))
            .execute(conn),
        (TimeColumn::VotingOpen, Some(at)) => diesel::update(target)
            .set(rounds::voting_open_at.eq(at))
            .execute(conn),
        (TimeColumn::VotingClose, Some(at)) => diesel::update(target)
            .set(rounds::voting_close_at.eq(at))
            .execute(conn),
        (TimeColumn::ResultsPublished, at) => diesel::update(target)
            .set(rounds::results_published_at.eq(at))
            .execute(conn),
        (_, None) => Ok(0),
    }
    .map(|_| ())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeColumn {
    ProposalsOpen,
    Review,
    VotingOpen,
    VotingClose,
    ResultsPublished,
}

pub fn set_census_salt(conn: &mut DbConnection, id: i64, salt: &str) -> QueryResult<()> {
    diesel::update(rounds::table.find(id))
        .set(rounds::census_salt.eq(salt))
        .execute(conn)
        .map(|_| ())
}

/// Closes the round's board (in the count's transaction): `ballot::append_fresh` writes only
/// to a board with its row in `open_boards`, and a statement of it that waited for the count's
/// lock finds the row gone.
pub fn close_board(conn: &mut DbConnection, id: i64) -> QueryResult<()> {
    diesel::delete(open_boards::table.find(id))
        .execute(conn)
        .map(|_| ())
}

/// Reads the round and takes its row lock for the rest of the transaction, so ballots of one
/// round are appended to its chain one at a time and a phase change (an update of the row)
/// waits for ballots in flight. The lock is PostgreSQL's `FOR NO KEY UPDATE`, not `FOR
/// UPDATE`: rows that refer to the round (the board's tree nodes, voting codes) check their
/// foreign key with a key-share lock, which `FOR UPDATE` would make wait for every ballot
/// batch, and the batch in turn for them. SQLite's BEGIN IMMEDIATE already serialises writers.
pub fn find_for_update(conn: &mut DbConnection, id: i64) -> QueryResult<RoundRow> {
    match conn {
        DbConnection::Postgres(pg) => rounds::table
            .find(id)
            .select(RoundRow::as_select())
            .for_no_key_update()
            .first(pg),
        DbConnection::Sqlite(_) => find(conn, id),
    }
}
