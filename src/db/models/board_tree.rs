//! The board's Merkle tree: its stored complete nodes and its signed heads (see `merkle`).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{ballots, board_heads, board_nodes};
use crate::db::DbConnection;

#[derive(Queryable, Selectable, Clone, Debug)]
#[diesel(table_name = board_heads)]
pub struct HeadRow {
    pub round_id: i64,
    pub tree_size: i64,
    pub root_hash: String,
    pub signed_at: NaiveDateTime,
    pub signature: String,
}

pub fn latest_head(conn: &mut DbConnection, round_id: i64) -> QueryResult<Option<HeadRow>> {
    board_heads::table
        .filter(board_heads::round_id.eq(round_id))
        .order(board_heads::tree_size.desc())
        .select(HeadRow::as_select())
        .first(conn)
        .optional()
}

/// Stores a head and forgets the smaller ones: only the latest is kept (the sizes of earlier
/// heads, day after day, would tell how the board grew). Another instance may have stored the
/// same head (it is the same) or a larger one (which stays).
pub fn insert_head(conn: &mut DbConnection, head: &HeadRow) -> QueryResult<()> {
    diesel::delete(
        board_heads::table
            .filter(board_heads::round_id.eq(head.round_id))
            .filter(board_heads::tree_size.lt(head.tree_size)),
    )
    .execute(conn)?;
    if latest_head(conn, head.round_id)?.is_some_and(|h| h.tree_size > head.tree_size) {
        return Ok(());
    }
    crate::on_each_backend!(conn, |c| diesel::insert_into(board_heads::table)
        .values((
            board_heads::round_id.eq(head.round_id),
            board_heads::tree_size.eq(head.tree_size),
            board_heads::root_hash.eq(&head.root_hash),
            board_heads::signed_at.eq(head.signed_at),
            board_heads::signature.eq(&head.signature),
        ))
        .on_conflict_do_nothing()
        .execute(c))
    .map(|_| ())
}

/// Rows per multi-row insert of nodes.
const NODE_CHUNK: usize = 400;

/// Stores complete nodes (level, index, hex hash); one already stored is the same node.
pub fn insert_nodes(
    conn: &mut DbConnection,
    round_id: i64,
    nodes: &[(i32, i64, String)],
) -> QueryResult<()> {
    if let DbConnection::Postgres(pg) = conn {
        // One prepared statement for any number of nodes: a multi-row VALUES list is parsed and
        // planned anew for each size, and the checkpointer's bursts showed in voters' p99.
        let levels: Vec<i32> = nodes.iter().map(|n| n.0).collect();
        let indexes: Vec<i64> = nodes.iter().map(|n| n.1).collect();
        let hashes: Vec<&str> = nodes.iter().map(|n| n.2.as_str()).collect();
        return diesel::sql_query(
            "INSERT INTO board_nodes (round_id, level, idx, hash) \
             SELECT $1, * FROM unnest($2::int4[], $3::int8[], $4::text[]) \
             ON CONFLICT DO NOTHING",
        )
        .bind::<diesel::sql_types::BigInt, _>(round_id)
        .bind::<diesel::sql_types::Array<diesel::sql_types::Integer>, _>(&levels)
        .bind::<diesel::sql_types::Array<diesel::sql_types::BigInt>, _>(&indexes)
        .bind::<diesel::sql_types::Array<diesel::sql_types::Text>, _>(&hashes)
        .execute(pg)
        .map(|_| ());
    }
    for chunk in nodes.chunks(NODE_CHUNK) {
        let rows: Vec<_> = chunk
            .iter()
            .map(|(level, idx, hash)| {
                (
                    board_nodes::round_id.eq(round_id),
                    board_nodes::level.eq(*level),
                    board_nodes::idx.eq(*idx),
                    board_nodes::hash.eq(hash),
                )
            })
            .collect();
        crate::on_each_backend!(conn, |c| diesel::insert_into(board_nodes::table)
            .values(&rows)
            .on_conflict_do_nothing()
            .execute(c))?;
    }
    Ok(())
}

/// Deletes and inserts again every node of a round, in one statement per chunk.
pub fn rewrite_nodes(conn: &mut DbConnection, round_id: i64) -> QueryResult<()> {
    let all: Vec<(i32, i64, String)> = board_nodes::table
        .filter(board_nodes::round_id.eq(round_id))
        .order((board_nodes::level, board_nodes::idx))
        .select((board_nodes::level, board_nodes::idx, board_nodes::hash))
        .load(conn)?;
    diesel::delete(board_nodes::table.filter(board_nodes::round_id.eq(round_id))).execute(conn)?;
    insert_nodes(conn, round_id, &all)
}

