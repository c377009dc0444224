//! Streaming statistics whose memory does not grow with the number of events, and whose
//! combination is exactly associative and commutative, so that any split of the events into
//! threads, chunks or shards gives bit-identical totals.
//!
//! A level `x` (dBm) is quantised to the integer `q = round(x * 2^24)` (resolution 6e-8 dB) after
//! clamping to +-10^4 dB; count, sum of `q`, sum of `q^2` (as `i128`), minimum and maximum of
//! `q` and a histogram of 0.1 dB bins from -400 to +200 dBm are integers. Means, standard
//! deviations and percentiles are derived from those integers at the end. Events in which a
//! signal is absent (an iRSS with no interferer active, `-inf` dBm) are counted apart.
use super::engine::{EventOutcome, Thresholds};
use serde::{Deserialize, Serialize};

/// Quantisation steps per dB.
pub const STEPS_PER_DB: f64 = 16_777_216.0;
/// Lower edge of the histogram, dBm.
pub const HIST_MIN_DBM: f64 = -400.0;
/// Histogram bin width, dB.
pub const HIST_BIN_DB: f64 = 0.1;
/// Number of histogram bins (-400 to +200 dBm).
pub const HIST_BINS: usize = 6000;
const CLAMP_DB: f64 = 1e4;

/// Streaming statistics of one level (dRSS or an iRSS).
#[derive(Debug, Clone, PartialEq)]
pub struct SignalStats {
    /// Events with a finite level.
    pub count: u64,
    /// Events where the signal is absent (`-inf` dBm).
    pub absent: u64,
    sum_q: i128,
    sum_q2: i128,
    min_q: i64,
    max_q: i64,
    below: u64,
    above: u64,
    hist: Vec<u64>,
}

impl Default for SignalStats {
    fn default() -> Self {
        SignalStats {
            count: 0,
            absent: 0,
            sum_q: 0,
            sum_q2: 0,
            min_q: i64::MAX,
            max_q: i64::MIN,
            below: 0,
            above: 0,
            hist: vec![0; HIST_BINS],
        }
    }
}

impl SignalStats {
    /// Adds one event's level.
    #[inline]
    pub fn add(&mut self, x_dbm: f64) {
        if !x_dbm.is_finite() {
            self.absent += 1;
            return;
        }
        let x = x_dbm.clamp(-CLAMP_DB, CLAMP_DB);
        let q = (x * STEPS_PER_DB).round() as i64;
        self.count += 1;
        self.sum_q += q as i128;
        self.sum_q2 += (q as i128) * (q as i128);
        self.min_q = self.min_q.min(q);
        self.max_q = self.max_q.max(q);
        let b = ((x - HIST_MIN_DBM) / HIST_BIN_DB).floor();
        if b < 0.0 {
            self.below += 1;
        } else if b >= HIST_BINS as f64 {
            self.above += 1;
        } else {
            self.hist[b as usize] += 1;
        }
    }

    /// Adds the statistics of other events (exact: integer sums).
    pub fn merge(&mut self, o: &SignalStats) {
        self.count += o.count;
        self.absent += o.absent;
        self.sum_q += o.sum_q;
        self.sum_q2 += o.sum_q2;
        self.min_q = self.min_q.min(o.min_q);
        self.max_q = self.max_q.max(o.max_q);
        self.below += o.below;
        self.above += o.above;
        for (a, b) in self.hist.iter_mut().zip(&o.hist) {
            *a += b;
        }
    }

    /// Mean level, dBm (None without finite values).
    pub fn mean(&self) -> Option<f64> {
        (self.count > 0).then(|| self.sum_q as f64 / self.count as f64 / STEPS_PER_DB)
    }

    /// Sample standard deviation, dB.
    pub fn std_dev(&self) -> Option<f64> {
        if self.count < 2 {
            return None;
        }
        let n = self.count as f64;
        // n sum(q^2) - (sum q)^2 exactly in i128 when it fits, else in f64.
        let exact = (self.sum_q2.checked_mul(self.count as i128))
            .zip(self.sum_q.checked_mul(self.sum_q))
            .and_then(|(a, b)| a.checked_sub(b));
        let var_q = match exact {
            Some(num) => num as f64 / (n * (n - 1.0)),
            None => {
                let m = self.sum_q as f64 / n;
                (self.sum_q2 as f64 / n - m * m) * n / (n - 1.0)
            }
        }
        .max(0.0);
        Some(var_q.sqrt() / STEPS_PER_DB)
    }

    /// Smallest level, dBm.
    pub fn min(&self) -> Option<f64> {
        (self.count > 0).then(|| self.min_q as f64 / STEPS_PER_DB)
    }

