//! The board at city scale: receipts carry an RFC 9162 inclusion proof against a signed tree
//! head, checked offline by `budgetbox verify --receipt`; a kept head and a later one are
//! tied by a consistency proof (`verify --consistency`); the board comes in pages with
//! ETags. A tampered entry, a tampered path and a rewritten history each fail.

use reqwest::Method;
use serde_json::{json, Value};

use crate::ballots::at;
use crate::cli::budgetbox;
use crate::helpers::TestApp;

const PASSWORD: &str = "violet tram umbrella";

/// A round voted by code, voting now (the app's clock), with one project; returns the round,
/// the project and `n` codes.
async fn round_with_codes(app: &TestApp, n: usize) -> (i64, i64, Vec<String>) {
    app.clock.set(at("2026-03-01T12:00"));
    app.create_user("board-council@example.org", PASSWORD, "council");
    let council = app.api_login("board-council@example.org", PASSWORD).await;
    let config = json!({
        "title": "Board", "total_budget": "5000", "ballot_type": "approval", "min_choices": "1",
        "max_choices": "1", "rule": "greedy", "residence": "none", "voting_channels": "codes",
        "proposals_open_at": "2026-04-01T09:00", "review_at": "2026-05-01T09:00",
        "voting_open_at": "2026-06-01T09:00", "voting_close_at": "2026-06-15T18:00"
    });
    let res = app
        .send_bearer(Method::POST, "/api/v1/rounds", &council, &config)
        .await;
    assert_eq!(res.status(), 201);
    let round = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let project = crate::helpers::feasible_project(&mut app.conn(), round, None, "Lights", 10_000);
    let codes: Value = app
        .send_bearer(
            Method::POST,
            &format!("/api/v1/rounds/{round}/voting-codes"),
            &council,
            &json!({"count": n}),
        )
        .await
        .json()
        .await
        .unwrap();
    let codes = codes["codes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect();
    app.clock.set(at("2026-06-05T12:00"));
    (round, project, codes)
}

async fn cast(app: &TestApp, round: i64, project: i64, code: &str) -> String {
    let res = app
        .new_browser()
        .post(app.url(&format!("/api/v1/rounds/{round}/ballots")))
        .json(&json!({"projects": [project], "voting_code": code}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201);
    res.json::<Value>().await.unwrap()["tracking_code"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Waits (the checkpointer signs a head every second) for a head of `size` entries.
async fn head_of(app: &TestApp, round: i64, size: i64) -> Value {
    for _ in 0..100 {
        let res = app.get(&format!("/api/v1/rounds/{round}/board/head")).await;
        if res.status() == 200 {
            let head: Value = res.json().await.unwrap();
            if head["tree_size"] == size {
                return head;
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("no signed head of {size} entries came");
}

/// `budgetbox verify ARGS`: (exit code, output).
fn verify(args: &[&str]) -> (i32, String) {
    let out = budgetbox().arg("verify").args(args).output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code().unwrap_or(-1), text)
}

both_backends_with_clock! {
    async fn receipts_prove_inclusion_and_heads_prove_the_board_only_grew(app) {
        // 40 entries: the proofs cross the 16-entry blocks whose nodes are stored and the
        // nodes below them, computed from the entries.
        let (round, project, codes) = round_with_codes(&app, 40).await;
        let key: Value = app.get("/api/v1/audit-key").await.json().await.unwrap();
        let key = key["public_key"].as_str().unwrap().to_string();
        let mut tracking = Vec::new();
        for code in &codes[..21] {
            tracking.push(cast(&app, round, project, code).await);
        }
        let kept = head_of(&app, round, 21).await;
        for code in &codes[21..] {
            tracking.push(cast(&app, round, project, code).await);
        }
        head_of(&app, round, 40).await;
        // Only the nodes over 16 entries or more are stored: 3 for 40 entries, not 79.
        {
            use budgetbox::db::schema::board_nodes;
            use diesel::prelude::*;
            let stored: i64 = board_nodes::table
                .filter(board_nodes::round_id.eq(round))
                .count()
                .get_result(&mut *app.conn())
                .unwrap();
            assert_eq!(stored, 3);
        }

        let dir = tempfile::tempdir().unwrap();
        let file = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
        // Every receipt proves its entry is in the signed head, offline.
        for code in [&tracking[0], &tracking[6], &tracking[16], &tracking[20], &tracking[39]] {
            let proof: Value = app.get(&format!("/api/v1/receipts/{code}")).await.json().await.unwrap();
            assert_eq!(proof["chain_valid"], true);
            assert_eq!(proof["tree"]["head"]["tree_size"], 40, "{proof}");
            std::fs::write(file("receipt.json"), proof.to_string()).unwrap();
            let (status, out) = verify(&["--receipt", &file("receipt.json"), "--public-key", &key]);
            assert_eq!(status, 0, "{out}");
            assert!(out.starts_with("OK"), "{out}");
            // A tampered entry, a tampered path, another key: each fails.
            let mut altered = proof.clone();
            altered["entry"]["tracking_hash"] = json!("0".repeat(64));
            std::fs::write(file("altered.json"), altered.to_string()).unwrap();
            let (status, out) = verify(&["--receipt", &file("altered.json"), "--public-key", &key]);
            assert_ne!(status, 0, "{out}");
            assert!(out.contains("FAILED") && out.contains("altered"), "{out}");
            let mut moved = proof.clone();
            let first = moved["tree"]["path"][0].as_str().unwrap().to_string();
            moved["tree"]["path"][0] = json!(format!("{}{}", if first.starts_with('0') { "1" } else { "0" }, &first[1..]));
            std::fs::write(file("moved.json"), moved.to_string()).unwrap();
            let (status, out) = verify(&["--receipt", &file("moved.json"), "--public-key", &key]);
            assert_ne!(status, 0, "{out}");
            assert!(out.contains("is not in the signed board"), "{out}");
            let (status, out) = verify(&["--receipt", &file("receipt.json"), "--public-key", &"ab".repeat(32)]);
            assert_ne!(status, 0, "{out}");
        }

        // The kept head of 21 entries, and the board of 40 now: it only grew.
        std::fs::write(file("kept.json"), kept.to_string()).unwrap();
        let proof: Value = app.get(&format!("/api/v1/rounds/{round}/board/consistency?first=21")).await.json().await.unwrap();
        std::fs::write(file("consistency.json"), proof.to_string()).unwrap();
        let (status, out) = verify(&["--consistency", &file("consistency.json"), "--kept", &file("kept.json"), "--public-key", &key]);
        assert_eq!(status, 0, "{out}");
        assert_eq!(app.get(&format!("/api/v1/rounds/{round}/board/consistency?first=41")).await.status(), 400);

        // Someone with the database and the key rewrites entry 3 and signs the tree again: the
        // kept head shows it.
        {
            use budgetbox::db::schema::{ballots, board_heads, board_nodes};
            use diesel::prelude::*;
            let mut conn = app.conn();
            diesel::delete(board_nodes::table.filter(board_nodes::round_id.eq(round))).execute(&mut *conn).unwrap();
            diesel::delete(board_heads::table.filter(board_heads::round_id.eq(round))).execute(&mut *conn).unwrap();
            diesel::update(ballots::table.filter(ballots::round_id.eq(round)).filter(ballots::seq.eq(3)))
                .set(ballots::entry_hash.eq("ab".repeat(32)))
                .execute(&mut *conn)
                .unwrap();
            let key = budgetbox::auth::audit_signing_key(app.secret.expose());
            budgetbox::domain::board_tree::checkpoint(&mut conn, &key, budgetbox::domain::RoundId(round), at("2026-06-05T12:00")).unwrap();
        }
        let rewritten: Value = app.get(&format!("/api/v1/rounds/{round}/board/consistency?first=21")).await.json().await.unwrap();
        std::fs::write(file("rewritten.json"), rewritten.to_string()).unwrap();
        let (status, out) = verify(&["--consistency", &file("rewritten.json"), "--kept", &file("kept.json"), "--public-key", &key]);
        assert_ne!(status, 0, "{out}");
        assert!(out.contains("rewritten"), "{out}");
    }

    async fn the_board_comes_in_pages_with_etags(app) {
        let (round, project, codes) = round_with_codes(&app, 5).await;
        for code in &codes {
            cast(&app, round, project, code).await;
        }
        let full: Value = app.get(&format!("/api/v1/rounds/{round}/bulletin")).await.json().await.unwrap();
        let mut entries = Vec::new();
        let mut next = Some(format!("/api/v1/rounds/{round}/board?limit=2"));
        while let Some(path) = next {
            let res = app.get(&path).await;
            assert_eq!(res.status(), 200);
            let etag = res.headers()["etag"].to_str().unwrap().to_string();
            let page: Value = res.json().await.unwrap();
            let again = app.client.get(app.url(&path)).header("If-None-Match", &etag).send().await.unwrap();
            assert_eq!(again.status(), 304, "{path}");
            entries.extend(page["entries"].as_array().unwrap().clone());
            next = page["next"].as_str().map(str::to_string);
        }
        assert_eq!(Value::Array(entries), full["entries"]);
        assert_eq!(app.get(&format!("/api/v1/rounds/{round}/board?limit=0")).await.status(), 400);
        assert_eq!(app.get(&format!("/api/v1/rounds/{round}/board?limit=5000")).await.status(), 400);
    }
}
