//! Group commit for ballots. Ballots of a round extend one hash chain, so their writes are
//! serialised; committing each in its own transaction would make every voter wait for one
//! durable commit after another. Instead one writer thread takes every ballot waiting at that
//! moment and writes them in one transaction — a refused ballot (already voted, code used,
//! voting closed) is refused before it writes anything, so it needs no rollback of its own —
//! then commits once and only then answers each request. A receipt still means the ballot is
//! durably stored. On PostgreSQL a round's group of fresh ballots goes in one statement that
//! commits by itself when the writer knows where the round's board ends
//! (`board_writes::append_fresh`), reading the voting codes of ballots that were prepared
//! without reading them; every other group, or one that statement turns away, goes in the
//! transaction, after the writer has read those codes itself.

use crate::domain::RoundId;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDateTime;

use super::grouped::Grouped;
use crate::config::Backend;
use crate::db::connection::{Health, PooledDb};
use crate::db::{write_transaction, DbPool};
use crate::domain::ballots::{self, Prepared, Receipt};
use crate::domain::board_writes::{self, Written};
use crate::domain::bulletin::Tail;
use crate::domain::voting_codes::{self, CodeRecord};
use crate::error::{AppError, AppResult};
use std::sync::Arc;

/// Most ballots written in one transaction; bounds the time a batch holds the round's lock.
const MAX_BATCH: usize = 64;
/// Most voting codes looked up in one statement.
const MAX_LOOKUPS: usize = 64;

struct Job {
    ballot: Prepared,
    now: NaiveDateTime,
}

/// The group-commit writer, and the desk that looks voting codes up for the ballots about to
/// be written, several at once too.
#[derive(Clone)]
pub struct BallotBox {
    writer: Grouped<Job, Receipt>,
    codes: Grouped<(i64, String), Option<CodeRecord>>,
}

fn not_stored(why: &str) -> AppError {
    AppError::Unavailable(format!("{why}; your ballot was not stored, please try again").into())
}

impl BallotBox {
    /// Starts the writer's and the code desk's threads; they stop when the last `BallotBox`
    /// clone is dropped.
    pub fn start(pool: DbPool, health: Arc<Health>) -> Self {
        let (lookup_pool, lookup_health) = (pool.clone(), health.clone());
        BallotBox {
            writer: Grouped::start("ballot-box", MAX_BATCH, not_stored, {
                // Where each round's board ends, as this writer last wrote or read it: a hint
                // (`board_writes::append_fresh` fails on a stale one and writes nothing).
                let mut tails = HashMap::new();
                move |batch| {
                    // Spans at debug level time each stage (see docs/benchmarks.md); off,
                    // they cost nothing.
                    let _span = tracing::debug_span!("ballot.batch", size = batch.len()).entered();
                    commit_batch(&pool, &health, &mut tails, batch)
                }
            }),
            codes: Grouped::start("code-desk", MAX_LOOKUPS, not_stored, move |lookups| {
                let _span = tracing::debug_span!("ballot.codes", size = lookups.len()).entered();
                look_up_codes(&lookup_pool, &lookup_health, lookups)
            }),
        }
    }

    /// Writes a prepared ballot; returns once it is committed (or refused).
    pub async fn cast(&self, ballot: Prepared, now: NaiveDateTime) -> AppResult<Receipt> {
        self.writer.ask(Job { ballot, now }).await
    }

    /// The record of a voting code in a round's list (`None`: not on it).
    async fn code_record(&self, round_id: i64, code: String) -> AppResult<Option<CodeRecord>> {
        self.codes.ask((round_id, code)).await
    }
}

/// A pooled connection, or the same "not stored" answer for each of `count` requests.
fn checkout<T>(
    pool: &DbPool,
    health: &Health,
    who: &str,
    count: usize,
) -> Result<crate::db::connection::PooledDb, Vec<AppResult<T>>> {
    crate::db::connection::checkout(pool, health).map_err(|e| {
        tracing::warn!(error = %e, "{who}: no database connection");
        (0..count)
            .map(|_| Err(not_stored("the database is not reachable")))
            .collect()
    })
}

