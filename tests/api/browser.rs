//! The citizen's journey in a real headless Chromium, driven over WebDriver: register, log in,
//! propose, vote, keep the receipt, find the ballot on the bulletin board, read the results.
//! Once at phone width with axe-core checking every page (no serious or critical violations,
//! no sideways scrolling), once at desktop width with JavaScript switched off. Screenshots go
//! to `target/screenshots/`.
//!
//! Needs `chromedriver` and Chromium (`.ci/run` installs them) and axe-core's `axe.min.js`
//! (`.ci/run` fetches it into `target/axe/`). Without them the test says so and passes, except
//! under `CI=true`, where it fails.

use std::path::PathBuf;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::TestApp;

const PASSWORD: &str = "violet tram umbrella";

fn at(s: &str) -> chrono::NaiveDateTime {
    chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn tools() -> Option<(PathBuf, String)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let axe = std::env::var("BUDGETBOX_AXE_JS")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root.join("target/axe/package/axe.min.js"));
    let driver = std::process::Command::new("chromedriver")
        .arg("--version")
        .output();
    match (driver, std::fs::read_to_string(&axe)) {
        (Ok(out), Ok(axe)) if out.status.success() => Some((root.join("target/screenshots"), axe)),
        _ => {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!(
                    "CI=true but chromedriver or {} is missing: the browser tests must run in CI",
                    axe.display()
                );
            }
            eprintln!("note: browser tests were not run (install chromium and chromium-driver, and put axe.min.js at {})", axe.display());
            None
        }
    }
}

async fn start_browser(js: bool, width: u32) -> (Driver, Client) {
    let port = crate::cli::free_port();
    let child = std::process::Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let driver = Driver(child);
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut options = json!({
        "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 format!("--window-size={width},900"), "--lang=en-GB"],
    });
    if width < 500 {
        // Desktop Chromium will not make a window narrower than about 500 px; emulate a phone.
        options["mobileEmulation"] =
            json!({"deviceMetrics": {"width": width, "height": 780, "pixelRatio": 1.0}});
    }
    if !js {
        options["prefs"] = json!({"profile.managed_default_content_settings.javascript": 2});
    }
    let mut caps = serde_json::Map::new();
    caps.insert("goog:chromeOptions".into(), options);
    // Plain HTTP to chromedriver on loopback: no TLS stack needed.
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    let client = ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("chromium starts");
    (driver, client)
}

struct Journey<'a> {
    app: &'a TestApp,
    client: Client,
    shots: PathBuf,
    label: String,
    axe: Option<String>,
    width: u32,
    findings: Vec<String>,
    step: usize,
}

impl Journey<'_> {
    async fn open(&mut self, path: &str) {
        self.client.goto(&self.app.url(path)).await.unwrap();
    }

    async fn fill(&mut self, id: &str, text: &str) {
        let field = self
            .client
            .find(Locator::Id(id))
            .await
            .unwrap_or_else(|_| panic!("field {id}"));
        field.clear().await.unwrap();
        field.send_keys(text).await.unwrap();
    }

    async fn click(&mut self, css: &str) {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|_| panic!("no {css}"))
            .click()
            .await
            .unwrap();
    }

    async fn text(&mut self) -> String {
        self.client.source().await.unwrap()
    }

    /// Waits for the page after a form post to show `expected` (a click returns before the
    /// next page has loaded); panics with the page when it does not come.
    async fn wait_for(&mut self, expected: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let page = self.text().await;
            if page.contains(expected) {
                return page;
            }
            assert!(
                Instant::now() < deadline,
                "never showed {expected:?}: {page}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Screenshot, and with JavaScript on: axe-core and the sideways-scrolling check.
    async fn look(&mut self, name: &str) {
        self.step += 1;
        std::fs::create_dir_all(&self.shots).unwrap();
        let png = self.client.screenshot().await.unwrap();
        let file = format!("{}-{:02}-{name}-{}.png", self.label, self.step, self.width);
        std::fs::write(self.shots.join(file), png).unwrap();
        if let Some(axe) = &self.axe {
            let wide: Value = self
                .client
                .execute(
                    "return document.documentElement.scrollWidth > window.innerWidth + 1;",
                    vec![],
                )
                .await
                .unwrap();
            if wide == Value::Bool(true) {
                self.findings.push(format!(
                    "{name}: the page scrolls sideways at {} px",
                    self.width
                ));
            }
            self.client
                .execute(&format!("{axe}\nreturn true;"), vec![])
                .await
                .unwrap();
            let violations: Value = self
                .client
                .execute_async(
                    "const done = arguments[arguments.length - 1];
                     axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']})
                        .then(r => done({
                            passes: r.passes.length,
                            serious: r.violations
                                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                                .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).join(', ')),
                        }));",
                    vec![],
                )
                .await
                .unwrap();
            assert!(
                violations["passes"].as_u64().unwrap() > 10,
                "axe really checked {name}: {violations}"
            );
            for v in violations["serious"].as_array().unwrap() {
                self.findings
                    .push(format!("{name}: {}", v.as_str().unwrap()));
            }
        }
    }
}

