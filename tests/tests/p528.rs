//! ITU-R P.528-5 against `validation/p528/` (see its SOURCES.md): the NTIA full-precision point
//! tests and the 50 data tables published with the Recommendation.
use spectra_core::propagation::p528::{p528, Mode, P528Path, Polarization};
use spectra_core::propagation::{model, Case};
use spectra_tests::reference_path;

fn pol(code: &str) -> Polarization {
    match code.trim() {
        "0" => Polarization::Horizontal,
        "1" => Polarization::Vertical,
        c => panic!("unknown polarization {c}"),
    }
}

#[test]
fn ntia_point_tests() {
    let Some(path) = reference_path("validation/p528/ntia/P528Test_001.csv") else {
        return;
    };
    let text = std::fs::read_to_string(&path).expect("readable");
    let text = text.trim_start_matches('\u{feff}');
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let (mut n, mut max_err) = (0, 0.0f64);
    for rec in rdr.records() {
        let r = rec.expect("row");
        let v = |i: usize| -> f64 { r[i].trim().parse().expect("number") };
        let got = p528(v(0), v(1), v(2), v(3), pol(&r[4]), v(5));
        let rtn = v(6) as u32;
        let res = match got {
            Ok(res) => res,
            Err(e) => {
                assert_eq!(e.code, rtn, "{r:?}");
                continue;
            }
        };
        assert_eq!(rtn, 0, "{r:?}: reference return code");
        let mode = match res.mode {
            Mode::LineOfSight => 1,
            Mode::Diffraction => 2,
            Mode::Troposcatter => 3,
        };
        assert_eq!(mode, v(7) as i32, "{r:?}: propagation mode");
        assert_eq!(res.warnings, v(8) as u32, "{r:?}: warning flags");
        // Tolerance 1e-6 dB (issue requirement; NTIA itself uses 1e-10 between builds of
        // the same C++ code). Our code is an independent implementation of the same
        // algorithm; differences come only from floating-point evaluation order.
        for (name, got, want) in [
            ("A", res.a_db, v(10)),
            ("A_fs", res.a_fs_db, v(11)),
            ("A_a", res.a_a_db, v(12)),
            ("theta_h1", res.theta_h1_rad, v(13)),
        ] {
            let err = (got - want).abs();
            assert!(err <= 1e-6, "{r:?}: {name} = {got} vs {want} (error {err:e})");
            if name == "A" {
                max_err = max_err.max(err);
            }
        }
        n += 1;
    }
    assert_eq!(n, 202);
    eprintln!("P.528 NTIA point tests: {n} cases, max |error| of A {max_err:e} dB");
}

#[test]
fn registry_adapter_and_codes() {
    let m = model("p528").expect("registered");
    let case = Case::from_pairs(
        m.info(),
        &[
            ("distance_km", "600"),
            ("tx_height_m", "10"),
            ("rx_height_m", "20000"),
            ("frequency_mhz", "3000"),
            ("time_pct", "50"),
            ("polarization", "vertical"),
        ],
    )
    .unwrap();
    let out = m.evaluate(&case).unwrap();
    // First NTIA point test row.
    assert!((out.loss_db - 189.11195445017134).abs() <= 1e-6);
    assert_eq!(out.intermediates[2], 3.0);
    let bad = Case::from_pairs(
        m.info(),
        &[
            ("distance_km", "10"),
            ("tx_height_m", "1000"),
            ("rx_height_m", "10"),
            ("frequency_mhz", "3000"),
            ("time_pct", "50"),
        ],
    )
    .unwrap();
    let msg = m.evaluate(&bad).unwrap_err().to_string();
    assert!(msg.contains("return code 4"), "{msg}");
    let codes = |d, h1, h2, f, p| p528(d, h1, h2, f, Polarization::Horizontal, p).unwrap_err().code;
    assert_eq!(codes(-1.0, 10.0, 100.0, 1000.0, 50.0), 1);
    assert_eq!(codes(10.0, 1.0, 100.0, 1000.0, 50.0), 2);
    assert_eq!(codes(10.0, 10.0, 90_000.0, 1000.0, 50.0), 3);
    assert_eq!(codes(10.0, 10.0, 100.0, 99.0, 50.0), 5);
    assert_eq!(codes(10.0, 10.0, 100.0, 30_001.0, 50.0), 6);
    assert_eq!(codes(10.0, 10.0, 100.0, 1000.0, 0.5), 7);
    assert_eq!(codes(10.0, 10.0, 100.0, 1000.0, 99.5), 8);
    let _ = P528Path::new(15.0, 15000.0, 450.0, Polarization::Horizontal).unwrap();
}

