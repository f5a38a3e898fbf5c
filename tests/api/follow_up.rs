//! After the vote: statistics with small cells suppressed, the follow-up of funded projects,
//! and a voter's "what happened to my vote" page.

use reqwest::Method;
use serde_json::{json, Value};

use crate::ballots::{at, cast, fixture};

const PASSWORD: &str = "violet tram umbrella";

/// People who voted, inserted directly: (gender, district, how many).
fn add_voters(
    app: &crate::helpers::TestApp,
    round: i64,
    groups: &[(Option<&str>, Option<i64>, usize)],
) {
    use budgetbox::db::models::{ballot, user};
    let mut conn = app.conn();
    let now = chrono::Utc::now().naive_utc();
    let mut n: i32 = 0;
    for (gender, district, count) in groups {
        for _ in 0..*count {
            n += 1;
            let email = format!("person{n}-{}@example.org", district.unwrap_or(0));
            let id = user::insert(
                &mut conn,
                &user::NewUser {
                    email: &email,
                    display_name: "Person",
                    password_hash: "not-a-login",
                    role: "citizen",
                    gender: *gender,
                    birth_year: Some(1950 + n % 50),
                    district_id: *district,
                    created_at: now,
                },
            )
            .unwrap();
            ballot::record_participations(
                &mut conn,
                &[ballot::NewParticipation {
                    round_id: round,
                    user_id: Some(id),
                    channel: "online",
                    token: &format!("test:{id}"),
                }],
            )
            .unwrap();
        }
    }
}

/// What a reader can work out from a published table by solving, again and again, every row
/// or column (with its total) that has exactly one unknown figure.
fn solvable(table: &Value) -> Vec<(usize, usize)> {
    let rows = table["rows"].as_array().unwrap().len();
    let cols = table["columns"].as_array().unwrap().len();
    // The grid with margins: row r < rows, column c < cols are cells; index rows/cols are totals.
    let value = |cell: &Value| (cell["kind"] == "shown").then(|| cell["count"].as_i64().unwrap());
    let mut grid = vec![vec![None; cols + 1]; rows + 1];
    for r in 0..rows {
        for c in 0..cols {
            grid[r][c] = value(&table["cells"][r][c]);
        }
        grid[r][cols] = value(&table["row_totals"][r]);
    }
    for c in 0..cols {
        grid[rows][c] = value(&table["column_totals"][c]);
    }
    grid[rows][cols] = value(&table["total"]);
    let hidden: Vec<(usize, usize)> = (0..=rows)
        .flat_map(|r| (0..=cols).map(move |c| (r, c)))
        .filter(|&(r, c)| grid[r][c].is_none())
        .collect();
    loop {
        let mut progress = false;
        let lines: Vec<Vec<(usize, usize)>> = (0..=rows)
            .map(|r| (0..=cols).map(|c| (r, c)).collect())
            .chain((0..=cols).map(|c| (0..=rows).map(|r| (r, c)).collect()))
            .collect();
        for line in lines {
            let unknown: Vec<_> = line
                .iter()
                .filter(|&&(r, c)| grid[r][c].is_none())
                .collect();
            if unknown.len() != 1 {
                continue;
            }
            let &(ur, uc) = unknown[0];
            let (total_pos, parts) = (line[line.len() - 1], &line[..line.len() - 1]);
            let sum: i64 = parts.iter().filter_map(|&(r, c)| grid[r][c]).sum();
            grid[ur][uc] = Some(if (ur, uc) == total_pos {
                sum
            } else {
                grid[total_pos.0][total_pos.1].unwrap() - sum
            });
            progress = true;
        }
        if !progress {
            break;
        }
    }
    hidden
        .into_iter()
        .filter(|&(r, c)| grid[r][c].is_some())
        .collect()
}

