//! Path inputs of P.1546-6 derived from a terrain profile (transmitter at the first point), as
//! the ITU-R reference implementation does when terrain information is available:
//!
//! - h1 (Annex 5 §3.1.2, §3.2): antenna height above the mean terrain height between 3 and
//!   15 km from the transmitter for d >= 15 km (heff, eq. (7)), between 0.2 d and d for shorter
//!   paths (hb, eq. (6)); the mean is the trapezoidal average over the profile points inside the
//!   range.
//! - theta_tca (§11, eq. (31)): elevation angle from the receiving antenna of the line clearing
//!   all terrain within 16 km of the receiver (no Earth curvature), not limited here.
//! - theta_eff1 (§4.3 a)): elevation angle from the transmitting antenna clearing all terrain
//!   within 15 km of the transmitter.
//! - land and sea lengths (§8): each point stands for half the distance to its neighbours; sea
//!   (zone B) and coastal land (zone A1) count as sea, inland (A2) as land. Without zones the
//!   whole path is land.
use crate::terrain::{Profile, Zone};
use crate::{Error, Result};

/// P.1546 inputs derived from a profile.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PathGeometry {
    /// Horizontal path length, km.
    pub d_km: f64,
    /// Land length, km.
    pub d_land_km: f64,
    /// Sea and coastal-land length, km.
    pub d_sea_km: f64,
    /// Effective transmitting height h1 (heff or hb), m.
    pub h1_m: f64,
    /// Terrain clearance angle at the receiver theta_tca, degrees.
    pub tca_deg: f64,
    /// Terrain clearance angle at the transmitter theta_eff1, degrees.
    pub theta_eff1_deg: f64,
    /// Ground height at the transmitter, m above sea level.
    pub tx_ground_m: f64,
    /// Ground height at the receiver, m above sea level.
    pub rx_ground_m: f64,
}

/// Derives the P.1546 path inputs from `profile` for a transmitting antenna `ha_m` and a
/// receiving antenna `h2_m` above ground.
pub fn path_geometry(profile: &Profile, ha_m: f64, h2_m: f64) -> Result<PathGeometry> {
    profile.check()?;
    let x = &profile.distance_km;
    let h = &profile.height_m;
    let n = x.len();
    let x0 = x[0];
    let d_km = x[n - 1] - x0;
    if d_km > 1000.0 {
        return Err(Error::out_of_range("profile length", d_km, "(0, 1000] km"));
    }

    // h1: §3.1.2 eq. (6) (d < 15 km) or §3.2 eq. (7).
    let (lo, hi) = if x[n - 1] >= 15.0 { (3.0, 15.0) } else { (0.2 * x[n - 1], x[n - 1]) };
    let h_av = mean_height(x, h, x0, lo, hi);
    let h1_m = ha_m + h[0] - h_av;

    // theta_tca, §11 eq. (31).
    let x_end = x[n - 1];
    let h_rx = h[n - 1] + h2_m;
    let mut tca = f64::NEG_INFINITY;
    let mut any = false;
    for i in 0..n - 1 {
        if x_end - x[i] <= 16.0 {
            any = true;
            let dist_m = (x_end - x[i]) * 1000.0;
            tca = tca.max(((h[i] - h_rx) / dist_m).atan().to_degrees());
        }
    }
    let tca_deg = if any { tca } else { 0.0 };

    // theta_eff1, §4.3 a).
    let h_tx = h[0] + ha_m;
    let mut eff1 = f64::NEG_INFINITY;
    for i in 1..n {
        if x[i] - x0 <= 15.0 {
            eff1 = eff1.max(((h[i] - h_tx) / ((x[i] - x0) * 1000.0)).atan().to_degrees());
        }
    }
    if !eff1.is_finite() {
        // no point within 15 km beyond the first: the receiver is the only obstacle candidate.
        eff1 = ((h[n - 1] - h_tx) / (d_km * 1000.0)).atan().to_degrees();
    }

    // land / sea lengths, §8.
    let (mut d_land_km, mut d_sea_km) = (0.0, 0.0);
    match &profile.zone {
        Some(z) => {
            for i in 0..n {
                let inc = if i == 0 {
                    (x[1] - x[0]) / 2.0
                } else if i == n - 1 {
                    (x[n - 1] - x[n - 2]) / 2.0
                } else {
                    (x[i + 1] - x[i - 1]) / 2.0
                };
                match z[i] {
                    Zone::Sea | Zone::CoastalLand => d_sea_km += inc,
                    Zone::Inland => d_land_km += inc,
                }
            }
        }
        None => d_land_km = d_km,
    }
    Ok(PathGeometry {
        d_km,
        d_land_km,
        d_sea_km,
        h1_m,
        tca_deg,
        theta_eff1_deg: eff1,
        tx_ground_m: h[0],
        rx_ground_m: h[n - 1],
    })
}

