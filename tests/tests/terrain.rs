//! Terrain: DEM readers, mosaic cache, geodesic profiles, UTM, path geometry, bad input, and a
//! real-terrain round trip with the eHata reference profiles.
//!
//! Expected values come from (a) the synthetic terrain's closed-form heights (module
//! `terrain::synth`), (b) GeographicLib (Karney) values quoted from its documentation, (c) PROJ
//! (`+proj=utm`, EPSG:326zz/327zz) for UTM coordinates, and (d) the eHata profile files.
use spectra_core::geodesy::{geodesic_inverse, GeoPoint, UtmPoint, UtmZone};
use spectra_core::terrain::synth::SyntheticTerrain;
use spectra_core::terrain::{
    profile_between, read_geotiff, read_hgt, write_geotiff, write_hgt, Crs, ElevationSource, GeoTiffSample,
    GridGeometry, HgtResolution, Mosaic, MosaicOptions, PathClass, Profile, ProfileOptions, VoidPolicy, Zone,
    ZoneRule,
};
use std::path::Path;

fn pt(lat: f64, lon: f64) -> GeoPoint {
    GeoPoint::new(lat, lon).unwrap()
}

fn mosaic(dir: &Path) -> Mosaic {
    Mosaic::open(dir, MosaicOptions::default()).unwrap()
}

const RIDGE: SyntheticTerrain =
    SyntheticTerrain::Ridge { base_m: 100.0, peak_m: 900.0, crest_lon_deg: 7.5, half_width_deg: 0.25 };

// ---------------------------------------------------------------------------------------------
// Known heights from generated files

#[test]
fn hgt_tile_known_heights_3_arc_seconds() {
    let dir = tempfile::tempdir().unwrap();
    let path = RIDGE.write_hgt(dir.path(), 46, 7, HgtResolution::ThreeArcSeconds).unwrap();
    assert_eq!(path.file_name().unwrap(), "N46E007.hgt");
    assert_eq!(std::fs::metadata(&path).unwrap().len(), 2_884_802);
    let tile = read_hgt(&path, VoidPolicy::Error).unwrap();
    // Cell (row 600, col 600) is the tile centre (46.5°N, 7.5°E) = the crest: 100 + 900 = 1000 m.
    assert_eq!(tile.cell_m(600, 600), 1000.0);
    // Corner cells: the north-west cell is (47°N, 7°E), 0.5° from the crest (outside the ridge).
    assert_eq!(tile.cell_m(0, 0), 100.0);
    let src = mosaic(dir.path());
    // On the ridge flank the surface is linear in longitude, so bilinear interpolation is exact
    // apart from the 16-bit rounding of the stored cells: tolerance 0.5 m.
    for &(lat, lon) in &[(46.123, 7.4), (46.9, 7.3), (46.01, 7.6789), (46.5, 7.7)] {
        let want = RIDGE.height_m(pt(lat, lon));
        let got = src.elevation(pt(lat, lon)).unwrap().height_m().unwrap();
        assert!((got - want).abs() <= 0.5, "({lat}, {lon}): {got} vs {want}");
    }
    // Tile edges are inside the tile (SW corner, NE corner).
    assert_eq!(src.elevation(pt(46.0, 7.0)).unwrap().height_m(), Some(100.0));
    assert_eq!(src.elevation(pt(47.0, 8.0)).unwrap().height_m(), Some(100.0));
    // No tile: a clear "no data" answer, not an error.
    assert_eq!(src.elevation(pt(45.5, 7.5)).unwrap().height_m(), None);
    // Default profile spacing = the DEM resolution: 3" of latitude ≈ 92.6 m.
    assert!((src.resolution_m() - 92.6).abs() < 0.1, "{}", src.resolution_m());
}

#[test]
fn hgt_tile_known_heights_1_arc_second() {
    let dir = tempfile::tempdir().unwrap();
    let flat = SyntheticTerrain::Flat { height_m: 321.0 };
    let path = flat.write_hgt(dir.path(), -1, -180, HgtResolution::OneArcSecond).unwrap();
    assert_eq!(path.file_name().unwrap(), "S01W180.hgt");
    assert_eq!(std::fs::metadata(&path).unwrap().len(), 25_934_402);
    let src = mosaic(dir.path());
    assert_eq!(src.elevation(pt(-0.5, -179.5)).unwrap().height_m(), Some(321.0));
    assert!((src.resolution_m() - 30.87).abs() < 0.01, "{}", src.resolution_m());
}

#[test]
fn geotiff_geographic_int16_and_float32() {
    let dir = tempfile::tempdir().unwrap();
    // 0.5° x 0.5° at 3", cell centres from (46.75°N, 7.25°E).
    let step = 1.0 / 1200.0;
    let grid = GridGeometry {
        crs: Crs::Geographic,
        x0: 7.25,
        y0: 46.75,
        dx: step,
        dy: step,
        ncols: 601,
        nrows: 601,
    };
    for (sample, name, tol) in [
        // int16: 16-bit rounding of the stored cells, 0.5 m.
        (GeoTiffSample::Int16, "ridge_i16.tif", 0.5),
        // float32: 24-bit mantissa at ~1000 m, ≤ 6e-5 m; bilinear of a linear flank is exact.
        (GeoTiffSample::Float32, "ridge_f32.tif", 1e-3),
    ] {
        let path = dir.path().join(name);
        RIDGE.write_geotiff(&path, &grid, sample).unwrap();
        let r = read_geotiff(&path, VoidPolicy::Error).unwrap();
        assert_eq!(r.grid().crs, Crs::Geographic);
        assert!((r.grid().x0 - 7.25).abs() < 1e-12 && (r.grid().y0 - 46.75).abs() < 1e-12);
        assert_eq!((r.grid().ncols, r.grid().nrows), (601, 601));
        for &(lat, lon) in &[(46.5, 7.4), (46.3, 7.6), (46.7, 7.26), (46.251, 7.74)] {
            let want = RIDGE.height_m(pt(lat, lon));
            let got = r.sample(pt(lat, lon)).unwrap().height_m().unwrap();
            assert!((got - want).abs() <= tol, "{name} ({lat}, {lon}): {got} vs {want}");
        }
        assert_eq!(r.sample(pt(46.0, 7.5)).unwrap().height_m(), None);
    }
}

