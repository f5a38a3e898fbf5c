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

/// A code to store: only its hash, its district, and the census entry it is bound to.
pub struct NewCode {
    pub code_hash: String,
    pub district_id: Option<i64>,
    pub census_hash: Option<String>,
}

/// Stores codes with random ids, so their order says nothing about the mailing list's.
pub fn insert_codes(
    conn: &mut DbConnection,
    round_id: i64,
    codes: &[NewCode],
    now: NaiveDateTime,
) -> QueryResult<()> {
    for chunk in codes.chunks(CENSUS_CHUNK) {
        let values: Vec<_> = chunk
            .iter()
            .map(|code| {
                (
                    voting_codes::id.eq(super::ballot::random_id()),
                    voting_codes::round_id.eq(round_id),
                    voting_codes::code_hash.eq(code.code_hash.as_str()),
                    voting_codes::district_id.eq(code.district_id),
                    voting_codes::census_hash.eq(code.census_hash.as_deref()),
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

/// A voting code's row as a ballot needs it: (code hash, district, bound census entry).
pub type CodeRow = (String, Option<i64>, Option<String>);

/// The row of each of these codes of a round that exists.
/// On PostgreSQL in one statement (`= ANY`, kept prepared): the ballots of residents voting at
/// the same moment look their codes up together instead of a round trip each. The statement
/// names only the hashes, so that its plan is always the unique index on them (a kept plan
/// that also weighed the round's index once scanned every code of the round); the round is
/// compared here. SQLite runs in-process, where one cached statement per code costs less than
/// preparing a list of them.
pub fn find_codes(
    conn: &mut DbConnection,
    round_id: i64,
    hashes: &[String],
) -> QueryResult<Vec<CodeRow>> {
    let columns = (
        voting_codes::round_id,
        voting_codes::code_hash,
        voting_codes::district_id,
        voting_codes::census_hash,
    );
    type Found = (i64, String, Option<i64>, Option<String>);
    let found: Vec<Found> = match conn {
        DbConnection::Postgres(c) => voting_codes::table
            .filter(voting_codes::code_hash.eq_any(hashes))
            .select(columns)
            .load(c)?,
        DbConnection::Sqlite(c) => {
            let mut found = Vec::with_capacity(hashes.len());
            for hash in hashes {
                found.extend(
                    voting_codes::table
                        .filter(voting_codes::code_hash.eq(hash))
                        .select(columns)
                        .first::<Found>(c)
                        .optional()?,
                );
            }
            found
        }
    };
    Ok(found
        .into_iter()
        .filter(|(round, ..)| *round == round_id)
        .map(|(_, hash, district, census)| (hash, district, census))
        .collect())
}

/// (issued, ballots cast with a code)
pub fn code_counts(conn: &mut DbConnection, round_id: i64) -> QueryResult<(i64, i64)> {
    use crate::db::schema::participations;
    let issued = voting_codes::table
        .filter(voting_codes::round_id.eq(round_id))
        .count()
        .get_result(conn)?;
    let used = participations::table
        .filter(participations::round_id.eq(round_id))
        .filter(participations::channel.eq("code"))
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
    pub document_hash: Option<String>,
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
    pub document_hash: Option<&'a str>,
    pub at: NaiveDateTime,
}

/// Records a check (replacing one of the same kind, whose census entry or document stays); a
/// census entry or document already vouching for another account is a unique violation.
/// Ids are random, so their order is not the order in which people were checked.
pub fn add_check(conn: &mut DbConnection, check: &NewCheck<'_>) -> QueryResult<()> {
    let row = (
        voter_checks::id.eq(super::ballot::random_id()),
        voter_checks::census_hash.eq(check.census_hash),
        voter_checks::document_hash.eq(check.document_hash),
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

/// Every check of a round.
pub fn all_checks_of_round(
    conn: &mut DbConnection,
    round_id: i64,
) -> QueryResult<Vec<VoterCheckRow>> {
    voter_checks::table
        .filter(voter_checks::round_id.eq(round_id))
        .select(VoterCheckRow::as_select())
        .load(conn)
}

/// Replaces a round's checks with `rows`, written in this order with fresh random ids.
pub fn rewrite_checks(
    conn: &mut DbConnection,
    round_id: i64,
    rows: &[VoterCheckRow],
) -> QueryResult<()> {
    diesel::delete(voter_checks::table.filter(voter_checks::round_id.eq(round_id)))
        .execute(conn)?;
    for row in rows {
        diesel::insert_into(voter_checks::table)
            .values((
                voter_checks::id.eq(super::ballot::random_id()),
                voter_checks::round_id.eq(round_id),
                voter_checks::user_id.eq(row.user_id),
                voter_checks::kind.eq(&row.kind),
                voter_checks::district_id.eq(row.district_id),
                voter_checks::checked_by.eq(row.checked_by),
                voter_checks::census_hash.eq(&row.census_hash),
                voter_checks::at.eq(row.at),
                voter_checks::document_hash.eq(&row.document_hash),
            ))
            .execute(conn)?;
    }
    Ok(())
}
