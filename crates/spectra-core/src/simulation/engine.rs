//! The event engine: one event draws every random variable and position of the scenario,
//! computes the wanted signal (dRSS) and the interfering signals (iRSS) for unwanted emissions,
//! blocking and third-order intermodulation, and the criteria are tallied.
//!
//! Equations (ECC Report 252, SEAMCAT handbook, Annex 5; symbols as there):
//!
//! | quantity | here |
//! |---|---|
//! | dRSS = P_wt + G_wt->vr + G_vr->wt - L(f_vr, d_wt-vr) | `drss_dbm` |
//! | i_k = P_it + G_it->vr + G_vr->it - L(f_it, d_it-vr) | `i_full` (full interfering power at the receiver input) |
//! | iRSS_unwanted = P_unwanted(f_it - f_vr, B_vr) + G_it->vr + G_vr->it - L | `EmissionMask::unwanted_power` (the mask integrated over the victim band) |
//! | iRSS_blocking = i_k - a_vr(f_it - f_vr) | blocking attenuation by mode (handbook eqs. 13-15) |
//! | iRSS_intermod(m, k) = 2 i_m + i_k - 3 IM - 3 sens - 3((N+I)/N - I/N) + N, for m != k with 2 f_m - f_k inside the victim band | SEAMCAT's `Intermodulation` event processing |
//! | iRSS = power sum over interferers and mechanisms | `irss_dbm` |
//!
//! The draw order within an event is fixed (victim link, then each interfering link in file
//! order and each of its `count` transmitters in turn) and documented in `docs/simulation.md`.
use super::position::Point;
use super::random::{EventRng, SeedKey, Variable};
use super::scenario::{
    blocking_curve, prefix, Anchor, BlockingMode, InterferingLink, ParameterValue, Pointing, Propagation,
    Scenario, GEOMETRY_COLUMNS,
};
use super::statistics::Tally;
use crate::antenna::AntennaPattern;
use crate::antenna::PatternSpec;
use crate::antenna::Pointing as Mount;
use crate::propagation::extended_hata::{extended_hata, Environment, RoofTop};
use crate::propagation::{self, free_space::free_space_loss_db, Case, ColumnKind, PathLossModel};
use crate::spectrum::{EmissionMask, ReceiverMask};
use crate::units::{thermal_noise, Db, Dbm, Mhz};
use crate::{Error, Result};
use rayon::prelude::*;
use std::path::Path;

/// Events per work unit (parallel granularity; results do not depend on it).
pub const CHUNK_EVENTS: u64 = 4096;

/// The levels of one event.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EventOutcome {
    /// Event index.
    pub event: u64,
    /// Victim receiver noise floor N, dBm.
    pub noise_dbm: f64,
    /// Wanted signal, dBm.
    pub drss_dbm: f64,
    /// Unwanted emissions summed over interferers, dBm (`-inf` when none).
    pub irss_unwanted_dbm: f64,
    /// Blocking summed over interferers, dBm.
    pub irss_blocking_dbm: f64,
    /// Third-order intermodulation summed over pairs, dBm.
    pub irss_intermodulation_dbm: f64,
    /// Sum of all mechanisms, dBm.
    pub irss_dbm: f64,
}

/// Interference criteria thresholds in a fixed order: C/I, C/(N+I), (N+I)/N, I/N.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// C/I, dB.
    pub c_over_i_db: Option<f64>,
    /// C/(N+I), dB.
    pub c_over_n_plus_i_db: Option<f64>,
    /// (N+I)/N, dB.
    pub n_plus_i_over_n_db: Option<f64>,
    /// I/N, dB.
    pub i_over_n_db: Option<f64>,
    /// Events with dRSS below this do not count toward C/I and C/(N+I).
    pub sensitivity_dbm: Option<f64>,
}

/// How a path's loss is computed. The two empirical models used most in Monte Carlo studies are
/// called through their typed functions: building a text [`Case`] per path and event (the
/// generic route) formats and parses every input and costs several times the model itself.
/// Both routes give the same numbers (tested).
enum Loss {
    /// P.525 free space, evaluated directly.
    FreeSpace,
    /// SEAMCAT Extended Hata, evaluated directly; with `variations` the log-normal variation
    /// (sigma of its Table D) is drawn each event.
    ExtendedHata { env: Environment, roof: RoofTop },
    /// Any registered model through the generic `PathLossModel` trait.
    Registry {
        model: &'static dyn PathLossModel,
        cells: Vec<(String, String)>,
        location_pct: Option<(f64, f64)>,
    },
}

