//! Antenna patterns against values worked by hand from the Recommendations' equations at
//! characteristic angles (boresight, -3 dB points, side-lobe envelope, back lobe), plus
//! property tests (gain never above peak, symmetry, pointing geometry).
//!
//! There are no public reference vectors for the patterns; each expected value is computed in
//! the comment next to it from the cited equations. Tolerance 1e-9 dB: the same closed-form
//! expressions evaluated in a different order, so only rounding differs.
use proptest::prelude::*;
use spectra_core::antenna::{
    AntennaPattern, F1336Omni, F1336Sectoral, F1336SectoralParams, Omni, Pointing, SideLobe,
};

const TOL_DB: f64 = 1e-9;

fn close(got: f64, want: f64, what: &str) {
    assert!((got - want).abs() < TOL_DB, "{what}: got {got}, want {want}");
}

#[test]
fn omni_is_flat() {
    let o = Omni { gain_dbi: 2.15 };
    close(o.gain_dbi(123.0, -45.0), 2.15, "omni");
    close(o.peak_gain_dbi(), 2.15, "omni peak");
}

#[test]
fn f1336_omni_peak_and_average_hand_worked() {
    // G0 = 10 dBi, k = 0.7. θ3 = 107.6 * 10^(-1) = 10.76 deg, F.1336-5 eq. (1d).
    let peak = F1336Omni::new(10.0, 0.7, SideLobe::Peak, 0.0).unwrap();
    let avg = F1336Omni::new(10.0, 0.7, SideLobe::Average, 0.0).unwrap();
    close(peak.gain_dbi(0.0, 0.0), 10.0, "boresight (1b)");
    // θ = θ3/2 = 5.38: G1 = 10 - 12/4 = 7; G2 = 10 - 12 + 10 log10(1 + 0.7) = 0.3045 -> 7 (1a).
    close(peak.gain_dbi(0.0, 5.38), 7.0, "-3 dB point");
    // θ = θ3: G1 = -2, G2 = -2 + 10 log10(1.7) = 0.30449 (1c); average: -5 + 2.30449 = -2.69551,
    // G1 = -2 wins (2a).
    close(peak.gain_dbi(0.0, 10.76), -2.0 + 10.0 * 1.7f64.log10(), "θ3 peak (1c)");
    close(avg.gain_dbi(0.0, 10.76), -2.0, "θ3 average (2a)");
    // θ = 90: x = 8.3643; G2 = -2 + 10 log10(8.3643^-1.5 + 0.7) (peak), -5 + ... (average).
    let x: f64 = 90.0 / 10.76;
    close(peak.gain_dbi(0.0, -90.0), -2.0 + 10.0 * (x.powf(-1.5) + 0.7).log10(), "nadir peak");
    close(avg.gain_dbi(0.0, 90.0), -5.0 + 10.0 * (x.powf(-1.5) + 0.7).log10(), "zenith avg");
}

#[test]
fn f1336_omni_electrical_tilt() {
    // βe = 5: the beam maximum moves to θ = -5 (eq. 1e gives θe = 0), and θ = +5 maps to
    // θe = 90 * 10 / 95 = 9.4737 deg.
    let t = F1336Omni::new(10.0, 0.7, SideLobe::Peak, 5.0).unwrap();
    close(t.gain_dbi(0.0, -5.0), 10.0, "tilted boresight");
    let te: f64 = 90.0 * 10.0 / 95.0;
    let x = te / 10.76;
    let g1 = 10.0 - 12.0 * x * x;
    let g2 = -2.0 + 10.0 * (1.0f64 + 0.7).log10();
    close(t.gain_dbi(0.0, 5.0), g1.max(g2), "tilted +5 deg");
}

/// F.1336-5 recommends 3.1.1, typical antenna: G0 = 18 dBi, φ3 = 65 deg, kp = 0.7, kh = 0.8,
/// kv = 0.7. θ3 = 31000 * 10^-1.8 / 65 = 7.558721379 deg (recommends 3.3).
fn sector() -> F1336Sectoral {
    F1336Sectoral::new(F1336SectoralParams::typical(18.0, 65.0, SideLobe::Peak)).unwrap()
}

