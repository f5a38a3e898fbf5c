//! Counting by council, and open data that recounts to the stored result without personal data.

use budgetbox::domain::RoundId;
use reqwest::Method;
use serde_json::{json, Value};

const PASSWORD: &str = "violet tram umbrella";

both_backends! {
    async fn exports_recount_to_the_stored_result_and_hold_no_personal_data(app) {
        crate::helpers::load_demo(&app);
        let mut conn = app.conn();
        let stored = budgetbox::db::models::round_result::find(&mut conn, 1).unwrap().unwrap();
        let stored: budgetbox::domain::counting::StoredOutcome = serde_json::from_str(&stored.outcome).unwrap();
        let districts = budgetbox::db::models::district::of_round(&mut conn, 1).unwrap();
        let emails: Vec<String> = budgetbox::db::models::user::all(&mut conn).unwrap().into_iter().flat_map(|u| [u.email, u.display_name]).collect();
        let mut exports = Vec::new();
        for pot in &stored.pots {
            let slug = &districts.iter().find(|d| Some(d.district_id) == pot.district_id).unwrap().slug;
            let res = app.get(&format!("/api/v1/rounds/1/export.pb?pot={slug}")).await;
            assert_eq!(res.status(), 200, "published results are public");
            let text = res.text().await.unwrap();
            // Recount the file on its own, as an auditor would.
            let instance = budgetbox::pabulib::parse(&text).unwrap();
            let rule = instance.declared_rule().unwrap();
            let outcome = budgetbox::tally::tally(&instance.to_election().unwrap(), &rule, &budgetbox::tally::TieBreak::greedy_default()).unwrap();
            assert_eq!(outcome.selected, pot.outcome.selected, "{slug}");
            assert_eq!(instance.official_outcome().unwrap().len(), pot.outcome.selected.len());
            exports.push(text);
        }
        let csv = app.get("/api/v1/rounds/1/export.csv").await.text().await.unwrap();
        assert!(csv.starts_with("project_id,title,pot,cost_cents,supporters,score,selected,reason"));
        let json_rows: Value = app.get("/api/v1/rounds/1/export.json").await.json().await.unwrap();
        assert_eq!(json_rows.as_array().unwrap().len(), csv.lines().count() - 1);
        exports.push(csv);
        exports.push(json_rows.to_string());
        let package = app.get("/api/v1/rounds/1/export.audit").await.bytes().await.unwrap();
        for (name, bytes) in budgetbox::audit::read_files(&package).unwrap() {
            let text = String::from_utf8(bytes).unwrap();
            for field in ["user_id", "voter_tag", "email", "display_name", "actor", "ip_address", "used_at"] {
                assert!(!text.contains(field), "{name} has a `{field}` field");
            }
            if name == "ballots.json" {
                let entries: Value = serde_json::from_str(&text).unwrap();
                assert!(entries.as_array().unwrap().iter().all(|e| e["cast_day"].as_str().unwrap().len() == 10), "days only");
            }
            for personal in &emails {
                assert!(!text.contains(personal.as_str()), "{name} contains {personal}");
            }
            assert!(!text.contains('@'), "{name}: no email-like text");
        }
        for text in &exports {
            for personal in &emails {
                assert!(!text.contains(personal.as_str()), "an export contains {personal}");
            }
            assert!(!text.contains('@'), "no email-like text");
            assert!(!text.contains("T12:") && !text.contains("UTC"), "no times of day");
        }
        assert_eq!(app.get("/api/v1/rounds/1/export.pb").await.status(), 422, "three pots: choose one");
        assert_eq!(app.get("/api/v1/rounds/2/export.csv").await.status(), 403, "not before results");
        app.create_user("aud@example.org", PASSWORD, "auditor");
        let auditor = app.api_login("aud@example.org", PASSWORD).await;
        assert_eq!(app.get_bearer("/api/v1/rounds/2/export.csv", &auditor).await.status(), 409, "ballots are sealed until the count, for everyone");
    }
}

async fn count(app: &crate::helpers::TestApp, id: i64, token: &str) -> reqwest::Response {
    app.send_bearer(
        Method::POST,
        &format!("/api/v1/rounds/{id}/count"),
        token,
        &json!({}),
    )
    .await
}

