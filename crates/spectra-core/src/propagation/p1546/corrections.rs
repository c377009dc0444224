//! Corrections and auxiliary functions of P.1546-6 Annex 5: maximum field strength (§2), mixed
//! paths (§8), receiving antenna height (§9), transmitter clutter (§10), terrain clearance angle
//! (§11), location variability (§12), tropospheric scatter (§13), slope path (§14), paths shorter
//! than 1 km (§15), Qi (§16), basic transmission loss (§17) and the 0.6 Fresnel clearance
//! distance (§18).
use super::RxEnvironment;

/// J(nu) of Annex 5 §4.3 eq. (12a), taken as 0 for nu <= -0.7806 (as the Recommendation's
/// knife-edge approximation is only used above that value).
#[inline]
pub(crate) fn j_nu(nu: f64) -> f64 {
    if nu > -0.7806 {
        6.9 + 20.0 * (((nu - 0.1) * (nu - 0.1) + 1.0).sqrt() + nu - 0.1).log10()
    // (12a)
    } else {
        0.0
    }
}

/// Maximum field strength for 1 kW e.r.p., Annex 5 §2 eqs. (1a), (1b), (2), (3), with the sea
/// enhancement weighted by the sea fraction for mixed paths (§8, as the reference
/// implementation): Emax = Efs + (d_sea/d) Ese.
#[inline]
pub(crate) fn emax_dbuv_m(t_pct: f64, d_land_km: f64, d_sea_km: f64) -> f64 {
    let d = d_land_km + d_sea_km;
    let e_fs = 106.9 - 20.0 * d.log10(); // (2)
    let e_se = 2.38 * (1.0 - (-d / 8.94).exp()) * (50.0 / t_pct).log10(); // (3)
    e_fs + d_sea_km * e_se / d // (1a), (1b)
}

/// Annex 5 §8: mixed land/sea path field strength from the all-land and all-sea values at the
/// whole distance (the RRC-06 method of the reference implementation).
pub(crate) fn mixed_path(e_land: f64, e_sea: f64, d_land_km: f64, d_sea_km: f64) -> f64 {
    if d_sea_km == 0.0 {
        return e_land;
    }
    if d_land_km == 0.0 {
        return e_sea;
    }
    let f_sea = d_sea_km / (d_land_km + d_sea_km);
    let delta = e_sea - e_land;
    let v = (1.0 + delta / 40.0).max(1.0);
    let a0 = 1.0 - (1.0 - f_sea).powf(2.0 / 3.0);
    let a = a0.powf(v);
    (1.0 - a) * e_land + a * e_sea
}

/// Annex 5 §18 eqs. (41), (41a), (41b): distance at which a smooth-Earth path has 0.6 first
/// Fresnel-zone clearance, km; h1 limited to >= 0, result to >= 0.001 km.
#[inline]
pub(crate) fn d06_km(f_mhz: f64, h1_m: f64, h2_m: f64) -> f64 {
    let h1 = h1_m.max(0.0);
    let d_f = 0.0000389 * f_mhz * h1 * h2_m; // (41a)
    let d_h = 4.1 * (h1.sqrt() + h2_m.sqrt()); // (41b)
    (d_f * d_h / (d_f + d_h)).max(0.001) // (41)
}

/// Annex 5 §16 eqs. (39a)-(39d): inverse complementary cumulative normal distribution Qi(x),
/// 0 < x < 1.
#[inline]
pub(crate) fn qi(x: f64) -> f64 {
    fn t_minus_c(z: f64) -> f64 {
        let t = (-2.0 * z.ln()).sqrt(); // (39c)
        let (c0, c1, c2) = (2.515517, 0.802853, 0.010328);
        let (d1, d2, d3) = (1.432788, 0.189269, 0.001308);
        t - ((c2 * t + c1) * t + c0) / (((d3 * t + d2) * t + d1) * t + 1.0) // (39d)
    }
    if x <= 0.5 {
        t_minus_c(x) // (39a)
    } else {
        -t_minus_c(1.0 - x) // (39b)
    }
}

/// Annex 5 §11 eqs. (31), (32a)-(32c): terrain clearance angle correction J(nu') - J(nu) with
/// theta_tca limited to [0.55, 40] degrees. Returns (correction dB, nu).
pub(crate) fn tca_correction_db(f_mhz: f64, tca_deg: f64) -> (f64, f64) {
    let tca = tca_deg.clamp(0.55, 40.0);
    let nu_p = 0.036 * f_mhz.sqrt(); // (32b)
    let nu = 0.065 * tca * f_mhz.sqrt(); // (32c)
    (j_nu(nu_p) - j_nu(nu), nu) // (32a)
}

