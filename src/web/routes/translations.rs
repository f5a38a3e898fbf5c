//! The council's translation pages for a round's text and each proposal's.

use crate::domain::RoundId;
use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpResponse};
use serde::Deserialize;

use crate::domain::translations::{self, Text, TranslationInput};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::i18n::{t, Message};
use crate::views::layout::Viewer;
use crate::views::translations::{page, Draft, TranslationsPage};
use crate::web::extractors::{Authorized, CouncilOnly, CsrfForm, FormFields, PageViewer};
use crate::web::routes::proposals::parse_proposal_id;
use crate::web::routes::rounds::parse_round_id;
use crate::web::routes::{html, html_status};
use crate::web::AppState;

#[derive(Deserialize)]
pub struct TranslationForm {
    translation_lang: String,
    translated_title: String,
    translated_description: String,
}
impl FormFields for TranslationForm {}

#[derive(Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
}

/// The text's original words and its page.
struct Subject {
    round_id: i64,
    proposal_id: Option<i64>,
    original: TranslationInput,
    back: String,
}

/// Where the translation page of a text is.
fn address(text: Text) -> String {
    match text {
        Text::Round(id) => format!("/council/rounds/{id}/translations"),
        Text::Proposal(id) => format!("/proposals/{id}/translations"),
    }
}

fn subject(conn: &mut crate::db::DbConnection, text: Text) -> AppResult<Subject> {
    let (round_id, original) = translations::original(conn, text)?;
    let (proposal_id, back) = match text {
        Text::Round(id) => (None, format!("/council/rounds/{id}")),
        Text::Proposal(id) => (Some(id), format!("/proposals/{id}")),
    };
    Ok(Subject {
        round_id,
        proposal_id,
        original,
        back,
    })
}

async fn render(
    state: &AppState,
    viewer: &Viewer,
    text: Text,
    draft: &Draft,
    errors: &FieldErrors,
    notice: Option<&str>,
) -> AppResult<maud::Markup> {
    let (subject, existing) = state
        .db(move |conn| {
            let s = subject(conn, text)?;
            let existing = translations::of_text(conn, RoundId(s.round_id), s.proposal_id)?;
            Ok((s, existing))
        })
        .await?;
    Ok(page(
        viewer,
        TranslationsPage {
            of: (&subject.original.title, subject.back.clone()),
            original: &subject.original,
            existing: &existing,
            action: address(text),
            draft,
            errors,
            notice,
        },
    ))
}

async fn show(
    state: web::Data<AppState>,
    viewer: Viewer,
    text: Text,
    done: Option<String>,
) -> AppResult<HttpResponse> {
    let notice = match done.as_deref() {
        Some("translated") => Some(t(viewer.lang, "translations-flash-saved")),
        Some("untranslated") => Some(t(viewer.lang, "translations-flash-removed")),
        _ => None,
    };
    let markup = render(
        &state,
        &viewer,
        text,
        &Draft::default(),
        &FieldErrors::default(),
        notice.as_deref(),
    )
    .await?;
    Ok(html(markup))
}

/// Saves the translation and shows the page again; what cannot be saved comes back with
/// its errors next to the fields and the text as typed.
async fn save(
    state: web::Data<AppState>,
    council: Authorized<CouncilOnly>,
    viewer: Viewer,
    text: Text,
    form: TranslationForm,
) -> AppResult<HttpResponse> {
    let draft = Draft {
        lang: form.translation_lang.trim().to_string(),
        title: form.translated_title,
        description: form.translated_description,
    };
    let Ok(lang) = translations::language(&draft.lang) else {
        let mut errors = FieldErrors::default();
        errors.add(
            "translation_lang",
            Message::new("translations-error-language"),
        );
        return refused(&state, &viewer, text, &draft, &errors).await;
    };
    let input = TranslationInput {
        title: draft.title.clone(),
        description: draft.description.clone(),
    };
    let now = state.clock.now();
    let actor = council.0.id();
    let saved = state
        .db(move |conn| translations::save(conn, actor, text, lang, &input, now))
        .await;
    match saved {
        Ok(translated) => {
            let here = address(text);
            let done = if translated {
                "translated"
            } else {
                "untranslated"
            };
            Ok(HttpResponse::SeeOther()
                .insert_header((header::LOCATION, format!("{here}?done={done}")))
                .finish())
        }
        Err(AppError::Invalid(errors)) => {
            // The rules name the fields `title` and `description`; this form's are prefixed.
            let mut renamed = FieldErrors::default();
            for (field, message) in errors.0 {
                renamed.add(&format!("translated_{field}"), message);
            }
            refused(&state, &viewer, text, &draft, &renamed).await
        }
        Err(e) => Err(e),
    }
}

async fn refused(
    state: &AppState,
    viewer: &Viewer,
    text: Text,
    draft: &Draft,
    errors: &FieldErrors,
) -> AppResult<HttpResponse> {
    let markup = render(state, viewer, text, draft, errors, None).await?;
    Ok(html_status(StatusCode::UNPROCESSABLE_ENTITY, markup))
}

pub async fn round_page(
    state: web::Data<AppState>,
    _council: Authorized<CouncilOnly>,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    query: web::Query<DoneQuery>,
) -> AppResult<HttpResponse> {
    let text = Text::Round(parse_round_id(&path)?.0);
    show(state, viewer, text, query.into_inner().done).await
}

pub async fn proposal_page(
    state: web::Data<AppState>,
    _council: Authorized<CouncilOnly>,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    query: web::Query<DoneQuery>,
) -> AppResult<HttpResponse> {
    let text = Text::Proposal(parse_proposal_id(&path)?);
    show(state, viewer, text, query.into_inner().done).await
}

pub async fn round(
    state: web::Data<AppState>,
    council: Authorized<CouncilOnly>,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<TranslationForm>,
) -> AppResult<HttpResponse> {
    let text = Text::Round(parse_round_id(&path)?.0);
    save(state, council, viewer, text, form).await
}

pub async fn proposal(
    state: web::Data<AppState>,
    council: Authorized<CouncilOnly>,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<TranslationForm>,
) -> AppResult<HttpResponse> {
    let text = Text::Proposal(parse_proposal_id(&path)?);
    save(state, council, viewer, text, form).await
}
