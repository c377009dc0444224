//! The frequency assignment problem: variables with domains, pre-assignments, binary separation
//! constraints and an objective; and the check of an assignment against all of it.
//!
//! The vocabulary follows the CALMA project (Cabon et al., "Radio Link Frequency Assignment",
//! Constraints 4(1):79-89, 1999) and the survey of Aardal et al. (Ann. Oper. Res. 153, 2007):
//!
//! | here                       | CALMA / literature                                   |
//! |----------------------------|------------------------------------------------------|
//! | [`Variable::domain`]       | D_i, the channels link i may use                      |
//! | [`PreAssignment`]          | initial value and mobility (0 = fixed, 1..4 = b_mob)  |
//! | [`Relation::Greater`], `k` | `|f_i - f_j| > k` (`>` in `ctr.txt`)                  |
//! | [`Relation::Equal`], `k`   | `|f_i - f_j| = k` (`=` in `ctr.txt`, duplex distance) |
//! | [`Weight::Soft`]           | violation cost a_w of a weight index w = 1..4         |
//! | [`Objective::MinOrder`]    | number of distinct frequencies used                   |
//! | [`Objective::MinSpan`]     | largest assigned frequency (CALMA's "span")           |
//! | [`Objective::MinInterference`] | sum a_w (violated soft) + sum b_m (moved links)   |
use crate::{PlanError, Result};
use serde::Serialize;
use std::collections::BTreeSet;

/// What is being minimised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Objective {
    /// Number of distinct frequencies used, all hard constraints met.
    MinOrder,
    /// Largest frequency used (CALMA's definition of span), all hard constraints met.
    MinSpan,
    /// Weighted cost of violated soft constraints plus the cost of moved pre-assigned links.
    MinInterference,
    /// Any assignment meeting every hard constraint; the objective value is 0.
    Feasibility,
}

impl Objective {
    /// The snake_case name used in JSON and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Objective::MinOrder => "min_order",
            Objective::MinSpan => "min_span",
            Objective::MinInterference => "min_interference",
            Objective::Feasibility => "feasibility",
        }
    }

    /// Parses a name as written by [`Objective::name`] (`-` and `_` alike).
    pub fn parse(name: &str) -> Option<Objective> {
        match name.replace('-', "_").to_ascii_lowercase().as_str() {
            "min_order" | "order" => Some(Objective::MinOrder),
            "min_span" | "span" => Some(Objective::MinSpan),
            "min_interference" | "interference" | "weighted" => Some(Objective::MinInterference),
            "feasibility" | "feasible" => Some(Objective::Feasibility),
            _ => None,
        }
    }
}

/// A value a link had before planning, and what moving it costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PreAssignment {
    /// The current frequency (channel number). It may lie outside the domain (CALMA graph07).
    pub value: i32,
    /// Cost of assigning another value; `None` means the value is fixed (a hard constraint).
    pub change_cost: Option<u64>,
}

/// One decision: a radio link (or one channel of a cell) that gets one frequency.
#[derive(Debug, Clone, PartialEq)]
pub struct Variable {
    /// The name used in files and in the output (CALMA id, `cell:k`, station name).
    pub name: String,
    /// Allowed channel numbers, sorted ascending and without duplicates, never empty.
    pub domain: Vec<i32>,
    /// An existing assignment, if any.
    pub pre: Option<PreAssignment>,
    /// Index into [`Problem::groups`] when the variable is one channel of a multi-channel cell.
    pub group: Option<usize>,
}

/// How two frequencies must relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// `|f_a - f_b| > k`.
    Greater,
    /// `|f_a - f_b| = k`.
    Equal,
}

/// Whether a constraint must hold or costs something when violated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    /// Must hold.
    Hard,
    /// Costs this much when violated.
    Soft(u64),
}

/// A binary separation constraint `|f_a - f_b| (> or =) k`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Constraint {
    /// Index of the first variable in [`Problem::variables`].
    pub a: usize,
    /// Index of the second variable.
    pub b: usize,
    /// `>` or `=`.
    pub relation: Relation,
    /// Separation in channel-number units, `>= 0`.
    pub k: i32,
    /// Hard or soft with its cost.
    pub weight: Weight,
}

impl Constraint {
    /// Whether the constraint holds for the values `fa`, `fb`.
    #[inline]
    pub fn holds(&self, fa: i32, fb: i32) -> bool {
        let d = (fa - fb).abs();
        match self.relation {
            Relation::Greater => d > self.k,
            Relation::Equal => d == self.k,
        }
    }
}

/// A complete frequency assignment problem.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Name for reports (e.g. `scen06`).
    pub name: String,
    /// The variables.
    pub variables: Vec<Variable>,
    /// The binary constraints.
    pub constraints: Vec<Constraint>,
    /// What to minimise.
    pub objective: Objective,
    /// Names of the cells when variables are grouped (Philadelphia), else empty.
    pub groups: Vec<String>,
}

/// Where an assignment breaks a hard rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum HardViolation {
    /// A value outside the variable's domain.
    OutOfDomain { variable: String, value: i32 },
    /// A fixed pre-assigned variable moved.
    FixedMoved { variable: String, value: i32, fixed: i32 },
    /// A hard constraint does not hold.
    Constraint { a: String, b: String, relation: String, k: i32, fa: i32, fb: i32 },
}

