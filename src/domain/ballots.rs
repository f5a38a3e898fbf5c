//! Casting a ballot: validated against the round's frozen rules, the voter's eligibility and
//! district, written with the participation record in one transaction, exactly once.

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDateTime;
use serde::Serialize;

use super::bulletin;
use super::counting::BallotContent;
use super::eligibility;
use super::rounds::{BallotType, Phase};
use crate::db::models::user::UserRow;
use crate::db::models::{ballot, district, eligibility as evidence, proposal, round};
use crate::db::{write_transaction, DbConnection};
use crate::error::{AppError, AppResult};
use crate::i18n::Message;

/// Who is voting: an eligible account, or the holder of a one-time voting code.
pub enum Voter<'a> {
    Account(&'a UserRow),
    Code(&'a str),
}

/// The keyed tag that finds a voter's current ballot on rounds where the last ballot counts:
/// HMAC of round and account under the installation secret, so the database alone cannot link
/// a ballot to a person (see docs/security.md).
pub fn voter_tag(secret: &[u8], round_id: i64, user_id: i64) -> String {
    hex::encode(crate::auth::derived_mac(
        secret,
        "budgetbox/revote-tag/v1",
        format!("{round_id}:{user_id}").as_bytes(),
    ))
}

/// What the voter chose, before validation. Ids are proposal ids.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Choice {
    Projects(Vec<i64>),
    Ranking(Vec<i64>),
    Points(Vec<(i64, i64)>),
}

/// A project a voter may choose, as the ballot shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct BallotProject {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub cost: i64,
    /// None for a city-wide project.
    pub district_id: Option<i64>,
}

/// The ballot paper for one voter: the rules and the projects they may choose from.
#[derive(Clone, Debug, Serialize)]
pub struct BallotPaper {
    pub round_id: i64,
    pub ballot_type: BallotType,
    pub district_id: Option<i64>,
    pub district_name: Option<String>,
    pub min_choices: i32,
    pub max_choices: Option<i32>,
    pub points_total: Option<i32>,
    pub points_per_project: Option<i32>,
    /// The spending limit of a knapsack ballot (the district's budget).
    pub budget: i64,
    pub currency: String,
    pub projects: Vec<BallotProject>,
}

/// Why a ballot is refused, with the status a client should see.
fn forbidden(message: impl Into<Message>) -> AppError {
    AppError::Forbidden(message.into())
}

fn breaks_rule(message: impl Into<Message>) -> AppError {
    AppError::Unprocessable(message.into())
}

/// Builds the ballot paper for a district of a round (None: city-wide only / no districts).
pub fn paper(
    conn: &mut DbConnection,
    round: &round::RoundRow,
    district_id: Option<i64>,
) -> AppResult<BallotPaper> {
    let districts = district::of_round(conn, round.id)?;
    let district = district_id.and_then(|id| districts.iter().find(|d| d.district_id == id));
    let budget = match (district, round.citywide_budget) {
        (Some(d), Some(city)) => d.budget + city,
        (Some(d), None) => d.budget,
        (None, Some(city)) => city,
        (None, None) => round.total_budget,
    };
    let projects = proposal::of_round(conn, round.id)?
        .into_iter()
        .filter(|p| p.status == "feasible")
        .filter(|p| p.district_id.is_none() || p.district_id == district_id)
        .map(|p| BallotProject {
            id: p.id,
            cost: p.validated_cost.unwrap_or(p.estimated_cost),
            title: p.title,
            description: p.description,
            district_id: p.district_id,
        })
        .collect();
    Ok(BallotPaper {
        round_id: round.id,
        ballot_type: BallotType::parse(&round.ballot_type)?,
        district_id,
        district_name: district.map(|d| d.name.clone()),
        min_choices: round.min_choices,
        max_choices: round.max_choices,
        points_total: round.points_total,
        points_per_project: round.points_per_project,
        budget,
        currency: round.currency.clone(),
        projects,
    })
}

