//! Crash tests: ballots are cast over HTTP while things fail at random moments — the server
//! process is killed with SIGKILL and restarted, and (on PostgreSQL) the database server is
//! stopped the way a crash stops it and started again. Afterwards every acknowledged ballot is
//! on the board, the chain is intact, and ballots equal spent voting codes plus participations
//! (nothing half-written, nobody twice). While the database is down, voters get 503 and a
//! clear message, never a receipt, and the same server process recovers once it is back.
//!
//! The CI run is short; `CRASH_FAULTS=N` (kills, or database restarts each followed by a kill)
//! makes it longer, with voters in proportion unless `CRASH_VOTERS=N` says otherwise
//! (docs/benchmarks.md has the command).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rand::Rng;
use serde_json::{json, Value};

use crate::cli::{budgetbox, free_port};
use crate::helpers::{required_env, Backend, TestDatabase};

const CONCURRENCY: usize = 16;

fn env_count(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .map(|v| {
            v.parse()
                .unwrap_or_else(|_| panic!("{name}={v} is not a count"))
        })
        .unwrap_or(default)
}

/// The app as a separate process, so it can be killed for real.
struct Instance {
    data_dir: PathBuf,
    database_url: String,
    port: u16,
    child: Option<Child>,
}

impl Instance {
    fn new(data_dir: &Path, database: &TestDatabase) -> Instance {
        Instance {
            data_dir: data_dir.to_path_buf(),
            database_url: database.cli_url(),
            port: free_port(),
            child: None,
        }
    }

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

    /// Every run's stderr, appended, so a panic in any of them is found afterwards.
    fn server_log(&self) -> PathBuf {
        self.data_dir.join("server.log")
    }

