use diesel::prelude::*;

use crate::db::schema::round_proposal_rules;
use crate::db::DbConnection;

/// How a round takes proposals. Rounds without a row use `ProposalRules::default()`.
#[derive(Queryable, Selectable, Clone, Debug, PartialEq, Eq)]
#[diesel(table_name = round_proposal_rules)]
pub struct ProposalRulesRow {
    pub round_id: i64,
    pub max_per_author: i32,
    pub supports_enabled: i32,
    pub support_threshold: Option<i32>,
    pub comments: String,
    pub comment_min_account_days: i32,
    pub comment_requires_verified_email: i32,
}

pub fn find(conn: &mut DbConnection, round_id: i64) -> QueryResult<Option<ProposalRulesRow>> {
    round_proposal_rules::table
        .find(round_id)
        .select(ProposalRulesRow::as_select())
        .first(conn)
        .optional()
}

pub fn replace(conn: &mut DbConnection, row: &ProposalRulesRow) -> QueryResult<()> {
    diesel::delete(round_proposal_rules::table.find(row.round_id)).execute(conn)?;
    diesel::insert_into(round_proposal_rules::table)
        .values((
            round_proposal_rules::round_id.eq(row.round_id),
            round_proposal_rules::max_per_author.eq(row.max_per_author),
            round_proposal_rules::supports_enabled.eq(row.supports_enabled),
            round_proposal_rules::support_threshold.eq(row.support_threshold),
            round_proposal_rules::comments.eq(&row.comments),
            round_proposal_rules::comment_min_account_days.eq(row.comment_min_account_days),
            round_proposal_rules::comment_requires_verified_email
                .eq(row.comment_requires_verified_email),
        ))
        .execute(conn)
        .map(|_| ())
}
