//! Signing in with the city's identity provider in a real headless Chromium: the login page,
//! the provider's own form, back signed in, and a vote in a round that requires the
//! provider's verification; then logging out through the provider. In every language at 360
//! and 1280 px, with axe-core on every page of ours (the provider's page is the test
//! provider's, not ours).

use serde_json::json;

use budgetbox::i18n::{t, Lang};

use crate::browser::{languages, start_browser, tools, Journey, ONE_BROWSER};
use crate::helpers::{Backend, TestApp};

const PASSWORD: &str = "violet tram umbrella";

fn at(s: &str) -> chrono::NaiveDateTime {
    chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

/// A round that requires the provider's verification, with one project in `north`.
async fn verified_round(app: &TestApp) -> (i64, i64) {
    app.clock.set(at("2026-03-01T12:00"));
    let council = app.create_user("journey-council@example.org", PASSWORD, "council");
    let bearer = app.api_login("journey-council@example.org", PASSWORD).await;
    let config = json!({
        "title": "Riverside verified", "total_budget": "5000", "districts": "north=1000\nsouth=1000",
        "ballot_type": "approval", "min_choices": "1", "max_choices": "1", "rule": "greedy",
        "proposals_open_at": "2026-04-01T09:00", "review_at": "2026-05-01T09:00",
        "voting_open_at": "2026-06-01T09:00", "voting_close_at": "2026-06-15T18:00",
        "residence": "verified", "min_age": "16", "requires_identity_provider": "on"
    });
    let res = app
        .send_bearer(reqwest::Method::POST, "/api/v1/rounds", &bearer, &config)
        .await;
    assert_eq!(res.status(), 201);
    let round = res.json::<serde_json::Value>().await.unwrap()["id"]
        .as_i64()
        .unwrap();
    let mut conn = app.conn();
    budgetbox::domain::identities::set_claim_rules(
        &mut conn,
        council,
        "city",
        "north = north",
        "high",
        at("2026-03-01T12:00"),
    )
    .unwrap();
    let north = budgetbox::db::models::district::of_round(&mut conn, round).unwrap()[0].district_id;
    let project =
        crate::helpers::feasible_project(&mut conn, round, Some(north), "Benches", 10_000);
    (round, project)
}

async fn sign_in_and_vote(
    app: &TestApp,
    (round, project): (i64, i64),
    width: u32,
    langs: &[Lang],
    label: &str,
) -> Vec<String> {
    let Some((shots, axe)) = tools() else {
        return Vec::new();
    };
    let _turn = ONE_BROWSER.lock().await;
    let (_driver, client) = start_browser(true, width).await;
    let mut j = Journey {
        app,
        client,
        shots,
        label: label.into(),
        axe: Some(axe),
        width,
        lang: langs[0],
        findings: Vec::new(),
        step: 0,
    };
    for &lang in langs {
        j.lang = lang;
        let code = lang.code();
        j.open(&format!("/language/{code}")).await;
        j.open(&format!("/login?next=/rounds/{round}/vote")).await;
        j.wait_for(&t(lang, "identity-or-sign-in-with")).await;
        j.look("login").await;
        j.click("a[href^='/auth/oidc/city/login']").await;
        // The provider's page (English: it is the test provider's, not ours).
        j.wait_for("<h1>City ID</h1>").await;
        let user = format!(
            "{label}-{code}-{}",
            &budgetbox::auth::token::new_session_id()[..6]
        );
        j.fill("username", &user).await;
        j.fill("password", "pass").await;
        j.click("button[type=submit]").await;
        // Back, signed in, on the ballot.
        j.wait_for(&format!("value=\"{project}\"")).await;
        j.look("ballot").await;
        j.click(&format!("input[name='project'][value='{project}']"))
            .await;
        j.click("main form button[type=submit]").await;
        j.wait_for(&format!("<h1>{}</h1>", t(lang, "ballots-review-heading")))
            .await;
        j.click("form[action$='/vote/cast'] button[type=submit]")
            .await;
        j.wait_for(&format!("<h1>{}</h1>", t(lang, "ballots-receipt-heading")))
            .await;
        j.look("receipt").await;
        // The account page says what the provider proved.
        j.open("/account").await;
        j.wait_for(&t(lang, "identity-account-assured")).await;
        j.look("account").await;
        // Logging out leaves through the provider and comes back home, signed out.
        j.click("form[action='/logout'] button[type=submit]").await;
        j.wait_for("Sign out of City ID").await;
        j.click("button[name='logout']").await;
        j.wait_for(&t(lang, "nav-log-in")).await;
        j.look("signed-out").await;
    }
    j.client.close().await.unwrap();
    j.findings
}

async fn journeys(backend: Backend) {
    let Some(app) = crate::identity::app_with_client(backend, "budgetbox").await else {
        return;
    };
    let langs = languages(&app);
    let round = verified_round(&app).await;
    app.clock.set(at("2026-06-05T12:00"));
    let mut findings = Vec::new();
    for width in [360, 1280] {
        findings.extend(
            sign_in_and_vote(
                &app,
                round,
                width,
                &langs,
                &format!("city-id-{}-{width}", app.backend_name()),
            )
            .await,
        );
    }
    assert!(findings.is_empty(), "{findings:#?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn residents_sign_in_at_the_provider_and_vote_in_every_language_on_sqlite() {
    journeys(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn residents_sign_in_at_the_provider_and_vote_on_postgres() {
    if std::env::var("BUDGETBOX_TEST_OIDC_ISSUER").is_ok() {
        journeys(Backend::Postgres).await;
    }
}
