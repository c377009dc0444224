//! Spectrum masks as the engine needs them: the share of an interferer's power that falls into
//! the victim receiver's bandwidth (unwanted emissions) and the receiver's blocking attenuation
//! at a frequency offset.
//!
//! This is the engine's adapter over the emission/receiver mask data of a scenario; the mask
//! library of `spectrum/` (issue 7) replaces the mask arithmetic here once it lands.
//!
//! # Unwanted emissions (ECC Report 252 Annex 6/7)
//!
//! A relative emission mask is a list of SEAMCAT triplets `[offset_mhz, level_dbc,
//! reference_bandwidth_mhz]` sorted by offset, where the offset is `f - f_it`. Each level is
//! normalised to a density in dBc/MHz, `level - 10 log10(ref_bw)`, the density is linear in dB
//! between points (two points at the same offset make a step) and held at the outermost value
//! beyond the ends. The unwanted power in the victim band `[f_vr - B_vr/2, f_vr + B_vr/2]` is the
//! exact integral of `10^(density/10)` over that band (closed form per segment):
//! `P_unwanted = P_it + 10 log10(integral)` dBm.
//!
//! Without a mask the interferer is a flat spectrum of width `B_it` carrying all its power:
//! the in-band share is `overlap(B_vr, B_it) / B_it` and nothing outside. A co-channel
//! interferer whose band lies inside the victim's band therefore delivers all its power.
//!
//! # Blocking (ECC Report 252 Annex 8, eqs. 13-15 of the handbook)
//!
//! The receiver's blocking response `block(df)`, `df = f_it - f_vr`, is linear in dB between
//! `[offset_mhz, value]` points (held beyond the ends). The attenuation applied to the full
//! interfering power depends on the mode:
//!
//! | mode | attenuation |
//! |---|---|
//! | `user-defined` | `block(df)` (dB) |
//! | `protection-ratio` | `block(df) + C/(N+I) + (N+I)/N - I/N` |
//! | `sensitivity` | `block(df)` (dBm, the largest tolerated interferer) `- sens + C/(N+I) - I/N` |
use crate::{Error, Result};
use std::f64::consts::LN_10;

/// Piecewise-linear function of a frequency offset (MHz) with held ends.
#[derive(Debug, Clone, PartialEq)]
pub struct OffsetCurve {
    points: Vec<(f64, f64)>,
}

impl OffsetCurve {
    /// Builds the curve from `(offset_mhz, value)` points sorted by offset (equal offsets allowed).
    pub fn new(path: &str, points: Vec<(f64, f64)>) -> Result<OffsetCurve> {
        if points.is_empty() {
            return Err(Error::Missing { field: format!("{path} (at least one point)") });
        }
        for (i, p) in points.iter().enumerate() {
            if !p.0.is_finite() || !p.1.is_finite() {
                return Err(Error::out_of_range(
                    &format!("{path}[{i}]"),
                    format!("[{}, {}]", p.0, p.1),
                    "finite numbers",
                ));
            }
            if i > 0 && p.0 < points[i - 1].0 {
                return Err(Error::out_of_range(
                    &format!("{path}[{i}][0]"),
                    p.0,
                    format!("offsets sorted ascending: >= {}", points[i - 1].0),
                ));
            }
        }
        Ok(OffsetCurve { points })
    }

    /// A constant curve.
    pub fn constant(v: f64) -> OffsetCurve {
        OffsetCurve { points: vec![(0.0, v)] }
    }

    /// Value at `offset_mhz` (for a step, the value on the right side of the step).
    pub fn at(&self, x: f64) -> f64 {
        let p = &self.points;
        if x < p[0].0 {
            return p[0].1;
        }
        let last = p[p.len() - 1];
        if x >= last.0 {
            return last.1;
        }
        // First point strictly right of x; x lies in [p[i-1].0, p[i].0).
        let i = p.partition_point(|q| q.0 <= x);
        let (a, b) = (p[i - 1], p[i]);
        if b.0 == a.0 {
            b.1
        } else {
            a.1 + (b.1 - a.1) * (x - a.0) / (b.0 - a.0)
        }
    }

    /// `integral over [lo, hi] of 10^(curve(x)/10) dx` (curve in dB per MHz), exact for
    /// piecewise-linear dB curves.
    pub fn integrate_power(&self, lo: f64, hi: f64) -> f64 {
        if hi <= lo {
            return 0.0;
        }
        // Breakpoints inside (lo, hi).
        let mut xs: Vec<f64> = Vec::with_capacity(self.points.len() + 2);
        xs.push(lo);
        xs.extend(self.points.iter().map(|p| p.0).filter(|&x| x > lo && x < hi));
        xs.push(hi);
        let mut total = 0.0;
        for w in xs.windows(2) {
            let (a, b) = (w[0], w[1]);
            if b <= a {
                continue;
            }
            // Values just inside the segment ends (the curve is linear on (a, b)).
            let mid = 0.5 * (a + b);
            let slope = self.slope_at(mid);
            let ya = self.at(mid) - slope * (mid - a);
            let yb = ya + slope * (b - a);
            total += segment_power(ya, yb, b - a);
        }
        total
    }

