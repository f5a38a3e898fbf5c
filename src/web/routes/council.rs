//! Council pages for rounds: create, configure (frozen once voting opens), advance phases,
//! issue voting codes.

use crate::domain::RoundId;
use actix_web::http::header;
use actix_web::{web, HttpResponse};
use serde::Deserialize;

use crate::domain::round_config::{self, RoundInput};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::i18n::{t, t_count, t_with};
use crate::views::council::{self as pages, ManagePage};
use crate::web::extractors::{Authorized, CouncilOnly, CsrfForm, FormFields, PageViewer};
use crate::web::routes::rounds::parse_round_id;
use crate::web::routes::{html, html_status};
use crate::web::AppState;

pub async fn list(
    state: web::Data<AppState>,
    _c: Authorized<CouncilOnly>,
    PageViewer(viewer): PageViewer,
) -> AppResult<HttpResponse> {
    let now = state.clock.now();
    let rows = state
        .db(move |conn| crate::domain::rounds::list(conn, now))
        .await?;
    Ok(html(pages::rounds(&viewer, &rows)))
}

pub async fn new_form(
    state: web::Data<AppState>,
    _c: Authorized<CouncilOnly>,
    PageViewer(viewer): PageViewer,
) -> AppResult<HttpResponse> {
    let now = state.clock.now();
    let day = chrono::Duration::days(1);
    let t = |d: chrono::NaiveDateTime| d.format("%Y-%m-%dT09:00").to_string();
    let values = RoundInput {
        currency: "EUR".into(),
        ballot_type: "approval".into(),
        min_choices: "1".into(),
        rule: "greedy".into(),
        residence: "self-declared".into(),
        revote_policy: "final".into(),
        time_zone: "UTC".into(),
        proposals_open_at: t(now + day * 7),
        review_at: t(now + day * 37),
        voting_open_at: t(now + day * 60),
        voting_close_at: t(now + day * 74),
        ..RoundInput::default()
    };
    Ok(html(pages::new_round(
        &viewer,
        &values,
        &FieldErrors::default(),
    )))
}

impl FormFields for RoundInput {
    const AMOUNTS: &'static [&'static str] = &["total_budget", "citywide_budget"];
    const AMOUNT_LINES: &'static [&'static str] = &["districts"];
}

pub async fn create(
    state: web::Data<AppState>,
    council: Authorized<CouncilOnly>,
    PageViewer(viewer): PageViewer,
    CsrfForm(input): CsrfForm<RoundInput>,
) -> AppResult<HttpResponse> {
    let config = match input.parse() {
        Ok(config) => config,
        Err(errors) => {
            return Ok(html_status(
                actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
                pages::new_round(&viewer, &input, &errors),
            ))
        }
    };
    let now = state.clock.now();
    let actor = council.0.id();
    let id = state
        .db(move |conn| round_config::create(conn, actor, &config, now))
        .await?;
    Ok(HttpResponse::SeeOther()
        .insert_header((
            header::LOCATION,
            format!("/council/rounds/{id}?done=created"),
        ))
        .finish())
}

async fn manage_page(
    state: &AppState,
    viewer: &crate::views::layout::Viewer,
    round_id: i64,
    values: Option<RoundInput>,
    errors: &FieldErrors,
    notice: Option<&str>,
) -> AppResult<maud::Markup> {
    let now = state.clock.now();
    let (round, stored, translations) = state
        .db(move |conn| {
            Ok((
                crate::domain::rounds::council_view(conn, RoundId(round_id), now)?,
                round_config::current_input(conn, RoundId(round_id))?,
                crate::domain::translations::of_text(conn, RoundId(round_id), None)?,
            ))
        })
        .await?;
    Ok(pages::manage(
        viewer,
        ManagePage {
            round: &round,
            values: &values.unwrap_or(stored),
            errors,
            notice,
            translations: &translations,
        },
    ))
}

#[derive(Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
}

pub async fn manage(
    state: web::Data<AppState>,
    _c: Authorized<CouncilOnly>,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    query: web::Query<DoneQuery>,
) -> AppResult<HttpResponse> {
    let id = parse_round_id(&path)?.0;
    let notice = match query.done.as_deref() {
        Some("created") => Some("council-done-created"),
        Some("saved") => Some("council-done-saved"),
        Some("advanced") => Some("council-done-advanced"),
        Some("translated") => Some("translations-flash-saved"),
        Some("untranslated") => Some("translations-flash-removed"),
        _ => None,
    }
    .map(|key| t(viewer.lang, key));
    Ok(html(
        manage_page(
            &state,
            &viewer,
            id,
            None,
            &FieldErrors::default(),
            notice.as_deref(),
        )
        .await?,
    ))
}

