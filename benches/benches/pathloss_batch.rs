//! End-to-end `spectra pathloss` throughput: read CSV, parse and check every cell, evaluate in
//! parallel, write CSV atomically. Target (issue 2): >= 500 000 rows/s for free space on 2 cores.
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use spectra_cli::pathloss::run_batch;
use spectra_core::propagation::model;
use std::fmt::Write;

const ROWS: usize = 1_000_000;

fn batch(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("cases.csv");
    let mut text = String::from("frequency_mhz,distance_km\n");
    for i in 0..ROWS {
        let _ = writeln!(text, "{},{}", 100 + i % 5000, 0.1 + (i % 997) as f64 * 0.013);
    }
    std::fs::write(&input, text).expect("write input");
    let output = dir.path().join("out.csv");
    let mut g = c.benchmark_group("pathloss_batch");
    g.sample_size(10);
    g.throughput(Throughput::Elements(ROWS as u64));
    for name in ["free-space", "extended-hata"] {
        let m = model(name).expect("registered");
        let input = if name == "free-space" {
            input.clone()
        } else {
            let p = dir.path().join("hata.csv");
            let mut t = String::from("frequency_mhz,distance_km,tx_height_m,rx_height_m,environment\n");
            for i in 0..ROWS {
                let _ = writeln!(t, "{},{},30,1.5,suburban", 700 + i % 2000, 0.1 + (i % 997) as f64 * 0.013);
            }
            std::fs::write(&p, t).expect("write input");
            p
        };
        g.bench_function(format!("{name}/1M rows"), |b| {
            b.iter(|| run_batch(m, &input, Some(&output), None).expect("batch runs"))
        });
    }
    g.finish();
}

criterion_group!(benches, batch);
criterion_main!(benches);
