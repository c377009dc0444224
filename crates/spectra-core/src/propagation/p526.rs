//! Delta-Bullington diffraction over a terrain profile: the method of ITU-R P.526-15 (10/2019)
//! §4.5 (kept in P.526-16), in the form in which ITU-R P.452-18 §4.2 and ITU-R P.1812-6 §4.3
//! apply it (equation numbers below are those of P.452-18 unless stated).
//!
//! The method combines
//! 1. the **Bullington** construction over the actual profile (one equivalent knife edge,
//!    P.452-18 eqs (13)-(22), P.1812-6 eqs (12)-(21)),
//! 2. the same construction over a **smooth profile** of zero heights with the terminal heights
//!    lowered onto the least-squares smooth surface (eq. (38)), or, as P.1812-6 Attachment 4
//!    allows, its closed form without profile points (P.1812-6 eqs (105)-(112)),
//! 3. the **spherical-Earth** diffraction loss for the same smooth path (P.452-18 §4.2.2,
//!    eqs (23)-(37); first-term residue series over land/sea ground),
//!
//! as `L_d = L_bulla + max(L_dsph - L_bulls, 0)` (P.452-18 eq. (40), P.1812-6 eq. (39)).
//!
//! Validity: 0.03-50 GHz (P.1812) / 0.1-50 GHz (P.452); any path with at least one point
//! between the terminals. Wavelength: `lambda = 0.2998 / f_GHz` m, the speed of light the
//! ITU-R SG3 reference implementations (P.452, P.1812, P.2001) use; the Recommendations do not fix
//! the constant and agreement with the reference software to 1e-6 dB needs it.
//!
//! # Precompute, then evaluate
//! Everything of the Bullington construction that depends on the profile (slopes, the
//! Bullington point, the highest diffraction parameter) is independent of frequency: the
//! diffraction parameter scales as `1/sqrt(lambda)`. [`Bullington`] keeps `nu * sqrt(lambda)`,
//! so [`DeltaBullington::new`] walks the profile once (O(n)) and [`DeltaBullington::loss`]
//! costs O(1) per frequency and polarisation.
//!
//! # Symbols
//! | here | P.452-18 / P.1812-6 | meaning |
//! |---|---|---|
//! | `d_km[i]`, `h_m[i]` | d_i, h_i (g_i in P.1812 and P.452-18 with clutter) | profile distance from Tx, height amsl |
//! | `d_tot_km` | d | path length |
//! | `hts_m`, `hrs_m` | h_ts, h_rs | antenna heights amsl |
//! | `hstd_m`, `hsrd_m` | h_std, h_srd | smooth-surface heights at the terminals for diffraction |
//! | `ap_km` | a_p | effective Earth radius (a_e for 50 %, a_beta for beta0 %) |
//! | `c_e` | C_e | effective Earth curvature, 1/a_p |
//! | `s_tim`, `s_rim`, `s_tr` | S_tim, S_rim, S_tr | slopes, m/km |
//! | `d_bp_km` | d_bp | distance of the Bullington point from Tx |
//! | `nu` | nu_max, nu_b | diffraction parameter |
//! | `luc_db` | L_uc | knife-edge loss of the Bullington point |
//! | `lbulla_db`, `lbulls_db` | L_bulla, L_bulls | Bullington loss, actual / smooth profile |
//! | `ldsph_db` | L_dsph | spherical-Earth diffraction loss |
//! | `ldft_db` | L_dft | first-term spherical-Earth loss |
//! | `hte_m`, `hre_m` | h_te, h_re | effective terminal heights above the smooth surface |
//! | `k` | K | normalised surface admittance |
//! | `beta_dft` | beta_dft | ground/polarisation parameter |
//! | `x`, `y` | X, Y | normalised distance and heights |
use crate::{Error, Result};

/// `lambda [m] = WAVELENGTH_M_TIMES_GHZ / f [GHz]` (c = 2.998e8 m/s, as in the ITU-R SG3 reference
/// software for P.452, P.1812 and P.2001).
pub const WAVELENGTH_M_TIMES_GHZ: f64 = 0.2998;

/// Polarisation of the radio wave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Polarization {
    /// Horizontal polarisation.
    Horizontal,
    /// Vertical polarisation.
    Vertical,
}

impl Polarization {
    /// Parses `horizontal`/`h` or `vertical`/`v` (case-insensitive).
    pub fn parse(s: &str) -> Option<Polarization> {
        match s.trim().to_ascii_lowercase().as_str() {
            "horizontal" | "h" => Some(Polarization::Horizontal),
            "vertical" | "v" => Some(Polarization::Vertical),
            _ => None,
        }
    }
}

/// Electrical constants of the ground.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GroundConstants {
    /// Relative permittivity epsilon_r.
    pub epsilon_r: f64,
    /// Conductivity sigma, S/m.
    pub sigma_s_per_m: f64,
}

impl GroundConstants {
    /// Land as fixed by P.452-18 eq. (29) and P.1812-6 eq. (28): epsilon_r = 22, sigma = 0.003 S/m.
    pub const LAND: GroundConstants = GroundConstants { epsilon_r: 22.0, sigma_s_per_m: 0.003 };
    /// Sea as fixed by P.452-18 eq. (29) and P.1812-6 eq. (28): epsilon_r = 80, sigma = 5 S/m.
    pub const SEA: GroundConstants = GroundConstants { epsilon_r: 80.0, sigma_s_per_m: 5.0 };
}

/// The ground under the first-term spherical-Earth diffraction loss.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Ground {
    /// P.452-18 eq. (29) / P.1812-6 eq. (28): `L_dft = omega L_dft(sea) + (1 - omega) L_dft(land)`
    /// with the fixed [`GroundConstants::LAND`] and [`GroundConstants::SEA`] and `omega` the
    /// fraction of the path over sea (0..=1).
    LandSea {
        /// omega, fraction of the path over sea.
        sea_fraction: f64,
    },
    /// One set of constants for the whole path (P.526 §3).
    Uniform(GroundConstants),
}

/// How the Bullington loss of the smooth path (`L_bulls`) is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SmoothPathMethod {
    /// P.452-18 §4.2.3 / P.1812-6 §4.3.4: the Bullington construction again over the profile
    /// points with all heights set to zero.
    #[default]
    ProfilePoints,
    /// P.1812-6 Attachment 4: the closed-form Bullington loss of a smooth curved Earth
    /// (eqs (105)-(112)), without profile points.
    ClosedForm,
}

/// Knife-edge diffraction loss J(nu), dB: the approximation of P.526-16 eq. (31), used as
/// P.452-18 eq. (13) and P.1812-6 eq. (12); zero for `nu <= -0.78`.
pub fn knife_edge_loss_db(nu: f64) -> f64 {
    if nu > -0.78 {
        6.9 + 20.0 * (((nu - 0.1) * (nu - 0.1) + 1.0).sqrt() + nu - 0.1).log10()
    } else {
        0.0
    }
}

