//! Antenna patterns behind one trait: gain in dBi for a direction relative to boresight.
//!
//! Directions are given in the antenna's own frame: `azimuth_deg` in (-180, 180] measured from
//! the boresight azimuth, `elevation_deg` in [-90, 90] measured from the boresight elevation.
//! Pointing (bearing and mechanical tilt) is applied once, by the shared geometry
//! [`Pointing::to_antenna_frame`], never inside a pattern; electrical tilt and beam steering
//! belong to the pattern.
//!
//! | pattern | Recommendation | type |
//! |---|---|---|
//! | isotropic / omni | - | [`Omni`] |
//! | omnidirectional base station | ITU-R F.1336-5 recommends 2 | [`F1336Omni`] |
//! | sectoral base station | ITU-R F.1336-5 recommends 3.1 | [`F1336Sectoral`] |
use std::fmt::Debug;

mod f1336;
mod pointing;

pub use f1336::{F1336Omni, F1336Sectoral, F1336SectoralParams, SideLobe};
pub use pointing::{wrap_azimuth_deg, Pointing};

/// Gain of an antenna in a direction relative to its boresight.
pub trait AntennaPattern: Send + Sync + Debug {
    /// Gain in dBi towards (`azimuth_deg`, `elevation_deg`) relative to boresight.
    fn gain_dbi(&self, azimuth_deg: f64, elevation_deg: f64) -> f64;
    /// Peak (boresight) gain in dBi.
    fn peak_gain_dbi(&self) -> f64;
}

/// An isotropic or omnidirectional antenna with the same gain in every direction.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Omni {
    /// Gain in dBi.
    pub gain_dbi: f64,
}

impl AntennaPattern for Omni {
    fn gain_dbi(&self, _azimuth_deg: f64, _elevation_deg: f64) -> f64 {
        self.gain_dbi
    }
    fn peak_gain_dbi(&self) -> f64 {
        self.gain_dbi
    }
}
