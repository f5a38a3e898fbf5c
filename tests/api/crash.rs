//! Crash test: ballots are cast over HTTP while the server process is killed with SIGKILL at
//! random moments and restarted; afterwards every acknowledged ballot is on the board, the
//! chain is intact, and ballots equal spent voting codes (nothing half-written, nobody twice).

use std::io::Write;
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rand::Rng;
use serde_json::{json, Value};

use crate::cli::{budgetbox, free_port};
use crate::helpers::{Backend, TestDatabase};

const KILLS: usize = 5;
const VOTERS: usize = 4000;
const CONCURRENCY: usize = 16;

struct Instance {
    data_dir: std::path::PathBuf,
    database_url: String,
    port: u16,
    child: Option<Child>,
}

impl Instance {
    fn cli(&self) -> std::process::Command {
        let mut cmd = budgetbox();
        cmd.args([
            "--data-dir",
            self.data_dir.to_str().unwrap(),
            "--database-url",
            &self.database_url,
        ]);
        cmd
    }

    fn start(&mut self) {
        let child = self
            .cli()
            .args([
                "serve",
                "--no-demo",
                "--bind",
                &format!("127.0.0.1:{}", self.port),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the server did not come back");
    }

    /// SIGKILL: no shutdown handler, no flush, no goodbye.
    fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            child.kill().unwrap();
            child.wait().unwrap();
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A council account, a round voting now with three feasible projects, and voting codes,
/// all through the command line and the API as a city would set them up.
async fn set_up(instance: &Instance, database: &TestDatabase) -> (i64, Vec<i64>, Vec<String>) {
    let out = instance
        .cli()
        .args([
            "admin",
            "create",
            "--email",
            "council@example.org",
            "--role",
            "council",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let printed = String::from_utf8_lossy(&out.stdout).to_string();
    let password = printed
        .split_whitespace()
        .last()
        .expect("the password is printed")
        .to_string();
    let client = reqwest::Client::new();
    let login: Value = client
        .post(instance.url("/api/v1/auth/login"))
        .json(&json!({"email": "council@example.org", "password": password}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = login["token"]
        .as_str()
        .unwrap_or_else(|| panic!("{login} / {printed}"))
        .to_string();
    let now = chrono::Utc::now().naive_utc();
    let t = |h: i64| {
        (now + chrono::Duration::hours(h))
            .format("%Y-%m-%dT%H:%M")
            .to_string()
    };
    let round: Value = client
        .post(instance.url("/api/v1/rounds"))
        .bearer_auth(&token)
        .json(&json!({
            "title": "Crash test", "total_budget": "1000", "ballot_type": "approval", "rule": "greedy",
            "max_choices": "2", "proposals_open_at": t(-72), "review_at": t(-48), "voting_open_at": t(-1),
            "voting_close_at": t(48), "residence": "none", "voting_codes": "on"
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let round = round["id"].as_i64().unwrap_or_else(|| panic!("{round}"));
    let pool = budgetbox::db::connect_pool(&database.url, 2).unwrap();
    let mut conn = pool.get().unwrap();
    let projects = (0..3)
        .map(|i| {
            budgetbox::db::models::proposal::insert(
                &mut conn,
                &budgetbox::db::models::proposal::NewProposal {
                    round_id: round,
                    district_id: None,
                    author_id: None,
                    title: &format!("Project {i}"),
                    description: "crash test",
                    category: None,
                    location: None,
                    estimated_cost: 10_000,
                    validated_cost: Some(10_000),
                    status: "feasible",
                    created_at: now,
                    updated_at: now,
                },
            )
            .unwrap()
        })
        .collect();
    let out = instance
        .cli()
        .args([
            "codes",
            "generate",
            "--round",
            &round.to_string(),
            "--count",
            &VOTERS.to_string(),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let codes = String::from_utf8_lossy(&out.stdout)
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap().to_string())
        .collect();
    (round, projects, codes)
}

async fn crash_while_voting(backend: Backend) {
    let Some(database) = TestDatabase::create(backend) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let database_url = match backend {
        Backend::Sqlite => database.url.to_string(),
        Backend::Postgres => database.url.expose().to_string(),
    };
    let mut instance = Instance {
        data_dir: dir.path().to_path_buf(),
        database_url,
        port: free_port(),
        child: None,
    };
    instance.start();
    let (round, projects, codes) = set_up(&instance, &database).await;

    // Every acknowledged tracking code goes to a log, synced to disk before it counts.
    let log_path = dir.path().join("acknowledged.log");
    let log = Arc::new(Mutex::new(std::fs::File::create(&log_path).unwrap()));
    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let queue = Arc::new(Mutex::new(codes.clone()));
    let endpoint = instance.url(&format!("/api/v1/rounds/{round}/ballots"));
    let deadline = Instant::now() + Duration::from_secs(90);
    let mut workers = tokio::task::JoinSet::new();
    for w in 0..CONCURRENCY {
        let (queue, log, acknowledged, endpoint, projects) = (
            queue.clone(),
            log.clone(),
            acknowledged.clone(),
            endpoint.clone(),
            projects.clone(),
        );
        workers.spawn(async move {
            let client = reqwest::Client::builder()
                .timeout(Duration::from_secs(10))
                .build()
                .unwrap();
            loop {
                let Some(code) = queue.lock().unwrap().pop() else {
                    break;
                };
                let body = json!({"projects": [projects[w % projects.len()]], "voting_code": code});
                // Retry while the server is down; a code whose answer was lost may come back 409.
                while Instant::now() < deadline {
                    match client.post(&endpoint).json(&body).send().await {
                        Ok(res) if res.status() == 201 => {
                            let receipt: Value = res.json().await.unwrap();
                            let tracking = receipt["tracking_code"].as_str().unwrap().to_string();
                            let mut file = log.lock().unwrap();
                            writeln!(file, "{tracking}").unwrap();
                            file.sync_data().unwrap();
                            acknowledged.lock().unwrap().push(tracking);
                            break;
                        }
                        Ok(res) if res.status() == 409 => break,
                        Ok(res) if res.status() == 503 => {}
                        Ok(res) => panic!(
                            "unexpected {}: {}",
                            res.status(),
                            res.text().await.unwrap_or_default()
                        ),
                        Err(_) => {}
                    }
                    tokio::time::sleep(Duration::from_millis(25)).await;
                }
            }
        });
    }
    let mut kills_under_load = 0;
    for _ in 0..KILLS {
        let pause = rand::rng().random_range(30..150);
        tokio::time::sleep(Duration::from_millis(pause)).await;
        if !queue.lock().unwrap().is_empty() {
            kills_under_load += 1;
        }
        instance.kill();
        instance.start();
    }
    assert_eq!(
        kills_under_load, KILLS,
        "every kill hit a server under load"
    );
    while workers.join_next().await.is_some() {}

    let acknowledged = acknowledged.lock().unwrap().clone();
    let logged = std::fs::read_to_string(&log_path).unwrap();
    assert_eq!(logged.lines().count(), acknowledged.len());
    assert!(
        acknowledged.len() > VOTERS / 2,
        "the load went on between kills: {}",
        acknowledged.len()
    );
    let pool = budgetbox::db::connect_pool(&database.url, 1).unwrap();
    let mut conn = pool.get().unwrap();
    let board = budgetbox::db::models::ballot::of_round(&mut conn, round).unwrap();
    budgetbox::domain::bulletin::verify_chain(round, &board)
        .expect("the chain survived every kill");
    let on_board: std::collections::HashSet<&str> =
        board.iter().map(|b| b.tracking_hash.as_str()).collect();
    for tracking in logged.lines() {
        let hash = budgetbox::domain::bulletin::tracking_hash(tracking);
        assert!(
            on_board.contains(hash.as_str()),
            "acknowledged ballot {tracking} is lost"
        );
    }
    // And as a voter checks it, for a sample (each check re-verifies the whole chain).
    let client = reqwest::Client::new();
    for tracking in logged.lines().step_by(400) {
        let res = client
            .get(instance.url(&format!("/api/v1/receipts/{tracking}")))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "{tracking}");
        assert_eq!(res.json::<Value>().await.unwrap()["chain_valid"], true);
    }
    let (_, spent) = budgetbox::db::models::eligibility::code_counts(&mut conn, round).unwrap();
    assert_eq!(
        board.len() as i64,
        spent,
        "one ballot per spent code: nothing half-written, nobody twice"
    );
    assert!(board.len() >= acknowledged.len());
    eprintln!(
        "crash test ({backend:?}): {KILLS} kills, {} ballots acknowledged, {} on the board, {} codes spent, 0 lost",
        acknowledged.len(),
        board.len(),
        spent
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_server_loses_no_acknowledged_ballot_on_sqlite() {
    crash_while_voting(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_server_loses_no_acknowledged_ballot_on_postgres() {
    crash_while_voting(Backend::Postgres).await;
}
