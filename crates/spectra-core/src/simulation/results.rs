//! `results.json`: probabilities of interference with their confidence intervals, level
//! statistics, provenance, and the exact integer state that lets shards merge into the very
//! bytes of an unsharded run.
//!
//! The document is a pure function of (engine version, scenario hash, seed, total events,
//! shard, tally). A shard file carries `shard`; [`merge`] checks that the shards form one
//! complete, consistent set, adds their tallies (integers) and renders the result without
//! `shard`: the same function of the same values as the unsharded run, hence the same bytes.
//! No timing or host information is written (it would break that identity).
use super::engine::Thresholds;
use super::scenario::Scenario;
use super::statistics::{
    wilson_95, CriterionTally, SignalState, SignalStats, Tally, CRITERIA, HIST_BIN_DB, MECHANISMS, SIGNALS,
};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Format tag of the results document.
pub const FORMAT: &str = "spectra-simulation-results/1";
/// Engine version written into results (the crate version).
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");

/// One slice `index` of `count` (0-based) of a run's events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shard {
    /// 0-based shard index.
    pub index: u64,
    /// Number of shards.
    pub count: u64,
    /// First event of the slice.
    pub first_event: u64,
    /// One past the last event of the slice.
    pub end_event: u64,
}

impl Shard {
    /// Parses `I/N` (0 <= I < N) and computes the slice of `events`:
    /// `[floor(I E / N), floor((I + 1) E / N))`.
    pub fn parse(text: &str, events: u64) -> Result<Shard> {
        let bad = || Error::InvalidChoice {
            field: "--shard".into(),
            value: text.to_owned(),
            expected: "I/N with 0 <= I < N, e.g. 0/4 (shards are numbered from 0)".into(),
        };
        let (i, n) = text.split_once('/').ok_or_else(bad)?;
        let (i, n): (u64, u64) = (i.trim().parse().map_err(|_| bad())?, n.trim().parse().map_err(|_| bad())?);
        if n == 0 || i >= n {
            return Err(bad());
        }
        Ok(Shard::new(i, n, events))
    }

    /// Shard `index` of `count` over `events` events.
    pub fn new(index: u64, count: u64, events: u64) -> Shard {
        let at = |k: u64| ((k as u128 * events as u128) / count as u128) as u64;
        Shard { index, count, first_event: at(index), end_event: at(index + 1) }
    }
}

/// A results document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Results {
    /// [`FORMAT`].
    pub format: String,
    /// Version of the engine that produced it.
    pub engine_version: String,
    /// FNV-1a 64 hash of the canonical JSON of the scenario (with the run's events and seed).
    pub scenario_hash: String,
    /// Master seed.
    pub seed: u64,
    /// Events of the complete run.
    pub events_total: u64,
    /// Events in this document (`events_total` unless a shard).
    pub events: u64,
    /// Present in shard files only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shard: Option<Shard>,
    /// Interference criteria by name (`c_over_i`, `c_over_n_plus_i`, `n_plus_i_over_n`, `i_over_n`).
    pub criteria: BTreeMap<String, CriterionResult>,
    /// Level statistics by name (`drss`, `irss`, `irss_unwanted`, `irss_blocking`, `irss_intermodulation`).
    pub signals: BTreeMap<String, SignalSummary>,
    /// Exact integer state (used by `spectra merge`).
    pub state: State,
}

/// Probability of interference of one criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriterionResult {
    /// Threshold, dB.
    pub threshold_db: f64,
    /// Share of counted events in which the criterion fails with the total iRSS.
    pub probability: Option<f64>,
    /// 95 % Wilson score interval of `probability`.
    pub ci95: Option<[f64; 2]>,
    /// Events counted (see `docs/simulation.md` for which).
    pub events_counted: u64,
    /// Counted events in which the criterion fails with the total iRSS.
    pub events_interfered: u64,
    /// The same for each mechanism alone (`unwanted`, `blocking`, `intermodulation`), for the
    /// mechanisms present in at least one event.
    pub by_mechanism: BTreeMap<String, MechanismResult>,
}

/// Probability of interference from one mechanism alone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MechanismResult {
    /// Share of counted events interfered.
    pub probability: Option<f64>,
    /// 95 % Wilson score interval.
    pub ci95: Option<[f64; 2]>,
    /// Counted events interfered.
    pub events_interfered: u64,
}

/// Statistics of one level over the events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignalSummary {
    /// Events in which the signal exists.
    pub events_present: u64,
    /// Events without it (no interferer active, or mechanism not modelled).
    pub events_absent: u64,
    /// Mean of the level in dBm over the present events.
    pub mean_dbm: Option<f64>,
    /// Standard deviation, dB.
    pub std_dev_db: Option<f64>,
    /// Smallest level, dBm.
    pub min_dbm: Option<f64>,
    /// Largest level, dBm.
    pub max_dbm: Option<f64>,
    /// Percentiles `p01`, `p05`, `p10`, `p50`, `p90`, `p95`, `p99`, dBm (0.1 dB resolution).
    pub percentiles: BTreeMap<String, f64>,
    /// Histogram of the present events.
    pub histogram: Histogram,
}

