//! Prediction of interference between stations on the surface of the Earth, ITU-R P.452-18
//! (10/2023): the basic transmission loss not exceeded for p % of an average year in clear air.
//!
//! Validity (the reference refuses outside, and so do we): 0.1-50 GHz, p = 0.001-50 %; both
//! polarisations; profiles with at least 4 points. The mechanisms and their equations:
//!
//! | part | P.452-18 | module |
//! |---|---|---|
//! | radio-climate: beta_0, effective Earth radii, zones, d_tm, d_lm, omega | §3, eqs (2)-(6) | [`analysis`] |
//! | path profile analysis: horizons, angular distance, smooth surface, h_m | Att. 2 §5.1, eqs (150)-(171) | [`analysis`] |
//! | line of sight with multipath/focusing, gaseous absorption | §4.1, eqs (8)-(12) | [`line_of_sight`], [`crate::propagation::p676`] |
//! | delta-Bullington diffraction, median and p % | §4.2, eqs (13)-(44) | [`crate::propagation::p526`], this module |
//! | tropospheric scatter | §4.3, eq. (45) | [`troposcatter`] |
//! | ducting / layer reflection | §4.4, eqs (46)-(56) | [`ducting`] |
//! | clutter: distributed clutter raises the radio profile g_i = h_i + R_i (terrain within 50 m of the terminals) | §4 step 4 | this module |
//! | the overall prediction, blending for p | §4.6, eqs (57)-(64) | this module |
//!
//! Gaseous absorption uses ITU-R P.676 Annex 1 (eq. (9)) with water-vapour density
//! 7.5 + 2.5 omega g/m^3 (LoS, ducting) or 3 g/m^3 (troposcatter).
//!
//! Inputs the Recommendation takes from ITU digital maps (Delta N and N_0 at the path centre)
//! are inputs here; the maps are not redistributable.
//!
//! # Precompute, then evaluate
//! [`P452Path::new`] does everything that depends on the profile and terminals (profile analysis,
//! the delta-Bullington constructions for both effective Earth radii, the ducting geometry).
//! [`P452Path::at_frequency`] adds what depends on frequency, polarisation, gains and the
//! atmosphere; [`P452Frequency::loss`] finally evaluates one time percentage in O(1).
//!
//! # Symbols (beyond those of [`analysis::PathAnalysis`] and [`crate::propagation::p526`])
//! | here | P.452-18 | meaning |
//! |---|---|---|
//! | `lbfsg_db` | L_bfsg | free space + gases (eq. (8)) |
//! | `lb0p_db`, `lb0b_db` | L_b0p, L_b0beta | LoS loss not exceeded for p %, beta_0 % (eqs (11), (12)) |
//! | `ld50_db`, `ldb_db`, `ldp_db` | L_d50, L_dbeta, L_dp | diffraction loss, 50 %, beta_0 %, p % (eq. (42)) |
//! | `fi` | F_i | interpolation factor (eq. (41)) |
//! | `lbs_db` | L_bs | troposcatter (eq. (45)) |
//! | `lba_db` | L_ba | ducting/layer reflection (eq. (46)) |
//! | `fj`, `fk` | F_j, F_k | angular and distance blending factors (eqs (58), (59)) |
//! | `lminb0p_db`, `lminbap_db` | L_minb0p, L_minbap | notional minimum losses (eqs (60), (61)) |
//! | `lbda_db`, `lbam_db` | L_bda, L_bam | (eqs (62), (63)) |
//! | `lb_db` | L_b | basic transmission loss (eq. (64)) |
pub mod analysis;
pub mod ducting;
pub mod line_of_sight;
pub mod troposcatter;

use super::p526::{
    DeltaBullington, Ground, Polarization, ProfileGeometry, SmoothPathMethod, TerminalHeights,
};
use super::p676::{Atmosphere, GasLines};
use super::{Case, Column, ColumnKind, ModelInfo, PathLoss, PathLossModel, Warning};
use crate::terrain::{Profile, Zone};
use crate::{Error, Result};
pub use analysis::{PathAnalysis, PathType};
use ducting::Ducting;

/// Mean Earth radius used by P.452-18, km.
pub const RADIUS_EARTH_KM: f64 = 6371.0;