#[test]
fn geotiff_utm_zone() {
    let dir = tempfile::tempdir().unwrap();
    let zone = UtmZone::new(32, true).unwrap();
    // 20 km x 20 km at 100 m cells around (46.5°N, 7.5°E) in UTM 32N.
    let c = zone.forward(pt(46.5, 7.5));
    let grid = GridGeometry {
        crs: Crs::Utm(zone),
        x0: (c.easting_m / 100.0).round() * 100.0 - 10_000.0,
        y0: (c.northing_m / 100.0).round() * 100.0 + 10_000.0,
        dx: 100.0,
        dy: 100.0,
        ncols: 201,
        nrows: 201,
    };
    let path = dir.path().join("ridge_utm32n.tif");
    RIDGE.write_geotiff(&path, &grid, GeoTiffSample::Float32).unwrap();
    let r = read_geotiff(&path, VoidPolicy::Error).unwrap();
    assert_eq!(r.grid().crs, Crs::Utm(zone));
    // Cell centres read back exactly (float32 storage ≤ 1e-4 m; UTM round trip ≤ 1e-9°).
    for &(row, col) in &[(0, 0), (100, 100), (57, 163)] {
        let p = grid.cell_centre(row, col);
        let got = r.sample(p).unwrap().height_m().unwrap();
        assert!((got - r.cell_m(row, col)).abs() < 1e-4 && (got - RIDGE.height_m(p)).abs() < 1e-3);
    }
    // Between cells the ridge is linear in longitude but the grid is in UTM metres; over a
    // 100 m cell the longitude departs from linearity in (E, N) by < 1e-7 m·(m/°) ⇒ the
    // bilinear error is far below 1 cm (the flank slope is 3600 m/°).
    for &(lat, lon) in &[(46.5, 7.4), (46.45, 7.6123), (46.55, 7.45)] {
        let want = RIDGE.height_m(pt(lat, lon));
        let got = r.sample(pt(lat, lon)).unwrap().height_m().unwrap();
        assert!((got - want).abs() < 0.01, "({lat}, {lon}): {got} vs {want}");
    }
}

// ---------------------------------------------------------------------------------------------
// Geodesy

#[test]
fn geodesic_inverse_against_geographiclib() {
    // GeographicLib documentation (Python package `geographiclib`, "Examples: basic geodesic
    // calculations"): Wellington, NZ (41.32°S, 174.81°E) to Salamanca, Spain (40.96°N, 5.50°W):
    // s12 = 19959679.267353 m, azi1 = 161.067669986160°, azi2 = 18.825195123248°.
    let g = geodesic_inverse(pt(-41.32, 174.81), pt(40.96, -5.50));
    assert!((g.distance_m - 19_959_679.267_353).abs() < 1e-3, "{}", g.distance_m);
    assert!((g.azimuth_from_deg - 161.067_669_986_16).abs() < 1e-9);
    // Back azimuth = azi2 + 180°.
    assert!((g.azimuth_back_deg - (18.825_195_123_248 + 180.0)).abs() < 1e-9);
    // geographiclib-rs crate documentation example: (34.095925, −118.2884237) to
    // (59.4323439, 24.7341649): s12 = 9094718.72751138 m (matches GeographicLib's C++).
    let g = geodesic_inverse(pt(34.095925, -118.2884237), pt(59.4323439, 24.7341649));
    assert!((g.distance_m - 9_094_718.727_511_38).abs() < 1e-3);
}

