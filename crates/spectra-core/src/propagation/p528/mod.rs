//! Aeronautical propagation, ITU-R P.528-5 (09/2021) Annex 2: basic transmission loss for
//! aeronautical mobile and radionavigation services, 100 MHz – 30 GHz, terminal heights
//! 1.5 m – 20 km (computed with a warning up to 80 km), 1 % ≤ p ≤ 99 % of time, over a smooth
//! Earth (effective Earth radius a_e = 9257 km of the IF-77 model for N_s = 341, average ground ε_r = 15,
//! σ = 0.005 S/m, N_s = 341).
//!
//! The algorithm and its numerical procedures (bisections, the 1 m walk of d₀, the 1 km
//! transhorizon search, the P.676 layered ray trace through the P.835 reference atmosphere, the
//! Abramowitz–Stegun inverse normal with c₀ = 2.515516) follow the NTIA/ITS reference
//! implementation `NTIA/p528` whose outputs are the P.528-5 data tables, so that our values
//! reproduce those tables.
//!
//! Return codes (refused inputs) are the reference's: 1 distance < 0, 2 h₁ outside
//! [1.5, 80 000] m, 3 h₂ outside [1.5, 80 000] m, 4 h₁ > h₂, 5 f < 100 MHz, 6 f > 30 000 MHz,
//! 7 p < 1 %, 8 p > 99 %. Warning flags: 0x01 no diffraction/troposcatter crossover found,
//! 0x02 h₁ > 20 km, 0x04 h₂ > 20 km. h₁ = h₂ with d = 0 gives 0 dB (reference code 10,
//! treated as success).
//!
//! | here            | P.528-5 symbol | meaning                                           |
//! |-----------------|----------------|---------------------------------------------------|
//! | `d_km`          | d              | great-circle path distance, km                    |
//! | `h1_m`, `h2_m`  | h₁, h₂         | low / high terminal heights, m                    |
//! | `f_mhz`         | f              | frequency, MHz                                    |
//! | `p`             | p              | time percentage, %                                |
//! | `d_r_km`        | d_r            | ray-traced horizon distance of a terminal (§4)    |
//! | `h_e_km`        | h_e            | effective terminal height (eq. 4-2)               |
//! | `d_ml_km`       | d_ML           | maximum line-of-sight distance (eq. 3-1)          |
//! | `m_d`, `a_d0`   | M_d, A_d0      | diffraction line slope / intercept (eq. 3-4, 3-5) |
//! | `a_dml_db`      | A_dML          | diffraction loss at d_ML (eq. 3-6)                |
//! | `d_d_km`        | d_d            | distance of 0 dB diffraction loss (eq. 3-7)       |
//! | `a_fs_db`       | A_fs           | free-space loss (eq. 6-4, 3-19)                   |
//! | `a_a_db`        | A_a            | atmospheric absorption (eq. 6-3, 3-17)            |
//! | `a_t_db`        | A_T            | terrain attenuation beyond the horizon (§3 step 7)|
//! | `y_total_db`    | Y_total        | combined variability (§13, §14)                   |
//! | `a_db`          | A              | basic transmission loss (eq. 3-20 / §6)           |
use super::{Case, Column, ColumnKind, ModelInfo, PathLoss, PathLossModel, Warning};
use crate::{Error, Result};
use atmosphere::{slant_path, Layers, A0_KM};
use std::f64::consts::PI;
use transhorizon::{smooth_earth_diffraction, transhorizon_search, troposcatter, Crossover};
use variability::{combine_distributions, long_term_variability, nakagami_rice};

mod atmosphere;
mod line_of_sight;
mod transhorizon;
mod variability;

/// Effective Earth radius a_e of P.528-5 / IF-77 (surface refractivity N_s = 341), km.
const A_E_KM: f64 = 9257.0;
/// Surface refractivity N_s of the model, N-units.
const N_S: f64 = 341.0;
/// Relative permittivity of average ground.
const EPSILON_R: f64 = 15.0;
/// Conductivity of average ground, S/m.
const SIGMA_S_M: f64 = 0.005;

