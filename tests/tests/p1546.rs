//! ITU-R P.1546-6 against the ITU-R SG 3 reference vectors (`validation/p1546/`, 52 cases from
//! the WP 3K reference implementation, v6.2).
//!
//! Two drivers:
//! - `log_driven_cases_match_reference`: every input exactly as logged by the reference run
//!   (`validation_results/<profile>_<k>_log.csv`) into the typed API, comparing the final field
//!   strength, the basic transmission loss and every logged intermediate value.
//! - `profile_driven_cases_match_reference`: the raw profile and measurement row
//!   (`validation_profiles/<profile>.csv`) through the registered `p1546-profile` model, so that
//!   h1, the clearance angles, the land/sea lengths and the terminal ground heights are derived
//!   by spectra (Annex 5 §3, §4.3, §8, §11, §14) and compared with the logged values.
//!
//! Tolerances (issue 11 asks for 0.01 dB):
//! - final field strength and basic transmission loss: 0.01 dB in both drivers. The log-driven
//!   inputs are printed with 6 significant digits (`%g`), e.g. h1 = 539.433 m or
//!   theta_eff1 = -2.27389 deg, which moves the result by far less than 0.01 dB; the
//!   profile-driven run uses full-precision inputs and is additionally held to 1e-6 dB against
//!   the 8-decimal reference values, which is the printing precision of the reference plus
//!   floating-point noise.
//! - logged intermediates (printed `%g`, 6 significant digits): |error| <= 6e-6 x |value| +
//!   2e-4 dB/m/deg, i.e. half a unit in the 6th digit plus the effect of the 6-digit inputs.
//! - derived geometry (h1, theta_tca, theta_eff1, land/sea km) against the `%g` log: half a
//!   unit in the 6th significant digit (5e-6 relative) plus 1e-9.
use spectra_core::propagation::p1546::{
    self, field_strength, P1546Params, P1546Tables, RxEnvironment, SeaType,
};
use spectra_core::propagation::{model, Case};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

struct Log {
    values: HashMap<String, String>,
    sea_type: String,
}

impl Log {
    fn read(path: &Path) -> Log {
        let text = std::fs::read_to_string(path).unwrap();
        let mut values = HashMap::new();
        let mut sea_type = String::new();
        for line in text.lines() {
            let cells: Vec<&str> = line.split(',').collect();
            if cells.len() >= 4 {
                values.insert(cells[0].trim().to_owned(), cells[3].trim().to_owned());
                if cells[0].starts_with("Sea path") {
                    sea_type = cells[1].trim().to_owned();
                }
            }
        }
        Log { values, sea_type }
    }
    fn get(&self, key_prefix: &str) -> Option<f64> {
        let (_, v) = self.values.iter().find(|(k, _)| k.starts_with(key_prefix))?;
        v.parse().ok()
    }
    fn num(&self, key_prefix: &str) -> f64 {
        self.get(key_prefix).unwrap_or_else(|| panic!("log has no value for {key_prefix}"))
    }
    fn text(&self, key_prefix: &str) -> &str {
        self.values.iter().find(|(k, _)| k.starts_with(key_prefix)).map(|(_, v)| v.as_str()).unwrap()
    }
}

/// A profile file of the ITU-R SG 3 data bank ("Fryderyk_csv" layout).
struct Sg3Profile {
    first_point_tx: bool,
    x_km: Vec<f64>,
    h_m: Vec<f64>,
    radio_met: Vec<Option<u32>>,
    /// (f MHz, Tx antenna height, Rx antenna height, ERP dBW, time %, reference E dB(uV/m), Lb dB)
    rows: Vec<[f64; 7]>,
}

fn cell(cells: &[&str], i: usize) -> f64 {
    cells.get(i).map(|s| s.trim()).filter(|s| !s.is_empty()).and_then(|s| s.parse().ok()).unwrap_or(f64::NAN)
}

