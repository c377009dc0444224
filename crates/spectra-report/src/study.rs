//! The committee report of a study: summary of every criterion with its confidence interval and
//! verdict, level distributions, probability curves of sweeps and searches, assignment summary,
//! and the exact inputs for a rerun.
use crate::{Chart, ChartKind, Document, Table};
use spectra_core::simulation::results::CriterionResult;
use spectra_core::simulation::Results;
use spectra_plan::study::{PartOutcome, SearchGoal, SitedStation, StudyResults, CRITERIA};

/// Display names of the criteria.
fn criterion_label(name: &str) -> &str {
    match name {
        "c_over_i" => "C/I",
        "c_over_n_plus_i" => "C/(N+I)",
        "n_plus_i_over_n" => "(N+I)/N",
        "i_over_n" => "I/N",
        other => other,
    }
}

fn pct(p: f64) -> String {
    format!("{:.2}", 100.0 * p)
}

/// Rows `part, variant, criterion, threshold, P, CI, verdict` for one results document.
fn criteria_rows(part: &str, variant: &str, r: &Results, limit_pct: f64) -> Vec<Vec<String>> {
    CRITERIA
        .iter()
        .filter_map(|name| r.criteria.get(*name).map(|c| (name, c)))
        .map(|(name, c)| {
            let (p, ci, verdict) = match (c.probability, c.ci95) {
                (Some(p), Some([a, b])) => (
                    pct(p),
                    format!("{} – {}", pct(a), pct(b)),
                    if 100.0 * p <= limit_pct { "pass" } else { "FAIL" }.to_owned(),
                ),
                _ => ("–".into(), "–".into(), "no events counted".into()),
            };
            vec![
                part.to_owned(),
                variant.to_owned(),
                criterion_label(name).to_owned(),
                format!("{}", c.threshold_db),
                p,
                ci,
                c.events_counted.to_string(),
                verdict,
            ]
        })
        .collect()
}

/// CDF points (level dBm, cumulative probability) of a signal's histogram.
fn cdf(r: &Results, signal: &str) -> Option<Vec<(f64, f64)>> {
    let s = r.signals.get(signal)?;
    let total = s.events_present as f64;
    if total == 0.0 {
        return None;
    }
    let mut run = s.histogram.below as f64;
    let mut pts = Vec::with_capacity(s.histogram.bins.len() + 1);
    for (edge, count) in &s.histogram.bins {
        run += *count as f64;
        pts.push((edge + s.histogram.bin_width_db, run / total));
    }
    // Thin very long curves to at most ~400 points (keep the last).
    let stride = pts.len().div_ceil(400).max(1);
    let last = pts.last().copied();
    let mut thin: Vec<(f64, f64)> = pts.into_iter().step_by(stride).collect();
    if thin.last().copied() != last {
        thin.extend(last);
    }
    Some(thin)
}

/// Histogram points (level dBm, events) of a signal in 1 dB bins.
fn histogram_1db(r: &Results, signal: &str) -> Option<Vec<(f64, f64)>> {
    let s = r.signals.get(signal)?;
    let mut bins: std::collections::BTreeMap<i64, u64> = Default::default();
    for (edge, count) in &s.histogram.bins {
        *bins.entry(edge.floor() as i64).or_default() += count;
    }
    if bins.is_empty() {
        return None;
    }
    Some(bins.into_iter().map(|(k, c)| (k as f64 + 0.5, c as f64)).collect())
}

fn signal_table(r: &Results) -> Table {
    let mut t = Table {
        caption: "Signal levels over the events where they exist (dBm)".into(),
        columns: ["signal", "events", "mean", "std dev (dB)", "p05", "p50", "p95"].map(String::from).to_vec(),
        rows: vec![],
    };
    let f = |v: Option<f64>| v.map_or("–".to_owned(), |v| format!("{v:.1}"));
    for (name, s) in &r.signals {
        if s.events_present == 0 {
            continue;
        }
        let p = |k: &str| f(s.percentiles.get(k).copied());
        t.rows.push(vec![
            name.clone(),
            s.events_present.to_string(),
            f(s.mean_dbm),
            f(s.std_dev_db),
            p("p05"),
            p("p50"),
            p("p95"),
        ]);
    }
    t
}

