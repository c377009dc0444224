//! Path-specific point-to-area prediction, ITU-R P.1812-6 (09/2021), Annex 1: basic
//! transmission loss not exceeded for p % of time and p_L % of locations, and the field strength
//! for 1 kW e.r.p., over a terrain profile with representative clutter and radio-climatic zones.
//!
//! Validity: 30 MHz – 6 GHz (outside: computed with a warning, as the reference does),
//! 1 % ≤ p ≤ 50 %, 0 < p_L < 100 %, antenna heights 1 – 3 000 m above ground (refused outside,
//! as the reference does), paths of at least 5 profile points (the method is intended for
//! 0.25 – 3 000 km).
//!
//! Structure: [`P1812Path::new`] does everything independent of frequency and percentages
//! (zone statistics §3.6, β₀ eq. (2)-(5), Attachment 1 §5 path analysis eq. (76)-(95), the two
//! delta-Bullington profile analyses for a_e and a_β of §4.3 through
//! [`crate::propagation::p526`], shared with P.452); [`P1812Path::evaluate`] computes one
//! frequency, time and location percentage and polarization in microseconds.
//!
//! | here             | P.1812-6 symbol | meaning                                             |
//! |------------------|-----------------|-----------------------------------------------------|
//! | `f_ghz`          | f               | frequency, GHz                                      |
//! | `p`              | p               | time percentage, %                                  |
//! | `pl`             | p_L             | location percentage, %                              |
//! | `sigma_l_db`     | σ_L             | location variability standard deviation, dB (§4.8)  |
//! | `htg_m`, `hrg_m` | h_tg, h_rg      | antenna heights above ground, m                     |
//! | `hts_m`, `hrs_m` | h_ts, h_rs      | antenna heights above sea level, m                  |
//! | `g_m`            | g_i             | terrain + representative clutter height (§3.2)      |
//! | `omega`          | ω               | fraction of the path over sea                       |
//! | `dtm_km`,`dlm_km`| d_tm, d_lm      | longest land / inland sections (§3.6)               |
//! | `b0`             | β₀              | eq. (5), %                                          |
//! | `ae_km`, `ab_km` | a_e, a_β        | effective Earth radii, eq. (7a), (7b)               |
//! | `delta_n`, `n0`  | ΔN, N₀          | refractivity lapse rate and sea-level refractivity  |
//! | `dct_km`,`dcr_km`| d_ct, d_cr      | distances from the terminals to the coast           |
//! | `lbfs_db`        | L_bfs           | free-space loss, eq. (8)                            |
//! | `lb0p_db`        | L_b0p, L_b0β    | line-of-sight losses, eq. (10), (11)                |
//! | `ld50_db` …      | L_d50, L_dβ, L_dp | diffraction losses, eq. (39), (41)                |
//! | `fi`, `fj`, `fk` | F_i, F_j, F_k   | interpolation factors, eq. (40), (57), (58)         |
//! | `lba_db`         | L_ba            | ducting/layer reflection, eq. (46)                  |
//! | `lbs_db`         | L_bs            | troposcatter, eq. (44)                              |
//! | `lbc_db`         | L_bc            | combined loss, eq. (63)                             |
//! | `lloc_db`        | L_loc           | location variability, eq. (67)                      |
//! | `lb_db`          | L_b             | basic transmission loss, eq. (69)                   |
//! | `ep_dbuv_m`      | E_p             | field strength for 1 kW e.r.p., eq. (70)            |
//!
//! The ITU-R SG3 reference implementation (`eeveetza/p1812`, whose logs we validate against)
//! computes outdoor reception only; building entry loss (§4.9) is available here as an option
//! that adds the ITU-R P.2109 loss not exceeded for a chosen probability (see
//! [`BuildingEntry`]), outside the reference validation.
use super::p2109::{building_entry_loss, BuildingType};
use super::p526::{
    DeltaBullington, Ground, Polarization, ProfileGeometry, SmoothPathMethod, TerminalHeights,
};
use super::{check_validity, Case, Column, ColumnKind, ModelInfo, PathLoss, PathLossModel};
use crate::terrain::{Profile, Zone};
use crate::{Error, Result};
use mechanisms::{inv_cum_norm, Anomalous};
use path_analysis::Geometry;

