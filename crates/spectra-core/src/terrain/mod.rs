//! Terrain: elevation sources (SRTM `.hgt` tiles, GeoTIFF DEMs, a cached mosaic, synthetic
//! terrain), geodesic height profiles between two coordinates and the path geometry that every
//! terrain model shares.
//!
//! The central abstraction is [`ElevationSource`]: a height at a point, or a clear "no data"
//! answer. Profiles are extracted along the WGS84 geodesic ([`profile_between`]) and the derived
//! [`PathGeometry`] is computed once per profile and reused by every model.
mod extract;
mod geometry;
mod geotiff;
mod hgt;
mod mosaic;
mod profile;
mod raster;
pub mod synth;

pub use extract::{profile_between, PathProfile, ProfileOptions, ZoneRule};
pub use geometry::{PathClass, PathGeometry, TerminalHorizon};
pub use geotiff::{read_geotiff, write_geotiff, GeoTiffSample};
pub use hgt::{hgt_tile_name, read_hgt, write_hgt, HgtResolution};
pub use mosaic::{CacheStats, Mosaic, MosaicOptions};
pub use profile::{Profile, Zone};
pub use raster::{Crs, GridGeometry, Raster};

use crate::geodesy::GeoPoint;
use crate::Result;

/// The height an elevation source reports for a point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Elevation {
    /// Interpolated from valid cells, m above mean sea level.
    Measured(f64),
    /// Interpolated from at least one cell that was a void in the file and was filled under the
    /// chosen [`VoidPolicy`], m. Callers attach a warning.
    Filled(f64),
    /// The source has no data at this point (no tile covers it, or outside the raster).
    NoData,
}

impl Elevation {
    /// The height in metres, if there is one.
    pub fn height_m(self) -> Option<f64> {
        match self {
            Elevation::Measured(h) | Elevation::Filled(h) => Some(h),
            Elevation::NoData => None,
        }
    }
}

/// What to do with void (no-data) cells inside a DEM file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VoidPolicy {
    /// Sampling next to a void is an error naming the file and the cell.
    #[default]
    Error,
    /// Fill each void from the nearest valid cells along its row and column (linear
    /// interpolation, inverse-distance weighted); results carry a warning.
    Interpolate,
    /// Treat voids as 0 m (sea level, as SRTM voids over water usually are); with a warning.
    SeaLevel,
}

impl VoidPolicy {
    /// Parses `error`, `interpolate` or `sea-level`.
    pub fn parse(s: &str) -> Result<VoidPolicy> {
        match s.trim().to_ascii_lowercase().as_str() {
            "error" => Ok(VoidPolicy::Error),
            "interpolate" => Ok(VoidPolicy::Interpolate),
            "sea-level" | "sea_level" | "sealevel" => Ok(VoidPolicy::SeaLevel),
            _ => Err(crate::Error::InvalidChoice {
                field: "void handling".to_owned(),
                value: s.to_owned(),
                expected: "error, interpolate or sea-level".to_owned(),
            }),
        }
    }
}

/// A digital elevation model: the terrain height at a point.
///
/// Implementations are shared between threads (profiles are extracted in parallel).
pub trait ElevationSource: Send + Sync {
    /// Height at `p`, or [`Elevation::NoData`] where the source has no data. Errors are broken
    /// files, IO failures and voids under [`VoidPolicy::Error`].
    fn elevation(&self, p: GeoPoint) -> Result<Elevation>;

    /// Nominal grid spacing, m: the default spacing of extracted profiles.
    fn resolution_m(&self) -> f64;

    /// Heights at many points, in order (profile extraction calls this once per path).
    /// Sources with a cache override it to look tiles up once per run of points.
    fn elevations(&self, points: &[GeoPoint], out: &mut Vec<Elevation>) -> Result<()> {
        out.clear();
        for &p in points {
            out.push(self.elevation(p)?);
        }
        Ok(())
    }

    /// The value of the nearest cell (no interpolation), for categorical rasters such as zone
    /// maps; `None` where there is no data. The default samples [`ElevationSource::elevation`].
    fn nearest_value(&self, p: GeoPoint) -> Result<Option<f64>> {
        Ok(self.elevation(p)?.height_m())
    }

    /// A hint for the "no data" error at `p` (e.g. the missing tile's file name).
    fn no_data_hint(&self, p: GeoPoint) -> String {
        format!("the elevation data has no value at {p}")
    }
}
