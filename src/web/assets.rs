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

const RECEIPT_JS: &str = include_str!("../../assets/receipt.js");

/// Checks a receipt's Merkle path in the browser (the page says it all without it).
pub async fn receipt_script() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/javascript; charset=utf-8"))
        .insert_header((header::CACHE_CONTROL, "public, max-age=86400"))
        .body(RECEIPT_JS)
}

const MAP_JS: &str = include_str!("../../assets/map.js");

/// Draws maps over the map page's list and the proposal form's coordinates (both work without
/// it).
pub async fn map_script() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/javascript; charset=utf-8"))
        .insert_header((header::CACHE_CONTROL, "public, max-age=86400"))
        .body(MAP_JS)
}

/// Leaflet, as `scripts/vendor-leaflet.sh` installed it from the npm registry.
const LEAFLET: [(&str, &str, &[u8]); 7] = [
    (
        "leaflet.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/vendor/leaflet/leaflet.js"),
    ),
    (
        "leaflet.css",
        "text/css; charset=utf-8",
        include_bytes!("../../assets/vendor/leaflet/leaflet.css"),
    ),
    (
        "images/marker-icon.png",
        "image/png",
        include_bytes!("../../assets/vendor/leaflet/images/marker-icon.png"),
    ),
    (
        "images/marker-icon-2x.png",
        "image/png",
        include_bytes!("../../assets/vendor/leaflet/images/marker-icon-2x.png"),
    ),
    (
        "images/marker-shadow.png",
        "image/png",
        include_bytes!("../../assets/vendor/leaflet/images/marker-shadow.png"),
    ),
    (
        "images/layers.png",
        "image/png",
        include_bytes!("../../assets/vendor/leaflet/images/layers.png"),
    ),
    (
        "images/layers-2x.png",
        "image/png",
        include_bytes!("../../assets/vendor/leaflet/images/layers-2x.png"),
    ),
];

pub async fn leaflet(path: actix_web::web::Path<String>) -> HttpResponse {
    match LEAFLET.iter().find(|(name, _, _)| *name == path.as_str()) {
        Some((_, content_type, bytes)) => HttpResponse::Ok()
            .insert_header((header::CONTENT_TYPE, *content_type))
            .insert_header((header::CACHE_CONTROL, "public, max-age=604800"))
            .body(*bytes),
        None => HttpResponse::NotFound().finish(),
    }
}
