//! The account flows that go through the mailbox: verifying an address, telling the owner of
//! an address that someone tried to register with it, and resetting a forgotten password.
//! Links are single-use, expire, and are stored only as SHA-256 hashes.

use chrono::{Duration, NaiveDateTime};
use rand::RngCore;
use sha2::{Digest, Sha256};

use super::notifications::{enqueue, language_of, Body, Link, Mailing};
use super::people::Account;
use crate::auth::password;
use crate::db::models::{audit, email_token, user};
use crate::db::DbConnection;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::i18n::{t, t_with, Message};

/// How long a verification link works.
pub const VERIFY_HOURS: i64 = 48;
/// How long a password-reset link works.
pub const RESET_MINUTES: i64 = 60;
/// Verification messages one account may ask for in an hour.
const RESENDS_PER_HOUR: i64 = 3;

fn new_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    let hash = token_hash(&token);
    (token, hash)
}

fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(
        format!("budgetbox/email-token/v1\n{}", token.trim()).as_bytes(),
    ))
}

/// Writes a verification message for the account's address (in the caller's transaction).
pub fn send_verification(
    conn: &mut DbConnection,
    m: &Mailing,
    user: &Account,
    now: NaiveDateTime,
) -> AppResult<()> {
    let (token, hash) = new_token();
    email_token::insert(
        conn,
        &hash,
        user.id,
        "verify",
        now + Duration::hours(VERIFY_HOURS),
    )?;
    let lang = language_of(user);
    let body = Body {
        paragraphs: vec![
            t_with(lang, "mail-verify-body", &[("name", &user.display_name)]),
            t_with(
                lang,
                "mail-link-expires-hours",
                &[("hours", &VERIFY_HOURS.to_string())],
            ),
        ],
        action: Some(Link {
            label: t(lang, "mail-verify-action"),
            url: m.link(&format!("/account/verify?token={token}")),
        }),
        why: t(lang, "mail-why-registered"),
        unsubscribe: None,
    };
    enqueue(
        conn,
        "verify",
        &user.email,
        lang,
        &t(lang, "mail-verify-subject"),
        &body,
        now,
    )
}

/// Tells the owner of an address that someone tried to register with it.
pub fn send_registration_attempt(
    conn: &mut DbConnection,
    m: &Mailing,
    owner: &Account,
    now: NaiveDateTime,
) -> AppResult<()> {
    let lang = language_of(owner);
    let body = Body {
        paragraphs: vec![t(lang, "mail-existing-body")],
        action: Some(Link {
            label: t(lang, "mail-existing-action"),
            url: m.link("/password/forgot"),
        }),
        why: t(lang, "mail-why-account"),
        unsubscribe: None,
    };
    enqueue(
        conn,
        "register-existing",
        &owner.email,
        lang,
        &t(lang, "mail-existing-subject"),
        &body,
        now,
    )
}

/// Another verification message, at most three an hour.
pub fn resend_verification(
    conn: &mut DbConnection,
    m: &Mailing,
    user: &Account,
    now: NaiveDateTime,
) -> AppResult<()> {
    if user.email_verified {
        return Err(AppError::Conflict(Message::new(
            "messages-mail-already-verified",
        )));
    }
    let recent = email_token::issued_since(
        conn,
        user.id,
        "verify",
        now + Duration::hours(VERIFY_HOURS) - Duration::hours(1),
    )?;
    if recent >= RESENDS_PER_HOUR {
        return Err(AppError::TooManyRequests {
            message: Message::new("messages-mail-resend-wait").to_string(),
            retry_after_seconds: 3600,
        });
    }
    crate::db::write_transaction(conn, |conn| send_verification(conn, m, user, now))
}

fn link_refused() -> AppError {
    AppError::Unprocessable(Message::new("messages-mail-link-invalid"))
}

