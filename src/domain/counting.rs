//! Counting a round: the ballots on its bulletin board are tallied with the round's rule and
//! tie-break, per district, and stored once with the chain head they were counted over.
//! A stored result is never recomputed silently.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::bulletin;
pub use super::outcome::{funded_projects, PotOutcome, StoredOutcome};
use crate::db::models::round_result::{self, RoundResultRow};
use crate::db::models::{ballot, district, proposal, round};
use crate::db::DbConnection;
use crate::domain::ids::RoundId;
use crate::domain::status::ProposalStatus;
use crate::error::{AppError, AppResult};
use crate::i18n::Message;
use crate::tally::{self, Ballot, Election, PositionalScheme, Project, Rule, TieBreak};

/// What a voter chose, as stored on the bulletin board (canonical JSON, ids are proposal ids).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum BallotContent {
    /// Approval and knapsack ballots.
    Projects(Vec<i64>),
    /// Best first.
    Ranking(Vec<i64>),
    Points(BTreeMap<i64, u64>),
}

impl BallotContent {
    pub fn to_json(&self) -> AppResult<String> {
        serde_json::to_string(self).map_err(AppError::internal)
    }
}

/// Rule names as councils choose them: the tally's CLI names (`greedy`, `mes-add1`,
/// `greedy-threshold:N`…).
pub fn parse_rule(name: &str) -> AppResult<Rule> {
    name.parse().map_err(|e: String| {
        AppError::Unprocessable(format!("unknown tally rule `{name}`: {e}").into())
    })
}

/// Takes the round's lock for its count and checks that it may be counted: voting has closed
/// and no result is stored. A ballot being written holds the lock until its commit, so the
/// count that follows sees every ballot that was acknowledged, and none is appended after it.
pub fn lock_for_count(
    conn: &mut DbConnection,
    round_id: RoundId,
    now: NaiveDateTime,
) -> AppResult<round::RoundRow> {
    let round_id = round_id.0;
    let round = round::find_for_update(conn, round_id)?;
    if now < round.voting_close_at {
        return Err(AppError::Conflict(Message::new(
            "messages-counting-voting-still-open-round",
        )));
    }
    if round_result::find(conn, round_id)?.is_some() {
        return Err(AppError::Conflict(Message::new(
            "messages-counting-round-already-been-counted",
        )));
    }
    round::close_board(conn, round_id)?;
    Ok(round)
}

/// Counts a round whose board is already public (an imported past vote), in the caller's
/// write transaction.
pub fn count_published_in(
    conn: &mut DbConnection,
    round_id: RoundId,
    now: NaiveDateTime,
) -> AppResult<RoundResultRow> {
    let round_id = round_id.0;
    let round = lock_for_count(conn, RoundId(round_id), now)?;
    tally_and_store(conn, &round, now)
}

/// Tallies every pot of a round with its rule and tie-break, and stores the result (inside
/// the caller's transaction, which the round's lock is held in).
pub fn tally_and_store(
    conn: &mut DbConnection,
    round: &round::RoundRow,
    now: NaiveDateTime,
) -> AppResult<RoundResultRow> {
    let round_id = round.id;
    let rule = parse_rule(&round.rule)?;
    let tie_break: TieBreak = round
        .tie_break
        .parse()
        .map_err(|e: String| AppError::Unprocessable(e.into()))?;
    let RoundElections {
        pots,
        chain_head,
        ballot_count,
    } = round_elections(conn, round)?;
    let mut outcomes = Vec::with_capacity(pots.len());
    for (district_id, election) in pots {
        let outcome = tally::tally(&election, &rule, &tie_break)
            .map_err(|e| AppError::Unprocessable(format!("cannot count this round: {e}").into()))?;
        outcomes.push(PotOutcome {
            district_id,
            outcome,
        });
    }
    let row = RoundResultRow {
        round_id,
        rule: round.rule.clone(),
        tie_break: round.tie_break.clone(),
        outcome: serde_json::to_string(&StoredOutcome { pots: outcomes })
            .map_err(AppError::internal)?,
        chain_head,
        ballot_count: ballot_count as i64,
        computed_at: now,
    };
    round_result::insert(conn, &row)?;
    Ok(row)
}

/// A round's ballots as elections, one per separately counted pot (each district's budget,
/// and the city-wide pot), over the verified bulletin board.
pub struct RoundElections {
    pub pots: Vec<(Option<i64>, Election)>,
    pub chain_head: String,
    pub ballot_count: usize,
}

/// Everything besides the ballots that decides how a round is counted. It is written into the
/// audit package, so `budgetbox verify` recounts from exactly what the server counted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountBasis {
    pub total_budget: i64,
    pub citywide_budget: Option<i64>,
    /// The longest ranking allowed; ranked ballots score m − i for position i.
    pub max_choices: Option<i64>,
    pub districts: Vec<PotBudget>,
    /// Feasible projects only, with the cost used on the ballot.
    pub projects: Vec<CountedProject>,
    /// Points by ranking position when the round declares its own (imported rounds);
    /// otherwise m − i for position i, m = `max_choices`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub positional: Option<PositionalScheme>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PotBudget {
    pub district_id: i64,
    pub slug: String,
    pub name: String,
    pub budget: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountedProject {
    pub id: i64,
    pub title: String,
    pub district_id: Option<i64>,
    pub cost: i64,
    pub category: Option<String>,
}

