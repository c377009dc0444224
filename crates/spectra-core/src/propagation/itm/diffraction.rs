//! Diffraction attenuation: knife-edge [TN101 eq. (I.1), (I.7)], Vogler's three-radii smooth
//! earth [Vogler 1964; TN101 eq. (8.4)] and their weighted combination with the clutter factor
//! [ERL 79-ITS 67, eq. (3.23), (3.38c)].
//!
//! | here          | document                                        |
//! |---------------|-------------------------------------------------|
//! | `theta_los`   | theta_e, angular distance of line of sight      |
//! | `d_sml_m`     | d_Ls, smooth-earth maximum line-of-sight range  |
//! | `a_e_m`       | a_e, effective earth radius                     |
//! | `delta_h_m`   | Delta h                                         |
//! | `sigma_h_m`   | sigma_h, rms terrain deviation                  |
//! | `w`           | w, weighting factor                             |
use super::ground::Complex;

/// Radius of the actual earth used by Vogler's normalisation, m.
pub(crate) const A_0_M: f64 = 6370e3;
const THIRD: f64 = 1.0 / 3.0;

/// Delta h(d) = Delta h (1 - 0.8 exp(-d / 50 km)), [ERL 79-ITS 67, eq. (3)].
pub(crate) fn terrain_roughness(d_m: f64, delta_h_m: f64) -> f64 {
    delta_h_m * (1.0 - 0.8 * (-d_m / 50e3).exp())
}

/// sigma_h = 0.78 Delta h exp(-0.5 Delta h^(1/4)), [ERL 79-ITS 67, eq. (3.6a)].
pub(crate) fn sigma_h(delta_h_m: f64) -> f64 {
    0.78 * delta_h_m * (-0.5 * delta_h_m.powf(0.25)).exp()
}

/// Ideal knife-edge loss A(v, 0) from v^2, [TN101 v2 eq. (III.24b), (III.24c)].
fn fresnel_integral(v2: f64) -> f64 {
    if v2 < 5.76 {
        6.02 + 9.11 * v2.sqrt() - 1.27 * v2
    } else {
        12.953 + 10.0 * v2.log10()
    }
}

/// Double knife-edge attenuation at distance `d_m`, [TN101 eq. (I.7)], 1/(4 pi) = 0.0795775.
pub(crate) fn knife_edge(d_m: f64, f_mhz: f64, a_e_m: f64, theta_los: f64, d_hzn_m: [f64; 2]) -> f64 {
    let d_ml_m = d_hzn_m[0] + d_hzn_m[1];
    let theta_nlos = d_m / a_e_m - theta_los;
    let d_nlos_m = d_m - d_ml_m;
    let k = 0.0795775 * (f_mhz / 47.7) * theta_nlos.powi(2);
    let v_1 = k * d_hzn_m[0] * d_nlos_m / (d_nlos_m + d_hzn_m[0]);
    let v_2 = k * d_hzn_m[1] * d_nlos_m / (d_nlos_m + d_hzn_m[1]);
    fresnel_integral(v_1) + fresnel_integral(v_2)
}

/// Height-gain function F(x, K), [Vogler 1964; Algorithm eq. (4.21)-(4.23)].
fn height_function(x_km: f64, k: f64) -> f64 {
    if x_km < 200.0 {
        let w = -k.ln();
        if k < 1e-5 || x_km * w.powi(3) > 5495.0 {
            let mut result = -117.0;
            if x_km > 1.0 {
                result += 17.372 * x_km.ln();
            }
            result
        } else {
            2.5e-5 * x_km.powi(2) / k - 8.686 * w - 15.0
        }
    } else {
        let mut result = 0.05751 * x_km - 4.343 * x_km.ln();
        if x_km < 2000.0 {
            let w = 0.0134 * x_km * (-0.005 * x_km).exp();
            result = (1.0 - w) * result + w * (17.372 * x_km.ln() - 117.0);
        }
        result
    }
}

