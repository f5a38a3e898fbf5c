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
/// zeroed where that costs no extra write (secure_delete=FAST; `compact` does the rest); reads
/// come from the file mapped in memory, shared by every connection, instead of a copy per
/// connection and a system call per page (mmap_size, up to 1 GiB of the file).
const SQLITE_PRAGMAS: &str = "PRAGMA busy_timeout = 10000;
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
PRAGMA foreign_keys = ON;
PRAGMA secure_delete = FAST;
PRAGMA mmap_size = 1073741824;";

#[derive(Clone, Debug)]
pub struct ConnectionManager {
    url: DatabaseUrl,
    /// Kept alive by the pool that owns this manager; the prober stops when it goes.
    _health: std::sync::Arc<Health>,
}

impl ConnectionManager {
    pub fn new(url: DatabaseUrl) -> Self {
        let health = health_of(&url);
        ConnectionManager {
            url,
            _health: health,
        }
    }
}

/// Whether the database answers, as one prober per database sees it every `PROBE_EVERY`.
/// While it does not, taking a connection fails at once instead of waiting out the pool's
/// timeout, so a request during an outage gets its 503 in a fraction of a second; once the
/// database answers again, the pool reconnects within `RECONNECT_AT_MOST`.
#[derive(Debug, Default)]
pub struct Health {
    down: std::sync::atomic::AtomicBool,
    /// How many times the database came back after not answering: a connection checked
    /// before the last return may have been cut, so it is asked again before use.
    returns: std::sync::atomic::AtomicU64,
}

