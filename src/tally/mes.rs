//! Method of Equal Shares (MES) with cost utilities, and its Add1 completion.
//!
//! Replicates pabutools 1.2.3 (`method_of_equal_shares(sat_class=Cost_Sat)`, and with
//! `voter_budget_increment=1` for Add1) exactly, in exact arithmetic:
//! - every voter starts with `budget / number_of_ballots` (empty ballots count as voters);
//! - a voter's utility for a project is `weight × cost`: weight 1 for approval, the positional
//!   points for rankings, the points for cumulative ballots (so an approval ballot is the
//!   special case of one point per project);
//! - each round funds the project with the lowest price per unit of utility ρ (the smallest ρ
//!   with Σ min(budget_i, ρ·u_i) = cost), ties broken by the tie-break chain (pabutools: the
//!   project id string); projects whose supporters together hold less than the cost are dropped;
//! - projects nobody supports are never considered; supported zero-cost projects are funded
//!   first, as pabutools puts them in the initial allocation.
//!
//! Speed comes from grouping: voters with the same ballot always hold the same budget, and
//! groups with the same budget history share a *class*, so a project's supporters collapse to
//! a few (class, weight, voters) cells. All budgets are big integers over one common
//! denominator; floats only filter comparisons that are clear by a wide margin. ρ only grows
//! as budgets shrink, so each round re-evaluates only projects whose last ρ could still win
//! (pabutools' own pruning). Add1 reuses the grouping for every run.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use super::types::{
    Ballot, Completion, Election, Explanation, Money, Outcome, PositionalScheme, Reason, Rule,
    TallyError, TieBreak, MINOR_UNITS_PER_UNIT,
};

/// Runs MES (optionally with Add1 completion) with cost utilities.
pub fn method_of_equal_shares(
    election: &Election,
    completion: Completion,
    tie_break: &TieBreak,
) -> Result<Outcome, TallyError> {
    let prep = Prepared::new(election)?;
    let n = BigInt::from(prep.n_voters);
    let budget = BigInt::from(election.budget);
    let first = prep.run(&budget, &n, tie_break);
    let chosen = match completion {
        Completion::None => first,
        Completion::Add1 => add1(&prep, first, tie_break, true),
        Completion::Add1Full => add1(&prep, first, tie_break, false),
    };
    Ok(prep.outcome(chosen, completion, tie_break))
}

/// Iterated MES: raise every voter's initial share by one currency unit until the outcome
/// overspends (return the previous one) or, with `stop_when_exhaustive` (pabutools), is
/// exhaustive (return it). Without it, the walk also ends once every supported project is
/// funded, since more money can then change nothing.
fn add1<'p, 'e>(
    prep: &'p Prepared<'e>,
    first: RunResult<'p, 'e>,
    tie_break: &TieBreak,
    stop_when_exhaustive: bool,
) -> RunResult<'p, 'e> {
    let budget = prep.budget;
    let n = BigInt::from(prep.n_voters);
    let mut current = first;
    // Baseline "previous outcome" in pabutools is the initial allocation (the zero-cost
    // projects); MES itself never overspends, so the first run is always feasible.
    let mut previous: Option<RunResult<'p, 'e>> = None;
    let mut step: i64 = 0;
    loop {
        if current.spent > budget {
            return previous.unwrap_or(current);
        }
        if (stop_when_exhaustive && prep.is_exhaustive(&current))
            || prep.funds_every_supported(&current)
        {
            return current;
        }
        step += 1;
        // Per-voter budget (budget + step·unit·n) / n, exact.
        let num = BigInt::from(budget) + BigInt::from(step) * MINOR_UNITS_PER_UNIT * &n;
        let next = prep.run(&num, &n, tie_break);
        previous = Some(current);
        current = next;
    }
}

/// An exact non-negative fraction, compared by cross-multiplication.
#[derive(Clone, Debug)]
pub(crate) struct Frac {
    pub(crate) num: BigInt,
    pub(crate) den: BigInt,
    pub(crate) approx: f64,
}

impl Frac {
    pub(crate) fn new(num: BigInt, den: BigInt) -> Self {
        let approx = approx_ratio(&num, &den);
        Frac { num, den, approx }
    }

    pub(crate) fn cmp_exact(&self, other: &Frac) -> Ordering {
        (&self.num * &other.den).cmp(&(&other.num * &self.den))
    }
}

