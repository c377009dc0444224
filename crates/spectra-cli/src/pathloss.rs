//! `spectra pathloss`: batch path loss from a CSV file, one case per row.
//!
//! The file is streamed in chunks: each chunk is evaluated in parallel (rayon) and written in
//! input order, so memory stays bounded for any file size and the output does not depend on
//! the number of threads. The output is written to a temporary file and renamed when complete.
//!
//! Input rules (each violation is reported with the file, line and column):
//! - comma-separated, header line first, a UTF-8 byte-order mark is ignored;
//! - a file using `;` as separator is refused (exit 2) with a hint;
//! - a missing required column or an unknown model exits 2 and lists the expected columns;
//! - an empty file exits 2; a header without rows writes a header-only output and exits 0;
//! - a row with a bad value (non-numeric, NaN, outside the column's domain) keeps its place in
//!   the output with an `error` text, and the run exits 3.
use crate::error::CliError;
use crate::output::write_atomically;
use rayon::prelude::*;
use spectra_core::propagation::{self, Case, ColumnKind, PathLossModel};
use spectra_core::terrain::Profile;
use std::collections::HashMap;
use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Rows evaluated per parallel chunk.
const CHUNK_ROWS: usize = 1 << 16;

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
    let summary = pool.install(|| run_batch(model, &input, args.output.as_deref()))?;
    if summary.failed > 0 {
        let output = args.output.map_or("the output".into(), |p| p.display().to_string());
        return Err(CliError::RowsFailed { failed: summary.failed, total: summary.rows, output });
    }
    Ok(())
}

/// Counts of one batch run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct BatchSummary {
    /// Data rows read.
    pub rows: u64,
    /// Rows whose `error` column is set.
    pub failed: u64,
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

