//! Sequential Phragmén for participatory budgeting (approval ballots only), exact arithmetic.
//!
//! Voters earn money (load) continuously at the same rate; a project is bought as soon as its
//! supporters together hold its cost, and after the purchase all of them carry the same load
//! (the new maximum). The next project is the one whose purchase gives the smallest new load
//! `(Σ supporters' loads + cost) / supporters`, ties broken by the tie-break chain.
//!
//! Two ways to treat a project that no longer fits the money left:
//! - [`PhragmenVariant::SkipUnaffordable`] (the default, the usual PB version): drop it and go
//!   on until nothing fits;
//! - [`PhragmenVariant::Pabutools`]: stop the whole rule the moment a minimal-load project does
//!   not fit, as pabutools 1.2.3 `sequential_phragmen` does (including its quirk of funding
//!   unsupported projects at the end when all of them fit). Kept for cross-checking.
//!
//! Loads are in minor units. Identical ballots are grouped (they always carry the same load),
//! loads are big integers over one common denominator, and a project's new load is only
//! recomputed when one of its supporters' loads changed and it could still be the minimum.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, ToPrimitive, Zero};

use super::mes::{fraction_string, Frac, FxHasher};
use super::types::{
    Ballot, Election, Explanation, Money, Outcome, Reason, Rule, TallyError, TieBreak,
};

/// cost·d + Σ supporters' load numerators: the new load times score·d.
fn new_load_numerator(cost: Money, d: &BigInt, count: &[u64], loads: &[BigInt]) -> BigInt {
    let mut total = BigInt::from(cost) * d;
    for (load, &c) in loads.iter().zip(count) {
        if c > 0 && !load.is_zero() {
            total += load * c;
        }
    }
    total
}

/// The float approximation of a cached new load; never computed sorts first.
fn approx_of(cached: &[Option<Frac>], p: usize) -> f64 {
    cached[p].as_ref().map_or(f64::NEG_INFINITY, |f| f.approx)
}

/// What to do when the project with the smallest new load does not fit the money left.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhragmenVariant {
    /// Drop projects that no longer fit and continue until none fits.
    SkipUnaffordable,
    /// Stop at the first minimal-load project that does not fit (pabutools 1.2.3).
    Pabutools,
}

/// Sequential Phragmén, the usual PB version ([`PhragmenVariant::SkipUnaffordable`]).
pub fn sequential_phragmen(
    election: &Election,
    tie_break: &TieBreak,
) -> Result<Outcome, TallyError> {
    sequential_phragmen_with(election, tie_break, PhragmenVariant::SkipUnaffordable)
}

/// Identical approval ballots, grouped: they always carry the same load.
struct Groups {
    /// Each group's approved project indices, sorted, without repeats.
    ballots: Vec<Vec<usize>>,
    /// How many voters cast each group's ballot.
    mult: Vec<u64>,
    /// The groups approving each project.
    supporters: Vec<Vec<usize>>,
    /// Approvals of each project.
    score: Vec<u64>,
}

fn group_ballots(election: &Election) -> Result<Groups, TallyError> {
    let m = election.projects.len();
    let mut index: HashMap<Vec<usize>, usize, BuildHasherDefault<FxHasher>> = HashMap::default();
    let mut ballots: Vec<Vec<usize>> = Vec::new();
    let mut mult: Vec<u64> = Vec::new();
    for ballot in &election.ballots {
        let Ballot::Approval(approved) = ballot else {
            return Err(TallyError::Unsupported(
                "sequential Phragmén needs approval (or choose-1) ballots; this election has \
                 ranked or points ballots"
                    .into(),
            ));
        };
        let mut key = approved.clone();
        key.sort_unstable();
        key.dedup();
        if let Some(&p) = key.iter().find(|&&p| p >= m) {
            return Err(TallyError::InvalidElection(format!(
                "ballot refers to project index {p}, but there are {m} projects"
            )));
        }
        match index.get(&key) {
            Some(&g) => mult[g] += 1,
            None => {
                index.insert(key.clone(), ballots.len());
                ballots.push(key);
                mult.push(1);
            }
        }
    }
    let mut supporters: Vec<Vec<usize>> = vec![Vec::new(); m];
    let mut score = vec![0u64; m];
    for (g, key) in ballots.iter().enumerate() {
        for &p in key {
            supporters[p].push(g);
            score[p] += mult[g];
        }
    }
    Ok(Groups {
        ballots,
        mult,
        supporters,
        score,
    })
}

