//! The council's rule simulator, for a round's ballots or an uploaded Pabulib file.

use actix_multipart::Multipart;
use actix_web::{web, HttpRequest, HttpResponse};

use crate::db::models::{district, proposal};
use crate::domain::counting;
use crate::error::{AppError, AppResult};
use crate::tally::compare::{compare, default_rules};
use crate::views::simulate::{self as pages, PotComparison};
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
    let (row, pots) = state
        .db(move |conn| {
            let row = crate::domain::rounds::find(conn, id)?;
            let districts = district::of_round(conn, id)?;
            let titles: std::collections::HashMap<String, String> = proposal::of_round(conn, id)?
                .into_iter()
                .map(|p| (p.id.to_string(), p.title))
                .collect();
            let elections = counting::round_elections(conn, &row)?;
            let pots = elections
                .pots
                .into_iter()
                .map(|(district_id, election)| PotComparison {
                    heading: district_id
                        .and_then(|d| districts.iter().find(|x| x.district_id == d))
                        .map_or_else(|| citywide.clone(), |d| d.name.clone()),
                    names: election
                        .projects
                        .iter()
                        .map(|p| titles.get(&p.id).cloned().unwrap_or_else(|| p.id.clone()))
                        .collect(),
                    results: compare(&election, &default_rules()),
                    election,
                })
                .collect::<Vec<_>>();
            Ok((row, pots))
        })
        .await?;
    Ok(html(pages::page(
        &viewer,
        &row.title,
        &row.currency,
        &pots,
        true,
    )))
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
    let pot = web::block(move || pb_comparison(&bytes)).await??;
    let title = pot.heading.clone();
    Ok(html(pages::page(&viewer, &title, "", &[pot], true)))
}

pub fn pb_comparison(bytes: &[u8]) -> AppResult<PotComparison> {
    let instance = crate::pabulib::parse_bytes(bytes).map_err(|e| {
        AppError::Unprocessable(format!("this is not a valid Pabulib file: {e}").into())
    })?;
    let election = instance.to_election().map_err(|e| {
        AppError::Unprocessable(format!("this is not a valid Pabulib file: {e}").into())
    })?;
    let names = instance
        .projects
        .iter()
        .map(|p| {
            p.name()
                .map_or_else(|| p.id.clone(), |n| format!("{} ({})", n, p.id))
        })
        .collect();
    let heading = [
        instance.meta("country"),
        instance.meta("unit"),
        instance.meta("instance"),
        instance.meta("subunit"),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    Ok(PotComparison {
        heading,
        names,
        results: compare(&election, &default_rules()),
        election,
    })
}
