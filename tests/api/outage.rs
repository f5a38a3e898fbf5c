//! The database goes away while people vote: requests get 503 with a clear message — never a
//! receipt, never a panic — and the app recovers by itself when the database is back.
//!
//! PostgreSQL is reached through a TCP proxy in this test; "the database is down" is the proxy
//! dropping every connection and refusing new ones, as a server restart or a network cut does.

use budgetbox::domain::RoundId;
use std::sync::{Arc, Mutex};

use serde_json::{json, Value};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

use budgetbox::app::{prepare_database, Application};
use budgetbox::config::{DatabaseUrl, SecretKey, Settings};
use budgetbox::web::Clock;

use crate::helpers::{Backend, TestDatabase};

struct Proxy {
    port: u16,
    upstream: String,
    tasks: Arc<Mutex<Vec<JoinHandle<()>>>>,
}

impl Proxy {
    async fn start(upstream: String) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let proxy = Proxy {
            port,
            upstream,
            tasks: Arc::default(),
        };
        proxy.serve(listener);
        proxy
    }

    fn serve(&self, listener: TcpListener) {
        let (tasks, upstream) = (self.tasks.clone(), self.upstream.clone());
        let accept = tokio::spawn(async move {
            loop {
                let Ok((mut client, _)) = listener.accept().await else {
                    return;
                };
                let upstream = upstream.clone();
                let pipe = tokio::spawn(async move {
                    if let Ok(mut server) = TcpStream::connect(&upstream).await {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
                    }
                });
                tasks.lock().unwrap().push(pipe);
            }
        });
        self.tasks.lock().unwrap().push(accept);
    }

    /// Every connection dropped, nobody answers on the port.
    fn cut(&self) {
        for task in self.tasks.lock().unwrap().drain(..) {
            task.abort();
        }
    }

    async fn restore(&self) {
        let listener = TcpListener::bind(("127.0.0.1", self.port)).await.unwrap();
        self.serve(listener);
    }
}

