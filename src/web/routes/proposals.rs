//! Proposal pages: list and search, submit, show, edit, withdraw, review.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use serde::Deserialize;

use crate::auth::Role;
use crate::domain::proposals::{self, ListQuery, ProposalInput, ReviewInput};
use crate::domain::rounds::{self, Phase, RoundDetail};
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

/// The round, its title and projects in the reader's language where the council translated
/// them.
async fn round_detail(state: &AppState, id: i64, lang: Lang) -> AppResult<RoundDetail> {
    let now = state.clock.now();
    state
        .db(move |conn| translations::round_detail(conn, RoundId(id), now, lang))
        .await
        .map(|(detail, _)| detail)
}

pub async fn list(
    state: web::Data<AppState>,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    query: web::Query<ListQuery>,
) -> AppResult<HttpResponse> {
    let id = parse_round_id(&path)?.0;
    let round = round_detail(&state, id, viewer.lang).await?;
    let query = query.into_inner();
    let filters = query.clone();
    let lang = viewer.lang;
    let listed = state
        .db(move |conn| {
            let mut page = proposals::list(conn, id, &filters)?;
            let translated = translations::of_round(conn, id, lang)?;
            for item in &mut page.items {
                if let Some((title, _)) = translated.proposal(item.id) {
                    item.title = title.to_string();
                }
            }
            Ok(page)
        })
        .await;
    let can_submit = round.summary.phase == Phase::Proposals;
    match listed {
        Ok(page) => Ok(html(pages::list(
            &viewer,
            &round,
            Some(&page),
            &query,
            &FieldErrors::default(),
            can_submit,
        ))),
        Err(AppError::Invalid(errors)) => Ok(html_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            pages::list(&viewer, &round, None, &query, &errors, can_submit),
        )),
        Err(e) => Err(e),
    }
}

impl FormFields for ProposalInput {}

pub async fn new_form(
    state: web::Data<AppState>,
    _user: AuthUser,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let id = parse_round_id(&path)?.0;
    let round = round_detail(&state, id, viewer.lang).await?;
    Ok(html(pages::form(
        &viewer,
        &round,
        &format!("/rounds/{id}/proposals/new"),
        &ProposalInput::default(),
        &FieldErrors::default(),
        &t(viewer.lang, "proposals-new"),
    )))
}

