//! Proposal search over 10,000 proposals in one round with 100,000 comments on them:
//! full-text words, filters, order and a page; then the first page of a proposal's
//! conversation. On SQLite and on PostgreSQL. Prints p50/p95/p99 per backend; issues 7 and 20
//! ask p95 < 50 ms.
//!
//! cargo bench --bench search
//! BUDGETBOX_TEST_POSTGRES_URL=postgres://… cargo bench --bench search
//! PROPOSALS=10000 COMMENTS=100000 SEARCHES=400 cargo bench --bench search

#[path = "support/mod.rs"]
mod support;

use budgetbox::domain::comments::{self, Order};
use budgetbox::domain::{ProposalId, RoundId};
use budgetbox::i18n::Lang;
use std::time::Instant;

use budgetbox::db::models::proposal;
use budgetbox::db::write_transaction;
use budgetbox::domain::proposals::{list, ListQuery};
use rand::{Rng, SeedableRng};
use support::{env_usize, percentile};

/// `count` comments spread over the round's proposals, a fifth of them replies; returns the
/// proposal ids.
fn fill_comments(pool: &budgetbox::db::DbPool, round: i64, count: usize) -> Vec<i64> {
    use budgetbox::db::models::comment;
    let mut conn = budgetbox::db::connection::get(pool).expect("connection");
    let ids: Vec<i64> = proposal::of_round(&mut conn, round)
        .expect("proposals")
        .iter()
        .map(|p| p.id)
        .collect();
    let mut rng = rand::rngs::StdRng::seed_from_u64(13);
    let now = chrono::Utc::now().naive_utc();
    write_transaction(&mut conn, |conn| {
        let mut last_top: Vec<Option<i64>> = vec![None; ids.len()];
        for i in 0..count {
            let at = rng.random_range(0..ids.len());
            let parent = if i % 5 == 4 { last_top[at] } else { None };
            let body = (0..20)
                .map(|_| support::WORDS[rng.random_range(0..support::WORDS.len())])
                .collect::<Vec<_>>()
                .join(" ");
            let id = comment::insert(
                conn,
                &comment::NewComment {
                    proposal_id: ids[at],
                    parent_id: parent,
                    author_id: None,
                    body: &body,
                    official: None,
                    created_at: now + chrono::Duration::seconds(i as i64),
                },
            )?;
            if parent.is_none() {
                last_top[at] = Some(id);
            }
        }
        Ok::<_, diesel::result::Error>(())
    })
    .expect("comments");
    ids
}

fn queries(n: usize) -> Vec<ListQuery> {
    let mut rng = rand::rngs::StdRng::seed_from_u64(11);
    (0..n)
        .map(|i| {
            let word = |rng: &mut rand::rngs::StdRng| {
                support::WORDS[rng.random_range(0..support::WORDS.len())]
            };
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
    let comments = env_usize("COMMENTS", 100_000);
    let searches = env_usize("SEARCHES", 400);
    support::on_each_backend(|label, url| {
        let pool = support::pool(&support::settings(url, 4));
        let (_, round) = support::create_round(&pool, false);
        support::fill_proposals(&pool, round, count, &support::EVERY_STATUS);
        let proposals = fill_comments(&pool, round, comments);
        let mut conn = budgetbox::db::connection::get(&pool).expect("connection");
        let now = chrono::Utc::now().naive_utc();
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
        let mut rng = rand::rngs::StdRng::seed_from_u64(17);
        let mut times = Vec::with_capacity(searches);
        let mut shown = 0;
        for _ in 0..searches {
            let id = ProposalId(proposals[rng.random_range(0..proposals.len())]);
            let start = Instant::now();
            let talk = comments::page(&mut conn, id, None, Order::Newest, 1, now, Lang::En)
                .expect("conversation");
            times.push(start.elapsed());
            shown += talk.comments.len();
        }
        times.sort();
        println!(
            "{label}: {searches} conversation pages over {comments} comments: p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms (threads shown in all: {shown})",
            percentile(&times, 0.50),
            percentile(&times, 0.95),
            percentile(&times, 0.99),
        );
    });
}