/// One browser at a time: Chromium is heavy for a 2-core machine running the other tests.
static ONE_BROWSER: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The whole journey for one new resident; returns what axe and the layout check found.
async fn journey(app: &TestApp, js: bool, width: u32, label: &str) -> Vec<String> {
    let Some((shots, axe)) = tools() else {
        return Vec::new();
    };
    let _turn = ONE_BROWSER.lock().await;
    app.create_user("council@example.org", PASSWORD, "council");
    let council = app.api_login("council@example.org", PASSWORD).await;
    let config = json!({
        "title": "Green Streets 2026", "description": "Ideas for greener streets.", "total_budget": "50000",
        "ballot_type": "approval", "rule": "greedy", "max_choices": "2", "residence": "none",
        "proposals_open_at": "2026-03-01T09:00", "review_at": "2026-04-01T09:00",
        "voting_open_at": "2026-05-01T09:00", "voting_close_at": "2026-05-15T18:00"
    });
    let res = app
        .send_bearer(Method::POST, "/api/v1/rounds", &council, &config)
        .await;
    assert_eq!(res.status(), 201);
    let round = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();

    let (_driver, client) = start_browser(js, width).await;
    let mut j = Journey {
        app,
        client,
        shots,
        label: label.into(),
        axe: js.then_some(axe),
        width,
        findings: Vec::new(),
        step: 0,
    };
    j.open("/").await;
    j.look("home").await;
    // The switcher, in every shipped language.
    for (code, heading) in [
        ("es", "Presupuestos participativos"),
        ("pl", "Budżety obywatelskie"),
        ("en", "Budget rounds"),
    ] {
        j.click(&format!("a[href='/language/{code}']")).await;
        j.wait_for(heading).await;
        j.look(&format!("home-{code}")).await;
    }
    j.click(&format!("a[href='/rounds/{round}']")).await;
    j.wait_for("Ideas for greener streets.").await;
    j.look("round").await;

    // Register, then log in.
    j.open("/register").await;
    j.look("register").await;
    j.fill("display_name", "Rosa").await;
    j.fill("email", "rosa@example.org").await;
    j.fill("password", PASSWORD).await;
    j.click("main form button[type=submit]").await;
    j.wait_for("Thank you").await;
    j.look("registered").await;
    j.open("/login").await;
    j.fill("email", "rosa@example.org").await;
    j.fill("password", PASSWORD).await;
    j.click("main form button[type=submit]").await;
    j.wait_for("Rosa").await;

    // Propose.
    j.open(&format!("/rounds/{round}/proposals/new")).await;
    j.look("propose").await;
    j.fill("title", "Trees on Mill Street").await;
    j.fill(
        "description",
        "Twelve street trees between the school and the library, with benches.",
    )
    .await;
    j.fill("estimated_cost", "12000").await;
    j.click("main form button[type=submit]").await;
    j.wait_for("Your proposal is submitted").await;
    j.look("proposal").await;
    let proposal = j
        .client
        .current_url()
        .await
        .unwrap()
        .path()
        .rsplit('/')
        .next()
        .unwrap()
        .parse::<i64>()
        .unwrap();

    // The council reviews it and voting opens.
    app.clock.set(at("2026-04-02T10:00"));
    let res = app
        .send_bearer(
            Method::POST,
            &format!("/api/v1/proposals/{proposal}/review"),
            &council,
            &json!({"decision": "feasible", "reason": "Fits the street plan."}),
        )
        .await;
    assert!(res.status().is_success());
    app.clock.set(at("2026-05-02T10:00"));

    // Vote, keep the receipt.
    j.open(&format!("/rounds/{round}/vote")).await;
    j.look("ballot").await;
    j.click(&format!("input[name='project'][value='{proposal}']"))
        .await;
    j.click("main form button[type=submit]").await;
    j.wait_for("Check your ballot").await;
    j.look("check-ballot").await;
    j.click("main form button[type=submit]").await;
    j.wait_for("Thank you, your ballot is cast").await;
    j.look("receipt").await;
    let code = j
        .client
        .find(Locator::Css(".tracking-code code"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();

    // Find it on the bulletin board.
    j.open(&format!("/rounds/{round}/bulletin")).await;
    j.look("bulletin").await;
    j.fill("code", &code).await;
    j.click("form[action='/receipts/check'] button[type=submit]")
        .await;
    j.wait_for("Your ballot is on the bulletin board").await;
    j.look("receipt-checked").await;

    // Results.
    app.clock.set(at("2026-05-16T10:00"));
    assert_eq!(
        app.send_bearer(
            Method::POST,
            &format!("/api/v1/rounds/{round}/count"),
            &council,
            &json!({})
        )
        .await
        .status(),
        201
    );
    let res = app
        .send_bearer(
            Method::POST,
            &format!("/api/v1/rounds/{round}/advance"),
            &council,
            &json!({"reason": "results approved"}),
        )
        .await;
    assert_eq!(res.status(), 200);
    j.open(&format!("/rounds/{round}")).await;
    let results = j.text().await;
    assert!(
        results.contains("Results") && results.contains("Funded"),
        "{results}"
    );
    j.look("results").await;
    j.open(&format!("/rounds/{round}/implementation")).await;
    j.look("what-happened").await;
    j.client.close().await.unwrap();
    j.findings
}

both_backends_with_clock! {
    async fn the_journey_at_phone_width_passes_axe(app) {
        let findings = journey(&app, true, 360, &format!("phone-{}", app.backend_name())).await;
        assert!(findings.is_empty(), "{findings:#?}");
    }

    async fn the_journey_works_without_javascript_at_desktop_width(app) {
        let findings = journey(&app, false, 1280, &format!("desktop-nojs-{}", app.backend_name())).await;
        assert!(findings.is_empty(), "{findings:#?}");
    }
}
