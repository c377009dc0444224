//! The reference attenuation A_ref of the Longley-Rice method (ITM 1.4 `LongleyRice`): the
//! diffraction line through two distances far beyond the horizon, the line-of-sight fit
//! [ERL 79-ITS 67, eq. (3.16)-(3.21)] with two-ray attenuation [Algorithm eq. (4.46)-(4.50)] and
//! the diffraction-troposcatter transition.
//!
//! | here          | document                                        |
//! |---------------|-------------------------------------------------|
//! | `m_d`, `a_d0` | m_d, A_ed: slope and intercept of diffraction   |
//! | `m_s`, `a_s0` | m_s, A_es: slope and intercept of scatter       |
//! | `k_1`, `k_2`  | k_1, k_2 of the line-of-sight fit [eq. (3.19)]  |
//! | `d_x_m`       | d_x, diffraction-scatter transition distance    |
use super::diffraction::{sigma_h, terrain_roughness, DiffractionPath};
use super::ground::Complex;
use super::scatter::troposcatter_loss;
use super::{ItmError, ItmWarnings, PropagationMode};

/// Inputs of the reference attenuation, from the profile (p2p) or the area-mode formulas.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ReferenceInputs {
    pub theta_hzn: [f64; 2],
    pub f_mhz: f64,
    pub z_g: Complex,
    pub d_hzn_m: [f64; 2],
    pub h_e_m: [f64; 2],
    pub gamma_e: f64,
    pub n_s: f64,
    pub delta_h_m: f64,
    pub h_m: [f64; 2],
    pub d_m: f64,
    pub p2p: bool,
}

fn dim(x: f64, y: f64) -> f64 {
    if x > y {
        x - y
    } else {
        0.0
    }
}

/// Line-of-sight attenuation at `d_m`: two-ray attenuation A_t weighted with the extended
/// diffraction line, [Algorithm eq. (4.46)-(4.50)].
fn line_of_sight_loss(
    d_m: f64,
    h_e_m: [f64; 2],
    z_g: Complex,
    delta_h_m: f64,
    m_d: f64,
    a_d0: f64,
    d_sml_m: f64,
    f_mhz: f64,
) -> f64 {
    let sigma_h_d = sigma_h(terrain_roughness(d_m, delta_h_m));
    let wn = f_mhz / 47.7;
    let h_sum = h_e_m[0] + h_e_m[1];
    let sin_psi = h_sum / (d_m.powi(2) + h_sum.powi(2)).sqrt(); // [Algorithm eq. (4.46)]
    let sp = Complex::new(sin_psi, 0.0);
    let mut r_e = sp.sub(z_g).div(sp.add(z_g)).scale((-(wn * sigma_h_d * sin_psi).min(10.0)).exp()); // (4.47)
    let q = r_e.re.powi(2) + r_e.im.powi(2); // (4.48)
    if q < 0.25 || q < sin_psi {
        r_e = r_e.scale((sin_psi / q).sqrt());
    }
    let mut delta_phi = wn * 2.0 * h_e_m[0] * h_e_m[1] / d_m; // (4.49)
    if delta_phi > std::f64::consts::FRAC_PI_2 {
        delta_phi = std::f64::consts::PI - std::f64::consts::FRAC_PI_2.powi(2) / delta_phi;
        // (4.50)
    }
    let rr = Complex::new(delta_phi.cos(), -delta_phi.sin()).add(r_e);
    let a_t = -10.0 * (rr.re.powi(2) + rr.im.powi(2)).log10();
    let a_d = m_d * d_m + a_d0;
    let w = 1.0 / (1.0 + f_mhz * delta_h_m / d_sml_m.max(10e3));
    w * a_t + (1.0 - w) * a_d
}

