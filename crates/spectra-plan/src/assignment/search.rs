//! The search engine shared by the solvers: a compiled form of the problem with an incremental
//! conflict table, DSATUR-style construction and tabu search with min-conflicts moves.
//!
//! Compilation merges each pair of variables joined by a hard `=` constraint (the two
//! directions of a CALMA link, `|f_i - f_j| = 238`) into one *unit* whose entries are the value
//! pairs meeting it, so a move changes both frequencies at once. Every other constraint becomes
//! a *link* between units. For each unit `u` and entry `e` the table `conf[u][e]` holds the
//! cost the problem would have on `u`'s constraints if `u` took `e` with every other unit where
//! it is (unary costs of `e` included), so evaluating a move is one subtraction and applying it
//! touches only the neighbours' entries that change (for `>` constraints between single
//! variables, only the entries within `k` of the old and new value; found by binary search).
//!
//! Tabu search follows the min-conflicts tabu search of the CALMA tradition (Hao, Dorne, Galinier,
//! "Tabu search for frequency assignment in mobile radio networks", J. Heuristics 4, 1998;
//! Tiourine, Hurkens, Lenstra, "Local search algorithms for the radio link frequency assignment
//! problem", Telecommunication Systems 13, 2000): among the units in conflict pick the best
//! non-tabu (unit, entry) move, aspiration when it beats the best cost found, random tenure.
use super::problem::{Objective, Problem, Relation, Weight};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use std::time::Instant;

const UNASSIGNED: u32 = u32::MAX;
/// Draws per annealing move to find a unit in a violated constraint.
const SA_DRAWS: usize = 4;

#[derive(Debug, Clone)]
struct Unit {
    members: Vec<usize>,
    /// Entries, `members.len()` values each.
    values: Vec<i32>,
    /// Cost of an entry by itself: moved pre-assignments, constraints inside the unit.
    unary: Vec<i64>,
}

impl Unit {
    #[inline]
    fn width(&self) -> usize {
        self.members.len()
    }
    #[inline]
    fn entries(&self) -> usize {
        self.unary.len()
    }
    #[inline]
    fn value(&self, e: usize, pos: usize) -> i32 {
        self.values[e * self.members.len() + pos]
    }
}

#[derive(Debug, Clone, Copy)]
struct Link {
    /// Index of the constraint (both directions share it) for its dynamic weight.
    id: u32,
    other: u32,
    my_pos: u8,
    other_pos: u8,
    relation: Relation,
    k: i32,
    weight: i64,
}

impl Link {
    #[inline]
    fn violated(&self, x: i32, y: i32) -> bool {
        let d = (x - y).abs();
        match self.relation {
            Relation::Greater => d <= self.k,
            Relation::Equal => d != self.k,
        }
    }
}

/// The problem compiled for search, with the weight of a hard violation.
#[derive(Debug, Clone)]
pub(crate) struct Model {
    units: Vec<Unit>,
    links: Vec<Vec<Link>>,
    offsets: Vec<usize>,
    /// For each variable: (unit, position in unit).
    var_unit: Vec<(u32, u8)>,
    /// Static weight of each link (constraint between units).
    link_weight: Vec<i64>,
    /// Hard constraints only: breakout constraint weighting at local minima.
    weighting: bool,
}

