//! Preparing a ballot: validated against the round's frozen rules, the voter's eligibility and
//! district, and sealed, with the voter's eligibility token it spends; `board_writes` then
//! writes it with the participation that spends the token, exactly once per person.
//!
//! Every ballot spends one token (see `eligibility::account_token` and
//! `voting_codes::token`): the census entry, the document a reviewer saw, the voting code or
//! the account's address. The token, not the account, is unique per round, so deleting an
//! account, or holding both an account and a code bound to the same census entry, never
//! yields a second counted ballot.

use chrono::NaiveDateTime;

use super::eligibility;
use super::people::Account;
use super::rounds::Phase;
use super::sealing::{self, RoundKeys};
use super::voting_codes;
use crate::db::models::{ballot, district, round};
use crate::db::DbConnection;
use crate::domain::ids::RoundId;
use crate::domain::status::{Residence, RevotePolicy};
use crate::error::{AppError, AppResult, FieldErrors};
use crate::i18n::Message;

pub use super::ballot_papers::BallotPapers;
pub use super::ballot_rules::{paper, validate, BallotPaper, BallotProject, Choice};

/// Who is voting: an eligible account, or the holder of a one-time voting code.
pub enum Voter<'a> {
    Account(&'a Account),
    Code(&'a str),
    /// The holder of a voting code already looked up in the round's list (`None`: not on
    /// it), as the web app does for several ballots at once (see `voting_codes::look_up`).
    LookedUp(Option<&'a voting_codes::CodeRecord>),
}

/// How a ballot reached the board.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Channel {
    Online,
    Paper,
    Code,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Online => "online",
            Channel::Paper => "paper",
            Channel::Code => "code",
        }
    }
}

pub(super) fn forbidden(message: impl Into<Message>) -> AppError {
    AppError::Forbidden(message.into())
}

pub(super) const ALREADY_VOTED: &str = "messages-ballots-already-voted-round-each";

/// What the voter's record says: the district it names, the token their ballot spends, and
/// whether they may say their district themselves (their record names none).
struct OnRecord {
    district: Option<i64>,
    token: String,
    may_choose: bool,
}

/// The voter's record, or why they cannot vote at all. Reads only.
fn on_record(
    conn: &mut DbConnection,
    secret: &[u8],
    round: &round::RoundRow,
    voter: &Voter<'_>,
) -> AppResult<OnRecord> {
    match voter {
        Voter::Account(user) => {
            let eligibility = eligibility::check(conn, round, user)?;
            if let Some(unmet) = eligibility.requirements.iter().find(|r| !r.met) {
                return Err(forbidden(format!(
                    "you cannot vote in this round: {}",
                    unmet.explanation
                )));
            }
            let token = eligibility::account_token(conn, secret, round, user)?;
            // Where residence is declared (or not asked), a voter whose account names no
            // district declares it on the ballot; a verified residence comes from the record.
            Ok(OnRecord {
                may_choose: eligibility.district_id.is_none()
                    && Residence::of(round) != Residence::Verified,
                district: eligibility.district_id,
                token,
            })
        }
        Voter::Code(code) => code_on_record(voting_codes::find(conn, round, code)?),
        Voter::LookedUp(record) => code_on_record(voting_codes::found(round, *record)?),
    }
}

fn code_on_record(found: voting_codes::FoundCode) -> AppResult<OnRecord> {
    Ok(OnRecord {
        may_choose: found.district_id.is_none(),
        district: found.district_id,
        token: found.token,
    })
}

/// The district a voter votes in: their record's, or the one they say where they may.
fn ballot_district(
    round: &round::RoundRow,
    round_districts: &[i64],
    record: &OnRecord,
    requested: Option<i64>,
) -> AppResult<Option<i64>> {
    district_of(
        round,
        round_districts,
        record.district,
        record.may_choose,
        requested,
    )
}

