//! Thin [`PathLossModel`] adapters `itm-p2p` and `itm-area` over [`p2p`] and [`area`].
use super::{
    area, p2p, AreaParams, Climate, ItmError, ItmParams, ItmResult, Mdvar, Pfl, Polarization, Quantiles,
    RefractivityConvention, SitingCriteria,
};
use crate::propagation::{Case, Column, ColumnKind, ModelInfo, PathLoss, PathLossModel, Warning};
use crate::{Error, Result};

/// `itm-p2p`: ITM 1.4 point-to-point mode over a terrain profile.
#[derive(Debug, Clone, Copy)]
pub struct ItmP2pModel;

/// `itm-area`: ITM 1.4 area mode.
#[derive(Debug, Clone, Copy)]
pub struct ItmAreaModel;

/// Numbers are passed on unchecked (except NaN and infinities) so that ITM itself reports its
/// error code for out-of-range values.
const fn any(unit: &'static str) -> ColumnKind {
    ColumnKind::Number { unit, min: f64::MIN, max: f64::MAX }
}

const CLIMATES: &[&str] = &[
    "1",
    "2",
    "3",
    "4",
    "5",
    "6",
    "7",
    "equatorial",
    "continental_subtropical",
    "maritime_subtropical",
    "desert",
    "continental_temperate",
    "maritime_temperate_over_land",
    "maritime_temperate_over_sea",
];
const SITINGS: &[&str] = &["0", "1", "2", "random", "careful", "very_careful"];
const CONVENTIONS: &[&str] = &["scale_by_elevation", "surface"];

macro_rules! col {
    ($name:literal, $kind:expr, $default:expr, $desc:literal) => {
        Column { name: $name, kind: $kind, default: $default, description: $desc }
    };
}

const PROFILE: Column =
    col!("profile", ColumnKind::Profile, None, "terrain profile from TX to RX, equally spaced points");
const TX_HEIGHT: Column = col!("tx_height_m", any("m"), None, "TX structural antenna height above ground; ITM error 1000 outside [0.5, 3000] m, warning outside [1, 1000] m");
const RX_HEIGHT: Column = col!("rx_height_m", any("m"), None, "RX structural antenna height above ground; ITM error 1001 outside [0.5, 3000] m, warning outside [1, 1000] m");
const FREQUENCY: Column = col!(
    "frequency_mhz",
    any("MHz"),
    None,
    "frequency; ITM error 1009 outside [20, 20000] MHz, warning outside [40, 10000] MHz"
);
const CLIMATE: Column =
    col!("climate", ColumnKind::Choice(CLIMATES), Some("5"), "radio climate, code 1-7 or name");
const N0: Column =
    col!("n0", any("N-units"), Some("301"), "refractivity N_0 (ITM error 1008 outside [250, 400])");
const REFRACTIVITY: Column = col!("refractivity", ColumnKind::Choice(CONVENTIONS), Some("scale_by_elevation"), "scale_by_elevation: N_s = N_0 exp(-h_sys / 9460 m) as ITM 1.4; surface: n0 is N_s itself, as the ITS QKPFL sample");
const POLARIZATION: Column =
    col!("polarization", ColumnKind::Choice(&["horizontal", "vertical"]), None, "antenna polarisation");
const EPSILON: Column =
    col!("epsilon", any(""), Some("15"), "relative permittivity of the ground (>= 1, else ITM error 1011)");
const SIGMA: Column =
    col!("sigma", any("S/m"), Some("0.005"), "ground conductivity (> 0, else ITM error 1012)");
const MDVAR: Column = col!("mdvar", any(""), None, "mode of variability: 0 single message, 1 accidental, 2 mobile, 3 broadcast; +10 no location variability, +20 no direct situation variability (else ITM error 1014)");
const TIME: Column =
    col!("time_pct", any("%"), Some("50"), "time percentage, 0 < x < 100 (else ITM error 1003)");
const LOCATION: Column =
    col!("location_pct", any("%"), Some("50"), "location percentage, 0 < x < 100 (else ITM error 1004)");