/// Smooth-earth diffraction by Vogler's three-radii method, [Algorithm eq. (4.12)-(4.20)].
pub(crate) fn smooth_earth(
    d_m: f64,
    f_mhz: f64,
    a_e_m: f64,
    theta_los: f64,
    d_hzn_m: [f64; 2],
    h_e_m: [f64; 2],
    z_g: Complex,
) -> f64 {
    let theta_nlos = d_m / a_e_m - theta_los; // [Algorithm eq. (4.12)]
    let d_ml_m = d_hzn_m[0] + d_hzn_m[1];
    let a_m = [
        (d_m - d_ml_m) / (d_m / a_e_m - theta_los),
        0.5 * d_hzn_m[0].powi(2) / h_e_m[0], // [Vogler 1964 eq. (3)]
        0.5 * d_hzn_m[1].powi(2) / h_e_m[1],
    ];
    let d_km = [(a_m[0] * theta_nlos) / 1000.0, d_hzn_m[0] / 1000.0, d_hzn_m[1] / 1000.0];
    let abs_z_g = z_g.abs();
    let f_third = f_mhz.powf(THIRD);
    let mut k = [0.0; 3];
    let mut x_km = [0.0; 3];
    for i in 0..3 {
        let c_0 = ((4.0 / 3.0) * A_0_M / a_m[i]).powf(THIRD); // [Vogler 1964 eq. (2)]
        k[i] = 0.017778 * c_0 * f_mhz.powf(-THIRD) / abs_z_g; // [Vogler 1964 eq. (6a)/(7a)]
        let b_0 = 1.607 - k[i]; // [Vogler 1964 Fig. 4]
        x_km[i] = b_0 * c_0.powi(2) * f_third * d_km[i];
    }
    x_km[0] += x_km[1] + x_km[2];
    let f_1 = height_function(x_km[1], k[1]);
    let f_2 = height_function(x_km[2], k[2]);
    let g_x = 0.05751 * x_km[0] - 10.0 * x_km[0].log10(); // [TN101 eq. (8.4)]
    g_x - f_1 - f_2 - 20.0 // [Algorithm eq. (4.20)]
}

/// Diffraction attenuation at `d_m`: w A_r + (1 - w) A_k + A_fo, [ERL 79-ITS 67 eq. (3.23)],
/// with the clutter factor A_fo [eq. (3.38c)] and, in point-to-point mode, C = 10 m^2 added to
/// h_1 h_2 [ERL 79-ITS 67 p. 3-8].
pub(crate) fn diffraction_loss(
    d_m: f64,
    d_hzn_m: [f64; 2],
    h_e_m: [f64; 2],
    z_g: Complex,
    a_e_m: f64,
    delta_h_m: f64,
    h_m: [f64; 2],
    p2p: bool,
    theta_los: f64,
    d_sml_m: f64,
    f_mhz: f64,
) -> f64 {
    let a_k = knife_edge(d_m, f_mhz, a_e_m, theta_los, d_hzn_m);
    let a_se = smooth_earth(d_m, f_mhz, a_e_m, theta_los, d_hzn_m, h_e_m, z_g);
    let sigma_h_d = sigma_h(terrain_roughness(d_sml_m, delta_h_m));
    let a_fo = (5.0 * (1.0 + 1e-5 * h_m[0] * h_m[1] * f_mhz * sigma_h_d).log10()).min(15.0);
    let delta_h_d = terrain_roughness(d_m, delta_h_m);
    let mut q = h_m[0] * h_m[1];
    let qk = h_e_m[0] * h_e_m[1] - q;
    if p2p {
        q += 10.0;
    }
    let term1 = (1.0 + qk / q).sqrt();
    let d_ml_m = d_hzn_m[0] + d_hzn_m[1];
    let q = (term1 + (-theta_los * a_e_m + d_ml_m) / d_m) * (delta_h_d * f_mhz / 47.7).min(6283.2);
    let w = 25.1 / (25.1 + q.sqrt());
    w * a_se + (1.0 - w) * a_k + a_fo
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knife_edge_fit_is_continuous_at_v_2_4() {
        // hand-worked: 6.02 + 9.11 * 2.4 - 1.27 * 5.76 = 20.5688 and 12.953 + 10 log10(5.76) =
        // 20.5572; the two fitted pieces meet within 0.012 dB
        let below = fresnel_integral(5.76 - 1e-12);
        let above = fresnel_integral(5.76);
        assert!((below - 20.5688).abs() < 1e-9, "{below}");
        assert!((above - 20.557_224_834).abs() < 1e-8, "{above}");
        // v = 0: 6 dB grazing loss
        assert!((fresnel_integral(0.0) - 6.02).abs() < 1e-12);
    }

    #[test]
    fn roughness_tends_to_delta_h() {
        assert!((terrain_roughness(1e9, 90.0) - 90.0).abs() < 1e-9);
        assert!((terrain_roughness(0.0, 90.0) - 18.0).abs() < 1e-9);
    }
}
