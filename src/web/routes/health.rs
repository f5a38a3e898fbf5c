//! Liveness (the process answers) and readiness (the database answers).

use actix_web::{web, HttpResponse};
use diesel::connection::SimpleConnection;

use crate::error::AppResult;
use crate::web::AppState;

pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().content_type("text/plain").body("ok")
}

pub async fn readyz(state: web::Data<AppState>) -> AppResult<HttpResponse> {
    state
        .db(|conn| conn.batch_execute("SELECT 1").map_err(Into::into))
        .await?;
    Ok(HttpResponse::Ok().content_type("text/plain").body("ready"))
}
