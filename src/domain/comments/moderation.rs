//! Reports of abusive comments and what moderators decide.

use chrono::NaiveDateTime;
use serde::Serialize;
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use super::comment_row;
use crate::db::models::{audit, comment};
use crate::db::DbConnection;
use crate::domain::ids::{CommentId, ProposalId};
use crate::domain::notifications::{comment_hidden, Mailing};
use crate::domain::people::Account;
use crate::error::{AppError, AppResult};
use crate::i18n::Message;

/// A reason as moderators and reporters give it: 5 to 500 characters, as for proposals; a
/// report may give none.
fn reason_of(raw: &str, field: &str, required: bool) -> AppResult<String> {
    if !required && raw.trim().is_empty() {
        return Ok(String::new());
    }
    crate::domain::proposals::moderation_reason(raw, field)
}

/// Anyone signed in may report a comment, once; the reason is optional.
pub fn flag(
    conn: &mut DbConnection,
    who: &Account,
    id: CommentId,
    reason: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    let reason = reason_of(reason, "reason", false)?;
    let row = comment_row(conn, id)?;
    if row.deleted_at.is_some() || row.hidden_at.is_some() {
        return Err(AppError::Conflict(Message::new("messages-comments-gone")));
    }
    if !comment::flag(conn, row.id, who.id, &reason, now)? {
        return Err(AppError::Conflict(Message::new(
            "messages-comments-already-reported",
        )));
    }
    Ok(())
}

/// Moderators hide a comment with a public reason. Its text is erased, so it is gone from
/// every page, language, API answer and export; the audit log keeps who did it, why, and the
/// SHA-256 of the text, which proves what was hidden should a copy ever be produced. The
/// author is told.
pub fn hide(
    conn: &mut DbConnection,
    mailing: &Mailing,
    moderator: &Account,
    id: CommentId,
    reason: &str,
    now: NaiveDateTime,
) -> AppResult<ProposalId> {
    let reason = reason_of(reason, "reason", true)?;
    crate::db::write_transaction(conn, |conn| {
        let row = comment_row(conn, id)?;
        if row.hidden_at.is_some() {
            return Err(AppError::Conflict(Message::new(
                "messages-comments-already-hidden",
            )));
        }
        if row.deleted_at.is_some() {
            return Err(AppError::Conflict(Message::new("messages-comments-gone")));
        }
        let detail = serde_json::json!({
            "comment_id": row.id,
            "proposal_id": row.proposal_id,
            "author_id": row.author_id,
            "reason": reason,
            "text_sha256": hex::encode(Sha256::digest(row.body.as_bytes())),
        })
        .to_string();
        audit::insert(conn, now, Some(moderator.id), "comment hidden", &detail)?;
        comment::mark_hidden(conn, row.id, &reason, now)?;
        comment::settle_flags(conn, row.id)?;
        if let Some(author) = row
            .author_id
            .map(|a| crate::domain::people::find(conn, a))
            .transpose()?
            .flatten()
        {
            comment_hidden(
                conn,
                mailing,
                &author,
                ProposalId(row.proposal_id),
                &reason,
                now,
            )?;
        }
        Ok(ProposalId(row.proposal_id))
    })
}

/// Moderators read the reports and keep the comment: its reports leave the queue.
pub fn keep(
    conn: &mut DbConnection,
    moderator: &Account,
    id: CommentId,
    now: NaiveDateTime,
) -> AppResult<ProposalId> {
    crate::db::write_transaction(conn, |conn| {
        let row = comment_row(conn, id)?;
        let detail =
            serde_json::json!({"comment_id": row.id, "proposal_id": row.proposal_id}).to_string();
        audit::insert(
            conn,
            now,
            Some(moderator.id),
            "comment kept after reports",
            &detail,
        )?;
        comment::settle_flags(conn, row.id)?;
        Ok(ProposalId(row.proposal_id))
    })
}

/// A reported comment waiting for moderators.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Reported {
    #[schema(value_type = i64)]
    pub id: CommentId,
    pub proposal_id: i64,
    pub proposal_title: String,
    pub body: String,
    #[serde(serialize_with = "crate::domain::utc::serialize")]
    pub first_reported_at: NaiveDateTime,
    /// The reasons given (empty when a reporter gave none), oldest first.
    pub reasons: Vec<String>,
}

/// Reported comments not decided on yet, the longest waiting first.
pub fn queue(conn: &mut DbConnection) -> AppResult<Vec<Reported>> {
    Ok(comment::queue(conn)?
        .into_iter()
        .filter(|f| f.comment.hidden_at.is_none() && f.comment.deleted_at.is_none())
        .map(|f| Reported {
            id: CommentId(f.comment.id),
            proposal_id: f.comment.proposal_id,
            proposal_title: f.proposal_title,
            body: f.comment.body,
            first_reported_at: f.first_at,
            reasons: f.reasons,
        })
        .collect())
}
