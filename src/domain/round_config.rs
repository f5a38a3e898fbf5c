//! What a council configures on a round, and the freeze: once voting opens the ballot rules,
//! eligibility, districts, project list and costs, and the counting rule are read-only; only
//! the closing date may move, and only later. Every change lands in the round's public log.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Deserialize;

use super::money::parse_amount;
use super::rounds::Phase;
use crate::db::models::district::{self, RoundDistrictRow};
use crate::db::models::round::{self, NewRound, RoundRow, RoundSettings, TimeColumn};
use crate::db::models::{proposal_rules, round_change};
use crate::db::{write_transaction, DbConnection};
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
    ("greedy-threshold:N", "Most votes first with a minimum: like the first rule, but only projects with at least N votes (or points) can be funded."),
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

/// The council's form or JSON, as text.
#[derive(Clone, Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoundInput {
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default = "default_currency")]
    pub currency: String,
    pub total_budget: String,
    #[serde(default)]
    pub citywide_budget: String,
    /// `slug=amount` per line for each taking part; new slugs create districts.
    #[serde(default)]
    pub districts: String,
    /// One per line.
    #[serde(default)]
    pub categories: String,
    pub ballot_type: String,
    #[serde(default)]
    pub min_choices: String,
    #[serde(default)]
    pub max_choices: String,
    #[serde(default)]
    pub points_total: String,
    #[serde(default)]
    pub points_per_project: String,
    pub rule: String,
    #[serde(default)]
    pub tie_break: String,
    /// An IANA time zone name (`Europe/Warsaw`); `UTC` when left out.
    #[serde(default = "default_time_zone")]
    pub time_zone: String,
    /// `YYYY-MM-DDTHH:MM` as clocks in `time_zone` show it, or an exact RFC 3339 instant
    /// (`2026-06-01T07:00:00Z`, as returned). Stored and returned in UTC.
    pub proposals_open_at: String,
    pub review_at: String,
    pub voting_open_at: String,
    pub voting_close_at: String,
    #[serde(default)]
    pub min_age: String,
    #[serde(default)]
    pub age_reference_date: String,
    #[serde(default = "default_residence")]
    pub residence: String,
    #[serde(default)]
    pub requires_census: Option<String>,
    #[serde(default)]
    pub requires_manual_check: Option<String>,
    /// "on": an account must have followed the link sent to its address.
    #[serde(default)]
    pub requires_verified_email: Option<String>,
    /// Older name of `voting_channels`: "on" meant `accounts-and-codes`.
    #[serde(default)]
    pub voting_codes: Option<String>,
    /// How residents vote: `accounts` (the default), `accounts-and-codes` (needs the census:
    /// codes are issued from it, so one person cannot vote with both) or `codes` only.
    #[serde(default)]
    pub voting_channels: String,
    /// `final` or `last-counts`.
    #[serde(default = "default_revote")]
    pub revote_policy: String,
    /// Active proposals one person may have in the round [default: 5].
    #[serde(default)]
    pub max_proposals_per_author: String,
    /// "on": residents can support (endorse) proposals during the proposal phase.
    #[serde(default)]
    pub supports: Option<String>,
    /// Supports a proposal needs to be reviewed [default: none needed].
    #[serde(default)]
    pub support_threshold: String,
    /// Why the change is made; required once voting has opened.
    #[serde(default)]
    pub reason: String,
}

fn default_currency() -> String {
    "EUR".into()
}
fn default_time_zone() -> String {
    "UTC".into()
}
fn default_residence() -> String {
    "none".into()
}
fn default_revote() -> String {
    "final".into()
}

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
}

/// How a round takes proposals.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct ProposalRules {
    pub max_per_author: i32,
    /// Residents can support proposals during the proposal phase.
    pub supports: bool,
    /// Supports a proposal needs to be reviewed.
    pub support_threshold: Option<i32>,
}

impl Default for ProposalRules {
    fn default() -> Self {
        ProposalRules {
            max_per_author: 5,
            supports: false,
            support_threshold: None,
        }
    }
}

