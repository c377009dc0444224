//! Forward-scatter (troposcatter) attenuation, [Algorithm eq. (4.63)-(4.67), (6.8)-(6.13);
//! TN101 eq. (9.3)-(9.5)].
//!
//! | here        | document                                      |
//! |-------------|-----------------------------------------------|
//! | `h0`        | H_0, frequency gain function                  |
//! | `eta_s`     | eta_s, scattering efficiency                  |
//! | `r_1, r_2`  | r_1, r_2 [TN101 eq. (9.4a)]                   |
//! | `s`, `q`    | asymmetry factors s and q [TN101 eq. (9.5)]   |

/// F(theta d), [Algorithm eq. (6.9)].
fn f_function(td: f64) -> f64 {
    const A: [f64; 3] = [133.4, 104.6, 71.8];
    const B: [f64; 3] = [0.332e-3, 0.212e-3, 0.157e-3];
    const C: [f64; 3] = [-10.0, -2.5, 5.0];
    let i = if td <= 10e3 {
        0
    } else if td <= 70e3 {
        1
    } else {
        2
    };
    A[i] + B[i] * td + C[i] * td.log10()
}

/// One of the five H_01(r) curves, [Algorithm eq. (6.13)].
fn h0_curve(j: usize, r: f64) -> f64 {
    const A: [f64; 5] = [25.0, 80.0, 177.0, 395.0, 705.0];
    const B: [f64; 5] = [24.0, 45.0, 68.0, 80.0, 105.0];
    10.0 * (1.0 + A[j] * (1.0 / r).powi(4) + B[j] * (1.0 / r).powi(2)).log10()
}

/// H_0(r, eta_s), interpolated between the curves for integer eta_s in [1, 5], [TN101 §9.2].
fn h0_function(r: f64, eta_s: f64) -> f64 {
    // max/min rather than clamp: a NaN eta_s becomes 1 instead of an index underflow
    #[allow(clippy::manual_clamp)]
    let eta_s = eta_s.max(1.0).min(5.0);
    let i = eta_s as usize;
    let q = eta_s - i as f64;
    let mut result = h0_curve(i - 1, r);
    if q != 0.0 {
        result = (1.0 - q) * result + q * h0_curve(i, r);
    }
    result
}

/// Troposcatter attenuation at `d_m`, [Algorithm eq. (4.63)]. `h0` carries H_0 between the two
/// calls of one prediction (first at d_6, then at d_5): above 15 dB the value of the previous call
/// is reused [Algorithm p. 12]. Returns 1001 dB where A_scat is undefined (r_1, r_2 < 0.2).
pub(crate) fn troposcatter_loss(
    d_m: f64,
    theta_hzn: [f64; 2],
    d_hzn_m: [f64; 2],
    h_e_m: [f64; 2],
    a_e_m: f64,
    n_s: f64,
    f_mhz: f64,
    theta_los: f64,
    h0: &mut f64,
) -> f64 {
    let wn = f_mhz / 47.7;
    let h_0 = if *h0 > 15.0 {
        *h0
    } else {
        let mut ad = d_hzn_m[0] - d_hzn_m[1];
        let mut rr = h_e_m[1] / h_e_m[0];
        if ad < 0.0 {
            ad = -ad;
            rr = 1.0 / rr;
        }
        let theta = theta_hzn[0] + theta_hzn[1] + d_m / a_e_m;
        let r_1 = 2.0 * wn * theta * h_e_m[0]; // [TN101 eq. (9.4a)]
        let r_2 = 2.0 * wn * theta * h_e_m[1];
        if r_1 < 0.2 && r_2 < 0.2 {
            return 1001.0;
        }
        let mut s = (d_m - ad) / (d_m + ad);
        #[allow(clippy::manual_clamp)]
        let q = (rr / s).max(0.1).min(10.0); // [TN101 eq. (9.5)], as the reference's MIN(MAX())
        s = s.max(0.1);
        let h_0_m = (d_m - ad) * (d_m + ad) * theta * 0.25 / d_m; // [Algorithm eq. (4.66)]
        const Z_0_M: f64 = 1.7556e3; // [Algorithm eq. (4.67)]
        const Z_1_M: f64 = 8.0e3;
        let eta_s = (h_0_m / Z_0_M)
            * (1.0
                + (0.031 - n_s * 2.32e-3 + n_s.powi(2) * 5.67e-6)
                    * (-((h_0_m / Z_1_M).min(1.7)).powi(6)).exp()); // [TN101 eq. (9.3a)]
        let h_00 = (h0_function(r_1, eta_s) + h0_function(r_2, eta_s)) / 2.0;
        let delta_h_0 = h_00.min(6.0 * (0.6 - eta_s.max(1.0).log10()) * s.log10() * q.log10());
        let mut h_0 = (h_00 + delta_h_0).max(0.0); // [TN101 eq. (9.5), p. 9-4]
        if eta_s < 1.0 {
            let sqrt2 = std::f64::consts::SQRT_2;
            h_0 = eta_s * h_0
                + (1.0 - eta_s)
                    * 10.0
                    * (((1.0 + sqrt2 / r_1) * (1.0 + sqrt2 / r_2)).powi(2) * (r_1 + r_2)
                        / (r_1 + r_2 + 2.0 * sqrt2))
                        .log10();
        }
        if h_0 > 15.0 && *h0 >= 0.0 {
            h_0 = *h0;
        }
        h_0
    };
    *h0 = h_0;
    let th = d_m / a_e_m - theta_los;
    const D_0_M: f64 = 40e3; // [Algorithm eq. (6.8)]
    const H_M: f64 = 47.7; // [Algorithm eq. (4.63)]
    f_function(th * d_m) + 10.0 * (wn * H_M * th.powi(4)).log10()
        - 0.1 * (n_s - 301.0) * (-th * d_m / D_0_M).exp()
        + h_0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn h0_interpolates_between_curves() {
        let r = 3.0;
        assert_eq!(h0_function(r, 2.0), h0_curve(1, r));
        let mid = h0_function(r, 2.5);
        assert!((mid - 0.5 * (h0_curve(1, r) + h0_curve(2, r))).abs() < 1e-12);
        // clamped to [1, 5]
        assert_eq!(h0_function(r, 0.3), h0_curve(0, r));
        assert_eq!(h0_function(r, 9.0), h0_curve(4, r));
    }
}
