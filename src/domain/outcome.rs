//! A counted round's stored outcome: each separately counted pot with its tally, as the
//! result row keeps it and every reader of results (pages, exports, follow-up) reads it.

use serde::{Deserialize, Serialize};

use super::ProposalId;
use crate::db::models::round_result::RoundResultRow;
use crate::error::{AppError, AppResult};
use crate::tally;

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

pub fn funded_projects(row: &RoundResultRow) -> AppResult<Vec<ProposalId>> {
    let stored: StoredOutcome = serde_json::from_str(&row.outcome).map_err(AppError::internal)?;
    stored
        .pots
        .iter()
        .flat_map(|pot| pot.outcome.selected.iter())
        .map(|id| id.parse().map(ProposalId).map_err(AppError::internal))
        .collect()
}
