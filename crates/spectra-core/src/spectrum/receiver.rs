//! Receiver selectivity masks: attenuation of the receiver vs the frequency offset of a signal.
//!
//! A mask is a list of points (`delta_f_mhz`, `attenuation_db`) with
//! `delta_f_mhz = f_signal - f_receiver` (SEAMCAT's `Δf = f_ILT - f_VLR`), attenuation linear in
//! dB between points and holding its end values beyond them. The in-band attenuation is normally
//! 0 dB. The same mask serves as SEAMCAT's user-defined blocking response: the attenuation
//! `a_VLR(Δf)` applied to the full interfering power ([`ReceiverMask::blocking_power`]).
use super::emission::MaskPoint;
use super::piecewise::{integrate, Outside, PiecewiseDb, Term};
use crate::units::{Db, Dbm};
use crate::{Error, Result};

/// A receiver selectivity (and blocking) mask.
#[derive(Debug, Clone, PartialEq)]
pub struct ReceiverMask {
    bandwidth_mhz: f64,
    /// Response in dB (= -attenuation) vs delta_f.
    response: PiecewiseDb,
}

impl ReceiverMask {
    /// A receiver of noise/channel bandwidth `bandwidth_mhz` with selectivity given as
    /// (`delta_f_mhz`, `attenuation_db`) points sorted by offset; the end attenuations hold
    /// beyond the last points.
    pub fn new(bandwidth_mhz: f64, points: &[(f64, f64)]) -> Result<Self> {
        if !(bandwidth_mhz > 0.0 && bandwidth_mhz.is_finite()) {
            return Err(Error::out_of_range("receiver.bandwidth_mhz", bandwidth_mhz, "> 0 MHz"));
        }
        if points.len() < 2 {
            return Err(Error::out_of_range("receiver_mask.points", points.len(), "at least 2 points"));
        }
        for (i, &(df, a)) in points.iter().enumerate() {
            if !df.is_finite() || !a.is_finite() {
                return Err(Error::out_of_range(
                    &format!("receiver_mask[{i}]"),
                    format!("({df}, {a})"),
                    "finite delta_f_mhz and attenuation_db",
                ));
            }
            if i > 0 && df < points[i - 1].0 {
                return Err(Error::out_of_range(
                    &format!("receiver_mask[{i}].delta_f_mhz"),
                    df,
                    format!(">= previous offset {} MHz (points sorted by offset)", points[i - 1].0),
                ));
            }
        }
        if points[points.len() - 1].0 <= points[0].0 {
            return Err(Error::out_of_range(
                "receiver_mask.delta_f_mhz",
                points[0].0,
                "a mask spanning a non-zero frequency range",
            ));
        }
        let x = points.iter().map(|p| p.0).collect();
        let y = points.iter().map(|p| -p.1).collect();
        Ok(ReceiverMask { bandwidth_mhz, response: PiecewiseDb::new(x, y, Outside::Hold) })
    }

    /// A mask symmetric about the tuned frequency from its points at offsets >= 0.
    pub fn symmetric(bandwidth_mhz: f64, upper_half: &[(f64, f64)]) -> Result<Self> {
        let mut points: Vec<(f64, f64)> =
            upper_half.iter().rev().filter(|p| p.0 > 0.0).map(|&(df, a)| (-df, a)).collect();
        points.extend_from_slice(upper_half);
        Self::new(bandwidth_mhz, &points)
    }

    /// An ideal rectangular filter: 0 dB within +-bandwidth/2, nothing passes outside.
    pub fn rectangular(bandwidth_mhz: f64) -> Result<Self> {
        if !(bandwidth_mhz > 0.0 && bandwidth_mhz.is_finite()) {
            return Err(Error::out_of_range("receiver.bandwidth_mhz", bandwidth_mhz, "> 0 MHz"));
        }
        let h = 0.5 * bandwidth_mhz;
        Ok(ReceiverMask {
            bandwidth_mhz,
            response: PiecewiseDb::new(vec![-h, h], vec![0.0, 0.0], Outside::Nothing),
        })
    }

