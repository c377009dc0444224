//! Batch path loss over a CSV file, one case per row, streamed in chunks.
//!
//! Each chunk is evaluated in parallel (rayon) and written in input order, so memory stays
//! bounded for any file size and the output does not depend on the number of threads.
//!
//! Input rules (violations name the file, line and column):
//! - comma-separated, header line first, a UTF-8 byte-order mark is ignored;
//! - a file using `;` as separator is refused with a hint;
//! - a missing required column is refused, listing the expected columns;
//! - an empty file is refused; a header without rows gives a header-only output;
//! - a row with a bad value (non-numeric, NaN, outside the column's domain) keeps its place in
//!   the output with an `error` text and counts as failed.
//!
//! Coordinates to loss in one call: with a DEM ([`Terrain`]), a terrain model's `profile` may
//! be left out when the file has `tx_lat_deg,tx_lon_deg,rx_lat_deg,rx_lon_deg`: the profile is
//! extracted along the geodesic for each row, and the extraction's warnings join the row's.
use crate::{PlanError, Result};
use rayon::prelude::*;
use spectra_core::geodesy::GeoPoint;
use spectra_core::propagation::{Case, ColumnKind, PathLossModel, Warning};
use spectra_core::terrain::{profile_between, ElevationSource, Profile, ProfileOptions};
use std::collections::HashMap;
use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Rows evaluated per parallel chunk.
const CHUNK_ROWS: usize = 1 << 16;

/// A DEM and extraction options for rows given by coordinates.
#[derive(Clone, Copy)]
pub struct Terrain<'a> {
    /// The elevation model.
    pub dem: &'a dyn ElevationSource,
    /// Profile spacing, m (`None`: the DEM's resolution).
    pub spacing_m: Option<f64>,
}

const COORDINATES: [&str; 4] = ["tx_lat_deg", "tx_lon_deg", "rx_lat_deg", "rx_lon_deg"];
/// Marker for a profile extracted from the DEM for the current row.
const FROM_DEM: &str = "\u{0}dem";

/// Counts of one batch run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct BatchSummary {
    /// Data rows read.
    pub rows: u64,
    /// Rows whose `error` column is set.
    pub failed: u64,
}

/// Evaluates every row of `input` with `model` and writes the output CSV to `out`: every input
/// column, then `loss_db`, the model's intermediate values, `warnings` and `error`.
pub fn evaluate_csv(
    model: &'static dyn PathLossModel,
    input: &Path,
    out: &mut dyn Write,
    terrain: Option<Terrain<'_>>,
) -> Result<BatchSummary> {
    let file = std::fs::File::open(input).map_err(|e| PlanError::io(input, e))?;
    let mut reader = std::io::BufReader::with_capacity(1 << 20, file);
    check_start(&mut reader, input)?;
    let mut csv = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
    let headers = csv.headers().map_err(|e| PlanError::parse(input, 1, e.to_string()))?.clone();
    let names: Vec<String> = headers.iter().map(|h| h.trim().to_owned()).collect();
    let info = model.info();
    // Rows may be given by coordinates when a DEM is at hand and the model reads a profile.
    let by_coordinates = terrain.filter(|_| {
        info.columns.iter().any(|c| matches!(c.kind, ColumnKind::Profile))
            && COORDINATES.iter().all(|c| names.iter().any(|n| n == c))
    });
    let missing: Vec<&str> = info
        .columns
        .iter()
        .filter(|c| !(by_coordinates.is_some() && matches!(c.kind, ColumnKind::Profile)))
        .filter(|c| c.default.is_none() && !names.iter().any(|n| n == c.name))
        .map(|c| c.name)
        .collect();
    if !missing.is_empty() {
        let expected: Vec<String> = info
            .columns
            .iter()
            .map(|c| if c.default.is_some() { format!("[{}]", c.name) } else { c.name.to_owned() })
            .collect();
        return Err(PlanError::parse(
            input,
            1,
            format!(
                "missing column{} {} for model `{}`; expected columns: {} (bracketed ones are optional; see `spectra pathloss --model {} --help`)",
                if missing.len() > 1 { "s" } else { "" },
                missing.join(", "),
                info.name,
                expected.join(","),
                info.name
            ),
        ));
    }
    // Model column -> position in the file.
    let positions: Vec<(&'static str, usize)> = info
        .columns
        .iter()
        .filter_map(|c| names.iter().position(|n| n == c.name).map(|i| (c.name, i)))
        .collect();
    let profiles = ProfileCache::new(input.parent().map(Path::to_path_buf).unwrap_or_default());
    let coordinate_columns: Vec<usize> =
        COORDINATES.iter().filter_map(|c| names.iter().position(|n| n == c)).collect();
    let row_terrain = by_coordinates.map(|t| (t, coordinate_columns.as_slice()));

    let mut out_header = csv::StringRecord::from(names.clone());
    out_header.push_field("loss_db");
    for name in info.intermediates {
        out_header.push_field(name);
    }
    out_header.push_field("warnings");
    out_header.push_field("error");

    let mut summary = BatchSummary::default();
    let mut writer = csv::WriterBuilder::new().flexible(true).from_writer(out);
    let werr = |e: csv::Error| PlanError::Invalid(format!("writing output: {e}"));
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
            .map(|(line, rec)| evaluate_row(model, &names, &positions, &profiles, row_terrain, line, rec))
            .collect();
        for (row, failed) in rows {
            summary.rows += 1;
            summary.failed += u64::from(failed);
            writer.write_record(&row).map_err(werr)?;
        }
    }
    writer.flush().map_err(|e| PlanError::Invalid(format!("writing output: {e}")))?;
    Ok(summary)
}

