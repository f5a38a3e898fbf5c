//! The public bulletin board, page by page.

use super::*;
use crate::domain::RoundId;

#[derive(Deserialize)]
pub struct PageQuery {
    page: Option<usize>,
}

const BOARD_PAGE: usize = 100;

pub async fn bulletin_page(
    state: web::Data<AppState>,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    query: web::Query<PageQuery>,
) -> AppResult<HttpResponse> {
    let round_id = parse_round_id(&path)?.0;
    let (title, board, titles) = state
        .db(move |conn| {
            let title = crate::domain::rounds::find(conn, RoundId(round_id))?.title;
            let titles = crate::domain::ballot_words::titles_of_round(conn, RoundId(round_id))?;
            Ok((title, bulletin::board(conn, RoundId(round_id))?, titles))
        })
        .await?;
    let head = board.chain_head;
    let board = board.entries;
    let pages_count = board.len().div_ceil(BOARD_PAGE);
    let page = query.page.unwrap_or(1).clamp(1, pages_count.max(1));
    let rows: Vec<_> = board
        .into_iter()
        .skip((page - 1) * BOARD_PAGE)
        .take(BOARD_PAGE)
        .map(|entry| {
            let words = crate::domain::ballot_words::in_words(entry.content.as_deref(), &titles);
            (entry, words)
        })
        .collect();
    Ok(html_status(
        StatusCode::OK,
        pages::bulletin(&viewer, &title, round_id, &head, &rows, page, pages_count),
    ))
}