/// Checks a choice against the paper; returns the canonical content for the bulletin board.
pub fn validate(paper: &BallotPaper, choice: &Choice) -> AppResult<BallotContent> {
    let known = |id: &i64| -> AppResult<&BallotProject> {
        paper.projects.iter().find(|p| p.id == *id).ok_or_else(|| {
            breaks_rule(Message::new("messages-ballots-not-on-ballot").with("project", id))
        })
    };
    let no_duplicates = |ids: &[i64]| -> AppResult<()> {
        let mut seen = HashSet::new();
        match ids.iter().find(|id| !seen.insert(**id)) {
            Some(id) => Err(breaks_rule(
                Message::new("messages-ballots-twice").with("project", id),
            )),
            None => Ok(()),
        }
    };
    let count_limits = |n: usize, too_few: &'static str, too_many: &'static str| {
        let min = paper.min_choices.max(1) as usize;
        if n < min {
            return Err(breaks_rule(
                Message::new(too_few).count("min", min).count("count", n),
            ));
        }
        match paper.max_choices {
            Some(max) if n > max as usize => Err(breaks_rule(
                Message::new(too_many).count("max", max).count("count", n),
            )),
            _ => Ok(()),
        }
    };
    match (paper.ballot_type, choice) {
        (BallotType::Approval, Choice::Projects(ids)) => {
            no_duplicates(ids)?;
            for id in ids {
                known(id)?;
            }
            count_limits(
                ids.len(),
                "messages-ballots-too-few",
                "messages-ballots-too-many",
            )?;
            let mut ids = ids.clone();
            ids.sort_unstable();
            Ok(BallotContent::Projects(ids))
        }
        (BallotType::Knapsack, Choice::Projects(ids)) => {
            no_duplicates(ids)?;
            if ids.is_empty() {
                return Err(breaks_rule(Message::new(
                    "messages-ballots-choose-least-1-project",
                )));
            }
            let mut total: i64 = 0;
            for id in ids {
                total = total.checked_add(known(id)?.cost).ok_or_else(|| {
                    breaks_rule(Message::new("messages-ballots-total-cost-too-large"))
                })?;
            }
            if total > paper.budget {
                return Err(breaks_rule(
                    Message::new("messages-ballots-over-budget")
                        .money("total", total, &paper.currency)
                        .money("budget", paper.budget, &paper.currency),
                ));
            }
            let mut ids = ids.clone();
            ids.sort_unstable();
            Ok(BallotContent::Projects(ids))
        }
        (BallotType::Ranked, Choice::Ranking(ids)) => {
            no_duplicates(ids)?;
            for id in ids {
                known(id)?;
            }
            count_limits(
                ids.len(),
                "messages-ballots-too-few-ranked",
                "messages-ballots-too-many-ranked",
            )?;
            Ok(BallotContent::Ranking(ids.clone()))
        }
        (BallotType::Cumulative, Choice::Points(points)) => {
            let ids: Vec<i64> = points.iter().map(|(id, _)| *id).collect();
            no_duplicates(&ids)?;
            let total_allowed = i64::from(paper.points_total.unwrap_or(0));
            let mut total: i64 = 0;
            let mut content = BTreeMap::new();
            for (id, n) in points {
                known(id)?;
                if *n < 0 {
                    return Err(breaks_rule(
                        Message::new("messages-ballots-negative-points").with("project", id),
                    ));
                }
                if let Some(cap) = paper.points_per_project {
                    if *n > i64::from(cap) {
                        return Err(breaks_rule(
                            Message::new("messages-ballots-points-cap")
                                .with("project", id)
                                .count("max", cap),
                        ));
                    }
                }
                total = total
                    .checked_add(*n)
                    .ok_or_else(|| breaks_rule(Message::new("messages-ballots-too-many-points")))?;
                if *n > 0 {
                    content.insert(*id, *n as u64);
                }
            }
            if total > total_allowed {
                return Err(breaks_rule(
                    Message::new("messages-ballots-points-over")
                        .count("count", total)
                        .count("max", total_allowed),
                ));
            }
            if content.is_empty() {
                return Err(breaks_rule(Message::new(
                    "messages-ballots-give-least-1-point",
                )));
            }
            Ok(BallotContent::Points(content))
        }
        (expected, _) => Err(breaks_rule(Message::new(match expected {
            BallotType::Approval => "messages-ballots-wrong-kind-approval",
            BallotType::Knapsack => "messages-ballots-wrong-kind-knapsack",
            BallotType::Ranked => "messages-ballots-wrong-kind-ranked",
            BallotType::Cumulative => "messages-ballots-wrong-kind-cumulative",
        }))),
    }
}

