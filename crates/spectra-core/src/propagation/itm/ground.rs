//! Radio constants of the path: surface refractivity, effective earth curvature and the complex
//! surface transfer impedance of the ground (ITM 1.4 `InitializePointToPoint`).
//!
//! | here        | document                                  |
//! |-------------|-------------------------------------------|
//! | `n_0`       | N_0, sea-level refractivity [TN101 4.3]  |
//! | `n_s`       | N_s, surface refractivity                 |
//! | `gamma_e`   | gamma_e = 1 / a_e, effective curvature    |
//! | `z_g`       | Z_g, surface transfer impedance           |

/// Curvature of the actual earth, 1/m (about 1 / 6370 km), [Algorithm, eq. (1.3)].
pub(crate) const GAMMA_A_PER_M: f64 = 157e-9;

/// A complex number: just what the ground reflection arithmetic needs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Complex {
    pub re: f64,
    pub im: f64,
}

impl Complex {
    pub(crate) const fn new(re: f64, im: f64) -> Complex {
        Complex { re, im }
    }

    pub(crate) fn abs(self) -> f64 {
        self.re.hypot(self.im)
    }

    /// Principal square root (branch cut on the negative real axis).
    pub(crate) fn sqrt(self) -> Complex {
        let r = self.abs();
        if r == 0.0 {
            return Complex::new(0.0, self.im);
        }
        if self.re >= 0.0 {
            let t = (0.5 * (r + self.re)).sqrt();
            Complex::new(t, self.im / (2.0 * t))
        } else {
            let t = (0.5 * (r - self.re)).sqrt();
            Complex::new(self.im.abs() / (2.0 * t), t.copysign(self.im))
        }
    }

    pub(crate) fn add(self, o: Complex) -> Complex {
        Complex::new(self.re + o.re, self.im + o.im)
    }

    pub(crate) fn sub(self, o: Complex) -> Complex {
        Complex::new(self.re - o.re, self.im - o.im)
    }

    #[cfg(test)]
    pub(crate) fn mul(self, o: Complex) -> Complex {
        Complex::new(self.re * o.re - self.im * o.im, self.re * o.im + self.im * o.re)
    }

    pub(crate) fn scale(self, k: f64) -> Complex {
        Complex::new(self.re * k, self.im * k)
    }

    pub(crate) fn div(self, o: Complex) -> Complex {
        let d = o.re * o.re + o.im * o.im;
        Complex::new((self.re * o.re + self.im * o.im) / d, (self.im * o.re - self.re * o.im) / d)
    }
}

/// Surface refractivity N_s from N_0 at the mean path elevation, [TN101, eq. (4.3)]:
/// N_s = N_0 exp(-h_sys / 9460 m); as ITM 1.4, an elevation of exactly 0 leaves N_0 unchanged.
pub(crate) fn surface_refractivity(n_0: f64, h_sys_m: f64) -> f64 {
    if h_sys_m == 0.0 {
        n_0
    } else {
        n_0 * (-h_sys_m / 9460.0).exp()
    }
}

/// Effective earth curvature gamma_e = gamma_a (1 - 0.04665 exp(N_s / 179.3)), [TN101, eq. (4.4)].
pub(crate) fn effective_curvature(n_s: f64) -> f64 {
    GAMMA_A_PER_M * (1.0 - 0.04665 * (n_s / 179.3).exp())
}

/// Surface transfer impedance Z_g = sqrt(eps_r - 1) (horizontal), divided by eps_r for vertical
/// polarisation, with the complex permittivity eps_r = epsilon + j 18000 sigma / f_MHz,
/// [Algorithm, eq. (1.4)-(1.6)].
pub(crate) fn ground_impedance(f_mhz: f64, epsilon: f64, sigma: f64, vertical: bool) -> Complex {
    let ep_r = Complex::new(epsilon, 18000.0 * sigma / f_mhz);
    let z_g = ep_r.sub(Complex::new(1.0, 0.0)).sqrt();
    if vertical {
        z_g.div(ep_r)
    } else {
        z_g
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complex_sqrt_squares_back() {
        for (re, im) in [(3.0, 4.0), (-3.0, 4.0), (-3.0, -4.0), (14.0, 0.09), (0.5, -2.0)] {
            let z = Complex::new(re, im);
            let s = z.sqrt();
            let back = s.mul(s);
            assert!((back.re - re).abs() < 1e-12 && (back.im - im).abs() < 1e-12, "{z:?} -> {s:?}");
            assert!(s.re >= 0.0);
        }
    }

    #[test]
    fn complex_division_inverts_multiplication() {
        let a = Complex::new(1.5, -0.25);
        let b = Complex::new(15.0, 0.9);
        let q = a.mul(b).div(b);
        assert!((q.re - a.re).abs() < 1e-14 && (q.im - a.im).abs() < 1e-14);
    }

    #[test]
    fn sea_level_refractivity_is_unchanged() {
        assert_eq!(surface_refractivity(301.0, 0.0), 301.0);
        // 4/3 earth: N_s = 301 gives a_e close to 8500 km [TN101 Fig. 4.2]
        let a_e_km = 1e-3 / effective_curvature(301.0);
        assert!((a_e_km - 8500.0).abs() < 100.0, "{a_e_km}");
    }
}
