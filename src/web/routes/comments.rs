//! Comment pages: write on a proposal's page; reply, edit, delete, report and hide on a page
//! of their own; the moderators' queue.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::Deserialize;

use crate::auth::Role;
use crate::domain::comments::{self, CommentEdit, CommentInput};
use crate::domain::ids::{CommentId, ProposalId};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::i18n::{t, Lang, Message};
use crate::views::comments::{self as pages, Action};
use crate::views::layout::Viewer;
use crate::web::extractors::{AuthUser, Authorized, CsrfForm, FormFields, PageViewer, Reviewers};
use crate::web::routes::api::comments::parse_comment_id;
use crate::web::routes::proposals::{parse_proposal_id, proposal_page_with_comment_errors};
use crate::web::routes::{html, html_status, see_other};
use crate::web::AppState;

#[derive(Deserialize, Default)]
pub struct CommentForm {
    #[serde(default)]
    body: String,
    #[serde(default)]
    reason: String,
    /// "yes" on the delete page.
    #[serde(default)]
    confirm: String,
}

impl FormFields for CommentForm {}

/// The rate limit in the reader's language.
fn in_language(lang: Lang, e: AppError) -> AppError {
    match e {
        AppError::TooManyRequests {
            retry_after_seconds,
            ..
        } => AppError::TooManyRequests {
            message: Message::new("messages-comments-slow-down")
                .with("count", comments::RATE_LIMIT)
                .with("minutes", comments::RATE_WINDOW_MINUTES)
                .text(lang),
            retry_after_seconds,
        },
        other => other,
    }
}

/// A new comment from the form on a proposal's page.
pub async fn create(
    state: web::Data<AppState>,
    user: AuthUser,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<CommentForm>,
) -> AppResult<HttpResponse> {
    let id = ProposalId(parse_proposal_id(&path)?);
    let now = state.clock.now();
    let who = user.user.clone();
    let mailing = state.mailing.clone();
    let input = CommentInput {
        body: form.body.clone(),
        parent_id: None,
    };
    match state
        .db(move |conn| comments::post(conn, &mailing, &who, id, &input, now))
        .await
    {
        Ok(comment) => Ok(see_other(format!(
            "/proposals/{}?done=commented#comment-{comment}",
            id.0
        ))),
        Err(AppError::Invalid(errors)) => Ok(html_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            proposal_page_with_comment_errors(&state, &viewer, &user, id.0, &errors, &form.body)
                .await?,
        )),
        Err(e) => Err(in_language(viewer.lang, e)),
    }
}

/// The comment and the action a page's address names; hiding is for moderators only, and
/// the page says so before anyone types a reason.
fn target(path: (String, String), user: &AuthUser) -> AppResult<(CommentId, Action)> {
    let (raw, action) = path;
    let id = parse_comment_id(&raw)?;
    let action = Action::parse(&action).ok_or_else(|| {
        AppError::NotFound(
            Message::new("messages-comments-no-comment").with("id", format!("{id}/{action}")),
        )
    })?;
    if action == Action::Hide {
        may_moderate(user)?;
    }
    Ok((id, action))
}

/// Moderators are reviewers and council.
fn may_moderate(user: &AuthUser) -> AppResult<()> {
    match user.role {
        Role::Reviewer | Role::Council => Ok(()),
        _ => Err(AppError::Forbidden(Message::new(
            "messages-comments-moderators-only",
        ))),
    }
}

async fn render(
    state: &AppState,
    viewer: &Viewer,
    user: &AuthUser,
    id: CommentId,
    action: Action,
    typed: Option<String>,
    errors: &FieldErrors,
) -> AppResult<maud::Markup> {
    let now = state.clock.now();
    let who = user.user.clone();
    let (view, proposal, title, text) = state
        .db(move |conn| {
            let (view, proposal, title) = comments::one(conn, id, Some(&who), now)?;
            let text = match (action, typed) {
                (_, Some(typed)) => typed,
                (Action::Edit, None) => comments::editable_text(conn, &who, id, now)?,
                _ => String::new(),
            };
            Ok((view, proposal, title, text))
        })
        .await?;
    Ok(pages::action_page(
        viewer, action, &view, proposal.0, &title, &text, errors,
    ))
}

