//! JSON API for ballots: cast, the public bulletin board, receipts.

use crate::domain::RoundId;
use actix_web::{web, HttpResponse};
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::ToSchema;

use crate::domain::ballots::Choice;
use crate::domain::bulletin::{self, inclusion, BoardEntry, InclusionProof};
use crate::domain::paper_ballots;
use crate::error::{AppError, AppResult, ErrorBody};
use crate::i18n::Message;
use crate::web::extractors::MaybeUser;
use crate::web::routes::rounds::parse_round_id;
use crate::web::AppState;

/// `{"12": 3, "15": 2}`: points per project id. A repeated id is refused, never "last one wins".
#[derive(Debug, Default, ToSchema)]
pub struct PointsMap(pub Vec<(i64, i64)>);

impl<'de> Deserialize<'de> for PointsMap {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PointsVisitor;
        impl<'de> Visitor<'de> for PointsVisitor {
            type Value = PointsMap;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object of project id to whole points")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<PointsMap, A::Error> {
                let mut entries: Vec<(i64, i64)> = Vec::new();
                while let Some((key, value)) = map.next_entry::<String, i64>()? {
                    let id: i64 = key
                        .parse()
                        .map_err(|_| de::Error::custom(format!("`{key}` is not a project id")))?;
                    if entries.iter().any(|(seen, _)| *seen == id) {
                        return Err(de::Error::custom(format!(
                            "project {id} appears more than once"
                        )));
                    }
                    entries.push((id, value));
                }
                Ok(PointsMap(entries))
            }
        }
        deserializer.deserialize_map(PointsVisitor)
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BallotRequest {
    /// The district id the voter votes in; it must match the server's record of the voter.
    #[serde(default)]
    pub district: Option<i64>,
    /// Approval and knapsack ballots.
    #[serde(default)]
    pub projects: Option<Vec<i64>>,
    /// Ranked ballots, best first.
    #[serde(default)]
    pub ranking: Option<Vec<i64>>,
    /// Cumulative ballots.
    #[serde(default)]
    #[schema(value_type = Option<std::collections::BTreeMap<String, i64>>)]
    pub points: Option<PointsMap>,
    /// Vote with a one-time code instead of an account.
    #[serde(default)]
    pub voting_code: Option<String>,
}

impl BallotRequest {
    fn choice(&mut self) -> AppResult<Choice> {
        match (
            self.projects.take(),
            self.ranking.take(),
            self.points.take(),
        ) {
            (Some(ids), None, None) => Ok(Choice::Projects(ids)),
            (None, Some(ids), None) => Ok(Choice::Ranking(ids)),
            (None, None, Some(points)) => Ok(Choice::Points(points.0)),
            _ => Err(AppError::Unprocessable(Message::new(
                "messages-ballots-send-exactly-projects-ranking",
            ))),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct CastResponse {
    /// Shown once: keep it to check on the bulletin board that the ballot is counted.
    pub tracking_code: String,
}

/// Cast a ballot, as the logged-in voter or with a voting code. Exactly once per voter.
#[utoipa::path(post, path = "/api/v1/rounds/{round_id}/ballots", tag = "ballots", request_body = BallotRequest,
    params(("round_id" = i64, Path, description = "Round id")),
    responses(
        (status = 201, body = CastResponse),
        (status = 401, body = ErrorBody, description = "neither a session nor a voting code"),
        (status = 403, body = ErrorBody, description = "not eligible, wrong district, or outside the voting phase"),
        (status = 409, body = ErrorBody, description = "already voted, or the code was used"),
        (status = 422, body = ErrorBody, description = "the ballot breaks a rule")))]
pub async fn cast(
    state: web::Data<AppState>,
    user: MaybeUser,
    path: web::Path<String>,
    body: web::Json<BallotRequest>,
) -> AppResult<HttpResponse> {
    let round_id = parse_round_id(&path)?.0;
    let mut request = body.into_inner();
    let choice = request.choice()?;
    let receipt = crate::web::ballot_box::cast(
        &state,
        crate::web::ballot_box::CastRequest {
            round_id,
            account: user.0.map(|u| u.user),
            code: request.voting_code.take(),
            district: request.district,
            choice,
            anonymous: "messages-ballots-log-send-voting-code",
        },
        state.clock.now(),
    )
    .await?;
    Ok(HttpResponse::Created().json(CastResponse {
        tracking_code: receipt.tracking_code,
    }))
}

#[derive(Serialize, ToSchema)]
pub struct Board {
    pub round_id: i64,
    /// The hash of the last entry; recompute it from the entries to check the board.
    pub chain_head: String,
    pub entries: Vec<BoardEntry>,
}

/// The round's public, append-only, hash-chained list of ballots.
#[utoipa::path(get, path = "/api/v1/rounds/{round_id}/bulletin", tag = "ballots",
    params(("round_id" = i64, Path, description = "Round id")),
    responses((status = 200, body = Board), (status = 404, body = ErrorBody)))]
