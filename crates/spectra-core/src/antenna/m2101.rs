//! ITU-R M.2101-0 (02/2017) Annex 1 section 5: IMT active antenna system (AAS) beamforming
//! pattern: element pattern, NV x NH planar array factor with beam steering, composite gain.
//!
//! Directions follow M.2101: φ the azimuth from broadside (here the trait's `azimuth_deg`) and
//! θ the angle from the array's vertical axis, θ = 90 - elevation (90 = broadside horizon).
//!
//! ```text
//! A_E,H(φ) = -min(12 (φ/φ3dB)^2, Am)                                       Table 4
//! A_E,V(θ) = -min(12 ((θ - 90)/θ3dB)^2, SLAv)                               Table 4
//! A_E(φ,θ) = G_E,max - min(-(A_E,H(φ) + A_E,V(θ)), Am)                      Table 4
//! v_n,m = exp(i 2π ((n-1) dV/λ cos θ + (m-1) dH/λ sin θ sin φ))            Table 4
//! w_n,m = exp(i 2π ((n-1) dV/λ sin θetilt - (m-1) dH/λ cos θetilt sin φescan)) / sqrt(NH NV)
//! A_A(θ,φ) = A_E(φ,θ) + 10 log10(1 + ρ (|sum_n sum_m w_n,m v_n,m|^2 - 1))   Table 4 (composite)
//! ```
//!
//! The weights and the steering vector are separable in n and m, so the double sum is the
//! product of two geometric sums `S_N(x) = sum_k exp(i k x)` evaluated with complex phasors
//! (`num-complex`): NV + NH complex multiplications per direction instead of NV NH exponentials.
//!
//! | symbol | here |
//! |---|---|
//! | G_E,max | `element_gain_dbi` |
//! | φ3dB, θ3dB | `hpbw_az_deg`, `hpbw_el_deg` |
//! | Am, SLAv | `front_to_back_db`, `sla_db` |
//! | NV (rows), NH (columns) | `rows`, `columns` |
//! | dV/λ, dH/λ | `spacing_v_wavelengths`, `spacing_h_wavelengths` |
//! | φescan | `steer_az_deg` |
//! | θetilt (positive: beam below broadside) | `-steer_el_deg` (beam elevation, positive up) |
//! | ρ | `correlation` |
//!
//! Normalisation. With the M.2101 weights (1/sqrt(NH NV)) the composite peak is
//! `A_E + 10 log10(NH NV)` (ρ = 1), which does not in general conserve energy (the pattern's
//! mean over the sphere is not 0 dBi). With `normalise = true` the pattern is shifted by
//! `-10 log10((1/4π) ∮ g dΩ)` so that its mean linear gain is exactly 1 (energy conservation,
//! as several sharing-study tools do; M.2101 itself does not prescribe it). The integral is
//! computed numerically on a 1 degree grid at construction (about 65 000 evaluations) for the
//! configured steering.
use super::{wrap_azimuth_deg, AntennaPattern};
use crate::{Error, Result};
use num_complex::Complex64;
use serde::{Deserialize, Serialize};
use std::f64::consts::TAU;

fn default_correlation() -> f64 {
    1.0
}

/// Parameters of an M.2101 AAS antenna (one beam).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct M2101Params {
    /// Element peak gain G_E,max, dBi.
    pub element_gain_dbi: f64,
    /// Element horizontal 3 dB beamwidth φ3dB, degrees.
    pub hpbw_az_deg: f64,
    /// Element vertical 3 dB beamwidth θ3dB, degrees.
    pub hpbw_el_deg: f64,
    /// Element front-to-back ratio Am, dB.
    pub front_to_back_db: f64,
    /// Element vertical side-lobe attenuation SLAv, dB.
    pub sla_db: f64,
    /// Number of rows NV (elements along the vertical).
    pub rows: u32,
    /// Number of columns NH (elements along the horizontal).
    pub columns: u32,
    /// Horizontal element spacing dH/λ.
    pub spacing_h_wavelengths: f64,
    /// Vertical element spacing dV/λ.
    pub spacing_v_wavelengths: f64,
    /// Beam azimuth φescan from broadside, degrees.
    #[serde(default)]
    pub steer_az_deg: f64,
    /// Beam elevation from broadside, degrees, positive up (M.2101's θetilt = -steer_el_deg).
    #[serde(default)]
    pub steer_el_deg: f64,
    /// Correlation level ρ between elements (1: fully correlated, M.2101 default).
    #[serde(default = "default_correlation")]
    pub correlation: f64,
    /// Normalise the pattern to a mean gain of 0 dBi over the sphere.
    #[serde(default)]
    pub normalise: bool,
}

