//! Studies: one file naming every part of an assessment (Monte Carlo scenarios, parameter
//! sweeps, searches for the largest/smallest value that keeps interference acceptable, path-loss
//! batches, frequency assignments), run in parallel into one deterministic results document
//! that the report crate turns into a committee report.
//!
//! ```toml
//! title = "APT 700 MHz: LTE UE uplink next to DTT"
//! authors = ["Spectrum engineering unit"]
//! purpose = "Guard band needed below 703 MHz"
//! max_probability_pct = 5        # pass/fail threshold of every criterion (default 5 %)
//!
//! [[parts]]
//! kind = "simulation"
//! name = "baseline"
//! scenario = "../scenarios/apt700-ue-dtt.toml"
//!
//! [[parts]]
//! kind = "sweep"
//! name = "guard band"
//! scenario = "../scenarios/apt700-ue-dtt.toml"
//! parameters = [{ path = "interfering_links[0].transmitter.frequency_mhz", values = [705.5, 708, 713] }]
//!
//! [[parts]]
//! kind = "search"
//! name = "smallest UE carrier frequency"
//! scenario = "../scenarios/apt700-ue-dtt.toml"
//! path = "interfering_links[0].transmitter.frequency_mhz"
//! range = [703.5, 745.5]
//! goal = "min"                   # smallest passing value (guard band, distance); "max" for power
//! criterion = "i_over_n"
//! ```
//! Paths of files are relative to the study file.
mod run;

pub use run::{
    run_study, PartOutcome, PartResult, RunOptions, SearchStep, SitedStation, StudyResults, SweepPoint,
};

use crate::{PlanError, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// A study file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Study {
    /// Title of the report.
    pub title: String,
    /// Authors, shown under the title.
    #[serde(default)]
    pub authors: Vec<String>,
    /// What the study is for.
    #[serde(default)]
    pub purpose: String,
    /// Largest acceptable probability of interference, per cent (pass/fail), default 5 %.
    #[serde(default = "default_max_probability")]
    pub max_probability_pct: f64,
    /// Events per simulation unless a part says otherwise (default: the scenario's).
    #[serde(default)]
    pub events: Option<u64>,
    /// The parts, run in order of listing in the report.
    pub parts: Vec<Part>,
}

fn default_max_probability() -> f64 {
    5.0
}

/// One part of a study.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Part {
    /// One Monte Carlo scenario.
    Simulation {
        /// Name in the report.
        name: String,
        /// Scenario file.
        scenario: PathBuf,
        /// Events (default: the study's, else the scenario's).
        #[serde(default)]
        events: Option<u64>,
    },
    /// A scenario evaluated over parameter values: the cartesian product of the parameters'
    /// values, or (with `zip = true`) their element-wise pairs.
    Sweep {
        /// Name in the report.
        name: String,
        /// Scenario file.
        scenario: PathBuf,
        /// Swept parameters.
        parameters: Vec<SweepParameter>,
        /// Pair the values element-wise instead of taking the product.
        #[serde(default)]
        zip: bool,
        /// Events per variant.
        #[serde(default)]
        events: Option<u64>,
    },
    /// Bisection for the smallest (`goal = "min"`) or largest (`"max"`) value of a parameter
    /// for which the probability of the criterion stays at or below the study's threshold.
    Search {
        /// Name in the report.
        name: String,
        /// Scenario file.
        scenario: PathBuf,
        /// Parameter path.
        path: String,
        /// Search interval [low, high].
        range: [f64; 2],
        /// `min` or `max`.
        goal: SearchGoal,
        /// Criterion name: `c_over_i`, `c_over_n_plus_i`, `n_plus_i_over_n` or `i_over_n`.
        criterion: String,
        /// Stop when the bracket is this narrow (default: 1/1000 of the range).
        #[serde(default)]
        tolerance: Option<f64>,
        /// Events per evaluation.
        #[serde(default)]
        events: Option<u64>,
    },
    /// A path-loss batch (`spectra pathloss`).
    Pathloss {
        /// Name in the report.
        name: String,
        /// Model name.
        model: String,
        /// Input CSV.
        input: PathBuf,
    },
    /// A frequency assignment (`spectra assign`).
    Assignment {
        /// Name in the report.
        name: String,
        /// Problem: CALMA folder, Philadelphia file or spectra station JSON.
        problem: PathBuf,
        /// Time limit, seconds (default 10).
        #[serde(default)]
        time_limit_s: Option<f64>,
        /// Seed (default 1).
        #[serde(default)]
        seed: Option<u64>,
        /// Iteration cap, for results reproducible on any machine (default 20 000).
        #[serde(default)]
        max_iterations: Option<u64>,
    },
}

