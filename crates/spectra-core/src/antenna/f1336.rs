//! ITU-R F.1336-5 (01/2019): reference radiation patterns of omnidirectional and sectoral
//! antennas of the fixed and mobile services, 400 MHz to 6 GHz (recommends 2 and 3.1).
//!
//! Omnidirectional (recommends 2.1 peak, 2.2 average side lobes), θ the elevation:
//!
//! ```text
//! θ3 = 107.6 10^(-0.1 G0)                                          (1d)
//! G(θ) = max[G1(θ), G2(θ)]                                         (1a)
//! G1(θ) = G0 - 12 (θ/θ3)^2                                         (1b)
//! G2(θ) = G0 - 12 + 10 log10(max(|θ|/θ3, 1)^-1.5 + k)   peak       (1c)
//! G2(θ) = G0 - 15 + 10 log10(max(|θ|/θ3, 1)^-1.5 + k)   average    (2c)
//! ```
//!
//! Sectoral (recommends 3.1.1 peak, 3.1.2 average side lobes), xh = |φ|/φ3, xv = |θ|/θ3:
//!
//! ```text
//! G(φ, θ) = G0 + Gh(xh) + R Gv(xv)                                 (2a1)
//! R = (Gh(xh) - Gh(180/φ3)) / (Gh(0) - Gh(180/φ3))                 (2a2)
//! G180 = -12 + 10 log10(1 + 8 kp) - 15 log10(180/θ3)   peak        (2b1)
//! G180 = -15 + 10 log10(1 + 8 ka) - 15 log10(180/θ3)   average
//! Gh = -12 xh^2 (xh <= 0.5); -12 xh^(2-kh) - λkh (xh > 0.5); Gh >= G180   (2b2)
//! λkh = 3 (1 - 0.5^-kh)
//! Gv = -12 xv^2                       xv < xk
//!      -12 + 10 log10(xv^-1.5 + kv)   xk <= xv < 4         (average: -15 + ...)
//!      -λkv - C log10(xv)             4 <= xv < 90/θ3      (average: -λkv - 3 - C log10 xv)
//!      G180                           xv >= 90/θ3                         (2b3) / (2c3)
//! xk = sqrt(1 - 0.36 kv) peak, sqrt(1.33 - 0.33 kv) average
//! λkv = 12 - C log10(4) - 10 log10(4^-1.5 + kv)
//! C = 10 log10((180/θ3)^1.5 (4^-1.5 + kv) / (1 + 8 kp|ka)) / log10(22.5/θ3)
//! θ3 = 31000 10^(-0.1 G0) / φ3    when θ3 is not given (recommends 3.3)
//! ```
//!
//! Electrical downtilt βe (recommends 2.3 / 3.5, eq. (1e)) maps the elevation before the pattern:
//! `θe = 90 (θ + βe) / (90 + βe)` for `θ + βe >= 0`, `90 (θ + βe) / (90 - βe)` otherwise.
//! Mechanical tilt is the shared [`super::Pointing`] rotation (recommends 3.4).
//!
//! | symbol | here |
//! |---|---|
//! | G0 | `g0_dbi` |
//! | φ3, θ3 | `phi3_deg`, `theta3_deg` |
//! | k (omni) | `k` |
//! | kp / ka, kh, kv | `k_p_or_a`, `k_h`, `k_v` |
//! | βe | `electrical_downtilt_deg` |
//!
//! Typical values (recommends 3.1.1 / 3.1.2): kp = ka = 0.7; kh = 0.8 and kv = 0.7 for typical
//! antennas, kh = 0.7 and kv = 0.3 for antennas with improved side lobes.
//!
//! Sectoral, 6 GHz to 70 GHz (recommends 3.2.1 peak, 3.2.2 average), [`F1336SectoralHigh`]:
//!
//! ```text
//! ψ = acos(cos φ cos θ)                                              (2d4)
//! α = atan(tan θ / sin φ)                                            (2d2)
//! ψα = 1 / sqrt((cos α / φ3)^2 + (sin α / θ3)^2)          ψ <= 90     (2d3)
//! ψα = 1 / sqrt((cos θ / φ3m)^2 + (sin θ / θ3)^2)         ψ > 90
//! φ3m = φ3 for |φ| <= φth, else 1 / sqrt((cos x / φ3)^2 + (sin x / θ3)^2),
//!       x = 90 (|φ| - φth) / (180 - φth);  φth = φ3 (peak), 1.152 φ3 (average)
//! x = ψ / ψα                                                         (2d5)
//! G = G0 - 12 x^2 (x < 1), G0 - 12 - 15 log10 x (x >= 1)   peak       (2e)
//! G = G0 - 12 x^2 (x < 1.152), G0 - 15 - 15 log10 x          average    (2f)
//! ```
use super::{wrap_azimuth_deg, AntennaPattern, Warning};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};

