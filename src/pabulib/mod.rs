//! Pabulib `.pb` files: the `Instance` they describe, parsing, writing, and the bridge to the
//! tally core (`Instance::to_election`, `declared_rule`, `official_outcome`).
//!
//! Pure: the parser takes text or bytes and the writer returns a `String`; callers do the I/O.
//! The format and the real-data quirks handled here are described in `tests/data/pabulib/FORMAT.md`.

use std::collections::BTreeMap;
use std::fmt;

use crate::tally::{Ballot, Money};

mod election;
pub mod number;
mod parse;
mod records;
#[cfg(test)]
mod tests;
mod votes;
mod write;

pub use parse::{parse, parse_bytes, parse_bytes_for_tally};
pub use write::write;

/// The cost Pabulib gives a project that stayed on the ballot but can never be carried out.
pub const WITHDRAWN_COST: Money = 999_999_999 * crate::tally::MINOR_UNITS_PER_UNIT;

/// META keys held in typed fields of `Instance` rather than in `Instance::meta`.
pub const TYPED_META_KEYS: [&str; 4] = ["num_projects", "num_votes", "budget", "vote_type"];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum VoteType {
    Approval,
    Ordinal,
    Cumulative,
    Scoring,
    Choose1,
}

impl VoteType {
    pub fn as_str(self) -> &'static str {
        match self {
            VoteType::Approval => "approval",
            VoteType::Ordinal => "ordinal",
            VoteType::Cumulative => "cumulative",
            VoteType::Scoring => "scoring",
            VoteType::Choose1 => "choose-1",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "approval" => VoteType::Approval,
            "ordinal" => VoteType::Ordinal,
            "cumulative" => VoteType::Cumulative,
            "scoring" => VoteType::Scoring,
            "choose-1" => VoteType::Choose1,
            _ => return None,
        })
    }

    /// Cumulative and scoring ballots carry a `points` column beside `vote`.
    pub fn has_points(self) -> bool {
        matches!(self, VoteType::Cumulative | VoteType::Scoring)
    }
}

impl fmt::Display for VoteType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One `.pb` file. Plain pub fields so the web app can build one from a database round.
///
/// Invariant kept by `parse` (and expected by `write` for `parse(write(x)) == x`): `meta` holds
/// no key of `TYPED_META_KEYS`; every key of a project's / vote's `extra` is listed in
/// `project_columns` / `vote_columns`; no value is empty or has surrounding whitespace (an empty
/// cell reads back as "absent"); project ids hold no comma (votes join ids with commas).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Instance {
    /// Every other META key, in file order (`description`, `rule`, `currency`, `comment`…).
    pub meta: Vec<(String, String)>,
    pub budget: Money,
    pub vote_type: VoteType,
    /// PROJECTS columns besides `project_id`, `cost` and `selected`, in file order.
    pub project_columns: Vec<String>,
    pub projects: Vec<PbProject>,
    /// VOTES columns besides `voter_id`, `vote` and (cumulative/scoring) `points`, in file order.
    pub vote_columns: Vec<String>,
    pub votes: Vec<PbVote>,
}

