//! Path geometry computed once per profile and shared by the terrain models: length, bearings,
//! effective Earth radius, horizon distances and elevation angles at both ends, line-of-sight /
//! trans-horizon class and the terrain irregularity Δh.
//!
//! References
//! - ITU-R P.452-18 (10/2023) §4.3 / Attachment 2 to Annex 1 §5.1: effective Earth radius
//!   a_e = k·a with k₅₀ = 157 / (157 − ΔN) (eqs. 5–6a); horizon elevation angle of each profile
//!   point θᵢ = (hᵢ − h_ts)/dᵢ − 1000·dᵢ/(2a_e) mrad (eq. 149, d in km, h in m, a_e in km);
//!   trans-horizon when θ_max > θ_td with θ_td = (h_rs − h_ts)/d − 1000·d/(2a_e) (eqs. 150–151);
//!   θ_t = max(θ_max, θ_td) (eq. 152); the receiver side mirrors it (eqs. 153–155).
//!   P.1812-7 Attachment 1 to Annex 1 §5.1.1–5.1.3 uses the same definitions.
//! - Δh: interdecile range (10 %–90 %) of the height residuals about their least-squares straight
//!   line over the middle 80 % of the path (G. A. Hufford, "The ITS Irregular Terrain Model,
//!   version 1.2.2: the Algorithm", 1995, §48 `dlthx`), divided by 1 − 0.8·exp(−d/50 km) to give
//!   the asymptotic value (ERL 79-ITS 67, eq. 3). ITM's own `dlthx` first resamples the profile
//!   and uses slightly different end fractions; the ITM model computes its own value.
//!
//! Symbols
//!
//! | ours | P.452 | meaning |
//! |---|---|---|
//! | `effective_radius_km` | a_e | effective Earth radius, km |
//! | `h_ts`, `h_rs` | h_ts, h_rs | antenna heights above mean sea level, m |
//! | `elevation_angle_mrad` | θ_t, θ_r | horizon elevation angles, mrad |
//! | `horizon_distance_km` | d_lt, d_lr | distances to the horizons, km |
//! | `delta_h_m` | Δh | terrain irregularity, m |
use super::Profile;
use crate::{Error, Result};

/// Mean Earth radius used with the k-factor, km (ITU-R P.452-18 §4.3, a = 6 371 km).
pub const EARTH_RADIUS_KM: f64 = 6371.0;

/// Line of sight or beyond the horizon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathClass {
    /// No profile point rises above the line between the antennas (θ_max ≤ θ_td).
    LineOfSight,
    /// The terrain blocks the direct path.
    TransHorizon,
}

/// The horizon seen from one terminal.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TerminalHorizon {
    /// Antenna height above mean sea level, m.
    pub antenna_amsl_m: f64,
    /// Distance to the horizon, km: to the interior point with the largest elevation angle
    /// (for a line-of-sight path this is that point too; P.452 instead uses the point of the
    /// largest diffraction parameter, which depends on frequency and is the models' business).
    pub horizon_distance_km: f64,
    /// Index of that profile point.
    pub horizon_index: usize,
    /// Horizon elevation angle θ_t (θ_r), mrad: max(θ_max, θ_td) (P.452 eq. 152/155).
    pub elevation_angle_mrad: f64,
}

/// Geometry of a path over a profile.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PathGeometry {
    /// Path length, km.
    pub distance_km: f64,
    /// Bearing at the transmitter towards the receiver, degrees (if the ends are known).
    pub bearing_tx_deg: Option<f64>,
    /// Bearing at the receiver towards the transmitter, degrees (if the ends are known).
    pub bearing_rx_deg: Option<f64>,
    /// Effective Earth radius factor k.
    pub k_factor: f64,
    /// Effective Earth radius a_e = k·6371 km.
    pub effective_radius_km: f64,
    /// Horizon at the transmitter.
    pub tx: TerminalHorizon,
    /// Horizon at the receiver.
    pub rx: TerminalHorizon,
    /// Line of sight or trans-horizon.
    pub class: PathClass,
    /// Terrain irregularity Δh, m.
    pub delta_h_m: f64,
}

