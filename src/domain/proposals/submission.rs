//! Residents submit proposals during the proposal phase, edit or withdraw them until review
//! starts, add a picture, and support each other's.

use chrono::NaiveDateTime;
use serde::Deserialize;

use super::{must_be_eligible, proposal_of, round_of};
use crate::db::models::proposal::{self, NewProposal, ProposalRow, ProposalText};
use crate::db::models::{change_request, district, proposal_image, proposal_support, round};
use crate::db::DbConnection;
use crate::domain::ids::{ProposalId, RoundId};
use crate::domain::money::parse_amount;
use crate::domain::people::Account;
use crate::domain::rounds::Phase;
use crate::domain::status::ProposalStatus;
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
    /// Where it would be, as "latitude, longitude" (a map on the form fills this in); empty
    /// for no point.
    #[serde(default)]
    pub point: String,
    /// Or the id of one of the council's named places.
    #[serde(default)]
    pub place: String,
}

struct Checked {
    title: String,
    description: String,
    cost: i64,
    district_id: Option<i64>,
    category: Option<String>,
    location: Option<String>,
    point: Option<crate::domain::place::Point>,
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
    let mut location = Some(input.location.trim().to_string()).filter(|l| !l.is_empty());
    if location.as_ref().is_some_and(|l| l.chars().count() > 200) {
        e.add(
            "location",
            Message::new("messages-proposal-keep-location-200-characters"),
        );
    }
    let district = district_id.and_then(|id| {
        districts
            .iter()
            .find(|d| d.district_id == id)
            .map(|d| (id, d.name.as_str()))
    });
    let point =
        match crate::domain::place::point_of_form(conn, &input.point, &input.place, district) {
            Ok(Some((point, name))) => {
                // A named place names the location too, unless the author wrote one.
                if location.is_none() {
                    location = name;
                }
                Some(point)
            }
            Ok(None) => None,
            Err((field, why)) => {
                e.add(field, why);
                None
            }
        };
    e.into_result()?;
    Ok(Checked {
        title,
        description,
        cost,
        district_id,
        category,
        location,
        point,
    })
}

/// Submits a proposal; returns its id. Nothing is stored when anything is wrong.
pub fn submit(
    conn: &mut DbConnection,
    author: &Account,
    round_id: RoundId,
    input: &ProposalInput,
    now: NaiveDateTime,
) -> AppResult<i64> {
    let round_id = round_id.0;
    let round = round_of(conn, round_id)?;
    if Phase::of(&round, now) != Phase::Proposals {
        return Err(AppError::Forbidden(Message::new(
            "messages-proposals-proposals-submitted-while-round",
        )));
    }
    must_be_eligible(conn, &round, author, "submit")?;
    let c = check(conn, &round, input)?;
    let limit = i64::from(
        crate::domain::round_config::proposal_rules(conn, RoundId(round_id))?.max_per_author,
    );
    crate::db::write_transaction(conn, |conn| {
        if proposal::active_count_by_author(conn, round_id, author.id)? >= limit {
            return Err(AppError::Conflict(
                format!(
                "you already have {limit} proposals in this round; withdraw one to submit another"
            )
                .into(),
            ));
        }
        let id = proposal::insert(
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
                status: ProposalStatus::Submitted.as_str(),
                created_at: now,
                updated_at: now,
            },
        )?;
        if let Some(p) = c.point {
            proposal::set_point(conn, id, Some((p.latitude, p.longitude)))?;
        }
        Ok(id)
    })
}

/// The author edits their proposal, until review starts.
pub fn edit(
    conn: &mut DbConnection,
    author: &Account,
    id: ProposalId,
    input: &ProposalInput,
    now: NaiveDateTime,
) -> AppResult<()> {
    let id = id.0;
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
        proposal::set_point(conn, id, c.point.map(|p| (p.latitude, p.longitude)))?;
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
    mailing: &crate::domain::notifications::Mailing,
    author: &Account,
    id: ProposalId,
    now: NaiveDateTime,
) -> AppResult<()> {
    let id = id.0;
    let p = proposal_of(conn, id)?;
    authored_and_open(conn, author, &p, now)?;
    crate::db::write_transaction(conn, |conn| {
        proposal::set_status(conn, id, ProposalStatus::Withdrawn.as_str(), None, now)?;
        let news = crate::domain::notifications::ProposalNews::Withdrawn;
        crate::domain::notifications::proposal_news(conn, mailing, ProposalId(id), &news, now)
    })
}

fn authored_and_open(
    conn: &mut DbConnection,
    author: &Account,
    p: &ProposalRow,
    now: NaiveDateTime,
) -> AppResult<round::RoundRow> {
    if p.author_id != Some(author.id) {
        return Err(AppError::Forbidden(Message::new(
            "messages-proposals-author-change-proposal",
        )));
    }
    if ProposalStatus::of(&p.status) == ProposalStatus::Withdrawn {
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
        Phase::Review if ProposalStatus::of(&p.status) == ProposalStatus::Submitted && asked()? => {
            Ok(round)
        }
        _ => Err(AppError::Forbidden(Message::new(
            "messages-proposals-proposals-changed-until-review",
        ))),
    }
}

/// A resident supports (endorses) a proposal while proposals are collected; once each.
pub fn support(
    conn: &mut DbConnection,
    user: &Account,
    id: ProposalId,
    now: NaiveDateTime,
) -> AppResult<()> {
    let id = id.0;
    let p = proposal_of(conn, id)?;
    let round = round_of(conn, p.round_id)?;
    if !crate::domain::round_config::proposal_rules(conn, RoundId(p.round_id))?.supports {
        return Err(AppError::Forbidden(Message::new(
            "messages-proposals-round-does-collect-supports",
        )));
    }
    if Phase::of(&round, now) != Phase::Proposals {
        return Err(AppError::Forbidden(Message::new(
            "messages-proposals-proposals-supported-while-they",
        )));
    }
    if ProposalStatus::of(&p.status) == ProposalStatus::Withdrawn {
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
    user: &Account,
    id: ProposalId,
    now: NaiveDateTime,
) -> AppResult<()> {
    let id = id.0;
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

pub use crate::domain::pictures::{sniff_image, MAX_IMAGE_BYTES};

/// The author adds or replaces the picture while they may edit the proposal.
pub fn set_image(
    conn: &mut DbConnection,
    author: &Account,
    id: ProposalId,
    bytes: &[u8],
    now: NaiveDateTime,
) -> AppResult<()> {
    let id = id.0;
    let p = proposal_of(conn, id)?;
    authored_and_open(conn, author, &p, now)?;
    if bytes.len() > MAX_IMAGE_BYTES {
        return Err(AppError::PayloadTooLarge(Message::new(
            "messages-proposals-picture-larger-than-5",
        )));
    }
    let (content_type, cleaned) = match crate::domain::pictures::clean(bytes) {
        Ok(cleaned) => cleaned,
        Err(refused) => {
            let mut e = FieldErrors::default();
            e.add(
                "file",
                Message::new(match refused {
                    crate::domain::pictures::Refused::NotAPicture => {
                        "messages-proposal-file-not-jpeg-png"
                    }
                    crate::domain::pictures::Refused::Unreadable => {
                        "messages-proposal-picture-unreadable"
                    }
                }),
            );
            return Err(e.into());
        }
    };
    proposal_image::replace(conn, id, content_type, &cleaned, now)?;
    Ok(())
}

/// Whether this account supports the proposal.
pub fn supports(conn: &mut DbConnection, id: ProposalId, user_id: i64) -> AppResult<bool> {
    let id = id.0;
    Ok(proposal_support::has(conn, id, user_id)?)
}