#[test]
fn utm_against_proj_and_round_trips() {
    // PROJ 9 (`pyproj.Transformer.from_crs(4326, 326zz/327zz)`), the same Krüger series of
    // order 6 (Poder/Engsager): agreement to 1 mm is the expected level (both are nm-accurate).
    let cases = [
        (32632, 46.5, 7.5, 384_902.837_406_592_97, 5_150_696.346_231_484),
        (32632, 60.0, 10.0, 555_776.266_751_609_7, 6_651_832.735_433_666),
        (32631, 0.0, 3.0, 500_000.0, 0.0),
        (32733, -20.0, 14.0, 395_390.676_168_252_5, 7_788_206.443_834_633),
    ];
    for (epsg, lat, lon, e, n) in cases {
        let z = UtmZone::from_epsg(epsg).unwrap();
        let u = z.forward(pt(lat, lon));
        assert!((u.easting_m - e).abs() < 1e-3 && (u.northing_m - n).abs() < 1e-3, "EPSG:{epsg} {u:?}");
        let p = z.inverse(UtmPoint { easting_m: e, northing_m: n });
        // 1e-9° ≈ 0.1 mm.
        assert!((p.lat_deg - lat).abs() < 1e-9 && (p.lon_deg - lon).abs() < 1e-9, "EPSG:{epsg} {p}");
    }
    // Round trips over a grid of points across a zone (±3° of the central meridian).
    for zone in [UtmZone::new(1, true).unwrap(), UtmZone::new(60, false).unwrap()] {
        let cm = zone.central_meridian_deg();
        for i in 0..=8 {
            for j in 0..=6 {
                let lat = if zone.north { i as f64 * 10.0 } else { -(i as f64) * 10.0 };
                let lon = cm - 3.0 + j as f64;
                let p = pt(lat.clamp(-84.0, 84.0), lon);
                let q = zone.inverse(zone.forward(p));
                // Longitudes compared modulo 360° (180°E comes back as −180°).
                let dlon = (q.lon_deg - p.lon_deg + 180.0).rem_euclid(360.0) - 180.0;
                assert!((q.lat_deg - p.lat_deg).abs() < 1e-9 && dlon.abs() < 1e-9, "{p} -> {q}");
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Profiles

/// Flat 3" tiles (heights from `terrain`) covering the given SW corners.
fn tiles(dir: &Path, terrain: SyntheticTerrain, corners: &[(i32, i32)]) {
    for &(la, lo) in corners {
        terrain.write_hgt(dir, la, lo, HgtResolution::ThreeArcSeconds).unwrap();
    }
}

/// Every profile point lies on the geodesic at its stated distance: checked against Karney's
/// inverse solution from each end, to 1 mm.
fn check_distances(pp: &spectra_core::terrain::PathProfile) {
    let total_m = pp.geodesic.distance_m;
    for (i, p) in pp.points.iter().enumerate() {
        let d_m = pp.profile.distance_km[i] * 1000.0;
        let from_tx = if i == 0 { 0.0 } else { geodesic_inverse(pp.from, *p).distance_m };
        let to_rx = if i + 1 == pp.points.len() { 0.0 } else { geodesic_inverse(*p, pp.to).distance_m };
        assert!((from_tx - d_m).abs() < 1e-3, "point {i}: {from_tx} vs {d_m}");
        assert!((to_rx - (total_m - d_m)).abs() < 1e-3, "point {i}: {to_rx} vs {}", total_m - d_m);
    }
}

#[test]
fn profile_distances_match_karney_to_1_mm() {
    let dir = tempfile::tempdir().unwrap();
    tiles(dir.path(), RIDGE, &[(46, 7), (46, 8), (45, 7), (45, 8)]);
    let src = mosaic(dir.path());
    // A 50 km path crossing the ridge diagonally over four tiles, default spacing (3").
    let (from, to) = (pt(45.8, 7.2), pt(46.1, 7.75));
    let pp = profile_between(&src, from, to, &ProfileOptions::default()).unwrap();
    let d = geodesic_inverse(from, to).distance_m;
    assert_eq!(pp.profile.len(), (d / src.resolution_m()).ceil() as usize + 1);
    assert!((pp.profile.length_km() * 1000.0 - d).abs() < 1e-6);
    check_distances(&pp);
    // Heights: the ridge formula at each point's position (16-bit rounding, 0.5 m), except in
    // the cells around the crest where bilinear interpolation cuts the apex (|λ − 7.5°| < 1 cell).
    for (p, h) in pp.points.iter().zip(&pp.profile.height_m) {
        if (p.lon_deg - 7.5).abs() > 1.5 / 1200.0 {
            assert!((h - RIDGE.height_m(*p)).abs() <= 0.5, "{p}: {h}");
        }
    }
    // Geometry: antennas 10 m high at 100 m ground, the 1000 m crest in between: trans-horizon,
    // the transmitter's horizon on the crest.
    let g = pp.geometry(10.0, 10.0, 4.0 / 3.0).unwrap();
    assert_eq!(g.class, PathClass::TransHorizon);
    let crest = &pp.points[g.tx.horizon_index];
    assert!((crest.lon_deg - 7.5).abs() < 2.0 / 1200.0, "{crest}");
    // From the receiver the Earth's curvature favours a nearer point on the flank (its
    // elevation angle beats the crest's), so only the order of the horizons is fixed.
    assert!(g.tx.horizon_index <= g.rx.horizon_index);
    assert!(g.tx.horizon_distance_km + g.rx.horizon_distance_km <= g.distance_km + 1e-12);
    assert!((g.bearing_tx_deg.unwrap() - pp.geodesic.azimuth_from_deg).abs() < 1e-12);
}

#[test]
fn long_and_antimeridian_profiles() {
    let dir = tempfile::tempdir().unwrap();
    tiles(dir.path(), SyntheticTerrain::Flat { height_m: 100.0 }, &[(10, 179)]);
    tiles(dir.path(), SyntheticTerrain::Flat { height_m: 200.0 }, &[(10, -180)]);
    let src = mosaic(dir.path());
    // Across the antimeridian: 100 m east of it, 200 m west of it.
    let pp = profile_between(&src, pt(10.2, 179.6), pt(10.7, -179.5), &ProfileOptions::default()).unwrap();
    check_distances(&pp);
    for (p, h) in pp.points.iter().zip(&pp.profile.height_m) {
        assert!((-180.0..180.0).contains(&p.lon_deg));
        let want = if p.lon_deg > 0.0 { 100.0 } else { 200.0 };
        assert_eq!(*h, want, "{p}");
    }
    // A 600 km path at high latitude (anchors every 20 km, 60 km spacing steps of 1 km):
    // positions still within 1 mm of Karney. Heights come from a synthetic source.
    let hills =
        SyntheticTerrain::Hills { base_m: 0.0, amplitude_m: 500.0, wavelength_deg: 1.0, octaves: 4, seed: 3 };
    let pp = profile_between(
        &hills_source(hills),
        pt(62.0, 5.0),
        pt(66.0, 16.0),
        &ProfileOptions { spacing_m: Some(1000.0), ..Default::default() },
    )
    .unwrap();
    check_distances(&pp);
}

/// The synthetic terrain itself as an elevation source (exact heights, no file).
struct Analytic(SyntheticTerrain);
impl ElevationSource for Analytic {
    fn elevation(&self, p: GeoPoint) -> spectra_core::Result<spectra_core::terrain::Elevation> {
        Ok(spectra_core::terrain::Elevation::Measured(self.0.height_m(p)))
    }
    fn resolution_m(&self) -> f64 {
        90.0
    }
}
fn hills_source(t: SyntheticTerrain) -> Analytic {
    Analytic(t)
}

#[test]
fn zones_clutter_and_csv_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let coast = SyntheticTerrain::Coast { coast_lon_deg: 3.5, slope_m_per_deg: 200.0 };
    tiles(dir.path(), coast, &[(43, 3)]);
    let src = mosaic(dir.path());
    let clutter = Analytic(SyntheticTerrain::Flat { height_m: 12.0 });
    let opts = ProfileOptions {
        spacing_m: Some(250.0),
        zones: ZoneRule::HeightFallback,
        clutter: Some(&clutter),
        zone_map: None,
    };
    let pp = profile_between(&src, pt(43.5, 3.2), pt(43.5, 3.8), &opts).unwrap();
    let zones = pp.profile.zone.as_ref().unwrap();
    for ((p, h), z) in pp.points.iter().zip(&pp.profile.height_m).zip(zones) {
        assert_eq!(*z, if *h <= 0.0 { Zone::Sea } else { Zone::Inland }, "{p}");
    }
    assert_eq!(zones.first(), Some(&Zone::Sea));
    assert_eq!(zones.last(), Some(&Zone::Inland));
    assert!(pp.profile.clutter_height_m.as_ref().unwrap().iter().all(|&c| c == 12.0));
    let csv = dir.path().join("p.csv");
    pp.profile.write_csv(std::fs::File::create(&csv).unwrap()).unwrap();
    assert_eq!(Profile::read_csv(&csv).unwrap(), pp.profile);

    // A land-cover zone map (int16 GeoTIFF, 0.01° cells): sea (3) west of 3.45°E, coastal land
    // (1) up to 3.6°E, inland (2) east of it. Sampled at the nearest cell.
    let grid =
        GridGeometry { crs: Crs::Geographic, x0: 3.0, y0: 44.0, dx: 0.01, dy: 0.01, ncols: 101, nrows: 101 };
    let codes: Vec<f64> = (0..101 * 101)
        .map(|i| {
            let lon = 3.0 + (i % 101) as f64 * 0.01;
            if lon < 3.445 {
                3.0
            } else if lon < 3.595 {
                1.0
            } else {
                2.0
            }
        })
        .collect();
    let map_path = dir.path().join("zones.tif");
    write_geotiff(&map_path, &grid, &codes, GeoTiffSample::Int16).unwrap();
    let map = read_geotiff(&map_path, VoidPolicy::Error).unwrap();
    let opts = ProfileOptions { spacing_m: Some(250.0), zone_map: Some(&map), ..Default::default() };
    let pp = profile_between(&src, pt(43.5, 3.2), pt(43.5, 3.8), &opts).unwrap();
    for (p, z) in pp.points.iter().zip(pp.profile.zone.as_ref().unwrap()) {
        // Points more than half a cell from a boundary: the nearest cell is on the same side.
        let want = if p.lon_deg < 3.44 {
            Zone::Sea
        } else if p.lon_deg > 3.45 && p.lon_deg < 3.59 {
            Zone::CoastalLand
        } else if p.lon_deg > 3.60 {
            Zone::Inland
        } else {
            continue;
        };
        assert_eq!(*z, want, "{p}");
    }
    // Outside the map (a map of the northern 0.3° only): an error naming the coordinate.
    let small = GridGeometry { nrows: 31, ..grid };
    let small_path = dir.path().join("zones_small.tif");
    write_geotiff(&small_path, &small, &codes[..31 * 101], GeoTiffSample::Int16).unwrap();
    let small = read_geotiff(&small_path, VoidPolicy::Error).unwrap();
    let opts = ProfileOptions { zone_map: Some(&small), ..Default::default() };
    match profile_between(&src, pt(43.5, 3.2), pt(43.5, 3.8), &opts) {
        Ok(_) => panic!("a profile outside the zone map must fail"),
        Err(e) => assert!(e.to_string().contains("zone map") && e.to_string().contains("43.5"), "{e}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Voids

fn ramp_with_voids(dir: &Path) -> std::path::PathBuf {
    // A tile whose height rises 1 m per column, with a 5x5 block of voids at rows/cols 100..105.
    let n = 1201;
    let mut h: Vec<f64> = (0..n * n).map(|i| (i % n) as f64).collect();
    for r in 100..105 {
        for c in 100..105 {
            h[r * n + c] = f64::NAN;
        }
    }
    write_hgt(dir, 20, 30, HgtResolution::ThreeArcSeconds, &h).unwrap()
}

#[test]
fn void_handling_error_interpolate_sea_level() {
    let dir = tempfile::tempdir().unwrap();
    let path = ramp_with_voids(dir.path());
    // A point inside the void block: row 102, column 102 → (21 − 102/1200, 30 + 102/1200).
    let inside = pt(21.0 - 102.2 / 1200.0, 30.0 + 102.3 / 1200.0);
    let err = read_hgt(&path, VoidPolicy::Error).unwrap().sample(inside).unwrap_err().to_string();
    assert!(err.contains("N20E030.hgt") && err.contains("void"), "{err}");
    // Away from the voids the policy does not matter.
    let away = pt(20.5, 30.5);
    assert!(read_hgt(&path, VoidPolicy::Error).unwrap().sample(away).is_ok());
    // Interpolate: the ramp is linear along rows, so the row interpolation is exact and the
    // column interpolation (between equal values) is too: heights = column index, exactly.
    let t = read_hgt(&path, VoidPolicy::Interpolate).unwrap();
    assert_eq!(t.void_count(), 25);
    let e = t.sample(inside).unwrap();
    assert!(matches!(e, spectra_core::terrain::Elevation::Filled(_)));
    assert!((e.height_m().unwrap() - 102.3).abs() < 1e-9, "{e:?}");
    // Sea level: the four surrounding cells are 0 m.
    let s = read_hgt(&path, VoidPolicy::SeaLevel).unwrap();
    assert_eq!(s.sample(inside).unwrap(), spectra_core::terrain::Elevation::Filled(0.0));
    // Through a mosaic, profiles over the voids carry a warning.
    let src =
        Mosaic::open(dir.path(), MosaicOptions { voids: VoidPolicy::Interpolate, ..Default::default() })
            .unwrap();
    // Along the row of latitude 20.914° (row 103.2), through the void block (cols 100–104).
    let pp = profile_between(&src, pt(20.914, 30.05), pt(20.914, 30.12), &ProfileOptions::default()).unwrap();
    assert!(pp.warnings.iter().any(|w| w.code == "terrain_voids_filled"), "{:?}", pp.warnings);
    let strict = mosaic(dir.path());
    let err = profile_between(&strict, pt(20.914, 30.05), pt(20.914, 30.12), &ProfileOptions::default())
        .unwrap_err();
    assert!(err.to_string().contains("void"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// Cache bound

#[test]
fn lru_cache_stays_within_its_byte_budget() {
    let dir = tempfile::tempdir().unwrap();
    tiles(dir.path(), SyntheticTerrain::Flat { height_m: 5.0 }, &[(0, 0), (0, 1), (0, 2)]);
    // Bytes of one decoded 3" tile: 1201² i16 heights, padded to whole 8×8 blocks (151² blocks).
    let tile_bytes = read_hgt(&dir.path().join("N00E000.hgt"), VoidPolicy::Error).unwrap().memory_bytes();
    assert_eq!(tile_bytes, 151 * 151 * 64 * 2);
    let budget = 2 * tile_bytes + 1000;
    let src =
        Mosaic::open(dir.path(), MosaicOptions { cache_bytes: budget, voids: VoidPolicy::Error }).unwrap();
    for lon in [0.5, 1.5, 0.5, 2.5] {
        src.elevation(pt(0.5, lon)).unwrap();
        assert!(src.cache_stats().bytes <= budget);
    }
    let s = src.cache_stats();
    // 0.5 → load, 1.5 → load, 0.5 → hit, 2.5 → load and evict the least recently used (1.5).
    assert_eq!((s.loads, s.hits, s.evictions, s.tiles, s.bytes), (3, 1, 1, 2, 2 * tile_bytes));
    src.elevation(pt(0.5, 0.5)).unwrap(); // still cached
    assert_eq!(src.cache_stats().loads, 3);
    src.elevation(pt(0.5, 1.5)).unwrap(); // was evicted: reloaded
    assert_eq!(src.cache_stats().loads, 4);
    // A budget smaller than one tile still works (the newest tile is kept).
    let tiny = Mosaic::open(dir.path(), MosaicOptions { cache_bytes: 1, voids: VoidPolicy::Error }).unwrap();
    assert_eq!(tiny.elevation(pt(0.5, 2.5)).unwrap().height_m(), Some(5.0));
    assert_eq!(tiny.cache_stats().tiles, 1);
}

// ---------------------------------------------------------------------------------------------
// Bad input: clear errors naming the file or the coordinate, never a panic

#[test]
fn bad_input_gives_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    tiles(dir.path(), SyntheticTerrain::Flat { height_m: 5.0 }, &[(0, 0)]);
    let src = mosaic(dir.path());
    // Missing tile: names the coordinate and the tile file that would hold it.
    let err = profile_between(&src, pt(0.5, 0.5), pt(0.5, 1.5), &ProfileOptions::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("N00E001.hgt") && err.contains("(0.500000, 1."), "{err}");
    // Zero-length path.
    let err = profile_between(&src, pt(0.5, 0.5), pt(0.5, 0.5), &ProfileOptions::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("path length"), "{err}");
    // Coordinates out of range (the fields are public, so profile_between re-checks them).
    assert!(GeoPoint::new(90.5, 0.0).is_err() && GeoPoint::new(0.0, 181.0).is_err());
    let bad = GeoPoint { lat_deg: f64::NAN, lon_deg: 0.0 };
    let err = profile_between(&src, bad, pt(0.5, 0.5), &ProfileOptions::default()).unwrap_err().to_string();
    assert!(err.contains("latitude"), "{err}");
    // Over the pole.
    let polar = Analytic(SyntheticTerrain::Flat { height_m: 0.0 });
    let err =
        profile_between(&polar, pt(89.0, 0.0), pt(89.0, 180.0), &ProfileOptions::default()).unwrap_err();
    assert!(err.to_string().contains("pole"), "{err}");
    // Bad spacing.
    let err = profile_between(
        &src,
        pt(0.5, 0.5),
        pt(0.6, 0.5),
        &ProfileOptions { spacing_m: Some(-1.0), ..Default::default() },
    );
    assert!(err.is_err());

    // Truncated tile: the mosaic refuses the directory, naming the file and the sizes.
    let bad_dir = tempfile::tempdir().unwrap();
    std::fs::write(bad_dir.path().join("N10E010.hgt"), vec![0u8; 1000]).unwrap();
    let err = Mosaic::open(bad_dir.path(), MosaicOptions::default()).unwrap_err().to_string();
    assert!(err.contains("N10E010.hgt") && err.contains("1000 bytes"), "{err}");
    let err = read_hgt(&bad_dir.path().join("N10E010.hgt"), VoidPolicy::Error).unwrap_err().to_string();
    assert!(err.contains("truncated"), "{err}");
    // A badly named tile.
    let named = tempfile::tempdir().unwrap();
    std::fs::write(named.path().join("tile.hgt"), vec![0u8; 2_884_802]).unwrap();
    assert!(Mosaic::open(named.path(), MosaicOptions::default())
        .unwrap_err()
        .to_string()
        .contains("tile.hgt"));
    // Corrupt and truncated GeoTIFFs.
    let tif_dir = tempfile::tempdir().unwrap();
    let garbage = tif_dir.path().join("garbage.tif");
    std::fs::write(&garbage, b"this is not a tiff").unwrap();
    let err = read_geotiff(&garbage, VoidPolicy::Error).unwrap_err().to_string();
    assert!(err.contains("garbage.tif"), "{err}");
    let good = tif_dir.path().join("good.tif");
    let grid =
        GridGeometry { crs: Crs::Geographic, x0: 1.0, y0: 2.0, dx: 0.01, dy: 0.01, ncols: 50, nrows: 50 };
    RIDGE.write_geotiff(&good, &grid, GeoTiffSample::Int16).unwrap();
    let bytes = std::fs::read(&good).unwrap();
    let cut = tif_dir.path().join("cut.tif");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let err = read_geotiff(&cut, VoidPolicy::Error).unwrap_err().to_string();
    assert!(err.contains("cut.tif"), "{err}");
    // Plain TIFF without GeoKeys.
    let plain = tif_dir.path().join("plain.tif");
    {
        let f = std::fs::File::create(&plain).unwrap();
        let mut enc = tiff::encoder::TiffEncoder::new(f).unwrap();
        enc.write_image::<tiff::encoder::colortype::GrayI16>(2, 2, &[1, 2, 3, 4]).unwrap();
    }
    let err = read_geotiff(&plain, VoidPolicy::Error).unwrap_err().to_string();
    assert!(err.contains("GeoKey"), "{err}");
    // Empty directory; missing directory.
    let empty = tempfile::tempdir().unwrap();
    assert!(Mosaic::open(empty.path(), MosaicOptions::default())
        .unwrap_err()
        .to_string()
        .contains("no DEM files"));
    assert!(Mosaic::open(&empty.path().join("nope"), MosaicOptions::default()).is_err());
    // ITM/eHata PFL arrays: wrong count, bad number, zero spacing.
    for (name, text) in [("count.csv", "3,10,1,2,3"), ("nan.csv", "2,10,1,x,3"), ("spacing.csv", "2,0,1,2,3")]
    {
        let p = tif_dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        let err = Profile::read_itm_pfl(&p).unwrap_err().to_string();
        assert!(err.contains(name), "{err}");
    }
    // A grid too large to hold is refused before anything is allocated.
    let huge = GridGeometry { ncols: 1 << 20, nrows: 1 << 20, ..grid };
    let err = RIDGE.write_geotiff(&tif_dir.path().join("huge.tif"), &huge, GeoTiffSample::Int16).unwrap_err();
    assert!(err.to_string().contains("at most"), "{err}");
    // write_geotiff with the wrong number of heights.
    assert!(write_geotiff(&tif_dir.path().join("x.tif"), &grid, &[1.0, 2.0], GeoTiffSample::Float32).is_err());
}

// ---------------------------------------------------------------------------------------------
// Fixtures shipped in fixtures/terrain: regenerate them and compare.

fn fixtures_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/terrain")
}

#[test]
fn shipped_fixtures_are_the_generator_output() {
    let dir = tempfile::tempdir().unwrap();
    // Exactly the commands in docs/models/terrain.md "Fixtures".
    let hills = SyntheticTerrain::parse("hills:200,1500,0.25,6,46").unwrap();
    let hgt = hills.write_hgt(dir.path(), 46, 7, HgtResolution::ThreeArcSeconds).unwrap();
    let shipped = std::fs::read(fixtures_dir().join("N46E007.hgt")).unwrap();
    assert!(
        std::fs::read(&hgt).unwrap() == shipped,
        "fixtures/terrain/N46E007.hgt differs from the generator"
    );
    let src = Mosaic::open(&fixtures_dir(), MosaicOptions::default()).unwrap();
    // The GeoTIFF fixtures decode to the generator's heights.
    let ridge = SyntheticTerrain::parse("ridge:300,1200,8.25,0.1").unwrap();
    let r = read_geotiff(&fixtures_dir().join("ridge_4326.tif"), VoidPolicy::Error).unwrap();
    let g = *r.grid();
    assert_eq!(g.crs, Crs::Geographic);
    for (row, col) in [(0, 0), (60, 60), (17, 101)] {
        assert_eq!(r.cell_m(row, col), ridge.height_m(g.cell_centre(row, col)).round());
    }
    let u = read_geotiff(&fixtures_dir().join("hills_utm32n.tif"), VoidPolicy::Error).unwrap();
    let g = *u.grid();
    assert_eq!(g.crs, Crs::Utm(UtmZone::new(32, true).unwrap()));
    for (row, col) in [(0, 0), (100, 100), (3, 171)] {
        assert!(
            (u.cell_m(row, col) - f64::from(hills.height_m(g.cell_centre(row, col)) as f32)).abs() < 1e-9
        );
    }
    // The mosaic of the fixture directory answers from every file.
    assert!(src.elevation(pt(46.5, 7.5)).unwrap().height_m().is_some());
    assert!(src.elevation(pt(46.3, 8.25)).unwrap().height_m().is_some());
}

// ---------------------------------------------------------------------------------------------
// Real terrain: the eHata reference profiles

#[test]
fn ehata_profiles_round_trip_through_a_dem() {
    let Some(dir) = spectra_tests::reference_path("validation/ehata") else { return };
    let mut rdr = csv::Reader::from_path(dir.join("test-inputs-wfmod.csv")).unwrap();
    let headers = rdr.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (c_file, c_lat1, c_lon1, c_lat2, c_lon2) =
        (col("pfl file name"), col("TX lat"), col("TX long"), col("RX lat"), col("RX long"));
    let mut seen = std::collections::BTreeSet::new();
    let mut checked = 0;
    let tmp = tempfile::tempdir().unwrap();
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let file = rec[c_file].to_owned();
        if !seen.insert(file.clone()) {
            continue;
        }
        let pfl = Profile::read_itm_pfl(&dir.join("pfls").join(&file)).unwrap();
        let num = |i: usize| rec[i].parse::<f64>().unwrap();
        let (from, to) = (pt(num(c_lat1), num(c_lon1)), pt(num(c_lat2), num(c_lon2)));
        // Every file reads: N+1 heights at the stated spacing.
        assert!(pfl.len() >= 50);
        // Finding (documented in docs/models/terrain.md): the files' lengths N·spacing are
        // great-circle distances on a sphere of radius 6373 km, not WGS84 geodesics (those
        // differ by −0.22 % … +0.34 %). Checked to 2e-6 relative for files longer than 5 km,
        // whose spacing is written with 4 decimals (rounding ≤ 5e-5 m on ≥ 51 m, i.e. ≤ 1e-6).
        if pfl.length_km() > 5.0 {
            let (p1, l1, p2, l2) = (
                num(c_lat1).to_radians(),
                num(c_lon1).to_radians(),
                num(c_lat2).to_radians(),
                num(c_lon2).to_radians(),
            );
            let hav = ((p2 - p1) / 2.0).sin().powi(2) + p1.cos() * p2.cos() * ((l2 - l1) / 2.0).sin().powi(2);
            let sphere_km = 2.0 * 6373.0 * hav.sqrt().asin();
            assert!(
                (pfl.length_km() / sphere_km - 1.0).abs() < 2e-6,
                "{file}: {} vs {sphere_km}",
                pfl.length_km()
            );
        }
        if pfl.length_km() > 100.0 {
            continue; // keeps the DEMs small: 32 of the 36 files are at most 100 km
        }
        // Build a DEM (float32 GeoTIFF, geographic, cells of ~1/2 of the profile spacing)
        // whose height at a point is the file's height at the point's fractional position t
        // along the path, constant across it. Then extract the profile with our code at the
        // file's N intervals and compare.
        // t of a cell: near the path (the only cells bilinear sampling touches) from Karney
        // distances to both ends, t = (d₁² − d₂² + L²)/(2L²) (the cross-track offset is a few
        // cells, so the planar triangle is exact to far below a millimetre); elsewhere from a
        // local equirectangular projection, which is good enough for cells never sampled.
        let n = pfl.len() - 1;
        let spacing_m = pfl.length_km() * 1000.0 / n as f64;
        let total_m = geodesic_inverse(from, to).distance_m;
        let lat0 = 0.5 * (from.lat_deg + to.lat_deg);
        let m_per_deg_lat = 111_132.954;
        let m_per_deg_lon = m_per_deg_lat * lat0.to_radians().cos();
        let cell_deg = (spacing_m / 2.0).max(2.0) / m_per_deg_lat;
        let cell_m = cell_deg * m_per_deg_lat;
        let pad = 4.0 * cell_deg;
        let (s, w) = (from.lat_deg.min(to.lat_deg) - pad, from.lon_deg.min(to.lon_deg) - pad);
        let (nn, e) = (from.lat_deg.max(to.lat_deg) + pad, from.lon_deg.max(to.lon_deg) + pad);
        let ncols = ((e - w) / cell_deg).ceil() as usize + 1;
        let nrows = ((nn - s) / cell_deg).ceil() as usize + 1;
        let grid =
            GridGeometry { crs: Crs::Geographic, x0: w, y0: nn, dx: cell_deg, dy: cell_deg, ncols, nrows };
        let chord =
            ((to.lon_deg - from.lon_deg) * m_per_deg_lon, (to.lat_deg - from.lat_deg) * m_per_deg_lat);
        let len2 = chord.0 * chord.0 + chord.1 * chord.1;
        let frac = |p: GeoPoint| {
            let v = ((p.lon_deg - from.lon_deg) * m_per_deg_lon, (p.lat_deg - from.lat_deg) * m_per_deg_lat);
            let t_plane = (v.0 * chord.0 + v.1 * chord.1) / len2;
            let cross_m = (v.0 * chord.1 - v.1 * chord.0).abs() / len2.sqrt();
            // The chord of this projection departs from the geodesic by < 300 m over 100 km.
            let t = if cross_m < 300.0 + 4.0 * cell_m {
                let d1 = geodesic_inverse(from, p).distance_m;
                let d2 = geodesic_inverse(p, to).distance_m;
                (d1 * d1 - d2 * d2 + total_m * total_m) / (2.0 * total_m * total_m)
            } else {
                t_plane
            };
            t.clamp(0.0, 1.0)
        };
        let h_at = |t: f64| {
            let x = t * n as f64;
            let i = (x.floor() as usize).min(n - 1);
            pfl.height_m[i] + (pfl.height_m[i + 1] - pfl.height_m[i]) * (x - i as f64)
        };
        let mut heights = Vec::with_capacity(ncols * nrows);
        for r in 0..nrows {
            for c in 0..ncols {
                heights.push(h_at(frac(grid.cell_centre(r, c))));
            }
        }
        let tif = tmp.path().join(format!("{checked}.tif"));
        write_geotiff(&tif, &grid, &heights, GeoTiffSample::Float32).unwrap();
        let dem = read_geotiff(&tif, VoidPolicy::Error).unwrap();
        let opts = ProfileOptions { spacing_m: Some(total_m / n as f64 * 1.000_001), ..Default::default() };
        let pp = profile_between(&dem, from, to, &opts).unwrap();
        assert_eq!(pp.profile.len(), n + 1, "{file}");
        // Tolerance: a bilinear value mixes four cells whose centres lie within one cell
        // diagonal (√2·cell) of the point, so it lies within the range of the file's heights
        // over ±(√2·cell + 0.01 m) along the path (0.01 m: the triangle formula and float32
        // storage, < 1e-3 m each).
        let window = (2f64.sqrt() * cell_m + 0.01) / total_m;
        let mut max_err = 0.0f64;
        for i in 0..=n {
            let t = i as f64 / n as f64;
            let got = pp.profile.height_m[i];
            let (lo_t, hi_t) = ((t - window).max(0.0), (t + window).min(1.0));
            let (mut lo, mut hi) = (h_at(lo_t).min(h_at(hi_t)), h_at(lo_t).max(h_at(hi_t)));
            for k in 0..=n {
                let tk = k as f64 / n as f64;
                if tk > lo_t && tk < hi_t {
                    lo = lo.min(pfl.height_m[k]);
                    hi = hi.max(pfl.height_m[k]);
                }
            }
            assert!(got >= lo - 1e-3 && got <= hi + 1e-3, "{file} point {i}: {got} not in [{lo}, {hi}]");
            max_err = max_err.max((got - pfl.height_m[i]).abs());
        }
        eprintln!("{file}: {n} intervals, max |h - h_file| = {max_err:.3} m");
        checked += 1;
    }
    assert_eq!(checked, 32, "eHata profiles checked");
}

// ---------------------------------------------------------------------------------------------
// Threads: one mosaic shared by several threads gives the same profiles as one thread.

#[test]
fn shared_mosaic_is_deterministic_across_threads() {
    let dir = tempfile::tempdir().unwrap();
    let hills = SyntheticTerrain::Hills {
        base_m: 100.0,
        amplitude_m: 800.0,
        wavelength_deg: 0.3,
        octaves: 5,
        seed: 9,
    };
    tiles(dir.path(), hills, &[(10, 20), (10, 21), (11, 20), (11, 21)]);
    // A budget of about one tile forces evictions and reloads while threads race.
    let dem =
        Mosaic::open(dir.path(), MosaicOptions { cache_bytes: 3 << 20, voids: VoidPolicy::Error }).unwrap();
    let paths: Vec<(GeoPoint, GeoPoint)> =
        (0..16).map(|k| (pt(10.2 + 0.05 * k as f64, 20.3), pt(11.7 - 0.05 * k as f64, 21.6))).collect();
    let serial: Vec<Profile> = paths
        .iter()
        .map(|&(a, b)| profile_between(&dem, a, b, &ProfileOptions::default()).unwrap().profile)
        .collect();
    let parallel: Vec<Vec<Profile>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                s.spawn(|| {
                    paths
                        .iter()
                        .map(|&(a, b)| {
                            profile_between(&dem, a, b, &ProfileOptions::default()).unwrap().profile
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for run in parallel {
        assert_eq!(run, serial);
    }
    assert!(dem.cache_stats().evictions > 0);
}