impl Model {
    /// Compiles `problem`. For [`Objective::MinInterference`] soft constraints and mobility
    /// costs enter the cost and a hard violation weighs more than all of them together; for the
    /// other objectives only hard constraints count, each with weight 1 (min-conflicts).
    pub fn new(problem: &Problem) -> Model {
        let weighted = problem.objective == Objective::MinInterference;
        let hard_weight: i64 = if weighted {
            let soft: u64 = problem
                .constraints
                .iter()
                .map(|c| match c.weight {
                    Weight::Soft(w) => w,
                    Weight::Hard => 0,
                })
                .sum::<u64>()
                + problem.variables.iter().filter_map(|v| v.pre.and_then(|p| p.change_cost)).sum::<u64>();
            i64::try_from(soft.saturating_add(1)).unwrap_or(i64::MAX / 4).min(i64::MAX / 1024)
        } else {
            1
        };
        let cost_of = |w: Weight| -> i64 {
            match w {
                Weight::Hard => hard_weight,
                Weight::Soft(s) if weighted => s as i64,
                Weight::Soft(_) => 0,
            }
        };
        let n = problem.variables.len();
        // Effective domain: a fixed pre-assignment keeps only its value (even outside the
        // domain; it is then an unavoidable hard violation, reported by the check).
        let eff: Vec<Vec<i32>> = problem
            .variables
            .iter()
            .map(|v| match v.pre {
                Some(p) if p.change_cost.is_none() => vec![p.value],
                _ => v.domain.clone(),
            })
            .collect();
        let var_unary = |v: usize, x: i32| -> i64 {
            let var = &problem.variables[v];
            let mut c = 0;
            if var.domain.binary_search(&x).is_err() {
                c += hard_weight;
            }
            if let Some(p) = var.pre {
                if p.value != x {
                    c += match p.change_cost {
                        None => hard_weight,
                        Some(b) if weighted => b as i64,
                        Some(_) => 0,
                    };
                }
            }
            c
        };
        // Merge hard `=` pairs.
        let mut partner: Vec<Option<usize>> = vec![None; n];
        let mut merged_constraint = vec![false; problem.constraints.len()];
        for (ci, c) in problem.constraints.iter().enumerate() {
            if c.relation == Relation::Equal
                && c.weight == Weight::Hard
                && partner[c.a].is_none()
                && partner[c.b].is_none()
            {
                let any = eff[c.a].iter().any(|&x| eff[c.b].iter().any(|&y| (x - y).abs() == c.k));
                if any {
                    partner[c.a] = Some(c.b);
                    partner[c.b] = Some(c.a);
                    merged_constraint[ci] = true;
                }
            }
        }
        let mut units = Vec::new();
        let mut var_unit = vec![(0u32, 0u8); n];
        for v in 0..n {
            match partner[v] {
                Some(p) if p < v => continue,
                Some(p) => {
                    let u = units.len() as u32;
                    var_unit[v] = (u, 0);
                    var_unit[p] = (u, 1);
                    let inner: Vec<_> = problem
                        .constraints
                        .iter()
                        .filter(|c| (c.a == v && c.b == p) || (c.a == p && c.b == v))
                        .collect();
                    let mut values = Vec::new();
                    let mut unary = Vec::new();
                    for &x in &eff[v] {
                        for &y in &eff[p] {
                            let mut cost = var_unary(v, x) + var_unary(p, y);
                            let mut ok = true;
                            for c in &inner {
                                let (fa, fb) = if c.a == v { (x, y) } else { (y, x) };
                                if !c.holds(fa, fb) {
                                    if c.relation == Relation::Equal && c.weight == Weight::Hard {
                                        ok = false;
                                    }
                                    cost += cost_of(c.weight);
                                }
                            }
                            if ok {
                                values.extend([x, y]);
                                unary.push(cost);
                            }
                        }
                    }
                    units.push(Unit { members: vec![v, p], values, unary });
                }
                None => {
                    var_unit[v] = (units.len() as u32, 0);
                    let unary = eff[v].iter().map(|&x| var_unary(v, x)).collect();
                    units.push(Unit { members: vec![v], values: eff[v].clone(), unary });
                }
            }
        }
        let mut links: Vec<Vec<Link>> = vec![Vec::new(); units.len()];
        let mut link_weight = Vec::new();
        for (ci, c) in problem.constraints.iter().enumerate() {
            let (ua, pa) = var_unit[c.a];
            let (ub, pb) = var_unit[c.b];
            if merged_constraint[ci] || ua == ub {
                continue; // inside a unit: already in its unary costs
            }
            let weight = cost_of(c.weight);
            if weight == 0 {
                continue;
            }
            let id = link_weight.len() as u32;
            link_weight.push(weight);
            links[ua as usize].push(Link {
                id,
                other: ub,
                my_pos: pa,
                other_pos: pb,
                relation: c.relation,
                k: c.k,
                weight,
            });
            links[ub as usize].push(Link {
                id,
                other: ua,
                my_pos: pb,
                other_pos: pa,
                relation: c.relation,
                k: c.k,
                weight,
            });
        }
        let mut offsets = vec![0];
        for u in &units {
            offsets.push(offsets.last().copied().unwrap_or(0) + u.entries());
        }
        Model { units, links, offsets, var_unit, link_weight, weighting: !weighted }
    }

    /// Variable values of a complete entry vector.
    pub fn values(&self, entries: &[u32]) -> Vec<i32> {
        self.var_unit
            .iter()
            .map(|&(u, p)| self.units[u as usize].value(entries[u as usize] as usize, p as usize))
            .collect()
    }

