//! The greedy family (skip, no-skip, threshold) and the utilitarian fill that may follow MES.
//!
//! Projects are walked by score, highest first, ties settled by the tie-break chain; each gets
//! an `Explanation` saying where the walk met it and why it was or was not funded.

use std::cmp::Ordering;
use std::collections::HashMap;

use super::scores::{positional_points, scores, Scores};
use super::types::{Ballot, Election, Explanation, Outcome, Reason, Rule, TallyError, TieBreak};

/// Project indices by score (highest first), then by `tie_break`. Total when ids are unique.
pub fn score_order(election: &Election, score: &[u64], tie_break: &TieBreak) -> Vec<usize> {
    let mut order: Vec<usize> = (0..election.projects.len()).collect();
    order.sort_by(|&a, &b| {
        let by_score = score.get(b).cmp(&score.get(a));
        if by_score != Ordering::Equal {
            return by_score;
        }
        tie_break.compare(&election.projects[a], &election.projects[b])
    });
    order
}

/// Runs the greedy family (with or without skipping, with or without a threshold). Withdrawn
/// projects, projects nobody supported and projects below the threshold are never funded and
/// never stop a no-skip walk.
pub fn greedy(
    election: &Election,
    rule: &Rule,
    tie_break: &TieBreak,
) -> Result<Outcome, TallyError> {
    let (skip, threshold) = match rule {
        Rule::Greedy => (true, None),
        Rule::GreedyNoSkip => (false, None),
        Rule::GreedyThreshold { min_score } => (true, Some(*min_score)),
        Rule::GreedyNoSkipThreshold { min_score } => (false, Some(*min_score)),
        other => {
            return Err(TallyError::Unsupported(format!(
                "{other} is not a greedy rule"
            )))
        }
    };
    let Scores { score, supporters } = scores(election);
    let order = score_order(election, &score, tie_break);

    let mut left = election.budget;
    let mut stopped_at: Option<String> = None;
    let mut selected = Vec::new();
    let mut explanations: Vec<Option<Explanation>> = vec![None; election.projects.len()];
    for (rank, &i) in order.iter().enumerate() {
        let project = &election.projects[i];
        // After a no-skip stop, the walk never reached the remaining projects.
        let position = stopped_at.is_none().then_some(rank + 1);
        let reason = if project.withdrawn {
            Reason::Withdrawn
        } else if supporters[i] == 0 {
            Reason::NoSupport
        } else if let Some(at) = &stopped_at {
            Reason::WalkStopped {
                stopped_at: at.clone(),
            }
        } else if let Some(t) = threshold.filter(|&t| score[i] < t) {
            Reason::BelowThreshold { threshold: t }
        } else if project.cost <= left {
            let reason = Reason::Funded { budget_left: left };
            left -= project.cost;
            selected.push(project.id.clone());
            reason
        } else {
            if !skip {
                stopped_at = Some(project.id.clone());
            }
            Reason::DidNotFit { budget_left: left }
        };
        explanations[i] = Some(Explanation {
            project: project.id.clone(),
            cost: project.cost,
            score: score[i],
            supporters: supporters[i],
            position,
            selected: matches!(reason, Reason::Funded { .. }),
            reason,
        });
    }
    Ok(Outcome {
        rule: rule.clone(),
        tie_break: tie_break.clone(),
        budget: election.budget,
        spent: election.budget - left,
        selected,
        explanations: explanations
            .into_iter()
            .map(|e| e.expect("the order visits every project once"))
            .collect(),
    })
}

/// The utilitarian fill after MES: walks the projects MES left out by score (skip variant) and
/// funds those that fit in what MES left, marking them `FilledAfterMes`. Other explanations
/// keep what MES said.
pub fn fill(election: &Election, outcome: &mut Outcome, tie_break: &TieBreak) {
    let Scores { score, supporters } = scores(election);
    let by_id: HashMap<String, usize> = outcome
        .explanations
        .iter()
        .enumerate()
        .map(|(k, e)| (e.project.clone(), k))
        .collect();
    // Filled projects continue the selection order.
    let mut next_position = outcome.selected.len() + 1;
    let mut left = outcome.budget - outcome.spent;
    for i in score_order(election, &score, tie_break) {
        let project = &election.projects[i];
        if project.withdrawn
            || supporters[i] == 0
            || project.cost > left
            || outcome.selected.contains(&project.id)
        {
            continue;
        }
        let Some(&k) = by_id.get(&project.id) else {
            continue;
        };
        let e = &mut outcome.explanations[k];
        e.selected = true;
        e.position = Some(next_position);
        e.reason = Reason::FilledAfterMes { budget_left: left };
        next_position += 1;
        left -= project.cost;
        outcome.spent += project.cost;
        outcome.selected.push(project.id.clone());
    }
}

