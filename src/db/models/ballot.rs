use diesel::prelude::*;

use crate::db::schema::{ballots, participations};
use crate::db::DbConnection;

#[derive(Queryable, Selectable, Insertable, Clone, Debug)]
#[diesel(table_name = ballots)]
pub struct BallotRow {
    pub id: i64,
    pub round_id: i64,
    pub district_id: Option<i64>,
    pub seq: i64,
    pub content: String,
    pub cast_day: String,
    pub tracking_hash: String,
    pub prev_hash: String,
    pub entry_hash: String,
    /// Keyed tag of the voter, only on rounds where the last ballot counts.
    pub voter_tag: Option<String>,
    /// The sequence number of the entry this ballot replaces.
    pub supersedes: Option<i64>,
    /// Published with the content at the count.
    pub salt: Option<String>,
    /// The salted hash of the content the entry hash covers (None on entries from before
    /// ballots were sealed).
    pub commitment: Option<String>,
    /// The content, sealed, until the count (then None, and `content` holds it).
    pub sealed: Option<Vec<u8>>,
}

#[derive(Insertable, Clone, Debug)]
#[diesel(table_name = ballots)]
pub struct NewBallot<'a> {
    pub round_id: i64,
    pub district_id: Option<i64>,
    pub seq: i64,
    pub content: &'a str,
    pub cast_day: &'a str,
    pub tracking_hash: &'a str,
    pub prev_hash: &'a str,
    pub entry_hash: &'a str,
    pub voter_tag: Option<&'a str>,
    pub supersedes: Option<i64>,
    pub salt: Option<&'a str>,
    pub commitment: Option<&'a str>,
    pub sealed: Option<&'a [u8]>,
}

pub fn insert(conn: &mut DbConnection, new: &NewBallot<'_>) -> QueryResult<()> {
    diesel::insert_into(ballots::table)
        .values(new)
        .execute(conn)
        .map(|_| ())
}

/// Inserts several ballots. On PostgreSQL in one statement: each statement is a round trip,
/// and a group commit of 64 ballots otherwise waits for 64 of them. SQLite runs in-process,
/// where a statement per row costs no round trip.
pub fn insert_all(conn: &mut DbConnection, rows: &[NewBallot<'_>]) -> QueryResult<()> {
    if rows.is_empty() {
        return Ok(());
    }
    match conn {
        DbConnection::Postgres(c) => diesel::insert_into(ballots::table)
            .values(rows)
            .execute(c)
            .map(|_| ()),
        DbConnection::Sqlite(_) => rows.iter().try_for_each(|row| insert(conn, row)),
    }
}

/// The one statement that writes a group of fresh ballots on PostgreSQL (`append_fresh`),
/// a `?` for each value. Participations first (in the order given: token order), each with
/// its token or the token its voting code's record gives (`voting_codes::token`: the census
/// entry's, or the code's; NULL, and so an error, for a code not on the round's list or bound
/// to another district), then the
/// round's row and its `open_boards` row FOR SHARE, then the entries — the order a group of
/// ballots takes in a transaction (`domain::ballots`). An entry's round id is the locked
/// row's: when the round does not qualify (counted: no `open_boards` row; not open at one of
/// the ballots' times; or the first entry's predecessor is not on the board as the entry says)
/// it is NULL, the insert fails and the whole statement with it. A participation taken
/// already, or an entry's place in the chain taken already, fails it on a unique key. So the
/// entries continue the chain exactly where it ends, whatever the writer believed.
const APPEND_FRESH: &str = "\
WITH taken AS (
    INSERT INTO participations (id, round_id, user_id, channel, token)
    SELECT p.id, ?, p.user_id, p.channel, COALESCE(p.token, (
        SELECT COALESCE('census:' || c.census_hash, 'code:' || c.code_hash)
        FROM voting_codes c
        WHERE c.code_hash = p.code_hash AND c.round_id = ?
            AND (c.district_id IS NULL OR c.district_id = p.district_id)))
    FROM unnest(?, ?, ?, ?, ?, ?) WITH ORDINALITY AS p (id, user_id, channel, token, code_hash,
        district_id, n)
    ORDER BY p.n
    RETURNING 1
), open_round AS MATERIALIZED (
    SELECT r.id FROM rounds r JOIN open_boards b ON b.round_id = r.id
    WHERE r.id = ? AND r.proposals_open_at <= ? AND r.review_at <= ? AND r.voting_open_at <= ?
        AND r.voting_close_at > ? AND (SELECT count(*) FROM taken) = ?
        AND (? = 0 OR (SELECT t.entry_hash FROM ballots t WHERE t.round_id = ? AND t.seq = ?) = ?)
    FOR SHARE
), appended AS (
    INSERT INTO ballots (round_id, district_id, seq, content, cast_day, tracking_hash,
        prev_hash, entry_hash, voter_tag, salt, commitment, sealed)
    SELECT (SELECT id FROM open_round), e.district_id, e.seq, e.content, e.cast_day,
        e.tracking_hash, e.prev_hash, e.entry_hash, e.voter_tag, e.salt, e.commitment, e.sealed
    FROM unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        AS e (district_id, seq, content, cast_day, tracking_hash, prev_hash, entry_hash,
            voter_tag, salt, commitment, sealed)
    RETURNING 1
)
SELECT count(*) FROM appended";

