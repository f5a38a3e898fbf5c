//! After the vote: what happened to each funded project (planned, in progress, completed,
//! cancelled), step by step, so the platform can report how much of a round was carried out
//! and how long it took — and a voter can see what became of the projects they chose.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::outcome;
use crate::db::models::progress::{self, NewProgress, ProgressRow};
use crate::db::models::{proposal, round_result};
use crate::db::{write_transaction, DbConnection};
use crate::domain::ids::{ProposalId, RoundId};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::i18n::Message;

pub const STATUSES: [(&str, &str); 4] = [
    ("planned", "Planned"),
    ("in_progress", "In progress"),
    ("completed", "Completed"),
    ("cancelled", "Cancelled"),
];

pub fn status_label(status: &str) -> &'static str {
    STATUSES
        .iter()
        .find(|(v, _)| *v == status)
        .map_or("Not started", |(_, l)| l)
}

const MAX_NOTE: usize = 2000;

/// A progress step as typed into the form (or sent as JSON), as text.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
pub struct ProgressInput {
    /// planned, in_progress, completed or cancelled
    pub status: Option<String>,
    /// 0–100; a completed project is 100 [default: 100 when completed, else the last value]
    pub percent: Option<String>,
    /// What happened, for the public (up to 2000 characters)
    pub note: Option<String>,
    /// The day it happened, YYYY-MM-DD [default: today]
    pub on_date: Option<String>,
}

/// Records a step for a funded project (council). Refused for projects that were not funded.
pub fn record(
    conn: &mut DbConnection,
    mailing: &super::notifications::Mailing,
    actor_id: i64,
    proposal_id: ProposalId,
    input: &ProgressInput,
    now: NaiveDateTime,
) -> AppResult<()> {
    let proposal_id = proposal_id.0;
    write_transaction(conn, |conn| {
        let project = proposal::find(conn, proposal_id)?
            .ok_or_else(|| AppError::NotFound(Message::new("messages-follow-up-there-project")))?;
        let result = round_result::find(conn, project.round_id)?.ok_or_else(|| {
            AppError::Conflict(Message::new("messages-follow-up-round-been-counted-yet"))
        })?;
        if !outcome::funded_projects(&result)?
            .iter()
            .any(|id| id.0 == proposal_id)
        {
            return Err(AppError::Conflict(Message::new(
                "messages-follow-up-funded-projects-implementation-follow",
            )));
        }
        let last = progress::of_round(conn, project.round_id)?
            .into_iter()
            .rfind(|p| p.proposal_id == proposal_id);
        let mut errors = FieldErrors::default();
        let status = input.status.as_deref().map(str::trim).unwrap_or("");
        if !STATUSES.iter().any(|(v, _)| *v == status) {
            errors.add(
                "status",
                Message::new("messages-progress-choose-project-s-status"),
            );
        }
        let percent = match input.percent.as_deref().map(str::trim) {
            None | Some("") if status == "completed" => Some(100),
            None | Some("") => Some(last.as_ref().map_or(0, |l| l.percent)),
            Some(text) => match text.trim_end_matches('%').trim().parse::<i32>() {
                Ok(n) if (0..=100).contains(&n) => Some(n),
                _ => {
                    errors.add(
                        "percent",
                        Message::new("messages-progress-give-whole-number-0"),
                    );
                    None
                }
            },
        };
        if status == "completed" && percent.is_some_and(|p| p != 100) {
            errors.add(
                "percent",
                Message::new("messages-progress-completed-project-100-done"),
            );
        }
        let today = now.date();
        let on_date = match input.on_date.as_deref().map(str::trim) {
            None | Some("") => Some(today),
            Some(text) => match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
                Err(_) => {
                    errors.add(
                        "on_date",
                        Message::new("messages-progress-give-date-yyyy-mm"),
                    );
                    None
                }
                Ok(d) if d > today => {
                    errors.add(
                        "on_date",
                        Message::new("messages-progress-date-cannot-future"),
                    );
                    None
                }
                Ok(d) if d < result.computed_at.date() => {
                    errors.add(
                        "on_date",
                        Message::new("messages-progress-date-before-result")
                            .with("date", result.computed_at.date()),
                    );
                    None
                }
                Ok(d) => Some(d),
            },
        };
        let note = input.note.as_deref().unwrap_or("").trim();
        if note.chars().count() > MAX_NOTE {
            errors.add(
                "note",
                Message::new("messages-progress-note-too-long").with("max", MAX_NOTE),
            );
        }
        let (Some(percent), Some(on_date)) = (percent, on_date) else {
            return Err(AppError::Invalid(errors));
        };
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        progress::insert(
            conn,
            &NewProgress {
                proposal_id,
                status,
                percent,
                note,
                on_date: &on_date.to_string(),
                recorded_at: now,
                recorded_by: Some(actor_id),
            },
        )?;
        let news = super::notifications::ProposalNews::Progress {
            status: status.to_string(),
            note: format!(
                "{percent} %{}",
                if note.is_empty() {
                    String::new()
                } else {
                    format!(": {note}")
                }
            ),
        };
        super::notifications::proposal_news(conn, mailing, ProposalId(proposal_id), &news, now)?;
        Ok(())
    })
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Step {
    pub status: String,
    pub percent: i32,
    pub note: String,
    pub on_date: String,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct FundedProject {
    pub id: i64,
    pub title: String,
    pub cost: i64,
    pub district_id: Option<i64>,
    /// The latest status, or `not_started` before anything was recorded.
    pub status: String,
    pub percent: i32,
    /// Completed on this day.
    pub completed_on: Option<String>,
    pub history: Vec<Step>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Implementation {
    pub round_id: i64,
    pub round_title: String,
    pub currency: String,
    /// The day the result was counted, from which time to implementation is measured.
    pub result_date: String,
    pub projects: Vec<FundedProject>,
    pub funded: usize,
    pub completed: usize,
    pub cancelled: usize,
    /// Completed funded projects, as a percentage of funded ones.
    pub percent_implemented: Option<f64>,
    /// Median days from the result to completion, over completed projects.
    pub median_days_to_completion: Option<f64>,
}

fn median(mut values: Vec<i64>) -> Option<f64> {
    values.sort_unstable();
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2] as f64),
        _ => Some((values[n / 2 - 1] + values[n / 2]) as f64 / 2.0),
    }
}

