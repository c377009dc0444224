//! Relative positions of the stations of a scenario.
//!
//! Conventions (as SEAMCAT, ECC Report 252 Annex 12, eqs. 161-162): a flat plane in km with the
//! victim receiver at the origin; an azimuth is measured in degrees counter-clockwise from the
//! x axis, so a station at distance `d` and azimuth `a` from its reference sits at
//! `(x, y) = (d cos a, d sin a)` from it. Heights are separate (metres above ground).
//!
//! | `kind` | placement |
//! |---|---|
//! | `fixed` | `distance_km` + `azimuth_deg` (default 0), or `x_km` + `y_km` |
//! | `uniform-area` | uniform over the disc/annulus `min_km <= r <= max_km` within `[azimuth_min_deg, azimuth_max_deg]`: `r = sqrt(min^2 + (max^2 - min^2) u)` |
//! | `uniform-distance` | `r` uniform in `[min_km, max_km]` (denser near the centre), azimuth uniform |
//! | `polar` | `distance_km` and `azimuth_deg` are [`Variable`]s (any distribution) |
use super::random::{Domain, EventRng, Variable};
use crate::{Error, Result};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A point of the plane, km.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    /// East, km.
    pub x_km: f64,
    /// North, km.
    pub y_km: f64,
}

impl Point {
    /// The origin (the victim receiver).
    pub const ORIGIN: Point = Point { x_km: 0.0, y_km: 0.0 };

    /// `self` moved by `(dx, dy)`.
    pub fn offset(self, d: Point) -> Point {
        Point { x_km: self.x_km + d.x_km, y_km: self.y_km + d.y_km }
    }

    /// Horizontal distance to `o`, km.
    pub fn distance_km(self, o: Point) -> f64 {
        (o.x_km - self.x_km).hypot(o.y_km - self.y_km)
    }

    /// Azimuth of `o` seen from `self`, degrees counter-clockwise from the x axis, in (-180, 180].
    pub fn azimuth_deg(self, o: Point) -> f64 {
        (o.y_km - self.y_km).atan2(o.x_km - self.x_km).to_degrees()
    }

    /// The point at `d_km`, `az_deg` from the origin.
    pub fn polar(d_km: f64, az_deg: f64) -> Point {
        let (s, c) = az_deg.to_radians().sin_cos();
        Point { x_km: d_km * c, y_km: d_km * s }
    }
}

fn full_circle() -> f64 {
    360.0
}

/// How a station is placed relative to its reference station, tagged by `kind`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Position {
    /// A fixed offset: `distance_km` and `azimuth_deg`, or `x_km` and `y_km`.
    Fixed {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        distance_km: Option<f64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        azimuth_deg: Option<f64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        x_km: Option<f64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        y_km: Option<f64>,
    },
    /// Uniform over the area of a disc (`min_km = 0`) or an annulus, optionally a sector.
    UniformArea {
        #[serde(default)]
        min_km: f64,
        max_km: f64,
        #[serde(default)]
        azimuth_min_deg: f64,
        #[serde(default = "full_circle")]
        azimuth_max_deg: f64,
    },
    /// Distance uniform in `[min_km, max_km]`, azimuth uniform in the sector.
    UniformDistance {
        #[serde(default)]
        min_km: f64,
        max_km: f64,
        #[serde(default)]
        azimuth_min_deg: f64,
        #[serde(default = "full_circle")]
        azimuth_max_deg: f64,
    },
    /// Distance and azimuth drawn from any distributions.
    Polar { distance_km: Variable, azimuth_deg: Variable },
}

const DISTANCE: Domain = Domain::closed(0.0, 1e5);
const AZIMUTH: Domain = Domain::closed(-360.0, 360.0);

impl Position {
    /// Checks every field; `path` names the position table.
    pub fn validate(&self, path: &str) -> Result<()> {
        match self {
            Position::Fixed { distance_km, azimuth_deg, x_km, y_km } => match (distance_km, x_km, y_km) {
                (Some(d), None, None) => {
                    DISTANCE.check(&format!("{path}.distance_km"), *d)?;
                    AZIMUTH.check(&format!("{path}.azimuth_deg"), azimuth_deg.unwrap_or(0.0))
                }
                (None, Some(x), Some(y)) if azimuth_deg.is_none() => {
                    Domain::closed(-1e5, 1e5).check(&format!("{path}.x_km"), *x)?;
                    Domain::closed(-1e5, 1e5).check(&format!("{path}.y_km"), *y)
                }
                _ => Err(Error::InvalidChoice {
                    field: path.to_owned(),
                    value: "fixed".into(),
                    expected: "either distance_km (+ azimuth_deg) or x_km + y_km".into(),
                }),
            },
            Position::UniformArea { min_km, max_km, azimuth_min_deg, azimuth_max_deg }
            | Position::UniformDistance { min_km, max_km, azimuth_min_deg, azimuth_max_deg } => {
                DISTANCE.check(&format!("{path}.min_km"), *min_km)?;
                Domain::closed(*min_km, 1e5).check(&format!("{path}.max_km"), *max_km)?;
                AZIMUTH.check(&format!("{path}.azimuth_min_deg"), *azimuth_min_deg)?;
                Domain::closed(*azimuth_min_deg, azimuth_min_deg + 360.0)
                    .check(&format!("{path}.azimuth_max_deg"), *azimuth_max_deg)
            }
            Position::Polar { distance_km, azimuth_deg } => {
                distance_km.validate(&format!("{path}.distance_km"), DISTANCE)?;
                azimuth_deg.validate(&format!("{path}.azimuth_deg"), Domain::ANY)
            }
        }
    }