/// A histogram of 0.1 dB bins; the CDF is the running sum of `bins` (plus `below`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Histogram {
    /// Bin width, dB.
    pub bin_width_db: f64,
    /// Non-empty bins as `[lower_edge_dbm, count]`.
    pub bins: Vec<(f64, u64)>,
    /// Events below -400 dBm.
    pub below: u64,
    /// Events at or above +200 dBm.
    pub above: u64,
}

/// The exact integer state of a tally.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct State {
    /// Sensitivity used to select the events counted by C/I and C/(N+I), dBm.
    pub sensitivity_dbm: Option<f64>,
    /// Thresholds in the order c_over_i, c_over_n_plus_i, n_plus_i_over_n, i_over_n.
    pub thresholds_db: [Option<f64>; 4],
    /// Counts per criterion (same order).
    pub criteria: [CriterionTally; 4],
    /// Level states in the order drss, irss, irss_unwanted, irss_blocking, irss_intermodulation.
    pub signals: Vec<SignalState>,
}

/// FNV-1a 64 hash (an identity check for shard sets, not a cryptographic hash).
fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Hash of the scenario as run (its canonical JSON, so formatting and comments do not matter).
pub fn scenario_hash(s: &Scenario) -> String {
    let json = serde_json::to_string(s).unwrap_or_default();
    format!("fnv1a64:{:016x}", fnv1a64(json.as_bytes()))
}

fn ci(k: u64, n: u64) -> Option<[f64; 2]> {
    wilson_95(k, n).map(|(a, b)| [a, b])
}

impl Results {
    /// Renders a tally.
    pub fn new(
        scenario_hash: String,
        seed: u64,
        events_total: u64,
        shard: Option<Shard>,
        tally: &Tally,
    ) -> Results {
        let mut criteria = BTreeMap::new();
        for (k, (t, c)) in tally.threshold_list().iter().zip(&tally.criteria).enumerate() {
            let Some(t) = *t else { continue };
            let p = |i: u64| (c.counted > 0).then(|| i as f64 / c.counted as f64);
            // Mechanisms never present in any event (not modelled) are left out.
            let by_mechanism = (1..4)
                .filter(|&m| tally.signals[m + 1].count > 0)
                .map(|m| {
                    let i = c.interfered[m];
                    (
                        MECHANISMS[m].to_owned(),
                        MechanismResult { probability: p(i), ci95: ci(i, c.counted), events_interfered: i },
                    )
                })
                .collect();
            criteria.insert(
                CRITERIA[k].to_owned(),
                CriterionResult {
                    threshold_db: t,
                    probability: p(c.interfered[0]),
                    ci95: ci(c.interfered[0], c.counted),
                    events_counted: c.counted,
                    events_interfered: c.interfered[0],
                    by_mechanism,
                },
            );
        }
        let signals =
            SIGNALS.iter().zip(&tally.signals).map(|(n, s)| ((*n).to_owned(), summary(s))).collect();
        Results {
            format: FORMAT.to_owned(),
            engine_version: ENGINE_VERSION.to_owned(),
            scenario_hash,
            seed,
            events_total,
            events: tally.events,
            shard,
            criteria,
            signals,
            state: State {
                sensitivity_dbm: tally.thresholds.sensitivity_dbm,
                thresholds_db: tally.threshold_list(),
                criteria: tally.criteria,
                signals: tally.signals.iter().map(SignalStats::state).collect(),
            },
        }
    }

    /// The document as pretty JSON text with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Parses a results document.
    pub fn from_json(text: &str) -> Result<Results> {
        serde_json::from_str(text).map_err(|e| Error::InvalidChoice {
            field: "results".into(),
            value: format!("line {} column {}", e.line(), e.column()),
            expected: format!("a spectra results document ({e})"),
        })
    }

    /// The tally stored in `state`.
    pub fn tally(&self) -> Result<Tally> {
        let st = &self.state;
        let bad = |what: &str| Error::InvalidChoice {
            field: format!("state.{what}"),
            value: "(malformed)".into(),
            expected: "the state written by spectra simulate".into(),
        };
        if st.signals.len() != SIGNALS.len() {
            return Err(bad("signals"));
        }
        let mut signals: [SignalStats; 5] = Default::default();
        for (dst, src) in signals.iter_mut().zip(&st.signals) {
            *dst = SignalStats::from_state(src).ok_or_else(|| bad("signals"))?;
        }
        let [c_over_i_db, c_over_n_plus_i_db, n_plus_i_over_n_db, i_over_n_db] = st.thresholds_db;
        Ok(Tally {
            events: self.events,
            thresholds: Thresholds {
                c_over_i_db,
                c_over_n_plus_i_db,
                n_plus_i_over_n_db,
                i_over_n_db,
                sensitivity_dbm: st.sensitivity_dbm,
            },
            criteria: st.criteria,
            signals,
        })
    }
}

