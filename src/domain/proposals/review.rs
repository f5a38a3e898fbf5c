//! Reviewers decide feasibility and the cost that goes on the ballot, with a public reason;
//! merge duplicates; ask authors for changes.

use crate::domain::RoundId;
use chrono::NaiveDateTime;
use serde::Deserialize;

use super::{moderation_reason, proposal_of, round_of};
use crate::db::models::proposal::{self, ProposalRow};
use crate::db::models::{audit, change_request, proposal_merge, proposal_support};
use crate::db::DbConnection;
use crate::domain::ids::ProposalId;
use crate::domain::money::parse_amount;
use crate::domain::rounds::Phase;
use crate::domain::status::ProposalStatus;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::i18n::Message;

#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewInput {
    /// `feasible` or `infeasible`.
    pub decision: String,
    /// The cost that goes on the ballot (feasible only), in currency units.
    #[serde(default)]
    pub validated_cost: String,
    /// Published with the decision.
    pub reason: String,
}

/// A reviewer's decision during the review phase; recorded with who and when, shown publicly
/// with its reason (not the reviewer).
pub fn review(
    conn: &mut DbConnection,
    mailing: &crate::domain::notifications::Mailing,
    reviewer_id: i64,
    id: ProposalId,
    input: &ReviewInput,
    now: NaiveDateTime,
) -> AppResult<()> {
    let id = id.0;
    let p = proposal_of(conn, id)?;
    if ProposalStatus::of(&p.status) == ProposalStatus::Withdrawn {
        return Err(AppError::Conflict(Message::new(
            "messages-proposals-proposal-been-withdrawn",
        )));
    }
    let round = round_of(conn, p.round_id)?;
    if Phase::of(&round, now) != Phase::Review {
        return Err(AppError::Forbidden(Message::new(
            "messages-proposals-proposals-reviewed-during-review",
        )));
    }
    if let Some((into, _)) = proposal_merge::merged_into(conn, id)? {
        return Err(AppError::Conflict(
            Message::new("messages-proposal-merged-review-other").with("id", into),
        ));
    }
    if let Some(needed) =
        crate::domain::round_config::proposal_rules(conn, RoundId(p.round_id))?.support_threshold
    {
        let got = proposal_support::count(conn, id)?;
        if got < i64::from(needed) {
            return Err(AppError::Conflict(
                format!(
                    "this proposal gathered {got} of the {needed} supports needed to be reviewed"
                )
                .into(),
            ));
        }
    }
    let mut e = FieldErrors::default();
    let reason = input.reason.trim();
    if reason.chars().count() < 5 {
        e.add(
            "reason",
            Message::new("messages-proposal-give-public-reason-decision"),
        );
    }
    let validated = match input.decision.as_str() {
        "feasible" => match input.validated_cost.trim() {
            "" => Some(p.estimated_cost),
            raw => match parse_amount(raw) {
                Ok(c) if c > 0 => Some(c),
                _ => {
                    e.add(
                        "validated_cost",
                        Message::new("messages-proposal-enter-validated-cost-amount"),
                    );
                    None
                }
            },
        },
        "infeasible" => None,
        _ => {
            e.add(
                "decision",
                Message::new("messages-proposal-choose-feasible-not-feasible"),
            );
            None
        }
    };
    e.into_result()?;
    crate::db::write_transaction(conn, |conn| {
        proposal::add_review(
            conn,
            id,
            now,
            reviewer_id,
            &input.decision,
            validated,
            reason,
        )?;
        proposal::set_status(conn, id, &input.decision, validated, now)?;
        let news = crate::domain::notifications::ProposalNews::Decided {
            feasible: input.decision == "feasible",
            reason: reason.to_string(),
        };
        crate::domain::notifications::proposal_news(conn, mailing, ProposalId(id), &news, now)?;
        Ok(())
    })
}

