//! The outbox: messages written with the event that causes them, sent by a background sender
//! with retries. A sent message is deleted.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::outbox;
use crate::db::DbConnection;

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = outbox)]
pub struct OutboxRow {
    pub id: i64,
    pub kind: String,
    pub recipient: String,
    pub lang: String,
    pub subject: String,
    pub body: String,
    pub created_at: NaiveDateTime,
    pub attempts: i32,
    pub next_attempt_at: NaiveDateTime,
    pub claimed_until: Option<NaiveDateTime>,
    pub last_error: Option<String>,
}

pub struct NewMessage<'a> {
    pub kind: &'a str,
    pub recipient: &'a str,
    pub lang: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
}

pub fn insert(conn: &mut DbConnection, m: &NewMessage<'_>, now: NaiveDateTime) -> QueryResult<()> {
    diesel::insert_into(outbox::table)
        .values((
            outbox::id.eq(super::ballot::random_id()),
            outbox::kind.eq(m.kind),
            outbox::recipient.eq(m.recipient),
            outbox::lang.eq(m.lang),
            outbox::subject.eq(m.subject),
            outbox::body.eq(m.body),
            outbox::created_at.eq(now),
            outbox::attempts.eq(0),
            outbox::next_attempt_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Claims up to `limit` messages that are due and not claimed by another sender, until
/// `until`. On PostgreSQL the rows are locked with `FOR UPDATE SKIP LOCKED`, so instances
/// sending at the same moment take different messages; SQLite has one writer anyway. Call in
/// a write transaction.
pub fn claim_due(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    until: NaiveDateTime,
    limit: i64,
) -> QueryResult<Vec<OutboxRow>> {
    let due = outbox::table
        .filter(outbox::next_attempt_at.le(now))
        .filter(
            outbox::claimed_until
                .is_null()
                .or(outbox::claimed_until.lt(now)),
        )
        .order(outbox::next_attempt_at)
        .limit(limit)
        .select(outbox::id);
    let ids: Vec<i64> = match conn {
        DbConnection::Postgres(c) => due.for_update().skip_locked().load(c)?,
        DbConnection::Sqlite(c) => due.load(c)?,
    };
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    diesel::update(outbox::table.filter(outbox::id.eq_any(&ids)))
        .set(outbox::claimed_until.eq(until))
        .execute(conn)?;
    outbox::table
        .filter(outbox::id.eq_any(&ids))
        .select(OutboxRow::as_select())
        .load(conn)
}

/// A message was handed to the mail server: it is gone from the outbox.
pub fn delivered(conn: &mut DbConnection, id: i64) -> QueryResult<()> {
    diesel::delete(outbox::table.find(id))
        .execute(conn)
        .map(|_| ())
}

/// A message could not be sent: tried again at `retry_at`.
pub fn failed(
    conn: &mut DbConnection,
    id: i64,
    error: &str,
    retry_at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::attempts.eq(outbox::attempts + 1),
            outbox::next_attempt_at.eq(retry_at),
            outbox::claimed_until.eq(None::<NaiveDateTime>),
            outbox::last_error.eq(error),
        ))
        .execute(conn)
        .map(|_| ())
}

/// (waiting, of which failing at least once, oldest created_at, newest error)
pub struct Backlog {
    pub queued: i64,
    pub failing: i64,
    pub oldest: Option<NaiveDateTime>,
    pub oldest_failing: Option<NaiveDateTime>,
    pub last_error: Option<String>,
}

pub fn backlog(conn: &mut DbConnection) -> QueryResult<Backlog> {
    use diesel::dsl::min;
    let queued = outbox::table.count().get_result(conn)?;
    let failing = outbox::table
        .filter(outbox::attempts.gt(0))
        .count()
        .get_result(conn)?;
    let oldest = outbox::table.select(min(outbox::created_at)).first(conn)?;
    let oldest_failing = outbox::table
        .filter(outbox::attempts.gt(0))
        .select(min(outbox::created_at))
        .first(conn)?;
    let last_error = outbox::table
        .filter(outbox::last_error.is_not_null())
        .order(outbox::next_attempt_at.desc())
        .select(outbox::last_error)
        .first::<Option<String>>(conn)
        .optional()?
        .flatten();
    Ok(Backlog {
        queued,
        failing,
        oldest,
        oldest_failing,
        last_error,
    })
}
