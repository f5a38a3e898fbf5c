//! Who is asking, and may they: sessions from the cookie or a Bearer token, role guards, CSRF
//! checked forms, and the client's address behind a trusted proxy.

use std::future::Future;
use std::marker::PhantomData;
use std::net::IpAddr;
use std::pin::Pin;

use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::Payload;
use actix_web::http::Method;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use serde::de::DeserializeOwned;

use crate::auth::token::{Claims, RENEW_AFTER_SECONDS, SESSION_SECONDS};
use crate::auth::{csrf, Role};
use crate::domain::accounts;
use crate::domain::accounts::Account;
use crate::error::AppError;
use crate::i18n::Message;
use crate::web::AppState;

pub const SESSION_COOKIE: &str = "bb_session";

fn state(req: &HttpRequest) -> web::Data<AppState> {
    req.app_data::<web::Data<AppState>>()
        .expect("AppState is registered on the App")
        .clone()
}

/// The address of the person, trusting `X-Forwarded-For` only from the configured proxy.
pub fn client_ip(req: &HttpRequest) -> String {
    let peer = req.peer_addr().map(|a| a.ip());
    let trusted = state(req).settings.trusted_proxy;
    if let (Some(peer), Some(proxy)) = (peer, trusted) {
        if peer == proxy {
            if let Some(forwarded) = req
                .headers()
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.rsplit(',').next())
                .and_then(|v| v.trim().parse::<IpAddr>().ok())
            {
                return forwarded.to_string();
            }
        }
    }
    peer.map_or_else(|| "unknown".to_string(), |p| p.to_string())
}

/// Served over TLS, directly or by the trusted proxy in front of us.
pub fn is_https(req: &HttpRequest) -> bool {
    let s = state(req);
    if s.settings.tls.is_some() {
        return true;
    }
    let from_proxy = s.settings.trusted_proxy.is_some()
        && req.peer_addr().map(|a| a.ip()) == s.settings.trusted_proxy;
    from_proxy
        && req
            .headers()
            .get("x-forwarded-proto")
            .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"https"))
}

pub fn session_cookie(token: &str, secure: bool) -> Cookie<'static> {
    Cookie::build(SESSION_COOKIE, token.to_string())
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .max_age(actix_web::cookie::time::Duration::seconds(SESSION_SECONDS))
        .finish()
}

pub fn expired_session_cookie(secure: bool) -> Cookie<'static> {
    let mut cookie = session_cookie("", secure);
    cookie.make_removal();
    cookie
}