/// `num / den` as a float (relative error about 1e-16), without overflowing on huge integers.
/// Used to order work and to settle comparisons only when the floats differ by far more than
/// their error (a relative margin of 1e-9 or more); anything closer is compared exactly.
fn approx_ratio(num: &BigInt, den: &BigInt) -> f64 {
    if num.bits() < 1000 && den.bits() < 1000 {
        if let (Some(a), Some(b)) = (num.to_f64(), den.to_f64()) {
            return a / b;
        }
    }
    let shift = |x: &BigInt| -> (f64, i64) {
        let bits = x.bits() as i64;
        let s = (bits - 62).max(0);
        let top = (x >> (s as usize)).to_f64().unwrap_or(0.0);
        (top, s)
    };
    let (a, sa) = shift(num);
    let (b, sb) = shift(den);
    if b == 0.0 {
        return f64::INFINITY;
    }
    let e = (sa - sb).clamp(-1000, 1000) as i32;
    (a / b) * 2f64.powi(e)
}

/// `num/den` reduced, always written "p/q".
pub(crate) fn fraction_string(num: &BigInt, den: &BigInt) -> String {
    if den.is_zero() {
        return "1/0".into();
    }
    let g = num.gcd(den);
    let (mut p, mut q) = if g.is_zero() {
        (num.clone(), den.clone())
    } else {
        (num / &g, den / &g)
    };
    if q.is_negative() {
        p = -p;
        q = -q;
    }
    format!("{p}/{q}")
}

/// The Firefox/rustc multiply-rotate hash: ballots are small integer lists, and SipHash's
/// flood resistance buys nothing for a one-off grouping (it was a fifth of MES on Łódź 2022).
#[derive(Default)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Voters with an identical ballot: they always hold the same budget.
struct Group {
    mult: u64,
}

/// Per-election data that does not depend on the per-voter budget, computed once (Add1 reuses
/// it for every run).
struct Prepared<'e> {
    election: &'e Election,
    budget: Money,
    n_voters: u64,
    groups: Vec<Group>,
    /// Per project: (group, weight) of each supporting group.
    supporters: Vec<Vec<(u32, u64)>>,
    /// Per project: whether every supporter has weight 1 (approval): enables the dense path.
    unit_weights: Vec<bool>,
    /// Per project: Σ multiplicity × weight.
    total_weight: Vec<u128>,
    score: Vec<u64>,
    supporter_count: Vec<u64>,
    /// Supported, positive cost, not withdrawn: what MES chooses from (pabutools' `projects`).
    candidates: Vec<usize>,
    /// Supported, zero cost, not withdrawn: funded before MES starts, in tie-break order.
    free: Vec<usize>,
}

/// The result of one MES run at a given per-voter budget.
/// Explanations are only formatted for the run that is returned (Add1 discards most runs).
struct RunResult<'p, 'e> {
    /// Selected projects in selection order (free projects first).
    selected: Vec<usize>,
    spent: Money,
    /// Per selected project: ρ (None for a free project), effective support, budget left.
    funded: HashMap<usize, Funded>,
    /// Budgets at the end, for what the supporters of unfunded projects still hold.
    state: State<'p, 'e>,
}

struct Funded {
    rho: Option<Frac>,
    /// cost / largest payment as (numerator, denominator).
    effective_support: (BigInt, BigInt),
    budget_left: Money,
}

/// A ballot as sorted (project, weight) pairs with positive weight, each project once.
pub(crate) fn ballot_weights(
    ballot: &Ballot,
    scheme: &PositionalScheme,
    n_projects: usize,
) -> Result<Vec<(usize, u64)>, TallyError> {
    let mut out: Vec<(usize, u64)> = match ballot {
        Ballot::Approval(ps) => ps.iter().map(|&p| (p, 1)).collect(),
        Ballot::Ranking(ps) => ps
            .iter()
            .enumerate()
            .map(|(i, &p)| (p, super::scores::positional_points(scheme, i, ps.len())))
            .collect(),
        Ballot::Points(ps) => ps.clone(),
    };
    if let Some(&(p, _)) = out.iter().find(|(p, _)| *p >= n_projects) {
        return Err(TallyError::InvalidElection(format!(
            "ballot refers to project index {p}, but there are {n_projects} projects"
        )));
    }
    // A repeated project counts once (pabutools keeps a set); the first mention wins, which a
    // stable sort by project keeps first.
    out.sort_by_key(|&(p, _)| p);
    out.dedup_by_key(|&mut (p, _)| p);
    out.retain(|&(_, w)| w > 0);
    Ok(out)
}