/// Polarization of both antennas.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Polarization {
    /// Horizontal (reference code 0).
    Horizontal,
    /// Vertical (reference code 1).
    Vertical,
}

/// Mode of propagation of a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Line of sight (reference code 1).
    LineOfSight = 1,
    /// Diffraction (code 2).
    Diffraction = 2,
    /// Troposcatter (code 3).
    Troposcatter = 3,
}

/// An input the reference implementation refuses, with its return code.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejected {
    /// NTIA/p528 return code (1-8).
    pub code: u32,
    /// The offending input.
    pub field: &'static str,
    /// Its value.
    pub value: f64,
    /// The accepted range.
    pub valid: &'static str,
}

impl From<Rejected> for Error {
    fn from(r: Rejected) -> Error {
        Error::Model {
            model: "p528",
            message: format!(
                "{} = {} is out of range: valid {} (ITU-R P.528 reference return code {})",
                r.field, r.value, r.valid, r.code
            ),
        }
    }
}

/// Terminal geometry of §4.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Terminal {
    h_r_km: f64,
    h_e_km: f64,
    delta_h_km: f64,
    d_r_km: f64,
    a_km: f64,
    theta_rad: f64,
    a_a_db: f64,
}

impl Terminal {
    /// §4: ray-trace a grazing ray from the ground to the terminal (P.676 through P.835).
    fn new(f_mhz: f64, h_r_km: f64) -> Terminal {
        let s = slant_path(f_mhz / 1000.0, 0.0, h_r_km, PI / 2.0);
        let theta_rad = PI / 2.0 - s.angle_rad;
        let d_r_km = A0_KM * (theta_rad + s.bending_rad); // Thayer eq. (2), rearranged
        let phi = d_r_km / A_E_KM; // (4-1)
        let h_e_km = A_E_KM / phi.cos() - A_E_KM; // (4-2)
        Terminal {
            h_r_km,
            h_e_km,
            delta_h_km: h_r_km - h_e_km, // (4-3)
            d_r_km,
            a_km: s.a_km,
            theta_rad,
            a_a_db: s.a_gas_db,
        }
    }
}

/// The result of one P.528 evaluation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct P528Result {
    /// Basic transmission loss A, dB.
    pub a_db: f64,
    /// Free-space loss A_fs along the ray, dB.
    pub a_fs_db: f64,
    /// Median atmospheric absorption A_a, dB.
    pub a_a_db: f64,
    /// Distance used (the ray-optics distance in line of sight), km.
    pub d_km: f64,
    /// Elevation of the ray at the low terminal θ_h1, rad.
    pub theta_h1_rad: f64,
    /// Propagation mode.
    pub mode: Mode,
    /// Warning flags of the reference (0x01, 0x02, 0x04).
    pub warnings: u32,
}

/// A P.528 link geometry (heights, frequency, polarization) with everything that does not
/// depend on distance or time percentage precomputed: evaluate it for many (d, p).
#[derive(Debug, Clone)]
pub struct P528Path {
    f_mhz: f64,
    pol: Polarization,
    t1: Terminal,
    t2: Terminal,
    d_ml_km: f64,
    a_dml_db: f64,
    los: line_of_sight::LosSetup,
    layers12: Layers,
    m_d: f64,
    a_d0: f64,
    d_crx_km: f64,
    crossover: Crossover,
    k_los_db: f64,
    warnings: u32,
}

