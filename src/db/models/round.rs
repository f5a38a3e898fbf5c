use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::rounds;
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

pub fn insert(conn: &mut DbConnection, new: &NewRound<'_>) -> QueryResult<i64> {
    diesel::insert_into(rounds::table)
        .values(new)
        .returning(rounds::id)
        .get_result(conn)
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