mod mechanisms;
mod path_analysis;

/// Frequency-independent inputs of a P.1812 path (besides the profile).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct P1812PathParams {
    /// Transmitter antenna height above ground h_tg, m (1-3000).
    pub htg_m: f64,
    /// Receiver antenna height above ground h_rg, m (1-3000).
    pub hrg_m: f64,
    /// Transmitter latitude φ_t, degrees.
    pub tx_lat_deg: f64,
    /// Transmitter longitude ψ_t, degrees.
    pub tx_lon_deg: f64,
    /// Receiver latitude φ_r, degrees.
    pub rx_lat_deg: f64,
    /// Receiver longitude ψ_r, degrees.
    pub rx_lon_deg: f64,
    /// Average radio-refractivity lapse rate through the lowest 1 km ΔN, N-units/km (> 0, < 157).
    pub delta_n: f64,
    /// Sea-level surface refractivity N₀, N-units.
    pub n0: f64,
    /// Distance over land from the transmitter to the coast d_ct, km (set to 0 when the
    /// transmitter profile point is sea).
    pub dct_km: f64,
    /// Distance over land from the receiver to the coast d_cr, km.
    pub dcr_km: f64,
    /// Attachment 4: find L_bulls in closed form instead of from the profile points.
    pub attachment4: bool,
}

/// Per-evaluation inputs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct P1812Point {
    /// Frequency, GHz (0.03-6; outside computed with a warning).
    pub f_ghz: f64,
    /// Time percentage p, % (1-50).
    pub p: f64,
    /// Location percentage p_L, % (0 < p_L < 100).
    pub pl: f64,
    /// Location variability standard deviation σ_L, dB (≥ 0; §4.8 eq. (66) or a planning value).
    pub sigma_l_db: f64,
    /// Polarization.
    pub pol: Polarization,
    /// Transmitter e.r.p., kW (> 0), for the scaled field strength.
    pub erp_kw: f64,
    /// Optional building entry loss at the receiver.
    pub building: Option<BuildingEntry>,
}

/// Building entry loss added for indoor reception: the ITU-R P.2109 loss not exceeded for
/// `probability_pct` % (elevation 0°, terrestrial path), added to the outdoor L_b.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BuildingEntry {
    /// P.2109 building class.
    pub building: BuildingType,
    /// Probability that the building entry loss is not exceeded, %.
    pub probability_pct: f64,
}

/// The result of one evaluation with the intermediate values the reference logs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct P1812Result {
    /// L_b, dB (eq. (69); plus the building entry loss when requested).
    pub lb_db: f64,
    /// E_p for 1 kW e.r.p., dB(µV/m) (eq. (70)).
    pub ep_dbuv_m: f64,
    /// E_p scaled to the transmitter e.r.p., dB(µV/m).
    pub ep_erp_dbuv_m: f64,
    pub fi: f64,
    pub fj: f64,
    pub fk: f64,
    pub lbfs_db: f64,
    pub lb0p_db: f64,
    pub lb0b_db: f64,
    /// L_bulla, L_bulls, L_dsph at the median effective Earth radius a_e.
    pub lbulla_db: f64,
    pub lbulls_db: f64,
    pub ldsph_db: f64,
    pub ld50_db: f64,
    pub ldb_db: f64,
    pub ldp_db: f64,
    pub lbd50_db: f64,
    pub lbd_db: f64,
    pub lminb0p_db: f64,
    pub lba_db: f64,
    pub lminbap_db: f64,
    pub lbda_db: f64,
    pub lbam_db: f64,
    pub lbs_db: f64,
    pub lbc_db: f64,
    pub lloc_db: f64,
    /// Building entry loss added (0 outdoors).
    pub lbe_db: f64,
}

