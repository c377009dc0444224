//! Clutter loss, ITU-R P.2108-1 (09/2021), Annex 1 §3: the three methods.
//!
//! * §3.1 height-gain terminal correction (median loss of a terminal below its local clutter),
//!   0.03–3 GHz, any clutter type of Table 3;
//! * §3.2 statistical clutter loss for terrestrial paths (urban/suburban), 0.5–67 GHz,
//!   d ≥ 0.25 km (≥ 1 km to apply it at both ends), 0 < p < 100 % of locations;
//! * §3.3 statistical clutter loss for Earth-space and aeronautical paths, 10–100 GHz,
//!   0° ≤ θ ≤ 90°, 0 < p < 100 % of locations.
//!
//! Inputs outside those ranges are refused with the return code of the NTIA reference
//! implementation (`NTIA/p2108`, `P2108.h`): §3.1 32 frequency, 33 antenna height, 34 street
//! width, 35 clutter height, 36 clutter type; §3.2 48 frequency, 49 distance, 50 percentage;
//! §3.3 64 frequency, 65 elevation angle, 66 percentage.
//!
//! | here              | P.2108 symbol | meaning                                      |
//! |-------------------|---------------|----------------------------------------------|
//! | `f_ghz`           | f             | frequency, GHz                               |
//! | `h_m`             | h             | antenna height above ground, m               |
//! | `r_m`             | R             | representative clutter height, m (Table 3)   |
//! | `ws_m`            | w_s           | street width, m (default 27 m)               |
//! | `h_dif_m`         | h_dif         | R − h, eq. (2d)                              |
//! | `theta_clut_deg`  | θ_clut        | clearance angle, eq. (2e)                    |
//! | `k_h2`            | K_h2          | eq. (2f)                                     |
//! | `k_nu`            | K_ν           | eq. (2g)                                     |
//! | `nu`              | ν             | diffraction parameter, eq. (2c)              |
//! | `a_h_db`          | A_h           | height-gain correction, eq. (2a)/(2b)        |
//! | `d_km`            | d             | path length, km                              |
//! | `p_pct`           | p             | percentage of locations, %                   |
//! | `l_l_db`          | L_l           | eq. (4a); σ_l = 4 dB eq. (4b)                |
//! | `l_s_db`          | L_s           | eq. (5a); σ_s = 6 dB eq. (5b)                |
//! | `sigma_cb_db`     | σ_cb          | eq. (3b)                                     |
//! | `l_ctt_db`        | L_ctt         | terrestrial clutter loss, eq. (3a), (6)      |
//! | `theta_deg`       | θ             | elevation angle, degrees                     |
//! | `k1`              | K_1           | 93 f^0.175, eq. (7)                          |
//! | `l_ces_db`        | L_ces         | Earth-space clutter loss, eq. (7)            |
//!
//! Q⁻¹ is the inverse complementary standard normal distribution (Rec. ITU-R P.1057), computed
//! here to ~1e-9 relative accuracy ([`inverse_normal_ccdf`]), as the ITU-R SG3 workbook does.
use super::{Case, Column, ColumnKind, ModelInfo, PathLoss, PathLossModel, Warning};
use crate::{Error, Result};
use std::f64::consts::PI;

/// Clutter types of P.2108-1 Table 3 (with the default representative clutter height R).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClutterType {
    /// Water/sea, R = 10 m, eq. (2b).
    WaterSea,
    /// Open/rural, R = 10 m, eq. (2b).
    OpenRural,
    /// Suburban, R = 10 m, eq. (2a).
    Suburban,
    /// Urban, trees/forest, R = 15 m, eq. (2a).
    UrbanTreesForest,
    /// Dense urban, R = 20 m, eq. (2a).
    DenseUrban,
}

impl ClutterType {
    /// Default representative clutter height R of Table 3, m.
    pub fn default_height_m(self) -> f64 {
        match self {
            ClutterType::WaterSea | ClutterType::OpenRural | ClutterType::Suburban => 10.0,
            ClutterType::UrbanTreesForest => 15.0,
            ClutterType::DenseUrban => 20.0,
        }
    }

