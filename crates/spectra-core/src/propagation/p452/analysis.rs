//! Path profile analysis of ITU-R P.452-18 Annex 1 §3-§4 and Attachment 2 (§5.1): the
//! quantities that depend only on the profile, the terminals and the radio climate, computed once
//! per path. Equation numbers are those of P.452-18.
use super::{P452PathParams, RADIUS_EARTH_KM};
use crate::propagation::p526::{max_over, ProfileGeometry, SmoothSurface};
use crate::terrain::Zone;
use crate::Result;

/// Classification of the path (Attachment 2 eq. (150)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathType {
    /// Line of sight.
    LineOfSight,
    /// Trans-horizon.
    TransHorizon,
}

/// The path parameters of P.452-18 for one profile and pair of terminals, named as in the
/// Recommendation (and the columns of the ITU-R reference results).
#[derive(Debug, Clone, PartialEq)]
pub struct PathAnalysis {
    /// a_e: median effective Earth radius, km (eq. (6a)).
    pub ae_km: f64,
    /// a_beta: effective Earth radius exceeded for beta0 % of time, km (eq. (6b)).
    pub ab_km: f64,
    /// d: path length, km.
    pub dtot_km: f64,
    /// h_ts, h_rs: antenna heights above mean sea level, m.
    pub hts_m: f64,
    /// See `hts_m`.
    pub hrs_m: f64,
    /// theta_t, theta_r: horizon elevation angles, mrad (eqs (152)-(157)).
    pub theta_t_mrad: f64,
    /// See `theta_t_mrad`.
    pub theta_r_mrad: f64,
    /// theta: path angular distance, mrad (eq. (159)).
    pub theta_mrad: f64,
    /// h_m: terrain roughness, m (eq. (171)).
    pub hm_m: f64,
    /// h_te, h_re: effective heights for the ducting/layer-reflection model, m (eq. (170)).
    pub hte_m: f64,
    /// See `hte_m`.
    pub hre_m: f64,
    /// h_std, h_srd: smooth-surface heights for the diffraction model, m amsl (eq. (167)).
    pub hstd_m: f64,
    /// See `hstd_m`.
    pub hsrd_m: f64,
    /// d_lt, d_lr: horizon distances, km (eqs (155), (158)); for a line-of-sight path the
    /// distances to the Bullington point of the 50 % diffraction method.
    pub dlt_km: f64,
    /// See `dlt_km`.
    pub dlr_km: f64,
    /// Line of sight or trans-horizon.
    pub path_type: PathType,
    /// d_tm: longest continuous land (inland + coastal) section, km.
    pub dtm_km: f64,
    /// d_lm: longest continuous inland section, km.
    pub dlm_km: f64,
    /// beta_0: time percentage of refractive-index lapse rates above 100 N/km, % (eq. (2)).
    pub b0_pct: f64,
    /// omega: fraction of the path over sea.
    pub omega: f64,
    /// Delta N: average radio-refractive index lapse rate through the lowest 1 km, N-units/km.
    pub delta_n: f64,
    /// N_0: sea-level surface refractivity at the path centre, N-units.
    pub n0: f64,
    /// Latitude of the path centre, degrees (P.2001 Attachment H at d/2).
    pub centre_lat_deg: f64,
}

/// Effective Earth radii a_e (eqs (5), (6a)) and a_beta (eq. (6b), k_beta = 3), km.
pub fn effective_earth_radii_km(delta_n: f64) -> (f64, f64) {
    let k50 = 157.0 / (157.0 - delta_n); // eq. (5)
    (RADIUS_EARTH_KM * k50, RADIUS_EARTH_KM * 3.0)
}

/// beta_0 (%), eqs (2)-(4), for path-centre latitude `phi_deg`, longest land section `dtm_km`
/// and longest inland section `dlm_km`.
pub fn beta0_pct(phi_deg: f64, dtm_km: f64, dlm_km: f64) -> f64 {
    let tau = 1.0 - (-(4.12e-4 * dlm_km.powf(2.41))).exp(); // eq. (3a)
    let mu1 = (10f64.powf(-dtm_km / (16.0 - 6.6 * tau)) + 10f64.powf(-5.0 * (0.496 + 0.354 * tau))).powf(0.2); // eq. (3)
    let mu1 = mu1.min(1.0);
    let phi = phi_deg.abs();
    if phi <= 70.0 {
        let mu4 = 10f64.powf((-0.935 + 0.0176 * phi) * mu1.log10()); // eq. (4)
        10f64.powf(-0.015 * phi + 1.67) * mu1 * mu4 // eq. (2)
    } else {
        let mu4 = 10f64.powf(0.3 * mu1.log10()); // eq. (4)
        4.17 * mu1 * mu4 // eq. (2)
    }
}

