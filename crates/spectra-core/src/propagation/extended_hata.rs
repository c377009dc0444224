//! SEAMCAT's Extended Hata model: the "modified Hata" of ERC Report 68 (rev. 2002, Annex 2) as
//! SEAMCAT implements it (ECC Report 252, SEAMCAT handbook, propagation models annex; also ITU-R
//! SM.2028-2 Annex 1).
//!
//! Validity: 30-3000 MHz, distances up to 100 km, antenna heights 1-200 m (H_m 1-10 m,
//! H_b 30-200 m). Outside, the formulas are evaluated as written with a warning.
//!
//! | symbol     | here |
//! |------------|------|
//! | f          | `f_mhz` |
//! | d          | `d_km` |
//! | H_b, H_m   | `h_b`, `h_m`: the larger and the smaller of the two antenna heights (m) |
//! | a(H_m)     | `a_hm` (eq. A) |
//! | b(H_b)     | `b_hb` (eq. B) |
//! | alpha      | `alpha` (eq. C) |
//! | L          | median loss, dB |
//! | sigma      | standard deviation of the log-normal variation, dB (Table D) |
//!
//! Equations (lettered as in the report's text):
//! - A: a(H_m) = (1.1 log f - 0.7) min(10, H_m) - (1.56 log f - 0.8) + max(0, 20 log(H_m/10))
//! - B: b(H_b) = min(0, 20 log(H_b/30))
//! - C: alpha = 1 for d <= 20 km, else 1 + (0.14 + 1.87e-4 f + 1.07e-3 H_b)(log(d/20))^0.8
//! - Case 1, d <= 0.04 km: L = 32.4 + 20 log f + 10 log(d^2 + (H_b - H_m)^2 / 10^6)
//! - Case 2, d >= 0.1 km, urban: the four frequency bands below, then suburban / open corrections
//! - Case 3, 0.04 < d < 0.1 km: interpolation in log d between L(0.04) and L(0.1)
//! - L is never less than free-space loss in the report's form: L = max(L, L_Case1(d)).
//! - Table D (sigma): 3.5 dB up to 0.04 km; linear to 12 dB (above roof) or 17 dB (below roof)
//!   at 0.1 km; constant to 0.2 km; linear to 9 dB at 0.6 km; 9 dB beyond.
use super::hata::{RX_HEIGHT, TX_HEIGHT};
use super::{check_validity, Case, Column, ColumnKind, ModelInfo, PathLoss, PathLossModel};
use crate::Result;
use statrs::distribution::{ContinuousCDF, Normal};

/// General environment of the Extended Hata model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    /// Urban.
    Urban,
    /// Suburban.
    Suburban,
    /// Rural (open area).
    Rural,
}

/// Whether the lower antenna sees the path above or below the surrounding roof tops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoofTop {
    /// Propagation above roof-top level (the usual outdoor macro cell case).
    Above,
    /// Propagation below roof-top level (street level, short range devices).
    Below,
}

/// Median loss and variation of one path.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ExtendedHataLoss {
    /// Median loss, dB.
    pub median_db: f64,
    /// Standard deviation of the log-normal variation, dB.
    pub sigma_db: f64,
}

/// Median loss, dB, for 0.1 km <= d (urban; suburban/rural corrections applied).
fn case2(f: f64, h_b: f64, h_m: f64, d_km: f64, env: Environment) -> f64 {
    let lf = f.log10();
    let a_hm = (1.1 * lf - 0.7) * h_m.min(10.0) - (1.56 * lf - 0.8) + (20.0 * (h_m / 10.0).log10()).max(0.0); // A
    let b_hb = (20.0 * (h_b / 30.0).log10()).min(0.0); // B
    let alpha = if d_km <= 20.0 {
        1.0
    } else {
        1.0 + (0.14 + 1.87e-4 * f + 1.07e-3 * h_b) * (d_km / 20.0).log10().powf(0.8)
        // C
    };
    let lhb = h_b.max(30.0).log10();
    let slope = (44.9 - 6.55 * lhb) * d_km.log10().powf(alpha);
    let common = -13.82 * lhb + slope - a_hm - b_hb;
    let urban = if f <= 150.0 {
        69.6 + 26.2 * 150f64.log10() - 20.0 * (150.0 / f).log10() + common
    } else if f <= 1500.0 {
        69.6 + 26.2 * lf + common
    } else if f <= 2000.0 {
        46.3 + 33.9 * lf + common
    } else {
        46.3 + 33.9 * 2000f64.log10() + 10.0 * (f / 2000.0).log10() + common
    };
    let fc = f.clamp(150.0, 2000.0).log10();
    match env {
        Environment::Urban => urban,
        Environment::Suburban => urban - 2.0 * (fc - 28f64.log10()).powi(2) - 5.4,
        Environment::Rural => urban - 4.78 * fc * fc + 18.33 * fc - 40.94,
    }
}

