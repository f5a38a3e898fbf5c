//! The author edits or withdraws their proposal.

use super::*;
use crate::domain::ProposalId;

/// The proposal, when the viewer wrote it: only the author's own text fills their forms (a
/// hidden proposal's text stays hidden from everyone else).
async fn own_proposal(
    state: &AppState,
    user: &AuthUser,
    lang: Lang,
    id: i64,
) -> AppResult<proposals::ProposalView> {
    let view = state
        .db(move |conn| proposals::view(conn, ProposalId(id)))
        .await?;
    if view.author_id != Some(user.id()) {
        return Err(AppError::Forbidden(
            t(lang, "proposals-error-not-author").into(),
        ));
    }
    Ok(view)
}

pub async fn edit_form(
    state: web::Data<AppState>,
    user: AuthUser,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let id = parse_proposal_id(&path)?;
    let view = own_proposal(&state, &user, viewer.lang, id).await?;
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
        point: view.point.map(|p| p.to_string()).unwrap_or_default(),
        place: String::new(),
    };
    Ok(html(
        form_page(
            &state,
            &viewer,
            &round,
            &format!("/proposals/{id}/edit"),
            &values,
            &FieldErrors::default(),
            &t(viewer.lang, "proposals-edit-title"),
        )
        .await?,
    ))
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
        .db(move |conn| proposals::edit(conn, &author, ProposalId(id), &sent, now))
        .await
    {
        Ok(()) => Ok(see_other(format!("/proposals/{id}?done=saved"))),
        Err(AppError::Invalid(errors)) => {
            let round_id = state
                .db(move |conn| Ok(proposals::view(conn, ProposalId(id))?.round_id))
                .await?;
            let round = round_detail(&state, round_id, viewer.lang).await?;
            Ok(html_status(
                actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
                form_page(
                    &state,
                    &viewer,
                    &round,
                    &format!("/proposals/{id}/edit"),
                    &input,
                    &errors,
                    &t(viewer.lang, "proposals-edit-title"),
                )
                .await?,
            ))
        }
        Err(e) => Err(e),
    }
}

/// "Withdraw this proposal?": a withdrawal cannot be undone, so it is asked once more, on a
/// page of its own (no script needed).
pub async fn confirm_withdraw(
    state: web::Data<AppState>,
    user: AuthUser,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let id = parse_proposal_id(&path)?;
    let view = own_proposal(&state, &user, viewer.lang, id).await?;
    Ok(html(pages::confirm_withdraw(&viewer, id, &view.title)))
}

#[derive(Deserialize)]
pub struct WithdrawForm {
    #[serde(default)]
    confirm: String,
}

impl FormFields for WithdrawForm {}

pub async fn withdraw(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<WithdrawForm>,
) -> AppResult<HttpResponse> {
    let id = parse_proposal_id(&path)?;
    if form.confirm != "yes" {
        return Ok(see_other(format!("/proposals/{id}/withdraw")));
    }
    let now = state.clock.now();
    let author = user.user.clone();
    let mailing = state.mailing.clone();
    state
        .db(move |conn| proposals::withdraw(conn, &mailing, &author, ProposalId(id), now))
        .await?;
    Ok(see_other(format!("/proposals/{id}?done=withdrawn")))
}