/// `postgres://user@host:port/db` with the host and port replaced, and the original
/// `host:port`.
fn through(url: &str, port: u16) -> (String, String) {
    let mut parsed = url::Url::parse(url).expect("a database URL");
    let upstream = format!(
        "{}:{}",
        parsed.host_str().expect("a host"),
        parsed.port().unwrap_or(5432)
    );
    parsed
        .set_host(Some("127.0.0.1"))
        .expect("a host can be set");
    parsed.set_port(Some(port)).expect("a port can be set");
    (parsed.to_string(), upstream)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_outage_gives_503_never_a_receipt_and_the_app_recovers() {
    let Some(database) = TestDatabase::create(Backend::Postgres) else {
        return;
    };
    let real = database.url.expose().to_string();
    let (_, upstream) = through(&real, 0);
    let proxy = Proxy::start(upstream).await;
    let (proxied, _) = through(&real, proxy.port);
    let settings = Settings {
        database_url: DatabaseUrl::parse(&proxied).unwrap(),
        database_is_default: false,
        data_dir: std::env::temp_dir(),
        bind: "127.0.0.1:0".into(),
        secret_key: SecretKey::generate(),
        pool_size: 4,
        trusted_proxy: None,
        tls: None,
        mail: budgetbox::config::MailSettings::local(),
        metrics_token: None,
        map: budgetbox::config::MapSettings::default(),
        identity_providers: Vec::new(),
    };
    let pool = prepare_database(&settings).unwrap();
    let app = Application::build(settings, pool.clone(), Clock::System).unwrap();
    let base = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());

    // A round voting now, with voting codes, set up on the real connection.
    let (round, project, codes) = {
        use budgetbox::db::models::proposal;
        use budgetbox::domain::round_config::{self, RoundInput};
        let mut conn = budgetbox::db::connection::get(&pool).unwrap();
        let now = chrono::Utc::now().naive_utc();
        let staff = crate::helpers::staff_account(&mut conn);
        let t = |h: i64| {
            (now + chrono::Duration::hours(h))
                .format("%Y-%m-%dT%H:%M")
                .to_string()
        };
        let input = RoundInput {
            title: "Outage".into(),
            currency: "EUR".into(),
            time_zone: "UTC".into(),
            total_budget: "1000".into(),
            ballot_type: "approval".into(),
            min_choices: "1".into(),
            rule: "greedy".into(),
            proposals_open_at: t(-72),
            review_at: t(-48),
            voting_open_at: t(-1),
            voting_close_at: t(48),
            residence: "none".into(),
            revote_policy: "final".into(),
            voting_channels: "codes".into(),
            ..RoundInput::default()
        };
        let round = round_config::create(
            &mut conn,
            staff,
            &input.parse().unwrap(),
            now - chrono::Duration::hours(80),
        )
        .unwrap();
        let project = proposal::insert(
            &mut conn,
            &proposal::NewProposal {
                round_id: round,
                district_id: None,
                author_id: None,
                title: "Lights",
                description: "outage test",
                category: None,
                location: None,
                estimated_cost: 100,
                validated_cost: Some(100),
                status: "feasible",
                created_at: now,
                updated_at: now,
            },
        )
        .unwrap();
        let codes = budgetbox::domain::voting_codes::generate_codes(
            &mut conn,
            None,
            RoundId(round),
            30,
            None,
            now,
        )
        .unwrap();
        (round, project, codes)
    };
    let client = reqwest::Client::new();
    let cast = |code: &str| {
        let (client, url) = (
            client.clone(),
            format!("{base}/api/v1/rounds/{round}/ballots"),
        );
        let body = json!({"projects": [project], "voting_code": code});
        async move { client.post(url).json(&body).send().await.unwrap() }
    };
    for code in &codes[..10] {
        assert_eq!(cast(code).await.status(), 201);
    }

    proxy.cut();
    let cut_at = std::time::Instant::now();
    let mut outage = tokio::task::JoinSet::new();
    for code in &codes[10..20] {
        let request = cast(code);
        outage.spawn(async move {
            let sent = std::time::Instant::now();
            let res = request.await;
            (
                res.status().as_u16(),
                sent.elapsed(),
                res.json::<Value>().await.unwrap_or(Value::Null),
            )
        });
    }
    let mut slowest = std::time::Duration::ZERO;
    for (status, took, body) in outage.join_all().await {
        assert_eq!(status, 503, "no receipt while the database is down: {body}");
        assert!(
            body["error"].as_str().is_some_and(|m| !m.is_empty()),
            "{body}"
        );
        slowest = slowest.max(took);
    }
    // Refused at once, not after the pool's wait for a connection (5 s): a bound with room
    // for a loaded machine; docs/benchmarks.md has the figures of a quiet one.
    assert!(
        slowest < std::time::Duration::from_secs(2),
        "the slowest 503 took {slowest:?}"
    );
    // Once the outage is known, a request is refused in a fraction of that.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let sent = std::time::Instant::now();
    assert_eq!(cast(&codes[10]).await.status(), 503);
    let known_outage = sent.elapsed();
    assert!(
        known_outage < std::time::Duration::from_secs(1),
        "{known_outage:?}"
    );
    eprintln!("outage: first ballots refused within {slowest:?} of the cut ({:?} after it), later ones in {known_outage:?}", cut_at.elapsed());
    let page = client
        .get(format!("{base}/rounds/{round}"))
        .header("Accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 503);
    let page = page.text().await.unwrap();
    assert!(
        page.contains("<h1>") && !page.contains("panicked"),
        "a clear page: {page}"
    );

    // The database is back: no restart of the app is needed.
    proxy.restore().await;
    let restored = std::time::Instant::now();
    let mut recovered = None;
    while restored.elapsed() < std::time::Duration::from_secs(10) {
        if client
            .get(format!("{base}/readyz"))
            .send()
            .await
            .unwrap()
            .status()
            == 200
        {
            recovered = Some(restored.elapsed());
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let recovered = recovered.expect("the app reconnects by itself");
    // Within a second on a quiet machine (docs/benchmarks.md); the bound leaves room.
    assert!(
        recovered < std::time::Duration::from_secs(3),
        "ready again after {recovered:?}"
    );
    eprintln!("outage: ready again {recovered:?} after the database came back");
    for code in &codes[20..] {
        assert_eq!(cast(code).await.status(), 201);
    }
    // The codes refused during the outage were not spent: they still vote.
    for code in &codes[10..20] {
        assert_eq!(
            cast(code).await.status(),
            201,
            "a refused ballot left nothing behind"
        );
    }
    let mut conn = budgetbox::db::connection::get(&pool).unwrap();
    let board = budgetbox::db::models::ballot::of_round(&mut conn, round).unwrap();
    assert_eq!(board.len(), 30);
    budgetbox::domain::bulletin::verify_chain(round, &board).unwrap();
}
