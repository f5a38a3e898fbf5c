//! Accounts and the people the city's identity providers vouch for. A person at a provider is
//! its (issuer, subject) pair, never an email address: the first sign-in creates an account
//! linked to it, an owner who signed in with their password links it to an existing account,
//! and an owner may unlink it. What a sign-in proved (a birth year, a district from the
//! council's mapping, an accepted assurance level) is kept as eligibility evidence; the claims
//! themselves are not.

use chrono::{Datelike, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::people::Account;
use crate::auth::derived_mac;
use crate::auth::oidc::VerifiedPerson;
use crate::auth::{password, Role};
use crate::db::models::identity::{self, Evidence, PendingLoginRow};
use crate::db::models::installation;
use crate::db::models::user::{self, NewUser};
use crate::db::models::{audit, district};
use crate::db::DbConnection;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::i18n::{Lang, Message};

/// A sign-in is answered within this time of leaving for the provider, or not at all.
pub const LOGIN_MINUTES: i64 = 10;

/// What the council decided a provider's claims mean: which values of the district claim
/// name which district, and which assurance levels verify a voter.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ClaimRules {
    /// (claim value, district slug).
    pub districts: Vec<(String, String)>,
    /// Assurance levels (e.g. `acr` values) that make a person "verified by the city's
    /// identity provider".
    pub accepted_assurance: Vec<String>,
}

fn rules_key(provider: &str) -> String {
    format!("identity-claims/{provider}")
}

pub fn claim_rules(conn: &mut DbConnection, provider: &str) -> AppResult<ClaimRules> {
    Ok(installation::get(conn, &rules_key(provider))?
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default())
}

/// The council's form: one `value = district-slug` per line, and levels separated by commas
/// or spaces. All or nothing: an unknown district names its line.
pub fn set_claim_rules(
    conn: &mut DbConnection,
    actor_id: i64,
    provider: &str,
    district_lines: &str,
    assurance: &str,
    now: NaiveDateTime,
) -> AppResult<ClaimRules> {
    let known = district::all(conn)?;
    let mut errors = FieldErrors::default();
    let mut districts = Vec::new();
    for (n, line) in district_lines.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match line.split_once('=').map(|(v, d)| (v.trim(), d.trim())) {
            Some((value, slug)) if !value.is_empty() && known.iter().any(|d| d.slug == slug) => {
                districts.push((value.to_string(), slug.to_string()))
            }
            _ => {
                errors.add(
                    "districts",
                    Message::new("identity-rules-bad-line")
                        .with("line", n + 1)
                        .with("text", line.to_string()),
                );
                break;
            }
        }
    }
    errors.into_result()?;
    let rules = ClaimRules {
        districts,
        accepted_assurance: assurance
            .split([',', ' ', '\n'])
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
    };
    let json = serde_json::to_string(&rules).map_err(AppError::internal)?;
    crate::db::write_transaction(conn, |conn| {
        installation::put(conn, &rules_key(provider), &json)?;
        audit::insert(
            conn,
            now,
            Some(actor_id),
            "identity.claim-rules",
            &format!("provider {provider}: {json}"),
        )?;
        Ok::<(), AppError>(())
    })?;
    Ok(rules)
}

/// What a verified sign-in proves under the council's rules.
pub fn evidence_of(
    conn: &mut DbConnection,
    provider: &str,
    person: &VerifiedPerson,
    now: NaiveDateTime,
) -> AppResult<Evidence> {
    let rules = claim_rules(conn, provider)?;
    let birth_year = person
        .birth_date
        .as_deref()
        .and_then(|d| d.get(..4))
        .and_then(|y| y.parse::<i32>().ok())
        .filter(|y| (1900..=now.year()).contains(y))
        // An age alone: the later of the two possible birth years, so that the age rule admits
        // the person a year late at worst, never early.
        .or_else(|| person.age.map(|age| now.year() - age));
    let district_id = match person.district.as_deref() {
        None => None,
        Some(value) => match rules.districts.iter().find(|(v, _)| v == value) {
            Some((_, slug)) => district::all(conn)?
                .into_iter()
                .find(|d| &d.slug == slug)
                .map(|d| d.id),
            None => None,
        },
    };
    let assured = person
        .assurance
        .as_deref()
        .is_some_and(|level| rules.accepted_assurance.iter().any(|a| a == level));
    Ok(Evidence {
        birth_year,
        district_id,
        assured,
        // The day only, as other eligibility checks: the time of a sign-in just before voting
        // would order voters as the board orders their ballots.
        at: super::utc::start_of_day(now),
    })
}

