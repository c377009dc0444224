//! Transmitter emission masks: power spectral density vs frequency offset from the carrier.
//!
//! A mask is a list of points (`offset_mhz`, `level_db`, `ref_bw_mhz`), as in SEAMCAT's
//! spectrum-emission-mask triplets: at `offset_mhz` from the carrier, the power measured in a
//! reference bandwidth `ref_bw_mhz` is `level_db`, either relative to the total transmitter power
//! ([`MaskLevel::Relative`], dBc) or absolute ([`MaskLevel::Absolute`], dBm). As in SEAMCAT the
//! mask is first normalised to a 1 MHz reference bandwidth,
//! `density_db_per_mhz = level_db - 10 log10(ref_bw_mhz / 1 MHz)`, and that density is linear in
//! dB between points. Beyond the first and last point the transmitter emits nothing, so a mask
//! must span every offset that matters. Two points at the same offset make a vertical step.
//!
//! Relative levels are not renormalised: as SEAMCAT's handbook says, the in-band levels should
//! be chosen so that the integral over the emission bandwidth is the total power (0 dBc).
//! An optional unwanted-emission floor (absolute, dBm per reference bandwidth) bounds the
//! emission from below: the density is `max(P + mask, floor)` (SEAMCAT "unwanted emissions
//! floor").
use super::piecewise::{integrate, Outside, PiecewiseDb, Term};
use crate::units::{Db, Dbm};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};

/// Whether mask levels are relative to the transmitter power or absolute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MaskLevel {
    /// dBc: relative to the total transmitted power.
    Relative,
    /// dBm: absolute power in the reference bandwidth, independent of the transmitter power.
    Absolute,
}

/// One point of an emission mask.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MaskPoint {
    /// Frequency offset from the carrier, MHz (negative below the carrier).
    pub offset_mhz: f64,
    /// Level in dBc (relative masks) or dBm (absolute masks) in `ref_bw_mhz`.
    pub level_db: f64,
    /// Reference (measurement) bandwidth of `level_db`, MHz.
    pub ref_bw_mhz: f64,
}

impl MaskPoint {
    /// A point `level_db` in `ref_bw_mhz` at `offset_mhz`.
    pub const fn new(offset_mhz: f64, level_db: f64, ref_bw_mhz: f64) -> Self {
        MaskPoint { offset_mhz, level_db, ref_bw_mhz }
    }
}

/// A transmitter emission mask (spectrum emission mask plus optional unwanted-emission floor).
#[derive(Debug, Clone, PartialEq)]
pub struct EmissionMask {
    level: MaskLevel,
    points: Vec<MaskPoint>,
    /// Density in dB(c|m) per MHz.
    density: PiecewiseDb,
    /// Absolute floor density, dBm per MHz.
    floor: Option<PiecewiseDb>,
}

/// Checks and normalises mask points to a density in dB per MHz.
fn density_of(field: &str, points: &[MaskPoint]) -> Result<PiecewiseDb> {
    if points.len() < 2 {
        return Err(Error::out_of_range(&format!("{field}.points"), points.len(), "at least 2 points"));
    }
    for (i, p) in points.iter().enumerate() {
        if !p.offset_mhz.is_finite() || !p.level_db.is_finite() {
            return Err(Error::out_of_range(
                &format!("{field}[{i}]"),
                format!("({}, {})", p.offset_mhz, p.level_db),
                "finite offset_mhz and level_db",
            ));
        }
        if !(p.ref_bw_mhz > 0.0 && p.ref_bw_mhz.is_finite()) {
            return Err(Error::out_of_range(&format!("{field}[{i}].ref_bw_mhz"), p.ref_bw_mhz, "> 0 MHz"));
        }
        if i > 0 && p.offset_mhz < points[i - 1].offset_mhz {
            return Err(Error::out_of_range(
                &format!("{field}[{i}].offset_mhz"),
                p.offset_mhz,
                format!(">= previous offset {} MHz (points sorted by offset)", points[i - 1].offset_mhz),
            ));
        }
    }
    if points[points.len() - 1].offset_mhz <= points[0].offset_mhz {
        return Err(Error::out_of_range(
            &format!("{field}.offset_mhz"),
            points[0].offset_mhz,
            "a mask spanning a non-zero frequency range",
        ));
    }
    let x = points.iter().map(|p| p.offset_mhz).collect();
    let y = points.iter().map(|p| p.level_db - 10.0 * p.ref_bw_mhz.log10()).collect();
    Ok(PiecewiseDb::new(x, y, Outside::Nothing))
}

impl EmissionMask {
    /// A mask from points sorted by offset (at least two, spanning a non-zero range).
    pub fn new(level: MaskLevel, points: Vec<MaskPoint>) -> Result<Self> {
        let density = density_of("emission_mask", &points)?;
        Ok(EmissionMask { level, points, density, floor: None })
    }

