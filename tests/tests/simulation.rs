//! Monte Carlo engine: SEAMCAT handbook values, closed-form probabilities, determinism across
//! threads and shards, confidence-interval coverage and invalid-input messages.
use spectra_core::propagation::free_space::free_space_loss_db;
use spectra_core::simulation::{merge, Results, Scenario, Shard, Simulation, Tally};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/scenarios").join(name)
}

fn read(name: &str) -> Scenario {
    Scenario::read(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn run(s: &Scenario) -> Tally {
    let sim = Simulation::with_base_dir(s, &fixture("")).unwrap();
    sim.run(0, s.simulation.events, &|_| {}).unwrap()
}

fn results(s: &Scenario) -> Results {
    let t = run(s);
    Results::new(
        spectra_core::simulation::results::scenario_hash(s),
        s.simulation.seed,
        s.simulation.events,
        None,
        &t,
    )
}

fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "fixture text lacks {from:?}");
    text.replacen(from, to, 1)
}

// ---------------------------------------------------------------------------------------------
// SEAMCAT handbook worked example (ECC Report 252): dRSS -53.5 dBm, iRSS_unwanted -77.5 dBm,
// iRSS_blocking -113.5 dBm (protection-ratio mode), -94.5 dBm (user-defined), sensitivity mode.
// Tolerance 0.06 dB: the handbook writes free-space loss with the constant 32.5 where P.525-4
// gives 32.4478 (0.052 dB) and prints results to 0.1 dB; every event of this fixed geometry has
// the same levels, so there is no statistical error.
// ---------------------------------------------------------------------------------------------
const HANDBOOK_TOL_DB: f64 = 0.06;

fn mean(r: &Results, signal: &str) -> f64 {
    r.signals[signal].mean_dbm.unwrap_or_else(|| panic!("{signal} absent"))
}

#[test]
fn seamcat_handbook_drss_unwanted_and_blocking() {
    let s = read("seamcat-handbook.toml");
    let r = results(&s);
    let check = |name: &str, got: f64, want: f64| {
        assert!((got - want).abs() <= HANDBOOK_TOL_DB, "{name}: {got} dBm vs handbook {want} dBm");
    };
    check("dRSS (eq. 17)", mean(&r, "drss"), -53.5);
    check("iRSS unwanted (eq. 21)", mean(&r, "irss_unwanted"), -77.5);
    check("iRSS blocking, protection-ratio mode (eq. 24)", mean(&r, "irss_blocking"), -113.5);
    // Constant geometry: no spread.
    assert!(r.signals["drss"].std_dev_db.unwrap() < 1e-6);
    // C/I = -53.5 - (-77.5) = 24 dB > 19 dB: never interfered (handbook 4.1); I/N = 32.5 dB > 0.
    assert_eq!(r.criteria["c_over_i"].probability, Some(0.0));
    assert_eq!(r.criteria["i_over_n"].probability, Some(1.0));
    // Blocking alone: I/N = -113.5 + 110 = -3.5 dB < 0 dB: not interfered.
    assert_eq!(r.criteria["i_over_n"].by_mechanism["blocking"].probability, Some(0.0));

    // Handbook 4.2.1, user-defined mode: attenuation = 40 dB, iRSS = -54.5 - 40 = -94.5 dBm.
    let text = std::fs::read_to_string(fixture("seamcat-handbook.toml")).unwrap();
    let user =
        Scenario::parse(&edit(&text, "mode = \"protection-ratio\"", "mode = \"user-defined\"")).unwrap();
    check("iRSS blocking, user-defined mode (eq. 22)", mean(&results(&user), "irss_blocking"), -94.5);
    // Handbook 4.2.2, sensitivity mode: attenuation = 40 - (-94) + 16 - 0 = 150 dB (eq. 23).
    let sens =
        Scenario::parse(&edit(&text, "mode = \"protection-ratio\"", "mode = \"sensitivity\"")).unwrap();
    check("iRSS blocking, sensitivity mode (eq. 23)", mean(&results(&sens), "irss_blocking"), -54.5 - 150.0);
}

