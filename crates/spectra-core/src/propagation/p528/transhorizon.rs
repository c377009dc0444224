//! P.528-5 Annex 2 §10-§11 and §3 Step 6: smooth-Earth diffraction (Vogler 1964 residue-series
//! approximation as in IF-77), troposcatter, and the search for the diffraction/troposcatter
//! crossover.
use super::atmosphere::A0_KM;
use super::{Polarization, Terminal, A_E_KM, EPSILON_R, N_S, SIGMA_S_M};

/// Vogler (1964) eq. (13) distance function G(x), dB.
fn distance_function(x_km: f64) -> f64 {
    0.05751 * x_km - 10.0 * x_km.log10()
}

/// Height-gain function F(x), dB (§10 eq. (10-9), (10-10); IF-77 FAA-ES-83-3 eq. (72)-(75)).
fn height_function(x_km: f64, k: f64) -> f64 {
    let y_db = 40.0 * x_km.log10() - 117.0;
    let g_db = distance_function(x_km);
    if x_km <= 200.0 {
        let x_t_km = 450.0 / -(k.log10().powi(3));
        if x_km >= x_t_km {
            if y_db.abs() < 117.0 {
                y_db
            } else {
                -117.0
            }
        } else {
            20.0 * k.log10() - 15.0 + 0.000025 * x_km * x_km / k
        }
    } else if x_km > 2000.0 {
        g_db
    } else {
        let w = 0.0134 * x_km * (-0.005 * x_km).exp();
        w * y_db + (1.0 - w) * g_db
    }
}

/// §10: smooth-Earth diffraction loss (dB) at path length `d0_km` for terminals with horizon
/// distances `d1_km`, `d2_km` (Vogler with C₀ = 1 and C₁ = 20 dB, as the reference).
pub(crate) fn smooth_earth_diffraction(
    d1_km: f64,
    d2_km: f64,
    f_mhz: f64,
    d0_km: f64,
    pol: Polarization,
) -> f64 {
    let s = 18000.0 * SIGMA_S_M / f_mhz;
    let e1 = (EPSILON_R - 1.0).powi(2) + s * s;
    let k = match pol {
        Polarization::Horizontal => 0.01778 * f_mhz.powf(-1.0 / 3.0) * e1.powf(-0.25),
        Polarization::Vertical => {
            0.01778 * f_mhz.powf(-1.0 / 3.0) * ((EPSILON_R * EPSILON_R + s * s) / e1.powf(0.5)).powf(0.5)
        }
    };
    const B0: f64 = 1.607;
    let scale = (B0 - k) * f_mhz.powf(1.0 / 3.0);
    let (x0, x1, x2) = (scale * d0_km, scale * d1_km, scale * d2_km);
    distance_function(x0) - height_function(x1, k) - height_function(x2, k) - 20.0
}

/// Troposcatter quantities at one distance (§11).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Troposcatter {
    /// A_s, dB.
    pub a_s_db: f64,
    /// Height of the common-volume crossover h_v, km (eq. 11-17).
    pub h_v_km: f64,
    /// Scattering angle θ_s, rad (eq. 11-19).
    pub theta_s: f64,
}

