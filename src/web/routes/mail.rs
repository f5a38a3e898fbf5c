//! Pages reached from messages and about mail: confirming an address, a new verification
//! link, forgetting and resetting a password, notification settings, following a proposal,
//! one-click unsubscribe, and the council's view of the outbox.

use crate::domain::ProposalId;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use crate::domain::{account_mail, notifications};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::i18n::{t, Message};
use crate::views;
use crate::web::extractors::{
    client_ip, AuditReaders, AuthUser, Authorized, CsrfForm, FormFields, PageViewer,
};
use crate::web::routes::accounts::account_page;
use crate::web::routes::{html, html_status, see_other};
use crate::web::AppState;

#[derive(Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    token: String,
}

pub async fn verify_form(
    state: web::Data<AppState>,
    PageViewer(viewer): PageViewer,
    query: web::Query<TokenQuery>,
) -> AppResult<HttpResponse> {
    let token = query.into_inner().token;
    let now = state.clock.now();
    let probe = token.clone();
    let usable = state
        .db(move |conn| account_mail::link_usable(conn, &probe, "verify", now))
        .await?;
    Ok(html(views::mail::verify(&viewer, &token, usable)))
}

#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    token: String,
}
impl FormFields for TokenForm {}

pub async fn verify(
    state: web::Data<AppState>,
    PageViewer(viewer): PageViewer,
    CsrfForm(form): CsrfForm<TokenForm>,
) -> AppResult<HttpResponse> {
    let now = state.clock.now();
    let token = form.token.clone();
    match state
        .db(move |conn| account_mail::verify_email(conn, &token, now))
        .await
    {
        Ok(_) => Ok(html(views::mail::verified(&viewer))),
        Err(AppError::Unprocessable(_)) => Ok(html_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::mail::verify(&viewer, &form.token, false),
        )),
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
pub struct Empty {}
impl FormFields for Empty {}

/// Another verification link, from the account page.
pub async fn resend(
    state: web::Data<AppState>,
    user: AuthUser,
    PageViewer(viewer): PageViewer,
    _form: CsrfForm<Empty>,
) -> AppResult<HttpResponse> {
    let now = state.clock.now();
    let account = user.user.clone();
    let mailing = state.mailing.clone();
    let refusal = match state
        .db(move |conn| account_mail::resend_verification(conn, &mailing, &account, now))
        .await
    {
        Ok(()) => return Ok(see_other("/account?done=resent")),
        Err(AppError::Conflict(m)) => (StatusCode::CONFLICT, m.text(viewer.lang)),
        Err(AppError::TooManyRequests { .. }) => (
            StatusCode::TOO_MANY_REQUESTS,
            Message::new("messages-mail-resend-wait").text(viewer.lang),
        ),
        Err(e) => return Err(e),
    };
    let page = account_page(
        &state,
        &viewer,
        &user,
        Some(&refusal.1),
        &FieldErrors::default(),
    )
    .await?;
    Ok(html_status(refusal.0, page))
}

pub async fn forgot_form(PageViewer(viewer): PageViewer) -> HttpResponse {
    html(views::mail::forgot(&viewer, false, &FieldErrors::default()))
}

#[derive(Deserialize)]
pub struct ForgotForm {
    #[serde(default)]
    email: String,
}
impl FormFields for ForgotForm {}

/// Starts a password reset off the request, so the answer is the same, and as quick, for an
/// address with an account and one without. Requests from one address are throttled.
pub async fn request_reset(
    state: &web::Data<AppState>,
    req: &HttpRequest,
    email: String,
) -> AppResult<()> {
    let now = state.clock.now();
    let ip = client_ip(req);
    let secret = state.settings.secret_key.clone();
    let key = crate::domain::accounts::throttle_key(secret.expose(), "reset-ip", &ip);
    let throttled = state
        .db(move |conn| {
            let wait = crate::domain::accounts::throttled_key(conn, &key, 20, now)?;
            crate::domain::accounts::record_failed_attempt(conn, &key, now)?;
            Ok(wait)
        })
        .await?;
    if let Some(retry_after_seconds) = throttled {
        return Err(AppError::TooManyRequests {
            message: Message::new("messages-mail-reset-throttled").to_string(),
            retry_after_seconds,
        });
    }
    let background = state.clone();
    actix_web::rt::spawn(async move {
        let mailing = background.mailing.clone();
        if let Err(e) = background
            .db(move |conn| account_mail::request_password_reset(conn, &mailing, &email, now))
            .await
        {
            tracing::warn!(error = %e, "a password reset could not be written to the outbox");
        }
    });
    Ok(())
}

pub async fn forgot(
    req: HttpRequest,
    state: web::Data<AppState>,
    PageViewer(viewer): PageViewer,
    CsrfForm(form): CsrfForm<ForgotForm>,
) -> AppResult<HttpResponse> {
    if form.email.trim().is_empty() {
        let mut errors = FieldErrors::default();
        errors.add("email", t(viewer.lang, "mail-page-forgot-empty"));
        return Ok(html_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::mail::forgot(&viewer, false, &errors),
        ));
    }
    request_reset(&state, &req, form.email).await?;
    Ok(html(views::mail::forgot(
        &viewer,
        true,
        &FieldErrors::default(),
    )))
}

