//! An elevation raster held in memory: a regular grid of cell-centre heights in geographic
//! (WGS84 latitude/longitude) or UTM coordinates, with void handling and bilinear sampling.
//!
//! Every DEM reader (`.hgt`, GeoTIFF) produces a [`Raster`]; the mosaic caches them. Rasters
//! are read into memory (`i16` or `f32` buffers), not memory-mapped: mapping a file needs
//! `unsafe`, which spectra forbids, and the bounded LRU cache of the mosaic gives the same
//! "load once, sample many times" behaviour.
use super::{Elevation, ElevationSource, VoidPolicy};
use crate::geodesy::{GeoPoint, UtmPoint, UtmZone};
use crate::{Error, Result};
use std::path::{Path, PathBuf};

/// Mean length of one degree of latitude on WGS84, m (π·M̄/180 with the mean meridional radius).
const METRES_PER_DEGREE_LATITUDE: f64 = 111_132.954;

/// Largest raster held in memory (2³⁰ cells: 2 GiB of `i16`, 4 GiB of `f32`).
const MAX_CELLS: usize = 1 << 30;

/// Coordinate reference system of a raster's grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Crs {
    /// WGS84 geographic (EPSG:4326): x = longitude, y = latitude, degrees.
    Geographic,
    /// WGS84 UTM zone (EPSG:326zz / 327zz): x = easting, y = northing, m.
    Utm(UtmZone),
}

/// Height values of a raster, row-major from the top (north) row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cells {
    /// Integer metres; a void is `i16::MIN` (−32768, the SRTM void marker).
    I16(Vec<i16>),
    /// Metres; a void is NaN.
    F32(Vec<f32>),
}

/// Where a raster's grid lies: cell centres at `x = x0 + col·dx`, `y = y0 − row·dy`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GridGeometry {
    /// Coordinate system of x and y.
    pub crs: Crs,
    /// x of the centre of the first (westernmost) column (degrees or m).
    pub x0: f64,
    /// y of the centre of the first (northernmost) row (degrees or m).
    pub y0: f64,
    /// Column spacing (> 0).
    pub dx: f64,
    /// Row spacing (> 0); rows run from north to south.
    pub dy: f64,
    /// Number of columns (≥ 2).
    pub ncols: usize,
    /// Number of rows (≥ 2).
    pub nrows: usize,
}

impl GridGeometry {
    /// Checks spacing and size; `path` names the file in the error.
    pub(crate) fn check(&self, path: &Path) -> Result<()> {
        let ok = self.dx.is_finite()
            && self.dy.is_finite()
            && self.dx > 0.0
            && self.dy > 0.0
            && self.x0.is_finite()
            && self.y0.is_finite()
            && self.ncols >= 2
            && self.nrows >= 2
            && self.ncols.checked_mul(self.nrows).is_some_and(|n| n <= MAX_CELLS);
        if ok {
            Ok(())
        } else {
            Err(Error::File {
                path: path.to_owned(),
                message: format!(
                    "invalid grid: {}x{} cells, spacing ({}, {}), origin ({}, {}); need at least 2x2 cells, at most {MAX_CELLS} cells and positive spacing",
                    self.ncols, self.nrows, self.dx, self.dy, self.x0, self.y0
                ),
            })
        }
    }

    /// Nominal cell size in metres: the spacing of rows (the north-south spacing for geographic
    /// grids, where the east-west spacing shrinks with latitude).
    pub fn cell_size_m(&self) -> f64 {
        match self.crs {
            Crs::Utm(_) => self.dx.min(self.dy),
            // The north-south spacing: 3" ≈ 92.6 m, 1" ≈ 30.9 m, whatever the latitude.
            Crs::Geographic => self.dy * METRES_PER_DEGREE_LATITUDE,
        }
    }

    /// Grid coordinates (x, y) of a point.
    fn project(&self, p: GeoPoint) -> (f64, f64) {
        match self.crs {
            Crs::Geographic => (p.lon_deg, p.lat_deg),
            Crs::Utm(z) => {
                let u = z.forward(p);
                (u.easting_m, u.northing_m)
            }
        }
    }

    /// The geographic point at the centre of a cell.
    pub fn cell_centre(&self, row: usize, col: usize) -> GeoPoint {
        let x = self.x0 + col as f64 * self.dx;
        let y = self.y0 - row as f64 * self.dy;
        match self.crs {
            Crs::Geographic => GeoPoint { lat_deg: y, lon_deg: x },
            Crs::Utm(z) => z.inverse(UtmPoint { easting_m: x, northing_m: y }),
        }
    }
}

