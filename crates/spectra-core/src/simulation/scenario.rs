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
use crate::antenna::{PatternSpec, CATALOGUE};
use crate::propagation;
use crate::spectrum::{EmissionMask, MaskLevel, MaskPoint, ReceiverMask};
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
    #[schemars(schema_with = "antenna_schema")]
    pub antenna: PatternSpec,
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

/// JSON Schema of an antenna table (`antenna::spec::PatternSpec`, owned by the antenna module):
/// an object tagged by `pattern`, one of the catalogue's names, with that pattern's parameters.
fn antenna_schema(_: &mut schemars::gen::SchemaGenerator) -> schemars::schema::Schema {
    let names: Vec<&str> = CATALOGUE.iter().map(|p| p.name).collect();
    let params: Vec<String> = CATALOGUE
        .iter()
        .map(|p| format!("{}: {}", p.name, p.params.iter().map(|(k, _)| *k).collect::<Vec<_>>().join(", ")))
        .collect();
    serde_json::from_value(serde_json::json!({
        "type": "object",
        "description": format!(
            "Antenna pattern (see `spectra antenna --list`), e.g. {{ pattern = \"omni\", gain_dbi = 9 }}. Parameters per pattern: {}",
            params.join("; ")
        ),
        "required": ["pattern"],
        "properties": { "pattern": { "type": "string", "enum": names } }
    }))
    .unwrap_or(schemars::schema::Schema::Bool(true))
}

/// Antenna pointing; by default each antenna points at its link partner.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pointing {
    /// Boresight azimuth, degrees counter-clockwise from the x axis (default: toward the partner).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub azimuth_deg: Option<Variable>,
    /// Mechanical downtilt, degrees below the horizon (default: 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub downtilt_deg: Option<f64>,
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
    #[schemars(schema_with = "antenna_schema")]
    pub antenna: PatternSpec,
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
    #[schemars(schema_with = "antenna_schema")]
    pub antenna: PatternSpec,
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
    /// Emission mask; without it the spectrum is flat over `bandwidth_mhz` (all power in band).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emission_mask: Option<EmissionMaskSpec>,
}

/// Whether emission mask levels are relative to the transmitter power or absolute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum MaskLevelSpec {
    /// dBc in the reference bandwidth.
    #[default]
    Relative,
    /// dBm in the reference bandwidth.
    Absolute,
}

/// An emission mask as SEAMCAT triplets (see `spectrum::EmissionMask`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EmissionMaskSpec {
    /// `relative` (dBc, default) or `absolute` (dBm).
    #[serde(default)]
    pub level: MaskLevelSpec,
    /// `[offset_mhz, level_db, reference_bandwidth_mhz]` sorted by offset; nothing is emitted
    /// beyond the first and last point.
    pub points: Vec<[f64; 3]>,
    /// Optional absolute unwanted-emission floor, same triplets in dBm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub floor: Option<Vec<[f64; 3]>>,
}

impl EmissionMaskSpec {
    /// Builds the mask; errors name `path`.
    pub fn build(&self, path: &str) -> Result<EmissionMask> {
        let pts = |v: &[[f64; 3]]| v.iter().map(|t| MaskPoint::new(t[0], t[1], t[2])).collect::<Vec<_>>();
        let level = match self.level {
            MaskLevelSpec::Relative => MaskLevel::Relative,
            MaskLevelSpec::Absolute => MaskLevel::Absolute,
        };
        let mut m = EmissionMask::new(level, pts(&self.points)).map_err(|e| prefix(path, e))?;
        if let Some(f) = &self.floor {
            m = m.with_floor(pts(f)).map_err(|e| prefix(&format!("{path}.floor"), e))?;
        }
        Ok(m)
    }
}

