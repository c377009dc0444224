//! The Irregular Terrain Model (Longley-Rice), NTIA/ITS ITM version 1.4, in point-to-point and
//! area mode, with time/location/situation (TLS) and confidence/reliability (CR) variability.
//!
//! Sources: A. G. Longley and P. L. Rice, *Prediction of tropospheric radio transmission loss over
//! irregular terrain*, ESSA Tech. Rep. ERL 79-ITS 67 (1968) [ERL 79-ITS 67]; P. L. Rice et al.,
//! NBS Tech. Note 101 (1967) \[TN101\]; G. A. Hufford, *The ITS Irregular Terrain Model, version
//! 1.2.2: The Algorithm* (1995) \[Algorithm\]; G. A. Hufford et al., NTIA Report 82-100 (1982)
//! [Hufford 1982]; L. E. Vogler, NBS J. Res. 68D (1964) [Vogler 1964]. The computation follows
//! NTIA's reference implementation ITM 1.4 (`github.com/NTIA/itm`) step by step, in double
//! precision, so that results agree with it to rounding.
//!
//! Validity (the reference's limits): f 20 MHz - 20 GHz (warning outside 40 MHz - 10 GHz),
//! antenna heights 0.5 - 3000 m (warning outside 1 - 1000 m), N_0 250 - 400 N-units, epsilon >= 1,
//! sigma > 0, percentages strictly between 0 and 100, path 1 - 2000 km (warnings outside).
//!
//! Refractivity: ITM 1.4 scales N_0 to the mean path elevation, N_s = N_0 exp(-h_sys / 9460 m)
//! [TN101 eq. (4.3)] ([`RefractivityConvention::ScaleByPathElevation`]); the ITS Fortran sample
//! QKPFL takes its input as N_s directly ([`RefractivityConvention::AsSurfaceRefractivity`]).
//!
//! | here                     | document                                   |
//! |--------------------------|--------------------------------------------|
//! | `h_tx_m`, `h_rx_m`       | h_g1, h_g2, structural antenna heights     |
//! | `f_mhz`                  | f                                          |
//! | `n_0`, `n_s`             | N_0, N_s (N-units)                         |
//! | `epsilon`, `sigma`       | epsilon_r, sigma (S/m)                     |
//! | `theta_hzn`              | theta_e1, theta_e2 (rad)                   |
//! | `d_hzn_m`                | d_L1, d_L2                                 |
//! | `h_e_m`                  | h_e1, h_e2                                 |
//! | `delta_h_m`              | Delta h                                    |
//! | `a_ref_db`               | A_ref, reference attenuation               |
//! | `a_fs_db`                | free-space loss, 32.45 + 20 log f + 20 log d|
//! | `mdvar`                  | MDVAR, mode of variability                 |
use std::fmt;

mod area;
mod diffraction;
mod ground;
mod model;
mod p2p;
mod reference;
mod scatter;
pub(crate) mod terrain;
mod variability;

pub use area::{area, AreaParams, SitingCriteria};
pub use model::{ItmAreaModel, ItmP2pModel};
pub use p2p::p2p;
pub use terrain::Pfl;
pub use variability::inverse_ccdf;

/// Radio climate (ITM codes 1-7).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Climate {
    /// 1: equatorial.
    Equatorial = 1,
    /// 2: continental subtropical.
    ContinentalSubtropical = 2,
    /// 3: maritime subtropical.
    MaritimeSubtropical = 3,
    /// 4: desert.
    Desert = 4,
    /// 5: continental temperate.
    ContinentalTemperate = 5,
    /// 6: maritime temperate over land.
    MaritimeTemperateOverLand = 6,
    /// 7: maritime temperate over sea.
    MaritimeTemperateOverSea = 7,
}

impl Climate {
    /// The climate of ITM code 1-7; other codes give the reference's error 1002.
    pub fn from_code(code: i64) -> Result<Climate, ItmError> {
        use Climate::*;
        Ok(match code {
            1 => Equatorial,
            2 => ContinentalSubtropical,
            3 => MaritimeSubtropical,
            4 => Desert,
            5 => ContinentalTemperate,
            6 => MaritimeTemperateOverLand,
            7 => MaritimeTemperateOverSea,
            _ => return Err(ItmError::InvalidRadioClimate(code)),
        })
    }

    fn index(self) -> usize {
        self as usize - 1
    }
}

/// Antenna polarisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Polarization {
    /// ITM code 0.
    Horizontal,
    /// ITM code 1.
    Vertical,
}

