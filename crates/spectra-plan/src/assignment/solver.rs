//! Solvers behind [`AssignmentSolver`].
//!
//! - [`Dsatur`]: the constructive method alone (DSATUR order: most constrained unit first, its
//!   cheapest entry; ties prefer reused values for minimum order, low values for minimum span).
//! - [`TabuSearch`]: DSATUR construction, then tabu search with min-conflicts moves
//!   ([`super::search`]). Minimum order and minimum span are solved as a sequence of
//!   feasibility problems, as in the CALMA papers: once an assignment meets every hard
//!   constraint, forbid the least-used value (order) or every value at or above the largest one
//!   (span) and repair with tabu search; keep the reduction if the repair reaches zero
//!   conflicts. Weighted problems: guided local search (tabu search whose violated constraints
//!   gain weight at local minima) on even runs, simulated annealing then tabu on odd runs.
//!   Independent runs with seeds derived from the master seed run in parallel (rayon);
//!   the best by (feasible, objective, run index) wins, so the answer does not depend on which
//!   run finished first.
//!
//! Determinism: for a given seed and thread count, the result is bit-identical whenever the
//! search is bounded by [`SolveOptions::max_iterations`] (or reaches the lower bound) before
//! the time limit; a run cut by the wall clock depends on the machine's speed.
use super::bounds::lower_bound;
use super::problem::{Evaluation, Objective, Problem};
use super::search::{Budget, Model, Preference, Search};
use crate::{PlanError, Result};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// Weighted problems, odd runs: end of the annealing phase as a share of the budget (then tabu).
const ANNEAL_END: f64 = 0.85;
/// Annealing cycles (each restarts hot from the best state).
const ANNEAL_CYCLES: u32 = 3;

/// Limits and seed of one solve.
#[derive(Debug, Clone)]
pub struct SolveOptions {
    /// Wall-clock limit of the whole solve.
    pub time_limit: Duration,
    /// Master seed; run `i` uses a seed derived from (seed, i).
    pub seed: u64,
    /// Independent parallel runs (>= 1).
    pub threads: usize,
    /// Cap on tabu iterations per run, for runs reproducible on any machine.
    pub max_iterations: Option<u64>,
}

impl Default for SolveOptions {
    fn default() -> Self {
        SolveOptions { time_limit: Duration::from_secs(10), seed: 1, threads: 1, max_iterations: None }
    }
}

/// A solver's answer, checked against the problem.
#[derive(Debug, Clone)]
pub struct Solution {
    /// One value per variable of the problem.
    pub values: Vec<i32>,
    /// [`Problem::evaluate`] of `values`.
    pub evaluation: Evaluation,
    /// A lower bound of the objective, when one is known.
    pub lower_bound: Option<i64>,
    /// Wall-clock time of the solve.
    pub elapsed: Duration,
    /// Name of the solver.
    pub solver: &'static str,
    /// Tabu iterations over all runs.
    pub iterations: u64,
}

impl Solution {
    /// Feasible and equal to the lower bound.
    pub fn proven_optimal(&self) -> bool {
        self.evaluation.feasible && self.lower_bound == Some(self.evaluation.objective)
    }
}

/// Anything that assigns frequencies.
pub trait AssignmentSolver: Send + Sync {
    /// Short name for reports.
    fn name(&self) -> &'static str;
    /// Solves `problem` within `options`; the solution is checked by [`Problem::evaluate`].
    fn solve(&self, problem: &Problem, options: &SolveOptions) -> Result<Solution>;
}

/// DSATUR construction only: fast, a starting point and a baseline.
#[derive(Debug, Clone, Copy, Default)]
pub struct Dsatur;

/// DSATUR construction + tabu search, objective-driven reductions, parallel runs.
#[derive(Debug, Clone, Copy, Default)]
pub struct TabuSearch;

fn preference(objective: Objective) -> Preference {
    match objective {
        Objective::MinOrder => Preference::Reuse,
        Objective::MinSpan => Preference::Low,
        _ => Preference::Any,
    }
}

fn run_seed(seed: u64, run: u64) -> u64 {
    // SplitMix64 of (seed, run): independent streams per run.
    let mut z = seed ^ run.wrapping_mul(0x9E37_79B9_7F4A_7C15).wrapping_add(0x632B_E59B_D9B4_E019);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn finish(
    problem: &Problem,
    values: Vec<i32>,
    lb: Option<i64>,
    start: Instant,
    solver: &'static str,
    iterations: u64,
) -> Solution {
    let evaluation = problem.evaluate(&values);
    Solution { values, evaluation, lower_bound: lb, elapsed: start.elapsed(), solver, iterations }
}

impl AssignmentSolver for Dsatur {
    fn name(&self) -> &'static str {
        "dsatur"
    }

    fn solve(&self, problem: &Problem, options: &SolveOptions) -> Result<Solution> {
        let start = Instant::now();
        problem.validate()?;
        let model = Model::new(problem);
        let mut search = Search::new(&model, ChaCha8Rng::seed_from_u64(run_seed(options.seed, 0)));
        search.construct(preference(problem.objective));
        let values = model.values(search.entries());
        Ok(finish(problem, values, lower_bound(problem), start, self.name(), 0))
    }
}