both_backends_with_clock! {
    async fn council_counts_once_then_publishes(app) {
        app.create_user("council@example.org", PASSWORD, "council");
        let token = app.api_login("council@example.org", PASSWORD).await;
        let config = json!({
            "title": "Count me", "total_budget": "1000", "ballot_type": "approval", "rule": "greedy", "max_choices": "2",
            "proposals_open_at": "2026-04-01T09:00", "review_at": "2026-05-01T09:00", "voting_open_at": "2026-06-01T09:00",
            "voting_close_at": "2026-06-15T18:00", "residence": "none"
        });
        let id = app.send_bearer(Method::POST, "/api/v1/rounds", &token, &config).await.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
        app.clock.set(chrono::NaiveDateTime::parse_from_str("2026-06-10T00:00", "%Y-%m-%dT%H:%M").unwrap());
        assert_eq!(count(&app, id, &token).await.status(), 409, "voting still open");
        app.clock.set(chrono::NaiveDateTime::parse_from_str("2026-06-16T00:00", "%Y-%m-%dT%H:%M").unwrap());
        let res = count(&app, id, &token).await;
        assert_eq!(res.status(), 201);
        assert_eq!(res.json::<Value>().await.unwrap()["ballots"], 0);
        assert_eq!(count(&app, id, &token).await.status(), 409, "never recounted silently");
        assert_eq!(app.get(&format!("/api/v1/rounds/{id}/export.csv")).await.status(), 403);
        let res = app.send_bearer(Method::POST, &format!("/api/v1/rounds/{id}/advance"), &token, &json!({"reason": "results approved"})).await;
        assert_eq!(res.json::<Value>().await.unwrap()["phase"], "results");
        assert_eq!(app.get(&format!("/api/v1/rounds/{id}/export.csv")).await.status(), 200);
    }
}

both_backends_with_clock! {
    async fn closed_rounds_are_counted_once_automatically_with_turnout_against_the_census(app) {
        use budgetbox::domain::closing::count_closed_rounds;
        app.create_user("council@example.org", PASSWORD, "council");
        let token = app.api_login("council@example.org", PASSWORD).await;
        let config = json!({
            "title": "Auto count", "total_budget": "1000", "ballot_type": "approval", "rule": "greedy", "max_choices": "2",
            "proposals_open_at": "2026-04-01T09:00", "review_at": "2026-05-01T09:00", "voting_open_at": "2026-06-01T09:00",
            "voting_close_at": "2026-06-15T18:00", "residence": "none"
        });
        let id = app.send_bearer(Method::POST, "/api/v1/rounds", &token, &config).await.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
        let at = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap();
        budgetbox::domain::census::import_census(&mut app.conn(), app.secret.expose(), None, RoundId(id), "document_number,birth_year\nAB1001,1980\nAB1002,1981\nAB1003,1990\nAB1004,2000\n", at("2026-05-02T10:00")).unwrap();
        let none = std::collections::HashSet::new();
        assert!(count_closed_rounds(&mut app.conn(), app.secret.expose(), at("2026-06-15T17:59"), &none).unwrap().is_empty(), "still open");
        let counted = count_closed_rounds(&mut app.conn(), app.secret.expose(), at("2026-06-15T18:00"), &none).unwrap();
        assert_eq!(counted.len(), 1);
        assert_eq!(counted[0].0, id);
        assert!(counted[0].1.is_ok());
        assert!(count_closed_rounds(&mut app.conn(), app.secret.expose(), at("2026-06-15T18:01"), &none).unwrap().is_empty(), "counted once");
        app.clock.set(at("2026-06-16T00:00"));
        assert_eq!(count(&app, id, &token).await.status(), 409, "already counted");
        let res = app.send_bearer(Method::POST, &format!("/api/v1/rounds/{id}/advance"), &token, &json!({"reason": "results approved"})).await;
        assert_eq!(res.status(), 200);
        let page = app.get_html(&format!("/rounds/{id}")).await.text().await.unwrap();
        assert!(page.contains("Turnout: 0 of 4 people on the census list (0.0%)."), "{page}");
        let stats: Value = app.get(&format!("/api/v1/rounds/{id}/statistics")).await.json().await.unwrap();
        assert_eq!((&stats["engagement"]["voters"], &stats["engagement"]["eligible"], &stats["engagement"]["percent_turnout"]), (&json!(0), &json!(4), &json!(0.0)));
        let over_time = app.get_html("/statistics").await.text().await.unwrap();
        assert!(over_time.contains("Auto count</a></th><td>0</td><td>0.0%</td>"), "{over_time}");
    }
}

both_backends_with_clock! {
    async fn a_ballot_still_in_flight_when_the_round_is_counted_is_refused(app) {
        use budgetbox::domain::ballots::{self, Cast, Choice, Voter};
        let f = crate::ballots::fixture(&app, "approval", json!({})).await;
        let before_close = crate::ballots::at("2026-06-15T17:59");
        let mut conn = app.conn();
        let voter = budgetbox::domain::people::with_email(&mut conn, "voter@example.org").unwrap().unwrap();
        let choice = Choice::Projects(vec![f.north_projects[0]]);
        let prepared = ballots::prepare(&mut conn, app.secret.expose(), Cast { round_id: f.round, voter: Voter::Account(&voter), requested_district: Some(f.north), choice: &choice, channel: ballots::Channel::Online }, before_close).unwrap();
        // The count runs (and locks the round) before this ballot reaches its transaction.
        budgetbox::domain::closing::count_round(&mut conn, app.secret.expose(), RoundId(f.round), crate::ballots::at("2026-06-15T18:00")).unwrap();
        let late = budgetbox::db::write_transaction(&mut conn, |conn| budgetbox::domain::board_writes::commit(conn, &prepared, before_close));
        assert!(matches!(late, Err(budgetbox::error::AppError::Forbidden(ref m)) if m.to_string().contains("Voting has closed")), "{:?}", late.err());
        assert!(budgetbox::db::models::ballot::of_round(&mut conn, f.round).unwrap().is_empty(), "nothing appended after the count");
        assert_eq!(budgetbox::db::models::ballot::participation_count(&mut conn, f.round).unwrap(), 0, "and no participation left behind");
    }
}

