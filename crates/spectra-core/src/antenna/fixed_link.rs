//! Fixed-link (point-to-point) reference patterns, circularly symmetric about boresight:
//! ITU-R F.699-8 (peak side lobes, single-entry interference) and ITU-R F.1245-3 (average side
//! lobes, aggregate interference). φ is the off-axis angle, `φ = acos(cos θ cos ψ)` for a
//! direction at azimuth ψ and elevation θ from boresight.
//!
//! F.699-8, 1 GHz to 86 GHz (recommends 2.1 for D/λ > 100, 2.2 for D/λ <= 100):
//!
//! ```text
//! G(φ) = Gmax - 2.5e-3 (D/λ φ)^2          0 <= φ < φm
//! G(φ) = G1                               φm <= φ < φr           (D/λ > 100)
//! G(φ) = 32 - 25 log φ                    φr <= φ < 48
//! G(φ) = -10                              48 <= φ <= 180
//! G(φ) = G1                               φm <= φ < 100 λ/D      (D/λ <= 100)
//! G(φ) = 52 - 10 log(D/λ) - 25 log φ      100 λ/D <= φ < 48
//! G(φ) = 10 - 10 log(D/λ)                 48 <= φ <= 180
//! G1 = 2 + 15 log(D/λ),  φm = 20 λ/D sqrt(Gmax - G1),  φr = 15.85 (D/λ)^-0.6
//! ```
//!
//! F.699-8, 100 MHz to 1 GHz (recommends 2.3): as 2.2 up to 100 λ/D, then
//! `52 - 10 log(D/λ) - 25 log φ` up to `φs = 144.5 (D/λ)^-0.2`, then `-2 - 5 log(D/λ)`.
//!
//! F.1245-3, 1 GHz to 86 GHz (recommends 2.1 for D/λ > 100, 2.2 for D/λ <= 100):
//!
//! ```text
//! G(φ) = Gmax - 2.5e-3 (D/λ φ)^2          0 <= φ < φm
//! G(φ) = G1                               φm <= φ < max(φm, φr)   (D/λ > 100)
//! G(φ) = 29 - 25 log φ                    max(φm, φr) <= φ < 48
//! G(φ) = -13                              48 <= φ <= 180,     φr = 12.02 (D/λ)^-0.6
//! G(φ) = 39 - 5 log(D/λ) - 25 log φ       φm <= φ < 48            (D/λ <= 100)
//! G(φ) = -3 - 5 log(D/λ)                  48 <= φ <= 180
//! ```
//!
//! When D/λ is unknown both Recommendations estimate it from `20 log(D/λ) = Gmax - 7.7`.
//!
//! | symbol | here |
//! |---|---|
//! | Gmax | `g_max_dbi` |
//! | D/λ | `d_over_lambda` |
//! | f | `f_mhz` (F.699 band selection) |
//! | φ | off-axis angle, degrees |
//! | G1, φm, φr, φs | `g1`, `phi_m`, `phi_r`, `phi_s` |
use super::AntennaPattern;
use crate::{Error, Result};

/// Off-axis angle (degrees, [0, 180]) of a direction at (`az`, `el`) from boresight.
pub(crate) fn off_axis_deg(azimuth_deg: f64, elevation_deg: f64) -> f64 {
    let c = elevation_deg.to_radians().cos() * azimuth_deg.to_radians().cos();
    c.clamp(-1.0, 1.0).acos().to_degrees()
}

/// D/λ given, or estimated from the gain: 20 log10(D/λ) = Gmax - 7.7 (F.699-8 Note, F.1245-3).
pub(crate) fn d_over_lambda_or_estimate(g_max_dbi: f64, d_over_lambda: Option<f64>) -> Result<f64> {
    if !g_max_dbi.is_finite() {
        return Err(Error::out_of_range("gain_dbi", g_max_dbi, "a finite gain in dBi"));
    }
    let d = d_over_lambda.unwrap_or_else(|| 10f64.powf((g_max_dbi - 7.7) / 20.0));
    if !(d > 0.0 && d.is_finite()) {
        return Err(Error::out_of_range("d_over_lambda", d, "> 0"));
    }
    Ok(d)
}

/// Main-lobe parabola `Gmax - 2.5e-3 (D/λ φ)^2`.
fn main_lobe(g_max: f64, d: f64, phi: f64) -> f64 {
    g_max - 2.5e-3 * (d * phi) * (d * phi)
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum F699Band {
    /// recommends 2.1
    LargeDish,
    /// recommends 2.2
    SmallDish,
    /// recommends 2.3 (100 MHz - 1 GHz)
    Vhf,
}

/// ITU-R F.699-8 fixed-link peak side-lobe pattern.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct F699 {
    g_max: f64,
    d: f64,
    g1: f64,
    phi_m: f64,
    phi_r: f64,
    band: F699Band,
}