#[test]
fn f1336_sectoral_peak_hand_worked() {
    let s = sector();
    let th3 = 31000.0 * 10f64.powf(-1.8) / 65.0;
    close(s.theta3_deg(), th3, "θ3");
    // G180 = -12 + 10 log10(1 + 5.6) - 15 log10(180/θ3) = -24.45692316 (2b1).
    let g180 = -12.0 + 10.0 * 6.6f64.log10() - 15.0 * (180.0 / th3).log10();
    close(s.g180_db(), g180, "G180");
    close(s.gain_dbi(0.0, 0.0), 18.0, "boresight");
    // φ = φ3/2: xh = 0.5, Gh = -3 (2b2), R = 1, Gv(0) = 0 -> 15 dBi.
    close(s.gain_dbi(32.5, 0.0), 15.0, "-3 dB azimuth");
    close(s.gain_dbi(-32.5, 0.0), 15.0, "-3 dB azimuth, other side");
    // θ = θ3/2: xv = 0.5 < xk = sqrt(1 - 0.252) = 0.8649: Gv = -3 -> 15 dBi (2b3).
    close(s.gain_dbi(0.0, th3 / 2.0), 15.0, "-3 dB elevation");
    // φ = 65: xh = 1, Gh = -12 - λkh, λkh = 3 (1 - 2^0.8) = -2.22330 -> 8.22330338 dBi.
    close(s.gain_dbi(65.0, 0.0), 18.0 - 12.0 - 3.0 * (1.0 - 2f64.powf(0.8)), "φ = φ3");
    // Back lobe: Gh = G180, R = 0: G0 + G180 = -6.45692316 dBi, whatever the elevation.
    close(s.gain_dbi(180.0, 0.0), 18.0 + g180, "back lobe");
    close(s.gain_dbi(180.0, 30.0), 18.0 + g180, "back lobe, 30 deg up");
    // θ = 40: xv = 5.2919 in [4, 90/θ3 = 11.907): Gv = -λkv - C log10(xv) (2b3), with
    // C = 10 log10((180/θ3)^1.5 (4^-1.5 + kv)/(1 + 8 kp)) / log10(22.5/θ3),
    // λkv = 12 - C log10 4 - 10 log10(4^-1.5 + kv).
    let kv: f64 = 0.7;
    let four = 4f64.powf(-1.5) + kv;
    let c = 10.0 * ((180.0 / th3).powf(1.5) * four / 6.6).log10() / (22.5 / th3).log10();
    let lkv = 12.0 - c * 4f64.log10() - 10.0 * four.log10();
    close(s.gain_dbi(0.0, 40.0), 18.0 - lkv - c * (40.0 / th3).log10(), "θ = 40");
    // θ = 10: xv = 1.32298 in [xk, 4): Gv = -12 + 10 log10(xv^-1.5 + kv).
    let xv: f64 = 10.0 / th3;
    close(s.gain_dbi(0.0, -10.0), 18.0 - 12.0 + 10.0 * (xv.powf(-1.5) + kv).log10(), "θ = -10");
    // θ = 90 (nadir): Gv = G180 -> G0 + G180.
    close(s.gain_dbi(0.0, -90.0), 18.0 + g180, "nadir");
}

#[test]
fn f1336_sectoral_elevation_continuity() {
    // The third branch of Gv meets the second exactly at xv = 4 and G180 exactly at
    // xv = 90/θ3 (follows from the definitions of λkv and C).
    for side in [SideLobe::Peak, SideLobe::Average] {
        let s = F1336Sectoral::new(F1336SectoralParams::typical(18.0, 65.0, side)).unwrap();
        let th3 = s.theta3_deg();
        let e = 1e-9;
        let below = s.gain_dbi(0.0, 4.0 * th3 - e);
        let above = s.gain_dbi(0.0, 4.0 * th3 + e);
        assert!((below - above).abs() < 1e-6, "{side:?} at xv=4: {below} {above}");
        let below = s.gain_dbi(0.0, 90.0 - e);
        assert!((below - (18.0 + s.g180_db())).abs() < 1e-6, "{side:?} at 90: {below}");
    }
}

