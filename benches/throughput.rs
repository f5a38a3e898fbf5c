//! Ballots per second from an independent load generator, next to what the database itself
//! commits for the same number of clients, in the same run, on the same database.
//!
//! scripts/bench-load.sh throughput          # installs wrk (and pgbench) when missing, then this
//! cargo bench --bench throughput            # SQLite; PostgreSQL too with BUDGETBOX_TEST_POSTGRES_URL
//! CONNECTIONS=32 SECONDS=10 CODES=300000 cargo bench --bench throughput
//! PROFILE=/tmp/ballots cargo bench --bench throughput   # `perf record -a -g` for 5 s of the ballots
//! SPANS=1 cargo bench --bench throughput    # and the time of each stage of a ballot, from its spans
//!
//! budgetbox serves on loopback from this process, built as `serve` builds it (two workers, its
//! request log written to a file). `wrk -t2 -cN` posts ballots to
//! `POST /api/v1/rounds/{id}/ballots`, each with a voting code never used before. The
//! baselines, measured before and after the ballots: on PostgreSQL, `pgbench -cN -j2` inserting
//! one row per transaction into a table of the same database; on SQLite, N threads each
//! committing one row per transaction (WAL, synchronous=FULL, through the app's writer lock).
//! Afterwards every acknowledged ballot must be on the board and the chain intact.

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Instant;

use budgetbox::config::DatabaseUrl;
use budgetbox::db::write_transaction;
use diesel::connection::SimpleConnection;

#[path = "support/mod.rs"]
mod support;

use support::env_usize;
use support::load::{ballot_script, check_board, load_average, start_server, wrk};

/// `pgbench -cN -j2 -T seconds`, one single-row INSERT per transaction; its tps.
fn pgbench(url: &str, clients: usize, seconds: u64, dir: &Path) -> f64 {
    let script = dir.join("insert.sql");
    std::fs::write(
        &script,
        "INSERT INTO bench_rows (payload) VALUES ('{\"projects\":[1,2,3]}');\n",
    )
    .expect("pgbench script");
    let out = Command::new("pgbench")
        .args([
            "-n",
            &format!("-c{clients}"),
            "-j2",
            &format!("-T{seconds}"),
            "-f",
        ])
        .arg(&script)
        .arg(url)
        .output()
        .expect("pgbench (scripts/bench-load.sh installs it)");
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines()
        .find_map(|l| l.strip_prefix("tps = "))
        .and_then(|rest| rest.split(' ').next())
        .and_then(|tps| tps.parse().ok())
        .unwrap_or_else(|| {
            panic!(
                "pgbench printed no rate: {text}{}",
                String::from_utf8_lossy(&out.stderr)
            )
        })
}

/// `threads` threads each committing one row per transaction for `seconds`; the total rate.
fn sqlite_rate(url: &DatabaseUrl, threads: usize, seconds: f64) -> f64 {
    static NEXT: AtomicI64 = AtomicI64::new(0);
    let pool = budgetbox::db::connection::connect_pool(url, threads as u32).expect("pool");
    let start = Instant::now();
    let workers: Vec<_> = (0..threads)
        .map(|_| {
            let pool = pool.clone();
            std::thread::spawn(move || {
                let mut conn = budgetbox::db::connection::get(&pool).expect("connection");
                let mut n = 0u64;
                while start.elapsed().as_secs_f64() < seconds {
                    let id = NEXT.fetch_add(1, Ordering::Relaxed);
                    write_transaction(&mut conn, |c| {
                        c.batch_execute(&format!(
                            "INSERT INTO bench_rows (id, payload) VALUES ({id}, '{{\"projects\":[1,2,3]}}')"
                        ))
                    })
                    .expect("insert");
                    n += 1;
                }
                n
            })
        })
        .collect();
    let total: u64 = workers.into_iter().map(|w| w.join().expect("writer")).sum();
    total as f64 / start.elapsed().as_secs_f64()
}

/// The database's own rate for `clients` clients, each committing one row per transaction.
fn baseline(url: &DatabaseUrl, clients: usize, seconds: u64, dir: &Path) -> f64 {
    match url.backend() {
        budgetbox::config::Backend::Postgres => pgbench(url.expose(), clients, seconds, dir),
        budgetbox::config::Backend::Sqlite => sqlite_rate(url, clients, seconds as f64),
    }
}

