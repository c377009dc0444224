//! Tropospheric scatter, ITU-R P.452-18 §4.3 (eqs (45), (45a), (45b)).

/// Basic transmission loss due to troposcatter not exceeded for `p_pct` % of time, dB (eq. (45)).
///
/// `theta_mrad`: path angular distance; `n0`: sea-level surface refractivity at the path centre;
/// `gt_dbi`, `gr_dbi`: antenna gains towards the horizon; `ag_db`: gaseous absorption over the
/// path with a water-vapour density of 3 g/m^3 (eq. (9)).
pub fn troposcatter_loss_db(
    f_ghz: f64,
    d_km: f64,
    theta_mrad: f64,
    p_pct: f64,
    n0: f64,
    gt_dbi: f64,
    gr_dbi: f64,
    ag_db: f64,
) -> f64 {
    let lf = 25.0 * f_ghz.log10() - 2.5 * (f_ghz / 2.0).log10().powi(2); // eq. (45a)
    let lc = 0.051 * (0.055 * (gt_dbi + gr_dbi)).exp(); // eq. (45b)
    190.0 + lf + 20.0 * d_km.log10() + 0.573 * theta_mrad - 0.15 * n0 + lc + ag_db
        - 10.1 * (-(p_pct / 50.0).log10()).powf(0.7) // eq. (45)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_worked_at_2_ghz_median() {
        // f = 2 GHz: L_f = 25 log 2; p = 50 %: no time term; G = 0: L_c = 0.051.
        let l = troposcatter_loss_db(2.0, 100.0, 10.0, 50.0, 320.0, 0.0, 0.0, 1.0);
        let expect = 190.0 + 25.0 * 2f64.log10() + 40.0 + 5.73 - 48.0 + 0.051 + 1.0;
        assert!((l - expect).abs() < 1e-12);
        // Lower percentages give lower losses.
        assert!(troposcatter_loss_db(2.0, 100.0, 10.0, 1.0, 320.0, 0.0, 0.0, 1.0) < l);
    }
}
