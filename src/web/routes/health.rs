//! Liveness (the process answers) and readiness (the database answers).

use actix_web::{web, HttpResponse};
use diesel::connection::SimpleConnection;

use crate::error::AppResult;
use crate::web::AppState;

pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().content_type("text/plain").body("ok")
}

/// Ready when the database answers and this instance holds the installation's secret key.
pub async fn readyz(state: web::Data<AppState>) -> AppResult<HttpResponse> {
    let secret = state.settings.secret_key.clone();
    let mismatch = state
        .db(move |conn| {
            conn.batch_execute("SELECT 1")?;
            crate::domain::installation::key_mismatch(conn, secret.expose())
        })
        .await?;
    Ok(match mismatch {
        None => HttpResponse::Ok().content_type("text/plain").body("ready"),
        Some(why) => HttpResponse::ServiceUnavailable()
            .content_type("text/plain")
            .body(why),
    })
}