    /// A mask symmetric about the carrier from its points at offsets >= 0 (SEAMCAT "Sym").
    pub fn symmetric(level: MaskLevel, upper_half: &[MaskPoint]) -> Result<Self> {
        let mut points: Vec<MaskPoint> = upper_half
            .iter()
            .rev()
            .filter(|p| p.offset_mhz > 0.0)
            .map(|p| MaskPoint { offset_mhz: -p.offset_mhz, ..*p })
            .collect();
        points.extend_from_slice(upper_half);
        Self::new(level, points)
    }

    /// A flat (rectangular) spectrum of total power 0 dBc spread over `bandwidth_mhz`.
    pub fn rectangular(bandwidth_mhz: f64) -> Result<Self> {
        if !(bandwidth_mhz > 0.0 && bandwidth_mhz.is_finite()) {
            return Err(Error::out_of_range("bandwidth_mhz", bandwidth_mhz, "> 0 MHz"));
        }
        let h = 0.5 * bandwidth_mhz;
        Self::new(
            MaskLevel::Relative,
            vec![MaskPoint::new(-h, 0.0, bandwidth_mhz), MaskPoint::new(h, 0.0, bandwidth_mhz)],
        )
    }

    /// A mask that reproduces given ACLR values exactly, for equipment specified by ACLR only
    /// (3GPP style): 0 dBc spread flat over `channel_bw_mhz`, then for each adjacent channel
    /// (`offset_mhz`, `aclr_db`, `bandwidth_mhz`), sorted by offset, a flat level of `-aclr_db`
    /// dBc per `bandwidth_mhz` from the previous edge to `offset + bandwidth/2`; symmetric,
    /// nothing beyond the last channel. Each adjacent channel must start at or beyond the
    /// previous edge.
    pub fn from_aclr(channel_bw_mhz: f64, adjacent: &[(f64, f64, f64)]) -> Result<Self> {
        if !(channel_bw_mhz > 0.0 && channel_bw_mhz.is_finite()) {
            return Err(Error::out_of_range("channel_bw_mhz", channel_bw_mhz, "> 0 MHz"));
        }
        let mut edge = 0.5 * channel_bw_mhz;
        let mut pts =
            vec![MaskPoint::new(0.0, 0.0, channel_bw_mhz), MaskPoint::new(edge, 0.0, channel_bw_mhz)];
        for (i, &(off, aclr, bw)) in adjacent.iter().enumerate() {
            if !(bw > 0.0 && bw.is_finite() && aclr.is_finite()) {
                return Err(Error::out_of_range(
                    &format!("aclr[{i}]"),
                    format!("({off}, {aclr}, {bw})"),
                    "finite ACLR and bandwidth > 0",
                ));
            }
            if off - 0.5 * bw < edge - 1e-9 {
                return Err(Error::out_of_range(
                    &format!("aclr[{i}].offset_mhz"),
                    off,
                    format!(
                        ">= {} MHz (channel must start beyond the previous edge {edge} MHz)",
                        edge + 0.5 * bw
                    ),
                ));
            }
            pts.push(MaskPoint::new(edge, -aclr, bw));
            edge = off + 0.5 * bw;
            pts.push(MaskPoint::new(edge, -aclr, bw));
        }
        Self::symmetric(MaskLevel::Relative, &pts)
    }

    /// Adds an absolute unwanted-emission floor (dBm per reference bandwidth): the emitted
    /// density becomes `max(P + mask, floor)` as in SEAMCAT.
    pub fn with_floor(mut self, floor_points: Vec<MaskPoint>) -> Result<Self> {
        self.floor = Some(density_of("emission_floor", &floor_points)?);
        Ok(self)
    }

    /// Relative (dBc) or absolute (dBm) levels.
    pub fn level(&self) -> MaskLevel {
        self.level
    }

    /// The points as given.
    pub fn points(&self) -> &[MaskPoint] {
        &self.points
    }

    /// Lowest and highest offset covered by the mask (and floor), MHz.
    pub fn span_mhz(&self) -> (f64, f64) {
        let (mut lo, mut hi) = (self.density.x_min(), self.density.x_max());
        if let Some(f) = &self.floor {
            lo = lo.min(f.x_min());
            hi = hi.max(f.x_max());
        }
        (lo, hi)
    }

    fn shift_db(&self, tx_power: Dbm) -> f64 {
        match self.level {
            MaskLevel::Relative => tx_power.0,
            MaskLevel::Absolute => 0.0,
        }
    }