    /// Parses the command-line words `water-sea`, `open-rural`, `suburban`,
    /// `urban-trees-forest`, `dense-urban`.
    pub fn parse(s: &str) -> Option<ClutterType> {
        Some(match s {
            "water-sea" => ClutterType::WaterSea,
            "open-rural" => ClutterType::OpenRural,
            "suburban" => ClutterType::Suburban,
            "urban-trees-forest" => ClutterType::UrbanTreesForest,
            "dense-urban" => ClutterType::DenseUrban,
            _ => return None,
        })
    }
}

/// An input the reference implementation refuses, with the NTIA return code.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejected {
    /// NTIA/p2108 return code (32–36, 48–50, 64–66).
    pub code: u32,
    /// The offending input.
    pub field: &'static str,
    /// Its value.
    pub value: f64,
    /// The accepted range.
    pub valid: &'static str,
}

impl Rejected {
    fn into_error(self, model: &'static str) -> Error {
        Error::Model {
            model,
            message: format!(
                "{} = {} is out of range: valid {} (ITU-R P.2108 reference return code {})",
                self.field, self.value, self.valid, self.code
            ),
        }
    }
}

fn reject(code: u32, field: &'static str, value: f64, valid: &'static str) -> Rejected {
    Rejected { code, field, value, valid }
}

/// Inverse complementary cumulative standard normal distribution Q⁻¹(q), 0 < q < 1
/// (Rec. ITU-R P.1057): the x with P(X > x) = q for X ~ N(0, 1).
///
/// P. J. Acklam's rational approximation (relative error below 1.15e-9), enough for every use
/// here (σ ≤ 15 dB gives < 2e-8 dB). Returns ±∞ at q = 0 or 1 and NaN outside [0, 1].
pub fn inverse_normal_ccdf(q: f64) -> f64 {
    -inverse_normal_cdf(q)
}

/// Inverse cumulative standard normal distribution Φ⁻¹(p), 0 < p < 1 (Acklam's algorithm).
pub fn inverse_normal_cdf(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969683028665376e+01,
        2.209460984245205e+02,
        -2.759285104469687e+02,
        1.383577518672690e+02,
        -3.066479806614716e+01,
        2.506628277459239e+00,
    ];
    const B: [f64; 5] = [
        -5.447609879822406e+01,
        1.615858368580409e+02,
        -1.556989798598866e+02,
        6.680131188771972e+01,
        -1.328068155288572e+01,
    ];
    const C: [f64; 6] = [
        -7.784894002430293e-03,
        -3.223964580411365e-01,
        -2.400758277161838e+00,
        -2.549732539343734e+00,
        4.374664141464968e+00,
        2.938163982698783e+00,
    ];
    const D: [f64; 4] =
        [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
    const P_LOW: f64 = 0.02425;
    if p.is_nan() || !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    if p == 0.0 {
        return f64::NEG_INFINITY;
    }
    if p == 1.0 {
        return f64::INFINITY;
    }
    let tail = |q: f64| {
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    if p < P_LOW {
        tail((-2.0 * p.ln()).sqrt())
    } else if p <= 1.0 - P_LOW {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    } else {
        -tail((-2.0 * (1.0 - p).ln()).sqrt())
    }
}

/// Intermediate values of the height-gain terminal correction (§3.1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HeightGain {
    /// A_h, dB (eq. (2a) or (2b)); 0 when h ≥ R.
    pub a_h_db: f64,
    /// R used, m.
    pub r_m: f64,
    /// h_dif = R − h, m, eq. (2d).
    pub h_dif_m: f64,
    /// θ_clut, degrees, eq. (2e).
    pub theta_clut_deg: f64,
    /// K_h2, eq. (2f).
    pub k_h2: f64,
    /// ν, eq. (2c).
    pub nu: f64,
}