    /// A selectivity mask that reproduces given ACS values, for receivers specified by ACS only:
    /// 0 dB within `±bandwidth/2`, then for each (`offset_mhz`, `acs_db`), sorted by offset, a
    /// flat attenuation `acs_db` up to half-way to the next offset (the last one holds for
    /// ever); symmetric. [`ReceiverMask::acs`] returns `acs_db` for any interferer lying
    /// within its step.
    pub fn from_acs(bandwidth_mhz: f64, acs: &[(f64, f64)]) -> Result<Self> {
        if !(bandwidth_mhz > 0.0 && bandwidth_mhz.is_finite()) {
            return Err(Error::out_of_range("receiver.bandwidth_mhz", bandwidth_mhz, "> 0 MHz"));
        }
        let mut edge = 0.5 * bandwidth_mhz;
        let mut pts = vec![(0.0, 0.0), (edge, 0.0)];
        for (i, &(off, a)) in acs.iter().enumerate() {
            if !(off > edge && a.is_finite()) {
                return Err(Error::out_of_range(
                    &format!("acs[{i}]"),
                    format!("({off}, {a})"),
                    format!("offset > {edge} MHz (sorted, beyond the channel edge), finite ACS"),
                ));
            }
            pts.push((edge, a));
            edge = match acs.get(i + 1) {
                Some(&(next, _)) => 0.5 * (off + next),
                None => off + 0.5 * bandwidth_mhz,
            };
            pts.push((edge, a));
        }
        Self::symmetric(bandwidth_mhz, &pts)
    }

    /// Receiver (noise) bandwidth, MHz.
    pub fn bandwidth_mhz(&self) -> f64 {
        self.bandwidth_mhz
    }

    /// Attenuation of a signal at `delta_f_mhz = f_signal - f_receiver` (`+inf` outside an ideal
    /// rectangular filter).
    pub fn attenuation(&self, delta_f_mhz: f64) -> Db {
        Db(-self.response.value_db(delta_f_mhz))
    }

    /// SEAMCAT blocking, user-defined mode: the interfering transmitter's full power reduced by
    /// the receiver attenuation at `delta_f_mhz = f_interferer - f_victim`
    /// (iRSS_blocking before antenna gains and path loss). As in SEAMCAT the interferer's
    /// bandwidth is not considered.
    pub fn blocking_power(&self, tx_power: Dbm, delta_f_mhz: f64) -> Dbm {
        tx_power - self.attenuation(delta_f_mhz)
    }

    /// SEAMCAT blocking in any mode: this mask's values read as `block(Δf)` and converted by
    /// `mode` into the attenuation applied to the full interfering power.
    pub fn blocking_power_in_mode(&self, tx_power: Dbm, delta_f_mhz: f64, mode: &BlockingMode) -> Dbm {
        tx_power - mode.attenuation(self.attenuation(delta_f_mhz).0)
    }

    /// The receiver response placed on a transmitter's offset axis: a component at offset `x`
    /// from a carrier `delta_f_mhz` away from the receiver sees `response(x + delta_f)`.
    pub(crate) fn response_term(&self, delta_f_mhz: f64) -> Term<'_> {
        Term { f: &self.response, x_shift: -delta_f_mhz, y_shift_db: 0.0 }
    }

    /// Mean linear response over `[lo, hi]` (offsets from the tuned frequency).
    fn mean_response(&self, lo: f64, hi: f64) -> f64 {
        let unit = PiecewiseDb::new(vec![lo, hi], vec![0.0, 0.0], Outside::Nothing);
        let spectrum = Term { f: &unit, x_shift: 0.0, y_shift_db: 0.0 };
        integrate(lo, hi, spectrum, None, &[self.response_term(0.0)]) / (hi - lo)
    }

    /// Adjacent channel selectivity: the mean response over the receiver's own channel
    /// (`±bandwidth/2`) over the mean response over an interfering channel of
    /// `interferer_bw_mhz` centred `delta_f_mhz` away (rectangular interferer spectrum, the
    /// 3GPP test-signal idealisation).
    pub fn acs(&self, delta_f_mhz: f64, interferer_bw_mhz: f64) -> Db {
        let h = 0.5 * self.bandwidth_mhz;
        let own = self.mean_response(-h, h);
        let hi = 0.5 * interferer_bw_mhz;
        let adj = if hi > 0.0 {
            self.mean_response(delta_f_mhz - hi, delta_f_mhz + hi)
        } else {
            // A CW interferer: the response at the offset itself.
            10f64.powf(self.response.value_db(delta_f_mhz) / 10.0)
        };
        Db::from_linear(own / adj)
    }
}

