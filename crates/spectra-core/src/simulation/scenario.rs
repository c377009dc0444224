//! The scenario file: a victim link, interfering links, positions, random variables, antennas,
//! masks, propagation and interference criteria, in the vocabulary of SEAMCAT (ECC Report 252).
//!
//! TOML (or JSON) maps one-to-one onto these types; every numeric parameter marked
//! [`Variable`] takes a bare number or a distribution table. Unknown keys are errors. Every
//! field is addressable by its path, e.g. `interfering_links[0].transmitter.frequency_mhz`,
//! which is what error messages print and what studies use to sweep parameters.
//! `spectra schema` prints the JSON Schema of [`Scenario`].
use super::position::Position;
use super::random::{Domain, Variable};
use crate::propagation;
use crate::{Error, Result};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// A Monte Carlo interference scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Number of events and master seed.
    #[serde(default)]
    pub simulation: SimulationSettings,
    /// The victim link: wanted transmitter and victim receiver.
    pub victim_link: VictimLink,
    /// Interfering links, each with `count` transmitters per event.
    #[serde(default)]
    pub interfering_links: Vec<InterferingLink>,
}

fn default_events() -> u64 {
    10_000
}

/// Run settings (overridable on the command line).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SimulationSettings {
    /// Number of events (snapshots), 1 to 10^12.
    #[serde(default = "default_events")]
    pub events: u64,
    /// Master seed of the counter-addressed random streams.
    #[serde(default)]
    pub seed: u64,
}

impl Default for SimulationSettings {
    fn default() -> Self {
        SimulationSettings { events: default_events(), seed: 0 }
    }
}

/// The victim link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VictimLink {
    /// Operating frequency of the victim link, MHz.
    pub frequency_mhz: Variable,
    /// The victim receiver (at the origin).
    pub receiver: VictimReceiver,
    /// The wanted transmitter, placed relative to the victim receiver.
    pub transmitter: WantedTransmitter,
}

/// The victim receiver.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VictimReceiver {
    /// Receiver bandwidth, MHz.
    pub bandwidth_mhz: f64,
    /// Noise floor N, dBm (give this or `noise_figure_db`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub noise_floor_dbm: Option<Variable>,
    /// Noise figure, dB: N = k T0 B + NF (give this or `noise_floor_dbm`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub noise_figure_db: Option<f64>,
    /// Sensitivity, dBm: events with dRSS below it do not count toward C/I and C/(N+I).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sensitivity_dbm: Option<f64>,
    /// Antenna height, m.
    pub height_m: Variable,
    /// Antenna (pointed at the wanted transmitter unless `pointing` says otherwise).
    pub antenna: AntennaSpec,
    /// Antenna pointing.
    #[serde(default, skip_serializing_if = "Pointing::is_default")]
    pub pointing: Pointing,
    /// Interference criteria; the results give one probability per criterion present.
    pub criteria: Criteria,
    /// Blocking response; without it blocking is not computed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blocking: Option<Blocking>,
    /// Third-order intermodulation response; without it intermodulation is not computed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intermodulation: Option<Intermodulation>,
}

/// Interference criteria thresholds (each optional).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Criteria {
    /// Interference when dRSS - iRSS < `c_over_i_db`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub c_over_i_db: Option<f64>,
    /// Interference when dRSS - (N + iRSS) < `c_over_n_plus_i_db`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub c_over_n_plus_i_db: Option<f64>,
    /// Interference when (N + iRSS) - N > `n_plus_i_over_n_db`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub n_plus_i_over_n_db: Option<f64>,
    /// Interference when iRSS - N > `i_over_n_db`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub i_over_n_db: Option<f64>,
}

/// How the blocking response is given (ECC Report 252 Annex 8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum BlockingMode {
    /// The response is the attenuation in dB.
    #[default]
    UserDefined,
    /// Attenuation = response + C/(N+I) + (N+I)/N - I/N.
    ProtectionRatio,
    /// The response is the largest tolerated interferer in dBm; attenuation = response - sens + C/(N+I) - I/N.
    Sensitivity,
}

/// The victim receiver's blocking response vs `f_it - f_vr`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Blocking {
    /// How `response` is interpreted.
    #[serde(default)]
    pub mode: BlockingMode,
    /// A constant response (dB, or dBm in sensitivity mode).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<f64>,
    /// Or a response mask: `[offset_mhz, value]` points sorted by offset, linear between points.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mask: Option<Vec<[f64; 2]>>,
}

