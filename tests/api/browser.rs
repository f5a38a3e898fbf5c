//! The whole journey in a real headless Chromium, driven over WebDriver, in every language the
//! interface ships: a resident registers, logs in and proposes; the council reviews the
//! proposal and opens voting from its own pages; the resident votes with each ballot type
//! (approval, knapsack, ranked, cumulative), keeps the receipt, finds the ballot on the
//! bulletin board and reads the results. At phone width with axe-core checking every page (no
//! serious or critical violations, no sideways scrolling), and at desktop width with
//! JavaScript switched off. Screenshots go to `target/screenshots/`.
//!
//! Needs `chromedriver` and Chromium (`.ci/run` installs them) and axe-core's `axe.min.js`
//! (`.ci/run` fetches it into `target/axe/`). Without them the test says so and passes, except
//! under `CI=true`, where it fails.

use std::path::PathBuf;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use fantoccini::{Client, ClientBuilder, Locator};
use reqwest::Method;
use serde_json::{json, Value};

use budgetbox::i18n::{t, Lang};

use crate::helpers::TestApp;

const PASSWORD: &str = "violet tram umbrella";

fn at(s: &str) -> chrono::NaiveDateTime {
    chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

/// chromedriver and the Chromium it starts, in a process group of their own: dropping this
/// kills them all, also when a journey ends without closing its session (a panic), which would
/// otherwise leave a Chromium running through the rest of the suite.
pub(crate) struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        // The group's id is chromedriver's pid.
        let _ = std::process::Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", self.0.id())])
            .stderr(Stdio::null())
            .status();
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub(crate) fn tools() -> Option<(PathBuf, String)> {
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

/// A Chromium session. Chromium once exited while starting on the loaded CI machine
/// ("session not created: Chrome instance exited"); a failed start is tried again, twice.
pub(crate) async fn start_browser(js: bool, width: u32) -> (Driver, Client) {
    let mut failures = Vec::new();
    for _ in 0..3 {
        match try_start_browser(js, width).await {
            Ok(started) => return started,
            Err(e) => failures.push(e),
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    panic!("chromium did not start: {failures:?}")
}

async fn try_start_browser(js: bool, width: u32) -> Result<(Driver, Client), String> {
    // Port 0: chromedriver takes a port the system gives it and says which. A port picked here
    // and handed over could be taken by another test's server in between (it was, once in CI).
    use std::os::unix::process::CommandExt;
    let mut child = std::process::Command::new("chromedriver")
        .arg("--port=0")
        .process_group(0)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let driver = Driver(child);
    let (found, port) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            if let Some(port) = line
                .split("started successfully on port ")
                .nth(1)
                .and_then(|rest| rest.trim_end_matches('.').parse::<u16>().ok())
            {
                let _ = found.send(port);
            }
        }
    });
    let port = port
        .recv_timeout(Duration::from_secs(20))
        .expect("chromedriver did not start");
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
        .map_err(|e| e.to_string())?;
    Ok((driver, client))
}

pub(crate) struct Journey<'a> {
    pub(crate) app: &'a TestApp,
    pub(crate) client: Client,
    pub(crate) shots: PathBuf,
    pub(crate) label: String,
    pub(crate) axe: Option<String>,
    pub(crate) width: u32,
    pub(crate) lang: Lang,
    pub(crate) findings: Vec<String>,
    pub(crate) step: usize,
}

