//! Accounts: registration without account enumeration, login with throttling shared by every
//! app instance, password changes, revocation, role changes, and a person's own data.

use chrono::{Duration, NaiveDateTime};
use serde::Serialize;

use crate::auth::{password, Role};
use crate::db::models::user::{self, NewUser};
use crate::db::models::{audit, district, email_token, login_throttle, proposal};
use crate::db::DbConnection;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::i18n::Message;

/// Failed logins on one account from one address before back-off starts for that pair: a
/// guesser at one machine is slowed without locking the account for its owner elsewhere.
pub const ADDRESS_ACCOUNT_FREE_FAILURES: i32 = 5;
/// Failed logins on one account from anywhere (a guesser spread over many addresses).
pub const ACCOUNT_FREE_FAILURES: i32 = 20;
/// Failed logins from one address on any accounts. A library or school computer room shares
/// one address, so this is high: residents who mistype their own passwords there must never
/// lock each other out; it only stops one machine trying passwords across many accounts.
pub const IP_FREE_FAILURES: i32 = 500;
/// Registrations from one address within an hour before each further one waits.
pub const REGISTRATIONS_PER_ADDRESS: i32 = 20;
/// Failures older than this are forgotten.
const FAILURE_MEMORY: Duration = Duration::hours(1);
const FIRST_DELAY_SECONDS: i64 = 30;
const MAX_DELAY_SECONDS: i64 = 15 * 60;

pub use super::addresses::normalize_email;
use super::addresses::valid_email;

pub use super::people::{all, find, with_email, Account};

/// True when the account can sign in with a password (accounts created at an identity
/// provider have none until their owner sets one).
pub fn has_password(conn: &mut DbConnection, user_id: i64) -> AppResult<bool> {
    Ok(!password_hash_of(conn, user_id)?.is_empty())
}

fn password_hash_of(conn: &mut DbConnection, id: i64) -> AppResult<String> {
    user::find(conn, id)?
        .map(|u| u.password_hash)
        .ok_or_else(|| AppError::NotFound(Message::new("messages-accounts-account-longer-exists")))
}

/// A registration whose fields passed every check.
pub struct Registration {
    pub language: crate::i18n::Lang,
    pub display_name: String,
    pub email: String,
    pub password: String,
    pub gender: Option<String>,
    pub birth_year: Option<i32>,
    pub district_id: Option<i64>,
}

pub const GENDERS: [(&str, &str); 4] = [
    ("female", "Woman"),
    ("male", "Man"),
    ("non-binary", "Non-binary"),
    ("prefer-not-to-say", "Prefer not to say"),
];

/// Raw form or JSON input, as text.
#[derive(Clone, Debug, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegistrationInput {
    pub display_name: String,
    pub email: String,
    pub password: String,
    #[serde(default)]
    pub gender: Option<String>,
    #[serde(default)]
    pub birth_year: Option<String>,
    #[serde(default)]
    pub district: Option<String>,
    /// The language messages to this account are written in (`en`, `es`, `pl`) [default: the
    /// page's language, or English over the API].
    #[serde(default)]
    pub language: Option<String>,
}

impl RegistrationInput {
    pub fn parse(self, conn: &mut DbConnection, now: NaiveDateTime) -> AppResult<Registration> {
        let mut errors = FieldErrors::default();
        let display_name = self.display_name.trim().to_string();
        if display_name.is_empty() {
            errors.add(
                "display_name",
                Message::new("messages-account-enter-name-other-people"),
            );
        } else if display_name.chars().count() > 80 {
            errors.add(
                "display_name",
                Message::new("messages-account-use-most-80-characters"),
            );
        } else if display_name.chars().any(char::is_control) {
            errors.add(
                "display_name",
                Message::new("messages-account-name-no-line-breaks"),
            );
        }
        let email = normalize_email(&self.email);
        if !valid_email(&email) {
            errors.add(
                "email",
                Message::new("messages-account-enter-email-address-name"),
            );
        }
        if let Err(message) = password::check_policy(&self.password, &email) {
            errors.add("password", message);
        }
        let profile = ProfileInput {
            gender: self.gender,
            birth_year: self.birth_year,
            district: self.district,
        }
        .parse_into(conn, now, &mut errors)?;
        let language = match self.language.as_deref() {
            None | Some("") => crate::i18n::Lang::default(),
            Some(code) => crate::i18n::Lang::parse(code).unwrap_or_else(|| {
                errors.add("language", Message::new("messages-account-choose-language"));
                crate::i18n::Lang::default()
            }),
        };
        errors.into_result()?;
        Ok(Registration {
            language,
            display_name,
            email,
            password: self.password,
            gender: profile.gender,
            birth_year: profile.birth_year,
            district_id: profile.district_id,
        })
    }
}