pub async fn reset_form(
    state: web::Data<AppState>,
    PageViewer(viewer): PageViewer,
    query: web::Query<TokenQuery>,
) -> AppResult<HttpResponse> {
    let token = query.into_inner().token;
    let now = state.clock.now();
    let probe = token.clone();
    let usable = state
        .db(move |conn| account_mail::link_usable(conn, &probe, "reset", now))
        .await?;
    Ok(html(views::mail::reset(
        &viewer,
        &token,
        usable,
        &FieldErrors::default(),
    )))
}

#[derive(Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    password: String,
}
impl FormFields for ResetForm {}

pub async fn reset(
    state: web::Data<AppState>,
    PageViewer(viewer): PageViewer,
    CsrfForm(form): CsrfForm<ResetForm>,
) -> AppResult<HttpResponse> {
    let now = state.clock.now();
    let (token, password) = (form.token.clone(), form.password);
    match state
        .db_hashing(move |conn| account_mail::reset_password(conn, &token, &password, now))
        .await
    {
        Ok(()) => Ok(see_other("/login?reset=done")),
        Err(AppError::Invalid(errors)) => Ok(html_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::mail::reset(&viewer, &form.token, true, &errors),
        )),
        Err(AppError::Unprocessable(_)) => Ok(html_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::mail::reset(&viewer, &form.token, false, &FieldErrors::default()),
        )),
        Err(e) => Err(e),
    }
}

/// The checkboxes of the account page: a box left out is off.
#[derive(Deserialize)]
pub struct SettingsForm {
    own_proposals: Option<String>,
    followed: Option<String>,
    round_news: Option<String>,
    receipt_copy: Option<String>,
}
impl FormFields for SettingsForm {}

pub async fn save_settings(
    state: web::Data<AppState>,
    user: AuthUser,
    CsrfForm(form): CsrfForm<SettingsForm>,
) -> AppResult<HttpResponse> {
    let settings = notifications::Settings {
        own_proposals: form.own_proposals.is_some(),
        followed: form.followed.is_some(),
        round_news: form.round_news.is_some(),
        receipt_copy: form.receipt_copy.is_some(),
    };
    let id = user.id();
    state
        .db(move |conn| notifications::save_settings(conn, id, &settings))
        .await?;
    Ok(see_other("/account?done=notifications#mail"))
}

/// Follow or stop following a proposal, from its page.
pub async fn follow(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<(String, String)>,
    _form: CsrfForm<Empty>,
) -> AppResult<HttpResponse> {
    let (raw, action) = path.into_inner();
    let id = crate::web::routes::proposals::parse_proposal_id(&raw)?;
    let follow = action == "follow";
    let user_id = user.id();
    state
        .db(move |conn| notifications::set_following(conn, ProposalId(id), user_id, follow))
        .await?;
    Ok(see_other(format!("/proposals/{id}")))
}

#[derive(Deserialize)]
pub struct UnsubscribeQuery {
    #[serde(default)]
    u: i64,
    #[serde(default)]
    k: String,
    #[serde(default)]
    t: String,
}

impl UnsubscribeQuery {
    fn query(&self) -> String {
        format!("u={}&k={}&t={}", self.u, self.k, self.t)
    }
}

pub async fn unsubscribe_form(
    PageViewer(viewer): PageViewer,
    query: web::Query<UnsubscribeQuery>,
) -> HttpResponse {
    html(views::mail::unsubscribe(
        &viewer,
        &query.query(),
        &query.k,
        None,
    ))
}

/// One click, from the page or from a mail program (RFC 8058: a POST with
/// `List-Unsubscribe=One-Click`). The signed link is the authority; no session is needed.
pub async fn unsubscribe(
    state: web::Data<AppState>,
    PageViewer(viewer): PageViewer,
    query: web::Query<UnsubscribeQuery>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let q = query.into_inner();
    let secret = state.settings.secret_key.clone();
    let (user, kind, token) = (q.u, q.k.clone(), q.t.clone());
    let done = state
        .db(move |conn| notifications::unsubscribe(conn, secret.expose(), user, &kind, &token))
        .await?;
    let one_click = body.as_ref() == b"List-Unsubscribe=One-Click";
    match (done, one_click) {
        (true, true) => Ok(HttpResponse::Ok()
            .content_type("text/plain; charset=utf-8")
            .body("unsubscribed\n")),
        (false, true) => Ok(HttpResponse::Forbidden()
            .content_type("text/plain; charset=utf-8")
            .body("this unsubscribe link is not valid\n")),
        (done, false) => Ok(html_status(
            if done {
                StatusCode::OK
            } else {
                StatusCode::FORBIDDEN
            },
            views::mail::unsubscribe(&viewer, &q.query(), &q.k, Some(done)),
        )),
    }
}

/// Mail waiting to go, for the council and auditors.
pub async fn outbox(
    state: web::Data<AppState>,
    _staff: Authorized<AuditReaders>,
    PageViewer(viewer): PageViewer,
) -> AppResult<HttpResponse> {
    let backlog = state
        .db(|conn| notifications::backlog(conn, chrono::Utc::now().naive_utc()))
        .await?;
    let destination = crate::mail::destination(&state.settings.mail, &state.settings.data_dir);
    Ok(html(views::mail::outbox(&viewer, &backlog, &destination)))
}