    /// Largest level, dBm.
    pub fn max(&self) -> Option<f64> {
        (self.count > 0).then(|| self.max_q as f64 / STEPS_PER_DB)
    }

    /// The `p`-quantile (0 < p < 1) of the finite levels from the histogram, linear within the
    /// bin (resolution 0.1 dB), clamped to [min, max].
    pub fn quantile(&self, p: f64) -> Option<f64> {
        let (lo, hi) = (self.min()?, self.max()?);
        let target = p * self.count as f64;
        let mut cum = self.below as f64;
        if target <= cum {
            return Some(lo);
        }
        for (i, &c) in self.hist.iter().enumerate() {
            if c > 0 && cum + c as f64 >= target {
                let frac = (target - cum) / c as f64;
                let x = HIST_MIN_DBM + (i as f64 + frac) * HIST_BIN_DB;
                return Some(x.clamp(lo, hi));
            }
            cum += c as f64;
        }
        Some(hi)
    }

    /// Non-empty histogram bins as `(lower_edge_dbm, count)`, plus the counts below and above.
    pub fn bins(&self) -> (Vec<(f64, u64)>, u64, u64) {
        let v = self
            .hist
            .iter()
            .enumerate()
            .filter(|(_, &c)| c > 0)
            .map(|(i, &c)| (round_bin(HIST_MIN_DBM + i as f64 * HIST_BIN_DB), c))
            .collect();
        (v, self.below, self.above)
    }

    /// The exact integer state, for shard files.
    pub fn state(&self) -> SignalState {
        SignalState {
            count: self.count,
            absent: self.absent,
            sum_q: self.sum_q.to_string(),
            sum_q2: self.sum_q2.to_string(),
            min_q: self.min_q,
            max_q: self.max_q,
            below: self.below,
            above: self.above,
            bins: self.hist.iter().enumerate().filter(|(_, &c)| c > 0).map(|(i, &c)| (i as u32, c)).collect(),
        }
    }

    /// Rebuilds the statistics from a state; `None` when the state is malformed.
    pub fn from_state(s: &SignalState) -> Option<SignalStats> {
        let mut hist = vec![0; HIST_BINS];
        for &(i, c) in &s.bins {
            *hist.get_mut(i as usize)? = c;
        }
        Some(SignalStats {
            count: s.count,
            absent: s.absent,
            sum_q: s.sum_q.parse().ok()?,
            sum_q2: s.sum_q2.parse().ok()?,
            min_q: s.min_q,
            max_q: s.max_q,
            below: s.below,
            above: s.above,
            hist,
        })
    }
}

fn round_bin(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The integer state of [`SignalStats`] as stored in shard files (`i128` sums as decimal text).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignalState {
    /// Finite values.
    pub count: u64,
    /// Absent values.
    pub absent: u64,
    /// Sum of quantised values.
    pub sum_q: String,
    /// Sum of squared quantised values.
    pub sum_q2: String,
    /// Smallest quantised value.
    pub min_q: i64,
    /// Largest quantised value.
    pub max_q: i64,
    /// Values below the histogram.
    pub below: u64,
    /// Values above the histogram.
    pub above: u64,
    /// Non-empty bins `(index, count)`.
    pub bins: Vec<(u32, u64)>,
}

/// The interference mechanisms, in the order of [`CriterionTally::interfered`].
pub const MECHANISMS: [&str; 4] = ["total", "unwanted", "blocking", "intermodulation"];
/// The criteria, in the order of [`Tally::criteria`].
pub const CRITERIA: [&str; 4] = ["c_over_i", "c_over_n_plus_i", "n_plus_i_over_n", "i_over_n"];
/// The levels tallied, in the order of [`Tally::signals`].
pub const SIGNALS: [&str; 5] = ["drss", "irss", "irss_unwanted", "irss_blocking", "irss_intermodulation"];

/// Counts of one criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriterionTally {
    /// Events that count toward the probability.
    pub counted: u64,
    /// Counted events in which the criterion fails, per mechanism ([`MECHANISMS`] order).
    pub interfered: [u64; 4],
}

/// Everything a run accumulates: exact integers only, combined by [`Tally::merge`].
#[derive(Debug, Clone, PartialEq)]
pub struct Tally {
    /// Events tallied.
    pub events: u64,
    /// Thresholds of the criteria (part of the identity of a tally).
    pub thresholds: Thresholds,
    /// Per criterion ([`CRITERIA`] order); absent criteria stay at zero.
    pub criteria: [CriterionTally; 4],
    /// Level statistics ([`SIGNALS`] order).
    pub signals: [SignalStats; 5],
}

