//! No dead ends: each path a resident or a council officer found walled off, walked again
//! through the pages (and the API where the finding was there), on both backends.

use std::collections::HashMap;

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::ballots::{at, fixture, PASSWORD};
use crate::helpers::TestApp;

async fn login(app: &TestApp, email: &str) -> reqwest::Client {
    let browser = app.new_browser();
    let res = app
        .submit_with(
            &browser,
            "/login",
            "/login",
            &[("email", email), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(res.status(), 303, "{email} logs in");
    browser
}

async fn page(client: &reqwest::Client, app: &TestApp, path: &str) -> (StatusCode, String) {
    let res = client
        .get(app.url(path))
        .header("Accept", "text/html")
        .send()
        .await
        .unwrap();
    (res.status(), res.text().await.unwrap())
}

fn set_district(app: &TestApp, email: &str, district: Option<i64>) {
    use budgetbox::db::schema::users;
    use diesel::prelude::*;
    let mut conn = app.conn();
    budgetbox::on_each_backend!(&mut *conn, |c| diesel::update(
        users::table.filter(users::email.eq(email))
    )
    .set(users::district_id.eq(district))
    .execute(c))
    .unwrap();
}

/// Ballots that count: entries on the board less those a later ballot replaced.
fn counted_ballots(app: &TestApp, round: i64) -> i64 {
    let mut conn = app.conn();
    let rows = budgetbox::db::models::ballot::of_round(&mut conn, round).unwrap();
    let replaced = rows.iter().filter(|b| b.supersedes.is_some()).count();
    (rows.len() - replaced) as i64
}

/// Every `id="…"` of a page, with how often it appears.
fn duplicate_ids(html: &str) -> Vec<String> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for part in html.split(" id=\"").skip(1) {
        if let Some(end) = part.find('"') {
            *seen.entry(&part[..end]).or_default() += 1;
        }
    }
    let mut dups: Vec<String> = seen
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(id, n)| format!("{id}×{n}"))
        .collect();
    dups.sort();
    dups
}

