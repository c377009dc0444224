//! The spectra station-based assignment format (JSON): a band, a propagation model, a
//! protection criterion, ACIR per channel offset and a list of stations. The separations come
//! from [`crate::compatibility`]; the result is an ordinary [`Problem`] plus its constraint
//! graph, which the command line writes next to the assignment.
//!
//! ```json
//! {
//!   "name": "ring",
//!   "objective": "min_span",
//!   "band": { "first_channel_mhz": 450.00625, "channel_spacing_mhz": 0.0125, "channels": 40 },
//!   "compatibility": { "frequency_mhz": 450.25, "propagation_model": "free-space",
//!                      "i_over_n_max_db": -6.0, "acir_db": [0, 45, 60], "max_range_km": 60 },
//!   "stations": [ { "name": "A", "lat_deg": 48.85, "lon_deg": 2.35, "height_m": 30,
//!                   "power_dbm": 40, "antenna_gain_dbi": 2, "bandwidth_mhz": 0.0125,
//!                   "noise_figure_db": 5 } ]
//! }
//! ```
//!
//! Channels are numbered 1..=`channels`; channel c is at `first_channel_mhz + (c - 1) *
//! channel_spacing_mhz`. Variables are the stations, named as in the file.
use super::problem::{Constraint, Objective, PreAssignment, Problem, Relation, Variable, Weight};
use crate::compatibility::{compatibility, Compatibility, CompatibilityParams, Station};
use crate::{PlanError, Result};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::Path;

/// The channel raster.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// Centre frequency of channel 1, MHz.
    pub first_channel_mhz: f64,
    /// Channel spacing, MHz.
    pub channel_spacing_mhz: f64,
    /// Number of channels (>= 1).
    pub channels: i32,
}

/// The file as written.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct StationFile {
    /// Name for reports.
    pub name: String,
    /// `min_span` (default), `min_order`, `min_interference` or `feasibility`.
    #[serde(default)]
    pub objective: Option<String>,
    /// The channel raster.
    pub band: Band,
    /// Criterion, propagation and ACIR.
    pub compatibility: CompatibilityParams,
    /// The stations.
    pub stations: Vec<Station>,
}

/// A station file turned into a problem.
#[derive(Debug, Clone)]
pub struct StationProblem {
    /// The assignment problem (one variable per station).
    pub problem: Problem,
    /// The constraint graph computed from physics.
    pub compatibility: Compatibility,
    /// The band, to turn channels into frequencies.
    pub band: Band,
}

/// Reads and converts a station file.
pub fn read_stations(path: &Path) -> Result<StationProblem> {
    let text = std::fs::read_to_string(path).map_err(|e| PlanError::io(path, e))?;
    let file: StationFile =
        serde_json::from_str(&text).map_err(|e| PlanError::parse(path, e.line(), e.to_string()))?;
    station_problem(&file).map_err(|e| match e {
        PlanError::Parse { .. } | PlanError::Io { .. } => e,
        other => PlanError::parse(path, 0, other.to_string()),
    })
}

/// Converts parsed station data into a problem.
pub fn station_problem(file: &StationFile) -> Result<StationProblem> {
    let band = &file.band;
    let spacing_ok = band.channel_spacing_mhz.is_finite() && band.channel_spacing_mhz > 0.0;
    if band.channels < 1 || !spacing_ok || !band.first_channel_mhz.is_finite() {
        return Err(PlanError::Invalid("band: channels >= 1 and channel_spacing_mhz > 0 required".into()));
    }
    let objective = match &file.objective {
        None => Objective::MinSpan,
        Some(o) => Objective::parse(o).ok_or_else(|| {
            PlanError::Invalid(format!(
                "objective {o:?}: expected min_span, min_order, min_interference or feasibility"
            ))
        })?,
    };
    let mut seen = HashSet::new();
    let mut variables = Vec::new();
    for (i, s) in file.stations.iter().enumerate() {
        if !seen.insert(s.name.as_str()) {
            return Err(PlanError::Invalid(format!("stations[{i}]: name {:?} used twice", s.name)));
        }
        let mut domain: Vec<i32> = match &s.channels {
            Some(list) => list.clone(),
            None => (1..=band.channels).collect(),
        };
        domain.sort_unstable();
        domain.dedup();
        if let Some(c) = domain.iter().find(|&&c| c < 1 || c > band.channels) {
            return Err(PlanError::Invalid(format!(
                "stations[{i}].channels: {c} outside 1..={}",
                band.channels
            )));
        }
        if domain.is_empty() {
            return Err(PlanError::Invalid(format!("stations[{i}].channels is empty")));
        }
        let pre = s.current_channel.map(|value| PreAssignment { value, change_cost: s.change_cost });
        variables.push(Variable { name: s.name.clone(), domain, pre, group: None });
    }
    let compatibility = compatibility(&file.stations, &file.compatibility)?;
    let constraints = compatibility
        .separations
        .iter()
        .map(|s| Constraint {
            a: s.a,
            b: s.b,
            relation: Relation::Greater,
            k: s.min_offset - 1,
            weight: Weight::Hard,
        })
        .collect();
    let problem = Problem { name: file.name.clone(), variables, constraints, objective, groups: vec![] };
    problem.validate()?;
    Ok(StationProblem { problem, compatibility, band: band.clone() })
}