/// The optional facts used for eligibility and anonymous statistics.
#[derive(Clone, Debug, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileInput {
    #[serde(default)]
    pub gender: Option<String>,
    #[serde(default)]
    pub birth_year: Option<String>,
    /// District slug.
    #[serde(default)]
    pub district: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Profile {
    pub gender: Option<String>,
    pub birth_year: Option<i32>,
    pub district_id: Option<i64>,
}

impl ProfileInput {
    fn parse_into(
        self,
        conn: &mut DbConnection,
        now: NaiveDateTime,
        errors: &mut FieldErrors,
    ) -> AppResult<Profile> {
        let gender = match self.gender.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(g) if GENDERS.iter().any(|(v, _)| *v == g) => Some(g.to_string()),
            Some(_) => {
                errors.add(
                    "gender",
                    Message::new("messages-account-choose-options-leave-empty"),
                );
                None
            }
        };
        let this_year = now.format("%Y").to_string().parse::<i32>().unwrap_or(2026);
        let birth_year = match self.birth_year.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(y) => match y.parse::<i32>() {
                Ok(y) if (this_year - 120..=this_year).contains(&y) => Some(y),
                _ => {
                    errors.add(
                        "birth_year",
                        Message::new("messages-account-birth-year-range")
                            .with("from", this_year - 120)
                            .with("to", this_year),
                    );
                    None
                }
            },
        };
        let district_id = match self.district.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(slug) => match district::all(conn)?.into_iter().find(|d| d.slug == slug) {
                Some(d) => Some(d.id),
                None => {
                    errors.add(
                        "district",
                        Message::new("messages-account-choose-district-list-leave"),
                    );
                    None
                }
            },
        };
        Ok(Profile {
            gender,
            birth_year,
            district_id,
        })
    }

    pub fn parse(self, conn: &mut DbConnection, now: NaiveDateTime) -> AppResult<Profile> {
        let mut errors = FieldErrors::default();
        let profile = self.parse_into(conn, now, &mut errors)?;
        errors.into_result()?;
        Ok(profile)
    }
}

pub fn update_profile(
    conn: &mut DbConnection,
    user_id: i64,
    profile: &Profile,
    now: NaiveDateTime,
) -> AppResult<()> {
    user::set_profile(
        conn,
        user_id,
        profile.gender.as_deref(),
        profile.birth_year,
        profile.district_id,
    )?;
    audit::insert(
        conn,
        own_action_day(now),
        Some(user_id),
        "account.profile-updated",
        "",
    )?;
    Ok(())
}

/// What happened to a registration: told to the email's owner by mail, never to the requester.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Registered {
    Created,
    AlreadyHadAccount,
}

