//! Model evaluations per second: the typed kernels, and the same models through the
//! `PathLossModel` trait as batch files and studies call them.
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use spectra_core::propagation::extended_hata::{extended_hata, Environment, RoofTop};
use spectra_core::propagation::free_space::free_space_loss_db;
use spectra_core::propagation::hata::{okumura_hata_db, HataEnvironment};
use spectra_core::propagation::{model, Case};

const N: usize = 1000;

fn distances() -> Vec<f64> {
    (0..N).map(|i| 0.05 + i as f64 * 0.05).collect()
}

fn kernels(c: &mut Criterion) {
    let d = distances();
    let mut g = c.benchmark_group("propagation/kernel");
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("free_space", |b| {
        b.iter(|| d.iter().map(|&d| free_space_loss_db(black_box(900.0), d)).sum::<f64>())
    });
    g.bench_function("okumura_hata", |b| {
        b.iter(|| {
            d.iter()
                .map(|&d| okumura_hata_db(black_box(900.0), 30.0, 1.5, d, HataEnvironment::Urban))
                .sum::<f64>()
        })
    });
    g.bench_function("extended_hata", |b| {
        b.iter(|| {
            d.iter()
                .map(|&d| {
                    extended_hata(black_box(780.0), d, 30.0, 1.5, Environment::Suburban, RoofTop::Above)
                        .median_db
                })
                .sum::<f64>()
        })
    });
    g.finish();
}

fn through_trait(c: &mut Criterion) {
    let mut g = c.benchmark_group("propagation/trait");
    g.throughput(Throughput::Elements(1));
    for (name, pairs) in [
        ("free-space", vec![("frequency_mhz", "900"), ("distance_km", "12.5")]),
        (
            "extended-hata",
            vec![
                ("frequency_mhz", "780"),
                ("distance_km", "12.5"),
                ("tx_height_m", "30"),
                ("rx_height_m", "1.5"),
            ],
        ),
    ] {
        let m = model(name).expect("registered");
        let case = Case::from_pairs(m.info(), &pairs).expect("valid case");
        g.bench_function(name, |b| b.iter(|| m.evaluate(black_box(&case)).expect("evaluates").loss_db));
        g.bench_function(format!("{name}/parse+evaluate"), |b| {
            b.iter(|| {
                m.evaluate(&Case::from_pairs(m.info(), black_box(&pairs)).expect("valid"))
                    .expect("ok")
                    .loss_db
            })
        });
    }
    g.finish();
}

criterion_group!(benches, kernels, through_trait);
criterion_main!(benches);