/// A P.1812 path with its frequency-independent analysis done.
#[derive(Debug, Clone)]
pub struct P1812Path {
    params: P1812PathParams,
    d_tot_km: f64,
    rx_at_sea: bool,
    /// Path analysis of Attachment 1 §5.
    pub geometry: PathGeometry,
    diff_50: DeltaBullington,
    diff_b: DeltaBullington,
}

/// Frequency-independent path quantities (the first block of the reference log).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PathGeometry {
    pub d_km: f64,
    pub dlt_km: f64,
    pub dlr_km: f64,
    pub theta_t_mrad: f64,
    pub theta_r_mrad: f64,
    pub theta_mrad: f64,
    pub hts_m: f64,
    pub hrs_m: f64,
    pub omega: f64,
    pub dtm_km: f64,
    pub dlm_km: f64,
    pub phi_deg: f64,
    pub b0: f64,
    pub ae_km: f64,
    pub hst_n_m: f64,
    pub hsr_n_m: f64,
    pub hst_m: f64,
    pub hsr_m: f64,
    pub hstd_m: f64,
    pub hsrd_m: f64,
    pub hte_m: f64,
    pub hre_m: f64,
    pub hm_m: f64,
    pub transhorizon: bool,
}

fn out_of_range(field: &str, value: f64, valid: &str) -> Error {
    Error::out_of_range(field, value, valid)
}

impl P1812Path {
    /// Analyses `profile` (terrain heights, optional clutter heights R_i and zones; missing
    /// clutter = 0 m, missing zones = inland A2, as the reference) for the terminals in `params`.
    /// The first and last clutter heights are ignored (§3.2: g_i = h_i + R_i inside the path).
    pub fn new(profile: &Profile, params: P1812PathParams) -> Result<P1812Path> {
        let p = params;
        if !(1.0..=3000.0).contains(&p.htg_m) {
            return Err(out_of_range("tx_height_m", p.htg_m, "[1, 3000] m"));
        }
        if !(1.0..=3000.0).contains(&p.hrg_m) {
            return Err(out_of_range("rx_height_m", p.hrg_m, "[1, 3000] m"));
        }
        if !(p.delta_n.is_finite() && p.delta_n < 157.0) {
            return Err(out_of_range("delta_n", p.delta_n, "< 157 N-units/km"));
        }
        if !p.n0.is_finite() {
            return Err(out_of_range("n0", p.n0, "a finite refractivity"));
        }
        if !(p.dct_km >= 0.0 && p.dcr_km >= 0.0) {
            return Err(out_of_range("tx_coast_km/rx_coast_km", p.dct_km.min(p.dcr_km), ">= 0 km"));
        }
        for (name, v) in [
            ("tx_lat_deg", p.tx_lat_deg),
            ("rx_lat_deg", p.rx_lat_deg),
            ("tx_lon_deg", p.tx_lon_deg),
            ("rx_lon_deg", p.rx_lon_deg),
        ] {
            if !v.is_finite() {
                return Err(out_of_range(name, v, "finite degrees"));
            }
        }
        let n = profile.len();
        if n <= 4 {
            return Err(out_of_range("profile points", n as f64, "more than 4"));
        }
        let d = &profile.distance_km;
        let h = &profile.height_m;
        if d[0] != 0.0 {
            return Err(out_of_range("first profile distance_km", d[0], "0 (the transmitter)"));
        }
        let inland;
        let zones: &[Zone] = match &profile.zone {
            Some(z) => z,
            None => {
                inland = vec![Zone::Inland; n];
                &inland
            }
        };
        // §3.2: the radio profile g_i = h_i + R_i, terminals on the bare terrain.
        let mut g: Vec<f64> = match &profile.clutter_height_m {
            Some(r) => h.iter().zip(r).map(|(h, r)| h + r).collect(),
            None => h.clone(),
        };
        g[0] = h[0];
        g[n - 1] = h[n - 1];
        let mut params = params;
        if zones[0] == Zone::Sea {
            params.dct_km = 0.0;
        }
        if zones[n - 1] == Zone::Sea {
            params.dcr_km = 0.0;
        }
        let d_tot_km = d[n - 1] - d[0];
        let dtm_km = path_analysis::longest_section_km(d, zones, |z| z != Zone::Sea);
        let dlm_km = path_analysis::longest_section_km(d, zones, |z| z == Zone::Inland);
        let phi_deg = path_analysis::great_circle_latitude_deg(
            p.tx_lat_deg,
            p.tx_lon_deg,
            p.rx_lat_deg,
            p.rx_lon_deg,
            0.5 * d_tot_km,
        );
        let b0 = path_analysis::beta0_pct(phi_deg, dtm_km, dlm_km);
        let (ae_km, ab_km) = path_analysis::effective_earth_radii(p.delta_n);
        let omega = path_analysis::sea_fraction(d, zones);
        let prepared = ProfileGeometry::new(d)?;
        let geo: Geometry = path_analysis::analyse(&prepared, d, h, p.htg_m, p.hrg_m, ae_km)?;
        let heights =
            TerminalHeights { hts_m: geo.hts_m, hrs_m: geo.hrs_m, hstd_m: geo.hstd_m, hsrd_m: geo.hsrd_m };
        let method =
            if p.attachment4 { SmoothPathMethod::ClosedForm } else { SmoothPathMethod::ProfilePoints };
        // §4.3: both delta-Bullington constructions (a_e and a_β) over one prepared geometry.
        let [diff_50, diff_b] = DeltaBullington::for_radii(&prepared, &g, heights, [ae_km, ab_km], method)?;
        Ok(P1812Path {
            params,
            d_tot_km,
            rx_at_sea: zones[n - 1] == Zone::Sea,
            geometry: PathGeometry {
                d_km: d_tot_km,
                dlt_km: geo.dlt_km,
                dlr_km: geo.dlr_km,
                theta_t_mrad: geo.theta_t_mrad,
                theta_r_mrad: geo.theta_r_mrad,
                theta_mrad: geo.theta_mrad,
                hts_m: geo.hts_m,
                hrs_m: geo.hrs_m,
                omega,
                dtm_km,
                dlm_km,
                phi_deg,
                b0,
                ae_km,
                hst_n_m: geo.hst_n_m,
                hsr_n_m: geo.hsr_n_m,
                hst_m: geo.hst_m,
                hsr_m: geo.hsr_m,
                hstd_m: geo.hstd_m,
                hsrd_m: geo.hsrd_m,
                hte_m: geo.hte_m,
                hre_m: geo.hre_m,
                hm_m: geo.hm_m,
                transhorizon: geo.transhorizon,
            },
            diff_50,
            diff_b,
        })
    }

