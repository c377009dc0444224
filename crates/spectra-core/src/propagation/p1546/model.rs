//! The `p1546` and `p1546-profile` entries of the model registry: batch columns -> [`P1546Params`].
use super::profile::path_geometry;
use super::tables::require_tables;
use super::{
    field_strength, h1_without_terrain_m, FieldStrength, NegativeH1, P1546Params, RxEnvironment, SeaType,
};
use crate::propagation::{Case, Column, ColumnKind, ModelInfo, PathLoss, PathLossModel};
use crate::{Error, Result};

/// P.1546-6 without terrain profile: path type, effective height and clutter given as columns.
#[derive(Debug, Clone, Copy)]
pub struct P1546;

/// P.1546-6 with a terrain profile: h1, clearance angles, land/sea lengths and terminal ground
/// heights derived from the profile (Annex 5 §3, §4.3, §8, §11, §14).
#[derive(Debug, Clone, Copy)]
pub struct P1546Profile;

const fn num(
    name: &'static str,
    unit: &'static str,
    min: f64,
    max: f64,
    default: Option<&'static str>,
    description: &'static str,
) -> Column {
    Column { name, kind: ColumnKind::Number { unit, min, max }, default, description }
}

const FREQUENCY: Column = num(
    "frequency_mhz",
    "MHz",
    f64::MIN_POSITIVE,
    1e6,
    None,
    "frequency; valid 30-4000 MHz (outside: extrapolated with a warning)",
);
const TIME: Column =
    num("time_pct", "%", 1.0, 50.0, None, "percentage of time the field strength is exceeded, 1-50 %");
const LOCATION: Column =
    num("location_pct", "%", 1.0, 99.0, Some("50"), "percentage of locations, 1-99 % (Annex 5 §12)");
const TX_HEIGHT: Column = num(
    "tx_height_m",
    "m",
    0.0,
    10000.0,
    None,
    "transmitting/base antenna height above ground ha (Annex 5 §10, §14, §15)",
);
const RX_HEIGHT: Column = num(
    "rx_height_m",
    "m",
    0.0,
    3000.0,
    None,
    "receiving/mobile antenna height above ground h2; >= 1 m on land, >= 3 m adjacent to sea",
);
const ENVIRONMENT: Column = Column {
    name: "environment",
    kind: ColumnKind::Choice(&["rural", "suburban", "urban", "dense_urban", "sea"]),
    default: Some("rural"),
    description:
        "receiver environment (Annex 5 §9, §12): rural/open, suburban, urban, dense urban or adjacent to sea",
};
const RX_CLUTTER: Column = num(
    "rx_clutter_height_m",
    "m",
    0.0,
    1000.0,
    Some("10"),
    "representative clutter height R2 around the receiver (typical: 10 rural/suburban/sea, 15 urban, 20 dense urban)",
);
const TX_CLUTTER: Column = num(
    "tx_clutter_height_m",
    "m",
    0.0,
    1000.0,
    Some("0"),
    "representative clutter height R1 around the transmitter (Annex 5 §10)",
);

static INFO: ModelInfo = ModelInfo {
    name: "p1546",
    title: "ITU-R P.1546 point-to-area field strength and basic transmission loss (land, sea, mixed), no terrain profile",
    source: "ITU-R P.1546-6 (08/2019)",
    validity: "30-4000 MHz, 1-50 % time, 1-99 % locations, 0 < d <= 1000 km, h1 <= 3000 m, h2 >= 1 m (land) / 3 m (sea)",
    columns: &[
        FREQUENCY,
        num("distance_km", "km", 0.0, 1000.0, None, "horizontal path length d, (0, 1000] km"),
        TIME,
        LOCATION,
        TX_HEIGHT,
        num(
            "tx_effective_height_m",
            "m",
            -3000.0,
            10000.0,
            None,
            "effective height heff: antenna height over the mean terrain 3-15 km towards the receiver (Annex 5 §3); over sea the height above the sea",
        ),
        RX_HEIGHT,
        Column {
            name: "path_type",
            kind: ColumnKind::Choice(&["land", "sea", "cold_sea", "warm_sea"]),
            default: Some("land"),
            description: "land, or the sea type of the sea part (sea = cold sea, as the ITU-R reference implementation)",
        },
        num(
            "land_distance_km",
            "km",
            0.0,
            1000.0,
            Some("0"),
            "for a sea path_type: length of the land part of a mixed path (Annex 5 §8)",
        ),
        ENVIRONMENT,
        RX_CLUTTER,
        TX_CLUTTER,
    ],
    intermediates: INTERMEDIATES,
};

static INFO_PROFILE: ModelInfo = ModelInfo {
    name: "p1546-profile",
    title: "ITU-R P.1546 point-to-area field strength and basic transmission loss with h1, clearance angles and land/sea from a terrain profile",
    source: "ITU-R P.1546-6 (08/2019)",
    validity: "30-4000 MHz, 1-50 % time, 1-99 % locations, profile length <= 1000 km, h1 <= 3000 m, h2 >= 1 m (land) / 3 m (sea)",
    columns: &[
        FREQUENCY,
        TIME,
        LOCATION,
        TX_HEIGHT,
        RX_HEIGHT,
        Column {
            name: "sea_type",
            kind: ColumnKind::Choice(&["cold", "warm"]),
            default: Some("cold"),
            description: "sea type of the profile's sea (B) and coastal land (A1) zones",
        },
        ENVIRONMENT,
        RX_CLUTTER,
        TX_CLUTTER,
        num(
            "square_area_m",
            "m",
            1.0,
            100000.0,
            Some("500"),
            "width wa of the square area for the location variability (Annex 5 §12)",
        ),
        Column {
            name: "negative_h1_method",
            kind: ColumnKind::Choice(&["wedge", "clearance_angle"]),
            default: Some("wedge"),
            description: "negative h1 over land (Annex 5 §4.3): wedge = case b) (reference), clearance_angle = case a) from theta_eff1",
        },
        Column {
            name: "profile",
            kind: ColumnKind::Profile,
            default: None,
            description: "terrain profile from the transmitter (distance_km,height_m[,zone]); zones A1/B count as sea",
        },
    ],
    intermediates: INTERMEDIATES,
};

