//! Piecewise-linear functions in dB of frequency, with exact integrals of their linear value.
//!
//! Every mask in this module (emission density, emission floor, receiver response) is linear in
//! dB between its breakpoints, so on any interval between the union of all breakpoints the dB sum
//! of several masks is again one straight line `Y(m) + S (x - m)`. Its linear integral has the
//! closed form
//!
//! ```text
//! int_{m-h}^{m+h} 10^((Y + S t)/10) dt = 10^(Y/10) * 2 sinh(a h) / a,   a = S ln(10) / 10
//! ```
//!
//! so integrals are exact (no quadrature step to choose) and cheap: one `exp` per piece.
//! Equal consecutive abscissae are allowed and mean a vertical step.

/// What a function is beyond its first and last breakpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outside {
    /// Nothing there: zero power (`-inf` dB). Emission masks.
    Nothing,
    /// The end value continues for ever. Receiver selectivity (the last attenuation holds).
    Hold,
}

/// A piecewise-linear function `y_db(x)`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PiecewiseDb {
    x: Vec<f64>,
    y_db: Vec<f64>,
    outside: Outside,
}

/// One straight piece: value in dB at the centre `m` of the piece and slope in dB per unit x.
#[derive(Debug, Clone, Copy)]
struct Line {
    y_at_m: f64,
    slope: f64,
}

/// A function placed on the integration axis: `value(x) = f.value(x - x_shift) + y_shift_db`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Term<'a> {
    pub f: &'a PiecewiseDb,
    pub x_shift: f64,
    pub y_shift_db: f64,
}

impl PiecewiseDb {
    /// `x` non-decreasing with at least two distinct values, all values finite (checked by the
    /// public constructors of the masks, which name the offending field).
    pub(crate) fn new(x: Vec<f64>, y_db: Vec<f64>, outside: Outside) -> Self {
        debug_assert_eq!(x.len(), y_db.len());
        debug_assert!(x.windows(2).all(|w| w[0] <= w[1]));
        PiecewiseDb { x, y_db, outside }
    }

    pub(crate) fn x_min(&self) -> f64 {
        self.x[0]
    }

    pub(crate) fn x_max(&self) -> f64 {
        self.x[self.x.len() - 1]
    }

    /// Value in dB at `x`. At a vertical step the larger of the two sides is returned.
    pub(crate) fn value_db(&self, x: f64) -> f64 {
        let n = self.x.len();
        if x < self.x[0] || x > self.x[n - 1] {
            return match self.outside {
                Outside::Nothing => f64::NEG_INFINITY,
                Outside::Hold if x < self.x[0] => self.y_db[0],
                Outside::Hold => self.y_db[n - 1],
            };
        }
        let mut best = f64::NEG_INFINITY;
        for i in 0..n - 1 {
            let (x0, x1) = (self.x[i], self.x[i + 1]);
            if x < x0 || x > x1 {
                continue;
            }
            let v = if x1 > x0 {
                self.y_db[i] + (self.y_db[i + 1] - self.y_db[i]) * (x - x0) / (x1 - x0)
            } else {
                self.y_db[i].max(self.y_db[i + 1])
            };
            best = best.max(v);
        }
        best
    }

    /// The straight line through the piece that contains the open neighbourhood of `m`
    /// (callers pass the centre of an interval free of breakpoints). `None` where the function is
    /// zero power.
    fn line_at(&self, m: f64) -> Option<Line> {
        let n = self.x.len();
        if m < self.x[0] || m > self.x[n - 1] {
            return match self.outside {
                Outside::Nothing => None,
                Outside::Hold if m < self.x[0] => Some(Line { y_at_m: self.y_db[0], slope: 0.0 }),
                Outside::Hold => Some(Line { y_at_m: self.y_db[n - 1], slope: 0.0 }),
            };
        }
        // First segment [x_i, x_{i+1}] of positive length that holds m.
        let i = self.x.partition_point(|&xi| xi <= m).clamp(1, n - 1) - 1;
        let (x0, x1) = (self.x[i], self.x[i + 1]);
        if x1 <= x0 {
            // m sits exactly on a step (only when the caller's interval has zero length).
            return Some(Line { y_at_m: self.y_db[i].max(self.y_db[i + 1]), slope: 0.0 });
        }
        let slope = (self.y_db[i + 1] - self.y_db[i]) / (x1 - x0);
        Some(Line { y_at_m: self.y_db[i] + slope * (m - x0), slope })
    }

    fn push_breakpoints(&self, x_shift: f64, lo: f64, hi: f64, out: &mut Vec<f64>) {
        out.extend(self.x.iter().map(|&x| x + x_shift).filter(|&x| x > lo && x < hi));
    }
}

impl Term<'_> {
    fn line_at(&self, m: f64) -> Option<Line> {
        self.f.line_at(m - self.x_shift).map(|l| Line { y_at_m: l.y_at_m + self.y_shift_db, slope: l.slope })
    }
}

/// `int_{m-h}^{m+h} 10^((y + s t)/10) dt` in closed form.
fn integrate_line(line: Line, h: f64) -> f64 {
    let a = line.slope * std::f64::consts::LN_10 / 10.0;
    let ah = a * h;
    let shape = if ah.abs() < 1e-6 {
        // sinh(ah)/a = h (1 + (ah)^2/6 + ...), relative error < 1e-13 here.
        2.0 * h * (1.0 + ah * ah / 6.0)
    } else {
        2.0 * (ah).sinh() / a
    };
    10f64.powf(line.y_at_m / 10.0) * shape
}

