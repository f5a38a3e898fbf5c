//! Submitting a proposal.

use super::*;

impl FormFields for ProposalInput {}

pub async fn new_form(
    state: web::Data<AppState>,
    _user: AuthUser,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let id = parse_round_id(&path)?.0;
    let round = round_detail(&state, id, viewer.lang).await?;
    Ok(html(pages::form(
        &viewer,
        &round,
        &format!("/rounds/{id}/proposals/new"),
        &ProposalInput::default(),
        &FieldErrors::default(),
        &t(viewer.lang, "proposals-new"),
    )))
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
        .db(move |conn| proposals::submit(conn, &author, id, &sent, now))
        .await
    {
        Ok(pid) => Ok(see_other(format!("/proposals/{pid}?done=submitted"))),
        Err(AppError::Invalid(errors)) => {
            let round = round_detail(&state, id, viewer.lang).await?;
            Ok(html_status(
                actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
                pages::form(
                    &viewer,
                    &round,
                    &format!("/rounds/{id}/proposals/new"),
                    &input,
                    &errors,
                    &t(viewer.lang, "proposals-new"),
                ),
            ))
        }
        Err(e) => Err(e),
    }
}