/// Latitude (degrees) of the point `dpnt_km` from the transmitter on the great circle to the
/// receiver (P.2001-4 Attachment H, eqs (H.2.1)-(H.3.3)), on an Earth of radius 6371 km.
pub fn great_circle_latitude_deg(
    tx_lat_deg: f64,
    tx_lon_deg: f64,
    rx_lat_deg: f64,
    rx_lon_deg: f64,
    dpnt_km: f64,
) -> f64 {
    let (sin_t, cos_t) = tx_lat_deg.to_radians().sin_cos();
    let (sin_r, cos_r) = rx_lat_deg.to_radians().sin_cos();
    let dlon = (rx_lon_deg - tx_lon_deg).to_radians(); // (H.2.1)
    let r = sin_t * sin_r + cos_t * cos_r * dlon.cos(); // (H.2.2)
    let x1 = sin_r - r * sin_t; // (H.2.5a)
    let y1 = cos_t * cos_r * dlon.sin(); // (H.2.5b)
                                         // (H.2.6): bearing; for coincident terminals the reference uses the receiver longitude.
    let bearing_deg = if x1.abs() < 1e-9 && y1.abs() < 1e-9 { rx_lon_deg } else { y1.atan2(x1).to_degrees() };
    let phi_pnt = dpnt_km / RADIUS_EARTH_KM; // (H.3.1)
    let s = sin_t * phi_pnt.cos() + cos_t * phi_pnt.sin() * bearing_deg.to_radians().cos(); // (H.3.2)
    s.asin().to_degrees() // (H.3.3)
}

/// Runs of equal zones: (first index, last index, zone), in path order.
fn zone_runs(zone: &[Zone]) -> Vec<(usize, usize, Zone)> {
    let mut runs = Vec::new();
    let mut start = 0;
    for i in 1..=zone.len() {
        if i == zone.len() || zone[i] != zone[start] {
            runs.push((start, i - 1, zone[start]));
            start = i;
        }
    }
    runs
}

/// Length of the longest section of consecutive points with `wanted` zones and the total length
/// of such sections, km, where each section extends half a step beyond its end points (as the
/// reference implementation measures sections).
fn longest_section_km(
    d_km: &[f64],
    runs: &[(usize, usize, Zone)],
    wanted: impl Fn(Zone) -> bool,
) -> (f64, f64) {
    let n = d_km.len();
    let (mut longest, mut total) = (0.0f64, 0.0);
    let mut r = 0;
    while r < runs.len() {
        if !wanted(runs[r].2) {
            r += 1;
            continue;
        }
        let start = runs[r].0;
        while r + 1 < runs.len() && wanted(runs[r + 1].2) {
            r += 1;
        }
        let stop = runs[r].1;
        let mut delta = 0.0;
        if d_km[stop] < d_km[n - 1] {
            delta += (d_km[stop + 1] - d_km[stop]) / 2.0;
        }
        if d_km[start] > 0.0 {
            delta += (d_km[start] - d_km[start - 1]) / 2.0;
        }
        let len = d_km[stop] - d_km[start] + delta;
        longest = longest.max(len);
        total += len;
        r += 1;
    }
    (longest, total)
}