both_backends_with_clock! {
    // 1. A resident who left the optional district empty chooses it on the ballot.
    async fn a_resident_without_a_district_chooses_it_on_the_ballot(app) {
        let f = fixture(&app, "approval", json!({})).await;
        set_district(&app, "voter@example.org", None);
        let browser = login(&app, "voter@example.org").await;
        let (status, body) = page(&browser, &app, &format!("/rounds/{}/vote", f.round)).await;
        assert_eq!(status, 200, "the ballot asks for the district instead of refusing: {body}");
        assert!(body.contains(&format!("name=\"district\" value=\"{}\"", f.north)), "{body}");
        assert!(body.contains(&format!("name=\"district\" value=\"{}\"", f.south)), "{body}");
        let (status, body) = page(&browser, &app, &format!("/rounds/{}/vote?district={}", f.round, f.north)).await;
        assert_eq!(status, 200, "{body}");
        assert!(body.contains("N1") && !body.contains(">S1<"), "the north ballot: {body}");
        let project = f.north_projects[0].to_string();
        let north = f.north.to_string();
        let form = format!("/rounds/{}/vote?district={}", f.round, f.north);
        let res = app.submit_with(&browser, &form, &format!("/rounds/{}/vote/cast", f.round), &[("project", &project), ("district", &north)]).await;
        assert_eq!(res.status(), 201, "the receipt");
        assert_eq!(counted_ballots(&app, f.round), 1);
    }

    // 2. A city-wide code in a round whose pots are all per district chooses its district.
    async fn a_city_wide_code_chooses_its_district_instead_of_an_empty_ballot(app) {
        let f = fixture(&app, "approval", json!({"voting_channels": "codes", "residence": "none"})).await;
        let council = app.api_login("council@example.org", PASSWORD).await;
        let codes: Value = app.send_bearer(Method::POST, &format!("/api/v1/rounds/{}/voting-codes", f.round), &council, &json!({"count": 1})).await.json().await.unwrap();
        let code = codes["codes"][0].as_str().unwrap().to_string();
        let browser = app.new_browser();
        let start = format!("/rounds/{}/vote", f.round);
        let res = app.submit_with(&browser, &start, &format!("/rounds/{}/vote/code", f.round), &[("voting_code", &code)]).await;
        let body = res.text().await.unwrap();
        assert!(body.contains(&format!("name=\"district\" value=\"{}\"", f.south)), "the code holder chooses a district: {body}");
        let south = f.south.to_string();
        let res = app.submit_with(&browser, &start, &format!("/rounds/{}/vote/code", f.round), &[("voting_code", &code), ("district", &south)]).await;
        let body = res.text().await.unwrap();
        assert!(body.contains("S1") && !body.contains(">N1<"), "the south ballot: {body}");
        let project = f.south_project.to_string();
        let res = app.submit_with(&browser, &start, &format!("/rounds/{}/vote/cast", f.round), &[("project", &project), ("voting_code", &code), ("district", &south)]).await;
        assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
        assert_eq!(counted_ballots(&app, f.round), 1);
    }

    // 3. A resident who does not meet the rules is told before the form, and keeps what was
    //    typed if a refusal comes anyway.
    async fn the_proposal_form_says_what_is_needed_and_keeps_what_was_typed(app) {
        let f = fixture(&app, "approval", json!({"min_age": "16", "proposals_open_at": "2026-04-01T09:00"})).await;
        app.clock.set(at("2026-04-10T12:00"));
        {
            use budgetbox::db::schema::users;
            use diesel::prelude::*;
            let mut conn = app.conn();
            budgetbox::on_each_backend!(&mut *conn, |c| diesel::update(users::table.filter(users::email.eq("voter@example.org"))).set(users::birth_year.eq(None::<i32>)).execute(c)).unwrap();
        }
        let browser = login(&app, "voter@example.org").await;
        let form = format!("/rounds/{}/proposals/new", f.round);
        let (status, body) = page(&browser, &app, &form).await;
        assert_eq!(status, 200);
        assert!(body.contains("href=\"/account\""), "the way forward is a link: {body}");
        assert!(body.to_lowercase().contains("birth"), "what is needed is said: {body}");
        let res = app.submit_with(&browser, &f_round_page(f.round), &form, &[("title", "Shade trees on Elm Street"), ("description", "Twelve lime trees along the school side."), ("estimated_cost", "12,000")]).await;
        assert_ne!(res.status(), 500);
        let body = res.text().await.unwrap();
        assert!(body.contains("Shade trees on Elm Street") && body.contains("Twelve lime trees"), "the typed text is kept: {body}");
    }

    // 4. Amounts are read the way the page's language writes them.
    async fn amounts_are_read_in_the_page_language(app) {
        let f = fixture(&app, "approval", json!({})).await;
        app.clock.set(at("2026-04-10T12:00"));
        let browser = login(&app, "voter@example.org").await;
        let form = format!("/rounds/{}/proposals/new", f.round);
        for (lang, typed, cents) in [("es", "12.500", 1_250_000), ("pl", "12 500", 1_250_000), ("en", "12,500", 1_250_000), ("es", "1.234,50", 123_450)] {
            page(&browser, &app, &format!("/language/{lang}")).await;
            let title = format!("Benches {lang} {typed}");
            let res = app.submit_with(&browser, &form, &form, &[("title", &title), ("description", "Four benches by the playground."), ("estimated_cost", typed), ("district", "north")]).await;
            assert_eq!(res.status(), 303, "{lang} {typed}: {}", res.text().await.unwrap());
            use budgetbox::db::schema::proposals;
            use diesel::prelude::*;
            let mut conn = app.conn();
            let cost: i64 = budgetbox::on_each_backend!(&mut *conn, |c| proposals::table.filter(proposals::title.eq(&title)).select(proposals::estimated_cost).first(c)).unwrap();
            assert_eq!(cost, cents, "{lang} {typed}");
        }
    }

    // 5. Where the last ballot counts, the pages let a voter vote again, and say so.
    async fn revoting_works_in_the_pages_where_the_last_ballot_counts(app) {
        let f = fixture(&app, "approval", json!({"revote_policy": "last-counts"})).await;
        let browser = login(&app, "voter@example.org").await;
        let form = format!("/rounds/{}/vote", f.round);
        let (_, body) = page(&browser, &app, &form).await;
        assert!(!body.contains("cannot change it afterwards"), "{body}");
        let (a, b) = (f.north_projects[0].to_string(), f.north_projects[1].to_string());
        let north = f.north.to_string();
        let res = app.submit_with(&browser, &form, &format!("/rounds/{}/vote/review", f.round), &[("project", &a), ("district", &north)]).await;
        let body = res.text().await.unwrap();
        assert!(!body.contains("cannot change it afterwards"), "the check page: {body}");
        assert!(body.contains("last ballot"), "the check page says the last ballot counts: {body}");
        let res = app.submit_with(&browser, &form, &format!("/rounds/{}/vote/cast", f.round), &[("project", &a), ("district", &north)]).await;
        assert_eq!(res.status(), 201);
        let (status, body) = page(&browser, &app, &form).await;
        assert_eq!(status, 200, "a second ballot can be filled in: {body}");
        assert!(body.contains("last ballot"), "{body}");
        let res = app.submit_with(&browser, &form, &format!("/rounds/{}/vote/cast", f.round), &[("project", &b), ("district", &north)]).await;
        assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
        assert_eq!(counted_ballots(&app, f.round), 1, "only the last one counts");
    }

    // 6. The rule with a minimum can be chosen in the council's form, with its N.
    async fn the_threshold_rule_can_be_chosen_with_its_minimum(app) {
        app.create_user("council@example.org", PASSWORD, "council");
        let browser = login(&app, "council@example.org").await;
        let fields = [
            ("title", "Threshold round"), ("total_budget", "50,000"), ("ballot_type", "approval"),
            ("max_choices", "3"), ("rule", "greedy-threshold"), ("rule_threshold", "25"),
            ("residence", "none"), ("time_zone", "UTC"),
            ("proposals_open_at", "2026-04-01T09:00"), ("review_at", "2026-05-01T09:00"),
            ("voting_open_at", "2026-06-01T09:00"), ("voting_close_at", "2026-06-15T18:00"),
        ];
        let res = app.submit_with(&browser, "/council/rounds/new", "/council/rounds", &fields).await;
        assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
        let rounds: Value = app.get("/api/v1/rounds").await.json().await.unwrap();
        let round = rounds.as_array().unwrap().iter().find(|r| r["title"] == "Threshold round").expect("created").clone();
        let detail: Value = app.get(&format!("/api/v1/rounds/{}", round["id"])).await.json().await.unwrap();
        assert_eq!(detail["rule"], "greedy-threshold:25", "{detail}");
        let mut missing = fields.to_vec();
        missing.retain(|(k, _)| *k != "rule_threshold");
        let res = app.submit_with(&browser, "/council/rounds/new", "/council/rounds", &missing).await;
        assert_eq!(res.status(), 422);
        let body = res.text().await.unwrap();
        assert!(body.contains("rule_threshold-error"), "the error is tied to the minimum's field: {body}");
    }

    // 7. A hidden text is hidden on the round page, the ballot and the API.
    async fn hidden_text_is_hidden_in_every_view(app) {
        let f = fixture(&app, "approval", json!({})).await;
        app.create_user("mod@example.org", PASSWORD, "reviewer");
        let secret_title = "Rename the park after my neighbour Jan Kowalski";
        {
            use budgetbox::db::schema::proposals;
            use diesel::prelude::*;
            let mut conn = app.conn();
            budgetbox::on_each_backend!(&mut *conn, |c| diesel::update(proposals::table.find(f.north_projects[2])).set((proposals::title.eq(secret_title), proposals::description.eq("He owes me money"))).execute(c)).unwrap();
        }
        let moderator = login(&app, "mod@example.org").await;
        let p = f.north_projects[2];
        let res = app.submit_with(&moderator, &format!("/proposals/{p}"), &format!("/proposals/{p}/moderate"), &[("action", "hide"), ("moderation_reason", "Names a private person.")]).await;
        assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
        let voter = login(&app, "voter@example.org").await;
        for lang in ["en", "es", "pl"] {
            page(&voter, &app, &format!("/language/{lang}")).await;
            for path in [format!("/rounds/{}", f.round), format!("/rounds/{}/vote?district={}", f.round, f.north), format!("/rounds/{}/proposals", f.round), format!("/proposals/{p}")] {
                let (_, body) = page(&voter, &app, &path).await;
                assert!(!body.contains(secret_title) && !body.contains("owes me money"), "{lang} {path}: {body}");
            }
        }
        for path in [format!("/api/v1/rounds/{}", f.round), format!("/api/v1/rounds/{}/proposals", f.round), format!("/api/v1/proposals/{p}")] {
            let body = app.get(&path).await.text().await.unwrap();
            assert!(!body.contains(secret_title) && !body.contains("owes me money"), "{path}: {body}");
        }
    }

    // 8. Extending a round with the times the API returned is not "frozen".
    async fn extending_a_round_with_the_times_the_api_returned_works(app) {
        let f = fixture(&app, "approval", json!({})).await;
        app.clock.set(at("2026-05-20T12:00") + chrono::Duration::milliseconds(437));
        let council = app.api_login("council@example.org", PASSWORD).await;
        let res = app.send_bearer(Method::POST, &format!("/api/v1/rounds/{}/advance", f.round), &council, &json!({"reason": "The review finished early."})).await;
        assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
        let round: Value = app.get(&format!("/api/v1/rounds/{}", f.round)).await.json().await.unwrap();
        let mut body = json!({
            "title": round["title"], "total_budget": "5000", "districts": "north=1000\nsouth=1000",
            "ballot_type": "approval", "min_choices": "1", "max_choices": "2", "rule": "greedy", "residence": "self-declared",
            "proposals_open_at": round["proposals_open_at"], "review_at": round["review_at"],
            "voting_open_at": round["voting_open_at"], "voting_close_at": "2026-06-20T18:00:00Z",
            "reason": "More time for paper ballots."
        });
        if body["voting_open_at"].is_null() { body["voting_open_at"] = round["phases"]["voting_open_at"].clone(); }
        let res = app.send_bearer(Method::PUT, &format!("/api/v1/rounds/{}", f.round), &council, &body).await;
        assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    }

    // 9. Voting cannot open on a round with no feasible project.
    async fn voting_cannot_open_without_a_feasible_project(app) {
        app.create_user("council@example.org", PASSWORD, "council");
        let council = app.api_login("council@example.org", PASSWORD).await;
        let res = app.send_bearer(Method::POST, "/api/v1/rounds", &council, &json!({
            "title": "Empty round", "total_budget": "5000", "ballot_type": "approval", "max_choices": "2", "rule": "greedy", "residence": "none",
            "proposals_open_at": "2026-04-01T09:00", "review_at": "2026-05-01T09:00",
            "voting_open_at": "2026-06-01T09:00", "voting_close_at": "2026-06-15T18:00"
        })).await;
        let round = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
        app.clock.set(at("2026-05-10T12:00"));
        let res = app.send_bearer(Method::POST, &format!("/api/v1/rounds/{round}/advance"), &council, &json!({"reason": "Ready."})).await;
        assert_eq!(res.status(), 409, "{}", res.text().await.unwrap());
        let body: Value = res.json().await.unwrap_or(Value::Null);
        assert!(body.to_string().contains("feasible"), "{body}");
        let round_json: Value = app.get(&format!("/api/v1/rounds/{round}")).await.json().await.unwrap();
        assert_eq!(round_json["phase"], "review", "nothing changed");
    }

    // 10. Ids are unique on every page the journeys reach; 11. HEAD and the favicon.
    async fn ids_are_unique_and_head_and_favicon_answer(app) {
        let f = fixture(&app, "approval", json!({})).await;
        let council = login(&app, "council@example.org").await;
        let voter = login(&app, "voter@example.org").await;
        let anon = app.new_browser();
        let round = f.round;
        let p = f.north_projects[0];
        let pages: Vec<(&reqwest::Client, String)> = vec![
            (&anon, "/".into()), (&anon, format!("/rounds/{round}")), (&anon, format!("/rounds/{round}/proposals")),
            (&anon, format!("/proposals/{p}")), (&anon, "/login".into()), (&anon, "/register".into()), (&anon, "/verify".into()),
            (&voter, format!("/rounds/{round}/vote")), (&voter, "/account".into()), (&voter, format!("/rounds/{round}/proposals/new")),
            (&council, "/council/rounds".into()), (&council, format!("/council/rounds/{round}")), (&council, "/council/rounds/new".into()),
            (&council, format!("/proposals/{p}")), (&council, format!("/rounds/{round}/statistics")), (&council, "/council/users".into()),
            (&council, "/council/mail".into()), (&council, format!("/council/rounds/{round}/translations")), (&anon, "/statistics".into()),
            (&council, format!("/review/rounds/{round}/paper")), (&voter, "/account/data".into()),
        ];
        let mut failures = Vec::new();
        for (client, path) in &pages {
            let (status, body) = page(client, &app, path).await;
            assert!(status.is_success(), "{path}: {status}");
            let dups = duplicate_ids(&body);
            if !dups.is_empty() { failures.push(format!("{path}: {dups:?}")); }
            let head = client.head(app.url(path)).header("Accept", "text/html").send().await.unwrap();
            assert_eq!(head.status(), status, "HEAD {path}");
        }
        assert!(failures.is_empty(), "ids used twice: {failures:#?}");
        let icon = anon.get(app.url("/favicon.ico")).send().await.unwrap();
        assert_eq!(icon.status(), 200);
        assert!(icon.headers()["content-type"].to_str().unwrap().starts_with("image/"));
        let (_, home) = page(&anon, &app, "/").await;
        assert!(home.contains("rel=\"icon\""), "pages name their icon");
    }
}

