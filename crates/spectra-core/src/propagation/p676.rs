//! Specific attenuation by atmospheric gases, ITU-R P.676-13 (08/2022) Annex 1: the line-by-line
//! summation of the oxygen and water-vapour resonance lines, with the dry-air (Debye and
//! pressure-induced nitrogen) continuum.
//!
//! Validity: 1-1 000 GHz (Annex 1 §1); any pressure, temperature and humidity of the lower
//! atmosphere. ITU-R P.452-18 also evaluates it at 0.1-1 GHz (eq. (9)); below 1 GHz the result
//! is computed the same way, with a warning from the `p676` model adapter.
//!
//! The spectroscopic tables are Table 1 (44 oxygen lines) and Table 2 (35 water-vapour lines) of
//! the Recommendation. They are the same in P.676-11, -12 and -13 (the ITU-R WP3M P.452-18
//! reference software uses the P.676-11 tables; the P.676-13 validation vectors of WP3J/3M are
//! met to 1.1e-14 relative with them, see `tests/tests/p676.rs`). Annex 2 (the approximate method)
//! is not implemented: there are no validation vectors for it.
//!
//! # Precompute, then evaluate
//! Line strengths, widths and the interference correction depend only on the atmosphere;
//! [`GasLines::new`] computes them once and [`GasLines::specific_attenuation`] costs one pass over
//! the 79 lines per frequency, without transcendental functions.
//!
//! # Symbols
//! | here | P.676-13 | meaning |
//! |---|---|---|
//! | `f_ghz` | f | frequency, GHz |
//! | `p_hpa` | p | dry-air pressure, hPa |
//! | `e_hpa` | e | water-vapour partial pressure, hPa (eq. (4)) |
//! | `rho_g_m3` | rho | water-vapour density, g/m^3 |
//! | `t_k` | T | temperature, K |
//! | `theta` | theta | 300 / T |
//! | `s` | S_i | line strength (eq. (3)) |
//! | `width` | Delta f | line width, GHz (eqs (6a), (6b)) |
//! | `delta` | delta | correction for interference (eq. (7)) |
//! | `shape` | F_i | line shape factor (eq. (5)) |
//! | `d_ghz` | d | width parameter of the Debye spectrum (eq. (9)) |
//! | `n_d` | N''_D(f) | dry continuum (eq. (8)) |
//! | `gamma_o`, `gamma_w` | gamma_o, gamma_w | specific attenuation, dB/km (eq. (1)) |
use super::{check_validity, Case, Column, ColumnKind, ModelInfo, PathLoss, PathLossModel};
use crate::{Error, Result};

/// Table 1 of P.676-13: oxygen line frequency f0 (GHz) and a1..a6.
#[rustfmt::skip]
const OXYGEN_LINES: [[f64; 7]; 44] = [
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

/// Table 2 of P.676-13: water-vapour line frequency f0 (GHz) and b1..b6.
#[rustfmt::skip]
const WATER_VAPOUR_LINES: [[f64; 7]; 35] = [
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

/// State of the atmosphere at one point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Atmosphere {
    /// p: dry-air pressure, hPa.
    pub pressure_hpa: f64,
    /// T: temperature, K.
    pub temperature_k: f64,
    /// rho: water-vapour density, g/m^3.
    pub water_vapour_density_g_m3: f64,
}

impl Atmosphere {
    /// A checked atmosphere: pressure >= 0, temperature > 0 K, water-vapour density >= 0, finite.
    pub fn new(pressure_hpa: f64, temperature_k: f64, water_vapour_density_g_m3: f64) -> Result<Atmosphere> {
        if !(pressure_hpa >= 0.0 && pressure_hpa.is_finite()) {
            return Err(Error::out_of_range("pressure_hpa", pressure_hpa, ">= 0 hPa"));
        }
        if !(temperature_k > 0.0 && temperature_k.is_finite()) {
            return Err(Error::out_of_range("temperature_k", temperature_k, "> 0 K"));
        }
        if !(water_vapour_density_g_m3 >= 0.0 && water_vapour_density_g_m3.is_finite()) {
            return Err(Error::out_of_range(
                "water_vapour_density_g_m3",
                water_vapour_density_g_m3,
                ">= 0 g/m^3",
            ));
        }
        Ok(Atmosphere { pressure_hpa, temperature_k, water_vapour_density_g_m3 })
    }
}

/// Specific attenuation of oxygen (dry air) and water vapour, dB/km.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SpecificAttenuation {
    /// gamma_o: dry air (oxygen lines, Debye and nitrogen continuum), dB/km.
    pub oxygen_db_per_km: f64,
    /// gamma_w: water vapour, dB/km.
    pub water_vapour_db_per_km: f64,
}

impl SpecificAttenuation {
    /// gamma = gamma_o + gamma_w, dB/km (eq. (1)).
    pub fn total_db_per_km(&self) -> f64 {
        self.oxygen_db_per_km + self.water_vapour_db_per_km
    }
}

