//! Embedded migrations, one folder per backend. Several app instances may start at once on
//! one Postgres: an advisory lock makes them take turns.

use diesel::connection::SimpleConnection;
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

use super::connection::DbConnection;

pub const SQLITE: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
pub const POSTGRES: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// An arbitrary constant shared by every budgetbox instance.
const MIGRATION_LOCK: i64 = 0x6275_6467_6574;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Applies pending migrations; returns the names of those applied.
pub fn run_pending(conn: &mut DbConnection) -> Result<Vec<String>, BoxError> {
    match conn {
        DbConnection::Sqlite(c) => names(c.run_pending_migrations(SQLITE)?),
        DbConnection::Postgres(c) => {
            c.batch_execute(&format!("SELECT pg_advisory_lock({MIGRATION_LOCK})"))?;
            let result = c
                .run_pending_migrations(POSTGRES)
                .map(|v| v.iter().map(ToString::to_string).collect::<Vec<_>>());
            c.batch_execute(&format!("SELECT pg_advisory_unlock({MIGRATION_LOCK})"))?;
            Ok(result?)
        }
    }
}

/// Reverts every applied migration (used by the up → down → up test).
pub fn revert_all(conn: &mut DbConnection) -> Result<(), BoxError> {
    match conn {
        DbConnection::Sqlite(c) => c.revert_all_migrations(SQLITE).map(|_| ()),
        DbConnection::Postgres(c) => c.revert_all_migrations(POSTGRES).map(|_| ()),
    }
}

fn names(versions: Vec<diesel::migration::MigrationVersion<'_>>) -> Result<Vec<String>, BoxError> {
    Ok(versions.iter().map(ToString::to_string).collect())
}