/// The path inputs of P.452-18 other than the profile.
#[derive(Debug, Clone, PartialEq)]
pub struct P452PathParams {
    /// h_tg: transmitter antenna centre height above ground, m (> 0).
    pub tx_height_m: f64,
    /// h_rg: receiver antenna centre height above ground, m (> 0).
    pub rx_height_m: f64,
    /// Transmitter latitude, degrees north.
    pub tx_lat_deg: f64,
    /// Transmitter longitude, degrees east.
    pub tx_lon_deg: f64,
    /// Receiver latitude, degrees north.
    pub rx_lat_deg: f64,
    /// Receiver longitude, degrees east.
    pub rx_lon_deg: f64,
    /// Delta N: average radio-refractive index lapse rate through the lowest 1 km at the path
    /// centre (a positive number), N-units/km; must be below 157.
    pub delta_n: f64,
    /// N_0: sea-level surface refractivity at the path centre, N-units.
    pub n0: f64,
    /// d_ct: distance over land from the transmitter to the coast, km (0 on a ship).
    pub tx_coast_km: f64,
    /// d_cr: distance over land from the receiver to the coast, km.
    pub rx_coast_km: f64,
}

impl P452PathParams {
    /// Checks every field; the error names the field and its valid range.
    pub fn validate(&self) -> Result<()> {
        let check = |name: &str, v: f64, ok: bool, valid: &str| {
            if ok && v.is_finite() {
                Ok(())
            } else {
                Err(Error::out_of_range(name, v, valid))
            }
        };
        check("tx_height_m", self.tx_height_m, self.tx_height_m > 0.0, "> 0 m")?;
        check("rx_height_m", self.rx_height_m, self.rx_height_m > 0.0, "> 0 m")?;
        check("tx_lat_deg", self.tx_lat_deg, self.tx_lat_deg.abs() <= 90.0, "[-90, 90]")?;
        check("rx_lat_deg", self.rx_lat_deg, self.rx_lat_deg.abs() <= 90.0, "[-90, 90]")?;
        check("tx_lon_deg", self.tx_lon_deg, self.tx_lon_deg.abs() <= 360.0, "[-360, 360]")?;
        check("rx_lon_deg", self.rx_lon_deg, self.rx_lon_deg.abs() <= 360.0, "[-360, 360]")?;
        check("delta_n", self.delta_n, (0.0..157.0).contains(&self.delta_n), "[0, 157) N-units/km")?;
        check("n0", self.n0, self.n0 >= 0.0, ">= 0 N-units")?;
        check("tx_coast_km", self.tx_coast_km, self.tx_coast_km >= 0.0, ">= 0 km")?;
        check("rx_coast_km", self.rx_coast_km, self.rx_coast_km >= 0.0, ">= 0 km")?;
        Ok(())
    }
}

/// The per-frequency inputs of P.452-18.
#[derive(Debug, Clone, PartialEq)]
pub struct P452Conditions {
    /// f: frequency, GHz (0.1-50).
    pub f_ghz: f64,
    /// Polarisation.
    pub polarization: Polarization,
    /// G_t, G_r: antenna gains towards the horizon along the path, dBi.
    pub tx_gain_dbi: f64,
    /// See `tx_gain_dbi`.
    pub rx_gain_dbi: f64,
    /// Dry-air pressure, hPa.
    pub pressure_hpa: f64,
    /// Air temperature, degrees C.
    pub temperature_c: f64,
}

/// The losses of P.452-18 for one case, dB, named as in the ITU-R reference results.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct P452Loss {
    /// L_b: basic transmission loss not exceeded for p % of time (eq. (64)).
    pub lb_db: f64,
    /// L_bfsg: free space and gases (eq. (8)).
    pub lbfsg_db: f64,
    /// L_b0p: line of sight, p % (eq. (11)).
    pub lb0p_db: f64,
    /// L_b0beta: line of sight, beta_0 % (eq. (12)).
    pub lb0b_db: f64,
    /// L_dsph: spherical-Earth diffraction loss of the smooth path, median Earth radius.
    pub ldsph_db: f64,
    /// L_d50: median diffraction loss.
    pub ld50_db: f64,
    /// L_dp: diffraction loss not exceeded for p % (eq. (42)).
    pub ldp_db: f64,
    /// L_bs: troposcatter (eq. (45)).
    pub lbs_db: f64,
    /// L_ba: ducting/layer reflection (eq. (46)).
    pub lba_db: f64,
}

