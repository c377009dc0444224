//! The atmosphere of P.528-5: the ITU-R P.835-6 mean annual global reference atmosphere, the
//! ITU-R P.676-12 Annex 1 line-by-line specific attenuation and refractive index, and the
//! P.676 Annex 1 §2.2 layered ray trace (slant-path attenuation, ray length and bending)
//! used by P.528-5 Annex 2 §4 (terminal geometry), §6 (line-of-sight absorption) and §3 Step 9
//! (transhorizon absorption).
//!
//! | here          | document symbol | meaning                                             |
//! |---------------|-----------------|-----------------------------------------------------|
//! | `h_km`        | h               | geometric height, km                                |
//! | `t_k`         | T               | temperature, K (P.835 eq. (2), (4))                 |
//! | `p_hpa`       | p               | dry-air pressure, hPa (P.835 eq. (3), (5))          |
//! | `e_hpa`       | e               | water-vapour pressure, hPa (P.835 eq. (6), (8))     |
//! | `gamma`       | γ               | specific attenuation, dB/km (P.676 eq. (1))         |
//! | `n`           | n               | refractive index                                    |
//! | `beta_rad`    | β               | ray zenith angle at the start of the trace          |
//! | `a_km`        | a               | ray length, km (P.676 eq. (17))                     |

/// Earth radius a₀ of P.676 / P.528, km.
pub(crate) const A0_KM: f64 = 6371.0;
/// Ground water-vapour density ρ₀ of the P.835 global reference atmosphere, g/m³.
const RHO0_G_M3: f64 = 7.5;

/// P.835-6 eq. (1a): geopotential height from geometric height, km'.
fn geopotential_km(h_km: f64) -> f64 {
    6356.766 * h_km / (6356.766 + h_km)
}

/// P.835-6 mean annual global reference temperature, K: eq. (2a)-(2g) below 86 km
/// (geopotential height), eq. (4a)-(4b) above.
pub(crate) fn temperature_k(h_km: f64) -> f64 {
    if h_km < 86.0 {
        let h = geopotential_km(h_km);
        if h <= 11.0 {
            288.15 - 6.5 * h
        } else if h <= 20.0 {
            216.65
        } else if h <= 32.0 {
            216.65 + (h - 20.0)
        } else if h <= 47.0 {
            228.65 + 2.8 * (h - 32.0)
        } else if h <= 51.0 {
            270.65
        } else if h <= 71.0 {
            270.65 - 2.8 * (h - 51.0)
        } else {
            214.65 - 2.0 * (h - 71.0)
        }
    } else if h_km <= 91.0 {
        186.8673
    } else {
        263.1905 - 76.3232 * (1.0 - ((h_km - 91.0) / 19.9429).powi(2)).sqrt()
    }
}

/// P.835-6 mean annual global reference dry pressure, hPa: eq. (3a)-(3g) and (5).
pub(crate) fn pressure_hpa(h_km: f64) -> f64 {
    if h_km < 86.0 {
        let h = geopotential_km(h_km);
        if h <= 11.0 {
            1013.25 * (288.15 / (288.15 - 6.5 * h)).powf(-34.1632 / 6.5)
        } else if h <= 20.0 {
            226.3226 * (-34.1632 * (h - 11.0) / 216.65).exp()
        } else if h <= 32.0 {
            54.74980 * (216.65 / (216.65 + (h - 20.0))).powf(34.1632)
        } else if h <= 47.0 {
            8.680422 * (228.65 / (228.65 + 2.8 * (h - 32.0))).powf(34.1632 / 2.8)
        } else if h <= 51.0 {
            1.109106 * (-34.1632 * (h - 47.0) / 270.65).exp()
        } else if h <= 71.0 {
            0.6694167 * (270.65 / (270.65 - 2.8 * (h - 51.0))).powf(-34.1632 / 2.8)
        } else {
            0.03956649 * (214.65 / (214.65 - 2.0 * (h - 71.0))).powf(-34.1632 / 2.0)
        }
    } else {
        let (a0, a1, a2, a3, a4) = (95.571899, -4.011801, 6.424731e-2, -4.789660e-4, 1.340543e-6);
        (a0 + a1 * h_km + a2 * h_km.powi(2) + a3 * h_km.powi(3) + a4 * h_km.powi(4)).exp()
    }
}

