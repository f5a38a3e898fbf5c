//! Reviewers confirm voters in person (identity, and district if the round needs it).

use actix_web::{web, HttpResponse};
use maud::html;
use serde::Deserialize;

use crate::db::models::{district, round, user};
use crate::domain::eligibility;
use crate::error::{AppError, AppResult, FieldErrors};
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
    let markup = layout_for(
        viewer,
        Page {
            title: &format!("Confirm voters: {}", round.title),
        },
        html! {
            h1 { "Confirm voters: " (round.title) }
            @if let Some(message) = notice { (flash(message)) }
            (error_summary(errors))
            p { "Confirm a person after checking an identity document in person. The confirmation is recorded with your account." }
            form method="post" novalidate {
                (csrf_field(&viewer.csrf))
                (input(Field::new("email", "Email of the person's account").kind("email").required(), errors))
                (select("district", "District where they live", Some("Checked against a document showing their address."), districts, "", errors))
                (button("Confirm this voter"))
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
    let slug = form.district.filter(|d| !d.is_empty());
    let result = state
        .db(move |conn| {
            let mut errors = FieldErrors::default();
            let Some(person) = user::find_by_email(conn, &email)? else {
                errors.add("email", "There is no account with this email; ask the person to register first, or give them a voting code.");
                return Ok(Err(errors));
            };
            let district_id = match &slug {
                None => None,
                Some(s) => match district::of_round(conn, id)?.into_iter().find(|d| &d.slug == s) {
                    Some(d) => Some(d.district_id),
                    None => {
                        errors.add("district", "Choose a district of this round.");
                        return Ok(Err(errors));
                    }
                },
            };
            eligibility::confirm_in_person(conn, reviewer_id, id, person.id, district_id, now)?;
            Ok(Ok(person.display_name))
        })
        .await?;
    let (row, districts) = load(&state, id).await?;
    Ok(match result {
        Ok(name) => page(
            &viewer,
            &row,
            &districts,
            Some(&format!("{name} is confirmed for this round.")),
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
    let markup = layout_for(
        viewer,
        Page {
            title: &format!("Enter paper ballots: {}", round.title),
        },
        html! {
            h1 { "Enter paper ballots: " (round.title) }
            @if let Some(message) = notice { (flash(message)) }
            (error_summary(errors))
            p { "Each paper ballot is entered by two officers. It counts when the second entry matches the first; if they differ, both are discarded." }
            form method="post" action={"/review/rounds/" (round.id) "/paper/ballot"} novalidate {
                (csrf_field(&viewer.csrf))
                (input(Field::new("email", "Email of the voter's account").kind("email").required(), errors))
                (button("Show this voter's ballot"))
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
    let result = state
        .db(move |conn| {
            let row = crate::domain::rounds::find(conn, id)?;
            let Some(voter) = user::find_by_email(conn, &lookup)? else {
                return Ok((row, Err("There is no account with this email.".to_string())));
            };
            match crate::domain::ballots::paper_for_account(conn, id, &voter, None, now) {
                Ok(paper) => Ok((row, Ok(paper))),
                Err(AppError::Forbidden(m) | AppError::Conflict(m)) => Ok((row, Err(m))),
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
                "Enter this paper ballot",
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
    use crate::domain::ballots::{enter_paper, PaperOutcome};
    let id = parse_round_id(&path)?.0;
    let now = state.clock.now();
    let officer_id = officer.0.id();
    let email = crate::domain::accounts::normalize_email(fields.field("email").unwrap_or(""));
    let (row, result) = state
        .db(move |conn| {
            let row = crate::domain::rounds::find(conn, id)?;
            let voter = user::find_by_email(conn, &email)?
                .ok_or_else(|| AppError::NotFound("there is no account with this email".into()))?;
            let choice = fields
                .choice(crate::domain::rounds::BallotType::parse(&row.ballot_type)?)
                .map_err(AppError::Unprocessable)?;
            let outcome = enter_paper(conn, officer_id, id, &voter, &choice, now);
            Ok((row, outcome))
        })
        .await?;
    let mut errors = FieldErrors::default();
    let notice = match result {
        Ok(PaperOutcome::AwaitingSecondEntry) => Some(
            "First entry recorded. A second officer must now enter the same ballot.".to_string(),
        ),
        Ok(PaperOutcome::Cast(code)) => Some(format!(
            "Both entries agree: the ballot is cast. Tracking code for the voter: {code}"
        )),
        Ok(PaperOutcome::Mismatch) => {
            errors.add("email", "The two entries differ, so both were discarded. Check the paper ballot and enter it twice again.");
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