impl PathGeometry {
    /// Geometry of `profile` with antennas `tx_height_m` / `rx_height_m` above ground at its
    /// first / last point and effective Earth radius factor `k_factor` (4/3 for the standard
    /// atmosphere; `k_from_delta_n` for P.452's k₅₀).
    pub fn new(profile: &Profile, tx_height_m: f64, rx_height_m: f64, k_factor: f64) -> Result<PathGeometry> {
        profile.check()?;
        for (name, v) in [("tx_height_m", tx_height_m), ("rx_height_m", rx_height_m)] {
            if !v.is_finite() {
                return Err(Error::out_of_range(name, v, "a finite height"));
            }
        }
        if !(k_factor.is_finite() && k_factor > 0.0) {
            return Err(Error::out_of_range("k_factor", k_factor, "> 0"));
        }
        let d = &profile.distance_km;
        let h = &profile.height_m;
        let n = d.len();
        let total = d[n - 1] - d[0];
        let ae = k_factor * EARTH_RADIUS_KM;
        let h_ts = h[0] + tx_height_m;
        let h_rs = h[n - 1] + rx_height_m;
        // eq. (151): elevation angle of the other antenna, each way.
        let theta_td = (h_rs - h_ts) / total - 1000.0 * total / (2.0 * ae);
        let theta_rd = (h_ts - h_rs) / total - 1000.0 * total / (2.0 * ae);
        let (mut tmax, mut ti) = (f64::NEG_INFINITY, 1);
        let (mut rmax, mut ri) = (f64::NEG_INFINITY, n - 2);
        for i in 1..n - 1 {
            let dt = d[i] - d[0];
            let dr = d[n - 1] - d[i];
            if dt > 0.0 {
                let th = (h[i] - h_ts) / dt - 1000.0 * dt / (2.0 * ae); // eq. (149)
                if th > tmax {
                    (tmax, ti) = (th, i);
                }
            }
            if dr > 0.0 {
                let th = (h[i] - h_rs) / dr - 1000.0 * dr / (2.0 * ae); // eq. (154)
                if th > rmax {
                    (rmax, ri) = (th, i);
                }
            }
        }
        let interior = n > 2;
        let class =
            if interior && tmax > theta_td { PathClass::TransHorizon } else { PathClass::LineOfSight };
        let tx = TerminalHorizon {
            antenna_amsl_m: h_ts,
            horizon_distance_km: if interior { d[ti] - d[0] } else { total },
            horizon_index: if interior { ti } else { n - 1 },
            elevation_angle_mrad: tmax.max(theta_td), // eq. (152)
        };
        let rx = TerminalHorizon {
            antenna_amsl_m: h_rs,
            horizon_distance_km: if interior { d[n - 1] - d[ri] } else { total },
            horizon_index: if interior { ri } else { 0 },
            elevation_angle_mrad: rmax.max(theta_rd), // eq. (155)
        };
        Ok(PathGeometry {
            distance_km: total,
            bearing_tx_deg: None,
            bearing_rx_deg: None,
            k_factor,
            effective_radius_km: ae,
            tx,
            rx,
            class,
            delta_h_m: delta_h_m(profile),
        })
    }

    /// Median effective Earth radius factor k₅₀ = 157 / (157 − ΔN) (P.452-18 eq. 5).
    pub fn k_from_delta_n(delta_n: f64) -> Result<f64> {
        if !(delta_n.is_finite() && delta_n < 157.0) {
            return Err(Error::out_of_range("delta_n", delta_n, "< 157 N-units/km"));
        }
        Ok(157.0 / (157.0 - delta_n))
    }
}

impl super::PathProfile {
    /// [`PathGeometry::new`] plus the bearings at both ends from the geodesic.
    pub fn geometry(&self, tx_height_m: f64, rx_height_m: f64, k_factor: f64) -> Result<PathGeometry> {
        let mut g = PathGeometry::new(&self.profile, tx_height_m, rx_height_m, k_factor)?;
        g.bearing_tx_deg = Some(self.geodesic.azimuth_from_deg);
        g.bearing_rx_deg = Some(self.geodesic.azimuth_back_deg);
        Ok(g)
    }
}