/// Peak or average side-lobe envelope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SideLobe {
    /// Peak side-lobe pattern: single-entry interference.
    Peak,
    /// Average side-lobe pattern: aggregate interference from many directions.
    Average,
}

/// Electrical tilt mapping, F.1336-5 eq. (1e).
fn electrically_tilted_elevation(theta_deg: f64, beta_deg: f64) -> f64 {
    if beta_deg == 0.0 {
        return theta_deg;
    }
    let t = theta_deg + beta_deg;
    if t >= 0.0 {
        90.0 * t / (90.0 + beta_deg)
    } else {
        90.0 * t / (90.0 - beta_deg)
    }
}

fn check_tilt(beta_deg: f64) -> Result<()> {
    if !(beta_deg > -90.0 && beta_deg < 90.0) {
        return Err(Error::out_of_range("electrical_downtilt_deg", beta_deg, "(-90, 90) degrees"));
    }
    Ok(())
}

fn check_k(field: &str, k: f64) -> Result<()> {
    if !(0.0..=1.0).contains(&k) {
        return Err(Error::out_of_range(field, k, "[0, 1]"));
    }
    Ok(())
}

fn check_gain(g0_dbi: f64) -> Result<()> {
    if !g0_dbi.is_finite() {
        return Err(Error::out_of_range("gain_dbi", g0_dbi, "a finite gain in dBi"));
    }
    Ok(())
}

/// F.1336-5 omnidirectional antenna (recommends 2).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct F1336Omni {
    g0_dbi: f64,
    theta3_deg: f64,
    k: f64,
    side_lobe: SideLobe,
    electrical_downtilt_deg: f64,
}

impl F1336Omni {
    /// Peak gain `g0_dbi`, side-lobe factor `k` (0.7 typical, 0 improved side lobes), envelope,
    /// electrical downtilt in degrees (positive below the horizon).
    pub fn new(g0_dbi: f64, k: f64, side_lobe: SideLobe, electrical_downtilt_deg: f64) -> Result<Self> {
        check_gain(g0_dbi)?;
        check_k("k", k)?;
        check_tilt(electrical_downtilt_deg)?;
        let theta3_deg = 107.6 * 10f64.powf(-0.1 * g0_dbi); // (1d)
        Ok(F1336Omni { g0_dbi, theta3_deg, k, side_lobe, electrical_downtilt_deg })
    }

    /// Elevation 3 dB beamwidth θ3, eq. (1d), degrees.
    pub fn theta3_deg(&self) -> f64 {
        self.theta3_deg
    }
}

impl AntennaPattern for F1336Omni {
    fn gain_dbi(&self, _azimuth_deg: f64, elevation_deg: f64) -> f64 {
        let theta = electrically_tilted_elevation(elevation_deg, self.electrical_downtilt_deg); // (1e)
        let x = theta / self.theta3_deg;
        let g1 = self.g0_dbi - 12.0 * x * x; // (1b)
        let side = match self.side_lobe {
            SideLobe::Peak => 12.0,
            SideLobe::Average => 15.0,
        };
        let g2 = self.g0_dbi - side + 10.0 * (x.abs().max(1.0).powf(-1.5) + self.k).log10(); // (1c)/(2c)
        g1.max(g2) // (1a)
    }

    fn peak_gain_dbi(&self) -> f64 {
        self.g0_dbi
    }
}

