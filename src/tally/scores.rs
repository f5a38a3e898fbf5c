//! What the greedy family ranks by: a score per project from any kind of ballot, and how many
//! voters supported each project at all.

use super::types::{Ballot, Election, PositionalScheme};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scores {
    /// Approval count, points total or positional points, indexed like `Election::projects`.
    pub score: Vec<u64>,
    /// Voters who approved, ranked or gave points to the project.
    pub supporters: Vec<u64>,
}

/// Points for 0-based `position` in a ranking of length `len`.
pub fn positional_points(scheme: &PositionalScheme, position: usize, len: usize) -> u64 {
    match scheme {
        PositionalScheme::BallotLengthBorda => len.saturating_sub(position) as u64,
        PositionalScheme::Custom(points) => points.get(position).copied().unwrap_or(0),
    }
}

/// Scores of every project. Indices out of range are ignored here; `tally` refuses them first.
pub fn scores(election: &Election) -> Scores {
    let n = election.projects.len();
    let mut score = vec![0u64; n];
    let mut supporters = vec![0u64; n];
    let mut add = |i: usize, points: u64| {
        if let (Some(s), Some(c)) = (score.get_mut(i), supporters.get_mut(i)) {
            *s = s.saturating_add(points);
            *c += 1;
        }
    };
    for ballot in &election.ballots {
        match ballot {
            Ballot::Approval(ids) => ids.iter().for_each(|&i| add(i, 1)),
            Ballot::Ranking(ids) => ids.iter().enumerate().for_each(|(pos, &i)| {
                add(i, positional_points(&election.positional, pos, ids.len()))
            }),
            Ballot::Points(entries) => entries
                .iter()
                .filter(|&&(_, p)| p > 0)
                .for_each(|&(i, p)| add(i, p)),
        }
    }
    Scores { score, supporters }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tally::Project;

    fn election(ballots: Vec<Ballot>, positional: PositionalScheme) -> Election {
        Election {
            projects: (0..3)
                .map(|i| Project {
                    id: i.to_string(),
                    cost: 1,
                    withdrawn: false,
                    district: None,
                    category: None,
                })
                .collect(),
            budget: 10,
            ballots,
            positional,
        }
    }

    #[test]
    fn approval_counts() {
        let e = election(
            vec![Ballot::Approval(vec![0, 1]), Ballot::Approval(vec![1])],
            PositionalScheme::BallotLengthBorda,
        );
        let s = scores(&e);
        assert_eq!(s.score, vec![1, 2, 0]);
        assert_eq!(s.supporters, vec![1, 2, 0]);
    }

    #[test]
    fn points_total_not_voter_count() {
        let e = election(
            vec![
                Ballot::Points(vec![(0, 3), (1, 1)]),
                Ballot::Points(vec![(1, 1), (2, 0)]),
            ],
            PositionalScheme::BallotLengthBorda,
        );
        let s = scores(&e);
        assert_eq!(s.score, vec![3, 2, 0]);
        assert_eq!(s.supporters, vec![1, 2, 0]);
    }

    #[test]
    fn rankings_use_their_own_length() {
        let ballots = vec![Ballot::Ranking(vec![2, 0, 1]), Ballot::Ranking(vec![1])];
        let s = scores(&election(
            ballots.clone(),
            PositionalScheme::BallotLengthBorda,
        ));
        assert_eq!(s.score, vec![2, 1 + 1, 3]);
        // m − i with m = 5, as a round's own rankings are scored.
        let s = scores(&election(
            ballots.clone(),
            PositionalScheme::Custom(vec![5, 4, 3, 2, 1]),
        ));
        assert_eq!(s.score, vec![4, 3 + 5, 5]);
        let s = scores(&election(ballots, PositionalScheme::Custom(vec![10, 1])));
        assert_eq!(s.score, vec![1, 10, 10]);
        assert_eq!(s.supporters, vec![1, 2, 1]);
    }
}