/// Cookies that extractors decided on; `middleware::cookies_and_cache` sets them.
#[derive(Clone, Default)]
pub struct PendingCookies(pub Vec<Cookie<'static>>);

fn push_cookie(req: &HttpRequest, cookie: Cookie<'static>) {
    let mut ext = req.extensions_mut();
    match ext.get_mut::<PendingCookies>() {
        Some(p) => p.0.push(cookie),
        None => {
            ext.insert(PendingCookies(vec![cookie]));
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    Cookie,
    Bearer,
}

#[derive(Clone, Debug)]
pub struct AuthUser {
    /// Re-read from the database on this request: role and token version are current.
    pub user: Account,
    pub role: Role,
    pub via: Via,
    pub claims: Claims,
}

impl AuthUser {
    pub fn id(&self) -> i64 {
        self.user.id
    }
}

/// The session's token and how it came, without touching the database.
fn presented_token(req: &HttpRequest) -> Option<(String, Via)> {
    if let Some(bearer) = req
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    {
        return Some((bearer.trim().to_string(), Via::Bearer));
    }
    req.cookie(SESSION_COOKIE)
        .map(|c| (c.value().to_string(), Via::Cookie))
}

/// The claims of a valid token, signature and expiry checked (no revocation check).
pub fn verified_claims(req: &HttpRequest) -> Option<(Claims, Via)> {
    let (token, via) = presented_token(req)?;
    let claims = state(req).tokens.verify(&token, chrono::Utc::now())?;
    Some((claims, via))
}

fn is_unsafe(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// The session, if any: `None` when logged out, or when the token is invalid or revoked.
#[derive(Clone)]
pub struct MaybeUser(pub Option<AuthUser>);

async fn resolve(req: HttpRequest) -> Result<MaybeUser, AppError> {
    if let Some(cached) = req.extensions().get::<MaybeUser>() {
        return Ok(cached.clone());
    }
    let Some((claims, via)) = verified_claims(&req) else {
        return Ok(MaybeUser(None));
    };
    let Ok(user_id) = claims.sub.parse::<i64>() else {
        return Ok(MaybeUser(None));
    };
    let s = state(&req);
    let tv = claims.tv;
    let sid = claims.sid.clone();
    let user = s
        .db(move |conn| accounts::session_user(conn, user_id, tv, &sid))
        .await?;
    let resolved = match user {
        None => MaybeUser(None),
        Some(user) => {
            let Some(role) = Role::parse(&user.role) else {
                return Err(AppError::internal(format!(
                    "account {} has an unknown role",
                    user.id
                )));
            };
            if via == Via::Cookie && is_unsafe(req.method()) && req.path().starts_with("/api/") {
                // Cookie-authenticated JSON is exposed to CSRF like a form; Bearer is not.
                let nonce = req
                    .cookie(csrf::COOKIE)
                    .map(|c| c.value().to_string())
                    .unwrap_or_default();
                let presented = req
                    .headers()
                    .get(csrf::HEADER)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("");
                if !csrf::verify(
                    s.settings.secret_key.expose(),
                    &nonce,
                    &claims.sub,
                    presented,
                ) {
                    return Err(AppError::Forbidden(
                        "this request needs a valid X-CSRF-Token header (or use a Bearer token)"
                            .into(),
                    ));
                }
            }
            let now = chrono::Utc::now();
            if via == Via::Cookie && now.timestamp() - claims.iat >= RENEW_AFTER_SECONDS {
                let (token, _) =
                    s.tokens
                        .issue(user.id, role, user.token_version, &claims.sid, now)?;
                push_cookie(&req, session_cookie(&token, is_https(&req)));
            }
            MaybeUser(Some(AuthUser {
                user,
                role,
                via,
                claims,
            }))
        }
    };
    req.extensions_mut().insert(resolved.clone());
    Ok(resolved)
}

impl FromRequest for MaybeUser {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        Box::pin(resolve(req.clone()))
    }
}

impl FromRequest for AuthUser {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            resolve(req).await?.0.ok_or_else(|| {
                AppError::Unauthorized(Message::new("messages-extractors-log-continue"))
            })
        })
    }
}

/// The roles a route group admits, declared once as a type.
pub trait RoleSet {
    const ROLES: &'static [Role];
    const WHO: &'static str;
}

pub struct CouncilOnly;
impl RoleSet for CouncilOnly {
    const ROLES: &'static [Role] = &[Role::Council];
    const WHO: &'static str = "council members";
}

/// Read access to exports and logs.
pub struct AuditReaders;
impl RoleSet for AuditReaders {
    const ROLES: &'static [Role] = &[Role::Council, Role::Auditor];
    const WHO: &'static str = "council members and auditors";
}

pub struct Reviewers;
impl RoleSet for Reviewers {
    const ROLES: &'static [Role] = &[Role::Reviewer, Role::Council];
    const WHO: &'static str = "reviewers and council members";
}

/// A logged-in user whose current role (from the database) is one of `R::ROLES`.
pub struct Authorized<R: RoleSet>(pub AuthUser, PhantomData<R>);

impl<R: RoleSet + 'static> FromRequest for Authorized<R> {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let user = AuthUser::from_request(req, payload);
        Box::pin(async move {
            let user = user.await?;
            if R::ROLES.contains(&user.role) {
                Ok(Authorized(user, PhantomData))
            } else {
                Err(AppError::Forbidden(
                    format!("this page is only for {}", R::WHO).into(),
                ))
            }
        })
    }
}

