//! Method of Equal Shares (placeholder until the implementation lands).
use super::types::{Completion, Election, Outcome, TallyError, TieBreak};

pub fn method_of_equal_shares(
    _election: &Election,
    _completion: Completion,
    _tie_break: &TieBreak,
) -> Result<Outcome, TallyError> {
    Err(TallyError::Unsupported("mes: not implemented yet".into()))
}
