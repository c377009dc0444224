//! Frequency assignment benchmarks: construction and search on CALMA instances (a 916-link
//! problem, scen01; the weighted scen06), and the physics compatibility matrix of 900 stations.
//!
//! Reference instances are read from `$SPECTRA_REFERENCE_DIR/fap` (default `../shared/fap`);
//! when absent those benchmarks are skipped with a notice.
use criterion::{criterion_group, criterion_main, Criterion};
use spectra_plan::assignment::{read_calma, AssignmentSolver, Dsatur, SolveOptions, TabuSearch};
use spectra_plan::compatibility::{compatibility, CompatibilityParams, Station};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

fn fap_dir() -> Option<PathBuf> {
    let root = match std::env::var_os("SPECTRA_REFERENCE_DIR") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared"),
    };
    let dir = root.join("fap");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("FAP instances not found at {}: skipping the FAP solver benchmarks", dir.display());
        None
    }
}

fn solvers(c: &mut Criterion) {
    let Some(dir) = fap_dir() else { return };
    let scen01 = read_calma(&dir.join("celar/scen01")).expect("scen01");
    let scen06 = read_calma(&dir.join("celar/scen06")).expect("scen06");
    let mut g = c.benchmark_group("fap");
    g.sample_size(10);
    let options = |iterations| SolveOptions {
        time_limit: Duration::from_secs(600),
        seed: 1,
        threads: 1,
        max_iterations: Some(iterations),
    };
    g.bench_function("dsatur_scen01_916_links", |b| {
        b.iter(|| Dsatur.solve(black_box(&scen01), &options(0)).unwrap())
    });
    g.bench_function("tabu_scen01_20k_iterations", |b| {
        b.iter(|| TabuSearch.solve(black_box(&scen01), &options(20_000)).unwrap())
    });
    g.bench_function("weighted_scen06_20k_iterations", |b| {
        b.iter(|| TabuSearch.solve(black_box(&scen06), &options(20_000)).unwrap())
    });
    g.finish();
}

fn compatibility_matrix(c: &mut Criterion) {
    // 30 x 30 grid of stations 5 km apart, free space, 60 km coordination range.
    let stations: Vec<Station> = (0..900)
        .map(|i| Station {
            name: format!("S{i}"),
            lat_deg: 45.0 + (i / 30) as f64 * 0.045,
            lon_deg: 5.0 + (i % 30) as f64 * 0.0636,
            height_m: 30.0,
            power_dbm: 40.0,
            antenna_gain_dbi: 2.0,
            bandwidth_mhz: 0.0125,
            noise_figure_db: 5.0,
            channels: None,
            current_channel: None,
            change_cost: None,
        })
        .collect();
    let params = CompatibilityParams {
        frequency_mhz: 450.0,
        propagation_model: "free-space".into(),
        time_pct: None,
        i_over_n_max_db: -6.0,
        acir_db: vec![0.0, 30.0, 50.0, 65.0, 75.0, 85.0],
        max_range_km: Some(60.0),
    };
    let mut g = c.benchmark_group("fap");
    g.sample_size(10);
    g.bench_function("compatibility_900_stations", |b| {
        b.iter(|| compatibility(black_box(&stations), &params).unwrap())
    });
    g.finish();
}

criterion_group!(benches, solvers, compatibility_matrix);
criterion_main!(benches);
