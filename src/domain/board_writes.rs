//! Writing prepared ballots to a round's board, exactly once per person: in a write
//! transaction that locks the board and decides each ballot (`commit_all`: refusals, revotes,
//! receipt copies), or, on PostgreSQL, a group of fresh ballots in one statement that
//! commits by itself (`append_fresh`).

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDateTime;

use super::ballots::{
    check_voting_open, forbidden, Channel, Prepared, Receipt, Spends, ALREADY_VOTED,
};
use super::bulletin;
use super::voting_codes;
use crate::db::models::{ballot, round};
use crate::db::DbConnection;
use crate::domain::ids::RoundId;
use crate::error::{AppError, AppResult};
use crate::i18n::Message;

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

/// The group with the voting codes not read yet (see `ballots::prepare_unread_code`) read
/// now, each ballot with its person's token or refused as `prepare_with` would have refused
/// it: a code not on the round's list, or bound to another district than the ballot names.
/// `None` when every token is known already. Before `commit_all`, outside its transaction: a
/// code's record does not change.
pub fn read_codes(
    conn: &mut DbConnection,
    round_id: RoundId,
    ballots: &[(&Prepared, NaiveDateTime)],
) -> AppResult<Option<Vec<AppResult<Prepared>>>> {
    let unread: Vec<String> = ballots
        .iter()
        .filter_map(|(ballot, _)| match &ballot.spends {
            Spends::Code { hash } => Some(hash.clone()),
            Spends::Token(_) => None,
        })
        .collect();
    if unread.is_empty() {
        return Ok(None);
    }
    let mut records = voting_codes::look_up_hashes(conn, round_id, &unread)?.into_iter();
    let read = ballots
        .iter()
        .map(|(ballot, _)| {
            let Spends::Code { .. } = &ballot.spends else {
                return Ok((*ballot).clone());
            };
            let code = records
                .next()
                .flatten()
                .ok_or_else(voting_codes::unknown)?
                .spends();
            if code
                .district_id
                .is_some_and(|own| Some(own) != ballot.district)
            {
                return Err(forbidden(Message::new(
                    "messages-ballots-vote-own-district-ballot",
                )));
            }
            Ok(Prepared {
                spends: Spends::Token(code.token),
                ..(*ballot).clone()
            })
        })
        .collect();
    Ok(Some(read))
}

/// What a group of ballots came to: each one's receipt or refusal, and the end of the board
/// after them (`None` when the whole board refused them) — true once the write commits.
pub struct Written {
    pub outcomes: Vec<AppResult<Receipt>>,
    pub tail: Option<bulletin::Tail>,
}

/// A group of fresh ballots of one round, chained after where the writer believes the board
/// ends, ready for `append_fresh`. Fresh: each the first ballot of its person in the group,
/// none with a receipt copy to send.
pub struct FreshGroup<'a> {
    round_id: RoundId,
    times: (NaiveDateTime, NaiveDateTime),
    taken: Vec<ballot::FreshParticipation<'a>>,
    entries: Vec<bulletin::Pending>,
    /// Where the board ends once the group is written.
    pub end: bulletin::Tail,
}

/// The group's entries chained after `after`, or `None` when it is not a fresh group.
pub fn fresh_group<'a>(
    round_id: RoundId,
    ballots: &[(&'a Prepared, NaiveDateTime)],
    after: &bulletin::Tail,
) -> Option<FreshGroup<'a>> {
    let firsts = first_of_each_person(ballots);
    let fresh = !firsts.contains(&false)
        && ballots
            .iter()
            .all(|(ballot, _)| ballot.round_id == round_id.0 && ballot.receipt_copy.is_none());
    let times = ballots.iter().map(|(_, now)| *now);
    let (true, Some(earliest), Some(latest)) = (fresh, times.clone().min(), times.max()) else {
        return None;
    };
    let mut end = after.clone();
    let entries = ballots
        .iter()
        .map(|(ballot, now)| chain_entry(ballot, *now, &mut end, None))
        .collect();
    Some(FreshGroup {
        round_id,
        times: (earliest, latest),
        taken: firsts_in_order(ballots, &firsts)
            .into_iter()
            .map(|ballot| ballot::FreshParticipation {
                user_id: ballot.user_id,
                channel: ballot.channel.as_str(),
                token: match &ballot.spends {
                    Spends::Token(token) => Some(token),
                    Spends::Code { .. } => None,
                },
                code_hash: match &ballot.spends {
                    Spends::Token(_) => None,
                    Spends::Code { hash } => Some(hash),
                },
                district_id: ballot.district,
            })
            .collect(),
        entries,
        end,
    })
}