/// The Bullington construction for one path, profile and effective Earth radius; independent of
/// frequency (P.452-18 §4.2.1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bullington {
    /// Diffraction parameter of the dominant point (nu_max or nu_b) times sqrt(lambda / 1 m).
    nu_sqrt_lambda: f64,
    /// Path length, km.
    d_tot_km: f64,
    /// Whether the path is line of sight in the Bullington sense (S_tim < S_tr).
    line_of_sight: bool,
}

/// The distances of a profile with the per-point factors every construction of this module
/// needs, computed once (O(n), with the divisions and square roots) and shared by all
/// constructions over the same distances: actual and smooth profile, any Earth radius.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileGeometry {
    /// d: path length, km.
    d_tot_km: f64,
    /// For each intermediate point i = 1..n-2: d_i, km.
    di: Vec<f64>,
    /// 1 / d_i.
    inv_di: Vec<f64>,
    /// 1 / (d - d_i).
    inv_dri: Vec<f64>,
    /// 500 d_i (d - d_i): times C_e, the Earth-curvature bulge (m) of eq. (14).
    bulge: Vec<f64>,
    /// d_i / d.
    frac: Vec<f64>,
    /// sqrt(0.002 d / (d_i (d - d_i))): the diffraction parameter per metre of clearance at
    /// lambda = 1 m (eq. (16)).
    nu_per_m: std::sync::OnceLock<Vec<f64>>,
}

impl ProfileGeometry {
    /// Checks distances `d_km` (at least 3 points, first 0, strictly increasing, finite) and
    /// prepares them.
    pub fn new(d_km: &[f64]) -> Result<ProfileGeometry> {
        check_distances(d_km)?;
        let n = d_km.len();
        let d = d_km[n - 1];
        let inner = &d_km[1..n - 1];
        let inv_d = 1.0 / d;
        // Separate element-wise passes: each one vectorises.
        let inv_di: Vec<f64> = inner.iter().map(|&x| 1.0 / x).collect();
        let inv_dri: Vec<f64> = inner.iter().map(|&x| 1.0 / (d - x)).collect();
        Ok(ProfileGeometry {
            d_tot_km: d,
            di: inner.to_vec(),
            bulge: inner.iter().map(|&x| 500.0 * x * (d - x)).collect(),
            frac: inner.iter().map(|&x| x * inv_d).collect(),
            inv_di,
            inv_dri,
            nu_per_m: std::sync::OnceLock::new(),
        })
    }

    /// Number of profile points (including the terminals).
    pub fn len(&self) -> usize {
        self.di.len() + 2
    }

    /// Always false: a geometry has at least 3 points.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// Path length d, km.
    pub fn d_tot_km(&self) -> f64 {
        self.d_tot_km
    }

    /// d_i for the intermediate points i = 1..n-2 (the same indexing for the accessors below).
    pub fn inner_distances_km(&self) -> &[f64] {
        &self.di
    }

    /// 1 / d_i for the intermediate points.
    pub fn inv_distances(&self) -> &[f64] {
        &self.inv_di
    }

    /// 1 / (d - d_i) for the intermediate points.
    pub fn inv_distances_to_rx(&self) -> &[f64] {
        &self.inv_dri
    }

    /// 500 d_i (d - d_i) for the intermediate points (times C_e: the Earth bulge, m).
    pub fn bulge(&self) -> &[f64] {
        &self.bulge
    }

    /// d_i / d for the intermediate points.
    pub fn fractions(&self) -> &[f64] {
        &self.frac
    }

    /// sqrt(0.002 d / (d_i (d - d_i))) for the intermediate points.
    /// Computed on first use (only line-of-sight constructions need it).
    pub fn nu_per_m(&self) -> &[f64] {
        self.nu_per_m.get_or_init(|| {
            let d = self.d_tot_km;
            self.inv_di.iter().zip(&self.inv_dri).map(|(a, b)| (0.002 * d * a * b).sqrt()).collect()
        })
    }

    /// Checks that `h_m` has one finite height per point.
    pub fn check_heights(&self, h_m: &[f64]) -> Result<()> {
        if h_m.len() != self.len() {
            return Err(Error::out_of_range(
                "profile heights",
                h_m.len(),
                format!("{} values, one per distance", self.len()),
            ));
        }
        let all_finite = h_m.iter().fold(true, |ok, h| ok & (h.abs() < f64::INFINITY));
        if !all_finite {
            let i = h_m.iter().position(|h| !h.is_finite()).unwrap_or(0);
            return Err(Error::out_of_range(
                "profile height_m",
                format!("{} at point #{i}", h_m[i]),
                "finite heights",
            ));
        }
        Ok(())
    }
}

impl Bullington {
    /// The Bullington construction over profile `d_km`, `h_m` (first point at the transmitter,
    /// distance 0; last at the receiver) for antennas at `hts_m`, `hrs_m` m amsl and effective
    /// Earth radius `ap_km`. The profile must have at least one intermediate point, finite values
    /// and strictly increasing distances from 0.
    pub fn from_profile(d_km: &[f64], h_m: &[f64], hts_m: f64, hrs_m: f64, ap_km: f64) -> Result<Bullington> {
        Self::from_geometry(&ProfileGeometry::new(d_km)?, h_m, hts_m, hrs_m, ap_km)
    }

    /// [`Bullington::from_profile`] over prepared distances: O(n) multiplications.
    pub fn from_geometry(
        geom: &ProfileGeometry,
        h_m: &[f64],
        hts_m: f64,
        hrs_m: f64,
        ap_km: f64,
    ) -> Result<Bullington> {
        geom.check_heights(h_m)?;
        check_positive("ap_km", ap_km)?;
        Ok(Self::construct(geom, Some(&h_m[1..h_m.len() - 1]), hts_m, hrs_m, ap_km))
    }

    /// Same as [`Bullington::from_profile`] with every profile height zero (the smooth path of
    /// P.452-18 §4.2.3 / P.1812-6 §4.3.4).
    pub fn smooth_profile(d_km: &[f64], hts_m: f64, hrs_m: f64, ap_km: f64) -> Result<Bullington> {
        Self::smooth_geometry(&ProfileGeometry::new(d_km)?, hts_m, hrs_m, ap_km)
    }

    /// [`Bullington::smooth_profile`] over prepared distances.
    pub fn smooth_geometry(geom: &ProfileGeometry, hts_m: f64, hrs_m: f64, ap_km: f64) -> Result<Bullington> {
        check_positive("ap_km", ap_km)?;
        Ok(Self::construct(geom, None, hts_m, hrs_m, ap_km))
    }