/// The mode of variability (MDVAR modulo 10).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VariabilityMode {
    /// 0: single-message mode, time, location and situation variability combined.
    SingleMessage,
    /// 1: accidental (individual) mode, location and situation combined.
    Accidental,
    /// 2: mobile mode, time and location combined.
    Mobile,
    /// 3: broadcast mode, time and location separate.
    Broadcast,
}

/// ITM's MDVAR: a mode plus the +10 (no location variability) and +20 (no direct situation
/// variability) flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mdvar {
    /// The mode of variability.
    pub mode: VariabilityMode,
    /// +10: location variability eliminated (point-to-point links with known terminals).
    pub no_location_variability: bool,
    /// +20: direct situation variability eliminated (interference studies).
    pub no_situation_variability: bool,
}

impl Mdvar {
    /// MDVAR from its code 0-3, 10-13, 20-23 or 30-33; other codes give error 1014.
    pub fn from_code(code: i64) -> Result<Mdvar, ItmError> {
        if !(0..=33).contains(&code) || code % 10 > 3 {
            return Err(ItmError::Mdvar(code));
        }
        let mode = match code % 10 {
            0 => VariabilityMode::SingleMessage,
            1 => VariabilityMode::Accidental,
            2 => VariabilityMode::Mobile,
            _ => VariabilityMode::Broadcast,
        };
        Ok(Mdvar {
            mode,
            no_location_variability: (code / 10) % 2 == 1,
            no_situation_variability: code >= 20,
        })
    }

    /// The MDVAR code.
    pub fn code(self) -> i64 {
        let m = match self.mode {
            VariabilityMode::SingleMessage => 0,
            VariabilityMode::Accidental => 1,
            VariabilityMode::Mobile => 2,
            VariabilityMode::Broadcast => 3,
        };
        m + 10 * i64::from(self.no_location_variability) + 20 * i64::from(self.no_situation_variability)
    }
}

/// How `n_0` is turned into the surface refractivity N_s in point-to-point mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RefractivityConvention {
    /// ITM 1.4: N_s = N_0 exp(-h_sys / 9460 m) with h_sys the mean elevation of the middle 80 %
    /// of the profile [TN101 eq. (4.3)].
    #[default]
    ScaleByPathElevation,
    /// The given value is N_s itself (ITS Fortran QKPFL, WInnForum `refract_is_final`).
    AsSurfaceRefractivity,
}

/// Which quantile of the attenuation to compute.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Quantiles {
    /// Time, location and situation percentages, each in (0, 100).
    Tls { time_pct: f64, location_pct: f64, situation_pct: f64 },
    /// Confidence and reliability percentages, each in (0, 100); ITM evaluates them as situation
    /// = confidence, time = reliability, location = 50 %.
    Cr { confidence_pct: f64, reliability_pct: f64 },
}

impl Quantiles {
    /// The median: 50 % time, location and situation.
    pub const MEDIAN: Quantiles = Quantiles::Tls { time_pct: 50.0, location_pct: 50.0, situation_pct: 50.0 };

    fn tls(self) -> (f64, f64, f64) {
        match self {
            Quantiles::Tls { time_pct, location_pct, situation_pct } => {
                (time_pct, location_pct, situation_pct)
            }
            Quantiles::Cr { confidence_pct, reliability_pct } => (reliability_pct, 50.0, confidence_pct),
        }
    }
}

/// Inputs common to point-to-point and area mode (the reference's argument list).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ItmParams {
    /// Structural height of the transmitter antenna above ground, m (0.5-3000).
    pub h_tx_m: f64,
    /// Structural height of the receiver antenna above ground, m (0.5-3000).
    pub h_rx_m: f64,
    /// Radio climate.
    pub climate: Climate,
    /// Refractivity N_0, N-units (250-400); see [`ItmParams::refractivity`].
    pub n_0: f64,
    /// Frequency, MHz (20-20000).
    pub f_mhz: f64,
    /// Polarisation.
    pub polarization: Polarization,
    /// Relative permittivity of the ground (>= 1).
    pub epsilon: f64,
    /// Ground conductivity, S/m (> 0).
    pub sigma: f64,
    /// Mode of variability.
    pub mdvar: Mdvar,
    /// How `n_0` becomes N_s in point-to-point mode (area mode always uses N_s = N_0).
    pub refractivity: RefractivityConvention,
}