/// Parameters of an F.1336-5 sectoral antenna.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct F1336SectoralParams {
    /// Peak gain G0, dBi.
    pub g0_dbi: f64,
    /// Azimuth 3 dB beamwidth φ3, degrees (the Recommendation covers φ3 <= 120).
    pub phi3_deg: f64,
    /// Elevation 3 dB beamwidth θ3, degrees; `None`: 31000 10^(-0.1 G0) / φ3 (recommends 3.3).
    pub theta3_deg: Option<f64>,
    /// kp (peak) or ka (average) side-lobe factor.
    pub k_p_or_a: f64,
    /// Azimuth leaked-power factor kh.
    pub k_h: f64,
    /// Elevation leaked-power factor kv.
    pub k_v: f64,
    /// Peak or average side lobes.
    pub side_lobe: SideLobe,
    /// Electrical downtilt βe, degrees (positive below the horizon).
    pub electrical_downtilt_deg: f64,
}

impl F1336SectoralParams {
    /// Typical antenna (recommends 3.1.1/3.1.2): kp|ka = 0.7, kh = 0.8, kv = 0.7, no tilt.
    pub fn typical(g0_dbi: f64, phi3_deg: f64, side_lobe: SideLobe) -> Self {
        F1336SectoralParams {
            g0_dbi,
            phi3_deg,
            theta3_deg: None,
            k_p_or_a: 0.7,
            k_h: 0.8,
            k_v: 0.7,
            side_lobe,
            electrical_downtilt_deg: 0.0,
        }
    }

    /// Antenna with improved side lobes: kp|ka = 0.7, kh = 0.7, kv = 0.3, no tilt.
    pub fn improved(g0_dbi: f64, phi3_deg: f64, side_lobe: SideLobe) -> Self {
        F1336SectoralParams { k_h: 0.7, k_v: 0.3, ..Self::typical(g0_dbi, phi3_deg, side_lobe) }
    }
}

/// F.1336-5 sectoral antenna (recommends 3.1), with everything that does not depend on the
/// direction precomputed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct F1336Sectoral {
    p: F1336SectoralParams,
    theta3_deg: f64,
    g180: f64,
    lambda_kh: f64,
    lambda_kv: f64,
    c: f64,
    x_k: f64,
    /// Gh(180/φ3)
    gh_back: f64,
    /// -3 dB for the average envelope, 0 for peak.
    avg_shift: f64,
}

impl F1336Sectoral {
    /// Checks the parameters and precomputes the pattern constants.
    pub fn new(p: F1336SectoralParams) -> Result<Self> {
        check_gain(p.g0_dbi)?;
        if !(p.phi3_deg > 0.0 && p.phi3_deg < 360.0) {
            return Err(Error::out_of_range("hpbw_az_deg", p.phi3_deg, "(0, 360) degrees"));
        }
        check_k("k_p", p.k_p_or_a)?;
        check_k("k_h", p.k_h)?;
        check_k("k_v", p.k_v)?;
        check_tilt(p.electrical_downtilt_deg)?;
        let theta3_deg = match p.theta3_deg {
            Some(t) => t,
            None => 31000.0 * 10f64.powf(-0.1 * p.g0_dbi) / p.phi3_deg, // recommends 3.3
        };
        if !(theta3_deg > 0.0 && theta3_deg < 90.0) {
            return Err(Error::out_of_range(
                "hpbw_el_deg",
                theta3_deg,
                "(0, 90) degrees (given, or 31000 10^(-0.1 G0)/φ3)",
            ));
        }
        let (base, avg_shift, x_k) = match p.side_lobe {
            SideLobe::Peak => (-12.0, 0.0, (1.0 - 0.36 * p.k_v).sqrt()),
            SideLobe::Average => (-15.0, -3.0, (1.33 - 0.33 * p.k_v).sqrt()),
        };
        let g180 = base + 10.0 * (1.0 + 8.0 * p.k_p_or_a).log10() - 15.0 * (180.0 / theta3_deg).log10(); // (2b1)
        let lambda_kh = 3.0 * (1.0 - 0.5f64.powf(-p.k_h));
        let four = 4f64.powf(-1.5) + p.k_v;
        // C, recommends 3.1.1: only used where 4 <= xv < 90/θ3, which needs θ3 < 22.5.
        let c = if theta3_deg < 22.5 {
            10.0 * ((180.0 / theta3_deg).powf(1.5) * four / (1.0 + 8.0 * p.k_p_or_a)).log10()
                / (22.5 / theta3_deg).log10()
        } else {
            0.0
        };
        let lambda_kv = 12.0 - c * 4f64.log10() - 10.0 * four.log10();
        let mut s =
            F1336Sectoral { p, theta3_deg, g180, lambda_kh, lambda_kv, c, x_k, gh_back: 0.0, avg_shift };
        s.gh_back = s.gh(180.0 / p.phi3_deg);
        if s.gh_back >= 0.0 {
            return Err(Error::out_of_range(
                "hpbw_az_deg",
                p.phi3_deg,
                "a beamwidth with back-lobe gain below peak",
            ));
        }
        Ok(s)
    }

