//! Group commit for ballots. Ballots of a round extend one hash chain, so their writes are
//! serialised; committing each in its own transaction would make every voter wait for one
//! durable commit after another. Instead one writer thread takes every ballot waiting at that
//! moment and writes them in one transaction — a refused ballot (already voted, code used,
//! voting closed) is refused before it writes anything, so it needs no rollback of its own —
//! then commits once and only then answers each request. A receipt still means the ballot is
//! durably stored.

use crate::domain::RoundId;
use std::collections::BTreeMap;
use std::panic::AssertUnwindSafe;

use chrono::NaiveDateTime;
use tokio::sync::{mpsc, oneshot};

use crate::db::connection::Health;
use crate::db::{write_transaction, DbConnection, DbPool};
use crate::domain::ballots::{self, Prepared, Receipt};
use crate::error::{AppError, AppResult};
use std::sync::Arc;

/// Most ballots written in one transaction; bounds the time a batch holds the round's lock.
const MAX_BATCH: usize = 64;
/// Ballots waiting for the writer before new ones wait for room.
const QUEUE: usize = 1024;

struct Job {
    ballot: Prepared,
    now: NaiveDateTime,
    reply: oneshot::Sender<AppResult<Receipt>>,
}

#[derive(Clone)]
pub struct BallotBox {
    jobs: mpsc::Sender<Job>,
}

fn not_stored(why: &str) -> AppError {
    AppError::Unavailable(format!("{why}; your ballot was not stored, please try again").into())
}

impl BallotBox {
    /// Starts the writer thread; it stops when the last `BallotBox` clone is dropped.
    pub fn start(pool: DbPool, health: Arc<Health>) -> Self {
        let (jobs, queue) = mpsc::channel(QUEUE);
        let spawned = std::thread::Builder::new()
            .name("ballot-box".into())
            .spawn(move || writer(pool, health, queue));
        if let Err(e) = spawned {
            // Every cast will then answer 503 rather than the server failing to start.
            tracing::error!(error = %e, "cannot start the ballot writer");
        }
        BallotBox { jobs }
    }

    /// Writes a prepared ballot; returns once it is committed (or refused).
    pub async fn cast(&self, ballot: Prepared, now: NaiveDateTime) -> AppResult<Receipt> {
        let (reply, answer) = oneshot::channel();
        self.jobs
            .send(Job { ballot, now, reply })
            .await
            .map_err(|_| not_stored("the ballot box is closed"))?;
        answer
            .await
            .map_err(|_| not_stored("the ballot box stopped"))?
    }
}

