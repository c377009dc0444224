//! Typed quantities with only the operators that make physical sense.
//!
//! Logarithmic quantities: a ratio `Db`, absolute powers `Dbm` / `Dbw`, antenna gain `Dbi` and
//! specific attenuation `DbPerKm`. Powers add a ratio (`Dbm + Db = Dbm`), powers subtract to a
//! ratio (`Dbm - Dbm = Db`); two absolute powers never add in dB, they sum in the linear domain
//! ([`power_sum`]). Linear quantities: `Mhz`, `Km`, `Meters`, `Degrees`.
//!
//! Inside model kernels raw `f64` with a unit suffix (`f_mhz`, `d_km`) is the rule; these types
//! are for public signatures, link budgets and the interference engine.
use serde::{Deserialize, Serialize};
use std::ops::{Add, AddAssign, Mul, Neg, Sub, SubAssign};

/// Boltzmann's constant, J/K (SI 2019 exact value).
pub const BOLTZMANN_J_PER_K: f64 = 1.380_649e-23;
/// Reference noise temperature T0 = 290 K (ITU-R P.372, Rec. ITU-R SM.1541 convention).
pub const T0_KELVIN: f64 = 290.0;
/// Speed of light in vacuum, m/s.
pub const SPEED_OF_LIGHT_M_PER_S: f64 = 299_792_458.0;