/// A P.452-18 path: the profile analysis and all frequency-independent parts, computed once.
#[derive(Debug, Clone)]
pub struct P452Path {
    analysis: PathAnalysis,
    diffraction_50: DeltaBullington,
    diffraction_beta: DeltaBullington,
    ducting: Ducting,
    /// F_j (eq. (58)).
    fj: f64,
    /// F_k (eq. (59)).
    fk: f64,
    /// Straight-line (3-D) distance between the antennas used for free space, km.
    d3d_km: f64,
    warnings: Vec<Warning>,
}

/// The inverse complementary cumulative normal distribution I(x), for 0 < x <= 0.5
/// (P.452-18 Attachment 3, eqs (172)-(172h)); x is clamped below at 1e-6 as the reference does.
pub fn inverse_normal(x: f64) -> f64 {
    let x = x.max(0.000001);
    let tx = (-2.0 * x.ln()).sqrt(); // eq. (172a)
    let (c0, c1, c2) = (2.515516698, 0.802853, 0.010328); // eqs (172c)-(172e)
    let (d1, d2, d3) = (1.432788, 0.189269, 0.001308); // eqs (172f)-(172h)
    let ksi = ((c2 * tx + c1) * tx + c0) / (((d3 * tx + d2) * tx + d1) * tx + 1.0); // eq. (172b)
    ksi - tx // eq. (172)
}

/// `eta ln(exp(a / eta) + exp(b / eta))` without overflow (the form of eq. (61)).
fn soft_min_log(a: f64, b: f64, eta: f64) -> f64 {
    let m = a.max(b);
    m + eta * (-(a - b).abs() / eta).exp().ln_1p()
}

impl P452Path {
    /// Analyses `profile` (distances from the transmitter, strictly increasing from 0, at least 4
    /// points; terrain heights; zones, all inland A2 with a warning when absent; clutter heights
    /// R_i, none when absent) for the terminals and climate of `params`.
    pub fn new(profile: &Profile, params: &P452PathParams) -> Result<P452Path> {
        params.validate()?;
        let d = &profile.distance_km;
        let h = &profile.height_m;
        let n = d.len();
        if n < 4 {
            return Err(Error::out_of_range("profile points", n, "at least 4 (P.452-18 reference)"));
        }
        // Distances are checked by `ProfileGeometry::new`, heights by the smooth-surface fit;
        // here the optional columns.
        let optional_lengths =
            [profile.zone.as_ref().map(Vec::len), profile.clutter_height_m.as_ref().map(Vec::len)];
        if optional_lengths.iter().flatten().any(|&len| len != n) || h.len() != n {
            return Err(Error::out_of_range("profile columns", "unequal lengths", "one value per point"));
        }
        let mut warnings = Vec::new();
        let all_inland;
        let zones: &[Zone] = match &profile.zone {
            Some(z) => z,
            None => {
                warnings.push(Warning::new(
                    "zones_missing",
                    "the profile has no `zone` column: every point taken as inland (A2)",
                ));
                all_inland = vec![Zone::Inland; n];
                &all_inland
            }
        };
        // Radio profile (§4 step 4): g_i = h_i + R_i, but terrain within 50 m of a terminal.
        let dtot = d[n - 1];
        let g: Vec<f64> = match &profile.clutter_height_m {
            Some(r) => {
                // A branch-free scan first (it vectorises), the position only on error.
                let all_valid = r.iter().fold(true, |ok, &x| ok & (0.0..f64::INFINITY).contains(&x));
                if !all_valid {
                    let i = r.iter().position(|x| !(x.is_finite() && *x >= 0.0)).unwrap_or(0);
                    return Err(Error::out_of_range(
                        "clutter_height_m",
                        format!("{} at point #{i}", r[i]),
                        ">= 0 m",
                    ));
                }
                (0..n).map(|i| if d[i] < 0.05 || d[i] > dtot - 0.05 { h[i] } else { h[i] + r[i] }).collect()
            }
            None => h.clone(),
        };
        // Strictly increasing distances from 0 (the analysis divides by d_i and d - d_i).
        let geom = ProfileGeometry::new(d)?;
        let (analysis, s_tim) = PathAnalysis::new(&geom, d, h, zones, params)?;
        let a = &analysis;
        let heights = TerminalHeights { hts_m: a.hts_m, hrs_m: a.hrs_m, hstd_m: a.hstd_m, hsrd_m: a.hsrd_m };
        let method = SmoothPathMethod::ProfilePoints;
        let [diffraction_50, diffraction_beta] =
            DeltaBullington::for_radii(&geom, &g, heights, [a.ae_km, a.ab_km], method)?;
        let ducting = Ducting::new(a, params.tx_coast_km, params.rx_coast_km);

        // Eq. (58): F_j from the slopes of eqs (14)-(15), S_tim over the terrain heights h_i.
        let s_tr = (a.hrs_m - a.hts_m) / dtot;
        let (theta_c, xi) = (0.3, 0.8);
        let fj = 1.0 - 0.5 * (1.0 + (3.0 * xi * (s_tim - s_tr) / theta_c).tanh()); // eq. (58)
        let (dsw, kappa) = (20.0, 0.5);
        let fk = 1.0 - 0.5 * (1.0 + (3.0 * kappa * (dtot - dsw) / dsw).tanh()); // eq. (59)
        let dh_km = (a.hts_m - a.hrs_m) / 1000.0;
        let d3d_km = (dtot * dtot + dh_km * dh_km).sqrt();
        Ok(P452Path { analysis, diffraction_50, diffraction_beta, ducting, fj, fk, d3d_km, warnings })
    }