/// Puts the scenario path in front of an error raised by a library constructor.
pub(crate) fn prefix(path: &str, e: Error) -> Error {
    match e {
        Error::OutOfRange { field, value, valid } => {
            Error::OutOfRange { field: format!("{path}: {field}"), value, valid }
        }
        Error::Missing { field } => Error::Missing { field: format!("{path}: {field}") },
        Error::InvalidChoice { field, value, expected } => {
            Error::InvalidChoice { field: format!("{path}: {field}"), value, expected }
        }
        Error::File { path: p, message } => Error::File { path: p, message: format!("{path}: {message}") },
        Error::Model { model, message } => Error::Model { model, message: format!("{path}: {message}") },
    }
}

/// The receiver of an interfering link.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InterferingReceiver {
    /// Antenna height, m.
    pub height_m: Variable,
    /// Antenna.
    #[schemars(schema_with = "antenna_schema")]
    pub antenna: PatternSpec,
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
    /// Draw the model's own variability each event (SEAMCAT "variations"): for models with a
    /// `location_pct` input, the location percentage is drawn uniformly (for `extended-hata`,
    /// the log-normal variation with its Table D sigma).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub variations: bool,
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

/// Splits a serde message such as "unknown field `x`, expected one of `a`, `b`" into the
/// offending value (`x`) and what was expected.
fn split_message(msg: &str) -> (String, String) {
    let value = msg.split('`').nth(1).filter(|_| msg.starts_with("unknown")).unwrap_or("").to_owned();
    let expected = match msg.split_once(", expected ") {
        Some((_, e)) => e.to_owned(),
        None => match msg.split_once("expected ") {
            Some((head, e)) if !head.is_empty() => format!("{e} ({})", head.trim().trim_end_matches(',')),
            Some((_, e)) => e.to_owned(),
            None => msg.to_owned(),
        },
    };
    (value, expected)
}

/// Columns every path fills from the scenario geometry.
pub const GEOMETRY_COLUMNS: [&str; 4] = ["frequency_mhz", "distance_km", "tx_height_m", "rx_height_m"];

const FREQUENCY: Domain = Domain::above(0.0, 1e6);
const BANDWIDTH: Domain = Domain::above(0.0, 1e5);
const HEIGHT: Domain = Domain::closed(0.0, 1e5);
const POWER: Domain = Domain::closed(-300.0, 200.0);
const THRESHOLD: Domain = Domain::closed(-300.0, 300.0);

impl Scenario {
    /// Parses TOML (or JSON when `text` starts with `{`). Syntax errors, unknown keys and
    /// wrong types name the field path; then [`Scenario::validate`] checks every value.
    pub fn parse(text: &str) -> Result<Scenario> {
        let scenario = Scenario::parse_unchecked(text)?;
        scenario.validate()?;
        Ok(scenario)
    }

    fn parse_unchecked(text: &str) -> Result<Scenario> {
        let scenario: Scenario = if text.trim_start().starts_with('{') {
            let de = &mut serde_json::Deserializer::from_str(text);
            serde_path_to_error::deserialize(de).map_err(|e| {
                let path = e.path().to_string();
                let inner = e.into_inner();
                let (value, expected) = split_message(&inner.to_string());
                Error::InvalidChoice {
                    field: format!("{path} (line {}, column {})", inner.line(), inner.column()),
                    value,
                    expected,
                }
            })?
        } else {
            let de = toml::Deserializer::new(text);
            serde_path_to_error::deserialize(de).map_err(|e| {
                let path = e.path().to_string();
                let inner = e.into_inner();
                let (mut value, expected) = split_message(inner.message().trim());
                let mut at = String::new();
                if let Some(span) = inner.span() {
                    let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
                    let col =
                        span.start - text[..span.start.min(text.len())].rfind('\n').map_or(0, |i| i + 1) + 1;
                    at = format!(" (line {line}, column {col})");
                    if value.is_empty() {
                        value =
                            text.get(span).unwrap_or("").trim().trim_matches('"').chars().take(60).collect();
                    }
                }
                Error::InvalidChoice { field: format!("{path}{at}"), value, expected }
            })?
        };
        Ok(scenario)
    }

