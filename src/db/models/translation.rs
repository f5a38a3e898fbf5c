use chrono::NaiveDateTime;
use diesel::prelude::*;

use crate::db::schema::text_translations;
use crate::db::DbConnection;

#[derive(Queryable, Selectable, Clone, Debug, PartialEq, Eq)]
#[diesel(table_name = text_translations)]
pub struct TranslationRow {
    pub round_id: i64,
    pub proposal_id: Option<i64>,
    pub lang: String,
    pub title: String,
    pub description: String,
    pub translated_at: NaiveDateTime,
}

/// Every translation of a round's own text and of its proposals' texts into `lang`.
pub fn of_round(
    conn: &mut DbConnection,
    round_id: i64,
    lang: &str,
) -> QueryResult<Vec<TranslationRow>> {
    text_translations::table
        .filter(text_translations::round_id.eq(round_id))
        .filter(text_translations::lang.eq(lang))
        .select(TranslationRow::as_select())
        .load(conn)
}

/// Translations into `lang` of the texts of these rounds (their own, not their proposals').
pub fn of_rounds(
    conn: &mut DbConnection,
    round_ids: &[i64],
    lang: &str,
) -> QueryResult<Vec<TranslationRow>> {
    text_translations::table
        .filter(text_translations::round_id.eq_any(round_ids))
        .filter(text_translations::proposal_id.is_null())
        .filter(text_translations::lang.eq(lang))
        .select(TranslationRow::as_select())
        .load(conn)
}

/// Every language a text is translated into.
pub fn of_text(
    conn: &mut DbConnection,
    round_id: i64,
    proposal_id: Option<i64>,
) -> QueryResult<Vec<TranslationRow>> {
    let query = text_translations::table
        .filter(text_translations::round_id.eq(round_id))
        .select(TranslationRow::as_select())
        .order(text_translations::lang)
        .into_boxed();
    match proposal_id {
        Some(id) => query.filter(text_translations::proposal_id.eq(id)),
        None => query.filter(text_translations::proposal_id.is_null()),
    }
    .load(conn)
}

/// Removes the text's translation into `lang` (every language: None), if any; returns whether
/// there was one.
pub fn delete(
    conn: &mut DbConnection,
    round_id: i64,
    proposal_id: Option<i64>,
    lang: Option<&str>,
) -> QueryResult<bool> {
    let mut target = text_translations::table
        .filter(text_translations::round_id.eq(round_id))
        .into_boxed();
    if let Some(lang) = lang {
        target = target.filter(text_translations::lang.eq(lang));
    }
    let ids: Vec<i64> = match proposal_id {
        Some(id) => target.filter(text_translations::proposal_id.eq(id)),
        None => target.filter(text_translations::proposal_id.is_null()),
    }
    .select(text_translations::id)
    .load(conn)?;
    diesel::delete(text_translations::table.filter(text_translations::id.eq_any(&ids)))
        .execute(conn)
        .map(|n| n > 0)
}

pub fn insert(
    conn: &mut DbConnection,
    row: &TranslationRow,
    translator_id: Option<i64>,
) -> QueryResult<()> {
    diesel::insert_into(text_translations::table)
        .values((
            text_translations::round_id.eq(row.round_id),
            text_translations::proposal_id.eq(row.proposal_id),
            text_translations::lang.eq(&row.lang),
            text_translations::title.eq(&row.title),
            text_translations::description.eq(&row.description),
            text_translations::translated_at.eq(row.translated_at),
            text_translations::translator_id.eq(translator_id),
        ))
        .execute(conn)
        .map(|_| ())
}
