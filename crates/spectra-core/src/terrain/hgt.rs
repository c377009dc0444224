//! SRTM `.hgt` tiles: raw big-endian `i16` heights (m), N×N cells covering one degree square
//! named after its south-west corner (`N46E007.hgt` spans 46–47°N, 7–8°E). Rows run from north
//! to south, columns from west to east; the first and last rows and columns lie on the tile's
//! edges and repeat the neighbours' edge cells. N = 1201 (3 arc-second) or 3601 (1 arc-second).
//! Void cells hold −32768.
//!
//! Source: NASA/USGS SRTM documentation ("SRTM Topography", `SRTM_Topo.pdf`, 2003), §"DEM file
//! (.HGT) format".
use super::raster::{Cells, Crs, GridGeometry, Raster};
use super::VoidPolicy;
use crate::{Error, Result};
use std::path::Path;

/// The two SRTM tile resolutions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HgtResolution {
    /// 1 arc-second, 3601×3601 cells (25 934 402 bytes).
    OneArcSecond,
    /// 3 arc-seconds, 1201×1201 cells (2 884 802 bytes).
    ThreeArcSeconds,
}

impl HgtResolution {
    /// Cells per side.
    pub fn side(self) -> usize {
        match self {
            HgtResolution::OneArcSecond => 3601,
            HgtResolution::ThreeArcSeconds => 1201,
        }
    }

    /// File size in bytes.
    pub fn file_bytes(self) -> u64 {
        2 * (self.side() * self.side()) as u64
    }

    fn from_file_bytes(bytes: u64) -> Option<HgtResolution> {
        [HgtResolution::OneArcSecond, HgtResolution::ThreeArcSeconds]
            .into_iter()
            .find(|r| r.file_bytes() == bytes)
    }
}

/// The tile name (`N46E007.hgt`, `S01W180.hgt`) of the tile whose south-west corner is at
/// integer degrees (`lat_sw`, `lon_sw`).
pub fn hgt_tile_name(lat_sw: i32, lon_sw: i32) -> String {
    format!(
        "{}{:02}{}{:03}.hgt",
        if lat_sw < 0 { 'S' } else { 'N' },
        lat_sw.unsigned_abs(),
        if lon_sw < 0 { 'W' } else { 'E' },
        lon_sw.unsigned_abs()
    )
}

/// The south-west corner encoded in a tile file name (case-insensitive, `.hgt` extension).
pub(crate) fn parse_tile_name(name: &str) -> Option<(i32, i32)> {
    let upper = name.to_ascii_uppercase();
    let stem = upper.strip_suffix(".HGT")?;
    let b = stem.as_bytes();
    if b.len() != 7 || !matches!(b[0], b'N' | b'S') || !matches!(b[3], b'E' | b'W') {
        return None;
    }
    let lat: i32 = stem.get(1..3)?.parse().ok()?;
    let lon: i32 = stem.get(4..7)?.parse().ok()?;
    let lat = if b[0] == b'S' { -lat } else { lat };
    let lon = if b[3] == b'W' { -lon } else { lon };
    ((-90..90).contains(&lat) && (-180..180).contains(&lon)).then_some((lat, lon))
}

/// Reads a `.hgt` tile; the south-west corner comes from the file name, the resolution from the
/// file size. Voids are handled by `voids`.
pub fn read_hgt(path: &Path, voids: VoidPolicy) -> Result<Raster> {
    let file_err = |message: String| Error::File { path: path.to_owned(), message };
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let (lat_sw, lon_sw) = parse_tile_name(name).ok_or_else(|| {
        file_err("not an SRTM tile name: expected e.g. N46E007.hgt (south-west corner)".to_owned())
    })?;
    let bytes = std::fs::read(path).map_err(|e| file_err(format!("cannot read tile: {e}")))?;
    let res = HgtResolution::from_file_bytes(bytes.len() as u64).ok_or_else(|| {
        file_err(format!(
            "{} bytes: an .hgt tile has {} bytes (3 arc-second, 1201x1201) or {} bytes (1 arc-second, 3601x3601); the file is truncated or not SRTM",
            bytes.len(),
            HgtResolution::ThreeArcSeconds.file_bytes(),
            HgtResolution::OneArcSecond.file_bytes()
        ))
    })?;
    let cells: Vec<i16> = bytes.chunks_exact(2).map(|c| i16::from_be_bytes([c[0], c[1]])).collect();
    Raster::new(path, tile_grid(lat_sw, lon_sw, res), Cells::I16(cells), voids)
}

/// The grid of the tile with south-west corner (`lat_sw`, `lon_sw`).
pub(crate) fn tile_grid(lat_sw: i32, lon_sw: i32, res: HgtResolution) -> GridGeometry {
    let step = 1.0 / (res.side() - 1) as f64;
    GridGeometry {
        crs: Crs::Geographic,
        x0: f64::from(lon_sw),
        y0: f64::from(lat_sw) + 1.0,
        dx: step,
        dy: step,
        ncols: res.side(),
        nrows: res.side(),
    }
}

/// Writes heights (row-major from the north-west corner, `side²` values, NaN or values outside
/// the `i16` range written as the void −32768 after rounding) as an `.hgt` tile into `dir`,
/// named after its south-west corner. Returns the path.
pub fn write_hgt(
    dir: &Path,
    lat_sw: i32,
    lon_sw: i32,
    res: HgtResolution,
    heights_m: &[f64],
) -> Result<std::path::PathBuf> {
    let path = dir.join(hgt_tile_name(lat_sw, lon_sw));
    let n = res.side() * res.side();
    if heights_m.len() != n {
        return Err(Error::File {
            path,
            message: format!("{} heights for a {}x{} tile", heights_m.len(), res.side(), res.side()),
        });
    }
    let mut bytes = Vec::with_capacity(2 * n);
    for &h in heights_m {
        let v = if h.is_finite() && (-32767.0..=32767.0).contains(&h.round()) {
            h.round() as i16
        } else {
            i16::MIN
        };
        bytes.extend_from_slice(&v.to_be_bytes());
    }
    std::fs::write(&path, bytes)
        .map_err(|e| Error::File { path: path.clone(), message: format!("cannot write: {e}") })?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tile_names() {
        assert_eq!(hgt_tile_name(46, 7), "N46E007.hgt");
        assert_eq!(hgt_tile_name(-1, -180), "S01W180.hgt");
        assert_eq!(parse_tile_name("n46e007.HGT"), Some((46, 7)));
        assert_eq!(parse_tile_name("S01W180.hgt"), Some((-1, -180)));
        assert_eq!(parse_tile_name("N46E007.tif"), None);
        assert_eq!(parse_tile_name("N91E007.hgt"), None);
        assert_eq!(parse_tile_name("N46E180.hgt"), None);
    }
}