/// A DEM in memory, sampled by bilinear interpolation between the four surrounding cell centres.
#[derive(Debug, Clone)]
pub struct Raster {
    path: PathBuf,
    grid: GridGeometry,
    /// 1/dx and 1/dy (multiplications in the sampling loop instead of divisions).
    inv_dx: f64,
    inv_dy: f64,
    /// Blocks per block row (cells are stored in BLOCK×BLOCK blocks, see [`to_blocks`]).
    nbc: usize,
    cells: Cells,
    /// Bit set of cells that were voids and were filled (policy interpolate / sea level).
    filled: Option<Vec<u64>>,
    voids: usize,
    policy: VoidPolicy,
}

impl Raster {
    /// A raster from its cells; voids (`i16::MIN` or NaN) are handled by `policy` now.
    pub(crate) fn new(
        path: &Path,
        grid: GridGeometry,
        mut cells: Cells,
        policy: VoidPolicy,
    ) -> Result<Raster> {
        grid.check(path)?;
        let n = grid.ncols * grid.nrows;
        let len = match &cells {
            Cells::I16(v) => v.len(),
            Cells::F32(v) => v.len(),
        };
        if len != n {
            return Err(Error::File {
                path: path.to_owned(),
                message: format!("{len} heights for a {}x{} grid", grid.ncols, grid.nrows),
            });
        }
        let void_flags: Vec<bool> = match &cells {
            Cells::I16(v) => v.iter().map(|&h| h == i16::MIN).collect(),
            Cells::F32(v) => v.iter().map(|h| !h.is_finite()).collect(),
        };
        let voids = void_flags.iter().filter(|&&b| b).count();
        let mut filled = None;
        if voids > 0 && policy != VoidPolicy::Error {
            let values = fill_voids(&grid, &cells, &void_flags, policy);
            match &mut cells {
                Cells::I16(v) => {
                    for (i, h) in values {
                        v[i] = h.round().clamp(-32767.0, 32767.0) as i16;
                    }
                }
                Cells::F32(v) => {
                    for (i, h) in values {
                        v[i] = h as f32;
                    }
                }
            }
            let mut bits = vec![0u64; n.div_ceil(64)];
            for (i, _) in void_flags.iter().enumerate().filter(|(_, &b)| b) {
                bits[i / 64] |= 1 << (i % 64);
            }
            filled = Some(bits);
        }
        let nbc = grid.ncols.div_ceil(BLOCK);
        let cells = match cells {
            Cells::I16(v) => Cells::I16(to_blocks(&v, grid.ncols, grid.nrows, i16::MIN)),
            Cells::F32(v) => Cells::F32(to_blocks(&v, grid.ncols, grid.nrows, f32::NAN)),
        };
        Ok(Raster {
            path: path.to_owned(),
            grid,
            nbc,
            inv_dx: 1.0 / grid.dx,
            inv_dy: 1.0 / grid.dy,
            cells,
            filled,
            voids,
            policy,
        })
    }

    /// The file this raster was read from (or will be written to).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The grid's placement.
    pub fn grid(&self) -> &GridGeometry {
        &self.grid
    }

    /// Number of void cells found in the file (before any filling).
    pub fn void_count(&self) -> usize {
        self.voids
    }

    /// Bytes of height data held in memory.
    pub fn memory_bytes(&self) -> usize {
        let cells = match &self.cells {
            Cells::I16(v) => v.len() * 2,
            Cells::F32(v) => v.len() * 4,
        };
        cells + self.filled.as_ref().map_or(0, |b| b.len() * 8)
    }

    /// Height of one cell (NaN for a void kept under [`VoidPolicy::Error`]).
    pub fn cell_m(&self, row: usize, col: usize) -> f64 {
        let i = self.block_index(row, col);
        match &self.cells {
            Cells::I16(v) => match v[i] {
                i16::MIN => f64::NAN,
                h => f64::from(h),
            },
            Cells::F32(v) => f64::from(v[i]),
        }
    }

    /// Position of cell (row, col) in the blocked storage.
    #[inline]
    fn block_index(&self, row: usize, col: usize) -> usize {
        (((row / BLOCK) * self.nbc + col / BLOCK) * BLOCK + row % BLOCK) * BLOCK + col % BLOCK
    }

    fn is_filled(&self, i: usize) -> bool {
        self.filled.as_ref().is_some_and(|b| b[i / 64] & (1 << (i % 64)) != 0)
    }