impl Tally {
    /// An empty tally.
    pub fn new(thresholds: Thresholds) -> Tally {
        Tally { events: 0, thresholds, criteria: [CriterionTally::default(); 4], signals: Default::default() }
    }

    /// The thresholds as an array in [`CRITERIA`] order.
    pub fn threshold_list(&self) -> [Option<f64>; 4] {
        let t = &self.thresholds;
        [t.c_over_i_db, t.c_over_n_plus_i_db, t.n_plus_i_over_n_db, t.i_over_n_db]
    }

    /// Adds one event.
    ///
    /// SEAMCAT conventions: C/I and C/(N+I) count only events whose dRSS reaches the
    /// sensitivity (all events when no sensitivity is given); (N+I)/N and I/N, which do not
    /// involve the wanted signal, count every event. An absent iRSS (-inf) never interferes.
    /// A criterion fails when C/I < t, C/(N+I) < t, (N+I)/N > t or I/N > t.
    #[inline]
    pub fn add(&mut self, o: &EventOutcome) {
        self.events += 1;
        let levels =
            [o.drss_dbm, o.irss_dbm, o.irss_unwanted_dbm, o.irss_blocking_dbm, o.irss_intermodulation_dbm];
        for (s, x) in self.signals.iter_mut().zip(levels) {
            s.add(x);
        }
        let irss = [o.irss_dbm, o.irss_unwanted_dbm, o.irss_blocking_dbm, o.irss_intermodulation_dbm];
        let wanted_ok = self.thresholds.sensitivity_dbm.is_none_or(|s| o.drss_dbm >= s);
        let [c_i, c_ni, ni_n, i_n] = self.threshold_list();
        let needs_ni = c_ni.is_some() || ni_n.is_some();
        if wanted_ok {
            if c_i.is_some() {
                self.criteria[0].counted += 1;
            }
            if c_ni.is_some() {
                self.criteria[1].counted += 1;
            }
        }
        if ni_n.is_some() {
            self.criteria[2].counted += 1;
        }
        if i_n.is_some() {
            self.criteria[3].counted += 1;
        }
        for (m, &i) in irss.iter().enumerate() {
            if i == f64::NEG_INFINITY {
                continue; // an absent signal never interferes
            }
            let i_over_n = i - o.noise_dbm;
            // (N+I)/N = 10 log10(1 + 10^(I/N / 10)); C/(N+I) = C/N - (N+I)/N.
            let ni_over_n = if needs_ni {
                10.0 * (10f64.powf(0.1 * i_over_n)).ln_1p() / std::f64::consts::LN_10
            } else {
                0.0
            };
            if wanted_ok {
                if let Some(t) = c_i {
                    self.criteria[0].interfered[m] += u64::from(o.drss_dbm - i < t);
                }
                if let Some(t) = c_ni {
                    self.criteria[1].interfered[m] += u64::from(o.drss_dbm - o.noise_dbm - ni_over_n < t);
                }
            }
            if let Some(t) = ni_n {
                self.criteria[2].interfered[m] += u64::from(ni_over_n > t);
            }
            if let Some(t) = i_n {
                self.criteria[3].interfered[m] += u64::from(i_over_n > t);
            }
        }
    }

    /// Adds another tally of the same scenario (exact, associative, commutative).
    pub fn merge(&mut self, o: &Tally) {
        self.events += o.events;
        for (a, b) in self.criteria.iter_mut().zip(&o.criteria) {
            a.counted += b.counted;
            for (x, y) in a.interfered.iter_mut().zip(&b.interfered) {
                *x += y;
            }
        }
        for (a, b) in self.signals.iter_mut().zip(&o.signals) {
            a.merge(b);
        }
    }

    /// Largest half-width of the 95 % interval of the total-iRSS probability over the criteria
    /// present (None before any counted event).
    pub fn max_half_width(&self) -> Option<f64> {
        let mut worst: Option<f64> = None;
        for (t, c) in self.threshold_list().iter().zip(&self.criteria) {
            if t.is_some() {
                let (lo, hi) = wilson_95(c.interfered[0], c.counted)?;
                worst = Some(worst.map_or(0.5 * (hi - lo), |w| w.max(0.5 * (hi - lo))));
            }
        }
        worst
    }
}