impl<'e> Prepared<'e> {
    fn new(election: &'e Election) -> Result<Self, TallyError> {
        if election.budget < 0 {
            return Err(TallyError::InvalidElection("negative budget".into()));
        }
        if let Some(p) = election.projects.iter().find(|p| p.cost < 0) {
            return Err(TallyError::InvalidElection(format!(
                "project {} has a negative cost",
                p.id
            )));
        }
        let m = election.projects.len();
        let mut index: HashMap<Vec<(usize, u64)>, usize, BuildHasherDefault<FxHasher>> =
            HashMap::default();
        let mut groups: Vec<Group> = Vec::new();
        let mut keys: Vec<Vec<(usize, u64)>> = Vec::new();
        for ballot in &election.ballots {
            let key = ballot_weights(ballot, &election.positional, m)?;
            match index.get(&key) {
                Some(&g) => groups[g].mult += 1,
                None => {
                    index.insert(key.clone(), groups.len());
                    groups.push(Group { mult: 1 });
                    keys.push(key);
                }
            }
        }
        let mut supporters: Vec<Vec<(u32, u64)>> = vec![Vec::new(); m];
        let mut score = vec![0u64; m];
        let mut supporter_count = vec![0u64; m];
        let mut total_weight = vec![0u128; m];
        for (g, key) in keys.iter().enumerate() {
            let mult = groups[g].mult;
            for &(p, w) in key {
                supporters[p].push((g as u32, w));
                score[p] = score[p].saturating_add(w.saturating_mul(mult));
                supporter_count[p] += mult;
                total_weight[p] += u128::from(w) * u128::from(mult);
            }
        }
        let unit_weights = supporters
            .iter()
            .map(|s| s.iter().all(|&(_, w)| w == 1))
            .collect();
        let fundable = |p: usize| !election.projects[p].withdrawn && supporter_count[p] > 0;
        let candidates: Vec<usize> = (0..m)
            .filter(|&p| fundable(p) && election.projects[p].cost > 0)
            .collect();
        let free: Vec<usize> = (0..m)
            .filter(|&p| fundable(p) && election.projects[p].cost == 0)
            .collect();
        Ok(Prepared {
            election,
            budget: election.budget,
            n_voters: election.ballots.len() as u64,
            groups,
            supporters,
            unit_weights,
            total_weight,
            score,
            supporter_count,
            candidates,
            free,
        })
    }

    /// Every project someone supported is funded: a larger share cannot change the outcome.
    fn funds_every_supported(&self, run: &RunResult<'_, '_>) -> bool {
        self.candidates.iter().all(|p| run.funded.contains_key(p))
    }

    /// pabutools' `is_exhaustive(outcome, available_projects=projects)`: no unselected
    /// candidate fits in what is left.
    fn is_exhaustive(&self, run: &RunResult<'_, '_>) -> bool {
        let left = self.budget - run.spent;
        self.candidates
            .iter()
            .all(|&p| run.funded.contains_key(&p) || self.election.projects[p].cost > left)
    }

