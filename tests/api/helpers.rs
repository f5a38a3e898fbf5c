//! `spawn_app` starts the real application on port 0 over a fresh database: a temp SQLite
//! file, or a new PostgreSQL database (dropped afterwards) on the server named by
//! `BUDGETBOX_TEST_POSTGRES_URL`. Without that variable Postgres tests are skipped with one
//! notice — unless `CI=true`, where they fail.

use std::collections::BTreeSet;
use std::io::Write;
use std::sync::Mutex;

use budgetbox::app::{prepare_database, Application};
use budgetbox::config::{DatabaseUrl, MailSettings, SecretKey, Settings};
use budgetbox::db::DbPool;
use budgetbox::web::Clock;
use diesel::connection::SimpleConnection;
use diesel::Connection;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub address: String,
    pub clock: Clock,
    pub secret: SecretKey,
    pub client: reqwest::Client,
    pub pool: DbPool,
    _db: TestDatabase,
}

impl TestApp {
    /// `sqlite` or `postgres`, for file names.
    pub fn backend_name(&self) -> &'static str {
        match self._db.url.backend() {
            budgetbox::config::Backend::Sqlite => "sqlite",
            budgetbox::config::Backend::Postgres => "postgres",
        }
    }

    pub fn database_url(&self) -> &DatabaseUrl {
        &self._db.url
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request reaches the test server")
    }

    pub async fn get_html(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .header("Accept", "text/html")
            .send()
            .await
            .expect("request reaches the test server")
    }

    /// A client with its own cookie jar (another browser).
    pub fn new_browser(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .cookie_store(true)
            .build()
            .expect("http client")
    }

    /// The CSRF token of the form on `path`, as a browser would see it.
    pub async fn form_token_with(&self, client: &reqwest::Client, path: &str) -> String {
        let body = client
            .get(self.url(path))
            .header("Accept", "text/html")
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let marker = "name=\"csrf_token\" value=\"";
        let start = body
            .find(marker)
            .unwrap_or_else(|| panic!("no form on {path}: {body}"))
            + marker.len();
        body[start..start + 64].to_string()
    }

    pub async fn form_token(&self, path: &str) -> String {
        self.form_token_with(&self.client, path).await
    }

    /// Posts a form from `client` with the token of the form on `form_page`.
    pub async fn submit_with(
        &self,
        client: &reqwest::Client,
        form_page: &str,
        action: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let token = self.form_token_with(client, form_page).await;
        let mut all: Vec<(&str, &str)> = vec![("csrf_token", &token)];
        all.extend_from_slice(fields);
        client
            .post(self.url(action))
            .header("Accept", "text/html")
            .form(&all)
            .send()
            .await
            .unwrap()
    }

    pub async fn submit(
        &self,
        form_page: &str,
        action: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        self.submit_with(&self.client, form_page, action, fields)
            .await
    }

    /// Creates an account directly in the database (no HTTP, no throttling) and returns its id.
    pub fn create_user(&self, email: &str, password: &str, role: &str) -> i64 {
        let mut conn = self.conn();
        budgetbox::db::models::user::insert(
            &mut conn,
            &budgetbox::db::models::user::NewUser {
                email,
                display_name: email.split('@').next().unwrap(),
                password_hash: &budgetbox::auth::password::hash(password),
                role,
                gender: None,
                birth_year: None,
                district_id: None,
                created_at: chrono::Utc::now().naive_utc(),
            },
        )
        .unwrap()
    }

    /// Logs in over the JSON API and returns the Bearer token.
    pub async fn api_login(&self, email: &str, password: &str) -> String {
        let res = self
            .client
            .post(self.url("/api/v1/auth/login"))
            .json(&serde_json::json!({"email": email, "password": password}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200, "login of {email} failed");
        res.json::<serde_json::Value>().await.unwrap()["token"]
            .as_str()
            .unwrap()
            .to_string()
    }

    pub async fn send_bearer(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
        body: &serde_json::Value,
    ) -> reqwest::Response {
        self.new_browser()
            .request(method, self.url(path))
            .bearer_auth(token)
            .json(body)
            .send()
            .await
            .unwrap()
    }

    pub async fn get_bearer(&self, path: &str, token: &str) -> reqwest::Response {
        self.new_browser()
            .get(self.url(path))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
    }

    pub fn conn(&self) -> budgetbox::db::connection::PooledDb {
        budgetbox::db::connection::get(&self.pool).expect("test pool has a connection")
    }
}

/// A database that exists for one test.
pub struct TestDatabase {
    pub url: DatabaseUrl,
    _dir: tempfile::TempDir,
    postgres_admin: Option<(String, String)>,
}