/// The voters' loads as the rule goes. A group's load is the load set by the last funded
/// project it approves (slot 0: none). Loads are integers over one common denominator `d`;
/// `count[p][t]` = supporters of p whose load is `loads[t] / d`.
struct Loads {
    d: BigInt,
    loads: Vec<BigInt>,
    slot_of: Vec<usize>,
    count: Vec<Vec<u64>>,
    /// New loads only grow over the rounds (every load stays ≤ the last chosen one), so a
    /// cached value is a lower bound, and exact until a supporter's load changes (`dirty`).
    cached: Vec<Option<Frac>>,
    dirty: Vec<bool>,
}

impl Loads {
    fn new(groups: &Groups) -> Self {
        let m = groups.score.len();
        Loads {
            d: BigInt::one(),
            loads: vec![BigInt::zero()],
            slot_of: vec![0; groups.ballots.len()],
            count: groups.score.iter().map(|&s| vec![s]).collect(),
            cached: vec![None; m],
            dirty: vec![true; m],
        }
    }

    /// The smallest new max load among `remaining`, with every project that reaches it;
    /// unsupported projects (an infinite load) only when nothing else remains.
    fn smallest(
        &mut self,
        remaining: &[usize],
        projects: &[super::types::Project],
        score: &[u64],
    ) -> (Option<Frac>, Vec<usize>) {
        let supported: Vec<usize> = remaining
            .iter()
            .copied()
            .filter(|&p| score[p] > 0)
            .collect();
        if supported.is_empty() {
            return (None, remaining.to_vec());
        }
        let mut order = supported;
        order.sort_by(|&a, &b| approx_of(&self.cached, a).total_cmp(&approx_of(&self.cached, b)));
        let mut best: Option<Frac> = None;
        let mut tied = Vec::new();
        for p in order {
            if let Some(b) = &best {
                // Clearly worse by floats, and so is every later one (sorted by the same
                // floats); anything closer is compared exactly.
                if approx_of(&self.cached, p) > b.approx * (1.0 + 1e-9) + f64::MIN_POSITIVE {
                    break;
                }
            }
            if self.dirty[p] {
                let x = new_load_numerator(projects[p].cost, &self.d, &self.count[p], &self.loads);
                self.cached[p] = Some(Frac::new(x, &self.d * score[p]));
                self.dirty[p] = false;
            }
            let Some(load) = self.cached[p].clone() else {
                continue;
            };
            match best.as_ref().map(|b| load.cmp_exact(b)) {
                None | Some(Ordering::Less) => {
                    best = Some(load);
                    tied = vec![p];
                }
                Some(Ordering::Equal) => tied.push(p),
                Some(Ordering::Greater) => {}
            }
        }
        (best, tied)
    }

    /// Project `s` is bought by its supporters: each now carries the new load.
    fn buy(&mut self, s: usize, cost: Money, groups: &Groups) {
        // The new load X / (score·d) over the current d (cached fractions may be written
        // over an older d, or be a tied project's), then brought over d·score/g with
        // g = gcd(X, score).
        let x = new_load_numerator(cost, &self.d, &self.count[s], &self.loads);
        let sc = groups.score[s];
        let rem = (&x % BigInt::from(sc))
            .to_u64()
            .expect("a remainder modulo a u64 fits in a u64");
        let g = rem.gcd(&sc);
        let scale = sc / g;
        if scale != 1 {
            self.d *= scale;
            for l in &mut self.loads {
                *l *= scale;
            }
        }
        let t_new = self.loads.len();
        self.loads.push(x / BigInt::from(g));
        for c in &mut self.count {
            c.push(0);
        }
        for &g in &groups.supporters[s] {
            let t_old = self.slot_of[g];
            for &q in &groups.ballots[g] {
                self.count[q][t_old] -= groups.mult[g];
                self.count[q][t_new] += groups.mult[g];
                self.dirty[q] = true;
            }
            self.slot_of[g] = t_new;
        }
    }
}

