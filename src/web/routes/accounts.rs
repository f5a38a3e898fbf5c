//! Pages: register, log in, log out, the account page and its actions.

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use maud::Markup;
use serde::Deserialize;

use crate::domain::accounts::{self, LoginResult, RegistrationInput};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::i18n::{t, Message};
use crate::views;
use crate::views::accounts::RegisterValues;
use crate::web::extractors::{
    client_ip, expired_session_cookie, is_https, session_cookie, AuthUser, CsrfForm, FormFields,
    MaybeUser, PageViewer,
};
use crate::web::routes::{html, see_other};
use crate::web::AppState;

/// Only local paths, so a crafted link cannot send someone to another site after login.
fn safe_next(next: Option<&str>) -> &str {
    next.and_then(super::local_path).unwrap_or("/account")
}

/// The identity providers' buttons: (id, name).
pub fn provider_buttons(state: &AppState) -> Vec<views::identity::ProviderButton> {
    state
        .identity_providers
        .settings()
        .map(|p| (p.id.clone(), p.name.clone()))
        .collect()
}

pub async fn register_form(
    state: web::Data<AppState>,
    PageViewer(viewer): PageViewer,
) -> AppResult<HttpResponse> {
    let districts = state.db(crate::domain::districts::all).await?;
    Ok(html(views::accounts::register(
        &viewer,
        &districts,
        &provider_buttons(&state),
        &RegisterValues::default(),
        &FieldErrors::default(),
    )))
}

impl FormFields for RegistrationInput {}

pub async fn register(
    req: HttpRequest,
    state: web::Data<AppState>,
    PageViewer(viewer): PageViewer,
    CsrfForm(input): CsrfForm<RegistrationInput>,
) -> AppResult<HttpResponse> {
    let now = state.clock.now();
    let ip = client_ip(&req);
    let values = RegisterValues {
        display_name: input.display_name.clone(),
        email: input.email.clone(),
        gender: input.gender.clone().unwrap_or_default(),
        birth_year: input.birth_year.clone().unwrap_or_default(),
        district: input.district.clone().unwrap_or_default(),
    };
    let mailing = state.mailing.clone();
    let mut input = input;
    if input.language.as_deref().unwrap_or("").is_empty() {
        input.language = Some(viewer.lang.code().to_string());
    }
    let result = state
        .db_hashing(move |conn| {
            let registration = input.parse(conn, now)?;
            accounts::register(conn, &mailing, &registration, &ip, now)
        })
        .await;
    match result {
        Ok(_) => Ok(html(views::accounts::registered(&viewer))),
        Err(AppError::Invalid(errors)) => {
            let districts = state.db(crate::domain::districts::all).await?;
            let providers = provider_buttons(&state);
            let page = views::accounts::register(&viewer, &districts, &providers, &values, &errors);
            Ok(HttpResponse::UnprocessableEntity()
                .content_type("text/html; charset=utf-8")
                .body(page.into_string()))
        }
        Err(AppError::TooManyRequests {
            retry_after_seconds,
            ..
        }) => Err(AppError::TooManyRequests {
            message: Message::new("messages-account-too-many-registrations").text(viewer.lang),
            retry_after_seconds,
        }),
        Err(other) => Err(other),
    }
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
    /// `done` after a password reset.
    reset: Option<String>,
}

pub async fn login_form(
    state: web::Data<AppState>,
    PageViewer(viewer): PageViewer,
    query: web::Query<NextQuery>,
) -> HttpResponse {
    let notice =
        (query.reset.as_deref() == Some("done")).then(|| t(viewer.lang, "mail-page-reset-done"));
    html(views::accounts::login(
        &viewer,
        &provider_buttons(&state),
        "",
        safe_next(query.next.as_deref()),
        None,
        notice.as_deref(),
    ))
}

#[derive(Deserialize)]
pub struct LoginForm {
    email: String,
    password: String,
    next: Option<String>,
}
impl FormFields for LoginForm {}

/// The one message for an unknown email and for a wrong password.
pub const LOGIN_REFUSED: &str = "The email address or the password is not right.";

