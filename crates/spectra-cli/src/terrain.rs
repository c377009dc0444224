//! `spectra profile` (terrain profile between two coordinates from a DEM directory) and
//! `spectra terrain synth` (write synthetic `.hgt` / GeoTIFF DEMs).
use crate::error::CliError;
use spectra_core::geodesy::{GeoPoint, UtmZone};
use spectra_core::terrain::synth::SyntheticTerrain;
use spectra_core::terrain::{
    profile_between, read_geotiff, Crs, ElevationSource, GeoTiffSample, GridGeometry, HgtResolution, Mosaic,
    MosaicOptions, ProfileOptions, VoidPolicy, ZoneRule,
};
use std::path::PathBuf;

/// Extract a terrain profile along the WGS84 geodesic between two coordinates.
#[derive(Debug, clap::Args)]
pub struct ProfileArgs {
    /// Directory of DEM files: SRTM tiles (N46E007.hgt, 1" or 3") and/or GeoTIFFs (*.tif).
    #[arg(long, value_name = "DIR")]
    pub dem: PathBuf,
    /// Transmitter (first point), decimal degrees.
    #[arg(long, value_name = "LAT,LON", allow_hyphen_values = true)]
    pub from: String,
    /// Receiver (last point), decimal degrees.
    #[arg(long, value_name = "LAT,LON", allow_hyphen_values = true)]
    pub to: String,
    /// Spacing between points, m (default: the DEM's resolution; adjusted so both ends are points).
    #[arg(long, value_name = "S")]
    pub spacing_m: Option<f64>,
    /// Void cells: error, interpolate or sea-level.
    #[arg(long, default_value = "error")]
    pub voids: String,
    /// Add a `zone` column from the height fallback (B where height ≤ 0 m, A2 elsewhere).
    #[arg(long)]
    pub zones: bool,
    /// Land-cover zone map (GeoTIFF, codes 1 = A1, 2 = A2, 3 = B) for the `zone` column;
    /// takes precedence over --zones.
    #[arg(long, value_name = "FILE")]
    pub zone_map: Option<PathBuf>,
    /// Clutter-height raster (GeoTIFF, m above ground) for a `clutter_height_m` column.
    #[arg(long, value_name = "FILE")]
    pub clutter: Option<PathBuf>,
    /// Tile cache bound, MiB.
    #[arg(long, default_value_t = 512)]
    pub cache_mib: usize,
    /// Output profile CSV (`distance_km,height_m[,zone]`); `-` for standard output.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

/// Runs `spectra profile`.
pub fn run_profile(args: ProfileArgs) -> Result<(), CliError> {
    let input = |e: spectra_core::Error| CliError::Input(e.to_string());
    let from = GeoPoint::parse(&args.from).map_err(|e| CliError::Input(format!("--from: {e}")))?;
    let to = GeoPoint::parse(&args.to).map_err(|e| CliError::Input(format!("--to: {e}")))?;
    let voids = VoidPolicy::parse(&args.voids).map_err(input)?;
    let dem =
        Mosaic::open(&args.dem, MosaicOptions { cache_bytes: args.cache_mib.saturating_mul(1 << 20), voids })
            .map_err(input)?;
    let zones = if args.zones { ZoneRule::HeightFallback } else { ZoneRule::None };
    let zone_map =
        args.zone_map.as_deref().map(|p| read_geotiff(p, VoidPolicy::Error)).transpose().map_err(input)?;
    let clutter = args.clutter.as_deref().map(|p| read_geotiff(p, voids)).transpose().map_err(input)?;
    let opts = ProfileOptions {
        spacing_m: args.spacing_m,
        zones,
        clutter: clutter.as_ref().map(|r| r as &dyn ElevationSource),
        zone_map: zone_map.as_ref().map(|r| r as &dyn ElevationSource),
    };
    let pp = profile_between(&dem, from, to, &opts).map_err(input)?;
    for w in &pp.warnings {
        eprintln!("warning: {}", w.message);
    }
    if args.out.as_os_str() == "-" {
        pp.profile.write_csv(std::io::stdout().lock()).map_err(|e| CliError::Other(e.to_string()))?;
    } else {
        let file = std::fs::File::create(&args.out).map_err(|e| CliError::io(&args.out, e))?;
        pp.profile.write_csv(std::io::BufWriter::new(file)).map_err(|e| CliError::Other(e.to_string()))?;
        eprintln!(
            "{}: {} points, {:.3} km, spacing {:.2} m, azimuth {:.4}°",
            args.out.display(),
            pp.profile.len(),
            pp.profile.length_km(),
            pp.spacing_m,
            pp.geodesic.azimuth_from_deg
        );
    }
    Ok(())
}

/// Terrain data tools.
#[derive(Debug, clap::Args)]
pub struct TerrainArgs {
    #[command(subcommand)]
    pub command: TerrainCommand,
}

/// `spectra terrain ...` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum TerrainCommand {
    /// Write deterministic synthetic terrain as an SRTM .hgt tile or a GeoTIFF.
    Synth(SynthArgs),
}

