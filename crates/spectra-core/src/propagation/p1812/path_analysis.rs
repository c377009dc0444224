//! P.1812-6 path profile analysis: radio-climatic zone statistics (§3.6, eq. (1)), the path
//! centre latitude (P.2001 Attachment H great-circle midpoint), β₀ (eq. (2)-(5)), the effective
//! Earth radii (eq. (6)-(7)) and Attachment 1 §5: smooth-Earth heights, horizon angles and
//! distances, angular distance, effective heights and terrain roughness (eq. (76)-(95)).
use crate::propagation::p526::{ProfileGeometry, SmoothSurface};
use crate::terrain::Zone;
use crate::Result;

/// Median effective Earth radius a_e = 6371 k₅₀ with k₅₀ = 157/(157 − ΔN) (eq. (6), (7a)) and
/// a_β = 6371 × 3 (eq. (7b)), km.
pub(crate) fn effective_earth_radii(delta_n: f64) -> (f64, f64) {
    (6371.0 * 157.0 / (157.0 - delta_n), 6371.0 * 3.0)
}

/// Runs of consecutive points satisfying `pred`: (start, stop) inclusive index pairs.
fn intervals(zones: &[Zone], pred: impl Fn(Zone) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, &z) in zones.iter().enumerate() {
        match (pred(z), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i - 1));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, zones.len() - 1));
    }
    out
}

/// Length of a run, extended by half a profile step at each inner end (as the reference does).
fn run_length(d: &[f64], (start, stop): (usize, usize)) -> f64 {
    let last = d[d.len() - 1];
    let mut delta = 0.0;
    if d[stop] < last {
        delta += (d[stop + 1] - d[stop]) / 2.0;
    }
    if d[start] > 0.0 {
        delta += (d[start] - d[start - 1]) / 2.0;
    }
    d[stop] - d[start] + delta
}

/// Longest continuous section (km) whose zones satisfy `pred` (§3.6: d_tm for land, d_lm inland).
pub(crate) fn longest_section_km(d: &[f64], zones: &[Zone], pred: impl Fn(Zone) -> bool) -> f64 {
    intervals(zones, pred).into_iter().map(|r| run_length(d, r)).fold(0.0, f64::max)
}

/// Fraction ω of the path over sea (Table 5 / eq. (1)).
pub(crate) fn sea_fraction(d: &[f64], zones: &[Zone]) -> f64 {
    let dm: f64 = intervals(zones, |z| z == Zone::Sea).into_iter().map(|r| run_length(d, r)).sum();
    dm / (d[d.len() - 1] - d[0])
}

/// Latitude (degrees) of the point `dpnt_km` from the transmitter along the great circle
/// (P.2001-4 Attachment H, eq. (H.2.1)-(H.3.3)), Earth radius 6371 km.
pub(crate) fn great_circle_latitude_deg(
    phi_t_deg: f64,
    lam_t_deg: f64,
    phi_r_deg: f64,
    lam_r_deg: f64,
    dpnt_km: f64,
) -> f64 {
    let (sin_d, cos_d) = (|x: f64| x.to_radians().sin(), |x: f64| x.to_radians().cos());
    let dlon = lam_r_deg - lam_t_deg; // (H.2.1)
    let r = sin_d(phi_t_deg) * sin_d(phi_r_deg) + cos_d(phi_t_deg) * cos_d(phi_r_deg) * cos_d(dlon); // (H.2.2)
    let x1 = sin_d(phi_r_deg) - r * sin_d(phi_t_deg); // (H.2.5a)
    let y1 = cos_d(phi_t_deg) * cos_d(phi_r_deg) * sin_d(dlon); // (H.2.5b)
                                                                // (H.2.6); for coincident terminals the reference falls back to the receiver longitude.
    let bt2r_deg = if x1.abs() < 1e-9 && y1.abs() < 1e-9 { lam_r_deg } else { y1.atan2(x1).to_degrees() };
    let phi_pnt = dpnt_km / 6371.0; // (H.3.1)
    let s = sin_d(phi_t_deg) * phi_pnt.cos() + cos_d(phi_t_deg) * phi_pnt.sin() * cos_d(bt2r_deg); // (H.3.2)
    s.asin().to_degrees() // (H.3.3)
}

