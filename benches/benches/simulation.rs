//! Monte Carlo events per second: the SEAMCAT handbook example (one interferer, free space)
//! and APT 700 MHz with 10 interfering LTE UEs per event on Extended Hata with variations,
//! on 1 and 2 threads (results are identical; only the time differs).
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use spectra_core::simulation::{Scenario, Simulation};
use std::path::PathBuf;

const EVENTS: u64 = 100_000;

fn scenario(name: &str) -> (Scenario, PathBuf) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/scenarios");
    let s = Scenario::read(&dir.join(name)).expect("fixture scenario");
    (s, dir)
}

fn events_per_second(c: &mut Criterion) {
    for (label, file) in
        [("seamcat_handbook", "seamcat-handbook.toml"), ("apt700_10_ues", "apt700-ue-into-dtt.toml")]
    {
        let (s, dir) = scenario(file);
        let sim = Simulation::with_base_dir(&s, &dir).expect("compiles");
        let mut g = c.benchmark_group(format!("simulation/{label}"));
        g.sample_size(10);
        g.throughput(Throughput::Elements(EVENTS));
        for threads in [1usize, 2] {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("pool");
            g.bench_function(format!("{EVENTS}_events_{threads}_threads"), |b| {
                b.iter(|| pool.install(|| sim.run(0, EVENTS, &|_| {}).expect("runs")))
            });
        }
        g.finish();
    }
}

criterion_group!(benches, events_per_second);
criterion_main!(benches);