/// Creates the account if the email is new, with a message asking to verify the address; if
/// the address has an account, its owner is told by mail instead. The caller answers the same
/// either way, so the response does not tell whether an email has an account; the password is
/// hashed either way so the timing does not tell either.
pub fn register(
    conn: &mut DbConnection,
    mailing: &super::notifications::Mailing,
    reg: &Registration,
    ip: &str,
    now: NaiveDateTime,
) -> AppResult<Registered> {
    let secret = mailing.secret.as_slice();
    // Counted whatever the outcome, so it says nothing about whether the address was new.
    let address = throttle_key(secret, "register-ip", ip);
    if let Some(retry_after_seconds) = throttled(conn, &address, REGISTRATIONS_PER_ADDRESS, now)? {
        count(conn, now, "register.throttled")?;
        return Err(AppError::TooManyRequests {
            message: Message::new("messages-account-too-many-registrations").to_string(),
            retry_after_seconds,
        });
    }
    record_failure(conn, &address, now)?;
    let hash = password::hash(&reg.password);
    crate::db::write_transaction(conn, |conn| create_account(conn, mailing, reg, &hash, now))
}

/// `register` after its throttle, in one transaction with its message.
fn create_account(
    conn: &mut DbConnection,
    mailing: &super::notifications::Mailing,
    reg: &Registration,
    hash: &str,
    now: NaiveDateTime,
) -> AppResult<Registered> {
    if let Some(owner) = user::find_by_email(conn, &reg.email)?.map(Account::from) {
        audit::insert(
            conn,
            now,
            None,
            "account.register-existing",
            "registration attempt for an existing email",
        )?;
        super::account_mail::send_registration_attempt(conn, mailing, &owner, now)?;
        return Ok(Registered::AlreadyHadAccount);
    }
    let result = user::insert(
        conn,
        &NewUser {
            email: &reg.email,
            display_name: &reg.display_name,
            password_hash: hash,
            role: Role::Citizen.as_str(),
            gender: reg.gender.as_deref(),
            birth_year: reg.birth_year,
            district_id: reg.district_id,
            // The day only, and no entry in the audit log: someone who registers and votes
            // within minutes would otherwise be placed on the board by that time.
            created_at: super::utc::start_of_day(now),
        },
    );
    match result {
        Ok(id) => {
            user::set_language(conn, id, reg.language.code())?;
            let created =
                find(conn, id)?.ok_or_else(|| AppError::internal("a new account vanished"))?;
            super::account_mail::send_verification(conn, mailing, &created, now)?;
            Ok(Registered::Created)
        }
        // Two registrations racing for one email: the second is answered like any existing one
        // (and its transaction rolled back on PostgreSQL, so nothing of it stays).
        Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) => Ok(Registered::AlreadyHadAccount),
        Err(e) => Err(e.into()),
    }
}

pub enum LoginResult {
    Success(Account),
    /// Unknown email or wrong password: deliberately the same.
    Refused,
    Throttled {
        retry_after_seconds: i64,
    },
}

/// The name a throttle counter is kept under: keyed with the installation's secret, so a copy
/// of the database cannot tell whose failed attempts (and when) it holds.
pub fn throttle_key(secret: &[u8], kind: &str, subject: &str) -> String {
    format!(
        "{kind}:{}",
        hex::encode(
            &crate::auth::derived_mac(secret, "budgetbox/throttle/v1", subject.as_bytes())[..16]
        )
    )
}

/// The answer to a throttled attempt, saying how long to wait.
pub fn too_many_attempts(lang: crate::i18n::Lang, retry_after_seconds: i64) -> AppError {
    AppError::TooManyRequests {
        message: crate::i18n::t_count(lang, "accounts-too-many-attempts", retry_after_seconds, &[]),
        retry_after_seconds,
    }
}

/// Forgets failed attempts too old to slow anyone down (see `publication`).
pub fn forget_old_failures(conn: &mut DbConnection, now: NaiveDateTime) -> AppResult<()> {
    login_throttle::forget_before(conn, now - FAILURE_MEMORY)?;
    Ok(())
}

fn delay_seconds(failures: i32, free: i32) -> i64 {
    let excess = (failures - free).clamp(0, 20) as u32;
    (FIRST_DELAY_SECONDS << excess).min(MAX_DELAY_SECONDS)
}

