//! spectra-plan: band plans, stations, compatibility, frequency assignment, harmonisation.
//!
//! - [`assignment`]: the frequency assignment problem (FAP) model, readers for the CALMA
//!   (CELAR/GRAPH), Philadelphia and spectra station formats, solvers behind
//!   [`assignment::AssignmentSolver`], lower bounds and an independent solution check.
//! - [`compatibility`]: minimum channel separations derived from physics (path loss, powers,
//!   antennas, noise, ACIR) for a list of stations: the constraint graph of an assignment.
#![forbid(unsafe_code)]

pub mod assignment;
pub mod batch;
pub mod compatibility;
pub mod error;
pub mod study;

pub use error::{PlanError, Result};
