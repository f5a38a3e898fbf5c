//! The board at city scale: a receipt lookup (`GET /api/v1/receipts/{code}`: the entry, its
//! RFC 9162 inclusion proof against the latest signed tree head) and downloading the whole
//! board, at several board sizes, on SQLite and, when BUDGETBOX_TEST_POSTGRES_URL is set, on
//! PostgreSQL. The board is filled directly (valid chained entries, sealed ballots' form) and
//! its tree built by the same checkpoint the app runs every second; then 1,000 lookups of
//! random receipts go through HTTP one after another, and the board is read in pages of 1,000.
//!
//! cargo bench --bench receipts                        # 10,000 and 100,000 entries
//! SIZES=10000,100000,1000000 cargo bench --bench receipts
//! scripts/bench-load.sh receipts SIZES=1000000        # installs wrk when missing, then this
//!
//! Then RECEIPT_CONNECTIONS (32) wrk connections ask for random receipts of the same sample
//! for RECEIPT_SECONDS (10): the rate and latency of lookups when many residents check at once
//! (when wrk is installed; the line says so otherwise).

use std::time::{Duration, Instant};

#[path = "support/mod.rs"]
mod support;

use budgetbox::config::DatabaseUrl;
use budgetbox::db::models::ballot::{self, NewBallot};
use budgetbox::domain::bulletin::{self, Committed, EntryFields, GENESIS};
use rand::Rng;
use support::load;

/// Entries per insert transaction while filling.
const FILL_GROUP: usize = 2_000;
const LOOKUPS: usize = 1_000;

fn fill(pool: &budgetbox::db::DbPool, round: i64, n: usize) -> Vec<String> {
    let mut conn = budgetbox::db::connection::get(pool).expect("connection");
    let mut rng = rand::rng();
    let mut prev = GENESIS.to_string();
    let mut sampled = Vec::new();
    let every = (n / LOOKUPS).max(1);
    let mut seq = 0i64;
    while (seq as usize) < n {
        let size = FILL_GROUP.min(n - seq as usize);
        let mut owned = Vec::with_capacity(size);
        for _ in 0..size {
            seq += 1;
            let code = bulletin::new_tracking_code();
            let tracking = bulletin::tracking_hash(&code);
            let commitment = hex::encode(rng.random::<[u8; 32]>());
            let entry = bulletin::entry_hash(&EntryFields {
                prev_hash: &prev,
                round_id: round,
                seq,
                district_id: None,
                tracking_hash: &tracking,
                supersedes: None,
                committed: Committed::Commitment(&commitment),
            });
            if (seq as usize) % every == 0 {
                sampled.push(code);
            }
            owned.push((seq, tracking, prev.clone(), entry.clone(), commitment));
            prev = entry;
        }
        let rows: Vec<NewBallot<'_>> = owned
            .iter()
            .map(|(seq, tracking, prev, entry, commitment)| NewBallot {
                round_id: round,
                district_id: None,
                seq: *seq,
                content: "",
                cast_day: "2026-06-05",
                tracking_hash: tracking,
                prev_hash: prev,
                entry_hash: entry,
                voter_tag: None,
                supersedes: None,
                salt: None,
                commitment: Some(commitment),
                sealed: Some(b"sealed"),
            })
            .collect();
        budgetbox::db::write_transaction(&mut conn, |c| {
            for chunk in rows.chunks(500) {
                ballot::insert_all(c, chunk)?;
            }
            Ok::<_, budgetbox::error::AppError>(())
        })
        .expect("entries");
    }
    sampled
}