pub fn proposal_rules(conn: &mut DbConnection, round_id: i64) -> AppResult<ProposalRules> {
    Ok(
        proposal_rules::find(conn, round_id)?.map_or_else(ProposalRules::default, |r| {
            ProposalRules {
                max_per_author: r.max_per_author,
                supports: r.supports_enabled == 1,
                support_threshold: r.support_threshold,
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

/// A wall-clock time in `zone`, as UTC.
fn parse_time(
    errors: &mut FieldErrors,
    field: &str,
    raw: &str,
    zone: chrono_tz::Tz,
) -> NaiveDateTime {
    let raw = raw.trim();
    // An exact instant (RFC 3339 with `Z` or an offset, as the API returns times) is taken as
    // it is; a bare date and time is read on the round's clocks.
    if let Ok(instant) = chrono::DateTime::parse_from_rfc3339(raw) {
        return instant.naive_utc();
    }
    let parsed = NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M:%S"))
        .or_else(|_| NaiveDateTime::parse_from_str(raw, "%Y-%m-%d %H:%M"));
    let Ok(local) = parsed else {
        errors.add(field, Message::new("messages-round-enter-date-time-2026"));
        return NaiveDateTime::default();
    };
    super::utc::from_local(local, zone).unwrap_or_else(|| {
        errors.add(
            field,
            Message::new("messages-round-time-skipped").with("zone", zone.name()),
        );
        local
    })
}

/// A whole number from 0 to 10000, or `what` (a catalogue key) as the field's error.
fn parse_count(
    errors: &mut FieldErrors,
    field: &str,
    raw: &str,
    what: &'static str,
) -> Option<i32> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    match raw.parse::<i32>() {
        Ok(n) if (0..=10_000).contains(&n) => Some(n),
        _ => {
            errors.add(field, Message::new(what));
            None
        }
    }
}

fn checked(flag: &Option<String>) -> i32 {
    i32::from(matches!(flag.as_deref(), Some("on" | "true" | "1" | "yes")))
}

impl RoundInput {
    pub fn parse(&self) -> Result<RoundConfig, FieldErrors> {
        let mut e = FieldErrors::default();
        let title = self.title.trim().to_string();
        if title.chars().count() < 3 || title.chars().count() > 200 {
            e.add("title", Message::new("messages-round-give-round-title-3"));
        }
        if self.description.chars().count() > 20_000 {
            e.add(
                "description",
                Message::new("messages-round-keep-description-under-20"),
            );
        }
        let currency = self.currency.trim().to_uppercase();
        if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_uppercase()) {
            e.add(
                "currency",
                Message::new("messages-round-use-three-letter-currency"),
            );
        }
        let total_budget = parse_amount(&self.total_budget).unwrap_or_else(|m| {
            e.add("total_budget", m);
            0
        });
        let citywide_budget = match self.citywide_budget.trim() {
            "" => None,
            raw => Some(parse_amount(raw).unwrap_or_else(|m| {
                e.add("citywide_budget", m);
                0
            })),
        };
        let mut districts = Vec::new();
        for (n, line) in self
            .districts
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .enumerate()
        {
            match line.split_once('=') {
                Some((slug, amount)) if valid_slug(slug.trim()) => match parse_amount(amount) {
                    Ok(budget) => districts.push((slug.trim().to_string(), budget)),
                    Err(m) => e.add(
                        "districts",
                        Message::new("messages-round-district-line")
                            .count("line", n + 1)
                            .with_message("problem", m),
                    ),
                },
                _ => e.add(
                    "districts",
                    Message::new("messages-round-district-line-form").count("line", n + 1),
                ),
            }
        }
        let mut seen = std::collections::HashSet::new();
        if districts.iter().any(|(slug, _)| !seen.insert(slug.clone())) {
            e.add(
                "districts",
                Message::new("messages-round-each-district-may-appear"),
            );
        }
        let allocated =
            districts.iter().map(|(_, b)| *b).sum::<i64>() + citywide_budget.unwrap_or(0);
        if allocated > total_budget {
            e.add(
                "total_budget",
                Message::new("messages-round-district-budgets-city-wide"),
            );
        }
        let categories: Vec<String> = self
            .categories
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect();
        let ballot_type = self.ballot_type.trim().to_string();
        if !BALLOT_TYPES.iter().any(|(v, _)| *v == ballot_type) {
            e.add(
                "ballot_type",
                Message::new("messages-round-choose-ballot-type"),
            );
        }
        let min_choices = parse_count(
            &mut e,
            "min_choices",
            &self.min_choices,
            "messages-round-count-min-choices",
        )
        .unwrap_or(1);
        let max_choices = parse_count(
            &mut e,
            "max_choices",
            &self.max_choices,
            "messages-round-count-max-choices",
        );
        let points_total = parse_count(
            &mut e,
            "points_total",
            &self.points_total,
            "messages-round-count-points-total",
        );
        let points_per_project = parse_count(
            &mut e,
            "points_per_project",
            &self.points_per_project,
            "messages-round-count-points-per-project",
        );
        match ballot_type.as_str() {
            "approval" | "ranked" => {
                if min_choices < 1 {
                    e.add(
                        "min_choices",
                        Message::new("messages-round-ballot-must-choose-least"),
                    );
                }
                if max_choices.is_some_and(|m| m < min_choices) {
                    e.add(
                        "max_choices",
                        Message::new("messages-round-maximum-cannot-below-minimum"),
                    );
                }
            }
            "cumulative" => match points_total {
                None | Some(0) => e.add(
                    "points_total",
                    Message::new("messages-round-say-how-many-points"),
                ),
                Some(total) => {
                    if points_per_project.is_some_and(|p| p == 0 || p > total) {
                        e.add(
                            "points_per_project",
                            Message::new("messages-round-points-per-project-must"),
                        );
                    }
                }
            },
            _ => {}
        }
        let rule = self.rule.trim().to_string();
        match super::counting::parse_rule(&rule) {
            Ok(crate::tally::Rule::Phragmen)
                if matches!(ballot_type.as_str(), "ranked" | "cumulative") =>
            {
                e.add(
                    "rule",
                    Message::new("messages-round-phragmen-needs-approval"),
                )
            }
            Ok(_) => {}
            Err(_) => e.add(
                "rule",
                Message::new("messages-round-choose-counting-rule-list"),
            ),
        }
        let tie_break = match self.tie_break.trim() {
            "" if rule.starts_with("greedy") => "cost,id".to_string(),
            "" => "id".to_string(),
            chain => chain.to_string(),
        };
        if let Err(m) = tie_break.parse::<crate::tally::TieBreak>() {
            e.add(
                "tie_break",
                Message::new("messages-round-tie-break-problem").with("problem", m),
            );
        }
        // Phase times are typed as the round's residents read their clocks.
        let zone = super::utc::zone(&self.time_zone);
        if zone.is_none() {
            e.add(
                "time_zone",
                Message::new("messages-round-enter-time-zone-europe"),
            );
        }
        let zone = zone.unwrap_or(chrono_tz::UTC);
        let proposals_open_at =
            parse_time(&mut e, "proposals_open_at", &self.proposals_open_at, zone);
        let review_at = parse_time(&mut e, "review_at", &self.review_at, zone);
        let voting_open_at = parse_time(&mut e, "voting_open_at", &self.voting_open_at, zone);
        let voting_close_at = parse_time(&mut e, "voting_close_at", &self.voting_close_at, zone);
        if !(proposals_open_at <= review_at && review_at <= voting_open_at) {
            e.add(
                "review_at",
                Message::new("messages-round-phases-must-follow-each"),
            );
        }
        if voting_close_at <= voting_open_at {
            e.add(
                "voting_close_at",
                Message::new("messages-round-voting-must-close-after"),
            );
        }
        let min_age = parse_count(
            &mut e,
            "min_age",
            &self.min_age,
            "messages-round-count-min-age",
        )
        .filter(|a| *a > 0);
        if min_age.is_some_and(|a| a > 120) {
            e.add(
                "min_age",
                Message::new("messages-round-minimum-age-above-120"),
            );
        }
        let age_reference_date = match self.age_reference_date.trim() {
            "" => None,
            raw => match NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
                Ok(d) => Some(d.to_string()),
                Err(_) => {
                    e.add(
                        "age_reference_date",
                        Message::new("messages-round-enter-reference-date-2026"),
                    );
                    None
                }
            },
        };
        if !REVOTE_POLICIES
            .iter()
            .any(|(v, _)| *v == self.revote_policy.trim())
        {
            e.add(
                "revote_policy",
                Message::new("messages-round-choose-whether-ballot-final"),
            );
        }
        let channels = match self.voting_channels.trim() {
            "" if checked(&self.voting_codes) == 1 => "accounts-and-codes",
            "" => "accounts",
            other => other,
        };
        let (account_voting, voting_codes) = match channels {
            "accounts" => (1, 0),
            "accounts-and-codes" => (1, 1),
            "codes" => (0, 1),
            _ => {
                e.add(
                    "voting_channels",
                    Message::new("messages-round-choose-voting-channels"),
                );
                (1, 0)
            }
        };
        if account_voting == 1 && voting_codes == 1 && checked(&self.requires_census) == 0 {
            e.add(
                "voting_channels",
                Message::new("messages-round-accounts-and-codes-need-census"),
            );
        }
        if account_voting == 0 && checked(&self.requires_manual_check) == 1 {
            e.add(
                "requires_manual_check",
                Message::new("messages-round-check-needs-accounts"),
            );
        }
        let residence = self.residence.trim().to_string();
        if !RESIDENCE_RULES.iter().any(|(v, _)| *v == residence) {
            e.add(
                "residence",
                Message::new("messages-round-choose-how-voter-s"),
            );
        }
        let max_per_author = match self.max_proposals_per_author.trim() {
            "" => 5,
            raw => match raw.parse::<i32>() {
                Ok(n) if (1..=100).contains(&n) => n,
                _ => {
                    e.add(
                        "max_proposals_per_author",
                        Message::new("messages-round-give-whole-number-proposals"),
                    );
                    5
                }
            },
        };
        let supports = checked(&self.supports) == 1;
        let support_threshold = match self.support_threshold.trim() {
            "" => None,
            raw => match raw.parse::<i32>() {
                Ok(n) if (1..=100_000).contains(&n) && supports => Some(n),
                Ok(_) if !supports => {
                    e.add(
                        "support_threshold",
                        Message::new("messages-round-threshold-needs-supports-switched"),
                    );
                    None
                }
                _ => {
                    e.add(
                        "support_threshold",
                        Message::new("messages-round-give-supports-needed-whole"),
                    );
                    None
                }
            },
        };
        e.into_result().map_err(|err| match err {
            AppError::Invalid(fields) => fields,
            _ => FieldErrors::default(),
        })?;
        Ok(RoundConfig {
            slug_hint: slugify(&title),
            districts,
            proposal_rules: ProposalRules {
                max_per_author,
                supports,
                support_threshold,
            },
            settings: RoundSettings {
                title,
                description: self.description.trim().to_string(),
                currency,
                total_budget,
                citywide_budget,
                ballot_type,
                min_choices,
                max_choices,
                points_total,
                points_per_project,
                rule,
                tie_break,
                time_zone: self.time_zone.trim().to_string(),
                proposals_open_at,
                review_at,
                voting_open_at,
                voting_close_at,
                categories: serde_json::Value::from(categories).to_string(),
                min_age,
                age_reference_date,
                residence,
                requires_census: checked(&self.requires_census),
                requires_manual_check: checked(&self.requires_manual_check),
                voting_codes,
                account_voting,
                requires_verified_email: checked(&self.requires_verified_email),
                revote_policy: self.revote_policy.trim().to_string(),
            },
        })
    }
}

fn valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 60
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

pub(crate) fn slugify(title: &str) -> String {
    let mut slug = String::new();
    for c in title.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_matches('-').chars().take(50).collect::<String>();
    if slug.is_empty() {
        "round".into()
    } else {
        slug
    }
}

/// The form's values for an existing round, so the edit page starts from what is stored.
pub fn input_of(
    row: &RoundRow,
    districts: &[RoundDistrictRow],
    rules: &ProposalRules,
) -> RoundInput {
    let amount = |cents: i64| {
        if cents % 100 == 0 {
            (cents / 100).to_string()
        } else {
            format!("{}.{:02}", cents / 100, cents % 100)
        }
    };
    let zone = super::utc::zone_or_utc(&row.time_zone);
    let time = |t: NaiveDateTime| {
        super::utc::to_local(t, zone)
            .format("%Y-%m-%dT%H:%M")
            .to_string()
    };
    let flag = |v: i32| (v != 0).then(|| "on".to_string());
    let categories: Vec<String> = serde_json::from_str(&row.categories).unwrap_or_default();
    RoundInput {
        title: row.title.clone(),
        description: row.description.clone(),
        currency: row.currency.clone(),
        total_budget: amount(row.total_budget),
        citywide_budget: row.citywide_budget.map(amount).unwrap_or_default(),
        districts: districts
            .iter()
            .map(|d| format!("{}={}", d.slug, amount(d.budget)))
            .collect::<Vec<_>>()
            .join("\n"),
        categories: categories.join("\n"),
        ballot_type: row.ballot_type.clone(),
        min_choices: row.min_choices.to_string(),
        max_choices: row.max_choices.map(|m| m.to_string()).unwrap_or_default(),
        points_total: row.points_total.map(|m| m.to_string()).unwrap_or_default(),
        points_per_project: row
            .points_per_project
            .map(|m| m.to_string())
            .unwrap_or_default(),
        rule: row.rule.clone(),
        tie_break: row.tie_break.clone(),
        time_zone: row.time_zone.clone(),
        proposals_open_at: time(row.proposals_open_at),
        review_at: time(row.review_at),
        voting_open_at: time(row.voting_open_at),
        voting_close_at: time(row.voting_close_at),
        min_age: row.min_age.map(|m| m.to_string()).unwrap_or_default(),
        age_reference_date: row.age_reference_date.clone().unwrap_or_default(),
        residence: row.residence.clone(),
        requires_census: flag(row.requires_census),
        requires_manual_check: flag(row.requires_manual_check),
        requires_verified_email: flag(row.requires_verified_email),
        voting_codes: None,
        voting_channels: channels_of(row).to_string(),
        revote_policy: row.revote_policy.clone(),
        max_proposals_per_author: rules.max_per_author.to_string(),
        supports: rules.supports.then(|| "on".to_string()),
        support_threshold: rules
            .support_threshold
            .map(|t| t.to_string())
            .unwrap_or_default(),
        reason: String::new(),
    }
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
        proposals_open_at: row.proposals_open_at,
        review_at: row.review_at,
        voting_open_at: row.voting_open_at,
        voting_close_at: row.voting_close_at,
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

/// The `voting_channels` value of a stored round.
pub fn channels_of(row: &RoundRow) -> &'static str {
    match (row.account_voting != 0, row.voting_codes != 0) {
        (true, true) => "accounts-and-codes",
        (false, _) => "codes",
        (true, false) => "accounts",
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
    round_id: i64,
    config: &RoundConfig,
    reason: &str,
    now: NaiveDateTime,
) -> AppResult<Vec<String>> {
    write_transaction(conn, |conn| {
        let row = super::rounds::find(conn, round_id)?;
        let old = settings_of(&row);
        let old_districts: Vec<(String, i64)> = district::of_round(conn, round_id)?
            .into_iter()
            .map(|d| (d.slug, d.budget))
            .collect();
        let old_rules = proposal_rules(conn, round_id)?;
        let mut changes =
            describe_changes(&old, &config.settings, &old_districts, &config.districts);
        changes.extend(describe_rule_changes(&old_rules, &config.proposal_rules));
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
        for line in &changes {
            round_change::append(conn, round_id, now, Some(actor_id), line, reason.trim())?;
        }
        Ok(changes)
    })
}

/// Moves a round to its next phase now (the scheduled time of that phase becomes now), with
/// a published reason.
pub fn advance(
    conn: &mut DbConnection,
    actor_id: i64,
    round_id: i64,
    reason: &str,
    now: NaiveDateTime,
) -> AppResult<Phase> {
    if reason.trim().is_empty() {
        let mut e = FieldErrors::default();
        e.add(
            "reason",
            Message::new("messages-round-say-why-phase-changes"),
        );
        return Err(e.into());
    }
    write_transaction(conn, |conn| {
        let row = super::rounds::find(conn, round_id)?;
        let phase = Phase::of(&row, now);
        let (column, next) = match phase {
            Phase::Draft => (TimeColumn::ProposalsOpen, Phase::Proposals),
            Phase::Proposals => (TimeColumn::Review, Phase::Review),
            Phase::Review => (TimeColumn::VotingOpen, Phase::Voting),
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