fn f_round_page(round: i64) -> String {
    format!("/rounds/{round}/proposals/new")
}

both_backends_with_clock! {
    // What a resident should find: links, a confirmation, honest labels, a code sheet that
    // says where to go, the budget meter, ballots in words, a wrong code explained, open data.
    async fn what_a_resident_should_find(app) {
        let f = fixture(&app, "knapsack", json!({})).await;
        app.clock.set(at("2026-04-10T12:00"));
        let voter = login(&app, "voter@example.org").await;
        let (_, round_page) = page(&voter, &app, &format!("/rounds/{}", f.round)).await;
        assert!(round_page.contains(&format!("href=\"/rounds/{}/proposals/new\"", f.round)), "submit from the round page");
        assert!(round_page.contains(&format!("<a href=\"/proposals/{}\">N1</a>", f.north_projects[0])), "project names link to their pages");
        let (_, form) = page(&voter, &app, &format!("/rounds/{}/proposals/new", f.round)).await;
        let district_label = form.split("<label for=\"district\">").nth(1).unwrap().split("</label>").next().unwrap().to_string();
        assert!(!district_label.contains("optional"), "the district is required here: {district_label}");

        let council = login(&app, "council@example.org").await;
        let (_, new_round) = page(&council, &app, "/council/rounds/new").await;
        assert!(new_round.contains("<select id=\"time_zone\"") && new_round.contains("value=\"Europe/Madrid\""), "the time zone is a list");
        let token = app.api_login("council@example.org", PASSWORD).await;
        let res = app.send_bearer(Method::POST, "/api/v1/rounds", &token, &json!({
            "title": "Codes round", "total_budget": "2000", "districts": "north=1000\nsouth=1000", "ballot_type": "approval",
            "max_choices": "2", "rule": "greedy", "residence": "none", "voting_channels": "codes",
            "proposals_open_at": "2026-04-01T09:00", "review_at": "2026-05-01T09:00",
            "voting_open_at": "2026-06-01T09:00", "voting_close_at": "2026-06-15T18:00"
        })).await;
        let codes_round = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
        let sheet = app.submit_with(&council, &format!("/council/rounds/{codes_round}"), &format!("/council/rounds/{codes_round}/codes"), &[("count", "2"), ("district", "south")]).await.text().await.unwrap();
        assert!(sheet.contains("District: South") && sheet.contains(&format!("/rounds/{codes_round}/vote")) && sheet.contains("http"), "the code sheet names the district and the address: {sheet}");

        app.clock.set(at("2026-06-05T12:00"));
        let (_, ballot) = page(&voter, &app, &format!("/rounds/{}/vote", f.round)).await;
        assert!(ballot.contains("id=\"budget-meter\"") && ballot.contains("src=\"/assets/ballot.js\"") && ballot.contains("data-cost=\"30000\""), "the knapsack meter: {ballot}");
        let script = app.get("/assets/ballot.js").await;
        assert!(script.headers()["content-type"].to_str().unwrap().starts_with("text/javascript"));
        assert!(script.text().await.unwrap().contains("budget-meter"));

        let (a, b) = (f.north_projects[0].to_string(), f.north_projects[1].to_string());
        let north = f.north.to_string();
        let receipt = app.submit_with(&voter, &format!("/rounds/{}/vote", f.round), &format!("/rounds/{}/vote/cast", f.round), &[("project", &a), ("project", &b), ("district", &north)]).await.text().await.unwrap();
        let code = receipt.split("<code>").nth(1).unwrap().split("</code>").next().unwrap().to_string();
        app.clock.set(at("2026-06-16T12:00"));
        assert_eq!(app.send_bearer(Method::POST, &format!("/api/v1/rounds/{}/count", f.round), &token, &json!({})).await.status(), 201);
        let check = app.submit_with(&voter, &format!("/rounds/{}/bulletin", f.round), "/receipts/check", &[("code", &code)]).await.text().await.unwrap();
        assert!(check.contains("<li>N1</li>") && check.contains("<li>N2</li>") && !check.contains("{&quot;projects"), "the receipt check speaks in titles: {check}");
        let (_, board) = page(&voter, &app, &format!("/rounds/{}/bulletin", f.round)).await;
        assert!(board.contains("<li>N1</li>") && !board.contains("{&quot;projects"), "the board speaks in titles");
        let wrong = app.submit_with(&voter, &format!("/rounds/{}/bulletin", f.round), "/receipts/check", &[("code", "ABCD-EFGH-JKMN")]).await;
        assert_eq!(wrong.status(), 404);
        let wrong = wrong.text().await.unwrap();
        assert!(wrong.contains("No ballot has this tracking code") && wrong.contains("letter by letter"), "a wrong code explains itself: {wrong}");

        let res = app.send_bearer(Method::POST, &format!("/api/v1/rounds/{}/advance", f.round), &token, &json!({"reason": "Results approved."})).await;
        assert_eq!(res.status(), 200);
        let (status, open_data) = page(&app.new_browser(), &app, "/open-data").await;
        assert_eq!(status, 200);
        assert!(open_data.contains("href=\"/open-data\""), "the menu leads here");
        for link in [format!("/api/v1/rounds/{}/export.pb?pot=north", f.round), format!("/api/v1/rounds/{}/export.pb?pot=south", f.round), format!("/api/v1/rounds/{}/export.csv", f.round), "/api/v1/openapi.json".to_string()] {
            assert!(open_data.contains(&format!("href=\"{link}\"")), "{link}");
            assert_eq!(app.get(&link).await.status(), 200, "{link}");
        }
    }
}

