//! The conversation on proposals through the API and the pages, on both backends: comments and
//! one level of replies, official answers, editing for 10 minutes, deleting, reporting once,
//! moderators hiding with a public reason, the round's settings, limits and hostile input.

use reqwest::Method;
use serde_json::{json, Value};

use crate::ballots::{at, fixture, Fixture, PASSWORD};
use crate::helpers::TestApp;

/// The fixture's round configuration, with some fields changed (PUT replaces it whole).
fn config(extra: Value) -> Value {
    let mut config = json!({
        "title": "Ballot test", "total_budget": "5000", "districts": "north=1000\nsouth=1000",
        "ballot_type": "approval", "min_choices": "1", "max_choices": "2", "rule": "greedy",
        "proposals_open_at": "2026-04-01T09:00", "review_at": "2026-05-01T09:00",
        "voting_open_at": "2026-06-01T09:00", "voting_close_at": "2026-06-15T18:00", "residence": "self-declared"
    });
    for (k, v) in extra.as_object().unwrap() {
        config[k] = v.clone();
    }
    config
}

/// A proposal written by a resident, in the fixture's round.
fn authored_proposal(app: &TestApp, f: &Fixture, author: i64) -> i64 {
    use budgetbox::db::models::proposal;
    let now = at("2026-04-02T10:00");
    proposal::insert(
        &mut app.conn(),
        &proposal::NewProposal {
            round_id: f.round,
            district_id: Some(f.north),
            author_id: Some(author),
            title: "Benches by the river",
            description: "Six benches along the river path.",
            category: None,
            location: None,
            estimated_cost: 20_000,
            validated_cost: None,
            status: "submitted",
            created_at: now,
            updated_at: now,
        },
    )
    .unwrap()
}

/// Both backends, with mail sent to a port nobody listens on: every message stays in the
/// outbox, where the test reads it (a file or SMTP transport would take it away).
macro_rules! both_backends_keeping_mail {
    ($(async fn $name:ident($app:ident) $body:block)*) => {$(
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run($app: TestApp) $body

            async fn spawn(backend: crate::helpers::Backend) -> Option<TestApp> {
                let port = crate::cli::free_port();
                let mail = budgetbox::config::MailSettings::parse(
                    Some(&format!("smtp://127.0.0.1:{port}")),
                    Some("Riverton budget <budget@riverton.example>"),
                    None,
                )
                .expect("valid mail settings");
                let start = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap().and_hms_opt(12, 0, 0).unwrap();
                crate::helpers::spawn_app_with(backend, budgetbox::web::Clock::manual(start), mail, None).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                run(spawn(crate::helpers::Backend::Sqlite).await.expect("SQLite always runs")).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(app) = spawn(crate::helpers::Backend::Postgres).await {
                    run(app).await;
                }
            }
        }
    )*};
}

/// (recipient, subject) of every message waiting in the outbox.
fn outbox(app: &TestApp) -> Vec<(String, String)> {
    use budgetbox::db::schema::outbox;
    use diesel::prelude::*;
    outbox::table
        .select((outbox::recipient, outbox::subject))
        .load(&mut app.conn())
        .unwrap()
}

async fn post(app: &TestApp, token: &str, proposal: i64, body: Value) -> reqwest::Response {
    app.send_bearer(
        Method::POST,
        &format!("/api/v1/proposals/{proposal}/comments"),
        token,
        &body,
    )
    .await
}

async fn comments(app: &TestApp, token: Option<&str>, proposal: i64, query: &str) -> Value {
    let path = format!("/api/v1/proposals/{proposal}/comments{query}");
    let res = match token {
        Some(t) => app.get_bearer(&path, t).await,
        None => app.get(&path).await,
    };
    assert_eq!(res.status(), 200);
    res.json().await.unwrap()
}

