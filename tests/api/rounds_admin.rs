//! Council configures rounds; the configuration freezes when voting opens; eligibility.

use budgetbox::domain::RoundId;
use chrono::NaiveDateTime;
use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::TestApp;

const PASSWORD: &str = "violet tram umbrella";

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

/// A round config as the council's JSON; the clock starts at 2026-03-01T12:00.
fn config() -> Value {
    json!({
        "title": "Green Streets 2026",
        "description": "Trees & benches",
        "currency": "EUR",
        "total_budget": "1,000,000",
        "districts": "north=400000\nsouth=400000",
        "categories": "Green\nMobility",
        "ballot_type": "approval",
        "min_choices": "1",
        "max_choices": "3",
        "rule": "greedy",
        "proposals_open_at": "2026-04-01T09:00",
        "review_at": "2026-05-01T09:00",
        "voting_open_at": "2026-06-01T09:00",
        "voting_close_at": "2026-06-15T18:00",
        "residence": "self-declared"
    })
}

async fn council_token(app: &TestApp) -> String {
    app.create_user("council@example.org", PASSWORD, "council");
    app.api_login("council@example.org", PASSWORD).await
}

async fn create_round(app: &TestApp, token: &str, body: &Value) -> i64 {
    let res = app
        .send_bearer(Method::POST, "/api/v1/rounds", token, body)
        .await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    res.json::<Value>().await.unwrap()["id"].as_i64().unwrap()
}

async fn round_json(app: &TestApp, id: i64) -> Value {
    app.get(&format!("/api/v1/rounds/{id}"))
        .await
        .json()
        .await
        .unwrap()
}