/// `ballot_district` from what the record says: the district it names, and whether the voter
/// may say theirs.
fn district_of(
    round: &round::RoundRow,
    round_districts: &[i64],
    on_record: Option<i64>,
    may_choose: bool,
    requested: Option<i64>,
) -> AppResult<Option<i64>> {
    let district =
        on_record.or_else(|| requested.filter(|d| may_choose && round_districts.contains(d)));
    if let (Some(asked), Some(actual)) = (requested, district) {
        if asked != actual {
            return Err(forbidden(Message::new(
                "messages-ballots-vote-own-district-ballot",
            )));
        }
    }
    // A voter who can choose is always asked: a city-wide pot alone would silently take away
    // their district's projects (or leave the ballot empty).
    if !round_districts.is_empty()
        && district.is_none()
        && (may_choose || round.citywide_budget.is_none())
    {
        let mut errors = FieldErrors::default();
        errors.add(
            "district",
            Message::new("messages-ballots-choose-district-vote-round"),
        );
        return Err(AppError::Invalid(errors));
    }
    Ok(district)
}

/// The district a voter votes in, or why they cannot vote at all, and the token their ballot
/// spends. Reads only.
fn voter_district(
    conn: &mut DbConnection,
    secret: &[u8],
    round: &round::RoundRow,
    round_districts: &[i64],
    voter: &Voter<'_>,
    requested: Option<i64>,
) -> AppResult<(Option<i64>, String)> {
    let record = on_record(conn, secret, round, voter)?;
    let district = ballot_district(round, round_districts, &record, requested)?;
    Ok((district, record.token))
}

fn district_ids(conn: &mut DbConnection, round_id: i64) -> AppResult<Vec<i64>> {
    Ok(district::of_round(conn, round_id)?
        .iter()
        .map(|d| d.district_id)
        .collect())
}

/// The ballot paper for a voter who has not voted yet (no code is spent here).
pub fn paper_for_account(
    conn: &mut DbConnection,
    secret: &[u8],
    round_id: RoundId,
    user: &Account,
    requested_district: Option<i64>,
    now: NaiveDateTime,
) -> AppResult<BallotPaper> {
    let round_id = round_id.0;
    let round = crate::domain::rounds::find(conn, RoundId(round_id))?;
    if Phase::of(&round, now) != Phase::Voting {
        return Err(forbidden(Message::new(
            "messages-ballots-voting-open-round",
        )));
    }
    let districts = district_ids(conn, round_id)?;
    let (district, _) = voter_district(
        conn,
        secret,
        &round,
        &districts,
        &Voter::Account(user),
        requested_district,
    )?;
    paper(conn, &round, district)
}

/// The ballot paper for the holder of a voting code (the code is not spent here).
pub fn paper_for_code(
    conn: &mut DbConnection,
    secret: &[u8],
    round_id: RoundId,
    code: &str,
    requested_district: Option<i64>,
    now: NaiveDateTime,
) -> AppResult<BallotPaper> {
    let round_id = round_id.0;
    let round = crate::domain::rounds::find(conn, RoundId(round_id))?;
    check_voting_open(&round, now)?;
    let districts = district_ids(conn, round_id)?;
    let (district, token) = voter_district(
        conn,
        secret,
        &round,
        &districts,
        &Voter::Code(code),
        requested_district,
    )?;
    if ballot::token_spent(conn, round_id, &token)? {
        return Err(AppError::Conflict(Message::new(voting_codes::USED)));
    }
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
    /// `Online` or `Paper` for accounts; a code is always `Code`.
    pub channel: Channel,
}

/// What a ballot spends: its person's token, or a voting code (by its hash) that is read as
/// the ballot is written (see `prepare_unread_code`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) enum Spends {
    Token(String),
    Code { hash: String },
}

impl Spends {
    /// Tells ballots of the same person apart from others' in a group: the token, or the
    /// code's hash (two codes of one person then look like two persons, which the
    /// participations' unique key still tells apart).
    pub(super) fn key(&self) -> &str {
        match self {
            Spends::Token(token) => token,
            Spends::Code { hash } => hash,
        }
    }

