//! Checking a ballot and showing it back before it is cast; going back to change it.

use super::*;

/// Checks the ballot and shows it back for confirmation; nothing is stored.
pub async fn review(
    state: web::Data<AppState>,
    user: MaybeUser,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    CsrfForm(fields): CsrfForm<BallotFields>,
) -> AppResult<HttpResponse> {
    let round_id = parse_round_id(&path)?.0;
    let sel = fields.selection();
    let ctx = match context(
        &state,
        viewer.lang,
        round_id,
        &user,
        sel.voting_code.as_deref(),
        requested_district(&fields),
    )
    .await
    {
        Err(AppError::Conflict(_)) if sel.voting_code.is_none() => {
            return already_voted_page(&state, &viewer, round_id).await
        }
        other => other?,
    };
    let checked = fields
        .choice_in(viewer.lang, ctx.paper.ballot_type)
        .and_then(|choice| {
            ballots::validate(&ctx.paper, &choice)
                .map(|_| ())
                .map_err(|e| e.to_string())
        });
    match checked {
        Ok(()) => Ok(html_status(
            StatusCode::OK,
            pages::review(&viewer, &ctx.title, &ctx.paper, &sel),
        )),
        Err(message) => {
            let mut errors = FieldErrors::default();
            errors.add("ballot", capitalise(&message));
            Ok(html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                pages::ballot_form(&viewer, &ctx.title, &ctx.paper, &sel, &errors),
            ))
        }
    }
}

/// Back from the review to the form, with the choices kept.
pub async fn edit(
    state: web::Data<AppState>,
    user: MaybeUser,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    CsrfForm(fields): CsrfForm<BallotFields>,
) -> AppResult<HttpResponse> {
    let round_id = parse_round_id(&path)?.0;
    let sel = fields.selection();
    let ctx = context(
        &state,
        viewer.lang,
        round_id,
        &user,
        sel.voting_code.as_deref(),
        requested_district(&fields),
    )
    .await?;
    Ok(html_status(
        StatusCode::OK,
        pages::ballot_form(
            &viewer,
            &ctx.title,
            &ctx.paper,
            &sel,
            &FieldErrors::default(),
        ),
    ))
}