/// §3.1 height-gain terminal correction A_h (dB) for an antenna `h_m` above ground in clutter
/// `clutter` of representative height `r_m` (None: Table 3 default) and street width `ws_m`.
pub fn height_gain_correction(
    f_ghz: f64,
    h_m: f64,
    ws_m: f64,
    r_m: Option<f64>,
    clutter: ClutterType,
) -> std::result::Result<HeightGain, Rejected> {
    let r_m = r_m.unwrap_or_else(|| clutter.default_height_m());
    if !(0.03..=3.0).contains(&f_ghz) {
        return Err(reject(32, "frequency_mhz", f_ghz * 1e3, "[30, 3000] MHz"));
    }
    if h_m.is_nan() || h_m <= 0.0 {
        return Err(reject(33, "rx_height_m", h_m, "> 0 m"));
    }
    if ws_m.is_nan() || ws_m <= 0.0 {
        return Err(reject(34, "street_width_m", ws_m, "> 0 m"));
    }
    if r_m.is_nan() || r_m <= 0.0 {
        return Err(reject(35, "clutter_height_m", r_m, "> 0 m"));
    }
    let h_dif_m = r_m - h_m; // (2d)
    let theta_clut_deg = (h_dif_m / ws_m).atan().to_degrees(); // (2e)
    let k_h2 = 21.8 + 6.2 * f_ghz.log10(); // (2f)
    let k_nu = 0.342 * f_ghz.sqrt(); // (2g)
    let nu = k_nu * (h_dif_m * theta_clut_deg).sqrt(); // (2c); NaN when h > R (unused then)
    let a_h_db = if h_m >= r_m {
        0.0
    } else {
        match clutter {
            ClutterType::WaterSea | ClutterType::OpenRural => -k_h2 * (h_m / r_m).log10(), // (2b)
            _ => knife_edge_j_db(nu) - 6.03,                                               // (2a)
        }
    };
    Ok(HeightGain { a_h_db, r_m, h_dif_m, theta_clut_deg, k_h2, nu })
}

/// Knife-edge diffraction loss J(ν) of Rec. ITU-R P.526 used in eq. (2a), dB.
fn knife_edge_j_db(nu: f64) -> f64 {
    if nu <= -0.78 {
        0.0
    } else {
        6.9 + 20.0 * (((nu - 0.1).powi(2) + 1.0).sqrt() + nu - 0.1).log10()
    }
}

/// Intermediate values of the terrestrial statistical model (§3.2).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TerrestrialClutter {
    /// L_ctt, dB, eq. (3a) limited by eq. (6) (its value at 2 km).
    pub l_ctt_db: f64,
    /// L_l, dB, eq. (4a).
    pub l_l_db: f64,
    /// L_s at the path length, dB, eq. (5a).
    pub l_s_db: f64,
    /// σ_cb at the path length, dB, eq. (3b).
    pub sigma_cb_db: f64,
    /// L_ctt at d = 2 km, the upper limit of eq. (6), dB.
    pub l_ctt_2km_db: f64,
}

/// §3.2 clutter loss L_ctt (dB) not exceeded for `p_pct` % of locations on a terrestrial path of
/// `d_km`, applied at one end of the path.
pub fn terrestrial_clutter_loss(
    f_ghz: f64,
    d_km: f64,
    p_pct: f64,
) -> std::result::Result<TerrestrialClutter, Rejected> {
    if !(0.5..=67.0).contains(&f_ghz) {
        return Err(reject(48, "frequency_mhz", f_ghz * 1e3, "[500, 67000] MHz"));
    }
    if d_km.is_nan() || d_km < 0.25 {
        return Err(reject(49, "distance_km", d_km, ">= 0.25 km"));
    }
    if p_pct.is_nan() || p_pct <= 0.0 || p_pct >= 100.0 {
        return Err(reject(50, "location_pct", p_pct, "(0, 100) %"));
    }
    let q_inv = inverse_normal_ccdf(p_pct / 100.0);
    let l_l_db = -2.0 * (10f64.powf(-5.0 * f_ghz.log10() - 12.5) + 10f64.powf(-16.5)).log10(); // (4a)
    let at = |d_km: f64| {
        const SIGMA_L_DB: f64 = 4.0; // (4b)
        const SIGMA_S_DB: f64 = 6.0; // (5b)
        let l_s_db = 32.98 + 23.9 * d_km.log10() + 3.0 * f_ghz.log10(); // (5a)
        let (wl, ws) = (10f64.powf(-0.2 * l_l_db), 10f64.powf(-0.2 * l_s_db));
        let sigma_cb_db = ((SIGMA_L_DB.powi(2) * wl + SIGMA_S_DB.powi(2) * ws) / (wl + ws)).sqrt(); // (3b)
        let l_ctt_db = -5.0 * (wl + ws).log10() - sigma_cb_db * q_inv; // (3a)
        (l_ctt_db, l_s_db, sigma_cb_db)
    };
    let (l_d_db, l_s_db, sigma_cb_db) = at(d_km);
    let (l_ctt_2km_db, _, _) = at(2.0);
    Ok(TerrestrialClutter {
        l_ctt_db: l_d_db.min(l_ctt_2km_db), // (6): not more than the 2 km value
        l_l_db,
        l_s_db,
        sigma_cb_db,
        l_ctt_2km_db,
    })
}

