//! Writing, editing and deleting comments.

use chrono::{Duration, NaiveDateTime};
use serde::Deserialize;
use utoipa::ToSchema;

use super::{
    comment_row, editable_until, proposal_row, refusal, staff, Official, EDIT_MINUTES, MAX_LENGTH,
    RATE_LIMIT, RATE_WINDOW_MINUTES,
};
use crate::db::models::comment;
use crate::db::DbConnection;
use crate::domain::ids::{CommentId, ProposalId};
use crate::domain::notifications::{proposal_news, Mailing, ProposalNews};
use crate::domain::people::Account;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::i18n::Message;

#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
pub struct CommentInput {
    pub body: String,
    /// The comment this one answers (a top-level comment of the same proposal).
    #[serde(default)]
    pub parent_id: Option<i64>,
}

#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
pub struct CommentEdit {
    pub body: String,
}

/// The text as stored: trimmed, not empty, at most [`MAX_LENGTH`] characters. Markup is kept
/// as typed and escaped wherever it is shown.
fn body_of(raw: &str) -> AppResult<String> {
    let body = raw.trim();
    let key = match body.chars().count() {
        0 => "messages-comments-empty",
        n if n > MAX_LENGTH => "messages-comments-too-long",
        _ => return Ok(body.to_string()),
    };
    let mut e = FieldErrors::default();
    e.add(
        "body",
        Message::new(key)
            .with("max", MAX_LENGTH)
            .with("count", body.chars().count()),
    );
    Err(e.into())
}

/// Writes a comment or a reply. An answer by the proposal's author or by city staff is marked
/// official, and the proposal's followers (and, for staff answers, its author) are told.
pub fn post(
    conn: &mut DbConnection,
    mailing: &Mailing,
    who: &Account,
    proposal_id: ProposalId,
    input: &CommentInput,
    now: NaiveDateTime,
) -> AppResult<CommentId> {
    let body = body_of(&input.body)?;
    crate::db::write_transaction(conn, |conn| {
        let proposal = proposal_row(conn, proposal_id)?;
        if let Some(why) = refusal(conn, Some(who), &proposal, now)? {
            return Err(AppError::Forbidden(why));
        }
        if let Some(parent) = input.parent_id {
            let parent = comment::find(conn, parent)?.filter(|p| p.proposal_id == proposal.id);
            match parent {
                None => {
                    let mut e = FieldErrors::default();
                    e.add("parent_id", Message::new("messages-comments-no-parent"));
                    return Err(e.into());
                }
                Some(p) if p.parent_id.is_some() => {
                    return Err(AppError::Unprocessable(Message::new(
                        "messages-comments-reply-to-reply",
                    )))
                }
                Some(p) if p.deleted_at.is_some() || p.hidden_at.is_some() => {
                    return Err(AppError::Conflict(Message::new(
                        "messages-comments-parent-gone",
                    )))
                }
                Some(_) => {}
            }
        }
        let since = now - Duration::minutes(RATE_WINDOW_MINUTES);
        if comment::written_since(conn, who.id, since)? >= RATE_LIMIT {
            return Err(AppError::TooManyRequests {
                message: Message::new("messages-comments-slow-down")
                    .with("count", RATE_LIMIT)
                    .with("minutes", RATE_WINDOW_MINUTES)
                    .to_string(),
                retry_after_seconds: RATE_WINDOW_MINUTES * 60,
            });
        }
        let official = if proposal.author_id == Some(who.id) {
            Some(Official::Author)
        } else if staff(who) {
            Some(Official::Council)
        } else {
            None
        };
        let id = comment::insert(
            conn,
            &comment::NewComment {
                proposal_id: proposal.id,
                parent_id: input.parent_id,
                author_id: Some(who.id),
                body: &body,
                official: official.map(Official::as_str),
                created_at: now,
            },
        )?;
        if let Some(by) = official {
            let news = ProposalNews::Answered {
                by_author: by == Official::Author,
                text: body.clone(),
            };
            proposal_news(conn, mailing, ProposalId(proposal.id), &news, now)?;
        }
        Ok(CommentId(id))
    })
}

/// The author changes their comment's text, within [`EDIT_MINUTES`] of writing it.
pub fn edit(
    conn: &mut DbConnection,
    who: &Account,
    id: CommentId,
    input: &CommentEdit,
    now: NaiveDateTime,
) -> AppResult<()> {
    let body = body_of(&input.body)?;
    crate::db::write_transaction(conn, |conn| {
        let row = editable(conn, who, id, now)?;
        comment::set_body(conn, row.id, &body, now)?;
        Ok(())
    })
}

/// The author deletes their comment: its text is gone, "comment deleted" keeps its place so
/// replies still read in order.
pub fn delete(
    conn: &mut DbConnection,
    who: &Account,
    id: CommentId,
    now: NaiveDateTime,
) -> AppResult<()> {
    crate::db::write_transaction(conn, |conn| {
        let row = comment_row(conn, id)?;
        if row.author_id != Some(who.id) {
            return Err(AppError::Forbidden(Message::new(
                "messages-comments-not-yours",
            )));
        }
        if row.deleted_at.is_some() || row.hidden_at.is_some() {
            return Ok(());
        }
        comment::mark_deleted(conn, row.id, now)?;
        Ok(())
    })
}

/// The proposal a comment belongs to (for links back to its page).
pub fn proposal_of(conn: &mut DbConnection, id: CommentId) -> AppResult<ProposalId> {
    Ok(ProposalId(comment_row(conn, id)?.proposal_id))
}

/// The comment's text as its author may still edit it, or why they may not.
pub fn editable_text(
    conn: &mut DbConnection,
    who: &Account,
    id: CommentId,
    now: NaiveDateTime,
) -> AppResult<String> {
    Ok(editable(conn, who, id, now)?.body)
}

fn editable(
    conn: &mut DbConnection,
    who: &Account,
    id: CommentId,
    now: NaiveDateTime,
) -> AppResult<comment::CommentRow> {
    let row = comment_row(conn, id)?;
    if row.author_id != Some(who.id) {
        return Err(AppError::Forbidden(Message::new(
            "messages-comments-not-yours",
        )));
    }
    if row.deleted_at.is_some() || row.hidden_at.is_some() {
        return Err(AppError::Conflict(Message::new("messages-comments-gone")));
    }
    if editable_until(&row) <= now {
        return Err(AppError::Conflict(
            Message::new("messages-comments-edit-too-late").with("minutes", EDIT_MINUTES),
        ));
    }
    Ok(row)
}
