//! Terrain benchmarks: profile extraction from a warm tile cache (50 km at 3", and a
//! 1 000-point profile), cold tile loading (3" and 1" `.hgt`), and the geodesic inverse.
//!
//! Inputs are synthetic, deterministic tiles written to a temporary directory (fractal hills,
//! seed 46). Throughput is reported in profiles (or tiles) per second.
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use spectra_core::geodesy::{geodesic_inverse, GeoPoint};
use spectra_core::terrain::synth::SyntheticTerrain;
use spectra_core::terrain::{
    profile_between, read_hgt, Elevation, ElevationSource, HgtResolution, Mosaic, MosaicOptions,
    ProfileOptions, VoidPolicy,
};
use std::hint::black_box;

const HILLS: SyntheticTerrain = SyntheticTerrain::Hills {
    base_m: 200.0,
    amplitude_m: 1500.0,
    wavelength_deg: 0.25,
    octaves: 6,
    seed: 46,
};

/// 64 deterministic 50 km paths inside the 2x2 tiles 45–47°N, 7–9°E, in all directions.
fn paths_50km() -> Vec<(GeoPoint, GeoPoint)> {
    (0..64)
        .map(|k| {
            let a = (k as f64) * 360.0 / 64.0;
            let centre = GeoPoint {
                lat_deg: 46.0 + 0.1 * ((k % 5) as f64 - 2.0),
                lon_deg: 8.0 + 0.1 * ((k % 7) as f64 - 3.0),
            };
            // ±25 km from the centre along azimuth a (0.225° of latitude ≈ 25 km).
            let (s, c) = a.to_radians().sin_cos();
            let dlat = 0.2249 * c;
            let dlon = 0.2249 * s / centre.lat_deg.to_radians().cos();
            (
                GeoPoint { lat_deg: centre.lat_deg - dlat, lon_deg: centre.lon_deg - dlon },
                GeoPoint { lat_deg: centre.lat_deg + dlat, lon_deg: centre.lon_deg + dlon },
            )
        })
        .collect()
}

fn bench_profiles(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary directory");
    for (la, lo) in [(45, 7), (45, 8), (46, 7), (46, 8)] {
        HILLS.write_hgt(dir.path(), la, lo, HgtResolution::ThreeArcSeconds).expect("write tile");
    }
    let dem = Mosaic::open(dir.path(), MosaicOptions::default()).expect("mosaic");
    let paths = paths_50km();
    for &(a, b) in &paths {
        profile_between(&dem, a, b, &ProfileOptions::default()).expect("warm-up profile");
        // warm cache
    }
    let d = geodesic_inverse(paths[0].0, paths[0].1).distance_m;
    let mut g = c.benchmark_group("terrain");
    g.throughput(Throughput::Elements(paths.len() as u64));
    g.bench_function(format!("profile_50km_3arcsec_warm/{}_paths/{:.1}km", paths.len(), d / 1000.0), |bch| {
        bch.iter(|| {
            for &(a, b) in &paths {
                black_box(profile_between(&dem, a, b, &ProfileOptions::default()).expect("profile"));
            }
        })
    });
    let opts = ProfileOptions { spacing_m: Some(d / 999.5), ..Default::default() };
    assert_eq!(profile_between(&dem, paths[0].0, paths[0].1, &opts).expect("profile").profile.len(), 1001);
    g.throughput(Throughput::Elements(1));
    g.bench_function("profile_1000_points_warm", |bch| {
        bch.iter(|| black_box(profile_between(&dem, paths[0].0, paths[0].1, &opts).expect("profile")))
    });
    // Parts: heights only (540 points through the mosaic), and geometry only (constant source).
    let pts =
        profile_between(&dem, paths[0].0, paths[0].1, &ProfileOptions::default()).expect("profile").points;
    let mut out = Vec::new();
    g.bench_function("mosaic_elevations_540_points", |bch| {
        bch.iter(|| {
            dem.elevations(&pts, &mut out).expect("heights");
            black_box(out.len())
        })
    });
    g.bench_function("profile_50km_constant_source", |bch| {
        bch.iter(|| {
            black_box(
                profile_between(&Constant, paths[0].0, paths[0].1, &ProfileOptions::default())
                    .expect("profile"),
            )
        })
    });
    g.bench_function("geodesic_inverse", |bch| {
        bch.iter(|| black_box(geodesic_inverse(paths[3].0, paths[3].1)))
    });
    g.finish();
}

/// A source without data access, to time the geodesic part of the extraction alone.
struct Constant;
impl ElevationSource for Constant {
    fn elevation(&self, _: GeoPoint) -> spectra_core::Result<Elevation> {
        Ok(Elevation::Measured(1.0))
    }
    fn resolution_m(&self) -> f64 {
        92.6
    }
}

fn bench_tile_loading(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temporary directory");
    let p3 = HILLS.write_hgt(dir.path(), 46, 7, HgtResolution::ThreeArcSeconds).expect("write tile");
    let p1 = SyntheticTerrain::Flat { height_m: 100.0 }
        .write_hgt(dir.path(), 46, 8, HgtResolution::OneArcSecond)
        .expect("write tile");
    let mut g = c.benchmark_group("terrain_cold");
    g.sample_size(10);
    g.throughput(Throughput::Elements(1));
    // Includes the read from the OS page cache, big-endian decode and the void scan.
    g.bench_function("load_hgt_3arcsec", |bch| {
        bch.iter(|| black_box(read_hgt(&p3, VoidPolicy::Error).expect("read")))
    });
    g.bench_function("load_hgt_1arcsec", |bch| {
        bch.iter(|| black_box(read_hgt(&p1, VoidPolicy::Error).expect("read")))
    });
    // First profile through a fresh mosaic: directory index + tile load + extraction.
    let paths = paths_50km();
    g.bench_function("first_profile_fresh_mosaic", |bch| {
        bch.iter_batched(
            || Mosaic::open(dir.path(), MosaicOptions::default()).expect("mosaic"),
            |dem| {
                let a = GeoPoint { lat_deg: 46.2, lon_deg: 7.2 };
                let b = GeoPoint { lat_deg: 46.6, lon_deg: 7.6 };
                black_box(profile_between(&dem, a, b, &ProfileOptions::default()).expect("profile"))
            },
            BatchSize::PerIteration,
        )
    });
    let _ = paths;
    g.finish();
}

criterion_group!(benches, bench_profiles, bench_tile_loading);
criterion_main!(benches);
