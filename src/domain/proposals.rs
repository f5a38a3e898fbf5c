//! Proposals: eligible residents submit project ideas during the proposal phase and may edit
//! or withdraw them until review starts; reviewers decide feasibility and the cost that goes on
//! the ballot, with a public reason.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::money::parse_amount;
use super::rounds::Phase;
use crate::db::models::proposal::{self, NewProposal, ProposalRow, ProposalText};
use crate::db::models::user::UserRow;
use crate::db::models::{
    audit, change_request, district, moderation, proposal_image, proposal_merge, proposal_support,
    round,
};
use crate::db::DbConnection;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::i18n::Message;

const TITLE_MAX: usize = 120;
const DESCRIPTION_MAX: usize = 10_000;
/// A cost above this many times the round's total budget is refused as absurd; above the
/// budget itself it is accepted but flagged.
const ABSURD_FACTOR: i64 = 100;

/// A proposal as typed (form or JSON).
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProposalInput {
    pub title: String,
    pub description: String,
    /// Amount in currency units, e.g. "25,000" or "25000.50".
    pub estimated_cost: String,
    /// District slug; empty for a city-wide project.
    #[serde(default)]
    pub district: String,
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub location: String,
}

struct Checked {
    title: String,
    description: String,
    cost: i64,
    district_id: Option<i64>,
    category: Option<String>,
    location: Option<String>,
}

fn check(
    conn: &mut DbConnection,
    round: &round::RoundRow,
    input: &ProposalInput,
) -> AppResult<Checked> {
    let mut e = FieldErrors::default();
    let title = input.title.trim().to_string();
    match title.chars().count() {
        0..=4 => e.add(
            "title",
            Message::new("messages-proposal-give-proposal-title-least"),
        ),
        n if n > TITLE_MAX => e.add(
            "title",
            Message::new("messages-proposal-title-too-long")
                .with("max", TITLE_MAX)
                .with("now", n),
        ),
        _ => {}
    }
    let description = input.description.trim().to_string();
    match description.chars().count() {
        0..=19 => e.add(
            "description",
            Message::new("messages-proposal-describe-project-least-20"),
        ),
        n if n > DESCRIPTION_MAX => e.add(
            "description",
            Message::new("messages-proposal-description-too-long")
                .with("max", DESCRIPTION_MAX)
                .with("now", n),
        ),
        _ => {}
    }
    let cost = match parse_amount(&input.estimated_cost) {
        Ok(0) => {
            e.add(
                "estimated_cost",
                Message::new("messages-proposal-enter-estimated-cost-above"),
            );
            0
        }
        Ok(c) if c > round.total_budget.saturating_mul(ABSURD_FACTOR) => {
            e.add(
                "estimated_cost",
                Message::new("messages-proposal-cost-far-above-whole"),
            );
            0
        }
        Ok(c) => c,
        Err(m) => {
            e.add("estimated_cost", m);
            0
        }
    };
    let districts = district::of_round(conn, round.id)?;
    let district_id = match input.district.trim() {
        "" | "citywide" => None,
        slug => match districts.iter().find(|d| d.slug == slug) {
            Some(d) => Some(d.district_id),
            None => {
                e.add(
                    "district",
                    Message::new("messages-proposal-choose-round-s-districts"),
                );
                None
            }
        },
    };
    if district_id.is_none()
        && !districts.is_empty()
        && round.citywide_budget.is_none()
        && e.get("district").is_none()
    {
        e.add(
            "district",
            Message::new("messages-proposal-round-has-no-city"),
        );
    }
    let categories: Vec<String> = serde_json::from_str(&round.categories).unwrap_or_default();
    let category = match input.category.trim() {
        "" => None,
        c if categories.iter().any(|k| k == c) => Some(c.to_string()),
        _ => {
            e.add(
                "category",
                Message::new("messages-proposal-choose-round-s-categories"),
            );
            None
        }
    };
    let location = Some(input.location.trim().to_string()).filter(|l| !l.is_empty());
    if location.as_ref().is_some_and(|l| l.chars().count() > 200) {
        e.add(
            "location",
            Message::new("messages-proposal-keep-location-200-characters"),
        );
    }
    e.into_result()?;
    Ok(Checked {
        title,
        description,
        cost,
        district_id,
        category,
        location,
    })
}