impl P528Path {
    /// Checks the inputs as the reference does and precomputes §3 steps 1-6.
    pub fn new(
        h1_m: f64,
        h2_m: f64,
        f_mhz: f64,
        pol: Polarization,
    ) -> std::result::Result<P528Path, Rejected> {
        let rej = |code, field, value, valid| Err(Rejected { code, field, value, valid });
        if !(1.5..=80_000.0).contains(&h1_m) {
            return rej(2, "tx_height_m", h1_m, "[1.5, 80000] m");
        }
        if !(1.5..=80_000.0).contains(&h2_m) {
            return rej(3, "rx_height_m", h2_m, "[1.5, 80000] m");
        }
        let mut warnings = 0;
        if h1_m > 20_000.0 {
            warnings |= 0x02;
        }
        if h2_m > 20_000.0 {
            warnings |= 0x04;
        }
        if h1_m > h2_m {
            return rej(4, "tx_height_m", h1_m, "<= rx_height_m (tx is the lower terminal)");
        }
        if f_mhz.is_nan() || f_mhz < 100.0 {
            return rej(5, "frequency_mhz", f_mhz, ">= 100 MHz");
        }
        if f_mhz > 30_000.0 {
            return rej(6, "frequency_mhz", f_mhz, "<= 30000 MHz");
        }
        let t1 = Terminal::new(f_mhz, h1_m / 1000.0); // Step 1
        let t2 = Terminal::new(f_mhz, h2_m / 1000.0);
        let d_ml_km = t1.d_r_km + t2.d_r_km; // (3-1)
        let scale = (A_E_KM * A_E_KM / f_mhz).powf(1.0 / 3.0);
        let d3 = d_ml_km + 0.5 * scale; // (3-2)
        let d4 = d_ml_km + 1.5 * scale; // (3-3)
        let a3 = smooth_earth_diffraction(t1.d_r_km, t2.d_r_km, f_mhz, d3, pol);
        let a4 = smooth_earth_diffraction(t1.d_r_km, t2.d_r_km, f_mhz, d4, pol);
        let mut m_d = (a4 - a3) / (d4 - d3); // (3-4)
        let mut a_d0 = a4 - m_d * d4; // (3-5)
        let a_dml_db = m_d * d_ml_km + a_d0; // (3-6)
        let d_d_km = -(a_d0 / m_d); // (3-7)
        let los = line_of_sight::LosSetup::new(&t1, &t2, f_mhz, pol, d_ml_km, d_d_km, -a_dml_db);
        let layers12 = Layers::new(f_mhz / 1000.0, t1.h_r_km, t2.h_r_km);
        let mut path = P528Path {
            f_mhz,
            pol,
            t1,
            t2,
            d_ml_km,
            a_dml_db,
            los,
            layers12,
            m_d,
            a_d0,
            d_crx_km: 0.0,
            crossover: Crossover::Case1,
            k_los_db: 0.0,
            warnings,
        };
        // K_LOS of the line-of-sight region 1 km before d_ML (independent of p).
        path.k_los_db = line_of_sight::line_of_sight(&path, &los, d_ml_km - 1.0, 50.0).k_los_db;
        let (d_crx_km, crossover) =
            transhorizon_search(&t1, &t2, d_ml_km, f_mhz, a_dml_db, &mut m_d, &mut a_d0); // Step 6
        if crossover == Crossover::DiffractionOnly {
            path.warnings |= 0x01;
        }
        path.m_d = m_d;
        path.a_d0 = a_d0;
        path.d_crx_km = d_crx_km;
        path.crossover = crossover;
        Ok(path)
    }

