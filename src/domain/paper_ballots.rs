//! Paper ballots, entered twice by two different poll officers. The first entry waits, sealed
//! like any ballot, until a second officer enters the same choices; then the ballot is cast
//! through the same exactly-once path as an online ballot (`board_writes::commit`).

use chrono::NaiveDateTime;

use super::ballots::{self, Cast, Channel, Choice, Voter};
use super::board_writes;
use super::people::Account;
use super::sealing::RoundKeys;
use crate::db::models::{ballot, user};
use crate::db::{write_transaction, DbConnection};
use crate::domain::ids::RoundId;
use crate::error::{AppError, AppResult};
use crate::i18n::Message;

#[derive(Debug)]
pub enum PaperOutcome {
    /// First entry recorded; a second officer must enter the same ballot.
    AwaitingSecondEntry,
    /// Both entries agreed; the ballot is cast.
    Cast(String),
    /// The second entry differs from the first; both are discarded and the ballot must be
    /// entered twice again.
    Mismatch,
}

/// Double entry of a paper ballot by poll officers, for a voter whose eligibility the
/// application checks like an online ballot. Exactly once, like any ballot.
pub fn enter_paper(
    conn: &mut DbConnection,
    secret: &[u8],
    officer_id: i64,
    round_id: RoundId,
    voter: &Account,
    choice: &Choice,
    now: NaiveDateTime,
) -> AppResult<PaperOutcome> {
    let round_id = round_id.0;
    // Validated and sealed before the round is locked, as online ballots are.
    let prepared = ballots::prepare(
        conn,
        secret,
        Cast {
            round_id,
            voter: Voter::Account(voter),
            requested_district: None,
            choice,
            channel: Channel::Paper,
        },
        now,
    )?;
    let round = crate::domain::rounds::find(conn, RoundId(round_id))?;
    let district = super::eligibility::check(conn, &round, voter)?.district_id;
    let content = ballots::validate(&ballots::paper(conn, &round, district)?, choice)?.to_json()?;
    let keys = RoundKeys::new(secret, round_id);
    write_transaction(conn, |conn| {
        // One entry of this voter at a time. The round's board is locked only to cast the
        // ballot, after its participation, in the order every ballot writer takes: a
        // paper ballot and an online one of the same person never wait for each other
        // crosswise.
        user::lock(conn, voter.id)?;
        if ballots::has_voted(conn, secret, RoundId(round_id), voter)? {
            return Err(AppError::Conflict(Message::new(
                "messages-ballots-person-already-voted-round",
            )));
        }
        match ballot::pending_paper(conn, round_id, voter.id)? {
            None => {
                let sealed = hex::encode(keys.seal_paper_entry(voter.id, &content)?);
                ballot::add_pending_paper(conn, round_id, voter.id, &sealed, officer_id, now)?;
                Ok(PaperOutcome::AwaitingSecondEntry)
            }
            Some((_, first_officer)) if first_officer == officer_id => Err(AppError::Conflict(
                Message::new("messages-ballots-entered-ballot-already-second"),
            )),
            Some((pending, _)) => {
                ballot::clear_pending_paper(conn, round_id, voter.id)?;
                let first =
                    hex::decode(&pending)
                        .map_err(AppError::internal)
                        .and_then(|sealed| {
                            keys.open_paper_entry(voter.id, &sealed)
                                .map_err(AppError::internal)
                        })?;
                if first != content {
                    return Ok(PaperOutcome::Mismatch);
                }
                let receipt = board_writes::commit(conn, &prepared, now)?;
                Ok(PaperOutcome::Cast(receipt.tracking_code))
            }
        }
    })
}
