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

/// P.676-12 Table 1, oxygen lines: f₀ (GHz), a₁, a₂, a₃, a₄, a₅, a₆.
#[rustfmt::skip]
const OXYGEN: [[f64; 7]; 44] = [
    [50.474214, 0.975, 9.651, 6.690, 0.0, 2.566, 6.850],
    [50.987745, 2.529, 8.653, 7.170, 0.0, 2.246, 6.800],
    [51.503360, 6.193, 7.709, 7.640, 0.0, 1.947, 6.729],
    [52.021429, 14.320, 6.819, 8.110, 0.0, 1.667, 6.640],
    [52.542418, 31.240, 5.983, 8.580, 0.0, 1.388, 6.526],
    [53.066934, 64.290, 5.201, 9.060, 0.0, 1.349, 6.206],
    [53.595775, 124.600, 4.474, 9.550, 0.0, 2.227, 5.085],
    [54.130025, 227.300, 3.800, 9.960, 0.0, 3.170, 3.750],
    [54.671180, 389.700, 3.182, 10.370, 0.0, 3.558, 2.654],
    [55.221384, 627.100, 2.618, 10.890, 0.0, 2.560, 2.952],
    [55.783815, 945.300, 2.109, 11.340, 0.0, -1.172, 6.135],
    [56.264774, 543.400, 0.014, 17.030, 0.0, 3.525, -0.978],
    [56.363399, 1331.800, 1.654, 11.890, 0.0, -2.378, 6.547],
    [56.968211, 1746.600, 1.255, 12.230, 0.0, -3.545, 6.451],
    [57.612486, 2120.100, 0.910, 12.620, 0.0, -5.416, 6.056],
    [58.323877, 2363.700, 0.621, 12.950, 0.0, -1.932, 0.436],
    [58.446588, 1442.100, 0.083, 14.910, 0.0, 6.768, -1.273],
    [59.164204, 2379.900, 0.387, 13.530, 0.0, -6.561, 2.309],
    [59.590983, 2090.700, 0.207, 14.080, 0.0, 6.957, -0.776],
    [60.306056, 2103.400, 0.207, 14.150, 0.0, -6.395, 0.699],
    [60.434778, 2438.000, 0.386, 13.390, 0.0, 6.342, -2.825],
    [61.150562, 2479.500, 0.621, 12.920, 0.0, 1.014, -0.584],
    [61.800158, 2275.900, 0.910, 12.630, 0.0, 5.014, -6.619],
    [62.411220, 1915.400, 1.255, 12.170, 0.0, 3.029, -6.759],
    [62.486253, 1503.000, 0.083, 15.130, 0.0, -4.499, 0.844],
    [62.997984, 1490.200, 1.654, 11.740, 0.0, 1.856, -6.675],
    [63.568526, 1078.000, 2.108, 11.340, 0.0, 0.658, -6.139],
    [64.127775, 728.700, 2.617, 10.880, 0.0, -3.036, -2.895],
    [64.678910, 461.300, 3.181, 10.380, 0.0, -3.968, -2.590],
    [65.224078, 274.000, 3.800, 9.960, 0.0, -3.528, -3.680],
    [65.764779, 153.000, 4.473, 9.550, 0.0, -2.548, -5.002],
    [66.302096, 80.400, 5.200, 9.060, 0.0, -1.660, -6.091],
    [66.836834, 39.800, 5.982, 8.580, 0.0, -1.680, -6.393],
    [67.369601, 18.560, 6.818, 8.110, 0.0, -1.956, -6.475],
    [67.900868, 8.172, 7.708, 7.640, 0.0, -2.216, -6.545],
    [68.431006, 3.397, 8.652, 7.170, 0.0, -2.492, -6.600],
    [68.960312, 1.334, 9.650, 6.690, 0.0, -2.773, -6.650],
    [118.750334, 940.300, 0.010, 16.640, 0.0, -0.439, 0.079],
    [368.498246, 67.400, 0.048, 16.400, 0.0, 0.000, 0.000],
    [424.763020, 637.700, 0.044, 16.400, 0.0, 0.000, 0.000],
    [487.249273, 237.400, 0.049, 16.000, 0.0, 0.000, 0.000],
    [715.392902, 98.100, 0.145, 16.000, 0.0, 0.000, 0.000],
    [773.839490, 572.300, 0.141, 16.200, 0.0, 0.000, 0.000],
    [834.145546, 183.100, 0.145, 14.700, 0.0, 0.000, 0.000],
];

