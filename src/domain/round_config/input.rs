//! The council's settings form as text, and its checks: what a council types becomes a
//! `RoundConfig` or a list of errors tied to fields.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Deserialize;

use super::{
    CommentPhases, ProposalRules, RoundConfig, BALLOT_TYPES, RESIDENCE_RULES, REVOTE_POLICIES,
};
use crate::db::models::district::RoundDistrictRow;
use crate::db::models::round::{RoundRow, RoundSettings};
use crate::domain::money::parse_amount;
use crate::error::{AppError, FieldErrors};
use crate::i18n::Message;

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
    /// The minimum of votes (or points) of the rule `greedy-threshold`, when it is chosen from
    /// the list; `greedy-threshold:N` in `rule` says the same in one field.
    #[serde(default)]
    pub rule_threshold: String,
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
    /// When residents comment on proposals: `proposals-review` (the default), `proposals`,
    /// `until-results` (every phase but voting), `always` or `never`.
    #[serde(default = "default_comments")]
    pub comments: String,
    /// Days an account must exist before it may comment [default: 0].
    #[serde(default)]
    pub comment_min_account_days: String,
    /// "on": only accounts with a verified address may comment.
    #[serde(default)]
    pub comment_requires_verified_email: Option<String>,
    /// "on": voters must be verified by the city's identity provider (an accepted assurance
    /// level at sign-in).
    #[serde(default)]
    pub requires_identity_provider: Option<String>,
    /// Why the change is made; required once voting has opened.
    #[serde(default)]
    pub reason: String,
}

