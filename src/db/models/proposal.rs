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
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
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

/// Where a proposal would be, or nowhere.
pub fn set_point(conn: &mut DbConnection, id: i64, point: Option<(f64, f64)>) -> QueryResult<()> {
    diesel::update(proposals::table.find(id))
        .set((
            proposals::latitude.eq(point.map(|p| p.0)),
            proposals::longitude.eq(point.map(|p| p.1)),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn of_round(conn: &mut DbConnection, round_id: i64) -> QueryResult<Vec<ProposalRow>> {
    proposals::table
        .filter(proposals::round_id.eq(round_id))
        .order(proposals::id)
        .select(ProposalRow::as_select())
        .load(conn)
}

/// A round's proposals in one status (the index on round and status serves it).
pub fn of_round_with_status(
    conn: &mut DbConnection,
    round_id: i64,
    status: &str,
) -> QueryResult<Vec<ProposalRow>> {
    proposals::table
        .filter(proposals::round_id.eq(round_id))
        .filter(proposals::status.eq(status))
        .order(proposals::id)
        .select(ProposalRow::as_select())
        .load(conn)
}

/// How many proposals of a round its public list shows: all but those moderators hid and
/// duplicates merged into another (the same exclusions as `search`).
pub fn count_listed(conn: &mut DbConnection, round_id: i64) -> QueryResult<i64> {
    use crate::db::schema::{proposal_merges, proposal_moderation};
    let hidden = proposal_moderation::table
        .filter(proposal_moderation::hidden.eq(1))
        .select(proposal_moderation::proposal_id);
    let merged = proposal_merges::table.select(proposal_merges::from_id);
    proposals::table
        .filter(proposals::round_id.eq(round_id))
        .filter(proposals::id.ne_all(hidden))
        .filter(proposals::id.ne_all(merged))
        .count()
        .get_result(conn)
}

/// The titles of some of a round's proposals, by id.
pub fn titles(
    conn: &mut DbConnection,
    round_id: i64,
    ids: &[i64],
) -> QueryResult<Vec<(i64, String)>> {
    let mut titles = Vec::with_capacity(ids.len());
    // Bounded so that neither backend meets its limit of bound parameters.
    for chunk in ids.chunks(10_000) {
        titles.extend(
            proposals::table
                .filter(proposals::round_id.eq(round_id))
                .filter(proposals::id.eq_any(chunk))
                .select((proposals::id, proposals::title))
                .load::<(i64, String)>(conn)?,
        );
    }
    Ok(titles)
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

/// Which proposals a list shows; every field is optional but the round.
#[derive(Clone, Debug, Default)]
pub struct Search {
    pub round_id: i64,
    /// Words to find in the title, description or location (each as a prefix, all required).
    pub words: Vec<String>,
    pub district: DistrictFilter,
    pub status: Option<String>,
    pub category: Option<String>,
    /// Cost on the ballot (validated, else estimated), inclusive bounds in cents.
    pub min_cost: Option<i64>,
    pub max_cost: Option<i64>,
    pub sort: SearchSort,
    pub limit: i64,
    pub offset: i64,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DistrictFilter {
    #[default]
    Any,
    CityWide,
    District(i64),
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SearchSort {
    #[default]
    Newest,
    Oldest,
    CostLow,
    CostHigh,
    Title,
}

#[derive(QueryableByName)]
struct Hit {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    id: i64,
}

#[derive(QueryableByName)]
struct Total {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    total: i64,
}

/// One page of a round's proposals matching `search`, and how many match in all; proposals
/// hidden by moderators are left out (their text must not be found by searching), and so are
/// duplicates merged into another. Full-text
/// search is FTS5 on SQLite and a GIN expression index on PostgreSQL; the words come from
/// `search_words`, letters and digits only, and are passed as bound parameters. The queries
/// name only the filters in use (every value is bound whether used or not), so the page in the
/// default order is read from the index on (round, created_at) and the count from the one on
/// (round, status), instead of sorting every proposal of the round.
pub fn search(conn: &mut DbConnection, search: &Search) -> QueryResult<(Vec<ProposalRow>, i64)> {
    let order = match search.sort {
        SearchSort::Newest => "p.created_at DESC, p.id DESC",
        SearchSort::Oldest => "p.created_at ASC, p.id ASC",
        SearchSort::CostLow => "coalesce(p.validated_cost, p.estimated_cost) ASC, p.id DESC",
        SearchSort::CostHigh => "coalesce(p.validated_cost, p.estimated_cost) DESC, p.id DESC",
        SearchSort::Title => "lower(p.title) ASC, p.id DESC",
    };
    let sqlite = matches!(conn, DbConnection::Sqlite(_));
    let text_match = if sqlite {
        search
            .words
            .iter()
            .map(|w| format!("\"{w}\"*"))
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        search
            .words
            .iter()
            .map(|w| format!("{w}:*"))
            .collect::<Vec<_>>()
            .join(" & ")
    };
    let mut filters = vec!["p.round_id = $1"];
    match search.district {
        DistrictFilter::Any => {}
        DistrictFilter::CityWide => filters.push("p.district_id IS NULL"),
        DistrictFilter::District(_) => filters.push("p.district_id = $2"),
    }
    if search.status.is_some() {
        filters.push("p.status = $3");
    }
    if search.category.is_some() {
        filters.push("p.category = $4");
    }
    if search.min_cost.is_some() || search.max_cost.is_some() {
        filters.push("coalesce(p.validated_cost, p.estimated_cost) BETWEEN $5 AND $6");
    }
    if !search.words.is_empty() {
        filters.push(match sqlite {
            true => "p.id IN (SELECT rowid FROM proposals_fts WHERE proposals_fts MATCH $7)",
            false => {
                "to_tsvector('simple', p.title || ' ' || p.description || ' ' || \
                 coalesce(p.location, '')) @@ to_tsquery('simple', $7)"
            }
        });
    }
    filters.push("p.id NOT IN (SELECT proposal_id FROM proposal_moderation WHERE hidden = 1)");
    filters.push("p.id NOT IN (SELECT from_id FROM proposal_merges)");
    let matching = filters.join(" AND ");
    // SQLite spells numbered parameters ?N; PostgreSQL $N.
    let spelled = |sql: String| if sqlite { sql.replace('$', "?") } else { sql };
    let bound = |sql: String| {
        use diesel::sql_types::{BigInt, Text};
        let district = match search.district {
            DistrictFilter::District(id) => id,
            _ => 0,
        };
        diesel::sql_query(sql)
            .bind::<BigInt, _>(search.round_id)
            .bind::<BigInt, _>(district)
            .bind::<Text, _>(search.status.clone().unwrap_or_default())
            .bind::<Text, _>(search.category.clone().unwrap_or_default())
            .bind::<BigInt, _>(search.min_cost.unwrap_or(0))
            .bind::<BigInt, _>(search.max_cost.unwrap_or(i64::MAX))
            .bind::<Text, _>(text_match.clone())
    };
    // SQLite refuses a bound value past the last one a query names, hence `$7` named here.
    let count = bound(spelled(format!(
        "SELECT COUNT(*) AS total FROM proposals p WHERE {matching} AND $7 IS NOT NULL"
    )));
    let total = crate::on_each_backend!(conn, |c| count.get_result::<Total>(c))?.total;
    let page = bound(spelled(format!(
        "SELECT p.id AS id FROM proposals p WHERE {matching} ORDER BY {order} LIMIT $8 OFFSET $9"
    )))
    .bind::<diesel::sql_types::BigInt, _>(search.limit)
    .bind::<diesel::sql_types::BigInt, _>(search.offset);
    let hits: Vec<Hit> = crate::on_each_backend!(conn, |c| page.load(c))?;
    let ids: Vec<i64> = hits.iter().map(|h| h.id).collect();
    let mut rows: Vec<ProposalRow> = proposals::table
        .filter(proposals::id.eq_any(&ids))
        .select(ProposalRow::as_select())
        .load(conn)?;
    rows.sort_by_key(|r| ids.iter().position(|id| *id == r.id));
    Ok((rows, total))
}

/// The words of a search box as the search takes them: letters and digits only, lower case,
/// at most 8 words of at most 40 characters.
pub fn search_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .map(|w| w.chars().take(40).collect::<String>().to_lowercase())
        .collect()
}