impl ItmParams {
    /// The reference's `ValidateInputs`: the first error in the reference's order, or the
    /// warnings for inputs near their limits. NaN fails the check of its field.
    fn validate(&self, quantiles: Quantiles) -> Result<ItmWarnings, ItmError> {
        let mut w = ItmWarnings::NONE;
        let within = |x: f64, lo: f64, hi: f64| (lo..=hi).contains(&x);
        if !within(self.h_tx_m, 1.0, 1000.0) {
            w.insert(ItmWarnings::TX_TERMINAL_HEIGHT);
        }
        if !within(self.h_tx_m, 0.5, 3000.0) {
            return Err(ItmError::TxTerminalHeight(self.h_tx_m));
        }
        if !within(self.h_rx_m, 1.0, 1000.0) {
            w.insert(ItmWarnings::RX_TERMINAL_HEIGHT);
        }
        if !within(self.h_rx_m, 0.5, 3000.0) {
            return Err(ItmError::RxTerminalHeight(self.h_rx_m));
        }
        if !within(self.n_0, 250.0, 400.0) {
            return Err(ItmError::Refractivity(self.n_0));
        }
        if !within(self.f_mhz, 40.0, 10000.0) {
            w.insert(ItmWarnings::FREQUENCY);
        }
        if !within(self.f_mhz, 20.0, 20000.0) {
            return Err(ItmError::Frequency(self.f_mhz));
        }
        if !(self.epsilon >= 1.0 && self.epsilon.is_finite()) {
            return Err(ItmError::Epsilon(self.epsilon));
        }
        if !(self.sigma > 0.0 && self.sigma.is_finite()) {
            return Err(ItmError::Sigma(self.sigma));
        }
        let open = |x: f64| x > 0.0 && x < 100.0;
        match quantiles {
            Quantiles::Tls { time_pct, location_pct, situation_pct } => {
                if !open(situation_pct) {
                    return Err(ItmError::InvalidSituation(situation_pct));
                }
                if !open(time_pct) {
                    return Err(ItmError::InvalidTime(time_pct));
                }
                if !open(location_pct) {
                    return Err(ItmError::InvalidLocation(location_pct));
                }
            }
            Quantiles::Cr { confidence_pct, reliability_pct } => {
                if !open(confidence_pct) {
                    return Err(ItmError::InvalidConfidence(confidence_pct));
                }
                if !open(reliability_pct) {
                    return Err(ItmError::InvalidReliability(reliability_pct));
                }
            }
        }
        Ok(w)
    }
}

/// ITM's warning flags (a bit set with the reference's values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ItmWarnings(u32);

impl ItmWarnings {
    /// No warning.
    pub const NONE: ItmWarnings = ItmWarnings(0);
    /// 0x0001 TX terminal height outside 1-1000 m.
    pub const TX_TERMINAL_HEIGHT: ItmWarnings = ItmWarnings(0x0001);
    /// 0x0002 RX terminal height outside 1-1000 m.
    pub const RX_TERMINAL_HEIGHT: ItmWarnings = ItmWarnings(0x0002);
    /// 0x0004 frequency outside 40-10000 MHz.
    pub const FREQUENCY: ItmWarnings = ItmWarnings(0x0004);
    /// 0x0008 path distance above 1000 km.
    pub const PATH_DISTANCE_TOO_BIG_1: ItmWarnings = ItmWarnings(0x0008);
    /// 0x0010 path distance above 2000 km.
    pub const PATH_DISTANCE_TOO_BIG_2: ItmWarnings = ItmWarnings(0x0010);
    /// 0x0020 path distance below |h_e1 - h_e2| / 0.2.
    pub const PATH_DISTANCE_TOO_SMALL_1: ItmWarnings = ItmWarnings(0x0020);
    /// 0x0040 path distance below 1 km.
    pub const PATH_DISTANCE_TOO_SMALL_2: ItmWarnings = ItmWarnings(0x0040);
    /// 0x0080 TX horizon angle above 200 mrad.
    pub const TX_HORIZON_ANGLE: ItmWarnings = ItmWarnings(0x0080);
    /// 0x0100 RX horizon angle above 200 mrad.
    pub const RX_HORIZON_ANGLE: ItmWarnings = ItmWarnings(0x0100);
    /// 0x0200 TX horizon distance below 1/10 of the smooth-earth horizon.
    pub const TX_HORIZON_DISTANCE_1: ItmWarnings = ItmWarnings(0x0200);
    /// 0x0400 RX horizon distance below 1/10 of the smooth-earth horizon.
    pub const RX_HORIZON_DISTANCE_1: ItmWarnings = ItmWarnings(0x0400);
    /// 0x0800 TX horizon distance above 3 times the smooth-earth horizon.
    pub const TX_HORIZON_DISTANCE_2: ItmWarnings = ItmWarnings(0x0800);
    /// 0x1000 RX horizon distance above 3 times the smooth-earth horizon.
    pub const RX_HORIZON_DISTANCE_2: ItmWarnings = ItmWarnings(0x1000);
    /// 0x2000 a standard normal deviate beyond 3.1.
    pub const EXTREME_VARIABILITIES: ItmWarnings = ItmWarnings(0x2000);
    /// 0x4000 surface refractivity below 250 N-units.
    pub const SURFACE_REFRACTIVITY: ItmWarnings = ItmWarnings(0x4000);