pub async fn update(
    state: web::Data<AppState>,
    council: Authorized<CouncilOnly>,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    CsrfForm(input): CsrfForm<RoundInput>,
) -> AppResult<HttpResponse> {
    let id = parse_round_id(&path)?.0;
    let config = match input.parse() {
        Ok(config) => config,
        Err(errors) => {
            return Ok(html_status(
                actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
                manage_page(&state, &viewer, id, Some(input), &errors, None).await?,
            ))
        }
    };
    let now = state.clock.now();
    let actor = council.0.id();
    let reason = input.reason.clone();
    match state
        .db(move |conn| round_config::update(conn, actor, RoundId(id), &config, &reason, now))
        .await
    {
        Ok(_) => Ok(HttpResponse::SeeOther()
            .insert_header((header::LOCATION, format!("/council/rounds/{id}?done=saved")))
            .finish()),
        Err(AppError::Invalid(errors)) => Ok(html_status(
            actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
            manage_page(&state, &viewer, id, Some(input), &errors, None).await?,
        )),
        Err(AppError::Conflict(message)) => {
            let mut errors = FieldErrors::default();
            errors.add("voting_close_at", message);
            let page = manage_page(&state, &viewer, id, None, &errors, None).await?;
            Ok(HttpResponse::Conflict()
                .content_type("text/html; charset=utf-8")
                .body(page.into_string()))
        }
        Err(other) => Err(other),
    }
}

#[derive(Deserialize)]
pub struct ReasonForm {
    /// Named apart from the settings form's `reason`: both forms share the manage page.
    #[serde(rename = "advance_reason")]
    reason: String,
}
impl FormFields for ReasonForm {}

pub async fn advance(
    state: web::Data<AppState>,
    council: Authorized<CouncilOnly>,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<ReasonForm>,
) -> AppResult<HttpResponse> {
    let id = parse_round_id(&path)?.0;
    let now = state.clock.now();
    let actor = council.0.id();
    state
        .db(move |conn| round_config::advance(conn, actor, RoundId(id), &form.reason, now))
        .await?;
    Ok(HttpResponse::SeeOther()
        .insert_header((
            header::LOCATION,
            format!("/council/rounds/{id}?done=advanced"),
        ))
        .finish())
}

#[derive(Deserialize)]
pub struct CodesForm {
    count: String,
    district: Option<String>,
}
impl FormFields for CodesForm {}

pub async fn codes(
    state: web::Data<AppState>,
    council: Authorized<CouncilOnly>,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<CodesForm>,
) -> AppResult<HttpResponse> {
    let id = parse_round_id(&path)?.0;
    let count: usize =
        form.count.trim().parse().map_err(|_| {
            AppError::Unprocessable(t(viewer.lang, "council-error-codes-count").into())
        })?;
    let district = form
        .district
        .filter(|d| !d.trim().is_empty())
        .map(|d| d.trim().to_string());
    let now = state.clock.now();
    let actor = council.0.id();
    let (row, list, district_name) = state
        .db(move |conn| {
            let list = crate::domain::voting_codes::generate_codes(
                conn,
                Some(actor),
                RoundId(id),
                count,
                district.as_deref(),
                now,
            )?;
            let district_name = crate::domain::districts::of_round(conn, RoundId(id))?
                .into_iter()
                .find(|d| Some(d.slug.as_str()) == district.as_deref())
                .map(|d| d.name);
            Ok((
                crate::domain::rounds::summary_of(conn, RoundId(id), now)?,
                list,
                district_name,
            ))
        })
        .await?;
    let address = state.mailing.link(&format!("/rounds/{id}/vote"));
    Ok(html(pages::code_sheet(
        &viewer,
        &row,
        &list,
        district_name.as_deref(),
        &address,
    )))
}