/// Back-off for other guessable checks (e.g. census matching), shared with login.
pub fn throttled_key(
    conn: &mut DbConnection,
    key: &str,
    free: i32,
    now: NaiveDateTime,
) -> AppResult<Option<i64>> {
    throttled(conn, key, free, now)
}

pub fn record_failed_attempt(
    conn: &mut DbConnection,
    key: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    record_failure(conn, key, now)
}

/// Seconds to wait before the next attempt on `key`, if any.
fn throttled(
    conn: &mut DbConnection,
    key: &str,
    free: i32,
    now: NaiveDateTime,
) -> AppResult<Option<i64>> {
    let Some(row) = login_throttle::find(conn, key)? else {
        return Ok(None);
    };
    if row.failures < free || now - row.last_failure_at > FAILURE_MEMORY {
        return Ok(None);
    }
    let wait_until = row.last_failure_at + Duration::seconds(delay_seconds(row.failures, free));
    Ok((now < wait_until).then(|| (wait_until - now).num_seconds().max(1)))
}

fn record_failure(conn: &mut DbConnection, key: &str, now: NaiveDateTime) -> AppResult<()> {
    let failures = match login_throttle::find(conn, key)? {
        Some(row) if now - row.last_failure_at <= FAILURE_MEMORY => row.failures + 1,
        _ => 1,
    };
    login_throttle::set_failures(conn, key, failures, now)?;
    Ok(())
}

/// The counters a password guess is kept under, as login keeps them: the account from this
/// address, the account from anywhere, the address (see the `*_FREE_FAILURES`).
struct Guesses {
    pair: String,
    account: String,
    address: String,
}

impl Guesses {
    fn new(secret: &[u8], email: &str, ip: &str) -> Self {
        Guesses {
            pair: throttle_key(secret, "ip-account", &format!("{ip}\n{email}")),
            account: throttle_key(secret, "account", email),
            address: throttle_key(secret, "ip", ip),
        }
    }

    /// Seconds to wait before the next guess, if any.
    fn wait(&self, conn: &mut DbConnection, now: NaiveDateTime) -> AppResult<Option<i64>> {
        Ok([
            throttled(conn, &self.pair, ADDRESS_ACCOUNT_FREE_FAILURES, now)?,
            throttled(conn, &self.account, ACCOUNT_FREE_FAILURES, now)?,
            throttled(conn, &self.address, IP_FREE_FAILURES, now)?,
        ]
        .into_iter()
        .max()
        .flatten())
    }

    fn failed(&self, conn: &mut DbConnection, now: NaiveDateTime) -> AppResult<()> {
        record_failure(conn, &self.pair, now)?;
        record_failure(conn, &self.account, now)?;
        record_failure(conn, &self.address, now)
    }

    fn succeeded(&self, conn: &mut DbConnection) -> AppResult<()> {
        login_throttle::clear(conn, &self.pair)?;
        Ok(())
    }
}

/// Checks a login. Throttled attempts are refused before any password work.
pub fn login(
    conn: &mut DbConnection,
    secret: &[u8],
    email: &str,
    pass: &str,
    ip: &str,
    now: NaiveDateTime,
) -> AppResult<LoginResult> {
    let email = normalize_email(email);
    let guesses = Guesses::new(secret, &email, ip);
    if let Some(retry_after_seconds) = guesses.wait(conn, now)? {
        count(conn, now, "login.throttled")?;
        return Ok(LoginResult::Throttled {
            retry_after_seconds,
        });
    }
    let found = user::find_by_email(conn, &email)?;
    let ok = match &found {
        Some(u) => password::verify(pass, &u.password_hash),
        None => {
            password::verify(pass, password::dummy_hash());
            false
        }
    };
    match found {
        Some(u) if ok => {
            guesses.succeeded(conn)?;
            if password::needs_rehash(&u.password_hash) {
                user::set_password_hash(conn, u.id, &password::hash(pass))?;
            }
            count(conn, now, "login.succeeded")?;
            Ok(LoginResult::Success(u.into()))
        }
        _ => {
            guesses.failed(conn, now)?;
            count(conn, now, "login.failed")?;
            Ok(LoginResult::Refused)
        }
    }
}

