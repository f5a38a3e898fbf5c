//! Cross-cutting behaviour: request ids and access logs, security headers, and turning
//! errors into HTML pages for browsers.

use std::time::Instant;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{Error, HttpResponse, ResponseError};

use actix_web::HttpMessage;

use crate::error::AppError;
use crate::i18n::{t, Message};
use crate::views::errors::error_page;
use crate::web::extractors::PendingCookies;

/// Logs one line per request (id, method, path, status, latency) and returns the id to the
/// client in `X-Request-Id`, so a person reporting a problem can quote it.
pub async fn request_log(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let request_id = uuid::Uuid::new_v4().simple().to_string();
    let method = req.method().to_string();
    let path = loggable_path(&req);
    let started = Instant::now();
    let mut res = next.call(req).await?;
    let status = res.status().as_u16();
    let seconds = started.elapsed().as_secs_f64();
    let latency_ms = seconds * 1000.0;
    let route = res
        .request()
        .match_pattern()
        .unwrap_or_else(|| "unmatched".into());
    crate::metrics::observe_request(&route, &method, status, seconds);
    tracing::info!(request_id = %request_id, %method, %path, status, latency_ms = format!("{latency_ms:.1}"), "request");
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        res.headers_mut()
            .insert(header::HeaderName::from_static("x-request-id"), value);
    }
    Ok(res)
}

/// HEAD is answered as GET would be (uptime monitors and link checkers use it); the HTTP
/// layer leaves the body out, as it does for every HEAD request.
pub async fn head_as_get(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    if req.method() == actix_web::http::Method::HEAD {
        req.head_mut().method = actix_web::http::Method::GET;
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}

/// An instance whose secret key is not the installation's serves nothing but its health
/// checks: it would seal ballots the others cannot open and count a revoting voter twice.
pub async fn refuse_with_foreign_key(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let refused = req
        .app_data::<actix_web::web::Data<crate::web::AppState>>()
        .and_then(|s| s.key_mismatch.clone());
    match refused {
        Some(_) if !matches!(req.path(), "/healthz" | "/readyz") => {
            let response = HttpResponse::ServiceUnavailable()
                .content_type("text/plain; charset=utf-8")
                .body("This instance is misconfigured (its secret key is not the installation's) and serves nothing; see its log.");
            Ok(req.into_response(response))
        }
        _ => Ok(next.call(req).await?.map_into_boxed_body()),
    }
}

/// The path as logged: a tracking code in a receipt address is replaced, since it would let
/// anyone who reads the log look the ballot up.
fn loggable_path(req: &ServiceRequest) -> String {
    let path = req.path();
    match path.strip_prefix("/api/v1/receipts/") {
        Some(_) => "/api/v1/receipts/[redacted]".to_string(),
        None => path.to_string(),
    }
}

/// The Content-Security-Policy: everything from this site, except map tiles, which may come
/// from the one tile host the installation configured.
/// `form_targets`: the identity providers a form may lead to (logging out ends the session
/// at the provider too, through a redirect the browser checks against `form-action`).
pub fn content_security_policy(tile_origin: Option<&str>, form_targets: &[String]) -> String {
    let tiles = tile_origin.map(|o| format!(" {o}")).unwrap_or_default();
    let targets: String = form_targets.iter().map(|o| format!(" {o}")).collect();
    format!(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:{tiles}; object-src 'none'; base-uri 'none'; form-action 'self'{targets}; frame-ancestors 'none'"
    )
}

pub fn security_headers(csp: &str) -> actix_web::middleware::DefaultHeaders {
    actix_web::middleware::DefaultHeaders::new()
        .add((header::CONTENT_SECURITY_POLICY, csp.to_string()))
        .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .add((header::REFERRER_POLICY, "same-origin"))
        .add((header::X_FRAME_OPTIONS, "DENY"))
        .add((
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=(), interest-cohort=()",
        ))
        .add(("Cross-Origin-Opener-Policy", "same-origin"))
}

/// Sets cookies decided by extractors (CSRF nonce, renewed session), forbids caching of
/// anything but static assets (pages may show personal data or a ballot), and adds HSTS
/// when served over TLS.
pub async fn cookies_and_cache(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let https = crate::web::extractors::is_https(req.request());
    let mut res = next.call(req).await?;
    let pending = res.request().extensions().get::<PendingCookies>().cloned();
    for cookie in pending.map(|p| p.0).unwrap_or_default() {
        res.response_mut().add_cookie(&cookie)?;
    }
    if !res.request().path().starts_with("/assets/") {
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if https {
        res.headers_mut().insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    Ok(res)
}

/// Defence in depth behind the CSRF tokens: a state-changing request that the browser marks
/// as cross-site, or whose `Origin` is another site, is refused before any handler runs.
pub async fn same_origin_writes(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    use actix_web::http::Method;
    // One-click unsubscribe (RFC 8058) is posted by mail programs from anywhere; its signed
    // link is its authority, and all it can do is stop messages.
    // A provider's back-channel logout is posted by its server; the signed logout token is
    // its authority.
    let exempt = req.path() == "/unsubscribe"
        || (req.path().starts_with("/auth/oidc/") && req.path().ends_with("/backchannel-logout"));
    if !exempt && !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        let headers = req.headers();
        let cross_site = headers
            .get("sec-fetch-site")
            .is_some_and(|v| v.as_bytes() == b"cross-site");
        let host = headers
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let foreign_origin = headers
            .get(header::ORIGIN)
            .and_then(|v| v.to_str().ok())
            .filter(|o| *o != "null")
            .is_some_and(|origin| origin.split_once("://").map(|(_, h)| h) != Some(host));
        if cross_site || foreign_origin {
            let err = AppError::Forbidden(Message::new(
                "messages-middleware-requests-other-websites-cannot",
            ));
            return Ok(req.error_response(err));
        }
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}

fn wants_html(req: &actix_web::HttpRequest) -> bool {
    if req.path().starts_with("/api/") {
        return false;
    }
    req.headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"))
}

/// Errors are rendered as JSON by `AppError`; a browser asking for HTML gets a page instead.
fn is_html(res: &HttpResponse<BoxBody>) -> bool {
    res.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"))
}

pub async fn negotiate_errors(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let res = next.call(req).await?.map_into_boxed_body();
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) || !wants_html(res.request()) {
        return Ok(res);
    }
    if status == actix_web::http::StatusCode::UNAUTHORIZED {
        let next_path = res
            .request()
            .uri()
            .path_and_query()
            .map_or("/", |p| p.as_str())
            .to_string();
        let location = format!("/login?next={}", url_encode(&next_path));
        let (req, _) = res.into_parts();
        let redirect = HttpResponse::SeeOther()
            .insert_header((header::LOCATION, location))
            .finish();
        return Ok(ServiceResponse::new(req, redirect));
    }
    let lang = crate::web::extractors::reader_language(res.request());
    let message = match res.response().error() {
        Some(err) => match err.as_error::<AppError>() {
            Some(app) => (app.title_key(), app.message_in(lang)),
            None => ("errors-title-bad-request", err.to_string()),
        },
        // A page that explains its own 404 (a tracking code nobody has) keeps its words; the
        // router's bare 404 gets the site's page.
        None if status.as_u16() == 404 && !is_html(res.response()) => {
            ("errors-title-not-found", t(lang, "errors-no-page-here"))
        }
        None => return Ok(res),
    };
    let title = t(lang, message.0);
    let page = error_page(lang, status.as_u16(), &title, &message.1);
    let (req, old) = res.into_parts();
    let mut html = HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(page.into_string());
    for (name, value) in old.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            html.headers_mut().insert(name.clone(), value.clone());
        }
    }
    Ok(ServiceResponse::new(req, html))
}

