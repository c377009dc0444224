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
        println!(
            "| {prof} | {k} | {:.8} | {e:.8} | {:.1e} | {:.8} | {:.8} |",
            e_log,
            e - e_log,
            log.num("Resulting basic transmission loss"),
            r.loss_db
        );
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
    bad(ok.clone().with_ha(-1.0), "tx_height_m");
    bad(ok.clone().with_rx(RxEnvironment::Urban, -5.0), "rx_clutter_height_m");
    bad(P1546Params { r1_m: Some(-2.0), ..ok.clone() }, "tx_clutter_height_m");
    bad(P1546Params { tca_deg: Some(120.0), ..ok.clone() }, "tca_deg");
    bad(ok.clone().with_path(-1.0, 5.0, SeaType::Cold), "path lengths");
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
    // §3.1.1 without terrain: h1 = ha for d <= 3 km (4), ha + (heff - ha)(d - 3)/12 below
    // 15 km (5); over an all-sea path the height above the sea, heff.
    let h1_at = |d: &'static str, kind: &'static str| {
        let mut v: Vec<(&str, &str)> = base.to_vec();
        v[1] = ("distance_km", d);
        v.push(("path_type", kind));
        run(&v).unwrap().intermediates[1]
    };
    assert_eq!(h1_at("2", "land"), 150.0);
    assert!((h1_at("9", "land") - (150.0 + 150.0 * 6.0 / 12.0)).abs() < 1e-12);
    assert_eq!(h1_at("9", "cold_sea"), 300.0);
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

/// Parameters with no correction but the curves': ha = h2 (no slope), R1 not given, rural
/// receiver at R2 = h2 = 10 m (correction 0), q = 50 %.
fn plain(f: f64, t: f64, d: f64, h1: f64) -> P1546Params {
    P1546Params::new(f, t, d, h1, 10.0).with_ha(10.0)
}

#[test]
fn nominal_points_reproduce_the_tabulation() {
    let Some(root) = spectra_tests::reference_path("validation/p1546") else { return };
    let t = tables(&root);
    use p1546::tables::{figure_number, Family, DISTANCES_KM, FREQUENCIES_MHZ, HEIGHTS_M, TIMES_PCT};
    let mut n = 0;
    for fam in [Family::Land, Family::ColdSea, Family::WarmSea] {
        for &f in &FREQUENCIES_MHZ {
            for &tp in &TIMES_PCT {
                let fig = figure_number(fam, f, tp);
                for (di, &d) in DISTANCES_KM.iter().enumerate().step_by(7) {
                    for (hi, &h1) in HEIGHTS_M.iter().enumerate() {
                        let p = match fam {
                            Family::Land => plain(f, tp, d, h1),
                            Family::ColdSea => plain(f, tp, d, h1).with_path(0.0, d, SeaType::Cold),
                            Family::WarmSea => plain(f, tp, d, h1).with_path(0.0, d, SeaType::Warm),
                        };
                        let r = field_strength(&t, &p).unwrap();
                        // Step 8.1.6 limits to Emax (§2); the tables never exceed it (SOURCES.md).
                        let want = t.value(fig, di, hi).min(r.emax_dbuv_m);
                        assert!((r.e_curves_dbuv_m - want).abs() < 1e-12, "figure {fig} d {d} h1 {h1}");
                        n += 1;
                    }
                }
            }
        }
    }
    assert_eq!(n, 3 * 3 * 3 * 12 * 8);
}

