//! The log of security-relevant actions (role changes, exports, deletions…) and the daily
//! counters of logins, as council and auditors read them.

use chrono::NaiveDateTime;
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::models::audit;
use crate::db::DbConnection;
use crate::error::AppResult;

/// The newest entries and daily counters a reader is shown.
pub const SHOWN: i64 = 200;
const COUNTER_DAYS: i64 = 30;

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct AuditEntry {
    pub id: i64,
    pub at: NaiveDateTime,
    pub actor_id: Option<i64>,
    pub action: String,
    pub detail: String,
}

/// How often something happened on one day (`login.failed`…).
#[derive(Clone, Debug)]
pub struct DailyCount {
    pub day: String,
    pub name: String,
    pub count: i64,
}

/// The newest entries, newest first.
pub fn latest(conn: &mut DbConnection) -> AppResult<Vec<AuditEntry>> {
    Ok(audit::latest(conn, SHOWN)?
        .into_iter()
        .map(|a| AuditEntry {
            id: a.id,
            at: a.at,
            actor_id: a.actor_id,
            action: a.action,
            detail: a.detail,
        })
        .collect())
}

/// The counters of the last days, newest first.
pub fn counters(conn: &mut DbConnection) -> AppResult<Vec<DailyCount>> {
    Ok(audit::counters(conn, COUNTER_DAYS)?
        .into_iter()
        .map(|(day, name, count)| DailyCount { day, name, count })
        .collect())
}

/// Records that someone took data out of the system (an export or an audit package).
pub fn record_export(
    conn: &mut DbConnection,
    now: NaiveDateTime,
    actor_id: Option<i64>,
    what: &str,
) -> AppResult<()> {
    audit::insert(conn, now, actor_id, "export", what)?;
    Ok(())
}