impl Journey<'_> {
    pub(crate) async fn open(&mut self, path: &str) {
        self.client.goto(&self.app.url(path)).await.unwrap();
    }

    pub(crate) async fn fill(&mut self, id: &str, text: &str) {
        self.fill_css(&format!("[id='{id}']"), text).await;
    }

    /// Fills the field `css` finds (the one of a given form, where a page has several).
    async fn fill_css(&mut self, css: &str, text: &str) {
        let field = self
            .client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|_| panic!("no {css}"));
        field.clear().await.unwrap();
        field.send_keys(text).await.unwrap();
    }

    pub(crate) async fn click(&mut self, css: &str) {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|_| panic!("no {css}"))
            .click()
            .await
            .unwrap();
    }

    /// Waits for the field `id` to hold something (a script fills it); returns its value.
    pub(crate) async fn wait_for_value(&mut self, id: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let field = self.client.find(Locator::Id(id)).await.unwrap();
            let value = field.prop("value").await.unwrap().unwrap_or_default();
            if !value.is_empty() {
                return value;
            }
            assert!(Instant::now() < deadline, "#{id} stayed empty");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Gives `css` the keyboard focus and presses Enter there, as a keyboard user would.
    pub(crate) async fn press_enter_on(&mut self, css: &str) {
        let element = self
            .client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|_| panic!("no {css}"));
        self.client
            .execute(
                "arguments[0].focus(); return document.activeElement === arguments[0];",
                vec![serde_json::to_value(&element).unwrap()],
            )
            .await
            .unwrap();
        element.send_keys("\u{E007}").await.unwrap();
    }

    /// Waits for `script` to return true (a script's effect, an animation's end).
    pub(crate) async fn wait_until(&mut self, script: &str, what: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let done = self.client.execute(script, vec![]).await.unwrap();
            if done.as_bool() == Some(true) {
                return;
            }
            if Instant::now() >= deadline {
                let page = self.text().await;
                self.give_up(&format!("never saw {what}"), &page);
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Fails the journey with a message short enough to be read in a CI log: where it was and
    /// the page's words; the whole page goes to a file beside the screenshots.
    fn give_up(&self, why: &str, page: &str) -> ! {
        let saved = self
            .shots
            .join(format!("{}-{}-failed.html", self.label, self.lang.code()));
        let _ = std::fs::create_dir_all(&self.shots);
        let _ = std::fs::write(&saved, page);
        let mut words = String::new();
        let mut in_tag = false;
        for c in page.split("<body").last().unwrap_or(page).chars() {
            match c {
                '<' => in_tag = true,
                '>' => {
                    in_tag = false;
                    words.push(' ');
                }
                c if !in_tag => words.push(c),
                _ => {}
            }
        }
        let words: String = words
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            .take(1500)
            .collect();
        panic!(
            "{why} ({}, {}, after step {}); the page ({}) reads: {words}",
            self.label,
            self.lang.code(),
            self.step,
            saved.display()
        )
    }

    pub(crate) async fn text(&mut self) -> String {
        self.client.source().await.unwrap()
    }

    /// Waits for the page after a form post to show `expected` (a click returns before the
    /// next page has loaded); panics with the page when it does not come.
    pub(crate) async fn wait_for(&mut self, expected: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let page = self.text().await;
            if page.contains(expected) {
                return page;
            }
            if Instant::now() >= deadline {
                self.give_up(&format!("never showed {expected:?}"), &page);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Flags English words on a page in another language, apart from what people typed in
    /// this journey (proposal texts, reasons), which stays in their words.
    async fn english_left(&mut self, name: &str) {
        let text: Value = self
            .client
            .execute("return document.body.innerText;", vec![])
            .await
            .unwrap();
        let mut text = text.as_str().unwrap_or_default().to_string();
        for typed in TYPED_BY_PEOPLE.iter().chain(&crate::deliberation::TYPED) {
            text = text.replace(typed, "");
        }
        for line in text.lines() {
            let padded = format!(" {} ", line.to_lowercase());
            if [
                " the ", " your ", " you ", " is ", " are ", " this ", " with ", " of ",
            ]
            .iter()
            .any(|w| padded.contains(w))
            {
                self.findings.push(format!(
                    "{name} ({}): English left: {line}",
                    self.lang.code()
                ));
            }
        }
    }

    /// The whole page, not only the part in the window. Chromium refuses while a page is
    /// still being laid out, so a few tries; then the window alone rather than nothing.
    async fn full_page_png(&mut self) -> Vec<u8> {
        for _ in 0..10 {
            let full_page = Cdp(
                "Page.captureScreenshot",
                json!({"format": "png", "captureBeyondViewport": true}),
            );
            if let Ok(shot) = self.client.issue_cmd(full_page).await {
                if let Some(data) = shot["data"].as_str() {
                    return base64::engine::general_purpose::STANDARD
                        .decode(data)
                        .unwrap();
                }
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        self.client.screenshot().await.unwrap()
    }

    /// Waits for the next page's main heading; a button on the page before may carry the
    /// same words.
    async fn wait_for_heading(&mut self, heading: &str) -> String {
        let escaped = heading
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        self.wait_for(&format!("<h1>{escaped}</h1>")).await
    }

    /// Screenshot, and with JavaScript on: axe-core and the sideways-scrolling check.
    pub(crate) async fn look(&mut self, name: &str) {
        self.step += 1;
        std::fs::create_dir_all(&self.shots).unwrap();
        let png = self.full_page_png().await;
        let file = format!(
            "{}-{}-{:02}-{name}-{}.png",
            self.label,
            self.lang.code(),
            self.step,
            self.width
        );
        std::fs::write(self.shots.join(file), png).unwrap();
        if let Some(axe) = self.axe.clone() {
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
                    "{name} ({}): the page scrolls sideways at {} px",
                    self.lang.code(),
                    self.width
                ));
            }
            // Every page after the home pages (where the switcher is tried) is in the
            // journey's language.
            let page_lang: Value = self
                .client
                .execute("return document.documentElement.lang;", vec![])
                .await
                .unwrap();
            if page_lang.as_str() != Some(self.lang.code()) {
                if !name.starts_with("home") {
                    self.findings.push(format!(
                        "{name} ({}): the page is in {page_lang}",
                        self.lang.code()
                    ));
                }
            } else if self.lang != Lang::En {
                self.english_left(name).await;
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
                self.findings.push(format!(
                    "{name} ({}): {}",
                    self.lang.code(),
                    v.as_str().unwrap()
                ));
            }
        }
    }
}

/// A Chrome DevTools command through chromedriver, for what WebDriver lacks (a screenshot of
/// the whole page, print media).
#[derive(Debug)]
struct Cdp(&'static str, Value);

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({"cmd": self.0, "params": self.1});
        (http::Method::POST, Some(body.to_string()))
    }
}

/// One browser at a time: Chromium is heavy for a 2-core machine running the other tests.
pub(crate) static ONE_BROWSER: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Texts the journey's people type, which no catalogue translates.
const TYPED_BY_PEOPLE: [&str; 5] = [
    "Twelve street trees between the school and the library, with benches.",
    "Fits the street plan.",
    "Proposed at a neighbourhood meeting.",
    "Ideas for greener streets",
    "Benches by the river",
];

pub(crate) const BALLOT_TYPES: [&str; 4] = ["approval", "knapsack", "ranked", "cumulative"];

/// A round of `ballot_type` collecting proposals (the clock starts on 1 March), with two
/// feasible projects already on it.
async fn round_with_projects(
    app: &TestApp,
    council: &str,
    ballot_type: &str,
    title: &str,
) -> (i64, Vec<i64>) {
    let config = json!({
        "title": title, "description": format!("Ideas for greener streets ({ballot_type})."),
        "total_budget": "50000", "ballot_type": ballot_type, "rule": "greedy", "max_choices": "3",
        "points_total": "10", "points_per_project": "6", "residence": "none",
        "proposals_open_at": "2026-03-01T09:00", "review_at": "2026-04-01T09:00",
        "voting_open_at": "2026-05-01T09:00", "voting_close_at": "2026-05-15T18:00"
    });
    let res = app
        .send_bearer(Method::POST, "/api/v1/rounds", council, &config)
        .await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    let round = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    use budgetbox::db::models::proposal;
    let mut conn = app.conn();
    let now = chrono::Utc::now().naive_utc();
    let projects = [
        ("Benches by the river", 900_000),
        ("A bike shelter", 1_500_000),
    ]
    .into_iter()
    .map(|(title, cost)| {
        proposal::insert(
            &mut conn,
            &proposal::NewProposal {
                round_id: round,
                district_id: None,
                author_id: None,
                title,
                description: "Proposed at a neighbourhood meeting.",
                category: None,
                location: None,
                estimated_cost: cost,
                validated_cost: Some(cost),
                status: "feasible",
                created_at: now,
                updated_at: now,
            },
        )
        .unwrap()
    })
    .collect();
    (round, projects)
}

/// The whole journey in `lang` for one new resident; returns what axe and the layout check
/// found.
async fn journey(app: &TestApp, js: bool, width: u32, lang: Lang, label: &str) -> Vec<String> {
    let Some((shots, axe)) = tools() else {
        return Vec::new();
    };
    let _turn = ONE_BROWSER.lock().await;
    let code = lang.code();
    app.clock.set(at("2026-03-01T12:00"));
    let council_email = format!("council-{code}@example.org");
    let rosa_email = format!("rosa-{code}@example.org");
    app.create_user(&council_email, PASSWORD, "council");
    let council = app.api_login(&council_email, PASSWORD).await;
    let mut rounds = Vec::new();
    for ballot_type in BALLOT_TYPES {
        let title = format!("Green Streets {ballot_type} {code}");
        let (id, projects) = round_with_projects(app, &council, ballot_type, &title).await;
        rounds.push((ballot_type, id, projects));
    }
    let main = rounds[0].1;

    let (_driver, client) = start_browser(js, width).await;
    let mut j = Journey {
        app,
        client,
        shots,
        label: label.into(),
        axe: js.then_some(axe),
        width,
        lang,
        findings: Vec::new(),
        step: 0,
    };
    j.open("/").await;
    j.look("home").await;
    // The switcher: English shows every language once; the others pick theirs.
    let languages: Vec<Lang> = if lang == Lang::En {
        vec![Lang::Es, Lang::Pl, Lang::En]
    } else {
        vec![lang]
    };
    for other in languages {
        j.click(&format!("a[href='/language/{}']", other.code()))
            .await;
        j.wait_for(&format!("lang=\"{}\"", other.code())).await;
        j.wait_for(&t(other, "home-title")).await;
        j.look(&format!("home-{}", other.code())).await;
    }
    j.click(&format!("a[href='/rounds/{main}']")).await;
    j.wait_for("Ideas for greener streets (approval).").await;
    j.look("round").await;

    // Register, then log in.
    j.open("/register").await;
    j.look("register").await;
    j.fill("display_name", "Rosa").await;
    j.fill("email", &rosa_email).await;
    j.fill("password", PASSWORD).await;
    j.click("main form button[type=submit]").await;
    j.wait_for_heading(&t(lang, "accounts-registered-heading"))
        .await;
    j.look("registered").await;
    j.log_in(&rosa_email, "Rosa").await;

    // Propose.
    j.open(&format!("/rounds/{main}/proposals/new")).await;
    j.look("propose").await;
    j.fill("title", "Trees on Mill Street").await;
    j.fill(
        "description",
        "Twelve street trees between the school and the library, with benches.",
    )
    .await;
    j.fill("estimated_cost", "12000").await;
    j.click("main form button[type=submit]").await;
    j.wait_for(&t(lang, "proposals-done-submitted")).await;
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
    j.log_out().await;

    // The council reviews it and opens voting, on its own pages.
    app.clock.set(at("2026-04-02T10:00"));
    j.log_in(&council_email, &format!("council-{code}")).await;
    j.open(&format!("/proposals/{proposal}")).await;
    j.look("review").await;
    j.click("#decision-feasible").await;
    j.fill("validated_cost", "12500").await;
    j.fill("reason", "Fits the street plan.").await;
    j.click(&format!(
        "form[action='/proposals/{proposal}/review'] button[type=submit]"
    ))
    .await;
    j.wait_for(&t(lang, "proposals-done-reviewed")).await;
    j.look("reviewed").await;
    // It translates the round's title for readers of another language.
    j.open(&format!("/council/rounds/{main}/translations"))
        .await;
    j.look("translations").await;
    let into = if lang == Lang::En { "es" } else { "en" };
    j.click(&format!("select#translation_lang option[value='{into}']"))
        .await;
    j.fill("translated_title", "Green Streets, translated")
        .await;
    j.click("main form button[type=submit]").await;
    j.wait_for(&t(lang, "translations-flash-saved")).await;
    j.look("translated").await;
    j.open(&format!("/council/rounds/{main}")).await;
    j.look("manage").await;
    j.fill_css(
        &format!("form[action='/council/rounds/{main}/advance'] input[name=advance_reason]"),
        "Review finished early.",
    )
    .await;
    j.click(&format!(
        "form[action='/council/rounds/{main}/advance'] button[type=submit]"
    ))
    .await;
    j.wait_for(&t(lang, "council-done-advanced")).await;
    j.look("voting-opened").await;
    j.log_out().await;

    // The other rounds open on their date; the resident votes in all four.
    app.clock.set(at("2026-05-02T10:00"));
    j.log_in(&rosa_email, "Rosa").await;
    let mut tracking_code = String::new();
    for (ballot_type, round, projects) in &rounds {
        j.open(&format!("/rounds/{round}/vote")).await;
        j.look(&format!("ballot-{ballot_type}")).await;
        let first = if *round == main {
            proposal
        } else {
            projects[0]
        };
        let second = projects[1];
        match *ballot_type {
            "approval" | "knapsack" => {
                for id in [first, second] {
                    j.click(&format!("input[name='project'][value='{id}']"))
                        .await;
                }
            }
            "ranked" => {
                j.click(&format!("select#rank_{second} option[value='1']"))
                    .await;
                j.click(&format!("select#rank_{first} option[value='2']"))
                    .await;
            }
            _ => {
                j.fill(&format!("points_{first}"), "6").await;
                j.fill(&format!("points_{second}"), "4").await;
            }
        }
        j.click("main form button[type=submit]").await;
        j.wait_for_heading(&t(lang, "ballots-review-heading")).await;
        j.look(&format!("check-{ballot_type}")).await;
        j.click("form[action$='/vote/cast'] button[type=submit]")
            .await;
        j.wait_for_heading(&t(lang, "ballots-receipt-heading"))
            .await;
        j.look(&format!("receipt-{ballot_type}")).await;
        if *round == main {
            tracking_code = j
                .client
                .find(Locator::Css(".tracking-code code"))
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
        }
    }

    // Find the first ballot on the bulletin board.
    j.open(&format!("/rounds/{main}/bulletin")).await;
    j.look("bulletin").await;
    j.fill("code", &tracking_code).await;
    j.click("form[action='/receipts/check'] button[type=submit]")
        .await;
    j.wait_for(&t(lang, "ballots-inclusion-found")).await;
    j.look("receipt-checked").await;

    // Counted and published; every round's results.
    app.clock.set(at("2026-05-16T10:00"));
    for (ballot_type, round, _) in &rounds {
        for (action, body, status) in [
            ("count", json!({}), 201),
            ("advance", json!({"reason": "results approved"}), 200),
        ] {
            let res = app
                .send_bearer(
                    Method::POST,
                    &format!("/api/v1/rounds/{round}/{action}"),
                    &council,
                    &body,
                )
                .await;
            assert_eq!(res.status(), status, "{action} {round}");
        }
        j.open(&format!("/rounds/{round}")).await;
        let page = j.wait_for(&t(lang, "rounds-results-heading")).await;
        assert!(
            page.contains(&t(lang, "rounds-funded")),
            "{ballot_type}: {page}"
        );
        j.look(&format!("results-{ballot_type}")).await;
    }
    j.open(&format!("/rounds/{main}/implementation")).await;
    j.look("what-happened").await;

    // Printed, the results keep their content and lose the site's navigation.
    j.open(&format!("/rounds/{main}")).await;
    j.client
        .issue_cmd(Cdp("Emulation.setEmulatedMedia", json!({"media": "print"})))
        .await
        .unwrap();
    if js {
        let hidden: Value = j
            .client
            .execute(
                "return ['.site-header', '.site-footer', '.skip-link'].every(s =>
                    getComputedStyle(document.querySelector(s)).display === 'none')
                    && getComputedStyle(document.querySelector('main')).display !== 'none';",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(hidden, Value::Bool(true), "print hides navigation only");
    }
    j.look("results-print").await;
    j.client.close().await.unwrap();
    j.findings
}

impl Journey<'_> {
    pub(crate) async fn log_in(&mut self, email: &str, name: &str) {
        self.open("/login").await;
        self.fill("email", email).await;
        self.fill("password", PASSWORD).await;
        self.click("main form button[type=submit]").await;
        self.wait_for(&t_with_name(self.lang, name)).await;
    }

    pub(crate) async fn log_out(&mut self) {
        self.click("form[action='/logout'] button[type=submit]")
            .await;
        self.wait_for(&t(self.lang, "nav-log-in")).await;
    }
}

