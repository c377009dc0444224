//! ITU-R P.1546-6 (08/2019): method for point-to-area predictions for terrestrial services in the
//! frequency range 30 MHz to 4 000 MHz — field strength for 1 kW e.r.p. exceeded at t % time and
//! q % locations over land, cold sea, warm sea and mixed paths, and the equivalent basic
//! transmission loss.
//!
//! Validity (Annex 1 §1): 30-4 000 MHz, 1-50 % time, 1-99 % locations, horizontal distance
//! 0 < d <= 1 000 km (below 1 km by Annex 5 §15), effective transmitting height h1 <= 3 000 m
//! (negative h1 over land by §4.3), receiving antenna height h2 >= 1 m over land and >= 3 m
//! adjacent to sea. Frequencies outside 30-4 000 MHz are computed (log-frequency extrapolation as
//! the reference does) with a warning; h1 > 3 000 m is limited to 3 000 m with a warning, as the
//! reference implementation does; the other limits are errors.
//!
//! The procedure is the step-by-step method of Annex 6 as implemented by the ITU-R Working
//! Party 3K reference implementation (`github.com/eeveetza/p1546`, v6.2): the curves are
//! interpolated per propagation family at the whole distance (Steps 1-10, module `curves`), combined
//! for mixed paths (§8), then corrected for terrain clearance angle (§11), tropospheric scatter
//! (§13), receiving antenna height (§9), transmitter clutter (§10), slope path (§14), short
//! paths (§15) and location variability (§12), limited to Emax (§2) and converted to basic
//! transmission loss (§17). For d < 1 km Steps 1-16 use d = 1 km and §15 extends the result.
//!
//! The tabulated curves are third-party ITU-R data: they are loaded at run time with
//! [`P1546Tables::load`] (see [`tables`]).
//!
//! | Recommendation | here |
//! |---|---|
//! | f (MHz) | `f_mhz` |
//! | t (%), q (%) | `t_pct`, `q_pct` |
//! | d, d_land, d_sea (km) | `d_km`, `d_land_km`, `d_sea_km` |
//! | h1 (effective height, §3) | `h1_m` |
//! | ha (antenna height above ground) | `ha_m` |
//! | h2, R2 (R'), R1 | `h2_m`, `r2_m` (`r2_eff_m`), `r1_m` |
//! | theta_tca (§11), theta_eff1 (§4.3a, §13) | `tca_deg`, `theta_eff1_deg` |
//! | h_tter, h_rter (§14) | `terrain_heights_m` |
//! | wa (§12) | `square_area_m` |
//! | Emax (§2), Ets (§13), theta_s | `emax_dbuv_m`, `troposcatter_dbuv_m`, `theta_s_deg` |
//! | Lb (§17) | `loss_db` |
//!
//! Deviations from the reference implementation, none of them exercised by its validation
//! vectors: over sea, h1 below 3 m is raised to 3 m for the sea family of a mixed path as the
//! Recommendation's §3 says (the reference keeps it); in §4.2 eq. (11c) log(20/10) is decimal
//! (the reference divides by ln 2). Annex 5 §4.3 case a) (negative h1 from the terrain clearance
//! angle) is offered as [`NegativeH1::ClearanceAngle`]; the default is case b), the reference
//! implementation's only method.
mod corrections;
mod curves;
mod model;
pub mod profile;
pub mod tables;

pub use corrections::basic_transmission_loss_db;
pub use model::{P1546Profile, P1546};
pub use profile::{end_terminal_transmits, path_geometry, PathGeometry};
pub use tables::{installed_tables, set_tables, Family, P1546Tables};

use super::Warning;
use crate::{Error, Result};
use corrections::*;

/// Type of sea on the sea parts of a path (Annex 1 §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeaType {
    /// Cold sea (the reference implementation's default for sea).
    Cold,
    /// Warm sea (if any sea section is warm, all sea is treated as warm: Step 11).
    Warm,
}

