//! JSON API for the conversation on proposals: read, write, edit, delete, report, moderate.

use actix_web::{web, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::domain::comments::{
    self, CommentEdit, CommentInput, CommentPage, CommentQuery, CommentView, Reported,
};
use crate::domain::ids::{CommentId, ProposalId};
use crate::error::{AppError, AppResult, ErrorBody};
use crate::i18n::{Lang, Message};
use crate::web::extractors::{AuthUser, Authorized, MaybeUser, Reviewers};
use crate::web::routes::proposals::parse_proposal_id;
use crate::web::AppState;

pub fn parse_comment_id(raw: &str) -> AppResult<CommentId> {
    raw.parse()
        .ok()
        .filter(|id: &i64| *id > 0)
        .map(CommentId)
        .ok_or_else(|| {
            AppError::NotFound(Message::new("messages-comments-no-comment").with("id", raw))
        })
}

#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
pub struct ReasonInput {
    /// Why: optional for a report, 5–500 characters (public) for hiding.
    #[serde(default)]
    pub reason: String,
}

/// A page of a proposal's conversation: 50 top-level comments with their replies.
#[utoipa::path(get, path = "/api/v1/proposals/{proposal_id}/comments", tag = "comments",
    params(("proposal_id" = i64, Path, description = "Proposal id"), CommentQuery),
    responses((status = 200, body = CommentPage), (status = 404, body = ErrorBody)))]
pub async fn list(
    state: web::Data<AppState>,
    user: MaybeUser,
    path: web::Path<String>,
    query: web::Query<CommentQuery>,
) -> AppResult<web::Json<CommentPage>> {
    let id = ProposalId(parse_proposal_id(&path)?);
    let (order, page) = query.read();
    let now = state.clock.now();
    let reader = user.0.map(|u| u.user);
    Ok(web::Json(
        state
            .db(move |conn| comments::page(conn, id, reader.as_ref(), order, page, now, Lang::En))
            .await?,
    ))
}

/// Comment on a proposal, or reply to a top-level comment (signed-in residents, in the
/// phases the round opens comments in).
#[utoipa::path(post, path = "/api/v1/proposals/{proposal_id}/comments", tag = "comments", security(("bearer" = [])), request_body = CommentInput,
    params(("proposal_id" = i64, Path, description = "Proposal id")),
    responses((status = 201, body = CommentView), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn create(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
    body: web::Json<CommentInput>,
) -> AppResult<HttpResponse> {
    let id = ProposalId(parse_proposal_id(&path)?);
    let now = state.clock.now();
    let who = user.user;
    let mailing = state.mailing.clone();
    let (view, _, _) = state
        .db(move |conn| {
            let comment = comments::post(conn, &mailing, &who, id, &body, now)?;
            comments::one(conn, comment, Some(&who), now)
        })
        .await?;
    Ok(HttpResponse::Created().json(view))
}

/// Change a comment's text (its author, within 10 minutes of writing it).
#[utoipa::path(patch, path = "/api/v1/comments/{comment_id}", tag = "comments", security(("bearer" = [])), request_body = CommentEdit,
    params(("comment_id" = i64, Path, description = "Comment id")),
    responses((status = 200, body = CommentView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn edit(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
    body: web::Json<CommentEdit>,
) -> AppResult<web::Json<CommentView>> {
    let id = parse_comment_id(&path)?;
    let now = state.clock.now();
    let who = user.user;
    let (view, _, _) = state
        .db(move |conn| {
            comments::edit(conn, &who, id, &body, now)?;
            comments::one(conn, id, Some(&who), now)
        })
        .await?;
    Ok(web::Json(view))
}

/// Delete a comment (its author): "comment deleted" keeps its place in the thread.
#[utoipa::path(delete, path = "/api/v1/comments/{comment_id}", tag = "comments", security(("bearer" = [])),
    params(("comment_id" = i64, Path, description = "Comment id")),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn delete(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let id = parse_comment_id(&path)?;
    let now = state.clock.now();
    let who = user.user;
    state
        .db(move |conn| comments::delete(conn, &who, id, now))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Report a comment to the moderators (once per account).
#[utoipa::path(post, path = "/api/v1/comments/{comment_id}/flag", tag = "comments", security(("bearer" = [])), request_body = ReasonInput,
    params(("comment_id" = i64, Path, description = "Comment id")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn flag(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
    body: web::Json<ReasonInput>,
) -> AppResult<HttpResponse> {
    let id = parse_comment_id(&path)?;
    let now = state.clock.now();
    let who = user.user;
    state
        .db(move |conn| comments::flag(conn, &who, id, &body.reason, now))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Hide a comment with a public reason (moderators: reviewers and council). The text is
/// erased; the author is told.
#[utoipa::path(post, path = "/api/v1/comments/{comment_id}/hide", tag = "comments", security(("bearer" = [])), request_body = ReasonInput,
    params(("comment_id" = i64, Path, description = "Comment id")),
    responses((status = 200, body = CommentView), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn hide(
    state: web::Data<AppState>,
    moderator: Authorized<Reviewers>,
    path: web::Path<String>,
    body: web::Json<ReasonInput>,
) -> AppResult<web::Json<CommentView>> {
    let id = parse_comment_id(&path)?;
    let now = state.clock.now();
    let who = moderator.0.user;
    let mailing = state.mailing.clone();
    let (view, _, _) = state
        .db(move |conn| {
            comments::hide(conn, &mailing, &who, id, &body.reason, now)?;
            comments::one(conn, id, Some(&who), now)
        })
        .await?;
    Ok(web::Json(view))
}

/// Keep a reported comment: its reports leave the queue (moderators).
#[utoipa::path(post, path = "/api/v1/comments/{comment_id}/keep", tag = "comments", security(("bearer" = [])),
    params(("comment_id" = i64, Path, description = "Comment id")),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn keep(
    state: web::Data<AppState>,
    moderator: Authorized<Reviewers>,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let id = parse_comment_id(&path)?;
    let now = state.clock.now();
    let who = moderator.0.user;
    state
        .db(move |conn| comments::keep(conn, &who, id, now))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Reported comments waiting for a decision, the longest waiting first (moderators).
#[utoipa::path(get, path = "/api/v1/moderation/comments", tag = "comments", security(("bearer" = [])),
    responses((status = 200, body = Vec<Reported>), (status = 403, body = ErrorBody)))]
pub async fn queue(
    state: web::Data<AppState>,
    _moderator: Authorized<Reviewers>,
) -> AppResult<web::Json<Vec<Reported>>> {
    Ok(web::Json(state.db(comments::queue).await?))
}
