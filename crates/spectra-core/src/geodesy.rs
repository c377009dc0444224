//! Geodesy on the WGS84 ellipsoid: checked coordinates, geodesics (Karney 2013) and the
//! Universal Transverse Mercator projection (Karney 2011, Krüger series to order n⁶).
//!
//! References
//! - C. F. F. Karney, "Algorithms for geodesics", J. Geodesy 87, 43–55 (2013),
//!   doi:10.1007/s00190-012-0578-z. Implemented by `geographiclib-rs` (a port of Karney's
//!   GeographicLib, and the engine behind the `geo` crate's `Geodesic` metric space); we call it
//!   directly because we need the azimuth at interior points of a geodesic line, which `geo`
//!   does not expose.
//! - C. F. F. Karney, "Transverse Mercator with an accuracy of a few nanometers", J. Geodesy 85,
//!   475–485 (2011), doi:10.1007/s00190-011-0445-3: equations (7)–(11) forward, (15)–(21) inverse,
//!   series (35) α and (36) β.
//! - NIMA TR8358.2, "The Universal Grids": UTM zones of 6°, k0 = 0.9996, false easting 500 km,
//!   false northing 10 000 km in the southern hemisphere.
//!
//! Symbols
//!
//! | ours | document | meaning |
//! |---|---|---|
//! | `a_m`, `f` | a, f | WGS84 semi-major axis and flattening |
//! | `n` | n = f/(2−f) | third flattening |
//! | `big_a` | A | rectifying radius, Karney (2011) eq. (14) |
//! | `tau`, `tau_p` | τ = tan φ, τ′ = tan φ′ | tangents of geographic and conformal latitude |
//! | `xi`, `eta` | ξ, η | TM coordinates on the unit sphere scaled by A |
//! | `k0` | k₀ | central scale factor 0.9996 (UTM) |
use crate::{Error, Result};
use geographiclib_rs::{Geodesic, InverseGeodesic};
use std::sync::OnceLock;

/// WGS84 semi-major axis, m.
pub const WGS84_A_M: f64 = 6_378_137.0;
/// WGS84 flattening.
pub const WGS84_F: f64 = 1.0 / 298.257_223_563;

/// The shared WGS84 geodesic solver (its series coefficients are computed once).
pub(crate) fn wgs84() -> &'static Geodesic {
    static G: OnceLock<Geodesic> = OnceLock::new();
    G.get_or_init(Geodesic::wgs84)
}

/// A point on the WGS84 ellipsoid, degrees; latitude in [−90, 90], longitude in [−180, 180].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GeoPoint {
    /// Geodetic latitude, degrees north.
    pub lat_deg: f64,
    /// Longitude, degrees east.
    pub lon_deg: f64,
}

impl GeoPoint {
    /// A checked point; `what` names it in the error (e.g. `tx`, `--from`).
    pub fn new(lat_deg: f64, lon_deg: f64) -> Result<GeoPoint> {
        if !lat_deg.is_finite() || !(-90.0..=90.0).contains(&lat_deg) {
            return Err(Error::out_of_range("latitude (degrees)", lat_deg, "[-90, 90]"));
        }
        if !lon_deg.is_finite() || !(-180.0..=180.0).contains(&lon_deg) {
            return Err(Error::out_of_range("longitude (degrees)", lon_deg, "[-180, 180]"));
        }
        Ok(GeoPoint { lat_deg, lon_deg })
    }

    /// Parses `LAT,LON` (degrees, decimal), e.g. `46.5,7.25`.
    pub fn parse(text: &str) -> Result<GeoPoint> {
        let bad = || Error::InvalidChoice {
            field: "coordinate".to_owned(),
            value: text.to_owned(),
            expected: "LAT,LON in decimal degrees, e.g. 46.5,7.25".to_owned(),
        };
        let (lat, lon) = text.split_once(',').ok_or_else(bad)?;
        let lat: f64 = lat.trim().parse().map_err(|_| bad())?;
        let lon: f64 = lon.trim().parse().map_err(|_| bad())?;
        GeoPoint::new(lat, lon)
    }
}