fn model_help(model: &dyn PathLossModel) -> String {
    let i = model.info();
    let mut s =
        format!("{} — {}\nsource:   {}\nvalidity: {}\n\ncolumns:\n", i.name, i.title, i.source, i.validity);
    for c in i.columns {
        let kind = match &c.kind {
            ColumnKind::Number { unit, min, max } => format!("number [{min}, {max}] {unit}"),
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
) -> Result<BatchSummary, CliError> {
    let file = std::fs::File::open(input).map_err(|e| CliError::io(input, e))?;
    let mut reader = std::io::BufReader::with_capacity(1 << 20, file);
    check_start(&mut reader, input)?;
    let mut csv = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
    let headers = csv.headers().map_err(|e| bad_file(input, 1, &e.to_string()))?.clone();
    let names: Vec<String> = headers.iter().map(|h| h.trim().to_owned()).collect();
    let info = model.info();
    let missing: Vec<&str> = info
        .columns
        .iter()
        .filter(|c| c.default.is_none() && !names.iter().any(|n| n == c.name))
        .map(|c| c.name)
        .collect();
    if !missing.is_empty() {
        let expected: Vec<String> = info
            .columns
            .iter()
            .map(|c| if c.default.is_some() { format!("[{}]", c.name) } else { c.name.to_owned() })
            .collect();
        return Err(CliError::Input(format!(
            "{}: missing column{} {} for model `{}`; expected columns: {} (bracketed ones are optional; see `spectra pathloss --model {} --help`)",
            input.display(),
            if missing.len() > 1 { "s" } else { "" },
            missing.join(", "),
            info.name,
            expected.join(","),
            info.name
        )));
    }
    // Model column -> position in the file.
    let positions: Vec<(&'static str, usize)> = info
        .columns
        .iter()
        .filter_map(|c| names.iter().position(|n| n == c.name).map(|i| (c.name, i)))
        .collect();
    let base_dir = input.parent().map(Path::to_path_buf).unwrap_or_default();
    let profiles = ProfileCache::new(base_dir);

    let mut out_header = csv::StringRecord::from(names.clone());
    out_header.push_field("loss_db");
    for name in info.intermediates {
        out_header.push_field(name);
    }
    out_header.push_field("warnings");
    out_header.push_field("error");

    let mut summary = BatchSummary::default();
    let body = |w: &mut dyn Write| -> Result<(), CliError> {
        let mut writer = csv::WriterBuilder::new().flexible(true).from_writer(w);
        let werr = |e: csv::Error| CliError::Other(format!("writing output: {e}"));
        writer.write_record(&out_header).map_err(werr)?;
        let mut records = csv.into_records();
        let mut line = 1u64;
        loop {
            let mut chunk = Vec::with_capacity(CHUNK_ROWS);
            for rec in records.by_ref().take(CHUNK_ROWS) {
                line += 1;
                chunk.push((line, rec));
            }
            if chunk.is_empty() {
                break;
            }
            let rows: Vec<(csv::StringRecord, bool)> = chunk
                .into_par_iter()
                .map(|(line, rec)| evaluate_row(model, &names, &positions, &profiles, line, rec))
                .collect();
            for (row, failed) in rows {
                summary.rows += 1;
                summary.failed += failed as u64;
                writer.write_record(&row).map_err(werr)?;
            }
        }
        writer.flush().map_err(|e| CliError::Other(format!("writing output: {e}")))?;
        Ok(())
    };
    match output {
        Some(path) => write_atomically(path, body)?,
        None => {
            let stdout = std::io::stdout();
            let mut lock = std::io::BufWriter::new(stdout.lock());
            body(&mut lock)?;
        }
    }
    if summary.rows == 0 {
        eprintln!("warning: {} has a header but no rows; the output has only a header", input.display());
    }
    Ok(summary)
}

/// Refuses an empty file and a `;`-separated file before parsing; skips a UTF-8 BOM.
fn check_start(reader: &mut std::io::BufReader<std::fs::File>, input: &Path) -> Result<(), CliError> {
    let buf = reader.fill_buf().map_err(|e| CliError::io(input, e))?;
    let bom = buf.starts_with(b"\xEF\xBB\xBF");
    let first_line = {
        let start = if bom { 3 } else { 0 };
        let end = buf[start..].iter().position(|&b| b == b'\n').map_or(buf.len(), |p| start + p);
        String::from_utf8_lossy(&buf[start..end]).trim().to_owned()
    };
    if first_line.is_empty() {
        return Err(CliError::Input(format!(
            "{}: the file is empty; expected a header line naming the columns, then one case per line",
            input.display()
        )));
    }
    if first_line.contains(';') && !first_line.contains(',') {
        return Err(CliError::Input(format!(
            "{}: line 1 uses `;` as separator (`{first_line}`); spectra reads comma-separated files with `.` as decimal point: export as CSV with `,` separators",
            input.display()
        )));
    }
    if bom {
        let mut skip = [0u8; 3];
        reader.read_exact(&mut skip).map_err(|e| CliError::io(input, e))?;
    }
    Ok(())
}

fn bad_file(input: &Path, line: u64, msg: &str) -> CliError {
    CliError::Input(format!("{}: line {line}: {msg}", input.display()))
}

/// One output row and whether it failed.
fn evaluate_row(
    model: &dyn PathLossModel,
    names: &[String],
    positions: &[(&'static str, usize)],
    profiles: &ProfileCache,
    line: u64,
    rec: csv::Result<csv::StringRecord>,
) -> (csv::StringRecord, bool) {
    let n_out = names.len() + model.info().intermediates.len() + 3;
    let (mut row, result) = match rec {
        Err(e) => (csv::StringRecord::new(), Err(format!("line {line}: {e}"))),
        Ok(rec) => {
            let result = if rec.len() != names.len() {
                Err(format!("line {line}: {} fields, the header has {}", rec.len(), names.len()))
            } else {
                let cell =
                    |name: &str| positions.iter().find(|(n, _)| *n == name).and_then(|(_, i)| rec.get(*i));
                Case::parse(model.info(), cell, &|p| profiles.get(p))
                    .and_then(|case| model.evaluate(&case))
                    .map_err(|e| format!("line {line}: {e}"))
            };
            let mut row = csv::StringRecord::with_capacity(rec.as_slice().len() + 64, n_out);
            for i in 0..names.len() {
                row.push_field(rec.get(i).unwrap_or(""));
            }
            (row, result)
        }
    };
    while row.len() < names.len() {
        row.push_field("");
    }
    let mut num = ryu::Buffer::new();
    match result {
        Ok(r) => {
            row.push_field(num.format(r.loss_db));
            for v in &r.intermediates {
                row.push_field(num.format(*v));
            }
            let warnings: Vec<&str> = r.warnings.iter().map(|w| w.message.as_str()).collect();
            row.push_field(&warnings.join("; "));
            row.push_field("");
            (row, false)
        }
        Err(e) => {
            for _ in 0..=model.info().intermediates.len() {
                row.push_field("");
            }
            row.push_field("");
            row.push_field(&e);
            (row, true)
        }
    }
}

/// Profiles referenced by the batch, loaded once each, relative to the input file's folder.
struct ProfileCache {
    base_dir: PathBuf,
    loaded: Mutex<HashMap<String, Arc<Profile>>>,
}

impl ProfileCache {
    fn new(base_dir: PathBuf) -> Self {
        ProfileCache { base_dir, loaded: Mutex::new(HashMap::new()) }
    }

    fn get(&self, rel: &str) -> spectra_core::Result<Arc<Profile>> {
        if let Some(p) = self.loaded.lock().map_err(|_| poisoned())?.get(rel) {
            return Ok(p.clone());
        }
        let p = Arc::new(Profile::read_csv(&self.base_dir.join(rel))?);
        self.loaded.lock().map_err(|_| poisoned())?.insert(rel.to_owned(), p.clone());
        Ok(p)
    }
}

fn poisoned() -> spectra_core::Error {
    spectra_core::Error::Model { model: "profile cache", message: "a worker thread failed".into() }
}
