//! Ballots per second over real HTTP on loopback, next to the raw insert-commit rate of the
//! same database with the same durability settings, measured in the same run.
//!
//! cargo bench --bench ballots_http                  # SQLite (WAL, synchronous=FULL)
//! BUDGETBOX_TEST_POSTGRES_URL=postgres://… cargo bench --bench ballots_http   # and PostgreSQL
//! BALLOTS=4000 CONCURRENCY=32 cargo bench --bench ballots_http
//! WARMUP=0 cargo bench --bench ballots_http   # measure from a cold start (default: 2 ballots per voter first)
//! LATENCY_LOG=/tmp/lat cargo bench --bench ballots_http   # each ballot's start and latency
//! ACK_LOG=/tmp/acks cargo bench --bench ballots_http   # also log every acknowledged code (fsynced)
//!
//! Voters use one-time voting codes (no password hashing in the loop). The raw rate is one
//! connection inserting one row per transaction, back to back, for 3 s before and 3 s after
//! the ballots (the ratio uses their mean): the database's own limit for durable commits.
//! Every ballot is durably committed before its receipt too, and the ballots of one round are
//! serialised (they extend one hash chain), so that is the rate to compare with.

use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use budgetbox::app::Application;
use budgetbox::config::DatabaseUrl;
use budgetbox::db::{write_transaction, DbPool};
use budgetbox::web::Clock;
use diesel::connection::SimpleConnection;

#[path = "support/mod.rs"]
mod support;

use support::{env_usize, percentile};

/// One row per transaction from one connection, for `seconds`, with ids from `first_id`.
fn raw_commit_rate(pool: &DbPool, seconds: f64, first_id: i64) -> f64 {
    let mut conn = budgetbox::db::connection::get(pool).expect("connection");
    conn.batch_execute(
        "CREATE TABLE IF NOT EXISTS bench_commits (id BIGINT PRIMARY KEY, payload TEXT NOT NULL)",
    )
    .expect("scratch table");
    let start = Instant::now();
    let mut n: i64 = first_id;
    while start.elapsed().as_secs_f64() < seconds {
        write_transaction(&mut conn, |c| {
            c.batch_execute(&format!(
                "INSERT INTO bench_commits (id, payload) VALUES ({n}, '{{\"projects\":[1,2,3]}}')"
            ))
        })
        .expect("insert");
        n += 1;
    }
    (n - first_id) as f64 / start.elapsed().as_secs_f64()
}

/// The raw rate for 3 s, off the async workers.
async fn raw_rate(pool: &DbPool, first_id: i64) -> f64 {
    let pool = pool.clone();
    tokio::task::spawn_blocking(move || raw_commit_rate(&pool, 3.0, first_id))
        .await
        .expect("raw rate")
}

/// What the voters of one phase share: their codes, the next one to use, where to send them.
struct Voters {
    codes: Vec<String>,
    projects: Vec<i64>,
    next: AtomicUsize,
    endpoint: String,
    client: reqwest::Client,
    ack_log: Option<std::sync::Mutex<std::fs::File>>,
}

/// One acknowledged ballot: when its request left (since the phase began) and how long the
/// answer took.
type Timed = (Duration, Duration);

/// `concurrency` voters cast ballots with codes `range` until those run out (or 120 s pass);
/// returns every acknowledged ballot's timing, the number of errors and the phase's seconds.
async fn cast_phase(
    voters: &Arc<Voters>,
    range: std::ops::Range<usize>,
    concurrency: usize,
) -> (Vec<Timed>, usize, f64) {
    voters.next.store(range.start, Ordering::SeqCst);
    let deadline = Instant::now() + Duration::from_secs(120);
    let start = Instant::now();
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..concurrency {
        let (voters, end) = (voters.clone(), range.end);
        workers.spawn(async move {
            let Voters {
                codes,
                projects,
                next,
                endpoint,
                client,
                ack_log,
            } = &*voters;
            let mut latencies = Vec::new();
            let mut errors = 0usize;
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= end || Instant::now() > deadline {
                    break;
                }
                let body = serde_json::json!({"projects": [projects[i % projects.len()], projects[(i * 7 + 3) % projects.len()]], "voting_code": codes[i]});
                let sent = Instant::now();
                match client.post(endpoint.as_str()).json(&body).send().await {
                    Ok(r) if r.status() == 201 => {
                        latencies.push((sent - start, sent.elapsed()));
                        if let Some(log) = ack_log {
                            let receipt: serde_json::Value = r.json().await.unwrap_or_default();
                            let code = receipt["tracking_code"].as_str().unwrap_or("?");
                            let mut file = log.lock().expect("log");
                            writeln!(file, "{code}").expect("log write");
                            file.sync_data().expect("log sync");
                        }
                    }
                    _ => errors += 1,
                }
            }
            (latencies, errors)
        });
    }
    let mut timed = Vec::new();
    let mut errors = 0;
    for (l, e) in workers.join_all().await {
        timed.extend(l);
        errors += e;
    }
    (timed, errors, start.elapsed().as_secs_f64())
}