/// Reference attenuation A_ref (dB, >= 0) and the mode of propagation; sets the horizon and
/// distance warnings and refuses an impossible N_s, effective earth or ground impedance.
pub(crate) fn longley_rice(
    p: &ReferenceInputs,
    warnings: &mut ItmWarnings,
) -> Result<(f64, PropagationMode), ItmError> {
    let a_e_m = 1.0 / p.gamma_e;
    let f_mhz = p.f_mhz;
    let d_hzn_s_m = [(2.0 * p.h_e_m[0] * a_e_m).sqrt(), (2.0 * p.h_e_m[1] * a_e_m).sqrt()];
    let d_sml_m = d_hzn_s_m[0] + d_hzn_s_m[1];
    let d_ml_m = p.d_hzn_m[0] + p.d_hzn_m[1];
    let theta_los = -(p.theta_hzn[0] + p.theta_hzn[1]).max(-d_ml_m / a_e_m);

    if p.theta_hzn[0].abs() > 200e-3 {
        warnings.insert(ItmWarnings::TX_HORIZON_ANGLE);
    }
    if p.theta_hzn[1].abs() > 200e-3 {
        warnings.insert(ItmWarnings::RX_HORIZON_ANGLE);
    }
    if p.d_hzn_m[0] < 0.1 * d_hzn_s_m[0] {
        warnings.insert(ItmWarnings::TX_HORIZON_DISTANCE_1);
    }
    if p.d_hzn_m[1] < 0.1 * d_hzn_s_m[1] {
        warnings.insert(ItmWarnings::RX_HORIZON_DISTANCE_1);
    }
    if p.d_hzn_m[0] > 3.0 * d_hzn_s_m[0] {
        warnings.insert(ItmWarnings::TX_HORIZON_DISTANCE_2);
    }
    if p.d_hzn_m[1] > 3.0 * d_hzn_s_m[1] {
        warnings.insert(ItmWarnings::RX_HORIZON_DISTANCE_2);
    }
    if p.n_s < 150.0 {
        return Err(ItmError::SurfaceRefractivitySmall(p.n_s));
    }
    if p.n_s > 400.0 {
        return Err(ItmError::SurfaceRefractivityLarge(p.n_s));
    }
    if p.n_s < 250.0 {
        warnings.insert(ItmWarnings::SURFACE_REFRACTIVITY);
    }
    if !(4_000_000.0..=13_333_333.0).contains(&a_e_m) {
        return Err(ItmError::EffectiveEarth(a_e_m));
    }
    if p.z_g.re <= p.z_g.im.abs() {
        return Err(ItmError::GroundImpedance);
    }

    let path = DiffractionPath::new(
        p.d_hzn_m,
        p.h_e_m,
        p.z_g,
        a_e_m,
        p.delta_h_m,
        p.h_m,
        p.p2p,
        theta_los,
        d_sml_m,
        f_mhz,
    );
    let diffraction = |d_m: f64| path.loss(d_m);
    // two distances far into the diffraction region
    let scale_m = (a_e_m.powi(2) / f_mhz).powf(1.0 / 3.0);
    let d_3_m = d_sml_m.max(d_ml_m + 5.0 * scale_m);
    let d_4_m = d_3_m + 10.0 * scale_m;
    let a_3 = diffraction(d_3_m);
    let a_4 = diffraction(d_4_m);
    let m_d = (a_4 - a_3) / (d_4_m - d_3_m);
    let a_d0 = a_3 - m_d * d_3_m;

    let d_m = p.d_m;
    let d_min_m = (p.h_e_m[0] - p.h_e_m[1]).abs() / 200e-3;
    if d_m < d_min_m {
        warnings.insert(ItmWarnings::PATH_DISTANCE_TOO_SMALL_1);
    }
    if d_m < 1e3 {
        warnings.insert(ItmWarnings::PATH_DISTANCE_TOO_SMALL_2);
    }
    if d_m > 1000e3 {
        warnings.insert(ItmWarnings::PATH_DISTANCE_TOO_BIG_1);
    }
    if d_m > 2000e3 {
        warnings.insert(ItmWarnings::PATH_DISTANCE_TOO_BIG_2);
    }

    let (a_ref, mode) = if d_m < d_sml_m {
        // line of sight
        let a_sml = d_sml_m * m_d + a_d0;
        let mut d_0_m = 0.04 * f_mhz * p.h_e_m[0] * p.h_e_m[1]; // [ERL 79-ITS 67 eq. (3.16a)]
        let d_1_m = if a_d0 >= 0.0 {
            d_0_m = d_0_m.min(0.5 * d_ml_m);
            d_0_m + 0.25 * (d_ml_m - d_0_m) // (3.16d)
        } else {
            (-a_d0 / m_d).max(0.25 * d_ml_m)
        };
        let los = |d: f64| line_of_sight_loss(d, p.h_e_m, p.z_g, p.delta_h_m, m_d, a_d0, d_sml_m, f_mhz);
        let a_1 = los(d_1_m);
        let mut flag = false;
        let mut k_1 = 0.0;
        let mut k_2 = 0.0;
        if d_0_m < d_1_m {
            let a_0 = los(d_0_m);
            let q = (d_sml_m / d_0_m).ln();
            k_2 = (((d_sml_m - d_0_m) * (a_1 - a_0) - (d_1_m - d_0_m) * (a_sml - a_0))
                / ((d_sml_m - d_0_m) * (d_1_m / d_0_m).ln() - (d_1_m - d_0_m) * q))
                .max(0.0); // (3.20)
            flag = a_d0 > 0.0 || k_2 > 0.0;
            if flag {
                k_1 = (a_sml - a_0 - k_2 * q) / (d_sml_m - d_0_m); // (3.21)
                if k_1 < 0.0 {
                    k_1 = 0.0;
                    k_2 = dim(a_sml, a_0) / q;
                    if k_2 == 0.0 {
                        k_1 = m_d;
                    }
                }
            }
        }
        if !flag {
            k_1 = dim(a_sml, a_1) / (d_sml_m - d_1_m);
            k_2 = 0.0;
            if k_1 == 0.0 {
                k_1 = m_d;
            }
        }
        let a_o = a_sml - k_1 * d_sml_m - k_2 * d_sml_m.ln();
        (a_o + k_1 * d_m + k_2 * d_m.ln(), PropagationMode::LineOfSight) // (3.19)
    } else {
        // beyond the horizon: two points far into the troposcatter region
        let d_5_m = d_ml_m + 200e3;
        let d_6_m = d_ml_m + 400e3;
        let mut h0 = -1.0;
        let a_6 = troposcatter_loss(
            d_6_m,
            p.theta_hzn,
            p.d_hzn_m,
            p.h_e_m,
            a_e_m,
            p.n_s,
            f_mhz,
            theta_los,
            &mut h0,
        );
        let a_5 = troposcatter_loss(
            d_5_m,
            p.theta_hzn,
            p.d_hzn_m,
            p.h_e_m,
            a_e_m,
            p.n_s,
            f_mhz,
            theta_los,
            &mut h0,
        );
        let (m_s, a_s0, d_x_m) = if a_5 < 1000.0 {
            let m_s = (a_6 - a_5) / 200e3;
            let d_x_m = d_sml_m
                .max(d_ml_m + 1.088 * scale_m * f_mhz.ln())
                .max((a_5 - a_d0 - m_s * d_5_m) / (m_d - m_s));
            (m_s, (m_d - m_s) * d_x_m + a_d0, d_x_m)
        } else {
            // no troposcatter prediction: the diffraction line throughout
            (m_d, a_d0, 10e6)
        };
        if d_m > d_x_m {
            (m_s * d_m + a_s0, PropagationMode::Troposcatter)
        } else {
            (m_d * d_m + a_d0, PropagationMode::Diffraction)
        }
    };
    Ok((a_ref.max(0.0), mode))
}