/// Every `ROW_STEP`-th distance row of every table is checked (1 001 rows per table; NTIA's own
/// test checks every 100th row, OFCOM's every 1 000th). With 20 the test covers 51 distances
/// × 18 geometries × 50 tables = 45 900 values, every 20 km through the line-of-sight,
/// diffraction and troposcatter regions. `P528_TABLE_ROW_STEP=1` checks all 900 900 values
/// (about 20 CPU-minutes).
const ROW_STEP: usize = 20;

#[test]
fn itu_data_tables() {
    let Some(dir) = reference_path("validation/p528/data_tables") else {
        return;
    };
    let mut files: Vec<_> = std::fs::read_dir(&dir).expect("dir").map(|e| e.expect("entry").path()).collect();
    files.sort();
    let step = std::env::var("P528_TABLE_ROW_STEP").ok().and_then(|s| s.parse().ok()).unwrap_or(ROW_STEP);
    let (mut n, mut n_tables, mut max_err) = (0usize, 0usize, 0.0f64);
    let mut worst = String::new();
    for file in files.iter().filter(|p| p.extension().is_some_and(|e| e == "csv")) {
        let text = std::fs::read_to_string(file).expect("readable");
        let lines: Vec<&str> = text.lines().collect();
        // Title "100MHz / Lb(0.05) dB": frequency and time fraction.
        let title = lines[0];
        let f_mhz: f64 = title.split("MHz").next().unwrap().replace(',', "").trim().parse().expect("f");
        let frac: f64 = title.split("Lb(").nth(1).unwrap().split(')').next().unwrap().parse().expect("p");
        let p = frac * 100.0;
        let cells =
            |l: &str| l.split(',').skip(2).map(|s| s.trim().parse::<f64>().expect("h")).collect::<Vec<_>>();
        let h2 = cells(lines[1]);
        let h1 = cells(lines[2]);
        assert_eq!(h1.len(), 18);
        for (col, (&h1_m, &h2_m)) in h1.iter().zip(&h2).enumerate() {
            let path = P528Path::new(h1_m, h2_m, f_mhz, Polarization::Horizontal).expect("valid");
            for line in lines[4..].iter().step_by(step) {
                let row: Vec<f64> = line.split(',').map(|s| s.trim().parse().expect("number")).collect();
                let d_km = row[0];
                let want = row[2 + col];
                let got = path.loss(d_km, p).expect("valid").a_db;
                // The tables print A to 0.1 dB: a correct value lies within 0.05 dB; the
                // reference projects accept 0.1 dB. We require the rounding to agree up to
                // half a unit (0.05 dB) plus 1e-6 dB for values that fall on a rounding edge.
                let err = (got - want).abs();
                assert!(
                    err <= 0.05 + 1e-6,
                    "{}: h1 {h1_m} h2 {h2_m} d {d_km}: A = {got} vs {want}",
                    file.display()
                );
                if err > max_err {
                    max_err = err;
                    worst = format!("{} h1 {h1_m} h2 {h2_m} d {d_km}", file.display());
                }
                n += 1;
            }
        }
        n_tables += 1;
    }
    assert_eq!(n_tables, 50);
    eprintln!("P.528 data tables: {n} values from {n_tables} tables, max |error| {max_err:.4} dB ({worst})");
}

/// Physics: the loss not exceeded for p % of time grows with p at every distance, and beyond
/// the radio horizon the median loss grows with distance.
#[test]
fn loss_grows_with_time_percentage_and_beyond_horizon_distance() {
    for (h1, h2, f) in [(1.5, 1000.0, 125.0), (30.0, 10_000.0, 2400.0), (1000.0, 20_000.0, 15_500.0)] {
        let path = P528Path::new(h1, h2, f, Polarization::Horizontal).unwrap();
        let mut prev_median: Option<(f64, Mode)> = None;
        for d in (0..=1000).step_by(50).map(f64::from) {
            let losses: Vec<f64> =
                [1.0, 5.0, 10.0, 50.0, 95.0].iter().map(|&p| path.loss(d, p).unwrap().a_db).collect();
            for w in losses.windows(2) {
                assert!(w[1] >= w[0] - 1e-9, "h1 {h1} h2 {h2} f {f} d {d}: {losses:?}");
            }
            let r = path.loss(d, 50.0).unwrap();
            if let Some((prev, mode)) = prev_median {
                if mode != Mode::LineOfSight && r.mode != Mode::LineOfSight {
                    assert!(r.a_db > prev, "h1 {h1} h2 {h2} f {f} d {d}: {} <= {prev}", r.a_db);
                }
            }
            prev_median = Some((r.a_db, r.mode));
        }
    }
}
