//! Deterministic synthetic terrain written as real DEM files (`.hgt` tiles, GeoTIFFs): the
//! fixtures the project ships and the inputs of the terrain tests and benchmarks.
//!
//! Heights are functions of latitude and longitude evaluated with `+ − × ÷` and `floor` only (no
//! transcendental functions), so the same parameters give bit-identical files on every platform.
//!
//! | kind | height at (φ, λ) |
//! |---|---|
//! | `flat` | h₀ |
//! | `sea` | 0 m everywhere (zone B by the height fallback) |
//! | `coast` | 0 m west of λc, `slope·(λ − λc)` east of it |
//! | `ridge` | h₀ + H·max(0, 1 − \|λ − λc\| / w): a triangular ridge along the meridian λc |
//! | `hills` | h₀ + A·Σₖ 2⁻ᵏ·v(φ·2ᵏ/L, λ·2ᵏ/L) / Σₖ 2⁻ᵏ: fractal value noise, `octaves` terms |
//!
//! v is value noise: pseudo-random lattice values in [0, 1) from a SplitMix64 hash of (seed,
//! octave, lattice indices), blended with the quintic smoothstep 6t⁵ − 15t⁴ + 10t³ (Perlin 2002)
//! so the surface is twice differentiable.
use super::geotiff::{write_geotiff, GeoTiffSample};
use super::hgt::{tile_grid, write_hgt, HgtResolution};
use super::raster::GridGeometry;
use crate::geodesy::GeoPoint;
use crate::{Error, Result};
use std::path::{Path, PathBuf};

/// A synthetic terrain shape (see the module table).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SyntheticTerrain {
    /// Constant height, m.
    Flat { height_m: f64 },
    /// 0 m everywhere.
    Sea,
    /// Sea west of `coast_lon_deg`, land rising east of it at `slope_m_per_deg`.
    Coast { coast_lon_deg: f64, slope_m_per_deg: f64 },
    /// A triangular ridge of height `peak_m` above `base_m` along the meridian `crest_lon_deg`,
    /// falling to the base at `half_width_deg` either side.
    Ridge { base_m: f64, peak_m: f64, crest_lon_deg: f64, half_width_deg: f64 },
    /// Fractal value-noise hills: `base_m` + up to `amplitude_m`, largest features
    /// `wavelength_deg`, `octaves` ≥ 1 terms, pseudo-random `seed`.
    Hills { base_m: f64, amplitude_m: f64, wavelength_deg: f64, octaves: u32, seed: u64 },
}

impl SyntheticTerrain {
    /// Checks the parameters.
    pub fn check(&self) -> Result<()> {
        let finite = |name: &str, v: f64| {
            if v.is_finite() {
                Ok(())
            } else {
                Err(Error::out_of_range(name, v, "a finite number"))
            }
        };
        match *self {
            SyntheticTerrain::Flat { height_m } => finite("height_m", height_m),
            SyntheticTerrain::Sea => Ok(()),
            SyntheticTerrain::Coast { coast_lon_deg, slope_m_per_deg } => {
                finite("coast_lon_deg", coast_lon_deg)?;
                finite("slope_m_per_deg", slope_m_per_deg)
            }
            SyntheticTerrain::Ridge { base_m, peak_m, crest_lon_deg, half_width_deg } => {
                finite("base_m", base_m)?;
                finite("peak_m", peak_m)?;
                finite("crest_lon_deg", crest_lon_deg)?;
                if !(half_width_deg > 0.0 && half_width_deg.is_finite()) {
                    return Err(Error::out_of_range("half_width_deg", half_width_deg, "> 0"));
                }
                Ok(())
            }
            SyntheticTerrain::Hills { base_m, amplitude_m, wavelength_deg, octaves, .. } => {
                finite("base_m", base_m)?;
                finite("amplitude_m", amplitude_m)?;
                if !(wavelength_deg > 0.0 && wavelength_deg.is_finite()) {
                    return Err(Error::out_of_range("wavelength_deg", wavelength_deg, "> 0"));
                }
                if !(1..=16).contains(&octaves) {
                    return Err(Error::out_of_range("octaves", octaves, "1..=16"));
                }
                Ok(())
            }
        }
    }

    /// Height at a point, m.
    pub fn height_m(&self, p: GeoPoint) -> f64 {
        match *self {
            SyntheticTerrain::Flat { height_m } => height_m,
            SyntheticTerrain::Sea => 0.0,
            SyntheticTerrain::Coast { coast_lon_deg, slope_m_per_deg } => {
                if p.lon_deg <= coast_lon_deg {
                    0.0
                } else {
                    (p.lon_deg - coast_lon_deg) * slope_m_per_deg
                }
            }
            SyntheticTerrain::Ridge { base_m, peak_m, crest_lon_deg, half_width_deg } => {
                let t = 1.0 - (p.lon_deg - crest_lon_deg).abs() / half_width_deg;
                base_m + peak_m * t.max(0.0)
            }
            SyntheticTerrain::Hills { base_m, amplitude_m, wavelength_deg, octaves, seed } => {
                let (mut sum, mut norm, mut weight, mut freq) = (0.0, 0.0, 1.0, 1.0 / wavelength_deg);
                for k in 0..octaves {
                    sum += weight * value_noise(seed, k, p.lat_deg * freq, p.lon_deg * freq);
                    norm += weight;
                    weight *= 0.5;
                    freq *= 2.0;
                }
                base_m + amplitude_m * sum / norm
            }
        }
    }