fn t_with_name(lang: Lang, name: &str) -> String {
    budgetbox::i18n::t_with(lang, "nav-account", &[("name", name)])
}

/// The languages a backend's run covers: all of them on SQLite, English on Postgres (the
/// pages are the same; the database is what differs).
pub(crate) fn languages(app: &TestApp) -> Vec<Lang> {
    if app.backend_name() == "sqlite" {
        Lang::ALL.to_vec()
    } else {
        vec![Lang::En]
    }
}

both_backends_with_clock! {
    async fn the_journey_at_phone_width_passes_axe_in_every_language(app) {
        let mut findings = Vec::new();
        for lang in languages(&app) {
            findings.extend(journey(&app, true, 360, lang, &format!("phone-{}", app.backend_name())).await);
        }
        assert!(findings.is_empty(), "{findings:#?}");
    }

    async fn the_journey_works_without_javascript_at_desktop_width_in_every_language(app) {
        let mut findings = Vec::new();
        for lang in languages(&app) {
            findings.extend(journey(&app, false, 1280, lang, &format!("desktop-nojs-{}", app.backend_name())).await);
        }
        assert!(findings.is_empty(), "{findings:#?}");
    }
}

/// What a resident reads in their mailbox, shown as the mail program would show its HTML part,
/// screenshot and checked like a page.
async fn look_at_message(j: &mut Journey<'_>, message: &crate::mailbox::Received, name: &str) {
    let data = base64::engine::general_purpose::STANDARD.encode(message.html.as_bytes());
    j.client
        .goto(&format!("data:text/html;charset=utf-8;base64,{data}"))
        .await
        .unwrap();
    j.look(name).await;
}