macro_rules! quantity {
    ($(#[$doc:meta])* $name:ident, $unit:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub f64);

        impl $name {
            /// The raw value in this unit.
            pub const fn value(self) -> f64 {
                self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                if let Some(p) = f.precision() {
                    write!(f, "{:.*} {}", p, self.0, $unit)
                } else {
                    write!(f, "{} {}", self.0, $unit)
                }
            }
        }
    };
}

/// Adds `Add`/`Sub`/`Neg` within one type and scaling by `f64` (for linear quantities and ratios).
macro_rules! linear_ops {
    ($name:ident) => {
        impl Add for $name {
            type Output = $name;
            fn add(self, o: $name) -> $name {
                $name(self.0 + o.0)
            }
        }
        impl Sub for $name {
            type Output = $name;
            fn sub(self, o: $name) -> $name {
                $name(self.0 - o.0)
            }
        }
        impl AddAssign for $name {
            fn add_assign(&mut self, o: $name) {
                self.0 += o.0;
            }
        }
        impl SubAssign for $name {
            fn sub_assign(&mut self, o: $name) {
                self.0 -= o.0;
            }
        }
        impl Neg for $name {
            type Output = $name;
            fn neg(self) -> $name {
                $name(-self.0)
            }
        }
        impl Mul<f64> for $name {
            type Output = $name;
            fn mul(self, k: f64) -> $name {
                $name(self.0 * k)
            }
        }
    };
}

/// An absolute power level adds and subtracts ratios and gains, and subtracts to a ratio.
macro_rules! power_ops {
    ($name:ident) => {
        impl Add<Db> for $name {
            type Output = $name;
            fn add(self, o: Db) -> $name {
                $name(self.0 + o.0)
            }
        }
        impl Sub<Db> for $name {
            type Output = $name;
            fn sub(self, o: Db) -> $name {
                $name(self.0 - o.0)
            }
        }
        impl Add<Dbi> for $name {
            type Output = $name;
            fn add(self, o: Dbi) -> $name {
                $name(self.0 + o.0)
            }
        }
        impl Sub<$name> for $name {
            type Output = Db;
            fn sub(self, o: $name) -> Db {
                Db(self.0 - o.0)
            }
        }
        impl AddAssign<Db> for $name {
            fn add_assign(&mut self, o: Db) {
                self.0 += o.0;
            }
        }
    };
}

quantity!(
    /// A power ratio in decibels (loss, gain, margin, C/I ...).
    Db, "dB"
);
quantity!(
    /// Absolute power in dB relative to 1 mW.
    Dbm, "dBm"
);
quantity!(
    /// Absolute power in dB relative to 1 W.
    Dbw, "dBW"
);
quantity!(
    /// Antenna gain relative to an isotropic radiator.
    Dbi, "dBi"
);
quantity!(
    /// Specific attenuation.
    DbPerKm, "dB/km"
);
quantity!(
    /// Frequency in MHz.
    Mhz, "MHz"
);
quantity!(
    /// Distance in km.
    Km, "km"
);
quantity!(
    /// Length or height in metres.
    Meters, "m"
);
quantity!(
    /// Angle in degrees.
    Degrees, "deg"
);

linear_ops!(Db);
linear_ops!(Dbi);
linear_ops!(DbPerKm);
linear_ops!(Mhz);
linear_ops!(Km);
linear_ops!(Meters);
linear_ops!(Degrees);
power_ops!(Dbm);
power_ops!(Dbw);

impl Add<Dbi> for Db {
    type Output = Db;
    fn add(self, o: Dbi) -> Db {
        Db(self.0 + o.0)
    }
}

/// Specific attenuation times path length is an attenuation.
impl Mul<Km> for DbPerKm {
    type Output = Db;
    fn mul(self, d: Km) -> Db {
        Db(self.0 * d.0)
    }
}

impl Db {
    /// Linear power ratio 10^(dB/10).
    pub fn to_linear(self) -> f64 {
        10f64.powf(self.0 / 10.0)
    }
    /// Decibels of a linear power ratio, 10 log10(x).
    pub fn from_linear(ratio: f64) -> Db {
        Db(10.0 * ratio.log10())
    }
}

impl Dbm {
    /// Power in milliwatts.
    pub fn to_mw(self) -> f64 {
        10f64.powf(self.0 / 10.0)
    }
    /// Level of a power in milliwatts.
    pub fn from_mw(mw: f64) -> Dbm {
        Dbm(10.0 * mw.log10())
    }
    /// The same power in dBW.
    pub fn to_dbw(self) -> Dbw {
        Dbw(self.0 - 30.0)
    }
}

impl Dbw {
    /// The same power in dBm.
    pub fn to_dbm(self) -> Dbm {
        Dbm(self.0 + 30.0)
    }
}

impl From<Dbw> for Dbm {
    fn from(p: Dbw) -> Dbm {
        p.to_dbm()
    }
}

impl From<Dbm> for Dbw {
    fn from(p: Dbm) -> Dbw {
        p.to_dbw()
    }
}

impl Mhz {
    /// Frequency in Hz.
    pub fn hz(self) -> f64 {
        self.0 * 1e6
    }
    /// Free-space wavelength in metres.
    pub fn wavelength(self) -> Meters {
        Meters(SPEED_OF_LIGHT_M_PER_S / self.hz())
    }
}

impl Km {
    /// The same distance in metres.
    pub fn to_meters(self) -> Meters {
        Meters(self.0 * 1e3)
    }
}

impl Meters {
    /// The same length in km.
    pub fn to_km(self) -> Km {
        Km(self.0 * 1e-3)
    }
}

impl Degrees {
    /// The angle in radians.
    pub fn to_radians(self) -> f64 {
        self.0.to_radians()
    }
}

/// Sum of powers in the linear domain: 10 log10(sum 10^(P_i/10)).
///
/// An empty sum is no power at all (`-inf` dBm). The largest term is factored out so that very
/// small or very large levels do not underflow or overflow.
pub fn power_sum<I: IntoIterator<Item = Dbm>>(levels: I) -> Dbm {
    let levels: Vec<f64> = levels.into_iter().map(|p| p.0).collect();
    let max = levels.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if max == f64::NEG_INFINITY {
        return Dbm(f64::NEG_INFINITY);
    }
    let sum: f64 = levels.iter().map(|p| 10f64.powf((p - max) / 10.0)).sum();
    Dbm(max + 10.0 * sum.log10())
}

/// Thermal noise power N = k T0 B F of a receiver of bandwidth `bandwidth` and noise figure
/// `noise_figure`, at the reference temperature T0 = 290 K (about -174 dBm/Hz + 10 log B + NF).
pub fn thermal_noise(bandwidth: Mhz, noise_figure: Db) -> Dbm {
    let n_w = BOLTZMANN_J_PER_K * T0_KELVIN * bandwidth.hz();
    Dbm(10.0 * (n_w * 1e3).log10() + noise_figure.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn operators_keep_units() {
        let p = Dbm(30.0) + Db(-10.0) + Dbi(3.0);
        assert_eq!(p, Dbm(23.0));
        assert_eq!(Dbm(-80.0) - Dbm(-100.0), Db(20.0));
        assert_eq!(Dbw(0.0).to_dbm(), Dbm(30.0));
        assert_eq!(DbPerKm(0.5) * Km(10.0), Db(5.0));
    }

    #[test]
    fn thermal_noise_is_kt0b() {
        // kT0 = 1.380649e-23 * 290 W/Hz = -173.975 dBm/Hz.
        let n = thermal_noise(Mhz(1e-6), Db(0.0));
        assert!((n.0 - (-173.9753)).abs() < 1e-3, "{n}");
        let n = thermal_noise(Mhz(10.0), Db(5.0));
        assert!((n.0 - (-173.9753 + 70.0 + 5.0)).abs() < 1e-3, "{n}");
    }

    #[test]
    fn equal_powers_sum_to_plus_3_db() {
        let s = power_sum([Dbm(-90.0), Dbm(-90.0)]);
        assert!((s.0 - (-90.0 + 10.0 * 2f64.log10())).abs() < 1e-12);
        assert_eq!(power_sum([]).0, f64::NEG_INFINITY);
    }

    proptest! {
        #[test]
        fn dbm_mw_round_trip(p in -300.0f64..300.0) {
            let back = Dbm::from_mw(Dbm(p).to_mw());
            prop_assert!((back.0 - p).abs() < 1e-9);
        }

        #[test]
        fn db_linear_round_trip(x in -200.0f64..200.0) {
            prop_assert!((Db::from_linear(Db(x).to_linear()).0 - x).abs() < 1e-9);
        }

        #[test]
        fn power_sum_bounds(ps in proptest::collection::vec(-250.0f64..100.0, 1..20)) {
            // The sum is at least the largest term and at most the largest + 10 log10(n).
            let s = power_sum(ps.iter().map(|&p| Dbm(p))).0;
            let max = ps.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            prop_assert!(s >= max - 1e-9);
            prop_assert!(s <= max + 10.0 * (ps.len() as f64).log10() + 1e-9);
        }

        #[test]
        fn power_sum_is_order_independent(ps in proptest::collection::vec(-150.0f64..50.0, 1..12)) {
            let a = power_sum(ps.iter().map(|&p| Dbm(p))).0;
            let b = power_sum(ps.iter().rev().map(|&p| Dbm(p))).0;
            prop_assert!((a - b).abs() < 1e-9);
        }

        #[test]
        fn power_sum_matches_linear_sum(a in -120.0f64..30.0, b in -120.0f64..30.0) {
            let s = power_sum([Dbm(a), Dbm(b)]);
            prop_assert!((s.to_mw() - (Dbm(a).to_mw() + Dbm(b).to_mw())).abs() <= 1e-9 * s.to_mw());
        }
    }
}