/// Whether `append_fresh` writes on this connection: PostgreSQL, where a round trip is worth
/// saving (SQLite runs in-process and always takes the transaction).
pub fn writes_in_one_statement(conn: &DbConnection) -> bool {
    matches!(conn, DbConnection::Postgres(_))
}

/// On PostgreSQL, writes a fresh group in one statement that commits by itself (call it
/// outside a transaction) — one round trip where `commit_all` in a transaction takes six.
/// Returns `None`, having written nothing, on SQLite or when the database turns the group
/// away: a person who took part already, a board that does not end where the group was
/// chained (it grew meanwhile), a round counted or not open at one of the ballots' times.
/// `commit_all` then decides each ballot.
pub fn append_fresh(conn: &mut DbConnection, group: &FreshGroup<'_>) -> AppResult<Option<Written>> {
    let DbConnection::Postgres(pg) = conn else {
        return Ok(None);
    };
    let round_id = group.round_id.0;
    let rows: Vec<_> = group.entries.iter().map(bulletin::Pending::row).collect();
    match ballot::append_fresh(pg, round_id, &group.taken, &rows, group.times) {
        Ok(written) if written == rows.len() => Ok(Some(Written {
            outcomes: group
                .entries
                .iter()
                .map(|entry| {
                    Ok(Receipt {
                        tracking_code: entry.code.clone(),
                        round_id,
                        replaces_earlier: false,
                    })
                })
                .collect(),
            tail: Some(group.end.clone()),
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

/// Whether each ballot is the first of its person (token) in the group: that one asks for a
/// participation; a later one of the same person is a revote of it, or refused.
fn first_of_each_person(ballots: &[(&Prepared, NaiveDateTime)]) -> Vec<bool> {
    let mut seen: HashSet<&str> = HashSet::new();
    ballots
        .iter()
        .map(|(ballot, _)| seen.insert(ballot.spends.key()))
        .collect()
}

/// Records the participation of each person's first ballot unless the person already took
/// part; returns the tokens recorded. In token order: see `commit_all`. Every ballot's token
/// must be known (a voting code read: see `read_codes`).
fn record_participations(
    conn: &mut DbConnection,
    round_id: RoundId,
    ballots: &[(&Prepared, NaiveDateTime)],
    firsts: &[bool],
) -> AppResult<HashSet<String>> {
    let wanted = firsts_in_order(ballots, firsts)
        .into_iter()
        .map(|ballot| {
            Ok(ballot::NewParticipation {
                round_id: round_id.0,
                user_id: ballot.user_id,
                channel: ballot.channel.as_str(),
                token: ballot.spends.token()?,
            })
        })
        .collect::<AppResult<Vec<_>>>()?;
    Ok(ballot::record_participations(conn, &wanted)?)
}

/// The first ballot of each person, in the order of what they spend (token, or the hash of
/// a code not read yet): the order every writer records participations in.
fn firsts_in_order<'a>(
    ballots: &[(&'a Prepared, NaiveDateTime)],
    firsts: &[bool],
) -> Vec<&'a Prepared> {
    let mut wanted: Vec<&Prepared> = ballots
        .iter()
        .zip(firsts)
        .filter(|(_, first)| **first)
        .map(|((ballot, _), _)| *ballot)
        .collect();
    wanted.sort_by(|a, b| a.spends.key().cmp(b.spends.key()));
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
        .map(|(i, (ballot, _))| (ballot.spends.key(), i))
        .collect();
    for (i, (ballot, _)) in ballots.iter().enumerate() {
        if let Some(&first) = late.get(ballot.spends.key()) {
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
        let fresh = *first && recorded.contains(ballot.spends.key());
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
