//! The JSON API under /api/v1, described by an OpenAPI document generated from these handlers.

pub mod auth;
pub mod rounds;

use actix_web::{web, HttpResponse};
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "budgetbox API",
        description = "Participatory budgeting: rounds, projects, ballots and results."
    ),
    paths(
        rounds::list, rounds::show,
        auth::register, auth::login, auth::me, auth::my_data, auth::change_password,
        auth::logout_everywhere, auth::delete_me, auth::users, auth::set_role, auth::audit_log,
    ),
    components(schemas(crate::error::ErrorBody)),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/openapi.json", web::get().to(openapi))
        .route("/rounds", web::get().to(rounds::list))
        .route("/rounds/{round_id}", web::get().to(rounds::show))
        .route("/auth/register", web::post().to(auth::register))
        .route("/auth/login", web::post().to(auth::login))
        .route("/me", web::get().to(auth::me))
        .route("/me", web::delete().to(auth::delete_me))
        .route("/me/data", web::get().to(auth::my_data))
        .route("/me/password", web::post().to(auth::change_password))
        .route(
            "/me/logout-everywhere",
            web::post().to(auth::logout_everywhere),
        )
        .route("/admin/users", web::get().to(auth::users))
        .route("/admin/users/{user_id}/role", web::put().to(auth::set_role))
        .route("/audit-log", web::get().to(auth::audit_log));
}

async fn openapi() -> HttpResponse {
    HttpResponse::Ok().json(ApiDoc::openapi())
}