/// A signed-in person re-entering their password to confirm a change it guards: where from,
/// and the language a refusal is written in.
pub struct Reentry<'a> {
    pub secret: &'a [u8],
    pub ip: &'a str,
    pub lang: crate::i18n::Lang,
}

/// Whether `pass` is the account's password, with login's back-off on the same counters: a
/// session someone else holds (a copied cookie, a shared computer) cannot be used to guess
/// the password it guards, and its guesses slow down logins to the account too.
fn own_password(
    conn: &mut DbConnection,
    who: &Reentry<'_>,
    user: &Account,
    pass: &str,
    stored: &str,
    now: NaiveDateTime,
) -> AppResult<bool> {
    let guesses = Guesses::new(who.secret, &user.email, who.ip);
    if let Some(retry_after_seconds) = guesses.wait(conn, now)? {
        count(conn, now, "password-check.throttled")?;
        return Err(too_many_attempts(who.lang, retry_after_seconds));
    }
    if password::verify(pass, stored) {
        guesses.succeeded(conn)?;
        return Ok(true);
    }
    guesses.failed(conn, now)?;
    count(conn, now, "password-check.failed")?;
    Ok(false)
}

/// A resident's own account changes are logged with their day only: the time of a change
/// made just before voting would place the person on the bulletin board.
fn own_action_day(now: NaiveDateTime) -> NaiveDateTime {
    super::utc::start_of_day(now)
}

fn count(conn: &mut DbConnection, now: NaiveDateTime, name: &str) -> AppResult<()> {
    audit::increment_counter(conn, &now.format("%Y-%m-%d").to_string(), name)?;
    Ok(())
}

/// The account behind a session, re-read on every request so revocation and role changes
/// take effect at once.
pub fn session_user(
    conn: &mut DbConnection,
    user_id: i64,
    token_version: i32,
    sid: &str,
) -> AppResult<Option<Account>> {
    if crate::db::models::session::is_revoked(conn, sid)? {
        return Ok(None);
    }
    Ok(find(conn, user_id)?.filter(|u| u.token_version == token_version))
}

/// Ends one session (logging out): its tokens are refused from now on, on every instance.
pub fn end_session(
    conn: &mut DbConnection,
    claims: &crate::auth::token::Claims,
    now: NaiveDateTime,
) -> AppResult<()> {
    let until = chrono::DateTime::from_timestamp(crate::auth::token::revoked_until(claims), 0)
        .map_or(now, |t| t.naive_utc());
    crate::db::models::session::revoke(conn, &claims.sid, until, now)?;
    Ok(())
}

pub fn change_password(
    conn: &mut DbConnection,
    who: &Reentry<'_>,
    user: &Account,
    current: &str,
    new: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    let mut errors = FieldErrors::default();
    let stored = password_hash_of(conn, user.id)?;
    if !own_password(conn, who, user, current, &stored, now)? {
        errors.add(
            "current_password",
            Message::new("messages-account-not-current-password"),
        );
    }
    if let Err(message) = password::check_policy(new, &user.email) {
        errors.add("new_password", message);
    }
    errors.into_result()?;
    user::set_password_hash(conn, user.id, &password::hash(new))?;
    // Other sessions end; the caller issues a fresh token for this one. Reset links sent
    // before end too: whoever saw one must not set another password after this one.
    user::bump_token_version(conn, user.id)?;
    email_token::spend_all(conn, user.id, "reset")?;
    audit::insert(
        conn,
        own_action_day(now),
        Some(user.id),
        "account.password-changed",
        "",
    )?;
    Ok(())
}

pub fn logout_everywhere(
    conn: &mut DbConnection,
    user_id: i64,
    now: NaiveDateTime,
) -> AppResult<()> {
    user::bump_token_version(conn, user_id)?;
    audit::insert(
        conn,
        own_action_day(now),
        Some(user_id),
        "account.logout-everywhere",
        "",
    )?;
    Ok(())
}