/// Third-order intermodulation response of the victim receiver.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Intermodulation {
    /// Intermodulation response rejection, dB (a constant: products whose frequency falls
    /// outside the victim bandwidth are rejected).
    pub rejection_db: f64,
}

/// An antenna. Only the omnidirectional pattern is wired into the engine so far; the pattern
/// library of `antenna/` adds the others.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "pattern", rename_all = "kebab-case", deny_unknown_fields)]
pub enum AntennaSpec {
    /// The same gain in every direction.
    Omni {
        /// Gain, dBi.
        gain_dbi: f64,
    },
}

/// Antenna pointing; by default each antenna points at its link partner.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pointing {
    /// Boresight azimuth, degrees counter-clockwise from the x axis (default: toward the partner).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub azimuth_deg: Option<Variable>,
    /// Boresight elevation (mechanical tilt up), degrees (default: 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elevation_deg: Option<f64>,
}

impl Pointing {
    fn is_default(&self) -> bool {
        *self == Pointing::default()
    }
}

/// The wanted transmitter of the victim link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WantedTransmitter {
    /// Transmitted power, dBm.
    pub power_dbm: Variable,
    /// Antenna height, m.
    pub height_m: Variable,
    /// Antenna.
    pub antenna: AntennaSpec,
    /// Antenna pointing.
    #[serde(default, skip_serializing_if = "Pointing::is_default")]
    pub pointing: Pointing,
    /// Position relative to the victim receiver.
    pub position: Position,
    /// Propagation model of the wanted path.
    pub propagation: Propagation,
}

fn one() -> u32 {
    1
}
fn full_activity() -> f64 {
    1.0
}

/// An interfering link: a transmitter (repeated `count` times per event) and optionally its
/// own receiver (for power control).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InterferingLink {
    /// Name shown in results.
    pub name: String,
    /// Active interfering transmitters per event (each placed and drawn independently).
    #[serde(default = "one")]
    pub count: u32,
    /// Probability that each transmitter is active in an event (default 1).
    #[serde(default = "full_activity")]
    pub activity: f64,
    /// The interfering transmitter.
    pub transmitter: InterferingTransmitter,
    /// The interfering link's own receiver, placed relative to its transmitter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receiver: Option<InterferingReceiver>,
}

/// Where an interfering transmitter's position is measured from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Anchor {
    /// The victim receiver (the origin).
    #[default]
    VictimReceiver,
    /// The wanted transmitter (SEAMCAT's correlated placement relative to the VLT).
    WantedTransmitter,
}

/// An interfering transmitter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InterferingTransmitter {
    /// Carrier frequency, MHz.
    pub frequency_mhz: Variable,
    /// Transmitted (in-band) power, dBm.
    pub power_dbm: Variable,
    /// Emission bandwidth, MHz (the flat spectrum used when no `emission_mask` is given).
    pub bandwidth_mhz: f64,
    /// Antenna height, m.
    pub height_m: Variable,
    /// Antenna.
    pub antenna: AntennaSpec,
    /// Antenna pointing.
    #[serde(default, skip_serializing_if = "Pointing::is_default")]
    pub pointing: Pointing,
    /// Position relative to `position_relative_to`.
    pub position: Position,
    /// Reference station of `position`.
    #[serde(default)]
    pub position_relative_to: Anchor,
    /// Propagation model of the path to the victim receiver.
    pub propagation: Propagation,
    /// Relative emission mask: SEAMCAT triplets `[offset_mhz, level_dbc, reference_bandwidth_mhz]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emission_mask: Option<Vec<[f64; 3]>>,
}

/// The receiver of an interfering link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InterferingReceiver {
    /// Antenna height, m.
    pub height_m: Variable,
    /// Antenna.
    pub antenna: AntennaSpec,
    /// Antenna pointing.
    #[serde(default, skip_serializing_if = "Pointing::is_default")]
    pub pointing: Pointing,
    /// Position relative to the interfering transmitter.
    pub position: Position,
    /// Propagation model of the interfering link's own path.
    pub propagation: Propagation,
    /// Power control of the interfering transmitter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub power_control: Option<PowerControl>,
}