    /// Kernel of the construction over the intermediate heights `h_inner` (all zero when `None`);
    /// the caller has checked the inputs.
    fn construct(
        geom: &ProfileGeometry,
        h_inner: Option<&[f64]>,
        hts_m: f64,
        hrs_m: f64,
        ap_km: f64,
    ) -> Bullington {
        let c_e = 1.0 / ap_km;
        match h_inner {
            Some(h) => Self::construct_with(geom, |i| h[i], hts_m, hrs_m, c_e),
            None => Self::construct_with(geom, |_| 0.0, hts_m, hrs_m, c_e),
        }
    }

    /// The constructions over the actual heights `h_inner` with antennas `[h_ts, h_rs]` and over
    /// the smooth (zero) profile with `[h_ts', h_rs']`, in the same passes over the points
    /// (eqs (14)-(20) twice; the results equal two calls of [`Bullington::construct`]).
    fn construct_pair(
        geom: &ProfileGeometry,
        h_inner: &[f64],
        actual: [f64; 2],
        smooth: [f64; 2],
        ap_km: f64,
    ) -> (Bullington, Bullington) {
        let d = geom.d_tot_km;
        let c_e = 1.0 / ap_km;
        let m = h_inner.len();
        let (bulge, inv_di, inv_dri, frac) =
            (&geom.bulge[..m], &geom.inv_di[..m], &geom.inv_dri[..m], &geom.frac[..m]);
        let ([a_ts, a_rs], [s_ts, s_rs]) = (actual, smooth);
        // Eq. (14) for both.
        let (mut tim_a, mut tim_s) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
        for i in 0..m {
            let curve = c_e * bulge[i];
            let va = (h_inner[i] + curve - a_ts) * inv_di[i];
            let vs = (curve - s_ts) * inv_di[i];
            tim_a = if va > tim_a { va } else { tim_a };
            tim_s = if vs > tim_s { vs } else { tim_s };
        }
        // Eq. (15): LoS when S_tim < S_tr.
        let los_a = tim_a < (a_rs - a_ts) / d;
        let los_s = tim_s < (s_rs - s_ts) / d;
        // Second pass: eq. (16) (LoS) or eq. (18) (trans-horizon) for each, as
        // (h_i + C_e bulge - (a + b frac_i)) * factor_i.
        let nu_per_m: &[f64] = if los_a || los_s { &geom.nu_per_m()[..m] } else { inv_dri };
        let (ca, cb) = if los_a { ([a_ts, a_rs - a_ts], nu_per_m) } else { ([a_rs, 0.0], inv_dri) };
        let (sa, sb) = if los_s { ([s_ts, s_rs - s_ts], nu_per_m) } else { ([s_rs, 0.0], inv_dri) };
        let (mut second_a, mut second_s) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
        for i in 0..m {
            let curve = c_e * bulge[i];
            let va = (h_inner[i] + curve - (ca[0] + ca[1] * frac[i])) * cb[i];
            let vs = (curve - (sa[0] + sa[1] * frac[i])) * sb[i];
            second_a = if va > second_a { va } else { second_a };
            second_s = if vs > second_s { vs } else { second_s };
        }
        let finish = |los: bool, s_tim: f64, second: f64, hts_m: f64, hrs_m: f64| {
            if los {
                Bullington { nu_sqrt_lambda: second, d_tot_km: d, line_of_sight: true }
            } else {
                // Eqs (19)-(20) with S_rim = second.
                let d_bp = (hrs_m - hts_m + second * d) / (s_tim + second);
                let nu = (hts_m + s_tim * d_bp - (hts_m * (d - d_bp) + hrs_m * d_bp) / d)
                    * (0.002 * d / (d_bp * (d - d_bp))).sqrt();
                Bullington { nu_sqrt_lambda: nu, d_tot_km: d, line_of_sight: false }
            }
        };
        (finish(los_a, tim_a, second_a, a_ts, a_rs), finish(los_s, tim_s, second_s, s_ts, s_rs))
    }

    /// [`Bullington::construct`] for the heights `h(i)` of the intermediate points.
    #[inline(always)]
    fn construct_with(
        geom: &ProfileGeometry,
        h: impl Fn(usize) -> f64,
        hts_m: f64,
        hrs_m: f64,
        c_e: f64,
    ) -> Bullington {
        let d = geom.d_tot_km;
        let m = geom.di.len();
        let (bulge, inv_di, inv_dri, frac) =
            (&geom.bulge[..m], &geom.inv_di[..m], &geom.inv_dri[..m], &geom.frac[..m]);
        // Eq. (14): highest slope from the transmitter to an intermediate point.
        let s_tim = max_over(m, |i| (h(i) + c_e * bulge[i] - hts_m) * inv_di[i]);
        // Eq. (15): slope of the line from transmitter to receiver.
        let s_tr = (hrs_m - hts_m) / d;
        if s_tim < s_tr {
            // Line of sight, eq. (16): highest diffraction parameter (at lambda = 1 m).
            let nu_per_m = &geom.nu_per_m()[..m];
            let nu =
                max_over(m, |i| (h(i) + c_e * bulge[i] - (hts_m + (hrs_m - hts_m) * frac[i])) * nu_per_m[i]);
            Bullington { nu_sqrt_lambda: nu, d_tot_km: d, line_of_sight: true }
        } else {
            // Trans-horizon, eq. (18): highest slope from the receiver.
            let s_rim = max_over(m, |i| (h(i) + c_e * bulge[i] - hrs_m) * inv_dri[i]);
            // Eq. (19): the Bullington point; eq. (20): its diffraction parameter.
            let d_bp = (hrs_m - hts_m + s_rim * d) / (s_tim + s_rim);
            let nu = (hts_m + s_tim * d_bp - (hts_m * (d - d_bp) + hrs_m * d_bp) / d)
                * (0.002 * d / (d_bp * (d - d_bp))).sqrt();
            Bullington { nu_sqrt_lambda: nu, d_tot_km: d, line_of_sight: false }
        }
    }

    /// The closed-form Bullington construction over a smooth curved Earth of radius `ap_km`,
    /// terminals `hte_m`, `hre_m` above it, path `d_tot_km` (P.1812-6 Attachment 4, eqs
    /// (105)-(111)). Heights must be positive.
    pub fn smooth_closed_form(d_tot_km: f64, hte_m: f64, hre_m: f64, ap_km: f64) -> Result<Bullington> {
        check_positive("d_tot_km", d_tot_km)?;
        check_positive("hte_m", hte_m)?;
        check_positive("hre_m", hre_m)?;
        check_positive("ap_km", ap_km)?;
        Ok(Self::closed_form(d_tot_km, hte_m, hre_m, ap_km))
    }

