//! Voting pages (no JavaScript needed): choose, review, cast, receipt; the bulletin board and
//! the receipt check.

mod board;
mod cast;
mod check;
mod feedback;
mod receipt;
mod start;

pub use board::*;
pub use cast::*;
pub use check::*;
pub use feedback::*;
pub use receipt::*;
pub use start::*;

use crate::domain::RoundId;
use actix_web::http::header;
use actix_web::{web, HttpResponse};
use serde::Deserialize;

use crate::domain::ballots::{self, BallotPaper, Choice};
use crate::domain::bulletin;
use crate::domain::rounds::{self, BallotType, Phase};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::i18n::{t, t_with, Lang, Message};
use crate::views::ballots::{self as pages, Selection};
use crate::web::extractors::{
    AuditReaders, Authorized, CsrfForm, FormFields, MaybeUser, PageViewer,
};
use crate::web::routes::rounds::parse_round_id;
use crate::web::AppState;

use crate::web::routes::{html, html_status};
use actix_web::http::StatusCode;

/// Every field of a ballot form, in order; `project` may repeat (checkboxes).
#[derive(Deserialize)]
#[serde(transparent)]
pub struct BallotFields(Vec<(String, String)>);

impl FormFields for BallotFields {
    const REPEATABLE: &'static [&'static str] = &["project"];
}

impl BallotFields {
    pub fn field(&self, name: &str) -> Option<&str> {
        self.get(name)
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.trim().is_empty())
    }

    fn selection(&self) -> Selection {
        let mut sel = Selection {
            voting_code: self.get("voting_code").map(String::from),
            ..Selection::default()
        };
        for (key, value) in &self.0 {
            if key == "project" {
                if let Ok(id) = value.trim().parse() {
                    sel.projects.push(id);
                }
            } else if let Some(id) = key.strip_prefix("rank_").and_then(|id| id.parse().ok()) {
                if !value.trim().is_empty() {
                    sel.ranks.insert(id, value.trim().to_string());
                }
            } else if let Some(id) = key.strip_prefix("points_").and_then(|id| id.parse().ok()) {
                if !value.trim().is_empty() {
                    sel.points.insert(id, value.trim().to_string());
                }
            }
        }
        sel
    }

    /// The choice the form expresses, or a message for the person (in English).
    pub fn choice(&self, ballot_type: BallotType) -> Result<Choice, String> {
        self.choice_in(Lang::En, ballot_type)
    }

    /// The choice the form expresses, or a message for the person in their language.
    pub fn choice_in(&self, lang: Lang, ballot_type: BallotType) -> Result<Choice, String> {
        match ballot_type {
            BallotType::Approval | BallotType::Knapsack => self
                .0
                .iter()
                .filter(|(k, _)| k == "project")
                .map(|(_, v)| {
                    v.trim()
                        .parse::<i64>()
                        .map_err(|_| t_with(lang, "ballots-error-not-project", &[("value", v)]))
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Choice::Projects),
            BallotType::Ranked => {
                let mut ranked: Vec<(i64, i64)> = Vec::new();
                for (id, rank) in self.selection().ranks {
                    let rank: i64 = rank
                        .parse()
                        .map_err(|_| t_with(lang, "ballots-error-not-rank", &[("value", &rank)]))?;
                    ranked.push((rank, id));
                }
                ranked.sort();
                for (expected, (rank, _)) in (1..).zip(&ranked) {
                    if *rank != expected {
                        return Err(if ranked.iter().filter(|(r, _)| r == rank).count() > 1 {
                            t_with(
                                lang,
                                "ballots-error-rank-twice",
                                &[("rank", &rank.to_string())],
                            )
                        } else {
                            t_with(
                                lang,
                                "ballots-error-rank-gap",
                                &[("rank", &expected.to_string())],
                            )
                        });
                    }
                }
                Ok(Choice::Ranking(
                    ranked.into_iter().map(|(_, id)| id).collect(),
                ))
            }
            BallotType::Cumulative => {
                let mut points = Vec::new();
                for (id, n) in self.selection().points {
                    let n: i64 = n
                        .parse()
                        .map_err(|_| t_with(lang, "ballots-error-not-points", &[("value", &n)]))?;
                    points.push((id, n));
                }
                points.sort();
                Ok(Choice::Points(points))
            }
        }
    }
}

struct Context {
    title: String,
    paper: BallotPaper,
}

