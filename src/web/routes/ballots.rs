//! Voting pages (no JavaScript needed): choose, review, cast, receipt; the bulletin board and
//! the receipt check.

use actix_web::http::header;
use actix_web::{web, HttpResponse};
use serde::Deserialize;

use crate::db::models::round;
use crate::domain::ballots::{self, BallotPaper, Choice};
use crate::domain::bulletin;
use crate::domain::rounds::{BallotType, Phase};
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
            let row = crate::domain::rounds::find(conn, round_id)?;
            let paper = match (&code, &account) {
                (Some(code), _) => {
                    match ballots::paper_for_code(
                        conn,
                        secret.expose(),
                        round_id,
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
                    if row.revote_policy != "last-counts"
                        && ballots::has_voted(conn, secret.expose(), round_id, user)?
                    {
                        return Err(AppError::Conflict(
                            t(lang, "ballots-error-already-voted").into(),
                        ));
                    }
                    ballots::paper_for_account(
                        conn,
                        secret.expose(),
                        round_id,
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
            let translated = crate::domain::translations::of_round(conn, round_id, lang)?;
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
    let title = state
        .db(move |conn| Ok(round::find(conn, round_id)?.title))
        .await?;
    Ok(html_status(
        StatusCode::CONFLICT,
        pages::already_voted(viewer, &title, round_id),
    ))
}

pub async fn vote(
    state: web::Data<AppState>,
    user: MaybeUser,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let round_id = parse_round_id(&path)?.0;
    if user.0.is_none() {
        let row = state
            .db(move |conn| crate::domain::rounds::find(conn, round_id))
            .await?;
        return Ok(html_status(
            StatusCode::OK,
            pages::start(
                &viewer,
                &row.title,
                round_id,
                row.voting_codes != 0,
                &FieldErrors::default(),
            ),
        ));
    }
    match context(&state, viewer.lang, round_id, &user, None, None).await {
        Ok(ctx) => Ok(html_status(
            StatusCode::OK,
            pages::ballot_form(
                &viewer,
                &ctx.title,
                &ctx.paper,
                &Selection::default(),
                &FieldErrors::default(),
            ),
        )),
        Err(AppError::Conflict(_)) => already_voted_page(&state, &viewer, round_id).await,
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
pub struct CodeForm {
    voting_code: String,
}
impl FormFields for CodeForm {}

pub async fn with_code(
    state: web::Data<AppState>,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    CsrfForm(form): CsrfForm<CodeForm>,
) -> AppResult<HttpResponse> {
    let round_id = parse_round_id(&path)?.0;
    let code = form.voting_code.trim().to_string();
    match context(
        &state,
        viewer.lang,
        round_id,
        &MaybeUser(None),
        Some(&code),
        None,
    )
    .await
    {
        Ok(ctx) => {
            let sel = Selection {
                voting_code: Some(code),
                ..Selection::default()
            };
            Ok(html_status(
                StatusCode::OK,
                pages::ballot_form(
                    &viewer,
                    &ctx.title,
                    &ctx.paper,
                    &sel,
                    &FieldErrors::default(),
                ),
            ))
        }
        Err(AppError::Forbidden(message) | AppError::Conflict(message)) => {
            let row = state
                .db(move |conn| Ok(round::find(conn, round_id)?))
                .await?;
            let mut errors = FieldErrors::default();
            errors.add("voting_code", message);
            Ok(html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                pages::start(
                    &viewer,
                    &row.title,
                    round_id,
                    row.voting_codes != 0,
                    &errors,
                ),
            ))
        }
        Err(e) => Err(e),
    }
}

fn requested_district(fields: &BallotFields) -> Option<i64> {
    fields.get("district").and_then(|d| d.trim().parse().ok())
}

/// Checks the ballot and shows it back for confirmation; nothing is stored.
pub async fn review(
    state: web::Data<AppState>,
    user: MaybeUser,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    CsrfForm(fields): CsrfForm<BallotFields>,
) -> AppResult<HttpResponse> {
    let round_id = parse_round_id(&path)?.0;
    let sel = fields.selection();
    let ctx = match context(
        &state,
        viewer.lang,
        round_id,
        &user,
        sel.voting_code.as_deref(),
        requested_district(&fields),
    )
    .await
    {
        Err(AppError::Conflict(_)) if sel.voting_code.is_none() => {
            return already_voted_page(&state, &viewer, round_id).await
        }
        other => other?,
    };
    let checked = fields
        .choice_in(viewer.lang, ctx.paper.ballot_type)
        .and_then(|choice| {
            ballots::validate(&ctx.paper, &choice)
                .map(|_| ())
                .map_err(|e| e.to_string())
        });
    match checked {
        Ok(()) => Ok(html_status(
            StatusCode::OK,
            pages::review(&viewer, &ctx.title, &ctx.paper, &sel),
        )),
        Err(message) => {
            let mut errors = FieldErrors::default();
            errors.add("ballot", capitalise(&message));
            Ok(html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                pages::ballot_form(&viewer, &ctx.title, &ctx.paper, &sel, &errors),
            ))
        }
    }
}

fn capitalise(message: &str) -> String {
    let mut c = message.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// Back from the review to the form, with the choices kept.
pub async fn edit(
    state: web::Data<AppState>,
    user: MaybeUser,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    CsrfForm(fields): CsrfForm<BallotFields>,
) -> AppResult<HttpResponse> {
    let round_id = parse_round_id(&path)?.0;
    let sel = fields.selection();
    let ctx = context(
        &state,
        viewer.lang,
        round_id,
        &user,
        sel.voting_code.as_deref(),
        requested_district(&fields),
    )
    .await?;
    Ok(html_status(
        StatusCode::OK,
        pages::ballot_form(
            &viewer,
            &ctx.title,
            &ctx.paper,
            &sel,
            &FieldErrors::default(),
        ),
    ))
}

pub async fn cast(
    state: web::Data<AppState>,
    user: MaybeUser,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    CsrfForm(fields): CsrfForm<BallotFields>,
) -> AppResult<HttpResponse> {
    let round_id = parse_round_id(&path)?.0;
    let sel = fields.selection();
    let now = state.clock.now();
    let account = user.0.as_ref().map(|u| u.user.clone());
    let district = requested_district(&fields);
    let code = sel.voting_code.clone();
    let ballot_type = state
        .db(move |conn| Ok(crate::domain::rounds::find(conn, round_id)?.ballot_type))
        .await?;
    let choice = fields
        .choice_in(viewer.lang, BallotType::parse(&ballot_type)?)
        .map_err(|m| AppError::Unprocessable(m.into()))?;
    let result = crate::web::ballot_box::cast(
        &state,
        crate::web::ballot_box::CastRequest {
            round_id,
            account,
            code,
            district,
            choice,
            anonymous: "messages-ballots-log-vote",
        },
        now,
    )
    .await;
    match result {
        Ok(receipt) => Ok(html_status(
            StatusCode::CREATED,
            pages::receipt(
                &viewer,
                round_id,
                &receipt.tracking_code,
                (!receipt.replaces_earlier)
                    .then(|| {
                        crate::domain::feedback::new_token(
                            state.settings.secret_key.expose(),
                            round_id,
                        )
                    })
                    .as_deref(),
            ),
        )),
        Err(AppError::Conflict(_)) if sel.voting_code.is_none() => {
            already_voted_page(&state, &viewer, round_id).await
        }
        Err(AppError::Unprocessable(message)) => {
            let ctx = context(
                &state,
                viewer.lang,
                round_id,
                &user,
                sel.voting_code.as_deref(),
                district,
            )
            .await?;
            let mut errors = FieldErrors::default();
            errors.add("ballot", capitalise(&message.text(viewer.lang)));
            Ok(html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                pages::ballot_form(&viewer, &ctx.title, &ctx.paper, &sel, &errors),
            ))
        }
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
pub struct CodeOnly {
    code: String,
}
impl FormFields for CodeOnly {}

pub async fn download_receipt(
    req: actix_web::HttpRequest,
    CsrfForm(form): CsrfForm<CodeOnly>,
) -> HttpResponse {
    let lang = crate::web::extractors::reader_language(&req);
    let text = format!(
        "{}\n{}\n\n{}\n{}\n",
        t(lang, "ballots-receipt-file-heading"),
        t_with(lang, "ballots-receipt-file-code", &[("code", &form.code)]),
        t(lang, "ballots-receipt-file-check"),
        t(lang, "ballots-receipt-file-private"),
    );
    HttpResponse::Ok()
        .content_type("text/plain; charset=utf-8")
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"ballot-receipt.txt\"",
        ))
        .body(text)
}

pub async fn check_receipt(
    state: web::Data<AppState>,
    PageViewer(viewer): PageViewer,
    CsrfForm(form): CsrfForm<CodeOnly>,
) -> AppResult<HttpResponse> {
    let code = form.code;
    match state
        .db(move |conn| crate::domain::bulletin::inclusion(conn, &code))
        .await
    {
        Ok(proof) => Ok(html_status(
            StatusCode::OK,
            pages::inclusion(&viewer, Some(&proof)),
        )),
        Err(AppError::NotFound(_)) => Ok(html_status(
            StatusCode::NOT_FOUND,
            pages::inclusion(&viewer, None),
        )),
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
pub struct PageQuery {
    page: Option<usize>,
}

const BOARD_PAGE: usize = 100;

pub async fn bulletin_page(
    state: web::Data<AppState>,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    query: web::Query<PageQuery>,
) -> AppResult<HttpResponse> {
    let round_id = parse_round_id(&path)?.0;
    let (row, board) = state
        .db(move |conn| {
            let row = crate::domain::rounds::find(conn, round_id)?;
            Ok((row, bulletin::board(conn, round_id)?))
        })
        .await?;
    let head = board.chain_head;
    let board = board.entries;
    let pages_count = board.len().div_ceil(BOARD_PAGE);
    let page = query.page.unwrap_or(1).clamp(1, pages_count.max(1));
    let rows: Vec<_> = board
        .into_iter()
        .skip((page - 1) * BOARD_PAGE)
        .take(BOARD_PAGE)
        .collect();
    Ok(html_status(
        StatusCode::OK,
        pages::bulletin(
            &viewer,
            &row.title,
            round_id,
            &head,
            &rows,
            page,
            pages_count,
        ),
    ))
}

impl FormFields for crate::domain::feedback::Answers {}

/// The anonymous survey under the receipt.
pub async fn feedback(
    state: web::Data<AppState>,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
    CsrfForm(answers): CsrfForm<crate::domain::feedback::Answers>,
) -> AppResult<HttpResponse> {
    use crate::domain::feedback;
    let round_id = parse_round_id(&path)?.0;
    let secret = state.settings.secret_key.clone();
    let now = state.clock.now();
    let attempt = answers.clone();
    match state
        .db(move |conn| feedback::submit(conn, secret.expose(), round_id, &attempt, now))
        .await
    {
        Ok(()) => Ok(html(pages::survey_thanks(
            &viewer,
            round_id,
            &t(viewer.lang, "ballots-survey-thanks-text"),
        ))),
        Err(AppError::Conflict(message)) => Ok(html_status(
            StatusCode::CONFLICT,
            pages::survey_thanks(&viewer, round_id, &message.text(viewer.lang)),
        )),
        Err(AppError::Invalid(errors)) => Ok(html_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            pages::survey_page(&viewer, round_id, &answers.token, &answers, &errors),
        )),
        Err(e) => Err(e),
    }
}

/// What voters said in the survey (council and auditors).
pub async fn feedback_results(
    state: web::Data<AppState>,
    _staff: Authorized<AuditReaders>,
    PageViewer(viewer): PageViewer,
    path: web::Path<String>,
) -> AppResult<HttpResponse> {
    let round_id = parse_round_id(&path)?.0;
    let (title, summary) = state
        .db(move |conn| {
            let title = crate::domain::rounds::find(conn, round_id)?.title;
            Ok((title, crate::domain::feedback::summary(conn, round_id)?))
        })
        .await?;
    Ok(html(pages::survey_results(
        &viewer, round_id, &title, &summary,
    )))
}
