//! Registration, login, sessions and personal data, through the pages and the JSON API.

const PASSWORD: &str = "violet tram umbrella";

both_backends! {
    async fn registration_does_not_reveal_existing_accounts(app) {
        let fields = [("display_name", "Ana"), ("email", "Ana@Example.org "), ("password", PASSWORD)];
        let first = app.submit("/register", "/register", &fields).await;
        assert_eq!(first.status(), 200);
        let first = first.text().await.unwrap();
        let again = app.submit("/register", "/register", &[("display_name", "Eve"), ("email", "ana@example.org"), ("password", "another long passphrase")]).await;
        assert_eq!(again.status(), 200);
        assert_eq!(first, again.text().await.unwrap(), "same page for a new and an existing email");

        let api = |email: &'static str| {
            let body = serde_json::json!({"display_name": "X", "email": email, "password": PASSWORD});
            app.client.post(app.url("/api/v1/auth/register")).json(&body).send()
        };
        let new = api("new@example.org").await.unwrap();
        let existing = api("ana@example.org").await.unwrap();
        assert_eq!((new.status(), existing.status()), (reqwest::StatusCode::ACCEPTED, reqwest::StatusCode::ACCEPTED));
        assert_eq!(new.text().await.unwrap(), existing.text().await.unwrap());

        let mut conn = app.conn();
        let stored = budgetbox::db::models::user::find_by_email(&mut conn, "ana@example.org").unwrap().unwrap();
        assert_eq!(stored.display_name, "Ana", "the second registration changed nothing");
        assert!(stored.password_hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{}", stored.password_hash);
    }

    async fn registration_errors_are_tied_to_fields_and_keep_values(app) {
        let res = app.submit("/register", "/register", &[("display_name", "Bo"), ("email", "not-an-email"), ("password", "password123"), ("birth_year", "1800"), ("district", "atlantis")]).await;
        assert_eq!(res.status(), 422);
        let body = res.text().await.unwrap();
        assert!(body.contains("<title>Error: Register"));
        assert!(body.contains("href=\"#email\""), "error summary links to the field");
        assert!(body.contains("id=\"email-error\""));
        assert!(body.contains("aria-describedby=\"email-hint email-error\""));
        assert!(body.contains("most common"), "common password refused");
        assert!(body.contains("Enter a year between"));
        assert!(body.contains("Choose your district"));
        assert!(body.contains("value=\"not-an-email\""), "typed values are kept");
        assert!(!body.contains("password123"), "passwords are never echoed");
        let mut conn = app.conn();
        assert!(budgetbox::db::models::user::all(&mut conn).unwrap().is_empty(), "nothing stored");

        let res = app.client.post(app.url("/api/v1/auth/register")).json(&serde_json::json!({"display_name": "", "email": "x@y.org", "password": "short"})).send().await.unwrap();
        assert_eq!(res.status(), 422);
        let body: serde_json::Value = res.json().await.unwrap();
        assert!(body["fields"]["display_name"].is_string());
        assert!(body["fields"]["password"].as_str().unwrap().contains("at least 10"));
    }

    async fn login_sets_a_strict_cookie_and_logout_clears_it(app) {
        app.create_user("cy@example.org", PASSWORD, "citizen");
        let res = app.submit("/login", "/login", &[("email", "cy@example.org"), ("password", PASSWORD), ("next", "/account")]).await;
        assert_eq!(res.status(), 303);
        assert_eq!(res.headers()["location"], "/account");
        let cookie = res.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_string()).find(|c| c.starts_with("bb_session=")).unwrap();
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"), "{cookie}");
        let account = app.get_html("/account").await;
        assert_eq!(account.status(), 200);
        assert_eq!(account.headers()["cache-control"], "no-store");
        assert!(account.text().await.unwrap().contains("cy@example.org"));

        let out = app.submit("/account", "/logout", &[]).await;
        assert_eq!(out.status(), 303);
        let after = app.get_html("/account").await;
        assert_eq!(after.status(), 303, "logged out: sent to the login page");
        assert_eq!(after.headers()["location"], "/login?next=%2Faccount");
    }

    async fn login_never_redirects_off_site(app) {
        app.create_user("di@example.org", PASSWORD, "citizen");
        for next in ["https://evil.example/", "//evil.example/", "/\\\\evil.example"] {
            let res = app.submit_with(&app.new_browser(), "/login", "/login", &[("email", "di@example.org"), ("password", PASSWORD), ("next", next)]).await;
            assert_eq!(res.headers()["location"], "/account", "{next}");
        }
    }

    async fn unknown_email_and_wrong_password_look_the_same(app) {
        app.create_user("ed@example.org", PASSWORD, "citizen");
        let try_api = |email: &'static str| app.client.post(app.url("/api/v1/auth/login")).json(&serde_json::json!({"email": email, "password": "wrong password here"})).send();
        let unknown = try_api("nobody@example.org").await.unwrap();
        let wrong = try_api("ed@example.org").await.unwrap();
        assert_eq!(unknown.status(), 401);
        assert_eq!(wrong.status(), 401);
        assert_eq!(unknown.text().await.unwrap(), wrong.text().await.unwrap());

        let app = &app;
        let page = |email: &'static str| async move {
            let browser = app.new_browser();
            let body = app.submit_with(&browser, "/login", "/login", &[("email", email), ("password", "wrong password here")]).await.text().await.unwrap();
            body.replace(email, "EMAIL")
                .split("name=\"csrf_token\" value=\"").map(|part| part.get(64..).unwrap_or(part).to_string()).collect::<String>()
        };
        assert_eq!(page("nobody@example.org").await, page("ed@example.org").await);
    }

    async fn sixth_rapid_failed_login_from_one_address_is_throttled(app) {
        app.create_user("fay@example.org", PASSWORD, "citizen");
        let attempt = |password: &'static str| app.client.post(app.url("/api/v1/auth/login")).json(&serde_json::json!({"email": "fay@example.org", "password": password})).send();
        for i in 1..=5 {
            assert_eq!(attempt("wrong password 123").await.unwrap().status(), 401, "attempt {i}");
        }
        let sixth = attempt("wrong password 123").await.unwrap();
        assert_eq!(sixth.status(), 429);
        let wait: i64 = sixth.headers()["retry-after"].to_str().unwrap().parse().unwrap();
        assert!((1..=30).contains(&wait), "{wait}");
        assert!(sixth.json::<serde_json::Value>().await.unwrap()["error"].as_str().unwrap().contains("Too many failed attempts"));
        // Even the right password waits: back-off, refused before any password check.
        assert_eq!(attempt(PASSWORD).await.unwrap().status(), 429);
        // Another account from elsewhere is not affected.
        app.create_user("gus@example.org", PASSWORD, "citizen");
        app.api_login("gus@example.org", PASSWORD).await;
    }

    async fn password_change_ends_other_sessions(app) {
        app.create_user("hal@example.org", PASSWORD, "citizen");
        let other_device = app.api_login("hal@example.org", PASSWORD).await;
        app.submit("/login", "/login", &[("email", "hal@example.org"), ("password", PASSWORD)]).await;
        let weak = app.submit("/account", "/account/password", &[("current_password", PASSWORD), ("new_password", "qwertyuiop")]).await;
        assert_eq!(weak.status(), 422);
        assert!(weak.text().await.unwrap().contains("most common"));
        let wrong = app.submit("/account", "/account/password", &[("current_password", "not my password"), ("new_password", "a brand new passphrase")]).await;
        assert_eq!(wrong.status(), 422);
        let ok = app.submit("/account", "/account/password", &[("current_password", PASSWORD), ("new_password", "a brand new passphrase")]).await;
        assert_eq!(ok.status(), 303);
        assert_eq!(app.get_html("/account?done=password").await.status(), 200, "this session continues");
        assert_eq!(app.get_bearer("/api/v1/me", &other_device).await.status(), 401, "the other device is logged out");
        app.api_login("hal@example.org", "a brand new passphrase").await;
    }

    async fn logout_everywhere_revokes_every_token(app) {
        app.create_user("ida@example.org", PASSWORD, "citizen");
        let a = app.api_login("ida@example.org", PASSWORD).await;
        let b = app.api_login("ida@example.org", PASSWORD).await;
        assert_eq!(app.get_bearer("/api/v1/me", &a).await.status(), 200);
        let res = app.new_browser().post(app.url("/api/v1/me/logout-everywhere")).bearer_auth(&a).send().await.unwrap();
        assert_eq!(res.status(), 204);
        assert_eq!(app.get_bearer("/api/v1/me", &a).await.status(), 401);
        assert_eq!(app.get_bearer("/api/v1/me", &b).await.status(), 401);
    }

    async fn personal_data_download_and_account_deletion(app) {
        crate::helpers::load_demo(&app);
        let id = app.create_user("jo@example.org", PASSWORD, "citizen");
        {
            use budgetbox::db::models::proposal::{self, NewProposal};
            let now = chrono::Utc::now().naive_utc();
            let mut conn = app.conn();
            proposal::insert(&mut conn, &NewProposal { round_id: 2, district_id: None, author_id: Some(id), title: "Benches", description: "More benches", category: None, location: None, estimated_cost: 100, validated_cost: None, status: "submitted", created_at: now, updated_at: now }).unwrap();
        }
        app.submit("/login", "/login", &[("email", "jo@example.org"), ("password", PASSWORD)]).await;
        let data = app.get("/account/data").await;
        assert!(data.headers()["content-disposition"].to_str().unwrap().contains("attachment"));
        let data: serde_json::Value = data.json().await.unwrap();
        assert_eq!(data["account"]["email"], "jo@example.org");
        assert_eq!(data["proposals"][0]["title"], "Benches");

        let refused = app.submit("/account", "/account/delete", &[("password", "not my password")]).await;
        assert_eq!(refused.status(), 422);
        let deleted = app.submit("/account", "/account/delete", &[("password", PASSWORD)]).await;
        assert_eq!(deleted.status(), 200);
        let mut conn = app.conn();
        assert!(budgetbox::db::models::user::find(&mut conn, id).unwrap().is_none());
        let kept = budgetbox::db::models::proposal::of_round(&mut conn, 2).unwrap().into_iter().find(|p| p.title == "Benches").unwrap();
        assert_eq!(kept.author_id, None, "the proposal stays, credited to a deleted user");
        let ballots = budgetbox::db::models::ballot::of_round(&mut conn, 2).unwrap().len();
        assert!(ballots > 0, "ballots are untouched");
        let res = app.client.post(app.url("/api/v1/auth/login")).json(&serde_json::json!({"email": "jo@example.org", "password": PASSWORD})).send().await.unwrap();
        assert_eq!(res.status(), 401);
    }

    async fn council_changes_roles_and_the_old_token_dies(app) {
        app.create_user("council@example.org", PASSWORD, "council");
        let kim = app.create_user("kim@example.org", PASSWORD, "citizen");
        let kim_token = app.api_login("kim@example.org", PASSWORD).await;
        app.submit("/login", "/login", &[("email", "council@example.org"), ("password", PASSWORD)]).await;
        let page = app.get_html("/council/users").await.text().await.unwrap();
        assert!(page.contains("kim@example.org"));
        let res = app.submit("/council/users", &format!("/council/users/{kim}/role"), &[("role", "reviewer")]).await;
        assert_eq!(res.status(), 303);
        assert_eq!(app.get_bearer("/api/v1/me", &kim_token).await.status(), 401, "role change revokes old tokens");
        let fresh = app.api_login("kim@example.org", PASSWORD).await;
        let me: serde_json::Value = app.get_bearer("/api/v1/me", &fresh).await.json().await.unwrap();
        assert_eq!(me["role"], "reviewer");
        let log = app.get_html("/audit").await.text().await.unwrap();
        assert!(log.contains("role.changed") && log.contains("from citizen to reviewer"));
        assert!(log.contains("login.succeeded"));
    }

    async fn a_link_from_another_site_does_not_change_the_stored_language(app) {
        app.create_user("lou@example.org", PASSWORD, "citizen");
        let session = app.api_login("lou@example.org", PASSWORD).await;
        let stored = || async { app.get_bearer("/api/v1/me", &session).await.json::<serde_json::Value>().await.unwrap()["language"].clone() };
        assert_eq!(stored().await, "en");
        let switch = |lang: &'static str, headers: &'static [(&'static str, &'static str)]| {
            let mut request = app.new_browser().get(app.url(&format!("/language/{lang}"))).header("cookie", format!("bb_session={session}"));
            for (name, value) in headers {
                request = request.header(*name, *value);
            }
            request.send()
        };
        // A link or image on another site: the page switches (a cookie), the account does not.
        let res = switch("es", &[("sec-fetch-site", "cross-site"), ("referer", "https://elsewhere.example/page")]).await.unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(stored().await, "en");
        let res = switch("es", &[]).await.unwrap();
        assert_eq!(res.status(), 303);
        assert_eq!(stored().await, "en", "no sign it came from this site");
        // The switcher on this site's own pages, or the address typed in.
        switch("es", &[("sec-fetch-site", "same-origin")]).await.unwrap();
        assert_eq!(stored().await, "es");
        switch("pl", &[("sec-fetch-site", "none")]).await.unwrap();
        assert_eq!(stored().await, "pl");
        let own_page: &'static str = Box::leak(format!("{}/rounds", app.url("")).into_boxed_str());
        let referred = app.new_browser().get(app.url("/language/en")).header("cookie", format!("bb_session={session}")).header("referer", own_page).send().await.unwrap();
        assert_eq!(referred.status(), 303);
        assert_eq!(stored().await, "en", "an older browser, from this site's page");
    }
}