/// The paper for whoever is voting: the account, or the holder of a (not yet spent) code.
async fn context(
    state: &AppState,
    lang: Lang,
    round_id: i64,
    user: &MaybeUser,
    code: Option<&str>,
    requested_district: Option<i64>,
) -> AppResult<Context> {
    let now = state.clock.now();
    let account = user.0.as_ref().map(|u| u.user.clone());
    let code = code.map(String::from);
    let secret = state.settings.secret_key.clone();
    state
        .db(move |conn| {
            let row = crate::domain::rounds::find(conn, RoundId(round_id))?;
            let paper = match (&code, &account) {
                (Some(code), _) => {
                    match ballots::paper_for_code(
                        conn,
                        secret.expose(),
                        RoundId(round_id),
                        code,
                        requested_district,
                        now,
                    ) {
                        Err(AppError::Forbidden(_)) if Phase::of(&row, now) != Phase::Voting => {
                            return Err(AppError::Forbidden(
                                t(lang, "ballots-error-voting-closed").into(),
                            ))
                        }
                        Err(AppError::Forbidden(_)) => {
                            return Err(AppError::Forbidden(
                                t(lang, "ballots-error-code-invalid").into(),
                            ))
                        }
                        Err(AppError::Conflict(_)) => {
                            return Err(AppError::Conflict(
                                t(lang, "ballots-error-code-used").into(),
                            ))
                        }
                        other => other?,
                    }
                }
                (None, Some(user)) => {
                    // Where the last ballot counts, a voter who has voted may vote again.
                    if crate::domain::status::RevotePolicy::of(&row)
                        != crate::domain::status::RevotePolicy::LastCounts
                        && ballots::has_voted(conn, secret.expose(), RoundId(round_id), user)?
                    {
                        return Err(AppError::Conflict(
                            t(lang, "ballots-error-already-voted").into(),
                        ));
                    }
                    ballots::paper_for_account(
                        conn,
                        secret.expose(),
                        RoundId(round_id),
                        user,
                        requested_district,
                        now,
                    )?
                }
                (None, None) => {
                    return Err(AppError::Unauthorized(Message::new(
                        "messages-ballots-log-vote",
                    )))
                }
            };
            // What the voter reads in their language; choices are by project id.
            let mut paper = paper;
            let mut title = row.title;
            let translated = crate::domain::translations::of_round(conn, RoundId(round_id), lang)?;
            translated.apply(None, &mut title, &mut String::new());
            for p in &mut paper.projects {
                translated.apply(Some(p.id), &mut p.title, &mut p.description);
            }
            Ok(Context { title, paper })
        })
        .await
}

async fn already_voted_page(
    state: &AppState,
    viewer: &crate::views::layout::Viewer,
    round_id: i64,
) -> AppResult<HttpResponse> {
    let now = state.clock.now();
    let title = state
        .db(move |conn| Ok(rounds::summary_of(conn, RoundId(round_id), now)?.title))
        .await?;
    Ok(html_status(
        StatusCode::CONFLICT,
        pages::already_voted(viewer, &title, round_id),
    ))
}

/// Asks which district the voter votes in, then comes back to the ballot. `asked`: the voter
/// has already answered (with nothing usable), so the question carries its error.
async fn district_choice(
    state: &AppState,
    viewer: &crate::views::layout::Viewer,
    round_id: i64,
    voting_code: Option<String>,
    errors: FieldErrors,
    asked: bool,
) -> AppResult<HttpResponse> {
    let now = state.clock.now();
    let (title, districts) = state
        .db(move |conn| {
            let title = rounds::summary_of(conn, RoundId(round_id), now)?.title;
            let districts = crate::domain::districts::of_round(conn, RoundId(round_id))?
                .into_iter()
                .map(|d| (d.id, d.name))
                .collect::<Vec<_>>();
            Ok((title, districts))
        })
        .await?;
    let shown = if asked {
        errors
    } else {
        FieldErrors::default()
    };
    Ok(html_status(
        if asked {
            StatusCode::UNPROCESSABLE_ENTITY
        } else {
            StatusCode::OK
        },
        pages::choose_district(
            viewer,
            &title,
            round_id,
            &districts,
            voting_code.as_deref(),
            &shown,
        ),
    ))
}

fn requested_district(fields: &BallotFields) -> Option<i64> {
    fields.get("district").and_then(|d| d.trim().parse().ok())
}

fn capitalise(message: &str) -> String {
    let mut c = message.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}
