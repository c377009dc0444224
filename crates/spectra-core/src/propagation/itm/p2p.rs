//! Point-to-point mode (ITM 1.4 `ITM_P2P_TLS_Ex` / `ITM_P2P_CR_Ex`).
use super::ground::{effective_curvature, ground_impedance, surface_refractivity};
use super::reference::{longley_rice, ReferenceInputs};
use super::terrain::{quick_pfl, Pfl};
use super::variability::variability;
use super::{
    free_space_loss_db, ItmError, ItmIntermediates, ItmParams, ItmResult, Polarization, Quantiles,
    RefractivityConvention,
};

/// Sum with four accumulators (the reference adds in order; the difference is rounding, about
/// 1e-16 of h_sys, i.e. 1e-14 N-units).
fn sum(v: &[f64]) -> f64 {
    let mut acc = [0.0; 4];
    let chunks = v.chunks_exact(4);
    let rest: f64 = chunks.remainder().iter().sum();
    for c in chunks {
        for k in 0..4 {
            acc[k] += c[k];
        }
    }
    (acc[0] + acc[1]) + (acc[2] + acc[3]) + rest
}

/// Basic transmission loss over the terrain profile `pfl` (transmitter first) at the quantile
/// `quantiles`, with the reference's warnings and intermediate values, or its error code.
/// Allocates nothing.
pub fn p2p(params: &ItmParams, pfl: &Pfl, quantiles: Quantiles) -> Result<ItmResult, ItmError> {
    let mut warnings = params.validate(quantiles)?;
    let z = pfl.elevations_m();
    let xi = pfl.spacing_m();
    let np = pfl.intervals();
    let d_km = (np as f64 * xi) / 1000.0;

    // mean elevation of the path, leaving out the first and last 10 %
    let p10 = (0.1 * np as f64) as usize;
    let h_sys_m = sum(&z[p10..=np - p10]) / (np - 2 * p10 + 1) as f64;
    let n_s = match params.refractivity {
        RefractivityConvention::ScaleByPathElevation => surface_refractivity(params.n_0, h_sys_m),
        RefractivityConvention::AsSurfaceRefractivity => params.n_0,
    };
    let gamma_e = effective_curvature(n_s);
    let z_g = ground_impedance(
        params.f_mhz,
        params.epsilon,
        params.sigma,
        params.polarization == Polarization::Vertical,
    );

    let h_m = [params.h_tx_m, params.h_rx_m];
    let g = quick_pfl(z, xi, gamma_e, h_m);
    let (a_ref_db, mode) = longley_rice(
        &ReferenceInputs {
            theta_hzn: g.theta_hzn,
            f_mhz: params.f_mhz,
            z_g,
            d_hzn_m: g.d_hzn_m,
            h_e_m: g.h_e_m,
            gamma_e,
            n_s,
            delta_h_m: g.delta_h_m,
            h_m,
            d_m: g.d_m,
            p2p: true,
        },
        &mut warnings,
    )?;
    let a_fs_db = free_space_loss_db(g.d_m, params.f_mhz);
    let (time, location, situation) = quantiles.tls();
    let loss_db = variability(
        time,
        location,
        situation,
        g.h_e_m,
        g.delta_h_m,
        params.f_mhz,
        g.d_m,
        a_ref_db,
        params.climate.index(),
        params.mdvar,
        &mut warnings,
    ) + a_fs_db;
    Ok(ItmResult {
        loss_db,
        warnings,
        intermediates: ItmIntermediates {
            theta_hzn: g.theta_hzn,
            d_hzn_m: g.d_hzn_m,
            h_e_m: g.h_e_m,
            n_s,
            delta_h_m: g.delta_h_m,
            a_ref_db,
            a_fs_db,
            variability_db: loss_db - a_fs_db - a_ref_db,
            d_km,
            mode,
        },
    })
}
