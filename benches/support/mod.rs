//! What the benches share: settings for a scratch database, a round in a chosen phase, the
//! SQLite-then-PostgreSQL driver, and percentiles.

// Each bench includes this file and uses only a part of it.
#![allow(dead_code)]

pub mod load;

use std::time::Duration;

use budgetbox::app::prepare_database;
use budgetbox::config::{DatabaseUrl, SecretKey, Settings};
use budgetbox::db::DbPool;
use diesel::connection::SimpleConnection;
use diesel::Connection;

pub fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

pub fn settings(url: DatabaseUrl, pool_size: u32) -> Settings {
    Settings {
        database_url: url,
        database_is_default: false,
        data_dir: std::env::temp_dir(),
        bind: "127.0.0.1:0".into(),
        secret_key: SecretKey::generate(),
        pool_size,
        trusted_proxy: None,
        tls: None,
        mail: budgetbox::config::MailSettings::local(),
        metrics_token: None,
        map: budgetbox::config::MapSettings::default(),
        identity_providers: Vec::new(),
    }
}

pub fn pool(settings: &Settings) -> DbPool {
    prepare_database(settings).expect("database")
}

/// A city-wide approval round whose phases sit around now: `voting` opens an hour ago (codes
/// allowed) or, when false, the round is collecting proposals. Returns (staff id, round id).
/// A council account that cannot log in; the change log names it.
pub fn staff_account(conn: &mut budgetbox::db::DbConnection) -> i64 {
    use budgetbox::db::models::user;
    user::insert(
        conn,
        &user::NewUser {
            email: "bench@example.org",
            display_name: "bench",
            password_hash: "!",
            role: "council",
            gender: None,
            birth_year: None,
            district_id: None,
            created_at: chrono::Utc::now().naive_utc(),
        },
    )
    .expect("staff")
}

pub fn create_round(pool: &DbPool, voting: bool) -> (i64, i64) {
    use budgetbox::domain::round_config::{self, RoundInput};
    let mut conn = budgetbox::db::connection::get(pool).expect("connection");
    let now = chrono::Utc::now().naive_utc();
    let staff = staff_account(&mut conn);
    let t = |hours: i64| {
        (now + chrono::Duration::hours(hours))
            .format("%Y-%m-%dT%H:%M")
            .to_string()
    };
    let shift = if voting { 0 } else { 72 };
    let input = RoundInput {
        title: "Bench round".into(),
        currency: "EUR".into(),
        total_budget: "1000000".into(),
        ballot_type: "approval".into(),
        min_choices: "1".into(),
        max_choices: "3".into(),
        rule: "greedy".into(),
        time_zone: "UTC".into(),
        proposals_open_at: t(-72 + shift),
        review_at: t(-48 + shift),
        voting_open_at: t(-1 + shift),
        voting_close_at: t(48 + shift),
        residence: "none".into(),
        revote_policy: "final".into(),
        voting_channels: "codes".into(),
        ..RoundInput::default()
    };
    let round = round_config::create(
        &mut conn,
        staff,
        &input.parse().expect("valid round"),
        now - chrono::Duration::hours(80),
    )
    .expect("round");
    (staff, round)
}

/// A round in its voting phase accepting codes, with ten feasible projects; returns the round
/// id, the project ids and `count` voting codes.
pub fn voting_round(pool: &DbPool, count: usize) -> (i64, Vec<i64>, Vec<String>) {
    use budgetbox::db::models::proposal;
    let (staff, round) = create_round(pool, true);
    let mut conn = budgetbox::db::connection::get(pool).expect("connection");
    let now = chrono::Utc::now().naive_utc();
    let projects = (0..10)
        .map(|i| {
            let title = format!("Project {i}");
            proposal::insert(
                &mut conn,
                &proposal::NewProposal {
                    round_id: round,
                    district_id: None,
                    author_id: None,
                    title: &title,
                    description: "load test",
                    category: None,
                    location: None,
                    estimated_cost: 10_000 + i,
                    validated_cost: Some(10_000 + i),
                    status: "feasible",
                    created_at: now,
                    updated_at: now,
                },
            )
            .expect("project")
        })
        .collect();
    let mut codes = Vec::with_capacity(count);
    while codes.len() < count {
        let batch = (count - codes.len()).min(budgetbox::domain::voting_codes::MAX_CODES_PER_BATCH);
        codes.extend(
            budgetbox::domain::voting_codes::generate_codes(
                &mut conn,
                Some(staff),
                budgetbox::domain::RoundId(round),
                batch,
                None,
                now,
            )
            .expect("codes"),
        );
    }
    (round, projects, codes)
}

