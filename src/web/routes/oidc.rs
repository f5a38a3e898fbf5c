//! Signing in with the city's identity provider: leaving for the provider, coming back to
//! the callback, linking and unlinking it on the account page, and the provider's
//! back-channel logout.

use actix_web::cookie::{Cookie, SameSite};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use crate::auth::oidc::SignInError;
use crate::domain::accounts::{self, LoginResult};
use crate::domain::identities::{self, Departing, SignedIn};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::i18n::{t, Message};
use crate::views;
use crate::web::extractors::{
    client_ip, is_https, session_cookie, AuthUser, Authorized, CouncilOnly, CsrfForm, FormFields,
    MaybeUser, PageViewer,
};
use crate::web::routes::{html_status, local_path, see_other};
use crate::web::AppState;

/// A random value only the browser that left for the provider has; the callback must bring
/// it back, so a callback planted in another browser signs nobody in.
const BROWSER_COOKIE: &str = "budgetbox_oidc";

fn browser_cookie(value: &str, secure: bool) -> Cookie<'static> {
    Cookie::build(BROWSER_COOKIE, value.to_string())
        .path("/auth/oidc")
        .http_only(true)
        // Lax: the provider sends the browser back with a top-level GET from its own site.
        .same_site(SameSite::Lax)
        .secure(secure)
        .max_age(actix_web::cookie::time::Duration::minutes(
            identities::LOGIN_MINUTES,
        ))
        .finish()
}

fn callback_url(state: &AppState, provider: &str) -> String {
    format!("{}/auth/oidc/{provider}/callback", state.public_url())
}

/// A page that says why a sign-in at the provider did not sign anyone in.
fn refusal(
    viewer: &views::layout::Viewer,
    status: StatusCode,
    key: &'static str,
    name: &str,
) -> HttpResponse {
    let lang = viewer.lang;
    let message = Message::new(key).with("provider", name).text(lang);
    let title = t(lang, "identity-refused-title");
    let mut response = html_status(
        status,
        views::errors::error_page(lang, status.as_u16(), &title, &message),
    );
    let _ = response.add_removal_cookie(&browser_cookie("", false));
    response
}

/// A sign-in that cannot go on as asked (the address has an account, the person is linked to
/// another one): 409 with the reason.
fn conflict(viewer: &views::layout::Viewer, message: &Message) -> HttpResponse {
    let page = views::errors::error_page(
        viewer.lang,
        409,
        &t(viewer.lang, "identity-refused-title"),
        &message.text(viewer.lang),
    );
    html_status(StatusCode::CONFLICT, page)
}

fn sign_in_refusal(
    viewer: &views::layout::Viewer,
    provider: &str,
    name: &str,
    e: &SignInError,
) -> HttpResponse {
    tracing::warn!(provider, error = %e, "sign-in at an identity provider refused");
    let (status, key) = match e {
        SignInError::UnknownProvider(_) => (StatusCode::NOT_FOUND, "identity-unknown-provider"),
        SignInError::Unreachable(_) => (StatusCode::SERVICE_UNAVAILABLE, "identity-unreachable"),
        SignInError::CodeRefused(_) => (StatusCode::BAD_REQUEST, "identity-code-refused"),
        SignInError::Untrusted(_) => (StatusCode::BAD_REQUEST, "identity-untrusted"),
    };
    refusal(viewer, status, key, name)
}

#[derive(Deserialize)]
pub struct LoginQuery {
    next: Option<String>,
}

/// Leaves for the provider's sign-in page.
async fn depart(
    req: &HttpRequest,
    state: &AppState,
    viewer: &views::layout::Viewer,
    provider: &str,
    link_user_id: Option<i64>,
    next: &str,
) -> AppResult<HttpResponse> {
    let providers = state.identity_providers.clone();
    let Some(name) = providers.find(provider).map(|p| p.name.clone()) else {
        return Err(AppError::NotFound(Message::new(
            "identity-unknown-provider",
        )));
    };
    let departure = match providers
        .depart(provider, &callback_url(state, provider))
        .await
    {
        Ok(d) => d,
        Err(e) => return Ok(sign_in_refusal(viewer, provider, &name, &e)),
    };
    let browser = crate::auth::token::new_session_id();
    let secret = state.settings.secret_key.clone();
    let (provider, next) = (provider.to_string(), next.to_string());
    let (now, ip, lang) = (state.clock.now(), client_ip(req), viewer.lang);
    let stored = (
        browser.clone(),
        departure.state.clone(),
        departure.nonce.clone(),
        departure.pkce_verifier.clone(),
    );
    state
        .db(move |conn| {
            let (browser, st, nonce, verifier) = stored;
            identities::depart(
                conn,
                secret.expose(),
                &Departing {
                    provider: &provider,
                    state: &st,
                    browser: &browser,
                    nonce: &nonce,
                    pkce_verifier: &verifier,
                    link_user_id,
                    next: &next,
                    ip: &ip,
                },
                lang,
                now,
            )
        })
        .await?;
    let mut response = see_other(departure.url);
    response
        .add_cookie(&browser_cookie(&browser, is_https(req)))
        .map_err(AppError::internal)?;
    Ok(response)
}