    /// Kernel of [`Bullington::smooth_closed_form`]; the caller has checked the inputs.
    fn closed_form(d_tot_km: f64, hte_m: f64, hre_m: f64, ap_km: f64) -> Bullington {
        let d = d_tot_km;
        let c_e = 1.0 / ap_km;
        if d < marginal_los_distance_km(hte_m, hre_m, ap_km) {
            // Line of sight: smallest clearance, eqs (23)-(24), then eq. (105).
            let (hse, dse1, _) = smallest_clearance(d, hte_m, hre_m, ap_km);
            let nu = -hse * (0.002 * d / (dse1 * (d - dse1))).sqrt();
            Bullington { nu_sqrt_lambda: nu, d_tot_km: d, line_of_sight: true }
        } else {
            let s_tm = 500.0 * c_e * d - 2.0 * (500.0 * c_e * hte_m).sqrt(); // eq. (107)
            let s_rm = 500.0 * c_e * d - 2.0 * (500.0 * c_e * hre_m).sqrt(); // eq. (108)
            let ds = (hre_m - hte_m + s_rm * d) / (s_tm + s_rm); // eq. (109)
            let nu = (hte_m + s_tm * ds - (hte_m * (d - ds) + hre_m * ds) / d)
                * (0.002 * d / (ds * (d - ds))).sqrt(); // eq. (110)
            Bullington { nu_sqrt_lambda: nu, d_tot_km: d, line_of_sight: false }
        }
    }

    /// Whether the path is line of sight in the Bullington sense (S_tim < S_tr, eq. (15)).
    pub fn is_line_of_sight(&self) -> bool {
        self.line_of_sight
    }

    /// Diffraction parameter of the dominant point at `f_ghz` (nu_max, eq. (16), or nu_b, eq. (20)).
    pub fn nu(&self, f_ghz: f64) -> f64 {
        self.nu_sqrt_lambda / (WAVELENGTH_M_TIMES_GHZ / f_ghz).sqrt()
    }

    /// Bullington diffraction loss at `f_ghz`, dB: eqs (17)/(21) and (22).
    pub fn loss_db(&self, f_ghz: f64) -> f64 {
        let luc_db = knife_edge_loss_db(self.nu(f_ghz));
        luc_db + (1.0 - (-luc_db / 6.0).exp()) * (10.0 + 0.02 * self.d_tot_km) // eq. (22)
    }
}

/// Marginal line-of-sight distance of a smooth path, km (P.452-18 eq. (23)).
pub fn marginal_los_distance_km(hte_m: f64, hre_m: f64, ap_km: f64) -> f64 {
    (2.0 * ap_km).sqrt() * ((0.001 * hte_m).sqrt() + (0.001 * hre_m).sqrt())
}

/// Smallest clearance `h_se` (m) between the curved-Earth path and the ray, and the distances
/// `d_se1`, `d_se2` (km) of that point from the terminals (P.452-18 eqs (24)-(25)).
fn smallest_clearance(d: f64, hte_m: f64, hre_m: f64, ap_km: f64) -> (f64, f64, f64) {
    let c = (hte_m - hre_m) / (hte_m + hre_m); // eq. (25d)
    let m = 250.0 * d * d / (ap_km * (hte_m + hre_m)); // eq. (25e)
    let b = 2.0
        * ((m + 1.0) / (3.0 * m)).sqrt()
        * (std::f64::consts::PI / 3.0 + (1.5 * c * (3.0 * m / (m + 1.0).powi(3)).sqrt()).acos() / 3.0).cos(); // eq. (25c)
    let dse1 = d / 2.0 * (1.0 + b); // eq. (25a)
    let dse2 = d - dse1; // eq. (25b)
    let hse =
        ((hte_m - 500.0 * dse1 * dse1 / ap_km) * dse2 + (hre_m - 500.0 * dse2 * dse2 / ap_km) * dse1) / d; // eq. (24)
    (hse, dse1, dse2)
}

/// First-term spherical-Earth diffraction loss for one set of ground constants, dB
/// (P.452-18 eqs (30)-(37)).
fn first_term_one_ground_db(
    g: GroundConstants,
    d_km: f64,
    hte_m: f64,
    hre_m: f64,
    adft_km: f64,
    f_ghz: f64,
    pol: Polarization,
) -> f64 {
    let s18 = 18.0 * g.sigma_s_per_m / f_ghz;
    let k_h =
        0.036 * (adft_km * f_ghz).powf(-1.0 / 3.0) * ((g.epsilon_r - 1.0).powi(2) + s18 * s18).powf(-0.25); // eq. (30a)
    let k = match pol {
        Polarization::Horizontal => k_h,
        Polarization::Vertical => k_h * (g.epsilon_r * g.epsilon_r + s18 * s18).sqrt(), // eq. (30b)
    };
    let k2 = k * k;
    let k4 = k2 * k2;
    let beta_dft = (1.0 + 1.6 * k2 + 0.67 * k4) / (1.0 + 4.5 * k2 + 1.53 * k4); // eq. (31)
    let x = 21.88 * beta_dft * (f_ghz / (adft_km * adft_km)).powf(1.0 / 3.0) * d_km; // eq. (32)
    let y_scale = 0.9575 * beta_dft * (f_ghz * f_ghz / adft_km).powf(1.0 / 3.0); // eq. (33)
    let (yt, yr) = (y_scale * hte_m, y_scale * hre_m);
    // Eq. (34): distance term.
    let fx = if x >= 1.6 {
        11.0 + 10.0 * x.log10() - 17.6 * x
    } else {
        -20.0 * x.log10() - 5.6488 * x.powf(1.425)
    };
    // Eqs (35)-(36): height-gain term, bounded below by 2 + 20 log10 K.
    let g_floor = 2.0 + 20.0 * k.log10();
    let height_gain = |y: f64| {
        let b = beta_dft * y; // eq. (36)
        let gy = if b > 2.0 {
            17.6 * (b - 1.1).sqrt() - 5.0 * (b - 1.1).log10() - 8.0
        } else {
            20.0 * (b + 0.1 * b * b * b).log10()
        };
        gy.max(g_floor)
    };
    -fx - height_gain(yt) - height_gain(yr) // eq. (37)
}

