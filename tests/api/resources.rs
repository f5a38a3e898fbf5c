//! Hostile clients do not take the service down: slow senders, login floods and bodies built
//! to be expensive to parse. Each test is bounded in time and count.

use std::time::{Duration, Instant};

use tokio::io::AsyncWriteExt;

/// Every probe of `/healthz` answers within two seconds while the hostile clients run. A
/// server they starved would answer only once they gave up (after three seconds); the margin
/// below that is for the 2-core CI machine running the rest of the suite at the same time (one
/// probe in 20 once took 1.02 s there).
async fn stays_responsive(app: &crate::helpers::TestApp, probes: usize) {
    for _ in 0..probes {
        let started = Instant::now();
        let res = app.get("/healthz").await;
        assert_eq!(res.status(), 200);
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "healthz took {:?}",
            started.elapsed()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

both_backends! {
    async fn slow_clients_do_not_starve_the_others(app) {
        let address = app.url("").trim_start_matches("http://").trim_end_matches('/').to_string();
        let mut slow = tokio::task::JoinSet::new();
        for _ in 0..200 {
            let address = address.clone();
            slow.spawn(async move {
                let Ok(mut socket) = tokio::net::TcpStream::connect(&address).await else { return };
                let _ = socket.write_all(b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nX-Slow: ").await;
                // One byte every 200 ms, for at most three seconds.
                for _ in 0..15 {
                    if socket.write_all(b"a").await.is_err() {
                        return;
                    }
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
            });
        }
        stays_responsive(&app, 20).await;
        let rounds = app.get("/api/v1/rounds").await;
        assert_eq!(rounds.status(), 200);
        slow.abort_all();
    }

    async fn bodies_built_to_be_expensive_are_refused_cheaply(app) {
        let client = reqwest::Client::new();
        let nested = "[".repeat(100_000);
        let res = client
            .post(app.url("/api/v1/rounds/1/ballots"))
            .header("Content-Type", "application/json")
            .body(nested)
            .send()
            .await
            .unwrap();
        assert!(res.status().is_client_error(), "{}", res.status());
        let wide = format!("{{\"projects\": [{}]}}", vec!["1"; 200_000].join(","));
        let res = client
            .post(app.url("/api/v1/rounds/1/ballots"))
            .header("Content-Type", "application/json")
            .body(wide)
            .send()
            .await
            .unwrap();
        assert!(res.status().is_client_error(), "{}", res.status());
        stays_responsive(&app, 3).await;
    }
}

both_backends_with_clock! {
    async fn during_a_login_flood_others_log_in_and_vote(app) {
        use crate::ballots::{fixture, PASSWORD};
        let f = fixture(&app, "approval", serde_json::json!({})).await;
        app.create_user("target@example.org", "violet tram umbrella", "citizen");
        let client = reqwest::Client::new();
        let mut flood = tokio::task::JoinSet::new();
        for i in 0..40 {
            let request = client
                .post(app.url("/api/v1/auth/login"))
                .json(&serde_json::json!({"email": "target@example.org", "password": format!("wrong guess {i}")}))
                .send();
            flood.spawn(async move {
                let status = request.await.map(|r| r.status().as_u16()).unwrap_or(0);
                (status, Instant::now())
            });
        }
        // Another resident, on the same address, logs in and votes while the guesses run.
        let started = Instant::now();
        let login = client
            .post(app.url("/api/v1/auth/login"))
            .json(&serde_json::json!({"email": "voter@example.org", "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(login.status(), 200, "the resident's login is served during the flood");
        let token = login.json::<serde_json::Value>().await.unwrap()["token"].as_str().unwrap().to_string();
        let vote = app
            .send_bearer(reqwest::Method::POST, &format!("/api/v1/rounds/{}/ballots", f.round), &token, &serde_json::json!({"projects": [f.north_projects[0]]}))
            .await;
        assert_eq!(vote.status(), 201, "the resident's ballot is taken during the flood");
        let results = flood.join_all().await;
        let statuses: Vec<u16> = results.iter().map(|(s, _)| *s).collect();
        assert!(statuses.iter().all(|s| matches!(s, 401 | 429 | 503)), "{statuses:?}");
        assert!(statuses.contains(&429), "the flood is throttled: {statuses:?}");
        let last = results.iter().map(|(_, at)| *at).max().unwrap();
        assert!(last > started, "the flood was still running when the resident logged in");
    }
}
