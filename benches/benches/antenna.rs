//! Antenna pattern and spectrum mask evaluation speed: gain evaluations per second for
//! F.1336 sectoral and an 8 x 8 M.2101 array (issue 7 asks well under a microsecond per
//! direction), and the mask integrals the Monte Carlo engine calls per event.
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use spectra_core::antenna::{
    AntennaPattern, F1336Sectoral, F1336SectoralParams, M2101Params, Pointing, SideLobe, M2101,
};
use spectra_core::spectrum::{fdr, EmissionMask, MaskLevel, MaskPoint, ReceiverMask};
use spectra_core::units::Dbm;

/// 1 000 deterministic directions covering the sphere (golden-angle spiral).
fn directions() -> Vec<(f64, f64)> {
    let n = 1000;
    (0..n)
        .map(|i| {
            let z = 1.0 - 2.0 * (i as f64 + 0.5) / n as f64;
            let el = z.asin().to_degrees();
            let az = (i as f64 * 137.507_764_050_037_85).rem_euclid(360.0) - 180.0;
            (az, el)
        })
        .collect()
}

fn bench_patterns(c: &mut Criterion) {
    let dirs = directions();
    let mut g = c.benchmark_group("antenna");
    g.throughput(Throughput::Elements(dirs.len() as u64));

    let mut p = F1336SectoralParams::typical(18.0, 65.0, SideLobe::Peak);
    p.electrical_downtilt_deg = 6.0;
    let f1336 = F1336Sectoral::new(p).unwrap();
    g.bench_function("f1336_sectoral_1000_dirs", |b| {
        b.iter(|| dirs.iter().map(|&(a, e)| f1336.gain_dbi(black_box(a), black_box(e))).sum::<f64>())
    });

    let m = M2101::new(M2101Params {
        element_gain_dbi: 6.4,
        hpbw_az_deg: 90.0,
        hpbw_el_deg: 65.0,
        front_to_back_db: 30.0,
        sla_db: 30.0,
        rows: 8,
        columns: 8,
        spacing_h_wavelengths: 0.5,
        spacing_v_wavelengths: 0.7,
        steer_az_deg: 20.0,
        steer_el_deg: -6.0,
        correlation: 1.0,
        normalise: false,
    })
    .unwrap();
    g.bench_function("m2101_8x8_1000_dirs", |b| {
        b.iter(|| dirs.iter().map(|&(a, e)| m.gain_dbi(black_box(a), black_box(e))).sum::<f64>())
    });

    let pointing = Pointing::new(120.0, 4.0);
    g.bench_function("pointing_plus_f1336_1000_dirs", |b| {
        b.iter(|| {
            dirs.iter().map(|&(a, e)| pointing.gain_dbi(&f1336, black_box(a), black_box(e))).sum::<f64>()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("antenna_setup");
    g.sample_size(10);
    g.bench_function("m2101_8x8_steer_normalised", |b| {
        let base = M2101::new(M2101Params { normalise: true, ..*m.params() }).unwrap();
        b.iter(|| base.steered(black_box(10.0), black_box(-3.0)))
    });
    g.bench_function("m2101_8x8_steer", |b| b.iter(|| m.steered(black_box(10.0), black_box(-3.0))));
    g.finish();
}

fn bench_masks(c: &mut Criterion) {
    let tx = EmissionMask::symmetric(
        MaskLevel::Relative,
        &[
            MaskPoint::new(0.0, 0.0, 4.5),
            MaskPoint::new(2.25, 0.0, 4.5),
            MaskPoint::new(2.5, -30.0, 0.1),
            MaskPoint::new(7.5, -45.0, 1.0),
            MaskPoint::new(12.5, -50.0, 1.0),
        ],
    )
    .unwrap();
    let rx =
        ReceiverMask::symmetric(4.5, &[(0.0, 0.0), (2.25, 0.0), (2.5, 33.0), (10.0, 45.0), (20.0, 60.0)])
            .unwrap();
    let mut g = c.benchmark_group("spectrum");
    g.bench_function("unwanted_power", |b| b.iter(|| tx.unwanted_power(Dbm(46.0), black_box(5.0), 4.5)));
    g.bench_function("fdr", |b| b.iter(|| fdr(&tx, Dbm(46.0), &rx, black_box(5.0))));
    g.bench_function("blocking_power", |b| b.iter(|| rx.blocking_power(Dbm(46.0), black_box(7.0))));
    g.finish();
}

criterion_group!(benches, bench_patterns, bench_masks);
criterion_main!(benches);