/// `APPEND_FRESH` and its values, as a query type of its own: the connection then keeps it
/// prepared, where diesel would plan a `sql_query` afresh each time.
struct AppendFresh<'a> {
    round_id: i64,
    earliest: chrono::NaiveDateTime,
    latest: chrono::NaiveDateTime,
    ids: Vec<i64>,
    user_ids: Vec<Option<i64>>,
    channels: Vec<&'a str>,
    tokens: Vec<Option<&'a str>>,
    code_hashes: Vec<Option<&'a str>>,
    participation_districts: Vec<Option<i64>>,
    taken: i64,
    after_seq: i64,
    after_hash: &'a str,
    district_ids: Vec<Option<i64>>,
    seqs: Vec<i64>,
    contents: Vec<&'a str>,
    cast_days: Vec<&'a str>,
    tracking_hashes: Vec<&'a str>,
    prev_hashes: Vec<&'a str>,
    entry_hashes: Vec<&'a str>,
    voter_tags: Vec<Option<&'a str>>,
    salts: Vec<Option<&'a str>>,
    commitments: Vec<Option<&'a str>>,
    sealed: Vec<Option<&'a [u8]>>,
}

impl diesel::query_builder::QueryId for AppendFresh<'_> {
    type QueryId = AppendFresh<'static>;
    const HAS_STATIC_QUERY_ID: bool = true;
}

impl diesel::query_builder::Query for AppendFresh<'_> {
    type SqlType = diesel::sql_types::BigInt;
}

impl RunQueryDsl<diesel::PgConnection> for AppendFresh<'_> {}

impl diesel::query_builder::QueryFragment<diesel::pg::Pg> for AppendFresh<'_> {
    fn walk_ast<'b>(
        &'b self,
        mut out: diesel::query_builder::AstPass<'_, 'b, diesel::pg::Pg>,
    ) -> QueryResult<()> {
        use diesel::sql_types::{Array, BigInt, Binary, Nullable, Text, Timestamp};
        let mut sql = APPEND_FRESH.split('?');
        macro_rules! bind {
            ($($sql_type:ty => $value:expr),* $(,)?) => {$(
                out.push_sql(sql.next().unwrap_or_default());
                out.push_bind_param::<$sql_type, _>($value)?;
            )*};
        }
        bind!(
            BigInt => &self.round_id,
            BigInt => &self.round_id,
            Array<BigInt> => &self.ids,
            Array<Nullable<BigInt>> => &self.user_ids,
            Array<Text> => &self.channels,
            Array<Nullable<Text>> => &self.tokens,
            Array<Nullable<Text>> => &self.code_hashes,
            Array<Nullable<BigInt>> => &self.participation_districts,
            BigInt => &self.round_id,
            Timestamp => &self.earliest,
            Timestamp => &self.earliest,
            Timestamp => &self.earliest,
            Timestamp => &self.latest,
            BigInt => &self.taken,
            BigInt => &self.after_seq,
            BigInt => &self.round_id,
            BigInt => &self.after_seq,
            Text => &self.after_hash,
            Array<Nullable<BigInt>> => &self.district_ids,
            Array<BigInt> => &self.seqs,
            Array<Text> => &self.contents,
            Array<Text> => &self.cast_days,
            Array<Text> => &self.tracking_hashes,
            Array<Text> => &self.prev_hashes,
            Array<Text> => &self.entry_hashes,
            Array<Nullable<Text>> => &self.voter_tags,
            Array<Nullable<Text>> => &self.salts,
            Array<Nullable<Text>> => &self.commitments,
            Array<Nullable<Binary>> => &self.sealed,
        );
        out.push_sql(sql.next().unwrap_or_default());
        Ok(())
    }
}

