//! Who took part, engagement over time, and the follow-up of funded projects.

use crate::domain::ProposalId;
use crate::domain::RoundId;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::Deserialize;

use crate::auth::Role;
use crate::domain::follow_up::{self, ProgressInput};
use crate::domain::{rounds, statistics};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::i18n::{t, Lang};
use crate::views;
use crate::views::statistics::MyBallot;
use crate::web::extractors::{
    Authorized, CouncilOnly, CsrfForm, FormFields, MaybeUser, PageViewer,
};
use crate::web::routes::api::results::may_export;
use crate::web::routes::proposals::parse_proposal_id;
use crate::web::routes::rounds::parse_round_id;
use crate::web::routes::{html, html_status, see_other};
use crate::web::AppState;

pub async fn round_statistics(
    state: web::Data<AppState>,
    user: MaybeUser,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let id = parse_round_id(&path)?.0;
    may_export(&state, &user, id).await?;
    let stats = state
        .db(move |conn| statistics::of_round(conn, RoundId(id)))
        .await?;
    Ok(html(views::statistics::round_statistics(&viewer, &stats)))
}

/// Engagement of every round whose results are public.
pub async fn over_time(
    state: web::Data<AppState>,
    PageViewer(viewer): PageViewer,
) -> AppResult<HttpResponse> {
    let now = state.clock.now();
    let list = state
        .db(move |conn| {
            let mut out = Vec::new();
            for r in rounds::list(conn, now)? {
                if r.phase == rounds::Phase::Results {
                    out.push((
                        r.id.0,
                        r.title,
                        statistics::engagement(conn, RoundId(r.id.0))?,
                    ));
                }
            }
            Ok(out)
        })
        .await?;
    Ok(html(views::statistics::over_time(&viewer, &list)))
}

#[derive(Deserialize)]
pub struct CodeForm {
    code: String,
}
impl FormFields for CodeForm {}

pub async fn implementation(
    state: web::Data<AppState>,
    user: MaybeUser,
    viewer: PageViewer,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    implementation_page(state, user, viewer, path, None).await
}

/// The same page with the projects of the ballot whose tracking code was posted. A POST, so
/// the code, which reveals a ballot, never lands in a URL, a log or a browser's history.
pub async fn implementation_for_code(
    state: web::Data<AppState>,
    user: MaybeUser,
    viewer: PageViewer,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<CodeForm>,
) -> AppResult<HttpResponse> {
    implementation_page(state, user, viewer, path, Some(form.code)).await
}

async fn implementation_page(
    state: web::Data<AppState>,
    user: MaybeUser,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    code: Option<String>,
) -> AppResult<HttpResponse> {
    let id = parse_round_id(&path)?.0;
    may_export(&state, &user, id).await?;
    let council = user.0.as_ref().is_some_and(|u| u.role == Role::Council);
    let code = code.filter(|c| !c.trim().is_empty());
    let lang = viewer.lang;
    let (follow, mine) = state
        .db(move |conn| {
            let follow = follow_up::of_round(conn, RoundId(id))?.ok_or_else(|| {
                AppError::NotFound(t(lang, "statistics-error-not-counted").into())
            })?;
            let mine = match code {
                Some(code) => Some(
                    follow_up::projects_of_ballot(conn, RoundId(id), &code, &follow)?
                        .map(|projects| MyBallot { projects })
                        .map_err(|m| m.text(lang)),
                ),
                None => None,
            };
            Ok((follow, mine))
        })
        .await?;
    let (mine, code_error) = match &mine {
        Some(Ok(m)) => (Some(m), None),
        Some(Err(e)) => (None, Some(e.as_str())),
        None => (None, None),
    };
    let page = views::statistics::implementation(&viewer, &follow, council, mine, code_error);
    Ok(if code_error.is_some() {
        html_status(StatusCode::UNPROCESSABLE_ENTITY, page)
    } else {
        html(page)
    })
}

async fn project_title(state: &AppState, lang: Lang, proposal_id: i64) -> AppResult<(i64, String)> {
    state
        .db(move |conn| {
            follow_up::project_title(conn, ProposalId(proposal_id))?
                .ok_or_else(|| AppError::NotFound(t(lang, "statistics-error-no-project").into()))
        })
        .await
}

pub async fn progress_form(
    state: web::Data<AppState>,
    _council: Authorized<CouncilOnly>,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let id = parse_proposal_id(&path)?;
    let (round_id, title) = project_title(&state, viewer.lang, id).await?;
    Ok(html(views::statistics::progress_form(
        &viewer,
        round_id,
        &title,
        &ProgressInput::default(),
        &FieldErrors::default(),
    )))
}

impl FormFields for ProgressInput {}

pub async fn record_progress(
    state: web::Data<AppState>,
    council: Authorized<CouncilOnly>,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    CsrfForm(input): CsrfForm<ProgressInput>,
) -> AppResult<HttpResponse> {
    let id = parse_proposal_id(&path)?;
    let (round_id, title) = project_title(&state, viewer.lang, id).await?;
    let now = state.clock.now();
    let actor = council.0.id();
    let attempt = input.clone();
    let mailing = state.mailing.clone();
    match state
        .db(move |conn| follow_up::record(conn, &mailing, actor, ProposalId(id), &attempt, now))
        .await
    {
        Ok(()) => Ok(see_other(format!(
            "/rounds/{round_id}/implementation#project-{id}"
        ))),
        Err(AppError::Invalid(errors)) => Ok(html_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::statistics::progress_form(&viewer, round_id, &title, &input, &errors),
        )),
        Err(e) => Err(e),
    }
}
