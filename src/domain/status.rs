//! The states and settings kept as text in the database, as types: a proposal's status, how a
//! round treats a second ballot, and how it checks where voters live. Rows are only ever
//! written from `as_str`, so reading them back cannot fail in practice; an unknown word (a
//! hand-edited database) reads as the most cautious value and is logged.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::models::round::RoundRow;

/// Where a proposal stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ProposalStatus {
    /// Waiting for review.
    Submitted,
    /// Reviewed: on the ballot, at its validated cost.
    Feasible,
    /// Reviewed: not on the ballot, with a public reason.
    Infeasible,
    /// Taken back by its author (or stored withdrawn by an import).
    Withdrawn,
}

impl ProposalStatus {
    pub const ALL: [ProposalStatus; 4] = [
        ProposalStatus::Submitted,
        ProposalStatus::Feasible,
        ProposalStatus::Infeasible,
        ProposalStatus::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ProposalStatus::Submitted => "submitted",
            ProposalStatus::Feasible => "feasible",
            ProposalStatus::Infeasible => "infeasible",
            ProposalStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == raw)
    }

    /// The status a row holds; an unknown word reads as `Submitted` (never on a ballot).
    pub fn of(stored: &str) -> Self {
        Self::parse(stored).unwrap_or_else(|| {
            tracing::warn!(status = stored, "a proposal has an unknown status");
            ProposalStatus::Submitted
        })
    }
}

/// What happens when a voter casts a second ballot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RevotePolicy {
    /// The first ballot is final; a second is refused.
    Final,
    /// Voters may vote again until voting closes; only their last ballot counts.
    LastCounts,
}

impl RevotePolicy {
    pub fn as_str(self) -> &'static str {
        match self {
            RevotePolicy::Final => "final",
            RevotePolicy::LastCounts => "last-counts",
        }
    }

    /// The round's policy; an unknown word reads as `Final` (no ballot is ever replaced).
    pub fn of(round: &RoundRow) -> Self {
        match round.revote_policy.as_str() {
            "last-counts" => RevotePolicy::LastCounts,
            "final" => RevotePolicy::Final,
            other => {
                tracing::warn!(policy = other, "a round has an unknown revote policy");
                RevotePolicy::Final
            }
        }
    }
}

/// How a round knows which district a voter votes in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Residence {
    /// Anyone may vote, in any district of the round.
    Anyone,
    /// Voters vote in the district they say they live in.
    SelfDeclared,
    /// Voters vote in a district confirmed by the census list or a reviewer.
    Verified,
}

impl Residence {
    pub fn as_str(self) -> &'static str {
        match self {
            Residence::Anyone => "none",
            Residence::SelfDeclared => "self-declared",
            Residence::Verified => "verified",
        }
    }

    /// The round's rule; an unknown word reads as `Verified` (the strictest).
    pub fn of(round: &RoundRow) -> Self {
        match round.residence.as_str() {
            "none" => Residence::Anyone,
            "self-declared" => Residence::SelfDeclared,
            "verified" => Residence::Verified,
            other => {
                tracing::warn!(residence = other, "a round has an unknown residence rule");
                Residence::Verified
            }
        }
    }
}
