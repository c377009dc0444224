//! Earth-station reference patterns, circularly symmetric about boresight:
//! ITU-R S.465-6 (coordination and interference assessment, 2 to 31 GHz) and ITU-R S.580-6
//! (side-lobe design objective for GSO earth stations, D/λ >= 50).
//!
//! S.465-6 recommends 2:
//!
//! ```text
//! G(φ) = 32 - 25 log φ     φmin <= φ < 48
//! G(φ) = -10               48 <= φ <= 180
//! φmin = max(1, 100 λ/D)                 D/λ >= 50
//! φmin = max(2, 114 (D/λ)^-1.09)         D/λ < 50
//! ```
//!
//! S.580-6 recommends 1 and 2 (D/λ >= 50, φmin = max(1, 100 λ/D)):
//!
//! ```text
//! G(φ) = 29 - 25 log φ     φmin <= φ <= 20
//! G(φ) = -3.5              20 < φ <= 26.3
//! G(φ) = 32 - 25 log φ     26.3 < φ <= 48
//! G(φ) = -10               48 < φ <= 180
//! ```
//!
//! Neither Recommendation defines the main lobe (φ < φmin). Our choice (not from the
//! Recommendations): the F.699 main-lobe parabola `Gmax - 2.5e-3 (D/λ φ)^2`, held up at the
//! envelope level at φmin, `G = min(Gmax, max(parabola, envelope(φmin)))`, which is continuous
//! at φmin whenever the parabola has fallen below the envelope there.
//! When D/λ is unknown it is estimated from `20 log(D/λ) = Gmax - 7.7`.
//!
//! | symbol | here |
//! |---|---|
//! | Gmax | `g_max_dbi` |
//! | D/λ | `d_over_lambda` |
//! | φ, φmin | off-axis angle, `phi_min` (degrees) |
use super::fixed_link::{d_over_lambda_or_estimate, off_axis_deg};
use super::AntennaPattern;
use crate::{Error, Result};

/// What S.465 and S.580 share: peak gain, D/λ, φmin and the main-lobe rule; they differ only
/// in φmin and the side-lobe envelope.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Lobes {
    g_max: f64,
    d: f64,
    phi_min: f64,
}

impl Lobes {
    /// Gain at off-axis angle `phi_deg` under `envelope`; below φmin the F.699 parabola held up
    /// at the envelope level at φmin (our choice, see the module notes).
    fn gain(&self, phi_deg: f64, envelope: fn(f64) -> f64) -> f64 {
        let phi = phi_deg.abs();
        if phi < self.phi_min {
            let parabola = self.g_max - 2.5e-3 * (self.d * phi) * (self.d * phi);
            parabola.max(envelope(self.phi_min)).min(self.g_max)
        } else {
            envelope(phi).min(self.g_max)
        }
    }
}

/// ITU-R S.465-6 earth-station reference pattern.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct S465(Lobes);

impl S465 {
    /// Peak gain `g_max_dbi` and diameter over wavelength (or `None`: estimated from the gain).
    pub fn new(g_max_dbi: f64, d_over_lambda: Option<f64>) -> Result<Self> {
        let d = d_over_lambda_or_estimate(g_max_dbi, d_over_lambda)?;
        let phi_min = if d >= 50.0 { (100.0 / d).max(1.0) } else { (114.0 * d.powf(-1.09)).max(2.0) };
        Ok(S465(Lobes { g_max: g_max_dbi, d, phi_min }))
    }

    /// φmin, degrees.
    pub fn phi_min_deg(&self) -> f64 {
        self.0.phi_min
    }

    /// S.465-6 recommends 2.
    fn envelope(phi: f64) -> f64 {
        if phi < 48.0 {
            32.0 - 25.0 * phi.log10()
        } else {
            -10.0
        }
    }

    /// Gain at off-axis angle `phi_deg`.
    pub fn gain_off_axis(&self, phi_deg: f64) -> f64 {
        self.0.gain(phi_deg, Self::envelope)
    }
}

/// ITU-R S.580-6 earth-station side-lobe design objective.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct S580(Lobes);

impl S580 {
    /// Peak gain `g_max_dbi` and diameter over wavelength (or `None`: estimated from the gain);
    /// S.580-6 applies to D/λ >= 50 and refuses smaller antennas (use S.465).
    pub fn new(g_max_dbi: f64, d_over_lambda: Option<f64>) -> Result<Self> {
        let d = d_over_lambda_or_estimate(g_max_dbi, d_over_lambda)?;
        if d < 50.0 {
            return Err(Error::out_of_range(
                "d_over_lambda",
                d,
                ">= 50 (S.580-6 covers D/λ >= 50; use s465 for smaller antennas)",
            ));
        }
        Ok(S580(Lobes { g_max: g_max_dbi, d, phi_min: (100.0 / d).max(1.0) }))
    }

    /// φmin, degrees.
    pub fn phi_min_deg(&self) -> f64 {
        self.0.phi_min
    }

    /// S.580-6 recommends 1 and 2.
    fn envelope(phi: f64) -> f64 {
        if phi <= 20.0 {
            29.0 - 25.0 * phi.log10()
        } else if phi <= 26.3 {
            -3.5
        } else if phi <= 48.0 {
            32.0 - 25.0 * phi.log10()
        } else {
            -10.0
        }
    }

    /// Gain at off-axis angle `phi_deg`.
    pub fn gain_off_axis(&self, phi_deg: f64) -> f64 {
        self.0.gain(phi_deg, Self::envelope)
    }
}

impl AntennaPattern for S465 {
    fn gain_dbi(&self, azimuth_deg: f64, elevation_deg: f64) -> f64 {
        self.gain_off_axis(off_axis_deg(azimuth_deg, elevation_deg))
    }
    fn peak_gain_dbi(&self) -> f64 {
        self.0.g_max
    }
}

impl AntennaPattern for S580 {
    fn gain_dbi(&self, azimuth_deg: f64, elevation_deg: f64) -> f64 {
        self.gain_off_axis(off_axis_deg(azimuth_deg, elevation_deg))
    }
    fn peak_gain_dbi(&self) -> f64 {
        self.0.g_max
    }
}