/// Sequential Phragmén with an explicit treatment of projects that do not fit.
pub fn sequential_phragmen_with(
    election: &Election,
    tie_break: &TieBreak,
    variant: PhragmenVariant,
) -> Result<Outcome, TallyError> {
    let projects = &election.projects;
    let m = projects.len();
    if election.budget < 0 {
        return Err(TallyError::InvalidElection("negative budget".into()));
    }
    if let Some(p) = projects.iter().find(|p| p.cost < 0) {
        return Err(TallyError::InvalidElection(format!(
            "project {} has a negative cost",
            p.id
        )));
    }
    let groups = group_ballots(election)?;
    let score = &groups.score;
    let mut loads = Loads::new(&groups);

    let budget = election.budget;
    let mut spent: Money = 0;
    let mut selected: Vec<usize> = Vec::new();
    let mut reasons: Vec<Option<Reason>> = vec![None; m];
    let mut remaining: Vec<usize> = (0..m)
        .filter(|&p| !projects[p].withdrawn && projects[p].cost <= budget)
        .filter(|&p| variant == PhragmenVariant::Pabutools || score[p] > 0)
        .collect();
    for p in 0..m {
        if projects[p].withdrawn {
            reasons[p] = Some(Reason::Withdrawn);
        } else if projects[p].cost > budget {
            reasons[p] = Some(Reason::DidNotFit {
                budget_left: budget,
            });
        }
    }

    loop {
        let left = budget - spent;
        if variant == PhragmenVariant::SkipUnaffordable {
            remaining.retain(|&p| {
                let fits = projects[p].cost <= left;
                if !fits {
                    reasons[p] = Some(Reason::DidNotFit { budget_left: left });
                }
                fits
            });
        }
        if remaining.is_empty() {
            break;
        }
        let (best, mut tied) = loads.smallest(&remaining, projects, score);
        if variant == PhragmenVariant::Pabutools {
            if let Some(&stop) = tied.iter().find(|&&p| projects[p].cost > left) {
                for &p in &remaining {
                    reasons[p] = Some(if p == stop {
                        Reason::DidNotFit { budget_left: left }
                    } else {
                        Reason::WalkStopped {
                            stopped_at: projects[stop].id.clone(),
                        }
                    });
                }
                break;
            }
        }
        tied.sort_by(|&a, &b| tie_break.compare(&projects[a], &projects[b]));
        let s = tied[0];
        remaining.retain(|&q| q != s);
        reasons[s] = Some(match &best {
            Some(load) => Reason::PhragmenFunded {
                load: fraction_string(&load.num, &load.den),
                budget_left: left,
            },
            None => Reason::Funded { budget_left: left },
        });
        spent += projects[s].cost;
        selected.push(s);
        if best.is_some() {
            loads.buy(s, projects[s].cost, &groups);
        }
    }
    Ok(outcome(
        election, tie_break, score, &selected, reasons, spent,
    ))
}

/// The outcome, with each project's explanation.
fn outcome(
    election: &Election,
    tie_break: &TieBreak,
    score: &[u64],
    selected: &[usize],
    reasons: Vec<Option<Reason>>,
    spent: Money,
) -> Outcome {
    let projects = &election.projects;
    let budget = election.budget;
    let position: HashMap<usize, usize> = selected
        .iter()
        .enumerate()
        .map(|(i, &p)| (p, i + 1))
        .collect();
    let explanations = projects
        .iter()
        .zip(reasons)
        .enumerate()
        .map(|(p, (project, reason))| Explanation {
            project: project.id.clone(),
            cost: project.cost,
            score: score[p],
            supporters: score[p],
            position: position.get(&p).copied(),
            selected: position.contains_key(&p),
            reason: reason.unwrap_or(if score[p] == 0 {
                Reason::NoSupport
            } else {
                Reason::DidNotFit {
                    budget_left: budget - spent,
                }
            }),
        })
        .collect();
    Outcome {
        rule: Rule::Phragmen,
        tie_break: tie_break.clone(),
        budget,
        spent,
        selected: selected.iter().map(|&p| projects[p].id.clone()).collect(),
        explanations,
    }
}

// The path keeps the tests beside this file whether it is compiled as `phragmen.rs` or via
// `#[path]`.
#[cfg(test)]
#[path = "phragmen/tests.rs"]
mod tests;

#[path = "phragmen/reference.rs"]
pub mod reference;