#[test]
fn format_example_runs_as_written() {
    // The example: dRSS = 30 + 9 + 9 - L_fs(1000 MHz, 3 km) in every event; the
    // co-channel interferer delivers all its power: iRSS = 33 + 11 + 9 - L_fs(d) for d in
    // [1, 10] km, i.e. -59.45 to -39.45 dBm (handbook 4.6: "-59.5 to -39.5 dBm" with 32.5).
    let s = read("format-example.toml");
    assert_eq!((s.simulation.events, s.simulation.seed), (100_000, 7));
    let short = Scenario {
        simulation: spectra_core::simulation::scenario::SimulationSettings { events: 20_000, seed: 7 },
        ..s
    };
    let r = results(&short);
    let drss = 48.0 - free_space_loss_db(1000.0, 3.0);
    // 2^-24 dB quantisation of the streaming statistics.
    assert!((mean(&r, "drss") - drss).abs() < 1e-6);
    let lo = 53.0 - free_space_loss_db(1000.0, 10.0);
    let hi = 53.0 - free_space_loss_db(1000.0, 1.0);
    let irss = &r.signals["irss"];
    assert!(irss.min_dbm.unwrap() >= lo - 1e-6 && irss.max_dbm.unwrap() <= hi + 1e-6, "{irss:?}");
    // 20 000 draws cover the range to within 0.05 dB at both ends (P(miss) < 1e-20).
    assert!(irss.min_dbm.unwrap() < lo + 0.05 && irss.max_dbm.unwrap() > hi - 0.05);
    // C/I = dRSS - iRSS <= -53.99 + 59.45 = 5.5 dB < 19 dB: always interfered.
    assert_eq!(r.criteria["c_over_i"].probability, Some(1.0));
    assert_eq!(r.criteria["c_over_i"].events_counted, 20_000);
}

// ---------------------------------------------------------------------------------------------
// Closed form: an interferer uniform in the annulus [r1, r2] at free space. I/N > t exactly when
// d < d_t, with L_fs(d_t) = P + G_t + G_r - N - t, so P = (d_t^2 - r1^2) / (r2^2 - r1^2).
// ---------------------------------------------------------------------------------------------
fn annulus(events: u64, seed: u64, t_db: f64) -> Scenario {
    let text = std::fs::read_to_string(fixture("format-example.toml")).unwrap();
    let text = edit(
        &text,
        "criteria = { c_over_i_db = 19, i_over_n_db = 0 }",
        &format!("criteria = {{ i_over_n_db = {t_db} }}"),
    );
    let text = edit(&text, "min_km = 1, max_km = 10", "min_km = 2, max_km = 8");
    let text = edit(&text, "events = 100000", &format!("events = {events}"));
    let text = edit(&text, "seed = 7", &format!("seed = {seed}"));
    Scenario::parse(&text).unwrap()
}

fn annulus_exact(t_db: f64) -> f64 {
    // 33 dBm + 11 dBi + 9 dBi - (-110 dBm) - t = L_fs(d_t).
    let l = 33.0 + 11.0 + 9.0 + 110.0 - t_db;
    let d_t = 10f64.powf((l - free_space_loss_db(1000.0, 1.0)) / 20.0);
    ((d_t * d_t - 4.0) / (64.0 - 4.0)).clamp(0.0, 1.0)
}

#[test]
fn annulus_probability_is_a_ratio_of_areas() {
    let t = 56.0; // d_t = 5.31 km, exact probability 0.4036
    let p = annulus_exact(t);
    assert!(p > 0.3 && p < 0.5, "{p}");
    let r = results(&annulus(200_000, 2024, t));
    let c = &r.criteria["i_over_n"];
    let [lo, hi] = c.ci95.unwrap();
    assert!(
        lo <= p && p <= hi,
        "exact {p} outside the 95 % interval [{lo}, {hi}] (estimate {:?})",
        c.probability
    );
    // The interval is as narrow as binomial statistics say: half-width ~ 1.96 sqrt(p(1-p)/n).
    assert!((hi - lo) / 2.0 < 1.1 * 1.96 * (p * (1.0 - p) / 200_000.0).sqrt());
}