    /// Elevation 3 dB beamwidth used, degrees.
    pub fn theta3_deg(&self) -> f64 {
        self.theta3_deg
    }

    /// Relative minimum gain G180, dB (eq. 2b1).
    pub fn g180_db(&self) -> f64 {
        self.g180
    }

    /// The parameters.
    pub fn params(&self) -> &F1336SectoralParams {
        &self.p
    }

    /// Relative azimuth gain Gh(xh), eq. (2b2).
    fn gh(&self, xh: f64) -> f64 {
        let g = if xh <= 0.5 { -12.0 * xh * xh } else { -12.0 * xh.powf(2.0 - self.p.k_h) - self.lambda_kh };
        g.max(self.g180)
    }

    /// Relative elevation gain Gv(xv), eq. (2b3) peak / (2c3) average.
    fn gv(&self, xv: f64) -> f64 {
        if xv < self.x_k {
            -12.0 * xv * xv
        } else if xv < 4.0 && xv < 90.0 / self.theta3_deg {
            -12.0 + self.avg_shift + 10.0 * (xv.powf(-1.5) + self.p.k_v).log10()
        } else if xv < 90.0 / self.theta3_deg {
            -self.lambda_kv + self.avg_shift - self.c * xv.log10()
        } else {
            self.g180
        }
    }
}

impl AntennaPattern for F1336Sectoral {
    fn gain_dbi(&self, azimuth_deg: f64, elevation_deg: f64) -> f64 {
        let theta = electrically_tilted_elevation(elevation_deg, self.p.electrical_downtilt_deg); // (1e)
        let xh = wrap_azimuth_deg(azimuth_deg).abs() / self.p.phi3_deg;
        let xv = theta.abs() / self.theta3_deg;
        let gh = self.gh(xh);
        let r = (gh - self.gh_back) / (0.0 - self.gh_back); // (2a2), Gh(0) = 0
        self.p.g0_dbi + gh + r * self.gv(xv) // (2a1)
    }

    fn peak_gain_dbi(&self) -> f64 {
        self.p.g0_dbi
    }

    fn warnings(&self) -> Vec<Warning> {
        let mut w = Vec::new();
        if self.p.phi3_deg > 120.0 {
            w.push(Warning::new(
                "hpbw_out_of_range",
                format!("hpbw_az_deg = {} outside F.1336-5 recommends 3.1 (<= 120 deg)", self.p.phi3_deg),
            ));
        }
        if self.theta3_deg >= 22.5 {
            w.push(Warning::new(
                "hpbw_out_of_range",
                format!(
                    "hpbw_el_deg = {:.3} >= 22.5 deg: F.1336-5 C is undefined, Gv falls to G180 beyond 90/θ3",
                    self.theta3_deg
                ),
            ));
        }
        w
    }
}

/// F.1336-5 sectoral antenna for 6 GHz to 70 GHz (recommends 3.2).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct F1336SectoralHigh {
    g0_dbi: f64,
    phi3_deg: f64,
    theta3_deg: f64,
    side_lobe: SideLobe,
    electrical_downtilt_deg: f64,
    /// φth
    phi_th_deg: f64,
}