impl M2101Params {
    /// An NV x NH array of the element often used in ITU-R WP 5D sharing-study parameters
    /// (G_E,max 5 dBi, 65 deg beamwidths, Am = SLAv = 30 dB), spacing 0.5 λ, unsteered, ρ = 1,
    /// not normalised. Real studies should state their own values.
    pub fn typical(rows: u32, columns: u32) -> Self {
        M2101Params {
            element_gain_dbi: 5.0,
            hpbw_az_deg: 65.0,
            hpbw_el_deg: 65.0,
            front_to_back_db: 30.0,
            sla_db: 30.0,
            rows,
            columns,
            spacing_h_wavelengths: 0.5,
            spacing_v_wavelengths: 0.5,
            steer_az_deg: 0.0,
            steer_el_deg: 0.0,
            correlation: 1.0,
            normalise: false,
        }
    }
}

/// An M.2101 AAS antenna with its direction-independent terms precomputed.
#[derive(Debug, Clone, PartialEq)]
pub struct M2101 {
    p: M2101Params,
    /// 12 / φ3dB^2 and 12 / θ3dB^2
    kh: f64,
    kv: f64,
    /// 2π dV/λ sin θetilt and 2π dH/λ cos θetilt sin φescan
    steer_v: f64,
    steer_h: f64,
    /// Normalisation shift in dB (0 when not normalising).
    norm_db: f64,
}

fn positive(field: &str, v: f64) -> Result<()> {
    if !(v > 0.0 && v.is_finite()) {
        return Err(Error::out_of_range(field, v, "> 0"));
    }
    Ok(())
}

/// |S_N(x)|^2 = |sum_{k=0}^{N-1} exp(i k x)|^2 by phasor recurrence.
#[inline]
fn geometric_sum_norm_sqr(n: u32, x: f64) -> f64 {
    let z = Complex64::cis(x);
    let mut term = Complex64::new(1.0, 0.0);
    let mut sum = Complex64::new(0.0, 0.0);
    for _ in 0..n {
        sum += term;
        term *= z;
    }
    sum.norm_sqr()
}

impl M2101 {
    /// Checks the parameters and precomputes the element constants, the steering phases and,
    /// if asked, the normalisation.
    pub fn new(p: M2101Params) -> Result<Self> {
        if !p.element_gain_dbi.is_finite() {
            return Err(Error::out_of_range("element_gain_dbi", p.element_gain_dbi, "finite dBi"));
        }
        positive("hpbw_az_deg", p.hpbw_az_deg)?;
        positive("hpbw_el_deg", p.hpbw_el_deg)?;
        positive("spacing_h_wavelengths", p.spacing_h_wavelengths)?;
        positive("spacing_v_wavelengths", p.spacing_v_wavelengths)?;
        if !(p.front_to_back_db >= 0.0 && p.front_to_back_db.is_finite()) {
            return Err(Error::out_of_range("front_to_back_db", p.front_to_back_db, ">= 0 dB"));
        }
        if !(p.sla_db >= 0.0 && p.sla_db.is_finite()) {
            return Err(Error::out_of_range("sla_db", p.sla_db, ">= 0 dB"));
        }
        if p.rows == 0 || p.rows > 1024 {
            return Err(Error::out_of_range("rows", p.rows, "1..=1024"));
        }
        if p.columns == 0 || p.columns > 1024 {
            return Err(Error::out_of_range("columns", p.columns, "1..=1024"));
        }
        if !(0.0..=1.0).contains(&p.correlation) {
            return Err(Error::out_of_range("correlation", p.correlation, "[0, 1]"));
        }
        if !(p.steer_az_deg.abs() <= 180.0 && p.steer_el_deg.abs() <= 90.0) {
            return Err(Error::out_of_range(
                "steer_az_deg/steer_el_deg",
                format!("({}, {})", p.steer_az_deg, p.steer_el_deg),
                "azimuth in [-180, 180], elevation in [-90, 90] degrees",
            ));
        }
        let mut a = M2101 {
            p,
            kh: 12.0 / (p.hpbw_az_deg * p.hpbw_az_deg),
            kv: 12.0 / (p.hpbw_el_deg * p.hpbw_el_deg),
            steer_v: 0.0,
            steer_h: 0.0,
            norm_db: 0.0,
        };
        a.set_steering(p.steer_az_deg, p.steer_el_deg);
        Ok(a)
    }

