//! Minimum channel separations from physics: the constraint graph of a frequency assignment.
//!
//! Every station transmits and receives on its channel (a base station, one end of a duplex
//! fixed link). For an ordered pair (interferer j, victim i) on channels `c_j`, `c_i` with offset
//! `Δ = |c_i - c_j|`:
//!
//! ```text
//! I_ij(Δ) = P_j + G_j + G_i - L_b(d_ij, f) - ACIR(Δ)          [dBm]        (1)
//! N_i     = -174 + 10 log10(B_i / 1 Hz) + NF_i                [dBm]        (2)
//! the pair is compatible at Δ when  I_ij(Δ) - N_i <= (I/N)_max              (3)
//! ```
//!
//! The minimum separation `s_ij` is the smallest Δ meeting (3) in both directions; the
//! assignment constraint is `|c_i - c_j| >= s_ij`, written `|c_i - c_j| > s_ij - 1`. No
//! constraint when `s_ij = 0`.
//!
//! | symbol      | here                                    |
//! |-------------|-----------------------------------------|
//! | P_j         | [`Station::power_dbm`]                   |
//! | G_j, G_i    | [`Station::antenna_gain_dbi`] (omni)     |
//! | L_b         | `PathLossModel::evaluate` of the named model, band centre frequency |
//! | ACIR(Δ)     | [`CompatibilityParams::acir_db`]`[Δ]`, dB (until the spectrum-mask module provides ACLR/ACS) |
//! | B_i, NF_i   | [`Station::bandwidth_mhz`], [`Station::noise_figure_db`] |
//! | (I/N)_max   | [`CompatibilityParams::i_over_n_max_db`] (e.g. -6 dB, ITU-R F.758) |
//!
//! ACIR beyond the last listed offset is taken as sufficient (the receiver's far-out
//! selectivity); a pair needing more isolation than the table gives is constrained to the
//! table length and reported in [`Compatibility::warnings`].
//!
//! Pruning: pairs farther apart than the co-channel interference range computed with
//! free-space loss (a lower bound of the loss of the terrestrial models for which the pruning
//! is meant; override with [`CompatibilityParams::max_range_km`]) are never evaluated. Candidate
//! pairs come from an R*-tree (rstar) over locally projected coordinates, and are evaluated in
//! parallel (rayon) in a deterministic order.
use crate::{PlanError, Result};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use spectra_core::propagation::{self, free_space::free_space_loss_db, Case, ProfileLoader};
use spectra_core::terrain::Profile;
use spectra_core::units::{thermal_noise, Db, Mhz};
use std::sync::Arc;

/// Mean Earth radius for great-circle distances, km (ITU-R P.1812 uses 6371 km).
const EARTH_RADIUS_KM: f64 = 6371.0;

/// A station: transmitter and receiver at one site, omnidirectional antenna.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Station {
    /// Unique name, used in the assignment output.
    pub name: String,
    /// Latitude, degrees north, [-90, 90].
    pub lat_deg: f64,
    /// Longitude, degrees east, [-180, 180].
    pub lon_deg: f64,
    /// Antenna height above ground, m (> 0).
    pub height_m: f64,
    /// Transmitter power at the antenna port, dBm.
    pub power_dbm: f64,
    /// Antenna gain, dBi.
    pub antenna_gain_dbi: f64,
    /// Receiver noise bandwidth, MHz (> 0).
    pub bandwidth_mhz: f64,
    /// Receiver noise figure, dB (>= 0).
    pub noise_figure_db: f64,
    /// Channels this station may use (default: every channel of the band).
    #[serde(default)]
    pub channels: Option<Vec<i32>>,
    /// Channel in use today, if any.
    #[serde(default)]
    pub current_channel: Option<i32>,
    /// Cost of moving off `current_channel`; absent with a current channel = fixed.
    #[serde(default)]
    pub change_cost: Option<u64>,
}

