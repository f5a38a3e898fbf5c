//! Proposals from submission to the ballot: edit, withdraw, review, and every refusal.

use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::TestApp;

const PASSWORD: &str = "violet tram umbrella";

fn at(s: &str) -> chrono::NaiveDateTime {
    chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

/// A round collecting proposals (clock 2026-04-10), with a citizen living in `north`.
async fn round(app: &TestApp, extra: Value) -> (i64, String, String) {
    app.create_user("council@example.org", PASSWORD, "council");
    let council = app.api_login("council@example.org", PASSWORD).await;
    let mut config = json!({
        "title": "Ideas 2026", "total_budget": "100000", "districts": "north=50000\nsouth=50000", "categories": "Green\nPlay",
        "ballot_type": "approval", "rule": "greedy", "max_choices": "3",
        "proposals_open_at": "2026-04-01T09:00", "review_at": "2026-05-01T09:00", "voting_open_at": "2026-06-01T09:00",
        "voting_close_at": "2026-06-15T18:00", "residence": "self-declared"
    });
    for (k, v) in extra.as_object().unwrap() {
        config[k] = v.clone();
    }
    let id = app
        .send_bearer(Method::POST, "/api/v1/rounds", &council, &config)
        .await
        .json::<Value>()
        .await
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    {
        use budgetbox::db::models::{district, user};
        let mut conn = app.conn();
        let north = district::all(&mut conn)
            .unwrap()
            .into_iter()
            .find(|d| d.slug == "north")
            .unwrap()
            .id;
        user::insert(
            &mut conn,
            &user::NewUser {
                email: "ana@example.org",
                display_name: "Ana",
                password_hash: &budgetbox::auth::password::hash(PASSWORD),
                role: "citizen",
                gender: None,
                birth_year: Some(1990),
                district_id: Some(north),
                created_at: chrono::Utc::now().naive_utc(),
            },
        )
        .unwrap();
    }
    app.clock.set(at("2026-04-10T12:00"));
    let citizen = app.api_login("ana@example.org", PASSWORD).await;
    (id, council, citizen)
}

fn idea(title: &str, cost: &str) -> Value {
    json!({"title": title, "description": "Forty new trees along the north canal path, with benches.", "estimated_cost": cost, "district": "north", "category": "Green", "location": "Canal path"})
}

async fn submit(app: &TestApp, round: i64, token: &str, body: &Value) -> (u16, Value) {
    let res = app
        .send_bearer(
            Method::POST,
            &format!("/api/v1/rounds/{round}/proposals"),
            token,
            body,
        )
        .await;
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

both_backends_with_clock! {
    async fn a_proposal_goes_from_submission_to_the_ballot(app) {
        let (round_id, council, citizen) = round(&app, json!({})).await;
        let (status, p) = submit(&app, round_id, &citizen, &idea("Canal trees", "25,000")).await;
        assert_eq!(status, 201, "{p}");
        let id = p["id"].as_i64().unwrap();
        assert_eq!((p["status"].as_str(), p["author"].as_str(), p["estimated_cost"].as_i64()), (Some("submitted"), Some("Ana"), Some(2_500_000)));
        let mut edited = idea("Canal trees and benches", "30000");
        edited["district"] = "south".into();
        let res = app.send_bearer(Method::PUT, &format!("/api/v1/proposals/{id}"), &citizen, &edited).await;
        assert_eq!(res.status(), 200);
        assert_eq!(res.json::<Value>().await.unwrap()["title"], "Canal trees and benches");
        let (_, other) = submit(&app, round_id, &citizen, &idea("Skate ramp", "9000")).await;
        let other_id = other["id"].as_i64().unwrap();
        let (_, third) = submit(&app, round_id, &citizen, &idea("Chess tables", "4000")).await;
        let third_id = third["id"].as_i64().unwrap();
        assert_eq!(app.send_bearer(Method::POST, &format!("/api/v1/proposals/{third_id}/withdraw"), &citizen, &json!({})).await.status(), 204);

        app.clock.set(at("2026-05-02T09:00"));
        assert_eq!(app.send_bearer(Method::PUT, &format!("/api/v1/proposals/{id}"), &citizen, &edited).await.status(), 403, "review has started");
        app.create_user("rev@example.org", PASSWORD, "reviewer");
        let reviewer = app.api_login("rev@example.org", PASSWORD).await;
        assert_eq!(app.send_bearer(Method::POST, &format!("/api/v1/proposals/{id}/review"), &citizen, &json!({"decision": "feasible", "reason": "fine"})).await.status(), 403);
        let res = app.send_bearer(Method::POST, &format!("/api/v1/proposals/{id}/review"), &reviewer, &json!({"decision": "feasible", "validated_cost": "32,500", "reason": "Benches need foundations."})).await;
        assert_eq!(res.status(), 200);
        let reviewed: Value = res.json().await.unwrap();
        assert_eq!((reviewed["status"].as_str(), reviewed["validated_cost"].as_i64()), (Some("feasible"), Some(3_250_000)));
        assert_eq!(reviewed["reviews"][0]["reason"], "Benches need foundations.");
        assert!(reviewed["reviews"][0].get("reviewer_id").is_none(), "the reviewer is not published");
        let res = app.send_bearer(Method::POST, &format!("/api/v1/proposals/{other_id}/review"), &reviewer, &json!({"decision": "infeasible", "reason": "The skate park is on private land."})).await;
        assert_eq!(res.json::<Value>().await.unwrap()["status"], "infeasible");
        assert_eq!(app.send_bearer(Method::POST, &format!("/api/v1/proposals/{third_id}/review"), &reviewer, &json!({"decision": "feasible", "reason": "ok ok ok"})).await.status(), 409, "withdrawn");

        // On the ballot: the feasible one with its validated cost, in its district only.
        app.clock.set(at("2026-06-02T09:00"));
        let detail: Value = app.get(&format!("/api/v1/rounds/{round_id}")).await.json().await.unwrap();
        let on_ballot: Vec<&Value> = detail["projects"].as_array().unwrap().iter().filter(|p| p["status"] == "feasible").collect();
        assert_eq!(on_ballot.len(), 1);
        assert_eq!(on_ballot[0]["cost"], 3_250_000);
        let ballot = app.send_bearer(Method::POST, &format!("/api/v1/rounds/{round_id}/ballots"), &citizen, &json!({"projects": [id]})).await;
        assert_eq!(ballot.status(), 422, "Ana lives in north; the project moved to south");
        let _ = council;
    }

    async fn bad_proposals_are_refused_and_nothing_is_stored(app) {
        let (round_id, _council, citizen) = round(&app, json!({"min_age": "16"})).await;
        let long = "x".repeat(121);
        for (body, field) in [
            (idea("", "100"), "title"),
            (idea(&long, "100"), "title"),
            (idea("Benches", "-5"), "estimated_cost"),
            (idea("Benches", "0"), "estimated_cost"),
            (idea("Benches", "99999999999"), "estimated_cost"),
            ({ let mut b = idea("Benches", "100"); b["district"] = "atlantis".into(); b }, "district"),
            ({ let mut b = idea("Benches", "100"); b["category"] = "Space".into(); b }, "category"),
            ({ let mut b = idea("Benches", "100"); b["description"] = "short".into(); b }, "description"),
        ] {
            let (status, body_json) = submit(&app, round_id, &citizen, &body).await;
            assert_eq!(status, 422, "{body}");
            assert!(body_json["fields"][field].is_string(), "{field}: {body_json}");
        }
        let (status, flagged) = submit(&app, round_id, &citizen, &idea("A new bridge", "250000")).await;
        assert_eq!(status, 201, "above the budget is allowed");
        assert_eq!(flagged["over_budget"], true);
        for i in 0..4 {
            assert_eq!(submit(&app, round_id, &citizen, &idea(&format!("Idea number {i}"), "100")).await.0, 201);
        }
        let (status, body) = submit(&app, round_id, &citizen, &idea("One too many", "100")).await;
        assert_eq!(status, 409, "{body}");
        app.create_user("kid@example.org", PASSWORD, "citizen");
        let kid = app.api_login("kid@example.org", PASSWORD).await;
        let (status, body) = submit(&app, round_id, &kid, &idea("Trampolines", "100")).await;
        assert_eq!(status, 403, "{body}");
        assert!(body["error"].as_str().unwrap().contains("at least 16"));
        app.clock.set(at("2026-05-02T09:00"));
        assert_eq!(submit(&app, round_id, &citizen, &idea("Too late", "100")).await.0, 403);
        let mut conn = app.conn();
        assert_eq!(budgetbox::db::models::proposal::of_round(&mut conn, round_id).unwrap().len(), 5);
    }
}

both_backends_with_clock! {
    async fn proposals_work_through_plain_html_forms(app) {
        let (round_id, _council, _citizen) = round(&app, json!({})).await;
        app.submit("/login", "/login", &[("email", "ana@example.org"), ("password", PASSWORD)]).await;
        let new = format!("/rounds/{round_id}/proposals/new");
        let bad = app.submit(&new, &new, &[("title", "x"), ("description", "too short"), ("estimated_cost", "lots"), ("district", "north"), ("category", ""), ("location", "")]).await;
        assert_eq!(bad.status(), 422);
        let bad = bad.text().await.unwrap();
        assert!(bad.contains("<title>Error: Submit a proposal") && bad.contains("href=\"#estimated_cost\""));
        let description = "<script>alert(1)</script> Trees along the canal.\n\nAnd benches for everyone.";
        let ok = app.submit(&new, &new, &[("title", "Canal <b>trees</b>"), ("description", description), ("estimated_cost", "25,000"), ("district", "north"), ("category", "Green"), ("location", "Canal path")]).await;
        assert_eq!(ok.status(), 303);
        let location = ok.headers()["location"].to_str().unwrap().to_string();
        let page = app.get_html(&location).await.text().await.unwrap();
        assert!(page.contains("Your proposal is submitted"));
        assert!(page.contains("Canal &lt;b&gt;trees&lt;/b&gt;") && !page.contains("<script>alert(1)"));
        assert!(page.contains("<p>And benches for everyone.</p>"), "paragraphs kept");
        let list = app.get_html(&format!("/rounds/{round_id}/proposals?q=BENCHES&district=north&status=submitted")).await.text().await.unwrap();
        assert!(list.contains("1 proposal<") && list.contains("Canal &lt;b&gt;trees&lt;/b&gt;"), "{list}");
        let none = app.get_html(&format!("/rounds/{round_id}/proposals?q=skate")).await.text().await.unwrap();
        assert!(none.contains("0 proposals"));
        let id = location.trim_start_matches("/proposals/").split('?').next().unwrap().to_string();
        let unconfirmed = app.submit(&location, &format!("/proposals/{id}/withdraw"), &[]).await;
        assert_eq!(unconfirmed.headers()["location"], format!("/proposals/{id}/withdraw").as_str(), "asked once more first");
        let question = app.get_html(&format!("/proposals/{id}/withdraw")).await.text().await.unwrap();
        assert!(question.contains("cannot be undone") && question.contains("name=\"confirm\" value=\"yes\""), "{question}");
        assert!(!app.get_html(&format!("/proposals/{id}")).await.text().await.unwrap().contains("Withdrawn by the author"), "nothing withdrawn yet");
        let withdrawn = app.submit(&format!("/proposals/{id}/withdraw"), &format!("/proposals/{id}/withdraw"), &[("confirm", "yes")]).await;
        assert_eq!(withdrawn.status(), 303);
        let page = app.get_html(&format!("/proposals/{id}")).await.text().await.unwrap();
        assert!(page.contains("Withdrawn by the author"));
    }
}

both_backends_with_clock! {
    async fn proposals_are_searched_filtered_sorted_and_paged(app) {
        use budgetbox::db::models::proposal;
        let f = crate::ballots::fixture(&app, "approval", serde_json::json!({})).await;
        let now = chrono::Utc::now().naive_utc();
        {
            let mut conn = app.conn();
            for i in 0..45i64 {
                let title = match i % 3 {
                    0 => format!("Playground renovation {i}"),
                    1 => format!("Bicycle lanes on street {i}"),
                    _ => format!("Library books {i}"),
                };
                proposal::insert(&mut conn, &proposal::NewProposal {
                    round_id: f.round,
                    district_id: Some(if i % 2 == 0 { f.north } else { f.south }),
                    author_id: None,
                    title: &title,
                    description: "A description long enough to be a proposal, near the old mill.",
                    category: None,
                    location: (i == 7).then_some("Riverside park"),
                    estimated_cost: 10_000 + i * 100,
                    validated_cost: None,
                    status: if i % 5 == 0 { "withdrawn" } else { "submitted" },
                    created_at: now + chrono::Duration::seconds(i),
                    updated_at: now,
                }).unwrap();
            }
        }
        let list = |q: &str| {
            let url = format!("/api/v1/rounds/{}/proposals?{q}", f.round);
            let app = &app;
            async move { app.get(&url).await }
        };
        let page: serde_json::Value = list("q=playgr").await.json().await.unwrap();
        assert_eq!(page["total"], 15, "prefix search: {page}");
        assert!(page["items"].as_array().unwrap().iter().all(|p| p["title"].as_str().unwrap().starts_with("Playground")));
        let page: serde_json::Value = list("q=bicycle+lanes&district=north").await.json().await.unwrap();
        assert_eq!(page["total"], 7, "every word must match, in the district: {page}");
        let page: serde_json::Value = list("q=riverside").await.json().await.unwrap();
        assert_eq!(page["total"], 1, "the place is searched too");
        let page: serde_json::Value = list("status=withdrawn&sort=cost-high").await.json().await.unwrap();
        assert_eq!(page["total"], 9);
        assert_eq!(page["items"][0]["cost"], 10_000 + 40 * 100);
        let page: serde_json::Value = list("min_cost=100.00&max_cost=101.00&sort=cost-low").await.json().await.unwrap();
        // 100.00 and 101.00 (two of ours) plus the fixture's S1 and NX at 100.00.
        assert_eq!(page["total"], 4, "100.00 to 101.00 inclusive: {page}");
        assert_eq!(page["items"][0]["cost"], 10_000);
        // 50 proposals in all (5 from the fixture): three pages of 20.
        let first: serde_json::Value = list("").await.json().await.unwrap();
        assert_eq!((first["total"].as_i64(), first["pages"].as_i64()), (Some(50), Some(3)));
        let third: serde_json::Value = list("page=3").await.json().await.unwrap();
        assert_eq!(third["items"].as_array().unwrap().len(), 10);
        let ids = |p: &serde_json::Value| p["items"].as_array().unwrap().iter().map(|i| i["id"].as_i64().unwrap()).collect::<Vec<_>>();
        let second: serde_json::Value = list("page=2").await.json().await.unwrap();
        assert!(ids(&first).iter().all(|id| !ids(&second).contains(id)), "pages do not overlap");
        // Each filter alone agrees with the whole list filtered here; the oldest comes first
        // in the oldest-first order and last in the default one.
        let everything: Vec<serde_json::Value> = [&first, &second, &third].iter().flat_map(|p| p["items"].as_array().unwrap().clone()).collect();
        assert_eq!(everything.len(), 50);
        let count = |keep: &dyn Fn(&serde_json::Value) -> bool| everything.iter().filter(|p| keep(p)).count() as i64;
        let total = |q: &'static str| async move { list(q).await.json::<serde_json::Value>().await.unwrap()["total"].as_i64().unwrap() };
        assert_eq!(total("min_cost=140.00").await, count(&|p| p["cost"].as_i64().unwrap() >= 14_000));
        assert_eq!(total("max_cost=100.50").await, count(&|p| p["cost"].as_i64().unwrap() <= 10_050));
        assert_eq!(total("district=citywide").await, count(&|p| p["district_id"].is_null()));
        assert_eq!(total("status=submitted&district=south").await, count(&|p| p["status"] == "submitted" && p["district_id"].as_i64() == Some(f.south)));
        let oldest: serde_json::Value = list("sort=oldest").await.json().await.unwrap();
        assert_eq!(oldest["items"][0]["id"], third["items"][9]["id"]);
        // Words that are not words, and odd filters: a clear 422 or simply nothing found.
        let page: serde_json::Value = list("q=%22%2A%29%28+OR+1%3D1+--").await.json().await.unwrap();
        assert_eq!(page["total"], 0);
        let res = list("min_cost=lots&page=0&sort=random&district=atlantis").await;
        assert_eq!(res.status(), 422);
        let body: serde_json::Value = res.json().await.unwrap();
        for field in ["min_cost", "page", "sort", "district"] {
            assert!(body["fields"][field].is_string(), "{field}: {body}");
        }
        // The page, without JavaScript: filters in a GET form, pagination links keep them.
        let html = app.get_html(&format!("/rounds/{}/proposals?q=library&sort=title", f.round)).await.text().await.unwrap();
        assert!(html.contains("15 proposals"), "{html}");
        let html = app.get_html(&format!("/rounds/{}/proposals?sort=title", f.round)).await.text().await.unwrap();
        assert!(html.contains("page=2") && html.contains("sort=title") && html.contains("rel=\"next\""));
        let res = app.get_html(&format!("/rounds/{}/proposals?min_cost=lots", f.round)).await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("id=\"min_cost-error\""));
    }
}

/// A citizen of `north` who can log in with a browser.
fn resident(app: &TestApp, email: &str) {
    use budgetbox::db::models::{district, user};
    let mut conn = app.conn();
    let north = district::all(&mut conn)
        .unwrap()
        .into_iter()
        .find(|d| d.slug == "north")
        .unwrap()
        .id;
    user::insert(
        &mut conn,
        &user::NewUser {
            email,
            display_name: email.split('@').next().unwrap(),
            password_hash: &budgetbox::auth::password::hash(PASSWORD),
            role: "citizen",
            gender: None,
            birth_year: Some(1985),
            district_id: Some(north),
            created_at: chrono::Utc::now().naive_utc(),
        },
    )
    .unwrap();
}

async fn browser_of(app: &TestApp, email: &str) -> reqwest::Client {
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

both_backends_with_clock! {
    async fn supports_reach_a_threshold_and_moderators_hide_abuse(app) {
        let (round, council, citizen) = round(&app, json!({"supports": "on", "support_threshold": "2", "max_proposals_per_author": "2"})).await;
        let (status, first) = submit(&app, round, &citizen, &idea("Trees on the canal", "1000")).await;
        assert_eq!(status, 201, "{first}");
        let (status, second) = submit(&app, round, &citizen, &idea("Benches by the canal", "800")).await;
        assert_eq!(status, 201, "{second}");
        let (status, third) = submit(&app, round, &citizen, &idea("A third idea here", "500")).await;
        assert_eq!(status, 409);
        assert!(third["error"].as_str().unwrap().contains("you already have 2 proposals"), "the round's limit: {third}");
        let (p1, p2) = (first["id"].as_i64().unwrap(), second["id"].as_i64().unwrap());

        // Supports: once per person, not one's own, only while proposals are collected.
        resident(&app, "bo@example.org");
        resident(&app, "cy@example.org");
        let bo = browser_of(&app, "bo@example.org").await;
        let cy = browser_of(&app, "cy@example.org").await;
        let ana = browser_of(&app, "ana@example.org").await;
        let support = |client: &reqwest::Client, id: i64| {
            let (client, app) = (client.clone(), &app);
            async move { app.submit_with(&client, &format!("/proposals/{id}"), &format!("/proposals/{id}/support"), &[]).await.status() }
        };
        assert_eq!(support(&bo, p1).await, 303);
        assert_eq!(support(&bo, p1).await, 409, "once per person");
        assert_eq!(support(&ana, p1).await, 409, "not one's own");
        assert_eq!(support(&cy, p1).await, 303);
        assert_eq!(support(&cy, p2).await, 303);
        let res = app.submit_with(&cy, &format!("/proposals/{p2}"), &format!("/proposals/{p2}/unsupport"), &[]).await;
        assert_eq!(res.status(), 303, "a support can be taken back");
        assert_eq!(support(&cy, p2).await, 303);
        let page = app.get_html(&format!("/proposals/{p1}")).await.text().await.unwrap();
        assert!(page.contains("<strong>2</strong> supports (2 needed to be reviewed)"), "{page}");

        // Review: a proposal short of the threshold is not reviewed.
        app.clock.set(at("2026-05-10T12:00"));
        assert_eq!(support(&bo, p2).await, 403, "supports close with the proposal phase");
        let review = |id: i64| {
            let (council, app) = (council.clone(), &app);
            async move { app.send_bearer(Method::POST, &format!("/api/v1/proposals/{id}/review"), &council, &json!({"decision": "feasible", "reason": "Fits the plan."})).await }
        };
        let res = review(p2).await;
        assert_eq!(res.status(), 409);
        assert!(res.json::<Value>().await.unwrap()["error"].as_str().unwrap().contains("gathered 1 of the 2 supports"));
        assert!(review(p1).await.status().is_success());

        // Reports and moderation.
        let flag = |client: &reqwest::Client, reason: &str| {
            let (client, app, reason) = (client.clone(), &app, reason.to_string());
            async move { app.submit_with(&client, &format!("/proposals/{p2}"), &format!("/proposals/{p2}/flag"), &[("reason", &reason)]).await.status() }
        };
        assert_eq!(flag(&bo, "bad").await, 422, "a reason of a few words");
        assert_eq!(flag(&bo, "Insults a neighbour by name").await, 303);
        assert_eq!(flag(&bo, "Insults a neighbour by name").await, 409, "once per person");
        let moderator = browser_of(&app, "council@example.org").await;
        let flags_page = moderator.get(app.url(&format!("/review/rounds/{round}/flags"))).header("Accept", "text/html").send().await.unwrap().text().await.unwrap();
        assert!(flags_page.contains("Insults a neighbour by name") && flags_page.contains("Benches by the canal"));
        assert_eq!(app.get_html(&format!("/review/rounds/{round}/flags")).await.status(), 303, "residents are sent to log in");
        let res = app.submit_with(&moderator, &format!("/proposals/{p2}"), &format!("/proposals/{p2}/moderate"), &[("action", "hide"), ("moderation_reason", "Personal attack on a resident")]).await;
        assert_eq!(res.status(), 303);
        let public: Value = app.get(&format!("/api/v1/proposals/{p2}")).await.json().await.unwrap();
        assert_eq!(public["title"], "Hidden by the moderators");
        assert_eq!(public["description"], "");
        assert_eq!(public["hidden_reason"], "Personal attack on a resident");
        let staff: Value = app.get_bearer(&format!("/api/v1/proposals/{p2}"), &council).await.json().await.unwrap();
        assert_eq!(staff["title"], "Benches by the canal", "moderators still see it");
        let found: Value = app.get(&format!("/api/v1/rounds/{round}/proposals?q=canal")).await.json().await.unwrap();
        assert_eq!(found["total"], 1, "{found}");
        assert_eq!(found["items"][0]["id"], p1, "hidden text cannot be found by searching");
        let page = app.get_html(&format!("/proposals/{p2}")).await.text().await.unwrap();
        assert!(!page.contains("Benches by the canal") && page.contains("Personal attack on a resident"));
        let log = budgetbox::db::models::audit::latest(&mut app.conn(), 20).unwrap();
        assert!(log.iter().any(|e| e.action == "proposal hidden" && e.detail.contains("Benches by the canal")), "the hidden text stays on record");
        let res = app.submit_with(&bo, &format!("/proposals/{p2}"), &format!("/proposals/{p2}/moderate"), &[("action", "hide"), ("moderation_reason", "I do not like it")]).await;
        assert_eq!(res.status(), 403, "residents cannot moderate");
        let res = bo.get(app.url(&format!("/proposals/{p2}/edit"))).header("Accept", "text/html").send().await.unwrap();
        assert_eq!(res.status(), 403, "only the author opens the edit form");
        assert!(!res.text().await.unwrap().contains("Benches by the canal"), "nor does it show hidden text");
    }
}

both_backends_with_clock! {
    async fn reviewers_ask_for_changes_and_merge_duplicates_and_authors_add_pictures(app) {
        let (round, _council, citizen) = round(&app, json!({})).await;
        let (_, p1) = submit(&app, round, &citizen, &idea("Trees on the canal", "1000")).await;
        let (_, p2) = submit(&app, round, &citizen, &idea("Benches by the canal", "800")).await;
        resident(&app, "bo@example.org");
        let bo = app.api_login("bo@example.org", PASSWORD).await;
        let (_, p3) = submit(&app, round, &bo, &idea("Plant trees along the canal", "900")).await;
        let (p1, p2, p3) = (p1["id"].as_i64().unwrap(), p2["id"].as_i64().unwrap(), p3["id"].as_i64().unwrap());

        // A picture: sniffed, size-limited, served with safe headers; only the author's.
        app.submit("/login", "/login", &[("email", "ana@example.org"), ("password", PASSWORD)]).await;
        let page = format!("/proposals/{p1}");
        let action = format!("/proposals/{p1}/image");
        let png = crate::security::picture(image::ImageFormat::Png);
        let res = crate::simulate::upload(&app, &page, &action, "tree.png", png.clone(), true).await;
        assert_eq!(res.status(), 303);
        let picture = app.get(&action).await;
        assert_eq!(picture.headers()["content-type"], "image/png");
        assert_eq!(picture.headers()["x-content-type-options"], "nosniff");
        let served = image::load_from_memory(&picture.bytes().await.unwrap()).unwrap().to_rgb8();
        assert_eq!(served, image::load_from_memory(&png).unwrap().to_rgb8(), "the same pixels");
        let res = crate::simulate::upload(&app, &page, &action, "tree.png", b"<svg onload=alert(1)>".to_vec(), true).await;
        assert_eq!(res.status(), 422);
        assert!(res.text().await.unwrap().contains("This file is not a JPEG, PNG or WebP picture."));
        let res = crate::simulate::upload(&app, &page, &action, "big.jpg", vec![0xFF; 6 * 1024 * 1024], true).await;
        assert_eq!(res.status(), 413, "over 5 MB");
        let res = crate::simulate::upload(&app, &page, &action, "tree.png", png.clone(), false).await;
        assert_eq!(res.status(), 403, "no CSRF token, no upload");
        let other = format!("/proposals/{p3}/image");
        let res = crate::simulate::upload(&app, &format!("/proposals/{p3}"), &other, "x.png", png.clone(), true).await;
        assert_eq!(res.status(), 403, "not the author");
        assert_eq!(app.get(&other).await.status(), 404);

        // Review: ask for changes; the author may edit that one proposal once more.
        app.clock.set(at("2026-05-10T12:00"));
        let council = app.new_browser();
        app.submit_with(&council, "/login", "/login", &[("email", "council@example.org"), ("password", PASSWORD)]).await;
        let res = app.submit_with(&council, &format!("/proposals/{p1}"), &format!("/proposals/{p1}/request-changes"), &[("change_reason", "Say which stretch of the canal")]).await;
        assert_eq!(res.status(), 303);
        let edit = |id: i64, title: &str| {
            let (app, citizen, body) = (&app, citizen.clone(), idea(title, "1000"));
            async move { app.send_bearer(Method::PUT, &format!("/api/v1/proposals/{id}"), &citizen, &body).await.status() }
        };
        assert_eq!(edit(p2, "Benches by the old canal").await, 403, "no changes were asked for this one");
        assert_eq!(edit(p1, "Trees on the canal, lock 3 to lock 5").await, 200);
        assert_eq!(edit(p1, "Trees again and again").await, 403, "one edit answers the request");
        let view: Value = app.get(&format!("/api/v1/proposals/{p1}")).await.json().await.unwrap();
        assert!(view["change_requests"][0]["answered_at"].is_string(), "{view}");

        // Merge a duplicate: it leaves the list and the review; the other credits both authors.
        // One already found feasible leaves the ballot too, or residents would split their votes.
        let res = app.submit_with(&council, &format!("/proposals/{p3}"), &format!("/proposals/{p3}/review"), &[("decision", "feasible"), ("validated_cost", ""), ("reason", "Fits the plan")]).await;
        assert_eq!(res.status(), 303);
        let res = app.submit_with(&council, &format!("/proposals/{p3}"), &format!("/proposals/{p3}/merge"), &[("into", &p3.to_string()), ("merge_reason", "The same trees")]).await;
        assert_eq!(res.status(), 422, "not into itself");
        let res = app.submit_with(&council, &format!("/proposals/{p3}"), &format!("/proposals/{p3}/merge"), &[("into", &p1.to_string()), ("merge_reason", "The same trees on the same canal")]).await;
        assert_eq!(res.status(), 303);
        let merged: Value = app.get(&format!("/api/v1/proposals/{p3}")).await.json().await.unwrap();
        assert_eq!(merged["merged_into"][0], p1);
        let target: Value = app.get(&format!("/api/v1/proposals/{p1}")).await.json().await.unwrap();
        assert_eq!(target["co_authors"], json!(["bo"]));
        let page = app.get_html(&format!("/proposals/{p1}")).await.text().await.unwrap();
        assert!(page.contains("proposed by Ana, bo"), "both authors credited");
        let listed: Value = app.get(&format!("/api/v1/rounds/{round}/proposals?q=trees")).await.json().await.unwrap();
        assert_eq!(listed["total"], 2, "{listed}");
        assert!(listed["items"].as_array().unwrap().iter().all(|i| i["id"] != p3), "the duplicate leaves the list: {listed}");
        let detail: Value = app.get(&format!("/api/v1/rounds/{round}")).await.json().await.unwrap();
        assert_eq!(detail["proposal_count"], 2, "the round counts what its list shows: {detail}");
        let duplicate = detail["projects"].as_array().unwrap().iter().find(|p| p["id"] == p3).unwrap();
        assert_ne!(duplicate["status"], "feasible", "the duplicate is off the ballot: {duplicate}");
        let page = app.get_html(&format!("/rounds/{round}")).await.text().await.unwrap();
        assert!(!page.contains("Plant trees along the canal"), "nor on the round's page");
        let res = app.submit_with(&council, &format!("/proposals/{p1}"), &format!("/proposals/{p3}/review"), &[("decision", "feasible"), ("validated_cost", ""), ("reason", "Fits the plan")]).await;
        assert_eq!(res.status(), 409, "a merged duplicate is not reviewed");
        let res = app.submit_with(&app.new_browser(), "/login", &format!("/proposals/{p2}/merge"), &[("into", &p1.to_string()), ("merge_reason", "Residents cannot merge")]).await;
        assert_eq!(res.status(), 303, "not logged in: sent to log in");
    }
}
