//! Counting, and open data exports of a round.

use crate::domain::ProposalId;
use crate::domain::RoundId;
use actix_web::http::header;
use actix_web::{web, HttpResponse};
use serde::Deserialize;

use crate::auth::Role;
use crate::domain::rounds::Phase;
use crate::domain::{export, security_log};
use crate::error::{AppError, AppResult, ErrorBody};
use crate::i18n::Message;
use crate::web::extractors::{Authorized, CouncilOnly, MaybeUser};
use crate::web::routes::rounds::parse_round_id;
use crate::web::AppState;

/// Count a round whose voting has closed (council). The result is stored once, with the
/// rule, tie-break and bulletin-board chain head; it is never recomputed.
#[utoipa::path(post, path = "/api/v1/rounds/{round_id}/count", tag = "council", security(("bearer" = [])),
    params(("round_id" = i64, Path, description = "Round id")),
    responses((status = 201, description = "counted"), (status = 409, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn count(
    state: web::Data<AppState>,
    _council: Authorized<CouncilOnly>,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let id = parse_round_id(&path)?.0;
    let now = state.clock.now();
    let secret = state.settings.secret_key.clone();
    let row = state
        .db(move |conn| {
            let started = std::time::Instant::now();
            let counted =
                crate::domain::closing::count_round(conn, secret.expose(), RoundId(id), now);
            crate::metrics::observe_tally(started.elapsed().as_secs_f64());
            counted
        })
        .await?;
    Ok(HttpResponse::Created().json(serde_json::json!({"round_id": id, "ballots": row.ballot_count, "chain_head": row.chain_head})))
}

#[derive(Deserialize)]
pub struct ExportQuery {
    pot: Option<String>,
}

/// Exports are public once results are published; auditors and council may read them before.
pub(crate) async fn may_export(state: &AppState, user: &MaybeUser, round_id: i64) -> AppResult<()> {
    exporter(state, user, round_id).await.map(|_| ())
}

/// Who may take this round's data out: `Some(account)` for council and auditors, who may at
/// any time and whose exports are written to the security log; `None` for anyone once the
/// results are published (open data: readers are not recorded).
async fn exporter(state: &AppState, user: &MaybeUser, round_id: i64) -> AppResult<Option<i64>> {
    let now = state.clock.now();
    let round = state
        .db(move |conn| crate::domain::rounds::summary_of(conn, RoundId(round_id), now))
        .await?;
    let staff = user
        .0
        .as_ref()
        .filter(|u| matches!(u.role, Role::Council | Role::Auditor))
        .map(|u| u.id());
    if staff.is_some() || round.phase == Phase::Results {
        Ok(staff)
    } else {
        Err(AppError::Forbidden(Message::new(
            "messages-results-open-data-round-published",
        )))
    }
}

/// Writes a staff member's export to the security log (in the export's own transaction).
fn log_export(
    conn: &mut crate::db::DbConnection,
    staff: Option<i64>,
    now: chrono::NaiveDateTime,
    what: &str,
) -> AppResult<()> {
    match staff {
        Some(actor) => security_log::record_export(conn, now, Some(actor), what),
        None => Ok(()),
    }
}

fn attachment(content_type: &str, name: String, body: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ))
        .body(body)
}

/// The round (one pot) as a Pabulib file; `pot` is a district slug or `citywide`.
#[utoipa::path(get, path = "/api/v1/rounds/{round_id}/export.pb", tag = "open data",
    params(("round_id" = i64, Path, description = "Round id"), ("pot" = Option<String>, Query, description = "District slug or citywide")),
    responses((status = 200, content_type = "text/plain"), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn pb(
    state: web::Data<AppState>,
    user: MaybeUser,
    path: web::Path<String>,
    query: web::Query<ExportQuery>,
) -> AppResult<HttpResponse> {
    let id = parse_round_id(&path)?.0;
    let staff = exporter(&state, &user, id).await?;
    let now = state.clock.now();
    let pot = query.into_inner().pot;
    let name = format!(
        "round-{id}{}.pb",
        pot.as_deref().map(|p| format!("-{p}")).unwrap_or_default()
    );
    let what = format!("round {id} as {name}");
    let text = state
        .db(move |conn| {
            let text = export::pabulib_text(conn, RoundId(id), pot.as_deref())?;
            log_export(conn, staff, now, &what)?;
            Ok(text)
        })
        .await?;
    Ok(attachment("text/plain; charset=utf-8", name, text))
}

/// The round's proposals that have a point, as a GeoJSON FeatureCollection (public, as the
/// round's map is; hidden proposals are left out, `funded` is set once results are published).
#[utoipa::path(get, path = "/api/v1/rounds/{round_id}/export.geojson", tag = "open data",
    params(("round_id" = i64, Path, description = "Round id")),
    responses((status = 200, content_type = "application/geo+json"), (status = 404, body = ErrorBody)))]