/// Annex 5 §13 eqs. (35), (36): field strength due to tropospheric scatter, dB(uV/m), and the
/// scatter angle theta_s (degrees, limited to >= 0); k = 4/3, a = 6 370 km.
pub(crate) fn troposcatter(
    d_km: f64,
    f_mhz: f64,
    t_pct: f64,
    theta_eff1_deg: f64,
    theta_eff2_deg: f64,
) -> (f64, f64) {
    let theta_s =
        (180.0 * d_km / std::f64::consts::PI / (4.0 / 3.0 * 6370.0) + theta_eff1_deg + theta_eff2_deg)
            .max(0.0); // (35)
    let lf = f_mhz.log10();
    let e = 24.4 - 20.0 * d_km.log10() - 10.0 * theta_s - (5.0 * lf - 2.5 * (lf - 3.3).powi(2))
        + 0.15 * 325.0
        + 10.1 * (-(0.02 * t_pct).log10()).powf(0.7); // (36)
    (e, theta_s)
}

/// Annex 5 §9 eqs. (27)-(29): receiving/mobile antenna height correction. Returns
/// (correction dB, R2' m, whether R2' was raised to 1 m). Heights below the Recommendation's
/// minimum (1 m over land, 3 m adjacent to sea) are refused by the caller.
pub(crate) fn rx_height_correction(
    h1_m: f64,
    d_km: f64,
    r2_m: f64,
    h2_m: f64,
    f_mhz: f64,
    env: RxEnvironment,
) -> (f64, f64, bool) {
    let k_h2 = 3.2 + 6.2 * f_mhz.log10(); // (29)
    match env {
        RxEnvironment::Sea => {
            if h2_m >= 10.0 {
                return (k_h2 * (h2_m / 10.0).log10(), 10.0, false); // (28b), R' = 10 m
            }
            let d10 = d06_km(f_mhz, h1_m, 10.0);
            let dh2 = d06_km(f_mhz, h1_m, h2_m);
            let c10 = k_h2 * (h2_m / 10.0).log10();
            let c = if d_km >= d10 {
                c10
            } else if d_km <= dh2 {
                0.0
            } else {
                c10 * (d_km / dh2).log10() / (d10 / dh2).log10()
            };
            (c, 10.0, false)
        }
        RxEnvironment::Rural => (k_h2 * (h2_m / 10.0).log10(), 10.0, false), // (28b), R' = 10 m
        RxEnvironment::Suburban | RxEnvironment::Urban | RxEnvironment::DenseUrban => {
            let mut rp = (1000.0 * d_km * r2_m - 15.0 * h1_m) / (1000.0 * d_km - 15.0); // (27)
            let raised = rp < 1.0;
            if raised {
                rp = 1.0;
            }
            let mut c = if h2_m < rp {
                let h_dif = rp - h2_m;
                let k_nu = 0.0108 * f_mhz.sqrt();
                let theta_clut = (h_dif / 27.0).atan().to_degrees();
                let nu = k_nu * (h_dif * theta_clut).sqrt();
                6.03 - j_nu(nu) // (28a)
            } else {
                k_h2 * (h2_m / rp).log10() // (28b)
            };
            if rp < 10.0 {
                c -= k_h2 * (10.0 / rp).log10();
            }
            (c, rp, raised)
        }
    }
}

/// Annex 5 §10 eq. (30): correction for clutter of height R1 around the transmitting/base
/// antenna of height ha above ground.
pub(crate) fn tx_clutter_correction_db(ha_m: f64, r1_m: f64, f_mhz: f64) -> f64 {
    let k_nu = 0.0108 * f_mhz.sqrt();
    let h_dif1 = ha_m - r1_m;
    let theta_clut = (h_dif1 / 27.0).atan().to_degrees();
    let root = (h_dif1 * theta_clut).sqrt();
    let nu = if r1_m >= ha_m { k_nu * root } else { -k_nu * root };
    -j_nu(nu) // (30)
}

/// Annex 5 §14 eqs. (37a), (37b): slope distance, km. With terrain heights the antenna heights
/// are taken above sea level.
#[inline]
pub(crate) fn slope_distance_km(ha_m: f64, h2_m: f64, d_km: f64, terrain_m: Option<(f64, f64)>) -> f64 {
    let dh = match terrain_m {
        Some((h_tx, h_rx)) => (ha_m + h_tx) - (h2_m + h_rx),
        None => ha_m - h2_m,
    };
    (d_km * d_km + 1e-6 * dh * dh).sqrt()
}