    /// One MES run, each voter starting with `num/den` minor units.
    fn run<'p>(&'p self, num: &BigInt, den: &BigInt, tie_break: &TieBreak) -> RunResult<'p, 'e> {
        let projects = &self.election.projects;
        let mut state = State::new(self, num, den);
        let mut selected: Vec<usize> = Vec::new();
        let mut funded = HashMap::new();
        let mut spent: Money = 0;
        let mut free = self.free.clone();
        free.sort_by(|&a, &b| tie_break.compare(&projects[a], &projects[b]));
        for p in free {
            funded.insert(
                p,
                Funded {
                    rho: None,
                    effective_support: (BigInt::zero(), BigInt::one()),
                    budget_left: self.budget - spent,
                },
            );
            selected.push(p);
        }
        // Lower bounds on each candidate's ρ: ρ only grows as budgets shrink.
        let mut lower: Vec<Option<Frac>> = vec![None; projects.len()];
        for &p in &self.candidates {
            lower[p] = Some(Frac::new(BigInt::one(), BigInt::from(self.total_weight[p])));
        }
        let mut remaining: Vec<usize> = self.candidates.clone();
        loop {
            remaining.sort_by(|&a, &b| {
                let (la, lb) = (lower_approx(&lower, a), lower_approx(&lower, b));
                la.total_cmp(&lb)
            });
            let mut best: Option<(Frac, Evaluated)> = None;
            let mut dropped: Vec<usize> = Vec::new();
            for &p in &remaining {
                let Some(lb) = lower[p].as_ref() else {
                    continue;
                };
                if let Some((rho, _)) = &best {
                    // Clearly worse by floats, and so is every later one (sorted by the same
                    // floats); anything closer is compared exactly.
                    if lb.approx > rho.approx * (1.0 + 1e-9) + f64::MIN_POSITIVE {
                        break;
                    }
                    if lb.cmp_exact(rho) == Ordering::Greater {
                        continue;
                    }
                }
                match state.evaluate(p) {
                    None => dropped.push(p),
                    Some(ev) => {
                        let rho = ev.rho.clone();
                        lower[p] = Some(rho.clone());
                        match &mut best {
                            None => best = Some((rho, ev)),
                            Some((b, bev)) => match rho.cmp_exact(b) {
                                Ordering::Less => best = Some((rho, ev)),
                                Ordering::Equal => {
                                    if tie_break.compare(&projects[p], &projects[bev.project])
                                        == Ordering::Less
                                    {
                                        *bev = ev;
                                    }
                                }
                                Ordering::Greater => {}
                            },
                        }
                    }
                }
            }
            remaining.retain(|p| !dropped.contains(p));
            let Some((rho, ev)) = best else { break };
            let p = ev.project;
            let cost = projects[p].cost;
            funded.insert(
                p,
                Funded {
                    effective_support: state.effective_support(&ev, cost),
                    rho: Some(rho),
                    budget_left: self.budget - spent,
                },
            );
            state.pay(&ev);
            spent += cost;
            selected.push(p);
            remaining.retain(|&q| q != p);
        }
        RunResult {
            selected,
            spent,
            funded,
            state,
        }
    }

    fn outcome(
        &self,
        run: RunResult<'_, '_>,
        completion: Completion,
        tie_break: &TieBreak,
    ) -> Outcome {
        let projects = &self.election.projects;
        let position: HashMap<usize, usize> = run
            .selected
            .iter()
            .enumerate()
            .map(|(i, &p)| (p, i + 1))
            .collect();
        let explanations = projects
            .iter()
            .enumerate()
            .map(|(p, project)| {
                let reason = if project.withdrawn {
                    Reason::Withdrawn
                } else if self.supporter_count[p] == 0 {
                    Reason::NoSupport
                } else if let Some(f) = run.funded.get(&p) {
                    match &f.rho {
                        None => Reason::Funded {
                            budget_left: f.budget_left,
                        },
                        Some(rho) => Reason::MesFunded {
                            rho: fraction_string(&rho.num, &rho.den),
                            effective_support: fraction_string(
                                &f.effective_support.0,
                                &f.effective_support.1,
                            ),
                            budget_left: f.budget_left,
                        },
                    }
                } else {
                    Reason::MesUnaffordable {
                        supporters_money: run.state.supporters_money(p),
                    }
                };
                Explanation {
                    project: project.id.clone(),
                    cost: project.cost,
                    score: self.score[p],
                    supporters: self.supporter_count[p],
                    position: position.get(&p).copied(),
                    selected: position.contains_key(&p),
                    reason,
                }
            })
            .collect();
        Outcome {
            rule: Rule::Mes {
                completion,
                utilitarian_fill: false,
            },
            tie_break: tie_break.clone(),
            budget: self.budget,
            spent: run.spent,
            selected: run
                .selected
                .iter()
                .map(|&p| projects[p].id.clone())
                .collect(),
            explanations,
        }
    }
}

fn lower_approx(lower: &[Option<Frac>], p: usize) -> f64 {
    lower[p].as_ref().map_or(f64::INFINITY, |f| f.approx)
}

/// A supporter cell of one project: groups of one budget class with one weight.
#[derive(Clone, Copy, Debug)]
struct Cell {
    class: u32,
    weight: u64,
    voters: u64,
}

/// The result of evaluating an affordable project.
struct Evaluated {
    project: usize,
    /// ρ per unit of utility = need / (d · W · cost).
    rho: Frac,
    /// cost·d − Σ budgets of the supporters who pay all they have (numerator over d).
    need: BigInt,
    /// Σ voters × weight of the supporters who pay ρ·utility.
    rich_weight: u128,
    /// The cells that pay ρ·utility (the others pay everything they hold).
    rich: Vec<Cell>,
    /// Largest weight among the rich cells (for the effective support).
    max_rich_weight: u64,
    /// The denominator `need` is over (budgets may be rescaled only by `pay`).
    d: BigInt,
}