/// Everything one needs to judge an assignment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    /// No hard violation.
    pub feasible: bool,
    /// Every hard violation (empty when feasible).
    pub hard_violations: Vec<HardViolation>,
    /// Number of violated soft constraints.
    pub soft_violations: usize,
    /// Cost of violated soft constraints plus moved pre-assigned variables.
    pub weighted_cost: u64,
    /// Number of distinct values used.
    pub order: usize,
    /// Largest value used (CALMA span).
    pub span: i32,
    /// The value of the problem's objective: order, span, weighted cost or 0 (feasibility).
    pub objective: i64,
}

impl Problem {
    /// Checks the structure: indices in range, non-empty sorted domains, `k >= 0`, no
    /// self-constraint. Readers call it; code that builds problems should too.
    pub fn validate(&self) -> Result<()> {
        let n = self.variables.len();
        for v in &self.variables {
            if v.domain.is_empty() {
                return Err(PlanError::Invalid(format!("variable {} has an empty domain", v.name)));
            }
            if v.domain.windows(2).any(|w| w[0] >= w[1]) {
                return Err(PlanError::Invalid(format!("domain of {} is not sorted and unique", v.name)));
            }
            if let Some(g) = v.group {
                if g >= self.groups.len() {
                    return Err(PlanError::Invalid(format!("variable {} has unknown group {g}", v.name)));
                }
            }
        }
        for (i, c) in self.constraints.iter().enumerate() {
            if c.a >= n || c.b >= n || c.a == c.b {
                return Err(PlanError::Invalid(format!(
                    "constraint {i} joins invalid variables {}, {}",
                    c.a, c.b
                )));
            }
            if c.k < 0 {
                return Err(PlanError::Invalid(format!("constraint {i} has negative separation {}", c.k)));
            }
        }
        Ok(())
    }

    /// Index of the variable called `name`.
    pub fn variable_index(&self, name: &str) -> Option<usize> {
        self.variables.iter().position(|v| v.name == name)
    }

    /// Checks `values` (one per variable) against every domain, fixed value and constraint, and
    /// computes all objective measures. This is the verification every solver output goes
    /// through before it is reported.
    pub fn evaluate(&self, values: &[i32]) -> Evaluation {
        let mut hard = Vec::new();
        let mut cost = 0u64;
        let mut soft_violations = 0usize;
        for (v, &f) in self.variables.iter().zip(values) {
            if v.domain.binary_search(&f).is_err() {
                hard.push(HardViolation::OutOfDomain { variable: v.name.clone(), value: f });
            }
            if let Some(p) = v.pre {
                if p.value != f {
                    match p.change_cost {
                        None => hard.push(HardViolation::FixedMoved {
                            variable: v.name.clone(),
                            value: f,
                            fixed: p.value,
                        }),
                        Some(c) => cost += c,
                    }
                }
            }
        }
        if values.len() != self.variables.len() {
            hard.push(HardViolation::OutOfDomain {
                variable: format!("({} values given)", values.len()),
                value: 0,
            });
        }
        for c in &self.constraints {
            let (Some(&fa), Some(&fb)) = (values.get(c.a), values.get(c.b)) else { continue };
            if c.holds(fa, fb) {
                continue;
            }
            match c.weight {
                Weight::Hard => hard.push(HardViolation::Constraint {
                    a: self.variables[c.a].name.clone(),
                    b: self.variables[c.b].name.clone(),
                    relation: match c.relation {
                        Relation::Greater => ">".into(),
                        Relation::Equal => "=".into(),
                    },
                    k: c.k,
                    fa,
                    fb,
                }),
                Weight::Soft(w) => {
                    cost += w;
                    soft_violations += 1;
                }
            }
        }
        let order = values.iter().collect::<BTreeSet<_>>().len();
        let span = values.iter().copied().max().unwrap_or(0);
        let objective = match self.objective {
            Objective::MinOrder => order as i64,
            Objective::MinSpan => span as i64,
            Objective::MinInterference => cost as i64,
            Objective::Feasibility => 0,
        };
        Evaluation {
            feasible: hard.is_empty(),
            hard_violations: hard,
            soft_violations,
            weighted_cost: cost,
            order,
            span,
            objective,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two_links() -> Problem {
        Problem {
            name: "t".into(),
            variables: vec![
                Variable { name: "1".into(), domain: vec![1, 2, 3], pre: None, group: None },
                Variable {
                    name: "2".into(),
                    domain: vec![1, 2, 3],
                    pre: Some(PreAssignment { value: 3, change_cost: Some(7) }),
                    group: None,
                },
            ],
            constraints: vec![Constraint {
                a: 0,
                b: 1,
                relation: Relation::Greater,
                k: 1,
                weight: Weight::Soft(5),
            }],
            objective: Objective::MinInterference,
            groups: vec![],
        }
    }

    #[test]
    fn weighted_cost_counts_violations_and_moves() {
        let p = two_links();
        assert_eq!(p.evaluate(&[1, 3]).weighted_cost, 0);
        assert_eq!(p.evaluate(&[2, 3]).weighted_cost, 5);
        assert_eq!(p.evaluate(&[1, 2]).weighted_cost, 5 + 7);
        let e = p.evaluate(&[4, 3]);
        assert!(!e.feasible);
        assert_eq!(e.hard_violations.len(), 1);
    }

    #[test]
    fn order_and_span() {
        let mut p = two_links();
        p.objective = Objective::MinOrder;
        let e = p.evaluate(&[3, 3]);
        assert_eq!((e.order, e.span, e.objective), (1, 3, 1));
    }
}
