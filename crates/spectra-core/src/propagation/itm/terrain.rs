//! The terrain profile in ITM's PFL form and what ITM extracts from it: radio horizons
//! [TN101 eq. (6.15)], the least-squares terrain fit, the terrain irregularity Delta h
//! [ERL 79-ITS 67 eq. (3)] and the effective antenna heights (ITM 1.4 `QuickPfl`,
//! after [Hufford 1982, "The ITS Irregular Terrain Model, version 1.2.2: The Algorithm"]).
//!
//! | here            | document                                             |
//! |-----------------|------------------------------------------------------|
//! | `spacing_m`     | x_i, profile point spacing                           |
//! | `z`             | z_0 .. z_np, terrain elevations, transmitter first   |
//! | `theta_hzn`     | theta_e1, theta_e2, horizon elevation angles (rad)   |
//! | `d_hzn_m`       | d_L1, d_L2, horizon distances                        |
//! | `h_e_m`         | h_e1, h_e2, effective antenna heights                |
//! | `delta_h_m`     | Delta h, terrain irregularity parameter              |
use crate::terrain::Profile;
use crate::{Error, Result};
use std::path::Path;

/// A terrain profile with equally spaced points, the form ITM and eHata take
/// (NTIA's `pfl[] = [np, x_i, z_0, ..., z_np]`), transmitter end first.
#[derive(Debug, Clone, PartialEq)]
pub struct Pfl {
    spacing_m: f64,
    z_m: Vec<f64>,
}

impl Pfl {
    /// A profile from its point spacing (m, > 0) and at least two elevations (m, finite).
    pub fn new(spacing_m: f64, elevations_m: Vec<f64>) -> Result<Pfl> {
        if !(spacing_m.is_finite() && spacing_m > 0.0) {
            return Err(Error::out_of_range("profile spacing (m)", spacing_m, "a finite number > 0"));
        }
        if elevations_m.len() < 2 {
            return Err(Error::out_of_range("profile points", elevations_m.len(), "at least 2"));
        }
        if let Some((i, h)) = elevations_m.iter().enumerate().find(|(_, h)| !h.is_finite()) {
            return Err(Error::out_of_range("profile elevation", format!("#{i} = {h}"), "finite numbers"));
        }
        Ok(Pfl { spacing_m, z_m: elevations_m })
    }

    /// Parses NTIA's PFL array `[np, spacing_m, z_0, ..., z_np]`. Values after z_np are ignored,
    /// as the reference implementation does; fewer than `np + 1` elevations is an error.
    pub fn from_pfl_array(pfl: &[f64]) -> Result<Pfl> {
        if pfl.len() < 4 {
            return Err(Error::out_of_range(
                "PFL array length",
                pfl.len(),
                "at least 4 values: np, spacing, z_0, z_1",
            ));
        }
        let np = pfl[0];
        if !(np.is_finite() && np >= 1.0 && np.fract() == 0.0) {
            return Err(Error::out_of_range("PFL np (number of intervals)", np, "a whole number >= 1"));
        }
        let np = np as usize;
        if pfl.len() < np + 3 {
            return Err(Error::out_of_range(
                "PFL array length",
                pfl.len(),
                format!("np + 3 = {} values (np = {np} intervals)", np + 3),
            ));
        }
        Pfl::new(pfl[1], pfl[2..np + 3].to_vec())
    }

    /// Converts a spectra [`Profile`] (distances from the transmitter) into PFL form. ITM needs
    /// equally spaced points: the spacing is the path length over the number of intervals and
    /// every point must lie within 1 % of a spacing of its nominal distance.
    pub fn from_profile(profile: &Profile) -> Result<Pfl> {
        let n = profile.len();
        if n < 2 {
            return Err(Error::out_of_range("profile points", n, "at least 2"));
        }
        let d0 = profile.distance_km[0];
        let spacing_km = profile.length_km() / (n - 1) as f64;
        for (i, d) in profile.distance_km.iter().enumerate() {
            let nominal = d0 + i as f64 * spacing_km;
            if (d - nominal).abs() > 0.01 * spacing_km {
                return Err(Error::out_of_range(
                    "profile distance_km",
                    format!("{d} at point #{i} (expected {nominal:.6} for equal spacing)"),
                    "equally spaced points (ITM and eHata take PFL profiles)",
                ));
            }
        }
        // distances in km carry rounding: recover a spacing given to the micrometre (50 m stays
        // exactly 50 m, as in a PFL file)
        let spacing_m = spacing_km * 1e3;
        let snapped = (spacing_m * 1e6).round() / 1e6;
        let spacing_m = if (spacing_m - snapped).abs() <= 1e-9 * spacing_m { snapped } else { spacing_m };
        Pfl::new(spacing_m, profile.height_m.clone())
    }