const CODE_UNKNOWN: &str = "messages-ballots-code-unknown";
const CODE_USED: &str = "messages-ballots-code-used";

/// The district a voter votes in, or why they cannot vote at all. Reads only.
fn voter_district(
    conn: &mut DbConnection,
    round: &round::RoundRow,
    voter: &Voter<'_>,
    requested: Option<i64>,
) -> AppResult<Option<i64>> {
    let round_districts: Vec<i64> = district::of_round(conn, round.id)?
        .iter()
        .map(|d| d.district_id)
        .collect();
    let district = match voter {
        Voter::Account(user) => {
            let eligibility = eligibility::check(conn, round, user)?;
            if let Some(unmet) = eligibility.requirements.iter().find(|r| !r.met) {
                return Err(forbidden(format!(
                    "you cannot vote in this round: {}",
                    unmet.explanation
                )));
            }
            match eligibility.district_id {
                Some(d) => Some(d),
                // No residence rule: the voter picks one of the round's districts.
                None if round.residence == "none" => {
                    requested.filter(|d| round_districts.contains(d))
                }
                None => None,
            }
        }
        // Only looked up here; it is spent inside the ballot's transaction.
        Voter::Code(code) => {
            match evidence::find_code(conn, round.id, &eligibility::code_hash(code))? {
                None => return Err(forbidden(Message::new(CODE_UNKNOWN))),
                Some((_, true)) => return Err(AppError::Conflict(Message::new(CODE_USED))),
                Some((Some(d), false)) => Some(d),
                Some((None, false)) => requested.filter(|d| round_districts.contains(d)),
            }
        }
    };
    if let (Some(asked), Some(actual)) = (requested, district) {
        if asked != actual {
            return Err(forbidden(Message::new(
                "messages-ballots-vote-own-district-ballot",
            )));
        }
    }
    if !round_districts.is_empty() && district.is_none() && round.citywide_budget.is_none() {
        return Err(forbidden(Message::new(
            "messages-ballots-choose-district-vote-round",
        )));
    }
    Ok(district)
}

/// The ballot paper for a voter who has not voted yet (no code is spent here).
pub fn paper_for_account(
    conn: &mut DbConnection,
    round_id: i64,
    user: &UserRow,
    requested_district: Option<i64>,
    now: NaiveDateTime,
) -> AppResult<BallotPaper> {
    let round = crate::domain::rounds::find(conn, round_id)?;
    if Phase::of(&round, now) != Phase::Voting {
        return Err(forbidden(Message::new(
            "messages-ballots-voting-open-round",
        )));
    }
    let district = voter_district(conn, &round, &Voter::Account(user), requested_district)?;
    paper(conn, &round, district)
}

pub struct Receipt {
    pub tracking_code: String,
    pub round_id: i64,
    /// This ballot replaced the voter's earlier one (rounds where the last ballot counts).
    pub replaces_earlier: bool,
}

/// One ballot to cast: who, where (the district they say; it must match their record), what.
pub struct Cast<'a> {
    pub round_id: i64,
    pub voter: Voter<'a>,
    pub requested_district: Option<i64>,
    pub choice: &'a Choice,
    /// `online` or `paper`.
    pub channel: &'a str,
}