const INTERMEDIATES: &[&str] = &[
    "field_dbuv_m",
    "h1_m",
    "land_km",
    "sea_km",
    "emax_dbuv_m",
    "e_curves_dbuv_m",
    "tca_deg",
    "tca_correction_db",
    "theta_eff1_deg",
    "troposcatter_dbuv_m",
    "rx_clutter_height_eff_m",
    "rx_height_correction_db",
    "tx_clutter_correction_db",
    "slope_correction_db",
];

fn environment(case: &Case) -> Result<RxEnvironment> {
    Ok(match case.choice("environment")? {
        "suburban" => RxEnvironment::Suburban,
        "urban" => RxEnvironment::Urban,
        "dense_urban" => RxEnvironment::DenseUrban,
        "sea" => RxEnvironment::Sea,
        _ => RxEnvironment::Rural,
    })
}

fn to_path_loss(p: &P1546Params, r: FieldStrength) -> PathLoss {
    PathLoss {
        loss_db: r.loss_db,
        intermediates: vec![
            r.e_dbuv_m,
            r.h1_m,
            p.d_land_km,
            p.d_sea_km,
            r.emax_dbuv_m,
            r.e_curves_dbuv_m,
            p.tca_deg.unwrap_or(f64::NAN),
            r.tca_correction_db,
            p.theta_eff1_deg.unwrap_or(f64::NAN),
            r.troposcatter_dbuv_m,
            r.r2_eff_m,
            r.rx_height_correction_db,
            r.tx_clutter_correction_db,
            r.slope_correction_db,
        ],
        warnings: r.warnings,
    }
}

impl PathLossModel for P1546 {
    fn info(&self) -> &'static ModelInfo {
        &INFO
    }

    fn evaluate(&self, case: &Case) -> Result<PathLoss> {
        let tables = require_tables()?;
        let d = case.number("distance_km")?;
        let ha = case.number("tx_height_m")?;
        let heff = case.number("tx_effective_height_m")?;
        let (d_land, d_sea, sea) = match case.choice("path_type")? {
            "land" => (d, 0.0, SeaType::Cold),
            kind => {
                let land = case.number("land_distance_km")?;
                if land > d {
                    return Err(Error::out_of_range(
                        "land_distance_km",
                        land,
                        format!("[0, distance_km = {d}]"),
                    ));
                }
                let sea = if kind == "warm_sea" { SeaType::Warm } else { SeaType::Cold };
                (land, d - land, sea)
            }
        };
        let h1 = h1_without_terrain_m(d, ha, heff, d_land == 0.0);
        let mut p = P1546Params::new(
            case.number("frequency_mhz")?,
            case.number("time_pct")?,
            d,
            h1,
            case.number("rx_height_m")?,
        )
        .with_path(d_land, d_sea, sea)
        .with_rx(environment(case)?, case.number("rx_clutter_height_m")?)
        .with_ha(ha)
        .with_locations(case.number("location_pct")?);
        p.r1_m = Some(case.number("tx_clutter_height_m")?);
        let r = field_strength(tables, &p)?;
        Ok(to_path_loss(&p, r))
    }
}

impl PathLossModel for P1546Profile {
    fn info(&self) -> &'static ModelInfo {
        &INFO_PROFILE
    }

    fn evaluate(&self, case: &Case) -> Result<PathLoss> {
        let tables = require_tables()?;
        let ha = case.number("tx_height_m")?;
        let h2 = case.number("rx_height_m")?;
        let g = path_geometry(case.profile("profile")?, ha, h2)?;
        let sea = if case.choice("sea_type")? == "warm" { SeaType::Warm } else { SeaType::Cold };
        let mut p =
            P1546Params::new(case.number("frequency_mhz")?, case.number("time_pct")?, g.d_km, g.h1_m, h2)
                .with_path(g.d_land_km, g.d_sea_km, sea)
                .with_rx(environment(case)?, case.number("rx_clutter_height_m")?)
                .with_ha(ha)
                .with_locations(case.number("location_pct")?);
        p.r1_m = Some(case.number("tx_clutter_height_m")?);
        p.tca_deg = Some(g.tca_deg);
        p.theta_eff1_deg = Some(g.theta_eff1_deg);
        p.terrain_heights_m = Some((g.tx_ground_m, g.rx_ground_m));
        p.square_area_m = Some(case.number("square_area_m")?);
        if case.choice("negative_h1_method")? == "clearance_angle" {
            p.negative_h1 = NegativeH1::ClearanceAngle;
        }
        let r = field_strength(tables, &p)?;
        Ok(to_path_loss(&p, r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_tables_the_error_says_how_to_load_them() {
        // No unit test of spectra-core installs the tables, so the registry entry must refuse.
        let pairs = [
            ("frequency_mhz", "600"),
            ("distance_km", "10"),
            ("time_pct", "50"),
            ("tx_height_m", "30"),
            ("tx_effective_height_m", "30"),
            ("rx_height_m", "10"),
        ];
        let case = Case::from_pairs(&INFO, &pairs).unwrap();
        let e = P1546.evaluate(&case).unwrap_err().to_string();
        assert!(e.contains("SPECTRA_REFERENCE_DIR") && e.contains("set_tables"), "{e}");
    }
}