pub async fn login(
    req: HttpRequest,
    state: web::Data<AppState>,
    PageViewer(viewer): PageViewer,
    CsrfForm(form): CsrfForm<LoginForm>,
) -> AppResult<HttpResponse> {
    let ip = client_ip(&req);
    let now = state.clock.now();
    let (email, password) = (form.email.clone(), form.password);
    let secret = state.settings.secret_key.clone();
    let result = state
        .db_hashing(move |conn| accounts::login(conn, secret.expose(), &email, &password, &ip, now))
        .await?;
    let next = safe_next(form.next.as_deref()).to_string();
    match result {
        LoginResult::Success(user) => {
            let role = crate::auth::Role::parse(&user.role).unwrap_or(crate::auth::Role::Citizen);
            let (token, _) = state.tokens.start_session(
                user.id,
                role,
                user.token_version,
                chrono::Utc::now(),
            )?;
            let mut response = see_other(&next);
            response
                .add_cookie(&session_cookie(&token, is_https(&req)))
                .map_err(AppError::internal)?;
            Ok(response)
        }
        LoginResult::Refused => Ok(html(views::accounts::login(
            &viewer,
            &provider_buttons(&state),
            &form.email,
            &next,
            Some(&t(viewer.lang, "accounts-login-refused")),
            None,
        ))),
        LoginResult::Throttled {
            retry_after_seconds,
        } => Err(accounts::too_many_attempts(
            viewer.lang,
            retry_after_seconds,
        )),
    }
}

/// In English, for the API (its messages are not translated).
pub fn too_many(retry_after_seconds: i64) -> AppError {
    AppError::TooManyRequests {
        message: format!(
            "Too many failed attempts. Wait {retry_after_seconds} seconds, then try again."
        ),
        retry_after_seconds,
    }
}

/// The same refusal in the reader's language, for pages.

#[derive(Deserialize)]
pub struct Empty {}
impl FormFields for Empty {}

pub async fn logout(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: MaybeUser,
    _form: CsrfForm<Empty>,
) -> AppResult<HttpResponse> {
    let mut leave_to = "/".to_string();
    if let Some(user) = user.0 {
        let now = state.clock.now();
        // A session begun at an identity provider ends there too, where it offers that.
        if let Some(provider) = crate::auth::token::provider_of(&user.claims) {
            let home = format!("{}/", state.public_url());
            if let Some(url) = state.identity_providers.logout_url(provider, &home).await {
                leave_to = url;
            }
        }
        state
            .db(move |conn| accounts::end_session(conn, &user.claims, now))
            .await?;
    }
    let mut response = see_other(leave_to);
    response
        .add_cookie(&expired_session_cookie(is_https(&req)))
        .map_err(AppError::internal)?;
    Ok(response)
}

pub async fn account_page(
    state: &AppState,
    viewer: &views::layout::Viewer,
    user: &AuthUser,
    notice: Option<&str>,
    errors: &FieldErrors,
) -> AppResult<Markup> {
    let account = user.user.clone();
    let (districts, mail, followed, linked, has_password) = state
        .db(move |conn| {
            Ok((
                crate::domain::districts::all(conn)?,
                crate::domain::notifications::account_mail(conn, &account)?,
                crate::domain::following::of_account(conn, account.id)?,
                crate::domain::identities::linked(conn, account.id)?,
                accounts::has_password(conn, account.id)?,
            ))
        })
        .await?;
    let identity = views::identity::account_section(
        viewer,
        &provider_buttons(state),
        &linked,
        has_password,
        errors,
    );
    Ok(views::accounts::account(
        viewer,
        &user.user,
        &districts,
        &views::accounts::AccountSections {
            mail: &views::mail::account_section(viewer, &mail, &followed),
            identity: &identity,
            has_password,
        },
        notice,
        errors,
    ))
}

/// The account page again, with the errors of the form that was sent (422).
async fn account_errors(
    state: &AppState,
    viewer: &views::layout::Viewer,
    user: &AuthUser,
    errors: &FieldErrors,
) -> AppResult<HttpResponse> {
    let page = account_page(state, viewer, user, None, errors).await?;
    Ok(HttpResponse::UnprocessableEntity()
        .content_type("text/html; charset=utf-8")
        .body(page.into_string()))
}

#[derive(Deserialize)]
pub struct NoticeQuery {
    done: Option<String>,
}

pub async fn account(
    state: web::Data<AppState>,
    user: AuthUser,
    PageViewer(viewer): PageViewer,
    query: web::Query<NoticeQuery>,
) -> AppResult<HttpResponse> {
    let notice = match query.done.as_deref() {
        Some("password") => Some(t(viewer.lang, "accounts-password-changed")),
        Some("notifications") => Some(t(viewer.lang, "mail-account-saved")),
        Some("resent") => Some(t(viewer.lang, "mail-account-resent")),
        Some("linked") => Some(t(viewer.lang, "identity-done-linked")),
        Some("unlinked") => Some(t(viewer.lang, "identity-done-unlinked")),
        Some("password-set") => Some(t(viewer.lang, "identity-done-password-set")),
        _ => None,
    };
    Ok(html(
        account_page(
            &state,
            &viewer,
            &user,
            notice.as_deref(),
            &FieldErrors::default(),
        )
        .await?,
    ))
}