impl std::fmt::Display for GeoPoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "({:.6}, {:.6})", self.lat_deg, self.lon_deg)
    }
}

/// The solution of the inverse geodesic problem between two points (Karney 2013).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GeodesicInverse {
    /// Length of the geodesic, m (s₁₂).
    pub distance_m: f64,
    /// Azimuth at the first point towards the second, degrees clockwise from north (α₁).
    pub azimuth_from_deg: f64,
    /// Azimuth at the second point towards the first (back azimuth), degrees in [0, 360).
    pub azimuth_back_deg: f64,
}

/// Solves the inverse geodesic problem on WGS84 (Karney 2013, §4).
pub fn geodesic_inverse(from: GeoPoint, to: GeoPoint) -> GeodesicInverse {
    let (s12, azi1, azi2, _a12): (f64, f64, f64, f64) =
        wgs84().inverse(from.lat_deg, from.lon_deg, to.lat_deg, to.lon_deg);
    GeodesicInverse {
        distance_m: s12,
        azimuth_from_deg: azi1.rem_euclid(360.0),
        // azi2 is the forward azimuth at point 2; looking back is azi2 + 180°.
        azimuth_back_deg: (azi2 + 180.0).rem_euclid(360.0),
    }
}

/// A UTM zone: number 1..=60 and hemisphere (EPSG 326zz north, 327zz south on WGS84).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UtmZone {
    /// Zone number 1..=60.
    pub zone: u8,
    /// True for the northern hemisphere (false northing 0), false for the southern (10 000 km).
    pub north: bool,
}

/// Easting / northing in a UTM zone, m.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct UtmPoint {
    /// Easting including the 500 km false easting, m.
    pub easting_m: f64,
    /// Northing including the false northing of the hemisphere, m.
    pub northing_m: f64,
}

/// UTM central scale factor k₀.
const UTM_K0: f64 = 0.9996;
const UTM_FALSE_EASTING_M: f64 = 500_000.0;
const UTM_FALSE_NORTHING_SOUTH_M: f64 = 10_000_000.0;

/// Krüger series constants for WGS84 (Karney 2011).
struct TmSeries {
    e: f64,
    big_a: f64,
    alpha: [f64; 6],
    beta: [f64; 6],
}

fn tm_series() -> &'static TmSeries {
    static S: OnceLock<TmSeries> = OnceLock::new();
    S.get_or_init(|| {
        let f = WGS84_F;
        let n = f / (2.0 - f);
        let (n2, n3) = (n * n, n * n * n);
        let (n4, n5, n6) = (n2 * n2, n2 * n3, n3 * n3);
        // eq. (14): rectifying radius.
        let big_a = WGS84_A_M / (1.0 + n) * (1.0 + n2 / 4.0 + n4 / 64.0 + n6 / 256.0);
        // eq. (35): α_j, forward series.
        let alpha = [
            n / 2.0 - 2.0 * n2 / 3.0 + 5.0 * n3 / 16.0 + 41.0 * n4 / 180.0 - 127.0 * n5 / 288.0
                + 7891.0 * n6 / 37800.0,
            13.0 * n2 / 48.0 - 3.0 * n3 / 5.0 + 557.0 * n4 / 1440.0 + 281.0 * n5 / 630.0
                - 1983433.0 * n6 / 1935360.0,
            61.0 * n3 / 240.0 - 103.0 * n4 / 140.0 + 15061.0 * n5 / 26880.0 + 167603.0 * n6 / 181440.0,
            49561.0 * n4 / 161280.0 - 179.0 * n5 / 168.0 + 6601661.0 * n6 / 7257600.0,
            34729.0 * n5 / 80640.0 - 3418889.0 * n6 / 1995840.0,
            212378941.0 * n6 / 319334400.0,
        ];
        // eq. (36): β_j, inverse series.
        let beta = [
            n / 2.0 - 2.0 * n2 / 3.0 + 37.0 * n3 / 96.0 - n4 / 360.0 - 81.0 * n5 / 512.0
                + 96199.0 * n6 / 604800.0,
            n2 / 48.0 + n3 / 15.0 - 437.0 * n4 / 1440.0 + 46.0 * n5 / 105.0 - 1118711.0 * n6 / 3870720.0,
            17.0 * n3 / 480.0 - 37.0 * n4 / 840.0 - 209.0 * n5 / 4480.0 + 5569.0 * n6 / 90720.0,
            4397.0 * n4 / 161280.0 - 11.0 * n5 / 504.0 - 830251.0 * n6 / 7257600.0,
            4583.0 * n5 / 161280.0 - 108847.0 * n6 / 3991680.0,
            20648693.0 * n6 / 638668800.0,
        ];
        TmSeries { e: (f * (2.0 - f)).sqrt(), big_a, alpha, beta }
    })
}

