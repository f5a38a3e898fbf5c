//! Races between requests: thousands of duplicate ballots over two app instances on one
//! database, a round counted while ballots are still in flight, and voting codes looked up
//! together with other residents' codes.

use budgetbox::domain::RoundId;
use std::collections::HashMap;
use std::sync::Arc;

use reqwest::Method;
use serde_json::{json, Value};

use crate::ballots::stored;
use crate::ballots::{at, fixture};
use crate::helpers::TestApp;

const PASSWORD: &str = "violet tram umbrella";

fn codes(app: &TestApp, round: i64, count: usize) -> Vec<String> {
    district_codes(app, round, count, None)
}

fn district_codes(app: &TestApp, round: i64, count: usize, district: Option<&str>) -> Vec<String> {
    let mut conn = app.conn();
    budgetbox::domain::voting_codes::generate_codes(
        &mut conn,
        None,
        RoundId(round),
        count,
        district,
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
        assert_eq!(budgetbox::db::models::ballot::participation_count(&mut conn, f.round).unwrap() as usize, board.len(), "a refused ballot left no participation");
        assert!(accepted > 0 && refused > 0, "the count really raced the load: {accepted} in, {refused} refused");
    }

    async fn codes_looked_up_together_each_get_their_own_answer(app) {
        // Ballots arriving at the same moment have their codes looked up in one statement:
        // each must still get its own code's district, its own refusal, its own single vote.
        let f = fixture(&app, "approval", json!({"voting_channels": "codes", "residence": "none"})).await;
        let council = app.api_login("council@example.org", PASSWORD).await;
        let other: Value = app.send_bearer(Method::POST, "/api/v1/rounds", &council, &json!({
            "title": "Another round", "total_budget": "5000", "ballot_type": "approval", "min_choices": "1",
            "max_choices": "2", "rule": "greedy", "proposals_open_at": "2026-04-01T09:00", "review_at": "2026-05-01T09:00",
            "voting_open_at": "2026-06-01T09:00", "voting_close_at": "2026-06-15T18:00", "residence": "none",
            "voting_channels": "codes"
        })).await.json().await.unwrap();
        let other_round = other["id"].as_i64().unwrap();
        let north = district_codes(&app, f.round, 30, Some("north"));
        let south = district_codes(&app, f.round, 30, Some("south"));
        let unbound = codes(&app, f.round, 20);
        let elsewhere = codes(&app, other_round, 10);
        let (n1, s1) = (f.north_projects[0], f.south_project);
        // (label, body, the one status it must get)
        let mut requests: Vec<(String, Value, u16)> = Vec::new();
        for (i, code) in north.iter().enumerate() {
            if i < 20 {
                requests.push((format!("north {i}"), json!({"projects": [n1], "voting_code": code}), 201));
            } else {
                // A north code on the south's paper: refused, and not spent.
                requests.push((format!("north {i} on south"), json!({"projects": [s1], "voting_code": code}), 422));
            }
        }
        for (i, code) in south.iter().enumerate() {
            if i < 20 {
                requests.push((format!("south {i}"), json!({"projects": [s1], "voting_code": code}), 201));
            } else {
                requests.push((format!("south {i} claims north"), json!({"district": f.north, "projects": [n1], "voting_code": code}), 403));
            }
        }
        for (i, code) in unbound.iter().enumerate() {
            let (district, project) = if i % 2 == 0 { (f.north, n1) } else { (f.south, s1) };
            requests.push((format!("unbound {i}"), json!({"district": district, "projects": [project], "voting_code": code}), 201));
        }
        for (i, code) in elsewhere.iter().enumerate() {
            requests.push((format!("other round's {i}"), json!({"projects": [n1], "voting_code": code}), 403));
        }
        for i in 0..10 {
            requests.push((format!("made up {i}"), json!({"projects": [n1], "voting_code": format!("2345-6789-ABCD-EF{i:02}")}), 403));
        }
        let path = format!("/api/v1/rounds/{}/ballots", f.round);
        let urls = [app.url(&path), app.url(&path)];
        let expected: HashMap<String, u16> = requests.iter().map(|(label, _, status)| (label.clone(), *status)).collect();
        let mut sent: Vec<(String, usize, Value)> = requests.into_iter().map(|(label, body, _)| (label, 0, body)).collect();
        // The same code twice at once, spelt two ways: one ballot.
        for (i, code) in north.iter().take(10).enumerate() {
            let respelt = code.to_lowercase().replace('-', "");
            sent.push((format!("north {i} again"), 0, json!({"projects": [n1], "voting_code": respelt})));
        }
        let by_label = cast_all(&urls, sent, 64).await;
        for (label, want) in &expected {
            let got = &by_label[label];
            if label.starts_with("north ") && !label.contains("on south") && label[6..].parse::<usize>().is_ok_and(|i| i < 10) {
                let again = &by_label[&format!("{label} again")];
                let mut statuses = [got[0].0, again[0].0];
                statuses.sort();
                assert_eq!(statuses, [201, 409], "{label}: {got:?} {again:?}");
            } else {
                assert_eq!(got[0].0, *want, "{label}: {got:?}");
            }
        }
        let (board, participations) = stored(&app, f.round);
        assert_eq!((board, participations), (60, 60), "one ballot for each good code, none for the rest");
        assert_eq!(stored(&app, other_round), (0, 0));
        // The refused codes were not spent: each votes once now, on its own paper.
        let client = app.new_browser();
        for code in north[20..].iter().chain(&south[20..]) {
            let project = if north.contains(code) { n1 } else { s1 };
            let res = client.post(app.url(&path)).json(&json!({"projects": [project], "voting_code": code})).send().await.unwrap();
            assert_eq!(res.status(), 201);
        }
        assert_eq!(stored(&app, f.round), (80, 80));
    }
}
