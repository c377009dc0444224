//! P.528-5 Annex 2 §6-§9: the line-of-sight region (ray optics over a smooth Earth, two-ray
//! interference with the ground reflection, the free-space/two-ray and two-ray/diffraction
//! transitions).
use super::atmosphere::{slant_path, A0_KM};
use super::variability::{combine_distributions, k_for_y_pi_99, long_term_variability, nakagami_rice};
use super::{Polarization, Terminal, A_E_KM, EPSILON_R, SIGMA_S_M};
use std::f64::consts::PI;

/// Ray-optics geometry for one reflection angle ψ (§7).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct RayOptics {
    /// Adjusted Earth radius a_a, km (eq. 7-3).
    pub a_a_km: f64,
    /// D₁, D₂ of eq. (7-8), km.
    pub d_km: [f64; 2],
    /// Path distance d(ψ), km (eq. 7-11).
    pub dist_km: f64,
    /// Direct ray length r₀, km (eq. 7-13).
    pub r0_km: f64,
    /// Reflected ray length r₁₂, km (eq. 7-14).
    pub r12_km: f64,
    /// Ray length difference Δr, km (eq. 7-15).
    pub delta_r_km: f64,
    /// Take-off angle at the low terminal θ_h1, rad (eq. 7-16).
    pub theta_h1_rad: f64,
}

/// §7, eq. (7-1)-(7-17).
pub(crate) fn ray_optics(t1: &Terminal, t2: &Terminal, psi: f64) -> RayOptics {
    let z = A0_KM / A_E_KM - 1.0; // (7-1)
    let k_a = 1.0 / (1.0 + z * psi.cos()); // (7-2)
    let a_a_km = A0_KM * k_a; // (7-3)
    let mut hp = [0.0; 2];
    let mut zz = [0.0; 2];
    let mut theta = [0.0; 2];
    let mut dd = [0.0; 2];
    for (i, t) in [t1, t2].into_iter().enumerate() {
        let dh_a = t.delta_h_km * (a_a_km - A0_KM) / (A_E_KM - A0_KM); // (7-4)
        let h = t.h_r_km - dh_a; // (7-5)
        zz[i] = a_a_km + h; // (7-6)
        theta[i] = (a_a_km * psi.cos() / zz[i]).acos() - psi; // (7-7)
        dd[i] = zz[i] * theta[i].sin(); // (7-8)
        hp[i] = if psi > 1.56 { h } else { dd[i] * psi.tan() }; // (7-9)
    }
    let delta_z = (zz[0] - zz[1]).abs(); // (7-10)
    let dist_km = (a_a_km * (theta[0] + theta[1])).max(0.0); // (7-11)
    let alpha = ((hp[1] - hp[0]) / (dd[0] + dd[1])).atan(); // (7-12)
    let r0_km = delta_z.max((dd[0] + dd[1]) / alpha.cos()); // (7-13)
    let r12_km = (dd[0] + dd[1]) / psi.cos(); // (7-14)
    let delta_r_km = 4.0 * hp[0] * hp[1] / (r0_km + r12_km); // (7-15)
    RayOptics {
        a_a_km,
        d_km: dd,
        dist_km,
        r0_km,
        r12_km,
        delta_r_km,
        theta_h1_rad: alpha - theta[0], // (7-16)
    }
}

/// Bisection on ψ for the path distance `d_km` (to 1 m, or until the step is below 1e-12 rad).
pub(crate) fn psi_at_distance(d_km: f64, t1: &Terminal, t2: &Terminal) -> f64 {
    if d_km == 0.0 {
        return PI / 2.0;
    }
    let (mut psi, mut step) = (PI / 2.0, -PI / 4.0);
    loop {
        psi += step;
        let d_psi = ray_optics(t1, t2, psi).dist_km;
        step = if d_psi > d_km { step.abs() / 2.0 } else { -step.abs() / 2.0 };
        if !((d_km - d_psi).abs() > 1e-3 && step.abs() > 1e-12) {
            return psi;
        }
    }
}

/// Bisection on ψ for the ray length difference `delta_r_km` (to `tol_km`); returns ψ and the
/// ray optics there.
fn psi_at_delta_r(delta_r_km: f64, t1: &Terminal, t2: &Terminal, tol_km: f64) -> (f64, RayOptics) {
    let (mut psi, mut step) = (PI / 2.0, -PI / 4.0);
    loop {
        psi += step;
        let r = ray_optics(t1, t2, psi);
        step = if r.delta_r_km > delta_r_km { -step.abs() / 2.0 } else { step.abs() / 2.0 };
        // The reference bisects without an iteration limit; 2000 halvings exhaust f64.
        if (r.delta_r_km - delta_r_km).abs() <= tol_km || step.abs() < 1e-300 {
            return (psi, r);
        }
    }
}