fn hashed(secret: &[u8], purpose: &str, value: &str) -> String {
    hex::encode(derived_mac(secret, purpose, value.as_bytes()))
}

/// A sign-in on its way to the provider.
pub struct Departing<'a> {
    pub provider: &'a str,
    pub state: &'a str,
    /// A random value in a cookie of the browser that started the sign-in.
    pub browser: &'a str,
    pub nonce: &'a str,
    pub pkce_verifier: &'a str,
    /// Linking the provider to this account, rather than signing in.
    pub link_user_id: Option<i64>,
    pub next: &'a str,
    /// The address the request came from.
    pub ip: &'a str,
}

/// Sign-ins one address may start before each further one waits (each keeps a row for ten
/// minutes: without a limit, anyone could fill the table).
const FREE_STARTS: i32 = 100;

pub fn depart(
    conn: &mut DbConnection,
    secret: &[u8],
    d: &Departing<'_>,
    lang: Lang,
    now: NaiveDateTime,
) -> AppResult<()> {
    use super::accounts;
    let key = accounts::throttle_key(secret, "oidc-start", d.ip);
    if let Some(wait) = accounts::throttled_key(conn, &key, FREE_STARTS, now)? {
        return Err(accounts::too_many_attempts(lang, wait));
    }
    accounts::record_failed_attempt(conn, &key, now)?;
    identity::start_login(
        conn,
        &PendingLoginRow {
            state_hash: hashed(secret, "budgetbox/oidc-state/v1", d.state),
            provider: d.provider.to_string(),
            browser_hash: hashed(secret, "budgetbox/oidc-browser/v1", d.browser),
            nonce: d.nonce.to_string(),
            pkce_verifier: d.pkce_verifier.to_string(),
            link_user_id: d.link_user_id,
            next_path: d.next.to_string(),
            created_at: now,
        },
        now - chrono::Duration::minutes(LOGIN_MINUTES),
    )?;
    Ok(())
}

/// A sign-in back from the provider, matched to the one that left.
pub struct Returning {
    pub nonce: String,
    pub pkce_verifier: String,
    pub link_user_id: Option<i64>,
    pub next: String,
}

/// The sign-in this callback answers: the same provider, state and browser, within ten
/// minutes, and only once. None for a callback nobody started here (or started in another
/// browser, or answered already).
pub fn arrive(
    conn: &mut DbConnection,
    secret: &[u8],
    provider: &str,
    state: &str,
    browser: &str,
    now: NaiveDateTime,
) -> AppResult<Option<Returning>> {
    use subtle::ConstantTimeEq;
    let Some(row) = identity::take_login(conn, &hashed(secret, "budgetbox/oidc-state/v1", state))?
    else {
        return Ok(None);
    };
    let browser = hashed(secret, "budgetbox/oidc-browser/v1", browser);
    let same_browser: bool = browser.as_bytes().ct_eq(row.browser_hash.as_bytes()).into();
    let fresh = now - row.created_at <= chrono::Duration::minutes(LOGIN_MINUTES);
    if !same_browser || !fresh || row.provider != provider {
        return Ok(None);
    }
    Ok(Some(Returning {
        nonce: row.nonce,
        pkce_verifier: row.pkce_verifier,
        link_user_id: row.link_user_id,
        next: row.next_path,
    }))
}

/// The address an account created without one from the provider gets: the same for the
/// same person every time (so a round that counts accounts by address still counts a person
/// once), and reserved (`.invalid`), so no message is ever sent to it.
fn placeholder_email(secret: &[u8], provider: &str, person: &VerifiedPerson) -> String {
    let key = hashed(
        secret,
        "budgetbox/oidc-address/v1",
        &format!("{}\n{}", person.issuer, person.subject),
    );
    format!("{}@{provider}.invalid", &key[..24])
}