struct PathPlan {
    loss: Loss,
    variation_std_db: f64,
    variations: bool,
    path: String,
}

impl PathPlan {
    fn new(path: &str, p: &Propagation) -> Result<PathPlan> {
        let model = propagation::model(&p.model).ok_or_else(|| Error::InvalidChoice {
            field: format!("{path}.model"),
            value: p.model.clone(),
            expected: format!("one of {}", propagation::model_names().join(", ")),
        })?;
        let word = |k: &str| match p.parameters.get(k) {
            Some(ParameterValue::Text(t)) => Some(t.to_ascii_lowercase()),
            _ => None,
        };
        let only = |keys: &[&str]| p.parameters.keys().all(|k| keys.contains(&k.as_str()));
        let loss = if p.model == "free-space" && p.parameters.is_empty() {
            Loss::FreeSpace
        } else if p.model == "extended-hata" && only(&["environment", "roof_top"]) {
            let env = match word("environment").as_deref() {
                Some("suburban") => Environment::Suburban,
                Some("rural") => Environment::Rural,
                _ => Environment::Urban,
            };
            let roof =
                if word("roof_top").as_deref() == Some("below") { RoofTop::Below } else { RoofTop::Above };
            // Checks the words through the model's own column parser.
            let cells: Vec<(String, String)> =
                p.parameters.iter().map(|(k, v)| (k.clone(), v.cell())).collect();
            let pairs: Vec<(&str, &str)> = [
                ("frequency_mhz", "1000"),
                ("distance_km", "1"),
                ("tx_height_m", "30"),
                ("rx_height_m", "1.5"),
            ]
            .into_iter()
            .chain(cells.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .collect();
            Case::from_pairs(model.info(), &pairs).map_err(|e| prefix(path, e))?;
            Loss::ExtendedHata { env, roof }
        } else {
            let location_pct = if p.variations {
                match model.info().columns.iter().find(|c| c.name == "location_pct").map(|c| &c.kind) {
                    Some(ColumnKind::Number { min, max, .. }) => Some((*min, *max)),
                    _ => {
                        return Err(Error::InvalidChoice {
                            field: format!("{path}.variations"),
                            value: "true".into(),
                            expected: format!("false: model {} has no location_pct input to vary", p.model),
                        })
                    }
                }
            } else {
                None
            };
            Loss::Registry {
                model,
                cells: p.parameters.iter().map(|(k, v)| (k.clone(), v.cell())).collect(),
                location_pct,
            }
        };
        Ok(PathPlan {
            loss,
            variation_std_db: p.variation_std_db,
            variations: p.variations,
            path: path.to_owned(),
        })
    }

    /// Path loss in dB; draws the variation (one normal deviate) when `variation_std_db > 0`.
    fn loss_db(&self, f_mhz: f64, d_km: f64, h_tx_m: f64, h_rx_m: f64, rng: &mut EventRng) -> Result<f64> {
        // A path is at least 1 m long (co-located stations would otherwise couple without loss).
        let d_km = d_km.max(1e-3);
        let median = match &self.loss {
            Loss::FreeSpace => free_space_loss_db(f_mhz, d_km),
            Loss::ExtendedHata { env, roof } => {
                let r = extended_hata(f_mhz, d_km, h_tx_m, h_rx_m, *env, *roof);
                if self.variations {
                    r.median_db + r.sigma_db * rng.standard_normal()
                } else {
                    r.median_db
                }
            }
            Loss::Registry { model, cells, location_pct } => {
                let geometry = [f_mhz, d_km, h_tx_m, h_rx_m].map(|v| format!("{v}"));
                let pct = location_pct.map(|(lo, hi)| format!("{}", (100.0 * rng.uniform()).clamp(lo, hi)));
                let case = Case::parse(
                    model.info(),
                    |name| {
                        GEOMETRY_COLUMNS
                            .iter()
                            .position(|g| *g == name)
                            .map(|i| geometry[i].as_str())
                            .or_else(|| if name == "location_pct" { pct.as_deref() } else { None })
                            .or_else(|| cells.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str()))
                    },
                    &|p: &str| {
                        Err(Error::Missing {
                            field: format!("profile {p} (terrain paths are not simulated yet)"),
                        })
                    },
                )
                .map_err(|e| Error::Model {
                    model: model.info().name,
                    message: format!("{}: {e}", self.path),
                })?;
                model.evaluate(&case)?.loss_db
            }
        };
        Ok(if self.variation_std_db > 0.0 {
            median + self.variation_std_db * rng.standard_normal()
        } else {
            median
        })
    }
}