/// Linear integral over `[lo, hi]` of `10^(Y(x)/10)` where, in dB,
/// `Y(x) = max(emission(x), floor(x)) + sum(filters(x))`.
///
/// `emission` is the spectrum, `floor` an optional absolute floor under it (SEAMCAT's unwanted
/// emission floor), `filters` receiver responses multiplying the spectrum. A piece where the
/// spectrum (emission and floor) or any filter is zero contributes nothing.
pub(crate) fn integrate(
    lo: f64,
    hi: f64,
    emission: Term<'_>,
    floor: Option<Term<'_>>,
    filters: &[Term<'_>],
) -> f64 {
    if hi <= lo || lo.is_nan() || hi.is_nan() {
        return 0.0;
    }
    let mut cuts = Vec::with_capacity(32);
    cuts.push(lo);
    cuts.push(hi);
    emission.f.push_breakpoints(emission.x_shift, lo, hi, &mut cuts);
    if let Some(fl) = floor {
        fl.f.push_breakpoints(fl.x_shift, lo, hi, &mut cuts);
    }
    for t in filters {
        t.f.push_breakpoints(t.x_shift, lo, hi, &mut cuts);
    }
    cuts.sort_by(f64::total_cmp);
    cuts.dedup();

    let mut total = 0.0;
    for w in cuts.windows(2) {
        let (u, v) = (w[0], w[1]);
        if v <= u {
            continue;
        }
        let m = 0.5 * (u + v);
        let mut filter_line = Line { y_at_m: 0.0, slope: 0.0 };
        let mut blocked = false;
        for t in filters {
            match t.line_at(m) {
                Some(l) => {
                    filter_line.y_at_m += l.y_at_m;
                    filter_line.slope += l.slope;
                }
                None => blocked = true,
            }
        }
        if blocked {
            continue;
        }
        let e = emission.line_at(m);
        let f = floor.and_then(|t| t.line_at(m));
        let add = |l: Line, u: f64, v: f64| {
            // Re-centre `l` (given at m) on the sub-piece [u, v] and add the filter line.
            let c = 0.5 * (u + v);
            let y = l.y_at_m + l.slope * (c - m) + filter_line.y_at_m + filter_line.slope * (c - m);
            integrate_line(Line { y_at_m: y, slope: l.slope + filter_line.slope }, 0.5 * (v - u))
        };
        total += match (e, f) {
            (None, None) => 0.0,
            (Some(l), None) | (None, Some(l)) => add(l, u, v),
            (Some(a), Some(b)) => {
                // max of two lines: split where they cross inside (u, v).
                let ds = a.slope - b.slope;
                let dy = a.y_at_m - b.y_at_m;
                let cross = if ds != 0.0 { m - dy / ds } else { f64::NAN };
                if cross > u && cross < v {
                    // Left of the crossing the line with the smaller slope is the larger one.
                    let (small, large) = if a.slope < b.slope { (a, b) } else { (b, a) };
                    add(small, u, cross) + add(large, cross, v)
                } else if dy >= 0.0 {
                    add(a, u, v)
                } else {
                    add(b, u, v)
                }
            }
        };
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flat(x0: f64, x1: f64, y: f64, outside: Outside) -> PiecewiseDb {
        PiecewiseDb::new(vec![x0, x1], vec![y, y], outside)
    }

    #[test]
    fn flat_integral_is_width_times_level() {
        let f = flat(-1.0, 1.0, 10.0, Outside::Nothing);
        let t = Term { f: &f, x_shift: 0.0, y_shift_db: 0.0 };
        // 10 dB = 10 (linear) over a width of 2 -> 20; beyond the support nothing.
        assert!((integrate(-5.0, 5.0, t, None, &[]) - 20.0).abs() < 1e-12);
        assert!((integrate(0.0, 0.5, t, None, &[]) - 5.0).abs() < 1e-12);
    }

    #[test]
    fn sloped_integral_matches_closed_form() {
        // y = 0 dB at x=0 falling to -10 dB at x=1: int_0^1 10^(-x) dx = (1 - 0.1)/ln 10.
        let f = PiecewiseDb::new(vec![0.0, 1.0], vec![0.0, -10.0], Outside::Nothing);
        let t = Term { f: &f, x_shift: 0.0, y_shift_db: 0.0 };
        let expect = 0.9 / std::f64::consts::LN_10;
        assert!((integrate(-1.0, 2.0, t, None, &[]) - expect).abs() < 1e-12);
    }

    #[test]
    fn floor_takes_the_larger_line() {
        // Emission 0 dB at 0 falling to -20 dB at 2; floor -10 dB flat: crossing at x = 1.
        let e = PiecewiseDb::new(vec![0.0, 2.0], vec![0.0, -20.0], Outside::Nothing);
        let fl = flat(0.0, 2.0, -10.0, Outside::Nothing);
        let te = Term { f: &e, x_shift: 0.0, y_shift_db: 0.0 };
        let tf = Term { f: &fl, x_shift: 0.0, y_shift_db: 0.0 };
        // int_0^1 10^(-x) dx + 0.1 * 1
        let expect = 0.9 / std::f64::consts::LN_10 + 0.1;
        assert!((integrate(0.0, 2.0, te, Some(tf), &[]) - expect).abs() < 1e-12);
    }

    #[test]
    fn steps_and_hold() {
        let f = PiecewiseDb::new(vec![0.0, 1.0, 1.0, 2.0], vec![0.0, 0.0, -10.0, -10.0], Outside::Hold);
        assert_eq!(f.value_db(1.0), 0.0);
        assert_eq!(f.value_db(1.5), -10.0);
        assert_eq!(f.value_db(7.0), -10.0);
        assert_eq!(f.value_db(-7.0), 0.0);
    }
}