/// Writes the participations and the board entries of ballots that are each the first of
/// their person, in one statement that commits by itself (the connection must not be in a
/// transaction), if the round's board is open at every time in `times` (earliest, latest).
/// Returns how many entries it wrote: all, or — with an error — none. The entries must be for
/// `round_id`, in chain order, with no `supersedes`. PostgreSQL only.
pub fn append_fresh(
    pg: &mut diesel::PgConnection,
    round_id: i64,
    taken: &[FreshParticipation<'_>],
    entries: &[NewBallot<'_>],
    times: (chrono::NaiveDateTime, chrono::NaiveDateTime),
) -> QueryResult<usize> {
    let appended: i64 = AppendFresh {
        round_id,
        earliest: times.0,
        latest: times.1,
        ids: taken.iter().map(|_| random_id()).collect(),
        user_ids: taken.iter().map(|p| p.user_id).collect(),
        channels: taken.iter().map(|p| p.channel).collect(),
        tokens: taken.iter().map(|p| p.token).collect(),
        code_hashes: taken.iter().map(|p| p.code_hash).collect(),
        participation_districts: taken.iter().map(|p| p.district_id).collect(),
        taken: taken.len() as i64,
        after_seq: entries.first().map_or(0, |e| e.seq - 1),
        after_hash: entries.first().map_or("", |e| e.prev_hash),
        district_ids: entries.iter().map(|e| e.district_id).collect(),
        seqs: entries.iter().map(|e| e.seq).collect(),
        contents: entries.iter().map(|e| e.content).collect(),
        cast_days: entries.iter().map(|e| e.cast_day).collect(),
        tracking_hashes: entries.iter().map(|e| e.tracking_hash).collect(),
        prev_hashes: entries.iter().map(|e| e.prev_hash).collect(),
        entry_hashes: entries.iter().map(|e| e.entry_hash).collect(),
        voter_tags: entries.iter().map(|e| e.voter_tag).collect(),
        salts: entries.iter().map(|e| e.salt).collect(),
        commitments: entries.iter().map(|e| e.commitment).collect(),
        sealed: entries.iter().map(|e| e.sealed).collect(),
    }
    .get_result(pg)?;
    Ok(appended as usize)
}

/// The bulletin board of a round, in chain order.
pub fn of_round(conn: &mut DbConnection, round_id: i64) -> QueryResult<Vec<BallotRow>> {
    ballots::table
        .filter(ballots::round_id.eq(round_id))
        .order(ballots::seq)
        .select(BallotRow::as_select())
        .load(conn)
}

/// The newest entry of a round's chain: (seq, entry_hash).
pub fn chain_tail(conn: &mut DbConnection, round_id: i64) -> QueryResult<Option<(i64, String)>> {
    ballots::table
        .filter(ballots::round_id.eq(round_id))
        .order(ballots::seq.desc())
        .select((ballots::seq, ballots::entry_hash))
        .first(conn)
        .optional()
}

/// Whether the round is counted, and the newest entry of its chain: (seq, entry_hash), in
/// one statement the connection keeps prepared (the group commit asks it once per batch, and
/// planning it each time cost more than running it).
/// Meant for right after the round's row is locked, in a statement of its own: a statement's
/// snapshot is taken before it waits for a lock, so reading the tail in the locking statement
/// could miss entries another instance committed meanwhile.
pub fn counted_and_tail(
    conn: &mut DbConnection,
    round_id: i64,
) -> QueryResult<(bool, Option<(i64, String)>)> {
    use crate::db::schema::round_results;
    let newest = ballots::table
        .filter(ballots::round_id.eq(round_id))
        .order(ballots::seq.desc());
    let (counted, seq, entry_hash): (bool, Option<i64>, Option<String>) = diesel::select((
        diesel::dsl::exists(round_results::table.filter(round_results::round_id.eq(round_id))),
        newest.select(ballots::seq).single_value(),
        newest.select(ballots::entry_hash).single_value(),
    ))
    .get_result(conn)?;
    Ok((counted, seq.zip(entry_hash)))
}

/// A participation to record: who (an account, or nobody for a code) spent which token.
pub struct NewParticipation<'a> {
    pub round_id: i64,
    pub user_id: Option<i64>,
    pub channel: &'a str,
    pub token: &'a str,
}

/// A participation written with a group of fresh ballots (`append_fresh`): its token, or the
/// hash of a voting code whose record gives it, read in the same statement — a code on the
/// round's list, bound to no district or to `district_id`.
pub struct FreshParticipation<'a> {
    pub user_id: Option<i64>,
    pub channel: &'a str,
    pub token: Option<&'a str>,
    pub code_hash: Option<&'a str>,
    pub district_id: Option<i64>,
}

/// A random id: participation rows carry no insertion order to match against the board.
pub fn random_id() -> i64 {
    use rand::Rng;
    rand::rng().random_range(1..(1i64 << 53))
}

