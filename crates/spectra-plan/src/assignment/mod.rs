//! Frequency assignment: the problem model, readers, solvers, bounds and the solution check.
//!
//! ```no_run
//! use spectra_plan::assignment::{read_calma, AssignmentSolver, SolveOptions, TabuSearch};
//! let problem = read_calma(std::path::Path::new("../shared/fap/celar/scen06"))?;
//! let solution = TabuSearch.solve(&problem, &SolveOptions::default())?;
//! println!("{} = {}", problem.objective.name(), solution.evaluation.objective);
//! # Ok::<(), spectra_plan::PlanError>(())
//! ```
mod bounds;
mod calma;
mod philadelphia;
mod problem;
mod search;
mod solver;
mod stations;

pub use bounds::lower_bound;
pub use calma::read_calma;
pub use philadelphia::{build as philadelphia_problem, read_philadelphia};
pub use problem::{
    Constraint, Evaluation, HardViolation, Objective, PreAssignment, Problem, Relation, Variable, Weight,
};
pub use solver::{AssignmentSolver, Dsatur, Solution, SolveOptions, TabuSearch};
pub use stations::{read_stations, station_problem, Band, StationFile, StationProblem};