/// SEAMCAT-style power control of an interfering transmitter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PowerControl {
    /// Step size, dB.
    pub step_db: f64,
    /// Received level at the interfering receiver above which power is reduced, dBm.
    pub threshold_dbm: f64,
    /// Largest reduction, dB.
    pub dynamic_range_db: f64,
}

/// Propagation of one path: a model of the library and its extra inputs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Propagation {
    /// Model name (`spectra models` lists them), e.g. `free-space`.
    pub model: String,
    /// Standard deviation of a zero-mean Gaussian variation added to the loss each event, dB.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub variation_std_db: f64,
    /// Extra model inputs by column name (`environment = "urban"`, `time_pct = 50` ...).
    /// `frequency_mhz`, `distance_km`, `tx_height_m` and `rx_height_m` come from the scenario.
    #[serde(flatten)]
    pub parameters: BTreeMap<String, ParameterValue>,
}

fn is_zero(v: &f64) -> bool {
    *v == 0.0
}

/// A model input given in the scenario: a number or a word.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum ParameterValue {
    /// A number.
    Number(f64),
    /// A word (a choice such as `urban`).
    Text(String),
}

impl ParameterValue {
    /// The value as the text of a batch cell.
    pub fn cell(&self) -> String {
        match self {
            ParameterValue::Number(v) => format!("{v}"),
            ParameterValue::Text(s) => s.clone(),
        }
    }
}

/// Columns every path fills from the scenario geometry.
pub const GEOMETRY_COLUMNS: [&str; 4] = ["frequency_mhz", "distance_km", "tx_height_m", "rx_height_m"];

const FREQUENCY: Domain = Domain::above(0.0, 1e6);
const BANDWIDTH: Domain = Domain::above(0.0, 1e5);
const HEIGHT: Domain = Domain::closed(0.0, 1e5);
const POWER: Domain = Domain::closed(-300.0, 200.0);
const GAIN: Domain = Domain::closed(-100.0, 100.0);
const THRESHOLD: Domain = Domain::closed(-300.0, 300.0);

impl Scenario {
    /// Parses TOML (or JSON when `text` starts with `{`). Syntax errors, unknown keys and
    /// wrong types name the field path; then [`Scenario::validate`] checks every value.
    pub fn parse(text: &str) -> Result<Scenario> {
        let scenario: Scenario = if text.trim_start().starts_with('{') {
            let de = &mut serde_json::Deserializer::from_str(text);
            serde_path_to_error::deserialize(de).map_err(|e| Error::InvalidChoice {
                field: e.path().to_string(),
                value: "(JSON)".into(),
                expected: e.inner().to_string(),
            })?
        } else {
            let de = toml::Deserializer::new(text);
            serde_path_to_error::deserialize(de).map_err(|e| {
                let path = e.path().to_string();
                let inner = e.into_inner();
                Error::InvalidChoice {
                    field: path,
                    value: "(TOML)".into(),
                    expected: inner.message().trim().to_owned()
                        + &inner.span().map(|s| format!(" (at byte {})", s.start)).unwrap_or_default(),
                }
            })?
        };
        scenario.validate()?;
        Ok(scenario)
    }

