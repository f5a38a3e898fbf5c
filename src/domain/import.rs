//! Importing a past vote from a Pabulib `.pb` file as a closed, counted round, so a council
//! or researcher can explore real data, its results page and the rule simulator.
//!
//! Voter ids and attributes of the file are dropped: the ballots go onto the round's bulletin
//! board like any other, with no link to anyone. All or nothing: one transaction.

use crate::domain::RoundId;
use std::collections::HashMap;
use std::fmt;

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::bulletin;
use super::counting::{self, BallotContent};
use super::round_config::{free_slug, slugify};
use crate::db::models::proposal::{self, NewProposal};
use crate::db::models::round::{self, NewRound};
use crate::db::models::round_change;
use crate::db::{write_transaction, DbConnection};
use crate::domain::status::ProposalStatus;
use crate::error::{AppError, AppResult};
use crate::i18n::Message;
use crate::pabulib::{self, Instance, VoteType};

pub struct ImportSummary {
    pub round_id: i64,
    pub slug: String,
    pub projects: usize,
    pub ballots: usize,
    pub rule: String,
    pub funded: usize,
    /// Whether our count reproduces the file's `selected` column (None: the file has none).
    pub matches_official: Option<bool>,
}

impl fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "imported round {} ({}): {} projects, {} ballots, counted with {}: {} funded",
            self.round_id, self.slug, self.projects, self.ballots, self.rule, self.funded
        )?;
        match self.matches_official {
            Some(true) => write!(f, "; same outcome as the file's `selected` column"),
            Some(false) => write!(
                f,
                "; NOT the outcome of the file's `selected` column (compare with `budgetbox tally`)"
            ),
            None => Ok(()),
        }
    }
}

/// Pabulib dates come as `2023-06-01`, `01.06.2023` or a bare year.
fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d.%m.%Y"))
        .ok()
        .or_else(|| {
            text.parse::<i32>()
                .ok()
                .and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1))
        })
}

fn ballot_type(instance: &Instance) -> AppResult<&'static str> {
    match instance.vote_type {
        VoteType::Approval if instance.meta("max_sum_cost").is_some() => Ok("knapsack"),
        VoteType::Approval | VoteType::Choose1 => Ok("approval"),
        VoteType::Cumulative => Ok("cumulative"),
        VoteType::Ordinal => Ok("ranked"),
        // Scores per project on a scale have no ballot form here.
        VoteType::Scoring => Err(AppError::Unprocessable(
            "scoring ballots cannot be imported as a round (approval, choose-1, ordinal and cumulative files can)"
                .into(),
        )),
    }
}

/// The same bound as for rounds set up in the application.
const MAX_LIMIT: i32 = 10_000;

fn meta_number(instance: &Instance, key: &str) -> AppResult<Option<i32>> {
    instance
        .meta(key)
        .map(|v| match v.trim().parse::<i32>() {
            Ok(n) if (0..=MAX_LIMIT).contains(&n) => Ok(n),
            _ => Err(AppError::Unprocessable(
                format!("META {key} `{v}` is not a whole number from 0 to {MAX_LIMIT}").into(),
            )),
        })
        .transpose()
}