    /// Basic transmission loss at distance `d_km` not exceeded for `p` % of time.
    pub fn loss(&self, d_km: f64, p: f64) -> std::result::Result<P528Result, Rejected> {
        if d_km.is_nan() || d_km < 0.0 {
            return Err(Rejected { code: 1, field: "distance_km", value: d_km, valid: ">= 0 km" });
        }
        if p.is_nan() || p < 1.0 {
            return Err(Rejected { code: 7, field: "time_pct", value: p, valid: ">= 1 %" });
        }
        if p > 99.0 {
            return Err(Rejected { code: 8, field: "time_pct", value: p, valid: "<= 99 %" });
        }
        if self.t1.h_r_km == self.t2.h_r_km && d_km == 0.0 {
            return Ok(P528Result {
                a_db: 0.0,
                a_fs_db: 0.0,
                a_a_db: 0.0,
                d_km: 0.0,
                theta_h1_rad: 0.0,
                mode: Mode::LineOfSight,
                warnings: self.warnings,
            });
        }
        if self.d_ml_km - d_km > 0.001 {
            // Step 4: line of sight.
            let r = line_of_sight::line_of_sight(self, &self.los, d_km, p);
            return Ok(P528Result {
                a_db: r.a_db,
                a_fs_db: r.a_fs_db,
                a_a_db: r.a_a_db,
                d_km: r.d_km,
                theta_h1_rad: r.theta_h1_rad,
                mode: Mode::LineOfSight,
                warnings: self.warnings & !0x01,
            });
        }
        let a_d_db = self.m_d * d_km + self.a_d0; // (3-14)
        let tropo = troposcatter(&self.t1, &self.t2, d_km, self.f_mhz); // Step 7.2
                                                                        // Step 7.3. With no crossover the reference's mode constant equals CASE_1.
        let (a_t_db, mode) = if d_km < self.d_crx_km {
            (a_d_db, Mode::Diffraction)
        } else if self.crossover != Crossover::Case2 {
            if tropo.a_s_db <= a_d_db {
                (tropo.a_s_db, Mode::Troposcatter)
            } else {
                (a_d_db, Mode::Diffraction)
            }
        } else {
            (tropo.a_s_db, Mode::Troposcatter)
        };
        // §14 with f_θh = 1, and §13 Nakagami-Rice with K_t from the scattering angle.
        let (d1, d2) = (self.t1.d_r_km, self.t2.d_r_km);
        let (y_e_db, _) = long_term_variability(d1, d2, d_km, self.f_mhz, p, 1.0, -a_t_db);
        let (y_e50_db, _) = long_term_variability(d1, d2, d_km, self.f_mhz, 50.0, 1.0, -a_t_db);
        const ANGLE: f64 = 0.02617993878; // 1.5°
        let k_t_db = if tropo.theta_s >= ANGLE {
            20.0
        } else if tropo.theta_s <= 0.0 {
            self.k_los_db
        } else {
            tropo.theta_s * (20.0 - self.k_los_db) / ANGLE + self.k_los_db
        };
        let y_pi_db = nakagami_rice(k_t_db, p);
        let y_total_db = combine_distributions(y_e50_db, y_e_db, 0.0, y_pi_db, p);
        // Step 9: absorption and free-space loss along the two rays to the common volume.
        let v = slant_path(self.f_mhz / 1000.0, 0.0, tropo.h_v_km, PI / 2.0);
        let a_a_db = self.t1.a_a_db + self.t2.a_a_db + 2.0 * v.a_gas_db; // (3-17)
        let r_fs_km = self.t1.a_km + self.t2.a_km + 2.0 * v.a_km; // (3-18)
        let a_fs_db = 20.0 * self.f_mhz.log10() + 20.0 * r_fs_km.log10() + 32.45; // (3-19)
        Ok(P528Result {
            a_db: a_fs_db + a_a_db + a_t_db - y_total_db, // (3-20)
            a_fs_db,
            a_a_db,
            d_km,
            theta_h1_rad: -self.t1.theta_rad,
            mode,
            warnings: self.warnings,
        })
    }
}

/// One-shot P.528-5 evaluation: basic transmission loss between a terminal at `h1_m` and a
/// higher one at `h2_m`, `d_km` apart, at `f_mhz`, not exceeded for `p` % of time.
pub fn p528(
    d_km: f64,
    h1_m: f64,
    h2_m: f64,
    f_mhz: f64,
    pol: Polarization,
    p: f64,
) -> std::result::Result<P528Result, Rejected> {
    if d_km.is_nan() || d_km < 0.0 {
        return Err(Rejected { code: 1, field: "distance_km", value: d_km, valid: ">= 0 km" });
    }
    P528Path::new(h1_m, h2_m, f_mhz, pol)?.loss(d_km, p)
}

