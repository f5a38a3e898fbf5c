//! Census entries, voting codes and voter checks: the evidence behind eligibility.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{census_entries, voter_checks, voting_codes};
use crate::db::DbConnection;
use crate::on_each_backend;

/// Rows per INSERT statement when loading a census: well under SQLite's variable limit.
const CENSUS_CHUNK: usize = 1000;

pub fn census_hashes(conn: &mut DbConnection, round_id: i64) -> QueryResult<Vec<String>> {
    census_entries::table
        .filter(census_entries::round_id.eq(round_id))
        .select(census_entries::entry_hash)
        .load(conn)
}

pub fn replace_census(
    conn: &mut DbConnection,
    round_id: i64,
    rows: &[(String, Option<i64>)],
) -> QueryResult<()> {
    diesel::delete(census_entries::table.filter(census_entries::round_id.eq(round_id)))
        .execute(conn)?;
    for chunk in rows.chunks(CENSUS_CHUNK) {
        let values: Vec<_> = chunk
            .iter()
            .map(|(hash, district)| {
                (
                    census_entries::round_id.eq(round_id),
                    census_entries::entry_hash.eq(hash.as_str()),
                    census_entries::district_id.eq(*district),
                )
            })
            .collect();
        // Multi-row inserts are spelled per backend; one statement per chunk keeps a 100k-row
        // census to a hundred round trips.
        on_each_backend!(conn, |c| diesel::insert_into(census_entries::table)
            .values(&values)
            .execute(c))?;
    }
    Ok(())
}

/// The census entry matching a hash: (id, district).
pub fn find_census(
    conn: &mut DbConnection,
    round_id: i64,
    hash: &str,
) -> QueryResult<Option<(i64, Option<i64>)>> {
    census_entries::table
        .filter(census_entries::round_id.eq(round_id))
        .filter(census_entries::entry_hash.eq(hash))
        .select((census_entries::id, census_entries::district_id))
        .first(conn)
        .optional()
}

pub fn insert_codes(
    conn: &mut DbConnection,
    round_id: i64,
    hashes: &[String],
    district_id: Option<i64>,
    now: NaiveDateTime,
) -> QueryResult<()> {
    for chunk in hashes.chunks(CENSUS_CHUNK) {
        let values: Vec<_> = chunk
            .iter()
            .map(|hash| {
                (
                    voting_codes::round_id.eq(round_id),
                    voting_codes::code_hash.eq(hash.as_str()),
                    voting_codes::district_id.eq(district_id),
                    voting_codes::created_at.eq(now),
                )
            })
            .collect();
        on_each_backend!(conn, |c| diesel::insert_into(voting_codes::table)
            .values(&values)
            .execute(c))?;
    }
    Ok(())
}

/// Marks an unused code as used in one statement; true only for the one caller that won.
pub fn redeem_code(
    conn: &mut DbConnection,
    round_id: i64,
    hash: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let updated = diesel::update(
        voting_codes::table
            .filter(voting_codes::round_id.eq(round_id))
            .filter(voting_codes::code_hash.eq(hash))
            .filter(voting_codes::used_at.is_null()),
    )
    .set(voting_codes::used_at.eq(now))
    .execute(conn)?;
    Ok(updated == 1)
}

/// Marks every still-unused code of `hashes` as used, in one statement; returns the hashes it
/// marked (a code already used, or unknown, is not among them).
pub fn redeem_codes(
    conn: &mut DbConnection,
    round_id: i64,
    hashes: &[&str],
    now: NaiveDateTime,
) -> QueryResult<Vec<String>> {
    diesel::update(
        voting_codes::table
            .filter(voting_codes::round_id.eq(round_id))
            .filter(voting_codes::code_hash.eq_any(hashes))
            .filter(voting_codes::used_at.is_null()),
    )
    .set(voting_codes::used_at.eq(now))
    .returning(voting_codes::code_hash)
    .get_results(conn)
}

/// (district, used) of a code.
pub fn find_code(
    conn: &mut DbConnection,
    round_id: i64,
    hash: &str,
) -> QueryResult<Option<(Option<i64>, bool)>> {
    voting_codes::table
        .filter(voting_codes::round_id.eq(round_id))
        .filter(voting_codes::code_hash.eq(hash))
        .select((
            voting_codes::district_id,
            voting_codes::used_at.is_not_null(),
        ))
        .first(conn)
        .optional()
}

/// (issued, used)
pub fn code_counts(conn: &mut DbConnection, round_id: i64) -> QueryResult<(i64, i64)> {
    let issued = voting_codes::table
        .filter(voting_codes::round_id.eq(round_id))
        .count()
        .get_result(conn)?;
    let used = voting_codes::table
        .filter(voting_codes::round_id.eq(round_id))
        .filter(voting_codes::used_at.is_not_null())
        .count()
        .get_result(conn)?;
    Ok((issued, used))
}

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = voter_checks)]
pub struct VoterCheckRow {
    pub id: i64,
    pub round_id: i64,
    pub user_id: i64,
    pub kind: String,
    pub district_id: Option<i64>,
    pub checked_by: Option<i64>,
    pub census_hash: Option<String>,
    pub at: NaiveDateTime,
}

pub fn checks_of(
    conn: &mut DbConnection,
    round_id: i64,
    user_id: i64,
) -> QueryResult<Vec<VoterCheckRow>> {
    voter_checks::table
        .filter(voter_checks::round_id.eq(round_id))
        .filter(voter_checks::user_id.eq(user_id))
        .select(VoterCheckRow::as_select())
        .load(conn)
}

/// Evidence that a person may vote in a round.
pub struct NewCheck<'a> {
    pub round_id: i64,
    pub user_id: i64,
    pub kind: &'a str,
    pub district_id: Option<i64>,
    pub checked_by: Option<i64>,
    pub census_hash: Option<&'a str>,
    pub at: NaiveDateTime,
}

/// Records a check (replacing one of the same kind); a census hash already vouching for
/// another account is a unique violation.
pub fn add_check(conn: &mut DbConnection, check: &NewCheck<'_>) -> QueryResult<()> {
    let row = (
        voter_checks::census_hash.eq(check.census_hash),
        voter_checks::round_id.eq(check.round_id),
        voter_checks::user_id.eq(check.user_id),
        voter_checks::kind.eq(check.kind),
        voter_checks::district_id.eq(check.district_id),
        voter_checks::checked_by.eq(check.checked_by),
        voter_checks::at.eq(check.at),
    );
    on_each_backend!(conn, |c| diesel::insert_into(voter_checks::table)
        .values(row)
        .on_conflict((
            voter_checks::round_id,
            voter_checks::user_id,
            voter_checks::kind
        ))
        .do_update()
        .set((
            voter_checks::district_id.eq(check.district_id),
            voter_checks::checked_by.eq(check.checked_by),
            voter_checks::at.eq(check.at),
        ))
        .execute(c))
    .map(|_| ())
}

/// People on a round's census list (0 when it has none).
pub fn census_size(conn: &mut DbConnection, round_id: i64) -> QueryResult<i64> {
    census_entries::table
        .filter(census_entries::round_id.eq(round_id))
        .count()
        .get_result(conn)
}