/// §9 eq. (9-1)-(9-11): magnitude R_g and phase φ_g of the ground reflection coefficient.
fn reflection_coefficient(psi: f64, f_mhz: f64, pol: Polarization) -> (f64, f64) {
    let (sin_psi, cos_psi) = if psi <= 0.0 {
        (0.0, 1.0)
    } else if psi >= PI / 2.0 {
        (1.0, 0.0)
    } else {
        (psi.sin(), psi.cos())
    };
    let x = 18000.0 * SIGMA_S_M / f_mhz; // (9-1)
    let y = EPSILON_R - cos_psi * cos_psi; // (9-2)
    let t = (y * y + x * x).sqrt() + y; // (9-3)
    let p = (t * 0.5).sqrt(); // (9-4)
    let q = x / (2.0 * p); // (9-5)
    let pq = p * p + q * q;
    let (b, a) = match pol {
        Polarization::Horizontal => (1.0 / pq, 2.0 * p / pq), // (9-6), (9-7)
        Polarization::Vertical => ((EPSILON_R * EPSILON_R + x * x) / pq, 2.0 * (p * EPSILON_R + q * x) / pq),
    };
    let r_g =
        ((1.0 + b * sin_psi * sin_psi - a * sin_psi) / (1.0 + b * sin_psi * sin_psi + a * sin_psi)).sqrt(); // (9-8)
    let (alpha, beta) = match pol {
        Polarization::Horizontal => ((-q).atan2(sin_psi - p), q.atan2(sin_psi + p)), // (9-9), (9-10)
        Polarization::Vertical => (
            (EPSILON_R * sin_psi - q).atan2(EPSILON_R * sin_psi - p),
            (x * sin_psi + q).atan2(EPSILON_R * sin_psi + p),
        ),
    };
    (r_g, alpha - beta) // (9-11)
}

/// d-independent quantities of the line-of-sight region (§6 steps 1-4, §8 eq. (8-2)-(8-3)).
#[derive(Debug, Clone, Copy)]
pub(crate) struct LosSetup {
    lambda_km: f64,
    psi_limit: f64,
    /// d₀, km, after the 1 m tuning walk.
    pub d0_km: f64,
    /// A_LOS at d₀, dB.
    a_d0_db: f64,
}

/// §8: the two-ray / transition loss A_LOS (dB, positive = gain over free space in the
/// reference's sign) and the reflection parameter R_Tg.
fn los_loss(
    psi: f64,
    r: &RayOptics,
    f_mhz: f64,
    pol: Polarization,
    psi_limit: f64,
    d0_km: f64,
    d_ml_km: f64,
    a_dml_db: f64,
    a_d0_db: f64,
) -> (f64, f64) {
    let (r_g, phi_g) = reflection_coefficient(psi, f_mhz, pol);
    let d_v = if psi.tan() >= 0.1 {
        1.0
    } else {
        let r1 = r.d_km[0] / psi.cos(); // (8-3)
        let r2 = r.d_km[1] / psi.cos();
        let r_r = r1 * r2 / r.r12_km; // (8-4)
        let t1 = 2.0 * r_r * (1.0 + psi.sin().powi(2)) / (r.a_a_km * psi.sin());
        let t2 = (2.0 * r_r / r.a_a_km).powi(2);
        (1.0 + t1 + t2).powf(-0.5) // (8-5) divergence factor
    };
    let f_r = (r.r0_km / r.r12_km).min(1.0); // (8-6)
    let r_tg = r_g * d_v * f_r; // (8-7)
    let a_los = if r.dist_km > d0_km {
        (r.dist_km - d0_km) * (a_dml_db - a_d0_db) / (d_ml_km - d0_km) + a_d0_db
    // (8-1)
    } else if psi > psi_limit {
        0.0
    } else {
        let lambda_km = 0.2997925 / f_mhz; // (8-2)
        let phi_tg = 2.0 * PI * r.delta_r_km / lambda_km + phi_g; // (8-8)
        let (re, im) = (1.0 + r_tg * phi_tg.cos(), -r_tg * phi_tg.sin()); // (8-9)
        let w_rl = (re * re + im * im).sqrt().min(1.0); // (8-10)
        10.0 * (w_rl * w_rl).log10() // (8-11), (8-12)
    };
    (a_los, r_tg)
}