/// Each round's requests, by their place in the group, in arrival order; rounds in id order.
fn by_round(round_ids: impl Iterator<Item = i64>) -> BTreeMap<i64, Vec<usize>> {
    let mut rounds: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
    for (i, round_id) in round_ids.enumerate() {
        rounds.entry(round_id).or_default().push(i);
    }
    rounds
}

/// Looks up every waiting code, one statement per round.
fn look_up_codes(
    pool: &DbPool,
    health: &Health,
    lookups: &[(i64, String)],
) -> Vec<AppResult<Option<CodeRecord>>> {
    let mut conn = match checkout(pool, health, "code desk", lookups.len()) {
        Ok(conn) => conn,
        Err(refused) => return refused,
    };
    let rounds = by_round(lookups.iter().map(|(round_id, _)| *round_id));
    let mut answers: Vec<AppResult<Option<CodeRecord>>> =
        lookups.iter().map(|_| Ok(None)).collect();
    for (round_id, indexes) in rounds {
        let codes: Vec<&str> = indexes.iter().map(|&i| lookups[i].1.as_str()).collect();
        match voting_codes::look_up(&mut conn, RoundId(round_id), &codes) {
            Ok(records) => {
                for (i, record) in indexes.into_iter().zip(records) {
                    answers[i] = Ok(record);
                }
            }
            Err(e) => {
                crate::db::connection::distrust(&mut conn);
                tracing::warn!(error = %e, "code desk: the lookup failed");
                for i in indexes {
                    answers[i] = Err(not_stored("the database did not answer"));
                }
            }
        }
    }
    answers
}

fn commit_batch(
    pool: &DbPool,
    health: &Health,
    tails: &mut HashMap<i64, Tail>,
    batch: &[Job],
) -> Vec<AppResult<Receipt>> {
    let span = tracing::debug_span!("ballot.batch.connection").entered();
    let conn = checkout(pool, health, "ballot writer", batch.len());
    drop(span);
    let mut conn = match conn {
        Ok(conn) => conn,
        Err(refused) => return refused,
    };
    let one_statement = board_writes::writes_in_one_statement(&conn);
    let mut outcomes: Vec<Option<AppResult<Receipt>>> = batch.iter().map(|_| None).collect();
    let mut rest = BTreeMap::new();
    for (id, jobs) in by_round(batch.iter().map(|job| job.ballot.round_id)) {
        let group = group_of(batch, &jobs);
        let fresh = tails
            .remove(&id)
            .filter(|_| one_statement)
            .and_then(|tail| board_writes::fresh_group(RoundId(id), &group, &tail));
        let written = match fresh {
            Some(fresh) => {
                let _span = tracing::debug_span!("ballot.batch.fresh").entered();
                board_writes::append_fresh(&mut conn, &fresh)
            }
            None => Ok(None),
        };
        match written {
            Ok(Some(written)) => settle(&mut outcomes, tails, id, &jobs, written),
            Ok(None) => {
                rest.insert(id, jobs);
            }
            Err(e) => {
                crate::db::connection::distrust(&mut conn);
                tracing::warn!(error = %e, ballots = jobs.len(), "a group of ballots was not written");
                for i in jobs {
                    outcomes[i] = Some(Err(not_stored("the database did not confirm the write")));
                }
            }
        }
    }
    if !rest.is_empty() {
        write_rest(&mut conn, tails, batch, rest, &mut outcomes);
    }
    let outcomes: Vec<AppResult<Receipt>> = outcomes
        .into_iter()
        .map(|outcome| {
            outcome.unwrap_or_else(|| Err(AppError::internal("a ballot was left out of its batch")))
        })
        .collect();
    crate::metrics::observe_batch(batch.len(), outcomes.iter().filter(|o| o.is_ok()).count());
    outcomes
}

/// The ballots at these places in the batch, with their times.
fn group_of<'a>(batch: &'a [Job], jobs: &[usize]) -> Vec<(&'a Prepared, NaiveDateTime)> {
    jobs.iter()
        .map(|&i| (&batch[i].ballot, batch[i].now))
        .collect()
}