pub fn import_pabulib(
    conn: &mut DbConnection,
    bytes: &[u8],
    file_name: &str,
    now: NaiveDateTime,
) -> AppResult<ImportSummary> {
    let instance =
        pabulib::parse_bytes(bytes).map_err(|e| AppError::Unprocessable(e.to_string().into()))?;
    let ballot_type = ballot_type(&instance)?;
    let rule = instance
        .declared_rule()
        .map_err(|e| AppError::Unprocessable(e.to_string().into()))?;
    let tie_break = rule.default_tie_break();
    // Validates the whole file the way a count would before anything is written.
    let election = instance
        .to_election()
        .map_err(|e| AppError::Unprocessable(e.to_string().into()))?;
    if election.projects.is_empty() {
        return Err(AppError::Unprocessable(Message::new(
            "messages-import-file-projects",
        )));
    }

    let title = instance
        .meta("description")
        .or(instance.meta("unit"))
        .unwrap_or(file_name)
        .to_string();
    let close = instance
        .meta("date_end")
        .and_then(parse_date)
        .and_then(|d| d.succ_opt())
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map_or(now, |t| t.min(now));
    let open = instance
        .meta("date_begin")
        .and_then(parse_date)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map_or(close - Duration::days(1), |t| t.min(close));
    let max_choices = match instance.vote_type {
        VoteType::Choose1 => Some(1),
        _ => meta_number(&instance, "max_length")?,
    };
    let min_choices = meta_number(&instance, "min_length")?.unwrap_or(1);
    let (points_total, points_per_project) = if ballot_type == "cumulative" {
        (
            meta_number(&instance, "max_sum_points")?,
            meta_number(&instance, "max_points")?,
        )
    } else {
        (None, None)
    };
    let description = format!(
        "Imported from the Pabulib file {file_name}. Voter ids and attributes were not imported."
    );
    let currency = instance.meta("currency").unwrap_or("PLN").to_string();

    write_transaction(conn, |conn| {
        let slug = free_slug(conn, &slugify(&title))?;
        let round_id = round::insert(
            conn,
            &NewRound {
                slug: &slug,
                title: &title,
                description: &description,
                currency: &currency,
                total_budget: instance.budget,
                citywide_budget: None,
                ballot_type,
                min_choices,
                max_choices,
                points_total,
                points_per_project,
                rule: &rule.to_string(),
                tie_break: &tie_break.to_string(),
                time_zone: "UTC",
                proposals_open_at: open,
                review_at: open,
                voting_open_at: open,
                voting_close_at: close,
                results_published_at: Some(now),
                created_at: now,
            },
        )?;
        let ids = insert_projects(conn, round_id, &instance, now)?;
        if instance.vote_type == VoteType::Ordinal {
            // The file's own scoring (Borda over each ballot's length unless it says otherwise),
            // so the round counts as the file was counted.
            let scheme = serde_json::to_string(&election.positional).map_err(AppError::internal)?;
            crate::db::models::round_result::set_scoring(conn, round_id, &scheme)?;
        }
        let cast_day = close.date().pred_opt().unwrap_or(close.date()).to_string();
        publish_votes(conn, round_id, &instance, &ids, &cast_day)?;
        round_change::append(
            conn,
            round_id,
            now,
            None,
            "round imported",
            &format!("from the Pabulib file {file_name}"),
        )?;
        let result = counting::count_published_in(conn, RoundId(round_id), now)?;
        super::statistics::freeze(conn, RoundId(round_id))?;
        let funded: Vec<String> = counting::funded_projects(&result)?
            .into_iter()
            .filter_map(|id| {
                ids.iter()
                    .find(|(_, v)| **v == id.0)
                    .map(|(k, _)| k.to_string())
            })
            .collect();
        let matches_official = instance.official_outcome().map(|official| {
            let mut a = official;
            let mut b = funded.clone();
            a.sort();
            b.sort();
            a == b
        });
        Ok(ImportSummary {
            round_id,
            slug,
            projects: instance.projects.len(),
            ballots: instance.votes.len(),
            rule: rule.to_string(),
            funded: funded.len(),
            matches_official,
        })
    })
}

/// The file's projects as proposals of the round; the map from the file's ids to ours.
fn insert_projects<'i>(
    conn: &mut DbConnection,
    round_id: i64,
    instance: &'i pabulib::Instance,
    now: NaiveDateTime,
) -> AppResult<HashMap<&'i str, i64>> {
    let mut ids: HashMap<&str, i64> = HashMap::new();
    for p in &instance.projects {
        let name = p
            .name()
            .map_or_else(|| format!("Project {}", p.id), String::from);
        let id = proposal::insert(
            conn,
            &NewProposal {
                round_id,
                district_id: None,
                author_id: None,
                title: &name,
                description: "",
                category: p.category(),
                location: None,
                estimated_cost: p.cost,
                validated_cost: Some(p.cost),
                status: if p.withdrawn() {
                    ProposalStatus::Withdrawn.as_str()
                } else {
                    ProposalStatus::Feasible.as_str()
                },
                created_at: now,
                updated_at: now,
            },
        )?;
        proposal::set_external_id(conn, id, &p.id)?;
        ids.insert(p.id.as_str(), id);
    }
    Ok(ids)
}

/// Every ballot of the file on the round's bulletin board, published at once.
fn publish_votes(
    conn: &mut DbConnection,
    round_id: i64,
    instance: &pabulib::Instance,
    ids: &HashMap<&str, i64>,
    cast_day: &str,
) -> AppResult<()> {
    let mut tail = bulletin::tail(conn, RoundId(round_id))?;
    for vote in &instance.votes {
        // The parser has checked every id against PROJECTS.
        let mapped = |id: &String| ids.get(id.as_str()).copied().unwrap_or_default();
        let content = if instance.vote_type == VoteType::Ordinal {
            let mut seen = std::collections::HashSet::new();
            BallotContent::Ranking(
                vote.vote
                    .iter()
                    .map(mapped)
                    .filter(|id| seen.insert(*id))
                    .collect(),
            )
        } else if vote.points.is_empty() {
            let mut seen = std::collections::HashSet::new();
            BallotContent::Projects(
                vote.vote
                    .iter()
                    .map(mapped)
                    .filter(|id| seen.insert(*id))
                    .collect(),
            )
        } else {
            // The first mention of a project counts, as when the file itself is tallied.
            let mut points = std::collections::BTreeMap::new();
            for (id, n) in vote.vote.iter().zip(&vote.points) {
                points.entry(mapped(id)).or_insert(*n);
            }
            BallotContent::Points(points)
        };
        // Published at once: the file is public already.
        bulletin::append_at(
            conn,
            RoundId(round_id),
            &mut tail,
            &bulletin::NewEntry {
                district_id: None,
                ballot: bulletin::NewBallotBody::Published {
                    salt: &super::sealing::new_salt(),
                    content: &content.to_json()?,
                },
                cast_day,
                voter_tag: None,
                supersedes: None,
            },
        )?;
    }
    Ok(())
}