    fn slope_at(&self, x: f64) -> f64 {
        let p = &self.points;
        if x < p[0].0 || x >= p[p.len() - 1].0 {
            return 0.0;
        }
        let i = p.partition_point(|q| q.0 <= x);
        let (a, b) = (p[i - 1], p[i]);
        if b.0 == a.0 {
            0.0
        } else {
            (b.1 - a.1) / (b.0 - a.0)
        }
    }
}

/// `integral_0^w 10^((ya + (yb - ya) t / w)/10) dt`.
fn segment_power(ya: f64, yb: f64, w: f64) -> f64 {
    let k = (yb - ya) * LN_10 / 10.0; // exponent change over the segment, natural units
    let base = 10f64.powf(ya / 10.0) * w;
    if k.abs() < 1e-9 {
        base * (1.0 + k / 2.0)
    } else {
        base * k.exp_m1() / k
    }
}

/// The in-band share model of one interfering transmitter.
#[derive(Debug, Clone, PartialEq)]
pub enum Spectrum {
    /// Flat over the emission bandwidth, nothing outside (no mask given).
    Flat { bandwidth_mhz: f64 },
    /// A relative emission mask, as a density in dBc/MHz vs offset.
    Mask { density: OffsetCurve },
}

impl Spectrum {
    /// A mask from SEAMCAT triplets `[offset_mhz, dbc, reference_bandwidth_mhz]`.
    pub fn from_triplets(path: &str, triplets: &[[f64; 3]]) -> Result<Spectrum> {
        let mut pts = Vec::with_capacity(triplets.len());
        for (i, t) in triplets.iter().enumerate() {
            if !(t[2] > 0.0 && t[2].is_finite()) {
                return Err(Error::out_of_range(
                    &format!("{path}[{i}][2]"),
                    t[2],
                    "(0, inf) MHz reference bandwidth",
                ));
            }
            pts.push((t[0], t[1] - 10.0 * t[2].log10()));
        }
        Ok(Spectrum::Mask { density: OffsetCurve::new(path, pts)? })
    }

    /// Share (dB, <= 0 for a normalised mask) of the transmitter's power falling in
    /// `[lo, hi]` MHz of offset from its carrier.
    pub fn in_band_db(&self, lo: f64, hi: f64) -> f64 {
        match self {
            Spectrum::Flat { bandwidth_mhz } => {
                let half = 0.5 * bandwidth_mhz;
                let overlap = hi.min(half) - lo.max(-half);
                if overlap <= 0.0 {
                    f64::NEG_INFINITY
                } else {
                    10.0 * (overlap / bandwidth_mhz).log10()
                }
            }
            Spectrum::Mask { density } => 10.0 * density.integrate_power(lo, hi).log10(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_mask_integrates_to_its_level() {
        // 0 dBc in 0.2 MHz over +-0.1 MHz: the whole power, 0 dB.
        let s = Spectrum::from_triplets("m", &[[-0.1, 0.0, 0.2], [0.1, 0.0, 0.2]]).unwrap();
        assert!(s.in_band_db(-0.1, 0.1).abs() < 1e-12);
        // Half of the band: -3.01 dB.
        assert!((s.in_band_db(0.0, 0.1) + 10.0 * 2f64.log10()).abs() < 1e-12);
    }

    #[test]
    fn sloped_segment_matches_numeric_integral() {
        let c = OffsetCurve::new("m", vec![(0.0, -10.0), (1.0, -40.0), (1.0, -50.0), (3.0, -60.0)]).unwrap();
        let exact = c.integrate_power(0.2, 2.5);
        let n = 200_000;
        let h = 2.3 / n as f64;
        let num: f64 = (0..n).map(|i| 10f64.powf(c.at(0.2 + (i as f64 + 0.5) * h) / 10.0) * h).sum();
        // Midpoint rule error is O(h^2) (~1e-10 relative here); the step at 1.0 falls on a node.
        assert!((exact - num).abs() < 1e-6 * num, "{exact} {num}");
    }

    #[test]
    fn flat_spectrum_shares_by_overlap() {
        let s = Spectrum::Flat { bandwidth_mhz: 5.0 };
        assert_eq!(s.in_band_db(-0.1, 0.1), 10.0 * (0.2f64 / 5.0).log10());
        assert_eq!(s.in_band_db(-10.0, 10.0), 0.0);
        assert_eq!(s.in_band_db(3.0, 4.0), f64::NEG_INFINITY);
    }

    #[test]
    fn curve_holds_its_ends() {
        let c = OffsetCurve::new("m", vec![(-1.0, 5.0), (1.0, 7.0)]).unwrap();
        assert_eq!(c.at(-9.0), 5.0);
        assert_eq!(c.at(9.0), 7.0);
        assert_eq!(c.at(0.0), 6.0);
        assert!(OffsetCurve::new("m", vec![(1.0, 0.0), (0.0, 0.0)]).is_err());
    }
}
