//! Steps 6-10 of P.1546-6 Annex 6: field strength from the tabulated curves for one propagation
//! family, interpolated/extrapolated in distance (Annex 5 §5), transmitting height h1 (§4.1-§4.3),
//! frequency (§6) and time percentage (§7), exactly in the order of the ITU-R reference
//! implementation.
use super::corrections::{d06_km, emax_dbuv_m, j_nu, qi};
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

/// Field strength of one curve at a nominal height index for distance `d_km`, Annex 5 §5
/// eq. (13): E = Einf + (Esup - Einf) log(d/dinf) / log(dsup/dinf).
#[inline]
fn e_at_distance(curve: &Curve, hi: usize, d_km: f64) -> f64 {
    let (a, b) = bracket(&DISTANCES_KM, d_km);
    let e_inf = curve[a][hi];
    if a == b {
        return e_inf;
    }
    let e_sup = curve[b][hi];
    let (d_inf, d_sup) = (DISTANCES_KM[a], DISTANCES_KM[b]);
    e_inf + (e_sup - e_inf) * (d_km / d_inf).log10() / (d_sup / d_inf).log10() // (13)
}

/// Annex 5 §4.1 eq. (8): interpolation (or extrapolation above 1 200 m from 600 and 1 200 m) in
/// log(h1) for h1 >= 10 m, limited to Emax.
fn e_h1_at_least_10(curve: &Curve, h1_m: f64, d_km: f64, emax: f64) -> f64 {
    let (a, b) = bracket(&HEIGHTS_M, h1_m);
    let e_inf = e_at_distance(curve, a, d_km);
    let e = if a == b {
        e_inf
    } else {
        let e_sup = e_at_distance(curve, b, d_km);
        e_inf + (e_sup - e_inf) * (h1_m / HEIGHTS_M[a]).log10() / (HEIGHTS_M[b] / HEIGHTS_M[a]).log10()
        // (8)
    };
    e.min(emax)
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

/// Annex 5 §4.2 (0 <= h1 < 10 m) and §4.3 (h1 < 0, land only, case b) for one curve.
fn e_h1_below_10(
    curve: &Curve,
    h1_m: f64,
    d_km: f64,
    family: Family,
    f_nom_mhz: f64,
    emax: f64,
    t_pct: f64,
) -> f64 {
    let e10 = e_at_distance(curve, 0, d_km);
    let e20 = e_at_distance(curve, 1, d_km);
    let c_h1neg10 = c_h1_neg(f_nom_mhz, -10.0);
    let c1020 = e10 - e20; // (9b)
    let e_zero = e10 + 0.5 * (c1020 + c_h1neg10); // (9a)
    match family {
        Family::Land => {
            if h1_m >= 0.0 {
                e_zero + 0.1 * h1_m * (e10 - e_zero) // (9)
            } else {
                e_zero + c_h1_neg(f_nom_mhz, h1_m) // §4.3: E(h1 = 0) + C_h1, (12)
            }
        }
        Family::ColdSea | Family::WarmSea => {
            let d_h1 = d06_km(f_nom_mhz, h1_m, 10.0); // (10a)
            let d_20 = d06_km(f_nom_mhz, 20.0, 10.0); // (10b)
            if d_km <= d_h1 {
                emax // (11a)
            } else if d_km < d_20 {
                let e10_d20 = e_at_distance(curve, 0, d_20);
                let e20_d20 = e_at_distance(curve, 1, d_20);
                let e_d20 = e10_d20 + (e20_d20 - e10_d20) * (h1_m / 10.0).log10() / 2f64.log10();
                let e_dh1 = emax_dbuv_m(t_pct, 0.0, d_h1);
                e_dh1 + (e_d20 - e_dh1) * (d_km / d_h1).log10() / (d_20 / d_h1).log10()
            // (11b)
            } else {
                // E' and E'' of (11c). The reference implementation divides by ln(2) here; the
                // Recommendation's log(20/10) is decimal, which is used.
                let e_prime = e10 + (e20 - e10) * (h1_m / 10.0).log10() / 2f64.log10();
                let e_second = e_zero + 0.1 * h1_m * (e10 - e_zero); // (9)
                let fs = (d_km - d_20) / d_km;
                e_prime * (1.0 - fs) + e_second * fs // (11c)
            }
        }
    }
}

/// Steps 7-9: for one nominal time, interpolate/extrapolate in frequency (Annex 5 §6 eq. (14))
/// between the curves of the two nominal frequencies.
fn e_frequency(
    tables: &P1546Tables,
    family: Family,
    t_nom_pct: f64,
    h1_m: f64,
    d_km: f64,
    f_mhz: f64,
    emax: f64,
    t_pct: f64,
) -> f64 {
    let (a, b) = bracket(&FREQUENCIES_MHZ, f_mhz);
    let e_nom = |k: usize| {
        let f_nom = FREQUENCIES_MHZ[k];
        let curve = tables.curve(figure_number(family, f_nom, t_nom_pct));
        if h1_m >= 10.0 {
            e_h1_at_least_10(curve, h1_m, d_km, emax)
        } else {
            e_h1_below_10(curve, h1_m, d_km, family, f_nom, emax, t_pct)
        }
    };
    let e_inf = e_nom(a);
    if a == b {
        return e_inf;
    }
    let e_sup = e_nom(b);
    let (f_inf, f_sup) = (FREQUENCIES_MHZ[a], FREQUENCIES_MHZ[b]);
    let e = e_inf + (e_sup - e_inf) * (f_mhz / f_inf).log10() / (f_sup / f_inf).log10(); // (14)
    if f_mhz > 2000.0 {
        e.min(emax)
    } else {
        e
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
) -> f64 {
    let (a, b) = bracket(&TIMES_PCT, t_pct);
    let sea = family != Family::Land;
    let e_time = |k: usize| {
        let t_nom = TIMES_PCT[k];
        let d600 = d06_km(600.0, h1_m, 10.0);
        if sea && f_mhz < 100.0 && d_km < d600 {
            // Annex 5 §6 eqs. (15a), (15b): sea paths below 100 MHz inside the 0.6 Fresnel
            // clearance distance at 600 MHz.
            let df = d06_km(f_mhz, h1_m, 10.0);
            if d_km <= df {
                emax_dbuv_m(t_pct, 0.0, d_km) // (15a)
            } else {
                let e_df = emax_dbuv_m(t_pct, 0.0, df);
                let e_d600 = e_frequency(tables, family, t_nom, h1_m, d600, f_mhz, emax, t_pct);
                e_df + (e_d600 - e_df) * (d_km / df).log10() / (d600 / df).log10()
                // (15b)
            }
        } else {
            e_frequency(tables, family, t_nom, h1_m, d_km, f_mhz, emax, t_pct)
        }
    };
    let e_inf = e_time(a);
    if a == b {
        return e_inf;
    }
    let e_sup = e_time(b);
    let (q_inf, q_sup, q_t) = (qi(TIMES_PCT[a] / 100.0), qi(TIMES_PCT[b] / 100.0), qi(t_pct / 100.0));
    e_sup * (q_inf - q_t) / (q_inf - q_sup) + e_inf * (q_t - q_sup) / (q_inf - q_sup)
    // (16)
}

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