#[test]
fn interpolation_in_distance_height_frequency_and_time() {
    let Some(root) = spectra_tests::reference_path("validation/p1546") else { return };
    let t = tables(&root);
    let e = |p: P1546Params| field_strength(&t, &p).unwrap().e_curves_dbuv_m;
    // Figure 9: 600 MHz land 50 %. Distance index 9 = 10 km, 10 = 11 km; height index 3 = 75 m.
    let (e10, e11) = (t.value(9, 9, 3), t.value(9, 10, 3));
    let want = e10 + (e11 - e10) * (10.5f64 / 10.0).log10() / (11f64 / 10.0).log10(); // (13)
    assert!((e(plain(600.0, 50.0, 10.5, 75.0)) - want).abs() < 1e-12);
    // h1 = 100 m between 75 and 150 m at 10 km (8).
    let (a, b) = (t.value(9, 9, 3), t.value(9, 9, 4));
    let want = a + (b - a) * (100f64 / 75.0).log10() / 2f64.log10();
    assert!((e(plain(600.0, 50.0, 10.0, 100.0)) - want).abs() < 1e-12);
    // h1 = 2 000 m: extrapolated from 600 and 1 200 m (8), then limited to Emax.
    let (a, b) = (t.value(9, 49, 6), t.value(9, 49, 7)); // 300 km
    let want = (a + (b - a) * (2000f64 / 600.0).log10() / 2f64.log10()).min(106.9 - 20.0 * 300f64.log10());
    assert!((e(plain(600.0, 50.0, 300.0, 2000.0)) - want).abs() < 1e-12);
    // f = 300 MHz between 100 (Figure 1) and 600 MHz (Figure 9) (14).
    let (a, b) = (t.value(1, 25, 2), t.value(9, 25, 2)); // 50 km, 37.5 m
    let want = a + (b - a) * (3f64).log10() / 6f64.log10();
    assert!((e(plain(300.0, 50.0, 50.0, 37.5)) - want).abs() < 1e-12);
    // t = 20 % between 10 % (Figure 10) and 50 % (Figure 9) (16), Qi from the §16 table to
    // 4 decimals: Qi(0.1) = 1.2816, Qi(0.2) = 0.8416, Qi(0.5) = 0.
    let (e50, e10) = (t.value(9, 25, 2), t.value(10, 25, 2));
    let want = e50 * (1.2816 - 0.8416) / 1.2816 + e10 * 0.8416 / 1.2816;
    assert!((e(plain(600.0, 20.0, 50.0, 37.5)) - want).abs() < 2e-3 * (e10 - e50).abs().max(1.0));
}

#[test]
fn low_and_negative_h1_over_land() {
    let Some(root) = spectra_tests::reference_path("validation/p1546") else { return };
    let t = tables(&root);
    // §4.2 eqs. (9)-(9b) and §4.3 case b) eq. (12) at 100 MHz, 50 % (Figure 1), d = 20 km.
    let (e10, e20) = (t.value(1, 19, 0), t.value(1, 19, 1));
    let j = |nu: f64| 6.9 + 20.0 * (((nu - 0.1f64).powi(2) + 1.0).sqrt() + nu - 0.1).log10();
    let c_h1 = |h1: f64| 6.03 - j(1.35 * (-h1 / 9000.0f64).atan().to_degrees());
    let e_zero = e10 + 0.5 * ((e10 - e20) + c_h1(-10.0));
    let e = |h1: f64| field_strength(&t, &plain(100.0, 50.0, 20.0, h1)).unwrap().e_curves_dbuv_m;
    assert!((e(4.0) - (e_zero + 0.4 * (e10 - e_zero))).abs() < 1e-12);
    assert!((e(-50.0) - (e_zero + c_h1(-50.0))).abs() < 1e-12);
    // §4.3 case a): the §11 correction with theta_eff1 in place of theta_tca (at 100 MHz).
    let mut pa = plain(100.0, 50.0, 20.0, -50.0);
    pa.theta_eff1_deg = Some(2.0);
    pa.negative_h1 = p1546::NegativeH1::ClearanceAngle;
    let c_a = j(0.036 * 10.0) - j(0.065 * 2.0 * 10.0); // (32a)-(32c), sqrt(100 MHz) = 10
    let ea = field_strength(&t, &pa).unwrap().e_curves_dbuv_m;
    assert!((ea - (e_zero + c_a)).abs() < 1e-12, "{ea} vs {}", e_zero + c_a);
    pa.theta_eff1_deg = None;
    assert!(field_strength(&t, &pa).unwrap_err().to_string().contains("theta_eff1"));
    // monotonic in h1 through 0 and 10 m
    let hs = [-200.0, -50.0, -1.0, 0.0, 1.0, 5.0, 9.99, 10.0, 20.0, 75.0];
    for w in hs.windows(2) {
        assert!(e(w[0]) <= e(w[1]) + 1e-9, "E({}) > E({})", w[0], w[1]);
    }
}