/// §3.3 clutter loss L_ces (dB) not exceeded for `p_pct` % of locations for an Earth-space or
/// aeronautical path at elevation `theta_deg`, eq. (7). Returns (L_ces, K_1).
pub fn aeronautical_clutter_loss(
    f_ghz: f64,
    theta_deg: f64,
    p_pct: f64,
) -> std::result::Result<(f64, f64), Rejected> {
    if !(10.0..=100.0).contains(&f_ghz) {
        return Err(reject(64, "frequency_mhz", f_ghz * 1e3, "[10000, 100000] MHz"));
    }
    if !(0.0..=90.0).contains(&theta_deg) {
        return Err(reject(65, "elevation_deg", theta_deg, "[0, 90] degrees"));
    }
    if p_pct.is_nan() || p_pct <= 0.0 || p_pct >= 100.0 {
        return Err(reject(66, "location_pct", p_pct, "(0, 100) %"));
    }
    const A1: f64 = 0.05;
    let k1 = 93.0 * f_ghz.powf(0.175);
    let cot = 1.0 / (A1 * (1.0 - theta_deg / 90.0) + PI * theta_deg / 180.0).tan();
    let l_ces_db = (-k1 * (1.0 - p_pct / 100.0).ln() * cot).powf(0.5 * (90.0 - theta_deg) / 90.0)
        - 1.0
        - 0.6 * inverse_normal_ccdf(p_pct / 100.0); // (7)
    Ok((l_ces_db, k1))
}

/// A deliberately wide hard domain: the reference's own range checks (with its return codes)
/// run in `evaluate`, so out-of-range values reach them.
const fn any(unit: &'static str) -> ColumnKind {
    ColumnKind::Number { unit, min: -1e9, max: 1e9 }
}

const CLUTTER_TYPES: &[&str] = &["water-sea", "open-rural", "suburban", "urban-trees-forest", "dense-urban"];

/// P.2108 §3.1 height-gain terminal correction as a [`PathLossModel`].
#[derive(Debug, Clone, Copy)]
pub struct P2108HeightGain;

static HEIGHT_GAIN_INFO: ModelInfo = ModelInfo {
    name: "p2108-height-gain",
    title: "Height-gain terminal clutter correction (median), P.2108 §3.1",
    source: "ITU-R P.2108-1 (09/2021) Annex 1 §3.1",
    validity: "30-3000 MHz; terminal height > 0 m; refused outside with NTIA return codes 32-36",
    columns: &[
        Column {
            name: "frequency_mhz",
            kind: any("MHz"),
            default: None,
            description: "carrier frequency, 30-3000 MHz (return code 32 outside)",
        },
        Column {
            name: "rx_height_m",
            kind: any("m"),
            default: None,
            description: "antenna height above ground of the terminal in clutter, > 0 m (code 33)",
        },
        Column {
            name: "clutter_type",
            kind: ColumnKind::Choice(CLUTTER_TYPES),
            default: None,
            description: "P.2108 Table 3 clutter type",
        },
        Column {
            name: "clutter_height_m",
            kind: any("m"),
            default: Some("0"),
            description: "representative clutter height R, > 0 m (code 35); 0 or absent: Table 3 default \
                          (10 m water-sea/open-rural/suburban, 15 m urban-trees-forest, 20 m dense-urban)",
        },
        Column {
            name: "street_width_m",
            kind: any("m"),
            default: Some("27"),
            description: "street width w_s, > 0 m (code 34)",
        },
    ],
    intermediates: &["clutter_height_used_m", "h_dif_m", "theta_clut_deg", "k_h2", "nu"],
};