    /// The same profile as a spectra [`Profile`] (distances i x_i from the first point), e.g. to
    /// load a PFL file where a `Profile` is expected.
    pub fn to_profile(&self) -> Result<Profile> {
        let d = (0..self.z_m.len()).map(|i| i as f64 * self.spacing_m / 1000.0).collect();
        Profile::new(d, self.z_m.clone())
    }

    /// Reads a profile file in either form: a spectra profile CSV (header `distance_km,height_m`)
    /// or an NTIA PFL file (`np, spacing, z_0, ..., z_np` separated by commas, blanks or newlines).
    pub fn read_file(path: &Path) -> Result<Pfl> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::File {
            path: path.to_owned(),
            message: format!("cannot read profile: {e}"),
        })?;
        let first = text.trim_start_matches('\u{feff}').trim_start();
        if first.starts_with(|c: char| c.is_ascii_alphabetic()) {
            let p = Profile::read_csv(path)?;
            return Pfl::from_profile(&p)
                .map_err(|e| Error::File { path: path.to_owned(), message: e.to_string() });
        }
        let values = first
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .enumerate()
            .map(|(i, s)| {
                s.parse::<f64>().map_err(|_| Error::File {
                    path: path.to_owned(),
                    message: format!("PFL value #{i} = {s:?} is not a number"),
                })
            })
            .collect::<Result<Vec<f64>>>()?;
        Pfl::from_pfl_array(&values)
            .map_err(|e| Error::File { path: path.to_owned(), message: e.to_string() })
    }

    /// The same path seen from the other end.
    pub fn reversed(&self) -> Pfl {
        Pfl { spacing_m: self.spacing_m, z_m: self.z_m.iter().rev().copied().collect() }
    }

    /// Number of intervals np (points - 1).
    pub fn intervals(&self) -> usize {
        self.z_m.len() - 1
    }

    /// Point spacing x_i, m.
    pub fn spacing_m(&self) -> f64 {
        self.spacing_m
    }

    /// Elevations z_0 .. z_np, m, transmitter first.
    pub fn elevations_m(&self) -> &[f64] {
        &self.z_m
    }

    /// Path length np * x_i, m (as the reference computes it).
    pub fn length_m(&self) -> f64 {
        self.intervals() as f64 * self.spacing_m
    }
}

/// `fdim(a, b)` of C: a - b when a > b, else 0.
fn fdim(a: f64, b: f64) -> f64 {
    if a > b {
        a - b
    } else {
        0.0
    }
}

