//! P.528-5 Annex 2 §13-§14: long-term (hourly-median) variability and the within-the-hour
//! Nakagami-Rice variability, and their combination.

/// Time percentages of the Nakagami-Rice table and of the interpolations, %.
const P: [f64; 17] =
    [1.0, 2.0, 5.0, 10.0, 15.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 85.0, 90.0, 95.0, 98.0, 99.0];
/// K values (dB) of the Nakagami-Rice curves.
const K: [f64; 17] = [
    -40.0, -25.0, -20.0, -18.0, -16.0, -14.0, -12.0, -10.0, -8.0, -6.0, -4.0, -2.0, 0.0, 2.0, 4.0, 6.0, 20.0,
];
/// Column of P = 99 %.
const Y_PI_99_INDEX: usize = 16;

/// Nakagami-Rice variability Y_π (dB) for each K (rows) at each P (columns), P.528-5 Annex 2
/// §13 (from IF-77 / NBS TN 101).
#[rustfmt::skip]
const NAKAGAMI_RICE: [[f64; 17]; 17] = [
    [-0.1417, -0.1252, -0.1004, -0.0784, -0.0634, -0.0515, -0.0321, -0.0155, 0.0000, 0.0156, 0.0323, 0.0518, 0.0639, 0.0791, 0.1016, 0.1271, 0.1441],
    [-0.7676, -0.6811, -0.5497, -0.4312, -0.3504, -0.2856, -0.1790, -0.0870, 0.0000, 0.0878, 0.1828, 0.2953, 0.3651, 0.4537, 0.5868, 0.7390, 0.8420],
    [-1.3183, -1.1738, -0.9524, -0.7508, -0.6121, -0.5003, -0.3151, -0.1537, 0.0000, 0.1564, 0.3269, 0.5308, 0.6585, 0.8218, 1.0696, 1.3572, 1.5544],
    [-1.6263, -1.4507, -1.1805, -0.9332, -0.7623, -0.6240, -0.3940, -0.1926, 0.0000, 0.1969, 0.4127, 0.6722, 0.8355, 1.0453, 1.3660, 1.7417, 2.0014],
    [-1.9963, -1.7847, -1.4573, -1.1557, -0.9462, -0.7760, -0.4916, -0.2410, 0.0000, 0.2478, 0.5209, 0.8519, 1.0615, 1.3326, 1.7506, 2.2463, 2.5931],
    [-2.4355, -2.1829, -1.7896, -1.4247, -1.1695, -0.9613, -0.6113, -0.3007, 0.0000, 0.3114, 0.6573, 1.0802, 1.3505, 1.7028, 2.2526, 2.9156, 3.3872],
    [-2.9491, -2.6507, -2.1831, -1.7455, -1.4375, -1.1846, -0.7567, -0.3737, 0.0000, 0.3903, 0.8281, 1.3698, 1.7198, 2.1808, 2.9119, 3.8143, 4.4714],
    [-3.5384, -3.1902, -2.6407, -2.1218, -1.7535, -1.4495, -0.9307, -0.4619, 0.0000, 0.4874, 1.0404, 1.7348, 2.1898, 2.7975, 3.7820, 5.0373, 5.9833],
    [-4.1980, -3.7974, -3.1602, -2.5528, -2.1180, -1.7565, -1.1345, -0.5662, 0.0000, 0.6045, 1.2999, 2.1887, 2.7814, 3.5868, 4.9288, 6.7171, 8.1319],
    [-4.9132, -4.4591, -3.7313, -3.0306, -2.5247, -2.1011, -1.3655, -0.6855, 0.0000, 0.7415, 1.6078, 2.7374, 3.5059, 4.5714, 6.4060, 8.9732, 11.0973],
    [-5.6559, -5.1494, -4.3315, -3.5366, -2.9578, -2.4699, -1.6150, -0.8154, 0.0000, 0.8935, 1.9530, 3.3611, 4.3363, 5.7101, 8.1216, 11.5185, 14.2546],
    [-6.3810, -5.8252, -4.9219, -4.0366, -3.3871, -2.8364, -1.8638, -0.9455, 0.0000, 1.0458, 2.2979, 3.9771, 5.1450, 6.7874, 9.6276, 13.4690, 16.4251],
    [-7.0247, -6.4249, -5.4449, -4.4782, -3.7652, -3.1580, -2.0804, -1.0574, 0.0000, 1.1723, 2.5755, 4.4471, 5.7363, 7.5266, 10.5553, 14.5401, 17.5511],
    [-7.5229, -6.8862, -5.8424, -4.8090, -4.0446, -3.3927, -2.2344, -1.1347, 0.0000, 1.2535, 2.7446, 4.7144, 6.0581, 7.9073, 11.0003, 15.0270, 18.0526],
    [-7.8532, -7.1880, -6.0963, -5.0145, -4.2145, -3.5325, -2.3227, -1.1774, 0.0000, 1.2948, 2.8268, 4.8377, 6.2021, 8.0724, 11.1869, 15.2265, 18.2566],
    [-8.0435, -7.3588, -6.2354, -5.1234, -4.3022, -3.6032, -2.3656, -1.1975, 0.0000, 1.3130, 2.8619, 4.8888, 6.2610, 8.1388, 11.2607, 15.3047, 18.3361],
    [-8.2238, -7.5154, -6.3565, -5.2137, -4.3726, -3.6584, -2.3979, -1.2121, 0.0000, 1.3255, 2.8855, 4.9224, 6.2992, 8.1814, 11.3076, 15.3541, 18.3864],
];