/// The stored nodes among `ids` (level, index), read in one statement (which may bring a
/// few more, dropped here).
pub fn nodes(
    conn: &mut DbConnection,
    round_id: i64,
    ids: &[(i32, i64)],
) -> QueryResult<Vec<(i32, i64, String)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let levels: Vec<i32> = ids.iter().map(|(l, _)| *l).collect();
    let indexes: Vec<i64> = ids.iter().map(|(_, i)| *i).collect();
    let rows: Vec<(i32, i64, String)> = match conn {
        // The exact (level, index) pairs, one index probe each. With `level = ANY(…) AND idx =
        // ANY(…)` PostgreSQL read every leaf of the round whenever a leaf was wanted, and
        // filtered: a checkpoint took time in proportion to the board.
        DbConnection::Postgres(pg) => diesel::sql_query(
            "SELECT n.level, n.idx, n.hash FROM board_nodes n \
             JOIN unnest($2::int4[], $3::int8[]) AS wanted (level, idx) \
             ON n.level = wanted.level AND n.idx = wanted.idx WHERE n.round_id = $1",
        )
        .bind::<diesel::sql_types::BigInt, _>(round_id)
        .bind::<diesel::sql_types::Array<diesel::sql_types::Integer>, _>(&levels)
        .bind::<diesel::sql_types::Array<diesel::sql_types::BigInt>, _>(&indexes)
        .load::<NodeRow>(pg)?
        .into_iter()
        .map(|n| (n.level, n.idx, n.hash))
        .collect(),
        // SQLite probes the primary key for each combination of the two lists.
        DbConnection::Sqlite(_) => board_nodes::table
            .filter(board_nodes::round_id.eq(round_id))
            .filter(board_nodes::level.eq_any(&levels))
            .filter(board_nodes::idx.eq_any(&indexes))
            .select((board_nodes::level, board_nodes::idx, board_nodes::hash))
            .load(conn)?,
    };
    Ok(rows
        .into_iter()
        .filter(|(l, i, _)| ids.contains(&(*l, *i)))
        .collect())
}

#[derive(QueryableByName)]
struct NodeRow {
    #[diesel(sql_type = diesel::sql_types::Integer)]
    level: i32,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    idx: i64,
    #[diesel(sql_type = diesel::sql_types::Text)]
    hash: String,
}

/// (seq, entry hash) of a round's entries after `after_seq`, in order, at most `limit`.
pub fn entry_hashes_after(
    conn: &mut DbConnection,
    round_id: i64,
    after_seq: i64,
    limit: i64,
) -> QueryResult<Vec<(i64, String)>> {
    ballots::table
        .filter(ballots::round_id.eq(round_id))
        .filter(ballots::seq.gt(after_seq))
        .order(ballots::seq)
        .limit(limit)
        .select((ballots::seq, ballots::entry_hash))
        .load(conn)
}

/// (seq, entry hash) of a round's entries with these sequence numbers.
pub fn entry_hashes_at(
    conn: &mut DbConnection,
    round_id: i64,
    seqs: &[i64],
) -> QueryResult<Vec<(i64, String)>> {
    if seqs.is_empty() {
        return Ok(Vec::new());
    }
    match conn {
        // Planned afresh each time (diesel does not cache `sql_query`), one index probe per
        // entry. Diesel kept `seq = ANY(…)` as a prepared statement, and PostgreSQL's generic
        // plan, made while the round had few entries, read every entry and filtered: 4 ms a
        // checkpoint at 30,000 entries.
        DbConnection::Postgres(pg) => Ok(diesel::sql_query(
            "SELECT b.seq, b.entry_hash FROM ballots b \
             JOIN unnest($2::int8[]) AS wanted (seq) ON b.seq = wanted.seq \
             WHERE b.round_id = $1",
        )
        .bind::<diesel::sql_types::BigInt, _>(round_id)
        .bind::<diesel::sql_types::Array<diesel::sql_types::BigInt>, _>(seqs)
        .load::<EntryHashRow>(pg)?
        .into_iter()
        .map(|e| (e.seq, e.entry_hash))
        .collect()),
        DbConnection::Sqlite(_) => ballots::table
            .filter(ballots::round_id.eq(round_id))
            .filter(ballots::seq.eq_any(seqs))
            .select((ballots::seq, ballots::entry_hash))
            .load(conn),
    }
}

#[derive(QueryableByName)]
struct EntryHashRow {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    seq: i64,
    #[diesel(sql_type = diesel::sql_types::Text)]
    entry_hash: String,
}

/// The entry that replaced entry `seq`, if the voter voted again.
pub fn superseded_by(conn: &mut DbConnection, round_id: i64, seq: i64) -> QueryResult<Option<i64>> {
    ballots::table
        .filter(ballots::round_id.eq(round_id))
        .filter(ballots::supersedes.eq(seq))
        .select(ballots::seq)
        .first(conn)
        .optional()
}

/// One page of a round's board: the entries after `after_seq`, at most `limit`.
pub fn page(
    conn: &mut DbConnection,
    round_id: i64,
    after_seq: i64,
    limit: i64,
) -> QueryResult<Vec<super::ballot::BallotRow>> {
    ballots::table
        .filter(ballots::round_id.eq(round_id))
        .filter(ballots::seq.gt(after_seq))
        .order(ballots::seq)
        .limit(limit)
        .select(super::ballot::BallotRow::as_select())
        .load(conn)
}