    /// The token a participation records; a code must have been read first.
    pub(super) fn token(&self) -> AppResult<&str> {
        match self {
            Spends::Token(token) => Ok(token),
            Spends::Code { .. } => Err(AppError::internal(
                "a ballot's voting code was not read before its transaction",
            )),
        }
    }
}

/// A ballot checked against everything that cannot change while voting is open (rules,
/// projects, the voter's district), sealed, and ready to be written. Holds no borrowed data,
/// so it can be handed to the writer that commits ballots in groups.
#[derive(Clone, Debug)]
pub struct Prepared {
    pub round_id: i64,
    pub(super) user_id: Option<i64>,
    pub(super) spends: Spends,
    pub(super) revoting: bool,
    pub(super) channel: Channel,
    pub(super) district: Option<i64>,
    pub(super) commitment: String,
    pub(super) sealed: Vec<u8>,
    pub(super) tag: Option<String>,
    /// Where a copy of the receipt goes, for a voter who asked for one.
    pub(super) receipt_copy: Option<Box<ReceiptCopy>>,
}

#[derive(Clone)]
pub(super) struct ReceiptCopy {
    pub(super) to: Account,
    pub(super) round_title: String,
    pub(super) mailing: super::notifications::Mailing,
}

impl std::fmt::Debug for ReceiptCopy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ReceiptCopy")
    }
}

impl Prepared {
    /// Sends a copy of the receipt (its tracking code, never the ballot) to an account that
    /// asked for one in its settings; it is written with the ballot, in its transaction.
    pub fn with_receipt_copy(
        mut self,
        conn: &mut DbConnection,
        mailing: &super::notifications::Mailing,
        user: &Account,
    ) -> AppResult<Self> {
        if super::notifications::settings(conn, user.id)?.receipt_copy {
            self.receipt_copy = Some(Box::new(ReceiptCopy {
                to: user.clone(),
                round_title: crate::domain::rounds::find(conn, RoundId(self.round_id))?.title,
                mailing: mailing.clone(),
            }));
        }
        Ok(self)
    }
}

/// Reads, validates and seals, outside any write transaction: ballot rules, projects and
/// costs are frozen while voting is open, so only the phase, the token and the chain are left
/// for `board_writes::commit_all`.
pub fn prepare(
    conn: &mut DbConnection,
    secret: &[u8],
    request: Cast<'_>,
    now: NaiveDateTime,
) -> AppResult<Prepared> {
    prepare_with(conn, &BallotPapers::default(), secret, request, now)
}

/// `prepare`, checking the ballot against the papers kept in `papers` (see `ballot_papers`).
pub fn prepare_with(
    conn: &mut DbConnection,
    papers: &BallotPapers,
    secret: &[u8],
    request: Cast<'_>,
    now: NaiveDateTime,
) -> AppResult<Prepared> {
    let snapshot = papers.round(conn, RoundId(request.round_id), now)?;
    let round = &snapshot.row;
    check_voting_open(round, now)?;
    let record = on_record(conn, secret, round, &request.voter)?;
    let district = ballot_district(
        round,
        &snapshot.districts,
        &record,
        request.requested_district,
    )?;
    let paper = snapshot.paper(conn, district)?;
    seal(
        secret,
        round,
        &request,
        district,
        Spends::Token(record.token),
        &paper,
    )
}

/// `prepare_with` without the database, for a voting code already looked up while the round
/// and its paper are in memory: what a code's ballot needs most of the time. `None` when
/// something has to be read first (then `prepare_with` does it all).
pub fn prepare_in_memory(
    papers: &BallotPapers,
    secret: &[u8],
    request: Cast<'_>,
    now: NaiveDateTime,
) -> Option<AppResult<Prepared>> {
    let Voter::LookedUp(code) = request.voter else {
        return None;
    };
    let snapshot = papers.kept(RoundId(request.round_id), now)?;
    let round = &snapshot.row;
    let prepare = || -> AppResult<Option<Prepared>> {
        check_voting_open(round, now)?;
        let record = code_on_record(voting_codes::found(round, code)?)?;
        let district = ballot_district(
            round,
            &snapshot.districts,
            &record,
            request.requested_district,
        )?;
        let Some(paper) = snapshot.kept_paper(district) else {
            return Ok(None);
        };
        let spends = Spends::Token(record.token);
        seal(secret, round, &request, district, spends, &paper).map(Some)
    };
    prepare().transpose()
}