fn default_comments() -> String {
    "proposals-review".into()
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
    crate::domain::utc::from_local(local, zone).unwrap_or_else(|| {
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

/// Money: the currency, the total, the city-wide pot and each district's pot.
struct Money {
    currency: String,
    total_budget: i64,
    citywide_budget: Option<i64>,
    districts: Vec<(String, i64)>,
}

/// The ballot and how it is counted.
struct Ballot {
    ballot_type: String,
    min_choices: i32,
    max_choices: Option<i32>,
    points_total: Option<i32>,
    points_per_project: Option<i32>,
    rule: String,
    tie_break: String,
}

/// When each phase starts, in UTC.
struct Schedule {
    proposals_open_at: NaiveDateTime,
    review_at: NaiveDateTime,
    voting_open_at: NaiveDateTime,
    voting_close_at: NaiveDateTime,
}

/// Who may vote, and how.
struct Voters {
    min_age: Option<i32>,
    age_reference_date: Option<String>,
    account_voting: i32,
    voting_codes: i32,
    residence: String,
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
        let categories: Vec<String> = self
            .categories
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect();
        let money = self.parse_money(&mut e);
        let ballot = self.parse_ballot(&mut e);
        let schedule = self.parse_schedule(&mut e);
        let voters = self.parse_voters(&mut e);
        let proposal_rules = self.parse_proposal_rules(&mut e);
        e.into_result().map_err(|err| match err {
            AppError::Invalid(fields) => fields,
            _ => FieldErrors::default(),
        })?;
        Ok(RoundConfig {
            slug_hint: slugify(&title),
            districts: money.districts,
            proposal_rules,
            requires_identity_provider: checked(&self.requires_identity_provider) == 1,
            settings: RoundSettings {
                title,
                description: self.description.trim().to_string(),
                currency: money.currency,
                total_budget: money.total_budget,
                citywide_budget: money.citywide_budget,
                ballot_type: ballot.ballot_type,
                min_choices: ballot.min_choices,
                max_choices: ballot.max_choices,
                points_total: ballot.points_total,
                points_per_project: ballot.points_per_project,
                rule: ballot.rule,
                tie_break: ballot.tie_break,
                time_zone: self.time_zone.trim().to_string(),
                proposals_open_at: schedule.proposals_open_at,
                review_at: schedule.review_at,
                voting_open_at: schedule.voting_open_at,
                voting_close_at: schedule.voting_close_at,
                categories: serde_json::Value::from(categories).to_string(),
                min_age: voters.min_age,
                age_reference_date: voters.age_reference_date,
                residence: voters.residence,
                requires_census: checked(&self.requires_census),
                requires_manual_check: checked(&self.requires_manual_check),
                voting_codes: voters.voting_codes,
                account_voting: voters.account_voting,
                requires_verified_email: checked(&self.requires_verified_email),
                revote_policy: self.revote_policy.trim().to_string(),
            },
        })
    }

    fn parse_money(&self, e: &mut FieldErrors) -> Money {
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
        Money {
            currency,
            total_budget,
            citywide_budget,
            districts,
        }
    }

    fn parse_ballot(&self, e: &mut FieldErrors) -> Ballot {
        let ballot_type = self.ballot_type.trim().to_string();
        if !BALLOT_TYPES.iter().any(|(v, _)| *v == ballot_type) {
            e.add(
                "ballot_type",
                Message::new("messages-round-choose-ballot-type"),
            );
        }
        let min_choices = parse_count(
            e,
            "min_choices",
            &self.min_choices,
            "messages-round-count-min-choices",
        )
        .unwrap_or(1);
        let max_choices = parse_count(
            e,
            "max_choices",
            &self.max_choices,
            "messages-round-count-max-choices",
        );
        let points_total = parse_count(
            e,
            "points_total",
            &self.points_total,
            "messages-round-count-points-total",
        );
        let points_per_project = parse_count(
            e,
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
        let mut rule = self.rule.trim().to_string();
        if rule == "greedy-threshold" {
            match self.rule_threshold.trim().parse::<u64>() {
                Ok(n) if n > 0 => rule = format!("greedy-threshold:{n}"),
                _ => e.add(
                    "rule_threshold",
                    Message::new("messages-round-threshold-needed"),
                ),
            }
        }
        match crate::domain::counting::parse_rule(&rule) {
            Err(_) if e.get("rule_threshold").is_some() => {}
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
        Ballot {
            ballot_type,
            min_choices,
            max_choices,
            points_total,
            points_per_project,
            rule,
            tie_break,
        }
    }

    fn parse_schedule(&self, e: &mut FieldErrors) -> Schedule {
        // Phase times are typed as the round's residents read their clocks.
        let zone = crate::domain::utc::zone(&self.time_zone);
        if zone.is_none() {
            e.add(
                "time_zone",
                Message::new("messages-round-enter-time-zone-europe"),
            );
        }
        let zone = zone.unwrap_or(chrono_tz::UTC);
        let proposals_open_at = parse_time(e, "proposals_open_at", &self.proposals_open_at, zone);
        let review_at = parse_time(e, "review_at", &self.review_at, zone);
        let voting_open_at = parse_time(e, "voting_open_at", &self.voting_open_at, zone);
        let voting_close_at = parse_time(e, "voting_close_at", &self.voting_close_at, zone);
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
        Schedule {
            proposals_open_at,
            review_at,
            voting_open_at,
            voting_close_at,
        }
    }

    fn parse_voters(&self, e: &mut FieldErrors) -> Voters {
        let min_age = parse_count(e, "min_age", &self.min_age, "messages-round-count-min-age")
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
        Voters {
            min_age,
            age_reference_date,
            account_voting,
            voting_codes,
            residence,
        }
    }

    fn parse_proposal_rules(&self, e: &mut FieldErrors) -> ProposalRules {
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
        let comments = match self.comments.trim() {
            "" => CommentPhases::ProposalsReview,
            raw => CommentPhases::parse(raw).unwrap_or_else(|| {
                e.add("comments", Message::new("messages-round-choose-comments"));
                CommentPhases::ProposalsReview
            }),
        };
        let comment_min_account_days = match self.comment_min_account_days.trim() {
            "" => 0,
            raw => match raw.parse::<i32>() {
                Ok(n) if (0..=3650).contains(&n) => n,
                _ => {
                    e.add(
                        "comment_min_account_days",
                        Message::new("messages-round-comment-days"),
                    );
                    0
                }
            },
        };
        ProposalRules {
            max_per_author,
            supports,
            support_threshold,
            comments,
            comment_min_account_days,
            comment_requires_verified_email: checked(&self.comment_requires_verified_email) == 1,
        }
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
pub(super) fn input_of(
    row: &RoundRow,
    districts: &[RoundDistrictRow],
    rules: &ProposalRules,
    requires_identity_provider: bool,
) -> RoundInput {
    let amount = |cents: i64| {
        if cents % 100 == 0 {
            (cents / 100).to_string()
        } else {
            format!("{}.{:02}", cents / 100, cents % 100)
        }
    };
    let zone = crate::domain::utc::zone_or_utc(&row.time_zone);
    let time = |t: NaiveDateTime| {
        crate::domain::utc::to_local(t, zone)
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
        rule: row
            .rule
            .split_once(':')
            .map_or(row.rule.clone(), |(name, _)| name.to_string()),
        rule_threshold: row
            .rule
            .strip_prefix("greedy-threshold:")
            .unwrap_or_default()
            .to_string(),
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
        comments: rules.comments.as_str().to_string(),
        comment_min_account_days: rules.comment_min_account_days.to_string(),
        comment_requires_verified_email: rules
            .comment_requires_verified_email
            .then(|| "on".to_string()),
        requires_identity_provider: requires_identity_provider.then(|| "on".to_string()),
        reason: String::new(),
    }
}

/// The `voting_channels` value of a stored round.
pub(super) fn channels_of(row: &RoundRow) -> &'static str {
    match (row.account_voting != 0, row.voting_codes != 0) {
        (true, true) => "accounts-and-codes",
        (false, _) => "codes",
        (true, false) => "accounts",
    }
}