    fn start(&mut self) {
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.server_log())
            .unwrap();
        let child = self
            .cli()
            .args([
                "serve",
                "--no-demo",
                "--bind",
                &format!("127.0.0.1:{}", self.port),
            ])
            .stdout(Stdio::null())
            .stderr(log)
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
async fn set_up(
    instance: &Instance,
    database: &TestDatabase,
    voters: usize,
) -> (i64, Vec<i64>, Vec<String>) {
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
            "voting_close_at": t(48), "residence": "none", "voting_channels": "codes"
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let round = round["id"].as_i64().unwrap_or_else(|| panic!("{round}"));
    let pool = budgetbox::db::connect_pool(&database.url, 2).unwrap();
    let mut conn = budgetbox::db::connection::get(&pool).unwrap();
    let projects = (0..3)
        .map(|i| {
            crate::helpers::feasible_project(
                &mut conn,
                round,
                None,
                &format!("Project {i}"),
                10_000,
            )
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
            &voters.to_string(),
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

/// One receipt, with when its request left and when its answer came back.
#[derive(Clone)]
struct Ack {
    tracking: String,
    sent: Instant,
    answered: Instant,
}

/// Voters casting ballots with the round's codes, retrying while the server or the database
/// is down, until the codes or the time run out.
struct Load {
    queue: Arc<Mutex<Vec<String>>>,
    acknowledged: Arc<Mutex<Vec<Ack>>>,
    log_path: PathBuf,
    workers: tokio::task::JoinSet<()>,
}

impl Load {
    fn start(
        endpoint: String,
        projects: &[i64],
        codes: Vec<String>,
        log_path: PathBuf,
        deadline: Instant,
    ) -> Load {
        // Every acknowledged tracking code goes to a log, synced to disk before it counts.
        let log = Arc::new(Mutex::new(std::fs::File::create(&log_path).unwrap()));
        let acknowledged = Arc::new(Mutex::new(Vec::<Ack>::new()));
        let queue = Arc::new(Mutex::new(codes));
        let mut workers = tokio::task::JoinSet::new();
        for w in 0..CONCURRENCY {
            let (queue, log, acknowledged, endpoint) = (
                queue.clone(),
                log.clone(),
                acknowledged.clone(),
                endpoint.clone(),
            );
            let project = projects[w % projects.len()];
            workers.spawn(async move {
                let client = reqwest::Client::builder()
                    .timeout(Duration::from_secs(10))
                    .build()
                    .unwrap();
                loop {
                    let Some(code) = queue.lock().unwrap().pop() else {
                        break;
                    };
                    let body = json!({"projects": [project], "voting_code": code});
                    // Retry while the server is down; a code whose answer was lost may come back 409.
                    while Instant::now() < deadline {
                        let sent = Instant::now();
                        match client.post(&endpoint).json(&body).send().await {
                            Ok(res) if res.status() == 201 => {
                                // A body cut off by a kill is an answer the voter never saw.
                                let Ok(receipt) = res.json::<Value>().await else {
                                    continue;
                                };
                                let tracking =
                                    receipt["tracking_code"].as_str().unwrap().to_string();
                                let mut file = log.lock().unwrap();
                                writeln!(file, "{tracking}").unwrap();
                                file.sync_data().unwrap();
                                acknowledged.lock().unwrap().push(Ack {
                                    tracking,
                                    sent,
                                    answered: Instant::now(),
                                });
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
        Load {
            queue,
            acknowledged,
            log_path,
            workers,
        }
    }

    fn under_way(&self) -> bool {
        !self.queue.lock().unwrap().is_empty()
    }

    fn acknowledged(&self) -> usize {
        self.acknowledged.lock().unwrap().len()
    }

    /// A code nobody is using, for a request of the test's own.
    fn take_code(&self) -> String {
        self.queue.lock().unwrap().pop().expect("codes left")
    }

    fn give_back(&self, code: String) {
        self.queue.lock().unwrap().push(code);
    }

    async fn finish(mut self) -> (Vec<Ack>, PathBuf) {
        while let Some(done) = self.workers.join_next().await {
            done.expect("a voter's task failed");
        }
        let acknowledged = self.acknowledged.lock().unwrap().clone();
        (acknowledged, self.log_path)
    }
}

/// Waits until the load has `more` receipts than `than`; false after `within`.
async fn receipts_resume(load: &Load, than: usize, within: Duration) -> bool {
    let until = Instant::now() + within;
    while Instant::now() < until {
        if load.acknowledged() > than {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    false
}

/// Everything acknowledged is on the board (as stored and as a voter checks it), the chain
/// verifies, ballots equal spent codes plus participations, and no run of the server panicked.
async fn nothing_lost(
    instance: &Instance,
    database: &TestDatabase,
    round: i64,
    acknowledged: &[Ack],
    log_path: &Path,
    voters: usize,
) -> usize {
    let logged = std::fs::read_to_string(log_path).unwrap();
    assert_eq!(logged.lines().count(), acknowledged.len());
    assert!(
        acknowledged.len() > voters / 2,
        "the load went on between faults: {}",
        acknowledged.len()
    );
    let pool = budgetbox::db::connect_pool(&database.url, 1).unwrap();
    let mut conn = budgetbox::db::connection::get(&pool).unwrap();
    let board = budgetbox::db::models::ballot::of_round(&mut conn, round).unwrap();
    budgetbox::domain::bulletin::verify_chain(round, &board)
        .expect("the chain survived every fault");
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
    let participations =
        budgetbox::db::models::ballot::participation_count(&mut conn, round).unwrap();
    assert_eq!(
        board.len() as i64,
        participations,
        "one ballot per participation (every code spends one): nothing half-written, nobody twice"
    );
    assert!(board.len() >= acknowledged.len());
    let server_log = std::fs::read_to_string(instance.server_log()).unwrap();
    assert!(
        !server_log.contains("panicked"),
        "the server never panics: {server_log}"
    );
    board.len()
}

/// A server with a round open to `voters` code holders, and the load casting their ballots for
/// at most `seconds`.
struct Voting {
    /// Holds the server's data directory and the acknowledged-ballots log.
    _dir: tempfile::TempDir,
    instance: Instance,
    round: i64,
    projects: Vec<i64>,
    load: Load,
}

async fn voting(database: &TestDatabase, voters: usize, seconds: u64) -> Voting {
    let dir = tempfile::tempdir().unwrap();
    let mut instance = Instance::new(dir.path(), database);
    instance.start();
    let (round, projects, codes) = set_up(&instance, database, voters).await;
    let load = Load::start(
        instance.url(&format!("/api/v1/rounds/{round}/ballots")),
        &projects,
        codes,
        dir.path().join("acknowledged.log"),
        Instant::now() + Duration::from_secs(seconds),
    );
    Voting {
        _dir: dir,
        instance,
        round,
        projects,
        load,
    }
}

async fn crash_while_voting(backend: Backend) {
    let Some(database) = TestDatabase::create(backend) else {
        return;
    };
    let kills = env_count("CRASH_FAULTS", 5);
    let voters = env_count("CRASH_VOTERS", 800 * kills);
    let Voting {
        _dir,
        mut instance,
        round,
        load,
        ..
    } = voting(&database, voters, 40 + 10 * kills as u64).await;
    let mut kills_under_load = 0;
    for _ in 0..kills {
        let pause = rand::rng().random_range(30..150);
        tokio::time::sleep(Duration::from_millis(pause)).await;
        if load.under_way() {
            kills_under_load += 1;
        }
        instance.kill();
        instance.start();
    }
    assert_eq!(
        kills_under_load, kills,
        "every kill hit a server under load"
    );
    let (acknowledged, log_path) = load.finish().await;
    let on_board = nothing_lost(
        &instance,
        &database,
        round,
        &acknowledged,
        &log_path,
        voters,
    )
    .await;
    eprintln!(
        "crash test ({backend:?}): {kills} kills, {} ballots acknowledged, {on_board} on the board, 0 lost",
        acknowledged.len(),
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

/// A PostgreSQL server of this test's own (stopping the shared one would break every other
/// test): `BUDGETBOX_TEST_PG_RESTART_URL` reaches it, `BUDGETBOX_TEST_PG_CTL stop|start`
/// stops it immediately (no checkpoint, as in a crash) and starts it, waiting until it
/// accepts connections. `.ci/run` provides both.
struct RestartableServer {
    admin_url: String,
    ctl: String,
    down: bool,
}

impl RestartableServer {
    fn from_env() -> Option<RestartableServer> {
        const TESTS: &str = "PostgreSQL restart tests";
        Some(RestartableServer {
            admin_url: required_env("BUDGETBOX_TEST_PG_RESTART_URL", TESTS)?,
            ctl: required_env("BUDGETBOX_TEST_PG_CTL", TESTS)?,
            down: false,
        })
    }

    fn ctl(&mut self, action: &str) {
        let status = std::process::Command::new(&self.ctl)
            .arg(action)
            .status()
            .unwrap_or_else(|e| panic!("cannot run {} {action}: {e}", self.ctl));
        assert!(status.success(), "{} {action}: {status}", self.ctl);
        self.down = action == "stop";
    }
}

impl Drop for RestartableServer {
    /// A failed test must not leave the server down for the next run.
    fn drop(&mut self) {
        if self.down {
            let _ = std::process::Command::new(&self.ctl).arg("start").status();
        }
    }
}

/// While the database is down: a ballot gets 503 with a message and no receipt, and a page
/// gets 503 with a heading saying what happened (the pool gives up after its timeout).
async fn refused_while_down(instance: &Instance, load: &Load, round: i64, project: i64) {
    let client = reqwest::Client::new();
    let code = load.take_code();
    let ballot = client
        .post(instance.url(&format!("/api/v1/rounds/{round}/ballots")))
        .json(&json!({"projects": [project], "voting_code": code}))
        .send();
    let page = client
        .get(instance.url(&format!("/rounds/{round}")))
        .header("Accept", "text/html")
        .send();
    let (ballot, page) = tokio::join!(ballot, page);
    let ballot = ballot.expect("an answer, not a dropped connection");
    assert_eq!(
        ballot.status(),
        503,
        "no receipt while the database is down"
    );
    let body: Value = ballot.json().await.unwrap();
    assert!(
        body["error"].as_str().is_some_and(|m| !m.is_empty()),
        "{body}"
    );
    // Refused, so unspent: the load casts it later.
    load.give_back(code);
    let page = page.expect("an answer, not a dropped connection");
    assert_eq!(page.status(), 503);
    let page = page.text().await.unwrap();
    assert!(
        page.contains("<h1>") && !page.contains("panicked"),
        "a clear page: {page}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn restarted_database_loses_no_acknowledged_ballot_on_postgres() {
    let Some(mut server) = RestartableServer::from_env() else {
        return;
    };
    let restarts = env_count("CRASH_FAULTS", 3);
    let voters = env_count("CRASH_VOTERS", 2000 * restarts);
    let database = TestDatabase::create_postgres_at(&server.admin_url);
    let Voting {
        _dir,
        mut instance,
        round,
        projects,
        load,
    } = voting(&database, voters, 30 + 15 * restarts as u64).await;
    let mut rng = rand::rng();
    // (stopped, starting): a request sent after the first and answered before the second
    // cannot have reached the database.
    let mut outages = Vec::new();
    // Seconds down, and from the start of the database until receipts came again.
    let mut timings = Vec::new();
    for _ in 0..restarts {
        tokio::time::sleep(Duration::from_millis(rng.random_range(50..400))).await;
        assert!(load.under_way(), "the database stops under load");
        server.ctl("stop");
        let stopped = Instant::now();
        refused_while_down(&instance, &load, round, projects[0]).await;
        tokio::time::sleep(Duration::from_millis(rng.random_range(0..500))).await;
        let before = load.acknowledged();
        let starting = Instant::now();
        outages.push((stopped, starting));
        server.ctl("start");
        assert!(
            receipts_resume(&load, before, Duration::from_secs(20)).await,
            "the same server process takes ballots again once the database is back"
        );
        timings.push(format!(
            "{:.1} s/{:.1} s",
            (starting - stopped).as_secs_f64(),
            starting.elapsed().as_secs_f64()
        ));
        // And a crash of the app on top, at a random moment after the recovery.
        tokio::time::sleep(Duration::from_millis(rng.random_range(30..300))).await;
        assert!(load.under_way(), "the server is killed under load");
        instance.kill();
        instance.start();
    }
    let (acknowledged, log_path) = load.finish().await;
    for ack in &acknowledged {
        assert!(
            !outages
                .iter()
                .any(|(stopped, starting)| ack.sent > *stopped && ack.answered < *starting),
            "receipt {} given while the database was down",
            ack.tracking
        );
    }
    let on_board = nothing_lost(
        &instance,
        &database,
        round,
        &acknowledged,
        &log_path,
        voters,
    )
    .await;
    eprintln!(
        "database restart test: {restarts} immediate stops and restarts of PostgreSQL (down/receipts again after start: {}) and {restarts} kills of the server, {} ballots acknowledged, {on_board} on the board, 0 lost",
        timings.join(", "),
        acknowledged.len(),
    );
}
