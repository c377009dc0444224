//! The `spectra` binary; everything lives in the `spectra_cli` library.
fn main() {
    std::process::exit(spectra_cli::main_exit_code());
//! The `spectra` command line: argument parsing, progress and diagnostics; no model math.
//!
//! Exit codes (DESIGN.md): 0 success; 2 bad invocation or invalid input file; 3 a batch finished
//! but some rows failed (the output is still complete); 1 anything else.
#![forbid(unsafe_code)]

mod error;
mod output;
mod pathloss;
mod terrain;

use clap::{Parser, Subcommand};
use error::CliError;

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
    /// List every model with its Recommendation/revision and validity range.
    Models,
    /// Terrain profile between two coordinates from a DEM directory (.hgt tiles, GeoTIFFs).
    Profile(terrain::ProfileArgs),
    /// Terrain data tools (synthetic DEMs).
    Terrain(terrain::TerrainArgs),
}

fn main() {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            std::process::exit(code);
        }
    };
    let result = match cli.command {
        Command::Pathloss(args) => pathloss::run(args),
        Command::Models => pathloss::list_models(),
        Command::Profile(args) => terrain::run_profile(args),
        Command::Terrain(args) => terrain::run(args),
    };
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(e.exit_code());
    }
}
