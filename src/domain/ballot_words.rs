//! Published ballots in words: the project titles a ballot names, with their ranks or points,
//! for receipts and the bulletin board (the board itself keeps the canonical JSON).

use crate::db::DbConnection;
use crate::domain::RoundId;
use crate::error::AppResult;

/// One choice of a published ballot, in words: the project's title, with its rank (ranked
/// ballots, best first from 1) or its points (cumulative ballots).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChoiceInWords {
    pub title: String,
    pub rank: Option<usize>,
    pub points: Option<u64>,
}

/// The titles of a round's projects, by id, as the public may read them (a hidden text reads
/// as the moderators' placeholder).
pub fn titles_of_round(
    conn: &mut DbConnection,
    round_id: RoundId,
) -> AppResult<std::collections::HashMap<i64, String>> {
    let hidden = super::hidden::hidden_in_round(conn, round_id)?;
    Ok(crate::db::models::proposal::of_round(conn, round_id.0)?
        .into_iter()
        .map(|p| {
            let (title, _) = super::hidden::public_text(&hidden, p.id, p.title, String::new());
            (p.id, title)
        })
        .collect())
}

/// A published ballot's content (canonical JSON) in words; None when it is sealed or cannot
/// be read (the raw content is then shown, as the board holds it).
pub fn in_words(
    content: Option<&str>,
    titles: &std::collections::HashMap<i64, String>,
) -> Option<Vec<ChoiceInWords>> {
    use super::counting::BallotContent;
    let title = |id: &i64| titles.get(id).cloned().unwrap_or_else(|| format!("#{id}"));
    Some(match serde_json::from_str(content?).ok()? {
        BallotContent::Projects(ids) => ids
            .iter()
            .map(|id| ChoiceInWords {
                title: title(id),
                rank: None,
                points: None,
            })
            .collect(),
        BallotContent::Ranking(ids) => ids
            .iter()
            .enumerate()
            .map(|(i, id)| ChoiceInWords {
                title: title(id),
                rank: Some(i + 1),
                points: None,
            })
            .collect(),
        BallotContent::Points(points) => points
            .iter()
            .map(|(id, p)| ChoiceInWords {
                title: title(id),
                rank: None,
                points: Some(*p),
            })
            .collect(),
    })
}
