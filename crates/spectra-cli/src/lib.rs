//! The `spectra` command line: argument parsing, progress and diagnostics; no model math.
//! A library so that benchmarks and tests can drive the same code as the binary.
//!
//! Exit codes (DESIGN.md): 0 success; 2 bad invocation or invalid input file; 3 a batch finished
//! but some rows failed (the output is still complete); 1 anything else.
#![forbid(unsafe_code)]

pub mod assign;
pub mod error;
pub mod output;
pub mod pathloss;
pub mod reference;
pub mod simulate;
pub mod study;
pub mod terrain;

use clap::{Parser, Subcommand};

/// spectra: open spectrum management assessment engine.
#[derive(Debug, Parser)]
#[command(name = "spectra", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Batch path loss: one case per CSV row, output = inputs + loss_db + intermediates.
    Pathloss(pathloss::PathlossArgs),
    /// Terrain profile between two coordinates from a DEM directory (.hgt tiles, GeoTIFFs).
    Profile(terrain::ProfileArgs),
    /// Terrain data tools (synthetic DEMs).
    Terrain(terrain::TerrainArgs),
    /// Frequency assignment: CALMA (CELAR/GRAPH), Philadelphia or spectra station problems.
    Assign(assign::AssignArgs),
    /// Run a whole study: results.json, report.html, report.md and CSV tables in --out DIR.
    Study(study::StudyArgs),
    /// Render a saved study results.json as html, md or csv.
    Report(study::ReportArgs),
    /// List every model with its Recommendation/revision and validity range.
    Models,
    /// Monte Carlo interference simulation of a scenario (SEAMCAT methodology).
    Simulate(simulate::SimulateArgs),
    /// Merge the shard files of one simulation into its results (same bytes as one run).
    Merge(simulate::MergeArgs),
    /// Print the JSON Schema of scenario files.
    Schema(simulate::SchemaArgs),
}

/// Parses the process arguments, runs the command and returns the exit code.
pub fn main_exit_code() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    if matches!(cli.command, Command::Pathloss(_) | Command::Study(_) | Command::Simulate(_)) {
        reference::install_p1546_tables();
    }
    let result = match cli.command {
        Command::Pathloss(args) => pathloss::run(args),
        Command::Models => pathloss::list_models(),
        Command::Profile(args) => terrain::run_profile(args),
        Command::Terrain(args) => terrain::run(args),
        Command::Assign(args) => assign::run(args),
        Command::Study(args) => study::run(args),
        Command::Report(args) => study::report(args),
        Command::Simulate(args) => simulate::run(args),
        Command::Merge(args) => simulate::merge(args),
        Command::Schema(args) => simulate::schema(args),
    };
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("error: {e}");
            e.exit_code()
        }
    }
}
