//! Builds the HTTP server from settings: binds the listener first, so the caller (and the
//! tests, on port 0) learn the real port before serving.

use std::net::TcpListener;

use actix_web::dev::Server;
use actix_web::middleware::from_fn;
use actix_web::{web, App, HttpServer};

use crate::config::Settings;
use crate::db::{self, DbPool};
use crate::web::{middleware, routes, AppState, Clock};

/// Largest request body accepted anywhere; larger ones get 413 before parsing.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

pub struct Application {
    port: u16,
    public_url: String,
    server: Server,
}

/// Opens the database and applies pending migrations.
pub fn prepare_database(settings: &Settings) -> Result<DbPool, String> {
    let pool = db::connect_pool(&settings.database_url, settings.pool_size)?;
    let mut conn = db::connection::get(&pool)
        .map_err(|e| format!("cannot open the database {}: {e}", settings.database_url))?;
    db::migrations::run_pending(&mut conn)
        .map_err(|e| format!("cannot migrate the database {}: {e}", settings.database_url))?;
    Ok(pool)
}

impl Application {
    pub fn build(mut settings: Settings, pool: DbPool, clock: Clock) -> Result<Self, String> {
        let listener = TcpListener::bind(&settings.bind)
            .map_err(|e| format!("cannot listen on {}: {e}", settings.bind))?;
        let address = listener
            .local_addr()
            .map_err(|e| format!("cannot listen on {}: {e}", settings.bind))?;
        let port = address.port();
        if settings.mail.public_url.is_none() {
            let scheme = if settings.tls.is_some() {
                "https"
            } else {
                "http"
            };
            let host = match address.ip() {
                ip if ip.is_unspecified() => "127.0.0.1".to_string(),
                std::net::IpAddr::V6(ip) => format!("[{ip}]"),
                ip => ip.to_string(),
            };
            settings.mail.public_url = Some(format!("{scheme}://{host}:{port}"));
        }
        let public_url = settings.mail.public_url.clone().unwrap_or_default();

        let tls = match &settings.tls {
            Some(files) => Some(crate::web::tls::server_config(files)?),
            None => None,
        };
        let key_mismatch = {
            let mut conn =
                db::connection::get(&pool).map_err(|e| format!("cannot open the database: {e}"))?;
            crate::domain::installation::key_mismatch(&mut conn, settings.secret_key.expose())
                .map_err(|e| format!("cannot read the database: {e}"))?
        };
        if let Some(why) = &key_mismatch {
            tracing::error!("refusing to serve: {why}");
        }
        let leaving_to: Vec<String> = settings
            .identity_providers
            .iter()
            .filter_map(|p| p.origin())
            .collect();
        let csp =
            middleware::content_security_policy(settings.map.origin().as_deref(), &leaving_to);
        let (mail, data_dir) = (settings.mail.clone(), settings.data_dir.clone());
        let state = web::Data::new(AppState::new(pool.clone(), clock, settings, key_mismatch));
        let alive = std::sync::Arc::downgrade(&state.clone().into_inner());
        crate::mail::start(pool, mail, data_dir, move || alive.strong_count() > 0)?;
        spawn_checkpointer(std::sync::Arc::downgrade(&state.clone().into_inner()));
        let server = HttpServer::new(move || {
            App::new()
                .app_data(state.clone())
                .app_data(middleware::json_config())
                .app_data(web::PayloadConfig::new(MAX_BODY_BYTES))
                .app_data(web::FormConfig::default().limit(MAX_BODY_BYTES))
                .wrap(from_fn(middleware::refuse_with_foreign_key))
                .wrap(from_fn(middleware::negotiate_errors))
                .wrap(from_fn(middleware::cookies_and_cache))
                .wrap(from_fn(middleware::same_origin_writes))
                .wrap(middleware::security_headers(&csp))
                .wrap(from_fn(middleware::head_as_get))
                .wrap(from_fn(middleware::request_log))
                .configure(routes::configure)
                .default_service(web::to(middleware::not_found))
        });
        let server = match tls {
            Some(config) => server.listen_rustls_0_23(listener, config),
            None => server.listen(listener),
        }
        .map_err(|e| format!("cannot start the server: {e}"))?
        .run();
        Ok(Application {
            port,
            public_url,
            server,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The base of links in messages: `--public-url`, or the address the server listens on.
    pub fn public_url(&self) -> &str {
        &self.public_url
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

/// How often a serving instance looks for rounds whose voting has closed.
const AUTO_COUNT_EVERY: std::time::Duration = std::time::Duration::from_secs(30);
/// Ballots still in flight at the closing time get this long to be written or refused before
/// the automatic count; the count locks the round, so none can be appended after it anyway.
const AUTO_COUNT_GRACE: chrono::Duration = chrono::Duration::seconds(60);
/// A round that could not be counted is tried again after this long (the council sees why).
const AUTO_COUNT_RETRY: std::time::Duration = std::time::Duration::from_secs(600);

/// How often the board's tree is brought up to date and a new head signed.
const CHECKPOINT_EVERY: std::time::Duration = std::time::Duration::from_millis(250);

/// Extends every round's Merkle tree with the entries written since its last signed head, on
/// a thread of its own (ballots never wait for it), until the app stops.
fn spawn_checkpointer(state: std::sync::Weak<AppState>) {
    let spawned = std::thread::Builder::new()
        .name("board-checkpoint".into())
        .spawn(move || loop {
            std::thread::sleep(CHECKPOINT_EVERY);
            let Some(state) = state.upgrade() else { return };
            if state.key_mismatch.is_some() || state.database_health.is_down() {
                continue;
            }
            let key = crate::auth::audit_signing_key(state.settings.secret_key.expose());
            let now = state.clock.now();
            let done = db::connection::get(&state.pool)
                .map_err(|e| e.to_string())
                .and_then(|mut conn| {
                    crate::domain::board_tree::checkpoint_all(&mut conn, &key, now)
                        .map_err(|e| e.to_string())
                });
            if let Err(e) = done {
                tracing::warn!(error = %e, "the board's tree head could not be signed; will retry");
            }
        });
    if let Err(e) = spawned {
        tracing::error!(error = %e, "cannot start the board checkpointer; receipts have no tree proof");
    }
}

/// Counts each round automatically once its voting closes, on a background thread of its own
/// so the web workers never wait for a tally. Every instance runs one; they do not collide.
pub fn spawn_auto_count(pool: DbPool, settings: Settings, clock: Clock) {
    let mailing = crate::domain::notifications::Mailing {
        public_url: settings.mail.public_url.clone().unwrap_or_default(),
        secret: settings.secret_key.expose().to_vec(),
    };
    let secret = settings.secret_key;
    let spawned = std::thread::Builder::new()
        .name("auto-count".into())
        .spawn(move || {
            let mut failed: std::collections::HashMap<i64, std::time::Instant> =
                std::collections::HashMap::new();
            loop {
                failed.retain(|_, at| at.elapsed() < AUTO_COUNT_RETRY);
                let skip = failed.keys().copied().collect();
                let now = clock.now() - AUTO_COUNT_GRACE;
                let outcomes = db::connection::get(&pool)
                    .map_err(|e| e.to_string())
                    .and_then(|mut conn| {
                        crate::domain::closing::count_closed_rounds(
                            &mut conn,
                            secret.expose(),
                            now,
                            &skip,
                        )
                            .map_err(|e| e.to_string())
                    });
                if let Ok(mut conn) = crate::db::connection::get(&pool) {
                    let now = clock.now();
                    if let Err(e) =
                        crate::domain::notifications::round_news_due(&mut conn, &mailing, now)
                    {
                        tracing::warn!(error = %e, "round news could not be written to the outbox; will retry");
                    }
                    if let Err(e) = crate::domain::account_mail::forget_expired_links(&mut conn, now) {
                        tracing::warn!(error = %e, "expired mail links could not be forgotten; will retry");
                    }
                }
                match outcomes {
                    Ok(outcomes) => {
                        for (round, outcome) in outcomes {
                            match outcome {
                                Ok(took) => {
                                    crate::metrics::observe_tally(took.as_secs_f64());
                                    tracing::info!(round, "counted a round whose voting closed")
                                }
                                Err(e) => {
                                    tracing::warn!(round, error = %e, "cannot count a closed round; retrying later");
                                    failed.insert(round, std::time::Instant::now());
                                }
                            }
                        }
                    }
                    Err(e) => tracing::warn!(error = %e, "automatic counting failed; will retry"),
                }
                std::thread::sleep(AUTO_COUNT_EVERY);
            }
        });
    if let Err(e) = spawned {
        tracing::error!(error = %e, "cannot start automatic counting; rounds must be counted by the council");
    }
}