/// Each ballot's outcome in its place, and where its round's board now ends.
fn settle(
    outcomes: &mut [Option<AppResult<Receipt>>],
    tails: &mut HashMap<i64, Tail>,
    round_id: i64,
    jobs: &[usize],
    written: Written,
) {
    if let Some(tail) = written.tail {
        tails.insert(round_id, tail);
    }
    for (&i, outcome) in jobs.iter().zip(written.outcomes) {
        outcomes[i] = Some(outcome);
    }
}

/// The rounds whose ballots were not all fresh (or whose board's end this writer did not
/// know), in one transaction: each round's ballots together, in arrival order, rounds in id
/// order (see `board_writes::commit_all`). A refused ballot leaves nothing behind; any other error
/// abandons the transaction, and then none of these voters gets a receipt.
fn write_rest(
    conn: &mut PooledDb,
    tails: &mut HashMap<i64, Tail>,
    batch: &[Job],
    rounds: BTreeMap<i64, Vec<usize>>,
    outcomes: &mut [Option<AppResult<Receipt>>],
) {
    let rounds = read_codes(conn, batch, rounds, outcomes);
    let transaction = tracing::debug_span!("ballot.batch.transaction").entered();
    let written = write_transaction(conn, |conn| {
        let _statements = tracing::debug_span!("ballot.batch.statements").entered();
        rounds
            .iter()
            .map(|(&id, (_, group))| {
                let group: Vec<_> = group
                    .iter()
                    .map(|(ballot, now)| (&**ballot, *now))
                    .collect();
                board_writes::commit_all(conn, RoundId(id), &group)
            })
            .collect::<AppResult<Vec<_>>>()
    });
    drop(transaction);
    match written {
        Ok(written) => {
            for ((id, (jobs, _)), written) in rounds.into_iter().zip(written) {
                settle(outcomes, tails, id, &jobs, written);
            }
        }
        Err(e) => {
            crate::db::connection::distrust(conn);
            let count: usize = rounds.values().map(|(jobs, _)| jobs.len()).sum();
            tracing::warn!(error = %e, ballots = count, "a batch of ballots was not committed");
            for (jobs, _) in rounds.into_values() {
                for i in jobs {
                    outcomes[i] = Some(Err(not_stored("the database did not confirm the write")));
                }
            }
        }
    }
}

/// A round's ballots for the transaction: their places in the batch, and each ballot with
/// its time — as prepared, or with its voting code read (`board_writes::read_codes`).
type ReadGroup<'a> = (Vec<usize>, Vec<(Cow<'a, Prepared>, NaiveDateTime)>);

/// Each round's ballots with their voting codes read; a ballot refused on its code (or whose
/// round's codes could not be read) has its outcome now and is left out.
fn read_codes<'a>(
    conn: &mut PooledDb,
    batch: &'a [Job],
    rounds: BTreeMap<i64, Vec<usize>>,
    outcomes: &mut [Option<AppResult<Receipt>>],
) -> BTreeMap<i64, ReadGroup<'a>> {
    let mut read = BTreeMap::new();
    for (id, jobs) in rounds {
        let group = group_of(batch, &jobs);
        let kept = match board_writes::read_codes(conn, RoundId(id), &group) {
            Ok(None) => jobs
                .into_iter()
                .map(|i| (i, Cow::Borrowed(&batch[i].ballot)))
                .collect(),
            Ok(Some(ballots)) => jobs
                .into_iter()
                .zip(ballots)
                .filter_map(|(i, ballot)| match ballot {
                    Ok(ballot) => Some((i, Cow::Owned(ballot))),
                    Err(refused) => {
                        outcomes[i] = Some(Err(refused));
                        None
                    }
                })
                .collect(),
            Err(e) => {
                crate::db::connection::distrust(conn);
                tracing::warn!(error = %e, "the ballots' voting codes could not be read");
                for i in jobs {
                    outcomes[i] = Some(Err(not_stored("the database did not answer")));
                }
                Vec::new()
            }
        };
        if !kept.is_empty() {
            let (places, ballots): (Vec<usize>, Vec<_>) = kept
                .into_iter()
                .map(|(i, ballot)| (i, (ballot, batch[i].now)))
                .unzip();
            read.insert(id, (places, ballots));
        }
    }
    read
}

