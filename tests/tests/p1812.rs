//! ITU-R P.1812-6 against the ITU-R SG3 reference logs in `validation/p1812/` (see its
//! SOURCES.md): the inputs of every case are taken from its per-case log
//! (`validation_results/<profile>_<k>.csv`), the terrain, clutter and zones from the profile file,
//! and every logged intermediate value and the final L_b and E_p are compared.
use spectra_core::propagation::p1812::{P1812Path, P1812PathParams, P1812Point};
use spectra_core::propagation::p526::Polarization;
use spectra_core::propagation::{model, Case};
use spectra_core::terrain::{Profile, Zone};
use spectra_tests::reference_path;
use std::collections::HashMap;
use std::path::Path;

/// Terrain profile of an ITU-R SG3 measurement-data file: distance, height, coverage code,
/// ground-cover (clutter) height, radio-meteorological code (1 sea, 3 coastal land, 4 inland).
fn read_sg3_profile(path: &Path) -> Profile {
    let text = std::fs::read_to_string(path).expect("profile readable");
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.iter().position(|l| l.starts_with("Number of Points:")).expect("profile block");
    let n: usize = lines[start].split(',').nth(1).unwrap().trim().parse().expect("point count");
    let mut p = Profile {
        distance_km: Vec::new(),
        height_m: Vec::new(),
        zone: Some(Vec::new()),
        clutter_height_m: Some(Vec::new()),
    };
    for line in &lines[start + 1..start + 1 + n] {
        let c: Vec<&str> = line.split(',').collect();
        let num =
            |i: usize| -> f64 { c[i].trim().parse().unwrap_or_else(|_| panic!("bad number in {line:?}")) };
        p.distance_km.push(num(0));
        p.height_m.push(num(1));
        p.clutter_height_m.as_mut().unwrap().push(num(3));
        let zone = match c[4].trim() {
            "1" => Zone::Sea,
            "3" => Zone::CoastalLand,
            "4" => Zone::Inland,
            z => panic!("unknown radio-met code {z}"),
        };
        p.zone.as_mut().unwrap().push(zone);
    }
    p
}

/// `name -> value` of a reference log (`name,ref,,value,` lines).
fn read_log(path: &Path) -> HashMap<String, f64> {
    let text = std::fs::read_to_string(path).expect("log readable");
    let mut out = HashMap::new();
    for line in text.lines() {
        let c: Vec<&str> = line.split(',').collect();
        if c.len() >= 4 {
            if let Ok(v) = c[3].trim().parse::<f64>() {
                // Later entries with the same name (the corrected hst/hsr) keep their ref.
                let key = format!("{}|{}", c[0].trim(), c[1].trim());
                out.insert(key, v);
            }
        }
    }
    out
}

fn get(log: &HashMap<String, f64>, name: &str) -> f64 {
    log.iter()
        .find(|(k, _)| k.split('|').next() == Some(name))
        .map(|(_, v)| *v)
        .unwrap_or_else(|| panic!("{name} missing from log"))
}

fn get_ref(log: &HashMap<String, f64>, name: &str, eq: &str) -> f64 {
    *log.get(&format!("{name}|{eq}")).unwrap_or_else(|| panic!("{name} {eq} missing"))
}

