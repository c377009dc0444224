//! ITM 1.4 and eHata throughput, single thread, on the profile of issue 3:
//! h(x) = 300 + 60 sin(2 pi x / 17000) + 30 sin(2 pi x / 5300 + 1.3) + 10 sin(2 pi x / 1100 + 0.7) m,
//! 1001 points at 50 m (50 km); h_tx 30 m, h_rx 10 m, climate 5, N0 301, 900 MHz, vertical,
//! epsilon 15, sigma 0.005, mdvar 12.
use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use spectra_core::propagation::ehata::{ehata, EhataParams, Environment};
use spectra_core::propagation::itm::{
    area, p2p, AreaParams, Climate, ItmParams, Mdvar, Pfl, Polarization, Quantiles, RefractivityConvention,
    SitingCriteria,
};
use std::f64::consts::PI;

fn profile() -> Pfl {
    let z = (0..=1000)
        .map(|i| {
            let x = i as f64 * 50.0;
            300.0
                + 60.0 * (2.0 * PI * x / 17000.0).sin()
                + 30.0 * (2.0 * PI * x / 5300.0 + 1.3).sin()
                + 10.0 * (2.0 * PI * x / 1100.0 + 0.7).sin()
        })
        .collect();
    Pfl::new(50.0, z).expect("valid profile")
}

fn params() -> ItmParams {
    ItmParams {
        h_tx_m: 30.0,
        h_rx_m: 10.0,
        climate: Climate::ContinentalTemperate,
        n_0: 301.0,
        f_mhz: 900.0,
        polarization: Polarization::Vertical,
        epsilon: 15.0,
        sigma: 0.005,
        mdvar: Mdvar::from_code(12).expect("valid mdvar"),
        refractivity: RefractivityConvention::ScaleByPathElevation,
    }
}

fn bench(c: &mut Criterion) {
    let pfl = profile();
    let p = params();
    let mut g = c.benchmark_group("itm");
    g.throughput(Throughput::Elements(1));
    g.bench_function("p2p_1001_points", |b| {
        b.iter(|| p2p(black_box(&p), black_box(&pfl), black_box(Quantiles::MEDIAN)).expect("ok").loss_db)
    });
    let cr = Quantiles::Cr { confidence_pct: 90.0, reliability_pct: 95.0 };
    g.bench_function("p2p_1001_points_cr", |b| {
        b.iter(|| p2p(black_box(&p), black_box(&pfl), black_box(cr)).expect("ok").loss_db)
    });
    let a = AreaParams {
        d_km: 50.0,
        delta_h_m: 90.0,
        tx_siting: SitingCriteria::Random,
        rx_siting: SitingCriteria::Random,
    };
    g.bench_function("area", |b| {
        b.iter(|| area(black_box(&p), black_box(&a), black_box(Quantiles::MEDIAN)).expect("ok").loss_db)
    });
    let e = EhataParams { f_mhz: 2500.0, h_b_m: 30.0, h_m_m: 3.0, environment: Environment::Urban };
    g.bench_function("ehata_1001_points", |b| {
        b.iter(|| ehata(black_box(&e), black_box(&pfl)).expect("ok").loss_db)
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