    /// The path parameters.
    pub fn analysis(&self) -> &PathAnalysis {
        &self.analysis
    }

    /// Warnings raised by the profile (e.g. missing zones).
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// Everything that depends on frequency, polarisation, gains and atmosphere.
    pub fn at_frequency(&self, c: &P452Conditions) -> Result<P452Frequency<'_>> {
        if !(0.1..=50.0).contains(&c.f_ghz) {
            return Err(Error::out_of_range(
                "frequency",
                format!("{} GHz", c.f_ghz),
                "[0.1, 50] GHz (P.452-18)",
            ));
        }
        for (name, v) in [("tx_gain_dbi", c.tx_gain_dbi), ("rx_gain_dbi", c.rx_gain_dbi)] {
            if !v.is_finite() {
                return Err(Error::out_of_range(name, v, "a finite gain"));
            }
        }
        let a = &self.analysis;
        let f = c.f_ghz;
        let t_k = c.temperature_c + 273.15;
        // Eq. (9a): water-vapour density for LoS and ducting; 3 g/m^3 for troposcatter.
        let gamma_los = GasLines::new(Atmosphere::new(c.pressure_hpa, t_k, 7.5 + 2.5 * a.omega)?)
            .specific_attenuation(f)
            .total_db_per_km();
        let gamma_tropo = GasLines::new(Atmosphere::new(c.pressure_hpa, t_k, 3.0)?)
            .specific_attenuation(f)
            .total_db_per_km();
        let lbfsg_db = line_of_sight::free_space_gas_db(f, self.d3d_km, gamma_los);
        let ground = Ground::LandSea { sea_fraction: a.omega };
        let d50 = self.diffraction_50.loss(f, c.polarization, ground);
        let ldb_db = self.diffraction_beta.loss(f, c.polarization, ground).ld_db;
        let ducting_fixed_db = self.ducting.fixed_losses_db(f, gamma_los * a.dtot_km);
        // Eq. (45) at p = 50 %; the time term is added per percentage.
        let lbs50_db = troposcatter::troposcatter_loss_db(
            f,
            a.dtot_km,
            a.theta_mrad,
            50.0,
            a.n0,
            c.tx_gain_dbi,
            c.rx_gain_dbi,
            gamma_tropo * a.dtot_km,
        );
        Ok(P452Frequency {
            path: self,
            lbfsg_db,
            ldsph_db: d50.ldsph_db,
            ld50_db: d50.ld_db,
            ldb_db,
            ducting_fixed_db,
            lbs50_db,
        })
    }

    /// Basic transmission loss for conditions `c` not exceeded for `p_pct` % of time.
    pub fn loss(&self, c: &P452Conditions, p_pct: f64) -> Result<P452Loss> {
        self.at_frequency(c)?.loss(p_pct)
    }
}

/// A P.452-18 path at one frequency, polarisation and atmosphere: evaluates time percentages.
#[derive(Debug, Clone)]
pub struct P452Frequency<'a> {
    path: &'a P452Path,
    lbfsg_db: f64,
    ldsph_db: f64,
    ld50_db: f64,
    ldb_db: f64,
    ducting_fixed_db: f64,
    lbs50_db: f64,
}

