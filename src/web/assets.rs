//! Static files compiled into the binary, so `budgetbox` runs from any directory.

use actix_web::{http::header, HttpResponse};

/// The stylesheet's address, as pages link it.
pub use crate::views::layout::CSS_PATH;
const CSS: &str = include_str!("../../assets/app.css");

pub async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/css; charset=utf-8"))
        .insert_header((header::CACHE_CONTROL, "public, max-age=86400"))
        .body(CSS)
}

const ICON: &str = include_str!("../../assets/favicon.svg");

/// The site's icon, at `/favicon.svg` (linked from every page) and at `/favicon.ico`, where
/// browsers and monitors look without being told.
pub async fn icon() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "image/svg+xml"))
        .insert_header((header::CACHE_CONTROL, "public, max-age=86400"))
        .body(ICON)
}

const BALLOT_JS: &str = include_str!("../../assets/ballot.js");

/// The knapsack ballot's live budget meter (the ballot works without it).
pub async fn ballot_script() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/javascript; charset=utf-8"))
        .insert_header((header::CACHE_CONTROL, "public, max-age=86400"))
        .body(BALLOT_JS)
}