#[test]
fn confidence_interval_coverage_is_95_percent() {
    // 400 independent runs (seeds 0..399) of 1000 events: the share of 95 % intervals holding
    // the exact probability is binomial(400, 0.95): mean 0.95, standard deviation 0.011; we
    // accept [0.91, 0.985] (beyond 3.5 standard deviations below, 3 above).
    let t = 56.0;
    let p = annulus_exact(t);
    let covered = (0..400u64)
        .filter(|&seed| {
            let r = results(&annulus(1000, seed, t));
            let [lo, hi] = r.criteria["i_over_n"].ci95.unwrap();
            lo <= p && p <= hi
        })
        .count();
    let share = covered as f64 / 400.0;
    assert!((0.91..=0.985).contains(&share), "coverage {share}");
}

// ---------------------------------------------------------------------------------------------
// Determinism: the same bits for any number of threads, any shard split and merge.
// ---------------------------------------------------------------------------------------------
fn apt700(events: u64) -> Scenario {
    let mut s = read("apt700-ue-into-dtt.toml");
    s.simulation.events = events;
    s
}

#[test]
fn identical_results_for_any_thread_count() {
    let s = apt700(30_000);
    let sim = Simulation::with_base_dir(&s, &fixture("")).unwrap();
    let on = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        pool.install(|| sim.run(0, 30_000, &|_| {}).unwrap())
    };
    let one = on(1);
    assert_eq!(one, on(2));
    assert_eq!(one, on(3));
    // Events are pure functions of (seed, index).
    assert_eq!(sim.event(12_345).unwrap(), sim.event(12_345).unwrap());
}

#[test]
fn merged_shards_give_the_same_bytes_as_one_run() {
    let s = apt700(20_000);
    let hash = spectra_core::simulation::results::scenario_hash(&s);
    let sim = Simulation::with_base_dir(&s, &fixture("")).unwrap();
    let whole =
        Results::new(hash.clone(), s.simulation.seed, 20_000, None, &sim.run(0, 20_000, &|_| {}).unwrap())
            .to_json();
    let shard = |i: u64, n: u64| {
        let sh = Shard::new(i, n, 20_000);
        let t = sim.run(sh.first_event, sh.end_event, &|_| {}).unwrap();
        // Through text, as `spectra merge` reads shard files.
        Results::from_json(&Results::new(hash.clone(), s.simulation.seed, 20_000, Some(sh), &t).to_json())
            .unwrap()
    };
    let parts: Vec<Results> = [2, 0, 1].iter().map(|&i| shard(i, 3)).collect();
    assert_eq!(merge(&parts).unwrap().to_json(), whole);
    let seven: Vec<Results> = (0..7).map(|i| shard(i, 7)).collect();
    assert_eq!(merge(&seven).unwrap().to_json(), whole);

    // Refusals: a missing shard, a duplicated shard, a shard of another run.
    let e = merge(&parts[..2]).unwrap_err().to_string();
    assert!(e.contains("shard(s) 1/3"), "{e}");
    let e = merge(&[parts[0].clone(), parts[1].clone(), parts[1].clone()]).unwrap_err().to_string();
    assert!(e.contains("duplicated"), "{e}");
    let mut other = parts[2].clone();
    other.seed += 1;
    let e = merge(&[parts[0].clone(), parts[1].clone(), other]).unwrap_err().to_string();
    assert!(e.contains("seed"), "{e}");
    let mut other = parts[2].clone();
    other.scenario_hash = "fnv1a64:0000000000000000".into();
    let e = merge(&[parts[0].clone(), parts[1].clone(), other]).unwrap_err().to_string();
    assert!(e.contains("scenario_hash"), "{e}");
    let e = merge(&[Results::from_json(&whole).unwrap()]).unwrap_err().to_string();
    assert!(e.contains("shard"), "{e}");
}

#[test]
fn fast_extended_hata_path_equals_the_generic_model() {
    // The engine calls Extended Hata's typed function; with `location_pct = 50` (median) the
    // same path goes through the registry's text Case. Both must give the same levels.
    let text = std::fs::read_to_string(fixture("apt700-ue-into-dtt.toml")).unwrap();
    let fast = Scenario::parse(&edit(&text, "variations = true", "variations = false")).unwrap();
    let generic = Scenario::parse(&edit(
        &edit(&text, "variations = true", "variations = false"),
        "roof_top = \"above\", variations = false",
        "roof_top = \"above\", location_pct = 50",
    ))
    .unwrap();
    let (a, b) = (Simulation::new(&fast).unwrap(), Simulation::new(&generic).unwrap());
    for e in 0..200 {
        let (x, y) = (a.event(e).unwrap(), b.event(e).unwrap());
        // Text formatting of the inputs is exact (shortest round-trip); 1e-9 dB covers libm.
        assert!((x.irss_dbm - y.irss_dbm).abs() < 1e-9, "{x:?} {y:?}");
        assert!((x.drss_dbm - y.drss_dbm).abs() < 1e-9, "{x:?} {y:?}");
    }
}