both_backends_keeping_mail! {
    async fn residents_discuss_a_proposal_and_moderators_hide_abuse(app) {
        let f = fixture(&app, "approval", json!({})).await;
        app.clock.set(at("2026-04-10T12:00"));
        let author_id = app.create_user("author@example.org", PASSWORD, "citizen");
        let follower_id = app.create_user("follower@example.org", PASSWORD, "citizen");
        app.create_user("reviewer@example.org", PASSWORD, "reviewer");
        let p = authored_proposal(&app, &f, author_id);
        let voter = app.api_login("voter@example.org", PASSWORD).await;
        let author = app.api_login("author@example.org", PASSWORD).await;
        let follower = app.api_login("follower@example.org", PASSWORD).await;
        let council = app.api_login("council@example.org", PASSWORD).await;
        let reviewer = app.api_login("reviewer@example.org", PASSWORD).await;
        assert_eq!(app.send_bearer(Method::POST, &format!("/api/v1/proposals/{p}/follow"), &follower, &json!({})).await.status(), 204);

        // Anonymous readers read; only signed-in residents write.
        let anon = comments(&app, None, p, "").await;
        assert_eq!(anon["can_comment"], false);
        assert!(anon["closed_reason"].as_str().unwrap().contains("Sign in"));
        let res = app.client.post(app.url(&format!("/api/v1/proposals/{p}/comments"))).json(&json!({"body": "hi"})).send().await.unwrap();
        assert_eq!(res.status(), 401);

        // Hostile and overlong input.
        let xss = "<script>alert(1)</script><img src=x onerror=alert(2)> Where exactly? See https://example.org/map?a=1&b=2 and javascript:alert(3)";
        let res = post(&app, &voter, p, json!({"body": xss})).await;
        assert_eq!(res.status(), 201);
        let first: Value = res.json().await.unwrap();
        assert_eq!(first["body"], xss, "kept as typed, escaped where shown");
        assert_eq!(first["official"], Value::Null);
        for body in ["", "   ", &"x".repeat(2001)] {
            let res = post(&app, &voter, p, json!({"body": body})).await;
            assert_eq!(res.status(), 422, "{body:.20}");
            assert!(res.json::<Value>().await.unwrap()["fields"]["body"].is_string());
        }
        assert_eq!(post(&app, &voter, p, json!({"body": "x".repeat(2000)})).await.status(), 201, "2000 characters fit");
        let page = app.get_html(&format!("/proposals/{p}")).await.text().await.unwrap();
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"), "escaped on the page");
        assert!(!page.contains("<script>alert(1)") && !page.contains("<img src=x"));
        assert!(page.contains("<a href=\"https://example.org/map?a=1&amp;b=2\" rel=\"nofollow ugc\">https://example.org/map?a=1&amp;b=2</a>"), "links are clickable");
        assert!(!page.contains("href=\"javascript:"), "only web links become links");

        // Replies: one level; the author's and the council's answers are official.
        let first_id = first["id"].as_i64().unwrap();
        let res = post(&app, &author, p, json!({"body": "Along the path from the bridge to the mill.", "parent_id": first_id})).await;
        assert_eq!(res.status(), 201);
        let reply: Value = res.json().await.unwrap();
        assert_eq!(reply["official"], "author");
        let res = post(&app, &voter, p, json!({"body": "Thanks", "parent_id": reply["id"]})).await;
        assert_eq!(res.status(), 422, "no replies to replies");
        let res = post(&app, &council, p, json!({"body": "The parks department checked the path: it is wide enough.", "parent_id": first_id})).await;
        assert_eq!(res.status(), 201);
        assert_eq!(res.json::<Value>().await.unwrap()["official"], "council");
        let other = app.send_bearer(Method::POST, &format!("/api/v1/proposals/{}/comments", f.north_projects[0]), &voter, &json!({"body": "Elsewhere"})).await.json::<Value>().await.unwrap();
        assert_eq!(post(&app, &voter, p, json!({"body": "Wrong thread", "parent_id": other["id"]})).await.status(), 422, "the parent must be on this proposal");
        // Followers hear of official answers; the author of an answer is not told of it.
        let mail = outbox(&app);
        assert_eq!(mail.iter().filter(|(to, s)| to == "follower@example.org" && s.contains("official answer")).count(), 2, "{mail:?}");
        assert_eq!(mail.iter().filter(|(to, s)| to == "author@example.org" && s.contains("official answer")).count(), 1, "the council's answer only: {mail:?}");

        // Editing: the author, for 10 minutes; "edited" shows after.
        let path = format!("/api/v1/comments/{first_id}");
        assert_eq!(app.send_bearer(Method::PATCH, &path, &follower, &json!({"body": "Hijacked"})).await.status(), 403);
        let res = app.send_bearer(Method::PATCH, &path, &voter, &json!({"body": "Where exactly would the benches go? https://example.org/map"})).await;
        assert_eq!(res.status(), 200);
        assert_eq!(res.json::<Value>().await.unwrap()["edited"], true);
        app.clock.set(at("2026-04-10T12:10"));
        let res = app.send_bearer(Method::PATCH, &path, &voter, &json!({"body": "Too late"})).await;
        assert_eq!(res.status(), 409);
        assert!(res.json::<Value>().await.unwrap()["error"].as_str().unwrap().contains("10 minutes"));

        // Reporting: once per account; moderators see the queue, oldest first.
        let flag = |token: String, id: i64| {
            let app = &app;
            async move { app.send_bearer(Method::POST, &format!("/api/v1/comments/{id}/flag"), &token, &json!({"reason": "Off topic and rude"})).await.status() }
        };
        let long_id = comments(&app, None, p, "?order=oldest").await["comments"][1]["id"].as_i64().unwrap();
        assert_eq!(flag(follower.clone(), long_id).await, 204);
        assert_eq!(flag(follower.clone(), long_id).await, 409, "once per account");
        assert_eq!(flag(author.clone(), first_id).await, 204);
        assert_eq!(flag(follower.clone(), 999_999).await, 404);
        assert_eq!(app.get_bearer("/api/v1/moderation/comments", &voter).await.status(), 403);
        let queue: Value = app.get_bearer("/api/v1/moderation/comments", &reviewer).await.json().await.unwrap();
        let ids: Vec<i64> = queue.as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect();
        assert_eq!(ids, vec![long_id, first_id], "oldest report first");

        // Hiding: moderators only, with a public reason; the text is gone everywhere.
        let hide = format!("/api/v1/comments/{long_id}/hide");
        assert_eq!(app.send_bearer(Method::POST, &hide, &voter, &json!({"reason": "Spam spam"})).await.status(), 403);
        assert_eq!(app.send_bearer(Method::POST, &hide, &reviewer, &json!({"reason": ""})).await.status(), 422, "a reason is needed");
        let res = app.send_bearer(Method::POST, &hide, &reviewer, &json!({"reason": "Repeated text with no question (rule 3)"})).await;
        assert_eq!(res.status(), 200);
        let hidden: Value = res.json().await.unwrap();
        assert_eq!((hidden["state"].as_str(), hidden["body"].as_str()), (Some("hidden"), None));
        assert_eq!(app.send_bearer(Method::POST, &hide, &reviewer, &json!({"reason": "Again and again"})).await.status(), 409);
        let secret = "x".repeat(2000);
        let mut everywhere = vec![
            comments(&app, None, p, "?order=oldest").await.to_string(),
            comments(&app, Some(&voter), p, "").await.to_string(),
            comments(&app, Some(&council), p, "").await.to_string(),
            app.get_bearer("/api/v1/moderation/comments", &council).await.text().await.unwrap(),
            app.get_bearer("/api/v1/audit-log", &council).await.text().await.unwrap(),
            app.get_bearer(&format!("/api/v1/proposals/{p}"), &council).await.text().await.unwrap(),
        ];
        for lang in ["en", "es", "pl"] {
            let res = app.client.get(app.url(&format!("/proposals/{p}"))).header("accept", "text/html").header("accept-language", lang).send().await.unwrap();
            let page = res.text().await.unwrap();
            assert!(page.contains("Repeated text with no question (rule 3)"), "the public reason is shown ({lang})");
            everywhere.push(page);
        }
        for text in &everywhere {
            assert!(!text.contains(&secret), "the hidden text is gone");
        }
        let queue: Value = app.get_bearer("/api/v1/moderation/comments", &reviewer).await.json().await.unwrap();
        assert_eq!(queue.as_array().unwrap().len(), 1, "the hidden comment left the queue");
        let mail = outbox(&app);
        assert!(mail.iter().any(|(to, s)| to == "voter@example.org" && s.contains("comment") && s.contains("hidden")), "the author is told: {mail:?}");
        let log = app.get_bearer("/api/v1/audit-log", &council).await.text().await.unwrap();
        assert!(log.contains("comment hidden") && log.contains("text_sha256"), "moderation is on record");
        assert_eq!(app.send_bearer(Method::POST, &format!("/api/v1/comments/{first_id}/keep"), &reviewer, &json!({})).await.status(), 204);
        let queue: Value = app.get_bearer("/api/v1/moderation/comments", &reviewer).await.json().await.unwrap();
        assert_eq!(queue.as_array().unwrap().len(), 0);
        assert!(app.get_bearer("/api/v1/audit-log", &council).await.text().await.unwrap().contains("comment kept after reports"));

        // Deleting: its author only; "comment deleted" keeps the thread's shape.
        assert_eq!(app.send_bearer(Method::DELETE, &path, &follower, &json!({})).await.status(), 403);
        assert_eq!(app.send_bearer(Method::DELETE, &path, &voter, &json!({})).await.status(), 204);
        let list = comments(&app, None, p, "?order=oldest").await;
        let thread = &list["comments"][0];
        assert_eq!((thread["state"].as_str(), thread["body"].as_str(), thread["author"].as_str()), (Some("deleted"), None, None));
        assert_eq!(thread["replies"].as_array().unwrap().len(), 2, "the replies stay");
        assert_eq!(post(&app, &voter, p, json!({"body": "Reply to nothing", "parent_id": first_id})).await.status(), 409);
        let page = app.get_html(&format!("/proposals/{p}")).await.text().await.unwrap();
        assert!(page.contains("Comment deleted"), "{page}");

        // A rate limit per account: 5 comments in 10 minutes.
        app.clock.set(at("2026-04-11T09:00"));
        for n in 0..5 {
            assert_eq!(post(&app, &follower, p, json!({"body": format!("Point {n}")})).await.status(), 201);
        }
        let res = post(&app, &follower, p, json!({"body": "One more"})).await;
        assert_eq!(res.status(), 429);
        assert!(res.headers().contains_key("retry-after"));
        app.clock.set(at("2026-04-11T09:11"));
        assert_eq!(post(&app, &follower, p, json!({"body": "Later"})).await.status(), 201);

        // Closed while voting (the default), so the ballot is not lobbied on.
        app.clock.set(at("2026-06-05T12:00"));
        let res = post(&app, &voter, p, json!({"body": "Vote for it!"})).await;
        assert_eq!(res.status(), 403);
        assert!(res.json::<Value>().await.unwrap()["error"].as_str().unwrap().contains("closed now"));
        let _ = follower_id;
    }
}

