//! Proposals: eligible residents submit project ideas during the proposal phase and may edit
//! or withdraw them until review starts; reviewers decide feasibility and the cost that goes on
//! the ballot, with a public reason.

use crate::domain::RoundId;
use chrono::NaiveDateTime;
use serde::Serialize;

use super::people::Account;
use crate::db::models::proposal::{self, ProposalRow};
use crate::db::models::{change_request, proposal_image, proposal_merge, proposal_support, round};
use crate::db::DbConnection;
use crate::domain::ids::ProposalId;
use crate::domain::status::ProposalStatus;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::i18n::Message;

mod moderation;
mod review;
mod search;
mod submission;

pub use moderation::*;
pub use review::*;
pub use search::*;
pub use submission::*;

/// Proposing and supporting are for the round's eligible residents; `act` is the verb.
fn must_be_eligible(
    conn: &mut DbConnection,
    round: &round::RoundRow,
    user: &Account,
    act: &str,
) -> AppResult<()> {
    let eligibility = super::eligibility::check(conn, round, user)?;
    match eligibility.requirements.iter().find(|r| !r.met) {
        Some(unmet) => Err(AppError::Forbidden(
            format!(
                "you cannot {act} proposals in this round: {}",
                unmet.explanation
            )
            .into(),
        )),
        None => Ok(()),
    }
}

fn round_of(conn: &mut DbConnection, round_id: i64) -> AppResult<round::RoundRow> {
    crate::domain::rounds::find(conn, RoundId(round_id))
}

fn proposal_of(conn: &mut DbConnection, id: i64) -> AppResult<ProposalRow> {
    proposal::find(conn, id)?
        .ok_or_else(|| AppError::NotFound(Message::new("messages-no-proposal").with("id", id)))
}

pub(crate) fn moderation_reason(reason: &str, field: &str) -> AppResult<String> {
    let reason = reason.trim();
    match reason.chars().count() {
        5..=500 => Ok(reason.to_string()),
        _ => {
            let mut e = FieldErrors::default();
            e.add(
                field,
                Message::new("messages-proposal-say-5-500-characters"),
            );
            Err(e.into())
        }
    }
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ReviewView {
    #[serde(serialize_with = "crate::domain::utc::serialize")]
    pub at: NaiveDateTime,
    pub decision: ProposalStatus,
    pub validated_cost: Option<i64>,
    pub reason: String,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ProposalView {
    pub id: i64,
    pub round_id: i64,
    pub title: String,
    pub description: String,
    pub district_id: Option<i64>,
    pub category: Option<String>,
    pub location: Option<String>,
    pub estimated_cost: i64,
    pub validated_cost: Option<i64>,
    pub status: ProposalStatus,
    /// True when the estimate exceeds the round's whole budget (accepted, but flagged).
    pub over_budget: bool,
    /// The author's display name, or "deleted user".
    pub author: String,
    /// Who wrote it, for the pages' own checks (only the author may edit); never published:
    /// an account id would let anyone tie a person's proposals together across rounds.
    #[serde(skip)]
    pub author_id: Option<i64>,
    #[serde(serialize_with = "crate::domain::utc::serialize")]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::domain::utc::serialize")]
    pub updated_at: NaiveDateTime,
    pub reviews: Vec<ReviewView>,
    /// Supports gathered (rounds with supports switched on).
    pub supports: i64,
    /// The supports needed to be reviewed, when the round sets a threshold.
    pub support_threshold: Option<i32>,
    /// Why moderators hid the text; the title and description are then empty for everyone
    /// but reviewers and council.
    pub hidden_reason: Option<String>,
    /// The proposal this duplicate was merged into, and why.
    pub merged_into: Option<(i64, String)>,
    /// Authors of duplicates merged into this one, credited with its author.
    pub co_authors: Vec<String>,
    /// Changes reviewers asked for, oldest first.
    pub change_requests: Vec<ChangeRequestView>,
    /// Whether the proposal has a picture (at `/proposals/{id}/image`).
    pub has_image: bool,
    /// Where it would be, if its author said.
    pub point: Option<crate::domain::place::Point>,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ChangeRequestView {
    #[serde(serialize_with = "crate::domain::utc::serialize")]
    pub at: NaiveDateTime,
    pub reason: String,
    #[serde(serialize_with = "crate::domain::utc::serialize_option")]
    pub answered_at: Option<NaiveDateTime>,
}

pub use crate::domain::hidden::{hidden_in_round, HIDDEN_TITLE};

impl ProposalView {
    /// What the public sees of a hidden proposal: the moderators' reason, not the text.
    pub fn redacted(mut self) -> Self {
        if self.hidden_reason.is_some() {
            self.title = HIDDEN_TITLE.into();
            self.description = String::new();
            self.location = None;
            self.point = None;
        }
        self
    }
}

pub fn view(conn: &mut DbConnection, id: ProposalId) -> AppResult<ProposalView> {
    let id = id.0;
    let p = proposal_of(conn, id)?;
    let round = round_of(conn, p.round_id)?;
    let author = match p.author_id {
        Some(a) => crate::db::models::user::find(conn, a)?
            .map_or("deleted user".to_string(), |u| u.display_name),
        None => "deleted user".to_string(),
    };
    let reviews = proposal::reviews_of(conn, id)?
        .into_iter()
        .map(|r| ReviewView {
            at: r.at,
            decision: ProposalStatus::of(&r.decision),
            validated_cost: r.validated_cost,
            reason: r.reason,
        })
        .collect();
    let rules = super::round_config::proposal_rules(conn, RoundId(p.round_id))?;
    let supports = proposal_support::count(conn, id)?;
    let hidden_reason = crate::db::models::moderation::state(conn, id)?
        .filter(|(hidden, _)| *hidden)
        .map(|(_, reason)| reason);
    let merged_into = proposal_merge::merged_into(conn, id)?;
    let mut co_authors = Vec::new();
    for (_, author_id) in proposal_merge::merged_from(conn, id)? {
        let name = match author_id {
            Some(a) => crate::db::models::user::find(conn, a)?
                .map_or("deleted user".to_string(), |u| u.display_name),
            None => "deleted user".to_string(),
        };
        co_authors.push(name);
    }
    let change_requests = change_request::of_proposal(conn, id)?
        .into_iter()
        .map(|r| ChangeRequestView {
            at: r.at,
            reason: r.reason,
            answered_at: r.answered_at,
        })
        .collect();
    let has_image = proposal_image::exists(conn, id)?;
    Ok(ProposalView {
        merged_into,
        co_authors,
        change_requests,
        has_image,
        supports,
        support_threshold: rules.support_threshold,
        hidden_reason,
        over_budget: p.estimated_cost > round.total_budget,
        id: p.id,
        round_id: p.round_id,
        title: p.title,
        description: p.description,
        district_id: p.district_id,
        category: p.category,
        location: p.location,
        estimated_cost: p.estimated_cost,
        validated_cost: p.validated_cost,
        status: ProposalStatus::of(&p.status),
        author,
        author_id: p.author_id,
        created_at: p.created_at,
        updated_at: p.updated_at,
        reviews,
        point: p
            .latitude
            .zip(p.longitude)
            .and_then(|(lat, lon)| crate::domain::place::Point::new(lat, lon)),
    })
}