/// Proposing and supporting are for the round's eligible residents; `act` is the verb.
fn must_be_eligible(
    conn: &mut DbConnection,
    round: &round::RoundRow,
    user: &UserRow,
    act: &str,
) -> AppResult<()> {
    let eligibility = super::eligibility::check(conn, round, user)?;
    match eligibility.requirements.iter().find(|r| !r.met) {
        Some(unmet) => Err(AppError::Forbidden(
            format!(
                "you cannot {act} proposals in this round: {}",
                unmet.explanation
            )
            .into(),
        )),
        None => Ok(()),
    }
}

fn round_of(conn: &mut DbConnection, round_id: i64) -> AppResult<round::RoundRow> {
    crate::domain::rounds::find(conn, round_id)
}

fn proposal_of(conn: &mut DbConnection, id: i64) -> AppResult<ProposalRow> {
    proposal::find(conn, id)?
        .ok_or_else(|| AppError::NotFound(Message::new("messages-no-proposal").with("id", id)))
}

/// Submits a proposal; returns its id. Nothing is stored when anything is wrong.
pub fn submit(
    conn: &mut DbConnection,
    author: &UserRow,
    round_id: i64,
    input: &ProposalInput,
    now: NaiveDateTime,
) -> AppResult<i64> {
    let round = round_of(conn, round_id)?;
    if Phase::of(&round, now) != Phase::Proposals {
        return Err(AppError::Forbidden(Message::new(
            "messages-proposals-proposals-submitted-while-round",
        )));
    }
    must_be_eligible(conn, &round, author, "submit")?;
    let c = check(conn, &round, input)?;
    let limit = i64::from(super::round_config::proposal_rules(conn, round_id)?.max_per_author);
    crate::db::write_transaction(conn, |conn| {
        if proposal::active_count_by_author(conn, round_id, author.id)? >= limit {
            return Err(AppError::Conflict(
                format!(
                "you already have {limit} proposals in this round; withdraw one to submit another"
            )
                .into(),
            ));
        }
        Ok(proposal::insert(
            conn,
            &NewProposal {
                round_id,
                district_id: c.district_id,
                author_id: Some(author.id),
                title: &c.title,
                description: &c.description,
                category: c.category.as_deref(),
                location: c.location.as_deref(),
                estimated_cost: c.cost,
                validated_cost: None,
                status: "submitted",
                created_at: now,
                updated_at: now,
            },
        )?)
    })
}

/// The author edits their proposal, until review starts.
pub fn edit(
    conn: &mut DbConnection,
    author: &UserRow,
    id: i64,
    input: &ProposalInput,
    now: NaiveDateTime,
) -> AppResult<()> {
    let p = proposal_of(conn, id)?;
    let round = authored_and_open(conn, author, &p, now)?;
    let c = check(conn, &round, input)?;
    crate::db::write_transaction(conn, |conn| {
        change_request::answer_open(conn, id, now)?;
        proposal::update_text(
            conn,
            id,
            &ProposalText {
                district_id: c.district_id,
                title: &c.title,
                description: &c.description,
                category: c.category.as_deref(),
                location: c.location.as_deref(),
                estimated_cost: c.cost,
                updated_at: now,
            },
        )?;
        // The council's translation was of the words before; readers get the author's new
        // words until it translates them again.
        if c.title != p.title || c.description != p.description {
            crate::db::models::translation::delete(conn, p.round_id, Some(id), None)?;
        }
        Ok(())
    })
}

/// The author withdraws their proposal, until review starts; it stays visible as withdrawn.
pub fn withdraw(
    conn: &mut DbConnection,
    mailing: &super::notifications::Mailing,
    author: &UserRow,
    id: i64,
    now: NaiveDateTime,
) -> AppResult<()> {
    let p = proposal_of(conn, id)?;
    authored_and_open(conn, author, &p, now)?;
    crate::db::write_transaction(conn, |conn| {
        proposal::set_status(conn, id, "withdrawn", None, now)?;
        let news = super::notifications::ProposalNews::Withdrawn;
        super::notifications::proposal_news(conn, mailing, id, &news, now)
    })
}

