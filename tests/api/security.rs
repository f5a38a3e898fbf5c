//! Adversarial requests, each with the exact rejection expected.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use budgetbox::auth::token::TokenKeys;
use budgetbox::auth::Role;

const PASSWORD: &str = "violet tram umbrella";

fn b64(json: serde_json::Value) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(&json).unwrap())
}

both_backends! {
    async fn login_and_language_switch_never_redirect_off_the_site(app) {
        // After logging in, and after switching language, a browser only ever goes back to a
        // path on this site: browsers drop a tab, so `/\t/evil.example` would become
        // `//evil.example`, another site.
        app.create_user("resident@example.org", "violet tram umbrella", "citizen");
        for next in ["/\t/evil.example", "//evil.example", "/\\evil.example", "https://evil.example", "/ /evil.example"] {
            let client = app.new_browser();
            let res = app
                .submit_with(&client, "/login", "/login", &[("email", "resident@example.org"), ("password", "violet tram umbrella"), ("next", next)])
                .await;
            assert_eq!(res.status(), 303, "{next}");
            assert_eq!(res.headers()["location"], "/account", "login with next={next:?}");
            let res = client.get(app.url("/language/es")).query(&[("back", next)]).send().await.unwrap();
            assert_eq!(res.headers()["location"], "/", "language switch with back={next:?}");
        }
        let client = app.new_browser();
        let res = app
            .submit_with(&client, "/login", "/login", &[("email", "resident@example.org"), ("password", "violet tram umbrella"), ("next", "/rounds/1?tab=2")])
            .await;
        assert_eq!(res.headers()["location"], "/rounds/1?tab=2", "a path on this site is kept");
    }
}

