//! A round's proposals on a map, and the same as a list for readers who do not use the map:
//! filtered by status, district and category, with the distance from a chosen named place,
//! and the funded projects marked once the result is published. Also the round's GeoJSON.

use serde::Deserialize;
use utoipa::IntoParams;

use super::place::{CityArea, Extent, NamedPlace, Point};
use super::rounds::{ProjectView, RoundDetail};
use super::status::ProposalStatus;
use crate::db::DbConnection;
use crate::error::AppResult;

#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
pub struct MapQuery {
    /// `submitted`, `feasible`, `infeasible` or `withdrawn`; empty for all.
    #[serde(default)]
    pub status: Option<String>,
    /// District slug, `citywide`, or empty for all.
    #[serde(default)]
    pub district: Option<String>,
    #[serde(default)]
    pub category: Option<String>,
    /// The id of a named place to measure distances from.
    #[serde(default)]
    pub from: Option<String>,
}

/// A proposal with a point, as the map and its list show it.
#[derive(Clone, Debug)]
pub struct Marker {
    pub project: ProjectView,
    pub point: Point,
    /// From the chosen place, when one was chosen.
    pub metres: Option<f64>,
}

#[derive(Clone, Debug)]
pub struct RoundMap {
    pub extent: Option<Extent>,
    /// By district (its name, `None` for city-wide), each nearest first when a place was
    /// chosen, else by title.
    pub groups: Vec<(Option<String>, Vec<Marker>)>,
    /// Proposals that match the filters but have no point.
    pub without_point: usize,
    pub places: Vec<NamedPlace>,
    /// The place distances are measured from.
    pub from: Option<NamedPlace>,
}

fn wanted(p: &ProjectView, q: &MapQuery, round: &RoundDetail) -> bool {
    let status_ok = match q.status.as_deref().filter(|s| !s.is_empty()) {
        Some(s) => ProposalStatus::parse(s) == Some(p.status),
        None => true,
    };
    let district_ok = match q.district.as_deref().filter(|s| !s.is_empty()) {
        Some("citywide") => p.district_id.is_none(),
        Some(slug) => round
            .districts
            .iter()
            .find(|d| d.slug == slug)
            .is_some_and(|d| p.district_id == Some(d.id)),
        None => true,
    };
    let category_ok = match q.category.as_deref().filter(|s| !s.is_empty()) {
        Some(c) => p.category.as_deref() == Some(c),
        None => true,
    };
    status_ok && district_ok && category_ok
}

/// The map of a round as `round` (already in the reader's language) shows it.
pub fn of_round(conn: &mut DbConnection, round: &RoundDetail, q: &MapQuery) -> AppResult<RoundMap> {
    let area = CityArea::load(conn)?;
    let places = super::place::named_places(conn)?;
    let from = q
        .from
        .as_deref()
        .and_then(|f| f.parse::<i64>().ok())
        .and_then(|id| places.iter().find(|p| p.id == id).cloned());
    let mut without_point = 0;
    let mut groups: Vec<(Option<String>, Vec<Marker>)> = round
        .districts
        .iter()
        .map(|d| (Some(d.name.clone()), Vec::new()))
        .chain(std::iter::once((None, Vec::new())))
        .collect();
    for p in round.projects.iter().filter(|p| wanted(p, q, round)) {
        let Some(point) = p.point else {
            without_point += 1;
            continue;
        };
        let group = p
            .district_id
            .and_then(|d| round.districts.iter().position(|x| x.id == d))
            .unwrap_or(round.districts.len());
        groups[group].1.push(Marker {
            project: p.clone(),
            point,
            metres: from.as_ref().map(|f| f.point.metres_to(point)),
        });
    }
    for (_, markers) in &mut groups {
        match from {
            Some(_) => {
                markers.sort_by(|a, b| a.metres.unwrap_or(0.0).total_cmp(&b.metres.unwrap_or(0.0)))
            }
            None => markers.sort_by(|a, b| a.project.title.cmp(&b.project.title)),
        }
    }
    groups.retain(|(_, markers)| !markers.is_empty());
    Ok(RoundMap {
        extent: area.extent(),
        groups,
        without_point,
        places,
        from,
    })
}

/// The round's proposals that have a point, as a GeoJSON FeatureCollection (RFC 7946):
/// id, title, status, district, category, cost in currency units and, once published,
/// whether each is funded. Hidden proposals are left out.
pub fn geojson(round: &RoundDetail) -> String {
    let features: Vec<serde_json::Value> = round
        .projects
        .iter()
        .filter_map(|p| {
            let point = p.point?;
            let district = p
                .district_id
                .and_then(|d| round.districts.iter().find(|x| x.id == d))
                .map(|d| d.slug.clone());
            Some(serde_json::json!({
                "type": "Feature",
                "id": p.id.0,
                "geometry": {"type": "Point", "coordinates": [point.longitude, point.latitude]},
                "properties": {
                    "id": p.id.0,
                    "title": p.title,
                    "status": p.status.as_str(),
                    "district": district,
                    "category": p.category,
                    "cost": p.cost as f64 / 100.0,
                    "currency": round.summary.currency,
                    "funded": p.funded,
                },
            }))
        })
        .collect();
    serde_json::json!({"type": "FeatureCollection", "features": features}).to_string()
}
