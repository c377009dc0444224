//! Pointing geometry shared by every pattern: bearing and mechanical tilt of an antenna turn a
//! direction in the station's local horizon frame into a direction relative to boresight.
//!
//! The rotation is the one of ITU-R F.1336-5 recommends 3.4, eqs. (3b) and (3c), written with
//! a signed azimuth:
//!
//! ```text
//! φ  = wrap(az - bearing)                                 azimuth off the antenna bearing
//! θ' = asin( sin θ cos β + cos θ cos φ sin β )            (3b)
//! φ' = atan2( cos θ sin φ, cos θ cos φ cos β - sin θ sin β )   (3c, sign kept)
//! ```
//!
//! | symbol | here |
//! |---|---|
//! | θ, elevation of the direction above the horizontal | `elevation_deg` |
//! | φ, azimuth of the direction from the antenna bearing | `azimuth_deg - bearing_deg` |
//! | β, mechanical downtilt (positive below the horizon) | `mechanical_downtilt_deg` |
//! | θ', φ' direction relative to boresight | returned `(azimuth, elevation)` |
//!
//! Azimuths are clockwise from north (or from any common reference), elevations positive upward;
//! relative azimuths are in (-180, 180], relative elevations in [-90, 90].
use super::AntennaPattern;

/// Bearing and mechanical downtilt of an antenna, with their sines and cosines precomputed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pointing {
    bearing_deg: f64,
    mechanical_downtilt_deg: f64,
    sin_tilt: f64,
    cos_tilt: f64,
}

/// Wraps an angle in degrees into (-180, 180].
pub fn wrap_azimuth_deg(a: f64) -> f64 {
    let r = (a + 180.0).rem_euclid(360.0) - 180.0;
    if r == -180.0 {
        180.0
    } else {
        r
    }
}

/// Azimuth (clockwise from north) and elevation of the vector (`dx_east_m`, `dy_north_m`,
/// `dz_up_m`) from one station to another in a local flat east-north-up frame, degrees.
pub fn direction_deg(dx_east_m: f64, dy_north_m: f64, dz_up_m: f64) -> (f64, f64) {
    let horizontal = dx_east_m.hypot(dy_north_m);
    let az = if horizontal == 0.0 { 0.0 } else { dx_east_m.atan2(dy_north_m).to_degrees() };
    (wrap_azimuth_deg(az), dz_up_m.atan2(horizontal).to_degrees())
}

impl Default for Pointing {
    fn default() -> Self {
        Pointing::new(0.0, 0.0)
    }
}

impl Pointing {
    /// An antenna whose boresight points at azimuth `bearing_deg`, tilted mechanically
    /// `mechanical_downtilt_deg` below the horizon (negative: uptilt).
    pub fn new(bearing_deg: f64, mechanical_downtilt_deg: f64) -> Self {
        let b = mechanical_downtilt_deg.to_radians();
        Pointing { bearing_deg, mechanical_downtilt_deg, sin_tilt: b.sin(), cos_tilt: b.cos() }
    }

    /// Boresight azimuth, degrees.
    pub fn bearing_deg(&self) -> f64 {
        self.bearing_deg
    }

    /// Mechanical downtilt, degrees (positive below the horizon).
    pub fn mechanical_downtilt_deg(&self) -> f64 {
        self.mechanical_downtilt_deg
    }

    /// The direction (`azimuth_deg`, `elevation_deg`) in the local horizon frame expressed
    /// relative to boresight: `(azimuth_rel_deg, elevation_rel_deg)`.
    pub fn to_antenna_frame(&self, azimuth_deg: f64, elevation_deg: f64) -> (f64, f64) {
        let phi = wrap_azimuth_deg(azimuth_deg - self.bearing_deg);
        if self.sin_tilt == 0.0 {
            return (phi, elevation_deg.clamp(-90.0, 90.0));
        }
        let (st, ct) = elevation_deg.to_radians().sin_cos();
        let (sp, cp) = phi.to_radians().sin_cos();
        // Unit vector (x towards the bearing, y to its right, z up), rotated by the tilt about y.
        let x = ct * cp * self.cos_tilt - st * self.sin_tilt;
        let y = ct * sp;
        let z = (st * self.cos_tilt + ct * cp * self.sin_tilt).clamp(-1.0, 1.0); // (3b)
        let el = z.asin().to_degrees();
        let az = if x == 0.0 && y == 0.0 { 0.0 } else { y.atan2(x).to_degrees() }; // (3c)
        (az, el)
    }

    /// Gain of `pattern` mounted with this pointing towards (`azimuth_deg`, `elevation_deg`).
    pub fn gain_dbi(&self, pattern: &dyn AntennaPattern, azimuth_deg: f64, elevation_deg: f64) -> f64 {
        let (a, e) = self.to_antenna_frame(azimuth_deg, elevation_deg);
        pattern.gain_dbi(a, e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boresight_maps_to_zero() {
        let p = Pointing::new(120.0, 6.0);
        let (a, e) = p.to_antenna_frame(120.0, -6.0);
        assert!(a.abs() < 1e-9 && e.abs() < 1e-9, "{a} {e}");
    }

    #[test]
    fn direction_between_stations() {
        assert_eq!(direction_deg(0.0, 1.0, 0.0), (0.0, 0.0));
        let (a, e) = direction_deg(1.0, 0.0, 1.0);
        assert!((a - 90.0).abs() < 1e-12 && (e - 45.0).abs() < 1e-12);
        let (a, e) = direction_deg(0.0, -5.0, 0.0);
        assert!((a - 180.0).abs() < 1e-12 && e == 0.0);
        assert_eq!(direction_deg(0.0, 0.0, -3.0), (0.0, -90.0));
    }

    #[test]
    fn no_tilt_is_a_bearing_shift() {
        let p = Pointing::new(350.0, 0.0);
        assert_eq!(p.to_antenna_frame(10.0, 5.0), (20.0, 5.0));
        assert_eq!(wrap_azimuth_deg(-180.0), 180.0);
        assert_eq!(wrap_azimuth_deg(540.0), 180.0);
    }

    #[test]
    fn back_horizon_is_below_the_back_axis() {
        // F.1336-5 eq. (3b) with theta = 0, phi = 180: asin(-sin b) = -b. The front of a
        // downtilted antenna looks down, its back axis looks up by b, so the horizon behind
        // lies b below that axis.
        let p = Pointing::new(0.0, 10.0);
        let (a, e) = p.to_antenna_frame(180.0, 0.0);
        assert!((e + 10.0).abs() < 1e-9);
        assert!((a.abs() - 180.0).abs() < 1e-9);
    }
}