impl UtmZone {
    /// A checked zone.
    pub fn new(zone: u8, north: bool) -> Result<UtmZone> {
        if !(1..=60).contains(&zone) {
            return Err(Error::out_of_range("UTM zone", zone, "1..=60"));
        }
        Ok(UtmZone { zone, north })
    }

    /// The standard zone of a point (no Norway/Svalbard exceptions).
    pub fn containing(p: GeoPoint) -> UtmZone {
        let z = (((p.lon_deg + 180.0) / 6.0).floor() as i64).clamp(0, 59) + 1;
        UtmZone { zone: z as u8, north: p.lat_deg >= 0.0 }
    }

    /// The WGS84 EPSG code of this zone: 326zz (north) or 327zz (south).
    pub fn epsg(self) -> u16 {
        (if self.north { 32600 } else { 32700 }) + u16::from(self.zone)
    }

    /// The zone of a WGS84 UTM EPSG code (32601–32660, 32701–32760).
    pub fn from_epsg(code: u16) -> Option<UtmZone> {
        match code {
            32601..=32660 => Some(UtmZone { zone: (code - 32600) as u8, north: true }),
            32701..=32760 => Some(UtmZone { zone: (code - 32700) as u8, north: false }),
            _ => None,
        }
    }

    /// Central meridian λ₀, degrees.
    pub fn central_meridian_deg(self) -> f64 {
        f64::from(self.zone) * 6.0 - 183.0
    }

    /// Geographic → UTM (Karney 2011, eqs. (7)–(11)). Valid within a few zones of the central
    /// meridian; DEM rasters lie well inside that.
    pub fn forward(self, p: GeoPoint) -> UtmPoint {
        let s = tm_series();
        let lam = (p.lon_deg - self.central_meridian_deg()).to_radians();
        let phi = p.lat_deg.to_radians();
        let tau = phi.tan();
        // eq. (7)–(9): conformal latitude τ′.
        let sigma = (s.e * (s.e * tau / (1.0 + tau * tau).sqrt()).atanh()).sinh();
        let tau_p = tau * (1.0 + sigma * sigma).sqrt() - sigma * (1.0 + tau * tau).sqrt();
        // eq. (10): Gauss–Schreiber coordinates on the sphere.
        let (sin_l, cos_l) = lam.sin_cos();
        let xi_p = tau_p.atan2(cos_l);
        let eta_p = (sin_l / (tau_p * tau_p + cos_l * cos_l).sqrt()).asinh();
        // eq. (11): Krüger series.
        let (mut xi, mut eta) = (xi_p, eta_p);
        for (j, a) in s.alpha.iter().enumerate() {
            let k = 2.0 * (j as f64 + 1.0);
            xi += a * (k * xi_p).sin() * (k * eta_p).cosh();
            eta += a * (k * xi_p).cos() * (k * eta_p).sinh();
        }
        let x = UTM_K0 * s.big_a * eta;
        let y = UTM_K0 * s.big_a * xi;
        UtmPoint {
            easting_m: UTM_FALSE_EASTING_M + x,
            northing_m: y + if self.north { 0.0 } else { UTM_FALSE_NORTHING_SOUTH_M },
        }
    }

