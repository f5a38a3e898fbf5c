//! Who took part, for gender-responsive and inclusive budgeting: participation and proposals by
//! district, gender and age band, with small cells suppressed (see `disclosure`), and
//! engagement figures per round.

use std::collections::HashMap;

use chrono::Datelike;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::disclosure::{protect_with, Known, Table};
use super::follow_up;
use crate::db::models::{ballot, district, proposal, round_result};
use crate::db::DbConnection;
use crate::domain::ids::RoundId;
use crate::domain::status::ProposalStatus;
use crate::error::{AppError, AppResult};

const GENDER_COLUMNS: [&str; 4] = ["Women", "Men", "Non-binary", "Not stated"];
const NOT_KNOWN: &str = "Not stated";
const AGE_BANDS: [(&str, i32, i32); 5] = [
    ("Under 18", 0, 17),
    ("18–29", 18, 29),
    ("30–44", 30, 44),
    ("45–64", 45, 64),
    ("65 and over", 65, i32::MAX),
];

fn gender_column(gender: Option<&str>) -> usize {
    match gender {
        Some("female") => 0,
        Some("male") => 1,
        Some("non-binary") => 2,
        _ => 3,
    }
}

fn age_row(birth_year: Option<i32>, year: i32) -> usize {
    birth_year
        .and_then(|b| {
            let age = year - b;
            AGE_BANDS
                .iter()
                .position(|(_, lo, hi)| (*lo..=*hi).contains(&age))
        })
        .unwrap_or(AGE_BANDS.len())
}

#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct Breakdown {
    /// Rows are districts, columns genders; `None` when it cannot be published safely.
    #[schema(value_type = Option<Object>)]
    pub by_district: Option<Table>,
    /// Rows are age bands (at the close of voting), one column.
    #[schema(value_type = Option<Object>)]
    pub by_age: Option<Table>,
}

/// `people`: (gender, birth year, district) per person or proposal. The two tables share
/// only their grand total, which is public anyway (turnout, proposals submitted), so each is
/// protected on its own; an age-by-gender table would share the gender totals with the
/// district table and let one be differenced against the other.
/// `district_totals_known` when the district counts are public anyway (proposals are listed
/// with their district).
fn breakdown(
    people: &[(Option<String>, Option<i32>, Option<i64>)],
    districts: &[(i64, String)],
    year: i32,
    labels: (&str, &str),
    district_totals_known: bool,
) -> Breakdown {
    let (district_label, counted) = labels;
    let columns: Vec<String> = GENDER_COLUMNS.iter().map(|c| c.to_string()).collect();
    let mut district_rows: Vec<String> = districts.iter().map(|(_, n)| n.clone()).collect();
    district_rows.push(district_label.to_string());
    let mut age_rows: Vec<String> = AGE_BANDS.iter().map(|(l, _, _)| l.to_string()).collect();
    age_rows.push(NOT_KNOWN.to_string());
    let index: HashMap<i64, usize> = districts
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (*id, i))
        .collect();
    let mut by_district = vec![vec![0u64; columns.len()]; district_rows.len()];
    let mut by_age = vec![vec![0u64; 1]; age_rows.len()];
    for (gender, birth_year, district) in people {
        let row = district
            .and_then(|d| index.get(&d).copied())
            .unwrap_or(districts.len());
        by_district[row][gender_column(gender.as_deref())] += 1;
        by_age[age_row(*birth_year, year)][0] += 1;
    }
    Breakdown {
        by_district: protect_with(
            district_rows,
            columns,
            &by_district,
            Known {
                row_totals: district_totals_known,
                total: true,
                ..Known::default()
            },
        ),
        by_age: protect_with(
            age_rows,
            vec![counted.to_string()],
            &by_age,
            Known {
                total: true,
                ..Known::default()
            },
        ),
    }
}

/// The breakdowns that are frozen when a round is counted.
#[derive(Clone, Debug, Serialize, Deserialize, ToSchema)]
pub struct Breakdowns {
    /// Voters with an account (online and on paper).
    pub participation: Breakdown,
    /// Ballots cast with a voting code: no profile, so not in the tables.
    pub code_voters: i64,
    pub proposals: Breakdown,
}

/// Computes the breakdowns from the current profiles (before the count, for staff only).
pub fn breakdowns(conn: &mut DbConnection, round_id: RoundId) -> AppResult<Breakdowns> {
    let round_id = round_id.0;
    let round = super::rounds::find(conn, RoundId(round_id))?;
    let year = round.voting_close_at.year();
    let districts: Vec<(i64, String)> = district::of_round(conn, round_id)?
        .into_iter()
        .map(|d| (d.district_id, d.name))
        .collect();
    let voters = ballot::participant_profiles(conn, round_id)?;
    let authors: Vec<_> = proposal::author_profiles(conn, round_id)?
        .into_iter()
        .map(|(district, gender, birth_year)| (gender, birth_year, district))
        .collect();
    let (_, code_voters) = crate::db::models::eligibility::code_counts(conn, round_id)?;
    Ok(Breakdowns {
        participation: breakdown(
            &voters,
            &districts,
            year,
            ("Other or not stated", "Voters"),
            false,
        ),
        code_voters,
        proposals: breakdown(&authors, &districts, year, ("City-wide", "Proposals"), true),
    })
}

