//! Reviewers decide, merge duplicates and ask for changes.

use super::*;
use crate::domain::ProposalId;

#[derive(Deserialize)]
pub struct ReviewForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    validated_cost: String,
    #[serde(default)]
    reason: String,
}

impl FormFields for ReviewForm {
    const AMOUNTS: &'static [&'static str] = &["validated_cost"];
}

pub async fn review(
    state: web::Data<AppState>,
    reviewer: crate::web::extractors::Authorized<crate::web::extractors::Reviewers>,
    user: MaybeUser,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<ReviewForm>,
) -> AppResult<HttpResponse> {
    let id = parse_proposal_id(&path)?;
    let now = state.clock.now();
    let reviewer_id = reviewer.0.id();
    let input = ReviewInput {
        decision: form.decision,
        validated_cost: form.validated_cost,
        reason: form.reason,
    };
    let mailing = state.mailing.clone();
    match state
        .db(move |conn| proposals::review(conn, &mailing, reviewer_id, ProposalId(id), &input, now))
        .await
    {
        Ok(()) => Ok(see_other(format!("/proposals/{id}?done=reviewed"))),
        Err(AppError::Invalid(errors)) => Ok(html_status(
            actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
            show_page(&state, &viewer, &user, id, None, &errors).await?,
        )),
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
pub struct ChangesForm {
    change_reason: String,
}

impl FormFields for ChangesForm {}

#[derive(Deserialize)]
pub struct MergeForm {
    into: String,
    merge_reason: String,
}

impl FormFields for MergeForm {}

pub async fn merge(
    state: web::Data<AppState>,
    reviewer: crate::web::extractors::Authorized<crate::web::extractors::Reviewers>,
    user: MaybeUser,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<MergeForm>,
) -> AppResult<HttpResponse> {
    let id = parse_proposal_id(&path)?;
    let now = state.clock.now();
    let reviewer_id = reviewer.0.id();
    let into = form
        .into
        .trim()
        .trim_start_matches('#')
        .parse::<i64>()
        .unwrap_or(0);
    let mailing = state.mailing.clone();
    proposal_action(
        &state,
        &viewer,
        &user,
        id,
        move |conn| {
            proposals::merge(
                conn,
                &mailing,
                reviewer_id,
                ProposalId(id),
                ProposalId(into),
                &form.merge_reason,
                now,
            )
        },
        "merged",
    )
    .await
}

pub async fn request_changes(
    state: web::Data<AppState>,
    reviewer: crate::web::extractors::Authorized<crate::web::extractors::Reviewers>,
    user: MaybeUser,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<ChangesForm>,
) -> AppResult<HttpResponse> {
    let id = parse_proposal_id(&path)?;
    let now = state.clock.now();
    let reviewer_id = reviewer.0.id();
    let mailing = state.mailing.clone();
    proposal_action(
        &state,
        &viewer,
        &user,
        id,
        move |conn| {
            proposals::request_changes(
                conn,
                &mailing,
                reviewer_id,
                ProposalId(id),
                &form.change_reason,
                now,
            )
        },
        "changes",
    )
    .await
}