pub const WORDS: [&str; 24] = [
    "playground",
    "bicycle",
    "library",
    "trees",
    "bench",
    "lighting",
    "garden",
    "school",
    "crossing",
    "fountain",
    "skatepark",
    "market",
    "shelter",
    "mural",
    "pathway",
    "sports",
    "concert",
    "elderly",
    "youth",
    "river",
    "square",
    "bus",
    "water",
    "repair",
];

/// Every status in turn.
pub const EVERY_STATUS: [&str; 4] = ["submitted", "feasible", "infeasible", "withdrawn"];

/// `count` proposals in the round with titles and descriptions made of `WORDS`, their statuses
/// taken from `statuses` in turn.
pub fn fill_proposals(pool: &DbPool, round: i64, count: usize, statuses: &[&'static str]) {
    use budgetbox::db::models::proposal;
    use rand::{Rng, SeedableRng};
    let mut rng = rand::rngs::StdRng::seed_from_u64(7);
    let now = chrono::Utc::now().naive_utc();
    let mut conn = budgetbox::db::connection::get(pool).expect("connection");
    budgetbox::db::write_transaction(&mut conn, |conn| {
        for i in 0..count {
            let pick = |rng: &mut rand::rngs::StdRng| WORDS[rng.random_range(0..WORDS.len())];
            let title = format!(
                "{} {} near {} {i}",
                pick(&mut rng),
                pick(&mut rng),
                pick(&mut rng)
            );
            let description = (0..40)
                .map(|_| pick(&mut rng))
                .collect::<Vec<_>>()
                .join(" ");
            proposal::insert(
                conn,
                &proposal::NewProposal {
                    round_id: round,
                    district_id: None,
                    author_id: None,
                    title: &title,
                    description: &description,
                    category: None,
                    location: None,
                    estimated_cost: rng.random_range(1_000..10_000_000),
                    validated_cost: None,
                    status: statuses[i % statuses.len()],
                    created_at: now + chrono::Duration::seconds(i as i64),
                    updated_at: now,
                },
            )?;
        }
        Ok::<_, diesel::result::Error>(())
    })
    .expect("proposals");
    // The planner's statistics as PostgreSQL's autovacuum would have them a minute after such
    // a batch: a bench measures a settled database. (SQLite keeps none unless asked, and the
    // app does not ask, so neither does the bench.)
    if matches!(&mut *conn, budgetbox::db::DbConnection::Postgres(_)) {
        conn.batch_execute("ANALYZE").expect("analyze");
    }
}

pub fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

/// Runs `bench` on a fresh SQLite file, then on a scratch PostgreSQL database when
/// `BUDGETBOX_TEST_POSTGRES_URL` is set (created and dropped here).
pub fn on_each_backend(mut bench: impl FnMut(&str, DatabaseUrl)) {
    let dir = tempfile::tempdir().expect("temp dir");
    bench(
        "SQLite",
        DatabaseUrl::sqlite_file(&dir.path().join("bench.sqlite")),
    );
    let Ok(admin) = std::env::var("BUDGETBOX_TEST_POSTGRES_URL") else {
        println!("PostgreSQL: skipped (set BUDGETBOX_TEST_POSTGRES_URL)");
        return;
    };
    // A new name each time: an app from an earlier run of the same process keeps its
    // background threads, which must not find (and work on) this run's database.
    static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let run = RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = format!("budgetbox_bench_{}_{run}", std::process::id());
    let mut admin_conn = diesel::PgConnection::establish(&admin).expect("postgres reachable");
    admin_conn
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .expect("create database");
    let base = admin
        .rsplit_once('/')
        .map(|(b, _)| b.to_string())
        .unwrap_or(admin.clone());
    bench(
        "PostgreSQL",
        DatabaseUrl::parse(&format!("{base}/{name}")).expect("url"),
    );
    admin_conn
        .batch_execute(&format!("DROP DATABASE {name} WITH (FORCE)"))
        .expect("drop database");
}
