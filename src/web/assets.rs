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
