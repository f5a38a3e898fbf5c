//! What a ballot is checked against — the round's settings, its districts and the ballot
//! paper of each district — kept in memory while the round is voting, so a ballot reads only
//! what is its own (the voting code, the person's eligibility) instead of the whole round.
//!
//! Why this is exact: once voting opens, the round's settings, districts and projects are
//! frozen (`round_config` refuses changes but a later closing date; reviews and withdrawals end
//! before voting). A moderator may still hide a project's text, which changes what a page shows,
//! never what a ballot may choose; these papers are used to check ballots, not to show them.
//! The closing time is the one thing that may move, and the group-commit writer decides the
//! phase again from the round as it stands under its lock. Entries are also read again after
//! `KEEP`, so a change made behind the application's back does not stay unseen.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::NaiveDateTime;

use super::ballot_rules::{paper, BallotPaper};
use super::rounds::Phase;
use crate::db::models::{district, round};
use crate::db::DbConnection;
use crate::domain::ids::RoundId;
use crate::error::AppResult;

/// How long an entry is trusted before it is read again.
const KEEP: Duration = Duration::from_secs(5);

/// A voting round as ballots are checked against it.
pub struct RoundSnapshot {
    pub row: round::RoundRow,
    /// The ids of the round's districts.
    pub districts: Vec<i64>,
    papers: Mutex<HashMap<Option<i64>, Arc<BallotPaper>>>,
    read_at: Instant,
}

impl RoundSnapshot {
    fn read(conn: &mut DbConnection, round_id: RoundId) -> AppResult<Self> {
        let row = crate::domain::rounds::find(conn, round_id)?;
        let districts = district::of_round(conn, round_id.0)?
            .iter()
            .map(|d| d.district_id)
            .collect();
        Ok(RoundSnapshot {
            row,
            districts,
            papers: Mutex::default(),
            read_at: Instant::now(),
        })
    }

    /// The ballot paper of a district (or the city-wide one), read once per snapshot.
    pub fn paper(
        &self,
        conn: &mut DbConnection,
        district_id: Option<i64>,
    ) -> AppResult<Arc<BallotPaper>> {
        if let Some(known) = lock(&self.papers).get(&district_id) {
            return Ok(known.clone());
        }
        let fresh = Arc::new(paper(conn, &self.row, district_id)?);
        lock(&self.papers).insert(district_id, fresh.clone());
        Ok(fresh)
    }

    /// The paper of a district if it was read already.
    pub fn kept_paper(&self, district_id: Option<i64>) -> Option<Arc<BallotPaper>> {
        lock(&self.papers).get(&district_id).cloned()
    }

    fn usable(&self, now: NaiveDateTime) -> bool {
        self.read_at.elapsed() < KEEP && Phase::of(&self.row, now) == Phase::Voting
    }
}

/// The snapshots of the rounds now voting, for one database.
#[derive(Default)]
pub struct BallotPapers {
    rounds: Mutex<HashMap<i64, Arc<RoundSnapshot>>>,
}

impl BallotPapers {
    /// The round as kept in memory, if it is kept and still usable (see `round`).
    pub fn kept(&self, round_id: RoundId, now: NaiveDateTime) -> Option<Arc<RoundSnapshot>> {
        lock(&self.rounds)
            .get(&round_id.0)
            .filter(|known| known.usable(now))
            .cloned()
    }

    /// The round as ballots are checked against it: kept while it is voting, read afresh
    /// otherwise (a round before or after voting refuses the ballot anyway, with the reason
    /// read from the database as it stands).
    pub fn round(
        &self,
        conn: &mut DbConnection,
        round_id: RoundId,
        now: NaiveDateTime,
    ) -> AppResult<Arc<RoundSnapshot>> {
        if let Some(known) = self.kept(round_id, now) {
            return Ok(known);
        }
        let fresh = Arc::new(RoundSnapshot::read(conn, round_id)?);
        let mut rounds = lock(&self.rounds);
        rounds.retain(|_, snapshot| snapshot.usable(now));
        if fresh.usable(now) {
            rounds.insert(round_id.0, fresh.clone());
        }
        Ok(fresh)
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