/// Annex 5 §1.1: whether the terminal at the end of `profile` (antenna `h_end_m` above ground,
/// clutter `r_end_m`) rather than the one at its first point (`h_first_m`, `r_first_m`) should be
/// treated as the transmitting/base station:
/// - both at or below their clutter: the higher antenna above ground transmits;
/// - only one at or below its clutter: that one is the receiving/mobile station;
/// - both above their clutter: the greater effective height (Annex 5 §3, as in
///   [`path_geometry`]) transmits.
///
/// Ties keep the first point as the transmitter. To apply the designation, reverse the profile
/// ([`Profile::reversed`]) and swap the antenna heights, clutter and environments.
pub fn end_terminal_transmits(
    profile: &Profile,
    h_first_m: f64,
    r_first_m: f64,
    h_end_m: f64,
    r_end_m: f64,
) -> Result<bool> {
    let first_in_clutter = h_first_m <= r_first_m;
    let end_in_clutter = h_end_m <= r_end_m;
    Ok(match (first_in_clutter, end_in_clutter) {
        (true, true) => h_end_m > h_first_m,
        (true, false) => true,
        (false, true) => false,
        (false, false) => {
            let first = path_geometry(profile, h_first_m, h_end_m)?.h1_m;
            let end = path_geometry(&profile.reversed(), h_end_m, h_first_m)?.h1_m;
            end > first
        }
    })
}

/// Trapezoidal mean of the terrain over the profile points whose distance from the first point
/// lies in [lo, hi] km; with fewer than two such points, the exact mean of the piecewise-linear
/// profile over [lo, hi].
fn mean_height(x: &[f64], h: &[f64], x0: f64, lo: f64, hi: f64) -> f64 {
    let inside: Vec<usize> = (0..x.len()).filter(|&i| x[i] - x0 >= lo && x[i] - x0 <= hi).collect();
    if inside.len() >= 2 {
        let (a, b) = (inside[0], inside[inside.len() - 1]);
        if x[b] > x[a] {
            let mut area = 0.0;
            for w in inside.windows(2) {
                area += (h[w[0]] + h[w[1]]) * (x[w[1]] - x[w[0]]) / 2.0;
            }
            return area / (x[b] - x[a]);
        }
    }
    // Exact integral of the linear interpolation over [lo, hi] (relative distances).
    let interp = |v: f64| -> f64 {
        let v = v + x0;
        let i = x.partition_point(|&a| a < v).clamp(1, x.len() - 1);
        let (xa, xb) = (x[i - 1], x[i]);
        if xb == xa {
            h[i]
        } else {
            h[i - 1] + (h[i] - h[i - 1]) * ((v - xa) / (xb - xa)).clamp(0.0, 1.0)
        }
    };
    if hi <= lo {
        return interp(lo);
    }
    let mut pts = vec![lo];
    pts.extend(x.iter().map(|v| v - x0).filter(|&v| v > lo && v < hi));
    pts.push(hi);
    let mut area = 0.0;
    for w in pts.windows(2) {
        area += (interp(w[0]) + interp(w[1])) * (w[1] - w[0]) / 2.0;
    }
    area / (hi - lo)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flat_profile_gives_antenna_heights() {
        let x: Vec<f64> = (0..=100).map(|i| i as f64).collect();
        let p = Profile::new(x, vec![50.0; 101]).unwrap();
        let g = path_geometry(&p, 30.0, 10.0).unwrap();
        assert!((g.h1_m - 30.0).abs() < 1e-12);
        assert_eq!((g.d_land_km, g.d_sea_km), (100.0, 0.0));
        // Over flat ground the clearing line grazes the farthest point of the range:
        // 16 km from the receiver (tca), 15 km from the transmitter (theta_eff1).
        assert!((g.tca_deg - (-10.0f64 / 16000.0).atan().to_degrees()).abs() < 1e-12);
        assert!((g.theta_eff1_deg - (-30.0f64 / 15000.0).atan().to_degrees()).abs() < 1e-12);
    }

    #[test]
    fn two_point_profile_uses_the_interpolated_mean() {
        // 10 km path, terrain rising linearly 0 -> 100 m: mean over [2, 10] km is 60 m.
        let p = Profile::new(vec![0.0, 10.0], vec![0.0, 100.0]).unwrap();
        let g = path_geometry(&p, 20.0, 2.0).unwrap();
        assert!((g.h1_m - (20.0 - 60.0)).abs() < 1e-9, "{}", g.h1_m);
    }

    #[test]
    fn terminal_designation_of_annex5_1_1() {
        // 20 km, ground rising from 0 m at the first point to 200 m at the end.
        let x: Vec<f64> = (0..=20).map(|i| i as f64).collect();
        let h: Vec<f64> = x.iter().map(|d| d * 10.0).collect();
        let p = Profile::new(x, h).unwrap();
        // both in clutter: the higher antenna transmits
        assert!(end_terminal_transmits(&p, 5.0, 10.0, 8.0, 10.0).unwrap());
        assert!(!end_terminal_transmits(&p, 8.0, 10.0, 5.0, 10.0).unwrap());
        // only one in clutter: it receives
        assert!(end_terminal_transmits(&p, 30.0, 40.0, 5.0, 0.0).unwrap());
        assert!(!end_terminal_transmits(&p, 5.0, 0.0, 30.0, 40.0).unwrap());
        // both clear: effective heights; the end terminal sits on the high ground
        assert!(end_terminal_transmits(&p, 30.0, 10.0, 30.0, 10.0).unwrap());
    }

    #[test]
    fn zones_split_land_and_sea() {
        let p = Profile {
            distance_km: vec![0.0, 1.0, 2.0, 3.0],
            height_m: vec![0.0; 4],
            zone: Some(vec![Zone::Inland, Zone::Inland, Zone::CoastalLand, Zone::Sea]),
            clutter_height_m: None,
        };
        let g = path_geometry(&p, 10.0, 10.0).unwrap();
        assert!((g.d_land_km - 1.5).abs() < 1e-12 && (g.d_sea_km - 1.5).abs() < 1e-12);
    }
}
