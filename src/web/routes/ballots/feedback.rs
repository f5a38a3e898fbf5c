//! The short questionnaire after voting, and its answers for the council.

use super::*;
use crate::domain::RoundId;

impl FormFields for crate::domain::feedback::Answers {}

/// The anonymous survey under the receipt.
pub async fn feedback(
    state: web::Data<AppState>,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    CsrfForm(answers): CsrfForm<crate::domain::feedback::Answers>,
) -> AppResult<HttpResponse> {
    use crate::domain::feedback;
    let round_id = parse_round_id(&path)?.0;
    let secret = state.settings.secret_key.clone();
    let now = state.clock.now();
    let attempt = answers.clone();
    match state
        .db(move |conn| feedback::submit(conn, secret.expose(), RoundId(round_id), &attempt, now))
        .await
    {
        Ok(()) => Ok(html(pages::survey_thanks(
            &viewer,
            round_id,
            &t(viewer.lang, "ballots-survey-thanks-text"),
        ))),
        Err(AppError::Conflict(message)) => Ok(html_status(
            StatusCode::CONFLICT,
            pages::survey_thanks(&viewer, round_id, &message.text(viewer.lang)),
        )),
        Err(AppError::Invalid(errors)) => Ok(html_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            pages::survey_page(&viewer, round_id, &answers.token, &answers, &errors),
        )),
        Err(e) => Err(e),
    }
}

/// What voters said in the survey (council and auditors).
pub async fn feedback_results(
    state: web::Data<AppState>,
    _staff: Authorized<AuditReaders>,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let round_id = parse_round_id(&path)?.0;
    let (title, summary) = state
        .db(move |conn| {
            let title = crate::domain::rounds::find(conn, RoundId(round_id))?.title;
            Ok((
                title,
                crate::domain::feedback::summary(conn, RoundId(round_id))?,
            ))
        })
        .await?;
    Ok(html(pages::survey_results(
        &viewer, round_id, &title, &summary,
    )))
}
