//! Spectrum masks, ACLR / ACS / ACIR, SEAMCAT unwanted emissions and blocking, and ITU-R SM.337
//! frequency-dependent rejection, against integrals worked by hand and algebraic identities.
//! There are no public reference vectors for these: every expected value below is derived in
//! the comment next to it. Tolerance 1e-9 dB everywhere: the integrals are exact in closed form,
//! so only floating-point rounding remains.
use proptest::prelude::*;
use spectra_core::spectrum::{acir, fdr, received_power, EmissionMask, MaskLevel, MaskPoint, ReceiverMask};
use spectra_core::units::{Db, Dbm};

const TOL_DB: f64 = 1e-9;

fn db(x: f64) -> f64 {
    10.0 * x.log10()
}

/// GSM-like mask of the SEAMCAT handbook example (chapter 4.1): 0 dBc/200 kHz within the
/// 200 kHz emission bandwidth, -23 dBc/200 kHz from 100 kHz to 1 MHz on each side.
fn seamcat_example_mask() -> EmissionMask {
    EmissionMask::new(
        MaskLevel::Relative,
        vec![
            MaskPoint::new(-1.0, -23.0, 0.2),
            MaskPoint::new(-0.1, -23.0, 0.2),
            MaskPoint::new(-0.1, 0.0, 0.2),
            MaskPoint::new(0.1, 0.0, 0.2),
            MaskPoint::new(0.1, -23.0, 0.2),
            MaskPoint::new(1.0, -23.0, 0.2),
        ],
    )
    .unwrap()
}

#[test]
fn unwanted_emission_in_victim_band_seamcat_convention() {
    let m = seamcat_example_mask();
    let p = Dbm(33.0);
    // Interferer at 1000.3 MHz, victim 200 kHz wide at 1000 MHz: delta_f = +0.3 MHz, the victim
    // band is [-0.4, -0.2] MHz in the interferer's offsets, all at -23 dBc/200 kHz:
    // iRSS_unwanted (before gains and loss) = 33 - 23 = 10 dBm.
    assert!((m.unwanted_power(p, 0.3, 0.2).0 - 10.0).abs() < TOL_DB);
    // delta_f = 0.15: band [-0.25, -0.05]; 0.05 MHz in-band at 0 dBc/0.2 MHz (1/4 of P) plus
    // 0.15 MHz at -23 dBc/0.2 MHz (3/4 of 10^-2.3 P).
    let expect = 33.0 + db(0.25 + 0.75 * 10f64.powf(-2.3));
    assert!((m.unwanted_power(p, 0.15, 0.2).0 - expect).abs() < TOL_DB);
    // Co-channel: the whole in-band power, 33 dBm.
    assert!((m.unwanted_power(p, 0.0, 0.2).0 - 33.0).abs() < TOL_DB);
    // Beyond the mask nothing is emitted.
    assert_eq!(m.unwanted_power(p, 5.0, 0.2).0, f64::NEG_INFINITY);
}

#[test]
fn bandwidth_correction_factor_seamcat_handbook_3_3_8() {
    // SEAMCAT handbook 3.3.8: with a 200 kHz emission, -3 dBc/100 kHz, 0 dBc/200 kHz and
    // +3 dBc/400 kHz describe the same (flat) density, so they give the same iRSS.
    let mk = |level: f64, rbw: f64| {
        EmissionMask::new(
            MaskLevel::Relative,
            vec![MaskPoint::new(-0.1, level, rbw), MaskPoint::new(0.1, level, rbw)],
        )
        .unwrap()
    };
    let a = mk(-3.0103, 0.1).unwanted_power(Dbm(33.0), 0.0, 0.2).0;
    let b = mk(0.0, 0.2).unwanted_power(Dbm(33.0), 0.0, 0.2).0;
    let c = mk(3.0103, 0.4).unwanted_power(Dbm(33.0), 0.0, 0.2).0;
    // -3.0103 is 10 log10(1/2) rounded to 1e-4 dB, hence the 1e-4 tolerance here.
    assert!((a - b).abs() < 1e-4 && (c - b).abs() < 1e-4, "{a} {b} {c}");
    assert!((b - 33.0).abs() < TOL_DB);
}

#[test]
fn sloped_mask_integrates_exactly() {
    // Density 0 dBc/MHz at 0.5 MHz falling linearly in dB to -40 dBc/MHz at 2.5 MHz, i.e.
    // 10^(-2 (f - 0.5)) per MHz: int_0.5^2.5 = (1 - 10^-4) / (2 ln 10).
    let m = EmissionMask::new(
        MaskLevel::Relative,
        vec![MaskPoint::new(0.5, 0.0, 1.0), MaskPoint::new(2.5, -40.0, 1.0)],
    )
    .unwrap();
    let expect = db((1.0 - 1e-4) / (2.0 * std::f64::consts::LN_10));
    assert!((m.power_between(Dbm(0.0), 0.0, 3.0).0 - expect).abs() < TOL_DB);
    // Density at the mid point: -20 dBc/MHz.
    assert!((m.density_dbm_per_mhz(Dbm(0.0), 1.5) + 20.0).abs() < TOL_DB);
}

