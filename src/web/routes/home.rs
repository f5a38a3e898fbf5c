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
