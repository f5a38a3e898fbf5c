//! Who may vote in a round, and the evidence for it: age, residence, a census list (kept only
//! as salted hashes), one-time voting codes (kept only as hashes), and checks by a reviewer.
//! Every answer says why, and what to do about it.

use chrono::{Datelike, NaiveDateTime};
use rand::{Rng, RngCore};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::db::models::eligibility::{self as evidence, NewCheck, VoterCheckRow};
use crate::db::models::round::{self, RoundRow};
use crate::db::models::user::UserRow;
use crate::db::models::{district, round_change};
use crate::db::{write_transaction, DbConnection};
use crate::error::{AppError, AppResult};
use crate::i18n::Message;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Requirement {
    pub name: String,
    pub met: bool,
    /// Why it is met or not, in a sentence.
    #[schema(value_type = String)]
    pub explanation: Message,
    /// What to do when it is not met.
    #[schema(value_type = Option<String>)]
    pub next_step: Option<Message>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Eligibility {
    pub eligible: bool,
    /// The district this voter votes in (None: city-wide only, or the round has no districts).
    pub district_id: Option<i64>,
    pub requirements: Vec<Requirement>,
}

fn requirement(
    name: &str,
    met: bool,
    explanation: Message,
    next_step: Option<&'static str>,
) -> Requirement {
    Requirement {
        name: name.into(),
        met,
        explanation,
        next_step: if met {
            None
        } else {
            next_step.map(Message::new)
        },
    }
}

/// The year that counts for the minimum age: the reference date's, or voting day's.
fn reference_year(round: &RoundRow) -> i32 {
    round
        .age_reference_date
        .as_deref()
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .map_or(round.voting_open_at.year(), |d| d.year())
}

/// Evaluates every requirement of the round for one account.
pub fn check(conn: &mut DbConnection, round: &RoundRow, user: &UserRow) -> AppResult<Eligibility> {
    let checks = evidence::checks_of(conn, round.id, user.id)?;
    let kind = |k: &str| checks.iter().find(|c| c.kind == k);
    let round_districts: Vec<i64> = district::of_round(conn, round.id)?
        .iter()
        .map(|d| d.district_id)
        .collect();
    let mut reqs = Vec::new();

    if let Some(min_age) = round.min_age {
        let year = reference_year(round);
        let age = |key| Message::new(key).with("age", min_age).with("year", year);
        reqs.push(match user.birth_year {
            None => requirement(
                "age",
                false,
                age("messages-eligibility-age-unknown"),
                Some("messages-eligibility-age-unknown-step"),
            ),
            Some(born) if year - born >= min_age => {
                requirement("age", true, age("messages-eligibility-age-met"), None)
            }
            Some(_) => requirement(
                "age",
                false,
                age("messages-eligibility-age-not-met"),
                Some("messages-eligibility-age-not-met-step"),
            ),
        });
    }
    if round.requires_census != 0 {
        reqs.push(match kind("census") {
            Some(_) => requirement(
                "census",
                true,
                Message::new("messages-eligibility-census-met"),
                None,
            ),
            None => requirement(
                "census",
                false,
                Message::new("messages-eligibility-census-not-met"),
                Some("messages-eligibility-census-step"),
            ),
        });
    }
    if round.requires_manual_check != 0 {
        reqs.push(match kind("manual") {
            Some(_) => requirement(
                "in-person check",
                true,
                Message::new("messages-eligibility-check-met"),
                None,
            ),
            None => requirement(
                "in-person check",
                false,
                Message::new("messages-eligibility-check-not-met"),
                Some("messages-eligibility-check-step"),
            ),
        });
    }
    // The district: confirmed evidence first, then what the person declared.
    let confirmed = kind("census")
        .or_else(|| kind("manual"))
        .or_else(|| kind("residence"))
        .and_then(|c: &VoterCheckRow| c.district_id);
    let district_id = match round.residence.as_str() {
        "verified" => confirmed,
        "self-declared" => confirmed.or(user.district_id),
        _ => confirmed
            .or(user.district_id)
            .filter(|d| round_districts.contains(d)),
    };
    if round.residence != "none" && !round_districts.is_empty() {
        let ok = district_id.is_some_and(|d| round_districts.contains(&d));
        let (explanation, step) = match (round.residence.as_str(), ok) {
            ("verified", true) => ("messages-eligibility-district-verified", ""),
            ("verified", false) => (
                "messages-eligibility-district-verified-missing",
                "messages-eligibility-district-verified-step",
            ),
            (_, true) => ("messages-eligibility-district-declared", ""),
            (_, false) => (
                "messages-eligibility-district-declared-missing",
                "messages-eligibility-district-declared-step",
            ),
        };
        reqs.push(requirement(
            "district",
            ok,
            Message::new(explanation),
            Some(step),
        ));
    }
    let eligible = reqs.iter().all(|r| r.met);
    Ok(Eligibility {
        eligible,
        district_id: district_id.filter(|d| round_districts.contains(d)),
        requirements: reqs,
    })
}

pub fn normalize_document(raw: &str) -> String {
    raw.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

pub fn census_hash(salt: &str, document: &str, birth_year: i32) -> String {
    hex::encode(Sha256::digest(
        format!(
            "budgetbox/census/v1\n{salt}\n{}\n{birth_year}",
            normalize_document(document)
        )
        .as_bytes(),
    ))
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct CensusImport {
    pub rows: usize,
    pub added: usize,
    pub removed: usize,
    pub unchanged: usize,
}

/// Replaces the round's census from CSV text (`document_number,birth_year[,district]`, with a
/// header). All or nothing: any bad row refuses the whole file, naming its line.
pub fn import_census(
    conn: &mut DbConnection,
    actor_id: Option<i64>,
    round_id: i64,
    csv_text: &str,
    now: NaiveDateTime,
) -> AppResult<CensusImport> {
    let row = crate::domain::rounds::find(conn, round_id)?;
    if super::rounds::Phase::of(&row, now) >= super::rounds::Phase::Voting {
        return Err(AppError::Conflict(Message::new(
            super::round_config::FROZEN,
        )));
    }
    let districts = district::all(conn)?;
    let salt = if row.census_salt.is_empty() {
        let mut bytes = [0u8; 16];
        rand::rng().fill_bytes(&mut bytes);
        hex::encode(bytes)
    } else {
        row.census_salt.clone()
    };
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
        let record =
            record.map_err(|e| AppError::Unprocessable(format!("line {line}: {e}").into()))?;
        let document = normalize_document(record.get(doc_col).unwrap_or(""));
        if document.len() < 4 || document.len() > 40 {
            return Err(AppError::Unprocessable(
                format!("line {line}: the document number must have 4 to 40 letters or digits")
                    .into(),
            ));
        }
        let year: i32 = record
            .get(year_col)
            .unwrap_or("")
            .parse()
            .ok()
            .filter(|y| (1880..=2100).contains(y))
            .ok_or_else(|| {
                AppError::Unprocessable(
                    format!(
                        "line {line}: `{}` is not a year of birth",
                        record.get(year_col).unwrap_or("")
                    )
                    .into(),
                )
            })?;
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
                    .ok_or_else(|| {
                        AppError::Unprocessable(
                            format!("line {line}: there is no district `{name}`").into(),
                        )
                    })?,
            ),
        };
        let hash = census_hash(&salt, &document, year);
        if !seen.insert(hash.clone()) {
            return Err(AppError::Unprocessable(
                format!("line {line}: this person is already listed on an earlier line").into(),
            ));
        }
        rows.push((hash, district_id));
    }
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

/// Matches an account to the census. One census entry vouches for one account only.
pub fn match_census(
    conn: &mut DbConnection,
    round_id: i64,
    user: &UserRow,
    document: &str,
    birth_year: i32,
    now: NaiveDateTime,
) -> AppResult<bool> {
    let row = crate::domain::rounds::find(conn, round_id)?;
    if row.census_salt.is_empty() {
        return Ok(false);
    }
    let hash = census_hash(&row.census_salt, document, birth_year);
    let Some((_, district_id)) = evidence::find_census(conn, round_id, &hash)? else {
        return Ok(false);
    };
    let check = NewCheck {
        round_id,
        user_id: user.id,
        kind: "census",
        district_id,
        checked_by: None,
        census_hash: Some(&hash),
        at: now,
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

/// A reviewer confirms a person in person (and optionally their district).
pub fn confirm_in_person(
    conn: &mut DbConnection,
    reviewer_id: i64,
    round_id: i64,
    user_id: i64,
    district_id: Option<i64>,
    now: NaiveDateTime,
) -> AppResult<()> {
    let mut check = NewCheck {
        round_id,
        user_id,
        kind: "manual",
        district_id,
        checked_by: Some(reviewer_id),
        census_hash: None,
        at: now,
    };
    evidence::add_check(conn, &check)?;
    if district_id.is_some() {
        check.kind = "residence";
        evidence::add_check(conn, &check)?;
    }
    Ok(())
}

const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// `XXXX-XXXX-XXXX-XXXX`: about 79 bits, read aloud without ambiguous characters.
pub fn new_voting_code(rng: &mut impl Rng) -> String {
    (0..4)
        .map(|_| {
            (0..4)
                .map(|_| CODE_ALPHABET[rng.random_range(0..CODE_ALPHABET.len())] as char)
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("-")
}

pub fn code_hash(code: &str) -> String {
    let normalized: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    hex::encode(Sha256::digest(
        format!("budgetbox/voting-code/v1\n{normalized}").as_bytes(),
    ))
}

pub const MAX_CODES_PER_BATCH: usize = 100_000;

/// Generates codes for a round (and district); returns them once; only hashes are stored.
pub fn generate_codes(
    conn: &mut DbConnection,
    actor_id: Option<i64>,
    round_id: i64,
    count: usize,
    district_slug: Option<&str>,
    now: NaiveDateTime,
) -> AppResult<Vec<String>> {
    if count == 0 || count > MAX_CODES_PER_BATCH {
        return Err(AppError::Unprocessable(
            format!("generate between 1 and {MAX_CODES_PER_BATCH} codes at a time").into(),
        ));
    }
    let row = crate::domain::rounds::find(conn, round_id)?;
    if row.voting_codes == 0 {
        return Err(AppError::Conflict(Message::new(
            "messages-eligibility-round-does-accept-voting",
        )));
    }
    let district_id = match district_slug {
        None => None,
        Some(slug) => Some(
            district::of_round(conn, round_id)?
                .into_iter()
                .find(|d| d.slug == slug)
                .map(|d| d.district_id)
                .ok_or_else(|| {
                    AppError::Unprocessable(
                        format!("district `{slug}` does not take part in this round").into(),
                    )
                })?,
        ),
    };
    let mut rng = rand::rng();
    let codes: Vec<String> = (0..count).map(|_| new_voting_code(&mut rng)).collect();
    let hashes: Vec<String> = codes.iter().map(|c| code_hash(c)).collect();
    write_transaction(conn, |conn| {
        evidence::insert_codes(conn, round_id, &hashes, district_id, now)?;
        round_change::append(
            conn,
            round_id,
            now,
            actor_id,
            &format!(
                "{count} voting codes issued{}",
                district_slug
                    .map(|d| format!(" for {d}"))
                    .unwrap_or_default()
            ),
            "",
        )?;
        Ok::<(), AppError>(())
    })?;
    Ok(codes)
}

/// Spends every unused code of `codes` in one statement; returns the hashes of those it
/// spent. A code typed twice, in any spelling (`abcd-efgh`, `ABCDEFGH`), has one hash and is
/// spent once: callers must match ballots to codes by `code_hash`, never by the typed text.
pub fn spend_codes(
    conn: &mut DbConnection,
    round_id: i64,
    codes: &[&str],
    now: NaiveDateTime,
) -> AppResult<std::collections::HashSet<String>> {
    let hashes: Vec<String> = codes.iter().map(|code| code_hash(code)).collect();
    let refs: Vec<&str> = hashes.iter().map(String::as_str).collect();
    Ok(evidence::redeem_codes(conn, round_id, &refs, now)?
        .into_iter()
        .collect())
}

/// Spends a voting code looked up earlier, inside the ballot's transaction, in one conditional
/// UPDATE: of two concurrent uses exactly one wins (true).
pub fn spend_code(
    conn: &mut DbConnection,
    round_id: i64,
    code: &str,
    now: NaiveDateTime,
) -> AppResult<bool> {
    Ok(evidence::redeem_code(
        conn,
        round_id,
        &code_hash(code),
        now,
    )?)
}