/// A ballot checked against everything that cannot change while voting is open (rules,
/// projects, the voter's district), ready to be written. Holds no borrowed data, so it can be
/// handed to the writer that commits ballots in groups.
#[derive(Clone, Debug)]
pub struct Prepared {
    pub round_id: i64,
    user_id: Option<i64>,
    code: Option<String>,
    revoting: bool,
    channel: String,
    district: Option<i64>,
    content: String,
    tag: Option<String>,
}

/// Reads and validates, outside any write transaction: ballot rules, projects and costs are
/// frozen while voting is open, so only the phase, the code or participation and the chain
/// are left for `commit`.
pub fn prepare(
    conn: &mut DbConnection,
    secret: &[u8],
    request: Cast<'_>,
    now: NaiveDateTime,
) -> AppResult<Prepared> {
    let Cast {
        round_id,
        voter,
        requested_district,
        choice,
        channel,
    } = request;
    let round = crate::domain::rounds::find(conn, round_id)?;
    check_voting_open(&round, now)?;
    let district = voter_district(conn, &round, &voter, requested_district)?;
    let content = validate(&paper(conn, &round, district)?, choice)?.to_json()?;
    let (user_id, code) = match voter {
        Voter::Account(user) => (Some(user.id), None),
        Voter::Code(code) => (None, Some(code.to_string())),
    };
    let revoting = round.revote_policy == "last-counts";
    let tag = match (revoting, user_id) {
        (true, Some(user_id)) => Some(voter_tag(secret, round_id, user_id)),
        _ => None,
    };
    Ok(Prepared {
        round_id,
        user_id,
        code,
        revoting,
        channel: channel.to_string(),
        district,
        content,
        tag,
    })
}

/// A round's board, locked for the current write transaction: the round as it stands and the
/// end of its chain. Ballots of one group commit share it.
pub struct Board {
    round: round::RoundRow,
    tail: bulletin::Tail,
}

/// Locks the round's board for this transaction (refused once the round is counted).
pub fn open_board(conn: &mut DbConnection, round_id: i64) -> AppResult<Board> {
    let round = lock_board(conn, round_id)?;
    let tail = bulletin::tail(conn, round_id)?;
    Ok(Board { round, tail })
}

/// Whether an error refuses one ballot (the voter is told why) rather than the write itself.
pub fn is_refusal(e: &AppError) -> bool {
    matches!(
        e,
        AppError::Conflict(_)
            | AppError::Forbidden(_)
            | AppError::NotFound(_)
            | AppError::Unprocessable(_)
    )
}

/// Writes a prepared ballot on a board opened in this transaction; the caller commits before
/// the receipt is shown. See `commit_all_to`.
pub fn commit_to(
    conn: &mut DbConnection,
    board: &mut Board,
    ballot: &Prepared,
    now: NaiveDateTime,
) -> AppResult<Receipt> {
    commit_all_to(conn, board, &[(ballot, now)])?
        .pop()
        .unwrap_or_else(|| Err(AppError::internal("a written ballot had no outcome")))
}