fn sorted_latencies(timed: &[Timed]) -> Vec<Duration> {
    let mut latencies: Vec<Duration> = timed.iter().map(|(_, took)| *took).collect();
    latencies.sort();
    latencies
}

async fn run(label: &str, url: DatabaseUrl, ballots: usize, warmup: usize, concurrency: usize) {
    // POOL: connections per app instance (production default 10).
    let settings = support::settings(url, env_usize("POOL", 10) as u32);
    let pool = support::pool(&settings);
    let (round, projects, codes) = support::voting_round(&pool, warmup + ballots);
    let app = Application::build(settings, pool.clone(), Clock::System).expect("server");
    let endpoint = format!(
        "http://127.0.0.1:{}/api/v1/rounds/{round}/ballots",
        app.port()
    );
    tokio::spawn(app.run_until_stopped());

    // ACK_LOG=FILE: every acknowledged tracking code, synced to disk before it counts, so a
    // crash experiment can check afterwards that none was lost.
    let ack_log = std::env::var("ACK_LOG").ok().map(|path| {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(format!("{path}.{}", label.to_lowercase()))
            .expect("ACK_LOG file");
        std::sync::Mutex::new(file)
    });
    let voters = Arc::new(Voters {
        codes,
        projects,
        next: AtomicUsize::new(0),
        endpoint,
        client: reqwest::Client::new(),
        ack_log,
    });
    // The first ballots after a start pay one-off costs (each PostgreSQL backend plans the
    // ballot's statements for the first time, the HTTP connections open): about the first
    // wave of `concurrency` ballots. A vote's busy hour meets a server that has been serving
    // for days, so those are measured and shown apart, not mixed into the steady state.
    // The raw rate is measured before and after the ballots and compared with their mean: on a
    // machine shared with other work, a stall in one of the two shows as a gap between them
    // instead of silently moving the ratio.
    let raw_before = raw_rate(&pool, 0).await;
    let (warm, warm_errors, _) = cast_phase(&voters, 0..warmup, concurrency).await;
    let (timed, errors, elapsed) = cast_phase(&voters, warmup..warmup + ballots, concurrency).await;
    // LATENCY_LOG=FILE: when each acknowledged request of the measured phase left (ms into
    // it) and how long it took, to see where a tail comes from.
    if let Ok(path) = std::env::var("LATENCY_LOG") {
        let mut timed = timed.clone();
        timed.sort();
        let mut file = std::fs::File::create(format!("{path}.{}", label.to_lowercase()))
            .expect("LATENCY_LOG file");
        for (at, took) in &timed {
            writeln!(
                file,
                "{:.3} {:.3}",
                at.as_secs_f64() * 1e3,
                took.as_secs_f64() * 1e3
            )
            .expect("latency log");
        }
    }
    let latencies = sorted_latencies(&timed);
    let rate = latencies.len() as f64 / elapsed;
    let raw_after = raw_rate(&pool, 1 << 40).await;
    let raw = (raw_before + raw_after) / 2.0;
    let warm = sorted_latencies(&warm);
    let warm_note = if warm.is_empty() {
        String::new()
    } else {
        format!(
            " (before them, a cold start: {} ballots, p50 {:.1} ms, max {:.1} ms, {warm_errors} errors)",
            warm.len(),
            percentile(&warm, 0.50),
            percentile(&warm, 1.0),
        )
    };
    println!(
        "{label}: {} ballots acknowledged in {elapsed:.1} s with {concurrency} concurrent voters: {rate:.0} ballots/s, p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, {errors} errors; raw insert-commit rate {raw_before:.0}/s before, {raw_after:.0}/s after; ratio {:.2}{warm_note}",
        latencies.len(),
        percentile(&latencies, 0.50),
        percentile(&latencies, 0.95),
        percentile(&latencies, 0.99),
        rate / raw,
    );
    let mut conn = budgetbox::db::connection::get(&pool).expect("connection");
    let stored = budgetbox::db::models::ballot::of_round(&mut conn, round).expect("board");
    assert_eq!(
        stored.len(),
        warm.len() + latencies.len(),
        "every acknowledged ballot is on the board, nothing more"
    );
    budgetbox::domain::bulletin::verify_chain(round, &stored).expect("chain intact");
}

fn main() {
    let ballots = env_usize("BALLOTS", 2000);
    let concurrency = env_usize("CONCURRENCY", 32);
    // WARMUP: ballots cast after the start and before the measured ones (0 to measure a
    // cold start).
    let warmup = env_usize("WARMUP", 2 * concurrency);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    support::on_each_backend(|label, url| {
        runtime.block_on(run(label, url, ballots, warmup, concurrency));
    });
}