impl PathLossModel for P2108HeightGain {
    fn info(&self) -> &'static ModelInfo {
        &HEIGHT_GAIN_INFO
    }

    fn evaluate(&self, case: &Case) -> Result<PathLoss> {
        let f_ghz = case.number("frequency_mhz")? / 1e3;
        let h_m = case.number("rx_height_m")?;
        let word = case.choice("clutter_type")?;
        let clutter = ClutterType::parse(word).ok_or_else(|| Error::InvalidChoice {
            field: "clutter_type".into(),
            value: word.into(),
            expected: CLUTTER_TYPES.join(", "),
        })?;
        let r = case.number("clutter_height_m")?;
        let ws_m = case.number("street_width_m")?;
        let g = height_gain_correction(f_ghz, h_m, ws_m, (r != 0.0).then_some(r), clutter)
            .map_err(|e| e.into_error("p2108-height-gain"))?;
        Ok(PathLoss {
            loss_db: g.a_h_db,
            intermediates: vec![g.r_m, g.h_dif_m, g.theta_clut_deg, g.k_h2, g.nu],
            warnings: vec![],
        })
    }
}

/// P.2108 §3.2 terrestrial statistical clutter loss as a [`PathLossModel`].
#[derive(Debug, Clone, Copy)]
pub struct P2108Terrestrial;

static TERRESTRIAL_INFO: ModelInfo = ModelInfo {
    name: "p2108-terrestrial",
    title: "Statistical clutter loss for terrestrial paths (one end), P.2108 §3.2",
    source: "ITU-R P.2108-1 (09/2021) Annex 1 §3.2",
    validity: "500-67000 MHz, d >= 0.25 km (>= 1 km to apply at both ends), 0 < p < 100 %; \
               refused outside with NTIA return codes 48-50",
    columns: &[
        Column {
            name: "frequency_mhz",
            kind: any("MHz"),
            default: None,
            description: "carrier frequency, 500-67000 MHz (return code 48 outside)",
        },
        Column {
            name: "distance_km",
            kind: any("km"),
            default: None,
            description: "path length, >= 0.25 km (code 49)",
        },
        Column {
            name: "location_pct",
            kind: any("%"),
            default: None,
            description: "percentage of locations for which the loss is not exceeded, 0 < p < 100 (code 50)",
        },
    ],
    intermediates: &["l_l_db", "l_s_db", "sigma_cb_db", "l_ctt_2km_db"],
};

impl PathLossModel for P2108Terrestrial {
    fn info(&self) -> &'static ModelInfo {
        &TERRESTRIAL_INFO
    }

    fn evaluate(&self, case: &Case) -> Result<PathLoss> {
        let d_km = case.number("distance_km")?;
        let t =
            terrestrial_clutter_loss(case.number("frequency_mhz")? / 1e3, d_km, case.number("location_pct")?)
                .map_err(|e| e.into_error("p2108-terrestrial"))?;
        let mut warnings = vec![];
        if d_km < 1.0 {
            // §3.2: below 1 km the correction may be applied at one end of the path only.
            warnings.push(Warning::new(
                "p2108_one_end_only",
                format!("distance_km = {d_km} < 1 km: apply the clutter loss at one end of the path only"),
            ));
        }
        Ok(PathLoss {
            loss_db: t.l_ctt_db,
            intermediates: vec![t.l_l_db, t.l_s_db, t.sigma_cb_db, t.l_ctt_2km_db],
            warnings,
        })
    }
}

/// P.2108 §3.3 Earth-space / aeronautical statistical clutter loss as a [`PathLossModel`].
#[derive(Debug, Clone, Copy)]
pub struct P2108Aeronautical;

