//! End-to-end study tests: the README's fixture study runs (with fewer events), a sweep gives the
//! same numbers as separate simulations, every output parses, the HTML report renders in a real
//! headless browser, and bad study files give errors naming the part and field.
use spectra_plan::study::{run_study, PartOutcome, RunOptions, Study, StudyResults};
use spectra_report::{html, markdown, study};
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures")
}

fn run_text(text: &str, events: u64) -> spectra_plan::Result<StudyResults> {
    let dir = fixtures().join("studies");
    let study = Study::parse(text, &dir.join("test.toml"))?;
    run_study(&study, text, &dir, RunOptions { events: Some(events) })
}

fn fixture_study(events: u64) -> StudyResults {
    let text = std::fs::read_to_string(fixtures().join("studies/apt700-harmonisation.toml")).unwrap();
    run_text(&text, events).expect("the fixture study runs")
}

#[test]
fn fixture_study_runs_end_to_end_and_is_deterministic() {
    let a = fixture_study(2000);
    assert_eq!(a.parts.len(), 6);
    let kinds: Vec<&str> = a
        .parts
        .iter()
        .map(|p| match p.outcome {
            PartOutcome::Simulation { .. } => "simulation",
            PartOutcome::Sweep { .. } => "sweep",
            PartOutcome::Search { .. } => "search",
            PartOutcome::Pathloss { .. } => "pathloss",
            PartOutcome::Assignment { .. } => "assignment",
        })
        .collect();
    assert_eq!(kinds, ["simulation", "sweep", "sweep", "search", "pathloss", "assignment"]);
    // Same inputs, same numbers (only timings differ).
    let mut b = fixture_study(2000);
    for (pa, pb) in a.parts.iter().zip(b.parts.iter_mut()) {
        pb.elapsed_s = pa.elapsed_s;
    }
    assert_eq!(a, b);
}

#[test]
fn a_sweep_point_equals_the_separate_simulation() {
    let r = fixture_study(3000);
    let PartOutcome::Simulation { results: baseline, .. } = &r.parts[0].outcome else { panic!("part 1") };
    let PartOutcome::Sweep { points, .. } = &r.parts[1].outcome else { panic!("part 2") };
    // The baseline scenario has its UE carrier at 708 MHz; the sweep's 708 MHz variant must give
    // exactly the same results (same scenario, same seed).
    let at_708 = points.iter().find(|p| p.values == [708.0]).expect("708 MHz variant");
    assert_eq!(at_708.results.criteria, baseline.criteria);
    assert_eq!(at_708.results.scenario_hash, baseline.scenario_hash);
    // More guard band, less interference.
    let p = |i: usize| points[i].results.criteria["i_over_n"].probability.unwrap();
    assert!(p(0) > p(points.len() - 1));
}

#[test]
fn search_result_is_at_the_threshold() {
    let r = fixture_study(3000);
    let PartOutcome::Search { found, steps, max_probability_pct, tolerance, .. } = &r.parts[3].outcome else {
        panic!("part 4")
    };
    let x = found.expect("a power meets the criterion");
    let at = steps.iter().find(|s| s.value == x).unwrap();
    assert!(at.passes && at.probability_pct <= *max_probability_pct);
    // The nearest failing evaluation lies within the tolerance above.
    let fail =
        steps.iter().filter(|s| !s.passes && s.value > x).map(|s| s.value).fold(f64::INFINITY, f64::min);
    assert!(fail - x <= *tolerance + 1e-12, "bracket [{x}, {fail}]");
}

#[test]
fn reports_render_and_parse() {
    let r = fixture_study(1000);
    let doc = study::document(&r);
    let page = html::render(&doc);
    assert!(page.contains("<table>") && page.contains("I/N"));
    let md = markdown::render(&doc, "charts");
    assert_eq!(md.charts.len(), page.matches("<svg").count());
    for (_, svg) in &md.charts {
        assert!(svg.contains("<g class=\"series\""), "every chart has data");
    }
    // Every CSV table parses with a constant number of columns.
    for (name, text) in
        study::csv_tables(&r).into_iter().chain([("summary".to_owned(), study::summary_csv(&r))])
    {
        let mut rdr = csv::Reader::from_reader(text.as_bytes());
        let n = rdr.headers().unwrap().len();
        let rows: Vec<_> = rdr.records().collect::<Result<_, _>>().unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!rows.is_empty(), "{name} is empty");
        assert!(rows.iter().all(|r| r.len() == n), "{name}");
    }
    // Stations of the assignment part, as GeoJSON (RFC 7946 [lon, lat]) and KML.
    let PartOutcome::Assignment { stations, .. } = &r.parts[5].outcome else { panic!("part 6") };
    assert_eq!(stations.len(), 16);
    let g: serde_json::Value = serde_json::from_str(&study::geojson(&r).expect("geojson")).unwrap();
    let features = g["features"].as_array().unwrap();
    assert_eq!(features.len(), 16);
    assert_eq!(features[0]["geometry"]["coordinates"][0].as_f64(), Some(stations[0].lon_deg));
    assert_eq!(study::kml(&r).expect("kml").matches("<Placemark>").count(), 16);
    // results.json round-trips.
    let json = serde_json::to_string(&r).unwrap();
    let back: StudyResults = serde_json::from_str(&json).unwrap();
    assert_eq!(back, r);
}

