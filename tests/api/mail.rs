//! Mail over a real SMTP server (aiosmtpd): address verification in the resident's language,
//! password reset, notifications of a review decision to author and followers, one-click
//! unsubscribe, bad links and header injection refused, and the outbox keeping every message
//! while the mail server is down.

use reqwest::Method;
use serde_json::{json, Value};

use crate::ballots::at;
use crate::helpers::{Backend, TestApp};
use crate::mailbox::MailServer;

const PASSWORD: &str = "violet tram umbrella";

fn start() -> budgetbox::web::Clock {
    budgetbox::web::Clock::manual(at("2026-03-01T12:00"))
}

async fn app_with_mail(backend: Backend) -> Option<(TestApp, MailServer)> {
    let server = MailServer::start()?;
    let app = crate::helpers::spawn_app_with(backend, start(), server.settings(), None).await?;
    Some((app, server))
}

/// Defines a mail test twice, on SQLite and PostgreSQL, each with its own mail server.
macro_rules! with_mail {
    ($(async fn $name:ident($app:ident, $mail:ident) $body:block)*) => {$(
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run($app: TestApp, $mail: MailServer) $body

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                if let Some((app, mail)) = app_with_mail(Backend::Sqlite).await {
                    run(app, mail).await;
                }
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some((app, mail)) = app_with_mail(Backend::Postgres).await {
                    run(app, mail).await;
                }
            }
        }
    )*};
}

/// Registers through the page in `lang`; returns the browser (logged out).
async fn register_in(app: &TestApp, lang: &str, email: &str) -> reqwest::Client {
    let browser = app.new_browser();
    browser
        .get(app.url(&format!("/language/{lang}")))
        .send()
        .await
        .unwrap();
    let fields = [
        ("display_name", "Ana"),
        ("email", email),
        ("password", PASSWORD),
    ];
    let res = app
        .submit_with(&browser, "/register", "/register", &fields)
        .await;
    assert_eq!(res.status(), 200);
    browser
}

/// The path and query of a link (the app is reached at its own address).
fn path_of(link: &str) -> String {
    let url = url::Url::parse(link).unwrap();
    format!("{}?{}", url.path(), url.query().unwrap_or(""))
}