both_backends_with_clock! {
    async fn small_groups_are_suppressed_and_funded_projects_are_followed_up(app) {
        let f = fixture(&app, "approval", json!({})).await;
        let (status, receipt) = cast(&app, &f, json!({"district": f.north, "projects": [f.north_projects[0], f.north_projects[1]]})).await;
        assert_eq!(status, 201, "{receipt}");
        let code = receipt["tracking_code"].as_str().unwrap().to_string();
        // North: 3 women, 25 men, 12 not stated (plus the fixture's voter, not stated); one
        // woman gave no district.
        add_voters(&app, f.round, &[
            (Some("female"), Some(f.north), 3), (Some("male"), Some(f.north), 25), (None, Some(f.north), 12),
            (Some("female"), Some(f.south), 30), (Some("male"), Some(f.south), 28), (Some("prefer-not-to-say"), Some(f.south), 11),
            (Some("female"), None, 1),
        ]);
        let council = app.api_login("council@example.org", PASSWORD).await;
        assert_eq!(app.get(&format!("/api/v1/rounds/{}/statistics", f.round)).await.status(), 403, "not public before the results");
        assert_eq!(app.get_bearer(&format!("/api/v1/rounds/{}/statistics", f.round), &council).await.status(), 200, "council may look early");

        app.clock.set(at("2026-06-16T10:00"));
        let res = app.send_bearer(Method::POST, &format!("/api/v1/rounds/{}/count", f.round), &council, &json!({})).await;
        assert_eq!(res.status(), 201);
        let res = app.send_bearer(Method::POST, &format!("/api/v1/rounds/{}/advance", f.round), &council, &json!({"reason": "approved"})).await;
        assert_eq!(res.status(), 200);

        // Statistics: the 3 women of North print as "< 10" and cannot be worked out.
        let stats: Value = app.get(&format!("/api/v1/rounds/{}/statistics", f.round)).await.json().await.unwrap();
        let table = &stats["breakdowns"]["participation"]["by_district"];
        assert_eq!(table["rows"][0], "North");
        assert_eq!(table["columns"][0], "Women");
        assert_eq!(table["cells"][0][0]["kind"], "small");
        assert_eq!(table["cells"][1][0], json!({"kind": "shown", "count": 30}), "30 women in south are shown");
        assert!(solvable(table).is_empty(), "a hidden figure can be worked out: {table}");
        assert!(!stats.to_string().contains("\"count\":3}"), "3 appears nowhere");
        assert!(solvable(&stats["breakdowns"]["participation"]["by_age"]).is_empty());
        assert_eq!(stats["frozen"], true);
        assert_eq!(table["column_totals"][0], json!({"kind": "shown", "count": 34}), "the gender totals stay printed");
        // Protecting the one person without a district hides a few figures, never a whole district.
        for (r, district) in table["rows"].as_array().unwrap().iter().enumerate().take(2) {
            assert!(table["cells"][r].as_array().unwrap().iter().any(|c| c["kind"] != "hidden"), "{district} is blank: {table}");
        }
        assert_eq!(table["rows"][2], "Other or not stated");
        assert!(table["cells"][2].as_array().unwrap().iter().all(|c| c["kind"] == "small"));
        assert_eq!(stats["engagement"]["voters"], 111, "everyone who voted");
        assert_eq!(stats["engagement"]["eligible"], Value::Null, "no census list");
        // Frozen at the count: a profile changed afterwards does not move the published figures.
        {
            use diesel::prelude::*;
            use budgetbox::db::schema::users;
            diesel::update(users::table.filter(users::gender.eq("female"))).set(users::gender.eq("male")).execute(&mut app.conn()).unwrap();
        }
        let again: Value = app.get(&format!("/api/v1/rounds/{}/statistics", f.round)).await.json().await.unwrap();
        assert_eq!(again["breakdowns"], stats["breakdowns"]);
        assert_eq!(stats["engagement"]["projects_funded"], 2);
        let page = app.get_html(&format!("/rounds/{}/statistics", f.round)).await.text().await.unwrap();
        assert!(page.contains("&lt; 10"), "the page shows < 10");

        // Follow-up of the two funded projects (N1, N2).
        let progress = |id: i64, body: Value| {
            let council = council.clone();
            let app = &app;
            async move { app.send_bearer(Method::POST, &format!("/api/v1/proposals/{id}/progress"), &council, &body).await }
        };
        let n1 = f.north_projects[0];
        assert_eq!(progress(n1, json!({"status": "planned", "on_date": "2026-06-20"})).await.status(), 422, "a day after today is refused");
        app.clock.set(at("2026-09-01T10:00"));
        assert_eq!(progress(n1, json!({"status": "planned", "on_date": "2026-06-20", "note": "Tender published"})).await.status(), 201);
        assert_eq!(progress(n1, json!({"status": "in_progress", "percent": 40, "on_date": "2026-07-01"})).await.status(), 201);
        let res = progress(n1, json!({"status": "completed", "percent": 50})).await;
        assert_eq!(res.status(), 422);
        assert!(res.json::<Value>().await.unwrap()["fields"]["percent"].as_str().unwrap().contains("100%"));
        let res = progress(n1, json!({"status": "in_progress", "percent": 150})).await;
        assert_eq!(res.json::<Value>().await.unwrap()["fields"]["percent"], "Give a whole number from 0 to 100.");
        let res = progress(n1, json!({"status": "in_progress", "on_date": "2027-01-01"})).await;
        assert_eq!(res.json::<Value>().await.unwrap()["fields"]["on_date"], "The date cannot be in the future.");
        let res = progress(n1, json!({"status": "in_progress", "on_date": "2026-06-01"})).await;
        assert!(res.json::<Value>().await.unwrap()["fields"]["on_date"].as_str().unwrap().contains("before the result"));
        assert_eq!(progress(n1, json!({"status": "done"})).await.status(), 422);
        assert_eq!(progress(f.south_project, json!({"status": "planned"})).await.status(), 409, "not funded");
        assert_eq!(progress(999_999, json!({"status": "planned"})).await.status(), 404);
        assert_eq!(app.send_bearer(Method::POST, &format!("/api/v1/proposals/{n1}/progress"), &f.citizen, &json!({"status": "planned"})).await.status(), 403);

        // The form, as the council uses it in a browser.
        let browser = app.new_browser();
        app.submit_with(&browser, "/login", "/login", &[("email", "council@example.org"), ("password", PASSWORD)]).await;
        let form = format!("/proposals/{n1}/progress");
        let res = app.submit_with(&browser, &form, &form, &[("status", "completed"), ("percent", ""), ("on_date", "2026-08-01"), ("note", "Opened to the public")]).await;
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], format!("/rounds/{}/implementation#project-{n1}", f.round).as_str());
        let res = app.submit_with(&browser, &form, &form, &[("status", "completed"), ("percent", "20"), ("on_date", ""), ("note", "")]).await;
        assert_eq!(res.status(), 422);
        let page = res.text().await.unwrap();
        assert!(page.contains("aria-invalid=\"true\"") && page.contains("A completed project is 100% done."));

        let follow: Value = app.get(&format!("/api/v1/rounds/{}/implementation", f.round)).await.json().await.unwrap();
        assert_eq!(follow["funded"], 2);
        assert_eq!(follow["completed"], 1);
        assert_eq!(follow["percent_implemented"], 50.0);
        assert_eq!(follow["median_days_to_completion"], 46.0, "16 June to 1 August");
        let first = follow["projects"].as_array().unwrap().iter().find(|p| p["id"] == n1).unwrap();
        assert_eq!(first["history"].as_array().unwrap().len(), 3);
        let stats: Value = app.get(&format!("/api/v1/rounds/{}/statistics", f.round)).await.json().await.unwrap();
        assert_eq!(stats["engagement"]["percent_implemented"], 50.0);
        let over_time = app.get_html("/statistics").await.text().await.unwrap();
        assert!(over_time.contains("Ballot test") && over_time.contains("50.0%"));
        assert!(over_time.contains("<th scope=\"col\">Voters</th>") && over_time.contains("<td>111</td>"), "{over_time}");
        let stats_page = app.get_html(&format!("/rounds/{}/statistics", f.round)).await.text().await.unwrap();
        assert!(stats_page.contains("Not known: the round has no census list"), "{stats_page}");

        // What happened to my vote, by tracking code.
        let follow_page = format!("/rounds/{}/implementation", f.round);
        let empty = app.get_html(&follow_page).await.text().await.unwrap();
        assert!(empty.contains("<label for=\"code\">Your tracking code</label>"), "the code is needed, not optional: {empty}");
        let page = app.submit(&follow_page, &follow_page, &[("code", &code)]).await.text().await.unwrap();
        assert!(page.contains("N1") && page.contains("funded — Completed"), "{page}");
        assert!(page.contains("N2") && page.contains("funded — Not started"));
        let res = app.submit(&follow_page, &follow_page, &[("code", "NOPE")]).await;
        assert_eq!(res.status(), 422);
        let page = res.text().await.unwrap();
        assert!(page.contains("No ballot has this tracking code") && page.contains("id=\"code-error\""), "{page}");
    }
}

