//! Every round configuration a council can choose, walked in Chromium as residents would:
//! ballot type × how eligibility is proven × pots × revote. For each, an eligible resident goes
//! from the home page to a receipt (the steps are counted and bounded), then tries to vote again;
//! an ineligible one is told why and where to put it right. English on both backends, a sample
//! in Spanish and Polish on SQLite; axe-core on the first page of each kind and ballot type.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use fantoccini::Locator;
use reqwest::Method;
use serde_json::{json, Value};

use budgetbox::i18n::Lang;

use crate::browser::{start_browser, tools, Journey, BALLOT_TYPES};
use crate::helpers::TestApp;

const PASSWORD: &str = "violet tram umbrella";
/// Every path to a receipt takes at most this many page loads and form posts.
const MAX_STEPS: usize = 14;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Proof {
    /// An account that says where it lives.
    Account,
    /// Matched against the census list, on the round page.
    Census,
    /// A mailed voting code, no account.
    Codes,
    /// Checked in person by a reviewer.
    InPerson,
    /// An account whose address was confirmed.
    VerifiedEmail,
}

const PROOFS: [Proof; 5] = [
    Proof::Account,
    Proof::Census,
    Proof::Codes,
    Proof::InPerson,
    Proof::VerifiedEmail,
];

#[derive(Clone, Copy, Debug)]
struct Config {
    ballot: &'static str,
    proof: Proof,
    citywide: bool,
    last_counts: bool,
}

impl Config {
    fn all() -> Vec<Config> {
        let mut all = Vec::new();
        for ballot in BALLOT_TYPES {
            for proof in PROOFS {
                for citywide in [false, true] {
                    for last_counts in [false, true] {
                        all.push(Config {
                            ballot,
                            proof,
                            citywide,
                            last_counts,
                        });
                    }
                }
            }
        }
        all
    }

    fn name(&self) -> String {
        format!(
            "{} {:?} {} {}",
            self.ballot,
            self.proof,
            if self.citywide {
                "district+city-wide"
            } else {
                "districts-only"
            },
            if self.last_counts {
                "last-counts"
            } else {
                "final"
            }
        )
    }
}