both_backends_with_clock! {
    async fn the_round_decides_when_and_who_comments(app) {
        let f = fixture(&app, "approval", json!({})).await;
        let council = app.api_login("council@example.org", PASSWORD).await;
        let p = f.north_projects[0];
        // (setting, [draft, proposals, review, voting, results]) whether a resident may comment.
        let cases = [
            ("proposals-review", [false, true, true, false, false]),
            ("proposals", [false, true, false, false, false]),
            ("until-results", [false, true, true, false, true]),
            ("always", [false, true, true, true, true]),
            ("never", [false, false, false, false, false]),
        ];
        let times = ["2026-03-20T12:00", "2026-04-10T12:00", "2026-05-10T12:00", "2026-06-05T12:00", "2026-06-20T12:00"];
        let mut checked = 0;
        for (setting, open) in cases {
            app.clock.set(at("2026-03-01T12:00"));
            let res = app.send_bearer(Method::PUT, &format!("/api/v1/rounds/{}", f.round), &council, &config(json!({"comments": setting}))).await;
            assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
            for (time, expected) in times.iter().zip(open) {
                app.clock.set(at(time));
                let voter = app.api_login("voter@example.org", PASSWORD).await;
                let page = comments(&app, Some(&voter), p, "").await;
                assert_eq!(page["can_comment"], expected, "{setting} at {time}: {page}");
                checked += 1;
            }
        }
        println!("comment settings checked: {checked} (setting × phase)");
        // The council's settings page shows the stored choice.
        let browser = app.new_browser();
        app.submit_with(&browser, "/login", "/login", &[("email", "council@example.org"), ("password", PASSWORD)]).await;
        let settings = browser.get(app.url(&format!("/council/rounds/{}", f.round))).send().await.unwrap().text().await.unwrap();
        assert!(settings.contains("name=\"comments\" value=\"never\" checked"), "{settings}");
        app.clock.set(at("2026-03-01T12:00"));
        let res = app.send_bearer(Method::PUT, &format!("/api/v1/rounds/{}", f.round), &council, &config(json!({"comments": "sometimes"}))).await;
        assert_eq!(res.status(), 422);
        assert!(res.json::<Value>().await.unwrap()["fields"]["comments"].is_string());

        // A minimum account age and a verified address.
        let res = app.send_bearer(Method::PUT, &format!("/api/v1/rounds/{}", f.round), &council,
            &config(json!({"comment_min_account_days": "30", "comment_requires_verified_email": "on"}))).await;
        assert_eq!(res.status(), 200);
        app.clock.set(at("2026-04-10T12:00"));
        let set_account = |created: &str, verified: bool| {
            use budgetbox::db::schema::users;
            use diesel::prelude::*;
            diesel::update(users::table.filter(users::email.eq("voter@example.org")))
                .set((users::created_at.eq(at(created)), users::email_verified.eq(i32::from(verified))))
                .execute(&mut app.conn()).unwrap();
        };
        set_account("2026-04-01T00:00", false);
        let voter = app.api_login("voter@example.org", PASSWORD).await;
        let res = post(&app, &voter, p, json!({"body": "Hello"})).await;
        assert_eq!(res.status(), 403);
        assert!(res.json::<Value>().await.unwrap()["error"].as_str().unwrap().contains("Confirm your email"));
        set_account("2026-04-01T00:00", true);
        let res = post(&app, &voter, p, json!({"body": "Hello"})).await;
        assert_eq!(res.status(), 403);
        assert!(res.json::<Value>().await.unwrap()["error"].as_str().unwrap().contains("from 2026-05-01"));
        set_account("2026-03-01T00:00", true);
        assert_eq!(post(&app, &voter, p, json!({"body": "Hello"})).await.status(), 201);
        // Staff answer whatever the account rules.
        assert_eq!(post(&app, &council, p, json!({"body": "Welcome"})).await.status(), 201);
    }
}