/// §11 eq. (11-2)-(11-38).
pub(crate) fn troposcatter(t1: &Terminal, t2: &Terminal, d_km: f64, f_mhz: f64) -> Troposcatter {
    let d_s_km = d_km - t1.d_r_km - t2.d_r_km; // (11-2)
    if d_s_km <= 0.0 {
        return Troposcatter::default();
    }
    let d_z = 0.5 * d_s_km; // (11-6)
    let a_m = 1.0 / A0_KM; // (11-7)
    let dn = a_m - 1.0 / A_E_KM; // (11-8)
    let gamma_e_km = N_S * 1e-6 / dn; // (11-9)
    let z_a = 1.0 / (2.0 * A_E_KM) * (d_z / 2.0).powi(2); // (11-10)
    let z_b = 1.0 / (2.0 * A_E_KM) * d_z.powi(2); // (11-11)
    let q_o = a_m - dn; // (11-12)
    let q = |z: f64| a_m - dn / (z / gamma_e_km).min(35.0).exp(); // (11-13), (11-16)
    let (q_a, q_b) = (q(z_a), q(z_b));
    let zz_a = (7.0 * q_o + 6.0 * q_a - q_b) * (d_z * d_z / 96.0); // (11-14)
    let zz_b = (q_o + 2.0 * q_a) * (d_z * d_z / 6.0); // (11-15)
    let (qq_a, qq_b) = (q(zz_a), q(zz_b));
    let h_v_km = (q_o + 2.0 * qq_a) * (d_z * d_z / 6.0); // (11-17)
    let theta_a = (q_o + 4.0 * qq_a + qq_b) * d_z / 6.0; // (11-18)
    let theta_s = 2.0 * theta_a; // (11-19)
                                 // Scattering efficiency.
    let eps1 = 5.67e-6 * N_S * N_S - 0.00232 * N_S + 0.031; // (11-20)
    let eps2 = 0.0002 * N_S * N_S - 0.06 * N_S + 6.6; // (11-21)
    let gamma = 0.1424 * (1.0 + eps1 / (h_v_km / 4.0).powi(6).min(35.0).exp()); // (11-22)
    let s_e_db = 83.1 - eps2 / (1.0 + 0.07716 * h_v_km * h_v_km)
        + 20.0 * ((0.1424 / gamma).powi(2) * (gamma * h_v_km).exp()).log10(); // (11-23)
                                                                              // Scattering volume.
    let x_a = |t: &Terminal| {
        t.h_e_km * t.h_e_km + 4.0 * (A_E_KM + t.h_e_km) * A_E_KM * (t.d_r_km / (A_E_KM * 2.0)).sin().powi(2)
    }; // (11-24)
    let ell1 = x_a(t1).sqrt() + d_z; // (11-25)
    let ell2 = x_a(t2).sqrt() + d_z;
    let ell = ell1 + ell2; // (11-26)
    let s = (ell1 - ell2) / ell; // (11-27)
    let eta = gamma * theta_s * ell / 2.0; // (11-28)
    let kappa = f_mhz / 0.0477; // (11-29)
    let rho1 = 2.0 * kappa * theta_s * t1.h_e_km; // (11-30)
    let rho2 = 2.0 * kappa * theta_s * t2.h_e_km;
    let sqrt2 = std::f64::consts::SQRT_2;
    let a = (1.0 - s * s).powi(2); // (11-36)
    let x_v1 = (1.0 + s).powi(2) * eta; // (11-32)
    let x_v2 = (1.0 - s).powi(2) * eta; // (11-33)
    let q1 = x_v1 * x_v1 + rho1 * rho1; // (11-34)
    let q2 = x_v2 * x_v2 + rho2 * rho2; // (11-35)
    let b_s = 6.0
        + 8.0 * s * s
        + 8.0 * (1.0 - s) * x_v1 * x_v1 * rho1 * rho1 / (q1 * q1)
        + 8.0 * (1.0 + s) * x_v2 * x_v2 * rho2 * rho2 / (q2 * q2)
        + 2.0 * (1.0 - s * s) * (1.0 + 2.0 * x_v1 * x_v1 / q1) * (1.0 + 2.0 * x_v2 * x_v2 / q2); // (11-37)
    let c_s = 12.0 * ((rho1 + sqrt2) / rho1).powi(2) * ((rho2 + sqrt2) / rho2).powi(2) * (rho1 + rho2)
        / (rho1 + rho2 + 2.0 * sqrt2); // (11-38)
    let temp = (a * eta * eta + b_s * eta) * q1 * q2 / (rho1 * rho1 * rho2 * rho2);
    let s_v_db = 10.0 * (temp + c_s).log10(); // (11-31)
    Troposcatter {
        a_s_db: s_e_db + s_v_db + 10.0 * (kappa * theta_s.powi(3) / ell).log10(), // (11-1)
        h_v_km,
        theta_s,
    }
}

/// Which model holds beyond the crossover distance (§3 Step 6.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Crossover {
    /// Lower of diffraction and troposcatter.
    Case1,
    /// Troposcatter (the diffraction line was re-fitted to meet it).
    Case2,
    /// No crossover found within 100 km: diffraction only (warning flag 0x01).
    DiffractionOnly,
}

/// §3 Step 6: searches 1 km steps beyond d_ML + 3 km for the point where the troposcatter line
/// becomes flatter than the diffraction line. Updates `m_d`, `a_d0`; returns (d_crx, case).
pub(crate) fn transhorizon_search(
    t1: &Terminal,
    t2: &Terminal,
    d_ml_km: f64,
    f_mhz: f64,
    a_dml_db: f64,
    m_d: &mut f64,
    a_d0: &mut f64,
) -> (f64, Crossover) {
    let mut d_search = [d_ml_km + 3.0, d_ml_km + 2.0]; // (3-8), (3-9)
    let mut a_s = [0.0f64; 2];
    let mut k = 0;
    for _ in 0..100 {
        a_s[1] = a_s[0];
        a_s[0] = troposcatter(t1, t2, d_search[0], f_mhz).a_s_db;
        if a_s[0] < 20.0 {
            // Below 20 dB the troposcatter model is outside its valid part.
            d_search[1] = d_search[0];
            d_search[0] += 1.0;
            continue;
        }
        k += 1;
        if k <= 1 {
            d_search[1] = d_search[0];
            d_search[0] += 1.0;
            continue;
        }
        let m_s = (a_s[0] - a_s[1]) / (d_search[0] - d_search[1]); // (3-10)
        if m_s <= *m_d {
            let a_d_db = *m_d * d_search[1] + *a_d0; // (3-11)
            if a_s[1] >= a_d_db {
                return (d_search[0], Crossover::Case1);
            }
            *m_d = (a_s[1] - a_dml_db) / (d_search[1] - d_ml_km); // (3-12)
            *a_d0 = a_s[1] - *m_d * d_search[1]; // (3-13)
            return (d_search[0], Crossover::Case2);
        }
        d_search[1] = d_search[0];
        d_search[0] += 1.0;
    }
    (d_search[1], Crossover::DiffractionOnly)
}