/// Water-vapour pressure, hPa: P.835-6 eq. (6) ρ = ρ₀ exp(−h/2) with ρ₀ = 7.5 g/m³, floored at
/// a mixing ratio of 2·10⁻⁶ (P.835 §1.1), and eq. (8) e = ρT/216.7.
pub(crate) fn wet_pressure_hpa(h_km: f64) -> f64 {
    let t_k = temperature_k(h_km);
    let p_hpa = pressure_hpa(h_km);
    let rho = (RHO0_G_M3 * (-h_km / 2.0).exp()).max(2e-6 * 216.7 * p_hpa / t_k);
    rho * t_k / 216.7
}

/// Refractive index from the radio refractivity N = 77.6 p/T + 72 e/T + 3.75·10⁵ e/T²
/// (Rec. ITU-R P.453; as P.676 Annex 1 §2.2 uses).
pub(crate) fn refractive_index(p_hpa: f64, t_k: f64, e_hpa: f64) -> f64 {
    let n = 77.6 * p_hpa / t_k + 72.0 * e_hpa / t_k + 3.75e5 * e_hpa / (t_k * t_k);
    1.0 + n * 1e-6
}

/// P.676 Annex 1 eq. (1)-(9): specific attenuation gamma = gamma_o + gamma_w, dB/km, from the
/// line tables of [`crate::propagation::p676`] (Tables 1 and 2 are the same in P.676-12 and -13).
pub(crate) fn specific_attenuation(f_ghz: f64, t_k: f64, e_hpa: f64, p_hpa: f64) -> f64 {
    use crate::propagation::p676;
    let atm = p676::Atmosphere {
        pressure_hpa: p_hpa,
        temperature_k: t_k,
        water_vapour_density_g_m3: e_hpa * 216.7 / t_k, // eq. (4) inverted
    };
    p676::specific_attenuation(f_ghz, atm).total_db_per_km()
}

/// Refractive index and specific attenuation at height `h_km` in the reference atmosphere.
fn layer_properties(f_ghz: f64, h_km: f64) -> (f64, f64) {
    let t_k = temperature_k(h_km);
    let p_hpa = pressure_hpa(h_km);
    let e_hpa = wet_pressure_hpa(h_km);
    (refractive_index(p_hpa, t_k, e_hpa), specific_attenuation(f_ghz, t_k, e_hpa, p_hpa))
}

/// Result of a slant-path ray trace (P.676 Annex 1 §2.2).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct SlantPath {
    /// Gaseous attenuation along the ray, dB (eq. (13)).
    pub a_gas_db: f64,
    /// Total bending, rad (eq. (22a)).
    pub bending_rad: f64,
    /// Ray length, km (sum of eq. (17)).
    pub a_km: f64,
    /// Incidence angle at the top of the trace, rad.
    pub angle_rad: f64,
}

/// The exponentially thickening layers between two heights (P.676 eq. (14), (16a)-(16c)) with
/// their refractive index and specific attenuation, computed once and traced for any angle.
#[derive(Debug, Clone)]
pub(crate) struct Layers {
    /// Per layer: bottom radius r_i (km), thickness δ_i (km), n_i, γ_i (dB/km).
    layers: Vec<[f64; 4]>,
}

impl Layers {
    pub(crate) fn new(f_ghz: f64, h1_km: f64, h2_km: f64) -> Layers {
        let e1 = (0.01f64).exp();
        let i_lower = (100.0 * (1e4 * h1_km * (e1 - 1.0) + 1.0).ln() + 1.0).floor() as i64; // (16a)
        let i_upper = (100.0 * (1e4 * h2_km * (e1 - 1.0) + 1.0).ln() + 1.0).ceil() as i64; // (16b)
        let m = ((0.02f64).exp() - e1) / ((i_upper as f64 / 100.0).exp() - (i_lower as f64 / 100.0).exp())
            * (h2_km - h1_km); // (16c)
        let thickness = |i: i64| m * ((i - 1) as f64 / 100.0).exp(); // (14)
        let base = ((i_lower - 1) as f64 / 100.0).exp();
        let mut layers = Vec::with_capacity((i_upper - i_lower + 1).max(0) as usize);
        for i in i_lower..=i_upper {
            let h_km = h1_km + m * (((i - 1) as f64 / 100.0).exp() - base) / (e1 - 1.0);
            let delta_km = thickness(i);
            let (n, gamma) = layer_properties(f_ghz, h_km + delta_km / 2.0);
            layers.push([A0_KM + h_km, delta_km, n, gamma]);
        }
        Layers { layers }
    }