/// Δh (see the module documentation); 0 m for profiles with fewer than 3 points in the middle.
fn delta_h_m(profile: &Profile) -> f64 {
    let d = &profile.distance_km;
    let h = &profile.height_m;
    let n = d.len();
    let total = d[n - 1] - d[0];
    let (xa, xb) = (d[0] + 0.1 * total, d[0] + 0.9 * total);
    let idx: Vec<usize> = (0..n).filter(|&i| d[i] >= xa && d[i] <= xb).collect();
    if idx.len() < 3 {
        return 0.0;
    }
    // Least-squares line through the middle points.
    let m = idx.len() as f64;
    let mx = idx.iter().map(|&i| d[i]).sum::<f64>() / m;
    let my = idx.iter().map(|&i| h[i]).sum::<f64>() / m;
    let sxx: f64 = idx.iter().map(|&i| (d[i] - mx).powi(2)).sum();
    let sxy: f64 = idx.iter().map(|&i| (d[i] - mx) * (h[i] - my)).sum();
    let slope = if sxx > 0.0 { sxy / sxx } else { 0.0 };
    let mut res: Vec<f64> = idx.iter().map(|&i| h[i] - (my + slope * (d[i] - mx))).collect();
    res.sort_by(f64::total_cmp);
    let q = |p: f64| {
        let x = p * (res.len() - 1) as f64;
        let (lo, hi) = (x.floor() as usize, x.ceil() as usize);
        res[lo] + (res[hi] - res[lo]) * (x - lo as f64)
    };
    let interdecile = q(0.9) - q(0.1);
    // ERL 79-ITS 67 eq. (3): Δh(d) = Δh·(1 − 0.8 e^(−d/50 km)), solved for Δh.
    let span_km = xb - xa;
    interdecile / (1.0 - 0.8 * (-span_km / 50.0).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smooth_earth_line_of_sight_and_ridge() {
        // Flat 0 m terrain, 10 km, antennas 10 m: LoS, horizon angles = θ_td (eq. 152).
        let d: Vec<f64> = (0..=100).map(|i| i as f64 * 0.1).collect();
        let p = Profile::new(d.clone(), vec![0.0; 101]).unwrap();
        let g = PathGeometry::new(&p, 10.0, 10.0, 4.0 / 3.0).unwrap();
        assert_eq!(g.class, PathClass::LineOfSight);
        let ae = 4.0 / 3.0 * 6371.0;
        // θ_td = 0/10 − 1000·10/(2 a_e) mrad, hand-worked from eq. (151).
        assert!((g.tx.elevation_angle_mrad - (-1000.0 * 10.0 / (2.0 * ae))).abs() < 1e-12);
        assert_eq!(g.delta_h_m, 0.0);
        // A 100 m spike at 3 km: trans-horizon, tx horizon at 3 km, rx horizon at 7 km.
        let mut h = vec![0.0; 101];
        h[30] = 100.0;
        let p = Profile::new(d, h).unwrap();
        let g = PathGeometry::new(&p, 10.0, 10.0, 4.0 / 3.0).unwrap();
        assert_eq!(g.class, PathClass::TransHorizon);
        assert!((g.tx.horizon_distance_km - 3.0).abs() < 1e-12);
        assert!((g.rx.horizon_distance_km - 7.0).abs() < 1e-12);
        // θ_t = (100 − 10)/3 − 1000·3/(2 a_e) (eq. 149).
        assert!((g.tx.elevation_angle_mrad - (90.0 / 3.0 - 1500.0 / ae)).abs() < 1e-12);
        assert!(PathGeometry::k_from_delta_n(200.0).is_err());
        assert!((PathGeometry::k_from_delta_n(40.0).unwrap() - 157.0 / 117.0).abs() < 1e-15);
    }
}