both_backends_with_clock! {
    async fn pages_of_fifty_newest_or_oldest_first(app) {
        let f = fixture(&app, "approval", json!({})).await;
        let p = f.north_projects[0];
        {
            use budgetbox::db::models::comment;
            let mut conn = app.conn();
            for n in 0..120 {
                comment::insert(&mut conn, &comment::NewComment {
                    proposal_id: p, parent_id: None, author_id: None, body: &format!("Comment number {n}"), official: None,
                    created_at: at("2026-04-02T10:00") + chrono::Duration::minutes(n),
                }).unwrap();
            }
        }
        let newest = comments(&app, None, p, "").await;
        assert_eq!((newest["pages"].as_i64(), newest["threads"].as_i64()), (Some(3), Some(120)));
        assert_eq!(newest["comments"].as_array().unwrap().len(), 50);
        assert_eq!(newest["comments"][0]["body"], "Comment number 119");
        let last = comments(&app, None, p, "?order=oldest&page=3").await;
        assert_eq!(last["comments"].as_array().unwrap().len(), 20);
        assert_eq!(last["comments"][19]["body"], "Comment number 119");
        assert_eq!(comments(&app, None, p, "?page=zero").await["page"], 1, "a mistyped page shows the first");
        let page = app.get_html(&format!("/proposals/{p}?order=oldest&page=2")).await.text().await.unwrap();
        assert!(page.contains("Comment number 50") && !page.contains("Comment number 49<"), "page 2, oldest first");
        assert!(page.contains("order=oldest&amp;page=3#comments") && page.contains("order=oldest&amp;page=1#comments"), "links to the next and previous pages");
        assert!(page.contains("order=newest"), "a link to change the order");
        assert_eq!(app.get("/api/v1/proposals/999999/comments").await.status(), 404);
    }
}

