//! The ballot paper a voter sees and the rules a choice must keep: which projects, how many,
//! the budget of a knapsack ballot, ranks and points. Pure reads and checks; writing a ballot
//! is `ballots`.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;

use super::counting::BallotContent;
use super::rounds::BallotType;
use crate::db::models::{district, proposal, round};
use crate::db::DbConnection;
use crate::domain::status::ProposalStatus;
use crate::error::{AppError, AppResult};
use crate::i18n::Message;

/// What the voter chose, before validation. Ids are proposal ids.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Choice {
    Projects(Vec<i64>),
    Ranking(Vec<i64>),
    Points(Vec<(i64, i64)>),
}

/// A project a voter may choose, as the ballot shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct BallotProject {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub cost: i64,
    /// None for a city-wide project.
    pub district_id: Option<i64>,
    /// It has a picture, at `/proposals/{id}/image`.
    pub has_image: bool,
}

/// The ballot paper for one voter: the rules and the projects they may choose from.
#[derive(Clone, Debug, Serialize)]
pub struct BallotPaper {
    pub round_id: i64,
    pub ballot_type: BallotType,
    pub district_id: Option<i64>,
    pub district_name: Option<String>,
    pub min_choices: i32,
    pub max_choices: Option<i32>,
    pub points_total: Option<i32>,
    pub points_per_project: Option<i32>,
    /// The spending limit of a knapsack ballot (the district's budget).
    pub budget: i64,
    pub currency: String,
    pub projects: Vec<BallotProject>,
    /// Voters may vote again until voting closes; only their last ballot counts.
    pub last_counts: bool,
    /// The round has a city-wide pot, whose projects are on every ballot.
    pub citywide: bool,
}

fn breaks_rule(message: impl Into<Message>) -> AppError {
    AppError::Unprocessable(message.into())
}

/// Builds the ballot paper for a district of a round (None: city-wide only / no districts).
pub fn paper(
    conn: &mut DbConnection,
    round: &round::RoundRow,
    district_id: Option<i64>,
) -> AppResult<BallotPaper> {
    let districts = district::of_round(conn, round.id)?;
    let district = district_id.and_then(|id| districts.iter().find(|d| d.district_id == id));
    let budget = match (district, round.citywide_budget) {
        (Some(d), Some(city)) => d.budget + city,
        (Some(d), None) => d.budget,
        (None, Some(city)) => city,
        (None, None) => round.total_budget,
    };
    let hidden = super::hidden::hidden_in_round(conn, super::RoundId(round.id))?;
    let projects =
        proposal::of_round_with_status(conn, round.id, ProposalStatus::Feasible.as_str())?
            .into_iter()
            .filter(|p| p.district_id.is_none() || p.district_id == district_id)
            .map(|p| {
                let (title, description) =
                    super::hidden::public_text(&hidden, p.id, p.title, p.description);
                BallotProject {
                    id: p.id,
                    cost: p.validated_cost.unwrap_or(p.estimated_cost),
                    title,
                    description,
                    district_id: p.district_id,
                    has_image: false,
                }
            })
            .collect::<Vec<_>>();
    let ids: Vec<i64> = projects.iter().map(|p| p.id).collect();
    let pictured = crate::db::models::proposal_image::with_picture(conn, &ids)?;
    let projects = projects
        .into_iter()
        .map(|p| BallotProject {
            has_image: pictured.contains(&p.id) && !hidden.contains(&p.id),
            ..p
        })
        .collect();
    Ok(BallotPaper {
        round_id: round.id,
        ballot_type: BallotType::parse(&round.ballot_type)?,
        district_id,
        district_name: district.map(|d| d.name.clone()),
        min_choices: round.min_choices,
        max_choices: round.max_choices,
        points_total: round.points_total,
        points_per_project: round.points_per_project,
        budget,
        currency: round.currency.clone(),
        projects,
        last_counts: crate::domain::status::RevotePolicy::of(round)
            == crate::domain::status::RevotePolicy::LastCounts,
        citywide: round.citywide_budget.is_some(),
    })
}

