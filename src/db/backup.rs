//! Consistent snapshots of the whole database while the server runs, and restoring one.
//!
//! SQLite: `VACUUM INTO` writes a transactionally consistent copy without stopping writers for
//! long. PostgreSQL: `pg_dump --format=custom` (a consistent snapshot by design) and
//! `pg_restore`, from the PostgreSQL client tools.

use std::path::Path;
use std::process::Command;

use diesel::connection::SimpleConnection;
use diesel::Connection;
use diesel::RunQueryDsl;

use super::DbConnection;
use crate::config::{Backend, DatabaseUrl};

const SQLITE_HEADER: &[u8] = b"SQLite format 3\0";

/// Writes a snapshot to `out`, which must not exist yet.
pub fn backup(conn: &mut DbConnection, url: &DatabaseUrl, out: &Path) -> Result<(), String> {
    if out.exists() {
        return Err(format!(
            "{} exists already; choose a new file",
            out.display()
        ));
    }
    match url.backend() {
        Backend::Sqlite => {
            let target = out.to_string_lossy().replace('\'', "''");
            conn.batch_execute(&format!("VACUUM INTO '{target}'"))
                .map_err(|e| format!("cannot write {}: {e}", out.display()))
        }
        Backend::Postgres => run_tool(
            Command::new("pg_dump")
                .args(["--format=custom", "--no-owner", "--file"])
                .arg(out)
                .args(["--dbname", url.expose()]),
            "pg_dump",
        ),
    }
}

/// Replaces the configured database with a snapshot. Refused when the database already holds
/// rounds, unless `replace`: a restore is never an accident. The server must be stopped.
pub fn restore(url: &DatabaseUrl, file: &Path, replace: bool) -> Result<(), String> {
    let bytes_head = std::fs::read(file)
        .map_err(|e| format!("cannot read {}: {e}", file.display()))?
        .into_iter()
        .take(16)
        .collect::<Vec<u8>>();
    if !replace && holds_rounds(url)? {
        return Err(
            "the database already holds rounds; pass --replace to overwrite it with the backup"
                .into(),
        );
    }
    match url.backend() {
        Backend::Sqlite => {
            if bytes_head != SQLITE_HEADER {
                return Err(format!("{} is not a SQLite backup", file.display()));
            }
            let mut check = diesel::SqliteConnection::establish(&file.to_string_lossy())
                .map_err(|e| format!("cannot open {}: {e}", file.display()))?;
            let ok = diesel::sql_query("PRAGMA integrity_check")
                .load::<IntegrityRow>(&mut check)
                .map_err(|e| format!("{} is damaged: {e}", file.display()))?;
            if ok.first().map(|r| r.integrity_check.as_str()) != Some("ok") {
                return Err(format!(
                    "{} is damaged (integrity check failed)",
                    file.display()
                ));
            }
            let target = Path::new(url.expose());
            let staging = target.with_extension("restoring");
            std::fs::copy(file, &staging)
                .map_err(|e| format!("cannot write {}: {e}", staging.display()))?;
            for suffix in ["-wal", "-shm"] {
                let side = format!("{}{suffix}", target.display());
                let _ = std::fs::remove_file(side);
            }
            std::fs::rename(&staging, target)
                .map_err(|e| format!("cannot replace {}: {e}", target.display()))
        }
        Backend::Postgres => {
            if bytes_head.get(..5) != Some(b"PGDMP") {
                return Err(format!(
                    "{} is not a pg_dump custom-format backup",
                    file.display()
                ));
            }
            run_tool(
                Command::new("pg_restore")
                    .args([
                        "--clean",
                        "--if-exists",
                        "--no-owner",
                        "--single-transaction",
                    ])
                    .args(["--dbname", url.expose()])
                    .arg(file),
                "pg_restore",
            )
        }
    }
}

#[derive(diesel::QueryableByName)]
struct IntegrityRow {
    #[diesel(sql_type = diesel::sql_types::Text)]
    integrity_check: String,
}

#[derive(diesel::QueryableByName)]
struct CountRow {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

fn holds_rounds(url: &DatabaseUrl) -> Result<bool, String> {
    let count = "SELECT COUNT(*) AS n FROM rounds";
    match url.backend() {
        Backend::Sqlite => {
            if !Path::new(url.expose()).exists() {
                return Ok(false);
            }
            let mut conn = diesel::SqliteConnection::establish(url.expose())
                .map_err(|e| format!("cannot open the database: {e}"))?;
            // A database without the table has no rounds.
            Ok(diesel::sql_query(count)
                .load::<CountRow>(&mut conn)
                .is_ok_and(|r| r.first().is_some_and(|c| c.n > 0)))
        }
        Backend::Postgres => {
            let mut conn = diesel::PgConnection::establish(url.expose())
                .map_err(|e| format!("cannot reach the database: {e}"))?;
            Ok(diesel::sql_query(count)
                .load::<CountRow>(&mut conn)
                .is_ok_and(|r| r.first().is_some_and(|c| c.n > 0)))
        }
    }
}

fn run_tool(command: &mut Command, name: &str) -> Result<(), String> {
    let out = command
        .output()
        .map_err(|e| format!("cannot run {name} ({e}); install the PostgreSQL client tools"))?;
    if out.status.success() {
        Ok(())
    } else {
        let message = String::from_utf8_lossy(&out.stderr);
        Err(format!(
            "{name} failed: {}",
            message.lines().next().unwrap_or("no message")
        ))
    }
}
