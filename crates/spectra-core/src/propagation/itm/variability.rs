//! Variability: the quantiles of attenuation in time, location and situation (ITM 1.4
//! `Variability`), [Algorithm §5, eq. (5.3)-(5.11); TN101 v2 eq. (III.69), (III.70);
//! TN101 Fig. 10.13].
//!
//! | here           | document                                       |
//! |----------------|------------------------------------------------|
//! | `z_t,z_l,z_s`  | z_T, z_L, z_S, standard normal deviates        |
//! | `d_e_m`        | d_e, effective distance [eq. (5.3)]            |
//! | `v_med_db`     | V_med, climate adjustment of the median        |
//! | `sigma_t`      | sigma_T, time variability (- and + branches)   |
//! | `sigma_l`      | sigma_L, location variability                  |
//! | `sigma_s`      | sigma_S, situation variability [eq. (5.10)]    |
use super::diffraction::terrain_roughness;
use super::{ItmWarnings, Mdvar, VariabilityMode};

const A_9000_M: f64 = 9000e3;

/// Inverse of the complementary normal distribution, Q^-1(q), by Abramowitz & Stegun 26.2.23
/// (|error| < 4.5e-4), as ITM uses it.
pub fn inverse_ccdf(q: f64) -> f64 {
    const C_0: f64 = 2.515516;
    const C_1: f64 = 0.802853;
    const C_2: f64 = 0.010328;
    const D_1: f64 = 1.432788;
    const D_2: f64 = 0.189269;
    const D_3: f64 = 0.001308;
    let x = if q > 0.5 { 1.0 - q } else { q };
    let t_x = (-2.0 * x.ln()).sqrt();
    let zeta_x = ((C_2 * t_x + C_1) * t_x + C_0) / (((D_3 * t_x + D_2) * t_x + D_1) * t_x + 1.0);
    let q_q = t_x - zeta_x;
    if q > 0.5 {
        -q_q
    } else {
        q_q
    }
}

/// The curve fit of TN101 v2 eq. (III.69)-(III.70).
fn curve(c1: f64, c2: f64, x1: f64, x2: f64, x3: f64, d_e_m: f64) -> f64 {
    (c1 + c2 / (1.0 + ((d_e_m - x2) / x3).powi(2))) * (d_e_m / x1).powi(2) / (1.0 + (d_e_m / x1).powi(2))
}

/// Climate constants, one column per climate 1..7 [Algorithm Table 5.1; TN101 Fig. 10.13].
struct ClimateTable;
impl ClimateTable {
    const ALL_YEAR: [[f64; 7]; 5] = [
        [-9.67, -0.62, 1.26, -9.21, -0.62, -0.39, 3.15],
        [12.7, 9.19, 15.5, 9.05, 9.19, 2.86, 857.9],
        [144.9e3, 228.9e3, 262.6e3, 84.1e3, 228.9e3, 141.7e3, 2222.0e3],
        [190.3e3, 205.2e3, 185.2e3, 101.1e3, 205.2e3, 315.9e3, 164.8e3],
        [133.8e3, 143.6e3, 99.8e3, 98.6e3, 143.6e3, 167.4e3, 116.3e3],
    ];
    const BSM1: [f64; 7] = [2.13, 2.66, 6.11, 1.98, 2.68, 6.86, 8.51];
    const BSM2: [f64; 7] = [159.5, 7.67, 6.65, 13.11, 7.16, 10.38, 169.8];
    const XSM1: [f64; 7] = [762.2e3, 100.4e3, 138.2e3, 139.1e3, 93.7e3, 187.8e3, 609.8e3];
    const XSM2: [f64; 7] = [123.6e3, 172.5e3, 242.2e3, 132.7e3, 186.8e3, 169.6e3, 119.9e3];
    const XSM3: [f64; 7] = [94.5e3, 136.4e3, 178.6e3, 193.5e3, 133.5e3, 108.9e3, 106.6e3];
    const BSP1: [f64; 7] = [2.11, 6.87, 10.08, 3.68, 4.75, 8.58, 8.43];
    const BSP2: [f64; 7] = [102.3, 15.53, 9.60, 159.3, 8.12, 13.97, 8.19];
    const XSP1: [f64; 7] = [636.9e3, 138.7e3, 165.3e3, 464.4e3, 93.2e3, 216.0e3, 136.2e3];
    const XSP2: [f64; 7] = [134.8e3, 143.7e3, 225.7e3, 93.1e3, 135.9e3, 152.0e3, 188.5e3];
    const XSP3: [f64; 7] = [95.6e3, 98.6e3, 129.7e3, 94.2e3, 113.4e3, 122.7e3, 122.9e3];
    const C_D: [f64; 7] = [1.224, 0.801, 1.380, 1.000, 1.224, 1.518, 1.518];
    const Z_D: [f64; 7] = [1.282, 2.161, 1.282, 20.0, 1.282, 1.282, 1.282];
    const BFM1: [f64; 7] = [1.0, 1.0, 1.0, 1.0, 0.92, 1.0, 1.0];
    const BFM2: [f64; 7] = [0.0, 0.0, 0.0, 0.0, 0.25, 0.0, 0.0];
    const BFM3: [f64; 7] = [0.0, 0.0, 0.0, 0.0, 1.77, 0.0, 0.0];
    const BFP1: [f64; 7] = [1.0, 0.93, 1.0, 0.93, 0.93, 1.0, 1.0];
    const BFP2: [f64; 7] = [0.0, 0.31, 0.0, 0.19, 0.31, 0.0, 0.0];
    const BFP3: [f64; 7] = [0.0, 2.00, 0.0, 1.79, 2.00, 0.0, 0.0];
}