    /// The distinct variable values an entry of a unit uses.
    fn entry_values(&self, u: usize, e: usize) -> &[i32] {
        let unit = &self.units[u];
        &unit.values[e * unit.width()..(e + 1) * unit.width()]
    }
}

/// Search state over a [`Model`].
#[derive(Debug, Clone)]
pub(crate) struct Search<'m> {
    pub model: &'m Model,
    conf: Vec<i64>,
    allowed: Vec<bool>,
    tabu: Vec<u64>,
    cur: Vec<u32>,
    nviol: Vec<u32>,
    min_unary: Vec<i64>,
    /// Search cost with the dynamic weights.
    cost: i64,
    /// Cost with the static weights (the problem's).
    raw: i64,
    dyn_w: Vec<i64>,
    pub rng: ChaCha8Rng,
    /// Tabu iterations done so far (all calls together).
    pub iterations: u64,
    /// Breakout constraint weighting at local minima (guided local search).
    pub weighting: bool,
}

/// Which of several equally good values construction prefers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Preference {
    /// Values already used most often (minimum order).
    Reuse,
    /// The smallest largest value (minimum span).
    Low,
    /// Random among the best.
    Any,
}

/// When a search call stops.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Budget {
    pub deadline: Instant,
    /// Absolute cap on [`Search::iterations`].
    pub max_iterations: u64,
}

