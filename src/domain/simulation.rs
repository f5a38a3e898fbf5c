//! The council's rule simulator: every counting rule on the same ballots, side by side, for a
//! round's ballots or an uploaded Pabulib file. Nothing is stored.

use crate::db::models::{district, proposal};
use crate::db::DbConnection;
use crate::domain::ids::RoundId;
use crate::error::{AppError, AppResult};
use crate::tally::compare::{compare, default_rules, RuleComparison};
use crate::tally::Election;

/// One pot's comparison, with a display name for each project id.
pub struct PotComparison {
    pub heading: String,
    pub election: Election,
    pub names: Vec<String>,
    pub results: Vec<RuleComparison>,
}

/// A round's title, currency, and each of its pots compared under every rule; `citywide`
/// names the city-wide pot.
pub fn of_round(
    conn: &mut DbConnection,
    id: RoundId,
    citywide: &str,
) -> AppResult<(String, String, Vec<PotComparison>)> {
    let id = id.0;
    let row = super::rounds::find(conn, RoundId(id))?;
    let districts = district::of_round(conn, id)?;
    let titles: std::collections::HashMap<String, String> = proposal::of_round(conn, id)?
        .into_iter()
        .map(|p| (p.id.to_string(), p.title))
        .collect();
    let elections = super::counting::round_elections(conn, &row)?;
    let pots = elections
        .pots
        .into_iter()
        .map(|(district_id, election)| PotComparison {
            heading: district_id
                .and_then(|d| districts.iter().find(|x| x.district_id == d))
                .map_or_else(|| citywide.to_string(), |d| d.name.clone()),
            names: election
                .projects
                .iter()
                .map(|p| titles.get(&p.id).cloned().unwrap_or_else(|| p.id.clone()))
                .collect(),
            results: compare(&election, &default_rules()),
            election,
        })
        .collect();
    Ok((row.title, row.currency, pots))
}

/// Every rule on an uploaded Pabulib file.
pub fn of_pabulib(bytes: &[u8]) -> AppResult<PotComparison> {
    let instance = crate::pabulib::parse_bytes(bytes).map_err(|e| {
        AppError::Unprocessable(format!("this is not a valid Pabulib file: {e}").into())
    })?;
    let election = instance.to_election().map_err(|e| {
        AppError::Unprocessable(format!("this is not a valid Pabulib file: {e}").into())
    })?;
    let names = instance
        .projects
        .iter()
        .map(|p| {
            p.name()
                .map_or_else(|| p.id.clone(), |n| format!("{} ({})", n, p.id))
        })
        .collect();
    let heading = [
        instance.meta("country"),
        instance.meta("unit"),
        instance.meta("instance"),
        instance.meta("subunit"),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    Ok(PotComparison {
        heading,
        names,
        results: compare(&election, &default_rules()),
        election,
    })
}