both_backends_with_clock! {
    async fn phases_follow_the_clock_and_rules_freeze_when_voting_opens(app) {
        let token = council_token(&app).await;
        let id = create_round(&app, &token, &config()).await;
        let phase = |v: &Value| v["phase"].as_str().unwrap().to_string();
        assert_eq!(phase(&round_json(&app, id).await), "draft");
        let r = round_json(&app, id).await;
        assert_eq!(r["districts"].as_array().unwrap().len(), 2);
        assert_eq!(r["categories"], json!(["Green", "Mobility"]));
        assert_eq!(r["total_budget"], 100_000_000);

        for (time, expected) in [("2026-04-01T09:00", "proposals"), ("2026-05-10T00:00", "review"), ("2026-06-01T08:59", "review"), ("2026-06-01T09:00", "voting")] {
            app.clock.set(at(time));
            assert_eq!(phase(&round_json(&app, id).await), expected, "at {time}");
        }

        // Voting is open: the ballot rules are frozen.
        let before = round_json(&app, id).await;
        let mut changed = config();
        changed["max_choices"] = "5".into();
        changed["reason"] = "more choice".into();
        let res = app.send_bearer(Method::PUT, &format!("/api/v1/rounds/{id}"), &token, &changed).await;
        assert_eq!(res.status(), 409);
        assert_eq!(res.json::<Value>().await.unwrap()["error"], budgetbox::i18n::Message::new(budgetbox::domain::round_config::FROZEN).to_string());
        let mut changed = config();
        changed["rule"] = "mes-add1".into();
        changed["reason"] = "fairer".into();
        assert_eq!(app.send_bearer(Method::PUT, &format!("/api/v1/rounds/{id}"), &token, &changed).await.status(), 409);
        let after = round_json(&app, id).await;
        assert_eq!(before["ballot_rules"], after["ballot_rules"]);
        assert_eq!(before["rule"], after["rule"]);
        assert_eq!(before["changes"], after["changes"], "nothing logged for refused changes");

        // The closing date may only move later, with a reason.
        let mut earlier = config();
        earlier["voting_close_at"] = "2026-06-10T18:00".into();
        earlier["reason"] = "hurry".into();
        let res = app.send_bearer(Method::PUT, &format!("/api/v1/rounds/{id}"), &token, &earlier).await;
        assert_eq!(res.status(), 409);
        assert!(res.json::<Value>().await.unwrap()["error"].as_str().unwrap().contains("never brought forward"));
        let mut later = config();
        later["voting_close_at"] = "2026-06-22T18:00".into();
        assert_eq!(app.send_bearer(Method::PUT, &format!("/api/v1/rounds/{id}"), &token, &later).await.status(), 422, "a reason is required");
        later["reason"] = "Postal strike delayed the voting letters".into();
        let res = app.send_bearer(Method::PUT, &format!("/api/v1/rounds/{id}"), &token, &later).await;
        assert_eq!(res.status(), 200);
        let r = round_json(&app, id).await;
        assert_eq!(r["voting_close_at"], "2026-06-22T18:00:00Z", "RFC 3339, UTC");
        let last = r["changes"].as_array().unwrap().last().unwrap().clone();
        assert!(last["what"].as_str().unwrap().starts_with("voting closes"));
        assert_eq!(last["reason"], "Postal strike delayed the voting letters");
        let page = app.get_html(&format!("/rounds/{id}")).await.text().await.unwrap();
        assert!(page.contains("Postal strike delayed the voting letters"), "the change log is on the public page");

        app.clock.set(at("2026-06-16T00:00"));
        assert_eq!(phase(&round_json(&app, id).await), "voting", "extended");
        app.clock.set(at("2026-06-22T18:00"));
        assert_eq!(phase(&round_json(&app, id).await), "counting");
    }

    async fn council_advances_phases_with_a_reason(app) {
        let token = council_token(&app).await;
        let id = create_round(&app, &token, &config()).await;
        let path = format!("/api/v1/rounds/{id}/advance");
        let (app, path, token) = (&app, &path, &token);
        let advance = |reason: &'static str| async move { app.send_bearer(Method::POST, path, token, &json!({"reason": reason})).await };
        assert_eq!(advance("").await.status(), 422);
        let res = advance("Council decision of 1 March").await;
        assert_eq!(res.status(), 200);
        assert_eq!(res.json::<Value>().await.unwrap()["phase"], "proposals");
        assert_eq!(round_json(app, id).await["phase"], "proposals");
        assert_eq!(advance("review early").await.json::<Value>().await.unwrap()["phase"], "review");
        assert_eq!(advance("open voting").await.status(), 409, "no feasible project yet: the ballot would be empty");
        crate::helpers::feasible_project(&mut app.conn(), id, None, "Benches", 10_000);
        assert_eq!(advance("open voting").await.json::<Value>().await.unwrap()["phase"], "voting");
        assert_eq!(advance("close voting").await.json::<Value>().await.unwrap()["phase"], "counting");
        let res = advance("publish").await;
        assert_eq!(res.status(), 409, "results need a count first");
        let r = round_json(app, id).await;
        let log: Vec<&str> = r["changes"].as_array().unwrap().iter().map(|c| c["reason"].as_str().unwrap()).collect();
        assert_eq!(log, ["", "Council decision of 1 March", "review early", "open voting", "close voting"]);
    }

    async fn bad_configurations_are_refused_field_by_field(app) {
        let token = council_token(&app).await;
        let mut bad = config();
        bad["total_budget"] = "500000".into();
        bad["voting_close_at"] = "2026-05-01T09:00".into();
        bad["ballot_type"] = "plurality".into();
        bad["rule"] = "dictator".into();
        bad["tie_break"] = "shortest-name".into();
        bad["districts"] = "North Side=1".into();
        let res = app.send_bearer(Method::POST, "/api/v1/rounds", &token, &bad).await;
        assert_eq!(res.status(), 422);
        let body: Value = res.json().await.unwrap();
        for field in ["voting_close_at", "ballot_type", "rule", "tie_break", "districts"] {
            assert!(body["fields"][field].is_string(), "{field}: {body}");
        }
        let mut over = config();
        over["total_budget"] = "500000".into();
        let body: Value = app.send_bearer(Method::POST, "/api/v1/rounds", &token, &over).await.json().await.unwrap();
        assert!(body["fields"]["total_budget"].as_str().unwrap().contains("add up to more"));
        let mut phragmen = config();
        phragmen["ballot_type"] = "ranked".into();
        phragmen["rule"] = "phragmen".into();
        let body: Value = app.send_bearer(Method::POST, "/api/v1/rounds", &token, &phragmen).await.json().await.unwrap();
        assert!(body["fields"]["rule"].as_str().unwrap().contains("Phragmén"));
        let rounds: Value = app.get("/api/v1/rounds").await.json().await.unwrap();
        assert_eq!(rounds, json!([]), "nothing stored");
    }

    async fn council_pages_create_and_edit_a_round(app) {
        app.create_user("council@example.org", PASSWORD, "council");
        app.submit("/login", "/login", &[("email", "council@example.org"), ("password", PASSWORD)]).await;
        let form = app.get_html("/council/rounds/new").await.text().await.unwrap();
        assert!(form.contains("Method of Equal Shares: every voter controls an equal share"), "plain-language rule descriptions");
        let fields: Vec<(String, String)> = config().as_object().unwrap().iter().map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string())).collect();
        let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let res = app.submit("/council/rounds/new", "/council/rounds", &borrowed).await;
        assert_eq!(res.status(), 303);
        let location = res.headers()["location"].to_str().unwrap().to_string();
        let manage = app.get_html(&location).await.text().await.unwrap();
        assert!(manage.contains("The round has been created") && manage.contains("round created"));
        let mut missing_title = borrowed.clone();
        missing_title.retain(|(k, _)| *k != "title");
        missing_title.push(("title", ""));
        let res = app.submit("/council/rounds/new", "/council/rounds", &missing_title).await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("Give the round a title"));
    }

    async fn eligibility_matrix(app) {
        let token = council_token(&app).await;
        let mut cfg = config();
        cfg["min_age"] = "16".into();
        cfg["age_reference_date"] = "2026-06-01".into();
        let age_round = create_round(&app, &token, &cfg).await;
        let mut cfg = config();
        cfg["residence"] = "verified".into();
        cfg["requires_census"] = "on".into();
        let census_round = create_round(&app, &token, &cfg).await;
        let mut cfg = config();
        cfg["requires_manual_check"] = "on".into();
        cfg["residence"] = "none".into();
        let manual_round = create_round(&app, &token, &cfg).await;

        let ids: Vec<i64> = {
            use budgetbox::db::models::{district, user};
            let mut conn = app.conn();
            let north = district::all(&mut conn).unwrap().into_iter().find(|d| d.slug == "north").unwrap().id;
            let mut make = |email: &str, birth: Option<i32>, district: Option<i64>| user::insert(&mut conn, &user::NewUser { email, display_name: email, password_hash: &budgetbox::auth::password::hash(PASSWORD), role: "citizen", gender: None, birth_year: birth, district_id: district, created_at: chrono::Utc::now().naive_utc() }).unwrap();
            vec![make("old@example.org", Some(1990), Some(north)), make("young@example.org", Some(2012), Some(north)), make("nobirth@example.org", None, Some(north)), make("nodistrict@example.org", Some(1990), None)]
        };
        let mut tokens = Vec::new();
        for email in ["old@example.org", "young@example.org", "nobirth@example.org", "nodistrict@example.org"] {
            tokens.push(app.api_login(email, PASSWORD).await);
        }
        let (app, tokens) = (&app, &tokens);
        let eligible = |round: i64, who: usize| {
            let t = tokens[who].clone();
            async move { app.get_bearer(&format!("/api/v1/rounds/{round}/eligibility"), &t).await.json::<Value>().await.unwrap() }
        };
        // Age 16 on 2026-06-01, district self-declared.
        assert_eq!(eligible(age_round, 0).await["eligible"], true);
        let young = eligible(age_round, 1).await;
        assert_eq!(young["eligible"], false);
        assert!(young["requirements"][0]["explanation"].as_str().unwrap().contains("at least 16 in 2026"));
        let unknown = eligible(age_round, 2).await;
        assert_eq!(unknown["eligible"], false);
        assert!(unknown["requirements"][0]["next_step"].as_str().unwrap().contains("year of birth"));
        let homeless = eligible(age_round, 3).await;
        assert_eq!(homeless["eligible"], true, "a resident who never said where they live says it on the ballot");
        assert!(homeless.to_string().contains("you choose it on the ballot"), "{homeless}");

        // Census: nobody until matched; a match gives the census district.
        assert_eq!(eligible(census_round, 0).await["eligible"], false);
        let csv = "document_number,birth_year,district\nAB-123 456,1990,south\nXY999999,1985,north\n";
        let res = app.new_browser().put(app.url(&format!("/api/v1/rounds/{census_round}/census"))).bearer_auth(&token).body(csv).send().await.unwrap();
        assert_eq!(res.status(), 200);
        assert_eq!(res.json::<Value>().await.unwrap(), json!({"rows": 2, "added": 2, "removed": 0, "unchanged": 0}));
        let mut conn = app.conn();
        let census_row = budgetbox::db::models::round::find(&mut conn, census_round).unwrap();
        let old = budgetbox::domain::people::find(&mut conn, ids[0]).unwrap().unwrap();
        let young_user = budgetbox::domain::people::find(&mut conn, ids[1]).unwrap().unwrap();
        let now = app.clock.now();
        use budgetbox::domain::census::match_census;
        let secret = app.secret.expose();
        assert!(!match_census(&mut conn, secret, RoundId(census_round), &old, "AB123456", 1991, now).unwrap(), "wrong year");
        assert!(match_census(&mut conn, secret, RoundId(census_round), &old, "ab 123-456", 1990, now).unwrap(), "formatting does not matter");
        let matched = eligible(census_round, 0).await;
        assert_eq!(matched["eligible"], true, "{matched}");
        let south = budgetbox::db::models::district::all(&mut conn).unwrap().into_iter().find(|d| d.slug == "south").unwrap().id;
        assert_eq!(matched["district_id"], south, "the census district wins over the declared one");
        let taken = match_census(&mut conn, secret, RoundId(census_round), &young_user, "AB123456", 1990, now);
        assert!(matches!(taken, Err(budgetbox::error::AppError::Conflict(_))), "one census entry, one account");
        assert_eq!(census_row.requires_census, 1);

        // Manual check by a reviewer.
        assert_eq!(eligible(manual_round, 0).await["eligible"], false);
        app.create_user("rev@example.org", PASSWORD, "reviewer");
        let rev = app.api_login("rev@example.org", PASSWORD).await;
        let res = app.send_bearer(Method::POST, &format!("/api/v1/rounds/{manual_round}/voter-checks"), &rev, &json!({"email": "old@example.org", "document_number": "ID-0001"})).await;
        assert_eq!(res.status(), 200);
        assert_eq!(res.json::<Value>().await.unwrap(), json!({"already_voted": false}));
        assert_eq!(eligible(manual_round, 0).await["eligible"], true);
        assert_eq!(eligible(manual_round, 1).await["eligible"], false, "only the person checked");
        let citizen = app.send_bearer(Method::POST, &format!("/api/v1/rounds/{manual_round}/voter-checks"), &tokens[1], &json!({"email": "young@example.org", "document_number": "ID-0002"})).await;
        assert_eq!(citizen.status(), 403, "citizens cannot confirm themselves");
    }

    async fn census_import_is_all_or_nothing_and_reports_the_line(app) {
        let token = council_token(&app).await;
        let mut cfg = config();
        cfg["requires_census"] = "on".into();
        let id = create_round(&app, &token, &cfg).await;
        let put = |body: &'static str| app.new_browser().put(app.url(&format!("/api/v1/rounds/{id}/census"))).bearer_auth(&token).body(body).send();
        assert_eq!(put("document_number,birth_year\nAAAA1111,1970\nBBBB2222,1980\n").await.unwrap().status(), 200);
        for (bad, message) in [
            ("document_number,birth_year\nCCCC3333,1970\nDDDD4444,nineteen\n", "line 3: `nineteen` is not a year of birth"),
            ("document_number,birth_year,district\nCCCC3333,1970,atlantis\n", "line 2: there is no district `atlantis`"),
            ("document_number,birth_year\nCCCC3333,1970\nCCCC-3333,1970\n", "line 3: this person is already listed"),
            ("name,year\nx,1\n", "line 1: the header must name"),
        ] {
            let res = put(bad).await.unwrap();
            assert_eq!(res.status(), 422, "{bad}");
            assert!(res.json::<Value>().await.unwrap()["error"].as_str().unwrap().starts_with(message), "{bad}");
        }
        let mut conn = app.conn();
        assert_eq!(budgetbox::db::models::eligibility::census_hashes(&mut conn, id).unwrap().len(), 2, "the old list is intact");
        let res = put("document_number,birth_year\nAAAA1111,1970\nEEEE5555,1990\nFFFF6666,1991\n").await.unwrap();
        assert_eq!(res.json::<Value>().await.unwrap(), json!({"rows": 3, "added": 2, "removed": 1, "unchanged": 1}));
        app.clock.set(at("2026-06-02T00:00"));
        assert_eq!(put("document_number,birth_year\nAAAA1111,1970\n").await.unwrap().status(), 409, "frozen during voting");
    }

    async fn a_voting_code_works_once_even_under_concurrency(app) {
        let token = council_token(&app).await;
        let mut cfg = config();
        cfg["voting_channels"] = "codes".into();
        let id = create_round(&app, &token, &cfg).await;
        let res = app.send_bearer(Method::POST, &format!("/api/v1/rounds/{id}/voting-codes"), &token, &json!({"count": 20, "district": "north"})).await;
        assert_eq!(res.status(), 201);
        let codes: Vec<String> = serde_json::from_value(res.json::<Value>().await.unwrap()["codes"].clone()).unwrap();
        assert_eq!(codes.len(), 20);
        assert_eq!(codes.iter().collect::<std::collections::HashSet<_>>().len(), 20);
        // A project to vote for, and voting open.
        let project = {
            let mut conn = app.conn();
            let north = budgetbox::db::models::district::all(&mut conn).unwrap().into_iter().find(|d| d.slug == "north").unwrap().id;
            let now = app.clock.now();
            budgetbox::db::models::proposal::insert(&mut conn, &budgetbox::db::models::proposal::NewProposal { round_id: id, district_id: Some(north), author_id: None, title: "Benches", description: "d", category: None, location: None, estimated_cost: 1000, validated_cost: Some(1000), status: "feasible", created_at: now, updated_at: now }).unwrap()
        };
        app.clock.set(at("2026-06-02T10:00"));
        // Sixteen people type the same code at once, some in other spellings.
        let spellings: Vec<String> = (0..16).map(|i| if i % 2 == 0 { codes[0].clone() } else { codes[0].to_lowercase().replace('-', "") }).collect();
        let casts = spellings.iter().map(|code| {
            let body = json!({"projects": [project], "voting_code": code});
            let url = app.url(&format!("/api/v1/rounds/{id}/ballots"));
            let client = app.new_browser();
            async move { client.post(url).json(&body).send().await.unwrap().status().as_u16() }
        });
        let statuses = futures_util::future::join_all(casts).await;
        assert_eq!(statuses.iter().filter(|s| **s == 201).count(), 1, "{statuses:?}");
        assert!(statuses.iter().all(|s| *s == 201 || *s == 409), "{statuses:?}");
        let cast = |code: String| {
            let body = json!({"projects": [project], "voting_code": code});
            let url = app.url(&format!("/api/v1/rounds/{id}/ballots"));
            let client = app.new_browser();
            async move { client.post(url).json(&body).send().await.unwrap().status().as_u16() }
        };
        assert_eq!(cast(codes[0].clone()).await, 409, "already used");
        assert_eq!(cast(codes[1].to_lowercase()).await, 201, "case and dashes do not matter");
        assert_eq!(cast("AAAA-BBBB-CCCC-DDDD".into()).await, 403, "unknown");
        let other = create_round(&app, &token, &cfg).await;
        app.clock.set(at("2026-03-01T12:00"));
        let res = app.send_bearer(Method::POST, &format!("/api/v1/rounds/{other}/voting-codes"), &token, &json!({"count": 1, "district": "north"})).await;
        assert_eq!(res.status(), 201);
        app.clock.set(at("2026-06-02T10:00"));
        let body = json!({"projects": [project], "voting_code": codes[2]});
        let res = app.new_browser().post(app.url(&format!("/api/v1/rounds/{other}/ballots"))).json(&body).send().await.unwrap();
        assert_eq!(res.status(), 403, "codes belong to one round");
        let stored = budgetbox::db::models::eligibility::code_counts(&mut app.conn(), id).unwrap();
        assert_eq!(stored, (20, 2));
    }
}

