//! The JSON API under /api/v1, described by an OpenAPI document generated from these handlers.

pub mod rounds;

use actix_web::{web, HttpResponse};
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "budgetbox API",
        description = "Participatory budgeting: rounds, projects, ballots and results."
    ),
    paths(rounds::list, rounds::show),
    components(schemas(crate::error::ErrorBody))
)]
pub struct ApiDoc;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/openapi.json", web::get().to(openapi))
        .route("/rounds", web::get().to(rounds::list))
        .route("/rounds/{round_id}", web::get().to(rounds::show));
}

async fn openapi() -> HttpResponse {
    HttpResponse::Ok().json(ApiDoc::openapi())
}
