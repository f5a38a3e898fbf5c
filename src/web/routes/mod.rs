//! Route table. Pages and the JSON API call the same domain functions.

pub mod accounts;
pub mod api;
pub mod ballots;
pub mod comments;
pub mod council;
pub mod health;
pub mod home;
pub mod mail;
pub mod oidc;
pub mod places;
pub mod proposals;
pub mod review;
pub mod rounds;
pub mod simulate;
pub mod staff;
pub mod statistics;
pub mod translations;

use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpResponse};

/// A rendered page with 200 OK.
pub fn html(markup: maud::Markup) -> HttpResponse {
    html_status(StatusCode::OK, markup)
}

/// A rendered page with another status (422 for a form with errors, 409, 201…).
pub fn html_status(status: StatusCode, markup: maud::Markup) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(markup.into_string())
}

/// `raw` if it is a path on this site, the only kind of place we send a browser back to after
/// a login or a language switch. Browsers drop tabs and newlines, so `/\t/evil.example` would
/// become `//evil.example`: no control characters, spaces or backslashes either.
pub fn local_path(raw: &str) -> Option<&str> {
    let local = raw.starts_with('/')
        && !raw.starts_with("//")
        && raw
            .chars()
            .all(|c| !c.is_control() && !c.is_whitespace() && c != '\\');
    local.then_some(raw)
}

/// Post/redirect/get: send the browser to `location` after a form.
pub fn see_other(location: impl Into<String>) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location.into()))
        .finish()
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    // The router tries services in this order, matching each page's path pattern in turn; the
    // API's scope first costs a page one prefix comparison and spares every API request (each
    // ballot) the patterns of a hundred pages. No page's path starts with /api/v1.
    cfg.service(web::scope("/api/v1").configure(api::configure));
    site_routes(cfg);
    accounts_routes(cfg);
    voting_routes(cfg);
    proposals_routes(cfg);
    results_routes(cfg);
    council_routes(cfg);
    review_routes(cfg);
}

/// Health, metrics, the stylesheet, the home page and the language switch.
fn site_routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/healthz", web::get().to(health::healthz))
        .route("/readyz", web::get().to(health::readyz))
        .route("/metrics", web::get().to(super::metrics::metrics))
        .route("/assets/app.css", web::get().to(super::assets::stylesheet))
        .route("/favicon.svg", web::get().to(super::assets::icon))
        .route(
            "/assets/ballot.js",
            web::get().to(super::assets::ballot_script),
        )
        .route("/favicon.ico", web::get().to(super::assets::icon))
        .route("/assets/map.js", web::get().to(super::assets::map_script))
        .route(
            "/assets/receipt.js",
            web::get().to(super::assets::receipt_script),
        )
        .route(
            "/assets/vendor/leaflet/{file:.*}",
            web::get().to(super::assets::leaflet),
        )
        .route("/", web::get().to(home::show))
        .route("/verify", web::get().to(home::verify))
        .route("/language/{code}", web::get().to(home::language))
        .route("/open-data", web::get().to(home::open_data));
}

/// Registration, login, the account page, mail settings and password reset.
fn accounts_routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/register", web::get().to(accounts::register_form))
        .route("/register", web::post().to(accounts::register))
        .route("/login", web::get().to(accounts::login_form))
        .route("/login", web::post().to(accounts::login))
        .route("/logout", web::post().to(accounts::logout))
        .route("/account", web::get().to(accounts::account))
        .route(
            "/account/password",
            web::post().to(accounts::change_password),
        )
        .route("/account/profile", web::post().to(accounts::update_profile))
        .route(
            "/account/logout-everywhere",
            web::post().to(accounts::logout_everywhere),
        )
        .route("/account/data", web::get().to(accounts::personal_data))
        .route("/account/verify", web::get().to(mail::verify_form))
        .route("/account/verify", web::post().to(mail::verify))
        .route("/account/verify/resend", web::post().to(mail::resend))
        .route(
            "/account/notifications",
            web::post().to(mail::save_settings),
        )
        .route("/password/forgot", web::get().to(mail::forgot_form))
        .route("/password/forgot", web::post().to(mail::forgot))
        .route("/password/reset", web::get().to(mail::reset_form))
        .route("/password/reset", web::post().to(mail::reset))
        .route("/unsubscribe", web::get().to(mail::unsubscribe_form))
        .route("/unsubscribe", web::post().to(mail::unsubscribe))
        .route("/account/delete", web::post().to(accounts::delete_account))
        .route("/account/password/set", web::post().to(oidc::set_password))
        .route(
            "/account/providers/{provider}/link",
            web::post().to(oidc::link),
        )
        .route(
            "/account/providers/{provider}/unlink",
            web::post().to(oidc::unlink),
        )
        .route("/auth/oidc/{provider}/login", web::get().to(oidc::login))
        .route(
            "/auth/oidc/{provider}/callback",
            web::get().to(oidc::callback),
        )
        .route(
            "/auth/oidc/{provider}/backchannel-logout",
            web::post().to(oidc::backchannel_logout),
        );
}

