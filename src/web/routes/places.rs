//! The council keeps the city's named places.

use actix_web::{web, HttpResponse};
use serde::Deserialize;

use crate::domain::place;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::i18n::t;
use crate::views;
use crate::web::extractors::{Authorized, CouncilOnly, CsrfForm, FormFields, PageViewer};
use crate::web::routes::{html, html_status, see_other};
use crate::web::AppState;

#[derive(Deserialize)]
pub struct PlacesQuery {
    done: Option<String>,
}

#[derive(Deserialize)]
pub struct PlacesForm {
    #[serde(default)]
    places: String,
}

impl FormFields for PlacesForm {}

async fn render(
    state: &AppState,
    viewer: &views::layout::Viewer,
    typed: Option<String>,
    errors: &FieldErrors,
    notice: Option<&str>,
) -> AppResult<maud::Markup> {
    let (area, districts, places, csv) = state
        .db(|conn| {
            let districts: Vec<(i64, String)> = crate::domain::districts::all(conn)?
                .into_iter()
                .map(|d| (d.id, d.name))
                .collect();
            Ok((
                place::CityArea::load(conn)?,
                districts,
                place::named_places(conn)?,
                place::named_places_csv(conn)?,
            ))
        })
        .await?;
    let typed = typed.unwrap_or(csv);
    Ok(views::places::page(
        viewer, &area, &districts, &places, &typed, errors, notice,
    ))
}

pub async fn page(
    state: web::Data<AppState>,
    _council: Authorized<CouncilOnly>,
    PageViewer(viewer): PageViewer,
    query: web::Query<PlacesQuery>,
) -> AppResult<HttpResponse> {
    let notice = query
        .done
        .as_deref()
        .map(|_| t(viewer.lang, "places-saved"));
    Ok(html(
        render(
            &state,
            &viewer,
            None,
            &FieldErrors::default(),
            notice.as_deref(),
        )
        .await?,
    ))
}

/// Replaces the list, all or nothing; a wrong line is named next to the field.
pub async fn save(
    state: web::Data<AppState>,
    _council: Authorized<CouncilOnly>,
    PageViewer(viewer): PageViewer,
    CsrfForm(form): CsrfForm<PlacesForm>,
) -> AppResult<HttpResponse> {
    let text = form.places.clone();
    match state
        .db(move |conn| place::import_named_places(conn, &text))
        .await
    {
        Ok(_) => Ok(see_other("/council/places?done=saved".to_string())),
        Err(AppError::Unprocessable(message)) => {
            let mut errors = FieldErrors::default();
            errors.add("places", message);
            Ok(html_status(
                actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
                render(&state, &viewer, Some(form.places), &errors, None).await?,
            ))
        }
        Err(e) => Err(e),
    }
}
