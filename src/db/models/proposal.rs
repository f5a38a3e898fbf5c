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

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<ProposalRow>> {
    proposals::table
        .find(id)
        .select(ProposalRow::as_select())
        .first(conn)
        .optional()
}

/// Proposals of an author in a round that still count toward the limit (not withdrawn).
pub fn active_count_by_author(
    conn: &mut DbConnection,
    round_id: i64,
    author_id: i64,
) -> QueryResult<i64> {
    proposals::table
        .filter(proposals::round_id.eq(round_id))
        .filter(proposals::author_id.eq(author_id))
        .filter(proposals::status.ne("withdrawn"))
        .count()
        .get_result(conn)
}

#[derive(AsChangeset, Clone, Debug)]
#[diesel(table_name = proposals, treat_none_as_null = true)]
pub struct ProposalText<'a> {
    pub district_id: Option<i64>,
    pub title: &'a str,
    pub description: &'a str,
    pub category: Option<&'a str>,
    pub location: Option<&'a str>,
    pub estimated_cost: i64,
    pub updated_at: NaiveDateTime,
}

pub fn update_text(conn: &mut DbConnection, id: i64, text: &ProposalText<'_>) -> QueryResult<()> {
    diesel::update(proposals::table.find(id))
        .set(text)
        .execute(conn)
        .map(|_| ())
}

pub fn set_status(
    conn: &mut DbConnection,
    id: i64,
    status: &str,
    validated_cost: Option<i64>,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(proposals::table.find(id))
        .set((
            proposals::status.eq(status),
            proposals::validated_cost.eq(validated_cost),
            proposals::updated_at.eq(at),
        ))
        .execute(conn)
        .map(|_| ())
}

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = crate::db::schema::proposal_reviews)]
pub struct ReviewRow {
    pub id: i64,
    pub proposal_id: i64,
    pub at: NaiveDateTime,
    pub reviewer_id: Option<i64>,
    pub decision: String,
    pub validated_cost: Option<i64>,
    pub reason: String,
}

pub fn add_review(
    conn: &mut DbConnection,
    proposal_id: i64,
    at: NaiveDateTime,
    reviewer_id: i64,
    decision: &str,
    validated_cost: Option<i64>,
    reason: &str,
) -> QueryResult<()> {
    use crate::db::schema::proposal_reviews as r;
    diesel::insert_into(r::table)
        .values((
            r::proposal_id.eq(proposal_id),
            r::at.eq(at),
            r::reviewer_id.eq(reviewer_id),
            r::decision.eq(decision),
            r::validated_cost.eq(validated_cost),
            r::reason.eq(reason),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn reviews_of(conn: &mut DbConnection, proposal_id: i64) -> QueryResult<Vec<ReviewRow>> {
    use crate::db::schema::proposal_reviews as r;
    r::table
        .filter(r::proposal_id.eq(proposal_id))
        .order(r::id)
        .select(ReviewRow::as_select())
        .load(conn)
}

/// Remembers the Pabulib id a project had in the file its round was imported from.
pub fn set_external_id(
    conn: &mut DbConnection,
    proposal_id: i64,
    external_id: &str,
) -> QueryResult<()> {
    use crate::db::schema::imported_projects;
    diesel::insert_into(imported_projects::table)
        .values((
            imported_projects::proposal_id.eq(proposal_id),
            imported_projects::external_id.eq(external_id),
        ))
        .execute(conn)
        .map(|_| ())
}

/// proposal id → Pabulib id, for the projects of an imported round.
pub fn external_ids_of_round(
    conn: &mut DbConnection,
    round_id: i64,
) -> QueryResult<std::collections::HashMap<i64, String>> {
    use crate::db::schema::imported_projects;
    imported_projects::table
        .inner_join(proposals::table)
        .filter(proposals::round_id.eq(round_id))
        .select((
            imported_projects::proposal_id,
            imported_projects::external_id,
        ))
        .load::<(i64, String)>(conn)
        .map(|rows| rows.into_iter().collect())
}

/// (the proposal's district, the author's gender, the author's birth year).
pub type AuthorProfile = (Option<i64>, Option<String>, Option<i32>);

/// Each proposal of a round (withdrawn ones included) with its author's profile. For
/// statistics only.
pub fn author_profiles(conn: &mut DbConnection, round_id: i64) -> QueryResult<Vec<AuthorProfile>> {
    use crate::db::schema::users;
    proposals::table
        .left_join(users::table.on(proposals::author_id.eq(users::id.nullable())))
        .filter(proposals::round_id.eq(round_id))
        .select((
            proposals::district_id,
            users::gender.nullable(),
            users::birth_year.nullable(),
        ))
        .load(conn)
}