/// 95 % confidence interval of a binomial proportion `k / n` (Wilson score interval,
/// z = 1.959964), which stays inside [0, 1] and behaves at p = 0 or 1.
pub fn wilson_95(k: u64, n: u64) -> Option<(f64, f64)> {
    if n == 0 {
        return None;
    }
    let z = 1.959_963_984_540_054_f64;
    let n_f = n as f64;
    let p = k as f64 / n_f;
    let denom = 1.0 + z * z / n_f;
    let centre = (p + z * z / (2.0 * n_f)) / denom;
    let half = z * (p * (1.0 - p) / n_f + z * z / (4.0 * n_f * n_f)).sqrt() / denom;
    // At k = 0 (k = n) the bound is exactly 0 (1); rounding must not move it.
    let lo = if k == 0 { 0.0 } else { (centre - half).max(0.0) };
    let hi = if k == n { 1.0 } else { (centre + half).min(1.0) };
    Some((lo, hi))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_and_quantiles() {
        let mut s = SignalStats::default();
        for i in 0..1000 {
            s.add(-100.0 + i as f64 * 0.01);
        }
        s.add(f64::NEG_INFINITY);
        assert_eq!((s.count, s.absent), (1000, 1));
        assert!((s.mean().unwrap() - (-100.0 + 4.995)).abs() < 1e-6);
        // Uniform grid of n = 1000 steps of 0.01 dB: sample std = 0.01 sqrt(n (n + 1) / 12).
        let expected = 0.01 * (1000.0f64 * 1001.0 / 12.0).sqrt();
        assert!((s.std_dev().unwrap() - expected).abs() < 1e-6);
        assert!((s.quantile(0.5).unwrap() - (-95.0)).abs() <= 0.1);
        assert_eq!(s.min(), Some(-100.0));
    }

    #[test]
    fn merge_is_exact_in_any_order() {
        let xs: Vec<f64> = (0..5000).map(|i| -120.0 + ((i * 7919) % 1000) as f64 * 0.0731).collect();
        let mut all = SignalStats::default();
        xs.iter().for_each(|&x| all.add(x));
        let mut parts: Vec<SignalStats> = xs
            .chunks(333)
            .map(|c| {
                let mut s = SignalStats::default();
                c.iter().for_each(|&x| s.add(x));
                s
            })
            .collect();
        parts.reverse();
        let mut merged = SignalStats::default();
        parts.iter().for_each(|p| merged.merge(p));
        assert_eq!(merged, all);
        assert_eq!(SignalStats::from_state(&all.state()).unwrap(), all);
    }

    #[test]
    fn criteria_follow_their_definitions() {
        // N = -100 dBm, C = -80 dBm, I = -100 dBm: C/I = 20 dB, I/N = 0 dB,
        // (N+I)/N = 10 log10(2) = 3.0103 dB, C/(N+I) = 20 - 3.0103 = 16.9897 dB.
        let t = Thresholds {
            c_over_i_db: Some(20.5),
            c_over_n_plus_i_db: Some(16.98),
            n_plus_i_over_n_db: Some(3.0),
            i_over_n_db: Some(0.0),
            sensitivity_dbm: Some(-85.0),
        };
        let o = EventOutcome {
            event: 0,
            noise_dbm: -100.0,
            drss_dbm: -80.0,
            irss_unwanted_dbm: -100.0,
            irss_blocking_dbm: f64::NEG_INFINITY,
            irss_intermodulation_dbm: f64::NEG_INFINITY,
            irss_dbm: -100.0,
        };
        let mut tally = Tally::new(t);
        tally.add(&o);
        // C/I 20 < 20.5: interfered; C/(N+I) 16.9897 >= 16.98: not; (N+I)/N 3.0103 > 3: interfered;
        // I/N 0 > 0: not. Absent mechanisms never interfere.
        let got: Vec<[u64; 4]> = tally.criteria.iter().map(|c| c.interfered).collect();
        assert_eq!(got, vec![[1, 1, 0, 0], [0, 0, 0, 0], [1, 1, 0, 0], [0, 0, 0, 0]]);
        assert!(tally.criteria.iter().all(|c| c.counted == 1));
        // Below the sensitivity, C/I and C/(N+I) do not count the event; the others do.
        let mut tally = Tally::new(t);
        tally.add(&EventOutcome { drss_dbm: -90.0, ..o });
        let counted: Vec<u64> = tally.criteria.iter().map(|c| c.counted).collect();
        assert_eq!(counted, vec![0, 0, 1, 1]);
    }

    #[test]
    fn wilson_interval_contains_the_estimate() {
        let (lo, hi) = wilson_95(50, 100).unwrap();
        // Wilson: centre 0.5, half-width 1.96 sqrt(0.25/100 + 1.96^2/40000)/(1 + 1.96^2/100) = 0.0962.
        assert!((lo - 0.4038).abs() < 1e-3 && (hi - 0.5962).abs() < 1e-3, "{lo} {hi}");
        let (lo, hi) = wilson_95(0, 100).unwrap();
        assert_eq!(lo, 0.0);
        assert!(hi > 0.0 && hi < 0.05);
    }
}
