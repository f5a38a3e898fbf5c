both_backends! {
    async fn home_lists_the_demo_rounds(app) {
        crate::helpers::load_demo(&app);
        let res = app.get_html("/").await;
        assert_eq!(res.status(), 200);
        assert!(res.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
        let body = res.text().await.unwrap();
        assert!(body.contains("<html lang=\"en\">"));
        assert!(body.contains("Riverton Neighbourhood Budget 2026"));
        assert!(body.contains("Voting open"));
        assert!(body.contains("Results published"));
        assert!(body.contains("href=\"#main\""), "skip link");
    }

    async fn round_page_shows_projects_and_the_stored_result(app) {
        crate::helpers::load_demo(&app);
        let body = app.get_html("/rounds/1").await.text().await.unwrap();
        assert!(body.contains("Shade trees on Mill Street"));
        assert!(body.contains("funded"));
        assert!(body.contains("chain head"));
    }

    async fn a_round_page_lists_its_ballot_and_sends_to_the_list_for_the_rest(app) {
        crate::helpers::load_demo(&app);
        // The voting round gathers proposals that did not make the ballot.
        let mut conn = app.conn();
        let now = chrono::Utc::now().naive_utc();
        for (title, status) in [("Left out: infeasible skatepark", "infeasible"), ("Left out: withdrawn mural", "withdrawn")] {
            budgetbox::db::models::proposal::insert(&mut conn, &budgetbox::db::models::proposal::NewProposal {
                round_id: 2, district_id: None, author_id: None, title, description: "d", category: None,
                location: None, estimated_cost: 100, validated_cost: None, status, created_at: now, updated_at: now,
            }).unwrap();
        }
        drop(conn);
        let api: serde_json::Value = app.get("/api/v1/rounds/2").await.json().await.unwrap();
        let all = api["projects"].as_array().unwrap();
        assert_eq!(api["proposal_count"].as_u64().unwrap() as usize, all.len(), "nothing hidden or merged here");
        let on_ballot: Vec<&str> = all.iter().filter(|p| p["status"] == "feasible").map(|p| p["title"].as_str().unwrap()).collect();
        assert!(on_ballot.len() >= 2 && on_ballot.len() < all.len());

        let page = app.get_html("/rounds/2").await.text().await.unwrap();
        for title in &on_ballot {
            assert!(page.contains(&maud::html! { (title) }.into_string()), "{title} is on the round's page");
        }
        assert!(!page.contains("Left out:"), "proposals off the ballot are in the list, not on the round's page");
        assert!(page.contains(&format!("{} projects on the ballot", on_ballot.len())));
        assert!(page.contains(&format!("{} proposals in all.", all.len())));
        assert!(page.contains("href=\"/rounds/2/proposals\">Every proposal and where it stands"));
        let list = app.get_html("/rounds/2/proposals?status=infeasible").await.text().await.unwrap();
        assert!(list.contains("Left out: infeasible skatepark"), "the list has the rest");

        // Before the vote, the page says what has been found feasible so far.
        use budgetbox::domain::round_config::{self, RoundInput};
        let mut conn = app.conn();
        let staff = crate::helpers::staff_account(&mut conn);
        let at = |h: i64| (now + chrono::Duration::hours(h)).format("%Y-%m-%dT%H:%M").to_string();
        let input = RoundInput {
            title: "Gathering ideas".into(), currency: "EUR".into(), time_zone: "UTC".into(),
            total_budget: "1000".into(), ballot_type: "approval".into(), min_choices: "1".into(),
            rule: "greedy".into(), proposals_open_at: at(-1), review_at: at(48), voting_open_at: at(72),
            voting_close_at: at(96), residence: "none".into(), revote_policy: "final".into(),
            voting_channels: "accounts".into(), ..RoundInput::default()
        };
        let round = round_config::create(&mut conn, staff, &input.parse().unwrap(), now).unwrap();
        drop(conn);
        let page = app.get_html(&format!("/rounds/{round}")).await.text().await.unwrap();
        assert!(page.contains("No projects have been proposed yet."));
        let mut conn = app.conn();
        let early = crate::helpers::feasible_project(&mut conn, round, None, "Early and feasible", 100);
        budgetbox::db::models::proposal::insert(&mut conn, &budgetbox::db::models::proposal::NewProposal {
            round_id: round, district_id: None, author_id: None, title: "Waiting for review", description: "d",
            category: None, location: None, estimated_cost: 100, validated_cost: None, status: "submitted",
            created_at: now, updated_at: now,
        }).unwrap();
        drop(conn);
        let page = app.get_html(&format!("/rounds/{round}")).await.text().await.unwrap();
        assert!(page.contains("1 project found feasible so far") && page.contains("Early and feasible"), "{page}");
        assert!(page.contains("2 proposals in all.") && !page.contains("Waiting for review"));

        // The count is the list's: a proposal moderators hid and a duplicate merged into another
        // are in neither.
        let mut conn = app.conn();
        let hidden = crate::helpers::feasible_project(&mut conn, round, None, "Abusive text", 100);
        let duplicate = crate::helpers::feasible_project(&mut conn, round, None, "Early and feasible again", 100);
        budgetbox::db::models::moderation::set(&mut conn, hidden, true, "Personal attack", now, staff).unwrap();
        budgetbox::db::models::proposal_merge::insert(&mut conn, duplicate, early, now, staff, "The same").unwrap();
        drop(conn);
        let list = app.get_html(&format!("/rounds/{round}/proposals")).await.text().await.unwrap();
        assert!(list.contains("2 proposals") && !list.contains("Abusive text") && !list.contains("feasible again"), "{list}");
        let page = app.get_html(&format!("/rounds/{round}")).await.text().await.unwrap();
        assert!(page.contains("2 proposals in all."), "the round's page counts what its list shows: {page}");
        let api: serde_json::Value = app.get(&format!("/api/v1/rounds/{round}")).await.json().await.unwrap();
        assert_eq!(api["proposal_count"], 2);
    }

    async fn unknown_pages_get_a_helpful_404_page_or_json(app) {
        let html = app.get_html("/no/such/page").await;
        assert_eq!(html.status(), 404);
        let body = html.text().await.unwrap();
        assert!(body.contains("Page not found"));
        assert!(body.contains("list of budget rounds"));

        let json = app.get("/no/such/page").await;
        assert_eq!(json.status(), 404);
        let body: serde_json::Value = json.json().await.unwrap();
        assert!(body["error"].as_str().unwrap().contains("nothing at this address"));

        let round = app.get_html("/rounds/999").await;
        assert_eq!(round.status(), 404);
        assert!(round.text().await.unwrap().contains("There is no budget round 999"));
    }

    async fn stylesheet_is_served_from_assets(app) {
        let res = app.get("/assets/app.css").await;
        assert_eq!(res.status(), 200);
        assert_eq!(res.headers()["content-type"], "text/css; charset=utf-8");
        assert!(res.text().await.unwrap().contains(":focus-visible"));
    }

    async fn user_text_is_escaped(app) {
        use budgetbox::db::models::round::{self, NewRound};
        let now = chrono::Utc::now().naive_utc();
        let mut conn = app.conn();
        let evil = "<script>alert(1)</script> & 'quotes' \"; DROP TABLE rounds; --";
        round::insert(&mut conn, &NewRound {
            slug: "evil", title: evil, description: evil, currency: "EUR", total_budget: 100,
            citywide_budget: None, ballot_type: "approval", min_choices: 1, max_choices: None,
            points_total: None, points_per_project: None, rule: "greedy", tie_break: "cost,id",
            time_zone: "UTC", proposals_open_at: now, review_at: now, voting_open_at: now,
            voting_close_at: now, results_published_at: None, created_at: now,
        }).unwrap();
        let body = app.get_html("/").await.text().await.unwrap();
        assert!(!body.contains("<script>alert(1)</script>"));
        assert!(body.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; 'quotes' &quot;; DROP TABLE rounds; --"));
        let api: serde_json::Value = app.get("/api/v1/rounds").await.json().await.unwrap();
        assert_eq!(api[0]["title"], evil, "stored and returned verbatim");
    }
}

both_backends! {
    async fn published_results_explain_every_project(app) {
        crate::helpers::load_demo(&app);
        let page = app.get_html("/rounds/1").await.text().await.unwrap();
        assert!(page.contains("id=\"results-heading\""));
        assert!(page.contains("ballots counted:"));
        assert!(page.contains("<svg") && page.contains("funding-line"), "chart with the funding line");
        assert!(page.contains("Funded; ") || page.contains("Funded by"), "a reason for funded projects");
        assert!(page.contains("Not funded: only"), "a reason for the others");
        let api: serde_json::Value = app.get("/api/v1/rounds/1").await.json().await.unwrap();
        assert_eq!(api["results"]["pots"].as_array().unwrap().len(), 3);
        let voting = app.get_html("/rounds/2").await.text().await.unwrap();
        assert!(!voting.contains("id=\"results-heading\""), "nothing before publication");
    }
}

both_backends! {
    async fn the_interface_speaks_the_visitors_language(app) {
        crate::helpers::load_demo(&app);
        let page = app.client.get(app.url("/")).header("Accept", "text/html").header("Accept-Language", "de-DE,es;q=0.9,en;q=0.5").send().await.unwrap().text().await.unwrap();
        assert!(page.contains("<html lang=\"es\">"), "{page}");
        assert!(page.contains("<h1>Presupuestos participativos</h1>") && page.contains("Iniciar sesión") && page.contains("Presupuesto: "));
        assert!(page.contains("href=\"/language/pl\"") && page.contains("hreflang=\"pl\""), "a switcher on every page");
        // The switcher remembers the choice and goes back where the visitor was.
        let res = app.client.get(app.url("/language/pl?back=/verify")).send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], "/verify");
        let cookie = res.headers()["set-cookie"].to_str().unwrap().to_string();
        assert!(cookie.starts_with("bb_lang=pl") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
        let page = app.get_html("/").await.text().await.unwrap();
        assert!(page.contains("<html lang=\"pl\">") && page.contains("Budżety obywatelskie"), "the cookie wins over the header");
        assert!(page.contains("Wyloguj") || page.contains("Zaloguj się"));
        // Only paths on this site; unknown languages are 404.
        for trick in ["//evil.example/x", "/%09/evil.example", "/%5C%5Cevil.example", "https://evil.example"] {
            let res = app.client.get(app.url(&format!("/language/es?back={trick}"))).send().await.unwrap();
            assert_eq!(res.headers()["location"], "/", "{trick}");
        }
        assert_eq!(app.client.get(app.url("/language/fr")).send().await.unwrap().status(), 404);
        let english = reqwest::Client::new().get(app.url("/")).header("Accept", "text/html").header("Accept-Language", "fr").send().await.unwrap().text().await.unwrap();
        assert!(english.contains("<html lang=\"en\">") && english.contains("<h1>Budget rounds</h1>"), "English when we do not ship the language");
    }
}
