//! A mosaic over a directory of DEM files (SRTM `.hgt` tiles named by their south-west corner,
//! and GeoTIFF DEMs `*.tif`/`*.tiff`), with a least-recently-used cache of decoded rasters
//! bounded in bytes.
//!
//! Tiles are read into memory on first use (`i16`/`f32` buffers; memory-mapping would need
//! `unsafe`, which spectra forbids) and evicted least-recently-used first when the cache holds
//! more than its byte budget. The tile just loaded is always kept, so a budget smaller than one
//! tile still works (it reloads often). The cache is shared by all threads behind a mutex;
//! profile extraction looks a tile up once per run of points inside it, not once per point.
use super::geotiff::{read_geotiff, read_geotiff_grid};
use super::hgt::{hgt_tile_name, parse_tile_name, read_hgt, tile_grid, HgtResolution};
use super::raster::{Crs, GridGeometry, Lookup, Raster};
use super::{Elevation, ElevationSource, VoidPolicy};
use crate::geodesy::{GeoPoint, UtmPoint};
use crate::{Error, Result};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Options of a [`Mosaic`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MosaicOptions {
    /// Upper bound of the decoded rasters kept in memory, bytes (default 512 MiB: about 177
    /// 3-arc-second or 19 1-arc-second tiles).
    pub cache_bytes: usize,
    /// What to do with void cells.
    pub voids: VoidPolicy,
}

impl Default for MosaicOptions {
    fn default() -> Self {
        MosaicOptions { cache_bytes: 512 << 20, voids: VoidPolicy::Error }
    }
}

/// Counters of the tile cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CacheStats {
    /// Files read and decoded.
    pub loads: u64,
    /// Tile look-ups answered from memory.
    pub hits: u64,
    /// Rasters dropped to stay within the budget.
    pub evictions: u64,
    /// Bytes of height data held now.
    pub bytes: usize,
    /// Rasters held now.
    pub tiles: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum TileId {
    Hgt(i32, i32),
    Tiff(usize),
}

#[derive(Debug, Default)]
struct Lru {
    tiles: HashMap<TileId, (Arc<Raster>, u64)>,
    clock: u64,
    stats: CacheStats,
}

/// A directory of DEM files seen as one [`ElevationSource`].
#[derive(Debug)]
pub struct Mosaic {
    dir: PathBuf,
    hgt: HashMap<(i32, i32), PathBuf>,
    tiffs: Vec<(PathBuf, GridGeometry, [f64; 4])>, // path, grid, geographic box (S, W, N, E)
    resolution_m: f64,
    options: MosaicOptions,
    cache: Mutex<Lru>,
}

impl Mosaic {
    /// Indexes `dir`: `.hgt` files by name (resolution from the file size), GeoTIFFs by their
    /// georeferencing (tags only; pixels are read on first use). Errors if the directory cannot
    /// be read or holds no DEM file, or a file has a bad name, size or header.
    pub fn open(dir: &Path, options: MosaicOptions) -> Result<Mosaic> {
        let dir_err = |message: String| Error::File { path: dir.to_owned(), message };
        let entries =
            std::fs::read_dir(dir).map_err(|e| dir_err(format!("cannot read the DEM directory: {e}")))?;
        let mut names: Vec<PathBuf> = Vec::new();
        for e in entries {
            let e = e.map_err(|e| dir_err(e.to_string()))?;
            names.push(e.path());
        }
        names.sort(); // deterministic order of GeoTIFF look-up
        let mut hgt = HashMap::new();
        let mut tiffs = Vec::new();
        let mut resolution_m = f64::INFINITY;
        for path in names {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_ascii_lowercase();
            if name.ends_with(".hgt") {
                let file_err = |message: String| Error::File { path: path.clone(), message };
                let corner = parse_tile_name(&name)
                    .ok_or_else(|| file_err("not an SRTM tile name: expected e.g. N46E007.hgt".into()))?;
                let len = std::fs::metadata(&path).map_err(|e| file_err(e.to_string()))?.len();
                let res = [HgtResolution::OneArcSecond, HgtResolution::ThreeArcSeconds]
                    .into_iter()
                    .find(|r| r.file_bytes() == len)
                    .ok_or_else(|| {
                        file_err(format!(
                            "{len} bytes: an .hgt tile has {} (3 arc-second) or {} bytes (1 arc-second); truncated or not SRTM",
                            HgtResolution::ThreeArcSeconds.file_bytes(),
                            HgtResolution::OneArcSecond.file_bytes()
                        ))
                    })?;
                resolution_m = resolution_m.min(tile_grid(corner.0, corner.1, res).cell_size_m());
                hgt.insert(corner, path);
            } else if name.ends_with(".tif") || name.ends_with(".tiff") {
                let grid = read_geotiff_grid(&path)?;
                resolution_m = resolution_m.min(grid.cell_size_m());
                let bbox = geographic_box(&grid);
                tiffs.push((path, grid, bbox));
            }
        }
        if hgt.is_empty() && tiffs.is_empty() {
            return Err(dir_err("no DEM files (*.hgt, *.tif) in the directory".into()));
        }
        Ok(Mosaic {
            dir: dir.to_owned(),
            hgt,
            tiffs,
            resolution_m,
            options,
            cache: Mutex::new(Lru::default()),
        })
    }

    /// The cache counters now.
    pub fn cache_stats(&self) -> CacheStats {
        self.lock().stats
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Lru> {
        // A panic while holding the lock cannot leave the map inconsistent (inserts and removes
        // are single calls), so a poisoned lock is safe to reuse.
        self.cache.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The tiles that may hold `p`, in look-up order.
    fn candidates(&self, p: GeoPoint) -> Vec<TileId> {
        let mut ids = Vec::new();
        let (lat_f, lon_f) = (p.lat_deg.floor(), p.lon_deg.floor());
        let lats = if p.lat_deg == lat_f { vec![lat_f, lat_f - 1.0] } else { vec![lat_f] };
        let lons = if p.lon_deg == lon_f { vec![lon_f, lon_f - 1.0] } else { vec![lon_f] };
        for &la in &lats {
            for &lo in &lons {
                let lo = if lo >= 180.0 {
                    lo - 360.0
                } else if lo < -180.0 {
                    lo + 360.0
                } else {
                    lo
                };
                let key = (la as i32, lo as i32);
                if self.hgt.contains_key(&key) {
                    ids.push(TileId::Hgt(key.0, key.1));
                }
            }
        }
        for (i, (_, _, b)) in self.tiffs.iter().enumerate() {
            if p.lat_deg >= b[0] && p.lat_deg <= b[2] && p.lon_deg >= b[1] && p.lon_deg <= b[3] {
                ids.push(TileId::Tiff(i));
            }
        }
        ids
    }

    /// The raster of tile `id`, from the cache or read now.
    fn raster(&self, id: TileId) -> Result<Arc<Raster>> {
        let mut lru = self.lock();
        lru.clock += 1;
        let now = lru.clock;
        if let Some(entry) = lru.tiles.get_mut(&id) {
            entry.1 = now;
            let r = entry.0.clone();
            lru.stats.hits += 1;
            return Ok(r);
        }
        let raster = Arc::new(match id {
            TileId::Hgt(la, lo) => read_hgt(&self.hgt[&(la, lo)], self.options.voids)?,
            TileId::Tiff(i) => read_geotiff(&self.tiffs[i].0, self.options.voids)?,
        });
        lru.stats.loads += 1;
        lru.stats.bytes += raster.memory_bytes();
        lru.tiles.insert(id, (raster.clone(), now));
        while lru.stats.bytes > self.options.cache_bytes && lru.tiles.len() > 1 {
            let Some((&old, _)) = lru.tiles.iter().filter(|(k, _)| **k != id).min_by_key(|(_, v)| v.1) else {
                break;
            };
            if let Some((r, _)) = lru.tiles.remove(&old) {
                lru.stats.bytes -= r.memory_bytes();
                lru.stats.evictions += 1;
            }
        }
        lru.stats.tiles = lru.tiles.len();
        Ok(raster)
    }

    /// Samples `p` from the tiles that may hold it, trying `current` first.
    fn sample(&self, p: GeoPoint, current: &mut Option<Arc<Raster>>) -> Result<Elevation> {
        if let Some(r) = current.as_ref() {
            let e = r.sample(p)?;
            if e != Elevation::NoData {
                return Ok(e);
            }
        }
        for id in self.candidates(p) {
            let r = self.raster(id)?;
            let e = r.sample(p)?;
            if e != Elevation::NoData {
                *current = Some(r);
                return Ok(e);
            }
        }
        Ok(Elevation::NoData)
    }
}

impl ElevationSource for Mosaic {
    fn elevation(&self, p: GeoPoint) -> Result<Elevation> {
        self.sample(p, &mut None)
    }

    fn resolution_m(&self) -> f64 {
        self.resolution_m
    }

    fn elevations(&self, points: &[GeoPoint], out: &mut Vec<Elevation>) -> Result<()> {
        out.clear();
        out.reserve(points.len());
        let mut current: Option<Arc<Raster>> = None;
        for &p in points {
            // Fast path: the tile of the previous point.
            if let Some(r) = &current {
                match r.lookup(p) {
                    Lookup::Measured(h) => {
                        out.push(Elevation::Measured(h));
                        continue;
                    }
                    Lookup::Filled(h) => {
                        out.push(Elevation::Filled(h));
                        continue;
                    }
                    Lookup::Void { row, col } => return Err(r.void_error(p, row, col)),
                    Lookup::NoData => {}
                }
            }
            out.push(self.sample(p, &mut current)?);
        }
        Ok(())
    }

    fn nearest_value(&self, p: GeoPoint) -> Result<Option<f64>> {
        for id in self.candidates(p) {
            if let Some(v) = self.raster(id)?.nearest(p) {
                return Ok(Some(v));
            }
        }
        Ok(None)
    }

    fn no_data_hint(&self, p: GeoPoint) -> String {
        let name = hgt_tile_name(p.lat_deg.floor() as i32, p.lon_deg.floor() as i32);
        format!(
            "no DEM data at {p}: the tile {name} is not in {} and no GeoTIFF there covers the point",
            self.dir.display()
        )
    }
}

/// Geographic bounding box (S, W, N, E) of a grid's cell centres; for UTM grids from the
/// corners and edge midpoints, widened by one cell to be safe (the raster decides exactly).
fn geographic_box(g: &GridGeometry) -> [f64; 4] {
    let (x1, y1) = (g.x0 + (g.ncols - 1) as f64 * g.dx, g.y0 - (g.nrows - 1) as f64 * g.dy);
    match g.crs {
        Crs::Geographic => [y1, g.x0, g.y0, x1],
        Crs::Utm(z) => {
            let mut b = [f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY];
            let (xm, ym) = (0.5 * (g.x0 + x1), 0.5 * (g.y0 + y1));
            for (x, y) in
                [(g.x0, g.y0), (x1, g.y0), (g.x0, y1), (x1, y1), (xm, g.y0), (xm, y1), (g.x0, ym), (x1, ym)]
            {
                let p = z.inverse(UtmPoint { easting_m: x, northing_m: y });
                b = [b[0].min(p.lat_deg), b[1].min(p.lon_deg), b[2].max(p.lat_deg), b[3].max(p.lon_deg)];
            }
            let pad = g.dx.max(g.dy) / 100_000.0; // ≥ one cell in degrees
            [b[0] - pad, b[1] - pad, b[2] + pad, b[3] + pad]
        }
    }
}