    /// Emitted power density at `offset_mhz` from the carrier, dBm/MHz, for a transmitter of
    /// total power `tx_power` (ignored by absolute masks). `-inf` outside the mask.
    pub fn density_dbm_per_mhz(&self, tx_power: Dbm, offset_mhz: f64) -> f64 {
        let e = self.density.value_db(offset_mhz) + self.shift_db(tx_power);
        match &self.floor {
            Some(f) => e.max(f.value_db(offset_mhz)),
            None => e,
        }
    }

    pub(crate) fn emission_term(&self, tx_power: Dbm) -> Term<'_> {
        Term { f: &self.density, x_shift: 0.0, y_shift_db: self.shift_db(tx_power) }
    }

    pub(crate) fn floor_term(&self) -> Option<Term<'_>> {
        self.floor.as_ref().map(|f| Term { f, x_shift: 0.0, y_shift_db: 0.0 })
    }

    /// Power emitted between offsets `lo_mhz` and `hi_mhz` from the carrier (exact integral of
    /// the density), dBm. `-inf` when nothing is emitted there.
    pub fn power_between(&self, tx_power: Dbm, lo_mhz: f64, hi_mhz: f64) -> Dbm {
        let mw = integrate(lo_mhz, hi_mhz, self.emission_term(tx_power), self.floor_term(), &[]);
        Dbm::from_mw(mw)
    }

    /// Total power under the whole mask, dBm.
    pub fn total_power(&self, tx_power: Dbm) -> Dbm {
        let (lo, hi) = self.span_mhz();
        self.power_between(tx_power, lo, hi)
    }

    /// Unwanted emission power falling into a victim receiver of bandwidth `rx_bandwidth_mhz`
    /// tuned `delta_f_mhz = f_interferer - f_victim` away, dBm: the emission integrated over the
    /// victim's band (an ideal rectangular receiver filter), exactly as SEAMCAT's iRSS_unwanted
    /// before antenna gains and path loss. The victim band is, in the transmitter's offsets,
    /// `[-delta_f - B/2, -delta_f + B/2]`.
    pub fn unwanted_power(&self, tx_power: Dbm, delta_f_mhz: f64, rx_bandwidth_mhz: f64) -> Dbm {
        let c = -delta_f_mhz;
        let h = 0.5 * rx_bandwidth_mhz.max(0.0);
        self.power_between(tx_power, c - h, c + h)
    }

    /// Adjacent channel leakage ratio: power in the transmitter's own channel
    /// (`channel_bw_mhz` centred on the carrier) over power in a channel of
    /// `adjacent_bw_mhz` centred `offset_mhz` from the carrier, both measured with rectangular
    /// filters (3GPP TS 36.104 / 38.104 definition). `tx_power` matters only with a floor or an
    /// absolute mask.
    pub fn aclr(&self, tx_power: Dbm, channel_bw_mhz: f64, offset_mhz: f64, adjacent_bw_mhz: f64) -> Db {
        let own = self.power_between(tx_power, -0.5 * channel_bw_mhz, 0.5 * channel_bw_mhz);
        let adj = self.power_between(
            tx_power,
            offset_mhz - 0.5 * adjacent_bw_mhz,
            offset_mhz + 0.5 * adjacent_bw_mhz,
        );
        own - adj
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_bad_points() {
        assert!(EmissionMask::new(MaskLevel::Relative, vec![MaskPoint::new(0.0, 0.0, 1.0)]).is_err());
        let unsorted = vec![MaskPoint::new(1.0, 0.0, 1.0), MaskPoint::new(0.0, 0.0, 1.0)];
        assert!(EmissionMask::new(MaskLevel::Relative, unsorted).is_err());
        let zero_rbw = vec![MaskPoint::new(0.0, 0.0, 0.0), MaskPoint::new(1.0, 0.0, 1.0)];
        assert!(EmissionMask::new(MaskLevel::Relative, zero_rbw).is_err());
        assert!(EmissionMask::rectangular(-1.0).is_err());
    }

    #[test]
    fn rectangular_mask_holds_the_whole_power() {
        let m = EmissionMask::rectangular(5.0).unwrap();
        assert!((m.total_power(Dbm(43.0)).0 - 43.0).abs() < 1e-12);
        // Half the band holds half the power.
        assert!((m.power_between(Dbm(43.0), 0.0, 10.0).0 - (43.0 - 10.0 * 2f64.log10())).abs() < 1e-12);
    }

    #[test]
    fn symmetric_mirrors_points() {
        let m = EmissionMask::symmetric(
            MaskLevel::Relative,
            &[MaskPoint::new(0.0, 0.0, 1.0), MaskPoint::new(1.0, -10.0, 1.0)],
        )
        .unwrap();
        assert_eq!(m.points().len(), 3);
        assert_eq!(m.points()[0].offset_mhz, -1.0);
        assert_eq!(m.density_dbm_per_mhz(Dbm(0.0), -0.5), m.density_dbm_per_mhz(Dbm(0.0), 0.5));
    }
}