/// Stores the breakdowns of a round being counted; from then on they never change.
pub fn freeze(conn: &mut DbConnection, round_id: RoundId) -> AppResult<()> {
    let round_id = round_id.0;
    let json =
        serde_json::to_string(&breakdowns(conn, RoundId(round_id))?).map_err(AppError::internal)?;
    round_result::freeze_statistics(conn, round_id, &json)?;
    Ok(())
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Engagement {
    /// People who voted: online, on paper and with a voting code.
    pub voters: i64,
    /// People on the round's census list; `None` when the round has none, so turnout is
    /// unknown (accounts and codes say who voted, not how many could have).
    pub eligible: Option<i64>,
    /// Voters, as a percentage of `eligible`.
    pub percent_turnout: Option<f64>,
    /// Every proposal submitted, withdrawn ones included.
    pub proposals_submitted: usize,
    pub proposals_feasible: usize,
    /// Feasible, as a percentage of proposals not withdrawn.
    pub percent_feasible: Option<f64>,
    pub projects_funded: usize,
    /// Funded, as a percentage of feasible projects.
    pub percent_funded: Option<f64>,
    /// Completed, as a percentage of funded projects.
    pub percent_implemented: Option<f64>,
    /// Median days from the result to completion.
    pub median_days_to_completion: Option<f64>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct RoundStatistics {
    pub round_id: i64,
    pub round_title: String,
    /// Counts under this many people are shown as "< 10"; "—" marks a count hidden so that a
    /// small one cannot be worked out from the totals.
    pub min_cell: u64,
    /// Frozen when the round was counted; computed from current profiles before that.
    pub frozen: bool,
    /// Voters with an account by home district (as given in their profile), gender and age
    /// band; proposals by the district they are for and their author's gender and age band.
    pub breakdowns: Breakdowns,
    pub engagement: Engagement,
}

fn percent(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| (1000.0 * part as f64 / whole as f64).round() / 10.0)
}

pub fn of_round(conn: &mut DbConnection, round_id: RoundId) -> AppResult<RoundStatistics> {
    let round_id = round_id.0;
    let round = super::rounds::find(conn, RoundId(round_id))?;
    let (frozen, breakdowns) = match round_result::frozen_statistics(conn, round_id)? {
        Some(json) => (
            true,
            serde_json::from_str(&json).map_err(AppError::internal)?,
        ),
        None => (false, breakdowns(conn, RoundId(round_id))?),
    };
    Ok(RoundStatistics {
        round_id,
        round_title: round.title,
        min_cell: super::disclosure::MIN_CELL,
        frozen,
        breakdowns,
        engagement: engagement(conn, RoundId(round_id))?,
    })
}

/// Proposals submitted, feasible, funded and carried out in a round.
pub fn engagement(conn: &mut DbConnection, round_id: RoundId) -> AppResult<Engagement> {
    let round_id = round_id.0;
    let all = proposal::of_round(conn, round_id)?;
    let status = |p: &proposal::ProposalRow| ProposalStatus::of(&p.status);
    let active = all
        .iter()
        .filter(|p| status(p) != ProposalStatus::Withdrawn)
        .count();
    let feasible = all
        .iter()
        .filter(|p| status(p) == ProposalStatus::Feasible)
        .count();
    // The follow-up already knows the funded projects of a counted round.
    let follow_up = follow_up::of_round(conn, RoundId(round_id))?;
    let funded = follow_up.as_ref().map_or(0, |f| f.funded);
    let (online, paper, codes) = ballot::turnout(conn, round_id)?;
    let voters = online + paper + codes;
    let census = crate::db::models::eligibility::census_size(conn, round_id)?;
    let eligible = (census > 0).then_some(census);
    Ok(Engagement {
        voters,
        eligible,
        percent_turnout: eligible.and_then(|e| percent(voters as usize, e as usize)),
        proposals_submitted: all.len(),
        proposals_feasible: feasible,
        percent_feasible: percent(feasible, active),
        projects_funded: funded,
        percent_funded: percent(funded, feasible),
        percent_implemented: follow_up.as_ref().and_then(|f| f.percent_implemented),
        median_days_to_completion: follow_up.and_then(|f| f.median_days_to_completion),
    })
}
