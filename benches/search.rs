//! Proposal search over 10,000 proposals in one round: full-text words, filters, order and a
//! page, on SQLite and on PostgreSQL. Prints p50/p95/p99 per backend; issue 7 asks p95 < 50 ms.
//!
//! cargo bench --bench search
//! BUDGETBOX_TEST_POSTGRES_URL=postgres://… cargo bench --bench search
//! PROPOSALS=10000 SEARCHES=400 cargo bench --bench search

#[path = "support/mod.rs"]
mod support;

use budgetbox::domain::RoundId;
use std::time::Instant;

use budgetbox::db::models::proposal;
use budgetbox::db::write_transaction;
use budgetbox::domain::proposals::{list, ListQuery};
use rand::{Rng, SeedableRng};
use support::{env_usize, percentile};

const WORDS: [&str; 24] = [
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

fn fill(pool: &budgetbox::db::DbPool, round: i64, count: usize) {
    let mut rng = rand::rngs::StdRng::seed_from_u64(7);
    let now = chrono::Utc::now().naive_utc();
    let mut conn = pool.get().expect("connection");
    write_transaction(&mut conn, |conn| {
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
                    status: ["submitted", "feasible", "infeasible", "withdrawn"][i % 4],
                    created_at: now + chrono::Duration::seconds(i as i64),
                    updated_at: now,
                },
            )?;
        }
        Ok::<_, diesel::result::Error>(())
    })
    .expect("proposals");
}

fn queries(n: usize) -> Vec<ListQuery> {
    let mut rng = rand::rngs::StdRng::seed_from_u64(11);
    (0..n)
        .map(|i| {
            let word = |rng: &mut rand::rngs::StdRng| WORDS[rng.random_range(0..WORDS.len())];
            let text = |s: &str| Some(s.to_string());
            match i % 5 {
                0 => ListQuery {
                    q: text(word(&mut rng)),
                    ..Default::default()
                },
                1 => ListQuery {
                    // A whole word and the start of another, as people type.
                    q: Some(format!(
                        "{} {}",
                        word(&mut rng),
                        word(&mut rng).chars().take(4).collect::<String>()
                    )),
                    status: text("feasible"),
                    ..Default::default()
                },
                2 => ListQuery {
                    min_cost: text("1000"),
                    max_cost: text("50000"),
                    sort: text("cost-high"),
                    ..Default::default()
                },
                3 => ListQuery {
                    sort: text("title"),
                    page: text("40"),
                    ..Default::default()
                },
                _ => ListQuery {
                    q: text(word(&mut rng)),
                    sort: text("cost-low"),
                    page: text("3"),
                    ..Default::default()
                },
            }
        })
        .collect()
}

fn main() {
    let count = env_usize("PROPOSALS", 10_000);
    let searches = env_usize("SEARCHES", 400);
    support::on_each_backend(|label, url| {
        let pool = support::pool(&support::settings(url, 4));
        let (_, round) = support::create_round(&pool, false);
        fill(&pool, round, count);
        let mut conn = pool.get().expect("connection");
        let mut times = Vec::with_capacity(searches);
        let mut found = 0;
        for query in queries(searches) {
            let start = Instant::now();
            let page = list(&mut conn, RoundId(round), &query).expect("search");
            times.push(start.elapsed());
            found += page.total;
        }
        times.sort();
        println!(
            "{label}: {searches} searches over {count} proposals: p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms (matches in all: {found})",
            percentile(&times, 0.50),
            percentile(&times, 0.95),
            percentile(&times, 0.99),
        );
    });
}