struct Station {
    height_m: Variable,
    /// The gain in every direction when the pattern is omnidirectional (skips the geometry).
    omni_dbi: Option<f64>,
    antenna: Box<dyn AntennaPattern>,
    pointing_az: Option<Variable>,
    downtilt_deg: f64,
}

impl Station {
    fn new(
        path: &str,
        base_dir: &Path,
        height_m: &Variable,
        antenna: &PatternSpec,
        pointing: &Pointing,
    ) -> Result<Station> {
        Ok(Station {
            height_m: height_m.clone(),
            omni_dbi: match antenna {
                PatternSpec::Omni { gain_dbi } => Some(*gain_dbi),
                _ => None,
            },
            antenna: antenna.build(base_dir).map_err(|e| prefix(&format!("{path}.antenna"), e))?,
            pointing_az: pointing.azimuth_deg.clone(),
            downtilt_deg: pointing.downtilt_deg.unwrap_or(0.0),
        })
    }

    /// Gain toward a station at horizontal azimuth `az_deg` (scenario convention, counter-
    /// clockwise from x), distance `d_km` and height difference `dh_m`, with the boresight at
    /// azimuth `bore_az`. The antenna module's pointing geometry works with clockwise azimuths,
    /// so both azimuths are mirrored (`90 - a`) before the call.
    #[inline]
    fn gain_dbi(&self, bore_az: f64, az_deg: f64, d_km: f64, dh_m: f64) -> f64 {
        if let Some(g) = self.omni_dbi {
            return g;
        }
        let el = dh_m.atan2(d_km * 1e3).to_degrees();
        Mount::new(90.0 - bore_az, self.downtilt_deg).gain_dbi(self.antenna.as_ref(), 90.0 - az_deg, el)
    }
}

struct LinkPlan {
    count: u32,
    activity: f64,
    frequency_mhz: Variable,
    power_dbm: Variable,
    tx: Station,
    position: super::position::Position,
    anchor: Anchor,
    to_victim: PathPlan,
    mask: EmissionMask,
    /// `unwanted_power(P) - P` when it depends on nothing random (constant frequencies and a
    /// relative mask without floor): computed once.
    unwanted_share_db: Option<f64>,
    receiver: Option<ReceiverPlan>,
}

struct ReceiverPlan {
    rx: Station,
    position: super::position::Position,
    path: PathPlan,
    power_control: Option<(f64, f64, f64)>,
}

/// A compiled scenario, ready to evaluate events.
pub struct Simulation {
    key: SeedKey,
    seed: u64,
    events: u64,
    frequency_mhz: Variable,
    bandwidth_mhz: f64,
    noise: Noise,
    thresholds: Thresholds,
    vr: Station,
    wt: Station,
    wt_power_dbm: Variable,
    wt_position: super::position::Position,
    wanted_path: PathPlan,
    blocking: Option<(ReceiverMask, f64)>,
    intermod: Option<f64>,
    links: Vec<LinkPlan>,
}

impl std::fmt::Debug for Simulation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Simulation")
            .field("seed", &self.seed)
            .field("events", &self.events)
            .finish_non_exhaustive()
    }
}

enum Noise {
    Floor(Variable),
    Fixed(f64),
}

impl Simulation {
    /// Compiles a scenario (antenna pattern files relative to the current directory).
    pub fn new(s: &Scenario) -> Result<Simulation> {
        Simulation::with_base_dir(s, Path::new("."))
    }