pub async fn bulletin_board(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> AppResult<web::Json<Board>> {
    let round_id = parse_round_id(&path)?.0;
    let board = state
        .db(move |conn| bulletin::board(conn, RoundId(round_id)))
        .await?;
    Ok(web::Json(Board {
        round_id,
        chain_head: board.chain_head,
        entries: board.entries,
    }))
}

/// Find a ballot by its tracking code and show that it is on the board, unchanged.
#[utoipa::path(get, path = "/api/v1/receipts/{tracking_code}", tag = "ballots",
    params(("tracking_code" = String, Path, description = "The code shown after voting")),
    responses((status = 200, body = InclusionProof), (status = 404, body = ErrorBody)))]
pub async fn receipt(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> AppResult<web::Json<InclusionProof>> {
    let code = path.into_inner();
    Ok(web::Json(
        state.db(move |conn| inclusion(conn, &code)).await?,
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PaperBallotRequest {
    /// The voter's account email.
    pub email: String,
    #[serde(default)]
    pub projects: Option<Vec<i64>>,
    #[serde(default)]
    pub ranking: Option<Vec<i64>>,
    #[serde(default)]
    #[schema(value_type = Option<std::collections::BTreeMap<String, i64>>)]
    pub points: Option<PointsMap>,
}

#[derive(Serialize, ToSchema)]
pub struct PaperBallotResponse {
    /// `awaiting-second-entry` or `cast`.
    pub status: String,
    pub tracking_code: Option<String>,
}

/// Enter a paper ballot (reviewers acting as poll officers). A ballot counts once two
/// different officers have entered the same choices; differing entries are discarded (409).
#[utoipa::path(post, path = "/api/v1/rounds/{round_id}/paper-ballots", tag = "ballots", security(("bearer" = [])), request_body = PaperBallotRequest,
    params(("round_id" = i64, Path, description = "Round id")),
    responses(
        (status = 201, body = PaperBallotResponse, description = "second entry agreed: cast"),
        (status = 202, body = PaperBallotResponse, description = "first entry recorded"),
        (status = 409, body = ErrorBody, description = "entries differ, same officer twice, or already voted"),
        (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn paper(
    state: web::Data<AppState>,
    officer: crate::web::extractors::Authorized<crate::web::extractors::Reviewers>,
    path: web::Path<String>,
    body: web::Json<PaperBallotRequest>,
) -> AppResult<HttpResponse> {
    let round_id = parse_round_id(&path)?.0;
    let body = body.into_inner();
    let mut request = BallotRequest {
        district: None,
        projects: body.projects,
        ranking: body.ranking,
        points: body.points,
        voting_code: None,
    };
    let choice = request.choice()?;
    let now = state.clock.now();
    let officer_id = officer.0.id();
    let email = crate::domain::accounts::normalize_email(&body.email);
    let secret = state.settings.secret_key.clone();
    let outcome = state
        .db(move |conn| {
            let voter = crate::domain::accounts::find_by_email(conn, &email)?;
            paper_ballots::enter_paper(
                conn,
                secret.expose(),
                officer_id,
                RoundId(round_id),
                &voter,
                &choice,
                now,
            )
        })
        .await?;
    Ok(match outcome {
        paper_ballots::PaperOutcome::AwaitingSecondEntry => {
            HttpResponse::Accepted().json(PaperBallotResponse {
                status: "awaiting-second-entry".into(),
                tracking_code: None,
            })
        }
        paper_ballots::PaperOutcome::Cast(code) => {
            HttpResponse::Created().json(PaperBallotResponse {
                status: "cast".into(),
                tracking_code: Some(code),
            })
        }
        paper_ballots::PaperOutcome::Mismatch => {
            return Err(AppError::Conflict(Message::new(
                "messages-ballots-two-entries-paper-ballot",
            )))
        }
    })
}