/// The follow-up of a counted round; `None` before it is counted.
pub fn of_round(conn: &mut DbConnection, round_id: RoundId) -> AppResult<Option<Implementation>> {
    let round_id = round_id.0;
    let round = super::rounds::find(conn, RoundId(round_id))?;
    let Some(result) = round_result::find(conn, round_id)? else {
        return Ok(None);
    };
    let funded = outcome::funded_projects(&result)?;
    let proposals = proposal::of_round(conn, round_id)?;
    let steps = progress::of_round(conn, round_id)?;
    let result_date = result.computed_at.date();
    let mut projects = Vec::new();
    let mut days = Vec::new();
    for id in &funded {
        let Some(p) = proposals.iter().find(|p| p.id == id.0) else {
            continue;
        };
        let history: Vec<ProgressRow> = steps
            .iter()
            .filter(|s| s.proposal_id == p.id)
            .cloned()
            .collect();
        let last = history.last();
        let completed_on = last
            .filter(|l| l.status == "completed")
            .map(|l| l.on_date.clone());
        if let Some(day) = completed_on
            .as_deref()
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        {
            days.push((day - result_date).num_days());
        }
        projects.push(FundedProject {
            id: p.id,
            title: p.title.clone(),
            cost: p.validated_cost.unwrap_or(p.estimated_cost),
            district_id: p.district_id,
            status: last.map_or("not_started".into(), |l| l.status.clone()),
            percent: last.map_or(0, |l| l.percent),
            completed_on,
            history: history
                .iter()
                .map(|s| Step {
                    status: s.status.clone(),
                    percent: s.percent,
                    note: s.note.clone(),
                    on_date: s.on_date.clone(),
                })
                .collect(),
        });
    }
    let count = |status: &str| projects.iter().filter(|p| p.status == status).count();
    let completed = count("completed");
    let funded_count = projects.len();
    Ok(Some(Implementation {
        round_id,
        round_title: round.title,
        currency: round.currency,
        result_date: result_date.to_string(),
        funded: funded_count,
        completed,
        cancelled: count("cancelled"),
        percent_implemented: (funded_count > 0)
            .then(|| 100.0 * completed as f64 / funded_count as f64),
        median_days_to_completion: median(days),
        projects,
    }))
}

/// The round and title of a project, if there is one with this id.
pub fn project_title(
    conn: &mut DbConnection,
    proposal_id: ProposalId,
) -> AppResult<Option<(i64, String)>> {
    let proposal_id = proposal_id.0;
    Ok(proposal::find(conn, proposal_id)?.map(|p| (p.round_id, p.title)))
}

/// A project a ballot named: its title, and its follow-up status if it was funded.
pub type BallotProject = (String, Option<String>);

/// The projects a tracking code's ballot named, each with what became of it (its follow-up
/// status, if any); or why the code shows nothing.
pub fn projects_of_ballot(
    conn: &mut DbConnection,
    round_id: RoundId,
    code: &str,
    follow: &Implementation,
) -> AppResult<Result<Vec<BallotProject>, Message>> {
    let round_id = round_id.0;
    use super::counting::BallotContent;
    let proof = match super::bulletin::inclusion(conn, code) {
        Ok(proof) => proof,
        Err(AppError::NotFound(m)) => return Ok(Err(m)),
        Err(e) => return Err(e),
    };
    if proof.round_id != round_id {
        return Ok(Err(Message::new("statistics-code-other-round")));
    }
    let Some(content) = proof.entry.content.as_deref() else {
        return Ok(Err(Message::new("ballots-inclusion-sealed")));
    };
    let ids: Vec<i64> = match serde_json::from_str(content).map_err(AppError::internal)? {
        BallotContent::Projects(ids) | BallotContent::Ranking(ids) => ids,
        BallotContent::Points(points) => points.into_keys().collect(),
    };
    let titles = proposal::of_round(conn, round_id)?;
    Ok(Ok(ids
        .iter()
        .filter_map(|id| titles.iter().find(|p| p.id == *id))
        .map(|p| {
            let status = follow
                .projects
                .iter()
                .find(|f| f.id == p.id)
                .map(|f| f.status.clone());
            (p.title.clone(), status)
        })
        .collect()))
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(vec![]), None);
        assert_eq!(median(vec![30, 10, 20]), Some(20.0));
        assert_eq!(median(vec![40, 10, 20, 30]), Some(25.0));
    }
}
