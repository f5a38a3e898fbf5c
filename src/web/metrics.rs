//! `/metrics`: readable from the machine itself, or with the token of `--metrics-token`
//! (`BUDGETBOX_METRICS_TOKEN`), which a scraper elsewhere sends as a Bearer token.

use actix_web::{web, HttpRequest, HttpResponse};

use crate::web::AppState;

fn allowed(req: &HttpRequest, state: &AppState) -> bool {
    let token = state.settings.metrics_token.as_deref();
    let presented = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    match (token, presented) {
        (Some(token), Some(presented)) => crate::auth::csrf::verify_mac(token, presented),
        // Behind a reverse proxy on this machine every request comes from loopback: then
        // only the token opens the metrics.
        _ => req
            .peer_addr()
            .is_some_and(|a| a.ip().is_loopback() && state.settings.trusted_proxy != Some(a.ip())),
    }
}

pub async fn metrics(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    if !allowed(&req, &state) {
        return HttpResponse::Forbidden()
            .content_type("text/plain; charset=utf-8")
            .body("metrics are readable from this machine, or with BUDGETBOX_METRICS_TOKEN\n");
    }
    let pool = state.pool.state();
    let outbox = state
        .db(|conn| crate::domain::notifications::backlog(conn, chrono::Utc::now().naive_utc()))
        .await
        .ok()
        .map(|b| crate::metrics::OutboxGauge {
            queued: b.queued,
            failing: b.failing,
            oldest_seconds: b.oldest_seconds,
        });
    let Some(out) = crate::metrics::render(pool.idle_connections, pool.connections, outbox) else {
        return HttpResponse::InternalServerError().finish();
    };
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(out)
}