/// Follows a verification link: the account's address is verified. A used, expired or
/// altered link is refused.
pub fn verify_email(conn: &mut DbConnection, token: &str, now: NaiveDateTime) -> AppResult<i64> {
    crate::db::write_transaction(conn, |conn| {
        let user_id = email_token::spend(conn, &token_hash(token), "verify", now)?
            .ok_or_else(link_refused)?;
        user::mark_email_verified(conn, user_id)?;
        Ok(user_id)
    })
}

/// Whether a link can still be used (to show its form, or say it cannot).
pub fn link_usable(
    conn: &mut DbConnection,
    token: &str,
    purpose: &str,
    now: NaiveDateTime,
) -> AppResult<bool> {
    Ok(email_token::is_usable(
        conn,
        &token_hash(token),
        purpose,
        now,
    )?)
}

/// "Forgot my password": a reset link goes to the address if an account uses it. The caller
/// answers the same whatever happens here, and runs it off the request (so the answer takes
/// the same time for known and unknown addresses).
pub fn request_password_reset(
    conn: &mut DbConnection,
    m: &Mailing,
    email: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    let email = super::addresses::normalize_email(email);
    let Some(owner) = super::people::with_email(conn, &email)? else {
        return Ok(());
    };
    // At most three links an hour, quietly: the answer must not tell that the address exists.
    let recent = email_token::issued_since(conn, owner.id, "reset", now)?;
    if recent >= RESENDS_PER_HOUR {
        return Ok(());
    }
    crate::db::write_transaction(conn, |conn| {
        let (token, hash) = new_token();
        email_token::insert(
            conn,
            &hash,
            owner.id,
            "reset",
            now + Duration::minutes(RESET_MINUTES),
        )?;
        let lang = language_of(&owner);
        let body = Body {
            paragraphs: vec![
                t(lang, "mail-reset-body"),
                t_with(
                    lang,
                    "mail-link-expires-minutes",
                    &[("minutes", &RESET_MINUTES.to_string())],
                ),
            ],
            action: Some(Link {
                label: t(lang, "mail-reset-action"),
                url: m.link(&format!("/password/reset?token={token}")),
            }),
            why: t(lang, "mail-why-reset"),
            unsubscribe: None,
        };
        enqueue(
            conn,
            "reset",
            &owner.email,
            lang,
            &t(lang, "mail-reset-subject"),
            &body,
            now,
        )
    })
}

/// Sets a new password with a reset link; every session of the account ends, and every other
/// reset link of it. The link is spent only when the new password is acceptable, so a refused
/// password can be tried again.
pub fn reset_password(
    conn: &mut DbConnection,
    token: &str,
    new_password: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    let hash = token_hash(token);
    if !email_token::is_usable(conn, &hash, "reset", now)? {
        return Err(link_refused());
    }
    crate::db::write_transaction(conn, |conn| {
        let user_id = email_token::spend(conn, &hash, "reset", now)?.ok_or_else(link_refused)?;
        let owner = super::people::find(conn, user_id)?.ok_or_else(link_refused)?;
        if let Err(message) = password::check_policy(new_password, &owner.email) {
            let mut errors = FieldErrors::default();
            errors.add("password", message);
            return Err(errors.into());
        }
        user::set_password_hash(conn, owner.id, &password::hash(new_password))?;
        user::bump_token_version(conn, owner.id)?;
        // The account's other reset links end with this one: a second mail someone else saw
        // must not undo the new password.
        email_token::spend_all(conn, owner.id, "reset")?;
        // Following a link sent to the address proves it, too.
        user::mark_email_verified(conn, owner.id)?;
        audit::insert(
            conn,
            super::utc::start_of_day(now),
            Some(owner.id),
            "account.password-reset",
            "",
        )?;
        Ok(())
    })
}

/// Forgets links that expired more than a day ago (they are refused anyway).
pub fn forget_expired_links(conn: &mut DbConnection, now: NaiveDateTime) -> AppResult<()> {
    email_token::forget_expired(conn, now - Duration::days(1))?;
    Ok(())
}
