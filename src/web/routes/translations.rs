//! The council's translation forms on the round's manage page and on proposal pages.

use actix_web::http::header;
use actix_web::{web, HttpResponse};
use serde::Deserialize;

use crate::domain::translations::{self, Text, TranslationInput};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::web::extractors::{Authorized, CouncilOnly, CsrfForm, FormFields};
use crate::web::routes::proposals::parse_proposal_id;
use crate::web::routes::rounds::parse_round_id;
use crate::web::AppState;

#[derive(Deserialize)]
pub struct TranslationForm {
    translation_lang: String,
    translated_title: String,
    translated_description: String,
}
impl FormFields for TranslationForm {}

/// Saves the translation and returns to `back` with a notice of what happened.
async fn save(
    state: web::Data<AppState>,
    council: Authorized<CouncilOnly>,
    text: Text,
    form: TranslationForm,
    back: String,
) -> AppResult<HttpResponse> {
    let lang = translations::language(form.translation_lang.trim()).map_err(|_| {
        let mut errors = FieldErrors::default();
        errors.add(
            "translation_lang",
            "Choose the language of the translation.",
        );
        AppError::Invalid(errors)
    })?;
    let input = TranslationInput {
        title: form.translated_title,
        description: form.translated_description,
    };
    let now = state.clock.now();
    let actor = council.0.id();
    let translated = state
        .db(move |conn| translations::save(conn, actor, text, lang, &input, now))
        .await?;
    let done = if translated {
        "translated"
    } else {
        "untranslated"
    };
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, format!("{back}?done={done}")))
        .finish())
}

pub async fn round(
    state: web::Data<AppState>,
    council: Authorized<CouncilOnly>,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<TranslationForm>,
) -> AppResult<HttpResponse> {
    let id = parse_round_id(&path)?.0;
    let back = format!("/council/rounds/{id}");
    save(state, council, Text::Round(id), form, back).await
}

pub async fn proposal(
    state: web::Data<AppState>,
    council: Authorized<CouncilOnly>,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<TranslationForm>,
) -> AppResult<HttpResponse> {
    let id = parse_proposal_id(&path)?;
    let back = format!("/proposals/{id}");
    save(state, council, Text::Proposal(id), form, back).await
}