impl PathAnalysis {
    /// Analyses terrain profile `d_km`, `h_m` (terrain heights amsl, not the clutter-raised radio
    /// profile) with radio-climatic `zone`s. The caller has checked the profile (at least 4
    /// points, strictly increasing from 0) and the parameters.
    /// Also returns S_tim of eq. (14) over the terrain heights with a_e, for F_j (eq. (58)).
    pub(super) fn new(
        geom: &ProfileGeometry,
        d_km: &[f64],
        h_m: &[f64],
        zone: &[Zone],
        prm: &P452PathParams,
    ) -> Result<(PathAnalysis, f64)> {
        let n = d_km.len();
        let dtot = d_km[n - 1];
        let hts = h_m[0] + prm.tx_height_m;
        let hrs = h_m[n - 1] + prm.rx_height_m;
        let (ae, ab) = effective_earth_radii_km(prm.delta_n);

        let land = |z: Zone| matches!(z, Zone::CoastalLand | Zone::Inland);
        let runs = zone_runs(zone);
        let (dtm_km, _) = longest_section_km(d_km, &runs, land);
        let (dlm_km, _) = longest_section_km(d_km, &runs, |z| z == Zone::Inland);
        let (_, sea_km) = longest_section_km(d_km, &runs, |z| z == Zone::Sea);
        let omega = sea_km / (d_km[n - 1] - d_km[0]);
        let centre_lat_deg = great_circle_latitude_deg(
            prm.tx_lat_deg,
            prm.tx_lon_deg,
            prm.rx_lat_deg,
            prm.rx_lon_deg,
            0.5 * dtot,
        );
        let b0_pct = beta0_pct(centre_lat_deg, dtm_km, dlm_km);

        // §5.1.6.2-5.1.6.3: smooth surface and the diffraction heights (eqs (161)-(167)).
        let surface = SmoothSurface::fit_geometry(geom, d_km, h_m, hts, hrs)?;

        // §5.1.1-5.1.3: horizon elevation angles and distances. atan is monotonic, so the
        // maximum of eq. (152) is taken over its argument (first maximum for the transmitter,
        // last for the receiver, as the reference does).
        let (inv_di, inv_dri, bulge) = (geom.inv_distances(), geom.inv_distances_to_rx(), geom.bulge());
        let c_e = 1.0 / ae;
        let half_ce = 0.5 / ae;
        let inner = &h_m[1..n - 1];
        let m = inner.len();
        let xt = |k: usize| (inner[k] - hts) * 0.001 * inv_di[k] - d_km[k + 1] * half_ce; // eq. (152)
        let xr = |k: usize| (inner[k] - hrs) * 0.001 * inv_dri[k] - (dtot - d_km[k + 1]) * half_ce; // eq. (157)
                                                                                                    // The maxima first (independent running maxima), then where they are: the first
                                                                                                    // maximum for the transmitter, the last for the receiver, as the reference.
        let xt_max = max_over(m, xt);
        let xr_max = max_over(m, xr);
        let lt = (0..m).position(|k| xt(k) == xt_max).map_or(1, |k| k + 1);
        let lr = (0..m).rposition(|k| xr(k) == xr_max).map_or(n - 2, |k| k + 1);
        let s_tim = max_over(m, |k| (inner[k] + c_e * bulge[k] - hts) * inv_di[k]); // eq. (14) over h_i
        let theta_max_t = 1000.0 * xt_max.atan();
        let theta_max_r = 1000.0 * xr_max.atan();
        let theta_td = 1000.0 * ((hrs - hts) / (1000.0 * dtot) - dtot / (2.0 * ae)).atan(); // eq. (153)
        let theta_rd = 1000.0 * ((hts - hrs) / (1000.0 * dtot) - dtot / (2.0 * ae)).atan(); // eq. (156a)
        let path_type =
            if theta_max_t.max(theta_td) > theta_td { PathType::TransHorizon } else { PathType::LineOfSight }; // eq. (150)

        let (theta_t, theta_r, dlt, dlr, lt, lr) = match path_type {
            PathType::TransHorizon => {
                let theta_t = theta_max_t.max(theta_td); // eq. (154)
                let theta_r = theta_max_r.max(theta_rd);
                (theta_t, theta_r, d_km[lt], dtot - d_km[lr], lt, lr) // eqs (155), (158)
            }
            PathType::LineOfSight => {
                // The horizon distances become the distances to the Bullington point of the 50 %
                // diffraction method: the point of largest diffraction parameter (last maximum).
                // The parameter scales as 1/sqrt(lambda), so its maximum does not depend on f.
                let c_e = 1.0 / ae;
                let (mut nu_max, mut lt) = (f64::NEG_INFINITY, 1);
                for i in 1..n - 1 {
                    let di = d_km[i];
                    let nu = (h_m[i] + 500.0 * c_e * di * (dtot - di)
                        - (hts * (dtot - di) + hrs * di) / dtot)
                        * (0.002 * dtot / (di * (dtot - di))).sqrt();
                    if nu >= nu_max {
                        nu_max = nu;
                        lt = i;
                    }
                }
                let dlt = d_km[lt];
                let dlr = dtot - dlt;
                // The last intermediate point not beyond the Bullington point, as the reference.
                let lr = (1..n - 1).rev().find(|&i| dlr <= dtot - d_km[i]).unwrap_or(lt);
                (theta_td, theta_rd, dlt, dlr, lt, lr.max(lt))
            }
        };
        let theta = 1e3 * dtot / ae + theta_t + theta_r; // eq. (159)

        // §5.1.6.4: ducting/layer-reflection heights and terrain roughness (eqs (168)-(171)).
        let hst = surface.hst_m.min(h_m[0]); // eq. (168a)
        let hsr = surface.hsr_m.min(h_m[n - 1]); // eq. (168b)
        let m = (hsr - hst) / dtot; // eq. (169)
        let hte = prm.tx_height_m + h_m[0] - hst; // eq. (170)
        let hre = prm.rx_height_m + h_m[n - 1] - hsr;
        let hm = (lt..=lr).map(|i| h_m[i] - (hst + m * d_km[i])).fold(f64::NEG_INFINITY, f64::max); // eq. (171)

        let analysis = PathAnalysis {
            ae_km: ae,
            ab_km: ab,
            dtot_km: dtot,
            hts_m: hts,
            hrs_m: hrs,
            theta_t_mrad: theta_t,
            theta_r_mrad: theta_r,
            theta_mrad: theta,
            hm_m: hm,
            hte_m: hte,
            hre_m: hre,
            hstd_m: surface.hstd_m,
            hsrd_m: surface.hsrd_m,
            dlt_km: dlt,
            dlr_km: dlr,
            path_type,
            dtm_km,
            dlm_km,
            b0_pct,
            omega,
            delta_n: prm.delta_n,
            n0: prm.n0,
            centre_lat_deg,
        };
        Ok((analysis, s_tim))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beta0_hand_worked() {
        // All-sea path (d_tm = d_lm = 0) at 50 deg: tau = 0, mu1 = (1 + 10^-2.48)^0.2,
        // mu4 = mu1^(-0.935 + 0.88), beta0 = 10^(-0.75 + 1.67) mu1 mu4.
        let mu1: f64 = (1.0 + 10f64.powf(-2.48)).powf(0.2).min(1.0);
        let expect = 10f64.powf(0.92) * mu1 * mu1.powf(-0.935 + 0.88);
        assert!((beta0_pct(50.0, 0.0, 0.0) - expect).abs() < 1e-12);
        // Above 70 deg: 4.17 mu1 mu1^0.3.
        assert!((beta0_pct(-75.0, 0.0, 0.0) - 4.17 * mu1 * mu1.powf(0.3)).abs() < 1e-12);
    }

    #[test]
    fn great_circle_midpoint_on_a_meridian() {
        // Along a meridian the mid-point latitude is the mean (distance along the arc).
        let d = (2.0f64).to_radians() * RADIUS_EARTH_KM;
        let lat = great_circle_latitude_deg(50.0, 8.0, 52.0, 8.0, d / 2.0);
        assert!((lat - 51.0).abs() < 1e-9, "{lat}");
    }

    #[test]
    fn sections_extend_half_a_step() {
        let d = [0.0, 1.0, 2.0, 3.0, 4.0];
        let z = [Zone::Sea, Zone::Sea, Zone::Inland, Zone::Inland, Zone::Sea];
        let runs = zone_runs(&z);
        assert_eq!(runs, vec![(0, 1, Zone::Sea), (2, 3, Zone::Inland), (4, 4, Zone::Sea)]);
        let (sea_longest, sea_total) = longest_section_km(&d, &runs, |z| z == Zone::Sea);
        assert_eq!(sea_longest, 1.5);
        assert_eq!(sea_total, 2.0);
        let (inland, _) = longest_section_km(&d, &runs, |z| z == Zone::Inland);
        let (land, _) = longest_section_km(&d, &runs, |z| z != Zone::Sea);
        assert_eq!(land, 2.0);
        assert_eq!(inland, 2.0);
    }
}
