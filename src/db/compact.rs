//! After a count rewrites a round's rows, the old versions may still lie in the files: in
//! freed pages and the write-ahead log on SQLite, in dead tuples on PostgreSQL. This scrubs
//! them, so a copy of the files taken afterwards holds no trace of the order of voting.

use diesel::connection::SimpleConnection;

use super::connection::{with_sqlite_writer, DbConnection};

/// Tables whose old row versions could tie a ballot to a voter.
const REWRITTEN: &str =
    "ballots, participations, voter_checks, paper_entries, login_throttle, outbox, email_tokens";
/// Tables whose rows of voters were written again by the count: rebuilt in an order unrelated
/// to time (by address; by random id), so their physical places say nothing either.
const REORDERED: &str =
    "CLUSTER users USING users_email_key; CLUSTER audit_log USING audit_log_pkey;";

/// SQLite: the write-ahead log is checkpointed and emptied, the file rebuilt (VACUUM writes
/// every table afresh in key order and leaves no free page), and the log emptied again.
/// PostgreSQL: accounts and the audit log are rebuilt in an order unrelated to time, and the
/// other rewritten tables vacuumed, so dead versions of their rows are gone from what SQL (or
/// a logical dump) can see; see docs/security.md for the files themselves.
pub fn scrub_after_count(conn: &mut DbConnection) -> Result<(), String> {
    match conn {
        DbConnection::Sqlite(_) => with_sqlite_writer(conn, |conn| {
            truncate_wal(conn)?;
            conn.batch_execute("VACUUM")
                .map_err(|e| format!("VACUUM: {e}"))?;
            truncate_wal(conn)
        }),
        DbConnection::Postgres(c) => {
            c.batch_execute(REORDERED)
                .map_err(|e| format!("CLUSTER: {e}"))?;
            c.batch_execute(&format!("VACUUM {REWRITTEN}"))
                .map_err(|e| format!("VACUUM: {e}"))
        }
    }
}

/// A checkpoint that empties the write-ahead log; it cannot while a reader still needs old
/// frames, so it is tried a few times.
fn truncate_wal(conn: &mut DbConnection) -> Result<(), String> {
    use diesel::prelude::*;
    use diesel::sql_types::Integer;
    #[derive(QueryableByName)]
    struct Checkpoint {
        #[diesel(sql_type = Integer)]
        busy: i32,
    }
    for attempt in 0..50 {
        let done: Vec<Checkpoint> = diesel::sql_query("PRAGMA wal_checkpoint(TRUNCATE)")
            .load(conn)
            .map_err(|e| format!("checkpoint: {e}"))?;
        if done.first().is_some_and(|c| c.busy == 0) {
            return Ok(());
        }
        std::thread::sleep(std::time::Duration::from_millis(20 * (attempt + 1)));
    }
    Err("the write-ahead log could not be emptied: readers kept it busy".into())
}