/// P.528-5 as a [`PathLossModel`].
#[derive(Debug, Clone, Copy)]
pub struct P528;

/// A deliberately wide hard domain: the reference's range checks (with its return codes) run
/// in `evaluate`, so out-of-range values reach them.
const ANY_NUMBER: f64 = 1e9;

static INFO: ModelInfo = ModelInfo {
    name: "p528",
    title: "Aeronautical basic transmission loss (air-ground, air-air), smooth Earth",
    source: "ITU-R P.528-5 (09/2021) Annex 2 (NTIA/ITS reference algorithm)",
    validity: "100-30000 MHz, heights 1.5 m-20 km (warning up to 80 km), tx lower than rx, 1-99 % of time; \
               refused outside with the reference return codes 1-8",
    columns: &[
        Column {
            name: "distance_km",
            kind: ColumnKind::Number { unit: "km", min: -ANY_NUMBER, max: ANY_NUMBER },
            default: None,
            description: "great-circle distance, >= 0 km (return code 1)",
        },
        Column {
            name: "tx_height_m",
            kind: ColumnKind::Number { unit: "m", min: -ANY_NUMBER, max: ANY_NUMBER },
            default: None,
            description: "height of the LOWER terminal h1, 1.5-80000 m (code 2; code 4 if above rx_height_m)",
        },
        Column {
            name: "rx_height_m",
            kind: ColumnKind::Number { unit: "m", min: -ANY_NUMBER, max: ANY_NUMBER },
            default: None,
            description: "height of the higher terminal h2, 1.5-80000 m (code 3); above 20000 m a warning",
        },
        Column {
            name: "frequency_mhz",
            kind: ColumnKind::Number { unit: "MHz", min: -ANY_NUMBER, max: ANY_NUMBER },
            default: None,
            description: "frequency, 100-30000 MHz (codes 5, 6)",
        },
        Column {
            name: "time_pct",
            kind: ColumnKind::Number { unit: "%", min: -ANY_NUMBER, max: ANY_NUMBER },
            default: None,
            description: "percentage of time the loss is not exceeded, 1-99 % (codes 7, 8)",
        },
        Column {
            name: "polarization",
            kind: ColumnKind::Choice(&["horizontal", "vertical"]),
            default: Some("horizontal"),
            description: "antenna polarization (the P.528 data tables use horizontal)",
        },
    ],
    intermediates: &["a_fs_db", "a_a_db", "propagation_mode", "d_used_km", "theta_h1_rad", "warning_flags"],
};

impl PathLossModel for P528 {
    fn info(&self) -> &'static ModelInfo {
        &INFO
    }

    fn evaluate(&self, case: &Case) -> Result<PathLoss> {
        let pol = match case.choice("polarization")? {
            "vertical" => Polarization::Vertical,
            _ => Polarization::Horizontal,
        };
        let r = p528(
            case.number("distance_km")?,
            case.number("tx_height_m")?,
            case.number("rx_height_m")?,
            case.number("frequency_mhz")?,
            pol,
            case.number("time_pct")?,
        )?;
        let mut warnings = Vec::new();
        if r.warnings & 0x01 != 0 {
            warnings.push(Warning::new(
                "p528_no_crossover",
                "no diffraction/troposcatter crossover within 100 km beyond d_ML: diffraction line used (reference flag 0x01)",
            ));
        }
        if r.warnings & 0x06 != 0 {
            warnings.push(Warning::new(
                "outside_validity_range",
                "terminal height above 20000 m: outside P.528-5 validity (reference flags 0x02/0x04)",
            ));
        }
        Ok(PathLoss {
            loss_db: r.a_db,
            intermediates: vec![
                r.a_fs_db,
                r.a_a_db,
                r.mode as u8 as f64,
                r.d_km,
                r.theta_h1_rad,
                f64::from(r.warnings),
            ],
            warnings,
        })
    }
}