both_backends! {
    async fn forged_and_stale_tokens_are_refused(app) {
        let id = app.create_user("ann@example.org", PASSWORD, "citizen");
        let good = app.api_login("ann@example.org", PASSWORD).await;
        assert_eq!(app.get_bearer("/api/v1/me", &good).await.status(), 200);
        let parts: Vec<&str> = good.split('.').collect();
        let mut claims: serde_json::Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();

        let none = format!("{}.{}.", b64(serde_json::json!({"alg": "none", "typ": "JWT"})), parts[1]);
        let hs512 = format!("{}.{}.{}", b64(serde_json::json!({"alg": "HS512", "typ": "JWT"})), parts[1], parts[2]);
        claims["role"] = "council".into();
        let edited_role = format!("{}.{}.{}", parts[0], b64(claims.clone()), parts[2]);
        let (other_key, _) = TokenKeys::new(&[9u8; 32]).issue(id, Role::Council, 0, "s", chrono::Utc::now()).unwrap();
        let (expired, _) = TokenKeys::new(app.secret.expose()).issue(id, Role::Citizen, 0, "s", chrono::Utc::now() - chrono::Duration::hours(1)).unwrap();
        for (what, token) in [("alg none", none), ("alg HS512", hs512), ("edited role", edited_role), ("another key", other_key), ("expired", expired), ("garbage", "a.b.c".to_string())] {
            let res = app.get_bearer("/api/v1/me", &token).await;
            assert_eq!(res.status(), 401, "{what}");
            let body: serde_json::Value = res.json().await.unwrap();
            assert_eq!(body["error"], "Log in to continue.", "{what}");
        }
    }

    async fn citizens_cannot_reach_staff_routes(app) {
        app.create_user("ben@example.org", PASSWORD, "citizen");
        let token = app.api_login("ben@example.org", PASSWORD).await;
        for path in ["/api/v1/admin/users", "/api/v1/audit-log"] {
            let res = app.get_bearer(path, &token).await;
            assert_eq!(res.status(), 403, "{path}");
            assert!(res.json::<serde_json::Value>().await.unwrap()["error"].as_str().unwrap().starts_with("this page is only for"));
            assert_eq!(app.get(path).await.status(), 401, "anonymous {path}");
        }
        let put = app.new_browser().put(app.url("/api/v1/admin/users/1/role")).bearer_auth(&token).json(&serde_json::json!({"role": "council"})).send().await.unwrap();
        assert_eq!(put.status(), 403);

        app.submit("/login", "/login", &[("email", "ben@example.org"), ("password", PASSWORD)]).await;
        for path in ["/council/users", "/audit"] {
            let res = app.get_html(path).await;
            assert_eq!(res.status(), 403, "{path}");
            assert!(res.text().await.unwrap().contains("Not allowed"));
        }
        let anonymous = app.new_browser().get(app.url("/council/users")).header("Accept", "text/html").send().await.unwrap();
        assert_eq!(anonymous.status(), 303);

        let auditor = app.create_user("aud@example.org", PASSWORD, "auditor");
        let auditor_token = app.api_login("aud@example.org", PASSWORD).await;
        assert_eq!(app.get_bearer("/api/v1/audit-log", &auditor_token).await.status(), 200);
        assert_eq!(app.get_bearer("/api/v1/admin/users", &auditor_token).await.status(), 403, "auditors read, they do not manage");
        let _ = auditor;
    }

    async fn forms_without_a_valid_csrf_token_are_refused(app) {
        app.create_user("cat@example.org", PASSWORD, "citizen");
        let fields = [("email", "cat@example.org"), ("password", PASSWORD)];
        let missing = app.client.post(app.url("/login")).form(&fields).send().await.unwrap();
        assert_eq!(missing.status(), 403);
        assert!(missing.json::<serde_json::Value>().await.unwrap()["error"].as_str().unwrap().contains("This form has expired or did not come from this site"));
        let _ = app.form_token("/login").await;
        let wrong = app.client.post(app.url("/login")).form(&[("csrf_token", "0".repeat(64).as_str()), ("email", "cat@example.org"), ("password", PASSWORD)]).send().await.unwrap();
        assert_eq!(wrong.status(), 403);
        // A token from another browser does not work with this browser's cookie.
        let foreign = app.form_token_with(&app.new_browser(), "/login").await;
        let stolen = app.client.post(app.url("/login")).form(&[("csrf_token", foreign.as_str()), ("email", "cat@example.org"), ("password", PASSWORD)]).send().await.unwrap();
        assert_eq!(stolen.status(), 403);
        assert_eq!(app.submit("/login", "/login", &fields).await.status(), 303, "with the right token it works");
    }

    async fn duplicate_form_fields_are_refused(app) {
        let token = app.form_token("/login").await;
        let body = format!("csrf_token={token}&email=a%40b.org&email=c%40d.org&password=x");
        let res = app.client.post(app.url("/login")).header("content-type", "application/x-www-form-urlencoded").body(body).send().await.unwrap();
        assert_eq!(res.status(), 400);
        assert!(res.json::<serde_json::Value>().await.unwrap()["error"].as_str().unwrap().contains("`email` was sent more than once"));
        let dup_json = r#"{"email": "a@b.org", "email": "c@d.org", "password": "x"}"#;
        let res = app.client.post(app.url("/api/v1/auth/login")).header("content-type", "application/json").body(dup_json).send().await.unwrap();
        assert_eq!(res.status(), 422);
        assert!(res.json::<serde_json::Value>().await.unwrap()["error"].as_str().unwrap().contains("duplicate field"));
    }

    async fn cookie_authenticated_json_needs_the_csrf_header(app) {
        app.create_user("dan@example.org", PASSWORD, "citizen");
        app.submit("/login", "/login", &[("email", "dan@example.org"), ("password", PASSWORD)]).await;
        let res = app.client.post(app.url("/api/v1/me/logout-everywhere")).send().await.unwrap();
        assert_eq!(res.status(), 403);
        assert!(res.json::<serde_json::Value>().await.unwrap()["error"].as_str().unwrap().contains("X-CSRF-Token"));
        let token = app.form_token("/account").await;
        let res = app.client.post(app.url("/api/v1/me/logout-everywhere")).header("x-csrf-token", token).send().await.unwrap();
        assert_eq!(res.status(), 204);
    }

    async fn cross_site_writes_are_refused_before_any_handler(app) {
        let token = app.form_token("/login").await;
        let fields = [("csrf_token", token.as_str()), ("email", "x@example.org"), ("password", PASSWORD)];
        let res = app.client.post(app.url("/login")).header("Origin", "https://evil.example").form(&fields).send().await.unwrap();
        assert_eq!(res.status(), 403);
        let res = app.client.post(app.url("/login")).header("Sec-Fetch-Site", "cross-site").form(&fields).send().await.unwrap();
        assert_eq!(res.status(), 403);
        assert!(res.json::<serde_json::Value>().await.unwrap()["error"].as_str().unwrap().contains("other websites"));
    }

    async fn huge_bodies_are_refused_with_413(app) {
        let ten_mb = "x".repeat(10 * 1024 * 1024);
        let json = format!("{{\"email\": \"{ten_mb}\", \"password\": \"x\"}}");
        let res = app.client.post(app.url("/api/v1/auth/login")).header("content-type", "application/json").body(json).send().await.unwrap();
        assert_eq!(res.status(), 413);
        let token = app.form_token("/register").await;
        let form = format!("csrf_token={token}&display_name={ten_mb}");
        let res = app.client.post(app.url("/register")).header("content-type", "application/x-www-form-urlencoded").body(form).send().await.unwrap();
        assert_eq!(res.status(), 413);
    }

    async fn hostile_text_is_escaped_and_stored_verbatim(app) {
        let payloads = [
            "<script>alert('x')</script>",
            "\"><img src=x onerror=alert(1)>",
            "Robert'); DROP TABLE users;--",
            "1 OR 1=1; -- \\ % _ ' \"",
        ];
        app.create_user("council@example.org", PASSWORD, "council");
        for (i, payload) in payloads.iter().enumerate() {
            let email = format!("p{i}@example.org");
            let res = app.submit_with(&app.new_browser(), "/register", "/register", &[("display_name", payload), ("email", &email), ("password", PASSWORD)]).await;
            assert_eq!(res.status(), 200, "{payload}");
            let mut conn = app.conn();
            let stored = budgetbox::db::models::user::find_by_email(&mut conn, &email).unwrap().unwrap();
            assert_eq!(&stored.display_name, payload, "stored verbatim");
        }
        app.submit("/login", "/login", &[("email", "council@example.org"), ("password", PASSWORD)]).await;
        let page = app.get_html("/council/users").await.text().await.unwrap();
        assert!(!page.contains("<script>alert('x')</script>") && !page.contains("<img src=x"));
        assert!(page.contains("&lt;script&gt;alert('x')&lt;/script&gt;"));
        assert!(page.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"));
        assert!(page.contains("Robert'); DROP TABLE users;--"));
        let echoed = app.submit_with(&app.new_browser(), "/register", "/register", &[("display_name", ""), ("email", "<script>e</script>"), ("password", "x"), ("birth_year", "<script>y</script>")]).await;
        assert_eq!(echoed.status(), 422);
        let echoed = echoed.text().await.unwrap();
        assert!(!echoed.contains("<script>e") && !echoed.contains("<script>y"));
        assert!(echoed.contains("value=\"&lt;script&gt;e&lt;/script&gt;\"") && echoed.contains("value=\"&lt;script&gt;y&lt;/script&gt;\""));
        let login = app.submit_with(&app.new_browser(), "/login", "/login", &[("email", "<b>x</b>@example.org"), ("password", "wrong wrong wrong")]).await.text().await.unwrap();
        assert!(login.contains("value=\"&lt;b&gt;x&lt;/b&gt;@example.org\""));
    }
}

/// A small picture in the given format (a real one: the server decodes what it stores).
pub(crate) fn picture(format: image::ImageFormat) -> Vec<u8> {
    let pixels = image::RgbImage::from_fn(8, 6, |x, y| {
        image::Rgb([(x * 30) as u8, (y * 40) as u8, 90])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(pixels)
        .write_to(&mut out, format)
        .unwrap();
    out.into_inner()
}

/// A JPEG as a phone writes it: an EXIF block (APP1) right after the start marker, here
/// holding where the photo was taken.
fn photo_with_location(place: &str) -> Vec<u8> {
    let jpeg = picture(image::ImageFormat::Jpeg);
    let mut exif = b"Exif\0\0II*\0\x08\0\0\0\0\0\0\0\0\0".to_vec();
    exif.extend_from_slice(place.as_bytes());
    let len = (exif.len() + 2) as u16;
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(&exif);
    out.extend_from_slice(&jpeg[2..]);
    assert!(
        image::load_from_memory(&out).is_ok(),
        "still a readable JPEG"
    );
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

const RESIDENT_PASSWORD: &str = "violet tram umbrella";

both_backends! {
    async fn logging_out_ends_the_session_on_the_server(app) {
        app.create_user("lo@example.org", RESIDENT_PASSWORD, "citizen");
        // The page: the cookie a browser held, replayed after logging out.
        let browser = app.new_browser();
        let res = app.submit_with(&browser, "/login", "/login", &[("email", "lo@example.org"), ("password", RESIDENT_PASSWORD)]).await;
        let cookie = res.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_string()).find(|c| c.starts_with("bb_session=")).unwrap();
        let session = cookie.split(';').next().unwrap().trim_start_matches("bb_session=").to_string();
        let me = |token: String| app.new_browser().get(app.url("/api/v1/me")).header("Cookie", format!("bb_session={token}")).send();
        assert_eq!(me(session.clone()).await.unwrap().status(), 200);
        let res = app.submit_with(&browser, "/account", "/logout", &[]).await;
        assert_eq!(res.status(), 303);
        assert_eq!(me(session).await.unwrap().status(), 401, "a replayed cookie is refused");
        // The API: a Bearer token after POST /auth/logout.
        let token = app.api_login("lo@example.org", RESIDENT_PASSWORD).await;
        let other = app.api_login("lo@example.org", RESIDENT_PASSWORD).await;
        assert_eq!(app.get_bearer("/api/v1/me", &token).await.status(), 200);
        let res = app.send_bearer(reqwest::Method::POST, "/api/v1/auth/logout", &token, &serde_json::json!({})).await;
        assert_eq!(res.status(), 204);
        assert_eq!(app.get_bearer("/api/v1/me", &token).await.status(), 401, "a replayed token is refused");
        assert_eq!(app.get_bearer("/api/v1/me", &other).await.status(), 200, "only that session ends");
    }

    async fn failures_at_a_shared_computer_do_not_lock_out_the_people_after(app) {
        // A library computer: sixty residents each mistype their password once.
        let mut conn = app.conn();
        for i in 0..60 {
            budgetbox::db::models::user::insert(&mut conn, &budgetbox::db::models::user::NewUser {
                email: &format!("reader{i}@example.org"), display_name: "Reader",
                password_hash: &budgetbox::auth::password::hash(RESIDENT_PASSWORD), role: "citizen",
                gender: None, birth_year: None, district_id: None, created_at: chrono::Utc::now().naive_utc(),
            }).unwrap();
        }
        drop(conn);
        let login = |email: String, password: &'static str| {
            let body = serde_json::json!({"email": email, "password": password});
            let request = app.new_browser().post(app.url("/api/v1/auth/login")).json(&body);
            async move { request.send().await.unwrap().status().as_u16() }
        };
        for i in 0..60 {
            assert_eq!(login(format!("reader{i}@example.org"), "a typo in it").await, 401, "reader {i}");
        }
        assert_eq!(login("reader59@example.org".into(), RESIDENT_PASSWORD).await, 200, "the next person logs in");
        assert_eq!(login("reader0@example.org".into(), RESIDENT_PASSWORD).await, 200);
        // One machine guessing one account is slowed down after five failures (the typo was
        // the first).
        let mut statuses = Vec::new();
        for _ in 0..5 {
            statuses.push(login("reader1@example.org".into(), "guess guess guess").await);
        }
        assert_eq!(statuses, [401, 401, 401, 401, 429]);
        // Registration from one address is throttled too.
        let mut codes = Vec::new();
        for i in 0..22 {
            let body = serde_json::json!({"display_name": "New", "email": format!("new{i}@example.org"), "password": RESIDENT_PASSWORD});
            codes.push(app.new_browser().post(app.url("/api/v1/auth/register")).json(&body).send().await.unwrap().status().as_u16());
        }
        assert!(codes[..20].iter().all(|c| *c == 202), "{codes:?}");
        assert_eq!(codes[21], 429, "{codes:?}");
    }

    async fn published_data_carries_no_location_or_account_id(app) {
        let council_password = RESIDENT_PASSWORD;
        app.create_user("c@example.org", council_password, "council");
        let council = app.api_login("c@example.org", council_password).await;
        let now = chrono::Utc::now().naive_utc();
        let t = |h: i64| (now + chrono::Duration::hours(h)).format("%Y-%m-%dT%H:%M").to_string();
        let config = serde_json::json!({"title": "Pictures", "total_budget": "5000", "ballot_type": "approval", "rule": "greedy",
            "proposals_open_at": t(-1), "review_at": t(100), "voting_open_at": t(200), "voting_close_at": t(300)});
        let round = app.send_bearer(reqwest::Method::POST, "/api/v1/rounds", &council, &config).await.json::<serde_json::Value>().await.unwrap()["id"].as_i64().unwrap();
        let author = app.create_user("author@example.org", RESIDENT_PASSWORD, "citizen");
        let token = app.api_login("author@example.org", RESIDENT_PASSWORD).await;
        let res = app.send_bearer(reqwest::Method::POST, &format!("/api/v1/rounds/{round}/proposals"), &token, &serde_json::json!({"title": "Trees", "description": "Forty trees along the canal path.", "estimated_cost": "1000"})).await;
        assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
        let proposal: serde_json::Value = res.json().await.unwrap();
        let id = proposal["id"].as_i64().unwrap();
        let shown: serde_json::Value = app.get(&format!("/api/v1/proposals/{id}")).await.json().await.unwrap();
        assert!(shown.get("author_id").is_none(), "no account id: {shown}");
        assert!(!shown.to_string().contains(&author.to_string()), "{shown}");

        app.submit("/login", "/login", &[("email", "author@example.org"), ("password", RESIDENT_PASSWORD)]).await;
        let place = "GPS 51.50072N 0.12462W";
        let photo = photo_with_location(place);
        assert!(contains(&photo, place.as_bytes()));
        let res = crate::simulate::upload(&app, &format!("/proposals/{id}"), &format!("/proposals/{id}/image"), "park.jpg", photo, true).await;
        assert_eq!(res.status(), 303);
        let served = app.get(&format!("/proposals/{id}/image")).await.bytes().await.unwrap().to_vec();
        assert!(!contains(&served, place.as_bytes()), "the location is gone");
        assert!(!contains(&served, b"Exif"), "no EXIF block at all");
        assert_eq!(image::load_from_memory(&served).unwrap().to_rgb8().dimensions(), (8, 6), "the picture is kept");
    }

    async fn census_lists_cannot_be_searched_from_a_copy_of_the_database(app) {
        app.create_user("c@example.org", RESIDENT_PASSWORD, "council");
        let council = app.api_login("c@example.org", RESIDENT_PASSWORD).await;
        let now = chrono::Utc::now().naive_utc();
        let t = |h: i64| (now + chrono::Duration::hours(h)).format("%Y-%m-%dT%H:%M").to_string();
        let config = serde_json::json!({"title": "Census", "total_budget": "5000", "ballot_type": "approval", "rule": "greedy", "requires_census": "on",
            "proposals_open_at": t(-1), "review_at": t(100), "voting_open_at": t(200), "voting_close_at": t(300)});
        let round = app.send_bearer(reqwest::Method::POST, "/api/v1/rounds", &council, &config).await.json::<serde_json::Value>().await.unwrap()["id"].as_i64().unwrap();
        let res = app.new_browser().put(app.url(&format!("/api/v1/rounds/{round}/census"))).bearer_auth(&council).body("document_number,birth_year\n12345678,1990\n").send().await.unwrap();
        assert_eq!(res.status(), 200);
        // The attacker has the database: the salt and every stored hash. Document numbers are
        // short, so they hash each candidate with the salt and look for a match.
        use diesel::prelude::*;
        use budgetbox::db::schema::{census_entries, rounds};
        let mut conn = app.conn();
        let salt: String = rounds::table.find(round).select(rounds::census_salt).first(&mut conn).unwrap();
        let stored: Vec<String> = census_entries::table.select(census_entries::entry_hash).load(&mut conn).unwrap();
        use sha2::Digest;
        for salt in [salt.as_str(), salt.trim_start_matches("v2:")] {
            let guess = hex::encode(sha2::Sha256::digest(format!("budgetbox/census/v1\n{salt}\n12345678\n1990").as_bytes()));
            assert!(!stored.contains(&guess), "the right document, hashed with the salt from the database, finds nothing");
            let plain = hex::encode(sha2::Sha256::digest(format!("{salt}12345678").as_bytes()));
            assert!(!stored.contains(&plain));
        }
    }
}
