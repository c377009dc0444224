//! Building entry loss, ITU-R P.2109-1 (08/2019), Annex 1 §3 (coefficients unchanged in
//! P.2109-2).
//!
//! Validity: 80 MHz – 100 GHz, elevation angle at the façade −90°…90°, probability
//! 0 < P < 100 %. As in the ITU-R SG3 reference (`eeveetza/p2109`, `bel_p2109.m`), a frequency
//! outside 80 MHz – 100 GHz is computed with a warning; a probability outside (0, 100) % (the
//! inverse normal distribution is infinite there) or an elevation outside ±90° is refused.
//! NTIA's P.2109 implementation (which has numeric return codes) is not available to us, so
//! there are no reference return codes to reproduce for this model.
//!
//! | here          | P.2109 symbol | meaning                                                 |
//! |---------------|---------------|---------------------------------------------------------|
//! | `f_ghz`       | f             | frequency, GHz                                          |
//! | `p_pct`       | P             | probability that the loss is not exceeded, %            |
//! | `theta_deg`   | θ             | elevation angle of the path at the façade, degrees      |
//! | `l_e_db`      | L_e           | elevation correction 0.212 |θ|, eq. (10)                |
//! | `l_h_db`      | L_h           | horizontal-path median loss r + s log f + t log²f, (9)  |
//! | `mu1_db`      | μ1            | L_h + L_e, eq. (5)                                      |
//! | `mu2_db`      | μ2            | w + x log f, eq. (6)                                    |
//! | `sigma1_db`   | σ1            | u + v log f, eq. (7)                                    |
//! | `sigma2_db`   | σ2            | y + z log f, eq. (8)                                    |
//! | `a_db`        | A(P)          | F⁻¹(P) σ1 + μ1, eq. (2)                                 |
//! | `b_db`        | B(P)          | F⁻¹(P) σ2 + μ2, eq. (3)                                 |
//! | `C_DB`        | C             | −3 dB, eq. (4)                                          |
//! | `l_bel_db`    | L_BEL(P)      | 10 log(10^0.1A + 10^0.1B + 10^0.1C), eq. (1)            |
//!
//! F⁻¹ is the inverse cumulative standard normal distribution (Rec. ITU-R P.1057).
use super::p2108::inverse_normal_cdf;
use super::{check_validity, Case, Column, ColumnKind, ModelInfo, PathLoss, PathLossModel};
use crate::{Error, Result};

/// Building class of P.2109 Table 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BuildingType {
    /// Traditional building.
    Traditional,
    /// Thermally-efficient building (metallised glass, foil-backed panels).
    ThermallyEfficient,
}

/// Coefficients r, s, t, u, v, w, x, y, z of P.2109 Table 1.
fn coefficients(b: BuildingType) -> [f64; 9] {
    match b {
        BuildingType::Traditional => [12.64, 3.72, 0.96, 9.6, 2.0, 9.1, -3.0, 4.5, -2.0],
        BuildingType::ThermallyEfficient => [28.19, -3.00, 8.48, 13.5, 3.8, 27.8, -2.9, 9.4, -2.1],
    }
}

/// C of eq. (4), dB.
const C_DB: f64 = -3.0;

/// The building entry loss and its intermediate values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BuildingEntryLoss {
    /// L_BEL(P), dB, eq. (1).
    pub l_bel_db: f64,
    /// A(P), dB, eq. (2).
    pub a_db: f64,
    /// B(P), dB, eq. (3).
    pub b_db: f64,
    /// μ1, dB, eq. (5).
    pub mu1_db: f64,
    /// μ2, dB, eq. (6).
    pub mu2_db: f64,
    /// σ1, dB, eq. (7).
    pub sigma1_db: f64,
    /// σ2, dB, eq. (8).
    pub sigma2_db: f64,
}

/// Building entry loss not exceeded with probability `p_pct` %, P.2109 eq. (1)–(10).
/// Errors when `p_pct` is outside (0, 100) or `theta_deg` outside [−90, 90].
pub fn building_entry_loss(
    f_ghz: f64,
    p_pct: f64,
    building: BuildingType,
    theta_deg: f64,
) -> Result<BuildingEntryLoss> {
    if p_pct.is_nan() || p_pct <= 0.0 || p_pct >= 100.0 {
        return Err(Error::out_of_range("probability_pct", p_pct, "0 < P < 100 %"));
    }
    if !(-90.0..=90.0).contains(&theta_deg) {
        return Err(Error::out_of_range("elevation_deg", theta_deg, "[-90, 90] degrees"));
    }
    if f_ghz.is_nan() || f_ghz <= 0.0 {
        return Err(Error::out_of_range("frequency_mhz", f_ghz * 1e3, "> 0 MHz"));
    }
    let [r, s, t, u, v, w, x, y, z] = coefficients(building);
    let lf = f_ghz.log10();
    let l_e_db = 0.212 * theta_deg.abs(); // (10)
    let l_h_db = r + s * lf + t * lf * lf; // (9)
    let sigma2_db = y + z * lf; // (8)
    let sigma1_db = u + v * lf; // (7)
    let mu2_db = w + x * lf; // (6)
    let mu1_db = l_h_db + l_e_db; // (5)
    let f_inv = inverse_normal_cdf(p_pct / 100.0);
    let a_db = f_inv * sigma1_db + mu1_db; // (2)
    let b_db = f_inv * sigma2_db + mu2_db; // (3)
    let l_bel_db = 10.0 * (10f64.powf(0.1 * a_db) + 10f64.powf(0.1 * b_db) + 10f64.powf(0.1 * C_DB)).log10(); // (1)
    Ok(BuildingEntryLoss { l_bel_db, a_db, b_db, mu1_db, mu2_db, sigma1_db, sigma2_db })
}