/// Register, verify the address by the link in the message, vote in a round that needs a
/// verified address; then forget the password, reset it by the link in the next message, and
/// log in with the new one.
async fn mail_journey(
    app: &TestApp,
    mail: &crate::mailbox::MailServer,
    js: bool,
    width: u32,
    lang: Lang,
    label: &str,
) -> Vec<String> {
    let Some((shots, axe)) = tools() else {
        return Vec::new();
    };
    let _turn = ONE_BROWSER.lock().await;
    let code = lang.code();
    app.clock.set(at("2026-03-01T12:00"));
    let council_email = format!("mail-council-{code}-{width}@example.org");
    let email = format!("mira-{code}-{width}@example.org");
    app.create_user(&council_email, PASSWORD, "council");
    let council = app.api_login(&council_email, PASSWORD).await;
    let (round, projects) = round_with_projects(
        app,
        &council,
        "approval",
        &format!("Verified streets {code} {width}"),
    )
    .await;
    let res = app
        .send_bearer(Method::PUT, &format!("/api/v1/rounds/{round}"), &council, &json!({
            "title": format!("Verified streets {code} {width}"), "total_budget": "50000", "ballot_type": "approval",
            "rule": "greedy", "max_choices": "3", "residence": "none", "requires_verified_email": "on",
            "proposals_open_at": "2026-03-01T09:00", "review_at": "2026-04-01T09:00",
            "voting_open_at": "2026-05-01T09:00", "voting_close_at": "2026-05-15T18:00"
        }))
        .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    app.clock.set(at("2026-05-02T10:00"));

    let (_driver, client) = start_browser(js, width).await;
    let mut j = Journey {
        app,
        client,
        shots,
        label: label.into(),
        axe: js.then_some(axe),
        width,
        lang,
        findings: Vec::new(),
        step: 0,
    };
    j.open(&format!("/language/{code}")).await;
    j.open("/register").await;
    j.fill("display_name", "Mira").await;
    j.fill("email", &email).await;
    j.fill("password", PASSWORD).await;
    j.click("main form button[type=submit]").await;
    j.wait_for_heading(&t(lang, "accounts-registered-heading"))
        .await;
    let message = mail.wait_for(&email, 1, 30).await.remove(0);
    assert_eq!(message.subject, t(lang, "mail-verify-subject"));
    look_at_message(&mut j, &message, "mail-verify").await;
    // Logged in but not verified: the round says what is missing and how to get it.
    j.log_in(&email, "Mira").await;
    j.open(&format!("/rounds/{round}")).await;
    j.wait_for(&t(lang, "messages-eligibility-email-not-verified"))
        .await;
    j.look("round-unverified").await;
    // The link in the message, then its one button.
    let link = message.link(&app.url("/account/verify?token="));
    j.client.goto(&link).await.unwrap();
    j.wait_for_heading(&t(lang, "mail-page-verify-title")).await;
    j.look("verify").await;
    j.click("form[action='/account/verify'] button[type=submit]")
        .await;
    j.wait_for(&t(lang, "mail-page-verified-text")).await;
    j.look("verified").await;
    // Now eligible: vote.
    j.open(&format!("/rounds/{round}/vote")).await;
    j.click(&format!("input[name='project'][value='{}']", projects[0]))
        .await;
    j.click("main form button[type=submit]").await;
    j.wait_for_heading(&t(lang, "ballots-review-heading")).await;
    j.click("form[action$='/vote/cast'] button[type=submit]")
        .await;
    j.wait_for_heading(&t(lang, "ballots-receipt-heading"))
        .await;
    j.look("receipt-verified").await;
    j.log_out().await;

    // Forgot the password: a link by mail, a new password, and in with it.
    j.open("/login").await;
    j.click("a[href='/password/forgot']").await;
    j.wait_for_heading(&t(lang, "mail-page-forgot-title")).await;
    j.look("forgot").await;
    j.fill("email", &email).await;
    j.click("main form button[type=submit]").await;
    j.wait_for(&t(lang, "mail-page-forgot-sent")).await;
    j.look("forgot-sent").await;
    let reset = mail
        .wait_for(&email, 2, 30)
        .await
        .into_iter()
        .find(|m| m.subject == t(lang, "mail-reset-subject"))
        .expect("the reset message");
    look_at_message(&mut j, &reset, "mail-reset").await;
    j.client
        .goto(&reset.link(&app.url("/password/reset?token=")))
        .await
        .unwrap();
    j.wait_for_heading(&t(lang, "mail-page-reset-title")).await;
    j.look("reset").await;
    j.fill("password", "a brand new passphrase").await;
    j.click("main form button[type=submit]").await;
    j.wait_for(&t(lang, "mail-page-reset-done")).await;
    j.look("reset-done").await;
    j.fill("email", &email).await;
    j.fill("password", "a brand new passphrase").await;
    j.click("main form button[type=submit]").await;
    j.wait_for(&t_with_name(lang, "Mira")).await;
    j.client.close().await.unwrap();
    j.findings
}