/// Horizon angles and distances of both terminals over the profile [TN101 eq. (6.15)]: the
/// terminal-to-point elevation angle theta = (z_i - z_t) / d - d / (2 a_e) on an earth of radius
/// `a_e_m`, maximised over the points between the terminals; without obstacle the line-of-sight
/// angles and the path length.
///
/// Speed: the candidates are compared as theta d = (z_i - z_t) - d^2 / (2 a_e) against
/// theta_best d, which needs no division (d > 0, so the order is the same); the angle of each new
/// maximum is computed with the reference's formula. Distances accumulate point by point as in
/// the reference. Only two candidates whose angles agree to about 1e-15 could be ordered
/// differently from the reference.
pub(crate) fn find_horizons(z: &[f64], xi: f64, a_e_m: f64, h_m: [f64; 2]) -> ([f64; 2], [f64; 2]) {
    let np = z.len() - 1;
    let d_m = np as f64 * xi;
    let z_tx = z[0] + h_m[0];
    let z_rx = z[np] + h_m[1];
    let two_a_e = 2.0 * a_e_m;
    let inv_two_a_e = 1.0 / two_a_e;
    let mut theta = [(z_rx - z_tx) / d_m - d_m / two_a_e, -(z_rx - z_tx) / d_m - d_m / two_a_e];
    let mut d_hzn = [d_m, d_m];
    if spacing_sums_are_exact(xi, np) {
        // k xi and (np - k) xi are then exactly the reference's running sums, so the points are
        // independent: each block of points is first screened against the angles reached so far
        // (a branch-free pass); only a block holding a new maximum is walked point by point.
        // Angles only grow, so a point below the block-start angles stays below.
        const BLOCK: usize = 16;
        const SCREEN_MARGIN_M: f64 = 1e-6;
        const OFFSETS: [f64; BLOCK] =
            [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0];
        let np_f = np as f64;
        let mut k0 = 1;
        while k0 < np {
            let len = (np - k0).min(BLOCK);
            let block = &z[k0..k0 + len];
            let (t0, t1) = (theta[0], theta[1]);
            let (hit_tx, hit_rx) = if len < BLOCK {
                (true, true)
            } else {
                let k0_f = k0 as f64;
                let rx0_f = np_f - k0_f;
                let (mut any_tx, mut any_rx) = (0u32, 0u32);
                for j in 0..BLOCK {
                    let d_tx = (k0_f + OFFSETS[j]) * xi;
                    let d_rx = (rx0_f - OFFSETS[j]) * xi;
                    let zi = block[j];
                    // zi above the line at the best angle so far, as seen from each terminal;
                    // the 1 um margin covers the rounding of this rearranged form (a false
                    // alarm only costs the exact walk)
                    any_tx |= u32::from(zi + SCREEN_MARGIN_M > z_tx + d_tx * (t0 + d_tx * inv_two_a_e));
                    any_rx |= u32::from(zi + SCREEN_MARGIN_M > z_rx + d_rx * (t1 + d_rx * inv_two_a_e));
                }
                (any_tx != 0, any_rx != 0)
            };
            if hit_tx {
                for (k, &zi) in (k0..k0 + len).zip(block) {
                    let d_tx = k as f64 * xi;
                    if (zi - z_tx) - d_tx * d_tx * inv_two_a_e > theta[0] * d_tx {
                        let theta_tx = (zi - z_tx) / d_tx - d_tx / two_a_e;
                        if theta_tx > theta[0] {
                            theta[0] = theta_tx;
                            d_hzn[0] = d_tx;
                        }
                    }
                }
            }
            if hit_rx {
                for (k, &zi) in (k0..k0 + len).zip(block) {
                    let d_rx = (np - k) as f64 * xi;
                    if (zi - z_rx) - d_rx * d_rx * inv_two_a_e > theta[1] * d_rx {
                        let theta_rx = -(z_rx - zi) / d_rx - d_rx / two_a_e;
                        if theta_rx > theta[1] {
                            theta[1] = theta_rx;
                            d_hzn[1] = d_rx;
                        }
                    }
                }
            }
            k0 += len;
        }
        return (theta, d_hzn);
    }
    let mut d_tx = 0.0;
    let mut d_rx = d_m;
    for &zi in &z[1..np] {
        d_tx += xi;
        d_rx -= xi;
        if (zi - z_tx) - d_tx * d_tx * inv_two_a_e > theta[0] * d_tx {
            let theta_tx = (zi - z_tx) / d_tx - d_tx / two_a_e;
            // guard the rewritten comparison: keep the reference's strict order
            if theta_tx > theta[0] {
                theta[0] = theta_tx;
                d_hzn[0] = d_tx;
            }
        }
        if (zi - z_rx) - d_rx * d_rx * inv_two_a_e > theta[1] * d_rx {
            let theta_rx = -(z_rx - zi) / d_rx - d_rx / two_a_e;
            if theta_rx > theta[1] {
                theta[1] = theta_rx;
                d_hzn[1] = d_rx;
            }
        }
    }
    (theta, d_hzn)
}

/// Whether every running sum of the spacing, k xi for k <= np, is exact in binary floating point
/// (the significant bits of xi plus those of np fit in 53 bits), e.g. any whole-metre spacing.
fn spacing_sums_are_exact(xi: f64, np: usize) -> bool {
    if !(xi.is_finite() && xi > 0.0) {
        return false;
    }
    let bits = xi.to_bits();
    if (bits >> 52) == 0 {
        return false; // subnormal
    }
    let mantissa = (bits & ((1u64 << 52) - 1)) | (1u64 << 52);
    let significant = 53 - mantissa.trailing_zeros();
    let np_bits = usize::BITS - np.leading_zeros();
    significant + np_bits <= 53
}