pub async fn geojson(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let id = parse_round_id(&path)?.0;
    let now = state.clock.now();
    let text = state
        .db(move |conn| export::geojson_text(conn, RoundId(id), now))
        .await?;
    Ok(attachment(
        "application/geo+json",
        format!("round-{id}.geojson"),
        text,
    ))
}

/// Projects with votes, cost, outcome and reason, as CSV.
#[utoipa::path(get, path = "/api/v1/rounds/{round_id}/export.csv", tag = "open data",
    params(("round_id" = i64, Path, description = "Round id")),
    responses((status = 200, content_type = "text/csv"), (status = 403, body = ErrorBody)))]
pub async fn csv(
    state: web::Data<AppState>,
    user: MaybeUser,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let id = parse_round_id(&path)?.0;
    let staff = exporter(&state, &user, id).await?;
    let now = state.clock.now();
    let rows = state
        .db(move |conn| {
            let rows = export::project_rows(conn, RoundId(id))?;
            log_export(conn, staff, now, &format!("round {id} as CSV"))?;
            Ok(rows)
        })
        .await?;
    Ok(attachment(
        "text/csv; charset=utf-8",
        format!("round-{id}.csv"),
        export::projects_csv(&rows),
    ))
}

/// Projects with votes, cost, outcome and reason, as JSON.
#[utoipa::path(get, path = "/api/v1/rounds/{round_id}/export.json", tag = "open data",
    params(("round_id" = i64, Path, description = "Round id")),
    responses((status = 200, body = [export::ProjectRow]), (status = 403, body = ErrorBody)))]
pub async fn json(
    state: web::Data<AppState>,
    user: MaybeUser,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let id = parse_round_id(&path)?.0;
    let staff = exporter(&state, &user, id).await?;
    let now = state.clock.now();
    let rows = state
        .db(move |conn| {
            let rows = export::project_rows(conn, RoundId(id))?;
            log_export(conn, staff, now, &format!("round {id} as JSON"))?;
            Ok(rows)
        })
        .await?;
    Ok(HttpResponse::Ok().json(rows))
}

/// The signed audit package (tar): configuration, change log, every board entry, the result,
/// a SHA-256 manifest and its Ed25519 signature. Check it with `budgetbox verify`.
#[utoipa::path(get, path = "/api/v1/rounds/{round_id}/export.audit", tag = "open data",
    params(("round_id" = i64, Path, description = "Round id")),
    responses((status = 200, content_type = "application/x-tar"), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn audit(
    state: web::Data<AppState>,
    user: MaybeUser,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let id = parse_round_id(&path)?.0;
    let staff = exporter(&state, &user, id).await?;
    let now = state.clock.now();
    let key = crate::audit::signing_key(&state.settings.secret_key);
    let bytes = state
        .db(move |conn| {
            let bytes = export::audit_package(conn, RoundId(id), &key)?;
            log_export(conn, staff, now, &format!("round {id} as an audit package"))?;
            Ok(bytes)
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type("application/x-tar")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"round-{id}-audit.tar\""),
        ))
        .body(bytes))
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct AuditKey {
    /// Ed25519 public key (hex) that signs this installation's audit packages.
    pub public_key: String,
}