    /// Compiles a scenario whose antenna pattern files are relative to `base_dir`.
    pub fn with_base_dir(s: &Scenario, base_dir: &Path) -> Result<Simulation> {
        s.validate_in(base_dir)?;
        let v = &s.victim_link;
        let r = &v.receiver;
        let c = &r.criteria;
        let noise = match (&r.noise_floor_dbm, r.noise_figure_db) {
            (Some(n), _) => Noise::Floor(n.clone()),
            (None, Some(nf)) => Noise::Fixed(thermal_noise(Mhz(r.bandwidth_mhz), Db(nf)).0),
            (None, None) => {
                return Err(Error::Missing { field: "victim_link.receiver.noise_floor_dbm".into() })
            }
        };
        let blocking = match &r.blocking {
            None => None,
            Some(b) => {
                let curve = match (&b.response, &b.mask) {
                    (Some(x), _) => blocking_curve(r.bandwidth_mhz, &[[0.0, *x]])?,
                    (None, Some(m)) => blocking_curve(r.bandwidth_mhz, m)
                        .map_err(|e| prefix("victim_link.receiver.blocking.mask", e))?,
                    (None, None) => {
                        return Err(Error::Missing { field: "victim_link.receiver.blocking.response".into() })
                    }
                };
                let z = |x: Option<f64>| x.unwrap_or(0.0);
                // ECC Report 252 handbook eqs. (13)-(15).
                let offset = match b.mode {
                    BlockingMode::UserDefined => 0.0,
                    BlockingMode::ProtectionRatio => {
                        z(c.c_over_n_plus_i_db) + z(c.n_plus_i_over_n_db) - z(c.i_over_n_db)
                    }
                    BlockingMode::Sensitivity => {
                        -z(r.sensitivity_dbm) + z(c.c_over_n_plus_i_db) - z(c.i_over_n_db)
                    }
                };
                Some((curve, offset))
            }
        };
        // SEAMCAT intermodulation: constant term -3 IM - 3 sens - 3((N+I)/N - I/N).
        let intermod = r.intermodulation.as_ref().map(|im| {
            -3.0 * im.rejection_db
                - 3.0 * r.sensitivity_dbm.unwrap_or(0.0)
                - 3.0 * (c.n_plus_i_over_n_db.unwrap_or(0.0) - c.i_over_n_db.unwrap_or(0.0))
        });
        let mut links = Vec::with_capacity(s.interfering_links.len());
        for (i, l) in s.interfering_links.iter().enumerate() {
            let mut plan = link_plan(i, l, base_dir)?;
            let relative = l
                .transmitter
                .emission_mask
                .as_ref()
                .is_none_or(|m| m.floor.is_none() && m.level == super::scenario::MaskLevelSpec::Relative);
            if let (true, Some(f_vr), Some(f_it)) =
                (relative, v.frequency_mhz.constant(), l.transmitter.frequency_mhz.constant())
            {
                plan.unwanted_share_db =
                    Some(plan.mask.unwanted_power(Dbm(0.0), f_it - f_vr, r.bandwidth_mhz).0);
            }
            links.push(plan);
        }
        Ok(Simulation {
            key: SeedKey::new(s.simulation.seed),
            seed: s.simulation.seed,
            events: s.simulation.events,
            frequency_mhz: v.frequency_mhz.clone(),
            bandwidth_mhz: r.bandwidth_mhz,
            noise,
            thresholds: Thresholds {
                c_over_i_db: c.c_over_i_db,
                c_over_n_plus_i_db: c.c_over_n_plus_i_db,
                n_plus_i_over_n_db: c.n_plus_i_over_n_db,
                i_over_n_db: c.i_over_n_db,
                sensitivity_dbm: r.sensitivity_dbm,
            },
            vr: Station::new("victim_link.receiver", base_dir, &r.height_m, &r.antenna, &r.pointing)?,
            wt: Station::new(
                "victim_link.transmitter",
                base_dir,
                &v.transmitter.height_m,
                &v.transmitter.antenna,
                &v.transmitter.pointing,
            )?,
            wt_power_dbm: v.transmitter.power_dbm.clone(),
            wt_position: v.transmitter.position.clone(),
            wanted_path: PathPlan::new("victim_link.transmitter.propagation", &v.transmitter.propagation)?,
            blocking,
            intermod,
            links,
        })
    }

    /// Number of events of the scenario.
    pub fn events(&self) -> u64 {
        self.events
    }

    /// Master seed.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The criteria thresholds.
    pub fn thresholds(&self) -> Thresholds {
        self.thresholds
    }

    /// Evaluates event `event` (a pure function of the scenario, the seed and the index).
    pub fn event(&self, event: u64) -> Result<EventOutcome> {
        let mut scratch = Vec::new();
        self.event_with(event, &mut scratch)
    }