/// Budgets during one run. Class 0 is "nothing left"; every other class holds a positive
/// budget `budget[c] / d`.
struct State<'p, 'e> {
    prep: &'p Prepared<'e>,
    d: BigInt,
    budget: Vec<BigInt>,
    /// `budget[c] / d` as a float (unchanged by rescaling), to order and filter work.
    approx: Vec<f64>,
    /// Number of groups in each class (dead classes are not rescaled).
    population: Vec<u32>,
    class_of: Vec<u32>,
    /// Scratch for the dense (approval) aggregation.
    scratch: Vec<u64>,
}

impl<'p, 'e> State<'p, 'e> {
    fn new(prep: &'p Prepared<'e>, num: &BigInt, den: &BigInt) -> Self {
        let n_groups = prep.groups.len();
        let start_class = if num.is_positive() { 1 } else { 0 };
        let mut population = vec![0u32, 0];
        population[start_class as usize] = n_groups as u32;
        State {
            prep,
            d: den.clone(),
            budget: vec![BigInt::zero(), num.clone()],
            approx: vec![0.0, approx_ratio(num, den)],
            population,
            class_of: vec![start_class; n_groups],
            scratch: Vec::new(),
        }
    }

    /// Supporting cells of `p` (class ≠ 0), aggregated.
    fn cells(&mut self, p: usize) -> Vec<Cell> {
        let sup = &self.prep.supporters[p];
        let mut out = Vec::new();
        if self.prep.unit_weights[p] {
            if self.scratch.len() < self.budget.len() {
                self.scratch.resize(self.budget.len(), 0);
            }
            for &(g, _) in sup {
                let c = self.class_of[g as usize];
                if c == 0 {
                    continue;
                }
                let slot = &mut self.scratch[c as usize];
                if *slot == 0 {
                    out.push(Cell {
                        class: c,
                        weight: 1,
                        voters: 0,
                    });
                }
                *slot += self.prep.groups[g as usize].mult;
            }
            for cell in &mut out {
                cell.voters = std::mem::take(&mut self.scratch[cell.class as usize]);
            }
        } else {
            let mut raw: Vec<(u32, u64, u64)> = sup
                .iter()
                .filter_map(|&(g, w)| {
                    let c = self.class_of[g as usize];
                    (c != 0).then(|| (c, w, self.prep.groups[g as usize].mult))
                })
                .collect();
            raw.sort_unstable();
            for (c, w, m) in raw {
                match out.last_mut() {
                    Some(last) if last.class == c && last.weight == w => last.voters += m,
                    _ => out.push(Cell {
                        class: c,
                        weight: w,
                        voters: m,
                    }),
                }
            }
        }
        out
    }

    /// ρ of `p` now, or `None` when its supporters together hold less than its cost (pabutools
    /// drops such a project; the sweep below finds no paying cell exactly then).
    fn evaluate(&mut self, p: usize) -> Option<Evaluated> {
        let cost = self.prep.election.projects[p].cost;
        let mut cells = self.cells(p);
        let (budget, approx) = (&self.budget, &self.approx);
        // Poorest per unit of weight first. Floats order clearly different keys; near-equal
        // ones are ordered exactly.
        let exact_key_cmp = |a: &Cell, b: &Cell| -> Ordering {
            let (ba, bb) = (&budget[a.class as usize], &budget[b.class as usize]);
            if a.weight == b.weight {
                ba.cmp(bb)
            } else {
                (ba * b.weight).cmp(&(bb * a.weight))
            }
        };
        cells.sort_unstable_by(|a, b| {
            let ka = approx[a.class as usize] / a.weight as f64;
            let kb = approx[b.class as usize] / b.weight as f64;
            if (ka - kb).abs() > 1e-9 * ka.abs().max(kb.abs()) {
                ka.total_cmp(&kb)
            } else {
                exact_key_cmp(a, b)
            }
        });
        let mut rich_weight: u128 = cells
            .iter()
            .map(|c| u128::from(c.weight) * u128::from(c.voters))
            .sum();
        let cost_f = cost as f64;
        // need/d = cost − what the poorer cells pay (all they have), tracked in floats; the
        // exact value is rebuilt from the poor prefix whenever floats cannot decide.
        let mut need_f = cost_f;
        for (i, cell) in cells.iter().enumerate() {
            let b = &budget[cell.class as usize];
            // This cell and all richer ones pay ρ·utility iff need/W·w ≤ b, i.e. need·w ≤ b·W.
            // Float error here is below 1e-12 of (cost·w + b·W); the margin is 1e-6.
            let (w, wt) = (cell.weight as f64, rich_weight as f64);
            let (lhs, rhs) = (need_f * w, approx[cell.class as usize] * wt);
            let pays_share = if (lhs - rhs).abs() > 1e-6 * (cost_f * w + rhs) {
                lhs <= rhs
            } else {
                let need = self.exact_need(cost, &cells[..i]);
                need * cell.weight <= b * BigInt::from(rich_weight)
            };
            if pays_share {
                let need = self.exact_need(cost, &cells[..i]);
                let rich = cells[i..].to_vec();
                let max_rich_weight = rich.iter().map(|c| c.weight).max().unwrap_or(1);
                let den = &self.d * BigInt::from(rich_weight) * cost;
                return Some(Evaluated {
                    project: p,
                    rho: Frac::new(need.clone(), den),
                    need,
                    rich_weight,
                    rich,
                    max_rich_weight,
                    d: self.d.clone(),
                });
            }
            need_f -= approx[cell.class as usize] * cell.voters as f64;
            rich_weight -= u128::from(cell.weight) * u128::from(cell.voters);
        }
        None
    }

