//! Reviewers confirm voters in person (identity, and district if the round needs it).

use crate::domain::RoundId;
use actix_web::{web, HttpResponse};
use serde::Deserialize;

use crate::domain::districts::{self, RoundDistrict};
use crate::domain::rounds::{self, RoundSummary};
use crate::domain::{eligibility, people};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::i18n::{t, t_with};
use crate::views;
use crate::web::extractors::{Authorized, CsrfForm, FormFields, PageViewer, Reviewers};
use crate::web::routes::rounds::parse_round_id;
use crate::web::routes::{html, html_status};
use crate::web::AppState;

/// A page that is a form: 422 when it shows errors.
fn form_page(errors: &FieldErrors, markup: maud::Markup) -> HttpResponse {
    if errors.is_empty() {
        html(markup)
    } else {
        html_status(actix_web::http::StatusCode::UNPROCESSABLE_ENTITY, markup)
    }
}

async fn load(state: &AppState, id: i64) -> AppResult<(RoundSummary, Vec<RoundDistrict>)> {
    let now = state.clock.now();
    state
        .db(move |conn| {
            Ok((
                rounds::summary_of(conn, RoundId(id), now)?,
                districts::of_round(conn, RoundId(id))?,
            ))
        })
        .await
}

pub async fn checks_form(
    state: web::Data<AppState>,
    _r: Authorized<Reviewers>,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let id = parse_round_id(&path)?.0;
    let (round, districts) = load(&state, id).await?;
    let errors = FieldErrors::default();
    let page = views::review::confirm_voter(&viewer, &round, &districts, None, &errors);
    Ok(form_page(&errors, page))
}

#[derive(Deserialize)]
pub struct ConfirmForm {
    email: String,
    #[serde(default)]
    document_number: String,
    district: Option<String>,
}
impl FormFields for ConfirmForm {}

pub async fn confirm(
    state: web::Data<AppState>,
    reviewer: Authorized<Reviewers>,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<ConfirmForm>,
) -> AppResult<HttpResponse> {
    let id = parse_round_id(&path)?.0;
    let now = state.clock.now();
    let reviewer_id = reviewer.0.id();
    let lang = viewer.lang;
    let secret = state.settings.secret_key.clone();
    let result = state
        .db(move |conn| {
            let district = form.district.as_deref().filter(|d| !d.is_empty());
            let check = eligibility::InPersonCheck {
                reviewer_id,
                round_id: id,
                email: &form.email,
                document: &form.document_number,
                district,
            };
            let mut errors = FieldErrors::default();
            match eligibility::confirm_in_person(conn, secret.expose(), &check, now) {
                Ok((person, outcome)) => Ok(Ok((person.display_name, outcome))),
                Err(AppError::NotFound(m)) => {
                    errors.add("email", m.text(lang));
                    Ok(Err(errors))
                }
                Err(AppError::Conflict(m) | AppError::Unprocessable(m)) => {
                    errors.add("document_number", m.text(lang));
                    Ok(Err(errors))
                }
                Err(AppError::Invalid(fields)) => Ok(Err(fields)),
                Err(e) => Err(e),
            }
        })
        .await?;
    let (round, districts) = load(&state, id).await?;
    let (notice, errors) = match result {
        Ok((name, outcome)) => {
            let key = match outcome {
                eligibility::CheckOutcome::Confirmed => "review-confirmed",
                eligibility::CheckOutcome::ConfirmedAlreadyVoted => {
                    "review-confirmed-already-voted"
                }
            };
            (
                Some(t_with(lang, key, &[("name", &name)])),
                FieldErrors::default(),
            )
        }
        Err(errors) => (None, errors),
    };
    let page =
        views::review::confirm_voter(&viewer, &round, &districts, notice.as_deref(), &errors);
    Ok(form_page(&errors, page))
}

pub async fn paper_form(
    state: web::Data<AppState>,
    _r: Authorized<Reviewers>,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let id = parse_round_id(&path)?.0;
    let (round, _) = load(&state, id).await?;
    let errors = FieldErrors::default();
    Ok(form_page(
        &errors,
        views::review::paper_start(&viewer, &round, None, &errors),
    ))
}

