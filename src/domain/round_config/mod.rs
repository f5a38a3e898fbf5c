//! What a council configures on a round, and the freeze: once voting opens the ballot rules,
//! eligibility, districts, project list and costs, and the counting rule are read-only; only
//! the closing date may move, and only later. Every change lands in the round's public log.

use chrono::NaiveDateTime;

use crate::domain::status::ProposalStatus;

mod input;

use input::input_of;
pub(crate) use input::slugify;
pub use input::RoundInput;

use super::rounds::Phase;
use crate::db::models::district;
use crate::db::models::round::{self, NewRound, RoundRow, RoundSettings, TimeColumn};
use crate::db::models::{proposal_rules, round_change, voter_rules};
use crate::db::{write_transaction, DbConnection};
use crate::domain::ids::RoundId;
use crate::error::{AppError, AppResult, FieldErrors};
use crate::i18n::Message;

pub const BALLOT_TYPES: [(&str, &str); 4] = [
    (
        "approval",
        "Approval: tick every project you support (between a minimum and a maximum)",
    ),
    (
        "knapsack",
        "Knapsack: choose projects whose costs fit in the district budget",
    ),
    ("ranked", "Ranked: put your favourite projects in order"),
    (
        "cumulative",
        "Cumulative: spread a number of points over projects",
    ),
];

/// Rules a council can choose, with a plain-language description of each.
pub const RULES: [(&str, &str); 6] = [
    ("greedy", "Most votes first: projects are funded in order of votes; a project that no longer fits in the money left is skipped and the next one is tried."),
    ("greedy-no-skip", "Most votes first, stop at the first that does not fit: funding stops at the first project the money left cannot cover, even if cheaper projects below it would fit."),
    ("greedy-threshold", "Most votes first with a minimum: like the first rule, but only projects with at least the minimum of votes (or points) below can be funded."),
    ("mes-add1", "Method of Equal Shares: every voter controls an equal share of the budget; a project is funded when its supporters can pay for it together, so every group of voters gets projects in proportion to its size. Money left over is used by raising every share a little, as equalshares.net does."),
    ("mes-add1-fill", "Method of Equal Shares, then most votes first: as above, and any money still left funds the most voted remaining projects that fit."),
    ("phragmen", "Sequential Phragmén: projects are bought one at a time by the voters who support them, choosing each time the project that keeps the heaviest burden on any one voter as low as possible. Proportional, for approval and knapsack ballots."),
];

pub const RESIDENCE_RULES: [(&str, &str); 3] = [
    ("none", "Anyone may vote, in any district of the round"),
    (
        "self-declared",
        "Voters vote in the district they say they live in",
    ),
    (
        "verified",
        "Voters vote in a district confirmed by the census list or by a reviewer",
    ),
];

/// How residents vote, and what each combination stops (shown on the council's form).
pub const VOTING_CHANNELS: [(&str, &str); 3] = [
    ("accounts", "With an account only"),
    (
        "accounts-and-codes",
        "With an account or a mailed voting code (needs the census list: codes are issued from it, so a person who votes with one cannot vote with the other)",
    ),
    ("codes", "With a mailed voting code only"),
];

pub const REVOTE_POLICIES: [(&str, &str); 2] = [
    ("final", "A ballot is final once cast"),
    (
        "last-counts",
        "Voters may vote again until voting closes; only their last ballot counts",
    ),
];

/// A configuration that passed every check.
#[derive(Clone, Debug)]
pub struct RoundConfig {
    pub slug_hint: String,
    pub settings: RoundSettings,
    /// (slug, budget) of each participating district.
    pub districts: Vec<(String, i64)>,
    pub proposal_rules: ProposalRules,
    /// Voters must be verified by the city's identity provider.
    pub requires_identity_provider: bool,
}

/// How a round takes proposals and comments on them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct ProposalRules {
    pub max_per_author: i32,
    /// Residents can support proposals during the proposal phase.
    pub supports: bool,
    /// Supports a proposal needs to be reviewed.
    pub support_threshold: Option<i32>,
    /// The phases in which residents comment on proposals.
    pub comments: CommentPhases,
    /// Days an account must exist before it may comment (staff excepted).
    pub comment_min_account_days: i32,
    /// Only accounts whose address is verified may comment (staff excepted).
    pub comment_requires_verified_email: bool,
}