impl F1336SectoralHigh {
    /// Peak gain, azimuth beamwidth φ3, elevation beamwidth θ3 (`None`: 31000 10^(-0.1 G0)/φ3),
    /// envelope and electrical downtilt.
    pub fn new(
        g0_dbi: f64,
        phi3_deg: f64,
        theta3_deg: Option<f64>,
        side_lobe: SideLobe,
        electrical_downtilt_deg: f64,
    ) -> Result<Self> {
        check_gain(g0_dbi)?;
        if !(phi3_deg > 0.0 && phi3_deg < 180.0) {
            return Err(Error::out_of_range("hpbw_az_deg", phi3_deg, "(0, 180) degrees"));
        }
        check_tilt(electrical_downtilt_deg)?;
        let theta3_deg = theta3_deg.unwrap_or(31000.0 * 10f64.powf(-0.1 * g0_dbi) / phi3_deg);
        if !(theta3_deg > 0.0 && theta3_deg < 180.0) {
            return Err(Error::out_of_range("hpbw_el_deg", theta3_deg, "(0, 180) degrees"));
        }
        let phi_th_deg = match side_lobe {
            SideLobe::Peak => phi3_deg,
            SideLobe::Average => (1.152 * phi3_deg).min(179.0),
        };
        Ok(F1336SectoralHigh { g0_dbi, phi3_deg, theta3_deg, side_lobe, electrical_downtilt_deg, phi_th_deg })
    }

    /// Elevation 3 dB beamwidth used, degrees.
    pub fn theta3_deg(&self) -> f64 {
        self.theta3_deg
    }

    fn ellipse(a_deg: f64, b_deg: f64, angle_rad: f64) -> f64 {
        let (s, c) = angle_rad.sin_cos();
        1.0 / ((c / a_deg).powi(2) + (s / b_deg).powi(2)).sqrt()
    }
}

impl AntennaPattern for F1336SectoralHigh {
    fn gain_dbi(&self, azimuth_deg: f64, elevation_deg: f64) -> f64 {
        let theta = electrically_tilted_elevation(elevation_deg, self.electrical_downtilt_deg); // (1e)
        let phi = wrap_azimuth_deg(azimuth_deg);
        let (p, t) = (phi.to_radians(), theta.to_radians());
        let psi = (p.cos() * t.cos()).clamp(-1.0, 1.0).acos().to_degrees(); // (2d4)
        let psi_a = if psi <= 90.0 {
            let alpha = t.tan().atan2(p.sin()); // (2d2)
            Self::ellipse(self.phi3_deg, self.theta3_deg, alpha) // (2d3)
        } else {
            let phi3m = if phi.abs() <= self.phi_th_deg {
                self.phi3_deg
            } else {
                let x = 90.0 * (phi.abs() - self.phi_th_deg) / (180.0 - self.phi_th_deg);
                Self::ellipse(self.phi3_deg, self.theta3_deg, x.to_radians())
            };
            Self::ellipse(phi3m, self.theta3_deg, t)
        };
        let x = psi / psi_a; // (2d5)
        match self.side_lobe {
            SideLobe::Peak if x < 1.0 => self.g0_dbi - 12.0 * x * x, // (2e)
            SideLobe::Peak => self.g0_dbi - 12.0 - 15.0 * x.log10(),
            SideLobe::Average if x < 1.152 => self.g0_dbi - 12.0 * x * x, // (2f)
            SideLobe::Average => self.g0_dbi - 15.0 - 15.0 * x.log10(),
        }
    }

    fn peak_gain_dbi(&self) -> f64 {
        self.g0_dbi
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn omni_boresight_and_3db() {
        let a = F1336Omni::new(10.0, 0.7, SideLobe::Peak, 0.0).unwrap();
        assert_eq!(a.gain_dbi(33.0, 0.0), 10.0);
        // θ3 = 107.6 * 10^-1 = 10.76 deg (1d); at θ3/2, G1 = G0 - 3 (1b).
        assert!((a.theta3_deg() - 10.76).abs() < 1e-12);
        assert!((a.gain_dbi(0.0, 5.38) - 7.0).abs() < 1e-12);
    }

    #[test]
    fn sectoral_boresight_is_peak() {
        let s = F1336Sectoral::new(F1336SectoralParams::typical(18.0, 65.0, SideLobe::Peak)).unwrap();
        assert!((s.gain_dbi(0.0, 0.0) - 18.0).abs() < 1e-12);
        assert!(F1336Sectoral::new(F1336SectoralParams::typical(18.0, 0.0, SideLobe::Peak)).is_err());
    }
}