/// Environment of the receiving/mobile antenna (Annex 5 §9, §12).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RxEnvironment {
    /// Rural or open land: R' = 10 m.
    Rural,
    /// Suburban land.
    Suburban,
    /// Urban land.
    Urban,
    /// Dense urban land.
    DenseUrban,
    /// Adjacent to sea.
    Sea,
}

/// Inputs of one P.1546-6 prediction. Build with [`P1546Params::new`] and refine with the
/// `with_...` methods; [`field_strength`] checks every range.
#[derive(Debug, Clone, PartialEq)]
pub struct P1546Params {
    /// Frequency, MHz.
    pub f_mhz: f64,
    /// Time percentage, 1-50 %.
    pub t_pct: f64,
    /// Location percentage, 1-99 % (50 %: no location correction).
    pub q_pct: f64,
    /// Land length of the path, km.
    pub d_land_km: f64,
    /// Sea (and coastal land) length of the path, km.
    pub d_sea_km: f64,
    /// Sea type of the sea part.
    pub sea: SeaType,
    /// Effective transmitting/base antenna height h1 of §3, m.
    pub h1_m: f64,
    /// Transmitting/base antenna height above ground ha, m (§10, §14, §15).
    pub ha_m: f64,
    /// Receiving/mobile antenna height above ground h2, m.
    pub h2_m: f64,
    /// Representative clutter height around the receiver R2, m.
    pub r2_m: f64,
    /// Receiver environment.
    pub rx_env: RxEnvironment,
    /// Representative clutter height around the transmitter R1, m (§10); `None`: not applied.
    pub r1_m: Option<f64>,
    /// Terrain clearance angle at the receiver theta_tca, degrees (§11); `None`: not applied.
    pub tca_deg: Option<f64>,
    /// Transmitter terrain clearance angle theta_eff1, degrees (§13 with theta_eff2 =
    /// `tca_deg`); tropospheric scatter is evaluated when both are known.
    pub theta_eff1_deg: Option<f64>,
    /// Ground heights above sea level at the transmitter and the receiver, m (§14).
    pub terrain_heights_m: Option<(f64, f64)>,
    /// Width of the square area for location variability wa, m (§12) when terrain information
    /// is available; `None`: the no-terrain standard deviations.
    pub square_area_m: Option<f64>,
    /// Method for negative h1 over land (Annex 5 §4.3).
    pub negative_h1: NegativeH1,
}

/// Correction for a negative effective height h1 over land (Annex 5 §4.3), added to the field
/// strength for h1 = 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NegativeH1 {
    /// Case b): obstruction of height h1 at 9 km, C_h1 = 6.03 - J(K_nu arctan(-h1/9000)),
    /// eq. (12); never discontinuous at h1 = 0. The reference implementation's only method.
    #[default]
    Wedge,
    /// Case a): the §11 correction (32a)-(32c) with the transmitter's terrain clearance angle
    /// theta_eff1 (`theta_eff1_deg`, required) in place of theta_tca, at the nominal frequency of
    /// each curve. May be discontinuous at h1 = 0, as the Recommendation notes.
    ClearanceAngle,
}

impl P1546Params {
    /// A land or sea path of length `d_km`, h1 = ha = `h1_m`, rural receiver with R2 = 10 m,
    /// q = 50 %, no terrain information.
    pub fn new(f_mhz: f64, t_pct: f64, d_km: f64, h1_m: f64, h2_m: f64) -> P1546Params {
        P1546Params {
            f_mhz,
            t_pct,
            q_pct: 50.0,
            d_land_km: d_km,
            d_sea_km: 0.0,
            sea: SeaType::Cold,
            h1_m,
            ha_m: h1_m,
            h2_m,
            r2_m: 10.0,
            rx_env: RxEnvironment::Rural,
            r1_m: None,
            tca_deg: None,
            theta_eff1_deg: None,
            terrain_heights_m: None,
            square_area_m: None,
            negative_h1: NegativeH1::Wedge,
        }
    }

