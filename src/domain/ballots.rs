//! Casting a ballot: validated against the round's frozen rules, the voter's eligibility and
//! district, sealed, and written with the participation that spends the voter's eligibility
//! token in one transaction, exactly once per person.
//!
//! Every ballot spends one token (see `eligibility::account_token` and
//! `voting_codes::token`): the census entry, the document a reviewer saw, the voting code or
//! the account's address. The token, not the account, is unique per round, so deleting an
//! account, or holding both an account and a code bound to the same census entry, never
//! yields a second counted ballot.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDateTime;

use super::bulletin;
use super::eligibility;
use super::people::Account;
use super::rounds::Phase;
use super::sealing::{self, RoundKeys};
use super::voting_codes;
use crate::db::models::{ballot, district, round};
use crate::db::{write_transaction, DbConnection};
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

fn forbidden(message: impl Into<Message>) -> AppError {
    AppError::Forbidden(message.into())
}

const ALREADY_VOTED: &str = "messages-ballots-already-voted-round-each";

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
    let district = record
        .district
        .or_else(|| requested.filter(|d| record.may_choose && round_districts.contains(d)));
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
        && (record.may_choose || round.citywide_budget.is_none())
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

/// A ballot checked against everything that cannot change while voting is open (rules,
/// projects, the voter's district), sealed, and ready to be written. Holds no borrowed data,
/// so it can be handed to the writer that commits ballots in groups.
#[derive(Clone, Debug)]
pub struct Prepared {
    pub round_id: i64,
    user_id: Option<i64>,
    token: String,
    revoting: bool,
    channel: Channel,
    district: Option<i64>,
    commitment: String,
    sealed: Vec<u8>,
    tag: Option<String>,
    /// Where a copy of the receipt goes, for a voter who asked for one.
    receipt_copy: Option<Box<ReceiptCopy>>,
}

#[derive(Clone)]
struct ReceiptCopy {
    to: Account,
    round_title: String,
    mailing: super::notifications::Mailing,
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
/// for `commit_all_to`.
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
    seal(secret, round, &request, district, record.token, &paper)
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
        seal(secret, round, &request, district, record.token, &paper).map(Some)
    };
    prepare().transpose()
}

/// Validates the choice on the voter's paper and seals it for the board.
fn seal(
    secret: &[u8],
    round: &round::RoundRow,
    request: &Cast<'_>,
    district: Option<i64>,
    token: String,
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
        tag: revoting.then(|| keys.revote_tag(&token)),
        token,
        revoting,
        channel,
        district,
        commitment,
        sealed,
        receipt_copy: None,
    })
}

/// A round's board, locked for the current write transaction: the round as it stands and the
/// end of its chain. Ballots of one group commit share it.
pub struct Board {
    round: round::RoundRow,
    tail: bulletin::Tail,
}

