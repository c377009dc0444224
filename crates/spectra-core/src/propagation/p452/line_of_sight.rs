//! Line-of-sight propagation with multipath and focusing effects, ITU-R P.452-18 §4.1
//! (eqs (8)-(12)).

/// Basic transmission loss of free space plus gaseous absorption, dB (eq. (8)), for path length
/// `d_km` and total specific gaseous attenuation `gamma_db_per_km` (eq. (9)).
pub fn free_space_gas_db(f_ghz: f64, d_km: f64, gamma_db_per_km: f64) -> f64 {
    92.4 + 20.0 * f_ghz.log10() + 20.0 * d_km.log10() + gamma_db_per_km * d_km // eqs (8), (9)
}

/// Correction for multipath and focusing not exceeded for `pct` % of time, dB (eqs (10a), (10b)),
/// with horizon (or Bullington-point) distances `dlt_km`, `dlr_km`.
pub fn multipath_focusing_db(pct: f64, dlt_km: f64, dlr_km: f64) -> f64 {
    2.6 * (1.0 - (-0.1 * (dlt_km + dlr_km)).exp()) * (pct / 50.0).log10()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_space_constant_and_no_correction_at_median() {
        // 92.4 + 20 log f(GHz) + 20 log d(km): 1 GHz, 10 km, no gas = 112.4 dB.
        assert!((free_space_gas_db(1.0, 10.0, 0.0) - 112.4).abs() < 1e-12);
        assert!((free_space_gas_db(1.0, 10.0, 0.01) - 112.5).abs() < 1e-12);
        assert_eq!(multipath_focusing_db(50.0, 10.0, 10.0), 0.0);
        // Enhancement (negative) below 50 %.
        assert!(multipath_focusing_db(1.0, 10.0, 10.0) < 0.0);
    }
}
