//! Races between requests: thousands of duplicate ballots over two app instances on one
//! database, and a round counted while ballots are still in flight.

use budgetbox::domain::RoundId;
use std::collections::HashMap;
use std::sync::Arc;

use reqwest::Method;
use serde_json::{json, Value};

use crate::ballots::{at, fixture};
use crate::helpers::TestApp;

const PASSWORD: &str = "violet tram umbrella";

fn codes(app: &TestApp, round: i64, count: usize) -> Vec<String> {
    let mut conn = app.conn();
    budgetbox::domain::voting_codes::generate_codes(
        &mut conn,
        None,
        RoundId(round),
        count,
        None,
        app.clock.now(),
    )
    .unwrap()
}

/// Sends every (code, instance) request at once, at most `in_flight` at a time; returns the
/// status and body of each, by code.
async fn cast_all(
    urls: &[String; 2],
    requests: Vec<(String, usize, Value)>,
    in_flight: usize,
) -> HashMap<String, Vec<(u16, Value)>> {
    // Idle connections are dropped well before the server's keep-alive closes them, so a
    // request is never sent on a connection the server is closing at that moment.
    let client = reqwest::Client::builder()
        .pool_idle_timeout(std::time::Duration::from_secs(1))
        .build()
        .unwrap();
    let gate = Arc::new(tokio::sync::Semaphore::new(in_flight));
    let mut tasks = tokio::task::JoinSet::new();
    for (code, instance, body) in requests {
        let (client, gate, url) = (client.clone(), gate.clone(), urls[instance].clone());
        tasks.spawn(async move {
            let _permit = gate.acquire_owned().await.unwrap();
            let res = client.post(&url).json(&body).send().await.unwrap();
            let status = res.status().as_u16();
            (
                code,
                status,
                res.json::<Value>().await.unwrap_or(Value::Null),
            )
        });
    }
    let mut by_code: HashMap<String, Vec<(u16, Value)>> = HashMap::new();
    for (code, status, body) in tasks.join_all().await {
        by_code.entry(code).or_default().push((status, body));
    }
    by_code
}

both_backends_with_clock! {
    async fn ten_thousand_duplicate_ballots_over_two_instances_store_one_per_voter(app) {
        let f = fixture(&app, "approval", json!({"voting_channels": "codes", "residence": "none"})).await;
        let codes = codes(&app, f.round, 500);
        let second = crate::helpers::spawn_second_instance(&app);
        let path = format!("/api/v1/rounds/{}/ballots", f.round);
        let urls = [app.url(&path), format!("{second}{path}")];
        // 20 attempts per code, alternating instances: 10,000 requests.
        let (north, projects) = (f.north, &f.north_projects);
        let requests = (0..20)
            .flat_map(|attempt| {
                codes.iter().enumerate().map(move |(i, code)| {
                    let body = json!({"district": north, "projects": [projects[(i + attempt) % 3]], "voting_code": code});
                    (code.clone(), (i + attempt) % 2, body)
                })
            })
            .collect::<Vec<_>>();
        assert_eq!(requests.len(), 10_000);
        let by_code = cast_all(&urls, requests, 64).await;
        for (code, answers) in &by_code {
            let accepted = answers.iter().filter(|(s, _)| *s == 201).count();
            assert_eq!(accepted, 1, "{code}: {answers:?}");
            assert!(answers.iter().all(|(s, _)| *s == 201 || *s == 409), "{code}: {answers:?}");
        }
        let mut conn = app.conn();
        let board = budgetbox::db::models::ballot::of_round(&mut conn, f.round).unwrap();
        assert_eq!(board.len(), 500, "exactly one ballot per voter");
        budgetbox::domain::bulletin::verify_chain(f.round, &board).unwrap();
        let (_, spent) = budgetbox::db::models::eligibility::code_counts(&mut conn, f.round).unwrap();
        assert_eq!(spent, 500);
    }

    async fn counting_while_ballots_are_in_flight_keeps_the_tally_consistent(app) {
        let f = fixture(&app, "approval", json!({"voting_channels": "codes", "residence": "none"})).await;
        let codes = codes(&app, f.round, 1500);
        let council = app.api_login("council@example.org", PASSWORD).await;
        let path = format!("/api/v1/rounds/{}/ballots", f.round);
        let urls = [app.url(&path), app.url(&path)];
        let requests = codes
            .iter()
            .enumerate()
            .map(|(i, code)| (code.clone(), 0, json!({"district": f.north, "projects": [f.north_projects[i % 3]], "voting_code": code})))
            .collect::<Vec<_>>();
        let load = tokio::spawn(async move { cast_all(&urls, requests, 32).await });
        // Voting closes and the council counts while the load is running: once some ballots
        // are in, long before all 1,500 are.
        while budgetbox::db::models::ballot::of_round(&mut app.conn(), f.round).unwrap().len() < 50 {
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
        app.clock.set(at("2026-06-15T18:00"));
        let res = app.send_bearer(Method::POST, &format!("/api/v1/rounds/{}/count", f.round), &council, &json!({})).await;
        assert_eq!(res.status(), 201);
        let by_code = load.await.unwrap();

        let mut conn = app.conn();
        let board = budgetbox::db::models::ballot::of_round(&mut conn, f.round).unwrap();
        let result = budgetbox::db::models::round_result::find(&mut conn, f.round).unwrap().unwrap();
        assert_eq!(result.ballot_count as usize, board.len(), "no ballot was appended after the count");
        assert_eq!(budgetbox::domain::bulletin::verify_chain(f.round, &board).unwrap(), result.chain_head);
        let on_board: std::collections::HashSet<String> = board.iter().map(|b| b.tracking_hash.clone()).collect();
        let (mut accepted, mut refused) = (0, 0);
        for answers in by_code.values() {
            let (status, body) = &answers[0];
            match status {
                201 => {
                    accepted += 1;
                    let hash = budgetbox::domain::bulletin::tracking_hash(body["tracking_code"].as_str().unwrap());
                    assert!(on_board.contains(&hash), "an acknowledged ballot is in the count");
                }
                403 => {
                    refused += 1;
                    assert!(body["error"].as_str().unwrap().contains("Voting has closed"), "{body}");
                }
                other => panic!("unexpected {other}: {body}"),
            }
        }
        assert_eq!(accepted, board.len(), "every ballot in the count was acknowledged");
        assert!(accepted > 0 && refused > 0, "the count really raced the load: {accepted} in, {refused} refused");
    }
}