/// Sign in with an identity provider (a browser flow): sends the browser to the provider's
/// sign-in page with a fresh state, nonce and PKCE challenge.
#[utoipa::path(get, path = "/auth/oidc/{provider}/login", tag = "sign-in",
    params(("provider" = String, Path, description = "The provider's id (see /api/v1/auth/providers)"),
           ("next" = Option<String>, Query, description = "A local path to come back to")),
    responses((status = 303, description = "To the provider's sign-in page"),
              (status = 404, description = "No such provider"),
              (status = 429, description = "Too many sign-ins started from this address"),
              (status = 503, description = "The provider cannot be reached")))]
pub async fn login(
    req: HttpRequest,
    state: web::Data<AppState>,
    PageViewer(viewer): PageViewer,
    provider: web::Path<String>,
    query: web::Query<LoginQuery>,
) -> AppResult<HttpResponse> {
    let next = query
        .next
        .as_deref()
        .and_then(local_path)
        .unwrap_or("/account")
        .to_string();
    depart(&req, &state, &viewer, &provider, None, &next).await
}

#[derive(Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// Back from the provider. Signs in (or links) only for the sign-in this browser started
/// here, with an ID token whose signature, issuer, audience, expiry and nonce are right;
/// anything else is refused with a page that says why, and no session.
#[utoipa::path(get, path = "/auth/oidc/{provider}/callback", tag = "sign-in",
    params(("provider" = String, Path, description = "The provider's id"),
           ("code" = Option<String>, Query, description = "The authorization code"),
           ("state" = Option<String>, Query, description = "The state sent at login"),
           ("error" = Option<String>, Query, description = "The provider's refusal")),
    responses((status = 303, description = "Signed in (session cookie), or linked"),
              (status = 400, description = "No sign-in started in this browser, or the provider's answer cannot be trusted"),
              (status = 403, description = "Linking from another session"),
              (status = 404, description = "No such provider"),
              (status = 409, description = "The address has an account, or the person is linked to another account"),
              (status = 503, description = "The provider cannot be reached")))]
pub async fn callback(
    req: HttpRequest,
    state: web::Data<AppState>,
    PageViewer(viewer): PageViewer,
    user: MaybeUser,
    provider: web::Path<String>,
    query: web::Query<CallbackQuery>,
) -> AppResult<HttpResponse> {
    let provider = provider.into_inner();
    let providers = state.identity_providers.clone();
    let Some(name) = providers.find(&provider).map(|p| p.name.clone()) else {
        return Err(AppError::NotFound(Message::new(
            "identity-unknown-provider",
        )));
    };
    let browser = req
        .cookie(BROWSER_COOKIE)
        .map(|c| c.value().to_string())
        .unwrap_or_default();
    let secret = state.settings.secret_key.clone();
    let now = state.clock.now();
    let returning = {
        let (provider, st) = (provider.clone(), query.state.clone().unwrap_or_default());
        state
            .db(move |conn| {
                identities::arrive(conn, secret.expose(), &provider, &st, &browser, now)
            })
            .await?
    };
    let Some(returning) = returning else {
        return Ok(refusal(
            &viewer,
            StatusCode::BAD_REQUEST,
            "identity-no-login",
            &name,
        ));
    };
    if query.error.is_some() {
        return Ok(refusal(
            &viewer,
            StatusCode::BAD_REQUEST,
            "identity-cancelled",
            &name,
        ));
    }
    let Some(code) = query.code.as_deref().filter(|c| !c.is_empty()) else {
        return Ok(refusal(
            &viewer,
            StatusCode::BAD_REQUEST,
            "identity-no-login",
            &name,
        ));
    };
    let person = match providers
        .arrive(
            &provider,
            &callback_url(&state, &provider),
            code,
            &returning.pkce_verifier,
            &returning.nonce,
        )
        .await
    {
        Ok(person) => person,
        Err(e) => return Ok(sign_in_refusal(&viewer, &provider, &name, &e)),
    };
    let secure = is_https(&req);
    if let Some(owner) = returning.link_user_id {
        // Linking: the account that asked, still signed in in this browser.
        let Some(signed_in) = user.0.filter(|u| u.id() == owner) else {
            return Ok(refusal(
                &viewer,
                StatusCode::FORBIDDEN,
                "identity-link-other-session",
                &name,
            ));
        };
        let account = signed_in.user.clone();
        let p = provider.clone();
        match state
            .db(move |conn| identities::link(conn, &account, &p, &person, now))
            .await
        {
            Ok(()) => {}
            Err(AppError::Conflict(message)) => return Ok(conflict(&viewer, &message)),
            Err(e) => return Err(e),
        }
        let mut response = see_other("/account?done=linked");
        let _ = response.add_removal_cookie(&browser_cookie("", secure));
        return Ok(response);
    }
    let (p, lang, secret) = (
        provider.clone(),
        viewer.lang,
        state.settings.secret_key.clone(),
    );
    let signed_in = state
        .db(move |conn| identities::sign_in(conn, secret.expose(), &p, &person, lang, now))
        .await;
    let account = match signed_in {
        Ok(SignedIn::Existing(a) | SignedIn::Created(a)) => a,
        Err(AppError::Conflict(message)) => return Ok(conflict(&viewer, &message)),
        Err(e) => return Err(e),
    };
    let role = crate::auth::Role::parse(&account.role).unwrap_or(crate::auth::Role::Citizen);
    let (token, _) = state.tokens.start_session_via(
        &provider,
        account.id,
        role,
        account.token_version,
        chrono::Utc::now(),
    )?;
    let mut response = see_other(&returning.next);
    response
        .add_cookie(&session_cookie(&token, secure))
        .map_err(AppError::internal)?;
    let _ = response.add_removal_cookie(&browser_cookie("", secure));
    Ok(response)
}

