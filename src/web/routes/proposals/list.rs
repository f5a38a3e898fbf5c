//! A round's proposals: search, filters and pages.

use super::*;
use crate::domain::ProposalId;
use crate::domain::RoundId;

pub async fn list(
    state: web::Data<AppState>,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    query: web::Query<ListQuery>,
) -> AppResult<HttpResponse> {
    let id = parse_round_id(&path)?.0;
    let round = round_detail(&state, id, viewer.lang).await?;
    let query = query.into_inner();
    let mut filters = query.clone();
    for bound in [&mut filters.min_cost, &mut filters.max_cost]
        .into_iter()
        .flatten()
    {
        if let Some(plain) = viewer.lang.canonical_amount(bound) {
            *bound = plain;
        }
    }
    let lang = viewer.lang;
    let listed = state
        .db(move |conn| {
            let mut page = proposals::list(conn, RoundId(id), &filters)?;
            let translated = translations::of_round(conn, RoundId(id), lang)?;
            for item in &mut page.items {
                if let Some((title, _)) = translated.proposal(ProposalId(item.id)) {
                    item.title = title.to_string();
                }
            }
            Ok(page)
        })
        .await;
    let can_submit = round.summary.phase == Phase::Proposals;
    match listed {
        Ok(page) => Ok(html(pages::list(
            &viewer,
            &round,
            Some(&page),
            &query,
            &FieldErrors::default(),
            can_submit,
        ))),
        Err(AppError::Invalid(errors)) => Ok(html_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            pages::list(&viewer, &round, None, &query, &errors, can_submit),
        )),
        Err(e) => Err(e),
    }
}