/// A ballot as a page or the API receives it.
pub struct CastRequest {
    pub round_id: i64,
    pub account: Option<crate::domain::accounts::Account>,
    pub code: Option<String>,
    pub district: Option<i64>,
    pub choice: ballots::Choice,
    /// What to say to someone with neither a session nor a code.
    pub anonymous: &'static str,
}

impl CastRequest {
    fn cast<'a>(&'a self, voter: ballots::Voter<'a>) -> ballots::Cast<'a> {
        ballots::Cast {
            round_id: self.round_id,
            voter,
            requested_district: self.district,
            choice: &self.choice,
            channel: ballots::Channel::Online,
        }
    }
}

/// The one path from a request to a committed ballot, for pages and the API alike: prepared
/// (checked and sealed), then written by the group-commit writer. On PostgreSQL a voting
/// code's ballot that names its district is prepared right here, while the round's paper is
/// in memory, and its code read by the statement that writes it
/// (`ballots::prepare_unread_code`). Any other code is looked up with the codes of other
/// ballots arriving at the same moment, and its ballot then prepared here too; anything else
/// is prepared on a blocking thread, where it may read the database.
pub async fn cast(
    state: &crate::web::AppState,
    request: CastRequest,
    now: NaiveDateTime,
) -> AppResult<Receipt> {
    let secret = state.settings.secret_key.clone();
    // On PostgreSQL the statement that writes the ballot reads its code too, where it can.
    let unread = match (&request.code, state.settings.database_url.backend()) {
        (Some(code), Backend::Postgres) => {
            let _span = tracing::debug_span!("ballot.prepare").entered();
            ballots::prepare_unread_code(
                &state.ballot_papers,
                secret.expose(),
                request.cast(ballots::Voter::Code(code)),
                now,
            )
        }
        _ => None,
    };
    if let Some(prepared) = unread {
        return write(state, prepared?, now).await;
    }
    let code_record = match &request.code {
        Some(code) => Some(
            state
                .ballot_box
                .code_record(request.round_id, code.clone())
                .await?,
        ),
        None => None,
    };
    let in_memory = code_record.as_ref().and_then(|record| {
        let _span = tracing::debug_span!("ballot.prepare").entered();
        ballots::prepare_in_memory(
            &state.ballot_papers,
            secret.expose(),
            request.cast(ballots::Voter::LookedUp(record.as_ref())),
            now,
        )
    });
    let prepared = match in_memory {
        Some(prepared) => prepared?,
        None => {
            let mailing = state.mailing.clone();
            let papers = state.ballot_papers.clone();
            state
                .db(move |conn| {
                    let _span = tracing::debug_span!("ballot.prepare").entered();
                    let voter = match (&code_record, &request.account) {
                        (Some(record), _) => ballots::Voter::LookedUp(record.as_ref()),
                        (None, Some(user)) => ballots::Voter::Account(user),
                        (None, None) => {
                            return Err(AppError::Unauthorized(crate::i18n::Message::new(
                                request.anonymous,
                            )))
                        }
                    };
                    let prepared = ballots::prepare_with(
                        conn,
                        &papers,
                        secret.expose(),
                        request.cast(voter),
                        now,
                    )?;
                    match (&code_record, &request.account) {
                        (None, Some(user)) => prepared.with_receipt_copy(conn, &mailing, user),
                        _ => Ok(prepared),
                    }
                })
                .await?
        }
    };
    write(state, prepared, now).await
}

async fn write(
    state: &crate::web::AppState,
    prepared: Prepared,
    now: NaiveDateTime,
) -> AppResult<Receipt> {
    use tracing::Instrument;
    state
        .ballot_box
        .cast(prepared, now)
        .instrument(tracing::debug_span!("ballot.write"))
        .await
}