/// Locks the round's board for this transaction (refused once the round is counted).
pub fn open_board(conn: &mut DbConnection, round_id: RoundId) -> AppResult<Board> {
    let round_id = round_id.0;
    let round = round::find_for_update(conn, round_id)?;
    let (counted, tail) = ballot::counted_and_tail(conn, round_id)?;
    if counted {
        return Err(forbidden(Message::new(
            "messages-ballots-voting-closed-round",
        )));
    }
    let tail = bulletin::tail_from(tail);
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

/// Why a ballot whose person already voted is refused, in the words of its channel.
fn already_voted(ballot: &Prepared) -> AppError {
    AppError::Conflict(Message::new(match ballot.channel {
        Channel::Code => voting_codes::USED,
        Channel::Online | Channel::Paper => ALREADY_VOTED,
    }))
}

/// The same refusal again, for another ballot it applies to.
fn refusal_again(e: &AppError) -> AppError {
    match e {
        AppError::Forbidden(m) => AppError::Forbidden(m.clone()),
        AppError::NotFound(m) => AppError::NotFound(m.clone()),
        AppError::Conflict(m) => AppError::Conflict(m.clone()),
        AppError::Unprocessable(m) => AppError::Unprocessable(m.clone()),
        other => AppError::internal(format!("a ballot could not be written: {other}")),
    }
}

/// Writes prepared ballots of one round, in this order, in this transaction; returns each
/// one's receipt or refusal. Everything that can change since `prepare` is decided here: the
/// phase, the token (exactly once per person), the chain. A refused ballot leaves nothing
/// behind once the transaction commits; any other error is returned for the whole group and
/// must abort the transaction.
///
/// The participations are recorded before the round's board is locked, so that on
/// PostgreSQL another app instance's writer records its group's while one group holds the lock.
/// That order is the same for every writer — participations of a round,
/// in token order, then its lock, rounds in id order — so no two transactions wait on each
/// other crosswise: one holding a board's lock never waits for a participation.
pub fn commit_all(
    conn: &mut DbConnection,
    round_id: RoundId,
    ballots: &[(&Prepared, NaiveDateTime)],
) -> AppResult<Written> {
    let firsts = first_of_each_person(ballots);
    let recorded = {
        let _span = tracing::debug_span!("ballot.batch.participations").entered();
        record_participations(conn, round_id, ballots, &firsts)?
    };
    let board = {
        let _span = tracing::debug_span!("ballot.batch.lock").entered();
        open_board(conn, round_id)
    };
    let mut board = match board {
        Ok(board) => board,
        // The whole board refuses (the round was counted meanwhile, say): nothing stays.
        Err(e) if is_refusal(&e) => {
            let recorded: Vec<&str> = recorded.iter().map(String::as_str).collect();
            ballot::forget_participations(conn, round_id.0, &recorded)?;
            return Ok(Written {
                outcomes: ballots.iter().map(|_| Err(refusal_again(&e))).collect(),
                tail: None,
            });
        }
        Err(e) => return Err(e),
    };
    let outcomes = append(conn, &mut board, ballots, &firsts, recorded)?;
    Ok(Written {
        outcomes,
        tail: Some(board.tail),
    })
}

/// What a group of ballots came to: each one's receipt or refusal, and the end of the board
/// after them (`None` when the whole board refused them) — true once the write commits.
pub struct Written {
    pub outcomes: Vec<AppResult<Receipt>>,
    pub tail: Option<bulletin::Tail>,
}

/// On PostgreSQL, writes a group of fresh ballots of one round in one statement that commits
/// by itself — one round trip where `commit_all` in a transaction takes six — chained after
/// `tail`, the writer's memory of where the board ends. Fresh: each the first ballot of its
/// person in the group, none with a receipt copy to send. Returns `None`, having written
/// nothing, when the group is not of that kind or the database turns it away (a person who
/// took part already, a board that grew past `tail`, a round counted or not open at one of the
/// ballots' times); `commit_all` then decides each ballot. Call it outside a transaction.
pub fn append_fresh(
    conn: &mut DbConnection,
    round_id: RoundId,
    ballots: &[(&Prepared, NaiveDateTime)],
    tail: &bulletin::Tail,
) -> AppResult<Option<Written>> {
    let DbConnection::Postgres(pg) = conn else {
        return Ok(None);
    };
    let firsts = first_of_each_person(ballots);
    let fresh = !firsts.contains(&false)
        && ballots
            .iter()
            .all(|(ballot, _)| ballot.round_id == round_id.0 && ballot.receipt_copy.is_none());
    let times = ballots.iter().map(|(_, now)| *now);
    let (true, Some(earliest), Some(latest)) = (fresh, times.clone().min(), times.max()) else {
        return Ok(None);
    };
    let taken = participations_of(round_id, ballots, &firsts);
    let mut end = tail.clone();
    let entries: Vec<bulletin::Pending> = ballots
        .iter()
        .map(|(ballot, now)| chain_entry(ballot, *now, &mut end, None))
        .collect();
    let rows: Vec<_> = entries.iter().map(bulletin::Pending::row).collect();
    match ballot::append_fresh(pg, round_id.0, &taken, &rows, (earliest, latest)) {
        Ok(written) if written == rows.len() => Ok(Some(Written {
            outcomes: entries
                .iter()
                .map(|entry| {
                    Ok(Receipt {
                        tracking_code: entry.code.clone(),
                        round_id: round_id.0,
                        replaces_earlier: false,
                    })
                })
                .collect(),
            tail: Some(end),
        })),
        Ok(written) => Err(AppError::internal(format!(
            "{written} of {} fresh ballots were written",
            rows.len()
        ))),
        Err(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation
            | diesel::result::DatabaseErrorKind::NotNullViolation,
            _,
        )) => Ok(None),
        Err(e) => Err(AppError::internal(format!(
            "writing ballots to the board: {e}"
        ))),
    }
}

/// `commit_all` on a board this transaction has locked already (paper ballots lock it first
/// to check the officers' two entries).
pub fn commit_all_to(
    conn: &mut DbConnection,
    board: &mut Board,
    ballots: &[(&Prepared, NaiveDateTime)],
) -> AppResult<Vec<AppResult<Receipt>>> {
    let firsts = first_of_each_person(ballots);
    let recorded = record_participations(conn, RoundId(board.round.id), ballots, &firsts)?;
    append(conn, board, ballots, &firsts, recorded)
}

/// Whether each ballot is the first of its person (token) in the group: that one asks for a
/// participation; a later one of the same person is a revote of it, or refused.
fn first_of_each_person(ballots: &[(&Prepared, NaiveDateTime)]) -> Vec<bool> {
    let mut seen: HashSet<&str> = HashSet::new();
    ballots
        .iter()
        .map(|(ballot, _)| seen.insert(ballot.token.as_str()))
        .collect()
}

/// Records the participation of each person's first ballot unless the person already took
/// part; returns the tokens recorded. In token order: see `commit_all`.
fn record_participations(
    conn: &mut DbConnection,
    round_id: RoundId,
    ballots: &[(&Prepared, NaiveDateTime)],
    firsts: &[bool],
) -> AppResult<HashSet<String>> {
    let wanted = participations_of(round_id, ballots, firsts);
    Ok(ballot::record_participations(conn, &wanted)?)
}