fn at(s: &str) -> chrono::NaiveDateTime {
    chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

/// One configured round and the people who try it.
struct Prepared {
    config: Config,
    round: i64,
    /// A north project to choose.
    project: i64,
    voter: String,
    code: Option<String>,
    /// Someone who cannot vote (None: an anonymous visitor, or a wrong code).
    outsider: Option<String>,
}

fn sql(app: &TestApp, statement: &str) {
    use diesel::connection::SimpleConnection;
    app.conn().batch_execute(statement).unwrap();
}

async fn prepare(app: &TestApp, council: &str, n: usize, config: Config) -> Prepared {
    let mut settings = json!({
        "title": format!("Matrix {n}: {}", config.name()),
        "total_budget": if config.citywide { "3000" } else { "2000" },
        "districts": "north=1000\nsouth=1000",
        "ballot_type": config.ballot, "rule": "greedy", "min_choices": "1",
        "proposals_open_at": "2026-04-01T09:00", "review_at": "2026-05-01T09:00",
        "voting_open_at": "2026-06-01T09:00", "voting_close_at": "2026-06-15T18:00",
        "revote_policy": if config.last_counts { "last-counts" } else { "final" },
        "residence": "self-declared",
    });
    if config.citywide {
        settings["citywide_budget"] = "1000".into();
    }
    match config.ballot {
        "approval" | "ranked" => settings["max_choices"] = "2".into(),
        "cumulative" => {
            settings["points_total"] = "10".into();
            settings["points_per_project"] = "6".into();
        }
        _ => {}
    }
    match config.proof {
        Proof::Account => {}
        Proof::Census => {
            settings["requires_census"] = "on".into();
            settings["residence"] = "verified".into();
        }
        Proof::Codes => {
            settings["voting_channels"] = "codes".into();
            settings["residence"] = "none".into();
        }
        Proof::InPerson => settings["requires_manual_check"] = "on".into(),
        Proof::VerifiedEmail => settings["requires_verified_email"] = "on".into(),
    }
    let res = app
        .send_bearer(Method::POST, "/api/v1/rounds", council, &settings)
        .await;
    assert_eq!(
        res.status(),
        201,
        "{}: {}",
        config.name(),
        res.text().await.unwrap()
    );
    let round = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let (project, north) = {
        let mut conn = app.conn();
        let districts = budgetbox::db::models::district::of_round(&mut conn, round).unwrap();
        let (north, south) = (districts[0].district_id, districts[1].district_id);
        let add = |conn: &mut budgetbox::db::DbConnection, d, title: &str, cost| {
            crate::helpers::feasible_project(conn, round, d, title, cost)
        };
        let project = add(&mut conn, Some(north), "Benches on North Square", 40_000);
        add(&mut conn, Some(north), "Trees along the canal", 30_000);
        add(&mut conn, Some(south), "Lights in South Park", 50_000);
        if config.citywide {
            add(&mut conn, None, "Longer library hours", 60_000);
        }
        (project, north)
    };
    let voter = format!("voter{n}@example.org");
    let outsider = format!("outsider{n}@example.org");
    let mut prepared = Prepared {
        config,
        round,
        project,
        voter: voter.clone(),
        code: None,
        outsider: None,
    };
    if config.proof == Proof::Codes {
        let codes: Value = app
            .send_bearer(
                Method::POST,
                &format!("/api/v1/rounds/{round}/voting-codes"),
                council,
                &json!({"count": 1}),
            )
            .await
            .json()
            .await
            .unwrap();
        prepared.code = Some(codes["codes"][0].as_str().unwrap().to_string());
        return prepared;
    }
    for email in [&voter, &outsider] {
        app.create_user(email, PASSWORD, "citizen");
        let district = match config.proof {
            // The census and the in-person check say where a person lives.
            Proof::Census | Proof::InPerson => "NULL".to_string(),
            _ => north.to_string(),
        };
        sql(app, &format!("UPDATE users SET district_id = {district}, birth_year = 1980 WHERE email = '{email}'"));
    }
    match config.proof {
        Proof::Census => {
            let res = app
                .new_browser()
                .put(app.url(&format!("/api/v1/rounds/{round}/census")))
                .bearer_auth(council)
                .body(format!(
                    "document_number,birth_year,district\nDOC-{n},1980,north\n"
                ))
                .send()
                .await
                .unwrap();
            assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
        }
        Proof::VerifiedEmail => sql(
            app,
            &format!("UPDATE users SET email_verified = 1 WHERE email = '{voter}'"),
        ),
        _ => {}
    }
    prepared.outsider = Some(outsider);
    prepared
}

/// The resident's side of one configuration.
struct Walk<'j, 'a> {
    j: &'j mut Journey<'a>,
    steps: usize,
    /// (page kind, ballot type) already checked by axe.
    looked: &'j mut HashSet<String>,
    name: String,
}

impl Walk<'_, '_> {
    async fn visit(&mut self, path: &str) {
        self.steps += 1;
        self.j.open(path).await;
    }

    async fn click(&mut self, css: &str) {
        self.steps += 1;
        self.j.click(css).await;
    }

    /// Waits until `css` matches on the page; panics with the page if it never does.
    async fn expect(&mut self, css: &str) {
        let deadline = Instant::now() + Duration::from_secs(15);
        while self.j.client.find(Locator::Css(css)).await.is_err() {
            if Instant::now() > deadline {
                let page = self.j.text().await;
                panic!(
                    "{}: never found {css} at step {}: {page}",
                    self.name, self.steps
                );
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    async fn has(&mut self, css: &str) -> bool {
        self.j.client.find(Locator::Css(css)).await.is_ok()
    }

    /// axe-core and a screenshot, once per kind of page and ballot type.
    async fn look(&mut self, kind: &str, ballot: &str) {
        let key = format!("{kind}-{ballot}");
        if self.j.axe.is_some() && self.looked.insert(key.clone()) {
            self.j.look(&format!("matrix-{key}")).await;
        }
    }

    async fn log_in(&mut self, email: &str) {
        self.expect("main form input#email").await;
        self.j.fill("email", email).await;
        self.j.fill("password", PASSWORD).await;
        self.click("main form button[type=submit]").await;
    }
}

async fn eligible_walk(w: &mut Walk<'_, '_>, p: &Prepared) {
    let round = p.round;
    let ballot = p.config.ballot;
    w.visit("/").await;
    w.click(&format!("a[href='/rounds/{round}']")).await;
    w.expect(&format!("a[href='/rounds/{round}/vote']")).await;
    w.look("round", ballot).await;
    w.click(&format!("a[href='/rounds/{round}/vote']")).await;
    match p.config.proof {
        Proof::Codes => {
            w.expect("input#voting_code").await;
            w.look("start", ballot).await;
            w.j.fill("voting_code", p.code.as_deref().unwrap()).await;
            w.click("main form button[type=submit]").await;
            // A city-wide code in a round of district pots: the holder says where they live.
            w.expect("fieldset#district").await;
            w.look("choose-district", ballot).await;
            w.j.click("input[name=district]").await;
            w.click("main form button[type=submit]").await;
        }
        proof => {
            w.expect(&format!("a[href='/login?next=/rounds/{round}/vote']"))
                .await;
            w.click(&format!("a[href='/login?next=/rounds/{round}/vote']"))
                .await;
            w.log_in(&p.voter).await;
            if proof == Proof::Census {
                // Not matched yet: the page says what is missing and where to do it.
                w.expect("ul.requirements").await;
                w.look("not-yet", ballot).await;
                // The census check is on that page itself.
                w.expect("input#document_number").await;
                let n = p
                    .voter
                    .trim_start_matches("voter")
                    .trim_end_matches("@example.org")
                    .to_string();
                w.j.fill("document_number", &format!("DOC-{n}")).await;
                w.j.fill("birth_year", "1980").await;
                w.click(&format!(
                    "form[action='/rounds/{round}/census-match'] button[type=submit]"
                ))
                .await;
                w.expect(&format!("a[href='/rounds/{round}/vote']")).await;
                w.click(&format!("a[href='/rounds/{round}/vote']")).await;
            }
        }
    }
    w.expect("form[action$='/vote/review']").await;
    w.look("ballot", ballot).await;
    let id = p.project;
    match ballot {
        "approval" | "knapsack" => w.j.click(&format!("input#p{id}")).await,
        "ranked" => {
            let select =
                w.j.client
                    .find(Locator::Css(&format!("select#rank_{id}")))
                    .await
                    .unwrap();
            select.select_by_value("1").await.unwrap();
        }
        _ => w.j.fill(&format!("points_{id}"), "5").await,
    }
    w.click("form[action$='/vote/review'] button[type=submit]")
        .await;
    w.expect("form[action$='/vote/cast']").await;
    w.look("check", ballot).await;
    w.click("form[action$='/vote/cast'] button[type=submit]")
        .await;
    w.expect("p.tracking-code").await;
    w.look("receipt", ballot).await;
}

/// After the receipt: where the last ballot counts, an account gets a fresh ballot; elsewhere
/// the page says the ballot is in and how to check it.
async fn vote_again(w: &mut Walk<'_, '_>, p: &Prepared) {
    if p.config.proof == Proof::Codes {
        return; // a code is spent by its ballot in every round
    }
    w.j.open(&format!("/rounds/{}/vote", p.round)).await;
    if p.config.last_counts {
        w.expect("form[action$='/vote/review']").await;
    } else {
        w.expect(&format!("a[href='/rounds/{}/bulletin']", p.round))
            .await;
        assert!(
            !w.has("form[action$='/vote/review']").await,
            "{}: a second ballot form",
            w.name
        );
        w.look("already-voted", p.config.ballot).await;
    }
}

/// Someone who cannot vote: a reason, and a link to where it is put right.
async fn ineligible_walk(w: &mut Walk<'_, '_>, p: &Prepared) {
    let round = p.round;
    w.j.open(&format!("/rounds/{round}/vote")).await;
    match (&p.outsider, p.config.proof) {
        (_, Proof::Codes) => {
            w.expect("input#voting_code").await;
            w.j.fill("voting_code", "AAAA-BBBB-CCCC-DDDD").await;
            w.j.click("main form button[type=submit]").await;
            // The reason next to the field, and the form to try again.
            w.expect("#voting_code-error").await;
            w.expect("input#voting_code").await;
        }
        (Some(outsider), proof) => {
            w.expect(&format!("a[href='/login?next=/rounds/{round}/vote']"))
                .await;
            w.j.click(&format!("a[href='/login?next=/rounds/{round}/vote']"))
                .await;
            w.log_in(outsider).await;
            if proof == Proof::Account {
                // Any resident with an account may vote here: the outsider is the anonymous
                // visitor, whose way forward (log in or register) was the page just left.
                w.expect("form[action$='/vote/review']").await;
            } else {
                w.expect("ul.requirements li").await;
                w.expect(&format!("a[href='/rounds/{round}#eligibility-heading']"))
                    .await;
                w.expect("a[href='/account']").await;
            }
        }
        (None, proof) => panic!("{proof:?} has an outsider"),
    }
    w.j.client.delete_all_cookies().await.unwrap();
}

async fn walk_matrix(app: &TestApp, langs: &[(Lang, Vec<usize>)]) -> (usize, Vec<String>) {
    let Some((shots, axe)) = tools() else {
        return (0, Vec::new());
    };
    // Not queued behind the other journeys: each backend's matrix has a browser of its own,
    // so the two run side by side.
    let started = Instant::now();
    app.clock.set(at("2026-04-15T12:00"));
    app.create_user("matrix-council@example.org", PASSWORD, "council");
    let council = app.api_login("matrix-council@example.org", PASSWORD).await;
    let mut prepared = Vec::new();
    let mut n = 0;
    let all = Config::all();
    for (_, sample) in langs {
        for &config in sample.iter().map(|&i| &all[i]) {
            n += 1;
            prepared.push(prepare(app, &council, n, config).await);
        }
    }
    app.clock.set(at("2026-06-05T12:00"));
    let reviewer = app.api_login("matrix-council@example.org", PASSWORD).await;
    for p in prepared
        .iter()
        .filter(|p| p.config.proof == Proof::InPerson)
    {
        let n = p
            .voter
            .trim_start_matches("voter")
            .trim_end_matches("@example.org");
        let res = app
            .send_bearer(Method::POST, &format!("/api/v1/rounds/{}/voter-checks", p.round), &reviewer,
                &json!({"email": p.voter, "document_number": format!("ID-{n}"), "district": "north"}))
            .await;
        assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
    }

    let (_driver, client) = start_browser(true, 360).await;
    let mut j = Journey {
        app,
        client,
        shots,
        label: format!("matrix-{}", app.backend_name()),
        // The pages are the same on both backends: axe and screenshots once, on SQLite.
        axe: (app.backend_name() == "sqlite").then_some(axe),
        width: 360,
        lang: Lang::En,
        findings: Vec::new(),
        step: 0,
    };
    let mut looked = HashSet::new();
    let mut refused = HashSet::new();
    if j.axe.is_some() {
        // How to verify a count: long commands and keys, which must not push the page sideways.
        j.open("/verify").await;
        j.look("verify").await;
    }
    let mut walked = 0;
    let mut queue = prepared.iter();
    for (lang, sample) in langs {
        let lang = *lang;
        j.lang = lang;
        j.open(&format!("/language/{}", lang.code())).await;
        for p in queue.by_ref().take(sample.len()) {
            let name = format!("{} ({})", p.config.name(), lang.code());
            let mut w = Walk {
                j: &mut j,
                steps: 0,
                looked: &mut looked,
                name: name.clone(),
            };
            eligible_walk(&mut w, p).await;
            let steps = w.steps;
            vote_again(&mut w, p).await;
            w.j.client.delete_all_cookies().await.unwrap();
            w.j.open(&format!("/language/{}", lang.code())).await;
            // Who cannot vote depends only on how a round proves eligibility: once per proof
            // and language.
            if refused.insert((p.config.proof as usize, lang.code())) {
                ineligible_walk(&mut w, p).await;
                w.j.open(&format!("/language/{}", lang.code())).await;
            }
            println!(
                "matrix {}: {name}: home to receipt in {steps} steps",
                app.backend_name()
            );
            assert!(steps <= MAX_STEPS, "{name}: {steps} steps");
            walked += 1;
        }
    }
    println!(
        "matrix {}: {walked} configurations in {:.0} s, {} ineligible journeys, axe on {} pages",
        app.backend_name(),
        started.elapsed().as_secs_f64(),
        refused.len(),
        looked.len()
    );
    j.client.close().await.unwrap();
    (walked, j.findings)
}

async fn matrix(backend: crate::helpers::Backend) {
    let Some(app) = crate::helpers::spawn_app_with_clock(
        backend,
        budgetbox::web::Clock::manual(at("2026-04-15T12:00")),
    )
    .await
    else {
        return;
    };
    // Every configuration in English; on SQLite also a sample in Spanish and Polish that meets
    // every ballot type, every proof, both kinds of pots and both revote rules. A configuration's
    // index is ballot × 20 + proof × 4 + city-wide × 2 + last-counts.
    let everything: Vec<usize> = (0..Config::all().len()).collect();
    let sample = vec![0, 19, 27, 49, 74];
    let langs: Vec<(Lang, Vec<usize>)> = if backend == crate::helpers::Backend::Sqlite {
        vec![
            (Lang::En, everything),
            (Lang::Es, sample.clone()),
            (Lang::Pl, sample),
        ]
    } else {
        vec![(Lang::En, everything)]
    };
    let (walked, findings) = walk_matrix(&app, &langs).await;
    println!(
        "matrix {}: {walked} configurations walked",
        app.backend_name()
    );
    assert!(findings.is_empty(), "{findings:#?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_configuration_leads_to_a_receipt_or_a_way_forward_on_sqlite() {
    matrix(crate::helpers::Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_configuration_leads_to_a_receipt_or_a_way_forward_on_postgres() {
    matrix(crate::helpers::Backend::Postgres).await;
}
