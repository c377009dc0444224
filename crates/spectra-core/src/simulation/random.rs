//! Random variables of a scenario and the counter-addressed random stream of each event.
//!
//! # Determinism
//!
//! Every event `e` of a run with master seed `s` draws from its own ChaCha8 stream: the key is
//! derived from `s` (ChaCha8 `seed_from_u64`), the 64-bit stream number is `e` and the word
//! position starts at 0 ([`EventRng::new`]). The draws of an event therefore depend only on
//! `(s, e)`, never on which thread, shard or machine computes it, nor on the events computed
//! before. Within an event the draw order is fixed by the engine (documented in
//! `docs/simulation.md`).
//!
//! # Distributions (SEAMCAT vocabulary, ECC Report 252 Annex "distributions")
//!
//! | `distribution` | parameters | draw |
//! |---|---|---|
//! | a bare number | | that constant |
//! | `constant` | `value` | `value` |
//! | `uniform` | `min`, `max` | `min + (max - min) u` |
//! | `gaussian` | `mean`, `std_dev` | `mean + std_dev z`, z by Box-Muller from two uniforms |
//! | `rayleigh` | `min` (default 0), `sigma` | `min + sigma sqrt(-2 ln(1 - u))` (sigma = mode) |
//! | `discrete` | `values`, `probabilities` | `values[i]` with probability `probabilities[i]` |
//! | `stair` | `points = [[value, cumulative_probability], ...]` | the first value whose cumulative probability reaches `u` |
//! | `user-cdf` | `points = [[value, cumulative_probability], ...]` | inverse of the piecewise-linear CDF at `u` |
//!
//! `u` is uniform in [0, 1) with 53 random bits.
use crate::{Error, Result};
use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The random stream of one event: ChaCha8 keyed by the master seed, stream = event index.
#[derive(Clone)]
pub struct EventRng {
    rng: ChaCha8Rng,
}

impl std::fmt::Debug for EventRng {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventRng").field("stream", &self.rng.get_stream()).finish()
    }
}

/// The keyed generator of a run, from which each event's stream is cut.
#[derive(Clone)]
pub struct SeedKey {
    base: ChaCha8Rng,
}

impl std::fmt::Debug for SeedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SeedKey")
    }
}

impl SeedKey {
    /// The key of master seed `seed`.
    pub fn new(seed: u64) -> SeedKey {
        SeedKey { base: ChaCha8Rng::seed_from_u64(seed) }
    }

    /// The stream of event `event`: stream number = event index, word position 0.
    pub fn event(&self, event: u64) -> EventRng {
        let mut rng = self.base.clone();
        rng.set_stream(event);
        rng.set_word_pos(0);
        EventRng { rng }
    }
}

impl EventRng {
    /// The stream of event `event` under master seed `seed` (same as `SeedKey::new(seed).event(event)`).
    pub fn new(seed: u64, event: u64) -> EventRng {
        SeedKey::new(seed).event(event)
    }

    /// Uniform in [0, 1) with 53 random bits.
    pub fn uniform(&mut self) -> f64 {
        (self.rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in (0, 1], safe for logarithms.
    pub fn uniform_open0(&mut self) -> f64 {
        1.0 - self.uniform()
    }

    /// Standard normal deviate (Box-Muller, cosine branch; consumes two uniforms).
    pub fn standard_normal(&mut self) -> f64 {
        let u1 = self.uniform_open0();
        let u2 = self.uniform();
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }
}

/// A numeric parameter: a constant (a bare number) or a random distribution.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Variable {
    /// A fixed value.
    Constant(f64),
    /// A value drawn each event.
    Random(Distribution),
}

/// A random distribution, tagged by `distribution`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "distribution", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Distribution {
    /// Always `value`.
    Constant { value: f64 },
    /// Uniform in [`min`, `max`].
    Uniform { min: f64, max: f64 },
    /// Normal with `mean` and standard deviation `std_dev`.
    Gaussian { mean: f64, std_dev: f64 },
    /// `min` plus a Rayleigh variable of scale (mode) `sigma`.
    Rayleigh {
        #[serde(default)]
        min: f64,
        sigma: f64,
    },
    /// `values[i]` with probability `probabilities[i]` (the probabilities sum to 1).
    Discrete { values: Vec<f64>, probabilities: Vec<f64> },
    /// Stair CDF: `[value, cumulative_probability]` pairs, values and probabilities
    /// non-decreasing, the last probability 1; draws the first value whose probability reaches u.
    Stair { points: Vec<[f64; 2]> },
    /// Piecewise-linear CDF: `[value, cumulative_probability]` pairs, first probability 0, last 1.
    UserCdf { points: Vec<[f64; 2]> },
}

