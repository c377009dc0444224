//! ITU-R P.452-18 throughput on a reference-sized path: 100 km, 1 001 points, mixed land/sea,
//! with clutter, deterministic (a fixed analytic terrain). Groups:
//! - `p452/single_case`: profile analysis + one frequency + one time percentage (what a batch row
//!   or a Monte Carlo event with a fresh path costs);
//! - `p452/ten_percentages`: one profile analysis and frequency, ten time percentages
//!   (reported per case);
//! - `p452/percentage_only`: one more time percentage on an analysed path at one frequency;
//! - `p676/specific_attenuation`: the 79-line sum at one frequency, lines prepared once.
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use spectra_core::propagation::p452::{P452Conditions, P452Path, P452PathParams};
use spectra_core::propagation::p526::Polarization;
use spectra_core::propagation::p676::{Atmosphere, GasLines};
use spectra_core::terrain::{Profile, Zone};

fn reference_profile() -> Profile {
    let n = 1001;
    let d: Vec<f64> = (0..n).map(|i| i as f64 * 0.1).collect();
    let h: Vec<f64> = d
        .iter()
        .map(|&x| {
            if (40.0..60.0).contains(&x) {
                0.0
            } else {
                150.0 + 120.0 * (x / 9.0).sin() + 40.0 * (x / 2.3).cos()
            }
        })
        .collect();
    let zone = d
        .iter()
        .map(|&x| {
            if (40.0..60.0).contains(&x) {
                Zone::Sea
            } else if (35.0..65.0).contains(&x) {
                Zone::CoastalLand
            } else {
                Zone::Inland
            }
        })
        .collect();
    let clutter = d.iter().map(|&x| if (40.0..60.0).contains(&x) { 0.0 } else { 10.0 }).collect();
    let mut p = Profile::new(d, h).expect("profile");
    p.zone = Some(zone);
    p.clutter_height_m = Some(clutter);
    p
}

fn params() -> P452PathParams {
    P452PathParams {
        tx_height_m: 30.0,
        rx_height_m: 15.0,
        tx_lat_deg: 50.0,
        tx_lon_deg: 8.0,
        rx_lat_deg: 50.9,
        rx_lon_deg: 8.0,
        delta_n: 45.0,
        n0: 320.0,
        tx_coast_km: 40.0,
        rx_coast_km: 40.0,
    }
}

fn conditions() -> P452Conditions {
    P452Conditions {
        f_ghz: 2.0,
        polarization: Polarization::Vertical,
        tx_gain_dbi: 20.0,
        rx_gain_dbi: 5.0,
        pressure_hpa: 1013.25,
        temperature_c: 15.0,
    }
}

const PERCENTAGES: [f64; 10] = [0.001, 0.01, 0.1, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0];

fn bench(c: &mut Criterion) {
    let profile = reference_profile();
    let prm = params();
    let cond = conditions();

    let mut g = c.benchmark_group("p452");
    g.throughput(Throughput::Elements(1));
    g.bench_function("single_case", |b| {
        b.iter(|| {
            let path = P452Path::new(black_box(&profile), black_box(&prm)).expect("path");
            path.loss(black_box(&cond), black_box(1.0)).expect("loss").lb_db
        })
    });
    g.throughput(Throughput::Elements(PERCENTAGES.len() as u64));
    g.bench_function("ten_percentages", |b| {
        b.iter(|| {
            let path = P452Path::new(black_box(&profile), black_box(&prm)).expect("path");
            let at = path.at_frequency(black_box(&cond)).expect("frequency");
            PERCENTAGES.iter().map(|&p| at.loss(p).expect("loss").lb_db).sum::<f64>()
        })
    });
    g.bench_function("path_analysis_only", |b| {
        b.iter(|| P452Path::new(black_box(&profile), black_box(&prm)).expect("path").analysis().theta_mrad)
    });
    let path = P452Path::new(&profile, &prm).expect("path");
    g.bench_function("frequency_only", |b| {
        b.iter(|| path.at_frequency(black_box(&cond)).expect("frequency").loss(1.0).expect("loss").lb_db)
    });
    let at = path.at_frequency(&cond).expect("frequency");
    g.throughput(Throughput::Elements(1));
    g.bench_function("percentage_only", |b| b.iter(|| at.loss(black_box(1.0)).expect("loss").lb_db));
    g.finish();

    let mut g = c.benchmark_group("p676");
    let lines = GasLines::new(Atmosphere::new(1013.25, 288.15, 7.5).expect("atmosphere"));
    g.throughput(Throughput::Elements(1));
    g.bench_function("specific_attenuation", |b| {
        b.iter(|| lines.specific_attenuation(black_box(22.0)).total_db_per_km())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
