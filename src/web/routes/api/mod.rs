//! The JSON API under /api/v1, described by an OpenAPI document generated from these handlers.

pub mod auth;
pub mod ballots;
pub mod board;
pub mod comments;
pub mod mail;
pub mod proposals;
pub mod results;
pub mod round_admin;
pub mod rounds;
pub mod translations;

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
        auth::logout, auth::logout_everywhere, auth::delete_me, auth::update_profile, auth::users, auth::set_role, auth::audit_log, auth::providers,
        crate::web::routes::oidc::login, crate::web::routes::oidc::callback, crate::web::routes::oidc::backchannel_logout,
        proposals::submit, proposals::list, proposals::show, proposals::edit, proposals::withdraw, proposals::review,
        results::count, results::pb, results::csv, results::geojson, results::json, results::audit, results::audit_key, results::statistics, results::implementation, results::record_progress, results::feedback,
        ballots::cast, ballots::bulletin_board, ballots::receipt, ballots::paper, board::page, board::head, board::consistency,
        round_admin::create, round_admin::update, round_admin::advance, round_admin::census,
        round_admin::voting_codes, round_admin::voting_codes_from_census, round_admin::my_eligibility, round_admin::voter_check,
        translations::round, translations::proposal,
        mail::verify_email, mail::resend_verification, mail::request_password_reset, mail::confirm_password_reset,
        mail::notification_settings, mail::save_notification_settings, mail::follow, mail::unfollow,
        comments::list, comments::create, comments::edit, comments::delete, comments::flag, comments::hide, comments::keep, comments::queue,
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
        .route("/rounds", web::post().to(round_admin::create))
        .route("/rounds/{round_id}/ballots", web::post().to(ballots::cast))
        .route("/rounds/{round_id}/count", web::post().to(results::count))
        .route(
            "/rounds/{round_id}/proposals",
            web::get().to(proposals::list),
        )
        .route(
            "/rounds/{round_id}/proposals",
            web::post().to(proposals::submit),
        )
        .route(
            "/proposals/{proposal_id}/comments",
            web::get().to(comments::list),
        )
        .route(
            "/proposals/{proposal_id}/comments",
            web::post().to(comments::create),
        )
        .route("/comments/{comment_id}", web::patch().to(comments::edit))
        .route("/comments/{comment_id}", web::delete().to(comments::delete))
        .route(
            "/comments/{comment_id}/flag",
            web::post().to(comments::flag),
        )
        .route(
            "/comments/{comment_id}/hide",
            web::post().to(comments::hide),
        )
        .route(
            "/comments/{comment_id}/keep",
            web::post().to(comments::keep),
        )
        .route("/moderation/comments", web::get().to(comments::queue))
        .route("/proposals/{proposal_id}", web::get().to(proposals::show))
        .route("/proposals/{proposal_id}", web::put().to(proposals::edit))
        .route(
            "/proposals/{proposal_id}/withdraw",
            web::post().to(proposals::withdraw),
        )
        .route(
            "/proposals/{proposal_id}/review",
            web::post().to(proposals::review),
        )
        .route("/rounds/{round_id}/export.pb", web::get().to(results::pb))
        .route("/rounds/{round_id}/export.csv", web::get().to(results::csv))
        .route(
            "/rounds/{round_id}/export.geojson",
            web::get().to(results::geojson),
        )
        .route(
            "/rounds/{round_id}/export.json",
            web::get().to(results::json),
        )
        .route(
            "/rounds/{round_id}/export.audit",
            web::get().to(results::audit),
        )
        .route("/audit-key", web::get().to(results::audit_key))
        .route(
            "/rounds/{round_id}/feedback",
            web::get().to(results::feedback),
        )
        .route(
            "/rounds/{round_id}/statistics",
            web::get().to(results::statistics),
        )
        .route(
            "/rounds/{round_id}/implementation",
            web::get().to(results::implementation),
        )
        .route(
            "/proposals/{proposal_id}/progress",
            web::post().to(results::record_progress),
        )
        .route(
            "/rounds/{round_id}/paper-ballots",
            web::post().to(ballots::paper),
        )
        .route(
            "/rounds/{round_id}/bulletin",
            web::get().to(ballots::bulletin_board),
        )
        .route("/rounds/{round_id}/board", web::get().to(board::page))
        .route("/rounds/{round_id}/board/head", web::get().to(board::head))
        .route(
            "/rounds/{round_id}/board/consistency",
            web::get().to(board::consistency),
        )
        .route("/receipts/{tracking_code}", web::get().to(ballots::receipt))
        .route("/rounds/{round_id}", web::get().to(rounds::show))
        .route("/rounds/{round_id}", web::put().to(round_admin::update))
        .route(
            "/rounds/{round_id}/advance",
            web::post().to(round_admin::advance),
        )
        .route(
            "/rounds/{round_id}/translations/{lang}",
            web::put().to(translations::round),
        )
        .route(
            "/proposals/{proposal_id}/translations/{lang}",
            web::put().to(translations::proposal),
        )
        .service(
            web::resource("/rounds/{round_id}/census")
                .app_data(web::PayloadConfig::new(round_admin::MAX_CENSUS_BYTES))
                .route(web::put().to(round_admin::census)),
        )
        .route(
            "/rounds/{round_id}/voting-codes",
            web::post().to(round_admin::voting_codes),
        )
        .service(
            web::resource("/rounds/{round_id}/voting-codes/from-census")
                .app_data(web::PayloadConfig::new(round_admin::MAX_CENSUS_BYTES))
                .route(web::post().to(round_admin::voting_codes_from_census)),
        )
        .route(
            "/rounds/{round_id}/eligibility",
            web::get().to(round_admin::my_eligibility),
        )
        .route(
            "/rounds/{round_id}/voter-checks",
            web::post().to(round_admin::voter_check),
        )
        .route("/auth/register", web::post().to(auth::register))
        .route("/auth/login", web::post().to(auth::login))
        .route("/auth/providers", web::get().to(auth::providers))
        .route("/auth/logout", web::post().to(auth::logout))
        .route("/auth/verify-email", web::post().to(mail::verify_email))
        .route(
            "/auth/password-reset",
            web::post().to(mail::request_password_reset),
        )
        .route(
            "/auth/password-reset/confirm",
            web::post().to(mail::confirm_password_reset),
        )
        .route(
            "/me/verify-email",
            web::post().to(mail::resend_verification),
        )
        .route(
            "/me/notifications",
            web::get().to(mail::notification_settings),
        )
        .route(
            "/me/notifications",
            web::put().to(mail::save_notification_settings),
        )
        .route(
            "/proposals/{proposal_id}/follow",
            web::post().to(mail::follow),
        )
        .route(
            "/proposals/{proposal_id}/follow",
            web::delete().to(mail::unfollow),
        )
        .route("/me", web::get().to(auth::me))
        .route("/me", web::delete().to(auth::delete_me))
        .route("/me/data", web::get().to(auth::my_data))
        .route("/me/profile", web::put().to(auth::update_profile))
        .route("/me/password", web::post().to(auth::change_password))
        .route(
            "/me/logout-everywhere",
            web::post().to(auth::logout_everywhere),
        )
        .route("/admin/users", web::get().to(auth::users))
        .route("/admin/users/{user_id}/role", web::put().to(auth::set_role))
        .route("/audit-log", web::get().to(auth::audit_log));
}

/// The document, built once: it never changes while the process runs.
fn openapi_json() -> &'static str {
    static DOCUMENT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DOCUMENT.get_or_init(|| serde_json::to_string(&ApiDoc::openapi()).unwrap_or_default())
}

async fn openapi() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/json")
        .body(openapi_json())
}