with_mail! {
    async fn registration_sends_a_verification_in_the_residents_language(app, mail) {
        let browser = register_in(&app, "es", "ana@example.org").await;
        let message = mail.wait_for("ana@example.org", 1, 30).await.remove(0);
        assert_eq!(message.subject, "Confirma tu dirección de correo");
        assert!(message.header("Message-ID").is_some_and(|v| v.starts_with('<')), "{:?}", message.headers);
        assert!(message.header("Date").is_some());
        assert!(message.text.contains("Hola, Ana") && message.html.contains("lang=\"es\""), "{}", message.html);
        assert!(message.header("List-Unsubscribe").is_none(), "an account message, not a notification");
        let link = message.link(&app.url("/account/verify?token="));
        // The link opens a page with one button: a scanner that fetches it does not use it up.
        let page = browser.get(app.url(&path_of(&link))).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("Confirmar mi dirección"), "{page}");
        let token = link.rsplit('=').next().unwrap().to_string();
        let res = app.submit_with(&browser, &path_of(&link), "/account/verify", &[("token", &token)]).await;
        assert_eq!(res.status(), 200);
        assert!(metric(&app, "budgetbox_mail_send_attempts_total{outcome=\"sent\"}").await.is_some_and(|n| n >= 1.0), "/metrics counts sent mail");
        assert_eq!(metric(&app, "budgetbox_mail_outbox{what=\"queued\"}").await, Some(0.0));
        let bearer = app.api_login("ana@example.org", PASSWORD).await;
        let me: Value = app.get_bearer("/api/v1/me", &bearer).await.json().await.unwrap();
        assert_eq!(me["email_verified"], true);
        assert_eq!(me["language"], "es");

        // A used link, an altered one, an expired one: refused, and nothing is sent.
        let verify = |token: String| app.new_browser().post(app.url("/api/v1/auth/verify-email")).json(&json!({"token": token})).send();
        assert_eq!(verify(token.clone()).await.unwrap().status(), 422, "used");
        let mut altered = token.clone();
        altered.replace_range(0..1, if altered.starts_with('0') { "1" } else { "0" });
        assert_eq!(verify(altered).await.unwrap().status(), 422, "altered");
        app.create_user("bo@example.org", PASSWORD, "citizen");
        let bo = app.api_login("bo@example.org", PASSWORD).await;
        assert_eq!(app.send_bearer(Method::POST, "/api/v1/me/verify-email", &bo, &json!({})).await.status(), 202);
        let link = mail.wait_for("bo@example.org", 1, 30).await.remove(0).link(&app.url("/account/verify?token="));
        app.clock.set(at("2026-03-03T12:01"));
        let res = verify(link.rsplit('=').next().unwrap().to_string()).await.unwrap();
        assert_eq!(res.status(), 422, "expired after 48 hours");
        assert!(res.json::<Value>().await.unwrap()["error"].as_str().unwrap().contains("cannot be used"));
        // Resending is throttled: three an hour.
        for _ in 0..3 {
            assert_eq!(app.send_bearer(Method::POST, "/api/v1/me/verify-email", &bo, &json!({})).await.status(), 202);
        }
        assert_eq!(app.send_bearer(Method::POST, "/api/v1/me/verify-email", &bo, &json!({})).await.status(), 429);
        mail.wait_for("bo@example.org", 4, 30).await;

        // Registering again with an existing address tells its owner, not the requester.
        register_in(&app, "en", "ana@example.org").await;
        let told = mail.wait_for("ana@example.org", 2, 30).await;
        assert!(told.iter().any(|m| m.subject == "Alguien intentó registrarse con tu dirección"), "in the owner's language");
    }

    async fn a_forgotten_password_is_reset_and_every_old_session_ends(app, mail) {
        app.create_user("cy@example.org", PASSWORD, "citizen");
        let old_session = app.api_login("cy@example.org", PASSWORD).await;
        let ask = |email: &'static str| app.new_browser().post(app.url("/api/v1/auth/password-reset")).json(&json!({"email": email})).send();
        let known = ask("cy@example.org").await.unwrap();
        let unknown = ask("nobody@example.org").await.unwrap();
        assert_eq!((known.status().as_u16(), unknown.status().as_u16()), (202, 202));
        assert_eq!(known.text().await.unwrap(), unknown.text().await.unwrap(), "the same answer");
        let message = mail.wait_for("cy@example.org", 1, 30).await.remove(0);
        assert_eq!(message.subject, "Set a new password");
        let link = message.link(&app.url("/password/reset?token="));
        let token = link.rsplit('=').next().unwrap().to_string();
        // The page form: a refused password does not use the link up.
        let browser = app.new_browser();
        let res = app.submit_with(&browser, &path_of(&link), "/password/reset", &[("token", &token), ("password", "short")]).await;
        assert_eq!(res.status(), 422);
        let res = app.submit_with(&browser, &path_of(&link), "/password/reset", &[("token", &token), ("password", "a brand new passphrase")]).await;
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], "/login?reset=done");
        let login = |password: &'static str| app.new_browser().post(app.url("/api/v1/auth/login")).json(&json!({"email": "cy@example.org", "password": password})).send();
        assert_eq!(login(PASSWORD).await.unwrap().status(), 401, "the old password fails");
        assert_eq!(app.get_bearer("/api/v1/me", &old_session).await.status(), 401, "the old session ends");
        assert_eq!(login("a brand new passphrase").await.unwrap().status(), 200);
        let again = app.new_browser().post(app.url("/api/v1/auth/password-reset/confirm")).json(&json!({"token": token, "password": "yet another passphrase"})).send().await.unwrap();
        assert_eq!(again.status(), 422, "a link works once");
        // A link expires after an hour.
        assert_eq!(ask("cy@example.org").await.unwrap().status(), 202);
        let link = mail.wait_for("cy@example.org", 2, 30).await.into_iter().map(|m| m.link(&app.url("/password/reset?token="))).find(|l| !l.ends_with(&token)).unwrap();
        app.clock.set(at("2026-03-01T13:01"));
        let late = app.new_browser().post(app.url("/api/v1/auth/password-reset/confirm")).json(&json!({"token": link.rsplit('=').next().unwrap(), "password": "yet another passphrase"})).send().await.unwrap();
        assert_eq!(late.status(), 422);
        assert!(mail.to("nobody@example.org").is_empty(), "nothing goes to an address without an account");
    }

    async fn a_new_password_ends_every_reset_link_sent_before(app, mail) {
        // Someone who saw a reset mail cannot take the account back after its owner chose a
        // new password, nor with a second link once one was used.
        app.create_user("dee@example.org", PASSWORD, "citizen");
        let ask = || app.new_browser().post(app.url("/api/v1/auth/password-reset")).json(&json!({"email": "dee@example.org"})).send();
        let tokens = |messages: Vec<crate::mailbox::Received>| -> Vec<String> {
            messages.iter().map(|m| m.link(&app.url("/password/reset?token=")).rsplit('=').next().unwrap().to_string()).collect()
        };
        let confirm = |token: String, password: &'static str| app.new_browser().post(app.url("/api/v1/auth/password-reset/confirm")).json(&json!({"token": token, "password": password})).send();
        assert_eq!(ask().await.unwrap().status(), 202);
        let first = tokens(mail.wait_for("dee@example.org", 1, 30).await).remove(0);
        let first_link = first.clone();
        let session = app.api_login("dee@example.org", PASSWORD).await;
        let changed = app.send_bearer(Method::POST, "/api/v1/me/password", &session, &json!({"current_password": PASSWORD, "new_password": "the owner's own choice"})).await;
        assert_eq!(changed.status(), 200);
        let res = confirm(first, "an attacker's choice 1").await.unwrap();
        assert_eq!(res.status(), 422, "a link sent before the owner's change");
        // Two links at once: the first one used ends the other.
        assert_eq!(ask().await.unwrap().status(), 202);
        assert_eq!(ask().await.unwrap().status(), 202);
        let mut later: Vec<String> = tokens(mail.wait_for("dee@example.org", 3, 30).await).into_iter().filter(|t| *t != first_link).collect();
        assert_eq!(later.len(), 2);
        let (second, third) = (later.remove(0), later.remove(0));
        assert_eq!(confirm(second, "a passphrase the owner set").await.unwrap().status(), 204);
        assert_eq!(confirm(third, "an attacker's choice 2").await.unwrap().status(), 422);
        let login = |password: &'static str| app.new_browser().post(app.url("/api/v1/auth/login")).json(&json!({"email": "dee@example.org", "password": password})).send();
        assert_eq!(login("a passphrase the owner set").await.unwrap().status(), 200);
    }

    async fn a_review_decision_reaches_author_and_followers_who_can_unsubscribe_in_one_click(app, mail) {
        app.create_user("council@example.org", PASSWORD, "council");
        let council = app.api_login("council@example.org", PASSWORD).await;
        let config = json!({"title": "Parks", "total_budget": "5000", "ballot_type": "approval", "rule": "greedy",
            "proposals_open_at": "2026-03-01T09:00", "review_at": "2026-04-01T09:00",
            "voting_open_at": "2026-05-01T09:00", "voting_close_at": "2026-05-15T18:00"});
        let round = app.send_bearer(Method::POST, "/api/v1/rounds", &council, &config).await.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
        for who in ["author@example.org", "fan@example.org", "quiet@example.org"] {
            app.create_user(who, PASSWORD, "citizen");
        }
        let author = app.api_login("author@example.org", PASSWORD).await;
        let res = app.send_bearer(Method::POST, &format!("/api/v1/rounds/{round}/proposals"), &author, &json!({"title": "Benches in the park", "description": "Ten benches along the main path of the park.", "estimated_cost": "1000"})).await;
        assert_eq!(res.status(), 201);
        let id = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
        for who in ["fan@example.org", "quiet@example.org"] {
            let token = app.api_login(who, PASSWORD).await;
            assert_eq!(app.send_bearer(Method::POST, &format!("/api/v1/proposals/{id}/follow"), &token, &json!({})).await.status(), 204);
        }
        // A withdrawal is news for followers (the author knows).
        let res = app.send_bearer(Method::POST, &format!("/api/v1/rounds/{round}/proposals"), &author, &json!({"title": "A fountain", "description": "A drinking fountain by the playground.", "estimated_cost": "500"})).await;
        let fountain = res.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
        let fan_token = app.api_login("fan@example.org", PASSWORD).await;
        assert_eq!(app.send_bearer(Method::POST, &format!("/api/v1/proposals/{fountain}/follow"), &fan_token, &json!({})).await.status(), 204);
        assert_eq!(app.send_bearer(Method::POST, &format!("/api/v1/proposals/{fountain}/withdraw"), &author, &json!({})).await.status(), 204);
        let withdrawn = mail.wait_for("fan@example.org", 1, 30).await.remove(0);
        assert_eq!(withdrawn.subject, "The proposal “A fountain” was withdrawn");
        let quiet = app.api_login("quiet@example.org", PASSWORD).await;
        let res = app.send_bearer(Method::PUT, "/api/v1/me/notifications", &quiet, &json!({"own_proposals": true, "followed": false, "round_news": false, "receipt_copy": false})).await;
        assert_eq!(res.status(), 200);

        app.create_user("rev@example.org", PASSWORD, "reviewer");
        let reviewer = app.api_login("rev@example.org", PASSWORD).await;
        app.clock.set(at("2026-04-02T10:00"));
        let res = app.send_bearer(Method::POST, &format!("/api/v1/proposals/{id}/review"), &reviewer, &json!({"decision": "feasible", "reason": "Costed by the parks department."})).await;
        assert_eq!(res.status(), 200, "{}", res.text().await.unwrap());
        let to_author = mail.wait_for("author@example.org", 1, 30).await.remove(0);
        assert_eq!(mail.to("author@example.org").len(), 1, "not told of their own withdrawal");
        assert_eq!(to_author.subject, "Your proposal “Benches in the park” goes to the vote");
        assert!(to_author.text.contains("Costed by the parks department."), "with the public reason");
        assert!(to_author.text.contains("because you wrote this proposal"));
        let to_fan = mail.wait_for("fan@example.org", 2, 30).await.into_iter().find(|m| m.subject.contains("Benches")).unwrap();
        assert!(to_fan.text.contains("because you follow this proposal"));
        assert_eq!(to_fan.header("List-Unsubscribe-Post"), Some("List-Unsubscribe=One-Click"));
        tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
        assert!(mail.to("quiet@example.org").is_empty(), "a follower who turned it off gets nothing");
        for m in mail.received() {
            assert!(!m.raw.contains(r#"projects":["#), "no message carries a ballot");
        }

        // One click: the mail program posts to the link in the header.
        let header = to_fan.header("List-Unsubscribe").unwrap();
        let link = header.trim_start_matches('<').trim_end_matches('>').to_string();
        let res = reqwest::Client::new().post(&link).header("Content-Type", "application/x-www-form-urlencoded").body("List-Unsubscribe=One-Click").send().await.unwrap();
        assert_eq!(res.status(), 200);
        let fan = app.api_login("fan@example.org", PASSWORD).await;
        let settings: Value = app.get_bearer("/api/v1/me/notifications", &fan).await.json().await.unwrap();
        assert_eq!(settings["followed"], false);
        assert_eq!(settings["own_proposals"], true, "only that kind stops");
        let forged = reqwest::Client::new().post(link.replace("&t=", "&t=00")).body("List-Unsubscribe=One-Click").send().await.unwrap();
        assert_eq!(forged.status(), 403, "a link with another signature does nothing");
    }

    async fn bad_addresses_and_names_are_refused_and_nothing_is_sent(app, mail) {
        let register = |body: Value| app.new_browser().post(app.url("/api/v1/auth/register")).json(&body).send();
        for (body, field) in [
            (json!({"display_name": "Eve\r\nBcc: all@example.org", "email": "eve@example.org", "password": PASSWORD}), "display_name"),
            (json!({"display_name": "Eve", "email": "eve@example.org\r\nBcc: all@example.org", "password": PASSWORD}), "email"),
            (json!({"display_name": "Eve", "email": format!("{}@example.org", "e".repeat(300)), "password": PASSWORD}), "email"),
        ] {
            let res = register(body).await.unwrap();
            assert_eq!(res.status(), 422);
            let errors: Value = res.json().await.unwrap();
            assert!(errors["fields"][field].is_string(), "{errors}");
        }
        tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
        assert!(mail.received().is_empty(), "nothing was sent");
    }
}

with_mail! {
    async fn a_round_that_needs_a_verified_address_says_so_and_round_news_and_receipts_arrive(app, mail) {
        let f = crate::ballots::fixture(&app, "approval", json!({"requires_verified_email": "on"})).await;
        // The fixture's voter was created directly: not verified.
        let why: Value = app.get_bearer(&format!("/api/v1/rounds/{}/eligibility", f.round), &f.citizen).await.json().await.unwrap();
        assert_eq!(why["eligible"], false);
        let step = why["requirements"].as_array().unwrap().iter().find(|r| r["name"] == "verified email").unwrap();
        assert!(step["next_step"].as_str().unwrap().contains("account page you can ask for a new one"), "{why}");
        let (status, _) = crate::ballots::cast(&app, &f, json!({"projects": [f.north_projects[0]]})).await;
        assert_eq!(status, 403);
        // Ask for the link, follow it, vote; with a copy of the receipt asked for.
        assert_eq!(app.send_bearer(Method::POST, "/api/v1/me/verify-email", &f.citizen, &json!({})).await.status(), 202);
        let link = mail.wait_for("voter@example.org", 1, 30).await.remove(0).link(&app.url("/account/verify?token="));
        let res = app.new_browser().post(app.url("/api/v1/auth/verify-email")).json(&json!({"token": link.rsplit('=').next().unwrap()})).send().await.unwrap();
        assert_eq!(res.status(), 204);
        let res = app.send_bearer(Method::PUT, "/api/v1/me/notifications", &f.citizen, &json!({"own_proposals": true, "followed": true, "round_news": true, "receipt_copy": true})).await;
        assert_eq!(res.status(), 200);
        let (status, receipt) = crate::ballots::cast(&app, &f, json!({"projects": [f.north_projects[0]]})).await;
        assert_eq!(status, 201, "{receipt}");
        let code = receipt["tracking_code"].as_str().unwrap();
        let copy = mail.wait_for("voter@example.org", 2, 30).await.into_iter().find(|m| m.subject.starts_with("Your receipt")).unwrap();
        assert!(copy.text.contains(code), "the tracking code");
        let words = |t: &str| t.split(|c: char| !c.is_alphanumeric()).any(|w| w == "N1");
        assert!(!copy.raw.contains("projects") && !words(&copy.text) && !words(&copy.html), "never the ballot");

        // Round news, once, to those who asked: results published.
        let mailing = budgetbox::domain::notifications::Mailing { public_url: app.url(""), secret: app.secret.expose().to_vec() };
        crate::ballots::count_now(&app, &f).await;
        let council = app.api_login("council@example.org", PASSWORD).await;
        let res = app.send_bearer(Method::POST, &format!("/api/v1/rounds/{}/advance", f.round), &council, &json!({"reason": "results approved"})).await;
        assert_eq!(res.status(), 200);
        let now = app.clock.now();
        let mut conn = app.conn();
        let written = budgetbox::domain::notifications::round_news_due(&mut conn, &mailing, now).unwrap();
        assert!(written >= 1);
        assert_eq!(budgetbox::domain::notifications::round_news_due(&mut conn, &mailing, now).unwrap(), 0, "once");
        let news = mail.wait_for("voter@example.org", 3, 30).await;
        assert!(news.iter().any(|m| m.subject == "Results are out: Ballot test" && m.header("List-Unsubscribe").is_some()), "{:?}", news.iter().map(|m| &m.subject).collect::<Vec<_>>());
    }
}

/// Registers `count` residents through the API, from as many addresses (behind the trusted
/// proxy), spread over `instances`; returns their addresses.
async fn register_many(instances: &[String], count: usize, tag: &str) -> Vec<String> {
    let client = reqwest::Client::new();
    let mut emails = Vec::new();
    for i in 0..count {
        let email = format!("{tag}{i}@example.org");
        let res = client
            .post(format!(
                "{}/api/v1/auth/register",
                instances[i % instances.len()]
            ))
            .header(
                "X-Forwarded-For",
                format!("10.0.{}.{}", i / 250, i % 250 + 1),
            )
            .json(&json!({"display_name": "Resident", "email": email, "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 202, "{email}: {}", res.text().await.unwrap());
        emails.push(email);
    }
    emails
}

/// The outbox as staff see it: (queued, failing).
fn outbox(app: &TestApp) -> (i64, i64) {
    let backlog =
        budgetbox::domain::notifications::backlog(&mut app.conn(), chrono::Utc::now().naive_utc())
            .unwrap();
    (backlog.queued, backlog.failing)
}

/// A gauge or counter from `/metrics` (readable from this machine).
async fn metric(app: &TestApp, line_start: &str) -> Option<f64> {
    let text = app.get("/metrics").await.text().await.unwrap();
    text.lines()
        .find(|l| l.starts_with(line_start))
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|v| v.parse().ok())
}

async fn smtp_down_while_a_hundred_register(backend: Backend) {
    let Some(mut mail) = MailServer::stopped() else {
        return;
    };
    let proxy = Some("127.0.0.1".parse().unwrap());
    let Some(app) = crate::helpers::spawn_app_with(backend, start(), mail.settings(), proxy).await
    else {
        return;
    };
    let mut instances = vec![app.address.clone()];
    if backend == Backend::Postgres {
        // Two instances on one database: each message must still go once.
        instances.push(crate::helpers::spawn_instance(
            &app,
            app.secret.clone(),
            mail.settings(),
            proxy,
        ));
    }
    let started = std::time::Instant::now();
    let emails = register_many(&instances, 100, "down").await;
    println!(
        "{:?}: 100 registrations in {:.1} s with the mail server down",
        backend,
        started.elapsed().as_secs_f64()
    );
    // Nothing is lost and nothing blocked: every message waits, and staff can see it once
    // the senders have tried (on a busy machine that can take more than a second or two).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let (queued, failing) = loop {
        let (queued, failing) = outbox(&app);
        if failing > 0 || std::time::Instant::now() > deadline {
            break (queued, failing);
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    assert_eq!(queued, 100, "every message waits in the outbox");
    assert!(failing > 0, "and the failed tries show");
    app.create_user("auditor@example.org", PASSWORD, "auditor");
    app.submit(
        "/login",
        "/login",
        &[("email", "auditor@example.org"), ("password", PASSWORD)],
    )
    .await;
    let page = app.get_html("/council/mail").await.text().await.unwrap();
    assert!(
        page.contains("Messages waiting") && page.contains(">100<"),
        "{page}"
    );

    mail.resume();
    let back = std::time::Instant::now();
    let deadline = back + std::time::Duration::from_secs(60);
    loop {
        let received = mail.received();
        if emails.iter().all(|e| received.iter().any(|m| &m.to == e)) {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{} of 100 arrived within a minute of the mail server's return",
            received.len()
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    println!(
        "{:?}: every message arrived {:.1} s after the mail server came back",
        backend,
        back.elapsed().as_secs_f64()
    );
    // Let any duplicate arrive, then count.
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    let received = mail.received();
    for e in &emails {
        assert_eq!(
            received.iter().filter(|m| &m.to == e).count(),
            1,
            "{e} got its message exactly once"
        );
    }
    assert_eq!(received.len(), 100);
    assert_eq!(outbox(&app).0, 0, "the outbox is empty");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn smtp_down_while_a_hundred_register_then_each_message_arrives_once_on_sqlite() {
    smtp_down_while_a_hundred_register(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn smtp_down_while_a_hundred_register_then_each_message_arrives_once_on_postgres_with_two_instances(
) {
    smtp_down_while_a_hundred_register(Backend::Postgres).await;
}

/// The binary, killed while it sends, then started again on the same database.
async fn killed_while_sending(backend: Backend) {
    let Some(mail) = MailServer::start() else {
        return;
    };
    let Some(database) = crate::helpers::TestDatabase::create(backend) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let url = database.cli_url();
    let key = hex::encode([7u8; 32]);
    // Three hundred messages waiting, written as the events that cause them would write them.
    {
        let pool = budgetbox::db::connect_pool(&database.url, 1).unwrap();
        let mut conn = budgetbox::db::connection::get(&pool).unwrap();
        budgetbox::db::migrations::run_pending(&mut conn).unwrap();
        let now = chrono::Utc::now().naive_utc();
        for i in 0..300 {
            let body = budgetbox::domain::notifications::Body {
                paragraphs: vec![format!("Message {i}")],
                action: None,
                why: "A test.".into(),
                unsubscribe: None,
            };
            budgetbox::domain::notifications::enqueue(
                &mut conn,
                "test",
                &format!("k{i}@example.org"),
                budgetbox::i18n::Lang::En,
                "Hello",
                &body,
                now,
            )
            .unwrap();
        }
    }
    let serve = || {
        let port = crate::cli::free_port();
        let child = crate::cli::budgetbox()
            .args([
                "--data-dir",
                dir.path().to_str().unwrap(),
                "--database-url",
                &url,
                "--secret-key",
                &key,
                "serve",
                "--no-demo",
                "--bind",
                &format!("127.0.0.1:{port}"),
                "--smtp-url",
                &mail.url(),
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        (child, port)
    };
    let (mut first, _) = serve();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while mail.received().len() < 40 {
        assert!(
            std::time::Instant::now() < deadline,
            "sending did not start"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    first.kill().unwrap(); // SIGKILL
    first.wait().unwrap();
    let at_kill = mail.received().len();
    assert!(at_kill < 300, "killed during sending ({at_kill} sent)");
    let (mut second, _) = serve();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(90);
    loop {
        let received = mail.received();
        let distinct: std::collections::HashSet<&str> =
            received.iter().map(|m| m.to.as_str()).collect();
        if distinct.len() == 300 {
            let duplicates = received.len() - 300;
            println!("{backend:?}: killed after {at_kill} messages; after the restart all 300 arrived, {duplicates} twice");
            assert!(
                duplicates <= 20,
                "duplicates are bounded by the messages in flight: {duplicates}"
            );
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{} of 300 delivered after the restart",
            distinct.len()
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    second.kill().unwrap();
    second.wait().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_while_sending_every_message_still_arrives_on_sqlite() {
    killed_while_sending(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_while_sending_every_message_still_arrives_on_postgres() {
    killed_while_sending(Backend::Postgres).await;
}