pub fn set_role(
    conn: &mut DbConnection,
    actor: &Account,
    target_id: i64,
    role: Role,
    now: NaiveDateTime,
) -> AppResult<()> {
    let target = user::find(conn, target_id)?
        .ok_or_else(|| AppError::NotFound(format!("there is no account {target_id}").into()))?;
    if target.id == actor.id && role != Role::Council {
        return Err(AppError::Unprocessable(Message::new(
            "messages-accounts-cannot-remove-own-council",
        )));
    }
    user::set_role(conn, target.id, role.as_str())?;
    audit::insert(
        conn,
        now,
        Some(actor.id),
        "role.changed",
        &format!(
            "account {} from {} to {}",
            target.id,
            target.role,
            role.as_str()
        ),
    )?;
    Ok(())
}

/// Everything we hold about a person, for them to download.
#[derive(Serialize, utoipa::ToSchema)]
pub struct PersonalData {
    pub account: serde_json::Value,
    pub proposals: Vec<serde_json::Value>,
    pub activity: Vec<serde_json::Value>,
    pub note: &'static str,
}

pub fn personal_data(conn: &mut DbConnection, user_id: i64) -> AppResult<PersonalData> {
    let u = user::find(conn, user_id)?.ok_or_else(|| {
        AppError::NotFound(Message::new("messages-accounts-account-longer-exists"))
    })?;
    let district_name = match u.district_id {
        Some(id) => district::all(conn)?
            .into_iter()
            .find(|d| d.id == id)
            .map(|d| d.name),
        None => None,
    };
    let proposals = proposal::by_author(conn, user_id)?
        .into_iter()
        .map(|p| serde_json::json!({"id": p.id, "round_id": p.round_id, "title": p.title, "description": p.description, "status": p.status, "created_at": p.created_at}))
        .collect();
    let activity = audit::of_actor(conn, user_id)?
        .into_iter()
        .map(|a| serde_json::json!({"at": a.at, "action": a.action, "detail": a.detail}))
        .collect();
    Ok(PersonalData {
        account: serde_json::json!({
            "id": u.id, "email": u.email, "display_name": u.display_name, "role": u.role,
            "gender": u.gender, "birth_year": u.birth_year, "district": district_name, "created_at": u.created_at,
        }),
        proposals,
        activity,
        note: "Your ballots are not linked to your account, so they cannot be listed here; we only record that you took part in a round.",
    })
}

/// Deletes the account and its personal data. Ballots stay (they were never linked to the
/// person); proposals stay public, credited to "deleted user".
/// The owner confirms with the password, or, for an account without one (created at an
/// identity provider), by ticking the confirmation.
pub fn delete_account(
    conn: &mut DbConnection,
    who: &Reentry<'_>,
    user: &Account,
    pass: &str,
    confirmed: bool,
    now: NaiveDateTime,
) -> AppResult<()> {
    let stored = password_hash_of(conn, user.id)?;
    let (ok, field, key) = if stored.is_empty() {
        (confirmed, "confirm", "identity-delete-confirm-needed")
    } else {
        (
            own_password(conn, who, user, pass, &stored, now)?,
            "password",
            "messages-account-not-password",
        )
    };
    if !ok {
        let mut errors = FieldErrors::default();
        errors.add(field, Message::new(key));
        return Err(errors.into());
    }
    crate::db::write_transaction(conn, |conn| {
        user::delete(conn, user.id)?;
        audit::insert(
            conn,
            now,
            None,
            "account.deleted",
            "an account was deleted at its owner's request",
        )?;
        Ok(())
    })
}

/// The account with this address (already normalised), or a 404 that names it.
pub fn find_by_email(conn: &mut DbConnection, email: &str) -> AppResult<Account> {
    user::find_by_email(conn, email)?
        .map(Account::from)
        .ok_or_else(|| AppError::NotFound(format!("there is no account {email}").into()))
}
