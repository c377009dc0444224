//! Flat-earth ground-reflection models: the two-ray (direct + reflected) sum and its plane-earth
//! asymptote.
//!
//! - Two-ray: E = E_0 [exp(-j k r_1)/r_1 + Gamma exp(-j k r_2)/r_2], with r_1 = sqrt(d^2 + (h_1 - h_2)^2)
//!   the direct and r_2 = sqrt(d^2 + (h_1 + h_2)^2) the reflected path over flat ground and Gamma = -1
//!   (grazing incidence, either polarisation). Basic loss
//!   L = -20 log10( lambda/(4 pi) |exp(-j k r_1)/r_1 - exp(-j k r_2)/r_2| ) (Rappaport, Wireless
//!   Communications, 2nd ed., section 4.6; ITU-R P.1546/P.1411 use the same construction).
//! - Plane earth: for d >> h_1 h_2 / lambda, L = 40 log10 d - 20 log10 h_1 - 20 log10 h_2
//!   (d, h in metres), independent of frequency (Rappaport eq. 4.52).
//!
//! Validity: flat smooth ground, d much larger than the heights; the plane-earth form only beyond
//! the last two-ray maximum, d > 4 h_1 h_2 / lambda (a warning is given below it). The loss is
//! never below free space for plane earth: ITU practice takes max(L_pe, L_fs).
use super::free_space::{free_space_loss_db, DISTANCE_KM, FREQUENCY_MHZ};
use super::hata::{RX_HEIGHT, TX_HEIGHT};
use super::{Case, ModelInfo, PathLoss, PathLossModel, Warning};
use crate::units::SPEED_OF_LIGHT_M_PER_S;
use crate::Result;
use std::f64::consts::PI;

/// Two-ray basic transmission loss over flat ground with Gamma = -1, dB.
pub fn two_ray_loss_db(f_mhz: f64, d_km: f64, h1_m: f64, h2_m: f64) -> f64 {
    let lambda = SPEED_OF_LIGHT_M_PER_S / (f_mhz * 1e6);
    let d = d_km * 1e3;
    let r1 = (d * d + (h1_m - h2_m).powi(2)).sqrt();
    let r2 = (d * d + (h1_m + h2_m).powi(2)).sqrt();
    let k = 2.0 * PI / lambda;
    // Phase difference via the path difference, computed without cancellation:
    // r2 - r1 = 4 h1 h2 / (r1 + r2).
    let dphi = k * 4.0 * h1_m * h2_m / (r1 + r2);
    // |1/r1 - exp(-j dphi)/r2|
    let re = 1.0 / r1 - dphi.cos() / r2;
    let im = dphi.sin() / r2;
    -20.0 * (lambda / (4.0 * PI) * (re * re + im * im).sqrt()).log10()
}

/// Plane-earth loss, dB: 40 log d - 20 log h1 - 20 log h2 (metres).
pub fn plane_earth_loss_db(d_km: f64, h1_m: f64, h2_m: f64) -> f64 {
    40.0 * (d_km * 1e3).log10() - 20.0 * h1_m.log10() - 20.0 * h2_m.log10()
}

/// Two-ray model, registered as `two-ray`.
#[derive(Debug, Clone, Copy)]
pub struct TwoRay;
/// Plane-earth model, registered as `plane-earth`.
#[derive(Debug, Clone, Copy)]
pub struct PlaneEarth;

static TWO_RAY_INFO: ModelInfo = ModelInfo {
    name: "two-ray",
    title: "Two-ray flat-earth model (direct + ground-reflected ray, Gamma = -1)",
    source: "Rappaport, Wireless Communications 2nd ed. section 4.6",
    validity: "flat smooth ground; any frequency; distances much larger than the heights",
    columns: &[FREQUENCY_MHZ, DISTANCE_KM, TX_HEIGHT, RX_HEIGHT],
    intermediates: &["free_space_loss_db"],
};
static PLANE_EARTH_INFO: ModelInfo = ModelInfo {
    name: "plane-earth",
    title: "Plane-earth loss 40 log d - 20 log h1 - 20 log h2, never below free space",
    source: "Rappaport, Wireless Communications 2nd ed. eq. (4.52)",
    validity: "flat ground beyond the last two-ray maximum, d > 4 h1 h2 / lambda",
    columns: &[FREQUENCY_MHZ, DISTANCE_KM, TX_HEIGHT, RX_HEIGHT],
    intermediates: &["free_space_loss_db", "breakpoint_km"],
};

fn inputs(case: &Case) -> Result<(f64, f64, f64, f64)> {
    Ok((
        case.number("frequency_mhz")?,
        case.number("distance_km")?,
        case.number("tx_height_m")?,
        case.number("rx_height_m")?,
    ))
}

impl PathLossModel for TwoRay {
    fn info(&self) -> &'static ModelInfo {
        &TWO_RAY_INFO
    }
    fn evaluate(&self, case: &Case) -> Result<PathLoss> {
        let (f, d, h1, h2) = inputs(case)?;
        let fs = free_space_loss_db(f, d);
        Ok(PathLoss { loss_db: two_ray_loss_db(f, d, h1, h2), intermediates: vec![fs], warnings: vec![] })
    }
}

impl PathLossModel for PlaneEarth {
    fn info(&self) -> &'static ModelInfo {
        &PLANE_EARTH_INFO
    }
    fn evaluate(&self, case: &Case) -> Result<PathLoss> {
        let (f, d, h1, h2) = inputs(case)?;
        let fs = free_space_loss_db(f, d);
        let breakpoint_km = 4.0 * h1 * h2 * f * 1e6 / SPEED_OF_LIGHT_M_PER_S / 1e3;
        let mut warnings = Vec::new();
        if d < breakpoint_km {
            warnings.push(Warning::new(
                "before_breakpoint",
                format!("distance_km = {d} is below the two-ray breakpoint {breakpoint_km:.4} km"),
            ));
        }
        Ok(PathLoss {
            loss_db: plane_earth_loss_db(d, h1, h2).max(fs),
            intermediates: vec![fs, breakpoint_km],
            warnings,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plane_earth_hand_worked() {
        // d = 10 km, h1 = 30 m, h2 = 2 m: 160 - 29.542425 - 6.020600 = 124.436975 dB.
        assert!((plane_earth_loss_db(10.0, 30.0, 2.0) - 124.436_975).abs() < 1e-5);
    }

    #[test]
    fn two_ray_tends_to_plane_earth_far_away() {
        // Far beyond the breakpoint (4*30*2/0.333 m = 0.72 km at 900 MHz) the two forms agree.
        let (tr, pe) = (two_ray_loss_db(900.0, 100.0, 30.0, 2.0), plane_earth_loss_db(100.0, 30.0, 2.0));
        assert!((tr - pe).abs() < 0.01, "{tr} vs {pe}");
    }

    #[test]
    fn two_ray_oscillates_around_free_space_near_in() {
        // Before the breakpoint the two rays interfere: up to 6 dB above free space (constructive)
        // and deep nulls (destructive).
        let min_excess = (1..2000)
            .map(|i| {
                let d = 0.01 + i as f64 * 0.0003;
                two_ray_loss_db(900.0, d, 30.0, 2.0) - free_space_loss_db(900.0, d)
            })
            .fold(f64::INFINITY, f64::min);
        assert!(min_excess > -6.03 && min_excess < -5.9, "min excess {min_excess}");
    }
}
