//! NTIA Extended Hata (eHata) median basic transmission loss over a terrain profile, in the
//! variant maintained by the Wireless Innovation Forum for the CBRS Spectrum Access System
//! ("NTIA compatibility mode", `SetWinnForumExtensions(false)`, double precision), which is the
//! variant of the reference vectors `test-inputs-wfmod.csv`.
//!
//! Sources: NTIA Technical Report TR-15-517 (2015), *3.5 GHz Exclusion Zone Analyses and
//! Methodology*, Appendix A [TR 15-517]; Y. Okumura et al., *Field strength and its variability in
//! VHF and UHF land-mobile radio service*, Rev. ECL 16 (1968) \[Okumura\]; M. Hata, IEEE Trans. VT-29
//! (1980) \[Hata\]. The steps follow NTIA's C++ eHata as kept in
//! `Wireless-Innovation-Forum/Spectrum-Access-System` (`src/harness/reference_models/propagation/
//! ehata/its`, extensions off), which is ITS eHata 1.0 plus three corrections that NTIA also
//! adopted: effective heights between 3 and 15 km blend the terminal's ground with the far-terrain
//! average (WInnForum #816, NTIA v2.1), the fine rolling-hilly correction is zero for
//! Delta h < 10 m (WInnForum #819, NTIA/ehata #7) and continuous at the median height (NTIA/ehata
//! #3). Effective heights are clamped to h_b 30-200 m and h_m 1-10 m; all arithmetic is double.
//!
//! Validity [TR 15-517]: f 1500-3000 MHz (the reference vectors go to 4000 MHz), base height
//! 30-200 m, mobile height 1-10 m, distance 1-100 km. Outside it the model computes as the
//! reference does and warns.
//!
//! Orientation: in spectra every profile runs from the transmitter (here the base station) to the
//! receiver (the mobile). NTIA's function takes the profile from the mobile to the base station;
//! [`ehata`] reverses it explicitly, [`ehata_mobile_first`] takes the reference's orientation.
//!
//! | here              | document                                             |
//! |-------------------|------------------------------------------------------|
//! | `h_b_m`, `h_m_m`  | h_b, h_m, base and mobile antenna heights            |
//! | `h_b_eff_m`       | h_be, effective base height                          |
//! | `delta_h_m`       | Delta h, terrain irregularity near the mobile        |
//! | `theta_m_mrad`    | theta_m, average slope at the mobile [Okumura §4.3]  |
//! | `beta`            | beta, fraction of the path over sea [Okumura §4.4]   |
//! | `h_edge_m`        | h~, isolated ridge height [Okumura §4.2]             |
//! | `d_bp_km`         | d_bp, break-point distance [TR 15-517 eq.]     |
use super::itm::terrain::{kth_largest, least_squares_fit};
use super::itm::Pfl;
use crate::propagation::Warning;
use crate::{Error, Result};

mod model;
pub use model::EhataModel;

/// Land cover at the mobile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    /// Urban (NLCD 23, 24).
    Urban,
    /// Suburban (NLCD 22).
    Suburban,
    /// Rural (every other code).
    Rural,
}

impl Environment {
    /// The reference's mapping of NLCD land-cover codes: 23 and 24 urban, 22 suburban, others rural.
    pub fn from_nlcd(code: i64) -> Environment {
        match code {
            23 | 24 => Environment::Urban,
            22 => Environment::Suburban,
            _ => Environment::Rural,
        }
    }
}

/// Inputs of eHata.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EhataParams {
    /// Frequency, MHz (> 0; validity 1500-3000 MHz).
    pub f_mhz: f64,
    /// Base-station antenna height above ground, m (>= 0; validity 30-200 m).
    pub h_b_m: f64,
    /// Mobile antenna height above ground, m (>= 0; validity 1-10 m).
    pub h_m_m: f64,
    /// Land cover at the mobile.
    pub environment: Environment,
}

