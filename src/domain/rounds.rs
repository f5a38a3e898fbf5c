//! Budget rounds as citizens and clients see them: phase (derived from the clock, so every app
//! instance agrees), ballot rules, districts and projects.

use chrono::NaiveDateTime;
use serde::Serialize;
use utoipa::ToSchema;

use super::{DistrictId, ProposalId, RoundId};
use crate::db::models::{district, proposal, round, round_change, round_result};
use crate::db::DbConnection;
use crate::domain::status::ProposalStatus;
use crate::error::{AppError, AppResult};
use crate::i18n::{Lang, Message};

/// Where a round stands. Computed from its dates at `now`, never stored, so two app instances
/// reading one database always agree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Draft,
    Proposals,
    Review,
    Voting,
    Counting,
    Results,
}

impl Phase {
    pub fn of(round: &round::RoundRow, now: NaiveDateTime) -> Phase {
        if now < round.proposals_open_at {
            Phase::Draft
        } else if now < round.review_at {
            Phase::Proposals
        } else if now < round.voting_open_at {
            Phase::Review
        } else if now < round.voting_close_at {
            Phase::Voting
        } else if round.results_published_at.is_some_and(|t| t <= now) {
            Phase::Results
        } else {
            Phase::Counting
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Phase::Draft => "In preparation",
            Phase::Proposals => "Collecting proposals",
            Phase::Review => "Proposals under review",
            Phase::Voting => "Voting open",
            Phase::Counting => "Counting votes",
            Phase::Results => "Results published",
        }
    }