    const DESCRIPTIONS: [(u32, &'static str, &'static str); 15] = [
        (0x0001, "itm_tx_terminal_height", "TX terminal height is near its limits (outside 1-1000 m)"),
        (0x0002, "itm_rx_terminal_height", "RX terminal height is near its limits (outside 1-1000 m)"),
        (0x0004, "itm_frequency", "frequency is near its limits (outside 40-10000 MHz)"),
        (0x0008, "itm_path_distance_too_big_1", "path distance is near its upper limit (> 1000 km)"),
        (
            0x0010,
            "itm_path_distance_too_big_2",
            "path distance is large (> 2000 km): take care with the result",
        ),
        (
            0x0020,
            "itm_path_distance_too_small_1",
            "path distance is near its lower limit (< |h_e1 - h_e2| / 0.2)",
        ),
        (
            0x0040,
            "itm_path_distance_too_small_2",
            "path distance is small (< 1 km): take care with the result",
        ),
        (
            0x0080,
            "itm_tx_horizon_angle",
            "TX horizon angle is large (> 200 mrad): small-angle approximations may break down",
        ),
        (
            0x0100,
            "itm_rx_horizon_angle",
            "RX horizon angle is large (> 200 mrad): small-angle approximations may break down",
        ),
        (
            0x0200,
            "itm_tx_horizon_distance_1",
            "TX horizon distance is less than 1/10 of the smooth-earth horizon distance",
        ),
        (
            0x0400,
            "itm_rx_horizon_distance_1",
            "RX horizon distance is less than 1/10 of the smooth-earth horizon distance",
        ),
        (
            0x0800,
            "itm_tx_horizon_distance_2",
            "TX horizon distance is more than 3 times the smooth-earth horizon distance",
        ),
        (
            0x1000,
            "itm_rx_horizon_distance_2",
            "RX horizon distance is more than 3 times the smooth-earth horizon distance",
        ),
        (
            0x2000,
            "itm_extreme_variabilities",
            "a variability percentage lies far in the tail of its distribution",
        ),
        (
            0x4000,
            "itm_surface_refractivity",
            "surface refractivity N_s is small (< 250 N-units): take care with the result",
        ),
    ];

    /// Sets the flags of `other`.
    pub fn insert(&mut self, other: ItmWarnings) {
        self.0 |= other.0;
    }

    /// Whether all flags of `other` are set.
    pub fn contains(self, other: ItmWarnings) -> bool {
        self.0 & other.0 == other.0
    }

    /// The flags as the reference's integer.
    pub fn bits(self) -> u32 {
        self.0
    }

    /// Whether no flag is set.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// `(code, description)` of every flag set, in bit order.
    pub fn descriptions(self) -> impl Iterator<Item = (&'static str, &'static str)> {
        Self::DESCRIPTIONS.iter().filter(move |(b, _, _)| self.0 & b != 0).map(|(_, c, d)| (*c, *d))
    }
}

