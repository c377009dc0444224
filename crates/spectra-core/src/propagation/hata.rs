//! Okumura-Hata and COST-231 Hata median path loss for mobile services.
//!
//! - Okumura-Hata: M. Hata, "Empirical formula for propagation loss in land mobile radio
//!   services", IEEE Trans. Veh. Technol. VT-29(3), 1980, eqs. (4a)-(4c), (5), (6); as restated in
//!   COST 231 Final Report (1999) section 4.4.1. Validity: 150-1500 MHz, base station height
//!   30-200 m, mobile height 1-10 m, 1-20 km.
//! - COST-231 Hata: COST 231 Final Report (1999) section 4.4.1, eq. (4.4.1): the Hata form refitted
//!   for 1500-2000 MHz, with C_m = 0 dB (medium cities, suburban) or 3 dB (metropolitan centres).
//!   Same height and distance validity.
//!
//! | symbol | here       |
//! |--------|------------|
//! | f      | `f_mhz`    |
//! | h_b    | `h_base_m` (base station antenna height above ground) |
//! | h_m    | `h_mobile_m` (mobile antenna height above ground) |
//! | d      | `d_km`     |
//! | a(h_m) | [`mobile_height_correction_db`] |
//! | C_m    | 3 dB for `metropolitan`, 0 dB otherwise |
//!
//! Outside the validity range the formulas are evaluated as written and a warning is attached.
use super::{check_validity, Case, Column, ColumnKind, ModelInfo, PathLoss, PathLossModel};
use crate::Result;

/// Environment classes of the Hata family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HataEnvironment {
    /// Large city (Hata eq. (4b)/(4c) correction; COST-231 C_m = 3 dB).
    Metropolitan,
    /// Medium or small city (Hata eq. (4a)).
    Urban,
    /// Suburban area (Hata eq. (5)).
    Suburban,
    /// Open / rural area (Hata eq. (6)).
    Open,
}

const ENVIRONMENTS: &[&str] = &["urban", "metropolitan", "suburban", "open"];

impl HataEnvironment {
    fn parse(word: &str) -> HataEnvironment {
        match word {
            "metropolitan" => HataEnvironment::Metropolitan,
            "suburban" => HataEnvironment::Suburban,
            "open" => HataEnvironment::Open,
            _ => HataEnvironment::Urban,
        }
    }
}

/// Mobile antenna height correction a(h_m), dB (Hata eqs. (4a)-(4c)).
///
/// Hata gives the large-city form for f <= 200 MHz and f >= 400 MHz; we switch at 300 MHz.
pub fn mobile_height_correction_db(f_mhz: f64, h_mobile_m: f64, env: HataEnvironment) -> f64 {
    let lf = f_mhz.log10();
    match env {
        HataEnvironment::Metropolitan if f_mhz <= 300.0 => 8.29 * (1.54 * h_mobile_m).log10().powi(2) - 1.1,
        HataEnvironment::Metropolitan => 3.2 * (11.75 * h_mobile_m).log10().powi(2) - 4.97,
        _ => (1.1 * lf - 0.7) * h_mobile_m - (1.56 * lf - 0.8),
    }
}

/// Okumura-Hata median loss, dB (Hata eqs. (4), (5), (6)).
pub fn okumura_hata_db(f_mhz: f64, h_base_m: f64, h_mobile_m: f64, d_km: f64, env: HataEnvironment) -> f64 {
    let lf = f_mhz.log10();
    let lhb = h_base_m.log10();
    // eq. (4): urban
    let urban = 69.55 + 26.16 * lf - 13.82 * lhb - mobile_height_correction_db(f_mhz, h_mobile_m, env)
        + (44.9 - 6.55 * lhb) * d_km.log10();
    match env {
        HataEnvironment::Urban | HataEnvironment::Metropolitan => urban,
        HataEnvironment::Suburban => urban - 2.0 * (f_mhz / 28.0).log10().powi(2) - 5.4, // eq. (5)
        HataEnvironment::Open => urban - 4.78 * lf * lf + 18.33 * lf - 40.94,            // eq. (6)
    }
}