#[test]
fn absolute_mask_ignores_tx_power_and_floor_applies() {
    // Absolute mask -30 dBm/MHz over [-1, 1]: 2 MHz -> -30 + 3.0103 dBm whatever the power.
    let m = EmissionMask::new(
        MaskLevel::Absolute,
        vec![MaskPoint::new(-1.0, -30.0, 1.0), MaskPoint::new(1.0, -30.0, 1.0)],
    )
    .unwrap();
    assert!((m.total_power(Dbm(0.0)).0 - (-30.0 + db(2.0))).abs() < TOL_DB);
    assert_eq!(m.total_power(Dbm(0.0)), m.total_power(Dbm(40.0)));
    // Relative -50 dBc/MHz with a -20 dBm/MHz floor: at P = 10 dBm the mask gives -40 dBm/MHz,
    // the floor wins: max(P + mask, floor) = -20 dBm/MHz (SEAMCAT unwanted-emission floor).
    let r = EmissionMask::new(
        MaskLevel::Relative,
        vec![MaskPoint::new(-1.0, -50.0, 1.0), MaskPoint::new(1.0, -50.0, 1.0)],
    )
    .unwrap()
    .with_floor(vec![MaskPoint::new(-1.0, -20.0, 1.0), MaskPoint::new(1.0, -20.0, 1.0)])
    .unwrap();
    assert!((r.density_dbm_per_mhz(Dbm(10.0), 0.3) + 20.0).abs() < TOL_DB);
    assert!((r.unwanted_power(Dbm(10.0), 0.0, 1.0).0 + 20.0).abs() < TOL_DB);
    // At P = 40 dBm the mask (-10 dBm/MHz) is above the floor.
    assert!((r.unwanted_power(Dbm(40.0), 0.0, 1.0).0 + 10.0).abs() < TOL_DB);
}

/// A 5 MHz LTE-like channel: 4.5 MHz occupied at 0 dBc total, -45 dBc/4.5 MHz out to 7.5 MHz.
fn lte_like_tx() -> EmissionMask {
    EmissionMask::symmetric(
        MaskLevel::Relative,
        &[
            MaskPoint::new(0.0, 0.0, 4.5),
            MaskPoint::new(2.25, 0.0, 4.5),
            MaskPoint::new(2.25, -45.0, 4.5),
            MaskPoint::new(7.5, -45.0, 4.5),
        ],
    )
    .unwrap()
}

/// A 4.5 MHz receiver with a brick-wall 45 dB selectivity beyond its channel.
fn lte_like_rx() -> ReceiverMask {
    ReceiverMask::symmetric(4.5, &[(0.0, 0.0), (2.25, 0.0), (2.25, 45.0), (20.0, 45.0)]).unwrap()
}

#[test]
fn aclr_acs_acir_of_brickwall_masks() {
    // ACLR (rectangular 4.5 MHz measurement at 5 MHz): P / (10^-4.5 P) = 45 dB.
    let aclr = lte_like_tx().aclr(Dbm(46.0), 4.5, 5.0, 4.5);
    assert!((aclr.0 - 45.0).abs() < TOL_DB);
    // ACS with a 4.5 MHz interferer at 5 MHz: 45 dB.
    let acs = lte_like_rx().acs(5.0, 4.5);
    assert!((acs.0 - 45.0).abs() < TOL_DB);
    // ACIR = 1/(1/ACLR + 1/ACS) = 45 - 10 log10 2.
    assert!((acir(aclr, acs).0 - (45.0 - db(2.0))).abs() < TOL_DB);
}