fn level_charts(doc: &mut Document, part: &str, r: &Results) {
    let mut c = Chart::new(
        ChartKind::Step,
        &format!("{part}: CDF of dRSS and iRSS"),
        "level (dBm)",
        "cumulative probability",
    );
    for signal in ["drss", "irss", "irss_unwanted", "irss_blocking", "irss_intermodulation"] {
        if let Some(pts) = cdf(r, signal) {
            c = c.with_series(signal, pts);
        }
    }
    if !c.series.is_empty() {
        doc.chart(c);
    }
    if let Some(h) = histogram_1db(r, "irss") {
        doc.chart(
            Chart::new(
                ChartKind::Bar,
                &format!("{part}: histogram of iRSS"),
                "iRSS (dBm, 1 dB bins)",
                "events",
            )
            .with_series("irss", h),
        );
    }
}

/// Builds the report document of a study.
pub fn document(s: &StudyResults) -> Document {
    let mut doc = Document::new(&s.title);
    if !s.authors.is_empty() {
        doc.byline.push(s.authors.join(", "));
    }
    doc.byline.push(format!("spectra {} — results format {}", s.engine_version, s.format));
    if !s.purpose.is_empty() {
        doc.heading(2, "Purpose").paragraph(&s.purpose);
    }

    // Summary of every criterion of every simulation and sweep variant.
    let mut summary = Table {
        caption: format!(
            "Probability of interference per criterion (threshold {} %; 95 % Wilson interval)",
            s.max_probability_pct
        ),
        columns: [
            "part",
            "variant",
            "criterion",
            "threshold (dB)",
            "P (%)",
            "95 % CI (%)",
            "events counted",
            "verdict",
        ]
        .map(String::from)
        .to_vec(),
        rows: vec![],
    };
    for part in &s.parts {
        match &part.outcome {
            PartOutcome::Simulation { results, .. } => {
                summary.rows.extend(criteria_rows(&part.name, "–", results, s.max_probability_pct))
            }
            PartOutcome::Sweep { parameters, points, .. } => {
                for p in points {
                    let variant = variant_label(parameters, &p.values);
                    summary.rows.extend(criteria_rows(
                        &part.name,
                        &variant,
                        &p.results,
                        s.max_probability_pct,
                    ));
                }
            }
            _ => {}
        }
    }
    doc.heading(2, "Summary");
    if !summary.rows.is_empty() {
        doc.table(summary);
    }
    for part in &s.parts {
        if let PartOutcome::Search { path, goal, criterion, found, max_probability_pct, .. } = &part.outcome {
            let what = if *goal == SearchGoal::Min { "smallest" } else { "largest" };
            doc.paragraph(match found {
                Some(v) => format!(
                    "{}: the {what} value of {path} for which P({}) <= {max_probability_pct} % is {v:.4}.",
                    part.name,
                    criterion_label(criterion)
                ),
                None => format!(
                    "{}: no value of {path} in the range keeps P({}) <= {max_probability_pct} %.",
                    part.name,
                    criterion_label(criterion)
                ),
            });
        }
    }

    for part in &s.parts {
        doc.heading(2, &part.name);
        match &part.outcome {
            PartOutcome::Simulation { scenario, scenario_text, results } => {
                doc.paragraph(format!(
                    "Monte Carlo simulation of {scenario}: {} events, seed {}, scenario hash {}.",
                    results.events, results.seed, results.scenario_hash
                ));
                doc.table(signal_table(results));
                level_charts(&mut doc, &part.name, results);
                doc.preformatted(format!("Scenario {scenario} as run"), scenario_text);
            }
            PartOutcome::Sweep { scenario, scenario_text, parameters, points } => {
                doc.paragraph(format!(
                    "Sweep of {scenario} over {} ({} variants).",
                    parameters.join(", "),
                    points.len()
                ));
                for (k, param) in parameters.iter().enumerate() {
                    let mut c = Chart::new(
                        ChartKind::Line,
                        &format!("{}: probability of interference vs {param}", part.name),
                        param,
                        "probability of interference (%)",
                    )
                    .with_threshold(s.max_probability_pct, &format!("{} % criterion", s.max_probability_pct));
                    for name in CRITERIA {
                        // Points where the other parameters take their first value.
                        let pts: Vec<(f64, f64)> = points
                            .iter()
                            .filter(|p| {
                                p.values.iter().enumerate().all(|(j, v)| j == k || *v == points[0].values[j])
                            })
                            .filter_map(|p| {
                                p.results.criteria.get(name)?.probability.map(|pr| (p.values[k], 100.0 * pr))
                            })
                            .collect();
                        if !pts.is_empty() {
                            c = c.with_series(criterion_label(name), pts);
                        }
                    }
                    doc.chart(c);
                }
                doc.preformatted(format!("Scenario {scenario} (base of the sweep)"), scenario_text);
            }
            PartOutcome::Search {
                scenario,
                scenario_text,
                path,
                criterion,
                found,
                steps,
                max_probability_pct,
                tolerance,
                ..
            } => {
                let mut pts: Vec<(f64, f64)> = steps.iter().map(|s| (s.value, s.probability_pct)).collect();
                pts.sort_by(|a, b| a.0.total_cmp(&b.0));
                let mut c = Chart::new(
                    ChartKind::Line,
                    &format!("{}: P({}) vs {path}", part.name, criterion_label(criterion)),
                    path,
                    "probability of interference (%)",
                )
                .with_series(criterion_label(criterion), pts)
                .with_threshold(*max_probability_pct, &format!("{max_probability_pct} % criterion"));
                if let Some(v) = found {
                    let p = steps
                        .iter()
                        .find(|s| s.value == *v)
                        .map_or(*max_probability_pct, |s| s.probability_pct);
                    c = c.with_marker(*v, p, &format!("result {v:.3}"));
                }
                doc.paragraph(format!(
                    "Bisection over {path} ({} evaluations, final bracket {tolerance}).",
                    steps.len()
                ));
                doc.chart(c);
                doc.preformatted(format!("Scenario {scenario}"), scenario_text);
            }
            PartOutcome::Pathloss { model, input, rows, failed, output_csv } => {
                doc.paragraph(format!(
                    "Path loss of {input} with model {model}: {rows} rows, {failed} failed."
                ));
                let mut rdr = csv::Reader::from_reader(output_csv.as_bytes());
                let headers: Vec<String> =
                    rdr.headers().map(|h| h.iter().map(String::from).collect()).unwrap_or_default();
                let rows: Vec<Vec<String>> = rdr
                    .records()
                    .filter_map(|r| r.ok())
                    .take(50)
                    .map(|r| r.iter().map(shorten).collect())
                    .collect();
                doc.table(Table {
                    caption: format!("{model} results (first 50 rows)"),
                    columns: headers,
                    rows,
                });
            }
            PartOutcome::Assignment {
                problem,
                solver,
                objective_name,
                objective,
                lower_bound,
                feasible,
                order,
                span,
                soft_violations,
                assignment,
                stations,
            } => {
                let gap = lower_bound.map_or("no bound".into(), |b| format!("{}", objective - b));
                doc.table(Table {
                    caption: format!("Assignment of {problem} ({solver})"),
                    columns: [
                        "objective",
                        "value",
                        "lower bound",
                        "gap to bound",
                        "feasible",
                        "channels used",
                        "span",
                        "soft violations",
                    ]
                    .map(String::from)
                    .to_vec(),
                    rows: vec![vec![
                        objective_name.clone(),
                        objective.to_string(),
                        lower_bound.map_or("–".into(), |b| b.to_string()),
                        gap,
                        if *feasible { "pass" } else { "FAIL" }.into(),
                        order.to_string(),
                        span.to_string(),
                        soft_violations.to_string(),
                    ]],
                });
                let mut occupancy: std::collections::BTreeMap<i32, u64> = Default::default();
                for (_, ch) in assignment {
                    *occupancy.entry(*ch).or_default() += 1;
                }
                doc.chart(
                    Chart::new(
                        ChartKind::Bar,
                        &format!("{}: channel occupancy", part.name),
                        "channel",
                        "stations",
                    )
                    .with_series(
                        "stations",
                        occupancy.into_iter().map(|(k, v)| (k as f64, v as f64)).collect(),
                    ),
                );
                if !stations.is_empty() {
                    doc.chart(station_map(&part.name, stations));
                }
                doc.table(Table {
                    caption: "Assignment".into(),
                    columns: vec!["station".into(), "channel".into()],
                    rows: assignment.iter().map(|(n, c)| vec![n.clone(), c.to_string()]).collect(),
                });
            }
        }
    }
    doc.heading(2, "Provenance");
    doc.paragraph("The study file below and the scenario texts above are the exact inputs; `spectra study` on them reproduces every number of this report (only run times differ).");
    doc.preformatted("Study file", &s.study_text);
    doc
}