impl Default for ProposalRules {
    fn default() -> Self {
        ProposalRules {
            max_per_author: 5,
            supports: false,
            support_threshold: None,
            comments: CommentPhases::ProposalsReview,
            comment_min_account_days: 0,
            comment_requires_verified_email: false,
        }
    }
}

/// When a round takes comments. By default while proposals are written and reviewed, and not
/// while voting, so that the ballot is not lobbied on.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum CommentPhases {
    ProposalsReview,
    Proposals,
    /// Every phase but voting: results can be discussed too.
    UntilResults,
    Always,
    Never,
}

impl CommentPhases {
    pub const ALL: [CommentPhases; 5] = [
        CommentPhases::ProposalsReview,
        CommentPhases::Proposals,
        CommentPhases::UntilResults,
        CommentPhases::Always,
        CommentPhases::Never,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CommentPhases::ProposalsReview => "proposals-review",
            CommentPhases::Proposals => "proposals",
            CommentPhases::UntilResults => "until-results",
            CommentPhases::Always => "always",
            CommentPhases::Never => "never",
        }
    }

    pub fn parse(s: &str) -> Option<CommentPhases> {
        CommentPhases::ALL.into_iter().find(|c| c.as_str() == s)
    }

    pub fn open_in(self, phase: Phase) -> bool {
        use CommentPhases::*;
        match phase {
            Phase::Draft => false,
            Phase::Proposals => self != Never,
            Phase::Review => matches!(self, ProposalsReview | UntilResults | Always),
            Phase::Voting => self == Always,
            Phase::Counting | Phase::Results => matches!(self, UntilResults | Always),
        }
    }

    /// Why comments are closed now, for a person who would like to write one.
    pub fn closed_key(self) -> &'static str {
        match self {
            CommentPhases::ProposalsReview => "messages-comments-closed-proposals-review",
            CommentPhases::Proposals => "messages-comments-closed-proposals",
            CommentPhases::UntilResults => "messages-comments-closed-until-results",
            CommentPhases::Always => "messages-comments-closed-always",
            CommentPhases::Never => "messages-comments-never",
        }
    }
}

pub fn proposal_rules(conn: &mut DbConnection, round_id: RoundId) -> AppResult<ProposalRules> {
    let round_id = round_id.0;
    Ok(
        proposal_rules::find(conn, round_id)?.map_or_else(ProposalRules::default, |r| {
            ProposalRules {
                max_per_author: r.max_per_author,
                supports: r.supports_enabled == 1,
                support_threshold: r.support_threshold,
                comments: CommentPhases::parse(&r.comments)
                    .unwrap_or(CommentPhases::ProposalsReview),
                comment_min_account_days: r.comment_min_account_days,
                comment_requires_verified_email: r.comment_requires_verified_email == 1,
            }
        }),
    )
}

fn store_proposal_rules(
    conn: &mut DbConnection,
    round_id: i64,
    rules: &ProposalRules,
) -> AppResult<()> {
    proposal_rules::replace(
        conn,
        &proposal_rules::ProposalRulesRow {
            round_id,
            max_per_author: rules.max_per_author,
            supports_enabled: i32::from(rules.supports),
            support_threshold: rules.support_threshold,
            comments: rules.comments.as_str().to_string(),
            comment_min_account_days: rules.comment_min_account_days,
            comment_requires_verified_email: i32::from(rules.comment_requires_verified_email),
        },
    )?;
    Ok(())
}

/// Change-log lines for the proposal rules.
fn describe_rule_changes(old: &ProposalRules, new: &ProposalRules) -> Vec<String> {
    let mut lines = Vec::new();
    if old.max_per_author != new.max_per_author {
        lines.push(format!(
            "proposals per person: {} → {}",
            old.max_per_author, new.max_per_author
        ));
    }
    if old.supports != new.supports {
        lines.push(format!(
            "supports: {} → {}",
            if old.supports { "on" } else { "off" },
            if new.supports { "on" } else { "off" }
        ));
    }
    if old.comments != new.comments {
        lines.push(format!(
            "comments: {} → {}",
            old.comments.as_str(),
            new.comments.as_str()
        ));
    }
    if old.comment_min_account_days != new.comment_min_account_days {
        lines.push(format!(
            "days an account must exist to comment: {} → {}",
            old.comment_min_account_days, new.comment_min_account_days
        ));
    }
    if old.comment_requires_verified_email != new.comment_requires_verified_email {
        let show = |on: bool| if on { "on" } else { "off" };
        lines.push(format!(
            "verified address needed to comment: {} → {}",
            show(old.comment_requires_verified_email),
            show(new.comment_requires_verified_email)
        ));
    }
    if old.support_threshold != new.support_threshold {
        let show = |t: Option<i32>| t.map_or("none".to_string(), |t| t.to_string());
        lines.push(format!(
            "supports needed for review: {} → {}",
            show(old.support_threshold),
            show(new.support_threshold)
        ));
    }
    lines
}

