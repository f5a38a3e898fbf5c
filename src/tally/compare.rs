//! The council's rule simulator: one election counted under several rules side by side, with
//! how many voters got at least one project they supported.

use serde::Serialize;

use super::{tally, Ballot, Election, Outcome, Rule};

#[derive(Clone, Debug, Serialize)]
pub struct RuleComparison {
    /// The rule's CLI name.
    pub rule: String,
    pub outcome: Result<Outcome, String>,
    /// Voters with at least one funded project among those they supported.
    pub voters_with_a_funded_project: usize,
}

/// The rules the simulator compares: most votes first, equal shares, Phragmén.
pub fn default_rules() -> Vec<Rule> {
    vec![
        Rule::Greedy,
        Rule::Mes {
            completion: super::Completion::Add1,
            utilitarian_fill: false,
        },
        Rule::Phragmen,
    ]
}

pub fn compare(election: &Election, rules: &[Rule]) -> Vec<RuleComparison> {
    rules
        .iter()
        .map(|rule| {
            let outcome =
                tally(election, rule, &rule.default_tie_break()).map_err(|e| e.to_string());
            let voters_with_a_funded_project = match &outcome {
                Ok(outcome) => {
                    let funded: std::collections::HashSet<usize> = election
                        .projects
                        .iter()
                        .enumerate()
                        .filter(|(_, p)| outcome.selected.contains(&p.id))
                        .map(|(i, _)| i)
                        .collect();
                    election
                        .ballots
                        .iter()
                        .filter(|b| supported(b).any(|i| funded.contains(&i)))
                        .count()
                }
                Err(_) => 0,
            };
            RuleComparison {
                rule: rule.to_string(),
                outcome,
                voters_with_a_funded_project,
            }
        })
        .collect()
}

fn supported(ballot: &Ballot) -> Box<dyn Iterator<Item = usize> + '_> {
    match ballot {
        Ballot::Approval(ids) | Ballot::Ranking(ids) => Box::new(ids.iter().copied()),
        Ballot::Points(points) => Box::new(points.iter().filter(|(_, n)| *n > 0).map(|(i, _)| *i)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tally::{PositionalScheme, Project};

    fn project(id: &str, cost: i64) -> Project {
        Project {
            id: id.into(),
            cost,
            withdrawn: false,
            district: None,
            category: None,
        }
    }

    #[test]
    fn counts_voters_served_under_each_rule() {
        // Three voters love the expensive project, two share cheap ones: greedy funds the big
        // one only; equal shares gives the minority its share.
        let election = Election {
            projects: vec![
                project("big", 80),
                project("small1", 20),
                project("small2", 20),
            ],
            budget: 100,
            ballots: vec![
                Ballot::Approval(vec![0]),
                Ballot::Approval(vec![0]),
                Ballot::Approval(vec![0]),
                Ballot::Approval(vec![1, 2]),
                Ballot::Approval(vec![1, 2]),
            ],
            positional: PositionalScheme::BallotLengthBorda,
        };
        let result = compare(&election, &default_rules());
        assert_eq!(result.len(), 3);
        let greedy = result[0].outcome.as_ref().unwrap();
        assert_eq!(
            greedy.selected,
            vec!["big".to_string(), "small1".to_string()]
        );
        assert_eq!(result[0].voters_with_a_funded_project, 5);
        for r in &result {
            let outcome = r.outcome.as_ref().unwrap();
            assert!(outcome.spent <= 100);
            assert!(r.voters_with_a_funded_project <= 5);
        }
    }

    #[test]
    fn a_rule_that_does_not_apply_is_reported_not_hidden() {
        let election = Election {
            projects: vec![project("a", 10)],
            budget: 10,
            ballots: vec![Ballot::Points(vec![(0, 3)])],
            positional: PositionalScheme::BallotLengthBorda,
        };
        let result = compare(&election, &[Rule::Phragmen]);
        assert!(result[0].outcome.is_err());
        assert_eq!(result[0].voters_with_a_funded_project, 0);
    }
}