pub async fn create(
    state: web::Data<AppState>,
    user: AuthUser,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    CsrfForm(input): CsrfForm<ProposalInput>,
) -> AppResult<HttpResponse> {
    let id = parse_round_id(&path)?.0;
    let now = state.clock.now();
    let author = user.user.clone();
    let sent = input.clone();
    match state
        .db(move |conn| proposals::submit(conn, &author, id, &sent, now))
        .await
    {
        Ok(pid) => Ok(see_other(format!("/proposals/{pid}?done=submitted"))),
        Err(AppError::Invalid(errors)) => {
            let round = round_detail(&state, id, viewer.lang).await?;
            Ok(html_status(
                actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
                pages::form(
                    &viewer,
                    &round,
                    &format!("/rounds/{id}/proposals/new"),
                    &input,
                    &errors,
                    &t(viewer.lang, "proposals-new"),
                ),
            ))
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
}

async fn show_page(
    state: &AppState,
    viewer: &crate::views::layout::Viewer,
    user: &MaybeUser,
    id: i64,
    notice: Option<&str>,
    errors: &FieldErrors,
) -> AppResult<maud::Markup> {
    let viewer_id = user.0.as_ref().map(|u| u.id());
    let council = user.0.as_ref().is_some_and(|u| u.role == Role::Council);
    let lang = viewer.lang;
    let (view, rules, supports_it, following, translated, existing) = state
        .db(move |conn| {
            let view = proposals::view(conn, id)?;
            let rules = crate::domain::round_config::proposal_rules(conn, view.round_id)?;
            let supports_it = match viewer_id {
                Some(u) => crate::db::models::proposal_support::has(conn, id, u)?,
                None => false,
            };
            let following = viewer_id
                .map(|u| crate::domain::notifications::is_following(conn, id, u))
                .transpose()?;
            let translated = translations::of_round(conn, view.round_id, lang)?;
            let existing = if council {
                translations::of_text(conn, view.round_id, Some(id))?
            } else {
                Default::default()
            };
            Ok((view, rules, supports_it, following, translated, existing))
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
    let can_edit = view.status != "withdrawn"
        && view.merged_into.is_none()
        && (round.summary.phase == Phase::Proposals
            || (round.summary.phase == Phase::Review && view.status == "submitted" && asked));
    let can_support = rules.supports
        && viewer_id.is_some()
        && !is_author
        && round.summary.phase == Phase::Proposals
        && view.status != "withdrawn";
    let can_review = round.summary.phase == Phase::Review
        && view.merged_into.is_none()
        && view.status != "withdrawn"
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
    ))
}

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

pub async fn edit_form(
    state: web::Data<AppState>,
    user: AuthUser,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let id = parse_proposal_id(&path)?;
    let view = state.db(move |conn| proposals::view(conn, id)).await?;
    // Only the author's own text fills this form (a hidden proposal's text stays hidden).
    if view.author_id != Some(user.id()) {
        return Err(AppError::Forbidden(
            t(viewer.lang, "proposals-error-not-author").into(),
        ));
    }
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
    };
    Ok(html(pages::form(
        &viewer,
        &round,
        &format!("/proposals/{id}/edit"),
        &values,
        &FieldErrors::default(),
        &t(viewer.lang, "proposals-edit-title"),
    )))
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
        .db(move |conn| proposals::edit(conn, &author, id, &sent, now))
        .await
    {
        Ok(()) => Ok(see_other(format!("/proposals/{id}?done=saved"))),
        Err(AppError::Invalid(errors)) => {
            let round_id = state
                .db(move |conn| Ok(proposals::view(conn, id)?.round_id))
                .await?;
            let round = round_detail(&state, round_id, viewer.lang).await?;
            Ok(html_status(
                actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
                pages::form(
                    &viewer,
                    &round,
                    &format!("/proposals/{id}/edit"),
                    &input,
                    &errors,
                    &t(viewer.lang, "proposals-edit-title"),
                ),
            ))
        }
        Err(e) => Err(e),
    }
}

pub async fn withdraw(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
    _form: CsrfForm<crate::web::routes::accounts::Empty>,
) -> AppResult<HttpResponse> {
    let id = parse_proposal_id(&path)?;
    let now = state.clock.now();
    let author = user.user.clone();
    let mailing = state.mailing.clone();
    state
        .db(move |conn| proposals::withdraw(conn, &mailing, &author, id, now))
        .await?;
    Ok(see_other(format!("/proposals/{id}?done=withdrawn")))
}

#[derive(Deserialize)]
pub struct ReviewForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    validated_cost: String,
    #[serde(default)]
    reason: String,
}
impl FormFields for ReviewForm {}