/// β₀ (%): time percentage for which refractivity lapse rates exceed 100 N-units/km in the first
/// 100 m (eq. (2)-(5)); `phi_deg` path-centre latitude, `dtm_km`, `dlm_km` of §3.6.
pub(crate) fn beta0_pct(phi_deg: f64, dtm_km: f64, dlm_km: f64) -> f64 {
    let tau = 1.0 - (-(4.12e-4 * dlm_km.powf(2.41))).exp(); // (3)
    let mu1 = (10f64.powf(-dtm_km / (16.0 - 6.6 * tau)) + 10f64.powf(-5.0 * (0.496 + 0.354 * tau)))
        .powf(0.2)
        .min(1.0); // (2)
    let phi = phi_deg.abs();
    if phi <= 70.0 {
        let mu4 = mu1.powf(-0.935 + 0.0176 * phi); // (4)
        10f64.powf(-0.015 * phi + 1.67) * mu1 * mu4 // (5)
    } else {
        let mu4 = mu1.powf(0.3); // (4)
        4.17 * mu1 * mu4 // (5)
    }
}

/// The frequency-independent geometry of Attachment 1 §5.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Geometry {
    pub hts_m: f64,
    pub hrs_m: f64,
    /// h_st, h_sr of eq. (85)-(88) before the correction of eq. (92).
    pub hst_n_m: f64,
    pub hsr_n_m: f64,
    /// h_st, h_sr of eq. (92a), (92b).
    pub hst_m: f64,
    pub hsr_m: f64,
    pub hstd_m: f64,
    pub hsrd_m: f64,
    pub hte_m: f64,
    pub hre_m: f64,
    pub hm_m: f64,
    pub dlt_km: f64,
    pub dlr_km: f64,
    /// θ_t, θ_r, θ (mrad), eq. (76)-(84).
    pub theta_t_mrad: f64,
    pub theta_r_mrad: f64,
    pub theta_mrad: f64,
    pub transhorizon: bool,
}

/// Largest of `f(0..m)`.
fn max_over(m: usize, f: impl Fn(usize) -> f64) -> f64 {
    (0..m).map(f).fold(f64::NEG_INFINITY, f64::max)
}