/// P.2109 building entry loss as a [`PathLossModel`].
#[derive(Debug, Clone, Copy)]
pub struct P2109;

const BUILDING_TYPES: &[&str] = &["traditional", "thermally-efficient"];

static INFO: ModelInfo = ModelInfo {
    name: "p2109",
    title: "Building entry loss (traditional and thermally-efficient buildings)",
    source: "ITU-R P.2109-1 (08/2019) Annex 1 (coefficients as P.2109-2)",
    validity: "80-100000 MHz (warning outside), elevation -90..90 degrees, 0 < P < 100 %",
    columns: &[
        Column {
            name: "frequency_mhz",
            kind: ColumnKind::Number { unit: "MHz", min: f64::MIN_POSITIVE, max: 1e9 },
            default: None,
            description: "carrier frequency; validity 80-100000 MHz (warning outside)",
        },
        Column {
            name: "probability_pct",
            kind: ColumnKind::Number { unit: "%", min: f64::MIN_POSITIVE, max: 100.0 - 1e-12 },
            default: None,
            description: "probability that the loss is not exceeded, 0 < P < 100 %",
        },
        Column {
            name: "building_type",
            kind: ColumnKind::Choice(BUILDING_TYPES),
            default: None,
            description: "P.2109 Table 1 building class",
        },
        Column {
            name: "elevation_deg",
            kind: ColumnKind::Number { unit: "degrees", min: -90.0, max: 90.0 },
            default: Some("0"),
            description: "elevation angle of the path at the building facade",
        },
    ],
    intermediates: &["a_db", "b_db", "mu1_db", "mu2_db", "sigma1_db", "sigma2_db"],
};

impl PathLossModel for P2109 {
    fn info(&self) -> &'static ModelInfo {
        &INFO
    }

    fn evaluate(&self, case: &Case) -> Result<PathLoss> {
        let f_mhz = case.number("frequency_mhz")?;
        let building = match case.choice("building_type")? {
            "traditional" => BuildingType::Traditional,
            _ => BuildingType::ThermallyEfficient,
        };
        let mut warnings = Vec::new();
        check_validity(&mut warnings, "frequency_mhz", f_mhz, 80.0, 100e3);
        let b = building_entry_loss(
            f_mhz / 1e3,
            case.number("probability_pct")?,
            building,
            case.number("elevation_deg")?,
        )?;
        Ok(PathLoss {
            loss_db: b.l_bel_db,
            intermediates: vec![b.a_db, b.b_db, b.mu1_db, b.mu2_db, b.sigma1_db, b.sigma2_db],
            warnings,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn median_hand_worked() {
        // At P = 50 %, F⁻¹ = 0: A = μ1, B = μ2. Traditional, 1 GHz, θ = 0: μ1 = r = 12.64,
        // μ2 = w = 9.1, so L = 10 log10(10^1.264 + 10^0.91 + 10^-0.3).
        let b = building_entry_loss(1.0, 50.0, BuildingType::Traditional, 0.0).unwrap();
        let expect = 10.0 * (10f64.powf(1.264) + 10f64.powf(0.91) + 10f64.powf(-0.3)).log10();
        assert!((b.l_bel_db - expect).abs() < 1e-12);
    }

    #[test]
    fn refuses_undefined_probability() {
        assert!(building_entry_loss(1.0, 0.0, BuildingType::Traditional, 0.0).is_err());
        assert!(building_entry_loss(1.0, 100.0, BuildingType::Traditional, 0.0).is_err());
        assert!(building_entry_loss(1.0, 50.0, BuildingType::Traditional, 91.0).is_err());
    }

    proptest! {
        #[test]
        fn loss_grows_with_probability(f in 0.08f64..100.0, p in 0.01f64..98.0, th in -90.0f64..90.0) {
            for b in [BuildingType::Traditional, BuildingType::ThermallyEfficient] {
                let lo = building_entry_loss(f, p, b, th).unwrap().l_bel_db;
                let hi = building_entry_loss(f, p + 1.0, b, th).unwrap().l_bel_db;
                prop_assert!(hi > lo);
            }
        }
    }
}
