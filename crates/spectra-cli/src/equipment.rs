//! Quick checks engineers can script: `spectra antenna` (gain of a pattern in a direction, or a
//! grid to CSV) and `spectra acir` (ACLR, ACS, ACIR and SM.337 FDR of a transmitter/receiver
//! pair at a frequency offset). Patterns and masks are the inline tables of scenario files, or
//! equipment files such as `fixtures/equipment/lte_bs_5mhz.toml`.
use crate::error::CliError;
use crate::output::write_atomically;
use spectra_core::antenna::{sample_grid, PatternSpec, CATALOGUE};
use spectra_core::spectrum::{adjacent_channel, EmissionMaskSpec, ReceiverMaskSpec};
use spectra_core::units::Dbm;
use std::path::{Path, PathBuf};

/// Arguments of `spectra antenna`.
#[derive(Debug, clap::Args)]
pub struct AntennaArgs {
    /// Pattern: an inline table, e.g. `{ pattern = "f1336-sectoral", gain_dbi = 18, hpbw_az_deg = 65 }`,
    /// or an equipment file with an `[antenna]` table.
    #[arg(long)]
    pattern: Option<String>,
    /// Azimuth from boresight, degrees.
    #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
    azimuth: f64,
    /// Elevation from boresight, degrees.
    #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
    elevation: f64,
    /// Write the whole pattern on a grid (1 degree steps) as CSV `azimuth_deg,elevation_deg,gain_dbi`.
    #[arg(long)]
    grid: Option<PathBuf>,
    /// List every pattern with its parameters.
    #[arg(long)]
    list: bool,
}

/// Arguments of `spectra acir`.
#[derive(Debug, clap::Args)]
pub struct AcirArgs {
    /// Transmitter emission mask: inline table or equipment file (its `[emission]` table).
    #[arg(long)]
    tx: String,
    /// Receiver mask: inline table or equipment file (its `[receiver]` table).
    #[arg(long)]
    rx: String,
    /// Interferer frequency minus victim frequency, MHz.
    #[arg(long, allow_negative_numbers = true)]
    offset_mhz: f64,
    /// Transmitter channel bandwidth, MHz (default: the mask's `channel_bw_mhz`).
    #[arg(long)]
    tx_bandwidth_mhz: Option<f64>,
    /// Transmitter power, dBm (matters for absolute masks; default: the file's `tx_power_dbm`, else 0).
    #[arg(long, allow_negative_numbers = true)]
    tx_power_dbm: Option<f64>,
}

/// An inline table or the `table` of an equipment file, with the file's `tx_power_dbm`.
fn table(arg: &str, table: &str) -> Result<(toml::Value, Option<f64>), CliError> {
    let path = Path::new(arg);
    if path.is_file() {
        let text = std::fs::read_to_string(path).map_err(|e| CliError::io(path, e))?;
        let doc: toml::Table =
            toml::from_str(&text).map_err(|e| CliError::Input(format!("{}: {e}", path.display())))?;
        let power = doc.get("tx_power_dbm").and_then(toml::Value::as_float);
        let t = doc
            .get(table)
            .cloned()
            .ok_or_else(|| CliError::Input(format!("{}: no `[{table}]` table", path.display())))?;
        return Ok((t, power));
    }
    let wrapped: toml::Table = toml::from_str(&format!("x = {arg}")).map_err(|e| {
        CliError::Input(format!(
            "`{arg}` is neither a file nor an inline table like {{ key = value, ... }}: {e}"
        ))
    })?;
    Ok((wrapped["x"].clone(), None))
}

fn parse<T: serde::de::DeserializeOwned>(value: toml::Value, what: &str) -> Result<T, CliError> {
    value.try_into().map_err(|e: toml::de::Error| CliError::Input(format!("{what}: {}", e.message())))
}

/// Runs `spectra antenna`.
pub fn antenna(args: AntennaArgs) -> Result<(), CliError> {
    if args.list {
        for p in CATALOGUE {
            println!("{:<18} {}", p.name, p.source);
            for (k, d) in p.params {
                println!("    {k:<28} {d}");
            }
        }
        return Ok(());
    }
    let spec = args.pattern.ok_or_else(|| CliError::Input("--pattern is required (or --list)".into()))?;
    let (value, _) = table(&spec, "antenna")?;
    let base = Path::new(&spec).parent().filter(|p| p.is_dir()).unwrap_or(Path::new("."));
    let pattern = parse::<PatternSpec>(value, "--pattern")?
        .build(base)
        .map_err(|e| CliError::Input(format!("--pattern: {e}")))?;
    match args.grid {
        Some(path) => write_atomically(&path, |w| {
            let mut text = String::from("azimuth_deg,elevation_deg,gain_dbi\n");
            for (az, el, g) in sample_grid(pattern.as_ref(), 1.0, 1.0) {
                text.push_str(&format!("{az},{el},{g}\n"));
            }
            w.write_all(text.as_bytes()).map_err(|e| CliError::io(&path, e))
        }),
        None => {
            for range in
                [(-180.0..=180.0, args.azimuth, "--azimuth"), (-90.0..=90.0, args.elevation, "--elevation")]
            {
                if !range.0.contains(&range.1) {
                    return Err(CliError::Input(format!(
                        "{} {} is out of range: valid [{}, {}] degrees",
                        range.2,
                        range.1,
                        range.0.start(),
                        range.0.end()
                    )));
                }
            }
            println!("gain_dbi = {}", pattern.gain_dbi(args.azimuth, args.elevation));
            Ok(())
        }
    }
}

/// Runs `spectra acir`.
pub fn acir(args: AcirArgs) -> Result<(), CliError> {
    let (tx_value, file_power) = table(&args.tx, "emission")?;
    let tx_spec: EmissionMaskSpec = parse(tx_value, "--tx")?;
    let (rx_value, _) = table(&args.rx, "receiver")?;
    let rx_spec: ReceiverMaskSpec = parse(rx_value, "--rx")?;
    let tx = tx_spec.build().map_err(|e| CliError::Input(format!("--tx: {e}")))?;
    let rx = rx_spec.build().map_err(|e| CliError::Input(format!("--rx: {e}")))?;
    let bw = args.tx_bandwidth_mhz.or(tx_spec.channel_bw_mhz).ok_or_else(|| {
        CliError::Input("--tx-bandwidth-mhz is required: the mask does not give `channel_bw_mhz`".into())
    })?;
    if !(bw > 0.0 && bw.is_finite()) {
        return Err(CliError::Input(format!("transmitter bandwidth {bw} MHz must be > 0")));
    }
    if !args.offset_mhz.is_finite() {
        return Err(CliError::Input("--offset-mhz must be a finite number".into()));
    }
    let power = Dbm(args.tx_power_dbm.or(file_power).unwrap_or(0.0));
    let a = adjacent_channel(&tx, power, bw, &rx, args.offset_mhz);
    println!("aclr_db = {}\nacs_db = {}\nacir_db = {}\nfdr_db = {}", a.aclr.0, a.acs.0, a.acir.0, a.fdr.0);
    Ok(())
}
