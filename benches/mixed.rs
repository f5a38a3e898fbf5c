//! The load a city meets while a vote is open: 200 clients, most of them reading pages — the
//! home page, the voting round's page, the list of its 10,000 proposals, a past round's
//! results — and a few voting. Targets (issue 22): every page p99 < 100 ms, ballots p99 < 50 ms,
//! no errors.
//!
//! scripts/bench-load.sh mixed                # installs wrk when missing, then this
//! cargo bench --bench mixed                  # SQLite; PostgreSQL too with BUDGETBOX_TEST_POSTGRES_URL
//! CLIENTS=200 VOTERS=10 SECONDS=20 PROPOSALS=10000 THINK_MS=1000 cargo bench --bench mixed
//!
//! Each kind of request has a wrk of its own (one thread), all running at once against one
//! server: VOTERS connections cast ballots (each with a voting code never used before) and the
//! others are shared equally among the four pages. Each connection is a person: after each
//! answer they pause THINK_MS on average (half to one and a half times it) before the next
//! request; THINK_MS=0 asks back to back, the server at saturation. The share of ballots is
//! printed with the figures (10 of 200 connections give about 5 %). The same load runs WARM_UP
//! seconds (3) first, not measured.

#[path = "support/mod.rs"]
mod support;

use budgetbox::config::DatabaseUrl;
use support::env_usize;
use support::load::{
    ballot_script, check_board, load_average, page_script, start_server, start_wrk, think_time,
    wrk_result,
};

fn run(label: &str, url: DatabaseUrl) {
    let clients = env_usize("CLIENTS", 200);
    let voters = env_usize("VOTERS", 10);
    let seconds = env_usize("SECONDS", 20) as u64;
    let think_ms = env_usize("THINK_MS", 1000) as u64;
    let settings = support::settings(url, env_usize("POOL", 10) as u32);
    let pool = support::pool(&settings);
    let now = chrono::Utc::now().naive_utc();
    let results_round = {
        let mut conn = budgetbox::db::connection::get(&pool).expect("connection");
        budgetbox::demo::load(&mut conn, settings.secret_key.expose(), now).expect("demo city");
        budgetbox::db::models::round::all(&mut conn)
            .expect("rounds")
            .into_iter()
            .find(|r| r.results_published_at.is_some())
            .expect("the demo's past round")
            .id
    };
    let (round, projects, codes) = support::voting_round(&pool, env_usize("CODES", 100_000));
    // Proposals that did not make the ballot: the list shows them all, the ballot keeps ten.
    support::fill_proposals(
        &pool,
        round,
        env_usize("PROPOSALS", 10_000),
        &["infeasible", "submitted", "withdrawn"],
    );
    let dir = tempfile::tempdir().expect("temp dir");
    // The warm-up votes with codes of its own, so that the measured run never meets a used one.
    let (measured_codes, warm_up_codes) = codes.split_at(codes.len() / 2);
    let think = think_time(think_ms);
    let script = |name: &str, body: String| {
        let path = dir.path().join(name);
        std::fs::write(&path, body + &think).expect("script");
        path
    };
    let code_file = |name: &str, codes: &[String]| {
        let path = dir.path().join(name);
        std::fs::write(&path, codes.join("\n")).expect("codes file");
        path
    };
    let ballots = script(
        "ballots.lua",
        ballot_script(&code_file("codes", measured_codes), &projects),
    );
    let warm_up_ballots = script(
        "warm-up.lua",
        ballot_script(&code_file("warm-up-codes", warm_up_codes), &projects),
    );
    let page = script("page.lua", page_script());

    let port = start_server(settings, pool.clone());
    let base = format!("http://127.0.0.1:{port}");
    let pages = [
        ("home page", "/".to_string()),
        ("round page", format!("/rounds/{round}")),
        ("proposal list", format!("/rounds/{round}/proposals")),
        ("results", format!("/rounds/{results_round}")),
    ];
    let per_page = (clients - voters) / pages.len();
    // The same load for a few seconds first, not measured: caches filled, SQLite's log of the
    // set-up written back, connections open, as on a server that has been up for a while.
    let start_all = |ballots: &std::path::Path, seconds: u64| {
        let voting = start_wrk(
            &format!("{base}/api/v1/rounds/{round}/ballots"),
            ballots,
            1,
            voters,
            seconds,
        );
        let reading: Vec<_> = pages
            .iter()
            .map(|(_, path)| start_wrk(&format!("{base}{path}"), &page, 1, per_page, seconds))
            .collect();
        (voting, reading)
    };
    let (voting, reading) = start_all(&warm_up_ballots, env_usize("WARM_UP", 3) as u64);
    let warmed = wrk_result(voting).acknowledged() as usize;
    for wrk in reading {
        wrk_result(wrk);
    }
    let load_before = load_average();
    let (voting, reading) = start_all(&ballots, seconds);
    let cast = wrk_result(voting);
    let read: Vec<_> = reading.into_iter().map(wrk_result).collect();
    let load_after = load_average();

    let stored = check_board(
        &pool,
        round,
        warmed + cast.acknowledged() as usize,
        2 * voters,
    );
    let all: u64 = cast.requests + read.iter().map(|l| l.requests).sum::<u64>();
    println!(
        "{label}: {clients} clients for {seconds} s ({voters} voting, {per_page} on each page), pausing {think_ms} ms on average between requests, load average {load_before} before, {load_after} after"
    );
    let row = |kind: &str, l: &support::load::Load| {
        println!(
            "  {kind}: {} requests ({:.1} % of all), {:.0}/s, p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, max {:.1} ms, {} errors",
            l.requests,
            100.0 * l.requests as f64 / all as f64,
            l.requests as f64 / l.seconds,
            l.p50,
            l.p95,
            l.p99,
            l.max,
            l.errors()
        )
    };
    for ((kind, _), l) in pages.iter().zip(&read) {
        row(kind, l);
    }
    row("ballots", &cast);
    println!("  {stored} ballots on the board, every acknowledged one among them, chain intact");
}

fn main() {
    support::on_each_backend(run);
}