#[test]
fn f1336_sectoral_average_is_3_db_below_in_side_lobes() {
    // recommends 3.1.2: the average envelope is the peak one minus 3 dB in the elevation side
    // lobes (xk <= xv < 90/θ3) and in G180, with ka = kp.
    let p = sector();
    let a = F1336Sectoral::new(F1336SectoralParams::typical(18.0, 65.0, SideLobe::Average)).unwrap();
    close(a.g180_db(), p.g180_db() - 3.0, "G180 average");
    close(a.gain_dbi(0.0, 40.0), p.gain_dbi(0.0, 40.0) - 3.0, "θ = 40");
    close(a.gain_dbi(0.0, 0.0), 18.0, "boresight");
}

#[test]
fn mechanical_tilt_moves_the_beam() {
    // A sector with 6 deg mechanical downtilt bearing 90 deg peaks at (90, -6).
    let s = sector();
    let p = Pointing::new(90.0, 6.0);
    close(p.gain_dbi(&s, 90.0, -6.0), 18.0, "tilted boresight");
    assert!(p.gain_dbi(&s, 90.0, 0.0) < 18.0 - 1.0);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, rng_seed: proptest::test_runner::RngSeed::Fixed(0xA27E), ..ProptestConfig::default() })]

    #[test]
    fn f1336_never_above_peak(
        az in -180.0f64..=180.0, el in -90.0f64..=90.0,
        g0 in 5.0f64..25.0, phi3 in 30.0f64..120.0, tilt in -10.0f64..15.0,
        improved in any::<bool>(), average in any::<bool>(),
    ) {
        let side = if average { SideLobe::Average } else { SideLobe::Peak };
        let mut p = if improved {
            F1336SectoralParams::improved(g0, phi3, side)
        } else {
            F1336SectoralParams::typical(g0, phi3, side)
        };
        p.electrical_downtilt_deg = tilt;
        if let Ok(s) = F1336Sectoral::new(p) {
            let g = s.gain_dbi(az, el);
            prop_assert!(g <= s.peak_gain_dbi() + 1e-9, "{g}");
            prop_assert!(g.is_finite());
            // Symmetric in azimuth.
            prop_assert!((g - s.gain_dbi(-az, el)).abs() < 1e-9);
        }
        let o = F1336Omni::new(g0 - 5.0, 0.7, side, tilt).unwrap();
        prop_assert!(o.gain_dbi(az, el) <= o.peak_gain_dbi() + 1e-9);
    }

    #[test]
    fn pointing_preserves_angle_to_boresight(
        bearing in 0.0f64..360.0, tilt in -30.0f64..30.0,
        az in 0.0f64..360.0, el in -89.0f64..89.0,
    ) {
        // A rotation preserves angles: the angle between the direction and boresight is the
        // same computed in the horizon frame and in the antenna frame.
        let p = Pointing::new(bearing, tilt);
        let (a, e) = p.to_antenna_frame(az, el);
        let (a, e, t) = (a.to_radians(), e.to_radians(), tilt.to_radians());
        let in_antenna = (e.cos() * a.cos()).clamp(-1.0, 1.0).acos();
        let d = (az - bearing).to_radians();
        let elr = el.to_radians();
        // boresight in horizon frame: azimuth = bearing, elevation = -tilt.
        let cosang = elr.sin() * (-t).sin() + elr.cos() * (-t).cos() * d.cos();
        let in_horizon = cosang.clamp(-1.0, 1.0).acos();
        prop_assert!((in_antenna - in_horizon).abs() < 1e-9);
    }
}