/// The round page, voting, receipts, the bulletin board and the questionnaire.
fn voting_routes(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/rounds/{round_id}/feedback",
        web::post().to(ballots::feedback),
    )
    .route(
        "/rounds/{round_id}/feedback",
        web::get().to(ballots::feedback_results),
    )
    .route("/rounds/{round_id}", web::get().to(rounds::show))
    .route("/rounds/{round_id}/vote", web::get().to(ballots::vote))
    .route(
        "/rounds/{round_id}/vote/code",
        web::post().to(ballots::with_code),
    )
    .route(
        "/rounds/{round_id}/vote/review",
        web::post().to(ballots::review),
    )
    .route(
        "/rounds/{round_id}/vote/edit",
        web::post().to(ballots::edit),
    )
    .route(
        "/rounds/{round_id}/vote/cast",
        web::post().to(ballots::cast),
    )
    .route(
        "/rounds/{round_id}/bulletin",
        web::get().to(ballots::bulletin_page),
    )
    .route(
        "/receipts/download",
        web::post().to(ballots::download_receipt),
    )
    .route("/receipts/check", web::post().to(ballots::check_receipt))
    .route(
        "/rounds/{round_id}/census-match",
        web::post().to(rounds::census_match),
    );
}

/// Proposals: list, submit, show, edit, support, review, moderate, pictures, translations.
fn proposals_routes(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/proposals/{proposal_id}/comments",
        web::post().to(comments::create),
    )
    .route(
        "/comments/{comment_id}/{action:reply|edit|delete|flag|hide}",
        web::get().to(comments::action_form),
    )
    .route(
        "/comments/{comment_id}/{action:reply|edit|delete|flag|hide}",
        web::post().to(comments::act),
    )
    .route(
        "/comments/{comment_id}/keep",
        web::post().to(comments::keep),
    )
    .route("/moderation/comments", web::get().to(comments::queue))
    .route(
        "/proposals/{proposal_id}/{action:follow|unfollow}",
        web::post().to(mail::follow),
    )
    .route(
        "/rounds/{round_id}/proposals",
        web::get().to(proposals::list),
    )
    .route("/rounds/{round_id}/map", web::get().to(proposals::map_page))
    .route(
        "/rounds/{round_id}/proposals/new",
        web::get().to(proposals::new_form),
    )
    .route(
        "/rounds/{round_id}/proposals/new",
        web::post().to(proposals::create),
    )
    .route("/proposals/{proposal_id}", web::get().to(proposals::show))
    .route(
        "/proposals/{proposal_id}/support",
        web::post().to(proposals::support),
    )
    .route(
        "/proposals/{proposal_id}/unsupport",
        web::post().to(proposals::unsupport),
    )
    .route(
        "/proposals/{proposal_id}/flag",
        web::post().to(proposals::flag),
    )
    .route(
        "/proposals/{proposal_id}/merge",
        web::post().to(proposals::merge),
    )
    .route(
        "/proposals/{proposal_id}/request-changes",
        web::post().to(proposals::request_changes),
    )
    .route(
        "/proposals/{proposal_id}/image",
        web::post().to(proposals::upload_image),
    )
    .route(
        "/proposals/{proposal_id}/image",
        web::get().to(proposals::image),
    )
    .route(
        "/proposals/{proposal_id}/moderate",
        web::post().to(proposals::moderate),
    )
    .route(
        "/proposals/{proposal_id}/edit",
        web::get().to(proposals::edit_form),
    )
    .route(
        "/proposals/{proposal_id}/edit",
        web::post().to(proposals::edit),
    )
    .route(
        "/proposals/{proposal_id}/withdraw",
        web::get().to(proposals::confirm_withdraw),
    )
    .route(
        "/proposals/{proposal_id}/withdraw",
        web::post().to(proposals::withdraw),
    )
    .route(
        "/proposals/{proposal_id}/review",
        web::post().to(proposals::review),
    )
    .route(
        "/proposals/{proposal_id}/translations",
        web::get().to(translations::proposal_page),
    )
    .route(
        "/proposals/{proposal_id}/translations",
        web::post().to(translations::proposal),
    );
}

