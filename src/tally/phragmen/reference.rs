//! A slow, plainly written sequential Phragmén in exact rationals: one load per voter,
//! recomputed from scratch at every step. It exists to check the fast one (`super`), which
//! groups ballots and caches loads, on random elections and on real data; nothing else uses it.

use num_rational::BigRational;
use num_traits::Zero;

use super::PhragmenVariant;
use crate::tally::{Ballot, Election, TieBreak};

/// The ids of the projects Phragmén funds, in order. Approval ballots only (others panic).
pub fn sequential_phragmen(e: &Election, tb: &TieBreak, variant: PhragmenVariant) -> Vec<String> {
    let ballots: Vec<&Vec<usize>> = e
        .ballots
        .iter()
        .map(|b| match b {
            Ballot::Approval(v) => v,
            _ => unreachable!("approval only"),
        })
        .collect();
    let mut load = vec![BigRational::zero(); ballots.len()];
    let scores: Vec<usize> = (0..e.projects.len())
        .map(|p| ballots.iter().filter(|b| b.contains(&p)).count())
        .collect();
    let score = |p: usize| scores[p];
    let mut remaining: Vec<usize> = (0..e.projects.len())
        .filter(|&p| e.projects[p].cost <= e.budget && !e.projects[p].withdrawn)
        .filter(|&p| variant == PhragmenVariant::Pabutools || score(p) > 0)
        .collect();
    let (mut spent, mut out) = (0, Vec::new());
    loop {
        if variant == PhragmenVariant::SkipUnaffordable {
            remaining.retain(|&p| e.projects[p].cost + spent <= e.budget);
        }
        let new_load = |p: usize| -> Option<BigRational> {
            (score(p) > 0).then(|| {
                let total: BigRational = (0..ballots.len())
                    .filter(|&i| ballots[i].contains(&p))
                    .map(|i| load[i].clone())
                    .sum();
                (total + BigRational::from_integer(e.projects[p].cost.into()))
                    / BigRational::from_integer(score(p).into())
            })
        };
        // None (infinite) sorts last.
        let key = |p: usize| (new_load(p).is_none(), new_load(p));
        let Some(min) = remaining.iter().map(|&p| key(p)).min() else {
            break;
        };
        let mut tied: Vec<usize> = remaining
            .iter()
            .copied()
            .filter(|&p| key(p) == min)
            .collect();
        if variant == PhragmenVariant::Pabutools
            && tied.iter().any(|&p| e.projects[p].cost + spent > e.budget)
        {
            break;
        }
        tied.sort_by(|&a, &b| tb.compare(&e.projects[a], &e.projects[b]));
        let s = tied[0];
        if let Some(l) = min.1 {
            for (i, b) in ballots.iter().enumerate() {
                if b.contains(&s) {
                    load[i] = l.clone();
                }
            }
        }
        spent += e.projects[s].cost;
        out.push(e.projects[s].id.clone());
        remaining.retain(|&q| q != s);
    }
    out
}
