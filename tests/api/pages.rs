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
