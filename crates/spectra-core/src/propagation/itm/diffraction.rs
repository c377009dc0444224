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

/// The parts of the diffraction attenuation that do not depend on the distance, computed once
/// per path (the reference recomputes them at d_3 and d_4 with identical inputs and results).
#[derive(Debug, Clone, Copy)]
pub(crate) struct DiffractionPath {
    f_mhz: f64,
    a_e_m: f64,
    theta_los: f64,
    d_hzn_m: [f64; 2],
    h_e_m: [f64; 2],
    h_m: [f64; 2],
    delta_h_m: f64,
    p2p: bool,
    abs_z_g: f64,
    f_third: f64,
    f_minus_third: f64,
    /// Vogler's normalised distances x_1, x_2 of the two horizon arcs, km.
    x_hzn_km: [f64; 2],
    /// Height-gain functions F(x_1, K_1) + F(x_2, K_2), dB.
    height_gain_db: f64,
    /// Clutter factor A_fo, dB [ERL 79-ITS 67 eq. (3.38c)].
    a_fo_db: f64,
}

impl DiffractionPath {
    pub(crate) fn new(
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
    ) -> DiffractionPath {
        let abs_z_g = z_g.abs();
        let f_third = f_mhz.powf(THIRD);
        let f_minus_third = f_mhz.powf(-THIRD);
        let mut x_hzn_km = [0.0; 2];
        let mut height_gain_db = [0.0; 2];
        for i in 0..2 {
            let a_m = 0.5 * d_hzn_m[i].powi(2) / h_e_m[i]; // [Vogler 1964 eq. (3)]
            let (c_0, k) = vogler_constants(a_m, f_minus_third, abs_z_g);
            let b_0 = 1.607 - k; // [Vogler 1964 Fig. 4]
            x_hzn_km[i] = b_0 * c_0.powi(2) * f_third * (d_hzn_m[i] / 1000.0);
            height_gain_db[i] = height_function(x_hzn_km[i], k);
        }
        let sigma_h_d = sigma_h(terrain_roughness(d_sml_m, delta_h_m));
        let a_fo_db = (5.0 * (1.0 + 1e-5 * h_m[0] * h_m[1] * f_mhz * sigma_h_d).log10()).min(15.0);
        DiffractionPath {
            f_mhz,
            a_e_m,
            theta_los,
            d_hzn_m,
            h_e_m,
            h_m,
            delta_h_m,
            p2p,
            abs_z_g,
            f_third,
            f_minus_third,
            x_hzn_km,
            height_gain_db: height_gain_db[0] + height_gain_db[1],
            a_fo_db,
        }
    }

    /// Smooth-earth diffraction by Vogler's three-radii method, [Algorithm eq. (4.12)-(4.20)].
    fn smooth_earth(&self, d_m: f64) -> f64 {
        let theta_nlos = d_m / self.a_e_m - self.theta_los; // [Algorithm eq. (4.12)]
        let d_ml_m = self.d_hzn_m[0] + self.d_hzn_m[1];
        let a_m = (d_m - d_ml_m) / (d_m / self.a_e_m - self.theta_los);
        let d_km = (a_m * theta_nlos) / 1000.0;
        let (c_0, k) = vogler_constants(a_m, self.f_minus_third, self.abs_z_g);
        let b_0 = 1.607 - k;
        let x_km = b_0 * c_0.powi(2) * self.f_third * d_km + self.x_hzn_km[0] + self.x_hzn_km[1];
        let g_x = 0.05751 * x_km - 10.0 * x_km.log10(); // [TN101 eq. (8.4)]
                                                        // the reference subtracts F_1 then F_2; the sum is formed first here (rounding only)
        g_x - self.height_gain_db - 20.0 // [Algorithm eq. (4.20)]
    }

    /// Diffraction attenuation at `d_m`: w A_r + (1 - w) A_k + A_fo, [ERL 79-ITS 67 eq. (3.23)],
    /// with, in point-to-point mode, C = 10 m^2 added to h_1 h_2 [ERL 79-ITS 67 p. 3-8].
    pub(crate) fn loss(&self, d_m: f64) -> f64 {
        let a_k = knife_edge(d_m, self.f_mhz, self.a_e_m, self.theta_los, self.d_hzn_m);
        let a_se = self.smooth_earth(d_m);
        let delta_h_d = terrain_roughness(d_m, self.delta_h_m);
        let mut q = self.h_m[0] * self.h_m[1];
        let qk = self.h_e_m[0] * self.h_e_m[1] - q;
        if self.p2p {
            q += 10.0;
        }
        let term1 = (1.0 + qk / q).sqrt();
        let d_ml_m = self.d_hzn_m[0] + self.d_hzn_m[1];
        let q = (term1 + (-self.theta_los * self.a_e_m + d_ml_m) / d_m)
            * (delta_h_d * self.f_mhz / 47.7).min(6283.2);
        let w = 25.1 / (25.1 + q.sqrt());
        w * a_se + (1.0 - w) * a_k + self.a_fo_db
    }
}

/// Vogler's C_0 = (4/3 a_0 / a)^(1/3) [Vogler 1964 eq. (2)] and K = 0.017778 C_0 f^(-1/3) / |Z_g|
/// [eq. (6a), (7a)] for an earth of radius `a_m`.
fn vogler_constants(a_m: f64, f_minus_third: f64, abs_z_g: f64) -> (f64, f64) {
    let c_0 = ((4.0 / 3.0) * A_0_M / a_m).powf(THIRD);
    (c_0, 0.017778 * c_0 * f_minus_third / abs_z_g)
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
