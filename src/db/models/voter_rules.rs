//! Who may vote, beyond the rounds table's own settings. Rounds without a row require
//! nothing more.

use diesel::prelude::*;

use crate::db::schema::round_voter_rules;
use crate::db::DbConnection;

pub fn requires_identity_provider(conn: &mut DbConnection, round_id: i64) -> QueryResult<bool> {
    let flag: Option<i32> = round_voter_rules::table
        .find(round_id)
        .select(round_voter_rules::requires_identity_provider)
        .first(conn)
        .optional()?;
    Ok(flag == Some(1))
}

pub fn set_requires_identity_provider(
    conn: &mut DbConnection,
    round_id: i64,
    required: bool,
) -> QueryResult<()> {
    diesel::delete(round_voter_rules::table.find(round_id)).execute(conn)?;
    if required {
        diesel::insert_into(round_voter_rules::table)
            .values((
                round_voter_rules::round_id.eq(round_id),
                round_voter_rules::requires_identity_provider.eq(1),
            ))
            .execute(conn)?;
    }
    Ok(())
}
