use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::proposals;
use crate::db::DbConnection;

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = proposals)]
pub struct ProposalRow {
    pub id: i64,
    pub round_id: i64,
    pub district_id: Option<i64>,
    pub author_id: Option<i64>,
    pub title: String,
    pub description: String,
    pub category: Option<String>,
    pub location: Option<String>,
    pub estimated_cost: i64,
    pub validated_cost: Option<i64>,
    pub status: String,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Insertable, Clone, Debug)]
#[diesel(table_name = proposals)]
pub struct NewProposal<'a> {
    pub round_id: i64,
    pub district_id: Option<i64>,
    pub author_id: Option<i64>,
    pub title: &'a str,
    pub description: &'a str,
    pub category: Option<&'a str>,
    pub location: Option<&'a str>,
    pub estimated_cost: i64,
    pub validated_cost: Option<i64>,
    pub status: &'a str,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, new: &NewProposal<'_>) -> QueryResult<i64> {
    diesel::insert_into(proposals::table)
        .values(new)
        .returning(proposals::id)
        .get_result(conn)
}

pub fn of_round(conn: &mut DbConnection, round_id: i64) -> QueryResult<Vec<ProposalRow>> {
    proposals::table
        .filter(proposals::round_id.eq(round_id))
        .order(proposals::id)
        .select(ProposalRow::as_select())
        .load(conn)
}

pub fn by_author(conn: &mut DbConnection, author_id: i64) -> QueryResult<Vec<ProposalRow>> {
    proposals::table
        .filter(proposals::author_id.eq(author_id))
        .order(proposals::id)
        .select(ProposalRow::as_select())
        .load(conn)
}