#[test]
fn itu_reference_logs() {
    let Some(dir) = reference_path("validation/p1812") else {
        return;
    };
    let mut logs: Vec<_> = std::fs::read_dir(dir.join("validation_results"))
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.file_name().is_some_and(|n| n != "combined_results.csv"))
        .collect();
    logs.sort();
    let (mut n, mut max_lb, mut max_ep, mut max_inter) = (0, 0.0f64, 0.0f64, 0.0f64);
    let mut worst_inter = String::new();
    for log_path in &logs {
        let stem = log_path.file_stem().unwrap().to_str().unwrap();
        let (profile_name, _) = stem.rsplit_once('_').expect("<profile>_<k>");
        let profile = read_sg3_profile(&dir.join("validation_profiles").join(format!("{profile_name}.csv")));
        let log = read_log(log_path);
        let params = P1812PathParams {
            htg_m: get(&log, "htg (m)"),
            hrg_m: get(&log, "hrg (m)"),
            tx_lat_deg: get(&log, "phi_t (deg)"),
            tx_lon_deg: get(&log, "lam_t (deg)"),
            rx_lat_deg: get(&log, "phi_r (deg)"),
            rx_lon_deg: get(&log, "lam_r (deg)"),
            delta_n: get(&log, "DN"),
            n0: get(&log, "N0"),
            dct_km: get(&log, "dct (km)"),
            dcr_km: get(&log, "dcr (km)"),
            attachment4: false,
        };
        let path = P1812Path::new(&profile, params).expect("valid path");
        let pol = if get(&log, "pol") == 2.0 { Polarization::Vertical } else { Polarization::Horizontal };
        let r = path
            .evaluate(P1812Point {
                f_ghz: get(&log, "f (GHz)"),
                p: get(&log, "p (%)"),
                pl: get(&log, "pL (%)"),
                sigma_l_db: get(&log, "sigmaL (dB)"),
                pol,
                erp_kw: get(&log, "Ptx (kW)"),
                building: None,
            })
            .expect("valid case");
        // Issue requirement: L_b and E_p to 0.01 dB. The logs print 10 significant digits, our
        // implementation follows the same equations, so the expected agreement is ~1e-7 dB;
        // 0.01 dB is the acceptance limit, the observed maximum is printed.
        let lb_err = (r.lb_db - get_ref(&log, "Lb (dB)", "Eq (69)")).abs();
        let ep_err = (r.ep_erp_dbuv_m - get(&log, "Ep (dBuV/m) w.r.t. Ptx")).abs();
        let ep1_err = (r.ep_dbuv_m - get_ref(&log, "Ep (dBuV/m)", "Eq (70)")).abs();
        assert!(lb_err <= 0.01, "{stem}: Lb = {} (error {lb_err})", r.lb_db);
        assert!(ep_err <= 0.01 && ep1_err <= 0.01, "{stem}: Ep = {} (error {ep_err})", r.ep_erp_dbuv_m);
        max_lb = max_lb.max(lb_err);
        max_ep = max_ep.max(ep_err);
        // Every logged intermediate: printed to 10 significant digits, so compare with a relative
        // tolerance of 1e-8 (plus 1e-8 absolute for values near zero).
        let g = &path.geometry;
        let inter = [
            ("dlt (km)", "Eq (78)", g.dlt_km),
            ("dlr (km)", "Eq (81a)", g.dlr_km),
            ("th_t (mrad)", "Eqs (76-78)", g.theta_t_mrad),
            ("th_r (mrad)", "Eqs (79-81)", g.theta_r_mrad),
            ("th (mrad)", "Eq (82)", g.theta_mrad),
            ("w", "Table 5", g.omega),
            ("dtm (km)", "Sec 3.6", g.dtm_km),
            ("dlm (km)", "Sec 3.6", g.dlm_km),
            ("phi (deg)", "Eq (4)", g.phi_deg),
            ("b0 (%)", "Eq (5)", g.b0),
            ("ae (km)", "Eq (7a)", g.ae_km),
            ("hst (m)", "Eq (85)", g.hst_n_m),
            ("hsr (m)", "Eq (86)", g.hsr_n_m),
            ("hst (m)", "Eq (90a)", g.hst_m),
            ("hsr (m)", "Eq (90b)", g.hsr_m),
            ("hstd (m)", "Eq (89)", g.hstd_m),
            ("hsrd (m)", "Eq (89)", g.hsrd_m),
            ("hte (m)", "Eq (92a)", g.hte_m),
            ("hre (m)", "Eq (92b)", g.hre_m),
            ("hm (m)", "Eq (93)", g.hm_m),
            ("Fi", "Eq (40)", r.fi),
            ("Fj", "Eq (57)", r.fj),
            ("Fk", "Eq (58)", r.fk),
            ("Lbfs", "Eq (8)", r.lbfs_db),
            ("Lb0p", "Eq (10)", r.lb0p_db),
            ("Lb0b", "Eq (11)", r.lb0b_db),
            ("Lbulla (dB)", "Eq (21)", r.lbulla_db),
            ("Lbulls (dB)", "Eq (21)", r.lbulls_db),
            ("Ldsph (dB)", "Eq (27)", r.ldsph_db),
            ("Ld50 (dB)", "Eq (39)", r.ld50_db),
            ("Ldb (dB)", "Eq (39)", r.ldb_db),
            ("Ldp (dB)", "Eq (41)", r.ldp_db),
            ("Lbd50 (dB)", "Eq (42)", r.lbd50_db),
            ("Lbd (dB)", "Eq (43)", r.lbd_db),
            ("Lminb0p (dB)", "Eq (59)", r.lminb0p_db),
            ("Lba (dB)", "Eq (46)", r.lba_db),
            ("Lminbap (dB)", "Eq (60)", r.lminbap_db),
            ("Lbda (dB)", "Eq (61)", r.lbda_db),
            ("Lbam (dB)", "Eq (62)", r.lbam_db),
            ("Lbs (dB)", "Eq (44)", r.lbs_db),
            ("Lbc (dB)", "Eq (63)", r.lbc_db),
        ];
        for (name, eq, ours) in inter {
            let want = get_ref(&log, name, eq);
            let err = (ours - want).abs() / want.abs().max(1.0);
            assert!(err <= 1e-8, "{stem}: {name} {eq} = {ours} vs {want} (relative error {err:e})");
            if err > max_inter {
                max_inter = err;
                worst_inter = format!("{stem} {name}");
            }
        }
        n += 1;
    }
    assert_eq!(n, 63);
    eprintln!(
        "P.1812 reference logs: {n} cases, max |error| Lb {max_lb:e} dB, Ep {max_ep:e} dB, \
         max relative error of intermediates {max_inter:e} ({worst_inter})"
    );
}