/// COST-231 Hata median loss, dB (COST 231 Final Report eq. 4.4.1). Suburban and open areas
/// use C_m = 0 dB as the report prescribes for medium cities and suburban centres.
pub fn cost231_hata_db(f_mhz: f64, h_base_m: f64, h_mobile_m: f64, d_km: f64, env: HataEnvironment) -> f64 {
    let lhb = h_base_m.log10();
    let c_m = if env == HataEnvironment::Metropolitan { 3.0 } else { 0.0 };
    let a_hm = mobile_height_correction_db(f_mhz, h_mobile_m, HataEnvironment::Urban);
    46.3 + 33.9 * f_mhz.log10() - 13.82 * lhb - a_hm + (44.9 - 6.55 * lhb) * d_km.log10() + c_m
}

pub(crate) const TX_HEIGHT: Column = Column {
    name: "tx_height_m",
    kind: ColumnKind::Number { unit: "m", min: 0.01, max: 10_000.0 },
    default: None,
    description: "base station (transmitter) antenna height above ground; valid 30-200 m",
};
pub(crate) const RX_HEIGHT: Column = Column {
    name: "rx_height_m",
    kind: ColumnKind::Number { unit: "m", min: 0.01, max: 10_000.0 },
    default: None,
    description: "mobile (receiver) antenna height above ground; valid 1-10 m",
};
const ENVIRONMENT: Column = Column {
    name: "environment",
    kind: ColumnKind::Choice(ENVIRONMENTS),
    default: Some("urban"),
    description: "urban (medium/small city), metropolitan (large city), suburban or open",
};
const HATA_FREQUENCY: Column = Column {
    name: "frequency_mhz",
    kind: ColumnKind::Number { unit: "MHz", min: 1.0, max: 100_000.0 },
    default: None,
    description: "carrier frequency; valid 150-1500 MHz (Okumura-Hata), 1500-2000 MHz (COST-231)",
};
const HATA_DISTANCE: Column = Column {
    name: "distance_km",
    kind: ColumnKind::Number { unit: "km", min: 1e-6, max: 10_000.0 },
    default: None,
    description: "distance; valid 1-20 km",
};
const COLUMNS: &[Column] = &[HATA_FREQUENCY, HATA_DISTANCE, TX_HEIGHT, RX_HEIGHT, ENVIRONMENT];

/// Okumura-Hata as a registered model.
#[derive(Debug, Clone, Copy)]
pub struct OkumuraHata;
/// COST-231 Hata as a registered model.
#[derive(Debug, Clone, Copy)]
pub struct Cost231Hata;

static HATA_INFO: ModelInfo = ModelInfo {
    name: "okumura-hata",
    title: "Okumura-Hata median loss for land mobile services",
    source: "Hata, IEEE Trans. VT-29(3) 1980, eqs. (4)-(6); COST 231 Final Report 4.4.1",
    validity: "150-1500 MHz, h_b 30-200 m, h_m 1-10 m, 1-20 km",
    columns: COLUMNS,
    intermediates: &["a_hm_db"],
};
static COST231_INFO: ModelInfo = ModelInfo {
    name: "cost231-hata",
    title: "COST-231 Hata median loss for 1500-2000 MHz",
    source: "COST 231 Final Report (1999) section 4.4.1",
    validity: "1500-2000 MHz, h_b 30-200 m, h_m 1-10 m, 1-20 km",
    columns: COLUMNS,
    intermediates: &["a_hm_db"],
};

struct HataCase {
    f_mhz: f64,
    d_km: f64,
    h_base_m: f64,
    h_mobile_m: f64,
    env: HataEnvironment,
}

fn read_case(case: &Case, f_range: (f64, f64), warnings: &mut Vec<super::Warning>) -> Result<HataCase> {
    let c = HataCase {
        f_mhz: case.number("frequency_mhz")?,
        d_km: case.number("distance_km")?,
        h_base_m: case.number("tx_height_m")?,
        h_mobile_m: case.number("rx_height_m")?,
        env: HataEnvironment::parse(case.choice("environment")?),
    };
    check_validity(warnings, "frequency_mhz", c.f_mhz, f_range.0, f_range.1);
    check_validity(warnings, "distance_km", c.d_km, 1.0, 20.0);
    check_validity(warnings, "tx_height_m", c.h_base_m, 30.0, 200.0);
    check_validity(warnings, "rx_height_m", c.h_mobile_m, 1.0, 10.0);
    Ok(c)
}

impl PathLossModel for OkumuraHata {
    fn info(&self) -> &'static ModelInfo {
        &HATA_INFO
    }
    fn evaluate(&self, case: &Case) -> Result<PathLoss> {
        let mut warnings = Vec::new();
        let c = read_case(case, (150.0, 1500.0), &mut warnings)?;
        Ok(PathLoss {
            loss_db: okumura_hata_db(c.f_mhz, c.h_base_m, c.h_mobile_m, c.d_km, c.env),
            intermediates: vec![mobile_height_correction_db(c.f_mhz, c.h_mobile_m, c.env)],
            warnings,
        })
    }
}

