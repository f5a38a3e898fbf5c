//! JSON API for what goes through the mailbox: verifying an address, resetting a password,
//! notification settings and following proposals.

use crate::domain::ProposalId;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::domain::{account_mail, notifications};
use crate::error::{AppResult, ErrorBody};
use crate::web::extractors::AuthUser;
use crate::web::routes::api::auth::Message;
use crate::web::AppState;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    /// The token from the link in the message.
    pub token: String,
}

/// Verify the address with the token from the verification message.
#[utoipa::path(post, path = "/api/v1/auth/verify-email", tag = "accounts", request_body = TokenRequest,
    responses((status = 204), (status = 422, body = ErrorBody, description = "used, expired or altered")))]
pub async fn verify_email(
    state: web::Data<AppState>,
    body: web::Json<TokenRequest>,
) -> AppResult<HttpResponse> {
    let now = state.clock.now();
    let token = body.into_inner().token;
    state
        .db(move |conn| account_mail::verify_email(conn, &token, now))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Send the logged-in account another verification message (three an hour at most).
#[utoipa::path(post, path = "/api/v1/me/verify-email", tag = "accounts", security(("bearer" = [])),
    responses((status = 202, body = Message), (status = 409, body = ErrorBody, description = "already verified"),
        (status = 429, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn resend_verification(
    state: web::Data<AppState>,
    user: AuthUser,
) -> AppResult<HttpResponse> {
    let now = state.clock.now();
    let account = user.user.clone();
    let mailing = state.mailing.clone();
    state
        .db(move |conn| account_mail::resend_verification(conn, &mailing, &account, now))
        .await?;
    Ok(HttpResponse::Accepted().json(Message {
        message: "A new verification link is on its way.".into(),
    }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetRequest {
    pub email: String,
}

pub const RESET_REQUESTED: &str = "If an account uses this address, a link to set a new password is on its way; it works once, for an hour.";

/// Ask for a password-reset link. The answer is the same, in the same time, whether or not an
/// account uses the address.
#[utoipa::path(post, path = "/api/v1/auth/password-reset", tag = "accounts", request_body = ResetRequest,
    responses((status = 202, body = Message), (status = 429, body = ErrorBody)))]
pub async fn request_password_reset(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Json<ResetRequest>,
) -> AppResult<HttpResponse> {
    crate::web::routes::mail::request_reset(&state, &req, body.into_inner().email).await?;
    Ok(HttpResponse::Accepted().json(Message {
        message: RESET_REQUESTED.into(),
    }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetConfirm {
    pub token: String,
    pub password: String,
}

/// Set a new password with the token from the reset message; every session of the account
/// ends.
#[utoipa::path(post, path = "/api/v1/auth/password-reset/confirm", tag = "accounts", request_body = ResetConfirm,
    responses((status = 204), (status = 422, body = ErrorBody, description = "a used, expired or altered link, or a refused password")))]
pub async fn confirm_password_reset(
    state: web::Data<AppState>,
    body: web::Json<ResetConfirm>,
) -> AppResult<HttpResponse> {
    let now = state.clock.now();
    let ResetConfirm { token, password } = body.into_inner();
    state
        .db_hashing(move |conn| account_mail::reset_password(conn, &token, &password, now))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// What the logged-in account is told by mail.
#[utoipa::path(get, path = "/api/v1/me/notifications", tag = "accounts", security(("bearer" = [])),
    responses((status = 200, body = notifications::Settings), (status = 401, body = ErrorBody)))]
pub async fn notification_settings(
    state: web::Data<AppState>,
    user: AuthUser,
) -> AppResult<web::Json<notifications::Settings>> {
    let id = user.id();
    Ok(web::Json(
        state
            .db(move |conn| notifications::settings(conn, id))
            .await?,
    ))
}

/// Choose what the logged-in account is told by mail.
#[utoipa::path(put, path = "/api/v1/me/notifications", tag = "accounts", security(("bearer" = [])),
    request_body = notifications::Settings,
    responses((status = 200, body = notifications::Settings), (status = 401, body = ErrorBody)))]
pub async fn save_notification_settings(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<notifications::Settings>,
) -> AppResult<web::Json<notifications::Settings>> {
    let id = user.id();
    let settings = body.into_inner();
    state
        .db(move |conn| notifications::save_settings(conn, id, &settings))
        .await?;
    Ok(web::Json(settings))
}

fn proposal_id(path: &str) -> AppResult<i64> {
    crate::web::routes::proposals::parse_proposal_id(path)
}

/// Follow a proposal: be told of its status and follow-up progress.
#[utoipa::path(post, path = "/api/v1/proposals/{proposal_id}/follow", tag = "proposals", security(("bearer" = [])),
    params(("proposal_id" = i64, Path, description = "Proposal id")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn follow(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let id = proposal_id(&path)?;
    let user_id = user.id();
    state
        .db(move |conn| notifications::set_following(conn, ProposalId(id), user_id, true))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Stop following a proposal.
#[utoipa::path(delete, path = "/api/v1/proposals/{proposal_id}/follow", tag = "proposals", security(("bearer" = [])),
    params(("proposal_id" = i64, Path, description = "Proposal id")),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn unfollow(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let id = proposal_id(&path)?;
    let user_id = user.id();
    state
        .db(move |conn| notifications::set_following(conn, ProposalId(id), user_id, false))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
