//! Proposal pages: list and search, submit, show, edit, withdraw, review.

mod edit;
mod list;
mod map;
mod moderation;
mod picture;
mod review;
mod show;
mod submit;
mod support;

pub use edit::*;
pub use list::*;
pub use map::*;
pub use moderation::*;
pub use picture::*;
pub use review::*;
pub use show::*;
pub use submit::*;
pub use support::*;

use crate::domain::comments::CommentQuery;
use crate::domain::ProposalId;
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::Deserialize;

use crate::auth::Role;
use crate::domain::proposals::{self, ListQuery, ProposalInput, ReviewInput};
use crate::domain::rounds::{Phase, Projects, RoundDetail};
use crate::domain::status::ProposalStatus;
use crate::domain::{translations, RoundId};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::i18n::{t, Lang, Message};
use crate::views::proposals as pages;
use crate::web::extractors::{AuthUser, CsrfForm, FormFields, MaybeUser, PageViewer};
use crate::web::routes::rounds::parse_round_id;
use crate::web::routes::{html, html_status, see_other};
use crate::web::AppState;

pub fn parse_proposal_id(raw: &str) -> AppResult<i64> {
    raw.parse()
        .ok()
        .filter(|id: &i64| *id > 0)
        .ok_or_else(|| AppError::NotFound(Message::new("messages-no-proposal").with("id", raw)))
}

/// The round and its title in the reader's language where the council translated it, without
/// its proposals (pages that list them read one page at a time).
async fn round_detail(state: &AppState, id: i64, lang: Lang) -> AppResult<RoundDetail> {
    round_with(state, id, lang, Projects::Omitted).await
}

/// The round with the proposals `wanted`, translated where the council translated them.
async fn round_with(
    state: &AppState,
    id: i64,
    lang: Lang,
    wanted: Projects,
) -> AppResult<RoundDetail> {
    let now = state.clock.now();
    state
        .db(move |conn| translations::round_detail(conn, RoundId(id), now, lang, wanted))
        .await
        .map(|(detail, _)| detail)
}

#[derive(Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
    #[serde(default)]
    order: Option<String>,
    #[serde(default)]
    page: Option<String>,
}

/// Where the reader is in the conversation, and what they typed into its form.
#[derive(Default)]
pub struct Conversation {
    pub query: CommentQuery,
    pub errors: FieldErrors,
    pub typed: String,
}

/// A proposal's page whose comment form was refused: the errors next to the field, the text
/// kept.
pub async fn proposal_page_with_comment_errors(
    state: &AppState,
    viewer: &crate::views::layout::Viewer,
    user: &AuthUser,
    id: i64,
    errors: &FieldErrors,
    typed: &str,
) -> AppResult<maud::Markup> {
    let conversation = Conversation {
        query: CommentQuery::default(),
        errors: errors.clone(),
        typed: typed.to_string(),
    };
    let user = MaybeUser(Some(user.clone()));
    show_page_in(
        state,
        viewer,
        &user,
        id,
        None,
        &FieldErrors::default(),
        &conversation,
    )
    .await
}

async fn show_page(
    state: &AppState,
    viewer: &crate::views::layout::Viewer,
    user: &MaybeUser,
    id: i64,
    notice: Option<&str>,
    errors: &FieldErrors,
) -> AppResult<maud::Markup> {
    show_page_in(
        state,
        viewer,
        user,
        id,
        notice,
        errors,
        &Conversation::default(),
    )
    .await
}