/// Checks a choice against the paper; returns the canonical content for the bulletin board.
pub fn validate(paper: &BallotPaper, choice: &Choice) -> AppResult<BallotContent> {
    let known = |id: &i64| -> AppResult<&BallotProject> {
        paper.projects.iter().find(|p| p.id == *id).ok_or_else(|| {
            breaks_rule(Message::new("messages-ballots-not-on-ballot").with("project", id))
        })
    };
    let no_duplicates = |ids: &[i64]| -> AppResult<()> {
        let mut seen = HashSet::new();
        match ids.iter().find(|id| !seen.insert(**id)) {
            Some(id) => Err(breaks_rule(
                Message::new("messages-ballots-twice").with("project", id),
            )),
            None => Ok(()),
        }
    };
    let count_limits = |n: usize, too_few: &'static str, too_many: &'static str| {
        let min = paper.min_choices.max(1) as usize;
        if n < min {
            return Err(breaks_rule(
                Message::new(too_few).count("min", min).count("count", n),
            ));
        }
        match paper.max_choices {
            Some(max) if n > max as usize => Err(breaks_rule(
                Message::new(too_many).count("max", max).count("count", n),
            )),
            _ => Ok(()),
        }
    };
    match (paper.ballot_type, choice) {
        (BallotType::Approval, Choice::Projects(ids)) => {
            no_duplicates(ids)?;
            for id in ids {
                known(id)?;
            }
            count_limits(
                ids.len(),
                "messages-ballots-too-few",
                "messages-ballots-too-many",
            )?;
            let mut ids = ids.clone();
            ids.sort_unstable();
            Ok(BallotContent::Projects(ids))
        }
        (BallotType::Knapsack, Choice::Projects(ids)) => {
            no_duplicates(ids)?;
            if ids.is_empty() {
                return Err(breaks_rule(Message::new(
                    "messages-ballots-choose-least-1-project",
                )));
            }
            let mut total: i64 = 0;
            for id in ids {
                total = total.checked_add(known(id)?.cost).ok_or_else(|| {
                    breaks_rule(Message::new("messages-ballots-total-cost-too-large"))
                })?;
            }
            if total > paper.budget {
                return Err(breaks_rule(
                    Message::new("messages-ballots-over-budget")
                        .money("total", total, &paper.currency)
                        .money("budget", paper.budget, &paper.currency),
                ));
            }
            let mut ids = ids.clone();
            ids.sort_unstable();
            Ok(BallotContent::Projects(ids))
        }
        (BallotType::Ranked, Choice::Ranking(ids)) => {
            no_duplicates(ids)?;
            for id in ids {
                known(id)?;
            }
            count_limits(
                ids.len(),
                "messages-ballots-too-few-ranked",
                "messages-ballots-too-many-ranked",
            )?;
            Ok(BallotContent::Ranking(ids.clone()))
        }
        (BallotType::Cumulative, Choice::Points(points)) => {
            let ids: Vec<i64> = points.iter().map(|(id, _)| *id).collect();
            no_duplicates(&ids)?;
            let total_allowed = i64::from(paper.points_total.unwrap_or(0));
            let mut total: i64 = 0;
            let mut content = BTreeMap::new();
            for (id, n) in points {
                known(id)?;
                if *n < 0 {
                    return Err(breaks_rule(
                        Message::new("messages-ballots-negative-points").with("project", id),
                    ));
                }
                if let Some(cap) = paper.points_per_project {
                    if *n > i64::from(cap) {
                        return Err(breaks_rule(
                            Message::new("messages-ballots-points-cap")
                                .with("project", id)
                                .count("max", cap),
                        ));
                    }
                }
                total = total
                    .checked_add(*n)
                    .ok_or_else(|| breaks_rule(Message::new("messages-ballots-too-many-points")))?;
                if *n > 0 {
                    content.insert(*id, *n as u64);
                }
            }
            if total > total_allowed {
                return Err(breaks_rule(
                    Message::new("messages-ballots-points-over")
                        .count("count", total)
                        .count("max", total_allowed),
                ));
            }
            if content.is_empty() {
                return Err(breaks_rule(Message::new(
                    "messages-ballots-give-least-1-point",
                )));
            }
            Ok(BallotContent::Points(content))
        }
        (expected, _) => Err(breaks_rule(Message::new(match expected {
            BallotType::Approval => "messages-ballots-wrong-kind-approval",
            BallotType::Knapsack => "messages-ballots-wrong-kind-knapsack",
            BallotType::Ranked => "messages-ballots-wrong-kind-ranked",
            BallotType::Cumulative => "messages-ballots-wrong-kind-cumulative",
        }))),
    }
}
