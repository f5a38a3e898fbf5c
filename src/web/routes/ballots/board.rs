//! The public bulletin board, page by page.

use super::*;

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
    let (row, board) = state
        .db(move |conn| {
            let row = crate::domain::rounds::find(conn, round_id)?;
            Ok((row, bulletin::board(conn, round_id)?))
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
        .collect();
    Ok(html_status(
        StatusCode::OK,
        pages::bulletin(
            &viewer,
            &row.title,
            round_id,
            &head,
            &rows,
            page,
            pages_count,
        ),
    ))
}