/// Statistics and the follow-up of funded projects.
fn results_routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/statistics", web::get().to(statistics::over_time))
        .route(
            "/rounds/{round_id}/statistics",
            web::get().to(statistics::round_statistics),
        )
        .route(
            "/rounds/{round_id}/implementation",
            web::get().to(statistics::implementation),
        )
        .route(
            "/rounds/{round_id}/implementation",
            web::post().to(statistics::implementation_for_code),
        )
        .route(
            "/proposals/{proposal_id}/progress",
            web::get().to(statistics::progress_form),
        )
        .route(
            "/proposals/{proposal_id}/progress",
            web::post().to(statistics::record_progress),
        );
}

/// The council's pages: rounds, census, codes, counting, simulation, people, mail, audit log.
fn council_routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/council/mail", web::get().to(mail::outbox))
        .route("/council/identity", web::get().to(oidc::claim_rules))
        .route(
            "/council/identity/{provider}",
            web::post().to(oidc::save_claim_rules),
        )
        .route("/council/places", web::get().to(places::page))
        .route("/council/places", web::post().to(places::save))
        .route("/council/users", web::get().to(staff::users))
        .route(
            "/council/users/{user_id}/role",
            web::post().to(staff::set_role),
        )
        .route(
            "/council/rounds/{round_id}/simulate",
            web::get().to(simulate::round),
        )
        .route("/council/simulate", web::post().to(simulate::upload))
        .route(
            "/council/rounds/{round_id}/count",
            web::post().to(council::count),
        )
        .route(
            "/council/rounds/{round_id}/census",
            web::post().to(council::census),
        )
        .route("/audit", web::get().to(staff::audit_log))
        .route("/council/rounds", web::get().to(council::list))
        .route("/council/rounds", web::post().to(council::create))
        .route("/council/rounds/new", web::get().to(council::new_form))
        .route("/council/rounds/{round_id}", web::get().to(council::manage))
        .route(
            "/council/rounds/{round_id}",
            web::post().to(council::update),
        )
        .route(
            "/council/rounds/{round_id}/translations",
            web::get().to(translations::round_page),
        )
        .route(
            "/council/rounds/{round_id}/translations",
            web::post().to(translations::round),
        )
        .route(
            "/council/rounds/{round_id}/advance",
            web::post().to(council::advance),
        )
        .route(
            "/council/rounds/{round_id}/codes",
            web::post().to(council::codes),
        )
        .route(
            "/council/rounds/{round_id}/codes/from-census",
            web::post().to(council::codes_from_census),
        );
}

/// Reviewers' pages: in-person checks, paper ballots, the moderation queue.
fn review_routes(cfg: &mut web::ServiceConfig) {
    cfg.route(
        "/review/rounds/{round_id}/paper",
        web::get().to(review::paper_form),
    )
    .route(
        "/review/rounds/{round_id}/paper/ballot",
        web::post().to(review::paper_ballot),
    )
    .route(
        "/review/rounds/{round_id}/paper/enter",
        web::post().to(review::paper_enter),
    )
    .route(
        "/review/rounds/{round_id}/flags",
        web::get().to(proposals::flags),
    )
    .route(
        "/review/rounds/{round_id}/checks",
        web::get().to(review::checks_form),
    )
    .route(
        "/review/rounds/{round_id}/checks",
        web::post().to(review::confirm),
    );
}