async fn run(label: &str, url: DatabaseUrl, n: usize) {
    let settings = support::settings(url, 4);
    let pool = support::pool(&settings);
    let key = budgetbox::auth::audit_signing_key(settings.secret_key.expose());
    let (_, round) = support::create_round(&pool, true);
    let started = Instant::now();
    let codes = fill(&pool, round, n);
    let filled = started.elapsed();
    let started = Instant::now();
    {
        let mut conn = budgetbox::db::connection::get(&pool).expect("connection");
        let now = chrono::Utc::now().naive_utc();
        budgetbox::domain::board_tree::checkpoint_all(&mut conn, &key, now).expect("tree");
    }
    let tree = started.elapsed();
    let app = budgetbox::app::Application::build(settings, pool, budgetbox::web::Clock::System)
        .expect("app");
    let base = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::new();
    // Warm-up: the first requests open connections and fill caches.
    for code in codes.iter().take(20) {
        client
            .get(format!("{base}/api/v1/receipts/{code}"))
            .send()
            .await
            .unwrap();
    }
    let mut took: Vec<Duration> = Vec::with_capacity(codes.len());
    let all = Instant::now();
    for code in &codes {
        let sent = Instant::now();
        let res = client
            .get(format!("{base}/api/v1/receipts/{code}"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        let proof: serde_json::Value = res.json().await.unwrap();
        assert!(proof["tree"]["path"].is_array(), "{proof}");
        took.push(sent.elapsed());
    }
    let per_second = codes.len() as f64 / all.elapsed().as_secs_f64();
    took.sort();
    let at_once = concurrent_lookups(&base, &codes).await;
    let started = Instant::now();
    let mut next = Some(format!("/api/v1/rounds/{round}/board"));
    let mut entries = 0;
    while let Some(path) = next {
        let page: serde_json::Value = client
            .get(format!("{base}{path}"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        entries += page["entries"].as_array().unwrap().len();
        next = page["next"].as_str().map(str::to_string);
    }
    assert_eq!(entries, n);
    let paged = started.elapsed();
    println!(
        "{label} {n:>9} entries: filled in {:.1} s, tree built in {:.1} s; receipt lookup p50 {:.2} / p95 {:.2} / p99 {:.2} ms ({per_second:.0}/s, one client); board in pages of 1,000: {:.1} s",
        filled.as_secs_f64(),
        tree.as_secs_f64(),
        support::percentile(&took, 0.50),
        support::percentile(&took, 0.95),
        support::percentile(&took, 0.99),
        paged.as_secs_f64()
    );
    println!("{label} {n:>9} entries: {at_once}");
}

/// Residents checking their receipts at once: wrk's connections ask for random receipts of
/// the sample for `RECEIPT_SECONDS` (10); a line of figures, or why there are none.
async fn concurrent_lookups(base: &str, codes: &[String]) -> String {
    let connections = support::env_usize("RECEIPT_CONNECTIONS", 32);
    let seconds = support::env_usize("RECEIPT_SECONDS", 10) as u64;
    let wrk_installed = std::process::Command::new("wrk")
        .arg("--version")
        .output()
        .is_ok();
    if !wrk_installed {
        return "lookups from many clients at once not measured: wrk is not installed \
                (scripts/bench-load.sh receipts installs it)"
            .into();
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let codes_file = dir.path().join("codes");
    std::fs::write(&codes_file, codes.join("\n")).expect("codes file");
    let script = dir.path().join("receipts.lua");
    std::fs::write(&script, load::receipt_script(&codes_file)).expect("script");
    let url = format!("{base}/");
    let load_before = load::load_average();
    let measured =
        tokio::task::spawn_blocking(move || load::wrk(&url, &script, connections, seconds, None))
            .await
            .expect("wrk ran");
    assert_eq!(measured.errors(), 0, "every lookup answered: {measured:?}");
    format!(
        "{connections} clients at once for {seconds} s (load average {load_before} before): {:.0} lookups/s, p50 {:.2} / p95 {:.2} / p99 {:.2} ms",
        measured.rate(),
        measured.p50,
        measured.p95,
        measured.p99
    )
}

fn main() {
    let sizes: Vec<usize> = std::env::var("SIZES")
        .unwrap_or_else(|_| "10000,100000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    for &n in &sizes {
        support::on_each_backend(|label, url| runtime.block_on(run(label, url, n)));
    }
}