#[test]
fn codes_generate_cli_writes_csv() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}/codes.sqlite", dir.path().display());
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_budgetbox"))
            .args([
                "--data-dir",
                dir.path().to_str().unwrap(),
                "--database-url",
                &db,
            ])
            .args(args)
            .output()
            .unwrap()
    };
    assert!(run(&["demo"]).status.success());
    let refused = run(&["codes", "generate", "--round", "2", "--count", "5"]);
    assert_eq!(
        refused.status.code(),
        Some(2),
        "the demo round does not accept codes"
    );
    assert!(String::from_utf8_lossy(&refused.stderr).contains("does not accept voting codes"));
    let missing = run(&["codes", "generate", "--round", "99", "--count", "5"]);
    assert_eq!(missing.status.code(), Some(2));
}

both_backends! {
    async fn phase_times_are_typed_and_shown_in_the_rounds_time_zone(app) {
        let token = council_token(&app).await;
        let mut warsaw = config();
        warsaw["time_zone"] = "Europe/Warsaw".into();
        let id = create_round(&app, &token, &warsaw).await;
        // Stored and returned as UTC: 09:00 in Warsaw in June is 07:00 UTC (summer time).
        let round = round_json(&app, id).await;
        assert_eq!(round["voting_open_at"], "2026-06-01T07:00:00Z");
        assert_eq!(round["time_zone"], "Europe/Warsaw");
        let page = app.get_html(&format!("/rounds/{id}")).await.text().await.unwrap();
        assert!(page.contains("1 June 2026, 09:00 CEST"), "{page}");
        // The council's form shows the times as typed.
        let form = app
            .client
            .get(app.url(&format!("/council/rounds/{id}")))
            .header("Accept", "text/html")
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(form.contains("value=\"2026-06-01T09:00\""), "{form}");
        // An exact instant, as the API returns it, is taken as it is.
        let mut exact = warsaw.clone();
        exact["voting_open_at"] = "2026-06-01T07:00:00Z".into();
        let id = create_round(&app, &token, &exact).await;
        assert_eq!(round_json(&app, id).await["voting_open_at"], "2026-06-01T07:00:00Z");

        for (zone, field, time) in [
            ("Mars/Olympus", "time_zone", "2026-06-01T09:00"),
            // Clocks in Warsaw go from 02:00 to 03:00 on 29 March 2026.
            ("Europe/Warsaw", "proposals_open_at", "2026-03-29T02:30"),
        ] {
            let mut bad = config();
            bad["time_zone"] = zone.into();
            bad["proposals_open_at"] = time.into();
            let res = app.send_bearer(Method::POST, "/api/v1/rounds", &token, &bad).await;
            assert_eq!(res.status(), 422, "{zone} {time}");
            let body: Value = res.json().await.unwrap();
            assert!(body["fields"][field].is_string(), "{body}");
        }
    }
}