#[test]
fn sea_short_distances_and_low_frequencies() {
    let Some(root) = spectra_tests::reference_path("validation/p1546") else { return };
    let t = tables(&root);
    let sea = |f: f64, tp: f64, d: f64, h1: f64| {
        let p = P1546Params::new(f, tp, d, h1, 10.0).with_ha(10.0).with_path(0.0, d, SeaType::Cold);
        field_strength(&t, &p).unwrap()
    };
    // §6 eq. (15a): below 100 MHz and inside D06(f, h1, 10) the sea value is Emax (1b).
    let emax = |tp: f64, d: f64| {
        106.9 - 20.0 * d.log10() + 2.38 * (1.0 - (-d / 8.94f64).exp()) * (50.0 / tp).log10()
    };
    let r = sea(50.0, 10.0, 1.5, 300.0);
    assert!((r.e_curves_dbuv_m - emax(10.0, 1.5)).abs() < 1e-12);
    // §4.2 eq. (11a): h1 < 10 m over sea inside D06(fnom, h1, 10) gives Emax too.
    let r = sea(600.0, 50.0, 1.0, 5.0);
    assert!((r.e_curves_dbuv_m - emax(50.0, 1.0)).abs() < 1e-12);
    // continuity of the sea h1 < 10 m method across D06 distances: no jump above 1 dB.
    let mut prev = sea(600.0, 50.0, 1.0, 5.0).e_curves_dbuv_m;
    for i in 1..470 {
        let d = 1.01f64.powi(i); // 1 % steps, 1-107 km: Emax itself falls 0.09 dB per step
        let e = sea(600.0, 50.0, d, 5.0).e_curves_dbuv_m;
        assert!((e - prev).abs() < 0.5, "jump at {d} km: {prev} -> {e}");
        prev = e;
    }
    // Warm sea exceeds cold sea at 1 % time.
    let cold = sea(600.0, 1.0, 200.0, 100.0).e_dbuv_m;
    let warm = field_strength(
        &t,
        &P1546Params::new(600.0, 1.0, 200.0, 100.0, 10.0).with_ha(100.0).with_path(0.0, 200.0, SeaType::Warm),
    )
    .unwrap()
    .e_dbuv_m;
    assert!(warm > cold);
}

#[test]
fn short_paths_location_variability_and_distance_monotonicity() {
    let Some(root) = spectra_tests::reference_path("validation/p1546") else { return };
    let t = tables(&root);
    // §15 (38): d <= 0.04 km is free space over the slope distance.
    let p = P1546Params::new(900.0, 50.0, 0.03, 30.0, 1.5).with_ha(30.0);
    let r = field_strength(&t, &p).unwrap();
    let d_slope = (0.03f64 * 0.03 + 1e-6 * 28.5 * 28.5).sqrt();
    assert!((r.e_dbuv_m - (106.9 - 20.0 * d_slope.log10())).abs() < 1e-9);
    // §12 (33), (34): with terrain information, sigma_L = (0.024 f/1000 + 0.52) wa^0.28.
    let mut base = P1546Params::new(900.0, 50.0, 30.0, 60.0, 1.5).with_rx(RxEnvironment::Suburban, 10.0);
    base.square_area_m = Some(500.0);
    let e50 = field_strength(&t, &base).unwrap().e_dbuv_m;
    let e10 = field_strength(&t, &base.clone().with_locations(10.0)).unwrap().e_dbuv_m;
    let sigma = (0.024 * 0.9 + 0.52) * 500f64.powf(0.28);
    assert!((e10 - e50 - 1.2816 * sigma).abs() < 1e-3 * sigma, "{e10} {e50} {sigma}");
    // No location variability for a receiver adjacent to sea.
    let mut s = base.clone().with_rx(RxEnvironment::Sea, 10.0);
    s.h2_m = 5.0;
    let s50 = field_strength(&t, &s.clone()).unwrap().e_dbuv_m;
    assert_eq!(field_strength(&t, &s.with_locations(5.0)).unwrap().e_dbuv_m, s50);
    // Over land the prediction falls with distance for fixed antennas (1-1000 km).
    for (f, tp, h1) in [(100.0, 50.0, 37.5), (600.0, 10.0, 150.0), (2000.0, 1.0, 600.0), (3500.0, 20.0, 20.0)]
    {
        let mut prev = f64::INFINITY;
        for i in 0..=400 {
            let d = 0.01 * 100000f64.powf(i as f64 / 400.0); // 0.01 .. 1000 km
            let e = field_strength(&t, &P1546Params::new(f, tp, d, h1, 10.0)).unwrap().e_dbuv_m;
            assert!(e <= prev + 1e-9, "f {f} t {tp} h1 {h1}: E rises at {d} km ({prev} -> {e})");
            prev = e;
        }
    }
}

#[test]
fn malformed_or_too_long_profiles_are_errors() {
    let Some(root) = spectra_tests::reference_path("validation/p1546") else { return };
    if p1546::installed_tables().is_none() {
        let _ = p1546::set_tables(tables(&root));
    }
    let m = model("p1546-profile").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let run = |body: &str| {
        let path = dir.path().join("p.csv");
        std::fs::write(&path, body).unwrap();
        let pairs = [
            ("frequency_mhz", "600"),
            ("time_pct", "50"),
            ("tx_height_m", "30"),
            ("rx_height_m", "10"),
            ("profile", path.to_str().unwrap()),
        ];
        Case::from_pairs(m.info(), &pairs).and_then(|c| m.evaluate(&c)).map_err(|e| e.to_string())
    };
    assert!(run("distance_km,height_m\n0,10\n5,20\n10,15\n").is_ok());
    let e = run("distance_km,height_m\n0,10\n5,abc\n").unwrap_err();
    assert!(e.contains("line 3"), "{e}");
    let e = run("distance_km,height_m\n0,10\n").unwrap_err();
    assert!(e.contains("at least 2"), "{e}");
    let e = run("distance_km,height_m\n0,10\n1200,10\n").unwrap_err();
    assert!(e.contains("1000"), "{e}");
    let e = run("distance_km,height_m,zone\n0,10,A2\n5,20,X\n").unwrap_err();
    assert!(e.contains("zone"), "{e}");
}