/// Writes prepared ballots of the board's round, in this order, on a board opened in this
/// transaction; returns each one's receipt or refusal. Everything that can change since
/// `prepare` is decided here: the phase, the code or participation (exactly once), the chain.
/// Every refusal comes before that ballot's first write, so a refused ballot leaves nothing
/// behind; any other error is returned for the whole group and must abort the transaction.
/// Codes are spent and entries written with one statement for the whole group: on PostgreSQL
/// each statement is a round trip, and two per ballot were most of a group commit's time.
pub fn commit_all_to(
    conn: &mut DbConnection,
    board: &mut Board,
    ballots: &[(&Prepared, NaiveDateTime)],
) -> AppResult<Vec<AppResult<Receipt>>> {
    let mut refused: Vec<Option<AppError>> = ballots
        .iter()
        .map(|(_, now)| check_voting_open(&board.round, *now).err())
        .collect();
    let codes: Vec<&str> = ballots
        .iter()
        .zip(&refused)
        .filter(|(_, refusal)| refusal.is_none())
        .filter_map(|((ballot, _), _)| ballot.code.as_deref())
        .collect();
    let mut spent = match ballots.iter().map(|(_, now)| *now).max() {
        // One time for the group: it is committed at one moment.
        Some(now) if !codes.is_empty() => {
            eligibility::spend_codes(conn, board.round.id, &codes, now)?
        }
        _ => HashSet::new(),
    };
    let mut receipts = Vec::with_capacity(ballots.len());
    let mut entries: Vec<bulletin::Pending> = Vec::new();
    // Entries of this group by voter tag, which a later ballot of the same voter replaces.
    let mut tagged: BTreeMap<&str, i64> = BTreeMap::new();
    for ((ballot, now), refusal) in ballots.iter().zip(refused.iter_mut()) {
        if let Some(e) = refusal.take() {
            receipts.push(Err(e));
            continue;
        }
        let round_id = ballot.round_id;
        match (&ballot.code, ballot.user_id) {
            (Some(code), _) => {
                // Taken out, so the same code later in the group, however spelt, is refused.
                if !spent.remove(&eligibility::code_hash(code)) {
                    receipts.push(Err(AppError::Conflict(Message::new(CODE_USED))));
                    continue;
                }
            }
            (None, Some(user_id)) => {
                let first =
                    ballot::record_participation_if_new(conn, round_id, user_id, &ballot.channel)?;
                if !first && !ballot.revoting {
                    receipts.push(Err(AppError::Conflict(Message::new(
                        "messages-ballots-already-voted-round-each",
                    ))));
                    continue;
                }
            }
            (None, None) => {}
        }
        let supersedes = match &ballot.tag {
            Some(tag) => match tagged.get(tag.as_str()) {
                Some(seq) => Some(*seq),
                None => ballot::latest_of_tag(conn, round_id, tag)
                    .map_err(|e| AppError::internal(format!("reading the board: {e}")))?,
            },
            None => None,
        };
        let entry = bulletin::chain_after(
            round_id,
            &mut board.tail,
            &bulletin::NewEntry {
                district_id: ballot.district,
                content: &ballot.content,
                cast_day: &now.date().to_string(),
                voter_tag: ballot.tag.as_deref(),
                supersedes,
            },
        );
        if let Some(tag) = &ballot.tag {
            tagged.insert(tag, entry.seq());
        }
        receipts.push(Ok(Receipt {
            tracking_code: entry.code.clone(),
            round_id,
            replaces_earlier: supersedes.is_some(),
        }));
        entries.push(entry);
    }
    let rows: Vec<_> = entries.iter().map(bulletin::Pending::row).collect();
    ballot::insert_all(conn, &rows)
        .map_err(|e| AppError::internal(format!("writing ballots to the board: {e}")))?;
    Ok(receipts)
}

/// Writes one prepared ballot in the caller's write transaction.
pub fn commit(
    conn: &mut DbConnection,
    ballot: &Prepared,
    now: NaiveDateTime,
) -> AppResult<Receipt> {
    let mut board = open_board(conn, ballot.round_id)?;
    commit_to(conn, &mut board, ballot, now)
}

/// Casts one ballot in its own transaction (the web app groups ballots instead; see
/// `web::ballot_box`). A ballot racing the closing time or a duplicate is either in the count
/// or refused, never half-written.
pub fn cast(
    conn: &mut DbConnection,
    secret: &[u8],
    request: Cast<'_>,
    now: NaiveDateTime,
) -> AppResult<Receipt> {
    let ballot = prepare(conn, secret, request, now)?;
    write_transaction(conn, |conn| commit(conn, &ballot, now))
}

/// Takes the round's lock for appending to its board. A count that committed first closes
/// the board, even if this request's clock still said "open".
fn lock_board(conn: &mut DbConnection, round_id: i64) -> AppResult<round::RoundRow> {
    let row = round::find_for_update(conn, round_id)?;
    if crate::db::models::round_result::find(conn, round_id)?.is_some() {
        return Err(forbidden(Message::new(
            "messages-ballots-voting-closed-round",
        )));
    }
    Ok(row)
}

