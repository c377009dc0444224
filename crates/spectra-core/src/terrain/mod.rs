//! Terrain: height profiles between two terminals (and, later, elevation sources and geodesy).
mod profile;

pub use profile::{Profile, Zone};