    /// A copy with the field at `path` (e.g. `interfering_links[0].transmitter.frequency_mhz`,
    /// the paths error messages print) set to `value`, re-validated. An unknown path is an
    /// error naming it. Studies use this to sweep parameters.
    pub fn with_value(&self, path: &str, value: serde_json::Value) -> Result<Scenario> {
        let bad = |what: &str| Error::InvalidChoice {
            field: path.to_owned(),
            value: what.to_owned(),
            expected: "a field path of the scenario such as interfering_links[0].transmitter.power_dbm"
                .into(),
        };
        let mut root = serde_json::to_value(self).map_err(|e| bad(&e.to_string()))?;
        let mut node = &mut root;
        for part in path.split('.') {
            let (key, indices) = match part.find('[') {
                Some(i) => (&part[..i], &part[i..]),
                None => (part, ""),
            };
            if !key.is_empty() {
                let obj = node.as_object_mut().ok_or_else(|| bad(part))?;
                // Optional tables absent from the file are created on demand; serde checks the key.
                node = obj.entry(key.to_owned()).or_insert(serde_json::Value::Null);
            }
            for idx in indices.split('[').filter(|x| !x.is_empty()) {
                let i: usize = idx.trim_end_matches(']').parse().map_err(|_| bad(part))?;
                node = node.as_array_mut().and_then(|a| a.get_mut(i)).ok_or_else(|| bad(part))?;
            }
        }
        *node = value;
        let text = root.to_string();
        Scenario::parse(&text)
    }

    /// The JSON Schema of scenario files (`spectra schema`).
    pub fn json_schema() -> serde_json::Value {
        serde_json::to_value(schemars::schema_for!(Scenario)).unwrap_or_default()
    }

    /// Reads and parses a scenario file (TOML, or JSON for a `.json` file).
    pub fn read(path: &Path) -> Result<Scenario> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::File { path: path.to_owned(), message: e.to_string() })?;
        let scenario = Scenario::parse_unchecked(&text)
            .map_err(|e| Error::File { path: path.to_owned(), message: e.to_string() })?;
        let base = path.parent().unwrap_or(Path::new("."));
        scenario
            .validate_in(base)
            .map_err(|e| Error::File { path: path.to_owned(), message: e.to_string() })?;
        Ok(scenario)
    }

    /// Checks every value against its valid range; errors name the field path and the range.
    /// Antenna pattern files are looked up relative to the current directory.
    pub fn validate(&self) -> Result<()> {
        self.validate_in(Path::new("."))
    }

    /// [`Scenario::validate`] with pattern files relative to `base_dir`.
    pub fn validate_in(&self, base_dir: &Path) -> Result<()> {
        let validate_antenna =
            |path: &str, a: &PatternSpec| a.build(base_dir).map(|_| ()).map_err(|e| prefix(path, e));
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
                    blocking_curve(r.bandwidth_mhz, m).map_err(|e| prefix(&format!("{p}.mask"), e))?;
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
                m.build(&format!("{p}.emission_mask"))?;
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
            } else if t.pointing.azimuth_deg.is_none() && !matches!(t.antenna, PatternSpec::Omni { .. }) {
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

/// The blocking response as a piecewise-linear curve (a receiver mask of the victim's bandwidth
/// whose "attenuation" is the response value; held beyond the end points).
pub(crate) fn blocking_curve(bandwidth_mhz: f64, points: &[[f64; 2]]) -> Result<ReceiverMask> {
    let pts: Vec<(f64, f64)> = if points.len() == 1 {
        vec![(points[0][0] - 1.0, points[0][1]), (points[0][0] + 1.0, points[0][1])]
    } else {
        points.iter().map(|q| (q[0], q[1])).collect()
    };
    ReceiverMask::new(bandwidth_mhz, &pts)
}

fn validate_pointing(path: &str, p: &Pointing) -> Result<()> {
    if let Some(a) = &p.azimuth_deg {
        a.validate(&format!("{path}.azimuth_deg"), Domain::ANY)?;
    }
    if let Some(e) = p.downtilt_deg {
        Domain::closed(-90.0, 90.0).check(&format!("{path}.downtilt_deg"), e)?;
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
