//! Free-space basic transmission loss, ITU-R P.525-4 (08/2019), eq. (6):
//! L_bf = 20 log10(4 pi d / lambda) = 32.4478 + 20 log10(f_MHz) + 20 log10(d_km) dB.
//!
//! Valid wherever the far field holds (d much larger than lambda); no other limit.
//!
//! | symbol  | here     |
//! |---------|----------|
//! | f       | `f_mhz`  |
//! | d       | `d_km`   |
//! | L_bf    | `loss_db`|
use super::{Case, Column, ColumnKind, ModelInfo, PathLoss, PathLossModel, Warning};
use crate::units::SPEED_OF_LIGHT_M_PER_S;
use crate::Result;
use std::f64::consts::PI;

/// Free-space basic transmission loss in dB, P.525-4 eq. (6), with c = 299 792 458 m/s exactly.
pub fn free_space_loss_db(f_mhz: f64, d_km: f64) -> f64 {
    20.0 * (4.0 * PI * d_km * 1e3 * f_mhz * 1e6 / SPEED_OF_LIGHT_M_PER_S).log10()
}

/// The free-space model (ITU-R P.525).
#[derive(Debug, Clone, Copy)]
pub struct FreeSpace;

pub(crate) const FREQUENCY_MHZ: Column = Column {
    name: "frequency_mhz",
    kind: ColumnKind::Number { unit: "MHz", min: f64::MIN_POSITIVE, max: 1e9 },
    default: None,
    description: "carrier frequency",
};

pub(crate) const DISTANCE_KM: Column = Column {
    name: "distance_km",
    kind: ColumnKind::Number { unit: "km", min: 0.0, max: 1e6 },
    default: None,
    description: "path length (great-circle distance)",
};

static INFO: ModelInfo = ModelInfo {
    name: "free-space",
    title: "Free-space basic transmission loss",
    source: "ITU-R P.525-4 (08/2019) eq. (6)",
    validity: "any frequency > 0 and distance > 0 in the far field (d >> wavelength)",
    columns: &[FREQUENCY_MHZ, DISTANCE_KM],
    intermediates: &[],
};

impl PathLossModel for FreeSpace {
    fn info(&self) -> &'static ModelInfo {
        &INFO
    }

    fn evaluate(&self, case: &Case) -> Result<PathLoss> {
        let f_mhz = case.number("frequency_mhz")?;
        let d_km = case.number("distance_km")?;
        let mut warnings = Vec::new();
        let wavelength_km = SPEED_OF_LIGHT_M_PER_S / (f_mhz * 1e6) / 1e3;
        if d_km < wavelength_km {
            warnings.push(Warning::new(
                "near_field",
                format!(
                    "distance_km = {d_km} is below one wavelength ({wavelength_km:.3e} km): not far field"
                ),
            ));
        }
        Ok(PathLoss { loss_db: free_space_loss_db(f_mhz, d_km), intermediates: vec![], warnings })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn matches_p525_constant_form() {
        // P.525-4 eq. (6): 32.4 + 20 log f(MHz) + 20 log d(km); the constant is 20 log10(4 pi 1e9 / c).
        let k = 20.0 * (4.0 * PI * 1e9 / SPEED_OF_LIGHT_M_PER_S).log10();
        assert!((k - 32.447_783).abs() < 1e-6);
        assert!((free_space_loss_db(1000.0, 10.0) - (k + 60.0 + 20.0)).abs() < 1e-9);
    }

    proptest! {
        #[test]
        fn loss_grows_6_db_per_doubling(f in 1.0f64..1e5, d in 1e-3f64..1e4) {
            let a = free_space_loss_db(f, d);
            let b = free_space_loss_db(f, 2.0 * d);
            prop_assert!((b - a - 20.0 * 2f64.log10()).abs() < 1e-9);
            prop_assert!(free_space_loss_db(f, d * 1.001) > a);
        }
    }
}
