//! What secrecy costs at the count: a round of sealed ballots (cast with voting codes through
//! the same prepare-and-commit path as the web app, in groups) is counted, which opens every
//! ballot, writes the board again, rewrites who voted in random order and then scrubs the
//! database files (SQLite: checkpoint, VACUUM, checkpoint; PostgreSQL: CLUSTER and VACUUM).
//! Prints each part's time on SQLite, and on PostgreSQL when BUDGETBOX_TEST_POSTGRES_URL is set.
//!
//! cargo bench --bench count_round             # 20,000 ballots
//! BALLOTS=100000 cargo bench --bench count_round

use budgetbox::domain::board_writes;
use budgetbox::domain::RoundId;
use std::time::Instant;

#[path = "support/mod.rs"]
mod support;

use budgetbox::config::DatabaseUrl;
use budgetbox::domain::ballots::{self, Cast, Channel, Choice, Voter};

/// Ballots committed per transaction while setting the round up.
const GROUP: usize = 500;

fn run(label: &str, url: DatabaseUrl, count: usize) {
    let settings = support::settings(url, 2);
    let secret = settings.secret_key.expose().to_vec();
    let pool = support::pool(&settings);
    let (staff, round) = support::create_round(&pool, true);
    let mut conn = budgetbox::db::connection::get(&pool).expect("connection");
    let projects: Vec<i64> = (0..10)
        .map(|i| {
            let now = chrono::Utc::now().naive_utc();
            budgetbox::db::models::proposal::insert(
                &mut conn,
                &budgetbox::db::models::proposal::NewProposal {
                    round_id: round,
                    district_id: None,
                    author_id: None,
                    title: &format!("Project {i}"),
                    description: "bench",
                    category: None,
                    location: None,
                    estimated_cost: 10_000 + i * 1_000,
                    validated_cost: Some(10_000 + i * 1_000),
                    status: "feasible",
                    created_at: now,
                    updated_at: now,
                },
            )
            .expect("project")
        })
        .collect();
    let now = chrono::Utc::now().naive_utc();
    let codes = budgetbox::domain::voting_codes::generate_codes(
        &mut conn,
        Some(staff),
        RoundId(round),
        count,
        None,
        now,
    )
    .expect("codes");
    let started = Instant::now();
    for group in codes.chunks(GROUP) {
        let prepared: Vec<_> = group
            .iter()
            .enumerate()
            .map(|(i, code)| {
                let choice = Choice::Projects(vec![projects[i % 10], projects[(i * 7 + 3) % 10]]);
                let cast = Cast {
                    round_id: round,
                    voter: Voter::Code(code),
                    requested_district: None,
                    choice: &choice,
                    channel: Channel::Code,
                };
                ballots::prepare(&mut conn, &secret, cast, now).expect("prepared")
            })
            .collect();
        budgetbox::db::write_transaction(&mut conn, |conn| {
            let group: Vec<_> = prepared.iter().map(|b| (b, now)).collect();
            board_writes::commit_all(conn, RoundId(round), &group)
        })
        .expect("group committed")
        .outcomes
        .into_iter()
        .for_each(|receipt| {
            receipt.expect("ballot stored");
        });
    }
    let cast_seconds = started.elapsed().as_secs_f64();
    // Voting closes; the count.
    let close = now + chrono::Duration::hours(49);
    // The steps of `closing::count_round`, timed one by one in its one transaction.
    let mut seconds = [0.0; 3];
    let counted = budgetbox::db::write_transaction(&mut conn, |conn| {
        let started = Instant::now();
        budgetbox::domain::publication::open_board(conn, &secret, RoundId(round))?;
        seconds[0] = started.elapsed().as_secs_f64();
        let started = Instant::now();
        budgetbox::domain::publication::forget_order_of_voting(conn, RoundId(round), close)?;
        seconds[1] = started.elapsed().as_secs_f64();
        let started = Instant::now();
        let counted = budgetbox::domain::counting::count_published_in(conn, RoundId(round), close);
        seconds[2] = started.elapsed().as_secs_f64();
        counted
    })
    .expect("counted");
    let started = Instant::now();
    budgetbox::db::compact::scrub_after_count(&mut conn).expect("scrubbed");
    let scrub_seconds = started.elapsed().as_secs_f64();
    assert_eq!(counted.ballot_count as usize, count);
    println!(
        "{label}: {count} sealed ballots cast in {cast_seconds:.1} s; at the count: opening them onto the board {:.2} s, rewriting who voted {:.2} s, the tally itself {:.2} s; then scrubbing the files {scrub_seconds:.2} s",
        seconds[0], seconds[1], seconds[2]
    );
}

fn main() {
    let count = support::env_usize("BALLOTS", 20_000);
    support::on_each_backend(|label, url| run(label, url, count));
}
