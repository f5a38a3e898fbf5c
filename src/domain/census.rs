//! The census list of a round: who may vote, kept only as keyed hashes of (document number,
//! year of birth). The key is derived from the installation's secret, which is not in the
//! database, so a copy of the database cannot be searched for a person by trying every
//! document number (a plain hash of a short number can be reversed in minutes).

use chrono::NaiveDateTime;
use rand::RngCore;
use sha2::{Digest, Sha256};

use super::people::Account;
use super::rounds::Phase;
use crate::auth::derived_mac;
use crate::db::models::eligibility::{self as evidence, NewCheck};
use crate::db::models::round;
use crate::db::models::{ballot, district, round_change};
use crate::db::{write_transaction, DbConnection};
use crate::domain::ids::RoundId;
use crate::domain::status::RevotePolicy;
use crate::error::{AppError, AppResult};
use crate::i18n::Message;

/// Salts of lists hashed with the installation's key start with this; older lists were hashed
/// with SHA-256 and their salt alone.
const KEYED: &str = "v2:";

pub fn normalize_document(raw: &str) -> String {
    raw.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// The stored form of one person on a round's list.
pub fn census_hash(secret: &[u8], salt: &str, document: &str, birth_year: i32) -> String {
    let message = format!("{salt}\n{}\n{birth_year}", normalize_document(document));
    if salt.starts_with(KEYED) {
        hex::encode(derived_mac(
            secret,
            "budgetbox/census/v2",
            message.as_bytes(),
        ))
    } else {
        hex::encode(Sha256::digest(
            format!("budgetbox/census/v1\n{message}").as_bytes(),
        ))
    }
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct CensusImport {
    pub rows: usize,
    pub added: usize,
    pub removed: usize,
    pub unchanged: usize,
}

/// One person of a census file: the hash that finds them, their district, and the row as
/// read (for a mailing list).
pub struct CensusRow {
    pub hash: String,
    pub district_id: Option<i64>,
    pub fields: Vec<String>,
}

/// A census file read against a round: its header and its people, or the first bad line.
pub struct CensusFile {
    pub headers: Vec<String>,
    pub rows: Vec<CensusRow>,
}

/// Reads `document_number,birth_year[,district][,…]` CSV text (with a header; other columns
/// are kept as read) and hashes each person with `salt`. All or nothing: any bad row refuses
/// the whole file, naming its line.
pub fn read_census_file(
    conn: &mut DbConnection,
    secret: &[u8],
    salt: &str,
    csv_text: &str,
) -> AppResult<CensusFile> {
    let districts = district::all(conn)?;
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(csv_text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| AppError::Unprocessable(format!("line 1: {e}").into()))?
        .clone();
    let col = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let (Some(doc_col), Some(year_col)) = (col("document_number"), col("birth_year")) else {
        return Err(AppError::Unprocessable(Message::new(
            "messages-eligibility-line-1-header-must",
        )));
    };
    let district_col = col("district");
    let mut rows = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        let bad = |what: String| AppError::Unprocessable(format!("line {line}: {what}").into());
        let record = record.map_err(|e| bad(e.to_string()))?;
        let document = normalize_document(record.get(doc_col).unwrap_or(""));
        if document.len() < 4 || document.len() > 40 {
            return Err(bad(
                "the document number must have 4 to 40 letters or digits".into(),
            ));
        }
        let year_text = record.get(year_col).unwrap_or("");
        let year: i32 = year_text
            .parse()
            .ok()
            .filter(|y| (1880..=2100).contains(y))
            .ok_or_else(|| bad(format!("`{year_text}` is not a year of birth")))?;
        let district_id = match district_col
            .and_then(|c| record.get(c))
            .filter(|d| !d.is_empty())
        {
            None => None,
            Some(name) => Some(
                districts
                    .iter()
                    .find(|d| {
                        d.slug.eq_ignore_ascii_case(name) || d.name.eq_ignore_ascii_case(name)
                    })
                    .map(|d| d.id)
                    .ok_or_else(|| bad(format!("there is no district `{name}`")))?,
            ),
        };
        let hash = census_hash(secret, salt, &document, year);
        if !seen.insert(hash.clone()) {
            return Err(bad(
                "this person is already listed on an earlier line".into()
            ));
        }
        rows.push(CensusRow {
            hash,
            district_id,
            fields: record.iter().map(str::to_string).collect(),
        });
    }
    Ok(CensusFile {
        headers: headers.iter().map(str::to_string).collect(),
        rows,
    })
}

/// Replaces the round's census from CSV text (see `read_census_file`).
pub fn import_census(
    conn: &mut DbConnection,
    secret: &[u8],
    actor_id: Option<i64>,
    round_id: RoundId,
    csv_text: &str,
    now: NaiveDateTime,
) -> AppResult<CensusImport> {
    let round_id = round_id.0;
    let row = crate::domain::rounds::find(conn, RoundId(round_id))?;
    if Phase::of(&row, now) >= Phase::Voting {
        return Err(AppError::Conflict(Message::new(
            super::round_config::FROZEN,
        )));
    }
    let salt = if row.census_salt.starts_with(KEYED) {
        row.census_salt.clone()
    } else {
        let mut bytes = [0u8; 16];
        rand::rng().fill_bytes(&mut bytes);
        format!("{KEYED}{}", hex::encode(bytes))
    };
    let file = read_census_file(conn, secret, &salt, csv_text)?;
    let rows: Vec<(String, Option<i64>)> = file
        .rows
        .into_iter()
        .map(|r| (r.hash, r.district_id))
        .collect();
    write_transaction(conn, |conn| {
        let before: std::collections::HashSet<String> = evidence::census_hashes(conn, round_id)?
            .into_iter()
            .collect();
        let kept = rows.iter().filter(|(h, _)| before.contains(h)).count();
        round::set_census_salt(conn, round_id, &salt)?;
        evidence::replace_census(conn, round_id, &rows)?;
        let summary = CensusImport {
            rows: rows.len(),
            added: rows.len() - kept,
            removed: before.len() - kept,
            unchanged: kept,
        };
        round_change::append(
            conn,
            round_id,
            now,
            actor_id,
            &format!(
                "census list replaced: {} people ({} added, {} removed)",
                summary.rows, summary.added, summary.removed
            ),
            "",
        )?;
        Ok(summary)
    })
}

/// The token a census entry gives the ballot of the person it lists (see `ballots`).
pub fn token(entry_hash: &str) -> String {
    format!("census:{entry_hash}")
}

/// Matches an account to the census. One census entry vouches for one account at a time,
/// and an entry whose person has voted stays spent in that round, whatever happens to the
/// account that voted (in a round where the last ballot counts, the person may vote again;
/// the new ballot replaces the old one).
pub fn match_census(
    conn: &mut DbConnection,
    secret: &[u8],
    round_id: RoundId,
    user: &Account,
    document: &str,
    birth_year: i32,
    now: NaiveDateTime,
) -> AppResult<bool> {
    let round_id = round_id.0;
    let row = crate::domain::rounds::find(conn, RoundId(round_id))?;
    if row.census_salt.is_empty() {
        return Ok(false);
    }
    let hash = census_hash(secret, &row.census_salt, document, birth_year);
    let Some((_, district_id)) = evidence::find_census(conn, round_id, &hash)? else {
        return Ok(false);
    };
    if RevotePolicy::of(&row) != RevotePolicy::LastCounts
        && ballot::token_spent(conn, round_id, &token(&hash))?
    {
        return Err(AppError::Conflict(Message::new(
            "messages-eligibility-census-already-voted",
        )));
    }
    let check = NewCheck {
        round_id,
        user_id: user.id,
        kind: "census",
        district_id,
        checked_by: None,
        census_hash: Some(&hash),
        document_hash: None,
        // The day only: the time of a match just before voting would order voters as the
        // board orders their ballots.
        at: super::utc::start_of_day(now),
    };
    match evidence::add_check(conn, &check) {
        Ok(()) => Ok(true),
        Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) => Err(AppError::Conflict(Message::new(
            "messages-eligibility-these-details-already-linked",
        ))),
        Err(e) => Err(e.into()),
    }
}