/// Annex 5 §14 eq. (37): slope-path correction 20 log(d / d_slope).
#[inline]
pub(crate) fn slope_correction_db(ha_m: f64, h2_m: f64, d_km: f64, terrain_m: Option<(f64, f64)>) -> f64 {
    20.0 * (d_km / slope_distance_km(ha_m, h2_m, d_km, terrain_m)).log10()
}

/// Annex 5 §15 eq. (38): extension to horizontal distances below 1 km from the field strength
/// `e_1km` computed for 1 km.
pub(crate) fn short_path(ha_m: f64, h2_m: f64, d_km: f64, e_1km: f64, terrain_m: Option<(f64, f64)>) -> f64 {
    let d_slope = slope_distance_km(ha_m, h2_m, d_km, terrain_m);
    if d_km <= 0.04 {
        return 106.9 - 20.0 * d_slope.log10();
    }
    let d_inf = slope_distance_km(ha_m, h2_m, 0.04, terrain_m);
    let d_sup = slope_distance_km(ha_m, h2_m, 1.0, terrain_m);
    let e_inf = 106.9 - 20.0 * d_inf.log10();
    e_inf + (e_1km - e_inf) * (d_slope / d_inf).log10() / (d_sup / d_inf).log10()
    // (38)
}

/// Annex 5 §12 eqs. (33), (34): location-variability standard deviation, dB. With terrain
/// information, sigma_L = (0.024 f/1000 + 0.52) wa^0.28 (wa: width of the square area, m);
/// without, the values of the reference implementation: 8 dB urban and dense urban, 10 dB
/// suburban, 12 dB rural. No variability is applied for a receiver adjacent to sea.
pub(crate) fn location_sigma_db(f_mhz: f64, env: RxEnvironment, square_area_m: Option<f64>) -> f64 {
    match (env, square_area_m) {
        (RxEnvironment::Sea, _) => 0.0,
        (_, Some(wa)) => (0.024 * f_mhz / 1000.0 + 0.52) * wa.powf(0.28), // (34)
        (RxEnvironment::Urban | RxEnvironment::DenseUrban, None) => 8.0,
        (RxEnvironment::Suburban, None) => 10.0,
        (RxEnvironment::Rural, None) => 12.0,
    }
}

/// Annex 5 §17 eq. (40): basic transmission loss from the field strength for 1 kW e.r.p.
#[inline]
pub fn basic_transmission_loss_db(f_mhz: f64, e_dbuv_m: f64) -> f64 {
    139.3 - e_dbuv_m + 20.0 * f_mhz.log10()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qi_matches_table_of_the_recommendation() {
        // Annex 5 §16 Table (values of Qi): Qi(0.01) = 2.327, Qi(0.1) = 1.282, Qi(0.5) = 0.
        assert!((qi(0.01) - 2.327).abs() < 1e-3);
        assert!((qi(0.1) - 1.282).abs() < 1e-3);
        assert!(qi(0.5).abs() < 1e-3);
        assert!((qi(0.9) + qi(0.1)).abs() < 1e-12);
    }

    #[test]
    fn emax_and_loss_conversion() {
        // (2): 106.9 dB(uV/m) at 1 km over land; (3) vanishes at 50 % time.
        assert!((emax_dbuv_m(50.0, 0.0, 1.0) - 106.9).abs() < 1e-12);
        assert!((emax_dbuv_m(1.0, 10.0, 0.0) - 86.9).abs() < 1e-12);
        let ese = 2.38 * (1.0 - (-10f64 / 8.94).exp()) * 50f64.log10();
        assert!((emax_dbuv_m(1.0, 0.0, 10.0) - (86.9 + ese)).abs() < 1e-12);
        // (40): Lb = 139.3 - E + 20 log f.
        assert!((basic_transmission_loss_db(100.0, 39.3) - 140.0).abs() < 1e-12);
    }

    #[test]
    fn mixed_path_limits() {
        assert_eq!(mixed_path(30.0, 50.0, 10.0, 0.0), 30.0);
        assert_eq!(mixed_path(30.0, 50.0, 0.0, 10.0), 50.0);
        let e = mixed_path(30.0, 50.0, 5.0, 5.0);
        assert!(e > 30.0 && e < 50.0);
    }

    #[test]
    fn d06_limits() {
        assert_eq!(d06_km(100.0, -5.0, 0.0), 0.001);
        assert!(d06_km(600.0, 20.0, 10.0) > d06_km(100.0, 20.0, 10.0));
    }

    #[test]
    fn tca_correction_is_clamped() {
        assert_eq!(tca_correction_db(900.0, -10.0), tca_correction_db(900.0, 0.55));
        assert_eq!(tca_correction_db(900.0, 60.0), tca_correction_db(900.0, 40.0));
    }
}