#[test]
fn every_fixture_runs() {
    for name in [
        "seamcat-handbook.toml",
        "format-example.toml",
        "apt700-ue-into-dtt.toml",
        "imt2020-3500-into-fss.toml",
        "ppdr-700-next-to-lte.toml",
    ] {
        let mut s = read(name);
        s.simulation.events = 2_000;
        let r = results(&s);
        assert!(!r.criteria.is_empty(), "{name}");
        for (k, c) in &r.criteria {
            let p = c.probability.unwrap_or_else(|| panic!("{name}: {k} counted no events"));
            assert!((0.0..=1.0).contains(&p), "{name}: {k} = {p}");
        }
        assert_eq!(r.signals["drss"].events_present, 2_000, "{name}");
    }
}

#[test]
fn intermodulation_follows_seamcat_formula() {
    // Two interferers at 1001 and 1002 MHz: 2*1001 - 1002 = 1000 MHz falls in the victim band
    // (1000 +- 0.1 MHz), 2*1002 - 1001 = 1003 MHz does not. SEAMCAT (ERC Report 68 Annex 2
    // App. 9): iRSS_IM = 2 i_1 + i_2 - 3 IM - 3 sens - 3((N+I)/N - I/N) + N, with
    // i_k = P + G_t + G_r - L_k. Their unwanted emissions miss the victim band (flat 0.2 MHz).
    let link = |name: &str, f: f64, x: f64, y: f64| {
        format!(
            "[[interfering_links]]\nname = \"{name}\"\n[interfering_links.transmitter]\nfrequency_mhz = {f}\npower_dbm = 33\n\
             bandwidth_mhz = 0.2\nheight_m = 30\nantenna = {{ pattern = \"omni\", gain_dbi = 0 }}\n\
             position = {{ kind = \"fixed\", x_km = {x}, y_km = {y} }}\npropagation = {{ model = \"free-space\" }}\n"
        )
    };
    let text = format!(
        "[victim_link]\nfrequency_mhz = 1000\n[victim_link.receiver]\nbandwidth_mhz = 0.2\nnoise_floor_dbm = -110\n\
         sensitivity_dbm = -94\nheight_m = 30\nantenna = {{ pattern = \"omni\", gain_dbi = 0 }}\n\
         criteria = {{ n_plus_i_over_n_db = 3, i_over_n_db = 0 }}\nintermodulation = {{ rejection_db = 70 }}\n\
         [victim_link.transmitter]\npower_dbm = 30\nheight_m = 30\nantenna = {{ pattern = \"omni\", gain_dbi = 0 }}\n\
         position = {{ kind = \"fixed\", distance_km = 1 }}\npropagation = {{ model = \"free-space\" }}\n{}{}",
        link("IT1", 1001.0, 1.0, 0.0),
        link("IT2", 1002.0, 0.0, 2.0)
    );
    let s = Scenario::parse(&text).unwrap();
    let o = Simulation::new(&s).unwrap().event(0).unwrap();
    let i1 = 33.0 - free_space_loss_db(1001.0, 1.0);
    let i2 = 33.0 - free_space_loss_db(1002.0, 2.0);
    let expected = 2.0 * i1 + i2 - 3.0 * 70.0 - 3.0 * (-94.0) - 3.0 * (3.0 - 0.0) + (-110.0);
    assert!(
        (o.irss_intermodulation_dbm - expected).abs() < 1e-9,
        "{} vs {expected}",
        o.irss_intermodulation_dbm
    );
    assert_eq!(o.irss_unwanted_dbm, f64::NEG_INFINITY);
    assert!((o.irss_dbm - expected).abs() < 1e-9);
}

