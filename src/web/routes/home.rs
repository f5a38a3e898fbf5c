use actix_web::web;
use maud::Markup;

use crate::domain::rounds;
use crate::error::AppResult;
use crate::views;
use crate::web::extractors::PageViewer;
use crate::web::AppState;

pub async fn show(state: web::Data<AppState>, PageViewer(viewer): PageViewer) -> AppResult<Markup> {
    let now = state.clock.now();
    let list = state.db(move |conn| rounds::list(conn, now)).await?;
    Ok(views::home::home(&viewer, &list))
}

/// How anyone can check a count without trusting this server, with the signing key.
pub async fn verify(state: web::Data<AppState>, PageViewer(viewer): PageViewer) -> Markup {
    let key = crate::audit::public_key_hex(&state.settings.secret_key);
    views::rounds::how_to_verify(&viewer, &key)
}
