//! Open data: a counted round as a Pabulib `.pb` file (one per pot), and its projects and
//! outcome as JSON and CSV. Nothing here holds a voter's identity, account, email, IP
//! address or time of voting: ballots are numbered in board order and carry no attributes.

use serde::Serialize;

use super::counting::{self, StoredOutcome};
use crate::db::models::{district, proposal, round_result};
use crate::db::DbConnection;
use crate::domain::ids::RoundId;
use crate::error::{AppError, AppResult};
use crate::i18n::Message;
use crate::pabulib::{self, Instance};
use crate::tally::{self, Outcome, Rule};

/// The Pabulib `rule` name of a rule, when the format has one.
fn pabulib_rule(rule: &Rule) -> &'static str {
    match rule {
        Rule::Greedy => "greedy",
        Rule::GreedyNoSkip | Rule::GreedyNoSkipThreshold { .. } => "greedy-no-skip",
        Rule::GreedyThreshold { .. } => "greedy-threshold",
        Rule::Mes {
            completion: tally::Completion::None,
            utilitarian_fill: false,
        } => "equalshares",
        Rule::Mes {
            completion: tally::Completion::Add1Full,
            utilitarian_fill: false,
        } => "equalshares/add1",
        _ => "unknown",
    }
}

/// Which pot of a round: `None` picks the only one; `citywide` or a district slug otherwise.
fn pot_index(
    pots: &[(Option<i64>, tally::Election)],
    districts: &[district::RoundDistrictRow],
    wanted: Option<&str>,
) -> AppResult<usize> {
    let slug_of = |d: Option<i64>| {
        d.and_then(|id| districts.iter().find(|x| x.district_id == id))
            .map_or("citywide".to_string(), |x| x.slug.clone())
    };
    match wanted {
        None if pots.len() == 1 => Ok(0),
        None => Err(AppError::Unprocessable(
            format!(
                "this round is counted in {} pots; choose one: {}",
                pots.len(),
                pots.iter()
                    .map(|(d, _)| slug_of(*d))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
            .into(),
        )),
        Some(slug) => pots
            .iter()
            .position(|(d, _)| slug_of(*d) == slug)
            .ok_or_else(|| {
                AppError::Unprocessable(format!("`{slug}` is not a pot of this round").into())
            }),
    }
}

/// The stored outcome of a pot, if the round was counted.
fn stored_outcome(
    conn: &mut DbConnection,
    round_id: i64,
    district_id: Option<i64>,
) -> AppResult<Option<Outcome>> {
    let Some(row) = round_result::find(conn, round_id)? else {
        return Ok(None);
    };
    let stored: StoredOutcome = serde_json::from_str(&row.outcome).map_err(AppError::internal)?;
    Ok(stored
        .pots
        .into_iter()
        .find(|p| p.district_id == district_id)
        .map(|p| p.outcome))
}

/// A pot's slug (a district's, or `citywide`) and its district's name.
pub type PotName = (String, Option<String>);

/// The pots a round is counted in, as `(slug, name)`: a district's slug and name, or
/// `citywide` with no name. Each pot is exported as its own Pabulib file.
pub fn pots_of(conn: &mut DbConnection, round_id: RoundId) -> AppResult<Vec<PotName>> {
    let row = crate::domain::rounds::find(conn, round_id)?;
    let districts = district::of_round(conn, round_id.0)?;
    let elections = counting::round_elections(conn, &row)?;
    Ok(elections
        .pots
        .iter()
        .map(|(district_id, _)| {
            match district_id.and_then(|id| districts.iter().find(|d| d.district_id == id)) {
                Some(d) => (d.slug.clone(), Some(d.name.clone())),
                None => ("citywide".to_string(), None),
            }
        })
        .collect())
}

/// One pot of a round as a Pabulib instance, with `selected` from the stored result.
pub fn pabulib_instance(
    conn: &mut DbConnection,
    round_id: RoundId,
    pot: Option<&str>,
) -> AppResult<Instance> {
    let round_id = round_id.0;
    let row = crate::domain::rounds::find(conn, RoundId(round_id))?;
    let districts = district::of_round(conn, round_id)?;
    let elections = counting::round_elections(conn, &row)?;
    let index = pot_index(&elections.pots, &districts, pot)?;
    let (district_id, election) = &elections.pots[index];
    let rule = counting::parse_rule(&row.rule)?;
    let mut instance =
        Instance::from_election(election).map_err(|e| AppError::internal(e.to_string()))?;
    let district_name = district_id
        .and_then(|id| districts.iter().find(|d| d.district_id == id))
        .map(|d| d.name.clone());
    let date = |t: chrono::NaiveDateTime| t.format("%d.%m.%Y").to_string();
    instance
        .set_meta("description", &format!("{}{}", row.title, district_name.as_deref().map(|d| format!(", {d}")).unwrap_or_default()))
        .set_meta("country", "")
        .set_meta("unit", &row.title)
        .set_meta("instance", &row.slug)
        .set_meta("district", district_name.as_deref().unwrap_or("city-wide"))
        .set_meta("rule", pabulib_rule(&rule))
        .set_meta("date_begin", &date(row.voting_open_at))
        .set_meta("date_end", &date(row.voting_close_at))
        .set_meta("currency", &row.currency)
        .set_meta("comment", &format!("#1: exported by budgetbox; counted with rule {rule} and tie-break {}; chain head {}", row.tie_break, elections.chain_head));
    if let Rule::GreedyThreshold { min_score } | Rule::GreedyNoSkipThreshold { min_score } = rule {
        instance.set_meta("min_project_score_threshold", &min_score.to_string());
    }
    match row.ballot_type.as_str() {
        "approval" | "ranked" => {
            instance.set_meta("min_length", &row.min_choices.max(1).to_string());
            if let Some(max) = row.max_choices {
                instance.set_meta("max_length", &max.to_string());
            }
        }
        "cumulative" => {
            instance.set_meta("max_sum_points", &row.points_total.unwrap_or(0).to_string());
            if let Some(max) = row.points_per_project {
                instance.set_meta("max_points", &max.to_string());
            }
        }
        _ => {}
    }
    let rows = proposal::of_round(conn, round_id)?;
    // What moderators hid stays hidden here too: the public title, no point.
    let hidden = crate::domain::hidden::hidden_in_round(conn, RoundId(round_id))?;
    // Where each project would be, in the PROJECTS columns Pabulib defines for it.
    let points: std::collections::HashMap<String, (f64, f64)> = rows
        .iter()
        .filter(|p| !hidden.contains(&p.id))
        .filter_map(|p| Some((p.id.to_string(), (p.latitude?, p.longitude?))))
        .collect();
    let titles: std::collections::HashMap<String, String> = rows
        .into_iter()
        .map(|p| {
            let (title, _) =
                crate::domain::hidden::public_text(&hidden, p.id, p.title, p.description);
            (p.id.to_string(), title)
        })
        .collect();
    let scores = tally::scores::scores(election);
    let outcome = stored_outcome(conn, round_id, *district_id)?;
    let external = proposal::external_ids_of_round(conn, round_id)?;
    let public_id = |id: &str| {
        id.parse::<i64>()
            .ok()
            .and_then(|n| external.get(&n).cloned())
            .unwrap_or_else(|| id.to_string())
    };
    instance.project_columns = vec!["name".into(), "votes".into(), "score".into()];
    let with_points = instance.projects.iter().any(|p| points.contains_key(&p.id));
    if with_points {
        instance
            .project_columns
            .extend(["latitude".into(), "longitude".into()]);
    }
    for (i, project) in instance.projects.iter_mut().enumerate() {
        if with_points {
            let (lat, lon) = points
                .get(&project.id)
                .map(|(lat, lon)| (format!("{lat:.6}"), format!("{lon:.6}")))
                .unwrap_or_default();
            project.extra.insert("latitude".into(), lat);
            project.extra.insert("longitude".into(), lon);
        }
        project.extra.insert(
            "name".into(),
            titles.get(&project.id).cloned().unwrap_or_default(),
        );
        project
            .extra
            .insert("votes".into(), scores.supporters[i].to_string());
        project
            .extra
            .insert("score".into(), scores.score[i].to_string());
        project.selected = outcome
            .as_ref()
            .map(|o| i64::from(o.selected.contains(&project.id)));
        // An imported round gives back the ids of the file it came from.
        project.id = public_id(&project.id);
    }
    for vote in &mut instance.votes {
        for id in &mut vote.vote {
            *id = public_id(id);
        }
    }
    Ok(instance)
}

/// The round's proposals with a point, as GeoJSON (see `map::geojson`).
pub fn geojson_text(
    conn: &mut DbConnection,
    round_id: RoundId,
    now: chrono::NaiveDateTime,
) -> AppResult<String> {
    let round = crate::domain::rounds::detail(
        conn,
        round_id,
        now,
        crate::i18n::Lang::En,
        crate::domain::rounds::Projects::All,
    )?;
    Ok(crate::domain::map::geojson(&round))
}

pub fn pabulib_text(
    conn: &mut DbConnection,
    round_id: RoundId,
    pot: Option<&str>,
) -> AppResult<String> {
    let round_id = round_id.0;
    Ok(pabulib::write(&pabulib_instance(
        conn,
        RoundId(round_id),
        pot,
    )?))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ProjectRow {
    pub project_id: i64,
    pub title: String,
    /// District slug, or `citywide`.
    pub pot: String,
    pub cost: i64,
    pub supporters: u64,
    pub score: u64,
    pub selected: Option<bool>,
    pub reason: Option<String>,
}

/// Projects with votes, cost and (once counted) the outcome and its reason, every pot.
pub fn project_rows(conn: &mut DbConnection, round_id: RoundId) -> AppResult<Vec<ProjectRow>> {
    let round_id = round_id.0;
    let row = crate::domain::rounds::find(conn, RoundId(round_id))?;
    let districts = district::of_round(conn, round_id)?;
    let titles: std::collections::HashMap<String, String> = proposal::of_round(conn, round_id)?
        .into_iter()
        .map(|p| (p.id.to_string(), p.title))
        .collect();
    let mut rows = Vec::new();
    for (district_id, election) in counting::round_elections(conn, &row)?.pots {
        let pot = district_id
            .and_then(|id| districts.iter().find(|d| d.district_id == id))
            .map_or("citywide".to_string(), |d| d.slug.clone());
        let scores = tally::scores::scores(&election);
        let outcome = stored_outcome(conn, round_id, district_id)?;
        for (i, p) in election.projects.iter().enumerate() {
            let explanation = outcome
                .as_ref()
                .and_then(|o| o.explanations.iter().find(|e| e.project == p.id));
            rows.push(ProjectRow {
                project_id: p.id.parse().unwrap_or_default(),
                title: titles.get(&p.id).cloned().unwrap_or_default(),
                pot: pot.clone(),
                cost: p.cost,
                supporters: scores.supporters[i],
                score: scores.score[i],
                selected: explanation.map(|e| e.selected),
                reason: explanation.map(|e| {
                    serde_json::to_value(&e.reason)
                        .ok()
                        .and_then(|v| v["kind"].as_str().map(String::from))
                        .unwrap_or_default()
                }),
            });
        }
    }
    Ok(rows)
}

pub fn projects_csv(rows: &[ProjectRow]) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    let _ = out.write_record([
        "project_id",
        "title",
        "pot",
        "cost_cents",
        "supporters",
        "score",
        "selected",
        "reason",
    ]);
    for r in rows {
        let _ = out.write_record([
            r.project_id.to_string(),
            r.title.clone(),
            r.pot.clone(),
            r.cost.to_string(),
            r.supporters.to_string(),
            r.score.to_string(),
            r.selected
                .map_or(String::new(), |s| u8::from(s).to_string()),
            r.reason.clone().unwrap_or_default(),
        ]);
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}

fn timestamp(t: chrono::NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// The signed audit package of a counted round (see `crate::audit`).
pub fn audit_package(
    conn: &mut DbConnection,
    round_id: RoundId,
    key: &ed25519_dalek::SigningKey,
) -> AppResult<Vec<u8>> {
    let round_id = round_id.0;
    use crate::audit::{ChangeRecord, Contents, ResultRecord, RoundRecord};
    use crate::db::models::{ballot, round_change};

    let row = crate::domain::rounds::find(conn, RoundId(round_id))?;
    let stored = round_result::find(conn, round_id)?.ok_or_else(|| {
        AppError::Conflict(Message::new("messages-export-round-been-counted-yet"))
    })?;
    let outcome: StoredOutcome =
        serde_json::from_str(&stored.outcome).map_err(AppError::internal)?;
    let basis = counting::count_basis(conn, &row)?;
    let round = RoundRecord {
        round_id,
        slug: row.slug.clone(),
        title: row.title.clone(),
        currency: row.currency.clone(),
        ballot_type: row.ballot_type.clone(),
        min_choices: row.min_choices.into(),
        max_choices: row.max_choices.map(i64::from),
        points_total: row.points_total.map(i64::from),
        points_per_project: row.points_per_project.map(i64::from),
        rule: row.rule.clone(),
        tie_break: row.tie_break.clone(),
        revote_policy: row.revote_policy.clone(),
        time_zone: row.time_zone.clone(),
        proposals_open_at: timestamp(row.proposals_open_at),
        review_at: timestamp(row.review_at),
        voting_open_at: timestamp(row.voting_open_at),
        voting_close_at: timestamp(row.voting_close_at),
        basis,
    };
    let changes = round_change::of_round(conn, round_id)?
        .into_iter()
        .map(|c| ChangeRecord {
            at: timestamp(c.at),
            what: c.what,
            reason: c.reason,
        })
        .collect();
    let ballots = ballot::of_round(conn, round_id)?
        .into_iter()
        .map(crate::domain::bulletin::entry)
        .collect();
    let result = ResultRecord {
        rule: stored.rule,
        tie_break: stored.tie_break,
        chain_head: stored.chain_head,
        ballot_count: stored.ballot_count,
        computed_at: timestamp(stored.computed_at),
        pots: outcome.pots,
    };
    let districts = district::of_round(conn, round_id)?;
    let mut extra = Vec::new();
    for pot in &result.pots {
        let slug = pot
            .district_id
            .and_then(|id| districts.iter().find(|d| d.district_id == id))
            .map_or("citywide".to_string(), |d| d.slug.clone());
        let pot_arg = (result.pots.len() > 1).then_some(slug.as_str());
        extra.push((
            format!("pots/{slug}.pb"),
            pabulib_text(conn, RoundId(round_id), pot_arg)?.into_bytes(),
        ));
    }
    let tree_head = super::board_tree::latest(conn, RoundId(round_id))?;
    crate::audit::write(
        &Contents {
            round,
            changes,
            ballots,
            result,
            tree_head,
            extra,
        },
        key,
    )
    .map_err(AppError::internal)
}