/// The settings form filled with what is stored for a round.
pub fn current_input(conn: &mut DbConnection, round_id: RoundId) -> AppResult<RoundInput> {
    let round_id = round_id.0;
    let row = super::rounds::find(conn, RoundId(round_id))?;
    let districts = district::of_round(conn, round_id)?;
    let rules = proposal_rules(conn, RoundId(round_id))?;
    let provider = voter_rules::requires_identity_provider(conn, round_id)?;
    Ok(input_of(&row, &districts, &rules, provider))
}

fn settings_of(row: &RoundRow) -> RoundSettings {
    RoundSettings {
        title: row.title.clone(),
        description: row.description.clone(),
        currency: row.currency.clone(),
        total_budget: row.total_budget,
        citywide_budget: row.citywide_budget,
        ballot_type: row.ballot_type.clone(),
        min_choices: row.min_choices,
        max_choices: row.max_choices,
        points_total: row.points_total,
        points_per_project: row.points_per_project,
        rule: row.rule.clone(),
        tie_break: row.tie_break.clone(),
        time_zone: row.time_zone.clone(),
        proposals_open_at: whole_seconds(row.proposals_open_at),
        review_at: whole_seconds(row.review_at),
        voting_open_at: whole_seconds(row.voting_open_at),
        voting_close_at: whole_seconds(row.voting_close_at),
        categories: row.categories.clone(),
        min_age: row.min_age,
        age_reference_date: row.age_reference_date.clone(),
        residence: row.residence.clone(),
        requires_census: row.requires_census,
        requires_manual_check: row.requires_manual_check,
        voting_codes: row.voting_codes,
        account_voting: row.account_voting,
        requires_verified_email: row.requires_verified_email,
        revote_policy: row.revote_policy.clone(),
    }
}

/// Human-readable differences, one line per changed setting.
fn describe_changes(
    old: &RoundSettings,
    new: &RoundSettings,
    old_districts: &[(String, i64)],
    new_districts: &[(String, i64)],
) -> Vec<String> {
    let mut lines = Vec::new();
    macro_rules! diff {
        ($($field:ident: $label:literal),* $(,)?) => {$(
            if old.$field != new.$field {
                lines.push(format!("{}: {:?} → {:?}", $label, old.$field, new.$field));
            }
        )*};
    }
    diff!(
        title: "title", description: "description", currency: "currency", total_budget: "total budget (cents)",
        citywide_budget: "city-wide budget (cents)", ballot_type: "ballot type", min_choices: "minimum choices",
        max_choices: "maximum choices", points_total: "points per voter", points_per_project: "points per project",
        rule: "counting rule", tie_break: "tie-break", time_zone: "time zone", proposals_open_at: "proposals open",
        review_at: "review starts", voting_open_at: "voting opens", voting_close_at: "voting closes",
        categories: "categories", min_age: "minimum age", age_reference_date: "age reference date",
        residence: "residence rule", requires_census: "census required", requires_manual_check: "manual check required",
        voting_codes: "voting codes allowed", account_voting: "voting with an account",
        requires_verified_email: "verified email required", revote_policy: "revoting",
    );
    if old_districts != new_districts {
        lines.push(format!("districts: {old_districts:?} → {new_districts:?}"));
    }
    lines
}

fn set_districts(
    conn: &mut DbConnection,
    round_id: i64,
    districts: &[(String, i64)],
) -> AppResult<()> {
    district::remove_from_round(conn, round_id)?;
    let existing = district::all(conn)?;
    for (slug, budget) in districts {
        let id = match existing.iter().find(|d| &d.slug == slug) {
            Some(d) => d.id,
            None => district::insert(conn, slug, &title_case(slug))?,
        };
        district::add_to_round(conn, round_id, id, *budget)?;
    }
    Ok(())
}