#[derive(Deserialize)]
pub struct LinkForm {
    link_password: String,
}
impl FormFields for LinkForm {}

/// `POST /account/providers/{provider}/link`: the owner confirms with their password, then
/// signs in at the provider; the callback links the two.
pub async fn link(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: AuthUser,
    PageViewer(viewer): PageViewer,
    provider: web::Path<String>,
    CsrfForm(form): CsrfForm<LinkForm>,
) -> AppResult<HttpResponse> {
    let (email, ip, now) = (user.user.email.clone(), client_ip(&req), state.clock.now());
    let secret = state.settings.secret_key.clone();
    let checked = state
        .db_hashing(move |conn| {
            accounts::login(conn, secret.expose(), &email, &form.link_password, &ip, now)
        })
        .await?;
    match checked {
        LoginResult::Success(account) if account.id == user.id() => {}
        LoginResult::Throttled {
            retry_after_seconds,
        } => {
            return Err(accounts::too_many_attempts(
                viewer.lang,
                retry_after_seconds,
            ))
        }
        _ => {
            let mut errors = FieldErrors::default();
            errors.add(
                "link_password",
                Message::new("messages-account-not-password"),
            );
            let page = super::accounts::account_page(&state, &viewer, &user, None, &errors).await?;
            return Ok(html_status(StatusCode::UNPROCESSABLE_ENTITY, page));
        }
    }
    depart(
        &req,
        &state,
        &viewer,
        &provider,
        Some(user.id()),
        "/account",
    )
    .await
}

/// `POST /account/providers/{provider}/unlink`.
pub async fn unlink(
    state: web::Data<AppState>,
    user: AuthUser,
    provider: web::Path<String>,
    _form: CsrfForm<super::accounts::Empty>,
) -> AppResult<HttpResponse> {
    let (account, now) = (user.user.clone(), state.clock.now());
    state
        .db(move |conn| identities::unlink(conn, &account, &provider, now))
        .await?;
    Ok(see_other("/account?done=unlinked"))
}

#[derive(Deserialize)]
pub struct FirstPasswordForm {
    new_password: String,
}
impl FormFields for FirstPasswordForm {}