fn run(label: &str, url: DatabaseUrl) {
    let connections = env_usize("CONNECTIONS", 32);
    let seconds = env_usize("SECONDS", 10) as u64;
    let settings = support::settings(url.clone(), env_usize("POOL", 10) as u32);
    let pool = support::pool(&settings);
    let dir = tempfile::tempdir().expect("temp dir");
    let (round, projects, codes) = support::voting_round(&pool, env_usize("CODES", 300_000));
    let codes_file = dir.path().join("codes");
    std::fs::write(&codes_file, codes.join("\n")).expect("codes file");
    let script = dir.path().join("ballots.lua");
    std::fs::write(&script, ballot_script(&codes_file, &projects)).expect("script");
    {
        let mut conn = budgetbox::db::connection::get(&pool).expect("connection");
        conn.batch_execute(match url.backend() {
            budgetbox::config::Backend::Postgres => {
                "CREATE TABLE bench_rows (id BIGSERIAL PRIMARY KEY, payload TEXT NOT NULL)"
            }
            budgetbox::config::Backend::Sqlite => {
                "CREATE TABLE bench_rows (id BIGINT PRIMARY KEY, payload TEXT NOT NULL)"
            }
        })
        .expect("baseline table");
    }
    let port = start_server(settings, pool.clone());
    let endpoint = format!("http://127.0.0.1:{port}/api/v1/rounds/{round}/ballots");
    let load_before = load_average();
    let raw_before = baseline(&url, connections, seconds, dir.path());
    let profile = std::env::var("PROFILE")
        .ok()
        .map(|p| format!("{p}.{}", label.to_lowercase()));
    let load = wrk(&endpoint, &script, connections, seconds, profile.as_deref());
    let raw_after = baseline(&url, connections, seconds, dir.path());
    let raw = (raw_before + raw_after) / 2.0;
    let acknowledged = load.acknowledged() as usize;
    let stored = check_board(&pool, round, acknowledged, connections);
    println!(
        "{label}: wrk -c{connections} {seconds} s: {acknowledged} ballots acknowledged, {:.0}/s, p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms, {} errors; {stored} on the board, chain intact. \
         Baseline ({}, {connections} clients, one row per transaction): {raw_before:.0}/s before, {raw_after:.0}/s after; ratio {:.2}. Load average {load_before} before, {} after.",
        load.rate(),
        load.p50,
        load.p95,
        load.p99,
        load.max,
        load.errors(),
        if url.backend() == budgetbox::config::Backend::Postgres { "pgbench" } else { "threads" },
        load.rate() / raw,
        load_average(),
    );
}

/// The stages of the ballots in the log since `from`: each span's name, how many closed, and
/// their mean time busy and waiting; and the server's own time per request (the request log).
fn stages(log: &Path, from: u64) -> String {
    use std::io::{Read, Seek};
    let mut text = String::new();
    let mut file = std::fs::File::open(log).expect("log");
    file.seek(std::io::SeekFrom::Start(from)).expect("seek");
    file.read_to_string(&mut text).expect("read log");
    let micros = |v: &str| -> f64 {
        let v = v.trim_matches('"');
        let (number, scale) = if let Some(n) = v.strip_suffix("ms") {
            (n, 1e3)
        } else if let Some(n) = v.strip_suffix("µs") {
            (n, 1.0)
        } else if let Some(n) = v.strip_suffix("ns") {
            (n, 1e-3)
        } else if let Some(n) = v.strip_suffix('s') {
            (n, 1e6)
        } else {
            (v, 1e3) // the request log's milliseconds
        };
        number.parse::<f64>().unwrap_or(0.0) * scale
    };
    let field = |line: &str, name: &str| -> Option<f64> {
        line.split(' ')
            .find_map(|w| w.strip_prefix(name))
            .map(micros)
    };
    let mut spans: std::collections::BTreeMap<String, (usize, f64, f64)> = Default::default();
    for line in text.lines() {
        if let Some(at) = line.find(": close time.busy=") {
            let mut depth = 0;
            let chain: String = line[..at]
                .chars()
                .filter(|c| {
                    match c {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        _ => return depth == 0,
                    }
                    false
                })
                .collect();
            let name = chain.rsplit([':', ' ']).next().unwrap_or("?").to_string();
            let entry = spans.entry(name).or_default();
            entry.0 += 1;
            entry.1 += field(line, "time.busy=").unwrap_or(0.0);
            entry.2 += field(line, "time.idle=").unwrap_or(0.0);
        } else if line.contains(" request ") && line.contains("status=201") {
            let entry = spans
                .entry("(whole request, server side)".into())
                .or_default();
            entry.0 += 1;
            entry.1 += field(line, "latency_ms=").unwrap_or(0.0);
        }
    }
    spans
        .iter()
        .map(|(name, (n, busy, idle))| {
            format!(
                "  {name}: {n} closed, mean {:.0} µs busy, {:.0} µs waiting",
                busy / *n as f64,
                idle / *n as f64
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn main() {
    // The request log as `serve` writes it (info level), to a file rather than a terminal;
    // SPANS=1 adds the ballot's stages (debug spans, timed as each closes).
    let log = tempfile::NamedTempFile::new().expect("log file");
    let spans = std::env::var("SPANS").is_ok();
    eprintln!("the server's log: {}", log.path().display());
    let filter = if spans {
        "info,budgetbox=debug"
    } else {
        "info"
    };
    let installed = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
        .with_span_events(if spans {
            tracing_subscriber::fmt::format::FmtSpan::CLOSE
        } else {
            tracing_subscriber::fmt::format::FmtSpan::NONE
        })
        .with_writer(std::sync::Mutex::new(log.reopen().expect("log")))
        .with_target(false)
        .with_ansi(false)
        .try_init();
    if let Err(e) = installed {
        eprintln!("no request log: {e}");
    }
    support::on_each_backend(|label, url| {
        let from = std::fs::metadata(log.path()).map_or(0, |m| m.len());
        run(label, url);
        if spans {
            println!(
                "{label}, each stage of a ballot:\n{}",
                stages(log.path(), from)
            );
        }
    });
}