impl P452Frequency<'_> {
    /// The losses not exceeded for `p_pct` % of time (0.001-50).
    pub fn loss(&self, p_pct: f64) -> Result<P452Loss> {
        if !(0.001..=50.0).contains(&p_pct) {
            return Err(Error::out_of_range("time_pct", p_pct, "[0.001, 50] % (P.452-18)"));
        }
        let path = self.path;
        let a = &path.analysis;
        let b0 = a.b0_pct;
        let omega = a.omega;
        // §4.1: line of sight with multipath and focusing, eqs (10)-(12).
        let lb0p_db = self.lbfsg_db + line_of_sight::multipath_focusing_db(p_pct, a.dlt_km, a.dlr_km);
        let lb0b_db = self.lbfsg_db + line_of_sight::multipath_focusing_db(b0, a.dlt_km, a.dlr_km);
        // Eq. (41): interpolation factor between beta_0 and 50 %.
        let fi_between = || inverse_normal(p_pct / 100.0) / inverse_normal(b0 / 100.0); // eq. (41a)
                                                                                        // Eq. (42): diffraction loss not exceeded for p %.
        let ldp_db = if p_pct == 50.0 {
            self.ld50_db
        } else {
            let fi = if p_pct > b0 { fi_between() } else { 1.0 }; // eq. (41)
            self.ld50_db + fi * (self.ldb_db - self.ld50_db)
        };
        let lbd50_db = self.lbfsg_db + self.ld50_db; // eq. (43)
        let lbd_db = lb0p_db + ldp_db; // eq. (44)
                                       // Eq. (60): notional minimum loss of LoS and over-sea sub-path diffraction.
        let lminb0p_db = if p_pct >= b0 {
            lbd50_db + (lb0b_db + (1.0 - omega) * ldp_db - lbd50_db) * fi_between()
        } else {
            lb0p_db + (1.0 - omega) * ldp_db
        };
        // §4.4: ducting/layer reflection, eqs (46), (50), (53).
        let lba_db = self.ducting_fixed_db + path.ducting.time_variability_db(p_pct);
        let lminbap_db = soft_min_log(lba_db, lb0p_db, 2.5); // eq. (61)
                                                             // Eq. (62).
        let lbda_db =
            if lminbap_db <= lbd_db { lminbap_db + (lbd_db - lminbap_db) * path.fk } else { lbd_db };
        let lbam_db = lbda_db + (lminb0p_db - lbda_db) * path.fj; // eq. (63)
                                                                  // §4.3: troposcatter, eq. (45).
        let lbs_db = self.lbs50_db - 10.1 * (-(p_pct / 50.0).log10()).powf(0.7);
        // Eq. (64): -5 log10(10^(-0.2 L_bs) + 10^(-0.2 L_bam)), without underflow.
        let (lo, hi) = if lbs_db < lbam_db { (lbs_db, lbam_db) } else { (lbam_db, lbs_db) };
        let lb_db = lo - 5.0 * (10f64.powf(-0.2 * (hi - lo))).ln_1p() / std::f64::consts::LN_10;
        Ok(P452Loss {
            lb_db,
            lbfsg_db: self.lbfsg_db,
            lb0p_db,
            lb0b_db,
            ldsph_db: self.ldsph_db,
            ld50_db: self.ld50_db,
            ldp_db,
            lbs_db,
            lba_db,
        })
    }
}

/// The P.452-18 model adapter (`spectra pathloss --model p452`).
#[derive(Debug, Clone, Copy)]
pub struct P452;

const fn number(
    name: &'static str,
    unit: &'static str,
    min: f64,
    max: f64,
    default: Option<&'static str>,
    description: &'static str,
) -> Column {
    Column { name, kind: ColumnKind::Number { unit, min, max }, default, description }
}

