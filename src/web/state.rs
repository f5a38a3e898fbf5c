//! What every handler can reach: the pool, the clock, the settings.

use std::sync::Arc;

use chrono::NaiveDateTime;

use tokio::sync::Semaphore;

use crate::auth::token::TokenKeys;
use crate::config::Settings;
use crate::db::{DbConnection, DbPool};
use crate::error::{AppError, AppResult};

/// The time source. Tests set it by hand to move a round through its phases.
#[derive(Clone)]
pub enum Clock {
    System,
    Manual(Arc<std::sync::RwLock<NaiveDateTime>>),
}

impl Clock {
    pub fn manual(start: NaiveDateTime) -> Self {
        Clock::Manual(Arc::new(std::sync::RwLock::new(start)))
    }

    pub fn now(&self) -> NaiveDateTime {
        match self {
            Clock::System => chrono::Utc::now().naive_utc(),
            Clock::Manual(t) => *t.read().unwrap_or_else(|poisoned| poisoned.into_inner()),
        }
    }

    /// Moves a manual clock; the system clock cannot be set.
    pub fn set(&self, to: NaiveDateTime) {
        if let Clock::Manual(t) = self {
            *t.write().unwrap_or_else(|poisoned| poisoned.into_inner()) = to;
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    pub pool: DbPool,
    pub clock: Clock,
    pub settings: Arc<Settings>,
    pub tokens: TokenKeys,
    /// Caps concurrent argon2 work so a login flood cannot take every CPU from voting.
    pub hash_slots: Arc<Semaphore>,
    /// Links in messages, and the key of their unsubscribe links.
    pub mailing: crate::domain::notifications::Mailing,
    /// Writes ballots in group commits (see `ballot_box`).
    pub ballot_box: super::ballot_box::BallotBox,
    /// What ballots are checked against, kept while a round is voting.
    pub ballot_papers: std::sync::Arc<crate::domain::ballots::BallotPapers>,
    /// Why this instance refuses to serve: its secret key is not the installation's.
    pub key_mismatch: Option<Arc<String>>,
    /// Whether the database answers (requests are refused at once while it does not).
    pub database_health: Arc<crate::db::connection::Health>,
    /// The city's identity providers residents may sign in with.
    pub identity_providers: Arc<crate::auth::oidc::IdentityProviders>,
}

/// How long a login waits for a free hashing slot before being told to retry.
const HASH_SLOT_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

impl AppState {
    pub fn new(
        pool: DbPool,
        clock: Clock,
        settings: Settings,
        key_mismatch: Option<String>,
    ) -> Self {
        let slots = std::thread::available_parallelism().map_or(1, |n| n.get().div_ceil(2));
        let mailing = crate::domain::notifications::Mailing {
            public_url: settings.mail.public_url.clone().unwrap_or_default(),
            secret: settings.secret_key.expose().to_vec(),
        };
        let identity_providers = Arc::new(crate::auth::oidc::IdentityProviders::new(
            &settings.identity_providers,
        ));
        if !settings.identity_providers.is_empty() {
            if let Ok(runtime) = tokio::runtime::Handle::try_current() {
                runtime.spawn(identity_providers.clone().discover_until_known());
            }
        }
        let database_health = crate::db::connection::health_of(&settings.database_url);
        AppState {
            ballot_box: super::ballot_box::BallotBox::start(pool.clone(), database_health.clone()),
            ballot_papers: Default::default(),
            database_health,
            identity_providers,
            tokens: TokenKeys::new(settings.secret_key.expose()),
            pool,
            clock,
            settings: Arc::new(settings),
            hash_slots: Arc::new(Semaphore::new(slots)),
            mailing,
            key_mismatch: key_mismatch.map(Arc::new),
        }
    }

    /// Like `db`, for work that hashes a password: waits for one of the few hashing slots.
    pub async fn db_hashing<T, F>(&self, f: F) -> AppResult<T>
    where
        F: FnOnce(&mut DbConnection) -> AppResult<T> + Send + 'static,
        T: Send + 'static,
    {
        let permit = tokio::time::timeout(HASH_SLOT_WAIT, self.hash_slots.clone().acquire_owned())
            .await
            .map_err(|_| AppError::Unavailable("every password-hashing slot is busy".into()))?
            .map_err(AppError::internal)?;
        let result = self.db(f).await;
        drop(permit);
        result
    }

    /// The address residents reach the site at, without a trailing slash (`--public-url`, or
    /// the address served: `Application::build` always sets it).
    pub fn public_url(&self) -> &str {
        self.settings
            .mail
            .public_url
            .as_deref()
            .unwrap_or_default()
            .trim_end_matches('/')
    }

    /// Runs blocking database work off the async workers.
    pub async fn db<T, F>(&self, f: F) -> AppResult<T>
    where
        F: FnOnce(&mut DbConnection) -> AppResult<T> + Send + 'static,
        T: Send + 'static,
    {
        use tracing::Instrument;
        let (pool, health) = (self.pool.clone(), self.database_health.clone());
        actix_web::web::block(move || {
            crate::metrics::waiting_for_connection(1);
            let checkout = tracing::debug_span!("db.checkout").entered();
            let conn = crate::db::connection::checkout(&pool, &health);
            drop(checkout);
            crate::metrics::waiting_for_connection(-1);
            let mut conn = conn.map_err(|e| AppError::Unavailable(Box::new(e)))?;
            let done = f(&mut conn);
            if done.is_err() {
                crate::db::connection::distrust(&mut conn);
            }
            done
        })
        .instrument(tracing::debug_span!("db.request"))
        .await?
    }
}