/// P.676-12 Table 2, water-vapour lines: f₀ (GHz), b₁, b₂, b₃, b₄, b₅, b₆.
#[rustfmt::skip]
const WATER_VAPOUR: [[f64; 7]; 35] = [
    [22.235080, 0.1079, 2.144, 26.38, 0.76, 5.087, 1.00],
    [67.803960, 0.0011, 8.732, 28.58, 0.69, 4.930, 0.82],
    [119.995940, 0.0007, 8.353, 29.48, 0.70, 4.780, 0.79],
    [183.310087, 2.273, 0.668, 29.06, 0.77, 5.022, 0.85],
    [321.225630, 0.0470, 6.179, 24.04, 0.67, 4.398, 0.54],
    [325.152888, 1.514, 1.541, 28.23, 0.64, 4.893, 0.74],
    [336.227764, 0.0010, 9.825, 26.93, 0.69, 4.740, 0.61],
    [380.197353, 11.67, 1.048, 28.11, 0.54, 5.063, 0.89],
    [390.134508, 0.0045, 7.347, 21.52, 0.63, 4.810, 0.55],
    [437.346667, 0.0632, 5.048, 18.45, 0.60, 4.230, 0.48],
    [439.150807, 0.9098, 3.595, 20.07, 0.63, 4.483, 0.52],
    [443.018343, 0.1920, 5.048, 15.55, 0.60, 5.083, 0.50],
    [448.001085, 10.41, 1.405, 25.64, 0.66, 5.028, 0.67],
    [470.888999, 0.3254, 3.597, 21.34, 0.66, 4.506, 0.65],
    [474.689092, 1.260, 2.379, 23.20, 0.65, 4.804, 0.64],
    [488.490108, 0.2529, 2.852, 25.86, 0.69, 5.201, 0.72],
    [503.568532, 0.0372, 6.731, 16.12, 0.61, 3.980, 0.43],
    [504.482692, 0.0124, 6.731, 16.12, 0.61, 4.010, 0.45],
    [547.676440, 0.9785, 0.158, 26.00, 0.70, 4.500, 1.00],
    [552.020960, 0.1840, 0.158, 26.00, 0.70, 4.500, 1.00],
    [556.935985, 497.0, 0.159, 30.86, 0.69, 4.552, 1.00],
    [620.700807, 5.015, 2.391, 24.38, 0.71, 4.856, 0.68],
    [645.766085, 0.0067, 8.633, 18.00, 0.60, 4.000, 0.50],
    [658.005280, 0.2732, 7.816, 32.10, 0.69, 4.140, 1.00],
    [752.033113, 243.4, 0.396, 30.86, 0.68, 4.352, 0.84],
    [841.051732, 0.0134, 8.177, 15.90, 0.33, 5.760, 0.45],
    [859.965698, 0.1325, 8.055, 30.60, 0.68, 4.090, 0.84],
    [899.303175, 0.0547, 7.914, 29.85, 0.68, 4.530, 0.90],
    [902.611085, 0.0386, 8.429, 28.65, 0.70, 5.100, 0.95],
    [906.205957, 0.1836, 5.110, 24.08, 0.70, 4.700, 0.53],
    [916.171582, 8.400, 1.441, 26.73, 0.70, 5.150, 0.78],
    [923.112692, 0.0079, 10.293, 29.00, 0.70, 5.000, 0.80],
    [970.315022, 9.009, 1.919, 25.50, 0.64, 4.940, 0.67],
    [987.926764, 134.6, 0.257, 29.85, 0.68, 4.550, 0.90],
    [1780.000000, 17506.0, 0.952, 196.3, 2.00, 24.15, 5.00],
];

/// P.676-12 eq. (5): line shape factor F_i.
fn line_shape(f_ghz: f64, f_i: f64, df: f64, delta: f64) -> f64 {
    f_ghz / f_i
        * ((df - delta * (f_i - f_ghz)) / ((f_i - f_ghz).powi(2) + df * df)
            + (df - delta * (f_i + f_ghz)) / ((f_i + f_ghz).powi(2) + df * df))
}

/// P.676-12 eq. (1)-(9): specific attenuation γ = γ_o + γ_w = 0.1820 f (N''_o + N''_w), dB/km.
pub(crate) fn specific_attenuation(f_ghz: f64, t_k: f64, e_hpa: f64, p_hpa: f64) -> f64 {
    let theta = 300.0 / t_k;
    // Powers of θ shared by every line (a₄ = 0 for every oxygen line of Table 1).
    let (theta3, theta08, theta35) = (theta.powi(3), theta.powf(0.8), theta.powf(3.5));
    let mut n_o = 0.0;
    for [f0, a1, a2, a3, a4, a5, a6] in OXYGEN {
        let s = a1 * 1e-7 * p_hpa * theta3 * (a2 * (1.0 - theta)).exp(); // (3)
        let theta_w = if a4 == 0.0 { theta08 } else { theta.powf(0.8 - a4) };
        let df = a3 * 1e-4 * (p_hpa * theta_w + 1.1 * e_hpa * theta); // (6a)
        let df = (df * df + 2.25e-6).sqrt(); // (6b) Zeeman splitting
        let delta = (a5 + a6 * theta) * 1e-4 * (p_hpa + e_hpa) * theta08; // (7)
        n_o += s * line_shape(f_ghz, f0, df, delta);
    }
    // (8), (9): dry-air continuum (Debye spectrum and pressure-induced nitrogen absorption).
    let d = 5.6e-4 * (p_hpa + e_hpa) * theta08;
    n_o += f_ghz
        * p_hpa
        * theta.powi(2)
        * (6.14e-5 / (d * (1.0 + (f_ghz / d).powi(2)))
            + 1.4e-12 * p_hpa * theta.powf(1.5) / (1.0 + 1.9e-5 * f_ghz.powf(1.5)));
    let mut n_w = 0.0;
    for [f0, b1, b2, b3, b4, b5, b6] in WATER_VAPOUR {
        let s = 0.1 * b1 * e_hpa * theta35 * (b2 * (1.0 - theta)).exp(); // (3)
        let df = 1e-4 * b3 * (p_hpa * theta.powf(b4) + b5 * e_hpa * theta.powf(b6)); // (6a)
        let df = 0.535 * df + (0.217 * df * df + 2.1316e-12 * f0 * f0 / theta).sqrt(); // (6b) Doppler
        n_w += s * line_shape(f_ghz, f0, df, 0.0);
    }
    0.1820 * f_ghz * (n_o + n_w) // (1)
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
