//! Who may vote in a round, and the evidence for it: age, residence, the census list (see
//! `census`), voting codes (see `voting_codes`) and checks by a reviewer. Every answer says
//! why, and what to do about it. Also the token each account's ballot spends: one per person
//! and round (see `ballots`).

use chrono::{Datelike, NaiveDateTime};
use serde::Serialize;

use super::census;
use super::people::Account;
use crate::auth::derived_mac;
use crate::db::models::ballot;
use crate::db::models::district;
use crate::db::models::eligibility::{self as evidence, NewCheck, VoterCheckRow};
use crate::db::models::round::RoundRow;
use crate::db::models::voter_rules;
use crate::db::DbConnection;
use crate::domain::ids::RoundId;
use crate::domain::status::{Residence, RevotePolicy};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::i18n::{Lang, Message};

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

/// Evaluates every requirement of the round with this id for one account.
pub fn of_round(
    conn: &mut DbConnection,
    round_id: RoundId,
    user: &Account,
) -> AppResult<Eligibility> {
    let round_id = round_id.0;
    let round = super::rounds::find(conn, RoundId(round_id))?;
    check(conn, &round, user)
}

/// Evaluates every requirement of the round for one account.
pub fn check(conn: &mut DbConnection, round: &RoundRow, user: &Account) -> AppResult<Eligibility> {
    let checks = evidence::checks_of(conn, round.id, user.id)?;
    let kind = |k: &str| checks.iter().find(|c| c.kind == k);
    let requires_provider = voter_rules::requires_identity_provider(conn, round.id)?;
    let proven = super::identities::proof_of(conn, user.id)?;
    let round_districts: Vec<i64> = district::of_round(conn, round.id)?
        .iter()
        .map(|d| d.district_id)
        .collect();
    let mut reqs = Vec::new();

    if round.account_voting == 0 {
        reqs.push(requirement(
            "voting code",
            false,
            Message::new("messages-eligibility-codes-only"),
            Some("messages-eligibility-codes-only-step"),
        ));
    }
    if round.requires_verified_email != 0 && round.account_voting != 0 {
        let met = user.email_verified;
        reqs.push(requirement(
            "verified email",
            met,
            Message::new(if met {
                "messages-eligibility-email-verified"
            } else {
                "messages-eligibility-email-not-verified"
            }),
            Some("messages-eligibility-email-verify-step"),
        ));
    }
    if requires_provider {
        reqs.push(match &proven {
            Some(p) if p.assured => requirement(
                "identity provider",
                true,
                Message::new("identity-eligibility-met"),
                None,
            ),
            Some(_) => requirement(
                "identity provider",
                false,
                Message::new("identity-eligibility-low-assurance"),
                Some("identity-eligibility-low-assurance-step"),
            ),
            None => requirement(
                "identity provider",
                false,
                Message::new("identity-eligibility-not-linked"),
                Some("identity-eligibility-not-linked-step"),
            ),
        });
    }
    // A birth year the provider vouched for outweighs the one the person typed.
    let birth_year = proven
        .as_ref()
        .and_then(|p| p.birth_year)
        .or(user.birth_year);
    if let Some(min_age) = round.min_age {
        let year = reference_year(round);
        let age = |key| Message::new(key).with("age", min_age).with("year", year);
        reqs.push(match birth_year {
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
        .and_then(|c: &VoterCheckRow| c.district_id)
        .or_else(|| proven.as_ref().and_then(|p| p.district_id));
    let district_id = match round.residence.as_str() {
        "verified" => confirmed,
        "self-declared" => confirmed.or(user.district_id),
        _ => confirmed
            .or(user.district_id)
            .filter(|d| round_districts.contains(d)),
    };
    if Residence::of(round) != Residence::Anyone && !round_districts.is_empty() {
        // A resident who never said where they live says it on the ballot itself.
        let declares_on_ballot =
            Residence::of(round) == Residence::SelfDeclared && district_id.is_none();
        let ok = declares_on_ballot || district_id.is_some_and(|d| round_districts.contains(&d));
        let (explanation, step) = match (round.residence.as_str(), ok) {
            _ if declares_on_ballot => ("messages-eligibility-district-on-ballot", ""),
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

/// The token an account's ballot spends in a round: the person behind it, as strongly as the
/// round identifies people. The census entry where the census is required; the person at the
/// identity provider (issuer and subject) where the provider's verification is; the identity
/// document a reviewer saw where an in-person check is; otherwise the account's address, so
/// deleting an account and registering again with the same address changes nothing (a new
/// address is a new account: accounts alone cannot stop that, see docs/security.md).
pub fn account_token(
    conn: &mut DbConnection,
    secret: &[u8],
    round: &RoundRow,
    user: &Account,
) -> AppResult<String> {
    let checks = evidence::checks_of(conn, round.id, user.id)?;
    let evidence_of = |kind: &str| checks.iter().find(|c| c.kind == kind);
    if round.requires_census != 0 {
        let entry = evidence_of("census")
            .and_then(|c| c.census_hash.as_deref())
            .ok_or_else(|| {
                AppError::Forbidden(Message::new("messages-eligibility-census-not-met"))
            })?;
        return Ok(census::token(entry));
    }
    if voter_rules::requires_identity_provider(conn, round.id)? {
        return match super::identities::proof_of(conn, user.id)? {
            Some(p) if p.assured => Ok(super::identities::person_token(
                secret, round.id, &p.issuer, &p.subject,
            )),
            _ => Err(AppError::Forbidden(Message::new(
                "identity-eligibility-not-linked",
            ))),
        };
    }
    if round.requires_manual_check != 0 {
        if let Some(document) = evidence_of("manual").and_then(|c| c.document_hash.as_deref()) {
            return Ok(format!("person:{document}"));
        }
    }
    Ok(format!(
        "email:{}",
        hex::encode(derived_mac(
            secret,
            "budgetbox/voter-email/v1",
            user.email.as_bytes()
        ))
    ))
}

/// The keyed hash of an identity document shown at an in-person check, per round (so the
/// same person is not recognisable across rounds from the database).
pub fn document_hash(secret: &[u8], round_id: i64, document: &str) -> String {
    hex::encode(derived_mac(
        secret,
        "budgetbox/identity-document/v1",
        format!("{round_id}\n{}", census::normalize_document(document)).as_bytes(),
    ))
}

/// A reviewer's check of a person at the desk: who checks, for which round, which account,
/// the identity document shown, and the district it proves (if any).
#[derive(Clone, Copy)]
pub struct InPersonCheck<'a> {
    pub reviewer_id: i64,
    pub round_id: i64,
    /// The address of the person's account.
    pub email: &'a str,
    pub document: &'a str,
    /// The slug of the district the document shows, when the round needs it.
    pub district: Option<&'a str>,
}

/// What a reviewer's in-person check found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckOutcome {
    Confirmed,
    /// Confirmed in a round where the last ballot counts: the person has voted, and a new
    /// ballot will replace the earlier one.
    ConfirmedAlreadyVoted,
}

/// A reviewer confirms a person in person, from an identity document (and optionally their
/// district). The reviewer is told when this person has already voted in the round, whatever
/// account they voted with; in a round where a ballot is final, the check is refused then.
pub fn confirm_in_person(
    conn: &mut DbConnection,
    secret: &[u8],
    check: &InPersonCheck<'_>,
    now: NaiveDateTime,
) -> AppResult<(Account, CheckOutcome)> {
    let InPersonCheck {
        reviewer_id,
        round_id,
        email,
        document,
        district,
    } = *check;
    let user = super::people::with_email(conn, email)?
        .ok_or_else(|| AppError::NotFound(Message::new("review-confirm-no-account")))?;
    let district_id = match district {
        None => None,
        Some(slug) => Some(
            super::districts::in_round(conn, RoundId(round_id), slug)?.ok_or_else(|| {
                let mut errors = FieldErrors::default();
                errors.add("district", Message::new("review-confirm-bad-district"));
                AppError::Invalid(errors)
            })?,
        ),
    };
    if census::normalize_document(document).len() < 4 {
        return Err(AppError::Unprocessable(Message::new(
            "messages-eligibility-check-needs-document",
        )));
    }
    let round = crate::domain::rounds::find(conn, RoundId(round_id))?;
    let document = document_hash(secret, round_id, document);
    if let Some(other) = evidence::checks_of(conn, round_id, user.id)?
        .iter()
        .find(|c| c.kind == "manual")
        .and_then(|c| c.document_hash.as_deref())
    {
        if other != document {
            return Err(AppError::Conflict(Message::new(
                "messages-eligibility-check-other-document",
            )));
        }
    }
    let mut check = NewCheck {
        round_id,
        user_id: user.id,
        kind: "manual",
        district_id,
        checked_by: Some(reviewer_id),
        census_hash: None,
        document_hash: Some(&document),
        // The day only: a check at the desk just before voting would otherwise order voters
        // as the board orders their ballots.
        at: super::utc::start_of_day(now),
    };
    let person_token = format!("person:{document}");
    let voted = ballot::token_spent(conn, round_id, &person_token)?
        || ballot::has_participated(conn, round_id, user.id)?
        || match account_token(conn, secret, &round, &user) {
            Ok(token) => ballot::token_spent(conn, round_id, &token)?,
            Err(_) => false,
        };
    if voted && RevotePolicy::of(&round) != RevotePolicy::LastCounts {
        return Err(AppError::Conflict(Message::new(
            "messages-ballots-person-already-voted-round",
        )));
    }
    crate::db::write_transaction(conn, |conn| {
        match evidence::add_check(conn, &check) {
            Err(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            )) => {
                return Err(AppError::Conflict(Message::new(
                    "messages-eligibility-document-other-account",
                )))
            }
            other => other?,
        }
        if district_id.is_some() {
            check.kind = "residence";
            check.document_hash = None;
            evidence::add_check(conn, &check)?;
        }
        Ok(())
    })?;
    let outcome = if voted {
        CheckOutcome::ConfirmedAlreadyVoted
    } else {
        CheckOutcome::Confirmed
    };
    Ok((user, outcome))
}

/// What came of a resident's attempt to match the census: matched, or the errors on the form
/// with the eligibility to show beside them.
pub type CensusAttempt = Result<(), (FieldErrors, Eligibility)>;

/// Failed census matches by one account in one round before each further try waits.
const FREE_MISMATCHES: i32 = 5;

/// A resident's census form: failures count toward a back-off like logins, so the list
/// cannot be searched by guessing.
#[allow(clippy::too_many_arguments)]
pub fn match_census_form(
    conn: &mut DbConnection,
    secret: &[u8],
    lang: Lang,
    round_id: RoundId,
    account: &Account,
    document: &str,
    birth_year: &str,
    now: NaiveDateTime,
) -> AppResult<CensusAttempt> {
    let round_id = round_id.0;
    use super::accounts;
    let key = accounts::throttle_key(secret, "census", &format!("{round_id}\n{}", account.id));
    if let Some(wait) = accounts::throttled_key(conn, &key, FREE_MISMATCHES, now)? {
        return Err(accounts::too_many_attempts(lang, wait));
    }
    let mut errors = FieldErrors::default();
    let year = birth_year.trim().parse::<i32>().ok();
    if year.is_none() {
        errors.add("birth_year", Message::new("rounds-census-error-birth-year"));
    }
    if census::normalize_document(document).len() < 4 {
        errors.add(
            "document_number",
            Message::new("rounds-census-error-document"),
        );
    }
    if errors.is_empty() {
        let year = year.unwrap_or(0);
        match census::match_census(
            conn,
            secret,
            RoundId(round_id),
            account,
            document,
            year,
            now,
        ) {
            Ok(true) => return Ok(Ok(())),
            Ok(false) => {
                accounts::record_failed_attempt(conn, &key, now)?;
                errors.add(
                    "document_number",
                    Message::new("rounds-census-error-not-found"),
                );
            }
            Err(AppError::Conflict(message)) => errors.add("document_number", message),
            Err(e) => return Err(e),
        }
    }
    let eligibility = of_round(conn, RoundId(round_id), account)?;
    Ok(Err((errors, eligibility)))
}
