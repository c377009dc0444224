//! Benchmarks of ITU-R P.1812-6 (with P.452-18 on the same profile for comparison), P.528-5,
//! P.2108 and P.2109. Deterministic inputs: a 100 km, 1 000-point synthetic hilly profile.
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use spectra_core::propagation::p1812::{P1812Path, P1812PathParams, P1812Point};
use spectra_core::propagation::p2108::{
    aeronautical_clutter_loss, height_gain_correction, terrestrial_clutter_loss, ClutterType,
};
use spectra_core::propagation::p2109::{building_entry_loss, BuildingType};
use spectra_core::propagation::p452::{P452Conditions, P452Path, P452PathParams};
use spectra_core::propagation::p526::Polarization;
use spectra_core::propagation::p528::{self, P528Path};
use spectra_core::terrain::{Profile, Zone};

/// 1 000 points over 100 km: rolling hills (two sines and a deterministic ripple), 10 m clutter
/// inland, the last 10 km coastal land.
fn profile() -> Profile {
    let n = 1000;
    let d: Vec<f64> = (0..n).map(|i| 100.0 * i as f64 / (n - 1) as f64).collect();
    let h: Vec<f64> = d
        .iter()
        .enumerate()
        .map(|(i, &x)| 200.0 + 120.0 * (x / 9.0).sin() + 60.0 * (x / 2.3).cos() + ((i * 7919) % 13) as f64)
        .collect();
    let zone = d.iter().map(|&x| if x > 90.0 { Zone::CoastalLand } else { Zone::Inland }).collect();
    let clutter = d.iter().map(|_| 10.0).collect();
    Profile { distance_km: d, height_m: h, zone: Some(zone), clutter_height_m: Some(clutter) }
}

fn p1812_params() -> P1812PathParams {
    P1812PathParams {
        htg_m: 50.0,
        hrg_m: 10.0,
        tx_lat_deg: 47.0,
        tx_lon_deg: 8.0,
        rx_lat_deg: 47.9,
        rx_lon_deg: 8.0,
        delta_n: 45.0,
        n0: 325.0,
        dct_km: 500.0,
        dcr_km: 500.0,
        attachment4: false,
    }
}

fn point() -> P1812Point {
    P1812Point {
        f_ghz: 0.6,
        p: 10.0,
        pl: 50.0,
        sigma_l_db: 5.5,
        pol: Polarization::Horizontal,
        erp_kw: 1.0,
        building: None,
    }
}

fn p1812(c: &mut Criterion) {
    let prof = profile();
    let params = p1812_params();
    let mut g = c.benchmark_group("p1812");
    g.throughput(Throughput::Elements(1));
    g.bench_function("path_and_loss_1000_points", |b| {
        b.iter(|| P1812Path::new(black_box(&prof), params).unwrap().evaluate(point()).unwrap().lb_db)
    });
    let path = P1812Path::new(&prof, params).unwrap();
    g.bench_function("loss_precomputed_path", |b| {
        b.iter(|| path.evaluate(black_box(point())).unwrap().lb_db)
    });
    g.finish();

    // P.452-18 on the same profile and terminals (issue 6: P.1812 at least as fast as P.452).
    let p452 = P452PathParams {
        tx_height_m: 50.0,
        rx_height_m: 10.0,
        tx_lat_deg: 47.0,
        tx_lon_deg: 8.0,
        rx_lat_deg: 47.9,
        rx_lon_deg: 8.0,
        delta_n: 45.0,
        n0: 325.0,
        tx_coast_km: 500.0,
        rx_coast_km: 500.0,
    };
    let cond = P452Conditions {
        f_ghz: 0.6,
        polarization: Polarization::Horizontal,
        tx_gain_dbi: 0.0,
        rx_gain_dbi: 0.0,
        pressure_hpa: 1013.25,
        temperature_c: 15.0,
    };
    let mut g = c.benchmark_group("p452_same_profile");
    g.throughput(Throughput::Elements(1));
    g.bench_function("path_and_loss_1000_points", |b| {
        b.iter(|| P452Path::new(black_box(&prof), &p452).unwrap().loss(&cond, 10.0).unwrap().lb_db)
    });
    let path452 = P452Path::new(&prof, &p452).unwrap();
    g.bench_function("loss_precomputed_path", |b| {
        b.iter(|| path452.loss(black_box(&cond), 10.0).unwrap().lb_db)
    });
    g.finish();
}

fn p528_bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("p528");
    g.sample_size(10);
    g.throughput(Throughput::Elements(1));
    g.bench_function("path_1000m_10000m_1200mhz", |b| {
        b.iter(|| P528Path::new(black_box(1000.0), 10_000.0, 1200.0, p528::Polarization::Horizontal).unwrap())
    });
    let path = P528Path::new(1000.0, 10_000.0, 1200.0, p528::Polarization::Horizontal).unwrap();
    g.bench_function("loss_line_of_sight_200km", |b| {
        b.iter(|| path.loss(black_box(200.0), 50.0).unwrap().a_db)
    });
    g.bench_function("loss_transhorizon_600km", |b| {
        b.iter(|| path.loss(black_box(600.0), 50.0).unwrap().a_db)
    });
    g.finish();
}

fn clutter_and_building(c: &mut Criterion) {
    let mut g = c.benchmark_group("p2108_p2109");
    g.throughput(Throughput::Elements(1));
    g.bench_function("p2108_height_gain", |b| {
        b.iter(|| {
            height_gain_correction(black_box(1.5), 2.0, 27.0, None, ClutterType::DenseUrban).unwrap().a_h_db
        })
    });
    g.bench_function("p2108_terrestrial", |b| {
        b.iter(|| terrestrial_clutter_loss(black_box(3.5), 1.0, 50.0).unwrap().l_ctt_db)
    });
    g.bench_function("p2108_aeronautical", |b| {
        b.iter(|| aeronautical_clutter_loss(black_box(30.0), 10.0, 50.0).unwrap().0)
    });
    g.bench_function("p2109", |b| {
        b.iter(|| building_entry_loss(black_box(3.5), 50.0, BuildingType::Traditional, 0.0).unwrap().l_bel_db)
    });
    g.finish();
}

criterion_group!(benches, p1812, p528_bench, clutter_and_building);
criterion_main!(benches);