#[test]
fn power_control_and_correlated_placement() {
    // The interferer sits 1 km east of the wanted transmitter (which is 3 km east of the
    // victim receiver), so 4 km from the victim; its own receiver is 0.1 km away. At full power
    // its receiver gets 33 - L_fs(1000 MHz, 0.1 km) = -39.45 dBm, 20.55 dB above the -60 dBm
    // threshold: whole 5 dB steps give 20 dB, capped by the 15 dB dynamic range -> 18 dBm.
    let text = std::fs::read_to_string(fixture("format-example.toml")).unwrap();
    let text = edit(
        &text,
        "position = { kind = \"uniform-area\", min_km = 1, max_km = 10 }",
        "position = { kind = \"fixed\", distance_km = 1 }\nposition_relative_to = \"wanted-transmitter\"",
    );
    let text = format!(
        "{text}[interfering_links.receiver]\nheight_m = 1.5\nantenna = {{ pattern = \"omni\", gain_dbi = 0 }}\n\
         position = {{ kind = \"fixed\", distance_km = 0.1, azimuth_deg = 90 }}\npropagation = {{ model = \"free-space\" }}\n\
         power_control = {{ step_db = 5, threshold_dbm = -60, dynamic_range_db = 15 }}\n"
    );
    let s = Scenario::parse(&text).unwrap();
    let o = Simulation::new(&s).unwrap().event(0).unwrap();
    let expected = 18.0 + 11.0 + 9.0 - free_space_loss_db(1000.0, 4.0);
    assert!((o.irss_dbm - expected).abs() < 1e-9, "{} vs {expected}", o.irss_dbm);
}

#[test]
fn antenna_pointing_uses_the_link_geometry() {
    // Victim receiver with an S.465 dish (40 dBi peak, -10 dBi beyond 48 deg off axis,
    // ITU-R S.465-6), pointed by default at the wanted transmitter (azimuth 0). An interferer
    // 5 km away on the boresight side sees the peak; the same interferer behind the dish sees
    // -10 dBi: 50 dB less. Pointing the dish at azimuth 90 deg moves the peak there.
    let text = std::fs::read_to_string(fixture("format-example.toml")).unwrap();
    let dish = edit(
        &text,
        "height_m = 1.5\nantenna = { pattern = \"omni\", gain_dbi = 9 }\ncriteria",
        "height_m = 1.5\nantenna = { pattern = \"s465\", gain_dbi = 40 }\ncriteria",
    );
    let at = |az: f64, pointing: &str| {
        let t = edit(
            &dish,
            "position = { kind = \"uniform-area\", min_km = 1, max_km = 10 }",
            &format!("position = {{ kind = \"fixed\", distance_km = 5, azimuth_deg = {az} }}"),
        );
        let t = edit(&t, "criteria = {", &format!("{pointing}criteria = {{"));
        Simulation::new(&Scenario::parse(&t).unwrap()).unwrap().event(0).unwrap().irss_dbm
    };
    let front = at(0.0, "");
    let back = at(180.0, "");
    assert!((front - back - 50.0).abs() < 1e-9, "{front} {back}");
    assert!((front - (33.0 + 11.0 + 40.0 - free_space_loss_db(1000.0, 5.0))).abs() < 1e-9, "{front}");
    let turned = at(90.0, "pointing = { azimuth_deg = 90 }\n");
    assert!((turned - front).abs() < 1e-9, "{turned} {front}");
}

#[test]
fn parameters_are_addressable_by_path() {
    let s = read("format-example.toml");
    let t =
        s.with_value("interfering_links[0].transmitter.frequency_mhz", serde_json::json!(1000.1)).unwrap();
    assert_eq!(t.interfering_links[0].transmitter.frequency_mhz.constant(), Some(1000.1));
    let t = s.with_value("victim_link.receiver.criteria.i_over_n_db", serde_json::json!(-6)).unwrap();
    assert_eq!(t.victim_link.receiver.criteria.i_over_n_db, Some(-6.0));
    let e = s
        .with_value("interfering_links[3].transmitter.power_dbm", serde_json::json!(1))
        .unwrap_err()
        .to_string();
    assert!(e.contains("interfering_links[3]"), "{e}");
    let e = s.with_value("victim_link.receiver.bandwith_mhz", serde_json::json!(1)).unwrap_err().to_string();
    assert!(e.contains("bandwith_mhz"), "{e}");
    let e =
        s.with_value("victim_link.receiver.bandwidth_mhz", serde_json::json!(-1)).unwrap_err().to_string();
    assert!(e.contains("victim_link.receiver.bandwidth_mhz = -1"), "{e}");
}

