//! JSON API for accounts: register, log in (Bearer token), the caller's own data, and the
//! staff endpoints for roles and the audit log.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::Role;
use crate::domain::accounts::{self, LoginResult, PersonalData, RegistrationInput};
use crate::domain::security_log::{self, AuditEntry};
use crate::error::{AppError, AppResult, ErrorBody};
use crate::web::extractors::{client_ip, AuditReaders, AuthUser, Authorized, CouncilOnly};
use crate::web::routes::accounts::{too_many, LOGIN_REFUSED};
use crate::web::routes::staff::{parse_role, parse_user_id};
use crate::web::AppState;

#[derive(Serialize, ToSchema)]
pub struct Message {
    pub message: String,
}

pub const REGISTERED: &str = "If this email address was new, the account is ready and you can log in; a link to confirm the address is on its way. If it already had an account, its owner has been told by mail.";

/// Register. The answer is the same whether or not the email already had an account.
#[utoipa::path(post, path = "/api/v1/auth/register", tag = "accounts", request_body = RegistrationInput,
    responses((status = 202, body = Message), (status = 422, body = ErrorBody), (status = 400, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn register(
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
    input: web::Json<RegistrationInput>,
) -> AppResult<HttpResponse> {
    let now = state.clock.now();
    let input = input.into_inner();
    let ip = crate::web::extractors::client_ip(&req);
    let mailing = state.mailing.clone();
    state
        .db_hashing(move |conn| {
            let registration = input.parse(conn, now)?;
            accounts::register(conn, &mailing, &registration, &ip, now)
        })
        .await?;
    Ok(HttpResponse::Accepted().json(Message {
        message: REGISTERED.into(),
    }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

#[derive(Serialize, ToSchema)]
pub struct TokenResponse {
    /// Send as `Authorization: Bearer <token>`.
    pub token: String,
    /// Unix time; log in again after it.
    pub expires_at: i64,
}

/// Log in and receive a Bearer token.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "accounts", request_body = LoginRequest,
    responses((status = 200, body = TokenResponse), (status = 401, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn login(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Json<LoginRequest>,
) -> AppResult<HttpResponse> {
    let ip = client_ip(&req);
    let now = state.clock.now();
    let LoginRequest { email, password } = body.into_inner();
    let secret = state.settings.secret_key.clone();
    match state
        .db_hashing(move |conn| accounts::login(conn, secret.expose(), &email, &password, &ip, now))
        .await?
    {
        LoginResult::Success(user) => {
            let role = Role::parse(&user.role).unwrap_or(Role::Citizen);
            let (token, claims) = state.tokens.start_session(
                user.id,
                role,
                user.token_version,
                chrono::Utc::now(),
            )?;
            Ok(HttpResponse::Ok().json(TokenResponse {
                token,
                expires_at: claims.exp,
            }))
        }
        LoginResult::Refused => Err(AppError::Unauthorized(LOGIN_REFUSED.into())),
        LoginResult::Throttled {
            retry_after_seconds,
        } => Err(too_many(retry_after_seconds)),
    }
}

#[derive(Serialize, ToSchema)]
pub struct Me {
    pub id: i64,
    pub display_name: String,
    pub email: String,
    pub role: Role,
    /// The owner followed the link sent to the address.
    pub email_verified: bool,
    /// The language messages are written in.
    pub language: String,
}

/// The logged-in account.
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts", security(("bearer" = [])),
    responses((status = 200, body = Me), (status = 401, body = ErrorBody)))]
pub async fn me(user: AuthUser) -> web::Json<Me> {
    web::Json(Me {
        id: user.id(),
        display_name: user.user.display_name.clone(),
        email: user.user.email.clone(),
        role: user.role,
        email_verified: user.user.email_verified,
        language: user.user.language.clone(),
    })
}

/// Everything held about the logged-in person.
#[utoipa::path(get, path = "/api/v1/me/data", tag = "accounts", security(("bearer" = [])),
    responses((status = 200, body = PersonalData), (status = 401, body = ErrorBody)))]
pub async fn my_data(
    state: web::Data<AppState>,
    user: AuthUser,
) -> AppResult<web::Json<PersonalData>> {
    let id = user.id();
    Ok(web::Json(
        state
            .db(move |conn| accounts::personal_data(conn, id))
            .await?,
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

/// Change the password; every other session and every reset link end, and a fresh token is
/// returned. Wrong current passwords count as failed logins (429 once throttled).
#[utoipa::path(post, path = "/api/v1/me/password", tag = "accounts", security(("bearer" = [])), request_body = PasswordChange,
    responses((status = 200, body = TokenResponse), (status = 422, body = ErrorBody), (status = 401, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn change_password(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<PasswordChange>,
) -> AppResult<HttpResponse> {
    let now = state.clock.now();
    let row = user.user.clone();
    let PasswordChange {
        current_password,
        new_password,
    } = body.into_inner();
    let (ip, secret) = (client_ip(&req), state.settings.secret_key.clone());
    state
        .db_hashing(move |conn| {
            let who = api_reentry(secret.expose(), &ip);
            accounts::change_password(conn, &who, &row, &current_password, &new_password, now)
        })
        .await?;
    let (token, claims) = state.tokens.issue(
        user.id(),
        user.role,
        user.user.token_version + 1,
        &user.claims.sid,
        chrono::Utc::now(),
    )?;
    Ok(HttpResponse::Ok().json(TokenResponse {
        token,
        expires_at: claims.exp,
    }))
}

/// End this session: its token is refused from now on, on every instance.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "accounts", security(("bearer" = [])),
    responses((status = 204), (status = 401, body = ErrorBody)))]
pub async fn logout(state: web::Data<AppState>, user: AuthUser) -> AppResult<HttpResponse> {
    let now = state.clock.now();
    state
        .db(move |conn| accounts::end_session(conn, &user.claims, now))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// End every session of this account, including the caller's.
#[utoipa::path(post, path = "/api/v1/me/logout-everywhere", tag = "accounts", security(("bearer" = [])),
    responses((status = 204), (status = 401, body = ErrorBody)))]
pub async fn logout_everywhere(
    state: web::Data<AppState>,
    user: AuthUser,
) -> AppResult<HttpResponse> {
    let now = state.clock.now();
    let id = user.id();
    state
        .db(move |conn| accounts::logout_everywhere(conn, id, now))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeleteRequest {
    /// The account's password (accounts without one send `confirm: true` instead).
    #[serde(default)]
    pub password: String,
    /// For an account created at an identity provider, without a password.
    #[serde(default)]
    pub confirm: bool,
}

/// Delete the account (personal data removed; ballots and proposals stay, unlinked).
#[utoipa::path(delete, path = "/api/v1/me", tag = "accounts", security(("bearer" = [])), request_body = DeleteRequest,
    responses((status = 204), (status = 422, body = ErrorBody), (status = 401, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn delete_me(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<DeleteRequest>,
) -> AppResult<HttpResponse> {
    let now = state.clock.now();
    let row = user.user.clone();
    let DeleteRequest { password, confirm } = body.into_inner();
    let (ip, secret) = (client_ip(&req), state.settings.secret_key.clone());
    state
        .db_hashing(move |conn| {
            let who = api_reentry(secret.expose(), &ip);
            accounts::delete_account(conn, &who, &row, &password, confirm, now)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Serialize, ToSchema)]
pub struct Account {
    pub id: i64,
    pub display_name: String,
    pub email: String,
    pub role: String,
}

/// All accounts (council only).
#[utoipa::path(get, path = "/api/v1/admin/users", tag = "staff", security(("bearer" = [])),
    responses((status = 200, body = [Account]), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn users(
    state: web::Data<AppState>,
    _council: Authorized<CouncilOnly>,
) -> AppResult<web::Json<Vec<Account>>> {
    let rows = state.db(accounts::all).await?;
    Ok(web::Json(
        rows.into_iter()
            .map(|u| Account {
                id: u.id,
                display_name: u.display_name,
                email: u.email,
                role: u.role,
            })
            .collect(),
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleChange {
    pub role: String,
}

/// Change an account's role (council only); its sessions end at once.
#[utoipa::path(put, path = "/api/v1/admin/users/{user_id}/role", tag = "staff", security(("bearer" = [])), request_body = RoleChange,
    params(("user_id" = i64, Path, description = "Account id")),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn set_role(
    state: web::Data<AppState>,
    council: Authorized<CouncilOnly>,
    path: web::Path<String>,
    body: web::Json<RoleChange>,
) -> AppResult<HttpResponse> {
    let target = parse_user_id(&path)?;
    let role = parse_role(&body.role)?;
    let now = state.clock.now();
    let actor = council.0.user.clone();
    state
        .db(move |conn| accounts::set_role(conn, &actor, target, role, now))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The newest 200 security-relevant actions (council and auditors).
#[utoipa::path(get, path = "/api/v1/audit-log", tag = "staff", security(("bearer" = [])),
    responses((status = 200, body = [AuditEntry]), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn audit_log(
    state: web::Data<AppState>,
    _reader: Authorized<AuditReaders>,
) -> AppResult<web::Json<Vec<AuditEntry>>> {
    Ok(web::Json(state.db(security_log::latest).await?))
}

/// Update the optional details used for eligibility and statistics.
#[utoipa::path(put, path = "/api/v1/me/profile", tag = "accounts", security(("bearer" = [])), request_body = accounts::ProfileInput,
    responses((status = 204), (status = 422, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn update_profile(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<accounts::ProfileInput>,
) -> AppResult<HttpResponse> {
    let now = state.clock.now();
    let id = user.id();
    let input = body.into_inner();
    state
        .db(move |conn| {
            let profile = input.parse(conn, now)?;
            accounts::update_profile(conn, id, &profile, now)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// An identity provider residents may sign in with.
#[derive(Serialize, ToSchema)]
pub struct IdentityProvider {
    pub id: String,
    /// For the button: "Sign in with {name}".
    pub name: String,
    /// Where a browser starts the sign-in (add `?next=/a/local/path` to come back there).
    pub login_url: String,
    /// Where the provider sends the browser back (register it at the provider).
    pub callback_url: String,
}

/// The city's identity providers (OpenID Connect). Signing in with one is a browser flow:
/// `GET /auth/oidc/{provider}/login`, the provider's own page, then
/// `GET /auth/oidc/{provider}/callback`, which starts a session cookie.
#[utoipa::path(get, path = "/api/v1/auth/providers", tag = "accounts",
    responses((status = 200, body = [IdentityProvider])))]
pub async fn providers(state: web::Data<AppState>) -> HttpResponse {
    let base = state.public_url();
    let list: Vec<IdentityProvider> = state
        .identity_providers
        .settings()
        .map(|p| IdentityProvider {
            id: p.id.clone(),
            name: p.name.clone(),
            login_url: format!("{base}/auth/oidc/{}/login", p.id),
            callback_url: format!("{base}/auth/oidc/{}/callback", p.id),
        })
        .collect();
    HttpResponse::Ok().json(list)
}

/// A password re-entered through the API, whose messages are in English.
fn api_reentry<'a>(secret: &'a [u8], ip: &'a str) -> accounts::Reentry<'a> {
    accounts::Reentry {
        secret,
        ip,
        lang: crate::i18n::Lang::En,
    }
}
