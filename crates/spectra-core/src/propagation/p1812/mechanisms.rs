//! P.1812-6 propagation mechanisms that are not the shared delta-Bullington diffraction:
//! line of sight with multipath/focusing (§4.2), troposcatter (§4.4), ducting/layer reflection
//! (§4.5) and the inverse cumulative normal approximation of Attachment 2.

/// Attachment 2, eq. (96)-(97): the approximation I(x) of the inverse complementary cumulative
/// normal distribution, x clamped to [10⁻⁶, 1 − 10⁻⁶] as the reference implementation does.
pub(crate) fn inv_cum_norm(x: f64) -> f64 {
    let x = x.clamp(0.000001, 0.999999);
    let t = |y: f64| (-2.0 * y.ln()).sqrt(); // (97a)
    let c = |z: f64| {
        let (c0, c1, c2, d1, d2, d3) = (2.515516698, 0.802853, 0.010328, 1.432788, 0.189269, 0.001308);
        let tz = t(z);
        ((c2 * tz + c1) * tz + c0) / (((d3 * tz + d2) * tz + d1) * tz + 1.0) // (97b)
    };
    if x <= 0.5 {
        t(x) - c(x) // (96a)
    } else {
        -(t(1.0 - x) - c(1.0 - x)) // (96b)
    }
}

/// §4.2 line of sight: (L_bfs, L_b0p, L_b0β), eq. (8)-(11).
pub(crate) fn line_of_sight(
    d_km: f64,
    hts_m: f64,
    hrs_m: f64,
    f_ghz: f64,
    p: f64,
    b0: f64,
    dlt_km: f64,
    dlr_km: f64,
) -> (f64, f64, f64) {
    let dfs2 = d_km * d_km + ((hts_m - hrs_m) / 1000.0).powi(2); // (8a)
    let lbfs = 92.4 + 20.0 * f_ghz.log10() + 10.0 * dfs2.log10(); // (8)
    let k = 2.6 * (1.0 - (-0.1 * (dlt_km + dlr_km)).exp());
    let esp = k * (p / 50.0).log10(); // (9a)
    let esb = k * (b0 / 50.0).log10(); // (9b)
    (lbfs, lbfs + esp, lbfs + esb) // (10), (11)
}

/// §4.4 troposcatter: L_bs (dB) not exceeded for p % of time, eq. (44)-(45).
pub(crate) fn troposcatter(d_km: f64, theta_mrad: f64, f_ghz: f64, p: f64, n0: f64) -> f64 {
    let lf = 25.0 * f_ghz.log10() - 2.5 * (f_ghz / 2.0).log10().powi(2); // (45)
    190.1 + lf + 20.0 * d_km.log10() + 0.573 * theta_mrad - 0.15 * n0 - 10.125 * (50.0 / p).log10().powf(0.7)
    // (44)
}

/// Inputs of the ducting/layer-reflection model.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Anomalous {
    pub d_km: f64,
    pub dlt_km: f64,
    pub dlr_km: f64,
    pub dct_km: f64,
    pub dcr_km: f64,
    pub dlm_km: f64,
    pub hts_m: f64,
    pub hrs_m: f64,
    pub hte_m: f64,
    pub hre_m: f64,
    pub hm_m: f64,
    pub theta_t_mrad: f64,
    pub theta_r_mrad: f64,
    pub omega: f64,
    pub ae_km: f64,
    pub b0: f64,
}

impl Anomalous {
    /// §4.5: L_ba (dB), eq. (46)-(56).
    pub(crate) fn loss_db(&self, f_ghz: f64, p: f64) -> f64 {
        let a = self;
        let alf = if f_ghz < 0.5 { 45.375 - 137.0 * f_ghz + 92.5 * f_ghz * f_ghz } else { 0.0 }; // (47a)
                                                                                                 // (48), (48a): site-shielding losses.
        let shielding = |theta: f64, dl: f64| {
            let theta2 = theta - 0.1 * dl;
            if theta2 > 0.0 {
                20.0 * (1.0 + 0.361 * theta2 * (f_ghz * dl).sqrt()).log10()
                    + 0.264 * theta2 * f_ghz.powf(1.0 / 3.0)
            } else {
                0.0
            }
        };
        let ast = shielding(a.theta_t_mrad, a.dlt_km);
        let asr = shielding(a.theta_r_mrad, a.dlr_km);
        // (49), (49a): over-sea surface-duct coupling.
        let coupling = |dc: f64, dl: f64, hs: f64| {
            if dc <= 5.0 && dc <= dl && a.omega >= 0.75 {
                -3.0 * (-0.25 * dc * dc).exp() * (1.0 + (0.07 * (50.0 - hs)).tanh())
            } else {
                0.0
            }
        };
        let act = coupling(a.dct_km, a.dlt_km, a.hts_m);
        let acr = coupling(a.dcr_km, a.dlr_km, a.hrs_m);
        let gamma_d = 5e-5 * a.ae_km * f_ghz.powf(1.0 / 3.0); // (51)
        let theta_t1 = if a.theta_t_mrad > 0.1 * a.dlt_km { 0.1 * a.dlt_km } else { a.theta_t_mrad }; // (52a)
        let theta_r1 = if a.theta_r_mrad > 0.1 * a.dlr_km { 0.1 * a.dlr_km } else { a.theta_r_mrad };
        let theta1 = 1e3 * a.d_km / a.ae_km + theta_t1 + theta_r1; // (52)
        let di = (a.d_km - a.dlt_km - a.dlr_km).min(40.0); // (56a)
        let mu3 = if a.hm_m > 10.0 { (-4.6e-5 * (a.hm_m - 10.0) * (43.0 + 6.0 * di)).exp() } else { 1.0 }; // (56)
        let tau = 1.0 - (-(4.12e-4 * a.dlm_km.powf(2.41))).exp(); // (3)
        let alpha = (-0.6 - 3.5e-9 * a.d_km.powf(3.1) * tau).max(-3.4); // (55a)
        let mu2 = (500.0 / a.ae_km * a.d_km * a.d_km / (a.hte_m.sqrt() + a.hre_m.sqrt()).powi(2))
            .powf(alpha)
            .min(1.0); // (55)
        let beta = a.b0 * mu2 * mu3; // (54)
        let lb = beta.log10();
        let gamma = 1.076 / (2.0058 - lb).powf(1.012)
            * (-(9.51 - 4.8 * lb + 0.198 * lb * lb) * 1e-6 * a.d_km.powf(1.13)).exp(); // (53a)
        let ap = -12.0 + (1.2 + 3.7e-3 * a.d_km) * (p / beta).log10() + 12.0 * (p / beta).powf(gamma); // (53)
        let adp = gamma_d * theta1 + ap; // (50)
        let af = 102.45
            + 20.0 * f_ghz.log10()
            + 20.0 * (a.dlt_km + a.dlr_km).log10()
            + alf
            + ast
            + asr
            + act
            + acr; // (47)
        af + adp // (46)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inverse_normal_approximation() {
        // I(0.5) = 0 up to the approximation error; I(0.1) ≈ 1.2816 (|ε| < 4.5e-4).
        assert!(inv_cum_norm(0.5).abs() < 5e-4);
        assert!((inv_cum_norm(0.1) - 1.281_551_6).abs() < 5e-4);
        assert!((inv_cum_norm(0.9) + inv_cum_norm(0.1)).abs() < 1e-12);
    }
}
