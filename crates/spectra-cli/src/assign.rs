//! `spectra assign PROBLEM`: frequency assignment of a CALMA, Philadelphia or spectra station
//! problem, written as JSON, after an independent re-read of the input and re-check of the
//! solution against it.
use crate::error::CliError;
use crate::output::write_atomically;
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{json, Value};
use spectra_plan::assignment::{
    read_calma, read_philadelphia, read_stations, AssignmentSolver, Objective, Problem, SolveOptions,
    TabuSearch,
};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Input formats of `spectra assign`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// CALMA folder (var.txt, dom.txt, ctr.txt, cst.txt): CELAR, GRAPH, SUBCELAR6.
    Celar,
    /// Cellular channel assignment file (demand vector + separation matrix).
    Philadelphia,
    /// spectra station file (JSON): separations computed from physics.
    Spectra,
}

/// Arguments of `spectra assign`.
#[derive(Debug, clap::Args)]
pub struct AssignArgs {
    /// Problem: a CALMA folder, a Philadelphia .txt file or a spectra station .json file.
    pub problem: PathBuf,
    /// Input format; guessed from PROBLEM when absent (folder = celar, .json = spectra, else philadelphia).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Objective override: min_order, min_span, min_interference or feasibility (default: the file's).
    #[arg(long)]
    pub objective: Option<String>,
    /// Wall-clock limit, seconds.
    #[arg(long, default_value_t = 60.0)]
    pub time_limit: f64,
    /// Master seed of the search.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Independent parallel search runs.
    #[arg(long, default_value_t = 1)]
    pub threads: usize,
    /// Cap on tabu iterations per run (runs then reproduce on any machine).
    #[arg(long)]
    pub max_iterations: Option<u64>,
    /// Output JSON file (default: standard output).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

fn detect(path: &Path) -> Format {
    if path.is_dir() {
        Format::Celar
    } else if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")) {
        Format::Spectra
    } else {
        Format::Philadelphia
    }
}

fn read(
    path: &Path,
    format: Format,
) -> Result<(Problem, Option<spectra_plan::assignment::StationProblem>), CliError> {
    let input = |e: spectra_plan::PlanError| CliError::Input(e.to_string());
    Ok(match format {
        Format::Celar => (read_calma(path).map_err(input)?, None),
        Format::Philadelphia => (read_philadelphia(path).map_err(input)?, None),
        Format::Spectra => {
            let sp = read_stations(path).map_err(input)?;
            (sp.problem.clone(), Some(sp))
        }
    })
}

