use actix_web::web;
use actix_web::web::Json;

use crate::domain::rounds::{self, RoundDetail, RoundSummary};
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::web::routes::rounds::parse_round_id;
use crate::web::AppState;

/// All budget rounds with their current phase.
#[utoipa::path(get, path = "/api/v1/rounds", tag = "rounds",
    responses((status = 200, description = "Budget rounds, newest voting first", body = [RoundSummary])))]
pub async fn list(state: web::Data<AppState>) -> AppResult<Json<Vec<RoundSummary>>> {
    let now = state.clock.now();
    Ok(Json(state.db(move |conn| rounds::list(conn, now)).await?))
}

/// One round: phase, ballot rules, districts and projects with ids and costs, so a client can
/// build a valid ballot.
#[utoipa::path(get, path = "/api/v1/rounds/{round_id}", tag = "rounds",
    params(("round_id" = i64, Path, description = "Round id")),
    responses(
        (status = 200, description = "The round", body = RoundDetail),
        (status = 404, description = "No such round", body = crate::error::ErrorBody)))]
pub async fn show(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> AppResult<Json<RoundDetail>> {
    let id = parse_round_id(&path)?;
    let now = state.clock.now();
    Ok(Json(
        state
            .db(move |conn| rounds::detail(conn, id, now, Lang::En, rounds::Projects::All))
            .await?,
    ))
}