// A bare number is a constant; a table is a distribution. Written by hand (not `untagged`) so
// that an error inside a distribution table names its key instead of "no variant matched".
impl<'de> Deserialize<'de> for Variable {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Variable;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number or a distribution table such as { distribution = \"uniform\", min = 0, max = 1 }")
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> std::result::Result<Variable, E> {
                Ok(Variable::Constant(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<Variable, E> {
                Ok(Variable::Constant(v as f64))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<Variable, E> {
                Ok(Variable::Constant(v as f64))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> std::result::Result<Variable, A::Error> {
                Distribution::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(Variable::Random)
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum VariableSchema {
    Constant(f64),
    Random(Distribution),
}

impl JsonSchema for Variable {
    fn schema_name() -> String {
        "Variable".to_owned()
    }
    fn json_schema(gen: &mut schemars::gen::SchemaGenerator) -> schemars::schema::Schema {
        VariableSchema::json_schema(gen)
    }
}

impl From<f64> for Variable {
    fn from(v: f64) -> Variable {
        Variable::Constant(v)
    }
}

/// The valid range of a numeric field: `[min, max]` with open or closed ends.
#[derive(Debug, Clone, Copy)]
pub struct Domain {
    /// Lower bound.
    pub min: f64,
    /// Upper bound.
    pub max: f64,
    /// Whether `min` itself is excluded.
    pub min_open: bool,
}

impl Domain {
    /// Any finite number.
    pub const ANY: Domain = Domain { min: f64::NEG_INFINITY, max: f64::INFINITY, min_open: false };
    /// `[min, max]`.
    pub const fn closed(min: f64, max: f64) -> Domain {
        Domain { min, max, min_open: false }
    }
    /// `(min, max]`.
    pub const fn above(min: f64, max: f64) -> Domain {
        Domain { min, max, min_open: true }
    }
    /// Whether `v` lies in the domain.
    pub fn contains(&self, v: f64) -> bool {
        v.is_finite() && (if self.min_open { v > self.min } else { v >= self.min }) && v <= self.max
    }
    /// The domain in words, e.g. `(0, 1e6]`.
    pub fn describe(&self) -> String {
        let lo = if self.min_open { "(" } else { "[" };
        let fmt = |x: f64| {
            if x == f64::INFINITY {
                "inf".to_owned()
            } else if x == f64::NEG_INFINITY {
                "-inf".to_owned()
            } else {
                format!("{x}")
            }
        };
        format!("{lo}{}, {}]", fmt(self.min), fmt(self.max))
    }
    /// Checks a constant field.
    pub fn check(&self, path: &str, v: f64) -> Result<()> {
        if self.contains(v) {
            Ok(())
        } else {
            Err(Error::out_of_range(path, v, self.describe()))
        }
    }
}

impl Variable {
    /// Draws one value (a constant draws nothing from the stream).
    #[inline]
    pub fn sample(&self, rng: &mut EventRng) -> f64 {
        match self {
            Variable::Constant(v) => *v,
            Variable::Random(d) => d.sample(rng),
        }
    }

    /// The value when constant.
    pub fn constant(&self) -> Option<f64> {
        match self {
            Variable::Constant(v) | Variable::Random(Distribution::Constant { value: v }) => Some(*v),
            _ => None,
        }
    }

    /// Checks the parameters and that every value the variable can take lies in `domain`.
    /// `path` is the field path used in messages (`victim_link.receiver.height_m`).
    pub fn validate(&self, path: &str, domain: Domain) -> Result<()> {
        match self {
            Variable::Constant(v) => domain.check(path, *v),
            Variable::Random(d) => d.validate(path, domain),
        }
    }
}

fn finite(path: &str, v: f64) -> Result<()> {
    if v.is_finite() {
        Ok(())
    } else {
        Err(Error::out_of_range(path, v, "a finite number"))
    }
}

impl Distribution {
    /// Draws one value.
    pub fn sample(&self, rng: &mut EventRng) -> f64 {
        match self {
            Distribution::Constant { value } => *value,
            Distribution::Uniform { min, max } => min + (max - min) * rng.uniform(),
            Distribution::Gaussian { mean, std_dev } => mean + std_dev * rng.standard_normal(),
            Distribution::Rayleigh { min, sigma } => min + sigma * (-2.0 * rng.uniform_open0().ln()).sqrt(),
            Distribution::Discrete { values, probabilities } => {
                let u = rng.uniform();
                let mut cum = 0.0;
                for (v, p) in values.iter().zip(probabilities) {
                    cum += p;
                    if u < cum {
                        return *v;
                    }
                }
                // Rounding of the cumulative sum: the last value takes the remainder.
                values.last().copied().unwrap_or(0.0)
            }
            Distribution::Stair { points } => {
                let u = rng.uniform();
                points.iter().find(|p| u < p[1]).or(points.last()).map_or(0.0, |p| p[0])
            }
            Distribution::UserCdf { points } => {
                let u = rng.uniform();
                // First segment whose upper probability exceeds u; points[0][1] == 0.
                let i = points.iter().position(|p| p[1] > u).unwrap_or(points.len() - 1).max(1);
                let (a, b) = (points[i - 1], points[i]);
                if b[1] > a[1] {
                    a[0] + (b[0] - a[0]) * (u - a[1]) / (b[1] - a[1])
                } else {
                    b[0]
                }
            }
        }
    }

    /// Smallest and largest value the distribution can produce.
    fn support(&self) -> (f64, f64) {
        match self {
            Distribution::Constant { value } => (*value, *value),
            Distribution::Uniform { min, max } => (*min, *max),
            Distribution::Gaussian { mean, std_dev } => {
                if *std_dev == 0.0 {
                    (*mean, *mean)
                } else {
                    (f64::NEG_INFINITY, f64::INFINITY)
                }
            }
            Distribution::Rayleigh { min, sigma } => (*min, if *sigma == 0.0 { *min } else { f64::INFINITY }),
            Distribution::Discrete { values, .. } => (
                values.iter().copied().fold(f64::INFINITY, f64::min),
                values.iter().copied().fold(f64::NEG_INFINITY, f64::max),
            ),
            Distribution::Stair { points } | Distribution::UserCdf { points } => {
                (points.first().map_or(0.0, |p| p[0]), points.last().map_or(0.0, |p| p[0]))
            }
        }
    }

    fn validate(&self, path: &str, domain: Domain) -> Result<()> {
        match self {
            Distribution::Constant { value } => finite(&format!("{path}.value"), *value)?,
            Distribution::Uniform { min, max } => {
                finite(&format!("{path}.min"), *min)?;
                finite(&format!("{path}.max"), *max)?;
                if max < min {
                    return Err(Error::out_of_range(
                        &format!("{path}.max"),
                        max,
                        format!("[min = {min}, inf)"),
                    ));
                }
            }
            Distribution::Gaussian { mean, std_dev } => {
                finite(&format!("{path}.mean"), *mean)?;
                Domain::closed(0.0, f64::MAX).check(&format!("{path}.std_dev"), *std_dev)?;
            }
            Distribution::Rayleigh { min, sigma } => {
                finite(&format!("{path}.min"), *min)?;
                Domain::closed(0.0, f64::MAX).check(&format!("{path}.sigma"), *sigma)?;
            }
            Distribution::Discrete { values, probabilities } => {
                if values.is_empty() || values.len() != probabilities.len() {
                    return Err(Error::InvalidChoice {
                        field: format!("{path}.probabilities"),
                        value: format!("{} probabilities for {} values", probabilities.len(), values.len()),
                        expected: "one probability per value, at least one value".into(),
                    });
                }
                for (i, v) in values.iter().enumerate() {
                    finite(&format!("{path}.values[{i}]"), *v)?;
                }
                for (i, p) in probabilities.iter().enumerate() {
                    Domain::closed(0.0, 1.0).check(&format!("{path}.probabilities[{i}]"), *p)?;
                }
                let sum: f64 = probabilities.iter().sum();
                if (sum - 1.0).abs() > 1e-9 {
                    return Err(Error::out_of_range(
                        &format!("{path}.probabilities (sum)"),
                        sum,
                        "1 (within 1e-9)",
                    ));
                }
            }
            Distribution::Stair { points } | Distribution::UserCdf { points } => {
                let cdf = matches!(self, Distribution::UserCdf { .. });
                if points.len() < if cdf { 2 } else { 1 } {
                    return Err(Error::out_of_range(
                        &format!("{path}.points (count)"),
                        points.len(),
                        if cdf { "at least 2 points" } else { "at least 1 point" },
                    ));
                }
                for (i, p) in points.iter().enumerate() {
                    finite(&format!("{path}.points[{i}][0]"), p[0])?;
                    Domain::closed(0.0, 1.0).check(&format!("{path}.points[{i}][1]"), p[1])?;
                    if i > 0 && (p[0] < points[i - 1][0] || p[1] < points[i - 1][1]) {
                        return Err(Error::out_of_range(
                            &format!("{path}.points[{i}]"),
                            format!("[{}, {}]", p[0], p[1]),
                            "values and cumulative probabilities non-decreasing",
                        ));
                    }
                }
                let last = points[points.len() - 1][1];
                if last != 1.0 {
                    return Err(Error::out_of_range(
                        &format!("{path}.points[{}][1]", points.len() - 1),
                        last,
                        "1 (the CDF must end at 1)",
                    ));
                }
                if cdf && points[0][1] != 0.0 {
                    return Err(Error::out_of_range(
                        &format!("{path}.points[0][1]"),
                        points[0][1],
                        "0 (the CDF must start at 0)",
                    ));
                }
            }
        }
        let (lo, hi) = self.support();
        let lo_ok = if domain.min_open { lo > domain.min } else { lo >= domain.min };
        if !lo_ok || hi > domain.max {
            return Err(Error::out_of_range(
                path,
                format!("a distribution with values in [{lo}, {hi}]"),
                format!("every value in {}", domain.describe()),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mean_var(d: &Distribution, n: u64) -> (f64, f64) {
        let key = SeedKey::new(11);
        let xs: Vec<f64> = (0..n).map(|e| d.sample(&mut key.event(e))).collect();
        let m = xs.iter().sum::<f64>() / n as f64;
        let v = xs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (n - 1) as f64;
        (m, v)
    }

    #[test]
    fn streams_are_addressed_by_seed_and_event() {
        let mut r1 = EventRng::new(7, 123);
        let mut r2 = SeedKey::new(7).event(123);
        for _ in 0..10 {
            assert_eq!(r1.uniform().to_bits(), r2.uniform().to_bits());
        }
        // Different events and different seeds give different streams.
        assert_ne!(EventRng::new(7, 124).uniform(), EventRng::new(7, 123).uniform());
        assert_ne!(EventRng::new(8, 123).uniform(), EventRng::new(7, 123).uniform());
    }

    #[test]
    fn moments_match_definitions() {
        // 200 000 draws: standard error of a mean is sigma / 447; tolerances are 5 standard errors.
        let n = 200_000;
        let (m, v) = mean_var(&Distribution::Uniform { min: 2.0, max: 4.0 }, n);
        assert!((m - 3.0).abs() < 5.0 * (1.0 / 3f64).sqrt() / 447.0, "{m}");
        assert!((v - 1.0 / 3.0).abs() < 0.01, "{v}");
        let (m, v) = mean_var(&Distribution::Gaussian { mean: -1.0, std_dev: 2.0 }, n);
        assert!((m + 1.0).abs() < 5.0 * 2.0 / 447.0, "{m}");
        assert!((v - 4.0).abs() < 0.05, "{v}");
        // Rayleigh of scale s: mean s sqrt(pi/2), variance (4 - pi)/2 s^2.
        let (m, v) = mean_var(&Distribution::Rayleigh { min: 1.0, sigma: 3.0 }, n);
        assert!((m - 1.0 - 3.0 * (std::f64::consts::PI / 2.0).sqrt()).abs() < 0.03, "{m}");
        assert!((v - (4.0 - std::f64::consts::PI) / 2.0 * 9.0).abs() < 0.1, "{v}");
        let (m, _) =
            mean_var(&Distribution::Discrete { values: vec![0.0, 10.0], probabilities: vec![0.25, 0.75] }, n);
        assert!((m - 7.5).abs() < 5.0 * 4.33 / 447.0, "{m}");
        // Uniform CDF on [0, 2] given as a user CDF: mean 1.
        let (m, _) = mean_var(&Distribution::UserCdf { points: vec![[0.0, 0.0], [2.0, 1.0]] }, n);
        assert!((m - 1.0).abs() < 5.0 * 0.577 / 447.0, "{m}");
        let (m, _) = mean_var(&Distribution::Stair { points: vec![[1.0, 0.5], [3.0, 1.0]] }, n);
        assert!((m - 2.0).abs() < 5.0 / 447.0, "{m}");
    }

    #[test]
    fn validation_names_the_field_and_range() {
        let e = Variable::Random(Distribution::Uniform { min: 5.0, max: 1.0 })
            .validate("a.b", Domain::ANY)
            .unwrap_err();
        assert!(e.to_string().contains("a.b.max"), "{e}");
        let e = Variable::Constant(-1.0).validate("h", Domain::closed(0.0, 1e4)).unwrap_err();
        assert!(e.to_string().contains("h = -1") && e.to_string().contains("[0, 10000]"), "{e}");
        let e = Variable::Random(Distribution::Gaussian { mean: 10.0, std_dev: 1.0 })
            .validate("height_m", Domain::closed(0.0, 1e4))
            .unwrap_err();
        assert!(e.to_string().contains("height_m"), "{e}");
        let e = Variable::Random(Distribution::Discrete {
            values: vec![1.0, 2.0],
            probabilities: vec![0.5, 0.6],
        })
        .validate("x", Domain::ANY)
        .unwrap_err();
        assert!(e.to_string().contains("x.probabilities"), "{e}");
    }

    #[test]
    fn parses_numbers_and_tables() {
        #[derive(Deserialize)]
        struct T {
            a: Variable,
            b: Variable,
        }
        let t: T = toml::from_str("a = 3\nb = { distribution = \"uniform\", min = 1, max = 2 }").unwrap();
        assert_eq!(t.a, Variable::Constant(3.0));
        assert_eq!(t.b, Variable::Random(Distribution::Uniform { min: 1.0, max: 2.0 }));
        let e = toml::from_str::<T>("a = 3\nb = { distribution = \"uniform\", min = 1, maxx = 2 }")
            .err()
            .unwrap();
        assert!(e.to_string().contains("maxx"), "{e}");
    }
}