both_backends_with_clock! {
    async fn rankings_over_two_pots_are_scored_per_pot(app) {
        // A ranking over two pots (the voter's district and the city) is scored per pot: the
        // highest-ranked project of a pot gets first-place points there, as the round page
        // says, and each pot's exported file recounts to the same scores.
        use crate::ballots::{at, cast, fixture, PASSWORD};
        let f = fixture(&app, "ranked", json!({"citywide_budget": "1000", "max_choices": "3"})).await;
        let citywide = {
            let mut conn = app.conn();
            crate::helpers::feasible_project(&mut conn, f.round, None, "C1", 10_000)
        };
        let (n1, n2) = (f.north_projects[0], f.north_projects[1]);
        let page = app.get_html(&format!("/rounds/{}", f.round)).await.text().await.unwrap();
        assert!(page.contains("counted in each budget separately"), "the round page says how");
        // City-wide first, then two north projects: N1 is the voter's first north choice.
        assert_eq!(cast(&app, &f, json!({"ranking": [citywide, n1, n2]})).await.0, 201);
        app.clock.set(at("2026-06-20T12:00"));
        app.create_user("council2@example.org", PASSWORD, "council");
        let council = app.api_login("council2@example.org", PASSWORD).await;
        assert_eq!(count(&app, f.round, &council).await.status(), 201);
        let res = app.send_bearer(Method::POST, &format!("/api/v1/rounds/{}/advance", f.round), &council, &json!({"reason": "results approved"})).await;
        assert_eq!(res.status(), 200);
        let round: Value = app.get(&format!("/api/v1/rounds/{}", f.round)).await.json().await.unwrap();
        let score = |id: i64| -> u64 {
            round["results"]["pots"].as_array().unwrap().iter()
                .flat_map(|pot| pot["projects"].as_array().unwrap().iter())
                .find(|p| p["id"] == id)
                .unwrap_or_else(|| panic!("project {id} in the results: {round}"))["score"]
                .as_u64()
                .unwrap()
        };
        // m − i with m = 3: first place 3, second 2, in each pot.
        assert_eq!(score(citywide), 3, "first in the city-wide pot");
        assert_eq!(score(n1), 3, "first among the north projects, though second overall");
        assert_eq!(score(n2), 2, "second among the north projects, though third overall");
        let pb = app.get(&format!("/api/v1/rounds/{}/export.pb?pot=north", f.round)).await.text().await.unwrap();
        let instance = budgetbox::pabulib::parse(&pb).unwrap();
        let scores = budgetbox::tally::scores::scores(&instance.to_election().unwrap());
        let index = |id: i64| instance.projects.iter().position(|p| p.id == id.to_string()).unwrap();
        assert_eq!((scores.score[index(n1)], scores.score[index(n2)]), (3, 2), "the exported file recounts the same");
    }
}

both_backends! {
    async fn exports_by_council_and_auditors_are_in_the_security_log(app) {
        crate::helpers::load_demo(&app);
        let auditor_id = app.create_user("aud@example.org", PASSWORD, "auditor");
        let auditor = app.api_login("aud@example.org", PASSWORD).await;
        let exports = |log: &Value| -> Vec<(Option<i64>, String)> {
            log.as_array().unwrap().iter()
                .filter(|e| e["action"] == "export")
                .map(|e| (e["actor_id"].as_i64(), e["detail"].as_str().unwrap().to_string()))
                .collect()
        };
        // Open data, read by anyone: readers are not recorded.
        assert_eq!(app.get("/api/v1/rounds/1/export.csv").await.status(), 200);
        let log: Value = app.get_bearer("/api/v1/audit-log", &auditor).await.json().await.unwrap();
        assert!(exports(&log).is_empty(), "{log}");
        for path in ["export.csv", "export.json", "export.pb?pot=old-town", "export.audit"] {
            let res = app.get_bearer(&format!("/api/v1/rounds/1/{path}"), &auditor).await;
            assert_eq!(res.status(), 200, "{path}");
        }
        let log: Value = app.get_bearer("/api/v1/audit-log", &auditor).await.json().await.unwrap();
        let found = exports(&log);
        assert_eq!(found.len(), 4, "{found:?}");
        assert!(found.iter().all(|(actor, _)| *actor == Some(auditor_id)), "{found:?}");
        for what in ["as CSV", "as JSON", "round-1-old-town.pb", "as an audit package"] {
            assert!(found.iter().any(|(_, detail)| detail.contains(what)), "{what}: {found:?}");
        }
    }
}
