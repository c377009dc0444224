//! `spectra study` and `spectra report` end to end: the README's study with few events writes
//! every output, and `spectra report` renders the saved results again in each format.
use std::path::Path;
use std::process::Command;

fn spectra(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_spectra")).args(args).output().expect("run spectra");
    (out.status.code().unwrap(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn study_then_report() {
    let study =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/studies/apt700-harmonisation.toml");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("study");
    let (code, err) =
        spectra(&["study", study.to_str().unwrap(), "--out", out.to_str().unwrap(), "--events", "500"]);
    assert_eq!(code, 0, "{err}");
    for f in ["results.json", "report.html", "report.md", "stations.geojson", "stations.kml"] {
        assert!(out.join(f).is_file(), "{f} missing");
    }
    assert!(std::fs::read_dir(out.join("charts")).unwrap().count() >= 6);
    let results = out.join("results.json");
    for (format, file) in [("html", "again.html"), ("md", "again.md"), ("csv", "again.csv")] {
        let target = dir.path().join(file);
        let (code, err) = spectra(&[
            "report",
            results.to_str().unwrap(),
            "--format",
            format,
            "--out",
            target.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{err}");
        assert!(std::fs::metadata(&target).unwrap().len() > 100);
    }
    // The regenerated HTML is the same document as the one the study wrote.
    assert_eq!(
        std::fs::read_to_string(out.join("report.html")).unwrap(),
        std::fs::read_to_string(dir.path().join("again.html")).unwrap()
    );
    assert!(dir.path().join("again-charts").is_dir());
    // Not a results file: exit 2 with the reason.
    let (code, err) = spectra(&["report", study.to_str().unwrap(), "--format", "html", "--out", "x.html"]);
    assert_eq!(code, 2);
    assert!(err.contains("not a study results document"), "{err}");
}