/// The participations the first ballot of each person asks for, in token order.
fn participations_of<'a>(
    round_id: RoundId,
    ballots: &[(&'a Prepared, NaiveDateTime)],
    firsts: &[bool],
) -> Vec<ballot::NewParticipation<'a>> {
    let mut wanted: Vec<ballot::NewParticipation<'a>> = ballots
        .iter()
        .zip(firsts)
        .filter(|(_, first)| **first)
        .map(|((ballot, _), _)| ballot::NewParticipation {
            round_id: round_id.0,
            user_id: ballot.user_id,
            channel: ballot.channel.as_str(),
            token: &ballot.token,
        })
        .collect();
    wanted.sort_by(|a, b| a.token.cmp(b.token));
    wanted
}

/// The ballot's entry, chained after `tail`.
fn chain_entry(
    ballot: &Prepared,
    now: NaiveDateTime,
    tail: &mut bulletin::Tail,
    supersedes: Option<i64>,
) -> bulletin::Pending {
    bulletin::chain_after(
        ballot.round_id,
        tail,
        &bulletin::NewEntry {
            district_id: ballot.district,
            ballot: bulletin::NewBallotBody::Sealed {
                commitment: &ballot.commitment,
                sealed: &ballot.sealed,
            },
            cast_day: &now.date().to_string(),
            voter_tag: ballot.tag.as_deref(),
            supersedes,
        },
    )
}

/// The ballots' entries on the locked board, after their participations were recorded.
fn append(
    conn: &mut DbConnection,
    board: &mut Board,
    ballots: &[(&Prepared, NaiveDateTime)],
    firsts: &[bool],
    mut recorded: HashSet<String>,
) -> AppResult<Vec<AppResult<Receipt>>> {
    let mut refused: Vec<Option<AppError>> = ballots
        .iter()
        .map(|(_, now)| check_voting_open(&board.round, *now).err())
        .collect();
    // A person whose first ballot here came too late is refused for the whole group, and the
    // participation recorded for that ballot goes: it was never cast.
    let late: HashMap<&str, usize> = ballots
        .iter()
        .enumerate()
        .filter(|(i, _)| firsts[*i] && refused[*i].is_some())
        .map(|(i, (ballot, _))| (ballot.token.as_str(), i))
        .collect();
    for (i, (ballot, _)) in ballots.iter().enumerate() {
        if let Some(&first) = late.get(ballot.token.as_str()) {
            if i != first {
                refused[i] = refused[first].as_ref().map(refusal_again);
            }
        }
    }
    let forgotten: Vec<&str> = late
        .keys()
        .copied()
        .filter(|token| recorded.remove(*token))
        .collect();
    ballot::forget_participations(conn, board.round.id, &forgotten)?;
    // Entries of this group by revote tag, which a later ballot of the same person replaces.
    let mut tagged: BTreeMap<&str, i64> = BTreeMap::new();
    let mut receipts = Vec::with_capacity(ballots.len());
    let mut entries: Vec<bulletin::Pending> = Vec::new();
    for (((ballot, now), refusal), first) in ballots.iter().zip(refused.iter_mut()).zip(firsts) {
        if let Some(e) = refusal.take() {
            receipts.push(Err(e));
            continue;
        }
        let fresh = *first && recorded.contains(&ballot.token);
        // A voting code works once, even where the last ballot counts; a person who voted
        // may vote again with their account there.
        let may_replace = ballot.revoting && ballot.channel != Channel::Code;
        let supersedes = match (fresh, may_replace, &ballot.tag) {
            (true, _, _) => None,
            (false, true, Some(tag)) => match tagged.get(tag.as_str()) {
                Some(seq) => Some(*seq),
                None => ballot::latest_of_tag(conn, ballot.round_id, tag)
                    .map_err(|e| AppError::internal(format!("reading the board: {e}")))?,
            },
            (false, _, _) => {
                receipts.push(Err(already_voted(ballot)));
                continue;
            }
        };
        let entry = chain_entry(ballot, *now, &mut board.tail, supersedes);
        if let Some(tag) = &ballot.tag {
            tagged.insert(tag, entry.seq());
        }
        if let Some(copy) = &ballot.receipt_copy {
            super::notifications::receipt_copy(
                conn,
                &copy.mailing,
                &copy.to,
                &copy.round_title,
                RoundId(ballot.round_id),
                &entry.code,
                *now,
            )?;
        }
        receipts.push(Ok(Receipt {
            tracking_code: entry.code.clone(),
            round_id: ballot.round_id,
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
    commit_all(conn, RoundId(ballot.round_id), &[(ballot, now)])?
        .outcomes
        .pop()
        .unwrap_or_else(|| Err(AppError::internal("a written ballot had no outcome")))
}

/// Casts one ballot in its own transaction (the web app groups ballots instead; see
/// `web::ballot_box`; the demo and paper ballots use this). A ballot racing the closing time
/// or a duplicate is either in the count or refused, never half-written.
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