both_backends! {
    // The roles page: found by address or name, 50 to a page, the search kept across pages.
    async fn the_roles_page_searches_and_pages(app) {
        app.create_user("council@example.org", PASSWORD, "council");
        for n in 0..120 {
            app.create_user(&format!("resident{n:03}@example.org"), PASSWORD, "citizen");
        }
        app.create_user("ana_maria@example.org", PASSWORD, "citizen");
        let council = login(&app, "council@example.org").await;
        let (status, first) = page(&council, &app, "/council/users").await;
        assert_eq!(status, 200);
        assert_eq!(first.matches("action=\"/council/users/").count(), 50, "a page of 50");
        assert!(first.contains("rel=\"next\"") && first.contains("role=\"search\""));
        let (_, third) = page(&council, &app, "/council/users?q=RESIDENT1&page=1").await;
        assert_eq!(third.matches("action=\"/council/users/").count(), 20, "resident100–119, any case: {third}");
        let (_, underscore) = page(&council, &app, "/council/users?q=a_m").await;
        assert_eq!(underscore.matches("action=\"/council/users/").count(), 1);
        let (_, literal) = page(&council, &app, "/council/users?q=t_0").await;
        assert_eq!(literal.matches("action=\"/council/users/").count(), 0, "an underscore is a letter, not a wildcard (resident00N)");
        let (_, last) = page(&council, &app, "/council/users?q=resident&page=3").await;
        assert_eq!(last.matches("action=\"/council/users/").count(), 20);
        assert!(last.contains("q=resident&amp;page=2"), "paging keeps the search");
    }
}

