//! Deliberation on proposals: residents comment, with one level of replies; the proposal's
//! author and city staff answer officially; reports of abuse go to moderators.
//!
//! Deleted and hidden comments keep their place in the thread but lose their text: the row's
//! body is emptied, so no page, API answer or export can show it again.

mod moderation;
mod writing;

pub use moderation::*;
pub use writing::*;

use chrono::{Duration, NaiveDateTime};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::db::models::{comment, moderation as proposal_moderation, proposal, user};
use crate::db::DbConnection;
use crate::domain::ids::{CommentId, ProposalId, RoundId};
use crate::domain::people::Account;
use crate::domain::round_config::proposal_rules;
use crate::domain::rounds::Phase;
use crate::domain::status::ProposalStatus;
use crate::error::{AppError, AppResult};
use crate::i18n::Message;

/// Longest comment, in characters.
pub const MAX_LENGTH: usize = 2000;
/// A comment can be edited this long after it was written.
pub const EDIT_MINUTES: i64 = 10;
/// Top-level comments per page.
pub const PAGE_SIZE: i64 = 50;
/// At most this many comments per account in [`RATE_WINDOW_MINUTES`].
pub const RATE_LIMIT: i64 = 5;
pub const RATE_WINDOW_MINUTES: i64 = 10;

/// Who answered officially.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Official {
    /// The proposal's author.
    Author,
    /// City staff (council or reviewers).
    Council,
}

