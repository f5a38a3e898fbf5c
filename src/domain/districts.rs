//! The city's districts, and which of them take part in a round.

use crate::db::models::district;
use crate::db::DbConnection;
use crate::domain::ids::RoundId;
use crate::error::AppResult;

/// A district of the city.
#[derive(Clone, Debug)]
pub struct District {
    pub id: i64,
    pub slug: String,
    pub name: String,
}

/// A district taking part in a round, with its own budget (minor units).
#[derive(Clone, Debug)]
pub struct RoundDistrict {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub budget: i64,
}

/// Every district, by name.
pub fn all(conn: &mut DbConnection) -> AppResult<Vec<District>> {
    Ok(district::all(conn)?
        .into_iter()
        .map(|d| District {
            id: d.id,
            slug: d.slug,
            name: d.name,
        })
        .collect())
}

/// The districts of a round, by name.
pub fn of_round(conn: &mut DbConnection, round_id: RoundId) -> AppResult<Vec<RoundDistrict>> {
    let round_id = round_id.0;
    Ok(district::of_round(conn, round_id)?
        .into_iter()
        .map(|d| RoundDistrict {
            id: d.district_id,
            slug: d.slug,
            name: d.name,
            budget: d.budget,
        })
        .collect())
}

/// The id of the district with this slug, if it takes part in the round.
pub fn in_round(conn: &mut DbConnection, round_id: RoundId, slug: &str) -> AppResult<Option<i64>> {
    let round_id = round_id.0;
    Ok(district::of_round(conn, round_id)?
        .into_iter()
        .find(|d| d.slug == slug)
        .map(|d| d.district_id))
}