    /// Bilinear height at a point; `NoData` outside the grid.
    pub fn sample(&self, p: GeoPoint) -> Result<Elevation> {
        match self.lookup(p) {
            Lookup::Measured(h) => Ok(Elevation::Measured(h)),
            Lookup::Filled(h) => Ok(Elevation::Filled(h)),
            Lookup::NoData => Ok(Elevation::NoData),
            Lookup::Void { row, col } => Err(self.void_error(p, row, col)),
        }
    }

    /// The value of the cell nearest to `p` (`None` outside the grid or on a void).
    pub fn nearest(&self, p: GeoPoint) -> Option<f64> {
        let (x, y) = self.grid.project(p);
        let fc = (x - self.grid.x0) * self.inv_dx + 0.5;
        let fr = (self.grid.y0 - y) * self.inv_dy + 0.5;
        if !(fc >= 0.0 && fr >= 0.0 && fc < self.grid.ncols as f64 && fr < self.grid.nrows as f64) {
            return None;
        }
        let v = self.cell_m(fr as usize, fc as usize);
        v.is_finite().then_some(v)
    }

    /// The error for a void met under [`VoidPolicy::Error`].
    pub(crate) fn void_error(&self, p: GeoPoint, row: usize, col: usize) -> Error {
        Error::File {
            path: self.path.clone(),
            message: format!(
                "void (no-data) cell next to {p} (row {row}, column {col}); choose void handling `interpolate` or `sea-level` to go on"
            ),
        }
    }

    /// The sampling kernel: a small result (no error value) for the hot loop.
    #[inline]
    pub(crate) fn lookup(&self, p: GeoPoint) -> Lookup {
        let (x, y) = self.grid.project(p);
        let fc = (x - self.grid.x0) * self.inv_dx;
        let fr = (self.grid.y0 - y) * self.inv_dy;
        let (nc, nr) = ((self.grid.ncols - 1) as f64, (self.grid.nrows - 1) as f64);
        // A tolerance of 1e-9 cell keeps points on the shared edge of adjacent tiles inside.
        if !(fc >= -1e-9 && fr >= -1e-9 && fc <= nc + 1e-9 && fr <= nr + 1e-9) {
            return Lookup::NoData;
        }
        let (fc, fr) = (fc.clamp(0.0, nc), fr.clamp(0.0, nr));
        // fc, fr ≥ 0 here, so truncation is floor (and avoids a libm call).
        let c0 = (fc as usize).min(self.grid.ncols - 2);
        let r0 = (fr as usize).min(self.grid.nrows - 2);
        let (tx, ty) = (fc - c0 as f64, fr - r0 as f64);
        let i00 = r0 * self.grid.ncols + c0;
        let i10 = i00 + self.grid.ncols;
        let idx = [i00, i00 + 1, i10, i10 + 1]; // row-major, for the filled-void bit set
        let (b00, b01) = (self.block_index(r0, c0), self.block_index(r0, c0 + 1));
        let (b10, b11) = (self.block_index(r0 + 1, c0), self.block_index(r0 + 1, c0 + 1));
        let h = match &self.cells {
            Cells::I16(v) => {
                let (a, b, c, d) = (v[b00], v[b01], v[b10], v[b11]);
                if a == i16::MIN || b == i16::MIN || c == i16::MIN || d == i16::MIN {
                    [f64::NAN; 4]
                } else {
                    [f64::from(a), f64::from(b), f64::from(c), f64::from(d)]
                }
            }
            Cells::F32(v) => [f64::from(v[b00]), f64::from(v[b01]), f64::from(v[b10]), f64::from(v[b11])],
        };
        if h[0].is_nan() || h[1].is_nan() || h[2].is_nan() || h[3].is_nan() {
            // Only reachable under VoidPolicy::Error: the other policies filled every void.
            return Lookup::Void { row: r0, col: c0 };
        }
        // Bilinear interpolation between the four cell centres.
        let top = h[0] + (h[1] - h[0]) * tx;
        let bottom = h[2] + (h[3] - h[2]) * tx;
        let value = top + (bottom - top) * ty;
        if self.filled.is_some() && idx.iter().any(|&i| self.is_filled(i)) {
            Lookup::Filled(value)
        } else {
            Lookup::Measured(value)
        }
    }

    /// How this raster's voids were handled.
    pub fn void_policy(&self) -> VoidPolicy {
        self.policy
    }
}