/// Straight line through (x1, y1) and (x2, y2), evaluated at x.
fn lerp(x1: f64, y1: f64, x2: f64, y2: f64, x: f64) -> f64 {
    (y1 * (x2 - x) + y2 * (x - x1)) / (x2 - x1)
}

/// Index of the first element ≥ x (C++ `lower_bound`).
fn lower_bound(v: &[f64], x: f64) -> usize {
    v.iter().position(|&e| e >= x).unwrap_or(v.len())
}

/// Index of the first element > x (C++ `upper_bound`).
fn upper_bound(v: &[f64], x: f64) -> usize {
    v.iter().position(|&e| e > x).unwrap_or(v.len())
}

/// Q⁻¹(q) by Abramowitz & Stegun 26.2.23 with the constants of the P.528 reference
/// implementation (c₀ = 2.515516), |ε| < 4.5·10⁻⁴.
pub(crate) fn inverse_ccdf(q: f64) -> f64 {
    let (c0, c1, c2, d1, d2, d3) = (2.515516, 0.802853, 0.010328, 1.432788, 0.189269, 0.001308);
    let x = if q > 0.5 { 1.0 - q } else { q };
    let t = (-2.0 * x.ln()).sqrt();
    let zeta = ((c2 * t + c1) * t + c0) / (((d3 * t + d2) * t + d1) * t + 1.0);
    if q > 0.5 {
        -(t - zeta)
    } else {
        t - zeta
    }
}

/// Y_π(p) (dB) of the Nakagami-Rice distribution with parameter `k_db`, interpolated in K and p.
pub(crate) fn nakagami_rice(k_db: f64, p: f64) -> f64 {
    let d_k = lower_bound(&K, k_db);
    let d_p = lower_bound(&P, p);
    let row = |i: usize| -> f64 {
        if d_p == 0 {
            NAKAGAMI_RICE[i][0]
        } else {
            lerp(P[d_p], NAKAGAMI_RICE[i][d_p], P[d_p - 1], NAKAGAMI_RICE[i][d_p - 1], p)
        }
    };
    if d_k == 0 {
        row(0)
    } else if d_k == K.len() {
        row(K.len() - 1)
    } else if d_p == 0 {
        lerp(K[d_k], NAKAGAMI_RICE[d_k][0], K[d_k - 1], NAKAGAMI_RICE[d_k - 1][0], k_db)
    } else {
        let v1 = lerp(K[d_k], NAKAGAMI_RICE[d_k][d_p], K[d_k - 1], NAKAGAMI_RICE[d_k - 1][d_p], k_db);
        let v2 = lerp(K[d_k], NAKAGAMI_RICE[d_k][d_p - 1], K[d_k - 1], NAKAGAMI_RICE[d_k - 1][d_p - 1], k_db);
        lerp(P[d_p], v1, P[d_p - 1], v2, p)
    }
}

/// K (dB) whose Nakagami-Rice Y_π(99 %) equals `y_pi_99_db` (§13, eq. (13-5) inverted).
pub(crate) fn k_for_y_pi_99(y_pi_99_db: f64) -> f64 {
    let col = |i: usize| NAKAGAMI_RICE[i][Y_PI_99_INDEX];
    if y_pi_99_db < col(0) {
        return K[0];
    }
    for i in 1..K.len() {
        if y_pi_99_db - col(i) < 0.0 {
            return (K[i] * (y_pi_99_db - col(i - 1)) - K[i - 1] * (y_pi_99_db - col(i)))
                / (col(i) - col(i - 1));
        }
    }
    K[K.len() - 1]
}

/// Combines two distributions A (median, p-value) and B: C(p) = A_M + B_M ± √((A_p−A_M)² + (B_p−B_M)²).
pub(crate) fn combine_distributions(a_m: f64, a_p: f64, b_m: f64, b_p: f64, p: f64) -> f64 {
    let y3 = ((a_p - a_m).powi(2) + (b_p - b_m).powi(2)).sqrt();
    if p < 50.0 {
        a_m + b_m + y3
    } else {
        a_m + b_m - y3
    }
}