    fn event_with(&self, event: u64, im: &mut Vec<(f64, f64)>) -> Result<EventOutcome> {
        let rng = &mut self.key.event(event);
        // 1. Victim link.
        let f_vr = self.frequency_mhz.sample(rng);
        let noise_dbm = match &self.noise {
            Noise::Floor(v) => v.sample(rng),
            Noise::Fixed(n) => *n,
        };
        let h_vr = self.vr.height_m.sample(rng);
        let wt_pos = self.wt_position.sample(rng);
        let h_wt = self.wt.height_m.sample(rng);
        let p_wt = self.wt_power_dbm.sample(rng);
        let d_w = Point::ORIGIN.distance_km(wt_pos);
        let l_w = self.wanted_path.loss_db(f_vr, d_w, h_wt, h_vr, rng)?;
        let az_vr_to_wt = Point::ORIGIN.azimuth_deg(wt_pos);
        let vr_bore = match &self.vr.pointing_az {
            Some(a) => a.sample(rng),
            None => az_vr_to_wt,
        };
        let wt_bore = match &self.wt.pointing_az {
            Some(a) => a.sample(rng),
            None => az_vr_to_wt + 180.0,
        };
        let g_wt = self.wt.gain_dbi(wt_bore, az_vr_to_wt + 180.0, d_w, h_vr - h_wt);
        let g_vr = self.vr.gain_dbi(vr_bore, az_vr_to_wt, d_w, h_wt - h_vr);
        let drss_dbm = p_wt + g_wt + g_vr - l_w;

        // 2. Interfering transmitters.
        let half_b = 0.5 * self.bandwidth_mhz;
        let (mut unwanted_mw, mut blocking_mw) = (0.0f64, 0.0f64);
        im.clear();
        for l in &self.links {
            for _ in 0..l.count {
                if l.activity < 1.0 && rng.uniform() >= l.activity {
                    continue;
                }
                let f_it = l.frequency_mhz.sample(rng);
                let mut p_it = l.power_dbm.sample(rng);
                let h_it = l.tx.height_m.sample(rng);
                let base = match l.anchor {
                    Anchor::VictimReceiver => Point::ORIGIN,
                    Anchor::WantedTransmitter => wt_pos,
                };
                let it_pos = base.offset(l.position.sample(rng));
                let ir = match &l.receiver {
                    Some(rx) => {
                        let ir_pos = it_pos.offset(rx.position.sample(rng));
                        Some((rx, ir_pos, rx.rx.height_m.sample(rng)))
                    }
                    None => None,
                };
                let it_bore = match (&l.tx.pointing_az, &ir) {
                    (Some(a), _) => a.sample(rng),
                    (None, Some((_, ir_pos, _))) => it_pos.azimuth_deg(*ir_pos),
                    (None, None) => 0.0,
                };
                if let Some((rx, ir_pos, h_ir)) = ir {
                    if let Some((step, threshold, range)) = rx.power_control {
                        let az_it_to_ir = it_pos.azimuth_deg(ir_pos);
                        let d = it_pos.distance_km(ir_pos);
                        let loss = rx.path.loss_db(f_it, d, h_it, h_ir, rng)?;
                        let ir_bore = match &rx.rx.pointing_az {
                            Some(a) => a.sample(rng),
                            None => az_it_to_ir + 180.0,
                        };
                        let received = p_it
                            + l.tx.gain_dbi(it_bore, az_it_to_ir, d, h_ir - h_it)
                            + rx.rx.gain_dbi(ir_bore, az_it_to_ir + 180.0, d, h_it - h_ir)
                            - loss;
                        // Power control: reduce by whole steps of the excess over the threshold,
                        // at most the dynamic range.
                        if received > threshold {
                            p_it -= (((received - threshold) / step).floor() * step).min(range);
                        }
                    }
                }
                let d = Point::ORIGIN.distance_km(it_pos);
                let loss = l.to_victim.loss_db(f_it, d, h_it, h_vr, rng)?;
                let az_vr_to_it = Point::ORIGIN.azimuth_deg(it_pos);
                let g_it = l.tx.gain_dbi(it_bore, az_vr_to_it + 180.0, d, h_vr - h_it);
                let g_vr_i = self.vr.gain_dbi(vr_bore, az_vr_to_it, d, h_it - h_vr);
                let i_full = p_it + g_it + g_vr_i - loss;
                let p_unwanted = match l.unwanted_share_db {
                    Some(share) => p_it + share,
                    None => l.mask.unwanted_power(Dbm(p_it), f_it - f_vr, self.bandwidth_mhz).0,
                };
                unwanted_mw += mw(p_unwanted + g_it + g_vr_i - loss);
                if let Some((curve, offset)) = &self.blocking {
                    blocking_mw += mw(i_full - (curve.attenuation(f_it - f_vr).0 + offset));
                }
                if self.intermod.is_some() {
                    im.push((f_it, i_full));
                }
            }
        }
        let mut intermod_mw = 0.0;
        if let Some(k) = self.intermod {
            for (m, &(f_m, i_m)) in im.iter().enumerate() {
                for (n, &(f_n, i_n)) in im.iter().enumerate() {
                    if m == n {
                        continue;
                    }
                    let f0 = 2.0 * f_m - f_n;
                    if (f0 - f_vr).abs() <= half_b {
                        intermod_mw += mw(2.0 * i_m + i_n + k + noise_dbm);
                    }
                }
            }
        }
        Ok(EventOutcome {
            event,
            noise_dbm,
            drss_dbm,
            irss_unwanted_dbm: dbm(unwanted_mw),
            irss_blocking_dbm: dbm(blocking_mw),
            irss_intermodulation_dbm: dbm(intermod_mw),
            irss_dbm: dbm(unwanted_mw + blocking_mw + intermod_mw),
        })
    }