fn authored_and_open(
    conn: &mut DbConnection,
    author: &UserRow,
    p: &ProposalRow,
    now: NaiveDateTime,
) -> AppResult<round::RoundRow> {
    if p.author_id != Some(author.id) {
        return Err(AppError::Forbidden(Message::new(
            "messages-proposals-author-change-proposal",
        )));
    }
    if p.status == "withdrawn" {
        return Err(AppError::Conflict(Message::new(
            "messages-proposals-proposal-been-withdrawn",
        )));
    }
    let round = round_of(conn, p.round_id)?;
    let mut asked = || -> AppResult<bool> {
        Ok(change_request::of_proposal(conn, p.id)?
            .iter()
            .any(|r| r.answered_at.is_none()))
    };
    match Phase::of(&round, now) {
        Phase::Proposals => Ok(round),
        // During review the author may change it only when a reviewer asked them to.
        Phase::Review if p.status == "submitted" && asked()? => Ok(round),
        _ => Err(AppError::Forbidden(Message::new(
            "messages-proposals-proposals-changed-until-review",
        ))),
    }
}

#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewInput {
    /// `feasible` or `infeasible`.
    pub decision: String,
    /// The cost that goes on the ballot (feasible only), in currency units.
    #[serde(default)]
    pub validated_cost: String,
    /// Published with the decision.
    pub reason: String,
}

