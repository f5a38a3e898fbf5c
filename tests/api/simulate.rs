//! The council's rule simulator and the census upload page (multipart forms with CSRF).

use reqwest::multipart::{Form, Part};

const PASSWORD: &str = "violet tram umbrella";

pub(crate) async fn upload(
    app: &crate::helpers::TestApp,
    form_page: &str,
    action: &str,
    file_name: &str,
    bytes: Vec<u8>,
    with_token: bool,
) -> reqwest::Response {
    let token = app.form_token(form_page).await;
    let mut form = Form::new();
    if with_token {
        form = form.text("csrf_token", token);
    }
    form = form.part("file", Part::bytes(bytes).file_name(file_name.to_string()));
    app.client
        .post(app.url(action))
        .header("Accept", "text/html")
        .multipart(form)
        .send()
        .await
        .unwrap()
}

both_backends! {
    async fn council_compares_rules_on_a_round_and_on_a_file(app) {
        crate::helpers::load_demo(&app);
        app.create_user("c@example.org", PASSWORD, "council");
        app.submit("/login", "/login", &[("email", "c@example.org"), ("password", PASSWORD)]).await;
        let page = app.get_html("/council/rounds/1/simulate").await;
        assert_eq!(page.status(), 200);
        let page = page.text().await.unwrap();
        for text in ["greedy", "mes-add1", "phragmen", "Voters with at least one funded project", "Northbank", "Shade trees on Mill Street"] {
            assert!(page.contains(text), "{text}");
        }
        let sample = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/pabulib/samples/Netherlands_Assen_2024.pb")).unwrap();
        let res = upload(&app, "/council/rounds/1/simulate", "/council/simulate", "assen.pb", sample.clone(), true).await;
        assert_eq!(res.status(), 200);
        let body = res.text().await.unwrap();
        assert!(body.contains("Netherlands") && body.contains("mes-add1"));
        let forged = upload(&app, "/council/rounds/1/simulate", "/council/simulate", "assen.pb", sample, false).await;
        assert_eq!(forged.status(), 403);
        let broken = upload(&app, "/council/rounds/1/simulate", "/council/simulate", "x.pb", b"META\\nnot a pb".to_vec(), true).await;
        assert_eq!(broken.status(), 422);
        assert!(broken.text().await.unwrap().contains("not a valid Pabulib file"));
    }

    async fn citizens_cannot_use_the_simulator(app) {
        crate::helpers::load_demo(&app);
        app.create_user("z@example.org", PASSWORD, "citizen");
        app.submit("/login", "/login", &[("email", "z@example.org"), ("password", PASSWORD)]).await;
        assert_eq!(app.get_html("/council/rounds/1/simulate").await.status(), 403);
    }

    async fn council_uploads_the_census_from_the_page(app) {
        app.create_user("c@example.org", PASSWORD, "council");
        let token = app.api_login("c@example.org", PASSWORD).await;
        let config = serde_json::json!({
            "title": "Census round", "total_budget": "1000", "districts": "north=500", "ballot_type": "approval", "rule": "greedy",
            "proposals_open_at": "2030-04-01T09:00", "review_at": "2030-05-01T09:00", "voting_open_at": "2030-06-01T09:00",
            "voting_close_at": "2030-06-15T18:00", "requires_census": "on", "residence": "verified"
        });
        let res = app.send_bearer(reqwest::Method::POST, "/api/v1/rounds", &token, &config).await;
        let id = res.json::<serde_json::Value>().await.unwrap()["id"].as_i64().unwrap();
        app.submit("/login", "/login", &[("email", "c@example.org"), ("password", PASSWORD)]).await;
        let manage = format!("/council/rounds/{id}");
        let ok = upload(&app, &manage, &format!("/council/rounds/{id}/census"), "census.csv", b"document_number,birth_year,district\nAB123456,1970,north\nCD123456,1980,\n".to_vec(), true).await;
        assert_eq!(ok.status(), 200);
        assert!(ok.text().await.unwrap().contains("Census list replaced: 2 people (2 added, 0 removed, 0 unchanged)."));
        let bad = upload(&app, &manage, &format!("/council/rounds/{id}/census"), "census.csv", b"document_number,birth_year\nAB123456,1970\nEF1,1990\n".to_vec(), true).await;
        assert_eq!(bad.status(), 422);
        assert!(bad.text().await.unwrap().contains("Nothing was imported: line 3"));
        let mut conn = app.conn();
        assert_eq!(budgetbox::db::models::eligibility::census_hashes(&mut conn, id).unwrap().len(), 2);
    }
}