/// The reference's horizon search, one division per candidate (kept to test the fast one).
#[cfg(test)]
fn find_horizons_reference(z: &[f64], xi: f64, a_e_m: f64, h_m: [f64; 2]) -> ([f64; 2], [f64; 2]) {
    let np = z.len() - 1;
    let d_m = np as f64 * xi;
    let z_tx = z[0] + h_m[0];
    let z_rx = z[np] + h_m[1];
    let mut theta = [(z_rx - z_tx) / d_m - d_m / (2.0 * a_e_m), -(z_rx - z_tx) / d_m - d_m / (2.0 * a_e_m)];
    let mut d_hzn = [d_m, d_m];
    let (mut d_tx, mut d_rx) = (0.0, d_m);
    for &zi in &z[1..np] {
        d_tx += xi;
        d_rx -= xi;
        let theta_tx = (zi - z_tx) / d_tx - d_tx / (2.0 * a_e_m);
        let theta_rx = -(z_rx - zi) / d_rx - d_rx / (2.0 * a_e_m);
        if theta_tx > theta[0] {
            theta[0] = theta_tx;
            d_hzn[0] = d_tx;
        }
        if theta_rx > theta[1] {
            theta[1] = theta_rx;
            d_hzn[1] = d_rx;
        }
    }
    (theta, d_hzn)
}

/// Least-squares straight line through the profile points between `d_start` and `d_end`
/// (distances in units of the spacing `xi`), returned as its heights at the two ends of the whole
/// profile (ITM's `zlsq1`). The end points of the fitted span carry half weight.
pub(crate) fn least_squares_fit(z: &[f64], xi: f64, d_start: f64, d_end: f64) -> (f64, f64) {
    let np = z.len() - 1;
    let npf = np as f64;
    let mut i_start = fdim(d_start / xi, 0.0) as i64;
    let mut i_end = np as i64 - fdim(npf, d_end / xi) as i64;
    if i_end <= i_start {
        i_start = fdim(i_start as f64, 1.0) as i64;
        i_end = np as i64 - fdim(npf, i_end as f64 + 1.0) as i64;
    }
    // Outside the profile the reference reads out of bounds; clamp instead.
    let i_start = i_start.clamp(0, np as i64) as usize;
    let i_end = i_end.clamp(0, np as i64) as usize;
    let x_length = i_end as f64 - i_start as f64;
    let mut mid = -0.5 * x_length;
    let mid_end = i_end as f64 + mid;
    let mut sum_y = 0.5 * (z[i_start] + z[i_end]);
    let mut scaled_sum_y = 0.5 * (z[i_start] - z[i_end]) * mid;
    let mut i = i_start;
    let mut k = 2.0;
    while k <= x_length {
        i += 1;
        mid += 1.0;
        sum_y += z[i];
        scaled_sum_y += z[i] * mid;
        k += 1.0;
    }
    sum_y /= x_length;
    scaled_sum_y = scaled_sum_y * 12.0 / ((x_length * x_length + 2.0) * x_length);
    (sum_y - scaled_sum_y * mid_end, sum_y + scaled_sum_y * (npf - mid_end))
}

