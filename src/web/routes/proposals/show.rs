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
        Some("commented") => Some("comments-done-commented"),
        Some("comment-edited") => Some("comments-done-edited"),
        Some("comment-deleted") => Some("comments-done-deleted"),
        Some("comment-reported") => Some("comments-done-reported"),
        Some("comment-hidden") => Some("comments-done-hidden"),
        Some("untranslated") => Some("translations-flash-removed"),
        _ => None,
    }
    .map(|key| t(viewer.lang, key));
    let conversation = Conversation {
        query: CommentQuery {
            order: query.order.clone(),
            page: query.page.clone(),
        },
        ..Conversation::default()
    };
    Ok(html(
        show_page_in(
            &state,
            &viewer,
            &user,
            id,
            notice.as_deref(),
            &FieldErrors::default(),
            &conversation,
        )
        .await?,
    ))
}
