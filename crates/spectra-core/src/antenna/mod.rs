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
//! | sectoral, 6-70 GHz | ITU-R F.1336-5 recommends 3.2 | [`F1336SectoralHigh`] |
//! | fixed link, peak side lobes | ITU-R F.699-8 | [`F699`] |
//! | fixed link, average side lobes | ITU-R F.1245-3 | [`F1245`] |
//! | earth station | ITU-R S.465-6 | [`S465`] |
//! | earth station design objective | ITU-R S.580-6 | [`S580`] |
//! | IMT active antenna system | ITU-R M.2101-0 | [`M2101`] |
//! | tabulated cuts (MSI / CSV) | SEAMCAT pseudo-3D | [`Tabulated`] |
//!
//! [`PatternSpec`] builds any of them from a scenario's inline table.
pub use crate::propagation::Warning;
use std::fmt::Debug;

mod earth_station;
mod f1336;
mod fixed_link;
mod m2101;
mod pointing;
mod spec;
mod tabulated;

pub use earth_station::{S465, S580};
pub use f1336::{F1336Omni, F1336Sectoral, F1336SectoralHigh, F1336SectoralParams, SideLobe};
pub use fixed_link::{F1245, F699};
pub use m2101::{M2101Params, M2101};
pub use pointing::{direction_deg, wrap_azimuth_deg, Pointing};
pub use spec::{sample_grid, PatternInfo, PatternSpec, CATALOGUE};
pub use tabulated::Tabulated;

/// Gain of an antenna in a direction relative to its boresight.
pub trait AntennaPattern: Send + Sync + Debug {
    /// Gain in dBi towards (`azimuth_deg`, `elevation_deg`) relative to boresight.
    fn gain_dbi(&self, azimuth_deg: f64, elevation_deg: f64) -> f64;
    /// Peak (boresight) gain in dBi.
    fn peak_gain_dbi(&self) -> f64;
    /// Parameters outside the Recommendation's stated range: the pattern is still computed,
    /// as the Recommendation's equations give it, and these warnings say so.
    fn warnings(&self) -> Vec<Warning> {
        Vec::new()
    }
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