/// How a SEAMCAT blocking mask value `block(Δf)` turns into the receiver attenuation
/// `a_VLR(Δf)` (SEAMCAT handbook annex 8, eqs. 13-15 of chapter 1.4.6).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum BlockingMode {
    /// The mask holds the attenuation itself (dB): `a = block` (eq. 13).
    UserDefined,
    /// The mask holds protection ratios (dB):
    /// `a = block + C/(N+I) + (N+I)/N - I/N` (eq. 14).
    ProtectionRatio {
        /// C/(N+I) criterion of the victim receiver.
        c_over_n_plus_i: Db,
        /// (N+I)/N criterion.
        n_plus_i_over_n: Db,
        /// I/N criterion.
        i_over_n: Db,
    },
    /// The mask holds the maximum tolerated interfering level (dBm):
    /// `a = block - sensitivity + C/(N+I) - I/N` (eq. 15).
    Sensitivity {
        /// Receiver sensitivity.
        sensitivity: Dbm,
        /// C/(N+I) criterion.
        c_over_n_plus_i: Db,
        /// I/N criterion.
        i_over_n: Db,
    },
}

impl BlockingMode {
    /// Receiver attenuation `a_VLR` from the mask value `block_db` at the frequency offset.
    pub fn attenuation(&self, block_db: f64) -> Db {
        match *self {
            BlockingMode::UserDefined => Db(block_db),
            BlockingMode::ProtectionRatio { c_over_n_plus_i, n_plus_i_over_n, i_over_n } => {
                Db(block_db + c_over_n_plus_i.0 + n_plus_i_over_n.0 - i_over_n.0)
            }
            BlockingMode::Sensitivity { sensitivity, c_over_n_plus_i, i_over_n } => {
                Db(block_db - sensitivity.0 + c_over_n_plus_i.0 - i_over_n.0)
            }
        }
    }
}

/// Converts a level measured in `from_bw_mhz` to the level in `to_bw_mhz` for a spectrum flat
/// over the bandwidths: `L + 10 log10(to / from)` (SEAMCAT's bandwidth correction factor).
pub fn convert_reference_bandwidth(level_db: f64, from_bw_mhz: f64, to_bw_mhz: f64) -> f64 {
    level_db + 10.0 * (to_bw_mhz / from_bw_mhz).log10()
}

/// An emission-mask point re-expressed in another reference bandwidth (flat spectrum).
pub fn point_in_bandwidth(p: MaskPoint, to_bw_mhz: f64) -> MaskPoint {
    MaskPoint {
        level_db: convert_reference_bandwidth(p.level_db, p.ref_bw_mhz, to_bw_mhz),
        ref_bw_mhz: to_bw_mhz,
        ..p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attenuation_interpolates_and_holds() {
        let rx = ReceiverMask::symmetric(1.0, &[(0.0, 0.0), (0.5, 0.0), (1.5, 40.0)]).unwrap();
        assert_eq!(rx.attenuation(0.2).0, 0.0);
        assert!((rx.attenuation(1.0).0 - 20.0).abs() < 1e-12);
        assert!((rx.attenuation(-1.0).0 - 20.0).abs() < 1e-12);
        assert_eq!(rx.attenuation(100.0).0, 40.0);
        assert_eq!(rx.blocking_power(Dbm(30.0), 100.0), Dbm(-10.0));
        // A CW interferer (zero bandwidth) sees the attenuation at its offset.
        assert!((rx.acs(1.0, 0.0).0 - 20.0).abs() < 1e-12);
    }

    #[test]
    fn rectangular_filter_blocks_outside() {
        let rx = ReceiverMask::rectangular(2.0).unwrap();
        assert_eq!(rx.attenuation(0.5).0, 0.0);
        assert_eq!(rx.attenuation(1.5).0, f64::INFINITY);
    }

    #[test]
    fn bandwidth_conversion() {
        // -30 dBm in 30 kHz is -30 + 10 log10(1000/30) = -14.77 dBm in 1 MHz for a flat spectrum.
        let l = convert_reference_bandwidth(-30.0, 0.03, 1.0);
        assert!((l - (-30.0 + 10.0 * (1.0f64 / 0.03).log10())).abs() < 1e-12);
        let p = point_in_bandwidth(MaskPoint::new(2.0, -30.0, 0.03), 1.0);
        assert_eq!(p.ref_bw_mhz, 1.0);
        assert_eq!(p.level_db, l);
    }

    #[test]
    fn rejects_bad_masks() {
        assert!(ReceiverMask::new(0.0, &[(0.0, 0.0), (1.0, 1.0)]).is_err());
        assert!(ReceiverMask::new(1.0, &[(0.0, 0.0)]).is_err());
        assert!(ReceiverMask::new(1.0, &[(1.0, 0.0), (0.0, 0.0)]).is_err());
        assert!(ReceiverMask::new(1.0, &[(0.0, f64::NAN), (1.0, 0.0)]).is_err());
    }
}
