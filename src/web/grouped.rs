//! Requests served in groups by a thread of their own: it takes every request waiting at that
//! moment (up to a bound) and serves them together, then answers each. Under load a group
//! costs one database round trip where its requests alone would cost one each; alone, a
//! request is served at once, in a group of one.

use std::panic::AssertUnwindSafe;

use tokio::sync::{mpsc, oneshot};

use crate::error::{AppError, AppResult};

/// Requests waiting for the thread before new ones wait for room.
const QUEUE: usize = 1024;

struct Job<Q, A> {
    request: Q,
    reply: oneshot::Sender<AppResult<A>>,
}

/// The sending side; the thread stops when the last clone is dropped.
pub struct Grouped<Q, A> {
    jobs: mpsc::Sender<Job<Q, A>>,
    /// The error a request gets when it was not served, with why.
    failed: fn(&str) -> AppError,
}

impl<Q, A> Clone for Grouped<Q, A> {
    fn clone(&self) -> Self {
        Grouped {
            jobs: self.jobs.clone(),
            failed: self.failed,
        }
    }
}

impl<Q: Send + 'static, A: Send + 'static> Grouped<Q, A> {
    /// Starts the thread `name`; it takes the requests waiting (at most `max`) and calls
    /// `serve` with them, which answers each, in order.
    pub fn start(
        name: &str,
        max: usize,
        failed: fn(&str) -> AppError,
        mut serve: impl FnMut(&[Q]) -> Vec<AppResult<A>> + Send + 'static,
    ) -> Self {
        let (jobs, mut queue) = mpsc::channel::<Job<Q, A>>(QUEUE);
        let spawned = std::thread::Builder::new()
            .name(name.into())
            .spawn(move || {
                while let Some(group) = next_group(&mut queue, max) {
                    answer(group, &mut serve, failed);
                }
            });
        if let Err(e) = spawned {
            // Every request will then be refused rather than the server failing to start.
            tracing::error!(error = %e, name, "cannot start a thread");
        }
        Grouped { jobs, failed }
    }

    /// Serves one request with whichever others are waiting; returns its answer.
    pub async fn ask(&self, request: Q) -> AppResult<A> {
        let (reply, answer) = oneshot::channel();
        self.jobs
            .send(Job { request, reply })
            .await
            .map_err(|_| (self.failed)("the service is closed"))?;
        answer
            .await
            .map_err(|_| (self.failed)("the service stopped"))?
    }
}

/// The requests waiting now, at least one; `None` once every sender is gone.
fn next_group<Q, A>(queue: &mut mpsc::Receiver<Job<Q, A>>, max: usize) -> Option<Vec<Job<Q, A>>> {
    let mut group = vec![queue.blocking_recv()?];
    while group.len() < max {
        match queue.try_recv() {
            Ok(job) => group.push(job),
            Err(_) => break,
        }
    }
    Some(group)
}

/// Serves a group and sends each requester its answer.
fn answer<Q, A>(
    group: Vec<Job<Q, A>>,
    serve: impl FnOnce(&[Q]) -> Vec<AppResult<A>>,
    failed: fn(&str) -> AppError,
) {
    let (requests, replies): (Vec<Q>, Vec<_>) =
        group.into_iter().map(|j| (j.request, j.reply)).unzip();
    let answers =
        std::panic::catch_unwind(AssertUnwindSafe(|| serve(&requests))).unwrap_or_else(|_| {
            tracing::error!(
                thread = std::thread::current().name().unwrap_or_default(),
                "serving a group of requests panicked"
            );
            Vec::new()
        });
    let mut answers = answers.into_iter();
    for reply in replies {
        let answer = answers
            .next()
            .unwrap_or_else(|| Err(failed("an internal error occurred")));
        // The requester may have gone away; what was done stays done.
        let _ = reply.send(answer);
    }
}