/// The reference's intermediate values (`InterValues`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EhataIntermediates {
    /// Path length, km.
    pub d_km: f64,
    /// Effective base and mobile heights after clamping, m.
    pub h_b_eff_m: f64,
    /// Effective mobile height after clamping, m.
    pub h_m_eff_m: f64,
    /// Average terrain height around the mobile \[0\] and the base station \[1\], m.
    pub h_avg_m: [f64; 2],
    /// 10 %, 50 % and 90 % terrain height quantiles near the mobile, m.
    pub pfl10_m: f64,
    /// 50 % quantile, m.
    pub pfl50_m: f64,
    /// 90 % quantile, m.
    pub pfl90_m: f64,
    /// Terrain irregularity Delta h, m.
    pub delta_h_m: f64,
    /// Horizon distances of the mobile \[0\] and the base station \[1\], m.
    pub d_hzn_m: [f64; 2],
    /// Average terrain slope at the mobile, mrad (positive: falling away from the mobile).
    pub theta_m_mrad: f64,
    /// Fraction of the path over sea (elevation 0).
    pub beta: f64,
    /// Which end of the path is over sea: 1 the mobile's half, 0 the base's, -1 neither.
    pub iend_ov_sea: i32,
    /// Isolated ridge height above the terminals' line, m (single-horizon paths).
    pub h_edge_m: f64,
    /// Whether the path has a single horizon (isolated ridge).
    pub single_horizon: bool,
    /// Break-point distance, km.
    pub d_bp_km: f64,
    /// Median attenuation relative to free space at 1 km, dB.
    pub att_1km_db: f64,
    /// Median attenuation at 100 km, dB.
    pub att_100km_db: f64,
    /// Median basic transmission loss before the terrain corrections, dB.
    pub median_db: f64,
}

/// The answer of eHata.
#[derive(Debug, Clone, PartialEq)]
pub struct EhataResult {
    /// Median basic transmission loss, dB.
    pub loss_db: f64,
    /// Intermediate values.
    pub intermediates: EhataIntermediates,
    /// Inputs outside the model's validity range.
    pub warnings: Vec<Warning>,
}

/// eHata over a profile from the base station (transmitter) to the mobile (receiver).
pub fn ehata(params: &EhataParams, base_to_mobile: &Pfl) -> Result<EhataResult> {
    ehata_mobile_first(params, &base_to_mobile.reversed())
}

/// eHata over a profile in the reference's orientation: first point at the mobile, last at the
/// base station.
pub fn ehata_mobile_first(params: &EhataParams, mobile_to_base: &Pfl) -> Result<EhataResult> {
    if !(params.f_mhz.is_finite() && params.f_mhz > 0.0) {
        return Err(Error::out_of_range("frequency_mhz", params.f_mhz, "a finite number > 0"));
    }
    // heights enter only through the clamped effective heights: 0 is accepted as by the reference
    for (name, v) in [("tx_height_m", params.h_b_m), ("rx_height_m", params.h_m_m)] {
        if !(v.is_finite() && v >= 0.0) {
            return Err(Error::out_of_range(name, v, "a finite number >= 0"));
        }
    }
    let z = mobile_to_base.elevations_m();
    let xi = mobile_to_base.spacing_m();
    let np = mobile_to_base.intervals();
    let d_m = distance_m(np, xi);

    let h_avg_m = average_ground_heights(z, xi, d_m);
    let stats = terrain_statistics(z, xi, d_m);
    let theta_m_mrad = mobile_terrain_slope(z, xi, d_m);
    let (beta, iend_ov_sea) = sea_path(z);
    let horizon = single_horizon_test(z, xi, d_m, params.h_m_m, params.h_b_m);

    // effective heights [TR 15-517 §A.3], clamped as the reference does
    let h_m_eff_m = (params.h_m_m + z[0] - h_avg_m[0]).clamp(1.0, 10.0);
    let h_b_eff_m = (params.h_b_m + z[np] - h_avg_m[1]).clamp(30.0, 200.0);
    let d_km = np as f64 * xi / 1000.0;
    let median = median_basic_loss(params.f_mhz, h_b_eff_m, h_m_eff_m, d_km, params.environment);

    let mixed = mixed_path_correction(d_km, beta, iend_ov_sea);
    let loss_db = if horizon.single {
        median.loss_db
            - isolated_ridge_correction(
                horizon.d_hzn_m[1] * 0.001,
                horizon.d_hzn_m[0] * 0.001,
                horizon.h_edge_m,
            )
            - mixed
    } else {
        median.loss_db
            - median_rolling_hilly_correction(stats.delta_h_m)
            - fine_rolling_hilly_correction(&stats, z[0])
            - general_slope_correction(theta_m_mrad, d_km)
            - mixed
    };

    let mut warnings = Vec::new();
    let mut check = |field: &str, v: f64, lo: f64, hi: f64| {
        if !(lo..=hi).contains(&v) {
            warnings.push(Warning::new(
                "outside_validity_range",
                format!("{field} = {v} outside eHata's validity range [{lo}, {hi}] (TR 15-517)"),
            ));
        }
    };
    check("frequency_mhz", params.f_mhz, 1500.0, 3000.0);
    check("tx_height_m (base)", params.h_b_m, 30.0, 200.0);
    check("rx_height_m (mobile)", params.h_m_m, 1.0, 10.0);
    check("distance_km", d_km, 1.0, 100.0);

    Ok(EhataResult {
        loss_db,
        intermediates: EhataIntermediates {
            d_km,
            h_b_eff_m,
            h_m_eff_m,
            h_avg_m,
            pfl10_m: stats.pfl10_m,
            pfl50_m: stats.pfl50_m,
            pfl90_m: stats.pfl90_m,
            delta_h_m: stats.delta_h_m,
            d_hzn_m: horizon.d_hzn_m,
            theta_m_mrad,
            beta,
            iend_ov_sea,
            h_edge_m: horizon.h_edge_m,
            single_horizon: horizon.single,
            d_bp_km: median.d_bp_km,
            att_1km_db: median.att_1km_db,
            att_100km_db: median.att_100km_db,
            median_db: median.loss_db,
        },
        warnings,
    })
}

