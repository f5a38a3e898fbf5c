//! One-time voting codes, mailed to residents. Only their hashes are stored, and a code never
//! records when it was used: the participation it spends does (see `ballots`), and that
//! record carries no time.
//!
//! Codes issued from the census list are bound to one person's entry, so that person's
//! account and code spend the same token: one ballot, whichever comes first. Codes without a
//! census are only possible where nobody votes with an account.

use chrono::NaiveDateTime;
use rand::Rng;
use sha2::{Digest, Sha256};

use super::census;
use crate::db::models::eligibility as evidence;
use crate::db::models::round::RoundRow;
use crate::db::models::{district, round_change};
use crate::db::{write_transaction, DbConnection};
use crate::domain::ids::RoundId;
use crate::error::{AppError, AppResult};
use crate::i18n::Message;

pub const USED: &str = "messages-ballots-code-used";
const UNKNOWN: &str = "messages-ballots-code-unknown";

pub const MAX_CODES_PER_BATCH: usize = 100_000;

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

/// The stored form of a code. Case and dashes do not matter.
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

/// The token a code's ballot spends: its person's census entry, or the code itself.
pub fn token(code_hash: &str, census_hash: Option<&str>) -> String {
    match census_hash {
        Some(entry) => census::token(entry),
        None => format!("code:{code_hash}"),
    }
}

/// A code of a round, as a ballot needs it.
pub struct FoundCode {
    pub district_id: Option<i64>,
    pub token: String,
}

/// What the round's list says of a code: its district and the census entry it is bound to.
/// Looked up ahead of the ballot, several codes at once (see `look_up`); `found` decides.
#[derive(Clone, Debug)]
pub struct CodeRecord {
    hash: String,
    district_id: Option<i64>,
    census_hash: Option<String>,
}

/// The records of these codes (as residents typed them) in a round's list, in the same order;
/// `None` for a code that is not on it.
pub fn look_up(
    conn: &mut DbConnection,
    round_id: RoundId,
    codes: &[&str],
) -> AppResult<Vec<Option<CodeRecord>>> {
    let hashes: Vec<String> = codes.iter().map(|code| code_hash(code)).collect();
    look_up_hashes(conn, round_id, &hashes)
}

/// `look_up` for codes known by their hashes.
pub fn look_up_hashes(
    conn: &mut DbConnection,
    round_id: RoundId,
    hashes: &[String],
) -> AppResult<Vec<Option<CodeRecord>>> {
    let records: std::collections::HashMap<String, CodeRecord> =
        evidence::find_codes(conn, round_id.0, hashes)?
            .into_iter()
            .map(|(hash, district_id, census_hash)| {
                let record = CodeRecord {
                    hash: hash.clone(),
                    district_id,
                    census_hash,
                };
                (hash, record)
            })
            .collect();
    // The same code twice (however spelt) gets its record twice.
    Ok(hashes
        .iter()
        .map(|hash| records.get(hash).cloned())
        .collect())
}

/// The code a ballot spends, from its record: a code not on the round's list is refused
/// (whether it was used is the ballot's business).
pub fn found(round: &RoundRow, record: Option<&CodeRecord>) -> AppResult<FoundCode> {
    accepted(round)?;
    Ok(record.ok_or_else(unknown)?.spends())
}

impl CodeRecord {
    /// The district the code is bound to, if any, and the token its ballot spends.
    pub fn spends(&self) -> FoundCode {
        FoundCode {
            district_id: self.district_id,
            token: token(&self.hash, self.census_hash.as_deref()),
        }
    }
}

/// Whether the round takes ballots with voting codes at all.
pub fn accepted(round: &RoundRow) -> AppResult<()> {
    match round.voting_codes {
        0 => Err(AppError::Forbidden(Message::new(
            "messages-eligibility-round-does-accept-voting",
        ))),
        _ => Ok(()),
    }
}

/// The refusal of a code that is not on the round's list.
pub fn unknown() -> AppError {
    AppError::Forbidden(Message::new(UNKNOWN))
}

/// Looks a code up and decides as `found` does.
pub fn find(conn: &mut DbConnection, round: &RoundRow, code: &str) -> AppResult<FoundCode> {
    if round.voting_codes == 0 {
        return found(round, None);
    }
    let record = look_up(conn, RoundId(round.id), &[code])?.pop().flatten();
    found(round, record.as_ref())
}

fn accepts_codes(round: &RoundRow) -> AppResult<()> {
    if round.voting_codes == 0 {
        return Err(AppError::Conflict(Message::new(
            "messages-eligibility-round-does-accept-voting",
        )));
    }
    Ok(())
}

