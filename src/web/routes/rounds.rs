//! The public round page, with "can I vote?" for a logged-in resident and the census match.

use actix_web::http::header;
use actix_web::{web, HttpResponse};
use maud::Markup;
use serde::Deserialize;

use crate::db::models::round;
use crate::domain::eligibility::{self, Eligibility};
use crate::domain::{translations, RoundId};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::i18n::{t, Lang, Message};
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
            let detail = translations::round_detail(conn, id, now, lang)?;
            let eligibility = match account {
                Some(user) => {
                    let row = round::find(conn, id.0)?;
                    Some(eligibility::check(conn, &row, &user)?)
                }
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
        .db(move |conn| census_attempt(conn, secret.expose(), lang, id, &account, &form, now))
        .await?;
    match outcome {
        Ok(()) => Ok(HttpResponse::SeeOther()
            .insert_header((header::LOCATION, format!("/rounds/{id}?census=matched")))
            .finish()),
        Err((errors, eligibility)) => {
            let (round, translated) = state
                .db(move |conn| translations::round_detail(conn, id, now, lang))
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

type CensusAttempt = Result<(), (FieldErrors, Eligibility)>;

pub fn census_attempt(
    conn: &mut crate::db::DbConnection,
    secret: &[u8],
    lang: Lang,
    id: RoundId,
    account: &crate::db::models::user::UserRow,
    form: &CensusForm,
    now: chrono::NaiveDateTime,
) -> AppResult<CensusAttempt> {
    use crate::domain::accounts;
    let key = accounts::throttle_key(secret, "census", &format!("{}\n{}", id.0, account.id));
    if let Some(wait) = accounts::throttled_key(conn, &key, 5, now)? {
        return Err(crate::web::routes::accounts::too_many_in(lang, wait));
    }
    let mut errors = FieldErrors::default();
    let year = form.birth_year.trim().parse::<i32>().ok();
    if year.is_none() {
        errors.add("birth_year", Message::new("rounds-census-error-birth-year"));
    }
    if crate::domain::census::normalize_document(&form.document_number).len() < 4 {
        errors.add(
            "document_number",
            Message::new("rounds-census-error-document"),
        );
    }
    if errors.is_empty() {
        match crate::domain::census::match_census(
            conn,
            secret,
            id.0,
            account,
            &form.document_number,
            year.unwrap_or(0),
            now,
        ) {
            Ok(true) => return Ok(Ok(())),
            Ok(false) => {
                accounts::record_failed_attempt(conn, &key, now)?;
                errors.add(
                    "document_number",
                    Message::new("rounds-census-error-not-found"),
                );
            }
            Err(AppError::Conflict(message)) => errors.add("document_number", message),
            Err(e) => return Err(e),
        }
    }
    let row = round::find(conn, id.0)?;
    Ok(Err((errors, eligibility::check(conn, &row, account)?)))
}
