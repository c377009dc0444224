//! Running a study: every part, every variant in parallel, into one results document.
//!
//! Results are deterministic: each simulation uses its scenario's seed (common random numbers
//! across the variants of a sweep or search, so differences come from the parameter, not from
//! noise), assignments run one reproducible search with an iteration cap, and only the
//! `elapsed_s` timings differ between runs.
use super::{Part, SearchGoal, Study, CRITERIA};
use crate::assignment::{
    read_calma, read_philadelphia, read_stations, AssignmentSolver, SolveOptions, StationFile, TabuSearch,
};
use crate::{PlanError, Result};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use spectra_core::simulation::results::scenario_hash;
use spectra_core::simulation::{Results, Scenario, Simulation};
use std::path::Path;
use std::time::{Duration, Instant};

/// Format tag of study results documents.
pub const FORMAT: &str = "spectra-study-results/1";

/// Overrides for a run (tests use fewer events).
#[derive(Debug, Clone, Copy, Default)]
pub struct RunOptions {
    /// Events of every simulation, overriding study, part and scenario.
    pub events: Option<u64>,
}

/// Everything a study produced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StudyResults {
    /// [`FORMAT`].
    pub format: String,
    /// Version of spectra that produced it.
    pub engine_version: String,
    /// Study title.
    pub title: String,
    /// Authors.
    pub authors: Vec<String>,
    /// Purpose.
    pub purpose: String,
    /// Pass/fail threshold of the probability of interference, per cent.
    pub max_probability_pct: f64,
    /// The study file as given, so the study can be rerun.
    pub study_text: String,
    /// One result per part, in the file's order.
    pub parts: Vec<PartResult>,
}

/// The result of one part.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartResult {
    /// Part name.
    pub name: String,
    /// Wall-clock time, seconds (the only non-deterministic value).
    pub elapsed_s: f64,
    /// What it produced.
    pub outcome: PartOutcome,
}

/// What a part produced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum PartOutcome {
    /// One simulation.
    Simulation {
        /// Scenario file as named in the study.
        scenario: String,
        /// Scenario text.
        scenario_text: String,
        /// Monte Carlo results.
        results: Box<Results>,
    },
    /// A sweep.
    Sweep {
        /// Scenario file.
        scenario: String,
        /// Scenario text.
        scenario_text: String,
        /// Swept parameter paths.
        parameters: Vec<String>,
        /// One point per variant.
        points: Vec<SweepPoint>,
    },
    /// A search.
    Search {
        /// Scenario file.
        scenario: String,
        /// Scenario text.
        scenario_text: String,
        /// Parameter path.
        path: String,
        /// `min` or `max`.
        goal: SearchGoal,
        /// Criterion.
        criterion: String,
        /// Threshold, per cent.
        max_probability_pct: f64,
        /// The answer: the extreme passing value found (within `tolerance`), if any.
        found: Option<f64>,
        /// Width of the final bracket.
        tolerance: f64,
        /// Every evaluation, in the order made.
        steps: Vec<SearchStep>,
    },
    /// A path-loss batch.
    Pathloss {
        /// Model name.
        model: String,
        /// Input file.
        input: String,
        /// Rows.
        rows: u64,
        /// Failed rows.
        failed: u64,
        /// The output CSV.
        output_csv: String,
    },
    /// A frequency assignment.
    Assignment {
        /// Problem file.
        problem: String,
        /// Solver name.
        solver: String,
        /// Objective name.
        objective_name: String,
        /// Objective value found.
        objective: i64,
        /// Best lower bound known.
        lower_bound: Option<i64>,
        /// All hard constraints hold.
        feasible: bool,
        /// Distinct channels used.
        order: usize,
        /// Largest channel used.
        span: i32,
        /// Violated soft constraints.
        soft_violations: usize,
        /// (variable, channel) pairs.
        assignment: Vec<(String, i32)>,
        /// Stations with coordinates (station-based problems only).
        #[serde(default)]
        stations: Vec<SitedStation>,
    },
}

/// A station of an assignment with its position and channel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SitedStation {
    /// Station name.
    pub name: String,
    /// Latitude, degrees.
    pub lat_deg: f64,
    /// Longitude, degrees.
    pub lon_deg: f64,
    /// Assigned channel.
    pub channel: i32,
    /// Centre frequency of the channel, MHz.
    pub frequency_mhz: f64,
}

/// One variant of a sweep.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SweepPoint {
    /// Parameter values, in the order of `parameters`.
    pub values: Vec<f64>,
    /// Results of the variant.
    pub results: Box<Results>,
}

/// One evaluation of a search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchStep {
    /// Parameter value.
    pub value: f64,
    /// Probability of interference of the criterion, per cent.
    pub probability_pct: f64,
    /// At or below the threshold.
    pub passes: bool,
}