/// Generates codes for a round (and district); returns them once; only hashes are stored.
/// Refused where a person could also vote another way: rounds that check the census issue
/// codes from it (`generate_from_census`).
pub fn generate_codes(
    conn: &mut DbConnection,
    actor_id: Option<i64>,
    round_id: RoundId,
    count: usize,
    district_slug: Option<&str>,
    now: NaiveDateTime,
) -> AppResult<Vec<String>> {
    let round_id = round_id.0;
    if count == 0 || count > MAX_CODES_PER_BATCH {
        return Err(AppError::Unprocessable(
            format!("generate between 1 and {MAX_CODES_PER_BATCH} codes at a time").into(),
        ));
    }
    let row = crate::domain::rounds::find(conn, RoundId(round_id))?;
    accepts_codes(&row)?;
    if row.requires_census != 0 || row.account_voting != 0 {
        return Err(AppError::Conflict(Message::new(
            "messages-codes-issue-from-census",
        )));
    }
    let districts = district::of_round(conn, round_id)?;
    let district_id = match district_slug {
        None => None,
        Some(slug) => Some(
            districts
                .iter()
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
    let rows: Vec<evidence::NewCode> = codes
        .iter()
        .map(|c| evidence::NewCode {
            code_hash: code_hash(c),
            district_id,
            census_hash: None,
        })
        .collect();
    let what = format!(
        "{count} voting codes issued{}",
        district_slug
            .map(|d| format!(" for {d}"))
            .unwrap_or_default()
    );
    store(conn, actor_id, round_id, &rows, &what, now)?;
    Ok(codes)
}

/// Stores issued codes with a line in the round's public change log, in one transaction.
fn store(
    conn: &mut DbConnection,
    actor_id: Option<i64>,
    round_id: i64,
    rows: &[evidence::NewCode],
    what: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    write_transaction(conn, |conn| {
        evidence::insert_codes(conn, round_id, rows, now)?;
        round_change::append(conn, round_id, now, actor_id, what, "")?;
        Ok(())
    })
}

/// A mailing list: the census file's columns and a `code` column, one row per person.
pub struct MailingList {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl MailingList {
    pub fn to_csv(&self) -> AppResult<String> {
        let mut out = csv::Writer::from_writer(Vec::new());
        out.write_record(&self.headers)
            .map_err(AppError::internal)?;
        for row in &self.rows {
            out.write_record(row).map_err(AppError::internal)?;
        }
        let bytes = out.into_inner().map_err(AppError::internal)?;
        String::from_utf8(bytes).map_err(AppError::internal)
    }
}

/// Issues one code per person of a census file (the round's census format, with any other
/// columns such as name and address kept for the mailing list). Every row must be on the
/// round's census list; each code is bound to that person's entry and district. A person may
/// be sent a new code (a lost letter, say); all their codes and their account share one
/// ballot.
pub fn generate_from_census(
    conn: &mut DbConnection,
    secret: &[u8],
    actor_id: Option<i64>,
    round_id: RoundId,
    csv_text: &str,
    now: NaiveDateTime,
) -> AppResult<MailingList> {
    let round_id = round_id.0;
    let row = crate::domain::rounds::find(conn, RoundId(round_id))?;
    accepts_codes(&row)?;
    if row.census_salt.is_empty() || evidence::census_size(conn, round_id)? == 0 {
        return Err(AppError::Conflict(Message::new("messages-codes-no-census")));
    }
    let file = census::read_census_file(conn, secret, &row.census_salt, csv_text)?;
    if file.rows.is_empty() || file.rows.len() > MAX_CODES_PER_BATCH {
        return Err(AppError::Unprocessable(
            format!("list between 1 and {MAX_CODES_PER_BATCH} people at a time").into(),
        ));
    }
    let mut rng = rand::rng();
    let mut codes = Vec::with_capacity(file.rows.len());
    let mut rows = Vec::with_capacity(file.rows.len());
    for (i, person) in file.rows.iter().enumerate() {
        let Some((_, district_id)) = evidence::find_census(conn, round_id, &person.hash)? else {
            return Err(AppError::Unprocessable(
                format!(
                    "line {}: this person is not on the round's census list",
                    i + 2
                )
                .into(),
            ));
        };
        let code = new_voting_code(&mut rng);
        rows.push(evidence::NewCode {
            code_hash: code_hash(&code),
            district_id,
            census_hash: Some(person.hash.clone()),
        });
        codes.push(code);
    }
    let what = format!("{} voting codes issued from the census list", rows.len());
    store(conn, actor_id, round_id, &rows, &what, now)?;
    let columns = file.headers.len();
    let mut headers = file.headers;
    headers.push("code".into());
    let rows = file
        .rows
        .into_iter()
        .zip(codes)
        .map(|(person, code)| {
            let mut fields = person.fields;
            fields.resize(columns, String::new());
            fields.push(code);
            fields
        })
        .collect();
    Ok(MailingList { headers, rows })
}