/// One resonance line prepared for an atmosphere: centre frequency, strength S_i, width Delta f
/// and interference correction delta.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Line {
    f0_ghz: f64,
    s: f64,
    width: f64,
    delta: f64,
}

impl Line {
    /// S_i F_i(f), eq. (5).
    fn absorption(&self, f_ghz: f64) -> f64 {
        let (fi, w, dl) = (self.f0_ghz, self.width, self.delta);
        let shape = f_ghz / fi
            * ((w - dl * (fi - f_ghz)) / ((fi - f_ghz) * (fi - f_ghz) + w * w)
                + (w - dl * (fi + f_ghz)) / ((fi + f_ghz) * (fi + f_ghz) + w * w));
        self.s * shape
    }
}

/// The 79 lines and the dry continuum of P.676-13 Annex 1 prepared for one atmosphere.
#[derive(Debug, Clone)]
pub struct GasLines {
    oxygen: [Line; 44],
    water_vapour: [Line; 35],
    p_hpa: f64,
    theta: f64,
    d_ghz: f64,
}

impl GasLines {
    /// Line strengths and widths for `atm` (eqs (3), (4), (6), (7), (9)).
    pub fn new(atm: Atmosphere) -> GasLines {
        let p_hpa = atm.pressure_hpa;
        let theta = 300.0 / atm.temperature_k;
        let e_hpa = atm.water_vapour_density_g_m3 * atm.temperature_k / 216.7; // eq. (4)
        let theta3 = theta * theta * theta;
        let theta08 = theta.powf(0.8);
        let ln_theta = theta.ln();
        let oxygen = OXYGEN_LINES.map(|[f0, a1, a2, a3, a4, a5, a6]| {
            let s = a1 * 1e-7 * p_hpa * theta3 * (a2 * (1.0 - theta)).exp(); // eq. (3)
            let theta_08_a4 = if a4 == 0.0 { theta08 } else { theta.powf(0.8 - a4) };
            let w = a3 * 1e-4 * (p_hpa * theta_08_a4 + 1.1 * e_hpa * theta); // eq. (6a)
            let width = (w * w + 2.25e-6).sqrt(); // eq. (6b)
            let delta = (a5 + a6 * theta) * 1e-4 * (p_hpa + e_hpa) * theta08; // eq. (7)
            Line { f0_ghz: f0, s, width, delta }
        });
        let theta35 = theta3 * theta.sqrt();
        let water_vapour = WATER_VAPOUR_LINES.map(|[f0, b1, b2, b3, b4, b5, b6]| {
            let s = b1 * 1e-1 * e_hpa * theta35 * (b2 * (1.0 - theta)).exp(); // eq. (3)
                                                                              // theta^b as exp(b ln theta): one exp instead of a pow (same value to 1e-16 relative).
            let w = b3 * 1e-4 * (p_hpa * (b4 * ln_theta).exp() + b5 * e_hpa * (b6 * ln_theta).exp()); // eq. (6a)
            let width = 0.535 * w + (0.217 * w * w + 2.1316e-12 * f0 * f0 / theta).sqrt(); // eq. (6b)
            Line { f0_ghz: f0, s, width, delta: 0.0 } // eq. (7): delta = 0 for water vapour
        });
        let d_ghz = 5.6e-4 * (p_hpa + e_hpa) * theta08; // eq. (9)
        GasLines { oxygen, water_vapour, p_hpa, theta, d_ghz }
    }

    /// Specific attenuation at `f_ghz` (> 0), dB/km (eqs (1), (2), (8)).
    pub fn specific_attenuation(&self, f_ghz: f64) -> SpecificAttenuation {
        let (p, theta, d) = (self.p_hpa, self.theta, self.d_ghz);
        let n_ox: f64 = self.oxygen.iter().map(|l| l.absorption(f_ghz)).sum();
        // Eq. (8): dry continuum.
        let n_d = f_ghz
            * p
            * theta
            * theta
            * (6.14e-5 / (d * (1.0 + (f_ghz / d) * (f_ghz / d)))
                + 1.4e-12 * p * theta.powf(1.5) / (1.0 + 1.9e-5 * f_ghz.powf(1.5)));
        let n_w: f64 = self.water_vapour.iter().map(|l| l.absorption(f_ghz)).sum();
        SpecificAttenuation {
            oxygen_db_per_km: 0.1820 * f_ghz * (n_ox + n_d), // eq. (1)
            water_vapour_db_per_km: 0.1820 * f_ghz * n_w,    // eq. (1)
        }
    }
}

/// Specific attenuation at `f_ghz` for `atm`, dB/km (P.676-13 Annex 1).
pub fn specific_attenuation(f_ghz: f64, atm: Atmosphere) -> SpecificAttenuation {
    GasLines::new(atm).specific_attenuation(f_ghz)
}