#[test]
fn html_report_renders_in_headless_chromium() {
    let Some(chromium) = ["chromium", "chromium-browser", "google-chrome"].iter().find_map(|c| which(c))
    else {
        let msg = "chromium not installed (.ci/run installs Debian's `chromium`)";
        assert!(std::env::var_os("CI").is_none(), "{msg}");
        eprintln!("\n!!! {msg}: SKIPPING the browser check !!!\n");
        return;
    };
    let r = fixture_study(1000);
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    let doc = study::document(&r);
    std::fs::write(&page, html::render(&doc)).unwrap();
    let shot = dir.path().join("report.png");
    let base = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--enable-logging=stderr",
        "--v=0",
    ];
    let profile = dir.path().join("profile");
    let user_dir = format!("--user-data-dir={}", profile.display());
    let url = format!("file://{}", page.display());
    let dom = std::process::Command::new(&chromium)
        .args(base)
        .arg(&user_dir)
        .args(["--dump-dom", &url])
        .output()
        .expect("chromium runs");
    let dom_text = String::from_utf8_lossy(&dom.stdout);
    let log = String::from_utf8_lossy(&dom.stderr);
    assert!(dom.status.success(), "chromium failed: {log}");
    assert!(!log.contains("CONSOLE") || !log.to_lowercase().contains("error"), "console errors: {log}");
    // Every chart is in the rendered DOM with its series.
    let expected_charts = doc.blocks.iter().filter(|b| matches!(b, spectra_report::Block::Chart(_))).count();
    assert!(expected_charts >= 6);
    assert_eq!(dom_text.matches("<svg").count(), expected_charts);
    let expected_series: usize = doc
        .blocks
        .iter()
        .filter_map(|b| if let spectra_report::Block::Chart(c) = b { Some(c.series.len()) } else { None })
        .sum();
    assert_eq!(dom_text.matches("class=\"series\"").count(), expected_series);
    let out = std::process::Command::new(&chromium)
        .args(base)
        .arg(&user_dir)
        .args([&format!("--screenshot={}", shot.display()), "--window-size=1200,3000", &url])
        .output()
        .expect("chromium runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let png = std::fs::read(&shot).expect("screenshot written");
    assert!(png.len() > 10_000 && png.starts_with(b"\x89PNG"), "screenshot of {} bytes", png.len());
}

fn which(cmd: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?.to_str()?.split(':').map(|d| Path::new(d).join(cmd)).find(|p| p.is_file())
}

fn error_of(text: &str) -> String {
    run_text(text, 100).expect_err("must fail").to_string()
}

const HEAD: &str = "title = \"t\"\n";

#[test]
fn unknown_parameter_path_names_part_and_field() {
    let e = error_of(&format!(
        "{HEAD}[[parts]]\nkind = \"sweep\"\nname = \"s1\"\nscenario = \"../scenarios/apt700-ue-into-dtt.toml\"\nparameters = [{{ path = \"interfering_links[0].transmitter.frequncy_mhz\", values = [1] }}]\n"
    ));
    assert!(e.contains("part `s1`") && e.contains("frequncy_mhz"), "{e}");
    let e = error_of(&format!(
        "{HEAD}[[parts]]\nkind = \"sweep\"\nname = \"s2\"\nscenario = \"../scenarios/apt700-ue-into-dtt.toml\"\nparameters = [{{ path = \"interfering_links[4].transmitter.power_dbm\", values = [1] }}]\n"
    ));
    assert!(e.contains("part `s2`") && e.contains("interfering_links[4]"), "{e}");
}

#[test]
fn empty_sweep_is_refused() {
    let e = error_of(&format!(
        "{HEAD}[[parts]]\nkind = \"sweep\"\nname = \"empty\"\nscenario = \"../scenarios/apt700-ue-into-dtt.toml\"\nparameters = [{{ path = \"interfering_links[0].transmitter.power_dbm\", values = [] }}]\n"
    ));
    assert!(e.contains("part `empty`") && e.contains("`values` is empty"), "{e}");
}

#[test]
fn missing_file_is_named() {
    let e = error_of(&format!(
        "{HEAD}[[parts]]\nkind = \"simulation\"\nname = \"m\"\nscenario = \"nowhere.toml\"\n"
    ));
    assert!(e.contains("part `m`") && e.contains("nowhere.toml"), "{e}");
}

#[test]
fn search_range_and_criterion_are_checked() {
    let e = error_of(&format!(
        "{HEAD}[[parts]]\nkind = \"search\"\nname = \"q\"\nscenario = \"../scenarios/apt700-ue-into-dtt.toml\"\npath = \"interfering_links[0].transmitter.power_dbm\"\nrange = [10, 0]\ngoal = \"max\"\ncriterion = \"i_over_n\"\n"
    ));
    assert!(e.contains("part `q`") && e.contains("`range` = [10, 0] must have low < high"), "{e}");
    let e = error_of(&format!(
        "{HEAD}[[parts]]\nkind = \"search\"\nname = \"q\"\nscenario = \"../scenarios/apt700-ue-into-dtt.toml\"\npath = \"interfering_links[0].transmitter.power_dbm\"\nrange = [0, 10]\ngoal = \"max\"\ncriterion = \"c_over_x\"\n"
    ));
    assert!(e.contains("`criterion` = \"c_over_x\" is not valid"), "{e}");
}

#[test]
fn study_file_errors_name_the_field() {
    let dir = fixtures().join("studies");
    let e =
        Study::parse("title = \"t\"\n[[parts]]\nkind = \"simulaton\"\nname = \"x\"\n", &dir.join("bad.toml"))
            .unwrap_err()
            .to_string();
    assert!(e.contains("bad.toml") && e.contains("parts"), "{e}");
    let e = Study::parse("title = \"t\"\nparts = []\n", &dir.join("bad.toml")).unwrap_err().to_string();
    assert!(e.contains("at least one part"), "{e}");
}