    /// Reads and parses a scenario file (TOML, or JSON for a `.json` file).
    pub fn read(path: &Path) -> Result<Scenario> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::File { path: path.to_owned(), message: e.to_string() })?;
        Scenario::parse(&text).map_err(|e| Error::File { path: path.to_owned(), message: e.to_string() })
    }

    /// Checks every value against its valid range; errors name the field path and the range.
    pub fn validate(&self) -> Result<()> {
        Domain::closed(1.0, 1e12).check("simulation.events", self.simulation.events as f64)?;
        let v = &self.victim_link;
        v.frequency_mhz.validate("victim_link.frequency_mhz", FREQUENCY)?;
        let r = &v.receiver;
        BANDWIDTH.check("victim_link.receiver.bandwidth_mhz", r.bandwidth_mhz)?;
        match (&r.noise_floor_dbm, r.noise_figure_db) {
            (Some(n), None) => n.validate("victim_link.receiver.noise_floor_dbm", POWER)?,
            (None, Some(nf)) => {
                Domain::closed(0.0, 100.0).check("victim_link.receiver.noise_figure_db", nf)?
            }
            _ => {
                return Err(Error::InvalidChoice {
                    field: "victim_link.receiver".into(),
                    value: "noise".into(),
                    expected: "exactly one of noise_floor_dbm or noise_figure_db".into(),
                })
            }
        }
        if let Some(s) = r.sensitivity_dbm {
            POWER.check("victim_link.receiver.sensitivity_dbm", s)?;
        }
        r.height_m.validate("victim_link.receiver.height_m", HEIGHT)?;
        validate_antenna("victim_link.receiver.antenna", &r.antenna)?;
        validate_pointing("victim_link.receiver.pointing", &r.pointing)?;
        let c = &r.criteria;
        for (name, value) in [
            ("c_over_i_db", c.c_over_i_db),
            ("c_over_n_plus_i_db", c.c_over_n_plus_i_db),
            ("n_plus_i_over_n_db", c.n_plus_i_over_n_db),
            ("i_over_n_db", c.i_over_n_db),
        ] {
            if let Some(x) = value {
                THRESHOLD.check(&format!("victim_link.receiver.criteria.{name}"), x)?;
            }
        }
        if c == &Criteria::default() {
            return Err(Error::Missing {
                field: "victim_link.receiver.criteria (at least one of c_over_i_db, c_over_n_plus_i_db, n_plus_i_over_n_db, i_over_n_db)"
                    .into(),
            });
        }
        if let Some(b) = &r.blocking {
            let p = "victim_link.receiver.blocking";
            match (&b.response, &b.mask) {
                (Some(x), None) => THRESHOLD.check(&format!("{p}.response"), *x)?,
                (None, Some(m)) => {
                    super::mask::OffsetCurve::new(
                        &format!("{p}.mask"),
                        m.iter().map(|q| (q[0], q[1])).collect(),
                    )?;
                }
                _ => {
                    return Err(Error::InvalidChoice {
                        field: p.into(),
                        value: "blocking".into(),
                        expected: "exactly one of response or mask".into(),
                    })
                }
            }
            let need = |name: &str, x: Option<f64>| {
                x.ok_or_else(|| Error::Missing {
                    field: format!(
                        "victim_link.receiver.criteria.{name} (needed by blocking mode {:?})",
                        b.mode
                    ),
                })
            };
            match b.mode {
                BlockingMode::UserDefined => {}
                BlockingMode::ProtectionRatio => {
                    need("c_over_n_plus_i_db", c.c_over_n_plus_i_db)?;
                    need("n_plus_i_over_n_db", c.n_plus_i_over_n_db)?;
                    need("i_over_n_db", c.i_over_n_db)?;
                }
                BlockingMode::Sensitivity => {
                    need("c_over_n_plus_i_db", c.c_over_n_plus_i_db)?;
                    need("i_over_n_db", c.i_over_n_db)?;
                    r.sensitivity_dbm.ok_or_else(|| Error::Missing {
                        field: "victim_link.receiver.sensitivity_dbm (needed by blocking mode sensitivity)"
                            .into(),
                    })?;
                }
            }
        }
        if let Some(im) = &r.intermodulation {
            Domain::closed(0.0, 300.0)
                .check("victim_link.receiver.intermodulation.rejection_db", im.rejection_db)?;
            r.sensitivity_dbm.ok_or_else(|| Error::Missing {
                field: "victim_link.receiver.sensitivity_dbm (needed by intermodulation)".into(),
            })?;
            for (name, x) in [("n_plus_i_over_n_db", c.n_plus_i_over_n_db), ("i_over_n_db", c.i_over_n_db)] {
                x.ok_or_else(|| Error::Missing {
                    field: format!("victim_link.receiver.criteria.{name} (needed by intermodulation)"),
                })?;
            }
        }
        let t = &v.transmitter;
        t.power_dbm.validate("victim_link.transmitter.power_dbm", POWER)?;
        t.height_m.validate("victim_link.transmitter.height_m", HEIGHT)?;
        validate_antenna("victim_link.transmitter.antenna", &t.antenna)?;
        validate_pointing("victim_link.transmitter.pointing", &t.pointing)?;
        t.position.validate("victim_link.transmitter.position")?;
        validate_propagation("victim_link.transmitter.propagation", &t.propagation)?;
        for (i, l) in self.interfering_links.iter().enumerate() {
            let p = format!("interfering_links[{i}]");
            if l.name.trim().is_empty() {
                return Err(Error::Missing { field: format!("{p}.name") });
            }
            Domain::closed(1.0, 10_000.0).check(&format!("{p}.count"), l.count as f64)?;
            Domain::closed(0.0, 1.0).check(&format!("{p}.activity"), l.activity)?;
            let t = &l.transmitter;
            let p = format!("{p}.transmitter");
            t.frequency_mhz.validate(&format!("{p}.frequency_mhz"), FREQUENCY)?;
            t.power_dbm.validate(&format!("{p}.power_dbm"), POWER)?;
            BANDWIDTH.check(&format!("{p}.bandwidth_mhz"), t.bandwidth_mhz)?;
            t.height_m.validate(&format!("{p}.height_m"), HEIGHT)?;
            validate_antenna(&format!("{p}.antenna"), &t.antenna)?;
            validate_pointing(&format!("{p}.pointing"), &t.pointing)?;
            t.position.validate(&format!("{p}.position"))?;
            validate_propagation(&format!("{p}.propagation"), &t.propagation)?;
            if let Some(m) = &t.emission_mask {
                super::mask::Spectrum::from_triplets(&format!("{p}.emission_mask"), m)?;
            }
            if let Some(rx) = &l.receiver {
                let p = format!("interfering_links[{i}].receiver");
                rx.height_m.validate(&format!("{p}.height_m"), HEIGHT)?;
                validate_antenna(&format!("{p}.antenna"), &rx.antenna)?;
                validate_pointing(&format!("{p}.pointing"), &rx.pointing)?;
                rx.position.validate(&format!("{p}.position"))?;
                validate_propagation(&format!("{p}.propagation"), &rx.propagation)?;
                if let Some(pc) = &rx.power_control {
                    Domain::above(0.0, 100.0).check(&format!("{p}.power_control.step_db"), pc.step_db)?;
                    POWER.check(&format!("{p}.power_control.threshold_dbm"), pc.threshold_dbm)?;
                    Domain::closed(0.0, 200.0)
                        .check(&format!("{p}.power_control.dynamic_range_db"), pc.dynamic_range_db)?;
                }
            } else if matches!(t.pointing.azimuth_deg, None) && !matches!(t.antenna, AntennaSpec::Omni { .. })
            {
                return Err(Error::Missing {
                    field: format!(
                        "{p}.pointing.azimuth_deg (a directional antenna without a receiver to point at)"
                    ),
                });
            }
        }
        Ok(())
    }
}

