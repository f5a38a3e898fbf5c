//! Who took part, for gender-responsive and inclusive budgeting: participation and proposals by
//! district, gender and age band, with small cells suppressed (see `disclosure`), and
//! engagement figures per round.

use std::collections::HashMap;

use chrono::Datelike;
use serde::Serialize;
use utoipa::ToSchema;

use super::disclosure::{protect, Cell, Table};
use super::follow_up;
use crate::db::models::{ballot, district, proposal, round_result};
use crate::db::DbConnection;
use crate::error::AppResult;

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

/// Two tables of one population share their column totals and grand total: a total hidden in
/// one must be hidden in the other, or the second table would give it away.
fn hide_shared_totals(a: &mut Table, b: &mut Table) {
    for (x, y) in a.column_totals.iter_mut().zip(b.column_totals.iter_mut()) {
        if *x == Cell::Hidden || *y == Cell::Hidden {
            *x = Cell::Hidden;
            *y = Cell::Hidden;
        }
    }
    if a.total == Cell::Hidden || b.total == Cell::Hidden {
        a.total = Cell::Hidden;
        b.total = Cell::Hidden;
    }
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Breakdown {
    /// Rows are districts, columns genders.
    #[schema(value_type = Object)]
    pub by_district: Table,
    /// Rows are age bands (at the close of voting), columns genders.
    #[schema(value_type = Object)]
    pub by_age: Table,
}

/// `people`: (gender, birth year, district) per person or proposal.
fn breakdown(
    people: &[(Option<String>, Option<i32>, Option<i64>)],
    districts: &[(i64, String)],
    year: i32,
    district_label: &str,
) -> Breakdown {
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
    let mut by_age = vec![vec![0u64; columns.len()]; age_rows.len()];
    for (gender, birth_year, district) in people {
        let column = gender_column(gender.as_deref());
        let row = district
            .and_then(|d| index.get(&d).copied())
            .unwrap_or(districts.len());
        by_district[row][column] += 1;
        by_age[age_row(*birth_year, year)][column] += 1;
    }
    let mut by_district = protect(district_rows, columns.clone(), &by_district);
    let mut by_age = protect(age_rows, columns, &by_age);
    hide_shared_totals(&mut by_district, &mut by_age);
    Breakdown {
        by_district,
        by_age,
    }
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Engagement {
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
    /// Voters by their home district (as given in their profile), gender and age band.
    /// Voters with a voting code have no profile and count as "not stated".
    pub participation: Breakdown,
    /// Proposals by the district they are for, and their author's gender and age band.
    pub proposals: Breakdown,
    pub engagement: Engagement,
}

fn percent(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| (1000.0 * part as f64 / whole as f64).round() / 10.0)
}

pub fn of_round(conn: &mut DbConnection, round_id: i64) -> AppResult<RoundStatistics> {
    let round = super::rounds::find(conn, round_id)?;
    let year = round.voting_close_at.year();
    let districts: Vec<(i64, String)> = district::of_round(conn, round_id)?
        .into_iter()
        .map(|d| (d.district_id, d.name))
        .collect();
    let voters = ballot::participant_profiles(conn, round_id)?;
    let participation = breakdown(&voters, &districts, year, "Other or not stated");
    let authors: Vec<_> = proposal::author_profiles(conn, round_id)?
        .into_iter()
        .map(|(district, gender, birth_year)| (gender, birth_year, district))
        .collect();
    let proposals_table = breakdown(&authors, &districts, year, "City-wide");

    let all = proposal::of_round(conn, round_id)?;
    let active = all.iter().filter(|p| p.status != "withdrawn").count();
    let feasible = all.iter().filter(|p| p.status == "feasible").count();
    let funded = match round_result::find(conn, round_id)? {
        Some(result) => super::counting::funded_projects(&result)?.len(),
        None => 0,
    };
    let follow_up = follow_up::of_round(conn, round_id)?;
    Ok(RoundStatistics {
        round_id,
        round_title: round.title,
        min_cell: super::disclosure::MIN_CELL,
        participation,
        proposals: proposals_table,
        engagement: Engagement {
            proposals_submitted: all.len(),
            proposals_feasible: feasible,
            percent_feasible: percent(feasible, active),
            projects_funded: funded,
            percent_funded: percent(funded, feasible),
            percent_implemented: follow_up.as_ref().and_then(|f| f.percent_implemented),
            median_days_to_completion: follow_up.and_then(|f| f.median_days_to_completion),
        },
    })
}