/// The quantile A_ref - V_med - Y_R - Y_S of attenuation relative to free space, with the soft
/// limit for negative values [Algorithm eq. (5.2)]. Percentages are in (0, 100).
pub(crate) fn variability(
    time_pct: f64,
    location_pct: f64,
    situation_pct: f64,
    h_e_m: [f64; 2],
    delta_h_m: f64,
    f_mhz: f64,
    d_m: f64,
    a_ref_db: f64,
    climate_idx: usize,
    mdvar: Mdvar,
    warnings: &mut ItmWarnings,
) -> f64 {
    let c = climate_idx;
    let mut z_t = inverse_ccdf(time_pct / 100.0);
    let mut z_l = inverse_ccdf(location_pct / 100.0);
    let z_s = inverse_ccdf(situation_pct / 100.0);
    let wn = f_mhz / 47.7;
    // effective distance [Algorithm eq. (5.3)]
    let d_ex_m = (2.0 * A_9000_M * h_e_m[0]).sqrt()
        + (2.0 * A_9000_M * h_e_m[1]).sqrt()
        + (575.7e12 / wn).powf(1.0 / 3.0);
    let d_e_m = if d_m < d_ex_m { 130e3 * d_m / d_ex_m } else { 130e3 + d_m - d_ex_m };

    // +20: direct situation variability eliminated [Hufford 1982]
    let sigma_s = if mdvar.no_situation_variability { 0.0 } else { 5.0 + 3.0 * (-d_e_m / 100e3).exp() }; // (5.10)
    let t = &ClimateTable::ALL_YEAR;
    let v_med_db = curve(t[0][c], t[1][c], t[2][c], t[3][c], t[4][c], d_e_m);

    match mdvar.mode {
        VariabilityMode::SingleMessage => {
            z_t = z_s;
            z_l = z_s;
        }
        VariabilityMode::Accidental => z_l = z_s,
        VariabilityMode::Mobile => z_l = z_t,
        VariabilityMode::Broadcast => {}
    }
    if z_t.abs() > 3.10 || z_l.abs() > 3.10 || z_s.abs() > 3.10 {
        warnings.insert(ItmWarnings::EXTREME_VARIABILITIES);
    }

    // location variability, context of [Algorithm eq. (5.9)]
    let sigma_l = if mdvar.no_location_variability {
        0.0
    } else {
        let delta_h_d = terrain_roughness(d_m, delta_h_m);
        10.0 * wn * delta_h_d / (wn * delta_h_d + 13.0)
    };
    let y_l = sigma_l * z_l;

    // time variability
    let q = (0.133 * wn).ln();
    let g_minus = ClimateTable::BFM1[c] + ClimateTable::BFM2[c] / ((ClimateTable::BFM3[c] * q).powi(2) + 1.0);
    let g_plus = ClimateTable::BFP1[c] + ClimateTable::BFP2[c] / ((ClimateTable::BFP3[c] * q).powi(2) + 1.0);
    let sigma_t_minus = curve(
        ClimateTable::BSM1[c],
        ClimateTable::BSM2[c],
        ClimateTable::XSM1[c],
        ClimateTable::XSM2[c],
        ClimateTable::XSM3[c],
        d_e_m,
    ) * g_minus;
    let sigma_t_plus = curve(
        ClimateTable::BSP1[c],
        ClimateTable::BSP2[c],
        ClimateTable::XSP1[c],
        ClimateTable::XSP2[c],
        ClimateTable::XSP3[c],
        d_e_m,
    ) * g_plus;
    let sigma_td = ClimateTable::C_D[c] * sigma_t_plus;
    let tgtd = (sigma_t_plus - sigma_td) * ClimateTable::Z_D[c];
    let sigma_t = if z_t < 0.0 {
        sigma_t_minus
    } else if z_t <= ClimateTable::Z_D[c] {
        sigma_t_plus
    } else {
        sigma_td + tgtd / z_t
    };
    let y_t = sigma_t * z_t;

    // combination [Algorithm eq. (5.11)]
    let y_s_temp = sigma_s.powi(2) + y_t.powi(2) / (7.8 + z_s.powi(2)) + y_l.powi(2) / (24.0 + z_s.powi(2));
    let (y_r, y_s) = match mdvar.mode {
        VariabilityMode::SingleMessage => (0.0, (sigma_t.powi(2) + sigma_l.powi(2) + y_s_temp).sqrt() * z_s),
        VariabilityMode::Accidental => (y_t, (sigma_l.powi(2) + y_s_temp).sqrt() * z_s),
        VariabilityMode::Mobile => ((sigma_t.powi(2) + sigma_l.powi(2)).sqrt() * z_t, y_s_temp.sqrt() * z_s),
        VariabilityMode::Broadcast => (y_t + y_l, y_s_temp.sqrt() * z_s),
    };
    let mut result = a_ref_db - v_med_db - y_r - y_s;
    if result < 0.0 {
        result = result * (29.0 - result) / (29.0 - 10.0 * result); // [Algorithm eq. (5.2)]
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inverse_ccdf_matches_normal_quantiles() {
        // Q^-1(0.5) = 0, Q^-1(0.1) = 1.2816, Q^-1(0.9) = -1.2816, Q^-1(0.01) = 2.3263 (A&S Table 26.1),
        // within the 4.5e-4 error bound of formula 26.2.23
        assert!(inverse_ccdf(0.5).abs() < 4.5e-4);
        assert!((inverse_ccdf(0.1) - 1.281_551_6).abs() < 4.5e-4);
        assert!((inverse_ccdf(0.9) + 1.281_551_6).abs() < 4.5e-4);
        assert!((inverse_ccdf(0.01) - 2.326_347_9).abs() < 4.5e-4);
    }
}
