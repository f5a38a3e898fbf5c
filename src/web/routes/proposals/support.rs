//! Residents support a proposal, or take it back.

use super::*;
use crate::domain::ProposalId;

pub async fn support(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> AppResult<HttpResponse> {
    let id = parse_proposal_id(&path)?;
    let now = state.clock.now();
    let account = user.user.clone();
    state
        .db(move |conn| proposals::support(conn, &account, ProposalId(id), now))
        .await?;
    Ok(see_other(format!("/proposals/{id}?done=supported")))
}

pub async fn unsupport(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> AppResult<HttpResponse> {
    let id = parse_proposal_id(&path)?;
    let now = state.clock.now();
    let account = user.user.clone();
    state
        .db(move |conn| proposals::unsupport(conn, &account, ProposalId(id), now))
        .await?;
    Ok(see_other(format!("/proposals/{id}?done=unsupported")))
}