/// For routes that do not exist.
pub async fn not_found() -> Result<HttpResponse, AppError> {
    Err(AppError::NotFound(Message::new(
        "messages-middleware-there-nothing-address",
    )))
}

/// JSON bodies that do not parse get a sentence, not a serde dump with a 400 from actix.
pub fn json_config() -> actix_web::web::JsonConfig {
    actix_web::web::JsonConfig::default()
        .limit(64 * 1024)
        .error_handler(|err, _req| {
            use actix_web::error::JsonPayloadError;
            let app = match &err {
                JsonPayloadError::Overflow { .. }
                | JsonPayloadError::OverflowKnownLength { .. } => AppError::PayloadTooLarge(
                    Message::new("messages-middleware-request-body-too-large"),
                ),
                JsonPayloadError::ContentType => {
                    AppError::BadRequest(Message::new("messages-middleware-send-json-content-type"))
                }
                // Well-formed JSON with the wrong content (a fraction where a whole number belongs,
                // a repeated key, an unknown field) breaks a rule of the API: 422.
                JsonPayloadError::Deserialize(e)
                    if e.classify() == serde_json::error::Category::Data =>
                {
                    AppError::Unprocessable(format!("the request does not fit the API: {e}").into())
                }
                other => {
                    AppError::BadRequest(format!("the JSON body could not be read: {other}").into())
                }
            };
            actix_web::error::InternalError::from_response(err, app.error_response()).into()
        })
}

fn url_encode(s: &str) -> String {
    serde_urlencoded::to_string([("", s)])
        .map(|e| e[1..].to_string())
        .unwrap_or_default()
}