async fn show_page_in(
    state: &AppState,
    viewer: &crate::views::layout::Viewer,
    user: &MaybeUser,
    id: i64,
    notice: Option<&str>,
    errors: &FieldErrors,
    conversation: &Conversation,
) -> AppResult<maud::Markup> {
    let viewer_id = user.0.as_ref().map(|u| u.id());
    let council = user.0.as_ref().is_some_and(|u| u.role == Role::Council);
    let lang = viewer.lang;
    let reader = user.0.as_ref().map(|u| u.user.clone());
    let (order, page) = conversation.query.read();
    let now = state.clock.now();
    let (view, rules, supports_it, following, translated, existing, talk) = state
        .db(move |conn| {
            let talk = crate::domain::comments::page(
                conn,
                ProposalId(id),
                reader.as_ref(),
                order,
                page,
                now,
                lang,
            )?;
            let view = proposals::view(conn, ProposalId(id))?;
            let rules = crate::domain::round_config::proposal_rules(conn, RoundId(view.round_id))?;
            let supports_it = match viewer_id {
                Some(u) => proposals::supports(conn, ProposalId(id), u)?,
                None => false,
            };
            let following = viewer_id
                .map(|u| crate::domain::notifications::is_following(conn, ProposalId(id), u))
                .transpose()?;
            let translated = translations::of_round(conn, RoundId(view.round_id), lang)?;
            let existing = if council {
                translations::of_text(conn, RoundId(view.round_id), Some(id))?
            } else {
                Default::default()
            };
            Ok((
                view,
                rules,
                supports_it,
                following,
                translated,
                existing,
                talk,
            ))
        })
        .await?;
    let round = round_detail(state, view.round_id, viewer.lang).await?;
    let staff = user
        .0
        .as_ref()
        .is_some_and(|u| matches!(u.role, Role::Reviewer | Role::Council));
    let mut view = if staff { view } else { view.redacted() };
    // Reviewers and council read the author's own words; their form lists the translations.
    let is_translated = !staff
        && view.hidden_reason.is_none()
        && translated.apply(Some(id), &mut view.title, &mut view.description);
    let is_author = viewer_id.is_some() && viewer_id == view.author_id;
    let asked = view.change_requests.iter().any(|r| r.answered_at.is_none());
    let can_edit = view.status != ProposalStatus::Withdrawn
        && view.merged_into.is_none()
        && (round.summary.phase == Phase::Proposals
            || (round.summary.phase == Phase::Review
                && view.status == ProposalStatus::Submitted
                && asked));
    let can_support = rules.supports
        && viewer_id.is_some()
        && !is_author
        && round.summary.phase == Phase::Proposals
        && view.status != ProposalStatus::Withdrawn;
    let can_review = round.summary.phase == Phase::Review
        && view.merged_into.is_none()
        && view.status != ProposalStatus::Withdrawn
        && user
            .0
            .as_ref()
            .is_some_and(|u| matches!(u.role, Role::Reviewer | Role::Council));
    Ok(pages::show(
        viewer,
        &round,
        &view,
        &pages::Abilities {
            is_author,
            can_edit,
            can_review,
            can_support,
            supports_it,
            can_flag: viewer_id.is_some() && !staff,
            can_moderate: staff,
            supports_on: rules.supports,
            translated: is_translated,
            can_translate: council,
            following,
        },
        &existing,
        notice,
        errors,
        &crate::views::comments::section(
            viewer,
            crate::domain::utc::zone_or_utc(&round.summary.time_zone),
            &talk,
            staff,
            &conversation.errors,
            &conversation.typed,
        ),
    ))
}

#[derive(Deserialize)]
pub struct NoFields {}

impl FormFields for NoFields {}

/// A form posted about one proposal: on success back to its page with a notice; on a field
/// error its page again with the errors next to the fields.
async fn proposal_action(
    state: &AppState,
    viewer: &crate::views::layout::Viewer,
    user: &MaybeUser,
    id: i64,
    action: impl FnOnce(&mut crate::db::DbConnection) -> AppResult<()> + Send + 'static,
    done: &str,
) -> AppResult<HttpResponse> {
    match state.db(action).await {
        Ok(()) => Ok(see_other(format!("/proposals/{id}?done={done}"))),
        Err(AppError::Invalid(errors)) => Ok(html_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            show_page(state, viewer, user, id, None, &errors).await?,
        )),
        Err(e) => Err(e),
    }
}
