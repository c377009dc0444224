//! Steps 6-10 of P.1546-6 Annex 6: field strength from the tabulated curves for one propagation
//! family, interpolated/extrapolated in distance (Annex 5 §5), transmitting height h1 (§4.1-§4.3),
//! frequency (§6) and time percentage (§7), exactly in the order of the ITU-R reference
//! implementation.
use super::corrections::{d06_km, emax_dbuv_m, j_nu, qi, tca_correction_db};
use super::tables::{
    figure_number, Curve, Family, P1546Tables, DISTANCES_KM, FREQUENCIES_MHZ, HEIGHTS_M, TIMES_PCT,
};

/// Lower and upper nominal values bracketing `v` in the ascending axis `x` (the Recommendation's
/// "nearest nominal value below/above"; outside the axis the two end values, for extrapolation).
/// An exact match returns `(i, i)`.
#[inline]
pub(crate) fn bracket(x: &[f64], v: f64) -> (usize, usize) {
    let n = x.len();
    if v > x[n - 1] {
        return (n - 2, n - 1);
    }
    if v < x[0] {
        return (0, 1);
    }
    // first index with x[i] >= v
    let i = x.partition_point(|&a| a < v);
    if x[i] == v {
        (i, i)
    } else {
        (i - 1, i)
    }
}

/// K_nu of Annex 5 §4.3 eq. (12b) for the nominal frequency.
#[inline]
fn k_nu(f_nom_mhz: f64) -> f64 {
    if f_nom_mhz == 100.0 {
        1.35
    } else if f_nom_mhz == 600.0 {
        3.31
    } else {
        6.0
    }
}

/// C_h1 of Annex 5 §4.3 case b), eq. (12): 6.03 - J(nu), nu = K_nu theta_eff2,
/// theta_eff2 = arctan(-h1 / 9000) degrees (12c). J is taken as 0 for nu <= -0.7806.
#[inline]
fn c_h1_neg(f_nom_mhz: f64, h1_m: f64) -> f64 {
    let nu = k_nu(f_nom_mhz) * (-h1_m / 9000.0).atan().to_degrees(); // (12b), (12c)
    6.03 - j_nu(nu) // (12)
}

/// Interpolation weights between two nominal values of an axis, in log of the variable
/// (the form of eqs. (8), (13), (14)): E = Einf + (Esup - Einf) w, w = log(v/vinf)/log(vsup/vinf).
/// Computed once per prediction and shared by every curve, so a prediction costs a handful of
/// logarithms whatever the number of curves involved.
#[derive(Debug, Clone, Copy)]
struct LogLerp {
    a: usize,
    b: usize,
    w: f64,
}

impl LogLerp {
    #[inline]
    fn new(axis: &[f64], v: f64) -> LogLerp {
        let (a, b) = bracket(axis, v);
        let w = if a == b { 0.0 } else { (v / axis[a]).log10() / (axis[b] / axis[a]).log10() };
        LogLerp { a, b, w }
    }

    #[inline]
    fn apply(&self, e_inf: f64, e_sup: impl FnOnce() -> f64) -> f64 {
        if self.a == self.b {
            e_inf
        } else {
            e_inf + (e_sup() - e_inf) * self.w
        }
    }
}

/// Field strength of one curve at a nominal height index for the distance of `dl`, Annex 5 §5
/// eq. (13): E = Einf + (Esup - Einf) log(d/dinf) / log(dsup/dinf).
#[inline]
fn e_at_distance(curve: &Curve, hi: usize, dl: &LogLerp) -> f64 {
    dl.apply(curve[dl.a][hi], || curve[dl.b][hi]) // (13)
}

/// What one prediction shares between the curves it reads.
struct Interp<'a> {
    tables: &'a P1546Tables,
    family: Family,
    h1_m: f64,
    /// log-h1 weights (used when h1 >= 10 m), eq. (8)
    hl: LogLerp,
    f_mhz: f64,
    /// log-frequency weights, eq. (14)
    fl: LogLerp,
    t_pct: f64,
    emax: f64,
    /// Annex 5 §4.3 case a): theta_eff1 (degrees) replaces case b)'s wedge for h1 < 0.
    theta_eff1_case_a: Option<f64>,
}

