//! ITU-R P.1546-6 evaluations per second: single cases, a border sweep (one station, 2 000
//! border points at varying distance and effective height) and the profile-based model with a
//! 1 000-point profile. The tabulated curves are third-party data read from
//! `$SPECTRA_REFERENCE_DIR/validation/p1546/tables` (default `../shared` next to the workspace
//! root); without them the benchmark says so and does nothing.
use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use spectra_core::propagation::p1546::{
    field_strength, path_geometry, P1546Params, P1546Tables, RxEnvironment, SeaType,
};
use spectra_core::terrain::Profile;
use std::path::PathBuf;

fn tables() -> Option<P1546Tables> {
    let root = std::env::var_os("SPECTRA_REFERENCE_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared"));
    match P1546Tables::load(&root.join("validation/p1546/tables")) {
        Ok(t) => Some(t),
        Err(e) => {
            eprintln!("!!! P.1546 tables not available ({e}); skipping the p1546 benchmarks");
            None
        }
    }
}

fn bench(c: &mut Criterion) {
    let Some(t) = tables() else { return };
    let mut g = c.benchmark_group("p1546");
    let land = P1546Params::new(650.0, 10.0, 47.0, 210.0, 10.0).with_ha(150.0);
    g.bench_function("land_interpolated_f_t_d_h1", |b| b.iter(|| field_strength(&t, black_box(&land))));
    let mut mixed = P1546Params::new(95.3, 5.0, 120.0, 61.0, 7.0)
        .with_path(30.0, 90.0, SeaType::Warm)
        .with_rx(RxEnvironment::Suburban, 10.0)
        .with_ha(60.0)
        .with_locations(90.0);
    mixed.r1_m = Some(20.0);
    mixed.tca_deg = Some(1.2);
    mixed.theta_eff1_deg = Some(0.4);
    mixed.terrain_heights_m = Some((120.0, 15.0));
    mixed.square_area_m = Some(500.0);
    g.bench_function("mixed_warm_sea_all_corrections", |b| b.iter(|| field_strength(&t, black_box(&mixed))));

    // A border sweep: 2 000 points, distances 5-300 km, effective heights varying per azimuth.
    let n = 2000;
    let points: Vec<P1546Params> = (0..n)
        .map(|i| {
            let x = i as f64 / n as f64;
            P1546Params::new(690.0, 1.0, 5.0 + 295.0 * x, 80.0 + 400.0 * (7.0 * x).sin().abs(), 10.0)
                .with_ha(120.0)
        })
        .collect();
    g.throughput(Throughput::Elements(n as u64));
    g.bench_with_input(BenchmarkId::new("border_sweep", n), &points, |b, pts| {
        b.iter(|| pts.iter().map(|p| field_strength(&t, p).map_or(0.0, |r| r.e_dbuv_m)).sum::<f64>())
    });

    // Profile geometry (h1, clearance angles, land/sea) + prediction for a 1 000-point profile.
    let m = 1000;
    let x: Vec<f64> = (0..m).map(|i| i as f64 * 0.1).collect();
    let h: Vec<f64> = (0..m).map(|i| 200.0 + 80.0 * ((i as f64) * 0.05).sin()).collect();
    let profile = Profile::new(x, h).expect("valid profile");
    g.throughput(Throughput::Elements(1));
    g.bench_function("profile_1000_points_geometry_and_prediction", |b| {
        b.iter(|| {
            let geo = path_geometry(black_box(&profile), 50.0, 10.0).expect("geometry");
            let mut p = P1546Params::new(650.0, 50.0, geo.d_km, geo.h1_m, 10.0).with_ha(50.0);
            p.tca_deg = Some(geo.tca_deg);
            p.theta_eff1_deg = Some(geo.theta_eff1_deg);
            p.terrain_heights_m = Some((geo.tx_ground_m, geo.rx_ground_m));
            field_strength(&t, &p)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
