//! Reviewers confirm voters in person (identity, and district if the round needs it).

use actix_web::{web, HttpResponse};
use maud::html;
use serde::Deserialize;

use crate::db::models::{district, round, user};
use crate::domain::eligibility;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::i18n::{t, t_with};
use crate::views::components::{button, csrf_field, error_summary, flash, input, select, Field};
use crate::views::layout::{layout_for, Page, Viewer};
use crate::web::extractors::{Authorized, CsrfForm, FormFields, PageViewer, Reviewers};
use crate::web::routes::rounds::parse_round_id;
use crate::web::AppState;

fn page(
    viewer: &Viewer,
    round: &round::RoundRow,
    districts: &[(String, String)],
    notice: Option<&str>,
    errors: &FieldErrors,
) -> HttpResponse {
    let lang = viewer.lang;
    let title = t_with(lang, "review-confirm-title", &[("round", &round.title)]);
    let email_label = t(lang, "review-confirm-email");
    let markup = layout_for(
        viewer,
        Page { title: &title },
        html! {
            h1 { (title) }
            @if let Some(message) = notice { (flash(message)) }
            (error_summary(lang, errors))
            p { (t(lang, "review-confirm-text")) }
            form method="post" novalidate {
                (csrf_field(&viewer.csrf))
                (input(lang, Field::new("email", &email_label).kind("email").required(), errors))
                (input(lang, Field::new("document_number", &t(lang, "review-confirm-document")).hint(&t(lang, "review-confirm-document-hint")).autocomplete("off").required(), errors))
                (select(lang, "district", &t(lang, "review-confirm-district"), Some(t(lang, "review-confirm-district-hint").as_str()), districts, "", errors))
                (button(&t(lang, "review-confirm-submit")))
            }
        },
    );
    let status = if errors.is_empty() {
        actix_web::http::StatusCode::OK
    } else {
        actix_web::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(markup.into_string())
}

async fn load(state: &AppState, id: i64) -> AppResult<(round::RoundRow, Vec<(String, String)>)> {
    state
        .db(move |conn| {
            let row = crate::domain::rounds::find(conn, id)?;
            let districts = district::of_round(conn, id)?
                .into_iter()
                .map(|d| (d.slug, d.name))
                .collect();
            Ok((row, districts))
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
    let (row, districts) = load(&state, id).await?;
    Ok(page(
        &viewer,
        &row,
        &districts,
        None,
        &FieldErrors::default(),
    ))
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
    let email = crate::domain::accounts::normalize_email(&form.email);
    let slug = form.district.clone().filter(|d| !d.is_empty());
    let lang = viewer.lang;
    let secret = state.settings.secret_key.clone();
    let result = state
        .db(move |conn| {
            let mut errors = FieldErrors::default();
            let Some(person) = user::find_by_email(conn, &email)? else {
                errors.add("email", t(lang, "review-confirm-no-account"));
                return Ok(Err(errors));
            };
            let district_id = match &slug {
                None => None,
                Some(s) => match district::of_round(conn, id)?
                    .into_iter()
                    .find(|d| &d.slug == s)
                {
                    Some(d) => Some(d.district_id),
                    None => {
                        errors.add("district", t(lang, "review-confirm-bad-district"));
                        return Ok(Err(errors));
                    }
                },
            };
            let check = eligibility::InPersonCheck {
                reviewer_id,
                round_id: id,
                user: &person,
                document: &form.document_number,
                district_id,
            };
            match eligibility::confirm_in_person(conn, secret.expose(), &check, now) {
                Ok(outcome) => Ok(Ok((person.display_name, outcome))),
                Err(AppError::Conflict(m) | AppError::Unprocessable(m)) => {
                    errors.add("document_number", m.text(lang));
                    Ok(Err(errors))
                }
                Err(e) => Err(e),
            }
        })
        .await?;
    let (row, districts) = load(&state, id).await?;
    Ok(match result {
        Ok((name, outcome)) => page(
            &viewer,
            &row,
            &districts,
            Some(&t_with(
                viewer.lang,
                match outcome {
                    eligibility::CheckOutcome::Confirmed => "review-confirmed",
                    eligibility::CheckOutcome::ConfirmedAlreadyVoted => {
                        "review-confirmed-already-voted"
                    }
                },
                &[("name", &name)],
            )),
            &FieldErrors::default(),
        ),
        Err(errors) => page(&viewer, &row, &districts, None, &errors),
    })
}

fn paper_start(
    viewer: &Viewer,
    round: &round::RoundRow,
    notice: Option<&str>,
    errors: &FieldErrors,
) -> HttpResponse {
    let lang = viewer.lang;
    let title = t_with(lang, "review-paper-title", &[("round", &round.title)]);
    let email_label = t(lang, "review-paper-email");
    let markup = layout_for(
        viewer,
        Page { title: &title },
        html! {
            h1 { (title) }
            @if let Some(message) = notice { (flash(message)) }
            (error_summary(lang, errors))
            p { (t(lang, "review-paper-text")) }
            form method="post" action={"/review/rounds/" (round.id) "/paper/ballot"} novalidate {
                (csrf_field(&viewer.csrf))
                (input(lang, Field::new("email", &email_label).kind("email").required(), errors))
                (button(&t(lang, "review-paper-show")))
            }
        },
    );
    let status = if errors.is_empty() {
        actix_web::http::StatusCode::OK
    } else {
        actix_web::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(markup.into_string())
}

pub async fn paper_form(
    state: web::Data<AppState>,
    _r: Authorized<Reviewers>,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let id = parse_round_id(&path)?.0;
    let (row, _) = load(&state, id).await?;
    Ok(paper_start(&viewer, &row, None, &FieldErrors::default()))
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
            let row = crate::domain::rounds::find(conn, id)?;
            let Some(voter) = user::find_by_email(conn, &lookup)? else {
                return Ok((row, Err(t(lang, "review-paper-no-account"))));
            };
            match crate::domain::ballots::paper_for_account(
                conn,
                secret.expose(),
                id,
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
            Ok(HttpResponse::Ok()
                .content_type("text/html; charset=utf-8")
                .body(page.into_string()))
        }
        (row, Err(message)) => {
            let mut errors = FieldErrors::default();
            errors.add("email", message);
            Ok(paper_start(&viewer, &row, None, &errors))
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
            let row = crate::domain::rounds::find(conn, id)?;
            let voter = user::find_by_email(conn, &email)?
                .ok_or_else(|| AppError::NotFound(t(lang, "review-error-no-account").into()))?;
            let choice = fields
                .choice_in(
                    lang,
                    crate::domain::rounds::BallotType::parse(&row.ballot_type)?,
                )
                .map_err(|m| AppError::Unprocessable(m.into()))?;
            let outcome = enter_paper(conn, secret.expose(), officer_id, id, &voter, &choice, now);
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
    Ok(paper_start(&viewer, &row, notice.as_deref(), &errors))
}
