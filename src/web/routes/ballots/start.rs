//! The ballot form: for a resident logged in, or after a voting code.

use super::*;
use crate::domain::RoundId;

#[derive(Deserialize)]
pub struct DistrictQuery {
    district: Option<String>,
}

pub async fn vote(
    state: web::Data<AppState>,
    user: MaybeUser,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    query: web::Query<DistrictQuery>,
) -> AppResult<HttpResponse> {
    let round_id = parse_round_id(&path)?.0;
    if user.0.is_none() {
        let now = state.clock.now();
        let (round, rules) = state
            .db(move |conn| rounds::summary_and_rules(conn, RoundId(round_id), now))
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
    let asked = query.district.is_some();
    let district = query
        .district
        .as_deref()
        .and_then(|d| d.trim().parse().ok());
    match context(&state, viewer.lang, round_id, &user, None, district).await {
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
        Err(AppError::Invalid(errors)) if errors.get("district").is_some() => {
            district_choice(&state, &viewer, round_id, None, errors, asked).await
        }
        Err(AppError::Forbidden(refusal)) => match &user.0 {
            Some(session) => {
                let account = session.user.clone();
                let now = state.clock.now();
                let (title, eligibility) = state
                    .db(move |conn| {
                        let title = rounds::summary_of(conn, RoundId(round_id), now)?.title;
                        let eligibility = crate::domain::eligibility::of_round(
                            conn,
                            RoundId(round_id),
                            &account,
                        )?;
                        Ok((title, eligibility))
                    })
                    .await?;
                if eligibility.eligible {
                    // Refused for another reason (voting closed): the plain refusal says it.
                    return Err(AppError::Forbidden(refusal));
                }
                Ok(html_status(
                    StatusCode::FORBIDDEN,
                    pages::not_yet(&viewer, &title, round_id, &eligibility),
                ))
            }
            None => Err(AppError::Forbidden(refusal)),
        },
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
pub struct CodeForm {
    voting_code: String,
    /// Present once a code holder whose code names no district has chosen one.
    district: Option<String>,
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
    let asked = form.district.is_some();
    let district = form.district.as_deref().and_then(|d| d.trim().parse().ok());
    match context(
        &state,
        viewer.lang,
        round_id,
        &MaybeUser(None),
        Some(&code),
        district,
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
        Err(AppError::Invalid(errors)) if errors.get("district").is_some() => {
            district_choice(&state, &viewer, round_id, Some(code), errors, asked).await
        }
        Err(AppError::Forbidden(message) | AppError::Conflict(message)) => {
            let now = state.clock.now();
            let (round, rules) = state
                .db(move |conn| rounds::summary_and_rules(conn, RoundId(round_id), now))
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