/// Refuses an empty file and a `;`-separated file before parsing; skips a UTF-8 BOM.
fn check_start(reader: &mut std::io::BufReader<std::fs::File>, input: &Path) -> Result<()> {
    let buf = reader.fill_buf().map_err(|e| PlanError::io(input, e))?;
    let bom = buf.starts_with(b"\xEF\xBB\xBF");
    let first_line = {
        let start = if bom { 3 } else { 0 };
        let end = buf[start..].iter().position(|&b| b == b'\n').map_or(buf.len(), |p| start + p);
        String::from_utf8_lossy(&buf[start..end]).trim().to_owned()
    };
    if first_line.is_empty() {
        return Err(PlanError::parse(
            input,
            0,
            "the file is empty; expected a header line naming the columns, then one case per line",
        ));
    }
    if first_line.contains(';') && !first_line.contains(',') {
        return Err(PlanError::parse(
            input,
            1,
            format!("uses `;` as separator (`{first_line}`); spectra reads comma-separated files with `.` as decimal point: export as CSV with `,` separators"),
        ));
    }
    if bom {
        let mut skip = [0u8; 3];
        reader.read_exact(&mut skip).map_err(|e| PlanError::io(input, e))?;
    }
    Ok(())
}

/// One output row and whether it failed.
fn evaluate_row(
    model: &dyn PathLossModel,
    names: &[String],
    positions: &[(&'static str, usize)],
    profiles: &ProfileCache,
    terrain: Option<(Terrain<'_>, &[usize])>,
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
                let given =
                    |name: &str| positions.iter().find(|(n, _)| *n == name).and_then(|(_, i)| rec.get(*i));
                let wants_dem = terrain.is_some() && given("profile").is_none_or(|p| p.trim().is_empty());
                let extracted = match terrain {
                    Some((t, cols)) if wants_dem => extract_profile(t, cols, &rec).map(Some),
                    _ => Ok(None),
                };
                extracted
                    .and_then(|extracted| {
                        let cell = |name: &str| {
                            if name == "profile" && wants_dem {
                                Some(FROM_DEM)
                            } else {
                                given(name)
                            }
                        };
                        let dem_profile = extracted.as_ref().map(|(p, _)| p.clone());
                        let loader = |p: &str| match (&dem_profile, p == FROM_DEM) {
                            (Some(profile), true) => Ok(profile.clone()),
                            _ => profiles.get(p),
                        };
                        let mut r = Case::parse(model.info(), cell, &loader)
                            .and_then(|case| model.evaluate(&case))?;
                        if let Some((_, warnings)) = extracted {
                            r.warnings.extend(warnings);
                        }
                        Ok(r)
                    })
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

/// The terrain profile between the row's transmitter and receiver coordinates.
fn extract_profile(
    terrain: Terrain<'_>,
    cols: &[usize],
    rec: &csv::StringRecord,
) -> spectra_core::Result<(Arc<Profile>, Vec<Warning>)> {
    let num = |k: usize| -> spectra_core::Result<f64> {
        let text = rec.get(cols[k]).unwrap_or("").trim();
        text.parse::<f64>().map_err(|_| spectra_core::Error::InvalidChoice {
            field: COORDINATES[k].to_owned(),
            value: text.to_owned(),
            expected: "a number of degrees".to_owned(),
        })
    };
    let tx = GeoPoint::new(num(0)?, num(1)?)?;
    let rx = GeoPoint::new(num(2)?, num(3)?)?;
    let options = ProfileOptions { spacing_m: terrain.spacing_m, ..Default::default() };
    let pp = profile_between(terrain.dem, tx, rx, &options)?;
    Ok((Arc::new(pp.profile), pp.warnings))
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