/// Path length np x_i, snapped to a whole metre when within 1e-6 m of it (WInnForum's
/// `GetDistanceInMeters`, which keeps the 3, 10 and 15 km thresholds free of rounding noise).
fn distance_m(np: usize, xi: f64) -> f64 {
    let d = np as f64 * xi;
    let r = d.round();
    if (d - r).abs() < 1e-6 {
        r
    } else {
        d
    }
}

/// Average terrain height around each terminal [TR 15-517 §A.3]: the terminal's own ground below
/// 3 km; between 3 and 15 km a linear blend from it to the average terrain from 3 km to the far
/// end; beyond 15 km the average over 3-15 km from the terminal.
fn average_ground_heights(z: &[f64], xi_m: f64, d_m: f64) -> [f64; 2] {
    let np = z.len() - 1;
    let xi = xi_m / 1000.0;
    let d_km = d_m / 1000.0;
    let mean = |a: usize, b: usize| -> f64 {
        // inclusive range of elevation indices, clamped to the profile
        let (a, b) = (a.min(np), b.min(np));
        if b < a {
            return 0.0;
        }
        z[a..=b].iter().sum::<f64>() / (b - a + 1) as f64
    };
    let k3 = (3.0 / xi) as usize;
    if d_km < 3.0 {
        [z[0], z[np]]
    } else if d_km <= 15.0 {
        // blend from the terminal's own ground at 3 km to the far-terrain average at 15 km
        // (NTIA eHata v2.1 / WInnForum #816: ITS 1.0 scaled the average itself by (d - 3) / 12)
        let f = (d_km - 3.0) / 12.0;
        [z[0] - (z[0] - mean(k3, np)) * f, z[np] - (z[np] - mean(0, np.saturating_sub(k3))) * f]
    } else {
        let k15 = (15.0 / xi) as usize;
        [mean(k3, k15), mean(np.saturating_sub(k15), np.saturating_sub(k3))]
    }
}

/// Terrain quantiles near the mobile and Delta h = h_10 - h_90 [Okumura §2.4 (1)(b)].
#[derive(Debug, Clone, Copy)]
struct TerrainStats {
    pfl10_m: f64,
    pfl50_m: f64,
    pfl90_m: f64,
    delta_h_m: f64,
}