fn review_phase_proposal(
    conn: &mut DbConnection,
    id: i64,
    now: NaiveDateTime,
) -> AppResult<ProposalRow> {
    let p = proposal_of(conn, id)?;
    if ProposalStatus::of(&p.status) == ProposalStatus::Withdrawn {
        return Err(AppError::Conflict(Message::new(
            "messages-proposals-proposal-been-withdrawn",
        )));
    }
    if let Some((into, _)) = proposal_merge::merged_into(conn, id)? {
        return Err(AppError::Conflict(
            Message::new("messages-proposal-already-merged").with("id", into),
        ));
    }
    let round = round_of(conn, p.round_id)?;
    if !matches!(Phase::of(&round, now), Phase::Proposals | Phase::Review) {
        return Err(AppError::Forbidden(Message::new(
            "messages-proposals-proposals-merged-sent-back",
        )));
    }
    Ok(p)
}

/// A reviewer merges a duplicate into another proposal of the same round: the duplicate
/// leaves the list, the review and the ballot, and the other credits both authors.
pub fn merge(
    conn: &mut DbConnection,
    mailing: &crate::domain::notifications::Mailing,
    reviewer_id: i64,
    from: ProposalId,
    into: ProposalId,
    reason: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    let from = from.0;
    let into = into.0;
    let reason = moderation_reason(reason, "merge_reason")?;
    crate::db::write_transaction(conn, |conn| {
        let duplicate = review_phase_proposal(conn, from, now)?;
        if from == into {
            let mut e = FieldErrors::default();
            e.add(
                "into",
                Message::new("messages-proposal-choose-another-proposal-merge"),
            );
            return Err(e.into());
        }
        let target = match proposal::find(conn, into)? {
            Some(t) if t.round_id == duplicate.round_id => t,
            _ => {
                let mut e = FieldErrors::default();
                e.add(
                    "into",
                    Message::new("messages-proposal-give-number-proposal-same"),
                );
                return Err(e.into());
            }
        };
        review_phase_proposal(conn, target.id, now)?;
        proposal_merge::insert(conn, from, into, now, reviewer_id, &reason)?;
        // A duplicate already found feasible leaves the ballot as well as the list: it lives on
        // in the proposal it joined, and two entries for one project would split its votes.
        if ProposalStatus::of(&duplicate.status) == ProposalStatus::Feasible {
            let undecided = ProposalStatus::Submitted.as_str();
            proposal::set_status(conn, from, undecided, None, now)?;
        }
        audit::insert(
            conn,
            now,
            Some(reviewer_id),
            "proposal merged",
            &serde_json::json!({"from": from, "into": into, "reason": reason}).to_string(),
        )?;
        let news = crate::domain::notifications::ProposalNews::Merged {
            into_title: target.title.clone(),
        };
        crate::domain::notifications::proposal_news(conn, mailing, ProposalId(from), &news, now)?;
        Ok(())
    })
}

/// A reviewer asks the author for changes during review; the author may then edit it once
/// more, and the reviewers decide after that.
pub fn request_changes(
    conn: &mut DbConnection,
    mailing: &crate::domain::notifications::Mailing,
    reviewer_id: i64,
    id: ProposalId,
    reason: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    let id = id.0;
    let reason = moderation_reason(reason, "change_reason")?;
    let p = review_phase_proposal(conn, id, now)?;
    if Phase::of(&round_of(conn, p.round_id)?, now) != Phase::Review
        || ProposalStatus::of(&p.status) != ProposalStatus::Submitted
    {
        return Err(AppError::Conflict(Message::new(
            "messages-proposals-changes-asked-proposals-awaiting",
        )));
    }
    crate::db::write_transaction(conn, |conn| {
        change_request::insert(conn, id, now, reviewer_id, &reason)?;
        let news = crate::domain::notifications::ProposalNews::ChangesRequested { reason };
        crate::domain::notifications::proposal_news(conn, mailing, ProposalId(id), &news, now)
    })
}
