//! Casting ballots: validation with exact messages, exactly once under concurrency, secrecy
//! of the stored rows, receipts and the bulletin board, and a script-free browser vote.

use budgetbox::domain::board_writes;
use budgetbox::domain::RoundId;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::TestApp;

pub(crate) const PASSWORD: &str = "violet tram umbrella";

pub(crate) struct Fixture {
    pub round: i64,
    pub north: i64,
    pub south: i64,
    /// Feasible north projects costing 300.00, 400.00 and 300.00; a city-wide one costing 100.00.
    pub north_projects: Vec<i64>,
    pub south_project: i64,
    pub infeasible: i64,
    pub citizen: String,
}

pub(crate) fn at(s: &str) -> chrono::NaiveDateTime {
    chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

/// A round in its voting phase (clock 2026-06-05) with districts north and south.
pub(crate) async fn fixture(app: &TestApp, ballot_type: &str, extra: Value) -> Fixture {
    app.create_user("council@example.org", PASSWORD, "council");
    let council = app.api_login("council@example.org", PASSWORD).await;
    let mut config = json!({
        "title": "Ballot test", "total_budget": "5000", "districts": "north=1000\nsouth=1000",
        "ballot_type": ballot_type, "min_choices": "1", "max_choices": "2", "rule": "greedy",
        "proposals_open_at": "2026-04-01T09:00", "review_at": "2026-05-01T09:00",
        "voting_open_at": "2026-06-01T09:00", "voting_close_at": "2026-06-15T18:00", "residence": "self-declared"
    });
    for (k, v) in extra.as_object().unwrap() {
        config[k] = v.clone();
    }
    let res = app
        .send_bearer(Method::POST, "/api/v1/rounds", &council, &config)
        .await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    let round = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    use budgetbox::db::models::{district, proposal, user};
    let mut conn = app.conn();
    let ids: Vec<i64> = district::of_round(&mut conn, round)
        .unwrap()
        .iter()
        .map(|d| d.district_id)
        .collect();
    let (north, south) = (ids[0], ids[1]);
    let now = chrono::Utc::now().naive_utc();
    let mut add = |title: &str, district: Option<i64>, cost: i64, status: &str| {
        proposal::insert(
            &mut conn,
            &proposal::NewProposal {
                round_id: round,
                district_id: district,
                author_id: None,
                title,
                description: "d",
                category: None,
                location: None,
                estimated_cost: cost,
                validated_cost: (status == "feasible").then_some(cost),
                status,
                created_at: now,
                updated_at: now,
            },
        )
        .unwrap()
    };
    let north_projects = vec![
        add("N1", Some(north), 30_000, "feasible"),
        add("N2", Some(north), 40_000, "feasible"),
        add("N3", Some(north), 30_000, "feasible"),
    ];
    let south_project = add("S1", Some(south), 10_000, "feasible");
    let infeasible = add("NX", Some(north), 10_000, "infeasible");
    user::insert(
        &mut conn,
        &user::NewUser {
            email: "voter@example.org",
            display_name: "Voter",
            password_hash: &budgetbox::auth::password::hash(PASSWORD),
            role: "citizen",
            gender: None,
            birth_year: Some(1980),
            district_id: Some(north),
            created_at: now,
        },
    )
    .unwrap();
    drop(conn);
    app.clock.set(at("2026-06-05T12:00"));
    let citizen = app.api_login("voter@example.org", PASSWORD).await;
    Fixture {
        round,
        north,
        south,
        north_projects,
        south_project,
        infeasible,
        citizen,
    }
}

pub(crate) async fn cast(app: &TestApp, f: &Fixture, body: Value) -> (StatusCode, Value) {
    let res = app
        .send_bearer(
            Method::POST,
            &format!("/api/v1/rounds/{}/ballots", f.round),
            &f.citizen,
            &body,
        )
        .await;
    let status = res.status();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn refused(app: &TestApp, f: &Fixture, body: Value, status: u16, message: &str) {
    let (got, json) = cast(app, f, body.clone()).await;
    assert_eq!(got.as_u16(), status, "{body}: {json}");
    let error = json["error"].as_str().unwrap_or_default();
    assert!(
        error.contains(message),
        "{body}: expected `{message}` in `{error}`"
    );
}

/// Closes voting and counts the round, as the council would.
pub(crate) async fn count_now(app: &TestApp, f: &Fixture) {
    app.clock.set(at("2026-06-15T18:00"));
    let council = app.api_login("council@example.org", PASSWORD).await;
    let res = app
        .send_bearer(
            Method::POST,
            &format!("/api/v1/rounds/{}/count", f.round),
            &council,
            &json!({}),
        )
        .await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
}

pub(crate) fn stored(app: &TestApp, round: i64) -> (usize, i64) {
    let mut conn = app.conn();
    (
        budgetbox::db::models::ballot::of_round(&mut conn, round)
            .unwrap()
            .len(),
        budgetbox::db::models::ballot::participation_count(&mut conn, round).unwrap(),
    )
}

both_backends_with_clock! {
    async fn approval_rules_are_enforced_with_exact_messages(app) {
        let f = fixture(&app, "approval", json!({})).await;
        let [a, b, c] = [f.north_projects[0], f.north_projects[1], f.north_projects[2]];
        refused(&app, &f, json!({"projects": [a, b, c]}), 422, "Choose at most 2 projects; this ballot has 3.").await;
        refused(&app, &f, json!({"projects": []}), 422, "Choose at least 1 project; this ballot has 0.").await;
        refused(&app, &f, json!({"projects": [a, a]}), 422, &format!("Project {a} appears more than once")).await;
        refused(&app, &f, json!({"projects": [f.infeasible]}), 422, &format!("Project {} is not on this ballot", f.infeasible)).await;
        refused(&app, &f, json!({"projects": [f.south_project]}), 422, "is not on this ballot").await;
        refused(&app, &f, json!({"projects": [999_999]}), 422, "Project 999999 is not on this ballot").await;
        refused(&app, &f, json!({"projects": [-1]}), 422, "Project -1 is not on this ballot").await;
        refused(&app, &f, json!({"projects": [1.5]}), 422, "the request does not fit the API").await;
        let huge = app.new_browser().post(app.url(&format!("/api/v1/rounds/{}/ballots", f.round))).bearer_auth(&f.citizen).header("content-type", "application/json").body(r#"{"projects": [99999999999999999999]}"#).send().await.unwrap();
        assert_eq!(huge.status(), 422, "an id beyond 64 bits");
        refused(&app, &f, json!({"ranking": [a]}), 422, "This round uses approval").await;
        refused(&app, &f, json!({"projects": [a], "ranking": [a]}), 422, "exactly one of").await;
        refused(&app, &f, json!({"projects": [a], "district": f.south}), 403, "only vote in your own district").await;
        assert_eq!(stored(&app, f.round), (0, 0), "nothing stored by refused ballots");

        let (status, body) = cast(&app, &f, json!({"projects": [b, a], "district": f.north})).await;
        assert_eq!(status, 201, "{body}");
        let code = body["tracking_code"].as_str().unwrap().to_string();
        assert_eq!(code.len(), 16);
        refused(&app, &f, json!({"projects": [a]}), 409, "already voted").await;
        assert_eq!(stored(&app, f.round), (1, 1));

        let proof: Value = app.get(&format!("/api/v1/receipts/{code}")).await.json().await.unwrap();
        assert_eq!(proof["chain_valid"], true);
        assert_eq!(proof["entry"]["content"], Value::Null, "sealed until the count");
        assert_eq!(proof["entry"]["district_id"], f.north);
        assert_eq!(app.get("/api/v1/receipts/AAAABBBBCCCCDDDD").await.status(), 404);
        // Counted: the receipt shows what the ballot says, and its commitment checks out.
        count_now(&app, &f).await;
        let proof: Value = app.get(&format!("/api/v1/receipts/{code}")).await.json().await.unwrap();
        let content = json!({"projects": [a.min(b), a.max(b)]}).to_string();
        assert_eq!(proof["entry"]["content"], content);
        let salt = proof["entry"]["salt"].as_str().unwrap();
        assert_eq!(proof["entry"]["commitment"], budgetbox::domain::sealing::commit(salt, &content));
    }

    async fn voting_only_while_the_phase_is_open(app) {
        let f = fixture(&app, "approval", json!({})).await;
        let a = f.north_projects[0];
        app.clock.set(at("2026-06-01T08:59"));
        refused(&app, &f, json!({"projects": [a]}), 403, "Voting has not opened yet").await;
        app.clock.set(at("2026-06-15T18:00"));
        refused(&app, &f, json!({"projects": [a]}), 403, "Voting has closed").await;
        app.clock.set(at("2026-06-15T17:59"));
        assert_eq!(cast(&app, &f, json!({"projects": [a]})).await.0, 201);
    }

    async fn ineligible_voters_are_refused(app) {
        let f = fixture(&app, "approval", json!({"min_age": "50"})).await;
        refused(&app, &f, json!({"projects": [f.north_projects[0]]}), 403, "you cannot vote in this round: Voters must be at least 50").await;
        let anonymous = app.client.post(app.url(&format!("/api/v1/rounds/{}/ballots", f.round))).json(&json!({"projects": [f.north_projects[0]]})).send().await.unwrap();
        assert_eq!(anonymous.status(), 401);
        assert_eq!(stored(&app, f.round), (0, 0));
    }

    async fn knapsack_at_the_budget_passes_and_one_cent_over_fails(app) {
        let f = fixture(&app, "knapsack", json!({"districts": "north=700\nsouth=1000"})).await;
        let [a, b, c] = [f.north_projects[0], f.north_projects[1], f.north_projects[2]];
        // A project a cent dearer than b, on the ballot from the start (a round's ballot is
        // frozen once voting opens).
        let dearer = {
            use budgetbox::db::models::proposal;
            let now = chrono::Utc::now().naive_utc();
            proposal::insert(&mut app.conn(), &proposal::NewProposal {
                round_id: f.round, district_id: Some(f.north), author_id: None, title: "N4",
                description: "d", category: None, location: None, estimated_cost: 40_001,
                validated_cost: Some(40_001), status: "feasible", created_at: now, updated_at: now,
            }).unwrap()
        };
        refused(&app, &f, json!({"projects": [a, b, c]}), 422, "cost 1,000\u{a0}EUR in total, more than the budget of 700\u{a0}EUR").await;
        refused(&app, &f, json!({"projects": [a, dearer]}), 422, "cost 700.01\u{a0}EUR in total, more than the budget of 700\u{a0}EUR").await;
        assert_eq!(cast(&app, &f, json!({"projects": [a, b]})).await.0, 201, "exactly at the budget");
    }

    // Ballots are checked against the round as kept in memory while it votes; a closing date
    // moved later is the one change a voting round allows, and it counts at once.
    async fn a_closing_date_moved_later_lets_ballots_in_at_once(app) {
        let f = fixture(&app, "approval", json!({})).await;
        let [a, b, c] = [f.north_projects[0], f.north_projects[1], f.north_projects[2]];
        refused(&app, &f, json!({"projects": [a, b, c]}), 422, "at most 2").await;
        let council = app.api_login("council@example.org", PASSWORD).await;
        let round: Value = app.get(&format!("/api/v1/rounds/{}", f.round)).await.json().await.unwrap();
        let res = app.send_bearer(Method::PUT, &format!("/api/v1/rounds/{}", f.round), &council, &json!({
            "title": round["title"], "total_budget": "5000", "districts": "north=1000\nsouth=1000",
            "ballot_type": "approval", "min_choices": "1", "max_choices": "2", "rule": "greedy", "residence": "self-declared",
            "proposals_open_at": "2026-04-01T09:00", "review_at": "2026-05-01T09:00",
            "voting_open_at": "2026-06-01T09:00", "voting_close_at": "2026-06-20T18:00",
            "reason": "More time for paper ballots."
        })).await;
        assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
        app.clock.set(at("2026-06-17T12:00"));
        assert_eq!(cast(&app, &f, json!({"projects": [a, b]})).await.0, 201, "after the old closing time, before the new one");
        app.clock.set(at("2026-06-21T12:00"));
        let (status, _) = cast(&app, &f, json!({"projects": [a]})).await;
        assert_eq!(status.as_u16(), 403, "after the new closing time");
    }

    async fn ranked_and_cumulative_ballots(app) {
        let f = fixture(&app, "ranked", json!({"max_choices": "2"})).await;
        let [a, b, c] = [f.north_projects[0], f.north_projects[1], f.north_projects[2]];
        refused(&app, &f, json!({"ranking": [a, b, c]}), 422, "Rank at most 2 projects; this ballot ranks 3.").await;
        refused(&app, &f, json!({"ranking": [a, a]}), 422, "appears more than once").await;
        assert_eq!(cast(&app, &f, json!({"ranking": [b, a]})).await.0, 201);
        count_now(&app, &f).await;
        let board: Value = app.get(&format!("/api/v1/rounds/{}/bulletin", f.round)).await.json().await.unwrap();
        assert_eq!(board["entries"][0]["content"], json!({"ranking": [b, a]}).to_string(), "order kept");
    }

    async fn cumulative_points_must_add_up(app) {
        let f = fixture(&app, "cumulative", json!({"points_total": "10", "points_per_project": "6"})).await;
        let [a, b, _] = [f.north_projects[0], f.north_projects[1], f.north_projects[2]];
        refused(&app, &f, json!({"points": {a.to_string(): 6, b.to_string(): 5}}), 422, "You gave 11 points; you have 10 to give.").await;
        refused(&app, &f, json!({"points": {a.to_string(): 7}}), 422, "at most 6 points on one project").await;
        refused(&app, &f, json!({"points": {a.to_string(): -1}}), 422, "points cannot be negative").await;
        refused(&app, &f, json!({"points": {a.to_string(): 2.5}}), 422, "the request does not fit the API").await;
        let duplicate = format!(r#"{{"points": {{"{a}": 1, "{a}": 5}}}}"#);
        let res = app.new_browser().post(app.url(&format!("/api/v1/rounds/{}/ballots", f.round))).bearer_auth(&f.citizen).header("content-type", "application/json").body(duplicate).send().await.unwrap();
        assert_eq!(res.status(), 422);
        assert!(res.json::<Value>().await.unwrap()["error"].as_str().unwrap().contains("appears more than once"));
        assert_eq!(cast(&app, &f, json!({"points": {a.to_string(): 6, b.to_string(): 4}})).await.0, 201);
    }

    async fn two_hundred_concurrent_ballots_of_one_voter_store_one(app) {
        let f = fixture(&app, "approval", json!({})).await;
        let body = json!({"projects": [f.north_projects[0]]});
        // Half the requests go to a second app instance on the same database.
        let second = crate::helpers::spawn_second_instance(&app);
        let path = format!("/api/v1/rounds/{}/ballots", f.round);
        let urls = [app.url(&path), format!("{second}{path}")];
        let client = app.new_browser();
        let mut tasks = tokio::task::JoinSet::new();
        for i in 0..200 {
            let request = client.post(&urls[i % 2]).bearer_auth(&f.citizen).json(&body).send();
            tasks.spawn(request);
        }
        let statuses: Vec<u16> = tasks.join_all().await.into_iter().map(|r| r.unwrap().status().as_u16()).collect();
        assert_eq!(statuses.iter().filter(|s| **s == 201).count(), 1, "{statuses:?}");
        assert!(statuses.iter().all(|s| *s == 201 || *s == 409), "{statuses:?}");
        assert_eq!(stored(&app, f.round), (1, 1));
    }

    async fn voting_codes_vote_once_without_an_account(app) {
        let f = fixture(&app, "approval", json!({"voting_channels": "codes", "residence": "none"})).await;
        let council = app.api_login("council@example.org", PASSWORD).await;
        let codes: Value = app.send_bearer(Method::POST, &format!("/api/v1/rounds/{}/voting-codes", f.round), &council, &json!({"count": 2, "district": "south"})).await.json().await.unwrap();
        let code = codes["codes"][0].as_str().unwrap();
        let url = app.url(&format!("/api/v1/rounds/{}/ballots", f.round));
        let anon = app.new_browser();
        let res = anon.post(&url).json(&json!({"projects": [f.north_projects[0]], "voting_code": code})).send().await.unwrap();
        assert_eq!(res.status(), 422, "a south code gets the south ballot");
        let res = anon.post(&url).json(&json!({"projects": [f.south_project], "voting_code": code})).send().await.unwrap();
        assert_eq!(res.status(), 201, "the refused attempt did not spend the code");
        let res = anon.post(&url).json(&json!({"projects": [f.south_project], "voting_code": code})).send().await.unwrap();
        assert_eq!(res.status(), 409);
        let res = anon.post(&url).json(&json!({"projects": [f.south_project], "voting_code": "AAAA-BBBB-CCCC-DDDD"})).send().await.unwrap();
        assert_eq!(res.status(), 403);
        assert_eq!(stored(&app, f.round).0, 1);
    }

    async fn a_stored_ballot_names_nothing_of_its_voter_and_tampering_breaks_the_chain(app) {
        use budgetbox::db::schema::{ballots, participations};
        use diesel::prelude::*;
        let f = fixture(&app, "approval", json!({})).await;
        assert_eq!(cast(&app, &f, json!({"projects": [f.north_projects[0]]})).await.0, 201);
        let mut conn = app.conn();
        // Exactly these columns: a new one (an account, a time, an address) must come with a
        // reason here and an attacker test in `linkage`.
        let columns: Vec<String> = crate::schema::introspect(&mut conn)
            .into_keys()
            .filter(|(table, _)| table == "ballots")
            .map(|(_, column)| column)
            .collect();
        let mut expected = vec!["cast_day", "commitment", "content", "district_id", "entry_hash", "id", "prev_hash", "round_id", "salt", "sealed", "seq", "supersedes", "tracking_hash", "voter_tag"];
        expected.sort_unstable();
        assert_eq!(columns, expected);
        let rows = budgetbox::db::models::ballot::of_round(&mut conn, f.round).unwrap();
        assert_eq!(rows[0].cast_day, "2026-06-05", "the day only, no time");
        assert_eq!(rows[0].voter_tag, None, "no tag where a ballot is final");
        // Nothing that names the voter, in any column: the account's id, address and name, and
        // the token their participation spent.
        let voter = budgetbox::db::models::user::find_by_email(&mut conn, "voter@example.org").unwrap().unwrap();
        let tokens: Vec<String> = participations::table
            .filter(participations::round_id.eq(f.round))
            .filter(participations::user_id.eq(voter.id))
            .select(participations::token)
            .load(&mut conn)
            .unwrap();
        assert_eq!(tokens.len(), 1);
        let stored = format!("{:?}", rows[0]);
        for needle in [voter.id.to_string(), voter.email.clone(), voter.display_name.clone(), tokens[0].clone()] {
            assert!(!stored.contains(&needle), "the ballot holds {needle}: {stored}");
        }
        assert!(budgetbox::domain::bulletin::verify_chain(f.round, &rows).is_ok());
        let other = budgetbox::domain::sealing::commit("00", &json!({"projects": [f.north_projects[1]]}).to_string());
        diesel::update(ballots::table.filter(ballots::round_id.eq(f.round))).set(ballots::commitment.eq(&other)).execute(&mut conn).unwrap();
        let altered = budgetbox::db::models::ballot::of_round(&mut conn, f.round).unwrap();
        assert_eq!(budgetbox::domain::bulletin::verify_chain(f.round, &altered), Err(budgetbox::domain::bulletin::ChainError::Altered { seq: 1 }));
    }

    async fn a_browser_without_javascript_can_vote(app) {
        let f = fixture(&app, "approval", json!({})).await;
        app.submit("/login", "/login", &[("email", "voter@example.org"), ("password", PASSWORD)]).await;
        let round_page = app.get_html(&format!("/rounds/{}", f.round)).await.text().await.unwrap();
        assert!(round_page.contains("Vote now"));
        let form_path = format!("/rounds/{}/vote", f.round);
        let form = app.get_html(&form_path).await.text().await.unwrap();
        assert!(form.contains("name=\"project\"") && form.contains("N1") && !form.contains("S1"));
        let (a, b, c) = (f.north_projects[0].to_string(), f.north_projects[1].to_string(), f.north_projects[2].to_string());
        let too_many = app.submit(&form_path, &format!("/rounds/{}/vote/review", f.round), &[("project", &a), ("project", &b), ("project", &c)]).await;
        assert_eq!(too_many.status(), 422);
        let page = too_many.text().await.unwrap();
        assert!(page.contains("Choose at most 2 projects"));
        assert!(page.contains(&format!("value=\"{a}\" checked")), "the selection is kept");
        let review = app.submit(&form_path, &format!("/rounds/{}/vote/review", f.round), &[("project", &a), ("project", &b)]).await;
        assert_eq!(review.status(), 200);
        let review = review.text().await.unwrap();
        assert!(review.contains("Check your ballot") && review.contains("Cast my ballot"));
        assert_eq!(stored(&app, f.round), (0, 0), "the review stores nothing");
        let receipt = app.submit(&form_path, &format!("/rounds/{}/vote/cast", f.round), &[("project", &a), ("project", &b), ("district", &f.north.to_string())]).await;
        assert_eq!(receipt.status(), 201);
        assert_eq!(receipt.headers()["cache-control"], "no-store");
        let receipt = receipt.text().await.unwrap();
        let marker = "<code>";
        let start = receipt.find(marker).unwrap() + marker.len();
        let code = &receipt[start..start + 16];
        let again = app.submit(&format!("/rounds/{}", f.round), &format!("/rounds/{}/vote/cast", f.round), &[("project", &a)]).await;
        assert_eq!(again.status(), 409);
        assert!(again.text().await.unwrap().contains("You have already voted"));
        let check = app.submit(&format!("/rounds/{}/bulletin", f.round), "/receipts/check", &[("code", code)]).await;
        assert_eq!(check.status(), 200);
        assert!(check.text().await.unwrap().contains("Your ballot is on the bulletin board"));
        let _ = f.south;
    }
}

both_backends_with_clock! {
    async fn paper_ballots_need_two_matching_entries(app) {
        let f = fixture(&app, "approval", json!({})).await;
        app.create_user("officer1@example.org", PASSWORD, "reviewer");
        app.create_user("officer2@example.org", PASSWORD, "reviewer");
        let one = app.api_login("officer1@example.org", PASSWORD).await;
        let two = app.api_login("officer2@example.org", PASSWORD).await;
        let path = format!("/api/v1/rounds/{}/paper-ballots", f.round);
        let [a, b] = [f.north_projects[0], f.north_projects[1]];
        let enter = |token: &str, projects: Vec<i64>| {
            let token = token.to_string();
            let path = path.clone();
            let app = &app;
            async move { app.send_bearer(Method::POST, &path, &token, &json!({"email": "voter@example.org", "projects": projects})).await }
        };
        assert_eq!(enter(&one, vec![a]).await.status(), 202);
        let again = enter(&one, vec![a]).await;
        assert_eq!(again.status(), 409, "the same officer cannot confirm");
        assert_eq!(stored(&app, f.round), (0, 0));
        let differ = enter(&two, vec![b]).await;
        assert_eq!(differ.status(), 409);
        assert!(differ.json::<Value>().await.unwrap()["error"].as_str().unwrap().contains("differ"));
        assert_eq!(stored(&app, f.round), (0, 0), "a disagreement casts nothing");
        assert_eq!(enter(&one, vec![a, b]).await.status(), 202);
        let agreed = enter(&two, vec![b, a]).await;
        assert_eq!(agreed.status(), 201);
        assert!(agreed.json::<Value>().await.unwrap()["tracking_code"].is_string());
        assert_eq!(stored(&app, f.round), (1, 1));
        assert_eq!(enter(&one, vec![a]).await.status(), 409, "already voted");
        refused(&app, &f, json!({"projects": [a]}), 409, "already voted").await;
        let citizen = app.send_bearer(Method::POST, &path, &f.citizen, &json!({"email": "voter@example.org", "projects": [a]})).await;
        assert_eq!(citizen.status(), 403);
    }

    async fn a_paper_ballot_and_an_online_one_of_the_same_person_at_once_never_deadlock(app) {
        // The second officer confirms a paper ballot while the same person's online ballot is
        // being written: its participation recorded, the round's board not locked yet. Both
        // take their locks in one order (the person's participation, then the board), so the
        // online write goes on and the paper ballot is refused as a second ballot — never
        // a deadlock that the database breaks by failing one of them.
        let f = fixture(&app, "approval", json!({})).await;
        if app.backend_name() == "sqlite" {
            // SQLite writes one transaction at a time: nothing to interleave.
            return;
        }
        app.create_user("officer1@example.org", PASSWORD, "reviewer");
        let second_officer = app.create_user("officer2@example.org", PASSWORD, "reviewer");
        let one = app.api_login("officer1@example.org", PASSWORD).await;
        let path = format!("/api/v1/rounds/{}/paper-ballots", f.round);
        let a = f.north_projects[0];
        let first = app.send_bearer(Method::POST, &path, &one, &json!({"email": "voter@example.org", "projects": [a]})).await;
        assert_eq!(first.status(), 202);
        let secret = app.secret.expose().to_vec();
        let mut conn = app.conn();
        let voter = budgetbox::domain::accounts::find_by_email(&mut conn, "voter@example.org").unwrap();
        let round = budgetbox::domain::rounds::find(&mut conn, RoundId(f.round)).unwrap();
        let token = budgetbox::domain::eligibility::account_token(&mut conn, &secret, &round, &voter).unwrap();
        let (now, round_id) = (app.clock.now(), f.round);
        let mut paper = None;
        let online = budgetbox::db::write_transaction(&mut conn, |conn| {
            use budgetbox::db::models::ballot::{record_participations, NewParticipation};
            let taken = NewParticipation { round_id, user_id: Some(voter.id), channel: "online", token: &token };
            assert_eq!(record_participations(conn, &[taken]).unwrap().len(), 1);
            let (mut officer_conn, voter, secret) = (app.conn(), voter.clone(), secret.clone());
            let confirming = std::thread::spawn(move || {
                let choice = budgetbox::domain::ballots::Choice::Projects(vec![a]);
                budgetbox::domain::paper_ballots::enter_paper(&mut officer_conn, &secret, second_officer, RoundId(round_id), &voter, &choice, now)
            });
            while !confirming.is_finished() && !crate::group_writes::waits_for_a_lock(&app) {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            paper = Some(confirming);
            // The online ballot's write goes on to lock the board.
            board_writes::open_board(conn, RoundId(round_id)).map(|_| ())
        });
        assert!(online.is_ok(), "the online ballot's write was not broken off: {:?}", online.err());
        match paper.unwrap().join().unwrap() {
            Err(budgetbox::error::AppError::Conflict(_)) => {}
            other => panic!("the paper ballot is refused as a second ballot, not {other:?}"),
        }
        assert_eq!(stored(&app, f.round), (0, 1), "the person took part once, and no paper ballot was cast");
    }
}

both_backends_with_clock! {
    async fn officers_enter_paper_ballots_through_the_pages(app) {
        let f = fixture(&app, "approval", json!({})).await;
        let a = f.north_projects[0].to_string();
        let start = format!("/review/rounds/{}/paper", f.round);
        let mut messages = Vec::new();
        for officer in ["o1@example.org", "o2@example.org"] {
            if officer == "o2@example.org" {
                let round_page = app.get_html(&format!("/rounds/{}", f.round)).await.text().await.unwrap();
                assert!(!round_page.contains("Enter paper ballots"), "not shown to citizens or visitors");
            }
            app.create_user(officer, PASSWORD, "reviewer");
            let browser = app.new_browser();
            app.submit_with(&browser, "/login", "/login", &[("email", officer), ("password", PASSWORD)]).await;
            let round_page = browser.get(app.url(&format!("/rounds/{}", f.round))).header("Accept", "text/html").send().await.unwrap().text().await.unwrap();
            assert!(round_page.contains(&format!("href=\"{start}\"")), "officers find the paper entry from the round page");
            let form = app.submit_with(&browser, &start, &format!("{start}/ballot"), &[("email", "voter@example.org")]).await;
            assert_eq!(form.status(), 200);
            let form = form.text().await.unwrap();
            assert!(form.contains("Enter this paper ballot") && form.contains("N1"));
            let done = app.submit_with(&browser, &start, &format!("{start}/enter"), &[("email", "voter@example.org"), ("project", &a)]).await;
            messages.push(done.text().await.unwrap());
        }
        assert!(messages[0].contains("First entry recorded"));
        assert!(messages[1].contains("Both entries agree: the ballot is cast"));
        assert_eq!(stored(&app, f.round), (1, 1));
        assert_eq!(app.get_html(&start).await.status(), 303, "officers only: anonymous visitors are sent to log in");
    }
}

both_backends_with_clock! {
    async fn when_the_last_ballot_counts_a_revote_supersedes_the_first(app) {
        let f = fixture(&app, "approval", json!({"revote_policy": "last-counts"})).await;
        let [a, b] = [f.north_projects[0], f.north_projects[1]];
        let (s1, first) = cast(&app, &f, json!({"projects": [a]})).await;
        let (s2, second) = cast(&app, &f, json!({"projects": [b]})).await;
        assert_eq!((s1.as_u16(), s2.as_u16()), (201, 201));
        assert_eq!(stored(&app, f.round), (2, 1), "both on the board, one participation");
        let board: Value = app.get(&format!("/api/v1/rounds/{}/bulletin", f.round)).await.json().await.unwrap();
        assert_eq!(board["entries"][1]["supersedes"], 1);
        assert!(board["entries"][0].get("voter_tag").is_none(), "the tag is never published");
        let old: Value = app.get(&format!("/api/v1/receipts/{}", first["tracking_code"].as_str().unwrap())).await.json().await.unwrap();
        assert_eq!(old["superseded_by"], 2);
        let new: Value = app.get(&format!("/api/v1/receipts/{}", second["tracking_code"].as_str().unwrap())).await.json().await.unwrap();
        assert_eq!(new["superseded_by"], Value::Null);

        // Concurrent revotes leave exactly one current ballot.
        let url = app.url(&format!("/api/v1/rounds/{}/ballots", f.round));
        let client = app.new_browser();
        let mut tasks = tokio::task::JoinSet::new();
        for i in 0..20 {
            let body = json!({"projects": [if i % 2 == 0 { a } else { b }]});
            tasks.spawn(client.post(&url).bearer_auth(&f.citizen).json(&body).send());
        }
        for r in tasks.join_all().await {
            assert_eq!(r.unwrap().status(), 201);
        }
        let mut conn = app.conn();
        let rows = budgetbox::db::models::ballot::of_round(&mut conn, f.round).unwrap();
        assert_eq!(rows.len(), 22);
        let superseded: std::collections::HashSet<i64> = rows.iter().filter_map(|r| r.supersedes).collect();
        assert_eq!(superseded.len(), 21, "every entry but the last is replaced exactly once");
        assert_eq!(rows.iter().filter(|r| !superseded.contains(&r.seq)).count(), 1);
        assert!(budgetbox::domain::bulletin::verify_chain(f.round, &rows).is_ok());

        // The count sees one ballot.
        app.clock.set(at("2026-06-15T18:00"));
        let counted = budgetbox::domain::closing::count_round(&mut conn, app.secret.expose(), RoundId(f.round), app.clock.now()).unwrap();
        assert_eq!(counted.ballot_count, 1);
    }
}

both_backends_with_clock! {
    async fn one_group_commit_applies_each_rule_within_the_group(app) {
        use budgetbox::domain::ballots::{self, Cast, Choice, Prepared, Voter};
        fn prepared(
            conn: &mut budgetbox::db::DbConnection,
            secret: &[u8],
            round_id: i64,
            voter: Voter<'_>,
            choice: &Choice,
            now: chrono::NaiveDateTime,
        ) -> Prepared {
            let cast = Cast { round_id, voter, requested_district: None, choice, channel: ballots::Channel::Online };
            ballots::prepare(conn, secret, cast, now).unwrap()
        }
        let f = fixture(&app, "approval", json!({"revote_policy": "last-counts", "voting_channels": "accounts-and-codes", "requires_census": "on", "residence": "verified"})).await;
        let mut conn = app.conn();
        let now = app.clock.now();
        let secret = app.secret.expose();
        // Two people on the census: the account's owner, and someone who gets a code.
        app.clock.set(at("2026-05-02T10:00"));
        budgetbox::domain::census::import_census(&mut conn, secret, None, RoundId(f.round), "document_number,birth_year,district\nAA1111,1980,north\nBB2222,1975,north\n", app.clock.now()).unwrap();
        let voter = budgetbox::domain::people::with_email(&mut conn, "voter@example.org").unwrap().unwrap();
        assert!(budgetbox::domain::census::match_census(&mut conn, secret, RoundId(f.round), &voter, "AA1111", 1980, app.clock.now()).unwrap());
        let list = budgetbox::domain::voting_codes::generate_from_census(&mut conn, secret, None, RoundId(f.round), "document_number,birth_year\nBB2222,1975\n", app.clock.now()).unwrap();
        let code = list.rows[0].last().unwrap().clone();
        app.clock.set(now);
        let [a, b] = [Choice::Projects(vec![f.north_projects[0]]), Choice::Projects(vec![f.north_projects[1]])];
        // The same code as another voter might type it: case and dashes do not matter.
        let respelt = code.to_lowercase().replace('-', "");
        let group = [
            prepared(&mut conn, secret, f.round, Voter::Account(&voter), &a, now),
            prepared(&mut conn, secret, f.round, Voter::Code(&code), &a, now),
            prepared(&mut conn, secret, f.round, Voter::Account(&voter), &b, now),
            prepared(&mut conn, secret, f.round, Voter::Code(&respelt), &b, now),
        ];
        // Written as the ballot writer writes a batch: one board, one transaction.
        let outcomes = budgetbox::db::write_transaction(&mut conn, |conn| {
            let group: Vec<_> = group.iter().map(|ballot| (ballot, now)).collect();
            board_writes::commit_all(conn, RoundId(f.round), &group).map(|w| w.outcomes)
        })
        .unwrap();
        let receipts: Vec<_> = outcomes[..3].iter().map(|o| o.as_ref().expect("stored")).collect();
        assert!(!receipts[0].replaces_earlier && receipts[2].replaces_earlier, "the revote replaces the ballot before it in the same group");
        assert!(
            matches!(outcomes[3], Err(budgetbox::error::AppError::Conflict(_))),
            "a code given twice in one group, however spelt, votes once"
        );
        let rows = budgetbox::db::models::ballot::of_round(&mut conn, f.round).unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[2].supersedes, Some(rows[0].seq));
        assert_eq!(rows[1].supersedes, None);
        budgetbox::domain::bulletin::verify_chain(f.round, &rows).unwrap();
        drop(conn);
        assert_eq!(stored(&app, f.round), (3, 2), "one participation for each person");
        let (_, used) = budgetbox::db::models::eligibility::code_counts(&mut app.conn(), f.round).unwrap();
        assert_eq!(used, 1);
    }

    async fn a_person_whose_first_ballot_in_a_group_came_too_late_leaves_nothing(app) {
        // Participations are recorded before the board is locked; a ballot the lock then
        // finds too late must take its participation with it, and so must every other ballot
        // of that person in the group.
        use budgetbox::domain::ballots::{self, Cast, Choice, Voter};
        let f = fixture(&app, "approval", json!({"voting_channels": "codes", "residence": "none"})).await;
        let council = app.api_login("council@example.org", PASSWORD).await;
        let codes: Value = app.send_bearer(Method::POST, &format!("/api/v1/rounds/{}/voting-codes", f.round), &council, &json!({"count": 2, "district": "north"})).await.json().await.unwrap();
        let (late_code, other_code) = (codes["codes"][0].as_str().unwrap(), codes["codes"][1].as_str().unwrap());
        let now = app.clock.now();
        let after_close = at("2026-06-15T18:00");
        let secret = app.secret.expose();
        let choice = Choice::Projects(vec![f.north_projects[0]]);
        let mut conn = app.conn();
        let mut prepare = |code: &str| {
            let cast = Cast { round_id: f.round, voter: Voter::Code(code), requested_district: None, choice: &choice, channel: ballots::Channel::Code };
            ballots::prepare(&mut conn, secret, cast, now).unwrap()
        };
        let (late, again, other) = (prepare(late_code), prepare(&late_code.to_lowercase()), prepare(other_code));
        let outcomes = budgetbox::db::write_transaction(&mut conn, |conn| {
            board_writes::commit_all(conn, RoundId(f.round), &[(&late, after_close), (&again, now), (&other, now)]).map(|w| w.outcomes)
        })
        .unwrap();
        for refused in &outcomes[..2] {
            assert!(matches!(refused, Err(budgetbox::error::AppError::Forbidden(m)) if m.to_string().contains("Voting has closed")), "{:?}", refused.as_ref().err());
        }
        assert!(outcomes[2].is_ok());
        drop(conn);
        assert_eq!(stored(&app, f.round), (1, 1), "the late person left no participation");
        let res = app.new_browser().post(app.url(&format!("/api/v1/rounds/{}/ballots", f.round))).json(&json!({"projects": [f.north_projects[1]], "voting_code": late_code})).send().await.unwrap();
        assert_eq!(res.status(), 201, "the code was not spent");
        assert_eq!(stored(&app, f.round), (2, 2));
    }
}
