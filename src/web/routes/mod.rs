//! Route table. Pages and the JSON API call the same domain functions.

pub mod api;
pub mod health;
pub mod home;
pub mod rounds;

use actix_web::web;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/healthz", web::get().to(health::healthz))
        .route("/readyz", web::get().to(health::readyz))
        .route("/assets/app.css", web::get().to(super::assets::stylesheet))
        .route("/", web::get().to(home::show))
        .route("/rounds/{round_id}", web::get().to(rounds::show))
        .service(web::scope("/api/v1").configure(api::configure));
}