#[test]
fn annex5_1_1_designation_matches_the_reference_swapped_cases() {
    // The reference validation runs each `*_annex5_para1.1` profile with its terminals swapped
    // (Annex 5 §1.1). From the un-swapped profile, spectra's designation must ask for the swap,
    // and h1 of the swapped path must equal the swapped log's h1.
    let Some(root) = spectra_tests::reference_path("validation/p1546") else { return };
    use spectra_core::terrain::Profile;
    for (plain_name, swapped_log) in
        [("misc", "misc_annex5_para1.1_1_log.csv"), ("rburg", "rburg_annex5_para1.1_1_log.csv")]
    {
        let sg3 = Sg3Profile::read(&root.join("validation_profiles").join(format!("{plain_name}.csv")));
        assert!(sg3.first_point_tx);
        let plain_log = Log::read(&root.join("validation_results").join(format!("{plain_name}_1_log.csv")));
        let swapped = Log::read(&root.join("validation_results").join(swapped_log));
        let p = Profile::new(sg3.x_km.clone(), sg3.h_m.clone()).unwrap();
        let (ha, r1) = (plain_log.num("Tx antenna height a. g."), plain_log.num("Tx clutter height"));
        let (h2, r2) = (plain_log.num("Rx antenna height a. g."), plain_log.num("Rx clutter height"));
        assert!(p1546::end_terminal_transmits(&p, ha, r1, h2, r2).unwrap(), "{plain_name}");
        let g = p1546::path_geometry(&p.reversed(), h2, ha).unwrap();
        let want = swapped.num("Tx antenna height h1");
        assert!((g.h1_m - want).abs() <= 5e-6 * want.abs(), "{plain_name}: {} vs {want}", g.h1_m);
    }
    // b2iseac keeps its designation: 60 m above 10 m clutter, h1 = 539 m, against 7 m at the sea.
    let sg3 = Sg3Profile::read(&root.join("validation_profiles/b2iseac.csv"));
    let p = Profile::new(sg3.x_km.clone(), sg3.h_m.clone()).unwrap();
    assert!(!p1546::end_terminal_transmits(&p, 60.0, 10.0, 7.0, 0.0).unwrap());
}

#[test]
fn emax_matches_the_tabulated_maximum_column() {
    // The tables' "maximum field strength" column (`p1546_6_emax.csv`, 4 decimals) against
    // Annex 5 §2 (1a), (1b), (2), (3) as computed by spectra, for all 24 x 78 rows. Tolerance
    // 5.1e-5: the column is the ITU 6-decimal value (itself within 5e-7 of the formula, per
    // SOURCES.md) rounded to 4 decimals, so half a unit of the 4th decimal plus 5e-7.
    let Some(root) = spectra_tests::reference_path("validation/p1546") else { return };
    let t = tables(&root);
    let text = std::fs::read_to_string(root.join("tables/p1546_6_emax.csv")).unwrap();
    let mut n = 0;
    for line in text.lines().skip(1) {
        let c: Vec<&str> = line.split(',').collect();
        let (kind, f, tp, d, want): (&str, f64, f64, f64, f64) = (
            c[1],
            c[2].parse().unwrap(),
            c[3].parse().unwrap(),
            c[4].parse().unwrap(),
            c[5].parse().unwrap(),
        );
        let p = plain(f, tp, d, 100.0);
        let p = match kind {
            "land" => p,
            "warm_sea" => p.with_path(0.0, d, SeaType::Warm),
            _ => p.with_path(0.0, d, SeaType::Cold),
        };
        let got = field_strength(&t, &p).unwrap().emax_dbuv_m;
        assert!((got - want).abs() <= 5.1e-5, "{line}: {got}");
        n += 1;
    }
    assert_eq!(n, 24 * 78);
}

#[test]
fn tables_can_be_installed_once() {
    let Some(root) = spectra_tests::reference_path("validation/p1546") else { return };
    let _ = p1546::set_tables(tables(&root));
    assert!(p1546::installed_tables().is_some());
    let e = p1546::set_tables(tables(&root)).unwrap_err().to_string();
    assert!(e.contains("already installed"), "{e}");
}
