//! The `spectra` command line: argument parsing, progress and diagnostics; no model math.
//!
//! Exit codes (DESIGN.md): 0 success; 2 bad invocation or invalid input file; 3 a batch finished
//! but some rows failed (the output is still complete); 1 anything else.
#![forbid(unsafe_code)]

mod assign;
mod error;
mod output;
mod pathloss;

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
    /// Frequency assignment of a CALMA, Philadelphia or spectra station problem.
    Assign(assign::AssignArgs),
    /// List every model with its Recommendation/revision and validity range.
    Models,
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
        Command::Assign(args) => assign::run(args),
    };
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(e.exit_code());
    }
}
