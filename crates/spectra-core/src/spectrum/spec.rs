//! Mask specifications: the inline tables of scenario and equipment files, e.g.
//! `{ level = "relative", symmetric = true, points = [[0, 0, 4.5], [2.25, 0, 4.5], ...] }`
//! or `{ channel_bw_mhz = 4.5, aclr = [{ offset_mhz = 5, aclr_db = 45, bandwidth_mhz = 4.5 }] }`,
//! turned into [`EmissionMask`] / [`ReceiverMask`].
use super::{EmissionMask, MaskLevel, MaskPoint, ReceiverMask};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};

fn relative() -> MaskLevel {
    MaskLevel::Relative
}

/// One adjacent channel of an ACLR specification.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AclrSpec {
    /// Centre offset of the adjacent channel from the carrier, MHz.
    pub offset_mhz: f64,
    /// ACLR, dB.
    pub aclr_db: f64,
    /// Measurement bandwidth of the adjacent channel, MHz.
    pub bandwidth_mhz: f64,
}

/// An emission mask given by points or by ACLR values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmissionMaskSpec {
    /// `relative` (dBc, default) or `absolute` (dBm).
    #[serde(default = "relative")]
    pub level: MaskLevel,
    /// Mirror the points about the carrier (give offsets >= 0 only).
    #[serde(default)]
    pub symmetric: bool,
    /// `[offset_mhz, level_db, ref_bw_mhz]` triplets sorted by offset.
    #[serde(default)]
    pub points: Option<Vec<[f64; 3]>>,
    /// Absolute unwanted-emission floor triplets (dBm per reference bandwidth).
    #[serde(default)]
    pub floor: Option<Vec<[f64; 3]>>,
    /// With `aclr`: the transmitter's own (measurement) channel bandwidth, MHz.
    #[serde(default)]
    pub channel_bw_mhz: Option<f64>,
    /// ACLR values per adjacent channel (instead of `points`).
    #[serde(default)]
    pub aclr: Option<Vec<AclrSpec>>,
}

fn triplets(t: &[[f64; 3]]) -> Vec<MaskPoint> {
    t.iter().map(|p| MaskPoint::new(p[0], p[1], p[2])).collect()
}

impl EmissionMaskSpec {
    /// Builds the mask.
    pub fn build(&self) -> Result<EmissionMask> {
        let mask = match (&self.points, &self.aclr) {
            (Some(p), None) if self.symmetric => EmissionMask::symmetric(self.level, &triplets(p))?,
            (Some(p), None) => EmissionMask::new(self.level, triplets(p))?,
            (None, Some(a)) => {
                let bw = self
                    .channel_bw_mhz
                    .ok_or_else(|| Error::Missing { field: "emission.channel_bw_mhz".into() })?;
                let adj: Vec<(f64, f64, f64)> =
                    a.iter().map(|c| (c.offset_mhz, c.aclr_db, c.bandwidth_mhz)).collect();
                EmissionMask::from_aclr(bw, &adj)?
            }
            _ => {
                return Err(Error::InvalidChoice {
                    field: "emission".into(),
                    value: "points and aclr".into(),
                    expected: "exactly one of `points` or `aclr` (with `channel_bw_mhz`)".into(),
                })
            }
        };
        match &self.floor {
            Some(f) => mask.with_floor(triplets(f)),
            None => Ok(mask),
        }
    }
}

/// One adjacent channel of an ACS specification.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcsSpec {
    /// Offset of the interferer from the tuned frequency, MHz.
    pub offset_mhz: f64,
    /// ACS, dB.
    pub acs_db: f64,
}

/// A receiver mask given by points or by ACS values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReceiverMaskSpec {
    /// Receiver (noise) bandwidth, MHz.
    pub bandwidth_mhz: f64,
    /// Mirror the points about the tuned frequency (give offsets >= 0 only).
    #[serde(default)]
    pub symmetric: bool,
    /// `[delta_f_mhz, attenuation_db]` pairs sorted by offset.
    #[serde(default)]
    pub points: Option<Vec<[f64; 2]>>,
    /// ACS values (instead of `points`); always symmetric.
    #[serde(default)]
    pub acs: Option<Vec<AcsSpec>>,
}

impl ReceiverMaskSpec {
    /// Builds the mask.
    pub fn build(&self) -> Result<ReceiverMask> {
        match (&self.points, &self.acs) {
            (Some(p), None) => {
                let pts: Vec<(f64, f64)> = p.iter().map(|x| (x[0], x[1])).collect();
                if self.symmetric {
                    ReceiverMask::symmetric(self.bandwidth_mhz, &pts)
                } else {
                    ReceiverMask::new(self.bandwidth_mhz, &pts)
                }
            }
            (None, Some(a)) => {
                let acs: Vec<(f64, f64)> = a.iter().map(|c| (c.offset_mhz, c.acs_db)).collect();
                ReceiverMask::from_acs(self.bandwidth_mhz, &acs)
            }
            (None, None) => ReceiverMask::rectangular(self.bandwidth_mhz),
            _ => Err(Error::InvalidChoice {
                field: "receiver".into(),
                value: "points and acs".into(),
                expected: "at most one of `points` or `acs` (neither: an ideal rectangular filter)".into(),
            }),
        }
    }
}