fn terrain_statistics(z: &[f64], xi_m: f64, d_m: f64) -> TerrainStats {
    let np = z.len() - 1;
    let xi = xi_m / 1000.0;
    let d_km = d_m / 1000.0;
    // the whole path below 10 km, else the 10 km next to the mobile
    let i_end = if d_km < 10.0 { np } else { ((10.0 / xi) as usize).min(np) };
    let mut segment: Vec<f64> = z[..=i_end].to_vec();
    let npts = segment.len();
    // descending order statistic at index ir (the reference's FindQuantile)
    let mut quantile = |ir: i64| -> f64 { kth_largest(&mut segment, ir.clamp(0, npts as i64 - 1) as usize) };
    let n = npts as f64;
    let mut s = TerrainStats {
        pfl10_m: quantile((0.1 * n - 1.0) as i64),
        pfl50_m: quantile((0.5 * n - 1.0) as i64),
        pfl90_m: quantile((0.9 * n - 1.0) as i64),
        delta_h_m: 0.0,
    };
    s.delta_h_m = s.pfl10_m - s.pfl90_m;
    if d_km < 10.0 {
        // asymptotic value for paths under 10 km [TR 15-517], cf. ERL 79-ITS 67 eq. (3)
        let factor = (1.0 - 0.8 * (-0.2f64).exp()) / (1.0 - 0.8 * (-0.02 * d_km).exp());
        s.pfl10_m *= factor;
        s.pfl50_m *= factor;
        s.pfl90_m *= factor;
        s.delta_h_m *= factor;
    }
    s
}

/// Average terrain slope at the mobile, mrad [Okumura §4.3]: least-squares slopes over the first
/// 5, 6, ..., 10 km; the 5 km slope when they change sign, else the steepest.
fn mobile_terrain_slope(z: &[f64], xi: f64, d_m: f64) -> f64 {
    let np = z.len() - 1;
    let mut slope_max = -1.0e31f64;
    let mut slope_min = 1.0e31f64;
    let mut slope_five = 0.0;
    let x1 = 0.0;
    let mut x2 = 5000.0;
    while d_m >= x2 && x2 <= 10000.0 {
        let npts = ((x2 / xi) as usize).min(np);
        let (z1, z2) = least_squares_fit(&z[..=npts], xi, x1, x2);
        let slope = -1000.0 * (z2 - z1) / (x2 - x1); // Okumura's sign convention
        slope_min = slope_min.min(slope);
        slope_max = slope_max.max(slope);
        if x2 == 5000.0 {
            slope_five = slope;
        }
        x2 += 1000.0;
    }
    if d_m <= 5000.0 || slope_max * slope_min < 0.0 {
        slope_five
    } else if slope_max >= 0.0 {
        slope_max
    } else {
        slope_min
    }
}

/// Fraction of points at elevation 0 (sea) and which half of the path holds more of them.
fn sea_path(z: &[f64]) -> (f64, i32) {
    let np = z.len() - 1;
    let midpoint = np / 2;
    let (mut low, mut high) = (0usize, 0usize);
    for (k, &h) in z.iter().enumerate() {
        if h == 0.0 {
            if k < midpoint {
                low += 1;
            } else {
                high += 1;
            }
        }
    }
    let beta = (low + high) as f64 / (np + 1) as f64;
    let end = match low.cmp(&high) {
        std::cmp::Ordering::Greater => 1,
        std::cmp::Ordering::Less => 0,
        std::cmp::Ordering::Equal => -1,
    };
    (beta, end)
}

#[derive(Debug, Clone, Copy)]
struct HorizonTest {
    d_hzn_m: [f64; 2],
    single: bool,
    h_edge_m: f64,
}

/// Horizons on an effective earth for N_0 = 301 at the mean path height and the single-horizon
/// (isolated ridge) test: both horizons at the same point within half a spacing.
fn single_horizon_test(z: &[f64], xi: f64, d_m: f64, h_m_m: f64, h_b_m: f64) -> HorizonTest {
    let np = z.len() - 1;
    let h_gnd = z.iter().sum::<f64>() / (np + 1) as f64;
    let en0 = 301.0;
    let ens = if h_gnd == 0.0 { en0 } else { en0 * (-h_gnd / 9460.0).exp() };
    // the reference writes the constant as the float literal 157e-9f
    let gma = f64::from(157e-9f32);
    let gme = gma * (1.0 - 0.04665 * (ens / 179.3).exp());
    let d_hzn_m = find_horizons(z, xi, gme, d_m, h_m_m, h_b_m);
    let d_diff = d_m - d_hzn_m[0] - d_hzn_m[1];
    let q = (d_diff - 0.5 * xi).max(0.0) - (-d_diff - 0.5 * xi).max(0.0);
    if q != 0.0 {
        return HorizonTest { d_hzn_m, single: false, h_edge_m: 0.0 };
    }
    let iedge = ((d_hzn_m[0] / xi) as usize).min(np);
    let za = h_b_m + z[np];
    let zb = h_m_m + z[0];
    let h_edge = z[iedge] - (za * d_hzn_m[1] + zb * d_hzn_m[0]) / d_m + 0.5 * gme * d_hzn_m[0] * d_hzn_m[1];
    HorizonTest { d_hzn_m, single: true, h_edge_m: h_edge.max(0.0) }
}