impl Interp<'_> {
    /// Annex 5 §4.1 eq. (8): interpolation (or extrapolation above 1 200 m from 600 and
    /// 1 200 m) in log(h1) for h1 >= 10 m, limited to Emax.
    fn e_h1_at_least_10(&self, curve: &Curve, dl: &LogLerp) -> f64 {
        let hl = &self.hl;
        let e = hl.apply(e_at_distance(curve, hl.a, dl), || e_at_distance(curve, hl.b, dl)); // (8)
        e.min(self.emax)
    }

    /// Annex 5 §4.2 (0 <= h1 < 10 m) and §4.3 (h1 < 0, land only, case b) for one curve.
    fn e_h1_below_10(&self, curve: &Curve, d_km: f64, dl: &LogLerp, f_nom_mhz: f64) -> f64 {
        let h1_m = self.h1_m;
        let e10 = e_at_distance(curve, 0, dl);
        let e20 = e_at_distance(curve, 1, dl);
        let c_h1neg10 = c_h1_neg(f_nom_mhz, -10.0);
        let c1020 = e10 - e20; // (9b)
        let e_zero = e10 + 0.5 * (c1020 + c_h1neg10); // (9a)
        match self.family {
            Family::Land => {
                if h1_m >= 0.0 {
                    e_zero + 0.1 * h1_m * (e10 - e_zero) // (9)
                } else {
                    // §4.3: E(h1 = 0) + C_h1; case a) takes the §11 correction (32a)-(32c) with
                    // theta_eff1 in place of theta_tca, case b) eq. (12).
                    let c_h1 = match self.theta_eff1_case_a {
                        Some(theta) => tca_correction_db(f_nom_mhz, theta).0,
                        None => c_h1_neg(f_nom_mhz, h1_m),
                    };
                    e_zero + c_h1
                }
            }
            Family::ColdSea | Family::WarmSea => {
                let d_h1 = d06_km(f_nom_mhz, h1_m, 10.0); // (10a)
                let d_20 = d06_km(f_nom_mhz, 20.0, 10.0); // (10b)
                if d_km <= d_h1 {
                    self.emax // (11a)
                } else if d_km < d_20 {
                    let l20 = LogLerp::new(&DISTANCES_KM, d_20);
                    let e10_d20 = e_at_distance(curve, 0, &l20);
                    let e20_d20 = e_at_distance(curve, 1, &l20);
                    let e_d20 = e10_d20 + (e20_d20 - e10_d20) * (h1_m / 10.0).log10() / 2f64.log10();
                    let e_dh1 = emax_dbuv_m(self.t_pct, 0.0, d_h1);
                    e_dh1 + (e_d20 - e_dh1) * (d_km / d_h1).log10() / (d_20 / d_h1).log10()
                // (11b)
                } else {
                    // E' and E'' of (11c). The reference implementation divides by ln(2) here;
                    // the Recommendation's log(20/10) is decimal, which is used.
                    let e_prime = e10 + (e20 - e10) * (h1_m / 10.0).log10() / 2f64.log10();
                    let e_second = e_zero + 0.1 * h1_m * (e10 - e_zero); // (9)
                    let fs = (d_km - d_20) / d_km;
                    e_prime * (1.0 - fs) + e_second * fs // (11c)
                }
            }
        }
    }

    /// Steps 7-9: for one nominal time, interpolate/extrapolate in frequency (Annex 5 §6
    /// eq. (14)) between the curves of the two nominal frequencies, at distance `d_km`.
    fn e_frequency(&self, t_nom_pct: f64, d_km: f64, dl: &LogLerp) -> f64 {
        let e_nom = |k: usize| {
            let f_nom = FREQUENCIES_MHZ[k];
            let curve = self.tables.curve(figure_number(self.family, f_nom, t_nom_pct));
            if self.h1_m >= 10.0 {
                self.e_h1_at_least_10(curve, dl)
            } else {
                self.e_h1_below_10(curve, d_km, dl, f_nom)
            }
        };
        let fl = self.fl;
        let e = fl.apply(e_nom(fl.a), || e_nom(fl.b)); // (14)
        if fl.a != fl.b && self.f_mhz > 2000.0 {
            e.min(self.emax)
        } else {
            e
        }
    }
}