/// The text of an uploaded census file (CSRF-checked, size-capped, UTF-8).
async fn census_upload(
    req: &actix_web::HttpRequest,
    state: &AppState,
    lang: crate::i18n::Lang,
    payload: &mut actix_multipart::Multipart,
) -> AppResult<String> {
    let bytes = crate::web::extractors::csrf_upload(
        req,
        state,
        payload,
        crate::web::routes::api::round_admin::MAX_CENSUS_BYTES,
    )
    .await?;
    String::from_utf8(bytes)
        .map_err(|_| AppError::Unprocessable(t(lang, "council-error-census-utf8").into()))
}

/// Issues one code per person of an uploaded census file; answers with the mailing list (CSV).
pub async fn codes_from_census(
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
    council: Authorized<CouncilOnly>,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    mut payload: actix_multipart::Multipart,
) -> AppResult<HttpResponse> {
    let id = parse_round_id(&path)?.0;
    let text = census_upload(&req, &state, viewer.lang, &mut payload).await?;
    let now = state.clock.now();
    let actor = council.0.id();
    let secret = state.settings.secret_key.clone();
    let list = state
        .db(move |conn| {
            crate::domain::voting_codes::generate_from_census(
                conn,
                secret.expose(),
                Some(actor),
                RoundId(id),
                &text,
                now,
            )
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"voting-codes.csv\"",
        ))
        .body(list.to_csv()?))
}

/// Replaces the census list from an uploaded CSV file.
pub async fn census(
    req: actix_web::HttpRequest,
    state: web::Data<AppState>,
    council: Authorized<CouncilOnly>,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    mut payload: actix_multipart::Multipart,
) -> AppResult<HttpResponse> {
    let id = parse_round_id(&path)?.0;
    let text = census_upload(&req, &state, viewer.lang, &mut payload).await?;
    let now = state.clock.now();
    let actor = council.0.id();
    let secret = state.settings.secret_key.clone();
    match state
        .db(move |conn| {
            crate::domain::census::import_census(
                conn,
                secret.expose(),
                Some(actor),
                RoundId(id),
                &text,
                now,
            )
        })
        .await
    {
        Ok(summary) => {
            let lang = viewer.lang;
            let notice = t_count(
                lang,
                "council-census-replaced",
                summary.rows as i64,
                &[
                    ("rows", &lang.number(summary.rows as i64)),
                    ("added", &lang.number(summary.added as i64)),
                    ("removed", &lang.number(summary.removed as i64)),
                    ("unchanged", &lang.number(summary.unchanged as i64)),
                ],
            );
            Ok(html(
                manage_page(
                    &state,
                    &viewer,
                    id,
                    None,
                    &FieldErrors::default(),
                    Some(&notice),
                )
                .await?,
            ))
        }
        Err(AppError::Unprocessable(message) | AppError::Conflict(message)) => {
            let mut errors = FieldErrors::default();
            errors.add(
                "file",
                t_with(
                    viewer.lang,
                    "council-census-nothing",
                    &[("message", &message.text(viewer.lang))],
                ),
            );
            Ok(html_status(
                actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
                manage_page(&state, &viewer, id, None, &errors, None).await?,
            ))
        }
        Err(other) => Err(other),
    }
}

pub async fn count(
    state: web::Data<AppState>,
    _council: Authorized<CouncilOnly>,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    _form: CsrfForm<crate::web::routes::accounts::Empty>,
) -> AppResult<HttpResponse> {
    let id = parse_round_id(&path)?.0;
    let now = state.clock.now();
    let secret = state.settings.secret_key.clone();
    match state
        .db(move |conn| {
            let started = std::time::Instant::now();
            let counted =
                crate::domain::closing::count_round(conn, secret.expose(), RoundId(id), now);
            crate::metrics::observe_tally(started.elapsed().as_secs_f64());
            counted
        })
        .await
    {
        Ok(row) => {
            let notice = t_count(
                viewer.lang,
                "council-counted",
                row.ballot_count,
                &[
                    ("n", &viewer.lang.number(row.ballot_count)),
                    ("head", &row.chain_head),
                ],
            );
            Ok(html(
                manage_page(
                    &state,
                    &viewer,
                    id,
                    None,
                    &FieldErrors::default(),
                    Some(&notice),
                )
                .await?,
            ))
        }
        Err(AppError::Conflict(message)) => {
            let mut errors = FieldErrors::default();
            errors.add("reason", message);
            Ok(html_status(
                actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
                manage_page(&state, &viewer, id, None, &errors, None).await?,
            ))
        }
        Err(e) => Err(e),
    }
}