/// `prepare_in_memory` for a voting code not read yet, on PostgreSQL: checked and sealed
/// against the paper of the district the ballot names (or the round's one paper), and its
/// code read by the statement that writes it (`board_writes::append_fresh`) — one round trip
/// fewer for most ballots of a code. A code not on the round's list, or bound to another
/// district, is turned away there, and the writer then reads it and refuses the ballot as
/// `prepare_with` would. `None` when the code must be read first: a round with districts
/// whose ballot names none (the code's record says which), a round where the last ballot
/// counts (the revote tag needs the person's token), a paper not in memory.
pub fn prepare_unread_code(
    papers: &BallotPapers,
    secret: &[u8],
    request: Cast<'_>,
    now: NaiveDateTime,
) -> Option<AppResult<Prepared>> {
    let Voter::Code(code) = request.voter else {
        return None;
    };
    let snapshot = papers.kept(RoundId(request.round_id), now)?;
    let round = &snapshot.row;
    let names_district = request.requested_district.is_some() || snapshot.districts.is_empty();
    if !names_district || RevotePolicy::of(round) == RevotePolicy::LastCounts {
        return None;
    }
    let prepare = || -> AppResult<Option<Prepared>> {
        check_voting_open(round, now)?;
        voting_codes::accepted(round)?;
        let district = district_of(
            round,
            &snapshot.districts,
            None,
            true,
            request.requested_district,
        )?;
        let Some(paper) = snapshot.kept_paper(district) else {
            return Ok(None);
        };
        let spends = Spends::Code {
            hash: voting_codes::code_hash(code),
        };
        seal(secret, round, &request, district, spends, &paper).map(Some)
    };
    prepare().transpose()
}

/// Validates the choice on the voter's paper and seals it for the board.
fn seal(
    secret: &[u8],
    round: &round::RoundRow,
    request: &Cast<'_>,
    district: Option<i64>,
    spends: Spends,
    paper: &BallotPaper,
) -> AppResult<Prepared> {
    let round_id = request.round_id;
    let content = validate(paper, request.choice)?.to_json()?;
    let keys = RoundKeys::new(secret, round_id);
    let salt = sealing::new_salt();
    let commitment = sealing::commit(&salt, &content);
    let sealed = keys.seal(&commitment, &salt, &content)?;
    let (user_id, channel) = match request.voter {
        Voter::Account(user) => (Some(user.id), request.channel),
        Voter::Code(_) | Voter::LookedUp(_) => (None, Channel::Code),
    };
    let revoting = RevotePolicy::of(round) == RevotePolicy::LastCounts;
    Ok(Prepared {
        round_id,
        user_id,
        tag: match (&spends, revoting) {
            (Spends::Token(token), true) => Some(keys.revote_tag(token)),
            _ => None,
        },
        spends,
        revoting,
        channel,
        district,
        commitment,
        sealed,
        receipt_copy: None,
    })
}

/// Takes the round's lock for appending to its board. A count that committed first closes
/// the board, even if this request's clock still said "open".
pub(super) fn check_voting_open(round: &round::RoundRow, now: NaiveDateTime) -> AppResult<()> {
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

/// Whether this account, or the person it stands for, has voted in the round.
pub fn has_voted(
    conn: &mut DbConnection,
    secret: &[u8],
    round_id: RoundId,
    user: &Account,
) -> AppResult<bool> {
    let round_id = round_id.0;
    if ballot::has_participated(conn, round_id, user.id)? {
        return Ok(true);
    }
    let round = crate::domain::rounds::find(conn, RoundId(round_id))?;
    match eligibility::account_token(conn, secret, &round, user) {
        Ok(token) => Ok(ballot::token_spent(conn, round_id, &token)?),
        // No token yet (not matched to the census, say): not voted as this person either.
        Err(_) => Ok(false),
    }
}