fn validate_antenna(path: &str, a: &AntennaSpec) -> Result<()> {
    match a {
        AntennaSpec::Omni { gain_dbi } => GAIN.check(&format!("{path}.gain_dbi"), *gain_dbi),
    }
}

fn validate_pointing(path: &str, p: &Pointing) -> Result<()> {
    if let Some(a) = &p.azimuth_deg {
        a.validate(&format!("{path}.azimuth_deg"), Domain::ANY)?;
    }
    if let Some(e) = p.elevation_deg {
        Domain::closed(-90.0, 90.0).check(&format!("{path}.elevation_deg"), e)?;
    }
    Ok(())
}

fn validate_propagation(path: &str, p: &Propagation) -> Result<()> {
    let model = propagation::model(&p.model).ok_or_else(|| Error::InvalidChoice {
        field: format!("{path}.model"),
        value: p.model.clone(),
        expected: format!("one of {}", propagation::model_names().join(", ")),
    })?;
    Domain::closed(0.0, 100.0).check(&format!("{path}.variation_std_db"), p.variation_std_db)?;
    let info = model.info();
    for (key, value) in &p.parameters {
        if GEOMETRY_COLUMNS.contains(&key.as_str()) {
            return Err(Error::InvalidChoice {
                field: format!("{path}.{key}"),
                value: value.cell(),
                expected: "no value: this input comes from the scenario geometry".into(),
            });
        }
        if info.columns.iter().all(|c| c.name != key) {
            let names: Vec<&str> =
                info.columns.iter().map(|c| c.name).filter(|n| !GEOMETRY_COLUMNS.contains(n)).collect();
            return Err(Error::InvalidChoice {
                field: format!("{path}.{key}"),
                value: value.cell(),
                expected: if names.is_empty() {
                    format!("no such input: model {} takes only model and variation_std_db", p.model)
                } else {
                    format!("an input of model {}: one of {}", p.model, names.join(", "))
                },
            });
        }
    }
    Ok(())
}
