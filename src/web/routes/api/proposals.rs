//! JSON API for proposals: submit, edit, withdraw, review, read.

use crate::domain::ProposalId;
use crate::domain::RoundId;
use actix_web::{web, HttpResponse};

use crate::domain::proposals::{self, ProposalInput, ProposalView, ReviewInput};
use crate::error::{AppResult, ErrorBody};
use crate::web::extractors::{AuthUser, Authorized, Reviewers};
use crate::web::routes::proposals::parse_proposal_id;
use crate::web::routes::rounds::parse_round_id;
use crate::web::AppState;

/// Submit a proposal during the round's proposal phase (eligible residents).
#[utoipa::path(post, path = "/api/v1/rounds/{round_id}/proposals", tag = "proposals", security(("bearer" = [])), request_body = ProposalInput,
    params(("round_id" = i64, Path, description = "Round id")),
    responses((status = 201, body = ProposalView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn submit(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
    body: web::Json<ProposalInput>,
) -> AppResult<HttpResponse> {
    let round_id = parse_round_id(&path)?.0;
    let now = state.clock.now();
    let author = user.user.clone();
    let view = state
        .db(move |conn| {
            let id = proposals::submit(conn, &author, RoundId(round_id), &body, now)?;
            proposals::view(conn, ProposalId(id))
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// A proposal with its public review history.
#[utoipa::path(get, path = "/api/v1/proposals/{proposal_id}", tag = "proposals",
    params(("proposal_id" = i64, Path, description = "Proposal id")),
    responses((status = 200, body = ProposalView), (status = 404, body = ErrorBody)))]
pub async fn show(
    state: web::Data<AppState>,
    user: crate::web::extractors::MaybeUser,
    path: web::Path<String>,
) -> AppResult<web::Json<ProposalView>> {
    let id = parse_proposal_id(&path)?;
    let view = state
        .db(move |conn| proposals::view(conn, ProposalId(id)))
        .await?;
    let staff = user.0.as_ref().is_some_and(|u| {
        matches!(
            u.role,
            crate::auth::Role::Reviewer | crate::auth::Role::Council
        )
    });
    Ok(web::Json(if staff { view } else { view.redacted() }))
}

/// Edit a proposal (its author, until review starts).
#[utoipa::path(put, path = "/api/v1/proposals/{proposal_id}", tag = "proposals", security(("bearer" = [])), request_body = ProposalInput,
    params(("proposal_id" = i64, Path, description = "Proposal id")),
    responses((status = 200, body = ProposalView), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn edit(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
    body: web::Json<ProposalInput>,
) -> AppResult<web::Json<ProposalView>> {
    let id = parse_proposal_id(&path)?;
    let now = state.clock.now();
    let author = user.user.clone();
    Ok(web::Json(
        state
            .db(move |conn| {
                proposals::edit(conn, &author, ProposalId(id), &body, now)?;
                proposals::view(conn, ProposalId(id))
            })
            .await?,
    ))
}

/// Withdraw a proposal (its author, until review starts).
#[utoipa::path(post, path = "/api/v1/proposals/{proposal_id}/withdraw", tag = "proposals", security(("bearer" = [])),
    params(("proposal_id" = i64, Path, description = "Proposal id")),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn withdraw(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let id = parse_proposal_id(&path)?;
    let now = state.clock.now();
    let author = user.user.clone();
    let mailing = state.mailing.clone();
    state
        .db(move |conn| proposals::withdraw(conn, &mailing, &author, ProposalId(id), now))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Decide feasibility and the validated cost, with a public reason (reviewers, review phase).
#[utoipa::path(post, path = "/api/v1/proposals/{proposal_id}/review", tag = "review", security(("bearer" = [])), request_body = ReviewInput,
    params(("proposal_id" = i64, Path, description = "Proposal id")),
    responses((status = 200, body = ProposalView), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn review(
    state: web::Data<AppState>,
    reviewer: Authorized<Reviewers>,
    path: web::Path<String>,
    body: web::Json<ReviewInput>,
) -> AppResult<web::Json<ProposalView>> {
    let id = parse_proposal_id(&path)?;
    let now = state.clock.now();
    let reviewer_id = reviewer.0.id();
    let mailing = state.mailing.clone();
    Ok(web::Json(
        state
            .db(move |conn| {
                proposals::review(conn, &mailing, reviewer_id, ProposalId(id), &body, now)?;
                proposals::view(conn, ProposalId(id))
            })
            .await?,
    ))
}

/// A page of a round's proposals: full-text search over titles, descriptions and places,
/// filters, order and 20 per page.
#[utoipa::path(get, path = "/api/v1/rounds/{round_id}/proposals", tag = "proposals",
    params(("round_id" = i64, Path, description = "Round id"), crate::domain::proposals::ListQuery),
    responses((status = 200, body = crate::domain::proposals::ListPage), (status = 422, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list(
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<crate::domain::proposals::ListQuery>,
) -> AppResult<HttpResponse> {
    let round_id = parse_round_id(&path)?.0;
    let query = query.into_inner();
    let page = state
        .db(move |conn| crate::domain::proposals::list(conn, RoundId(round_id), &query))
        .await?;
    Ok(HttpResponse::Ok().json(page))
}