impl<'m> Search<'m> {
    pub fn new(model: &'m Model, rng: ChaCha8Rng) -> Search<'m> {
        let total = model.offsets.last().copied().unwrap_or(0);
        let mut conf = vec![0; total];
        for (u, unit) in model.units.iter().enumerate() {
            conf[model.offsets[u]..model.offsets[u + 1]].copy_from_slice(&unit.unary);
        }
        let min_unary = model.units.iter().map(|u| u.unary.iter().copied().min().unwrap_or(0)).collect();
        Search {
            model,
            conf,
            allowed: vec![true; total],
            tabu: vec![0; total],
            cur: vec![UNASSIGNED; model.units.len()],
            nviol: vec![0; model.units.len()],
            min_unary,
            cost: 0,
            raw: 0,
            dyn_w: model.link_weight.clone(),
            rng,
            iterations: 0,
            weighting: model.weighting,
        }
    }

    pub fn entries(&self) -> &[u32] {
        &self.cur
    }

    /// Adds (`sign = 1`) or removes (`sign = -1`) the influence of unit `u` at entry `e`.
    fn influence(&mut self, u: usize, e: usize, sign: i64) {
        let model = self.model;
        let unit = &model.units[u];
        self.cost += sign * unit.unary[e];
        self.raw += sign * unit.unary[e];
        for link in &model.links[u] {
            let x = unit.value(e, link.my_pos as usize);
            let w = &model.units[link.other as usize];
            let wi = link.other as usize;
            let base = model.offsets[wi];
            let delta = sign * self.dyn_w[link.id as usize];
            if w.width() == 1 && link.relation == Relation::Greater {
                let vals = &w.values;
                let lo = vals.partition_point(|&v| v < x - link.k);
                let hi = vals.partition_point(|&v| v <= x + link.k);
                for c in &mut self.conf[base + lo..base + hi] {
                    *c += delta;
                }
            } else {
                for f in 0..w.entries() {
                    if link.violated(w.value(f, link.other_pos as usize), x) {
                        self.conf[base + f] += delta;
                    }
                }
            }
            let cw = self.cur[wi];
            if cw != UNASSIGNED && link.violated(w.value(cw as usize, link.other_pos as usize), x) {
                self.cost += delta;
                self.raw += sign * link.weight;
                if sign > 0 {
                    self.nviol[u] += 1;
                    self.nviol[wi] += 1;
                } else {
                    self.nviol[u] -= 1;
                    self.nviol[wi] -= 1;
                }
            }
        }
    }

    fn set(&mut self, u: usize, e: u32) {
        let old = self.cur[u];
        if old == e {
            return;
        }
        if old != UNASSIGNED {
            self.cur[u] = UNASSIGNED;
            self.influence(u, old as usize, -1);
        }
        if e != UNASSIGNED {
            self.influence(u, e as usize, 1);
            self.cur[u] = e;
        }
    }

    /// Replaces the whole state by `entries`.
    pub fn load(&mut self, entries: &[u32]) {
        for (u, &e) in entries.iter().enumerate() {
            if self.cur[u] != e {
                self.set(u, e);
            }
        }
    }

    /// The cheapest allowed entry of `u` (ties broken at random); `None` if none is allowed.
    fn best_entry(&mut self, u: usize, pref: Preference, usage: &[u32], min_value: i32) -> Option<u32> {
        let base = self.model.offsets[u];
        let unit = &self.model.units[u];
        let mut best: Option<(i64, i64, u32)> = None;
        let mut ties = 0u32;
        for e in 0..unit.entries() {
            if !self.allowed[base + e] {
                continue;
            }
            let c = self.conf[base + e];
            let secondary: i64 = match pref {
                Preference::Reuse => {
                    -(self
                        .model
                        .entry_values(u, e)
                        .iter()
                        .map(|&v| usage[(v - min_value) as usize] as i64)
                        .sum::<i64>())
                }
                Preference::Low => self.model.entry_values(u, e).iter().copied().max().unwrap_or(0) as i64,
                Preference::Any => 0,
            };
            match best {
                Some((bc, bs, _)) if (c, secondary) > (bc, bs) => {}
                Some((bc, bs, _)) if (c, secondary) == (bc, bs) => {
                    ties += 1;
                    if self.rng.gen_range(0..ties) == 0 {
                        best = Some((c, secondary, e as u32));
                    }
                }
                _ => {
                    best = Some((c, secondary, e as u32));
                    ties = 1;
                }
            }
        }
        best.map(|b| b.2)
    }

    /// DSATUR-style construction: repeatedly place the unassigned unit with the fewest
    /// conflict-free entries left (ties: most links), on its cheapest entry.
    pub fn construct(&mut self, pref: Preference) {
        let model = self.model;
        let n = model.units.len();
        let (min_value, max_value) = model
            .units
            .iter()
            .flat_map(|u| u.values.iter().copied())
            .fold((i32::MAX, i32::MIN), |(a, b), v| (a.min(v), b.max(v)));
        let mut usage = vec![0u32; (max_value - min_value + 1).max(1) as usize];
        let free_count = |s: &Search, u: usize| -> usize {
            let base = model.offsets[u];
            (0..model.units[u].entries())
                .filter(|&e| s.allowed[base + e] && s.conf[base + e] == model.units[u].unary[e])
                .count()
        };
        let mut free: Vec<usize> = (0..n).map(|u| free_count(self, u)).collect();
        let mut placed: Vec<bool> = self.cur.iter().map(|&c| c != UNASSIGNED).collect();
        loop {
            let mut pick: Option<usize> = None;
            for u in 0..n {
                if placed[u] {
                    continue;
                }
                pick = match pick {
                    None => Some(u),
                    Some(p)
                        if (free[u], usize::MAX - model.links[u].len())
                            < (free[p], usize::MAX - model.links[p].len()) =>
                    {
                        Some(u)
                    }
                    keep => keep,
                };
            }
            let Some(u) = pick else { break };
            placed[u] = true;
            // Nothing allowed: entry 0; its violations are counted.
            let e = self.best_entry(u, pref, &usage, min_value).unwrap_or_default();
            self.set(u, e);
            for &v in model.entry_values(u, e as usize) {
                usage[(v - min_value) as usize] += 1;
            }
            for li in 0..model.links[u].len() {
                let w = model.links[u][li].other as usize;
                if !placed[w] {
                    free[w] = free_count(self, w);
                }
            }
        }
    }

    /// Units that could improve: in a violated constraint or off their cheapest unary entry.
    fn candidates(&self, out: &mut Vec<usize>) {
        out.clear();
        for u in 0..self.cur.len() {
            let cu = self.cur[u];
            if self.nviol[u] > 0
                || (cu != UNASSIGNED && self.model.units[u].unary[cu as usize] > self.min_unary[u])
            {
                out.push(u);
            }
        }
    }

    /// Tabu search from the current state until the problem's cost (static weights) reaches
    /// `target` or the budget ends. Returns the best entries found and their cost; the state is
    /// left at the best. With hard constraints only, local minima raise the weights of the
    /// violated constraints (breakout, Morris 1993) instead of relying on tabu moves alone.
    pub fn tabu(&mut self, target: i64, budget: Budget) -> (Vec<u32>, i64) {
        let mut best = self.cur.clone();
        let mut best_cost = self.raw;
        let mut candidates = Vec::new();
        let mut last_improvement = self.iterations;
        let n = self.cur.len() as u64;
        let stall_limit = (20 * n).max(2000);
        let mut best_moves: Vec<(usize, u32)> = Vec::new();
        let weighting = self.weighting;
        while self.raw > target && self.iterations < budget.max_iterations {
            if self.iterations.is_multiple_of(128) && Instant::now() >= budget.deadline {
                break;
            }
            self.iterations += 1;
            let it = self.iterations;
            self.candidates(&mut candidates);
            if candidates.is_empty() {
                break;
            }
            let mut best_delta = i64::MAX;
            best_moves.clear();
            for &u in &candidates {
                let base = self.model.offsets[u];
                let cu = self.cur[u] as usize;
                let now = self.conf[base + cu];
                for e in 0..self.model.units[u].entries() {
                    if e == cu || !self.allowed[base + e] {
                        continue;
                    }
                    let delta = self.conf[base + e] - now;
                    if delta > best_delta {
                        continue;
                    }
                    if self.tabu[base + e] > it && (weighting || self.cost + delta >= best_cost) {
                        continue;
                    }
                    if delta < best_delta {
                        best_delta = delta;
                        best_moves.clear();
                    }
                    best_moves.push((u, e as u32));
                }
            }
            if weighting && best_delta >= 0 {
                self.bump_weights();
                if best_delta > 0 || self.rng.gen_range(0..2) == 0 {
                    continue;
                }
            }
            if best_moves.is_empty() {
                // Everything tabu: age the tabu list by a random move.
                let u = candidates[self.rng.gen_range(0..candidates.len())];
                if let Some(e) = self.random_allowed(u) {
                    self.set(u, e);
                }
                continue;
            }
            let (u, e) = best_moves[self.rng.gen_range(0..best_moves.len())];
            let old = self.cur[u];
            self.set(u, e);
            let tenure = 2 + self.rng.gen_range(0..10) + (candidates.len() as u64 * 6) / 10;
            self.tabu[self.model.offsets[u] + old as usize] = it + tenure;
            if self.raw < best_cost {
                best_cost = self.raw;
                best.copy_from_slice(&self.cur);
                last_improvement = it;
            } else if !weighting && it - last_improvement > stall_limit {
                // Stagnation: restart from the best with a random perturbation.
                self.load(&best.clone());
                let kicks = (n / 20).max(3);
                for _ in 0..kicks {
                    let u = self.rng.gen_range(0..self.cur.len());
                    if let Some(e) = self.random_allowed(u) {
                        self.set(u, e);
                    }
                }
                last_improvement = it;
            }
        }
        if self.raw != best_cost {
            self.load(&best);
        }
        (best, best_cost)
    }

    /// Simulated annealing over (unit, entry) moves drawn uniformly, with the incremental
    /// conflict table for O(1) move evaluation (Metropolis acceptance, geometric cooling from
    /// `t_start` to `t_end` within each of `cycles` cycles; each cycle restarts from the best).
    /// Returns the best entries and their cost; the state is left at the best.
    pub fn anneal(
        &mut self,
        target: i64,
        budget: Budget,
        t_start: f64,
        t_end: f64,
        cycles: u32,
    ) -> (Vec<u32>, i64) {
        let mut best = self.cur.clone();
        let mut best_cost = self.raw;
        let n = self.cur.len();
        let start = Instant::now();
        let total_time = budget.deadline.saturating_duration_since(start).as_secs_f64().max(1e-3);
        let first_iteration = self.iterations;
        let total_iterations = budget.max_iterations.saturating_sub(first_iteration);
        let ratio = (t_end / t_start).ln();
        let mut temperature = t_start;
        let mut cycle_progress_base = 0.0;
        let cycles = f64::from(cycles.max(1));
        while self.raw > target && self.iterations < budget.max_iterations {
            if self.iterations.is_multiple_of(1024) {
                let by_time = start.elapsed().as_secs_f64() / total_time;
                let by_iterations = if total_iterations == u64::MAX - first_iteration || total_iterations == 0
                {
                    0.0
                } else {
                    (self.iterations - first_iteration) as f64 / total_iterations as f64
                };
                let progress = by_time.max(by_iterations);
                if progress >= 1.0 || Instant::now() >= budget.deadline {
                    break;
                }
                let in_cycle = progress * cycles;
                if in_cycle.floor() > cycle_progress_base {
                    cycle_progress_base = in_cycle.floor();
                    self.load(&best.clone());
                }
                temperature = t_start * (ratio * in_cycle.fract()).exp();
            }
            self.iterations += 1;
            // Prefer units in a violated constraint: up to SA_DRAWS draws to find one.
            let mut u = self.rng.gen_range(0..n);
            for _ in 1..SA_DRAWS {
                if self.nviol[u] > 0 {
                    break;
                }
                u = self.rng.gen_range(0..n);
            }
            let k = self.model.units[u].entries();
            if k < 2 {
                continue;
            }
            let base = self.model.offsets[u];
            let e = self.rng.gen_range(0..k);
            let cu = self.cur[u] as usize;
            if e == cu || !self.allowed[base + e] {
                continue;
            }
            let delta = self.conf[base + e] - self.conf[base + cu];
            if delta <= 0 || self.rng.gen::<f64>() < (-(delta as f64) / temperature).exp() {
                self.set(u, e as u32);
                if self.raw < best_cost {
                    best_cost = self.raw;
                    best.copy_from_slice(&self.cur);
                }
            }
        }
        if self.raw != best_cost {
            self.load(&best);
        }
        (best, best_cost)
    }

    /// Smallest and largest weight of a link or a non-zero unary cost, for annealing
    /// temperatures.
    pub fn weight_range(&self) -> (i64, i64) {
        let links = self.model.link_weight.iter().copied();
        let unary = self.model.units.iter().flat_map(|u| u.unary.iter().copied()).filter(|&c| c > 0);
        links.chain(unary).fold((i64::MAX, 0), |(lo, hi), w| (lo.min(w), hi.max(w)))
    }

    /// Raises by one the dynamic weight of every violated constraint, keeping the conflict
    /// table consistent with the current assignment.
    fn bump_weights(&mut self) {
        let model = self.model;
        for u in 0..self.cur.len() {
            if self.nviol[u] == 0 {
                continue;
            }
            let cu = self.cur[u] as usize;
            for link in &model.links[u] {
                let w = link.other as usize;
                if w < u {
                    continue; // each constraint once, from its lower unit
                }
                let cw = self.cur[w];
                if cw == UNASSIGNED {
                    continue;
                }
                let x = model.units[u].value(cu, link.my_pos as usize);
                let y = model.units[w].value(cw as usize, link.other_pos as usize);
                if !link.violated(x, y) {
                    continue;
                }
                let step = model.link_weight[link.id as usize];
                self.dyn_w[link.id as usize] += step;
                self.cost += step;
                let wu = &model.units[w];
                let bw = model.offsets[w];
                for f in 0..wu.entries() {
                    if link.violated(wu.value(f, link.other_pos as usize), x) {
                        self.conf[bw + f] += step;
                    }
                }
                let uu = &model.units[u];
                let bu = model.offsets[u];
                for e in 0..uu.entries() {
                    if link.violated(uu.value(e, link.my_pos as usize), y) {
                        self.conf[bu + e] += step;
                    }
                }
            }
        }
    }

    fn random_allowed(&mut self, u: usize) -> Option<u32> {
        let base = self.model.offsets[u];
        let k = self.model.units[u].entries();
        let allowed: Vec<u32> = (0..k).filter(|&e| self.allowed[base + e]).map(|e| e as u32).collect();
        if allowed.is_empty() {
            None
        } else {
            Some(allowed[self.rng.gen_range(0..allowed.len())])
        }
    }

    /// Forbids (or re-allows) every entry for which `forbid(values)` is true. Units left on a
    /// forbidden entry move to their cheapest allowed one. Returns false (and changes nothing)
    /// when some unit would have no allowed entry.
    pub fn restrict(&mut self, forbid: impl Fn(&[i32]) -> bool) -> bool {
        let model = self.model;
        let mut next = self.allowed.clone();
        for u in 0..model.units.len() {
            let base = model.offsets[u];
            let mut any = false;
            for e in 0..model.units[u].entries() {
                if next[base + e] && forbid(model.entry_values(u, e)) {
                    next[base + e] = false;
                }
                any |= next[base + e];
            }
            if !any {
                return false;
            }
        }
        self.allowed = next;
        for u in 0..model.units.len() {
            let cu = self.cur[u];
            if cu != UNASSIGNED && !self.allowed[model.offsets[u] + cu as usize] {
                if let Some(e) = self.best_entry(u, Preference::Any, &[], 0) {
                    self.set(u, e);
                }
            }
        }
        true
    }

    /// Allowed mask, to restore after a failed restriction.
    pub fn allowed_mask(&self) -> Vec<bool> {
        self.allowed.clone()
    }

    pub fn set_allowed_mask(&mut self, mask: Vec<bool>) {
        self.allowed = mask;
    }
}