/// `POST /account/password/set`: the first password of an account made at a provider.
pub async fn set_password(
    state: web::Data<AppState>,
    user: AuthUser,
    PageViewer(viewer): PageViewer,
    CsrfForm(form): CsrfForm<FirstPasswordForm>,
) -> AppResult<HttpResponse> {
    let (account, now) = (user.user.clone(), state.clock.now());
    let result = state
        .db_hashing(move |conn| {
            identities::set_first_password(conn, &account, &form.new_password, now)
        })
        .await;
    match result {
        Ok(()) => Ok(see_other("/account?done=password-set")),
        Err(AppError::Invalid(errors)) => {
            let page = super::accounts::account_page(&state, &viewer, &user, None, &errors).await?;
            Ok(html_status(StatusCode::UNPROCESSABLE_ENTITY, page))
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
pub struct LogoutTokenForm {
    logout_token: String,
}

/// The provider says a person signed out there: every session of their account here ends
/// (OpenID Connect Back-Channel Logout 1.0; the logout token is checked like an ID token).
#[utoipa::path(post, path = "/auth/oidc/{provider}/backchannel-logout", tag = "sign-in",
    params(("provider" = String, Path, description = "The provider's id")),
    request_body(content = String, content_type = "application/x-www-form-urlencoded", description = "logout_token=…"),
    responses((status = 200, description = "Sessions ended"),
              (status = 400, description = "The logout token cannot be trusted")))]
pub async fn backchannel_logout(
    state: web::Data<AppState>,
    provider: web::Path<String>,
    form: web::Form<LogoutTokenForm>,
) -> HttpResponse {
    let providers = state.identity_providers.clone();
    let person = providers.logout_token(&provider, &form.logout_token).await;
    let (issuer, subject) = match person {
        Ok(person) => person,
        Err(e) => {
            tracing::warn!(provider = %provider, error = %e, "back-channel logout refused");
            return HttpResponse::BadRequest().json(serde_json::json!({
                "error": "invalid_request",
                "error_description": e.to_string(),
            }));
        }
    };
    let now = state.clock.now();
    match state
        .db(move |conn| identities::end_sessions_of(conn, &issuer, &subject, now))
        .await
    {
        Ok(_) => HttpResponse::Ok().finish(),
        Err(e) => {
            tracing::error!(error = %e, "back-channel logout could not end sessions");
            HttpResponse::ServiceUnavailable().finish()
        }
    }
}

async fn claim_rules_page(
    state: &AppState,
    viewer: &views::layout::Viewer,
    errors: &FieldErrors,
    notice: Option<&str>,
) -> AppResult<maud::Markup> {
    let buttons = super::accounts::provider_buttons(state);
    let ids: Vec<String> = buttons.iter().map(|(id, _)| id.clone()).collect();
    let rules = state
        .db(move |conn| {
            ids.iter()
                .map(|id| identities::claim_rules(conn, id))
                .collect::<AppResult<Vec<_>>>()
        })
        .await?;
    let providers: Vec<_> = buttons.into_iter().zip(rules).collect();
    Ok(views::identity::claim_rules_page(
        viewer, &providers, errors, notice,
    ))
}

#[derive(Deserialize)]
pub struct SavedQuery {
    saved: Option<String>,
}

/// `GET /council/identity`: what the providers' claims mean for eligibility.
pub async fn claim_rules(
    state: web::Data<AppState>,
    _council: Authorized<CouncilOnly>,
    PageViewer(viewer): PageViewer,
    query: web::Query<SavedQuery>,
) -> AppResult<HttpResponse> {
    let notice = query
        .saved
        .is_some()
        .then(|| t(viewer.lang, "identity-rules-saved"));
    let page =
        claim_rules_page(&state, &viewer, &FieldErrors::default(), notice.as_deref()).await?;
    Ok(html_status(StatusCode::OK, page))
}

#[derive(Deserialize)]
pub struct ClaimRulesForm {
    #[serde(default)]
    districts: String,
    #[serde(default)]
    accepted_assurance: String,
}
impl FormFields for ClaimRulesForm {}

/// `POST /council/identity/{provider}`.
pub async fn save_claim_rules(
    state: web::Data<AppState>,
    council: Authorized<CouncilOnly>,
    PageViewer(viewer): PageViewer,
    provider: web::Path<String>,
    CsrfForm(form): CsrfForm<ClaimRulesForm>,
) -> AppResult<HttpResponse> {
    let provider = provider.into_inner();
    if state.identity_providers.find(&provider).is_none() {
        return Err(AppError::NotFound(Message::new(
            "identity-unknown-provider",
        )));
    }
    let (actor, now) = (council.0.id(), state.clock.now());
    let result = state
        .db(move |conn| {
            identities::set_claim_rules(
                conn,
                actor,
                &provider,
                &form.districts,
                &form.accepted_assurance,
                now,
            )
        })
        .await;
    match result {
        Ok(_) => Ok(see_other("/council/identity?saved=1")),
        Err(AppError::Invalid(errors)) => {
            let page = claim_rules_page(&state, &viewer, &errors, None).await?;
            Ok(html_status(StatusCode::UNPROCESSABLE_ENTITY, page))
        }
        Err(e) => Err(e),
    }
}
