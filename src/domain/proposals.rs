//! Proposals: eligible residents submit project ideas during the proposal phase and may edit
//! or withdraw them until review starts; reviewers decide feasibility and the cost that goes on
//! the ballot, with a public reason.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::money::parse_amount;
use super::rounds::Phase;
use crate::db::models::proposal::{self, NewProposal, ProposalRow, ProposalText};
use crate::db::models::user::UserRow;
use crate::db::models::{district, round};
use crate::db::DbConnection;
use crate::error::{AppError, AppResult, FieldErrors};

/// Proposals one person may have in a round at a time (withdrawn ones do not count).
pub const MAX_PER_AUTHOR: i64 = 5;
const TITLE_MAX: usize = 120;
const DESCRIPTION_MAX: usize = 10_000;
/// A cost above this many times the round's total budget is refused as absurd; above the
/// budget itself it is accepted but flagged.
const ABSURD_FACTOR: i64 = 100;

/// A proposal as typed (form or JSON).
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProposalInput {
    pub title: String,
    pub description: String,
    /// Amount in currency units, e.g. "25,000" or "25000.50".
    pub estimated_cost: String,
    /// District slug; empty for a city-wide project.
    #[serde(default)]
    pub district: String,
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub location: String,
}

struct Checked {
    title: String,
    description: String,
    cost: i64,
    district_id: Option<i64>,
    category: Option<String>,
    location: Option<String>,
}

fn check(
    conn: &mut DbConnection,
    round: &round::RoundRow,
    input: &ProposalInput,
) -> AppResult<Checked> {
    let mut e = FieldErrors::default();
    let title = input.title.trim().to_string();
    match title.chars().count() {
        0..=4 => e.add(
            "title",
            "Give your proposal a title of at least 5 characters.",
        ),
        n if n > TITLE_MAX => e.add(
            "title",
            format!("Keep the title to {TITLE_MAX} characters ({n} now)."),
        ),
        _ => {}
    }
    let description = input.description.trim().to_string();
    match description.chars().count() {
        0..=19 => e.add(
            "description",
            "Describe the project in at least 20 characters: what, where, and for whom.",
        ),
        n if n > DESCRIPTION_MAX => e.add(
            "description",
            format!("Keep the description to {DESCRIPTION_MAX} characters ({n} now)."),
        ),
        _ => {}
    }
    let cost = match parse_amount(&input.estimated_cost) {
        Ok(0) => {
            e.add("estimated_cost", "Enter an estimated cost above zero.");
            0
        }
        Ok(c) if c > round.total_budget.saturating_mul(ABSURD_FACTOR) => {
            e.add(
                "estimated_cost",
                "This cost is far above the whole round's budget; check the number.",
            );
            0
        }
        Ok(c) => c,
        Err(m) => {
            e.add("estimated_cost", format!("Estimated cost: {m}."));
            0
        }
    };
    let districts = district::of_round(conn, round.id)?;
    let district_id = match input.district.trim() {
        "" | "citywide" => None,
        slug => match districts.iter().find(|d| d.slug == slug) {
            Some(d) => Some(d.district_id),
            None => {
                e.add(
                    "district",
                    "Choose one of this round's districts, or city-wide.",
                );
                None
            }
        },
    };
    if district_id.is_none()
        && !districts.is_empty()
        && round.citywide_budget.is_none()
        && e.get("district").is_none()
    {
        e.add(
            "district",
            "This round has no city-wide budget: choose a district.",
        );
    }
    let categories: Vec<String> = serde_json::from_str(&round.categories).unwrap_or_default();
    let category = match input.category.trim() {
        "" => None,
        c if categories.iter().any(|k| k == c) => Some(c.to_string()),
        _ => {
            e.add("category", "Choose one of the round's categories, or none.");
            None
        }
    };
    let location = Some(input.location.trim().to_string()).filter(|l| !l.is_empty());
    if location.as_ref().is_some_and(|l| l.chars().count() > 200) {
        e.add("location", "Keep the location to 200 characters.");
    }
    e.into_result()?;
    Ok(Checked {
        title,
        description,
        cost,
        district_id,
        category,
        location,
    })
}

fn round_of(conn: &mut DbConnection, round_id: i64) -> AppResult<round::RoundRow> {
    crate::domain::rounds::find(conn, round_id)
}

fn proposal_of(conn: &mut DbConnection, id: i64) -> AppResult<ProposalRow> {
    proposal::find(conn, id)?
        .ok_or_else(|| AppError::NotFound(format!("there is no proposal {id}")))
}

