//! Casting a ballot, exactly once, and the receipt page.

use super::*;
use crate::domain::RoundId;

pub async fn cast(
    state: web::Data<AppState>,
    user: MaybeUser,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    CsrfForm(fields): CsrfForm<BallotFields>,
) -> AppResult<HttpResponse> {
    let round_id = parse_round_id(&path)?.0;
    let sel = fields.selection();
    let now = state.clock.now();
    let account = user.0.as_ref().map(|u| u.user.clone());
    let district = requested_district(&fields);
    let code = sel.voting_code.clone();
    let ballot_type = state
        .db(move |conn| Ok(crate::domain::rounds::find(conn, RoundId(round_id))?.ballot_type))
        .await?;
    let choice = fields
        .choice_in(viewer.lang, BallotType::parse(&ballot_type)?)
        .map_err(|m| AppError::Unprocessable(m.into()))?;
    let result = crate::web::ballot_box::cast(
        &state,
        crate::web::ballot_box::CastRequest {
            round_id,
            account,
            code,
            district,
            choice,
            anonymous: "messages-ballots-log-vote",
        },
        now,
    )
    .await;
    match result {
        Ok(receipt) => Ok(html_status(
            StatusCode::CREATED,
            pages::receipt(
                &viewer,
                round_id,
                &receipt.tracking_code,
                (!receipt.replaces_earlier)
                    .then(|| {
                        crate::domain::feedback::new_token(
                            state.settings.secret_key.expose(),
                            RoundId(round_id),
                        )
                    })
                    .as_deref(),
            ),
        )),
        Err(AppError::Conflict(_)) if sel.voting_code.is_none() => {
            already_voted_page(&state, &viewer, round_id).await
        }
        Err(AppError::Unprocessable(message)) => {
            let ctx = context(
                &state,
                viewer.lang,
                round_id,
                &user,
                sel.voting_code.as_deref(),
                district,
            )
            .await?;
            let mut errors = FieldErrors::default();
            errors.add("ballot", capitalise(&message.text(viewer.lang)));
            Ok(html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                pages::ballot_form(&viewer, &ctx.title, &ctx.paper, &sel, &errors),
            ))
        }
        Err(e) => Err(e),
    }
}