    /// Draws the offset from the reference station. Fixed positions draw nothing; the random
    /// kinds draw the radius first, then the azimuth.
    pub fn sample(&self, rng: &mut EventRng) -> Point {
        match self {
            Position::Fixed { distance_km, azimuth_deg, x_km, y_km } => match distance_km {
                Some(d) => Point::polar(*d, azimuth_deg.unwrap_or(0.0)),
                None => Point { x_km: x_km.unwrap_or(0.0), y_km: y_km.unwrap_or(0.0) },
            },
            Position::UniformArea { min_km, max_km, azimuth_min_deg, azimuth_max_deg } => {
                let (a2, b2) = (min_km * min_km, max_km * max_km);
                let r = (a2 + (b2 - a2) * rng.uniform()).sqrt();
                let az = azimuth_min_deg + (azimuth_max_deg - azimuth_min_deg) * rng.uniform();
                Point::polar(r, az)
            }
            Position::UniformDistance { min_km, max_km, azimuth_min_deg, azimuth_max_deg } => {
                let r = min_km + (max_km - min_km) * rng.uniform();
                let az = azimuth_min_deg + (azimuth_max_deg - azimuth_min_deg) * rng.uniform();
                Point::polar(r, az)
            }
            Position::Polar { distance_km, azimuth_deg } => {
                let r = distance_km.sample(rng);
                Point::polar(r, azimuth_deg.sample(rng))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::simulation::random::SeedKey;

    #[test]
    fn fixed_positions_follow_the_seamcat_axes() {
        let p = Position::Fixed { distance_km: Some(2.0), azimuth_deg: Some(90.0), x_km: None, y_km: None };
        let q = p.sample(&mut SeedKey::new(1).event(0));
        assert!(q.x_km.abs() < 1e-12 && (q.y_km - 2.0).abs() < 1e-12);
        assert!((Point::ORIGIN.azimuth_deg(q) - 90.0).abs() < 1e-12);
    }

    #[test]
    fn uniform_area_fills_the_annulus_evenly() {
        // Fraction of points inside radius r of an annulus [1, 3]: (r^2 - 1)/(9 - 1).
        let pos =
            Position::UniformArea { min_km: 1.0, max_km: 3.0, azimuth_min_deg: 0.0, azimuth_max_deg: 360.0 };
        let key = SeedKey::new(3);
        let n = 100_000;
        let mut inside = 0;
        for e in 0..n {
            let d = pos.sample(&mut key.event(e)).distance_km(Point::ORIGIN);
            assert!((1.0 - 1e-12..=3.0 + 1e-12).contains(&d));
            if d < 2.0 {
                inside += 1;
            }
        }
        let p = inside as f64 / n as f64;
        // Expected 3/8; standard error sqrt(p(1-p)/n) = 0.00153; tolerance 4 standard errors.
        assert!((p - 0.375).abs() < 4.0 * 0.00153, "{p}");
    }

    #[test]
    fn uniform_distance_and_polar_sectors() {
        // Distance uniform in [1, 3] km: mean 2 km (standard error 0.577/sqrt(n) = 0.0018,
        // tolerance 4 standard errors); azimuths stay inside the 30-60 deg sector.
        let pos = Position::UniformDistance {
            min_km: 1.0,
            max_km: 3.0,
            azimuth_min_deg: 30.0,
            azimuth_max_deg: 60.0,
        };
        let key = SeedKey::new(5);
        let n = 100_000;
        let mut sum = 0.0;
        for e in 0..n {
            let p = pos.sample(&mut key.event(e));
            sum += p.distance_km(Point::ORIGIN);
            let az = Point::ORIGIN.azimuth_deg(p);
            assert!((30.0 - 1e-9..=60.0 + 1e-9).contains(&az), "{az}");
        }
        assert!((sum / n as f64 - 2.0).abs() < 4.0 * 0.0018);
        let polar =
            Position::Polar { distance_km: Variable::Constant(2.0), azimuth_deg: Variable::Constant(-90.0) };
        let p = polar.sample(&mut key.event(0));
        assert!(p.x_km.abs() < 1e-12 && (p.y_km + 2.0).abs() < 1e-12);
    }

    #[test]
    fn invalid_positions_name_the_field() {
        let p =
            Position::UniformArea { min_km: 5.0, max_km: 1.0, azimuth_min_deg: 0.0, azimuth_max_deg: 360.0 };
        let e = p.validate("victim_link.transmitter.position").unwrap_err().to_string();
        assert!(e.contains("victim_link.transmitter.position.max_km") && e.contains("[5, 100000]"), "{e}");
    }
}