/// The text of the label for `name` on a page.
fn label_of(html: &str, name: &str) -> String {
    let start = format!("<label for=\"{name}\">");
    html.split(start.as_str())
        .nth(1)
        .unwrap_or_else(|| panic!("no label for {name}"))
        .split("</label>")
        .next()
        .unwrap()
        .to_string()
}

both_backends_with_clock! {
    // A field the server refuses to take empty is never labelled "(optional)"; one needed
    // only under another choice says when instead.
    async fn fields_a_form_needs_are_never_labelled_optional(app) {
        let f = fixture(&app, "approval", json!({})).await;
        let council = login(&app, "council@example.org").await;
        let settings = format!("/council/rounds/{}", f.round);
        app.clock.set(at("2026-04-10T12:00"));
        let (_, before) = page(&council, &app, &settings).await;
        assert!(label_of(&before, "reason").contains("(optional)"), "optional before voting opens");
        for name in ["points_total", "rule_threshold"] {
            let label = label_of(&before, name);
            assert!(!label.contains("optional"), "{name}: {label}");
        }
        assert!(before.contains("Needed for cumulative ballots") && before.contains("Needed for “Most votes first with a minimum”"));

        app.clock.set(at("2026-05-10T12:00"));
        let (_, proposal) = page(&council, &app, &format!("/proposals/{}", f.north_projects[0])).await;
        let into = label_of(&proposal, "into");
        assert!(!into.contains("optional"), "merging needs the proposal to merge into: {into}");

        app.clock.set(at("2026-06-05T12:00"));
        let (_, during) = page(&council, &app, &settings).await;
        let reason = label_of(&during, "reason");
        assert!(!reason.contains("optional"), "the reason is required once voting opened: {reason}");
        assert!(during.contains("id=\"reason\"") && during.split("id=\"reason\"").nth(1).unwrap().split('>').next().unwrap().contains("required"));
    }
}
