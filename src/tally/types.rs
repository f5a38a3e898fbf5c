//! The vocabulary shared by every rule: what goes into a tally and what comes out.
//!
//! Money is an integer number of minor units (cents); ids are strings compared as strings.
//! Nothing here knows about files, databases or HTTP.

use serde::{Deserialize, Serialize};

/// An amount of money in minor units of the round's currency (cents).
pub type Money = i64;

/// Minor units in one currency unit. Add1 completion raises each voter's share by one unit.
pub const MINOR_UNITS_PER_UNIT: Money = 100;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    /// Compared as a string: "10" sorts before "9".
    pub id: String,
    pub cost: Money,
    /// A project that stayed on the ballot but can never be funded (Pabulib's 999999999 cost).
    pub withdrawn: bool,
    pub district: Option<String>,
    pub category: Option<String>,
}

/// One voter's ballot. Project references are indices into `Election::projects`.
/// Constructors in this module keep them valid: no index out of range, no repeated project.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Ballot {
    /// Approved projects (approval, knapsack and choose-1 ballots).
    Approval(Vec<usize>),
    /// Projects ranked best first.
    Ranking(Vec<usize>),
    /// Points per project, zero-point entries left out.
    Points(Vec<(usize, u64)>),
}

/// How a ranking turns into points for the greedy family and for MES with ranked utilities.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PositionalScheme {
    /// k − i points for 0-based position i in a ballot of length k (Pabulib's convention).
    BallotLengthBorda,
    /// Explicit points by position; positions past the end earn 0.
    Custom(Vec<u64>),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Election {
    pub projects: Vec<Project>,
    pub budget: Money,
    pub ballots: Vec<Ballot>,
    /// Used for `Ballot::Ranking` only.
    pub positional: PositionalScheme,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Completion {
    None,
    /// Raise every voter's share by one currency unit until the outcome is exhaustive or
    /// would overspend (pabutools' `voter_budget_increment=1`).
    Add1,
    /// Raise every voter's share by one currency unit until the outcome would overspend, not
    /// stopping at an exhaustive one (equalshares.net's Add1 without its "exhaustive" option;
    /// what the official Pabulib `equalshares/add1` results used).
    Add1Full,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "name", rename_all = "kebab-case")]
pub enum Rule {
    Greedy,
    GreedyNoSkip,
    GreedyThreshold {
        min_score: u64,
    },
    /// `GreedyNoSkip` where a project scoring below `min_score` is never funded (Pabulib's
    /// `greedy-no-skip` with a `min_project_score_threshold`, as in the Gdynia files).
    GreedyNoSkipThreshold {
        min_score: u64,
    },
    /// Method of Equal Shares with cost utilities; `utilitarian_fill` runs a greedy (skip)
    /// over what is left after the completion.
    Mes {
        completion: Completion,
        utilitarian_fill: bool,
    },
    /// MES, replaced by the greedy (skip) outcome if strictly more voters prefer greedy's than
    /// prefer MES's, a voter preferring the outcome that gives them more (approval count or
    /// points) — Pabulib's `equalshares[/add1]-comparison`, as the equalshares.net tool does it.
    MesComparison {
        completion: Completion,
    },
    Phragmen,
}

/// One key of a tie-break chain, applied in order after the rule's own comparison.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "key", rename_all = "kebab-case")]
pub enum TieKey {
    LowerCost,
    HigherCost,
    /// Project id, compared as a string.
    ProjectId,
    /// A seeded random order; the seed is recorded in the outcome.
    Lottery {
        seed: u64,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TieBreak(pub Vec<TieKey>);

/// Why a project ended where it did. One per project, in the outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Reason {
    /// Funded; `budget_left` is what remained just before it was funded.
    Funded {
        budget_left: Money,
    },
    /// Its turn came but it cost more than what was left.
    DidNotFit {
        budget_left: Money,
    },
    /// Greedy-no-skip stopped at an earlier project that did not fit.
    WalkStopped {
        stopped_at: String,
    },
    BelowThreshold {
        threshold: u64,
    },
    /// Never fundable (placeholder cost, withdrawn).
    Withdrawn,
    /// Funded by MES; `rho` is the price per unit of utility as an exact fraction "p/q",
    /// `effective_support` the number of voters whose full share it equals.
    MesFunded {
        rho: String,
        effective_support: String,
        budget_left: Money,
    },
    /// MES could not fund it: its supporters together held less than its cost.
    MesUnaffordable {
        supporters_money: String,
    },
    /// Funded by the utilitarian greedy fill that follows MES.
    FilledAfterMes {
        budget_left: Money,
    },
    /// Funded by sequential Phragmén; `load` is the max voter load after it, as "p/q".
    PhragmenFunded {
        load: String,
        budget_left: Money,
    },
    /// Nobody voted for it.
    NoSupport,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    pub project: String,
    pub cost: Money,
    /// Approval count, points total or positional points, as the rule ranks by.
    pub score: u64,
    /// Voters who supported it at all.
    pub supporters: u64,
    /// 1-based position in which the rule considered or selected it, if it got that far.
    pub position: Option<usize>,
    pub selected: bool,
    pub reason: Reason,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub rule: Rule,
    pub tie_break: TieBreak,
    pub budget: Money,
    pub spent: Money,
    /// Selected project ids in selection order.
    pub selected: Vec<String>,
    /// One entry per project, in the order of `Election::projects`.
    pub explanations: Vec<Explanation>,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TallyError {
    /// The input breaks an invariant the rules rely on (index out of range, negative cost…).
    #[error("invalid election: {0}")]
    InvalidElection(String),
    /// The rule does not apply to this kind of ballot (e.g. Phragmén on cumulative ballots).
    #[error("{0}")]
    Unsupported(String),
}