fn shorten(cell: &str) -> String {
    // Full-precision numbers are kept in the CSV; the report shows 3 decimals.
    match cell.parse::<f64>() {
        Ok(v) if cell.contains('.') => format!("{v:.3}"),
        _ => cell.to_owned(),
    }
}

fn variant_label(parameters: &[String], values: &[f64]) -> String {
    parameters
        .iter()
        .zip(values)
        .map(|(p, v)| format!("{} = {v}", p.rsplit('.').next().unwrap_or(p)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The per-part CSV tables of a study: `(file name, CSV text)`.
pub fn csv_tables(s: &StudyResults) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (i, part) in s.parts.iter().enumerate() {
        let slug: String = part
            .name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
            .collect();
        let file = format!("part-{}-{slug}.csv", i + 1);
        let mut w = csv::Writer::from_writer(Vec::new());
        let write_criteria = |w: &mut csv::Writer<Vec<u8>>, prefix: Vec<String>, r: &Results| {
            for name in CRITERIA {
                if let Some(c) = r.criteria.get(name) {
                    let mut row = prefix.clone();
                    row.extend(criterion_fields(name, c));
                    row.push(c.events_interfered.to_string());
                    let _ = w.write_record(&row);
                }
            }
        };
        let criteria_header = [
            "criterion",
            "threshold_db",
            "probability",
            "ci95_low",
            "ci95_high",
            "events_counted",
            "events_interfered",
        ];
        match &part.outcome {
            PartOutcome::Simulation { results, .. } => {
                let _ = w.write_record(criteria_header);
                write_criteria(&mut w, vec![], results);
            }
            PartOutcome::Sweep { parameters, points, .. } => {
                let _ = w.write_record(parameters.iter().map(String::as_str).chain(criteria_header));
                for p in points {
                    write_criteria(&mut w, p.values.iter().map(|v| v.to_string()).collect(), &p.results);
                }
            }
            PartOutcome::Search { path, steps, .. } => {
                let _ = w.write_record([path.as_str(), "probability_pct", "passes"]);
                for st in steps {
                    let _ = w.write_record([
                        st.value.to_string(),
                        st.probability_pct.to_string(),
                        st.passes.to_string(),
                    ]);
                }
            }
            PartOutcome::Pathloss { output_csv, .. } => {
                out.push((file, output_csv.clone()));
                continue;
            }
            PartOutcome::Assignment { assignment, .. } => {
                let _ = w.write_record(["station", "channel"]);
                for (n, c) in assignment {
                    let _ = w.write_record([n.clone(), c.to_string()]);
                }
            }
        }
        let text = w.into_inner().map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default();
        out.push((file, text));
    }
    out
}

/// `criterion, threshold_db, probability, ci95_low, ci95_high, events_counted` of one criterion.
fn criterion_fields(name: &str, c: &CriterionResult) -> [String; 6] {
    let or_empty = |v: Option<f64>| v.map_or(String::new(), |v| v.to_string());
    [
        name.to_owned(),
        c.threshold_db.to_string(),
        or_empty(c.probability),
        or_empty(c.ci95.map(|c| c[0])),
        or_empty(c.ci95.map(|c| c[1])),
        c.events_counted.to_string(),
    ]
}

/// One CSV of every criterion of every simulation and sweep variant of a study.
pub fn summary_csv(s: &StudyResults) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "part",
        "variant",
        "criterion",
        "threshold_db",
        "probability",
        "ci95_low",
        "ci95_high",
        "events_counted",
        "verdict",
    ]);
    let mut add = |part: &str, variant: &str, r: &Results| {
        for name in CRITERIA {
            if let Some(c) = r.criteria.get(name) {
                let verdict = c.probability.map_or("no events", |p| {
                    if 100.0 * p <= s.max_probability_pct {
                        "pass"
                    } else {
                        "fail"
                    }
                });
                let mut row = vec![part.to_owned(), variant.to_owned()];
                row.extend(criterion_fields(name, c));
                row.push(verdict.to_owned());
                let _ = w.write_record(&row);
            }
        }
    };
    for part in &s.parts {
        match &part.outcome {
            PartOutcome::Simulation { results, .. } => add(&part.name, "", results),
            PartOutcome::Sweep { parameters, points, .. } => {
                for p in points {
                    add(&part.name, &variant_label(parameters, &p.values), &p.results);
                }
            }
            _ => {}
        }
    }
    w.into_inner().map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default()
}