both_backends_with_clock! {
    async fn the_anonymous_survey_takes_one_answer_per_receipt(app) {
        let f = fixture(&app, "approval", json!({})).await;
        app.submit("/login", "/login", &[("email", "voter@example.org"), ("password", PASSWORD)]).await;
        let form_path = format!("/rounds/{}/vote", f.round);
        let a = f.north_projects[0].to_string();
        let receipt = app.submit(&form_path, &format!("/rounds/{}/vote/cast", f.round), &[("project", &a), ("district", &f.north.to_string())]).await;
        assert_eq!(receipt.status(), 201);
        let page = receipt.text().await.unwrap();
        assert!(page.contains("Tell us how it went") && page.contains("How easy was it to vote?"));
        let marker = "name=\"token\" value=\"";
        let start = page.find(marker).unwrap() + marker.len();
        let token = page[start..start + 129].to_string();
        assert_eq!(token.as_bytes()[64], b'.');

        let action = format!("/rounds/{}/feedback", f.round);
        let round_page = format!("/rounds/{}", f.round);
        let res = app.submit(&round_page, &action, &[("token", &token)]).await;
        assert_eq!(res.status(), 422, "an empty survey is refused");
        assert!(res.text().await.unwrap().contains("Answer at least one question"));
        let long = "x".repeat(1001);
        let res = app.submit(&round_page, &action, &[("token", &token), ("comment", &long)]).await;
        assert_eq!(res.status(), 422);
        let res = app.submit(&round_page, &action, &[("token", &token), ("ease", "9")]).await;
        assert!(res.text().await.unwrap().contains("Choose one of the five answers."));
        let forged = format!("{}.{}", "a".repeat(64), "b".repeat(64));
        let res = app.submit(&round_page, &action, &[("token", &forged), ("ease", "4")]).await;
        assert_eq!(res.status(), 403);
        let res = app.submit(&round_page, &action, &[("token", &token), ("ease", "4"), ("found", "partly"), ("comment", "The map <b>helped</b>")]).await;
        assert_eq!(res.status(), 200);
        assert!(res.text().await.unwrap().contains("Thank you"));
        let res = app.submit(&round_page, &action, &[("token", &token), ("ease", "1")]).await;
        assert_eq!(res.status(), 409, "one answer per receipt");
        assert!(res.text().await.unwrap().contains("already answered"));

        // Nothing in the stored answer points back to the voter.
        use diesel::prelude::*;
        use budgetbox::db::schema::feedback;
        let day: String = feedback::table.select(feedback::day).first(&mut app.conn()).unwrap();
        assert_eq!(day, "2026-06-05", "the day only");

        let results = format!("/rounds/{}/feedback", f.round);
        assert_eq!(app.get_html(&results).await.status(), 403, "citizens do not read the comments");
        let council = app.new_browser();
        app.submit_with(&council, "/login", "/login", &[("email", "council@example.org"), ("password", PASSWORD)]).await;
        let page = council.get(app.url(&results)).header("Accept", "text/html").send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Anonymous answers: 1.") && page.contains("Average ease: 4.0"), "{page}");
        assert!(page.contains("The map &lt;b&gt;helped&lt;/b&gt;"), "comments are escaped");
        let token = app.api_login("council@example.org", PASSWORD).await;
        let summary: Value = app.get_bearer(&format!("/api/v1/rounds/{}/feedback", f.round), &token).await.json().await.unwrap();
        assert_eq!(summary["responses"], 1);
        assert_eq!(summary["found"][1], json!(["Partly", 1]));
        assert_eq!(app.get_bearer(&format!("/api/v1/rounds/{}/feedback", f.round), &f.citizen).await.status(), 403);
    }
}