/// Attachment 1 §5 for terrain `d`, `h` (no clutter; `geom` prepared from `d`), antenna heights
/// above ground `htg_m`, `hrg_m` and median effective Earth radius `ae_km`.
pub(crate) fn analyse(
    geom: &ProfileGeometry,
    d: &[f64],
    h: &[f64],
    htg_m: f64,
    hrg_m: f64,
    ae_km: f64,
) -> Result<Geometry> {
    let n = d.len();
    let dtot = d[n - 1];
    let hts_m = h[0] + htg_m;
    let hrs_m = h[n - 1] + hrg_m;
    // §5.6.1-§5.6.2: least-squares smooth surface and its heights for diffraction (85)-(91).
    let s = SmoothSurface::fit_geometry(geom, d, h, hts_m, hrs_m)?;
    let inner = &h[1..n - 1];
    let m = inner.len();
    let (inv_di, inv_dri) = (geom.inv_distances(), geom.inv_distances_to_rx());
    let half_ce = 0.5 / ae_km;
    // (77), (82a) without the arctangent: atan is monotonic, so the maxima and where they are
    // (first maximum from the transmitter, last from the receiver, as the reference) are found
    // on the arguments and one arctangent is taken of each maximum.
    let xt = |k: usize| (inner[k] - hts_m) * 0.001 * inv_di[k] - d[k + 1] * half_ce;
    let xr = |k: usize| (inner[k] - hrs_m) * 0.001 * inv_dri[k] - (dtot - d[k + 1]) * half_ce;
    let xt_max = max_over(m, xt);
    let theta_max = 1000.0 * xt_max.atan(); // (76)
    let theta_td = 1000.0 * ((hrs_m - hts_m) / (1000.0 * dtot) - dtot / (2.0 * ae_km)).atan(); // (78)
    let theta_rd = 1000.0 * ((hts_m - hrs_m) / (1000.0 * dtot) - dtot / (2.0 * ae_km)).atan(); // (81)
    let transhorizon = theta_max > theta_td; // (150)
    let theta_t_mrad = theta_max.max(theta_td); // (79)
    let (lt, lr, dlt_km, dlr_km, theta_r_mrad) = if transhorizon {
        let lt = (0..m).position(|k| xt(k) == xt_max).map_or(1, |k| k + 1);
        let xr_max = max_over(m, xr);
        let lr = (0..m).rposition(|k| xr(k) == xr_max).map_or(n - 2, |k| k + 1);
        (lt, lr, d[lt], dtot - d[lr], 1000.0 * xr_max.atan()) // (80), (82a), (83)
    } else {
        // Line of sight: horizon distances from the Bullington point of the 50 % diffraction
        // (last highest ν of eq. (15), C_e = 1/a_e); the 1/√λ factor does not move the maximum.
        let (bulge, frac, nu_per_m) = (geom.bulge(), geom.fractions(), geom.nu_per_m());
        let c_e = 1.0 / ae_km;
        let nu = |k: usize| (inner[k] + c_e * bulge[k] - (hts_m + (hrs_m - hts_m) * frac[k])) * nu_per_m[k];
        let nu_max = max_over(m, nu);
        let lt = (0..m).rposition(|k| nu(k) == nu_max).map_or(1, |k| k + 1);
        (lt, lt, d[lt], dtot - d[lt], theta_rd) // (80), (81), (83a)
    };
    let theta_mrad = 1e3 * dtot / ae_km + theta_t_mrad + theta_r_mrad; // (84)
                                                                       // §5.6.3: ducting/layer-reflection heights.
    let hst_m = s.hst_m.min(h[0]); // (92a)
    let hsr_m = s.hsr_m.min(h[n - 1]); // (92b)
    let slope = (hsr_m - hst_m) / dtot; // (93)
    let hte_m = htg_m + h[0] - hst_m; // (94a)
    let hre_m = hrg_m + h[n - 1] - hsr_m; // (94b)
    let hm_m = (lt..=lr).map(|i| h[i] - (hst_m + slope * d[i])).fold(f64::NEG_INFINITY, f64::max); // (95)
    Ok(Geometry {
        hts_m,
        hrs_m,
        hst_n_m: s.hst_m,
        hsr_n_m: s.hsr_m,
        hst_m,
        hsr_m,
        hstd_m: s.hstd_m,
        hsrd_m: s.hsrd_m,
        hte_m,
        hre_m,
        hm_m: if hm_m.is_finite() { hm_m } else { 0.0 },
        dlt_km,
        dlr_km,
        theta_t_mrad,
        theta_r_mrad,
        theta_mrad,
        transhorizon,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zone_sections_with_half_steps() {
        // 0,1,2,3,4 km: sea, sea, land, land, land. Sea run 0-1 km plus half a step = 1.5 km.
        let d = [0.0, 1.0, 2.0, 3.0, 4.0];
        let z = [Zone::Sea, Zone::Sea, Zone::Inland, Zone::Inland, Zone::Inland];
        assert_eq!(sea_fraction(&d, &z), 1.5 / 4.0);
        assert_eq!(longest_section_km(&d, &z, |z| z != Zone::Sea), 2.5);
    }

    #[test]
    fn midpoint_latitude_on_a_meridian() {
        // Along a meridian the midpoint latitude is the mean latitude.
        let d = (10.0f64).to_radians() * 6371.0;
        let lat = great_circle_latitude_deg(40.0, 5.0, 50.0, 5.0, d / 2.0);
        assert!((lat - 45.0).abs() < 1e-9);
    }
}