impl Sg3Profile {
    fn read(path: &Path) -> Sg3Profile {
        let text = std::fs::read_to_string(path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let mut p =
            Sg3Profile { first_point_tx: true, x_km: vec![], h_m: vec![], radio_met: vec![], rows: vec![] };
        let mut i = 0;
        while i < lines.len() {
            let cells: Vec<&str> = lines[i].split(',').collect();
            let key = cells[0].trim();
            if key.starts_with("First Point") {
                p.first_point_tx = cells[1].trim().eq_ignore_ascii_case("T");
            }
            if key.starts_with("Number of Points") {
                let n: usize = cells[1].trim().parse().unwrap();
                for k in 0..n {
                    let c: Vec<&str> = lines[i + 1 + k].split(',').collect();
                    p.x_km.push(cell(&c, 0));
                    p.h_m.push(cell(&c, 1));
                    let rm = cell(&c, 4);
                    p.radio_met.push(if rm.is_nan() { None } else { Some(rm as u32) });
                }
                i += n;
            }
            if key.starts_with("{Begin of Measurements") {
                let mut j = i + 1;
                while !lines[j].starts_with("{End of Measurements") {
                    let c: Vec<&str> = lines[j].split(',').collect();
                    if c.len() > 17 {
                        p.rows.push([
                            cell(&c, 0),
                            cell(&c, 1),
                            cell(&c, 3),
                            cell(&c, 12),
                            cell(&c, 14),
                            cell(&c, 16),
                            cell(&c, 17),
                        ]);
                    }
                    j += 1;
                }
                i = j;
            }
            i += 1;
        }
        p
    }

    /// The profile seen from the transmitter, as a spectra profile CSV (zones: radio-met code 1
    /// sea -> B, 3 coastal land -> A1, 4 inland -> A2).
    fn write_spectra_csv(&self, path: &Path) {
        let n = self.x_km.len();
        let idx: Vec<usize> = if self.first_point_tx { (0..n).collect() } else { (0..n).rev().collect() };
        let x_end = self.x_km[n - 1];
        let zones = self.radio_met.iter().all(Option::is_some);
        let mut s =
            String::from(if zones { "distance_km,height_m,zone\n" } else { "distance_km,height_m\n" });
        for &k in &idx {
            let x = if self.first_point_tx { self.x_km[k] } else { x_end - self.x_km[k] };
            s.push_str(&format!("{},{}", x, self.h_m[k]));
            if zones {
                let z = match self.radio_met[k] {
                    Some(1) => "B",
                    Some(3) => "A1",
                    _ => "A2",
                };
                s.push_str(&format!(",{z}"));
            }
            s.push('\n');
        }
        std::fs::write(path, s).unwrap();
    }

    fn ground_heights(&self) -> (f64, f64) {
        let (a, b) = (self.h_m[0], self.h_m[self.h_m.len() - 1]);
        if self.first_point_tx {
            (a, b)
        } else {
            (b, a)
        }
    }
}

fn env_of(label: &str) -> (RxEnvironment, &'static str) {
    match label {
        "Suburban" => (RxEnvironment::Suburban, "suburban"),
        "Urban" => (RxEnvironment::Urban, "urban"),
        "Dense Urban" => (RxEnvironment::DenseUrban, "dense_urban"),
        "Sea" => (RxEnvironment::Sea, "sea"),
        "Rural" => (RxEnvironment::Rural, "rural"),
        other => panic!("unknown Rx clutter type {other}"),
    }
}

/// (profile name, case number k (1-based), log path) of every log.
fn cases(root: &Path) -> Vec<(String, usize, PathBuf)> {
    let mut out = vec![];
    for e in std::fs::read_dir(root.join("validation_results")).unwrap() {
        let path = e.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if let Some(stem) = name.strip_suffix("_log.csv") {
            let (prof, k) = stem.rsplit_once('_').unwrap();
            out.push((prof.to_owned(), k.parse().unwrap(), path));
        }
    }
    out.sort();
    out
}

fn tables(root: &Path) -> P1546Tables {
    P1546Tables::load(&root.join("tables")).expect("tables load")
}

struct Worst {
    name: &'static str,
    max: f64,
    at: String,
}

impl Worst {
    fn new(name: &'static str) -> Worst {
        Worst { name, max: 0.0, at: String::new() }
    }
    fn check(&mut self, case: &str, got: f64, want: f64, tol: f64, failures: &mut Vec<String>) {
        let err = (got - want).abs();
        if err.is_nan() || err > tol {
            failures.push(format!(
                "{case}: {} = {got}, reference {want}, |error| {err:.3e} > {tol:.1e}",
                self.name
            ));
        }
        if err > self.max || err.is_nan() {
            self.max = err;
            self.at = case.to_owned();
        }
    }
}

#[test]
fn log_driven_cases_match_reference() {
    let Some(root) = spectra_tests::reference_path("validation/p1546") else { return };
    let tables = tables(&root);
    let all = cases(&root);
    assert_eq!(all.len(), 52, "SOURCES.md lists 52 cases");
    let mut failures = vec![];
    let mut w_e = Worst::new("E (dBuV/m, 1 kW)");
    let mut w_l = Worst::new("Lb (dB)");
    let mut w_i = Worst::new("intermediates (relative to the %g tolerance)");
    for (prof, k, log_path) in &all {
        let log = Log::read(log_path);
        let sg3 = Sg3Profile::read(&root.join("validation_profiles").join(format!("{prof}.csv")));
        let name = format!("{prof}#{k}");
        let (env, _) = env_of(log.text("Rx clutter type"));
        let sea = if log.sea_type == "Warm" { SeaType::Warm } else { SeaType::Cold };
        let mut p = P1546Params::new(
            log.num("Frequency f"),
            log.num("Percentage time"),
            log.num("Horizontal path length"),
            log.num("Tx antenna height h1"),
            log.num("Rx antenna height a. g."),
        )
        .with_path(log.num("Land path"), log.num("Sea path"), sea)
        .with_rx(env, log.num("Rx clutter height"))
        .with_ha(log.num("Tx antenna height a. g."))
        .with_locations(log.num("Percentage location"));
        p.r1_m = Some(log.num("Tx clutter height"));
        p.tca_deg = Some(log.num("Terrain clearance angle"));
        p.theta_eff1_deg = Some(log.num("Tx effective TCA"));
        p.terrain_heights_m = Some(sg3.ground_heights());
        p.square_area_m = Some(log.num("Square area width"));
        let r = field_strength(&tables, &p).unwrap_or_else(|e| panic!("{name}: {e}"));
        w_e.check(&name, r.e_dbuv_m, log.num("Resulting field strength for Ptx = 1kW"), 0.01, &mut failures);
        w_l.check(&name, r.loss_db, log.num("Resulting basic transmission loss"), 0.01, &mut failures);
        // intermediates, each against its %g print: error / (6e-6 |v| + 2e-4) <= 1
        let mut inter = |label: &str, got: f64| {
            if let Some(want) = log.get(label) {
                let tol = 6e-6 * want.abs() + 2e-4;
                let mut dummy = vec![];
                w_i.check(&format!("{name} {label}"), (got - want).abs() / tol, 0.0, 1.0, &mut dummy);
                if (got - want).abs() > tol {
                    failures.push(format!("{name}: {label} = {got}, reference {want}"));
                }
            }
        };
        inter("Maximum field strength Emax", r.emax_dbuv_m);
        inter("Field strength (dBuV/m)", r.e_curves_dbuv_m);
        inter("TCA correction", r.tca_correction_db);
        inter("Path scattering theta_s", r.theta_s_deg);
        inter("Trop. Scatt. field strength", r.troposcatter_dbuv_m);
        inter("Rx repr. clutter height", r.r2_eff_m);
        inter("Rx antenna height correction", r.rx_height_correction_db);
        inter("Tx clutter correction", r.tx_clutter_correction_db);
        inter("Rx slope-path correction", r.slope_correction_db);
    }
    for w in [&w_e, &w_l, &w_i] {
        println!("p1546 log-driven, {} cases: max |error| {} = {:.3e} at {}", all.len(), w.name, w.max, w.at);
    }
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn profile_driven_cases_match_reference() {
    let Some(root) = spectra_tests::reference_path("validation/p1546") else { return };
    if p1546::installed_tables().is_none() {
        // Another test of this binary may have installed them first; identical data.
        let _ = p1546::set_tables(tables(&root));
    }
    let m = model("p1546-profile").expect("p1546-profile is registered");
    let names = m.info().intermediates;
    let at = |n: &str| names.iter().position(|x| *x == n).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut failures = vec![];
    let mut w_e = Worst::new("E (dBuV/m, 1 kW)");
    let mut w_ref = Worst::new("E for the station's e.r.p. vs the profile file's reference column");
    let mut w_l = Worst::new("Lb (dB)");
    let mut w_g = Worst::new("geometry (relative to the %g tolerance)");
    let all = cases(&root);
    for (prof, k, log_path) in &all {
        let log = Log::read(log_path);
        let sg3 = Sg3Profile::read(&root.join("validation_profiles").join(format!("{prof}.csv")));
        let name = format!("{prof}#{k}");
        let row = sg3.rows[k - 1];
        let csv = dir.path().join(format!("{prof}.csv"));
        sg3.write_spectra_csv(&csv);
        let (ha, h2) = if sg3.first_point_tx { (row[1], row[2]) } else { (row[2], row[1]) };
        let (_, env) = env_of(log.text("Rx clutter type"));
        let sea_type = if log.sea_type == "Warm" { "warm" } else { "cold" };
        let cells = [
            ("frequency_mhz", row[0].to_string()),
            ("time_pct", row[4].to_string()),
            ("tx_height_m", ha.to_string()),
            ("rx_height_m", h2.to_string()),
            ("environment", env.to_owned()),
            ("sea_type", sea_type.to_owned()),
            ("rx_clutter_height_m", log.num("Rx clutter height").to_string()),
            ("tx_clutter_height_m", log.num("Tx clutter height").to_string()),
            ("profile", csv.to_string_lossy().into_owned()),
        ];
        let pairs: Vec<(&str, &str)> = cells.iter().map(|(a, b)| (*a, b.as_str())).collect();
        let case = Case::from_pairs(m.info(), &pairs).unwrap_or_else(|e| panic!("{name}: {e}"));
        let r = m.evaluate(&case).unwrap_or_else(|e| panic!("{name}: {e}"));
        let e = r.intermediates[at("field_dbuv_m")];
        let e_log = log.num("Resulting field strength for Ptx = 1kW");
        w_e.check(&name, e, e_log, 1e-6, &mut failures);
        w_l.check(&name, r.loss_db, log.num("Resulting basic transmission loss"), 1e-6, &mut failures);
        let p_kw = 10f64.powf(row[3] / 10.0) * 1e-3;
        w_ref.check(&name, e + 10.0 * p_kw.log10(), row[5], 1e-6, &mut failures);
        for (label, inter) in [
            ("Tx antenna height h1", "h1_m"),
            ("Land path", "land_km"),
            ("Sea path", "sea_km"),
            ("Terrain clearance angle", "tca_deg"),
            ("Tx effective TCA", "theta_eff1_deg"),
        ] {
            let want = log.num(label);
            let got = r.intermediates[at(inter)];
            let tol = 5e-6 * want.abs() + 1e-9;
            let mut dummy = vec![];
            w_g.check(&format!("{name} {label}"), (got - want).abs() / tol, 0.0, 1.0, &mut dummy);
            if (got - want).abs() > tol {
                failures.push(format!("{name}: {label} = {got}, reference {want}"));
            }
        }
    }
    for w in [&w_e, &w_l, &w_ref, &w_g] {
        println!(
            "p1546 profile-driven, {} cases: max |error| {} = {:.3e} at {}",
            all.len(),
            w.name,
            w.max,
            w.at
        );
    }
    assert!(failures.is_empty(), "{} mismatches:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn unloaded_or_bad_inputs_are_clear_errors() {
    let Some(root) = spectra_tests::reference_path("validation/p1546") else { return };
    let t = tables(&root);
    let ok = P1546Params::new(600.0, 50.0, 20.0, 75.0, 10.0);
    assert!(field_strength(&t, &ok).is_ok());
    let bad = |p: P1546Params, needle: &str| {
        let e = field_strength(&t, &p).expect_err(needle).to_string();
        assert!(e.contains(needle), "{e} should mention {needle}");
    };
    bad(P1546Params { t_pct: 0.5, ..ok.clone() }, "time_pct");
    bad(P1546Params { t_pct: 60.0, ..ok.clone() }, "time_pct");
    bad(ok.clone().with_locations(0.0), "location_pct");
    bad(ok.clone().with_locations(100.0), "location_pct");
    bad(P1546Params::new(600.0, 50.0, 1500.0, 75.0, 10.0), "distance_km");
    bad(P1546Params::new(600.0, 50.0, 0.0, 75.0, 10.0), "distance_km");
    bad(P1546Params::new(-5.0, 50.0, 10.0, 75.0, 10.0), "frequency_mhz");
    bad(P1546Params::new(f64::NAN, 50.0, 10.0, 75.0, 10.0), "f_mhz");
    bad(P1546Params::new(600.0, 50.0, 10.0, 75.0, 0.5), "rx_height_m");
    bad(P1546Params::new(600.0, 50.0, 10.0, 75.0, 2.0).with_rx(RxEnvironment::Sea, 10.0), "rx_height_m");
    // Outside 30-4000 MHz: computed, with a warning (as the reference does).
    let r = field_strength(&t, &P1546Params::new(5000.0, 50.0, 10.0, 75.0, 10.0)).unwrap();
    assert!(r.warnings.iter().any(|w| w.code == "outside_validity_range"));
    // h1 > 3000 m is limited with a warning.
    let r = field_strength(&t, &P1546Params::new(600.0, 50.0, 100.0, 4000.0, 10.0)).unwrap();
    assert_eq!(r.h1_m, 3000.0);
    assert!(r.warnings.iter().any(|w| w.code == "h1_limited"));
}

#[test]
fn registered_model_without_profile() {
    let Some(root) = spectra_tests::reference_path("validation/p1546") else { return };
    if p1546::installed_tables().is_none() {
        let _ = p1546::set_tables(tables(&root));
    }
    let t = tables(&root);
    let m = model("p1546").expect("p1546 is registered");
    let run = |pairs: &[(&str, &str)]| Case::from_pairs(m.info(), pairs).and_then(|c| m.evaluate(&c));
    let base = [
        ("frequency_mhz", "650"),
        ("distance_km", "40"),
        ("time_pct", "10"),
        ("tx_height_m", "150"),
        ("tx_effective_height_m", "300"),
        ("rx_height_m", "10"),
    ];
    let r = run(&base).unwrap();
    // d >= 15 km: h1 = heff (eq. 7); the CSV path equals the typed API.
    let mut p = P1546Params::new(650.0, 10.0, 40.0, 300.0, 10.0).with_ha(150.0);
    p.r1_m = Some(0.0);
    let typed = field_strength(&t, &p).unwrap();
    assert!((r.loss_db - typed.loss_db).abs() < 1e-12);
    assert!((r.intermediates[0] - typed.e_dbuv_m).abs() < 1e-12);
    // Lb (40) from E.
    assert!((r.loss_db - (139.3 - typed.e_dbuv_m + 20.0 * 650f64.log10())).abs() < 1e-9);
    // Mixed path: warm sea with 10 km of land lies between all land and all sea.
    let with = |extra: &[(&'static str, &'static str)]| {
        let mut v: Vec<(&str, &str)> = base.to_vec();
        v.extend_from_slice(extra);
        run(&v).unwrap()
    };
    let land = with(&[]);
    let sea = with(&[("path_type", "warm_sea")]);
    let mixed = with(&[("path_type", "warm_sea"), ("land_distance_km", "10")]);
    assert!(land.loss_db > mixed.loss_db && mixed.loss_db > sea.loss_db, "{land:?} {mixed:?} {sea:?}");
    assert_eq!(mixed.intermediates[2], 10.0);
    assert_eq!(mixed.intermediates[3], 30.0);
    // Bad input: a land part longer than the path, an unknown choice, a missing column.
    assert!(
        run(&[base.as_slice(), &[("path_type", "cold_sea"), ("land_distance_km", "50")]].concat()).is_err()
    );
    assert!(run(&[base.as_slice(), &[("environment", "jungle")]].concat()).is_err());
    assert!(run(&base[..5]).is_err());
    // Location variability (§12, eq. (33)): Qi(0.1) x 12 dB for a rural receiver without terrain.
    let q90 = with(&[("location_pct", "90")]);
    let q50 = with(&[]);
    let qi_01 = 1.2817; // Annex 5 §16 table, Qi(0.10)
    assert!((q90.intermediates[0] - q50.intermediates[0] + qi_01 * 12.0).abs() < 0.01);
}