fn title_case(slug: &str) -> String {
    slug.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `hint`, or `hint-2`, `hint-3`… when a round already has it.
pub(crate) fn free_slug(conn: &mut DbConnection, hint: &str) -> AppResult<String> {
    let taken: Vec<String> = round::all(conn)?.into_iter().map(|r| r.slug).collect();
    let mut slug = hint.to_string();
    let mut n = 2;
    while taken.contains(&slug) {
        slug = format!("{hint}-{n}");
        n += 1;
    }
    Ok(slug)
}

pub fn create(
    conn: &mut DbConnection,
    actor_id: i64,
    config: &RoundConfig,
    now: NaiveDateTime,
) -> AppResult<i64> {
    write_transaction(conn, |conn| {
        let slug = free_slug(conn, &config.slug_hint)?;
        let s = &config.settings;
        let id = round::insert(
            conn,
            &NewRound {
                slug: &slug,
                title: &s.title,
                description: &s.description,
                currency: &s.currency,
                total_budget: s.total_budget,
                citywide_budget: s.citywide_budget,
                ballot_type: &s.ballot_type,
                min_choices: s.min_choices,
                max_choices: s.max_choices,
                points_total: s.points_total,
                points_per_project: s.points_per_project,
                rule: &s.rule,
                tie_break: &s.tie_break,
                time_zone: &s.time_zone,
                proposals_open_at: s.proposals_open_at,
                review_at: s.review_at,
                voting_open_at: s.voting_open_at,
                voting_close_at: s.voting_close_at,
                results_published_at: None,
                created_at: now,
            },
        )?;
        round::update_settings(conn, id, s)?;
        set_districts(conn, id, &config.districts)?;
        store_proposal_rules(conn, id, &config.proposal_rules)?;
        voter_rules::set_requires_identity_provider(conn, id, config.requires_identity_provider)?;
        round_change::append(conn, id, now, Some(actor_id), "round created", "")?;
        Ok(id)
    })
}

/// The catalogue key of the refusal to change a round once voting has opened.
pub const FROZEN: &str = "messages-round-frozen";

/// Applies a council's edit. From the voting phase on, only a later closing date is accepted,
/// and a reason is required; anything else is refused and nothing changes.
pub fn update(
    conn: &mut DbConnection,
    actor_id: i64,
    round_id: RoundId,
    config: &RoundConfig,
    reason: &str,
    now: NaiveDateTime,
) -> AppResult<Vec<String>> {
    let round_id = round_id.0;
    write_transaction(conn, |conn| {
        let row = super::rounds::find(conn, RoundId(round_id))?;
        let old = settings_of(&row);
        let old_districts: Vec<(String, i64)> = district::of_round(conn, round_id)?
            .into_iter()
            .map(|d| (d.slug, d.budget))
            .collect();
        let old_rules = proposal_rules(conn, RoundId(round_id))?;
        let mut changes =
            describe_changes(&old, &config.settings, &old_districts, &config.districts);
        changes.extend(describe_rule_changes(&old_rules, &config.proposal_rules));
        let old_provider = voter_rules::requires_identity_provider(conn, round_id)?;
        if old_provider != config.requires_identity_provider {
            let show = |on: bool| if on { "on" } else { "off" };
            changes.push(format!(
                "verified by the city's identity provider: {} → {}",
                show(old_provider),
                show(config.requires_identity_provider)
            ));
        }
        if changes.is_empty() {
            return Ok(changes);
        }
        let phase = Phase::of(&row, now);
        if phase >= Phase::Voting {
            let only_closing =
                changes.len() == 1 && old.voting_close_at != config.settings.voting_close_at;
            if !only_closing {
                return Err(AppError::Conflict(Message::new(FROZEN)));
            }
            if config.settings.voting_close_at < old.voting_close_at {
                return Err(AppError::Conflict(Message::new(
                    "messages-round-config-closing-date-extended-never",
                )));
            }
            if phase > Phase::Voting {
                return Err(AppError::Conflict(Message::new(
                    "messages-round-config-voting-already-closed-closing",
                )));
            }
            if reason.trim().is_empty() {
                let mut e = FieldErrors::default();
                e.add(
                    "reason",
                    Message::new("messages-round-say-why-closing-date"),
                );
                return Err(e.into());
            }
        }
        round::update_settings(conn, round_id, &config.settings)?;
        // A translation of words that changed would tell readers of other languages
        // something else; it goes, and the council translates the new text.
        if old.title != config.settings.title || old.description != config.settings.description {
            crate::db::models::translation::delete(conn, round_id, None, None)?;
        }
        if old_districts != config.districts {
            set_districts(conn, round_id, &config.districts)?;
        }
        if old_rules != config.proposal_rules {
            store_proposal_rules(conn, round_id, &config.proposal_rules)?;
        }
        if old_provider != config.requires_identity_provider {
            voter_rules::set_requires_identity_provider(
                conn,
                round_id,
                config.requires_identity_provider,
            )?;
        }
        for line in &changes {
            round_change::append(conn, round_id, now, Some(actor_id), line, reason.trim())?;
        }
        Ok(changes)
    })
}

/// Phase times are kept, shown and compared to the second: a time read back from the API
/// (which writes whole seconds) is the same time, never a change to a frozen setting.
fn whole_seconds(t: NaiveDateTime) -> NaiveDateTime {
    use chrono::Timelike;
    t.with_nanosecond(0).unwrap_or(t)
}

/// Moves a round to its next phase now (the scheduled time of that phase becomes now), with
/// a published reason.
pub fn advance(
    conn: &mut DbConnection,
    actor_id: i64,
    round_id: RoundId,
    reason: &str,
    now: NaiveDateTime,
) -> AppResult<Phase> {
    let round_id = round_id.0;
    let now = whole_seconds(now);
    if reason.trim().is_empty() {
        let mut e = FieldErrors::default();
        e.add(
            "reason",
            Message::new("messages-round-say-why-phase-changes"),
        );
        return Err(e.into());
    }
    write_transaction(conn, |conn| {
        let row = super::rounds::find(conn, RoundId(round_id))?;
        let phase = Phase::of(&row, now);
        let (column, next) = match phase {
            Phase::Draft => (TimeColumn::ProposalsOpen, Phase::Proposals),
            Phase::Proposals => (TimeColumn::Review, Phase::Review),
            Phase::Review => {
                let feasible = crate::db::models::proposal::of_round(conn, round_id)?
                    .iter()
                    .any(|p| ProposalStatus::of(&p.status) == ProposalStatus::Feasible);
                if !feasible {
                    return Err(AppError::Conflict(Message::new(
                        "messages-round-config-no-feasible-project",
                    )));
                }
                (TimeColumn::VotingOpen, Phase::Voting)
            }
            Phase::Voting => (TimeColumn::VotingClose, Phase::Counting),
            Phase::Counting => {
                if crate::db::models::round_result::find(conn, round_id)?.is_none() {
                    return Err(AppError::Conflict(Message::new(
                        "messages-round-config-count-ballots-before-publishing",
                    )));
                }
                (TimeColumn::ResultsPublished, Phase::Results)
            }
            Phase::Results => {
                return Err(AppError::Conflict(Message::new(
                    "messages-round-config-results-already-published-last",
                )))
            }
        };
        // Earlier boundaries that are still in the future move to now as well, so the phases
        // stay in order.
        let order = [
            TimeColumn::ProposalsOpen,
            TimeColumn::Review,
            TimeColumn::VotingOpen,
            TimeColumn::VotingClose,
        ];
        let current = [
            row.proposals_open_at,
            row.review_at,
            row.voting_open_at,
            row.voting_close_at,
        ];
        for (col, at) in order.iter().zip(current) {
            if at > now
                && order.iter().position(|c| c == col) <= order.iter().position(|c| *c == column)
            {
                round::set_times(conn, round_id, *col, Some(now))?;
            }
        }
        if column == TimeColumn::ResultsPublished {
            round::set_times(conn, round_id, column, Some(now))?;
        }
        round_change::append(
            conn,
            round_id,
            now,
            Some(actor_id),
            &format!("phase advanced: {} → {}", phase.label(), next.label()),
            reason.trim(),
        )?;
        Ok(next)
    })
}