    /// One sentence on what a citizen can do now.
    pub fn what_you_can_do(self) -> &'static str {
        match self {
            Phase::Draft => "The council is preparing this round. Check back when proposals open.",
            Phase::Proposals => {
                "Submit an idea for your district, or support ideas from your neighbours."
            }
            Phase::Review => "The city is checking each proposal for feasibility and cost.",
            Phase::Voting => "Eligible residents can vote for the projects they want funded.",
            Phase::Counting => "Voting has closed and the ballots are being counted.",
            Phase::Results => "See which projects won and how every vote was counted.",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum BallotType {
    Approval,
    Knapsack,
    Ranked,
    Cumulative,
}

impl BallotType {
    pub fn parse(s: &str) -> AppResult<Self> {
        match s {
            "approval" => Ok(BallotType::Approval),
            "knapsack" => Ok(BallotType::Knapsack),
            "ranked" => Ok(BallotType::Ranked),
            "cumulative" => Ok(BallotType::Cumulative),
            other => Err(AppError::internal(format!(
                "unknown ballot type `{other}` in the database"
            ))),
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            BallotType::Approval => "Tick every project you support",
            BallotType::Knapsack => "Choose projects up to your district's budget",
            BallotType::Ranked => "Rank the projects you like best",
            BallotType::Cumulative => "Spread your points over the projects you like",
        }
    }
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct RoundSummary {
    pub id: RoundId,
    pub slug: String,
    pub title: String,
    pub phase: Phase,
    pub currency: String,
    /// Minor units (cents).
    pub total_budget: i64,
    pub ballot_type: BallotType,
    #[serde(serialize_with = "crate::domain::utc::serialize")]
    pub voting_open_at: NaiveDateTime,
    #[serde(serialize_with = "crate::domain::utc::serialize")]
    pub voting_close_at: NaiveDateTime,
    /// The IANA time zone its times are shown in (`Europe/Warsaw`); the API's times are UTC.
    pub time_zone: String,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct BallotRules {
    pub ballot_type: BallotType,
    pub min_choices: i32,
    pub max_choices: Option<i32>,
    pub points_total: Option<i32>,
    pub points_per_project: Option<i32>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct DistrictBudget {
    pub id: DistrictId,
    pub slug: String,
    pub name: String,
    /// Minor units (cents).
    pub budget: i64,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ProjectView {
    pub id: ProposalId,
    pub title: String,
    pub description: String,
    /// `None` for a city-wide project.
    pub district_id: Option<DistrictId>,
    pub category: Option<String>,
    /// The cost on the ballot: the validated cost once reviewed, else the estimate (cents).
    pub cost: i64,
    pub status: ProposalStatus,
    /// Set once a result is stored: whether the project is funded.
    pub funded: Option<bool>,
    /// Where it would be, if its author said (never for a proposal moderators hid).
    pub point: Option<super::place::Point>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct RoundDetail {
    #[serde(flatten)]
    pub summary: RoundSummary,
    pub description: String,
    #[serde(serialize_with = "crate::domain::utc::serialize")]
    pub proposals_open_at: NaiveDateTime,
    #[serde(serialize_with = "crate::domain::utc::serialize")]
    pub review_at: NaiveDateTime,
    pub rule: String,
    pub tie_break: String,
    pub ballot_rules: BallotRules,
    pub citywide_budget: Option<i64>,
    pub districts: Vec<DistrictBudget>,
    /// The proposals the caller asked for (see `Projects`).
    pub projects: Vec<ProjectView>,
    /// The proposals the round's public list shows, whatever their status: all but those
    /// moderators hid and duplicates merged into another.
    pub proposal_count: i64,
    /// The bulletin-board chain head the stored result was counted over.
    pub result_chain_head: Option<String>,
    pub categories: Vec<String>,
    pub eligibility: EligibilityRules,
    /// The public change log, oldest first.
    pub changes: Vec<ChangeView>,
    /// Once the council has published the result.
    pub results: Option<ResultsView>,
}

/// A published result: each pot's outcome with the explanation per project, and turnout.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ResultsView {
    /// Ballots counted (replaced ballots excluded).
    pub ballots: i64,
    /// Accounts that voted online and on paper, and voting codes used.
    pub online: i64,
    pub paper: i64,
    pub codes: i64,
    /// People on the census list, when the round checks residents against one.
    pub eligible: Option<i64>,
    pub pots: Vec<PotResult>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PotResult {
    pub district_id: Option<DistrictId>,
    pub budget: i64,
    pub spent: i64,
    pub rule: String,
    pub tie_break: String,
    /// In the order the rule considered them (funded first, in selection order).
    pub projects: Vec<ProjectResult>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ProjectResult {
    pub id: ProposalId,
    pub title: String,
    pub cost: i64,
    pub score: u64,
    pub supporters: u64,
    pub funded: bool,
    /// Why, in a sentence.
    pub explanation: String,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct EligibilityRules {
    pub min_age: Option<i32>,
    pub age_reference_date: Option<String>,
    /// none, self-declared or verified
    pub residence: String,
    pub requires_census: bool,
    pub requires_manual_check: bool,
    pub voting_codes: bool,
    /// Residents vote with the codes mailed to them only, not with an account.
    pub codes_only: bool,
    pub requires_verified_email: bool,
    /// Voters must be verified by the city's identity provider.
    pub requires_identity_provider: bool,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ChangeView {
    #[serde(serialize_with = "crate::domain::utc::serialize")]
    pub at: NaiveDateTime,
    pub what: String,
    pub reason: String,
}

fn summary(row: &round::RoundRow, now: NaiveDateTime) -> AppResult<RoundSummary> {
    Ok(RoundSummary {
        id: RoundId(row.id),
        slug: row.slug.clone(),
        title: row.title.clone(),
        phase: Phase::of(row, now),
        currency: row.currency.clone(),
        total_budget: row.total_budget,
        ballot_type: BallotType::parse(&row.ballot_type)?,
        voting_open_at: row.voting_open_at,
        voting_close_at: row.voting_close_at,
        time_zone: row.time_zone.clone(),
    })
}

fn eligibility_rules(
    conn: &mut DbConnection,
    row: &round::RoundRow,
) -> AppResult<EligibilityRules> {
    Ok(EligibilityRules {
        min_age: row.min_age,
        age_reference_date: row.age_reference_date.clone(),
        residence: row.residence.clone(),
        requires_census: row.requires_census != 0,
        requires_manual_check: row.requires_manual_check != 0,
        voting_codes: row.voting_codes != 0,
        codes_only: row.account_voting == 0,
        requires_verified_email: row.requires_verified_email != 0,
        requires_identity_provider: crate::db::models::voter_rules::requires_identity_provider(
            conn, row.id,
        )?,
    })
}

/// The public change log of a round, oldest first.
fn changes_of(conn: &mut DbConnection, round_id: i64) -> AppResult<Vec<ChangeView>> {
    Ok(round_change::of_round(conn, round_id)?
        .into_iter()
        .map(|c| ChangeView {
            at: c.at,
            what: c.what,
            reason: c.reason,
        })
        .collect())
}

/// What the council's page for one round shows besides the settings form.
pub struct CouncilView {
    pub summary: RoundSummary,
    pub eligibility: EligibilityRules,
    pub changes: Vec<ChangeView>,
    /// Voting codes issued, and used.
    pub codes: (i64, i64),
}

pub fn council_view(
    conn: &mut DbConnection,
    id: RoundId,
    now: NaiveDateTime,
) -> AppResult<CouncilView> {
    let id = id.0;
    let row = find(conn, RoundId(id))?;
    Ok(CouncilView {
        summary: summary(&row, now)?,
        eligibility: eligibility_rules(conn, &row)?,
        changes: changes_of(conn, id)?,
        codes: crate::db::models::eligibility::code_counts(conn, id)?,
    })
}

/// The summary of one round and who may vote in it.
pub fn summary_and_rules(
    conn: &mut DbConnection,
    id: RoundId,
    now: NaiveDateTime,
) -> AppResult<(RoundSummary, EligibilityRules)> {
    let id = id.0;
    let row = find(conn, RoundId(id))?;
    Ok((summary(&row, now)?, eligibility_rules(conn, &row)?))
}

/// The summary of one round.
pub fn summary_of(
    conn: &mut DbConnection,
    id: RoundId,
    now: NaiveDateTime,
) -> AppResult<RoundSummary> {
    let id = id.0;
    summary(&find(conn, RoundId(id))?, now)
}

/// A round by id: 404 with a sentence when there is none, the database error otherwise.
pub fn find(conn: &mut DbConnection, id: RoundId) -> AppResult<round::RoundRow> {
    let id = id.0;
    round::find(conn, id).map_err(|e| match e {
        diesel::result::Error::NotFound => {
            AppError::NotFound(Message::new("messages-no-round").with("id", id))
        }
        other => other.into(),
    })
}

pub fn list(conn: &mut DbConnection, now: NaiveDateTime) -> AppResult<Vec<RoundSummary>> {
    round::all(conn)?.iter().map(|r| summary(r, now)).collect()
}

/// Which of a round's proposals a caller wants with it. A city's round can gather thousands:
/// pages that need only the round's name and settings should not read them all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Projects {
    /// Every proposal, whatever its status (the API, the map, exports).
    All,
    /// The projects on the ballot, or found feasible so far (the round's page), and the
    /// published result.
    OnBallot,
    /// None, and no result (pages about one proposal, or listing them a page at a time).
    Omitted,
}

/// A round with what its public page shows; result explanations in `lang` (the API's
/// are English).
pub fn detail(
    conn: &mut DbConnection,
    id: RoundId,
    now: NaiveDateTime,
    lang: Lang,
    wanted: Projects,
) -> AppResult<RoundDetail> {
    let row = find(conn, RoundId(id.0))?;
    let currency = row.currency.clone();
    let result = round_result::find(conn, id.0)?;
    // Funded flags are public once the council publishes the result.
    let funded: Option<Vec<ProposalId>> = match &result {
        Some(r) if Phase::of(&row, now) == Phase::Results => {
            Some(super::outcome::funded_projects(r)?)
        }
        _ => None,
    };
    let districts = district::of_round(conn, id.0)?
        .into_iter()
        .map(|d| DistrictBudget {
            id: DistrictId(d.district_id),
            slug: d.slug,
            name: d.name,
            budget: d.budget,
        })
        .collect();
    let rows = match wanted {
        Projects::All => proposal::of_round(conn, id.0)?,
        Projects::OnBallot => {
            proposal::of_round_with_status(conn, id.0, ProposalStatus::Feasible.as_str())?
        }
        Projects::Omitted => Vec::new(),
    };
    let hidden = match rows.is_empty() {
        true => Default::default(),
        false => super::hidden::hidden_in_round(conn, id)?,
    };
    let projects = rows
        .into_iter()
        .map(|p| {
            let point = match hidden.contains(&p.id) {
                true => None,
                false => p
                    .latitude
                    .zip(p.longitude)
                    .and_then(|(lat, lon)| super::place::Point::new(lat, lon)),
            };
            let (title, description) =
                super::hidden::public_text(&hidden, p.id, p.title, p.description);
            ProjectView {
                point,
                id: ProposalId(p.id),
                funded: funded.as_ref().map(|f| f.contains(&ProposalId(p.id))),
                title,
                description,
                district_id: p.district_id.map(DistrictId),
                category: p.category,
                cost: p.validated_cost.unwrap_or(p.estimated_cost),
                status: ProposalStatus::of(&p.status),
            }
        })
        .collect();
    let eligibility = eligibility_rules(conn, &row)?;
    Ok(RoundDetail {
        summary: summary(&row, now)?,
        description: row.description,
        proposals_open_at: row.proposals_open_at,
        review_at: row.review_at,
        rule: row.rule,
        tie_break: row.tie_break,
        ballot_rules: BallotRules {
            ballot_type: BallotType::parse(&row.ballot_type)?,
            min_choices: row.min_choices,
            max_choices: row.max_choices,
            points_total: row.points_total,
            points_per_project: row.points_per_project,
        },
        citywide_budget: row.citywide_budget,
        districts,
        projects,
        proposal_count: proposal::count_listed(conn, id.0)?,
        result_chain_head: result.as_ref().map(|r| r.chain_head.clone()),
        categories: serde_json::from_str(&row.categories).unwrap_or_default(),
        eligibility,
        changes: changes_of(conn, id.0)?,
        results: match (&result, funded.is_some(), wanted) {
            (_, _, Projects::Omitted) => None,
            (Some(stored), true, _) => Some(results_view(conn, id.0, stored, &currency, lang)?),
            _ => None,
        },
    })
}

/// Why a project was or was not funded, in a sentence in the reader's language, with amounts
/// in the round's currency.
fn explain(reason: &crate::tally::Reason, currency: &str, lang: Lang) -> String {
    use crate::tally::Reason;
    let money = |m: &i64| lang.amount(*m, currency);
    let message = match reason {
        Reason::Funded { budget_left } => {
            Message::new("messages-result-funded").with("left", money(budget_left))
        }
        Reason::DidNotFit { budget_left } => {
            Message::new("messages-result-did-not-fit").with("left", money(budget_left))
        }
        Reason::WalkStopped { stopped_at } => {
            Message::new("messages-result-walk-stopped").with("project", stopped_at)
        }
        Reason::BelowThreshold { threshold } => Message::new("messages-result-below-threshold")
            .with("threshold", lang.number(*threshold as i64)),
        Reason::Withdrawn => Message::new("messages-result-withdrawn"),
        Reason::MesFunded {
            effective_support, ..
        } => Message::new("messages-result-mes-funded").with("support", effective_support),
        Reason::MesUnaffordable { .. } => Message::new("messages-result-mes-unaffordable"),
        Reason::FilledAfterMes { budget_left } => {
            Message::new("messages-result-filled-after-mes").with("left", money(budget_left))
        }
        Reason::PhragmenFunded { budget_left, .. } => {
            Message::new("messages-result-phragmen-funded").with("left", money(budget_left))
        }
        Reason::NoSupport => Message::new("messages-result-no-support"),
    };
    message.text(lang)
}

fn results_view(
    conn: &mut DbConnection,
    round_id: i64,
    stored: &round_result::RoundResultRow,
    currency: &str,
    lang: Lang,
) -> AppResult<ResultsView> {
    let outcome: super::outcome::StoredOutcome =
        serde_json::from_str(&stored.outcome).map_err(AppError::internal)?;
    let counted: Vec<i64> = outcome
        .pots
        .iter()
        .flat_map(|pot| pot.outcome.explanations.iter())
        .filter_map(|e| e.project.parse().ok())
        .collect();
    let titles: std::collections::HashMap<String, String> =
        proposal::titles(conn, round_id, &counted)?
            .into_iter()
            .map(|(id, title)| (id.to_string(), title))
            .collect();
    let (online, paper, codes) = crate::db::models::ballot::turnout(conn, round_id)?;
    let pots = outcome
        .pots
        .into_iter()
        .map(|pot| {
            let o = pot.outcome;
            let mut projects: Vec<ProjectResult> = o
                .explanations
                .iter()
                .map(|e| ProjectResult {
                    id: ProposalId(e.project.parse().unwrap_or_default()),
                    title: titles
                        .get(&e.project)
                        .cloned()
                        .unwrap_or_else(|| e.project.clone()),
                    cost: e.cost,
                    score: e.score,
                    supporters: e.supporters,
                    funded: e.selected,
                    explanation: explain(&e.reason, currency, lang),
                })
                .collect();
            let order = |p: &ProjectResult| {
                o.selected
                    .iter()
                    .position(|s| *s == p.id.0.to_string())
                    .unwrap_or(usize::MAX)
            };
            projects.sort_by(|a, b| order(a).cmp(&order(b)).then(b.score.cmp(&a.score)));
            PotResult {
                district_id: pot.district_id.map(DistrictId),
                budget: o.budget,
                spent: o.spent,
                rule: o.rule.to_string(),
                tie_break: o.tie_break.to_string(),
                projects,
            }
        })
        .collect();
    let census = crate::db::models::eligibility::census_size(conn, round_id)?;
    Ok(ResultsView {
        ballots: stored.ballot_count,
        online,
        paper,
        codes,
        eligible: (census > 0).then_some(census),
        pots,
    })
}