    /// Splits the path into `d_land_km` of land and `d_sea_km` of sea of type `sea`.
    pub fn with_path(mut self, d_land_km: f64, d_sea_km: f64, sea: SeaType) -> Self {
        self.d_land_km = d_land_km;
        self.d_sea_km = d_sea_km;
        self.sea = sea;
        self
    }

    /// Receiver environment and representative clutter height R2.
    pub fn with_rx(mut self, rx_env: RxEnvironment, r2_m: f64) -> Self {
        self.rx_env = rx_env;
        self.r2_m = r2_m;
        self
    }

    /// Antenna height above ground ha (when different from h1).
    pub fn with_ha(mut self, ha_m: f64) -> Self {
        self.ha_m = ha_m;
        self
    }

    /// Location percentage.
    pub fn with_locations(mut self, q_pct: f64) -> Self {
        self.q_pct = q_pct;
        self
    }

    /// Total horizontal path length, km.
    pub fn d_km(&self) -> f64 {
        self.d_land_km + self.d_sea_km
    }

    /// Checks the hard limits (errors) and the validity range (warnings).
    fn check(&self, warnings: &mut Vec<Warning>) -> Result<()> {
        let finite = |name: &str, v: f64| {
            if v.is_finite() {
                Ok(())
            } else {
                Err(Error::out_of_range(name, v, "a finite number"))
            }
        };
        for (n, v) in [
            ("f_mhz", self.f_mhz),
            ("h1_m", self.h1_m),
            ("ha_m", self.ha_m),
            ("h2_m", self.h2_m),
            ("r2_m", self.r2_m),
        ] {
            finite(n, v)?;
        }
        if self.f_mhz <= 0.0 {
            return Err(Error::out_of_range("frequency_mhz", self.f_mhz, "> 0 (valid 30-4000 MHz)"));
        }
        super::check_validity(warnings, "frequency_mhz", self.f_mhz, 30.0, 4000.0);
        if !(1.0..=50.0).contains(&self.t_pct) {
            return Err(Error::out_of_range("time_pct", self.t_pct, "[1, 50] %"));
        }
        if !(1.0..=99.0).contains(&self.q_pct) {
            return Err(Error::out_of_range("location_pct", self.q_pct, "[1, 99] %"));
        }
        if !(self.d_land_km >= 0.0 && self.d_sea_km >= 0.0) {
            return Err(Error::out_of_range(
                "path lengths",
                format!("land {} km, sea {} km", self.d_land_km, self.d_sea_km),
                ">= 0 km each",
            ));
        }
        let d = self.d_km();
        if !(d > 0.0 && d <= 1000.0) {
            return Err(Error::out_of_range("distance_km", d, "(0, 1000] km"));
        }
        let sea_rx = self.rx_env == RxEnvironment::Sea;
        if !sea_rx && self.h2_m < 1.0 {
            return Err(Error::out_of_range(
                "rx_height_m",
                self.h2_m,
                ">= 1 m for a receiver on land (Annex 5 §9)",
            ));
        }
        if sea_rx && self.h2_m < 3.0 {
            return Err(Error::out_of_range(
                "rx_height_m",
                self.h2_m,
                ">= 3 m for a receiver adjacent to sea (Annex 5 §9)",
            ));
        }
        if self.ha_m < 0.0 {
            return Err(Error::out_of_range("tx_height_m", self.ha_m, ">= 0 m above ground"));
        }
        if self.r2_m < 0.0 {
            return Err(Error::out_of_range("rx_clutter_height_m", self.r2_m, ">= 0 m"));
        }
        if let Some(r1) = self.r1_m {
            if !(r1.is_finite() && r1 >= 0.0) {
                return Err(Error::out_of_range("tx_clutter_height_m", r1, ">= 0 m"));
            }
        }
        for (n, v) in [("tca_deg", self.tca_deg), ("theta_eff1_deg", self.theta_eff1_deg)] {
            if let Some(v) = v {
                if !(-90.0..=90.0).contains(&v) {
                    return Err(Error::out_of_range(n, v, "[-90, 90] degrees"));
                }
            }
        }
        if let Some((a, b)) = self.terrain_heights_m {
            finite("tx_ground_height_m", a)?;
            finite("rx_ground_height_m", b)?;
        }
        if let Some(wa) = self.square_area_m {
            if !(wa.is_finite() && wa > 0.0) {
                return Err(Error::out_of_range("square_area_m", wa, "> 0 m"));
            }
        }
        Ok(())
    }
}