pub fn count_basis(conn: &mut DbConnection, round: &round::RoundRow) -> AppResult<CountBasis> {
    let projects = proposal::of_round(conn, round.id)?
        .into_iter()
        .filter(|p| ProposalStatus::of(&p.status) == ProposalStatus::Feasible)
        .map(|p| CountedProject {
            id: p.id,
            title: p.title,
            district_id: p.district_id,
            cost: p.validated_cost.unwrap_or(p.estimated_cost),
            category: p.category,
        })
        .collect();
    let districts = district::of_round(conn, round.id)?
        .into_iter()
        .map(|d| PotBudget {
            district_id: d.district_id,
            slug: d.slug,
            name: d.name,
            budget: d.budget,
        })
        .collect();
    let positional = round_result::scoring(conn, round.id)?
        .map(|json| serde_json::from_str(&json).map_err(AppError::internal))
        .transpose()?;
    Ok(CountBasis {
        positional,
        total_budget: round.total_budget,
        citywide_budget: round.citywide_budget,
        max_choices: round.max_choices.map(i64::from),
        districts,
        projects,
    })
}

pub fn round_elections(
    conn: &mut DbConnection,
    round: &round::RoundRow,
) -> AppResult<RoundElections> {
    let round_id = round.id;
    let board = ballot::of_round(conn, round_id)?;
    let chain_head = bulletin::verify_chain(round_id, &board).map_err(|e| {
        AppError::internal(format!("bulletin board of round {round_id} is broken: {e}"))
    })?;
    if board.iter().any(|b| b.sealed.is_some()) {
        return Err(AppError::Conflict(Message::new(
            "messages-counting-ballots-sealed-until-count",
        )));
    }
    let contents = counted_contents(
        board
            .iter()
            .map(|b| (b.seq, b.supersedes, Some(b.content.as_str()))),
    )
    .map_err(AppError::internal)?;
    let basis = count_basis(conn, round)?;
    Ok(RoundElections {
        pots: elections(&basis, &contents),
        chain_head,
        ballot_count: contents.len(),
    })
}

/// The ballots that count, from the board's (seq, supersedes, content): a ballot replaced by
/// a later one of the same voter stays on the board but is not counted.
pub fn counted_contents<'a>(
    board: impl Iterator<Item = (i64, Option<i64>, Option<&'a str>)> + Clone,
) -> Result<Vec<BallotContent>, String> {
    let superseded: std::collections::HashSet<i64> = board
        .clone()
        .filter_map(|(_, supersedes, _)| supersedes)
        .collect();
    board
        .filter(|(seq, _, _)| !superseded.contains(seq))
        .map(|(seq, _, content)| {
            let content = content.ok_or_else(|| format!("ballot {seq} has no content"))?;
            serde_json::from_str::<BallotContent>(content)
                .map_err(|e| format!("ballot {seq} is not a valid ballot: {e}"))
        })
        .collect()
}

/// The elections of a round, one per pot. Pure, so the server and `budgetbox verify` count
/// the same way.
pub fn elections(basis: &CountBasis, contents: &[BallotContent]) -> Vec<(Option<i64>, Election)> {
    let mut budgets: Vec<(Option<i64>, i64)> = basis
        .districts
        .iter()
        .map(|d| (Some(d.district_id), d.budget))
        .collect();
    if let Some(citywide) = basis.citywide_budget {
        budgets.push((None, citywide));
    }
    if budgets.is_empty() {
        budgets.push((None, basis.total_budget));
    }
    // One pot for everything when the round has neither districts nor a city-wide budget.
    let single_pot = basis.districts.is_empty() && basis.citywide_budget.is_none();
    // m − i points for position i (m = the longest allowed ranking), written as the explicit
    // list so an exported .pb file carries the same scoring (`scoring_fn`).
    // A ranking never has more places than projects, whatever a (possibly forged) basis says.
    let max_len = basis
        .max_choices
        .map_or(basis.projects.len() as u64, |m| m.max(0) as u64)
        .min(basis.projects.len() as u64);
    let positional = basis
        .positional
        .clone()
        .unwrap_or_else(|| PositionalScheme::Custom((1..=max_len).rev().collect()));
    budgets
        .into_iter()
        .map(|(district_id, budget)| {
            let projects: Vec<Project> = basis
                .projects
                .iter()
                .filter(|p| p.district_id == district_id || single_pot)
                .map(|p| Project {
                    id: p.id.to_string(),
                    cost: p.cost,
                    withdrawn: false,
                    district: district_id.map(|d| d.to_string()),
                    category: p.category.clone(),
                })
                .collect();
            let election = Election {
                ballots: ballots_for(&projects, contents, single_pot),
                projects,
                budget,
                positional: positional.clone(),
            };
            (district_id, election)
        })
        .collect()
}

/// Each ballot restricted to the pot's projects. With several pots a ballot with nothing left
/// belongs to another pot and is not counted here; in a single pot every ballot counts, an
/// empty one included (equal shares divides the budget among all voters, as Pabulib does).
fn ballots_for(projects: &[Project], contents: &[BallotContent], keep_empty: bool) -> Vec<Ballot> {
    let index: HashMap<i64, usize> = projects
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.id.parse().ok().map(|id| (id, i)))
        .collect();
    contents
        .iter()
        .filter_map(|content| {
            let ballot = match content {
                BallotContent::Projects(ids) => {
                    Ballot::Approval(ids.iter().filter_map(|id| index.get(id).copied()).collect())
                }
                BallotContent::Ranking(ids) => {
                    Ballot::Ranking(ids.iter().filter_map(|id| index.get(id).copied()).collect())
                }
                BallotContent::Points(points) => Ballot::Points(
                    points
                        .iter()
                        .filter_map(|(id, n)| index.get(id).map(|&i| (i, *n)))
                        .filter(|&(_, n)| n > 0)
                        .collect(),
                ),
            };
            let empty = match &ballot {
                Ballot::Approval(v) | Ballot::Ranking(v) => v.is_empty(),
                Ballot::Points(v) => v.is_empty(),
            };
            (keep_empty || !empty).then_some(ballot)
        })
        .collect()
}
