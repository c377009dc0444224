//! Spectrum masks and adjacent-channel interference: emission masks, receiver selectivity,
//! ACLR / ACS / ACIR, frequency-dependent rejection (ITU-R SM.337-6) and the interfering power
//! a receiver collects from a transmitter at a frequency offset, as SEAMCAT computes it.
//!
//! Conventions (see `docs/models/spectrum.md`):
//! - frequency offsets in MHz, `delta_f_mhz = f_interferer - f_victim` (SEAMCAT's
//!   `Δf = f_ILT - f_VLR`);
//! - masks are linear in dB between their points and integrated exactly in the linear domain;
//! - powers are typed (`Dbm`), ratios `Db`.
//!
//! | symbol (SM.337-6 / SEAMCAT) | here |
//! |---|---|
//! | P(f), transmitter spectral density | [`EmissionMask::density_dbm_per_mhz`] |
//! | H(f), receiver response | `-`[`ReceiverMask::attenuation`] |
//! | Δf | `delta_f_mhz` |
//! | FDR(Δf) (SM.337 eq. 1) | [`fdr`] |
//! | iRSS_unwanted before gains/loss | [`EmissionMask::unwanted_power`] |
//! | iRSS_blocking before gains/loss (user-defined mode) | [`ReceiverMask::blocking_power`] |
//! | ACLR, ACS, ACIR | [`EmissionMask::aclr`], [`ReceiverMask::acs`], [`acir`] |
mod emission;
pub mod link_budget;
mod piecewise;
mod receiver;
mod spec;

pub use emission::{EmissionMask, MaskLevel, MaskPoint};
pub use receiver::{convert_reference_bandwidth, point_in_bandwidth, BlockingMode, ReceiverMask};
pub use spec::{AclrSpec, AcsSpec, EmissionMaskSpec, ReceiverMaskSpec};

use crate::units::{Db, Dbm};
use piecewise::integrate;

/// Adjacent channel interference ratio, `ACIR = 1 / (1/ACLR + 1/ACS)` in linear terms
/// (3GPP TR 36.942 / Report ITU-R M.2039 definition).
pub fn acir(aclr: Db, acs: Db) -> Db {
    Db(-10.0 * (10f64.powf(-aclr.0 / 10.0) + 10f64.powf(-acs.0 / 10.0)).log10())
}

/// Interfering power a receiver collects from a transmitter of power `tx_power` with mask `tx`
/// tuned `delta_f_mhz = f_interferer - f_victim` away: the transmitter spectrum integrated
/// through the receiver response, `10 log10 int P(f) |H(f + Δf)|^2 df` (the denominator of
/// SM.337-6 eq. (1)), dBm before antenna gains and path loss.
///
/// This is the complete adjacent-channel coupling (emissions and selectivity in one integral);
/// SEAMCAT splits it into unwanted emissions ([`EmissionMask::unwanted_power`], ideal receiver
/// filter) and blocking ([`ReceiverMask::blocking_power`], full transmitter power).
pub fn received_power(tx: &EmissionMask, tx_power: Dbm, rx: &ReceiverMask, delta_f_mhz: f64) -> Dbm {
    let (lo, hi) = tx.span_mhz();
    let mw = integrate(lo, hi, tx.emission_term(tx_power), tx.floor_term(), &[rx.response_term(delta_f_mhz)]);
    Dbm::from_mw(mw)
}

/// Frequency-dependent rejection, ITU-R SM.337-6 eq. (1):
/// `FDR(Δf) = 10 log10( int P(f) df / int P(f) |H(f + Δf)|^2 df )`, with `P` the transmitter
/// spectrum (`tx` at power `tx_power`, which only matters for absolute masks or a floor) and `H`
/// the receiver response. `FDR(0)` is the on-tune rejection (OTR); `FDR - OTR` the off-frequency
/// rejection (OFR).
pub fn fdr(tx: &EmissionMask, tx_power: Dbm, rx: &ReceiverMask, delta_f_mhz: f64) -> Db {
    tx.total_power(tx_power) - received_power(tx, tx_power, rx, delta_f_mhz)
}

/// The adjacent-channel figures of one transmitter / receiver pair at one offset, for quick
/// checks (`spectra acir`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AdjacentChannel {
    /// ACLR of `tx` into a channel of the receiver's bandwidth at the offset.
    pub aclr: Db,
    /// ACS of `rx` to an interferer of the transmitter's channel bandwidth at the offset.
    pub acs: Db,
    /// 1/(1/ACLR + 1/ACS).
    pub acir: Db,
    /// SM.337 FDR of the full masks at the offset.
    pub fdr: Db,
}

/// ACLR, ACS, ACIR and FDR of a transmitter (mask `tx`, power `tx_power`, own channel
/// `tx_channel_bw_mhz`) and a receiver `rx` at `delta_f_mhz = f_interferer - f_victim`.
pub fn adjacent_channel(
    tx: &EmissionMask,
    tx_power: Dbm,
    tx_channel_bw_mhz: f64,
    rx: &ReceiverMask,
    delta_f_mhz: f64,
) -> AdjacentChannel {
    // The victim channel sits at -delta_f in the transmitter's offsets.
    let aclr = tx.aclr(tx_power, tx_channel_bw_mhz, -delta_f_mhz, rx.bandwidth_mhz());
    let acs = rx.acs(delta_f_mhz, tx_channel_bw_mhz);
    AdjacentChannel { aclr, acs, acir: acir(aclr, acs), fdr: fdr(tx, tx_power, rx, delta_f_mhz) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acir_of_equal_terms_is_3_db_less() {
        let a = acir(Db(45.0), Db(45.0));
        assert!((a.0 - (45.0 - 10.0 * 2f64.log10())).abs() < 1e-12);
        // A much larger ACS leaves ACIR ~ ACLR.
        assert!((acir(Db(30.0), Db(90.0)).0 - 30.0).abs() < 1e-5);
    }

    #[test]
    fn adjacent_channel_summary() {
        let tx = EmissionMask::from_aclr(4.5, &[(5.0, 45.0, 4.5)]).unwrap();
        let rx = ReceiverMask::from_acs(4.5, &[(5.0, 33.0)]).unwrap();
        let a = adjacent_channel(&tx, Dbm(46.0), 4.5, &rx, 5.0);
        assert!((a.aclr.0 - 45.0).abs() < 1e-9 && (a.acs.0 - 33.0).abs() < 1e-9);
        assert!((a.acir.0 - acir(Db(45.0), Db(33.0)).0).abs() < 1e-12);
        assert!(a.fdr.0 > 0.0);
    }

    #[test]
    fn fdr_of_matched_rectangles() {
        let tx = EmissionMask::rectangular(1.0).unwrap();
        let rx = ReceiverMask::rectangular(1.0).unwrap();
        assert!(fdr(&tx, Dbm(0.0), &rx, 0.0).0.abs() < 1e-12);
        // Half-overlap: 3.01 dB.
        assert!((fdr(&tx, Dbm(0.0), &rx, 0.5).0 - 10.0 * 2f64.log10()).abs() < 1e-12);
        // No overlap: nothing received.
        assert_eq!(received_power(&tx, Dbm(0.0), &rx, 2.0).0, f64::NEG_INFINITY);
    }
}