impl TestDatabase {
    pub fn create(backend: Backend) -> Option<TestDatabase> {
        let dir = tempfile::tempdir().expect("temp dir");
        match backend {
            Backend::Sqlite => Some(TestDatabase {
                url: DatabaseUrl::sqlite_file(&dir.path().join("test.sqlite")),
                _dir: dir,
                postgres_admin: None,
            }),
            Backend::Postgres => Some(TestDatabase::create_postgres_at(&postgres_url()?)),
        }
    }

    /// A new database on the PostgreSQL server at `admin_url` (dropped afterwards).
    pub fn create_postgres_at(admin_url: &str) -> TestDatabase {
        let name = format!("budgetbox_test_{}", uuid::Uuid::new_v4().simple());
        let mut admin = diesel::PgConnection::establish(admin_url)
            .unwrap_or_else(|e| panic!("cannot reach the test PostgreSQL at {admin_url}: {e}"));
        admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .expect("create test database");
        let url = DatabaseUrl::parse(&with_database(admin_url, &name)).expect("valid test URL");
        TestDatabase {
            url,
            _dir: tempfile::tempdir().expect("temp dir"),
            postgres_admin: Some((admin_url.to_string(), name)),
        }
    }

    /// The URL as the command line takes it (with its password, if any).
    pub fn cli_url(&self) -> String {
        match self.url.backend() {
            budgetbox::config::Backend::Sqlite => self.url.to_string(),
            budgetbox::config::Backend::Postgres => self.url.expose().to_string(),
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Some((admin_url, name)) = &self.postgres_admin {
            if let Ok(mut admin) = diesel::PgConnection::establish(admin_url) {
                let _ =
                    admin.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
            }
        }
    }
}

/// The admin URL with its database name replaced.
fn with_database(url: &str, name: &str) -> String {
    let mut parsed = url::Url::parse(url).expect("BUDGETBOX_TEST_POSTGRES_URL is a URL");
    parsed.set_path(&format!("/{name}"));
    parsed.to_string()
}

fn postgres_url() -> Option<String> {
    required_env("BUDGETBOX_TEST_POSTGRES_URL", "PostgreSQL tests")
}

/// The variables whose absence was already noted.
static NOTICES: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());

/// A variable that tests outside the SQLite core need (a server, a tool). Without it they are
/// skipped with one notice per variable — unless `CI=true`, where they fail: CI never skips.
pub fn required_env(name: &'static str, tests: &str) -> Option<String> {
    match std::env::var(name) {
        Ok(value) if !value.trim().is_empty() => Some(value),
        _ => {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!("CI=true but {name} is not set: {tests} must run in CI");
            }
            let first = NOTICES
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .insert(name);
            if first {
                // Written past the test harness's capture, so it shows once in `cargo test`.
                let _ = writeln!(
                    std::io::stderr(),
                    "note: {tests} were not run (set {name} to run them)"
                );
            }
            None
        }
    }
}

pub async fn spawn_app(backend: Backend) -> Option<TestApp> {
    spawn_app_with_clock(backend, Clock::System).await
}

pub async fn spawn_app_with_clock(backend: Backend, clock: Clock) -> Option<TestApp> {
    spawn_app_with(backend, clock, MailSettings::local(), None).await
}

/// An app that sends its mail to `smtp` (a test mail server), and believes `X-Forwarded-For`
/// from the client when `trusted_proxy` is set (tests that play many residents' addresses).
pub async fn spawn_app_with(
    backend: Backend,
    clock: Clock,
    mail: MailSettings,
    trusted_proxy: Option<std::net::IpAddr>,
) -> Option<TestApp> {
    spawn_app_configured(backend, clock, |settings| {
        settings.mail = mail;
        settings.trusted_proxy = trusted_proxy;
    })
    .await
}

/// An app whose settings `configure` changes before it starts (identity providers…).
pub async fn spawn_app_configured(
    backend: Backend,
    clock: Clock,
    configure: impl FnOnce(&mut Settings),
) -> Option<TestApp> {
    let db = TestDatabase::create(backend)?;
    let secret = SecretKey::generate();
    let settings = Settings {
        database_url: db.url.clone(),
        database_is_default: false,
        data_dir: db._dir.path().to_path_buf(),
        bind: "127.0.0.1:0".into(),
        secret_key: secret.clone(),
        pool_size: 4,
        trusted_proxy: None,
        tls: None,
        mail: MailSettings::local(),
        metrics_token: None,
        map: budgetbox::config::MapSettings::default(),
        identity_providers: Vec::new(),
    };
    let mut settings = settings;
    configure(&mut settings);
    let pool = prepare_database(&settings).expect("test database opens and migrates");
    let app = Application::build(settings, pool.clone(), clock.clone()).expect("test server binds");
    let address = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .build()
        .expect("http client");
    Some(TestApp {
        address,
        clock,
        secret,
        client,
        pool,
        _db: db,
    })
}