#[cfg(test)]
thread_local! {
    static LAST_RESAMPLE: std::cell::RefCell<Vec<f64>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Largest number of resampled points ComputeDeltaH uses (10 * 25 - 5).
const DELTA_H_MAX_POINTS: usize = 245;

/// Terrain irregularity Delta h between `d_start_m` and `d_end_m`: the profile is resampled at
/// n = 10 p10 - 5 points (p10 between 4 and 25), a straight line is fitted, and the interdecile
/// range of the residuals Delta h(d) is scaled to its asymptotic value by inverting
/// [ERL 79-ITS 67, eq. (3)]: Delta h = Delta h(d) / (1 - 0.8 exp(-d / 50 km)).
pub(crate) fn delta_h(z: &[f64], xi: f64, d_start_m: f64, d_end_m: f64) -> f64 {
    let np = z.len() - 1;
    let mut x_start = d_start_m / xi;
    let mut x_end = d_end_m / xi;
    if x_end - x_start < 2.0 {
        return 0.0;
    }
    let p10 = ((0.1 * (x_end - x_start + 8.0)) as i64).clamp(4, 25) as usize;
    let n = 10 * p10 - 5;
    let p90 = n - p10;
    let np_s = (n - 1) as f64;
    x_end = (x_end - x_start) / np_s;
    let mut i = x_start as i64;
    // The reference subtracts float(i + 1.0); integers convert exactly.
    x_start -= (i + 1) as f32 as f64;
    let mut s = [0.0f64; DELTA_H_MAX_POINTS];
    for sj in s.iter_mut().take(n) {
        // The reference steps `x_start -= 1; i += 1` while x_start > 0 and i + 1 < np. Every step
        // but the last has an operand > 1 and is exact, so k steps equal one subtraction of k - 1
        // followed by the reference's last `- 1.0`: the same bits without the serial loop.
        if x_start > 0.0 && ((i + 1) as usize) < np {
            let limit = np as i64 - 1 - i;
            // ceil without a libm call (x_start > 0)
            let t = x_start as i64;
            let k = (t + i64::from((t as f64) < x_start)).clamp(1, limit);
            x_start = (x_start - (k - 1) as f64) - 1.0;
            i += k;
        }
        // Outside the profile the reference reads out of bounds; clamp instead.
        let k = (i.max(0) as usize).min(np - 1);
        *sj = z[k + 1] + (z[k + 1] - z[k]) * x_start;
        x_start += x_end;
    }
    #[cfg(test)]
    LAST_RESAMPLE.with(|l| *l.borrow_mut() = s[..n].to_vec());
    let (mut fit_y1, fit_y2) = least_squares_fit(&s[..n], 1.0, 0.0, np_s);
    let step = (fit_y2 - fit_y1) / np_s;
    let mut diffs = [0.0f64; DELTA_H_MAX_POINTS];
    for (d, sj) in diffs.iter_mut().zip(&s[..n]) {
        *d = sj - fit_y1;
        fit_y1 += step;
    }
    let diffs = &mut diffs[..n];
    // Descending order statistics: q10 is the p10-th largest residual, q90 the (p90+1)-th. After
    // the first selection everything after index p10 - 1 is <= q10, so q90 lies in the tail.
    let q10 = kth_largest(diffs, p10 - 1);
    let q90 = kth_largest(&mut diffs[p10..], p90 - p10);
    (q10 - q90) / (1.0 - 0.8 * (-(d_end_m - d_start_m) / 50e3).exp())
}

/// The reference's resampling loop of `delta_h`, step by step (kept to test the fast one).
#[cfg(test)]
fn resample_reference(z: &[f64], xi: f64, d_start_m: f64, d_end_m: f64, out: &mut Vec<f64>) {
    let np = z.len() - 1;
    let mut x_start = d_start_m / xi;
    let x_end = d_end_m / xi;
    let p10 = ((0.1 * (x_end - x_start + 8.0)) as i64).clamp(4, 25) as usize;
    let n = 10 * p10 - 5;
    let step = (x_end - x_start) / (n - 1) as f64;
    let mut i = x_start as i64;
    x_start -= (i + 1) as f32 as f64;
    for _ in 0..n {
        while x_start > 0.0 && ((i + 1) as usize) < np {
            x_start -= 1.0;
            i += 1;
        }
        let k = (i.max(0) as usize).min(np - 1);
        out.push(z[k + 1] + (z[k + 1] - z[k]) * x_start);
        x_start += step;
    }
}

/// The element of rank `k` (0-based) in descending order, by Hoare's FIND (quickselect); `v` is
/// partially reordered: afterwards no element after index `k` is larger than the result. The
/// values must be comparable (no NaN); `k` is clamped to the slice.
pub(crate) fn kth_largest(v: &mut [f64], k: usize) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    let k = k.min(v.len() - 1) as isize;
    let (mut l, mut r) = (0isize, v.len() as isize - 1);
    while l < r {
        let x = v[k as usize];
        let (mut i, mut j) = (l, r);
        while i <= j {
            while v[i as usize] > x {
                i += 1;
            }
            while x > v[j as usize] {
                j -= 1;
            }
            if i <= j {
                v.swap(i as usize, j as usize);
                i += 1;
                j -= 1;
            }
        }
        if j < k {
            l = i;
        }
        if k < i {
            r = j;
        }
    }
    v[k as usize]
}

/// What ITM takes from a profile for one pair of antenna heights.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct PathGeometry {
    pub theta_hzn: [f64; 2],
    pub d_hzn_m: [f64; 2],
    pub h_e_m: [f64; 2],
    pub delta_h_m: f64,
    pub d_m: f64,
}