fn writer(pool: DbPool, health: Arc<Health>, mut queue: mpsc::Receiver<Job>) {
    while let Some(first) = queue.blocking_recv() {
        let mut batch = vec![first];
        while batch.len() < MAX_BATCH {
            match queue.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        // Spans at debug level time each stage (see docs/benchmarks.md); off, they cost nothing.
        let _span = tracing::debug_span!("ballot.batch", size = batch.len()).entered();
        let outcomes =
            std::panic::catch_unwind(AssertUnwindSafe(|| commit_batch(&pool, &health, &batch)))
                .unwrap_or_else(|_| {
                    tracing::error!("the ballot writer panicked; the batch was not stored");
                    batch
                        .iter()
                        .map(|_| Err(not_stored("an internal error occurred")))
                        .collect()
                });
        for (job, outcome) in batch.into_iter().zip(outcomes) {
            // The voter may have gone away; their ballot is stored all the same.
            let _ = job.reply.send(outcome);
        }
    }
}

fn commit_batch(pool: &DbPool, health: &Health, batch: &[Job]) -> Vec<AppResult<Receipt>> {
    let checkout = tracing::debug_span!("ballot.batch.connection").entered();
    let conn = crate::db::connection::checkout(pool, health);
    drop(checkout);
    let mut conn = match conn {
        Ok(conn) => conn,
        Err(e) => {
            tracing::warn!(error = %e, "ballot writer: no database connection");
            return batch
                .iter()
                .map(|_| Err(not_stored("the database is not reachable")))
                .collect();
        }
    };
    let transaction = tracing::debug_span!("ballot.batch.transaction").entered();
    let written = write_transaction(&mut conn, |conn| {
        let _statements = tracing::debug_span!("ballot.batch.statements").entered();
        write_batch(conn, batch)
    });
    drop(transaction);
    match written {
        Ok(outcomes) => {
            crate::metrics::observe_batch(
                batch.len(),
                outcomes.iter().filter(|o| o.is_ok()).count(),
            );
            outcomes
        }
        Err(e) => {
            crate::db::connection::distrust(&mut conn);
            tracing::warn!(error = %e, ballots = batch.len(), "a batch of ballots was not committed");
            batch
                .iter()
                .map(|_| Err(not_stored("the database did not confirm the write")))
                .collect()
        }
    }
}

/// Inside the batch's transaction: each round's board is locked once (in id order, so two
/// instances never wait on each other crosswise), then each round's ballots are written
/// together, in arrival order (see `ballots::commit_all_to`). A refused ballot leaves nothing
/// behind; any other error abandons the whole batch, and then no voter gets a receipt.
fn write_batch(conn: &mut DbConnection, batch: &[Job]) -> AppResult<Vec<AppResult<Receipt>>> {
    // Each round's jobs, by their place in the batch, in arrival order.
    let mut rounds: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
    for (i, job) in batch.iter().enumerate() {
        rounds.entry(job.ballot.round_id).or_default().push(i);
    }
    let mut outcomes: Vec<Option<AppResult<Receipt>>> = batch.iter().map(|_| None).collect();
    for (id, jobs) in rounds {
        let lock = tracing::debug_span!("ballot.batch.lock").entered();
        let board = ballots::open_board(conn, RoundId(id));
        drop(lock);
        match board {
            Ok(mut board) => {
                let group: Vec<_> = jobs
                    .iter()
                    .map(|&i| (&batch[i].ballot, batch[i].now))
                    .collect();
                let written = ballots::commit_all_to(conn, &mut board, &group)?;
                for (i, outcome) in jobs.into_iter().zip(written) {
                    outcomes[i] = Some(outcome);
                }
            }
            // The same refusal for every ballot of a round whose board could not be opened.
            Err(e) if ballots::is_refusal(&e) => {
                for i in jobs {
                    outcomes[i] = Some(Err(refusal_for(&e)));
                }
            }
            Err(e) => return Err(e),
        }
    }
    Ok(outcomes
        .into_iter()
        .map(|outcome| {
            outcome.unwrap_or_else(|| Err(AppError::internal("a ballot was left out of its batch")))
        })
        .collect())
}

fn refusal_for(e: &AppError) -> AppError {
    match e {
        AppError::Forbidden(m) => AppError::Forbidden(m.clone()),
        AppError::NotFound(m) => AppError::NotFound(m.clone()),
        AppError::Conflict(m) => AppError::Conflict(m.clone()),
        AppError::Unprocessable(m) => AppError::Unprocessable(m.clone()),
        _ => not_stored("the round could not be opened for writing"),
    }
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

/// The one path from a request to a committed ballot, for pages and the API alike: prepared
/// (checked and sealed) on a blocking thread, then written by the group-commit writer.
pub async fn cast(
    state: &crate::web::AppState,
    request: CastRequest,
    now: NaiveDateTime,
) -> AppResult<Receipt> {
    let secret = state.settings.secret_key.clone();
    let mailing = state.mailing.clone();
    let papers = state.ballot_papers.clone();
    let prepared = state
        .db(move |conn| {
            let _span = tracing::debug_span!("ballot.prepare").entered();
            let voter = match (&request.code, &request.account) {
                (Some(code), _) => ballots::Voter::Code(code),
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
                ballots::Cast {
                    round_id: request.round_id,
                    voter,
                    requested_district: request.district,
                    choice: &request.choice,
                    channel: ballots::Channel::Online,
                },
                now,
            )?;
            match (&request.code, &request.account) {
                (None, Some(user)) => prepared.with_receipt_copy(conn, &mailing, user),
                _ => Ok(prepared),
            }
        })
        .await?;
    use tracing::Instrument;
    state
        .ballot_box
        .cast(prepared, now)
        .instrument(tracing::debug_span!("ballot.write"))
        .await
}