#[test]
fn fdr_by_hand_integral() {
    // SM.337-6 eq. (1) with the masks above at delta_f = 5 MHz. Transmitter densities per MHz:
    // in-band 1/4.5 over 4.5 MHz, out-of-band a/4.5 over 2 x 5.25 MHz, a = 10^-4.5.
    // Receiver passes (0 dB) tx offsets x in [-7.25, -2.75] (x + 5 in +-2.25), else -45 dB.
    //   passband x in-band-of-tx?  none; passband over tx out-of-band: 4.5 MHz * a/4.5 = a
    //   tx in-band through the stopband: 1 * a
    //   tx out-of-band through the stopband: (10.5 - 4.5) MHz * a/4.5 * a
    let a = 10f64.powf(-4.5);
    let received = a + a + 6.0 * a / 4.5 * a;
    let total = 1.0 + 10.5 * a / 4.5;
    let got = fdr(&lte_like_tx(), Dbm(0.0), &lte_like_rx(), 5.0).0;
    assert!((got - db(total / received)).abs() < TOL_DB, "{got}");
    // On-tune rejection: the tx in-band passes whole, out-of-band beyond 2.25 is attenuated.
    let on_tune = 1.0 + 10.5 * a / 4.5 * a;
    let otr = fdr(&lte_like_tx(), Dbm(0.0), &lte_like_rx(), 0.0).0;
    assert!((otr - db(total / on_tune)).abs() < TOL_DB);
    // Received power is P - FDR.
    let rp = received_power(&lte_like_tx(), Dbm(46.0), &lte_like_rx(), 5.0).0;
    assert!((rp - (46.0 + db(total) - got)).abs() < TOL_DB);
}

#[test]
fn blocking_user_defined_mode() {
    // SEAMCAT A8.3: iRSS_blocking = P - a_VLR(delta_f), interferer bandwidth ignored.
    let rx = lte_like_rx();
    assert!((rx.blocking_power(Dbm(46.0), 10.0).0 - 1.0).abs() < TOL_DB);
    assert_eq!(rx.attenuation(-10.0), Db(45.0));
}

/// Symmetric monotone masks: density (dBc/MHz) falling with |offset|, attenuation rising.
fn monotone_masks() -> impl Strategy<Value = (EmissionMask, ReceiverMask)> {
    (
        prop::collection::vec((0.05f64..3.0, 0.0f64..30.0), 1..5),
        prop::collection::vec((0.05f64..3.0, 0.0f64..30.0), 1..5),
        0.2f64..5.0,
    )
        .prop_map(|(tx_steps, rx_steps, bw)| {
            let mut f = 0.0;
            let mut level = 0.0;
            let mut pts = vec![MaskPoint::new(0.0, 0.0, 1.0)];
            for (df, dl) in tx_steps {
                f += df;
                level -= dl;
                pts.push(MaskPoint::new(f, level, 1.0));
            }
            let tx = EmissionMask::symmetric(MaskLevel::Relative, &pts).unwrap();
            let mut f = 0.0;
            let mut att = 0.0;
            let mut rp = vec![(0.0, 0.0)];
            for (df, da) in rx_steps {
                f += df;
                att += da;
                rp.push((f, att));
            }
            (tx, ReceiverMask::symmetric(bw, &rp).unwrap())
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, rng_seed: proptest::test_runner::RngSeed::Fixed(0x5EC7), ..ProptestConfig::default() })]

    #[test]
    fn acir_is_below_both_and_within_3_db(aclr in 0.0f64..100.0, acs in 0.0f64..100.0) {
        let a = acir(Db(aclr), Db(acs)).0;
        let m = aclr.min(acs);
        prop_assert!(a <= m + 1e-12);
        prop_assert!(a >= m - db(2.0) - 1e-12);
        prop_assert!((a - acir(Db(acs), Db(aclr)).0).abs() < 1e-12);
    }

    #[test]
    fn fdr_is_monotonic_in_offset_for_monotone_masks(
        (tx, rx) in monotone_masks(), d1 in 0.0f64..10.0, dd in 0.0f64..5.0
    ) {
        // Convolution of two symmetric unimodal functions is symmetric unimodal, so the
        // received power cannot grow with |delta_f|. 1e-9 dB: rounding only.
        let f1 = fdr(&tx, Dbm(0.0), &rx, d1).0;
        let f2 = fdr(&tx, Dbm(0.0), &rx, d1 + dd).0;
        prop_assert!(f2 >= f1 - 1e-9, "{f1} {f2}");
        prop_assert!(f1 >= -1e-9);
        // Symmetric masks: FDR(-delta_f) = FDR(delta_f).
        prop_assert!((fdr(&tx, Dbm(0.0), &rx, -d1).0 - f1).abs() < 1e-9);
    }

    #[test]
    fn unwanted_power_is_additive_over_adjacent_bands(off in -5.0f64..5.0, b1 in 0.01f64..3.0, b2 in 0.01f64..3.0) {
        // Power in [c-b1-b2 .. ] splits exactly: P(b1 + b2 band) = P(b1 part) + P(b2 part).
        let m = seamcat_example_mask();
        let lo = off;
        let whole = m.power_between(Dbm(0.0), lo, lo + b1 + b2).to_mw();
        let parts = m.power_between(Dbm(0.0), lo, lo + b1).to_mw()
            + m.power_between(Dbm(0.0), lo + b1, lo + b1 + b2).to_mw();
        prop_assert!((whole - parts).abs() <= 1e-12 * whole.max(1e-300));
    }
}
