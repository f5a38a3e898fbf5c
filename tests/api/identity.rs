//! Signing in with the city's identity provider, against a real OpenID Provider
//! (`oidc-provider` from npm, `tests/oidc/provider.mjs`, started by `.ci/run` and named by
//! `BUDGETBOX_TEST_OIDC_ISSUER`): accounts made and found by (issuer, subject), eligibility
//! from verified claims, one ballot per person whatever accounts come and go, key rotation,
//! logout both ways, and every forged or replayed answer refused with no session.

use reqwest::Method;
use serde_json::{json, Value};

use crate::ballots::at;
use crate::helpers::{required_env, Backend, TestApp};
use budgetbox::config::identity_providers::ClientSecret;
use budgetbox::config::IdentityProviderSettings;

const PASSWORD: &str = "violet tram umbrella";

fn issuer() -> Option<String> {
    required_env("BUDGETBOX_TEST_OIDC_ISSUER", "OpenID Connect tests")
}

/// An app whose provider `city` is the test provider, as the client `client` (the
/// misbehaving clients of `tests/oidc` rewrite their ID tokens).
pub async fn app_with_client(backend: Backend, client: &str) -> Option<TestApp> {
    let provider = test_provider(&issuer()?, client);
    let clock = budgetbox::web::Clock::manual(at("2026-03-01T12:00"));
    crate::helpers::spawn_app_configured(backend, clock, |s| {
        s.identity_providers = vec![provider];
    })
    .await
}

fn test_provider(issuer: &str, client: &str) -> IdentityProviderSettings {
    IdentityProviderSettings {
        id: "city".into(),
        name: "City ID".into(),
        issuer: issuer.into(),
        client_id: client.into(),
        client_secret: ClientSecret::new(format!("{client}-secret-0123456789abcdef0123456789")),
        client_secret_env: None,
        scopes: vec!["email".into(), "profile".into(), "residence".into()],
        birthdate_claim: "birthdate".into(),
        age_claim: None,
        district_claim: Some("district".into()),
        assurance_claim: "acr".into(),
        signing_algorithm: "RS256".into(),
    }
}

fn location(res: &reqwest::Response) -> String {
    res.headers()
        .get("location")
        .unwrap_or_else(|| panic!("a redirect from {}", res.url()))
        .to_str()
        .unwrap()
        .to_string()
}

fn absolute(base: &reqwest::Url, location: &str) -> String {
    base.join(location).unwrap().to_string()
}