/// Horizon distances of the mobile \[0\] and the base \[1\] (ITS `hzns` as used by eHata: the base's
/// horizon is searched only once the mobile's line of sight is obstructed).
fn find_horizons(z: &[f64], xi: f64, gme: f64, d_m: f64, h_1: f64, h_2: f64) -> [f64; 2] {
    let np = z.len() - 1;
    let za = z[0] + h_1;
    let zb = z[np] + h_2;
    let qc = 0.5 * gme;
    let q = qc * d_m;
    let t = (zb - za) / d_m;
    let mut theta = [t - q, -t - q];
    let mut d_hzn = [d_m, d_m];
    if np < 2 {
        return d_hzn;
    }
    let mut sa = 0.0;
    let mut sb = d_m;
    let mut wq = true;
    for &zi in &z[1..np] {
        sa += xi;
        sb -= xi;
        let q = zi - (qc * sa + theta[0]) * sa - za;
        if q > 0.0 {
            theta[0] += q / sa;
            d_hzn[0] = sa;
            wq = false;
        }
        if !wq {
            let q = zi - (qc * sb + theta[1]) * sb - zb;
            if q > 0.0 {
                theta[1] += q / sb;
                d_hzn[1] = sb;
            }
        }
    }
    d_hzn
}

#[derive(Debug, Clone, Copy)]
struct Median {
    loss_db: f64,
    d_bp_km: f64,
    att_1km_db: f64,
    att_100km_db: f64,
}