#[derive(Deserialize)]
pub struct PasswordForm {
    current_password: String,
    new_password: String,
}
impl FormFields for PasswordForm {}

pub async fn change_password(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: AuthUser,
    PageViewer(viewer): PageViewer,
    CsrfForm(form): CsrfForm<PasswordForm>,
) -> AppResult<HttpResponse> {
    let now = state.clock.now();
    let row = user.user.clone();
    let (ip, secret, lang) = (
        client_ip(&req),
        state.settings.secret_key.clone(),
        viewer.lang,
    );
    let result = state
        .db_hashing(move |conn| {
            let who = accounts::Reentry {
                secret: secret.expose(),
                ip: &ip,
                lang,
            };
            let (current, new) = (&form.current_password, &form.new_password);
            accounts::change_password(conn, &who, &row, current, new, now)
        })
        .await;
    match result {
        Ok(()) => {
            // This session continues with a token of the new version.
            let (token, _) = state.tokens.issue(
                user.id(),
                user.role,
                user.user.token_version + 1,
                &user.claims.sid,
                chrono::Utc::now(),
            )?;
            let mut response = see_other("/account?done=password");
            response
                .add_cookie(&session_cookie(&token, is_https(&req)))
                .map_err(AppError::internal)?;
            Ok(response)
        }
        Err(AppError::Invalid(errors)) => account_errors(&state, &viewer, &user, &errors).await,
        Err(other) => Err(other),
    }
}

pub async fn logout_everywhere(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: AuthUser,
    _form: CsrfForm<Empty>,
) -> AppResult<HttpResponse> {
    let now = state.clock.now();
    let id = user.id();
    state
        .db(move |conn| accounts::logout_everywhere(conn, id, now))
        .await?;
    let mut response = see_other("/login");
    response
        .add_cookie(&expired_session_cookie(is_https(&req)))
        .map_err(AppError::internal)?;
    Ok(response)
}

pub async fn personal_data(state: web::Data<AppState>, user: AuthUser) -> AppResult<HttpResponse> {
    let id = user.id();
    let data = state
        .db(move |conn| accounts::personal_data(conn, id))
        .await?;
    Ok(HttpResponse::Ok()
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"budgetbox-my-data.json\"",
        ))
        .json(data))
}

#[derive(Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    password: String,
    /// Ticked by the owner of an account without a password.
    confirm: Option<String>,
}
impl FormFields for DeleteForm {}

pub async fn delete_account(
    req: HttpRequest,
    state: web::Data<AppState>,
    user: AuthUser,
    PageViewer(viewer): PageViewer,
    CsrfForm(form): CsrfForm<DeleteForm>,
) -> AppResult<HttpResponse> {
    let now = state.clock.now();
    let row = user.user.clone();
    let (ip, secret, lang) = (
        client_ip(&req),
        state.settings.secret_key.clone(),
        viewer.lang,
    );
    let result = state
        .db_hashing(move |conn| {
            let confirmed = form.confirm.as_deref() == Some("yes");
            let who = accounts::Reentry {
                secret: secret.expose(),
                ip: &ip,
                lang,
            };
            accounts::delete_account(conn, &who, &row, &form.password, confirmed, now)
        })
        .await;
    match result {
        Ok(()) => {
            let mut response = html(views::accounts::deleted(viewer.lang));
            response
                .add_cookie(&expired_session_cookie(is_https(&req)))
                .map_err(AppError::internal)?;
            Ok(response)
        }
        Err(AppError::Invalid(errors)) => account_errors(&state, &viewer, &user, &errors).await,
        Err(other) => Err(other),
    }
}

impl FormFields for accounts::ProfileInput {}

pub async fn update_profile(
    state: web::Data<AppState>,
    user: AuthUser,
    PageViewer(viewer): PageViewer,
    CsrfForm(input): CsrfForm<accounts::ProfileInput>,
) -> AppResult<HttpResponse> {
    let now = state.clock.now();
    let id = user.id();
    let result = state
        .db(move |conn| {
            let profile = input.parse(conn, now)?;
            accounts::update_profile(conn, id, &profile, now)
        })
        .await;
    match result {
        Ok(()) => Ok(see_other("/account?done=profile")),
        Err(AppError::Invalid(errors)) => account_errors(&state, &viewer, &user, &errors).await,
        Err(other) => Err(other),
    }
}