impl AssignmentSolver for TabuSearch {
    fn name(&self) -> &'static str {
        "tabu"
    }

    fn solve(&self, problem: &Problem, options: &SolveOptions) -> Result<Solution> {
        let start = Instant::now();
        problem.validate()?;
        let model = Model::new(problem);
        let lb = lower_bound(problem);
        let threads = options.threads.max(1);
        let deadline = start + options.time_limit;
        let run = |i: usize| -> (Vec<i32>, u64) {
            let rng = ChaCha8Rng::seed_from_u64(run_seed(options.seed, i as u64));
            run_once(problem, &model, lb, rng, deadline, options, i)
        };
        let results: Vec<(Vec<i32>, u64)> = if threads == 1 {
            vec![run(0)]
        } else {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .map_err(|e| PlanError::Invalid(format!("cannot start {threads} threads: {e}")))?;
            pool.install(|| (0..threads).into_par_iter().map(run).collect())
        };
        let iterations = results.iter().map(|r| r.1).sum();
        let best = results
            .into_iter()
            .map(|(values, _)| {
                let e = problem.evaluate(&values);
                ((!e.feasible, e.hard_violations.len(), e.objective), values)
            })
            .min_by(|a, b| a.0.cmp(&b.0))
            .map(|(_, v)| v)
            .unwrap_or_default();
        Ok(finish(problem, best, lb, start, self.name(), iterations))
    }
}

/// One run: construction, then the objective's search. Returns the values and iterations.
fn run_once(
    problem: &Problem,
    model: &Model,
    lb: Option<i64>,
    rng: ChaCha8Rng,
    deadline: Instant,
    options: &SolveOptions,
    run: usize,
) -> (Vec<i32>, u64) {
    let mut search = Search::new(model, rng);
    search.construct(preference(problem.objective));
    let max_iterations = options.max_iterations.unwrap_or(u64::MAX);
    let budget = Budget { deadline, max_iterations };
    match problem.objective {
        Objective::Feasibility => {
            let (best, _) = search.tabu(0, budget);
            (model.values(&best), search.iterations)
        }
        Objective::MinInterference => {
            let target = lb.unwrap_or(0);
            if run.is_multiple_of(2) {
                // Even runs: tabu search with constraint weighting at local minima (guided local
                // search, Voudouris & Tsang 1996), the stronger method on most instances.
                search.weighting = true;
                search.tabu(target, budget);
            } else {
                // Odd runs of a parallel portfolio: simulated annealing, then plain tabu search
                // from its best (stronger on scen08/scen09).
                let now = Instant::now();
                let total = deadline.saturating_duration_since(now);
                let anneal_budget = Budget {
                    deadline: now + total.mul_f64(ANNEAL_END),
                    max_iterations: options
                        .max_iterations
                        .map_or(u64::MAX, |m| (m as f64 * ANNEAL_END) as u64),
                };
                let (lo, hi) = search.weight_range();
                let t_end = (lo as f64 / 5.0).max(1e-3);
                let (_, cost) = search.anneal(target, anneal_budget, hi as f64 / 2.0, t_end, ANNEAL_CYCLES);
                if cost > target {
                    search.tabu(target, budget);
                }
            }
            (model.values(search.entries()), search.iterations)
        }
        Objective::MinOrder | Objective::MinSpan => {
            reduce(problem.objective, model, &mut search, lb, budget, options)
        }
    }
}

/// Objective of a complete, feasible assignment for order and span.
fn measure(objective: Objective, values: &[i32]) -> i64 {
    match objective {
        Objective::MinOrder => values.iter().collect::<std::collections::BTreeSet<_>>().len() as i64,
        _ => values.iter().copied().max().unwrap_or(0) as i64,
    }
}

