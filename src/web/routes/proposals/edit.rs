//! The author edits or withdraws their proposal.

use super::*;

pub async fn edit_form(
    state: web::Data<AppState>,
    user: AuthUser,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let id = parse_proposal_id(&path)?;
    let view = state.db(move |conn| proposals::view(conn, id)).await?;
    // Only the author's own text fills this form (a hidden proposal's text stays hidden).
    if view.author_id != Some(user.id()) {
        return Err(AppError::Forbidden(
            t(viewer.lang, "proposals-error-not-author").into(),
        ));
    }
    let round = round_detail(&state, view.round_id, viewer.lang).await?;
    let amount = |c: i64| {
        if c % 100 == 0 {
            (c / 100).to_string()
        } else {
            format!("{}.{:02}", c / 100, c % 100)
        }
    };
    let values = ProposalInput {
        title: view.title.clone(),
        description: view.description.clone(),
        estimated_cost: amount(view.estimated_cost),
        district: view
            .district_id
            .and_then(|d| round.districts.iter().find(|x| x.id.0 == d))
            .map_or("citywide".into(), |d| d.slug.clone()),
        category: view.category.clone().unwrap_or_default(),
        location: view.location.clone().unwrap_or_default(),
    };
    Ok(html(pages::form(
        &viewer,
        &round,
        &format!("/proposals/{id}/edit"),
        &values,
        &FieldErrors::default(),
        &t(viewer.lang, "proposals-edit-title"),
    )))
}

pub async fn edit(
    state: web::Data<AppState>,
    user: AuthUser,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    CsrfForm(input): CsrfForm<ProposalInput>,
) -> AppResult<HttpResponse> {
    let id = parse_proposal_id(&path)?;
    let now = state.clock.now();
    let author = user.user.clone();
    let sent = input.clone();
    match state
        .db(move |conn| proposals::edit(conn, &author, id, &sent, now))
        .await
    {
        Ok(()) => Ok(see_other(format!("/proposals/{id}?done=saved"))),
        Err(AppError::Invalid(errors)) => {
            let round_id = state
                .db(move |conn| Ok(proposals::view(conn, id)?.round_id))
                .await?;
            let round = round_detail(&state, round_id, viewer.lang).await?;
            Ok(html_status(
                actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
                pages::form(
                    &viewer,
                    &round,
                    &format!("/proposals/{id}/edit"),
                    &input,
                    &errors,
                    &t(viewer.lang, "proposals-edit-title"),
                ),
            ))
        }
        Err(e) => Err(e),
    }
}

pub async fn withdraw(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
    _form: CsrfForm<crate::web::routes::accounts::Empty>,
) -> AppResult<HttpResponse> {
    let id = parse_proposal_id(&path)?;
    let now = state.clock.now();
    let author = user.user.clone();
    let mailing = state.mailing.clone();
    state
        .db(move |conn| proposals::withdraw(conn, &mailing, &author, id, now))
        .await?;
    Ok(see_other(format!("/proposals/{id}?done=withdrawn")))
}
