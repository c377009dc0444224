//! `spectra pathloss`: batch path loss from a CSV file, one case per row
//! ([`spectra_plan::batch`] streams and evaluates it), written atomically.
//!
//! Exit codes: an unknown model, a missing column, an empty file or a `;`-separated file exits
//! 2; a header without rows writes a header-only output and exits 0; rows with bad values keep
//! their place with an `error` text and the run exits 3.
use crate::error::CliError;
use crate::output::write_atomically;
use spectra_core::propagation::{self, ColumnKind, PathLossModel};
use spectra_core::terrain::{Mosaic, MosaicOptions, VoidPolicy};
use spectra_plan::batch::{evaluate_csv, BatchSummary, Terrain};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Arguments of `spectra pathloss`.
#[derive(Debug, clap::Args)]
#[command(disable_help_flag = true)]
pub struct PathlossArgs {
    /// Model name (see `spectra models`).
    #[arg(long)]
    model: Option<String>,
    /// Input CSV, one case per row.
    #[arg(long)]
    input: Option<PathBuf>,
    /// Output CSV (default: standard output).
    #[arg(long)]
    output: Option<PathBuf>,
    /// DEM folder (.hgt tiles, GeoTIFFs): rows of terrain models may then give
    /// tx_lat_deg,tx_lon_deg,rx_lat_deg,rx_lon_deg instead of a profile.
    #[arg(long)]
    dem: Option<PathBuf>,
    /// Void cells of the DEM: error, interpolate or sea-level.
    #[arg(long, default_value = "error")]
    voids: String,
    /// Profile spacing with --dem, m (default: the DEM's resolution).
    #[arg(long)]
    spacing_m: Option<f64>,
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long)]
    threads: Option<usize>,
    /// Print help; with --model, the model's columns, units, defaults and ranges.
    #[arg(short, long)]
    help: bool,
}

const USAGE: &str = "usage: spectra pathloss --model MODEL --input cases.csv [--output out.csv] [--threads N]

Computes one path loss per CSV row. The output holds every input column, then `loss_db`, the
model's intermediate values, `warnings` and `error`. `spectra pathloss --model MODEL --help`
lists a model's columns; `spectra models` lists the models.

Exit codes: 0 success; 2 bad invocation or invalid file (unknown model, missing column, empty
file, `;` separator); 3 finished but some rows failed (see their `error` column); 1 other errors.";

/// Runs `spectra pathloss`.
pub fn run(args: PathlossArgs) -> Result<(), CliError> {
    let model = match &args.model {
        Some(name) => Some(find_model(name)?),
        None => None,
    };
    if args.help {
        match model {
            Some(m) => print!("{}", model_help(m)),
            None => println!("{USAGE}"),
        }
        return Ok(());
    }
    let model = model.ok_or_else(|| CliError::Input(format!("--model is required\n\n{USAGE}")))?;
    let input = args.input.ok_or_else(|| CliError::Input(format!("--input is required\n\n{USAGE}")))?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .map_err(|e| CliError::Other(e.to_string()))?;
    let dem = match &args.dem {
        Some(dir) => {
            let voids =
                VoidPolicy::parse(&args.voids).map_err(|e| CliError::Input(format!("--voids: {e}")))?;
            let options = MosaicOptions { voids, ..Default::default() };
            Some(Mosaic::open(dir, options).map_err(|e| CliError::Input(format!("--dem: {e}")))?)
        }
        None => None,
    };
    if let Some(s) = args.spacing_m {
        if !(s > 0.0 && s.is_finite()) {
            return Err(CliError::Input(format!("--spacing-m {s} must be a positive number of metres")));
        }
    }
    let terrain = dem.as_ref().map(|d| Terrain { dem: d, spacing_m: args.spacing_m });
    let summary = pool.install(|| run_batch(model, &input, args.output.as_deref(), terrain))?;
    if summary.failed > 0 {
        let output = args.output.map_or("the output".into(), |p| p.display().to_string());
        return Err(CliError::RowsFailed { failed: summary.failed, total: summary.rows, output });
    }
    Ok(())
}

fn find_model(name: &str) -> Result<&'static dyn PathLossModel, CliError> {
    propagation::model(name).ok_or_else(|| {
        CliError::Input(format!(
            "unknown model `{name}`; known models: {}",
            propagation::model_names().join(", ")
        ))
    })
}

/// `spectra models`: every model with its source and validity.
pub fn list_models() -> Result<(), CliError> {
    let mut out = String::new();
    for m in propagation::MODELS {
        let i = m.info();
        out.push_str(&format!(
            "{:<20} {}\n{:<20} source:   {}\n{:<20} validity: {}\n",
            i.name, i.title, "", i.source, "", i.validity
        ));
    }
    print!("{out}");
    Ok(())
}

/// A column bound as a person reads it: plain, or in exponent form when extreme.
fn bound(v: f64) -> String {
    if v != 0.0 && !(1e-9..=1e9).contains(&v.abs()) {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

fn model_help(model: &dyn PathLossModel) -> String {
    let i = model.info();
    let mut s =
        format!("{} — {}\nsource:   {}\nvalidity: {}\n\ncolumns:\n", i.name, i.title, i.source, i.validity);
    for c in i.columns {
        let kind = match &c.kind {
            ColumnKind::Number { unit, min, max } if *min <= -1e300 && *max >= 1e300 => format!("number {unit}"),
            ColumnKind::Number { unit, min, max } => format!("number [{}, {}] {unit}", bound(*min), bound(*max)),
            ColumnKind::Choice(words) => format!("one of {}", words.join("|")),
            ColumnKind::Profile => "path to a profile CSV (distance_km,height_m[,zone][,clutter_height_m]), relative to the input file".into(),
        };
        let default = c.default.map_or("required".to_string(), |d| format!("default {d}"));
        s.push_str(&format!("  {:<20} {} ({}) — {}\n", c.name, kind, default, c.description));
    }
    s.push_str("\noutput: the input columns, loss_db");
    for name in i.intermediates {
        s.push_str(", ");
        s.push_str(name);
    }
    s.push_str(", warnings, error\n");
    s
}

/// Evaluates every row of `input` with `model`, writing to `output` (or standard output).
pub fn run_batch(
    model: &'static dyn PathLossModel,
    input: &Path,
    output: Option<&Path>,
    terrain: Option<Terrain<'_>>,
) -> Result<BatchSummary, CliError> {
    let mut summary = BatchSummary::default();
    let mut body = |w: &mut dyn Write| -> Result<(), CliError> {
        summary = evaluate_csv(model, input, w, terrain).map_err(CliError::from)?;
        Ok(())
    };
    match output {
        Some(path) => write_atomically(path, body)?,
        None => {
            let stdout = std::io::stdout();
            body(&mut std::io::BufWriter::new(stdout.lock()))?;
        }
    }
    if summary.rows == 0 {
        eprintln!("warning: {} has a header but no rows; the output has only a header", input.display());
    }
    Ok(summary)
}