/// First-term spherical-Earth diffraction loss, dB (P.452-18 §4.2.2.1, eqs (29)-(37)), for
/// effective Earth radius `adft_km`, path `d_km`, heights `hte_m`, `hre_m` above the smooth Earth.
pub fn first_term_loss_db(
    d_km: f64,
    hte_m: f64,
    hre_m: f64,
    adft_km: f64,
    f_ghz: f64,
    pol: Polarization,
    ground: Ground,
) -> f64 {
    match ground {
        Ground::LandSea { sea_fraction } => {
            let sea = first_term_one_ground_db(GroundConstants::SEA, d_km, hte_m, hre_m, adft_km, f_ghz, pol);
            let land =
                first_term_one_ground_db(GroundConstants::LAND, d_km, hte_m, hre_m, adft_km, f_ghz, pol);
            sea_fraction * sea + (1.0 - sea_fraction) * land // eq. (29)
        }
        Ground::Uniform(g) => first_term_one_ground_db(g, d_km, hte_m, hre_m, adft_km, f_ghz, pol),
    }
}

/// Spherical-Earth diffraction loss `L_dsph`, dB (P.452-18 §4.2.2, eqs (23)-(28); P.1812-6
/// §4.3.2), for path `d_km`, heights `hte_m`, `hre_m` (> 0) above the smooth Earth of radius `ap_km`.
pub fn spherical_earth_loss_db(
    d_km: f64,
    hte_m: f64,
    hre_m: f64,
    ap_km: f64,
    f_ghz: f64,
    pol: Polarization,
    ground: Ground,
) -> f64 {
    if d_km >= marginal_los_distance_km(hte_m, hre_m, ap_km) {
        // Beyond the marginal LoS distance, eq. (23): first-term loss with a_dft = a_p.
        return first_term_loss_db(d_km, hte_m, hre_m, ap_km, f_ghz, pol, ground);
    }
    let (hse, dse1, dse2) = smallest_clearance(d_km, hte_m, hre_m, ap_km);
    let lambda_m = WAVELENGTH_M_TIMES_GHZ / f_ghz;
    let hreq = 17.456 * (dse1 * dse2 * lambda_m / d_km).sqrt(); // eq. (26)
    if hse > hreq {
        return 0.0;
    }
    let aem_km = 500.0 * (d_km / (hte_m.sqrt() + hre_m.sqrt())).powi(2); // eq. (27)
    let ldft_db = first_term_loss_db(d_km, hte_m, hre_m, aem_km, f_ghz, pol, ground);
    if ldft_db < 0.0 {
        0.0
    } else {
        (1.0 - hse / hreq) * ldft_db // eq. (28)
    }
}

/// Antenna heights for the delta-Bullington method, m amsl.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TerminalHeights {
    /// h_ts: transmitter antenna height amsl.
    pub hts_m: f64,
    /// h_rs: receiver antenna height amsl.
    pub hrs_m: f64,
    /// h_std: smooth-surface height at the transmitter for diffraction (see [`SmoothSurface`]).
    pub hstd_m: f64,
    /// h_srd: smooth-surface height at the receiver for diffraction.
    pub hsrd_m: f64,
}

/// The diffraction loss of one path at one frequency and polarisation and its parts, dB.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DiffractionLoss {
    /// L_bulla: Bullington loss over the actual profile.
    pub lbulla_db: f64,
    /// L_bulls: Bullington loss over the smooth profile.
    pub lbulls_db: f64,
    /// L_dsph: spherical-Earth diffraction loss of the smooth path.
    pub ldsph_db: f64,
    /// L_d = L_bulla + max(L_dsph - L_bulls, 0) (P.452-18 eq. (40)).
    pub ld_db: f64,
}

/// The delta-Bullington diffraction model for one path and one effective Earth radius, with the
/// profile analysis done once (P.452-18 §4.2.3, P.1812-6 §4.3.4).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DeltaBullington {
    actual: Bullington,
    smooth: Bullington,
    d_tot_km: f64,
    hte_m: f64,
    hre_m: f64,
    ap_km: f64,
}

impl DeltaBullington {
    /// Analyses profile `d_km`, `h_m` (P.452-18: the radio profile g_i = h_i + clutter; P.1812-6:
    /// g_i) for terminals `heights` and effective Earth radius `ap_km`. The effective heights of
    /// the smooth path, `hts - hstd` and `hrs - hsrd` (eq. (38)), must be positive.
    pub fn new(
        d_km: &[f64],
        h_m: &[f64],
        heights: TerminalHeights,
        ap_km: f64,
        smooth_method: SmoothPathMethod,
    ) -> Result<DeltaBullington> {
        Self::with_geometry(&ProfileGeometry::new(d_km)?, h_m, heights, ap_km, smooth_method)
    }

    /// [`DeltaBullington::new`] over prepared distances (share one [`ProfileGeometry`] between
    /// several Earth radii or height profiles).
    pub fn with_geometry(
        geom: &ProfileGeometry,
        h_m: &[f64],
        heights: TerminalHeights,
        ap_km: f64,
        smooth_method: SmoothPathMethod,
    ) -> Result<DeltaBullington> {
        Self::for_radii(geom, h_m, heights, [ap_km], smooth_method).map(|[db]| db)
    }

    /// [`DeltaBullington::with_geometry`] for several effective Earth radii at once (P.452 and
    /// P.1812 need a_e and a_beta), checking the profile once.
    pub fn for_radii<const N: usize>(
        geom: &ProfileGeometry,
        h_m: &[f64],
        heights: TerminalHeights,
        radii_km: [f64; N],
        smooth_method: SmoothPathMethod,
    ) -> Result<[DeltaBullington; N]> {
        let TerminalHeights { hts_m, hrs_m, hstd_m, hsrd_m } = heights;
        for (name, v) in [("hts_m", hts_m), ("hrs_m", hrs_m), ("hstd_m", hstd_m), ("hsrd_m", hsrd_m)] {
            if !v.is_finite() {
                return Err(Error::out_of_range(name, v, "a finite height"));
            }
        }
        let hte_m = hts_m - hstd_m; // eq. (38a), (39a)
        let hre_m = hrs_m - hsrd_m; // eq. (38b), (39b)
        check_positive("hts_m - hstd_m (effective Tx height above the smooth surface)", hte_m)?;
        check_positive("hrs_m - hsrd_m (effective Rx height above the smooth surface)", hre_m)?;
        geom.check_heights(h_m)?;
        for ap_km in radii_km {
            check_positive("ap_km", ap_km)?;
        }
        let d_tot_km = geom.d_tot_km;
        let h_inner = &h_m[1..h_m.len() - 1];
        Ok(radii_km.map(|ap_km| {
            let (actual, smooth) = match smooth_method {
                SmoothPathMethod::ProfilePoints => {
                    Bullington::construct_pair(geom, h_inner, [hts_m, hrs_m], [hte_m, hre_m], ap_km)
                }
                SmoothPathMethod::ClosedForm => (
                    Bullington::construct(geom, Some(h_inner), hts_m, hrs_m, ap_km),
                    Bullington::closed_form(d_tot_km, hte_m, hre_m, ap_km),
                ),
            };
            DeltaBullington { actual, smooth, d_tot_km, hte_m, hre_m, ap_km }
        }))
    }