/// Median basic transmission loss of the extended Hata model [TR 15-517 eq. (A-1)-(A-14)].
fn median_basic_loss(f_mhz: f64, h_b_m: f64, h_m_m: f64, d_km: f64, env: Environment) -> Median {
    use std::f64::consts::PI;
    let perm = 4.0e-7 * PI;
    let eps = 8.854e-12;
    let c = 1.0 / (eps * perm).sqrt();
    let lg = f64::log10;

    // urban coefficients through 22 dB @ 1500 MHz, 23.5 dB @ 2000 MHz, 25.85 dB @ 3000 MHz at 1 km
    let sr_1km = (1.0e6 + (200.0f64 - 3.0).powi(2)).sqrt(); // h_b = 200 m, h_m = 3 m, 1 km apart
    let htg_hb_ref = 13.82 * lg(200.0);
    let htg_hm_ref = 3.2 * lg(11.75 * 3.0).powi(2) - 4.97; // [Hata eq. (16)]
    let wn_1500 = 2.0 * PI * 1.5e9 / c;
    let gamma_1 = (3.85 / lg(2.0) - 1.5 / lg(4.0 / 3.0)) / lg(1.5);
    let beta_1 = 20.0 + 1.5 / lg(4.0 / 3.0) - gamma_1 * lg(3.0e6);
    let alpha_1 = 22.0 + htg_hb_ref + htg_hm_ref + 20.0 * lg(2.0 * wn_1500 * sr_1km)
        - lg(1500.0) * (beta_1 + gamma_1 * lg(1500.0));

    // suburban: 11.5 dB @ 1500, 12.4 dB @ 2000, 14 dB @ 3000 MHz
    let denom = lg(4.0 / 3.0) * lg(1.5) * lg(2.0);
    let gamma_1_sub = (2.5 * lg(4.0 / 3.0) - 0.9 * lg(2.0)) / denom;
    let beta_1_sub = (0.9 * lg(2.0) * lg(4.5e6) - 2.5 * lg(4.0 / 3.0) * lg(3.0e6)) / denom;
    let alpha_1_sub = 11.5 - beta_1_sub * lg(1.5e3) - gamma_1_sub * lg(1.5e3).powi(2);

    // 100 km fit: 63.5 dB @ 1500, 65.75 dB @ 2000, 69.5 dB @ 3000 MHz
    let alpha_100 = 120.78129;
    let beta_100 = -52.714929;
    let gamma_100 = 10.919011;

    // distance exponent beyond the break point [Okumura Fig. 12]: n/2 = 2.5, 3, 3.22 at 24.5, 70, 200 m
    let tau = (0.72 * lg(70.0 / 24.5) - 0.5 * lg(200.0 / 24.5))
        / lg(70.0 / 24.5)
        / lg(200.0 / 70.0)
        / lg(200.0 / 24.5);
    let sigma = 0.72 / lg(200.0 / 24.5) - tau * lg(200.0 * 24.5);
    let rho = 2.5 - lg(24.5) * (sigma + tau * lg(24.5));

    let lf = lg(f_mhz);
    let suburban_factor = alpha_1_sub + beta_1_sub * lf + gamma_1_sub * lf.powi(2);
    let rural_factor = 40.94 - 18.33 * lf + 4.78 * lf.powi(2);
    let wnmh = 2.0e6 * PI * f_mhz / c;
    let term1 = lf * (beta_1 + gamma_1 * lf);
    let att_1km_db = alpha_1 + term1 - htg_hb_ref - htg_hm_ref - 20.0 * lg(2.0 * wnmh * sr_1km);
    let att_100km_db = alpha_100 + lf * (beta_100 + gamma_100 * lf);
    let term2 = -13.82 * lg(h_b_m);
    let n_h = 2.0 * (rho + lg(h_b_m) * (sigma + tau * lg(h_b_m)) - 1.0);
    let n_l = 0.1 * (44.9 - 6.55 * lg(h_b_m)) - 2.0;
    let d_bp_km = 10f64.powf((2.0 * n_h + 0.1 * (att_1km_db - att_100km_db)) / (n_h - n_l));
    let terma = -3.2 * lg(11.75 * h_m_m).powi(2) + 4.97;
    let sr_d = (1.0e6 * d_km.powi(2) + (h_b_m - h_m_m).powi(2)).sqrt();
    let urban = if d_km <= d_bp_km {
        alpha_1 + term1 + term2 + terma + (44.9 - 6.55 * lg(h_b_m)) * lg(d_km)
    } else {
        att_100km_db + htg_hb_ref + term2 + htg_hm_ref + terma - 20.0 * n_h
            + 10.0 * n_h * lg(d_km)
            + 20.0 * lg(2.0 * wnmh * sr_d)
    };
    let loss_db = match env {
        Environment::Urban => urban,
        Environment::Suburban => urban - suburban_factor,
        Environment::Rural => urban - rural_factor,
    };
    Median { loss_db, d_bp_km, att_1km_db, att_100km_db }
}

/// Isolated ridge correction [Okumura §4.2, Fig. 31], the reference's curve interpolation.
fn isolated_ridge_correction(d1_hzn_km: f64, d2_hzn_km: f64, h_edge_m: f64) -> f64 {
    const D_1_KM: [f64; 3] = [15.0, 30.0, 60.0];
    const D_2_KM: [f64; 9] = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0];
    const CURVES: [[f64; 9]; 3] = [
        [4.0, -13.0, -17.5, -17.5, -15.0, -12.5, -10.0, -8.0, -6.0], // C: d1 <= 15 km
        [12.0, -8.5, -13.0, -12.0, -10.0, -8.0, -6.5, -5.0, -4.0],   // B: d1 <= 30 km
        [20.0, -4.0, -6.5, -6.0, -4.5, -3.5, -2.5, -2.0, -1.0],      // A: d1 <= 60 km
    ];
    let alpha = (h_edge_m / 200.0).sqrt(); // normalised ridge height [Okumura eq. (1)]
    let id1 = usize::from(d1_hzn_km >= D_1_KM[1]);
    let mut id2 = 0;
    while id2 < 7 && d2_hzn_km > D_2_KM[id2 + 1] {
        id2 += 1;
    }
    let interp = |row: &[f64; 9]| {
        row[id2] + (row[id2 + 1] - row[id2]) * (d2_hzn_km - D_2_KM[id2]) / (D_2_KM[id2 + 1] - D_2_KM[id2])
    };
    let c1 = interp(&CURVES[id1]);
    let c2 = interp(&CURVES[id1 + 1]);
    alpha * (c1 + (c2 - c1) * (d1_hzn_km - D_1_KM[id1]) / (D_1_KM[id1 + 1] - D_1_KM[id1]))
}