/// Band-wide parameters of the compatibility calculation.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CompatibilityParams {
    /// Frequency used for propagation (band centre), MHz.
    pub frequency_mhz: f64,
    /// Name of a registered propagation model (`spectra models`), e.g. `free-space`.
    pub propagation_model: String,
    /// Time percentage passed to models that read `time_pct`, %.
    #[serde(default)]
    pub time_pct: Option<f64>,
    /// Protection criterion (I/N)_max, dB.
    pub i_over_n_max_db: f64,
    /// ACIR for channel offsets 0, 1, 2, ... dB (offset 0: co-channel, normally 0 dB).
    pub acir_db: Vec<f64>,
    /// Override of the pruning range, km.
    #[serde(default)]
    pub max_range_km: Option<f64>,
}

/// The separation required between two stations.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Separation {
    /// Index of the first station.
    pub a: usize,
    /// Index of the second station (> a).
    pub b: usize,
    /// Great-circle distance, km.
    pub distance_km: f64,
    /// Basic transmission loss from the model, dB.
    pub loss_db: f64,
    /// Worst direction of `I - N - (I/N)_max` at co-channel, dB: the ACIR the pair needs.
    pub required_acir_db: f64,
    /// Minimum channel offset `s` (the constraint is `|c_a - c_b| >= s`).
    pub min_offset: i32,
}

/// The constraint graph of a station set.
#[derive(Debug, Clone, Serialize)]
pub struct Compatibility {
    /// Pairs that need a separation (min_offset >= 1), sorted by (a, b).
    pub separations: Vec<Separation>,
    /// Pairs evaluated after pruning.
    pub pairs_evaluated: usize,
    /// The pruning range used, km.
    pub range_km: f64,
    /// Notes such as pairs needing more isolation than the ACIR table gives.
    pub warnings: Vec<String>,
}

impl CompatibilityParams {
    /// Checks ranges and that the propagation model exists.
    pub fn validate(&self) -> Result<()> {
        if !(self.frequency_mhz > 0.0 && self.frequency_mhz.is_finite()) {
            return Err(spectra_core::Error::out_of_range("frequency_mhz", self.frequency_mhz, "> 0").into());
        }
        if self.acir_db.is_empty() || self.acir_db.iter().any(|a| !a.is_finite()) {
            return Err(PlanError::Invalid("acir_db needs at least the co-channel (offset 0) value".into()));
        }
        if propagation::model(&self.propagation_model).is_none() {
            return Err(spectra_core::Error::InvalidChoice {
                field: "propagation_model".into(),
                value: self.propagation_model.clone(),
                expected: format!("one of {}", propagation::model_names().join(", ")),
            }
            .into());
        }
        Ok(())
    }
}

impl Station {
    /// Checks ranges; `field` prefixes the names in messages (e.g. `stations[3]`).
    pub fn validate(&self, field: &str) -> Result<()> {
        let check = |name: &str, v: f64, ok: bool, valid: &str| -> Result<()> {
            if ok && v.is_finite() {
                Ok(())
            } else {
                Err(spectra_core::Error::out_of_range(&format!("{field}.{name}"), v, valid).into())
            }
        };
        check("lat_deg", self.lat_deg, (-90.0..=90.0).contains(&self.lat_deg), "[-90, 90]")?;
        check("lon_deg", self.lon_deg, (-180.0..=180.0).contains(&self.lon_deg), "[-180, 180]")?;
        check("height_m", self.height_m, self.height_m > 0.0, "> 0")?;
        check("power_dbm", self.power_dbm, true, "finite")?;
        check("antenna_gain_dbi", self.antenna_gain_dbi, true, "finite")?;
        check("bandwidth_mhz", self.bandwidth_mhz, self.bandwidth_mhz > 0.0, "> 0")?;
        check("noise_figure_db", self.noise_figure_db, self.noise_figure_db >= 0.0, ">= 0")
    }

    fn noise_dbm(&self) -> f64 {
        // Eq. (2).
        thermal_noise(Mhz(self.bandwidth_mhz), Db(self.noise_figure_db)).0
    }
}

/// Great-circle distance (haversine), km.
pub fn great_circle_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