/// A reviewer's decision during the review phase; recorded with who and when, shown publicly
/// with its reason (not the reviewer).
pub fn review(
    conn: &mut DbConnection,
    mailing: &super::notifications::Mailing,
    reviewer_id: i64,
    id: i64,
    input: &ReviewInput,
    now: NaiveDateTime,
) -> AppResult<()> {
    let p = proposal_of(conn, id)?;
    if p.status == "withdrawn" {
        return Err(AppError::Conflict(Message::new(
            "messages-proposals-proposal-been-withdrawn",
        )));
    }
    let round = round_of(conn, p.round_id)?;
    if Phase::of(&round, now) != Phase::Review {
        return Err(AppError::Forbidden(Message::new(
            "messages-proposals-proposals-reviewed-during-review",
        )));
    }
    if let Some((into, _)) = proposal_merge::merged_into(conn, id)? {
        return Err(AppError::Conflict(
            Message::new("messages-proposal-merged-review-other").with("id", into),
        ));
    }
    if let Some(needed) = super::round_config::proposal_rules(conn, p.round_id)?.support_threshold {
        let got = proposal_support::count(conn, id)?;
        if got < i64::from(needed) {
            return Err(AppError::Conflict(
                format!(
                    "this proposal gathered {got} of the {needed} supports needed to be reviewed"
                )
                .into(),
            ));
        }
    }
    let mut e = FieldErrors::default();
    let reason = input.reason.trim();
    if reason.chars().count() < 5 {
        e.add(
            "reason",
            Message::new("messages-proposal-give-public-reason-decision"),
        );
    }
    let validated = match input.decision.as_str() {
        "feasible" => match input.validated_cost.trim() {
            "" => Some(p.estimated_cost),
            raw => match parse_amount(raw) {
                Ok(c) if c > 0 => Some(c),
                _ => {
                    e.add(
                        "validated_cost",
                        Message::new("messages-proposal-enter-validated-cost-amount"),
                    );
                    None
                }
            },
        },
        "infeasible" => None,
        _ => {
            e.add(
                "decision",
                Message::new("messages-proposal-choose-feasible-not-feasible"),
            );
            None
        }
    };
    e.into_result()?;
    crate::db::write_transaction(conn, |conn| {
        proposal::add_review(
            conn,
            id,
            now,
            reviewer_id,
            &input.decision,
            validated,
            reason,
        )?;
        proposal::set_status(conn, id, &input.decision, validated, now)?;
        let news = super::notifications::ProposalNews::Decided {
            feasible: input.decision == "feasible",
            reason: reason.to_string(),
        };
        super::notifications::proposal_news(conn, mailing, id, &news, now)?;
        Ok(())
    })
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ReviewView {
    #[serde(serialize_with = "crate::domain::utc::serialize")]
    pub at: NaiveDateTime,
    pub decision: String,
    pub validated_cost: Option<i64>,
    pub reason: String,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ProposalView {
    pub id: i64,
    pub round_id: i64,
    pub title: String,
    pub description: String,
    pub district_id: Option<i64>,
    pub category: Option<String>,
    pub location: Option<String>,
    pub estimated_cost: i64,
    pub validated_cost: Option<i64>,
    pub status: String,
    /// True when the estimate exceeds the round's whole budget (accepted, but flagged).
    pub over_budget: bool,
    /// The author's display name, or "deleted user".
    pub author: String,
    /// Who wrote it, for the pages' own checks (only the author may edit); never published:
    /// an account id would let anyone tie a person's proposals together across rounds.
    #[serde(skip)]
    pub author_id: Option<i64>,
    #[serde(serialize_with = "crate::domain::utc::serialize")]
    pub created_at: NaiveDateTime,
    #[serde(serialize_with = "crate::domain::utc::serialize")]
    pub updated_at: NaiveDateTime,
    pub reviews: Vec<ReviewView>,
    /// Supports gathered (rounds with supports switched on).
    pub supports: i64,
    /// The supports needed to be reviewed, when the round sets a threshold.
    pub support_threshold: Option<i32>,
    /// Why moderators hid the text; the title and description are then empty for everyone
    /// but reviewers and council.
    pub hidden_reason: Option<String>,
    /// The proposal this duplicate was merged into, and why.
    pub merged_into: Option<(i64, String)>,
    /// Authors of duplicates merged into this one, credited with its author.
    pub co_authors: Vec<String>,
    /// Changes reviewers asked for, oldest first.
    pub change_requests: Vec<ChangeRequestView>,
    /// Whether the proposal has a picture (at `/proposals/{id}/image`).
    pub has_image: bool,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ChangeRequestView {
    #[serde(serialize_with = "crate::domain::utc::serialize")]
    pub at: NaiveDateTime,
    pub reason: String,
    #[serde(serialize_with = "crate::domain::utc::serialize_option")]
    pub answered_at: Option<NaiveDateTime>,
}

impl ProposalView {
    /// What the public sees of a hidden proposal: the moderators' reason, not the text.
    pub fn redacted(mut self) -> Self {
        if self.hidden_reason.is_some() {
            self.title = "Hidden by the moderators".into();
            self.description = String::new();
            self.location = None;
        }
        self
    }
}

pub fn view(conn: &mut DbConnection, id: i64) -> AppResult<ProposalView> {
    let p = proposal_of(conn, id)?;
    let round = round_of(conn, p.round_id)?;
    let author = match p.author_id {
        Some(a) => crate::db::models::user::find(conn, a)?
            .map_or("deleted user".to_string(), |u| u.display_name),
        None => "deleted user".to_string(),
    };
    let reviews = proposal::reviews_of(conn, id)?
        .into_iter()
        .map(|r| ReviewView {
            at: r.at,
            decision: r.decision,
            validated_cost: r.validated_cost,
            reason: r.reason,
        })
        .collect();
    let rules = super::round_config::proposal_rules(conn, p.round_id)?;
    let supports = proposal_support::count(conn, id)?;
    let hidden_reason = moderation::state(conn, id)?
        .filter(|(hidden, _)| *hidden)
        .map(|(_, reason)| reason);
    let merged_into = proposal_merge::merged_into(conn, id)?;
    let mut co_authors = Vec::new();
    for (_, author_id) in proposal_merge::merged_from(conn, id)? {
        let name = match author_id {
            Some(a) => crate::db::models::user::find(conn, a)?
                .map_or("deleted user".to_string(), |u| u.display_name),
            None => "deleted user".to_string(),
        };
        co_authors.push(name);
    }
    let change_requests = change_request::of_proposal(conn, id)?
        .into_iter()
        .map(|r| ChangeRequestView {
            at: r.at,
            reason: r.reason,
            answered_at: r.answered_at,
        })
        .collect();
    let has_image = proposal_image::exists(conn, id)?;
    Ok(ProposalView {
        merged_into,
        co_authors,
        change_requests,
        has_image,
        supports,
        support_threshold: rules.support_threshold,
        hidden_reason,
        over_budget: p.estimated_cost > round.total_budget,
        id: p.id,
        round_id: p.round_id,
        title: p.title,
        description: p.description,
        district_id: p.district_id,
        category: p.category,
        location: p.location,
        estimated_cost: p.estimated_cost,
        validated_cost: p.validated_cost,
        status: p.status,
        author,
        author_id: p.author_id,
        created_at: p.created_at,
        updated_at: p.updated_at,
        reviews,
    })
}

/// Proposals shown per page.
pub const PAGE_SIZE: i64 = 20;

/// The filters of a proposal list, as typed in the URL (all optional).
#[derive(Clone, Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct ListQuery {
    /// Words to find in titles, descriptions and locations
    pub q: Option<String>,
    /// District slug, or `citywide`
    pub district: Option<String>,
    /// submitted, feasible, infeasible or withdrawn
    pub status: Option<String>,
    pub category: Option<String>,
    /// Cost at least this (currency units)
    pub min_cost: Option<String>,
    /// Cost at most this (currency units)
    pub max_cost: Option<String>,
    /// newest (default), oldest, cost-low, cost-high or title
    pub sort: Option<String>,
    /// 1-based page number
    pub page: Option<String>,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ListItem {
    pub id: i64,
    pub title: String,
    pub district_id: Option<i64>,
    pub category: Option<String>,
    /// The cost on the ballot: validated if reviewed, else the estimate (cents).
    pub cost: i64,
    pub status: String,
}

#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ListPage {
    pub items: Vec<ListItem>,
    /// Proposals matching the filters, on all pages.
    pub total: i64,
    pub page: i64,
    pub pages: i64,
}

/// A page of a round's proposals. A filter that cannot be read is a field error, so a person
/// sees which one to fix; nothing here fails on odd input.
pub fn list(conn: &mut DbConnection, round_id: i64, query: &ListQuery) -> AppResult<ListPage> {
    use proposal::{DistrictFilter, Search, SearchSort};
    round_of(conn, round_id)?;
    let mut e = FieldErrors::default();
    let text = |v: &Option<String>| v.as_deref().map(str::trim).unwrap_or("").to_string();
    let district = match text(&query.district).as_str() {
        "" => DistrictFilter::Any,
        "citywide" => DistrictFilter::CityWide,
        slug => match district::of_round(conn, round_id)?
            .into_iter()
            .find(|d| d.slug == slug)
        {
            Some(d) => DistrictFilter::District(d.district_id),
            None => {
                e.add(
                    "district",
                    Message::new("messages-proposal-choose-round-s-districts"),
                );
                DistrictFilter::Any
            }
        },
    };
    let status = text(&query.status);
    if !status.is_empty()
        && !["submitted", "feasible", "infeasible", "withdrawn"].contains(&status.as_str())
    {
        e.add(
            "status",
            Message::new("messages-proposal-choose-statuses-list"),
        );
    }
    let mut cost = |field: &str, v: &Option<String>| match text(v).as_str() {
        "" => None,
        raw => match parse_amount(raw) {
            Ok(c) => Some(c),
            Err(m) => {
                e.add(field, m);
                None
            }
        },
    };
    let min_cost = cost("min_cost", &query.min_cost);
    let max_cost = cost("max_cost", &query.max_cost);
    let sort = match text(&query.sort).as_str() {
        "" | "newest" => SearchSort::Newest,
        "oldest" => SearchSort::Oldest,
        "cost-low" => SearchSort::CostLow,
        "cost-high" => SearchSort::CostHigh,
        "title" => SearchSort::Title,
        _ => {
            e.add("sort", Message::new("messages-proposal-choose-orders-list"));
            SearchSort::Newest
        }
    };
    let page = match text(&query.page).as_str() {
        "" => 1,
        raw => match raw.parse::<i64>() {
            Ok(n) if (1..=100_000).contains(&n) => n,
            _ => {
                e.add(
                    "page",
                    Message::new("messages-proposal-pages-are-numbered-1"),
                );
                1
            }
        },
    };
    e.into_result()?;
    let category = Some(text(&query.category)).filter(|c| !c.is_empty());
    let (rows, total) = proposal::search(
        conn,
        &Search {
            round_id,
            words: proposal::search_words(&text(&query.q)),
            district,
            status: Some(status).filter(|s| !s.is_empty()),
            category,
            min_cost,
            max_cost,
            sort,
            limit: PAGE_SIZE,
            offset: (page - 1) * PAGE_SIZE,
        },
    )?;
    Ok(ListPage {
        items: rows
            .into_iter()
            .map(|p| ListItem {
                id: p.id,
                title: p.title,
                district_id: p.district_id,
                category: p.category,
                cost: p.validated_cost.unwrap_or(p.estimated_cost),
                status: p.status,
            })
            .collect(),
        total,
        page,
        pages: ((total + PAGE_SIZE - 1) / PAGE_SIZE).max(1),
    })
}

/// A resident supports (endorses) a proposal while proposals are collected; once each.
pub fn support(
    conn: &mut DbConnection,
    user: &UserRow,
    id: i64,
    now: NaiveDateTime,
) -> AppResult<()> {
    let p = proposal_of(conn, id)?;
    let round = round_of(conn, p.round_id)?;
    if !super::round_config::proposal_rules(conn, p.round_id)?.supports {
        return Err(AppError::Forbidden(Message::new(
            "messages-proposals-round-does-collect-supports",
        )));
    }
    if Phase::of(&round, now) != Phase::Proposals {
        return Err(AppError::Forbidden(Message::new(
            "messages-proposals-proposals-supported-while-they",
        )));
    }
    if p.status == "withdrawn" {
        return Err(AppError::Conflict(Message::new(
            "messages-proposals-proposal-been-withdrawn",
        )));
    }
    if p.author_id == Some(user.id) {
        return Err(AppError::Conflict(Message::new(
            "messages-proposals-cannot-support-own-proposal",
        )));
    }
    must_be_eligible(conn, &round, user, "support")?;
    if !proposal_support::add(conn, id, user.id, now)? {
        return Err(AppError::Conflict(Message::new(
            "messages-proposals-already-support-proposal",
        )));
    }
    Ok(())
}

/// Takes a support back, while proposals are collected.
pub fn unsupport(
    conn: &mut DbConnection,
    user: &UserRow,
    id: i64,
    now: NaiveDateTime,
) -> AppResult<()> {
    let p = proposal_of(conn, id)?;
    if Phase::of(&round_of(conn, p.round_id)?, now) != Phase::Proposals {
        return Err(AppError::Forbidden(Message::new(
            "messages-proposals-supports-changed-while-proposals",
        )));
    }
    if !proposal_support::remove(conn, id, user.id)? {
        return Err(AppError::Conflict(Message::new(
            "messages-proposals-do-support-proposal",
        )));
    }
    Ok(())
}

fn moderation_reason(reason: &str, field: &str) -> AppResult<String> {
    let reason = reason.trim();
    match reason.chars().count() {
        5..=500 => Ok(reason.to_string()),
        _ => {
            let mut e = FieldErrors::default();
            e.add(
                field,
                Message::new("messages-proposal-say-5-500-characters"),
            );
            Err(e.into())
        }
    }
}

/// Anyone logged in may report a proposal as abusive, once; reviewers see the reports.
pub fn flag(
    conn: &mut DbConnection,
    user: &UserRow,
    id: i64,
    reason: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    let reason = moderation_reason(reason, "reason")?;
    proposal_of(conn, id)?;
    if !moderation::flag(conn, id, user.id, &reason, now)? {
        return Err(AppError::Conflict(Message::new(
            "messages-proposals-already-reported-proposal-moderators",
        )));
    }
    Ok(())
}

/// Reviewers hide a proposal's text (with a public reason) or show it again. What was hidden
/// is copied into the audit log first, so it stays on record whatever happens to it later.
pub fn moderate(
    conn: &mut DbConnection,
    mailing: &super::notifications::Mailing,
    moderator_id: i64,
    id: i64,
    hide: bool,
    reason: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    let reason = moderation_reason(reason, "moderation_reason")?;
    crate::db::write_transaction(conn, |conn| {
        let p = proposal_of(conn, id)?;
        let detail = serde_json::json!({
            "proposal_id": id,
            "reason": reason,
            "title": p.title,
            "description": p.description,
            "location": p.location,
        })
        .to_string();
        let action = if hide {
            "proposal hidden"
        } else {
            "proposal shown again"
        };
        audit::insert(conn, now, Some(moderator_id), action, &detail)?;
        moderation::set(conn, id, hide, &reason, now, moderator_id)?;
        if hide {
            let news = super::notifications::ProposalNews::Hidden {
                reason: reason.clone(),
            };
            super::notifications::proposal_news(conn, mailing, id, &news, now)?;
        }
        Ok(())
    })
}

fn review_phase_proposal(
    conn: &mut DbConnection,
    id: i64,
    now: NaiveDateTime,
) -> AppResult<ProposalRow> {
    let p = proposal_of(conn, id)?;
    if p.status == "withdrawn" {
        return Err(AppError::Conflict(Message::new(
            "messages-proposals-proposal-been-withdrawn",
        )));
    }
    if let Some((into, _)) = proposal_merge::merged_into(conn, id)? {
        return Err(AppError::Conflict(
            Message::new("messages-proposal-already-merged").with("id", into),
        ));
    }
    let round = round_of(conn, p.round_id)?;
    if !matches!(Phase::of(&round, now), Phase::Proposals | Phase::Review) {
        return Err(AppError::Forbidden(Message::new(
            "messages-proposals-proposals-merged-sent-back",
        )));
    }
    Ok(p)
}

/// A reviewer merges a duplicate into another proposal of the same round: the duplicate
/// leaves the list and the review, and the other credits both authors.
pub fn merge(
    conn: &mut DbConnection,
    mailing: &super::notifications::Mailing,
    reviewer_id: i64,
    from: i64,
    into: i64,
    reason: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    let reason = moderation_reason(reason, "merge_reason")?;
    crate::db::write_transaction(conn, |conn| {
        let duplicate = review_phase_proposal(conn, from, now)?;
        if from == into {
            let mut e = FieldErrors::default();
            e.add(
                "into",
                Message::new("messages-proposal-choose-another-proposal-merge"),
            );
            return Err(e.into());
        }
        let target = match proposal::find(conn, into)? {
            Some(t) if t.round_id == duplicate.round_id => t,
            _ => {
                let mut e = FieldErrors::default();
                e.add(
                    "into",
                    Message::new("messages-proposal-give-number-proposal-same"),
                );
                return Err(e.into());
            }
        };
        review_phase_proposal(conn, target.id, now)?;
        proposal_merge::insert(conn, from, into, now, reviewer_id, &reason)?;
        audit::insert(
            conn,
            now,
            Some(reviewer_id),
            "proposal merged",
            &serde_json::json!({"from": from, "into": into, "reason": reason}).to_string(),
        )?;
        let news = super::notifications::ProposalNews::Merged {
            into_title: target.title.clone(),
        };
        super::notifications::proposal_news(conn, mailing, from, &news, now)?;
        Ok(())
    })
}

/// A reviewer asks the author for changes during review; the author may then edit it once
/// more, and the reviewers decide after that.
pub fn request_changes(
    conn: &mut DbConnection,
    mailing: &super::notifications::Mailing,
    reviewer_id: i64,
    id: i64,
    reason: &str,
    now: NaiveDateTime,
) -> AppResult<()> {
    let reason = moderation_reason(reason, "change_reason")?;
    let p = review_phase_proposal(conn, id, now)?;
    if Phase::of(&round_of(conn, p.round_id)?, now) != Phase::Review || p.status != "submitted" {
        return Err(AppError::Conflict(Message::new(
            "messages-proposals-changes-asked-proposals-awaiting",
        )));
    }
    crate::db::write_transaction(conn, |conn| {
        change_request::insert(conn, id, now, reviewer_id, &reason)?;
        let news = super::notifications::ProposalNews::ChangesRequested { reason };
        super::notifications::proposal_news(conn, mailing, id, &news, now)
    })
}

pub use super::pictures::{sniff_image, MAX_IMAGE_BYTES};

/// The author adds or replaces the picture while they may edit the proposal.
pub fn set_image(
    conn: &mut DbConnection,
    author: &UserRow,
    id: i64,
    bytes: &[u8],
    now: NaiveDateTime,
) -> AppResult<()> {
    let p = proposal_of(conn, id)?;
    authored_and_open(conn, author, &p, now)?;
    if bytes.len() > MAX_IMAGE_BYTES {
        return Err(AppError::PayloadTooLarge(Message::new(
            "messages-proposals-picture-larger-than-5",
        )));
    }
    let (content_type, cleaned) = match super::pictures::clean(bytes) {
        Ok(cleaned) => cleaned,
        Err(refused) => {
            let mut e = FieldErrors::default();
            e.add(
                "file",
                Message::new(match refused {
                    super::pictures::Refused::NotAPicture => "messages-proposal-file-not-jpeg-png",
                    super::pictures::Refused::Unreadable => "messages-proposal-picture-unreadable",
                }),
            );
            return Err(e.into());
        }
    };
    proposal_image::replace(conn, id, content_type, &cleaned, now)?;
    Ok(())
}