#[test]
fn schema_documents_the_keys() {
    let schema = Scenario::json_schema().to_string();
    for key in [
        "victim_link",
        "interfering_links",
        "c_over_n_plus_i_db",
        "uniform-area",
        "user-cdf",
        "emission_mask",
        "f1336-sectoral",
    ] {
        assert!(schema.contains(key), "schema lacks {key}");
    }
}

// ---------------------------------------------------------------------------------------------
// Invalid input: each message names the field path and the valid range or choices.
// ---------------------------------------------------------------------------------------------
#[test]
fn invalid_scenarios_name_the_field_and_range() {
    let text = std::fs::read_to_string(fixture("format-example.toml")).unwrap();
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "bandwidth_mhz = 0.2\nnoise",
            "bandwidth_mhz = -1\nnoise",
            &["victim_link.receiver.bandwidth_mhz", "-1", "(0, 100000]"],
        ),
        (
            "noise_floor_dbm = -110",
            "noise_floor_dbm = -110\nnoise_figure_db = 5",
            &["victim_link.receiver", "exactly one of noise_floor_dbm or noise_figure_db"],
        ),
        (
            "height_m = 1.5\nantenna = { pattern = \"omni\", gain_dbi = 9 }\ncriteria",
            "height_m = -3\nantenna = { pattern = \"omni\", gain_dbi = 9 }\ncriteria",
            &["victim_link.receiver.height_m", "[0, 100000]"],
        ),
        (
            "frequency_mhz = 1000\n[victim_link.receiver]",
            "frequency_mhz = { distribution = \"uniform\", min = 900, max = 800 }\n[victim_link.receiver]",
            &["victim_link.frequency_mhz.max", "[min = 900"],
        ),
        (
            "min_km = 1, max_km = 10",
            "min_km = 12, max_km = 10",
            &["interfering_links[0].transmitter.position.max_km", "[12, 100000]"],
        ),
        ("count = 1", "count = 0", &["interfering_links[0].count", "[1, 10000]"]),
        (
            "propagation = { model = \"free-space\" }\n[[",
            "propagation = { model = \"okumura\" }\n[[",
            &["victim_link.transmitter.propagation.model", "okumura", "free-space"],
        ),
        (
            "propagation = { model = \"free-space\" }\n[[",
            "propagation = { model = \"free-space\", time_pct = 50 }\n[[",
            &["victim_link.transmitter.propagation.time_pct", "free-space"],
        ),
        (
            "kind = \"fixed\", distance_km = 3",
            "kind = \"fixd\", distance_km = 3",
            &["victim_link.transmitter.position", "fixd"],
        ),
        (
            "power_dbm = 33",
            "power_dbm = 33\npower_dbw = 3",
            &["interfering_links[0].transmitter", "power_dbw"],
        ),
        ("power_dbm = 30", "power_dbm = \"high\"", &["victim_link.transmitter.power_dbm"]),
        (
            "criteria = { c_over_i_db = 19, i_over_n_db = 0 }",
            "criteria = { c_over_i_db = 19, i_over_n_db = 900 }",
            &["victim_link.receiver.criteria.i_over_n_db", "[-300, 300]"],
        ),
        (
            "criteria = { c_over_i_db = 19, i_over_n_db = 0 }",
            "criteria = { }",
            &["victim_link.receiver.criteria", "at least one"],
        ),
        (
            "gain_dbi = 11 }",
            "gain_dbi = 11 }\nemission_mask = { points = [[1, 0, 0.2], [-1, 0, 0.2]] }",
            &["interfering_links[0].transmitter.emission_mask", "offset"],
        ),
        ("events = 100000", "events = 0", &["simulation.events", "[1, 1000000000000]"]),
        ("count = 1", "count = 1\nactivity = 2", &["interfering_links[0].activity", "[0, 1]"]),
    ];
    for (from, to, needles) in cases {
        let bad = edit(&text, from, to);
        let e = match Scenario::parse(&bad) {
            Ok(_) => panic!("accepted invalid scenario: {to}"),
            Err(e) => e.to_string(),
        };
        for n in *needles {
            assert!(e.contains(n), "message for {to:?} lacks {n:?}: {e}");
        }
    }
    // JSON is accepted with the same paths.
    let s = read("format-example.toml");
    let mut json = serde_json::to_value(&s).unwrap();
    json["interfering_links"][0]["transmitter"]["bandwidth_mhz"] = serde_json::json!(0);
    let e = Scenario::parse(&json.to_string()).unwrap_err().to_string();
    assert!(e.contains("interfering_links[0].transmitter.bandwidth_mhz") && e.contains("(0, 100000]"), "{e}");
}