    /// Tallies events `[start, end)` on the current rayon pool. `progress(n)` is called after
    /// each chunk of `n` events (from worker threads). The result does not depend on the number
    /// of threads: every statistic is an exact integer sum.
    pub fn run(&self, start: u64, end: u64, progress: &(dyn Fn(u64) + Sync)) -> Result<Tally> {
        let end = end.max(start);
        let chunks = (end - start).div_ceil(CHUNK_EVENTS);
        (0..chunks)
            .into_par_iter()
            .try_fold(
                || (Tally::new(self.thresholds), Vec::new()),
                |(mut tally, mut scratch), c| {
                    let a = start + c * CHUNK_EVENTS;
                    let b = (a + CHUNK_EVENTS).min(end);
                    for e in a..b {
                        tally.add(&self.event_with(e, &mut scratch)?);
                    }
                    progress(b - a);
                    Ok((tally, scratch))
                },
            )
            .map(|r: Result<(Tally, Vec<(f64, f64)>)>| r.map(|(t, _)| t))
            .try_reduce(
                || Tally::new(self.thresholds),
                |mut a, b| {
                    a.merge(&b);
                    Ok(a)
                },
            )
    }

    /// Runs batches of `batch` events in index order until the 95 % confidence interval of
    /// every criterion is at most `half_width` wide on each side, or `max_events` are done.
    /// Deterministic: the stopping point depends only on the scenario and the seed.
    pub fn run_until(
        &self,
        half_width: f64,
        max_events: u64,
        batch: u64,
        progress: &(dyn Fn(u64) + Sync),
    ) -> Result<Tally> {
        let mut tally = Tally::new(self.thresholds);
        let mut done = 0;
        while done < max_events {
            let next = (done + batch.max(1)).min(max_events);
            tally.merge(&self.run(done, next, progress)?);
            done = next;
            if tally.max_half_width().is_some_and(|h| h <= half_width) {
                break;
            }
        }
        Ok(tally)
    }
}

fn link_plan(i: usize, l: &InterferingLink, base_dir: &Path) -> Result<LinkPlan> {
    let t = &l.transmitter;
    let p = format!("interfering_links[{i}]");
    let mask = match &t.emission_mask {
        Some(m) => m.build(&format!("{p}.transmitter.emission_mask"))?,
        None => {
            EmissionMask::rectangular(t.bandwidth_mhz).map_err(|e| prefix(&format!("{p}.transmitter"), e))?
        }
    };
    let receiver = match &l.receiver {
        None => None,
        Some(r) => Some(ReceiverPlan {
            rx: Station::new(&format!("{p}.receiver"), base_dir, &r.height_m, &r.antenna, &r.pointing)?,
            position: r.position.clone(),
            path: PathPlan::new(&format!("{p}.receiver.propagation"), &r.propagation)?,
            power_control: r
                .power_control
                .as_ref()
                .map(|pc| (pc.step_db, pc.threshold_dbm, pc.dynamic_range_db)),
        }),
    };
    Ok(LinkPlan {
        count: l.count,
        activity: l.activity,
        frequency_mhz: t.frequency_mhz.clone(),
        power_dbm: t.power_dbm.clone(),
        tx: Station::new(&format!("{p}.transmitter"), base_dir, &t.height_m, &t.antenna, &t.pointing)?,
        position: t.position.clone(),
        anchor: t.position_relative_to,
        to_victim: PathPlan::new(&format!("{p}.transmitter.propagation"), &t.propagation)?,
        mask,
        unwanted_share_db: None,
        receiver,
    })
}

#[inline]
fn mw(dbm: f64) -> f64 {
    10f64.powf(0.1 * dbm)
}

#[inline]
fn dbm(mw: f64) -> f64 {
    if mw > 0.0 {
        10.0 * mw.log10()
    } else {
        f64::NEG_INFINITY
    }
}