/// The P.676 model adapter: specific attenuation in dB/km as `loss_db`.
#[derive(Debug, Clone, Copy)]
pub struct P676;

static INFO: ModelInfo = ModelInfo {
    name: "p676",
    title: "Specific attenuation by atmospheric gases (line-by-line), dB/km",
    source: "ITU-R P.676-13 (08/2022) Annex 1",
    validity: "1-1000 GHz; loss_db is the specific attenuation in dB/km",
    columns: &[
        Column {
            name: "frequency_mhz",
            kind: ColumnKind::Number { unit: "MHz", min: 1.0, max: 2e6 },
            default: None,
            description: "frequency; Annex 1 is valid for 1 000-1 000 000 MHz (warning outside)",
        },
        Column {
            name: "pressure_hpa",
            kind: ColumnKind::Number { unit: "hPa", min: 0.0, max: 2000.0 },
            default: Some("1013.25"),
            description: "dry-air pressure",
        },
        Column {
            name: "temperature_c",
            kind: ColumnKind::Number { unit: "degC", min: -200.0, max: 100.0 },
            default: Some("15"),
            description: "air temperature",
        },
        Column {
            name: "water_vapour_density_g_m3",
            kind: ColumnKind::Number { unit: "g/m^3", min: 0.0, max: 100.0 },
            default: Some("7.5"),
            description: "water-vapour density",
        },
    ],
    intermediates: &["gamma0", "gammaw"],
};

impl PathLossModel for P676 {
    fn info(&self) -> &'static ModelInfo {
        &INFO
    }

    fn evaluate(&self, case: &Case) -> Result<PathLoss> {
        let f_ghz = case.number("frequency_mhz")? / 1e3;
        let atm = Atmosphere::new(
            case.number("pressure_hpa")?,
            case.number("temperature_c")? + 273.15,
            case.number("water_vapour_density_g_m3")?,
        )?;
        let mut warnings = Vec::new();
        check_validity(&mut warnings, "frequency_mhz", f_ghz * 1e3, 1e3, 1e6);
        let g = specific_attenuation(f_ghz, atm);
        Ok(PathLoss {
            loss_db: g.total_db_per_km(),
            intermediates: vec![g.oxygen_db_per_km, g.water_vapour_db_per_km],
            warnings,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn standard() -> Atmosphere {
        Atmosphere::new(1013.25, 288.15, 7.5).unwrap()
    }

    #[test]
    fn dry_air_without_vapour_has_no_water_attenuation() {
        let g = specific_attenuation(22.235, Atmosphere::new(1013.25, 288.15, 0.0).unwrap());
        assert_eq!(g.water_vapour_db_per_km, 0.0);
        assert!(g.oxygen_db_per_km > 0.0);
    }

    #[test]
    fn resonances_are_local_maxima() {
        // The 60 GHz oxygen complex and the 22.235 GHz and 183.31 GHz water lines.
        let lines = GasLines::new(standard());
        let at = |f: f64| lines.specific_attenuation(f);
        assert!(at(60.0).oxygen_db_per_km > 10.0 * at(40.0).oxygen_db_per_km);
        assert!(at(22.235).water_vapour_db_per_km > at(18.0).water_vapour_db_per_km);
        assert!(at(22.235).water_vapour_db_per_km > at(26.0).water_vapour_db_per_km);
        assert!(at(183.31).water_vapour_db_per_km > at(170.0).water_vapour_db_per_km);
    }

    #[test]
    fn water_attenuation_scales_with_density_at_low_pressure() {
        // With p = 0 the lines are pure Doppler/self-broadened; strength is linear in e (eq. (3)),
        // so doubling rho far from a line roughly doubles gamma_w and never decreases it.
        let a = specific_attenuation(10.0, Atmosphere::new(1013.25, 288.15, 5.0).unwrap());
        let b = specific_attenuation(10.0, Atmosphere::new(1013.25, 288.15, 10.0).unwrap());
        assert!(b.water_vapour_db_per_km > 1.9 * a.water_vapour_db_per_km);
    }

    #[test]
    fn bad_atmospheres_are_errors() {
        assert!(Atmosphere::new(-1.0, 288.0, 7.5).is_err());
        assert!(Atmosphere::new(1013.0, 0.0, 7.5).is_err());
        assert!(Atmosphere::new(1013.0, 288.0, f64::NAN).is_err());
    }

    #[test]
    fn adapter_warns_below_one_ghz() {
        let case = Case::from_pairs(&INFO, &[("frequency_mhz", "500")]).unwrap();
        let r = P676.evaluate(&case).unwrap();
        assert_eq!(r.warnings.len(), 1);
        assert!(r.loss_db > 0.0);
        assert!(Case::from_pairs(&INFO, &[("frequency_mhz", "0")]).is_err());
    }
}
