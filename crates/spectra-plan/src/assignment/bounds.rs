//! Lower bounds, to report the optimality gap and stop early when a solution is proven optimal.
//!
//! - Minimum order: the size of a clique of variables that pairwise may not share a value
//!   (a hard `>` with any `k >= 0`, or `=` with `k > 0`), found greedily from every vertex; and
//!   the number of distinct fixed values.
//! - Minimum span (largest value): for each separation threshold `t`, a clique Q of variables
//!   pairwise separated by more than `t` needs |Q| values with gaps of at least `t + 1` from
//!   the union of their domains; the earliest such sequence (greedy from the smallest value)
//!   bounds the largest value from below. For a Philadelphia cell of demand d and co-site
//!   separation c this is the classic co-site bound `1 + (d - 1) c` (Gamst, "Some lower bounds
//!   for a class of frequency assignment problems", IEEE Trans. Veh. Technol. 35, 1986).
//! - Minimum weighted interference: the mobility costs no assignment can avoid (pre-assigned
//!   value outside the domain). A weak bound, stated as such in the reports.
use super::problem::{Objective, Problem, Relation, Weight};
use std::collections::BTreeSet;

/// A lower bound of the problem's objective, or `None` when none is computed.
pub fn lower_bound(problem: &Problem) -> Option<i64> {
    match problem.objective {
        Objective::Feasibility => Some(0),
        Objective::MinInterference => Some(
            problem
                .variables
                .iter()
                .filter_map(|v| match v.pre {
                    Some(p) if v.domain.binary_search(&p.value).is_err() => p.change_cost.map(|c| c as i64),
                    _ => None,
                })
                .sum(),
        ),
        Objective::MinOrder => {
            let clique = greedy_clique(problem, 0, true).len() as i64;
            let fixed: BTreeSet<i32> = problem
                .variables
                .iter()
                .filter_map(|v| v.pre.filter(|p| p.change_cost.is_none()).map(|p| p.value))
                .collect();
            Some(clique.max(fixed.len() as i64).max(1))
        }
        Objective::MinSpan => {
            let mut bound = problem.variables.iter().map(|v| v.domain[0] as i64).max().unwrap_or(0);
            let thresholds: BTreeSet<i32> = problem
                .constraints
                .iter()
                .filter(|c| c.weight == Weight::Hard && c.relation == Relation::Greater)
                .map(|c| c.k)
                .collect();
            for t in thresholds {
                let q = greedy_clique(problem, t, false);
                let mut union: Vec<i32> =
                    q.iter().flat_map(|&v| problem.variables[v].domain.iter().copied()).collect();
                union.sort_unstable();
                union.dedup();
                if let Some(last) = earliest_sequence(&union, q.len(), t + 1) {
                    bound = bound.max(last as i64);
                }
            }
            Some(bound)
        }
    }
}

/// The last element of the earliest sequence of `count` values of `sorted` with gaps >= `gap`.
fn earliest_sequence(sorted: &[i32], count: usize, gap: i32) -> Option<i32> {
    let mut last: Option<i32> = None;
    let mut taken = 0;
    for &v in sorted {
        if taken == count {
            break;
        }
        if last.is_none_or(|l| v - l >= gap) {
            last = Some(v);
            taken += 1;
        }
    }
    if taken == count {
        last
    } else {
        // Not even enough values: no assignment exists; the bound is past the domain.
        sorted.last().map(|&l| l + 1)
    }
}

/// A large clique (greedy from every start vertex) of the graph whose edges are the hard
/// constraints forcing `|f_a - f_b| > t` (`order_graph`: forbidding equal values).
fn greedy_clique(problem: &Problem, t: i32, order_graph: bool) -> Vec<usize> {
    let n = problem.variables.len();
    let words = n.div_ceil(64);
    let mut bits = vec![0u64; n * words];
    let mut adj: Vec<Vec<usize>> = vec![Vec::new(); n];
    for c in &problem.constraints {
        if c.weight != Weight::Hard {
            continue;
        }
        let edge = match (c.relation, order_graph) {
            (Relation::Greater, true) => true,
            (Relation::Equal, true) => c.k > 0,
            (Relation::Greater, false) => c.k >= t,
            (Relation::Equal, false) => c.k > t,
        };
        if edge && bits[c.a * words + c.b / 64] & (1 << (c.b % 64)) == 0 {
            bits[c.a * words + c.b / 64] |= 1 << (c.b % 64);
            bits[c.b * words + c.a / 64] |= 1 << (c.a % 64);
            adj[c.a].push(c.b);
            adj[c.b].push(c.a);
        }
    }
    let linked = |a: usize, b: usize| bits[a * words + b / 64] & (1 << (b % 64)) != 0;
    let mut best: Vec<usize> = if n > 0 { vec![0] } else { vec![] };
    for start in 0..n {
        if adj[start].len() < best.len() {
            continue;
        }
        let mut order = adj[start].clone();
        order.sort_by_key(|&v| std::cmp::Reverse(adj[v].len()));
        let mut clique = vec![start];
        for v in order {
            if clique.iter().all(|&c| linked(c, v)) {
                clique.push(v);
            }
        }
        if clique.len() > best.len() {
            best = clique;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assignment::philadelphia;

    #[test]
    fn cosite_bound() {
        // One cell, 3 channels, co-site separation 5: channels 1, 6, 11 at best.
        let p = philadelphia::build("t".into(), &[3], &[vec![5]]).unwrap();
        assert_eq!(lower_bound(&p), Some(11));
    }

    #[test]
    fn earliest() {
        assert_eq!(earliest_sequence(&[1, 2, 3, 7, 8, 20], 3, 5), Some(20));
        assert_eq!(earliest_sequence(&[1, 2], 3, 1), Some(3));
    }
}