/// Arguments of `spectra terrain synth`.
#[derive(Debug, clap::Args)]
pub struct SynthArgs {
    /// flat:H | sea | coast:LON,SLOPE_M_PER_DEG | ridge:BASE,PEAK,CREST_LON,HALF_WIDTH_DEG |
    /// hills:BASE,AMPLITUDE,WAVELENGTH_DEG,OCTAVES,SEED
    #[arg(long)]
    pub terrain: String,
    /// Write the .hgt tile with this south-west corner (integer degrees) into the --out directory.
    #[arg(long, value_name = "LAT,LON", allow_hyphen_values = true, conflicts_with = "grid")]
    pub tile: Option<String>,
    /// Tile resolution in arc-seconds: 1 (3601x3601) or 3 (1201x1201).
    #[arg(long, default_value_t = 3)]
    pub arc_seconds: u32,
    /// Write a GeoTIFF on this grid: `geographic:S,W,N,E,ARCSEC` (cell centres from the NW
    /// corner (N, W)) or `utm:ZONE{N|S},X0,Y0,CELL_M,COLS,ROWS` (X0, Y0 = centre of the NW cell).
    #[arg(long, allow_hyphen_values = true)]
    pub grid: Option<String>,
    /// GeoTIFF sample type: int16 or float32.
    #[arg(long, default_value = "int16")]
    pub sample: String,
    /// Output directory (--tile) or GeoTIFF file (--grid).
    #[arg(long)]
    pub out: PathBuf,
}

/// Runs `spectra terrain ...`.
pub fn run(args: TerrainArgs) -> Result<(), CliError> {
    match args.command {
        TerrainCommand::Synth(a) => run_synth(a),
    }
}

fn run_synth(args: SynthArgs) -> Result<(), CliError> {
    let input = |e: spectra_core::Error| CliError::Input(e.to_string());
    let terrain = SyntheticTerrain::parse(&args.terrain).map_err(input)?;
    match (&args.tile, &args.grid) {
        (Some(tile), None) => {
            let (lat, lon) = tile
                .split_once(',')
                .and_then(|(a, b)| Some((a.trim().parse::<i32>().ok()?, b.trim().parse::<i32>().ok()?)))
                .ok_or_else(|| {
                    CliError::Input(format!("--tile {tile:?}: expected LAT,LON in integer degrees"))
                })?;
            let res = match args.arc_seconds {
                1 => HgtResolution::OneArcSecond,
                3 => HgtResolution::ThreeArcSeconds,
                n => return Err(CliError::Input(format!("--arc-seconds {n}: expected 1 or 3"))),
            };
            std::fs::create_dir_all(&args.out).map_err(|e| CliError::io(&args.out, e))?;
            let path = terrain.write_hgt(&args.out, lat, lon, res).map_err(input)?;
            eprintln!("wrote {}", path.display());
        }
        (None, Some(grid)) => {
            let grid = parse_grid(grid)?;
            let sample = match args.sample.as_str() {
                "int16" => GeoTiffSample::Int16,
                "float32" => GeoTiffSample::Float32,
                s => return Err(CliError::Input(format!("--sample {s:?}: expected int16 or float32"))),
            };
            terrain.write_geotiff(&args.out, &grid, sample).map_err(input)?;
            eprintln!("wrote {} ({}x{} cells)", args.out.display(), grid.ncols, grid.nrows);
        }
        _ => {
            return Err(CliError::Input(
                "give either --tile LAT,LON (an .hgt tile) or --grid SPEC (a GeoTIFF)".into(),
            ))
        }
    }
    Ok(())
}

/// Parses the `--grid` specification.
fn parse_grid(spec: &str) -> Result<GridGeometry, CliError> {
    let bad = || {
        CliError::Input(format!(
            "--grid {spec:?}: expected geographic:S,W,N,E,ARCSEC or utm:ZONE{{N|S}},X0,Y0,CELL_M,COLS,ROWS"
        ))
    };
    let (kind, rest) = spec.split_once(':').ok_or_else(bad)?;
    let parts: Vec<&str> = rest.split(',').map(str::trim).collect();
    let num = |s: &str| s.parse::<f64>().ok().filter(|v| v.is_finite()).ok_or_else(bad);
    match (kind, parts.as_slice()) {
        ("geographic", [s, w, n, e, arcsec]) => {
            let (s, w, n, e, arcsec) = (num(s)?, num(w)?, num(n)?, num(e)?, num(arcsec)?);
            if !(arcsec > 0.0 && n > s && e > w) {
                return Err(bad());
            }
            let cell = arcsec / 3600.0;
            let ncols = ((e - w) / cell).round() as usize + 1;
            let nrows = ((n - s) / cell).round() as usize + 1;
            Ok(GridGeometry { crs: Crs::Geographic, x0: w, y0: n, dx: cell, dy: cell, ncols, nrows })
        }
        ("utm", [zone, x0, y0, cell, cols, rows]) => {
            let (num_part, hemi) = zone.split_at(zone.len().saturating_sub(1));
            let z: u8 = num_part.parse().map_err(|_| bad())?;
            let north = match hemi {
                "N" | "n" => true,
                "S" | "s" => false,
                _ => return Err(bad()),
            };
            let zone = UtmZone::new(z, north).map_err(|e| CliError::Input(e.to_string()))?;
            let cell = num(cell)?;
            let ncols: usize = cols.parse().map_err(|_| bad())?;
            let nrows: usize = rows.parse().map_err(|_| bad())?;
            Ok(GridGeometry {
                crs: Crs::Utm(zone),
                x0: num(x0)?,
                y0: num(y0)?,
                dx: cell,
                dy: cell,
                ncols,
                nrows,
            })
        }
        _ => Err(bad()),
    }
}