/// Runs `spectra assign`.
pub fn run(args: AssignArgs) -> Result<(), CliError> {
    let format = args.format.unwrap_or_else(|| detect(&args.problem));
    if !(args.time_limit > 0.0 && args.time_limit.is_finite()) {
        return Err(CliError::Input(format!(
            "--time-limit {} must be a positive number of seconds",
            args.time_limit
        )));
    }
    if args.threads == 0 {
        return Err(CliError::Input("--threads must be at least 1".into()));
    }
    let objective = match &args.objective {
        None => None,
        Some(o) => Some(Objective::parse(o).ok_or_else(|| {
            CliError::Input(format!(
                "--objective {o:?}: expected min_order, min_span, min_interference or feasibility"
            ))
        })?),
    };
    let (mut problem, stations) = read(&args.problem, format)?;
    if let Some(o) = objective {
        problem.objective = o;
    }
    let options = SolveOptions {
        time_limit: Duration::from_secs_f64(args.time_limit),
        seed: args.seed,
        threads: args.threads,
        max_iterations: args.max_iterations,
    };
    let solution = TabuSearch.solve(&problem, &options).map_err(|e| CliError::Other(e.to_string()))?;

    // Independent re-check: read the files again and evaluate the values by name.
    let (mut again, _) = read(&args.problem, format)?;
    if let Some(o) = objective {
        again.objective = o;
    }
    let by_name: std::collections::HashMap<&str, i32> =
        problem.variables.iter().map(|v| v.name.as_str()).zip(solution.values.iter().copied()).collect();
    let values: Vec<i32> =
        again.variables.iter().map(|v| by_name.get(v.name.as_str()).copied().unwrap_or(i32::MIN)).collect();
    let check = again.evaluate(&values);
    if check != solution.evaluation {
        return Err(CliError::Other(
            "internal error: the re-check of the solution disagrees with the solver".into(),
        ));
    }

    let assignment: Vec<(String, Value)> = if problem.groups.is_empty() {
        problem.variables.iter().zip(&solution.values).map(|(v, f)| (v.name.clone(), json!(f))).collect()
    } else {
        let mut cells: Vec<Vec<i32>> = vec![Vec::new(); problem.groups.len()];
        for (v, f) in problem.variables.iter().zip(&solution.values) {
            if let Some(g) = v.group {
                cells[g].push(*f);
            }
        }
        problem
            .groups
            .iter()
            .zip(cells)
            .map(|(name, mut channels)| {
                channels.sort_unstable();
                (name.clone(), json!(channels))
            })
            .collect()
    };
    let e = &solution.evaluation;
    let out = AssignOutput {
        problem: &problem.name,
        source: args.problem.display().to_string(),
        format: format!("{format:?}").to_ascii_lowercase(),
        solver: solution.solver,
        objective_kind: problem.objective.name(),
        objective: e.objective,
        feasible: e.feasible,
        hard_violations: serde_json::to_value(&e.hard_violations).unwrap_or(Value::Null),
        soft_violations: e.soft_violations,
        weighted_cost: e.weighted_cost,
        order: e.order,
        span: e.span,
        lower_bound: solution.lower_bound,
        proven_optimal: solution.proven_optimal(),
        elapsed_s: solution.elapsed.as_secs_f64(),
        seed: args.seed,
        threads: args.threads,
        iterations: solution.iterations,
        verified: true,
        assignment: InOrder(assignment),
        frequencies_mhz: stations.as_ref().map(|sp| {
            InOrder(
                problem
                    .variables
                    .iter()
                    .zip(&solution.values)
                    .map(|(v, &c)| {
                        let f_mhz =
                            sp.band.first_channel_mhz + f64::from(c - 1) * sp.band.channel_spacing_mhz;
                        (v.name.clone(), json!(f_mhz))
                    })
                    .collect(),
            )
        }),
        constraint_graph: stations
            .as_ref()
            .map(|sp| serde_json::to_value(&sp.compatibility).unwrap_or(Value::Null)),
    };
    let text = serde_json::to_string_pretty(&out).map_err(|e| CliError::Other(e.to_string()))?;
    match &args.out {
        Some(path) => write_atomically(path, |w| {
            w.write_all(text.as_bytes()).and_then(|_| w.write_all(b"\n")).map_err(|e| CliError::io(path, e))
        })?,
        None => println!("{text}"),
    }
    eprintln!(
        "checked against {}: {}, {} = {}{}{}",
        args.problem.display(),
        if e.feasible {
            "feasible".to_owned()
        } else {
            format!("INFEASIBLE ({} hard violations)", e.hard_violations.len())
        },
        problem.objective.name(),
        e.objective,
        solution.lower_bound.map(|b| format!(", lower bound {b}")).unwrap_or_default(),
        if solution.proven_optimal() { " (optimal)" } else { "" },
    );
    Ok(())
}

/// The JSON written by `spectra assign`, in this key order.
#[derive(serde::Serialize)]
struct AssignOutput<'a> {
    problem: &'a str,
    source: String,
    format: String,
    solver: &'static str,
    objective_kind: &'static str,
    objective: i64,
    feasible: bool,
    hard_violations: Value,
    soft_violations: usize,
    weighted_cost: u64,
    order: usize,
    span: i32,
    lower_bound: Option<i64>,
    proven_optimal: bool,
    elapsed_s: f64,
    seed: u64,
    threads: usize,
    iterations: u64,
    verified: bool,
    assignment: InOrder,
    #[serde(skip_serializing_if = "Option::is_none")]
    frequencies_mhz: Option<InOrder>,
    #[serde(skip_serializing_if = "Option::is_none")]
    constraint_graph: Option<Value>,
}

/// A JSON object whose keys keep the problem's variable order.
struct InOrder(Vec<(String, Value)>);

impl Serialize for InOrder {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}
