//! Reports of abuse, hiding and showing a proposal, the moderators' queue.

use super::*;
use crate::domain::ProposalId;
use crate::domain::RoundId;

#[derive(Deserialize)]
pub struct ReasonForm {
    reason: String,
}

impl FormFields for ReasonForm {}

#[derive(Deserialize)]
pub struct ModerationForm {
    /// `hide` or `show`.
    action: String,
    moderation_reason: String,
}

impl FormFields for ModerationForm {}

pub async fn flag(
    state: web::Data<AppState>,
    auth: AuthUser,
    user: MaybeUser,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<ReasonForm>,
) -> AppResult<HttpResponse> {
    let id = parse_proposal_id(&path)?;
    let now = state.clock.now();
    let account = auth.user.clone();
    proposal_action(
        &state,
        &viewer,
        &user,
        id,
        move |conn| proposals::flag(conn, &account, ProposalId(id), &form.reason, now),
        "flagged",
    )
    .await
}

pub async fn moderate(
    state: web::Data<AppState>,
    moderator: crate::web::extractors::Authorized<crate::web::extractors::Reviewers>,
    user: MaybeUser,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<ModerationForm>,
) -> AppResult<HttpResponse> {
    let id = parse_proposal_id(&path)?;
    let now = state.clock.now();
    let moderator_id = moderator.0.id();
    let hide = match form.action.as_str() {
        "hide" => true,
        "show" => false,
        _ => {
            return Err(AppError::BadRequest(
                t(viewer.lang, "proposals-error-hide-or-show").into(),
            ))
        }
    };
    let mailing = state.mailing.clone();
    proposal_action(
        &state,
        &viewer,
        &user,
        id,
        move |conn| {
            proposals::moderate(
                conn,
                &mailing,
                moderator_id,
                ProposalId(id),
                hide,
                &form.moderation_reason,
                now,
            )
        },
        if hide { "hidden" } else { "shown" },
    )
    .await
}

/// Reports waiting for the moderators of a round (reviewers and council).
pub async fn flags(
    state: web::Data<AppState>,
    _moderator: crate::web::extractors::Authorized<crate::web::extractors::Reviewers>,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let round_id = parse_round_id(&path)?.0;
    let (title, flagged, hidden) = state
        .db(move |conn| proposals::queue(conn, RoundId(round_id)))
        .await?;
    Ok(html(pages::flags(
        &viewer, round_id, &title, &flagged, &hidden,
    )))
}
