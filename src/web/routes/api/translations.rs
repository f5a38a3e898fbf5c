//! The council's translations of round and proposal texts.

use actix_web::web;
use serde::Serialize;
use utoipa::ToSchema;

use crate::domain::translations::{self, Text, TranslationInput};
use crate::error::{AppResult, ErrorBody};
use crate::web::extractors::{Authorized, CouncilOnly};
use crate::web::routes::proposals::parse_proposal_id;
use crate::web::routes::rounds::parse_round_id;
use crate::web::AppState;

#[derive(Serialize, ToSchema)]
pub struct TranslationSaved {
    /// False when both fields were empty and the translation was removed (or never existed).
    pub translated: bool,
}

async fn save(
    state: web::Data<AppState>,
    council: Authorized<CouncilOnly>,
    text: Text,
    lang: &str,
    body: TranslationInput,
) -> AppResult<web::Json<TranslationSaved>> {
    let lang = translations::language(lang)?;
    let now = state.clock.now();
    let actor = council.0.id();
    let translated = state
        .db(move |conn| translations::save(conn, actor, text, lang, &body, now))
        .await?;
    Ok(web::Json(TranslationSaved { translated }))
}

/// Translate a round's title and description into one of the interface's languages (council).
/// Both fields empty removes the translation.
#[utoipa::path(put, path = "/api/v1/rounds/{round_id}/translations/{lang}", tag = "council", security(("bearer" = [])),
    request_body = TranslationInput,
    params(("round_id" = i64, Path, description = "Round id"), ("lang" = String, Path, description = "en, es or pl")),
    responses((status = 200, body = TranslationSaved), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn round(
    state: web::Data<AppState>,
    council: Authorized<CouncilOnly>,
    path: web::Path<(String, String)>,
    body: web::Json<TranslationInput>,
) -> AppResult<web::Json<TranslationSaved>> {
    let (id, lang) = path.into_inner();
    let text = Text::Round(parse_round_id(&id)?.0);
    save(state, council, text, &lang, body.into_inner()).await
}

/// Translate a proposal's title and description into one of the interface's languages
/// (council). Both fields empty removes the translation.
#[utoipa::path(put, path = "/api/v1/proposals/{proposal_id}/translations/{lang}", tag = "council", security(("bearer" = [])),
    request_body = TranslationInput,
    params(("proposal_id" = i64, Path, description = "Proposal id"), ("lang" = String, Path, description = "en, es or pl")),
    responses((status = 200, body = TranslationSaved), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn proposal(
    state: web::Data<AppState>,
    council: Authorized<CouncilOnly>,
    path: web::Path<(String, String)>,
    body: web::Json<TranslationInput>,
) -> AppResult<web::Json<TranslationSaved>> {
    let (id, lang) = path.into_inner();
    let text = Text::Proposal(parse_proposal_id(&id)?);
    save(state, council, text, &lang, body.into_inner()).await
}