impl PathLossModel for Cost231Hata {
    fn info(&self) -> &'static ModelInfo {
        &COST231_INFO
    }
    fn evaluate(&self, case: &Case) -> Result<PathLoss> {
        let mut warnings = Vec::new();
        let c = read_case(case, (1500.0, 2000.0), &mut warnings)?;
        Ok(PathLoss {
            loss_db: cost231_hata_db(c.f_mhz, c.h_base_m, c.h_mobile_m, c.d_km, c.env),
            intermediates: vec![mobile_height_correction_db(c.f_mhz, c.h_mobile_m, HataEnvironment::Urban)],
            warnings,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hata_worked_example() {
        // Hand-worked from Hata (1980) eqs. (4a) and (4): f = 900 MHz, h_b = 50 m, h_m = 1.5 m,
        // d = 10 km, medium city.
        // a(h_m) = (1.1*2.954243 - 0.7)*1.5 - (1.56*2.954243 - 0.8) = 3.824500 - 3.808619 = 0.015881
        // L = 69.55 + 26.16*2.954243 - 13.82*1.698970 - 0.015881 + (44.9 - 6.55*1.698970)*1
        //   = 157.109083 dB
        let f: f64 = 900.0;
        let lf = f.log10();
        let a = (1.1 * lf - 0.7) * 1.5 - (1.56 * lf - 0.8);
        assert!((a - 0.015881).abs() < 1e-5, "a(hm) = {a}");
        let l = okumura_hata_db(900.0, 50.0, 1.5, 10.0, HataEnvironment::Urban);
        assert!((l - 157.109083).abs() < 1e-5, "L = {l}");
        // Suburban: eq. (5) subtracts 2 (log(900/28))^2 + 5.4 = 2*1.507084^2 + 5.4 = 9.942607 dB.
        let s = okumura_hata_db(900.0, 50.0, 1.5, 10.0, HataEnvironment::Suburban);
        assert!((l - s - 9.942607).abs() < 1e-5, "suburban correction {}", l - s);
        // Open: eq. (6) subtracts 4.78 (log f)^2 - 18.33 log f + 40.94 = 41.717 - 54.151 + 40.94 = 28.506418 dB.
        let o = okumura_hata_db(900.0, 50.0, 1.5, 10.0, HataEnvironment::Open);
        assert!((l - o - 28.506418).abs() < 1e-5, "open correction {}", l - o);
    }

    #[test]
    fn large_city_correction() {
        // Hata eq. (4c), f >= 400 MHz: a(1.5 m) = 3.2 (log10 17.625)^2 - 4.97
        //   = 3.2 * 1.246130^2 - 4.97 = -0.000919 dB (the form is built to vanish near 1.5 m).
        let a = mobile_height_correction_db(900.0, 1.5, HataEnvironment::Metropolitan);
        assert!((a - -0.000919).abs() < 1e-6, "a = {a}");
        // eq. (4b), f <= 200 MHz: a(1.5) = 8.29 (log10 2.31)^2 - 1.1 = 8.29 * 0.363612^2 - 1.1
        //   = -0.003949 dB.
        let b = mobile_height_correction_db(150.0, 1.5, HataEnvironment::Metropolitan);
        assert!((b - -0.003949).abs() < 1e-6, "b = {b}");
    }

    #[test]
    fn cost231_worked_example() {
        // COST 231 eq. 4.4.1: f = 1800 MHz, h_b = 30 m, h_m = 1.5 m, d = 1 km, C_m = 0.
        // a(h_m) = (1.1*3.255273 - 0.7)*1.5 - (1.56*3.255273 - 0.8) = 4.321200 - 4.278226 = 0.042974
        // L = 46.3 + 33.9*3.255273 - 13.82*1.477121 - 0.042974 + 0 = 46.3 + 110.353745 - 20.413815 - 0.042974
        //   = 136.196948
        let l = cost231_hata_db(1800.0, 30.0, 1.5, 1.0, HataEnvironment::Urban);
        assert!((l - 136.196948).abs() < 1e-5, "L = {l}");
        let m = cost231_hata_db(1800.0, 30.0, 1.5, 1.0, HataEnvironment::Metropolitan);
        assert!((m - l - 3.0).abs() < 1e-12);
    }
}