/// The command-line adapter: the same reference case through a profile CSV
/// (`distance_km,height_m,clutter_height_m,zone`) and the model's columns.
#[test]
fn registry_adapter_matches_reference_case() {
    let Some(dir) = reference_path("validation/p1812") else {
        return;
    };
    let profile = read_sg3_profile(&dir.join("validation_profiles/b2iseac.csv"));
    let log = read_log(&dir.join("validation_results/b2iseac_2.csv"));
    let tmp = tempfile::tempdir().expect("tempdir");
    let csv_path = tmp.path().join("b2iseac_profile.csv");
    let mut text = String::from("distance_km,height_m,clutter_height_m,zone\n");
    let zones = profile.zone.as_ref().unwrap();
    let clutter = profile.clutter_height_m.as_ref().unwrap();
    for i in 0..profile.len() {
        let z = match zones[i] {
            Zone::Sea => "B",
            Zone::CoastalLand => "A1",
            Zone::Inland => "A2",
        };
        text.push_str(&format!("{},{},{},{}\n", profile.distance_km[i], profile.height_m[i], clutter[i], z));
    }
    std::fs::write(&csv_path, text).unwrap();
    let m = model("p1812").expect("registered");
    let s = |v: f64| format!("{v}");
    let values = [
        ("profile", csv_path.to_str().unwrap().to_owned()),
        ("frequency_mhz", s(get(&log, "f (GHz)") * 1e3)),
        ("time_pct", s(get(&log, "p (%)"))),
        ("tx_height_m", s(get(&log, "htg (m)"))),
        ("rx_height_m", s(get(&log, "hrg (m)"))),
        ("tx_lat_deg", s(get(&log, "phi_t (deg)"))),
        ("tx_lon_deg", s(get(&log, "lam_t (deg)"))),
        ("rx_lat_deg", s(get(&log, "phi_r (deg)"))),
        ("rx_lon_deg", s(get(&log, "lam_r (deg)"))),
        ("delta_n", s(get(&log, "DN"))),
        ("n0", s(get(&log, "N0"))),
        ("tx_erp_kw", s(get(&log, "Ptx (kW)"))),
    ];
    let pairs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let case = Case::from_pairs(m.info(), &pairs).expect("valid case");
    let out = m.evaluate(&case).expect("evaluates");
    // f = 95.3 MHz goes through the frequency as MHz text: 1e-6 dB covers the decimal round trip.
    assert!((out.loss_db - get_ref(&log, "Lb (dB)", "Eq (69)")).abs() <= 1e-6, "{}", out.loss_db);
    assert!((out.intermediates[0] - get(&log, "Ep (dBuV/m) w.r.t. Ptx")).abs() <= 1e-6);
    assert!(out.warnings.is_empty());
    // Indoors: the P.2109 median loss of a traditional building is added to L_b.
    let mut indoor = pairs.clone();
    indoor.push(("building_type", "traditional"));
    let out_in = m.evaluate(&Case::from_pairs(m.info(), &indoor).unwrap()).unwrap();
    let bel = spectra_core::propagation::p2109::building_entry_loss(
        0.0953,
        50.0,
        spectra_core::propagation::p2109::BuildingType::Traditional,
        0.0,
    )
    .unwrap()
    .l_bel_db;
    assert!((out_in.loss_db - out.loss_db - bel).abs() < 1e-9);
}

