//! The optional survey after voting: how easy it was, whether people found what they needed,
//! and a free-text comment — with no link to the voter or the ballot.
//!
//! Each receipt carries a one-time token (a random nonce signed with the installation key), so
//! only people who just voted can answer, and only once per ballot, without the server ever
//! recording who answered: the token is not derived from the voter, and only the hash of a
//! used nonce is kept to refuse a second use.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use crate::db::schema::{feedback, feedback_tokens};
use crate::db::{write_transaction, DbConnection};
use crate::domain::ids::RoundId;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::i18n::Message;

pub const EASE: [(&str, &str); 5] = [
    ("1", "Very hard"),
    ("2", "Hard"),
    ("3", "Neither easy nor hard"),
    ("4", "Easy"),
    ("5", "Very easy"),
];
pub const FOUND: [(&str, &str); 3] = [("yes", "Yes"), ("partly", "Partly"), ("no", "No")];
pub const MAX_COMMENT: usize = 1000;

fn signature(secret: &[u8], round_id: i64, nonce: &str) -> String {
    hex::encode(crate::auth::derived_mac(
        secret,
        "budgetbox/feedback/v1",
        format!("{round_id}\n{nonce}").as_bytes(),
    ))
}

/// A fresh token for the receipt page of a ballot just cast in `round_id`.
pub fn new_token(secret: &[u8], round_id: RoundId) -> String {
    let round_id = round_id.0;
    let nonce = crate::auth::csrf::new_nonce();
    format!("{nonce}.{}", signature(secret, round_id, &nonce))
}

fn nonce_of(secret: &[u8], round_id: i64, token: &str) -> Option<String> {
    let (nonce, sig) = token.trim().split_once('.')?;
    (nonce.len() == 64 && crate::auth::csrf::verify_mac(&signature(secret, round_id, nonce), sig))
        .then(|| nonce.to_string())
}

/// The answers as sent by the form, as text.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Answers {
    pub token: String,
    pub ease: Option<String>,
    pub found: Option<String>,
    pub comment: Option<String>,
}

/// Stores one answer set. `Conflict` when the token was already used.
pub fn submit(
    conn: &mut DbConnection,
    secret: &[u8],
    round_id: RoundId,
    answers: &Answers,
    now: NaiveDateTime,
) -> AppResult<()> {
    let round_id = round_id.0;
    let nonce = nonce_of(secret, round_id, &answers.token).ok_or_else(|| {
        AppError::Forbidden(Message::new("messages-feedback-survey-link-valid-offered"))
    })?;
    let mut errors = FieldErrors::default();
    let ease = match answers.ease.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(v) => match v.parse::<i32>() {
            Ok(n) if (1..=5).contains(&n) => Some(n),
            _ => {
                errors.add("ease", Message::new("messages-survey-choose-five-answers"));
                None
            }
        },
    };
    let found = match answers.found.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(v) if FOUND.iter().any(|(f, _)| *f == v) => Some(v.to_string()),
        Some(_) => {
            errors.add(
                "found",
                Message::new("messages-survey-choose-yes-partly-no"),
            );
            None
        }
    };
    let comment = answers.comment.as_deref().unwrap_or("").trim().to_string();
    if comment.chars().count() > MAX_COMMENT {
        errors.add(
            "comment",
            Message::new("messages-survey-comment-too-long").with("max", MAX_COMMENT),
        );
    }
    if errors.is_empty() && ease.is_none() && found.is_none() && comment.is_empty() {
        errors.add(
            "ease",
            Message::new("messages-survey-answer-least-question-just"),
        );
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let token_hash = hex::encode(Sha256::digest(nonce.as_bytes()));
    write_transaction(conn, |conn| {
        let inserted = diesel::insert_into(feedback_tokens::table)
            .values((
                feedback_tokens::token_hash.eq(&token_hash),
                feedback_tokens::round_id.eq(round_id),
            ))
            .execute(conn);
        match inserted {
            Err(diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::UniqueViolation,
                _,
            )) => {
                return Err(AppError::Conflict(Message::new(
                    "messages-feedback-already-answered-survey-thank",
                )))
            }
            other => other?,
        };
        // A random id, like participations: answers carry no order to line up with the board.
        let id: i64 = rand::Rng::random_range(&mut rand::rng(), 1..(1i64 << 53));
        diesel::insert_into(feedback::table)
            .values((
                feedback::id.eq(id),
                feedback::round_id.eq(round_id),
                feedback::ease.eq(ease),
                feedback::found.eq(found.as_deref()),
                feedback::comment.eq(&comment),
                feedback::day.eq(now.date().to_string()),
            ))
            .execute(conn)?;
        Ok(())
    })
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Summary {
    pub responses: usize,
    /// How many chose each answer, "Very hard" first.
    pub ease: Vec<(String, usize)>,
    pub average_ease: Option<f64>,
    pub found: Vec<(String, usize)>,
    /// Free-text comments, in no particular order. They may hold anything people typed:
    /// council and auditors only.
    pub comments: Vec<String>,
}

pub fn summary(conn: &mut DbConnection, round_id: RoundId) -> AppResult<Summary> {
    let round_id = round_id.0;
    super::rounds::find(conn, RoundId(round_id))?;
    let rows: Vec<(Option<i32>, Option<String>, String)> = feedback::table
        .filter(feedback::round_id.eq(round_id))
        .order(feedback::id.desc())
        .select((feedback::ease, feedback::found, feedback::comment))
        .load(conn)?;
    let eases: Vec<i32> = rows.iter().filter_map(|r| r.0).collect();
    Ok(Summary {
        responses: rows.len(),
        ease: EASE
            .iter()
            .map(|(v, label)| {
                let n = eases.iter().filter(|e| e.to_string() == *v).count();
                (label.to_string(), n)
            })
            .collect(),
        average_ease: (!eases.is_empty())
            .then(|| eases.iter().map(|&e| f64::from(e)).sum::<f64>() / eases.len() as f64),
        found: FOUND
            .iter()
            .map(|(v, label)| {
                let n = rows.iter().filter(|r| r.1.as_deref() == Some(*v)).count();
                (label.to_string(), n)
            })
            .collect(),
        comments: rows
            .into_iter()
            .map(|r| r.2)
            .filter(|c| !c.is_empty())
            .collect(),
    })
}
