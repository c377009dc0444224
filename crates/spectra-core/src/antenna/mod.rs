//! Antenna patterns behind one trait: gain in dBi for a direction relative to boresight.
//!
//! Directions are given in the antenna's own frame: `azimuth_deg` in (-180, 180] measured from
//! the boresight azimuth, `elevation_deg` in [-90, 90] measured from the boresight elevation.
//! Pointing (bearing and mechanical tilt) is applied once, by the caller's geometry, never inside
//! a pattern.
use std::fmt::Debug;

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