    fn set_steering(&mut self, steer_az_deg: f64, steer_el_deg: f64) {
        self.p.steer_az_deg = steer_az_deg;
        self.p.steer_el_deg = steer_el_deg;
        let etilt = (-steer_el_deg).to_radians();
        self.steer_v = TAU * self.p.spacing_v_wavelengths * etilt.sin();
        self.steer_h = TAU * self.p.spacing_h_wavelengths * etilt.cos() * steer_az_deg.to_radians().sin();
        self.norm_db = 0.0;
        if self.p.normalise {
            self.norm_db = -10.0 * self.mean_linear_gain(1.0).log10();
        }
    }

    /// The same antenna with its beam steered to (`steer_az_deg`, `steer_el_deg`) from
    /// broadside. Cheap unless the pattern is normalised (then the sphere integral is redone).
    pub fn steered(&self, steer_az_deg: f64, steer_el_deg: f64) -> Self {
        let mut a = self.clone();
        a.set_steering(steer_az_deg.clamp(-180.0, 180.0), steer_el_deg.clamp(-90.0, 90.0));
        a
    }

    /// The parameters (with the current steering).
    pub fn params(&self) -> &M2101Params {
        &self.p
    }

    /// Normalisation shift applied, dB (0 unless `normalise`).
    pub fn normalisation_db(&self) -> f64 {
        self.norm_db
    }

    /// Element gain A_E(φ, θ) in dBi for a direction at azimuth / elevation from broadside.
    pub fn element_gain_dbi(&self, azimuth_deg: f64, elevation_deg: f64) -> f64 {
        let a_h = (self.kh * azimuth_deg * azimuth_deg).min(self.p.front_to_back_db); // -A_E,H
        let a_v = (self.kv * elevation_deg * elevation_deg).min(self.p.sla_db); // -A_E,V, θ-90 = -el
        self.p.element_gain_dbi - (a_h + a_v).min(self.p.front_to_back_db) // A_E
    }

    /// Mean linear gain over the sphere (midpoint rule on a `step_deg` grid), without the
    /// normalisation shift.
    pub fn mean_linear_gain(&self, step_deg: f64) -> f64 {
        let n_el = (180.0 / step_deg).round().max(1.0) as usize;
        let n_az = (360.0 / step_deg).round().max(1.0) as usize;
        let (d_el, d_az) = (180.0 / n_el as f64, 360.0 / n_az as f64);
        let mut sum = 0.0;
        for i in 0..n_el {
            let el = -90.0 + (i as f64 + 0.5) * d_el;
            let w = el.to_radians().cos();
            let mut row = 0.0;
            for j in 0..n_az {
                let az = -180.0 + (j as f64 + 0.5) * d_az;
                row += 10f64.powf(self.composite_db(az, el) / 10.0);
            }
            sum += w * row;
        }
        // (1/4π) ∫∫ g cos(el) d(el) d(az)
        sum * d_el.to_radians() * d_az.to_radians() / (4.0 * std::f64::consts::PI)
    }

    /// Composite gain without the normalisation shift.
    #[inline]
    fn composite_db(&self, azimuth_deg: f64, elevation_deg: f64) -> f64 {
        let azimuth_deg = wrap_azimuth_deg(azimuth_deg);
        let a_e = self.element_gain_dbi(azimuth_deg, elevation_deg);
        let (sin_el, cos_el) = elevation_deg.to_radians().sin_cos();
        let sin_az = azimuth_deg.to_radians().sin();
        // cos θ = sin(el), sin θ = cos(el) with θ = 90 - el.
        let x_v = TAU * self.p.spacing_v_wavelengths * sin_el + self.steer_v;
        let x_h = TAU * self.p.spacing_h_wavelengths * cos_el * sin_az - self.steer_h;
        let n = f64::from(self.p.rows) * f64::from(self.p.columns);
        let af = geometric_sum_norm_sqr(self.p.rows, x_v) * geometric_sum_norm_sqr(self.p.columns, x_h) / n;
        a_e + 10.0 * (1.0 + self.p.correlation * (af - 1.0)).log10()
    }
}

impl AntennaPattern for M2101 {
    fn gain_dbi(&self, azimuth_deg: f64, elevation_deg: f64) -> f64 {
        self.composite_db(azimuth_deg, elevation_deg) + self.norm_db
    }

    /// Element peak plus full array gain, `G_E,max + 10 log10(NV NH)` (ρ = 1), plus the
    /// normalisation: the upper bound of the composite pattern, reached at broadside when the
    /// beam is not steered.
    fn peak_gain_dbi(&self) -> f64 {
        let n = f64::from(self.p.rows) * f64::from(self.p.columns);
        self.p.element_gain_dbi + 10.0 * (1.0 + self.p.correlation * (n - 1.0)).log10() + self.norm_db
    }
}
