//! Comments on proposals and reports of abusive ones.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::{comment_flags, comments, proposals};
use crate::db::DbConnection;
use crate::on_each_backend;

#[derive(Queryable, Selectable, Clone, Debug, PartialEq, Eq)]
#[diesel(table_name = comments)]
pub struct CommentRow {
    pub id: i64,
    pub proposal_id: i64,
    pub parent_id: Option<i64>,
    pub author_id: Option<i64>,
    pub body: String,
    pub official: Option<String>,
    pub created_at: NaiveDateTime,
    pub edited_at: Option<NaiveDateTime>,
    pub deleted_at: Option<NaiveDateTime>,
    pub hidden_at: Option<NaiveDateTime>,
    pub hidden_reason: Option<String>,
}

#[derive(Insertable)]
#[diesel(table_name = comments)]
pub struct NewComment<'a> {
    pub proposal_id: i64,
    pub parent_id: Option<i64>,
    pub author_id: Option<i64>,
    pub body: &'a str,
    pub official: Option<&'a str>,
    pub created_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConnection, new: &NewComment<'_>) -> QueryResult<i64> {
    diesel::insert_into(comments::table)
        .values(new)
        .returning(comments::id)
        .get_result(conn)
}

pub fn find(conn: &mut DbConnection, id: i64) -> QueryResult<Option<CommentRow>> {
    comments::table
        .find(id)
        .select(CommentRow::as_select())
        .first(conn)
        .optional()
}

/// A page of a proposal's top-level comments, newest or oldest first, and how many there are.
pub fn threads(
    conn: &mut DbConnection,
    proposal_id: i64,
    newest_first: bool,
    offset: i64,
    limit: i64,
) -> QueryResult<(Vec<CommentRow>, i64)> {
    let top = || {
        comments::table
            .filter(comments::proposal_id.eq(proposal_id))
            .filter(comments::parent_id.is_null())
    };
    let total = top().count().get_result(conn)?;
    let rows = if newest_first {
        top()
            .order((comments::created_at.desc(), comments::id.desc()))
            .offset(offset)
            .limit(limit)
            .select(CommentRow::as_select())
            .load(conn)?
    } else {
        top()
            .order((comments::created_at.asc(), comments::id.asc()))
            .offset(offset)
            .limit(limit)
            .select(CommentRow::as_select())
            .load(conn)?
    };
    Ok((rows, total))
}

/// The replies to some comments of a proposal, oldest first. The proposal is named so that
/// the `(proposal_id, parent_id, created_at)` index serves the query: without it, finding
/// replies scanned every comment of the installation.
pub fn replies_to(
    conn: &mut DbConnection,
    proposal_id: i64,
    parents: &[i64],
) -> QueryResult<Vec<CommentRow>> {
    if parents.is_empty() {
        return Ok(Vec::new());
    }
    comments::table
        .filter(comments::proposal_id.eq(proposal_id))
        .filter(comments::parent_id.eq_any(parents))
        .order((comments::created_at.asc(), comments::id.asc()))
        .select(CommentRow::as_select())
        .load(conn)
}

/// Comments (replies included) on each of these proposals.
pub fn counts(conn: &mut DbConnection, proposal_ids: &[i64]) -> QueryResult<Vec<(i64, i64)>> {
    if proposal_ids.is_empty() {
        return Ok(Vec::new());
    }
    comments::table
        .filter(comments::proposal_id.eq_any(proposal_ids))
        .group_by(comments::proposal_id)
        .select((comments::proposal_id, diesel::dsl::count_star()))
        .load(conn)
}

/// A proposal's official answers still shown (neither deleted nor hidden), oldest first.
pub fn official_of(conn: &mut DbConnection, proposal_id: i64) -> QueryResult<Vec<CommentRow>> {
    comments::table
        .filter(comments::proposal_id.eq(proposal_id))
        .filter(comments::official.is_not_null())
        .filter(comments::deleted_at.is_null())
        .filter(comments::hidden_at.is_null())
        .order((comments::created_at.asc(), comments::id.asc()))
        .select(CommentRow::as_select())
        .load(conn)
}

