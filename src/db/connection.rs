//! Connections to either backend behind one type, and the r2d2 pool. The backend is chosen at
//! run time from the URL; SQLite connections get their durability pragmas here, once each.

use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::r2d2::{ManageConnection, Pool, PooledConnection, R2D2Connection};

use crate::config::{Backend, DatabaseUrl};

#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Postgres(diesel::PgConnection),
    Sqlite(diesel::SqliteConnection),
}

pub type DbPool = Pool<ConnectionManager>;
pub type PooledDb = PooledConnection<ConnectionManager>;

/// Writers queue instead of failing at once (busy_timeout, first: switching to WAL needs a
/// lock that a VACUUM may hold); an acknowledged write must survive a crash
/// (synchronous=FULL); readers never block the writer (WAL); deleted content is
/// zeroed where that costs no extra write (secure_delete=FAST; `compact` does the rest).
const SQLITE_PRAGMAS: &str = "PRAGMA busy_timeout = 10000;
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
PRAGMA foreign_keys = ON;
PRAGMA secure_delete = FAST;";

#[derive(Clone, Debug)]
pub struct ConnectionManager {
    url: DatabaseUrl,
}

impl ConnectionManager {
    pub fn new(url: DatabaseUrl) -> Self {
        ConnectionManager { url }
    }
}

impl ManageConnection for ConnectionManager {
    type Connection = DbConnection;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<DbConnection, Self::Error> {
        use diesel::r2d2::Error;
        match self.url.backend() {
            Backend::Postgres => diesel::PgConnection::establish(self.url.expose())
                .map(DbConnection::Postgres)
                .map_err(Error::ConnectionError),
            Backend::Sqlite => {
                let mut conn = diesel::SqliteConnection::establish(self.url.expose())
                    .map_err(Error::ConnectionError)?;
                conn.batch_execute(SQLITE_PRAGMAS)
                    .map_err(Error::QueryError)?;
                Ok(DbConnection::Sqlite(conn))
            }
        }
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), Self::Error> {
        conn.ping()
            .map(|_| ())
            .map_err(diesel::r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        conn.is_broken()
    }
}

/// Builds the pool and checks that one connection can be made, so a wrong URL or an
/// unreachable server is reported at start-up in one line.
pub fn connect_pool(url: &DatabaseUrl, max_size: u32) -> Result<DbPool, String> {
    let manager = ConnectionManager::new(url.clone());
    // Open one connection by hand first: r2d2 only reports "timed out" when it cannot.
    manager
        .connect()
        .map_err(|e| describe_connect_error(url, &e))?;
    // Every connection is opened here, before the server takes requests, and reopened in the
    // background whenever one breaks. Opened on demand instead, the first voters after a start
    // (or a crash, or a database restart) wait for PostgreSQL to start a backend per
    // connection, a few at a time: on the 2-core machine the first 32 ballots took ~58 ms.
    let builder = || {
        Pool::builder()
            .max_size(max_size)
            .min_idle(Some(max_size))
            .connection_timeout(Duration::from_secs(5))
    };
    match builder().build(manager) {
        Ok(pool) => Ok(pool),
        // A server short of connection slots, or slow to start backends, still serves with
        // fewer; the pool keeps opening the rest in the background.
        Err(e) => {
            tracing::warn!(error = %e, "not every database connection opened in 5 s; starting with fewer");
            Ok(builder().build_unchecked(ConnectionManager::new(url.clone())))
        }
    }
}

fn describe_connect_error(url: &DatabaseUrl, e: &diesel::r2d2::Error) -> String {
    let detail = e.to_string();
    let detail = detail.lines().next().unwrap_or("").trim();
    match url.backend() {
        Backend::Sqlite => format!(
            "cannot open the SQLite database at {}: {detail}",
            url.expose()
        ),
        Backend::Postgres => format!("cannot connect to PostgreSQL at {url}: {detail}"),
    }
}

/// Runs one statement that only exists per backend (upserts and the like): the expression is
/// written once and type-checked against each inner connection.
#[macro_export]
macro_rules! on_each_backend {
    ($conn:expr, |$c:ident| $body:expr) => {
        match $conn {
            $crate::db::DbConnection::Sqlite($c) => $body,
            $crate::db::DbConnection::Postgres($c) => $body,
        }
    };
}

/// SQLite has one writer at a time. Writers of this process queue on this lock instead of on
/// SQLite's busy handler, which sleeps in growing steps and turns contention into long tails.
static SQLITE_WRITER: std::sync::Mutex<()> = std::sync::Mutex::new(());

thread_local! {
    /// Set while this thread holds `SQLITE_WRITER`, so a nested write does not wait on itself.
    static HOLDS_SQLITE_WRITER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` in a write transaction. On SQLite the transaction takes the write lock up front
/// (BEGIN IMMEDIATE), after the process-wide writer lock, so writers queue instead of failing
/// on upgrade or sleeping in the busy handler.
pub fn write_transaction<T, E, F>(conn: &mut DbConnection, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    match conn {
        DbConnection::Sqlite(_) => with_sqlite_writer(|| sqlite_immediate(conn, f)),
        DbConnection::Postgres(_) => conn.transaction(f),
    }
}

/// Runs `f` holding this process's SQLite writer lock but outside any transaction (VACUUM and
/// checkpoints cannot run inside one). A no-op guard on PostgreSQL callers.
pub fn with_sqlite_writer<T>(f: impl FnOnce() -> T) -> T {
    let nested = HOLDS_SQLITE_WRITER.with(|h| h.get());
    let _guard = if nested {
        None
    } else {
        let guard = SQLITE_WRITER
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        HOLDS_SQLITE_WRITER.with(|h| h.set(true));
        Some(guard)
    };
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    if !nested {
        HOLDS_SQLITE_WRITER.with(|h| h.set(false));
    }
    result.unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

fn sqlite_immediate<T, E, F>(conn: &mut DbConnection, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    conn.batch_execute("BEGIN IMMEDIATE")?;
    // A panic rolls back too, or the pooled connection would go back holding the write lock.
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(conn)));
    match outcome {
        Ok(Ok(value)) => {
            conn.batch_execute("COMMIT")?;
            Ok(value)
        }
        Ok(Err(e)) => {
            let _ = conn.batch_execute("ROLLBACK");
            Err(e)
        }
        Err(panic) => {
            let _ = conn.batch_execute("ROLLBACK");
            std::panic::resume_unwind(panic)
        }
    }
}