/// The result of one prediction: field strength, loss and the intermediate values of the
/// reference implementation's log.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldStrength {
    /// Field strength for 1 kW e.r.p., dB(uV/m).
    pub e_dbuv_m: f64,
    /// Basic transmission loss, dB (§17).
    pub loss_db: f64,
    /// h1 used by the curves (after the 3 000 m limit), m.
    pub h1_m: f64,
    /// Maximum field strength Emax incl. slope-path correction (§2, §14), dB(uV/m).
    pub emax_dbuv_m: f64,
    /// Field strength after Step 11 (curves, mixed path), dB(uV/m).
    pub e_curves_dbuv_m: f64,
    /// Terrain clearance angle correction (§11), dB; 0 when not applied.
    pub tca_correction_db: f64,
    /// Tropospheric-scatter field strength Ets (§13), dB(uV/m); NaN when not evaluated.
    pub troposcatter_dbuv_m: f64,
    /// Scatter angle theta_s (§13), degrees; NaN when not evaluated.
    pub theta_s_deg: f64,
    /// Modified representative clutter height R' (§9), m.
    pub r2_eff_m: f64,
    /// Receiving antenna height correction (§9), dB.
    pub rx_height_correction_db: f64,
    /// Transmitter clutter correction (§10), dB; 0 when not applied.
    pub tx_clutter_correction_db: f64,
    /// Slope-path correction (§14), dB.
    pub slope_correction_db: f64,
    /// Warnings (validity range, limited inputs).
    pub warnings: Vec<Warning>,
}