fn summary(s: &SignalStats) -> SignalSummary {
    let (bins, below, above) = s.bins();
    let percentiles = [
        ("p01", 0.01),
        ("p05", 0.05),
        ("p10", 0.10),
        ("p50", 0.50),
        ("p90", 0.90),
        ("p95", 0.95),
        ("p99", 0.99),
    ]
    .iter()
    .filter_map(|(n, p)| s.quantile(*p).map(|q| ((*n).to_owned(), q)))
    .collect();
    SignalSummary {
        events_present: s.count,
        events_absent: s.absent,
        mean_dbm: s.mean(),
        std_dev_db: s.std_dev(),
        min_dbm: s.min(),
        max_dbm: s.max(),
        percentiles,
        histogram: Histogram { bin_width_db: HIST_BIN_DB, bins, below, above },
    }
}

/// Merges the shard documents of one run. Refuses documents that are not shards, that belong
/// to different runs (format, engine version, scenario hash, seed, event count, shard count),
/// a duplicated shard, a missing shard or a shard whose event range is not its slice.
pub fn merge(shards: &[Results]) -> Result<Results> {
    let first = shards.first().ok_or_else(|| Error::Missing { field: "shard files".into() })?;
    let mismatch = |i: usize, what: &str, a: String, b: String| Error::InvalidChoice {
        field: format!("shard file #{} {what}", i + 1),
        value: b,
        expected: format!("{a} (as in the first shard file)"),
    };
    let head = first.shard.ok_or_else(|| Error::InvalidChoice {
        field: "shard file #1 shard".into(),
        value: "absent".into(),
        expected: "a shard document written by spectra simulate --shard I/N".into(),
    })?;
    let mut seen = vec![false; usize::try_from(head.count).unwrap_or(usize::MAX).min(1 << 24)];
    let mut tally: Option<Tally> = None;
    for (i, r) in shards.iter().enumerate() {
        if r.format != first.format {
            return Err(mismatch(i, "format", first.format.clone(), r.format.clone()));
        }
        if r.engine_version != first.engine_version {
            return Err(mismatch(
                i,
                "engine_version",
                first.engine_version.clone(),
                r.engine_version.clone(),
            ));
        }
        if r.scenario_hash != first.scenario_hash {
            return Err(mismatch(i, "scenario_hash", first.scenario_hash.clone(), r.scenario_hash.clone()));
        }
        if r.seed != first.seed {
            return Err(mismatch(i, "seed", first.seed.to_string(), r.seed.to_string()));
        }
        if r.events_total != first.events_total {
            return Err(mismatch(
                i,
                "events_total",
                first.events_total.to_string(),
                r.events_total.to_string(),
            ));
        }
        let s = r.shard.ok_or_else(|| mismatch(i, "shard", "a shard".into(), "absent".into()))?;
        if s.count != head.count {
            return Err(mismatch(i, "shard.count", head.count.to_string(), s.count.to_string()));
        }
        let expected = Shard::new(s.index, s.count, r.events_total);
        if s != expected || r.events != s.end_event - s.first_event || s.index >= s.count {
            return Err(mismatch(
                i,
                "shard range",
                format!("{expected:?}"),
                format!("{s:?} with {} events", r.events),
            ));
        }
        let slot = seen
            .get_mut(s.index as usize)
            .ok_or_else(|| mismatch(i, "shard.index", "< count".into(), s.index.to_string()))?;
        if *slot {
            return Err(Error::InvalidChoice {
                field: format!("shard file #{} shard.index", i + 1),
                value: format!("{}/{}", s.index, s.count),
                expected: "each shard exactly once (this one is duplicated)".into(),
            });
        }
        *slot = true;
        let t = r.tally()?;
        match &mut tally {
            None => tally = Some(t),
            Some(acc) => {
                if acc.thresholds != t.thresholds {
                    return Err(mismatch(
                        i,
                        "criteria thresholds",
                        format!("{:?}", acc.thresholds),
                        format!("{:?}", t.thresholds),
                    ));
                }
                acc.merge(&t);
            }
        }
    }
    let missing: Vec<String> =
        seen.iter().enumerate().filter(|(_, s)| !**s).map(|(i, _)| format!("{i}/{}", head.count)).collect();
    if !missing.is_empty() {
        return Err(Error::Missing { field: format!("shard(s) {}", missing.join(", ")) });
    }
    let tally = tally.ok_or_else(|| Error::Missing { field: "shard files".into() })?;
    Ok(Results::new(first.scenario_hash.clone(), first.seed, first.events_total, None, &tally))
}