// ---------------------------------------------------------------------------------------------
// The command line: shards + merge through files, --until-ci, --events-csv, exit codes.
// ---------------------------------------------------------------------------------------------
mod cli {
    use super::fixture;
    use spectra_cli::simulate::{merge, run, MergeArgs, SimulateArgs};
    use std::path::PathBuf;

    fn args(out: PathBuf) -> SimulateArgs {
        SimulateArgs {
            scenario: fixture("apt700-ue-into-dtt.toml"),
            out: Some(out),
            events: Some(9_000),
            seed: Some(5),
            threads: Some(2),
            shard: None,
            until_ci: None,
            events_csv: None,
        }
    }

    #[test]
    fn shard_files_merge_to_the_bytes_of_one_run() {
        let dir = tempfile::tempdir().unwrap();
        let whole = dir.path().join("whole.json");
        run(args(whole.clone())).unwrap();
        let mut shards = Vec::new();
        for i in [1, 0, 2] {
            let p = dir.path().join(format!("shard{i}.json"));
            run(SimulateArgs {
                shard: Some(format!("{i}/3")),
                threads: Some(1 + i as usize % 2),
                ..args(p.clone())
            })
            .unwrap();
            shards.push(p);
        }
        let merged = dir.path().join("merged.json");
        merge(MergeArgs { shards: shards.clone(), out: merged.clone() }).unwrap();
        assert_eq!(std::fs::read(&merged).unwrap(), std::fs::read(&whole).unwrap());
        // A missing shard is refused with exit code 2.
        let e =
            merge(MergeArgs { shards: shards[..2].to_vec(), out: dir.path().join("x.json") }).unwrap_err();
        assert_eq!(e.exit_code(), 2, "{e}");
        let e =
            run(SimulateArgs { shard: Some("3/3".into()), ..args(dir.path().join("y.json")) }).unwrap_err();
        assert_eq!(e.exit_code(), 2, "{e}");
        assert!(e.to_string().contains("--shard"), "{e}");
    }

    #[test]
    fn events_csv_and_until_ci() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain.json");
        run(args(plain.clone())).unwrap();
        let with_csv = dir.path().join("csv.json");
        let csv = dir.path().join("events.csv");
        run(SimulateArgs { events_csv: Some(csv.clone()), ..args(with_csv.clone()) }).unwrap();
        // Writing the per-event vectors does not change the results.
        assert_eq!(std::fs::read(&plain).unwrap(), std::fs::read(&with_csv).unwrap());
        let text = std::fs::read_to_string(&csv).unwrap();
        assert_eq!(text.lines().count(), 9_001);
        assert!(text.starts_with("event,noise_dbm,drss_dbm,irss_dbm,"));

        // --until-ci stops at the first 10 000-event batch whose intervals are narrow enough:
        // with half-width 0.02 and probabilities below 0.6, 10 000 events suffice
        // (1.96 sqrt(0.25 / 10 000) = 0.0098).
        let until = dir.path().join("until.json");
        run(SimulateArgs { until_ci: Some(0.02), events: Some(100_000), ..args(until.clone()) }).unwrap();
        let r =
            spectra_core::simulation::Results::from_json(&std::fs::read_to_string(&until).unwrap()).unwrap();
        assert_eq!(r.events, 10_000);
        for c in r.criteria.values() {
            let [lo, hi] = c.ci95.unwrap();
            assert!(hi - lo <= 0.04);
        }
    }
}