/// How many voters get strictly more from outcome `a` than from `b`, and the reverse. A voter
/// gets the sum of what their ballot gives each selected project: 1 per approval, the points,
/// or the positional points of a ranking.
pub fn preferences(election: &Election, a: &[String], b: &[String]) -> (u64, u64) {
    let index: HashMap<&str, usize> = election
        .projects
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let mark = |ids: &[String]| {
        let mut chosen = vec![false; election.projects.len()];
        for i in ids.iter().filter_map(|id| index.get(id.as_str())) {
            chosen[*i] = true;
        }
        chosen
    };
    let (in_a, in_b) = (mark(a), mark(b));
    let (mut prefer_a, mut prefer_b) = (0, 0);
    for ballot in &election.ballots {
        let (mut got_a, mut got_b) = (0u64, 0u64);
        let mut add = |i: usize, points: u64| {
            if in_a.get(i) == Some(&true) {
                got_a = got_a.saturating_add(points);
            }
            if in_b.get(i) == Some(&true) {
                got_b = got_b.saturating_add(points);
            }
        };
        match ballot {
            Ballot::Approval(ids) => ids.iter().for_each(|&i| add(i, 1)),
            Ballot::Ranking(ids) => ids.iter().enumerate().for_each(|(pos, &i)| {
                add(i, positional_points(&election.positional, pos, ids.len()))
            }),
            Ballot::Points(entries) => entries.iter().for_each(|&(i, p)| add(i, p)),
        }
        match got_a.cmp(&got_b) {
            Ordering::Greater => prefer_a += 1,
            Ordering::Less => prefer_b += 1,
            Ordering::Equal => {}
        }
    }
    (prefer_a, prefer_b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tally::{Ballot, Completion, PositionalScheme, Project};

    fn project(id: &str, cost: i64) -> Project {
        Project {
            id: id.into(),
            cost,
            withdrawn: false,
            district: None,
            category: None,
        }
    }

    /// Projects a..e costing 50, 40, 30, 20, 10 with 5, 4, 3, 2, 1 approvals.
    fn ladder(budget: i64) -> Election {
        let projects: Vec<Project> = ["a", "b", "c", "d", "e"]
            .iter()
            .zip([50, 40, 30, 20, 10])
            .map(|(id, c)| project(id, c))
            .collect();
        let ballots = (1..=5)
            .map(|k| Ballot::Approval((0..(6 - k)).collect()))
            .collect();
        Election {
            projects,
            budget,
            ballots,
            positional: PositionalScheme::BallotLengthBorda,
        }
    }

    fn run(e: &Election, rule: Rule) -> Outcome {
        greedy(e, &rule, &TieBreak::greedy_default()).unwrap()
    }

    #[test]
    fn skip_goes_on_after_a_misfit() {
        let o = run(&ladder(75), Rule::Greedy);
        assert_eq!(o.selected, vec!["a", "d"]);
        assert_eq!(o.spent, 70);
        assert_eq!(o.explanations[0].reason, Reason::Funded { budget_left: 75 });
        assert_eq!(
            o.explanations[1].reason,
            Reason::DidNotFit { budget_left: 25 }
        );
        assert_eq!(o.explanations[3].reason, Reason::Funded { budget_left: 25 });
        assert_eq!(
            o.explanations[4].reason,
            Reason::DidNotFit { budget_left: 5 }
        );
        assert_eq!(o.explanations[1].position, Some(2));
        assert_eq!(
            (o.explanations[0].score, o.explanations[0].supporters),
            (5, 5)
        );
    }

    #[test]
    fn no_skip_stops_at_the_first_misfit() {
        let o = run(&ladder(75), Rule::GreedyNoSkip);
        assert_eq!(o.selected, vec!["a"]);
        assert_eq!(
            o.explanations[1].reason,
            Reason::DidNotFit { budget_left: 25 }
        );
        assert_eq!(o.explanations[1].position, Some(2));
        assert_eq!(
            o.explanations[3].reason,
            Reason::WalkStopped {
                stopped_at: "b".into()
            }
        );
        assert_eq!(o.explanations[3].position, None);
    }

    #[test]
    fn withdrawn_never_funded_nor_stops_the_walk() {
        let mut e = ladder(100);
        e.projects[1].withdrawn = true;
        e.projects[1].cost = 99_999_999_900;
        let o = run(&e, Rule::GreedyNoSkip);
        assert_eq!(o.selected, vec!["a", "c", "d"]);
        assert_eq!(o.explanations[1].reason, Reason::Withdrawn);
        // Even when it would fit.
        e.projects[1].cost = 1;
        assert!(!run(&e, Rule::Greedy).selected.contains(&"b".to_string()));
    }

    #[test]
    fn threshold_excludes_low_scores_whatever_the_money() {
        let o = run(&ladder(1000), Rule::GreedyThreshold { min_score: 3 });
        assert_eq!(o.selected, vec!["a", "b", "c"]);
        assert_eq!(
            o.explanations[3].reason,
            Reason::BelowThreshold { threshold: 3 }
        );
        assert_eq!(o.explanations[3].position, Some(4));
    }

    #[test]
    fn no_skip_with_a_threshold_funds_nothing_below_it() {
        let o = run(&ladder(1000), Rule::GreedyNoSkip);
        assert_eq!(o.selected, vec!["a", "b", "c", "d", "e"]);
        let o = run(&ladder(1000), Rule::GreedyNoSkipThreshold { min_score: 3 });
        assert_eq!(o.selected, vec!["a", "b", "c"]);
        for i in [3, 4] {
            assert!(matches!(
                o.explanations[i].reason,
                Reason::BelowThreshold { threshold: 3 }
            ));
        }
        // Still no skipping: c (30) does not fit in the 10 left, and the walk stops there.
        let o = run(&ladder(100), Rule::GreedyNoSkipThreshold { min_score: 1 });
        assert_eq!(o.selected, vec!["a", "b"]);
        assert!(matches!(
            o.explanations[3].reason,
            Reason::WalkStopped { .. }
        ));
    }

    #[test]
    fn unsupported_projects_are_not_funded() {
        let mut e = ladder(1000);
        e.projects.push(project("z", 1));
        let o = run(&e, Rule::Greedy);
        assert_eq!(o.explanations[5].reason, Reason::NoSupport);
        assert!(!o.explanations[5].selected);
    }

    #[test]
    fn ties_follow_the_chain() {
        let e = Election {
            projects: vec![project("9", 20), project("10", 20), project("8", 10)],
            budget: 30,
            ballots: vec![Ballot::Approval(vec![0, 1, 2])],
            positional: PositionalScheme::BallotLengthBorda,
        };
        // cost first: "8" (10), then "10" before "9" as strings.
        assert_eq!(run(&e, Rule::Greedy).selected, vec!["8", "10"]);
        let by_id = greedy(&e, &Rule::Greedy, &"id".parse().unwrap()).unwrap();
        assert_eq!(by_id.selected, vec!["10", "8"]);
        let pricey = greedy(&e, &Rule::Greedy, &"-cost,id".parse().unwrap()).unwrap();
        assert_eq!(pricey.selected, vec!["10", "8"]);
    }

    #[test]
    fn not_a_greedy_rule() {
        assert!(greedy(&ladder(1), &Rule::Phragmen, &TieBreak::mes_default()).is_err());
    }

    #[test]
    fn preferences_count_strict_winners_only() {
        let e = Election {
            projects: vec![project("a", 1), project("b", 1), project("c", 1)],
            budget: 3,
            ballots: vec![
                Ballot::Approval(vec![0]),
                Ballot::Approval(vec![0, 1]),
                Ballot::Approval(vec![1, 2]),
                Ballot::Points(vec![(2, 5), (0, 1)]),
                Ballot::Ranking(vec![1, 0]),
                Ballot::Approval(vec![]),
            ],
            positional: PositionalScheme::BallotLengthBorda,
        };
        let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        // {a} against {b, c}: ballot 1 prefers {a} (1 to 0); 2 and 6 tie (1 to 1, 0 to 0);
        // 3, 4 and 5 prefer {b, c} (0 to 2, 1 to 5, 1 to 2).
        assert_eq!(preferences(&e, &ids(&["a"]), &ids(&["b", "c"])), (1, 3));
        assert_eq!(preferences(&e, &ids(&["b", "c"]), &ids(&["a"])), (3, 1));
        assert_eq!(preferences(&e, &ids(&["a"]), &ids(&["a"])), (0, 0));
    }

    #[test]
    fn fill_spends_what_mes_left() {
        let e = ladder(100);
        // Pretend MES funded only "b" (40).
        let mut o = run(&ladder(0), Rule::Greedy);
        o.rule = Rule::Mes {
            completion: Completion::Add1,
            utilitarian_fill: true,
        };
        o.budget = 100;
        o.spent = 40;
        o.selected = vec!["b".into()];
        o.explanations[1].selected = true;
        o.explanations[1].position = Some(1);
        fill(&e, &mut o, &TieBreak::mes_default());
        assert_eq!(o.selected, vec!["b", "a", "e"]);
        assert_eq!(o.spent, 100);
        assert_eq!(
            o.explanations[0].reason,
            Reason::FilledAfterMes { budget_left: 60 }
        );
        assert_eq!(o.explanations[0].position, Some(2));
        assert_eq!(
            o.explanations[4].reason,
            Reason::FilledAfterMes { budget_left: 10 }
        );
        assert_eq!(o.explanations[4].position, Some(3));
        assert!(!o.explanations[2].selected);
    }
}
