//! Sequential Phragmén (placeholder until the implementation lands).
use super::types::{Election, Outcome, TallyError, TieBreak};

pub fn sequential_phragmen(
    _election: &Election,
    _tie_break: &TieBreak,
) -> Result<Outcome, TallyError> {
    Err(TallyError::Unsupported(
        "phragmen: not implemented yet".into(),
    ))
}
