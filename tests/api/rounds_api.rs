both_backends! {
    async fn rounds_api_lists_and_shows_rounds(app) {
        crate::helpers::load_demo(&app);
        let list: serde_json::Value = app.get("/api/v1/rounds").await.json().await.unwrap();
        let list = list.as_array().unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list[0]["slug"], "riverton-2026");
        assert_eq!(list[0]["phase"], "voting");
        assert_eq!(list[1]["phase"], "results");

        let id = list[0]["id"].as_i64().unwrap();
        let round: serde_json::Value = app.get(&format!("/api/v1/rounds/{id}")).await.json().await.unwrap();
        assert_eq!(round["ballot_rules"]["ballot_type"], "approval");
        assert_eq!(round["ballot_rules"]["max_choices"], 5);
        assert_eq!(round["districts"].as_array().unwrap().len(), 3);
        let projects = round["projects"].as_array().unwrap();
        assert_eq!(projects.len(), 20);
        assert!(projects.iter().all(|p| p["cost"].as_i64().unwrap() > 0));
    }

    async fn past_round_result_matches_a_recount(app) {
        use budgetbox::db::models::round_result;
        crate::helpers::load_demo(&app);
        let mut conn = app.conn();
        let stored = round_result::find(&mut conn, 1).unwrap().expect("demo past round is counted");
        let board = budgetbox::db::models::ballot::of_round(&mut conn, 1).unwrap();
        assert_eq!(stored.ballot_count as usize, board.len());
        assert_eq!(budgetbox::domain::bulletin::verify_chain(1, &board).unwrap(), stored.chain_head);
        let funded = budgetbox::domain::counting::funded_projects(&stored).unwrap();
        assert!(!funded.is_empty());
        let round: serde_json::Value = app.get("/api/v1/rounds/1").await.json().await.unwrap();
        let funded_in_api = round["projects"].as_array().unwrap().iter().filter(|p| p["funded"] == true).count();
        assert_eq!(funded_in_api, funded.len());
    }

    async fn bad_round_ids_are_404_with_a_sentence(app) {
        for path in ["/api/v1/rounds/999", "/api/v1/rounds/abc", "/api/v1/rounds/-1"] {
            let res = app.get(path).await;
            assert_eq!(res.status(), 404, "{path}");
            let body: serde_json::Value = res.json().await.unwrap();
            assert!(body["error"].as_str().unwrap().starts_with("There is no budget round"), "{path}");
        }
    }

    async fn openapi_document_describes_the_api(app) {
        let doc: serde_json::Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
        assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
        assert!(doc["paths"]["/api/v1/rounds"]["get"].is_object());
        assert!(doc["paths"]["/api/v1/rounds/{round_id}"]["get"].is_object());
        assert!(doc["components"]["schemas"]["RoundDetail"].is_object());
    }
}