impl F699 {
    /// Peak gain `g_max_dbi`, antenna diameter over wavelength (or `None`: estimated from the
    /// gain), frequency `f_mhz` (selects recommends 2.3 below 1 GHz).
    pub fn new(g_max_dbi: f64, d_over_lambda: Option<f64>, f_mhz: f64) -> Result<Self> {
        if !(100.0..=86_000.0).contains(&f_mhz) {
            return Err(Error::out_of_range("frequency_mhz", f_mhz, "[100, 86000] MHz (F.699-8)"));
        }
        let d = d_over_lambda_or_estimate(g_max_dbi, d_over_lambda)?;
        let g1 = 2.0 + 15.0 * d.log10();
        let phi_m = 20.0 / d * (g_max_dbi - g1).max(0.0).sqrt();
        let band = if f_mhz < 1000.0 {
            F699Band::Vhf
        } else if d > 100.0 {
            F699Band::LargeDish
        } else {
            F699Band::SmallDish
        };
        let phi_r = match band {
            F699Band::LargeDish => 15.85 * d.powf(-0.6),
            F699Band::SmallDish | F699Band::Vhf => 100.0 / d,
        };
        Ok(F699 { g_max: g_max_dbi, d, g1, phi_m, phi_r, band })
    }

    /// Gain at off-axis angle `phi_deg` (0..180).
    pub fn gain_off_axis(&self, phi_deg: f64) -> f64 {
        let phi = phi_deg.abs();
        let l = self.d.log10();
        if phi < self.phi_m {
            return main_lobe(self.g_max, self.d, phi);
        }
        if phi < self.phi_r {
            return self.g1;
        }
        match self.band {
            F699Band::LargeDish if phi < 48.0 => 32.0 - 25.0 * phi.log10(),
            F699Band::LargeDish => -10.0,
            F699Band::SmallDish if phi < 48.0 => 52.0 - 10.0 * l - 25.0 * phi.log10(),
            F699Band::SmallDish => 10.0 - 10.0 * l,
            F699Band::Vhf => {
                let phi_s = 144.5 * self.d.powf(-0.2);
                if phi < phi_s {
                    52.0 - 10.0 * l - 25.0 * phi.log10()
                } else {
                    -2.0 - 5.0 * l
                }
            }
        }
        .min(self.g_max)
    }
}

impl AntennaPattern for F699 {
    fn gain_dbi(&self, azimuth_deg: f64, elevation_deg: f64) -> f64 {
        self.gain_off_axis(off_axis_deg(azimuth_deg, elevation_deg))
    }
    fn peak_gain_dbi(&self) -> f64 {
        self.g_max
    }
}

/// ITU-R F.1245-3 fixed-link average side-lobe pattern.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct F1245 {
    g_max: f64,
    d: f64,
    g1: f64,
    phi_m: f64,
    phi_r: f64,
}

impl F1245 {
    /// Peak gain `g_max_dbi` and diameter over wavelength (or `None`: estimated from the gain).
    pub fn new(g_max_dbi: f64, d_over_lambda: Option<f64>) -> Result<Self> {
        let d = d_over_lambda_or_estimate(g_max_dbi, d_over_lambda)?;
        let g1 = 2.0 + 15.0 * d.log10();
        let phi_m = 20.0 / d * (g_max_dbi - g1).max(0.0).sqrt();
        let phi_r = 12.02 * d.powf(-0.6);
        Ok(F1245 { g_max: g_max_dbi, d, g1, phi_m, phi_r })
    }

    /// Gain at off-axis angle `phi_deg` (0..180).
    pub fn gain_off_axis(&self, phi_deg: f64) -> f64 {
        let phi = phi_deg.abs();
        if phi < self.phi_m {
            return main_lobe(self.g_max, self.d, phi);
        }
        let l = self.d.log10();
        if self.d > 100.0 {
            if phi < self.phi_m.max(self.phi_r) {
                self.g1
            } else if phi < 48.0 {
                29.0 - 25.0 * phi.log10()
            } else {
                -13.0
            }
        } else if phi < 48.0 {
            39.0 - 5.0 * l - 25.0 * phi.log10()
        } else {
            -3.0 - 5.0 * l
        }
        .min(self.g_max)
    }
}

impl AntennaPattern for F1245 {
    fn gain_dbi(&self, azimuth_deg: f64, elevation_deg: f64) -> f64 {
        self.gain_off_axis(off_axis_deg(azimuth_deg, elevation_deg))
    }
    fn peak_gain_dbi(&self) -> f64 {
        self.g_max
    }
}