/// Minimum order / span as a sequence of feasibility problems.
fn reduce(
    objective: Objective,
    model: &Model,
    search: &mut Search,
    lb: Option<i64>,
    budget: Budget,
    options: &SolveOptions,
) -> (Vec<i32>, u64) {
    let (mut best, cost) = search.tabu(0, budget);
    if cost > 0 {
        return (model.values(&best), search.iterations); // no feasible assignment found
    }
    let mut jump = i64::MAX;
    let mut slice = (options.time_limit / 100).max(Duration::from_millis(20));
    let mut slice_iterations = options.max_iterations.map_or(u64::MAX, |m| (m / 100).max(1000));
    loop {
        let values = model.values(&best);
        let current = measure(objective, &values);
        if lb.is_some_and(|b| current <= b)
            || search.iterations >= budget.max_iterations
            || Instant::now() >= budget.deadline
        {
            break;
        }
        // Values to forbid, most promising first.
        let attempts: Vec<Vec<i32>> = match objective {
            Objective::MinOrder => {
                let mut usage: BTreeMap<i32, usize> = BTreeMap::new();
                for v in &values {
                    *usage.entry(*v).or_default() += 1;
                }
                let mut by_use: Vec<(usize, i32)> = usage.into_iter().map(|(v, c)| (c, v)).collect();
                by_use.sort_unstable();
                by_use.into_iter().map(|(_, v)| vec![v]).collect()
            }
            _ => {
                // Largest value allowed: a jump towards the bound first, then one step.
                let step = jump.min((current - lb.unwrap_or(0)) / 2);
                let mut limits = Vec::new();
                if step >= 2 {
                    limits.push(vec![(current - step) as i32]);
                }
                limits.push(vec![current as i32 - 1]);
                limits
            }
        };
        let mut improved = false;
        let mut tried = false;
        for forbid in attempts {
            let mask = search.allowed_mask();
            let ok = match objective {
                Objective::MinOrder => search.restrict(|vals| vals.iter().any(|v| forbid.contains(v))),
                _ => {
                    let limit = forbid[0];
                    search.restrict(|vals| vals.iter().any(|&v| v > limit))
                }
            };
            if !ok {
                continue; // some unit would have no value left
            }
            tried = true;
            let slice_budget = Budget {
                deadline: budget.deadline.min(Instant::now() + slice),
                max_iterations: budget.max_iterations.min(search.iterations.saturating_add(slice_iterations)),
            };
            let (entries, cost) = search.tabu(0, slice_budget);
            if cost == 0 {
                best = entries;
                improved = true;
                break;
            }
            if objective == Objective::MinSpan && (current - i64::from(forbid[0])) >= 2 {
                jump = (current - i64::from(forbid[0])) / 2; // the jump failed: shorter next time
            }
            search.set_allowed_mask(mask);
            search.load(&best);
            if Instant::now() >= budget.deadline || search.iterations >= budget.max_iterations {
                break;
            }
        }
        if !tried {
            break; // no reduction is possible at all
        }
        if !improved {
            // Harder step: give each attempt more time.
            slice = slice.saturating_mul(2).min(options.time_limit);
            slice_iterations = slice_iterations.saturating_mul(2);
        }
    }
    (model.values(&best), search.iterations)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assignment::philadelphia;
    use crate::assignment::problem::{Constraint, Relation, Variable, Weight};

    fn triangle(objective: Objective) -> Problem {
        let var =
            |n: &str| Variable { name: n.into(), domain: vec![1, 2, 3, 4, 5, 6, 7], pre: None, group: None };
        let c = |a, b| Constraint { a, b, relation: Relation::Greater, k: 1, weight: Weight::Hard };
        Problem {
            name: "triangle".into(),
            variables: vec![var("a"), var("b"), var("c")],
            constraints: vec![c(0, 1), c(1, 2), c(0, 2)],
            objective,
            groups: vec![],
        }
    }

    #[test]
    fn span_of_triangle_with_gap_two_is_five() {
        // Three mutually separated (>1) channels: 1, 3, 5 at best.
        let p = triangle(Objective::MinSpan);
        let s = TabuSearch
            .solve(&p, &SolveOptions { time_limit: Duration::from_secs(2), ..Default::default() })
            .unwrap();
        assert!(s.evaluation.feasible);
        assert_eq!(s.evaluation.objective, 5);
        assert!(s.proven_optimal());
    }

    #[test]
    fn cosite_cell_is_optimal_and_deterministic() {
        let p = philadelphia::build("t".into(), &[4, 3], &[vec![3, 1], vec![1, 3]]).unwrap();
        let o = SolveOptions {
            time_limit: Duration::from_secs(5),
            seed: 7,
            threads: 2,
            max_iterations: Some(20_000),
        };
        let a = TabuSearch.solve(&p, &o).unwrap();
        let b = TabuSearch.solve(&p, &o).unwrap();
        assert_eq!(a.values, b.values);
        assert_eq!(a.evaluation.objective, 10); // 1 + (4 - 1) * 3, the co-site bound
        assert!(a.proven_optimal());
    }
}