impl Official {
    fn parse(s: Option<&str>) -> Option<Official> {
        match s {
            Some("author") => Some(Official::Author),
            Some("council") => Some(Official::Council),
            _ => None,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Official::Author => "author",
            Official::Council => "council",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CommentState {
    Visible,
    /// Its author deleted it.
    Deleted,
    /// Moderators hid it; `hidden_reason` says why.
    Hidden,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CommentView {
    #[schema(value_type = i64)]
    pub id: CommentId,
    pub parent_id: Option<i64>,
    /// The author's display name; `None` once the comment is deleted or hidden, or the account
    /// is gone.
    pub author: Option<String>,
    pub official: Option<Official>,
    pub state: CommentState,
    /// `None` once the comment is deleted or hidden: the text is gone.
    pub body: Option<String>,
    pub hidden_reason: Option<String>,
    #[serde(serialize_with = "crate::domain::utc::serialize")]
    pub created_at: NaiveDateTime,
    pub edited: bool,
    /// The reader wrote it.
    pub mine: bool,
    /// The reader may still edit it (their own, visible, within 10 minutes).
    pub can_edit: bool,
    /// The reader reported it already.
    pub flagged: bool,
    /// Oldest first; replies have no replies.
    #[schema(no_recursion)]
    pub replies: Vec<CommentView>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Order {
    #[default]
    Newest,
    Oldest,
}

#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
pub struct CommentQuery {
    /// `newest` (the default) or `oldest` first.
    #[serde(default)]
    pub order: Option<String>,
    /// From 1.
    #[serde(default)]
    pub page: Option<String>,
}

impl CommentQuery {
    /// The order and page asked for; anything unreadable falls back to the first page,
    /// newest first, as a mistyped link should still show the conversation.
    pub fn read(&self) -> (Order, i64) {
        let order = match self.order.as_deref() {
            Some("oldest") => Order::Oldest,
            _ => Order::Newest,
        };
        let page = self
            .page
            .as_deref()
            .and_then(|p| p.parse::<i64>().ok())
            .filter(|p| (1..=1_000_000).contains(p))
            .unwrap_or(1);
        (order, page)
    }
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CommentPage {
    pub proposal_id: i64,
    pub order: Order,
    pub page: i64,
    pub pages: i64,
    /// Top-level comments (threads) in all pages.
    pub threads: i64,
    pub comments: Vec<CommentView>,
    /// Whether the reader may comment now; when not, `closed_reason` says why and what to do.
    pub can_comment: bool,
    pub closed_reason: Option<String>,
}

/// Why a person may not comment on a proposal now, or `None` when they may.
pub fn refusal(
    conn: &mut DbConnection,
    who: Option<&Account>,
    proposal: &proposal::ProposalRow,
    now: NaiveDateTime,
) -> AppResult<Option<Message>> {
    let Some(who) = who else {
        return Ok(Some(Message::new("messages-comments-sign-in")));
    };
    if ProposalStatus::of(&proposal.status) == ProposalStatus::Withdrawn
        || proposal_moderation::state(conn, proposal.id)?.is_some_and(|(hidden, _)| hidden)
    {
        return Ok(Some(Message::new("messages-comments-proposal-closed")));
    }
    let round = crate::domain::rounds::find(conn, RoundId(proposal.round_id))?;
    let rules = proposal_rules(conn, RoundId(proposal.round_id))?;
    if !rules.comments.open_in(Phase::of(&round, now)) {
        return Ok(Some(Message::new(rules.comments.closed_key())));
    }
    if staff(who) {
        return Ok(None);
    }
    if rules.comment_requires_verified_email && !who.email_verified {
        return Ok(Some(Message::new("messages-comments-verify-email")));
    }
    let days = i64::from(rules.comment_min_account_days);
    let old_enough = who.created_at + Duration::days(days);
    if days > 0 && old_enough > now {
        return Ok(Some(
            Message::new("messages-comments-account-too-new")
                .with("days", days)
                .with("date", old_enough.format("%Y-%m-%d")),
        ));
    }
    Ok(None)
}

fn staff(who: &Account) -> bool {
    matches!(who.role.as_str(), "council" | "reviewer")
}

/// The proposal, or 404.
fn proposal_row(conn: &mut DbConnection, id: ProposalId) -> AppResult<proposal::ProposalRow> {
    proposal::find(conn, id.0)?
        .ok_or_else(|| AppError::NotFound(Message::new("messages-no-proposal").with("id", id.0)))
}

/// The comment, or 404.
fn comment_row(conn: &mut DbConnection, id: CommentId) -> AppResult<comment::CommentRow> {
    comment::find(conn, id.0)?.ok_or_else(|| {
        AppError::NotFound(Message::new("messages-comments-no-comment").with("id", id.0))
    })
}

/// A page of a proposal's conversation as `reader` sees it, in the language of `lang` for the
/// reason commenting is closed.
pub fn page(
    conn: &mut DbConnection,
    proposal_id: ProposalId,
    reader: Option<&Account>,
    order: Order,
    page: i64,
    now: NaiveDateTime,
    lang: crate::i18n::Lang,
) -> AppResult<CommentPage> {
    let proposal = proposal_row(conn, proposal_id)?;
    // A hidden proposal's conversation is hidden with it.
    let hidden = proposal_moderation::state(conn, proposal.id)?.is_some_and(|(h, _)| h);
    let (rows, threads) = if hidden {
        (Vec::new(), 0)
    } else {
        comment::threads(
            conn,
            proposal.id,
            order == Order::Newest,
            (page - 1) * PAGE_SIZE,
            PAGE_SIZE,
        )?
    };
    let replies = comment::replies_to(
        conn,
        proposal.id,
        &rows.iter().map(|r| r.id).collect::<Vec<_>>(),
    )?;
    let reader_id = reader.map(|r| r.id);
    let all_ids: Vec<i64> = rows.iter().chain(&replies).map(|r| r.id).collect();
    let flagged = match reader_id {
        Some(id) => comment::flagged_by(conn, &all_ids, id)?,
        None => Vec::new(),
    };
    let mut names = Names::default();
    let mut view = |conn: &mut DbConnection, row: &comment::CommentRow| {
        to_view(
            conn,
            row,
            reader_id,
            flagged.contains(&row.id),
            now,
            &mut names,
        )
    };
    let mut comments = Vec::with_capacity(rows.len());
    for row in &rows {
        let mut thread = view(conn, row)?;
        for reply in replies.iter().filter(|r| r.parent_id == Some(row.id)) {
            thread.replies.push(view(conn, reply)?);
        }
        comments.push(thread);
    }
    let closed = refusal(conn, reader, &proposal, now)?;
    Ok(CommentPage {
        proposal_id: proposal.id,
        order,
        page,
        pages: ((threads + PAGE_SIZE - 1) / PAGE_SIZE).max(1),
        threads,
        comments,
        can_comment: closed.is_none(),
        closed_reason: closed.map(|m| m.text(lang)),
    })
}

/// Display names of authors, looked up once per page.
#[derive(Default)]
struct Names(std::collections::HashMap<i64, Option<String>>);

impl Names {
    fn of(&mut self, conn: &mut DbConnection, id: i64) -> AppResult<Option<String>> {
        if let Some(name) = self.0.get(&id) {
            return Ok(name.clone());
        }
        let name = user::find(conn, id)?.map(|u| u.display_name);
        self.0.insert(id, name.clone());
        Ok(name)
    }
}

fn to_view(
    conn: &mut DbConnection,
    row: &comment::CommentRow,
    reader_id: Option<i64>,
    flagged: bool,
    now: NaiveDateTime,
    names: &mut Names,
) -> AppResult<CommentView> {
    let state = if row.hidden_at.is_some() {
        CommentState::Hidden
    } else if row.deleted_at.is_some() {
        CommentState::Deleted
    } else {
        CommentState::Visible
    };
    let visible = state == CommentState::Visible;
    let author = match (visible, row.author_id) {
        (true, Some(id)) => names.of(conn, id)?,
        _ => None,
    };
    let mine = reader_id.is_some() && row.author_id == reader_id;
    Ok(CommentView {
        id: CommentId(row.id),
        parent_id: row.parent_id,
        author,
        official: Official::parse(row.official.as_deref()).filter(|_| visible),
        state,
        body: visible.then(|| row.body.clone()),
        hidden_reason: row
            .hidden_reason
            .clone()
            .filter(|_| state == CommentState::Hidden),
        created_at: row.created_at,
        edited: visible && row.edited_at.is_some(),
        mine,
        can_edit: mine && visible && editable_until(row) > now,
        flagged,
        replies: Vec::new(),
    })
}

/// One comment (without its replies) as `reader` sees it, with its proposal's title.
pub fn one(
    conn: &mut DbConnection,
    id: CommentId,
    reader: Option<&Account>,
    now: NaiveDateTime,
) -> AppResult<(CommentView, ProposalId, String)> {
    let row = comment_row(conn, id)?;
    let proposal = proposal_row(conn, ProposalId(row.proposal_id))?;
    let reader_id = reader.map(|r| r.id);
    let flagged = match reader_id {
        Some(r) => !comment::flagged_by(conn, &[row.id], r)?.is_empty(),
        None => false,
    };
    let view = to_view(conn, &row, reader_id, flagged, now, &mut Names::default())?;
    let hidden = crate::domain::hidden::hidden_in_round(conn, RoundId(proposal.round_id))?;
    let (title, _) =
        crate::domain::hidden::public_text(&hidden, proposal.id, proposal.title, String::new());
    Ok((view, ProposalId(proposal.id), title))
}

fn editable_until(row: &comment::CommentRow) -> NaiveDateTime {
    row.created_at + Duration::minutes(EDIT_MINUTES)
}

/// Comments (replies included) per proposal, for lists.
pub fn counts(
    conn: &mut DbConnection,
    proposal_ids: &[ProposalId],
) -> AppResult<std::collections::HashMap<i64, i64>> {
    let ids: Vec<i64> = proposal_ids.iter().map(|p| p.0).collect();
    Ok(comment::counts(conn, &ids)?.into_iter().collect())
}

/// The official answers on a proposal: (when, who, text), oldest first.
pub fn official_answers(
    conn: &mut DbConnection,
    proposal_id: ProposalId,
) -> AppResult<Vec<(NaiveDateTime, Official, String)>> {
    Ok(comment::official_of(conn, proposal_id.0)?
        .into_iter()
        .filter_map(|row| {
            Official::parse(row.official.as_deref()).map(|o| (row.created_at, o, row.body))
        })
        .collect())
}
