//! The council's rule simulator, for a round's ballots or an uploaded Pabulib file.

use crate::domain::RoundId;
use actix_multipart::Multipart;
use actix_web::{web, HttpRequest, HttpResponse};

use crate::domain::simulation;
use crate::error::AppResult;
use crate::views::simulate as pages;
use crate::web::extractors::{csrf_upload, AuditReaders, Authorized, PageViewer};
use crate::web::routes::html;
use crate::web::routes::rounds::parse_round_id;
use crate::web::AppState;

/// Largest .pb accepted by the simulator (Pabulib's biggest files are a few MB).
pub const MAX_PB_BYTES: usize = 32 * 1024 * 1024;

pub async fn round(
    state: web::Data<AppState>,
    _reader: Authorized<AuditReaders>,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let id = parse_round_id(&path)?.0;
    let citywide = crate::i18n::t(viewer.lang, "simulate-citywide");
    let (title, currency, pots) = state
        .db(move |conn| simulation::of_round(conn, RoundId(id), &citywide))
        .await?;
    Ok(html(pages::page(&viewer, &title, &currency, &pots, true)))
}

/// Compares the rules on an uploaded .pb file.
pub async fn upload(
    req: HttpRequest,
    state: web::Data<AppState>,
    _reader: Authorized<AuditReaders>,
    PageViewer(viewer): PageViewer,
    mut payload: Multipart,
) -> AppResult<HttpResponse> {
    let bytes = csrf_upload(&req, &state, &mut payload, MAX_PB_BYTES).await?;
    let pot = web::block(move || simulation::of_pabulib(&bytes)).await??;
    let title = pot.heading.clone();
    Ok(html(pages::page(&viewer, &title, "", &[pot], true)))
}