/// Extended Hata median loss and variation between antennas at `h1_m` and `h2_m` above ground
/// (either order: H_b is the higher, H_m the lower).
pub fn extended_hata(
    f_mhz: f64,
    d_km: f64,
    h1_m: f64,
    h2_m: f64,
    env: Environment,
    roof: RoofTop,
) -> ExtendedHataLoss {
    let (h_b, h_m) = if h1_m >= h2_m { (h1_m, h2_m) } else { (h2_m, h1_m) };
    let case1 = |d: f64| 32.4 + 20.0 * f_mhz.log10() + 10.0 * (d * d + (h_b - h_m).powi(2) / 1e6).log10();
    let l = if d_km <= 0.04 {
        case1(d_km)
    } else if d_km >= 0.1 {
        case2(f_mhz, h_b, h_m, d_km, env)
    } else {
        let (l04, l1) = (case1(0.04), case2(f_mhz, h_b, h_m, 0.1, env));
        l04 + (d_km.log10() - 0.04f64.log10()) / (0.1f64.log10() - 0.04f64.log10()) * (l1 - l04)
    };
    // The free-space floor is the report's own free-space form, Case 1 (constant 32.4).
    let median_db = l.max(case1(d_km));
    ExtendedHataLoss { median_db, sigma_db: sigma_db(d_km, roof) }
}

/// Standard deviation of the variation, dB (Table D).
pub fn sigma_db(d_km: f64, roof: RoofTop) -> f64 {
    let plateau = match roof {
        RoofTop::Above => 12.0,
        RoofTop::Below => 17.0,
    };
    if d_km <= 0.04 {
        3.5
    } else if d_km <= 0.1 {
        3.5 + (plateau - 3.5) / (0.1 - 0.04) * (d_km - 0.04)
    } else if d_km <= 0.2 {
        plateau
    } else if d_km <= 0.6 {
        plateau + (9.0 - plateau) / (0.6 - 0.2) * (d_km - 0.2)
    } else {
        9.0
    }
}

/// The Extended Hata model as a registered model. `loss_db` is the loss not exceeded at
/// `location_pct` % of locations: median + sigma * Phi^-1(location_pct / 100).
#[derive(Debug, Clone, Copy)]
pub struct ExtendedHata;

static INFO: ModelInfo = ModelInfo {
    name: "extended-hata",
    title: "SEAMCAT Extended Hata (ERC Report 68 modified Hata) with log-normal variation",
    source: "ERC Report 68 (rev. 2002) Annex 2; SEAMCAT handbook (ECC Report 252); ITU-R SM.2028-2",
    validity: "30-3000 MHz, up to 100 km, H_b 30-200 m, H_m 1-10 m",
    columns: &[
        Column {
            name: "frequency_mhz",
            kind: ColumnKind::Number { unit: "MHz", min: 1.0, max: 100_000.0 },
            default: None,
            description: "carrier frequency; valid 30-3000 MHz",
        },
        Column {
            name: "distance_km",
            kind: ColumnKind::Number { unit: "km", min: 0.0, max: 10_000.0 },
            default: None,
            description: "horizontal distance; valid up to 100 km",
        },
        TX_HEIGHT,
        RX_HEIGHT,
        Column {
            name: "environment",
            kind: ColumnKind::Choice(&["urban", "suburban", "rural"]),
            default: Some("urban"),
            description: "general environment",
        },
        Column {
            name: "roof_top",
            kind: ColumnKind::Choice(&["above", "below"]),
            default: Some("above"),
            description: "propagation above or below roof-top level (sets the variation)",
        },
        Column {
            name: "location_pct",
            kind: ColumnKind::Number { unit: "%", min: 1e-6, max: 100.0 - 1e-6 },
            default: Some("50"),
            description: "percentage of locations for which the loss is not exceeded",
        },
    ],
    intermediates: &["median_loss_db", "sigma_db"],
};