fn check_voting_open(round: &round::RoundRow, now: NaiveDateTime) -> AppResult<()> {
    match Phase::of(round, now) {
        Phase::Voting => Ok(()),
        phase if phase < Phase::Voting => Err(forbidden(Message::new(
            "messages-ballots-voting-opened-yet-round",
        ))),
        _ => Err(forbidden(Message::new(
            "messages-ballots-voting-closed-round",
        ))),
    }
}

fn record_participation(
    conn: &mut DbConnection,
    round_id: i64,
    user_id: i64,
    channel: &str,
) -> AppResult<()> {
    match ballot::record_participation(conn, round_id, Some(user_id), channel) {
        Ok(()) => Ok(()),
        Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        )) => Err(AppError::Conflict(Message::new(
            "messages-ballots-already-voted-round-each",
        ))),
        Err(e) => Err(e.into()),
    }
}

/// Writes the participation and the bulletin entry of a final ballot; the caller holds the
/// transaction and has checked everything else.
fn store(
    conn: &mut DbConnection,
    round_id: i64,
    user_id: i64,
    district: Option<i64>,
    content: &BallotContent,
    channel: &str,
    now: NaiveDateTime,
) -> AppResult<Receipt> {
    record_participation(conn, round_id, user_id, channel)?;
    lock_board(conn, round_id)?;
    let tracking_code = bulletin::append(
        conn,
        round_id,
        &bulletin::NewEntry {
            district_id: district,
            content: &content.to_json()?,
            cast_day: &now.date().to_string(),
            voter_tag: None,
            supersedes: None,
        },
    )?;
    Ok(Receipt {
        tracking_code,
        round_id,
        replaces_earlier: false,
    })
}

#[derive(Debug)]
pub enum PaperOutcome {
    /// First entry recorded; a second officer must enter the same ballot.
    AwaitingSecondEntry,
    /// Both entries agreed; the ballot is cast.
    Cast(String),
    /// The second entry differs from the first; both are discarded and the ballot must be
    /// entered twice again.
    Mismatch,
}

/// Double entry of a paper ballot by poll officers, for a voter whose eligibility the
/// application checks like an online ballot. Exactly once, like any ballot.
pub fn enter_paper(
    conn: &mut DbConnection,
    officer_id: i64,
    round_id: i64,
    voter: &UserRow,
    choice: &Choice,
    now: NaiveDateTime,
) -> AppResult<PaperOutcome> {
    write_transaction(conn, |conn| {
        super::rounds::find(conn, round_id)?;
        let round = round::find_for_update(conn, round_id)?;
        if Phase::of(&round, now) != Phase::Voting {
            return Err(forbidden(Message::new(
                "messages-ballots-voting-open-round",
            )));
        }
        if ballot::has_participated(conn, round_id, voter.id)? {
            return Err(AppError::Conflict(Message::new(
                "messages-ballots-person-already-voted-round",
            )));
        }
        let district = voter_district(conn, &round, &Voter::Account(voter), None)?;
        let paper = paper(conn, &round, district)?;
        let content = validate(&paper, choice)?;
        let json = content.to_json()?;
        match ballot::pending_paper(conn, round_id, voter.id)? {
            None => {
                ballot::add_pending_paper(conn, round_id, voter.id, &json, officer_id, now)?;
                Ok(PaperOutcome::AwaitingSecondEntry)
            }
            Some((_, first_officer)) if first_officer == officer_id => Err(AppError::Conflict(
                Message::new("messages-ballots-entered-ballot-already-second"),
            )),
            Some((pending, _)) => {
                ballot::clear_pending_paper(conn, round_id, voter.id)?;
                if pending == json {
                    Ok(PaperOutcome::Cast(
                        store(conn, round_id, voter.id, district, &content, "paper", now)?
                            .tracking_code,
                    ))
                } else {
                    Ok(PaperOutcome::Mismatch)
                }
            }
        }
    })
}

pub fn has_voted(conn: &mut DbConnection, round_id: i64, user_id: i64) -> AppResult<bool> {
    Ok(ballot::has_participated(conn, round_id, user_id)?)
}
