//! Reports of abuse, and hiding or showing a proposal's text with a public reason.

use chrono::NaiveDateTime;

use super::{moderation_reason, proposal_of};
use crate::db::models::{audit, moderation, proposal_image};
use crate::db::DbConnection;
use crate::domain::ids::{ProposalId, RoundId};
use crate::domain::people::Account;
use crate::error::{AppError, AppResult};
use crate::i18n::Message;

/// Anyone logged in may report a proposal as abusive, once; reviewers see the reports.
pub fn flag(
    conn: &mut DbConnection,
    user: &Account,
    id: ProposalId,
    reason: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    let id = id.0;
    let reason = moderation_reason(reason, "reason")?;
    proposal_of(conn, id)?;
    if !moderation::flag(conn, id, user.id, &reason, now)? {
        return Err(AppError::Conflict(Message::new(
            "messages-proposals-already-reported-proposal-moderators",
        )));
    }
    Ok(())
}

/// Reviewers hide a proposal's text (with a public reason) or show it again. What was hidden
/// is copied into the audit log first, so it stays on record whatever happens to it later.
pub fn moderate(
    conn: &mut DbConnection,
    mailing: &crate::domain::notifications::Mailing,
    moderator_id: i64,
    id: ProposalId,
    hide: bool,
    reason: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    let id = id.0;
    let reason = moderation_reason(reason, "moderation_reason")?;
    crate::db::write_transaction(conn, |conn| {
        let p = proposal_of(conn, id)?;
        let detail = serde_json::json!({
            "proposal_id": id,
            "reason": reason,
            "title": p.title,
            "description": p.description,
            "location": p.location,
        })
        .to_string();
        let action = if hide {
            "proposal hidden"
        } else {
            "proposal shown again"
        };
        audit::insert(conn, now, Some(moderator_id), action, &detail)?;
        moderation::set(conn, id, hide, &reason, now, moderator_id)?;
        if hide {
            let news = crate::domain::notifications::ProposalNews::Hidden {
                reason: reason.clone(),
            };
            crate::domain::notifications::proposal_news(conn, mailing, ProposalId(id), &news, now)?;
        }
        Ok(())
    })
}

/// A round's moderation queue: its title, the reported proposals (id, title, reasons given)
/// and the ids of those hidden.
pub type Queue = (String, Vec<(i64, String, Vec<String>)>, Vec<i64>);

pub fn queue(conn: &mut DbConnection, round_id: RoundId) -> AppResult<Queue> {
    let round_id = round_id.0;
    let title = crate::domain::rounds::find(conn, RoundId(round_id))?.title;
    let flagged = moderation::flagged_in_round(conn, round_id)?;
    let hidden = moderation::hidden_in_round(conn, round_id)?;
    Ok((title, flagged, hidden))
}

/// A proposal's picture (its type and bytes), unless moderators hid the proposal and the
/// viewer is not one of them.
pub fn picture(
    conn: &mut DbConnection,
    id: ProposalId,
    staff: bool,
) -> AppResult<Option<(String, Vec<u8>)>> {
    let id = id.0;
    let hidden = moderation::state(conn, id)?.is_some_and(|(h, _)| h);
    if hidden && !staff {
        return Ok(None);
    }
    Ok(proposal_image::find(conn, id)?)
}