/// The reference's error codes (1000-1022), with the offending value.
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
pub enum ItmError {
    /// 1000
    #[error("TX terminal height {0} m is out of range [0.5, 3000] m")]
    TxTerminalHeight(f64),
    /// 1001
    #[error("RX terminal height {0} m is out of range [0.5, 3000] m")]
    RxTerminalHeight(f64),
    /// 1002
    #[error("radio climate {0} is invalid: expected 1-7")]
    InvalidRadioClimate(i64),
    /// 1003
    #[error("time percentage {0} is out of range (0, 100)")]
    InvalidTime(f64),
    /// 1004
    #[error("location percentage {0} is out of range (0, 100)")]
    InvalidLocation(f64),
    /// 1005
    #[error("situation percentage {0} is out of range (0, 100)")]
    InvalidSituation(f64),
    /// 1006
    #[error("confidence percentage {0} is out of range (0, 100)")]
    InvalidConfidence(f64),
    /// 1007
    #[error("reliability percentage {0} is out of range (0, 100)")]
    InvalidReliability(f64),
    /// 1008
    #[error("refractivity N_0 = {0} N-units is out of range [250, 400]")]
    Refractivity(f64),
    /// 1009
    #[error("frequency {0} MHz is out of range [20, 20000] MHz")]
    Frequency(f64),
    /// 1010
    #[error("polarization {0} is invalid: expected 0 (horizontal) or 1 (vertical)")]
    Polarization(i64),
    /// 1011
    #[error("epsilon = {0} is out of range: expected >= 1")]
    Epsilon(f64),
    /// 1012
    #[error("sigma = {0} S/m is out of range: expected > 0")]
    Sigma(f64),
    /// 1013
    #[error("ground impedance: imaginary part larger than the real part")]
    GroundImpedance,
    /// 1014
    #[error("mdvar = {0} is invalid: expected 0-3, 10-13, 20-23 or 30-33")]
    Mdvar(i64),
    /// 1016
    #[error("effective earth radius {0} m is out of range [4000, 13333] km")]
    EffectiveEarth(f64),
    /// 1017
    #[error("path distance {0} km is out of range: expected > 0")]
    PathDistance(f64),
    /// 1018
    #[error("delta h = {0} m is out of range: expected >= 0")]
    DeltaH(f64),
    /// 1019
    #[error("TX siting criteria {0} is invalid: expected 0, 1 or 2")]
    TxSitingCriteria(i64),
    /// 1020
    #[error("RX siting criteria {0} is invalid: expected 0, 1 or 2")]
    RxSitingCriteria(i64),
    /// 1021
    #[error("surface refractivity N_s = {0} N-units is too small (< 150)")]
    SurfaceRefractivitySmall(f64),
    /// 1022
    #[error("surface refractivity N_s = {0} N-units is too large (> 400)")]
    SurfaceRefractivityLarge(f64),
}

impl ItmError {
    /// The reference's integer return code.
    pub fn code(&self) -> i32 {
        use ItmError::*;
        match self {
            TxTerminalHeight(_) => 1000,
            RxTerminalHeight(_) => 1001,
            InvalidRadioClimate(_) => 1002,
            InvalidTime(_) => 1003,
            InvalidLocation(_) => 1004,
            InvalidSituation(_) => 1005,
            InvalidConfidence(_) => 1006,
            InvalidReliability(_) => 1007,
            Refractivity(_) => 1008,
            Frequency(_) => 1009,
            Polarization(_) => 1010,
            Epsilon(_) => 1011,
            Sigma(_) => 1012,
            GroundImpedance => 1013,
            Mdvar(_) => 1014,
            EffectiveEarth(_) => 1016,
            PathDistance(_) => 1017,
            DeltaH(_) => 1018,
            TxSitingCriteria(_) => 1019,
            RxSitingCriteria(_) => 1020,
            SurfaceRefractivitySmall(_) => 1021,
            SurfaceRefractivityLarge(_) => 1022,
        }
    }
}

impl From<ItmError> for crate::Error {
    fn from(e: ItmError) -> crate::Error {
        crate::Error::Model { model: "itm", message: format!("ITM error {}: {e}", e.code()) }
    }
}

/// The dominant mode of propagation at the path distance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PropagationMode {
    /// 1: line of sight.
    LineOfSight = 1,
    /// 2: diffraction.
    Diffraction = 2,
    /// 3: troposcatter.
    Troposcatter = 3,
}

impl fmt::Display for PropagationMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PropagationMode::LineOfSight => "line of sight",
            PropagationMode::Diffraction => "diffraction",
            PropagationMode::Troposcatter => "troposcatter",
        })
    }
}

/// The reference's intermediate values (`IntermediateValues`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ItmIntermediates {
    /// Horizon elevation angles theta_e1, theta_e2 (TX, RX), rad.
    pub theta_hzn: [f64; 2],
    /// Horizon distances d_L1, d_L2 (TX, RX), m.
    pub d_hzn_m: [f64; 2],
    /// Effective antenna heights h_e1, h_e2 (TX, RX), m.
    pub h_e_m: [f64; 2],
    /// Surface refractivity N_s, N-units.
    pub n_s: f64,
    /// Terrain irregularity Delta h, m.
    pub delta_h_m: f64,
    /// Reference attenuation A_ref (median, relative to free space), dB.
    pub a_ref_db: f64,
    /// Free-space basic transmission loss, dB.
    pub a_fs_db: f64,
    /// Variability adjustment at the requested quantile (climate median shift and time, location
    /// and situation deviates, after the soft limit of [Algorithm eq. (5.2)]):
    /// loss = A_fs + A_ref + variability, dB.
    pub variability_db: f64,
    /// Path distance, km.
    pub d_km: f64,
    /// Mode of propagation.
    pub mode: PropagationMode,
}