/// Records each participation unless its token (or its account) already took part in the
/// round; returns the tokens it recorded. On PostgreSQL in one statement (a round trip per
/// ballot was most of a group commit's time); SQLite runs in-process.
pub fn record_participations(
    conn: &mut DbConnection,
    rows: &[NewParticipation<'_>],
) -> QueryResult<std::collections::HashSet<String>> {
    if rows.is_empty() {
        return Ok(Default::default());
    }
    let values: Vec<_> = rows
        .iter()
        .map(|p| {
            (
                participations::id.eq(random_id()),
                participations::round_id.eq(p.round_id),
                participations::user_id.eq(p.user_id),
                participations::channel.eq(p.channel),
                participations::token.eq(p.token),
            )
        })
        .collect();
    match conn {
        DbConnection::Postgres(c) => Ok(diesel::insert_into(participations::table)
            .values(&values)
            .on_conflict_do_nothing()
            .returning(participations::token)
            .get_results::<String>(c)?
            .into_iter()
            .collect()),
        DbConnection::Sqlite(c) => {
            let mut recorded = std::collections::HashSet::new();
            for (row, value) in rows.iter().zip(values) {
                let n = diesel::insert_into(participations::table)
                    .values(value)
                    .on_conflict_do_nothing()
                    .execute(c)?;
                if n == 1 {
                    recorded.insert(row.token.to_string());
                }
            }
            Ok(recorded)
        }
    }
}

/// Removes participations this transaction recorded for ballots it then refused.
pub fn forget_participations(
    conn: &mut DbConnection,
    round_id: i64,
    tokens: &[&str],
) -> QueryResult<()> {
    if tokens.is_empty() {
        return Ok(());
    }
    diesel::delete(
        participations::table
            .filter(participations::round_id.eq(round_id))
            .filter(participations::token.eq_any(tokens)),
    )
    .execute(conn)
    .map(|_| ())
}

/// Whether a person (by their token) has taken part in a round.
pub fn token_spent(conn: &mut DbConnection, round_id: i64, token: &str) -> QueryResult<bool> {
    use diesel::dsl::exists;
    diesel::select(exists(
        participations::table
            .filter(participations::round_id.eq(round_id))
            .filter(participations::token.eq(token)),
    ))
    .get_result(conn)
}

pub fn participation_count(conn: &mut DbConnection, round_id: i64) -> QueryResult<i64> {
    participations::table
        .filter(participations::round_id.eq(round_id))
        .count()
        .get_result(conn)
}

pub fn has_participated(conn: &mut DbConnection, round_id: i64, user_id: i64) -> QueryResult<bool> {
    use diesel::dsl::exists;
    diesel::select(exists(
        participations::table
            .filter(participations::round_id.eq(round_id))
            .filter(participations::user_id.eq(user_id)),
    ))
    .get_result(conn)
}

pub fn find_by_tracking_hash(
    conn: &mut DbConnection,
    hash: &str,
) -> QueryResult<Option<BallotRow>> {
    ballots::table
        .filter(ballots::tracking_hash.eq(hash))
        .select(BallotRow::as_select())
        .first(conn)
        .optional()
}

/// A paper ballot entered once, waiting for a second officer: (content, entered_by).
pub fn pending_paper(
    conn: &mut DbConnection,
    round_id: i64,
    voter_id: i64,
) -> QueryResult<Option<(String, i64)>> {
    use crate::db::schema::paper_entries;
    paper_entries::table
        .filter(paper_entries::round_id.eq(round_id))
        .filter(paper_entries::voter_id.eq(voter_id))
        .select((paper_entries::content, paper_entries::entered_by))
        .first(conn)
        .optional()
}

pub fn add_pending_paper(
    conn: &mut DbConnection,
    round_id: i64,
    voter_id: i64,
    content: &str,
    entered_by: i64,
    at: chrono::NaiveDateTime,
) -> QueryResult<()> {
    use crate::db::schema::paper_entries;
    diesel::insert_into(paper_entries::table)
        .values((
            paper_entries::round_id.eq(round_id),
            paper_entries::voter_id.eq(voter_id),
            paper_entries::content.eq(content),
            paper_entries::entered_by.eq(entered_by),
            paper_entries::at.eq(at),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn clear_pending_paper(
    conn: &mut DbConnection,
    round_id: i64,
    voter_id: i64,
) -> QueryResult<()> {
    use crate::db::schema::paper_entries;
    diesel::delete(
        paper_entries::table
            .filter(paper_entries::round_id.eq(round_id))
            .filter(paper_entries::voter_id.eq(voter_id)),
    )
    .execute(conn)
    .map(|_| ())
}

/// The voter's current (latest) entry in a round, by their keyed tag.
pub fn latest_of_tag(
    conn: &mut DbConnection,
    round_id: i64,
    tag: &str,
) -> QueryResult<Option<i64>> {
    ballots::table
        .filter(ballots::round_id.eq(round_id))
        .filter(ballots::voter_tag.eq(tag))
        .order(ballots::seq.desc())
        .select(ballots::seq)
        .first(conn)
        .optional()
}

/// (accounts that voted online, on paper, voting codes used) in a round.
pub fn turnout(conn: &mut DbConnection, round_id: i64) -> QueryResult<(i64, i64, i64)> {
    let by = |conn: &mut DbConnection, channel: &str| -> QueryResult<i64> {
        participations::table
            .filter(participations::round_id.eq(round_id))
            .filter(participations::channel.eq(channel))
            .count()
            .get_result(conn)
    };
    Ok((by(conn, "online")?, by(conn, "paper")?, by(conn, "code")?))
}

/// Who took part in a round, as (gender, birth year, home district) of each participation —
/// `None`s for voting codes, which have no account. For statistics only; never exported.
pub type Profile = (Option<String>, Option<i32>, Option<i64>);

pub fn participant_profiles(conn: &mut DbConnection, round_id: i64) -> QueryResult<Vec<Profile>> {
    use crate::db::schema::users;
    participations::table
        .left_join(users::table.on(users::id.nullable().eq(participations::user_id)))
        .filter(participations::round_id.eq(round_id))
        .select((
            users::gender.nullable(),
            users::birth_year.nullable(),
            users::district_id.nullable(),
        ))
        .load(conn)
}

/// Rows per multi-row statement when a round's rows are written again at the count.
const REWRITE_CHUNK: usize = 500;

/// Replaces a round's board with `rows` (same ids and sequence numbers), in chain order.
pub fn rewrite_board(
    conn: &mut DbConnection,
    round_id: i64,
    rows: &[BallotRow],
) -> QueryResult<()> {
    diesel::delete(ballots::table.filter(ballots::round_id.eq(round_id))).execute(conn)?;
    for chunk in rows.chunks(REWRITE_CHUNK) {
        match conn {
            DbConnection::Postgres(c) => {
                diesel::insert_into(ballots::table)
                    .values(chunk)
                    .execute(c)?;
            }
            DbConnection::Sqlite(c) => {
                for row in chunk {
                    diesel::insert_into(ballots::table).values(row).execute(c)?;
                }
            }
        }
    }
    Ok(())
}

/// One participation, without its id.
#[derive(Queryable, Clone, Debug)]
pub struct ParticipationRow {
    pub user_id: Option<i64>,
    pub channel: String,
    pub token: String,
}

pub fn participations_of(
    conn: &mut DbConnection,
    round_id: i64,
) -> QueryResult<Vec<ParticipationRow>> {
    participations::table
        .filter(participations::round_id.eq(round_id))
        .select((
            participations::user_id,
            participations::channel,
            participations::token,
        ))
        .load(conn)
}

/// Replaces a round's participations with `rows`, written in this order with fresh random ids.
pub fn rewrite_participations(
    conn: &mut DbConnection,
    round_id: i64,
    rows: &[ParticipationRow],
) -> QueryResult<()> {
    diesel::delete(participations::table.filter(participations::round_id.eq(round_id)))
        .execute(conn)?;
    for chunk in rows.chunks(REWRITE_CHUNK) {
        let values: Vec<_> = chunk
            .iter()
            .map(|p| {
                (
                    participations::id.eq(random_id()),
                    participations::round_id.eq(round_id),
                    participations::user_id.eq(p.user_id),
                    participations::channel.eq(p.channel.as_str()),
                    participations::token.eq(p.token.as_str()),
                )
            })
            .collect();
        match conn {
            DbConnection::Postgres(c) => {
                diesel::insert_into(participations::table)
                    .values(&values)
                    .execute(c)?;
            }
            DbConnection::Sqlite(c) => {
                for value in values {
                    diesel::insert_into(participations::table)
                        .values(value)
                        .execute(c)?;
                }
            }
        }
    }
    Ok(())
}

/// Drops paper ballots of a round still waiting for their second entry.
pub fn clear_round_paper(conn: &mut DbConnection, round_id: i64) -> QueryResult<()> {
    use crate::db::schema::paper_entries;
    diesel::delete(paper_entries::table.filter(paper_entries::round_id.eq(round_id)))
        .execute(conn)
        .map(|_| ())
}