/// §14 long-term variability Y_e(p) (dB) and the adjustment A_Y (dB); `a_t_db` is the
/// (negated) terrain attenuation, `f_theta_h` eq. (13-1).
pub(crate) fn long_term_variability(
    d_r1_km: f64,
    d_r2_km: f64,
    d_km: f64,
    f_mhz: f64,
    p: f64,
    f_theta_h: f64,
    a_t_db: f64,
) -> (f64, f64) {
    let d_qs_km = 65.0 * (100.0 / f_mhz).powf(1.0 / 3.0); // (14-1)
    let d_lq_km = d_r1_km + d_r2_km; // (14-2)
    let d_q_km = d_lq_km + d_qs_km; // (14-3)
    let d_e_km = if d_km <= d_q_km { 130.0 * d_km / d_q_km } else { 130.0 + d_km - d_q_km }; // (14-4)
    let (g_10, g_90) = if f_mhz > 1600.0 {
        (1.05, 1.05)
    } else {
        let s = (5.22 * (f_mhz / 200.0).log10()).sin();
        (0.21 * s + 1.28, 0.18 * s + 1.23) // (14-5), (14-6)
    };
    // NBS TN 101 Vol. 2: Y₀(90) (Table III.4 A*), Y₀(10) (Table III.3 A*), V(50) (Table III.5,
    // continental temperate): c₁, c₂, c₃, n₁, n₂, n₃, f_∞, f_m.
    const C: [[f64; 8]; 3] = [
        [2.93e-4, 3.78e-8, 1.02e-7, 2.00, 2.88, 3.15, 3.2, 8.2],
        [5.25e-4, 1.57e-6, 4.70e-7, 1.97, 2.31, 2.90, 5.4, 10.0],
        [1.59e-5, 1.56e-11, 2.77e-8, 2.32, 4.08, 3.25, 0.0, 3.9],
    ];
    let z = C.map(|[c1, c2, c3, n1, n2, n3, f_inf, f_m]| {
        let f2 = f_inf + (f_m - f_inf) * (-c2 * d_e_km.powf(n2)).exp(); // (14-8)
        (c1 * d_e_km.powf(n1) - f2) * (-c3 * d_e_km.powf(n3)).exp() + f2 // (14-7)
    });
    let y_p_db = if p == 50.0 {
        z[2]
    } else if p > 50.0 {
        let c_p = inverse_ccdf(p / 100.0) / inverse_ccdf(0.9);
        c_p * (-z[0] * g_90) + z[2]
    } else {
        let c_p = if p >= 10.0 {
            inverse_ccdf(p / 100.0) / inverse_ccdf(0.1)
        } else {
            // p < 10 %: NBS TN 101 climate 6 ratios at 1, 2, 5, 10 %.
            const PS: [f64; 4] = [1.0, 2.0, 5.0, 10.0];
            const C_PS: [f64; 4] = [1.9507, 1.7166, 1.3265, 1.0000];
            let i = upper_bound(&P, p);
            lerp(PS[i - 1], C_PS[i - 1], PS[i], C_PS[i], p)
        };
        c_p * (z[1] * g_10) + z[2]
    };
    let y_10_db = z[1] * g_10 + z[2]; // (14-20)
    let y_ei_db = f_theta_h * y_p_db; // (14-21)
    let y_ei_10_db = f_theta_h * y_10_db; // (14-22)
    let a_y = (a_t_db + y_ei_10_db - 3.0).max(0.0); // (14-23), (14-24)
    let mut y_e_db = y_ei_db - a_y; // (14-25)
    if p < 10.0 {
        // Keep the signal from exceeding free space by unrealistic amounts (Gierhart 1970).
        const C_Y: [f64; 4] = [-5.0, -4.5, -3.7, 0.0];
        let i = upper_bound(&P, p);
        let c_yi = lerp(P[i - 1], C_Y[i - 1], P[i], C_Y[i], p);
        y_e_db += a_t_db;
        if y_e_db > -c_yi {
            y_e_db = -c_yi;
        }
        y_e_db -= a_t_db;
    }
    (y_e_db, a_y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nakagami_rice_reproduces_table_nodes() {
        for (i, &k) in K.iter().enumerate() {
            for (j, &p) in P.iter().enumerate() {
                assert!((nakagami_rice(k, p) - NAKAGAMI_RICE[i][j]).abs() < 1e-12, "K {k} p {p}");
            }
        }
        // Outside the K range the extreme curves are used.
        assert_eq!(nakagami_rice(-60.0, 99.0), NAKAGAMI_RICE[0][16]);
        assert_eq!(nakagami_rice(30.0, 1.0), NAKAGAMI_RICE[16][0]);
    }

    #[test]
    fn k_for_y_pi_99_inverts_the_99_percent_column() {
        for (i, &k) in K.iter().enumerate().skip(1).take(K.len() - 2) {
            let y = NAKAGAMI_RICE[i][Y_PI_99_INDEX];
            // Exactly at a node the interpolation returns that node's K.
            assert!((k_for_y_pi_99(y + 1e-12) - k).abs() < 1e-6, "K {k}");
        }
        assert_eq!(k_for_y_pi_99(-1.0), K[0]);
        assert_eq!(k_for_y_pi_99(100.0), K[16]);
    }

    #[test]
    fn combination_is_root_sum_square_about_the_median() {
        let up = combine_distributions(1.0, 4.0, 0.0, 4.0, 10.0);
        let down = combine_distributions(1.0, -2.0, 0.0, -4.0, 90.0);
        assert!((up - (1.0 + 5.0)).abs() < 1e-12);
        assert!((down - (1.0 - 5.0)).abs() < 1e-12);
    }
}