/// How a sign-in at a provider ended.
pub enum SignedIn {
    Existing(Account),
    Created(Account),
}

/// Signs a person in: the account linked to their (issuer, subject), or a new one. A new
/// account takes the provider's address only when the provider verified it; an address that
/// already has an account is refused (its owner links the provider after signing in with
/// the password).
pub fn sign_in(
    conn: &mut DbConnection,
    secret: &[u8],
    provider: &str,
    person: &VerifiedPerson,
    lang: Lang,
    now: NaiveDateTime,
) -> AppResult<SignedIn> {
    let evidence = evidence_of(conn, provider, person, now)?;
    crate::db::write_transaction(conn, |conn| {
        if let Some(row) = identity::of_person(conn, &person.issuer, &person.subject)? {
            identity::record_evidence(conn, row.id, &evidence)?;
            let account = super::people::find(conn, row.user_id)?
                .ok_or_else(|| AppError::internal("a linked account vanished"))?;
            return Ok(SignedIn::Existing(account));
        }
        let email = match (&person.email, person.email_verified) {
            (Some(email), true) => super::addresses::normalize_email(email),
            _ => placeholder_email(secret, provider, person),
        };
        if user::find_by_email(conn, &email)?.is_some() {
            return Err(AppError::Conflict(
                Message::new("identity-email-has-account").with("email", email),
            ));
        }
        let id = user::insert(
            conn,
            &NewUser {
                email: &email,
                display_name: person.name.as_deref().unwrap_or("Resident"),
                // No password: the account signs in at the provider until its owner sets one.
                password_hash: "",
                role: Role::Citizen.as_str(),
                gender: None,
                birth_year: evidence.birth_year,
                district_id: evidence.district_id,
                created_at: super::utc::start_of_day(now),
            },
        )?;
        user::set_language(conn, id, lang.code())?;
        if super::addresses::deliverable(&email) {
            user::mark_email_verified(conn, id)?;
        }
        identity::link(
            conn,
            id,
            provider,
            &person.issuer,
            &person.subject,
            &evidence,
        )?;
        let account = super::people::find(conn, id)?
            .ok_or_else(|| AppError::internal("a new account vanished"))?;
        Ok(SignedIn::Created(account))
    })
}

/// Links a provider's person to the account whose owner confirmed with their password and
/// then signed in at the provider. One person links to one account.
pub fn link(
    conn: &mut DbConnection,
    account: &Account,
    provider: &str,
    person: &VerifiedPerson,
    now: NaiveDateTime,
) -> AppResult<()> {
    let evidence = evidence_of(conn, provider, person, now)?;
    crate::db::write_transaction(conn, |conn| {
        if let Some(row) = identity::of_person(conn, &person.issuer, &person.subject)? {
            if row.user_id != account.id {
                return Err(AppError::Conflict(Message::new(
                    "identity-linked-to-another-account",
                )));
            }
            identity::record_evidence(conn, row.id, &evidence)?;
            return Ok(());
        }
        if identity::of_account(conn, account.id)?
            .iter()
            .any(|r| r.provider == provider)
        {
            return Err(AppError::Conflict(Message::new(
                "identity-account-has-another-person",
            )));
        }
        match identity::link(
            conn,
            account.id,
            provider,
            &person.issuer,
            &person.subject,
            &evidence,
        ) {
            Err(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            )) => Err(AppError::Conflict(Message::new(
                "identity-linked-to-another-account",
            ))),
            other => Ok(other?),
        }?;
        audit::insert(
            conn,
            super::utc::start_of_day(now),
            Some(account.id),
            "account.identity-linked",
            provider,
        )?;
        Ok(())
    })
}