/// Submits a proposal; returns its id. Nothing is stored when anything is wrong.
pub fn submit(
    conn: &mut DbConnection,
    author: &UserRow,
    round_id: i64,
    input: &ProposalInput,
    now: NaiveDateTime,
) -> AppResult<i64> {
    let round = round_of(conn, round_id)?;
    if Phase::of(&round, now) != Phase::Proposals {
        return Err(AppError::Forbidden(
            "proposals can only be submitted while the round is collecting them".into(),
        ));
    }
    let eligibility = super::eligibility::check(conn, &round, author)?;
    if let Some(unmet) = eligibility.requirements.iter().find(|r| !r.met) {
        return Err(AppError::Forbidden(format!(
            "you cannot submit proposals in this round: {}",
            unmet.explanation
        )));
    }
    let c = check(conn, &round, input)?;
    crate::db::write_transaction(conn, |conn| {
        if proposal::active_count_by_author(conn, round_id, author.id)? >= MAX_PER_AUTHOR {
            return Err(AppError::Conflict(format!("you already have {MAX_PER_AUTHOR} proposals in this round; withdraw one to submit another")));
        }
        Ok(proposal::insert(
            conn,
            &NewProposal {
                round_id,
                district_id: c.district_id,
                author_id: Some(author.id),
                title: &c.title,
                description: &c.description,
                category: c.category.as_deref(),
                location: c.location.as_deref(),
                estimated_cost: c.cost,
                validated_cost: None,
                status: "submitted",
                created_at: now,
                updated_at: now,
            },
        )?)
    })
}

/// The author edits their proposal, until review starts.
pub fn edit(
    conn: &mut DbConnection,
    author: &UserRow,
    id: i64,
    input: &ProposalInput,
    now: NaiveDateTime,
) -> AppResult<()> {
    let p = proposal_of(conn, id)?;
    let round = authored_and_open(conn, author, &p, now)?;
    let c = check(conn, &round, input)?;
    proposal::update_text(
        conn,
        id,
        &ProposalText {
            district_id: c.district_id,
            title: &c.title,
            description: &c.description,
            category: c.category.as_deref(),
            location: c.location.as_deref(),
            estimated_cost: c.cost,
            updated_at: now,
        },
    )?;
    Ok(())
}

/// The author withdraws their proposal, until review starts; it stays visible as withdrawn.
pub fn withdraw(
    conn: &mut DbConnection,
    author: &UserRow,
    id: i64,
    now: NaiveDateTime,
) -> AppResult<()> {
    let p = proposal_of(conn, id)?;
    authored_and_open(conn, author, &p, now)?;
    proposal::set_status(conn, id, "withdrawn", None, now)?;
    Ok(())
}

fn authored_and_open(
    conn: &mut DbConnection,
    author: &UserRow,
    p: &ProposalRow,
    now: NaiveDateTime,
) -> AppResult<round::RoundRow> {
    if p.author_id != Some(author.id) {
        return Err(AppError::Forbidden(
            "only the author can change this proposal".into(),
        ));
    }
    if p.status == "withdrawn" {
        return Err(AppError::Conflict(
            "this proposal has been withdrawn".into(),
        ));
    }
    let round = round_of(conn, p.round_id)?;
    if Phase::of(&round, now) != Phase::Proposals {
        return Err(AppError::Forbidden(
            "proposals can only be changed until review starts".into(),
        ));
    }
    Ok(round)
}

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
    reviewer_id: i64,
    id: i64,
    input: &ReviewInput,
    now: NaiveDateTime,
) -> AppResult<()> {
    let p = proposal_of(conn, id)?;
    if p.status == "withdrawn" {
        return Err(AppError::Conflict(
            "this proposal has been withdrawn".into(),
        ));
    }
    let round = round_of(conn, p.round_id)?;
    if Phase::of(&round, now) != Phase::Review {
        return Err(AppError::Forbidden(
            "proposals are reviewed during the review phase only".into(),
        ));
    }
    let mut e = FieldErrors::default();
    let reason = input.reason.trim();
    if reason.chars().count() < 5 {
        e.add("reason", "Give the public reason for this decision.");
    }
    let validated = match input.decision.as_str() {
        "feasible" => match input.validated_cost.trim() {
            "" => Some(p.estimated_cost),
            raw => match parse_amount(raw) {
                Ok(c) if c > 0 => Some(c),
                _ => {
                    e.add("validated_cost", "Enter the validated cost as an amount above zero, or leave it empty to keep the estimate.");
                    None
                }
            },
        },
        "infeasible" => None,
        _ => {
            e.add("decision", "Choose feasible or not feasible.");
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
        Ok(())
    })
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ReviewView {
    pub at: NaiveDateTime,
    pub decision: String,
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
    pub status: String,
    /// True when the estimate exceeds the round's whole budget (accepted, but flagged).
    pub over_budget: bool,
    /// The author's display name, or "deleted user".
    pub author: String,
    pub author_id: Option<i64>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub reviews: Vec<ReviewView>,
}

pub fn view(conn: &mut DbConnection, id: i64) -> AppResult<ProposalView> {
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
            decision: r.decision,
            validated_cost: r.validated_cost,
            reason: r.reason,
        })
        .collect();
    Ok(ProposalView {
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
        status: p.status,
        author,
        author_id: p.author_id,
        created_at: p.created_at,
        updated_at: p.updated_at,
        reviews,
    })
}