    /// Basic transmission loss and field strength for one frequency, time and location
    /// percentage (§4.1-§4.8, eq. (8)-(70)).
    pub fn evaluate(&self, pt: P1812Point) -> Result<P1812Result> {
        if !(pt.f_ghz > 0.0 && pt.f_ghz.is_finite()) {
            return Err(out_of_range("frequency_mhz", pt.f_ghz * 1e3, "> 0 MHz"));
        }
        if !(1.0..=50.0).contains(&pt.p) {
            return Err(out_of_range("time_pct", pt.p, "[1, 50] %"));
        }
        if !(pt.pl > 0.0 && pt.pl < 100.0) {
            return Err(out_of_range("location_pct", pt.pl, "(0, 100) %"));
        }
        if !(pt.sigma_l_db >= 0.0 && pt.sigma_l_db.is_finite()) {
            return Err(out_of_range("location_std_db", pt.sigma_l_db, ">= 0 dB"));
        }
        if !(pt.erp_kw > 0.0 && pt.erp_kw.is_finite()) {
            return Err(out_of_range("tx_erp_kw", pt.erp_kw, "> 0 kW"));
        }
        let g = &self.geometry;
        let (f, p) = (pt.f_ghz, pt.p);
        let ground = Ground::LandSea { sea_fraction: g.omega };
        // §4.3: diffraction at a_e (median) and a_β, interpolated in p (eq. (40), (41)).
        let d50 = self.diff_50.loss(f, pt.pol, ground);
        let ld50_db = d50.ld_db;
        let ldb_db = self.diff_b.loss(f, pt.pol, ground).ld_db;
        let ldp_db = if p == 50.0 {
            ld50_db
        } else {
            let fi = if p > g.b0 { inv_cum_norm(p / 100.0) / inv_cum_norm(g.b0 / 100.0) } else { 1.0 }; // (40a)
            ld50_db + fi * (ldb_db - ld50_db) // (41)
        };
        // §4.2 line of sight.
        let (lbfs_db, lb0p_db, lb0b_db) =
            mechanisms::line_of_sight(self.d_tot_km, g.hts_m, g.hrs_m, f, p, g.b0, g.dlt_km, g.dlr_km);
        let lbd50_db = lbfs_db + ld50_db; // (42)
        let lbd_db = lb0p_db + ldp_db; // (43)
        let mut lminb0p_db = lb0p_db + (1.0 - g.omega) * ldp_db; // (59), p < β₀
        let mut fi = 1.0;
        if p >= g.b0 {
            fi = inv_cum_norm(p / 100.0) / inv_cum_norm(g.b0 / 100.0); // (40)
            lminb0p_db = lbd50_db + (lb0b_db + (1.0 - g.omega) * ldp_db - lbd50_db) * fi;
            // (59)
        }
        // §4.5 ducting / layer reflection.
        let anomalous = Anomalous {
            d_km: self.d_tot_km,
            dlt_km: g.dlt_km,
            dlr_km: g.dlr_km,
            dct_km: self.params.dct_km,
            dcr_km: self.params.dcr_km,
            dlm_km: g.dlm_km,
            hts_m: g.hts_m,
            hrs_m: g.hrs_m,
            hte_m: g.hte_m,
            hre_m: g.hre_m,
            hm_m: g.hm_m,
            theta_t_mrad: g.theta_t_mrad,
            theta_r_mrad: g.theta_r_mrad,
            omega: g.omega,
            ae_km: g.ae_km,
            b0: g.b0,
        };
        let lba_db = anomalous.loss_db(f, p);
        const ETA: f64 = 2.5;
        let lminbap_db = ETA * ((lba_db / ETA).exp() + (lb0p_db / ETA).exp()).ln(); // (60)
                                                                                    // §4.6 combination.
        let fj = 1.0 - 0.5 * (1.0 + (3.0 * 0.8 * (g.theta_mrad - 0.3) / 0.3).tanh()); // (57)
        let fk = 1.0 - 0.5 * (1.0 + (3.0 * 0.5 * (self.d_tot_km - 20.0) / 20.0).tanh()); // (58)
        let lbda_db = if lminbap_db <= lbd_db { lminbap_db + (lbd_db - lminbap_db) * fk } else { lbd_db }; // (61)
        let lbam_db = lbda_db + (lminb0p_db - lbda_db) * fj; // (62)
        let lbs_db = mechanisms::troposcatter(self.d_tot_km, g.theta_mrad, f, p, self.params.n0); // (44)
        let lbc_db = -5.0 * (10f64.powf(-0.2 * lbs_db) + 10f64.powf(-0.2 * lbam_db)).log10(); // (63)
                                                                                              // §4.8 location variability (not applied to a receiver at sea), eq. (67).
        let lloc_db = if self.rx_at_sea { 0.0 } else { -inv_cum_norm(pt.pl / 100.0) * pt.sigma_l_db };
        let mut lb_db = lb0p_db.max(lbc_db + lloc_db); // (69)
        let lbe_db = match pt.building {
            Some(b) => building_entry_loss(f, b.probability_pct, b.building, 0.0)?.l_bel_db,
            None => 0.0,
        };
        lb_db += lbe_db;
        let ep_dbuv_m = 199.36 + 20.0 * f.log10() - lb_db; // (70)
        Ok(P1812Result {
            lb_db,
            ep_dbuv_m,
            ep_erp_dbuv_m: ep_dbuv_m + 10.0 * pt.erp_kw.log10(),
            fi,
            fj,
            fk,
            lbfs_db,
            lb0p_db,
            lb0b_db,
            lbulla_db: d50.lbulla_db,
            lbulls_db: d50.lbulls_db,
            ldsph_db: d50.ldsph_db,
            ld50_db,
            ldb_db,
            ldp_db,
            lbd50_db,
            lbd_db,
            lminb0p_db,
            lba_db,
            lminbap_db,
            lbda_db,
            lbam_db,
            lbs_db,
            lbc_db,
            lloc_db,
            lbe_db,
        })
    }
}

