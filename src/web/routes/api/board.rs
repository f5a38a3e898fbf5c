//! The board at city scale: pages of entries with stable addresses and ETags, the latest
//! signed tree head, and consistency proofs between heads (see `domain::board_tree`).

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::{IntoParams, ToSchema};

use crate::domain::board_tree::{self, Consistency, TreeHead};
use crate::domain::bulletin::{self, BoardEntry};
use crate::error::{AppError, AppResult, ErrorBody};
use crate::web::routes::rounds::parse_round_id;
use crate::web::AppState;

/// Entries per page at most.
pub const MAX_PAGE: i64 = 1000;

#[derive(Deserialize, IntoParams)]
pub struct PageQuery {
    /// The sequence number after which the page starts [default: 0, the first page].
    after: Option<i64>,
    /// Entries on the page, 1 to 1000 [default: 1000].
    limit: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct BoardPage {
    pub round_id: i64,
    pub entries: Vec<BoardEntry>,
    /// The next page's address, while the page is full.
    pub next: Option<String>,
}

/// One page of the round's board, in order. A full page never changes until the count
/// (which opens the ballots on it), so it is served with an ETag and answers
/// `If-None-Match` with 304.
#[utoipa::path(get, path = "/api/v1/rounds/{round_id}/board", tag = "ballots",
    params(("round_id" = i64, Path, description = "Round id"), PageQuery),
    responses((status = 200, body = BoardPage), (status = 304, description = "Not modified"),
              (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn page(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<PageQuery>,
) -> AppResult<HttpResponse> {
    let round_id = parse_round_id(&path)?;
    let after = query.after.unwrap_or(0);
    let limit = query.limit.unwrap_or(MAX_PAGE);
    if after < 0 || !(1..=MAX_PAGE).contains(&limit) {
        return Err(AppError::BadRequest(
            format!("after must be 0 or more, and limit between 1 and {MAX_PAGE}").into(),
        ));
    }
    let entries = state
        .db(move |conn| bulletin::page(conn, round_id, after, limit))
        .await?;
    let next = (entries.len() as i64 == limit).then(|| {
        let last = entries.last().map_or(after, |e| e.seq);
        format!(
            "/api/v1/rounds/{}/board?after={last}&limit={limit}",
            round_id.0
        )
    });
    let body = serde_json::to_vec(&BoardPage {
        round_id: round_id.0,
        entries,
        next,
    })
    .map_err(AppError::internal)?;
    let etag = format!("\"{}\"", hex::encode(&Sha256::digest(&body)[..16]));
    let unchanged = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    let mut response = if unchanged {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    response.insert_header((header::ETAG, etag));
    Ok(if unchanged {
        response.finish()
    } else {
        response.content_type("application/json").body(body)
    })
}

/// The round's latest signed tree head (RFC 9162 Merkle tree over the board's entry hashes,
/// signed with the installation's audit key, `GET /api/v1/audit-key`). Keep it: a later
/// consistency proof shows the board only grew since.
#[utoipa::path(get, path = "/api/v1/rounds/{round_id}/board/head", tag = "ballots",
    params(("round_id" = i64, Path, description = "Round id")),
    responses((status = 200, body = TreeHead), (status = 404, body = ErrorBody)))]
pub async fn head(state: web::Data<AppState>, path: web::Path<String>) -> AppResult<HttpResponse> {
    let round_id = parse_round_id(&path)?;
    let head = state
        .db(move |conn| {
            crate::domain::rounds::find(conn, round_id)?;
            board_tree::latest(conn, round_id)
        })
        .await?
        .ok_or_else(|| {
            AppError::NotFound("this round's board has no signed tree head yet".into())
        })?;
    Ok(HttpResponse::Ok().json(head))
}

#[derive(Deserialize, IntoParams)]
pub struct ConsistencyQuery {
    /// The size of the head you kept.
    first: i64,
}

/// The proof that the board of the head you kept (`first` entries) is the beginning of the
/// board now; check it with `budgetbox verify --consistency`.
#[utoipa::path(get, path = "/api/v1/rounds/{round_id}/board/consistency", tag = "ballots",
    params(("round_id" = i64, Path, description = "Round id"), ConsistencyQuery),
    responses((status = 200, body = Consistency), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn consistency(
    state: web::Data<AppState>,
    path: web::Path<String>,
    query: web::Query<ConsistencyQuery>,
) -> AppResult<HttpResponse> {
    let round_id = parse_round_id(&path)?;
    let first = query.first;
    let proof = state
        .db(move |conn| {
            crate::domain::rounds::find(conn, round_id)?;
            board_tree::consistency(conn, round_id, first)
        })
        .await?;
    Ok(HttpResponse::Ok().json(proof))
}
