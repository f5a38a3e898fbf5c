use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{project_progress, proposals};
use crate::db::DbConnection;

/// One step in carrying out a funded project. Public, except who recorded it.
#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = project_progress)]
pub struct ProgressRow {
    pub id: i64,
    pub proposal_id: i64,
    pub status: String,
    pub percent: i32,
    pub note: String,
    /// The day it happened (YYYY-MM-DD), which may be before it was recorded.
    pub on_date: String,
    pub recorded_at: NaiveDateTime,
    pub recorded_by: Option<i64>,
}

#[derive(Insertable, Clone, Debug)]
#[diesel(table_name = project_progress)]
pub struct NewProgress<'a> {
    pub proposal_id: i64,
    pub status: &'a str,
    pub percent: i32,
    pub note: &'a str,
    pub on_date: &'a str,
    pub recorded_at: NaiveDateTime,
    pub recorded_by: Option<i64>,
}

pub fn insert(conn: &mut DbConnection, new: &NewProgress<'_>) -> QueryResult<()> {
    diesel::insert_into(project_progress::table)
        .values(new)
        .execute(conn)
        .map(|_| ())
}

/// Every step of one project, oldest first.
pub fn of_proposal(conn: &mut DbConnection, proposal_id: i64) -> QueryResult<Vec<ProgressRow>> {
    project_progress::table
        .filter(project_progress::proposal_id.eq(proposal_id))
        .order((project_progress::on_date, project_progress::id))
        .select(ProgressRow::as_select())
        .load(conn)
}

/// Every step of every project of a round, oldest first.
pub fn of_round(conn: &mut DbConnection, round_id: i64) -> QueryResult<Vec<ProgressRow>> {
    project_progress::table
        .inner_join(proposals::table)
        .filter(proposals::round_id.eq(round_id))
        .order((project_progress::on_date, project_progress::id))
        .select(ProgressRow::as_select())
        .load(conn)
}