/// The answer of ITM: basic transmission loss, warning flags and intermediate values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ItmResult {
    /// Basic transmission loss at the requested quantile, dB.
    pub loss_db: f64,
    /// Warning flags.
    pub warnings: ItmWarnings,
    /// Intermediate values.
    pub intermediates: ItmIntermediates,
}

/// Free-space basic transmission loss as ITM computes it: 32.45 + 20 log f + 20 log d_km.
pub(crate) fn free_space_loss_db(d_m: f64, f_mhz: f64) -> f64 {
    32.45 + 20.0 * f_mhz.log10() + 20.0 * (d_m / 1000.0).log10()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn params(h_tx_m: f64, h_rx_m: f64, f_mhz: f64, mdvar: i64) -> ItmParams {
        ItmParams {
            h_tx_m,
            h_rx_m,
            climate: Climate::ContinentalTemperate,
            n_0: 301.0,
            f_mhz,
            polarization: Polarization::Horizontal,
            epsilon: 15.0,
            sigma: 0.005,
            mdvar: Mdvar::from_code(mdvar).unwrap_or(Mdvar::from_code(12).unwrap()),
            refractivity: RefractivityConvention::ScaleByPathElevation,
        }
    }

    proptest! {
        /// Any valid input, however odd the profile (2 points, centimetre or 50 km spacing, sea
        /// level or 8 km high), gives a finite loss or one of the reference's error codes.
        #[test]
        fn p2p_never_panics_and_is_finite(
            z in proptest::collection::vec(-50.0f64..8000.0, 2..60),
            xi in 0.01f64..50_000.0,
            h_tx in 0.5f64..3000.0,
            h_rx in 0.5f64..3000.0,
            f in 20.0f64..20_000.0,
            mdvar in 0i64..34,
            t in 0.01f64..99.99,
        ) {
            let pfl = Pfl::new(xi, z).unwrap();
            let q = Quantiles::Tls { time_pct: t, location_pct: 50.0, situation_pct: 50.0 };
            match p2p(&params(h_tx, h_rx, f, mdvar), &pfl, q) {
                Ok(r) => prop_assert!(r.loss_db.is_finite() && r.intermediates.a_ref_db >= 0.0, "{r:?}"),
                Err(e) => prop_assert!((1000..=1022).contains(&e.code())),
            }
        }

        #[test]
        fn area_never_panics_and_is_finite(
            d_km in 0.001f64..3000.0,
            delta_h in 0.0f64..1000.0,
            h_tx in 0.5f64..3000.0,
            h_rx in 0.5f64..3000.0,
            f in 20.0f64..20_000.0,
            siting in 0i64..3,
        ) {
            let s = SitingCriteria::from_code(siting).unwrap();
            let a = AreaParams { d_km, delta_h_m: delta_h, tx_siting: s, rx_siting: s };
            match area(&params(h_tx, h_rx, f, 3), &a, Quantiles::MEDIAN) {
                Ok(r) => prop_assert!(r.loss_db.is_finite(), "{r:?}"),
                Err(e) => prop_assert!((1000..=1022).contains(&e.code())),
            }
        }
    }

    #[test]
    fn mdvar_codes_round_trip() {
        for code in [0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23, 30, 31, 32, 33] {
            assert_eq!(Mdvar::from_code(code).unwrap().code(), code);
        }
        let m = Mdvar::from_code(32).unwrap();
        assert!(m.no_location_variability && m.no_situation_variability && m.mode == VariabilityMode::Mobile);
    }

    #[test]
    fn warning_descriptions_follow_the_bits() {
        let mut w = ItmWarnings::NONE;
        w.insert(ItmWarnings::FREQUENCY);
        w.insert(ItmWarnings::SURFACE_REFRACTIVITY);
        assert_eq!(w.bits(), 0x4004);
        let codes: Vec<_> = w.descriptions().map(|(c, _)| c).collect();
        assert_eq!(codes, ["itm_frequency", "itm_surface_refractivity"]);
    }
}
