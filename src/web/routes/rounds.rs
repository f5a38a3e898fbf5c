//! The public round page, with "can I vote?" for a logged-in resident and the census match.

use actix_web::http::header;
use actix_web::{web, HttpResponse};
use maud::Markup;
use serde::Deserialize;

use crate::domain::eligibility;
use crate::domain::rounds::Projects;
use crate::domain::{translations, RoundId};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::i18n::{t, Message};
use crate::views;
use crate::web::extractors::{AuthUser, CsrfForm, FormFields, MaybeUser, PageViewer};
use crate::web::AppState;

#[derive(Deserialize)]
pub struct ShowQuery {
    census: Option<String>,
}

pub async fn show(
    state: web::Data<AppState>,
    PageViewer(viewer): PageViewer,
    user: MaybeUser,
    path: web::Path<String>,
    query: web::Query<ShowQuery>,
) -> AppResult<Markup> {
    let id = parse_round_id(&path)?;
    let now = state.clock.now();
    let lang = viewer.lang;
    let account = user.0.map(|u| u.user);
    let ((round, translated), eligibility) = state
        .db(move |conn| {
            let detail = translations::round_detail(conn, id, now, lang, Projects::OnBallot)?;
            let eligibility = match account {
                Some(user) => Some(eligibility::of_round(conn, RoundId(id.0), &user)?),
                None => None,
            };
            Ok((detail, eligibility))
        })
        .await?;
    let notice = match query.census.as_deref() {
        Some("matched") => Some(t(viewer.lang, "rounds-census-matched")),
        _ => None,
    };
    Ok(views::rounds::show(
        &viewer,
        &round,
        translated,
        eligibility.as_ref(),
        notice.as_deref(),
        &FieldErrors::default(),
    ))
}

/// Path ids come in as text so a malformed one is a 404 with a sentence, not actix's 400.
pub fn parse_round_id(raw: &str) -> AppResult<RoundId> {
    raw.parse()
        .ok()
        .filter(|id: &i64| *id > 0)
        .map(RoundId)
        .ok_or_else(|| AppError::NotFound(Message::new("messages-no-round").with("id", raw)))
}

#[derive(Deserialize)]
pub struct CensusForm {
    pub document_number: String,
    pub birth_year: String,
}
impl FormFields for CensusForm {}

/// Tries to match the person to the census; failures count toward a back-off like logins,
/// so the list cannot be searched by guessing.
pub async fn census_match(
    state: web::Data<AppState>,
    user: AuthUser,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<CensusForm>,
) -> AppResult<HttpResponse> {
    let id = parse_round_id(&path)?;
    let now = state.clock.now();
    let account = user.user.clone();
    let lang = viewer.lang;
    let secret = state.settings.secret_key.clone();
    let outcome = state
        .db(move |conn| {
            eligibility::match_census_form(
                conn,
                secret.expose(),
                lang,
                RoundId(id.0),
                &account,
                &form.document_number,
                &form.birth_year,
                now,
            )
        })
        .await?;
    match outcome {
        Ok(()) => Ok(HttpResponse::SeeOther()
            .insert_header((header::LOCATION, format!("/rounds/{id}?census=matched")))
            .finish()),
        Err((errors, eligibility)) => {
            let (round, translated) = state
                .db(move |conn| translations::round_detail(conn, id, now, lang, Projects::OnBallot))
                .await?;
            let page = views::rounds::show(
                &viewer,
                &round,
                translated,
                Some(&eligibility),
                None,
                &errors,
            );
            Ok(HttpResponse::UnprocessableEntity()
                .content_type("text/html; charset=utf-8")
                .body(page.into_string()))
        }
    }
}