/// How many comments an account wrote since `since` (the rate limit).
pub fn written_since(
    conn: &mut DbConnection,
    author_id: i64,
    since: NaiveDateTime,
) -> QueryResult<i64> {
    comments::table
        .filter(comments::author_id.eq(author_id))
        .filter(comments::created_at.ge(since))
        .count()
        .get_result(conn)
}

pub fn set_body(
    conn: &mut DbConnection,
    id: i64,
    body: &str,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(comments::table.find(id))
        .set((comments::body.eq(body), comments::edited_at.eq(Some(at))))
        .execute(conn)
        .map(|_| ())
}

/// The author deleted it: the text is gone, the place in the thread stays.
pub fn mark_deleted(conn: &mut DbConnection, id: i64, at: NaiveDateTime) -> QueryResult<()> {
    diesel::update(comments::table.find(id))
        .set((comments::body.eq(""), comments::deleted_at.eq(Some(at))))
        .execute(conn)
        .map(|_| ())
}

/// Moderators hid it: the text is gone, the public reason takes its place.
pub fn mark_hidden(
    conn: &mut DbConnection,
    id: i64,
    reason: &str,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(comments::table.find(id))
        .set((
            comments::body.eq(""),
            comments::hidden_at.eq(Some(at)),
            comments::hidden_reason.eq(Some(reason)),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Records a report; false when this person already reported the comment.
pub fn flag(
    conn: &mut DbConnection,
    comment_id: i64,
    user_id: i64,
    reason: &str,
    at: NaiveDateTime,
) -> QueryResult<bool> {
    let row = (
        comment_flags::comment_id.eq(comment_id),
        comment_flags::user_id.eq(Some(user_id)),
        comment_flags::reason.eq(reason),
        comment_flags::at.eq(at),
    );
    on_each_backend!(conn, |c| diesel::insert_into(comment_flags::table)
        .values(row)
        .on_conflict((comment_flags::comment_id, comment_flags::user_id))
        .do_nothing()
        .execute(c))
    .map(|n| n == 1)
}

pub fn flagged_by(
    conn: &mut DbConnection,
    comment_ids: &[i64],
    user_id: i64,
) -> QueryResult<Vec<i64>> {
    if comment_ids.is_empty() {
        return Ok(Vec::new());
    }
    comment_flags::table
        .filter(comment_flags::comment_id.eq_any(comment_ids))
        .filter(comment_flags::user_id.eq(user_id))
        .select(comment_flags::comment_id)
        .load(conn)
}

/// Moderators decided: the comment's reports leave the queue.
pub fn settle_flags(conn: &mut DbConnection, comment_id: i64) -> QueryResult<()> {
    diesel::update(comment_flags::table.filter(comment_flags::comment_id.eq(comment_id)))
        .set(comment_flags::settled.eq(1))
        .execute(conn)
        .map(|_| ())
}

/// A comment waiting for moderators, as the queue lists it.
pub struct Flagged {
    pub comment: CommentRow,
    pub proposal_title: String,
    /// When it was first reported.
    pub first_at: NaiveDateTime,
    /// The reasons given, oldest first.
    pub reasons: Vec<String>,
}

/// Reported comments not yet decided on, the longest waiting first.
pub fn queue(conn: &mut DbConnection) -> QueryResult<Vec<Flagged>> {
    let rows: Vec<(i64, String, NaiveDateTime)> = comment_flags::table
        .filter(comment_flags::settled.eq(0))
        .order((comment_flags::at.asc(), comment_flags::id.asc()))
        .select((
            comment_flags::comment_id,
            comment_flags::reason,
            comment_flags::at,
        ))
        .load(conn)?;
    let mut out: Vec<Flagged> = Vec::new();
    for (comment_id, reason, at) in rows {
        if let Some(f) = out.iter_mut().find(|f| f.comment.id == comment_id) {
            f.reasons.push(reason);
            continue;
        }
        let Some(comment) = find(conn, comment_id)? else {
            continue;
        };
        let proposal_title = proposals::table
            .find(comment.proposal_id)
            .select(proposals::title)
            .first(conn)?;
        out.push(Flagged {
            comment,
            proposal_title,
            first_at: at,
            reasons: vec![reason],
        });
    }
    Ok(out)
}
