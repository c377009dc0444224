//! Thin [`PathLossModel`] adapter `ehata` over [`ehata`](super::ehata).
use super::{ehata, EhataParams, Environment};
use crate::propagation::itm::Pfl;
use crate::propagation::{Case, Column, ColumnKind, ModelInfo, PathLoss, PathLossModel};
use crate::Result;

/// `ehata`: NTIA extended Hata, WInnForum-maintained variant (NTIA compatibility mode).
#[derive(Debug, Clone, Copy)]
pub struct EhataModel;

static INFO: ModelInfo = ModelInfo {
    name: "ehata",
    title: "NTIA extended Hata (eHata) median basic transmission loss over terrain",
    source: "NTIA TR-15-517 (2015) App. A; WInnForum SAS reference eHata, NTIA compatibility mode",
    validity: "1500-3000 MHz, base 30-200 m, mobile 1-10 m, 1-100 km",
    columns: &[
        Column {
            name: "profile",
            kind: ColumnKind::Profile,
            default: None,
            description: "terrain profile from TX (base station) to RX (mobile), equally spaced points",
        },
        Column {
            name: "tx_height_m",
            kind: ColumnKind::Number { unit: "m", min: 0.0, max: 1e4 },
            default: None,
            description: "base-station antenna height above ground (validity 30-200 m)",
        },
        Column {
            name: "rx_height_m",
            kind: ColumnKind::Number { unit: "m", min: 0.0, max: 1e4 },
            default: None,
            description: "mobile antenna height above ground (validity 1-10 m)",
        },
        Column {
            name: "frequency_mhz",
            kind: ColumnKind::Number { unit: "MHz", min: f64::MIN_POSITIVE, max: 1e6 },
            default: None,
            description: "frequency (validity 1500-3000 MHz)",
        },
        Column {
            name: "environment",
            kind: ColumnKind::Choice(&["urban", "suburban", "rural"]),
            default: None,
            description:
                "land cover at the mobile (the reference maps NLCD 23/24 urban, 22 suburban, others rural)",
        },
    ],
    intermediates: &[
        "d_km",
        "median_db",
        "h_b_eff_m",
        "h_m_eff_m",
        "delta_h_m",
        "pfl10_m",
        "pfl50_m",
        "pfl90_m",
        "theta_m_mrad",
        "beta",
        "single_horizon",
        "h_edge_m",
        "d_hzn_mobile_m",
        "d_hzn_base_m",
        "d_bp_km",
    ],
};

impl PathLossModel for EhataModel {
    fn info(&self) -> &'static ModelInfo {
        &INFO
    }

    fn evaluate(&self, case: &Case) -> Result<PathLoss> {
        let environment = match case.choice("environment")? {
            "urban" => Environment::Urban,
            "suburban" => Environment::Suburban,
            _ => Environment::Rural,
        };
        let params = EhataParams {
            f_mhz: case.number("frequency_mhz")?,
            h_b_m: case.number("tx_height_m")?,
            h_m_m: case.number("rx_height_m")?,
            environment,
        };
        let pfl = Pfl::from_profile(case.profile("profile")?)?;
        let r = ehata(&params, &pfl)?;
        let i = &r.intermediates;
        Ok(PathLoss {
            loss_db: r.loss_db,
            intermediates: vec![
                i.d_km,
                i.median_db,
                i.h_b_eff_m,
                i.h_m_eff_m,
                i.delta_h_m,
                i.pfl10_m,
                i.pfl50_m,
                i.pfl90_m,
                i.theta_m_mrad,
                i.beta,
                f64::from(u8::from(i.single_horizon)),
                i.h_edge_m,
                i.d_hzn_m[0],
                i.d_hzn_m[1],
                i.d_bp_km,
            ],
            warnings: r.warnings,
        })
    }
}