/// One swept parameter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SweepParameter {
    /// Parameter path in the scenario.
    pub path: String,
    /// Explicit values.
    #[serde(default)]
    pub values: Option<Vec<f64>>,
    /// Or a range: start, stop (inclusive), step.
    #[serde(default)]
    pub range: Option<[f64; 3]>,
}

/// Direction of a search.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SearchGoal {
    /// The smallest passing value (guard band, separation distance).
    Min,
    /// The largest passing value (power, density).
    Max,
}

/// Criterion names as results documents spell them.
pub const CRITERIA: [&str; 4] = ["c_over_i", "c_over_n_plus_i", "n_plus_i_over_n", "i_over_n"];

impl Part {
    /// The part's name.
    pub fn name(&self) -> &str {
        match self {
            Part::Simulation { name, .. }
            | Part::Sweep { name, .. }
            | Part::Search { name, .. }
            | Part::Pathloss { name, .. }
            | Part::Assignment { name, .. } => name,
        }
    }
}

impl SweepParameter {
    /// The values of the parameter; an empty or endless list is an error naming the part.
    pub fn values(&self, part: &str) -> Result<Vec<f64>> {
        let err = |m: String| PlanError::Invalid(format!("part `{part}`: parameter `{}`: {m}", self.path));
        match (&self.values, self.range) {
            (Some(v), None) if !v.is_empty() => Ok(v.clone()),
            (Some(_), None) => Err(err("`values` is empty: give at least one value".into())),
            (None, Some([start, stop, step])) => {
                if !(step > 0.0 && stop >= start && start.is_finite() && stop.is_finite()) {
                    return Err(err(format!(
                        "range [{start}, {stop}, {step}] must have start <= stop and step > 0"
                    )));
                }
                let n = ((stop - start) / step + 1e-9).floor() as u64 + 1;
                if n > 100_000 {
                    return Err(err(format!("range gives {n} values; at most 100 000")));
                }
                Ok((0..n).map(|i| start + i as f64 * step).collect())
            }
            _ => Err(err("give exactly one of `values` or `range = [start, stop, step]`".into())),
        }
    }
}

impl Study {
    /// Parses a study (TOML); errors name the field path.
    pub fn parse(text: &str, path: &Path) -> Result<Study> {
        let de = toml::Deserializer::new(text);
        let study: Study = serde_path_to_error::deserialize(de).map_err(|e| {
            let field = e.path().to_string();
            let inner = e.into_inner();
            PlanError::parse(path, 0, format!("`{field}`: {}", inner.message().trim()))
        })?;
        if study.parts.is_empty() {
            return Err(PlanError::parse(path, 0, "`parts`: a study needs at least one part"));
        }
        if !(study.max_probability_pct > 0.0 && study.max_probability_pct <= 100.0) {
            return Err(PlanError::parse(
                path,
                0,
                format!(
                    "`max_probability_pct` = {} is out of range: valid (0, 100]",
                    study.max_probability_pct
                ),
            ));
        }
        let mut names = std::collections::BTreeSet::new();
        for part in &study.parts {
            if !names.insert(part.name()) {
                return Err(PlanError::parse(
                    path,
                    0,
                    format!("two parts are named `{}`: names must be unique", part.name()),
                ));
            }
        }
        Ok(study)
    }

    /// Reads a study file.
    pub fn read(path: &Path) -> Result<Study> {
        let text = std::fs::read_to_string(path).map_err(|e| PlanError::io(path, e))?;
        Study::parse(&text, path)
    }
}
