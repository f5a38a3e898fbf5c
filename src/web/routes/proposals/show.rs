//! A proposal's page.

use super::*;

pub async fn show(
    state: web::Data<AppState>,
    user: MaybeUser,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    query: web::Query<DoneQuery>,
) -> AppResult<HttpResponse> {
    let id = parse_proposal_id(&path)?;
    let notice = match query.done.as_deref() {
        Some("submitted") => Some("proposals-done-submitted"),
        Some("saved") => Some("proposals-done-saved"),
        Some("withdrawn") => Some("proposals-done-withdrawn"),
        Some("reviewed") => Some("proposals-done-reviewed"),
        Some("supported") => Some("proposals-done-supported"),
        Some("unsupported") => Some("proposals-done-unsupported"),
        Some("flagged") => Some("proposals-done-flagged"),
        Some("hidden") => Some("proposals-done-hidden"),
        Some("shown") => Some("proposals-done-shown"),
        Some("merged") => Some("proposals-done-merged"),
        Some("changes") => Some("proposals-done-changes"),
        Some("image") => Some("proposals-done-image"),
        Some("translated") => Some("translations-flash-saved"),
        Some("untranslated") => Some("translations-flash-removed"),
        _ => None,
    }
    .map(|key| t(viewer.lang, key));
    Ok(html(
        show_page(
            &state,
            &viewer,
            &user,
            id,
            notice.as_deref(),
            &FieldErrors::default(),
        )
        .await?,
    ))
}
