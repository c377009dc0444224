//! Area mode (ITM 1.4 `ITM_AREA_TLS_Ex` / `ITM_AREA_CR_Ex`): effective heights, horizons and
//! angles from Delta h and the siting criteria [Algorithm eq. (3.2)-(3.4)].
use super::ground::{effective_curvature, ground_impedance};
use super::reference::{longley_rice, ReferenceInputs};
use super::variability::variability;
use super::{free_space_loss_db, ItmError, ItmIntermediates, ItmParams, ItmResult, Polarization, Quantiles};

/// How carefully a terminal was sited (ITM codes 0, 1, 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SitingCriteria {
    /// 0: random.
    Random,
    /// 1: careful.
    Careful,
    /// 2: very careful.
    VeryCareful,
}

impl SitingCriteria {
    /// The criteria of code 0, 1 or 2; `None` otherwise.
    pub fn from_code(code: i64) -> Option<SitingCriteria> {
        match code {
            0 => Some(SitingCriteria::Random),
            1 => Some(SitingCriteria::Careful),
            2 => Some(SitingCriteria::VeryCareful),
            _ => None,
        }
    }
}

/// The inputs that area mode adds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AreaParams {
    /// Path distance, km (> 0).
    pub d_km: f64,
    /// Terrain irregularity Delta h, m (>= 0).
    pub delta_h_m: f64,
    /// Siting of the transmitter.
    pub tx_siting: SitingCriteria,
    /// Siting of the receiver.
    pub rx_siting: SitingCriteria,
}

/// Effective height, horizon distance and horizon angle of one terminal from Delta h,
/// [Algorithm eq. (3.2)-(3.4)].
fn terminal(siting: SitingCriteria, h_m: f64, gamma_e: f64, delta_h_m: f64) -> (f64, f64, f64) {
    let h_e_m = match siting {
        SitingCriteria::Random => h_m,
        SitingCriteria::Careful | SitingCriteria::VeryCareful => {
            let mut b = if siting == SitingCriteria::Careful { 4.0 } else { 9.0 };
            if h_m < 5.0 {
                b *= (0.1 * std::f64::consts::PI * h_m).sin();
            }
            h_m + (1.0 + b) * (-(2.0 * h_m / delta_h_m.max(1e-3)).min(20.0)).exp()
            // (3.2)
        }
    };
    let d_ls_m = (2.0 * h_e_m / gamma_e).sqrt();
    const H_3_M: f64 = 5.0;
    let d_hzn_m = d_ls_m * (-0.07 * (delta_h_m / h_e_m.max(H_3_M)).sqrt()).exp(); // (3.3)
    let theta_hzn = (0.65 * delta_h_m * (d_ls_m / d_hzn_m - 1.0) - 2.0 * h_e_m) / d_ls_m; // (3.4)
    (h_e_m, d_hzn_m, theta_hzn)
}

/// Basic transmission loss in area mode at the quantile `quantiles`, with the reference's
/// warnings and intermediate values, or its error code. N_s = N_0 (no elevation scaling).
pub fn area(params: &ItmParams, area: &AreaParams, quantiles: Quantiles) -> Result<ItmResult, ItmError> {
    let mut warnings = params.validate(quantiles)?;
    if !(area.d_km > 0.0 && area.d_km.is_finite()) {
        return Err(ItmError::PathDistance(area.d_km));
    }
    if !(area.delta_h_m >= 0.0 && area.delta_h_m.is_finite()) {
        return Err(ItmError::DeltaH(area.delta_h_m));
    }
    let n_s = params.n_0;
    let gamma_e = effective_curvature(n_s);
    let z_g = ground_impedance(
        params.f_mhz,
        params.epsilon,
        params.sigma,
        params.polarization == Polarization::Vertical,
    );
    let h_m = [params.h_tx_m, params.h_rx_m];
    let tx = terminal(area.tx_siting, h_m[0], gamma_e, area.delta_h_m);
    let rx = terminal(area.rx_siting, h_m[1], gamma_e, area.delta_h_m);
    let h_e_m = [tx.0, rx.0];
    let d_hzn_m = [tx.1, rx.1];
    let theta_hzn = [tx.2, rx.2];
    let d_m = area.d_km * 1000.0;
    let (a_ref_db, mode) = longley_rice(
        &ReferenceInputs {
            theta_hzn,
            f_mhz: params.f_mhz,
            z_g,
            d_hzn_m,
            h_e_m,
            gamma_e,
            n_s,
            delta_h_m: area.delta_h_m,
            h_m,
            d_m,
            p2p: false,
        },
        &mut warnings,
    )?;
    let a_fs_db = free_space_loss_db(d_m, params.f_mhz);
    let (time, location, situation) = quantiles.tls();
    let loss_db = a_fs_db
        + variability(
            time,
            location,
            situation,
            h_e_m,
            area.delta_h_m,
            params.f_mhz,
            d_m,
            a_ref_db,
            params.climate.index(),
            params.mdvar,
            &mut warnings,
        );
    Ok(ItmResult {
        loss_db,
        warnings,
        intermediates: ItmIntermediates {
            theta_hzn,
            d_hzn_m,
            h_e_m,
            n_s,
            delta_h_m: area.delta_h_m,
            a_ref_db,
            a_fs_db,
            variability_db: loss_db - a_fs_db - a_ref_db,
            d_km: area.d_km,
            mode,
        },
    })
}
