//! `spectra study STUDY.toml --out DIR` runs a whole study and writes `results.json`,
//! `report.html`, `report.md` (with `charts/`), one CSV per part and, where stations have
//! coordinates, `stations.geojson` and `stations.kml`; `spectra report` renders
//! a saved `results.json` again.
use crate::error::CliError;
use crate::output::write_atomically;
use spectra_plan::study::{run_study, RunOptions, Study, StudyResults};
use spectra_report::{html, markdown, study};
use std::path::{Path, PathBuf};

/// Arguments of `spectra study`.
#[derive(Debug, clap::Args)]
pub struct StudyArgs {
    /// Study file (TOML).
    pub study: PathBuf,
    /// Output folder (created if needed).
    #[arg(long)]
    pub out: PathBuf,
    /// Events of every simulation, overriding the study and scenarios (e.g. a quick look).
    #[arg(long)]
    pub events: Option<u64>,
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long)]
    pub threads: Option<usize>,
}

/// Report formats of `spectra report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// One self-contained HTML file.
    Html,
    /// Markdown, with the charts as SVG files in `<FILE stem>-charts/`.
    Md,
    /// One CSV of every criterion of every part.
    Csv,
}

/// Arguments of `spectra report`.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// A `results.json` written by `spectra study`.
    pub results: PathBuf,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: ReportFormat,
    /// Output file.
    #[arg(long)]
    pub out: PathBuf,
}

fn write_text(path: &Path, text: &str) -> Result<(), CliError> {
    write_atomically(path, |w| w.write_all(text.as_bytes()).map_err(|e| CliError::io(path, e)))
}

fn write_markdown(results: &StudyResults, md_path: &Path, chart_dir_name: &str) -> Result<(), CliError> {
    let dir = md_path.parent().unwrap_or(Path::new("."));
    let md = markdown::render(&study::document(results), chart_dir_name);
    if !md.charts.is_empty() {
        std::fs::create_dir_all(dir.join(chart_dir_name))
            .map_err(|e| CliError::io(dir.join(chart_dir_name), e))?;
    }
    for (name, svg) in &md.charts {
        write_text(&dir.join(name), svg)?;
    }
    write_text(md_path, &md.text)
}

/// Runs `spectra study`.
pub fn run(args: StudyArgs) -> Result<(), CliError> {
    let text = std::fs::read_to_string(&args.study).map_err(|e| CliError::io(&args.study, e))?;
    let study = Study::parse(&text, &args.study).map_err(|e| CliError::Input(e.to_string()))?;
    let base = args.study.parent().map(Path::to_path_buf).unwrap_or_default();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .map_err(|e| CliError::Other(e.to_string()))?;
    let results = pool
        .install(|| run_study(&study, &text, &base, RunOptions { events: args.events }))
        .map_err(|e| CliError::Input(format!("{}: {e}", args.study.display())))?;
    std::fs::create_dir_all(&args.out).map_err(|e| CliError::io(&args.out, e))?;
    let json = serde_json::to_string_pretty(&results).map_err(|e| CliError::Other(e.to_string()))?;
    write_text(&args.out.join("results.json"), &json)?;
    for (name, csv) in study::csv_tables(&results) {
        write_text(&args.out.join(name), &csv)?;
    }
    if let Some(g) = study::geojson(&results) {
        write_text(&args.out.join("stations.geojson"), &g)?;
    }
    if let Some(k) = study::kml(&results) {
        write_text(&args.out.join("stations.kml"), &k)?;
    }
    write_markdown(&results, &args.out.join("report.md"), "charts")?;
    write_text(&args.out.join("report.html"), &html::render(&study::document(&results)))?;
    eprintln!("wrote {}", args.out.join("report.html").display());
    Ok(())
}

/// Runs `spectra report`.
pub fn report(args: ReportArgs) -> Result<(), CliError> {
    let text = std::fs::read_to_string(&args.results).map_err(|e| CliError::io(&args.results, e))?;
    let results: StudyResults = serde_json::from_str(&text).map_err(|e| {
        CliError::Input(format!(
            "{}: line {}: not a study results document written by `spectra study` ({e})",
            args.results.display(),
            e.line()
        ))
    })?;
    match args.format {
        ReportFormat::Html => write_text(&args.out, &html::render(&study::document(&results))),
        ReportFormat::Csv => write_text(&args.out, &study::summary_csv(&results)),
        ReportFormat::Md => {
            let stem = args.out.file_stem().map_or("report".into(), |s| s.to_string_lossy().into_owned());
            write_markdown(&results, &args.out, &format!("{stem}-charts"))
        }
    }
}
