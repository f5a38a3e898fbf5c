//! The tally core: pure functions from an election (projects, ballots, budget) and a rule to an
//! outcome with a per-project explanation. No I/O, no database types; deterministic.

pub mod compare;
pub mod greedy;
pub mod mes;
pub mod phragmen;
pub mod rule;
pub mod scores;
pub mod tiebreak;
mod types;

pub use types::*;

use std::collections::HashSet;

/// Tallies `election` under `rule`, settling ties with `tie_break` (see
/// `Rule::default_tie_break` for the usual chain). Refuses elections that break the invariants
/// the rules rely on rather than guessing.
pub fn tally(
    election: &Election,
    rule: &Rule,
    tie_break: &TieBreak,
) -> Result<Outcome, TallyError> {
    validate(election)?;
    match rule {
        Rule::Greedy
        | Rule::GreedyNoSkip
        | Rule::GreedyThreshold { .. }
        | Rule::GreedyNoSkipThreshold { .. } => greedy::greedy(election, rule, tie_break),
        Rule::Mes {
            completion,
            utilitarian_fill,
        } => {
            let mut outcome = mes::method_of_equal_shares(election, *completion, tie_break)?;
            outcome.rule = rule.clone();
            if *utilitarian_fill {
                greedy::fill(election, &mut outcome, tie_break);
            }
            Ok(outcome)
        }
        Rule::MesComparison { completion } => {
            let mes = mes::method_of_equal_shares(election, *completion, tie_break)?;
            let greedy = greedy::greedy(election, &Rule::Greedy, tie_break)?;
            let (prefer_mes, prefer_greedy) =
                greedy::preferences(election, &mes.selected, &greedy.selected);
            let mut outcome = if prefer_greedy > prefer_mes {
                greedy
            } else {
                mes
            };
            outcome.rule = rule.clone();
            outcome.tie_break = tie_break.clone();
            Ok(outcome)
        }
        Rule::Phragmen => phragmen::sequential_phragmen(election, tie_break),
    }
}

/// Checks what every rule assumes: unique ids, positive costs, a budget ≥ 0, ballots that
/// name existing projects at most once each.
pub fn validate(election: &Election) -> Result<(), TallyError> {
    let invalid = |msg: String| Err(TallyError::InvalidElection(msg));
    if election.budget < 0 {
        return invalid(format!("budget {} is negative", election.budget));
    }
    let mut ids = HashSet::new();
    for p in &election.projects {
        if !ids.insert(p.id.as_str()) {
            return invalid(format!("project id \"{}\" appears twice", p.id));
        }
        if p.cost <= 0 {
            return invalid(format!("project \"{}\" costs {}, not > 0", p.id, p.cost));
        }
    }
    let n = election.projects.len();
    // `last_seen[i] == b + 1` marks project i as named on ballot b: one array for all ballots
    // instead of a set per ballot (this check runs over every ballot of every tally).
    let mut last_seen = vec![0usize; n];
    for (b, ballot) in election.ballots.iter().enumerate() {
        let mut check = |i: usize| -> Result<(), TallyError> {
            if i >= n {
                return invalid(format!("ballot {b} names project index {i} of {n}"));
            }
            if last_seen[i] == b + 1 {
                return invalid(format!(
                    "ballot {b} names project \"{}\" twice",
                    election.projects[i].id
                ));
            }
            last_seen[i] = b + 1;
            Ok(())
        };
        match ballot {
            Ballot::Approval(v) | Ballot::Ranking(v) => v.iter().try_for_each(|&i| check(i))?,
            Ballot::Points(v) => v.iter().try_for_each(|&(i, _)| check(i))?,
        }
    }
    Ok(())
}

impl Ballot {
    /// An approval ballot; a project named twice counts once.
    pub fn approval(projects: impl IntoIterator<Item = usize>) -> Self {
        Ballot::Approval(first_mentions(projects, |&i| i))
    }

    /// A ranking, best first; a repeated project keeps its first (best) place.
    pub fn ranking(projects: impl IntoIterator<Item = usize>) -> Self {
        Ballot::Ranking(first_mentions(projects, |&i| i))
    }

    /// Points per project; zero-point entries are dropped and a repeat keeps its first entry.
    pub fn points(entries: impl IntoIterator<Item = (usize, u64)>) -> Self {
        let entries = entries.into_iter().filter(|&(_, p)| p > 0);
        Ballot::Points(first_mentions(entries, |&(i, _)| i))
    }
}

fn first_mentions<T>(items: impl IntoIterator<Item = T>, key: impl Fn(&T) -> usize) -> Vec<T> {
    let mut seen = HashSet::new();
    items.into_iter().filter(|t| seen.insert(key(t))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn election(projects: &[(&str, i64)], ballots: Vec<Ballot>) -> Election {
        Election {
            projects: projects
                .iter()
                .map(|&(id, cost)| Project {
                    id: id.into(),
                    cost,
                    withdrawn: false,
                    district: None,
                    category: None,
                })
                .collect(),
            budget: 100,
            ballots,
            positional: PositionalScheme::BallotLengthBorda,
        }
    }

    fn refused(e: &Election) -> String {
        match tally(e, &Rule::Greedy, &TieBreak::greedy_default()) {
            Err(TallyError::InvalidElection(msg)) => msg,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn refuses_broken_elections() {
        let ok = election(&[("a", 10)], vec![Ballot::Approval(vec![0])]);
        assert!(tally(&ok, &Rule::Greedy, &TieBreak::greedy_default()).is_ok());
        assert!(
            refused(&election(&[("a", 10)], vec![Ballot::Approval(vec![1])])).contains("index 1")
        );
        assert!(
            refused(&election(&[("a", 10)], vec![Ballot::Ranking(vec![0, 0])])).contains("twice")
        );
        assert!(refused(&election(&[("a", 0)], vec![])).contains("not > 0"));
        assert!(refused(&election(&[("a", 1), ("a", 2)], vec![])).contains("appears twice"));
        let mut negative = ok.clone();
        negative.budget = -1;
        assert!(refused(&negative).contains("negative"));
    }

    #[test]
    fn constructors_dedupe() {
        assert_eq!(Ballot::approval([2, 0, 2]), Ballot::Approval(vec![2, 0]));
        assert_eq!(Ballot::ranking([1, 0, 1]), Ballot::Ranking(vec![1, 0]));
        assert_eq!(
            Ballot::points([(1, 3), (0, 0), (1, 2), (2, 1)]),
            Ballot::Points(vec![(1, 3), (2, 1)])
        );
    }
}