/// The public key that audit packages are signed with.
#[utoipa::path(get, path = "/api/v1/audit-key", tag = "open data",
    responses((status = 200, body = AuditKey)))]
pub async fn audit_key(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok().json(AuditKey {
        public_key: crate::audit::public_key_hex(&state.settings.secret_key),
    })
}

/// Participation and proposals by district, gender and age band (cells under 10 suppressed),
/// and engagement figures. Public with the results; council and auditors earlier.
#[utoipa::path(get, path = "/api/v1/rounds/{round_id}/statistics", tag = "open data",
    params(("round_id" = i64, Path, description = "Round id")),
    responses((status = 200, body = crate::domain::statistics::RoundStatistics), (status = 403, body = ErrorBody)))]
pub async fn statistics(
    state: web::Data<AppState>,
    user: MaybeUser,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let id = parse_round_id(&path)?.0;
    may_export(&state, &user, id).await?;
    let stats = state
        .db(move |conn| crate::domain::statistics::of_round(conn, RoundId(id)))
        .await?;
    Ok(HttpResponse::Ok().json(stats))
}

/// What happened to each funded project: status, percent done and history, with the
/// round's share implemented and median time to completion.
#[utoipa::path(get, path = "/api/v1/rounds/{round_id}/implementation", tag = "open data",
    params(("round_id" = i64, Path, description = "Round id")),
    responses((status = 200, body = crate::domain::follow_up::Implementation), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn implementation(
    state: web::Data<AppState>,
    user: MaybeUser,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let id = parse_round_id(&path)?.0;
    may_export(&state, &user, id).await?;
    let follow = state
        .db(move |conn| crate::domain::follow_up::of_round(conn, RoundId(id)))
        .await?
        .ok_or_else(|| {
            AppError::NotFound(Message::new("messages-results-round-been-counted-yet"))
        })?;
    Ok(HttpResponse::Ok().json(follow))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ProgressBody {
    /// planned, in_progress, completed or cancelled
    pub status: String,
    /// 0–100 [default: 100 when completed, else the last value]
    pub percent: Option<i32>,
    pub note: Option<String>,
    /// YYYY-MM-DD [default: today]
    pub on_date: Option<String>,
}

/// Record a step in carrying out a funded project (council).
#[utoipa::path(post, path = "/api/v1/proposals/{proposal_id}/progress", tag = "council", security(("bearer" = [])),
    request_body = ProgressBody,
    params(("proposal_id" = i64, Path, description = "Proposal id")),
    responses((status = 201, description = "recorded"), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn record_progress(
    state: web::Data<AppState>,
    council: Authorized<CouncilOnly>,
    path: web::Path<String>,
    body: web::Json<ProgressBody>,
) -> AppResult<HttpResponse> {
    let id = crate::web::routes::proposals::parse_proposal_id(&path)?;
    let body = body.into_inner();
    let input = crate::domain::follow_up::ProgressInput {
        status: Some(body.status),
        percent: body.percent.map(|p| p.to_string()),
        note: body.note,
        on_date: body.on_date,
    };
    let now = state.clock.now();
    let actor = council.0.id();
    let mailing = state.mailing.clone();
    state
        .db(move |conn| {
            crate::domain::follow_up::record(conn, &mailing, actor, ProposalId(id), &input, now)
        })
        .await?;
    Ok(HttpResponse::Created().json(serde_json::json!({"proposal_id": id})))
}

/// What voters said in the anonymous survey after voting (council and auditors).
#[utoipa::path(get, path = "/api/v1/rounds/{round_id}/feedback", tag = "council", security(("bearer" = [])),
    params(("round_id" = i64, Path, description = "Round id")),
    responses((status = 200, body = crate::domain::feedback::Summary), (status = 403, body = ErrorBody)))]
pub async fn feedback(
    state: web::Data<AppState>,
    _staff: Authorized<crate::web::extractors::AuditReaders>,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let id = parse_round_id(&path)?.0;
    let summary = state
        .db(move |conn| crate::domain::feedback::summary(conn, RoundId(id)))
        .await?;
    Ok(HttpResponse::Ok().json(summary))
}