async fn mail_journeys(backend: crate::helpers::Backend) {
    let Some(mail) = crate::mailbox::MailServer::start() else {
        return;
    };
    let Some(app) = crate::helpers::spawn_app_with(
        backend,
        budgetbox::web::Clock::manual(at("2026-03-01T12:00")),
        mail.settings(),
        None,
    )
    .await
    else {
        return;
    };
    let name = app.backend_name();
    let mut findings = Vec::new();
    findings.extend(
        mail_journey(
            &app,
            &mail,
            true,
            360,
            Lang::En,
            &format!("phone-mail-{name}"),
        )
        .await,
    );
    findings.extend(
        mail_journey(
            &app,
            &mail,
            false,
            1280,
            Lang::En,
            &format!("desktop-nojs-mail-{name}"),
        )
        .await,
    );
    if backend == crate::helpers::Backend::Sqlite {
        findings.extend(
            mail_journey(
                &app,
                &mail,
                true,
                360,
                Lang::Es,
                &format!("phone-mail-{name}"),
            )
            .await,
        );
    }
    assert!(findings.is_empty(), "{findings:#?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn register_verify_by_mail_vote_then_reset_the_password_on_sqlite() {
    mail_journeys(crate::helpers::Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn register_verify_by_mail_vote_then_reset_the_password_on_postgres() {
    mail_journeys(crate::helpers::Backend::Postgres).await;
}