/// A `.pb` file read by `parse_bytes_for_tally`, for the command line's `budgetbox tally`:
/// `instance` has the META and PROJECTS of the file but **no votes** (do not write it back),
/// and the ballots are already those `Instance::to_election` would build.
///
/// Why: on Łódź 2022 (90k ballots) the `PbVote`s of a full parse hold about 100 MB of small
/// strings and attribute maps, which cost more than the tally itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TallyFile {
    pub instance: Instance,
    pub(crate) ballots: Vec<Ballot>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PbProject {
    pub id: String,
    pub cost: Money,
    /// 1 = funded by the declared rule, 0 = not funded, 2 = funded for another reason.
    pub selected: Option<i64>,
    /// The other columns (`name`, `votes`, `score`, `category`, `district`…), non-empty cells only.
    pub extra: BTreeMap<String, String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PbVote {
    pub voter_id: String,
    /// Project ids as written (best first for ordinal). May repeat an id; the tally counts it once.
    pub vote: Vec<String>,
    /// Points for `vote`, position by position (cumulative and scoring only; empty otherwise).
    pub points: Vec<u64>,
    /// Voter attributes (`age`, `sex`, `voting_method`…), non-empty cells only.
    pub extra: BTreeMap<String, String>,
}

impl Instance {
    /// An empty instance to fill in with `set_meta`, `add_project` and `add_vote`.
    pub fn new(budget: Money, vote_type: VoteType) -> Self {
        Instance {
            meta: Vec::new(),
            budget,
            vote_type,
            project_columns: Vec::new(),
            projects: Vec::new(),
            vote_columns: Vec::new(),
            votes: Vec::new(),
        }
    }

    /// Sets a META key, replacing its value in place if present. Keys of `TYPED_META_KEYS` are
    /// ignored: they live in `budget` / `vote_type` or are counted when writing.
    pub fn set_meta(&mut self, key: &str, value: &str) -> &mut Self {
        if TYPED_META_KEYS.contains(&key) {
            return self;
        }
        match self.meta.iter_mut().find(|(k, _)| k == key) {
            Some((_, v)) => *v = value.to_string(),
            None => self.meta.push((key.to_string(), value.to_string())),
        }
        self
    }

    pub fn meta(&self, key: &str) -> Option<&str> {
        self.meta
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Adds a project, registering its extra columns.
    pub fn add_project(&mut self, project: PbProject) -> &mut Self {
        register_columns(&mut self.project_columns, project.extra.keys());
        self.projects.push(project);
        self
    }

    /// Adds a vote, registering its extra columns.
    pub fn add_vote(&mut self, vote: PbVote) -> &mut Self {
        register_columns(&mut self.vote_columns, vote.extra.keys());
        self.votes.push(vote);
        self
    }
}

fn register_columns<'a>(columns: &mut Vec<String>, keys: impl Iterator<Item = &'a String>) {
    for key in keys {
        if !columns.contains(key) {
            columns.push(key.clone());
        }
    }
}

impl PbProject {
    pub fn new(id: impl Into<String>, cost: Money) -> Self {
        PbProject {
            id: id.into(),
            cost,
            selected: None,
            extra: BTreeMap::new(),
        }
    }

    pub fn with(mut self, column: &str, value: impl Into<String>) -> Self {
        self.extra.insert(column.to_string(), value.into());
        self
    }

    pub fn withdrawn(&self) -> bool {
        self.cost == WITHDRAWN_COST
    }

    pub fn name(&self) -> Option<&str> {
        self.extra.get("name").map(String::as_str)
    }

    pub fn category(&self) -> Option<&str> {
        self.extra.get("category").map(String::as_str)
    }

    pub fn district(&self) -> Option<&str> {
        self.extra.get("district").map(String::as_str)
    }
}

impl PbVote {
    pub fn new(voter_id: impl Into<String>, vote: Vec<String>) -> Self {
        PbVote {
            voter_id: voter_id.into(),
            vote,
            points: Vec::new(),
            extra: BTreeMap::new(),
        }
    }

    pub fn with_points(mut self, points: Vec<u64>) -> Self {
        self.points = points;
        self
    }

    pub fn with(mut self, column: &str, value: impl Into<String>) -> Self {
        self.extra.insert(column.to_string(), value.into());
        self
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Meta,
    Projects,
    Votes,
}

impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Section::Meta => "META",
            Section::Projects => "PROJECTS",
            Section::Votes => "VOTES",
        })
    }
}

/// What is wrong with a `.pb` file, where: `VOTES line 1043: project "77" is not in PROJECTS`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct PbError {
    pub section: Option<Section>,
    /// 1-based line of the file; `None` for instances that did not come from a file.
    pub line: Option<u64>,
    pub message: String,
}

impl PbError {
    pub fn new(section: Option<Section>, line: Option<u64>, message: impl Into<String>) -> Self {
        PbError {
            section,
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for PbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.section, self.line) {
            (Some(s), Some(l)) => write!(f, "{s} line {l}: {}", self.message),
            (Some(s), None) => write!(f, "{s}: {}", self.message),
            (None, Some(l)) => write!(f, "line {l}: {}", self.message),
            (None, None) => f.write_str(&self.message),
        }
    }
}
