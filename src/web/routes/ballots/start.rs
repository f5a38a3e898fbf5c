//! The ballot form: for a resident logged in, or after a voting code.

use super::*;

pub async fn vote(
    state: web::Data<AppState>,
    user: MaybeUser,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let round_id = parse_round_id(&path)?.0;
    if user.0.is_none() {
        let now = state.clock.now();
        let (round, rules) = state
            .db(move |conn| rounds::summary_and_rules(conn, round_id, now))
            .await?;
        return Ok(html_status(
            StatusCode::OK,
            pages::start(
                &viewer,
                &round.title,
                round_id,
                rules.voting_codes,
                &FieldErrors::default(),
            ),
        ));
    }
    match context(&state, viewer.lang, round_id, &user, None, None).await {
        Ok(ctx) => Ok(html_status(
            StatusCode::OK,
            pages::ballot_form(
                &viewer,
                &ctx.title,
                &ctx.paper,
                &Selection::default(),
                &FieldErrors::default(),
            ),
        )),
        Err(AppError::Conflict(_)) => already_voted_page(&state, &viewer, round_id).await,
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
pub struct CodeForm {
    voting_code: String,
}

impl FormFields for CodeForm {}

pub async fn with_code(
    state: web::Data<AppState>,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<CodeForm>,
) -> AppResult<HttpResponse> {
    let round_id = parse_round_id(&path)?.0;
    let code = form.voting_code.trim().to_string();
    match context(
        &state,
        viewer.lang,
        round_id,
        &MaybeUser(None),
        Some(&code),
        None,
    )
    .await
    {
        Ok(ctx) => {
            let sel = Selection {
                voting_code: Some(code),
                ..Selection::default()
            };
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
        Err(AppError::Forbidden(message) | AppError::Conflict(message)) => {
            let now = state.clock.now();
            let (round, rules) = state
                .db(move |conn| rounds::summary_and_rules(conn, round_id, now))
                .await?;
            let mut errors = FieldErrors::default();
            errors.add("voting_code", message);
            Ok(html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                pages::start(&viewer, &round.title, round_id, rules.voting_codes, &errors),
            ))
        }
        Err(e) => Err(e),
    }
}