/// Horizons, Delta h and effective heights from the profile (ITM `QuickPfl`). Terrain within
/// 15 antenna heights (or a tenth of the horizon distance) of each terminal is left out of
/// Delta h [Hufford 1982, p. 25]; for line-of-sight paths the horizons follow the area-mode
/// formulas [Algorithm, eq. (3.3)-(3.4)].
pub(crate) fn quick_pfl(z: &[f64], xi: f64, gamma_e: f64, h_m: [f64; 2]) -> PathGeometry {
    let np = z.len() - 1;
    let d_m = np as f64 * xi;
    let a_e_m = 1.0 / gamma_e;
    let (mut theta_hzn, mut d_hzn_m) = find_horizons(z, xi, a_e_m, h_m);
    let d_start = (15.0 * h_m[0]).min(0.1 * d_hzn_m[0]);
    let d_end = d_m - (15.0 * h_m[1]).min(0.1 * d_hzn_m[1]);
    let delta_h_m = delta_h(z, xi, d_start, d_end);
    let mut h_e_m = [0.0; 2];
    if d_hzn_m[0] + d_hzn_m[1] > 1.5 * d_m {
        // well within line of sight
        let (fit_tx, fit_rx) = least_squares_fit(z, xi, d_start, d_end);
        h_e_m[0] = h_m[0] + fdim(z[0], fit_tx);
        h_e_m[1] = h_m[1] + fdim(z[np], fit_rx);
        let horizon =
            |h_e: f64| (2.0 * h_e * a_e_m).sqrt() * (-0.07 * (delta_h_m / h_e.max(5.0)).sqrt()).exp();
        for i in 0..2 {
            d_hzn_m[i] = horizon(h_e_m[i]);
        }
        let combined = d_hzn_m[0] + d_hzn_m[1];
        if combined <= d_m {
            let q = (d_m / combined).powi(2);
            for i in 0..2 {
                h_e_m[i] *= q;
                d_hzn_m[i] = horizon(h_e_m[i]);
            }
        }
        for i in 0..2 {
            let q = (2.0 * h_e_m[i] * a_e_m).sqrt();
            theta_hzn[i] = (0.65 * delta_h_m * (q / d_hzn_m[i] - 1.0) - 2.0 * h_e_m[i]) / q;
        }
    } else {
        let (fit_tx, _) = least_squares_fit(z, xi, d_start, 0.9 * d_hzn_m[0]);
        h_e_m[0] = h_m[0] + fdim(z[0], fit_tx);
        let (_, fit_rx) = least_squares_fit(z, xi, d_m - 0.9 * d_hzn_m[1], d_end);
        h_e_m[1] = h_m[1] + fdim(z[np], fit_rx);
    }
    PathGeometry { theta_hzn, d_hzn_m, h_e_m, delta_h_m, d_m }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn least_squares_fit_recovers_a_line() {
        let z: Vec<f64> = (0..=20).map(|i| 100.0 + 2.5 * i as f64).collect();
        let (a, b) = least_squares_fit(&z, 50.0, 0.0, 1000.0);
        assert!((a - 100.0).abs() < 1e-9 && (b - 150.0).abs() < 1e-9, "{a} {b}");
        // a sub-span of a line still gives the line at the profile ends
        let (a, b) = least_squares_fit(&z, 50.0, 200.0, 700.0);
        assert!((a - 100.0).abs() < 1e-9 && (b - 150.0).abs() < 1e-9, "{a} {b}");
    }

    #[test]
    fn flat_terrain_has_no_irregularity() {
        let z = vec![250.0; 101];
        assert_eq!(delta_h(&z, 100.0, 0.0, 10_000.0), 0.0);
        let sloped: Vec<f64> = (0..=100).map(|i| 10.0 + i as f64).collect();
        assert!(delta_h(&sloped, 100.0, 0.0, 10_000.0).abs() < 1e-9);
    }

    proptest::proptest! {
        #[test]
        fn fast_horizon_search_equals_the_reference(
            z in proptest::collection::vec(0.0f64..800.0, 3..400),
            h_tx in 0.5f64..300.0,
            h_rx in 0.5f64..300.0,
            xi in 10.0f64..500.0,
            a_e in 6.0e6f64..12.0e6,
        ) {
            let fast = find_horizons(&z, xi, a_e, [h_tx, h_rx]);
            let slow = find_horizons_reference(&z, xi, a_e, [h_tx, h_rx]);
            proptest::prop_assert_eq!(fast, slow);
            // whole-metre and binary-fraction spacings take the exact-sum path
            for xi in [xi.round(), (xi * 4.0).round() / 4.0] {
                proptest::prop_assert!(spacing_sums_are_exact(xi, z.len() - 1));
                let fast = find_horizons(&z, xi, a_e, [h_tx, h_rx]);
                let slow = find_horizons_reference(&z, xi, a_e, [h_tx, h_rx]);
                proptest::prop_assert_eq!(fast, slow);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn fast_resampling_equals_the_reference(
            z in proptest::collection::vec(0.0f64..800.0, 3..1200),
            xi in 10.0f64..500.0,
            start in 0.0f64..0.3,
            end in 0.7f64..1.0,
        ) {
            let d = (z.len() - 1) as f64 * xi;
            let (d_start, d_end) = (start * d, end * d);
            proptest::prop_assume!((d_end - d_start) / xi >= 2.0);
            delta_h(&z, xi, d_start, d_end);
            let fast = LAST_RESAMPLE.with(|l| l.borrow().clone());
            let mut slow = Vec::new();
            resample_reference(&z, xi, d_start, d_end, &mut slow);
            proptest::prop_assert_eq!(fast, slow);
        }
    }

    proptest::proptest! {
        #[test]
        fn kth_largest_is_the_sorted_element(
            mut v in proptest::collection::vec(-50i32..50, 1..300),
            k in 0usize..300,
        ) {
            let mut w: Vec<f64> = v.drain(..).map(f64::from).collect();
            let mut sorted = w.clone();
            sorted.sort_by(|a, b| b.total_cmp(a));
            let k = k % w.len();
            let got = kth_largest(&mut w, k);
            proptest::prop_assert_eq!(got, sorted[k]);
            proptest::prop_assert!(w[k + 1..].iter().all(|&x| x <= got));
        }
    }

    #[test]
    fn horizons_of_a_ridge() {
        // a 100 m ridge at 2 km on a flat 10 km path hides the terminals from each other
        let mut z = vec![0.0; 101];
        z[20] = 100.0;
        let (theta, d) = find_horizons(&z, 100.0, 8.5e6, [10.0, 10.0]);
        assert_eq!(d[0], 2000.0);
        assert!((d[1] - 8000.0).abs() < 1e-6);
        assert!(theta[0] > 0.04 && theta[1] > 0.0);
    }

    #[test]
    fn pfl_array_round_trip_and_errors() {
        let p = Pfl::from_pfl_array(&[3.0, 100.0, 1.0, 2.0, 3.0, 4.0]).unwrap();
        assert_eq!(p.intervals(), 3);
        assert_eq!(p.length_m(), 300.0);
        assert_eq!(p.reversed().elevations_m(), &[4.0, 3.0, 2.0, 1.0]);
        assert!(Pfl::from_pfl_array(&[4.0, 100.0, 1.0, 2.0, 3.0, 4.0]).is_err());
        assert!(Pfl::from_pfl_array(&[3.0, 0.0, 1.0, 2.0, 3.0, 4.0]).is_err());
        assert!(Pfl::from_pfl_array(&[3.0, -5.0, 1.0, 2.0, 3.0, 4.0]).is_err());
        assert!(Pfl::from_pfl_array(&[3.0, 100.0, 1.0, f64::NAN, 3.0, 4.0]).is_err());
        assert!(Pfl::from_pfl_array(&[2.5, 100.0, 1.0, 2.0, 3.0, 4.0]).is_err());
    }

    #[test]
    fn profile_conversion_requires_equal_spacing() {
        let p = Profile::new(vec![0.0, 0.1, 0.2, 0.3], vec![1.0, 2.0, 3.0, 4.0]).unwrap();
        let pfl = Pfl::from_profile(&p).unwrap();
        assert!((pfl.spacing_m() - 100.0).abs() < 1e-9);
        // round trip through a Profile keeps the spacing exactly
        let pfl = Pfl::new(99.97805, vec![1.0, 2.0, 3.0, 4.0, 5.0]).unwrap();
        assert_eq!(Pfl::from_profile(&pfl.to_profile().unwrap()).unwrap(), pfl);
        let uneven = Profile::new(vec![0.0, 0.05, 0.2, 0.3], vec![1.0, 2.0, 3.0, 4.0]).unwrap();
        assert!(Pfl::from_profile(&uneven).is_err());
    }
}