#[derive(Deserialize)]
pub struct VoterEmail {
    email: String,
}
impl FormFields for VoterEmail {}

pub async fn paper_ballot(
    state: web::Data<AppState>,
    _r: Authorized<Reviewers>,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<VoterEmail>,
) -> AppResult<HttpResponse> {
    let id = parse_round_id(&path)?.0;
    let now = state.clock.now();
    let email = crate::domain::accounts::normalize_email(&form.email);
    let lookup = email.clone();
    let secret = state.settings.secret_key.clone();
    let lang = viewer.lang;
    let result = state
        .db(move |conn| {
            let row = rounds::summary_of(conn, RoundId(id), now)?;
            let Some(voter) = people::with_email(conn, &lookup)? else {
                return Ok((row, Err(t(lang, "review-paper-no-account"))));
            };
            match crate::domain::ballots::paper_for_account(
                conn,
                secret.expose(),
                RoundId(id),
                &voter,
                None,
                now,
            ) {
                Ok(paper) => Ok((row, Ok(paper))),
                Err(AppError::Forbidden(m) | AppError::Conflict(m)) => Ok((row, Err(m.text(lang)))),
                Err(e) => Err(e),
            }
        })
        .await?;
    match result {
        (row, Ok(paper)) => {
            let action = format!("/review/rounds/{id}/paper/enter");
            let page = crate::views::ballots::ballot_form_at(
                &viewer,
                &row.title,
                &paper,
                &Default::default(),
                &FieldErrors::default(),
                &action,
                &[("email", &email)],
                &t(viewer.lang, "review-paper-enter"),
            );
            Ok(html(page))
        }
        (row, Err(message)) => {
            let mut errors = FieldErrors::default();
            errors.add("email", message);
            Ok(form_page(
                &errors,
                views::review::paper_start(&viewer, &row, None, &errors),
            ))
        }
    }
}

pub async fn paper_enter(
    state: web::Data<AppState>,
    officer: Authorized<Reviewers>,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    CsrfForm(fields): CsrfForm<crate::web::routes::ballots::BallotFields>,
) -> AppResult<HttpResponse> {
    use crate::domain::paper_ballots::{enter_paper, PaperOutcome};
    let id = parse_round_id(&path)?.0;
    let now = state.clock.now();
    let officer_id = officer.0.id();
    let secret = state.settings.secret_key.clone();
    let email = crate::domain::accounts::normalize_email(fields.field("email").unwrap_or(""));
    let lang = viewer.lang;
    let (row, result) = state
        .db(move |conn| {
            let row = rounds::summary_of(conn, RoundId(id), now)?;
            let voter = people::with_email(conn, &email)?
                .ok_or_else(|| AppError::NotFound(t(lang, "review-error-no-account").into()))?;
            let choice = fields
                .choice_in(lang, row.ballot_type)
                .map_err(|m| AppError::Unprocessable(m.into()))?;
            let outcome = enter_paper(
                conn,
                secret.expose(),
                officer_id,
                RoundId(id),
                &voter,
                &choice,
                now,
            );
            Ok((row, outcome))
        })
        .await?;
    let mut errors = FieldErrors::default();
    let notice = match result {
        Ok(PaperOutcome::AwaitingSecondEntry) => Some(t(lang, "review-paper-first-entry")),
        Ok(PaperOutcome::Cast(code)) => Some(t_with(lang, "review-paper-cast", &[("code", &code)])),
        Ok(PaperOutcome::Mismatch) => {
            errors.add("email", t(lang, "review-paper-mismatch"));
            None
        }
        Err(AppError::Unprocessable(m) | AppError::Conflict(m) | AppError::Forbidden(m)) => {
            errors.add("email", m);
            None
        }
        Err(e) => return Err(e),
    };
    let page = views::review::paper_start(&viewer, &row, notice.as_deref(), &errors);
    Ok(form_page(&errors, page))
}
