//! spectra-core: the numeric heart of spectra.
//!
//! Layers (see `docs/architecture.md`): this crate holds units, terrain, propagation models and
//! the interference mathematics. It never prints, never shows progress and never reads the
//! environment; it returns values, warnings and typed errors. The only IO is in explicit readers
//! (`terrain::Profile::read_csv`, DEM readers).
#![forbid(unsafe_code)]

pub mod antenna;
pub mod error;
pub mod geodesy;
pub mod propagation;
pub mod simulation;
pub mod spectrum;
pub mod terrain;
pub mod units;

pub use error::{Error, Result};
