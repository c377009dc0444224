//! `spectra simulate`, `spectra merge` and `spectra schema`: the Monte Carlo engine on the
//! command line. All numbers come from `spectra_core::simulation`; this file parses arguments,
//! shows progress on a terminal and writes files atomically.
use crate::error::CliError;
use crate::output::write_atomically;
use spectra_core::simulation::{self, Results, Scenario, Shard, Simulation, Tally};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Events per batch of `--until-ci` (the stopping rule is checked after each batch).
pub const UNTIL_CI_BATCH: u64 = 10_000;
/// Events per block when per-event vectors are written (bounds the memory used).
const CSV_BLOCK: u64 = 65_536;

/// Arguments of `spectra simulate`.
#[derive(Debug, clap::Args)]
pub struct SimulateArgs {
    /// Scenario file (TOML, or JSON).
    pub scenario: PathBuf,
    /// Results file (JSON); standard output when absent.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Number of events (overrides `simulation.events`).
    #[arg(long)]
    pub events: Option<u64>,
    /// Master seed (overrides `simulation.seed`).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long)]
    pub threads: Option<usize>,
    /// Run only slice I of N (0 <= I < N) of the events and write a shard file for `spectra merge`.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<String>,
    /// Stop once every criterion's 95 % confidence interval half-width is at most HALF_WIDTH
    /// (a probability, e.g. 0.005), checked every 10 000 events; `--events` is then the maximum.
    #[arg(long, value_name = "HALF_WIDTH")]
    pub until_ci: Option<f64>,
    /// Also write per-event levels to this CSV file.
    #[arg(long, value_name = "FILE")]
    pub events_csv: Option<PathBuf>,
}

/// Arguments of `spectra merge`.
#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// Shard files written by `spectra simulate --shard I/N`.
    #[arg(required = true)]
    pub shards: Vec<PathBuf>,
    /// Merged results file.
    #[arg(long)]
    pub out: PathBuf,
}

/// Arguments of `spectra schema`.
#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// Output file; standard output when absent.
    #[arg(long)]
    pub out: Option<PathBuf>,
}

fn input(e: impl std::fmt::Display) -> CliError {
    CliError::Input(e.to_string())
}

fn write_text(out: Option<&Path>, text: &str) -> Result<(), CliError> {
    match out {
        Some(path) => {
            write_atomically(path, |w| w.write_all(text.as_bytes()).map_err(|e| CliError::io(path, e)))
        }
        None => std::io::stdout().write_all(text.as_bytes()).map_err(|e| CliError::io("<stdout>", e)),
    }
}

fn progress_bar(total: u64) -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(total);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{elapsed_precise} [{bar:40}] {pos}/{len} events ({per_sec}, eta {eta})",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    Some(bar)
}

/// Runs `spectra simulate`.
pub fn run(a: SimulateArgs) -> Result<(), CliError> {
    let mut scenario = Scenario::read(&a.scenario).map_err(input)?;
    if let Some(n) = a.events {
        scenario.simulation.events = n;
    }
    if let Some(s) = a.seed {
        scenario.simulation.seed = s;
    }
    let base = a.scenario.parent().unwrap_or(Path::new("."));
    let sim = Simulation::with_base_dir(&scenario, base).map_err(input)?;
    let hash = simulation::results::scenario_hash(&scenario);
    let total = scenario.simulation.events;
    let shard = a.shard.as_deref().map(|s| Shard::parse(s, total)).transpose().map_err(input)?;
    if let Some(h) = a.until_ci {
        if !(h > 0.0 && h < 0.5) {
            return Err(input(format!("--until-ci = {h} is out of range: valid (0, 0.5)")));
        }
        if shard.is_some() || a.events_csv.is_some() {
            return Err(input("--until-ci cannot be combined with --shard or --events-csv"));
        }
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(a.threads.unwrap_or(0))
        .build()
        .map_err(|e| CliError::Other(format!("thread pool: {e}")))?;
    let (first, end) = shard.map_or((0, total), |s| (s.first_event, s.end_event));
    let bar = progress_bar(end - first);
    let tick = |n: u64| {
        if let Some(b) = &bar {
            b.inc(n);
        }
    };
    let tally = pool.install(|| -> Result<Tally, CliError> {
        if let Some(h) = a.until_ci {
            return sim
                .run_until(h, total, UNTIL_CI_BATCH, &tick)
                .map_err(|e| CliError::Other(e.to_string()));
        }
        match &a.events_csv {
            None => sim.run(first, end, &tick).map_err(|e| CliError::Other(e.to_string())),
            Some(path) => run_with_csv(&sim, first, end, path, &tick),
        }
    })?;
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    // Under --until-ci the run is the events actually simulated.
    let events_total = if a.until_ci.is_some() { tally.events } else { total };
    let results = Results::new(hash, sim.seed(), events_total, shard, &tally);
    write_text(a.out.as_deref(), &results.to_json())
}

/// Tallies events `[first, end)` block by block, writing each event's levels in index order.
fn run_with_csv(
    sim: &Simulation,
    first: u64,
    end: u64,
    path: &Path,
    tick: &(dyn Fn(u64) + Sync),
) -> Result<Tally, CliError> {
    use rayon::prelude::*;
    let mut tally = Tally::new(sim.thresholds());
    write_atomically(path, |w| {
        writeln!(
            w,
            "event,noise_dbm,drss_dbm,irss_dbm,irss_unwanted_dbm,irss_blocking_dbm,irss_intermodulation_dbm"
        )
        .map_err(|e| CliError::io(path, e))?;
        let mut a = first;
        while a < end {
            let b = (a + CSV_BLOCK).min(end);
            let block: Vec<_> = (a..b)
                .into_par_iter()
                .map(|e| sim.event(e))
                .collect::<Result<_, _>>()
                .map_err(|e| CliError::Other(e.to_string()))?;
            for o in &block {
                tally.add(o);
                writeln!(
                    w,
                    "{},{},{},{},{},{},{}",
                    o.event,
                    o.noise_dbm,
                    o.drss_dbm,
                    o.irss_dbm,
                    o.irss_unwanted_dbm,
                    o.irss_blocking_dbm,
                    o.irss_intermodulation_dbm
                )
                .map_err(|e| CliError::io(path, e))?;
            }
            tick(b - a);
            a = b;
        }
        Ok(())
    })?;
    Ok(tally)
}

/// Runs `spectra merge`.
pub fn merge(a: MergeArgs) -> Result<(), CliError> {
    let mut docs = Vec::with_capacity(a.shards.len());
    for p in &a.shards {
        let text = std::fs::read_to_string(p).map_err(|e| CliError::io(p, e))?;
        docs.push(Results::from_json(&text).map_err(|e| input(format!("{}: {e}", p.display())))?);
    }
    let merged = simulation::merge(&docs).map_err(input)?;
    write_text(Some(&a.out), &merged.to_json())
}

/// Runs `spectra schema`: the JSON Schema of scenario files.
pub fn schema(a: SchemaArgs) -> Result<(), CliError> {
    let mut text =
        serde_json::to_string_pretty(&Scenario::json_schema()).map_err(|e| CliError::Other(e.to_string()))?;
    text.push('\n');
    write_text(a.out.as_deref(), &text)
}