both_backends_with_clock! {
    async fn a_session_cannot_be_used_to_guess_its_own_password(app) {
        // Someone holding a session (a stolen cookie, a shared computer) guesses the
        // password it guards: the same back-off as login's, on every form that asks for it.
        app.create_user("kit@example.org", PASSWORD, "citizen");
        let session = app.api_login("kit@example.org", PASSWORD).await;
        let change = |current: &'static str| app.new_browser().post(app.url("/api/v1/me/password")).bearer_auth(&session).json(&serde_json::json!({"current_password": current, "new_password": "a brand new passphrase"})).send();
        for i in 1..=5 {
            assert_eq!(change("guess number one").await.unwrap().status(), 422, "guess {i}");
        }
        let sixth = change("guess number six").await.unwrap();
        assert_eq!(sixth.status(), 429);
        assert!(sixth.headers().contains_key("retry-after"));
        assert_eq!(change(PASSWORD).await.unwrap().status(), 429, "even the right password waits");
        let delete = app.send_bearer(reqwest::Method::DELETE, "/api/v1/me", &session, &serde_json::json!({"password": "guess number seven"})).await;
        assert_eq!(delete.status(), 429, "deleting the account asks for the same password");
        let login = app.client.post(app.url("/api/v1/auth/login")).json(&serde_json::json!({"email": "kit@example.org", "password": PASSWORD})).send().await.unwrap();
        assert_eq!(login.status(), 429, "the guesses count as failed logins");
        // The pages' forms too, and the account is still there with its password.
        app.clock.set(app.clock.now() + chrono::Duration::minutes(20));
        app.submit("/login", "/login", &[("email", "kit@example.org"), ("password", PASSWORD)]).await;
        for i in 1..=5 {
            let wrong = app.submit("/account", "/account/delete", &[("password", "guess again")]).await;
            assert_eq!(wrong.status(), 422, "page guess {i}");
        }
        let throttled = app.submit("/account", "/account/password", &[("current_password", "guess again"), ("new_password", "a brand new passphrase")]).await;
        assert_eq!(throttled.status(), 429);
        app.clock.set(app.clock.now() + chrono::Duration::minutes(20));
        assert_eq!(change(PASSWORD).await.unwrap().status(), 200, "after the wait the owner changes it");
    }
}