    /// The Bullington construction over the actual profile.
    pub fn actual(&self) -> &Bullington {
        &self.actual
    }

    /// Diffraction loss at `f_ghz` for polarisation `pol` over `ground` (eqs (38)-(40)).
    pub fn loss(&self, f_ghz: f64, pol: Polarization, ground: Ground) -> DiffractionLoss {
        let lbulla_db = self.actual.loss_db(f_ghz);
        let lbulls_db = self.smooth.loss_db(f_ghz);
        let ldsph_db =
            spherical_earth_loss_db(self.d_tot_km, self.hte_m, self.hre_m, self.ap_km, f_ghz, pol, ground);
        let ld_db = lbulla_db + (ldsph_db - lbulls_db).max(0.0); // eq. (40)
        DiffractionLoss { lbulla_db, lbulls_db, ldsph_db, ld_db }
    }
}

/// The least-squares smooth surface of a profile and its heights at the terminals
/// (P.452-18 Attachment 2 §5.1.6.2-§5.1.6.3, eqs (161)-(167); P.1812-6 Attachment 1 §4 uses the
/// same construction).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SmoothSurface {
    /// h_st: height of the smooth surface at the transmitter, m amsl (eq. (163)).
    pub hst_m: f64,
    /// h_sr: height of the smooth surface at the receiver, m amsl (eq. (164)).
    pub hsr_m: f64,
    /// h_std: smooth-surface height at the transmitter for the diffraction model (eq. (167)).
    pub hstd_m: f64,
    /// h_srd: smooth-surface height at the receiver for the diffraction model (eq. (167)).
    pub hsrd_m: f64,
}

impl SmoothSurface {
    /// Fits the smooth surface to profile `d_km`, `h_m` (terrain heights) for antennas at
    /// `hts_m`, `hrs_m` m amsl.
    pub fn fit(d_km: &[f64], h_m: &[f64], hts_m: f64, hrs_m: f64) -> Result<SmoothSurface> {
        Self::fit_geometry(&ProfileGeometry::new(d_km)?, d_km, h_m, hts_m, hrs_m)
    }

    /// [`SmoothSurface::fit`] with prepared distances `geom` (of the same `d_km`).
    pub fn fit_geometry(
        geom: &ProfileGeometry,
        d_km: &[f64],
        h_m: &[f64],
        hts_m: f64,
        hrs_m: f64,
    ) -> Result<SmoothSurface> {
        geom.check_heights(h_m)?;
        if d_km.len() != geom.len() {
            return Err(Error::out_of_range(
                "profile distances",
                d_km.len(),
                format!("{} (as the geometry)", geom.len()),
            ));
        }
        let n = d_km.len();
        let d = d_km[n - 1];
        // Eqs (161)-(162).
        // Two partial sums each (odd and even segments) so that consecutive additions do not
        // wait for each other; the order changes the sums only in the last bits.
        let segment = |i: usize| {
            let (di, dj, hi, hj) = (d_km[i], d_km[i - 1], h_m[i], h_m[i - 1]);
            ((di - dj) * (hi + hj), (di - dj) * (hi * (2.0 * di + dj) + hj * (di + 2.0 * dj)))
        };
        let (mut v1a, mut v2a, mut v1b, mut v2b) = (0.0, 0.0, 0.0, 0.0);
        let mut i = 1;
        while i + 1 < n {
            let (a1, a2) = segment(i);
            let (b1, b2) = segment(i + 1);
            (v1a, v2a, v1b, v2b) = (v1a + a1, v2a + a2, v1b + b1, v2b + b2);
            i += 2;
        }
        if i < n {
            let (a1, a2) = segment(i);
            (v1a, v2a) = (v1a + a1, v2a + a2);
        }
        let (v1, v2) = (v1a + v1b, v2a + v2b);
        let hst_m = (2.0 * v1 * d - v2) / (d * d); // eq. (163)
        let hsr_m = (v2 - v1 * d) / (d * d); // eq. (164)
                                             // Eq. (165): highest obstruction above the direct ray and its angles.
        let (mut hobs, mut alpha_obt, mut alpha_obr) =
            (f64::NEG_INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY);
        let inner = &h_m[1..n - 1];
        let (frac, inv_di, inv_dri) =
            (&geom.frac[..inner.len()], &geom.inv_di[..inner.len()], &geom.inv_dri[..inner.len()]);
        for k in 0..inner.len() {
            let hh = inner[k] - (hts_m + (hrs_m - hts_m) * frac[k]); // eq. (165d)
            let (t, r) = (hh * inv_di[k], hh * inv_dri[k]);
            hobs = if hh > hobs { hh } else { hobs }; // eq. (165a)
            alpha_obt = if t > alpha_obt { t } else { alpha_obt }; // eq. (165b)
            alpha_obr = if r > alpha_obr { r } else { alpha_obr }; // eq. (165c)
        }
        // Eq. (166): provisional smooth-surface heights.
        let (hstp, hsrp) = if hobs <= 0.0 {
            (hst_m, hsr_m)
        } else {
            let gt = alpha_obt / (alpha_obt + alpha_obr); // eq. (166e)
            let gr = alpha_obr / (alpha_obt + alpha_obr); // eq. (166f)
            (hst_m - hobs * gt, hsr_m - hobs * gr)
        };
        // Eq. (167): not above the ground at the terminals.
        let hstd_m = if hstp >= h_m[0] { h_m[0] } else { hstp };
        let hsrd_m = if hsrp > h_m[n - 1] { h_m[n - 1] } else { hsrp };
        Ok(SmoothSurface { hst_m, hsr_m, hstd_m, hsrd_m })
    }
}

/// The largest of `f(0)`, ..., `f(m - 1)` (at least one), with four independent running maxima
/// so that the comparisons of consecutive points do not wait for each other.
#[inline(always)]
pub(crate) fn max_over(m: usize, f: impl Fn(usize) -> f64) -> f64 {
    let mut acc = [f64::NEG_INFINITY; 4];
    let chunks = m / 4;
    for c in 0..chunks {
        for (k, a) in acc.iter_mut().enumerate() {
            let v = f(4 * c + k);
            if v > *a {
                *a = v;
            }
        }
    }
    for i in 4 * chunks..m {
        let v = f(i);
        if v > acc[0] {
            acc[0] = v;
        }
    }
    let (a, b) =
        (if acc[1] > acc[0] { acc[1] } else { acc[0] }, if acc[3] > acc[2] { acc[3] } else { acc[2] });
    if b > a {
        b
    } else {
        a
    }
}

fn check_positive(name: &str, v: f64) -> Result<()> {
    if v > 0.0 && v.is_finite() {
        Ok(())
    } else {
        Err(Error::out_of_range(name, v, "> 0 and finite"))
    }
}