/// What the sampling kernel found.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Lookup {
    Measured(f64),
    Filled(f64),
    NoData,
    /// A void cell under [`VoidPolicy::Error`], next to cell (row, col).
    Void {
        row: usize,
        col: usize,
    },
}

impl ElevationSource for Raster {
    fn elevation(&self, p: GeoPoint) -> Result<Elevation> {
        self.sample(p)
    }

    fn nearest_value(&self, p: GeoPoint) -> Result<Option<f64>> {
        Ok(self.nearest(p))
    }

    fn elevations(&self, points: &[GeoPoint], out: &mut Vec<Elevation>) -> Result<()> {
        out.clear();
        out.reserve(points.len());
        for &p in points {
            out.push(match self.lookup(p) {
                Lookup::Measured(h) => Elevation::Measured(h),
                Lookup::Filled(h) => Elevation::Filled(h),
                Lookup::NoData => Elevation::NoData,
                Lookup::Void { row, col } => return Err(self.void_error(p, row, col)),
            });
        }
        Ok(())
    }

    fn resolution_m(&self) -> f64 {
        self.grid.cell_size_m()
    }
}

/// Side of the square blocks the cells are stored in. A profile walks across the grid in any
/// direction; with row-major storage every step north or south touches a new cache line, with
/// 8×8 blocks (128 bytes of `i16`) only every eighth step does.
const BLOCK: usize = 8;

/// Row-major cells → BLOCK×BLOCK blocks, block rows from the north, padding with `pad`.
fn to_blocks<T: Copy>(v: &[T], ncols: usize, nrows: usize, pad: T) -> Vec<T> {
    let (nbc, nbr) = (ncols.div_ceil(BLOCK), nrows.div_ceil(BLOCK));
    let mut out = vec![pad; nbc * nbr * BLOCK * BLOCK];
    for r in 0..nrows {
        for c in 0..ncols {
            out[(((r / BLOCK) * nbc + c / BLOCK) * BLOCK + r % BLOCK) * BLOCK + c % BLOCK] = v[r * ncols + c];
        }
    }
    out
}

/// Values for the void cells: `SeaLevel` → 0 m; `Interpolate` → inverse-distance weighted mean
/// of the linear interpolations along the row and along the column between the nearest valid
/// cells on either side (one-sided: the nearest valid value). A void with no valid cell in its
/// row or column gets 0 m.
fn fill_voids(grid: &GridGeometry, cells: &Cells, void: &[bool], policy: VoidPolicy) -> Vec<(usize, f64)> {
    let (nc, nr) = (grid.ncols, grid.nrows);
    let value = |i: usize| match cells {
        Cells::I16(v) => f64::from(v[i]),
        Cells::F32(v) => f64::from(v[i]),
    };
    let mut out = Vec::new();
    for i in (0..void.len()).filter(|&i| void[i]) {
        if policy == VoidPolicy::SeaLevel {
            out.push((i, 0.0));
            continue;
        }
        let mut estimates: Vec<(f64, f64)> = Vec::new(); // (value, weight)
                                                         // Along the row, then along the column: nearest valid cell on each side.
        let scan = |step: &dyn Fn(usize) -> Option<usize>| -> Option<(usize, usize)> {
            let mut k = 0;
            let mut j = i;
            loop {
                j = step(j)?;
                k += 1;
                if !void[j] {
                    return Some((j, k));
                }
            }
        };
        let left = scan(&|j| if j % nc > 0 { Some(j - 1) } else { None });
        let right = scan(&|j| if j % nc + 1 < nc { Some(j + 1) } else { None });
        let up = scan(&|j| if j >= nc { Some(j - nc) } else { None });
        let down = scan(&|j| if j + nc < nc * nr { Some(j + nc) } else { None });
        for (a, b) in [(left, right), (up, down)] {
            match (a, b) {
                (Some((ja, ka)), Some((jb, kb))) => {
                    let (ka, kb) = (ka as f64, kb as f64);
                    let v = value(ja) + (value(jb) - value(ja)) * ka / (ka + kb);
                    estimates.push((v, 1.0 / ka.min(kb)));
                }
                (Some((j, k)), None) | (None, Some((j, k))) => estimates.push((value(j), 1.0 / k as f64)),
                (None, None) => {}
            }
        }
        let wsum: f64 = estimates.iter().map(|e| e.1).sum();
        let v = if wsum > 0.0 { estimates.iter().map(|e| e.0 * e.1).sum::<f64>() / wsum } else { 0.0 };
        out.push((i, v));
    }
    out
}