/// Field strength and basic transmission loss by P.1546-6 for one case.
///
/// Cost: a few dozen logarithms and table look-ups (no allocation unless a warning is issued),
/// so border-point sweeps can call it millions of times.
pub fn field_strength(tables: &P1546Tables, p: &P1546Params) -> Result<FieldStrength> {
    let mut warnings = Vec::new();
    p.check(&mut warnings)?;
    let (f, t) = (p.f_mhz, p.t_pct);
    let d = p.d_km();
    // Steps 1-16 use 1 km below 1 km (Annex 5 §15); Emax uses the real distance.
    let d_calc = d.max(1.0);
    let mut h1 = p.h1_m;
    if h1 > 3000.0 {
        warnings.push(Warning::new(
            "h1_limited",
            format!("h1 = {h1} m above 3000 m: limited to 3000 m (Annex 5 §4.1)"),
        ));
        h1 = 3000.0;
    }
    let terrain = p.terrain_heights_m;
    let emax = emax_dbuv_m(t, p.d_land_km, p.d_sea_km) + slope_correction_db(p.ha_m, p.h2_m, d, terrain);

    let case_a = match p.negative_h1 {
        NegativeH1::Wedge => None,
        NegativeH1::ClearanceAngle => Some(p.theta_eff1_deg.ok_or_else(|| Error::Missing {
            field: "theta_eff1_deg (needed by the negative-h1 method of Annex 5 §4.3 a))".into(),
        })?),
    };
    // Steps 1-11: curves per family at the whole distance, then the mixed-path method.
    let e_land = if p.d_land_km > 0.0 {
        curves::e_family(tables, Family::Land, h1, d_calc, f, t, emax, case_a)
    } else {
        f64::NAN
    };
    let e_sea = if p.d_sea_km > 0.0 {
        let family = match p.sea {
            SeaType::Cold => Family::ColdSea,
            SeaType::Warm => Family::WarmSea,
        };
        let h1_sea = if h1 < 3.0 {
            warnings.push(Warning::new(
                "h1_sea_raised",
                format!("h1 = {h1} m below 3 m: 3 m used for the sea family (Annex 5 §3)"),
            ));
            3.0
        } else {
            h1
        };
        curves::e_family(tables, family, h1_sea, d_calc, f, t, emax, None)
    } else {
        f64::NAN
    };
    let mut e = mixed_path(e_land, e_sea, p.d_land_km, p.d_sea_km);
    let e_curves = e;

    // Step 12: terrain clearance angle (§11).
    let mut tca_corr = 0.0;
    if let Some(tca) = p.tca_deg {
        tca_corr = tca_correction_db(f, tca).0;
        e += tca_corr;
    }
    // Step 13: tropospheric scatter (§13).
    let (mut ets, mut theta_s) = (f64::NAN, f64::NAN);
    if let (Some(eff1), Some(eff2)) = (p.theta_eff1_deg, p.tca_deg) {
        (ets, theta_s) = troposcatter(d_calc, f, t, eff1, eff2);
        e = e.max(ets);
    }
    // Step 14: receiving antenna height (§9).
    let (rx_corr, r2_eff, raised) = rx_height_correction(h1, d_calc, p.r2_m, p.h2_m, f, p.rx_env);
    if raised {
        warnings.push(Warning::new(
            "r2_eff_raised",
            "modified representative clutter height R' below 1 m: set to 1 m (Annex 5 §9)",
        ));
    }
    e += rx_corr;
    // Step 15: transmitter clutter (§10).
    let tx_corr = p.r1_m.map_or(0.0, |r1| tx_clutter_correction_db(p.ha_m, r1, f));
    e += tx_corr;
    // Step 16: slope path (§14).
    let slope = slope_correction_db(p.ha_m, p.h2_m, d_calc, terrain);
    e += slope;
    // Step 17: paths shorter than 1 km (§15).
    if d < 0.9999999999 {
        e = short_path(p.ha_m, p.h2_m, d, e, terrain);
    }
    // Step 18: location variability (§12).
    if p.q_pct != 50.0 {
        e += qi(p.q_pct / 100.0) * location_sigma_db(f, p.rx_env, p.square_area_m);
        // (33)
    }
    // Step 19: maximum field strength (§2).
    e = e.min(emax);
    Ok(FieldStrength {
        e_dbuv_m: e,
        loss_db: basic_transmission_loss_db(f, e),
        h1_m: h1,
        emax_dbuv_m: emax,
        e_curves_dbuv_m: e_curves,
        tca_correction_db: tca_corr,
        troposcatter_dbuv_m: ets,
        theta_s_deg: theta_s,
        r2_eff_m: r2_eff,
        rx_height_correction_db: rx_corr,
        tx_clutter_correction_db: tx_corr,
        slope_correction_db: slope,
        warnings,
    })
}

/// Effective transmitting height h1 of Annex 5 §3 without terrain information: over land,
/// h1 = ha for d <= 3 km (4), ha + (heff - ha)(d - 3)/12 for 3 < d < 15 km (5), heff for
/// d >= 15 km (7); over an all-sea path h1 = heff (the height above the sea), at least 3 m.
pub fn h1_without_terrain_m(d_km: f64, ha_m: f64, heff_m: f64, all_sea: bool) -> f64 {
    if all_sea {
        heff_m.max(3.0)
    } else if d_km <= 3.0 {
        ha_m // (4)
    } else if d_km < 15.0 {
        ha_m + (heff_m - ha_m) * (d_km - 3.0) / 12.0 // (5)
    } else {
        heff_m // (7)
    }
}