/// The CSRF token to embed in forms rendered for this request; sets the nonce cookie if the
/// browser has none yet.
pub struct FormToken(pub String);

impl FromRequest for FormToken {
    type Error = AppError;
    type Future = std::future::Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let nonce = match req
            .cookie(csrf::COOKIE)
            .map(|c| c.value().to_string())
            .filter(|n| n.len() == 64)
        {
            Some(nonce) => nonce,
            None => {
                let nonce = csrf::new_nonce();
                let cookie = Cookie::build(csrf::COOKIE, nonce.clone())
                    .path("/")
                    .http_only(true)
                    .same_site(SameSite::Strict)
                    .secure(is_https(req))
                    .finish();
                push_cookie(req, cookie);
                nonce
            }
        };
        let subject = verified_claims(req).map(|(c, _)| c.sub).unwrap_or_default();
        let token = csrf::token(state(req).settings.secret_key.expose(), &nonce, &subject);
        std::future::ready(Ok(FormToken(token)))
    }
}

/// Form fields that may repeat (checkbox groups); every other field must appear once.
pub trait FormFields {
    const REPEATABLE: &'static [&'static str] = &[];
    /// Fields holding an amount of money, read the way the page's language writes it.
    const AMOUNTS: &'static [&'static str] = &[];
    /// Fields holding `name=amount` lines (district budgets), read the same way.
    const AMOUNT_LINES: &'static [&'static str] = &[];
}

/// Rewrites the amounts of a form from the reader's language to plain digits.
fn amounts_as_typed_in<T: FormFields>(lang: crate::i18n::Lang, pairs: &mut [(String, String)]) {
    let canonical = |text: &str| {
        lang.canonical_amount(text)
            .unwrap_or_else(|| text.to_string())
    };
    for (key, value) in pairs.iter_mut() {
        if T::AMOUNTS.contains(&key.as_str()) {
            *value = canonical(value);
        } else if T::AMOUNT_LINES.contains(&key.as_str()) {
            *value = value
                .lines()
                .map(|line| match line.split_once('=') {
                    Some((name, amount)) => format!("{name}={}", canonical(amount)),
                    None => line.to_string(),
                })
                .collect::<Vec<_>>()
                .join("\n");
        }
    }
}

/// A urlencoded form whose CSRF token was checked before anything else is read. Duplicate
/// fields are refused, never "last one wins".
pub struct CsrfForm<T>(pub T);

impl<T: DeserializeOwned + FormFields + 'static> FromRequest for CsrfForm<T> {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let body = web::Bytes::from_request(&req, payload);
        Box::pin(async move {
            let body = body.await.map_err(|e| {
                if e.as_response_error().status_code()
                    == actix_web::http::StatusCode::PAYLOAD_TOO_LARGE
                {
                    AppError::PayloadTooLarge(Message::new("messages-extractors-form-too-large"))
                } else {
                    AppError::BadRequest(Message::new("messages-extractors-form-could-read"))
                }
            })?;
            let pairs: Vec<(String, String)> =
                serde_urlencoded::from_bytes(&body).map_err(|_| {
                    AppError::BadRequest(Message::new("messages-extractors-form-could-read"))
                })?;
            let mut seen = std::collections::HashSet::new();
            for (key, _) in &pairs {
                if !seen.insert(key.as_str()) && !T::REPEATABLE.contains(&key.as_str()) {
                    return Err(AppError::BadRequest(
                        Message::new("messages-field-twice").with("field", key),
                    ));
                }
            }
            let presented = pairs
                .iter()
                .find(|(k, _)| k == csrf::FIELD)
                .map(|(_, v)| v.as_str())
                .unwrap_or("");
            let nonce = req
                .cookie(csrf::COOKIE)
                .map(|c| c.value().to_string())
                .unwrap_or_default();
            let subject = verified_claims(&req)
                .map(|(c, _)| c.sub)
                .unwrap_or_default();
            if !csrf::verify(
                state(&req).settings.secret_key.expose(),
                &nonce,
                &subject,
                presented,
            ) {
                return Err(AppError::Forbidden(Message::new(
                    "messages-extractors-form-expired-did-come",
                )));
            }
            let mut rest: Vec<_> = pairs
                .into_iter()
                .filter(|(k, _)| k != csrf::FIELD)
                .collect();
            amounts_as_typed_in::<T>(reader_language(&req), &mut rest);
            let encoded = serde_urlencoded::to_string(&rest).map_err(AppError::internal)?;
            serde_urlencoded::from_str::<T>(&encoded)
                .map(CsrfForm)
                .map_err(|e| {
                    AppError::BadRequest(format!("the form is missing something: {e}").into())
                })
        })
    }
}