/// A second app instance on the same database, secret key and clock (as behind a load
/// balancer); returns its base URL. It runs until the test ends.
pub fn spawn_second_instance(app: &TestApp) -> String {
    spawn_instance_with_secret(app, app.secret.clone())
}

/// Another app instance on the same database and clock, with the given secret key.
pub fn spawn_instance_with_secret(app: &TestApp, secret: SecretKey) -> String {
    spawn_instance(app, secret, MailSettings::local(), None)
}

/// Another app instance on the same database and clock, with its own key, mail and proxy.
pub fn spawn_instance(
    app: &TestApp,
    secret: SecretKey,
    mail: MailSettings,
    trusted_proxy: Option<std::net::IpAddr>,
) -> String {
    let settings = Settings {
        database_url: app._db.url.clone(),
        database_is_default: false,
        data_dir: app._db._dir.path().to_path_buf(),
        bind: "127.0.0.1:0".into(),
        secret_key: secret,
        pool_size: 4,
        trusted_proxy,
        tls: None,
        mail,
        metrics_token: None,
        map: budgetbox::config::MapSettings::default(),
        identity_providers: Vec::new(),
    };
    let pool = prepare_database(&settings).expect("second instance opens the database");
    let second =
        Application::build(settings, pool, app.clock.clone()).expect("second instance binds");
    let address = format!("http://127.0.0.1:{}", second.port());
    tokio::spawn(second.run_until_stopped());
    address
}

/// Loads the demo city into the test app's database.
pub fn load_demo(app: &TestApp) {
    let mut conn = app.conn();
    budgetbox::demo::load(
        &mut conn,
        app.secret.expose(),
        chrono::Utc::now().naive_utc(),
    )
    .expect("demo loads");
}

/// Like `both_backends!`, with the app's clock set by hand from the start.
macro_rules! both_backends_with_clock {
    ($(async fn $name:ident($app:ident) $body:block)*) => {$(
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run($app: $crate::helpers::TestApp) $body

            fn start() -> budgetbox::web::Clock {
                budgetbox::web::Clock::manual(chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap().and_hms_opt(12, 0, 0).unwrap())
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let app = $crate::helpers::spawn_app_with_clock($crate::helpers::Backend::Sqlite, start()).await.expect("SQLite always runs");
                run(app).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(app) = $crate::helpers::spawn_app_with_clock($crate::helpers::Backend::Postgres, start()).await {
                    run(app).await;
                }
            }
        }
    )*};
}

/// Defines each test twice, `NAME::sqlite` and `NAME::postgres`, over a fresh app.
macro_rules! both_backends {
    ($(async fn $name:ident($app:ident) $body:block)*) => {$(
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run($app: $crate::helpers::TestApp) $body

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let app = $crate::helpers::spawn_app($crate::helpers::Backend::Sqlite).await.expect("SQLite always runs");
                run(app).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(app) = $crate::helpers::spawn_app($crate::helpers::Backend::Postgres).await {
                    run(app).await;
                }
            }
        }
    )*};
}

/// A feasible project of a round (cost in cents), written directly.
pub fn feasible_project(
    conn: &mut budgetbox::db::DbConnection,
    round: i64,
    district: Option<i64>,
    title: &str,
    cost: i64,
) -> i64 {
    let now = chrono::Utc::now().naive_utc();
    budgetbox::db::models::proposal::insert(
        conn,
        &budgetbox::db::models::proposal::NewProposal {
            round_id: round,
            district_id: district,
            author_id: None,
            title,
            description: "d",
            category: None,
            location: None,
            estimated_cost: cost,
            validated_cost: Some(cost),
            status: "feasible",
            created_at: now,
            updated_at: now,
        },
    )
    .expect("project stored")
}

/// A council account that cannot log in, for tests that set a round up directly.
pub fn staff_account(conn: &mut budgetbox::db::DbConnection) -> i64 {
    budgetbox::db::models::user::insert(
        conn,
        &budgetbox::db::models::user::NewUser {
            email: "staff@example.org",
            display_name: "staff",
            password_hash: "!",
            role: "council",
            gender: None,
            birth_year: None,
            district_id: None,
            created_at: chrono::Utc::now().naive_utc(),
        },
    )
    .unwrap()
}
