//! A round's proposals on a map, with the same as a list.

use super::*;
use crate::domain::map::{self, MapQuery};

pub async fn map_page(
    state: web::Data<AppState>,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    query: web::Query<MapQuery>,
) -> AppResult<HttpResponse> {
    let id = parse_round_id(&path)?.0;
    let round = round_with(&state, id, viewer.lang, Projects::All).await?;
    let query = query.into_inner();
    let (detail, q) = (round.clone(), query.clone());
    let map = state
        .db(move |conn| map::of_round(conn, &detail, &q))
        .await?;
    Ok(html(crate::views::map::page(
        &viewer,
        &round,
        &map,
        &query,
        &state.settings.map,
    )))
}

/// The proposal form (new or edit) with the place fields the city's area allows.
pub(super) async fn form_page(
    state: &AppState,
    viewer: &crate::views::layout::Viewer,
    round: &RoundDetail,
    action: &str,
    values: &ProposalInput,
    errors: &FieldErrors,
    heading: &str,
) -> AppResult<maud::Markup> {
    let (extent, places) = state
        .db(|conn| {
            let area = crate::domain::place::CityArea::load(conn)?;
            let places = crate::domain::place::named_places(conn)?;
            Ok((area.is_known().then(|| area.extent()).flatten(), places))
        })
        .await?;
    // Named places under their district's name, the city's own last.
    let mut grouped: Vec<(Option<String>, Vec<crate::domain::place::NamedPlace>)> = Vec::new();
    for d in &round.districts {
        let list: Vec<_> = places
            .iter()
            .filter(|p| p.district_id == Some(d.id.0))
            .cloned()
            .collect();
        if !list.is_empty() {
            grouped.push((Some(d.name.clone()), list));
        }
    }
    let citywide: Vec<_> = places
        .iter()
        .filter(|p| p.district_id.is_none())
        .cloned()
        .collect();
    if !citywide.is_empty() {
        grouped.push((None, citywide));
    }
    let picker = extent.map(|extent| {
        crate::views::map::picker(
            viewer.lang,
            &state.settings.map,
            Some(extent),
            &grouped,
            &values.point,
            &values.place,
            errors,
        )
    });
    Ok(pages::form(
        viewer,
        round,
        action,
        values,
        errors,
        heading,
        picker.as_ref(),
    ))
}