const SITUATION: Column =
    col!("situation_pct", any("%"), Some("50"), "situation percentage, 0 < x < 100 (else ITM error 1005)");
const CONFIDENCE: Column = col!("confidence_pct", any("%"), Some("-1"), "confidence percentage, 0 < x < 100 (else ITM error 1006); giving confidence_pct and reliability_pct selects the CR variant and the TLS percentages are ignored; -1 = not used");
const RELIABILITY: Column = col!(
    "reliability_pct",
    any("%"),
    Some("-1"),
    "reliability percentage of the CR variant, 0 < x < 100 (else ITM error 1007); -1 = not used"
);
const DISTANCE: Column = col!("distance_km", any("km"), None, "path distance (> 0, else ITM error 1017)");
const DELTA_H: Column =
    col!("delta_h_m", any("m"), None, "terrain irregularity Delta h (>= 0, else ITM error 1018)");
const TX_SITING: Column = col!(
    "tx_siting",
    ColumnKind::Choice(SITINGS),
    Some("0"),
    "TX siting criteria: 0 random, 1 careful, 2 very careful"
);
const RX_SITING: Column = col!(
    "rx_siting",
    ColumnKind::Choice(SITINGS),
    Some("0"),
    "RX siting criteria: 0 random, 1 careful, 2 very careful"
);

/// Intermediate output columns of both ITM models.
const INTERMEDIATES: &[&str] = &[
    "a_fs_db",
    "a_ref_db",
    "variability_db",
    "d_km",
    "theta_hzn_tx_mrad",
    "theta_hzn_rx_mrad",
    "d_hzn_tx_m",
    "d_hzn_rx_m",
    "h_e_tx_m",
    "h_e_rx_m",
    "n_s",
    "delta_h_m",
    "mode",
    "warning_flags",
];

static P2P_INFO: ModelInfo = ModelInfo {
    name: "itm-p2p",
    title: "Irregular Terrain Model (Longley-Rice), point-to-point mode",
    source: "NTIA/ITS ITM 1.4 (Longley-Rice, ERL 79-ITS 67; Hufford 1995 Algorithm)",
    validity: "20 MHz-20 GHz (best 40 MHz-10 GHz), antennas 0.5-3000 m (best 1-1000 m), paths 1-2000 km",
    columns: &[
        PROFILE,
        TX_HEIGHT,
        RX_HEIGHT,
        FREQUENCY,
        CLIMATE,
        N0,
        REFRACTIVITY,
        POLARIZATION,
        EPSILON,
        SIGMA,
        MDVAR,
        TIME,
        LOCATION,
        SITUATION,
        CONFIDENCE,
        RELIABILITY,
    ],
    intermediates: INTERMEDIATES,
};

static AREA_INFO: ModelInfo = ModelInfo {
    name: "itm-area",
    title: "Irregular Terrain Model (Longley-Rice), area mode",
    source: "NTIA/ITS ITM 1.4 (Longley-Rice, ERL 79-ITS 67; Hufford 1995 Algorithm)",
    validity: "20 MHz-20 GHz (best 40 MHz-10 GHz), antennas 0.5-3000 m (best 1-1000 m), paths 1-2000 km",
    columns: &[
        DISTANCE,
        DELTA_H,
        TX_HEIGHT,
        RX_HEIGHT,
        TX_SITING,
        RX_SITING,
        FREQUENCY,
        CLIMATE,
        N0,
        POLARIZATION,
        EPSILON,
        SIGMA,
        MDVAR,
        TIME,
        LOCATION,
        SITUATION,
        CONFIDENCE,
        RELIABILITY,
    ],
    intermediates: INTERMEDIATES,
};

fn position(words: &[&str], word: &str) -> usize {
    words.iter().position(|w| *w == word).unwrap_or(0)
}

fn integer(case: &Case, name: &str) -> Result<i64> {
    let v = case.number(name)?;
    if v.fract() != 0.0 || v.abs() > 1e9 {
        return Err(Error::InvalidChoice {
            field: name.to_owned(),
            value: v.to_string(),
            expected: "a whole number".into(),
        });
    }
    Ok(v as i64)
}

