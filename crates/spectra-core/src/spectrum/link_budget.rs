//! Noise and link budget with typed units: thermal noise with noise figure, EIRP, received
//! power, and the interference criteria SEAMCAT and the ITU-R reports use: C/I, C/(N+I),
//! (N+I)/N, I/N and desensitisation.
//!
//! | quantity | definition | here |
//! |---|---|---|
//! | N | k T0 B F (Rec. ITU-R SM.1541 / P.372 convention, T0 = 290 K) | [`noise_floor`] |
//! | EIRP | P_tx + G_tx - L_feeder | [`eirp`] |
//! | C or I at the receiver input | EIRP - L_path + G_rx - L_rx | [`received_power`] |
//! | C/I | C - I | [`c_over_i`] |
//! | C/(N+I) | C - 10 log10(10^(N/10) + 10^(I/10)) | [`c_over_n_plus_i`] |
//! | (N+I)/N | 10 log10(1 + 10^((I-N)/10)), the desensitisation | [`n_plus_i_over_n`] |
//! | I/N | I - N | [`i_over_n`] |
use crate::units::{power_sum, thermal_noise, Db, Dbi, Dbm, Mhz};

/// Receiver noise floor `k T0 B F` for bandwidth `bandwidth` and noise figure `noise_figure`.
pub fn noise_floor(bandwidth: Mhz, noise_figure: Db) -> Dbm {
    thermal_noise(bandwidth, noise_figure)
}

/// Equivalent isotropically radiated power: `P_tx + G_tx - L_feeder`.
pub fn eirp(tx_power: Dbm, tx_gain: Dbi, feeder_loss: Db) -> Dbm {
    tx_power + tx_gain - feeder_loss
}

/// Power at the receiver input: `EIRP - L_path + G_rx - L_rx` (the gains are those towards
/// each other, from the antenna patterns).
pub fn received_power(eirp: Dbm, path_loss: Db, rx_gain: Dbi, rx_loss: Db) -> Dbm {
    eirp - path_loss + rx_gain - rx_loss
}

/// Carrier-to-interference ratio C/I.
pub fn c_over_i(c: Dbm, i: Dbm) -> Db {
    c - i
}

/// Interference-to-noise ratio I/N.
pub fn i_over_n(i: Dbm, n: Dbm) -> Db {
    i - n
}

/// C/(N+I), noise and interference summed in the linear domain.
pub fn c_over_n_plus_i(c: Dbm, n: Dbm, i: Dbm) -> Db {
    c - power_sum([n, i])
}

/// (N+I)/N, the desensitisation (noise rise) caused by interference I.
pub fn n_plus_i_over_n(n: Dbm, i: Dbm) -> Db {
    power_sum([n, i]) - n
}

/// Desensitisation D = (N+I)/N in dB, the same as [`n_plus_i_over_n`] (SEAMCAT handbook 1.2.8).
pub fn desensitisation(n: Dbm, i: Dbm) -> Db {
    n_plus_i_over_n(n, i)
}

/// The interference level I that produces a given I/N criterion: `N + I/N`.
pub fn interference_for_i_over_n(n: Dbm, i_over_n: Db) -> Dbm {
    n + i_over_n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_budget_chain() {
        // 43 dBm + 17 dBi - 2 dB = 58 dBm EIRP; -120 dB path, +0 dBi, -3 dB -> -65 dBm.
        let e = eirp(Dbm(43.0), Dbi(17.0), Db(2.0));
        assert_eq!(e, Dbm(58.0));
        assert_eq!(received_power(e, Db(120.0), Dbi(0.0), Db(3.0)), Dbm(-65.0));
    }

    #[test]
    fn criteria_identities() {
        let n = Dbm(-100.0);
        // I = N: (N+I)/N = 3.0103 dB, I/N = 0 dB.
        assert!((n_plus_i_over_n(n, n).0 - 10.0 * 2f64.log10()).abs() < 1e-12);
        assert_eq!(i_over_n(n, n), Db(0.0));
        // I/N = -6 dB gives the classic 0.97 dB desensitisation: 10 log10(1 + 10^-0.6).
        let i = interference_for_i_over_n(n, Db(-6.0));
        assert!((desensitisation(n, i).0 - 10.0 * (1.0 + 10f64.powf(-0.6)).log10()).abs() < 1e-12);
        // C/(N+I) = C/N - (N+I)/N.
        let c = Dbm(-80.0);
        assert!((c_over_n_plus_i(c, n, i).0 - ((c - n).0 - n_plus_i_over_n(n, i).0)).abs() < 1e-12);
        assert_eq!(c_over_i(c, i), Db(26.0));
    }
}