/// P.1812-6 as a [`PathLossModel`].
#[derive(Debug, Clone, Copy)]
pub struct P1812;

const fn number(unit: &'static str, min: f64, max: f64) -> ColumnKind {
    ColumnKind::Number { unit, min, max }
}

static INFO: ModelInfo = ModelInfo {
    name: "p1812",
    title: "Path-specific point-to-area prediction over terrain (30 MHz-6 GHz)",
    source: "ITU-R P.1812-6 (09/2021) Annex 1",
    validity: "30-6000 MHz (warning outside), p 1-50 %, 0 < pL < 100 %, antenna heights 1-3000 m, \
               profiles of more than 4 points",
    columns: &[
        Column {
            name: "profile",
            kind: ColumnKind::Profile,
            default: None,
            description:
                "terrain profile CSV distance_km,height_m[,clutter_height_m][,zone] (A1 coastal land, \
                          A2 inland, B sea), first point at the transmitter",
        },
        Column {
            name: "frequency_mhz",
            kind: number("MHz", f64::MIN_POSITIVE, 1e6),
            default: None,
            description: "frequency; validity 30-6000 MHz (warning outside)",
        },
        Column {
            name: "time_pct",
            kind: number("%", 1.0, 50.0),
            default: None,
            description: "time percentage p",
        },
        Column {
            name: "location_pct",
            kind: number("%", 1e-9, 100.0 - 1e-9),
            default: Some("50"),
            description: "location percentage pL",
        },
        Column {
            name: "location_std_db",
            kind: number("dB", 0.0, 100.0),
            default: Some("0"),
            description:
                "location variability standard deviation sigma_L (5.5 dB for DTT planning; eq. (66))",
        },
        Column {
            name: "tx_height_m",
            kind: number("m", 1.0, 3000.0),
            default: None,
            description: "transmitter antenna height above ground",
        },
        Column {
            name: "rx_height_m",
            kind: number("m", 1.0, 3000.0),
            default: None,
            description: "receiver antenna height above ground",
        },
        Column {
            name: "polarization",
            kind: ColumnKind::Choice(&["horizontal", "vertical"]),
            default: Some("horizontal"),
            description: "polarization",
        },
        Column {
            name: "tx_lat_deg",
            kind: number("degrees", -90.0, 90.0),
            default: None,
            description: "transmitter latitude",
        },
        Column {
            name: "tx_lon_deg",
            kind: number("degrees", -360.0, 360.0),
            default: None,
            description: "transmitter longitude",
        },
        Column {
            name: "rx_lat_deg",
            kind: number("degrees", -90.0, 90.0),
            default: None,
            description: "receiver latitude",
        },
        Column {
            name: "rx_lon_deg",
            kind: number("degrees", -360.0, 360.0),
            default: None,
            description: "receiver longitude",
        },
        Column {
            name: "delta_n",
            kind: number("N-units/km", 0.0, 156.0),
            default: None,
            description:
                "average refractivity lapse rate through the lowest 1 km at the path centre (P.1812 maps)",
        },
        Column {
            name: "n0",
            kind: number("N-units", 200.0, 500.0),
            default: None,
            description: "sea-level surface refractivity at the path centre (P.1812 maps)",
        },
        Column {
            name: "tx_coast_km",
            kind: number("km", 0.0, 1e5),
            default: Some("500"),
            description:
                "distance over land from the transmitter to the coast (0 at sea; forced 0 for a sea point)",
        },
        Column {
            name: "rx_coast_km",
            kind: number("km", 0.0, 1e5),
            default: Some("500"),
            description: "distance over land from the receiver to the coast",
        },
        Column {
            name: "tx_erp_kw",
            kind: number("kW", f64::MIN_POSITIVE, 1e9),
            default: Some("1"),
            description: "transmitter e.r.p. for field_dbuv_m",
        },
        Column {
            name: "smooth_earth_attachment4",
            kind: number("", 0.0, 1.0),
            default: Some("0"),
            description: "1: L_bulls by the closed form of Attachment 4 instead of the profile points",
        },
        Column {
            name: "building_type",
            kind: ColumnKind::Choice(&["none", "traditional", "thermally-efficient"]),
            default: Some("none"),
            description: "indoor reception: add the P.2109 building entry loss (elevation 0) for this class",
        },
        Column {
            name: "building_pct",
            kind: number("%", 1e-9, 100.0 - 1e-9),
            default: Some("50"),
            description: "probability that the building entry loss is not exceeded",
        },
    ],
    intermediates: &[
        "field_dbuv_m",
        "field_1kw_dbuv_m",
        "d_km",
        "dlt_km",
        "dlr_km",
        "theta_t_mrad",
        "theta_r_mrad",
        "theta_mrad",
        "hts_m",
        "hrs_m",
        "omega",
        "dtm_km",
        "dlm_km",
        "phi_deg",
        "b0_pct",
        "ae_km",
        "hst_m",
        "hsr_m",
        "hstd_m",
        "hsrd_m",
        "hte_m",
        "hre_m",
        "hm_m",
        "fi",
        "fj",
        "fk",
        "lbfs_db",
        "lb0p_db",
        "lb0b_db",
        "lbulla_db",
        "lbulls_db",
        "ldsph_db",
        "ld50_db",
        "ldb_db",
        "ldp_db",
        "lbd50_db",
        "lbd_db",
        "lminb0p_db",
        "lba_db",
        "lminbap_db",
        "lbda_db",
        "lbam_db",
        "lbs_db",
        "lbc_db",
        "lloc_db",
        "lbe_db",
    ],
};