    /// Parses a command-line description: `flat:H`, `sea`, `coast:LON,SLOPE`,
    /// `ridge:BASE,PEAK,LON,HALF_WIDTH`, `hills:BASE,AMPLITUDE,WAVELENGTH,OCTAVES,SEED`.
    pub fn parse(text: &str) -> Result<SyntheticTerrain> {
        let bad = || {
            Error::InvalidChoice {
            field: "terrain".to_owned(),
            value: text.to_owned(),
            expected: "flat:H | sea | coast:LON,SLOPE | ridge:BASE,PEAK,LON,HALF_WIDTH | hills:BASE,AMPLITUDE,WAVELENGTH_DEG,OCTAVES,SEED".to_owned(),
        }
        };
        let (kind, args) = text.split_once(':').unwrap_or((text, ""));
        let nums: Vec<f64> = if args.trim().is_empty() {
            Vec::new()
        } else {
            args.split(',').map(|s| s.trim().parse::<f64>().map_err(|_| bad())).collect::<Result<_>>()?
        };
        let t = match (kind.trim(), nums.as_slice()) {
            ("flat", [h]) => SyntheticTerrain::Flat { height_m: *h },
            ("sea", []) => SyntheticTerrain::Sea,
            ("coast", [l, s]) => SyntheticTerrain::Coast { coast_lon_deg: *l, slope_m_per_deg: *s },
            ("ridge", [b, p, l, w]) => {
                SyntheticTerrain::Ridge { base_m: *b, peak_m: *p, crest_lon_deg: *l, half_width_deg: *w }
            }
            ("hills", [b, a, w, o, s]) if o.fract() == 0.0 && *o >= 0.0 && s.fract() == 0.0 && *s >= 0.0 => {
                SyntheticTerrain::Hills {
                    base_m: *b,
                    amplitude_m: *a,
                    wavelength_deg: *w,
                    octaves: *o as u32,
                    seed: *s as u64,
                }
            }
            _ => return Err(bad()),
        };
        t.check()?;
        Ok(t)
    }

    /// Heights at every cell centre of `grid`, row-major from the north-west cell.
    pub fn heights_on(&self, grid: &GridGeometry) -> Vec<f64> {
        let mut out = Vec::with_capacity(grid.ncols * grid.nrows);
        for r in 0..grid.nrows {
            for c in 0..grid.ncols {
                out.push(self.height_m(grid.cell_centre(r, c)));
            }
        }
        out
    }

    /// Writes the `.hgt` tile with south-west corner (`lat_sw`, `lon_sw`) into `dir`.
    pub fn write_hgt(&self, dir: &Path, lat_sw: i32, lon_sw: i32, res: HgtResolution) -> Result<PathBuf> {
        self.check()?;
        if !(-90..90).contains(&lat_sw) || !(-180..180).contains(&lon_sw) {
            return Err(Error::out_of_range(
                "tile corner",
                format!("({lat_sw}, {lon_sw})"),
                "lat -90..89, lon -180..179",
            ));
        }
        let heights = self.heights_on(&tile_grid(lat_sw, lon_sw, res));
        write_hgt(dir, lat_sw, lon_sw, res, &heights)
    }

    /// Writes a GeoTIFF DEM on `grid` (geographic or UTM).
    pub fn write_geotiff(&self, path: &Path, grid: &GridGeometry, sample: GeoTiffSample) -> Result<()> {
        self.check()?;
        grid.check(path)?; // before allocating the heights
        write_geotiff(path, grid, &self.heights_on(grid), sample)
    }
}

/// SplitMix64 finaliser (Steele, Lea & Flood 2014): a well-mixed 64-bit hash.
fn splitmix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Pseudo-random lattice value in [0, 1).
fn lattice(seed: u64, octave: u32, i: i64, j: i64) -> f64 {
    let h = splitmix64(seed ^ splitmix64(u64::from(octave) ^ splitmix64(i as u64 ^ splitmix64(j as u64))));
    (h >> 11) as f64 / (1u64 << 53) as f64
}

/// Value noise at lattice coordinates (y, x), smooth (C²) between lattice points.
fn value_noise(seed: u64, octave: u32, y: f64, x: f64) -> f64 {
    let (fy, fx) = (y.floor(), x.floor());
    let (i, j) = (fy as i64, fx as i64);
    let fade = |t: f64| t * t * t * (t * (t * 6.0 - 15.0) + 10.0);
    let (ty, tx) = (fade(y - fy), fade(x - fx));
    let v00 = lattice(seed, octave, i, j);
    let v01 = lattice(seed, octave, i, j + 1);
    let v10 = lattice(seed, octave, i + 1, j);
    let v11 = lattice(seed, octave, i + 1, j + 1);
    let a = v00 + (v01 - v00) * tx;
    let b = v10 + (v11 - v10) * tx;
    a + (b - a) * ty
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_heights() {
        let p = GeoPoint { lat_deg: 46.5, lon_deg: 7.25 };
        assert_eq!(SyntheticTerrain::parse("flat:120").unwrap().height_m(p), 120.0);
        assert_eq!(SyntheticTerrain::parse("sea").unwrap().height_m(p), 0.0);
        let ridge = SyntheticTerrain::parse("ridge:100,500,7.5,0.5").unwrap();
        // 0.25° from the crest, half width 0.5°: 100 + 500·(1 − 0.5) = 350 m.
        assert_eq!(ridge.height_m(p), 350.0);
        let hills = SyntheticTerrain::parse("hills:50,300,0.25,5,7").unwrap();
        let h = hills.height_m(p);
        assert!((50.0..=350.0).contains(&h), "{h}");
        assert!(SyntheticTerrain::parse("hills:50,300,0.25,0,7").is_err());
        assert!(SyntheticTerrain::parse("ridge:1,2").is_err());
        assert!(SyntheticTerrain::parse("mountains").is_err());
    }
}