    /// cost·d − Σ budget × voters over `poor` (numerator over d).
    fn exact_need(&self, cost: Money, poor: &[Cell]) -> BigInt {
        let mut need = BigInt::from(cost) * &self.d;
        for cell in poor {
            need -= &self.budget[cell.class as usize] * cell.voters;
        }
        need
    }

    /// cost / largest payment, as "p/q": how many voters paying the top price it equals.
    fn effective_support(&self, ev: &Evaluated, cost: Money) -> (BigInt, BigInt) {
        // Largest payment = need·w_max / (d·W).
        let num = BigInt::from(cost) * &ev.d * BigInt::from(ev.rich_weight);
        let den = &ev.need * ev.max_rich_weight;
        (num, den)
    }

    /// Charges the supporters of the evaluated project: the cells before the rich ones pay
    /// everything, the rich ones pay ρ·utility.
    fn pay(&mut self, ev: &Evaluated) {
        // need / W per unit of weight: bring it over a common denominator d·W/g, where
        // g = gcd(need, W) is computed on need mod W (W is small) to avoid a big gcd.
        let w_total = ev.rich_weight;
        let rem = (&ev.need % BigInt::from(w_total))
            .to_u128()
            .expect("a remainder modulo a u128 fits in a u128");
        let g = rem.gcd(&w_total);
        let scale = BigInt::from(w_total / g);
        let unit_payment = &ev.need / BigInt::from(g); // per unit of weight, over the new d
        if !scale.is_one() {
            self.d *= &scale;
            for (c, b) in self.budget.iter_mut().enumerate() {
                if self.population[c] > 0 {
                    *b *= &scale;
                } else {
                    *b = BigInt::zero();
                }
            }
        }
        // New class per rich (class, weight); everything else supporting p goes to class 0.
        let mut next: HashMap<(u32, u64), u32> = HashMap::with_capacity(ev.rich.len());
        for cell in &ev.rich {
            let left = &self.budget[cell.class as usize] - &unit_payment * cell.weight;
            let id = if left.is_positive() {
                self.approx.push(approx_ratio(&left, &self.d));
                self.budget.push(left);
                self.population.push(0);
                (self.budget.len() - 1) as u32
            } else {
                0
            };
            next.insert((cell.class, cell.weight), id);
        }
        for &(g, w) in &self.prep.supporters[ev.project] {
            let c = self.class_of[g as usize];
            if c == 0 {
                continue;
            }
            let to = next.get(&(c, w)).copied().unwrap_or(0);
            self.population[c as usize] -= 1;
            self.population[to as usize] += 1;
            self.class_of[g as usize] = to;
        }
    }

    /// What the supporters of `p` hold now, in minor units, as "p/q".
    fn supporters_money(&self, p: usize) -> String {
        let mut total = BigInt::zero();
        for &(g, _) in &self.prep.supporters[p] {
            let c = self.class_of[g as usize] as usize;
            total += &self.budget[c] * self.prep.groups[g as usize].mult;
        }
        fraction_string(&total, &self.d)
    }
}

// The path keeps the tests beside this file whether it is compiled as `mes.rs` or via `#[path]`.
#[cfg(test)]
#[path = "mes/tests.rs"]
mod tests;