#[test]
fn refuses_what_the_reference_refuses() {
    let d: Vec<f64> = (0..=10).map(|i| i as f64).collect();
    let profile = Profile::new(d, vec![100.0; 11]).unwrap();
    let params = P1812PathParams {
        htg_m: 10.0,
        hrg_m: 10.0,
        tx_lat_deg: 45.0,
        tx_lon_deg: 7.0,
        rx_lat_deg: 45.09,
        rx_lon_deg: 7.0,
        delta_n: 45.0,
        n0: 325.0,
        dct_km: 500.0,
        dcr_km: 500.0,
        attachment4: false,
    };
    let path = P1812Path::new(&profile, params).unwrap();
    let pt = P1812Point {
        f_ghz: 0.6,
        p: 50.0,
        pl: 50.0,
        sigma_l_db: 5.5,
        pol: Polarization::Horizontal,
        erp_kw: 1.0,
        building: None,
    };
    assert!(path.evaluate(P1812Point { p: 0.5, ..pt }).is_err(), "p < 1 %");
    assert!(path.evaluate(P1812Point { p: 51.0, ..pt }).is_err(), "p > 50 %");
    assert!(path.evaluate(P1812Point { pl: 100.0, ..pt }).is_err(), "pL = 100 %");
    assert!(P1812Path::new(&profile, P1812PathParams { htg_m: 0.5, ..params }).is_err(), "h < 1 m");
    let short = Profile::new(vec![0.0, 1.0, 2.0, 3.0], vec![0.0; 4]).unwrap();
    assert!(P1812Path::new(&short, params).is_err(), "4 profile points");
    // Location variability: at pL = 50 % nothing changes; above, the loss grows by I(pL)·σ_L.
    let median = path.evaluate(pt).unwrap().lb_db;
    let p90 = path.evaluate(P1812Point { pl: 90.0, ..pt }).unwrap();
    assert!(p90.lb_db > median);
    assert!((p90.lloc_db - 5.5 * 1.2815).abs() < 0.01);
}

/// Attachment 4 replaces only L_bulls (the Bullington loss of the smooth path) by its closed
/// form; on the reference paths the two must give nearly the same L_bulls, and nothing else in
/// the chain may change.
#[test]
fn attachment4_changes_only_the_smooth_path_bullington_loss() {
    let Some(dir) = reference_path("validation/p1812") else {
        return;
    };
    let mut max_diff = 0.0f64;
    for (name, k) in
        [("b2iseac", 1), ("rburg", 2), ("rburg_rural_noclutter_los", 1), ("b2iseac_rural_land_10km", 3)]
    {
        let profile = read_sg3_profile(&dir.join(format!("validation_profiles/{name}.csv")));
        let log = read_log(&dir.join(format!("validation_results/{name}_{k}.csv")));
        let params = P1812PathParams {
            htg_m: get(&log, "htg (m)"),
            hrg_m: get(&log, "hrg (m)"),
            tx_lat_deg: get(&log, "phi_t (deg)"),
            tx_lon_deg: get(&log, "lam_t (deg)"),
            rx_lat_deg: get(&log, "phi_r (deg)"),
            rx_lon_deg: get(&log, "lam_r (deg)"),
            delta_n: get(&log, "DN"),
            n0: get(&log, "N0"),
            dct_km: get(&log, "dct (km)"),
            dcr_km: get(&log, "dcr (km)"),
            attachment4: false,
        };
        let pt = P1812Point {
            f_ghz: get(&log, "f (GHz)"),
            p: get(&log, "p (%)"),
            pl: 50.0,
            sigma_l_db: 0.0,
            pol: Polarization::Horizontal,
            erp_kw: 1.0,
            building: None,
        };
        let a = P1812Path::new(&profile, params).unwrap().evaluate(pt).unwrap();
        let b = P1812Path::new(&profile, P1812PathParams { attachment4: true, ..params })
            .unwrap()
            .evaluate(pt)
            .unwrap();
        assert_eq!(a.lbulla_db, b.lbulla_db);
        assert_eq!(a.ldsph_db, b.ldsph_db);
        assert_eq!(a.lbs_db, b.lbs_db);
        // The profile-point construction samples the smooth Earth only at the profile points,
        // the closed form finds the exact grazing point: they differ by the sampling error only.
        let diff = (a.lbulls_db - b.lbulls_db).abs();
        // Observed 4e-4 dB with 0.1-0.2 km steps; 0.05 dB bounds that sampling error.
        assert!(diff < 0.05, "{name}: L_bulls {} vs {}", a.lbulls_db, b.lbulls_db);
        max_diff = max_diff.max(diff);
    }
    eprintln!("Attachment 4 vs profile points: max |L_bulls difference| {max_diff:.4} dB");
}
