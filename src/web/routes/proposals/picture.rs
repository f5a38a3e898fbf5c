//! A proposal's picture: the author's upload, and serving it.

use super::*;
use crate::domain::ProposalId;

/// The author uploads a picture (multipart, field `file`); its bytes must be a JPEG, PNG or
/// WebP, at most 5 MB — a bigger upload is refused before it is read to the end.
pub async fn upload_image(
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
    auth: AuthUser,
    user: MaybeUser,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    mut payload: actix_multipart::Multipart,
) -> AppResult<HttpResponse> {
    let id = parse_proposal_id(&path)?;
    let bytes =
        crate::web::extractors::csrf_upload(&req, &state, &mut payload, proposals::MAX_IMAGE_BYTES)
            .await?;
    let now = state.clock.now();
    let account = auth.user.clone();
    proposal_action(
        &state,
        &viewer,
        &user,
        id,
        move |conn| proposals::set_image(conn, &account, ProposalId(id), &bytes, now),
        "image",
    )
    .await
}

/// A proposal's picture, with its sniffed type; never interpreted as anything else.
pub async fn image(
    state: web::Data<AppState>,
    user: MaybeUser,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let id = parse_proposal_id(&path)?;
    let staff = user
        .0
        .as_ref()
        .is_some_and(|u| matches!(u.role, Role::Reviewer | Role::Council));
    let found = state
        .db(move |conn| proposals::picture(conn, ProposalId(id), staff))
        .await?;
    let Some((content_type, bytes)) = found else {
        return Err(AppError::NotFound(Message::new(
            "messages-proposals-proposal-picture",
        )));
    };
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header(("X-Content-Type-Options", "nosniff"))
        .insert_header(("Content-Security-Policy", "default-src 'none'; sandbox"))
        .insert_header(("Content-Disposition", "inline; filename=\"proposal.img\""))
        // Never in a shared cache: a picture hidden by moderators must vanish at once.
        .insert_header(("Cache-Control", "private, max-age=60"))
        .body(bytes))
}
