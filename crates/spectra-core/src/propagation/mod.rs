//! Path-loss models behind one small trait.
//!
//! Every model has a typed Rust API of its own (its module's `...Params` and functions, citing
//! the Recommendation) and an adapter implementing [`PathLossModel`], which describes its inputs
//! as named, unit-suffixed columns ([`ModelInfo`]) and evaluates one [`Case`]. The batch CLI,
//! studies and the Monte Carlo engine use only the trait; nothing branches on model names.
//!
//! To add a model: write its module, implement [`PathLossModel`] for a unit struct, and list it
//! in [`MODELS`].
use crate::terrain::Profile;
use crate::{Error, Result};
use std::sync::Arc;

pub mod case;
pub mod ehata;
pub mod extended_hata;
pub mod free_space;
pub mod hata;
pub mod itm;
pub mod p1546;
pub mod p1812;
pub mod p2108;
pub mod p2109;
pub mod p452;
pub mod p526;
pub mod p528;
pub mod p676;
pub mod plane_earth;

pub use case::{Case, Value};

/// A model usable from batch files, studies and simulations.
pub trait PathLossModel: Send + Sync {
    /// Name, source, validity and the columns the model reads.
    fn info(&self) -> &'static ModelInfo;
    /// Loss for one case. Outside the model's validity range the model computes where its
    /// reference does and attaches a [`Warning`]; it returns an error where the reference refuses.
    fn evaluate(&self, case: &Case) -> Result<PathLoss>;
}

/// What a model is and what it reads.
#[derive(Debug)]
pub struct ModelInfo {
    /// Name used on the command line and in scenario files, e.g. `free-space`.
    pub name: &'static str,
    /// One-line description.
    pub title: &'static str,
    /// Source document and revision, e.g. `ITU-R P.525-4 (08/2019)`.
    pub source: &'static str,
    /// Validity range in words, e.g. `30-3000 MHz, 1-100 km`.
    pub validity: &'static str,
    /// Input columns, in the order `--help` lists them.
    pub columns: &'static [Column],
    /// Names of the intermediate values, in the order of [`PathLoss::intermediates`].
    pub intermediates: &'static [&'static str],
}

/// One input of a model.
#[derive(Debug)]
pub struct Column {
    /// snake_case name with its unit as suffix (`frequency_mhz`).
    pub name: &'static str,
    /// What the value is.
    pub kind: ColumnKind,
    /// Value used when the column is absent or the cell empty; `None` makes the column required.
    pub default: Option<&'static str>,
    /// Description shown by `--help`, including the validity range where it differs from `domain`.
    pub description: &'static str,
}

/// The type and hard domain of a column.
#[derive(Debug)]
pub enum ColumnKind {
    /// A number in the closed interval `[min, max]`; outside it the case fails with an error.
    Number { unit: &'static str, min: f64, max: f64 },
    /// One of a list of words (case-insensitive).
    Choice(&'static [&'static str]),
    /// A terrain profile file (`distance_km,height_m[,zone][,clutter_height_m]`).
    Profile,
}

/// The answer of a model for one case.
#[derive(Debug, Clone, PartialEq)]
pub struct PathLoss {
    /// Basic transmission loss (or the model's primary loss quantity), dB.
    pub loss_db: f64,
    /// Intermediate values in the order of [`ModelInfo::intermediates`].
    pub intermediates: Vec<f64>,
    /// Warnings, e.g. inputs outside the model's validity range.
    pub warnings: Vec<Warning>,
}

/// A warning attached to a result: the computation went on, as the reference does.
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    /// Stable machine-readable code, e.g. `frequency_out_of_range`.
    pub code: &'static str,
    /// Human-readable detail with the value and the range.
    pub message: String,
}

impl Warning {
    /// A warning with a code and message.
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Warning { code, message: message.into() }
    }
}

/// Pushes a warning when `value` lies outside `[min, max]`.
pub fn check_validity(warnings: &mut Vec<Warning>, field: &str, value: f64, min: f64, max: f64) {
    if !(min..=max).contains(&value) {
        warnings.push(Warning::new(
            "outside_validity_range",
            format!("{field} = {value} outside the model's validity range [{min}, {max}]"),
        ));
    }
}

/// Every model spectra knows, in the order `spectra models` lists them.
pub static MODELS: &[&dyn PathLossModel] = &[
    &free_space::FreeSpace,
    &plane_earth::TwoRay,
    &plane_earth::PlaneEarth,
    &hata::OkumuraHata,
    &hata::Cost231Hata,
    &extended_hata::ExtendedHata,
    &itm::ItmP2pModel,
    &itm::ItmAreaModel,
    &ehata::EhataModel,
    &p452::P452,
    &p676::P676,
    &p1812::P1812,
    &p1546::P1546,
    &p1546::P1546Profile,
    &p2108::P2108HeightGain,
    &p2108::P2108Terrestrial,
    &p2108::P2108Aeronautical,
    &p2109::P2109,
    &p528::P528,
];

/// The model registered under `name`.
pub fn model(name: &str) -> Option<&'static dyn PathLossModel> {
    MODELS.iter().copied().find(|m| m.info().name == name)
}

/// The names of every registered model, for error messages.
pub fn model_names() -> Vec<&'static str> {
    MODELS.iter().map(|m| m.info().name).collect()
}

/// Resolves a `profile` cell to a loaded profile (the CLI caches them by path).
pub type ProfileLoader<'a> = dyn Fn(&str) -> Result<Arc<Profile>> + Sync + 'a;

impl ModelInfo {
    /// The column called `name`.
    pub fn column(&self, name: &str) -> Result<&'static Column> {
        self.columns.iter().find(|c| c.name == name).ok_or_else(|| Error::Missing { field: name.to_owned() })
    }
}