/// The page for replying to, editing, deleting, reporting or hiding one comment.
pub async fn action_form(
    state: web::Data<AppState>,
    user: AuthUser,
    PageViewer(viewer): PageViewer,
    path: web::Path<(String, String)>,
) -> AppResult<HttpResponse> {
    let (id, action) = target(path.into_inner(), &user)?;
    let page = render(
        &state,
        &viewer,
        &user,
        id,
        action,
        None,
        &FieldErrors::default(),
    )
    .await?;
    Ok(html(page))
}

/// Does what the page asked; back to the comment on its proposal's page with a notice.
pub async fn act(
    state: web::Data<AppState>,
    user: AuthUser,
    PageViewer(viewer): PageViewer,
    path: web::Path<(String, String)>,
    CsrfForm(form): CsrfForm<CommentForm>,
) -> AppResult<HttpResponse> {
    let (id, action) = target(path.into_inner(), &user)?;
    if action == Action::Delete && form.confirm != "yes" {
        return Ok(see_other(format!("/comments/{id}/delete")));
    }
    let now = state.clock.now();
    let who = user.user.clone();
    let mailing = state.mailing.clone();
    let (body, reason) = (form.body.clone(), form.reason.clone());
    let result = state
        .db(move |conn| {
            let proposal = comments::proposal_of(conn, id)?;
            let (target, done) = match action {
                Action::Reply => {
                    let input = CommentInput {
                        body,
                        parent_id: Some(id.0),
                    };
                    (
                        comments::post(conn, &mailing, &who, proposal, &input, now)?,
                        "commented",
                    )
                }
                Action::Edit => {
                    comments::edit(conn, &who, id, &CommentEdit { body }, now)?;
                    (id, "comment-edited")
                }
                Action::Delete => {
                    comments::delete(conn, &who, id, now)?;
                    (id, "comment-deleted")
                }
                Action::Flag => {
                    comments::flag(conn, &who, id, &reason, now)?;
                    (id, "comment-reported")
                }
                Action::Hide => {
                    comments::hide(conn, &mailing, &who, id, &reason, now)?;
                    (id, "comment-hidden")
                }
            };
            Ok(format!(
                "/proposals/{}?done={done}#comment-{target}",
                proposal.0
            ))
        })
        .await;
    match result {
        Ok(to) => Ok(see_other(to)),
        Err(AppError::Invalid(errors)) => {
            let typed = match action {
                Action::Reply | Action::Edit => form.body,
                _ => form.reason,
            };
            let page = render(&state, &viewer, &user, id, action, Some(typed), &errors).await?;
            Ok(html_status(StatusCode::UNPROCESSABLE_ENTITY, page))
        }
        Err(e) => Err(in_language(viewer.lang, e)),
    }
}

#[derive(Deserialize)]
pub struct QueueQuery {
    done: Option<String>,
}

/// Reported comments, the longest waiting first (moderators).
pub async fn queue(
    state: web::Data<AppState>,
    _moderator: Authorized<Reviewers>,
    PageViewer(viewer): PageViewer,
    query: web::Query<QueueQuery>,
) -> AppResult<HttpResponse> {
    let items = state.db(comments::queue).await?;
    let notice = query
        .done
        .as_deref()
        .filter(|d| *d == "kept")
        .map(|_| t(viewer.lang, "comments-done-kept"));
    Ok(html(pages::queue(&viewer, &items, notice.as_deref())))
}

#[derive(Deserialize)]
pub struct Empty {}

impl FormFields for Empty {}

/// Keeps a reported comment (moderators): back to the queue.
pub async fn keep(
    state: web::Data<AppState>,
    moderator: Authorized<Reviewers>,
    path: web::Path<String>,
    _form: CsrfForm<Empty>,
) -> AppResult<HttpResponse> {
    let id = parse_comment_id(&path)?;
    let now = state.clock.now();
    let who = moderator.0.user;
    state
        .db(move |conn| comments::keep(conn, &who, id, now))
        .await?;
    Ok(see_other("/moderation/comments?done=kept".to_string()))
}