/// Unlinks a provider from an account, unless it is the only way the owner can sign in.
pub fn unlink(
    conn: &mut DbConnection,
    account: &Account,
    provider: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    let links = identity::of_account(conn, account.id)?;
    if !links.iter().any(|r| r.provider == provider) {
        return Err(AppError::NotFound(Message::new("identity-not-linked")));
    }
    if links.len() == 1 && !super::accounts::has_password(conn, account.id)? {
        return Err(AppError::Conflict(Message::new(
            "identity-unlink-needs-password",
        )));
    }
    identity::unlink(conn, account.id, provider)?;
    audit::insert(
        conn,
        super::utc::start_of_day(now),
        Some(account.id),
        "account.identity-unlinked",
        provider,
    )?;
    Ok(())
}

/// Sets the first password of an account created at a provider.
pub fn set_first_password(
    conn: &mut DbConnection,
    account: &Account,
    new: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    if super::accounts::has_password(conn, account.id)? {
        return Err(AppError::Conflict(Message::new(
            "identity-password-already-set",
        )));
    }
    if let Err(message) = password::check_policy(new, &account.email) {
        let mut errors = FieldErrors::default();
        errors.add("new_password", message);
        return Err(errors.into());
    }
    user::set_password_hash(conn, account.id, &password::hash(new))?;
    audit::insert(
        conn,
        super::utc::start_of_day(now),
        Some(account.id),
        "account.password-set",
        "",
    )?;
    Ok(())
}

/// Ends every session of the account linked to this person (back-channel logout). False
/// when no account is linked to them.
pub fn end_sessions_of(
    conn: &mut DbConnection,
    issuer: &str,
    subject: &str,
    now: NaiveDateTime,
) -> AppResult<bool> {
    let Some(row) = identity::of_person(conn, issuer, subject)? else {
        return Ok(false);
    };
    user::bump_token_version(conn, row.user_id)?;
    audit::insert(
        conn,
        super::utc::start_of_day(now),
        Some(row.user_id),
        "account.provider-logout",
        "",
    )?;
    Ok(true)
}

/// A provider linked to an account, for its owner's page.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct LinkedProvider {
    pub provider: String,
    pub linked_at: NaiveDateTime,
    pub verified_at: NaiveDateTime,
    /// The provider gave a birth year.
    pub age_known: bool,
    /// The district the provider's claim maps to.
    pub district: Option<String>,
    /// The assurance level is one the council accepts.
    pub assured: bool,
}

pub fn linked(conn: &mut DbConnection, user_id: i64) -> AppResult<Vec<LinkedProvider>> {
    let districts = district::all(conn)?;
    Ok(identity::of_account(conn, user_id)?
        .into_iter()
        .map(|r| LinkedProvider {
            provider: r.provider,
            linked_at: r.linked_at,
            verified_at: r.verified_at,
            age_known: r.birth_year.is_some(),
            district: r
                .district_id
                .and_then(|id| districts.iter().find(|d| d.id == id))
                .map(|d| d.name.clone()),
            assured: r.assured == 1,
        })
        .collect())
}

/// What the account's providers prove for eligibility: the first link with an accepted
/// assurance level, else the first link.
pub struct ProvenByProvider {
    pub issuer: String,
    pub subject: String,
    pub birth_year: Option<i32>,
    pub district_id: Option<i64>,
    pub assured: bool,
}

pub fn proof_of(conn: &mut DbConnection, user_id: i64) -> AppResult<Option<ProvenByProvider>> {
    let mut links = identity::of_account(conn, user_id)?;
    links.sort_by_key(|r| (r.assured != 1, r.id));
    Ok(links.into_iter().next().map(|r| ProvenByProvider {
        issuer: r.issuer,
        subject: r.subject,
        birth_year: r.birth_year,
        district_id: r.district_id,
        assured: r.assured == 1,
    }))
}

/// The token a ballot spends in a round that requires the provider: the person, per round,
/// whatever account they use (see `eligibility::account_token`).
pub fn person_token(secret: &[u8], round_id: i64, issuer: &str, subject: &str) -> String {
    format!(
        "idp:{}",
        hashed(
            secret,
            "budgetbox/identity-person/v1",
            &format!("{round_id}\n{issuer}\n{subject}")
        )
    )
}