impl PathLossModel for P1812 {
    fn info(&self) -> &'static ModelInfo {
        &INFO
    }

    fn evaluate(&self, case: &Case) -> Result<PathLoss> {
        let profile = case.profile("profile")?;
        let f_mhz = case.number("frequency_mhz")?;
        let pol = match case.choice("polarization")? {
            "vertical" => Polarization::Vertical,
            _ => Polarization::Horizontal,
        };
        let params = P1812PathParams {
            htg_m: case.number("tx_height_m")?,
            hrg_m: case.number("rx_height_m")?,
            tx_lat_deg: case.number("tx_lat_deg")?,
            tx_lon_deg: case.number("tx_lon_deg")?,
            rx_lat_deg: case.number("rx_lat_deg")?,
            rx_lon_deg: case.number("rx_lon_deg")?,
            delta_n: case.number("delta_n")?,
            n0: case.number("n0")?,
            dct_km: case.number("tx_coast_km")?,
            dcr_km: case.number("rx_coast_km")?,
            attachment4: case.number("smooth_earth_attachment4")? >= 0.5,
        };
        let building = match case.choice("building_type")? {
            "traditional" => Some(BuildingType::Traditional),
            "thermally-efficient" => Some(BuildingType::ThermallyEfficient),
            _ => None,
        }
        .map(|building| BuildingEntry {
            building,
            probability_pct: case.number("building_pct").unwrap_or(50.0),
        });
        let mut warnings = Vec::new();
        check_validity(&mut warnings, "frequency_mhz", f_mhz, 30.0, 6000.0);
        let path = P1812Path::new(profile, params)?;
        let r = path.evaluate(P1812Point {
            f_ghz: f_mhz / 1e3,
            p: case.number("time_pct")?,
            pl: case.number("location_pct")?,
            sigma_l_db: case.number("location_std_db")?,
            pol,
            erp_kw: case.number("tx_erp_kw")?,
            building,
        })?;
        let g = &path.geometry;
        Ok(PathLoss {
            loss_db: r.lb_db,
            intermediates: vec![
                r.ep_erp_dbuv_m,
                r.ep_dbuv_m,
                g.d_km,
                g.dlt_km,
                g.dlr_km,
                g.theta_t_mrad,
                g.theta_r_mrad,
                g.theta_mrad,
                g.hts_m,
                g.hrs_m,
                g.omega,
                g.dtm_km,
                g.dlm_km,
                g.phi_deg,
                g.b0,
                g.ae_km,
                g.hst_m,
                g.hsr_m,
                g.hstd_m,
                g.hsrd_m,
                g.hte_m,
                g.hre_m,
                g.hm_m,
                r.fi,
                r.fj,
                r.fk,
                r.lbfs_db,
                r.lb0p_db,
                r.lb0b_db,
                r.lbulla_db,
                r.lbulls_db,
                r.ldsph_db,
                r.ld50_db,
                r.ldb_db,
                r.ldp_db,
                r.lbd50_db,
                r.lbd_db,
                r.lminb0p_db,
                r.lba_db,
                r.lminbap_db,
                r.lbda_db,
                r.lbam_db,
                r.lbs_db,
                r.lbc_db,
                r.lloc_db,
                r.lbe_db,
            ],
            warnings,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn hilly_path(htg_m: f64) -> P1812Path {
        let d: Vec<f64> = (0..=200).map(|i| i as f64 * 0.25).collect();
        let h: Vec<f64> = d.iter().map(|x| 150.0 + 80.0 * (x / 7.0).sin() + 30.0 * (x / 1.7).cos()).collect();
        let mut profile = Profile::new(d, h).unwrap();
        profile.clutter_height_m = Some(vec![10.0; 201]);
        let params = P1812PathParams {
            htg_m,
            hrg_m: 10.0,
            tx_lat_deg: 46.0,
            tx_lon_deg: 7.0,
            rx_lat_deg: 46.45,
            rx_lon_deg: 7.0,
            delta_n: 45.0,
            n0: 320.0,
            dct_km: 500.0,
            dcr_km: 500.0,
            attachment4: false,
        };
        P1812Path::new(&profile, params).unwrap()
    }

    proptest! {
        #[test]
        fn loss_does_not_decrease_with_time_percentage(
            f_ghz in 0.03f64..6.0, p in 1.0f64..49.0, htg in 5.0f64..300.0
        ) {
            let path = hilly_path(htg);
            let pt = P1812Point {
                f_ghz, p, pl: 50.0, sigma_l_db: 0.0, pol: Polarization::Horizontal, erp_kw: 1.0, building: None,
            };
            let a = path.evaluate(pt).unwrap().lb_db;
            let b = path.evaluate(P1812Point { p: p + 1.0, ..pt }).unwrap().lb_db;
            prop_assert!(b >= a - 1e-9, "L_b({}) = {b} < L_b({p}) = {a}", p + 1.0);
        }

        #[test]
        fn field_strength_and_loss_are_consistent(f_ghz in 0.03f64..6.0, erp in 0.001f64..100.0) {
            // Eq. (70): E_p + L_b = 199.36 + 20 log10 f for 1 kW; e.r.p. scales E_p in dB.
            let path = hilly_path(30.0);
            let r = path.evaluate(P1812Point {
                f_ghz, p: 50.0, pl: 50.0, sigma_l_db: 0.0, pol: Polarization::Vertical, erp_kw: erp, building: None,
            }).unwrap();
            prop_assert!((r.ep_dbuv_m + r.lb_db - 199.36 - 20.0 * f_ghz.log10()).abs() < 1e-9);
            prop_assert!((r.ep_erp_dbuv_m - r.ep_dbuv_m - 10.0 * erp.log10()).abs() < 1e-9);
        }
    }
}