/// At least 3 points, first at 0 km, strictly increasing and finite.
fn check_distances(d_km: &[f64]) -> Result<()> {
    if d_km.len() < 3 {
        return Err(Error::out_of_range(
            "profile points",
            d_km.len(),
            "at least 3 (one between the terminals)",
        ));
    }
    if d_km[0] != 0.0 {
        return Err(Error::out_of_range(
            "distance of the first profile point",
            d_km[0],
            "0 km (the transmitter)",
        ));
    }
    // A branch-free scan first (it vectorises); the offending point only on error.
    let increasing = d_km.windows(2).fold(true, |ok, w| ok & (w[1] > w[0]) & (w[1] < f64::INFINITY));
    if !increasing {
        let i = d_km.windows(2).position(|w| !(w[1] > w[0] && w[1].is_finite())).unwrap_or(0);
        return Err(Error::out_of_range(
            "profile distance_km",
            format!("{} at point #{} after {}", d_km[i + 1], i + 1, d_km[i]),
            "strictly increasing finite distances",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const LAND: Ground = Ground::LandSea { sea_fraction: 0.0 };

    #[test]
    fn knife_edge_matches_p526_eq31_hand_values() {
        // J(0) = 6.9 + 20 log10(sqrt(1.01) - 0.1) = 6.0329 dB (the approximation of the 6.02 dB grazing loss).
        let j0 = 6.9 + 20.0 * (1.01f64.sqrt() - 0.1).log10();
        assert!((knife_edge_loss_db(0.0) - j0).abs() < 1e-12);
        assert!((j0 - 6.0329).abs() < 1e-4);
        // J(1) = 6.9 + 20 log10(sqrt(1.81) + 0.9) = 13.9 dB.
        assert!((knife_edge_loss_db(1.0) - (6.9 + 20.0 * (1.81f64.sqrt() + 0.9).log10())).abs() < 1e-12);
        assert_eq!(knife_edge_loss_db(-0.78), 0.0);
        assert_eq!(knife_edge_loss_db(-5.0), 0.0);
        // Just above -0.78 the approximation is close to zero but not exactly zero.
        assert!(knife_edge_loss_db(-0.7799).abs() < 0.01);
    }

    #[test]
    fn single_knife_edge_hand_worked() {
        // Flat Earth (huge radius), 10 km path, 0 m terminals... use 10 m terminals and a 60 m
        // obstacle mid-path: trans-horizon (S_tim = (60 - 10)/5 = 10 > S_tr = 0).
        // Bullington point at d_bp = (0 + 10 * 10) / 20 = 5 km, height above the ray 50 m.
        // nu_b = 50 * sqrt(0.002 * 10 / (lambda * 5 * 5)) at 1 GHz, lambda = 0.2998 m.
        let d = [0.0, 5.0, 10.0];
        let h = [0.0, 60.0, 0.0];
        let b = Bullington::from_profile(&d, &h, 10.0, 10.0, 1e12).unwrap();
        assert!(!b.is_line_of_sight());
        let nu = 50.0 * (0.002 * 10.0 / (0.2998 * 25.0f64)).sqrt();
        assert!((b.nu(1.0) - nu).abs() < 1e-6, "{} vs {nu}", b.nu(1.0));
        let luc = knife_edge_loss_db(nu);
        let lbull = luc + (1.0 - (-luc / 6.0).exp()) * (10.0 + 0.02 * 10.0);
        assert!((b.loss_db(1.0) - lbull).abs() < 1e-6);
    }

    #[test]
    fn line_of_sight_uses_highest_nu() {
        // Obstacle 5 m below the ray mid-path on a flat Earth: nu = -5 sqrt(0.002*10/(lambda*25)).
        let d = [0.0, 2.0, 5.0, 10.0];
        let h = [0.0, 0.0, 5.0, 0.0];
        let b = Bullington::from_profile(&d, &h, 10.0, 10.0, 1e12).unwrap();
        assert!(b.is_line_of_sight());
        let nu = -5.0 * (0.002 * 10.0 / (0.2998 * 25.0f64)).sqrt();
        assert!((b.nu(1.0) - nu).abs() < 1e-6);
    }

    #[test]
    fn spherical_earth_zero_with_large_clearance() {
        // 1 km over a 8500 km Earth with 100 m masts: clearance ~100 m >> h_req.
        assert_eq!(
            spherical_earth_loss_db(1.0, 100.0, 100.0, 8500.0, 1.0, Polarization::Horizontal, LAND),
            0.0
        );
    }

    #[test]
    fn first_term_grows_with_distance_beyond_horizon() {
        let a = first_term_loss_db(100.0, 10.0, 10.0, 8500.0, 1.0, Polarization::Horizontal, LAND);
        let b = first_term_loss_db(150.0, 10.0, 10.0, 8500.0, 1.0, Polarization::Horizontal, LAND);
        assert!(a > 0.0 && b > a, "{a} {b}");
    }

    #[test]
    fn land_sea_mix_is_linear_in_the_fraction() {
        // Eq. (29): omega = 0.25 gives a quarter of the sea loss plus three quarters of the land.
        for pol in [Polarization::Horizontal, Polarization::Vertical] {
            let land = first_term_loss_db(
                80.0,
                20.0,
                30.0,
                8500.0,
                0.3,
                pol,
                Ground::Uniform(GroundConstants::LAND),
            );
            let sea =
                first_term_loss_db(80.0, 20.0, 30.0, 8500.0, 0.3, pol, Ground::Uniform(GroundConstants::SEA));
            let mix = first_term_loss_db(
                80.0,
                20.0,
                30.0,
                8500.0,
                0.3,
                pol,
                Ground::LandSea { sea_fraction: 0.25 },
            );
            assert!((mix - (0.25 * sea + 0.75 * land)).abs() < 1e-12);
        }
    }

    #[test]
    fn smooth_surface_of_a_plane_is_the_plane() {
        // A sloping straight profile is its own least-squares fit (eqs (161)-(164)).
        let d: Vec<f64> = (0..=20).map(|i| i as f64 * 0.5).collect();
        let h: Vec<f64> = d.iter().map(|x| 100.0 + 3.0 * x).collect();
        let s = SmoothSurface::fit(&d, &h, 110.0, 140.0).unwrap();
        assert!((s.hst_m - 100.0).abs() < 1e-9 && (s.hsr_m - 130.0).abs() < 1e-9);
        assert!((s.hstd_m - 100.0).abs() < 1e-9 && (s.hsrd_m - 130.0).abs() < 1e-9);
    }

    #[test]
    fn bad_profiles_are_errors() {
        let h = TerminalHeights { hts_m: 10.0, hrs_m: 10.0, hstd_m: 0.0, hsrd_m: 0.0 };
        let m = SmoothPathMethod::ProfilePoints;
        assert!(DeltaBullington::new(&[0.0, 1.0], &[0.0, 0.0], h, 8500.0, m).is_err());
        assert!(DeltaBullington::new(&[0.0, 1.0, 1.0, 2.0], &[0.0; 4], h, 8500.0, m).is_err());
        assert!(DeltaBullington::new(&[0.5, 1.0, 2.0], &[0.0; 3], h, 8500.0, m).is_err());
        assert!(DeltaBullington::new(&[0.0, 1.0, 2.0], &[0.0, f64::NAN, 0.0], h, 8500.0, m).is_err());
        assert!(DeltaBullington::new(&[0.0, 1.0, 2.0], &[0.0; 2], h, 8500.0, m).is_err());
        assert!(DeltaBullington::new(&[0.0, 1.0, 2.0], &[0.0; 3], h, -1.0, m).is_err());
        let low = TerminalHeights { hstd_m: 10.0, ..h };
        assert!(DeltaBullington::new(&[0.0, 1.0, 2.0], &[0.0; 3], low, 8500.0, m).is_err());
    }

    #[test]
    fn closed_form_smooth_path_agrees_with_dense_profile() {
        // P.1812-6 Attachment 4 is the limit of the profile-point construction over a dense
        // smooth profile; with 10 m spacing the two agree to a few hundredths of a dB.
        for (d_tot, hte, hre) in [(60.0, 20.0, 30.0), (8.0, 30.0, 15.0)] {
            let n = (d_tot * 100.0) as usize;
            let d: Vec<f64> = (0..=n).map(|i| i as f64 * d_tot / n as f64).collect();
            let a = Bullington::smooth_profile(&d, hte, hre, 8500.0).unwrap();
            let b = Bullington::smooth_closed_form(d_tot, hte, hre, 8500.0).unwrap();
            assert_eq!(a.is_line_of_sight(), b.is_line_of_sight());
            for f in [0.1, 1.0, 10.0] {
                assert!(
                    (a.loss_db(f) - b.loss_db(f)).abs() < 0.05,
                    "{d_tot} km {f} GHz: {} vs {}",
                    a.loss_db(f),
                    b.loss_db(f)
                );
            }
        }
    }

    proptest! {
        #[test]
        fn fused_constructions_equal_separate_ones(
            heights in proptest::collection::vec(0.0f64..300.0, 3..40),
            step in 0.05f64..3.0,
            hts in 0.0f64..400.0,
            hrs in 0.0f64..400.0,
            hte in 1.0f64..300.0,
            hre in 1.0f64..300.0,
            ap in 6000.0f64..20000.0,
        ) {
            let d: Vec<f64> = (0..heights.len()).map(|i| i as f64 * step).collect();
            let n = d.len();
            let geom = ProfileGeometry::new(&d).unwrap();
            let (a, s) = Bullington::construct_pair(&geom, &heights[1..n - 1], [hts, hrs], [hte, hre], ap);
            let a1 = Bullington::from_profile(&d, &heights, hts, hrs, ap).unwrap();
            let s1 = Bullington::smooth_profile(&d, hte, hre, ap).unwrap();
            prop_assert_eq!(a.line_of_sight, a1.line_of_sight);
            prop_assert_eq!(s.line_of_sight, s1.line_of_sight);
            prop_assert!((a.nu_sqrt_lambda - a1.nu_sqrt_lambda).abs() <= 1e-12 * a1.nu_sqrt_lambda.abs().max(1.0));
            prop_assert!((s.nu_sqrt_lambda - s1.nu_sqrt_lambda).abs() <= 1e-12 * s1.nu_sqrt_lambda.abs().max(1.0));
        }

        #[test]
        fn delta_bullington_is_reciprocal(
            heights in proptest::collection::vec(0.0f64..300.0, 8..40),
            step in 0.05f64..3.0,
            htg in 5.0f64..100.0,
            hrg in 5.0f64..100.0,
            f in 0.1f64..50.0,
        ) {
            let d: Vec<f64> = (0..heights.len()).map(|i| i as f64 * step).collect();
            let n = d.len();
            let (hts, hrs) = (heights[0] + htg, heights[n - 1] + hrg);
            let s = SmoothSurface::fit(&d, &heights, hts, hrs).unwrap();
            let fwd = DeltaBullington::new(&d, &heights,
                TerminalHeights { hts_m: hts, hrs_m: hrs, hstd_m: s.hstd_m, hsrd_m: s.hsrd_m },
                8500.0, SmoothPathMethod::ProfilePoints).unwrap();
            let total = d[n - 1];
            let d_rev: Vec<f64> = d.iter().rev().map(|x| total - x).collect();
            let h_rev: Vec<f64> = heights.iter().rev().copied().collect();
            let s_rev = SmoothSurface::fit(&d_rev, &h_rev, hrs, hts).unwrap();
            let rev = DeltaBullington::new(&d_rev, &h_rev,
                TerminalHeights { hts_m: hrs, hrs_m: hts, hstd_m: s_rev.hstd_m, hsrd_m: s_rev.hsrd_m },
                8500.0, SmoothPathMethod::ProfilePoints).unwrap();
            for pol in [Polarization::Horizontal, Polarization::Vertical] {
                let a = fwd.loss(f, pol, LAND);
                let b = rev.loss(f, pol, LAND);
                prop_assert!((a.ld_db - b.ld_db).abs() < 1e-6, "{} vs {}", a.ld_db, b.ld_db);
                prop_assert!(a.ld_db >= 0.0);
            }
        }

        #[test]
        fn smooth_profile_gives_the_larger_of_bullington_and_spherical(
            d_tot in 1.0f64..200.0, hts in 5.0f64..200.0, hrs in 5.0f64..200.0, f in 0.1f64..50.0,
        ) {
            // With all heights zero and zero smooth-surface heights, L_bulla = L_bulls, so
            // eq. (40) reduces to max(L_bulla, L_dsph).
            let d: Vec<f64> = (0..=50).map(|i| i as f64 * d_tot / 50.0).collect();
            let h = vec![0.0; d.len()];
            let db = DeltaBullington::new(&d, &h, TerminalHeights { hts_m: hts, hrs_m: hrs, hstd_m: 0.0, hsrd_m: 0.0 },
                8500.0, SmoothPathMethod::ProfilePoints).unwrap();
            let l = db.loss(f, Polarization::Vertical, LAND);
            prop_assert!((l.lbulla_db - l.lbulls_db).abs() < 1e-9);
            prop_assert!((l.ld_db - l.lbulla_db.max(l.ldsph_db)).abs() < 1e-9);
        }
    }
}