static INFO: ModelInfo = ModelInfo {
    name: "p452",
    title: "Interference prediction between stations on the Earth's surface (clear air)",
    source: "ITU-R P.452-18 (10/2023), with P.526 delta-Bullington and P.676-13 Annex 1",
    validity: "0.1-50 GHz, p = 0.001-50 %, terrain profiles of at least 4 points",
    columns: &[
        Column {
            name: "profile",
            kind: ColumnKind::Profile,
            default: None,
            description: "profile CSV distance_km,height_m,zone[,clutter_height_m] from Tx to Rx",
        },
        number("frequency_mhz", "MHz", 100.0, 50_000.0, None, "frequency (P.452-18: 0.1-50 GHz)"),
        number("time_pct", "%", 0.001, 50.0, None, "time percentage p for which the loss is not exceeded"),
        number("tx_height_m", "m", 1e-3, 10_000.0, None, "transmitter antenna centre height above ground"),
        number("rx_height_m", "m", 1e-3, 10_000.0, None, "receiver antenna centre height above ground"),
        number("tx_lat_deg", "deg", -90.0, 90.0, None, "transmitter latitude (north)"),
        number("tx_lon_deg", "deg", -360.0, 360.0, None, "transmitter longitude (east)"),
        number("rx_lat_deg", "deg", -90.0, 90.0, None, "receiver latitude (north)"),
        number("rx_lon_deg", "deg", -360.0, 360.0, None, "receiver longitude (east)"),
        number(
            "tx_gain_dbi",
            "dBi",
            -100.0,
            100.0,
            Some("0"),
            "transmitter gain towards the horizon along the path",
        ),
        number(
            "rx_gain_dbi",
            "dBi",
            -100.0,
            100.0,
            Some("0"),
            "receiver gain towards the horizon along the path",
        ),
        Column {
            name: "polarization",
            kind: ColumnKind::Choice(&["horizontal", "vertical"]),
            default: None,
            description: "polarisation",
        },
        number(
            "tx_coast_km",
            "km",
            0.0,
            1e5,
            Some("500"),
            "distance over land from Tx to the coast (0 on a ship)",
        ),
        number(
            "rx_coast_km",
            "km",
            0.0,
            1e5,
            Some("500"),
            "distance over land from Rx to the coast (0 on a ship)",
        ),
        number(
            "delta_n",
            "N-units/km",
            0.0,
            150.0,
            None,
            "Delta N at the path centre (ITU-R P.452 DN50 map)",
        ),
        number(
            "n0",
            "N-units",
            0.0,
            500.0,
            None,
            "sea-level surface refractivity N0 at the path centre (N050 map)",
        ),
        number("pressure_hpa", "hPa", 0.0, 2000.0, Some("1013.25"), "dry-air pressure"),
        number("temperature_c", "degC", -100.0, 100.0, Some("15"), "air temperature"),
    ],
    intermediates: &[
        "ae", "dtot", "hts", "hrs", "theta_t", "theta_r", "theta", "hm", "hte", "hre", "hstd", "hsrd", "dlt",
        "dlr", "path", "dtm", "dlm", "b0", "omega", "dn", "n0", "lbfsg", "lb0p", "lb0b", "ldsph", "ld50",
        "ldp", "lbs", "lba", "lb",
    ],
};