/// Computes the separations of every interfering pair.
pub fn compatibility(stations: &[Station], params: &CompatibilityParams) -> Result<Compatibility> {
    params.validate()?;
    for (i, s) in stations.iter().enumerate() {
        s.validate(&format!("stations[{i}]"))?;
    }
    let model = propagation::model(&params.propagation_model)
        .ok_or_else(|| PlanError::Invalid(format!("unknown model {}", params.propagation_model)))?;
    // Co-channel excess before propagation: worst P + G_tx + G_rx - N - (I/N)_max - ACIR(0).
    let max_eirp =
        stations.iter().map(|s| s.power_dbm + s.antenna_gain_dbi).fold(f64::NEG_INFINITY, f64::max);
    let max_gain = stations.iter().map(|s| s.antenna_gain_dbi).fold(f64::NEG_INFINITY, f64::max);
    let min_noise = stations.iter().map(Station::noise_dbm).fold(f64::INFINITY, f64::min);
    let needed_loss = max_eirp + max_gain - min_noise - params.i_over_n_max_db - params.acir_db[0];
    let range_km = match params.max_range_km {
        Some(r) => r,
        // Free-space loss grows 20 dB/decade: d = 1 km * 10^((L - L(1 km)) / 20).
        None => 10f64.powf((needed_loss - free_space_loss_db(params.frequency_mhz, 1.0)) / 20.0),
    };
    // Local equirectangular projection (km) for the R*-tree; the query radius is inflated to
    // cover the projection error, exact distances are great-circle.
    let lat0 = stations.iter().map(|s| s.lat_deg).sum::<f64>() / stations.len().max(1) as f64;
    let km_per_deg = EARTH_RADIUS_KM.to_radians();
    let points: Vec<rstar::primitives::GeomWithData<[f64; 2], usize>> = stations
        .iter()
        .enumerate()
        .map(|(i, s)| {
            rstar::primitives::GeomWithData::new(
                [s.lon_deg * km_per_deg * lat0.to_radians().cos(), s.lat_deg * km_per_deg],
                i,
            )
        })
        .collect();
    let tree = rstar::RTree::bulk_load(points.clone());
    let query = range_km * 1.05 + 1.0;
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for p in &points {
        for q in tree.locate_within_distance(*p.geom(), query * query) {
            if q.data > p.data {
                pairs.push((p.data, q.data));
            }
        }
    }
    pairs.sort_unstable();
    let no_profiles = |_: &str| -> spectra_core::Result<Arc<Profile>> {
        Err(spectra_core::Error::Missing {
            field: "profile (terrain models are not yet supported in station files)".into(),
        })
    };
    let loader: &ProfileLoader<'_> = &no_profiles;
    type PairResult = Result<Option<(Separation, Option<String>)>>;
    let results: Vec<PairResult> = pairs
        .par_iter()
        .map(|&(a, b)| {
            let (sa, sb) = (&stations[a], &stations[b]);
            let d_km = great_circle_km(sa.lat_deg, sa.lon_deg, sb.lat_deg, sb.lon_deg);
            if d_km > range_km {
                return Ok(None);
            }
            let mut loss_db = f64::INFINITY;
            // Both directions (the models need not be reciprocal in the antenna heights).
            let mut required = f64::NEG_INFINITY;
            for (tx, rx) in [(sa, sb), (sb, sa)] {
                let cells = [
                    ("frequency_mhz", params.frequency_mhz.to_string()),
                    ("distance_km", d_km.max(1e-3).to_string()),
                    ("tx_height_m", tx.height_m.to_string()),
                    ("rx_height_m", rx.height_m.to_string()),
                    ("time_pct", params.time_pct.unwrap_or(50.0).to_string()),
                ];
                let case = Case::parse(
                    model.info(),
                    |name| cells.iter().find(|(k, _)| *k == name).map(|(_, v)| v.as_str()),
                    loader,
                )?;
                let l = model.evaluate(&case)?.loss_db;
                loss_db = loss_db.min(l);
                // Eq. (1) and (3) at Δ = 0 without ACIR: the isolation the pair needs.
                let excess = tx.power_dbm + tx.antenna_gain_dbi + rx.antenna_gain_dbi - l - rx.noise_dbm()
                    - params.i_over_n_max_db;
                required = required.max(excess);
            }
            let met = params.acir_db.iter().position(|&acir| acir >= required);
            let (min_offset, warning) = match met {
                Some(o) => (o as i32, None),
                None => (
                    params.acir_db.len() as i32,
                    Some(format!(
                        "{} - {}: needs {required:.1} dB of ACIR, more than the table gives; separated by {} channels (ACIR beyond the table assumed sufficient)",
                        sa.name,
                        sb.name,
                        params.acir_db.len()
                    )),
                ),
            };
            if min_offset == 0 {
                return Ok(None);
            }
            Ok(Some((Separation { a, b, distance_km: d_km, loss_db, required_acir_db: required, min_offset }, warning)))
        })
        .collect();
    let mut separations = Vec::new();
    let mut warnings = Vec::new();
    for r in results {
        if let Some((s, w)) = r? {
            separations.push(s);
            warnings.extend(w);
        }
    }
    Ok(Compatibility { separations, pairs_evaluated: pairs.len(), range_km, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn station(name: &str, lat: f64, lon: f64) -> Station {
        Station {
            name: name.into(),
            lat_deg: lat,
            lon_deg: lon,
            height_m: 30.0,
            power_dbm: 40.0,
            antenna_gain_dbi: 0.0,
            bandwidth_mhz: 0.0125,
            noise_figure_db: 5.0,
            channels: None,
            current_channel: None,
            change_cost: None,
        }
    }

    fn params() -> CompatibilityParams {
        CompatibilityParams {
            frequency_mhz: 450.0,
            propagation_model: "free-space".into(),
            time_pct: None,
            i_over_n_max_db: -6.0,
            acir_db: vec![0.0, 40.0, 70.0],
            max_range_km: None,
        }
    }

    #[test]
    fn separation_follows_the_link_budget() {
        // N = -173.98 + 10 log10(12500) + 5 = -128.01 dBm; I/N <= -6 dB -> I <= -134.03 dBm.
        // Co-channel needs L >= 40 + 134.03 = 174.03 dB: free space at 450 MHz reaches it at
        // d = 10^((174.03 - 32.45 - 53.06) / 20) = 26 600 km, so every pair below is constrained.
        let s = vec![station("a", 0.0, 0.0), station("b", 0.0, 0.1), station("c", 0.0, 20.0)];
        let c = compatibility(&s, &params()).unwrap();
        let ab = c.separations.iter().find(|x| (x.a, x.b) == (0, 1)).unwrap();
        let d = great_circle_km(0.0, 0.0, 0.0, 0.1);
        let l = free_space_loss_db(450.0, d);
        // k T0 B with k = 1.380649e-23 J/K, T0 = 290 K, B = 12.5 kHz; NF = 5 dB.
        let noise = 10.0 * (1.380649e-23 * 290.0 * 12500.0 * 1e3f64).log10() + 5.0;
        let need = 40.0 - l - noise + 6.0;
        assert!((ab.required_acir_db - need).abs() < 1e-9);
        assert_eq!(
            ab.min_offset,
            if need <= 40.0 {
                1
            } else if need <= 70.0 {
                2
            } else {
                3
            }
        );
        assert!((d - 11.119).abs() < 1e-3, "{d}"); // 0.1 deg of the equator, R = 6371 km
    }

    #[test]
    fn far_pairs_are_pruned_with_an_explicit_range() {
        let mut p = params();
        p.max_range_km = Some(50.0);
        let s = vec![station("a", 0.0, 0.0), station("b", 0.0, 0.1), station("c", 0.0, 20.0)];
        let c = compatibility(&s, &p).unwrap();
        assert_eq!(c.pairs_evaluated, 1);
        assert_eq!(c.separations.len(), 1);
    }

    #[test]
    fn unknown_model_is_a_clear_error() {
        let mut p = params();
        p.propagation_model = "nope".into();
        let e = compatibility(&[station("a", 0.0, 0.0)], &p).unwrap_err().to_string();
        assert!(e.contains("propagation_model") && e.contains("free-space"), "{e}");
    }
}