impl PathLossModel for ExtendedHata {
    fn info(&self) -> &'static ModelInfo {
        &INFO
    }

    fn evaluate(&self, case: &Case) -> Result<PathLoss> {
        let f = case.number("frequency_mhz")?;
        let d = case.number("distance_km")?;
        let (h1, h2) = (case.number("tx_height_m")?, case.number("rx_height_m")?);
        let env = match case.choice("environment")? {
            "suburban" => Environment::Suburban,
            "rural" => Environment::Rural,
            _ => Environment::Urban,
        };
        let roof = if case.choice("roof_top")? == "below" { RoofTop::Below } else { RoofTop::Above };
        let p = case.number("location_pct")?;
        let mut warnings = Vec::new();
        check_validity(&mut warnings, "frequency_mhz", f, 30.0, 3000.0);
        check_validity(&mut warnings, "distance_km", d, 0.0, 100.0);
        check_validity(&mut warnings, "higher antenna height (m)", h1.max(h2), 30.0, 200.0);
        check_validity(&mut warnings, "lower antenna height (m)", h1.min(h2), 1.0, 10.0);
        let r = extended_hata(f, d, h1, h2, env, roof);
        let z = Normal::standard().inverse_cdf(p / 100.0);
        Ok(PathLoss {
            loss_db: r.median_db + r.sigma_db * z,
            intermediates: vec![r.median_db, r.sigma_db],
            warnings,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urban_900_mhz_hand_worked() {
        // f = 900 MHz, H_b = 30 m, H_m = 1.5 m, d = 5 km, urban, above roof.
        // log f = 2.954243; a(H_m) = (3.249667 - 0.7)*1.5 - (4.608619 - 0.8) = 3.824500 - 3.808619
        //       = 0.015881; b(H_b) = 0; alpha = 1; log H_b = 1.477121
        // L = 69.6 + 26.2*2.954243 - 13.82*1.477121 + (44.9 - 6.55*1.477121)*0.698970 - 0.015881
        //   = 69.6 + 77.401167 - 20.413815 + 24.621102 - 0.015881 = 151.192574 dB
        let r = extended_hata(900.0, 5.0, 30.0, 1.5, Environment::Urban, RoofTop::Above);
        assert!((r.median_db - 151.192574).abs() < 1e-5, "{r:?}");
        assert_eq!(r.sigma_db, 9.0);
        // Heights are symmetric: H_b is the higher antenna whichever end it is.
        let s = extended_hata(900.0, 5.0, 1.5, 30.0, Environment::Urban, RoofTop::Above);
        assert_eq!(r, s);
    }

    #[test]
    fn short_range_is_free_space_like() {
        // Case 1, d <= 40 m: L = 32.4 + 20 log f + 10 log(d^2 + (H_b-H_m)^2/1e6): at d = 0.03 km,
        // f = 1000 MHz, heights 10 m and 1.5 m: 32.4 + 60 + 10 log(9e-4 + 7.225e-5) = 62.277780 dB,
        let r = extended_hata(1000.0, 0.03, 10.0, 1.5, Environment::Urban, RoofTop::Above);
        assert!((r.median_db - (92.4 + 10.0 * (9e-4f64 + 7.225e-5).log10())).abs() < 1e-9, "{r:?}");
        assert_eq!(r.sigma_db, 3.5);
    }

    #[test]
    fn sigma_table() {
        assert_eq!(sigma_db(0.04, RoofTop::Above), 3.5);
        assert!((sigma_db(0.07, RoofTop::Above) - 7.75).abs() < 1e-12);
        assert!((sigma_db(0.07, RoofTop::Below) - 10.25).abs() < 1e-12);
        assert_eq!(sigma_db(0.15, RoofTop::Below), 17.0);
        assert!((sigma_db(0.4, RoofTop::Above) - 10.5).abs() < 1e-12);
        assert_eq!(sigma_db(5.0, RoofTop::Below), 9.0);
    }

    #[test]
    fn continuous_across_case_boundaries() {
        for env in [Environment::Urban, Environment::Suburban, Environment::Rural] {
            for f in [100.0, 450.0, 1800.0, 2600.0] {
                let at = |d: f64| extended_hata(f, d, 30.0, 1.5, env, RoofTop::Above).median_db;
                assert!((at(0.04) - at(0.040_000_001)).abs() < 1e-5);
                assert!((at(0.1) - at(0.099_999_999)).abs() < 1e-5);
                assert!((at(20.0) - at(20.000_001)).abs() < 1e-4);
            }
        }
    }
}