    /// Traces a ray leaving the bottom at zenith angle `beta1_rad` (P.676 eq. (13), (17)-(23)).
    pub(crate) fn trace(&self, beta1_rad: f64) -> SlantPath {
        let mut out = SlantPath { angle_rad: beta1_rad, ..SlantPath::default() };
        let Some(&[r1, _, n1, _]) = self.layers.first() else {
            return out;
        };
        let k = n1 * r1 * beta1_rad.sin();
        let last = self.layers.len().saturating_sub(1);
        for (j, w) in self.layers.windows(2).enumerate() {
            let [r_i, delta_i, n_i, gamma_i] = w[0];
            let [r_ii, _, n_ii, _] = w[1];
            let beta_i = (k / (n_i * r_i)).min(1.0).asin(); // (19b)
            let alpha_i = (k / (n_i * r_ii)).min(1.0).asin(); // (18a)
            let a_i = -r_i * beta_i.cos()
                + (r_i * r_i * beta_i.cos().powi(2) + 2.0 * r_i * delta_i + delta_i * delta_i).sqrt(); // (17)
            out.a_km += a_i;
            out.a_gas_db += a_i * gamma_i; // (13)
            if j + 1 != last {
                let beta_ii = (n_i / n_ii * alpha_i.sin()).asin();
                out.bending_rad += beta_ii - alpha_i; // (22a)
            }
            out.angle_rad = alpha_i;
        }
        out
    }
}

/// Slant path from `h1_km` to `h2_km` leaving at zenith angle `beta1_rad`; for a negative
/// elevation (β₁ > π/2) the ray is traced down to its grazing height h_G and up again to h₂
/// (P.676 Annex 1 §2.2.2).
pub(crate) fn slant_path(f_ghz: f64, h1_km: f64, h2_km: f64, beta1_rad: f64) -> SlantPath {
    if beta1_rad <= std::f64::consts::FRAC_PI_2 {
        return Layers::new(f_ghz, h1_km, h2_km).trace(beta1_rad);
    }
    let n_at = |h: f64| refractive_index(pressure_hpa(h), temperature_k(h), wet_pressure_hpa(h));
    let start = n_at(h1_km) * (A0_KM + h1_km) * beta1_rad.sin();
    // Bisection for h_G with n(h_G)(a₀ + h_G) = n₁(a₀ + h₁) sin β₁, to 0.001.
    let (mut h_g, mut step, mut diff) = (h1_km, h1_km / 2.0, 100.0);
    loop {
        h_g += if diff > 0.0 { -step } else { step };
        step /= 2.0;
        diff = n_at(h_g) * (A0_KM + h_g) - start;
        if diff.abs() <= 0.001 {
            break;
        }
    }
    let down = Layers::new(f_ghz, h_g, h1_km).trace(std::f64::consts::FRAC_PI_2);
    let up = Layers::new(f_ghz, h_g, h2_km).trace(std::f64::consts::FRAC_PI_2);
    SlantPath {
        a_gas_db: down.a_gas_db + up.a_gas_db,
        bending_rad: down.bending_rad + up.bending_rad,
        a_km: down.a_km + up.a_km,
        angle_rad: up.angle_rad,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_atmosphere_at_sea_level() {
        // P.835-6: T(0) = 288.15 K, p(0) = 1013.25 hPa, ρ(0) = 7.5 g/m³ so e = 7.5·288.15/216.7.
        assert_eq!(temperature_k(0.0), 288.15);
        assert!((pressure_hpa(0.0) - 1013.25).abs() < 1e-9);
        assert!((wet_pressure_hpa(0.0) - 7.5 * 288.15 / 216.7).abs() < 1e-12);
    }

    #[test]
    fn sea_level_attenuation_near_22_ghz_water_line() {
        // P.676 Fig. 1 (standard atmosphere, 7.5 g/m³): γ ≈ 0.2 dB/km at 22.235 GHz and
        // ≈ 0.0055 dB/km at 1 GHz (mostly oxygen).
        let (t, p, e) = (288.15, 1013.25, 7.5 * 288.15 / 216.7);
        let g22 = specific_attenuation(22.235, t, e, p);
        assert!((0.15..0.25).contains(&g22), "{g22}");
        let g1 = specific_attenuation(1.0, t, e, p);
        assert!((0.004..0.008).contains(&g1), "{g1}");
    }
}