/// Steps 6-10 for one propagation family at distance `d_km` (>= 1 km): field strength exceeded
/// at 50 % locations for 1 kW e.r.p., receiver at representative clutter height, dB(uV/m).
/// `emax` is the mixed-path maximum of Annex 5 §2 (with the slope-path correction) used to limit
/// the curve values as the reference implementation does.
pub(crate) fn e_family(
    tables: &P1546Tables,
    family: Family,
    h1_m: f64,
    d_km: f64,
    f_mhz: f64,
    t_pct: f64,
    emax: f64,
    theta_eff1_case_a: Option<f64>,
) -> f64 {
    let ip = Interp {
        tables,
        family,
        h1_m,
        hl: LogLerp::new(&HEIGHTS_M, h1_m.max(10.0)),
        f_mhz,
        fl: LogLerp::new(&FREQUENCIES_MHZ, f_mhz),
        t_pct,
        emax,
        theta_eff1_case_a,
    };
    let dl = LogLerp::new(&DISTANCES_KM, d_km);
    let sea = family != Family::Land;
    let sea_low_f = if sea && f_mhz < 100.0 {
        let d600 = d06_km(600.0, h1_m, 10.0);
        (d_km < d600).then_some(d600)
    } else {
        None
    };
    let e_time = |k: usize| {
        let t_nom = TIMES_PCT[k];
        match sea_low_f {
            // Annex 5 §6 eqs. (15a), (15b): sea paths below 100 MHz inside the 0.6 Fresnel
            // clearance distance at 600 MHz.
            Some(d600) => {
                let df = d06_km(f_mhz, h1_m, 10.0);
                if d_km <= df {
                    emax_dbuv_m(t_pct, 0.0, d_km) // (15a)
                } else {
                    let e_df = emax_dbuv_m(t_pct, 0.0, df);
                    let e_d600 = ip.e_frequency(t_nom, d600, &LogLerp::new(&DISTANCES_KM, d600));
                    e_df + (e_d600 - e_df) * (d_km / df).log10() / (d600 / df).log10()
                    // (15b)
                }
            }
            None => ip.e_frequency(t_nom, d_km, &dl),
        }
    };
    let (a, b) = bracket(&TIMES_PCT, t_pct);
    let e_inf = e_time(a);
    if a == b {
        return e_inf;
    }
    let e_sup = e_time(b);
    let (q_inf, q_sup, q_t) = (QI_NOMINAL[a], QI_NOMINAL[b], qi(t_pct / 100.0));
    e_sup * (q_inf - q_t) / (q_inf - q_sup) + e_inf * (q_t - q_sup) / (q_inf - q_sup)
    // (16)
}

/// Qi of the nominal times 1, 10 and 50 % by (39a)-(39d), evaluated once.
static QI_NOMINAL: std::sync::LazyLock<[f64; 3]> = std::sync::LazyLock::new(|| {
    [qi(TIMES_PCT[0] / 100.0), qi(TIMES_PCT[1] / 100.0), qi(TIMES_PCT[2] / 100.0)]
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bracket_follows_the_recommendation() {
        assert_eq!(bracket(&HEIGHTS_M, 37.5), (2, 2));
        assert_eq!(bracket(&HEIGHTS_M, 40.0), (2, 3));
        // h1 > 1 200 m: extrapolate from 600 and 1 200 m (§4.1).
        assert_eq!(bracket(&HEIGHTS_M, 2000.0), (6, 7));
        assert_eq!(bracket(&FREQUENCIES_MHZ, 50.0), (0, 1));
        assert_eq!(bracket(&FREQUENCIES_MHZ, 3000.0), (1, 2));
        assert_eq!(bracket(&DISTANCES_KM, 1000.0), (77, 77));
        assert_eq!(bracket(&DISTANCES_KM, 1.0), (0, 0));
        assert_eq!(bracket(&TIMES_PCT, 20.0), (1, 2));
    }

    #[test]
    fn negative_h1_correction_is_negative_and_continuous() {
        // §4.3: "The above correction, which is always less than zero".
        for f in [100.0, 600.0, 2000.0] {
            assert!(c_h1_neg(f, -1.0) < 0.0);
            assert!(c_h1_neg(f, -100.0) < c_h1_neg(f, -10.0));
            // case b) is continuous at h1 = 0 up to the rounding of 6.03 against J(0) = 6.0328.
            assert!(c_h1_neg(f, -1e-9).abs() < 0.003);
        }
    }
}
