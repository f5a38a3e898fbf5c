use actix_web::web;
use maud::Markup;

use crate::domain::{rounds, RoundId};
use crate::error::{AppError, AppResult};
use crate::views;
use crate::web::extractors::PageViewer;
use crate::web::AppState;

pub async fn show(
    state: web::Data<AppState>,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
) -> AppResult<Markup> {
    let id = parse_round_id(&path)?;
    let now = state.clock.now();
    let round = state.db(move |conn| rounds::detail(conn, id, now)).await?;
    Ok(views::rounds::show(&viewer, &round))
}

/// Path ids come in as text so a malformed one is a 404 with a sentence, not actix's 400.
pub fn parse_round_id(raw: &str) -> AppResult<RoundId> {
    raw.parse()
        .map(RoundId)
        .map_err(|_| AppError::NotFound(format!("there is no budget round `{raw}`")))
}
