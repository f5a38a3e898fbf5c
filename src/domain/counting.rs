//! Counting a round: the ballots on its bulletin board are tallied with the round's rule and
//! tie-break, per district, and stored once with the chain head they were counted over.
//! A stored result is never recomputed silently.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::bulletin;
use super::ProposalId;
use crate::db::models::round_result::{self, RoundResultRow};
use crate::db::models::{ballot, district, proposal, round};
use crate::db::DbConnection;
use crate::error::{AppError, AppResult};
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
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("ballot content always serialises")
    }
}

/// One separately counted pot: a district's budget, or the city-wide pot (`district_id` None).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PotOutcome {
    pub district_id: Option<i64>,
    pub outcome: tally::Outcome,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StoredOutcome {
    pub pots: Vec<PotOutcome>,
}

/// Rule names as councils choose them: the tally's CLI names (`greedy`, `mes-add1`,
/// `greedy-threshold:N`…).
pub fn parse_rule(name: &str) -> AppResult<Rule> {
    name.parse()
        .map_err(|e: String| AppError::Unprocessable(format!("unknown tally rule `{name}`: {e}")))
}

pub fn funded_projects(row: &RoundResultRow) -> AppResult<Vec<ProposalId>> {
    let stored: StoredOutcome = serde_json::from_str(&row.outcome).map_err(AppError::internal)?;
    stored
        .pots
        .iter()
        .flat_map(|pot| pot.outcome.selected.iter())
        .map(|id| id.parse().map(ProposalId).map_err(AppError::internal))
        .collect()
}

/// Tallies a round whose voting has closed and stores the result.
pub fn count_round(
    conn: &mut DbConnection,
    round_id: i64,
    now: NaiveDateTime,
) -> AppResult<RoundResultRow> {
    crate::db::write_transaction(conn, |conn| {
        let round = round::find(conn, round_id)?;
        if now < round.voting_close_at {
            return Err(AppError::Conflict(
                "voting is still open in this round".into(),
            ));
        }
        if round_result::find(conn, round_id)?.is_some() {
            return Err(AppError::Conflict(
                "this round has already been counted".into(),
            ));
        }
        let rule = parse_rule(&round.rule)?;
        let tie_break: TieBreak = round.tie_break.parse().map_err(AppError::Unprocessable)?;
        let RoundElections {
            pots,
            chain_head,
            ballot_count,
        } = round_elections(conn, &round)?;
        let mut outcomes = Vec::with_capacity(pots.len());
        for (district_id, election) in pots {
            let outcome = tally::tally(&election, &rule, &tie_break)
                .map_err(|e| AppError::Unprocessable(format!("cannot count this round: {e}")))?;
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
    })
}

/// A round's ballots as elections, one per separately counted pot (each district's budget,
/// and the city-wide pot), over the verified bulletin board.
pub struct RoundElections {
    pub pots: Vec<(Option<i64>, Election)>,
    pub chain_head: String,
    pub ballot_count: usize,
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
    // A ballot replaced by a later one of the same voter stays on the board but is not counted.
    let superseded: std::collections::HashSet<i64> =
        board.iter().filter_map(|b| b.supersedes).collect();
    let contents = board
        .iter()
        .filter(|b| !superseded.contains(&b.seq))
        .map(|b| serde_json::from_str::<BallotContent>(&b.content).map_err(AppError::internal))
        .collect::<AppResult<Vec<_>>>()?;
    let feasible: Vec<_> = proposal::of_round(conn, round_id)?
        .into_iter()
        .filter(|p| p.status == "feasible")
        .collect();
    let mut budgets: Vec<(Option<i64>, i64)> = district::of_round(conn, round_id)?
        .iter()
        .map(|d| (Some(d.district_id), d.budget))
        .collect();
    if let Some(citywide) = round.citywide_budget {
        budgets.push((None, citywide));
    }
    if budgets.is_empty() {
        budgets.push((None, round.total_budget));
    }
    // m − i points for position i (m = the longest allowed ranking), written as the explicit
    // list so an exported .pb file carries the same scoring (`scoring_fn`).
    let max_len = round
        .max_choices
        .map_or(feasible.len() as u64, |m| m as u64);
    let positional = PositionalScheme::Custom((1..=max_len).rev().collect());
    let pots = budgets
        .into_iter()
        .map(|(district_id, budget)| {
            let projects: Vec<Project> = feasible
                .iter()
                .filter(|p| p.district_id == district_id || pots_is_single(district_id, round))
                .map(|p| Project {
                    id: p.id.to_string(),
                    cost: p.validated_cost.unwrap_or(p.estimated_cost),
                    withdrawn: false,
                    district: district_id.map(|d| d.to_string()),
                    category: p.category.clone(),
                })
                .collect();
            let election = Election {
                ballots: ballots_for(&projects, &contents),
                projects,
                budget,
                positional: positional.clone(),
            };
            (district_id, election)
        })
        .collect();
    Ok(RoundElections {
        pots,
        chain_head,
        ballot_count: contents.len(),
    })
}

/// A round without districts and without a city-wide pot counts every project in one pot.
fn pots_is_single(district_id: Option<i64>, round: &round::RoundRow) -> bool {
    district_id.is_none() && round.citywide_budget.is_none()
}

/// Each ballot restricted to the pot's projects; ballots with nothing left are not counted.
fn ballots_for(projects: &[Project], contents: &[BallotContent]) -> Vec<Ballot> {
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
            (!empty).then_some(ballot)
        })
        .collect()
}