both_backends_with_clock! {
    async fn a_revote_does_not_bring_a_second_survey(app) {
        let f = fixture(&app, "approval", json!({"revote_policy": "last-counts"})).await;
        app.submit("/login", "/login", &[("email", "voter@example.org"), ("password", PASSWORD)]).await;
        let form_path = format!("/rounds/{}/vote", f.round);
        let cast_path = format!("/rounds/{}/vote/cast", f.round);
        let north = f.north.to_string();
        let first = app.submit(&form_path, &cast_path, &[("project", &f.north_projects[0].to_string()), ("district", &north)]).await;
        assert_eq!(first.status(), 201);
        assert!(first.text().await.unwrap().contains("Tell us how it went"));
        let second = app.submit(&form_path, &cast_path, &[("project", &f.north_projects[1].to_string()), ("district", &north)]).await;
        assert_eq!(second.status(), 201);
        assert!(!second.text().await.unwrap().contains("Tell us how it went"), "one survey per voter");
    }
}

both_backends_with_clock! {
    async fn metrics_show_routes_ballots_and_the_pool(app) {
        let f = fixture(&app, "approval", json!({})).await;
        let (status, _) = cast(&app, &f, json!({"district": f.north, "projects": [f.north_projects[0]]})).await;
        assert_eq!(status, 201);
        let res = app.get("/metrics").await;
        assert_eq!(res.status(), 200, "readable from this machine");
        assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/plain"));
        let text = res.text().await.unwrap();
        assert!(text.contains(r#"budgetbox_http_request_duration_seconds_count{method="POST",route="/api/v1/rounds/{round_id}/ballots",status="2xx"}"#), "{text}");
        assert!(!text.contains(&format!("/api/v1/rounds/{}/ballots", f.round)), "routes, never raw paths");
        let written: f64 = text.lines().find(|l| l.starts_with("budgetbox_ballots_written_total ")).unwrap().split(' ').nth(1).unwrap().parse().unwrap();
        assert!(written >= 1.0);
        assert!(text.contains("budgetbox_db_pool_connections{state=\"in_use\"}"));
        assert!(text.contains("budgetbox_ballot_batch_size_bucket"));
        assert!(text.contains("budgetbox_db_pool_waiting"));
    }
}
