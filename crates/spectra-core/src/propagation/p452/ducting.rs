//! Ducting and layer reflection, ITU-R P.452-18 §4.4 (eqs (46)-(56)).
use super::analysis::PathAnalysis;

/// The frequency-independent part of the anomalous-propagation model for one path.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ducting {
    /// beta = beta_0 mu_2 mu_3, % (eq. (54)).
    beta_pct: f64,
    /// Gamma of eq. (55).
    gamma_exp: f64,
    /// theta'': corrected angular distance, mrad (eq. (52)).
    theta2_mrad: f64,
    /// Site-shielding angles theta''_t, theta''_r of eq. (48a), mrad.
    theta1_t_mrad: f64,
    theta1_r_mrad: f64,
    /// Over-sea surface duct coupling corrections A_ct + A_cr, dB (eqs (49), (49a)).
    coupling_db: f64,
    d_km: f64,
    dlt_km: f64,
    dlr_km: f64,
    ae_km: f64,
}

impl Ducting {
    /// Prepares the model for a path and the distances from the terminals to the coast over land
    /// (`dct_km`, `dcr_km`).
    pub fn new(a: &PathAnalysis, dct_km: f64, dcr_km: f64) -> Ducting {
        let (d, dlt, dlr) = (a.dtot_km, a.dlt_km, a.dlr_km);
        // Eqs (49), (49a): over-sea surface duct coupling.
        let coupling = |dc: f64, dl: f64, hs: f64| {
            if dc <= 5.0 && dc <= dl && a.omega >= 0.75 {
                -3.0 * (-0.25 * dc * dc).exp() * (1.0 + (0.07 * (50.0 - hs)).tanh())
            } else {
                0.0
            }
        };
        let coupling_db = coupling(dct_km, dlt, a.hts_m) + coupling(dcr_km, dlr, a.hrs_m);
        // Eq. (52a): angular distance corrected for site shielding.
        let theta2_t = a.theta_t_mrad.min(0.1 * dlt);
        let theta2_r = a.theta_r_mrad.min(0.1 * dlr);
        let theta2 = 1e3 * d / a.ae_km + theta2_t + theta2_r; // eq. (52)
                                                              // Eqs (54)-(56): beta and the path-geometry and roughness corrections.
        let di = (d - dlt - dlr).min(40.0); // eq. (56a)
        let mu3 = if a.hm_m > 10.0 { (-4.6e-5 * (a.hm_m - 10.0) * (43.0 + 6.0 * di)).exp() } else { 1.0 }; // eq. (56)
        let tau = 1.0 - (-(4.12e-4 * a.dlm_km.powf(2.41))).exp(); // eq. (3a)
        let alpha = (-0.6 - 3.5e-9 * d.powf(3.1) * tau).max(-3.4); // eq. (55a)
        let mu2 = (500.0 / a.ae_km * d * d / (a.hte_m.sqrt() + a.hre_m.sqrt()).powi(2)).powf(alpha).min(1.0); // eq. (55)
        let beta = a.b0_pct * mu2 * mu3; // eq. (54)
        let lb = beta.log10();
        let gamma_exp = 1.076 / (2.0058 - lb).powf(1.012)
            * (-(9.51 - 4.8 * lb + 0.198 * lb * lb) * 1e-6 * d.powf(1.13)).exp(); // eq. (53a)
        Ducting {
            beta_pct: beta,
            gamma_exp,
            theta2_mrad: theta2,
            theta1_t_mrad: a.theta_t_mrad - 0.1 * dlt,
            theta1_r_mrad: a.theta_r_mrad - 0.1 * dlr,
            coupling_db,
            d_km: d,
            dlt_km: dlt,
            dlr_km: dlr,
            ae_km: a.ae_km,
        }
    }

    /// The fixed coupling losses A_f (eq. (47)) plus the angular-distance term gamma_d theta''
    /// of eq. (50) and the gaseous absorption `ag_db`: everything but the time dependence, dB.
    pub fn fixed_losses_db(&self, f_ghz: f64, ag_db: f64) -> f64 {
        let alf = if f_ghz < 0.5 { 45.375 - 137.0 * f_ghz + 92.5 * f_ghz * f_ghz } else { 0.0 }; // eq. (47a)
        let cbrt_f = f_ghz.powf(1.0 / 3.0);
        let shielding = |theta1: f64, dl: f64| {
            if theta1 > 0.0 {
                20.0 * (1.0 + 0.361 * theta1 * (f_ghz * dl).sqrt()).log10() + 0.264 * theta1 * cbrt_f
            // eq. (48)
            } else {
                0.0
            }
        };
        let af = 102.45
            + 20.0 * f_ghz.log10()
            + 20.0 * (self.dlt_km + self.dlr_km).log10()
            + alf
            + shielding(self.theta1_t_mrad, self.dlt_km)
            + shielding(self.theta1_r_mrad, self.dlr_km)
            + self.coupling_db; // eq. (47)
        let gamma_d = 5e-5 * self.ae_km * cbrt_f; // eq. (51)
        af + gamma_d * self.theta2_mrad + ag_db
    }

    /// Time-percentage variability A(p), dB (eq. (53)).
    pub fn time_variability_db(&self, p_pct: f64) -> f64 {
        let r = p_pct / self.beta_pct;
        -12.0 + (1.2 + 3.7e-3 * self.d_km) * r.log10() + 12.0 * r.powf(self.gamma_exp)
    }
}
