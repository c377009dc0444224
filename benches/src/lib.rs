//! Criterion benchmarks of spectra live in `benches/`; run `cargo bench -p spectra-benches`.