/// Stations on a map (Plate Carrée: longitude and latitude axes; fine for a national network),
/// one colour per channel, labelled with name and channel.
fn station_map(part: &str, stations: &[SitedStation]) -> Chart {
    let mut chart = Chart::new(
        ChartKind::Scatter,
        &format!("{part}: stations and channels"),
        "longitude (deg)",
        "latitude (deg)",
    );
    let mut channels: Vec<i32> = stations.iter().map(|s| s.channel).collect();
    channels.sort_unstable();
    channels.dedup();
    for ch in channels {
        let pts = stations.iter().filter(|s| s.channel == ch).map(|s| (s.lon_deg, s.lat_deg)).collect();
        chart = chart.with_series(&format!("channel {ch}"), pts);
    }
    for s in stations {
        chart.markers.push((s.lon_deg, s.lat_deg, format!("{} ({})", s.name, s.channel)));
    }
    chart
}

fn sited(s: &StudyResults) -> impl Iterator<Item = (&str, &SitedStation)> {
    s.parts.iter().flat_map(|p| match &p.outcome {
        PartOutcome::Assignment { stations, .. } => {
            stations.iter().map(|st| (p.name.as_str(), st)).collect::<Vec<_>>()
        }
        _ => Vec::new(),
    })
}

/// GeoJSON FeatureCollection of every station with coordinates (RFC 7946: `[lon, lat]`), or
/// `None` when the study has none.
pub fn geojson(s: &StudyResults) -> Option<String> {
    let features: Vec<serde_json::Value> = sited(s)
        .map(|(part, st)| {
            serde_json::json!({
                "type": "Feature",
                "geometry": { "type": "Point", "coordinates": [st.lon_deg, st.lat_deg] },
                "properties": { "part": part, "name": st.name, "channel": st.channel, "frequency_mhz": st.frequency_mhz },
            })
        })
        .collect();
    (!features.is_empty()).then(|| {
        serde_json::to_string_pretty(
            &serde_json::json!({ "type": "FeatureCollection", "features": features }),
        )
        .unwrap_or_default()
    })
}

/// KML document of every station with coordinates, or `None` when the study has none.
pub fn kml(s: &StudyResults) -> Option<String> {
    let marks: Vec<String> = sited(s)
        .map(|(part, st)| {
            format!(
                "<Placemark><name>{}</name><description>{} — channel {}, {} MHz</description><Point><coordinates>{},{},0</coordinates></Point></Placemark>",
                crate::escape(&st.name),
                crate::escape(part),
                st.channel,
                st.frequency_mhz,
                st.lon_deg,
                st.lat_deg
            )
        })
        .collect();
    (!marks.is_empty()).then(|| {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document><name>{}</name>\n{}\n</Document></kml>\n",
            crate::escape(&s.title),
            marks.join("\n")
        )
    })
}