/// Runs every part of `study`; file paths are relative to `base_dir`.
pub fn run_study(
    study: &Study,
    study_text: &str,
    base_dir: &Path,
    options: RunOptions,
) -> Result<StudyResults> {
    let parts = study
        .parts
        .par_iter()
        .map(|part| {
            let start = Instant::now();
            let outcome = run_part(study, part, base_dir, options)
                .map_err(|e| PlanError::Invalid(format!("part `{}`: {e}", part.name())))?;
            Ok(PartResult { name: part.name().to_owned(), elapsed_s: start.elapsed().as_secs_f64(), outcome })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(StudyResults {
        format: FORMAT.into(),
        engine_version: env!("CARGO_PKG_VERSION").into(),
        title: study.title.clone(),
        authors: study.authors.clone(),
        purpose: study.purpose.clone(),
        max_probability_pct: study.max_probability_pct,
        study_text: study_text.to_owned(),
        parts,
    })
}

/// A scenario file, read once; variants are copies with parameters set by path.
struct ScenarioSource {
    name: String,
    text: String,
    scenario: Scenario,
}

impl ScenarioSource {
    fn read(base_dir: &Path, file: &Path) -> Result<ScenarioSource> {
        let path = base_dir.join(file);
        let text = std::fs::read_to_string(&path).map_err(|e| PlanError::io(&path, e))?;
        let scenario = Scenario::read(&path)?;
        Ok(ScenarioSource { name: file.display().to_string(), text, scenario })
    }

    /// The scenario with `values` set at `paths` (`Scenario::with_value`) and the run's events.
    fn variant(&self, paths: &[String], values: &[f64], events: Option<u64>) -> Result<Scenario> {
        let mut s = self.scenario.clone();
        for (path, value) in paths.iter().zip(values) {
            s = s.with_value(path, json_number(*value)?)?;
        }
        if let Some(n) = events {
            s.simulation.events = n;
        }
        Ok(s)
    }
}

/// A JSON number; whole numbers as integers so that integer fields accept them.
fn json_number(v: f64) -> Result<serde_json::Value> {
    if v.fract() == 0.0 && v.abs() < 9e15 {
        return Ok(serde_json::Value::from(v as i64));
    }
    serde_json::Number::from_f64(v)
        .map(serde_json::Value::Number)
        .ok_or_else(|| PlanError::Invalid(format!("{v} is not a finite number")))
}

fn simulate(s: &Scenario) -> Result<Results> {
    let sim = Simulation::new(s)?;
    let tally = sim.run(0, sim.events(), &|_| {})?;
    Ok(Results::new(scenario_hash(s), sim.seed(), sim.events(), None, &tally))
}

/// Probability (per cent) of `criterion` in `r`; a criterion the scenario does not define is an error.
pub(crate) fn probability_pct(r: &Results, criterion: &str) -> Result<f64> {
    r.criteria.get(criterion).and_then(|c| c.probability).map(|p| 100.0 * p).ok_or_else(|| {
        PlanError::Invalid(format!(
            "the scenario does not evaluate criterion `{criterion}` (or counted no event)"
        ))
    })
}

fn run_part(study: &Study, part: &Part, base_dir: &Path, options: RunOptions) -> Result<PartOutcome> {
    let events_of = |own: &Option<u64>| options.events.or(*own).or(study.events);
    match part {
        Part::Simulation { scenario, events, .. } => {
            let src = ScenarioSource::read(base_dir, scenario)?;
            let results = simulate(&src.variant(&[], &[], events_of(events))?)?;
            Ok(PartOutcome::Simulation {
                scenario: src.name,
                scenario_text: src.text,
                results: Box::new(results),
            })
        }
        Part::Sweep { name, scenario, parameters, zip, events } => {
            let src = ScenarioSource::read(base_dir, scenario)?;
            if parameters.is_empty() {
                return Err(PlanError::Invalid(
                    "`parameters` is empty: a sweep needs at least one parameter".into(),
                ));
            }
            let lists = parameters.iter().map(|p| p.values(name)).collect::<Result<Vec<_>>>()?;
            let variants = if *zip { zip_values(&lists)? } else { product(&lists) };
            let paths: Vec<String> = parameters.iter().map(|p| p.path.clone()).collect();
            // Check every variant's scenario before running any of them.
            let scenarios = variants
                .iter()
                .map(|v| src.variant(&paths, v, events_of(events)))
                .collect::<Result<Vec<_>>>()?;
            let points = scenarios
                .par_iter()
                .zip(variants.par_iter())
                .map(|(s, v)| Ok(SweepPoint { values: v.clone(), results: Box::new(simulate(s)?) }))
                .collect::<Result<Vec<_>>>()?;
            Ok(PartOutcome::Sweep { scenario: src.name, scenario_text: src.text, parameters: paths, points })
        }
        Part::Search { scenario, path, range, goal, criterion, tolerance, events, .. } => {
            if !CRITERIA.contains(&criterion.as_str()) {
                return Err(PlanError::Invalid(format!(
                    "`criterion` = {criterion:?} is not valid: expected one of {}",
                    CRITERIA.join(", ")
                )));
            }
            let [lo, hi] = *range;
            if !(lo.is_finite() && hi.is_finite() && lo < hi) {
                return Err(PlanError::Invalid(format!("`range` = [{lo}, {hi}] must have low < high")));
            }
            let tol = tolerance.unwrap_or((hi - lo) / 1000.0);
            if tol.is_nan() || tol <= 0.0 {
                return Err(PlanError::Invalid(format!("`tolerance` = {tol} must be > 0")));
            }
            let src = ScenarioSource::read(base_dir, scenario)?;
            let paths = [path.clone()];
            let limit = study.max_probability_pct;
            let eval = |x: f64| -> Result<SearchStep> {
                let r = simulate(&src.variant(&paths, &[x], events_of(events))?)?;
                let p = probability_pct(&r, criterion)?;
                Ok(SearchStep { value: x, probability_pct: p, passes: p <= limit })
            };
            let (found, steps) = bisect(lo, hi, *goal, tol, &eval)?;
            Ok(PartOutcome::Search {
                scenario: src.name,
                scenario_text: src.text,
                path: path.clone(),
                goal: *goal,
                criterion: criterion.clone(),
                max_probability_pct: limit,
                found,
                tolerance: tol,
                steps,
            })
        }
        Part::Pathloss { model, input, .. } => {
            let m = spectra_core::propagation::model(model).ok_or_else(|| {
                PlanError::Invalid(format!(
                    "`model` = {model:?} is unknown; known models: {}",
                    spectra_core::propagation::model_names().join(", ")
                ))
            })?;
            let mut out = Vec::new();
            let summary = crate::batch::evaluate_csv(m, &base_dir.join(input), &mut out, None)?;
            Ok(PartOutcome::Pathloss {
                model: model.clone(),
                input: input.display().to_string(),
                rows: summary.rows,
                failed: summary.failed,
                output_csv: String::from_utf8_lossy(&out).into_owned(),
            })
        }
        Part::Assignment { problem, time_limit_s, seed, max_iterations, .. } => {
            let path = base_dir.join(problem);
            let mut sited = None;
            let p = if path.is_dir() {
                read_calma(&path)?
            } else if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")) {
                let sp = read_stations(&path)?;
                let text = std::fs::read_to_string(&path).map_err(|e| PlanError::io(&path, e))?;
                let file: StationFile = serde_json::from_str(&text)
                    .map_err(|e| PlanError::parse(&path, e.line(), e.to_string()))?;
                sited = Some((file, sp.band));
                sp.problem
            } else {
                read_philadelphia(&path)?
            };
            let options = SolveOptions {
                time_limit: Duration::from_secs_f64(time_limit_s.unwrap_or(10.0).max(0.01)),
                seed: seed.unwrap_or(1),
                threads: 1,
                max_iterations: Some(max_iterations.unwrap_or(20_000)),
            };
            let solver = TabuSearch;
            let s = solver.solve(&p, &options)?;
            Ok(PartOutcome::Assignment {
                problem: problem.display().to_string(),
                solver: solver.name().into(),
                objective_name: p.objective.name().into(),
                objective: s.evaluation.objective,
                lower_bound: s.lower_bound,
                feasible: s.evaluation.feasible,
                order: s.evaluation.order,
                span: s.evaluation.span,
                soft_violations: s.evaluation.soft_violations,
                assignment: p
                    .variables
                    .iter()
                    .map(|v| v.name.clone())
                    .zip(s.values.iter().copied())
                    .collect(),
                stations: sited
                    .map(|(file, band)| {
                        file.stations
                            .iter()
                            .zip(&s.values)
                            .map(|(st, &channel)| SitedStation {
                                name: st.name.clone(),
                                lat_deg: st.lat_deg,
                                lon_deg: st.lon_deg,
                                channel,
                                frequency_mhz: band.first_channel_mhz
                                    + f64::from(channel - 1) * band.channel_spacing_mhz,
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
            })
        }
    }
}

fn product(lists: &[Vec<f64>]) -> Vec<Vec<f64>> {
    lists.iter().fold(vec![vec![]], |acc, list| {
        acc.iter().flat_map(|prefix| list.iter().map(move |v| [prefix.as_slice(), &[*v]].concat())).collect()
    })
}

fn zip_values(lists: &[Vec<f64>]) -> Result<Vec<Vec<f64>>> {
    let n = lists[0].len();
    if lists.iter().any(|l| l.len() != n) {
        return Err(PlanError::Invalid(
            "`zip = true` needs the same number of values for every parameter".into(),
        ));
    }
    Ok((0..n).map(|i| lists.iter().map(|l| l[i]).collect()).collect())
}

/// Bisection on a monotone pass/fail boundary. Monotonicity is checked on a 5-point grid first:
/// more than one change between pass and fail is refused as a non-monotone search.
fn bisect(
    lo: f64,
    hi: f64,
    goal: SearchGoal,
    tol: f64,
    eval: &(dyn Fn(f64) -> Result<SearchStep> + Sync),
) -> Result<(Option<f64>, Vec<SearchStep>)> {
    let grid: Vec<f64> = (0..5).map(|i| lo + (hi - lo) * i as f64 / 4.0).collect();
    let mut steps = grid.par_iter().map(|&x| eval(x)).collect::<Result<Vec<_>>>()?;
    let flips = steps.windows(2).filter(|w| w[0].passes != w[1].passes).count();
    if flips > 1 {
        let seen: Vec<String> =
            steps.iter().map(|s| format!("{}: {:.3} %", s.value, s.probability_pct)).collect();
        return Err(PlanError::Invalid(format!(
            "the probability is not monotone in the parameter over the range ({}); narrow `range`",
            seen.join(", ")
        )));
    }
    // `pass_end` is the end of the range that passes for the goal: hi for min, lo for max.
    let (pass_end, fail_end) = match goal {
        SearchGoal::Min => (hi, lo),
        SearchGoal::Max => (lo, hi),
    };
    let at = |x: f64, steps: &[SearchStep]| steps.iter().find(|s| s.value == x).map(|s| s.passes);
    if at(pass_end, &steps) != Some(true) {
        return Ok((None, steps));
    }
    if at(fail_end, &steps) == Some(true) {
        return Ok((Some(fail_end), steps));
    }
    // Narrow to the grid cell holding the boundary, then bisect.
    let cell = steps.windows(2).position(|w| w[0].passes != w[1].passes).unwrap_or(0);
    let (mut a, mut b) = (steps[cell].value, steps[cell + 1].value);
    let (mut pass_x, mut fail_x) = if steps[cell].passes { (a, b) } else { (b, a) };
    while (b - a).abs() > tol {
        let mid = 0.5 * (a + b);
        let s = eval(mid)?;
        if s.passes {
            pass_x = mid;
        } else {
            fail_x = mid;
        }
        steps.push(s);
        (a, b) = (pass_x.min(fail_x), pass_x.max(fail_x));
    }
    Ok((Some(pass_x), steps))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn product_and_zip() {
        let l = vec![vec![1.0, 2.0], vec![10.0, 20.0, 30.0]];
        assert_eq!(product(&l).len(), 6);
        assert_eq!(product(&l)[1], vec![1.0, 20.0]);
        assert!(zip_values(&l).is_err());
        assert_eq!(
            zip_values(&[vec![1.0, 2.0], vec![3.0, 4.0]]).unwrap(),
            vec![vec![1.0, 3.0], vec![2.0, 4.0]]
        );
    }

    fn step(x: f64, p: f64) -> Result<SearchStep> {
        Ok(SearchStep { value: x, probability_pct: p, passes: p <= 5.0 })
    }

    #[test]
    fn bisection_finds_the_boundary() {
        // P(x) = 20 - x %: passes from x = 15 on; the smallest passing value is 15.
        let (found, steps) = bisect(0.0, 40.0, SearchGoal::Min, 0.01, &|x| step(x, 20.0 - x)).unwrap();
        let f = found.unwrap();
        assert!((15.0..15.01).contains(&f), "{f}");
        assert!(steps.len() < 20);
        // Largest power: P(x) = x %, passes up to 5.
        let (found, _) = bisect(0.0, 40.0, SearchGoal::Max, 0.01, &|x| step(x, x)).unwrap();
        assert!((4.99..=5.0).contains(&found.unwrap()));
        // Nothing passes.
        assert_eq!(bisect(0.0, 1.0, SearchGoal::Min, 0.01, &|x| step(x, 50.0)).unwrap().0, None);
    }

    #[test]
    fn non_monotone_is_refused() {
        let e = bisect(0.0, 4.0, SearchGoal::Min, 0.01, &|x| {
            step(x, if (x - 2.0).abs() < 0.5 { 0.0 } else { 10.0 })
        })
        .unwrap_err()
        .to_string();
        assert!(e.contains("not monotone"), "{e}");
    }
}