static AERONAUTICAL_INFO: ModelInfo = ModelInfo {
    name: "p2108-aeronautical",
    title: "Statistical clutter loss for Earth-space and aeronautical paths, P.2108 §3.3",
    source: "ITU-R P.2108-1 (09/2021) Annex 1 §3.3",
    validity: "10000-100000 MHz, elevation 0-90 degrees, 0 < p < 100 %; refused outside with NTIA \
               return codes 64-66",
    columns: &[
        Column {
            name: "frequency_mhz",
            kind: any("MHz"),
            default: None,
            description: "carrier frequency, 10000-100000 MHz (return code 64 outside)",
        },
        Column {
            name: "elevation_deg",
            kind: any("degrees"),
            default: None,
            description: "elevation angle of the path at the terminal in clutter, 0-90 degrees (code 65)",
        },
        Column {
            name: "location_pct",
            kind: any("%"),
            default: None,
            description: "percentage of locations for which the loss is not exceeded, 0 < p < 100 (code 66)",
        },
    ],
    intermediates: &["k1"],
};

impl PathLossModel for P2108Aeronautical {
    fn info(&self) -> &'static ModelInfo {
        &AERONAUTICAL_INFO
    }

    fn evaluate(&self, case: &Case) -> Result<PathLoss> {
        let (l_ces_db, k1) = aeronautical_clutter_loss(
            case.number("frequency_mhz")? / 1e3,
            case.number("elevation_deg")?,
            case.number("location_pct")?,
        )
        .map_err(|e| e.into_error("p2108-aeronautical"))?;
        Ok(PathLoss { loss_db: l_ces_db, intermediates: vec![k1], warnings: vec![] })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn inverse_normal_known_quantiles() {
        // Φ⁻¹(0.975) = 1.959963984540054, Φ⁻¹(0.5) = 0, Φ⁻¹(1e-5) = -4.264890793922825.
        assert!((inverse_normal_cdf(0.975) - 1.959963984540054).abs() < 5e-9);
        assert_eq!(inverse_normal_cdf(0.5), 0.0);
        assert!((inverse_normal_cdf(1e-5) + 4.264890793922825).abs() < 5e-9);
        assert!((inverse_normal_ccdf(0.1) - 1.2815515655446004).abs() < 5e-9);
    }

    #[test]
    fn height_gain_hand_worked() {
        // Open/rural, f = 1.5 GHz, h = 2 m, R = 10 m: eq. (2f) K_h2 = 21.8 + 6.2 log10(1.5),
        // eq. (2b) A_h = -K_h2 log10(2/10) = 16.0 dB (NTIA case 3: 16).
        let g = height_gain_correction(1.5, 2.0, 27.0, None, ClutterType::OpenRural).unwrap();
        let k = 21.8 + 6.2 * 1.5f64.log10();
        assert!((g.a_h_db - k * 5f64.log10()).abs() < 1e-12);
        // Above the clutter there is no correction.
        let g = height_gain_correction(1.5, 12.0, 27.0, None, ClutterType::Suburban).unwrap();
        assert_eq!(g.a_h_db, 0.0);
    }

    #[test]
    fn rejects_with_reference_codes() {
        let c = |r: std::result::Result<HeightGain, Rejected>| r.unwrap_err().code;
        assert_eq!(c(height_gain_correction(0.02, 2.0, 27.0, None, ClutterType::Suburban)), 32);
        assert_eq!(c(height_gain_correction(1.0, 0.0, 27.0, None, ClutterType::Suburban)), 33);
        assert_eq!(c(height_gain_correction(1.0, 1.0, 0.0, None, ClutterType::Suburban)), 34);
        assert_eq!(c(height_gain_correction(1.0, 1.0, 27.0, Some(0.0), ClutterType::Suburban)), 35);
        assert_eq!(terrestrial_clutter_loss(10.0, 0.24, 50.0).unwrap_err().code, 49);
        assert_eq!(aeronautical_clutter_loss(18.0, 90.1, 50.0).unwrap_err().code, 65);
    }

    proptest! {
        #[test]
        fn terrestrial_loss_grows_with_location_percentage(f in 0.5f64..67.0, d in 0.25f64..50.0,
                                                           p in 1.0f64..98.0) {
            let a = terrestrial_clutter_loss(f, d, p).unwrap().l_ctt_db;
            let b = terrestrial_clutter_loss(f, d, p + 1.0).unwrap().l_ctt_db;
            prop_assert!(b > a);
        }

        #[test]
        fn inverse_normal_is_odd(q in 1e-6f64..0.5) {
            prop_assert!((inverse_normal_ccdf(q) + inverse_normal_ccdf(1.0 - q)).abs() < 1e-8);
        }
    }
}