/// Follows the provider's pages from `url` (signing in as `user` on its form) until it sends
/// the browser back to the app; returns that callback address.
pub async fn through_provider(
    app: &TestApp,
    browser: &reqwest::Client,
    url: &str,
    user: &str,
    password: &str,
) -> String {
    let mut url = url.to_string();
    for _ in 0..10 {
        if url.starts_with(&app.address) {
            return url;
        }
        let res = browser.get(&url).send().await.unwrap();
        if res.status().is_redirection() {
            url = absolute(res.url(), &location(&res));
            continue;
        }
        let page_url = res.url().clone();
        let body = res.text().await.unwrap();
        let action = body
            .split("action=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_else(|| panic!("the provider's login form: {body}"));
        let res = browser
            .post(absolute(&page_url, action))
            .form(&[("login", user), ("password", password)])
            .send()
            .await
            .unwrap();
        assert!(
            res.status().is_redirection(),
            "signed in at the provider as {user}"
        );
        url = absolute(res.url(), &location(&res));
    }
    panic!("the provider never sent the browser back");
}

/// Starts a sign-in at `/auth/oidc/city/login` in `browser` and comes back to the callback;
/// returns the callback's answer.
pub async fn sign_in(
    app: &TestApp,
    browser: &reqwest::Client,
    user: &str,
    password: &str,
) -> reqwest::Response {
    let callback = start_and_return(app, browser, user, password).await;
    browser.get(&callback).send().await.unwrap()
}

/// The callback address the provider sends the browser back to (not followed yet).
async fn start_and_return(
    app: &TestApp,
    browser: &reqwest::Client,
    user: &str,
    password: &str,
) -> String {
    let res = browser
        .get(app.url("/auth/oidc/city/login?next=/account"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
    let to = location(&res);
    assert!(
        to.contains("code_challenge_method=S256") && to.contains("nonce=") && to.contains("state="),
        "PKCE, nonce and state: {to}"
    );
    through_provider(app, browser, &to, user, password).await
}

async fn signed_in(app: &TestApp, browser: &reqwest::Client) -> bool {
    let res = browser
        .get(app.url("/account"))
        .header("Accept", "text/html")
        .send()
        .await
        .unwrap();
    res.status() == 200
}

fn accounts(app: &TestApp) -> i64 {
    use budgetbox::db::schema::users;
    use diesel::prelude::*;
    let mut conn = app.conn();
    users::table.count().get_result(&mut *conn).unwrap()
}

fn linked_account(app: &TestApp, subject: &str) -> Option<i64> {
    use budgetbox::db::schema::account_identities as ai;
    use diesel::prelude::*;
    let mut conn = app.conn();
    ai::table
        .filter(ai::subject.eq(subject))
        .select(ai::user_id)
        .first(&mut *conn)
        .optional()
        .unwrap()
}

fn unique(prefix: &str) -> String {
    format!(
        "{prefix}-{}",
        &budgetbox::auth::token::new_session_id()[..10]
    )
}

async fn council(app: &TestApp) -> (String, reqwest::Client) {
    app.create_user("officer@example.org", PASSWORD, "council");
    let browser = app.new_browser();
    let res = app
        .submit_with(
            &browser,
            "/login",
            "/login",
            &[("email", "officer@example.org"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(res.status(), 303);
    (
        app.api_login("officer@example.org", PASSWORD).await,
        browser,
    )
}

/// A round that requires the provider's verification, aged 16 and over, with districts
/// north and south (verified residence), voting on 2026-06-05.
async fn provider_round(app: &TestApp, bearer: &str) -> (i64, i64) {
    let config = json!({
        "title": "Verified", "total_budget": "5000", "districts": "north=1000\nsouth=1000",
        "ballot_type": "approval", "min_choices": "1", "max_choices": "1", "rule": "greedy",
        "proposals_open_at": "2026-04-01T09:00", "review_at": "2026-05-01T09:00",
        "voting_open_at": "2026-06-01T09:00", "voting_close_at": "2026-06-15T18:00",
        "residence": "verified", "min_age": "16", "requires_identity_provider": "on"
    });
    let res = app
        .send_bearer(Method::POST, "/api/v1/rounds", bearer, &config)
        .await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    let id = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    let project = {
        let mut conn = app.conn();
        let north =
            budgetbox::db::models::district::of_round(&mut conn, id).unwrap()[0].district_id;
        crate::helpers::feasible_project(&mut conn, id, Some(north), "Benches", 10_000)
    };
    (id, project)
}

/// The council maps the claim value `north` to the district `north` and accepts `high`.
async fn map_claims(app: &TestApp, council: &reqwest::Client) {
    let res = app
        .submit_with(
            council,
            "/council/identity",
            "/council/identity/city",
            &[("districts", "north = nowhere")],
        )
        .await;
    assert_eq!(res.status(), 422, "an unknown district is refused");
    assert!(
        res.text().await.unwrap().contains("Line 1"),
        "the wrong line is named"
    );
    let res = app
        .submit_with(
            council,
            "/council/identity",
            "/council/identity/city",
            &[
                ("districts", "north = north"),
                ("accepted_assurance", "high"),
            ],
        )
        .await;
    assert_eq!(res.status(), 303);
}

async fn cast(app: &TestApp, browser: &reqwest::Client, round: i64, project: i64) -> (u16, String) {
    let start = format!("/rounds/{round}/vote");
    let res = app
        .submit_with(
            browser,
            &start,
            &format!("{start}/cast"),
            &[("project", &project.to_string())],
        )
        .await;
    let status = res.status().as_u16();
    (status, res.text().await.unwrap())
}

fn ballots(app: &TestApp, round: i64) -> i64 {
    use budgetbox::db::schema::ballots;
    use diesel::prelude::*;
    let mut conn = app.conn();
    ballots::table
        .filter(ballots::round_id.eq(round))
        .count()
        .get_result(&mut *conn)
        .unwrap()
}

/// `NAME::sqlite` and `NAME::postgres` running `run(backend)` (each makes its own apps).
macro_rules! on_both_backends {
    ($name:ident, $run:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$run(super::Backend::Sqlite).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if super::issuer().is_some() {
                    super::$run(super::Backend::Postgres).await;
                }
            }
        }
    };
}

macro_rules! with_provider {
    ($(async fn $name:ident($app:ident) $body:block)*) => {$(
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run($app: TestApp) $body

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                if let Some(app) = app_with_client(Backend::Sqlite, "budgetbox").await {
                    run(app).await;
                }
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if issuer().is_some() {
                    if let Some(app) = app_with_client(Backend::Postgres, "budgetbox").await {
                        run(app).await;
                    }
                }
            }
        }
    )*};
}

with_provider! {
    async fn the_first_sign_in_creates_an_account_found_again_by_issuer_and_subject(app) {
        let providers: Value = app.get("/api/v1/auth/providers").await.json().await.unwrap();
        assert_eq!(providers[0]["id"], "city");
        assert_eq!(providers[0]["callback_url"], app.url("/auth/oidc/city/callback"));
        let login_page = app.get_html("/login").await.text().await.unwrap();
        assert!(login_page.contains("Sign in with City ID") && login_page.contains("/auth/oidc/city/login?next="), "{login_page}");
        assert!(app.get_html("/register").await.text().await.unwrap().contains("Sign in with City ID"));

        let user = unique("resident");
        let browser = app.new_browser();
        let res = sign_in(&app, &browser, &user, "pass").await;
        assert_eq!(res.status(), 303, "{}", res.text().await.unwrap());
        assert_eq!(location(&res), "/account");
        let page = browser.get(app.url("/account")).send().await.unwrap().text().await.unwrap();
        assert!(page.contains(&format!("{user}@resident.example")), "the verified address: {page}");
        assert!(page.contains("Unlink City ID") && page.contains("Set password"), "{page}");
        let first = linked_account(&app, &user).expect("linked by subject");

        // Another browser, another sign-in: the same account.
        let again = app.new_browser();
        assert_eq!(sign_in(&app, &again, &user, "pass").await.status(), 303);
        assert!(signed_in(&app, &again).await);
        assert_eq!(linked_account(&app, &user), Some(first));
        assert_eq!(accounts(&app), 1);

        // Logging out leaves through the provider (RP-initiated logout).
        let token = app.form_token_with(&again, "/account").await;
        let res = again.post(app.url("/logout")).form(&[("csrf_token", token.as_str())]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        let to = location(&res);
        assert!(to.starts_with(&format!("{}/session/end?", issuer().unwrap())) && to.contains("client_id=budgetbox") && to.contains("post_logout_redirect_uri="), "{to}");
        assert!(!signed_in(&app, &again).await);
        let csp = app.get_html("/login").await.headers()["content-security-policy"].to_str().unwrap().to_string();
        assert!(csp.contains(&format!("form-action 'self' {}", issuer().unwrap())), "{csp}");

        // A first password, then unlinking is allowed (not before: no way back in).
        let token = app.form_token_with(&browser, "/account").await;
        let res = browser.post(app.url("/account/providers/city/unlink")).form(&[("csrf_token", token.as_str())]).send().await.unwrap();
        assert_eq!(res.status(), 409, "unlinking the only way in is refused");
        let res = app.submit_with(&browser, "/account", "/account/password/set", &[("new_password", "a brand new passphrase")]).await;
        assert_eq!(res.status(), 303);
        let token = app.form_token_with(&browser, "/account").await;
        let res = browser.post(app.url("/account/providers/city/unlink")).form(&[("csrf_token", token.as_str())]).send().await.unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(linked_account(&app, &user), None);
        let res = app.submit_with(&app.new_browser(), "/login", "/login", &[("email", &format!("{user}@resident.example")), ("password", "a brand new passphrase")]).await;
        assert_eq!(res.status(), 303, "the password signs in");
    }

    async fn the_eligible_resident_votes_once_and_the_ineligible_one_is_told_why(app) {
        let (bearer, council) = council(&app).await;
        let (round, project) = provider_round(&app, &bearer).await;
        let round_page = app.get_html(&format!("/rounds/{round}")).await.text().await.unwrap();
        assert!(round_page.contains("Verified by the city's identity service"), "who can vote: {round_page}");
        map_claims(&app, &council).await;
        app.clock.set(at("2026-06-05T12:00"));

        // A resident who registered with a password is not verified by the provider.
        app.create_user("plain@example.org", PASSWORD, "citizen");
        let plain = app.new_browser();
        app.submit_with(&plain, "/login", "/login", &[("email", "plain@example.org"), ("password", PASSWORD)]).await;
        let (status, body) = cast(&app, &plain, round, project).await;
        assert_eq!(status, 403, "{body}");
        let vote_page = plain.get(app.url(&format!("/rounds/{round}/vote"))).send().await.unwrap().text().await.unwrap();
        assert!(vote_page.contains("verified by the city's identity service"), "{vote_page}");

        let ineligible = app.new_browser();
        assert_eq!(sign_in(&app, &ineligible, "ineligible", "ineligible-pass").await.status(), 303);
        let page = ineligible.get(app.url(&format!("/rounds/{round}/vote"))).send().await.unwrap().text().await.unwrap();
        for why in ["did not reach the level of assurance", "16"] {
            assert!(page.contains(why), "told why ({why}): {page}");
        }
        assert_eq!(cast(&app, &ineligible, round, project).await.0, 403);
        let eligibility: Value = {
            let res = ineligible.get(app.url(&format!("/api/v1/rounds/{round}/eligibility"))).send().await.unwrap();
            res.json().await.unwrap()
        };
        assert_eq!(eligibility["eligible"], false, "{eligibility}");

        let eligible = app.new_browser();
        assert_eq!(sign_in(&app, &eligible, "eligible", "eligible-pass").await.status(), 303);
        let (status, body) = cast(&app, &eligible, round, project).await;
        assert_eq!(status, 201, "{body}");
        assert_eq!(ballots(&app, round), 1);

        // Deleting the account and signing in again makes a new account for the same person,
        // who cannot vote again.
        let res = app.submit_with(&eligible, "/account", "/account/delete", &[("confirm", "yes")]).await;
        assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
        assert_eq!(linked_account(&app, "eligible-0001"), None, "deletion removes the link");
        let back = app.new_browser();
        assert_eq!(sign_in(&app, &back, "eligible", "eligible-pass").await.status(), 303);
        let (status, body) = cast(&app, &back, round, project).await;
        assert_eq!(status, 409, "{body}");
        assert_eq!(ballots(&app, round), 1, "one person, one ballot");
    }

    async fn the_link_survives_a_key_rotation_and_one_person_links_to_one_account(app) {
        let user = unique("rotor");
        let browser = app.new_browser();
        assert_eq!(sign_in(&app, &browser, &user, "pass").await.status(), 303);
        let account = linked_account(&app, &user).unwrap();
        let rotated: Value = reqwest::Client::new().post(format!("{}/test/rotate", issuer().unwrap())).send().await.unwrap().json().await.unwrap();
        assert!(rotated["kid"].is_string());
        let after = app.new_browser();
        let res = sign_in(&app, &after, &user, "pass").await;
        assert_eq!(res.status(), 303, "signed with the new key: {}", res.text().await.unwrap());
        assert_eq!(linked_account(&app, &user), Some(account));

        // An account with a password links the provider after confirming the password...
        let linker = unique("linker");
        app.create_user("owner@example.org", PASSWORD, "citizen");
        let owner = app.new_browser();
        app.submit_with(&owner, "/login", "/login", &[("email", "owner@example.org"), ("password", PASSWORD)]).await;
        let res = app.submit_with(&owner, "/account", "/account/providers/city/link", &[("link_password", "wrong password")]).await;
        assert_eq!(res.status(), 422, "a wrong password does not leave for the provider");
        let res = app.submit_with(&owner, "/account", "/account/providers/city/link", &[("link_password", PASSWORD)]).await;
        assert_eq!(res.status(), 303);
        let callback = through_provider(&app, &owner, &location(&res), &linker, "pass").await;
        let res = owner.get(&callback).send().await.unwrap();
        assert_eq!(location(&res), "/account?done=linked");
        assert!(linked_account(&app, &linker).is_some());

        // ...and a second account cannot take the same person.
        app.create_user("second@example.org", PASSWORD, "citizen");
        let second = app.new_browser();
        app.submit_with(&second, "/login", "/login", &[("email", "second@example.org"), ("password", PASSWORD)]).await;
        let res = app.submit_with(&second, "/account", "/account/providers/city/link", &[("link_password", PASSWORD)]).await;
        let callback = through_provider(&app, &second, &location(&res), &linker, "pass").await;
        let res = second.get(&callback).send().await.unwrap();
        assert_eq!(res.status(), 409);
        assert!(res.text().await.unwrap().contains("already linked to another account"));

        // A first sign-in whose verified address has an account is refused, not merged.
        let taken = unique("taken");
        app.create_user(&format!("{taken}@resident.example"), PASSWORD, "citizen");
        let res = sign_in(&app, &app.new_browser(), &taken, "pass").await;
        assert_eq!(res.status(), 409);
        assert!(res.text().await.unwrap().contains("already exists"));
        assert_eq!(linked_account(&app, &taken), None);
    }

    async fn replayed_or_unstarted_callbacks_and_back_channel_logout(app) {
        let user = unique("replay");
        let browser = app.new_browser();
        let callback = start_and_return(&app, &browser, &user, "pass").await;
        assert_eq!(browser.get(&callback).send().await.unwrap().status(), 303);
        // The same callback again: its sign-in was used.
        let res = app.new_browser().get(&callback).send().await.unwrap();
        assert_eq!(res.status(), 400);
        let again = browser.get(&callback).send().await.unwrap();
        assert_eq!(again.status(), 400);
        assert!(again.text().await.unwrap().contains("already used"));
        // The used code under a new sign-in's state: the provider refuses the code.
        let fresh = app.new_browser();
        let res = fresh.get(app.url("/auth/oidc/city/login")).send().await.unwrap();
        let to = location(&res);
        let state = url::Url::parse(&to).unwrap().query_pairs().find(|(k, _)| k == "state").unwrap().1.to_string();
        let code = url::Url::parse(&callback).unwrap().query_pairs().find(|(k, _)| k == "code").unwrap().1.to_string();
        let res = fresh.get(app.url(&format!("/auth/oidc/city/callback?code={code}&state={state}"))).send().await.unwrap();
        assert_eq!(res.status(), 400);
        assert!(res.headers().get_all("set-cookie").iter().all(|c| !c.to_str().unwrap().starts_with("budgetbox_session=e")));
        assert!(res.text().await.unwrap().contains("did not accept"));
        assert!(!signed_in(&app, &fresh).await);
        // A callback nobody started, and a state that does not match.
        for path in ["/auth/oidc/city/callback?code=abc&state=xyz", "/auth/oidc/city/callback"] {
            let stranger = app.new_browser();
            let res = stranger.get(app.url(path)).send().await.unwrap();
            assert_eq!(res.status(), 400, "{path}");
            assert!(!signed_in(&app, &stranger).await);
        }
        let other = app.new_browser();
        let res = other.get(app.url("/auth/oidc/city/login")).send().await.unwrap();
        let back = through_provider(&app, &other, &location(&res), &unique("mismatch"), "pass").await;
        let mut tampered = url::Url::parse(&back).unwrap();
        let pairs: Vec<(String, String)> = tampered.query_pairs().map(|(k, v)| { let v = if k == "state" { "another-state".to_string() } else { v.to_string() }; (k.to_string(), v) }).collect();
        tampered.query_pairs_mut().clear().extend_pairs(pairs);
        assert_eq!(other.get(tampered.as_str()).send().await.unwrap().status(), 400);
        assert!(!signed_in(&app, &other).await);
        // The callback carried to another browser (a planted sign-in) is refused too.
        let planted = app.new_browser();
        let res = planted.get(app.url("/auth/oidc/city/login")).send().await.unwrap();
        let back = through_provider(&app, &planted, &location(&res), &unique("planted"), "pass").await;
        let victim = app.new_browser();
        assert_eq!(victim.get(&back).send().await.unwrap().status(), 400);
        assert!(!signed_in(&app, &victim).await);

        // Back-channel logout ends the sessions of the person's account.
        assert!(signed_in(&app, &browser).await);
        let answer: Value = reqwest::Client::new()
            .post(format!("{}/test/backchannel-logout", issuer().unwrap()))
            .json(&json!({"client_id": "budgetbox", "sub": user, "uri": app.url("/auth/oidc/city/backchannel-logout")}))
            .send().await.unwrap().json().await.unwrap();
        assert_eq!(answer["status"], 200, "{answer}");
        assert!(!signed_in(&app, &browser).await, "the session ended");
        let forged = reqwest::Client::new().post(app.url("/auth/oidc/city/backchannel-logout")).form(&[("logout_token", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")]).send().await.unwrap();
        assert_eq!(forged.status(), 400);

        // Each start keeps a row for ten minutes: one address cannot start sign-ins forever.
        let mut throttled = None;
        for _ in 0..110 {
            let res = app.new_browser().get(app.url("/auth/oidc/city/login")).send().await.unwrap();
            if res.status() == 429 {
                throttled = Some(res);
                break;
            }
            assert_eq!(res.status(), 303);
        }
        let res = throttled.expect("starts from one address are limited");
        assert!(res.headers().contains_key("retry-after"));
    }
}

/// A provider that sends an age and a postal address (no birth date, no district claim): the
/// council's mapping reads `address.locality`, and the age decides the minimum age.
async fn age_and_address(backend: Backend) {
    let Some(real) = issuer() else { return };
    let provider = IdentityProviderSettings {
        age_claim: Some("age".into()),
        district_claim: Some("address.locality".into()),
        ..test_provider(&real, "budgetbox")
    };
    let clock = budgetbox::web::Clock::manual(at("2026-03-01T12:00"));
    let Some(app) = crate::helpers::spawn_app_configured(backend, clock, |s| {
        s.identity_providers = vec![provider]
    })
    .await
    else {
        return;
    };
    let (bearer, council) = council(&app).await;
    let (round, project) = provider_round(&app, &bearer).await;
    map_claims(&app, &council).await;
    app.clock.set(at("2026-06-05T12:00"));
    let browser = app.new_browser();
    assert_eq!(
        sign_in(&app, &browser, &unique("aged"), "pass")
            .await
            .status(),
        303
    );
    let page = browser
        .get(app.url("/account"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Your age is known")
            && page.contains("District from the city's identity service: North"),
        "{page}"
    );
    let (status, body) = cast(&app, &browser, round, project).await;
    assert_eq!(status, 201, "{body}");
}

on_both_backends!(
    an_age_and_an_address_claim_decide_eligibility,
    age_and_address
);

/// Each forged ID token (the provider's misbehaving clients) is refused with a sentence,
/// and nobody is signed in and no account is made.
async fn forged_tokens_are_refused(backend: Backend) {
    for client in [
        "tamper",
        "wrong-aud",
        "expired",
        "alg-none",
        "hs256",
        "wrong-nonce",
        "wrong-iss",
    ] {
        let Some(app) = app_with_client(backend, client).await else {
            return;
        };
        let browser = app.new_browser();
        let res = sign_in(&app, &browser, &unique(client), "pass").await;
        assert_eq!(res.status(), 400, "{client}");
        let cookies: Vec<String> = res
            .headers()
            .get_all("set-cookie")
            .iter()
            .map(|c| c.to_str().unwrap().to_string())
            .collect();
        assert!(
            cookies
                .iter()
                .all(|c| !c.starts_with("budgetbox_session=")
                    || c.starts_with("budgetbox_session=;")),
            "{client}: no session: {cookies:?}"
        );
        let page = res.text().await.unwrap();
        assert!(page.contains("could not be verified"), "{client}: {page}");
        assert!(!signed_in(&app, &browser).await, "{client}");
        assert_eq!(accounts(&app), 0, "{client}: no account");
    }
}

on_both_backends!(forged_id_tokens_are_refused, forged_tokens_are_refused);

/// A provider that cannot be reached at start-up stops nothing: the site serves, a sign-in
/// is told the provider cannot be reached (503, no session), and once the provider answers
/// sign-in works without a restart.
async fn unreachable_at_start_then_back(backend: Backend) {
    let Some(real) = issuer() else { return };
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let provider = IdentityProviderSettings {
        issuer: format!("http://127.0.0.1:{port}"),
        ..test_provider(&real, "budgetbox")
    };
    let clock = budgetbox::web::Clock::manual(at("2026-03-01T12:00"));
    let Some(app) = crate::helpers::spawn_app_configured(backend, clock, |s| {
        s.identity_providers = vec![provider]
    })
    .await
    else {
        return;
    };
    assert_eq!(app.get("/healthz").await.status(), 200);
    assert_eq!(app.get_html("/login").await.status(), 200);
    let browser = app.new_browser();
    let res = browser
        .get(app.url("/auth/oidc/city/login"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 503);
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("cannot be reached right now"));
    assert!(!signed_in(&app, &browser).await);
    // The provider comes up (a second test provider, on the address configured).
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/oidc/provider.mjs");
    let mut child = std::process::Command::new("node")
        .args([script, "--port", &port.to_string()])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("node runs the test provider");
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(child.stdout.take().unwrap()),
        &mut line,
    )
    .unwrap();
    assert!(line.starts_with("issuer "), "{line}");
    let res = sign_in(&app, &browser, &unique("patient"), "pass").await;
    let status = res.status();
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(status, 303, "signed in once the provider answers");
    assert!(signed_in(&app, &browser).await);
}

on_both_backends!(
    an_unreachable_provider_stops_nothing_and_is_used_once_it_answers,
    unreachable_at_start_then_back
);