    /// UTM → geographic (Karney 2011, eqs. (15)–(21)).
    pub fn inverse(self, u: UtmPoint) -> GeoPoint {
        let s = tm_series();
        let x = u.easting_m - UTM_FALSE_EASTING_M;
        let y = u.northing_m - if self.north { 0.0 } else { UTM_FALSE_NORTHING_SOUTH_M };
        let xi = y / (UTM_K0 * s.big_a);
        let eta = x / (UTM_K0 * s.big_a);
        // eq. (15): reverse Krüger series.
        let (mut xi_p, mut eta_p) = (xi, eta);
        for (j, b) in s.beta.iter().enumerate() {
            let k = 2.0 * (j as f64 + 1.0);
            xi_p -= b * (k * xi).sin() * (k * eta).cosh();
            eta_p -= b * (k * xi).cos() * (k * eta).sinh();
        }
        // eq. (18)–(19): back to the sphere's latitude/longitude.
        let sinh_eta = eta_p.sinh();
        let (sin_xi, cos_xi) = xi_p.sin_cos();
        let tau_p = sin_xi / (sinh_eta * sinh_eta + cos_xi * cos_xi).sqrt();
        let lam = sinh_eta.atan2(cos_xi);
        // eq. (19)–(21): Newton's method for τ from τ′.
        let e2 = s.e * s.e;
        let mut tau = tau_p;
        for _ in 0..5 {
            let sigma = (s.e * (s.e * tau / (1.0 + tau * tau).sqrt()).atanh()).sinh();
            let tau_i = tau * (1.0 + sigma * sigma).sqrt() - sigma * (1.0 + tau * tau).sqrt();
            let dtau = (tau_p - tau_i) / (1.0 + tau_i * tau_i).sqrt() * (1.0 + (1.0 - e2) * tau * tau)
                / ((1.0 - e2) * (1.0 + tau * tau).sqrt());
            tau += dtau;
            if dtau.abs() < 1e-15 * tau.abs().max(1.0) {
                break;
            }
        }
        let lon = lam.to_degrees() + self.central_meridian_deg();
        GeoPoint { lat_deg: tau.atan().to_degrees(), lon_deg: (lon + 180.0).rem_euclid(360.0) - 180.0 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utm_round_trip_and_central_meridian() {
        let z = UtmZone::new(32, true).unwrap();
        // On the central meridian at the equator: E = 500 km, N = 0 exactly (definition of UTM).
        let u = z.forward(GeoPoint { lat_deg: 0.0, lon_deg: 9.0 });
        assert!((u.easting_m - 500_000.0).abs() < 1e-9 && u.northing_m.abs() < 1e-9);
        for &(lat, lon) in &[(46.5, 7.5), (60.0, 10.0), (-0.5, 11.9), (84.0, 6.1)] {
            let p = GeoPoint { lat_deg: lat, lon_deg: lon };
            let zone = UtmZone { zone: 32, north: lat >= 0.0 };
            let q = zone.inverse(zone.forward(p));
            // Round trip to 1e-10 degrees (≈ 10 µm): series truncation is at the nm level.
            assert!((q.lat_deg - lat).abs() < 1e-10 && (q.lon_deg - lon).abs() < 1e-10, "{p} -> {q}");
        }
    }

    #[test]
    fn epsg_codes() {
        assert_eq!(UtmZone::from_epsg(32632), Some(UtmZone { zone: 32, north: true }));
        assert_eq!(UtmZone::from_epsg(32733).map(UtmZone::epsg), Some(32733));
        assert_eq!(UtmZone::from_epsg(4326), None);
        assert_eq!(UtmZone::containing(GeoPoint { lat_deg: -20.0, lon_deg: 14.0 }).epsg(), 32733);
    }

    #[test]
    fn parse_point() {
        assert_eq!(GeoPoint::parse(" 46.5 , 7.25").unwrap(), GeoPoint { lat_deg: 46.5, lon_deg: 7.25 });
        assert!(GeoPoint::parse("91,0").is_err());
        assert!(GeoPoint::parse("46.5").is_err());
        assert!(GeoPoint::parse("nan,1").is_err());
    }
}