/// The navigation context of a page: who is logged in and the form token.
pub struct PageViewer(pub crate::views::layout::Viewer);

impl FromRequest for PageViewer {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let user = MaybeUser::from_request(req, payload);
        let token = FormToken::from_request(req, payload);
        let lang = reader_language(req);
        Box::pin(async move {
            let user = user.await?;
            let FormToken(csrf) = token.await?;
            Ok(PageViewer(crate::views::layout::Viewer {
                user: user.0.map(|u| (u.user.display_name.clone(), u.role)),
                csrf,
                lang,
            }))
        })
    }
}

/// The language to answer a person in: their `bb_lang` cookie, else their browser's.
pub fn reader_language(req: &HttpRequest) -> crate::i18n::Lang {
    crate::i18n::negotiate(
        req.cookie(crate::i18n::COOKIE).as_ref().map(|c| c.value()),
        req.headers()
            .get(actix_web::http::header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    )
}

/// Reads a multipart upload whose first field is the CSRF token and whose `file` field is
/// the file; refuses the upload before reading the file if the token is missing, and stops
/// reading past `max_bytes`.
pub async fn csrf_upload(
    req: &HttpRequest,
    state: &AppState,
    payload: &mut actix_multipart::Multipart,
    max_bytes: usize,
) -> Result<Vec<u8>, AppError> {
    use futures_util::StreamExt;
    let expired = || AppError::Forbidden(Message::new("messages-extractors-form-expired-did-come"));
    let unreadable = |e: actix_multipart::MultipartError| {
        AppError::BadRequest(format!("the upload could not be read: {e}").into())
    };
    let nonce = req
        .cookie(csrf::COOKIE)
        .map(|c| c.value().to_string())
        .unwrap_or_default();
    let subject = verified_claims(req).map(|(c, _)| c.sub).unwrap_or_default();
    let mut token_ok = false;
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(unreadable)?;
        let name = field.name().unwrap_or("").to_string();
        if name != csrf::FIELD && name != "file" {
            continue;
        }
        if name == "file" && !token_ok {
            return Err(expired());
        }
        let limit = if name == "file" { max_bytes } else { 256 };
        let mut bytes = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk.map_err(unreadable)?;
            if bytes.len() + chunk.len() > limit {
                return Err(AppError::PayloadTooLarge(
                    Message::new("messages-file-too-large")
                        .count("megabytes", max_bytes / 1024 / 1024),
                ));
            }
            bytes.extend_from_slice(&chunk);
        }
        if name == csrf::FIELD {
            token_ok = csrf::verify(
                state.settings.secret_key.expose(),
                &nonce,
                &subject,
                &String::from_utf8_lossy(&bytes),
            );
            if !token_ok {
                return Err(expired());
            }
        } else {
            return Ok(bytes);
        }
    }
    Err(if token_ok {
        AppError::Unprocessable(Message::new("messages-extractors-choose-file-upload"))
    } else {
        expired()
    })
}