both_backends_with_clock! {
    async fn followers_without_mail_find_the_news_on_their_account_page(app) {
        let f = fixture(&app, "approval", json!({})).await;
        app.clock.set(at("2026-04-10T12:00"));
        let author_id = app.create_user("author@example.org", PASSWORD, "citizen");
        app.create_user("follower@example.org", PASSWORD, "citizen");
        let p = authored_proposal(&app, &f, author_id);
        let council = app.api_login("council@example.org", PASSWORD).await;
        let author = app.api_login("author@example.org", PASSWORD).await;
        let follower = app.new_browser();
        app.submit_with(&follower, "/login", "/login", &[("email", "follower@example.org"), ("password", PASSWORD)]).await;
        let res = app.submit_with(&follower, &format!("/proposals/{p}"), &format!("/proposals/{p}/follow"), &[]).await;
        assert_eq!(res.status(), 303);

        assert_eq!(post(&app, &author, p, json!({"body": "The benches would be oak."})).await.status(), 201);
        app.clock.set(at("2026-04-11T12:00"));
        assert_eq!(post(&app, &council, p, json!({"body": "Parks will maintain them."})).await.status(), 201);
        app.clock.set(at("2026-05-10T12:00"));
        let res = app.send_bearer(Method::POST, &format!("/api/v1/proposals/{p}/review"), &council,
            &json!({"decision": "feasible", "validated_cost": "200", "reason": "Fits the path and the budget."})).await;
        assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());

        let page = follower.get(app.url("/account")).send().await.unwrap().text().await.unwrap();
        let followed = page.split("id=\"followed-proposals\"").nth(1).expect("a followed section");
        assert!(followed.contains("Benches by the river"), "{followed}");
        let newest = followed.find("found feasible: Fits the path and the budget.").expect("the review");
        let council_answer = followed.find("the council answered: Parks will maintain them.").expect("the council's answer");
        let author_answer = followed.find("the author answered: The benches would be oak.").expect("the author's answer");
        assert!(newest < council_answer && council_answer < author_answer, "newest first");

        // A proposal moderators hid keeps its news from followers.
        {
            use budgetbox::domain::ProposalId;
            let mailing = budgetbox::domain::notifications::Mailing { public_url: app.url(""), secret: app.secret.expose().to_vec() };
            let staff = budgetbox::db::models::user::find_by_email(&mut app.conn(), "council@example.org").unwrap().unwrap().id;
            budgetbox::domain::proposals::moderate(&mut app.conn(), &mailing, staff, ProposalId(p), true, "Personal data in the text", at("2026-05-10T13:00")).unwrap();
        }
        let page = follower.get(app.url("/account")).send().await.unwrap().text().await.unwrap();
        let followed = page.split("id=\"followed-proposals\"").nth(1).unwrap();
        assert!(!followed.contains("Benches by the river") && !followed.contains("Parks will maintain"), "{followed}");
        assert!(followed.contains("Hidden by the moderators"));
    }
}
