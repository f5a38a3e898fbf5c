//! JSON API for configuring rounds (council), eligibility (residents) and voter checks
//! (reviewers). Same domain functions as the pages.

use crate::domain::RoundId;
use actix_web::{web, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::census::{self, CensusImport};
use crate::domain::eligibility::{self, Eligibility};
use crate::domain::round_config::{self, RoundInput};
use crate::domain::rounds::Phase;
use crate::domain::voting_codes;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::i18n::Message;
use crate::web::extractors::{AuthUser, Authorized, CouncilOnly, Reviewers};
use crate::web::routes::rounds::parse_round_id;
use crate::web::AppState;

/// Largest census file accepted (about 100,000 people per 4 MB).
pub const MAX_CENSUS_BYTES: usize = 32 * 1024 * 1024;

#[derive(Serialize, ToSchema)]
pub struct Created {
    pub id: i64,
}

/// Create a round (council).
#[utoipa::path(post, path = "/api/v1/rounds", tag = "council", security(("bearer" = [])), request_body = RoundInput,
    responses((status = 201, body = Created), (status = 422, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn create(
    state: web::Data<AppState>,
    council: Authorized<CouncilOnly>,
    body: web::Json<RoundInput>,
) -> AppResult<HttpResponse> {
    let config = body.parse()?;
    let now = state.clock.now();
    let actor = council.0.id();
    let id = state
        .db(move |conn| round_config::create(conn, actor, &config, now))
        .await?;
    Ok(HttpResponse::Created().json(Created { id }))
}

#[derive(Serialize, ToSchema)]
pub struct Changes {
    /// One line per changed setting, as written to the public change log.
    pub changes: Vec<String>,
}

/// Replace a round's configuration (council). Refused with 409 once voting has opened, except
/// a later closing date with a reason.
#[utoipa::path(put, path = "/api/v1/rounds/{round_id}", tag = "council", security(("bearer" = [])), request_body = RoundInput,
    params(("round_id" = i64, Path, description = "Round id")),
    responses((status = 200, body = Changes), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn update(
    state: web::Data<AppState>,
    council: Authorized<CouncilOnly>,
    path: web::Path<String>,
    body: web::Json<RoundInput>,
) -> AppResult<web::Json<Changes>> {
    let id = parse_round_id(&path)?.0;
    let config = body.parse()?;
    let reason = body.reason.clone();
    let now = state.clock.now();
    let actor = council.0.id();
    let changes = state
        .db(move |conn| round_config::update(conn, actor, RoundId(id), &config, &reason, now))
        .await?;
    Ok(web::Json(Changes { changes }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AdvanceRequest {
    pub reason: String,
}

#[derive(Serialize, ToSchema)]
pub struct PhaseResponse {
    pub phase: Phase,
}

/// Move a round to its next phase now, with a published reason (council).
#[utoipa::path(post, path = "/api/v1/rounds/{round_id}/advance", tag = "council", security(("bearer" = [])), request_body = AdvanceRequest,
    params(("round_id" = i64, Path, description = "Round id")),
    responses((status = 200, body = PhaseResponse), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn advance(
    state: web::Data<AppState>,
    council: Authorized<CouncilOnly>,
    path: web::Path<String>,
    body: web::Json<AdvanceRequest>,
) -> AppResult<web::Json<PhaseResponse>> {
    let id = parse_round_id(&path)?.0;
    let now = state.clock.now();
    let actor = council.0.id();
    let reason = body.into_inner().reason;
    let phase = state
        .db(move |conn| round_config::advance(conn, actor, RoundId(id), &reason, now))
        .await?;
    Ok(web::Json(PhaseResponse { phase }))
}

fn csv_text(body: &[u8]) -> AppResult<String> {
    String::from_utf8(body.to_vec()).map_err(|_| {
        AppError::Unprocessable(Message::new("messages-round-admin-census-file-must-utf"))
    })
}

/// Replace the census list from CSV (`document_number,birth_year[,district]` with a header).
/// All or nothing: a bad row refuses the file and names its line.
#[utoipa::path(put, path = "/api/v1/rounds/{round_id}/census", tag = "council", security(("bearer" = [])),
    request_body(content = String, content_type = "text/csv"),
    params(("round_id" = i64, Path, description = "Round id")),
    responses((status = 200, body = CensusImport), (status = 422, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn census(
    state: web::Data<AppState>,
    council: Authorized<CouncilOnly>,
    path: web::Path<String>,
    body: web::Bytes,
) -> AppResult<web::Json<CensusImport>> {
    let id = parse_round_id(&path)?.0;
    let text = csv_text(&body)?;
    let now = state.clock.now();
    let actor = council.0.id();
    let secret = state.settings.secret_key.clone();
    Ok(web::Json(
        state
            .db(move |conn| {
                census::import_census(conn, secret.expose(), Some(actor), RoundId(id), &text, now)
            })
            .await?,
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CodesRequest {
    pub count: usize,
    /// District slug; none for city-wide codes.
    #[serde(default)]
    pub district: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct CodesResponse {
    /// Shown only now; only their hashes are kept.
    pub codes: Vec<String>,
}

/// Generate one-time voting codes (council).
#[utoipa::path(post, path = "/api/v1/rounds/{round_id}/voting-codes", tag = "council", security(("bearer" = [])), request_body = CodesRequest,
    params(("round_id" = i64, Path, description = "Round id")),
    responses((status = 201, body = CodesResponse), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn voting_codes(
    state: web::Data<AppState>,
    council: Authorized<CouncilOnly>,
    path: web::Path<String>,
    body: web::Json<CodesRequest>,
) -> AppResult<HttpResponse> {
    let id = parse_round_id(&path)?.0;
    let now = state.clock.now();
    let actor = council.0.id();
    let CodesRequest { count, district } = body.into_inner();
    let codes = state
        .db(move |conn| {
            voting_codes::generate_codes(
                conn,
                Some(actor),
                RoundId(id),
                count,
                district.as_deref(),
                now,
            )
        })
        .await?;
    Ok(HttpResponse::Created().json(CodesResponse { codes }))
}

/// Issue one voting code per person of a census file, each bound to that person's entry on
/// the round's census list (so their account and their code share one ballot). The body is a
/// census file (`document_number,birth_year[,district]`, plus any columns the letters need);
/// the answer is the mailing list: the same rows with a `code` column, shown once.
#[utoipa::path(post, path = "/api/v1/rounds/{round_id}/voting-codes/from-census", tag = "council", security(("bearer" = [])),
    request_body(content = String, content_type = "text/csv"),
    params(("round_id" = i64, Path, description = "Round id")),
    responses((status = 201, body = String, content_type = "text/csv", description = "the mailing list"),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn voting_codes_from_census(
    state: web::Data<AppState>,
    council: Authorized<CouncilOnly>,
    path: web::Path<String>,
    body: web::Bytes,
) -> AppResult<HttpResponse> {
    let id = parse_round_id(&path)?.0;
    let text = csv_text(&body)?;
    let now = state.clock.now();
    let actor = council.0.id();
    let secret = state.settings.secret_key.clone();
    let list = state
        .db(move |conn| {
            voting_codes::generate_from_census(
                conn,
                secret.expose(),
                Some(actor),
                RoundId(id),
                &text,
                now,
            )
        })
        .await?;
    Ok(HttpResponse::Created()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            "attachment; filename=\"voting-codes.csv\"",
        ))
        .body(list.to_csv()?))
}

/// Whether the logged-in resident may vote in the round, requirement by requirement.
#[utoipa::path(get, path = "/api/v1/rounds/{round_id}/eligibility", tag = "rounds", security(("bearer" = [])),
    params(("round_id" = i64, Path, description = "Round id")),
    responses((status = 200, body = Eligibility), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn my_eligibility(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<String>,
) -> AppResult<web::Json<Eligibility>> {
    let id = parse_round_id(&path)?.0;
    let account = user.user.clone();
    Ok(web::Json(
        state
            .db(move |conn| eligibility::of_round(conn, RoundId(id), &account))
            .await?,
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VoterCheck {
    pub email: String,
    /// The number of the identity document checked. Kept only as a keyed hash for the round,
    /// so a person is recognised again whatever account they use.
    pub document_number: String,
    #[serde(default)]
    pub district: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct VoterCheckResponse {
    /// The person has already voted in this round (only in rounds where the last ballot
    /// counts; elsewhere the check is refused with 409).
    pub already_voted: bool,
}

/// Confirm a voter after an in-person check (reviewers and council). Refused (409) when this
/// person has already voted in a round whose ballots are final, with any account.
#[utoipa::path(post, path = "/api/v1/rounds/{round_id}/voter-checks", tag = "review", security(("bearer" = [])), request_body = VoterCheck,
    params(("round_id" = i64, Path, description = "Round id")),
    responses((status = 200, body = VoterCheckResponse), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn voter_check(
    state: web::Data<AppState>,
    reviewer: Authorized<Reviewers>,
    path: web::Path<String>,
    body: web::Json<VoterCheck>,
) -> AppResult<HttpResponse> {
    let id = parse_round_id(&path)?.0;
    let now = state.clock.now();
    let reviewer_id = reviewer.0.id();
    let VoterCheck {
        email,
        document_number,
        district: slug,
    } = body.into_inner();
    let secret = state.settings.secret_key.clone();
    let outcome = state
        .db(move |conn| {
            let check = eligibility::InPersonCheck {
                reviewer_id,
                round_id: id,
                email: &email,
                document: &document_number,
                district: slug.as_deref(),
            };
            eligibility::confirm_in_person(conn, secret.expose(), &check, now).map(|(_, o)| o)
        })
        .await?;
    Ok(HttpResponse::Ok().json(VoterCheckResponse {
        already_voted: outcome == eligibility::CheckOutcome::ConfirmedAlreadyVoted,
    }))
}