impl Health {
    pub fn is_down(&self) -> bool {
        self.down.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn returns(&self) -> u64 {
        self.returns.load(std::sync::atomic::Ordering::Acquire)
    }

    fn set_down(&self, down: bool) {
        let was = self.down.swap(down, std::sync::atomic::Ordering::Relaxed);
        if was && !down {
            self.returns
                .fetch_add(1, std::sync::atomic::Ordering::Release);
        }
        if was != down {
            if down {
                tracing::error!(
                    "the database does not answer; requests are refused at once until it does"
                );
            } else {
                tracing::warn!("the database answers again");
            }
        }
    }
}

const PROBE_EVERY: Duration = Duration::from_millis(200);
/// How long a request waits for a connection while the database answers (a busy pool).
const CHECKOUT_WAIT: Duration = Duration::from_secs(5);
/// The pool's own timeout, which also caps the pause between its reconnection attempts at half
/// of it (r2d2 doubles the pause after each failure up to that).
const RECONNECT_AT_MOST: Duration = Duration::from_millis(800);
/// Requests wait for a connection in slices of this, looking at the database's health between.
const CHECKOUT_SLICE: Duration = Duration::from_millis(150);

/// One `Health` per database URL in this process, shared by its pools (a second app instance
/// in tests), probed by one thread while any pool on it lives.
static HEALTH: std::sync::Mutex<Vec<(String, std::sync::Weak<Health>)>> =
    std::sync::Mutex::new(Vec::new());

/// The health of the database at `url` (its prober starts with the first pool on it).
pub fn health_of(url: &DatabaseUrl) -> std::sync::Arc<Health> {
    let mut all = HEALTH.lock().unwrap_or_else(|p| p.into_inner());
    all.retain(|(_, weak)| weak.strong_count() > 0);
    if let Some(health) = all
        .iter()
        .find(|(u, _)| u == url.expose())
        .and_then(|(_, weak)| weak.upgrade())
    {
        return health;
    }
    let health = std::sync::Arc::new(Health::default());
    all.push((url.expose().to_string(), std::sync::Arc::downgrade(&health)));
    if url.backend() == Backend::Postgres {
        start_prober(url.clone(), std::sync::Arc::downgrade(&health));
    }
    health
}

/// Pings the database on a connection of its own every `PROBE_EVERY` (reconnecting as
/// needed), until no pool uses this database any more.
fn start_prober(url: DatabaseUrl, health: std::sync::Weak<Health>) {
    let spawned = std::thread::Builder::new()
        .name("database-prober".into())
        .spawn(move || {
            let mut conn: Option<diesel::PgConnection> = None;
            loop {
                std::thread::sleep(PROBE_EVERY);
                let Some(health) = health.upgrade() else {
                    return;
                };
                if conn.is_none() {
                    conn = diesel::PgConnection::establish(url.expose()).ok();
                }
                let answered = conn
                    .as_mut()
                    .is_some_and(|c| c.batch_execute("SELECT 1").is_ok());
                if !answered {
                    conn = None;
                }
                health.set_down(!answered);
            }
        });
    if let Err(e) = spawned {
        tracing::error!(error = %e, "cannot start the database prober; outages wait out the pool's timeout");
    }
}

/// A connection, waiting up to `CHECKOUT_WAIT` for a free one (for work that may wait out
/// an outage: start-up, background jobs, tools). It is asked whether it is alive first.
pub fn get(pool: &DbPool) -> Result<PooledDb, diesel::r2d2::PoolError> {
    let deadline = std::time::Instant::now() + CHECKOUT_WAIT;
    loop {
        let wait = deadline.saturating_duration_since(std::time::Instant::now());
        let mut conn = pool.get_timeout(wait)?;
        if still_alive(&mut conn, None) {
            return Ok(conn);
        }
    }
}

/// Why no connection was handed out.
#[derive(Debug, thiserror::Error)]
pub enum CheckoutError {
    #[error("the database does not answer")]
    Down,
    #[error("no database connection became free in time: {0}")]
    Busy(#[from] diesel::r2d2::PoolError),
}

/// A connection from the pool: at once, or a refusal at once while the database is down;
/// otherwise waiting up to `CHECKOUT_WAIT` for a free one (looking again at the database's
/// health every slice, so a request caught by an outage does not wait it out).
///
/// A connection is asked whether it is alive (a round trip) only when it is new, when the
/// database has come back since it was last asked, or after its last use failed (`distrust`):
/// the pool's own test on every checkout would cost each request a round trip to the database.
pub fn checkout(pool: &DbPool, health: &Health) -> Result<PooledDb, CheckoutError> {
    let deadline = std::time::Instant::now() + CHECKOUT_WAIT;
    loop {
        let mut conn = if health.is_down() {
            pool.try_get().ok_or(CheckoutError::Down)?
        } else {
            match pool.get_timeout(CHECKOUT_SLICE) {
                Ok(conn) => conn,
                Err(e) if std::time::Instant::now() >= deadline => return Err(e.into()),
                Err(_) => continue,
            }
        };
        if still_alive(&mut conn, Some(health.returns())) {
            return Ok(conn);
        }
    }
}

/// The database's count of returns when this connection last answered.
struct Answered(u64);

/// Whether `conn` answers: asked unless it answered since the database last came back
/// (`returns`; `None` asks always). One that does not is marked broken, so the pool drops it
/// when it comes back and opens another.
fn still_alive(conn: &mut PooledDb, returns: Option<u64>) -> bool {
    let answered = PooledConnection::extensions(conn).get::<Answered>();
    if returns.is_some() && answered.map(|a| a.0) == returns {
        return true;
    }
    if conn.ping().is_ok() {
        let now = returns.unwrap_or(0);
        PooledConnection::extensions_mut(conn).insert(Answered(now));
        return true;
    }
    mark_broken(conn);
    false
}

/// After a failed use: the connection is asked whether it is alive before its next one.
pub fn distrust(conn: &mut PooledDb) {
    PooledConnection::extensions_mut(conn).remove::<Answered>();
}

fn mark_broken(conn: &mut DbConnection) {
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    match conn {
        DbConnection::Postgres(c) => {
            AnsiTransactionManager::transaction_manager_status_mut(c).set_in_error()
        }
        DbConnection::Sqlite(c) => {
            AnsiTransactionManager::transaction_manager_status_mut(c).set_in_error()
        }
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
            .connection_timeout(RECONNECT_AT_MOST)
            // `checkout` and `get` ask a connection whether it is alive when that is in doubt.
            .test_on_check_out(false)
    };
    match builder().build(manager) {
        Ok(pool) => Ok(pool),
        // A server short of connection slots, or slow to start backends, still serves with
        // fewer; the pool keeps opening the rest in the background.
        Err(e) => {
            tracing::warn!(error = %e, "not every database connection opened at once; starting with fewer");
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

/// SQLite has one writer per database file. Writers of this process queue on that file's lock
/// instead of on SQLite's busy handler, which sleeps in growing steps and turns contention into
/// long tails. The lock cannot travel inside the connection (diesel's `MultiConnection` wants
/// the bare `SqliteConnection`), so it is found by the file's path: two databases never wait on
/// each other, and every pool on one file shares its queue.
static SQLITE_WRITERS: std::sync::Mutex<Vec<(String, std::sync::Arc<std::sync::Mutex<()>>)>> =
    std::sync::Mutex::new(Vec::new());

thread_local! {
    /// The files whose writer lock this thread holds, so a nested write does not wait on itself.
    static HELD_BY_THIS_THREAD: std::cell::RefCell<Vec<String>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

#[derive(QueryableByName)]
struct MainFile {
    #[diesel(sql_type = diesel::sql_types::Text)]
    file: String,
}

/// The path of the file an SQLite connection writes to ("" for an in-memory database).
fn sqlite_file(conn: &mut diesel::SqliteConnection) -> String {
    diesel::sql_query("SELECT file FROM pragma_database_list WHERE name = 'main'")
        .get_result::<MainFile>(conn)
        .map(|row| row.file)
        .unwrap_or_default()
}

fn writer_lock(file: &str) -> std::sync::Arc<std::sync::Mutex<()>> {
    let mut writers = SQLITE_WRITERS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some((_, lock)) = writers.iter().find(|(path, _)| path == file) {
        return lock.clone();
    }
    let lock = std::sync::Arc::new(std::sync::Mutex::new(()));
    writers.push((file.to_string(), lock.clone()));
    lock
}

/// Runs `f` in a write transaction. On SQLite the transaction takes the write lock up front
/// (BEGIN IMMEDIATE), after this process's lock for the file, so writers queue instead of
/// failing on upgrade or sleeping in the busy handler.
pub fn write_transaction<T, E, F>(conn: &mut DbConnection, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    match conn {
        DbConnection::Sqlite(_) => with_sqlite_writer(conn, |conn| sqlite_immediate(conn, f)),
        DbConnection::Postgres(_) => conn.transaction(f),
    }
}

/// Runs `f` holding this process's writer lock for the connection's SQLite file, but outside any
/// transaction (VACUUM and checkpoints cannot run inside one). On PostgreSQL it just runs `f`.
pub fn with_sqlite_writer<T>(conn: &mut DbConnection, f: impl FnOnce(&mut DbConnection) -> T) -> T {
    let DbConnection::Sqlite(lite) = conn else {
        return f(conn);
    };
    let file = sqlite_file(lite);
    let nested = HELD_BY_THIS_THREAD.with(|held| held.borrow().contains(&file));
    if nested {
        return f(conn);
    }
    let lock = writer_lock(&file);
    let _guard = lock.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    HELD_BY_THIS_THREAD.with(|held| held.borrow_mut().push(file.clone()));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(conn)));
    HELD_BY_THIS_THREAD.with(|held| held.borrow_mut().retain(|path| path != &file));
    result.unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

thread_local! {
    /// The connections (by address) this thread has an open write transaction on, so that a
    /// write transaction inside another becomes a savepoint instead of a second BEGIN.
    static IN_WRITE_TRANSACTION: std::cell::RefCell<Vec<usize>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

fn sqlite_immediate<T, E, F>(conn: &mut DbConnection, f: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    let key = conn as *const DbConnection as usize;
    let depth =
        IN_WRITE_TRANSACTION.with(|open| open.borrow().iter().filter(|k| **k == key).count());
    let (begin, commit, rollback) = if depth == 0 {
        (
            "BEGIN IMMEDIATE".to_string(),
            "COMMIT".to_string(),
            "ROLLBACK".to_string(),
        )
    } else {
        // Inner work that fails is undone alone, as diesel's nested transactions do.
        let name = format!("budgetbox_nested_{depth}");
        (
            format!("SAVEPOINT {name}"),
            format!("RELEASE {name}"),
            format!("ROLLBACK TO {name}; RELEASE {name}"),
        )
    };
    conn.batch_execute(&begin)?;
    IN_WRITE_TRANSACTION.with(|open| open.borrow_mut().push(key));
    // A panic rolls back too, or the pooled connection would go back holding the write lock.
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(conn)));
    IN_WRITE_TRANSACTION.with(|open| {
        let mut open = open.borrow_mut();
        if let Some(at) = open.iter().rposition(|k| *k == key) {
            open.remove(at);
        }
    });
    match outcome {
        Ok(Ok(value)) => {
            conn.batch_execute(&commit)?;
            Ok(value)
        }
        Ok(Err(e)) => {
            let _ = conn.batch_execute(&rollback);
            Err(e)
        }
        Err(panic) => {
            let _ = conn.batch_execute(&rollback);
            std::panic::resume_unwind(panic)
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::time::Duration;

    use super::*;

    fn sqlite_pool(dir: &std::path::Path, name: &str) -> DbPool {
        connect_pool(&DatabaseUrl::sqlite_file(&dir.join(name)), 2).expect("pool")
    }

    /// A write transaction inside another is a savepoint: the inner one's failure undoes only
    /// its own work, and the outer commit keeps the rest.
    #[test]
    fn write_transactions_nest() {
        let dir = tempfile::tempdir().unwrap();
        let pool = sqlite_pool(dir.path(), "nest.sqlite3");
        let mut conn = crate::db::connection::get(&pool).unwrap();
        conn.batch_execute("CREATE TABLE t (n INTEGER)").unwrap();
        let result: Result<(), diesel::result::Error> = write_transaction(&mut conn, |conn| {
            conn.batch_execute("INSERT INTO t VALUES (1)")?;
            let inner: Result<(), diesel::result::Error> = write_transaction(conn, |conn| {
                conn.batch_execute("INSERT INTO t VALUES (2)")?;
                Err(diesel::result::Error::RollbackTransaction)
            });
            assert!(inner.is_err());
            write_transaction(conn, |conn| conn.batch_execute("INSERT INTO t VALUES (3)"))
        });
        result.unwrap();
        #[derive(QueryableByName)]
        struct N {
            #[diesel(sql_type = diesel::sql_types::Integer)]
            n: i32,
        }
        let rows: Vec<N> = diesel::sql_query("SELECT n FROM t ORDER BY n")
            .load(&mut *conn)
            .unwrap();
        assert_eq!(rows.iter().map(|r| r.n).collect::<Vec<_>>(), vec![1, 3]);
    }

    /// While a writer holds one database, a write to another database goes straight through; a
    /// second pool on the same file queues behind the first.
    #[test]
    fn writers_queue_per_database_file_not_per_process() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b, a_again) = (
            sqlite_pool(dir.path(), "a.sqlite3"),
            sqlite_pool(dir.path(), "b.sqlite3"),
            sqlite_pool(dir.path(), "a.sqlite3"),
        );
        let (held, release) = (mpsc::channel(), mpsc::channel::<()>());
        let holder = std::thread::spawn(move || {
            let mut conn = a.get().unwrap();
            write_transaction(&mut conn, |_| -> Result<(), diesel::result::Error> {
                held.0.send(()).unwrap();
                release.1.recv().unwrap();
                Ok(())
            })
        });
        held.1.recv().unwrap();

        let (other_tx, other_rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut conn = b.get().unwrap();
            let result =
                write_transaction(&mut conn, |c| c.batch_execute("CREATE TABLE t (x INTEGER)"));
            other_tx.send(result.is_ok()).unwrap();
        });
        let other = other_rx.recv_timeout(Duration::from_secs(5));
        if other.is_err() {
            release.0.send(()).unwrap();
        }
        assert_eq!(
            other,
            Ok(true),
            "a write to another database waited for this one"
        );

        let (done_tx, done_rx) = mpsc::channel();
        let same_file = std::thread::spawn(move || {
            let mut conn = a_again.get().unwrap();
            let result =
                write_transaction(&mut conn, |c| c.batch_execute("CREATE TABLE t (x INTEGER)"));
            done_tx.send(()).unwrap();
            result
        });
        assert!(
            done_rx.recv_timeout(Duration::from_millis(300)).is_err(),
            "a second writer on the same file did not queue"
        );
        release.0.send(()).unwrap();
        holder.join().unwrap().unwrap();
        same_file.join().unwrap().unwrap();
    }
}
