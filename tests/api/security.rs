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
