//! Property tests of the greedy family (owned by the parser/greedy work): budget, determinism,
//! independence from input order, monotonicity.

use std::collections::BTreeSet;

use budgetbox::tally::{
    self, Ballot, Election, Outcome, PositionalScheme, Project, Rule, TieBreak, TieKey,
};
use proptest::prelude::*;

fn arb_election() -> impl Strategy<Value = Election> {
    (1usize..12).prop_flat_map(|n| {
        let projects = proptest::collection::vec((1i64..100, prop::bool::weighted(0.1)), n)
            .prop_map(|specs| {
                specs
                    .into_iter()
                    .enumerate()
                    // Ids 0..12 as strings, so "10" and "9" meet.
                    .map(|(i, (cost, withdrawn))| Project {
                        id: i.to_string(),
                        cost: if withdrawn { 99_999_999_900 } else { cost },
                        withdrawn,
                        district: None,
                        category: None,
                    })
                    .collect::<Vec<_>>()
            });
        let subset = proptest::collection::vec(0..n, 0..=n);
        let ballot = prop_oneof![
            subset.clone().prop_map(Ballot::approval),
            subset.clone().prop_map(Ballot::ranking),
            proptest::collection::vec((0..n, 0u64..5), 0..=n).prop_map(Ballot::points),
        ];
        (
            projects,
            0i64..400,
            proptest::collection::vec(ballot, 0..25),
        )
            .prop_map(|(projects, budget, ballots)| Election {
                projects,
                budget,
                ballots,
                positional: PositionalScheme::BallotLengthBorda,
            })
    })
}

fn arb_rule() -> impl Strategy<Value = Rule> {
    prop_oneof![
        Just(Rule::Greedy),
        Just(Rule::GreedyNoSkip),
        (0u64..6).prop_map(|min_score| Rule::GreedyThreshold { min_score }),
    ]
}

fn arb_tie_break() -> impl Strategy<Value = TieBreak> {
    prop_oneof![
        Just(TieBreak::greedy_default()),
        Just(TieBreak::mes_default()),
        Just(TieBreak(vec![TieKey::HigherCost])),
        any::<u64>().prop_map(|seed| TieBreak(vec![TieKey::Lottery { seed }])),
    ]
}

fn run(e: &Election, rule: &Rule, tb: &TieBreak) -> Outcome {
    tally::tally(e, rule, tb).expect("generated elections are valid")
}

proptest! {
    #[test]
    fn never_overspends_and_explains_consistently(e in arb_election(), rule in arb_rule(), tb in arb_tie_break()) {
        let o = run(&e, &rule, &tb);
        let cost = |id: &str| e.projects.iter().find(|p| p.id == id).unwrap().cost;
        prop_assert!(o.spent <= o.budget);
        prop_assert_eq!(o.spent, o.selected.iter().map(|id| cost(id)).sum::<i64>());
        prop_assert_eq!(o.explanations.len(), e.projects.len());
        let chosen: BTreeSet<&str> = o.selected.iter().map(String::as_str).collect();
        prop_assert_eq!(chosen.len(), o.selected.len());
        for (p, x) in e.projects.iter().zip(&o.explanations) {
            prop_assert_eq!(&p.id, &x.project);
            prop_assert_eq!(x.selected, chosen.contains(p.id.as_str()));
            prop_assert!(!(p.withdrawn && x.selected));
            if let Rule::GreedyThreshold { min_score } = rule {
                prop_assert!(!x.selected || x.score >= min_score);
            }
        }
        // Greedy (skip) leaves no supported, fundable project out for lack of trying.
        if rule == Rule::Greedy {
            let left = o.budget - o.spent;
            for (p, x) in e.projects.iter().zip(&o.explanations) {
                prop_assert!(x.selected || p.withdrawn || x.supporters == 0 || p.cost > left);
            }
        }
    }

    #[test]
    fn repeated_runs_are_identical(e in arb_election(), rule in arb_rule(), tb in arb_tie_break()) {
        prop_assert_eq!(run(&e, &rule, &tb), run(&e, &rule, &tb));
    }

    #[test]
    fn ballot_order_does_not_matter(
        (e, shuffled) in arb_election().prop_flat_map(|e| {
            let ballots = Just(e.ballots.clone()).prop_shuffle();
            (Just(e), ballots)
        }),
        rule in arb_rule(),
        tb in arb_tie_break(),
    ) {
        let mut other = e.clone();
        other.ballots = shuffled;
        prop_assert_eq!(run(&e, &rule, &tb), run(&other, &rule, &tb));
    }

    #[test]
    fn project_order_does_not_matter(
        (e, perm) in arb_election().prop_flat_map(|e| {
            let perm = Just((0..e.projects.len()).collect::<Vec<_>>()).prop_shuffle();
            (Just(e), perm)
        }),
        rule in arb_rule(),
        tb in arb_tie_break(),
    ) {
        // perm[new] = old; ballots are renumbered to follow their projects.
        let mut new_of = vec![0; perm.len()];
        for (new, &old) in perm.iter().enumerate() {
            new_of[old] = new;
        }
        let renumber = |b: &Ballot| match b {
            Ballot::Approval(v) => Ballot::Approval(v.iter().map(|&i| new_of[i]).collect()),
            Ballot::Ranking(v) => Ballot::Ranking(v.iter().map(|&i| new_of[i]).collect()),
            Ballot::Points(v) => Ballot::Points(v.iter().map(|&(i, p)| (new_of[i], p)).collect()),
        };
        let other = Election {
            projects: perm.iter().map(|&old| e.projects[old].clone()).collect(),
            ballots: e.ballots.iter().map(renumber).collect(),
            ..e.clone()
        };
        let (a, b) = (run(&e, &rule, &tb), run(&other, &rule, &tb));
        prop_assert_eq!(&a.selected, &b.selected);
        prop_assert_eq!(a.spent, b.spent);
        for (new, &old) in perm.iter().enumerate() {
            prop_assert_eq!(&a.explanations[old], &b.explanations[new]);
        }
    }

    #[test]
    fn more_support_never_deselects(e in arb_election(), rule in arb_rule(), tb in arb_tie_break(), pick in any::<prop::sample::Index>()) {
        let o = run(&e, &rule, &tb);
        prop_assume!(!o.selected.is_empty());
        let id = &o.selected[pick.index(o.selected.len())];
        let i = e.projects.iter().position(|p| &p.id == id).unwrap();
        let mut more = e.clone();
        // A ballot of the same kind as the first, so scores stay comparable.
        more.ballots.push(match e.ballots.first() {
            Some(Ballot::Ranking(_)) => Ballot::Ranking(vec![i]),
            Some(Ballot::Points(_)) => Ballot::Points(vec![(i, 1)]),
            _ => Ballot::Approval(vec![i]),
        });
        prop_assert!(run(&more, &rule, &tb).selected.contains(id));
    }

    #[test]
    fn broken_elections_are_refused_not_panicked_on(
        e in arb_election(),
        bad_index in 12usize..1000,
        negative in prop::bool::ANY,
    ) {
        let mut broken = e.clone();
        if negative {
            broken.budget = -1;
        } else {
            broken.ballots.push(Ballot::Approval(vec![bad_index]));
        }
        prop_assert!(tally::tally(&broken, &Rule::Greedy, &TieBreak::greedy_default()).is_err());
    }
}