/// Median rolling-hilly terrain correction [Okumura §4.1, Fig. 29], Delta h >= 15 m.
fn median_rolling_hilly_correction(delta_h_m: f64) -> f64 {
    let (a, b, c) = (-1.5072013, 8.458676, -6.102538);
    let dh = delta_h_m.max(15.0);
    a + dh.log10() * (b + c * dh.log10())
}

/// Fine rolling-hilly correction for the mobile's position in the terrain [Okumura §4.1, Fig. 30].
fn fine_rolling_hilly_correction(s: &TerrainStats, h_m_gnd_m: f64) -> f64 {
    // no correction on terrain smoother than 10 m (WInnForum #819, NTIA/ehata issue #7)
    if s.delta_h_m < 10.0 {
        return 0.0;
    }
    let (a, b, c) = (-11.728795, 15.544272, -1.8154766);
    let dh = s.delta_h_m;
    let k_h = a + dh.log10() * (b + c * dh.log10());
    if h_m_gnd_m >= s.pfl10_m {
        k_h
    } else if h_m_gnd_m <= s.pfl90_m {
        -k_h
    } else if h_m_gnd_m >= s.pfl50_m {
        k_h * (h_m_gnd_m - s.pfl50_m) / (s.pfl10_m - s.pfl50_m)
    } else {
        // continuous at the median (NTIA/ehata issue #3; ITS 1.0 measured from the 90 % level)
        -k_h * (s.pfl50_m - h_m_gnd_m) / (s.pfl50_m - s.pfl90_m)
    }
}

/// General slope correction [Okumura §4.3, Fig. 34].
fn general_slope_correction(theta_m_mrad: f64, d_km: f64) -> f64 {
    let (emm1, emm2) = (0.25, 0.8);
    let (emp1, emp2, emp3) = (0.125, 0.35, 0.6);
    if theta_m_mrad <= 0.0 {
        if d_km <= 10.0 {
            theta_m_mrad * emm1
        } else if d_km >= 30.0 {
            theta_m_mrad * emm2
        } else {
            theta_m_mrad * (emm1 + 0.05 * (emm2 - emm1) * (d_km - 10.0))
        }
    } else if d_km <= 10.0 {
        theta_m_mrad * emp1
    } else if d_km >= 60.0 {
        theta_m_mrad * emp3
    } else if d_km <= 30.0 {
        theta_m_mrad * (emp1 + 0.05 * (d_km - 10.0) * (emp2 - emp1))
    } else {
        theta_m_mrad * (emp2 + (d_km - 30.0) * (emp3 - emp2) / 30.0)
    }
}