#[test]
fn admin_create_makes_the_first_council_account() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}/admin.sqlite", dir.path().display());
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_budgetbox"))
            .args([
                "--data-dir",
                dir.path().to_str().unwrap(),
                "--database-url",
                &db,
            ])
            .args(args)
            .output()
            .unwrap()
    };
    let out = run(&[
        "admin",
        "create",
        "--email",
        "Mayor@City.example",
        "--role",
        "council",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Created council account mayor@city.example"),
        "{text}"
    );
    let again = run(&[
        "admin",
        "create",
        "--email",
        "mayor@city.example",
        "--role",
        "council",
    ]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    let bad = run(&[
        "admin",
        "create",
        "--email",
        "x@city.example",
        "--role",
        "king",
    ]);
    assert_eq!(bad.status.code(), Some(2));
}

both_backends! {
    async fn profile_details_can_be_added_later(app) {
        crate::helpers::load_demo(&app);
        let id = app.create_user("lu@example.org", PASSWORD, "citizen");
        app.submit("/login", "/login", &[("email", "lu@example.org"), ("password", PASSWORD)]).await;
        let bad = app.submit("/account", "/account/profile", &[("birth_year", "3000"), ("district", "old-town"), ("gender", "")]).await;
        assert_eq!(bad.status(), 422);
        assert!(bad.text().await.unwrap().contains("Enter a year between"));
        let ok = app.submit("/account", "/account/profile", &[("birth_year", "1961"), ("district", "old-town"), ("gender", "prefer-not-to-say")]).await;
        assert_eq!(ok.status(), 303);
        let mut conn = app.conn();
        let row = budgetbox::db::models::user::find(&mut conn, id).unwrap().unwrap();
        assert_eq!((row.birth_year, row.gender.as_deref()), (Some(1961), Some("prefer-not-to-say")));
        assert!(row.district_id.is_some());
        let token = app.api_login("lu@example.org", PASSWORD).await;
        let res = app.send_bearer(reqwest::Method::PUT, "/api/v1/me/profile", &token, &serde_json::json!({"district": "atlantis"})).await;
        assert_eq!(res.status(), 422);
    }
}