/// Reads the inputs shared by both modes.
fn params(case: &Case, refractivity: RefractivityConvention) -> Result<(ItmParams, Quantiles)> {
    let climate = Climate::from_code((position(CLIMATES, case.choice("climate")?) % 7 + 1) as i64)?;
    let polarization = match case.choice("polarization")? {
        "horizontal" => Polarization::Horizontal,
        _ => Polarization::Vertical,
    };
    let mdvar = Mdvar::from_code(integer(case, "mdvar")?)?;
    let confidence_pct = case.number("confidence_pct")?;
    let reliability_pct = case.number("reliability_pct")?;
    let quantiles = match (confidence_pct == -1.0, reliability_pct == -1.0) {
        (true, true) => Quantiles::Tls {
            time_pct: case.number("time_pct")?,
            location_pct: case.number("location_pct")?,
            situation_pct: case.number("situation_pct")?,
        },
        (false, false) => Quantiles::Cr { confidence_pct, reliability_pct },
        _ => {
            return Err(Error::Missing {
                field: "confidence_pct and reliability_pct (the CR variant needs both)".to_owned(),
            })
        }
    };
    let p = ItmParams {
        h_tx_m: case.number("tx_height_m")?,
        h_rx_m: case.number("rx_height_m")?,
        climate,
        n_0: case.number("n0")?,
        f_mhz: case.number("frequency_mhz")?,
        polarization,
        epsilon: case.number("epsilon")?,
        sigma: case.number("sigma")?,
        mdvar,
        refractivity,
    };
    Ok((p, quantiles))
}

fn siting(case: &Case, name: &str, err: fn(i64) -> ItmError) -> Result<SitingCriteria> {
    let code = (position(SITINGS, case.choice(name)?) % 3) as i64;
    SitingCriteria::from_code(code).ok_or_else(|| err(code).into())
}

fn to_path_loss(r: &ItmResult) -> PathLoss {
    let i = &r.intermediates;
    PathLoss {
        loss_db: r.loss_db,
        intermediates: vec![
            i.a_fs_db,
            i.a_ref_db,
            i.variability_db,
            i.d_km,
            i.theta_hzn[0] * 1e3,
            i.theta_hzn[1] * 1e3,
            i.d_hzn_m[0],
            i.d_hzn_m[1],
            i.h_e_m[0],
            i.h_e_m[1],
            i.n_s,
            i.delta_h_m,
            i.mode as i32 as f64,
            f64::from(r.warnings.bits()),
        ],
        warnings: r.warnings.descriptions().map(|(code, text)| Warning::new(code, text)).collect(),
    }
}

impl PathLossModel for ItmP2pModel {
    fn info(&self) -> &'static ModelInfo {
        &P2P_INFO
    }

    fn evaluate(&self, case: &Case) -> Result<PathLoss> {
        let refractivity = match case.choice("refractivity")? {
            "surface" => RefractivityConvention::AsSurfaceRefractivity,
            _ => RefractivityConvention::ScaleByPathElevation,
        };
        let (p, q) = params(case, refractivity)?;
        let pfl = Pfl::from_profile(case.profile("profile")?)?;
        Ok(to_path_loss(&p2p(&p, &pfl, q)?))
    }
}

impl PathLossModel for ItmAreaModel {
    fn info(&self) -> &'static ModelInfo {
        &AREA_INFO
    }

    fn evaluate(&self, case: &Case) -> Result<PathLoss> {
        let (p, q) = params(case, RefractivityConvention::ScaleByPathElevation)?;
        let a = AreaParams {
            d_km: case.number("distance_km")?,
            delta_h_m: case.number("delta_h_m")?,
            tx_siting: siting(case, "tx_siting", ItmError::TxSitingCriteria)?,
            rx_siting: siting(case, "rx_siting", ItmError::RxSitingCriteria)?,
        };
        Ok(to_path_loss(&area(&p, &a, q)?))
    }
}