/// Mixed land-sea path correction [Okumura §4.4, Fig. 36], interpolated between 30 and 60 km.
fn mixed_path_correction(d_km: f64, beta: f64, iend_ov_sea: i32) -> f64 {
    const BETA_30: [f64; 10] = [0.0, 0.15, 0.35, 0.45, 0.6, 0.65, 0.725, 0.775, 0.85, 1.0];
    const CORR_30: [[f64; 10]; 2] = [
        [0.0, 1.0, 3.0, 4.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0],
        [0.0, 4.0, 5.5, 7.0, 8.5, 9.0, 9.5, 9.8, 10.25, 11.0],
    ];
    const BETA_60: [f64; 10] = [0.0, 0.15, 0.3, 0.4, 0.5, 0.6, 0.725, 0.85, 0.9, 1.0];
    const CORR_60: [[f64; 10]; 2] = [
        [0.0, 2.0, 4.0, 5.5, 7.0, 9.0, 11.0, 13.0, 14.0, 15.0],
        [0.0, 4.25, 6.25, 9.2, 10.5, 11.75, 13.0, 14.0, 14.25, 15.0],
    ];
    if beta == 0.0 {
        return 0.0;
    }
    let segment = |b: &[f64; 10]| {
        let mut i = 0;
        while i < 8 && beta > b[i + 1] {
            i += 1;
        }
        i
    };
    let at = |betas: &[f64; 10], corr: &[[f64; 10]; 2]| {
        let i = segment(betas);
        let slope = |row: &[f64; 10]| (row[i + 1] - row[i]) / (betas[i + 1] - betas[i]);
        match iend_ov_sea {
            0 | 1 => {
                let row = &corr[iend_ov_sea as usize];
                row[i] + (beta - betas[i]) * slope(row)
            }
            _ => 0.5 * (corr[0][i] + corr[1][i] + (beta - betas[i]) * (slope(&corr[0]) + slope(&corr[1]))),
        }
    };
    if d_km <= 30.0 {
        at(&BETA_30, &CORR_30)
    } else if d_km >= 60.0 {
        at(&BETA_60, &CORR_60)
    } else {
        let c30 = at(&BETA_30, &CORR_30);
        let c60 = at(&BETA_60, &CORR_60);
        c30 + (d_km - 30.0) / 30.0 * (c60 - c30)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hata_urban_reference_points() {
        // The urban curve is fitted through 22 dB above free space at 1500 MHz, 1 km, h_b 200 m,
        // h_m 3 m (TR 15-517 A-4a): att_1km at 1500 MHz must be 22 dB.
        let m = median_basic_loss(1500.0, 200.0, 3.0, 1.0, Environment::Urban);
        assert!((m.att_1km_db - 22.0).abs() < 1e-9, "{}", m.att_1km_db);
        let m = median_basic_loss(3000.0, 200.0, 3.0, 1.0, Environment::Urban);
        assert!((m.att_1km_db - 25.85).abs() < 1e-9, "{}", m.att_1km_db);
        // 100 km fit: 63.5 dB at 1500 MHz, 69.5 dB at 3000 MHz (to the 8 digits of the constants)
        assert!(
            (median_basic_loss(1500.0, 200.0, 3.0, 1.0, Environment::Urban).att_100km_db - 63.5).abs() < 1e-5
        );
        assert!(
            (median_basic_loss(3000.0, 200.0, 3.0, 1.0, Environment::Urban).att_100km_db - 69.5).abs() < 1e-5
        );
    }

    proptest::proptest! {
        /// Any profile and inputs give a finite loss (no panic, no NaN), in both orientations.
        #[test]
        fn never_panics_and_is_finite(
            z in proptest::collection::vec(0.0f64..3000.0, 2..400),
            sea in proptest::bool::ANY,
            xi in 1.0f64..1000.0,
            f in 100.0f64..6000.0,
            h_b in 0.0f64..500.0,
            h_m in 0.0f64..30.0,
            env in 0i64..30,
        ) {
            let mut z = z;
            if sea {
                let n = z.len() / 3;
                z[..n].iter_mut().for_each(|h| *h = 0.0);
            }
            let pfl = Pfl::new(xi, z).unwrap();
            let p = EhataParams { f_mhz: f, h_b_m: h_b, h_m_m: h_m, environment: Environment::from_nlcd(env) };
            let r = ehata(&p, &pfl).unwrap();
            proptest::prop_assert!(r.loss_db.is_finite(), "{r:?}");
            let r2 = ehata_mobile_first(&p, &pfl.reversed()).unwrap();
            proptest::prop_assert_eq!(r.loss_db, r2.loss_db);
        }
    }

    #[test]
    fn environment_codes() {
        assert_eq!(Environment::from_nlcd(23), Environment::Urban);
        assert_eq!(Environment::from_nlcd(24), Environment::Urban);
        assert_eq!(Environment::from_nlcd(22), Environment::Suburban);
        assert_eq!(Environment::from_nlcd(112), Environment::Rural);
    }

    #[test]
    fn no_sea_no_mixed_path_correction() {
        assert_eq!(mixed_path_correction(40.0, 0.0, -1), 0.0);
        // all sea: 11 dB at 30 km, 15 dB at 60 km, whichever end
        assert!((mixed_path_correction(30.0, 1.0, 1) - 11.0).abs() < 1e-12);
        assert!((mixed_path_correction(60.0, 1.0, 0) - 15.0).abs() < 1e-12);
    }
}