impl LosSetup {
    /// `a_dml_db` is the (negated) diffraction loss at d_ML, `d_d_km` eq. (3-7).
    pub(crate) fn new(
        t1: &Terminal,
        t2: &Terminal,
        f_mhz: f64,
        pol: Polarization,
        d_ml_km: f64,
        d_d_km: f64,
        a_dml_db: f64,
    ) -> LosSetup {
        let lambda_km = 0.2997925 / f_mhz; // (6-1)
        let tol = lambda_km / 1e6;
        let (psi_limit, _) = psi_at_delta_r(lambda_km / 2.0, t1, t2, tol);
        let (_, r6) = psi_at_delta_r(lambda_km / 6.0, t1, t2, tol);
        let d_y6_km = r6.dist_km;
        // (8-2), (8-3): choice of d₀.
        let mut d0_km = if t1.d_r_km >= d_d_km || d_d_km >= d_ml_km {
            if t1.d_r_km > d_y6_km || d_y6_km > d_ml_km {
                t1.d_r_km
            } else {
                d_y6_km
            }
        } else if d_d_km < d_y6_km && d_y6_km < d_ml_km {
            d_y6_km
        } else {
            d_d_km
        };
        // Walk d₀ forward 1 m at a time until the ray-optics distance reaches it.
        let mut d_temp = d0_km;
        loop {
            let r = ray_optics(t1, t2, psi_at_distance(d_temp, t1, t2));
            if r.dist_km >= d0_km || d_temp + 0.001 >= d_ml_km {
                d0_km = r.dist_km;
                break;
            }
            d_temp += 0.001;
        }
        let psi_d0 = psi_at_distance(d0_km, t1, t2);
        let r = ray_optics(t1, t2, psi_d0);
        let (a_d0_db, _) = los_loss(psi_d0, &r, f_mhz, pol, psi_limit, d0_km, d_ml_km, a_dml_db, 0.0);
        LosSetup { lambda_km, psi_limit, d0_km, a_d0_db }
    }
}

/// Line-of-sight result (§6).
#[derive(Debug, Clone, Copy)]
pub(crate) struct LosResult {
    pub a_db: f64,
    pub a_fs_db: f64,
    pub a_a_db: f64,
    pub d_km: f64,
    pub theta_h1_rad: f64,
    pub k_los_db: f64,
}

/// §6 at distance `d_km` and time percentage `p`. `layers12` traces the direct ray.
pub(crate) fn line_of_sight(geo: &super::P528Path, setup: &LosSetup, d_km: f64, p: f64) -> LosResult {
    let (t1, t2) = (&geo.t1, &geo.t2);
    let psi = psi_at_distance(d_km, t1, t2);
    let r = ray_optics(t1, t2, psi);
    let (a_los_db, r_tg) = los_loss(
        psi,
        &r,
        geo.f_mhz,
        geo.pol,
        setup.psi_limit,
        setup.d0_km,
        geo.d_ml_km,
        -geo.a_dml_db,
        setup.a_d0_db,
    );
    // Atmospheric absorption along the direct ray (eq. 6-3).
    let beta = PI / 2.0 - r.theta_h1_rad;
    let slant = if beta <= PI / 2.0 {
        geo.layers12.trace(beta)
    } else {
        slant_path(geo.f_mhz / 1000.0, t1.h_r_km, t2.h_r_km, beta)
    };
    let a_fs_db = 20.0 * r.r0_km.log10() + 20.0 * geo.f_mhz.log10() + 32.45; // (6-4)
                                                                             // §13 variability in the line-of-sight region.
    let f_theta_h = if r.theta_h1_rad <= 0.0 {
        1.0
    } else if r.theta_h1_rad >= 1.0 {
        0.0
    } else {
        (0.5 - (20.0 * (32.0 * r.theta_h1_rad).log10()).atan() / PI).max(0.0) // (13-1)
    };
    let (y_e_db, _) = long_term_variability(t1.d_r_km, t2.d_r_km, d_km, geo.f_mhz, p, f_theta_h, a_los_db);
    let (y_e50_db, a_y) =
        long_term_variability(t1.d_r_km, t2.d_r_km, d_km, geo.f_mhz, 50.0, f_theta_h, a_los_db);
    let f_ay = if a_y <= 0.0 {
        1.0
    } else if a_y >= 9.0 {
        0.1
    } else {
        (1.1 + 0.9 * (a_y / 9.0 * PI).cos()) / 2.0 // (13-2)
    };
    let lambda = setup.lambda_km;
    let f_dr = if r.delta_r_km >= lambda / 2.0 {
        1.0
    } else if r.delta_r_km <= lambda / 6.0 {
        0.1
    } else {
        0.5 * (1.1 - 0.9 * (3.0 * PI / lambda * (r.delta_r_km - lambda / 6.0)).cos())
        // (13-3)
    };
    let r_s = r_tg * f_dr * f_ay; // (13-4)
    let y_pi_99_db = 10.0 * (geo.f_mhz * slant.a_km.powi(3)).log10() - 84.26; // (13-5)
    let k_t = k_for_y_pi_99(y_pi_99_db);
    let w_a = 10f64.powf(k_t / 10.0); // (13-6)
    let w_r = r_s * r_s + 0.01 * 0.01; // (13-7)
    let w = w_r + w_a; // (13-8)
    let k_los_db = if w <= 0.0 { -40.0 } else { (10.0 * w.log10()).max(-40.0) }; // (13-9)
    let y_pi_db = nakagami_rice(k_los_db, p);
    let y_total_db = -combine_distributions(y_e50_db, y_e_db, 0.0, y_pi_db, p);
    LosResult {
        a_db: a_fs_db + slant.a_gas_db - a_los_db + y_total_db,
        a_fs_db,
        a_a_db: slant.a_gas_db,
        d_km: r.dist_km,
        theta_h1_rad: r.theta_h1_rad,
        k_los_db,
    }
}