impl PathLossModel for P452 {
    fn info(&self) -> &'static ModelInfo {
        &INFO
    }

    fn evaluate(&self, case: &Case) -> Result<PathLoss> {
        let params = P452PathParams {
            tx_height_m: case.number("tx_height_m")?,
            rx_height_m: case.number("rx_height_m")?,
            tx_lat_deg: case.number("tx_lat_deg")?,
            tx_lon_deg: case.number("tx_lon_deg")?,
            rx_lat_deg: case.number("rx_lat_deg")?,
            rx_lon_deg: case.number("rx_lon_deg")?,
            delta_n: case.number("delta_n")?,
            n0: case.number("n0")?,
            tx_coast_km: case.number("tx_coast_km")?,
            rx_coast_km: case.number("rx_coast_km")?,
        };
        let pol_word = case.choice("polarization")?;
        let polarization = Polarization::parse(pol_word).ok_or_else(|| Error::InvalidChoice {
            field: "polarization".into(),
            value: pol_word.into(),
            expected: "horizontal or vertical".into(),
        })?;
        let conditions = P452Conditions {
            f_ghz: case.number("frequency_mhz")? / 1e3,
            polarization,
            tx_gain_dbi: case.number("tx_gain_dbi")?,
            rx_gain_dbi: case.number("rx_gain_dbi")?,
            pressure_hpa: case.number("pressure_hpa")?,
            temperature_c: case.number("temperature_c")?,
        };
        let path = P452Path::new(case.profile("profile")?, &params)?;
        let l = path.loss(&conditions, case.number("time_pct")?)?;
        let a = path.analysis();
        let path_code = match a.path_type {
            PathType::LineOfSight => 1.0,
            PathType::TransHorizon => 2.0,
        };
        Ok(PathLoss {
            loss_db: l.lb_db,
            intermediates: vec![
                a.ae_km,
                a.dtot_km,
                a.hts_m,
                a.hrs_m,
                a.theta_t_mrad,
                a.theta_r_mrad,
                a.theta_mrad,
                a.hm_m,
                a.hte_m,
                a.hre_m,
                a.hstd_m,
                a.hsrd_m,
                a.dlt_km,
                a.dlr_km,
                path_code,
                a.dtm_km,
                a.dlm_km,
                a.b0_pct,
                a.omega,
                a.delta_n,
                a.n0,
                l.lbfsg_db,
                l.lb0p_db,
                l.lb0b_db,
                l.ldsph_db,
                l.ld50_db,
                l.ldp_db,
                l.lbs_db,
                l.lba_db,
                l.lb_db,
            ],
            warnings: path.warnings().to_vec(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A 50 km hilly inland profile, 101 points.
    fn hilly() -> Profile {
        let d: Vec<f64> = (0..=100).map(|i| i as f64 * 0.5).collect();
        let h: Vec<f64> = d.iter().map(|x| 100.0 + 80.0 * (x / 7.0).sin() + 2.0 * x).collect();
        let mut p = Profile::new(d, h).unwrap();
        p.zone = Some(vec![Zone::Inland; 101]);
        p
    }

    fn params() -> P452PathParams {
        P452PathParams {
            tx_height_m: 20.0,
            rx_height_m: 10.0,
            tx_lat_deg: 50.0,
            tx_lon_deg: 8.0,
            rx_lat_deg: 50.3,
            rx_lon_deg: 8.2,
            delta_n: 45.0,
            n0: 320.0,
            tx_coast_km: 500.0,
            rx_coast_km: 500.0,
        }
    }

    fn conditions(f_ghz: f64) -> P452Conditions {
        P452Conditions {
            f_ghz,
            polarization: Polarization::Vertical,
            tx_gain_dbi: 0.0,
            rx_gain_dbi: 0.0,
            pressure_hpa: 1013.25,
            temperature_c: 15.0,
        }
    }

    #[test]
    fn out_of_range_inputs_are_errors_as_in_the_reference() {
        let path = P452Path::new(&hilly(), &params()).unwrap();
        assert!(path.loss(&conditions(0.09), 10.0).is_err());
        assert!(path.loss(&conditions(50.1), 10.0).is_err());
        assert!(path.loss(&conditions(f64::NAN), 10.0).is_err());
        assert!(path.loss(&conditions(2.0), 0.0005).is_err());
        assert!(path.loss(&conditions(2.0), 50.5).is_err());
        assert!(path.loss(&conditions(2.0), f64::NAN).is_err());
        assert!(path.loss(&conditions(2.0), 0.001).is_ok());
        assert!(path.loss(&conditions(2.0), 50.0).is_ok());
        let bad_gain = P452Conditions { tx_gain_dbi: f64::INFINITY, ..conditions(2.0) };
        assert!(path.loss(&bad_gain, 10.0).is_err());
        let bad_press = P452Conditions { pressure_hpa: -1.0, ..conditions(2.0) };
        assert!(path.loss(&bad_press, 10.0).is_err());
    }

    #[test]
    fn bad_path_parameters_are_errors() {
        let p = hilly();
        for bad in [
            P452PathParams { tx_height_m: 0.0, ..params() },
            P452PathParams { rx_height_m: -3.0, ..params() },
            P452PathParams { delta_n: 157.0, ..params() },
            P452PathParams { n0: f64::NAN, ..params() },
            P452PathParams { tx_lat_deg: 91.0, ..params() },
            P452PathParams { rx_coast_km: -1.0, ..params() },
        ] {
            assert!(P452Path::new(&p, &bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn bad_profiles_are_errors() {
        let mut short = Profile::new(vec![0.0, 1.0, 2.0], vec![0.0; 3]).unwrap();
        short.zone = Some(vec![Zone::Inland; 3]);
        assert!(P452Path::new(&short, &params()).is_err());
        let repeated = Profile {
            distance_km: vec![0.0, 1.0, 1.0, 2.0, 3.0],
            height_m: vec![0.0; 5],
            zone: None,
            clutter_height_m: None,
        };
        assert!(P452Path::new(&repeated, &params()).is_err());
        let shifted = Profile {
            distance_km: vec![0.5, 1.0, 2.0, 3.0],
            height_m: vec![0.0; 4],
            zone: None,
            clutter_height_m: None,
        };
        assert!(P452Path::new(&shifted, &params()).is_err());
        let nan = Profile {
            distance_km: vec![0.0, 1.0, 2.0, 3.0],
            height_m: vec![0.0, f64::NAN, 0.0, 0.0],
            zone: None,
            clutter_height_m: None,
        };
        assert!(P452Path::new(&nan, &params()).is_err());
        let decreasing = Profile {
            distance_km: vec![0.0, 2.0, 1.0, 3.0],
            height_m: vec![0.0; 4],
            zone: None,
            clutter_height_m: None,
        };
        assert!(P452Path::new(&decreasing, &params()).is_err());
    }

    #[test]
    fn missing_zones_warn_and_count_as_inland() {
        let mut p = hilly();
        let with = P452Path::new(&p, &params()).unwrap();
        p.zone = None;
        let without = P452Path::new(&p, &params()).unwrap();
        assert_eq!(without.warnings().len(), 1);
        assert!(with.warnings().is_empty());
        let (a, b) =
            (with.loss(&conditions(2.0), 1.0).unwrap(), without.loss(&conditions(2.0), 1.0).unwrap());
        assert_eq!(a, b);
    }

    #[test]
    fn reusing_the_frequency_gives_the_same_losses() {
        let path = P452Path::new(&hilly(), &params()).unwrap();
        let at = path.at_frequency(&conditions(5.0)).unwrap();
        for p in [0.001, 0.1, 1.0, 10.0, 50.0] {
            assert_eq!(at.loss(p).unwrap(), path.loss(&conditions(5.0), p).unwrap());
        }
    }

    proptest! {
        #[test]
        fn finite_and_monotonic_in_time_percentage(
            seed_heights in proptest::collection::vec(0.0f64..500.0, 4..60),
            step_km in 0.001f64..5.0,
            htg in 0.01f64..1000.0,
            hrg in 0.01f64..1000.0,
            f in 0.1f64..50.0,
            sea in proptest::bool::ANY,
        ) {
            let n = seed_heights.len();
            let d: Vec<f64> = (0..n).map(|i| i as f64 * step_km).collect();
            let mut prof = Profile::new(d, seed_heights).unwrap();
            prof.zone = Some(vec![if sea { Zone::Sea } else { Zone::Inland }; n]);
            let prm = P452PathParams { tx_height_m: htg, rx_height_m: hrg, ..params() };
            let path = P452Path::new(&prof, &prm).unwrap();
            let at = path.at_frequency(&conditions(f)).unwrap();
            let mut last = f64::NEG_INFINITY;
            for p in [0.001, 0.01, 0.1, 1.0, 10.0, 50.0] {
                let l = at.loss(p).unwrap();
                prop_assert!(l.lb_db.is_finite());
                // Losses not exceeded for a larger percentage of time are not smaller.
                prop_assert!(l.lb_db >= last - 1e-9, "p = {p}: {} < {last}", l.lb_db);
                last = l.lb_db;
            }
        }
    }

    #[test]
    fn inverse_normal_hand_values() {
        // I(0.5) ~ 0 (the approximation gives about -4e-5 there), I(0.01) ~ -2.326.
        assert!(inverse_normal(0.5).abs() < 5e-4);
        assert!((inverse_normal(0.01) + 2.326).abs() < 1e-3);
        // Clamped below 1e-6.
        assert_eq!(inverse_normal(1e-9), inverse_normal(1e-6));
    }

    #[test]
    fn soft_min_log_matches_direct_form() {
        let (a, b) = (150.0, 153.0);
        let direct = 2.5 * ((a / 2.5f64).exp() + (b / 2.5f64).exp()).ln();
        assert!((soft_min_log(a, b, 2.5) - direct).abs() < 1e-12);
        assert!(soft_min_log(5000.0, 5001.0, 2.5).is_finite());
    }
}
