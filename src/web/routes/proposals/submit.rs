//! Submitting a proposal.

use super::*;
use crate::domain::RoundId;

impl FormFields for ProposalInput {
    const AMOUNTS: &'static [&'static str] = &["estimated_cost"];
}

pub async fn new_form(
    state: web::Data<AppState>,
    user: AuthUser,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let id = parse_round_id(&path)?.0;
    let round = round_detail(&state, id, viewer.lang).await?;
    let account = user.user.clone();
    let eligibility = state
        .db(move |conn| crate::domain::eligibility::of_round(conn, RoundId(id), &account))
        .await?;
    if let Some(unmet) = eligibility.requirements.iter().find(|r| !r.met) {
        return Ok(html(pages::cannot_propose(
            &viewer,
            &round,
            &unmet.explanation,
            unmet.next_step.as_ref(),
        )));
    }
    Ok(html(
        form_page(
            &state,
            &viewer,
            &round,
            &format!("/rounds/{id}/proposals/new"),
            &ProposalInput::default(),
            &FieldErrors::default(),
            &t(viewer.lang, "proposals-new"),
        )
        .await?,
    ))
}

pub async fn create(
    state: web::Data<AppState>,
    user: AuthUser,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    CsrfForm(input): CsrfForm<ProposalInput>,
) -> AppResult<HttpResponse> {
    let id = parse_round_id(&path)?.0;
    let now = state.clock.now();
    let author = user.user.clone();
    let sent = input.clone();
    match state
        .db(move |conn| proposals::submit(conn, &author, RoundId(id), &sent, now))
        .await
    {
        Ok(pid) => Ok(see_other(format!("/proposals/{pid}?done=submitted"))),
        Err(refusal @ (AppError::Invalid(_) | AppError::Forbidden(_))) => {
            // A refusal keeps everything typed: the form comes back with the reason on top.
            let (status, errors) = match refusal {
                AppError::Invalid(errors) => {
                    (actix_web::http::StatusCode::UNPROCESSABLE_ENTITY, errors)
                }
                AppError::Forbidden(message) => {
                    let mut errors = FieldErrors::default();
                    errors.add("proposal-form", message);
                    (actix_web::http::StatusCode::FORBIDDEN, errors)
                }
                other => return Err(other),
            };
            let round = round_detail(&state, id, viewer.lang).await?;
            Ok(html_status(
                status,
                form_page(
                    &state,
                    &viewer,
                    &round,
                    &format!("/rounds/{id}/proposals/new"),
                    &input,
                    &errors,
                    &t(viewer.lang, "proposals-new"),
                )
                .await?,
            ))
        }
        Err(e) => Err(e),
    }
}