pub async fn review(
    state: web::Data<AppState>,
    reviewer: crate::web::extractors::Authorized<crate::web::extractors::Reviewers>,
    user: MaybeUser,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<ReviewForm>,
) -> AppResult<HttpResponse> {
    let id = parse_proposal_id(&path)?;
    let now = state.clock.now();
    let reviewer_id = reviewer.0.id();
    let input = ReviewInput {
        decision: form.decision,
        validated_cost: form.validated_cost,
        reason: form.reason,
    };
    let mailing = state.mailing.clone();
    match state
        .db(move |conn| proposals::review(conn, &mailing, reviewer_id, id, &input, now))
        .await
    {
        Ok(()) => Ok(see_other(format!("/proposals/{id}?done=reviewed"))),
        Err(AppError::Invalid(errors)) => Ok(html_status(
            actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
            show_page(&state, &viewer, &user, id, None, &errors).await?,
        )),
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
pub struct NoFields {}
impl FormFields for NoFields {}

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
        .db(move |conn| proposals::support(conn, &account, id, now))
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
        .db(move |conn| proposals::unsupport(conn, &account, id, now))
        .await?;
    Ok(see_other(format!("/proposals/{id}?done=unsupported")))
}

#[derive(Deserialize)]
pub struct ReasonForm {
    reason: String,
}
impl FormFields for ReasonForm {}

#[derive(Deserialize)]
pub struct ModerationForm {
    /// `hide` or `show`.
    action: String,
    moderation_reason: String,
}
impl FormFields for ModerationForm {}

#[derive(Deserialize)]
pub struct ChangesForm {
    change_reason: String,
}
impl FormFields for ChangesForm {}

pub async fn flag(
    state: web::Data<AppState>,
    auth: AuthUser,
    user: MaybeUser,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<ReasonForm>,
) -> AppResult<HttpResponse> {
    let id = parse_proposal_id(&path)?;
    let now = state.clock.now();
    let account = auth.user.clone();
    proposal_action(
        &state,
        &viewer,
        &user,
        id,
        move |conn| proposals::flag(conn, &account, id, &form.reason, now),
        "flagged",
    )
    .await
}

pub async fn moderate(
    state: web::Data<AppState>,
    moderator: crate::web::extractors::Authorized<crate::web::extractors::Reviewers>,
    user: MaybeUser,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<ModerationForm>,
) -> AppResult<HttpResponse> {
    let id = parse_proposal_id(&path)?;
    let now = state.clock.now();
    let moderator_id = moderator.0.id();
    let hide = match form.action.as_str() {
        "hide" => true,
        "show" => false,
        _ => {
            return Err(AppError::BadRequest(
                t(viewer.lang, "proposals-error-hide-or-show").into(),
            ))
        }
    };
    let mailing = state.mailing.clone();
    proposal_action(
        &state,
        &viewer,
        &user,
        id,
        move |conn| {
            proposals::moderate(
                conn,
                &mailing,
                moderator_id,
                id,
                hide,
                &form.moderation_reason,
                now,
            )
        },
        if hide { "hidden" } else { "shown" },
    )
    .await
}

/// Reports waiting for the moderators of a round (reviewers and council).
pub async fn flags(
    state: web::Data<AppState>,
    _moderator: crate::web::extractors::Authorized<crate::web::extractors::Reviewers>,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let round_id = parse_round_id(&path)?.0;
    let (title, flagged, hidden) = state
        .db(move |conn| {
            let title = rounds::find(conn, round_id)?.title;
            let flagged = crate::db::models::moderation::flagged_in_round(conn, round_id)?;
            let hidden = crate::db::models::moderation::hidden_in_round(conn, round_id)?;
            Ok((title, flagged, hidden))
        })
        .await?;
    Ok(html(pages::flags(
        &viewer, round_id, &title, &flagged, &hidden,
    )))
}

#[derive(Deserialize)]
pub struct MergeForm {
    into: String,
    merge_reason: String,
}
impl FormFields for MergeForm {}

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

pub async fn merge(
    state: web::Data<AppState>,
    reviewer: crate::web::extractors::Authorized<crate::web::extractors::Reviewers>,
    user: MaybeUser,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<MergeForm>,
) -> AppResult<HttpResponse> {
    let id = parse_proposal_id(&path)?;
    let now = state.clock.now();
    let reviewer_id = reviewer.0.id();
    let into = form
        .into
        .trim()
        .trim_start_matches('#')
        .parse::<i64>()
        .unwrap_or(0);
    let mailing = state.mailing.clone();
    proposal_action(
        &state,
        &viewer,
        &user,
        id,
        move |conn| {
            proposals::merge(
                conn,
                &mailing,
                reviewer_id,
                id,
                into,
                &form.merge_reason,
                now,
            )
        },
        "merged",
    )
    .await
}

pub async fn request_changes(
    state: web::Data<AppState>,
    reviewer: crate::web::extractors::Authorized<crate::web::extractors::Reviewers>,
    user: MaybeUser,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<ChangesForm>,
) -> AppResult<HttpResponse> {
    let id = parse_proposal_id(&path)?;
    let now = state.clock.now();
    let reviewer_id = reviewer.0.id();
    let mailing = state.mailing.clone();
    proposal_action(
        &state,
        &viewer,
        &user,
        id,
        move |conn| {
            proposals::request_changes(conn, &mailing, reviewer_id, id, &form.change_reason, now)
        },
        "changes",
    )
    .await
}

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
        move |conn| proposals::set_image(conn, &account, id, &bytes, now),
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
        .db(move |conn| {
            let hidden = crate::db::models::moderation::state(conn, id)?.is_some_and(|(h, _)| h);
            if hidden && !staff {
                return Ok(None);
            }
            Ok(crate::db::models::proposal_image::find(conn, id)?)
        })
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
